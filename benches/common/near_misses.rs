//! Pages about papers as a crawl meets them: each near miss of
//! `tests/fixtures/not-digests/` (a paper note, a listing, another outlet's
//! roundup, a newsletter) set inside a real news page of
//! `tests/fixtures/html/markup/news/` (its navigation, comment boxes,
//! scripts, footers), at the first `</p>` after the page's middle. The
//! fixtures alone are a few kilobytes each; inside a real page the
//! refusal meets the markup it meets on the web. Shared by
//! `examples/icount.rs` and `benches/parse.rs`.

use std::path::Path;

/// The near-miss pages: each fixture inside one news page (the `7 i`-th,
/// round the thirty, so that every site's markup is met), in name order.
pub fn pages(root: &Path) -> Vec<Vec<u8>> {
    let list = |dir: &str, exts: &[&str]| {
        let mut found: Vec<_> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.contains(&e))
                    && !p.ends_with("README.md")
            })
            .collect();
        found.sort();
        found
    };
    let shells = list("tests/fixtures/html/markup/news", &["html"]);
    let misses = list("tests/fixtures/not-digests", &["html", "md", "txt"]);
    if shells.is_empty() {
        return Vec::new();
    }
    misses
        .iter()
        .enumerate()
        .filter_map(|(i, miss)| {
            let shell =
                String::from_utf8_lossy(&std::fs::read(&shells[7 * i % shells.len()]).ok()?)
                    .into_owned();
            let miss = String::from_utf8_lossy(&std::fs::read(miss).ok()?).into_owned();
            let is_html = miss.trim_start().starts_with('<');
            Some(splice(&shell, &body(&miss, is_html)).into_bytes())
        })
        .collect()
}

/// What of a near miss goes into the page: an HTML page's body, or each
/// line of a text or Markdown page as a paragraph.
fn body(miss: &str, is_html: bool) -> String {
    if is_html {
        let from = miss
            .find("<body")
            .and_then(|i| miss[i..].find('>').map(|j| i + j + 1))
            .unwrap_or(0);
        let to = miss.rfind("</body>").unwrap_or(miss.len()).max(from);
        return miss[from..to].to_owned();
    }
    miss.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
        .collect()
}

/// `shell` with `body` after the first `</p>` from its middle on.
fn splice(shell: &str, body: &str) -> String {
    let mut mid = shell.len() / 2;
    while !shell.is_char_boundary(mid) {
        mid += 1;
    }
    let at = shell[mid..]
        .find("</p>")
        .map_or(mid, |i| mid + i + "</p>".len());
    format!("{}{body}{}", &shell[..at], &shell[at..])
}
