//! The renderers on the seed: every rendered page parses back to the same content.

use crate::common;

use common::SEED as TEXT_SEED;
use paper_digest::{Digest, Format, Parser, render};

const MD_SEED: &str = include_str!("../fixtures/markdown/seed.md");

fn content(
    d: &Digest,
) -> (
    &paper_digest::Issue,
    &[paper_digest::Paper],
    &[paper_digest::RadioList],
) {
    (&d.issue, &d.papers, &d.radio)
}

fn round_trip(digest: &Digest) {
    let text = render::text(digest);
    let back = Parser::new().format(Format::Text).parse(&text).unwrap();
    let mut expected = digest.clone();
    for paper in &mut expected.papers {
        paper.figures.retain(|f| f.caption.is_some());
        for f in &mut paper.figures {
            f.image = None;
        }
    }
    assert_eq!(content(&back), content(&expected), "text:\n{text}");
    assert_eq!(back.stripped, Default::default());

    let md = render::markdown(digest);
    let parsed = Parser::new().parse_bytes_detailed(md.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::Markdown);
    assert_eq!(content(&parsed.digest), content(digest), "markdown:\n{md}");
    assert_eq!(parsed.digest.stripped, Default::default());

    let html = render::html(digest);
    assert!(paper_digest::parse(&html).is_ok());
}

#[test]
fn text_seed_round_trips() {
    round_trip(&paper_digest::parse(TEXT_SEED).unwrap());
}

#[test]
fn markdown_seed_round_trips() {
    // With images, and a date and source.
    round_trip(&paper_digest::parse(MD_SEED).unwrap());
}

/// Until the HTML source reads markup, check the HTML page line by line
/// against the text page: one block per line, the same text once the tags
/// are removed and the five escapes undone (the figures aside, which plain
/// text cannot carry).
#[test]
fn html_blocks_match_text_lines() {
    let digest = paper_digest::parse(MD_SEED).unwrap();
    let html = render::html(&digest);
    let body: Vec<String> = html
        .lines()
        .skip_while(|l| *l != "<article>")
        .skip(1)
        .take_while(|l| *l != "</article>")
        .filter(|l| !l.starts_with("<figure><img") || l.contains("<figcaption>"))
        .map(|l| strip_tags(l).replace('：', ":"))
        .collect();
    let text: Vec<String> = render::text(&digest).lines().map(str::to_owned).collect();
    assert_eq!(body, text);
    assert!(html.contains("<a href=\"https://arxiv.org/pdf/2203.15556.pdf\">"));
    assert!(html.contains("<h1>7 Papers &amp; Radios | "));
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
