//! The differential property of the HTML source (issue 9): whatever markup
//! surrounds the article, the text the crate reads from a page equals the
//! visible text `scraper` reads from a parse of the whole, untouched page.
//! The crate's byte scans (script and style cut, container location, nesting
//! cap) must never change what a parser would show.
//!
//! The same property runs as the `html_differential` fuzz target. Every
//! disagreement it found is a named test below.

use crate::support;

use proptest::prelude::*;
use support::html_pages::{NOISE, TAIL, page, placed, squash, visible_text};

fn agree(page: &str) -> Result<(), String> {
    let ours = paper_digest::__private::html_text(page);
    let theirs = visible_text(page);
    if squash(&ours) == squash(&theirs) {
        Ok(())
    } else {
        Err(format!(
            "the crate read:\n{ours}\n\nscraper shows:\n{theirs}\n\npage:\n{page}"
        ))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn crate_text_equals_scraper_visible_text(choices in prop::collection::vec(any::<u8>(), 0..160)) {
        let page = page(&choices);
        if let Err(e) = agree(&page) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Every noise item alone, in every place: the head, the body before the
/// article, inside a line, between lines, after the article, inside an
/// ancestor; and every unclosed item at the end.
#[test]
fn every_noise_item_in_every_place() {
    for (item, noise) in NOISE.iter().enumerate() {
        for place in 0..6 {
            let page = page(&placed(item as u8, place));
            assert!(page.contains(noise), "{place}: {page}");
            agree(&page).unwrap_or_else(|e| panic!("{noise}, place {place}: {e}"));
        }
    }
    for (item, tail) in TAIL.iter().enumerate() {
        let page = page(&placed(item as u8, 6));
        assert!(page.contains(tail), "{page}");
        agree(&page).unwrap_or_else(|e| panic!("{tail}: {e}"));
    }
}

/// `NOISE[item]` in every place: the crate reads what scraper shows, and
/// the page still parses to its two papers.
fn holds_everywhere(noise: &str) {
    let item = NOISE
        .iter()
        .position(|n| *n == noise)
        .expect("a noise item") as u8;
    for place in 0..6 {
        let page = page(&placed(item, place));
        agree(&page).unwrap_or_else(|e| panic!("place {place}: {e}"));
        let digest = paper_digest::parse(&page).unwrap_or_else(|e| panic!("{e}: {page}"));
        assert_eq!(digest.papers.len(), 2, "place {place}: {page}");
    }
}

// The disagreements the property found in the byte scans before they shared
// one tokenizer, one test each.

/// `<title>` is escapable raw text: a `<script>` in it is text, and the old
/// pre-scan cut everything from it to the next real `</script>`.
#[test]
fn differential_1_title_holding_script_text() {
    holds_everywhere("<title>如何使用 <script> 标签</title>");
}

/// The same in `<textarea>`.
#[test]
fn differential_2_textarea_holding_script_text() {
    holds_everywhere("<textarea>写 <script> 标签</textarea>");
}

/// `<noembed>` is raw text.
#[test]
fn differential_3_noembed_holding_script_text() {
    holds_everywhere("<noembed><script></noembed>");
}

/// `<iframe>` is raw text, and its attribute values hide markup.
#[test]
fn differential_4_iframe_holding_script_text() {
    holds_everywhere("<iframe srcdoc=\"<script>\"><script></iframe>");
}

/// `<![CDATA[` in HTML content is a bogus comment that ends at the first
/// `>`: the `<script>` inside it is not a tag.
#[test]
fn differential_5_cdata_in_html_content() {
    holds_everywhere("<![CDATA[<script>]]>");
}

/// `<?…>` is a bogus comment ending at the first `>`.
#[test]
fn differential_6_processing_instruction_bogus_comment() {
    holds_everywhere("<? <script> ?>");
}

/// `</` + a non-letter opens a bogus comment.
#[test]
fn differential_7_end_tag_bogus_comment() {
    holds_everywhere("</ <script> >");
}

/// A `>` in a quoted attribute value of `<script>` does not end the tag.
#[test]
fn differential_8_script_start_tag_with_gt_in_attribute() {
    holds_everywhere("<script src=\"a.js?x=<div>\"></script>");
}

/// The same for `<style>`, with an upper-case end tag followed by a space.
#[test]
fn differential_9_style_start_tag_with_markup_in_attribute() {
    holds_everywhere("<STYLE media=\"<b>\">a{}</STYLE >");
}

/// `<!--<script>` inside a script double-escapes it: the first `</script>`
/// does not end the element.
#[test]
fn differential_10_double_escaped_script() {
    holds_everywhere("<script><!--<script>x = '</div>'</script>--></script\n>");
}

/// In `<svg>`, `<style>` is an ordinary element; its `<b>` breaks out of
/// foreign content and is shown.
#[test]
fn differential_11_style_in_svg_is_not_raw_text() {
    holds_everywhere("<svg><style><b>svg 样式</b></style></svg>");
}
