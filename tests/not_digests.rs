//! Precision: pages that are not "7 Papers & Radios" digests are turned away
//! with `Error::NotADigest`, whatever their format: the near misses in
//! `tests/fixtures/not-digests/` (single-paper articles, other outlets'
//! roundups, newsletters; sources in its README), the real saved pages in
//! `tests/fixtures/html/real/`, and every page of the project's shared
//! markup set, copied to `tests/fixtures/html/markup/` (a WeChat and a
//! thepaper.cn article, and thirty real news pages in `news/`).

use std::path::{Path, PathBuf};

use paper_digest::Error;

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
            Err(Error::NotADigest(msg)) => assert!(msg.contains("found"), "{msg}"),
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

#[test]
fn real_saved_pages_are_not_digests() {
    turned_away("tests/fixtures/html/real", 2);
}

#[test]
fn shared_markup_pages_are_not_digests() {
    turned_away("tests/fixtures/html/markup", 2);
    turned_away("tests/fixtures/html/markup/news", 30);
}
