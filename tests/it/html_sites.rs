//! The HTML source against the sites that carry the column: every site
//! fixture (`tests/fixtures/sites/<name>/`, discovered) holds the seed digest
//! in that site's markup and must give the same digest as the plain-text
//! seed, with none of the site's furniture in it.

use crate::common;

use common::sites::{SiteFixture, site_fixtures, unknown_site_fixtures};
use common::{fixture, seed};
use paper_digest::{Digest, Error, Paper};

fn site(name: &str) -> SiteFixture {
    site_fixtures()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture folder {name}"))
}

/// A paper without what only markup adds (image URLs).
fn comparable(p: &Paper) -> Paper {
    let mut p = p.clone();
    for f in &mut p.figures {
        f.image = None;
    }
    p.figures.retain(|f| f.caption.is_some());
    p
}

/// Every content field of the digest as one JSON string (stripped lines and
/// warnings left out).
fn content_json(d: &Digest) -> String {
    let mut d = d.clone();
    d.stripped = Default::default();
    d.warnings.clear();
    serde_json::to_string(&d).expect("serializes")
}

fn assert_equivalent(site: &SiteFixture) -> Digest {
    let name = &site.name;
    let want = seed();
    let got = paper_digest::parse_bytes(&site.page()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got.issue.title, want.issue.title, "{name}: title");
    assert_eq!(got.issue.series, want.issue.series, "{name}: series");
    assert_eq!(
        got.issue.headlines, want.issue.headlines,
        "{name}: headlines"
    );
    assert_eq!(got.issue.summary, want.issue.summary, "{name}: summary");
    assert_eq!(got.issue.contents, want.issue.contents, "{name}: contents");
    assert_eq!(got.papers.len(), want.papers.len(), "{name}: paper count");
    for (g, w) in got.papers.iter().zip(&want.papers) {
        assert_eq!(comparable(g), comparable(w), "{name}: paper {}", w.number);
    }
    assert_eq!(got.radio, want.radio, "{name}: radio");
    let json = content_json(&got);
    for f in &site.furniture {
        assert!(!json.contains(f), "{name}: furniture {f:?} in the content");
    }
    for w in &got.warnings {
        assert!(
            !site.furniture.iter().any(|f| w.message.contains(f)),
            "{name}: furniture in a warning: {}",
            w.message
        );
    }
    got
}

/// Every fixture folder: the same digest as the seed, none of its furniture
/// (its date and the rest of the whole digest: `expect.json`, in `golden`).
#[test]
fn every_site_fixture_gives_the_seed_digest() {
    for site in site_fixtures() {
        assert_equivalent(&site);
    }
}

/// Sites with no row: found by the column's own text, the same digest.
#[test]
fn every_unknown_site_fixture_gives_the_seed_digest() {
    for site in unknown_site_fixtures() {
        assert_equivalent(&site);
    }
}

#[test]
fn seed_is_what_the_fixtures_copy() {
    let d = seed();
    assert_eq!(d.papers.len(), 7);
    assert_eq!(d.radio.len(), 3);
    assert_eq!(d.radio[2].heading, None);
    assert_eq!(d.papers[6].figures.len(), 2);
}

#[test]
fn wechat() {
    let d = assert_equivalent(&site("wechat"));
    // The date comes from `var ct`, not from the visible "前天".
    assert_eq!(
        d.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-10")
    );
    assert_eq!(d.issue.source.as_deref(), Some("机器之心"));
    assert_eq!(d.issue.contributors, ["杜伟", "楚航", "罗若天"]);
    let figures = &d.papers[6].figures;
    assert_eq!(figures.len(), 2);
    assert_eq!(
        figures[0].image.as_deref(),
        Some("https://image.jiqizhixin.com/uploads/editor/stytr2-fig2.png")
    );
    assert_eq!(figures[0].caption.as_deref(), Some("图 2 网络结构"));
    assert_eq!(figures[1].caption.as_deref(), Some("图 3 CAPE 计算示意图"));
    assert!(d.stripped.boilerplate.iter().any(|b| b == "© THE END"));
}

#[test]
fn jiqizhixin() {
    let d = assert_equivalent(&site("jiqizhixin"));
    assert_eq!(
        d.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-10")
    );
    assert!(d.papers[6].figures.iter().all(|f| f.image.is_some()));
}

/// sina.com.cn, added as one row in src/sites.rs and one fixture folder:
/// its headline element, `.date-source` and `<title>` suffix are read.
#[test]
fn sina() {
    let d = assert_equivalent(&site("sina"));
    assert_eq!(d.issue.source.as_deref(), Some("机器之心"));
    let page = String::from_utf8(site("sina").page()).expect("utf-8");
    // Without the headline element and og:title, `<title>` less
    // `_新浪科技_新浪网` is the title.
    let bare = page
        .replace("<h1 class=\"main-title\">", "<h1 class=\"x\">")
        .replace("property=\"og:title\"", "property=\"x\"");
    let d = paper_digest::parse(&bare).expect("parses");
    assert_eq!(d.issue.title, seed().issue.title);
}

#[test]
fn unknown_site_uses_the_density_fallback() {
    let d = assert_equivalent(&site("generic"));
    assert_eq!(
        d.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-11")
    );
    // The aggregator's ads and trending list are stripped, as in the seed.
    let want = seed();
    assert_eq!(d.stripped.ads, want.stripped.ads);
    assert_eq!(d.stripped.trending.len(), want.stripped.trending.len());
}

#[test]
fn real_pages_are_not_digests() {
    for name in [
        "html/real/wechat-2020-02-11.html",
        "html/real/thepaper-2019-08-13.html",
    ] {
        match paper_digest::parse_bytes(&fixture(name)) {
            Err(Error::NotADigest(_)) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn real_wechat_page_is_dated_by_var_ct() {
    // `var ct = "1581418070"` is 2020-02-11 18:47 in China; the page shows "前天".
    let page = String::from_utf8(fixture("html/real/wechat-2020-02-11.html")).expect("utf-8");
    assert!(page.contains("var ct = \"1581418070\""));
    let page = page
        .replace(
            "一日一技：在 Python 中实现延迟调用",
            "7 Papers &amp; Radios | 标题",
        )
        .replacen(
            "id=\"js_content\" style=\"visibility: visible;\">",
            "id=\"js_content\" style=\"visibility: visible;\"><p>论文 1：某论文</p>",
            1,
        );
    let d = paper_digest::parse(&page).expect("a digest with one paper");
    assert_eq!(
        d.issue.date.map(|d| d.to_string()).as_deref(),
        Some("2020-02-11")
    );
    assert_eq!(d.issue.title.as_deref(), Some("7 Papers & Radios | 标题"));
    assert_eq!(d.issue.source.as_deref(), Some("未闻Code"));
}

#[test]
fn gbk_page_parses_like_its_utf8_twin() {
    let gbk = fixture("sites/163/page-gbk.html");
    assert!(std::str::from_utf8(&gbk).is_err(), "the twin is really GBK");
    let parsed = paper_digest::Parser::new()
        .parse_bytes_detailed(&gbk)
        .expect("parses");
    assert_eq!(parsed.encoding, "GBK");
    assert_eq!(
        parsed.digest,
        paper_digest::parse_bytes(&site("163").page()).expect("parses")
    );
}

#[test]
fn utf8_page_declaring_gb2312_parses_right() {
    let page = site("163").page();
    assert!(String::from_utf8_lossy(&page).contains("charset=gb2312"));
    let parsed = paper_digest::Parser::new()
        .parse_bytes_detailed(&page)
        .expect("parses");
    assert_eq!(parsed.encoding, "UTF-8");
    assert_eq!(
        parsed.digest.papers[0].title,
        "Training Compute-Optimal Large Language Models"
    );
}

#[test]
fn deeply_nested_page_does_not_overflow() {
    let depth = 200_000;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str(
        "<p>7 Papers &amp; Radios | 深处</p><p>论文 1：深处的论文</p><p>摘要：在最深处。</p>",
    );
    page.push_str(&"</div>".repeat(depth));
    let run = move || paper_digest::parse(&page).map(|d| (d.issue.title, d.papers.len()));
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(run)
        .expect("spawns");
    let (title, papers) = handle.join().expect("no overflow").expect("a digest");
    assert_eq!(title.as_deref(), Some("7 Papers & Radios | 深处"));
    assert_eq!(papers, 1);
    // Unclosed, too.
    let page = format!(
        "<body>{}<p>7 Papers &amp; Radios | 深处<p>论文 1：深处的论文",
        "<section><span>".repeat(depth)
    );
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || paper_digest::parse(&page).map(|d| d.papers.len()))
        .expect("spawns");
    assert_eq!(handle.join().expect("no overflow").ok(), Some(1));
}

#[test]
fn unclosed_tags_are_fine() {
    let page = "<html><head><title>7 Papers &amp; Radios | 甲;乙</title><body><div class=entry>\
        <p>本周论文包括甲和乙等研究。<p>论文 1：标题一<p>作者：张三、李四 等\
        <p>论文链接：<a href=https://arxiv.org/abs/2204.02311>https://arxiv.org/abs/2204.02311\
        <p>摘要：第一段。<p>第二段。<p>推荐：值得一读。\
        <p>本周 10 篇 NLP 精选论文是：<ol><li>Alpha. (from A B)<li>Beta. (from C D)";
    let d = paper_digest::parse(page).expect("parses");
    assert_eq!(d.issue.headlines, ["甲", "乙"]);
    assert_eq!(d.papers[0].authors, ["张三", "李四"]);
    assert_eq!(d.papers[0].links[0].arxiv_id.as_deref(), Some("2204.02311"));
    assert_eq!(
        d.papers[0].abstract_text.as_deref(),
        Some("第一段。\n第二段。")
    );
    assert_eq!(d.radio[0].entries.len(), 2);
    assert_eq!(d.radio[0].entries[1].from, ["C D"]);
}

#[test]
fn links_come_from_hrefs_when_the_text_has_none() {
    let page = "<div class=article-content><h1>7 Papers &amp; Radios | 甲</h1>\
        <p>论文 1：标题</p><p>论文链接：<a href=\"https://arxiv.org/abs/2203.15556\">点击这里</a></p>\
        <p>摘要：一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要，足够长的一段摘要。</p></div>";
    let d = paper_digest::parse(page).expect("parses");
    assert_eq!(
        d.papers[0].links[0].url.as_deref(),
        Some("https://arxiv.org/abs/2203.15556")
    );
}
