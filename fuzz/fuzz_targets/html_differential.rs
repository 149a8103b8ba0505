//! The differential property of the HTML source (issue 9), driven by
//! libFuzzer: a page built from the input bytes (digest content mixed with
//! comments, CDATA, raw-text elements, markup in attribute values, odd end
//! tags, foreign content, random ancestors) must read, through the crate, as
//! the visible text `scraper` shows from a parse of the whole page. The page
//! grammar and the reference are shared with `tests/it/differential.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/html_pages.rs"]
mod html_pages;

fuzz_target!(|data: &[u8]| {
    let page = html_pages::page(data);
    let ours = paper_digest::__private::html_text(&page);
    let theirs = html_pages::visible_text(&page);
    assert_eq!(
        html_pages::squash(&ours),
        html_pages::squash(&theirs),
        "the crate read:\n{ours}\n\nscraper shows:\n{theirs}\n\npage:\n{page}"
    );
});
