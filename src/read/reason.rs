//! What became of an input ([`Status`]) and, without a digest, why
//! ([`Reason`]): the stable codes of the command line's records and of a
//! [`Failure`](super::Failure).

use serde::Serialize;

/// What became of one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The input holds a digest.
    Digest,
    /// The input was read and is not a digest: a result, not an error.
    NotDigest,
    /// The input could not be read, decoded or parsed.
    Error,
}

impl Status {
    /// The status's name in the output: `digest`, `not_digest`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Digest => "digest",
            Status::NotDigest => "not_digest",
            Status::Error => "error",
        }
    }
}

/// Why an input has no digest: a stable code beside the message.
///
/// | `reason` | `status` | what happened |
/// | --- | --- | --- |
/// | `not_a_digest` | `not_digest` | the page was read and is not a "7 Papers & Radios" digest |
/// | `too_large` | `error` | the input is above the size limit |
/// | `strict` | `error` | strict parsing, and the page produced warnings |
/// | `invalid_pattern` | `error` | a furniture pattern does not compile |
/// | `read_error` | `error` | the file or directory could not be read |
/// | `warc_error` | `error` | a WARC record could not be framed (the archive ends there) |
/// | `decode_error` | `error` | gzip, or a response's chunked or content coding, is broken |
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Read, and not a digest ([`Error::NotADigest`](crate::Error::NotADigest)).
    NotADigest,
    /// Above the size limit ([`Error::TooLarge`](crate::Error::TooLarge)).
    TooLarge,
    /// Warnings under `--strict` ([`Error::Strict`](crate::Error::Strict)).
    Strict,
    /// A furniture pattern that does not compile.
    InvalidPattern,
    /// A file or directory that could not be read.
    ReadError,
    /// A WARC record that could not be framed.
    WarcError,
    /// Broken gzip, chunked or content coding.
    DecodeError,
}

impl Reason {
    /// Every reason, in the order of the module documentation.
    pub const ALL: [Reason; 7] = [
        Reason::NotADigest,
        Reason::TooLarge,
        Reason::Strict,
        Reason::InvalidPattern,
        Reason::ReadError,
        Reason::WarcError,
        Reason::DecodeError,
    ];

    /// The reason's code: `not_a_digest`, `too_large`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotADigest => "not_a_digest",
            Reason::TooLarge => "too_large",
            Reason::Strict => "strict",
            Reason::InvalidPattern => "invalid_pattern",
            Reason::ReadError => "read_error",
            Reason::WarcError => "warc_error",
            Reason::DecodeError => "decode_error",
        }
    }

    /// The reason for a parser's error: one per variant, so that a new
    /// variant fails to compile here until it is given its reason.
    pub fn of(error: &crate::Error) -> Reason {
        match error {
            crate::Error::NotADigest(_) => Reason::NotADigest,
            crate::Error::TooLarge { .. } => Reason::TooLarge,
            crate::Error::Strict(_) => Reason::Strict,
            crate::Error::InvalidPattern { .. } => Reason::InvalidPattern,
        }
    }

    /// The status of an input that failed for this reason.
    pub fn status(self) -> Status {
        match self {
            Reason::NotADigest => Status::NotDigest,
            _ => Status::Error,
        }
    }
}
