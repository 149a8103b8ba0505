//! The typed model of a "7 Papers & Radios" digest.
//!
//! These types are the crate's public contract: they serialize to the JSON
//! documented in the crate root (snake_case keys, absent values as `null`,
//! lists as `[]`), and deserialize from it again.

use serde::{Deserialize, Serialize};

/// One parsed issue of the column: the issue itself, its featured papers,
/// its "ArXiv Weekly Radiostation" lists, what was stripped, and what looked odd.
///
/// ```
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 谷歌训练大模型
/// 论文 1：PaLM
/// 本周 10 篇 NLP 精选论文是：
/// 1. Complex-Valued Autoencoders for Object Discovery. (from Max Welling)
/// © THE END
/// ")?;
/// assert_eq!(digest.papers.len(), 1);
/// assert_eq!(digest.radio.len(), 1);
/// assert_eq!(digest.stripped.boilerplate, ["© THE END"]);
/// // Every type round-trips through serde.
/// let json = serde_json::to_string(&digest).unwrap();
/// assert_eq!(serde_json::from_str::<paper_digest::Digest>(&json).unwrap(), digest);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Digest {
    /// The issue: title, headlines, date, intro and contents.
    pub issue: Issue,
    /// The featured papers, in page order.
    pub papers: Vec<Paper>,
    /// The radio lists (NLP, CV, ML), in page order.
    pub radio: Vec<RadioList>,
    /// Site furniture that was removed from the content, kept for audit.
    pub stripped: Stripped,
    /// Anomalies found while parsing; the digest is still usable.
    pub warnings: Vec<Warning>,
}

impl Digest {
    /// Every paper of the issue in page order: the featured papers, then the
    /// entries of each radio list, each saying where it came from.
    ///
    /// ```
    /// use paper_digest::PaperRef;
    ///
    /// let digest = paper_digest::parse("\
    /// 7 Papers & Radios | 标题
    /// 论文 1：PaLM: Scaling Language Modeling with Pathways
    /// 本周 10 篇 NLP 精选论文是：
    /// 1. Complex-Valued Autoencoders for Object Discovery. (from Max Welling)
    /// ")?;
    /// let titles: Vec<_> = digest.every_paper().map(|p| (p.section(), p.title())).collect();
    /// assert_eq!(titles, [
    ///     ("featured", "PaLM: Scaling Language Modeling with Pathways"),
    ///     ("NLP", "Complex-Valued Autoencoders for Object Discovery"),
    /// ]);
    /// assert!(matches!(digest.every_paper().nth(1), Some(PaperRef::Radio { .. })));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    pub fn every_paper(&self) -> impl Iterator<Item = PaperRef<'_>> + '_ {
        let featured = self.papers.iter().map(PaperRef::Featured);
        let radio = self.radio.iter().flat_map(|list| {
            list.entries
                .iter()
                .map(move |entry| PaperRef::Radio { list, entry })
        });
        featured.chain(radio)
    }
}

/// One paper of an issue, wherever it stands: a featured [`Paper`] or an
/// entry of a [`RadioList`]. [`Digest::every_paper`] yields them.
///
/// ```
/// let digest = paper_digest::parse(
///     "7 Papers & Radios | 标题\n论文 1：PaLM\n作者：Aakanksha Chowdhery\n论文链接：https://arxiv.org/abs/2204.02311\n",
/// )?;
/// let paper = digest.every_paper().next().unwrap();
/// assert_eq!((paper.number(), paper.title(), paper.arxiv_id()), (1, "PaLM", Some("2204.02311")));
/// assert_eq!(paper.authors(), ["Aakanksha Chowdhery"]);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaperRef<'a> {
    /// A featured paper (`论文 N:`).
    Featured(&'a Paper),
    /// An entry of a radio list.
    Radio {
        /// The list the entry belongs to.
        list: &'a RadioList,
        /// The entry.
        entry: &'a RadioEntry,
    },
}

impl<'a> PaperRef<'a> {
    /// The paper's title.
    pub fn title(&self) -> &'a str {
        match self {
            PaperRef::Featured(p) => &p.title,
            PaperRef::Radio { entry, .. } => &entry.title,
        }
    }

    /// The paper's number within its section.
    pub fn number(&self) -> u32 {
        match self {
            PaperRef::Featured(p) => p.number,
            PaperRef::Radio { entry, .. } => entry.number,
        }
    }

    /// The authors of a featured paper, the `from` names of a radio entry.
    pub fn authors(&self) -> &'a [String] {
        match self {
            PaperRef::Featured(p) => &p.authors,
            PaperRef::Radio { entry, .. } => &entry.from,
        }
    }

    /// The arXiv identifier of a featured paper's links (radio entries carry none).
    pub fn arxiv_id(&self) -> Option<&'a str> {
        match self {
            PaperRef::Featured(p) => p.arxiv_id(),
            PaperRef::Radio { .. } => None,
        }
    }

    /// Where the paper stands: `featured`, a radio list's category (`NLP`,
    /// `CV`, `ML`), or `radio` for a list without one.
    pub fn section(&self) -> &'static str {
        match self {
            PaperRef::Featured(_) => "featured",
            PaperRef::Radio { list, .. } => list.category.map_or("radio", Category::as_str),
        }
    }
}

/// The issue-level facts of a digest.
///
/// ```
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 谷歌训练大模型；费米实验室登《科学》封面
/// 2022 年 4 月 10 日 机器之心
/// 参与：杜伟、楚航
/// 本周论文包括谷歌的 PaLM 等研究。
/// 论文 1：PaLM
/// ")?;
/// let issue = &digest.issue;
/// assert_eq!(issue.series.as_deref(), Some("7 Papers & Radios"));
/// assert_eq!(issue.headlines, ["谷歌训练大模型", "费米实验室登《科学》封面"]);
/// assert_eq!(issue.date.map(|d| d.to_string()).as_deref(), Some("2022-04-10"));
/// assert_eq!(issue.contributors, ["杜伟", "楚航"]);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Issue {
    /// The title as written, e.g. `7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型;…`.
    pub title: Option<String>,
    /// The part of the title before `|`, e.g. `7 Papers & Radios`.
    pub series: Option<String>,
    /// The part of the title after `|`, split on `;` and `；`.
    pub headlines: Vec<String>,
    /// The issue date, from the page text or its metadata; serialized as
    /// ISO 8601 (`"2022-03-06"`).
    pub date: Option<crate::Date>,
    /// The publishing source (`机器之心`) where the page names it.
    pub source: Option<String>,
    /// The people named on a `参与:` line.
    pub contributors: Vec<String>,
    /// The intro paragraph (`本周论文包括…`).
    pub summary: Option<String>,
    /// The table of contents, numbering removed, every entry kept.
    pub contents: Vec<String>,
}

/// One featured paper.
///
/// ```
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 标题
/// 论文 1：PaLM: Scaling Language Modeling with Pathways
/// 作者：Aakanksha Chowdhery 、 Sharan Narang 等
/// 论文链接：https://arxiv.org/abs/2204.02311
/// 摘要：谷歌训练了一个大模型。
/// 推荐：值得一读。
/// ")?;
/// let paper = &digest.papers[0];
/// assert_eq!((paper.number, paper.title.as_str()), (1, "PaLM: Scaling Language Modeling with Pathways"));
/// assert_eq!(paper.authors, ["Aakanksha Chowdhery", "Sharan Narang"]);
/// assert!(paper.et_al);
/// assert_eq!(paper.abstract_text.as_deref(), Some("谷歌训练了一个大模型。"));
/// assert_eq!(paper.recommendation.as_deref(), Some("值得一读。"));
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Paper {
    /// The paper's number, from its `论文 N:` heading.
    pub number: u32,
    /// The title as in the `论文 N:` heading.
    pub title: String,
    /// The authors as listed, trimmed, affiliation marks removed.
    pub authors: Vec<String>,
    /// Whether the author list ends with `等` or `et al.`.
    pub et_al: bool,
    /// The paper's links (paper, project, code, download).
    pub links: Vec<Link>,
    /// The abstract paragraphs joined with `\n`, figure captions removed.
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    /// Figures: images and captions found with the paper.
    pub figures: Vec<Figure>,
    /// The `推荐` text.
    pub recommendation: Option<String>,
    /// The `论文 N:` heading's own title, when [`title`](Self::title) was
    /// taken from the contents instead: where the two differ only in white
    /// space (a site that squashed the heading's spaces,
    /// `BalanceControlof aNovelWheel-leggedRobot`), the title is the
    /// contents' spaced one and the heading's text is kept here. `None`
    /// otherwise, and then left out of the JSON.
    ///
    /// ```
    /// let digest = paper_digest::parse(
    ///     "7 Papers & Radios | 标题\n目录\n1. Balance Control of a Novel Robot\n\
    ///      论文 1：BalanceControlof aNovelRobot\n作者：张三\n",
    /// )?;
    /// let paper = &digest.papers[0];
    /// assert_eq!(paper.title, "Balance Control of a Novel Robot");
    /// assert_eq!(paper.heading_title.as_deref(), Some("BalanceControlof aNovelRobot"));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_title: Option<String>,
}

impl Paper {
    /// The paper's arXiv identifier: the first one among its links.
    ///
    /// ```
    /// let digest = paper_digest::parse(
    ///     "7 Papers & Radios | 标题\n论文 1：PaLM\n论文链接：https://arxiv.org/abs/2204.02311\n",
    /// )?;
    /// assert_eq!(digest.papers[0].arxiv_id(), Some("2204.02311"));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    pub fn arxiv_id(&self) -> Option<&str> {
        self.links.iter().find_map(|l| l.arxiv_id.as_deref())
    }

    /// The first link of a kind, such as the code.
    ///
    /// ```
    /// use paper_digest::LinkKind;
    ///
    /// let digest = paper_digest::parse(
    ///     "7 Papers & Radios | 标题\n论文 1：StyleGAN3\n项目地址：https://github.com/NVlabs/stylegan3\n",
    /// )?;
    /// let code = digest.papers[0].link(LinkKind::Code).and_then(|l| l.url.as_deref());
    /// assert_eq!(code, Some("https://github.com/NVlabs/stylegan3"));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    pub fn link(&self, kind: LinkKind) -> Option<&Link> {
        self.links.iter().find(|l| l.kind == kind)
    }
}

/// A labelled link of a paper, such as `论文链接：https://arxiv.org/abs/2203.15556`.
///
/// ```
/// use paper_digest::LinkKind;
///
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 标题
/// 论文 1：某论文
/// 论文链接：https://arxiv.org/abs/2203.15556
/// 网盘链接：https://pan.baidu.com/s/1abc 密码：9qzz
/// ")?;
/// let links = &digest.papers[0].links;
/// assert_eq!(links[0].label, "论文链接");
/// assert_eq!(links[0].arxiv_id.as_deref(), Some("2203.15556"));
/// assert_eq!(links[0].kind, LinkKind::Abstract);
/// assert_eq!(links[1].password.as_deref(), Some("9qzz"));
/// assert_eq!(links[1].kind, LinkKind::Other);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Link {
    /// The label as written: `论文链接`, `项目地址`, `网盘链接`, …
    pub label: String,
    /// The URL, or `None` where the page gave none.
    pub url: Option<String>,
    /// The text written after the label when it holds no `http(s)://` URL, as
    /// written (`arXiv:2204.02311`, `arxiv.org/abs/2204.02311`, `见文末`);
    /// `None` when the link has a URL or nothing was written.
    pub text: Option<String>,
    /// The arXiv identifier without its version (`2203.15556`, `hep-th/9901001`),
    /// from an arXiv URL (host `arxiv.org` or a subdomain of it) or from the
    /// link's text (`arXiv:2203.15556v2`, `arxiv.org/abs/…` without a scheme).
    pub arxiv_id: Option<String>,
    /// The arXiv version (`2` for `2203.15556v2`) when the link names one.
    pub arxiv_version: Option<u32>,
    /// The download password (`密码` / `提取码`) of a file-sharing link.
    pub password: Option<String>,
    /// What the link points at, decided from the label and the URL
    /// ([`LinkKind::of`]). Absent in JSON written before it existed, where
    /// it reads as [`LinkKind::Other`].
    #[serde(default)]
    pub kind: LinkKind,
}

/// What a [`Link`] points at: the paper's abstract page, its PDF, code, a
/// project page, a dataset, a demo, a video, or something else.
///
/// ```
/// use paper_digest::LinkKind;
///
/// assert_eq!(LinkKind::of("论文链接", Some("https://arxiv.org/abs/2203.15556")), LinkKind::Abstract);
/// assert_eq!(LinkKind::of("论文链接", Some("https://arxiv.org/pdf/2203.15556")), LinkKind::Pdf);
/// assert_eq!(LinkKind::of("项目地址", Some("https://github.com/NVlabs/stylegan3")), LinkKind::Code);
/// assert_eq!(LinkKind::of("项目主页", Some("https://nvlabs.github.io/stylegan3")), LinkKind::Project);
/// assert_eq!(LinkKind::Code.as_str(), "code");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LinkKind {
    /// The paper's abstract or landing page (arXiv `abs/`, OpenReview
    /// forum, ACL Anthology, a DOI, a journal page).
    Abstract,
    /// The paper's PDF.
    Pdf,
    /// Source code or model weights (GitHub, GitLab, Gitee, a Hugging Face
    /// model, a link labelled `代码`).
    Code,
    /// A project page (`项目主页`, a `github.io` site).
    Project,
    /// A dataset (`数据集`, Hugging Face datasets, Kaggle, Zenodo).
    Dataset,
    /// An interactive demo (`Demo`, `试玩`, Hugging Face Spaces).
    Demo,
    /// A video (`视频`, YouTube, bilibili).
    Video,
    /// Anything else, such as a file-sharing link (`网盘链接`); also a kind
    /// read from JSON that this version does not know.
    #[default]
    #[serde(other)]
    Other,
}

impl LinkKind {
    /// The kind as it appears in JSON: `abstract`, `pdf`, `code`, …
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Abstract => "abstract",
            LinkKind::Pdf => "pdf",
            LinkKind::Code => "code",
            LinkKind::Project => "project",
            LinkKind::Dataset => "dataset",
            LinkKind::Demo => "demo",
            LinkKind::Video => "video",
            LinkKind::Other => "other",
        }
    }
}

impl std::fmt::Display for LinkKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A figure of a paper: an image, a caption, or both.
///
/// ```
/// let digest = paper_digest::parse(
///     "# 7 Papers & Radios | 标题\n\n**论文 1：某论文**\n\n![](https://img.example.com/1.png)\n\n*图 1 网络结构*\n",
/// )?;
/// let figure = &digest.papers[0].figures[0];
/// assert_eq!(figure.image.as_deref(), Some("https://img.example.com/1.png"));
/// assert_eq!(figure.caption.as_deref(), Some("图 1 网络结构"));
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Figure {
    /// The image URL.
    pub image: Option<String>,
    /// The caption, e.g. `图 2 网络结构`.
    pub caption: Option<String>,
}

/// The category a radio list covers, as its heading names it.
///
/// More categories may be added; match with a wildcard arm.
///
/// ```
/// use paper_digest::Category;
///
/// let digest = paper_digest::parse("7 Papers & Radios | 标题\n本周 10 篇 CV 精选论文是：\n1. A. (from B)\n")?;
/// assert_eq!(digest.radio[0].category, Some(Category::Cv));
/// assert_eq!(Category::Cv.to_string(), "CV");
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Category {
    /// Natural language processing.
    #[serde(rename = "NLP")]
    Nlp,
    /// Computer vision.
    #[serde(rename = "CV")]
    Cv,
    /// Machine learning.
    #[serde(rename = "ML")]
    Ml,
}

impl Category {
    /// The category's short name, as used in headings and JSON: `NLP`, `CV` or `ML`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Nlp => "NLP",
            Category::Cv => "CV",
            Category::Ml => "ML",
        }
    }
}

/// Reads a category leniently: one this version does not know (written by a
/// newer one) is `None`, as for a heading that names no known field.
fn known_category<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Category>, D::Error> {
    let name = Option::<String>::deserialize(d)?;
    Ok(name.and_then(|name| {
        [Category::Nlp, Category::Cv, Category::Ml]
            .into_iter()
            .find(|c| c.as_str() == name)
    }))
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One "ArXiv Weekly Radiostation" list, such as `本周 10 篇 NLP 精选论文是`.
///
/// ```
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 标题
/// 本周 10 篇 NLP 精选论文是：
/// 1. Complex-Valued Autoencoders for Object Discovery. (from Max Welling)
/// 2. Chordal Sparsity for Lipschitz Constant Estimation. (from George J. Pappas, Rajeev Alur)
/// ")?;
/// let list = &digest.radio[0];
/// assert_eq!(list.heading.as_deref(), Some("本周 10 篇 NLP 精选论文是"));
/// assert_eq!(list.entries.len(), 2);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RadioList {
    /// The heading as written (without its trailing colon), or `None` where the page lost it.
    pub heading: Option<String>,
    /// The category the heading names (`NLP`/`自然语言处理`, `CV`/`计算机视觉`,
    /// `ML`/`机器学习`). `None` when the list has no heading, and also when its
    /// heading names another field (`本周 10 篇 RL 精选论文是`): never guessed.
    /// A category read from JSON that this version does not know is `None`.
    #[serde(deserialize_with = "known_category")]
    pub category: Option<Category>,
    /// The entries in order.
    pub entries: Vec<RadioEntry>,
}

/// One entry of a radio list: `6. Chordal Sparsity … (from George J. Pappas, Rajeev Alur)`.
///
/// ```
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 标题
/// 本周 10 篇 ML 精选论文是：
/// 6. Chordal Sparsity for Lipschitz Constant Estimation. (from George J. Pappas, Rajeev Alur)
/// ")?;
/// let entry = &digest.radio[0].entries[0];
/// assert_eq!(entry.number, 6);
/// assert_eq!(entry.title, "Chordal Sparsity for Lipschitz Constant Estimation");
/// assert_eq!(entry.from, ["George J. Pappas", "Rajeev Alur"]);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RadioEntry {
    /// The entry's number as written.
    pub number: u32,
    /// The title, without its trailing period.
    pub title: String,
    /// The names in `(from …)`, split on commas.
    pub from: Vec<String>,
}

/// What was removed from the content, kept for audit.
///
/// ```
/// let digest = paper_digest::parse("\
/// 7 Papers & Radios | 标题
/// 论文 1：某论文
/// © THE END
/// 转载请联系本公众号获得授权
/// ")?;
/// assert_eq!(digest.stripped.boilerplate, ["© THE END", "转载请联系本公众号获得授权"]);
/// assert!(digest.stripped.ads.is_empty() && digest.stripped.trending.is_empty());
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stripped {
    /// Copyright lines, "关注公众号" prompts, column boilerplate, site navigation.
    pub boilerplate: Vec<String>,
    /// Advertisements, with their link where they had one.
    pub ads: Vec<Ad>,
    /// Trending lists ("hot lists") the page carried.
    pub trending: Vec<Trending>,
}

/// An advertisement found in the page's trailer.
///
/// ```
/// let ad = paper_digest::Ad { text: "广告：新品上市".into(), url: Some("https://shop.example.com".into()) };
/// let json = serde_json::to_value(&ad).unwrap();
/// assert_eq!(json, serde_json::json!({ "text": "广告：新品上市", "url": "https://shop.example.com" }));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ad {
    /// The ad's text, without its URL.
    pub text: String,
    /// The ad's URL.
    pub url: Option<String>,
}

/// One item of a trending list: `- 1 准确把握守正创新的辩证关系 7993401`.
///
/// ```
/// let item = paper_digest::Trending { rank: 1, title: "准确把握守正创新的辩证关系".into(), heat: Some(7993401) };
/// let json = serde_json::to_value(&item).unwrap();
/// assert_eq!(json["heat"], 7993401);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Trending {
    /// The item's rank.
    pub rank: u32,
    /// The item's title.
    pub title: String,
    /// The heat figure, when the list gives one.
    pub heat: Option<u64>,
}

/// An anomaly found while parsing.
///
/// ```
/// use paper_digest::WarningCode;
///
/// let digest = paper_digest::parse("7 Papers & Radios | 标题\n论文 1：某论文\n")?;
/// let codes: Vec<WarningCode> = digest.warnings.iter().map(|w| w.code).collect();
/// assert!(codes.contains(&WarningCode::PaperWithoutLink));
/// assert!(digest.warnings.iter().all(|w| !w.message.is_empty()));
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// A stable, machine-readable code.
    pub code: WarningCode,
    /// A human-readable description, quoting the text concerned.
    #[serde(default)]
    pub message: String,
    /// The 1-based line of the logical line stream the warning is about (for
    /// plain text and Markdown the input line), when it is about one line.
    #[serde(default)]
    pub line: Option<usize>,
}

impl Warning {
    /// A warning of this kind, with its message and the line it is about.
    pub(crate) fn new(code: WarningCode, message: String, line: Option<usize>) -> Self {
        Warning {
            code,
            message,
            line,
        }
    }
}

/// How many characters of page text a warning quotes at most: a line, a
/// title or a name is quoted whole up to this length, and past it cut with
/// `…` (a page whose one title is 30 MiB once wrote three warnings of 30 MiB
/// each).
pub(crate) const QUOTE_CHARS: usize = 200;

/// `text` as a warning quotes it: whole up to [`QUOTE_CHARS`] characters,
/// else its first `QUOTE_CHARS` characters and `…`. The one place every
/// warning (and error) message that quotes page text goes through.
pub(crate) fn quote(text: &str) -> std::borrow::Cow<'_, str> {
    shorten(text, QUOTE_CHARS)
}

pub(crate) use crate::text::shorten;

/// The stable codes of [`Warning`]s. They serialize as snake_case strings.
///
/// ```
/// use paper_digest::WarningCode;
///
/// assert_eq!(WarningCode::RadioListWithoutHeading.as_str(), "radio_list_without_heading");
/// let json = serde_json::to_string(&WarningCode::UnplacedLine).unwrap();
/// assert_eq!(json, "\"unplaced_line\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// No digest title was found; `issue.title` is `None` or comes from page metadata.
    MissingTitle,
    /// A radio list started without its `本周 N 篇 … 精选论文是` heading.
    RadioListWithoutHeading,
    /// A radio list holds fewer entries than its heading announces.
    RadioListShort,
    /// The contents name a different number of papers than were found.
    ContentsMismatch,
    /// A paper has no link.
    PaperWithoutLink,
    /// A paper has no abstract.
    PaperWithoutAbstract,
    /// A paper has no author line.
    PaperWithoutAuthors,
    /// Paper numbers are not 1, 2, 3, … in order.
    PaperNumberOutOfOrder,
    /// A line could not be placed in any field; its text is in the message.
    UnplacedLine,
    /// A link label (`论文链接：`) with nothing usable after it: no URL, and no
    /// text on its line or the next.
    LinkWithoutUrl,
    /// A date that is not on the calendar (`2022年2月31日`); it is quoted in the
    /// message and the field is `null`.
    InvalidDate,
    /// A number too large for its field (a trending list's heat figure); it
    /// is quoted in the message and the field is `null`.
    InvalidNumber,
    /// The input holds more digests after this one (a dump of several
    /// issues, or the same issue saved twice); the message says how many,
    /// where the next begins and whether it repeats this one.
    /// [`parse_all`](crate::parse_all) returns every one.
    MoreDigestsFollow,
    /// The page ends where the digest cannot have ended: in its header,
    /// inside a paper before its abstract or recommendation, inside a radio
    /// list shorter than its heading announces, before the papers or radio
    /// lists its contents announce, or on a character cut in half.
    ///
    /// ```
    /// use paper_digest::{parse, WarningCode};
    ///
    /// let cut = "7 Papers & Radios | 标题\n论文 1：A Title\n作者：张三\n";
    /// let digest = parse(cut)?;
    /// let warning = digest.warnings.iter().find(|w| w.code == WarningCode::PageTruncated);
    /// assert_eq!(warning.and_then(|w| w.line), Some(3));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    PageTruncated,
    /// Bytes that are invalid in the page's encoding were replaced with
    /// U+FFFD; the warning's line is the line that holds them.
    InvalidBytes,
    /// The page has a digest's shape but neither the column's title
    /// (`7 Papers & Radios`) nor its byline (`机器之心`): another outlet's
    /// roundup written in the column's grammar, or a copy of the column that
    /// lost both. A crawl that wants only the column keeps the digests
    /// without this code.
    SeriesUnconfirmed,
    /// An entry of a name list (authors, contributors, a radio entry's
    /// `from`) that cannot be a name: it holds no letter (`123`, `-2+3`).
    /// It is kept as written; the message quotes it.
    ///
    /// ```
    /// use paper_digest::{parse, WarningCode};
    ///
    /// let digest = parse("7 Papers & Radios | 标题\n论文 1：T\n作者：Team42、123\n")?;
    /// assert_eq!(digest.papers[0].authors, ["Team42", "123"]);
    /// let warning = digest.warnings.iter().find(|w| w.code == WarningCode::ImplausibleName);
    /// assert_eq!(warning.and_then(|w| w.line), Some(3));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    ImplausibleName,
    /// A code this version does not know, read from JSON written by a newer
    /// one. The parser never produces it.
    #[serde(other)]
    Other,
}

impl WarningCode {
    /// The code as it appears in JSON, e.g. `radio_list_without_heading`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::MissingTitle => "missing_title",
            WarningCode::RadioListWithoutHeading => "radio_list_without_heading",
            WarningCode::RadioListShort => "radio_list_short",
            WarningCode::ContentsMismatch => "contents_mismatch",
            WarningCode::PaperWithoutLink => "paper_without_link",
            WarningCode::PaperWithoutAbstract => "paper_without_abstract",
            WarningCode::PaperWithoutAuthors => "paper_without_authors",
            WarningCode::PaperNumberOutOfOrder => "paper_number_out_of_order",
            WarningCode::UnplacedLine => "unplaced_line",
            WarningCode::MoreDigestsFollow => "more_digests_follow",
            WarningCode::LinkWithoutUrl => "link_without_url",
            WarningCode::InvalidDate => "invalid_date",
            WarningCode::InvalidNumber => "invalid_number",
            WarningCode::PageTruncated => "page_truncated",
            WarningCode::InvalidBytes => "invalid_bytes",
            WarningCode::SeriesUnconfirmed => "series_unconfirmed",
            WarningCode::ImplausibleName => "implausible_name",
            WarningCode::Other => "other",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// URL helpers: the links most callers want, without naming a [`LinkKind`].
impl Paper {
    /// The URL of the paper's code (the first [`LinkKind::Code`] link with
    /// a URL).
    ///
    /// ```
    /// let digest = paper_digest::parse(
    ///     "7 Papers & Radios | 标题\n论文 1：StyleGAN3\n项目地址：https://github.com/NVlabs/stylegan3\n",
    /// )?;
    /// assert_eq!(digest.papers[0].code_url(), Some("https://github.com/NVlabs/stylegan3"));
    /// assert_eq!(digest.papers[0].paper_url(), None);
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    pub fn code_url(&self) -> Option<&str> {
        self.url_of(LinkKind::Code)
    }

    /// The URL of the paper itself: its abstract page
    /// ([`LinkKind::Abstract`]), else its PDF ([`LinkKind::Pdf`]).
    ///
    /// ```
    /// let digest = paper_digest::parse(
    ///     "7 Papers & Radios | 标题\n论文 1：Chinchilla\n论文链接：https://arxiv.org/pdf/2203.15556.pdf\n",
    /// )?;
    /// assert_eq!(digest.papers[0].paper_url(), Some("https://arxiv.org/pdf/2203.15556.pdf"));
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    pub fn paper_url(&self) -> Option<&str> {
        self.url_of(LinkKind::Abstract)
            .or_else(|| self.url_of(LinkKind::Pdf))
    }

    fn url_of(&self, kind: LinkKind) -> Option<&str> {
        self.links
            .iter()
            .filter(|l| l.kind == kind)
            .find_map(|l| l.url.as_deref())
    }
}
