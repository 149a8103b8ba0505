//! The located reading's metadata property (issue 12), driven by
//! libFuzzer: on a page with metadata elements before, in and after its
//! article, the located path reads the same lines and metadata as the
//! whole page's parse. The page grammar is shared with
//! `tests/it/located_metadata.rs`; a raw input is also tried as the markup
//! after, before and inside the article.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/html_pages.rs"]
mod html_pages;

fuzz_target!(|data: &[u8]| {
    let page = html_pages::metadata_page(data);
    if let Err(e) = paper_digest::__private::html_located_agrees(&page) {
        panic!("{e}\n\npage:\n{page}");
    }
    if let Ok(markup) = std::str::from_utf8(data) {
        let text = "本周论文包括……".repeat(40);
        let head = "<html><head><title>7 Papers &amp; Radios | 甲</title></head><body>";
        // The markup after the article, before it (the contexts it opens
        // decide where a parse puts the article) and inside it.
        for page in [
            format!(
                "{head}<div id=js_content>{text}<p>论文 1：标题</p></div>{markup}</body></html>"
            ),
            format!(
                "{head}{markup}<div id=js_content>{text}<p>论文 1：标题</p></div></body></html>"
            ),
            format!(
                "{head}<div id=js_content>{text}{markup}<p>论文 1：标题</p></div></body></html>"
            ),
        ] {
            if let Err(e) = paper_digest::__private::html_located_agrees(&page) {
                panic!("{e}\n\npage:\n{page}");
            }
        }
    }
});
