//! The pre-check is sound: no input that the full parse reads as a digest
//! is turned away by it, and `parse_bytes` (with the pre-check) agrees with
//! the full parse on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paper_digest::__private::{parse_bytes_unchecked, precheck};

fuzz_target!(|data: &[u8]| {
    let full = parse_bytes_unchecked(data);
    if full.is_ok() {
        assert!(precheck(data), "the pre-check turned a digest away");
    }
    let checked = paper_digest::parse_bytes(data);
    assert_eq!(full.is_ok(), checked.is_ok());
    if let (Ok(a), Ok(b)) = (full, checked) {
        assert_eq!(a, b);
    }
});
