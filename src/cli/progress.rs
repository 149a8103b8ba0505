//! The progress bar on stderr and the closing summary.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::input::Skipped;
use super::output::{Outcome, Status};
use super::terminal::printable;

/// A progress bar for a run whose length is not known in advance (a
/// directory is walked and a WARC archive read as the run goes): pages
/// done, their rate, the time taken and the page being read. Hidden unless
/// `visible`; callers pass whether stderr is a terminal and not `--quiet`.
pub fn bar(visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} pages, {rate}, {elapsed}  {wide_msg:.dim}")
    {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate(state.per_sec()));
            },
        ));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A rate of pages per second as the bar shows it: a whole number
/// (`293/s`), one decimal below 10 (`2.5/s`).
pub fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "0/s".to_owned()
    } else if per_sec < 10.0 {
        format!("{per_sec:.1}/s")
    } else {
        format!("{per_sec:.0}/s")
    }
}

/// `error` in red where stderr takes colour (through `anstream`).
pub fn error_label() -> String {
    let red = anstyle::AnsiColor::Red.on_default().bold();
    format!("{red}error{red:#}")
}

/// `n` and the noun, singular or plural: `1 page`, `2 pages`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Counts a run's outcomes, reports each error on stderr (above the
/// progress bar) and prints the closing summary.
pub struct Tally {
    bar: ProgressBar,
    started: Instant,
    pages: usize,
    digests: usize,
    not_digests: usize,
    failed: usize,
    bytes: usize,
    /// Whether each page that is not a digest is named on stderr too (a run
    /// of one input: the reader is told why nothing came out).
    name_not_digests: bool,
}

impl Tally {
    /// A tally drawing on `bar`.
    pub fn new(bar: ProgressBar) -> Self {
        Tally {
            bar,
            started: Instant::now(),
            pages: 0,
            digests: 0,
            not_digests: 0,
            failed: 0,
            bytes: 0,
            name_not_digests: false,
        }
    }

    /// With `name`, each page that is not a digest is reported on stderr
    /// as `LABEL: MESSAGE` (not as an error); without, only counted.
    #[must_use]
    pub fn name_not_digests(mut self, name: bool) -> Self {
        self.name_not_digests = name;
        self
    }

    /// Counts one outcome; an error is reported as `error: LABEL: MESSAGE`,
    /// both [`printable`].
    pub fn record(&mut self, outcome: &Outcome) {
        self.pages += 1;
        self.bytes += outcome.size;
        self.bar.inc(1);
        self.bar.set_message(printable(&outcome.label).into_owned());
        let Err(problem) = &outcome.result else {
            self.digests += 1;
            return;
        };
        let prefix = match problem.reason.status() {
            Status::NotDigest => {
                self.not_digests += 1;
                if !self.name_not_digests {
                    return;
                }
                String::new()
            }
            _ => {
                self.failed += 1;
                format!("{}: ", error_label())
            }
        };
        self.bar.suspend(|| {
            anstream::eprintln!(
                "{prefix}{}: {}",
                printable(&outcome.label),
                printable(&problem.message)
            );
        });
    }

    /// The number of inputs that failed: not those that are not digests.
    pub fn failed(&self) -> usize {
        self.failed
    }

    /// The closing summary: `71 pages: 5 digests, 66 not digests, 0
    /// errors, 1.2 MB in 0.30 s (4.0 MB/s)`, then what directories left
    /// out (`3 files skipped: 2 unknown extension, 1 hidden`).
    pub fn summary(&self, skipped: &Skipped) -> String {
        let secs = self.started.elapsed().as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        let rate = if secs > 0.0 { mb / secs } else { 0.0 };
        let mut out = format!(
            "{}: {}, {}, {}, {mb:.1} MB in {secs:.2} s ({rate:.1} MB/s)",
            count(self.pages, "page", "pages"),
            count(self.digests, "digest", "digests"),
            count(self.not_digests, "not a digest", "not digests"),
            count(self.failed, "error", "errors"),
        );
        if skipped.total() > 0 {
            let parts: Vec<String> = skipped
                .counts()
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
            out.push_str(&format!(
                "\n{} skipped: {}",
                count(skipped.total(), "file", "files"),
                parts.join(", ")
            ));
        }
        out
    }

    /// Clears the bar and, when `summary`, prints the [`summary`](Self::summary)
    /// on stderr; a directory that yielded no page gets a hint naming the
    /// flags that take more (unless `quiet`).
    pub fn finish(&self, summary: bool, quiet: bool, skipped: &Skipped) {
        self.bar.finish_and_clear();
        if summary {
            anstream::eprintln!("{}", self.summary(skipped));
        }
        if quiet {
            return;
        }
        for dir in skipped.empty_dirs() {
            anstream::eprintln!(
                "hint: no page file in {} ({}); --all-files takes every file, --no-ignore hidden and ignored ones too",
                printable(&dir),
                count(skipped.total(), "file skipped", "files skipped"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_rounded() {
        assert_eq!(rate(293.0199), "293/s");
        assert_eq!(rate(2.4567), "2.5/s");
        assert_eq!(rate(0.0), "0/s");
        assert_eq!(rate(f64::INFINITY), "0/s");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(0, "error", "errors"), "0 errors");
        assert_eq!(count(2, "page", "pages"), "2 pages");
    }

    #[test]
    fn the_summary_says_one_page_and_one_error() {
        use crate::cli::output::{Outcome, Problem, Reason};
        let mut tally = Tally::new(ProgressBar::hidden());
        tally.record(&Outcome {
            label: "x".to_owned(),
            url: None,
            date: None,
            size: 0,
            result: Err(Problem::new(Reason::ReadError, "gone")),
        });
        let summary = tally.summary(&Skipped::default());
        assert!(
            summary.starts_with("1 page: 0 digests, 0 not digests, 1 error, "),
            "{summary}"
        );
        assert!(!summary.contains("skipped"), "{summary}");
        let skipped = Skipped::default();
        skipped
            .hidden
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert!(
            tally
                .summary(&skipped)
                .ends_with("\n1 file skipped: 1 hidden")
        );
    }
}
