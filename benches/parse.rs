//! Throughput of the parser on real pages, with the baselines it is measured
//! against in the same run:
//!
//! * `text/parse` vs `text/pulldown_cmark_scan` (reading the text once);
//! * `html/parse_bytes` vs `html/scraper_parse_document` (building the DOM of the whole page);
//! * `scale/text/Nx`: time per byte from 1x to 64x the seed page.
//!
//! `python3 benches/ratios.py` prints the medians, MB/s and the ratios after a run.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn read(path: &str) -> Option<Vec<u8>> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).ok()
}

fn text(c: &mut Criterion) {
    let seed = String::from_utf8(read("tests/fixtures/seed-2022-04-10.txt").expect("seed page"))
        .expect("UTF-8");
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("parse", |b| {
        b.iter(|| paper_digest::parse(black_box(&seed)))
    });
    g.bench_function("pulldown_cmark_scan", |b| {
        b.iter(|| pulldown_cmark::Parser::new(black_box(&seed)).count())
    });
    let (gbk, _, _) = encoding_rs::GBK.encode(&seed);
    g.throughput(Throughput::Bytes(gbk.len() as u64));
    g.bench_function("parse_bytes_gbk", |b| {
        b.iter(|| paper_digest::parse_bytes(black_box(&gbk)))
    });
    // The same page cut after the lead byte of a character, as scrapes cut
    // mid-character end: decoded from the detector's sample like the whole page.
    let mut cut = gbk[..gbk.len() * 7 / 10].to_vec();
    while cut.last().is_some_and(|b| !b.is_ascii()) {
        cut.pop();
    }
    cut.push(0xB1);
    g.throughput(Throughput::Bytes(cut.len() as u64));
    g.bench_function("parse_bytes_gbk_cut", |b| {
        b.iter(|| paper_digest::parse_bytes(black_box(&cut)))
    });
    g.finish();
}

fn markdown(c: &mut Criterion) {
    let Some(md) = read("tests/fixtures/markdown/seed.md") else {
        return;
    };
    let mut g = c.benchmark_group("markdown");
    g.throughput(Throughput::Bytes(md.len() as u64));
    g.bench_function("parse_bytes", |b| {
        b.iter(|| paper_digest::parse_bytes(black_box(&md)))
    });
    g.finish();
}

fn html(c: &mut Criterion) {
    let Some(page) = read("benches/data/wechat-digest.html") else {
        return;
    };
    let text = String::from_utf8(page.clone()).expect("UTF-8 page");
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("parse_bytes", |b| {
        b.iter(|| paper_digest::parse_bytes(black_box(&page)))
    });
    g.bench_function("scraper_parse_document", |b| {
        b.iter(|| scraper::Html::parse_document(black_box(&text)))
    });
    g.finish();
}

fn scale(c: &mut Criterion) {
    let seed = String::from_utf8(read("tests/fixtures/seed-2022-04-10.txt").expect("seed page"))
        .expect("UTF-8");
    let mut g = c.benchmark_group("scale/text");
    for n in [1usize, 4, 16, 64] {
        let page = vec![seed.as_str(); n].join("\n");
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{n}x")),
            &page,
            |b, page| b.iter(|| paper_digest::parse(black_box(page))),
        );
    }
    g.finish();
}

criterion_group!(benches, text, markdown, html, scale);
criterion_main!(benches);
