//! Several digests in one input: `parse_all` returns each, `parse` the first
//! with a `more_digests_follow` warning.

use crate::common;

use common::SEED;
use paper_digest::{Error, Format, Parser, WarningCode, parse, parse_all};

const CRLF: &str = include_str!("../fixtures/synthetic-2021-06-06-crlf.txt");
const TRUNCATED: &str = include_str!("../fixtures/synthetic-truncated.txt");
const SEED_MD: &str = include_str!("../fixtures/markdown/seed.md");

fn codes(d: &paper_digest::Digest) -> Vec<WarningCode> {
    d.warnings.iter().map(|w| w.code).collect()
}

fn numbers(d: &paper_digest::Digest) -> Vec<u32> {
    d.papers.iter().map(|p| p.number).collect()
}

/// Issue 14: "The same digest twice in one file gives 14 papers numbered
/// 1–7 twice, with no sign of the repetition".
#[test]
fn issue_14_same_digest_twice_in_one_file() {
    let twice = format!("{SEED}\n{SEED}");
    let all = parse_all(&twice).unwrap();
    assert_eq!(all.len(), 2);
    let single = parse(SEED).unwrap();
    for d in &all {
        assert_eq!(numbers(d), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(d.issue, single.issue);
        assert_eq!(d.papers, single.papers);
        assert_eq!(d.radio, single.radio);
        assert!(!codes(d).contains(&WarningCode::PaperNumberOutOfOrder));
        assert!(!codes(d).contains(&WarningCode::UnplacedLine));
    }
    // The first copy's trailer stays with it.
    assert_eq!(all[0].stripped, single.stripped);

    let first = parse(&twice).unwrap();
    assert_eq!(numbers(&first), [1, 2, 3, 4, 5, 6, 7]);
    let more: Vec<_> = first
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::MoreDigestsFollow)
        .collect();
    assert_eq!(more.len(), 1, "{:?}", first.warnings);
    let seed_lines = SEED.lines().count();
    assert_eq!(more[0].line, Some(seed_lines + 1));
    assert!(
        more[0].message.starts_with("1 more digest(s) follow"),
        "{}",
        more[0].message
    );
    assert!(
        more[0].message.contains("it repeats this digest"),
        "{}",
        more[0].message
    );
    // Everything else is the single page's.
    let mut rest = first.clone();
    rest.warnings
        .retain(|w| w.code != WarningCode::MoreDigestsFollow);
    assert_eq!(rest, single);
}

#[test]
fn issue_14_same_markdown_digest_twice() {
    let twice = format!("{SEED_MD}\n{SEED_MD}");
    let all = parse_all(&twice).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].papers, all[1].papers);
    assert_eq!(numbers(&all[1]), [1, 2, 3, 4, 5, 6, 7]);
    let first = parse(&twice).unwrap();
    assert!(codes(&first).contains(&WarningCode::MoreDigestsFollow));
}

#[test]
fn a_dump_of_three_issues_gives_three_digests() {
    let dump = format!("{SEED}\n{CRLF}\n{TRUNCATED}");
    let all = Parser::new().format(Format::Text).parse_all(&dump).unwrap();
    let titles: Vec<_> = all
        .iter()
        .map(|d| d.issue.title.as_deref().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            parse(SEED).unwrap().issue.title.unwrap().as_str(),
            "7 Papers & Radios | 华为盘古大模型；GAN 之父新作",
            "7 Papers & Radios | 被截断的一期",
        ]
    );
    // Each issue keeps its own header: date, byline, contributors, contents.
    assert_eq!(all[1], parse(CRLF).unwrap());
    assert_eq!(
        all[1].issue.date.map(|d| d.to_string()).as_deref(),
        Some("2021-06-06")
    );
    assert_eq!(all[2].papers, parse(TRUNCATED).unwrap().papers);
    for d in &all {
        assert!(
            !codes(d).contains(&WarningCode::UnplacedLine),
            "{:?}",
            d.warnings
        );
        assert!(!codes(d).contains(&WarningCode::PaperNumberOutOfOrder));
    }

    let first = parse(&dump).unwrap();
    let more = first.warnings.last().unwrap();
    assert_eq!(more.code, WarningCode::MoreDigestsFollow);
    assert!(
        more.message.starts_with("2 more digest(s) follow"),
        "{}",
        more.message
    );
    assert!(more.message.contains("华为盘古大模型"), "{}", more.message);
    assert!(!more.message.contains("repeats"), "{}", more.message);
}

#[test]
fn a_single_page_is_one_digest_without_the_warning() {
    for page in [SEED, CRLF, TRUNCATED, SEED_MD] {
        let all = parse_all(page).unwrap();
        assert_eq!(all, [parse(page).unwrap()]);
        assert!(!codes(&all[0]).contains(&WarningCode::MoreDigestsFollow));
    }
}

#[test]
fn earlier_issues_listed_in_a_trailer_are_not_digests() {
    // The CSDN fixture recommends "7 Papers & Radios | 往期精选" below the article.
    let page = std::fs::read("tests/fixtures/sites/csdn/page.html").unwrap();
    let all = Parser::new().parse_bytes_all(&page).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0], paper_digest::parse_bytes(&page).unwrap());
}

#[test]
fn gb18030_bytes_with_two_issues() {
    let dump = format!("{SEED}\n{CRLF}");
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&dump);
    assert!(!unmappable);
    let all = Parser::new().parse_bytes_all(&gbk).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[1].issue.date.map(|d| d.to_string()).as_deref(),
        Some("2021-06-06")
    );
}

#[test]
fn strict_mode_refuses_an_input_with_more_digests() {
    let dump = format!("{CRLF}\n{CRLF}");
    // Each copy alone parses cleanly in strict mode.
    assert!(Parser::new().strict(true).parse(CRLF).is_ok());
    assert_eq!(
        Parser::new().strict(true).parse_all(&dump).unwrap().len(),
        2
    );
    match Parser::new().strict(true).parse(&dump) {
        Err(Error::Strict(w)) => assert_eq!(w[0].code, WarningCode::MoreDigestsFollow),
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_a_digest_and_size_limit_as_parse() {
    assert!(matches!(
        parse_all("今天天气很好。"),
        Err(Error::NotADigest(_))
    ));
    assert!(matches!(
        Parser::new().max_input_bytes(10).parse_all(SEED),
        Err(Error::TooLarge { .. })
    ));
}
