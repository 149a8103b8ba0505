//! The plain-text variants real copies show (DESIGN.md section 4), each
//! checked against the seed page or a small page of its own.

use crate::common;

use common::{SEED, seed};
use paper_digest::{Digest, Error, Format, Parser, WarningCode, parse, parse_bytes};

/// The content of a digest: everything but warnings (whose line numbers
/// move when lines are added) and the audit trail.
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
fn seed_facts() {
    let d = seed();
    assert_eq!(d.papers.len(), 7);
    assert_eq!(d.issue.contents.len(), 8);
    assert_eq!(d.papers[2].authors, ["ZacharyAbel", "Erik D.Demaine"]);
    assert_eq!(d.papers[3].authors, ["CDF COLLABORATION", "T. AALTONEN"]);
    let ids: Vec<_> = d
        .papers
        .iter()
        .filter_map(|p| p.links[0].arxiv_id.as_deref())
        .collect();
    assert_eq!(ids, ["2203.15556", "2010.08961", "2105.14576"]);
    assert!(
        d.papers[1]
            .abstract_text
            .as_deref()
            .unwrap()
            .contains("\nSwiGLU 激活\n")
    );
    assert!(
        d.papers[1]
            .abstract_text
            .as_deref()
            .unwrap()
            .contains("\n并行层\n")
    );
    let captions: Vec<_> = d.papers[6]
        .figures
        .iter()
        .filter_map(|f| f.caption.as_deref())
        .collect();
    assert_eq!(captions, ["图 2 网络结构", "图 3 CAPE 计算示意图"]);
    assert!(
        !d.papers[6]
            .abstract_text
            .as_deref()
            .unwrap()
            .contains("图 2 网络结构")
    );
    let lists: Vec<_> = d
        .radio
        .iter()
        .map(|r| (r.category.map(|c| c.as_str()), r.entries.len()))
        .collect();
    assert_eq!(lists, [(Some("NLP"), 10), (Some("CV"), 10), (None, 10)]);
    assert_eq!(
        d.radio[0].entries[5].from,
        ["George J. Pappas", "Rajeev Alur"]
    );
    assert_eq!(d.stripped.ads.len(), 2);
    assert_eq!(d.stripped.trending.len(), 10);
    assert_eq!(d.stripped.trending[0].heat, Some(7_993_401));
    // No furniture in any content field.
    let json = serde_json::to_string(&content(&d)).unwrap();
    for furniture in [
        "THE END",
        "公众号",
        "广告",
        "yaopaiming",
        "7993401",
        "随时掌握",
    ] {
        assert!(
            !json.contains(furniture),
            "{furniture} leaked into the content"
        );
    }
}

#[test]
fn crlf_and_lone_cr_line_ends() {
    assert_eq!(
        content(&parse(&SEED.replace('\n', "\r\n")).unwrap()),
        content(&seed())
    );
    assert_eq!(
        content(&parse(&SEED.replace('\n', "\r")).unwrap()),
        content(&seed())
    );
}

#[test]
fn blank_lines_between_blocks() {
    let spaced = SEED.replace('\n', "\n\n");
    assert_eq!(content(&parse(&spaced).unwrap()), content(&seed()));
}

#[test]
fn full_width_colons_and_commas() {
    let full = SEED
        .replace("作者:", "作者：")
        .replace("论文链接:", "论文链接：")
        .replace("摘要:", "摘要：")
        .replace("推荐:", "推荐：");
    let full = regex_free_heading_colons(&full);
    assert_eq!(content(&parse(&full).unwrap()), content(&seed()));
    let d = parse("7 Papers & Radios | 标题\n论文 1：T\n作者：甲，乙，丙 等\n").unwrap();
    assert_eq!(d.papers[0].authors, ["甲", "乙", "丙"]);
    assert!(d.papers[0].et_al);
}

/// `论文 N:` -> `论文 N：` without touching colons inside titles.
fn regex_free_heading_colons(s: &str) -> String {
    s.lines()
        .map(|l| {
            if l.starts_with("论文 ") && !l.starts_with("论文链接") {
                l.replacen(':', "：", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn bullets_and_indentation_before_metadata() {
    for bullet in ["- ", "• ", "* ", "  ", "\t", "    • "] {
        let page = SEED
            .replace("\n作者", &format!("\n{bullet}作者"))
            .replace("\n论文链接", &format!("\n{bullet}论文链接"));
        assert_eq!(
            content(&parse(&page).unwrap()),
            content(&seed()),
            "bullet {bullet:?}"
        );
    }
}

#[test]
fn date_line_byline_and_contributors() {
    let page = "7 Papers & Radios | 标题\n2022 年 3 月 6 日 机器之心\n机器之心 & ArXiv Weekly Radiostation\n参与:杜伟楚航、罗若天\n本周论文包括一篇。\n论文 1:T\n";
    let d = parse(page).unwrap();
    assert_eq!(
        d.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-03-06")
    );
    assert_eq!(d.issue.source.as_deref(), Some("机器之心"));
    assert_eq!(d.issue.contributors, ["杜伟楚航", "罗若天"]);
    for (line, date) in [
        ("2022-03-06", "2022-03-06"),
        ("2022/3/6 09:30", "2022-03-06"),
        ("2021年12月5日", "2021-12-05"),
    ] {
        let d = parse(&format!("7 Papers & Radios | 标题\n{line}\n论文 1:T\n")).unwrap();
        assert_eq!(
            d.issue.date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{line}"
        );
    }
    let d = parse("7 Papers & Radios | 标题\n来源：机器之心\n论文 1:T\n").unwrap();
    assert_eq!(d.issue.source.as_deref(), Some("机器之心"));
}

#[test]
fn contents_under_a_heading_numbered_or_not() {
    for style in ["1. ", "1、", "(1) ", ""] {
        let entry = |n: u32, t: &str| format!("{}{t}", style.replace('1', &n.to_string()));
        let page = format!(
            "7 Papers & Radios | 标题\n本周论文包括两篇。\n目录\n{}\n{}\n论文 1：Alpha\n论文 2：Beta\n",
            entry(1, "Alpha"),
            entry(2, "Beta")
        );
        let d = parse(&page).unwrap();
        assert_eq!(d.issue.contents, ["Alpha", "Beta"], "style {style:?}");
    }
}

#[test]
fn contents_written_as_paper_headings() {
    let page = "7 Papers & Radios | 标题\n论文 1：Alpha\n论文 2：Beta\n论文 1：Alpha\n作者：A\n论文 2：Beta\n作者：B\n";
    let d = parse(page).unwrap();
    assert_eq!(d.issue.contents, ["Alpha", "Beta"]);
    assert_eq!(d.papers.len(), 2);
    assert_eq!(d.papers[1].authors, ["B"]);
}

#[test]
fn intro_variants() {
    for intro in [
        "本周论文包括 A 等研究。",
        "本周的重要论文包括 A 等研究。",
        "本周重要论文包括 A。",
    ] {
        let d = parse(&format!(
            "7 Papers & Radios | 标题\n{intro}\nAlpha\n论文 1：Alpha\n"
        ))
        .unwrap();
        assert_eq!(d.issue.summary.as_deref(), Some(intro));
        assert_eq!(d.issue.contents, ["Alpha"]);
    }
}

#[test]
fn link_labels_and_passwords() {
    let page = "7 Papers & Radios | 标题\n论文 1：T\n论文地址：https://arxiv.org/abs/2104.12369\n项目地址：https://github.com/a/b\n代码地址：https://github.com/a/c\n项目主页：https://a.github.io/\n网盘链接：https://pan.baidu.com/s/1x 密码：9qzz\n网盘链接：https://pan.baidu.com/s/1y\n提取码：ab12\n论文链接：\nhttps://arxiv.org/pdf/2203.15556.pdf\n";
    let d = parse(page).unwrap();
    let links: Vec<_> = d.papers[0]
        .links
        .iter()
        .map(|l| {
            (
                l.label.as_str(),
                l.url.as_deref(),
                l.arxiv_id.as_deref(),
                l.password.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "论文地址",
                Some("https://arxiv.org/abs/2104.12369"),
                Some("2104.12369"),
                None
            ),
            ("项目地址", Some("https://github.com/a/b"), None, None),
            ("代码地址", Some("https://github.com/a/c"), None, None),
            ("项目主页", Some("https://a.github.io/"), None, None),
            (
                "网盘链接",
                Some("https://pan.baidu.com/s/1x"),
                None,
                Some("9qzz")
            ),
            (
                "网盘链接",
                Some("https://pan.baidu.com/s/1y"),
                None,
                Some("ab12")
            ),
            (
                "论文链接",
                Some("https://arxiv.org/pdf/2203.15556.pdf"),
                Some("2203.15556"),
                None
            ),
        ]
    );
}

#[test]
fn author_lists_with_and_without_et_al() {
    let cases: [(&str, &[&str], bool); 5] = [
        (
            "Jordan Hoffmann 、 Sebastian Borgeaud 等",
            &["Jordan Hoffmann", "Sebastian Borgeaud"],
            true,
        ),
        ("A、B", &["A", "B"], false),
        ("A, B, C", &["A", "B", "C"], false),
        (
            "Yiming Cui2,∗, Wanxiang Che1",
            &["Yiming Cui", "Wanxiang Che"],
            false,
        ),
        ("Ashish Vaswani et al.", &["Ashish Vaswani"], true),
    ];
    for (line, names, et_al) in cases {
        let d = parse(&format!(
            "7 Papers & Radios | 标题\n论文 1：T\n作者：{line}\n"
        ))
        .unwrap();
        assert_eq!(d.papers[0].authors, names, "{line}");
        assert_eq!(d.papers[0].et_al, et_al, "{line}");
    }
}

#[test]
fn recommendation_on_the_next_line() {
    let d =
        parse("7 Papers & Radios | 标题\n论文 1：T\n摘要：一段。\n推荐：\n这是推荐语。\n").unwrap();
    assert_eq!(d.papers[0].recommendation.as_deref(), Some("这是推荐语。"));
}

#[test]
fn abstract_without_marker_and_captions() {
    let d = parse("7 Papers & Radios | 标题\n论文 1：T\n作者：A\n这是没有标记的摘要。\n图 1 模型结构\n第二段。\n").unwrap();
    let p = &d.papers[0];
    assert_eq!(
        p.abstract_text.as_deref(),
        Some("这是没有标记的摘要。\n第二段。")
    );
    assert_eq!(p.figures[0].caption.as_deref(), Some("图 1 模型结构"));
}

#[test]
fn page_cut_off_in_paper_one() {
    let page = "7 Papers & Radios | 标题\n本周论文包括两篇研究。\nAlpha\nBeta\n论文 1：Alpha\n作者：A 等\n论文链接：https://arxiv.org/abs/2201.00001\n摘要：这一段摘要在中途被截";
    let d = parse(page).unwrap();
    assert_eq!(d.papers.len(), 1);
    assert_eq!(
        d.papers[0].abstract_text.as_deref(),
        Some("这一段摘要在中途被截")
    );
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == WarningCode::ContentsMismatch)
    );
}

#[test]
fn lines_before_the_title_are_furniture() {
    let d = parse(&format!("首页 > 科技 > 人工智能\n登录 | 注册\n{SEED}")).unwrap();
    assert_eq!(content(&d), content(&seed()));
    assert_eq!(
        &d.stripped.boilerplate[..2],
        ["首页 > 科技 > 人工智能", "登录 | 注册"]
    );
}

#[test]
fn not_a_digest() {
    let article = "谷歌发布新一代 TPU\n2022-04-10 机器之心\n谷歌今天发布了新一代 TPU，性能提升一倍。\n分析人士认为，这将加速大模型训练。\n";
    for input in [article, "", "   \n\n\t", "\u{0}\u{0}\u{1}binary\u{0}"] {
        match parse(input) {
            Err(Error::NotADigest(msg)) => assert!(msg.to_string().contains("论文 N"), "{msg}"),
            other => panic!("{input:?}: {other:?}"),
        }
    }
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(matches!(parse_bytes(&noise), Err(Error::NotADigest(_))));
    let err = parse(article).unwrap_err();
    assert!(err.to_string().starts_with("not a digest: "), "{err}");
}

#[test]
fn size_limit_and_strict_mode() {
    let parser = Parser::new().max_input_bytes(100);
    assert_eq!(
        parser.parse(SEED),
        Err(Error::TooLarge {
            size: SEED.len(),
            limit: 100
        })
    );
    assert!(matches!(
        parser.parse_bytes(SEED.as_bytes()),
        Err(Error::TooLarge { .. })
    ));
    match Parser::new().strict(true).parse(SEED) {
        Err(Error::Strict(warnings)) => {
            assert_eq!(warnings[0].code, WarningCode::RadioListWithoutHeading)
        }
        other => panic!("{other:?}"),
    }
    assert!(Parser::new().format(Format::Text).parse(SEED).is_ok());
}

#[test]
fn bytes_report_encoding_and_format() {
    let parsed = Parser::new().parse_bytes_detailed(SEED.as_bytes()).unwrap();
    assert_eq!((parsed.encoding, parsed.format), ("UTF-8", Format::Text));
    assert_eq!(parsed.digest, seed());
    let (gbk, _, _) = encoding_rs::GBK.encode(SEED);
    let parsed = Parser::new().parse_bytes_detailed(&gbk).unwrap();
    assert_eq!(parsed.encoding, "GBK");
    // GBK has no "©": the encoder wrote "&#169;", so only the content is equal.
    assert_eq!(content(&parsed.digest), content(&seed()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SEED.as_bytes());
    assert_eq!(parse_bytes(&bom).unwrap(), seed());
}

/// A second `论文 1` turns the papers before it into contents only when they
/// are bare headings: any part of a paper (here an abstract, or a figure
/// alone) keeps it a paper.
#[test]
fn a_paper_with_any_part_is_not_contents() {
    for part in ["摘要：一段摘要。", "图 1 网络结构"] {
        let page = format!(
            "7 Papers & Radios | 标题\n论文 1：A Title\n{part}\n论文 1：B Title\n作者：张三\n摘要：另一段。\n"
        );
        let d = paper_digest::parse(&page).unwrap();
        let titles: Vec<&str> = d.papers.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["A Title", "B Title"], "{part}");
        assert!(d.issue.contents.is_empty(), "{part}");
    }
}

/// A line the markup marks as a caption is a caption even when its words
/// are not `图 N …`.
#[test]
fn a_markdown_caption_without_a_figure_number() {
    let page = "# 7 Papers & Radios | 标题\n\n**论文 1：A Title**\n\n- 摘要：一段摘要。\n\n![](https://img.example.com/a.png)\n\n*网络结构示意*\n";
    let d = paper_digest::Parser::new()
        .format(paper_digest::Format::Markdown)
        .parse(page)
        .unwrap();
    let captions: Vec<_> = d.papers[0]
        .figures
        .iter()
        .map(|f| f.caption.as_deref())
        .collect();
    assert_eq!(captions, [Some("网络结构示意")]);
}

/// Centred text of the ordinary size is a paragraph, not a caption.
#[test]
fn centred_text_of_ordinary_size_is_not_a_caption() {
    let page = "<html><body><div id=\"js_content\"><p>7 Papers &amp; Radios | 标题</p><p>论文 1：A Title</p><p>摘要：一段摘要。</p><p style=\"text-align:center\">居中的正文段落。</p></div></body></html>";
    let d = paper_digest::parse(page).unwrap();
    let paper = &d.papers[0];
    assert_eq!(
        paper.abstract_text.as_deref(),
        Some("一段摘要。\n居中的正文段落。")
    );
    assert_eq!(paper.figures, []);
}
