//! Page metadata: the headline, the date and the source, from the tree.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use crate::dates::{self, find_date};
use crate::sites;
use crate::source::Meta;
use crate::text::trim;

pub(super) fn selectors(list: &[&str]) -> Vec<Selector> {
    list.iter()
        .filter_map(|s| Selector::parse(s).ok())
        .collect()
}

pub(super) static TITLE_SELECTORS: LazyLock<Vec<Selector>> =
    LazyLock::new(|| selectors(&sites::column(|s| s.headline).collect::<Vec<_>>()));

const META_TITLE_LIST: [&str; 3] = [
    "meta[property=\"og:title\"]",
    "meta[name=\"og:title\"]",
    "meta[property=\"twitter:title\"]",
];

pub(super) static META_TITLE: LazyLock<Vec<Selector>> =
    LazyLock::new(|| selectors(&META_TITLE_LIST));

const DOC_TITLE_LIST: [&str; 2] = ["title", "h1"];

pub(super) static DOC_TITLE: LazyLock<Vec<Selector>> = LazyLock::new(|| selectors(&DOC_TITLE_LIST));

const META_DATE_LIST: [&str; 7] = [
    "meta[property=\"article:published_time\"]",
    "meta[name=\"article:published_time\"]",
    "meta[name=publishdate]",
    "meta[name=PubDate]",
    "meta[name=pubdate]",
    "meta[itemprop=datePublished]",
    "meta[name=\"weibo: article:create_at\"]",
];

pub(super) static META_DATE: LazyLock<Vec<Selector>> = LazyLock::new(|| selectors(&META_DATE_LIST));

const ATTR_DATE_LIST: [(&str, &str); 4] = [
    ("time[datetime]", "datetime"),
    ("[data-ptime]", "data-ptime"),
    ("[ptime]", "ptime"),
    ("[data-publish-time]", "data-publish-time"),
];

pub(super) static ATTR_DATE: LazyLock<Vec<(Selector, &'static str)>> = LazyLock::new(|| {
    ATTR_DATE_LIST
        .into_iter()
        .filter_map(|(s, a)| Selector::parse(s).ok().map(|s| (s, a)))
        .collect()
});

/// Text a start tag must hold (ASCII case-insensitively) for a selector to
/// match its element: `<` and the name for a bare tag name (`h1`: `<h1`),
/// else the longest name or value the last compound names (`.date-source
/// .date`: `date`; `meta[name=PubDate]`: `pubdate`).
fn needle(selector: &str) -> String {
    let last = selector
        .rsplit([' ', '>', '+', '~'])
        .next()
        .unwrap_or(selector);
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return format!("<{}", last.to_ascii_lowercase());
    }
    last.split(['.', '#', '[', ']', '=', '*', '"', '\'', ':'])
        .max_by_key(|p| p.len())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The needles of the selectors for the title, the date and the source.
static NEEDLES: LazyLock<[Vec<String>; 3]> = LazyLock::new(|| {
    let of = |list: &mut dyn Iterator<Item = &str>| list.map(needle).collect::<Vec<_>>();
    [
        of(&mut sites::column(|s| s.headline)
            .chain(META_TITLE_LIST)
            .chain(DOC_TITLE_LIST)),
        of(&mut META_DATE_LIST
            .into_iter()
            .chain(ATTR_DATE_LIST.iter().map(|(s, _)| *s))
            .chain(sites::column(|s| s.date))),
        of(&mut sites::column(|s| s.source)),
    ]
});

/// May a piece of a page (`lower`, ASCII-lowercased) hold the title, the
/// date or the source, for those asked for? `false` only when no selector
/// for them can match in it: no start tag holds one of their needles or a
/// character reference outside a URL (which might spell one).
pub(super) fn may_hold(lower: &str, title: bool, date: bool, source: bool) -> bool {
    let wanted = [title, date, source];
    let needles: Vec<&str> = NEEDLES
        .iter()
        .zip(wanted)
        .filter(|(_, want)| *want)
        .flat_map(|(needles, _)| needles.iter().map(String::as_str))
        .collect();
    let bytes = lower.as_bytes();
    super::tokens::Tokens::new(bytes).any(|t| match t {
        super::tokens::Token::Start { span, .. } => {
            let tag = &bytes[span];
            // A reference in a link or source URL spells no name the
            // selectors look at.
            super::locate::reference_in(tag, |name| {
                !matches!(name, b"href" | b"src" | b"data-src" | b"srcset" | b"action")
            }) || needles
                .iter()
                .any(|n| memchr::memmem::find(tag, n.as_bytes()).is_some())
        }
        _ => false,
    })
}

pub(super) static TEXT_DATE: LazyLock<Vec<Selector>> =
    LazyLock::new(|| selectors(&sites::column(|s| s.date).collect::<Vec<_>>()));

pub(super) static SOURCE: LazyLock<Vec<Selector>> =
    LazyLock::new(|| selectors(&sites::column(|s| s.source).collect::<Vec<_>>()));

/// The text of an element with white space collapsed.
pub(super) fn element_text(el: ElementRef<'_>) -> String {
    collapse(&el.text().collect::<String>())
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of an element for metadata: `content` of a `<meta>`, else its text.
pub(super) fn meta_value(el: ElementRef<'_>) -> String {
    match el.value().name() {
        "meta" => collapse(el.attr("content").unwrap_or("")),
        _ => element_text(el),
    }
}

/// Elements matching `list` in the pieces of one page: selector by selector,
/// and for each in document order.
pub(super) fn select_all<'a>(
    page: &'a [&'a Html],
    list: &'a [Selector],
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    list.iter()
        .flat_map(move |s| page.iter().flat_map(move |html| html.select(s)))
}

pub(super) fn first_value(page: &[&Html], list: &[Selector]) -> Option<String> {
    select_all(page, list)
        .map(meta_value)
        .find(|v| !v.is_empty())
}

/// Site suffixes of `<title>`, longest first ([`sites::title_suffixes`]).
pub(super) static TITLE_SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(sites::title_suffixes);

/// `<title>` less the site's suffix (`_网易订阅`, `_政务_澎湃新闻-The Paper`, ` - 知乎`).
pub(crate) fn strip_title_suffix(title: &str) -> &str {
    let mut t = trim(title);
    for suffix in TITLE_SUFFIXES.iter() {
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

/// A date from an attribute: a date string, or Unix seconds / milliseconds.
pub(super) fn attr_date(v: &str) -> Option<String> {
    let v = trim(v);
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = v.parse().ok()?;
        return match v.len() {
            10 => dates::china_date(n),
            13 => dates::china_date(n / 1000),
            _ => None,
        };
    }
    find_date(v)
}

/// The page's metadata, from its pieces in document order (the whole page is
/// one piece); the date is looked for only when `want_date`.
pub(super) fn page_meta(page: &[&Html], want_date: bool) -> Meta {
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
pub(super) fn page_date(page: &[&Html]) -> Option<String> {
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
