//! The pre-check that turns a page which cannot be a digest away before any
//! source reads it: a few Aho-Corasick and `memchr` passes over the decoded
//! text, no HTML or Markdown parse.
//!
//! A digest needs a featured paper or a radio-list entry, and the line
//! grammar ([`crate::grammar::classify`]) only makes one from
//!
//! * a paper heading: a line that starts with an alias of the paper label
//!   ([`Label::Paper`](vocabulary::Label::Paper) in [`crate::vocabulary`]: `论文`, `論文`, `Paper`),
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
use crate::markup::{Token, Tokens, is_one_of};
use crate::source::Format;
use crate::text::is_trim_char;
use crate::vocabulary;

mod elements;
mod lines;
mod marks;
mod placed;

use elements::{hides, is_breaking, is_special, is_void, runs_through};
use marks::{
    HEAD_SEARCH, MARKS, Mark, PREFIX_ENDS, Shows, heads, markup_places, possible, reference_before,
    spelled,
};

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

/// Bytes that may start markup in Markdown (inline syntax, HTML, references;
/// a NUL, which an HTML block's parse drops).
const MARKDOWN_MARKUP: &[u8] = b"<&*_`\\[]!~\0";
/// Bytes that may start markup in HTML (a NUL is no text either: the tree
/// builder drops it).
const HTML_MARKUP: &[u8] = b"<&\0";

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
                    None => Box::new(memchr::memchr3_iter(b'<', b'&', 0, bytes)),
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
        Markup::Html => Box::new(memchr::memchr3_iter(b'<', b'&', 0, bytes)),
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

#[cfg(test)]
mod tests {
    use super::marks::{ASCII_PREFIX, is_separator};
    use super::*;
    use crate::vocabulary::Label;

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
