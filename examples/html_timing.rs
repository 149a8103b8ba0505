//! Times `parse_bytes` on saved HTML pages against `scraper`'s whole-page
//! parse of the same page (medians of N runs, after one warm-up run).
//!
//! ```text
//! cargo run --release --example html_timing -- /work/shared/markup/wechat-2020-02-11.html
//! cargo run --release --example html_timing -- --runs 51 --json PAGE.html OTHER.html
//! ```
//!
//! With `--only parse_bytes` or `--only scraper` it times that one alone
//! (the other is timed over zero runs): for instruction counts under
//! `valgrind --tool=callgrind`, where the difference between two run counts
//! is the cost of that many parses.
//!
//! With `--json` it prints one JSON array, an object per page (`page`,
//! `bytes`, `digest`: whether `parse_bytes` returned a digest,
//! `parse_bytes_ms`, `scraper_ms`): what `benches/vs_resiliparse.py` reads.

use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    if runs == 0 {
        return Duration::ZERO;
    }
    f();
    median(
        (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// The page's text for the bare parse: decoded as the crate decoded it
/// (GBK pages as GBK), UTF-8 when it is not a digest.
fn text_of(bytes: &[u8]) -> String {
    let charset = paper_digest::Parser::new()
        .parse_bytes_detailed(bytes)
        .ok()
        .and_then(|p| encoding_rs::Encoding::for_label(p.encoding.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    charset.decode(bytes).0.into_owned()
}

fn main() {
    let mut runs = 31;
    let mut json = false;
    let mut only: Option<String> = None;
    let mut pages = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(runs),
            "--only" => only = args.next(),
            _ => pages.push(arg),
        }
    }
    if pages.is_empty() {
        eprintln!(
            "usage: html_timing [--runs N] [--json] [--only parse_bytes|scraper] PAGE.html..."
        );
        std::process::exit(2);
    }
    let mut rows = Vec::new();
    for path in &pages {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let text = text_of(&bytes);
        let digest = paper_digest::parse_bytes(&bytes).is_ok();
        let runs_of = |what: &str| match &only {
            Some(o) if o != what => 0,
            _ => runs,
        };
        let ours = time(runs_of("parse_bytes"), || {
            let _ = std::hint::black_box(paper_digest::parse_bytes(std::hint::black_box(&bytes)));
        });
        let scraper = time(runs_of("scraper"), || {
            std::hint::black_box(scraper::Html::parse_document(std::hint::black_box(&text)));
        });
        if json {
            rows.push(serde_json::json!({
                "page": path,
                "bytes": bytes.len(),
                "digest": digest,
                "parse_bytes_ms": ours.as_secs_f64() * 1e3,
                "scraper_ms": scraper.as_secs_f64() * 1e3,
            }));
        } else {
            println!(
                "{path}: {} bytes, median of {runs}: parse_bytes {ours:?}, scraper::Html::parse_document {scraper:?} (ratio {:.2})",
                bytes.len(),
                ours.as_secs_f64() / scraper.as_secs_f64()
            );
        }
    }
    if json {
        println!("{}", serde_json::Value::Array(rows));
    }
}
