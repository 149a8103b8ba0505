//! Every alias of every label in the vocabulary table reaches every stage:
//! a page that writes one label by any of its aliases (upper-cased too, for
//! an English one) passes the pre-check and gives the digest the column's
//! own labels give, as plain text, as Markdown and as HTML. A label alias
//! added to the table is tested here with no other change.

use paper_digest::__private::label_aliases;
use paper_digest::{Digest, parse_bytes};

/// A small digest with every label, each written `{Label}` for the alias
/// to put there: the password once on a line of its own, once inside a
/// link line.
const PAGE: &str = "7 Papers & Radios | 标题一；标题二
{Source}：机器之心
{Contributors}：张三、李四
本周论文包括大模型的训练与网盘里的代码。
{Contents}
Training Compute-Optimal Large Language Models
PaLM: Scaling Language Modeling with Pathways
ArXiv Weekly Radiostation：NLP、CV、ML 更多精选论文
{Paper} 1：Training Compute-Optimal Large Language Models
{Authors}：Jordan Hoffmann、Sebastian Borgeaud 等
论文链接：https://pan.baidu.com/s/1x
{Password}：9qzz
{Abstract}：自回归语言模型的参数量与训练数据量应当同步增长。
{Recommendation}：DeepMind 用 700 亿打败自家 2800 亿。
{Paper} 2：PaLM: Scaling Language Modeling with Pathways
{Authors}：Aakanksha Chowdhery、Sharan Narang
代码地址：https://pan.baidu.com/s/2y {Password}：ab12
{Abstract}：一个只有解码器的密集 Transformer 模型。
{Recommendation}：5400 亿参数，会解读笑话。
本周 10 篇 NLP 精选论文是：
1. Pareto-optimal clustering. (from Alice Smith, Bob Jones)
";

/// The page with `label` written as `alias` and every other label as the
/// column writes it (its first alias).
fn page(labels: &[(String, Vec<&str>)], label: &str, alias: &str) -> String {
    let mut page = PAGE.to_owned();
    for (name, aliases) in labels {
        let written = if name == label { alias } else { aliases[0] };
        page = page.replace(&format!("{{{name}}}"), written);
    }
    assert!(
        !page.contains('{'),
        "every label of the page is in the table"
    );
    page
}

/// The page as each format writes it: plain lines, Markdown paragraphs,
/// HTML paragraphs in a body.
fn formats(text: &str) -> [(&'static str, String); 3] {
    let lines: Vec<&str> = text.lines().collect();
    let html: String = lines.iter().map(|l| format!("<p>{l}</p>\n")).collect();
    [
        ("text", text.to_owned()),
        ("markdown", lines.join("\n\n")),
        (
            "html",
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8></head><body>\n{html}</body></html>"
            ),
        ),
    ]
}

/// What the labels carry: the issue, the papers, the radio lists.
fn content(
    d: &Digest,
) -> (
    paper_digest::Issue,
    Vec<paper_digest::Paper>,
    Vec<paper_digest::RadioList>,
) {
    (d.issue.clone(), d.papers.clone(), d.radio.clone())
}

#[test]
fn every_alias_of_every_label_reaches_every_stage() {
    let labels = label_aliases();
    let names: Vec<&str> = labels.iter().map(|(n, _)| n.as_str()).collect();
    for name in &names {
        assert!(
            PAGE.contains(&format!("{{{name}}}")),
            "the page writes {name}"
        );
    }
    let own = page(&labels, "", "");
    for (format, input) in formats(&own) {
        let want = parse_bytes(input.as_bytes())
            .unwrap_or_else(|e| panic!("{format}: the column's own labels parse: {e}"));
        // Every label was read: the test cannot pass by reading none.
        let issue = &want.issue;
        assert_eq!(issue.source.as_deref(), Some("机器之心"), "{format}");
        assert_eq!(issue.contributors, ["张三", "李四"], "{format}");
        assert_eq!(issue.contents.len(), 3, "{format}");
        assert_eq!(want.papers.len(), 2, "{format}");
        for p in &want.papers {
            assert!(!p.authors.is_empty(), "{format}");
            assert!(p.abstract_text.is_some(), "{format}");
            assert!(p.recommendation.is_some(), "{format}");
        }
        let passwords: Vec<_> = want
            .papers
            .iter()
            .map(|p| p.links[0].password.as_deref())
            .collect();
        assert_eq!(passwords, [Some("9qzz"), Some("ab12")], "{format}");
        assert_eq!(want.radio.len(), 1, "{format}");

        for (name, aliases) in &labels {
            for alias in aliases {
                let upper = alias.to_uppercase();
                let written: &[&str] = if alias.is_ascii() {
                    &[alias, &upper]
                } else {
                    &[alias]
                };
                for written in written {
                    let input = &formats(&page(&labels, name, written))
                        .into_iter()
                        .find(|(f, _)| f == &format)
                        .expect("the format")
                        .1;
                    let got = parse_bytes(input.as_bytes()).unwrap_or_else(|e| {
                        panic!("{format}: {name} written {written:?} is not read: {e}")
                    });
                    assert_eq!(
                        content(&got),
                        content(&want),
                        "{format}: {name} written {written:?}"
                    );
                }
            }
        }
    }
}
