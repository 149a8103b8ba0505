//! How each HTML token moves the candidate lines: where a tag may break a
//! line, end every open one, hide text or leave an element's body out.

use super::Lines;
use super::tables::Part;
use crate::markup::{Token, is_one_of};
use crate::precheck::{hides, is_breaking, is_void, runs_through};

impl Lines {
    /// One token of an HTML page (`text` is the page).
    pub(crate) fn token(&mut self, text: &str, token: &Token<'_>) {
        // Scripts and styles are dropped with their bodies before any parse;
        // the raw-text elements the HTML source skips (`iframe`, `noscript`,
        // `textarea`) end at their own end tag, so the source skips exactly
        // their body: either way the text runs on after the end tag. (Inside
        // foreign content, where these are no raw text, the `svg` or `math`
        // element is skipped, and its start tag is markup of unknown text.)
        const SKIPPED: [&[u8]; 5] = [b"script", b"style", b"iframe", b"noscript", b"textarea"];
        // The other elements the source skips: it leaves their body out.
        const GAPS: [&[u8]; 7] = [
            b"button",
            b"select",
            b"svg",
            b"math",
            b"object",
            b"canvas",
            b"template",
        ];
        if !matches!(token, Token::RawText { .. }) {
            self.through.tag();
        }
        match token {
            Token::Start {
                name,
                span,
                self_closing,
            } => {
                let tag = &text.as_bytes()[span.clone()];
                let part = Part::of(name);
                self.tag_in_gaps(name, true);
                if part == Some(Part::Table) {
                    self.found.unordered = true;
                }
                if self.tables.foreign > 0 && is_one_of(name, &crate::markup::BREAKOUT) {
                    // It may close foreign content, which the source leaves
                    // out: a line may start here.
                    self.start();
                }
                // Out of any table, or after a cell's text (never moved).
                let in_place = self.tables.tables == 0 || self.tables.in_cell();
                self.tables.tag(part, true, *self_closing);
                if is_one_of(name, &SKIPPED) {
                    // Skipped with its body: the text runs on after its end
                    // tag.
                } else if is_one_of(name, &[b"br"])
                    || (part != Some(Part::Table) && is_breaking(name))
                {
                    self.hard();
                } else if is_one_of(name, &[b"img", b"image", b"form"])
                    || (in_place
                        && part.is_some_and(|p| {
                            !matches!(p, Part::Foreign | Part::Template | Part::Table)
                        }))
                {
                    // An image is nothing, or (with a URL) a line of its own
                    // that the grammar reads as plain, whatever its alt
                    // text; a form is a block, or nothing where the tree
                    // builder ignores it (inside another form); a table's
                    // part outside any table is ignored (its text runs on),
                    // and after a cell's text it is a block: a line may end
                    // here or go on. (After a table's stray text, which
                    // moves before the table, it is markup of unknown
                    // text.)
                    self.soft();
                } else if runs_through(name) {
                    if has_attributes(name, tag) {
                        if hides(tag) && !is_void(name) {
                            // Hidden or not, its body is left out or shown.
                            self.through.may_leave_out();
                            self.gap(name, true);
                        }
                        self.start();
                    }
                } else if is_one_of(name, &GAPS) {
                    // A self-closing `svg` or `math` is empty (foreign
                    // content keeps the flag); any other is skipped.
                    if !(*self_closing && is_one_of(name, &[b"svg", b"math"])) {
                        self.through.may_leave_out();
                        self.gap(name, false);
                    }
                } else {
                    self.unknown();
                    self.start();
                }
            }
            Token::End { name, .. } => {
                self.tag_in_gaps(name, false);
                let part = Part::of(name);
                let closes_cell = self.tables.closes_cell(part);
                self.tables.tag(part, false, false);
                if closes_cell || is_one_of(name, &[b"br"]) {
                    // A cell's end is a block's; `</br>` is a `<br>`.
                    self.hard();
                } else if !is_one_of(name, &SKIPPED) {
                    self.soft();
                }
            }
            Token::Comment { .. } | Token::Doctype { .. } => {}
            Token::RawText { name, span } => {
                let body = &text[span.clone()];
                if !is_one_of(name, &[b"script", b"style"]) {
                    // Text of the tree (a headline's text holds it) that
                    // the source may leave out; `title` and `textarea`
                    // have character references.
                    let references = is_one_of(name, &[b"title", b"textarea"]);
                    self.through.raw(body, references, &mut self.found);
                }
                if !is_one_of(name, &SKIPPED) {
                    // `title`, `xmp`, …: read as text.
                    self.visible(body, false);
                    self.unknown();
                }
            }
        }
    }
}

/// Does the start tag `tag` (named `name`) carry attributes?
fn has_attributes(name: &[u8], tag: &[u8]) -> bool {
    tag.get(1 + name.len()..)
        .is_some_and(|rest| rest.iter().any(|&b| b != b'>' && b != b'/'))
}
