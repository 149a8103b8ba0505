//! Output writers: JSON, JSON Lines, CSV and a text summary for people.
//!
//! Every writer takes [`Outcome`]s in input order. The machine formats carry
//! the input's label with each result, so a program can tell which document
//! came from which file:
//!
//! * `jsonl`: one line per input, `{"path": …, "status": "digest",
//!   "digest": …}`, or `{"path": …, "status": "not_digest" | "error",
//!   "reason": …, "message": …}` (plus `"url"` and `"captured_at"` for a
//!   WARC record, as the CSV columns): the [`Status`] and, without a digest, the [`Reason`];
//!   a `not_digest` record also has `"found"`, the [`Found::code`](crate::Found::code)s
//!   of what the page holds of a digest (`title`, `contents`, `empty_radio`,
//!   `paper_headings`, `label_lines`; `[]` when nothing);
//! * `json`: the bare digest for a single input, else (or with `--array`)
//!   one JSON array of the same records as `jsonl`;
//! * `csv`: a header, then one row per paper, featured and radio
//!   ([`CSV_HEADER`]), every cell [`spreadsheet_safe`] unless asked raw,
//!   no identifier that a CSV reader could take for a number;
//! * `text`: the whole digest as a person reads it, CJK-aware column widths;
//! * `markdown`: the digest as Markdown ([`render::markdown`](crate::render::markdown)).
//!
//! # Reasons
//!
//! An input without a digest has a [`Reason`], a stable code (the table is
//! [`Reason`]'s: `not_a_digest`, `too_large`, `strict` under `--strict`,
//! `invalid_pattern`, `read_error`, `warc_error`, `decode_error`).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

pub use crate::read::{Reason, Status};
use crate::{Digest, Paper, PaperRef};

/// The output formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Pretty JSON: the digest for one input, an array of records for several.
    #[default]
    Json,
    /// One compact JSON record per input and line, in input order.
    Jsonl,
    /// One row per paper (featured and radio), with a header row.
    Csv,
    /// The whole digest as a person reads it.
    Text,
    /// The digest as Markdown.
    Markdown,
}

/// The most characters of a message an outcome keeps: a page that is not
/// what it was read as must not be quoted whole.
pub const MESSAGE_CHARS: usize = 300;

/// Why an input has no digest: the reason's code and a message for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The stable code.
    pub reason: Reason,
    /// What went wrong, at most [`MESSAGE_CHARS`] characters (cut with `…`).
    pub message: String,
    /// For a page that is not a digest, the [`Found::code`](crate::Found::code)s
    /// of what it holds of one (empty otherwise, and when it holds nothing).
    pub found: Vec<&'static str>,
}

impl Problem {
    /// A problem; a message longer than [`MESSAGE_CHARS`] is cut.
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
        let mut message = message.into();
        if let Some((cut, _)) = message.char_indices().nth(MESSAGE_CHARS) {
            message.truncate(cut);
            message.push('…');
        }
        Problem {
            reason,
            message,
            found: Vec::new(),
        }
    }
}

impl From<crate::Error> for Problem {
    fn from(e: crate::Error) -> Self {
        let mut problem = Problem::new(Reason::of(&e), e.to_string());
        if let crate::Error::NotADigest(why) = &e {
            problem.found = why.found_codes().collect();
        }
        problem
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result of one input, as the writers take it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Where the input came from (see [`Record::label`](super::input::Record::label)).
    pub label: String,
    /// A WARC record's target URI.
    pub url: Option<String>,
    /// A WARC record's capture date.
    pub date: Option<String>,
    /// The input's size in bytes (0 when it could not be read).
    pub size: usize,
    /// The digest, or why there is none.
    pub result: Result<Digest, Problem>,
}

impl Outcome {
    /// What became of the input.
    pub fn status(&self) -> Status {
        match &self.result {
            Ok(_) => Status::Digest,
            Err(p) => p.reason.status(),
        }
    }
}

/// The columns of `--format csv`, one row per paper, featured and radio:
///
/// * `path`: the input's label; `url` and `captured_at`: a WARC record's
///   target URI and capture date (empty for other inputs);
/// * `issue_date` (`YYYY-MM-DD`), `issue_title`;
/// * `section`: `featured` or `radio`; `category`: a radio list's `NLP`,
///   `CV` or `ML` (empty for featured papers and lists without one);
/// * `number`, `title`;
/// * `authors` (featured papers) and `et_al` (`true`/`false`), `from`
///   (radio entries), names joined with `; `;
/// * `arxiv_id` as `arXiv:2203.00850`, so that no CSV reader takes it for a
///   number (and drops a trailing zero);
/// * `paper_link` (the abstract, else the PDF), `code_link`.
pub const CSV_HEADER: [&str; 15] = [
    "path",
    "url",
    "captured_at",
    "issue_date",
    "issue_title",
    "section",
    "category",
    "number",
    "title",
    "authors",
    "et_al",
    "from",
    "arxiv_id",
    "paper_link",
    "code_link",
];

/// An arXiv identifier as the CSV writes it: `arXiv:2203.00850`, the
/// form arXiv itself cites, never a number.
///
/// ```
/// use paper_digest::cli::output::arxiv_cell;
///
/// assert_eq!(arxiv_cell("2203.00850"), "arXiv:2203.00850");
/// assert_eq!(arxiv_cell("hep-th/9901001"), "arXiv:hep-th/9901001");
/// ```
pub fn arxiv_cell(id: &str) -> String {
    format!("arXiv:{id}")
}

/// One record of `jsonl` and of a `json` array.
#[derive(Serialize)]
struct JsonRecord<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    captured_at: Option<&'a str>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<&'a [&'static str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<&'a Digest>,
}

impl<'a> From<&'a Outcome> for JsonRecord<'a> {
    fn from(o: &'a Outcome) -> Self {
        JsonRecord {
            path: &o.label,
            url: o.url.as_deref(),
            captured_at: o.date.as_deref(),
            status: o.status(),
            reason: o.result.as_ref().err().map(|p| p.reason),
            message: o.result.as_ref().err().map(|p| p.message.as_str()),
            found: o
                .result
                .as_ref()
                .err()
                .filter(|p| p.reason == Reason::NotADigest)
                .map(|p| p.found.as_slice()),
            digest: o.result.as_ref().ok(),
        }
    }
}

/// Writes [`Outcome`]s in one [`OutputFormat`].
pub struct Writer<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Json {
        out: W,
        several: bool,
        written: usize,
        /// The outcome of a single input, written bare at the end.
        held: Option<Box<Outcome>>,
    },
    Jsonl(W),
    Csv {
        csv: Box<csv::Writer<W>>,
        /// Cells as they are, not [`spreadsheet_safe`] (`--csv-raw`).
        raw: bool,
    },
    Text {
        out: W,
        several: bool,
        color: bool,
    },
    Markdown {
        out: W,
        several: bool,
        written: usize,
    },
}

/// A JSON error as the I/O error it wraps, where it wraps one.
pub(crate) fn json_error(e: serde_json::Error) -> io::Error {
    e.io_error_kind()
        .map_or_else(|| io::Error::other(e), io::Error::from)
}

/// A CSV error as the I/O error it wraps, where it wraps one.
pub(crate) fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<W: Write> Writer<W> {
    /// A writer; `several` says whether the run may hold more than one input
    /// (it decides between a bare digest and an array for `json`, and
    /// whether `text` names each input). `color` styles the `text` format.
    ///
    /// # Errors
    ///
    /// Writing the CSV header failed.
    pub fn new(format: OutputFormat, out: W, several: bool, color: bool) -> io::Result<Self> {
        let inner = match format {
            OutputFormat::Json => Inner::Json {
                out,
                several,
                written: 0,
                held: None,
            },
            OutputFormat::Jsonl => Inner::Jsonl(out),
            OutputFormat::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(CSV_HEADER).map_err(csv_error)?;
                Inner::Csv {
                    csv: Box::new(csv),
                    raw: false,
                }
            }
            OutputFormat::Text => Inner::Text {
                out,
                several,
                color,
            },
            OutputFormat::Markdown => Inner::Markdown {
                out,
                several,
                written: 0,
            },
        };
        Ok(Writer { inner })
    }

    /// With `raw`, CSV cells are written as they are, not
    /// [`spreadsheet_safe`] (`--csv-raw`); other formats ignore it.
    #[must_use]
    pub fn raw_csv(mut self, raw: bool) -> Self {
        if let Inner::Csv { raw: r, .. } = &mut self.inner {
            *r = raw;
        }
        self
    }

    /// Writes one input's outcome.
    ///
    /// # Errors
    ///
    /// Writing failed.
    pub fn write(&mut self, outcome: &Outcome) -> io::Result<()> {
        match &mut self.inner {
            Inner::Json {
                out,
                several,
                written,
                held,
            } => {
                if !*several {
                    // One input named, but it may hold several pages (a WARC
                    // on standard input): hold the first, and turn to an
                    // array when a second comes.
                    match held.take() {
                        None if *written == 0 => {
                            *held = Some(Box::new(outcome.clone()));
                            *written = 1;
                            return Ok(());
                        }
                        first => {
                            *several = true;
                            *written = 0;
                            if let Some(first) = first {
                                json_record(out, &first, *written)?;
                                *written += 1;
                            }
                        }
                    }
                }
                json_record(out, outcome, *written)?;
                *written += 1;
                Ok(())
            }
            Inner::Jsonl(out) => {
                serde_json::to_writer(&mut *out, &JsonRecord::from(outcome)).map_err(json_error)?;
                writeln!(out)?;
                // One line at a time, for consumers that read as it comes.
                out.flush()
            }
            Inner::Csv { csv, raw } => {
                if let Ok(digest) = &outcome.result {
                    for row in csv_rows(outcome, digest) {
                        write_csv_row(csv, &row, *raw)?;
                    }
                }
                Ok(())
            }
            Inner::Text {
                out,
                several,
                color,
            } => {
                let Ok(digest) = &outcome.result else {
                    return Ok(());
                };
                if *several {
                    let style = heading_style(*color);
                    writeln!(
                        out,
                        "{style}== {}{style:#}",
                        super::terminal::printable(&outcome.label)
                    )?;
                }
                super::terminal::write_digest(out, digest, *color)
            }
            Inner::Markdown {
                out,
                several,
                written,
            } => {
                let Ok(digest) = &outcome.result else {
                    return Ok(());
                };
                if *written > 0 {
                    out.write_all(b"\n---\n\n")?;
                }
                if *several {
                    // The label in a comment: no Markdown reader shows it,
                    // and `--` (which would end it) never reaches it.
                    let label = super::terminal::printable(&outcome.label).replace("--", "- -");
                    writeln!(out, "<!-- {label} -->\n")?;
                }
                *written += 1;
                write_lines(out, &crate::render::markdown(digest))
            }
        }
    }

    /// Closes the output (the JSON array's bracket) and flushes it.
    ///
    /// # Errors
    ///
    /// Writing failed.
    pub fn finish(self) -> io::Result<()> {
        match self.inner {
            Inner::Json {
                mut out,
                several,
                written,
                held,
            } => {
                if several {
                    out.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" })?;
                } else if let Some(Ok(digest)) = held.map(|h| h.result) {
                    serde_json::to_writer_pretty(&mut out, &digest).map_err(json_error)?;
                    writeln!(out)?;
                }
                out.flush()
            }
            Inner::Jsonl(mut out)
            | Inner::Text { mut out, .. }
            | Inner::Markdown { mut out, .. } => out.flush(),
            Inner::Csv { mut csv, .. } => csv.flush(),
        }
    }
}

/// The characters that make a spreadsheet (Excel, LibreOffice, Google
/// Sheets) read a cell that begins with one as a formula, or as the start
/// of one (tab and carriage return are stripped before the `=`): OWASP's
/// list, with NUL from the ASVS.
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\0'];

/// A CSV cell that no spreadsheet runs: a cell that begins with one of
/// [`FORMULA_STARTS`] gets a leading `'`, as OWASP recommends ("CSV
/// Injection"), which spreadsheets take as "text follows" and do not show.
/// Legitimate values that begin so get it too (`-1`, `-LRB-`, `@handle`):
/// a program reading the CSV strips a leading `'`, or asks for `--csv-raw`.
///
/// ```
/// use paper_digest::cli::output::spreadsheet_safe;
///
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(spreadsheet_safe("@SUM(1)"), "'@SUM(1)");
/// assert_eq!(spreadsheet_safe("PaLM: Scaling"), "PaLM: Scaling");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes one CSV row, its cells [`spreadsheet_safe`] unless `raw`.
///
/// # Errors
///
/// Writing failed.
pub fn write_csv_row<W: Write>(
    csv: &mut csv::Writer<W>,
    row: &[String],
    raw: bool,
) -> io::Result<()> {
    if raw {
        csv.write_record(row)
    } else {
        csv.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()))
    }
    .map_err(csv_error)
}

/// Writes `text` line by line, each line [`printable`](super::terminal::printable).
fn write_lines(out: &mut impl Write, text: &str) -> io::Result<()> {
    for line in text.lines() {
        writeln!(out, "{}", super::terminal::printable(line))?;
    }
    Ok(())
}

/// One record of a JSON array, after the `[` or `,` its place asks for.
fn json_record(out: &mut impl Write, outcome: &Outcome, index: usize) -> io::Result<()> {
    out.write_all(if index == 0 { b"[\n" } else { b",\n" })?;
    serde_json::to_writer(&mut *out, &JsonRecord::from(outcome)).map_err(json_error)
}

fn heading_style(color: bool) -> anstyle::Style {
    if color {
        anstyle::Style::new().bold()
    } else {
        anstyle::Style::new()
    }
}

/// The CSV rows of one input's digest ([`CSV_HEADER`]): one per paper,
/// featured then radio.
pub fn csv_rows(outcome: &Outcome, digest: &Digest) -> Vec<[String; 15]> {
    let issue = &digest.issue;
    let names = |n: &[String]| n.join("; ");
    digest
        .every_paper()
        .map(|paper| {
            let (section, category, authors, et_al, from, paper_link, code_link) = match paper {
                PaperRef::Featured(p) => {
                    // Every field named: a new one fails to compile here
                    // until it is given a column of `CSV_HEADER` or said not
                    // to have one (the JSON Lines output carries every field).
                    let Paper {
                        // `number` and `title` below, shared with radio entries.
                        number: _,
                        title: _,
                        authors,
                        et_al,
                        // As `arxiv_id`, `paper_link` and `code_link`.
                        links: _,
                        // Prose and lists: not one cell each.
                        abstract_text: _,
                        figures: _,
                        recommendation: _,
                        // The heading as written (when it differs from
                        // `title`): in the JSON Lines output only.
                        heading_title: _,
                    } = p;
                    (
                        "featured",
                        "",
                        names(authors),
                        *et_al,
                        String::new(),
                        p.paper_url().unwrap_or_default().to_owned(),
                        p.code_url().unwrap_or_default().to_owned(),
                    )
                }
                PaperRef::Radio { list, entry } => (
                    "radio",
                    list.category.map_or("", |c| c.as_str()),
                    String::new(),
                    false,
                    names(&entry.from),
                    String::new(),
                    String::new(),
                ),
            };
            [
                outcome.label.clone(),
                outcome.url.clone().unwrap_or_default(),
                outcome.date.clone().unwrap_or_default(),
                issue.date.map(|d| d.to_string()).unwrap_or_default(),
                issue.title.clone().unwrap_or_default(),
                section.to_owned(),
                category.to_owned(),
                paper.number().to_string(),
                paper.title().to_owned(),
                authors,
                et_al.to_string(),
                from,
                paper.arxiv_id().map(arxiv_cell).unwrap_or_default(),
                paper_link,
                code_link,
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parser error's reason in the records is its stable code in the
    /// library (`Error::code`): the two names never drift apart.
    #[test]
    fn a_parser_errors_reason_is_its_code() {
        let errors = [
            crate::Error::NotADigest(crate::NotADigest::precheck()),
            crate::Error::TooLarge { size: 2, limit: 1 },
            crate::Error::Strict(Vec::new()),
            crate::Error::InvalidPattern {
                pattern: "(".into(),
                message: "x".into(),
            },
        ];
        for e in &errors {
            assert_eq!(Reason::of(e).as_str(), e.code(), "{e:?}");
        }
    }
}
