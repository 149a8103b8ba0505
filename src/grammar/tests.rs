//! Unit tests of the line grammar, one line at a time.

use super::fields::{NAME_SEPARATORS, next_name_separator, password_label, split_and, url_start};
use super::*;
use crate::dates::calendar_date;

#[test]
fn paper_heading_variants() {
    for line in [
        "论文 1:Training Compute-Optimal",
        "论文 1：Training Compute-Optimal",
        "论文1 ： Training Compute-Optimal",
        "• 论文 1: Training Compute-Optimal",
        "Paper 1: Training Compute-Optimal",
    ] {
        assert_eq!(
            classify(line),
            LineKind::PaperHeading {
                number: 1,
                title: "Training Compute-Optimal"
            },
            "{line}"
        );
    }
    // A colon inside the title: only the first marker splits.
    assert_eq!(
        classify("论文 7:StyTr^2 :Image Style Transfer with Transformers"),
        LineKind::PaperHeading {
            number: 7,
            title: "StyTr^2 :Image Style Transfer with Transformers"
        }
    );
}

#[test]
fn metadata_markers_with_bullets_and_colons() {
    for line in [
        "作者:A、B",
        "作者：A、B",
        "- 作者：A、B",
        "• 作者: A、B",
        "* 作者 ： A、B",
    ] {
        assert_eq!(classify(line), LineKind::Authors("A、B"), "{line}");
    }
    assert_eq!(classify("摘要：一段。"), LineKind::Abstract("一段。"));
    assert_eq!(classify("推荐: 好文。"), LineKind::Recommendation("好文。"));
    assert_eq!(
        classify("参与:杜伟楚航、罗若天"),
        LineKind::Contributors("杜伟楚航、罗若天")
    );
    assert_eq!(classify("目录"), LineKind::ContentsHeading);
    assert_eq!(classify("目录："), LineKind::ContentsHeading);
    // Prose that merely starts with a marker word is not a marker.
    assert_eq!(classify("作者们认为这很重要。"), LineKind::Plain);
    assert_eq!(classify("推荐阅读"), LineKind::Boilerplate);
}

#[test]
fn link_labels() {
    for label in [
        "论文链接",
        "论文地址",
        "项目地址",
        "代码地址",
        "项目主页",
        "网盘链接",
        "GitHub 地址",
        "Github",
    ] {
        let line = format!("{label}：https://example.com/x");
        assert_eq!(
            classify(&line),
            LineKind::Link {
                label,
                rest: "https://example.com/x"
            },
            "{line}"
        );
    }
    assert_eq!(classify("密码：9qzz"), LineKind::Password("9qzz"));
    assert_eq!(classify("提取码: 9qzz"), LineKind::Password("9qzz"));
    assert_eq!(
        split_password("https://pan.baidu.com/s/1x 密码：9qzz", 0..26),
        ("https://pan.baidu.com/s/1x", Some("9qzz"))
    );
    assert_eq!(
        split_password("https://pan.baidu.com/s/1x (提取码: ab12)", 0..0),
        ("https://pan.baidu.com/s/1x", Some("ab12"))
    );
}

/// Every alias of the password label opens a password clause in a link
/// line, as it opens a password line; an English one only as a whole word.
#[test]
fn every_password_alias_opens_a_clause() {
    for alias in crate::vocabulary::aliases(Label::Password) {
        for written in [alias.to_owned(), alias.to_uppercase()] {
            let line = format!("https://pan.baidu.com/s/1x {written}：9qzz");
            assert_eq!(
                split_password(&line, 0..26),
                ("https://pan.baidu.com/s/1x", Some("9qzz")),
                "{line}"
            );
            assert_eq!(
                classify(&format!("{written}：9qzz")),
                LineKind::Password("9qzz")
            );
        }
    }
    for line in [
        "https://example.org/passwords: x",
        "https://example.org/mypassword: x",
        "https://example.org/reset?password=x",
    ] {
        assert_eq!(split_password(line, 0..0), (line, None), "{line}");
    }
    // Inside the URL, not even a whole word opens one.
    let line = "https://example.org/password:abcd 链接";
    assert_eq!(split_password(line, 0..33), (line, None));
    assert_eq!(split_password(line, 0..0).1, Some("abcd"));
}

#[test]
fn radio_lines() {
    assert_eq!(
        classify("本周 10 篇 NLP 精选论文是:"),
        LineKind::RadioHeading {
            heading: "本周 10 篇 NLP 精选论文是",
            count: Some(10),
            category: Some(Category::Nlp)
        }
    );
    assert_eq!(
        classify("本周10篇CV精选论文是："),
        LineKind::RadioHeading {
            heading: "本周10篇CV精选论文是",
            count: Some(10),
            category: Some(Category::Cv)
        }
    );
    assert!(matches!(
        classify("本周 10 篇强化学习精选论文是："),
        LineKind::RadioHeading { category: None, .. }
    ));
    assert_eq!(
        classify("6. Chordal Sparsity for Lipschitz. (from George J. Pappas, Rajeev Alur)"),
        LineKind::RadioEntry {
            number: 6,
            title: "Chordal Sparsity for Lipschitz",
            from: "George J. Pappas, Rajeev Alur"
        }
    );
    assert_eq!(
        classify("2、Title（from 张三）"),
        LineKind::RadioEntry {
            number: 2,
            title: "Title",
            from: "张三"
        }
    );
    assert_eq!(classify("10 NLP Papers音频："), LineKind::Radiostation);
}

#[test]
fn summary_and_captions() {
    assert_eq!(classify("本周论文包括费米实验室发现。"), LineKind::Summary);
    assert_eq!(
        classify("本周的重要论文包括谷歌的研究。"),
        LineKind::Summary
    );
    assert_eq!(classify("图 2 网络结构"), LineKind::Caption);
    assert_eq!(classify("图 3 CAPE 计算示意图"), LineKind::Caption);
    assert_eq!(classify("Figure 1: Overview"), LineKind::Caption);
    assert_eq!(classify("图 1 展示了我们的方法。"), LineKind::Plain);
    assert_eq!(classify("如下图 1 所示:"), LineKind::Plain);
}

#[test]
fn dates() {
    assert_eq!(
        classify("2022 年 3 月 6 日 机器之心"),
        LineKind::Date {
            date: "2022-03-06".parse().ok(),
            raw: "2022 年 3 月 6 日",
            rest: "机器之心"
        }
    );
    assert_eq!(
        classify("2022-04-10 12:02 机器之心"),
        LineKind::Date {
            date: "2022-04-10".parse().ok(),
            raw: "2022-04-10",
            rest: "机器之心"
        }
    );
    assert_eq!(
        classify("2021/6/6"),
        LineKind::Date {
            date: "2021-06-06".parse().ok(),
            raw: "2021/6/6",
            rest: ""
        }
    );
    assert_eq!(classify("2022 年 13 月 6 日"), LineKind::Plain);
}

#[test]
fn impossible_dates_are_kept_as_written_without_a_value() {
    assert_eq!(
        classify("2022年2月31日 机器之心"),
        LineKind::Date {
            date: None,
            raw: "2022年2月31日",
            rest: "机器之心"
        }
    );
    for (y, m, d, ok) in [
        (2020, 2, 29, true),
        (2022, 2, 29, false),
        (2000, 2, 29, true),
        (2100, 2, 29, false),
        (2022, 4, 31, false),
        (2022, 12, 31, true),
        (1900, 1, 1, false),
        (2022, 0, 1, false),
        (2022, 1, 0, false),
    ] {
        assert_eq!(calendar_date(y, m, d).is_some(), ok, "{y}-{m}-{d}");
    }
}

#[test]
fn trailer_lines() {
    assert_eq!(
        classify("- 1 准确把握守正创新的辩证关系 7993401"),
        LineKind::Trending {
            rank: 1,
            title: "准确把握守正创新的辩证关系",
            heat: Some(7993401)
        }
    );
    for line in [
        "© THE END",
        "转载请联系本公众号获得授权",
        "关注公众号:拾黑(shiheibook)了解更多",
        "[广告]赞助链接:",
        "随时掌握互联网精彩",
        "投稿或寻求报道:content@jiqizhixin.com",
    ] {
        assert_eq!(classify(line), LineKind::Boilerplate, "{line}");
    }
}

#[test]
fn prose_about_ads_is_not_an_ad_marker() {
    assert_eq!(
        classify("广告行业的研究表明，推荐系统很重要。"),
        LineKind::Plain
    );
    assert_eq!(classify("广告：某某产品"), LineKind::Boilerplate);
}

#[test]
fn names() {
    assert_eq!(
        split_names("Jordan Hoffmann 、 Sebastian Borgeaud 等"),
        (
            vec![
                "Jordan Hoffmann".to_owned(),
                "Sebastian Borgeaud".to_owned()
            ],
            true
        )
    );
    assert_eq!(
        split_names("Yiming Cui2,∗, Wanxiang Che1, Ting Liu1"),
        (
            vec![
                "Yiming Cui".to_owned(),
                "Wanxiang Che".to_owned(),
                "Ting Liu".to_owned()
            ],
            false
        )
    );
    assert_eq!(split_names("A, B and C et al.").0, ["A", "B", "C"]);
    assert!(split_names("A, B and C et al.").1);
    assert_eq!(split_names("张三，李四").0, ["张三", "李四"]);
}

fn arxiv_id(s: &str) -> Option<String> {
    arxiv_reference(s).map(|(id, _)| id)
}

#[test]
fn urls_and_arxiv_ids() {
    assert_eq!(
        find_url("论文链接:https://arxiv.org/pdf/2203.15556.pdf"),
        Some("https://arxiv.org/pdf/2203.15556.pdf")
    );
    assert_eq!(find_url("见 https://a.com/x)。"), Some("https://a.com/x"));
    assert_eq!(find_url("https://a.com/x，密码"), Some("https://a.com/x"));
    assert_eq!(
        arxiv_id("https://arxiv.org/pdf/2203.15556.pdf").as_deref(),
        Some("2203.15556")
    );
    assert_eq!(
        arxiv_id("https://arxiv.org/abs/2010.08961v2").as_deref(),
        Some("2010.08961")
    );
    assert_eq!(
        arxiv_id("http://arxiv.org/abs/cs/0112017").as_deref(),
        Some("cs/0112017")
    );
    assert_eq!(arxiv_id("https://arxiv.org/list/cs.CL"), None);
    assert_eq!(arxiv_id("https://example.com/2203.15556"), None);
}

#[test]
fn arxiv_references_in_link_text() {
    let r = |s: &str| arxiv_reference(s);
    let id = |s: &str, v: Option<u32>| Some((s.to_owned(), v));
    assert_eq!(r("arXiv:2204.02311"), id("2204.02311", None));
    assert_eq!(r("arXiv: 2204.02311v2"), id("2204.02311", Some(2)));
    assert_eq!(r("ARXIV:2204.02311"), id("2204.02311", None));
    assert_eq!(r("arxiv.org/abs/2204.02311"), id("2204.02311", None));
    assert_eq!(
        r("见 arxiv.org/pdf/2204.02311v3.pdf"),
        id("2204.02311", Some(3))
    );
    assert_eq!(
        r("https://export.arxiv.org/abs/2204.02311"),
        id("2204.02311", None)
    );
    assert_eq!(
        r("http://arxiv.org/abs/hep-th/9901001v1"),
        id("hep-th/9901001", Some(1))
    );
    assert_eq!(r("arXiv:cs/0112017"), id("cs/0112017", None));
    assert_eq!(r("arXiv:math.GT/0309136"), id("math.GT/0309136", None));
    assert_eq!(r("2204.02311v2"), id("2204.02311", Some(2)));
    assert_eq!(r("0706.0001"), id("0706.0001", None));
    // Hosts are matched exactly, not by suffix.
    assert_eq!(r("https://notarxiv.org/abs/2204.02311"), None);
    assert_eq!(r("https://arxiv.org.evil.com/abs/2204.02311"), None);
    assert_eq!(r("notarxiv.org/abs/2204.02311"), None);
    // Not identifiers.
    assert_eq!(r("2213.02311"), None);
    assert_eq!(r("arXiv:22040.2311"), None);
    assert_eq!(r("共 2204.02311 元"), None);
    assert_eq!(r("arXiv:2204.023111"), None);
}

#[test]
fn titles() {
    assert!(is_digest_title("7 Papers & Radios | 谷歌;费米"));
    assert!(is_digest_title("7 Papers | 谷歌"));
    assert!(is_digest_title("7Papers&Radios丨标题"));
    assert!(!is_digest_title("Papers with code"));
    let (series, headlines) = split_title(
        "7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型;费米实验室研究登《科学》封面",
    );
    assert_eq!(series.as_deref(), Some("7 Papers & Radios"));
    assert_eq!(
        headlines,
        [
            "谷歌用Pathways训练5400亿参数大模型",
            "费米实验室研究登《科学》封面"
        ]
    );
}

// The limits and guards of the grammar, each pinned at its edge.

#[test]
fn labels_are_at_most_twelve_characters() {
    assert_eq!(
        split_label("abcdefghijkl:x", 12),
        Some(("abcdefghijkl", "x"))
    );
    assert_eq!(split_label("abcdefghijklm:x", 12), None);
    // White space before the colon does not count (found by the
    // `roundtrip` fuzz target: `Project page : https://…`).
    assert_eq!(
        split_label("Project page : https://a.com", 12),
        Some(("Project page", "https://a.com"))
    );
    assert_eq!(
        classify("Project page : https://a.com"),
        LineKind::Link {
            label: "Project page",
            rest: "https://a.com"
        }
    );
    assert_eq!(split_label("a b c d e f g h i j k l m: x", 12), None);
    assert_eq!(split_label("ab：cd", 1), None);
    assert!(is_link_label("数据集与代码的下载页面"));
    assert!(is_link_label("一二三四五六七八九十链接"));
    assert!(!is_link_label("一二三四五六七八九十一链接"));
    assert!(!is_link_label(""));
    // English words open a label of at most 16 bytes.
    assert!(is_link_label("Github repo"));
    assert!(is_link_label("Code 与模型"));
    assert!(!is_link_label("Github 项目介绍"));
    assert!(!is_link_label("Github repository"));
    assert!(!is_link_label("My code"));
    assert!(is_link_label("- 代码"));
}

#[test]
fn numbers_are_at_most_nine_digits() {
    assert_eq!(leading_number("123456789 x"), Some((123_456_789, " x")));
    assert_eq!(leading_number("1234567890 x"), None);
    assert_eq!(leading_number("x1"), None);
    assert_eq!(
        classify("123456789. T (from A)"),
        LineKind::RadioEntry {
            number: 123_456_789,
            title: "T",
            from: "A"
        }
    );
    assert_eq!(classify("1234567890. T (from A)"), LineKind::Plain);
}

#[test]
fn numbering_forms() {
    assert_eq!(strip_numbering("（3） 标题"), Some((3, "标题")));
    assert_eq!(strip_numbering("( 3 )标题"), Some((3, "标题")));
    assert_eq!(strip_numbering("(3 标题"), None);
    assert_eq!(strip_numbering("3．标题"), Some((3, "标题")));
    assert_eq!(strip_numbering("3 标题"), None);
    assert_eq!(strip_numbering("1.5 亿"), None);
}

#[test]
fn radio_headings_are_at_most_forty_characters() {
    let word = "长".repeat(40 - "本周 1 篇  精选论文是".chars().count());
    let forty = format!("本周 1 篇 {word} 精选论文是");
    assert_eq!(forty.chars().count(), 40);
    assert!(matches!(
        classify(&forty),
        LineKind::RadioHeading {
            count: Some(1),
            category: None,
            ..
        }
    ));
    let forty_one = format!("本周 1 篇 {word}长 精选论文是");
    assert!(!matches!(
        classify(&forty_one),
        LineKind::RadioHeading { .. }
    ));
    // No count: the category word alone.
    assert_eq!(
        classify("本周 CV 精选论文是"),
        LineKind::RadioHeading {
            heading: "本周 CV 精选论文是",
            count: None,
            category: Some(Category::Cv)
        }
    );
    assert_eq!(
        classify("本周 3 篇 计算机视觉 精选论文是:"),
        LineKind::RadioHeading {
            heading: "本周 3 篇 计算机视觉 精选论文是",
            count: Some(3),
            category: Some(Category::Cv)
        }
    );
    assert_eq!(category(" 自然语言处理 "), Some(Category::Nlp));
    assert_eq!(category("机器学习"), Some(Category::Ml));
    assert_eq!(category("ml"), Some(Category::Ml));
    assert_eq!(category("Nlp"), Some(Category::Nlp));
    assert_eq!(category("强化学习"), None);
    // A summary that mentions papers is not a heading.
    assert_eq!(classify("本周的论文很多。"), LineKind::Summary);
    assert_eq!(
        classify("本周天气很好，适合读精选的文章。"),
        LineKind::Plain
    );
}

#[test]
fn boilerplate_phrases_decide_short_lines_only() {
    // A phrase inside the line, not at its start.
    assert_eq!(
        classify("本站内容版权所有，侵权必究"),
        LineKind::Boilerplate
    );
    assert_eq!(
        classify("以上内容仅供其表达个人看法，不代表本站立场"),
        LineKind::Boilerplate
    );
    let eighty = format!("{}版权所有", "长".repeat(76));
    assert_eq!(eighty.chars().count(), 80);
    assert_eq!(classify(&eighty), LineKind::Boilerplate);
    let eighty_one = format!("{}版权所有", "长".repeat(77));
    assert_eq!(classify(&eighty_one), LineKind::Plain);
    // Prefixes decide at any length.
    let long = format!("© {}", "长".repeat(200));
    assert_eq!(classify(&long), LineKind::Boilerplate);
    assert!(!is_boilerplate("这是一段普通的文字。"));
}

#[test]
fn contents_heading_is_the_word_alone() {
    assert_eq!(classify("目錄"), LineKind::ContentsHeading);
    assert_eq!(classify("目录 ："), LineKind::ContentsHeading);
    assert_eq!(classify("目录学的研究"), LineKind::Plain);
    assert_eq!(classify("目的：提升性能"), LineKind::Plain);
    assert_eq!(classify("目"), LineKind::Plain);
}

#[test]
fn radio_audio_lines_are_short() {
    assert_eq!(classify("10 CV Papers音频："), LineKind::Radiostation);
    let sixty = format!("10 CV Papers音频{}", "长".repeat(60 - 14));
    assert_eq!(sixty.chars().count(), 60);
    assert_eq!(classify(&sixty), LineKind::Radiostation);
    let sixty_one = format!("{sixty}长");
    assert_eq!(classify(&sixty_one), LineKind::Plain);
    assert_eq!(classify("Papers 的视频"), LineKind::Plain);
    assert_eq!(classify("音频节目"), LineKind::Plain);
}

#[test]
fn trending_items_in_the_trailer() {
    assert_eq!(trending_item("3. 标题"), Some((3, "标题", Ok(None))));
    assert_eq!(trending_item("3、标题"), Some((3, "标题", Ok(None))));
    assert_eq!(trending_item("- 100 标题"), Some((100, "标题", Ok(None))));
    assert_eq!(trending_item("101 标题"), None);
    assert_eq!(trending_item("5G 手机"), None);
    assert_eq!(trending_item("3. "), None);
    assert_eq!(
        trending_item("- 2 中国黄金 7932363"),
        Some((2, "中国黄金", Ok(Some(7_932_363))))
    );
    // A heat figure needs four digits.
    assert_eq!(classify("- 2 中国黄金 793"), LineKind::Plain);
    assert_eq!(classify("2 中国黄金"), LineKind::Plain);
    assert_eq!(
        classify("-2 中国黄金 7932363"),
        LineKind::Trending {
            rank: 2,
            title: "中国黄金",
            heat: Some(7_932_363)
        }
    );
}

/// A trending item's heat is a figure of four digits or more; a shorter
/// number stays in the title.
#[test]
fn trending_heat_has_four_digits_or_more() {
    assert_eq!(
        trending_item("1 某某标题 1234"),
        Some((1, "某某标题", Ok(Some(1234))))
    );
    assert_ne!(
        trending_item("1 某某标题 123").map(|(_, _, heat)| heat),
        Some(Ok(Some(123)))
    );
}

/// The furniture table says what the anchored automaton over the same
/// prefixes said, on every prefix cut short, whole, and run on.
#[test]
fn furniture_table_agrees_with_an_automaton() {
    let prefixes = boilerplate_prefixes();
    let ac = aho_corasick::AhoCorasick::builder()
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(&prefixes)
        .expect("automaton");
    for prefix in &prefixes {
        for cut in (0..=prefix.len()).filter(|&i| prefix.is_char_boundary(i)) {
            for tail in ["", "x", "：正文", " END"] {
                let text = format!("{}{tail}", &prefix[..cut]);
                let anchored =
                    aho_corasick::Input::new(&text).anchored(aho_corasick::Anchored::Yes);
                assert_eq!(
                    PREFIXES.longest(&text).is_some(),
                    ac.is_match(anchored),
                    "{text:?}"
                );
            }
        }
    }
}

/// Texts for the differential tests of the byte-wise scanners: labels,
/// colons of every width, white space of every kind, names and links.
fn scanner_texts() -> Vec<String> {
    let pieces = [
        "",
        "a",
        "论文链接",
        ":",
        "：",
        "︰",
        "∶",
        " ",
        "\u{3000}",
        "\u{a0}",
        "\u{2003}",
        "\t",
        "Project page",
        ",",
        "，",
        "、",
        ";",
        "；",
        " and ",
        "and",
        "Smith1",
        "∗",
        "é",
        "𝐀",
        "https://",
        "http://",
        "h",
        "x.org/a",
        "密码",
        "提取码",
        "码",
        "9qzz",
    ];
    let mut texts = Vec::new();
    for a in pieces {
        for b in pieces {
            for c in ["", "b", "：c", "码", " and d", "https://e.f"] {
                texts.push(format!("{a}{b}{c}"));
            }
        }
    }
    texts
}

/// The byte-wise `split_label` agrees with a scan of its characters.
#[test]
fn split_label_agrees_with_a_char_scan() {
    fn by_chars(s: &str, max_chars: usize) -> Option<(&str, &str)> {
        let mut count = 0;
        for (i, c) in s.char_indices() {
            if is_colon(c) {
                return Some((trim(&s[..i]), trim(&s[i + c.len_utf8()..])));
            }
            if !c.is_whitespace() {
                count += 1;
                if count > max_chars {
                    return None;
                }
            }
        }
        None
    }
    for text in scanner_texts() {
        for max in [0, 1, 3, 12] {
            assert_eq!(
                split_label(&text, max),
                by_chars(&text, max),
                "{text:?} {max}"
            );
        }
    }
}

/// The name list's entries and `and`s split as `char_indices` and
/// `str::split` split them; URLs and passwords are found where `str::find`
/// finds them.
#[test]
fn byte_wise_finders_agree_with_str_searches() {
    for text in scanner_texts() {
        let t = text.as_str();
        assert_eq!(
            next_name_separator(t),
            t.char_indices()
                .find(|&(_, c)| NAME_SEPARATORS.contains(&c)),
            "{t:?}"
        );
        assert_eq!(
            split_and(t).collect::<Vec<_>>(),
            t.split(" and ").collect::<Vec<_>>(),
            "{t:?}"
        );
        assert_eq!(
            url_start(t),
            t.find("https://").or_else(|| t.find("http://")),
            "{t:?}"
        );
        let label = ["提取码", "密码"]
            .iter()
            .filter_map(|a| t.find(a).map(|p| (p, p + a.len())))
            .min();
        assert_eq!(password_label(t), label, "{t:?}");
    }
}

/// The packed phrase search finds what an automaton over the phrases
/// finds, in short lines (below the packed searcher's minimum) and long.
#[test]
fn phrase_search_agrees_with_an_automaton() {
    let ac =
        aho_corasick::AhoCorasick::new(crate::vocabulary::BOILERPLATE_PHRASES).expect("automaton");
    let fillers = [
        "",
        "x",
        "长",
        "THE EN",
        "转载请",
        "版权所",
        "本文来源",
        "© ",
    ];
    for phrase in crate::vocabulary::BOILERPLATE_PHRASES
        .iter()
        .chain(&["", "THE  END", "the end"])
    {
        for before in fillers {
            for after in fillers {
                for n in [0, 1, 5, 40] {
                    let text = format!("{}{before}{phrase}{after}", "字".repeat(n));
                    assert_eq!(holds_phrase(&text), ac.is_match(&text), "{text:?}");
                }
            }
        }
    }
}
