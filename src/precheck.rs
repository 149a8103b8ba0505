//! The pre-check that turns a page which cannot be a digest away before any
//! source reads it: a few Aho-Corasick and `memchr` passes over the decoded
//! text, no HTML or Markdown parse.
//!
//! A digest needs a featured paper or a radio-list entry, and the line
//! grammar ([`crate::grammar::classify`]) only makes one from
//!
//! * a paper heading: a line that starts with an alias of the paper label
//!   ([`Label::Paper`] in [`crate::vocabulary`]: `论文`, `論文`, `Paper`),
//!   white space, a number, white space and a separator (`：`, `.`, `、`);
//! * a radio entry: a line that ends in `(from …)` ([`vocabulary::RADIO_FROM`]),
//!   or a numbered line after a radio heading, which holds
//!   `精选论文` ([`vocabulary::RADIO_HEADING`]).
//!
//! The marks are these necessary conditions, built from the vocabulary
//! table (a new alias of the paper label is a new mark): an alias at the
//! start of a word (no letter or digit right before it: `优秀论文奖`, `钟南山论文`
//! and `extremepapers` are no heading), followed by white space, a digit, and
//! (after more digits and white space) a separator; `from` after `(` or `（`
//! and white space; `精选论文`. A page whose visible text holds none of these
//! is not a digest. One more mark only serves the refusal's message: the
//! series' title (`7 Papers`, `Papers & Radios`, [`vocabulary::SERIES`]), so
//! that a page holding one gets the full parse's "found a title" message.
//!
//! The check has to be **sound**: it may let a non-digest through (the parse
//! then says no), but never turn away a page that parses as a digest. The
//! visible text is not the raw text, so every place where markup could hide
//! one of these marks counts as a possible mark:
//!
//! * a mark whose characters are split by markup (`论<b>文</b>`,
//!   `Pa<span>per</span> 1`): the scan finds a proper prefix of the mark's
//!   literal head followed by markup and follows the markup. In HTML, end
//!   tags, comments and the doctype are followed (the HTML tokenizer says
//!   where they end) and numeric character references are decoded; a start
//!   tag (its element may be hidden, skipped or a table that moves text) ends
//!   the scan with "possible", and so does a named reference where white
//!   space or a separator may come (no name stands for a letter, a digit or
//!   a CJK character). In Markdown any inline markup character but `&` is
//!   "possible";
//! * a mark that starts with a numeric character reference (`&#35770;文`):
//!   every `&#` is a candidate start;
//! * a `(` written as a reference or separated from `from` by markup: a
//!   `from` preceded by a reference (`&lpar;`, or one the scan does not
//!   know) is possible, and in Markdown so is one after a `>` or any ASCII
//!   punctuation; in HTML a `from` right after a tag lets the page on to
//!   the second stage, whose line scan follows the text from a parenthesis
//!   through the markup to the word (`lines::Found::from`), and so for the
//!   series' number before `Papers`;
//! * the start of a word: only a letter or digit written right before the
//!   mark in the raw text rules it out (markup before it ends in `>` or `;`).
//!
//! In HTML, the bodies of `<script>` and `<style>` elements and comments
//! (as the one tokenizer, [`Tokens`], reads them) are no visible text: the
//! HTML source drops them before any parse, so no mark starts in one
//! (`for(;f<n.length;)` is no `(from`).
//!
//! The series' title by its words (`Papers & Radios`) is evidence beside a
//! paper heading only where the assembly can take it as the digest's
//! title: in a line before a heading, or in an element a title selector
//! may match ([`placed`]: a scan of the tokens on the rare page that needs
//! it, sound under the tree builder's rules that move text or keep an
//! element open).
//!
//! GBK and GB18030 pages are checked after decoding, like every page.

use std::ops::Range;
use std::sync::LazyLock;

use crate::error::{Found, Missing, NotADigest};
use crate::source::Format;
use crate::source::html::tag_sets;
use crate::source::html::tokens::{Token, Tokens, is_one_of};
use crate::text::is_trim_char;
use crate::vocabulary::{self, Label};

mod lines;
mod placed;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
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
enum Shows {
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
struct Mark {
    head: String,
    steps: Vec<Step>,
    starts_word: bool,
    shows: Shows,
}

/// The steps that spell `word`.
fn spelled(word: &str) -> Vec<Step> {
    word.chars().map(Step::Char).collect()
}

/// Every mark, from the vocabulary table.
static MARKS: LazyLock<Vec<Mark>> = LazyLock::new(|| {
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
fn is_separator(c: char) -> bool {
    matches!(c, ':' | '：' | '︰' | '∶' | '.' | '．' | '、')
}

/// How many bytes of an ASCII head the first pass searches for, in every
/// case: the rest is checked at each hit.
const ASCII_PREFIX: usize = 4;

/// The first pass for the ASCII heads: their first [`ASCII_PREFIX`] bytes
/// in every ASCII case. Heads are rare words, so the packed (Teddy) search
/// skips most of a page; up to 32 patterns it takes the slim search (32
/// bytes a step), which is why the other heads have a search of their own
/// ([`OTHER_HEADS`]). (A regex of the whole words in any case is dozens of
/// literals, a search three times slower per byte.)
static HEAD_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
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
static OTHER_HEADS: LazyLock<Vec<(memchr::memmem::Finder<'static>, Vec<usize>)>> =
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
static PREFIX_ENDS: LazyLock<[bool; 256]> = LazyLock::new(|| {
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
static MARKUP_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
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
/// before `#` (a page holds few `&`: a `memchr` pass finds them); `None`
/// when the search cannot be built.
fn markup_places(bytes: &[u8]) -> Option<impl Iterator<Item = usize> + '_> {
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
    let references = memchr::memchr_iter(b'&', bytes).filter(|&i| {
        bytes.get(i + 1) == Some(&b'#') || (i > 0 && PREFIX_ENDS[usize::from(bytes[i - 1])])
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
fn heads(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
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

/// Is `b` a byte that may start markup in `markup`?
fn is_markup_byte(markup: Markup, b: u8) -> bool {
    markup.bytes().contains(&b)
}

/// What the marks found, one bit each.
const PAPER: u8 = 1;
/// A radio entry's `(from`.
const FROM: u8 = 2;
/// A radio heading's `精选论文`.
const RADIO_HEADING: u8 = 4;
/// The series' title as the refusal's message wants it found (a look at
/// the raw text, see [`series_title`]).
const TITLE_MESSAGE: u8 = 8;
/// The series' first word, `papers`, anywhere.
const PAPERS_WORD: u8 = 16;
/// The series' first word after a number that may start a line or a
/// title ([`title_start`]): `7 Papers`.
const TITLE_NUMBER: u8 = 32;

/// A radio entry's `from` right after an HTML tag: its `(` may be before
/// the tag, which the line scan reads.
const FROM_CUT: u8 = 64;

/// What the first stage needs one of to let a page through.
const FIRST_STAGE: u8 = PAPER | FROM | FROM_CUT | RADIO_HEADING | TITLE_MESSAGE;
/// What makes a radio entry possible, evidence of its own.
const RADIO: u8 = FROM | RADIO_HEADING;

/// What a scan of the marks found: its bits, and where each `papers` may
/// start (in the order found).
#[derive(Clone, Default)]
struct Seen {
    bits: u8,
    papers: Vec<usize>,
}

/// The spans of an HTML page that are no visible text (script and style
/// bodies, comments), read from its tokens as far as the questions asked
/// so far need; the second stage's line scan ([`lines::Lines`]) reads the
/// same tokens as they come, so that the page is tokenized once.
struct Hidden<'a> {
    text: &'a str,
    tokens: Tokens<'a>,
    spans: Vec<Range<usize>>,
    /// The tokens have been read past this byte.
    read_to: usize,
    /// The end of the last token read.
    last: usize,
    lines: lines::Lines,
    /// Where the line scan was when it last counted a possible paper
    /// heading (the heading's text is before this byte).
    heading_at: Option<usize>,
}

impl<'a> Hidden<'a> {
    fn new(text: &'a str) -> Self {
        Hidden {
            text,
            tokens: Tokens::new(text.as_bytes()),
            spans: Vec::new(),
            read_to: 0,
            last: 0,
            lines: lines::Lines::new(),
            heading_at: None,
        }
    }

    /// Reads one more token; `false` at the end of the page.
    fn read(&mut self) -> bool {
        let headings = self.lines.found.headings;
        let Some(token) = self.tokens.next() else {
            if self.read_to != usize::MAX && !self.lines.found.decided() {
                self.lines.text(&self.text[self.last..]);
                self.lines.end();
                if self.lines.found.headings != headings {
                    self.heading_at = Some(self.text.len());
                }
            }
            self.read_to = usize::MAX;
            return false;
        };
        let span = token.span();
        if !self.lines.found.decided() {
            self.lines.text(&self.text[self.last..span.start]);
            self.lines.token(self.text, &token);
            if self.lines.found.headings != headings {
                self.heading_at = Some(span.end);
            }
        }
        self.last = span.end;
        self.read_to = span.end;
        let hidden = match token {
            Token::RawText { name, .. } => is_one_of(name, &[b"script", b"style"]),
            Token::Comment { .. } => true,
            _ => false,
        };
        if hidden {
            self.spans.push(span);
        }
        true
    }

    /// Is byte `at` inside a script or style body or a comment?
    fn contains(&mut self, at: usize) -> bool {
        while self.read_to <= at && self.read() {}
        let i = self.spans.partition_point(|s| s.end <= at);
        self.spans.get(i).is_some_and(|s| s.start <= at)
    }

    /// The line scan of the whole page, read on until it has decided.
    fn lines(&mut self) -> &lines::Found {
        while self.read_to != usize::MAX && !self.lines.found.decided() && self.read() {}
        &self.lines.found
    }
}

/// Does the text before byte `at` end in a letter or digit, so that a mark
/// starting at `at` does not start a word?
fn inside_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The scan of a page's marks, in one format.
struct Marks<'a> {
    text: &'a str,
    markup: Markup,
    hidden: Option<Hidden<'a>>,
}

impl<'a> Marks<'a> {
    fn new(text: &'a str, format: Format) -> Self {
        let markup = Markup::of(format);
        Marks {
            text,
            markup,
            hidden: (markup == Markup::Html).then(|| Hidden::new(text)),
        }
    }

    /// What `mark` shows if it may start at `at` (no bit if it may not).
    /// Whether `at` is hidden is asked last: it reads the page's tokens up
    /// to `at`.
    fn mark_at(&mut self, at: usize, mark: &Mark) -> u8 {
        let text = self.text;
        if mark.starts_word && inside_word(text, at) {
            return 0;
        }
        let Some(end) = possible(text, at, mark, self.markup) else {
            return 0;
        };
        let bits = match mark.shows {
            Shows::Paper => PAPER,
            Shows::From => match paren_before(text, at, self.markup) {
                Some(true) => FROM,
                // Right after a tag: the line scan follows the text back.
                None => FROM_CUT,
                Some(false) => 0,
            },
            Shows::RadioHeading => RADIO_HEADING,
            Shows::Title => {
                let mut bits = PAPERS_WORD;
                if series_title(text, at, end) {
                    bits |= TITLE_MESSAGE;
                }
                if title_start(text, at, self.markup) {
                    bits |= TITLE_NUMBER;
                }
                bits
            }
        };
        if bits == 0 || self.hidden.as_mut().is_some_and(|h| h.contains(at)) {
            return 0;
        }
        bits
    }

    /// Every mark of the page (in the raw text, then cut by markup), up to
    /// the first that shows one of `stop`.
    fn find(&mut self, stop: u8) -> Seen {
        let mut seen = Seen::default();
        let bytes = self.text.as_bytes();
        let add = |seen: &mut Seen, at: usize, bits: u8| {
            seen.bits |= bits;
            if bits & PAPERS_WORD != 0 {
                seen.papers.push(at);
            }
            seen.bits & stop != 0
        };
        // Marks written as they are read.
        for start in heads(bytes) {
            for mark in MARKS.iter() {
                let written = bytes
                    .get(start..start + mark.head.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(mark.head.as_bytes()));
                if written {
                    let bits = self.mark_at(start, mark);
                    if add(&mut seen, start, bits) {
                        return seen;
                    }
                }
            }
        }
        let check_at = |this: &mut Self, seen: &mut Seen, i: usize| {
            // A mark that starts with a numeric character reference.
            if bytes[i] == b'&' && bytes.get(i + 1) == Some(&b'#') {
                for mark in MARKS.iter() {
                    let bits = this.mark_at(i, mark);
                    if add(seen, i, bits) {
                        return true;
                    }
                }
            }
            // A mark whose head is cut by markup: a proper prefix of the head
            // right before the markup (first a one-byte test of its last byte).
            if i == 0 || !PREFIX_ENDS[usize::from(bytes[i - 1])] {
                return false;
            }
            for mark in MARKS.iter() {
                for (cut, _) in mark.head.char_indices().skip(1) {
                    if i >= cut
                        && bytes[i - cut..i].eq_ignore_ascii_case(&mark.head.as_bytes()[..cut])
                    {
                        let bits = this.mark_at(i - cut, mark);
                        if add(seen, i - cut, bits) {
                            return true;
                        }
                    }
                }
            }
            false
        };
        match self.markup {
            Markup::None => {}
            Markup::Html => {
                let places: Box<dyn Iterator<Item = usize>> = match markup_places(bytes) {
                    Some(places) => Box::new(places),
                    None => Box::new(memchr::memchr2_iter(b'<', b'&', bytes)),
                };
                for i in places {
                    if check_at(self, &mut seen, i) {
                        return seen;
                    }
                }
            }
            Markup::Markdown => {
                let markup = self.markup;
                for i in (0..bytes.len()).filter(|&i| is_markup_byte(markup, bytes[i])) {
                    if check_at(self, &mut seen, i) {
                        return seen;
                    }
                }
            }
        }
        seen
    }

    /// May a `papers` that the marks found (`seen`) be part of the series'
    /// title by its words (`Papers & Radios`), evidence beside a paper
    /// heading? The second word must be possible after it ([`radio_after`]);
    /// on an HTML page, after the line scan, it must also stand where a
    /// title line or the page's title element can be ([`placed`]).
    fn series_may_be_title(&self, seen: &Seen) -> bool {
        let mut at = seen.papers.clone();
        at.sort_unstable();
        at.dedup();
        // The second word is possible after a prefix of them (each look
        // may read the rest of the page: mostly, the first says none).
        let radio = |&p: &usize| radio_after(self.text, p, self.markup);
        let at = match at.first() {
            Some(first) if radio(first) => &at[..1 + at[1..].partition_point(radio)],
            _ => &[],
        };
        match &self.hidden {
            _ if at.is_empty() => false,
            None => true,
            // A heading after the first: no need to know more.
            Some(hidden) if hidden.heading_at.is_some_and(|h| h > at[0]) => true,
            Some(hidden) => {
                let places = placed::Places::of(self.text);
                at.iter()
                    .any(|&p| places.title_may_be_at(p, hidden.heading_at))
            }
        }
    }

    /// The second stage's line scan ([`lines`]) of the whole page, up to
    /// where it has decided.
    fn lines(&mut self) -> lines::Found {
        if let Some(hidden) = self.hidden.as_mut() {
            return hidden.lines().clone();
        }
        let mut scan = lines::Lines::new();
        for (_, line) in crate::source::plain::source_lines(self.text) {
            match self.markup {
                Markup::Markdown => scan.markdown_line(line),
                _ => scan.text_line(line),
            }
            if scan.found.decided() {
                return scan.found;
            }
        }
        scan.end();
        scan.found
    }
}

/// Can `text`, read as `format`, be a digest (or a near miss whose
/// `NotADigest` message the full parse should write)? `false` only when no
/// line of it can be a paper heading, a radio heading or a radio entry.
pub(crate) fn may_be_digest(text: &str, format: Format) -> bool {
    if HEAD_SEARCH.is_none() {
        return true;
    }
    Marks::new(text, format).find(FIRST_STAGE).bits & FIRST_STAGE != 0
}

/// Which stage of the pre-check turned a page away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The marks: nothing of a digest anywhere.
    Marks,
    /// The line shapes: no paper heading at a line start, or headings
    /// without any evidence that the page is a digest.
    Lines,
}

/// Why the pre-check turns a page away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) stage: Stage,
    why: NotADigest,
}

impl Refusal {
    /// The error the parse returns (the one place it is built).
    pub(crate) fn into_error(self) -> crate::Error {
        crate::Error::NotADigest(self.why)
    }
}

/// The pre-check of `text` read as `format`: `Some` when the page cannot be
/// a digest, without building any tree (first the marks, then the line
/// shapes of the evidence rule, [`lines`]); `None` when the full parse must
/// decide.
///
/// A page is turned away by the second stage when it holds no radio
/// heading and no `(from` (no radio entry is possible) and either no line
/// may start with a paper heading, or some may but no author line or link
/// label may follow one and no series title is possible (on an HTML page,
/// the series' words count only where a title line before a heading or
/// the page's title element can hold them, [`placed`]). A series title
/// or a contents heading without any paper heading makes no digest: such a
/// page is turned away too, its message naming the title and the contents
/// as this stage saw them (a cheaper account than the full parse's).
pub(crate) fn refusal(text: &str, format: Format) -> Option<Refusal> {
    if HEAD_SEARCH.is_none() {
        return None;
    }
    let markup = Markup::of(format);
    let mut marks = Marks::new(text, format);
    let seen = marks.find(FIRST_STAGE);
    if seen.bits & FIRST_STAGE == 0 {
        return Some(Refusal {
            stage: Stage::Marks,
            why: NotADigest::precheck(),
        });
    }
    if seen.bits & RADIO != 0 || names_the_series(text, markup) {
        return None;
    }
    let found = marks.lines();
    if found.decided() || found.from {
        return None;
    }
    let seen = marks.find(RADIO);
    if seen.bits & RADIO != 0 {
        return None;
    }
    // The series' title is evidence only beside a paper heading; elsewhere
    // (even beside a contents heading: contents alone make no digest) the
    // message names it as the first stage saw it.
    let title = if found.headings > 0 {
        let title =
            seen.bits & TITLE_NUMBER != 0 || found.title || marks.series_may_be_title(&seen);
        if title {
            return None;
        }
        false
    } else {
        seen.bits & TITLE_MESSAGE != 0
    };
    Some(Refusal {
        stage: Stage::Lines,
        why: lines_refusal(&found, title),
    })
}

/// Does the page's title name the series (`Papers & Radios`: its second
/// word with the first shortly before), in an HTML page's `<title>` or the
/// first kilobyte of any other? Then the page is most likely the column
/// and goes straight to the full parse: letting a page through is always
/// sound, and the line scan would cost a digest for nothing. A page that
/// names the series elsewhere (the column's own site links its issues
/// beside every article) is most likely not: the line scan reads it.
fn names_the_series(text: &str, markup: Markup) -> bool {
    // A heuristic (letting a page through needs none): the second word as
    // the column writes it, found by a literal search.
    let (first, second) = vocabulary::SERIES;
    let text = match markup {
        Markup::Html => {
            let Some(open) = crate::text::find_ascii_ci(text, "<title") else {
                return false;
            };
            let title = &text[open..];
            &title[..crate::text::find_ascii_ci(title, "</title").unwrap_or(title.len())]
        }
        _ => &text[..crate::source::floor_char_boundary(text, 1024)],
    };
    let bytes = text.as_bytes();
    ["Radio", "radio", "RADIO"].iter().any(|word| {
        debug_assert!(word.eq_ignore_ascii_case(second));
        memchr::memmem::find_iter(bytes, word).any(|at| {
            let from = crate::source::floor_char_boundary(text, at.saturating_sub(16));
            crate::text::find_ascii_ci(&text[from..at], first).is_some()
        })
    })
}

/// The refusal by the line shapes: what the page lacked and held.
fn lines_refusal(found: &lines::Found, title: bool) -> NotADigest {
    if found.headings > 0 {
        let (first_number, first_title) = found.first.clone().unwrap_or_default();
        return NotADigest {
            missing: Missing::Evidence,
            lines: None,
            found: vec![Found::PaperHeadings {
                count: found.headings,
                first_title,
                first_number,
            }],
            unread: None,
        };
    }
    let mut held = Vec::new();
    if title {
        held.push(Found::Title(String::new()));
    }
    if found.contents {
        held.push(Found::Contents(0));
    }
    if found.labels > 0 {
        held.push(Found::LabelLines(found.labels));
    }
    NotADigest {
        missing: Missing::LineShapes,
        lines: None,
        found: held,
        unread: None,
    }
}

/// May the series' first word at `at` come right after a number that
/// starts a line or a title (`7 Papers`, in the text, a `<title>` or an
/// attribute)? Sound: a reference (or in Markdown, markup) right before it
/// may hide the number, and markup or a quote before the number may start
/// the line. In HTML, a tag right before it is the line scan's question
/// ([`lines`] follows the number through the text runs): an attribute
/// value that holds a tag before the word (`content="7<b>Papers"`) is no
/// title.
fn title_start(text: &str, at: usize, markup: Markup) -> bool {
    // A line feed ends a line of plain text; in markup it may be white
    // space inside a line, a title or an attribute (`content="7\nPapers"`).
    let pad = |c: char| is_trim_char(c) && (markup != Markup::None || !matches!(c, '\n' | '\r'));
    let before = text[..at].trim_end_matches(pad);
    let starts = |c: Option<char>| match c {
        None | Some('\n' | '\r') => true,
        Some('>' | ';' | '"' | '\'' | '=') => markup != Markup::None,
        Some(c) => markup == Markup::Markdown && c.is_ascii_punctuation(),
    };
    match before.chars().next_back() {
        Some(c) if c.is_ascii_digit() => {
            let lead = before
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches(pad);
            starts(lead.chars().next_back())
        }
        Some(';') => markup != Markup::None,
        Some(c) => markup == Markup::Markdown && c.is_ascii_punctuation(),
        None => false,
    }
}

/// The series' second word as a mark: its letters, through markup.
static SECOND_WORD: LazyLock<Mark> = LazyLock::new(|| Mark {
    head: vocabulary::SERIES.1.to_ascii_lowercase(),
    steps: spelled(vocabulary::SERIES.1),
    starts_word: false,
    shows: Shows::Title,
});

/// May the series' second word (`radio`) come after byte `from`, in the
/// text or cut by markup (a proper prefix of it right before markup whose
/// visible text may go on to spell the rest, [`possible`]; or a numeric
/// reference that stands for one of its letters)?
fn radio_after(text: &str, from: usize, markup: Markup) -> bool {
    let rest = &text[from..];
    let word = vocabulary::SERIES.1;
    if crate::text::find_ascii_ci(rest, word).is_some() {
        return true;
    }
    if markup == Markup::None {
        return false;
    }
    let bytes = rest.as_bytes();
    let word = word.as_bytes();
    let places: Box<dyn Iterator<Item = usize>> = match markup {
        Markup::Html => Box::new(memchr::memchr2_iter(b'<', b'&', bytes)),
        _ => Box::new((0..bytes.len()).filter(|&i| is_markup_byte(markup, bytes[i]))),
    };
    places.into_iter().any(|i| {
        (1..word.len()).any(|k| {
            i >= k
                && bytes[i - k..i].eq_ignore_ascii_case(&word[..k])
                && possible(text, from + i - k, &SECOND_WORD, markup).is_some()
        }) || matches!(
            lines::reference(&rest[i..]),
            Some((Some(c), _)) if c.is_ascii() && word.contains(&(c.to_ascii_lowercase() as u8))
        )
    })
}

/// Does `mark` possibly start at byte `at` of the visible text? Where the
/// scan of its steps ended when it may.
fn possible(text: &str, at: usize, mark: &Mark, markup: Markup) -> Option<usize> {
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

/// Is the series word at `at..end` part of the series' title: after a
/// number (`7 Papers`) or before its second word (`Papers & Radios`)? Only
/// for the refusal's message, so a look at the raw text is enough.
fn series_title(text: &str, at: usize, end: usize) -> bool {
    let before = text[..at].trim_end();
    let after = &text[end..crate::source::floor_char_boundary(text, end + 16)];
    before.ends_with(|c: char| c.is_ascii_digit())
        || crate::text::find_ascii_ci(after, vocabulary::SERIES.1).is_some()
}

/// Is the `from` at `at` possibly preceded by `(` or `（` and white space in
/// the visible text? `None` when an HTML tag's end is before it: the
/// parenthesis may be before the tag, which the line scan follows
/// ([`lines::Found::from`]).
fn paren_before(text: &str, at: usize, markup: Markup) -> Option<bool> {
    let mut before = &text[..at];
    loop {
        before = before.trim_end_matches(char::is_whitespace);
        let Some(last) = before.chars().next_back() else {
            return Some(false);
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
                Some(c) => return Some(c == '(' || c == '（'),
                // A name the scan does not know (`&lpar;`, `&nbsp`).
                None => return Some(true),
            }
        }
        return match last {
            '(' | '（' => Some(true),
            // The end of a tag or comment.
            '>' if markup == Markup::Html => None,
            '>' => Some(markup != Markup::None),
            c => Some(markup == Markup::Markdown && c.is_ascii_punctuation()),
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
pub(crate) const TRANSPARENT: [&[u8]; 38] = [
    b"html", b"head", b"body", b"link", b"meta", b"base", b"wbr", b"source", b"track", b"param",
    b"col", b"area", b"a", b"abbr", b"b", b"bdi", b"bdo", b"big", b"br", b"cite", b"code", b"data",
    b"dfn", b"em", b"font", b"i", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span",
    b"strike", b"strong", b"sub", b"sup", b"u",
];

/// Elements with a rule of their own that still keep the text in place: void elements
/// without text that the tree builder inserts where they stand in a body
/// (`input`, `embed`, `keygen`), and formatting elements like those of
/// [`TRANSPARENT`] (`tt`, `nobr`: the adoption agency may re-parent text,
/// never reorder it), `var`, special only inside foreign content, and
/// `option` and `optgroup`, which outside a `select` (whose body the
/// source skips) only close an open `option`.
pub(crate) const KEEPS_TEXT: [&[u8]; 8] = [
    b"input",
    b"embed",
    b"keygen",
    b"tt",
    b"nobr",
    b"var",
    b"option",
    b"optgroup",
];

/// Tags the tree builder has a rule of its own for that neither
/// html5ever's special set ([`tag_sets::is_special`]) nor the source's
/// blocks and skipped elements hold: they close or move what is open
/// (`ruby` parts, `image` read as `img`) or start foreign content.
const OWN_RULE: [&str; 10] = [
    "image", "math", "svg", "dialog", "search", "rb", "rp", "rt", "rtc", "ruby",
];

/// `name` ASCII-lowercased in `buf`, if it fits (every name of the tag sets
/// is short and ASCII; a longer or other name is none of them).
fn lowercase<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let buf = buf.get_mut(..name.len())?;
    buf.copy_from_slice(name);
    buf.make_ascii_lowercase();
    std::str::from_utf8(buf).ok()
}

/// Is `name` in html5ever's special set ([`tag_sets::is_special`]), whose
/// open elements make the end tag of an ordinary element around them be
/// ignored?
pub(crate) fn is_special(name: &[u8]) -> bool {
    lowercase(name, &mut [0; 16]).is_some_and(tag_sets::is_special)
}

/// Does the visible text run through an element named `name` as if its
/// tags were not there (so long as nothing hides it)? The [`TRANSPARENT`]
/// and [`KEEPS_TEXT`] elements, and every ordinary element, which the tree
/// builder inserts where it stands (not special, not of [`OWN_RULE`], not
/// a block or an element the HTML source skips): custom elements
/// (`<mp-common-profile>`), `label`, `time`, `ins`, `del`, ….
pub(crate) fn runs_through(name: &[u8]) -> bool {
    if is_one_of(name, &TRANSPARENT) || is_one_of(name, &KEEPS_TEXT) {
        return true;
    }
    let mut buf = [0; 16];
    let Some(name) = lowercase(name, &mut buf) else {
        return true;
    };
    !(tag_sets::is_special(name)
        || OWN_RULE.contains(&name)
        || tag_sets::is_block(name)
        || tag_sets::is_skipped(name))
}

/// Is `name` a void element (no body, no end tag)?
pub(crate) fn is_void(name: &[u8]) -> bool {
    is_one_of(name, &tag_sets::VOID)
}

/// Is the start tag `tag` (named `name`) one the visible text runs through
/// ([`runs_through`]) with no attribute that may hide it (`hidden`, a
/// `display: none` style; any `hidden` or `none` in the tag counts)?
fn transparent(name: &[u8], tag: &[u8]) -> bool {
    runs_through(name) && !hides(tag)
}

/// Does the start tag `tag` hold `hidden` or `none` (in any case), which
/// may hide its element?
fn hides(tag: &[u8]) -> bool {
    let holds = |word: &[u8]| {
        memchr::memchr2_iter(word[0], word[0].to_ascii_uppercase(), tag).any(|i| {
            tag.get(i..i + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        })
    };
    holds(b"hidden") || holds(b"none")
}

/// Does the start tag `name` always open a block element, which starts a
/// new line of the HTML source, wherever it stands? The source's blocks,
/// but not `body` or `html` (merged into the open ones), nor table parts or
/// `form` (ignored out of place).
fn is_breaking(name: &[u8]) -> bool {
    let mut buf = [0; 16];
    let Some(name) = lowercase(name, &mut buf) else {
        return false;
    };
    tag_sets::is_block(name)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A xorshift generator from `seed` (not zero): the pre-check's
    /// generated-input tests, without a dependency.
    pub(super) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// The places the markup pass checks, found the slow way: every `<` and
    /// `&` (what the `memchr2` pass stopped at) where `check_at` can say yes.
    fn markup_places_by_memchr(bytes: &[u8]) -> Vec<usize> {
        memchr::memchr2_iter(b'<', b'&', bytes)
            .filter(|&i| {
                (bytes[i] == b'&' && bytes.get(i + 1) == Some(&b'#'))
                    || (i > 0 && PREFIX_ENDS[usize::from(bytes[i - 1])])
            })
            .collect()
    }

    /// The packed search for markup that may cut a head stops at the same
    /// places as a `memchr2` pass filtered by the same tests, on generated
    /// pages of the characters that matter (each disagreement would be a
    /// mark the pre-check misses).
    #[test]
    fn markup_places_agree_with_a_memchr_pass() {
        const PIECES: [&str; 16] = [
            "<", "&", "#", "<b>", "&#", "p", "P", "a", "e", "f", "R", "o", "论", "文", "精选", " ",
        ];
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let len = usize::try_from(next() % 40).unwrap_or(0);
            let page: String = (0..len)
                .map(|_| PIECES[usize::try_from(next() % 16).unwrap_or(0)])
                .collect();
            let bytes = page.as_bytes();
            let fast: Vec<usize> = markup_places(bytes).expect("the search builds").collect();
            let mut fast = fast;
            fast.dedup();
            assert_eq!(fast, markup_places_by_memchr(bytes), "{page:?}");
        }
    }

    /// The two searches for the heads (a packed one for the ASCII heads'
    /// prefixes in every case, `memmem` for the other heads' last
    /// characters) find every place a comparison at every byte finds, on
    /// generated text of the heads' pieces: a place missed would be a mark
    /// the pre-check misses.
    #[test]
    fn heads_agree_with_a_comparison_at_every_byte() {
        const PIECES: [&str; 16] = [
            "论", "文", "論", "精选", "论文", "文文", "pa", "PaPer", "pe", "fRoM", "fro", "m", "x",
            "中", " ", "<b>",
        ];
        let mut next = xorshift(0x1234_5678_9abc_def1);
        for _ in 0..3000 {
            let n = 1 + (next() % 24) as usize;
            let page: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let bytes = page.as_bytes();
            let mut fast: Vec<usize> = heads(bytes).collect();
            fast.sort_unstable();
            fast.dedup();
            let slow: Vec<usize> = (0..bytes.len())
                .filter(|&i| {
                    MARKS.iter().any(|m| {
                        let head = m.head.as_bytes();
                        let want = if m.head.is_ascii() {
                            &head[..head.len().min(ASCII_PREFIX)]
                        } else {
                            head
                        };
                        bytes
                            .get(i..i + want.len())
                            .is_some_and(|b| b.eq_ignore_ascii_case(want))
                    })
                })
                .collect();
            // The other heads' places are those before a last character
            // (some hold no head, which the caller's comparison says).
            for at in &slow {
                assert!(fast.contains(at), "{at} in {page:?}: {fast:?}");
            }
        }
    }

    #[test]
    fn heads_are_found_in_any_case_and_overlapping() {
        fn found(s: &str) -> Vec<&str> {
            heads(s.as_bytes()).map(|at| &s[at..]).collect()
        }
        assert_eq!(found("xPaPeR"), ["PaPeR"]);
        assert_eq!(found("精选论文"), ["精选论文", "论文"]);
        assert_eq!(found("論文 FROM"), ["論文 FROM", "FROM"]);
        assert!(found("目录 目錄 论 pa fr").is_empty());
    }

    /// Every character after which the grammar reads `论文 1` and a title
    /// as a paper heading is a separator to the pre-check, and every
    /// amount of white space it reads around the number is white space.
    #[test]
    fn the_separators_are_the_grammars() {
        use crate::grammar::{LineKind, classify};
        let heading = |line: &str| matches!(classify(line), LineKind::PaperHeading { .. });
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            if heading(&format!("论文 1{c}标题")) {
                assert!(is_separator(c), "{c:?} U+{:04X}", c as u32);
            }
            if heading(&format!("论文{c}1：标题")) {
                assert!(
                    c.is_whitespace() || c.is_ascii_digit(),
                    "{c:?} U+{:04X}",
                    c as u32
                );
            }
            if heading(&format!("论文 1{c}：标题")) {
                assert!(
                    c.is_whitespace() || c.is_ascii_digit() || is_separator(c),
                    "{c:?} U+{:04X}",
                    c as u32
                );
            }
        }
    }

    /// The marks come from the vocabulary: one per alias of the paper
    /// label, and the radio and series words.
    #[test]
    fn every_alias_of_the_paper_label_is_a_mark() {
        for alias in vocabulary::aliases(Label::Paper) {
            assert!(
                MARKS
                    .iter()
                    .any(|m| m.shows == Shows::Paper && m.head == alias.to_ascii_lowercase()),
                "{alias}"
            );
            for markup in [Format::Text, Format::Markdown, Format::Html] {
                assert!(
                    may_be_digest(&format!("{alias} 1：标题"), markup),
                    "{alias}"
                );
                assert!(
                    !may_be_digest(&format!("优秀{alias}奖 1：标题"), markup),
                    "{alias}"
                );
            }
        }
    }
}
