//! The byte-scan locator: the article container's range found without
//! parsing, followed to its end tag on a stack of open elements.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use scraper::{ElementRef, Html, Selector};

use super::container::CONTAINERS;
use super::select::Simple;
use crate::markup::{Attributes, Token, Tokens, is_one_of};
use crate::markup::{SCOPE, TABLE_CONTEXT, is_container, is_void};

/// Every container's needle, ASCII-lowercased (quirks-mode pages match ids
/// and classes case-insensitively), all found in one pass over the page.
pub(super) static NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    Needles::new(
        CONTAINERS
            .iter()
            .map(|(_, key)| {
                key.map_or_else(String::new, Simple::needle)
                    .to_ascii_lowercase()
            })
            .collect(),
    )
});

/// Needles searched for in one pass over the page: a packed search for
/// the needles that hold no other, each occurrence checked for the needles
/// that hold it.
pub(super) struct Needles {
    /// Each needle, in [`CONTAINERS`]' order.
    needles: Vec<String>,
    /// The search for the needles that hold no other (leftmost first: two
    /// of them never start at one byte, as neither holds the other).
    search: Option<AhoCorasick>,
    /// For each pattern of `search`, each needle that holds it: the
    /// needle's index and where in it the pattern first occurs.
    holders: Vec<Vec<(usize, usize)>>,
}

impl Needles {
    /// The search for `needles` (each ASCII-lowercased already).
    pub(super) fn new(needles: Vec<String>) -> Self {
        let mut bases: Vec<&str> = Vec::new();
        let mut holders: Vec<Vec<(usize, usize)>> = Vec::new();
        for (i, needle) in needles.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
            // The shortest needle it holds (itself, if none), the first
            // written among equals.
            let base = needles
                .iter()
                .filter(|n| !n.is_empty() && needle.contains(n.as_str()))
                .min_by_key(|n| n.len())
                .map_or(needle.as_str(), String::as_str);
            let j = bases.iter().position(|b| *b == base).unwrap_or_else(|| {
                bases.push(base);
                holders.push(Vec::new());
                bases.len() - 1
            });
            holders[j].push((i, needle.find(base).unwrap_or(0)));
        }
        let search = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&bases)
            .ok();
        Needles {
            needles,
            search,
            holders,
        }
    }

    /// Where needle `i` lies in `lower`: every occurrence, in order, for
    /// each needle. An empty needle occurs nowhere. `None` when the search
    /// could not be built (it then finds nothing, and the scan declines).
    pub(super) fn find_all(&self, lower: &[u8]) -> Option<Vec<Vec<usize>>> {
        let mut found = vec![Vec::new(); self.needles.len()];
        let search = self.search.as_ref()?;
        // Every occurrence, overlapping ones too: the next search starts
        // one byte after the last occurrence's start.
        let mut from = 0;
        while let Some(m) = search.find(Input::new(lower).range(from..)) {
            let at = m.start();
            for &(i, offset) in &self.holders[m.pattern().as_usize()] {
                let needle = self.needles[i].as_bytes();
                if let Some(start) = at.checked_sub(offset)
                    && lower.get(start..start + needle.len()) == Some(needle)
                {
                    found[i].push(start);
                }
            }
            from = at + 1;
        }
        Some(found)
    }
}

/// A comment appended to the container's range to check where the parse
/// ends the element.
pub(super) const SENTINEL: &str = "paper-digest: end of the container";

/// The page's leading doctype (with any white space and comments before
/// it), or nothing when it does not start with one.
pub(super) fn doctype(reduced: &str) -> &str {
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

/// What the scan found: the element to parse on its own, and every start
/// tag outside it that may match a container selector.
pub(super) struct Found<'a> {
    /// The element's bytes, from its start tag to just past its end tag.
    pub(super) range: Range<usize>,
    /// Just past its start tag.
    pub(super) tag_end: usize,
    /// Start tags outside `range` that may match a container selector.
    pub(super) rivals: Vec<Rival<'a>>,
    /// The element's name.
    pub(super) name: &'a [u8],
    /// For each selector in [`CONTAINERS`], whether a start tag in the
    /// element may match it: the others need not be tried in its parse.
    pub(super) inside: Vec<bool>,
}

/// A start tag outside the located element that may match a container
/// selector: the whole-page parse might choose it instead.
#[derive(Clone, Debug)]
pub(super) struct Rival<'a> {
    /// The selector's index in [`CONTAINERS`].
    pub(super) selector: usize,
    /// Where its start tag begins.
    pub(super) at: usize,
    /// Just past its start tag.
    pub(super) tag_end: usize,
    /// Its name.
    pub(super) name: &'a [u8],
}

/// The paper headings the column writes (`论文 1`, `Paper 1`, in the
/// aliases of [`crate::vocabulary::LABELS`]): where the column's text is.
static MARKER: LazyLock<Option<regex::bytes::Regex>> = LazyLock::new(|| {
    let aliases: Vec<String> = crate::vocabulary::LABELS
        .iter()
        .filter(|(label, _)| *label == crate::vocabulary::Label::Paper)
        .flat_map(|(_, aliases)| aliases.iter().map(|a| regex::escape(a)))
        .collect();
    regex::bytes::Regex::new(&format!("(?i)(?:{})[ \\t]*[0-9]", aliases.join("|"))).ok()
});

/// Pages with more candidate start tags than this for one selector are
/// parsed whole rather than checked tag by tag.
const MAX_CANDIDATES: usize = 64;

/// An open element of the scan: its name and where its start tag begins
/// and ends.
type Open<'a> = (&'a [u8], usize, usize);

/// Finds the article without parsing the page: the element to parse on its
/// own, and the start tags outside it that the caller must rule out.
///
/// The column's own text says where the article is: the scan follows the
/// page's tags on a stack of open elements and notes the elements open
/// around the first and the last paper heading (`论文 1`, `Paper 4`). Of
/// those around both, it takes the innermost that may match the first
/// container selector any of them may match; when none may match one, the
/// innermost container element (`div`, `section`, …) around both. A page
/// without a paper heading falls back to the site ids: the first container
/// selector whose needle occurs must occur in exactly one start tag.
///
/// The element ends at its matching end tag ([`element_end`]). Every start
/// tag outside it that may match a container selector (its needle is in the
/// tag, ASCII case-insensitively; `tag.class` selectors checked on the tag
/// alone) is returned as a rival. The caller parses the element, chooses in
/// it as [`find_container`](super::container::find_container) would, and
/// gives up unless it can show that no rival and no ancestor would be
/// chosen in the whole page.
pub(super) fn locate<'a>(reduced: &'a str) -> Option<Found<'a>> {
    let chosen = choose(reduced, Tokens::new(reduced.as_bytes()))?;
    let end = element_end(Tokens::at(reduced.as_bytes(), chosen.tag_end), chosen.name)?;
    chosen.ending_at(end)
}

/// The element [`locate`] chooses, before its end is known: the caller
/// finds the end ([`element_end`], or the token reader closing it) and
/// completes the scan with it ([`Chosen::ending_at`]).
pub(super) struct Chosen<'a> {
    /// Where its start tag begins.
    pub(super) start: usize,
    /// Just past its start tag.
    pub(super) tag_end: usize,
    /// Its name.
    pub(super) name: &'a [u8],
    /// The last paper heading in text.
    last: Option<usize>,
    /// Every start tag: its name, where it begins and ends.
    starts: Vec<Open<'a>>,
    /// For each selector, the start tags it may match.
    candidates: Vec<Vec<usize>>,
}

/// [`locate`]'s scan up to the choice of the element, over `tokens`, the
/// page's tokens ([`Tokens`] of it, or what the pre-parse pass recorded of
/// them: [`super::prescan::reduce_tokens`]).
pub(super) fn choose<'a>(
    reduced: &'a str,
    tokens: impl IntoIterator<Item = Token<'a>>,
) -> Option<Chosen<'a>> {
    let bytes = reduced.as_bytes();
    // Lowercasing keeps every byte offset.
    let lower = reduced.to_ascii_lowercase();
    let lower = lower.as_bytes();
    let lead = doctype(reduced);
    let markers: Vec<usize> = MARKER
        .as_ref()
        .map(|m| m.find_iter(bytes).map(|m| m.start()).collect())
        .unwrap_or_default();
    // One pass of the tokenizer: every start tag, the elements open at the
    // first paper heading in text, and how many of them stay open up to
    // the last.
    let mut starts: Vec<Open<'a>> = Vec::new();
    let mut open: Vec<Open<'a>> = Vec::new();
    let mut around: Option<Vec<Open<'a>>> = None;
    let mut common = 0;
    let mut last = None;
    let mut next_marker = 0;
    let mut in_text = |m: usize, open: &[Open<'a>], around: &mut Option<Vec<Open<'a>>>| {
        match around {
            None => {
                common = open.len();
                *around = Some(open.to_vec());
            }
            Some(first) => {
                common = first[..common]
                    .iter()
                    .zip(open)
                    .take_while(|(a, b)| a.1 == b.1)
                    .count();
            }
        }
        last = Some(m);
    };
    for token in tokens {
        let span = token.span();
        // Markers before this token are in text, those inside it are not.
        while let Some(&m) = markers.get(next_marker) {
            if m >= span.start {
                break;
            }
            in_text(m, &open, &mut around);
            next_marker += 1;
        }
        while markers.get(next_marker).is_some_and(|&m| m < span.end) {
            next_marker += 1;
        }
        match token {
            Token::Start { name, span, .. } => {
                starts.push((name, span.start, span.end));
                if !is_void(name) {
                    open.push((name, span.start, span.end));
                }
            }
            Token::End { name, .. } => {
                if let Some(i) = open
                    .iter()
                    .rposition(|(n, ..)| n.eq_ignore_ascii_case(name))
                {
                    open.truncate(i);
                }
            }
            _ => {}
        }
    }
    for &m in &markers[next_marker..] {
        in_text(m, &open, &mut around);
    }
    // The start tags each selector may match.
    let mut candidates: Vec<Vec<usize>> = Vec::with_capacity(CONTAINERS.len());
    let tag_at = |at: usize| -> Option<usize> {
        let i = starts
            .partition_point(|&(_, s, _)| s <= at)
            .checked_sub(1)?;
        (at < starts[i].2).then_some(i)
    };
    // Start tags whose class or id holds a character reference: any class
    // or id selector may match them, needle or not.
    let coded: Vec<usize> = starts
        .iter()
        .enumerate()
        .filter(|(_, (name, s, e))| !is_void(name) && coded_name(lower, *s..*e))
        .map(|(i, _)| i)
        .collect();
    for (occurrences, (selector, key)) in
        NEEDLES.find_all(lower)?.into_iter().zip(CONTAINERS.iter())
    {
        let n = key.map_or(0, |k| k.needle().len());
        let mut found: Vec<usize> = Vec::new();
        for at in occurrences {
            let Some(i) = tag_at(at) else { continue };
            let (name, s, e) = starts[i];
            // A void element holds no text, so it is never chosen.
            if is_void(name) {
                continue;
            }
            let fits = match key {
                // An id or class is a whole word: `news_txt` is not in
                // `news_txtad`.
                Some(Simple::Id(_) | Simple::Class(_)) => {
                    !name_byte(at.checked_sub(1).and_then(|i| lower.get(i)))
                        && !name_byte(lower.get(at + n))
                }
                Some(Simple::Tag(tag) | Simple::TagClass(tag, _)) => {
                    at == s && name.eq_ignore_ascii_case(tag.as_bytes())
                }
                Some(Simple::ClassHas(_)) => true,
                None => false,
            };
            if fits && found.last() != Some(&i) {
                if found.len() == MAX_CANDIDATES {
                    return None;
                }
                // `tag.class`: the tag alone says whether it matches.
                if matches!(key, Some(Simple::TagClass(..)))
                    && !start_tag_matches(lead, &reduced[s..e], name, selector)?
                {
                    continue;
                }
                found.push(i);
            }
        }
        if unlocatable(*key, lower) {
            return None;
        }
        if !matches!(key, Some(Simple::Tag(_) | Simple::TagClass(..))) && !coded.is_empty() {
            found.extend(&coded);
            found.sort_unstable();
            found.dedup();
            if found.len() > MAX_CANDIDATES {
                return None;
            }
        }
        candidates.push(found);
    }
    let chosen: Open<'_> = if let (Some(first), Some(_)) = (&around, last) {
        // The elements open around both headings, innermost last.
        let common = &first[..common];
        let by_selector = candidates.iter().find_map(|c| {
            common
                .iter()
                .rev()
                .find(|(_, s, _)| c.iter().any(|&i| starts[i].1 == *s))
        });
        match by_selector {
            Some(&el) => el,
            None => *common.iter().rev().find(|(name, ..)| {
                std::str::from_utf8(name).is_ok_and(|n| is_container(&n.to_ascii_lowercase()))
            })?,
        }
    } else {
        // No heading: the site's id, if it occurs once.
        let c = candidates.iter().find(|c| !c.is_empty())?;
        if c.len() != 1 {
            return None;
        }
        starts[c[0]]
    };
    let (name, start, tag_end) = chosen;
    Some(Chosen {
        start,
        tag_end,
        name,
        last,
        starts,
        candidates,
    })
}

impl<'a> Chosen<'a> {
    /// The scan completed with the element's end: `None` when the last
    /// paper heading is not in it.
    pub(super) fn ending_at(self, end: usize) -> Option<Found<'a>> {
        let Chosen {
            start,
            tag_end,
            name,
            last,
            starts,
            candidates,
        } = self;
        if last.is_some_and(|m| end <= m) {
            return None;
        }
        let starts = &starts;
        let inside = candidates
            .iter()
            .map(|c| c.iter().any(|&i| (start..end).contains(&starts[i].1)))
            .collect();
        let rivals = candidates
            .iter()
            .enumerate()
            .flat_map(|(selector, c)| {
                c.iter().map(move |&i| Rival {
                    selector,
                    at: starts[i].1,
                    tag_end: starts[i].2,
                    name: starts[i].0,
                })
            })
            .filter(|r| r.at < start || r.at >= end)
            .collect();
        Some(Found {
            range: start..end,
            tag_end,
            rivals,
            name,
            inside,
        })
    }
}

/// Can any element of `page` match a selector with this key, needle or
/// not? Then the scan cannot know the candidates. No selector of the site
/// table has such a key today (a unit test checks every key); this keeps a
/// row added with one (`div > p`) correct, at the cost of the located path.
pub(super) fn unlocatable(key: Option<Simple>, page: &[u8]) -> bool {
    key.is_none() && !page.is_empty()
}

/// Does the start tag `span` of the (ASCII-lowercased) page write a
/// character reference in the value of its `class` or `id`? The attributes
/// are read as the tokenizer reads them, so that an `=` or a quote inside
/// another value does not hide one.
fn coded_name(lower: &[u8], span: Range<usize>) -> bool {
    memchr::memchr(b'&', &lower[span.clone()]).is_some()
        && Attributes::of_tag(lower, span).any(|a| {
            matches!(&lower[a.name], b"class" | b"id")
                && memchr::memchr(b'&', &lower[a.value]).is_some()
        })
}

/// Is `b` a byte of an id or class name?
fn name_byte(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

/// Does the start tag `tag` (of an element named `name`) match `selector`,
/// which looks at the element alone? `None` when a parse of the tag alone
/// does not make it an element of that name.
fn start_tag_matches(lead: &str, tag: &str, name: &[u8], selector: &Selector) -> Option<bool> {
    // Behind the page's doctype, so that it is read in the page's mode.
    let html = Html::parse_document(&[lead, tag].concat());
    let el = html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name().as_bytes().eq_ignore_ascii_case(name))?;
    Some(selector.matches(&el))
}

/// The number of text bytes from `from` (in the data state) to `to`, at
/// least as many as a parse makes of them: what lies between tags, comments
/// and doctypes, raw-text bodies included, and two more for each NUL (which
/// a parse may turn into U+FFFD). Character references never decode to more
/// bytes than they are written with.
pub(super) fn text_bound(bytes: &[u8], from: usize, to: usize) -> usize {
    let to = to.min(bytes.len());
    let mut markup = 0;
    for token in Tokens::at(&bytes[..to], from) {
        if !matches!(token, Token::RawText { .. }) {
            markup += token.span().len();
        }
    }
    let nuls = memchr::memchr_iter(0, &bytes[from.min(to)..to]).count();
    (to.saturating_sub(from) - markup.min(to.saturating_sub(from))) + 2 * nuls
}

/// Start tags that may close elements opened before the range (an `<li>`
/// closes the `<li>` around a `<div>`), unless a parent for them was opened
/// inside it.
pub(super) const NEEDS_PARENT: [(&[u8], Parent); 10] = [
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
pub(super) enum Parent {
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
pub(super) struct OpenElements<'a> {
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
pub(super) fn element_end(tokens: Tokens<'_>, name: &[u8]) -> Option<usize> {
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
                if !is_void(tag) {
                    open.push(tag);
                }
            }
        }
    }
    Some(end_of_input)
}
