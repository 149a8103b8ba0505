//! Inputs as people have them: files, directories, standard input and WARC
//! archives, walked in a stable order into a stream of [`Record`]s.
//!
//! [`walk`] is push-style: it calls a visitor with each record (or
//! [`Failure`]) in input order, reading one page at a time, so a directory of
//! thousands of files or a WARC of thousands of responses is read in
//! constant memory. The visitor stops the walk by returning
//! [`ControlFlow::Break`].

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use flate2::read::MultiGzDecoder;

use super::reason::Reason;
use super::record::{Failure, Item, Record, WalkOptions, read_limited};

/// The sample page bundled with the crate: a real plain-text scrape.
pub const SAMPLE: &[u8] = include_bytes!("../../tests/fixtures/seed-2022-04-10.txt");

/// The file extensions a directory walk picks up (a `.gz` of any of them
/// too): saved pages and WARC archives.
pub const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "md", "markdown", "txt", "warc"];

/// One input as named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The sample page bundled with the crate ([`SAMPLE`]).
    Sample,
    /// Standard input (`-`).
    Stdin,
    /// A file or a directory.
    Path(PathBuf),
}

impl Source {
    /// The source for a command-line argument: `-` is standard input.
    pub fn from_arg(arg: &Path) -> Source {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::Path(arg.to_owned())
        }
    }

    /// The sources for a list of arguments; none stands for the sample page.
    pub fn from_args(args: &[PathBuf]) -> Vec<Source> {
        if args.is_empty() {
            vec![Source::Sample]
        } else {
            args.iter().map(|a| Source::from_arg(a)).collect()
        }
    }

    /// The sources for a list of arguments as the command line reads them:
    /// none stands for standard input when it is a pipe, a socket or a
    /// file ([`stdin_has_input`]), else for the sample page. A terminal,
    /// `/dev/null` and a closed standard input give the sample.
    pub fn from_args_or_stdin(args: &[PathBuf]) -> Vec<Source> {
        if args.is_empty() && stdin_has_input() {
            vec![Source::Stdin]
        } else {
            Source::from_args(args)
        }
    }

    /// Whether this source may stand for more than one page (a directory or
    /// a WARC archive), decided from the name and the file system only.
    pub fn is_multiple(&self) -> bool {
        match self {
            Source::Sample | Source::Stdin => false,
            Source::Path(p) => p.is_dir() || is_warc_name(p),
        }
    }
}

/// Whether standard input holds something to read, as ripgrep decides it:
/// it is not a terminal, and it is a pipe, a socket or a regular file (on
/// Unix; elsewhere, anything but a terminal). `/dev/null` (a character
/// device) and a closed standard input hold nothing.
pub fn stdin_has_input() -> bool {
    use std::io::IsTerminal;
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    readable_stdin(&stdin)
}

#[cfg(unix)]
fn readable_stdin(stdin: &io::Stdin) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    // A duplicate of the descriptor, to ask its type without unsafe code.
    let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
        return false;
    };
    let Ok(meta) = File::from(fd).metadata() else {
        return false;
    };
    let kind = meta.file_type();
    kind.is_file() || kind.is_fifo() || kind.is_socket()
}

#[cfg(not(unix))]
fn readable_stdin(_: &io::Stdin) -> bool {
    true
}

/// Whether a file name is one a directory walk picks up: a page extension,
/// or `.gz` after one (`page.html.gz`, `crawl.warc.gz`).
pub fn is_page_name(path: &Path) -> bool {
    let ext = |p: &Path| {
        p.extension()
            .and_then(OsStr::to_str)
            .map(str::to_ascii_lowercase)
    };
    let Some(last) = ext(path) else {
        return false;
    };
    let last = if last == "gz" {
        match ext(Path::new(path.file_stem().unwrap_or_default())) {
            Some(inner) => inner,
            None => return false,
        }
    } else {
        last
    };
    PAGE_EXTENSIONS.contains(&last.as_str())
}

/// Whether a file name says WARC: `.warc` or `.warc.gz`.
pub fn is_warc_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(OsStr::to_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Visits every page of `sources` in order: the sample, standard input,
/// files, every page file below a directory (in file-name order, hidden
/// and ignored files left out, symbolic links followed and loops skipped),
/// and every HTML response of a WARC archive. A file named explicitly is
/// always tried, whatever its extension; WARC and gzip are recognised by
/// their content.
///
/// Returns [`ControlFlow::Break`] when the visitor stopped the walk.
pub fn walk(
    sources: &[Source],
    options: &WalkOptions,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    walk_counting(sources, options, &Skipped::default(), visit)
}

/// What a directory walk left out, counted as it goes (shared between the
/// thread that walks and the one that reports).
#[derive(Debug, Default)]
pub struct Skipped {
    /// Files without a page extension (without `--all-files`).
    pub unknown_extension: AtomicUsize,
    /// Hidden files and directories (a directory counts once).
    pub hidden: AtomicUsize,
    /// Files and directories `.gitignore` or `.ignore` exclude (a directory
    /// counts once).
    pub ignored: AtomicUsize,
    /// The directories named that yielded no page at all.
    pub empty_dirs: Mutex<Vec<String>>,
}

impl Skipped {
    /// The counts: unknown extension, hidden, ignored.
    pub fn counts(&self) -> [(usize, &'static str); 3] {
        [
            (
                self.unknown_extension.load(Ordering::Relaxed),
                "unknown extension",
            ),
            (self.hidden.load(Ordering::Relaxed), "hidden"),
            (self.ignored.load(Ordering::Relaxed), "ignored"),
        ]
    }

    /// Every file or directory left out.
    pub fn total(&self) -> usize {
        self.counts().iter().map(|(n, _)| n).sum()
    }

    /// The directories that yielded no page.
    pub fn empty_dirs(&self) -> Vec<String> {
        self.empty_dirs
            .lock()
            .map(|d| d.clone())
            .unwrap_or_default()
    }
}

/// [`walk`], counting in `skipped` what directories leave out.
pub fn walk_counting(
    sources: &[Source],
    options: &WalkOptions,
    skipped: &Skipped,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    for source in sources {
        match source {
            Source::Sample => visit(Ok(Record {
                label: "<sample>".to_owned(),
                bytes: SAMPLE.to_vec(),
                url: None,
                date: None,
                truncated: None,
            }))?,
            Source::Stdin => read_stream("-", io::stdin().lock(), options, visit)?,
            Source::Path(path) => {
                if path.is_dir() {
                    walk_dir(path, options, skipped, visit)?;
                } else {
                    read_file(path, options, visit)?;
                }
            }
        }
    }
    ControlFlow::Continue(())
}

fn walk_dir(
    root: &Path,
    options: &WalkOptions,
    skipped: &Skipped,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    let hidden = Arc::new(AtomicUsize::new(0));
    if options.no_ignore {
        builder.standard_filters(false);
    } else {
        // Hidden entries left out here rather than by the walker, so that
        // they are counted.
        let counter = Arc::clone(&hidden);
        builder.hidden(false).filter_entry(move |entry| {
            let keep = entry.depth() == 0 || !is_hidden(entry.file_name());
            if !keep {
                counter.fetch_add(1, Ordering::Relaxed);
            }
            keep
        });
    }
    // What the walker yielded, to count afterwards what the ignore files
    // left out: the children of each directory it did not yield.
    let mut seen = std::collections::HashSet::new();
    let mut dirs = Vec::new();
    let mut pages = 0usize;
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let file_type = entry.file_type();
                if file_type.is_some_and(|t| t.is_dir()) {
                    dirs.push(entry.path().to_owned());
                }
                if !options.no_ignore {
                    seen.insert(entry.path().to_owned());
                }
                let is_file = file_type.is_some_and(|t| t.is_file());
                if !is_file {
                    continue;
                }
                if options.all_files || is_page_name(entry.path()) {
                    pages += 1;
                    read_file(entry.path(), options, visit)?;
                } else {
                    skipped.unknown_extension.fetch_add(1, Ordering::Relaxed);
                }
            }
            // A symbolic link back to an ancestor: the ancestor is walked
            // already, so the loop is skipped. A link that resolves to
            // itself (`ln -s self self`, or `a -> b -> a`) holds nothing to
            // walk at all, and is skipped the same way.
            Err(e) if is_loop(&e) || is_link_cycle(&e) => {
                if let Some(path) = error_path(&e) {
                    seen.insert(path.to_owned());
                }
            }
            Err(e) => {
                if let Some(path) = error_path(&e) {
                    seen.insert(path.to_owned());
                }
                pages += 1;
                visit(Err(Failure {
                    label: root.display().to_string(),
                    reason: Reason::ReadError,
                    message: e.to_string(),
                }))?;
            }
        }
    }
    skipped
        .hidden
        .fetch_add(hidden.load(Ordering::Relaxed), Ordering::Relaxed);
    if !options.no_ignore {
        let ignored = dirs
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flat_map(|children| children.filter_map(Result::ok))
            .filter(|child| !is_hidden(&child.file_name()) && !seen.contains(&child.path()))
            .count();
        skipped.ignored.fetch_add(ignored, Ordering::Relaxed);
    }
    if pages == 0
        && let Ok(mut empty) = skipped.empty_dirs.lock()
    {
        empty.push(root.display().to_string());
    }
    ControlFlow::Continue(())
}

/// Whether a file name is hidden: it begins with a dot.
fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The path an error of the walk is about.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Whether `error` is about a path that is a symbolic link whose chain of
/// targets comes back on itself (the system's "too many levels of symbolic
/// links", found without its platform-dependent error number).
fn is_link_cycle(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::WithPath { path, err } => is_io(err) && link_cycles(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            is_link_cycle(err)
        }
        _ => false,
    }
}

/// Whether `error` is an I/O error, whatever it is wrapped in.
fn is_io(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Io(_) => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_io(err),
        _ => false,
    }
}

/// Whether following the symbolic link at `path` (link after link, each
/// target read relative to its link's directory) returns to a link already
/// followed, or goes on longer than any system follows.
fn link_cycles(path: &Path) -> bool {
    /// Linux gives up after 40 links, the BSDs and macOS after 32.
    const MAX_LINKS: usize = 40;
    let mut seen = std::collections::HashSet::new();
    let mut current = lexical(path);
    for _ in 0..MAX_LINKS {
        let Ok(target) = std::fs::read_link(&current) else {
            // Not a link (any more): the chain ends somewhere real.
            return false;
        };
        let next = lexical(&current.parent().unwrap_or(Path::new("")).join(target));
        if !seen.insert(current) {
            return true;
        }
        current = next;
    }
    true
}

/// `path` with its `.` components left out, so that `d/./a` and `d/a` are
/// one link.
fn lexical(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect()
}

fn read_file(
    path: &Path,
    options: &WalkOptions,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let label = path.display().to_string();
    match File::open(path) {
        Ok(file) => read_stream(&label, file, options, visit),
        Err(e) => visit(Err(Failure {
            label,
            reason: Reason::ReadError,
            message: e.to_string(),
        })),
    }
}

/// Reads one stream: a WARC archive (plain or gzip) becomes its records, a
/// gzip-compressed page is decompressed, anything else is one page.
pub fn read_stream(
    label: &str,
    reader: impl Read,
    options: &WalkOptions,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let fail = |reason: Reason, message: String| {
        Err(Failure {
            label: label.to_owned(),
            reason,
            message,
        })
    };
    let (head, reader) = match peek(reader, 5) {
        Ok(peeked) => peeked,
        Err(e) => return visit(fail(Reason::ReadError, e.to_string())),
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        let (inner, reader) = match peek(MultiGzDecoder::new(reader), 5) {
            Ok(peeked) => peeked,
            Err(e) => return visit(fail(Reason::DecodeError, format!("gzip: {e}"))),
        };
        if inner == b"WARC/" {
            return super::warc::read(label, BufReader::new(reader), options, visit);
        }
        return read_page(label, reader, options, visit);
    }
    if head == b"WARC/" {
        return super::warc::read(label, BufReader::new(reader), options, visit);
    }
    read_page(label, reader, options, visit)
}

/// The first bytes of a stream, and a reader that still yields them.
type Peeked<R> = (Vec<u8>, io::Chain<Cursor<Vec<u8>>, R>);

/// Reads up to `n` bytes and gives back a reader that still yields them.
fn peek<R: Read>(mut reader: R, n: usize) -> io::Result<Peeked<R>> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    Ok((head.clone(), Cursor::new(head).chain(reader)))
}

fn read_page(
    label: &str,
    reader: impl Read,
    options: &WalkOptions,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    visit(read_limited(reader, options.max_bytes).map_or_else(
        |(reason, message)| {
            Err(Failure {
                label: label.to_owned(),
                reason,
                message,
            })
        },
        |bytes| {
            Ok(Record {
                label: label.to_owned(),
                bytes,
                url: None,
                date: None,
                truncated: None,
            })
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        for name in [
            "a.html",
            "a.HTM",
            "b.shtml",
            "c.md",
            "d.markdown",
            "e.txt",
            "f.warc",
            "g.warc.gz",
            "h.html.gz",
        ] {
            assert!(is_page_name(Path::new(name)), "{name}");
        }
        for name in [
            "gen.py",
            ".gitattributes",
            "a.json",
            "b.gz",
            "c",
            "d.tar.gz",
        ] {
            assert!(!is_page_name(Path::new(name)), "{name}");
        }
        assert!(is_warc_name(Path::new("crawl.warc.gz")));
        assert!(!is_warc_name(Path::new("crawl.html")));
    }

    #[test]
    fn gzip_pages_are_decompressed() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"7 Papers & Radios | x\n").unwrap();
        let bytes = gz.finish().unwrap();
        let mut seen = Vec::new();
        let _ = read_stream(
            "p.txt.gz",
            &bytes[..],
            &WalkOptions::default(),
            &mut |item| {
                seen.push(item);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].as_ref().unwrap().bytes, b"7 Papers & Radios | x\n");
    }
}
