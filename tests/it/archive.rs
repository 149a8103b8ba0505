//! The archive, fact by fact, on the crate's own fixtures: the 2022-04-10
//! issue as a text scrape, Markdown reposts, a GBK 163.com copy and the other
//! site fixtures, plus copies derived from the text the way real copies
//! differ (cut off after the first paper, radio headings lost, another
//! author list), and other issues.

use crate::common;

use common::SEED;
use std::sync::OnceLock;

use paper_digest::archive::{
    Archive, ArchiveWarningCode, ArchivedIssue, Dataset, Origin, Role, title_key,
};
use paper_digest::{Category, Digest, Issue, Link, Paper, RadioEntry, RadioList, parse_all};
use proptest::prelude::*;

/// The fixtures of the 2022-04-10 issue, as saved by each site.
const SAME_ISSUE: [&str; 13] = [
    "tests/fixtures/seed-2022-04-10.txt",
    "tests/fixtures/markdown/seed.md",
    "tests/fixtures/markdown/seed-crlf.md",
    "tests/fixtures/sites/163/page-gbk.html",
    "tests/fixtures/sites/163/page.html",
    "tests/fixtures/sites/csdn/page.html",
    "tests/fixtures/sites/jiqizhixin/page.html",
    "tests/fixtures/sites/sohu/page.html",
    "tests/fixtures/sites/thepaper/page.html",
    "tests/fixtures/sites/toutiao/page.html",
    "tests/fixtures/sites/wechat/page.html",
    "tests/fixtures/sites/zhihu/page.html",
    "tests/fixtures/sites/zhuanzhi/page.html",
];

/// The seed cut off in the middle of paper 1's abstract.
fn cut_after_first_paper() -> String {
    let lines: Vec<&str> = SEED.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("摘要:Kaplan"))
        .unwrap();
    let mut page = lines[..=at].join("\n");
    let mut end = page.len() - 60;
    while !page.is_char_boundary(end) {
        end -= 1;
    }
    page.truncate(end);
    page
}

/// The seed as a repost that lost the radio lists' headings.
fn without_radio_headings() -> String {
    SEED.lines()
        .filter(|l| !l.starts_with("本周 10 篇"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every page of the 2022-04-10 issue with its origin, parsed once.
fn same_issue() -> &'static [(Origin, Vec<Digest>)] {
    static PAGES: OnceLock<Vec<(Origin, Vec<Digest>)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut pages: Vec<(Origin, Vec<Digest>)> = SAME_ISSUE
            .iter()
            .map(|p| {
                let bytes = std::fs::read(p).unwrap();
                let digests = paper_digest::Parser::new().parse_bytes_all(&bytes).unwrap();
                (Origin::path(p), digests)
            })
            .collect();
        pages.push((
            Origin::url("https://example.com/cut.txt"),
            parse_all(&cut_after_first_paper()).unwrap(),
        ));
        pages.push((
            Origin::url("https://example.com/no-headings.txt"),
            parse_all(&without_radio_headings()).unwrap(),
        ));
        pages
    })
}

fn build(pages: &[(Origin, Vec<Digest>)]) -> Dataset {
    let mut archive = Archive::new();
    for (origin, digests) in pages {
        for d in digests {
            archive.add(d.clone(), origin.clone());
        }
    }
    archive.build()
}

fn copy_index(issue: &ArchivedIssue, origin: &Origin) -> usize {
    issue
        .copies
        .iter()
        .position(|c| &c.origin == origin)
        .unwrap_or_else(|| panic!("{origin} is not a copy"))
}

fn the_issue() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| build(same_issue()))
}

#[test]
fn every_copy_of_the_issue_merges_into_one() {
    let dataset = the_issue();
    assert_eq!(dataset.issues.len(), 1, "{:#?}", dataset.summary);
    let issue = &dataset.issues[0];
    assert_eq!(issue.copies.len(), SAME_ISSUE.len() + 2);
    assert_eq!(dataset.summary.pages, SAME_ISSUE.len() + 2);
    assert_eq!(dataset.summary.copies, SAME_ISSUE.len() + 2);
    assert_eq!(dataset.summary.issues, 1);
    // Copies are listed by origin, each with what it held.
    let origins: Vec<String> = issue.copies.iter().map(|c| c.origin.to_string()).collect();
    let mut sorted = origins.clone();
    sorted.sort();
    assert_eq!(origins, sorted);
    let cut = &issue.copies[copy_index(issue, &Origin::url("https://example.com/cut.txt"))];
    assert_eq!((cut.papers, cut.radio_entries, cut.part), (1, 0, 1));
    let text = &issue.copies[copy_index(issue, &Origin::path(SAME_ISSUE[0]))];
    assert_eq!(
        (
            text.papers,
            text.radio_entries,
            text.date.map(|d| d.to_string()).as_deref()
        ),
        (7, 30, None)
    );
}

#[test]
fn the_date_comes_from_the_html_copies_only() {
    let issue = &the_issue().issues[0];
    assert_eq!(
        issue.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-10")
    );
    let from = &issue.fields["issue.date"];
    assert!(!from.contains(&copy_index(issue, &Origin::path(SAME_ISSUE[0]))));
    assert!(!from.contains(&copy_index(
        issue,
        &Origin::url("https://example.com/cut.txt")
    )));
    for path in [
        "tests/fixtures/sites/163/page-gbk.html",
        "tests/fixtures/sites/wechat/page.html",
    ] {
        assert!(from.contains(&copy_index(issue, &Origin::path(path))));
    }
    // Every copy that gave the date gave this one.
    for &i in from {
        assert_eq!(
            issue.copies[i].date.map(|d| d.to_string()).as_deref(),
            Some("2022-04-10")
        );
    }
}

#[test]
fn figures_with_images_come_from_copies_that_carry_them() {
    let issue = &the_issue().issues[0];
    let (i, stytr) = issue
        .papers
        .iter()
        .enumerate()
        .find(|(_, p)| p.title.starts_with("StyTr^2"))
        .unwrap();
    assert_eq!(stytr.number, 7);
    let captions: Vec<&str> = stytr
        .figures
        .iter()
        .filter_map(|f| f.caption.as_deref())
        .collect();
    assert_eq!(captions, ["图 2 网络结构", "图 3 CAPE 计算示意图"]);
    assert!(
        stytr.figures.iter().all(|f| f.image.is_some()),
        "{:?}",
        stytr.figures
    );
    // The text scrape has the captions only; it did not supply the figures.
    let from = &issue.fields[&format!("papers[{i}].figures")];
    assert!(!from.contains(&copy_index(issue, &Origin::path(SAME_ISSUE[0]))));
    assert!(from.iter().all(|&c| {
        issue.copies[c]
            .origin
            .path
            .as_deref()
            .unwrap_or("")
            .ends_with(".md")
            || issue.copies[c]
                .origin
                .path
                .as_deref()
                .unwrap_or("")
                .ends_with(".html")
    }));
}

#[test]
fn radio_headings_come_from_the_copies_that_kept_them() {
    let issue = &the_issue().issues[0];
    let lost = copy_index(issue, &Origin::url("https://example.com/no-headings.txt"));
    assert_eq!(issue.radio.len(), 3);
    assert_eq!(
        issue.radio[0].heading.as_deref(),
        Some("本周 10 篇 NLP 精选论文是")
    );
    assert_eq!(issue.radio[0].category, Some(Category::Nlp));
    assert_eq!(
        issue.radio[1].heading.as_deref(),
        Some("本周 10 篇 CV 精选论文是")
    );
    assert_eq!(issue.radio[1].category, Some(Category::Cv));
    for i in 0..2 {
        let from = &issue.fields[&format!("radio[{i}].heading")];
        assert!(!from.contains(&lost));
        assert_eq!(
            from.len(),
            issue.copies.len() - 2,
            "all but the cut and the headless copy"
        );
    }
    // No copy names the third list: its heading stays empty, never guessed.
    assert_eq!(issue.radio[2].heading, None);
    assert_eq!(issue.radio[2].category, None);
    assert!(!issue.fields.contains_key("radio[2].heading"));
    for list in &issue.radio {
        assert_eq!(list.entries.len(), 10);
        let numbers: Vec<u32> = list.entries.iter().map(|e| e.number).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    }
    assert_eq!(
        issue.radio[0].entries[5].from,
        ["George J. Pappas", "Rajeev Alur"]
    );
}

#[test]
fn contributors_come_from_the_one_copy_that_has_them() {
    let issue = &the_issue().issues[0];
    let wechat = copy_index(
        issue,
        &Origin::path("tests/fixtures/sites/wechat/page.html"),
    );
    assert!(!issue.issue.contributors.is_empty());
    assert_eq!(issue.fields["issue.contributors"], [wechat]);
}

#[test]
fn a_truncated_copy_never_shortens_the_merged_issue() {
    let issue = &the_issue().issues[0];
    let full = paper_digest::parse(SEED).unwrap();
    assert_eq!(issue.papers.len(), 7);
    let numbers: Vec<u32> = issue.papers.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(issue.papers[0].abstract_text, full.papers[0].abstract_text);
    assert_eq!(issue.issue.summary, full.issue.summary);
    assert_eq!(issue.issue.contents, full.issue.contents);
    let cut = copy_index(issue, &Origin::url("https://example.com/cut.txt"));
    assert!(!issue.fields["papers[0].abstract"].contains(&cut));
    // The cut abstract is part of the full one: no conflict.
    assert!(
        !issue.warnings.iter().any(|w| w.copies.contains(&cut)),
        "{:#?}",
        issue.warnings
    );
    // The same holds for the cut copy alone with the text it was cut from.
    let pages = [
        (
            Origin::path("a.txt"),
            parse_all(&cut_after_first_paper()).unwrap(),
        ),
        (Origin::path("b.txt"), parse_all(SEED).unwrap()),
    ];
    let dataset = build(&pages);
    assert_eq!(dataset.issues.len(), 1);
    assert_eq!(dataset.issues[0].papers, full.papers);
    assert_eq!(dataset.issues[0].radio, full.radio);
}

#[test]
fn copies_agree_on_every_paper() {
    let issue = &the_issue().issues[0];
    let paper_conflicts: Vec<_> = issue
        .warnings
        .iter()
        .filter(|w| w.field.as_deref().is_some_and(|f| !f.starts_with("issue.")))
        .collect();
    assert!(paper_conflicts.is_empty(), "{paper_conflicts:#?}");
    let full = paper_digest::parse(SEED).unwrap();
    for (merged, text) in issue.papers.iter().zip(&full.papers) {
        assert_eq!(title_key(&merged.title), title_key(&text.title));
        assert_eq!(merged.authors, text.authors);
        assert_eq!(merged.links, text.links);
        assert_eq!(merged.recommendation, text.recommendation);
    }
}

#[test]
fn two_author_lists_for_one_paper_are_a_conflict_that_names_both_copies() {
    let other = SEED.replace(
        "作者:Jordan Hoffmann 、 Sebastian Borgeaud 等",
        "作者:Arthur Mensch、Laurent Sifre",
    );
    let pages = [
        (Origin::path("one.txt"), parse_all(SEED).unwrap()),
        (Origin::path("other.txt"), parse_all(&other).unwrap()),
        (Origin::path("three.txt"), parse_all(SEED).unwrap()),
    ];
    let dataset = build(&pages);
    assert_eq!(dataset.issues.len(), 1);
    let issue = &dataset.issues[0];
    assert_eq!(dataset.summary.conflicts, 1);
    let w = &issue.warnings[0];
    assert_eq!(w.code, ArchiveWarningCode::Conflict);
    assert_eq!(w.field.as_deref(), Some("papers[0].authors"));
    assert_eq!(w.copies, [0, 1, 2]);
    assert!(
        w.message
            .contains("\"Jordan Hoffmann, Sebastian Borgeaud et al.\""),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("\"Arthur Mensch, Laurent Sifre\""),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("one.txt") && w.message.contains("other.txt"),
        "{}",
        w.message
    );
    assert!(
        w.message
            .starts_with("copies disagree on papers[0].authors: kept \"Jordan"),
        "{}",
        w.message
    );
    // Both lists are as complete; the one more copies give is kept.
    assert_eq!(
        issue.papers[0].authors,
        ["Jordan Hoffmann", "Sebastian Borgeaud"]
    );
    assert_eq!(issue.fields["papers[0].authors"], [0, 2]);
}

#[test]
fn a_differently_dated_copy_stays_apart_with_a_warning() {
    // The aggregator's copy says 2022-04-11 (its own publication date).
    let mut pages = same_issue().to_vec();
    let generic = std::fs::read("tests/fixtures/sites/generic/page.html").unwrap();
    let origin = Origin::path("tests/fixtures/sites/generic/page.html");
    pages.push((
        origin.clone(),
        paper_digest::Parser::new()
            .parse_bytes_all(&generic)
            .unwrap(),
    ));
    let dataset = build(&pages);
    let dates: Vec<Option<String>> = dataset
        .issues
        .iter()
        .map(|i| i.issue.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dates,
        [Some("2022-04-10".to_owned()), Some("2022-04-11".to_owned())]
    );
    let (main, other) = (&dataset.issues[0], &dataset.issues[1]);
    assert_eq!(other.copies.len(), 1);
    assert_eq!(other.copies[0].origin, origin);
    for (issue, date) in [(main, "2022-04-11"), (other, "2022-04-10")] {
        let w = issue
            .warnings
            .iter()
            .find(|w| w.code == ArchiveWarningCode::DatesDiffer)
            .unwrap();
        assert!(w.message.contains(date), "{}", w.message);
    }
    // The undated text scrape matches both; it joins the earlier one and says so.
    let text = copy_index(main, &Origin::path(SAME_ISSUE[0]));
    let w = main
        .warnings
        .iter()
        .find(|w| w.code == ArchiveWarningCode::AmbiguousCopy)
        .unwrap();
    assert!(w.copies.contains(&text), "{w:?}");
    assert!(
        w.message.contains("2022-04-10, 2022-04-11"),
        "{}",
        w.message
    );
}

#[test]
fn different_issues_never_merge() {
    let mut pages = same_issue().to_vec();
    for p in [
        "tests/fixtures/synthetic-2021-06-06-crlf.txt",
        "tests/fixtures/synthetic-truncated.txt",
    ] {
        pages.push((
            Origin::path(p),
            parse_all(&std::fs::read_to_string(p).unwrap()).unwrap(),
        ));
    }
    let dataset = build(&pages);
    let titles: Vec<&str> = dataset
        .issues
        .iter()
        .map(|i| i.issue.headlines.first().map_or("", String::as_str))
        .collect();
    assert_eq!(
        titles,
        [
            "华为盘古大模型",
            "谷歌用Pathways训练5400亿参数大模型",
            "被截断的一期"
        ]
    );
    assert_eq!(dataset.issues[0].copies.len(), 1);
    assert_eq!(dataset.issues[1].copies.len(), SAME_ISSUE.len() + 2);
    assert_eq!(dataset.issues[2].copies.len(), 1);
    // Distinct papers: 7 featured + 30 radio, 3 + 9, 1.
    assert_eq!(dataset.summary.papers, 37 + 12 + 1);
}

#[test]
fn a_paper_in_two_issues_is_one_entry_with_two_appearances() {
    let later = "7 Papers & Radios | 复数自编码器;另一期
2022 年 4 月 17 日 机器之心
论文 1:Complex-valued autoencoders for object discovery
作者:Sindy Löwe 、 Phillip Lippe 、 Maja Rudolph 、 Max Welling
论文链接:https://arxiv.org/abs/2204.02075
摘要:复数自编码器用于目标发现。
";
    let pages = [
        (Origin::path("seed.txt"), parse_all(SEED).unwrap()),
        (Origin::path("later.txt"), parse_all(later).unwrap()),
    ];
    let dataset = build(&pages);
    assert_eq!(dataset.issues.len(), 2);
    let entries: Vec<_> = dataset
        .papers
        .iter()
        .filter(|p| {
            p.title
                .to_lowercase()
                .starts_with("complex-valued autoencoders")
        })
        .collect();
    assert_eq!(entries.len(), 1, "{entries:#?}");
    let paper = entries[0];
    assert_eq!(paper.id, "arxiv:2204.02075");
    assert_eq!(paper.arxiv_id.as_deref(), Some("2204.02075"));
    // The richest record: the featured appearance's title, authors, link, abstract.
    assert_eq!(
        paper.title,
        "Complex-valued autoencoders for object discovery"
    );
    assert_eq!(paper.authors.len(), 4);
    assert_eq!(paper.links.len(), 1);
    assert!(paper.abstract_text.is_some());
    assert_eq!(paper.from, ["Max Welling"]);
    let seen: Vec<_> = paper
        .appearances
        .iter()
        .map(|a| {
            (
                a.date.map(|d| d.to_string()),
                a.role,
                a.number,
                a.list,
                a.category,
            )
        })
        .collect();
    // The seed is undated; dated issues come first.
    assert_eq!(
        seen,
        [
            (Some("2022-04-17".to_owned()), Role::Featured, 1, None, None),
            (None, Role::Radio, 10, Some(0), Some(Category::Nlp)),
        ]
    );
    assert_eq!(dataset.issues[paper.appearances[1].issue].issue.date, None);
}

/// Issue 14 through the archive: one file with the issue twice is one issue
/// with two copies of one origin.
#[test]
fn issue_14_same_digest_twice_is_one_issue_with_two_copies() {
    let mut archive = Archive::new();
    let added = archive
        .add_page(
            format!("{SEED}\n{SEED}").as_bytes(),
            Origin::path("twice.txt"),
        )
        .unwrap();
    assert_eq!(added, 2);
    let dataset = archive.build();
    assert_eq!(dataset.issues.len(), 1);
    let parts: Vec<usize> = dataset.issues[0].copies.iter().map(|c| c.part).collect();
    assert_eq!(parts, [1, 2]);
    assert_eq!(dataset.summary.pages, 1);
    assert_eq!(dataset.summary.copies, 2);
    assert_eq!(dataset.issues[0].papers.len(), 7);
}

#[test]
fn the_dataset_round_trips_through_json() {
    let dataset = the_issue();
    let json = serde_json::to_value(dataset).unwrap();
    let back: Dataset = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&back, dataset);
    let issue = &json["issues"][0];
    assert!(issue["papers"][0]["abstract"].is_string());
    assert!(issue["radio"][2]["heading"].is_null());
    assert_eq!(json["papers"][0]["appearances"][0]["role"], "featured");
    assert!(issue["copies"][0]["origin"]["record"].is_null());
    assert!(json["summary"]["conflicts"].is_number());
}

#[test]
fn json_from_a_newer_version_reads() {
    let json = r#"{
        "issues": [{"copies": [{"origin": {"path": "a.html"}}], "warnings": [{"code": "future_code"}]}],
        "papers": [{"id": "arxiv:1", "appearances": [{"issue": 0, "role": "future_role"}]}],
        "future_field": 1
    }"#;
    let d: Dataset = serde_json::from_str(json).unwrap();
    assert_eq!(d.issues[0].warnings[0].code, ArchiveWarningCode::Other);
    assert_eq!(d.issues[0].copies[0].origin, Origin::path("a.html"));
    assert_eq!(d.papers[0].appearances[0].role, Role::Other);
    assert_eq!(d.summary.issues, 0);
}

#[test]
fn origins_display_as_path_url_or_warc_record() {
    assert_eq!(Origin::path("a/b.html").to_string(), "a/b.html");
    assert_eq!(Origin::url("https://x.cn/1").to_string(), "https://x.cn/1");
    let warc = Origin::warc(
        "crawl.warc.gz",
        "<urn:uuid:1>",
        Some("https://x.cn/1".into()),
    );
    assert_eq!(warc.to_string(), "crawl.warc.gz#<urn:uuid:1>");
    assert_eq!(warc.url.as_deref(), Some("https://x.cn/1"));
}

// Properties: the archive does not depend on the order pages arrive in,
// and distinct issues never merge.

/// A small issue: its number picks a distinct date, title and papers; some
/// papers are shared with the neighbouring issue.
fn issue(n: u32) -> Digest {
    let paper = |k: u32| Paper {
        number: 0,
        title: format!("Paper {k} on topic {}", k * 7 % 11),
        authors: vec![format!("Author {k}"), format!("Author {}", k + 1)],
        links: vec![Link {
            label: "论文链接".into(),
            url: Some(format!("https://arxiv.org/abs/2201.{:05}", k)),
            arxiv_id: Some(format!("2201.{:05}", k)),
            ..Link::default()
        }],
        abstract_text: Some(format!("Abstract of paper {k}, in full.")),
        ..Paper::default()
    };
    let mut papers: Vec<Paper> = (0..4).map(|i| paper(n * 3 + i)).collect();
    for (i, p) in papers.iter_mut().enumerate() {
        p.number = i as u32 + 1;
    }
    Digest {
        issue: Issue {
            title: Some(format!("7 Papers & Radios | 第 {n} 期")),
            date: paper_digest::Date::new(2023, (n / 28 + 1) as u8, (n % 28 + 1) as u8),
            summary: Some(format!("本周论文包括第 {n} 期的研究。")),
            ..Issue::default()
        },
        papers,
        radio: vec![RadioList {
            heading: Some("本周 2 篇 NLP 精选论文是".into()),
            category: Some(Category::Nlp),
            entries: (1..=2)
                .map(|e| RadioEntry {
                    number: e,
                    title: format!(
                        "Paper {} on topic {}",
                        n * 3 + 4 + e,
                        (n * 3 + 4 + e) * 7 % 11
                    ),
                    from: vec![format!("Senior {e}")],
                })
                .collect(),
        }],
        ..Digest::default()
    }
}

/// How one copy of an issue differs from the full issue.
#[derive(Clone, Debug)]
struct Damage {
    keep_date: bool,
    papers: usize,
    heading: bool,
    cut_abstracts: bool,
    source: Option<&'static str>,
}

fn damage() -> impl Strategy<Value = Damage> {
    (
        any::<bool>(),
        1usize..5,
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(proptest::sample::select(
            &["机器之心", "专知", "量子位"][..],
        )),
    )
        .prop_map(
            |(keep_date, papers, heading, cut_abstracts, source)| Damage {
                keep_date,
                papers,
                heading,
                cut_abstracts,
                source,
            },
        )
}

/// A copy of an issue as real copies differ: undated, cut after some
/// papers, abstracts cut short, radio heading lost, another source named.
fn degrade(mut d: Digest, how: &Damage) -> Digest {
    if !how.keep_date {
        d.issue.date = None;
    }
    d.issue.source = how.source.map(str::to_owned);
    d.papers.truncate(how.papers);
    if how.cut_abstracts {
        for p in &mut d.papers {
            if let Some(a) = &mut p.abstract_text {
                a.truncate(a.find(',').unwrap_or(a.len()));
            }
        }
    }
    if !how.heading {
        for list in &mut d.radio {
            list.heading = None;
            list.category = None;
        }
    }
    d
}

fn copies() -> impl Strategy<Value = (usize, Vec<(Origin, Digest)>)> {
    (1u32..6)
        .prop_flat_map(|issues| {
            proptest::collection::vec((0..issues, damage()), 0..8).prop_map(move |extra| {
                let mut out = Vec::new();
                for n in 0..issues {
                    out.push((Origin::path(format!("issue-{n}.html")), issue(n)));
                }
                for (k, (n, how)) in extra.iter().enumerate() {
                    let d = degrade(issue(*n), how);
                    out.push((Origin::url(format!("https://copy.example/{k}")), d));
                }
                (issues as usize, out)
            })
        })
        .prop_flat_map(|(n, out)| (Just(n), Just(out).prop_shuffle()))
}

fn archive_of(pages: &[(Origin, Digest)]) -> Dataset {
    let mut archive = Archive::new();
    for (origin, d) in pages {
        archive.add(d.clone(), origin.clone());
    }
    archive.build()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shuffling_the_fixture_pages_gives_the_same_archive(
        order in Just((0..SAME_ISSUE.len() + 2).collect::<Vec<usize>>()).prop_shuffle()
    ) {
        let pages: Vec<_> = order.iter().map(|&i| same_issue()[i].clone()).collect();
        prop_assert_eq!(&build(&pages), the_issue());
    }

    #[test]
    fn shuffling_copies_gives_the_same_archive_and_issues_never_merge(
        (issues, pages) in copies(),
        seed in any::<u64>(),
    ) {
        let first = archive_of(&pages);
        let mut shuffled = pages.clone();
        // A second, different order.
        let len = shuffled.len();
        for i in (1..len).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&archive_of(&shuffled), &first);
        prop_assert_eq!(first.issues.len(), issues);
        for (n, issue) in first.issues.iter().enumerate() {
            prop_assert_eq!(issue.issue.title.clone(), Some(format!("7 Papers & Radios | 第 {n} 期")));
            // Nothing a copy lost is lost in the merge.
            prop_assert_eq!(issue.papers.len(), 4);
            for p in &issue.papers {
                prop_assert!(p.abstract_text.as_deref().unwrap().ends_with(", in full."));
            }
            prop_assert_eq!(issue.radio[0].category, Some(Category::Nlp));
        }
        // Every paper of every issue is one entry; shared ones appear twice.
        let distinct: std::collections::BTreeSet<String> = first
            .issues
            .iter()
            .flat_map(|i| {
                i.papers.iter().map(|p| p.title.clone())
                    .chain(i.radio.iter().flat_map(|l| l.entries.iter().map(|e| e.title.clone())))
            })
            .collect();
        prop_assert_eq!(first.papers.len(), distinct.len());
        let appearances: usize = first.papers.iter().map(|p| p.appearances.len()).sum();
        prop_assert_eq!(appearances, issues * 6);
    }
}

/// Issue 25: a copy whose heading was squashed (its title taken from the
/// contents, the heading kept in `heading_title`) merges with a clean copy
/// under the spaced title, and keeps the heading's text; a heading text
/// equal to the merged title is never kept.
#[test]
fn a_squashed_heading_merges_with_a_clean_copy() {
    let clean = "7 Papers & Radios | 标题\n2022 年 5 月 1 日 机器之心\n目录\n\
        1. Balance Control of a Novel Robot\n论文 1：Balance Control of a Novel Robot\n作者：张三\n";
    let squashed = clean.replace(
        "论文 1：Balance Control of a Novel Robot",
        "论文 1：BalanceControlof aNovelRobot",
    );
    let pages = [
        (
            Origin::url("https://example.com/clean"),
            parse_all(clean).unwrap(),
        ),
        (
            Origin::url("https://example.com/squashed"),
            parse_all(&squashed).unwrap(),
        ),
    ];
    assert_eq!(
        pages[1].1[0].papers[0].heading_title.as_deref(),
        Some("BalanceControlof aNovelRobot")
    );
    let dataset = build(&pages);
    assert_eq!(dataset.issues.len(), 1);
    let paper = &dataset.issues[0].papers[0];
    assert_eq!(paper.title, "Balance Control of a Novel Robot");
    assert_eq!(
        paper.heading_title.as_deref(),
        Some("BalanceControlof aNovelRobot")
    );
    let only_clean = build(&pages[..1]);
    assert_eq!(only_clean.issues[0].papers[0].heading_title, None);
}
