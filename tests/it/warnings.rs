//! One test per warning code: each anomaly is reported with its stable code
//! and, where it concerns one line, the 1-based line number.

use paper_digest::{Warning, WarningCode, parse};

fn codes(warnings: &[Warning]) -> Vec<WarningCode> {
    warnings.iter().map(|w| w.code).collect()
}

const GOOD_PAPER: &str = "论文 1：A Title\n作者：A、B\n论文链接：https://arxiv.org/abs/2201.00001\n摘要：一段摘要。\n推荐：好文。\n";

const RADIO: &str = "本周 1 篇 NLP 精选论文是：\n1. A. (from X)\n";

#[test]
fn a_clean_page_has_no_warnings() {
    let d = parse(&format!("7 Papers & Radios | 标题\n{GOOD_PAPER}")).unwrap();
    assert_eq!(d.warnings, []);
}

#[test]
fn missing_title() {
    let d = parse(GOOD_PAPER).unwrap();
    assert_eq!(
        codes(&d.warnings),
        [WarningCode::MissingTitle, WarningCode::SeriesUnconfirmed]
    );
    assert_eq!(d.issue.title, None);
}

#[test]
fn radio_list_without_heading() {
    let page = "7 Papers & Radios | 标题\n本周 2 篇 NLP 精选论文是：\n1. A. (from X)\n2. B. (from Y)\n1. C. (from Z)\n2. D. (from W)\n";
    let d = parse(page).unwrap();
    assert_eq!(d.radio.len(), 2);
    assert_eq!(
        (d.radio[1].heading.as_deref(), d.radio[1].category),
        (None, None)
    );
    assert_eq!(codes(&d.warnings), [WarningCode::RadioListWithoutHeading]);
    assert_eq!(d.warnings[0].line, Some(5));
    assert_eq!(d.warnings[0].code.as_str(), "radio_list_without_heading");
}

#[test]
fn radio_list_short() {
    // Another list follows: a short list at the end of a page is also a cut page.
    let page = "7 Papers & Radios | 标题\n本周 10 篇 CV 精选论文是：\n1. A. (from X)\n2. B. (from Y)\n本周 1 篇 ML 精选论文是：\n1. C. (from Z)\n";
    let d = parse(page).unwrap();
    assert_eq!(codes(&d.warnings), [WarningCode::RadioListShort]);
    assert_eq!(d.warnings[0].line, Some(2));
    assert!(
        d.warnings[0].message.contains("10"),
        "{}",
        d.warnings[0].message
    );
}

#[test]
fn contents_mismatch_both_ways() {
    // A radio list follows the papers: contents that name a paper more at
    // the end of a page would also say the page was cut.
    let more = format!(
        "7 Papers & Radios | 标题\n本周论文包括两篇。\nA Title\nB Title\n{GOOD_PAPER}{RADIO}"
    );
    let d = parse(&more).unwrap();
    assert_eq!(codes(&d.warnings), [WarningCode::ContentsMismatch]);
    let fewer = format!(
        "7 Papers & Radios | 标题\n本周论文包括零篇。\n{GOOD_PAPER}{}",
        GOOD_PAPER.replace("论文 1", "论文 2")
    );
    let fewer = fewer.replacen("本周论文包括零篇。\n", "本周论文包括零篇。\nA Title\n", 1);
    let d = parse(&fewer).unwrap();
    assert_eq!(codes(&d.warnings), [WarningCode::ContentsMismatch]);
}

#[test]
fn the_radiostation_entry_does_not_count_as_a_paper() {
    let page = format!(
        "7 Papers & Radios | 标题\n本周论文包括一篇。\nA Title\nArXiv Weekly Radiostation：NLP、CV、ML 更多精选论文（附音频）\n{GOOD_PAPER}{RADIO}本周 1 篇 CV 精选论文是：\n1. B. (from Y)\n本周 1 篇 ML 精选论文是：\n1. C. (from Z)\n"
    );
    let d = parse(&page).unwrap();
    assert_eq!(d.issue.contents.len(), 2);
    assert_eq!(d.warnings, []);
}

#[test]
fn paper_without_link_abstract_or_authors() {
    let d = parse("7 Papers & Radios | 标题\n论文 1：A Title\n推荐：好文。\n").unwrap();
    assert_eq!(
        codes(&d.warnings),
        [
            WarningCode::PaperWithoutAuthors,
            WarningCode::PaperWithoutLink,
            WarningCode::PaperWithoutAbstract
        ]
    );
    assert!(d.warnings.iter().all(|w| w.line == Some(2)));
}

#[test]
fn paper_number_out_of_order() {
    let page = format!(
        "7 Papers & Radios | 标题\n{GOOD_PAPER}{}",
        GOOD_PAPER.replace("论文 1", "论文 3")
    );
    let d = parse(&page).unwrap();
    assert_eq!(codes(&d.warnings), [WarningCode::PaperNumberOutOfOrder]);
    assert_eq!(d.warnings[0].line, Some(7));
}

#[test]
fn unplaced_lines_are_quoted_not_dropped() {
    let page = format!(
        "7 Papers & Radios | 标题\n{GOOD_PAPER}推荐之后的一行无处可放\n本周 1 篇 ML 精选论文是：\n1. A. (from X)\n列表里的杂项\n"
    );
    let d = parse(&page).unwrap();
    assert_eq!(
        codes(&d.warnings),
        [WarningCode::UnplacedLine, WarningCode::UnplacedLine]
    );
    assert!(d.warnings[0].message.contains("推荐之后的一行无处可放"));
    assert_eq!(d.warnings[0].line, Some(7));
    assert!(d.warnings[1].message.contains("列表里的杂项"));
}

#[test]
fn warning_codes_serialize_snake_case() {
    let w = Warning {
        code: WarningCode::RadioListWithoutHeading,
        message: "m".into(),
        line: Some(3),
    };
    let json = serde_json::to_string(&w).unwrap();
    assert_eq!(
        json,
        r#"{"code":"radio_list_without_heading","message":"m","line":3}"#
    );
    assert_eq!(serde_json::from_str::<Warning>(&json).unwrap(), w);
}

// Issue 22 (hostile probe): author names, line numbers with CR line ends

fn authors_of(line: &str) -> (Vec<String>, Vec<Warning>) {
    let d = parse(&format!(
        "7 Papers & Radios | 标题\n论文 1：A Title\n作者：{line}\n论文链接：https://arxiv.org/abs/2201.00001\n摘要：一段摘要。\n"
    ))
    .unwrap();
    (d.papers[0].authors.clone(), d.warnings)
}

/// The issue's line: digits that belong to a name stay, affiliation marks
/// go, and nothing else is touched.
#[test]
fn digits_of_a_name_are_kept_and_affiliation_marks_removed() {
    let (authors, warnings) = authors_of("Team42、R2D2、LeileiCui2,∗,Bob");
    assert_eq!(authors, ["Team42", "R2D2", "LeileiCui", "Bob"]);
    assert_eq!(warnings, []);
    for (line, expected) in [
        (
            "Wei Zeng1,∗, Xiaozhe Ren1,∗, Teng Su1",
            &["Wei Zeng", "Xiaozhe Ren", "Teng Su"][..],
        ),
        ("Smith1†、Jones1,3、Lee‡", &["Smith", "Jones", "Lee"]),
        ("张贵发**、李四¹²", &["张贵发", "李四"]),
        (
            "Yiming Cui2,∗, Wanxiang Che1, Ting Liu1",
            &["Yiming Cui", "Wanxiang Che", "Ting Liu"],
        ),
        ("GPT4、A3C Team、x2", &["GPT4", "A3C Team", "x2"]),
    ] {
        assert_eq!(authors_of(line).0, expected, "{line}");
    }
}

/// An entry that is no name is kept as written, with a warning on its line.
#[test]
fn an_entry_that_is_no_name_is_kept_with_a_warning() {
    let (authors, warnings) = authors_of("123、-2+3、Bob");
    assert_eq!(authors, ["123", "-2+3", "Bob"]);
    assert_eq!(
        codes(&warnings),
        [WarningCode::ImplausibleName, WarningCode::ImplausibleName]
    );
    assert!(
        warnings[0].message.contains("\"123\""),
        "{}",
        warnings[0].message
    );
    assert!(warnings[1].message.contains("\"-2+3\""));
    assert_eq!(warnings[0].line, Some(3));
    assert_eq!(WarningCode::ImplausibleName.as_str(), "implausible_name");
    let d = parse(&format!(
        "7 Papers & Radios | 标题\n{GOOD_PAPER}本周 1 篇 NLP 精选论文是：\n1. A. (from 42, Z)\n"
    ))
    .unwrap();
    assert_eq!(d.radio[0].entries[0].from, ["42", "Z"]);
    assert_eq!(codes(&d.warnings), [WarningCode::ImplausibleName]);
    assert_eq!(d.warnings[0].line, Some(8));
}

/// The page's lines joined with `\n`, `\r\n`, a lone `\r`, and `\r\n` and
/// `\r` in turn.
fn with_every_line_end(lines: &[String]) -> Vec<(&'static str, String)> {
    let mixed: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", if i % 2 == 0 { "\r\n" } else { "\r" }))
        .collect();
    vec![
        ("LF", lines.join("\n")),
        ("CRLF", lines.join("\r\n")),
        ("CR", lines.join("\r")),
        ("CRLF and CR", mixed),
    ]
}

fn warning_lines(format: paper_digest::Format, page: &str) -> Vec<(WarningCode, Option<usize>)> {
    let d = paper_digest::Parser::new()
        .format(format)
        .parse(page)
        .unwrap();
    d.warnings.iter().map(|w| (w.code, w.line)).collect()
}

/// The issue's case: with old-Mac line ends (a lone `\r`), and with
/// `\r\n` and `\r` mixed, warnings name the same lines as with `\n`, in
/// plain text and in Markdown (whose line numbers come from the parser's
/// byte offsets).
#[test]
fn warning_lines_are_the_same_whatever_the_line_ends() {
    let mut text: Vec<String> = vec![
        "7 Papers & Radios | 标题".into(),
        "论文 1：A Title".into(),
        "作者：A、B".into(),
        "论文链接：https://arxiv.org/abs/2201.00001".into(),
        "摘要：一段摘要。".into(),
    ];
    text.extend((0..100).map(|i| format!("第 {i} 段摘要。")));
    text.push("推荐：好文。".into());
    text.push("推荐之后的一行无处可放".into());
    text.push("论文 2：B Title".into());
    text.push("作者：123".into());
    let expected = [
        (WarningCode::UnplacedLine, Some(107)),
        (WarningCode::PaperWithoutLink, Some(108)),
        (WarningCode::PaperWithoutAbstract, Some(108)),
        (WarningCode::ImplausibleName, Some(109)),
        (WarningCode::PageTruncated, Some(109)),
    ];
    for (name, page) in with_every_line_end(&text) {
        let mut got = warning_lines(paper_digest::Format::Text, &page);
        got.sort_by_key(|&(code, line)| (line, code.as_str()));
        let mut want = expected.to_vec();
        want.sort_by_key(|&(code, line)| (line, code.as_str()));
        assert_eq!(got, want, "text, {name}");
    }
    // Markdown: the same page, a blank line between paragraphs.
    let markdown: Vec<String> = text
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let l = if i == 0 { format!("# {l}") } else { l.clone() };
            [l, String::new()]
        })
        .collect();
    let lf = warning_lines(paper_digest::Format::Markdown, &markdown.join("\n"));
    assert!(
        lf.contains(&(WarningCode::ImplausibleName, Some(217))),
        "{lf:?}"
    );
    for (name, page) in with_every_line_end(&markdown) {
        assert_eq!(
            warning_lines(paper_digest::Format::Markdown, &page),
            lf,
            "markdown, {name}"
        );
    }
}
