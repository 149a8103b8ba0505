//! Rules that a mutation pass (`.ci/mutants`, README "Mutation testing")
//! showed no other test pinned: each test here fails when its rule changes.

use crate::common;

use common::SEED;
use paper_digest::parse;

const MD_SEED: &str = include_str!("../fixtures/markdown/seed.md");

/// An image's alt text is never read as a line of the digest, even when it
/// looks like a paper heading (a cover image above the title, named after
/// the first paper).
#[test]
fn an_image_alt_text_that_looks_like_a_heading_is_not_a_paper() {
    let plain = parse(MD_SEED).expect("parses");
    let md = format!(
        "![论文 1：Training Compute-Optimal Large Language Models](https://example.com/cover.png)\n\n{MD_SEED}"
    );
    let digest = parse(&md).expect("parses");
    assert_eq!(digest.issue.title, plain.issue.title);
    assert_eq!(digest.papers.len(), 7);
    assert_eq!(digest.papers, plain.papers);
}

/// A page without a recognisable digest title takes its first line as the
/// title, and that line is not read again as the intro.
#[test]
fn an_untitled_page_takes_its_first_line_as_title_once() {
    let first = SEED.lines().next().expect("the seed has lines");
    let page = SEED.replacen(first, "机器之心每周论文精选", 1);
    let digest = parse(&page).expect("parses");
    assert_eq!(digest.issue.title.as_deref(), Some("机器之心每周论文精选"));
    let summary = digest.issue.summary.as_deref().unwrap_or_default();
    assert!(!summary.contains("机器之心每周论文精选"), "{summary}");
    assert!(summary.starts_with("本周论文包括"), "{summary}");
}

/// A page whose body lost the title takes it from the page's metadata
/// (`<title>`), not from its first line.
#[test]
fn a_body_without_its_title_takes_the_metadata_title() {
    let mut lines = SEED.lines();
    lines.next();
    let title = "机器之心每周论文精选";
    let body: String = lines.map(|l| format!("<p>{l}</p>\n")).collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    );
    let digest = parse(&page).expect("parses");
    assert_eq!(digest.issue.title.as_deref(), Some(title.trim()));
    assert_eq!(digest.papers.len(), 7);
}

/// Warnings of one code are capped at the first 100, then one more with the
/// count of the rest; exactly 100 need no such line.
#[test]
fn warnings_are_capped_at_one_hundred_per_code() {
    use paper_digest::WarningCode;
    for (papers, listed, rest) in [
        (99, 99, None),
        (100, 100, None),
        (101, 100, Some(1)),
        (150, 100, Some(50)),
    ] {
        let input: String = std::iter::once("7 Papers & Radios | x\n".to_owned())
            .chain((1..=papers).map(|i| format!("论文 {i}：x\n")))
            .collect();
        let digest = parse(&input).expect("bare papers are a digest");
        let of_code: Vec<_> = digest
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::PaperWithoutLink)
            .collect();
        let with_line = of_code.iter().filter(|w| w.line.is_some()).count();
        assert_eq!(with_line, listed, "{papers} papers");
        let summary: Vec<_> = of_code.iter().filter(|w| w.line.is_none()).collect();
        match rest {
            None => assert!(summary.is_empty(), "{papers} papers: {summary:?}"),
            Some(rest) => {
                assert_eq!(summary.len(), 1, "{papers} papers");
                assert!(
                    summary[0].message.starts_with(&format!("{rest} more ")),
                    "{}",
                    summary[0].message
                );
            }
        }
    }
}

/// Under a `目录` heading, numbered lines are the issue's contents, not
/// radio entries, even when written like them (`1. Title (from DeepMind)`).
#[test]
fn numbered_lines_under_contents_are_contents() {
    let plain = parse(SEED).expect("the seed parses");
    let lines: Vec<&str> = SEED.lines().collect();
    let mut page = vec![lines[0], lines[1], "目录"];
    let numbered: Vec<String> = lines[2..9]
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}. {t} (from 机器之心)", i + 1))
        .collect();
    page.extend(numbered.iter().map(String::as_str));
    page.extend(&lines[9..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.radio, plain.radio);
    assert_eq!(digest.papers, plain.papers);
    assert_eq!(
        digest.issue.contents.len(),
        plain.issue.contents.len(),
        "{:?}",
        digest.issue.contents
    );
    assert!(digest.issue.contents[0].contains("Training Compute-Optimal"));
}

/// The first non-empty `来源：` line names the source; an empty one or a
/// later one (an aggregator's own) does not replace it.
#[test]
fn the_first_source_label_wins() {
    let lines: Vec<&str> = SEED.lines().collect();
    let mut page = vec![lines[0], "来源：", "来源：机器之心", "来源：某聚合站"];
    page.extend(&lines[1..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.issue.source.as_deref(), Some("机器之心"));
}

/// The first `本周…论文…` paragraph is the summary; a second one (and one
/// under `目录`) does not replace it.
#[test]
fn the_first_summary_wins() {
    let lines: Vec<&str> = SEED.lines().collect();
    let second = "本周论文还有一篇关于视觉的研究。";
    let mut page = vec![lines[0], lines[1], second];
    page.extend(&lines[2..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.issue.summary.as_deref(), Some(lines[1]));

    let mut page = vec![lines[0], "目录", second];
    page.extend(&lines[2..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.issue.summary, None);
    assert_eq!(
        digest.issue.contents.first().map(String::as_str),
        Some(second)
    );
}

/// An intro that does not start with `本周` is still the summary when it reads
/// as prose (a full stop, or 80 characters or more) or when the page quotes
/// it; a short line without a full stop is not.
#[test]
fn an_intro_is_prose_or_a_quote() {
    let lines: Vec<&str> = SEED.lines().collect();
    let with_intro = |intro: &str| {
        let mut page = vec![lines[0], intro];
        page.extend(&lines[2..]);
        parse(&page.join("\n")).expect("parses")
    };
    let sentence = "谷歌训练了五千亿参数的大模型。";
    assert_eq!(
        with_intro(sentence).issue.summary.as_deref(),
        Some(sentence)
    );
    let long: String = "长".repeat(80);
    assert_eq!(
        with_intro(&long).issue.summary.as_deref(),
        Some(long.as_str())
    );
    let short: String = "长".repeat(79);
    assert_ne!(
        with_intro(&short).issue.summary.as_deref(),
        Some(short.as_str())
    );

    let quoted = "谷歌新作与费米实验室新发现";
    let md = format!(
        "# {}\n\n> {quoted}\n\n{}",
        lines[0],
        lines[2..].join("\n\n")
    );
    let digest = parse(&md).expect("parses");
    assert_eq!(digest.issue.summary.as_deref(), Some(quoted));
    let plain = format!("# {}\n\n{quoted}\n\n{}", lines[0], lines[2..].join("\n\n"));
    let digest = parse(&plain).expect("parses");
    assert_ne!(digest.issue.summary.as_deref(), Some(quoted));
}

/// Between a paper's links and its abstract, a short `label：value` line is
/// metadata the crate has no field for (a warning), and anything else starts
/// an abstract that lost its `摘要：` marker.
#[test]
fn a_short_label_before_the_abstract_is_unplaced_metadata() {
    let link = SEED
        .lines()
        .find(|l| l.contains("arxiv.org/pdf/2203.15556"))
        .expect("paper 1's link");
    for (extra, label) in [
        ("机构：清华大学", true),
        ("Lab: DeepMind", true),
        ("八个字的机构名称：DeepMind", true),
        ("九个字的机构的名称：DeepMind", false),
        ("：以冒号开头的一行", false),
        ("机构，实验室：DeepMind", false),
        ("没有冒号的一行", false),
    ] {
        let page = SEED.replacen(link, &format!("{link}\n{extra}"), 1);
        let digest = parse(&page).expect("parses");
        let unplaced = digest.warnings.iter().any(|w| {
            w.code == paper_digest::WarningCode::UnplacedLine && w.message.contains(extra)
        });
        assert_eq!(unplaced, label, "{extra}: {:?}", digest.warnings);
        let abstract_ = digest.papers[0]
            .abstract_text
            .as_deref()
            .unwrap_or_default();
        assert_eq!(abstract_.contains(extra), !label, "{extra}: {abstract_}");
    }
}

/// A short line between the title and the summary fits no field: a warning
/// names it, and it is not taken for a contents entry.
#[test]
fn a_stray_header_line_before_the_summary_is_unplaced() {
    let lines: Vec<&str> = SEED.lines().collect();
    let stray = "一行短字";
    let mut page = vec![lines[0], stray];
    page.extend(&lines[1..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert!(
        digest.warnings.iter().any(|w| w.code == paper_digest::WarningCode::UnplacedLine
            && w.message.contains(stray)),
        "{:?}",
        digest.warnings
    );
    assert!(!digest.issue.contents.iter().any(|c| c == stray));
}

/// Without an intro, the short lines under the title are held back and
/// become the contents when the first paper starts.
#[test]
fn header_lines_without_an_intro_are_the_contents() {
    let plain = parse(SEED).expect("the seed parses");
    let lines: Vec<&str> = SEED.lines().collect();
    // Every contents entry but the one title of 80 characters or more
    // (which would read as an intro).
    let mut page = vec![lines[0]];
    page.extend(
        lines[2..]
            .iter()
            .filter(|l| !l.starts_with("Continuous flattening")),
    );
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.issue.summary, None);
    let mut contents = plain.issue.contents.clone();
    contents.retain(|c| !c.starts_with("Continuous flattening"));
    assert_eq!(digest.issue.contents, contents);
    assert_eq!(digest.papers, plain.papers);
}

/// Contents written as `论文 N：title` lines, then the papers numbered from 1
/// again: the first run is the contents, not seven empty papers.
#[test]
fn contents_written_as_paper_headings_are_the_contents() {
    let plain = parse(SEED).expect("the seed parses");
    let lines: Vec<&str> = SEED.lines().collect();
    let headings: Vec<String> = lines[2..9]
        .iter()
        .enumerate()
        .map(|(i, t)| format!("论文 {}：{t}", i + 1))
        .collect();
    let mut page = vec![lines[0], lines[1]];
    page.extend(headings.iter().map(String::as_str));
    page.extend(&lines[9..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.papers, plain.papers);
    let titles: Vec<&str> = lines[2..9].to_vec();
    assert_eq!(&digest.issue.contents[..7], &titles[..]);
}

/// The line of paper 1 that starts with `prefix`.
fn paper_one_line(prefix: &str) -> &'static str {
    let start = SEED.find("论文 1").expect("paper 1");
    SEED[start..]
        .lines()
        .find(|l| l.starts_with(prefix))
        .expect("the line")
}

/// A password belongs to the link above it: the first readable one is kept,
/// and one without a value, or a second one, is a warning.
#[test]
fn a_link_takes_one_readable_password() {
    let link = paper_one_line("论文链接");
    let unplaced = |digest: &paper_digest::Digest, what: &str| {
        digest
            .warnings
            .iter()
            .any(|w| w.code == paper_digest::WarningCode::UnplacedLine && w.message.contains(what))
    };
    let page = SEED.replacen(link, &format!("{link}\n提取码：ab12\n提取码：cd34"), 1);
    let digest = parse(&page).expect("parses");
    assert_eq!(digest.papers[0].links[0].password.as_deref(), Some("ab12"));
    assert!(unplaced(&digest, "cd34"), "{:?}", digest.warnings);
    assert!(!unplaced(&digest, "ab12"), "{:?}", digest.warnings);

    let page = SEED.replacen(link, &format!("{link}\n提取码：（见原文）"), 1);
    let digest = parse(&page).expect("parses");
    assert_eq!(digest.papers[0].links[0].password, None);
    assert!(unplaced(&digest, "见原文"), "{:?}", digest.warnings);
}

/// A second `推荐：` line continues the recommendation; an empty one adds
/// nothing to it.
#[test]
fn a_recommendation_continues_but_an_empty_label_adds_nothing() {
    let rec = paper_one_line("推荐");
    let first = rec.split_once([':', '：']).expect("a label").1.trim();
    let page = SEED.replacen(rec, &format!("{rec}\n推荐：\n推荐：第二句。"), 1);
    let digest = parse(&page).expect("parses");
    assert_eq!(
        digest.papers[0].recommendation.as_deref(),
        Some(format!("{first}\n第二句。").as_str())
    );
}

/// A caption right after an image is the image's; one after other text is
/// a figure of its own.
#[test]
fn a_caption_belongs_to_the_image_right_above_it() {
    let image = "![](https://example.com/fig.png)";
    let caption = "*图 9 模型结构*";
    let abstract_ = "**摘要：**本文提出一种方法。";
    let base = "# 7 Papers & Radios | 测试\n\n**论文 1：A Paper**\n\n作者：A 等\n\n论文链接：https://arxiv.org/abs/2203.15556\n\n";
    let after = parse(&format!(
        "{base}{abstract_}\n\n{image}\n\n{caption}\n\n推荐：好。\n"
    ))
    .expect("parses");
    let figures = &after.papers[0].figures;
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert_eq!(figures[0].caption.as_deref(), Some("图 9 模型结构"));

    let apart = parse(&format!(
        "{base}{abstract_}\n\n{image}\n\n中间一段话。\n\n{caption}\n\n推荐：好。\n"
    ))
    .expect("parses");
    let figures = &apart.papers[0].figures;
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[0].caption, None);
    assert_eq!(figures[1].image, None);
    assert_eq!(figures[1].caption.as_deref(), Some("图 9 模型结构"));

    let twice = parse(&format!(
        "{base}{abstract_}\n\n{image}\n\n{caption}\n\n*图 10 另一张*\n\n推荐：好。\n"
    ))
    .expect("parses");
    let figures = &twice.papers[0].figures;
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[1].caption.as_deref(), Some("图 10 另一张"));
}

/// Why a page is not a digest: a `目录` heading with entries is named, an
/// empty one is not, and short lines without the heading are just text.
#[test]
fn not_a_digest_names_a_table_of_contents_only_with_entries() {
    // Each title mentions 论文, so that the pre-check lets the page through
    // to the assembler, whose message this is.
    let message = |page: &str| match parse(page) {
        Err(paper_digest::Error::NotADigest(why)) => why.to_string(),
        other => panic!("{page:?}: {other:?}"),
    };
    let empty = message("7 Papers & Radios | 论文标题\n目录\n");
    assert!(!empty.contains("table of contents"), "{empty}");
    let short_lines = message("一个论文标题\n甲\n乙\n丙\n");
    assert!(short_lines.contains("nothing of a digest"), "{short_lines}");
    let listed = message("7 Papers & Radios | 论文标题\n目录\n甲\n乙\n");
    assert!(
        listed.contains("table of contents (目录) of 2 entries"),
        "{listed}"
    );
    let one = message("7 Papers & Radios | 论文标题\n目录\n甲\n");
    assert!(one.contains("of 1 entry"), "{one}");
    assert!(!one.contains("radio heading"), "{one}");
}

/// A byline under the title (`机器之心报道`, `机器之心 & ArXiv Weekly
/// Radiostation`) names the source; a longer line, a sentence or another
/// `A & B` line is not a byline.
#[test]
fn a_byline_is_short_and_names_the_column() {
    let lines: Vec<&str> = SEED.lines().collect();
    let long = format!("机器之心{}", "长".repeat(37));
    for (extra, source) in [
        ("机器之心报道", Some("机器之心")),
        ("机器之心 & ArXiv Weekly Radiostation", Some("机器之心")),
        ("Synced & ArXiv Weekly Radiostation", Some("Synced")),
        ("Tom & Jerry", None),
        (long.as_str(), None),
        ("机器之心发布。", None),
    ] {
        let mut page = vec![lines[0], extra];
        page.extend(&lines[1..]);
        let digest = parse(&page.join("\n")).expect("parses");
        assert_eq!(digest.issue.source.as_deref(), source, "{extra}");
    }
    let exactly_forty = format!("机器之心{}", "长".repeat(36));
    let mut page = vec![lines[0], exactly_forty.as_str()];
    page.extend(&lines[1..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(digest.issue.source.as_deref(), Some("机器之心"));
}

/// A contents entry loses its bullet and numbering, but a line that is only
/// a number keeps it rather than becoming an empty entry.
#[test]
fn contents_entries_lose_their_numbering_but_never_become_empty() {
    let lines: Vec<&str> = SEED.lines().collect();
    let mut page = vec![lines[0], "目录", "1.", "- 2. PaLM", "• 第三篇"];
    page.extend(&lines[2..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(&digest.issue.contents[..3], ["1.", "PaLM", "第三篇"]);
}

/// The first date under the title is the issue's; a later one (a repost's
/// own date) does not replace it.
#[test]
fn the_first_date_wins() {
    let lines: Vec<&str> = SEED.lines().collect();
    let mut page = vec![lines[0], "2022-04-10", "2022-04-12"];
    page.extend(&lines[1..]);
    let digest = parse(&page.join("\n")).expect("parses");
    assert_eq!(
        digest.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-10")
    );
}

/// On a page with no digest title, only a paragraph or a heading may stand
/// in for it: a first line that is a list item (or a quote, an image, a
/// caption) is content, not the issue's title.
#[test]
fn only_a_paragraph_or_heading_stands_in_for_a_missing_title() {
    let body = MD_SEED.split_once('\n').expect("the seed has lines").1;
    for (first, title) in [
        ("机器之心每周论文精选", Some("机器之心每周论文精选")),
        ("## 机器之心每周论文精选", Some("机器之心每周论文精选")),
        ("- 机器之心每周论文精选", None),
    ] {
        let digest = parse(&format!("{first}\n{body}")).expect("parses");
        assert_eq!(digest.issue.title.as_deref(), title, "{first}");
        assert_eq!(digest.papers.len(), 7, "{first}");
    }
}

/// Radio entries (`1. Title. (from Name)`) right after a paper, with their
/// list's heading lost, start a radio list of their own (with a warning);
/// they are not read as more of the paper.
#[test]
fn radio_entries_after_a_paper_start_a_list_without_heading() {
    use paper_digest::WarningCode;
    let whole = parse(SEED).expect("parses");
    let page = SEED.replacen("本周 10 篇 NLP 精选论文是:\n", "", 1);
    assert_ne!(page, SEED, "the seed has the NLP heading");
    let digest = parse(&page).expect("parses");
    assert_eq!(digest.papers, whole.papers);
    assert_eq!(digest.radio.len(), whole.radio.len());
    assert_eq!(digest.radio[0].entries, whole.radio[0].entries);
    assert_eq!(digest.radio[0].category, None);
    let first = &digest.radio[0].entries[0];
    assert_eq!(
        digest
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::RadioListWithoutHeading)
            .count(),
        whole
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::RadioListWithoutHeading)
            .count()
            + 1,
        "{first:?}"
    );
}

/// Issue 27: another outlet's briefing in the column's per-paper shape, whose
/// page repeats the paper headings (titles only) as a table of contents before
/// the article, with the article's intro after them. Each paper appears once:
/// the repeated headings are the contents, the intro is the summary, and the
/// digest says it is not confirmed to be the column.
#[test]
fn paper_headings_repeated_as_contents_are_the_contents() {
    use paper_digest::WarningCode;
    let mut page = String::from("AI 论文速递\n");
    let titles = [
        "Scaling Laws Revisited",
        "Sparse Attention Heads",
        "Diffusion Distilled",
    ];
    for (i, t) in titles.iter().enumerate() {
        page.push_str(&format!("论文 {}：{t}\n", i + 1));
    }
    page.push_str("本期我们精选了三篇值得关注的论文，涵盖规模定律、注意力与扩散模型。\n");
    for (i, t) in titles.iter().enumerate() {
        page.push_str(&format!(
            "论文 {}：{t}\n作者：Alice Zhang、Bob Li\narXiv ID：2401.0000{}\n摘要：第 {} 篇论文的摘要。\n",
            i + 1,
            i + 1,
            i + 1
        ));
    }
    let digest = parse(&page).expect("a digest in the column's grammar");
    let numbers: Vec<u32> = digest.papers.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3], "{:#?}", digest.papers);
    assert!(digest.papers.iter().all(|p| !p.authors.is_empty()));
    assert_eq!(digest.issue.contents, titles);
    assert_eq!(
        digest.issue.summary.as_deref(),
        Some("本期我们精选了三篇值得关注的论文，涵盖规模定律、注意力与扩散模型。")
    );
    assert_eq!(digest.issue.series, None);
    assert!(
        digest
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::SeriesUnconfirmed)
    );
}

/// The column's byline confirms the column where the title line was lost:
/// `missing_title`, but no `series_unconfirmed`.
#[test]
fn the_column_byline_confirms_the_series() {
    use paper_digest::WarningCode;
    let page = "2022 年 4 月 10 日 机器之心\n论文 1：A Title\n作者：A、B\n论文链接：https://arxiv.org/abs/2201.00001\n摘要：一段摘要。\n推荐：好文。\n";
    let digest = parse(page).expect("a digest");
    let codes: Vec<WarningCode> = digest.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&WarningCode::MissingTitle), "{codes:?}");
    assert!(
        !codes.contains(&WarningCode::SeriesUnconfirmed),
        "{codes:?}"
    );
}

/// Issue 25: an image between the last paper's recommendation and the
/// trailer (a QR code or banner before `© THE END`) is furniture kept in
/// `stripped.boilerplate`, not that paper's figure; a figure before the
/// recommendation stays the paper's.
#[test]
fn an_image_after_the_last_recommendation_is_furniture() {
    let page = "<html><body><div id=\"content\">\
        <p>7 Papers &amp; Radios | 标题</p>\
        <p>论文 1：A Title</p><p>作者：A、B</p>\
        <p>论文链接：https://arxiv.org/abs/2201.00001</p>\
        <p>摘要：一段摘要。</p><p><img src=\"https://img.example/fig1.png\"></p>\
        <p>推荐：好文。</p><p><img src=\"https://img.example/qrcode.png\"></p>\
        <p>© THE END</p></div></body></html>";
    let digest = paper_digest::Parser::new()
        .format(paper_digest::Format::Html)
        .parse(page)
        .expect("a digest");
    let images: Vec<Option<&str>> = digest.papers[0]
        .figures
        .iter()
        .map(|f| f.image.as_deref())
        .collect();
    assert_eq!(images, [Some("https://img.example/fig1.png")]);
    assert!(
        digest
            .stripped
            .boilerplate
            .iter()
            .any(|b| b.contains("https://img.example/qrcode.png")),
        "{:?}",
        digest.stripped.boilerplate
    );
}
