//! Golden tests: every fixture must parse to exactly the JSON of the whole
//! digest stored beside it. Two layouts:
//!
//! - a file with a `.json` of the same stem (`tests/fixtures/seed-2022-04-10.txt`
//!   and `seed-2022-04-10.json`);
//! - a case folder, `<group>/<case>/` (`tests/fixtures/sites/163/`): `page.*`
//!   gives `expect.json`, and a variant `page-<v>.*` (the GBK twin
//!   `page-gbk.html`) gives `expect-<v>.json` where that file exists and
//!   `expect.json` otherwise (a variant that must read the same).
//!
//! The expected files were reviewed by hand, field by field. To regenerate
//! them after an intended change, run `BLESS=1 cargo test --test it golden::`
//! and review `git diff tests/fixtures` before committing (a variant whose
//! digest differs from its case's `expect.json` gets an `expect-<v>.json`).
//! Never bless to make a refactor pass: a refactor leaves them unchanged.

use std::path::{Path, PathBuf};

/// Every (input, expected JSON) pair under `tests/fixtures/`.
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
            if let Some(expected) = case_expectation(&path) {
                pairs.push((path, expected));
                continue;
            }
            if dir.join("expect.json").exists() {
                continue; // a case folder's other files (expect.txt)
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

/// The expectation of `page.*` or `page-<v>.*` in a case folder (one that
/// holds an `expect.json`): `expect-<v>.json` when it exists, else
/// `expect.json`.
fn case_expectation(page: &Path) -> Option<PathBuf> {
    let dir = page.parent()?;
    let stem = page.file_stem()?.to_str()?;
    let variant = match stem.strip_prefix("page") {
        Some("") => None,
        Some(rest) => Some(rest.strip_prefix('-')?),
        None => return None,
    };
    let expect = dir.join("expect.json");
    if !expect.exists() && !bless() {
        return None;
    }
    Some(
        variant
            .map(|v| dir.join(format!("expect-{v}.json")))
            .filter(|p| p.exists())
            .unwrap_or(expect),
    )
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

#[test]
fn golden_fixtures_parse_to_their_json() {
    let pairs = fixtures();
    assert!(pairs.len() >= 15, "golden fixtures missing: {pairs:?}");
    let mut failures = Vec::new();
    for (input, expected) in &pairs {
        let bytes = std::fs::read(input).expect("read fixture");
        let digest = paper_digest::parse_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let got = serde_json::to_string_pretty(&digest).expect("serialize") + "\n";
        let want = std::fs::read_to_string(expected).unwrap_or_default();
        if bless() {
            if got != want {
                let is_variant = input.file_stem().is_some_and(|s| s != "page")
                    && expected.file_name().is_some_and(|n| n == "expect.json")
                    && !want.is_empty();
                let target = if is_variant {
                    let stem = input.file_stem().unwrap().to_string_lossy();
                    let v = stem.trim_start_matches("page-");
                    expected.with_file_name(format!("expect-{v}.json"))
                } else {
                    expected.clone()
                };
                std::fs::write(&target, &got).expect("write expected");
            }
            continue;
        }
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
        if back != digest {
            failures.push(format!("{} (deserialization)", expected.display()));
        }
    }
    assert!(failures.is_empty(), "golden mismatches: {failures:?}");
}

/// Every case folder of the site groups has its whole-digest expectation:
/// a new site's folder cannot be left with only its partial `expect.txt`.
#[test]
fn every_site_case_has_an_expect_json() {
    for group in ["sites", "unknown-sites"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(group);
        for entry in std::fs::read_dir(&root).expect("group folder") {
            let dir = entry.expect("entry").path();
            if dir.is_dir() {
                assert!(
                    dir.join("expect.json").is_file(),
                    "{}: no expect.json (BLESS=1 cargo test --test it golden:: writes it)",
                    dir.display()
                );
            }
        }
    }
}
