//! The hostile shapes of issue 12, built at any size: each is a digest
//! (a title and one paper) followed by one construct repeated until the input
//! reaches the size asked for. Shared by `tests/hostile.rs` (a few MiB, with
//! a peak-memory check) and `benches/limit.rs` (the 32 MiB input limit).

#![allow(dead_code)]

/// One shape: a name and a builder taking the size in bytes.
pub struct Shape {
    /// The name printed by the bench and the tests.
    pub name: &'static str,
    /// Builds an input of about `size` bytes (never more).
    pub build: fn(usize) -> Vec<u8>,
    /// The repeated unit, as the lines the parser should see come from it.
    pub unit: &'static str,
}

const HTML_HEAD: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
<title>7 Papers &amp; Radios | 极限</title></head><body><div class=\"content\">\
<h1>7 Papers &amp; Radios | 极限</h1><p>论文 1：T</p><p>作者：A</p>";
const HTML_TAIL: &str = "</div></body></html>";

/// `head`, then `unit` as often as fits in `size` bytes with `tail`, then `tail`.
fn fill(head: &[u8], unit: &[u8], tail: &[u8], size: usize) -> Vec<u8> {
    let room = size.saturating_sub(head.len() + tail.len());
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(head);
    for _ in 0..room / unit.len() {
        out.extend_from_slice(unit);
    }
    out.extend_from_slice(tail);
    out
}

fn html(unit: &str, size: usize) -> Vec<u8> {
    fill(
        HTML_HEAD.as_bytes(),
        unit.as_bytes(),
        HTML_TAIL.as_bytes(),
        size,
    )
}

/// A Markdown digest: a heading and strong text make it Markdown to the detector.
const MD_HEAD: &str = "# 7 Papers & Radios | 极限\n\n**论文 1：T**\n\n作者：A\n\n";

/// A GBK digest page: the seed in GBK repeated, ending in a lone lead byte.
fn gbk_lone_lead(size: usize) -> Vec<u8> {
    let seed = include_str!("../fixtures/seed-2022-04-10.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(seed);
    let mut out = fill(b"", &[gbk.as_ref(), b"\n"].concat(), b"", size - 1);
    out.push(0xB1);
    out
}

/// Every shape of the issue.
pub const ALL: &[Shape] = &[
    Shape {
        name: "html <li>甲",
        build: |n| html("<li>甲", n),
        unit: "甲",
    },
    Shape {
        name: "html <ul><li>甲</li></ul>",
        build: |n| html("<ul><li>甲</li></ul>", n),
        unit: "甲",
    },
    Shape {
        name: "html <p>x</p>",
        build: |n| html("<p>x</p>", n),
        unit: "x",
    },
    Shape {
        name: "html <p>x (unclosed)",
        build: |n| html("<p>x", n),
        unit: "x",
    },
    Shape {
        name: "html <div>x (nested)",
        build: |n| html("<div>x", n),
        unit: "x",
    },
    Shape {
        name: "html <ul><li>x (nested)",
        build: |n| html("<ul><li>x", n),
        unit: "x",
    },
    Shape {
        name: "md - [a](b)",
        build: |n| fill(MD_HEAD.as_bytes(), b"- [a](b)\n", b"", n),
        unit: "a",
    },
    Shape {
        name: "md > - x",
        build: |n| fill(MD_HEAD.as_bytes(), b"> - x\n", b"", n),
        unit: "x",
    },
    Shape {
        name: "md > - > - > - > - x",
        build: |n| fill(MD_HEAD.as_bytes(), b"> - > - > - > - x\n", b"", n),
        unit: "x",
    },
    Shape {
        name: "text 论文 N：x",
        build: |n| {
            let mut out = Vec::with_capacity(n);
            out.extend_from_slice("7 Papers & Radios | 极限\n".as_bytes());
            let mut i = 1usize;
            loop {
                let line = format!("论文 {i}：x\n");
                if out.len() + line.len() > n {
                    break out;
                }
                out.extend_from_slice(line.as_bytes());
                i += 1;
            }
        },
        unit: "x",
    },
    Shape {
        name: "gbk seed, lone lead byte",
        build: gbk_lone_lead,
        unit: "",
    },
];
