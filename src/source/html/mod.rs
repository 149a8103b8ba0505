//! HTML: find the article container, walk it without recursion, emit logical lines.
//!
//! The pipeline for one page:
//!
//! 1. A cheap byte scan ([`prescan`]) drops the bodies of `<script>`
//!    and `<style>` elements (saved WeChat pages are 90 % inline script) and
//!    picks WeChat's real timestamp (`var ct = "…"`) out of the scripts. It
//!    and every other scan of raw bytes here read the page through one
//!    tokenizer ([`tokens`]) that follows the HTML tokenizer's states, so
//!    that no scan takes text, a comment or an attribute value for a tag.
//!    Script and style bodies are raw text to an HTML parser, so cutting them
//!    leaves the element tree of the page unchanged.
//! 2. A second scan ([`locate`](mod@locate)) looks for the site's article container by
//!    its `id` or class (WeChat's `#js_content`, `.post_body`, …) and follows
//!    its tags to its end tag on a stack of open elements. When it is sure,
//!    `scraper` parses only that element (checked by a sentinel comment after
//!    it) and the page before it (head and headline); the page after it is
//!    parsed only when metadata is still missing. When it is not sure, the
//!    whole page is parsed. Either way what is kept gets a spec-compliant
//!    parse (entities, unclosed tags, implied elements, quirks mode), and the
//!    two paths agree (a property test holds them to it).
//! 3. Page metadata ([`Meta`]) comes from the sites' headline elements, `og:title`,
//!    `<title>`, date meta tags and visible date elements.
//! 4. Without a located container, it is found in the tree by the sites'
//!    container selectors ([`crate::sites::SITES`], row by row), or else by
//!    text density.
//! 5. The container is walked with `ego_tree`'s `traverse()` edges, never by
//!    recursion: block elements end lines, inline ones do not; links, images,
//!    captions, headings, list items and quotes become [`Line`] hints.
//!
//! One file per job: [`tokens`] (the one byte-level tokenizer every
//! pre-parse scan reads), [`prescan`] (step 1), [`locate`](mod@locate)
//! (step 2), [`meta`] (step 3), [`container`] (step 4), [`walk`](mod@walk)
//! (step 5), and [`tag_sets`] (the element-name sets they share).

use std::borrow::Cow;

use scraper::{ElementRef, Html};

use super::{Document, Hint, Line, Meta};
use crate::text::trim;

mod container;
mod locate;
mod meta;
mod prescan;
mod select;
pub(crate) mod tag_sets;
#[cfg(test)]
mod tests;
pub(crate) mod tokens;
mod walk;

use crate::grammar;
use container::{MIN_CONTAINER_TEXT, find_container, text_len};
use locate::{SENTINEL, doctype, locate};
use meta::page_meta;
use prescan::reduce;
use walk::walk;

/// Turns an HTML page into logical lines.
pub(crate) fn read(input: &str) -> Document<'_> {
    let (reduced, ct_date, cut) = reduce(input);
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
            .any(|l| l.text == title || grammar::is_digest_title(&l.text));
        if !present && grammar::is_digest_title(title) {
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
    Document { lines, meta, cut }
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
