//! The HTML token reader's differential property (issue 12): wherever the
//! located article is read from its tokens, without a DOM, it equals what
//! the parse of the article gives: the container chosen, how, its text,
//! and every line of its walk. The reader may decline (the parse runs); it
//! must never disagree.
//!
//! The same property runs as the `token_reader` fuzz target. Every
//! disagreement it found is a named test below.

use crate::support;

use paper_digest::__private::{html_prefix_agrees, html_token_reader_agrees};
use proptest::prelude::*;
use support::html_pages::article_page;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn the_token_reader_declines_or_agrees(choices in prop::collection::vec(any::<u8>(), 0..120)) {
        let page = article_page(&choices);
        if let Err(e) = html_token_reader_agrees(&page) {
            prop_assert!(false, "{}\n\npage:\n{}", e, page);
        }
    }
}

/// The generator reaches the reader often enough (and with markup enough
/// that it also declines often) for the property to test it.
#[test]
fn the_generator_exercises_the_reader() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut read, mut declined, n) = (0, 0, 2000u32);
    for _ in 0..n {
        let choices = prop::collection::vec(any::<u8>(), 0..120)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        match html_token_reader_agrees(&article_page(&choices)) {
            Ok(true) => read += 1,
            Ok(false) => declined += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(read * 10 >= n, "read {read} of {n}");
    assert!(declined * 5 >= n, "declined {declined} of {n}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// The page before the located article, read from its tokens for the
    /// placement probe and the metadata (issue 24), is html5ever's tree of
    /// the same bytes wherever it is read.
    #[test]
    fn the_page_before_the_article_is_read_as_html5ever_parses_it(
        choices in prop::collection::vec(any::<u8>(), 0..60),
    ) {
        let page = support::html_pages::prefix_page(&choices);
        if let Err(e) = html_prefix_agrees(&page) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Found by review: `</body>` before the article popped the body from the
/// reader's stack, where html5ever keeps it (the end tag only switches to
/// "after body", and what follows goes back into the body), so the page
/// before the article was read into another tree than html5ever's.
#[test]
fn an_end_of_the_body_before_the_article_is_not_read_as_closing_it() {
    let body = "本周论文包括……".repeat(40);
    for before in [
        "<html><body></body><div>",
        "<html><body><span></body><div>",
        "<html><body></html><div>",
        "<body><p></body><section>",
    ] {
        let page = format!(
            "{before}<div id=js_content>{body}<p>论文 1：标题</p><p>论文 2：标题</p></div>"
        );
        assert_eq!(html_prefix_agrees(&page), Ok(false), "{before}");
    }
}

/// The page-start generator reaches both outcomes: read, and declined
/// (where html5ever's parse probes instead).
#[test]
fn the_generator_exercises_the_page_before_the_article() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut read, mut declined, n) = (0, 0, 2000u32);
    for _ in 0..n {
        let choices = prop::collection::vec(any::<u8>(), 0..60)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        match html_prefix_agrees(&support::html_pages::prefix_page(&choices)) {
            Ok(true) => read += 1,
            Ok(false) => declined += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(read * 5 >= n, "read {read} of {n}");
    assert!(declined * 5 >= n, "declined {declined} of {n}");
}

/// Every real page of the fixtures whose article is located: the page
/// before it, read from its tokens, is html5ever's tree.
#[test]
fn the_page_before_the_article_of_each_fixture_is_html5evers() {
    let pages = fixture_html_pages();
    let mut read = 0;
    for path in &pages {
        let page = fixture_text(path);
        match html_prefix_agrees(&page) {
            Ok(true) => read += 1,
            Ok(false) => {}
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
    assert!(read >= 5, "read {read} of {}", pages.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The tokens the pre-parse pass records for the page it leaves (each
    /// kept token moved to its place, an empty body where one is cut, the
    /// empty comments it puts in) are a tokenization of that page: the scan
    /// after it reads them instead of tokenizing again (issue 24).
    #[test]
    fn the_tokens_recorded_by_the_pre_parse_pass_are_the_page_lefts(
        choices in prop::collection::vec(any::<u8>(), 0..120),
        deep in 0usize..3,
    ) {
        use support::html_pages::{metadata_page, page, prefix_page};
        let mut pages = vec![
            article_page(&choices),
            metadata_page(&choices),
            prefix_page(&choices),
            page(&choices),
        ];
        // Deeper than the nesting cap, with meta tags no selector reads
        // and script bodies: every kind of cut.
        let nested = "<div>".repeat(deep * 300);
        pages.push(format!(
            "<meta name=x content=y><script>var a = '<p>';</script>{nested}<span>{}</span>",
            String::from_utf8_lossy(&choices)
        ));
        // Cuts between text that would join into markup (an empty comment
        // stands in): three pieces as the choices say.
        const JOINS: [&str; 9] = ["<", "&am", "a", ">", "<meta name=x>", "<link rel=x>", "p>", "p;", "script>"];
        let piece = |i: usize| JOINS[usize::from(choices.get(i).copied().unwrap_or(0)) % JOINS.len()];
        pages.push(format!("<body>{}{}{}{}</body>", piece(0), piece(1), piece(2), piece(3)));
        pages.push(format!("{}a<{}p>b", "<div>".repeat(520), "<div>".repeat(deep)));
        for page in pages {
            if let Err(e) = paper_digest::__private::html_reduced_tokens_agree(&page) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}

/// The same on every real page of the fixtures.
#[test]
fn the_tokens_recorded_for_each_fixture_are_the_page_lefts() {
    for path in fixture_html_pages() {
        let page = fixture_text(&path);
        if let Err(e) = paper_digest::__private::html_reduced_tokens_agree(&page) {
            panic!("{}: {e}", path.display());
        }
    }
}

/// Every HTML page of the fixtures (the sites', the unknown sites', the real
/// and the news pages) and the bench page.
fn fixture_html_pages() -> Vec<std::path::PathBuf> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["sites", "unknown-sites", "html/real", "html/markup/news"] {
        let Ok(entries) = std::fs::read_dir(manifest.join("tests/fixtures").join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pages.extend(
                    std::fs::read_dir(&path)
                        .unwrap()
                        .flatten()
                        .map(|e| e.path()),
                );
            } else {
                pages.push(path);
            }
        }
    }
    pages.push(manifest.join("benches/data/wechat-digest.html"));
    pages.retain(|p| p.extension().is_some_and(|e| e == "html"));
    pages.sort();
    pages
}

/// A fixture page's text (GBK where its name says so, else UTF-8).
fn fixture_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let label: &[u8] = if path.to_string_lossy().contains("gbk") {
        b"gbk"
    } else {
        b"utf-8"
    };
    let (text, _, _) = encoding_rs::Encoding::for_label(label)
        .unwrap()
        .decode(&bytes);
    text.into_owned()
}
