//! The parsers of a field's value, once the line grammar has said which
//! field a line is: the names of an author line, a URL in a link line, an
//! arXiv identifier, a download password.

use super::is_colon;
use crate::text::{find_ascii_ci, trim};
use crate::vocabulary::{self, Label};

/// Splits a name list (`A 、 B 等`, `A, B and C`, `Cui2,∗, Che1`) into names
/// and whether it ended with `等` / `et al.`.
///
/// Affiliation marks are removed, and nothing else: every other character
/// is kept as written, and an entry that is no name (`123`) is kept too
/// (the caller warns of it, see [`is_plausible_name`]). The marks are
/// - a trailing run of mark characters (`*` `∗` `†` `‡` `§` `¶` `#` `♯`,
///   superscript digits), always;
/// - trailing ASCII digits right after a word of at least two letters that
///   ends in a lowercase (or caseless, as Chinese) letter, when the entry has
///   other words (`Ting Liu1`), a mark follows the digits (`Smith1†`), or a
///   comma and a mark or digit follow without a space (`Cui2,∗`,
///   `Smith1,3`). So `Team42` and `R2D2` keep their digits (a one-word name,
///   a word whose letters and digits interleave);
/// - an entry of nothing but marks, and an entry of nothing but digits and
///   marks right after an entry that had marks (the `3` of `Smith1,3`).
pub(crate) fn split_names(s: &str) -> (Vec<String>, bool) {
    let mut s = trim(s);
    let mut et_al = false;
    for suffix in vocabulary::ET_AL {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = trim(rest);
            et_al = true;
            break;
        }
    }
    let s = s.trim_end_matches(NAME_SEPARATORS);
    // Entries with the separator before each (`None` for the first).
    let mut entries = name_entries(s).peekable();
    let mut names = Vec::new();
    // Whether the entry before had affiliation marks (so `,3` continues them).
    let mut marked = false;
    while let Some((before, entry)) = entries.next() {
        // A mark or digit list glued to this entry by a comma: `Cui2,∗`.
        let glued = entries.peek().is_some_and(|&(sep, next)| {
            sep == Some(',')
                && next.starts_with(|c: char| c.is_ascii_digit() || is_mark(c))
                && next
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || is_mark(c))
        });
        for name in split_and(entry) {
            let name = trim(name);
            if name.is_empty() {
                continue;
            }
            if name.chars().all(is_mark)
                || (marked
                    && before == Some(',')
                    && name.chars().all(|c| c.is_ascii_digit() || is_mark(c)))
            {
                // Marks alone, or the rest of the entry before's marks.
                continue;
            }
            let (bare, had_marks) = strip_affiliation(name, glued);
            marked = had_marks;
            names.push(bare.to_owned());
        }
    }
    (names, et_al)
}

/// What separates the names of a list.
pub(super) const NAME_SEPARATORS: &[char] = &[',', '，', '、', ';', '；'];

/// The entries of a name list between its [`NAME_SEPARATORS`], each with
/// the separator before it (`None` for the first).
fn name_entries(s: &str) -> impl Iterator<Item = (Option<char>, &str)> {
    let mut rest = Some(s);
    let mut before = None;
    std::iter::from_fn(move || {
        let r = rest?;
        let entry_before = before;
        match next_name_separator(r) {
            Some((at, c)) => {
                rest = Some(&r[at + c.len_utf8()..]);
                before = Some(c);
                Some((entry_before, &r[..at]))
            }
            None => {
                rest = None;
                Some((entry_before, r))
            }
        }
    })
}

/// The first of the [`NAME_SEPARATORS`] in `s` and where it starts, found
/// byte by byte: the full-width ones are `EF BC 8C` (`，`), `EF BC 9B`
/// (`；`) and `E3 80 81` (`、`), whose first bytes only ever begin a
/// character.
pub(super) fn next_name_separator(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(at) = b[from..]
        .iter()
        .position(|&c| matches!(c, b',' | b';' | 0xE3 | 0xEF))
    {
        let i = from + at;
        let found = match b[i] {
            b',' => Some(','),
            b';' => Some(';'),
            0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
                Some(0x8C) => Some('，'),
                Some(0x9B) => Some('；'),
                _ => None,
            },
            0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x81]) => Some('、'),
            _ => None,
        };
        if let Some(c) = found {
            return Some((i, c));
        }
        from = i + 1;
    }
    None
}

/// `s.split(" and ")`, without building a substring searcher per entry.
pub(super) fn split_and(s: &str) -> impl Iterator<Item = &str> {
    const AND: &[u8] = b" and ";
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        let b = r.as_bytes();
        // Names are short: a plain scan, without a search set up per entry.
        let at = (0..b.len().saturating_sub(AND.len() - 1))
            .find(|&i| b[i] == b' ' && b[i + 1..].starts_with(&AND[1..]));
        match at {
            Some(i) => {
                rest = Some(&r[i + AND.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A character that marks an affiliation or a role after a name.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '∗' | '*' | '†' | '‡' | '§' | '¶' | '#' | '♯' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹'
    )
}

/// `name` without its affiliation marks (see [`split_names`]), and whether
/// it had any. `glued`: a comma and a mark or digit list follow it.
fn strip_affiliation(name: &str, glued: bool) -> (&str, bool) {
    let without_marks = trim(name.trim_end_matches(is_mark));
    let mark_after = without_marks.len() < name.len();
    let digits = without_marks.len()
        - without_marks
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
    let mut bare = without_marks;
    if digits > 0 {
        let head = &without_marks[..without_marks.len() - digits];
        let word = head.rsplit(char::is_whitespace).next().unwrap_or(head);
        let letters = word.chars().rev().take_while(|c| c.is_alphabetic()).count();
        let ends_lower = word
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase() || (c.is_alphabetic() && !c.is_uppercase()));
        let other_words = word.len() < head.len();
        // The word is letters (and the dots, hyphens and apostrophes of
        // names) throughout: `R2D2`'s is not.
        let word_is_letters = word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
        if letters >= 2 && ends_lower && word_is_letters && (other_words || mark_after || glued) {
            bare = trim(head);
        }
    }
    let bare = if bare.is_empty() { name } else { bare };
    (bare, bare.len() < name.len())
}

/// Whether an entry of a name list can be a name: it holds a letter (of any
/// script). `123` and `-2+3` are kept as written, with a warning.
pub(crate) fn is_plausible_name(name: &str) -> bool {
    name.chars().any(char::is_alphabetic)
}

/// The first `http(s)://` URL in `s`, trailing punctuation removed.
pub(crate) fn find_url(s: &str) -> Option<&str> {
    find_url_at(s).map(|(_, url)| url)
}

/// [`find_url`] and where in `s` the URL starts.
pub(crate) fn find_url_at(s: &str) -> Option<(usize, &str)> {
    let start = url_start(s)?;
    let tail = &s[start..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '<' | '>' | '`' | '\'')
        })
        .map_or(tail.len(), |(i, _)| i);
    let mut url = &tail[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let trimmed = if trimmed.ends_with(')') && !trimmed.contains('(') {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    (url.len() > "https://".len()).then_some((start, url))
}

/// Where the first `https://` in `s` starts, else the first `http://`:
/// one pass over the `h`s of `s`.
pub(super) fn url_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut http = None;
    for i in memchr::memchr_iter(b'h', b) {
        let rest = &b[i..];
        if rest.starts_with(b"https://") {
            return Some(i);
        }
        if http.is_none() && rest.starts_with(b"http://") {
            http = Some(i);
        }
    }
    http
}

/// The arXiv identifier and version a URL or a link's text names: the one
/// place the crate reads arXiv references.
///
/// Recognized: URLs whose host is exactly `arxiv.org` or a subdomain of it
/// (`export.arxiv.org`), with or without a scheme, under `abs/`, `pdf/`,
/// `html/` or `format/`; `arXiv:2204.02311` (a space after the colon
/// allowed); and a text that is nothing but an identifier. Identifiers are
/// new-style (`2204.02311`, `0706.0001`, with a valid `YYMM`) or old-style
/// (`hep-th/9901001`, `math.GT/0309136`, `cs/0112017`); a version suffix
/// (`v2`) is returned apart from the identifier.
pub(crate) fn arxiv_reference(s: &str) -> Option<(String, Option<u32>)> {
    let whole = trim(s);
    if let Some(found) = arxiv_identifier(whole).filter(|(_, _, len)| *len == whole.len()) {
        return Some((found.0.to_owned(), found.1));
    }
    // Every other form names arXiv (`arXiv:…`, a URL on `arxiv.org`): a
    // text without the word holds none, and is not split into tokens.
    find_ascii_ci(s, "arxiv")?;
    let mut tokens = s
        .split(|c: char| {
            c.is_whitespace()
                || !c.is_ascii()
                || matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '(' | ')' | '[' | ']' | '`' | ',' | ';'
                )
        })
        .filter(|t| !t.is_empty())
        .peekable();
    while let Some(token) = tokens.next() {
        // `arXiv:2204.02311`, `arXiv: 2204.02311`.
        if token.len() >= 5 && token[..5].eq_ignore_ascii_case("arxiv") {
            let after = &token[5..];
            if let Some(id) = after.strip_prefix(':') {
                let id = if id.is_empty() {
                    tokens.peek().copied().unwrap_or("")
                } else {
                    id
                };
                if let Some((id, version, _)) = arxiv_identifier(id) {
                    return Some((id.to_owned(), version));
                }
                continue;
            }
        }
        if let Some(found) = arxiv_url(token) {
            return Some(found);
        }
    }
    None
}

/// An arXiv URL (with or without its scheme) on the exact host.
fn arxiv_url(token: &str) -> Option<(String, Option<u32>)> {
    let rest = ["https://", "http://"]
        .iter()
        .find(|p| token.len() >= p.len() && token[..p.len()].eq_ignore_ascii_case(p))
        .map_or(token, |p| &token[p.len()..]);
    let (authority, path) = rest.split_once('/')?;
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_suffix('.').unwrap_or(host);
    let suffix = ".arxiv.org";
    let on_arxiv = host.eq_ignore_ascii_case("arxiv.org")
        || (host.len() > suffix.len()
            && host.is_char_boundary(host.len() - suffix.len())
            && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix));
    if !on_arxiv {
        return None;
    }
    let path = ["abs/", "pdf/", "html/", "format/"]
        .iter()
        .find_map(|p| path.strip_prefix(p))?;
    arxiv_identifier(path).map(|(id, version, _)| (id.to_owned(), version))
}

/// An arXiv identifier at the start of `s`: the identifier, its version, and
/// how many bytes of `s` they took. The identifier must end there (at the
/// end of `s` or before a byte that is not a letter or digit).
fn arxiv_identifier(s: &str) -> Option<(&str, Option<u32>, usize)> {
    let b = s.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let id_len = if digits(0) == 4 && b.get(4) == Some(&b'.') && (4..=5).contains(&digits(5)) {
        // New style: YYMM.NNNN (to 2014) or YYMM.NNNNN.
        let month = (b[2] - b'0') * 10 + (b[3] - b'0');
        if !(1..=12).contains(&month) {
            return None;
        }
        5 + digits(5)
    } else {
        // Old style: archive(.XX)/YYMMNNN.
        let slash = s.find('/')?;
        let archive = &s[..slash];
        let (name, class) = archive.split_once('.').unwrap_or((archive, ""));
        let name_ok = name.len() >= 2
            && name.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')
            && !name.starts_with('-');
        let class_ok = class.len() <= 2 && class.bytes().all(|c| c.is_ascii_alphabetic());
        if !name_ok || !class_ok || digits(slash + 1) != 7 {
            return None;
        }
        slash + 8
    };
    let mut len = id_len;
    let mut version = None;
    if matches!(b.get(len), Some(b'v' | b'V')) {
        let n = digits(len + 1);
        if n > 0 {
            version = s[len + 1..len + 1 + n].parse().ok();
            len += 1 + n;
        }
    }
    if b.get(len).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some((&s[..id_len], version, len))
}

/// A link line's text split at its password clause (`… 密码：9qzz`,
/// `(提取码: ab12)`, `Password: ab12`): the text before it and the password.
/// Without a password after the label, the text is all of `s`. The clause
/// is never inside the URL `s` holds at `url` (its byte range; empty when
/// it holds none): `…/password:x` in a path is not one.
pub(crate) fn split_password(s: &str, url: std::ops::Range<usize>) -> (&str, Option<&str>) {
    let label = password_label(&s[..url.start]).or_else(|| {
        password_label(&s[url.end..]).map(|(pos, after)| (pos + url.end, after + url.end))
    });
    let Some((pos, after)) = label else {
        return (s, None);
    };
    match password_value(&s[after..]) {
        Some(password) => (
            trim(trim(&s[..pos]).trim_end_matches([',', '，', ';', '；', '(', '（', '、'])),
            Some(password),
        ),
        None => (s, None),
    }
}

/// The password label's aliases (`密码`, `提取码`, `Password`, … of
/// [`vocabulary::LABELS`]) in one leftmost-longest search, English ones
/// ASCII case-insensitive; `None` if it cannot be built (never with these).
static PASSWORD_LABELS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(vocabulary::aliases(Label::Password))
            .ok()
    });

/// Where the first of the password label's aliases starts in `s`, and
/// where it ends (the longest there). An English alias is a whole word
/// (`Passwords`, `mypassword` are not labels).
pub(super) fn password_label(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    PASSWORD_LABELS
        .as_ref()?
        .find_iter(s)
        .map(|m| (m.start(), m.end()))
        .find(|&(start, end)| {
            let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
            !b[end - 1].is_ascii_alphabetic()
                || !(start.checked_sub(1).is_some_and(alnum) || alnum(end))
        })
}

/// The password at the start of `s` (after an optional colon).
pub(crate) fn password_value(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let s = s
        .strip_prefix(|c: char| is_colon(c))
        .unwrap_or(s)
        .trim_start();
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    (end > 0).then(|| &s[..end])
}
