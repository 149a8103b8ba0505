//! Pages cut off where no digest ends carry a `page_truncated` warning, and
//! bytes the decoder replaced carry `invalid_bytes` warnings with their line.
//!
//! The property at the end cuts complete digests (rendered as text and
//! Markdown, with site furniture after them) at every byte: either the result
//! says the page was cut, or nothing after the cut belonged to the digest.

use paper_digest::{
    Category, Digest, Format, Issue, Link, LinkKind, Paper, Parser, RadioEntry, RadioList, Warning,
    WarningCode, parse, parse_bytes, render,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

fn seed() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-2022-04-10.txt"
    ))
    .unwrap()
}

fn with_code(warnings: &[Warning], code: WarningCode) -> Vec<&Warning> {
    warnings.iter().filter(|w| w.code == code).collect()
}

fn truncation(d: &Digest) -> Option<&Warning> {
    d.warnings
        .iter()
        .find(|w| w.code == WarningCode::PageTruncated)
}

/// The message of the page's one `page_truncated` warning.
fn cut_message(page: &str) -> String {
    let d = parse(page).unwrap();
    let cut = with_code(&d.warnings, WarningCode::PageTruncated);
    assert_eq!(cut.len(), 1, "{:#?}", d.warnings);
    cut[0].message.clone()
}

fn assert_not_cut(page: &str) {
    let d = parse(page).unwrap();
    assert_eq!(truncation(&d), None, "{page}");
}

const HEAD: &str = "7 Papers & Radios | 标题\n本周论文包括两篇研究。\n目录\n1. A Title\n2. B Title\n3. ArXiv Weekly Radiostation：NLP、CV 更多精选论文\n";
const PAPER_1: &str = "论文 1：A Title\n作者：A、B\n论文链接：https://arxiv.org/abs/2201.00001\n摘要：一段摘要。\n推荐：好文。\n";
const PAPER_2: &str = "论文 2：B Title\n作者：C\n论文链接：https://arxiv.org/abs/2201.00002\n摘要：另一段摘要。\n推荐：也是好文。\n";
const NLP: &str = "本周 2 篇 NLP 精选论文是：\n1. One. (from X)\n2. Two. (from Y)\n";
const CV: &str = "本周 2 篇 CV 精选论文是：\n1. Three. (from Z)\n2. Four. (from W)\n";
const TRAILER: &str =
    "© THE END\n转载请联系本公众号获得授权\n- 1 准确把握守正创新的辩证关系 7993401\n";

fn whole() -> String {
    format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}{CV}{TRAILER}")
}

#[test]
fn a_whole_page_is_not_cut() {
    assert_not_cut(&whole());
    assert_not_cut(&format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}{CV}"));
    let seed = parse_bytes(&seed()).unwrap();
    assert_eq!(truncation(&seed), None);
}

/// The issue's case: the seed cut at 70% and 80% of its bytes, inside the
/// last paper's abstract and mid-character, parsed as `Ok` without a word.
#[test]
fn seed_cut_at_70_and_80_percent_is_truncated() {
    let seed = seed();
    for percent in [70, 80] {
        let cut = &seed[..seed.len() * percent / 100];
        let d = parse_bytes(cut).unwrap();
        let w = truncation(&d).unwrap_or_else(|| panic!("{percent}%: {:#?}", d.warnings));
        assert!(w.message.contains("cut in half"), "{}", w.message);
        assert_eq!(w.line, Some(cut.split(|&b| b == b'\n').count()));
        // The same cut read with a lossy decode by the caller: the text ends
        // on U+FFFD, and that alone says so.
        let d = parse(&String::from_utf8_lossy(cut)).unwrap();
        let w = truncation(&d).unwrap_or_else(|| panic!("{percent}% as text"));
        assert!(w.message.contains("cut in half"), "{}", w.message);
    }
}

/// The issue's case: cut at 90%, inside the CV list, the ML list is missing.
#[test]
fn seed_cut_at_90_percent_is_truncated() {
    let seed = seed();
    let cut = &seed[..seed.len() * 9 / 10];
    let d = parse_bytes(cut).unwrap();
    let w = truncation(&d).unwrap_or_else(|| panic!("{:#?}", d.warnings));
    assert!(w.message.contains("radio list 2"), "{}", w.message);
    // Cut between two lists, at a line end: the contents announce three.
    let text = String::from_utf8(seed).unwrap();
    let end = text.find("1. Pretraining Text Encoders").unwrap();
    let message = cut_message(&text[..end]);
    assert!(
        message.contains("radio list 2 of the 3 its contents announce"),
        "{message}"
    );
}

/// A cut inside markup: the last line of text is whole, the bytes were not.
#[test]
fn a_character_cut_in_markup_is_a_cut() {
    let mut page = b"<html><body><p>7 Papers &amp; Radios | \xe6\xa0\x87\xe9\xa2\x98</p><p>\xe8\xae\xba\xe6\x96\x87 1\xef\xbc\x9aA Title</p><!-- ".to_vec();
    page.extend_from_slice(&"注".as_bytes()[..2]);
    let d = parse_bytes(&page).unwrap();
    let w = truncation(&d).unwrap_or_else(|| panic!("{:#?}", d.warnings));
    assert!(w.message.contains("cut in half"), "{}", w.message);
    assert_eq!(w.line, Some(2));
    let invalid = with_code(&d.warnings, WarningCode::InvalidBytes);
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0].line, None);
}

#[test]
fn invalid_bytes_in_links_and_images_have_their_line() {
    // Long enough for two invalid bytes to leave it UTF-8.
    let page = format!(
        "<html><body><p>7 Papers &amp; Radios | 标题</p><p>论文 1：A Title</p><p>论文链接：<a href=\"https://a.com/\u{1}\">链接</a></p><p><img src=\"https://img.com/\u{1}.png\"></p><p>摘要：{}</p></body></html>",
        "一段很长的摘要。".repeat(20)
    );
    let bytes: Vec<u8> = page
        .bytes()
        .map(|b| if b == 1 { 0xFF } else { b })
        .collect();
    let d = parse_bytes(&bytes).unwrap();
    let lines: Vec<_> = with_code(&d.warnings, WarningCode::InvalidBytes)
        .iter()
        .map(|w| w.line)
        .collect();
    assert_eq!(lines, [Some(3), Some(4)], "{:#?}", d.warnings);
}

#[test]
fn a_page_of_papers_only_ends_after_its_last_paper() {
    let head = "7 Papers & Radios | 标题\n本周论文包括两篇研究。\n目录\n1. A Title\n2. B Title\n";
    assert_not_cut(&format!("{head}{PAPER_1}{PAPER_2}"));
}

#[test]
fn a_lone_radio_entry_without_from_is_cut() {
    let page = "7 Papers & Radios | 标题\n本周 1 篇 NLP 精选论文是：\n1. On";
    assert!(cut_message(page).contains("inside entry 1 of radio list 1"));
}

/// A page cut in its header holds no paper or radio entry: not a digest.
#[test]
fn ends_in_the_header() {
    assert!(matches!(
        parse(HEAD),
        Err(paper_digest::Error::NotADigest(_))
    ));
}

#[test]
fn ends_inside_a_paper_before_its_abstract() {
    let page = format!("{HEAD}{PAPER_1}论文 2：B Title\n作者：C\n");
    let message = cut_message(&page);
    assert!(
        message.contains("inside paper 2, before its abstract"),
        "{message}"
    );
}

#[test]
fn ends_inside_a_paper_before_its_recommendation() {
    let page = format!("{HEAD}{PAPER_1}论文 2：B Title\n作者：C\n摘要：另一段摘要。\n");
    let message = cut_message(&page);
    assert!(message.contains("before its recommendation"), "{message}");
    // The marker alone, its text cut away.
    let page = "7 Papers & Radios | 标题\n论文 1：A Title\n摘要：一段摘要。\n推荐：\n";
    assert!(cut_message(page).contains("before its recommendation"));
    // Without a marker, and no other paper with one: a page may lack them.
    assert_not_cut("7 Papers & Radios | 标题\n论文 1：A Title\n摘要：一段摘要。\n");
}

#[test]
fn ends_mid_sentence_in_the_last_paper() {
    let page = "7 Papers & Radios | 标题\n论文 1：A Title\n摘要：一段摘要。\n推荐：谷歌刚刚用\n";
    let message = cut_message(page);
    assert!(message.contains("mid-sentence in paper 1"), "{message}");
    let page = "7 Papers & Radios | 标题\n论文 1：A Title\n摘要：一段摘要在中途被\n";
    assert!(cut_message(page).contains("mid-sentence"));
}

#[test]
fn ends_before_the_papers_the_contents_announce() {
    let message = cut_message(&format!("{HEAD}{PAPER_1}"));
    assert!(
        message.contains("after paper 1 of the 2 its contents announce"),
        "{message}"
    );
}

#[test]
fn ends_before_the_radio_lists_the_contents_announce() {
    let message = cut_message(&format!("{HEAD}{PAPER_1}{PAPER_2}"));
    assert!(message.contains("before the radio lists"), "{message}");
    let message = cut_message(&format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}"));
    assert!(
        message.contains("radio list 1 of the 2 its contents announce"),
        "{message}"
    );
    // A contents entry that names no category announces one list.
    let head = HEAD.replace("NLP、CV ", "");
    assert_not_cut(&format!("{head}{PAPER_1}{PAPER_2}{NLP}"));
}

#[test]
fn ends_inside_a_radio_list_shorter_than_its_heading() {
    let page =
        format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}本周 2 篇 CV 精选论文是：\n1. Three. (from Z)\n");
    let d = parse(&page).unwrap();
    let message = &truncation(&d).unwrap().message;
    assert!(
        message.contains("radio list 2 after 1 of 2 entries"),
        "{message}"
    );
    assert_eq!(truncation(&d).unwrap().line, Some(21));
    // The short list is also reported as short.
    assert_eq!(with_code(&d.warnings, WarningCode::RadioListShort).len(), 1);
}

#[test]
fn a_short_list_in_the_middle_is_short_not_cut() {
    let nlp = "本周 3 篇 NLP 精选论文是：\n1. One. (from X)\n2. Two. (from Y)\n";
    let d = parse(&format!("{HEAD}{PAPER_1}{PAPER_2}{nlp}{CV}")).unwrap();
    assert_eq!(truncation(&d), None);
    assert_eq!(with_code(&d.warnings, WarningCode::RadioListShort).len(), 1);
}

#[test]
fn ends_inside_the_last_radio_entry() {
    let full = format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}{CV}");
    for cut in ["2. Four. (from W", "2. Four.", "2. Fo"] {
        let page = full.replace("2. Four. (from W)\n", cut);
        let message = cut_message(&page);
        assert!(
            message.contains("inside entry 2 of radio list 2"),
            "{cut}: {message}"
        );
    }
    // Lists whose entries never name anyone end without "(from …)".
    let bare = "7 Papers & Radios | 标题\n本周 2 篇 NLP 精选论文是：\n1. One\n2. Two\n";
    assert_not_cut(bare);
}

#[test]
fn a_list_without_heading_is_held_to_its_siblings_counts() {
    let full = format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}1. Three. (from Z)\n2. Four. (from W)\n");
    assert_not_cut(&full);
    let cut = format!("{HEAD}{PAPER_1}{PAPER_2}{NLP}1. Three. (from Z)\n");
    let message = cut_message(&cut);
    assert!(
        message.contains("radio list 2 after 1 of 2 entries"),
        "{message}"
    );
}

#[test]
fn invalid_utf8_tail_is_reported_with_its_line() {
    let mut bytes = whole().into_bytes();
    let line = whole().lines().count() + 1;
    bytes.extend_from_slice(b"\xFF\xFE trailing noise\n");
    let d = parse_bytes(&bytes).unwrap();
    let invalid = with_code(&d.warnings, WarningCode::InvalidBytes);
    assert_eq!(invalid.len(), 1, "{:#?}", d.warnings);
    assert_eq!(invalid[0].line, Some(line));
    assert!(
        invalid[0].message.starts_with("2 invalid byte"),
        "{}",
        invalid[0].message
    );
    // Invalid bytes are not a cut.
    assert_eq!(truncation(&d), None);
}

#[test]
fn invalid_bytes_inside_a_paper_are_reported_with_their_line() {
    let page = whole().replacen("一段摘要。", "一段\u{1}摘要。", 1);
    let bytes: Vec<u8> = page
        .bytes()
        .map(|b| if b == 1 { 0xC0 } else { b })
        .collect();
    let d = parse_bytes(&bytes).unwrap();
    assert_eq!(
        d.papers[0].abstract_text.as_deref(),
        Some("一段\u{FFFD}摘要。")
    );
    let invalid = with_code(&d.warnings, WarningCode::InvalidBytes);
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0].line, Some(10));
    assert!(invalid[0].message.contains("一段\u{FFFD}摘要。"));
    // The same text given as a string was not decoded here: no warning.
    let d = parse(&String::from_utf8_lossy(&bytes)).unwrap();
    assert_eq!(with_code(&d.warnings, WarningCode::InvalidBytes).len(), 0);
}

#[test]
fn invalid_bytes_outside_the_text_are_still_reported() {
    let page = "<html><head><title>t</title></head><body><p data-x=\"\u{1}\">7 Papers &amp; Radios | 标题</p><p>论文 1：A Title</p><p>摘要：一段摘要。</p></body></html>";
    let bytes: Vec<u8> = page
        .bytes()
        .map(|b| if b == 1 { 0xFF } else { b })
        .collect();
    let d = parse_bytes(&bytes).unwrap();
    let invalid = with_code(&d.warnings, WarningCode::InvalidBytes);
    assert_eq!(invalid.len(), 1, "{:#?}", d.warnings);
    assert_eq!(invalid[0].line, None);
    assert!(invalid[0].message.contains("outside this digest's text"));
}

/// The issue's case: a GBK page cut after the lead byte of a character.
/// It decodes as GBK (from the detector's sample, without a second pass over
/// the whole page) and says it was cut.
#[test]
fn gbk_page_ending_in_a_lone_lead_byte_is_truncated() {
    let text = String::from_utf8(seed()).unwrap();
    let mut end = text.len() * 7 / 10;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text[..end]);
    let mut bytes = gbk.into_owned();
    bytes.push(0xB1); // the lead byte of 本, its trail byte cut off
    let parsed = Parser::new().parse_bytes_detailed(&bytes).unwrap();
    assert_eq!(parsed.encoding, "GBK");
    let d = parsed.digest;
    let cut = truncation(&d).unwrap_or_else(|| panic!("{:#?}", d.warnings));
    assert!(cut.message.contains("cut in half"));
    let invalid = with_code(&d.warnings, WarningCode::InvalidBytes);
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0].line, cut.line);
}

#[test]
fn codes_serialize_snake_case() {
    assert_eq!(WarningCode::PageTruncated.as_str(), "page_truncated");
    assert_eq!(WarningCode::InvalidBytes.as_str(), "invalid_bytes");
    assert_eq!(
        serde_json::to_string(&WarningCode::PageTruncated).unwrap(),
        "\"page_truncated\""
    );
    assert_eq!(
        serde_json::to_string(&WarningCode::InvalidBytes).unwrap(),
        "\"invalid_bytes\""
    );
}

// ---------------------------------------------------------------------------
// The property: cut a complete digest anywhere.

fn sentence() -> impl Strategy<Value = String> {
    vec(
        select(
            &[
                "模型", "训练", "研究", "方法", "图像", "语言", "推理", "数据",
            ][..],
        ),
        1..6,
    )
    .prop_map(|w| format!("{}。", w.concat()))
}

fn title() -> impl Strategy<Value = String> {
    vec(
        select(
            &[
                "Scaling", "Language", "Models", "Vision", "Graph", "Neural", "with",
            ][..],
        ),
        1..5,
    )
    .prop_map(|w| w.join(" "))
}

fn names() -> impl Strategy<Value = Vec<String>> {
    vec(
        select(&["Jordan Hoffmann", "Max Welling", "张三", "Li Fei-Fei"][..]),
        1..3,
    )
    .prop_map(|n| n.into_iter().map(str::to_owned).collect())
}

/// A paper with every part a real one has.
fn paper() -> impl Strategy<Value = Paper> {
    (
        title(),
        names(),
        any::<bool>(),
        vec(sentence(), 1..3),
        proptest::option::of(1u32..9),
        sentence(),
    )
        .prop_map(
            |(title, authors, et_al, abstract_text, figure, recommendation)| Paper {
                number: 0,
                title,
                authors,
                et_al,
                links: vec![Link {
                    label: "论文链接".to_owned(),
                    url: Some("https://arxiv.org/abs/2203.15556".to_owned()),
                    arxiv_id: Some("2203.15556".to_owned()),
                    kind: LinkKind::Abstract,
                    ..Link::default()
                }],
                abstract_text: Some(abstract_text.join("\n")),
                figures: figure
                    .map(|n| paper_digest::Figure {
                        image: None,
                        caption: Some(format!("图 {n} 网络结构")),
                    })
                    .into_iter()
                    .collect(),
                recommendation: Some(recommendation),
                heading_title: None,
            },
        )
}

/// A complete digest: papers with every part, one to three radio lists of
/// one length (as the column's are) whose headings give their counts (the
/// last may have lost its heading, as in the seed), contents that announce
/// them all.
fn digest() -> impl Strategy<Value = Digest> {
    (1usize..4, 1usize..4)
        .prop_flat_map(|(lists, entries)| {
            (
                vec(paper(), 1..4),
                vec(vec((title(), names()), entries), lists),
                any::<bool>(),
            )
        })
        .prop_map(|(mut papers, lists, headless)| {
            for (i, p) in papers.iter_mut().enumerate() {
                p.number = i as u32 + 1;
            }
            let n = lists.len();
            let categories = [Category::Nlp, Category::Cv, Category::Ml];
            let radio: Vec<RadioList> = lists
                .into_iter()
                .zip(categories)
                .enumerate()
                .map(|(i, (entries, category))| {
                    let headed = !(headless && n > 1 && i == n - 1);
                    RadioList {
                        heading: headed
                            .then(|| format!("本周 {} 篇 {category} 精选论文是", entries.len())),
                        category: headed.then_some(category),
                        entries: entries
                            .into_iter()
                            .enumerate()
                            .map(|(j, (title, from))| RadioEntry {
                                number: j as u32 + 1,
                                title,
                                from,
                            })
                            .collect(),
                    }
                })
                .collect();
            let named: Vec<&str> = categories[..n].iter().map(|c| c.as_str()).collect();
            let mut contents: Vec<String> = papers.iter().map(|p| p.title.clone()).collect();
            contents.push(format!(
                "ArXiv Weekly Radiostation：{} 更多精选论文（附音频）",
                named.join("、")
            ));
            Digest {
                issue: Issue {
                    title: Some("7 Papers & Radios | 大模型;新方法".to_owned()),
                    series: Some("7 Papers & Radios".to_owned()),
                    headlines: vec!["大模型".to_owned(), "新方法".to_owned()],
                    date: "2022-04-10".parse().ok(),
                    source: Some("机器之心".to_owned()),
                    contributors: vec!["杜伟".to_owned()],
                    summary: Some("本周论文包括大模型的研究。".to_owned()),
                    contents,
                },
                papers,
                radio,
                ..Digest::default()
            }
        })
}

fn furniture() -> impl Strategy<Value = Vec<&'static str>> {
    vec(
        select(
            &[
                "© THE END",
                "转载请联系本公众号获得授权",
                "关注公众号:拾黑(shiheibook)了解更多",
                "四季很好,只要有你,文娱排行榜:https://www.yaopaiming.com/",
                "- 1 准确把握守正创新的辩证关系 7993401",
                "随时掌握互联网精彩",
            ][..],
        ),
        0..4,
    )
}

/// Cuts `page` at every byte and holds each result to the property.
fn every_cut(page: &str, format: Format) -> Result<(), TestCaseError> {
    let parser = Parser::new().format(format);
    let whole = parser.parse(page).unwrap();
    prop_assert_eq!(truncation(&whole), None, "the whole page:\n{}", page);
    let content = (&whole.issue, &whole.papers, &whole.radio);
    // Before the line of the first paper heading is whole (Markdown closes
    // its `**` at the end), a cut page may not be a digest.
    let heading = page.find("论文 1").unwrap();
    let first_paper = page[heading..]
        .find('\n')
        .map_or(page.len(), |i| heading + i);
    let bytes = page.as_bytes();
    for at in 0..bytes.len() {
        match parser.parse_bytes(&bytes[..at]) {
            Err(_) => prop_assert!(at < first_paper, "Err at {}:\n{}", at, &page[..at]),
            Ok(d) => prop_assert!(
                truncation(&d).is_some() || (&d.issue, &d.papers, &d.radio) == content,
                "cut at byte {} of {:?} neither warned nor kept the digest whole:\n{}",
                at,
                format,
                String::from_utf8_lossy(&bytes[..at])
            ),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn a_cut_digest_says_so_text(d in digest(), furniture in furniture()) {
        let mut page = render::text(&d);
        for line in furniture {
            page.push_str(line);
            page.push('\n');
        }
        every_cut(&page, Format::Text)?;
    }

    #[test]
    fn a_cut_digest_says_so_markdown(d in digest(), furniture in furniture()) {
        let mut page = render::markdown(&d);
        for line in furniture {
            page.push('\n');
            page.push_str(line);
            page.push('\n');
        }
        every_cut(&page, Format::Markdown)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn a_cut_digest_says_so_html(d in digest()) {
        every_cut(&render::html(&d), Format::Html)?;
    }
}
