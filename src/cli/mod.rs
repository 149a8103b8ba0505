//! The `paper-digest` command line (feature `cli`).
//!
//! One implementation serves the installed binary
//! (`cargo install paper-digest --features cli`) and the crate's
//! `parse` example (`cargo run --example parse`): both call [`main`].
//!
//! The parts are public so that tools built on the crate can reuse them:
//! [`read::walk`](crate::read::walk) (feature `read`, here also as
//! [`input`] and [`warc`]) turns files, directories, standard input and WARC
//! archives into a stream of pages; [`pipeline::run_ordered`] parses them in
//! parallel and hands the results back in input order; [`output::Writer`]
//! writes JSON, JSON Lines, CSV, text or Markdown (with each input's
//! [`Status`] and [`Reason`](output::Reason)); [`progress`]
//! draws the progress bar and the closing summary.
//!
//! ```text
//! paper-digest                                  # at a terminal: the bundled sample page, as JSON
//! paper-digest page.html notes/                 # files and directories
//! cat page.txt | paper-digest                   # standard input (a pipe or a file)
//! paper-digest - < page.txt                     # standard input, said explicitly
//! paper-digest -f jsonl -j4 archive/ crawl.warc.gz > digests.jsonl
//! paper-digest -f csv archive/ > papers.csv
//! paper-digest -f markdown page.html > page.md
//! ```

pub mod archiving;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod terminal;

/// The inputs: [`crate::read`], under the name the command line has
/// always given it.
pub use crate::read as input;
/// WARC archives: [`crate::read::warc`].
pub use crate::read::warc;
pub use crate::read::{add_truncation, truncation_warning};

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser as _, Subcommand, ValueEnum};

use crate::{Format, Parser};
use input::{Item, Source, WalkOptions};
use output::{Outcome, OutputFormat, Problem, Status, Writer};

const AFTER_HELP: &str = "\
A directory stands for every page file below it (.html .htm .shtml .md .markdown
.txt, WARC, and .gz of these), hidden and .gitignore'd files left out and
counted in the summary; a file named explicitly is always tried. A WARC archive
(.warc, .warc.gz) stands for each HTML response it holds, reported as
ARCHIVE#URL.

A page that is not a digest is a result, not an error: counted in the summary
(\"71 pages: 5 digests, 66 not digests, 0 errors\"), and a record with status
not_digest in JSON Lines and JSON (--skip-non-digests leaves it out). Each
record has a status (digest, not_digest, error) and, without a digest, a stable
reason: not_a_digest, too_large, strict (--strict and a warning), read_error,
warc_error (a WARC record that cannot be framed), decode_error (broken gzip,
chunked or content coding), invalid_pattern.

-f json writes the bare digest when a single page is read, an array of records
(as in JSON Lines) when the inputs may hold several (a directory, a WARC, more
than one path) or with --array.

Exit status: 0 every input was read (digests or not), 1 some input could not
be read or decoded, or failed --strict (each reported on stderr), 2 bad usage.";

/// The command line: `paper-digest [OPTIONS] [PATH]...`, or a subcommand.
#[derive(Clone, Debug, clap::Parser)]
#[command(
    name = "paper-digest",
    bin_name = "paper-digest",
    version,
    about = "Parse saved \"7 Papers & Radios\" pages (text, Markdown, HTML; UTF-8 or GBK) into JSON, JSON Lines, CSV, text or Markdown",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A subcommand; without one, the arguments are those of `parse`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The arguments of the default command, `parse`.
    #[command(flatten)]
    pub parse: ParseArgs,
}

/// The subcommands.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Parse pages and print their digests (the default command).
    #[command(after_help = AFTER_HELP)]
    Parse(ParseArgs),
    /// Merge every copy of every issue in the pages into one dataset: the
    /// issues, and an index of the papers across them.
    #[command(after_help = AFTER_HELP)]
    Archive(archiving::ArchiveArgs),
}

/// The arguments of `parse`.
#[derive(Clone, Debug, Args)]
pub struct ParseArgs {
    /// Files, directories, WARC archives, or - for standard input. None
    /// reads standard input when it is a pipe or a file, else (a terminal,
    /// /dev/null, closed) parses the sample page bundled with the crate.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Leave pages that are not digests out of the output (they are still
    /// counted in the summary).
    #[arg(long)]
    pub skip_non_digests: bool,
    /// With -f json, always write an array of records, even for one page.
    #[arg(long)]
    pub array: bool,
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

/// How inputs are found and read: shared by every subcommand that reads pages.
#[derive(Clone, Debug, Default, Args)]
pub struct InputArgs {
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Fail a page that produces any warning.
    #[arg(long)]
    pub strict: bool,
    /// Lines matching this regular expression are site furniture (stripped
    /// as boilerplate); repeatable.
    #[arg(long, value_name = "REGEX", value_parser = regex::Regex::new)]
    pub furniture: Vec<regex::Regex>,
    /// In directories, take every file, not only page files.
    #[arg(long)]
    pub all_files: bool,
    /// In directories, also take hidden files and those .gitignore or .ignore exclude.
    #[arg(long)]
    pub no_ignore: bool,
}

impl InputArgs {
    /// The parser these options ask for.
    pub fn parser(&self) -> Parser {
        let parser = self
            .furniture
            .iter()
            .fold(Parser::new().strict(self.strict), |p, rule| {
                p.furniture(rule.clone())
            });
        match self.input_format {
            Some(f) => parser.format(f.into()),
            None => parser,
        }
    }

    /// The walk these options ask for.
    pub fn walk_options(&self) -> WalkOptions {
        WalkOptions {
            all_files: self.all_files,
            no_ignore: self.no_ignore,
            ..WalkOptions::default()
        }
    }
}

/// `--input-format`: the formats a page can be forced to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
        }
    }
}

/// How a run behaves: shared by every subcommand.
#[derive(Clone, Debug, Args)]
pub struct RunArgs {
    /// Parse N inputs in parallel [default: all cores; at most twice the
    /// cores, and threads start only as inputs come].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar and no closing summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// When to colour the output (NO_COLOR and CLICOLOR are honoured in auto).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = clap::ColorChoice::Auto)]
    pub color: clap::ColorChoice,
}

impl RunArgs {
    /// The number of jobs, `None` for all cores.
    pub fn jobs(&self) -> Option<usize> {
        self.jobs.map(usize::from)
    }

    /// Applies `--color` to everything written through `anstream`, and
    /// says whether standard output gets colour.
    pub fn apply_color(&self) -> bool {
        let choice = match self.color {
            clap::ColorChoice::Always => anstream::ColorChoice::Always,
            clap::ColorChoice::Never => anstream::ColorChoice::Never,
            clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
        };
        choice.write_global();
        anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
    }
}

/// Runs the command line of this process and returns its exit status.
pub fn main() -> ExitCode {
    run(Cli::parse())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Parse(args)) => parse(&args),
        Some(Command::Archive(args)) => archiving::archive(&args),
        None => parse(&cli.parse),
    }
}

/// Parses one input's record into an [`Outcome`].
pub fn outcome(parser: &Parser, item: Item) -> Outcome {
    let mut outcome = outcome_with(item, |bytes| parser.parse_bytes(bytes));
    if let Ok(digest) = &outcome.result
        && let Err(message) = strictly(parser, digest)
    {
        outcome.result = Err(message);
    }
    outcome
}

/// A digest the parser returned, under the parser's strictness: in strict
/// mode, a warning the command line added (a page known to be cut short)
/// fails the page as the parser's own warnings do.
pub(crate) fn strictly(parser: &Parser, digest: &crate::Digest) -> Result<(), Problem> {
    if parser.strict && !digest.warnings.is_empty() {
        return Err(crate::Error::Strict(digest.warnings.clone()).into());
    }
    Ok(())
}

/// One input's record into an [`Outcome`], parsed by `parse`; a record
/// known to be cut short gets its [`truncation_warning`] (unless the parser
/// found the page cut off already).
pub fn outcome_with(
    item: Item,
    parse: impl FnOnce(&[u8]) -> Result<crate::Digest, crate::Error>,
) -> Outcome {
    match item {
        Ok(record) => Outcome {
            size: record.bytes.len(),
            url: record.url,
            result: parse(&record.bytes)
                .map(|mut digest| {
                    if let Some(why) = &record.truncated {
                        add_truncation(&mut digest, why);
                    }
                    digest
                })
                .map_err(Problem::from),
            label: record.label,
            date: record.date,
        },
        Err(failure) => Outcome {
            label: failure.label,
            url: None,
            date: None,
            size: 0,
            result: Err(Problem::new(failure.reason, failure.message)),
        },
    }
}

/// `paper-digest parse`: every input parsed in parallel, written in input
/// order. Pages that are not digests are results (status `not_digest`):
/// only inputs that could not be read or decoded, or failed `--strict`,
/// make the exit status 1.
pub fn parse(args: &ParseArgs) -> ExitCode {
    let color = args.run.apply_color();
    let Reading {
        sources,
        several,
        parser,
        walk,
        mut tally,
        skipped,
    } = Reading::new(&args.paths, &args.input, &args.run);
    let skipped = &skipped;

    let stdout = io::stdout();
    let written = Writer::new(
        args.format,
        io::BufWriter::new(stdout.lock()),
        several || args.array,
        color,
    )
    .map(|writer| writer.raw_csv(args.csv_raw))
    .and_then(|mut writer| {
        pipeline::run_ordered(
            args.run.jobs(),
            |emit| input::walk_counting(&sources, &walk, skipped, emit),
            |item| outcome(&parser, item),
            |outcome| {
                tally.record(&outcome);
                if args.skip_non_digests && outcome.status() == Status::NotDigest {
                    return Ok(());
                }
                writer.write(&outcome)
            },
        )?;
        writer.finish()
    });
    tally.finish(several && !args.run.quiet, args.run.quiet, skipped);
    exit_status(written, tally.failed())
}

/// What a subcommand that reads pages starts from.
pub struct Reading {
    /// The inputs named on the command line.
    pub sources: Vec<Source>,
    /// Whether they may hold more than one page.
    pub several: bool,
    /// The parser the input options ask for.
    pub parser: Parser,
    /// The walk the input options ask for.
    pub walk: WalkOptions,
    /// The tally, with a progress bar when several pages go to a terminal.
    pub tally: progress::Tally,
    /// What the directory walks leave out, counted as they go.
    pub skipped: input::Skipped,
}

impl Reading {
    /// The reading of `paths` with these options.
    pub fn new(paths: &[PathBuf], input: &InputArgs, run: &RunArgs) -> Self {
        let sources = Source::from_args_or_stdin(paths);
        let several = sources.len() > 1 || sources.iter().any(Source::is_multiple);
        let show = several && !run.quiet && io::stderr().is_terminal();
        Reading {
            sources,
            several,
            parser: input.parser(),
            walk: input.walk_options(),
            tally: progress::Tally::new(progress::bar(show)).name_not_digests(!several),
            skipped: input::Skipped::default(),
        }
    }
}

/// The exit status of a run: writing failed (1, reported; a closed pipe, as
/// `| head` makes, is the reader's choice and 0), some input failed (1),
/// or all went well (0).
pub fn exit_status(written: io::Result<()>, failed: usize) -> ExitCode {
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            anstream::eprintln!("{}: writing output: {e}", progress::error_label());
            return ExitCode::from(1);
        }
    }
    let _ = io::stdout().flush();
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_flags_and_subcommands() {
        let cli = Cli::try_parse_from(["paper-digest", "-qj2", "-f", "jsonl", "a", "b"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.parse.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(cli.parse.run.jobs(), Some(2));
        assert!(cli.parse.run.quiet);
        assert_eq!(cli.parse.format, OutputFormat::Jsonl);

        let cli = Cli::try_parse_from(["paper-digest", "parse", "--strict", "x"]).unwrap();
        let Some(Command::Parse(args)) = cli.command else {
            panic!("no subcommand");
        };
        assert!(args.input.strict);

        let err = Cli::try_parse_from(["paper-digest", "--formt", "json"]).unwrap_err();
        assert!(err.to_string().contains("--format"), "{err}");
        let err = Cli::try_parse_from(["paper-digest", "-j", "0"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    }

    #[test]
    fn input_options_reach_the_parser() {
        let cli = Cli::try_parse_from(["paper-digest", "--input-format", "markdown", "--strict"])
            .unwrap();
        assert_eq!(
            cli.parse.input.parser(),
            Parser::new().format(Format::Markdown).strict(true)
        );
        let cli = Cli::try_parse_from(["paper-digest", "--furniture", "^a", "--furniture", "b$"])
            .unwrap();
        let rules = regex::Regex::new("^a").unwrap();
        assert_eq!(
            cli.parse.input.parser(),
            Parser::new()
                .furniture(rules)
                .furniture(regex::Regex::new("b$").unwrap())
        );
        let err = Cli::try_parse_from(["paper-digest", "--furniture", "("]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    }
}
