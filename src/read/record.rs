//! What reading yields: a page's [`Record`] or a [`Failure`], and the
//! bounded read every page goes through.

use std::io::{self, BufReader, Read};

use super::reason::Reason;
use crate::{Digest, Error, Parser};

/// One page to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Where the page came from: a path, `-`, `<sample>`, or
    /// `ARCHIVE.warc.gz#TARGET-URI` for a WARC record.
    pub label: String,
    /// The page's bytes (an HTTP body decoded of its transfer and content
    /// encodings).
    pub bytes: Vec<u8>,
    /// The target URI of a WARC record (`WARC-Target-URI`).
    pub url: Option<String>,
    /// The capture date of a WARC record (`WARC-Date`, ISO 8601).
    pub date: Option<String>,
    /// Why the page is known to be cut short before it is parsed (a chunked
    /// HTTP body without its final chunk): its digest gets a
    /// [`PageTruncated`](crate::WarningCode::PageTruncated) warning saying so.
    pub truncated: Option<String>,
}

/// An input that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Where the input came from, as in [`Record::label`].
    pub label: String,
    /// Why, as a stable code.
    pub reason: Reason,
    /// What went wrong.
    pub message: String,
}

/// What [`walk`](super::walk) hands its visitor: a page, or an input that failed.
pub type Item = Result<Record, Failure>;

impl Record {
    /// The page parsed with `parser` (its first digest); a record known to
    /// be cut short ([`truncated`](Self::truncated)) gets a
    /// [`PageTruncated`](crate::WarningCode::PageTruncated) warning saying
    /// why (or, where the parser found the page cut off already, that
    /// warning is told why: one warning of the kind).
    pub fn parse(&self, parser: &Parser) -> Result<Digest, Error> {
        let mut digest = parser.parse_bytes(&self.bytes)?;
        if let Some(why) = &self.truncated {
            add_truncation(&mut digest, why);
        }
        Ok(digest)
    }
}

/// The warning a page known to be cut short before it was parsed gets,
/// saying `why` (see [`Record::truncated`]).
pub fn truncation_warning(why: &str) -> crate::Warning {
    crate::Warning::new(
        crate::WarningCode::PageTruncated,
        format!("the page is cut off: {why}"),
        None,
    )
}

/// Adds the [`truncation_warning`] to a digest; where the parser found
/// the page cut off already, its warning (which knows the line) is told
/// why instead: one warning of the kind.
pub fn add_truncation(digest: &mut Digest, why: &str) {
    let found = digest
        .warnings
        .iter_mut()
        .find(|w| w.code == crate::WarningCode::PageTruncated);
    match found {
        Some(warning) => {
            warning.message.push_str("; ");
            warning.message.push_str(why);
        }
        None => digest.warnings.push(truncation_warning(why)),
    }
}

/// How [`walk`](super::walk) treats directories and large inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkOptions {
    /// Take every file in a directory, not only page files
    /// ([`PAGE_EXTENSIONS`](super::PAGE_EXTENSIONS)).
    pub all_files: bool,
    /// Also walk hidden files and files that `.gitignore`/`.ignore` exclude.
    pub no_ignore: bool,
    /// Pages above this many bytes are a [`Failure`] without being read whole.
    pub max_bytes: usize,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            all_files: false,
            no_ignore: false,
            max_bytes: crate::DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

/// Reads a whole stream of at most `limit` bytes; a longer one is refused
/// after `limit + 1` bytes, with the parser's message. A gzip stream that
/// breaks is a [`Reason::DecodeError`], any other failure to read a
/// [`Reason::ReadError`].
pub(crate) fn read_limited(reader: impl Read, limit: usize) -> Result<Vec<u8>, (Reason, String)> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    BufReader::new(reader)
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let reason = if e.kind() == io::ErrorKind::InvalidData
                || e.kind() == io::ErrorKind::InvalidInput
                || e.kind() == io::ErrorKind::UnexpectedEof
            {
                Reason::DecodeError
            } else {
                Reason::ReadError
            };
            (reason, e.to_string())
        })?;
    if bytes.len() > limit {
        return Err((
            Reason::TooLarge,
            format!("input too large: more than {limit} bytes, the limit"),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_refuses_without_reading_everything() {
        let (reason, err) = read_limited(&[b'a'; 11][..], 10).unwrap_err();
        assert_eq!(reason, Reason::TooLarge);
        assert!(err.contains("more than 10 bytes"), "{err}");
        assert_eq!(read_limited(&[b'a'; 10][..], 10).unwrap().len(), 10);
    }
}
