//! HTML: find the article container, walk it without recursion, emit logical lines.
//!
//! The pipeline for one page:
//!
//! 1. A cheap byte scan ([`reduce`]) drops the bodies of `<script>`
//!    and `<style>` elements (saved WeChat pages are 90 % inline script) and
//!    picks WeChat's real timestamp (`var ct = "…"`) out of the scripts. It
//!    and every other scan of raw bytes here read the page through one
//!    tokenizer ([`tokens`]) that follows the HTML tokenizer's states, so
//!    that no scan takes text, a comment or an attribute value for a tag.
//!    Script and style bodies are raw text to an HTML parser, so cutting them
//!    leaves the element tree of the page unchanged.
//! 2. A second scan ([`locate`]) looks for the site's article container by
//!    its `id` or class (WeChat's `#js_content`, `.post_body`, …) and follows
//!    its tags to its end tag on a stack of open elements. When it is sure,
//!    `scraper` parses only that element (checked by a sentinel comment after
//!    it) and the page before it (head and headline); the page after it is
//!    parsed only when metadata is still missing. When it is not sure, the
//!    whole page is parsed. Either way what is kept gets a spec-compliant
//!    parse (entities, unclosed tags, implied elements, quirks mode), and the
//!    two paths agree (a property test holds them to it).
//! 3. Page metadata ([`Meta`]) comes from the headline element, `og:title`,
//!    `<title>`, date meta tags and visible date elements.
//! 4. Without a located container, it is found in the tree by per-site
//!    selectors (WeChat, jiqizhixin.com, thepaper.cn, 163.com, sohu.com,
//!    toutiao.com, zhuanzhi.ai, zhihu, csdn), or else by text density.
//! 5. The container is walked with `ego_tree`'s `traverse()` edges, never by
//!    recursion: block elements end lines, inline ones do not; links, images,
//!    captions, headings, list items and quotes become [`Line`] hints.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

use super::text::trim;
use super::{Document, Hint, Line, Meta};

pub(crate) mod tokens;

use crate::lines;
use tokens::{Token, Tokens, is_one_of};

/// Turns an HTML page into logical lines.
pub(crate) fn lines(input: &str) -> Document<'_> {
    let (reduced, ct_date) = reduce(input);
    let want_date = ct_date.is_none();
    let (mut meta, mut lines) =
        located(&reduced, want_date).unwrap_or_else(|| whole(&reduced, want_date));
    if ct_date.is_some() {
        meta.date = ct_date;
    }
    if let Some(title) = meta.title.as_deref() {
        // The grammar needs the digest title as a line; most sites print the
        // headline outside the article body.
        let present = lines
            .iter()
            .take(64)
            .any(|l| l.text == title || lines::is_digest_title(&l.text));
        if !present && lines::is_digest_title(title) {
            lines.insert(
                0,
                Line {
                    text: Cow::Owned(title.to_owned()),
                    hint: Hint::Heading(1),
                    hrefs: Vec::new(),
                    image: None,
                    lineno: 0,
                },
            );
        }
    }
    for (i, line) in lines.iter_mut().enumerate() {
        line.lineno = i + 1;
    }
    Document { lines, meta }
}

/// The general path: the whole page parsed, the container chosen in the tree.
fn whole(reduced: &str, want_date: bool) -> (Meta, Vec<Line<'static>>) {
    let html = Html::parse_document(reduced);
    let meta = page_meta(&[&html], want_date);
    (meta, walk(find_container(&html)))
}

/// The fast path: the container located by a byte scan ([`locate`]) and
/// parsed on its own, the page before it parsed for metadata, and the page
/// after it only when metadata is still missing. `None` when the scan cannot
/// be sure it found the element [`find_container`] would choose.
fn located(reduced: &str, want_date: bool) -> Option<(Meta, Vec<Line<'static>>)> {
    let (range, selector) = locate(reduced)?;
    // The container is parsed as a page of its own, behind the page's
    // doctype so that both are parsed in the same (quirks) mode.
    let lead = doctype(reduced);
    let own_page = |piece: &str| Html::parse_document(&[lead, piece].concat());
    // The scan's idea of where the element ends is checked by the parse: a
    // comment after its end tag must land right after the element, and
    // nothing else of the range outside it.
    let ends_early = range.end < reduced.len();
    let article = Html::parse_document(
        &[
            lead,
            &reduced[range.clone()],
            if ends_early { "<!--" } else { "" },
            if ends_early { SENTINEL } else { "" },
            if ends_early { "-->" } else { "" },
        ]
        .concat(),
    );
    let body = article
        .root_element()
        .child_elements()
        .find(|e| e.value().name() == "body")?;
    let mut parts = body
        .children()
        .filter(|n| !n.value().as_text().is_some_and(|t| trim(t).is_empty()));
    let container = parts.next().and_then(ElementRef::wrap)?;
    let placed = match parts.next() {
        None => !ends_early,
        Some(n) => {
            ends_early
                && n.value().as_comment().is_some_and(|c| &**c == SENTINEL)
                && parts.next().is_none()
        }
    };
    if !placed
        || !selector.matches(&container)
        || text_len(container, MIN_CONTAINER_TEXT) < MIN_CONTAINER_TEXT
    {
        return None;
    }
    let lines = walk(container);
    let before = Html::parse_document(&reduced[..range.start]);
    let mut meta = page_meta(&[&before, &article], want_date);
    if meta.title.is_none() || meta.source.is_none() || (want_date && meta.date.is_none()) {
        // Something may be after the article: read the three pieces in order.
        let after = own_page(&reduced[range.end..]);
        meta = page_meta(&[&before, &article, &after], want_date);
    }
    Some((meta, lines))
}

// ---------------------------------------------------------------------------
// Raw-text scan
// ---------------------------------------------------------------------------

/// The page that [`reduce`] leaves, for tests.
#[cfg(test)]
pub(crate) fn strip_raw_text(input: &str) -> Cow<'_, str> {
    reduce(input).0
}

/// Copies `input`, leaving out the bodies of `<script>` and `<style>`
/// elements (their tags stay) and start tags that would open elements deeper
/// than [`MAX_NESTING`] (with as many end tags); and reads WeChat's
/// publication date from the first script body that sets `var ct`
/// ([`wechat_ct_date`]), in the same pass. The tokens come from [`Tokens`],
/// so comments, other raw-text elements (`<title>`, `<textarea>`, …) and
/// attribute values are stepped over as a parser would. Every cut is at an
/// ASCII byte, so the result is valid UTF-8.
fn reduce(input: &str) -> (Cow<'_, str>, Option<String>) {
    let bytes = input.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // input[..copied] is in `out` (or unchanged)
    let cut = |out: &mut Option<String>, span: Range<usize>, copied: &mut usize| {
        let o = out.get_or_insert_with(|| String::with_capacity(input.len() / 4));
        o.push_str(&input[*copied..span.start]);
        *copied = span.end;
    };
    let mut ct_date = None;
    // Names of the open elements that nest (see `nests`); an end tag closes
    // the last of its name and everything opened after it, as in a parse.
    let mut open: Vec<&[u8]> = Vec::new();
    let mut over = 0usize;
    for token in Tokens::new(bytes) {
        match token {
            Token::RawText { name, span } if is_one_of(name, &[b"script", b"style"]) => {
                if ct_date.is_none() && name.eq_ignore_ascii_case(b"script") {
                    ct_date = wechat_ct_date(&input[span.clone()]);
                }
                if !span.is_empty() {
                    cut(&mut out, span, &mut copied);
                }
            }
            // Depth guard: past MAX_NESTING, start tags (and as many end
            // tags) are left out, as browsers do.
            Token::Start { name, span, .. } if nests(name) => {
                if open.len() >= MAX_NESTING {
                    over += 1;
                    cut(&mut out, span, &mut copied);
                } else {
                    open.push(name);
                }
            }
            Token::End { name, span } if nests(name) => {
                if over > 0 {
                    over -= 1;
                    cut(&mut out, span, &mut copied);
                } else if let Some(i) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                    open.truncate(i);
                }
            }
            _ => {}
        }
    }
    let reduced = match out {
        None => Cow::Borrowed(input),
        Some(mut o) => {
            o.push_str(&input[copied..]);
            Cow::Owned(o)
        }
    };
    (reduced, ct_date)
}

/// How deep elements may nest before their tags are dropped. html5ever
/// walks its stack of open elements for many start and end tags, which is
/// quadratic in the depth; Blink caps the depth at 512 the same way.
const MAX_NESTING: usize = 512;

/// Does an element of this name stay open until its end tag, so that a page
/// can nest it without bound? Not void elements, not those a sibling or a
/// parent's end closes (`p`, `li`, cells, headings), not those a second one
/// closes (`a`, `button`, `nobr`, `form`, `select`), not raw text.
fn nests(name: &[u8]) -> bool {
    let mut buf = [0u8; 10];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return true; // a long, unknown name
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    if is_one_of(lower, &VOID) || tokens::is_raw_text(lower) {
        return false;
    }
    !matches!(
        &*lower,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"html"
            | b"head"
            | b"body"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"a"
            | b"button"
            | b"nobr"
            | b"form"
            | b"select"
    )
}

/// WeChat's publication time: `var ct = "1581418070";` in an inline
/// script's body, as a date in China (UTC+8).
fn wechat_ct_date(input: &str) -> Option<String> {
    let finder = memchr::memmem::Finder::new("var ct");
    let mut from = 0;
    while let Some(i) = finder.find(&input.as_bytes()[from..]) {
        let at = from + i + "var ct".len();
        from = at;
        let rest = input[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start().trim_start_matches(['"', '\'']);
        let digits: &str = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
        if let Ok(secs) = digits.parse::<i64>()
            && secs > 0
        {
            return plausible(unix_to_date(secs, 8 * 3600));
        }
    }
    None
}

/// A date from a timestamp, kept only when its year is plausible for a
/// digest (the calendar check of the text's dates, [`lines::parse_date_prefix`]).
fn plausible(date: String) -> Option<String> {
    lines::parse_date_prefix(&date)
        .is_some_and(|(valid, _, _)| valid.is_some())
        .then_some(date)
}

/// The civil date (`YYYY-MM-DD`) of a Unix time at the given UTC offset
/// (Howard Hinnant's `civil_from_days`).
pub(crate) fn unix_to_date(secs: i64, offset: i64) -> String {
    let days = secs.saturating_add(offset).div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

fn selectors(list: &[&str]) -> Vec<Selector> {
    list.iter()
        .filter_map(|s| Selector::parse(s).ok())
        .collect()
}

static TITLE_SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    selectors(&[
        "#activity-name",
        "h1.news_title",
        "[class*=index_title]",
        ".post_title",
        "h1.post_title",
        ".article__title",
        "h1.article-title",
        ".article-title",
        "h1.Post-Title",
        ".title-article",
        ".article-detail-title",
        ".text-title h1",
    ])
});

static META_TITLE: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    selectors(&[
        "meta[property=\"og:title\"]",
        "meta[name=\"og:title\"]",
        "meta[property=\"twitter:title\"]",
    ])
});

static DOC_TITLE: LazyLock<Vec<Selector>> = LazyLock::new(|| selectors(&["title", "h1"]));

static META_DATE: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    selectors(&[
        "meta[property=\"article:published_time\"]",
        "meta[name=\"article:published_time\"]",
        "meta[name=publishdate]",
        "meta[name=PubDate]",
        "meta[name=pubdate]",
        "meta[itemprop=datePublished]",
        "meta[name=\"weibo: article:create_at\"]",
    ])
});

static ATTR_DATE: LazyLock<Vec<(Selector, &'static str)>> = LazyLock::new(|| {
    [
        ("time[datetime]", "datetime"),
        ("[data-ptime]", "data-ptime"),
        ("[ptime]", "ptime"),
        ("[data-publish-time]", "data-publish-time"),
    ]
    .into_iter()
    .filter_map(|(s, a)| Selector::parse(s).ok().map(|s| (s, a)))
    .collect()
});

static TEXT_DATE: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    selectors(&[
        "#publish_time",
        ".news_about",
        "[class*=index_headerContent]",
        ".post_info",
        ".article__time",
        ".article-meta",
        ".article-info",
        ".time",
        ".date",
        ".ContentItem-time",
    ])
});

static SOURCE: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    selectors(&[
        "#js_name",
        "#ne_article_source",
        ".article__source",
        "meta[name=source]",
        "meta[name=author]",
        "meta[property=\"og:article:author\"]",
    ])
});

/// The text of an element with white space collapsed.
fn element_text(el: ElementRef<'_>) -> String {
    collapse(&el.text().collect::<String>())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of an element for metadata: `content` of a `<meta>`, else its text.
fn meta_value(el: ElementRef<'_>) -> String {
    match el.value().name() {
        "meta" => collapse(el.attr("content").unwrap_or("")),
        _ => element_text(el),
    }
}

/// Elements matching `list` in the pieces of one page: selector by selector,
/// and for each in document order.
fn select_all<'a>(
    page: &'a [&'a Html],
    list: &'a [Selector],
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    list.iter()
        .flat_map(move |s| page.iter().flat_map(move |html| html.select(s)))
}

fn first_value(page: &[&Html], list: &[Selector]) -> Option<String> {
    select_all(page, list)
        .map(meta_value)
        .find(|v| !v.is_empty())
}

/// Site suffixes of `<title>`, longest first where one contains another.
const TITLE_SUFFIXES: [&str; 22] = [
    "_澎湃新闻-The Paper",
    "_澎湃新闻",
    "-澎湃新闻",
    "_网易订阅",
    "_网易新闻",
    "_网易科技",
    "_手机网易网",
    "_网易",
    "_搜狐科技_搜狐网",
    "_搜狐网",
    "_搜狐",
    " - 今日头条",
    "_今日头条",
    " - 知乎",
    "-CSDN博客",
    "_CSDN博客",
    " - 机器之心",
    "| 机器之心",
    "_机器之心",
    " - 专知",
    "_专知",
    " - 专知VIP",
];

/// `<title>` less the site's suffix (`_网易订阅`, `_政务_澎湃新闻-The Paper`, ` - 知乎`).
pub(crate) fn strip_title_suffix(title: &str) -> &str {
    let mut t = trim(title);
    for suffix in TITLE_SUFFIXES {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = trim(rest);
            // A channel name before the site name: `…_政务_澎湃新闻`.
            if let Some(i) = t.rfind('_') {
                let channel = &t[i + 1..];
                if !channel.is_empty() && channel.chars().count() <= 6 && !channel.contains(' ') {
                    t = trim(&t[..i]);
                }
            }
            return t;
        }
    }
    // An unknown site: a short last segment after `_` or ` - ` is its name.
    for sep in ["_", " - ", " — "] {
        if let Some(i) = t.rfind(sep) {
            let tail = trim(&t[i + sep.len()..]);
            if !tail.is_empty() && tail.chars().count() <= 12 && !tail.contains(['|', '｜']) {
                return trim(&t[..i]);
            }
        }
    }
    t
}

/// The first date (`2022-04-10`, `2022年4月10日`, `2022/4/10`) in `s`.
pub(crate) fn find_date(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    for (i, _) in s.char_indices() {
        if bytes[i].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && let Some((Some(date), _, _)) = lines::parse_date_prefix(&s[i..])
        {
            return Some(date);
        }
    }
    None
}

/// A date from an attribute: a date string, or Unix seconds / milliseconds.
fn attr_date(v: &str) -> Option<String> {
    let v = trim(v);
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = v.parse().ok()?;
        return match v.len() {
            10 => plausible(unix_to_date(n, 8 * 3600)),
            13 => plausible(unix_to_date(n / 1000, 8 * 3600)),
            _ => None,
        };
    }
    find_date(v)
}

/// The page's metadata, from its pieces in document order (the whole page is
/// one piece); the date is looked for only when `want_date`.
fn page_meta(page: &[&Html], want_date: bool) -> Meta {
    let title = first_value(page, &TITLE_SELECTORS)
        .or_else(|| first_value(page, &META_TITLE))
        .or_else(|| {
            select_all(page, &DOC_TITLE)
                .map(|el| strip_title_suffix(&element_text(el)).to_owned())
                .find(|t| !t.is_empty())
        });
    let date = want_date.then(|| page_date(page)).flatten();
    let source = first_value(page, &SOURCE);
    Meta {
        title,
        date,
        source,
    }
}

/// The publication date from meta tags, date attributes or visible date elements.
fn page_date(page: &[&Html]) -> Option<String> {
    select_all(page, &META_DATE)
        .find_map(|el| el.attr("content").and_then(attr_date))
        .or_else(|| {
            ATTR_DATE.iter().find_map(|(s, a)| {
                page.iter()
                    .flat_map(|html| html.select(s))
                    .filter_map(|el| el.attr(a))
                    .find_map(attr_date)
            })
        })
        .or_else(|| select_all(page, &TEXT_DATE).find_map(|el| find_date(&element_text(el))))
}

// ---------------------------------------------------------------------------
// The container
// ---------------------------------------------------------------------------

/// What a byte scan of the page can know about a container selector.
#[derive(Clone, Copy)]
enum Key {
    /// `#id` or `.class`: an element with this id or class, a whole word.
    Word(&'static str),
    /// `tag` or `tag.class`: not locatable, but needs `<tag`.
    Tag(&'static str),
    /// `[class*=x]`: not locatable, but needs `x`.
    Needs(&'static str),
}

impl Key {
    /// The key of a selector from [`CONTAINER_LIST`]. Anything else needs
    /// the empty string, so it is never passed over.
    fn of(selector: &'static str) -> Key {
        let simple = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        };
        if let Some(word) = selector.strip_prefix(['#', '.']).filter(|w| simple(w)) {
            Key::Word(word)
        } else if let Some(part) = selector
            .strip_prefix("[class*=")
            .and_then(|r| r.strip_suffix(']'))
            .filter(|w| simple(w))
        {
            Key::Needs(part)
        } else {
            match selector.split('.').next() {
                Some(tag) if simple(tag) => Key::Tag(tag),
                _ => Key::Needs(""),
            }
        }
    }

    /// The bytes a page must hold for the selector to match.
    fn needle(self) -> String {
        match self {
            Key::Word(s) | Key::Needs(s) => s.to_owned(),
            Key::Tag(t) => format!("<{t}"),
        }
    }
}

/// Article containers per site, most specific first.
const CONTAINER_LIST: [&str; 21] = [
    // WeChat
    "#js_content",
    ".rich_media_content",
    // jiqizhixin.com
    ".article__content",
    ".js-article-content",
    // thepaper.cn (classic and the Next.js redesign)
    ".news_txt",
    "[class*=index_cententWrap]",
    // 163.com
    ".post_body",
    "#endText",
    // sohu.com
    "#mp-editor",
    "article.article",
    // toutiao.com
    ".article-content",
    // zhuanzhi.ai
    ".zz-article-content",
    ".article-detail-content",
    // zhihu
    ".Post-RichText",
    ".RichText",
    // csdn
    "#content_views",
    "#article_content",
    // generic ids and elements the sites above also use
    "#content",
    "article",
    ".article",
    "main",
];

static CONTAINERS: LazyLock<Vec<(Selector, Key)>> = LazyLock::new(|| {
    CONTAINER_LIST
        .iter()
        .filter_map(|s| Selector::parse(s).ok().map(|sel| (sel, Key::of(s))))
        .collect()
});

/// Every container's needle, ASCII-lowercased (quirks-mode pages match ids
/// and classes case-insensitively), in [`CONTAINERS`]' order.
static NEEDLES: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    CONTAINERS
        .iter()
        .map(|(_, key)| {
            memchr::memmem::Finder::new(key.needle().to_ascii_lowercase().as_bytes()).into_owned()
        })
        .collect()
});

/// A comment appended to the container's range to check where the parse
/// ends the element.
const SENTINEL: &str = "paper-digest: end of the container";

/// The page's leading doctype (with any white space and comments before
/// it), or nothing when it does not start with one.
fn doctype(reduced: &str) -> &str {
    let mut text_from = 0;
    for token in Tokens::new(reduced.as_bytes()) {
        let span = token.span();
        if !reduced.as_bytes()[text_from..span.start]
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            return "";
        }
        match token {
            Token::Comment { .. } => text_from = span.end,
            Token::Doctype { .. } => return &reduced[..span.end],
            _ => return "",
        }
    }
    ""
}

/// Finds the article container without parsing: the byte range of its
/// element and the selector it must match.
///
/// The containers are tried in [`find_container`]'s order. One whose needle
/// does not occur in the page (ASCII case-insensitively; ids and classes as
/// whole words) cannot match and is passed over. The first that does occur
/// must be an `#id` or `.class` occurring exactly once, inside a start tag;
/// otherwise the scan gives up (`None`) and the whole page is parsed. An id
/// or class written with character references is not seen by the scan: the
/// page then gets a lower-priority container or the whole-page parse.
///
/// The element ends at its matching end tag, found by counting start and end
/// tags of its name (comments skipped; script and style bodies are already
/// gone), or at the end of the page when it is never closed. The caller
/// parses the range and checks that its first element matches.
fn locate(reduced: &str) -> Option<(Range<usize>, &'static Selector)> {
    let bytes = reduced.as_bytes();
    // Lowercasing keeps every byte offset.
    let lower = reduced.to_ascii_lowercase();
    let lower = lower.as_bytes();
    let mut found = None;
    for (needle, (selector, key)) in NEEDLES.iter().zip(CONTAINERS.iter()) {
        let mut hits = needle.find_iter(lower);
        if !matches!(key, Key::Word(_)) {
            if hits.next().is_some() {
                return None;
            }
            continue;
        }
        // An id or class is a whole word: `news_txt` is not in `news_txtad`.
        let name_byte = |i: Option<&u8>| {
            i.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        };
        let mut words = hits.filter(|&at| {
            !name_byte(at.checked_sub(1).and_then(|i| lower.get(i)))
                && !name_byte(lower.get(at + needle.needle().len()))
        });
        if let Some(at) = words.next() {
            if words.next().is_some() {
                return None;
            }
            found = Some((at, selector));
            break;
        }
    }
    let (at, selector) = found?;
    // The needle must stand in a start tag (in an attribute), not in text,
    // a comment or a raw-text body.
    let mut tokens = Tokens::new(bytes);
    let (name, lt) = loop {
        match tokens.next()? {
            Token::Start { name, span, .. } if span.contains(&at) => break (name, span.start),
            token if token.span().end > at => return None,
            _ => {}
        }
    };
    Some((lt..element_end(tokens, name)?, selector))
}

/// Start tags that may close elements opened before the range (an `<li>`
/// closes the `<li>` around a `<div>`), unless a parent for them was opened
/// inside it.
const NEEDS_PARENT: [(&[u8], Parent); 10] = [
    (b"li", Parent::List),
    (b"dd", Parent::Dl),
    (b"dt", Parent::Dl),
    (b"td", Parent::Table),
    (b"th", Parent::Table),
    (b"tr", Parent::Table),
    (b"tbody", Parent::Table),
    (b"thead", Parent::Table),
    (b"tfoot", Parent::Table),
    (b"caption", Parent::Table),
];

/// Elements the scan keeps a count of, so that every check is constant-time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    /// `<ul>`, `<ol>`, `<menu>`: what an `<li>` needs.
    List,
    /// `<dl>`: what `<dd>` and `<dt>` need.
    Dl,
    /// `<table>`: what rows and cells need.
    Table,
    /// `<p>`: a stray `</p>` closes nothing outside.
    P,
}

impl Parent {
    fn of(tag: &[u8]) -> Option<Parent> {
        if is_one_of(tag, &[b"ul", b"ol", b"menu"]) {
            Some(Parent::List)
        } else if tag.eq_ignore_ascii_case(b"dl") {
            Some(Parent::Dl)
        } else if tag.eq_ignore_ascii_case(b"table") {
            Some(Parent::Table)
        } else if tag.eq_ignore_ascii_case(b"p") {
            Some(Parent::P)
        } else {
            None
        }
    }
}

/// The scan's stack of open elements, with counts of the [`Parent`]s in it.
struct OpenElements<'a> {
    names: Vec<&'a [u8]>,
    counts: [usize; 4],
    /// Of the open `table`, `td`, `th` and `caption` elements, in order:
    /// whether each is a `table`.
    tables: Vec<bool>,
}

impl<'a> OpenElements<'a> {
    fn new(root: &'a [u8]) -> Self {
        let mut open = OpenElements {
            names: Vec::new(),
            counts: [0; 4],
            tables: Vec::new(),
        };
        open.push(root);
        open
    }

    fn count(&self, parent: Parent) -> usize {
        self.counts[parent as usize]
    }

    fn push(&mut self, name: &'a [u8]) {
        if let Some(p) = Parent::of(name) {
            self.counts[p as usize] += 1;
        }
        if is_one_of(name, &TABLE_CONTEXT) {
            self.tables.push(name.eq_ignore_ascii_case(b"table"));
        }
        self.names.push(name);
    }

    /// Pops everything from `len` up.
    fn truncate(&mut self, len: usize) {
        while self.names.len() > len {
            let Some(name) = self.names.pop() else { break };
            if let Some(p) = Parent::of(name) {
                self.counts[p as usize] = self.counts[p as usize].saturating_sub(1);
            }
            if is_one_of(name, &TABLE_CONTEXT) {
                self.tables.pop();
            }
        }
    }

    /// Is the innermost table context a table rather than a cell or caption?
    /// A `<table>` start tag there closes the open table.
    fn in_table_body(&self) -> bool {
        self.tables.last() == Some(&true)
    }
}

/// The elements that decide what a `<table>` start tag does.
const TABLE_CONTEXT: [&[u8]; 4] = [b"table", b"td", b"th", b"caption"];

/// Elements that bound the scope an end tag acts in: an end tag whose
/// element is below one of them is ignored by a real parse.
const SCOPE: [&[u8]; 8] = [
    b"table",
    b"td",
    b"th",
    b"caption",
    b"object",
    b"applet",
    b"marquee",
    b"template",
];

/// Elements without an end tag.
const VOID: [&[u8]; 19] = [
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"image",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"param",
    b"keygen",
    b"frame",
    b"basefont",
    b"bgsound",
];

/// Just past the end tag matching an element named `name` whose start tag
/// ends at `from`; the end of the input when there is none.
///
/// The tags between are followed on a stack of open elements: an end tag
/// closes the last open element of its name and everything opened after it,
/// as a real parse does. `None` when a real parse could end the element
/// elsewhere: an end tag for nothing open in the range (it may close an
/// ancestor, and the element with it) or behind a table or cell, a list item
/// or table cell without its list or table, or an element whose contents are
/// not markup.
fn element_end(tokens: Tokens<'_>, name: &[u8]) -> Option<usize> {
    let end_of_input = tokens.len();
    let mut open = OpenElements::new(name);
    for token in tokens {
        match token {
            // Comments, doctypes and raw-text bodies hold no tags.
            Token::Comment { .. } | Token::Doctype { .. } | Token::RawText { .. } => {}
            Token::End { name: tag, span } => {
                // `</br>` is a `<br>`; a `</p>` without an open `<p>` makes an
                // empty paragraph: neither closes anything.
                if tag.eq_ignore_ascii_case(b"br")
                    || (tag.eq_ignore_ascii_case(b"p") && open.count(Parent::P) == 0)
                {
                    continue;
                }
                // Anything else closes the last open element of its name, or
                // something outside the range (and the element with it).
                let i = open
                    .names
                    .iter()
                    .rposition(|n| n.eq_ignore_ascii_case(tag))?;
                // Behind a scope boundary (or, for `</li>`, a list) a real parse
                // ignores the end tag, or closes something else.
                let li = tag.eq_ignore_ascii_case(b"li");
                if open.names[i + 1..]
                    .iter()
                    .any(|n| is_one_of(n, &SCOPE) || (li && is_one_of(n, &[b"ul", b"ol"])))
                {
                    return None;
                }
                if i == 0 {
                    return Some(span.end);
                }
                open.truncate(i);
            }
            Token::Start { name: tag, .. } => {
                // A `<table>` straight inside a table (not in a cell or caption)
                // closes that table first, which a tag count does not follow.
                if tag.eq_ignore_ascii_case(b"table") && open.in_table_body() {
                    return None;
                }
                if let Some((_, parent)) = NEEDS_PARENT
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(tag))
                    && open.count(*parent) == 0
                {
                    return None;
                }
                if !is_one_of(tag, &VOID) {
                    open.push(tag);
                }
            }
        }
    }
    Some(end_of_input)
}

/// A container must hold at least this many characters of text.
const MIN_CONTAINER_TEXT: usize = 200;

/// Elements whose contents are never content.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "head"
            | "textarea"
            | "select"
            | "button"
            | "object"
            | "canvas"
            | "math"
    )
}

/// Elements the density fallback may step into: blocks that hold blocks.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "center"
            | "table"
            | "tbody"
            | "tr"
            | "td"
            | "font"
    )
}

/// Elements the density fallback does not count (site furniture).
fn is_furniture(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "form")
}

/// The number of text bytes under `el`, counting at most `cap`.
fn text_len(el: ElementRef<'_>, cap: usize) -> usize {
    let mut n = 0;
    for t in el.text() {
        n += trim(t).len();
        if n >= cap {
            break;
        }
    }
    n
}

fn find_container(html: &Html) -> ElementRef<'_> {
    for (sel, _) in CONTAINERS.iter() {
        let best = html
            .select(sel)
            .map(|el| (text_len(el, usize::MAX), el))
            .filter(|(n, _)| *n >= MIN_CONTAINER_TEXT)
            .max_by_key(|(n, _)| *n);
        if let Some((_, el)) = best {
            return el;
        }
    }
    densest(html)
}

/// The generic fallback: from `<body>` down, the container child holding
/// most (60 %) of its parent's text, for as long as there is one.
fn densest(html: &Html) -> ElementRef<'_> {
    let root = html.root_element();
    let body = Selector::parse("body")
        .ok()
        .and_then(|s| html.select(&s).next())
        .unwrap_or(root);
    // Text bytes per element subtree, computed on the close edges.
    let mut sums: HashMap<NodeId, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut skip: Option<NodeId> = None;
    for edge in body.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        if is_skipped(e.name()) || is_furniture(e.name()) || look(e).hidden {
                            skip = Some(node.id());
                        } else {
                            stack.push(0);
                        }
                    }
                    Node::Text(t) => {
                        if let Some(top) = stack.last_mut() {
                            *top += trim(t).len();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if node.value().is_element() {
                    let n = stack.pop().unwrap_or(0);
                    if let Some(parent) = stack.last_mut() {
                        *parent += n;
                    }
                    sums.insert(node.id(), n);
                }
            }
        }
    }
    let mut current = body;
    loop {
        let total = sums.get(&current.id()).copied().unwrap_or(0);
        // Only containers are candidates: stepping into a heading or a
        // paragraph that happens to hold most of a short page's text would
        // leave its siblings out.
        let next = current.child_elements().find(|c| {
            is_container(c.value().name())
                && sums.get(&c.id()).copied().unwrap_or(0) * 10 >= total * 6
                && total > 0
        });
        match next {
            Some(c) => current = c,
            None => return current,
        }
    }
}

// ---------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------

/// Elements that end a line when they open and when they close.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "pre"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
    )
}

fn block_hint(name: &str) -> Hint {
    match name {
        "h1" => Hint::Heading(1),
        "h2" => Hint::Heading(2),
        "h3" => Hint::Heading(3),
        "h4" => Hint::Heading(4),
        "h5" => Hint::Heading(5),
        "h6" => Hint::Heading(6),
        "li" => Hint::ListItem,
        "blockquote" => Hint::Quote,
        "figcaption" => Hint::Caption,
        _ => Hint::Plain,
    }
}

/// What an element's attributes say about how it is shown, read once per
/// element.
#[derive(Clone, Copy, Default)]
struct Look {
    /// `hidden`, or `display: none`.
    hidden: bool,
    /// A font size of at most 14px (WeChat's caption convention).
    small: bool,
    /// `text-align: center`, `align="center"` or `<center>`.
    centered: bool,
}

fn look(el: &Element) -> Look {
    let mut look = Look {
        hidden: el.attr("hidden").is_some(),
        small: false,
        centered: el.name() == "center"
            || el
                .attr("align")
                .is_some_and(|a| a.trim().eq_ignore_ascii_case("center")),
    };
    // Inline CSS declarations; a later one overrides an earlier one.
    for decl in el.attr("style").unwrap_or("").split(';') {
        let Some((name, value)) = decl.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim().trim_end_matches("!important").trim();
        if name.eq_ignore_ascii_case("display") {
            look.hidden = look.hidden || value.eq_ignore_ascii_case("none");
        } else if name.eq_ignore_ascii_case("text-align") {
            look.centered = value.eq_ignore_ascii_case("center");
        } else if name.eq_ignore_ascii_case("font-size") {
            look.small = value
                .strip_suffix("px")
                .and_then(|v| v.trim().parse::<f32>().ok())
                .is_some_and(|px| px <= 14.0);
        }
    }
    look
}

/// An image's URL: lazy attributes first; no `data:` URIs, no 1×1 trackers.
fn image_url(el: &Element) -> Option<String> {
    let tiny = |a: &str| {
        el.attr(a)
            .is_some_and(|v| matches!(v.trim(), "0" | "1" | "1px" | "0px"))
    };
    if tiny("width") && tiny("height") {
        return None;
    }
    [
        "data-src",
        "data-original",
        "data-actualsrc",
        "data-lazy-src",
        "src",
    ]
    .iter()
    .filter_map(|a| el.attr(a))
    .map(str::trim)
    .find(|v| !v.is_empty() && !v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")))
    .map(str::to_owned)
}

#[derive(Default)]
struct Walker {
    lines: Vec<Line<'static>>,
    buf: String,
    hrefs: Vec<String>,
    /// `N. ` of an `<ol>` item, written before its first text.
    prefix: Option<String>,
    /// Effective hint per open block (the innermost non-plain one).
    hints: Vec<Hint>,
    /// Per open list: the next number (`<ol>`) or `None` (`<ul>`).
    lists: Vec<Option<u32>>,
    pre: usize,
    /// How each open element is shown, to undo on its close.
    looks: Vec<Look>,
    small: usize,
    centered: usize,
    /// All text of the current line was small and centered.
    all_small: bool,
    /// The last line emitted was an image.
    after_image: bool,
}

impl Walker {
    fn hint(&self) -> Hint {
        self.hints.last().copied().unwrap_or(Hint::Plain)
    }

    fn flush(&mut self) {
        let text = trim(&self.buf);
        if !text.is_empty() {
            let mut hint = self.hint();
            if hint == Hint::Plain
                && self.after_image
                && self.all_small
                && text.chars().count() <= 60
            {
                hint = Hint::Caption;
            }
            self.lines.push(Line {
                text: Cow::Owned(text.to_owned()),
                hint,
                hrefs: std::mem::take(&mut self.hrefs),
                image: None,
                lineno: 0,
            });
            self.after_image = false;
        }
        self.buf.clear();
        self.hrefs.clear();
        self.all_small = true;
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.inline_text(first);
            }
            for part in parts {
                self.flush();
                self.inline_text(part);
            }
        } else {
            self.inline_text(t);
        }
    }

    fn inline_text(&mut self, t: &str) {
        if t.chars().all(char::is_whitespace) {
            if !t.is_empty() && !self.buf.is_empty() && !self.buf.ends_with(' ') {
                self.buf.push(' ');
            }
            return;
        }
        if let Some(p) = self.prefix.take() {
            let rest = std::mem::replace(&mut self.buf, p);
            self.buf.push_str(trim(&rest));
        }
        if !(self.small > 0 && self.centered > 0) {
            self.all_small = false;
        }
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !self.buf.is_empty() && !self.buf.ends_with(' ') {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
            }
        }
    }

    fn open(&mut self, el: &Element, look: Look) {
        let name = el.name();
        self.looks.push(look);
        self.small += usize::from(look.small);
        self.centered += usize::from(look.centered);
        match name {
            "br" => return self.flush(),
            "img" => {
                if let Some(url) = image_url(el) {
                    self.flush();
                    self.lines.push(Line {
                        text: Cow::Owned(trim(el.attr("alt").unwrap_or("")).to_owned()),
                        hint: Hint::Image,
                        hrefs: Vec::new(),
                        image: Some(url),
                        lineno: 0,
                    });
                    self.after_image = true;
                }
                return;
            }
            "a" => {
                if let Some(href) = el.attr("href").map(str::trim) {
                    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
                    if !href.is_empty()
                        && !href.starts_with('#')
                        && !lower.starts_with("javascript:")
                    {
                        self.hrefs.push(href.to_owned());
                    }
                }
            }
            _ => {}
        }
        if is_block(name) {
            self.flush();
            let own = block_hint(name);
            let hint = if own == Hint::Plain { self.hint() } else { own };
            self.hints.push(hint);
            match name {
                "ol" => {
                    let start = el
                        .attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1);
                    self.lists.push(Some(start));
                }
                "ul" => self.lists.push(None),
                "li" => {
                    if let Some(Some(n)) = self.lists.last_mut() {
                        let n_now = *n;
                        *n = n.saturating_add(1);
                        let value = el.attr("value").and_then(|v| v.trim().parse().ok());
                        let shown = value.unwrap_or(n_now);
                        if let (Some(v), Some(Some(n))) = (value, self.lists.last_mut()) {
                            *n = u32::saturating_add(v, 1);
                        }
                        self.prefix = Some(format!("{shown}. "));
                    }
                }
                "pre" => self.pre += 1,
                _ => {}
            }
        }
    }

    fn close(&mut self, el: &Element) {
        let name = el.name();
        if is_block(name) {
            self.flush();
            self.hints.pop();
            match name {
                "ol" | "ul" => {
                    self.lists.pop();
                }
                "li" => self.prefix = None,
                "pre" => self.pre = self.pre.saturating_sub(1),
                _ => {}
            }
        }
        let look = self.looks.pop().unwrap_or_default();
        self.small = self.small.saturating_sub(usize::from(look.small));
        self.centered = self.centered.saturating_sub(usize::from(look.centered));
    }
}

/// Walks `root` iteratively and returns its logical lines.
fn walk(root: ElementRef<'_>) -> Vec<Line<'static>> {
    let mut w = Walker {
        all_small: true,
        ..Walker::default()
    };
    let mut skip: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.text(t),
                    Node::Element(e) => {
                        let look = look(e);
                        if is_skipped(e.name()) || look.hidden {
                            skip = Some(node.id());
                        } else {
                            w.open(e, look);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    w.close(e);
                }
            }
        }
    }
    w.flush();
    w.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document<'_>) -> Vec<(String, Hint)> {
        doc.lines
            .iter()
            .map(|l| (l.text.to_string(), l.hint))
            .collect()
    }

    #[test]
    fn unix_dates_in_china() {
        assert_eq!(unix_to_date(1_581_418_070, 8 * 3600), "2020-02-11");
        assert_eq!(unix_to_date(0, 0), "1970-01-01");
        assert_eq!(unix_to_date(951_782_400, 0), "2000-02-29");
        // 23:30 UTC on 2022-04-09 is already the 10th in Beijing.
        assert_eq!(unix_to_date(1_649_547_000, 8 * 3600), "2022-04-10");
        assert_eq!(unix_to_date(-86_400, 0), "1969-12-31");
        // Timestamps become dates only within the plausible years.
        assert_eq!(wechat_ct_date("var ct = \"1\";"), None);
        assert_eq!(
            wechat_ct_date("var ct = \"1581418070\";").as_deref(),
            Some("2020-02-11")
        );
        assert_eq!(attr_date("99999999999"), None);
        assert_eq!(attr_date("4102444800").as_deref(), Some("2100-01-01"));
    }

    #[test]
    fn script_and_style_bodies_are_cut() {
        let page = "<p>a</p><script type=x>if (a<b) {}</script ><STYLE>p{}</STYLE><!-- <script> --><p>b</p><scripts>c</scripts>";
        assert_eq!(
            strip_raw_text(page),
            "<p>a</p><script type=x></script ><STYLE></STYLE><!-- <script> --><p>b</p><scripts>c</scripts>"
        );
        // An unclosed script runs to the end of the page, as in a parse.
        assert_eq!(strip_raw_text("<script>never closed"), "<script>");
    }

    #[test]
    fn blocks_inlines_lists_links_images() {
        let doc = lines(
            "<body><article><h1>7 Papers &amp; Radios | 甲;乙</h1><p>论文链接：<a href=\"https://arxiv.org/abs/1\">这里</a></p>\
             <p>a <strong>b</strong><br>c</p><ol><li><section>x. (from A)</section></li><li>y</li></ol>\
             <figure><img data-src=\"https://i/1.png\" src=\"data:image/gif;base64,AA\"><figcaption>图 1 网络</figcaption></figure>\
             <img src=\"https://t/p.gif\" width=1 height=1><script>var x = '<p>no</p>';</script>\
             <blockquote>引文</blockquote>",
        );
        assert_eq!(
            texts(&doc),
            vec![
                ("7 Papers & Radios | 甲;乙".into(), Hint::Heading(1)),
                ("论文链接：这里".into(), Hint::Plain),
                ("a b".into(), Hint::Plain),
                ("c".into(), Hint::Plain),
                ("1. x. (from A)".into(), Hint::ListItem),
                ("2. y".into(), Hint::ListItem),
                ("".into(), Hint::Image),
                ("图 1 网络".into(), Hint::Caption),
                ("引文".into(), Hint::Quote),
            ]
        );
        assert_eq!(doc.lines[1].hrefs, ["https://arxiv.org/abs/1"]);
        assert_eq!(doc.lines[6].image.as_deref(), Some("https://i/1.png"));
        let numbers: Vec<usize> = doc.lines.iter().map(|l| l.lineno).collect();
        assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
    }

    #[test]
    fn wechat_small_centered_caption_after_image() {
        let doc = lines(
            "<div id=js_content><p>正文正文正文</p><p style=\"text-align: center\"><img data-src=\"https://i/2.png\"></p>\
             <p style=\"text-align: center;\"><span style=\"font-size: 12px;color: rgb(136,136,136)\">网络结构</span></p>\
             <p style=\"text-align: center;\"><span style=\"font-size: 12px\">不是图注：前一行不是图</span></p></div>",
        );
        let hints: Vec<Hint> = doc.lines.iter().map(|l| l.hint).collect();
        assert_eq!(
            hints,
            [Hint::Plain, Hint::Image, Hint::Caption, Hint::Plain]
        );
    }

    #[test]
    fn a_styled_image_does_not_undo_its_sections_style() {
        // The image's own small font once cancelled the section's on close.
        let doc = lines(
            "<div id=js_content><section style=\"text-align: center; font-size: 12px\">\
             <img style=\"font-size: 12px\" data-src=\"https://i/3.png\"><span>图 3 结构</span></section></div>",
        );
        let hints: Vec<Hint> = doc.lines.iter().map(|l| l.hint).collect();
        assert_eq!(hints, [Hint::Image, Hint::Caption]);
    }

    #[test]
    fn later_css_declarations_win() {
        let el = |html: &str| {
            let frag = Html::parse_fragment(html);
            let root = frag
                .root_element()
                .child_elements()
                .next()
                .map(|e| look(e.value()));
            root.unwrap_or_default()
        };
        assert!(el("<p style=\"text-align:left; TEXT-ALIGN: Center !important\">x</p>").centered);
        assert!(!el("<p style=\"text-align:center;text-align:left\">x</p>").centered);
        assert!(el("<p style=\"font-size: 14px\">x</p>").small);
        assert!(!el("<p style=\"font-size: 15px\">x</p>").small);
        assert!(el("<p style=\"display:none\">x</p>").hidden);
        assert!(el("<p hidden>x</p>").hidden);
        assert!(el("<p align=CENTER>x</p>").centered);
    }

    #[test]
    fn title_outside_the_container_comes_first() {
        let doc = lines(
            "<html><head><title>7 Papers &amp; Radios | 甲;乙_网易订阅</title></head><body>\
             <div class=post_body><p>本周论文包括……这是一段足够长的介绍文字。</p></div></body></html>",
        );
        assert_eq!(doc.meta.title.as_deref(), Some("7 Papers & Radios | 甲;乙"));
        assert_eq!(doc.lines[0].hint, Hint::Heading(1));
        assert_eq!(doc.lines[0].text, "7 Papers & Radios | 甲;乙");
    }

    #[test]
    fn title_suffixes() {
        assert_eq!(strip_title_suffix("标题_政务_澎湃新闻-The Paper"), "标题");
        assert_eq!(strip_title_suffix("A | B - 知乎"), "A | B");
        assert_eq!(strip_title_suffix("A | B_网易订阅"), "A | B");
        assert_eq!(strip_title_suffix("plain"), "plain");
        assert_eq!(strip_title_suffix("A | B_某资讯站"), "A | B");
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(
            find_date("2019-08-13 14:07 来源：澎湃新闻").as_deref(),
            Some("2019-08-13")
        );
        assert_eq!(
            find_date("发布于 2022年4月10日").as_deref(),
            Some("2022-04-10")
        );
        assert_eq!(find_date("前天"), None);
        assert_eq!(attr_date("1649520000000").as_deref(), Some("2022-04-10"));
    }

    #[test]
    fn deep_trees_are_walked_without_recursion() {
        // Build a tree 200,000 elements deep directly (the parser's input is
        // capped at MAX_NESTING), and walk it on a 256 KiB stack.
        let run = || {
            let mut html = Html::parse_document("<div>x</div><p>7 Papers &amp; Radios | 甲</p>");
            let div = Selector::parse("div")
                .ok()
                .and_then(|s| html.select(&s).next().map(|d| d.id()));
            let Some(div) = div else { return 0 };
            let value = html.tree.get(div).map(|n| n.value().clone());
            let Some(value) = value else { return 0 };
            let mut id = div;
            for _ in 0..200_000 {
                let Some(mut node) = html.tree.get_mut(id) else {
                    return 0;
                };
                id = node.append(value.clone()).id();
            }
            if let Some(mut node) = html.tree.get_mut(id) {
                node.append(Node::Text(scraper::node::Text {
                    text: "深处".into(),
                }));
            }
            let lines = walk(html.root_element());
            let dense = densest(&html).id();
            assert!(html.tree.get(dense).is_some());
            lines.len()
        };
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(run);
        let lines = handle.ok().map(|h| h.join());
        assert!(matches!(lines, Some(Ok(3))), "{lines:?}");
    }

    #[test]
    fn nesting_is_capped_before_parsing() {
        let page = format!(
            "{}深处{}",
            "<div class=a>".repeat(2000),
            "</div>".repeat(2000)
        );
        let reduced = strip_raw_text(&page);
        assert_eq!(reduced.matches("<div").count(), MAX_NESTING);
        assert_eq!(reduced.matches("</div>").count(), MAX_NESTING);
        assert!(reduced.contains("深处"));
    }

    #[test]
    fn site_fixtures_use_their_site_container() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/");
        for (file, class) in [
            ("wechat.html", "rich_media_content "),
            ("jiqizhixin.html", "article__content js-article-content"),
            ("thepaper.html", "news_txt"),
            ("163.html", "post_body"),
            ("sohu.html", "article"),
            ("toutiao.html", "article-content"),
            ("zhuanzhi.html", "article-detail-content"),
            ("zhihu.html", "RichText ztext Post-RichText css-1g0fqss"),
            ("csdn.html", "htmledit_views"),
            ("generic.html", "entry"),
            ("real/thepaper-2019-08-13.html", "news_txt"),
            ("real/wechat-2020-02-11.html", "rich_media_content "),
        ] {
            let page = std::fs::read_to_string(format!("{dir}{file}")).unwrap_or_default();
            let html = Html::parse_document(&strip_raw_text(&page));
            assert_eq!(
                find_container(&html).value().attr("class"),
                Some(class),
                "{file}"
            );
        }
    }

    #[test]
    fn the_located_container_agrees_with_the_whole_page_parse() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut fast = Vec::new();
        for file in [
            "tests/fixtures/html/wechat.html",
            "tests/fixtures/html/jiqizhixin.html",
            "tests/fixtures/html/thepaper.html",
            "tests/fixtures/html/163.html",
            "tests/fixtures/html/sohu.html",
            "tests/fixtures/html/toutiao.html",
            "tests/fixtures/html/zhuanzhi.html",
            "tests/fixtures/html/zhihu.html",
            "tests/fixtures/html/csdn.html",
            "tests/fixtures/html/generic.html",
            "tests/fixtures/html/real/thepaper-2019-08-13.html",
            "tests/fixtures/html/real/wechat-2020-02-11.html",
            "benches/data/wechat-digest.html",
        ] {
            let page = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
            let reduced = strip_raw_text(&page);
            for want_date in [true, false] {
                if let Some(located) = located(&reduced, want_date) {
                    assert_eq!(located, whole(&reduced, want_date), "{file}");
                    fast.push(file.rsplit('/').next().unwrap_or(file));
                }
            }
        }
        fast.dedup();
        // zhihu, csdn, toutiao and generic pages hold an `<article>`, which
        // `article.article` might match: they are parsed whole.
        assert_eq!(
            fast,
            [
                "wechat.html",
                "jiqizhixin.html",
                "thepaper.html",
                "163.html",
                "sohu.html",
                "zhuanzhi.html",
                "thepaper-2019-08-13.html",
                "wechat-2020-02-11.html",
                "wechat-digest.html",
            ]
        );
    }

    #[test]
    fn container_keys_come_from_their_selectors() {
        let needles: Vec<String> = CONTAINER_LIST.iter().map(|s| Key::of(s).needle()).collect();
        assert_eq!(
            CONTAINERS.len(),
            CONTAINER_LIST.len(),
            "every selector parses"
        );
        assert_eq!(needles[0], "js_content");
        assert_eq!(needles[5], "index_cententWrap");
        assert_eq!(needles[9], "<article");
        assert_eq!(needles[20], "<main");
        assert!(matches!(Key::of(".post_body"), Key::Word("post_body")));
        assert!(matches!(Key::of("div > p"), Key::Needs("")));
    }

    #[test]
    fn location_gives_up_unless_it_is_sure() {
        let body = "甲乙丙丁".repeat(30);
        // Found: one id in a start tag; nested divs and a comment holding an
        // end tag are counted right.
        let page = format!(
            "<title>t</title><div id=\"js_content\"><div>{body}</div><!-- </div> --></div><p>after</p>"
        );
        let (range, _) = locate(&page).unwrap();
        assert!(page[range].ends_with("--></div>"));
        // The needle twice, in text rather than a tag, or in another
        // attribute: the whole page is parsed instead.
        for page in [
            format!("<div id=js_content>{body}</div><div id=js_content></div>"),
            format!("<p>js_content</p><div>{body}</div>"),
            format!("<div data-x=js_content>{body}</div>"),
        ] {
            let reduced = strip_raw_text(&page);
            assert!(located(&reduced, true).is_none(), "{page}");
        }
        // A higher-priority container anywhere in the page rules out the
        // scan for a lower one.
        let page = format!("<div class=\"post_body\">{body}</div><div id=js_content></div>");
        assert!(locate(&page).is_none() || located(&page, true).is_none());
        // Never closed: the element runs to the end of the page.
        let page = format!("<div class=news_txt><p>{body}");
        assert_eq!(locate(&page).unwrap().0, 0..page.len());
    }

    mod location {
        use super::*;
        use proptest::collection::vec;
        use proptest::prelude::*;
        use proptest::sample::select;

        /// Elements the container may sit in; `<a>` and other formatting
        /// elements around a whole article are left out (see [`locate`]).
        const ANCESTORS: [(&str, &str); 8] = [
            ("<div class=outer>", "</div>"),
            ("<section>", "</section>"),
            ("<ul><li>", "</li></ul>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<blockquote>", "</blockquote>"),
            ("<dl><dd>", "</dd></dl>"),
            ("<center>", "</center>"),
            ("<li>", "</li>"),
        ];

        /// Markup inside and after the container, well-formed or not.
        const TOKENS: [&str; 52] = [
            "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥",
            "论文 1：标题",
            "作者：张三、李四",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<DIV class=x>",
            "</DIV >",
            "<div/>",
            "<section>",
            "</section>",
            "<span>",
            "</span>",
            "<ul>",
            "</ul>",
            "<li>",
            "</li>",
            "<table>",
            "</table>",
            "<tr>",
            "<td>",
            "</td>",
            "<dl>",
            "<dd>",
            "</dd>",
            "<br>",
            "</br>",
            "<h2>",
            "</h2>",
            "<b>",
            "</b>",
            "<a href=\"https://arxiv.org/abs/1\">",
            "</a>",
            "<img data-src=\"https://i/1.png\">",
            "<!-- </div> <div> -->",
            "<p title=\"<div>\">",
            "<p title='</div>' class=y>",
            "<textarea></div></textarea>",
            "<script>var a = '</div>';</script>",
            "<style>p{}</style>",
            "<!doctype html>",
            "<?x <div>?>",
            "</ div>",
            "<blockquote>",
            "</blockquote>",
            "<center>",
            "</center>",
            "<em id=\"publish_time\">2022-04-10</em>",
            "<span id=\"js_name\">机器之心</span>",
            "<p style=\"display:none\">藏</p>",
            "<div id=\"js_content\">",
        ];

        /// Well-formed pieces, so that the scan answers often enough.
        const BALANCED: [&str; 10] = [
            "<p>论文 2：另一个标题</p>",
            "<section><p>作者：王五</p></section>",
            "<ul><li>甲</li><li>乙</li></ul>",
            "<table><tr><td>格</td><td>子</td></tr></table>",
            "<table><tr><td>未闭合<td>的格</table>",
            "<p><a href=\"https://arxiv.org/abs/2\">论文链接</a></p>",
            "<div><div>嵌套</div></div>",
            "<p title=\"<div>\">引号里的标签</p>",
            "<blockquote><p>引文</p></blockquote>",
            "<h2>小标题</h2>",
        ];

        fn token() -> impl Strategy<Value = &'static str> {
            prop_oneof![2 => select(&BALANCED[..]), 1 => select(&TOKENS[..])]
        }

        fn page() -> impl Strategy<Value = String> {
            (
                vec(select(&ANCESTORS[..]), 0..3),
                vec(token(), 0..40),
                any::<bool>(),
                vec(token(), 0..8),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(
                    |(ancestors, inside, closed, after, close_ancestors, doctype)| {
                        let mut page = String::from(if doctype { "<!DOCTYPE html>" } else { "" });
                        page.push_str(
                            "<html><head><title>7 Papers &amp; Radios | 甲</title></head><body>",
                        );
                        for (open, _) in &ancestors {
                            page.push_str(open);
                        }
                        page.push_str("<div class=\"rich_media_content\" id=\"js_content\">");
                        // Enough text for a container, first.
                        page.push_str(&"本周论文包括……".repeat(40));
                        for t in inside {
                            page.push_str(t);
                        }
                        if closed {
                            page.push_str("</div>");
                        }
                        for t in after {
                            page.push_str(t);
                        }
                        if close_ancestors {
                            for (_, close) in ancestors.iter().rev() {
                                page.push_str(close);
                            }
                        }
                        page
                    },
                )
        }

        /// Every check of the scan is constant-time per tag: stray `</p>`s
        /// and list items under many open elements once cost a walk down the
        /// stack each.
        #[test]
        fn the_scan_is_linear() {
            let n = 200_000;
            let page = [
                "<div id=js_content>".to_owned(),
                "<b>".repeat(n),
                "</p>".repeat(n),
                "<ul>".to_owned(),
                "<li>甲".repeat(n),
                "</ul>".to_owned(),
                "</b>".repeat(n),
                "</div><p>after</p>".to_owned(),
            ]
            .concat();
            let bytes = page.as_bytes();
            let end = element_end(Tokens::at(bytes, "<div id=js_content>".len()), b"div");
            assert_eq!(end, Some(page.len() - "<p>after</p>".len()));
        }

        /// What the property below found, each once a wrong answer of the scan.
        #[test]
        fn property_found_boundaries() {
            let text = "本周论文包括……".repeat(40);
            for (what, inside) in [
                (
                    "a date inside the container",
                    "<em id=\"publish_time\">2022-04-10</em>",
                ),
                (
                    "an end tag behind a table is ignored",
                    "<table></div>甲乙丙",
                ),
                (
                    "quirks mode: <table> does not close <p>",
                    "<p title=\"<div>\"><table><tr><td>格</td></tr></table><a href=\"https://arxiv.org/abs/1\"><p>论文 2：标题</p>",
                ),
                (
                    "an end tag closes what opened after it",
                    "<div><ul></div></ul><p>论文 2：标题</p>",
                ),
                (
                    "<div> closes <p>",
                    "<p title=\"<div>\"><DIV class=x></p></div><p>论文 2：标题</p>",
                ),
            ] {
                for ancestors in [("", ""), ("<ul><li><div class=outer>", "</div></li></ul>")] {
                    let page = format!(
                        "<html><head><title>7 Papers &amp; Radios | 甲</title></head><body>{}\
                         <div class=\"rich_media_content\" id=\"js_content\">{text}{inside}</div>{}",
                        ancestors.0, ancestors.1
                    );
                    let reduced = strip_raw_text(&page);
                    if let Some(located) = located(&reduced, true) {
                        assert_eq!(located, whole(&reduced, true), "{what}");
                    }
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]

            /// Wherever the byte scan answers, it answers what parsing the
            /// whole page would.
            #[test]
            fn located_agrees_with_whole(page in page()) {
                let reduced = strip_raw_text(&page);
                if let Some(located) = located(&reduced, true) {
                    prop_assert_eq!(located, whole(&reduced, true));
                }
            }
        }
    }
}
