//! The pre-check that turns non-digests away before any parse is sound: no
//! page that the full parse reads as a digest is turned away, whatever hides
//! its marks (GBK and GB18030, character references, inline tags, comments,
//! hidden elements, Markdown emphasis, code spans and links), and it does turn
//! the real news pages away.

use paper_digest::__private::{paper_aliases, parse_bytes_unchecked, precheck};
use proptest::prelude::*;

/// A small deterministic generator driven by proptest's seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Text,
    Markdown,
    Html,
}

/// `word` with some ASCII letters upper-cased.
fn case(rng: &mut Rng, word: &str) -> String {
    word.chars()
        .map(|c| {
            if rng.chance(30) {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// One line that may make a page a digest, written plainly.
fn mark_line(rng: &mut Rng, n: u64) -> String {
    let colon = ["：", ":", "、", "."][rng.below(4) as usize];
    let space = [" ", "", "\u{3000}", "  "][rng.below(4) as usize];
    match rng.below(5) {
        // Every alias of the paper label in the vocabulary.
        0..=2 => {
            let aliases = paper_aliases();
            let alias = aliases[rng.below(aliases.len() as u64) as usize];
            format!("{}{space}{n}{colon}某个模型的标题", case(rng, alias))
        }
        3 => {
            let open = ["(", "（"][rng.below(2) as usize];
            let close = [")", "）"][rng.below(2) as usize];
            format!(
                "{n}. Complex-Valued Autoencoders. {open}{space}{}: Max Welling{close}",
                case(rng, "from")
            )
        }
        _ => format!("本周 {n} 篇 NLP 精选论文是："),
    }
}

/// `c` as an HTML or Markdown numeric character reference.
fn reference(rng: &mut Rng, c: char) -> String {
    match (c, rng.below(4)) {
        (' ', 0) => "&nbsp;".to_owned(),
        ('(', 0) => "&lpar;".to_owned(),
        (':', 0) => "&colon;".to_owned(),
        (_, 1) => format!("&#x{:X};", c as u32),
        (_, 2) => format!("&#{:07}", c as u32),
        _ => format!("&#{};", c as u32),
    }
}

/// `line` with its characters hidden behind the markup of `shape`.
fn obscure(rng: &mut Rng, line: &str, shape: Shape) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut open: Option<&str> = None;
    for (i, &c) in chars.iter().enumerate() {
        match shape {
            Shape::Text => out.push(c),
            Shape::Html => {
                if i > 0 && rng.chance(20) {
                    out.push_str(
                        [
                            "<!-- x -->",
                            "<!---->",
                            "</b>",
                            "<b>",
                            "<span>",
                            "</span>",
                            "<span style=\"display:none\">隐藏</span>",
                            "<wbr>",
                            "<a href=\"https://example.com/x>y\">",
                            "</a>",
                        ][rng.below(10) as usize],
                    );
                }
                if rng.chance(20) {
                    out.push_str(&reference(rng, c));
                } else if c == '&' {
                    out.push_str("&amp;");
                } else if c == '<' {
                    out.push_str("&lt;");
                } else {
                    out.push(c);
                }
            }
            Shape::Markdown => {
                if let Some(close) = open {
                    if rng.chance(40) {
                        out.push_str(close);
                        open = None;
                    }
                } else if i > 0 && rng.chance(15) {
                    let (o, cl) = [
                        ("**", "**"),
                        ("*", "*"),
                        ("`", "`"),
                        ("[", "](https://example.com)"),
                        ("_", "_"),
                    ][rng.below(5) as usize];
                    out.push_str(o);
                    open = Some(cl);
                }
                if rng.chance(10) {
                    out.push_str(&reference(rng, c));
                } else {
                    out.push(c);
                }
            }
        }
    }
    if let Some(close) = open {
        out.push_str(close);
    }
    out
}

/// A page of `lines` mark and filler lines in `shape`, in one of three encodings.
fn page(seed: u64, lines: usize, shape: Shape, encoding: u8, title: bool) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    let mut body = Vec::new();
    if title {
        body.push("7 Papers & Radios | 标题;副标题".to_owned());
    }
    for n in 1..=lines as u64 {
        let line = if rng.chance(60) {
            let line = mark_line(&mut rng, n);
            // A radio heading makes a digest with the numbered line after it.
            if line.contains("精选论文") {
                body.push(obscure(&mut rng, &line, shape));
                "1. 某篇精选论文的标题".to_owned()
            } else {
                line
            }
        } else {
            [
                "今天天气很好。",
                "摘要：一段摘要。",
                "作者：张三、李四",
                "评论",
            ][rng.below(4) as usize]
                .to_owned()
        };
        body.push(obscure(&mut rng, &line, shape));
    }
    let text = match shape {
        Shape::Text => body.join("\n"),
        Shape::Markdown => body.join("\n\n"),
        Shape::Html => {
            let charset = ["utf-8", "gbk", "gb18030"][usize::from(encoding % 3)];
            let paragraphs: String = body.iter().map(|l| format!("<p>{l}</p>\n")).collect();
            format!(
                "<!doctype html><html><head><meta charset=\"{charset}\"><title>页面</title></head><body><article>{paragraphs}</article></body></html>"
            )
        }
    };
    match encoding % 3 {
        0 => text.into_bytes(),
        1 => encoding_rs::GBK.encode(&text).0.into_owned(),
        _ => encoding_rs::GB18030.encode(&text).0.into_owned(),
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![Just(Shape::Text), Just(Shape::Markdown), Just(Shape::Html)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Soundness: every page the full parse reads as a digest passes the pre-check.
    #[test]
    fn precheck_never_turns_a_digest_away(
        seed in any::<u64>(),
        lines in 1usize..6,
        shape in shape(),
        encoding in any::<u8>(),
        title in any::<bool>(),
    ) {
        let bytes = page(seed, lines, shape, encoding, title);
        if parse_bytes_unchecked(&bytes).is_ok() {
            prop_assert!(precheck(&bytes), "a digest was turned away:\n{}", String::from_utf8_lossy(&bytes));
        }
    }

    /// The same on arbitrary text around the marks.
    #[test]
    fn precheck_is_sound_on_arbitrary_text(
        before in "[<>&;#a-z0-9 \n(（论文*_`\\[\\]]{0,40}",
        seed in any::<u64>(),
        shape in shape(),
        after in "[<>&;#a-z0-9 \n)）:：*_`]{0,40}",
    ) {
        let mut rng = Rng(seed | 1);
        let line = mark_line(&mut rng, 1);
        let page = format!("{before}{}{after}", obscure(&mut rng, &line, shape));
        if parse_bytes_unchecked(page.as_bytes()).is_ok() {
            prop_assert!(precheck(page.as_bytes()), "a digest was turned away:\n{page}");
        }
    }
}

/// The generator does make digests out of hidden marks: the property above
/// is not vacuous.
#[test]
fn hidden_marks_still_make_digests() {
    let pages: [&[u8]; 8] = [
        "<html><body><p>&#35770;&#25991; 1：某个模型</p><p>作者：甲</p><p>摘要：一段。</p></body></html>"
            .as_bytes(),
        "<html><body><p>论<b>文</b>&nbsp;1：某个模型</p><p>作者：甲</p></body></html>".as_bytes(),
        "<html><body><p>Pa<!-- x -->per <span>2</span>: Scaling</p><p>Authors: A</p></body></html>".as_bytes(),
        "<html><body><p>1. Title. &lpar;<i>From</i>: A)</p></body></html>".as_bytes(),
        "<html><body><p>论<span style=\"display:none\">隐藏</span>文 1：某个模型</p><p>作者：甲</p></body></html>"
            .as_bytes(),
        "**论**文 1：某个模型\n\n作者：甲\n\n摘要：一段。\n\n[链接](https://example.com)\n".as_bytes(),
        "1. Title. (`from` A)\n\n# 标题\n\n> 引用 [x](https://a.b)\n".as_bytes(),
        "PAPER\u{3000}3. Title\nAuthors: A\n".as_bytes(),
    ];
    for page in pages {
        assert!(
            parse_bytes_unchecked(page).is_ok(),
            "{}",
            String::from_utf8_lossy(page)
        );
        assert!(precheck(page), "{}", String::from_utf8_lossy(page));
        assert!(paper_digest::parse_bytes(page).is_ok());
    }
    let (gbk, _, _) = encoding_rs::GBK.encode("7 Papers & Radios | 甲\n论文 1：某个模型\n");
    assert!(precheck(&gbk));
    assert!(paper_digest::parse_bytes(&gbk).is_ok());
}

/// The thirty real news pages and the saved non-digest pages are all turned
/// away by the pre-check itself, not only by the parse.
#[test]
fn real_news_pages_are_turned_away_by_the_precheck() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/markup/news");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // the shared pages are not part of the published crate
    };
    let mut seen = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable page");
        assert!(!precheck(&bytes), "{} passed the pre-check", path.display());
        assert!(paper_digest::parse_bytes(&bytes).is_err());
        seen += 1;
    }
    assert!(seen >= 30, "{seen} news pages");
}

/// Every digest fixture passes the pre-check.
#[test]
fn digest_fixtures_pass_the_precheck() {
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    let mut seen = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "txt" | "md" | "html") {
                continue;
            }
            let bytes = std::fs::read(&path).expect("fixture");
            if parse_bytes_unchecked(&bytes).is_ok() {
                assert!(precheck(&bytes), "{} turned away", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen >= 10, "{seen} digest fixtures");
}

/// Found by `precheck_never_turns_a_digest_away`: a space written as a
/// numeric reference without its `;` between `（` and `FROm`.
#[test]
fn regression_space_reference_without_semicolon_before_from() {
    let page = "<html><body><p>3. Complex-Valued Autoencoders. （&#0000032FROm:&#0000032Max Welling）</p></body></html>";
    assert!(parse_bytes_unchecked(page.as_bytes()).is_ok());
    assert!(precheck(page.as_bytes()));
}

// Issue 22 (hostile probe): the pre-check from the vocabulary and the grammar

/// A news page of a portal: head, navigation, the article, a sidebar and an
/// inline script, with `extra` in the navigation, `article` as the body text
/// and `script` in the inline script.
fn news_page(nav: &str, article: &str, script: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>新闻 - 门户</title>\
         <link rel=\"stylesheet\" href=\"https://static.example.com/extremepapers/main.css\">\
         <script>{script}</script></head><body>\
         <div class=\"nav\"><ul><li><a href=\"/\">首页</a></li>{nav}</ul></div>\
         <div class=\"article\"><h1>一则新闻</h1><p>{article}</p></div>\
         <div class=\"sidebar\"><h3>分类目录</h3><ul><li><a href=\"/c/1\">科技</a></li></ul></div>\
         <!-- 论文 1：注释里的标题 (from 某人) -->\
         </body></html>"
    )
}

/// `page` is turned away by the pre-check and is no digest.
fn assert_turned_away(page: &str) {
    assert!(!precheck(page.as_bytes()), "passed the pre-check:\n{page}");
    assert!(parse_bytes_unchecked(page.as_bytes()).is_err());
    assert!(paper_digest::parse_bytes(page.as_bytes()).is_err());
}

/// `论文` in a navigation link or the running text is no paper heading:
/// the marker must start a word and be followed by a number and a separator.
#[test]
fn a_paper_word_in_a_nav_link_or_a_sentence_is_turned_away() {
    for nav in [
        "<li><a href=\"/award\">优秀论文奖</a></li>",
        "<li><a href=\"/n/1\">钟南山论文:新冠研究</a></li>",
        "<li><a href=\"/n/2\">但论文为何被\"秒删\"</a></li>",
        "<li><a href=\"/n/3\">论文 写作指南</a></li>",
    ] {
        assert_turned_away(&news_page(nav, "今天天气很好。", "var a = 1;"));
    }
    assert_turned_away(&news_page(
        "",
        "研究者发表的论文2篇获奖。Best Paper 奖。",
        "",
    ));
}

/// `papers` inside a longer word (a URL's path) is no series title and no
/// paper heading, and a `目录` in a widget's title is no table of contents.
#[test]
fn papers_in_a_url_and_a_contents_widget_are_turned_away() {
    let nav =
        "<li><a href=\"https://www.extremepapers.com/past-papers/2021\">extremepapers</a></li>";
    assert_turned_away(&news_page(nav, "本站目录", ""));
}

/// An inline script's `f<n.length` is no `(from`: script and style bodies
/// and comments are no visible text.
#[test]
fn an_inline_script_with_f_less_than_is_turned_away() {
    let script = "for(var i=0,f=0;f<n.length;f++){s.from(f)}; var t = '论文 1：' + x;";
    assert_turned_away(&news_page("", "今天天气很好。", script));
    let style = "<style>.p:after{content:\"论文 1：\"}</style>";
    assert_turned_away(&news_page(style, "今天天气很好。", ""));
}

/// A traditional-character page without the series' title: the grammar
/// reads `論文 1：`, the vocabulary table's alias, so the pre-check lets it
/// through.
#[test]
fn a_traditional_page_without_the_series_title_is_a_digest() {
    let page = "論文 1：某個模型的標題\n作者：張三、李四\n摘要：一段摘要。\n";
    assert!(precheck(page.as_bytes()));
    let digest = paper_digest::parse(page).expect("a digest");
    assert_eq!(digest.papers[0].title, "某個模型的標題");
}

/// Every alias of the paper label in the vocabulary makes a digest that
/// passes the pre-check, in every format and behind markup; a new alias is
/// covered without a change here.
#[test]
fn every_alias_of_the_paper_label_passes_the_precheck() {
    let aliases = paper_aliases();
    assert!(aliases.len() >= 3, "{aliases:?}");
    for alias in aliases {
        let split = {
            let mut chars = alias.chars();
            let first = chars.next().unwrap();
            format!("{first}<b></b>{}", chars.as_str())
        };
        for page in [
            format!("{alias} 1：某个模型\n作者：张三\n"),
            format!("**{alias} 1：某个模型**\n\n- 作者：张三\n"),
            format!("<html><body><p>{alias}&nbsp;1：某个模型</p><p>作者：张三</p></body></html>"),
            format!("<html><body><p>{split} 2：某个模型</p><p>作者：张三</p></body></html>"),
        ] {
            assert!(parse_bytes_unchecked(page.as_bytes()).is_ok(), "{page}");
            assert!(precheck(page.as_bytes()), "{page}");
        }
    }
}
