//! The one byte-level HTML tokenizer behind every scan of raw HTML that runs
//! before html5ever: the script/style cut, the nesting cap, the container
//! location and its end tag, the doctype, WeChat's `var ct`.
//!
//! It follows the states of the HTML tokenizer (WHATWG §13.2.5) for what
//! those scans need to know, and nothing else: where tags start and end and
//! what their names are, and which bytes are not markup at all.
//!
//! * Tags: a start tag is `<` + an ASCII letter; its name runs to white
//!   space, `/` or `>`; attribute values may be quoted (`"…"`, `'…'`, where
//!   `>` and `<` are text) or unquoted; a name such as `a"b` is a name.
//!   An end tag is `</` + a letter; `</>` is nothing; `</` + anything else
//!   is a bogus comment. A `<` before anything else is text.
//! * Comments: `<!--` to `-->` or `--!>`, with `<!-->` and `<!--->` empty;
//!   `<!doctype …>` ends at the first `>`; `<!…>` (including `<![CDATA[` in
//!   HTML content) and `<?…>` are bogus comments ending at the first `>`.
//! * Raw text: after the start tag of `script` (script data, with its
//!   escaped and double-escaped states for `<!--<script>…</script>-->`),
//!   `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript` (raw text,
//!   as html5ever parses with scripting on), `title`, `textarea` (escapable
//!   raw text) and `plaintext` (everything to the end), the body runs to the
//!   first end tag of the same name (any case, followed by white space, `/`
//!   or `>`, so `</script >` and `</SCRIPT>` count, `</scriptx>` does not).
//! * Foreign content: inside `<svg>` and `<math>` these names are ordinary
//!   elements (and a self-closing tag closes), until the element's end or a
//!   tag that breaks out of foreign content (`<p>`, `<div>`, …). Once a
//!   start tag has come inside an integration point (`<desc>`,
//!   `<foreignObject>`, …), where the tree builder may ignore the end tags
//!   and breakouts the scan counts, foreign content may outlast the scan's
//!   count, and from there on no name opens raw text.
//!
//! What it does not follow is tree construction (which elements an end tag
//! closes); the scans that need it keep a stack of open elements of their own.

use std::ops::Range;

/// One token of a page. Text outside raw-text elements is not reported:
/// it lies between the tokens' spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// A start tag; `span` runs from `<` to just past `>` (or to the end of
    /// the input for an unterminated tag).
    Start {
        name: &'a [u8],
        span: Range<usize>,
        self_closing: bool,
    },
    /// An end tag, `</name …>`.
    End { name: &'a [u8], span: Range<usize> },
    /// A comment, bogus comment (`<?…>`, `<!…>`, `</ …>`, HTML-content
    /// `<![CDATA[…>`), or a CDATA section in foreign content.
    Comment { span: Range<usize> },
    /// `<!doctype …>`.
    Doctype { span: Range<usize> },
    /// The body of a raw-text element (`script`, `style`, `title`, …),
    /// possibly empty, right after its start tag; its end tag follows as an
    /// [`Token::End`] unless the input ends first.
    RawText { name: &'a [u8], span: Range<usize> },
}

impl Token<'_> {
    /// The bytes the token covers.
    pub(crate) fn span(&self) -> Range<usize> {
        match self {
            Token::Start { span, .. }
            | Token::End { span, .. }
            | Token::Comment { span }
            | Token::Doctype { span }
            | Token::RawText { span, .. } => span.clone(),
        }
    }
}

/// How the tokenizer reads an element's contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Content {
    /// `script`: raw text with the script-data escape states.
    Script,
    /// `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`, and the
    /// escapable `title` and `textarea` (character references do not matter
    /// to where they end).
    Raw,
    /// `plaintext`: text to the end of the input.
    Plaintext,
}

/// The raw-text elements and how their contents are read.
const RAW_TEXT: [(&[u8], Content); 10] = [
    (b"script", Content::Script),
    (b"style", Content::Raw),
    (b"xmp", Content::Raw),
    (b"iframe", Content::Raw),
    (b"noembed", Content::Raw),
    (b"noframes", Content::Raw),
    (b"noscript", Content::Raw),
    (b"title", Content::Raw),
    (b"textarea", Content::Raw),
    (b"plaintext", Content::Plaintext),
];

/// The names of [`RAW_TEXT`].
pub(crate) const RAW_TEXT_NAMES: [&[u8]; RAW_TEXT.len()] = {
    let mut names: [&[u8]; RAW_TEXT.len()] = [b""; RAW_TEXT.len()];
    let mut i = 0;
    while i < RAW_TEXT.len() {
        names[i] = RAW_TEXT[i].0;
        i += 1;
    }
    names
};

/// [`RAW_TEXT_NAMES`] as a set: most start tags are none of them.
static RAW_TEXT_SET: std::sync::LazyLock<crate::markup::Names> =
    std::sync::LazyLock::new(|| crate::markup::Names::of(&[&RAW_TEXT_NAMES]));

/// Is `name` a raw-text or escapable raw-text element (in HTML content)?
pub(crate) fn is_raw_text(name: &[u8]) -> bool {
    RAW_TEXT_SET.contains(name)
}

/// Does the start tag `span` (named `name`) of `page` end foreign content?
/// A [`BREAKOUT`] name does, but `font` only with a `color`, `face` or
/// `size` attribute: any other `font` is an SVG or MathML element, and the
/// `<style>` inside it no raw text.
fn breaks_out(page: &[u8], name: &[u8], span: Range<usize>) -> bool {
    is_one_of(name, &BREAKOUT)
        && (!name.eq_ignore_ascii_case(b"font")
            || Attributes::of_tag(page, span)
                .any(|a| is_one_of(&page[a.name], &[b"color", b"face", b"size"])))
}

/// The integration points of foreign content (and the scope boundaries of
/// MathML and SVG): an HTML element opened inside one is read by the rules
/// of a body, where an end tag of an element outside the point is ignored.
pub(crate) const INTEGRATION: [&[u8]; 9] = [
    b"foreignobject",
    b"desc",
    b"title",
    b"mi",
    b"mo",
    b"mn",
    b"ms",
    b"mtext",
    b"annotation-xml",
];

/// Start tags that end foreign content (WHATWG §13.2.6.5), `font` included
/// (only with a `color`, `face` or `size` attribute: [`breaks_out`]).
pub(crate) const BREAKOUT: [&[u8]; 45] = [
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
    b"font",
];

/// HTML white space as the tokenizer sees it (a class of [`CLASS`]).
const SPACE: u8 = 1;
/// What ends a tag name: white space, `/`, `>`.
const TAG_NAME_END: u8 = 2;
/// What ends an attribute name: those and `=`.
const ATTR_NAME_END: u8 = 4;
/// What ends an unquoted attribute value: white space and `>`.
const VALUE_END: u8 = 8;

/// The classes of each byte, one table look-up where a byte is tested.
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let spaces = [b' ', b'\t', b'\n', b'\r', 0x0c];
    let mut i = 0;
    while i < spaces.len() {
        class[spaces[i] as usize] = SPACE | TAG_NAME_END | ATTR_NAME_END | VALUE_END;
        i += 1;
    }
    class[b'/' as usize] = TAG_NAME_END | ATTR_NAME_END;
    class[b'>' as usize] = TAG_NAME_END | ATTR_NAME_END | VALUE_END;
    class[b'=' as usize] = ATTR_NAME_END;
    class
};

/// The first byte of `b` from `from` in `class` (the end of `b` if none).
fn until(b: &[u8], from: usize, class: u8) -> usize {
    from + b.get(from..).map_or(0, |rest| {
        rest.iter()
            .position(|&c| CLASS[usize::from(c)] & class != 0)
            .unwrap_or(rest.len())
    })
}

/// The first byte of `b` from `from` that is no white space.
fn past_spaces(b: &[u8], from: usize) -> usize {
    from + b.get(from..).map_or(0, |rest| {
        rest.iter()
            .position(|&c| CLASS[usize::from(c)] & SPACE == 0)
            .unwrap_or(rest.len())
    })
}

/// Where a tag name that starts at `start` ends: at white space, `/`, `>`
/// or the end of the input.
fn name_end(b: &[u8], start: usize) -> usize {
    until(b, start, TAG_NAME_END)
}

/// Does `hay[at..]` start with `needle`, ASCII case-insensitively?
fn starts_with_ci(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at..at + needle.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(needle))
}

/// Is `name` one of `list`, ASCII case-insensitively?
pub(crate) fn is_one_of(name: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The tokens of a page, in order; see the module docs.
pub(crate) struct Tokens<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The raw-text element whose body comes next.
    raw: Option<(&'a [u8], Content)>,
    /// The open `svg` (`true`) and `math` (`false`) elements, outermost
    /// first: an end tag closes the innermost of its own name, none of the
    /// other's.
    roots: Vec<bool>,
    /// Open [`INTEGRATION`] points inside foreign content.
    points: usize,
    /// A start tag came while an integration point was open: the tree
    /// builder reads it by the rules of a body, where an end tag of an
    /// element outside the point may be ignored, so foreign content may
    /// outlast the scan's count of it.
    mixed: bool,
    /// Foreign content may still be open after the scan left it (a
    /// [`mixed`](Self::mixed) region ended): from here on no start tag opens
    /// raw text, since in foreign content `<title>` or `<style>` is an
    /// ordinary element whose body may break out into shown text.
    doubt: bool,
}

impl<'a> Tokens<'a> {
    /// Tokens of `bytes` from the start, in the data state.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Tokens::at(bytes, 0)
    }

    /// Tokens of `bytes` from `pos`, which must be in the data state (not
    /// inside a tag, comment or raw-text body).
    pub(crate) fn at(bytes: &'a [u8], pos: usize) -> Self {
        Tokens {
            bytes,
            pos,
            raw: None,
            roots: Vec::new(),
            points: 0,
            mixed: false,
            doubt: false,
        }
    }

    /// The scan leaves foreign content (by a breakout tag or the end tag of
    /// the outermost `svg` or `math`).
    fn leave_foreign(&mut self) {
        self.doubt |= self.mixed;
        self.roots.clear();
        self.points = 0;
        self.mixed = false;
    }

    /// The length of the input.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The body of the raw-text element `name` that starts at `self.pos`.
    fn raw_text(&mut self, name: &'a [u8], content: Content) -> Token<'a> {
        let start = self.pos;
        let end = match content {
            Content::Plaintext => self.bytes.len(),
            Content::Raw => self.raw_end(start, name),
            Content::Script => self.script_end(start),
        };
        self.pos = end;
        Token::RawText {
            name,
            span: start..end,
        }
    }

    /// Is there an end tag of `name` (any case, then white space, `/` or
    /// `>`) at `at`?
    fn end_tag_at(&self, at: usize, name: &[u8]) -> bool {
        self.bytes.get(at..at + 2) == Some(b"</")
            && starts_with_ci(self.bytes, at + 2, name)
            && self
                .bytes
                .get(at + 2 + name.len())
                .is_some_and(|&b| CLASS[usize::from(b)] & TAG_NAME_END != 0)
    }

    /// Where the body of a raw-text element ends: its end tag, or the end.
    fn raw_end(&self, from: usize, name: &[u8]) -> usize {
        let mut search = from;
        while let Some(off) = memchr::memmem::find(&self.bytes[search..], b"</") {
            let at = search + off;
            if self.end_tag_at(at, name) {
                return at;
            }
            search = at + 2;
        }
        self.bytes.len()
    }

    /// Where a script body ends, following the script-data states: `<!--`
    /// escapes, a `<script` inside the escape double-escapes (its
    /// `</script>` does not end the element), `-->` unescapes.
    fn script_end(&self, from: usize) -> usize {
        #[derive(PartialEq)]
        enum State {
            Data,
            Escaped,
            DoubleEscaped,
        }
        let b = self.bytes;
        let mut state = State::Data;
        let mut pos = from;
        while let Some(off) = memchr::memchr2(b'<', b'-', &b[pos..]) {
            let at = pos + off;
            if b[at] == b'-' {
                // `-->` leaves either escape state.
                if state != State::Data && b.get(at..at + 3) == Some(b"-->") {
                    state = State::Data;
                    pos = at + 3;
                } else {
                    pos = at + 1;
                }
                continue;
            }
            match state {
                State::Data => {
                    if self.end_tag_at(at, b"script") {
                        return at;
                    }
                    if b.get(at..at + 4) == Some(b"<!--") {
                        state = State::Escaped;
                        // `<!--` and `<!-->`: the dashes may close at once.
                        pos = at + 2;
                        continue;
                    }
                }
                State::Escaped => {
                    if self.end_tag_at(at, b"script") {
                        return at;
                    }
                    if starts_with_ci(b, at + 1, b"script")
                        && b.get(at + 7)
                            .is_some_and(|&c| CLASS[usize::from(c)] & TAG_NAME_END != 0)
                    {
                        state = State::DoubleEscaped;
                        pos = at + 7;
                        continue;
                    }
                }
                State::DoubleEscaped => {
                    if self.end_tag_at(at, b"script") {
                        state = State::Escaped;
                        pos = at + 8;
                        continue;
                    }
                }
            }
            pos = at + 1;
        }
        b.len()
    }

    /// Just past the `>` of a tag whose name ends at `from`, following the
    /// attribute states (quoted values hide `>`); the end of the input for
    /// an unterminated tag. Also whether the tag is self-closing.
    fn tag_end(&self, from: usize) -> (usize, bool) {
        let mut attrs = Attributes::new(self.bytes, from);
        for _ in attrs.by_ref() {}
        attrs.end()
    }

    /// The tag whose name starts at `start`: its name, where it ends, and
    /// whether it is self-closing. The tokenizer moves past it.
    fn tag(&mut self, start: usize) -> (&'a [u8], usize, bool) {
        let b = self.bytes;
        let name_end = name_end(b, start);
        let (end, self_closing) = self.tag_end(name_end);
        self.pos = end;
        (&b[start..name_end], end, self_closing)
    }

    /// A bogus comment (`<?…>`, `<!…>`, `</ …>`) from `lt` to the first `>`.
    fn bogus_comment(&mut self, lt: usize) -> Token<'a> {
        let end = self.to_gt(lt + 2);
        self.pos = end;
        Token::Comment { span: lt..end }
    }

    /// Just past the first `>` from `from`, or the end of the input.
    fn to_gt(&self, from: usize) -> usize {
        memchr::memchr(b'>', &self.bytes[from.min(self.bytes.len())..])
            .map_or(self.bytes.len(), |g| from + g + 1)
    }

    /// The end of a comment whose `<!--` is at `lt`.
    fn comment_end(&self, lt: usize) -> usize {
        let b = self.bytes;
        let body = lt + 4;
        // `<!-->` and `<!--->` end at once.
        if b.get(body) == Some(&b'>') {
            return body + 1;
        }
        if b.get(body..body + 2) == Some(b"->") {
            return body + 2;
        }
        let mut search = body;
        while let Some(off) = memchr::memmem::find(&b[search..], b"--") {
            let at = search + off;
            match b.get(at + 2) {
                Some(b'>') => return at + 3,
                Some(b'!') if b.get(at + 3) == Some(&b'>') => return at + 4,
                _ => search = at + 1,
            }
        }
        b.len()
    }
}

/// One attribute of a start tag as written: where its name and its value
/// (without quotes) lie in the page. The name is as written (not yet
/// lowercased), the value not yet decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attribute {
    /// The attribute's name.
    pub(crate) name: Range<usize>,
    /// Its value; empty for an attribute without `=`.
    pub(crate) value: Range<usize>,
}

/// The attributes of a tag, read with the tokenizer's attribute states
/// (WHATWG §13.2.5.32–§13.2.5.40) from the end of the tag's name: the same
/// reading [`Tokens`] follows to find where the tag ends. After the last
/// one, [`Attributes::end`] says where the tag ends and whether it is
/// self-closing.
pub(crate) struct Attributes<'a> {
    bytes: &'a [u8],
    pos: usize,
    slash: bool,
    /// Where the reading stopped, and whether the tag is self-closing.
    done: Option<(usize, bool)>,
    /// The reading stopped at the tag's `>` (not at the end of the input).
    closed: bool,
}

impl<'a> Attributes<'a> {
    /// The attributes of the tag whose name ends at `from`.
    pub(crate) fn new(bytes: &'a [u8], from: usize) -> Self {
        Attributes {
            bytes,
            pos: from,
            slash: false,
            done: None,
            closed: false,
        }
    }

    /// Does the tag `span` (as [`Token::Start`] or [`Token::End`] gives it)
    /// end at its own `>`? Not when the input ends inside it, even where
    /// the input's last byte is a `>` inside a quoted value: a parser drops
    /// such a tag.
    pub(crate) fn tag_closed(bytes: &'a [u8], span: Range<usize>, end_tag: bool) -> bool {
        let tag = &bytes[..span.end];
        let name = span.start + if end_tag { 2 } else { 1 };
        let mut attrs = Attributes::new(tag, name_end(tag, name));
        for _ in attrs.by_ref() {}
        attrs.closed
    }

    /// The attributes of the start tag `span` (as [`Token::Start`] gives
    /// it) of a page.
    pub(crate) fn of_tag(bytes: &'a [u8], span: Range<usize>) -> Self {
        let tag = &bytes[..span.end];
        Attributes::new(tag, name_end(tag, span.start + 1))
    }

    /// Just past the tag's `>` (the end of the input when it has none), and
    /// whether it is self-closing: where the reading stopped.
    pub(crate) fn end(&self) -> (usize, bool) {
        self.done.unwrap_or((self.bytes.len(), false))
    }

    fn finish(&mut self, end: usize, self_closing: bool) -> Option<Attribute> {
        self.done = Some((end, self_closing));
        self.closed = end <= self.bytes.len() && self.bytes.get(end.wrapping_sub(1)) == Some(&b'>');
        None
    }
}

impl Iterator for Attributes<'_> {
    type Item = Attribute;

    fn next(&mut self) -> Option<Attribute> {
        if self.done.is_some() {
            return None;
        }
        let b = self.bytes;
        let mut pos = self.pos;
        // Before an attribute name.
        loop {
            let from = pos;
            pos = past_spaces(b, pos);
            // A `/` makes the tag self-closing only right before its `>`
            // (`<p/ >` is not).
            if pos > from {
                self.slash = false;
            }
            match b.get(pos) {
                None => return self.finish(b.len(), false),
                Some(b'>') => {
                    let slash = self.slash;
                    return self.finish(pos + 1, slash);
                }
                Some(b'/') => {
                    self.slash = true;
                    pos += 1;
                }
                Some(_) => break,
            }
        }
        self.slash = false;
        // The attribute name: its first byte may be `=`.
        let name_start = pos;
        pos = until(b, pos + 1, ATTR_NAME_END);
        let name = name_start..pos;
        pos = past_spaces(b, pos);
        if b.get(pos) != Some(&b'=') {
            self.pos = pos;
            return Some(Attribute {
                name,
                value: pos..pos,
            });
        }
        pos = past_spaces(b, pos + 1);
        let value = match b.get(pos) {
            None => {
                self.done = Some((b.len(), false));
                pos..pos
            }
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &b[pos + 1..]) {
                Some(close) => {
                    self.pos = pos + 1 + close + 1;
                    pos + 1..pos + 1 + close
                }
                None => {
                    self.done = Some((b.len(), false));
                    pos + 1..b.len()
                }
            },
            // `a=>`: an empty value, and the tag ends.
            Some(b'>') => {
                self.done = Some((pos + 1, false));
                self.closed = true;
                pos..pos
            }
            Some(_) => {
                let start = pos;
                pos = until(b, pos, VALUE_END);
                self.pos = pos;
                start..pos
            }
        };
        Some(Attribute { name, value })
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some((name, content)) = self.raw.take() {
            return Some(self.raw_text(name, content));
        }
        let b = self.bytes;
        loop {
            let lt = self.pos + memchr::memchr(b'<', b.get(self.pos..)?)?;
            match b.get(lt + 1) {
                Some(b'!') => {
                    let end = if b.get(lt + 2..lt + 4) == Some(b"--") {
                        self.comment_end(lt)
                    } else if starts_with_ci(b, lt + 2, b"doctype") {
                        let end = self.to_gt(lt + 2);
                        self.pos = end;
                        return Some(Token::Doctype { span: lt..end });
                    } else if !self.roots.is_empty() && b.get(lt + 2..lt + 9) == Some(b"[CDATA[") {
                        memchr::memmem::find(&b[lt + 9..], b"]]>")
                            .map_or(b.len(), |e| lt + 9 + e + 3)
                    } else {
                        self.to_gt(lt + 2)
                    };
                    self.pos = end;
                    return Some(Token::Comment { span: lt..end });
                }
                Some(b'?') => return Some(self.bogus_comment(lt)),
                Some(b'/') => match b.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let (name, end, _) = self.tag(lt + 2);
                        if !self.roots.is_empty() {
                            if is_one_of(name, &INTEGRATION) {
                                self.points = self.points.saturating_sub(1);
                            }
                            if is_one_of(name, &[b"p", b"br"]) {
                                self.leave_foreign();
                            } else if is_one_of(name, &[b"svg", b"math"]) {
                                // `</math>` in an `svg` closes nothing.
                                let svg = name.eq_ignore_ascii_case(b"svg");
                                if let Some(i) = self.roots.iter().rposition(|&r| r == svg) {
                                    self.roots.truncate(i);
                                    if self.roots.is_empty() {
                                        self.leave_foreign();
                                    }
                                }
                            }
                        }
                        return Some(Token::End {
                            name,
                            span: lt..end,
                        });
                    }
                    // `</>` is nothing at all.
                    Some(b'>') => self.pos = lt + 3,
                    // `</` at the end is text.
                    None => {
                        self.pos = b.len();
                        return None;
                    }
                    Some(_) => return Some(self.bogus_comment(lt)),
                },
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, end, self_closing) = self.tag(lt + 1);
                    if !self.roots.is_empty() {
                        self.mixed |= self.points > 0;
                        if !self_closing && is_one_of(name, &INTEGRATION) {
                            self.points += 1;
                        }
                        if breaks_out(b, name, lt..end) {
                            self.leave_foreign();
                        }
                    }
                    if !self.roots.is_empty() || is_one_of(name, &[b"svg", b"math"]) {
                        if !self_closing && is_one_of(name, &[b"svg", b"math"]) {
                            self.roots.push(name.eq_ignore_ascii_case(b"svg"));
                        }
                    } else if !self.doubt
                        && (end < b.len() || b.last() == Some(&b'>'))
                        && let Some((_, content)) = is_raw_text(name)
                            .then(|| RAW_TEXT.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
                            .flatten()
                    {
                        self.raw = Some((name, *content));
                    }
                    return Some(Token::Start {
                        name,
                        span: lt..end,
                        self_closing,
                    });
                }
                // A `<` before anything else is text.
                _ => self.pos = lt + 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(page: &str) -> Vec<String> {
        Tokens::new(page.as_bytes())
            .map(|t| {
                let text = &page[t.span()];
                match t {
                    Token::Start { .. } => format!("start {text}"),
                    Token::End { .. } => format!("end {text}"),
                    Token::Comment { .. } => format!("comment {text}"),
                    Token::Doctype { .. } => format!("doctype {text}"),
                    Token::RawText { .. } => format!("raw {text}"),
                }
            })
            .collect()
    }

    /// What html5ever's tokenizer makes of `page`, switched into raw text
    /// after the elements whose start tag the tree builder switches it for
    /// (outside foreign content): tags (a start tag's name and self-closing
    /// flag), comments and doctypes, in order.
    fn html5evers(page: &str) -> Vec<String> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{
            BufferQueue, TagKind, Token as T, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
        };
        #[derive(Default)]
        struct Sink(std::cell::RefCell<Vec<String>>);
        impl TokenSink for Sink {
            type Handle = ();
            fn process_token(&self, token: T, _line: u64) -> TokenSinkResult<()> {
                let mut out = self.0.borrow_mut();
                match token {
                    T::TagToken(tag) if tag.kind == TagKind::StartTag => {
                        let name = tag.name.to_string();
                        out.push(format!("start {name} {}", tag.self_closing));
                        return match &*name {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                                TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                            "plaintext" => TokenSinkResult::Plaintext,
                            _ => TokenSinkResult::Continue,
                        };
                    }
                    T::TagToken(tag) => out.push(format!("end {}", tag.name)),
                    T::CommentToken(_) => out.push("comment".to_owned()),
                    T::DoctypeToken(_) => out.push("doctype".to_owned()),
                    _ => {}
                }
                TokenSinkResult::Continue
            }
        }
        let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(page.into());
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        tokenizer.sink.0.take()
    }

    /// The same of [`Tokens`]; a tag cut off by the end of the input is
    /// none (html5ever drops it).
    fn ours(page: &str) -> Vec<String> {
        Tokens::new(page.as_bytes())
            .filter_map(|t| match t {
                Token::Start {
                    name,
                    span,
                    self_closing,
                } => Attributes::tag_closed(page.as_bytes(), span, false).then(|| {
                    let name = String::from_utf8_lossy(name).to_ascii_lowercase();
                    format!("start {name} {self_closing}")
                }),
                Token::End { name, span } => Attributes::tag_closed(page.as_bytes(), span, true)
                    .then(|| format!("end {}", String::from_utf8_lossy(name).to_ascii_lowercase())),
                Token::Comment { .. } => Some("comment".to_owned()),
                Token::Doctype { .. } => Some("doctype".to_owned()),
                Token::RawText { .. } => None,
            })
            .collect()
    }

    /// The token reader against html5ever's own tokenizer, on every page of
    /// up to four pieces of tag syntax (outside foreign content, which the
    /// reader follows only as far as it can without a tree): each
    /// disagreement is a bug. (`<p/ >` was self-closing to the reader.)
    #[test]
    fn tokens_agree_with_html5evers_tokenizer() {
        const PIECES: [&str; 22] = [
            "<p",
            "</p",
            "<br",
            " ",
            "/",
            ">",
            "=",
            "a",
            "\"",
            "'",
            "<!--",
            "-->",
            "<!",
            "<?",
            "</",
            "<script>",
            "</script>",
            "<title>",
            "</title",
            "<!--<script>",
            "x=y/",
            "<",
        ];
        let mut pages = vec![String::new()];
        for _ in 0..4 {
            pages = pages
                .iter()
                .flat_map(|p| PIECES.iter().map(move |piece| format!("{p}{piece}")))
                .collect();
            for page in &pages {
                assert_eq!(ours(page), html5evers(page), "{page:?}");
            }
        }
    }

    #[test]
    fn comments_in_all_their_forms() {
        assert_eq!(
            kinds(
                "<!--><p><!---><p><!-- <div> --!><p><!-- a -- b --><?php <div> ?><!x <div>></ x><![CDATA[ <div> ]]>"
            ),
            [
                "comment <!-->",
                "start <p>",
                "comment <!--->",
                "start <p>",
                "comment <!-- <div> --!>",
                "start <p>",
                "comment <!-- a -- b -->",
                "comment <?php <div>",
                "comment <!x <div>",
                "comment </ x>",
                "comment <![CDATA[ <div>",
            ]
        );
        assert_eq!(
            kinds("<!DOCTYPE html><svg><![CDATA[ <div> ]]></svg>"),
            [
                "doctype <!DOCTYPE html>",
                "start <svg>",
                "comment <![CDATA[ <div> ]]>",
                "end </svg>"
            ]
        );
    }

    #[test]
    fn raw_text_elements_end_at_their_own_end_tag() {
        assert_eq!(
            kinds("<title>a <script> b</title ><p>"),
            [
                "start <title>",
                "raw a <script> b",
                "end </title >",
                "start <p>"
            ]
        );
        assert_eq!(
            kinds("<textarea></div></TEXTAREA><xmp><b></xmp/>"),
            [
                "start <textarea>",
                "raw </div>",
                "end </TEXTAREA>",
                "start <xmp>",
                "raw <b>",
                "end </xmp/>"
            ]
        );
        assert_eq!(
            kinds("<script>a</scriptx></script\t><p>"),
            [
                "start <script>",
                "raw a</scriptx>",
                "end </script\t>",
                "start <p>"
            ]
        );
        assert_eq!(
            kinds("<plaintext></plaintext><p>"),
            ["start <plaintext>", "raw </plaintext><p>"]
        );
    }

    #[test]
    fn script_escapes() {
        // Double-escaped: the inner </script> does not end the element.
        assert_eq!(
            kinds("<script><!--<script>x</script>--></script><p>"),
            [
                "start <script>",
                "raw <!--<script>x</script>-->",
                "end </script>",
                "start <p>"
            ]
        );
        // Escaped only: </script> ends it.
        assert_eq!(
            kinds("<script><!-- x </script><p>"),
            [
                "start <script>",
                "raw <!-- x ",
                "end </script>",
                "start <p>"
            ]
        );
    }

    #[test]
    fn attribute_values_hide_markup() {
        assert_eq!(
            kinds("<p title=\"<div>\" data-x='</p>' y=a>b<i>"),
            ["start <p title=\"<div>\" data-x='</p>' y=a>", "start <i>"]
        );
        // A quote inside a name is part of the name, not a value.
        assert_eq!(kinds("<p a\"b>c<i>"), ["start <p a\"b>", "start <i>"]);
        assert_eq!(kinds("<p a=>b<i>"), ["start <p a=>", "start <i>"]);
    }

    #[test]
    fn foreign_content_has_no_raw_text() {
        assert_eq!(
            kinds("<svg><style><p>x</p></style></svg>"),
            [
                "start <svg>",
                "start <style>",
                "start <p>",
                "end </p>",
                "end </style>",
                "end </svg>"
            ]
        );
        assert_eq!(
            kinds("<svg><title><b></title></svg><title><b></title>"),
            [
                "start <svg>",
                "start <title>",
                "start <b>",
                "end </title>",
                "end </svg>",
                "start <title>",
                "start <b>",
                "end </title>"
            ]
        );
        // An SVG icon's title with text alone closes at its end tag.
        assert_eq!(
            kinds("<svg><title>Share</title></svg><title><b></title>"),
            [
                "start <svg>",
                "start <title>",
                "end </title>",
                "end </svg>",
                "start <title>",
                "raw <b>",
                "end </title>"
            ]
        );
    }

    /// A `font` without `color`, `face` or `size` is an SVG element, and
    /// `</math>` closes no `svg`: the `<style>` after either is no raw text.
    #[test]
    fn foreign_content_ends_where_html5ever_ends_it() {
        for page in ["<svg><font><style><p>", "<svg></math><style><p>"] {
            assert_eq!(
                kinds(page).last().map(String::as_str),
                Some("start <p>"),
                "{page}"
            );
        }
        assert_eq!(
            kinds("<svg><font size=2><style><p>")
                .last()
                .map(String::as_str),
            Some("raw <p>")
        );
    }

    /// A `<p>` inside `<desc>` does not break out of the `svg`, so the
    /// `<title>` after `</desc>` is the SVG's, whose body a later `<p>`
    /// breaks out of into shown text: no raw text may swallow it (found by
    /// the property `a_series_title_anywhere_never_turns_a_digest_away`).
    #[test]
    fn foreign_content_may_outlast_an_integration_point() {
        assert_eq!(
            kinds("<svg><desc><p>x</p></desc><td><title></td><p>y"),
            [
                "start <svg>",
                "start <desc>",
                "start <p>",
                "end </p>",
                "end </desc>",
                "start <td>",
                "start <title>",
                "end </td>",
                "start <p>"
            ]
        );
    }

    #[test]
    fn tags_closed_at_their_own_gt() {
        let closed =
            |page: &str, end_tag| Attributes::tag_closed(page.as_bytes(), 0..page.len(), end_tag);
        assert!(closed("<p>", false));
        assert!(closed("<p a=>", false));
        assert!(closed("<p a='>'>", false));
        assert!(closed("</p x>", true));
        assert!(!closed("<p a='x</p>", false));
        assert!(!closed("<p a=\"</div>", false));
        assert!(!closed("<p", false));
        assert!(!closed("<p a=", false));
        assert!(!closed("</p a='>", true));
    }

    #[test]
    fn text_lt_and_odd_ends() {
        assert_eq!(kinds("a < b <3 </> <p"), ["start <p"]);
        assert_eq!(kinds("x </"), Vec::<String>::new());
    }
}
