//! Plain text: one logical line per input line.

use super::{Document, Line};
use crate::text::trim;

/// Splits plain text into logical lines (`\n`, `\r\n` or a lone `\r`),
/// trimmed, blank lines omitted, numbered from 1 as in the input.
pub(crate) fn read(input: &str) -> Document<'_> {
    let mut lines = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        // A lone `\r` (old Mac line ends) also separates lines; it keeps the
        // line numbering of the `\n` split, which is what editors show for CRLF.
        if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
            for part in raw.split('\r') {
                push(&mut lines, part, i + 1);
            }
        } else {
            push(&mut lines, raw, i + 1);
        }
    }
    Document {
        cut: None,
        lines,
        meta: Default::default(),
    }
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

    #[test]
    fn invisible_characters_are_trimmed() {
        let doc = read("\u{FEFF}\u{200B}title\u{200B}");
        assert_eq!(doc.lines[0].text, "title");
    }
}
