//! Parse saved "7 Papers & Radios" pages and print them as JSON: the
//! `paper-digest` command line, run from the source tree.
//!
//! ```text
//! cargo run --example parse                         # at a terminal: the bundled sample page
//! cargo run --example parse -- page.html notes/     # files and directories
//! cat page.txt | cargo run --example parse           # standard input (a pipe or a file)
//! cargo run --release --example parse -- -f jsonl -j4 archive/ crawl.warc.gz
//! cargo run --example parse -- --help               # every option
//! ```
//!
//! This is the same code as the installable binary
//! (`cargo install paper-digest --features cli`): both call
//! `paper_digest::cli::main`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    paper_digest::cli::main()
}
