//! The Markdown source: the seed reposted as Markdown reads as the text seed does.

use crate::common;

use common::SEED as TEXT_SEED;
use paper_digest::{Digest, Format, Parser};

const MD_SEED: &str = include_str!("../fixtures/markdown/seed.md");
const MD_SEED_CRLF: &str = include_str!("../fixtures/markdown/seed-crlf.md");

/// The images the Markdown repost adds (the text scrape lost them), by paper.
const IMAGES: [(usize, &str, Option<&str>); 3] = [
    (
        0,
        "https://image.jiqizhixin.com/uploads/editor/2022-04-10/fig-1-0.png",
        None,
    ),
    (
        6,
        "https://image.jiqizhixin.com/uploads/editor/2022-04-10/fig-7-1.png",
        Some("图 2 网络结构"),
    ),
    (
        6,
        "https://image.jiqizhixin.com/uploads/editor/2022-04-10/fig-7-2.png",
        Some("图 3 CAPE 计算示意图"),
    ),
];

fn check_against_text_seed(md: &str) {
    let text = paper_digest::parse(TEXT_SEED).expect("text seed parses");
    let parsed = Parser::new()
        .parse_bytes_detailed(md.as_bytes())
        .expect("markdown seed parses");
    assert_eq!(parsed.format, Format::Markdown, "format detection");
    let mut md = parsed.digest;

    // What the repost has and the scrape lost: the byline and the images.
    assert_eq!(
        md.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-10")
    );
    assert_eq!(md.issue.source.as_deref(), Some("机器之心"));
    for (paper, url, caption) in IMAGES {
        let figures = &md.papers[paper].figures;
        assert!(
            figures
                .iter()
                .any(|f| f.image.as_deref() == Some(url) && f.caption.as_deref() == caption),
            "paper {} lacks image {url}: {figures:?}",
            paper + 1
        );
    }
    md.issue.date = None;
    md.issue.source = None;
    for paper in &mut md.papers {
        paper.figures.retain(|f| f.caption.is_some());
        for f in &mut paper.figures {
            f.image = None;
        }
    }

    assert_eq!(md.issue, text.issue);
    assert_eq!(md.papers.len(), 7);
    for (m, t) in md.papers.iter().zip(&text.papers) {
        assert_eq!(m, t, "paper {}", t.number);
    }
    assert_eq!(md.papers, text.papers);
    assert_eq!(md.radio, text.radio);
    assert_eq!(md.radio.len(), 3);
    assert_eq!(md.stripped.boilerplate[0], "© THE END");
    assert_eq!(md.stripped.trending.len(), 10);
    assert_eq!(md.stripped.ads.len(), 2);
}

#[test]
fn markdown_seed_reads_as_the_text_seed() {
    check_against_text_seed(MD_SEED);
}

#[test]
fn markdown_seed_with_crlf_reads_as_the_text_seed() {
    assert!(MD_SEED_CRLF.contains("\r\n"), "the CRLF copy lost its CRs");
    assert_eq!(MD_SEED_CRLF.replace("\r\n", "\n"), MD_SEED);
    check_against_text_seed(MD_SEED_CRLF);
}

#[test]
fn markdown_line_numbers_are_source_lines() {
    let digest: Digest = Parser::new()
        .format(Format::Markdown)
        .parse("# 7 Papers & Radios | 标题\n\n**论文 1：T**\n\n- 作者：A\n\n本周 10 篇 NLP 精选论文是：\n\n1. X. (from Y)\n")
        .unwrap();
    let lines: Vec<_> = digest.warnings.iter().map(|w| w.line).collect();
    // Paper 1 (line 3) has no link and no abstract; the radio list (line 7)
    // is short, and the page ends in it (its last line, 9: cut off).
    assert_eq!(lines, [Some(3), Some(3), Some(7), Some(9)]);
}

#[test]
fn deeply_nested_quotes_do_not_overflow_the_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let mut page = String::from("# 7 Papers & Radios | 标题\n\n");
            page.push_str(&">".repeat(100_000));
            page.push_str(" 论文 1：T\n");
            page.push_str(&"> ".repeat(100_000));
            page.push_str("\n- ");
            page.push_str(&"- ".repeat(50_000));
            page.push_str("x\n");
            page.push_str(&"*".repeat(100_000));
            page.push('\n');
            page.push_str(&"[".repeat(100_000));
            page.push('\n');
            let digest = Parser::new().format(Format::Markdown).parse(&page).unwrap();
            assert_eq!(digest.papers[0].title, "T");
        })
        .unwrap();
    handle
        .join()
        .expect("parsing deeply nested Markdown panicked");
}

/// Pathological lines parse: many unmatched delimiters, brackets, backticks
/// and list markers in one page.
#[test]
fn pathological_markdown_parses() {
    let n = 50_000;
    let mut page = String::from("# 7 Papers & Radios | 标题\n\n**论文 1：T**\n\n");
    page.push_str(&"**摘要：**x ".repeat(n));
    page.push('\n');
    page.push_str(&"*a ".repeat(n));
    page.push_str("\n\n");
    page.push_str(&"[a](".repeat(n));
    page.push_str("\n\n");
    page.push_str(&"`a ``".repeat(n));
    page.push_str("\n\n");
    page.push_str(&"1. a\n".repeat(n));
    // Linear time is checked by the `scale` benchmarks, not by a clock here.
    let digest = Parser::new().format(Format::Markdown).parse(&page).unwrap();
    assert_eq!(digest.papers.len(), 1);
}

/// Markdown needs two of its constructs, wherever they stand: a heading
/// first and a quote far below it count as two.
#[test]
fn format_detection_counts_a_heading_and_a_later_quote() {
    let page = format!(
        "# 7 Papers & Radios | 标题\n{}> 本周论文包括一篇。\n论文 1：A Title\n",
        "正文一行。\n".repeat(50)
    );
    let parsed = Parser::new().parse_bytes_detailed(page.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Markdown);
    let one = "# 7 Papers & Radios | 标题\n论文 1：A Title\n";
    let parsed = Parser::new().parse_bytes_detailed(one.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Text);
}

// Issue 22 (hostile probe): format detection that turned digests away

/// Two papers in Markdown whose only markup is the bold of their headings
/// and the bullets of their metadata.
const BOLD_PAPERS: &str = "**论文 1：T**\n\n- 作者：A\n- 论文链接：https://arxiv.org/abs/2204.02311\n\n\
                           **论文 2：U**\n\n- 作者：B\n";

/// `page` parses without a forced format, as Markdown, with both papers.
fn assert_read_as_markdown(page: &str) {
    let parsed = Parser::new()
        .parse_bytes_detailed(page.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.format, Format::Markdown);
    let titles: Vec<&str> = parsed
        .digest
        .papers
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles, ["T", "U"]);
    assert_eq!(parsed.digest.papers[0].authors, ["A"]);
    let forced = Parser::new().format(Format::Markdown).parse(page).unwrap();
    assert_eq!(forced, parsed.digest);
}

/// Headings that are only bold are one Markdown construct, where detection
/// wants two: the page was read as text, where `**` hides the heading.
#[test]
fn a_markdown_page_whose_headings_are_only_bold_is_a_digest() {
    assert_read_as_markdown(&format!("7 Papers & Radios | 清单\n\n{BOLD_PAPERS}"));
}

/// Detection samples the first 64 KiB: an intro longer than that hid the
/// page's Markdown from it.
#[test]
fn a_markdown_page_whose_intro_runs_past_64_kib_is_a_digest() {
    let intro = "本周论文包括很多。".repeat(3_000);
    assert!(intro.len() > 64 * 1024);
    assert_read_as_markdown(&format!(
        "7 Papers & Radios | 清单\n\n{intro}\n\n{BOLD_PAPERS}"
    ));
}

/// 256 nested list lines take 64 KiB of indentation (each level two spaces
/// deeper), so the headings after them were past detection's sample too.
#[test]
fn a_markdown_page_after_256_nested_list_lines_is_a_digest() {
    let nested: String = (0..256).map(|i| "  ".repeat(i) + "- 条目\n").collect();
    assert!(nested.len() > 64 * 1024);
    assert_read_as_markdown(&format!(
        "7 Papers & Radios | 清单\n\n{nested}\n{BOLD_PAPERS}"
    ));
}

/// A text page that Markdown reads as no digest (a stray `<!--` opens an
/// HTML comment block that runs to the end) is still read as text when
/// detection takes it for Markdown.
#[test]
fn a_text_page_detected_as_markdown_falls_back_to_text() {
    let page = "# 7 Papers & Radios | 清单\n> 本周论文包括 T。\n<!-- 转载\n论文 1：T\n作者：A\n";
    let markdown = Parser::new().format(Format::Markdown).parse(page);
    assert!(markdown.is_err(), "{markdown:?}");
    let text = Parser::new().format(Format::Text).parse(page).unwrap();
    let parsed = Parser::new().parse_bytes_detailed(page.as_bytes()).unwrap();
    assert_eq!((parsed.format, parsed.digest), (Format::Text, text));
}

mod detection_property {
    use paper_digest::{Format, Parser};
    use proptest::prelude::*;
    use proptest::sample::select;

    /// A line-based digest page in the shapes detection can misjudge: a
    /// title plain or as a heading, an intro short or past 64 KiB, nested
    /// list lines, paper headings plain, bold or as headings, metadata
    /// plain, bulleted or indented, links bare or in Markdown.
    fn page() -> impl Strategy<Value = String> {
        (
            select(vec![
                "7 Papers & Radios | 清单",
                "# 7 Papers & Radios | 清单",
            ]),
            select(vec![0usize, 1, 8_000]),
            select(vec![0usize, 3, 40]),
            proptest::collection::vec(
                (
                    select(vec![
                        "论文 {n}：T{n}",
                        "**论文 {n}：T{n}**",
                        "## 论文 {n}：T{n}",
                        "**Paper {n}: T{n}**",
                        "論文 {n}：T{n}",
                    ]),
                    select(vec!["作者：A", "- 作者：A", "* 作者：A", "    作者：A", ""]),
                    select(vec![
                        "论文链接：https://arxiv.org/abs/2204.02311",
                        "[论文链接](https://arxiv.org/abs/2204.02311)",
                        "- 论文链接：https://arxiv.org/abs/2204.02311",
                        "",
                    ]),
                    select(vec!["\n", "\n\n"]),
                ),
                0..4,
            ),
        )
            .prop_map(|(title, intro, nested, papers)| {
                let mut page = format!("{title}\n\n");
                page += &"本周论文包括很多。".repeat(intro);
                page += "\n\n";
                for i in 0..nested {
                    page += &("  ".repeat(i) + "- 条目\n");
                }
                page += "\n";
                for (n, (heading, authors, link, gap)) in papers.iter().enumerate() {
                    let heading = heading.replace("{n}", &(n + 1).to_string());
                    page += &[heading.as_str(), authors, link, ""].join(gap);
                    page += "\n";
                }
                page
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// If a page parses as a digest in some forced format, it parses as
        /// one without a forced format.
        #[test]
        fn detection_never_turns_a_digest_away(page in page()) {
            let detected = paper_digest::parse(&page);
            for format in [Format::Text, Format::Markdown, Format::Html] {
                if Parser::new().format(format).parse(&page).is_ok() {
                    prop_assert!(detected.is_ok(), "{format:?} reads a digest, detection: {detected:?}");
                }
            }
        }
    }
}
