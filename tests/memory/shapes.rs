//! The hostile shapes of issue 12, built at any size: each is a digest
//! (a title and one paper) followed by one construct repeated until the input
//! reaches the size asked for. Shared by `tests/hostile.rs` (a few MiB, with
//! a peak-memory check) and `benches/limit.rs` (the 32 MiB input limit).

#![allow(dead_code)]

/// One shape: a name and what is repeated.
pub struct Shape {
    /// The name printed by the bench and the tests.
    pub name: &'static str,
    kind: Kind,
}

enum Kind {
    /// An HTML digest, then this markup repeated.
    Html(&'static str),
    /// A Markdown digest, then this line repeated.
    Markdown(&'static str),
    /// A text title, then `论文 N：x` lines numbered from 1.
    Papers,
    /// The seed in GBK again and again, then a lone lead byte.
    GbkLoneLead,
    /// Built by a function of the size.
    Built(fn(usize) -> Vec<u8>),
}

impl Shape {
    const fn html(name: &'static str, unit: &'static str) -> Shape {
        Shape {
            name,
            kind: Kind::Html(unit),
        }
    }

    const fn markdown(name: &'static str, line: &'static str) -> Shape {
        Shape {
            name,
            kind: Kind::Markdown(line),
        }
    }

    /// An input of about `size` bytes (never more).
    pub fn build(&self, size: usize) -> Vec<u8> {
        match self.kind {
            Kind::Html(unit) => fill(HTML_HEAD, unit, HTML_TAIL, size),
            Kind::Markdown(line) => fill(MD_HEAD, line, "", size),
            Kind::Papers => papers(size),
            Kind::GbkLoneLead => gbk_lone_lead(size),
            Kind::Built(build) => build(size),
        }
    }
}

const HTML_HEAD: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
<title>7 Papers &amp; Radios | 极限</title></head><body><div class=\"content\">\
<h1>7 Papers &amp; Radios | 极限</h1><p>论文 1：T</p><p>作者：A</p>";
const HTML_TAIL: &str = "</div></body></html>";

/// A Markdown digest: a heading and strong text make it Markdown to the detector.
const MD_HEAD: &str = "# 7 Papers & Radios | 极限\n\n**论文 1：T**\n\n作者：A\n\n";

/// `head`, then `unit` as often as fits in `size` bytes with `tail`, then `tail`.
fn fill(head: &str, unit: &str, tail: &str, size: usize) -> Vec<u8> {
    let room = size.saturating_sub(head.len() + tail.len());
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(head.as_bytes());
    for _ in 0..room / unit.len() {
        out.extend_from_slice(unit.as_bytes());
    }
    out.extend_from_slice(tail.as_bytes());
    out
}

/// A text digest of bare one-line papers.
fn papers(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice("7 Papers & Radios | 极限\n".as_bytes());
    for i in 1.. {
        let line = format!("论文 {i}：x\n");
        if out.len() + line.len() > size {
            break;
        }
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// A GBK digest page: the seed in GBK repeated, ending in a lone lead byte.
fn gbk_lone_lead(size: usize) -> Vec<u8> {
    let seed = include_str!("../fixtures/seed-2022-04-10.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(seed);
    let mut out = Vec::with_capacity(size);
    while out.len() + gbk.len() + 1 < size {
        out.extend_from_slice(&gbk);
        out.push(b'\n');
    }
    out.push(0xB1);
    out
}

/// Issue 22: a UTF-8 text digest, then `甲` and an invalid byte `0xFF`
/// repeated: a replaced sequence every four bytes.
pub fn utf8_dense_ff(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice("7 Papers & Radios | 极限\n论文 1：T\n作者：A\n".as_bytes());
    while out.len() + 4 <= size {
        out.extend_from_slice("甲".as_bytes());
        out.push(0xFF);
    }
    out
}

/// Issue 22: bytes from a fixed xorshift sequence, no digest at all.
pub fn random_bytes(size: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..size)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

/// Issue 22: a GBK text digest whose one paper's title (`甲` again and
/// again) fills the page.
pub fn gbk_huge_title(size: usize) -> Vec<u8> {
    let head = "7 Papers & Radios | 极限\n论文 1：";
    let room = size.saturating_sub(head.len()) / 2;
    let page = format!("{head}{}\n", "甲".repeat(room.saturating_sub(1)));
    encoding_rs::GBK.encode(&page).0.into_owned()
}

/// Every shape of the issue.
pub const ALL: &[Shape] = &[
    Shape::html("html <li>甲", "<li>甲"),
    Shape::html("html <ul><li>甲</li></ul>", "<ul><li>甲</li></ul>"),
    Shape::html("html <p>x</p>", "<p>x</p>"),
    Shape::html("html <p>x (unclosed)", "<p>x"),
    Shape::html("html <div>x (nested)", "<div>x"),
    Shape::html("html <ul><li>x (nested)", "<ul><li>x"),
    Shape::markdown("md - [a](b)", "- [a](b)\n"),
    Shape::markdown("md > - x", "> - x\n"),
    Shape::markdown("md > - > - > - > - x", "> - > - > - > - x\n"),
    Shape {
        name: "text 论文 N：x",
        kind: Kind::Papers,
    },
    Shape {
        name: "utf-8 甲 0xFF (dense invalid)",
        kind: Kind::Built(utf8_dense_ff),
    },
    Shape {
        name: "random bytes",
        kind: Kind::Built(random_bytes),
    },
    Shape {
        name: "gbk one huge title",
        kind: Kind::Built(gbk_huge_title),
    },
    // Last: `tests/hostile.rs` builds it as `ALL.last()`.
    Shape {
        name: "gbk seed, lone lead byte",
        kind: Kind::GbkLoneLead,
    },
];
