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
        _ => trim_end(trim_start(s)),
    }
}

/// Does `s` hold at most `n` characters? Counted only when its length
/// leaves it open: `n` bytes or fewer hold at most `n` characters, more than
/// `4 n` bytes more than `n`.
pub(crate) fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= n.saturating_mul(4) && s.chars().count() <= n)
}

/// Can a character that starts with byte `lead` be one [`is_trim_char`]
/// holds? The non-ASCII ones start with `C2` (U+0085, U+00A0), `E1`
/// (U+1680), `E2` (U+2000 to U+206F), `E3` (U+3000) or `EF` (U+FEFF); CJK
/// text starts and ends with other bytes, and is not decoded.
fn may_lead_trim_char(lead: u8) -> bool {
    matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// ASCII white space as [`char::is_whitespace`] has it (tab to carriage
/// return, space), the only ASCII characters [`is_trim_char`] holds.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s.trim_start_matches(is_trim_char)`, a byte at a time over ASCII.
fn trim_start(mut s: &str) -> &str {
    loop {
        match s.as_bytes().first() {
            Some(&b) if b < 0x80 => {
                if !is_ascii_space(b) {
                    return s;
                }
                s = &s[1..];
            }
            Some(&b) if !may_lead_trim_char(b) => return s,
            Some(_) => match s.chars().next() {
                Some(c) if is_trim_char(c) => s = &s[c.len_utf8()..],
                _ => return s,
            },
            None => return s,
        }
    }
}

/// `s.trim_end_matches(is_trim_char)`, a byte at a time over ASCII.
fn trim_end(mut s: &str) -> &str {
    loop {
        match s.as_bytes().last() {
            Some(&b) if b < 0x80 => {
                if !is_ascii_space(b) {
                    return s;
                }
                s = &s[..s.len() - 1];
            }
            Some(_)
                if !s.as_bytes()[s.len().saturating_sub(4)..]
                    .iter()
                    .rev()
                    .find(|&&b| b & 0xC0 != 0x80)
                    .is_some_and(|&lead| may_lead_trim_char(lead)) =>
            {
                return s;
            }
            Some(_) => match s.chars().next_back() {
                Some(c) if is_trim_char(c) => s = &s[..s.len() - c.len_utf8()],
                _ => return s,
            },
            None => return s,
        }
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
    find_ascii_ci_bytes(haystack.as_bytes(), needle.as_bytes())
}

/// [`find_ascii_ci`] over bytes (a slice of a line need not end on a
/// character boundary).
pub(crate) fn find_ascii_ci_bytes(h: &[u8], n: &[u8]) -> Option<usize> {
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

/// A set of words matched at the start of a text, by a table of the words
/// keyed by their first byte: a text costs one look-up and, per word that
/// shares its first byte, a compare of four bytes at once (the rest of the
/// word only when those agree), where an anchored automaton costs a search
/// set up per call. Built once from the vocabulary's tables.
pub(crate) struct Prefixes<T> {
    /// Per first byte: the words, longest first, so that the first that
    /// matches is the longest.
    buckets: Vec<Vec<Word<T>>>,
    /// Whether ASCII letters match either case.
    ascii_ci: bool,
}

/// One word of a [`Prefixes`] table.
struct Word<T> {
    /// The word's first four bytes (fewer when it is shorter), ASCII
    /// lowercased when the table ignores case, little-endian.
    head: u32,
    /// The bits of `head` the word has.
    mask: u32,
    bytes: &'static [u8],
    value: T,
}

/// The first four bytes of `b` (zero past its end), little-endian, ASCII
/// lowercased with `lower`.
fn head4(b: &[u8], lower: bool) -> u32 {
    let mut word = [0u8; 4];
    let n = b.len().min(4);
    word[..n].copy_from_slice(&b[..n]);
    if lower {
        word.make_ascii_lowercase();
    }
    u32::from_le_bytes(word)
}

impl<T: Copy> Prefixes<T> {
    /// The table of `words`, matched exactly or ASCII case-insensitively.
    /// Empty words are left out (they would match everywhere).
    pub(crate) fn new(words: impl IntoIterator<Item = (&'static str, T)>, ascii_ci: bool) -> Self {
        let mut buckets: Vec<Vec<Word<T>>> = (0..256).map(|_| Vec::new()).collect();
        for (word, value) in words {
            let bytes = word.as_bytes();
            let Some(&first) = bytes.first() else {
                continue;
            };
            let keys = if ascii_ci && first.is_ascii_alphabetic() {
                vec![first.to_ascii_lowercase(), first.to_ascii_uppercase()]
            } else {
                vec![first]
            };
            let n = bytes.len().min(4);
            for key in keys {
                buckets[usize::from(key)].push(Word {
                    head: head4(bytes, ascii_ci),
                    mask: u32::from_le_bytes([0, 1, 2, 3].map(|i| if i < n { 0xff } else { 0 })),
                    bytes,
                    value,
                });
            }
        }
        for bucket in &mut buckets {
            // Stable: words of one length keep their order.
            bucket.sort_by_key(|w| std::cmp::Reverse(w.bytes.len()));
        }
        Prefixes { buckets, ascii_ci }
    }

    /// The longest word `s` starts with: its length in bytes and its value.
    pub(crate) fn longest(&self, s: &str) -> Option<(usize, T)> {
        let b = s.as_bytes();
        let bucket = &self.buckets[usize::from(*b.first()?)];
        if bucket.is_empty() {
            return None;
        }
        let head = head4(b, self.ascii_ci);
        bucket
            .iter()
            .find(|w| {
                head & w.mask == w.head
                    && b.get(..w.bytes.len()).is_some_and(|h| {
                        if self.ascii_ci {
                            h.eq_ignore_ascii_case(w.bytes)
                        } else {
                            h == w.bytes
                        }
                    })
            })
            .map(|w| (w.bytes.len(), w.value))
    }
}

/// `text` whole up to `max` characters, else its first `max` characters
/// (cut at a character boundary) and `…`.
pub(crate) fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-wise trim agrees with trimming [`is_trim_char`] from both ends.
    #[test]
    fn trim_agrees_with_trim_matches() {
        let pieces = [
            "", " ", "\t", "\u{b}", "\r\n", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{a0}", "\u{85}",
            "\u{2060}", "a", "甲", "。", "x y", "\u{1c}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(trim(&s), s.trim_matches(is_trim_char), "{s:?}");
                }
            }
        }
    }

    /// The byte-wise trim is [`is_trim_char`], character by character:
    /// each one before and after a letter.
    #[test]
    fn trim_is_the_rule_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let before = format!("{c}a");
            let after = format!("a{c}");
            assert_eq!(trim(&before), before.trim_matches(is_trim_char), "{c:?}");
            assert_eq!(trim(&after), after.trim_matches(is_trim_char), "{c:?}");
        }
    }

    /// The search finds the first match, as a scan of every start does.
    #[test]
    fn find_ascii_ci_finds_the_first_match() {
        let naive = |h: &str, n: &str| {
            (!n.is_empty())
                .then(|| {
                    (0..=h.len().checked_sub(n.len())?)
                        .find(|&i| h.as_bytes()[i..i + n.len()].eq_ignore_ascii_case(n.as_bytes()))
                })
                .flatten()
        };
        for h in [
            "",
            "r",
            "RadioStation",
            "ArXiv Weekly Radiostation：NLP",
            "radiostatio",
            "dddradiostationradiostation",
            "arxiv.org/abs/x ARXIV",
            "7 Papers & Radios",
            "papers",
            "论文 papers",
            "xx",
        ] {
            for n in [
                "radiostation",
                "arxiv",
                "papers",
                "radio",
                "radios",
                "x",
                "7 p",
                "",
            ] {
                assert_eq!(find_ascii_ci(h, n), naive(h, n), "{h:?} {n:?}");
            }
        }
    }

    #[test]
    fn characters_are_counted_only_when_the_length_leaves_it_open() {
        for s in ["", "abc", "甲乙丙", "甲乙丙丁", "𝐀𝐁", "a甲"] {
            for n in 0..6 {
                assert_eq!(chars_at_most(s, n), s.chars().count() <= n, "{s:?} {n}");
            }
        }
    }

    /// The table finds what an anchored leftmost-longest automaton finds.
    #[test]
    fn prefixes_find_the_longest_word() {
        let words = [
            "Author",
            "Authors",
            "论文",
            "論文",
            "提取码",
            "提",
            "a",
            "abcde",
        ];
        for ci in [false, true] {
            let table = Prefixes::new(words.iter().map(|w| (*w, *w)), ci);
            let ac = aho_corasick::AhoCorasick::builder()
                .start_kind(aho_corasick::StartKind::Anchored)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .ascii_case_insensitive(ci)
                .build(words)
                .expect("automaton");
            for text in [
                "",
                "A",
                "a",
                "Author",
                "AUTHORS:",
                "authorsx",
                "Autho",
                "论文 1",
                "论",
                "提取码：x",
                "提取",
                "ABCDE",
                "abcd",
                "xa",
                "論文",
            ] {
                let want = ac
                    .find(aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes))
                    .map(|m| (m.end(), words[m.pattern().as_usize()]));
                assert_eq!(table.longest(text), want, "{text:?} ci={ci}");
            }
        }
    }
}
