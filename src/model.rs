//! The typed model of a "7 Papers & Radios" digest.
//!
//! These types are the crate's public contract: they serialize to the JSON
//! documented in the crate root (snake_case keys, absent values as `null`,
//! lists as `[]`), and deserialize from it again.

use serde::{Deserialize, Serialize};

/// One parsed issue of the column: the issue itself, its featured papers,
/// its "ArXiv Weekly Radiostation" lists, what was stripped, and what looked odd.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// The issue-level facts of a digest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The title as written, e.g. `7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型;…`.
    pub title: Option<String>,
    /// The part of the title before `|`, e.g. `7 Papers & Radios`.
    pub series: Option<String>,
    /// The part of the title after `|`, split on `;` and `；`.
    pub headlines: Vec<String>,
    /// The issue date as ISO 8601 (`2022-03-06`), from the page text or its metadata.
    pub date: Option<String>,
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A labelled link of a paper, such as `论文链接：https://arxiv.org/abs/2203.15556`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The label as written: `论文链接`, `项目地址`, `网盘链接`, …
    pub label: String,
    /// The URL, or `None` where the page lost it.
    pub url: Option<String>,
    /// The arXiv identifier (`2203.15556`) when the URL is an arXiv one.
    pub arxiv_id: Option<String>,
    /// The download password (`密码` / `提取码`) of a file-sharing link.
    pub password: Option<String>,
}

/// A figure of a paper: an image, a caption, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// The image URL.
    pub image: Option<String>,
    /// The caption, e.g. `图 2 网络结构`.
    pub caption: Option<String>,
}

/// The category a radio list covers, as its heading names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One "ArXiv Weekly Radiostation" list, such as `本周 10 篇 NLP 精选论文是`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RadioList {
    /// The heading as written (without its trailing colon), or `None` where the page lost it.
    pub heading: Option<String>,
    /// The category the heading names; `None` when there is no heading (never guessed).
    pub category: Option<Category>,
    /// The entries in order.
    pub entries: Vec<RadioEntry>,
}

/// One entry of a radio list: `6. Chordal Sparsity … (from George J. Pappas, Rajeev Alur)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RadioEntry {
    /// The entry's number as written.
    pub number: u32,
    /// The title, without its trailing period.
    pub title: String,
    /// The names in `(from …)`, split on commas.
    pub from: Vec<String>,
}

/// What was removed from the content, kept for audit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stripped {
    /// Copyright lines, "关注公众号" prompts, column boilerplate, site navigation.
    pub boilerplate: Vec<String>,
    /// Advertisements, with their link where they had one.
    pub ads: Vec<Ad>,
    /// Trending lists ("hot lists") the page carried.
    pub trending: Vec<Trending>,
}

/// An advertisement found in the page's trailer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ad {
    /// The ad's text, without its URL.
    pub text: String,
    /// The ad's URL.
    pub url: Option<String>,
}

/// One item of a trending list: `- 1 准确把握守正创新的辩证关系 7993401`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trending {
    /// The item's rank.
    pub rank: u32,
    /// The item's title.
    pub title: String,
    /// The heat figure, when the list gives one.
    pub heat: Option<u64>,
}

/// An anomaly found while parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// A stable, machine-readable code.
    pub code: WarningCode,
    /// A human-readable description, quoting the text concerned.
    pub message: String,
    /// The 1-based line of the logical line stream the warning is about (for
    /// plain text and Markdown the input line), when it is about one line.
    pub line: Option<usize>,
}

/// The stable codes of [`Warning`]s. They serialize as snake_case strings.
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
            WarningCode::PageTruncated => "page_truncated",
            WarningCode::InvalidBytes => "invalid_bytes",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
