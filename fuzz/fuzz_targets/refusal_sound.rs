//! Both stages of the pre-check are sound, in every format: when either
//! turns an input away (the marks, or the line shapes of the evidence
//! rule), the full parse of the input read as that format turns it away
//! too; and so for the input with its `论文` written as each other alias
//! of the paper label in the vocabulary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paper_digest::Format;
use paper_digest::__private::{decode, paper_aliases, parse_as_unchecked, refusal_stage};

fuzz_target!(|data: &[u8]| {
    let text = decode(data);
    check(&text);
    if text.contains("论文") {
        for alias in paper_aliases() {
            if alias != "论文" {
                check(&text.replace("论文", alias));
            }
        }
    }
});

/// A refusal by the pre-check, in any format, is the full parse's too.
fn check(text: &str) {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        if let Some(stage) = refusal_stage(text, format) {
            assert!(
                parse_as_unchecked(text, format).is_err(),
                "stage {stage} turned away a digest read as {format:?}"
            );
        }
    }
}
