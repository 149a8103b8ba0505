//! Page metadata: the headline, the date and the source, from the tree.

use std::sync::LazyLock;

use scraper::{ElementRef, Html};

use super::select::{Needs, Sel, select_each, selectors};
use super::walk::Attrs;

use crate::dates::{self, find_date};
use crate::sites;
use crate::source::Meta;
use crate::text::trim;

pub(super) static TITLE_SELECTORS: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(&sites::column(|s| s.headline).collect::<Vec<_>>()));

pub(super) static META_TITLE: LazyLock<Vec<Sel>> = LazyLock::new(|| {
    selectors(&[
        "meta[property=\"og:title\"]",
        "meta[name=\"og:title\"]",
        "meta[property=\"twitter:title\"]",
    ])
});

pub(super) static DOC_TITLE: LazyLock<Vec<Sel>> = LazyLock::new(|| selectors(&["title", "h1"]));

pub(super) static META_DATE: LazyLock<Vec<Sel>> = LazyLock::new(|| {
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

/// Elements whose date is an attribute, with the attribute, in [`ATTR_DATE`]'s order.
const ATTR_DATE_LIST: [(&str, &str); 4] = [
    ("time[datetime]", "datetime"),
    ("[data-ptime]", "data-ptime"),
    ("[ptime]", "ptime"),
    ("[data-publish-time]", "data-publish-time"),
];

pub(super) static ATTR_DATE: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(&ATTR_DATE_LIST.map(|(s, _)| s)));

pub(super) static TEXT_DATE: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(&sites::column(|s| s.date).collect::<Vec<_>>()));

pub(super) static SOURCE: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(&sites::column(|s| s.source).collect::<Vec<_>>()));

/// What a start tag must hold for each selector of the title, the date and
/// the source ([`Sel::needle`]); `None` for one that can match anything.
static NEEDLES: LazyLock<[Vec<Option<String>>; 3]> = LazyLock::new(|| {
    let of = |lists: &[&[Sel]]| {
        lists
            .iter()
            .flat_map(|l| l.iter().map(Sel::needle))
            .collect::<Vec<_>>()
    };
    [
        of(&[&TITLE_SELECTORS, &META_TITLE, &DOC_TITLE]),
        of(&[&META_DATE, &ATTR_DATE, &TEXT_DATE]),
        of(&[&SOURCE]),
    ]
});

/// May a piece of a page (`lower`, ASCII-lowercased) hold the title, the
/// date or the source, for those asked for? `false` only when no selector
/// for them can match in it: no start tag holds one of their needles or a
/// character reference outside a URL (which might spell one).
pub(super) fn may_hold(lower: &str, title: bool, date: bool, source: bool) -> bool {
    let wanted = [title, date, source];
    let mut needles = Vec::new();
    for (list, _) in NEEDLES.iter().zip(wanted).filter(|(_, want)| *want) {
        for needle in list {
            match needle {
                Some(n) => needles.push(n.as_bytes()),
                None => return true,
            }
        }
    }
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
                .any(|n| memchr::memmem::find(tag, n).is_some())
        }
        _ => false,
    })
}

/// What an element must have for a selector of the title, the source and
/// (second) the date to match it.
static MATCHED_NEEDS: LazyLock<[Needs; 2]> = LazyLock::new(|| {
    let title: [&[Sel]; 4] = [&TITLE_SELECTORS, &META_TITLE, &DOC_TITLE, &SOURCE];
    let dates: [&[Sel]; 3] = [&META_DATE, &ATTR_DATE, &TEXT_DATE];
    [Needs::of(title), Needs::of(title.into_iter().chain(dates))]
});

/// May `el` match a selector of the title, the date (when `date`) or the
/// source? `false` only when it has not what any of them needs
/// ([`super::select::Need::holds`]).
pub(super) fn may_match(el: &(impl Attrs + ?Sized), date: bool) -> bool {
    MATCHED_NEEDS[usize::from(date)].any_holds(el)
}

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
/// and for each piece by piece in node order (as `Html::select`), from one
/// pass over each piece ([`select_each`]).
pub(super) fn select_all<'a>(
    page: &[&'a Html],
    list: &[Sel],
) -> impl Iterator<Item = ElementRef<'a>> {
    select_groups(page, list).into_iter().flatten()
}

/// For each selector of `list`, the elements it matches in the pieces of
/// one page, piece by piece in node order.
fn select_groups<'a>(page: &[&'a Html], list: &[Sel]) -> Vec<Vec<ElementRef<'a>>> {
    let mut groups: Vec<Vec<ElementRef<'a>>> = vec![Vec::new(); list.len()];
    for html in page {
        for (group, found) in groups.iter_mut().zip(select_each(html, list)) {
            group.extend(found);
        }
    }
    groups
}

pub(super) fn first_value(page: &[&Html], list: &[Sel]) -> Option<String> {
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
            // Every selector of the list parses: its groups line up with the attributes.
            ATTR_DATE_LIST
                .iter()
                .zip(select_groups(page, &ATTR_DATE))
                .find_map(|((_, a), els)| {
                    els.iter().filter_map(|el| el.attr(a)).find_map(attr_date)
                })
        })
        .or_else(|| select_all(page, &TEXT_DATE).find_map(|el| find_date(&element_text(el))))
}
