//! Plain text: one logical line per input line.

use super::{Document, Line};
use crate::text::trim;

/// Splits plain text into logical lines (`\n`, `\r\n` or a lone `\r`),
/// trimmed, blank lines omitted, numbered from 1 as in the input.
pub(crate) fn read(input: &str) -> Document<'_> {
    // About one line per 128 bytes or fewer (a digest has one per 70 to
    // 150): room for them up front instead of a doubling every few lines.
    let mut lines = Vec::with_capacity(input.len() / 128 + 8);
    for (i, (_, raw)) in source_lines(input).enumerate() {
        push(&mut lines, raw, i + 1);
    }
    Document {
        cut: None,
        lines,
        meta: Default::default(),
    }
}

/// The lines of `s` with the byte offset each starts at, line ends
/// excluded: `\n`, `\r\n` and a lone `\r` (old Mac files) each end one line,
/// as CommonMark and HTML count them. Every source line number (plain text,
/// Markdown) is an index into these lines, so a page numbers its lines the
/// same whatever its line ends.
pub(crate) fn source_lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = s.as_bytes();
    let mut at = Some(0);
    std::iter::from_fn(move || {
        let start = at?;
        match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) => {
                let end = start + i;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                at = Some(end + 1 + usize::from(crlf));
                Some((start, &s[start..end]))
            }
            None => {
                at = None;
                Some((start, &s[start..]))
            }
        }
    })
}

fn push<'a>(lines: &mut Vec<Line<'a>>, raw: &'a str, lineno: usize) {
    let text = trim(raw);
    if !text.is_empty() {
        lines.push(Line::plain(text, lineno));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_blank_lines() {
        let doc = read("a\r\n\r\n  b\u{3000}\r\nc");
        let got: Vec<_> = doc
            .lines
            .iter()
            .map(|l| (l.text.as_ref(), l.lineno))
            .collect();
        assert_eq!(got, vec![("a", 1), ("b", 3), ("c", 4)]);
    }

    /// Issue 22: a lone `\r` ends a line like `\n` and `\r\n`, mixed or not.
    #[test]
    fn every_line_end_counts_once() {
        for end in ["\n", "\r\n", "\r"] {
            let page = ["a", "", "b", "c"].join(end);
            let doc = read(&page);
            let got: Vec<_> = doc
                .lines
                .iter()
                .map(|l| (l.text.as_ref(), l.lineno))
                .collect();
            assert_eq!(got, vec![("a", 1), ("b", 3), ("c", 4)], "{end:?}");
        }
        let got: Vec<_> = source_lines("a\r\nb\rc\n\rd\r").collect();
        assert_eq!(
            got,
            [(0, "a"), (3, "b"), (5, "c"), (7, ""), (8, "d"), (10, "")]
        );
    }

    #[test]
    fn invisible_characters_are_trimmed() {
        let doc = read("\u{FEFF}\u{200B}title\u{200B}");
        assert_eq!(doc.lines[0].text, "title");
    }
}
