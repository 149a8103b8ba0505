//! Input formats, each turned into the same stream of logical lines.
//!
//! Every source module (plain text, Markdown, HTML) produces a [`Document`]:
//! a list of [`Line`]s plus page metadata. The digest grammar
//! ([`crate::grammar`] and [`crate::assemble`]) only ever sees this stream, so a
//! new format or site is a new module here, never a second grammar.

use std::borrow::Cow;

pub(crate) mod plain;

/// What the markup said about a line, beyond its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code)] // Heading and ListItem come from the Markdown and HTML sources.
pub(crate) enum Hint {
    /// An ordinary paragraph or text line.
    Plain,
    /// A heading (`<h1>`…`<h6>`, `# `) of the given level.
    Heading(u8),
    /// A list item (`<li>`, `- `); the text keeps any number (`1. `) it had.
    ListItem,
    /// A block quote (`> `, `<blockquote>`).
    Quote,
    /// A standalone image; the URL is in [`Line::image`], the text is empty or its alt text.
    Image,
    /// A figure caption (`<figcaption>`, a Markdown `*caption*` alone in its paragraph).
    Caption,
}

/// One logical line of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The visible text, trimmed, never containing a newline. May be empty only for images.
    pub text: Cow<'a, str>,
    /// What the markup said about the line.
    pub hint: Hint,
    /// Link targets (`href`) of the links inside the line, in order.
    pub hrefs: Vec<String>,
    /// The image URL for [`Hint::Image`] lines (`src` or lazy `data-src`).
    pub image: Option<String>,
    /// The 1-based position of the line: the input line for text and Markdown,
    /// the logical line number for HTML.
    pub lineno: usize,
}

impl<'a> Line<'a> {
    /// A plain line with no markup information.
    pub(crate) fn plain(text: impl Into<Cow<'a, str>>, lineno: usize) -> Self {
        Line {
            text: text.into(),
            hint: Hint::Plain,
            hrefs: Vec::new(),
            image: None,
            lineno,
        }
    }
}

/// Facts a page states outside its body text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    /// The page's headline (headline element, `og:title`, or `<title>` less
    /// the site suffix); never empty.
    pub title: Option<String>,
    /// The publication date.
    pub date: Option<crate::Date>,
    /// The source or account name (`机器之心`).
    pub source: Option<String>,
}

/// A page as a stream of logical lines plus its metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Document<'a> {
    /// The logical lines, blank ones omitted.
    pub lines: Vec<Line<'a>>,
    /// Page metadata, perhaps not read yet ([`PageMeta::read`]).
    pub meta: PageMeta<'a>,
    /// Where the source stopped reading a page denser than [`budget`] allows.
    pub cut: Option<Cut>,
}

pub(crate) use crate::decode::Cut;

/// A page's metadata, read when it is first needed: an HTML page's title,
/// date and source may need parses of pieces of the page that the body's
/// own lines make needless (issue 24: most digests state their date and
/// source in their text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PageMeta<'a> {
    /// Read already.
    Known(Meta),
    /// Still to read from the page.
    Later(html::Later<'a>),
}

impl Default for PageMeta<'_> {
    fn default() -> Self {
        PageMeta::Known(Meta::default())
    }
}

impl PageMeta<'_> {
    /// The metadata, read now if it was not yet.
    pub(crate) fn read(self) -> Meta {
        match self {
            PageMeta::Known(meta) => meta,
            PageMeta::Later(later) => later.read(),
        }
    }

    /// The fields `wanted` (title, date, source), read now if they were
    /// not yet; the others may be missing.
    pub(crate) fn read_fields(self, wanted: [bool; 3]) -> Meta {
        match self {
            PageMeta::Known(meta) => meta,
            PageMeta::Later(later) => later.read_fields(wanted),
        }
    }

    /// Is it read already?
    pub(crate) fn is_known(&self) -> bool {
        matches!(self, PageMeta::Known(_))
    }
}

/// Every page may hold as many units of markup as a page of this size.
pub(crate) const BUDGET_FLOOR_BYTES: usize = 2 << 20;

/// A page may hold one HTML element per this many bytes (of its size, or of
/// [`BUDGET_FLOOR_BYTES`] if it is smaller): 16,384 elements at least.
///
/// Each HTML element or line costs a few hundred bytes between the tree
/// node, its text node, its line and what the grammar builds from it (a
/// one-line paper with its warnings, about 500); at one per 128 bytes of
/// input that stays within 8x the input. Real pages hold one start tag per 40
/// to 170 bytes and at most a few thousand in all (3,124 on the densest page
/// of the fixtures and `../shared/markup/`), and a digest has a few hundred
/// lines, well below the floor.
pub(crate) const BYTES_PER_UNIT: usize = 128;

/// How many units of markup a page of `len` bytes may hold, at one per
/// `bytes_per_unit`.
pub(crate) fn budget(len: usize, bytes_per_unit: usize) -> usize {
    BUDGET_FLOOR_BYTES.max(len) / bytes_per_unit
}

pub(crate) mod html;
pub(crate) mod markdown;

/// The input formats the parser reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, one paragraph per line.
    Text,
    /// Markdown (CommonMark), as reposts use it.
    Markdown,
    /// An HTML page as saved by a browser, or a fragment of one.
    Html,
}

/// Turns `input` in the given format into the logical line stream.
///
/// Text and Markdown are read up to their [`budget`] of lines (an HTML page's
/// budget of elements is kept by [`html::read`]'s first pass).
pub(crate) fn read(input: &str, format: Format) -> Document<'_> {
    let by_lines = |read: fn(&str) -> Document<'_>, bytes_per_line| {
        let (within, cut) = lines_within_budget(input, bytes_per_line);
        Document {
            cut,
            ..read(within)
        }
    };
    match format {
        // A text line borrows its text: only lines that make papers cost
        // much, so text may hold twice as many (a digest has one line per 70
        // bytes or so, and its copies one after another are read whole).
        Format::Text => by_lines(plain::read, BYTES_PER_UNIT / 2),
        // A Markdown line is a few events and tree items, more when it
        // nests quotes and lists (`> - > - x`): half as many.
        Format::Markdown => by_lines(markdown::read, BYTES_PER_UNIT * 2),
        Format::Html => html::read(input),
    }
}

/// `input` up to its [`budget`] of lines, and the [`Cut`] when that is not
/// all of it.
fn lines_within_budget(input: &str, bytes_per_line: usize) -> (&str, Option<Cut>) {
    let budget = budget(input.len(), bytes_per_line);
    // A cut needs `budget` line ends and a byte after them: a shorter input
    // (every page below the floor) is read whole without counting.
    if input.len() <= budget {
        return (input, None);
    }
    match memchr::memchr_iter(b'\n', input.as_bytes()).nth(budget - 1) {
        Some(end) if end + 1 < input.len() => (
            &input[..=end],
            Some(Cut {
                units: budget,
                what: "lines",
                unread: input.len() - end - 1,
            }),
        ),
        _ => (input, None),
    }
}

/// The formats to read `input` in, in order, until one finds a digest: the
/// forced one alone, or the detected one ([`detect`]) and then, for the two
/// line formats, the other one.
///
/// Detection is a guess from a sample (two Markdown constructs in the first
/// 64 KiB), and a guess must never turn a digest away: a Markdown page
/// whose only markup is `**论文 1：…**`, or whose markup starts past the
/// sample, reads as no digest in text, where the emphasis hides the
/// heading; a text page read as Markdown can lose lines to its rules
/// (indented code, lazy continuation). So a page detected as one of them
/// that holds no digest is read as the other too. An HTML page (one that
/// starts with a tag) is read as HTML only: read as text, its markup and
/// scripts would be taken for lines. Nor is a page that looks binary
/// ([`looks_binary`]) read as Markdown after text: no Markdown page holds
/// control characters, and pulldown-cmark's tree of a page of noise costs
/// about 10x its size. That is [`retry`]'s to say, asked only when the
/// first format found no digest (the scan costs about 10 instructions a
/// byte, a third of the text path's whole cost on a digest).
pub(crate) fn formats(input: &str, forced: Option<Format>) -> &'static [Format] {
    match forced {
        Some(Format::Text) => &[Format::Text],
        Some(Format::Markdown) => &[Format::Markdown],
        Some(Format::Html) => &[Format::Html],
        None => match detect(input) {
            Format::Text => &[Format::Text, Format::Markdown],
            Format::Markdown => &[Format::Markdown, Format::Text],
            Format::Html => &[Format::Html],
        },
    }
}

/// May `input` be read as `format` after the detected format found no
/// digest? Not as Markdown when it looks binary ([`looks_binary`]).
pub(crate) fn retry(input: &str, format: Format) -> bool {
    format != Format::Markdown || !looks_binary(input)
}

/// Does `input` hold more than one control character (C0 but tab, line
/// feed, form feed and carriage return; DEL) or replacement character
/// (U+FFFD, a byte invalid in the page's encoding) in 256 bytes, as noise
/// and binary files do and no text page does?
pub(crate) fn looks_binary(input: &str) -> bool {
    let controls = input
        .bytes()
        .filter(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r')) || b == 0x7f)
        .count();
    let replaced = memchr::memmem::find_iter(input.as_bytes(), "\u{FFFD}".as_bytes()).count();
    (controls + replaced) * 256 > input.len()
}

/// Guesses the format of `input` from its first bytes and its markup.
///
/// HTML: the text starts (after white space) with `<` and an HTML-ish tag
/// appears near the start. Markdown: at least two distinct Markdown
/// constructs appear (`# ` headings, `**strong**`, `[text](url)`, `![](img)`,
/// `> ` quotes). Anything else is plain text, which is always safe: the line
/// grammar reads Markdown and even HTML text tolerably as plain lines.
pub(crate) fn detect(input: &str) -> Format {
    let head = &input[..floor_char_boundary(input, 4096)];
    let trimmed = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if trimmed.starts_with('<') {
        const TAGS: [&str; 10] = [
            "<!doctype",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<div",
            "<p",
            "<section",
            "<article",
            "<title",
        ];
        if TAGS
            .iter()
            .any(|t| crate::text::find_ascii_ci(trimmed, t).is_some())
        {
            return Format::Html;
        }
    }
    // Markdown: count distinct constructs in the first 64 KiB, each found
    // with one vectorized scan rather than per-line searches.
    let sample = &input.as_bytes()[..floor_char_boundary(input, 64 * 1024)];
    let mut signals = 0;
    let mut heading = false;
    let mut quote = false;
    // Each `#` or `>` that is the first byte of its line after spaces (rare
    // bytes: far fewer stops than one per line).
    for i in memchr::memchr2_iter(b'#', b'>', sample) {
        let spaces = sample[..i].iter().rev().take_while(|b| **b == b' ').count();
        if i > spaces && sample[i - spaces - 1] != b'\n' {
            continue;
        }
        let line = &sample[i..];
        heading |= line.starts_with(b"# ") || line.starts_with(b"## ") || line.starts_with(b"### ");
        quote |= line.starts_with(b"> ");
        if heading && quote {
            break;
        }
    }
    signals += usize::from(heading) + usize::from(quote);
    if signals < 2 {
        signals += inline_signals(sample, 2 - signals);
    }
    if signals >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// How many of the inline Markdown constructs `sample` holds, counted up
/// to `enough`: two `**` (not overlapping), a link to a URL (`](http`,
/// `](<http`), an image (`![`). One vectorized pass stops at each `*`, `]`
/// and `!`, rare bytes in text, where a search per construct read the
/// whole sample once each.
fn inline_signals(sample: &[u8], enough: usize) -> usize {
    let (mut stars, mut link, mut image) = (0, false, false);
    // Where the next `**` may start: after the last one counted.
    let mut star_from = 0;
    for i in memchr::memchr3_iter(b'*', b']', b'!', sample) {
        let rest = &sample[i..];
        match sample[i] {
            b'*' if i >= star_from && stars < 2 && rest.starts_with(b"**") => {
                stars += 1;
                star_from = i + 2;
            }
            b']' => link |= rest.starts_with(b"](http") || rest.starts_with(b"](<http"),
            b'!' => image |= rest.starts_with(b"!["),
            _ => {}
        }
        let found = usize::from(stars == 2) + usize::from(link) + usize::from(image);
        if found >= enough {
            return found;
        }
    }
    usize::from(stars == 2) + usize::from(link) + usize::from(image)
}

/// The largest index `<= at` that is a char boundary of `s`.
pub(crate) fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut i = at;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_needs_two_constructs_at_line_starts() {
        let md = |s: &str| detect(s) == Format::Markdown;
        assert!(md("# 标题\n\n> 引用\n"));
        assert!(md("正文\n   ## 标题\n  > 引用"));
        assert!(md("> 引用\n**强调**正文**强调**"));
        assert!(!md("正文 # 标题\n正文 > 引用\n"), "not at a line start");
        assert!(!md("#标题\n>引用\n"), "no space after the mark");
        assert!(
            !md("#### 标题\n> 引用\n"),
            "a fourth-level heading is not counted"
        );
        assert!(!md("\t# 标题\r\n\r> 引用\n"), "only spaces may lead");
        assert!(!md("# 标题\n"), "one construct");
    }

    #[test]
    fn markdown_is_looked_for_in_the_first_64_kib() {
        let late = format!("{}\n# 标题\n> 引用\n", "正文。".repeat(2000));
        assert!(late.len() < 64 * 1024);
        assert_eq!(detect(&late), Format::Markdown);
        let too_late = format!("{}\n# 标题\n> 引用\n", "正文。".repeat(8000));
        assert_eq!(detect(&too_late), Format::Text);
    }

    #[test]
    fn html_may_follow_white_space_and_a_byte_order_mark() {
        for lead in ["", "\n  \r\n", "\u{FEFF}", "\u{FEFF}\n"] {
            assert_eq!(
                detect(&format!("{lead}<div>正文</div>")),
                Format::Html,
                "{lead:?}"
            );
        }
        assert_eq!(detect("正文 <div>"), Format::Text);
    }

    /// A line format detected is followed by the other; HTML and a forced
    /// format stand alone.
    #[test]
    fn a_detected_line_format_falls_back_to_the_other() {
        use Format::{Html, Markdown, Text};
        assert_eq!(formats("正文", None), [Text, Markdown]);
        assert_eq!(formats("# 标题\n> 引用\n", None), [Markdown, Text]);
        assert_eq!(formats("<div>正文</div>", None), [Html]);
        let noise: String = (0..4096u32)
            .map(|i| char::from((i * 37 % 97) as u8))
            .collect();
        assert!(looks_binary(&noise));
        assert_eq!(formats(&noise, None), [Text, Markdown]);
        assert!(!retry(&noise, Markdown));
        assert!(retry("正文", Markdown) && retry(&noise, Text));
        assert!(!looks_binary("正文\t正文\r\n\x0c"));
        assert!(!looks_binary(&format!("{}\u{FFFD}", "正文".repeat(100))));
        for forced in [Text, Markdown, Html] {
            assert_eq!(formats("# 标题\n> 引用\n", Some(forced)), [forced]);
        }
    }

    /// The one-pass count of inline constructs agrees with a search per
    /// construct (the way [`detect`] counted them before).
    #[test]
    fn inline_signals_agree_with_one_search_each() {
        let by_search = |s: &[u8]| {
            let strong = memchr::memmem::find_iter(s, b"**").take(2).count() == 2;
            let link = memchr::memmem::find(s, b"](http").is_some()
                || memchr::memmem::find(s, b"](<http").is_some();
            let image = memchr::memmem::find(s, b"![").is_some();
            usize::from(strong) + usize::from(link) + usize::from(image)
        };
        let pieces = [
            "*", "**", "***", "](http", "](<http", "](", "![", "!", "]", "x", "\n",
        ];
        let mut samples = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &samples {
                for p in pieces {
                    next.push(format!("{s}{p}"));
                }
            }
            samples = next;
        }
        for s in &samples {
            let want = by_search(s.as_bytes());
            assert_eq!(inline_signals(s.as_bytes(), 3), want, "{s:?}");
            for enough in 1..=2 {
                assert_eq!(
                    inline_signals(s.as_bytes(), enough) >= enough,
                    want >= enough,
                    "{s:?} {enough}"
                );
            }
        }
    }

    #[test]
    fn char_boundaries_are_floored() {
        assert_eq!(floor_char_boundary("甲乙", 0), 0);
        assert_eq!(floor_char_boundary("甲乙", 1), 0);
        assert_eq!(floor_char_boundary("甲乙", 2), 0);
        assert_eq!(floor_char_boundary("甲乙", 3), 3);
        assert_eq!(floor_char_boundary("甲乙", 5), 3);
        assert_eq!(floor_char_boundary("甲乙", 9), 6);
    }

    /// Two lines at most: one per MiB of the two-MiB floor.
    #[test]
    fn lines_are_cut_after_the_budget_and_the_rest_is_counted() {
        let per_line = 1 << 20;
        assert_eq!(budget(10, per_line), 2);
        let cut = |input| lines_within_budget(input, per_line);
        assert_eq!(cut("a\nb\n"), ("a\nb\n", None));
        assert_eq!(cut("a\nb"), ("a\nb", None));
        let rest = Some(Cut {
            units: 2,
            what: "lines",
            unread: 3,
        });
        assert_eq!(cut("a\nb\ncc\n"), ("a\nb\n", rest));
        assert_eq!(cut("a\nb\nc\n\n"), ("a\nb\n", rest));
        assert_eq!(
            cut("a\nb\nc"),
            (
                "a\nb\n",
                Some(Cut {
                    units: 2,
                    what: "lines",
                    unread: 1
                })
            )
        );
    }
}
