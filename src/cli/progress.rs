//! The progress bar on stderr and the closing summary.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::output::Outcome;
use super::text::printable;

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
        ProgressStyle::with_template("{spinner} {pos} pages, {per_sec}, {elapsed}  {wide_msg:.dim}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// `error` in red where stderr takes colour (through `anstream`).
pub fn error_label() -> String {
    let red = anstyle::AnsiColor::Red.on_default().bold();
    format!("{red}error{red:#}")
}

/// Counts a run's outcomes, reports each failure on stderr (above the
/// progress bar) and prints the closing summary.
pub struct Tally {
    bar: ProgressBar,
    started: Instant,
    pages: usize,
    digests: usize,
    failed: usize,
    bytes: usize,
}

impl Tally {
    /// A tally drawing on `bar`.
    pub fn new(bar: ProgressBar) -> Self {
        Tally {
            bar,
            started: Instant::now(),
            pages: 0,
            digests: 0,
            failed: 0,
            bytes: 0,
        }
    }

    /// Counts one outcome; a failure is reported as `error: LABEL: MESSAGE`,
    /// both [`printable`].
    pub fn record(&mut self, outcome: &Outcome) {
        self.pages += 1;
        self.bytes += outcome.size;
        self.bar.inc(1);
        self.bar.set_message(printable(&outcome.label).into_owned());
        match &outcome.result {
            Ok(_) => self.digests += 1,
            Err(message) => {
                self.failed += 1;
                self.bar.suspend(|| {
                    anstream::eprintln!(
                        "{}: {}: {}",
                        error_label(),
                        printable(&outcome.label),
                        printable(message)
                    );
                });
            }
        }
    }

    /// The number of inputs that failed.
    pub fn failed(&self) -> usize {
        self.failed
    }

    /// Clears the bar and, when `summary`, prints `N pages, N digests, N
    /// errors, MB in s (MB/s)` on stderr.
    pub fn finish(&self, summary: bool) {
        self.bar.finish_and_clear();
        if summary {
            let secs = self.started.elapsed().as_secs_f64();
            let mb = self.bytes as f64 / 1e6;
            let rate = if secs > 0.0 { mb / secs } else { 0.0 };
            anstream::eprintln!(
                "{} pages, {} digests, {} errors, {mb:.1} MB in {secs:.2} s ({rate:.1} MB/s)",
                self.pages,
                self.digests,
                self.failed
            );
        }
    }
}
