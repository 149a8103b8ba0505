//! The pre-check that turns a page which cannot be a digest away before any
//! source reads it: a few Aho-Corasick and `memchr` passes over the decoded
//! text, no HTML or Markdown parse.
//!
//! A digest needs a featured paper or a radio-list entry, and the line
//! grammar ([`crate::lines::classify`]) only makes one from a line that holds
//!
//! * `论文` (a `论文 N：` heading, a `本周 N 篇 … 精选论文` radio heading),
//! * `paper` (any case) then white space and an ASCII digit (`Paper 1:`), or
//! * `(` or `（`, white space, then `from` (any case): a `Title. (from A)` entry.
//!
//! So a page whose visible text holds none of these is not a digest. The
//! check has to be **sound**: it may let a non-digest through (the parse
//! then says no), but never turn away a page that parses as a digest. The
//! visible text is not the raw text, so every place where markup could hide
//! one of these marks counts as a possible mark:
//!
//! * a mark whose characters are split by markup (`论<b>文</b>`,
//!   `Pa<span>per</span> 1`): the scan finds a prefix of the mark followed by
//!   markup and follows the markup. In HTML, end tags, comments and the
//!   doctype are followed (the HTML tokenizer says where they end) and
//!   numeric character references are decoded; a start tag (its element may
//!   be hidden, skipped or a table that moves text) ends the scan with
//!   "possible", and so does a named reference where white space may come
//!   (no name stands for a letter, a digit, `论` or `文`). In Markdown any
//!   inline markup character but `&` is "possible";
//! * a mark that starts with a numeric character reference (`&#35770;文`):
//!   every `&#` is a candidate start;
//! * a `(` written as a reference or separated from `from` by markup: a
//!   `from` preceded by `;`, `>` (or, in Markdown, any ASCII punctuation) is
//!   possible.
//!
//! GBK and GB18030 pages are checked after decoding, like every page.

use std::sync::LazyLock;

use crate::Format;
use crate::source::html::tokens::{Token, Tokens, is_one_of};

/// What the markup of a format can hide a character behind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    /// Plain text: what is written is what the grammar reads.
    None,
    /// HTML: tags, comments and character references.
    Html,
    /// Markdown: inline markup, HTML and character references.
    Markdown,
}

/// Bytes that may start markup in Markdown (inline syntax, HTML, references).
const MARKDOWN_MARKUP: &[u8] = b"<&*_`\\[]!~";
/// Bytes that may start markup in HTML.
const HTML_MARKUP: &[u8] = b"<&";

impl Markup {
    fn of(format: Format) -> Self {
        match format {
            Format::Text => Markup::None,
            Format::Html => Markup::Html,
            Format::Markdown => Markup::Markdown,
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Markup::None => b"",
            Markup::Html => HTML_MARKUP,
            Markup::Markdown => MARKDOWN_MARKUP,
        }
    }
}

/// One step of a mark.
#[derive(Clone, Copy)]
enum Step {
    /// This character (ASCII letters in any case).
    Char(char),
    /// Any amount of white space (`char::is_whitespace`, as `trim_start`).
    Spaces,
    /// An ASCII digit.
    Digit,
}

/// The marks, each with its literal head (what the scan searches for).
const MARKS: [(&str, &[Step]); 3] = [
    ("论文", &[Step::Char('论'), Step::Char('文')]),
    (
        "paper",
        &[
            Step::Char('p'),
            Step::Char('a'),
            Step::Char('p'),
            Step::Char('e'),
            Step::Char('r'),
            Step::Spaces,
            Step::Digit,
        ],
    ),
    (
        "from",
        &[
            Step::Char('f'),
            Step::Char('r'),
            Step::Char('o'),
            Step::Char('m'),
        ],
    ),
];

/// The index of the `from` mark, which also looks back for its `(`.
const FROM: usize = 2;

/// The first pass: each mark's head (`paper` and `from` in any ASCII
/// case) and the column's `目录` mentions. Heads are rare words, so the
/// regex's literal prefilter skips most of a page.
///
/// One packed (Teddy) search for few literals: `论文`, `目录`, `目錄` and every
/// ASCII case of `pap` and `fro`, the rest of `paper` and `from` checked at
/// each hit. (A regex of the whole words in any case is 51 literals, a
/// search three times slower per byte.)
static HEAD_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
    let mut patterns: Vec<Vec<u8>> = vec![
        "论文".as_bytes().to_vec(),
        "目录".as_bytes().to_vec(),
        "目錄".as_bytes().to_vec(),
    ];
    for word in [b"pap", b"fro"] {
        for case in 0..8u8 {
            patterns.push(
                word.iter()
                    .enumerate()
                    .map(|(i, b)| {
                        if case >> i & 1 == 1 {
                            b.to_ascii_uppercase()
                        } else {
                            *b
                        }
                    })
                    .collect(),
            );
        }
    }
    aho_corasick::packed::Searcher::new(patterns)
});

/// Each head in `bytes` (`论文`, `目录`/`目錄`, `paper` or `from` in any ASCII
/// case), in order, as its start and length.
fn heads(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let search = HEAD_SEARCH.as_ref()?;
        while at < bytes.len() {
            let m = search.find_in(bytes, aho_corasick::Span::from(at..bytes.len()))?;
            let start = m.start();
            let rest = |word: &[u8]| {
                bytes
                    .get(m.end()..m.end() + word.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(word))
            };
            let len = match bytes[start].to_ascii_lowercase() {
                b'p' if rest(b"er") => Some(5),
                b'f' if rest(b"m") => Some(4),
                b'p' | b'f' => None,
                _ => Some(m.len()),
            };
            match len {
                Some(len) => {
                    at = start + len;
                    return Some((start, len));
                }
                None => at = start + 1,
            }
        }
        None
    })
}

/// Is `b` a byte that may start markup in `markup`?
fn is_markup_byte(markup: Markup, b: u8) -> bool {
    markup.bytes().contains(&b)
}

/// The [`crate::Error::NotADigest`] message for a page the pre-check turns away.
pub(crate) const REFUSAL: &str = "no \"论文 N:\" paper, no \"本周 N 篇 … 精选论文\" radio heading and no \"(from …)\" radio entry anywhere in the page; found nothing of a digest";

/// Can `text`, read as `format`, be a digest (or a near miss whose
/// `NotADigest` message the full parse should write)? `false` only when no
/// line of it can be a paper heading, a radio heading or a radio entry.
pub(crate) fn may_be_digest(text: &str, format: Format) -> bool {
    let markup = Markup::of(format);
    if HEAD_SEARCH.is_none() {
        return true;
    }
    // Marks written as they are read, and mentions of the column
    // (`papers`, `目录`), whose near misses the full parse describes.
    for (start, len) in heads(text.as_bytes()) {
        let head = &text.as_bytes()[start..start + len];
        let index = if head == "论文".as_bytes() {
            0
        } else if head.starts_with("目".as_bytes()) {
            return true;
        } else if head.len() == "from".len() {
            FROM
        } else if text
            .as_bytes()
            .get(start + len)
            .is_some_and(|b| b.eq_ignore_ascii_case(&b's'))
        {
            return true;
        } else {
            1
        };
        if possible(text, start, index, MARKS[index].1, markup) {
            return true;
        }
    }
    let bytes = text.as_bytes();
    let check_at = |i: usize| {
        // A mark that starts with a numeric character reference.
        if bytes[i] == b'&'
            && bytes.get(i + 1) == Some(&b'#')
            && MARKS
                .iter()
                .enumerate()
                .any(|(k, (_, steps))| possible(text, i, k, steps, markup))
        {
            return true;
        }
        // A mark whose head is cut by markup: a proper prefix of the head
        // right before the markup (first a one-byte test of its last byte).
        i > 0
            && matches!(
                bytes[i - 1].to_ascii_lowercase(),
                b'p' | b'a' | b'e' | b'f' | b'r' | b'o' | 0xBA
            )
            && MARKS.iter().enumerate().any(|(k, (head, steps))| {
                head.char_indices().skip(1).any(|(cut, _)| {
                    i >= cut
                        && bytes[i - cut..i].eq_ignore_ascii_case(&head.as_bytes()[..cut])
                        && possible(text, i - cut, k, steps, markup)
                })
            })
    };
    match markup {
        Markup::None => false,
        Markup::Html => memchr::memchr2_iter(b'<', b'&', bytes).any(check_at),
        Markup::Markdown => (0..bytes.len())
            .filter(|&i| is_markup_byte(markup, bytes[i]))
            .any(check_at),
    }
}

/// Does mark `index` (`steps`) possibly start at byte `at` of the visible text?
fn possible(text: &str, at: usize, index: usize, steps: &[Step], markup: Markup) -> bool {
    let mut cursor = Cursor {
        text,
        pos: at,
        markup,
    };
    for step in steps {
        let ok = match step {
            Step::Char(want) => match cursor.next() {
                Next::Char(c) => c.eq_ignore_ascii_case(want),
                Next::Unknown => return true,
                Next::Named | Next::End => false,
            },
            Step::Digit => match cursor.next() {
                Next::Char(c) => c.is_ascii_digit(),
                Next::Unknown => return true,
                Next::Named | Next::End => false,
            },
            Step::Spaces => loop {
                let mut ahead = cursor.clone();
                match ahead.next() {
                    Next::Char(c) if c.is_whitespace() => cursor = ahead,
                    // `&nbsp;`, `&emsp;`, …: white space, so the mark goes on
                    // where the scan cannot follow.
                    Next::Unknown | Next::Named => return true,
                    _ => break true,
                }
            },
        };
        if !ok {
            return false;
        }
    }
    index != FROM || paren_before(text, at, markup)
}

/// Is the `from` at `at` possibly preceded by `(` or `（` and white space in
/// the visible text?
fn paren_before(text: &str, at: usize, markup: Markup) -> bool {
    let mut before = &text[..at];
    loop {
        before = before.trim_end_matches(char::is_whitespace);
        let Some(last) = before.chars().next_back() else {
            return false;
        };
        if markup != Markup::None
            && (last == ';' || last.is_ascii_alphanumeric())
            && let Some((start, c)) = reference_before(before)
        {
            match c {
                // White space written as a reference: look further back.
                Some(c) if c.is_whitespace() => {
                    before = &before[..start];
                    continue;
                }
                Some(c) => return c == '(' || c == '（',
                // A name the scan does not know (`&lpar;`, `&nbsp`).
                None => return true,
            }
        }
        return match last {
            '(' | '（' => true,
            // The end of a tag or comment.
            '>' => markup != Markup::None,
            c => markup == Markup::Markdown && c.is_ascii_punctuation(),
        };
    }
}

/// The character reference that `s` ends with, with or without its `;`:
/// its start, and its character as [`Cursor::reference`] reads it (`None`
/// for a name it does not know).
fn reference_before(s: &str) -> Option<(usize, Option<char>)> {
    let from = crate::source::floor_char_boundary(s, s.len().saturating_sub(48));
    let amp = from + s[from..].rfind('&')?;
    let tail = &s.as_bytes()[amp + 1..];
    if tail.is_empty()
        || !tail
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'#' || b == b';')
    {
        return None;
    }
    let mut cursor = Cursor {
        text: s,
        pos: amp,
        markup: Markup::Html,
    };
    match cursor.reference() {
        Some(c) if cursor.pos == s.len() => Some((amp, Some(c))),
        Some(_) => None,
        None => Some((amp, None)),
    }
}

/// Inline elements whose text the HTML source always keeps in place, and
/// void elements without text: no element the source skips (`select`,
/// `nav`, …), no table element (foster parenting moves text), no block (it
/// breaks the line), no `img` (its alt text may become a line).
const TRANSPARENT: [&[u8]; 38] = [
    b"html", b"head", b"body", b"link", b"meta", b"base", b"wbr", b"source", b"track", b"param",
    b"col", b"area", b"a", b"abbr", b"b", b"bdi", b"bdo", b"big", b"br", b"cite", b"code", b"data",
    b"dfn", b"em", b"font", b"i", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span",
    b"strike", b"strong", b"sub", b"sup", b"u",
];

/// Is the start tag `tag` (named `name`) one the visible text runs through:
/// a [`TRANSPARENT`] element with no attribute that may hide it (`hidden`,
/// a `display: none` style; any `hidden` or `none` in the tag counts)?
fn transparent(name: &[u8], tag: &[u8]) -> bool {
    let hides = |word: &[u8]| {
        tag.windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    is_one_of(name, &TRANSPARENT) && !hides(b"hidden") && !hides(b"none")
}

/// Does the start tag `name` always open a block element, which starts a
/// new line of the HTML source, wherever it stands? The source's blocks,
/// but not `body` or `html` (merged into the open ones), nor table parts or
/// `form` (ignored out of place).
fn is_breaking(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let Ok(name) = std::str::from_utf8(&lower) else {
        return false;
    };
    crate::source::html::tag_sets::is_block(name)
        && !matches!(
            name,
            "body" | "html" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "form"
        )
}

/// What a `<` does to the visible text.
enum Tag {
    /// Markup the text runs through (an end tag, a comment, a
    /// [`transparent`] start tag); the cursor is past it.
    Passed,
    /// The `<` is text.
    Text,
    /// A start tag that [`is_breaking`]: the line ends here.
    Break,
    /// Any other start tag: its element may be skipped or hidden.
    Unknown,
}

/// The next character of the visible text.
enum Next {
    Char(char),
    /// Markup whose visible text the scan does not work out.
    Unknown,
    /// A named character reference: no name stands for an ASCII letter or
    /// digit, `论` or `文`, but some stand for white space.
    Named,
    End,
}

/// A walk over the visible text from a byte offset.
#[derive(Clone)]
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    markup: Markup,
}

impl Cursor<'_> {
    fn next(&mut self) -> Next {
        loop {
            let Some(c) = self.text.get(self.pos..).and_then(|r| r.chars().next()) else {
                return Next::End;
            };
            let is_markup = c.is_ascii() && is_markup_byte(self.markup, c as u8);
            if !is_markup {
                self.pos += c.len_utf8();
                return Next::Char(c);
            }
            match (self.markup, c) {
                (Markup::Html, '<') => match self.skip_tag() {
                    Tag::Passed => continue,
                    Tag::Text => {
                        self.pos += 1;
                        return Next::Char('<');
                    }
                    Tag::Break => return Next::End,
                    Tag::Unknown => return Next::Unknown,
                },
                (Markup::Html | Markup::Markdown, '&') => match self.reference() {
                    Some(c) => return Next::Char(c),
                    None => return Next::Named,
                },
                _ => return Next::Unknown,
            }
        }
    }

    /// At a `<`: what the markup there does to the visible text.
    fn skip_tag(&mut self) -> Tag {
        let mut tokens = Tokens::at(self.text.as_bytes(), self.pos);
        match tokens.next() {
            Some(t) if t.span().start == self.pos => match t {
                Token::End { span, .. } | Token::Comment { span } | Token::Doctype { span } => {
                    self.pos = span.end;
                    Tag::Passed
                }
                Token::Start { name, span, .. } => {
                    if is_one_of(name, &[b"script", b"style"]) {
                        // Skipped with its body: the text runs on after its end tag.
                        match (tokens.next(), tokens.next()) {
                            (Some(Token::RawText { .. }), Some(Token::End { span, .. })) => {
                                self.pos = span.end;
                                Tag::Passed
                            }
                            _ => Tag::Unknown,
                        }
                    } else if transparent(name, &self.text.as_bytes()[span.clone()]) {
                        self.pos = span.end;
                        Tag::Passed
                    } else if is_breaking(name) {
                        Tag::Break
                    } else {
                        Tag::Unknown
                    }
                }
                Token::RawText { .. } => Tag::Unknown,
            },
            _ => Tag::Text,
        }
    }

    /// At a `&`: the character a numeric reference stands for (as far as
    /// the marks care) or one of `&amp;`, `&lt;`, `&gt;`, `&quot;` and
    /// `&apos;`, `&` itself when no reference starts here, `None` for
    /// another named reference.
    fn reference(&mut self) -> Option<char> {
        let rest = &self.text.as_bytes()[self.pos + 1..];
        if rest.first().is_some_and(u8::is_ascii_alphanumeric) {
            let len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let c = match (&rest[..len], rest.get(len)) {
                (b"amp", Some(b';')) => '&',
                (b"lt", Some(b';')) => '<',
                (b"gt", Some(b';')) => '>',
                (b"quot", Some(b';')) => '"',
                (b"apos", Some(b';')) => '\'',
                _ => return None,
            };
            self.pos += len + 2;
            return Some(c);
        }
        if rest.first() != Some(&b'#') {
            self.pos += 1;
            return Some('&');
        }
        let (radix, digits_at) = match rest.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = rest[digits_at..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits == 0 {
            self.pos += 1;
            return Some('&');
        }
        let number = &rest[digits_at..digits_at + digits];
        let mut end = self.pos + 1 + digits_at + digits;
        if self.text.as_bytes().get(end) == Some(&b';') {
            end += 1;
        }
        self.pos = end;
        // Out of range or surrogate: the parsers read U+FFFD, which is no
        // character of a mark; so are the C1 remappings of 0x80..0x9F.
        let value = std::str::from_utf8(number)
            .ok()
            .and_then(|n| u32::from_str_radix(n, radix).ok());
        Some(value.and_then(char::from_u32).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_in_any_case_and_overlapping_a_false_start() {
        fn found(s: &str) -> Vec<&str> {
            heads(s.as_bytes())
                .map(|(at, len)| &s[at..at + len])
                .collect()
        }
        assert_eq!(
            found("papaper PaPeR frfrom FROM"),
            ["paper", "PaPeR", "from", "FROM"]
        );
        assert_eq!(found("pap fro pape fr"), Vec::<&str>::new());
        assert_eq!(found("论文 目录 目錄 论"), ["论文", "目录", "目錄"]);
        assert_eq!(found("paper"), ["paper"]);
        assert_eq!(found("pape"), Vec::<&str>::new());
    }
}
