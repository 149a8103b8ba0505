//! Property tests: no panics on any input, render/parse round trips, furniture
//! invariance, and conservation (no line vanishes).
//!
//! The round trips compare the content fields the renderers carry (see
//! `paper_digest::render`): `issue`, `papers` and `radio`. `stripped` must come
//! back empty (a rendered page has no furniture) and `warnings` are recomputed,
//! so they are not compared. Plain text carries figure captions only.

use std::sync::OnceLock;

use paper_digest::{
    Category, Digest, Figure, Format, Issue, Link, LinkKind, Paper, Parser, RadioEntry, RadioList,
    render,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

// ---------------------------------------------------------------------------
// No panics.

/// The grammar's own alphabet: markers, numbers, colons, markup and line ends,
/// so that random strings hit the classifier's and the sources' edge cases.
const GRAMMAR: &[&str] = &[
    "论文",
    "论文 1",
    "论文 2:",
    "论文 1：",
    "作者",
    "作者:",
    "摘要",
    "摘要：",
    "推荐",
    "推荐:",
    "论文链接",
    "论文链接:",
    "项目地址：",
    "密码",
    "提取码:",
    "参与:",
    "来源：",
    "目录",
    "本周",
    "本周 10 篇 NLP 精选论文是:",
    "本周 10 篇",
    "精选论文",
    "本周论文包括",
    "(from",
    "（from",
    "from",
    ")",
    "）",
    "(",
    "（",
    "- 1",
    "- 2",
    "- ",
    "* ",
    "• ",
    "1. ",
    "2、",
    "10.",
    "1)",
    "0",
    "7",
    "9999999999",
    "2022 年 3 月 6 日",
    "2022-04-10",
    "12:02",
    "机器之心",
    "&",
    ":",
    "：",
    "、",
    ",",
    "，",
    "等",
    "et al.",
    "图 2",
    "Figure",
    "Papers",
    "7 Papers & Radios |",
    "| ",
    ";",
    "；",
    "© THE END",
    "关注公众号",
    "http://",
    "https://arxiv.org/abs/2203.15556",
    "https://a.cn/x",
    "<p>",
    "</p>",
    "<a href=\"",
    "\">",
    "<img src=",
    "<br>",
    "<div>",
    "<!--",
    "**",
    "*",
    "_",
    "#",
    "# ",
    "## ",
    ">",
    "> ",
    "[",
    "](",
    "![",
    "](<",
    "`",
    "```",
    "\\",
    "~~~",
    "---",
    "===",
    "    ",
    "\t",
    " ",
    "\u{3000}",
    "\u{200B}",
    "\u{FEFF}",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "Radiostation",
    "音频",
    "Paper 1:",
    "(1)",
    "（1）",
];

fn grammar_string() -> impl Strategy<Value = String> {
    vec(select(GRAMMAR), 0..80).prop_map(|tokens| tokens.concat())
}

fn parse_everything(input: &str) {
    let _ = paper_digest::parse(input);
    let _ = paper_digest::parse_bytes(input.as_bytes());
    for format in FORMATS {
        let parser = Parser::new().format(format);
        let _ = parser.parse(input);
        let _ = parser.strict(true).parse(input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_panic_on_arbitrary_strings(input in any::<String>()) {
        parse_everything(&input);
    }

    #[test]
    fn no_panic_on_arbitrary_bytes(input in vec(any::<u8>(), 0..2048)) {
        let _ = paper_digest::parse_bytes(&input);
        for format in FORMATS {
            let _ = Parser::new().format(format).parse_bytes_detailed(&input);
        }
    }

    #[test]
    fn no_panic_on_grammar_strings(input in grammar_string()) {
        parse_everything(&input);
    }

    #[test]
    fn no_panic_on_grammar_bytes(input in grammar_string(), cut in any::<prop::sample::Index>()) {
        // Cut at an arbitrary byte, possibly inside a character.
        let bytes = input.as_bytes();
        let at = if bytes.is_empty() { 0 } else { cut.index(bytes.len() + 1) };
        let _ = paper_digest::parse_bytes(&bytes[..at]);
    }
}

// ---------------------------------------------------------------------------
// Valid digests.

/// Words a paragraph may start with: never a marker, a bullet, a number or a
/// link label.
const START: &[&str] = &[
    "模型",
    "研究",
    "我们",
    "Deep",
    "该方法",
    "结果",
    "实验",
    "Transformer",
];
/// Words inside a paragraph: marker words and markup characters are welcome
/// there (they are not at the line start), the markers' own phrases are not.
const BODY: &[&str] = &[
    "模型",
    "训练",
    "数据",
    "研究",
    "Transformer",
    "LLM",
    "论文",
    "作者",
    "摘要",
    "推荐",
    "图",
    "本周",
    "1",
    "2022",
    "10",
    ":",
    "：",
    "，",
    "。",
    "、",
    " ",
    "(",
    ")",
    "（",
    "）",
    "-",
    "*",
    "_",
    "[",
    "]",
    "<",
    ">",
    "&",
    "#",
    "`",
    "\\",
    "!",
    "|",
    "\"",
    "'",
    "~",
    "&amp;",
    "**",
    "1.",
    "=",
    "+",
    "<p>",
    "](x)",
    "&#38;",
    "*强调*",
    "§",
];

fn phrase(max_body: usize) -> impl Strategy<Value = String> {
    (select(START), vec(select(BODY), 0..max_body)).prop_map(|(start, body)| {
        // HTML collapses runs of white space, and so do real pages: values
        // have single spaces.
        let s = format!("{start}{}", body.concat());
        s.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn name() -> impl Strategy<Value = String> {
    select(
        &[
            "Jordan Hoffmann",
            "Sebastian Borgeaud",
            "Max Welling",
            "George J. Pappas",
            "Li Fei-Fei",
            "Yann LeCun",
            "杜伟",
            "楚航",
            "罗若天",
            "张三",
            "Zewei Sun",
        ][..],
    )
    .prop_map(str::to_owned)
}

fn url_word() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9_-]{0,7}"
}

fn link() -> impl Strategy<Value = Link> {
    let label = select(
        &[
            "论文链接",
            "论文地址",
            "项目地址",
            "代码地址",
            "项目主页",
            "网盘链接",
            "GitHub 地址",
        ][..],
    );
    let arxiv = (
        10u32..26,
        1u32..13,
        0u32..100_000,
        select(&["abs/", "pdf/"][..]),
        any::<bool>(),
    )
        .prop_map(|(yy, mm, n, kind, version)| {
            let id = format!("{yy:02}{mm:02}.{n:05}");
            let (tail, version) = match (kind, version) {
                ("pdf/", true) => (".pdf", None),
                (_, true) => ("v2", Some(2)),
                _ => ("", None),
            };
            (
                Some(format!("https://arxiv.org/{kind}{id}{tail}")),
                None,
                Some(id),
                version,
            )
        });
    let other = (url_word(), url_word(), url_word()).prop_map(|(host, a, b)| {
        (
            Some(format!("https://{host}.example.com/{a}/{b}")),
            None,
            None,
            None,
        )
    });
    // Link text without a scheme, as pages write it: kept as written.
    let written = (10u32..26, 1u32..13, 0u32..100_000, 1u32..5).prop_map(|(yy, mm, n, v)| {
        let id = format!("{yy:02}{mm:02}.{n:05}");
        (None, Some(format!("arXiv:{id}v{v}")), Some(id), Some(v))
    });
    (
        label,
        prop_oneof![arxiv, other, written],
        proptest::option::of("[a-z0-9]{4}"),
    )
        .prop_map(
            |(label, (url, text, arxiv_id, arxiv_version), password)| Link {
                kind: LinkKind::of(label, url.as_deref()),
                label: label.to_owned(),
                url,
                text,
                arxiv_id,
                arxiv_version,
                password,
            },
        )
}

fn figure() -> impl Strategy<Value = Figure> {
    let caption = (
        1u32..20,
        select(
            &[
                "网络结构",
                "CAPE 计算示意图",
                "实验结果",
                "Overview",
                "模型 架构",
            ][..],
        ),
    )
        .prop_map(|(n, what)| format!("图 {n} {what}"));
    let image = url_word().prop_map(|w| format!("https://image.example.com/{w}.png"));
    (proptest::option::of(image), proptest::option::of(caption))
        .prop_filter("a figure has an image or a caption", |(i, c)| {
            i.is_some() || c.is_some()
        })
        .prop_map(|(image, caption)| Figure { image, caption })
}

fn paper() -> impl Strategy<Value = Paper> {
    (
        phrase(12),
        vec(name(), 0..4),
        any::<bool>(),
        vec(link(), 0..3),
        proptest::option::of(vec(phrase(30), 1..4)),
        vec(figure(), 0..4),
        proptest::option::of(phrase(20)),
    )
        .prop_map(
            |(title, authors, et_al, links, paragraphs, mut figures, recommendation)| {
                // An image-only figure followed by a caption-only one reads as
                // one figure (the caption belongs to the image), as on real pages.
                for i in 1..figures.len() {
                    if figures[i - 1].caption.is_none() && figures[i].image.is_none() {
                        figures[i].image = Some(format!("https://image.example.com/{i}.png"));
                    }
                }
                Paper {
                    number: 0,
                    title,
                    authors,
                    et_al,
                    links,
                    abstract_text: paragraphs.map(|p| p.join("\n")),
                    figures,
                    recommendation,
                    heading_title: None,
                }
            },
        )
}

fn radio_entry() -> impl Strategy<Value = RadioEntry> {
    (phrase(10), vec(name(), 1..3)).prop_map(|(title, from)| RadioEntry {
        number: 0,
        title: title
            .trim_end_matches(|c: char| c == '.' || c == '。' || c.is_whitespace())
            .to_owned(),
        from,
    })
}

fn radio_list(headed: bool) -> impl Strategy<Value = RadioList> {
    let min = usize::from(!headed);
    (
        1u32..20,
        select(
            &[
                ("NLP", Some(Category::Nlp)),
                ("CV", Some(Category::Cv)),
                ("ML", Some(Category::Ml)),
                ("强化学习", None),
            ][..],
        ),
        vec(radio_entry(), min..5),
    )
        .prop_map(move |(count, (word, category), mut entries)| {
            for (i, e) in entries.iter_mut().enumerate() {
                e.number = i as u32 + 1;
            }
            RadioList {
                heading: headed.then(|| format!("本周 {count} 篇 {word} 精选论文是")),
                category: if headed { category } else { None },
                entries,
            }
        })
}

fn digest() -> impl Strategy<Value = Digest> {
    let title = (
        select(&["7 Papers & Radios", "7 Papers"][..]),
        vec(phrase(6), 1..3),
    )
        .prop_map(|(series, headlines)| {
            let headlines: Vec<String> = headlines
                .into_iter()
                .map(|h| {
                    let h = h.replace(['|', ';', '；'], " ");
                    h.split(' ')
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            (series.to_owned(), headlines)
        });
    let date = (1990u16..2100, 1u8..13, 1u8..29)
        .prop_map(|(y, m, d)| paper_digest::Date::new(y, m, d).expect("a day of every month"));
    (
        title,
        proptest::option::of(date),
        proptest::option::of(select(&["机器之心", "量子位"][..])),
        vec(name(), 0..3),
        proptest::option::of(phrase(20)),
        vec(phrase(8), 0..4),
        vec((paper(), any::<bool>()), 0..4),
        vec(radio_list(true), 0..3),
        proptest::option::of(radio_list(false)),
    )
        .prop_map(
            |(
                (series, headlines),
                date,
                source,
                contributors,
                summary,
                contents,
                squashable,
                mut radio,
                headless,
            )| {
                let mut contents = contents;
                let mut papers = Vec::with_capacity(squashable.len());
                for (i, (mut p, squash)) in squashable.into_iter().enumerate() {
                    p.number = i as u32 + 1;
                    // A site that squashed the heading's spaces, with the
                    // spaced title in the contents: the parser's output.
                    let squashed: String = p.title.split_whitespace().collect();
                    if squash && squashed != p.title {
                        contents.push(p.title.clone());
                        p.heading_title = Some(squashed);
                    }
                    papers.push(p);
                }
                // A list without heading stands after a list with entries
                // (after an empty one, its entries would be that list's),
                // after a paper, or in a page without contents (which would
                // swallow it).
                if let Some(list) = headless {
                    let valid = match radio.last() {
                        Some(previous) => !previous.entries.is_empty(),
                        None => !papers.is_empty() || contents.is_empty(),
                    };
                    if valid {
                        radio.push(list);
                    }
                }
                Digest {
                    issue: Issue {
                        title: Some(format!("{series} | {}", headlines.join(";"))),
                        series: Some(series),
                        headlines,
                        date,
                        source: source.map(str::to_owned),
                        contributors,
                        summary: summary.map(|s| format!("本周论文包括{s}")),
                        contents,
                    },
                    papers,
                    radio,
                    ..Digest::default()
                }
            },
        )
        // A digest has content: a paper or a radio-list entry.
        .prop_filter("a digest has a paper or a radio entry", |d| {
            !d.papers.is_empty() || d.radio.iter().any(|l| !l.entries.is_empty())
        })
        // A heading that is a contents entry but for white space is the
        // entry's title: the parser would have given it so.
        .prop_filter("no title is a contents entry but for its spaces", |d| {
            let bare = |t: &str| t.split_whitespace().collect::<String>();
            d.papers.iter().all(|p| {
                p.heading_title.is_some()
                    || d.issue
                        .contents
                        .iter()
                        .all(|c| c == &p.title || bare(c) != bare(&p.title))
            })
        })
}

/// What plain text can carry: figures keep their captions only.
fn text_content(digest: &Digest) -> Digest {
    let mut d = digest.clone();
    for paper in &mut d.papers {
        paper.figures.retain(|f| f.caption.is_some());
        for f in &mut paper.figures {
            f.image = None;
        }
    }
    d
}

fn same_content(got: &Digest, want: &Digest) -> Result<(), TestCaseError> {
    prop_assert_eq!(&got.issue, &want.issue);
    prop_assert_eq!(&got.papers, &want.papers);
    prop_assert_eq!(&got.radio, &want.radio);
    Ok(())
}

/// Does the HTML source read markup yet? The placeholder reads HTML as text,
/// so `<p>` stays in the line; once the scraper-based source lands, the
/// HTML round trip below checks itself in.
fn html_source_reads_markup() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        let page = "<html><body>\n<p>7 Papers &amp; Radios | 标题</p>\n<p>论文 1：某论文</p>\n</body></html>\n";
        Parser::new()
            .format(Format::Html)
            .parse(page)
            .is_ok_and(|d| d.issue.title.as_deref() == Some("7 Papers & Radios | 标题"))
    })
}

/// The text of one line of the HTML page, tags removed and character
/// references decoded by scraper (a test helper to compare it with the text
/// page, line by line).
fn strip_tags(line: &str) -> String {
    scraper::Html::parse_fragment(line)
        .root_element()
        .text()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn text_round_trip(d in digest()) {
        let page = render::text(&d);
        let back = Parser::new().format(Format::Text).parse(&page).unwrap();
        same_content(&back, &text_content(&d))?;
        prop_assert_eq!(back.stripped, Default::default());
    }

    #[test]
    fn markdown_round_trip(d in digest()) {
        let page = render::markdown(&d);
        // Detection needs two Markdown signals; the title heading plus a bold
        // paper or radio heading always give them.
        if !d.papers.is_empty() || d.radio.iter().any(|l| l.heading.is_some()) {
            let parsed = Parser::new().parse_bytes_detailed(page.as_bytes()).unwrap();
            prop_assert_eq!(parsed.format, Format::Markdown, "{}", page);
        }
        let back = Parser::new().format(Format::Markdown).parse(&page).unwrap();
        same_content(&back, &d)?;
        prop_assert_eq!(back.stripped, Default::default());
    }

    #[test]
    fn html_round_trip(d in digest()) {
        let page = render::html(&d);
        // Never panics, whatever the HTML source.
        let parsed = Parser::new().parse(&page);
        if html_source_reads_markup() {
            let back = parsed.unwrap();
            same_content(&back, &d)?;
            prop_assert_eq!(back.stripped, Default::default());
        }
    }

    /// The HTML page is the text page with markup: one block per line, and
    /// the same text once tags and escapes are removed (image-only figures
    /// aside, which plain text cannot carry).
    #[test]
    fn html_blocks_are_the_text_lines(d in digest()) {
        let html = render::html(&d);
        let body: Vec<String> = html
            .lines()
            .skip_while(|l| *l != "<article>")
            .skip(1)
            .take_while(|l| *l != "</article>")
            .filter(|l| !l.starts_with("<figure><img") || l.contains("<figcaption>"))
            .map(|l| strip_tags(l).replace('：', ":"))
            .collect();
        let text: Vec<String> = render::text(&d).lines().map(|l| l.replace('：', ":")).collect();
        prop_assert_eq!(body, text);
    }
}

// ---------------------------------------------------------------------------
// Furniture invariance and conservation.

const BOILERPLATE: &[&str] = &[
    "© THE END",
    "转载请联系本公众号获得授权",
    "投稿或寻求报道:content@jiqizhixin.com",
    "关注公众号:拾黑(shiheibook)了解更多",
    "[广告]赞助链接:",
    "随时掌握互联网精彩",
    "THE END",
    "点击阅读原文",
];

fn trailer() -> impl Strategy<Value = Vec<String>> {
    let boilerplate = select(BOILERPLATE).prop_map(str::to_owned);
    let ad = (
        select(
            &[
                "四季很好,只要有你,文娱排行榜",
                "让资讯触达的更精准有趣",
                "好物推荐",
            ][..],
        ),
        url_word(),
        select(&[":", "："][..]),
    )
        .prop_map(|(text, host, colon)| format!("{text}{colon}https://www.{host}.com/"));
    let trending = (
        1u32..30,
        select(
            &[
                "准确把握守正创新的辩证关系",
                "刘强东提前发年终奖",
                "被铁路售票员的手速惊到了",
            ][..],
        ),
        1_000_000u64..9_999_999,
    )
        .prop_map(|(rank, title, heat)| format!("- {rank} {title} {heat}"));
    (
        boilerplate.clone(),
        vec(prop_oneof![boilerplate, ad, trending], 0..8),
    )
        .prop_map(|(first, mut rest)| {
            rest.insert(0, first);
            rest
        })
}

/// Switches the colon after a marker (and before a password) to full width.
fn full_width_markers(line: &str) -> String {
    static MARKER: OnceLock<regex::Regex> = OnceLock::new();
    let re = MARKER.get_or_init(|| {
        regex::Regex::new(
            r"^(论文 \d+|作者|摘要|推荐|参与|来源|论文链接|论文地址|项目地址|代码地址|项目主页|网盘链接|GitHub 地址|本周 \d+ 篇 [^:]*精选论文是):",
        )
        .unwrap()
    });
    re.replace(line, "$1：").replace(" 密码:", " 密码：")
}

#[derive(Clone, Debug)]
struct Perturbation {
    trailer: Vec<String>,
    /// Blank (or white-space-only) lines inserted before these line indices.
    blanks: Vec<(prop::sample::Index, &'static str)>,
    crlf: bool,
    full_width: bool,
}

fn perturbation() -> impl Strategy<Value = Perturbation> {
    (
        proptest::option::of(trailer()),
        vec(
            (
                any::<prop::sample::Index>(),
                select(&["", "  ", "\u{3000}", "\t"][..]),
            ),
            0..6,
        ),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(trailer, blanks, crlf, full_width)| Perturbation {
            trailer: trailer.unwrap_or_default(),
            blanks,
            crlf,
            full_width,
        })
}

fn perturb(page: &str, p: &Perturbation) -> String {
    let mut lines: Vec<String> = page
        .lines()
        .map(|l| {
            if p.full_width {
                full_width_markers(l)
            } else {
                l.to_owned()
            }
        })
        .collect();
    lines.extend(p.trailer.iter().cloned());
    for (at, blank) in &p.blanks {
        let i = at.index(lines.len() + 1);
        lines.insert(i, (*blank).to_owned());
    }
    let eol = if p.crlf { "\r\n" } else { "\n" };
    let mut out = lines.join(eol);
    out.push_str(eol);
    out
}

/// Every string and number of the digest, each followed by a separator.
fn haystack(d: &Digest) -> String {
    let value = serde_json::to_value(d).unwrap();
    let mut out = String::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\u{0}');
            }
            serde_json::Value::Number(n) => {
                out.push_str(&n.to_string());
                out.push('\u{0}');
            }
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            serde_json::Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    out
}

/// The words (runs of letters and digits) of a line that must survive
/// parsing: the line less its marker (`作者:`, `论文 1:`, `1.` …) and the
/// grammar's own words.
fn words_to_keep(line: &str) -> Vec<&str> {
    static MARKER: OnceLock<regex::Regex> = OnceLock::new();
    let re = MARKER.get_or_init(|| {
        regex::Regex::new(
            r"^(?:[-*•]\s+)?(?:论文\s*\d+|作者|摘要|推荐|参与|来源|\d+[.、)])\s*[:：]?",
        )
        .unwrap()
    });
    let line = line.trim();
    let rest = match re.find(line) {
        Some(m) => &line[m.end()..],
        None => line,
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "from" | "等" | "密码" | "目录"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn furniture_does_not_change_the_content(d in digest(), p in perturbation()) {
        let page = render::text(&d);
        let plain = Parser::new().format(Format::Text).parse(&page).unwrap();
        let perturbed = perturb(&page, &p);
        let got = Parser::new().format(Format::Text).parse(&perturbed).unwrap();
        same_content(&got, &plain)?;
        let s = &got.stripped;
        prop_assert_eq!(
            s.boilerplate.len() + s.ads.len() + s.trending.len(),
            p.trailer.len(),
            "{:?}",
            s
        );
    }

    #[test]
    fn no_line_vanishes(d in digest(), p in perturbation()) {
        let page = perturb(&render::text(&d), &p);
        let got = Parser::new().format(Format::Text).parse(&page).unwrap();
        let hay = haystack(&got);
        for line in page.lines() {
            for word in words_to_keep(line) {
                prop_assert!(hay.contains(word), "{:?} of line {:?} vanished", word, line);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Issue 27: the pre-check's second stage (the line shapes) is sound.

/// `page` with each line, at random, wrapped in markup of `format` that
/// the sources read through or that may hide it (inline tags, a hidden
/// element before it, emphasis, a link), in HTML also cut at a random
/// place by an element whose body the source leaves out or may (a button,
/// a select, an iframe, an `svg`, a hidden span holding a block, a custom
/// element, a table), and with `论文` written as another alias of the paper
/// label.
fn mutate(page: &str, format: Format, seed: u64, alias: usize) -> String {
    let aliases = paper_digest::__private::paper_aliases();
    let alias = aliases[alias % aliases.len()];
    let mut seed = seed | 1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let wraps: &[(&str, &str)] = match format {
        Format::Html => &[
            ("<b>", "</b>"),
            ("<span style=\"display:none\">x</span>", ""),
            ("<a href=\"#\">", "</a>"),
            ("<img src=\"a.png\">", ""),
            ("&nbsp;", ""),
            ("<!-- c -->", "<wbr>"),
        ],
        _ => &[
            ("**", "**"),
            ("*", "*"),
            ("[", "](https://example.com)"),
            ("> ", ""),
            ("`", "`"),
        ],
    };
    // Elements put inside a line's text: the source skips or may hide their
    // body, so the text before and after them may make one line.
    const CUTS: &[&str] = &[
        "<button>b</button>",
        "<button><i>b</i>：</button>",
        "<select><option>o</select>",
        "<iframe>f</iframe>",
        "<svg><text>s</text></svg>",
        "<span hidden>h<div>d</div></span>",
        "<b style=\"display:none\">x</b>",
        "<mp-x>m</mp-x>",
        "<table><tr><td>t</td></tr></table>",
        "<textarea>：</textarea>",
    ];
    page.lines()
        .map(|line| {
            let mut line = line.replace("论文", alias);
            let cut = next();
            if format == Format::Html && cut % 4 == 0 && line.starts_with('<') {
                // A cut at a character boundary inside the line's text.
                if let (Some(open), Some(close)) = (line.find('>'), line.rfind("</")) {
                    let places: Vec<usize> = line
                        .char_indices()
                        .map(|(i, _)| i)
                        .filter(|&i| i > open && i < close)
                        .collect();
                    if !places.is_empty() {
                        let at = places[(cut / 4) as usize % places.len()];
                        let what = CUTS[(cut / 64) as usize % CUTS.len()];
                        line.insert_str(at, what);
                    }
                }
            }
            let r = next();
            if r % 3 != 0
                || line.trim().is_empty()
                || line.starts_with('<') && format != Format::Html
            {
                return line;
            }
            let (open, close) = wraps[(r / 3) as usize % wraps.len()];
            match format {
                Format::Html => match line.find('>') {
                    // Inside the line's block tag.
                    Some(i) if line.starts_with('<') => {
                        let end = line.rfind("</").filter(|&e| e > i).unwrap_or(line.len());
                        format!(
                            "{}{open}{}{close}{}",
                            &line[..=i],
                            &line[i + 1..end],
                            &line[end..]
                        )
                    }
                    _ => line,
                },
                _ => format!("{open}{line}{close}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whenever either stage of the pre-check turns a page away, the full
    /// parse (without the pre-check) turns it away too: on every rendered
    /// digest, in every format it may be read as, and after mutations of
    /// its markup and its paper label.
    #[test]
    fn the_refusal_stages_never_turn_a_digest_away(
        d in digest(),
        seed in any::<u64>(),
        alias in any::<usize>(),
    ) {
        use paper_digest::__private::{parse_as_unchecked, refusal_stage};
        for (rendered, format) in [
            (render::text(&d), Format::Text),
            (render::markdown(&d), Format::Markdown),
            (render::html(&d), Format::Html),
        ] {
            for page in [rendered.clone(), mutate(&rendered, format, seed, alias)] {
                for read_as in FORMATS {
                    if let Some(stage) = refusal_stage(&page, read_as) {
                        let full = parse_as_unchecked(&page, read_as);
                        prop_assert!(
                            full.is_err(),
                            "stage {stage} turned away a digest read as {read_as:?}:\n{page}"
                        );
                    }
                }
            }
        }
    }
}
