//! Output writers: JSON, JSON Lines, CSV and a text summary for people.
//!
//! Every writer takes [`Outcome`]s in input order. The machine formats carry
//! the input's label with each result, so a program can tell which document
//! came from which file:
//!
//! * `jsonl`: one line per input, `{"path": …, "digest": …}` or
//!   `{"path": …, "error": …}` (plus `"date"` for a WARC record);
//! * `json`: the bare digest for a single input, else one JSON array of the
//!   same records as `jsonl`;
//! * `csv`: a header, then one row per paper, featured and radio
//!   ([`CSV_HEADER`]), every cell [`spreadsheet_safe`] unless asked raw;
//! * `text`: a readable summary, CJK-aware column widths.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::{Digest, LinkKind, PaperRef};

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
    /// A readable summary.
    Text,
}

/// The result of one input, as the writers take it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Where the input came from (see [`Record::label`](super::input::Record::label)).
    pub label: String,
    /// A WARC record's capture date.
    pub date: Option<String>,
    /// The input's size in bytes (0 when it could not be read).
    pub size: usize,
    /// The digest, or why there is none.
    pub result: Result<Digest, String>,
}

/// The columns of `--format csv`, one row per paper.
pub const CSV_HEADER: [&str; 10] = [
    "path",
    "issue_date",
    "issue_title",
    "section",
    "number",
    "title",
    "authors",
    "arxiv_id",
    "paper_link",
    "code_link",
];

/// One record of `jsonl` and of a `json` array.
#[derive(Serialize)]
struct JsonRecord<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<&'a Digest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl<'a> From<&'a Outcome> for JsonRecord<'a> {
    fn from(o: &'a Outcome) -> Self {
        JsonRecord {
            path: &o.label,
            date: o.date.as_deref(),
            digest: o.result.as_ref().ok(),
            error: o.result.as_ref().err().map(String::as_str),
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
                    for row in csv_rows(&outcome.label, digest) {
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
                        super::text::printable(&outcome.label)
                    )?;
                }
                super::text::write_summary(out, digest, *color)
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
            Inner::Jsonl(mut out) | Inner::Text { mut out, .. } => out.flush(),
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

/// The CSV rows of one digest: one per paper, featured then radio.
pub fn csv_rows(label: &str, digest: &Digest) -> Vec<[String; 10]> {
    let issue = &digest.issue;
    digest
        .every_paper()
        .map(|paper| {
            let url = |kind| match paper {
                PaperRef::Featured(p) => {
                    p.link(kind).and_then(|l| l.url.clone()).unwrap_or_default()
                }
                _ => String::new(),
            };
            let paper_link = match url(LinkKind::Abstract) {
                u if u.is_empty() => url(LinkKind::Pdf),
                u => u,
            };
            [
                label.to_owned(),
                issue.date.clone().unwrap_or_default(),
                issue.title.clone().unwrap_or_default(),
                paper.section().to_owned(),
                paper.number().to_string(),
                paper.title().to_owned(),
                paper.authors().join("; "),
                paper.arxiv_id().unwrap_or_default().to_owned(),
                paper_link,
                url(LinkKind::Code),
            ]
        })
        .collect()
}
