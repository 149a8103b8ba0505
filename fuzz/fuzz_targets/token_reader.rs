//! The HTML token reader's differential property (issue 12), driven by
//! libFuzzer: on a page whose article holds markup built from the input
//! bytes, the token reader either declines or reads exactly what the parse
//! of the article gives (the container, how it was chosen, its text, its
//! lines). The page grammar is shared with `tests/it/token_reader.rs`; a raw
//! input is also tried as the article's own markup, and as the page before
//! the article, which read from its tokens must be html5ever's tree of the
//! same bytes (issue 24's placement probe); and the tokens the pre-parse
//! pass records for the page it leaves must be a tokenization of it.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/html_pages.rs"]
mod html_pages;

fuzz_target!(|data: &[u8]| {
    let page = html_pages::article_page(data);
    if let Err(e) = paper_digest::__private::html_token_reader_agrees(&page) {
        panic!("{e}\n\npage:\n{page}");
    }
    if let Ok(markup) = std::str::from_utf8(data) {
        let page = format!(
            "<html><body><div id=js_content>{}<p>论文 1：标题</p>{markup}<p>论文 2：标题</p></div></body></html>",
            "本周论文包括……".repeat(40)
        );
        if let Err(e) = paper_digest::__private::html_token_reader_agrees(&page) {
            panic!("{e}\n\npage:\n{page}");
        }
        let page = format!(
            "{markup}<div id=js_content>{}<p>论文 1：标题</p><p>论文 2：标题</p></div>",
            "本周论文包括……".repeat(40)
        );
        if let Err(e) = paper_digest::__private::html_prefix_agrees(&page) {
            panic!("{e}");
        }
    }
    let page = html_pages::prefix_page(data);
    if let Err(e) = paper_digest::__private::html_prefix_agrees(&page) {
        panic!("{e}");
    }
    for page in [page, String::from_utf8_lossy(data).into_owned()] {
        if let Err(e) = paper_digest::__private::html_reduced_tokens_agree(&page) {
            panic!("{e}");
        }
    }
});
