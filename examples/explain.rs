//! How the HTML source reads saved pages: whether the article was located
//! (and if not, the step the located path gave up at), and for the page
//! before the article and the article itself whether the token reader read
//! it from its tokens or where and why it declined, so that html5ever
//! parsed it. For contributors: a page that takes the slow path says why.
//!
//! ```text
//! cargo run --release --example explain -- tests/fixtures/sites/163/page.html
//! ```

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: explain PAGE.html...");
        std::process::exit(2);
    }
    let mut failed = false;
    for path in &paths {
        match std::fs::read(path) {
            Ok(bytes) => {
                println!("{path}:");
                for line in paper_digest::__private::html_explain(&bytes).lines() {
                    println!("  {line}");
                }
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
