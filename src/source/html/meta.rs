//! Page metadata: the headline, the date and the source, from the tree.

use std::sync::LazyLock;

use scraper::{ElementRef, Html};

use super::reader::El;
use super::select::{Needs, Sel, select_each, selectors};
use super::walk::Attrs;
use crate::markup::{Attributes, Token, Tokens};

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

/// The selectors of the title, the date and the source, each field's in
/// the order [`page_meta`] tries them.
static CHAINS: LazyLock<[Vec<&'static Sel>; 3]> = LazyLock::new(|| {
    let of = |lists: &[&'static [Sel]]| lists.iter().flat_map(|l| l.iter()).collect();
    [
        of(&[&TITLE_SELECTORS, &META_TITLE, &DOC_TITLE]),
        of(&[&META_DATE, &ATTR_DATE, &TEXT_DATE]),
        of(&[&SOURCE]),
    ]
});

/// What a start tag must hold (in any ASCII case) for a selector of the
/// title ([`CHAINS`]' first) to match it ([`Sel::needle`]), as one search;
/// `None` when one can match anything.
static TITLE_NEEDLES: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    let needles: Option<Vec<String>> = CHAINS[0].iter().map(|s| s.needle()).collect();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(needles?)
        .ok()
});

/// May the start tag `span` of `page` (named `name`) be of an element that
/// a selector of the page's title matches (a site's headline element,
/// `og:title`, `<title>`, `<h1>`), whatever its ancestors? `false` only when
/// it holds nothing any of them needs. A character reference may spell
/// what they need, and a tag whose attributes a parse reads otherwise than
/// written ([`El::plain`]) may match.
pub(crate) fn may_be_title(page: &str, span: std::ops::Range<usize>, name: &[u8]) -> bool {
    let tag = &page.as_bytes()[span.clone()];
    if memchr::memchr(b'&', tag).is_some() {
        return true;
    }
    if TITLE_NEEDLES.as_ref().is_some_and(|n| !n.is_match(tag)) {
        return false;
    }
    let Some(tag) = std::str::from_utf8(name)
        .ok()
        .and_then(|name| El::plain(page, span, name))
    else {
        return true;
    };
    CHAINS[0].iter().any(|s| s.may_match(&tag))
}

/// The selectors of the page's metadata and the sites' containers: an
/// element none of them may match ([`Sel::may_match`]) is read by none.
pub(super) static READ_BY_SELECTORS: LazyLock<Vec<&'static Sel>> = LazyLock::new(|| {
    CHAINS
        .iter()
        .flatten()
        .copied()
        .chain(super::container::CONTAINER_SELS.iter())
        .collect()
});

/// Which selector found each field (the title, the date, the source) in
/// the pieces of a page read so far: its place in the field's chain
/// ([`CHAINS`]), `None` when none did. A field not asked for counts as
/// found by the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Settled(pub(super) [Option<usize>; 3]);

impl Settled {
    /// Only the field `field` (0 the title, 1 the date, 2 the source) as
    /// settled here; the others as found by their first selectors, so that
    /// none of theirs is open.
    pub(super) fn only(self, field: usize) -> Settled {
        let mut only = [Some(0); 3];
        only[field] = self.0[field];
        Settled(only)
    }
}

/// The selectors that can still change the metadata when pieces of the
/// page after those read so far are read too: for each field those tried
/// before the one that found it in the pieces read (all of its chain when
/// none did). A later piece's match of the finding selector, or of one
/// tried after it, comes too late to change the field.
pub(super) struct Open {
    needs: Needs,
    /// What a start tag must hold for each open selector to match it
    /// ([`Sel::needle`]); `None` for one that can match anything.
    needles: Vec<Option<String>>,
    /// The attributes whose values the open selectors read ([`Sel::valued`]).
    valued: Vec<String>,
}

impl Open {
    /// The selectors still open after pieces that `settled` the fields.
    pub(super) fn after(settled: Settled) -> Open {
        let open: Vec<&'static Sel> = CHAINS
            .iter()
            .zip(settled.0)
            .flat_map(|(chain, found)| &chain[..found.unwrap_or(chain.len())])
            .copied()
            .collect();
        Open {
            needs: Needs::of(open.iter().map(|s| std::slice::from_ref(*s))),
            needles: open.iter().map(|s| s.needle()).collect(),
            valued: open.iter().filter_map(|s| s.valued()).collect(),
        }
    }

    /// May `el` match an open selector? `false` only when it has not what
    /// any of them needs ([`super::select::Need::holds`]).
    pub(super) fn may_match(&self, el: &(impl Attrs + ?Sized)) -> bool {
        self.needs.any_holds(el)
    }

    /// May a piece of a page (`lower`, ASCII-lowercased) hold an element an
    /// open selector matches? `false` only when none can match in it: no
    /// start tag holds one of their needles, or a character reference in
    /// the value of an attribute they read (which might spell one).
    pub(super) fn may_hold(&self, lower: &str) -> bool {
        if self.needles.is_empty() {
            return false;
        }
        if self.needles.iter().any(Option::is_none) {
            return true;
        }
        let bytes = lower.as_bytes();
        let tags: Vec<std::ops::Range<usize>> = Tokens::new(bytes)
            .filter_map(|t| match t {
                Token::Start { span, .. } => Some(span),
                _ => None,
            })
            .collect();
        // Is `at..at + len` inside one start tag? The tags are in order and
        // do not overlap.
        let in_tag = |at: usize, len: usize| {
            let i = tags.partition_point(|t| t.end <= at);
            tags.get(i)
                .is_some_and(|t| t.start <= at && at + len <= t.end)
        };
        self.needles
            .iter()
            .flatten()
            .any(|n| memchr::memmem::find_iter(bytes, n.as_bytes()).any(|at| in_tag(at, n.len())))
            || tags.iter().any(|span| {
                memchr::memchr(b'&', &bytes[span.clone()]).is_some()
                    && Attributes::of_tag(bytes, span.clone()).any(|a| {
                        memchr::memchr(b'&', &bytes[a.value]).is_some()
                            && self
                                .valued
                                .iter()
                                .any(|v| v.as_bytes() == &bytes[a.name.clone()])
                    })
            })
    }
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
pub(super) fn attr_date(v: &str) -> Option<crate::Date> {
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
    ranked_meta(page, want_date).meta(want_date)
}

/// The title, the date and the source found in pieces of a page, each with
/// the place in its chain ([`CHAINS`]) of the selector that found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Ranked([Option<(usize, String)>; 3]);

impl Ranked {
    /// Which selector found each field.
    pub(super) fn settled(&self) -> Settled {
        Settled(self.0.each_ref().map(|f| f.as_ref().map(|(k, _)| *k)))
    }

    /// The fields found in these pieces and in `later` ones, as
    /// [`page_meta`] finds them in all of them: a field from the later
    /// pieces only where a selector tried before this one's found it (a
    /// match of the same selector comes later in the page).
    pub(super) fn then(self, later: Ranked) -> Ranked {
        let mut fields = self.0;
        for (field, new) in fields.iter_mut().zip(later.0) {
            if let Some((k, _)) = &new
                && field.as_ref().is_none_or(|(j, _)| k < j)
            {
                *field = new;
            }
        }
        Ranked(fields)
    }

    /// The fields as [`Meta`] (the date only when `want_date`).
    pub(super) fn meta(self, want_date: bool) -> Meta {
        let [title, date, source] = self.0.map(|f| f.map(|(_, v)| v));
        Meta {
            title,
            // The ranking keeps every field as text; a found date is ISO.
            date: date.filter(|_| want_date).and_then(|d| d.parse().ok()),
            source,
        }
    }
}

/// [`page_meta`] with which selector found each field ([`Ranked`]).
pub(super) fn ranked_meta(page: &[&Html], want_date: bool) -> Ranked {
    ranked_before(page, want_date, Settled([None; 3]))
}

/// [`ranked_meta`] of pieces later in the page than those that `settled`
/// the fields: only the selectors tried before the finding ones are
/// tried (what the others find cannot change a field, [`Ranked::then`]).
pub(super) fn ranked_before(page: &[&Html], want_date: bool, settled: Settled) -> Ranked {
    let [title_limit, date_limit, source_limit] = settled.0;
    let title = first_ranked(
        page,
        &[&TITLE_SELECTORS, &META_TITLE, &DOC_TITLE],
        title_limit,
        |list, _, el| match list {
            2 => non_empty(strip_title_suffix(&element_text(el)).to_owned()),
            _ => non_empty(meta_value(el)),
        },
    );
    // A date not asked for counts as found by the first selector.
    let date = if want_date {
        page_date(page, date_limit)
    } else {
        Some((0, String::new()))
    };
    let source = first_ranked(page, &[&SOURCE], source_limit, |_, _, el| {
        non_empty(meta_value(el))
    });
    Ranked([title, date, source])
}

fn non_empty(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

/// The first value `value` gives (from the list's place in `lists`, the
/// selector's place in its list, and the element) of the elements matching
/// `lists`' selectors in the pieces of one page, tried selector by
/// selector, with the selector's place in the chain of all `lists`; only
/// the selectors placed before `limit` when there is one. Each list's
/// matches are found in one pass over each piece ([`select_groups`]), and
/// only when the lists before it gave no value.
fn first_ranked(
    page: &[&Html],
    lists: &[&[Sel]],
    limit: Option<usize>,
    value: impl Fn(usize, usize, ElementRef<'_>) -> Option<String>,
) -> Option<(usize, String)> {
    let limit = limit.unwrap_or(usize::MAX);
    let mut rank = 0;
    for (l, list) in lists.iter().enumerate() {
        if rank >= limit {
            break;
        }
        for (i, els) in select_groups(page, list).into_iter().enumerate() {
            if rank + i >= limit {
                break;
            }
            if let Some(v) = els.into_iter().find_map(|el| value(l, i, el)) {
                return Some((rank + i, v));
            }
        }
        rank += list.len();
    }
    None
}

/// The publication date from meta tags, date attributes or visible date
/// elements, with the place of the selector that found it in the date's
/// chain ([`CHAINS`]), from the selectors placed before `limit`.
fn page_date(page: &[&Html], limit: Option<usize>) -> Option<(usize, String)> {
    first_ranked(
        page,
        &[&META_DATE, &ATTR_DATE, &TEXT_DATE],
        limit,
        |list, i, el| {
            match list {
                0 => el.attr("content").and_then(attr_date),
                // Every selector of the list parses: its places line up with the attributes.
                1 => el.attr(ATTR_DATE_LIST[i].1).and_then(attr_date),
                _ => find_date(&element_text(el)),
            }
            .map(|d| d.to_string())
        },
    )
}
