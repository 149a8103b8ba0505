//! The `text` format: a summary of a digest for a person at a terminal.
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

/// The widest a title column gets, in terminal columns.
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
/// use paper_digest::cli::text::printable;
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
/// use paper_digest::cli::text::truncate;
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

/// Writes a readable summary of a digest; `color` adds ANSI styles.
///
/// # Errors
///
/// Writing failed.
pub fn write_summary(out: &mut dyn Write, d: &Digest, color: bool) -> io::Result<()> {
    let style = |s: Style| if color { s } else { Style::new() };
    let title = style(Style::new().bold());
    let dim = style(Style::new().dimmed());
    let warn = style(AnsiColor::Yellow.on_default());
    let issue = &d.issue;
    let name = printable(issue.title.as_deref().unwrap_or("(untitled)"));
    writeln!(out, "{title}{name}{title:#}")?;
    if let Some(date) = &issue.date {
        writeln!(out, "date: {}", printable(date))?;
    }
    if let Some(source) = &issue.source {
        writeln!(out, "source: {}", printable(source))?;
    }
    for h in &issue.headlines {
        writeln!(out, "  * {}", printable(h))?;
    }
    for p in &d.papers {
        writeln!(
            out,
            "\n{title}[{}] {}{title:#}",
            p.number,
            printable(&p.title)
        )?;
        if !p.authors.is_empty() {
            let et_al = if p.et_al { " et al." } else { "" };
            writeln!(
                out,
                "    authors: {}{et_al}",
                printable(&p.authors.join(", "))
            )?;
        }
        for l in &p.links {
            let id = l
                .arxiv_id
                .as_deref()
                .map(|i| format!(" (arXiv {})", printable(i)))
                .unwrap_or_default();
            writeln!(
                out,
                "    {} {dim}[{}]{dim:#}: {}{id}",
                printable(&l.label),
                l.kind,
                printable(l.url.as_deref().unwrap_or("-"))
            )?;
        }
        if let Some(a) = &p.abstract_text {
            writeln!(
                out,
                "    abstract: {} characters, {} paragraph(s)",
                a.chars().count(),
                a.lines().count()
            )?;
        }
        if !p.figures.is_empty() {
            writeln!(out, "    figures: {}", p.figures.len())?;
        }
        if let Some(r) = &p.recommendation {
            writeln!(out, "    recommendation: {}", printable(r))?;
        }
    }
    for r in &d.radio {
        let category = r.category.map_or("?", |c| c.as_str());
        let heading = printable(r.heading.as_deref().unwrap_or("(no heading)"));
        writeln!(
            out,
            "\n{title}{category}: {heading}{title:#}, {} entries",
            r.entries.len()
        )?;
        let columns = r
            .entries
            .iter()
            .map(|e| width(&printable(&e.title)))
            .max()
            .unwrap_or(0)
            .min(TITLE_COLUMNS);
        for e in &r.entries {
            writeln!(
                out,
                "    {:>2}. {}  {dim}{}{dim:#}",
                e.number,
                fit(&printable(&e.title), columns),
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
        write_summary(&mut out, &digest, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("     ")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        let from_column = |row: &str| width(&row[..row.rfind("  ").unwrap()]);
        assert_eq!(from_column(rows[0]), from_column(rows[1]), "{text}");
    }
}
