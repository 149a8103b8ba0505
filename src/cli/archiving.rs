//! `paper-digest archive PATH…`: every page read, every digest in it
//! (see [`parse_all`](crate::parse_all)) added to one
//! [`Archive`], and the merged issues or the paper index written as JSON,
//! JSON Lines or CSV.
//!
//! Pages are walked and parsed as by `parse` (in parallel, handed back in
//! input order, so the archive is the same whatever `--jobs`); each copy's
//! origin is the input's label (a path, `-`, or `ARCHIVE#URL` for a WARC
//! record). The output is written once every page is in: an issue is only
//! complete when all its copies are.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::input::{self, Item};
use super::output::{Outcome, csv_error, json_error, write_csv_row};
use super::{InputArgs, Reading, RunArgs, exit_status, outcome_with, pipeline};
use crate::archive::{Archive, ArchivedIssue, Dataset, IndexedPaper, Origin, Role};
use crate::{Digest, Error, LinkKind, Parser};

/// The arguments of `archive`.
#[derive(Clone, Debug, Args)]
pub struct ArchiveArgs {
    /// Files, directories, WARC archives, or - for standard input. None
    /// reads standard input when it is a pipe or a file, else takes the
    /// sample page bundled with the crate.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The output format.
    #[arg(short, long, value_enum, default_value_t = ArchiveFormat::Json)]
    pub format: ArchiveFormat,
    /// The table to write. Without it, `json` writes the whole dataset
    /// (summary, issues, papers) and `jsonl` and `csv` the issues.
    #[arg(short, long, value_enum)]
    pub table: Option<Table>,
    /// CSV cells as they are: without it, a cell that begins with = + - @,
    /// tab or carriage return gets a leading ' so that no spreadsheet runs
    /// it as a formula.
    #[arg(long)]
    pub csv_raw: bool,
    /// How inputs are found and read.
    #[command(flatten)]
    pub input: InputArgs,
    /// How the run behaves.
    #[command(flatten)]
    pub run: RunArgs,
}

/// The output formats of `archive`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ArchiveFormat {
    /// Pretty JSON: the dataset, or the array of one table.
    #[default]
    Json,
    /// One compact JSON object per issue or paper and line.
    Jsonl,
    /// One row per issue or paper, with a header row.
    Csv,
    /// For a person: each issue with its copies, papers and conflicts, or
    /// each paper with its appearances.
    Text,
}

/// The tables of an archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// One entry per issue, merged from its copies.
    Issues,
    /// One entry per distinct paper, with its appearances.
    Papers,
}

/// The columns of `--table issues --format csv`.
pub const ISSUE_COLUMNS: [&str; 10] = [
    "date",
    "title",
    "source",
    "papers",
    "radio_entries",
    "copies",
    "conflicts",
    "warnings",
    "fields_from_copies",
    "origins",
];

/// The columns of `--table papers --format csv`.
pub const PAPER_COLUMNS: [&str; 9] = [
    "id",
    "arxiv_id",
    "title",
    "authors",
    "appearances",
    "first_date",
    "seen_in",
    "paper_link",
    "code_link",
];

/// One page: its outcome (the first digest, for the tally) and the digests
/// after the first.
fn page(parser: &Parser, item: Item) -> (Outcome, Vec<Digest>) {
    let truncated = item.as_ref().ok().and_then(|r| r.truncated.clone());
    let mut rest = Vec::new();
    let outcome = outcome_with(item, |bytes| {
        let mut digests = parser.parse_bytes_all(bytes)?.into_iter();
        let first = digests
            .next()
            .ok_or_else(|| Error::NotADigest(crate::NotADigest::precheck()))?;
        rest.extend(digests);
        Ok(first)
    });
    if let Some(why) = &truncated {
        for digest in &mut rest {
            super::add_truncation(digest, why);
        }
    }
    let mut outcome = outcome;
    if let Ok(first) = &outcome.result {
        let failed = std::iter::once(first)
            .chain(&rest)
            .find_map(|d| super::strictly(parser, d).err());
        if let Some(message) = failed {
            outcome.result = Err(message);
            rest.clear();
        }
    }
    (outcome, rest)
}

/// `paper-digest archive`.
pub fn archive(args: &ArchiveArgs) -> ExitCode {
    args.run.apply_color();
    let Reading {
        sources,
        parser,
        walk,
        mut tally,
        skipped,
        ..
    } = Reading::new(&args.paths, &args.input, &args.run);
    let skipped = &skipped;
    let mut archive = Archive::new();

    let read: Result<(), io::Error> = pipeline::run_ordered(
        args.run.jobs(),
        |emit| input::walk_counting(&sources, &walk, skipped, emit),
        |item| page(&parser, item),
        |(outcome, rest)| {
            tally.record(&outcome);
            let Outcome { label, result, .. } = outcome;
            if let Ok(first) = result {
                let origin = Origin::path(label);
                archive.add(first, origin.clone());
                for digest in rest {
                    archive.add(digest, origin.clone());
                }
            }
            Ok(())
        },
    );
    tally.finish(!args.run.quiet, args.run.quiet, skipped);
    let dataset = archive.build();
    let stdout = io::stdout();
    let written = read.and_then(|()| {
        let mut out = io::BufWriter::new(stdout.lock());
        write(&mut out, &dataset, args.format, args.table, args.csv_raw)?;
        out.flush()
    });
    if !args.run.quiet {
        let s = &dataset.summary;
        use super::progress::count;
        anstream::eprintln!(
            "archive: {}, {}, {}, {}, {}",
            count(s.pages, "page", "pages"),
            count(s.copies, "copy", "copies"),
            count(s.issues, "issue", "issues"),
            count(s.papers, "distinct paper", "distinct papers"),
            count(s.conflicts, "conflict", "conflicts"),
        );
    }
    exit_status(written, tally.failed())
}

/// Writes the dataset, or one of its tables, in `format`; CSV cells are
/// [`spreadsheet_safe`](super::output::spreadsheet_safe) unless `raw_csv`.
///
/// # Errors
///
/// Writing failed.
pub fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    format: ArchiveFormat,
    table: Option<Table>,
    raw_csv: bool,
) -> io::Result<()> {
    match (format, table) {
        (ArchiveFormat::Json, None) => {
            serde_json::to_writer_pretty(&mut *out, dataset).map_err(json_error)?
        }
        (ArchiveFormat::Json, Some(Table::Issues)) => {
            serde_json::to_writer_pretty(&mut *out, &dataset.issues).map_err(json_error)?
        }
        (ArchiveFormat::Json, Some(Table::Papers)) => {
            serde_json::to_writer_pretty(&mut *out, &dataset.papers).map_err(json_error)?
        }
        (ArchiveFormat::Jsonl, None | Some(Table::Issues)) => {
            return json_lines(out, &dataset.issues);
        }
        (ArchiveFormat::Jsonl, Some(Table::Papers)) => return json_lines(out, &dataset.papers),
        (ArchiveFormat::Csv, None | Some(Table::Issues)) => {
            return csv_table(
                out,
                ISSUE_COLUMNS,
                dataset.issues.iter().map(issue_row),
                raw_csv,
            );
        }
        (ArchiveFormat::Csv, Some(Table::Papers)) => {
            return csv_table(
                out,
                PAPER_COLUMNS,
                dataset.papers.iter().map(paper_row),
                raw_csv,
            );
        }
        (ArchiveFormat::Text, None | Some(Table::Issues)) => return issues_text(out, dataset),
        (ArchiveFormat::Text, Some(Table::Papers)) => return papers_text(out, dataset),
    }
    writeln!(out)
}

/// `--format text`: each issue, its copies, papers, radio lists and
/// conflicts; every piece of page text [`printable`](super::terminal::printable).
fn issues_text(out: &mut dyn Write, dataset: &Dataset) -> io::Result<()> {
    use super::progress::count;
    use super::terminal::printable;
    let s = &dataset.summary;
    writeln!(
        out,
        "{} from {}: {}, {}",
        count(s.issues, "issue", "issues"),
        count(s.pages, "page", "pages"),
        count(s.papers, "distinct paper", "distinct papers"),
        count(s.conflicts, "conflict", "conflicts"),
    )?;
    for issue in &dataset.issues {
        let date = issue
            .issue
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let title = issue.issue.title.as_deref().unwrap_or("(untitled)");
        writeln!(out, "\n{} {}", printable(&date), printable(title))?;
        let radio: usize = issue.radio.iter().map(|l| l.entries.len()).sum();
        writeln!(
            out,
            "  {}, {}, {}",
            count(issue.papers.len(), "paper", "papers"),
            count(radio, "radio entry", "radio entries"),
            count(issue.copies.len(), "copy", "copies"),
        )?;
        for copy in &issue.copies {
            writeln!(out, "  copy: {}", printable(&copy.origin.to_string()))?;
        }
        for paper in &issue.papers {
            writeln!(out, "  [{}] {}", paper.number, printable(&paper.title))?;
        }
        for list in &issue.radio {
            let category = list.category.map_or("radio", |c| c.as_str());
            writeln!(
                out,
                "  {category}: {}",
                count(list.entries.len(), "entry", "entries")
            )?;
        }
        for w in &issue.warnings {
            writeln!(out, "  warning: {} ({})", printable(&w.message), w.code)?;
        }
    }
    Ok(())
}

/// `--format text --table papers`: each paper, its id and appearances.
fn papers_text(out: &mut dyn Write, dataset: &Dataset) -> io::Result<()> {
    use super::terminal::printable;
    for (i, paper) in dataset.papers.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", printable(&paper.title))?;
        let names = if paper.authors.is_empty() {
            &paper.from
        } else {
            &paper.authors
        };
        if !names.is_empty() {
            let et_al = if paper.et_al { " et al." } else { "" };
            writeln!(out, "  by: {}{et_al}", printable(&names.join(", ")))?;
        }
        let row = paper_row(paper);
        writeln!(out, "  id: {}", printable(&paper.id))?;
        writeln!(out, "  seen in: {}", printable(&row[6]))?;
        for (label, cell) in [("paper", &row[7]), ("code", &row[8])] {
            if !cell.is_empty() {
                writeln!(out, "  {label}: {}", printable(cell))?;
            }
        }
    }
    Ok(())
}

fn json_lines<T: serde::Serialize>(out: &mut dyn Write, items: &[T]) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item).map_err(json_error)?;
        writeln!(out)?;
    }
    Ok(())
}

fn csv_table<const N: usize>(
    out: &mut dyn Write,
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
    raw: bool,
) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(header).map_err(csv_error)?;
    for row in rows {
        write_csv_row(&mut csv, &row, raw)?;
    }
    csv.flush()
}

/// One row of the issues table ([`ISSUE_COLUMNS`]).
pub fn issue_row(issue: &ArchivedIssue) -> [String; 10] {
    let codes: Vec<&str> = issue.warnings.iter().map(|w| w.code.as_str()).collect();
    let conflicts = codes.iter().filter(|c| **c == "conflict").count();
    let origins: Vec<String> = issue.copies.iter().map(|c| c.origin.to_string()).collect();
    let fields: Vec<String> = issue
        .fields
        .iter()
        .filter(|(f, _)| f.starts_with("issue."))
        .map(|(f, copies)| {
            let copies: Vec<String> = copies.iter().map(usize::to_string).collect();
            format!("{}={}", &f["issue.".len()..], copies.join(","))
        })
        .collect();
    [
        issue.issue.date.map(|d| d.to_string()).unwrap_or_default(),
        issue.issue.title.clone().unwrap_or_default(),
        issue.issue.source.clone().unwrap_or_default(),
        issue.papers.len().to_string(),
        issue
            .radio
            .iter()
            .map(|l| l.entries.len())
            .sum::<usize>()
            .to_string(),
        issue.copies.len().to_string(),
        conflicts.to_string(),
        codes.join("; "),
        fields.join("; "),
        origins.join("; "),
    ]
}

/// One row of the papers table ([`PAPER_COLUMNS`]), the arXiv identifier
/// as [`arxiv_cell`](super::output::arxiv_cell) writes it: `seen_in` lists the
/// appearances as `DATE featured N` or `DATE NLP N` (`undated` for an
/// issue without a date, `radio` for a list without a category).
pub fn paper_row(paper: &IndexedPaper) -> [String; 9] {
    let seen: Vec<String> = paper
        .appearances
        .iter()
        .map(|a| {
            let place = match a.role {
                Role::Featured => "featured",
                Role::Radio => a.category.map_or("radio", |c| c.as_str()),
                _ => "other",
            };
            match a.date {
                Some(date) => format!("{date} {place} {}", a.number),
                None => format!("undated {place} {}", a.number),
            }
        })
        .collect();
    let url = |kind: LinkKind| {
        paper
            .links
            .iter()
            .find(|l| l.kind == kind)
            .and_then(|l| l.url.clone())
    };
    [
        paper.id.clone(),
        paper
            .arxiv_id
            .as_deref()
            .map(super::output::arxiv_cell)
            .unwrap_or_default(),
        paper.title.clone(),
        paper.authors.join("; "),
        paper.appearances.len().to_string(),
        paper
            .appearances
            .iter()
            .filter_map(|a| a.date)
            .min()
            .map(|d| d.to_string())
            .unwrap_or_default(),
        seen.join("; "),
        url(LinkKind::Abstract)
            .or_else(|| url(LinkKind::Pdf))
            .unwrap_or_default(),
        url(LinkKind::Code).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;
    use crate::cli::{Cli, Command};

    #[test]
    fn archive_arguments() {
        let cli = Cli::try_parse_from([
            "paper-digest",
            "archive",
            "-t",
            "papers",
            "-f",
            "csv",
            "-q",
            "a/",
        ])
        .unwrap();
        let Some(Command::Archive(args)) = cli.command else {
            panic!("no archive subcommand");
        };
        assert_eq!(args.table, Some(Table::Papers));
        assert_eq!(args.format, ArchiveFormat::Csv);
        assert!(args.run.quiet);
        assert_eq!(args.paths, [PathBuf::from("a/")]);
        let err = Cli::try_parse_from(["paper-digest", "archive", "-f", "markdown"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    }

    #[test]
    fn every_page_digest_reaches_the_archive() {
        let seed = input::SAMPLE;
        let twice = [seed, b"\n", seed].concat();
        let record = |bytes: Vec<u8>| {
            Ok(input::Record {
                url: None,
                label: "twice.txt".to_owned(),
                bytes,
                date: None,
                truncated: None,
            })
        };
        let (outcome, rest) = page(&Parser::new(), record(twice));
        assert!(outcome.result.is_ok());
        assert_eq!(rest.len(), 1);
        let (outcome, rest) = page(&Parser::new(), record(b"not a digest".to_vec()));
        assert!(
            outcome
                .result
                .unwrap_err()
                .message
                .starts_with("not a digest")
        );
        assert!(rest.is_empty());
    }

    #[test]
    fn a_page_known_cut_short_warns_in_every_digest() {
        // A page without a warning of its own, twice: two digests.
        let clean = include_bytes!("../../tests/fixtures/synthetic-2021-06-06-crlf.txt");
        let twice = [&clean[..], b"\r\n", clean].concat();
        let (outcome, rest) = page(
            &Parser::new().strict(true),
            Ok(input::Record {
                url: None,
                label: "whole.warc#x".to_owned(),
                bytes: twice.clone(),
                date: None,
                truncated: None,
            }),
        );
        assert!(outcome.result.is_ok());
        assert_eq!(rest.len(), 1);
        let record = || {
            Ok(input::Record {
                url: None,
                label: "cut.warc#x".to_owned(),
                bytes: twice.clone(),
                date: None,
                truncated: Some("no final chunk".to_owned()),
            })
        };
        let (outcome, rest) = page(&Parser::new(), record());
        let first = outcome.result.unwrap();
        for digest in std::iter::once(&first).chain(&rest) {
            let cut: Vec<_> = digest
                .warnings
                .iter()
                .filter(|w| w.code == crate::WarningCode::PageTruncated)
                .collect();
            assert_eq!(cut.len(), 1, "{:?}", digest.warnings);
            assert!(cut[0].message.contains("no final chunk"));
        }
        assert_eq!(rest.len(), 1);
        let (outcome, rest) = page(&Parser::new().strict(true), record());
        assert!(
            outcome
                .result
                .unwrap_err()
                .message
                .starts_with("strict parsing failed")
        );
        assert!(rest.is_empty());
    }
}
