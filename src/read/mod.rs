//! Reading pages as people have them (feature `read`): files, directories,
//! standard input, gzip and WARC archives, in a stable order, in memory
//! bounded by one page. The command line (feature `cli`) reads its inputs
//! with this module.
//!
//! * [`parse_path`]: every page of a file, a directory or a WARC archive,
//!   parsed, in walk order;
//! * [`walk`]: the same pages unparsed, as [`Record`]s (or [`Failure`]s)
//!   handed to a visitor one at a time, from any [`Source`]s;
//! * [`read_stream`]: one stream (a page, gzip, or a WARC archive);
//! * [`warc::Records`]: the records of a WARC archive, one at a time, and
//!   [`warc::http_page`] for the HTTP response a record holds.
//!
//! A page that could not be read is a [`Failure`] with a stable [`Reason`]
//! code (`read_error`, `warc_error`, `decode_error`, `too_large`); a page is
//! never dropped silently.
//!
//! ```toml
//! [dependencies]
//! paper-digest = { version = "0.1", features = ["read"] }
//! ```
//!
//! ```
//! use paper_digest::{Parser, read};
//!
//! // A directory: every page file below it (hidden and ignored files left
//! // out), WARC archives and gzip included.
//! let pages = read::parse_path("tests/fixtures/markdown", &Parser::new());
//! let digests = pages.iter().filter(|p| p.result.is_ok()).count();
//! assert!(digests >= 2, "{digests}");
//! for page in &pages {
//!     match &page.result {
//!         Ok(digest) => println!("{}: {} papers", page.label, digest.papers.len()),
//!         Err(read::PageError::Parse(e)) => println!("{}: {} ({})", page.label, e, e.code()),
//!         Err(read::PageError::Read(failure)) => println!("{}: {}", page.label, failure.message),
//!     }
//! }
//! ```
//!
//! Streaming, with [`walk`]: the visitor sees each page as it is read, and
//! may stop the walk.
//!
//! ```
//! use std::ops::ControlFlow;
//! use std::path::Path;
//!
//! use paper_digest::read::{self, Source, WalkOptions};
//!
//! let sources = [Source::from_arg(Path::new("tests/fixtures/seed-2022-04-10.txt"))];
//! let mut labels = Vec::new();
//! let _ = read::walk(&sources, &WalkOptions::default(), &mut |item| {
//!     let record = item.expect("the file reads");
//!     let digest = record.parse(&paper_digest::Parser::new()).expect("a digest");
//!     labels.push((record.label, digest.papers.len()));
//!     ControlFlow::Continue(())
//! });
//! assert_eq!(labels, [("tests/fixtures/seed-2022-04-10.txt".to_owned(), 7)]);
//! ```

mod inputs;
mod reason;
mod record;
pub mod warc;

use std::ops::ControlFlow;
use std::path::Path;

pub use inputs::{
    PAGE_EXTENSIONS, SAMPLE, Skipped, Source, is_page_name, is_warc_name, read_stream,
    stdin_has_input, walk, walk_counting,
};
pub use reason::{Reason, Status};
pub use record::{Failure, Item, Record, WalkOptions, add_truncation, truncation_warning};

use crate::{Digest, Error, Parser};

/// One page [`parse_path`] read: where it came from and its digest, or
/// why there is none.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ParsedPage {
    /// Where the page came from: its path, or `ARCHIVE#TARGET-URI` for a
    /// WARC record (see [`Record::label`]).
    pub label: String,
    /// A WARC record's target URI.
    pub url: Option<String>,
    /// A WARC record's capture date (`WARC-Date`, as written).
    pub captured_at: Option<String>,
    /// The page's first digest, or why there is none.
    pub result: Result<Digest, PageError>,
}

/// Why [`parse_path`] has no digest for a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageError {
    /// The page could not be read (or decoded, or framed in its WARC).
    Read(Failure),
    /// The page was read and the parser refused it: not a digest
    /// ([`Error::NotADigest`]), too large, or strict parsing failed.
    Parse(Error),
}

impl PageError {
    /// The stable [`Reason`] of the error.
    pub fn reason(&self) -> Reason {
        match self {
            PageError::Read(failure) => failure.reason,
            PageError::Parse(error) => Reason::of(error),
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Read(failure) => f.write_str(&failure.message),
            PageError::Parse(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for PageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PageError::Read(_) => None,
            PageError::Parse(error) => Some(error),
        }
    }
}

/// Every page of `path` parsed with `parser`, in walk order: a file (a
/// page, gzip, or a WARC archive, recognised by its content, whatever its
/// name), or a directory (every page file below it, as [`walk`] finds
/// them). Pages above the parser's size limit are refused without being
/// read whole. Only the digests (and the records' labels) are kept, not
/// the pages; for a walk that keeps nothing, use [`walk`].
pub fn parse_path(path: impl AsRef<Path>, parser: &Parser) -> Vec<ParsedPage> {
    let sources = [Source::Path(path.as_ref().to_owned())];
    let options = WalkOptions {
        max_bytes: parser.max_input_bytes,
        ..WalkOptions::default()
    };
    let mut pages = Vec::new();
    let _ = walk(&sources, &options, &mut |item| {
        pages.push(match item {
            Ok(record) => ParsedPage {
                result: record.parse(parser).map_err(PageError::Parse),
                label: record.label,
                url: record.url,
                captured_at: record.date,
            },
            Err(failure) => ParsedPage {
                label: failure.label.clone(),
                url: None,
                captured_at: None,
                result: Err(PageError::Read(failure)),
            },
        });
        ControlFlow::Continue(())
    });
    pages
}
