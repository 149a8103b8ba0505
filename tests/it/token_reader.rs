//! The HTML token reader's differential property (issue 12): wherever the
//! located article is read from its tokens, without a DOM, it equals what
//! the parse of the article gives: the container chosen, how, its text,
//! and every line of its walk. The reader may decline (the parse runs); it
//! must never disagree.
//!
//! The same property runs as the `token_reader` fuzz target. Every
//! disagreement it found is a named test below.

use crate::support;

use paper_digest::__private::html_token_reader_agrees;
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
