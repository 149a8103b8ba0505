//! The pre-check is sound: no input that the full parse reads as a digest
//! is turned away by it, and `parse_bytes` (with the pre-check) agrees with
//! the full parse on every input; and so for the input with its `论文`
//! written as each other alias of the paper label in the vocabulary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paper_digest::__private::{paper_aliases, parse_bytes_unchecked, precheck};

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Ok(text) = std::str::from_utf8(data)
        && text.contains("论文")
    {
        for alias in paper_aliases() {
            if alias != "论文" {
                check(text.replace("论文", alias).as_bytes());
            }
        }
    }
});

/// The pre-check and the full parse agree on `data`.
fn check(data: &[u8]) {
    let full = parse_bytes_unchecked(data);
    if full.is_ok() {
        assert!(precheck(data), "the pre-check turned a digest away");
    }
    let checked = paper_digest::parse_bytes(data);
    assert_eq!(full.is_ok(), checked.is_ok());
    if let (Ok(a), Ok(b)) = (full, checked) {
        assert_eq!(a, b);
    }
}
