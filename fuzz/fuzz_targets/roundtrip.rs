//! Structured target: an arbitrary digest, written as a page the way real
//! copies vary, parses back to the same content; cut anywhere, it says so.
//!
//! The generator draws a digest and writes it line by line as plain text,
//! choosing for every line one of the forms real copies use: colons half- or
//! full-width, bullets and indentation, every link label and alias, a URL on
//! its own line, passwords inline or on their own line, captions (`图 N`,
//! `Figure N:`), contents under `目录` (numbered or not), without it, or as a
//! first run of `论文 N` headings, radio headings of each category (spaced or
//! not, English or Chinese), entry numbering and `(from …)` forms, lists that
//! lost their heading, audio lines, furniture before the title and after the
//! content, blank lines, CRLF. The expected digest is built alongside, so the
//! check is exact. The same digest is also rendered by `paper_digest::render`
//! as Markdown and HTML and read back.
//!
//! Then the page is cut at a byte the input chooses. When the digest is
//! complete (every paper has its abstract and recommendation, the contents
//! announce every paper and radio list, every list is as long as the others),
//! the cut page either carries a `page_truncated` warning or kept the whole
//! digest; the whole page carries none.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use paper_digest::{
    Category, Digest, Figure, Format, Issue, Link, LinkKind, Paper, Parser, RadioEntry,
    RadioList, WarningCode, render,
};

const WORDS: &[&str] = &[
    "Scaling",
    "Language",
    "Models",
    "Vision",
    "Transformers",
    "Graph",
    "Learning",
    "Neural",
    "Diffusion",
    "Agents",
    "with",
    "for",
    "Self-Supervised",
    "of",
];
const ZH: &[&str] = &[
    "模型", "训练", "研究", "方法", "图像", "语言", "推理", "数据", "性能", "结构",
];
const NAMES: &[&str] = &[
    "Jordan Hoffmann",
    "Sebastian Borgeaud",
    "张三",
    "李四",
    "Max Welling",
    "Li Fei-Fei",
    "George J. Pappas",
    "杜伟",
    "Yann LeCun",
];
/// Every link label form the grammar reads: the column's own, and the
/// endings and English words it generalizes from.
const LABELS: &[&str] = &[
    "论文链接",
    "论文地址",
    "项目地址",
    "代码地址",
    "项目主页",
    "网盘链接",
    "GitHub 地址",
    "Github",
    "代码",
    "项目页面",
    "数据集网址",
    "arXiv",
    "Paper",
    "Code",
    "Project page",
    "Homepage",
    "URL",
];
const COLONS: &[&str] = &[":", "：", " : ", "： ", " ："];
const BULLETS: &[&str] = &["", "", "", "- ", "• ", "* ", "  ", "\u{3000}", "\u{200B}"];
const NAV: &[&str] = &["首页", "科技频道 > 人工智能", "登录 注册", "分享到:"];
const TRAILER: &[&str] = &[
    "© THE END",
    "转载请联系本公众号获得授权",
    "关注公众号:拾黑(shiheibook)了解更多",
    "四季很好,只要有你,文娱排行榜:https://www.yaopaiming.com/",
    "- 1 准确把握守正创新的辩证关系 7993401",
    "随时掌握互联网精彩",
    "[广告]赞助链接:",
];

fn pick<'a>(u: &mut Unstructured<'_>, from: &[&'a str]) -> Result<&'a str> {
    u.choose(from).copied()
}

fn words(
    u: &mut Unstructured<'_>,
    from: &[&str],
    sep: &str,
    min: usize,
    max: usize,
) -> Result<String> {
    let n = u.int_in_range(min..=max)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(pick(u, from)?);
    }
    Ok(out.join(sep))
}

fn names(u: &mut Unstructured<'_>, min: usize, max: usize) -> Result<Vec<String>> {
    let n = u.int_in_range(min..=max)?;
    (0..n).map(|_| pick(u, NAMES).map(str::to_owned)).collect()
}

fn sentence(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(format!("{}。", words(u, ZH, "", 2, 8)?))
}

/// A page being written: its lines, and where its first paper or radio
/// entry ends (before that a cut page may not be a digest at all).
#[derive(Default)]
struct Page {
    lines: Vec<String>,
    first_structure: Option<usize>,
}

impl Page {
    /// A line with white space (or invisible characters) around it, and
    /// sometimes a blank line after it.
    fn line(&mut self, text: String, u: &mut Unstructured<'_>) -> Result<()> {
        let lead = pick(u, &["", "", "  ", "\u{3000}", "\u{200B}"])?;
        self.push(lead, text, u)
    }

    /// A line that may also carry a list bullet (markers and headings).
    fn bulleted(&mut self, text: String, u: &mut Unstructured<'_>) -> Result<()> {
        let lead = pick(u, BULLETS)?;
        self.push(lead, text, u)
    }

    fn push(&mut self, lead: &str, text: String, u: &mut Unstructured<'_>) -> Result<()> {
        let trail = pick(u, &["", "", " ", "\u{200B}"])?;
        self.lines.push(format!("{lead}{text}{trail}"));
        if u.ratio(1, 8)? {
            self.lines
                .push(pick(u, &["", "  ", "\u{3000}"])?.to_owned());
        }
        Ok(())
    }

    /// The last line written is a paper heading or a radio entry.
    fn structure(&mut self) {
        if self.first_structure.is_none() {
            let blank = self.lines.last().is_some_and(|l| l.trim().is_empty());
            self.first_structure = Some(self.lines.len() - usize::from(blank));
        }
    }

    fn join(&self, crlf: bool) -> (String, usize) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut out = String::new();
        let mut first = usize::MAX;
        for (i, line) in self.lines.iter().enumerate() {
            out.push_str(line);
            out.push_str(eol);
            if Some(i + 1) == self.first_structure {
                first = out.len();
            }
        }
        (out, first)
    }
}

fn names_line(u: &mut Unstructured<'_>, names: &[String]) -> Result<String> {
    let sep = pick(u, &["、", " 、 ", ", ", "，"])?;
    Ok(names.join(sep))
}

/// A link and the line(s) that write it.
fn link(u: &mut Unstructured<'_>, page: &mut Page, i: usize) -> Result<Link> {
    let label = pick(u, LABELS)?;
    let colon = pick(u, COLONS)?;
    // A new-style identifier: YYMM with a real month, then five digits.
    let id = format!(
        "{:02}{:02}.{:05}",
        u.int_in_range(10..=25u32)?,
        u.int_in_range(1..=12u32)?,
        u.int_in_range(0..=99_999u32)?
    );
    let (url, arxiv_id, arxiv_version) = match u.int_in_range(0..=4)? {
        0 => (format!("https://arxiv.org/abs/{id}"), Some(id), None),
        1 => (format!("https://arxiv.org/pdf/{id}.pdf"), Some(id), None),
        2 => (format!("https://arxiv.org/abs/{id}v2"), Some(id), Some(2)),
        3 => (
            "http://arxiv.org/abs/cs/0112017".to_owned(),
            Some("cs/0112017".to_owned()),
            None,
        ),
        _ => (format!("https://github.com/lab/repo{i}"), None, None),
    };
    let password = u.ratio(1, 4)?.then(|| format!("{:04x}", i * 7919 + 4096));
    match (u.int_in_range(0..=3)?, &password) {
        (0, Some(pw)) => page.bulleted(
            format!("{label}{colon}{url} 密码{}{pw}", pick(u, COLONS)?),
            u,
        )?,
        (1, Some(pw)) => page.bulleted(format!("{label}{colon}{url}（提取码: {pw}）"), u)?,
        (2, Some(pw)) => {
            page.bulleted(format!("{label}{colon}{url}"), u)?;
            let word = pick(u, &["密码", "提取码"])?;
            page.line(format!("{word}{}{pw}", pick(u, COLONS)?), u)?;
        }
        (3, None) => {
            // The URL on the line after its label.
            page.bulleted(format!("{label}{}", pick(u, &[":", "："])?), u)?;
            page.line(url.clone(), u)?;
        }
        _ => {
            page.bulleted(format!("{label}{colon}{url}"), u)?;
            if let Some(pw) = &password {
                page.line(format!("密码{colon}{pw}"), u)?;
            }
        }
    }
    Ok(Link {
        kind: LinkKind::of(label, Some(&url)),
        label: label.to_owned(),
        url: Some(url),
        arxiv_id,
        arxiv_version,
        password,
        ..Link::default()
    })
}

fn caption(u: &mut Unstructured<'_>, page: &mut Page) -> Result<Figure> {
    let n = u.int_in_range(1..=12u32)?;
    let text = match u.int_in_range(0..=2)? {
        0 => format!("图 {n} {}", words(u, ZH, "", 1, 3)?),
        1 => format!("Figure {n}: {}", words(u, WORDS, " ", 1, 3)?),
        _ => format!("图{n}：{}", words(u, ZH, "", 1, 3)?),
    };
    page.line(text.clone(), u)?;
    Ok(Figure {
        image: None,
        caption: Some(text),
    })
}

fn paper(
    u: &mut Unstructured<'_>,
    page: &mut Page,
    number: u32,
    title: String,
    complete: bool,
) -> Result<Paper> {
    let colon = pick(u, COLONS)?;
    let heading = match u.int_in_range(0..=3)? {
        0 => format!("论文 {number}{colon}{title}"),
        1 => format!("论文{number}{colon}{title}"),
        2 => format!("Paper {number}: {title}"),
        _ => format!("论文 {number}. {title}"),
    };
    page.bulleted(heading, u)?;
    page.structure();
    // Every field named: a new one fails to compile here until it is
    // generated (below) or said not to be.
    let mut p = Paper {
        number,
        title,
        authors: Vec::new(),
        et_al: false,
        links: Vec::new(),
        abstract_text: None,
        figures: Vec::new(),
        recommendation: None,
        // The heading is written as the title: no other spelling.
        heading_title: None,
    };
    if u.ratio(7, 8)? {
        p.authors = names(u, 1, 4)?;
        p.et_al = u.arbitrary()?;
        let et_al = if p.et_al {
            pick(u, &["等", " 等", " et al.", "等人"])?
        } else {
            ""
        };
        let line = format!(
            "作者{}{}{et_al}",
            pick(u, COLONS)?,
            names_line(u, &p.authors)?
        );
        page.bulleted(line, u)?;
    }
    for i in 0..u.int_in_range(0..=3)? {
        p.links.push(link(u, page, i)?);
    }
    let paragraphs: Vec<String> = (0..u.int_in_range(usize::from(complete)..=3)?)
        .map(|_| sentence(u))
        .collect::<Result<_>>()?;
    // Without its `摘要` marker, the first paragraph must follow the metadata
    // directly: a caption before it would close the metadata.
    let marker = paragraphs.is_empty() || u.ratio(3, 4)?;
    for (i, para) in paragraphs.iter().enumerate() {
        if i == 0 && marker {
            if u.ratio(1, 5)? {
                page.line(format!("摘要{}", pick(u, &[":", "："])?), u)?;
                page.line(para.clone(), u)?;
            } else {
                page.line(format!("摘要{}{para}", pick(u, COLONS)?), u)?;
            }
        } else {
            page.line(para.clone(), u)?;
        }
        if u.ratio(1, 4)? {
            p.figures.push(caption(u, page)?);
        }
    }
    if !paragraphs.is_empty() {
        p.abstract_text = Some(paragraphs.join("\n"));
    }
    if complete || u.arbitrary()? {
        let rec = sentence(u)?;
        if u.ratio(1, 5)? {
            page.line(format!("推荐{}", pick(u, &[":", "："])?), u)?;
            page.line(rec.clone(), u)?;
        } else {
            page.line(format!("推荐{}{rec}", pick(u, COLONS)?), u)?;
        }
        p.recommendation = Some(rec);
    }
    Ok(p)
}

/// A radio list of `len` entries, headed or not, and its lines.
fn radio_list(
    u: &mut Unstructured<'_>,
    page: &mut Page,
    len: u32,
    headed: bool,
) -> Result<RadioList> {
    let mut list = RadioList::default();
    if headed {
        let (word, category) = *u.choose(&[
            ("NLP", Some(Category::Nlp)),
            ("CV", Some(Category::Cv)),
            ("ML", Some(Category::Ml)),
            ("自然语言处理", Some(Category::Nlp)),
            ("计算机视觉", Some(Category::Cv)),
            ("机器学习", Some(Category::Ml)),
            ("强化学习", None),
        ])?;
        let heading = if u.arbitrary()? {
            format!("本周 {len} 篇 {word} 精选论文是")
        } else {
            format!("本周{len}篇{word}精选论文是")
        };
        let colon = pick(u, &["", ":", "：", " ："])?;
        page.bulleted(format!("{heading}{colon}"), u)?;
        list.heading = Some(heading);
        list.category = category;
    }
    let style = u.int_in_range(0..=4)?;
    for number in 1..=len {
        let title = words(u, WORDS, " ", 1, 6)?;
        let from = names(u, 1, 3)?;
        let numbering = match style {
            0 => format!("{number}. "),
            1 => format!("{number}、"),
            2 => format!("({number}) "),
            3 => format!("{number}) "),
            _ => format!("（{number}）"),
        };
        let dot = pick(u, &[".", "", "。"])?;
        let names = from.join(pick(u, &[", ", "，", " and "])?);
        let tail = match u.int_in_range(0..=2)? {
            0 => format!(" (from {names})"),
            1 => format!("（from {names}）"),
            _ => format!(" (from: {names})"),
        };
        page.line(format!("{numbering}{title}{dot}{tail}"), u)?;
        page.structure();
        list.entries.push(RadioEntry {
            number,
            title,
            from,
        });
    }
    if u.ratio(1, 4)? {
        page.line(
            format!(
                "{len} {} Papers音频：",
                list.category.map_or("NLP", Category::as_str)
            ),
            u,
        )?;
    }
    Ok(list)
}

/// A digest and a page that writes it; whether the digest is complete.
fn digest(u: &mut Unstructured<'_>) -> Result<(Digest, Page, bool)> {
    let mut page = Page::default();
    let complete = u.arbitrary::<bool>()?;
    for _ in 0..u.int_in_range(0..=2)? {
        page.line(pick(u, NAV)?.to_owned(), u)?;
    }
    let headlines: Vec<String> = (0..u.int_in_range(1..=3)?)
        .map(|_| words(u, ZH, "", 1, 4))
        .collect::<Result<_>>()?;
    let title = format!(
        "7 Papers & Radios {} {}",
        pick(u, &["|", "｜", "丨"])?,
        headlines.join(pick(u, &[";", "；"])?)
    );
    page.line(title.clone(), u)?;
    let mut issue = Issue {
        title: Some(title),
        series: Some("7 Papers & Radios".to_owned()),
        headlines,
        ..Issue::default()
    };
    let (y, m, d) = (
        u.int_in_range(2019..=2026u32)?,
        u.int_in_range(1..=12u32)?,
        u.int_in_range(1..=28u32)?,
    );
    match u.int_in_range(0..=4)? {
        0 => {
            page.line(format!("{y} 年 {m} 月 {d} 日 机器之心"), u)?;
            issue.source = Some("机器之心".to_owned());
            issue.date = format!("{y:04}-{m:02}-{d:02}").parse().ok();
        }
        1 => {
            page.line(format!("{y}-{m:02}-{d:02} 12:02 机器之心"), u)?;
            issue.source = Some("机器之心".to_owned());
            issue.date = format!("{y:04}-{m:02}-{d:02}").parse().ok();
        }
        2 => {
            page.line(format!("{y}/{m}/{d}"), u)?;
            issue.date = format!("{y:04}-{m:02}-{d:02}").parse().ok();
        }
        _ => {}
    }
    if issue.source.is_none() {
        let byline = match u.int_in_range(0..=3)? {
            0 => "机器之心 & ArXiv Weekly Radiostation".to_owned(),
            1 => "机器之心报道".to_owned(),
            2 => format!("来源{}机器之心", pick(u, COLONS)?),
            _ => String::new(),
        };
        if !byline.is_empty() {
            page.line(byline, u)?;
            issue.source = Some("机器之心".to_owned());
        }
    }
    if u.arbitrary()? {
        issue.contributors = names(u, 1, 3)?;
        let line = format!(
            "参与{}{}",
            pick(u, COLONS)?,
            names_line(u, &issue.contributors)?
        );
        page.line(line, u)?;
    }
    let summary = format!(
        "{}{}",
        pick(u, &["本周论文包括", "本周的重要论文包括"])?,
        sentence(u)?
    );
    page.line(summary.clone(), u)?;
    issue.summary = Some(summary);

    let papers_n = u.int_in_range(usize::from(complete)..=4)? as u32;
    let titles: Vec<String> = (0..papers_n)
        .map(|_| words(u, WORDS, " ", 1, 6))
        .collect::<Result<_>>()?;
    // A digest has a paper or a radio list.
    let lists_n = u.int_in_range(usize::from(complete || papers_n == 0)..=3)?;
    let radio_entry = format!(
        "ArXiv Weekly Radiostation：{} 更多精选论文（附音频）",
        ["NLP", "CV", "ML"][..lists_n].join("、")
    );
    // The contents: under 目录 or not, numbered or not; or a first run of
    // bare `论文 N` headings (no radio entry then).
    let form = u.int_in_range(0..=3)?;
    let mut contents: Vec<String> = titles.clone();
    if lists_n > 0 {
        contents.push(radio_entry);
    }
    match form {
        0 | 1 => {
            if form == 0 {
                page.line(pick(u, &["目录", "目录：", "目錄"])?.to_owned(), u)?;
            }
            let numbered = u.arbitrary::<bool>()?;
            for (i, entry) in contents.iter().enumerate() {
                let line = if numbered {
                    format!("{}. {entry}", i + 1)
                } else {
                    entry.clone()
                };
                page.line(line, u)?;
            }
            issue.contents = contents;
        }
        2 if papers_n > 0 => {
            for (i, t) in titles.iter().enumerate() {
                page.bulleted(format!("论文 {}：{t}", i + 1), u)?;
                page.structure();
            }
            issue.contents = titles.clone();
        }
        _ => {}
    }
    // The contents announce every paper and radio list.
    let announced = form <= 1;

    let mut papers = Vec::new();
    for (i, title) in titles.into_iter().enumerate() {
        papers.push(paper(u, &mut page, i as u32 + 1, title, complete)?);
    }

    let len = u.int_in_range(1..=4u32)?;
    let mut radio = Vec::new();
    for i in 0..lists_n {
        // A list may lose its heading after a list with entries or a paper;
        // in a complete digest only the last, and only after a headed one.
        let can_lose = if complete {
            i > 0 && i + 1 == lists_n
        } else {
            i > 0 || !papers.is_empty()
        };
        let headed = !(can_lose && u.ratio(1, 3)?);
        let n = if complete {
            len
        } else {
            u.int_in_range(1..=4u32)?
        };
        radio.push(radio_list(u, &mut page, n, headed)?);
    }
    let complete = complete && announced;
    if u.arbitrary()? {
        page.line(TRAILER[0].to_owned(), u)?;
        for _ in 0..u.int_in_range(0..=4)? {
            page.line(pick(u, TRAILER)?.to_owned(), u)?;
        }
    }
    let digest = Digest {
        issue,
        papers,
        radio,
        ..Digest::default()
    };
    Ok((digest, page, complete))
}

/// What plain text can carry: figures without images.
fn text_view(d: &Digest) -> Digest {
    let mut d = d.clone();
    for p in &mut d.papers {
        p.figures.retain(|f| f.caption.is_some());
        for f in &mut p.figures {
            f.image = None;
        }
    }
    d
}

fn check(expected: &Digest, rendered: &str, format: Format) -> Digest {
    let back = Parser::new()
        .format(format)
        .parse(rendered)
        .unwrap_or_else(|e| panic!("{format:?}: {e}\n{rendered}"));
    assert_eq!(
        (&back.issue, &back.papers, &back.radio),
        (&expected.issue, &expected.papers, &expected.radio),
        "{format:?} round trip\n{rendered}"
    );
    back
}

fn truncated(d: &Digest) -> bool {
    d.warnings
        .iter()
        .any(|w| w.code == WarningCode::PageTruncated)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((d, page, complete)) = digest(&mut u) else {
        return;
    };
    let crlf = u.arbitrary::<bool>().unwrap_or(false);
    let (text, first_structure) = page.join(crlf);
    let whole = check(&d, &text, Format::Text);
    assert!(
        !(complete && truncated(&whole)),
        "a whole page said it was cut: {:?}\n{text}",
        whole.warnings
    );
    check(&text_view(&d), &render::text(&d), Format::Text);
    check(&d, &render::markdown(&d), Format::Markdown);
    check(&d, &render::html(&d), Format::Html);

    // Cut the page at a byte the input chooses.
    let Ok(at) = u.int_in_range(0..=text.len()) else {
        return;
    };
    let cut = Parser::new()
        .format(Format::Text)
        .parse_bytes(&text.as_bytes()[..at]);
    match cut {
        Err(e) => assert!(at < first_structure, "cut at {at}: {e}\n{}", &text[..at]),
        Ok(got) if complete => assert!(
            truncated(&got)
                || (&got.issue, &got.papers, &got.radio) == (&d.issue, &d.papers, &d.radio),
            "cut at {at} neither warned nor kept the digest whole: {:?}\n{}",
            got.warnings,
            String::from_utf8_lossy(&text.as_bytes()[..at])
        ),
        Ok(_) => {}
    }
});
