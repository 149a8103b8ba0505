//! `Parser::furniture`: lines a user's own aggregator adds to every page go
//! to `stripped.boilerplate`, and the digest reads as if they were not there.

use crate::common;

use common::SEED;
use paper_digest::Parser;
use regex::Regex;

/// The seed as a feed aggregator republishes it: a banner after every
/// abstract paragraph, a "saved from" note under the title and a footer
/// before the page's own trailer.
fn aggregated() -> String {
    let mut out = String::new();
    for (i, line) in SEED.lines().enumerate() {
        out.push_str(line);
        out.push('\n');
        if i == 0 {
            out.push_str("【AI 日报聚合】本文转载自机器之心，收录于 2022-04-11 08:00 · 原文链接\n");
        }
        if line.starts_with("摘要") {
            out.push_str("—— 在 AI 日报聚合 App 中查看更多论文解读，每日更新 ——\n");
        }
        if line == "© THE END" {
            out.push_str("【AI 日报聚合】觉得有用？点个在看，分享给朋友\n");
            out.push_str("【AI 日报聚合】© 2022 AI 日报聚合 版权所有，仅供学习交流\n");
        }
    }
    out
}

#[test]
fn an_aggregator_footer_and_banners_are_furniture() {
    let plain = Parser::new().parse(SEED).unwrap();
    let page = aggregated();

    // Without a rule the banners land in the content.
    let unruled = Parser::new().parse(&page).unwrap();
    assert_ne!(unruled.papers, plain.papers);

    let parser = Parser::new()
        .furniture(Regex::new(r"^【AI 日报聚合】").unwrap())
        .furniture(Regex::new(r"^—— 在 AI 日报聚合 App 中查看.*——$").unwrap());
    let digest = parser.parse(&page).unwrap();
    assert_eq!(digest.issue, plain.issue);
    assert_eq!(digest.papers, plain.papers);
    assert_eq!(digest.radio, plain.radio);
    assert_eq!(digest.stripped.ads, plain.stripped.ads);
    assert_eq!(digest.stripped.trending, plain.stripped.trending);
    let added: Vec<&String> = digest
        .stripped
        .boilerplate
        .iter()
        .filter(|l| l.contains("AI 日报聚合"))
        .collect();
    let banners = SEED.lines().filter(|l| l.starts_with("摘要")).count();
    assert_eq!(added.len(), banners + 3, "{added:#?}");
    assert_eq!(
        digest.stripped.boilerplate.len(),
        plain.stripped.boilerplate.len() + added.len()
    );
}

#[test]
fn parsers_compare_their_rules() {
    let a = Parser::new().furniture(Regex::new("^x").unwrap());
    assert_eq!(a, Parser::new().furniture(Regex::new("^x").unwrap()));
    assert_ne!(a, Parser::new().furniture(Regex::new("^y").unwrap()));
    assert_ne!(a, Parser::new());
}
