//! `parse_bytes`: encoding detection, format detection and every source module
//! behind it. Never panics; the detailed and plain entry points agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paper_digest::Parser;

fuzz_target!(|data: &[u8]| {
    let plain = paper_digest::parse_bytes(data);
    let detailed = Parser::new().parse_bytes_detailed(data);
    match (plain, detailed) {
        (Ok(a), Ok(b)) => assert_eq!(a, b.digest),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("parse_bytes and parse_bytes_detailed disagree: {a:?} vs {b:?}"),
    }
});
