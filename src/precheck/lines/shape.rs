//! The shapes of a candidate line, decided by the grammar's own functions
//! on its start: a paper heading, an author line or link label, a contents
//! heading, and whether a line's start can still become one.

use crate::grammar::{self, LineKind};
use crate::text::{is_trim_char, trim};
use crate::vocabulary::{self, Label};

/// How many bytes of a candidate line (white space runs made one space)
/// decide its shape: a link label has at most 12 characters besides white
/// space before its colon, a heading's alias, number and separator are
/// shorter, and a heading's title needs one character.
pub(crate) const CAP: usize = 128;

/// How many bytes of a paper heading the scan keeps, for the message.
pub(super) const TITLE_CAP: usize = 4 * CAP;

/// The paper heading that a line starts with: its number and title.
pub(super) fn heading(s: &str) -> Option<(u32, &str)> {
    match vocabulary::leading_label(s) {
        Some((Label::Paper, rest)) => match grammar::numbered_heading(rest) {
            Some(LineKind::PaperHeading { number, title }) => Some((number, title)),
            _ => None,
        },
        _ => None,
    }
}

/// Is `s` the start of an author line (`作者：`) or a link label
/// (`论文链接：`, `Code:`), as the grammar reads them?
pub(super) fn label(s: &str) -> bool {
    let authors = matches!(
        vocabulary::leading_label(s),
        Some((Label::Authors, rest)) if rest.trim_start().starts_with(grammar::is_colon)
    );
    authors || grammar::split_label(s, 12).is_some_and(|(l, _)| grammar::is_link_label(l))
}

/// Is `s` a contents heading (`目录`, alone on its line but for colons)?
pub(super) fn contents(s: &str) -> bool {
    matches!(
        vocabulary::leading_label(s),
        Some((Label::Contents, rest))
            if trim(rest).chars().all(|c| grammar::is_colon(c) || c.is_whitespace())
    )
}

/// What the start of a line is: a paper heading (number and title), an
/// author line or link label, a contents heading.
pub(super) struct Shape<'a> {
    pub(super) heading: Option<(u32, &'a str)>,
    pub(super) label: bool,
    pub(super) contents: bool,
}

/// The line as the grammar reads it: trimmed, its bullet removed.
pub(super) fn body(line: &str) -> &str {
    grammar::strip_bullet(trim(line))
}

/// The shape of `line` (or of the part of it read so far: every shape that
/// a part has, the whole line has).
pub(super) fn judge(line: &str) -> Shape<'_> {
    let s = body(line);
    // The grammar reads a heading first: `Paper 1: Title` is no link label.
    let heading = heading(s);
    Shape {
        heading,
        label: heading.is_none() && label(s),
        contents: contents(s),
    }
}

/// Is `line` still at its start: nothing read but white space and at most
/// one bullet (which the grammar removes)?
pub(super) fn at_start(line: &str) -> bool {
    let t = trim(line);
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (None, _) => true,
        (Some(c), None) => {
            // The bullet as the grammar reads one: before white space.
            let mut buf = [0u8; 8];
            let n = c.encode_utf8(&mut buf).len();
            buf[n] = b' ';
            buf[n + 1] = b'x';
            std::str::from_utf8(&buf[..n + 2]).is_ok_and(|s| grammar::strip_bullet(s) == "x")
        }
        _ => false,
    }
}

/// Is `s` (a line's body) a proper prefix, ASCII case aside, of an alias of
/// `label`?
pub(super) fn prefix_of_alias(s: &str, label: Label) -> bool {
    vocabulary::aliases(label)
        .any(|a| a.len() > s.len() && a.get(..s.len()).is_some_and(|h| h.eq_ignore_ascii_case(s)))
}

/// Can some text after `s` (a line's body) make it a paper heading?
pub(super) fn heading_viable(s: &str) -> bool {
    if s.is_empty() || prefix_of_alias(s, Label::Paper) {
        return true;
    }
    if !starts_with_alias(s, Label::Paper) {
        return false;
    }
    let Some((Label::Paper, rest)) = vocabulary::leading_label(s) else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return rest.is_empty();
    }
    if digits > 9 {
        return false;
    }
    match rest[digits..].trim_start().chars().next() {
        None => true,
        Some(c) => grammar::is_colon(c) || matches!(c, '.' | '．' | '、'),
    }
}

/// Can some text after `s` (a line's body) make it an author line or a
/// link label? Yes while no colon is written and at most 12 characters
/// besides white space (the most a label may have) are.
pub(super) fn label_viable(s: &str) -> bool {
    !s.contains(grammar::is_colon) && s.chars().filter(|c| !c.is_whitespace()).count() <= 12
}

/// Does `s` start with an alias of `label`, ASCII case aside? (A quick
/// test before the vocabulary's automaton.)
pub(super) fn starts_with_alias(s: &str, label: Label) -> bool {
    vocabulary::aliases(label).any(|a| s.get(..a.len()).is_some_and(|h| h.eq_ignore_ascii_case(a)))
}

/// Can some text after `s` (a line's body) make it a contents heading?
pub(super) fn contents_viable(s: &str) -> bool {
    prefix_of_alias(s, Label::Contents) || (starts_with_alias(s, Label::Contents) && contents(s))
}

/// Can a line that starts with `run` (all the rest of a text run, no
/// character reference or line feed read yet) not be any of the shapes,
/// whatever follows the run? So when it starts with no part of an alias of
/// the paper label or the contents heading and no bullet, and more than 13 characters
/// besides white space (the most a label may have before its colon, and a
/// bullet) come before any colon, character reference, NUL or line feed in
/// the run.
pub(super) fn hopeless(run: &str) -> bool {
    let mut chars = run.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if is_trim_char(first)
        || first == '\0'
        || at_start(&run[..first.len_utf8()])
        || [Label::Paper, Label::Contents].into_iter().any(|label| {
            vocabulary::aliases(label).any(|a| {
                let n = a.len().min(run.len());
                a.as_bytes()[..n].eq_ignore_ascii_case(&run.as_bytes()[..n])
            })
        })
    {
        return false;
    }
    let mut visible = 1;
    for c in chars {
        // A NUL, which an HTML page's parse drops, may stand between the
        // characters of an alias.
        if grammar::is_colon(c) || c == '&' || c == '\n' || c == '\0' {
            return false;
        }
        if !is_trim_char(c) {
            visible += 1;
            if visible > 13 {
                return true;
            }
        }
    }
    false
}
