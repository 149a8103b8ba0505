//! Issue 9, "keep every promise at the edges": each case found there, and
//! the rest of its family, as a named test. Every one of them failed before
//! the fix.

use paper_digest::{Digest, Error, Link, Paper, WarningCode, parse};

fn codes(d: &Digest) -> Vec<WarningCode> {
    d.warnings.iter().map(|w| w.code).collect()
}

fn not_a_digest(page: &str) -> String {
    match parse(page) {
        Err(Error::NotADigest(why)) => why.to_string(),
        other => panic!("{page:?} should not be a digest: {other:?}"),
    }
}

const HEAD: &str = "7 Papers & Radios | 标题\n论文 1：某论文\n";

// ---------------------------------------------------------------------------
// Links keep what was written
// ---------------------------------------------------------------------------

#[test]
fn issue_9_link_text_without_a_scheme_is_kept_and_read() {
    let d = parse(&format!("{HEAD}论文链接：arXiv:2204.02311\n")).unwrap();
    let link = &d.papers[0].links[0];
    assert_eq!(link.url, None);
    assert_eq!(link.text.as_deref(), Some("arXiv:2204.02311"));
    assert_eq!(link.arxiv_id.as_deref(), Some("2204.02311"));
    assert!(!codes(&d).contains(&WarningCode::LinkWithoutUrl));
}

#[test]
fn issue_9_arxiv_without_scheme_versions_and_old_style_ids() {
    for (written, id, version) in [
        ("arxiv.org/abs/2204.02311", "2204.02311", None),
        ("arxiv.org/abs/2204.02311v2", "2204.02311", Some(2)),
        ("arXiv: 2204.02311v3", "2204.02311", Some(3)),
        ("arXiv:hep-th/9901001", "hep-th/9901001", None),
        ("arXiv:cs/0112017v1", "cs/0112017", Some(1)),
        (
            "export.arxiv.org/abs/math.GT/0309136",
            "math.GT/0309136",
            None,
        ),
    ] {
        let d = parse(&format!("{HEAD}论文链接：{written}\n")).unwrap();
        let link = &d.papers[0].links[0];
        assert_eq!(link.text.as_deref(), Some(written));
        assert_eq!(link.arxiv_id.as_deref(), Some(id), "{written}");
        assert_eq!(link.arxiv_version, version, "{written}");
    }
    let d = parse(&format!(
        "{HEAD}论文链接：https://arxiv.org/abs/2204.02311v2\n"
    ))
    .unwrap();
    let link = &d.papers[0].links[0];
    assert_eq!(
        (
            link.arxiv_id.as_deref(),
            link.arxiv_version,
            link.text.as_deref()
        ),
        (Some("2204.02311"), Some(2), None)
    );
}

#[test]
fn issue_9_arxiv_host_is_matched_exactly() {
    for url in [
        "https://notarxiv.org/abs/2204.02311",
        "https://arxiv.org.example.com/abs/2204.02311",
        "https://example.com/arxiv.org/abs/2204.02311",
    ] {
        let d = parse(&format!("{HEAD}论文链接：{url}\n")).unwrap();
        let link = &d.papers[0].links[0];
        assert_eq!(link.url.as_deref(), Some(url));
        assert_eq!(link.arxiv_id, None, "{url}");
    }
}

#[test]
fn issue_9_label_with_nothing_after_it_is_warned_about() {
    let d = parse(&format!("{HEAD}论文链接：\n摘要：一段。\n")).unwrap();
    assert_eq!(d.papers[0].links[0].url, None);
    let w = d
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::LinkWithoutUrl)
        .expect("link_without_url");
    assert_eq!(w.line, Some(3));
    assert!(w.message.contains("论文链接"), "{}", w.message);
    // A URL on the next line completes the link: no warning.
    let d = parse(&format!(
        "{HEAD}论文链接：\nhttps://arxiv.org/abs/2204.02311\n"
    ))
    .unwrap();
    assert_eq!(d.papers[0].links[0].arxiv_id.as_deref(), Some("2204.02311"));
    assert!(!codes(&d).contains(&WarningCode::LinkWithoutUrl));
}

// ---------------------------------------------------------------------------
// A digest has content
// ---------------------------------------------------------------------------

#[test]
fn issue_9_a_mention_of_the_column_in_running_text_is_not_a_digest() {
    let msg = not_a_digest("我们每周都会阅读 7 Papers & Radios 栏目，今天聊聊别的。");
    assert!(msg.contains("title or mention"), "{msg}");
}

#[test]
fn issue_14_title_only_page_is_not_a_digest() {
    let msg = not_a_digest("7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型\n");
    assert!(msg.contains("7 Papers & Radios"), "{msg}");
    // A title and a contents list, still no paper or entry.
    let msg = not_a_digest("7 Papers & Radios | 标题\n目录\n1. 甲\n2. 乙\n");
    assert!(
        msg.contains("table of contents (目录) of 2 entries"),
        "{msg}"
    );
    // A news page's short lines are not a table of contents.
    let msg = not_a_digest("标题\n记者 张三\n2022-04-10\n");
    assert!(msg.contains("nothing of a digest"), "{msg}");
    // A radio heading without entries.
    let msg = not_a_digest("7 Papers & Radios | 标题\n本周 10 篇 NLP 精选论文是：\n");
    assert!(msg.contains("radio heading"), "{msg}");
    let msg = not_a_digest("今天天气很好。");
    assert!(msg.contains("nothing of a digest"), "{msg}");
}

#[test]
fn issue_9_english_papers_blog_post_is_not_a_digest() {
    // The shape of "NeurIPS 2021 — 10 papers you shouldn't miss": a title
    // with "papers", numbered section headings, no 论文 N: paper.
    let page = "NeurIPS 2021 — 10 papers you shouldn't miss\n\
        The conference is here. These are our picks.\n\
        1. A Universal Law of Robustness via Isoperimetry\n\
        Why: it explains overparametrization.\n\
        2. Deep Reinforcement Learning at the Edge of the Statistical Precipice\n\
        Why: evaluation matters.\n";
    not_a_digest(page);
}

#[test]
fn issue_9_golden_json_files_are_not_digests() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&path).unwrap();
            match paper_digest::parse_bytes(&bytes) {
                Err(Error::NotADigest(_)) => seen += 1,
                other => panic!("{}: {other:?}", path.display()),
            }
        }
    }
    assert!(seen >= 3);
}

#[test]
fn issue_9_single_paper_article_is_not_a_digest() {
    // 机器之心's single-paper articles carry the metadata lines of a paper,
    // but no 论文 N: heading and no radio list.
    let page = "谷歌用 Pathways 训练 5400 亿参数大模型\n\
        机器之心报道\n编辑：杜伟\n\
        论文链接：https://arxiv.org/abs/2204.02311\n\
        作者：Aakanksha Chowdhery 等\n\
        摘要：谷歌训练了一个大型语言模型。\n\
        该模型在多项任务上取得了突破。\n";
    not_a_digest(page);
}

// ---------------------------------------------------------------------------
// Valid values only
// ---------------------------------------------------------------------------

#[test]
fn issue_9_impossible_date_is_null_with_a_warning() {
    for (written, iso) in [
        ("2022年2月31日", None),
        ("2021 年 2 月 29 日", None),
        ("2022-04-31", None),
        ("2020年2月29日", Some("2020-02-29")),
    ] {
        let d = parse(&format!(
            "7 Papers & Radios | 标题\n{written} 机器之心\n论文 1：某论文\n"
        ))
        .unwrap();
        assert_eq!(
            d.issue.date.map(|d| d.to_string()).as_deref(),
            iso,
            "{written}"
        );
        assert_eq!(d.issue.source.as_deref(), Some("机器之心"));
        let warned = d
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::InvalidDate);
        match iso {
            None => assert!(warned.expect("invalid_date").message.contains(written)),
            Some(_) => assert!(warned.is_none()),
        }
    }
}

#[test]
fn issue_9_heat_too_large_is_null_with_a_warning() {
    let page = "7 Papers & Radios | 标题\n论文 1：某论文\n摘要：一段。\n© THE END\n\
        - 1 某条新闻 123456789012345678901234567890\n";
    let d = parse(page).unwrap();
    assert_eq!(d.stripped.trending[0].heat, None);
    assert_eq!(d.stripped.trending[0].title, "某条新闻");
    let w = d
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::InvalidNumber)
        .expect("invalid_number");
    assert!(w.message.contains("123456789012345678901234567890"));
}

// ---------------------------------------------------------------------------
// The JSON contract reads both ways
// ---------------------------------------------------------------------------

#[test]
fn issue_9_json_without_newer_fields_and_with_extra_ones_reads_back() {
    let digest: Digest = serde_json::from_str("{}").unwrap();
    assert_eq!(digest, Digest::default());
    // A paper written before `figures`, a link before `text` and
    // `arxiv_version`, and fields from a later version.
    let paper: Paper = serde_json::from_str(
        r#"{"number": 2, "title": "T", "links": [{"label": "论文链接",
            "url": "https://arxiv.org/abs/2204.02311", "arxiv_id": "2204.02311",
            "kind": "some_future_kind", "future": [1, 2]}], "extra": {"a": null}}"#,
    )
    .unwrap();
    assert_eq!(paper.number, 2);
    assert!(paper.figures.is_empty() && paper.authors.is_empty());
    assert_eq!(paper.abstract_text, None);
    assert_eq!(
        paper.links[0],
        Link {
            label: "论文链接".into(),
            url: Some("https://arxiv.org/abs/2204.02311".into()),
            arxiv_id: Some("2204.02311".into()),
            ..Link::default()
        }
    );
    // A warning code and a radio category this version does not know.
    let d: Digest = serde_json::from_str(
        r#"{"warnings": [{"code": "some_future_code", "message": "m", "line": 3}],
            "radio": [{"heading": "本周 10 篇 RL 精选论文是", "category": "RL"},
                      {"category": "CV"}, {"category": null}, {}]}"#,
    )
    .unwrap();
    assert_eq!(d.warnings[0].code, WarningCode::Other);
    let categories: Vec<_> = d.radio.iter().map(|l| l.category).collect();
    assert_eq!(
        categories,
        [None, Some(paper_digest::Category::Cv), None, None]
    );
    // And what this version writes reads back to the same value.
    let d = parse(&format!("{HEAD}论文链接：arXiv:2204.02311v2\n")).unwrap();
    let back: Digest = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}

// ---------------------------------------------------------------------------
// One HTML tokenizer for every byte scan
// ---------------------------------------------------------------------------

/// The article of the issue's first case, behind markup that only looks
/// like a script.
fn article() -> &'static str {
    "<div class=\"rich_media_content\" id=\"js_content\">\
     <h1>7 Papers &amp; Radios | 标题</h1>\
     <p>本周论文包括谷歌的大模型研究，以及其他几项有意思的工作。</p>\
     <p>论文 1：PaLM: Scaling Language Modeling with Pathways</p>\
     <p>作者：Aakanksha Chowdhery 等</p>\
     <p>论文链接：https://arxiv.org/abs/2204.02311</p>\
     <p>摘要：谷歌用 Pathways 系统训练了一个 5400 亿参数的大型语言模型，在数百项任务上取得了突破。</p>\
     </div>"
}

fn assert_one_paper(page: &str) {
    let d = paper_digest::parse(page).unwrap_or_else(|e| panic!("{e}: {page}"));
    assert_eq!(d.papers.len(), 1, "{page}");
    assert_eq!(d.papers[0].authors, ["Aakanksha Chowdhery"], "{page}");
}

#[test]
fn issue_9_script_text_in_title_or_textarea_hides_nothing() {
    for before in [
        "<title>How to use <script> tags</title>",
        "<title>a <SCRIPT src=x> b</title>",
        "<textarea><script></textarea>",
        "<xmp><script></xmp>",
        "<noscript><script></noscript>",
        "<iframe><script></iframe>",
        "<noembed><script></noembed>",
        "<noframes><script></noframes>",
        "<p title=\"<script>\">x</p>",
        "<!-- <script> -->",
        "<!--><script>a</script>",
        "<? <script> ?>",
        "<![CDATA[ <script> ]]>",
        "</ <script> >",
    ] {
        let page = format!(
            "<html><head>{before}</head><body>{}<script>var a = 1;</script></body></html>",
            article()
        );
        assert_one_paper(&page);
    }
}

#[test]
fn issue_9_script_end_tags_as_a_parser_reads_them() {
    for script in [
        "<script>a</script >",
        "<script>a</SCRIPT>",
        "<script>a</script\n>",
        "<script>a</script/>",
        "<script>if (a</scriptx) {}</script>",
        "<script><!--<script>document.write('</script>')--></script>",
    ] {
        let page = format!("<html><body>{script}{}</body></html>", article());
        assert_one_paper(&page);
    }
}

// Issue 25: a heading the site squashed takes the contents' spaced title.

const SQUASHED: &str = "7 Papers & Radios | 标题\n目录\n\
    1. Balance Control of a Novel Wheel-legged Robot: Design and Experiments\n\
    2. PaLM: Scaling Language Modeling with Pathways\n\
    论文 1：BalanceControlof aNovelWheel-leggedRobot:Design and Experiments\n作者：张三\n\
    论文 2：PaLM: Scaling Language Modeling with Pathways\n作者：李四\n";

/// The heading differs from its contents entry only in white space: the
/// title is the spaced entry, the heading's text stays in
/// `heading_title`, and only that paper's JSON has the key.
#[test]
fn squashed_heading_takes_the_contents_spaced_title() {
    let d = parse(SQUASHED).expect("a digest");
    assert_eq!(
        d.papers[0].title,
        "Balance Control of a Novel Wheel-legged Robot: Design and Experiments"
    );
    assert_eq!(
        d.papers[0].heading_title.as_deref(),
        Some("BalanceControlof aNovelWheel-leggedRobot:Design and Experiments")
    );
    assert_eq!(d.papers[1].heading_title, None);
    let json = serde_json::to_value(&d).expect("json");
    assert!(json["papers"][0].get("heading_title").is_some(), "{json}");
    assert!(json["papers"][1].get("heading_title").is_none(), "{json}");
    let back: paper_digest::Digest = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, d);
}

/// Only white space may differ: a heading that differs in case (or in any
/// other character) is the page's own title, and a heading with more
/// spaces than the contents' entry keeps them.
#[test]
fn a_heading_differing_in_more_than_spaces_keeps_its_title() {
    let case = SQUASHED.replace("BalanceControlof", "balanceControlof");
    let d = parse(&case).expect("a digest");
    assert!(
        d.papers[0].title.starts_with("balanceControlof"),
        "{:?}",
        d.papers[0]
    );
    assert_eq!(d.papers[0].heading_title, None);
    let squashed_contents = "7 Papers & Radios | 标题\n目录\n1. BalanceControl of a Robot\n\
        论文 1：Balance Control of a Robot\n作者：张三\n";
    let d = parse(squashed_contents).expect("a digest");
    assert_eq!(d.papers[0].title, "Balance Control of a Robot");
    assert_eq!(d.papers[0].heading_title, None);
}

/// Rendered back, the squashed heading is written as the page had it and
/// the parser takes the spaced title from the contents again.
#[test]
fn a_squashed_heading_round_trips_through_render() {
    let d = parse(SQUASHED).expect("a digest");
    for page in [
        paper_digest::render::text(&d),
        paper_digest::render::markdown(&d),
    ] {
        let back = parse(&page).expect("the rendered page");
        assert_eq!(back.papers, d.papers, "{page}");
    }
}

/// Past the pairs compared directly, the contents are indexed: a page of
/// many papers gets the same spaced titles (paper 65 of 70 squashed).
#[test]
fn many_papers_take_spaced_titles_as_few_do() {
    let mut page = String::from("7 Papers & Radios | 标题\n目录\n");
    for n in 1..=70 {
        page.push_str(&format!("{n}. Paper Number {n} Title\n"));
    }
    for n in 1..=70 {
        let title = format!("Paper Number {n} Title");
        let heading = if n == 65 {
            title.replace(' ', "")
        } else {
            title
        };
        page.push_str(&format!("论文 {n}：{heading}\n作者：张三\n"));
    }
    let d = parse(&page).expect("a digest");
    assert_eq!(d.papers.len(), 70);
    assert_eq!(d.papers[64].title, "Paper Number 65 Title");
    assert_eq!(
        d.papers[64].heading_title.as_deref(),
        Some("PaperNumber65Title")
    );
    assert!(
        d.papers
            .iter()
            .filter(|p| p.heading_title.is_some())
            .count()
            == 1
    );
}
