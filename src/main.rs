//! The `paper-digest` command (feature `cli`); see `paper_digest::cli`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    paper_digest::cli::main()
}
