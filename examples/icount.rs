//! The workloads of the instruction-count check (`.ci/icount`): each case
//! runs one workload a given number of times, so that the difference between
//! two counts under `valgrind --tool=cachegrind` is the cost of that many
//! runs, reading the inputs and starting the process excluded.
//!
//! ```text
//! cargo run --release --example icount -- --list
//! cargo run --release --example icount -- html/wechat 3
//! valgrind --tool=cachegrind --cache-sim=no target/release/examples/icount html/wechat 3
//! ```
//!
//! A case named `…/bare` beside another is that case's baseline: html5ever's
//! whole-page parse (`scraper::Html::parse_document`) of the same pages, or a
//! `pulldown-cmark` event scan of the same text. The check reports each case
//! against its committed count and its bare baseline.

#[path = "../benches/common/near_misses.rs"]
mod near_misses;

use std::hint::black_box;
use std::path::{Path, PathBuf};

/// What a case parses and how.
enum Work {
    /// `parse_bytes` on each page.
    Bytes(Vec<Vec<u8>>),
    /// `scraper::Html::parse_document` on each page's text.
    Html(Vec<String>),
    /// `parse` on the text.
    Text(String),
    /// A `pulldown-cmark` event scan of the text.
    Scan(String),
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The page's text for the bare parse, decoded as the crate decodes it.
fn text_of(bytes: &[u8]) -> String {
    let charset = paper_digest::Parser::new()
        .parse_bytes_detailed(bytes)
        .ok()
        .and_then(|p| encoding_rs::Encoding::for_label(p.encoding.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    charset.decode(bytes).0.into_owned()
}

/// The files of `dir` with one of `exts`, in name order.
fn files(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    found.sort();
    found
}

/// Every case: a name and the pages it reads. HTML cases get a `/bare`
/// twin; the text case's twin is the Markdown scanner.
fn cases() -> Vec<(String, Vec<PathBuf>)> {
    let mut cases = Vec::new();
    let mut site_dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/sites"))
        .expect("sites")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    site_dirs.sort();
    for dir in site_dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        for page in files(&format!("tests/fixtures/sites/{name}"), &["html"]) {
            let stem = page.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
            let case = match stem {
                "page" => format!("html/{name}"),
                other => format!("html/{name}-{}", other.trim_start_matches("page-")),
            };
            cases.push((case, vec![page]));
        }
    }
    cases.push((
        "html/unknown-site-blog".to_owned(),
        files("tests/fixtures/unknown-sites/blog", &["html"]),
    ));
    cases.push((
        "html/bench-wechat-770k".to_owned(),
        vec![root().join("benches/data/wechat-digest.html")],
    ));
    for page in files("tests/fixtures/html/real", &["html"]) {
        let stem = page.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        cases.push((format!("not-digest/{stem}"), vec![page]));
    }
    cases.push((
        "not-digest/news-30".to_owned(),
        files("tests/fixtures/html/markup/news", &["html"]),
    ));
    cases.push((
        "not-digest/about-papers".to_owned(),
        files("tests/fixtures/not-digests", &["html", "md", "txt"])
            .into_iter()
            .filter(|p| !p.ends_with("README.md"))
            .collect(),
    ));
    cases.push((
        "not-digest/about-papers-pages".to_owned(),
        files("tests/fixtures/not-digests/pages", &["html"]),
    ));
    // Built from files, not read from one: see `near_misses`.
    cases.push((NEAR_MISSES.to_owned(), Vec::new()));
    cases.push((
        "markdown/seed".to_owned(),
        vec![root().join("tests/fixtures/markdown/seed.md")],
    ));
    cases
}

/// The near misses set inside real news pages (issue 27's cost figure:
/// at most 0.3x the bare parse).
const NEAR_MISSES: &str = "not-digest/about-papers-in-pages";

/// How many copies of the seed a text case parses: `text/seed` one,
/// `text/seed-x8` eight, `text/seed-x64` sixty-four (joined by line feeds,
/// as `benches/parse.rs` builds its `scale/text` pages), so that the cost
/// per byte can be compared across sizes.
fn seed_copies(case: &str) -> Option<usize> {
    match case.strip_suffix("/bare").unwrap_or(case) {
        "text/seed" => Some(1),
        "text/seed-x8" => Some(8),
        "text/seed-x64" => Some(64),
        _ => None,
    }
}

fn work(case: &str) -> Option<Work> {
    if let Some(copies) = seed_copies(case) {
        let seed = String::from_utf8(read(&root().join("tests/fixtures/seed-2022-04-10.txt")))
            .expect("the seed is UTF-8");
        let seed = vec![seed.as_str(); copies].join("\n");
        return Some(if case.ends_with("/bare") {
            Work::Scan(seed)
        } else {
            Work::Text(seed)
        });
    }
    let (name, bare) = match case.strip_suffix("/bare") {
        Some(name) => (name, true),
        None => (case, false),
    };
    let pages: Vec<Vec<u8>> = if name == NEAR_MISSES {
        near_misses::pages(&root())
    } else {
        let (_, pages) = cases().into_iter().find(|(n, _)| n == name)?;
        pages.iter().map(|p| read(p)).collect()
    };
    Some(if bare {
        Work::Html(pages.iter().map(|p| text_of(p)).collect())
    } else {
        Work::Bytes(pages)
    })
}

fn run(work: &Work) {
    match work {
        Work::Bytes(pages) => {
            for page in pages {
                let _ = black_box(paper_digest::parse_bytes(black_box(page)));
            }
        }
        Work::Html(texts) => {
            for text in texts {
                black_box(scraper::Html::parse_document(black_box(text)));
            }
        }
        Work::Text(text) => {
            let _ = black_box(paper_digest::parse(black_box(text)));
        }
        Work::Scan(text) => {
            black_box(pulldown_cmark::Parser::new(black_box(text)).count());
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") {
        for case in ["text/seed", "text/seed-x8", "text/seed-x64"] {
            println!("{case}\t{case}/bare");
        }
        for (name, _) in cases() {
            let bare = if name.starts_with("markdown/") {
                String::new()
            } else {
                format!("{name}/bare")
            };
            println!("{name}\t{bare}");
        }
        return;
    }
    let (Some(case), Some(runs)) = (args.first(), args.get(1).and_then(|r| r.parse().ok())) else {
        eprintln!("usage: icount --list | icount CASE RUNS");
        std::process::exit(2);
    };
    let Some(work) = work(case) else {
        eprintln!("icount: no case {case}");
        std::process::exit(2);
    };
    // Lazily built tables (automata, selectors) are built before the runs
    // in every count alike: one untimed run first.
    run(&work);
    for _ in 0..runs {
        run(&work);
    }
}
