//! Inputs that once crashed or misled the parser, each named after how it was
//! found (`fuzz_N_…` from cargo-fuzz, `proptest_…` from a property).

use crate::common;

use paper_digest::{Format, Parser, parse, parse_bytes};

fn fixture(name: &str) -> Vec<u8> {
    common::fixture(&format!("regressions/{name}"))
}

/// Every format, every entry point: none may panic.
fn parse_every_way(bytes: &[u8]) {
    let _ = parse_bytes(bytes);
    let text = String::from_utf8_lossy(bytes);
    let _ = parse(&text);
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let _ = Parser::new().format(format).parse(&text);
    }
}

/// `(fro` followed by a multi-byte character: the `from` check sliced the
/// line inside a character.
#[test]
fn fuzz_1_split_from_char_boundary() {
    parse_every_way(&fixture("fuzz_1_split_from_char_boundary.bin"));
    let d =
        parse("7 Papers & Radios | t\n本周 2 篇 NLP 精选论文是：\n1. T (fro中)\n2. U (from 甲)\n")
            .unwrap();
    assert_eq!(d.radio[0].entries.len(), 2);
    assert_eq!(d.radio[0].entries[0].title, "T (fro中)");
}

/// `1. … (附音频)`: a numbered line ending in a parenthesis of CJK text
/// sliced `(from` at a byte inside a character and panicked. Found by the
/// Markdown seed, whose contents list is numbered.
#[test]
fn numbered_line_with_cjk_parenthesis() {
    let page = "7 Papers & Radios | 标题\n本周论文包括一些研究。\n8. ArXiv Weekly Radiostation:NLP、CV、ML 更多精选论文(附音频)\n论文 1:T\n";
    // In HTML, lines are blocks: the same page as paragraphs.
    let html: String = page.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    for (format, page) in [
        (Format::Text, page),
        (Format::Markdown, page),
        (Format::Html, html.as_str()),
    ] {
        let digest = Parser::new().format(format).parse(page).unwrap();
        assert_eq!(
            digest.issue.contents,
            ["ArXiv Weekly Radiostation:NLP、CV、ML 更多精选论文(附音频)"]
        );
    }
    // The same parenthesis on a radio line is an entry without authors, not a panic.
    let digest = paper_digest::parse("本周 10 篇 NLP 精选论文是:\n1. Title(附音频)\n").unwrap();
    assert_eq!(digest.radio[0].entries[0].title, "Title(附音频)");
}

/// `7 Papers & Radios | … 2022`: a title whose last headline ends in a
/// number of four or more digits read as a trending item (`7 … 2022`: rank,
/// title, heat), which started the trailer before the title, so the page lost
/// its title (and a title-only page was "not a digest"). Found by the
/// round-trip properties.
#[test]
fn proptest_title_ending_in_a_number() {
    let digest = paper_digest::parse("7 Papers & Radios | 模型 2022\n论文 1:T\n").unwrap();
    assert_eq!(
        digest.issue.title.as_deref(),
        Some("7 Papers & Radios | 模型 2022")
    );
    let page = "7 Papers & Radios | 谷歌发布模型 5400\n论文 1:T\n作者:A\n";
    let digest = paper_digest::parse(page).unwrap();
    assert_eq!(digest.issue.headlines, ["谷歌发布模型 5400"]);
    assert_eq!(digest.papers[0].authors, ["A"]);
    assert!(digest.stripped.trending.is_empty());
}

/// Two copies of one issue whose paper has the same links but a download
/// password in one of them only: the archive chose between the two link lists
/// by the order the copies came in (their tie-break text left the password
/// out), so the dataset built forwards differed from the one built backwards.
/// Found by the `parse_all` fuzz target.
#[test]
fn fuzz_2_archive_order_password() {
    use paper_digest::archive::{Archive, Origin};
    let bytes = fixture("fuzz_2_archive_order_password.txt");
    parse_every_way(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    let all = Parser::new()
        .format(Format::Text)
        .parse_all(&text)
        .expect("two copies of one issue");
    assert_eq!(all.len(), 2);
    let mut forward = Archive::new();
    let mut backward = Archive::new();
    for (i, d) in all.iter().enumerate() {
        forward.add(d.clone(), Origin::path(format!("{i}")));
    }
    for (i, d) in all.iter().enumerate().rev() {
        backward.add(d.clone(), Origin::path(format!("{i}")));
    }
    assert_eq!(forward.build(), backward.build());
}

/// Paper headings repeated as a table of contents before the papers, and a
/// later paper with a link label and nothing after it: the contents were
/// folded out of the papers, but the empty link's paper index was not moved
/// with them, and the `link_without_url` check indexed past the papers.
/// Found by the `parse_all` fuzz target.
#[test]
fn fuzz_3_folded_contents_empty_link() {
    parse_every_way(&fixture("fuzz_3_folded_contents_empty_link.txt"));
    let page = "7 Papers & Radios | 标题\n论文 1：A\n论文 2：B\n本期精选了两篇论文。\n\
                论文 1：A\n作者：甲\n论文链接：\n摘要：一段。\n\
                论文 2：B\n作者：乙\n代码地址：\n摘要：又一段。\n";
    let digest = parse(page).expect("a digest");
    assert_eq!(digest.papers.len(), 2);
    assert_eq!(digest.issue.contents, ["A", "B"]);
    let empty: Vec<&str> = digest
        .warnings
        .iter()
        .filter(|w| w.code == paper_digest::WarningCode::LinkWithoutUrl)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(empty.len(), 2, "{:?}", digest.warnings);
    assert!(empty[0].contains("of paper 1 (A)"), "{empty:?}");
    assert!(empty[1].contains("of paper 2 (B)"), "{empty:?}");
}

/// The `roundtrip` fuzz target: a heading-only paper whose title comes again
/// under another number (`论文 1：Scaling`, then `论文 2：Scaling` with its
/// authors) was folded into the contents as if it were a table of contents
/// repeating its headings; a repeated heading repeats its number too, so
/// both papers stay.
#[test]
fn fuzz_4_same_title_under_another_number_is_a_paper() {
    let page = "7 Papers & Radios | 推理模型\n机器之心报道\n本周论文包括训练模型方法。\n\
                目录\nScaling\nScaling\n论文 1：Scaling\n论文 2：Scaling\n\
                作者：张三，Max Welling\n摘要：图像训练研究数据研究训练。\n推荐：性能训练。\n© THE END\n";
    let digest = parse(page).expect("a digest");
    let numbers: Vec<u32> = digest.papers.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2], "{:?}", digest.papers);
    assert_eq!(digest.issue.contents, ["Scaling", "Scaling"]);
}

/// Found by the `parse_all` fuzz target (a digest page cut and mutated,
/// minimized): a digest title after a paper, then a contents heading and a
/// radio entry. The split cut a second digest there, which assembles as
/// none (its one entry is read as the contents), and `parse_all` failed the
/// whole input while `parse` read the first digest. Now both read one
/// digest, the run that is none kept aside with it.
#[test]
fn fuzz_5_a_later_run_that_is_no_digest_is_kept_aside() {
    let page = "论文 3：一种新的图神经网络表达能力分析框架\n* 作者：张三, 李四\n\
                \x20     7 Papers & Radios | 华为盘古大模型；GAN 之父新作\n目录\n\
                3. Learning to Simulate. (from Jure Leskovec)";
    let parser = Parser::new().format(Format::Text);
    let first = parser.parse(page).expect("the first digest");
    let all = parser.parse_all(page).expect("parse_all agrees with parse");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0], first);
    assert_eq!(first.papers.len(), 1);
    assert!(
        first
            .stripped
            .boilerplate
            .iter()
            .any(|l| l.contains("Learning to Simulate")),
        "{:?}",
        first.stripped
    );
    // Two such runs after it (the second fuzz input): both kept aside, in
    // `parse` as in `parse_all`.
    let run = "\n7 Papers & Radios | 华为盘古大模型；GAN 之父新作\n目录\n3. Learning to Simulate. (from Jure Leskovec)";
    let page = format!("{page}{run}");
    let first = parser.parse(&page).expect("the first digest");
    let all = parser
        .parse_all(&page)
        .expect("parse_all agrees with parse");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0], first);
    let kept = first
        .stripped
        .boilerplate
        .iter()
        .filter(|l| l.contains("Learning to Simulate"));
    assert_eq!(kept.count(), 2, "{:?}", first.stripped);
}
