//! The located reading's metadata property (issue 12): on a page whose
//! head, page before the article, article and page after it hold elements
//! the metadata selectors match (or nearly match), the located path (which
//! parses the page before the article, and the article and the page after
//! it only when a selector tried before the one that found a field may
//! match there) reads exactly what the whole page's parse reads: the same
//! lines and the same title, date and source.
//!
//! The same property runs as the `located_metadata` fuzz target. Every
//! disagreement it finds becomes a named test below.

use crate::support;

use paper_digest::__private::html_located_agrees;
use proptest::prelude::*;
use support::html_pages::metadata_page;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn the_located_metadata_is_the_whole_pages(choices in prop::collection::vec(any::<u8>(), 0..40)) {
        let page = metadata_page(&choices);
        if let Err(e) = html_located_agrees(&page) {
            prop_assert!(false, "{}\n\npage:\n{}", e, page);
        }
    }
}

/// The generator reaches the located path often enough for the property
/// to test it (the pieces around the article may also make it parse the
/// whole page).
#[test]
fn the_generator_exercises_the_located_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut located, n) = (0, 600u32);
    for _ in 0..n {
        let choices = prop::collection::vec(any::<u8>(), 0..40)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        match html_located_agrees(&metadata_page(&choices)) {
            Ok(true) => located += 1,
            Ok(false) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert!(located * 2 >= n, "located {located} of {n}");
}
