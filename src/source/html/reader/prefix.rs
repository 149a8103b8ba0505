//! The page before the located element, read from its tokens: the
//! placement probe and the metadata's first piece without html5ever's
//! parse of that part of the page (issue 24, "the placement probe on the
//! scan's open-element stack, with the whole-page parse as the fallback for
//! odd markup").
//!
//! html5ever parses a page's start in the insertion modes "initial",
//! "before html", "before head", "in head" and "after head", then "in
//! body". [`read`] follows those modes for what pages put there (a
//! doctype, comments, white space, `html`, `head` and `body` written or
//! implied, and the head's `meta`, `link`, `base`, `title`, `style`,
//! `script`, `noscript` and `noframes`) and the body with the reader's own
//! "in body" rules ([`Builder::step`]), and declines on anything else.
//! What it builds must be exactly html5ever's tree of the same bytes; a
//! test holds it to that on generated pages.

use std::ops::Range;

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::{LocalName, QualName, ns};
use scraper::Html;
use scraper::node::{Element, Text};

use super::build::{Builder, Reading, lower};
use super::decline::{Decline, Why};
use super::{Kind, Node};
use crate::markup::{Token, Tokens};

/// The modes of html5ever's tree builder before the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// "initial" and "before html": a doctype may come, then `<html>`.
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
}

/// The page up to the located element's start tag, read.
pub(in super::super) struct Prefix<'a> {
    nodes: Vec<Node<'a>>,
    /// The doctype token, when the page starts with one.
    doctype: Option<Range<usize>>,
}

/// Is `b` white space to html5ever's tree builder?
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The head's elements: void, or with a text body (`title` decoded as
/// RCDATA, the others raw).
fn head_void(name: &str) -> bool {
    matches!(name, "base" | "basefont" | "bgsound" | "link" | "meta")
}

fn head_text(name: &str) -> bool {
    matches!(name, "title" | "style" | "script" | "noscript" | "noframes")
}

/// Reads `page[..end]`, which ends with the located element's start tag,
/// as html5ever's parse of those bytes alone builds it. Declined when the
/// reader cannot be sure of that parse, or when the element's start tag is
/// not the last thing read and the element is not then the current node.
pub(in super::super) fn read(page: &str, end: usize) -> Result<Prefix<'_>, Decline> {
    let bytes = page.as_bytes().get(..end).ok_or(Why::NotCurrent.at(0))?;
    if let Some(i) = memchr::memchr(0, bytes) {
        return Err(Why::Nul.at(i));
    }
    let no_one = &|_: &super::El<'_>| false;
    let mut b = Builder::new(page, no_one);
    b.forms = true;
    let mut r = Reading {
        limit: end,
        ..Reading::default()
    };
    let mut mode = Mode::BeforeHtml;
    let mut doctype = None;
    // Something other than a comment or white space came: a doctype now
    // is ignored.
    let mut started = false;
    // A `<title>` is open: its body is decoded text.
    let mut title = false;
    for token in Tokens::new(bytes) {
        if mode == Mode::InBody {
            // `</body>` and `</html>` close nothing in html5ever's body (they
            // switch to the "after body" mode, and what follows goes back
            // into the body); the reader's stack would pop them: not
            // followed.
            if let Token::End { name, span } = &token
                && (name.eq_ignore_ascii_case(b"body") || name.eq_ignore_ascii_case(b"html"))
            {
                return Err(Why::BodyEnd.at(span.start));
            }
            b.step(&mut r, token)?;
            continue;
        }
        let span = token.span();
        let odd = Why::OddHead.at(span.start);
        if span.start > r.at {
            let gap = &bytes[r.at..span.start];
            if r.raw.is_some() || !gap.iter().copied().all(is_space) {
                return Err(Why::OddHead.at(r.at));
            }
            // Ignored before the head; a text node of the head or `html`
            // after.
            if matches!(mode, Mode::InHead | Mode::AfterHead) {
                b.push_text(r.at..span.start, false);
            }
        }
        r.at = span.end;
        if let Some(node) = r.raw.take() {
            match token {
                Token::RawText { span, .. } => {
                    let body = &page[span.clone()];
                    // A title's body is decoded as text, where a `<` would
                    // be read as a tag; a raw body's carriage returns are
                    // html5ever's to turn into line feeds.
                    if body.contains('\r') {
                        return Err(Why::CarriageReturnInRawText.at(span.start));
                    }
                    if title && body.contains('<') {
                        return Err(Why::TitleMarkup.at(span.start));
                    }
                    b.push_text(span, !title);
                    r.raw = Some(node);
                }
                Token::End { .. } => {
                    let top = b.open.len().checked_sub(1).ok_or(odd)?;
                    b.pop_to(top, false).map_err(|_| odd)?;
                    title = false;
                }
                _ => return Err(odd),
            }
            continue;
        }
        match token {
            Token::Doctype { span } => {
                if !started {
                    doctype = Some(span);
                    started = true;
                }
            }
            Token::Comment { .. } => {}
            Token::RawText { .. } => return Err(odd),
            Token::End { name, .. } => {
                let name =
                    lower(std::str::from_utf8(name).map_err(|_| Why::NotUtf8.at(span.start))?);
                if mode != Mode::InHead || name != "head" {
                    return Err(odd);
                }
                let top = b.open.len().checked_sub(1).ok_or(odd)?;
                b.pop_to(top, false).map_err(|_| odd)?;
                mode = Mode::AfterHead;
            }
            Token::Start { name, .. } => {
                started = true;
                if !r.closed(bytes, span.clone()) {
                    return Err(Why::Unterminated.at(span.start));
                }
                let name =
                    lower(std::str::from_utf8(name).map_err(|_| Why::NotUtf8.at(span.start))?);
                // Each mode either takes the tag or implies what comes
                // before it and hands it on.
                loop {
                    match mode {
                        Mode::BeforeHtml => {
                            mode = Mode::BeforeHead;
                            if name == "html" {
                                b.open_element(name, span.clone(), false);
                                break;
                            }
                            b.open_implied("html");
                        }
                        Mode::BeforeHead => {
                            mode = Mode::InHead;
                            if name == "head" {
                                b.open_element(name, span.clone(), false);
                                break;
                            }
                            if name == "html" {
                                return Err(odd);
                            }
                            b.open_implied("head");
                        }
                        Mode::InHead => {
                            if head_void(&name) {
                                b.open_element(name, span.clone(), false);
                                let top = b.open.len() - 1;
                                b.pop_to(top, false).map_err(|_| odd)?;
                                break;
                            }
                            if head_text(&name) {
                                title = name == "title";
                                b.open_element(name, span.clone(), false);
                                r.raw = b.open.last().map(|o| o.node);
                                break;
                            }
                            if matches!(&*name, "html" | "head" | "template") {
                                return Err(odd);
                            }
                            let top = b.open.len().checked_sub(1).ok_or(odd)?;
                            b.pop_to(top, false).map_err(|_| odd)?;
                            mode = Mode::AfterHead;
                        }
                        Mode::AfterHead => {
                            mode = Mode::InBody;
                            if name == "body" {
                                b.open_element(name, span.clone(), false);
                                break;
                            }
                            if head_void(&name)
                                || head_text(&name)
                                || matches!(&*name, "html" | "head" | "frameset" | "template")
                            {
                                return Err(odd);
                            }
                            b.open_implied("body");
                            // The tag, in body.
                            r.at = span.start;
                            b.step(&mut r, token.clone())?;
                            break;
                        }
                        // The body's tokens are stepped above.
                        Mode::InBody => return Err(odd),
                    }
                }
            }
        }
    }
    // The element is the current node, its start tag the last token, and
    // nothing is left unread.
    let not_current = Why::NotCurrent.at(end);
    let top = *b.open.last().ok_or(not_current)?;
    // A form pointer left set would change how the article's parse reads a
    // `<form>` in it.
    if b.form {
        return Err(Why::FormOpen.at(end));
    }
    if mode != Mode::InBody
        || r.at != end
        || r.raw.is_some()
        || top.node + 1 != b.nodes.len()
        || b.open.len() < 3
    {
        return Err(not_current);
    }
    b.close_all();
    let nodes = b.finish().map_err(|why| why.at(0))?;
    Ok(Prefix { nodes, doctype })
}

impl Prefix<'_> {
    /// The tree as a parsed page, in the quirks mode html5ever gives the
    /// page's doctype (no doctype: quirks), and the located element's node
    /// in it (the last node).
    pub(in super::super) fn html(&self, page: &str) -> (Html, NodeId) {
        let mut html = Html::new_document();
        // Room for every node up front: the tree's vector is never copied
        // to grow (a page's prefix holds thousands).
        html.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, self.nodes.len() + 1);
        html.quirks_mode = match &self.doctype {
            Some(span) => Html::parse_document(&page[span.clone()]).quirks_mode,
            None => html5ever::tree_builder::QuirksMode::Quirks,
        };
        let mut open: Vec<(NodeId, usize)> = Vec::new();
        let mut last = html.tree.root().id();
        for (i, node) in self.nodes.iter().enumerate() {
            while open.last().is_some_and(|&(_, end)| end <= i) {
                open.pop();
            }
            let parent = open.last().map_or(html.tree.root().id(), |&(id, _)| id);
            let value = match &node.kind {
                // A `<pre>`'s dropped line feed leaves an empty text, which
                // a parse does not hold.
                Kind::Text(t) if t.is_empty() => continue,
                Kind::Element(e) => scraper::Node::Element(Element::new(
                    QualName::new(None, ns!(html), LocalName::from(&*e.name)),
                    e.attrs
                        .iter()
                        .map(|(n, v)| html5ever::Attribute {
                            name: QualName::new(None, ns!(), LocalName::from(&**n)),
                            value: StrTendril::from(&**v),
                        })
                        .collect(),
                )),
                Kind::Text(t) => scraper::Node::Text(Text {
                    text: StrTendril::from(&**t),
                }),
            };
            let Some(mut parent) = html.tree.get_mut(parent) else {
                break;
            };
            let id = parent.append(value).id();
            if matches!(node.kind, Kind::Element(_)) {
                open.push((id, node.end));
            }
            last = id;
        }
        (html, last)
    }
}
