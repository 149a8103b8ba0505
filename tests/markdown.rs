//! The Markdown source: the seed reposted as Markdown reads as the text seed does.

mod common;

use common::SEED as TEXT_SEED;
use paper_digest::{Digest, Format, Parser};

const MD_SEED: &str = include_str!("fixtures/markdown/seed.md");
const MD_SEED_CRLF: &str = include_str!("fixtures/markdown/seed-crlf.md");

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
    assert_eq!(md.issue.date.as_deref(), Some("2022-04-10"));
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
