//! The archive's cost per page next to the parse's, in the same run:
//!
//! * `archive/fixtures/*`: the fixture pages (14 copies of one issue in
//!   text, Markdown and the sites' HTML, a differently dated copy, two
//!   other issues);
//! * `archive/10000_pages/*`: 10,000 text pages, ten copies each of 1,000
//!   issues with distinct papers (one copy dated, the others undated, one
//!   cut after its first paper).
//!
//! Each group has `parse` (every page through `parse_bytes_all`),
//! `archive` (adding the parsed digests and building the dataset, the
//! digests' cloning excluded) and `parse_and_archive` (both, as
//! `Archive::add_page` does). Throughput is in pages.
//! `python3 benches/ratios.py` prints the medians and the archive / parse ratios.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use paper_digest::archive::{Archive, Origin};
use paper_digest::{Digest, Parser};

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture")
}

/// The text fixtures, the Markdown reposts and the site HTML fixtures: 14
/// copies of the 2022-04-10 issue, an aggregator's copy dated a day later,
/// two other issues.
fn fixtures() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = Vec::new();
    for (dir, ext) in [("", "txt"), ("markdown", "md")] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == ext) {
                paths.push(path);
            }
        }
    }
    // One folder per site: page.html (and a twin such as page-gbk.html).
    for site in std::fs::read_dir(root.join("sites")).expect("site fixtures") {
        let site = site.expect("entry").path();
        if !site.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&site).expect("site folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "html") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect()
}

/// Issue `i` of the synthetic corpus: the seed with its own title, date and
/// paper titles; copy `c` of it is dated (0), cut after paper 1 (9) or undated.
fn copy(seed: &str, i: usize, c: usize) -> String {
    let mut out = String::with_capacity(seed.len() + 64);
    let mut papers = 0;
    for (n, line) in seed.lines().enumerate() {
        if line.starts_with("论文 ") && line.contains(':') {
            papers += 1;
            if c == 9 && papers == 2 {
                break;
            }
            out.push_str(&format!("{line} {i}\n"));
        } else if let Some(at) = line.find(". (from") {
            out.push_str(&format!("{} {i}{}\n", &line[..at], &line[at..]));
        } else if n == 0 {
            out.push_str(&format!("{line};第 {i} 期\n"));
            if c == 0 {
                let (year, month, day) = (2000 + i / 336, i % 336 / 28 + 1, i % 28 + 1);
                out.push_str(&format!("{year} 年 {month} 月 {day} 日 机器之心\n"));
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn parse_all(pages: &[Vec<u8>]) -> Vec<Vec<Digest>> {
    let parser = Parser::new();
    pages
        .iter()
        .map(|p| parser.parse_bytes_all(p).unwrap_or_default())
        .collect()
}

fn archive(digests: Vec<Vec<Digest>>) -> paper_digest::archive::Dataset {
    let mut archive = Archive::new();
    for (i, page) in digests.into_iter().enumerate() {
        let origin = Origin::path(format!("page-{i}"));
        for d in page {
            archive.add(d, origin.clone());
        }
    }
    archive.build()
}

fn group(c: &mut Criterion, name: &str, pages: &[Vec<u8>], samples: usize) {
    let parsed = parse_all(pages);
    let summary = archive(parsed.clone()).summary;
    eprintln!("archive/{name}: {summary:?}");
    let mut g = c.benchmark_group(format!("archive/{name}"));
    g.sample_size(samples);
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function("parse", |b| b.iter(|| parse_all(black_box(pages))));
    g.bench_function("archive", |b| {
        b.iter_batched(|| parsed.clone(), archive, BatchSize::LargeInput)
    });
    g.bench_function("parse_and_archive", |b| {
        b.iter(|| {
            let mut archive = Archive::new();
            for (i, page) in pages.iter().enumerate() {
                let _ = archive.add_page(black_box(page), Origin::path(format!("page-{i}")));
            }
            archive.build()
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    group(c, "fixtures", &fixtures(), 30);
    let seed = String::from_utf8(read("tests/fixtures/seed-2022-04-10.txt")).expect("UTF-8");
    let corpus: Vec<Vec<u8>> = (0..1000)
        .flat_map(|i| (0..10).map(move |c| (i, c)))
        .map(|(i, c)| copy(&seed, i, c).into_bytes())
        .collect();
    group(c, "10000_pages", &corpus, 10);
}

criterion_group!(archive_benches, benches);
criterion_main!(archive_benches);
