//! `parse_all` and the archive: never panic; `parse_all` succeeds exactly
//! when `parse` does, and its first digest is `parse`'s without the
//! `more_digests_follow` warning; every digest folds into an `Archive` that
//! builds, whatever order the digests come in.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paper_digest::archive::{Archive, Origin};
use paper_digest::{Format, Parser, WarningCode};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parser = Parser::new().format(Format::Text);
    match (parser.parse_all(&text), parser.parse(&text)) {
        (Ok(all), Ok(mut first)) => {
            assert!(!all.is_empty());
            first
                .warnings
                .retain(|w| w.code != WarningCode::MoreDigestsFollow);
            assert_eq!(all[0], first);
            let mut forward = Archive::new();
            let mut backward = Archive::new();
            for (i, d) in all.iter().enumerate() {
                forward.add(d.clone(), Origin::path(format!("{i}")));
            }
            for (i, d) in all.iter().enumerate().rev() {
                backward.add(d.clone(), Origin::path(format!("{i}")));
            }
            let dataset = forward.build();
            assert_eq!(dataset.summary.copies, all.len());
            assert_eq!(dataset, backward.build());
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("parse_all and parse disagree: {a:?} vs {b:?}"),
    }
});
