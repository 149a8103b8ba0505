//! The byte-scan locator: the article container's range found without
//! parsing, followed to its end tag on a stack of open elements.

use std::ops::Range;
use std::sync::LazyLock;

use scraper::Selector;

use super::container::CONTAINERS;
use super::tag_sets::{SCOPE, TABLE_CONTEXT, VOID};
use super::tokens::{Token, Tokens, is_one_of};

/// What a byte scan of the page can know about a container selector.
#[derive(Clone, Copy)]
pub(super) enum Key {
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
    pub(super) fn of(selector: &'static str) -> Key {
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
    pub(super) fn needle(self) -> String {
        match self {
            Key::Word(s) | Key::Needs(s) => s.to_owned(),
            Key::Tag(t) => format!("<{t}"),
        }
    }
}

/// Every container's needle, ASCII-lowercased (quirks-mode pages match ids
/// and classes case-insensitively), in [`CONTAINERS`]' order.
pub(super) static NEEDLES: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    CONTAINERS
        .iter()
        .map(|(_, key)| {
            memchr::memmem::Finder::new(key.needle().to_ascii_lowercase().as_bytes()).into_owned()
        })
        .collect()
});

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
pub(super) fn locate(reduced: &str) -> Option<(Range<usize>, &'static Selector)> {
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
                if !is_one_of(tag, &VOID) {
                    open.push(tag);
                }
            }
        }
    }
    Some(end_of_input)
}
