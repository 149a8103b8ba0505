//! Parse saved "7 Papers & Radios" pages and print them as JSON.
//!
//! ```text
//! cargo run --example parse                       # the bundled sample page
//! cargo run --example parse -- page.html notes/   # files and directories
//! cat page.txt | cargo run --example parse -- -   # standard input
//! cargo run --release --example parse -- --format jsonl --jobs 4 archive/
//! ```
//!
//! Files are read as bytes and parsed with `paper_digest::parse_bytes`, so any
//! supported format (plain text, Markdown, HTML) and encoding (UTF-8, GBK, …)
//! works. Exit status: 0 when every input parsed, 1 when some input was not a
//! digest or could not be read, 2 for bad usage.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use paper_digest::Digest;
use rayon::prelude::*;

/// The sample page bundled with the crate: a real plain-text scrape.
const SAMPLE: &[u8] = include_bytes!("../tests/fixtures/seed-2022-04-10.txt");

const USAGE: &str = "\
usage: parse [--format json|jsonl|text] [--jobs N] [--quiet] [PATH|-]...

Parses saved \"7 Papers & Radios\" pages (text, Markdown or HTML; UTF-8 or GBK)
and prints each digest. With no PATH, parses the sample page bundled with the
crate. A directory stands for every file inside it (recursively); - is stdin.

  --format json    pretty JSON, one document per input (default)
  --format jsonl   one compact JSON object per line: {\"path\", \"digest\"}
  --format text    a readable summary
  --jobs N         parse N files in parallel (default: all cores)
  --quiet          no progress bar or closing summary on stderr
  -h, --help       this text

Exit status: 0 all inputs parsed, 1 some input failed, 2 bad usage.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Json,
    JsonLines,
    Text,
}

struct Options {
    output: Output,
    jobs: Option<usize>,
    quiet: bool,
    inputs: Vec<Input>,
}

#[derive(Clone)]
enum Input {
    Sample,
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Sample => "<sample>".to_owned(),
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
        }
    }

    fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::Sample => Ok(SAMPLE.to_vec()),
            Input::Stdin => {
                let mut buf = Vec::new();
                io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::File(p) => std::fs::read(p),
        }
    }
}

fn parse_args(args: Vec<String>) -> Result<Option<Options>, String> {
    let mut output = Output::Json;
    let mut jobs = None;
    let mut quiet = false;
    let mut paths = Vec::new();
    let mut args = args.into_iter();
    let mut only_paths = false;
    while let Some(arg) = args.next() {
        if only_paths {
            paths.push(arg);
            continue;
        }
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--" => only_paths = true,
            "--quiet" | "-q" => quiet = true,
            "--format" | "-f" => {
                let v = args.next().ok_or("--format needs a value")?;
                output = parse_output(&v)?;
            }
            "--jobs" | "-j" => {
                let v = args.next().ok_or("--jobs needs a value")?;
                jobs = Some(parse_jobs(&v)?);
            }
            s if s.starts_with("--format=") => output = parse_output(&s["--format=".len()..])?,
            s if s.starts_with("--jobs=") => jobs = Some(parse_jobs(&s["--jobs=".len()..])?),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s}")),
            _ => paths.push(arg),
        }
    }
    let mut inputs = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Sample);
    }
    for p in paths {
        if p == "-" {
            inputs.push(Input::Stdin);
        } else {
            expand(Path::new(&p), &mut inputs);
        }
    }
    Ok(Some(Options {
        output,
        jobs,
        quiet,
        inputs,
    }))
}

fn parse_output(v: &str) -> Result<Output, String> {
    match v {
        "json" => Ok(Output::Json),
        "jsonl" => Ok(Output::JsonLines),
        "text" => Ok(Output::Text),
        _ => Err(format!("unknown format {v:?} (json, jsonl or text)")),
    }
}

fn parse_jobs(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("--jobs takes a positive number, not {v:?}")),
    }
}

/// A directory stands for every regular file below it, in name order; a
/// missing path is kept so that reading it reports the error.
fn expand(path: &Path, inputs: &mut Vec<Input>) {
    if !path.is_dir() {
        inputs.push(Input::File(path.to_owned()));
        return;
    }
    // An explicit stack: directory depth is not bounded by us.
    let mut stack = vec![path.to_owned()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let p = entry.path();
                    match entry.file_type() {
                        Ok(t) if t.is_dir() => stack.push(p),
                        Ok(_) => files.push(p),
                        Err(_) => files.push(p),
                    }
                }
            }
            Err(_) => files.push(dir),
        }
    }
    files.sort();
    inputs.extend(files.into_iter().map(Input::File));
}

/// One input's outcome, in input order.
struct Outcome {
    index: usize,
    name: String,
    bytes: usize,
    result: Result<Digest, String>,
}

fn run(input: &Input, index: usize) -> Outcome {
    let name = input.name();
    match input.read() {
        Ok(bytes) => Outcome {
            index,
            name,
            bytes: bytes.len(),
            result: paper_digest::parse_bytes(&bytes).map_err(|e| e.to_string()),
        },
        Err(e) => Outcome {
            index,
            name,
            bytes: 0,
            result: Err(e.to_string()),
        },
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match process(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: writing output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Parses every input (in parallel when there are several) and prints the
/// results as they arrive; JSON and text output keep input order, JSON Lines
/// streams in completion order with the path in each record.
fn process(options: &Options) -> io::Result<bool> {
    let started = Instant::now();
    let total = options.inputs.len();
    let batch = total > 1;
    let show_progress = batch && !options.quiet && io::stderr().is_terminal();
    let progress = if show_progress {
        let bar = ProgressBar::new(total as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} pages {per_sec} eta {eta}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };

    let (tx, rx) = mpsc::channel::<Outcome>();
    let inputs = options.inputs.clone();
    let jobs = options.jobs;
    let worker = std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .build();
        let work = |tx: mpsc::Sender<Outcome>| {
            inputs
                .par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, input)| {
                    // The receiver only goes away when output failed.
                    let _ = tx.send(run(input, i));
                });
        };
        match pool {
            Ok(pool) => pool.install(|| work(tx)),
            Err(_) => work(tx),
        }
    });

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut ok, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    let mut pending: Vec<Option<Outcome>> = Vec::new();
    let mut next = 0;
    let mut write_error = None;
    for outcome in rx {
        progress.inc(1);
        bytes += outcome.bytes;
        match &outcome.result {
            Ok(_) => ok += 1,
            Err(msg) => {
                failed += 1;
                progress.suspend(|| eprintln!("error: {}: {msg}", outcome.name));
            }
        }
        if write_error.is_some() {
            continue;
        }
        let written = if options.output == Output::JsonLines {
            write_one(&mut out, options.output, &outcome, batch).and_then(|()| out.flush())
        } else {
            // Keep input order: hold results until their turn.
            let index = outcome.index;
            if pending.len() <= index {
                pending.resize_with(index + 1, || None);
            }
            pending[index] = Some(outcome);
            let mut result = Ok(());
            while let Some(Some(o)) = pending.get_mut(next).map(Option::take) {
                result = result.and_then(|()| write_one(&mut out, options.output, &o, batch));
                next += 1;
            }
            result
        };
        if let Err(e) = written {
            write_error = Some(e);
        }
    }
    let _ = worker.join();
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e);
    }
    out.flush()?;
    if batch && !options.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        eprintln!(
            "{total} pages, {ok} digests, {failed} errors, {mb:.1} MB in {secs:.2} s ({:.1} MB/s)",
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
    Ok(failed == 0)
}

fn write_one(
    out: &mut impl Write,
    output: Output,
    outcome: &Outcome,
    batch: bool,
) -> io::Result<()> {
    let Ok(digest) = &outcome.result else {
        return Ok(());
    };
    match output {
        Output::Json => {
            serde_json::to_writer_pretty(&mut *out, digest).map_err(io::Error::other)?;
            writeln!(out)
        }
        Output::JsonLines => {
            let record = serde_json::json!({ "path": outcome.name, "digest": digest });
            serde_json::to_writer(&mut *out, &record).map_err(io::Error::other)?;
            writeln!(out)
        }
        Output::Text => {
            if batch {
                writeln!(out, "== {}", outcome.name)?;
            }
            write_text(out, digest)
        }
    }
}

/// A readable summary of a digest, for a person.
fn write_text(out: &mut impl Write, d: &Digest) -> io::Result<()> {
    let issue = &d.issue;
    writeln!(out, "{}", issue.title.as_deref().unwrap_or("(untitled)"))?;
    if let Some(date) = &issue.date {
        writeln!(out, "date: {date}")?;
    }
    if let Some(source) = &issue.source {
        writeln!(out, "source: {source}")?;
    }
    for h in &issue.headlines {
        writeln!(out, "  * {h}")?;
    }
    for p in &d.papers {
        writeln!(out, "\n[{}] {}", p.number, p.title)?;
        if !p.authors.is_empty() {
            let et_al = if p.et_al { " et al." } else { "" };
            writeln!(out, "    authors: {}{et_al}", p.authors.join(", "))?;
        }
        for l in &p.links {
            let id = l
                .arxiv_id
                .as_deref()
                .map(|i| format!(" (arXiv {i})"))
                .unwrap_or_default();
            writeln!(
                out,
                "    {}: {}{id}",
                l.label,
                l.url.as_deref().unwrap_or("-")
            )?;
        }
        if let Some(a) = &p.abstract_text {
            let chars = a.chars().count();
            writeln!(
                out,
                "    abstract: {chars} characters, {} paragraph(s)",
                a.lines().count()
            )?;
        }
        if !p.figures.is_empty() {
            writeln!(out, "    figures: {}", p.figures.len())?;
        }
        if let Some(r) = &p.recommendation {
            writeln!(out, "    recommendation: {r}")?;
        }
    }
    for r in &d.radio {
        let category = r.category.map_or("?", |c| c.as_str());
        let heading = r.heading.as_deref().unwrap_or("(no heading)");
        writeln!(out, "\n{category}: {heading}, {} entries", r.entries.len())?;
        for e in &r.entries {
            writeln!(out, "    {}. {} ({})", e.number, e.title, e.from.join(", "))?;
        }
    }
    let s = &d.stripped;
    writeln!(
        out,
        "\nstripped: {} boilerplate line(s), {} ad(s), {} trending item(s)",
        s.boilerplate.len(),
        s.ads.len(),
        s.trending.len()
    )?;
    for w in &d.warnings {
        let line = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        writeln!(out, "warning: {line}{} ({})", w.message, w.code)?;
    }
    Ok(())
}
