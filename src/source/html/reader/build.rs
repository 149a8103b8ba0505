//! The reader's tree building: html5ever's "in body" rules for the start
//! and end tags the column's pages use, on a stack of open elements, into
//! the flat tree; declining on anything else. Character references and
//! carriage returns are decoded afterwards by html5ever's own tokenizer, all
//! pieces of a page in one run ([`super::references`]).

use std::borrow::Cow;
use std::ops::Range;

use super::decline::{Decline, Why};
use super::references::{Job, Pending, decode};
use super::{El, Kind, MAX_DEPTH, Node};
use crate::markup::{Attributes, Token, Tokens, is_block_end, is_heading, is_special};

/// How html5ever's "in body" mode treats a start tag, for the tags the
/// reader follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Start {
    /// Closes a `<p>` in button scope, then opens.
    Block,
    /// `h1`–`h6`: a [`Start::Block`] that also closes a heading open as
    /// the current node.
    Heading,
    /// `pre`: a [`Start::Block`] that drops a line feed right after it.
    Pre,
    /// `li`, or `dd`/`dt` (`false`): closes the open item of its kind
    /// unless a special element other than `address`, `div` and `p` comes
    /// first, then closes a `<p>`, then opens.
    Item(bool),
    /// A formatting element (`a` among them): opens, in the list of active
    /// formatting elements.
    Formatting,
    /// A void element: opens and closes at once.
    Void,
    /// `hr`: closes a `<p>`, then a void element.
    Hr,
    /// `script`, `style`, `iframe`, `noembed`, `noframes`, `noscript`:
    /// opens; its body is one text node; its end tag closes it.
    RawText,
    /// Anything else html5ever inserts as an ordinary element.
    Ordinary,
    /// Something the reader does not follow.
    Decline,
}

/// The rule of a start tag. (Written out for speed: a test holds the
/// formatting and void elements here to the element sets of
/// [`crate::markup`], but `nobr`, `image`, `col` and `frame`, declined.)
pub(super) fn start_rule(name: &str) -> Start {
    match name {
        "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
        | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header"
        | "hgroup" | "main" | "nav" | "ol" | "p" | "search" | "section" | "summary" | "ul"
        | "menu" => Start::Block,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Start::Heading,
        "pre" => Start::Pre,
        "li" => Start::Item(true),
        "dd" | "dt" => Start::Item(false),
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "s" | "small" | "strike" | "strong"
        | "tt" | "u" => Start::Formatting,
        "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "param" | "source" | "track"
        | "base" | "basefont" | "bgsound" | "link" | "meta" | "input" => Start::Void,
        "hr" => Start::Hr,
        "script" | "style" | "iframe" | "noembed" | "noframes" | "noscript" => Start::RawText,
        "html" | "body" | "head" | "frameset" | "form" | "plaintext" | "button" | "nobr"
        | "applet" | "marquee" | "object" | "table" | "image" | "textarea" | "select"
        | "option" | "optgroup" | "rb" | "rtc" | "rp" | "rt" | "math" | "svg" | "caption"
        | "col" | "colgroup" | "frame" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr"
        | "template" | "title" | "listing" | "xmp" | "isindex" => Start::Decline,
        _ => Start::Ordinary,
    }
}

fn is_formatting(name: &str) -> bool {
    start_rule(name) == Start::Formatting
}

/// An open element: its node and whether it is a formatting element.
#[derive(Clone, Copy)]
pub(super) struct Open {
    pub(super) node: usize,
    formatting: bool,
}

/// Where a token loop is: the end of the last token read, the raw-text
/// element whose body comes next, and whether a `<pre>` just opened (its
/// first line feed goes).
#[derive(Default)]
pub(super) struct Reading {
    pub(super) at: usize,
    pub(super) raw: Option<usize>,
    pub(super) after_pre: bool,
    /// The end of the bytes the tokens come from: a tag that ends before
    /// it ended at its own `>` (the tokenizer runs an unterminated one to
    /// the end), so only one ending there is read again ([`Attributes::tag_closed`]).
    pub(super) limit: usize,
}

impl Reading {
    /// Does the tag `span` of `page` end at its own `>`?
    pub(super) fn closed(&self, page: &[u8], span: Range<usize>) -> bool {
        span.end < self.limit || Attributes::tag_closed(page, span, false)
    }
}

/// Does text between two tokens hold `</>`, which is no token (the text
/// around it would be one node)? Most hold no `<` at all.
fn holds_empty_end_tag(gap: &str) -> bool {
    memchr::memchr(b'<', gap.as_bytes()).is_some() && gap.contains("</>")
}

pub(super) struct Builder<'a> {
    page: &'a str,
    pub(super) nodes: Vec<Node<'a>>,
    pub(super) open: Vec<Open>,
    jobs: Vec<Job>,
    pending: Vec<Pending>,
    /// Nodes whose text loses a leading line feed (right after `<pre>`).
    drop_lf: Vec<usize>,
    /// The element's end tag was read.
    pub(super) closed: bool,
    /// Elements the caller does not want read (see [`super::Tree::build_unless`]).
    unwanted: &'a dyn Fn(&El<'_>) -> bool,
    /// An element read so far is unwanted.
    stopped: bool,
    /// Forms are followed (the page before the article: in the article,
    /// the page's form element pointer is not known).
    pub(super) forms: bool,
    /// html5ever's form element pointer is set: a `<form>` was opened and
    /// not closed by its end tag.
    pub(super) form: bool,
}

impl<'a> Builder<'a> {
    fn name(&self, open: &Open) -> &str {
        match &self.nodes[open.node].kind {
            Kind::Element(e) => &e.name,
            Kind::Text(_) => "",
        }
    }

    /// Pops every open element from `index` up. Declines when that pops a
    /// formatting element (html5ever would reopen it later), other than the
    /// one at `index` when `own` (the end tag being read names it).
    pub(super) fn pop_to(&mut self, index: usize, own: bool) -> Result<(), Why> {
        let kept = self
            .open
            .get(index + usize::from(own)..)
            .ok_or(Why::StrayEndTag)?;
        if kept.iter().any(|o| o.formatting) {
            return Err(Why::Adoption);
        }
        let end = self.nodes.len();
        for o in self.open.drain(index..) {
            self.nodes[o.node].end = end;
        }
        if index == 0 {
            self.closed = true;
        }
        Ok(())
    }

    /// Ends every open element at the end of the nodes (the end of the
    /// input closes them all).
    pub(super) fn close_all(&mut self) {
        let end = self.nodes.len();
        for o in self.open.drain(..) {
            self.nodes[o.node].end = end;
        }
    }

    /// The topmost open element named `name`.
    fn find(&self, name: &str) -> Option<usize> {
        self.open.iter().rposition(|o| self.name(o) == name)
    }

    /// "Close a p element" if one is in button scope.
    fn close_p(&mut self) -> Result<(), Why> {
        match self.find("p") {
            // The element itself closed by its content: not followed.
            Some(0) => Err(Why::ClosedByContent),
            Some(i) => self.pop_to(i, false),
            None => Ok(()),
        }
    }

    /// A text node of the page's bytes `span`, with character references
    /// and carriage returns decoded unless it is a raw-text body (`raw`).
    pub(super) fn push_text(&mut self, span: Range<usize>, raw: bool) {
        let text = &self.page[span.clone()];
        if text.is_empty() {
            return;
        }
        let node = self.nodes.len();
        if !raw && memchr::memchr2(b'&', b'\r', text.as_bytes()).is_some() {
            self.pending.push(Pending::Text {
                node,
                job: self.jobs.len(),
            });
            self.jobs.push(Job::Text(span));
            self.nodes.push(Node {
                kind: Kind::Text(Cow::Borrowed("")),
                end: node + 1,
            });
        } else {
            self.nodes.push(Node {
                kind: Kind::Text(Cow::Borrowed(text)),
                end: node + 1,
            });
        }
    }

    /// Opens an element for the start tag `span` named `name`.
    pub(super) fn open_element(
        &mut self,
        name: Cow<'a, str>,
        span: Range<usize>,
        formatting: bool,
    ) {
        let node = self.nodes.len();
        let tag = &self.page[span.clone()];
        // Attributes with references wait for the decoding (and are
        // checked against `unwanted` after it).
        let coded = memchr::memchr2(b'&', b'\r', tag.as_bytes()).is_some();
        let attrs = if coded {
            self.pending.push(Pending::Attrs {
                node,
                job: self.jobs.len(),
            });
            self.jobs.push(Job::Tag(span));
            Vec::new()
        } else {
            plain_attributes(self.page, span)
        };
        let el = El { name, attrs };
        if !coded && (self.unwanted)(&el) {
            self.stopped = true;
        }
        self.nodes.push(Node {
            kind: Kind::Element(el),
            end: usize::MAX,
        });
        self.open.push(Open { node, formatting });
    }

    /// A builder of the tree of `page`, reading no element `unwanted`.
    pub(super) fn new(page: &'a str, unwanted: &'a dyn Fn(&El<'_>) -> bool) -> Self {
        Builder {
            page,
            nodes: Vec::new(),
            open: Vec::new(),
            jobs: Vec::new(),
            pending: Vec::new(),
            drop_lf: Vec::new(),
            closed: false,
            unwanted,
            stopped: false,
            forms: false,
            form: false,
        }
    }

    /// Opens an element the page does not write, which html5ever's parse
    /// implies (`html`, `head`, `body`): no attributes.
    pub(super) fn open_implied(&mut self, name: &'static str) {
        let node = self.nodes.len();
        self.nodes.push(Node {
            kind: Kind::Element(El {
                name: Cow::Borrowed(name),
                attrs: Vec::new(),
            }),
            end: usize::MAX,
        });
        self.open.push(Open {
            node,
            formatting: false,
        });
    }

    /// Reads one token of the page in html5ever's "in body" mode, with
    /// the text before it (from `r.at`), or declines. An end tag may close
    /// the element read ([`Builder::closed`]): the caller decides whether
    /// that may be there.
    pub(super) fn step(&mut self, r: &mut Reading, token: Token<'a>) -> Result<(), Decline> {
        let span = token.span();
        self.text_to(r, span.start)?;
        r.after_pre = false;
        r.at = span.end;
        self.token(r, token).map_err(|why| why.at(span.start))
    }

    /// [`Builder::step`] of the token itself.
    fn token(&mut self, r: &mut Reading, token: Token<'a>) -> Result<(), Why> {
        if let Some(node) = r.raw.take() {
            // A raw-text body, then its end tag.
            return match token {
                Token::RawText { span, .. } => {
                    if self.page[span.clone()].contains('\r') {
                        return Err(Why::CarriageReturnInRawText);
                    }
                    self.push_text(span, true);
                    r.raw = Some(node);
                    Ok(())
                }
                Token::End { .. } => {
                    // The tokenizer ends a raw-text body only at its own
                    // element's end tag, and nothing opens inside the body:
                    // the element is the current node.
                    let top = self.open.len().checked_sub(1).ok_or(Why::StrayEndTag)?;
                    debug_assert_eq!(self.open[top].node, node);
                    self.pop_to(top, false)
                }
                _ => Err(Why::Misplaced),
            };
        }
        match token {
            Token::Start { name, span, .. } => {
                if !r.closed(self.page.as_bytes(), span.clone()) {
                    return Err(Why::Unterminated);
                }
                let name = lower(std::str::from_utf8(name).map_err(|_| Why::NotUtf8)?);
                match self.start(name, span)? {
                    Start::RawText => r.raw = self.open.last().map(|o| o.node),
                    Start::Pre => r.after_pre = true,
                    _ => {}
                }
            }
            Token::End { name, .. } => {
                // An end tag the input ends inside is dropped by html5ever;
                // here it closes what it names, which ends at the end of
                // the input all the same (it is the last token).
                let name = lower(std::str::from_utf8(name).map_err(|_| Why::NotUtf8)?);
                self.end(&name)?;
            }
            Token::Comment { .. } => {}
            Token::Doctype { .. } | Token::RawText { .. } => return Err(Why::Misplaced),
        }
        Ok(())
    }

    /// The text from `r.at` to `to` (none when they meet), in body;
    /// declined where a parse could read it otherwise (a `</>` in it, which
    /// is no token; a reference right after a `<pre>`, whose line feed it
    /// may spell; text where a raw-text body should be).
    fn text_to(&mut self, r: &Reading, to: usize) -> Result<(), Decline> {
        if to <= r.at {
            return Ok(());
        }
        let text = &self.page[r.at..to];
        if r.raw.is_some() {
            return Err(Why::Misplaced.at(r.at));
        }
        if holds_empty_end_tag(text) {
            return Err(Why::EmptyEndTag.at(r.at));
        }
        if r.after_pre {
            if text.starts_with('&') {
                return Err(Why::ReferenceAfterPre.at(r.at));
            }
            self.drop_lf.push(self.nodes.len());
        }
        self.push_text(r.at..to, false);
        Ok(())
    }

    /// The tree, once every token is read: the pending pieces decoded
    /// ([`decode`]), the line feed after each `<pre>` dropped; declined
    /// when an element read is unwanted or the decoding fails.
    pub(super) fn finish(mut self) -> Result<Vec<Node<'a>>, Why> {
        if self.stopped {
            return Err(Why::Unwanted);
        }
        decode(self.page, &self.jobs, &self.pending, &mut self.nodes).ok_or(Why::Decoding)?;
        for p in &self.pending {
            if let Pending::Attrs { node, .. } = *p
                && let Kind::Element(e) = &self.nodes[node].kind
                && (self.unwanted)(e)
            {
                return Err(Why::Unwanted);
            }
        }
        for node in self.drop_lf {
            if let Some(Node {
                kind: Kind::Text(t),
                ..
            }) = self.nodes.get_mut(node)
                && t.starts_with('\n')
            {
                *t = match std::mem::take(t) {
                    Cow::Borrowed(s) => Cow::Borrowed(&s[1..]),
                    Cow::Owned(s) => Cow::Owned(s[1..].to_owned()),
                };
            }
        }
        Ok(self.nodes)
    }

    /// Reads a start tag, or declines.
    fn start(&mut self, name: Cow<'a, str>, span: Range<usize>) -> Result<Start, Why> {
        if name == "form" {
            // A form while the pointer is set is ignored: not followed.
            if !self.forms || self.form {
                return Err(Why::UnfollowedTag);
            }
            self.close_p()?;
            self.form = true;
            self.open_element(name, span, false);
            return Ok(Start::Block);
        }
        let rule = start_rule(&name);
        match rule {
            Start::Decline => return Err(Why::UnfollowedTag),
            Start::Block | Start::Pre => self.close_p()?,
            Start::Heading => {
                self.close_p()?;
                let top = self.open.len().checked_sub(1).ok_or(Why::ClosedByContent)?;
                if is_heading(self.name(&self.open[top])) {
                    self.pop_to(top, false)?;
                }
            }
            Start::Item(li) => {
                for i in (0..self.open.len()).rev() {
                    let n = self.name(&self.open[i]);
                    let item = if li {
                        n == "li"
                    } else {
                        n == "dd" || n == "dt"
                    };
                    if item {
                        if i == 0 {
                            return Err(Why::ClosedByContent);
                        }
                        self.pop_to(i, false)?;
                        break;
                    }
                    if is_special(n) && !matches!(n, "address" | "div" | "p") {
                        break;
                    }
                }
                self.close_p()?;
            }
            Start::Formatting => {
                // A second `<a>` runs the adoption agency on the first.
                if name == "a" && self.open.iter().any(|o| self.name(o) == "a") {
                    return Err(Why::Adoption);
                }
            }
            Start::Hr => self.close_p()?,
            Start::Void | Start::RawText | Start::Ordinary => {}
        }
        if self.open.is_empty() {
            return Err(Why::ClosedByContent);
        }
        let formatting = rule == Start::Formatting;
        self.open_element(name, span, formatting);
        if matches!(rule, Start::Void | Start::Hr) {
            let top = self.open.len() - 1;
            self.pop_to(top, false)?;
        }
        if self.open.len() > MAX_DEPTH {
            return Err(Why::TooDeep);
        }
        Ok(rule)
    }

    /// Reads an end tag, or declines.
    fn end(&mut self, name: &str) -> Result<(), Why> {
        let top = self.open.len().checked_sub(1).ok_or(Why::StrayEndTag)?;
        if name == "form" {
            // The form the pointer names, when it is the current node (no
            // implied end tags to generate, nothing left above it).
            if !self.forms || !self.form || self.name(&self.open[top]) != "form" {
                return Err(Why::UnfollowedTag);
            }
            self.form = false;
            return self.pop_to(top, false);
        }
        if is_formatting(name) {
            // Only the plain case of the adoption agency: it closes the
            // current node.
            return if self.name(&self.open[top]) == name {
                self.pop_to(top, true)
            } else {
                Err(Why::Adoption)
            };
        }
        let index = if name == "li" {
            // In list item scope: an open list bounds it.
            let i = self
                .open
                .iter()
                .rposition(|o| matches!(self.name(o), "li" | "ol" | "ul"))
                .ok_or(Why::StrayEndTag)?;
            (self.name(&self.open[i]) == "li")
                .then_some(i)
                .ok_or(Why::StrayEndTag)?
        } else if is_heading(name) {
            // Any heading closes the open one.
            self.open
                .iter()
                .rposition(|o| is_heading(self.name(o)))
                .ok_or(Why::StrayEndTag)?
        } else if is_block_end(name) || matches!(name, "p" | "dd" | "dt") {
            self.find(name).ok_or(Why::StrayEndTag)?
        } else {
            // Any other end tag: the open element of its name, with no
            // special element above it. The end tags html5ever gives rules
            // of their own (`</body>`, `</br>`, `</form>`, a table's, …)
            // are of elements whose start tag makes the reader decline or
            // that never stay open (`br`): no open element has their name.
            let i = self.find(name).ok_or(Why::StrayEndTag)?;
            if self.open[i + 1..].iter().any(|o| is_special(self.name(o))) {
                return Err(Why::StrayEndTag);
            }
            i
        };
        self.pop_to(index, false)
    }
}

/// The attributes of the start tag `span` of `page`, which holds no
/// character reference, carriage return or NUL: as the tokenizer's
/// attribute states read them ([`Attributes`]), names ASCII-lowercased,
/// the first of a name kept, as html5ever's tokenizer does.
pub(super) fn plain_attributes(
    page: &str,
    span: Range<usize>,
) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    let mut attrs: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    for a in Attributes::of_tag(page.as_bytes(), span) {
        let name = lower(&page[a.name]);
        if !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, Cow::Borrowed(&page[a.value])));
        }
    }
    attrs
}

/// `name`, ASCII-lowercased, borrowed when it is already.
pub(super) fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Builds the flat tree of the element whose start tag begins at
/// `range.start` and whose end tag ends at `range.end` (the end of the
/// page when it has none), as html5ever parses it on a page of its own;
/// declined when it cannot be sure of that parse.
pub(super) fn build<'a>(
    page: &'a str,
    range: Range<usize>,
    unwanted: &'a dyn Fn(&El<'_>) -> bool,
) -> Result<Vec<Node<'a>>, Decline> {
    page.as_bytes()
        .get(range.clone())
        .ok_or(Why::NotAnElement.at(range.start))?;
    let tokens = Tokens::at(&page.as_bytes()[..range.end], range.start);
    build_in(page, range.start, Some(range.end), tokens, unwanted).map(|(nodes, _)| nodes)
}

/// [`build`] of the element whose start tag begins at `start`, to its end
/// tag wherever that is (the end of the page when it has none): the tree
/// and the end of the element. The reader follows the element's tokens
/// with html5ever's rules, so where they close it is where that parse
/// does (and no separate scan for its end tag is needed). `recorded`:
/// the page's tokens from `start` on, when the pre-parse pass recorded
/// them (else the page is tokenized from `start`).
pub(super) fn build_to_end<'a>(
    page: &'a str,
    start: usize,
    recorded: Option<&[Token<'a>]>,
    unwanted: &'a dyn Fn(&El<'_>) -> bool,
) -> Result<(Vec<Node<'a>>, usize), Decline> {
    match recorded {
        Some(tokens) => build_in(page, start, None, tokens.iter().cloned(), unwanted),
        None => build_in(
            page,
            start,
            None,
            Tokens::at(page.as_bytes(), start),
            unwanted,
        ),
    }
}

/// [`build`] and [`build_to_end`]: the element from `start` to its end tag,
/// which must end at `bound` when there is one (the page then read only up
/// to it).
fn build_in<'a>(
    page: &'a str,
    start: usize,
    bound: Option<usize>,
    tokens: impl Iterator<Item = Token<'a>>,
    unwanted: &'a dyn Fn(&El<'_>) -> bool,
) -> Result<(Vec<Node<'a>>, usize), Decline> {
    let bytes = page.as_bytes();
    let limit = bound.unwrap_or(bytes.len());
    let not_an_element = Why::NotAnElement.at(start);
    bytes.get(start..limit).ok_or(not_an_element)?;
    let mut b = Builder::new(page, unwanted);
    let mut r = Reading {
        at: start,
        limit,
        ..Reading::default()
    };
    let mut first = true;
    for token in tokens {
        // An unwanted element read: the caller parses the element anyway.
        // (The element is closed only by its end tag, the last token: one
        // that closes it earlier makes the reader decline where it is read.)
        if b.stopped {
            return Err(Why::Unwanted.at(token.span().start));
        }
        if first {
            // The element's start tag, at the start of the piece.
            let Token::Start { name, span, .. } = token else {
                return Err(not_an_element);
            };
            if span.start > r.at {
                return Err(not_an_element);
            }
            if !r.closed(bytes, span.clone()) {
                return Err(Why::Unterminated.at(span.start));
            }
            let name = lower(std::str::from_utf8(name).map_err(|_| Why::NotUtf8.at(start))?);
            if !matches!(start_rule(&name), Start::Block | Start::Ordinary) {
                return Err(not_an_element);
            }
            r.at = span.end;
            b.open_element(name, span, false);
            first = false;
            continue;
        }
        b.step(&mut r, token)?;
        if b.closed {
            match bound {
                // Closed before the end tag the caller named.
                Some(end) if r.at != end => return Err(Why::Unclosed.at(r.at)),
                _ => break,
            }
        }
    }
    let end = if b.closed { r.at } else { limit };
    // What html5ever's tokenizer replaces or drops.
    if let Some(i) = memchr::memchr(0, &bytes[start..end]) {
        return Err(Why::Nul.at(start + i));
    }
    // A raw-text element still open (its body ran to the end of the
    // element) leaves the element unclosed: declined below unless it runs
    // to the end of the page. A piece without a token is declined there too.
    b.text_to(&r, end)?;
    if !b.closed {
        // Only the last element of a page may end without its end tag.
        if first {
            return Err(not_an_element);
        }
        if end != bytes.len() {
            return Err(Why::Unclosed.at(end));
        }
        // At the end of the input every open element ends; nothing is
        // reopened after it.
        b.close_all();
    }
    b.finish()
        .map(|nodes| (nodes, end))
        .map_err(|why| why.at(start))
}
