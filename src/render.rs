//! Renders a [`Digest`] back to a canonical page: plain text, Markdown or HTML.
//!
//! The pages are laid out as the column prints itself, so the parser reads
//! them back: the title, a date-and-source line, the `参与` line, the intro,
//! the contents under `目录`, every paper (`论文 N:` heading, `作者`, links,
//! `摘要` paragraphs, figures, `推荐`), then the radio lists.
//!
//! # What round-trips
//!
//! Parsing a rendered page gives back these fields unchanged:
//!
//! * [`Issue`](crate::Issue): `title`, `series` and `headlines` (the latter
//!   two are recomputed from the title, so they come back as the title
//!   splits), `date`, `source`, `contributors`, `summary`, `contents`;
//! * every [`Paper`] field (a [`Paper::heading_title`] is written as the
//!   heading, and comes back when the contents hold the spaced title, as
//!   the parser leaves them); for [`text`], figures carry only their captions
//!   (plain text has no images), so image-only figures are left out and
//!   images are dropped;
//! * every [`RadioList`] and [`RadioEntry`] field.
//!
//! Not rendered: [`Stripped`](crate::Stripped) (the page furniture; a
//! rendered page has none, so it reads back empty) and
//! [`Warning`](crate::Warning)s (recomputed by the parser).
//!
//! This holds for digests a real page could have produced: a title that is a
//! digest title (`7 Papers & Radios | …`), text without line breaks except
//! between abstract paragraphs, values that do not themselves read as markers
//! (an abstract paragraph that starts with `论文 2:` would read back as a
//! paper), an intro the parser recognises as one (`本周论文包括…`, or a
//! sentence with `。`; Markdown and HTML mark it as a quote), radio entries
//! numbered upwards within each list, a radio list without heading only
//! where one can stand (after a paper or another list), and no image-only
//! figure directly before a caption-only figure (the caption would attach to
//! the image, as it does on real pages). Line breaks inside one-line values
//! are rendered as spaces, and HTML collapses runs of spaces into one.
//!
//! [`markdown`] and [`html`] escape what their markup would otherwise
//! interpret; [`text`] cannot escape anything.
//!
//! ```
//! use paper_digest::{render, Format, Parser};
//!
//! let page = "\
//! 7 Papers & Radios | 谷歌训练大模型
//! 论文 1:PaLM: Scaling Language Modeling with Pathways
//! 作者:Aakanksha Chowdhery 、 Sharan Narang 等
//! 论文链接:https://arxiv.org/abs/2204.02311
//! 摘要:谷歌训练了一个 5400 亿参数的模型。
//! 本周 10 篇 NLP 精选论文是:
//! 1. Complex-Valued Autoencoders for Object Discovery. (from Max Welling)
//! ";
//! let digest = paper_digest::parse(page)?;
//! let markdown = render::markdown(&digest);
//! assert!(markdown.starts_with("# 7 Papers & Radios | 谷歌训练大模型\n"));
//! for (rendered, format) in [
//!     (render::text(&digest), Format::Text),
//!     (markdown, Format::Markdown),
//! ] {
//!     let back = Parser::new().format(format).parse(&rendered)?;
//!     assert_eq!((&back.issue, &back.papers, &back.radio), (&digest.issue, &digest.papers, &digest.radio));
//! }
//! assert!(render::html(&digest).contains("<a href=\"https://arxiv.org/abs/2204.02311\">"));
//! # Ok::<(), paper_digest::Error>(())
//! ```

use std::fmt::{self, Write as _};
use std::io;

use crate::Format;
use crate::model::{Digest, Figure, Link, Paper, RadioEntry, RadioList};

/// One logical line of a rendered page, before markup.
enum Block<'a> {
    /// The digest title.
    Title(&'a str),
    /// An ordinary paragraph.
    Para(String),
    /// The intro paragraph.
    Summary(&'a str),
    /// The `目录` heading.
    ContentsHeading,
    /// A numbered contents entry.
    Contents(usize, &'a str),
    /// `论文 N：title`.
    PaperHeading(u32, &'a str),
    /// A paper's metadata line (`作者：…`), a bullet in Markdown.
    Meta(String),
    /// A labelled link with an optional password.
    Link {
        label: &'a str,
        url: Option<&'a str>,
        /// The text written instead of a URL.
        text: Option<&'a str>,
        password: Option<&'a str>,
    },
    /// An image.
    Image(&'a str),
    /// A figure caption, with the image it belongs to.
    Caption(Option<&'a str>, &'a str),
    /// A radio list heading.
    RadioHeading(&'a str),
    /// A radio entry, with the index of its list.
    RadioEntry(&'a RadioEntry, usize),
}

/// Which colon a format writes after a marker: the scrape's half-width one
/// for plain text, the site's full-width one for Markdown and HTML.
#[derive(Clone, Copy)]
enum Style {
    Text,
    Markup,
}

impl Style {
    fn colon(self) -> &'static str {
        match self {
            Style::Text => ":",
            Style::Markup => "：",
        }
    }
}

/// The page as blocks, in page order.
fn blocks(digest: &Digest, style: Style) -> Vec<Block<'_>> {
    let colon = style.colon();
    let mut out = Vec::new();
    let issue = &digest.issue;
    if let Some(title) = &issue.title {
        out.push(Block::Title(title));
    }
    match (&issue.date, &issue.source) {
        (Some(date), Some(source)) => out.push(Block::Para(format!("{date} {}", one_line(source)))),
        (Some(date), None) => out.push(Block::Para(date.to_string())),
        (None, Some(source)) => out.push(Block::Para(format!("来源{colon}{}", one_line(source)))),
        (None, None) => {}
    }
    if !issue.contributors.is_empty() {
        out.push(Block::Para(format!(
            "参与{colon}{}",
            one_line(&issue.contributors.join("、"))
        )));
    }
    if let Some(summary) = &issue.summary {
        out.push(Block::Summary(summary));
    }
    if !issue.contents.is_empty() {
        out.push(Block::ContentsHeading);
        for (i, entry) in issue.contents.iter().enumerate() {
            out.push(Block::Contents(i + 1, entry));
        }
    }
    for paper in &digest.papers {
        paper_blocks(paper, style, &mut out);
    }
    for (i, list) in digest.radio.iter().enumerate() {
        radio_blocks(list, i, &mut out);
    }
    out
}

fn paper_blocks<'a>(paper: &'a Paper, style: Style, out: &mut Vec<Block<'a>>) {
    // Every field named: a new one fails to compile here until it is rendered
    // (or said not to be).
    let Paper {
        number,
        title,
        authors,
        et_al,
        links,
        abstract_text,
        figures,
        recommendation,
        heading_title,
    } = paper;
    let colon = style.colon();
    // The heading as the page wrote it: the contents hold the spaced title,
    // which the parser takes again.
    out.push(Block::PaperHeading(
        *number,
        heading_title.as_deref().unwrap_or(title),
    ));
    if !authors.is_empty() || *et_al {
        let mut names = authors.join("、");
        if *et_al {
            if !names.is_empty() {
                names.push(' ');
            }
            names.push('等');
        }
        out.push(Block::Meta(format!("作者{colon}{}", one_line(&names))));
    }
    for link in links {
        let Link {
            label,
            url,
            text,
            // Derived from the URL and the label when the page is read back.
            arxiv_id: _,
            arxiv_version: _,
            password,
            kind: _,
        } = link;
        out.push(Block::Link {
            label,
            url: url.as_deref(),
            text: text.as_deref(),
            password: password.as_deref(),
        });
    }
    if let Some(text) = abstract_text {
        for (i, paragraph) in text
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .enumerate()
        {
            out.push(Block::Para(if i == 0 {
                format!("摘要{colon}{paragraph}")
            } else {
                paragraph.to_owned()
            }));
        }
    }
    for Figure { image, caption } in figures {
        match (image, caption) {
            (Some(image), Some(caption)) => out.push(Block::Caption(Some(image), caption)),
            (Some(image), None) => out.push(Block::Image(image)),
            (None, Some(caption)) => out.push(Block::Caption(None, caption)),
            (None, None) => {}
        }
    }
    if let Some(recommendation) = recommendation {
        out.push(Block::Para(format!(
            "推荐{colon}{}",
            one_line(recommendation)
        )));
    }
}

fn radio_blocks<'a>(list: &'a RadioList, index: usize, out: &mut Vec<Block<'a>>) {
    let RadioList {
        heading,
        // Read back from the heading's words.
        category: _,
        entries,
    } = list;
    if let Some(heading) = heading {
        out.push(Block::RadioHeading(heading));
    }
    for entry in entries {
        out.push(Block::RadioEntry(entry, index));
    }
}

/// A value that must stay on one line: line breaks become spaces.
fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split(['\n', '\r'])
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.to_owned()
    }
}

/// `Title. (from A, B)`, or `Title.` for an entry without names.
fn entry_text(entry: &RadioEntry) -> String {
    let title = one_line(&entry.title);
    if entry.from.is_empty() {
        format!("{title}.")
    } else {
        format!("{title}. (from {})", one_line(&entry.from.join(", ")))
    }
}

/// Renders the digest in `format` into any [`fmt::Write`]: a `String`, a
/// formatter, a buffer of your own. [`text`], [`markdown`] and [`html`] are
/// this into a new `String`.
///
/// ```
/// use paper_digest::{render, Format};
///
/// let digest = paper_digest::parse("7 Papers & Radios | 标题\n论文 1：某论文\n")?;
/// let mut page = String::from("<!-- saved -->\n");
/// render::write(&mut page, &digest, Format::Markdown).unwrap();
/// assert!(page.ends_with(&render::markdown(&digest)));
/// # Ok::<(), paper_digest::Error>(())
/// ```
///
/// # Errors
///
/// Only those of `out`.
pub fn write(out: &mut (impl fmt::Write + ?Sized), digest: &Digest, format: Format) -> fmt::Result {
    let mut out = out;
    renderer(format)(&mut out, digest)
}

/// Renders the digest in `format` into any [`io::Write`]: a file, a socket,
/// standard output.
///
/// ```
/// use paper_digest::{render, Format};
///
/// let digest = paper_digest::parse("7 Papers & Radios | 标题\n论文 1：某论文\n")?;
/// let mut file = Vec::new();
/// render::write_io(&mut file, &digest, Format::Html)?;
/// assert_eq!(String::from_utf8(file).unwrap(), render::html(&digest));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// The first error `out` returned.
pub fn write_io(
    out: &mut (impl io::Write + ?Sized),
    digest: &Digest,
    format: Format,
) -> io::Result<()> {
    /// Carries `io::Write` errors through `fmt::Write`, which has none.
    struct Adapter<'a, W: io::Write + ?Sized> {
        inner: &'a mut W,
        error: Option<io::Error>,
    }
    impl<W: io::Write + ?Sized> fmt::Write for Adapter<'_, W> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.inner.write_all(s.as_bytes()).map_err(|e| {
                self.error = Some(e);
                fmt::Error
            })
        }
    }
    let mut adapter = Adapter {
        inner: out,
        error: None,
    };
    match renderer(format)(&mut adapter, digest) {
        Ok(()) => Ok(()),
        Err(fmt::Error) => Err(adapter
            .error
            .unwrap_or_else(|| io::Error::other("formatting failed"))),
    }
}

type Renderer = fn(&mut dyn fmt::Write, &Digest) -> fmt::Result;

fn renderer(format: Format) -> Renderer {
    match format {
        Format::Text => write_text,
        Format::Markdown => write_markdown,
        Format::Html => write_html,
    }
}

fn to_string(digest: &Digest, render: Renderer) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = render(&mut out, digest);
    out
}

/// Renders the digest as a plain-text page, one paragraph per line, with
/// half-width colons after markers, as text scrapes of the column read.
///
/// Plain text has no images: figures keep only their captions (see the
/// [module documentation](self) for what round-trips).
pub fn text(digest: &Digest) -> String {
    to_string(digest, write_text)
}

fn write_text(out: &mut dyn fmt::Write, digest: &Digest) -> fmt::Result {
    let colon = Style::Text.colon();
    for block in blocks(digest, Style::Text) {
        let line = match block {
            Block::Title(t) | Block::Summary(t) => one_line(t),
            Block::Para(p) | Block::Meta(p) => one_line(&p),
            Block::ContentsHeading => "目录".to_owned(),
            Block::Contents(n, entry) => format!("{n}. {}", one_line(entry)),
            Block::PaperHeading(n, title) => format!("论文 {n}{colon}{}", one_line(title)),
            Block::Link {
                label,
                url,
                text,
                password,
            } => {
                let mut line = format!(
                    "{}{colon}{}",
                    one_line(label),
                    one_line(url.or(text).unwrap_or(""))
                );
                if let Some(password) = password {
                    let _ = write!(line, " 密码{colon}{}", one_line(password));
                }
                line
            }
            Block::Image(_) => continue,
            Block::Caption(_, caption) => one_line(caption),
            Block::RadioHeading(heading) => format!("{}{colon}", one_line(heading)),
            Block::RadioEntry(entry, _) => format!("{}. {}", entry.number, entry_text(entry)),
        };
        out.write_str(&line)?;
        out.write_char('\n')?;
    }
    Ok(())
}

/// Renders the digest as a canonical Markdown page: a `# ` title, a `> `
/// intro, a numbered contents list under `## 目录`, `**论文 N：…**` headings,
/// metadata bullets, `[url](url)` links, `![](image)` images with
/// `*caption*` captions, and numbered radio lists under bold headings.
///
/// Text is escaped so that Markdown reads it back verbatim.
pub fn markdown(digest: &Digest) -> String {
    to_string(digest, write_markdown)
}

fn write_markdown(out: &mut dyn fmt::Write, digest: &Digest) -> fmt::Result {
    let colon = Style::Markup.colon();
    let mut first = true;
    let mut in_list = false;
    // The radio list being written and its delimiter: a list without heading
    // right after another list switches from `1.` to `1)`, which starts a new
    // Markdown list instead of continuing the previous one.
    let mut radio_list = None;
    let mut delimiter = '.';
    for block in blocks(digest, Style::Markup) {
        let is_item = matches!(
            block,
            Block::Contents(..) | Block::Meta(_) | Block::Link { .. } | Block::RadioEntry(..)
        );
        // Blank lines between blocks; list items of one list stay together.
        let continues = in_list && is_item;
        if !first && !continues {
            out.write_char('\n')?;
        }
        first = false;
        in_list = is_item;
        match block {
            Block::Title(t) => {
                writeln!(out, "# {}", md_escape(t))?;
            }
            Block::Para(p) => {
                writeln!(out, "{}", md_escape(&p))?;
            }
            Block::Summary(s) => {
                writeln!(out, "> {}", md_escape(s))?;
            }
            Block::ContentsHeading => out.write_str("## 目录\n")?,
            Block::Contents(n, entry) => {
                writeln!(out, "{n}. {}", md_escape(entry))?;
            }
            Block::PaperHeading(n, title) => {
                let heading = format!("论文 {n}{colon}{}", one_line(title));
                writeln!(out, "**{}**", md_escape(&heading))?;
            }
            Block::Meta(m) => {
                writeln!(out, "- {}", md_escape(&m))?;
            }
            Block::Link {
                label,
                url,
                text,
                password,
            } => {
                write!(out, "- {}{colon}", md_escape(label))?;
                if let Some(url) = url {
                    let url = one_line(url);
                    write!(out, "[{}](<{}>)", md_escape(&url), md_dest_escape(&url))?;
                } else if let Some(text) = text {
                    out.write_str(&md_escape(&one_line(text)))?;
                }
                if let Some(password) = password {
                    write!(out, " 密码{colon}{}", md_escape(password))?;
                }
                out.write_char('\n')?;
            }
            Block::Image(url) => {
                writeln!(out, "![](<{}>)", md_dest_escape(&one_line(url)))?;
            }
            Block::Caption(image, caption) => {
                if let Some(url) = image {
                    writeln!(out, "![](<{}>)\n", md_dest_escape(&one_line(url)))?;
                }
                writeln!(out, "*{}*", md_escape(caption))?;
            }
            Block::RadioHeading(heading) => {
                let heading = format!("{}{colon}", one_line(heading));
                writeln!(out, "**{}**", md_escape(&heading))?;
            }
            Block::RadioEntry(entry, list) => {
                if continues && radio_list.is_some_and(|l| l != list) {
                    delimiter = if delimiter == '.' { ')' } else { '.' };
                }
                radio_list = Some(list);
                writeln!(
                    out,
                    "{}{delimiter} {}",
                    entry.number,
                    md_escape(&entry_text(entry))
                )?;
            }
        }
    }
    Ok(())
}

/// Renders the digest as a canonical HTML page: one block element per line
/// inside `<article>` (`<h1>` title, `<p>` paragraphs, a `<blockquote>`
/// intro, `<a href>` links, `<figure>` with `<img>` and `<figcaption>`).
///
/// Text and attribute values are escaped (`&`, `<`, `>`, `"`).
pub fn html(digest: &Digest) -> String {
    to_string(digest, write_html)
}

fn write_html(out: &mut dyn fmt::Write, digest: &Digest) -> fmt::Result {
    let colon = Style::Markup.colon();
    out.write_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")?;
    if let Some(title) = &digest.issue.title {
        writeln!(out, "<title>{}</title>", html_escape(&one_line(title)))?;
    }
    out.write_str("</head>\n<body>\n<article>\n")?;
    for block in blocks(digest, Style::Markup) {
        match block {
            Block::Title(t) => {
                writeln!(out, "<h1>{}</h1>", html_escape(&one_line(t)))?;
            }
            Block::Para(p) | Block::Meta(p) => {
                writeln!(out, "<p>{}</p>", html_escape(&one_line(&p)))?;
            }
            Block::Summary(s) => {
                writeln!(
                    out,
                    "<blockquote><p>{}</p></blockquote>",
                    html_escape(&one_line(s))
                )?;
            }
            Block::ContentsHeading => out.write_str("<h2>目录</h2>\n")?,
            Block::Contents(n, entry) => {
                writeln!(out, "<p>{n}. {}</p>", html_escape(&one_line(entry)))?;
            }
            Block::PaperHeading(n, title) => {
                writeln!(
                    out,
                    "<h2>论文 {n}{colon}{}</h2>",
                    html_escape(&one_line(title))
                )?;
            }
            Block::Link {
                label,
                url,
                text,
                password,
            } => {
                write!(out, "<p>{}{colon}", html_escape(&one_line(label)))?;
                if let Some(url) = url {
                    let url = html_escape(&one_line(url));
                    write!(out, "<a href=\"{url}\">{url}</a>")?;
                } else if let Some(text) = text {
                    out.write_str(&html_escape(&one_line(text)))?;
                }
                if let Some(password) = password {
                    write!(out, " 密码{colon}{}", html_escape(&one_line(password)))?;
                }
                out.write_str("</p>\n")?;
            }
            Block::Image(url) => {
                writeln!(
                    out,
                    "<figure><img src=\"{}\" alt=\"\"></figure>",
                    html_escape(&one_line(url))
                )?;
            }
            Block::Caption(image, caption) => {
                out.write_str("<figure>")?;
                if let Some(url) = image {
                    write!(
                        out,
                        "<img src=\"{}\" alt=\"\">",
                        html_escape(&one_line(url))
                    )?;
                }
                writeln!(
                    out,
                    "<figcaption>{}</figcaption></figure>",
                    html_escape(&one_line(caption))
                )?;
            }
            Block::RadioHeading(heading) => {
                writeln!(out, "<p>{}{colon}</p>", html_escape(&one_line(heading)))?;
            }
            Block::RadioEntry(entry, _) => {
                writeln!(
                    out,
                    "<p>{}. {}</p>",
                    entry.number,
                    html_escape(&entry_text(entry))
                )?;
            }
        }
    }
    out.write_str("</article>\n</body>\n</html>\n")
}

/// Escapes text for HTML element content and double-quoted attribute values.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes one line of text so that Markdown reads it back verbatim: the
/// inline syntax characters everywhere, and at the start of the line any
/// ASCII punctuation (lists, quotes, headings, fences, rules) and the
/// delimiter of a leading number (`1.`, `1)`, an ordered list).
fn md_escape(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in s.char_indices() {
        let at_start = i == 0 && c.is_ascii_punctuation();
        let list_delimiter = digits > 0 && i == digits && matches!(c, '.' | ')');
        // `&` only matters where it could start an entity (`&amp;`, `&#38;`).
        let entity = c == '&'
            && s[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphanumeric() || n == '#');
        if at_start
            || list_delimiter
            || entity
            || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#')
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a link destination written in angle brackets (`<…>`).
fn md_dest_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping() {
        assert_eq!(
            html_escape(r#"a & b <c> "d" 'e'"#),
            "a &amp; b &lt;c&gt; &quot;d&quot; 'e'"
        );
    }

    #[test]
    fn io_errors_reach_the_caller() {
        struct Full(usize);
        impl io::Write for Full {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(io::Error::new(io::ErrorKind::StorageFull, "full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let digest = crate::parse("7 Papers & Radios | 标题\n论文 1：某论文\n").unwrap();
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let err = write_io(&mut Full(10), &digest, format).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::StorageFull);
            let mut all = Vec::new();
            write_io(&mut all, &digest, format).unwrap();
            assert!(write_io(&mut Full(all.len()), &digest, format).is_ok());
        }
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(md_escape("- a"), "\\- a");
        assert_eq!(md_escape("12. a"), "12\\. a");
        assert_eq!(md_escape("1.5 亿"), "1\\.5 亿");
        assert_eq!(
            md_escape("a *b* [c](d) `e` <f> &amp; # & b"),
            "a \\*b\\* \\[c\\](d) \\`e\\` \\<f\\> \\&amp; \\# & b"
        );
        assert_eq!(md_escape("a\nb"), "a b");
        assert_eq!(md_dest_escape("https://a.com/<x>"), "https://a.com/\\<x\\>");
    }
}
