//! Inputs that once crashed or misled the parser, each named after how it was
//! found (`fuzz_N_…` from cargo-fuzz, `proptest_…` from a property).

use paper_digest::{Format, Parser, parse, parse_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/regressions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("regression fixture")
}

/// Every format, every entry point: none may panic.
fn parse_every_way(bytes: &[u8]) {
    let _ = parse_bytes(bytes);
    let text = String::from_utf8_lossy(bytes);
    let _ = parse(&text);
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let _ = Parser::new().format(format).parse(&text);
    }
}

/// `(fro` followed by a multi-byte character: the `from` check sliced the
/// line inside a character.
#[test]
fn fuzz_1_split_from_char_boundary() {
    parse_every_way(&fixture("fuzz_1_split_from_char_boundary.bin"));
    let d =
        parse("7 Papers & Radios | t\n本周 2 篇 NLP 精选论文是：\n1. T (fro中)\n2. U (from 甲)\n")
            .unwrap();
    assert_eq!(d.radio[0].entries.len(), 2);
    assert_eq!(d.radio[0].entries[0].title, "T (fro中)");
}
