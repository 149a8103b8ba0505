//! Golden tests: every fixture in `tests/fixtures/` with a `.json` beside it
//! must parse to exactly that JSON.
//!
//! The expected files were reviewed by hand, field by field. To regenerate
//! them after an intended change, run `BLESS=1 cargo test --test golden` and
//! review the diff before committing.

use std::path::{Path, PathBuf};

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pairs = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture directory") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_some_and(|e| e == "json") {
                continue;
            }
            let expected = path.with_extension("json");
            if expected.exists() {
                pairs.push((path, expected));
            }
        }
    }
    pairs.sort();
    pairs
}

#[test]
fn golden_fixtures_parse_to_their_json() {
    let pairs = fixtures();
    assert!(pairs.len() >= 3, "golden fixtures missing: {pairs:?}");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (input, expected) in &pairs {
        let bytes = std::fs::read(input).expect("read fixture");
        let digest = paper_digest::parse_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let got = serde_json::to_string_pretty(&digest).expect("serialize") + "\n";
        if bless {
            std::fs::write(expected, &got).expect("write expected");
            continue;
        }
        let want = std::fs::read_to_string(expected).expect("read expected");
        if got != want {
            failures.push(input.display().to_string());
            eprintln!(
                "--- {} differs from {}:\n{got}",
                input.display(),
                expected.display()
            );
        }
        // The JSON reads back to the same digest.
        let back: paper_digest::Digest = serde_json::from_str(&want).expect("deserialize");
        if !bless && back != digest {
            failures.push(format!("{} (deserialization)", expected.display()));
        }
    }
    assert!(failures.is_empty(), "golden mismatches: {failures:?}");
}
