//! The crate's error type.

use crate::model::Warning;

/// Why a page could not be turned into a [`Digest`](crate::Digest).
///
/// Anything short of these is `Ok`, with the anomalies in
/// [`Digest::warnings`](crate::Digest::warnings).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not a "7 Papers & Radios" digest: it yields no featured
    /// `论文 N:` paper and no radio-list entry. The message says what was
    /// looked for and what the input held instead (a title or mention of the
    /// column, a table of contents, a radio heading without entries, or
    /// nothing of a digest).
    #[error("not a digest: {0}")]
    NotADigest(String),
    /// The input is larger than the parser's limit
    /// ([`Parser::max_input_bytes`](crate::Parser::max_input_bytes)).
    #[error("input too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The parser is strict ([`Parser::strict`](crate::Parser::strict)) and the
    /// page produced warnings; they are all here.
    #[error("strict parsing failed with {} warning(s), the first: {}: {}", .0.len(), .0.first().map(|w| w.code.as_str()).unwrap_or("none"), .0.first().map(|w| w.message.as_str()).unwrap_or(""))]
    Strict(Vec<Warning>),
    /// A furniture rule given as a pattern
    /// ([`Parser::furniture_pattern`](crate::Parser::furniture_pattern))
    /// is not a regular expression.
    #[error("invalid furniture pattern {pattern:?}: {message}")]
    InvalidPattern {
        /// The pattern as given.
        pattern: String,
        /// Why it does not compile (the `regex` crate's message).
        message: String,
    },
}

impl Error {
    /// A stable, machine-readable name of the error's kind, in snake case:
    /// `not_a_digest`, `too_large`, `strict`, `invalid_pattern`. Programs
    /// branch on it rather than on the message, which may change.
    ///
    /// ```
    /// let err = paper_digest::parse("hello").unwrap_err();
    /// assert_eq!(err.code(), "not_a_digest");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotADigest(_) => "not_a_digest",
            Error::TooLarge { .. } => "too_large",
            Error::Strict(_) => "strict",
            Error::InvalidPattern { .. } => "invalid_pattern",
        }
    }
}
