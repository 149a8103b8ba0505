//! Where on an HTML page the series' title named by its words
//! (`Papers & Radios`) can make the digest's title line: the assembly takes
//! the title from a line before the first paper heading, or from the page's
//! metadata (a site's headline element, `og:title`, `<title>`, `<h1>`). So
//! the words are evidence only where a possible paper heading comes after
//! them in the order of the tree's text, or inside an element a title
//! selector may match. The words in a list of related questions below an
//! answer's headings are neither.
//!
//! The order of the tree's text is the order of the source's, but for the
//! text and elements that a table moves before itself (foster parenting):
//! words inside a table count as at the table's start. An element's text
//! lies between its start tag and the end of the page; it ends no later
//! than its own end tag when nothing inside it can keep it open (the rules
//! of [`Region::start_tag`]), and otherwise runs to the end of the page.

use std::ops::Range;

use super::lines::KEEP_OPEN;
use crate::markup::FORMATTING;
use crate::markup::{BREAKOUT, INTEGRATION, Token, Tokens, is_one_of};

/// An element a title selector may match, open at the current place.
struct Region {
    /// The element's name, ASCII-lowercased.
    name: Vec<u8>,
    /// Where its start tag starts.
    start: usize,
    /// Elements of the same name opened inside it, not yet closed.
    depth: usize,
    /// It may be a foreign element (an SVG `<title>`): an HTML start tag
    /// inside it may keep it open past its end tag.
    foreign: bool,
}

/// What a start tag is to the elements open around it ([`Region::start_tag`]),
/// read once per tag.
#[derive(Clone, Copy)]
struct Inside {
    /// A scope boundary, foreign content or one of its integration points:
    /// an end tag of an element around it is ignored while it is open.
    keeps_open: bool,
    /// A special element that stays open (not void, not raw text).
    special: bool,
}

impl Inside {
    fn of(name: &[u8]) -> Inside {
        Inside {
            keeps_open: is_one_of(name, &KEEP_OPEN)
                || is_one_of(name, &INTEGRATION)
                || is_one_of(name, &[b"svg", b"math"]),
            special: super::is_special(name)
                && !crate::markup::is_raw_text(name)
                && !super::is_void(name),
        }
    }
}

impl Region {
    /// A start tag `name` (which is `inside`) in the element: `false` when
    /// the element may now stay open past its own end tag. An ordinary
    /// element's end tag is ignored while a special element is open inside
    /// it, and a formatting element's (`a`, `b`) may leave a copy open when
    /// blocks are open inside (the adoption agency gives up after eight of
    /// them): only a `button`'s end tag closes it whatever is open inside.
    /// A raw-text element ends at its own end tag, and a void one at once.
    /// Inside a foreign element any start tag may keep it open.
    fn start_tag(&mut self, name: &[u8], inside: Inside) -> bool {
        if self.foreign || inside.keeps_open || self.name == b"select" {
            return false;
        }
        if self.name.eq_ignore_ascii_case(name) {
            self.depth += 1;
        }
        !(inside.special && self.name != b"button")
    }
}

/// The places of an HTML page that [`Places::title_may_be_at`] asks about.
pub(super) struct Places {
    /// The spans of the outermost tables (to the end of the page for one
    /// that may stay open).
    tables: Vec<Range<usize>>,
    /// The spans of the elements a title selector may match.
    titles: Vec<Range<usize>>,
}

/// What the tree builder may have open, as far as [`Places::of`] needs it:
/// each count is at least the number of such elements open.
#[derive(Default)]
struct Counts {
    /// Open tables.
    tables: usize,
    /// Where the outermost open table starts.
    table_start: usize,
    /// Open templates (inside one, `</table>` is ignored).
    templates: usize,
    /// Open `select` elements (inside one, end tags are ignored).
    selects: usize,
    /// An `svg` or `math` start tag was read: an element whose name does
    /// not break out of foreign content ([`BREAKOUT`]) may be foreign (an
    /// HTML one inside an integration point ends it only for a while).
    foreign: bool,
    /// An `applet`, `marquee` or `object` was opened: a marker in the list
    /// of formatting elements, which an end tag of a formatting element
    /// before it cannot reach.
    marker: bool,
    /// For each formatting element ([`FORMATTING`]), how many may be in
    /// the list of active formatting elements.
    formatting: [usize; FORMATTING.len()],
}

impl Counts {
    /// May a formatting element wait in the list to be reopened (copied)
    /// where text comes?
    fn formatting_may_wait(&self) -> bool {
        self.formatting.iter().any(|&n| n > 0)
    }

    /// Can an end tag of a formatting element reach its entry in the list
    /// (no marker before it, no `select` ignoring it)?
    fn reaches_formatting(&self) -> bool {
        !self.marker && self.tables == 0 && self.templates == 0 && self.selects == 0
    }
}

impl Places {
    /// Reads the tables and the possible title elements of `text`.
    pub(super) fn of(text: &str) -> Places {
        let bytes = text.as_bytes();
        let mut places = Places {
            tables: Vec::new(),
            titles: Vec::new(),
        };
        let mut open: Vec<Region> = Vec::new();
        let mut n = Counts::default();
        let formatting = |name: &[u8]| FORMATTING.iter().position(|f| f.eq_ignore_ascii_case(name));
        for token in Tokens::new(bytes) {
            match token {
                Token::Start { name, span, .. } => {
                    let inside = (!open.is_empty()).then(|| Inside::of(name));
                    open.retain_mut(|r| {
                        let keeps = inside.is_some_and(|inside| r.start_tag(name, inside));
                        if !keeps {
                            places.titles.push(r.start..usize::MAX);
                        }
                        keeps
                    });
                    n.foreign |= is_one_of(name, &[b"svg", b"math"]);
                    let foreign = n.foreign && !is_one_of(name, &BREAKOUT);
                    if is_one_of(name, &[b"table"]) {
                        if n.tables == 0 {
                            n.table_start = span.start;
                        }
                        n.tables += 1;
                    } else if is_one_of(name, &[b"template"]) {
                        n.templates += 1;
                    } else if is_one_of(name, &[b"select"]) {
                        n.selects += 1;
                    } else if is_one_of(name, &[b"applet", b"marquee", b"object"]) {
                        n.marker = true;
                    } else if let Some(i) = formatting(name) {
                        n.formatting[i] += 1;
                    }
                    if !crate::source::html::may_be_title(text, span.clone(), name) {
                        continue;
                    }
                    if is_one_of(name, &[b"meta"]) {
                        // Its value is its `content`, in the tag.
                        places.titles.push(span);
                    } else if !foreign && super::is_void(name) {
                        // No text. (A foreign element, void or self-closing,
                        // counts as open: `<svg><input>` holds text, and the
                        // flag is read in foreign content only.)
                    } else if foreign && n.formatting_may_wait() {
                        // Its text may reopen a formatting element inside
                        // it (an SVG `<title>` reads HTML), whose end tag
                        // then does not close it.
                        places.titles.push(span.start..usize::MAX);
                    } else {
                        open.push(Region {
                            name: name.to_ascii_lowercase(),
                            start: span.start,
                            depth: 0,
                            foreign,
                        });
                    }
                }
                Token::End { name, span } => {
                    open.retain_mut(|r| {
                        if !r.name.eq_ignore_ascii_case(name) {
                            return true;
                        }
                        if r.depth > 0 {
                            r.depth -= 1;
                            return true;
                        }
                        places.titles.push(r.start..span.end);
                        false
                    });
                    if is_one_of(name, &[b"table"]) && n.templates == 0 && n.tables > 0 {
                        n.tables -= 1;
                        if n.tables == 0 {
                            places.tables.push(n.table_start..span.end);
                        }
                    } else if is_one_of(name, &[b"template"]) {
                        n.templates = n.templates.saturating_sub(1);
                    } else if is_one_of(name, &[b"select"]) {
                        n.selects = n.selects.saturating_sub(1);
                    } else if let Some(i) = formatting(name)
                        && n.reaches_formatting()
                    {
                        n.formatting[i] = n.formatting[i].saturating_sub(1);
                    }
                }
                // A raw-text body ends at its own end tag (in foreign
                // content the tokenizer reads no raw text).
                Token::RawText { .. } | Token::Comment { .. } | Token::Doctype { .. } => {}
            }
        }
        if n.tables > 0 {
            places.tables.push(n.table_start..usize::MAX);
        }
        places
            .titles
            .extend(open.into_iter().map(|r| r.start..usize::MAX));
        places
    }

    /// May the series' words at byte `at` make the digest's title, with
    /// the last possible paper heading counted at byte `heading_at`?
    pub(super) fn title_may_be_at(&self, at: usize, heading_at: Option<usize>) -> bool {
        let moved = self
            .tables
            .iter()
            .find(|t| t.start <= at && at < t.end)
            .map_or(at, |t| t.start);
        heading_at.is_some_and(|h| h > moved)
            || self.titles.iter().any(|t| t.start <= at && at < t.end)
    }
}

#[cfg(test)]
mod tests {
    use super::Places;

    /// May the first `Papers` of `page` be in a title element (no heading
    /// counted anywhere)?
    fn in_title(page: &str) -> bool {
        let at = page.find("Papers").expect("words");
        Places::of(page).title_may_be_at(at, None)
    }

    #[test]
    fn an_element_closed_before_the_words_holds_none_of_them() {
        for page in [
            "<h1>x</h1><p>7 Papers &amp; Radios</p>",
            "<title>x</title><p>Papers</p>",
            "<svg><title>点赞</title></svg><p>Papers</p>",
            "<a class=\"post_title\" href=\"/?a=1&b=2\"><span>x</span></a>Papers",
            "<span class=\"article-title\"><span>x</span>y</span>Papers",
            "<div class=\"Card\"><a class=\"QuestionItem-title\">Papers</a></div>",
        ] {
            assert!(!in_title(page), "{page}");
        }
    }

    #[test]
    fn an_element_that_may_stay_open_or_holds_the_words_may_be_the_title() {
        for page in [
            "<h1>7 Papers &amp; Radios</h1>",
            "<meta property=\"og:title\" content=\"7 Papers &amp; Radios\">",
            // A special element inside keeps an ordinary one open past its end tag.
            "<span class=\"article-title\"><p>x</span>Papers",
            "<h1>x<div>y</h1>Papers",
            "<h1>x<table><td>y</h1>Papers",
            "<h1>x</span></div>Papers",
            // An SVG `<title>` whose text reopens `<b>` (closed by `</p>`
            // inside an integration point) stays open past `</title>`.
            "<svg><desc><p><b></p></desc><title>t</title></svg>Papers",
            "<svg><title><b>t</title></svg>Papers",
        ] {
            assert!(in_title(page), "{page}");
        }
    }

    #[test]
    fn words_in_a_table_count_as_at_its_start() {
        let page = "<p>论文 1：x</p><table><tr><td>y</td></tr>Papers</table>";
        let at = page.find("Papers").expect("words");
        let table = page.find("<table>").expect("table");
        let places = Places::of(page);
        assert!(places.title_may_be_at(at, Some(table + 1)));
        assert!(!places.title_may_be_at(at, Some(table)));
        assert!(!places.title_may_be_at(at, None));
    }
}
