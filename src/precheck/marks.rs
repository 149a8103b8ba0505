//! The marks of the first stage: the necessary conditions of a digest's
//! line shapes, built from the vocabulary table, their literal heads'
//! searches, and the cursor that follows a mark's visible text through
//! markup and character references.

use std::sync::LazyLock;

use super::elements::{is_breaking, transparent};
use super::{Markup, Token, Tokens, is_markup_byte, is_one_of};
use crate::vocabulary::{self, Label};

/// One step of a mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// This character (ASCII letters in any case).
    Char(char),
    /// Any amount of white space (`char::is_whitespace`, as `trim_start`).
    Spaces,
    /// One ASCII digit or more.
    Digits,
    /// What separates a paper heading's number from its title ([`is_separator`]).
    Separator,
}

/// What a mark shows when it is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shows {
    /// A paper heading.
    Paper,
    /// A radio entry's `(from …)`.
    From,
    /// A radio heading.
    RadioHeading,
    /// The series' title: only for the refusal's message.
    Title,
}

/// A mark: its literal head (ASCII-lowercased), the steps of its visible
/// text from the head's start, whether it must start a word, and what it
/// shows.
#[derive(Debug)]
pub(super) struct Mark {
    pub(super) head: String,
    pub(super) steps: Vec<Step>,
    pub(super) starts_word: bool,
    pub(super) shows: Shows,
}

/// The steps that spell `word`.
pub(super) fn spelled(word: &str) -> Vec<Step> {
    word.chars().map(Step::Char).collect()
}

/// Every mark, from the vocabulary table.
pub(super) static MARKS: LazyLock<Vec<Mark>> = LazyLock::new(|| {
    let mut marks: Vec<Mark> = vocabulary::aliases(Label::Paper)
        .map(|alias| Mark {
            head: alias.to_ascii_lowercase(),
            steps: [
                spelled(alias),
                vec![Step::Spaces, Step::Digits, Step::Spaces, Step::Separator],
            ]
            .concat(),
            starts_word: true,
            shows: Shows::Paper,
        })
        .collect();
    let word = |head: &str, shows| Mark {
        head: head.to_ascii_lowercase(),
        steps: spelled(head),
        starts_word: false,
        shows,
    };
    marks.push(word(vocabulary::RADIO_FROM, Shows::From));
    marks.push(word(vocabulary::RADIO_HEADING.1, Shows::RadioHeading));
    marks.push(word(vocabulary::SERIES.0, Shows::Title));
    marks
});

/// Is `c` what may separate a paper heading's number from its title
/// (`论文 1：`, `Paper 2.`, `论文 3、`)? A unit test holds it to the grammar.
pub(super) fn is_separator(c: char) -> bool {
    matches!(c, ':' | '：' | '︰' | '∶' | '.' | '．' | '、')
}

/// How many bytes of an ASCII head the first pass searches for, in every
/// case: the rest is checked at each hit.
pub(super) const ASCII_PREFIX: usize = 4;

/// The first pass for the ASCII heads: their first [`ASCII_PREFIX`] bytes
/// in every ASCII case. Heads are rare words, so the packed (Teddy) search
/// skips most of a page; up to 32 patterns it takes the slim search (32
/// bytes a step), which is why the other heads have a search of their own
/// ([`OTHER_HEADS`]). (A regex of the whole words in any case is dozens of
/// literals, a search three times slower per byte.)
pub(super) static HEAD_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> =
    LazyLock::new(|| {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for mark in MARKS.iter().filter(|m| m.head.is_ascii()) {
            let head = mark.head.as_bytes();
            let prefix = &head[..head.len().min(ASCII_PREFIX)];
            for case in 0..1u32 << prefix.len() {
                let v: Vec<u8> = prefix
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        if case >> i & 1 == 1 {
                            b.to_ascii_uppercase()
                        } else {
                            *b
                        }
                    })
                    .collect();
                if !patterns.contains(&v) {
                    patterns.push(v);
                }
            }
        }
        aho_corasick::packed::Searcher::new(patterns)
    });

/// The first pass for the other heads (`论文`, `論文`, `精选论文`): a `memmem`
/// search for each distinct last character of theirs, with the byte
/// lengths of the heads that end in it. A written head holds its last
/// character at a fixed place, and one character of a CJK page is rarer
/// than the many bytes a packed search's fingerprint lets through (on the
/// thirty news pages, `文` is a third the cost of a packed search for the
/// heads).
pub(super) static OTHER_HEADS: LazyLock<Vec<(memchr::memmem::Finder<'static>, Vec<usize>)>> =
    LazyLock::new(|| {
        let mut by_last: Vec<(char, Vec<usize>)> = Vec::new();
        for mark in MARKS.iter().filter(|m| !m.head.is_ascii()) {
            let Some(last) = mark.head.chars().next_back() else {
                continue;
            };
            let len = mark.head.len();
            match by_last.iter_mut().find(|(c, _)| *c == last) {
                Some((_, lens)) if lens.contains(&len) => {}
                Some((_, lens)) => lens.push(len),
                None => by_last.push((last, vec![len])),
            }
        }
        by_last
            .into_iter()
            .map(|(last, mut lens)| {
                // Longest first: the starts of one hit in order.
                lens.sort_unstable_by(|a, b| b.cmp(a));
                let mut buf = [0; 4];
                let needle = last.encode_utf8(&mut buf).as_bytes().to_vec();
                let lens = lens.into_iter().map(|l| l - needle.len()).collect();
                (memchr::memmem::Finder::new(&needle).into_owned(), lens)
            })
            .collect()
    });

/// For each byte, may it end a proper prefix of a mark's head (in any ASCII
/// case)? A one-byte test before the prefixes are compared.
pub(super) static PREFIX_ENDS: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut ends = [false; 256];
    for mark in MARKS.iter() {
        for (cut, _) in mark.head.char_indices().skip(1) {
            let b = mark.head.as_bytes()[cut - 1];
            ends[usize::from(b.to_ascii_lowercase())] = true;
            ends[usize::from(b.to_ascii_uppercase())] = true;
        }
    }
    ends
});

/// The tags that may cut a mark's head, as the second pass of an HTML page
/// finds them: a byte that may end a proper prefix of a head
/// ([`PREFIX_ENDS`]) right before `<`. One packed search for these pairs
/// skips the many `<` that follow no such byte, where a `memchr2` pass
/// stopped at every one; few enough pairs for the slim search (32 bytes a
/// step: with the `&` pairs too it had to take the fat one, 16).
pub(super) static MARKUP_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> =
    LazyLock::new(|| {
        let patterns: Vec<[u8; 2]> = PREFIX_ENDS
            .iter()
            .enumerate()
            .filter(|&(_, &end)| end)
            .map(|(b, _)| [u8::try_from(b).unwrap_or(0), b'<'])
            .collect();
        aho_corasick::packed::Searcher::new(patterns)
    });

/// Each byte of an HTML page where markup may cut a mark's head or a
/// numeric reference may start one, in order: the `<` of a hit of
/// [`MARKUP_SEARCH`], and each `&` after a byte of [`PREFIX_ENDS`] or
/// before `#`, and each NUL after such a byte (a page holds few of either:
/// a `memchr2` pass finds them); `None` when the search cannot be built.
pub(super) fn markup_places(bytes: &[u8]) -> Option<impl Iterator<Item = usize> + '_> {
    let search = MARKUP_SEARCH.as_ref()?;
    let mut at = 0;
    let tags = std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let m = search.find_in(bytes, aho_corasick::Span::from(at..bytes.len()))?;
        at = m.start() + 1;
        Some(m.start() + 1)
    });
    // (And each NUL after such a byte: the parse drops it, and the text on
    // both sides joins.)
    let references = memchr::memchr2_iter(b'&', 0, bytes).filter(|&i| {
        (bytes[i] == b'&' && bytes.get(i + 1) == Some(&b'#'))
            || (i > 0 && PREFIX_ENDS[usize::from(bytes[i - 1])])
    });
    // The two in order (a place is a `<` or an `&`, never both).
    let mut tags = tags.peekable();
    let mut references = references.peekable();
    Some(std::iter::from_fn(move || {
        match (tags.peek(), references.peek()) {
            (Some(t), Some(r)) if r < t => references.next(),
            (Some(_), _) => tags.next(),
            (None, _) => references.next(),
        }
    }))
}

/// The start of each place in `bytes` where a mark's head may begin (a hit
/// of [`HEAD_SEARCH`], or a head's length before a hit of [`OTHER_HEADS`]:
/// the caller compares the head there, a place that may not even be a
/// character's start), in order but for
/// the starts of overlapping hits of the other heads (`文文`), which comes to
/// the same: every place is checked, and the first that shows what the
/// caller stops at stops it.
pub(super) fn heads(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    let ascii = std::iter::from_fn(move || {
        let search = HEAD_SEARCH.as_ref()?;
        if at >= bytes.len() {
            return None;
        }
        let m = search.find_in(bytes, aho_corasick::Span::from(at..bytes.len()))?;
        // Heads may overlap: go on from the next byte.
        at = m.start() + 1;
        Some(m.start())
    });
    let mut streams: Vec<std::iter::Peekable<Box<dyn Iterator<Item = usize> + '_>>> = OTHER_HEADS
        .iter()
        .map(|(finder, lens)| {
            let starts = finder
                .find_iter(bytes)
                .flat_map(move |hit| lens.iter().filter_map(move |&l| hit.checked_sub(l)));
            (Box::new(starts) as Box<dyn Iterator<Item = usize>>).peekable()
        })
        .collect();
    streams.push((Box::new(ascii) as Box<dyn Iterator<Item = usize>>).peekable());
    std::iter::from_fn(move || {
        let next = streams
            .iter_mut()
            .enumerate()
            .filter_map(|(i, s)| s.peek().map(|&at| (at, i)))
            .min()?;
        streams[next.1].next()
    })
}

/// Does `mark` possibly start at byte `at` of the visible text? Where the
/// scan of its steps ended when it may.
pub(super) fn possible(text: &str, at: usize, mark: &Mark, markup: Markup) -> Option<usize> {
    let mut cursor = Cursor {
        text,
        pos: at,
        markup,
    };
    for step in &mark.steps {
        let ok = match step {
            Step::Char(want) => match cursor.next() {
                Next::Char(c) => c.eq_ignore_ascii_case(want),
                Next::Unknown => return Some(cursor.pos),
                Next::Named | Next::End => false,
            },
            Step::Digits => {
                match cursor.next() {
                    Next::Char(c) if c.is_ascii_digit() => {}
                    Next::Unknown => return Some(cursor.pos),
                    _ => return None,
                }
                loop {
                    let mut ahead = cursor.clone();
                    match ahead.next() {
                        Next::Char(c) if c.is_ascii_digit() => cursor = ahead,
                        Next::Unknown => return Some(cursor.pos),
                        _ => break true,
                    }
                }
            }
            Step::Separator => match cursor.next() {
                Next::Char(c) => is_separator(c),
                // `&colon;`, `&period;`: a name may stand for one.
                Next::Unknown | Next::Named => return Some(cursor.pos),
                Next::End => false,
            },
            Step::Spaces => loop {
                let mut ahead = cursor.clone();
                match ahead.next() {
                    Next::Char(c) if c.is_whitespace() => cursor = ahead,
                    // `&nbsp;`, `&emsp;`, …: white space, so the mark goes on
                    // where the scan cannot follow.
                    Next::Unknown | Next::Named => return Some(cursor.pos),
                    _ => break true,
                }
            },
        };
        if !ok {
            return None;
        }
    }
    Some(cursor.pos)
}

/// The character reference that `s` ends with, with or without its `;`:
/// its start, and its character as [`Cursor::reference`] reads it (`None`
/// for a name it does not know).
pub(super) fn reference_before(s: &str) -> Option<(usize, Option<char>)> {
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

/// What a `<` does to the visible text.
pub(super) enum Tag {
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
pub(super) enum Next {
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
pub(super) struct Cursor<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
    pub(super) markup: Markup,
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
                // The tree builder drops a NUL in a page's text.
                (Markup::Html, '\0') => self.pos += 1,
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
                    } else if is_breaking(name) && !is_one_of(name, &[b"table"]) {
                        // (A table's stray text moves before it, where it
                        // joins the text before the table.)
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
