//! The integration tests: one crate, one module per subject (issue 23), so
//! that `cargo test` builds and links one binary instead of one per file.
//! Run one module with `cargo test --test it MODULE::` (`cargo test --test it
//! html_sites::`), one test by its name.
//!
//! The tests that measure memory with a counting global allocator are the
//! other crate, `tests/memory/`: the allocator's peak is process-wide, so
//! they must not share a process with these.
//!
//! Shared helpers: [`common`] (the seed, `fixture(path)`, the discovered site
//! fixtures) and [`support`] (the generated HTML pages the properties and the
//! fuzz targets share). A property's regressions are in
//! `tests/proptest-regressions/<module>.txt` (proptest's default place for a
//! module of a crate whose root is `main.rs`).

mod common;
mod support {
    pub mod html_pages;
}

mod archive;
mod cli;
mod differential;
mod edges;
mod english_labels;
mod furniture;
mod golden;
mod html_sites;
mod layers;
mod located_metadata;
mod markdown;
mod not_digests;
mod parse_all;
mod precheck;
mod properties;
mod read;
mod refusal;
mod regressions;
mod render;
mod rules;
mod token_reader;
mod truncation;
mod variants;
mod vocabulary;
mod warnings;
