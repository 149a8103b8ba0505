//! Times `parse_bytes` on a saved HTML page against `scraper`'s whole-page parse.
//!
//! ```text
//! cargo run --release --example html_timing -- /work/shared/markup/wechat-2020-02-11.html
//! ```

use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: html_timing PAGE.html [RUNS]");
        std::process::exit(2);
    };
    let runs = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(31);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let ours = time(runs, || {
        let _ = std::hint::black_box(paper_digest::parse_bytes(std::hint::black_box(&bytes)));
    });
    let scraper = time(runs, || {
        std::hint::black_box(scraper::Html::parse_document(std::hint::black_box(&text)));
    });
    println!(
        "{path}: {} bytes, median of {runs}: parse_bytes {ours:?}, scraper::Html::parse_document {scraper:?} (ratio {:.2})",
        bytes.len(),
        ours.as_secs_f64() / scraper.as_secs_f64()
    );
}
