//! Markdown (CommonMark, read with `pulldown-cmark`): events to logical lines.
//!
//! The reader turns the event stream into the same lines the plain-text
//! source produces, so the digest grammar never sees Markdown syntax:
//!
//! * every block (paragraph, heading, list item, code block) starts a new
//!   line, and so does every soft or hard line break inside a block;
//! * emphasis markers vanish (`**论文 1：…**` reads `论文 1：…`), code spans
//!   keep their text, link text stays in the line and the link target goes to
//!   [`Line::hrefs`];
//! * an image becomes a [`Hint::Image`] line of its own, with the alt text as
//!   its text and the URL in [`Line::image`];
//! * a line that is entirely `*emphasised*` (not `**strong**`) outside
//!   headings and list items is a [`Hint::Caption`];
//! * ordered list items keep their number (`1. Title (from X)`), because the
//!   radio grammar relies on it: the number as written, unless the list
//!   repeats one number on every item (lazy `1.` numbering), where the
//!   rendered count (the list's start number plus the item's index) is used;
//! * delimiter runs CommonMark leaves unmatched, as in `**摘要：**正文` (the
//!   closing `**` follows a full-width colon and precedes a letter, so it
//!   cannot close), are dropped when they pair up within the line, as
//!   Chinese editors' CJK-friendly emphasis renders them; escaped `\*` and
//!   lone runs stay text;
//! * HTML blocks are handed to the HTML source, which reads them as it reads
//!   any page; inline HTML tags are markup and are dropped, except `<br>`,
//!   which breaks the line.
//!
//! The walk is a loop over events with an explicit container stack: nothing
//! recurses on the nesting depth of the input. Line numbers come from the
//! events' byte offsets through a binary search over line starts computed
//! once.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Document, Hint, Line};
use crate::text::trim;

/// A block container the reader is inside of.
#[derive(Debug)]
enum Container {
    /// A block quote.
    Quote,
    /// A list; ordered lists carry their numbering state.
    List(Option<Numbering>),
    /// A list item.
    Item,
}

/// The numbering state of an ordered list.
#[derive(Debug)]
struct Numbering {
    /// The list's start number.
    start: u64,
    /// How many items were seen so far.
    index: u64,
    /// The number written on the previous item, if it could be read.
    last_written: Option<u64>,
    /// The list repeats one number (lazy numbering): count instead.
    lazy: bool,
}

/// An image being read: its URL, its alt text so far, its line, and how many
/// images are open inside its alt text.
#[derive(Debug)]
struct OpenImage {
    url: String,
    alt: String,
    lineno: usize,
    depth: usize,
}

struct Reader<'s> {
    src: &'s str,
    /// Byte offsets at which the source's lines start (`\n`-separated).
    starts: Vec<usize>,
    lines: Vec<Line<'static>>,
    /// The line being built.
    buf: String,
    hrefs: Vec<String>,
    lineno: Option<usize>,
    /// Every non-blank piece of the current line was inside `*emphasis*`.
    all_emphasis: bool,
    /// The current line has non-blank text.
    has_text: bool,
    /// Byte positions in `buf` of unmatched `*` / `_` delimiter characters.
    stray: Vec<usize>,
    containers: Vec<Container>,
    heading: Option<u8>,
    emphasis: usize,
    strong: usize,
    image: Option<OpenImage>,
    /// The number (`"3. "`) to put before the next text of an ordered item.
    item_prefix: Option<String>,
    /// The HTML block being collected, with its first line.
    html: Option<(String, usize)>,
}

/// Turns a Markdown page into logical lines.
pub(crate) fn read(input: &str) -> Document<'_> {
    let mut reader = Reader {
        src: input,
        starts: line_starts(input),
        lines: Vec::with_capacity(input.len() / 64 + 1),
        buf: String::new(),
        hrefs: Vec::new(),
        lineno: None,
        all_emphasis: true,
        has_text: false,
        stray: Vec::new(),
        containers: Vec::new(),
        heading: None,
        emphasis: 0,
        strong: 0,
        image: None,
        item_prefix: None,
        html: None,
    };
    for (event, range) in Parser::new_ext(input, Options::empty()).into_offset_iter() {
        reader.event(event, range.start);
    }
    reader.flush();
    Document {
        cut: None,
        lines: reader.lines,
        meta: Default::default(),
    }
}

/// The byte offsets at which the lines of `s` start (each of `\n`,
/// `\r\n` and a lone `\r` ends a line, as in the plain-text source).
fn line_starts(s: &str) -> Vec<usize> {
    super::plain::source_lines(s)
        .map(|(start, _)| start)
        .collect()
}

impl Reader<'_> {
    /// The 1-based source line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some((html, _)) = &mut self.html {
                    html.push_str(&text);
                } else if self.is_stray_delimiter(&text, offset) {
                    self.text(&text, offset);
                    if let Some(pos) = self.buf.len().checked_sub(1) {
                        self.stray.push(pos);
                    }
                } else {
                    self.text(&text, offset);
                }
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text, offset)
            }
            Event::Html(text) => match &mut self.html {
                Some((html, _)) => html.push_str(&text),
                None => self.text(&text, offset),
            },
            Event::InlineHtml(tag) => {
                if let Some(image) = &mut self.image {
                    image.alt.push_str(&tag);
                } else if is_br(&tag) {
                    self.flush();
                }
            }
            Event::FootnoteReference(label) => {
                let text = format!("[^{label}]");
                self.text(&text, offset);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(image) = &mut self.image {
                    image.alt.push(' ');
                } else {
                    self.flush();
                }
            }
            Event::Rule => self.flush(),
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, offset);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        if let Some(image) = &mut self.image {
            if matches!(tag, Tag::Image { .. }) {
                image.depth += 1;
            }
            return;
        }
        match tag {
            Tag::Paragraph
            | Tag::CodeBlock(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.flush(),
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some((String::new(), self.line_of(offset)));
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Tag::List(start) => {
                self.flush();
                self.containers
                    .push(Container::List(start.map(|start| Numbering {
                        start,
                        index: 0,
                        last_written: None,
                        lazy: false,
                    })));
            }
            Tag::Item => {
                self.flush();
                let written = written_number(self.src.get(offset..).unwrap_or(""));
                self.item_prefix = match self.containers.last_mut() {
                    Some(Container::List(Some(n))) => {
                        // (The first item has no number before it.)
                        if written.is_some() && written == n.last_written {
                            n.lazy = true;
                        }
                        let number = match written {
                            Some(w) if !n.lazy => w,
                            _ => n.start.saturating_add(n.index),
                        };
                        n.index += 1;
                        n.last_written = written;
                        Some(format!("{number}. "))
                    }
                    _ => None,
                };
                self.containers.push(Container::Item);
            }
            Tag::TableCell => {
                if self.has_text {
                    self.buf.push(' ');
                }
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
            Tag::Link { dest_url, .. } => {
                if !dest_url.is_empty() {
                    self.hrefs.push(dest_url.into_string());
                }
            }
            Tag::Image { dest_url, .. } => {
                if dest_url.is_empty() {
                    // No URL: the alt text is just text.
                    return;
                }
                self.flush();
                self.image = Some(OpenImage {
                    url: dest_url.into_string(),
                    alt: String::new(),
                    lineno: self.line_of(offset),
                    depth: 0,
                });
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if let Some(image) = &mut self.image {
            if tag == TagEnd::Image {
                if image.depth == 0 {
                    if let Some(image) = self.image.take() {
                        self.lines.push(Line {
                            text: Cow::Owned(trim(&image.alt).to_owned()),
                            hint: Hint::Image,
                            hrefs: Vec::new(),
                            image: Some(image.url),
                            lineno: image.lineno,
                        });
                    }
                } else {
                    image.depth -= 1;
                }
            }
            return;
        }
        match tag {
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.item_prefix = None;
                self.containers.pop();
            }
            TagEnd::HtmlBlock => {
                if let Some((html, first)) = self.html.take() {
                    self.html_block(&html, first);
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.flush(),
            _ => {}
        }
    }

    /// Appends text at `offset`; line ends inside it (code and HTML blocks) end lines.
    fn text(&mut self, text: &str, offset: usize) {
        if let Some(image) = &mut self.image {
            image.alt.push_str(text);
            return;
        }
        let mut at = offset;
        for (i, piece) in text.split(['\n', '\r']).enumerate() {
            if i > 0 {
                self.flush();
            }
            if !trim(piece).is_empty() {
                if self.lineno.is_none() {
                    // Offsets of text that was unescaped may drift inside a
                    // line; they stay on the right line, which is what counts.
                    self.lineno = Some(self.line_of(at.min(self.src.len())));
                }
                if self.buf.is_empty()
                    && let Some(prefix) = self.item_prefix.take()
                {
                    self.buf.push_str(&prefix);
                }
                self.has_text = true;
                if !matches!(piece, "*" | "_") {
                    self.all_emphasis &= self.emphasis > 0 && self.strong == 0;
                }
            }
            self.buf.push_str(piece);
            at += piece.len() + 1;
        }
    }

    /// Reads an HTML block through the HTML source, keeping source line numbers.
    fn html_block(&mut self, html: &str, first: usize) {
        let doc = super::html::read(html);
        let last = first + (super::plain::source_lines(html).count() - 1).saturating_sub(1);
        for line in doc.lines {
            self.lines.push(Line {
                text: Cow::Owned(line.text.into_owned()),
                hint: line.hint,
                hrefs: line.hrefs,
                image: line.image,
                lineno: (first + line.lineno.saturating_sub(1)).min(last.max(first)),
            });
        }
    }

    /// An unmatched delimiter character: a `*` or `_` text event that stands
    /// in the source as itself, not escaped.
    fn is_stray_delimiter(&self, text: &str, offset: usize) -> bool {
        let bytes = self.src.as_bytes();
        matches!(text, "*" | "_")
            && bytes.get(offset) == text.as_bytes().first()
            && (offset == 0 || bytes.get(offset - 1) != Some(&b'\\'))
    }

    /// Removes unmatched delimiter runs that pair up: each run (`**`, `*`,
    /// `__`, …) is dropped when the line holds an even number of equal runs.
    fn drop_paired_strays(&mut self) {
        let stray = std::mem::take(&mut self.stray);
        let bytes = self.buf.as_bytes();
        // Runs of adjacent equal delimiter characters: (start, len, char).
        let mut runs: Vec<(usize, usize, u8)> = Vec::new();
        for pos in stray {
            let Some(&c) = bytes.get(pos) else { continue };
            match runs.last_mut() {
                Some((start, len, ch)) if *ch == c && *start + *len == pos => *len += 1,
                _ => runs.push((pos, 1, c)),
            }
        }
        // How many runs of each kind the line holds; linear, whatever the line.
        let mut counts: std::collections::HashMap<(usize, u8), usize> =
            std::collections::HashMap::new();
        for &(_, len, c) in &runs {
            *counts.entry((len, c)).or_default() += 1;
        }
        // Runs are in buffer order: rebuild the line once without the paired ones.
        let mut out = String::with_capacity(self.buf.len());
        let mut copied = 0;
        for (start, len, c) in runs {
            if counts.get(&(len, c)).is_some_and(|n| n % 2 == 0) {
                out.push_str(&self.buf[copied..start]);
                copied = start + len;
            }
        }
        out.push_str(&self.buf[copied..]);
        self.buf = out;
    }

    /// Ends the current line, emitting it unless it is blank.
    fn flush(&mut self) {
        if self.stray.len() >= 2 {
            self.drop_paired_strays();
        }
        self.stray.clear();
        let text = trim(&self.buf);
        if self.has_text && !text.is_empty() {
            let hint = self.hint();
            let line = Line {
                text: Cow::Owned(text.to_owned()),
                hint,
                hrefs: std::mem::take(&mut self.hrefs),
                image: None,
                lineno: self.lineno.unwrap_or(1),
            };
            self.lines.push(line);
        }
        self.buf.clear();
        self.hrefs.clear();
        self.lineno = None;
        self.has_text = false;
        self.all_emphasis = true;
    }

    /// The hint of the line being flushed, from the innermost context.
    fn hint(&self) -> Hint {
        if let Some(level) = self.heading {
            return Hint::Heading(level);
        }
        let innermost = self
            .containers
            .iter()
            .rev()
            .find(|c| matches!(c, Container::Quote | Container::Item));
        match innermost {
            Some(Container::Item) => Hint::ListItem,
            _ if self.all_emphasis => Hint::Caption,
            Some(Container::Quote) => Hint::Quote,
            _ => Hint::Plain,
        }
    }
}

/// Is this inline HTML a line break (`<br>`, `<br/>`, `<BR />`)?
fn is_br(tag: &str) -> bool {
    tag.trim().strip_prefix('<').is_some_and(|rest| {
        rest.get(..2).is_some_and(|b| b.eq_ignore_ascii_case("br"))
            && rest[2..]
                .trim_start_matches([' ', '/'])
                .trim_start()
                .starts_with('>')
    })
}

/// The number written at the start of an ordered list item (`3.` or `3)`),
/// after the indentation and any block-quote markers of its line.
fn written_number(item: &str) -> Option<u64> {
    let s = item.trim_start_matches([' ', '\t', '>']);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    // A list number has at most nine digits; no digits do not parse.
    if digits > 9 {
        return None;
    }
    s[..digits].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<(String, Hint, usize)> {
        super::read(input)
            .lines
            .into_iter()
            .map(|l| (l.text.into_owned(), l.hint, l.lineno))
            .collect()
    }

    /// The texts of the lines `input` reads as.
    fn texts(input: &str) -> Vec<String> {
        read(input).into_iter().map(|l| l.0).collect()
    }

    #[test]
    fn blocks_become_lines() {
        let got = read(
            "# 7 Papers & Radios | 标题\n\n> 本周论文包括 A、\n> B 等研究。\n\n**论文 1：Title**\n\n- 作者：A、B\n- 论文链接：[https://arxiv.org/abs/2204.02311](https://arxiv.org/abs/2204.02311)\n",
        );
        assert_eq!(
            got,
            vec![
                ("7 Papers & Radios | 标题".into(), Hint::Heading(1), 1),
                ("本周论文包括 A、".into(), Hint::Quote, 3),
                ("B 等研究。".into(), Hint::Quote, 4),
                ("论文 1：Title".into(), Hint::Plain, 6),
                ("作者：A、B".into(), Hint::ListItem, 8),
                (
                    "论文链接：https://arxiv.org/abs/2204.02311".into(),
                    Hint::ListItem,
                    9
                ),
            ]
        );
    }

    #[test]
    fn links_images_captions() {
        let doc = super::read(
            "论文链接：[点此](https://a.com/x) 与 <https://b.com/y>\r\n\r\n![网络结构](https://img.com/2.png)\r\n\r\n*图 2 网络结构*\r\n\r\n*半句* 强调\r\n",
        );
        let l = &doc.lines;
        assert_eq!(l[0].text, "论文链接：点此 与 https://b.com/y");
        assert_eq!(l[0].hrefs, ["https://a.com/x", "https://b.com/y"]);
        assert_eq!(l[1].hint, Hint::Image);
        assert_eq!(l[1].text, "网络结构");
        assert_eq!(l[1].image.as_deref(), Some("https://img.com/2.png"));
        assert_eq!(l[1].lineno, 3);
        assert_eq!(
            (l[2].text.as_ref(), l[2].hint),
            ("图 2 网络结构", Hint::Caption)
        );
        assert_eq!((l[3].text.as_ref(), l[3].hint), ("半句 强调", Hint::Plain));
        assert_eq!(l[3].lineno, 7);
    }

    /// The lines of an HTML block are numbered within the block's own
    /// lines, however many logical lines one of them holds.
    #[test]
    fn html_block_lines_stay_within_the_block() {
        let got: Vec<_> = read("前文\n\n<p>a</p><p>b</p><p>c</p>\n<p>d</p>\n\n后文\n")
            .into_iter()
            .map(|l| (l.0, l.2))
            .collect();
        let want = [
            ("前文", 1),
            ("a", 3),
            ("b", 4),
            ("c", 4),
            ("d", 4),
            ("后文", 6),
        ];
        assert_eq!(got, want.map(|(t, n)| (t.to_owned(), n)));
    }

    /// An image's alt text keeps its emphasis and nested images as text,
    /// and the line ends with the outer image.
    #[test]
    fn image_alt_text_holds_emphasis_and_images() {
        let doc = super::read(
            "![*强调* 与 ![内](https://img.com/in.png) 尾](https://img.com/out.png) 后文\n",
        );
        let got: Vec<_> = doc
            .lines
            .iter()
            .map(|l| (l.text.as_ref(), l.hint, l.image.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "强调 与 内 尾",
                    Hint::Image,
                    Some("https://img.com/out.png")
                ),
                ("后文", Hint::Plain, None)
            ]
        );
    }

    #[test]
    fn unmatched_delimiters_that_pair_are_dropped() {
        let got =
            texts("**摘要：**Kaplan 等\n\n\\*\\*字面\\*\\*\n\n**推荐：**一句 2 ** 3。\n\n*孤单\n");
        assert_eq!(
            got,
            [
                "摘要：Kaplan 等",
                "**字面**",
                "推荐：一句 2 ** 3。",
                "*孤单"
            ]
        );
    }

    /// A paragraph of white space and invisible characters alone is no
    /// line, nor one whose only text was stray delimiters that paired.
    #[test]
    fn blank_paragraphs_make_no_line() {
        // The last: stray runs that pair up, dropped, and invisible text.
        let got = texts("a\n\n&nbsp;\n\n\u{200B}\n\n**\u{200B} **\u{200B}\n\nb\n");
        assert_eq!(got, ["a", "b"]);
    }

    #[test]
    fn line_breaks_are_br_tags_only() {
        for br in ["<br>", "<BR/>", "<br />", "<br  >", " <br> "] {
            assert!(is_br(br), "{br}");
        }
        for not in ["<b>", "<bra>", "<b r>", "br>", "<", "<br", ""] {
            assert!(!is_br(not), "{not}");
        }
    }

    /// Adjacent stray delimiters of one character make one run, and runs
    /// pair only with runs of the same length and character.
    #[test]
    fn stray_runs_pair_by_length_and_character() {
        let got = texts("**a b\n\n**a *b *c\n\n**a __b\n\n**a b** **c\n");
        assert_eq!(got, ["**a b", "**a b c", "**a __b", "a b **c"]);
    }

    /// An escaped delimiter is text, not a stray run: it pairs with none.
    #[test]
    fn escaped_delimiters_never_pair() {
        let got = texts("a \\** b **c\n\n**a \\** b\n");
        assert_eq!(got, ["a ** b **c", "*a * b"]);
    }

    #[test]
    fn ordered_lists_keep_numbers() {
        let got: Vec<_> = read("3. c\n4. d\n\ntext\n\n1. a\n1. b\n1. c\n\n7) x\n7) y\n")
            .into_iter()
            .map(|(t, h, _)| {
                assert_eq!(h == Hint::ListItem, t != "text", "{t}");
                t
            })
            .collect();
        assert_eq!(
            got,
            [
                "3. c", "4. d", "text", "1. a", "2. b", "3. c", "7. x", "8. y"
            ]
        );
        // Two lists in a row merge in Markdown; the written numbers survive.
        let got = texts("1. a\n2. b\n\n1. c\n");
        assert_eq!(got, ["1. a", "2. b", "1. c"]);
        // Nine digits, the most a list number may have, are read as written.
        let got = texts("123456789. a\n123456788. b\n");
        assert_eq!(got, ["123456789. a", "123456788. b"]);
    }

    #[test]
    fn breaks_code_and_html() {
        let got: Vec<_> = read(
            "a  \nb\\\nc<br>d `x*y*` e\n\n```\ncode 1\ncode 2\n```\n\n<div>\n论文 1：T\n</div>\n",
        )
        .into_iter()
        .map(|l| (l.0, l.2))
        .collect();
        assert_eq!(
            got[..4],
            [
                ("a".into(), 1),
                ("b".into(), 2),
                ("c".into(), 3),
                ("d x*y* e".into(), 3)
            ]
        );
        assert_eq!(got[4..6], [("code 1".into(), 6), ("code 2".into(), 7)]);
        assert!(
            // HTML blocks go through the HTML source, whose lines are logical
            // ones: the line number is the block's (10) or the text's (11).
            got[6..]
                .iter()
                .any(|(t, n)| t == "论文 1：T" && (10..=11).contains(n)),
            "{got:?}"
        );
    }
}
