//! `Parser::parse` with the format forced to Text: never panics, and every
//! `Ok` digest survives a JSON round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paper_digest::{Format, Parser};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(digest) = Parser::new().format(Format::Text).parse(&text) {
        let json = serde_json::to_string(&digest).expect("a digest serializes");
        let back: paper_digest::Digest = serde_json::from_str(&json).expect("and reads back");
        assert_eq!(back, digest);
    }
});
