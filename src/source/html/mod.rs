//! HTML: find the article container, walk it without recursion, emit logical lines.
//!
//! The pipeline for one page:
//!
//! 1. A cheap byte scan ([`prescan`]) drops the bodies of `<script>`
//!    and `<style>` elements (saved WeChat pages are 90 % inline script) and
//!    picks WeChat's real timestamp (`var ct = "…"`) out of the scripts. It
//!    and every other scan of raw bytes here read the page through one
//!    tokenizer ([`crate::markup`]'s `Tokens`) that follows the HTML tokenizer's states, so
//!    that no scan takes text, a comment or an attribute value for a tag.
//!    Script and style bodies are raw text to an HTML parser, so cutting them
//!    leaves the element tree of the page unchanged.
//! 2. A second scan ([`locate`](mod@locate)) finds the article from what the
//!    column itself writes: the elements open around its first and last
//!    paper heading (`论文 1`, `Paper 4`), of which it takes the innermost
//!    that a site's container selector may match (WeChat's `#js_content`,
//!    `.post_body`, …), or else the innermost container element; it follows
//!    that element's tags to its end tag on a stack of open elements. When
//!    it is sure, the element is read from its tokens ([`reader`]) or, when
//!    the reader declines, `scraper` parses only that element (checked by a
//!    sentinel comment after it), and the page before it (head and
//!    headline) is parsed. The element's parse and the page after it are
//!    needed for metadata only where a selector tried before the one that
//!    found a field in the page before may match ([`meta::Open`]), and only
//!    for the fields the digest needs: the metadata is read when the lines
//!    lack the title, or the digest its date or source ([`Later`]). It
//!    is sure when the container the whole-page parse would choose must lie
//!    inside: every start tag outside that may match a container selector
//!    holds too little text, text density must reach the element, and a
//!    probe parse of the page up to its start tag shows it read as in a body.
//!    When it is not sure, the whole page is parsed. Either way what is kept
//!    gets a spec-compliant parse (entities, unclosed tags, implied elements,
//!    quirks mode), and the two paths agree (a property test holds them to it).
//! 3. Page metadata ([`Meta`]) comes from the sites' headline elements, `og:title`,
//!    `<title>`, date meta tags and visible date elements.
//! 4. Without a located container, it is found in the tree by the sites'
//!    container selectors ([`crate::sites::SITES`], row by row), or else by
//!    text density.
//! 5. The container is walked with `ego_tree`'s `traverse()` edges, never by
//!    recursion: block elements end lines, inline ones do not; links, images,
//!    captions, headings, list items and quotes become [`Line`] hints.
//!
//! One file per job: [`prescan`] (step 1), [`locate`](mod@locate) (step 2),
//! [`meta`] (step 3), [`container`] (step 4), [`walk`](mod@walk) (step 5).
//! The tokenizer and the element-name sets they share, with the pre-check,
//! are [`crate::markup`].

use std::borrow::Cow;

use scraper::{ElementRef, Html};

use super::{Document, Hint, Line, Meta, PageMeta};
use crate::text::trim;

mod container;
mod locate;
mod meta;
mod prescan;
mod reader;
mod select;
#[cfg(test)]
mod tests;
mod trace;
mod walk;

use crate::markup::{Token, Tokens, is_container, is_one_of};
use crate::vocabulary;
use container::{
    MIN_CONTAINER_TEXT, choose_among, find_container, not_counted, text_len, text_sums,
};
use locate::{Found, SENTINEL, doctype, element_end, locate, text_bound};
pub(crate) use meta::may_be_title;
use meta::page_meta;
pub(crate) use prescan::reduced_tokens_agree;
use prescan::{reduce, reduce_tokens};
pub(crate) use trace::explain;
use trace::{Step, Trace};
use walk::look;
use walk::walk;

/// Turns an HTML page into logical lines. The metadata is left for later
/// ([`Later`]) when the located path has read the article without the
/// parses it needs, and the lines do not need the title.
pub(crate) fn read(input: &str) -> Document<'_> {
    let (reduced, ct_date, cut, tokens) = reduce_tokens(input);
    let want_date = ct_date.is_none();
    let located = located_rest(
        &reduced,
        tokens.as_deref(),
        want_date,
        &mut Trace::default(),
    );
    let (meta, mut lines) = match located {
        Some((rest, lines)) => (
            PageMeta::Later(Later {
                page: reduced,
                rest,
                ct_date,
            }),
            lines,
        ),
        None => {
            let (mut meta, lines) = whole(&reduced, want_date);
            if ct_date.is_some() {
                meta.date = ct_date;
            }
            (PageMeta::Known(meta), lines)
        }
    };
    // The grammar needs the digest title as a line; most sites print the
    // headline outside the article body.
    let meta = if lines
        .iter()
        .take(64)
        .any(|l| vocabulary::is_digest_title(&l.text))
    {
        meta
    } else {
        let meta = meta.read();
        if let Some(title) = meta.title.as_deref()
            && !lines.iter().take(64).any(|l| l.text == title)
            && vocabulary::is_digest_title(title)
        {
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
        PageMeta::Known(meta)
    };
    for (i, line) in lines.iter_mut().enumerate() {
        line.lineno = i + 1;
    }
    Document { lines, meta, cut }
}

/// The metadata of a page whose article the located path read
/// ([`located_rest`]), still to be read from the pieces of the page it has
/// not parsed ([`Rest`]); `ct_date` (WeChat's script date) stands for the
/// date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Later<'a> {
    page: Cow<'a, str>,
    rest: Rest,
    ct_date: Option<crate::Date>,
}

impl Later<'_> {
    /// The page's metadata, as the whole page's parse finds it.
    pub(crate) fn read(self) -> Meta {
        self.read_fields(ALL_FIELDS)
    }

    /// The fields `wanted` (title, date, source) of the page's metadata,
    /// as the whole page's parse finds them; the others as far as the
    /// pieces already parsed found them.
    pub(crate) fn read_fields(self, wanted: [bool; 3]) -> Meta {
        let mut meta = self.rest.meta(&self.page, wanted);
        if self.ct_date.is_some() {
            meta.date = self.ct_date;
        }
        meta
    }
}

/// Every field of the metadata: the title, the date, the source.
const ALL_FIELDS: [bool; 3] = [true; 3];

/// What the located path ([`located_rest`]) leaves of the page's
/// metadata: what the pieces it parsed found (the page before the element,
/// and the element when the reader declined and parsed it), the element's
/// range, and whether its parse was among those pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rest {
    ranked: meta::Ranked,
    range: std::ops::Range<usize>,
    /// For each field, whether a selector still open for it may match an
    /// element of the element read from its tokens (its parse is needed
    /// then); all `false` when it was parsed.
    article_may: [bool; 3],
    want_date: bool,
}

impl Rest {
    /// The fields `wanted` of the metadata of the page `reduced`: the
    /// element (unless parsed already) and what is after it count where a
    /// selector of a wanted field tried before the one that found it may
    /// match there ([`meta::Open::may_hold`]); only then are they parsed.
    fn meta(self, reduced: &str, wanted: [bool; 3]) -> Meta {
        let Rest {
            mut ranked,
            range,
            article_may,
            want_date,
        } = self;
        // A field not wanted counts as found by its first selector: none
        // of its selectors is tried.
        let settled = |ranked: &meta::Ranked| {
            let mut settled = ranked.settled();
            for (field, wanted) in settled.0.iter_mut().zip(wanted) {
                if !wanted {
                    *field = Some(0);
                }
            }
            settled
        };
        let lead = doctype(reduced);
        if article_may
            .iter()
            .zip(wanted)
            .any(|(may, wanted)| *may && wanted)
        {
            let html = article_page(reduced, lead, &range);
            let later = meta::ranked_before(&[&html], want_date, settled(&ranked));
            ranked = ranked.then(later);
        }
        let rest = &reduced[range.end..];
        if meta::Open::after(settled(&ranked)).may_hold(&rest.to_ascii_lowercase()) {
            let html = Html::parse_document(&[lead, rest].concat());
            let later = meta::ranked_before(&[&html], want_date, settled(&ranked));
            ranked = ranked.then(later);
        }
        ranked.meta(want_date)
    }
}

/// The general path: the whole page parsed, the container chosen in the tree.
fn whole(reduced: &str, want_date: bool) -> (Meta, Vec<Line<'static>>) {
    let html = Html::parse_document(reduced);
    let meta = page_meta(&[&html], want_date);
    (meta, walk(find_container(&html)))
}

/// Is `name` a formatting element, which a parse reopens in a new element
/// when one of its kind was left open in an element since closed? (The
/// element sets' [`crate::markup::FORMATTING`], written out for speed: a
/// test holds them equal.)
fn reopened(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// The fast path: the article located by a byte scan ([`locate()`]) and
/// read on its own (from its tokens, or parsed), the page before it parsed
/// for the placement probe and metadata; the rest of the metadata is left
/// for when it is needed ([`Rest`]). `None` when the scan cannot
/// be sure that the container [`find_container`] would choose in the whole
/// page lies in what it parsed.
fn located_rest<'a>(
    reduced: &'a str,
    recorded: Option<&[Token<'a>]>,
    want_date: bool,
    trace: &mut Trace,
) -> Option<(Rest, Vec<Line<'static>>)> {
    trace.step = Step::Choose;
    let chosen = match recorded {
        Some(tokens) => locate::choose(reduced, tokens.iter().cloned()),
        None => locate::choose(reduced, Tokens::new(reduced.as_bytes())),
    }?;
    trace.element = Some(chosen.start..chosen.tag_end);
    trace.step = Step::Place;
    // The element is parsed as a page of its own, behind the page's
    // doctype so that both are parsed in the same (quirks) mode.
    let lead = doctype(reduced);
    let prefix = reader::prefix::read(reduced, chosen.tag_end);
    trace.prefix = Some(prefix.as_ref().err().copied());
    let (before, own) = match prefix {
        // Read from its tokens: the element is the current node where its
        // start tag ends, and the probe would land in it (the checks on its
        // ancestors below hold for both).
        Ok(prefix) => prefix.html(reduced),
        Err(_) => probe(reduced, chosen.tag_end)?,
    };
    trace.step = Step::Ancestors;
    // The element and its ancestors in the parse of the page before it,
    // innermost first.
    let ancestors: Vec<ElementRef<'_>> = before
        .tree
        .get(own)?
        .ancestors()
        .filter_map(ElementRef::wrap)
        .collect();
    let own = ElementRef::wrap(before.tree.get(own)?)?;
    // A link (or `<nobr>`), or inside one: another one in the element
    // would move the element out of it. Inside a paragraph, a block in the element
    // closes the paragraph and the element with it (in any mode: the
    // probe's `<table>` does not close it in quirks mode); inside a list
    // item (or `dd`, `dt`), an item in the element does, its search for the
    // open item passing `div`, `address` and `p`. The element read alone
    // knows nothing of those ancestors.
    if matches!(own.value().name(), "a" | "nobr")
        || ancestors
            .iter()
            .any(|e| matches!(e.value().name(), "a" | "nobr" | "p" | "li" | "dd" | "dt"))
        || !own
            .value()
            .name()
            .as_bytes()
            .eq_ignore_ascii_case(chosen.name)
    {
        return None;
    }
    let ancestors: Vec<ElementRef<'_>> = std::iter::once(own).chain(ancestors).collect();
    // The metadata found in the page before the element: a selector tried
    // after the one that found a field cannot change it, so only the
    // selectors before those (all of them, for a field not found) are
    // looked for in the element and after it, when the metadata is read
    // ([`Rest::meta`]).
    let mut ranked = meta::ranked_meta(&[&before], want_date);
    // The element read from its tokens, without a DOM; when the reader
    // declines, parsed. Whether a selector still open for a field may
    // match one of its elements is noted: the element's parse is needed
    // for that field when it is read ([`Rest::meta`]).
    // Each field's selectors are gathered only when an element may match
    // one of all the fields' (gathering them is dear on a small page).
    let any = meta::Open::after(ranked.settled());
    let opens = std::cell::OnceCell::new();
    let article_may = std::cell::Cell::new([false; 3]);
    let note = |e: &reader::El<'_>| {
        let mut may = article_may.get();
        if may != [true; 3] && any.may_match(e) {
            let opens = opens.get_or_init(|| {
                [0, 1, 2].map(|field| meta::Open::after(ranked.settled().only(field)))
            });
            for (may, open) in may.iter_mut().zip(opens) {
                *may = *may || open.may_match(e);
            }
            article_may.set(may);
        }
        false
    };
    // The element read from its tokens up to where they close it, which
    // is where its parse ends it; when the reader declines, the scan finds
    // its end tag.
    // The recorded tokens from the element's start tag on are the ones a
    // tokenizer started there reads: a start tag begins in the data state,
    // and with no `<svg>` or `<math>` before it, the tokenizer knows of no
    // foreign content (which changes how it reads `<![CDATA[` and raw text).
    let from = recorded.and_then(|t| {
        let i = t.partition_point(|t| t.span().start < chosen.start);
        let foreign = t[..i]
            .iter()
            .any(|t| matches!(t, Token::Start { name, .. } if is_one_of(name, &[b"svg", b"math"])));
        (!foreign).then(|| &t[i..])
    });
    trace.step = Step::End;
    let built = reader::Tree::build_to_end(reduced, chosen.start, from, &note);
    trace.article = Some(built.as_ref().err().copied());
    let end = match &built {
        Ok((_, end)) => *end,
        Err(_) => element_end(Tokens::at(reduced.as_bytes(), chosen.tag_end), chosen.name)?,
    };
    trace.step = Step::Container;
    let found = chosen.ending_at(end)?;
    let range = found.range.clone();
    let read = built
        .ok()
        .and_then(|(tree, _)| tree.choose(|i| found.inside[i]));
    trace.chosen_by_reader = read.is_some();
    let article = read.is_none().then(|| article_page(reduced, lead, &range));
    let dom = match &article {
        Some(html) => Some(dom_choice(html, &found, range.end < reduced.len())?),
        None => None,
    };
    // What the whole page's parse would choose inside the element, and
    // whether anything outside it could be chosen instead.
    let (how, chosen_text, own_text) = match (&read, &dom) {
        (Some(r), _) => (r.how, r.chosen_text, r.own_text),
        (None, Some(d)) => (d.how, text_len(d.container, usize::MAX), d.own_text),
        (None, None) => return None,
    };
    trace.step = Step::Rivals;
    let bytes = reduced.as_bytes();
    for rival in &found.rivals {
        // Rivals of later selectors than the chosen one do not count.
        if how.is_some_and(|k| rival.selector > k) {
            continue;
        }
        let end = element_end(Tokens::at(bytes, rival.tag_end), rival.name);
        // At least the rival's text in the whole parse: up to its end tag,
        // or to the end of the page when the scan is not sure where it
        // ends. A rival before the element that may be its ancestor counts
        // the element's text too, and so at least the chosen container's.
        let bound = text_bound(bytes, rival.at, end.unwrap_or(bytes.len()));
        let limit = match how {
            Some(k) if rival.selector == k => chosen_text,
            _ => MIN_CONTAINER_TEXT,
        };
        if bound >= limit {
            return None;
        }
    }
    trace.step = Step::Density;
    if how.is_none() && !densest_reaches(&ancestors, own_text, bytes, &range) {
        return None;
    }
    trace.step = Step::Done;
    let lines = match (&read, &dom) {
        (Some(r), _) => r.lines(),
        (_, Some(d)) => walk(d.container),
        (None, None) => return None,
    };
    // The element's parse, when the reader declined, counts for the
    // metadata: a field found before may still come from a selector tried
    // first. The rest is left for when the metadata is read
    // ([`Rest::meta`]).
    if let Some(html) = &article {
        let later = meta::ranked_before(&[html], want_date, ranked.settled());
        ranked = ranked.then(later);
    }
    let rest = Rest {
        ranked,
        range,
        article_may: if article.is_some() {
            [false; 3]
        } else {
            article_may.get()
        },
        want_date,
    };
    Some((rest, lines))
}

/// The placement probe by html5ever: the page before the element, its
/// start tag (ending at `tag_end`), a space and a table holding a comment,
/// parsed: everything the whole parse has read when it opens the element,
/// showing where it puts it. The table lands in the element only when the
/// element is read as in a body: not in a table (it would be moved out of
/// the table and closed by a `<table>`), not in a select (where it is
/// dropped), and with no formatting element to reopen in it (the space
/// would be put in a copy of it). The parse and the element's node in it;
/// `None` when the table lands elsewhere.
fn probe(reduced: &str, tag_end: usize) -> Option<(Html, ego_tree::NodeId)> {
    let before = Html::parse_document(
        &[&reduced[..tag_end], " <table><!--", SENTINEL, "--></table>"].concat(),
    );
    let sentinel = before
        .tree
        .nodes()
        .find(|n| n.value().as_comment().is_some_and(|c| &**c == SENTINEL))?;
    let table = sentinel.parent().and_then(ElementRef::wrap)?;
    let own = table.parent().and_then(ElementRef::wrap)?;
    // In a table (inside a wrapper, say), the element is moved before
    // the table and the probe's `<table>` closes that table: the probe
    // then lands after it, in an ancestor that may share the element's
    // name. In the element itself, only a copy of a formatting element
    // reopened for the space comes before the probe.
    if table.value().name() != "table"
        || table
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .any(|e| !reopened(e.value().name()))
    {
        return None;
    }
    let own = own.id();
    Some((before, own))
}

/// [`located_rest`] with the metadata read: what the whole page's parse
/// ([`whole`]) must equal.
#[cfg(test)]
fn located(reduced: &str, want_date: bool) -> Option<(Meta, Vec<Line<'static>>)> {
    located_with(reduced, None, want_date)
}

/// [`located_rest`] with the metadata read, over the page's tokens as
/// recorded (`tokens`, when recorded): what the whole page's parse
/// ([`whole`]) must equal.
fn located_with<'a>(
    reduced: &'a str,
    tokens: Option<&[Token<'a>]>,
    want_date: bool,
) -> Option<(Meta, Vec<Line<'static>>)> {
    let (rest, lines) = located_rest(reduced, tokens, want_date, &mut Trace::default())?;
    Some((rest.meta(reduced, ALL_FIELDS), lines))
}

/// The element `range` of the page parsed as a page of its own, behind the
/// page's doctype `lead` so that both are parsed in the same (quirks) mode.
/// A comment after its end tag (when the page goes on) shows where the
/// parse ends the element ([`dom_choice`] checks it).
fn article_page(reduced: &str, lead: &str, range: &std::ops::Range<usize>) -> Html {
    let ends_early = range.end < reduced.len();
    Html::parse_document(
        &[
            lead,
            &reduced[range.clone()],
            if ends_early { "<!--" } else { "" },
            if ends_early { SENTINEL } else { "" },
            if ends_early { "-->" } else { "" },
        ]
        .concat(),
    )
}

/// The container chosen in the parse of the located element: the element
/// as the tree holds it, what [`choose_among`] chooses in it, and how.
struct DomChoice<'a> {
    container: ElementRef<'a>,
    how: Option<usize>,
    /// The element's text as the density fallback counts it.
    own_text: usize,
}

/// The container chosen in [`article_page`]'s parse; `None` when the
/// parse does not hold the element alone, ending where the scan says it
/// does (`ends_early`: before the end of the page).
fn dom_choice<'a>(article: &'a Html, found: &Found<'_>, ends_early: bool) -> Option<DomChoice<'a>> {
    let body = article
        .root_element()
        .child_elements()
        .find(|e| e.value().name() == "body")?;
    let mut parts = body
        .children()
        .filter(|n| !n.value().as_text().is_some_and(|t| trim(t).is_empty()));
    let element = parts.next().and_then(ElementRef::wrap)?;
    let placed = match parts.next() {
        None => !ends_early,
        Some(n) => {
            ends_early
                && n.value().as_comment().is_some_and(|c| &**c == SENTINEL)
                && parts.next().is_none()
        }
    };
    if !placed
        || !element
            .value()
            .name()
            .as_bytes()
            .eq_ignore_ascii_case(found.name)
    {
        return None;
    }
    let (container, how) = choose_among(article, |i| found.inside[i]);
    let own_text = text_sums(element).get(&element.id()).copied().unwrap_or(0);
    Some(DomChoice {
        container,
        how,
        own_text,
    })
}

/// Would the text-density fallback ([`container::densest`]) of the whole
/// page step from `<body>` down to the element (whose whole-page ancestors
/// are `ancestors`, innermost first, and whose counted text is `own`)? Sure only when every ancestor below
/// `<body>` is a counted container, and the element's counted text is at
/// least 60 % of itself plus all the text outside it (an upper bound of
/// what any ancestor holds besides it).
fn densest_reaches(
    ancestors: &[ElementRef<'_>],
    own: usize,
    bytes: &[u8],
    range: &std::ops::Range<usize>,
) -> bool {
    let Some((first, rest)) = ancestors.split_first() else {
        return false;
    };
    let counted = |e: &ElementRef<'_>| {
        let v = e.value();
        is_container(v.name()) && !not_counted(v, &look(v))
    };
    if !counted(first) {
        return false;
    }
    let Some(body_at) = rest.iter().position(|e| e.value().name() == "body") else {
        return false;
    };
    if !rest[..body_at].iter().all(counted) {
        return false;
    }
    let outside = text_bound(bytes, 0, range.start) + text_bound(bytes, range.end, bytes.len());
    own > 0 && own * 10 >= (own + outside) * 6
}

/// The differential check of the located reading ([`located_with`]: the
/// placement probe, the article and the metadata from the pieces read)
/// against the whole page's parse, on one page, with and without the date
/// asked for. `Ok(true)` when the page was located and both agree,
/// `Ok(false)` when it was not located, `Err` with both readings when
/// they differ.
pub(crate) fn located_agrees(page: &str) -> Result<bool, String> {
    let (reduced, _, _, tokens) = reduce_tokens(page);
    let mut any = false;
    for want_date in [true, false] {
        if let Some(fast) = located_with(&reduced, tokens.as_deref(), want_date) {
            let slow = whole(&reduced, want_date);
            if fast != slow {
                return Err(format!("located: {fast:?}\nwhole: {slow:?}"));
            }
            any = true;
        }
    }
    Ok(any)
}

/// The differential check of the page before the located element read
/// from its tokens ([`reader::prefix`]) against html5ever's parse of the
/// same bytes: the same quirks mode, and the same tree (elements with
/// their attributes, texts; comments and the doctype aside). `Ok(true)`
/// when it was read and agrees, `Ok(false)` when there was nothing to
/// compare (no located element, or the reading declined), `Err` with both
/// trees when they differ.
pub(crate) fn prefix_agrees(page: &str) -> Result<bool, String> {
    let (reduced, _, _) = reduce(page);
    let Some(found) = locate(&reduced) else {
        return Ok(false);
    };
    let Ok(prefix) = reader::prefix::read(&reduced, found.tag_end) else {
        return Ok(false);
    };
    let (ours, _) = prefix.html(&reduced);
    let theirs = Html::parse_document(&reduced[..found.tag_end]);
    let shape = |html: &Html| {
        (
            format!("{:?}", html.quirks_mode),
            tree_shape(html.tree.root()),
        )
    };
    if shape(&ours) == shape(&theirs) {
        Ok(true)
    } else {
        Err(format!(
            "read from the tokens: {:?}\nhtml5ever's parse:    {:?}\npage: {:?}",
            shape(&ours),
            shape(&theirs),
            &reduced[..found.tag_end]
        ))
    }
}

/// A tree as nested names with attributes and texts, adjacent texts
/// merged, comments and doctypes left out.
fn tree_shape(node: ego_tree::NodeRef<'_, scraper::Node>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for child in node.children() {
        let part = match child.value() {
            scraper::Node::Text(t) => {
                if let Some(last) = parts.last_mut()
                    && last.starts_with('"')
                {
                    last.pop();
                    last.push_str(&format!("{:?}", &**t)[1..]);
                    continue;
                }
                format!("{:?}", &**t)
            }
            scraper::Node::Element(e) => {
                let attrs: Vec<String> = e.attrs().map(|(n, v)| format!("{n}={v:?}")).collect();
                format!("{}[{}]({})", e.name(), attrs.join(" "), tree_shape(child))
            }
            _ => continue,
        };
        parts.push(part);
    }
    parts.join(" ")
}

/// The differential check of the token reader ([`reader`]) against the
/// parse it stands for, on one page: wherever the page's article is located
/// and the reader reads it, the parse of the element must hold it alone
/// (ending where the scan says) and choose the same container, the same
/// way, with the same text, and walk it into the same lines.
///
/// `Ok(true)` when the reader read the element and agreed, `Ok(false)` when
/// there was nothing to compare (no located element, or the reader
/// declined), `Err` with both readings when they differ.
pub(crate) fn reader_agrees(page: &str) -> Result<bool, String> {
    let (reduced, _, _) = reduce(page);
    let Some(found) = locate(&reduced) else {
        return Ok(false);
    };
    reader_agrees_on(&reduced, &found)
}

/// [`reader_agrees`] on the element `found` of the page `reduced`.
fn reader_agrees_on(reduced: &str, found: &Found<'_>) -> Result<bool, String> {
    let range = found.range.clone();
    let Some(read) = reader::read(reduced, range.clone(), |i| found.inside[i]) else {
        return Ok(false);
    };
    let article = article_page(reduced, doctype(reduced), &range);
    let Some(dom) = dom_choice(&article, found, range.end < reduced.len()) else {
        return Err(format!(
            "the reader read an element the parse does not hold alone: {:?}",
            &reduced[range]
        ));
    };
    let tokens = (read.how, read.chosen_text, read.own_text, read.lines());
    let parsed = (
        dom.how,
        text_len(dom.container, usize::MAX),
        dom.own_text,
        walk(dom.container),
    );
    if tokens == parsed {
        Ok(true)
    } else {
        Err(format!(
            "the reader: {tokens:?}\nthe parse: {parsed:?}\nelement: {:?}",
            &reduced[range]
        ))
    }
}
