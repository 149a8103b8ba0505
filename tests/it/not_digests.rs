//! Precision: pages that are not "7 Papers & Radios" digests are turned away
//! with `Error::NotADigest`, whatever their format: the near misses in
//! `tests/fixtures/not-digests/` (single-paper articles, other outlets'
//! roundups, newsletters; sources in its README), the real saved pages in
//! `tests/fixtures/html/real/`, and every page of the project's shared
//! markup set, copied to `tests/fixtures/html/markup/` (a WeChat and a
//! thepaper.cn article, and thirty real news pages in `news/`).

use std::path::{Path, PathBuf};

use paper_digest::{Error, Found, Missing};

fn pages(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && !p.ends_with("README.md"))
        .collect();
    pages.sort();
    pages
}

fn turned_away(dir: &str, at_least: usize) {
    let pages = pages(dir);
    assert!(pages.len() >= at_least, "{dir}: {} pages", pages.len());
    let mut accepted = Vec::new();
    for page in &pages {
        let bytes = std::fs::read(page).expect("read page");
        match paper_digest::parse_bytes(&bytes) {
            Err(Error::NotADigest(msg)) => assert!(msg.to_string().contains("found"), "{msg}"),
            other => accepted.push(format!("{}: {other:?}", page.display())),
        }
    }
    assert!(
        accepted.is_empty(),
        "taken for digests:\n{}",
        accepted.join("\n")
    );
}

#[test]
fn near_misses_are_not_digests() {
    turned_away("tests/fixtures/not-digests", 10);
}

/// Whole pages about papers (`not-digests/pages/`: paper notes, listings,
/// search results, roundups, a survey, in full site markup), written as a
/// held-out set for issue 27.
#[test]
fn whole_pages_about_papers_are_not_digests() {
    turned_away("tests/fixtures/not-digests/pages", 12);
}

#[test]
fn real_saved_pages_are_not_digests() {
    turned_away("tests/fixtures/html/real", 2);
}

#[test]
fn shared_markup_pages_are_not_digests() {
    turned_away("tests/fixtures/html/markup", 2);
    turned_away("tests/fixtures/html/markup/news", 30);
}

// Issue 27: a digest needs evidence, not one heading.

/// A blog post in a numbered series (`Paper 18:` over a long essay) has a
/// paper heading and nothing else of a digest: no series title, no radio
/// entry, no author line or link label. It was a digest of one paper
/// numbered 18 with seven warnings; the message now says what was found.
#[test]
fn a_lone_paper_heading_over_an_essay_is_not_a_digest() {
    let page = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/not-digests/essay-paper-18-series.html"),
    )
    .expect("fixture");
    match paper_digest::parse_bytes(&page) {
        Err(Error::NotADigest(why)) => {
            assert_eq!(why.missing, Missing::Evidence);
            assert!(
                matches!(
                    why.found.as_slice(),
                    [Found::PaperHeadings {
                        count: 1,
                        first_number: 18,
                        ..
                    }]
                ),
                "{why:?}"
            );
            let msg = why.to_string();
            assert!(msg.contains("1 paper heading(s)"), "{msg}");
            assert!(msg.contains("number 18"), "{msg}");
            assert!(
                msg.contains("found paper headings over running text"),
                "{msg}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A tag page whose post titles are `论文 N：…` headings (a listing of paper
/// notes) holds headings without any paper's content.
#[test]
fn a_listing_of_paper_posts_is_not_a_digest() {
    let page = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/not-digests/listing-paper-notes-tag.html"),
    )
    .expect("fixture");
    match paper_digest::parse_bytes(&page) {
        Err(Error::NotADigest(msg)) => {
            assert!(msg.to_string().contains("paper heading(s)"), "{msg}")
        }
        other => panic!("{other:?}"),
    }
}

/// The evidence that makes headings a digest, one kind at a time: the series
/// title, an author line, a link label, a radio entry. Without any of them
/// the same headings are refused.
#[test]
fn each_kind_of_evidence_makes_headings_a_digest() {
    let headings = "论文 1：一个模型\n论文 2：另一个模型\n";
    assert!(matches!(
        paper_digest::parse(headings),
        Err(Error::NotADigest(_))
    ));
    for evidence in [
        "7 Papers & Radios | 标题\n{h}",
        "{h}作者：张三\n",
        "{h}论文链接：https://arxiv.org/abs/2204.02311\n",
        "{h}本周 1 篇 NLP 精选论文是：\n1. A. (from X)\n",
    ] {
        let page = evidence.replace("{h}", headings);
        assert!(paper_digest::parse(&page).is_ok(), "{page}");
    }
}

// Issue 25: the not-a-digest error is structured, and its message is
// what it was as text.

/// Each kind of refusal says, as data, what is missing and what was found,
/// and its message is the one the error had when it was a string.
#[test]
fn not_a_digest_is_structured_and_keeps_its_message() {
    let why = |page: &str| match paper_digest::parse(page) {
        Err(Error::NotADigest(why)) => why,
        other => panic!("{page:?}: {other:?}"),
    };
    let nothing = why("今天天气很好。");
    assert_eq!(
        (nothing.missing, nothing.lines, nothing.found.as_slice()),
        (Missing::Marks, None, &[][..])
    );
    assert_eq!(
        Error::NotADigest(nothing).to_string(),
        "not a digest: no \"论文 N:\" paper, no \"本周 N 篇 … 精选论文\" radio heading and no \
         \"(from …)\" radio entry anywhere in the page; found nothing of a digest"
    );
    let title = why("7 Papers & Radios | 标题\n目录\n论文甲\n论文乙\n");
    assert_eq!(title.missing, Missing::Entries);
    assert_eq!(
        title.found_codes().collect::<Vec<_>>(),
        ["title", "contents"]
    );
    assert_eq!(title.found[1], Found::Contents(2));
    assert_eq!(
        title.to_string(),
        format!(
            "no \"论文 N:\" paper and no \"本周 N 篇 … 精选论文\" radio-list entry in {} line(s) \
             of text; found a \"7 Papers & Radios\" title or mention (\"7 Papers & Radios | 标题\"), \
             a table of contents (目录) of 2 entries",
            title.lines.expect("read")
        )
    );
    let headings = why("论文 1：一个模型\n论文 2：另一个模型\n");
    assert_eq!(headings.missing, Missing::Evidence);
    assert_eq!(
        headings.found_codes().collect::<Vec<_>>(),
        ["paper_headings"]
    );
    assert_eq!(
        headings.to_string(),
        "2 paper heading(s) (the first: \"一个模型\", number 1) but no \"7 Papers & Radios\" \
         title, no radio-list entry and no paper with an author line or a link label anywhere \
         in the page; found paper headings over running text, not a digest"
    );
    // The pre-check's second stage turned it away, before reading lines.
    assert_eq!(headings.lines, None);
    let radio = why("本周 10 篇 NLP 精选论文是：\n没有条目。\n");
    assert!(radio.found.contains(&Found::EmptyRadio(1)), "{radio:?}");
}
