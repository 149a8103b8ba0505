//! Small text scanners every stage shares: trimming, ASCII case-insensitive
//! search, leading numbers. Pure functions of a `&str`, no grammar.

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
    // Fast path: most lines start and end with a visible ASCII character.
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim_matches(is_trim_char),
    }
}

/// Parses a run of ASCII digits at the start of `s`, returning the number and the rest.
pub(crate) fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    if end == 0 || end > 9 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// ASCII case-insensitive substring search for an ASCII `needle`.
///
/// `memchr2` finds the candidates for the needle's first byte in either case,
/// so a line without them costs one vectorized scan.
pub(crate) fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    let (&first, rest) = n.split_first()?;
    if h.len() < n.len() {
        return None;
    }
    let last_start = h.len() - n.len();
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &h[..=last_start],
    )
    .find(|&i| h[i + 1..i + n.len()].eq_ignore_ascii_case(rest))
}
