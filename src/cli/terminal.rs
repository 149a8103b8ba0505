//! The `text` format: the whole digest, for a person at a terminal.
//!
//! Titles are cut to a column width by grapheme cluster
//! (`unicode-segmentation`), each cluster measured in terminal columns
//! (`unicode-width`: a CJK character takes two), so a table of Chinese and
//! English titles lines up and no cut splits a character, an emoji sequence
//! or a combining mark.

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::Digest;

/// The widest a radio list's title column gets, in terminal columns (a
/// longer title is written whole, past the column).
pub const TITLE_COLUMNS: usize = 72;

/// `s` with every character a terminal would act on shown as its Rust
/// escape instead: the C0 controls but tab (a newline too: every field
/// written is one line), DEL and the C1 controls, so that an escape
/// sequence (a screen clear, an OSC window title or hyperlink, a bell) in
/// a page or a file name is printed, never run. Every piece of page text or
/// input label written to a terminal goes through it: the `text` format and
/// the errors on stderr.
///
/// ```
/// use paper_digest::cli::terminal::printable;
///
/// assert_eq!(printable("\u{1b}]0;title\u{7}ok"), "\\u{1b}]0;title\\u{7}ok");
/// assert_eq!(printable("two\nlines\tand\u{9b}"), "two\\nlines\tand\\u{9b}");
/// assert_eq!(printable("谷歌 PaLM"), "谷歌 PaLM");
/// ```
pub fn printable(s: &str) -> Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\t';
    if !s.chars().any(acts) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if acts(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The terminal columns `s` takes.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    // A cluster is as wide as its widest character (a base and its
    // combining marks, an emoji and its modifiers): never 0 for a visible
    // base, never the sum of its parts.
    g.chars()
        .map(|c| UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str))
        .max()
        .unwrap_or(0)
}

/// `s` cut to at most `columns` terminal columns at a grapheme boundary,
/// with `…` where it was cut.
///
/// ```
/// use paper_digest::cli::terminal::truncate;
///
/// assert_eq!(truncate("谷歌用Pathways训练", 10), "谷歌用Pat…");
/// assert_eq!(truncate("short", 10), "short");
/// assert_eq!(truncate("e\u{301}te\u{301}s", 3), "e\u{301}t…");
/// ```
pub fn truncate(s: &str, columns: usize) -> String {
    if width(s) <= columns {
        return s.to_owned();
    }
    let budget = columns.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// `s` cut to `columns` and padded with spaces to exactly that width.
pub fn fit(s: &str, columns: usize) -> String {
    let cut = truncate(s, columns);
    let pad = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// Writes the whole digest as a person reads it: the title, date, source,
/// contributors and headlines, the intro, the contents, every paper (its
/// authors, links with passwords and arXiv ids, abstract paragraphs,
/// figure captions and recommendation), the radio lists in aligned columns,
/// what was stripped and the warnings. Every piece of page text goes
/// through [`printable`]; `color` adds ANSI styles.
///
/// # Errors
///
/// Writing failed.
pub fn write_digest(out: &mut dyn Write, d: &Digest, color: bool) -> io::Result<()> {
    let style = |s: Style| if color { s } else { Style::new() };
    let title = style(Style::new().bold());
    let dim = style(Style::new().dimmed());
    let warn = style(AnsiColor::Yellow.on_default());
    let issue = &d.issue;
    let name = printable(issue.title.as_deref().unwrap_or("(untitled)"));
    writeln!(out, "{title}{name}{title:#}")?;
    if let Some(date) = &issue.date {
        writeln!(out, "date: {date}")?;
    }
    if let Some(source) = &issue.source {
        writeln!(out, "source: {}", printable(source))?;
    }
    if !issue.contributors.is_empty() {
        writeln!(
            out,
            "contributors: {}",
            printable(&issue.contributors.join(", "))
        )?;
    }
    for h in &issue.headlines {
        writeln!(out, "  * {}", printable(h))?;
    }
    if let Some(summary) = &issue.summary {
        writeln!(out)?;
        for paragraph in summary.lines() {
            writeln!(out, "{}", printable(paragraph))?;
        }
    }
    if !issue.contents.is_empty() {
        writeln!(out, "\n{title}contents{title:#}")?;
        for (i, entry) in issue.contents.iter().enumerate() {
            writeln!(out, "  {:>2}. {}", i + 1, printable(entry))?;
        }
    }
    for p in &d.papers {
        write_paper(out, p, title, dim)?;
    }
    for r in &d.radio {
        let category = r.category.map_or("radio", |c| c.as_str());
        let heading = printable(r.heading.as_deref().unwrap_or("(no heading)"));
        let entries = r.entries.len();
        let entries = if entries == 1 {
            "1 entry".to_owned()
        } else {
            format!("{entries} entries")
        };
        writeln!(out, "\n{title}{category}: {heading}{title:#}, {entries}")?;
        let columns = r
            .entries
            .iter()
            .map(|e| width(&printable(&e.title)))
            .max()
            .unwrap_or(0)
            .min(TITLE_COLUMNS);
        for e in &r.entries {
            // Titles are padded to line up, never cut: one longer than
            // the column pushes its names along.
            let title = printable(&e.title);
            let pad = columns.saturating_sub(width(&title));
            writeln!(
                out,
                "    {:>2}. {title}{}  {dim}{}{dim:#}",
                e.number,
                " ".repeat(pad),
                printable(&e.from.join(", "))
            )?;
        }
    }
    let s = &d.stripped;
    writeln!(
        out,
        "\n{dim}stripped: {} boilerplate line(s), {} ad(s), {} trending item(s){dim:#}",
        s.boilerplate.len(),
        s.ads.len(),
        s.trending.len()
    )?;
    for w in &d.warnings {
        let line = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        writeln!(
            out,
            "{warn}warning{warn:#}: {line}{} ({})",
            printable(&w.message),
            w.code
        )?;
    }
    Ok(())
}

/// One featured paper of [`write_digest`].
fn write_paper(out: &mut dyn Write, p: &crate::Paper, title: Style, dim: Style) -> io::Result<()> {
    // Every field named: a new one fails to compile here until it is
    // written (or said not to be).
    let crate::Paper {
        number,
        title: name,
        authors,
        et_al,
        links,
        abstract_text,
        figures,
        recommendation,
        heading_title,
    } = p;
    writeln!(out, "\n{title}[{}] {}{title:#}", number, printable(name))?;
    if let Some(heading) = heading_title {
        writeln!(
            out,
            "    {dim}heading as written: {}{dim:#}",
            printable(heading)
        )?;
    }
    if !authors.is_empty() {
        let et_al = if *et_al { " et al." } else { "" };
        writeln!(
            out,
            "    authors: {}{et_al}",
            printable(&authors.join(", "))
        )?;
    }
    for l in links {
        let id = l
            .arxiv_id
            .as_deref()
            .map(|i| format!(" (arXiv {})", printable(i)))
            .unwrap_or_default();
        let password = l
            .password
            .as_deref()
            .map(|pw| format!(", password: {}", printable(pw)))
            .unwrap_or_default();
        let target = l.url.as_deref().or(l.text.as_deref()).unwrap_or("-");
        writeln!(
            out,
            "    {} {dim}[{}]{dim:#}: {}{id}{password}",
            printable(&l.label),
            l.kind,
            printable(target)
        )?;
    }
    if let Some(a) = abstract_text {
        writeln!(out)?;
        for paragraph in a.lines() {
            writeln!(out, "    {}", printable(paragraph))?;
        }
    }
    for f in figures {
        let caption = f.caption.as_deref().unwrap_or("(no caption)");
        let image = f
            .image
            .as_deref()
            .map(|i| format!(" {dim}<{}>{dim:#}", printable(i)))
            .unwrap_or_default();
        writeln!(out, "    figure: {}{image}", printable(caption))?;
    }
    if let Some(r) = recommendation {
        writeln!(out, "\n    recommendation: {}", printable(r))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_two_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("谷歌"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("👍🏽"), 2);
    }

    #[test]
    fn cuts_fall_on_grapheme_boundaries() {
        assert_eq!(truncate("谷歌训练大模型", 7), "谷歌训…");
        assert_eq!(width(&truncate("谷歌训练大模型", 7)), 7);
        // An emoji with a skin-tone modifier is never split.
        assert_eq!(truncate("ab👍🏽cd", 4), "ab…");
        assert_eq!(fit("谷歌", 6), "谷歌  ");
        assert_eq!(fit("", 0), "");
    }

    #[test]
    fn radio_titles_line_up() {
        let digest = crate::parse(
            "7 Papers & Radios | 标题\n本周 10 篇 NLP 精选论文是:\n\
1. 中文标题的论文. (from 张三)\n2. An English Title. (from Max Welling)\n",
        )
        .unwrap();
        let mut out = Vec::new();
        write_digest(&mut out, &digest, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("     ")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        let from_column = |row: &str| width(&row[..row.rfind("  ").unwrap()]);
        assert_eq!(from_column(rows[0]), from_column(rows[1]), "{text}");
    }
}
