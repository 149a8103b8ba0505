//! The archive's memory grows with the distinct issues and papers it holds,
//! not with the pages read: a copy of an issue already held costs a small
//! record (its origin, and its place in each field's list of copies), not
//! its text. It holds [`alone`](crate::alone), so that no other test's allocations are
//! counted.

use crate::{PEAK, SEED};
use paper_digest::archive::{Archive, Origin};

#[test]
fn memory_grows_with_distinct_issues_not_with_pages() {
    let _alone = crate::alone();
    let digest = paper_digest::parse(SEED).unwrap();
    let before = PEAK.current_usage();
    let one = digest.clone();
    let digest_bytes = PEAK.current_usage() - before;
    drop(one);

    let mut archive = Archive::new();
    archive.add(digest.clone(), Origin::path("saved/page-0.txt"));
    let start = PEAK.current_usage();
    let copies = 2000;
    for i in 1..=copies {
        archive.add(digest.clone(), Origin::path(format!("saved/page-{i}.txt")));
    }
    let per_copy = (PEAK.current_usage() - start) / copies;
    eprintln!("{per_copy} bytes per copy held; a digest is {digest_bytes} bytes");
    assert!(
        per_copy * 20 < digest_bytes,
        "{per_copy} bytes per copy held, a digest is {digest_bytes} bytes"
    );

    // A distinct issue costs about its text.
    let start = PEAK.current_usage();
    let other = SEED.replace("7 Papers & Radios | 谷歌", "7 Papers & Radios | 另一期谷歌");
    let other = paper_digest::parse(&other).unwrap();
    archive.add(other, Origin::path("saved/other.txt"));
    let distinct = PEAK.current_usage() - start;
    assert!(
        distinct > digest_bytes / 2,
        "{distinct} bytes for a new issue"
    );

    let dataset = archive.build();
    assert_eq!(dataset.summary.copies, copies + 2);
    assert_eq!(dataset.summary.issues, 2);
}
