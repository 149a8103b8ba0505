//! Helpers shared by the integration tests (`mod common;` in each test file
//! that needs them): the seed, fixture files, the site fixtures.
#![allow(dead_code)] // each test file uses some of them

pub mod sites;

/// The plain-text seed digest every fixture is derived from.
pub const SEED: &str = include_str!("../../fixtures/seed-2022-04-10.txt");

/// The bytes of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The seed, parsed.
pub fn seed() -> paper_digest::Digest {
    paper_digest::parse(SEED).expect("the seed parses")
}
