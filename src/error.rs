//! The crate's error type.

use std::fmt;

use crate::model::{Warning, quote};

/// Why a page could not be turned into a [`Digest`](crate::Digest).
///
/// Anything short of these is `Ok`, with the anomalies in
/// [`Digest::warnings`](crate::Digest::warnings).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not a "7 Papers & Radios" digest: it yields no featured
    /// `论文 N:` paper and no radio-list entry, or only paper headings over
    /// running text. [`NotADigest`] says what was looked for and what the
    /// input held instead (a title or mention of the column, a table of
    /// contents, a radio heading without entries, paper headings without
    /// evidence, or nothing of a digest); its message is the error's.
    #[error("not a digest: {0}")]
    NotADigest(NotADigest),
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

/// Why a page is not a digest ([`Error::NotADigest`]): what the parser
/// looked for and did not find ([`Missing`]), and what the page held of a
/// digest instead ([`Found`]). Its `Display` is the error's message without
/// the `not a digest: ` prefix.
///
/// ```
/// use paper_digest::{Error, Found, Missing};
///
/// let page = "7 Papers & Radios 是机器之心的周刊栏目。\n本周的内容还没有整理好。";
/// let Err(Error::NotADigest(why)) = paper_digest::parse(page) else {
///     panic!("a mention of the column is not a digest");
/// };
/// assert_eq!(why.missing, Missing::Entries);
/// assert!(matches!(why.found.as_slice(), [Found::Title(_)]));
/// assert_eq!(why.found_codes().collect::<Vec<_>>(), ["title"]);
/// assert!(why.to_string().contains("found a \"7 Papers & Radios\" title or mention"));
///
/// // A news page is turned away before it is read: nothing of a digest.
/// let Err(Error::NotADigest(why)) = paper_digest::parse("今日要闻：天气晴。") else {
///     panic!("a news page is not a digest");
/// };
/// assert_eq!(why.missing, Missing::Marks);
/// assert!(why.found.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NotADigest {
    /// What the page lacks to be a digest.
    pub missing: Missing,
    /// How many lines of text were read; `None` when the pre-check turned
    /// the page away before it was read.
    pub lines: Option<usize>,
    /// What the page holds of a digest, in the message's order; empty when
    /// it holds nothing of one.
    pub found: Vec<Found>,
    /// The page holds more markup than its size explains, and was read only
    /// up to its budget: what followed was not looked at.
    pub unread: Option<Unread>,
}

/// What a page that is not a digest lacks ([`NotADigest::missing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Missing {
    /// No `论文 N:` paper heading, no `本周 N 篇 … 精选论文` radio heading
    /// and no `(from …)` radio entry anywhere in the page: the pre-check's
    /// refusal, before the page is read.
    Marks,
    /// No featured `论文 N:` paper and no radio-list entry in the text read.
    Entries,
    /// Paper headings, but no evidence that the page is the column: no
    /// "7 Papers & Radios" title, no radio-list entry and no paper with an
    /// author line or a link label.
    Evidence,
    /// No line of the visible text starts with a `论文 N:` paper heading,
    /// and no radio heading or `(from …)` entry is anywhere in the page: the
    /// pre-check's second stage, which reads the line shapes where lines
    /// may start, before any tree is built.
    LineShapes,
}

impl Missing {
    /// A stable snake-case name: `marks`, `entries`, `evidence`.
    pub fn code(self) -> &'static str {
        match self {
            Missing::Marks => "marks",
            Missing::LineShapes => "line_shapes",
            Missing::Entries => "entries",
            Missing::Evidence => "evidence",
        }
    }
}

/// Something of a digest that a page which is not one holds
/// ([`NotADigest::found`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Found {
    /// A "7 Papers & Radios" title or mention of the column (as written;
    /// empty where the pre-check saw it without reading it out).
    Title(String),
    /// A table of contents (`目录`) of this many entries (0: its heading,
    /// as the pre-check sees it, before the entries are read).
    Contents(usize),
    /// This many author or link-label lines, but no paper heading (as the
    /// pre-check's second stage sees them).
    LabelLines(usize),
    /// This many radio headings (`本周 N 篇 … 精选论文`) without entries.
    EmptyRadio(usize),
    /// Paper headings over running text, without evidence of the column.
    PaperHeadings {
        /// How many paper headings.
        count: usize,
        /// The first heading's title.
        first_title: String,
        /// The first heading's number.
        first_number: u32,
    },
}

impl Found {
    /// A stable snake-case name: `title`, `contents`, `empty_radio`,
    /// `paper_headings`. Programs branch on it rather than on the message.
    pub fn code(&self) -> &'static str {
        match self {
            Found::Title(_) => "title",
            Found::Contents(_) => "contents",
            Found::EmptyRadio(_) => "empty_radio",
            Found::PaperHeadings { .. } => "paper_headings",
            Found::LabelLines(_) => "label_lines",
        }
    }
}

/// How much of a page was left unread ([`NotADigest::unread`]): it holds
/// more markup than its size explains, and was read up to its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Unread {
    /// How many units were read.
    pub units: usize,
    /// What a unit is: `"elements"` (HTML) or `"lines"`.
    pub unit: &'static str,
    /// How many bytes of the page were not read.
    pub bytes: usize,
}

impl NotADigest {
    /// The pre-check's refusal: no mark of a digest anywhere in the page.
    /// Every refusal of the pre-check is built here.
    pub(crate) fn precheck() -> Self {
        NotADigest {
            missing: Missing::Marks,
            lines: None,
            found: Vec::new(),
            unread: None,
        }
    }

    /// The [`Found::code`] of everything found, in order (none when the
    /// page holds nothing of a digest).
    pub fn found_codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.found.iter().map(Found::code)
    }
}

impl From<NotADigest> for Error {
    fn from(why: NotADigest) -> Self {
        Error::NotADigest(why)
    }
}

/// `found …`: what was found, or `nothing of a digest`.
fn write_found(f: &mut fmt::Formatter<'_>, found: &[Found]) -> fmt::Result {
    f.write_str("found ")?;
    if found.is_empty() {
        return f.write_str("nothing of a digest");
    }
    for (i, what) in found.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        match what {
            Found::Title(title) if title.is_empty() => {
                f.write_str("a \"7 Papers & Radios\" title or mention")?
            }
            Found::Title(title) => write!(
                f,
                "a \"7 Papers & Radios\" title or mention (\"{}\")",
                quote(title)
            )?,
            Found::Contents(0) => f.write_str("a contents heading (目录)")?,
            Found::Contents(n) => write!(
                f,
                "a table of contents (目录) of {n} entr{}",
                if *n == 1 { "y" } else { "ies" }
            )?,
            Found::EmptyRadio(n) => write!(f, "{n} radio heading(s) without entries")?,
            Found::PaperHeadings { .. } => f.write_str("paper headings over running text")?,
            Found::LabelLines(n) => {
                write!(f, "{n} author or link label line(s) but no paper heading")?
            }
        }
    }
    Ok(())
}

impl fmt::Display for NotADigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = self.lines.unwrap_or(0);
        match self.missing {
            Missing::Marks => f.write_str(
                "no \"论文 N:\" paper, no \"本周 N 篇 … 精选论文\" radio heading and no \"(from …)\" radio entry anywhere in the page; ",
            )?,
            Missing::LineShapes => f.write_str(
                "no line starts with a \"论文 N:\" paper heading, and no \"本周 N 篇 … 精选论文\" radio \
                 heading and no \"(from …)\" radio entry is anywhere in the page; ",
            )?,
            Missing::Entries => {
                write!(
                    f,
                    "no \"论文 N:\" paper and no \"本周 N 篇 … 精选论文\" radio-list entry in {lines} line(s) of text"
                )?;
                if let Some(cut) = self.unread {
                    write!(
                        f,
                        " (the page holds more markup than its size explains: it was read up to its first {} {}, and its last {} bytes were not read)",
                        cut.units, cut.unit, cut.bytes
                    )?;
                }
                f.write_str("; ")?;
            }
            Missing::Evidence => {
                let headings = self.found.iter().find_map(|what| match what {
                    Found::PaperHeadings {
                        count,
                        first_title,
                        first_number,
                    } => Some((count, first_title, first_number)),
                    _ => None,
                });
                if let Some((count, title, number)) = headings {
                    write!(
                        f,
                        "{count} paper heading(s) (the first: \"{}\", number {number}) but ",
                        quote(title)
                    )?;
                } else {
                    f.write_str("paper headings but ")?;
                }
                write!(
                    f,
                    "no \"7 Papers & Radios\" title, no radio-list entry and no paper with an author \
                     line or a link label "
                )?;
                match self.lines {
                    Some(lines) => write!(f, "in {lines} line(s) of text; ")?,
                    None => f.write_str("anywhere in the page; ")?,
                }
                write_found(f, &self.found)?;
                return f.write_str(", not a digest");
            }
        }
        write_found(f, &self.found)
    }
}
