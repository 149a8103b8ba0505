//! Plain text: one logical line per input line.

use super::{Document, Line};

/// Characters trimmed from both ends of every line: Unicode white space plus
/// the invisible characters scrapes carry (zero-width space, BOM, word joiner).
pub(crate) fn is_trim_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Trims white space and invisible characters from both ends.
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(is_trim_char)
}

/// Splits plain text into logical lines (`\n`, `\r\n` or a lone `\r`),
/// trimmed, blank lines omitted, numbered from 1 as in the input.
pub(crate) fn lines(input: &str) -> Document<'_> {
    let mut lines = Vec::with_capacity(input.len() / 64 + 1);
    for (i, raw) in input.split('\n').enumerate() {
        // A lone `\r` (old Mac line ends) also separates lines; it keeps the
        // line numbering of the `\n` split, which is what editors show for CRLF.
        for part in raw.split('\r') {
            let text = trim(part);
            if !text.is_empty() {
                lines.push(Line::plain(text, i + 1));
            }
        }
    }
    Document {
        lines,
        meta: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_blank_lines() {
        let doc = lines("a\r\n\r\n  b\u{3000}\r\nc");
        let got: Vec<_> = doc
            .lines
            .iter()
            .map(|l| (l.text.as_ref(), l.lineno))
            .collect();
        assert_eq!(got, vec![("a", 1), ("b", 3), ("c", 4)]);
    }

    #[test]
    fn invisible_characters_are_trimmed() {
        let doc = lines("\u{FEFF}\u{200B}title\u{200B}");
        assert_eq!(doc.lines[0].text, "title");
    }
}
