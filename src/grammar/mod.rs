//! The line grammar: what one logical line is, independent of its neighbours.
//!
//! Classification looks at a single line; context (where the line stands in
//! the page) is [`crate::assemble`]'s business. Every check is anchored at the
//! start of the line (after an optional bullet), so a line costs a few byte
//! comparisons unless it really starts like a marker.

mod fields;

use crate::dates::parse_date_prefix;
use crate::model::Category;
use crate::text::{chars_at_most, find_ascii_ci, leading_number, trim};
use crate::vocabulary::{self, Label};

pub(crate) use fields::{
    arxiv_reference, find_url, find_url_at, is_plausible_name, password_value, split_names,
    split_password,
};

/// What a line is, on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LineKind<'a> {
    /// `论文 1：Title`.
    PaperHeading { number: u32, title: &'a str },
    /// `作者：A、B 等`; the text after the marker.
    Authors(&'a str),
    /// `论文链接：https://…`; the label and the text after the colon.
    Link { label: &'a str, rest: &'a str },
    /// `密码：9qzz` / `提取码：9qzz` on a line of its own.
    Password(&'a str),
    /// `摘要：…`; the text after the marker.
    Abstract(&'a str),
    /// `推荐：…`; the text after the marker.
    Recommendation(&'a str),
    /// `本周 10 篇 NLP 精选论文是：`.
    RadioHeading {
        heading: &'a str,
        count: Option<u32>,
        category: Option<Category>,
    },
    /// `6. Title. (from A, B)`.
    RadioEntry {
        number: u32,
        title: &'a str,
        from: &'a str,
    },
    /// A numbered line without `(from …)`: `1. Title`.
    Numbered { number: u32, rest: &'a str },
    /// `2022 年 3 月 6 日 机器之心`: the ISO date (`None` when the date is not
    /// on the calendar), the date as written, and the rest of the line.
    Date {
        date: Option<crate::Date>,
        raw: &'a str,
        rest: &'a str,
    },
    /// `参与：杜伟楚航、罗若天`.
    Contributors(&'a str),
    /// `来源：机器之心`.
    SourceLabel(&'a str),
    /// `目录`.
    ContentsHeading,
    /// `本周论文包括…`.
    Summary,
    /// `图 2 网络结构`.
    Caption,
    /// The line names the ArXiv Weekly Radiostation, or is one of its audio lines.
    Radiostation,
    /// `- 1 准确把握守正创新的辩证关系 7993401`.
    Trending {
        rank: u32,
        title: &'a str,
        heat: Option<u64>,
    },
    /// Copyright lines, follow prompts, ad markers, share widgets.
    Boilerplate,
    /// Anything else: a paragraph.
    Plain,
}

/// Removes a leading list bullet (`-`, `*`, `•`, `·`, `●`, …) and the spaces after it.
pub(crate) fn strip_bullet(s: &str) -> &str {
    let mut chars = s.chars();
    match chars.next() {
        Some('•' | '·' | '●' | '▪' | '◆' | '■' | '○' | '◇' | '▶' | '►' | '➤' | '✓' | '√') => {
            trim(chars.as_str())
        }
        Some('-' | '*' | '+' | '–' | '—') => {
            let rest = chars.as_str();
            if rest.starts_with(char::is_whitespace) {
                trim(rest)
            } else {
                s
            }
        }
        _ => s,
    }
}

/// Is `c` a colon, half- or full-width?
pub(crate) fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：' | '︰' | '∶')
}

/// Splits `s` at its first colon (half- or full-width), when the part before
/// it is short enough to be a label: at most `max_chars` characters besides
/// white space (`Project page : …`).
pub(crate) fn split_label(s: &str, max_chars: usize) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        // Characters led by other bytes (CJK ideographs, most letters) are
        // neither colons nor white space: counted without decoding.
        let (len, counts) = match lead {
            b':' => return Some((trim(&s[..i]), trim(&s[i + 1..]))),
            b' ' | b'\t'..=b'\r' => (1, false),
            0..0x80 => (1, true),
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let c = s[i..].chars().next().unwrap_or_default();
                if is_colon(c) {
                    return Some((trim(&s[..i]), trim(&s[i + c.len_utf8()..])));
                }
                (c.len_utf8(), !c.is_whitespace())
            }
            0xF0.. => (4, true),
            0xE0.. => (3, true),
            _ => (2, true),
        };
        if counts {
            count += 1;
            if count > max_chars {
                return None;
            }
        }
        i += len;
    }
    None
}

/// `1. `, `1、`, `1)`, `（1）` numbering at the start of a line: the number and the rest.
pub(crate) fn strip_numbering(s: &str) -> Option<(u32, &str)> {
    if let Some(inner) = s.strip_prefix(['(', '（']) {
        let (n, rest) = leading_number(inner.trim_start())?;
        let rest = rest.trim_start().strip_prefix([')', '）'])?;
        return Some((n, trim(rest)));
    }
    let (n, rest) = leading_number(s)?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['.', '．', '、', ')', '）'])?;
    // "1.5 亿" is a number, not numbering.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((n, trim(rest)))
}

pub(crate) use crate::vocabulary::is_digest_title;

/// Splits a title at its series separator (`|`, `｜`, `丨`): series and headlines.
pub(crate) fn split_title(title: &str) -> (Option<String>, Vec<String>) {
    let Some((i, c)) = title
        .char_indices()
        .find(|&(_, c)| matches!(c, '|' | '｜' | '丨'))
    else {
        return (None, Vec::new());
    };
    let series = trim(&title[..i]);
    let headlines = title[i + c.len_utf8()..]
        .split([';', '；'])
        .map(trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect();
    ((!series.is_empty()).then(|| series.to_owned()), headlines)
}

pub(crate) fn is_link_label(label: &str) -> bool {
    if label.is_empty() || !chars_at_most(label, 12) {
        return false;
    }
    let label = strip_bullet(label);
    vocabulary::LINK_LABEL_ENDINGS
        .iter()
        .any(|e| label.ends_with(e))
        || vocabulary::LINK_LABEL_WORDS
            .iter()
            .any(|w| label.len() <= 16 && find_ascii_ci(label, w) == Some(0))
}

/// Line-level boilerplate: prefixes of copyright lines, follow prompts, share
/// widgets and ad markers as the column's republishers print them (each
/// site's furniture in [`crate::sites::SITES`]).
fn boilerplate_prefixes() -> Vec<&'static str> {
    crate::sites::column(|s| s.furniture).collect()
}

/// All phrases in one search over the line: the packed (SIMD) searcher
/// where the machine has one, costing a few instructions a byte even in
/// CJK text, where an automaton's prefilter stops at every character; an
/// automaton elsewhere.
enum PhraseSearch {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
    /// Neither could be built (never with these phrases): no line holds one.
    None,
}

static PHRASES: std::sync::LazyLock<PhraseSearch> = std::sync::LazyLock::new(|| {
    if let Some(packed) = aho_corasick::packed::Searcher::new(vocabulary::BOILERPLATE_PHRASES) {
        return PhraseSearch::Packed(packed);
    }
    match aho_corasick::AhoCorasick::new(vocabulary::BOILERPLATE_PHRASES) {
        Ok(ac) => PhraseSearch::Automaton(ac),
        Err(_) => PhraseSearch::None,
    }
});

/// Does `s` hold one of the [`vocabulary::BOILERPLATE_PHRASES`]?
fn holds_phrase(s: &str) -> bool {
    match &*PHRASES {
        PhraseSearch::Packed(packed) => packed.find(s).is_some(),
        PhraseSearch::Automaton(ac) => ac.is_match(s),
        PhraseSearch::None => false,
    }
}

/// All prefixes in one table keyed by their first byte: a line costs a
/// look-up and a compare or two.
static PREFIXES: std::sync::LazyLock<crate::text::Prefixes<()>> = std::sync::LazyLock::new(|| {
    crate::text::Prefixes::new(boilerplate_prefixes().into_iter().map(|p| (p, ())), false)
});

pub(crate) fn is_boilerplate(s: &str) -> bool {
    PREFIXES.longest(s).is_some() || (chars_at_most(s, 80) && holds_phrase(s))
}

/// Classifies one logical line (already trimmed).
pub(crate) fn classify(line: &str) -> LineKind<'_> {
    let s = strip_bullet(line);
    let Some(first) = s.chars().next() else {
        return LineKind::Plain;
    };
    if let Some((label, rest)) = vocabulary::leading_label(s)
        && let Some(kind) = labelled(s, label, rest)
    {
        return kind;
    }
    match first {
        '本' => {
            if let Some(k) = radio_heading(s) {
                return k;
            }
            if s.starts_with(vocabulary::SUMMARY.0) {
                let twelve = s.char_indices().nth(12).map_or(s.len(), |(i, _)| i);
                if s[..twelve].contains(vocabulary::SUMMARY.1) {
                    return LineKind::Summary;
                }
            }
        }
        '图' | 'F' if is_caption(s) => {
            return LineKind::Caption;
        }
        '0'..='9' | '(' | '（' => {
            if let Some(k) = numbered(s) {
                return k;
            }
        }
        _ => {}
    }
    // "7 Papers & Radios | … 2022" has a rank, a title and a "heat": a digest
    // title is never a trending item.
    if (first.is_ascii_digit() || first == '-')
        && !is_digest_title(s)
        && let Some(k) = trending(line)
    {
        return k;
    }
    if let Some(k) = date_line(s) {
        return k;
    }
    if is_boilerplate(s) {
        return LineKind::Boilerplate;
    }
    if let Some((label, rest)) = split_label(s, 12)
        && is_link_label(label)
    {
        return LineKind::Link { label, rest };
    }
    if find_ascii_ci(s, vocabulary::RADIOSTATION).is_some() || is_radio_audio(s) {
        return LineKind::Radiostation;
    }
    LineKind::Plain
}

/// The kind of a line that starts with `label` (`rest` follows the alias),
/// when what follows fits the label.
fn labelled<'a>(s: &'a str, label: Label, rest: &'a str) -> Option<LineKind<'a>> {
    let after_colon = || {
        let mut chars = rest.trim_start().chars();
        chars
            .next()
            .is_some_and(is_colon)
            .then(|| trim(chars.as_str()))
    };
    match label {
        Label::Paper => numbered_heading(rest).or_else(|| {
            split_label(s, 12)
                .filter(|(label, _)| is_link_label(label))
                .map(|(label, rest)| LineKind::Link { label, rest })
        }),
        Label::Authors => after_colon().map(LineKind::Authors),
        Label::Abstract => after_colon().map(LineKind::Abstract),
        Label::Recommendation => after_colon().map(LineKind::Recommendation),
        Label::Contributors => after_colon().map(LineKind::Contributors),
        Label::Source => after_colon().map(LineKind::SourceLabel),
        Label::Password => after_colon().map(LineKind::Password),
        Label::Contents => trim(rest)
            .chars()
            .all(|c| is_colon(c) || c.is_whitespace())
            .then_some(LineKind::ContentsHeading),
    }
}

/// ` 1：Title` after `论文` / `Paper`.
pub(crate) fn numbered_heading(rest: &str) -> Option<LineKind<'_>> {
    let (number, rest) = leading_number(rest.trim_start())?;
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    let c = chars.next()?;
    if !(is_colon(c) || matches!(c, '.' | '．' | '、')) {
        return None;
    }
    let title = trim(chars.as_str());
    if title.is_empty() {
        return None;
    }
    Some(LineKind::PaperHeading { number, title })
}

/// `本周 10 篇 NLP 精选论文是：`.
fn radio_heading(s: &str) -> Option<LineKind<'_>> {
    let rest = s.strip_prefix(vocabulary::RADIO_HEADING.0)?;
    let pos = rest.find(vocabulary::RADIO_HEADING.1)?;
    if !chars_at_most(s, 40) {
        return None;
    }
    let heading = trim(s.trim_end_matches(|c: char| is_colon(c) || c.is_whitespace()));
    let before = trim(&rest[..pos]);
    let (count, word) = match leading_number(before) {
        Some((n, after)) => (
            Some(n),
            trim(after.trim_start().strip_prefix('篇').unwrap_or(after)),
        ),
        None => (None, before),
    };
    Some(LineKind::RadioHeading {
        heading,
        count,
        category: category(word),
    })
}

/// The category a heading's word names, never guessed.
pub(crate) fn category(word: &str) -> Option<Category> {
    let w = trim(word);
    let words = &vocabulary::CATEGORY_WORDS;
    [
        (Category::Nlp, words.nlp),
        (Category::Cv, words.cv),
        (Category::Ml, words.ml),
    ]
    .into_iter()
    .find(|(_, names)| names.iter().any(|n| w.eq_ignore_ascii_case(n)))
    .map(|(category, _)| category)
}

/// `10 NLP Papers音频：`, the audio player line under a radio list.
fn is_radio_audio(s: &str) -> bool {
    s.len() <= 240
        && chars_at_most(s, 60)
        && s.contains(vocabulary::RADIO_AUDIO.0)
        && find_ascii_ci(s, vocabulary::RADIO_AUDIO.1).is_some()
}

/// `图 2 网络结构`, `Figure 3: …`: short, starts with a figure number, not a sentence.
fn is_caption(s: &str) -> bool {
    let Some(rest) = vocabulary::CAPTION_WORDS
        .iter()
        .find_map(|w| s.strip_prefix(w))
    else {
        return false;
    };
    let rest = rest.trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let n = s.chars().count();
    n <= 80 && !s.ends_with(['：', ':', '，', ',', '。', '；', ';', '！', '？'])
}

/// Radio entries, numbered lines.
fn numbered(s: &str) -> Option<LineKind<'_>> {
    let (number, rest) = strip_numbering(s)?;
    if rest.is_empty() {
        return None;
    }
    if let Some((title, from)) = split_from(rest) {
        return Some(LineKind::RadioEntry {
            number,
            title,
            from,
        });
    }
    Some(LineKind::Numbered { number, rest })
}

/// Splits `Title. (from A, B)` into the title (no trailing period) and `A, B`.
pub(crate) fn split_from(rest: &str) -> Option<(&str, &str)> {
    let rest = trim(rest);
    let inner = rest.strip_suffix([')', '）'])?;
    let open = inner.rfind(['(', '（'])?;
    let par = &inner[open..];
    let par = par.strip_prefix('(').or_else(|| par.strip_prefix('（'))?;
    let par = par.trim_start();
    // `get`: the fifth byte may sit inside a CJK character (`(附音频)`).
    let word = vocabulary::RADIO_FROM;
    if !par
        .get(..word.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(word))
    {
        return None;
    }
    let from = trim(&par[word.len()..]);
    let from = from.strip_prefix([':', '：']).map(trim).unwrap_or(from);
    let title = trim(&inner[..open]);
    let title = trim(title.trim_end_matches(['.', '。']));
    Some((title, from))
}

/// `- 1 准确把握守正创新的辩证关系 7993401`: rank, title, heat (`None`
/// when the figure overflows `u64`; [`trending_item`] reports it).
fn trending(line: &str) -> Option<LineKind<'_>> {
    let (rank, title, heat) = trending_parts(line)?;
    Some(LineKind::Trending {
        rank,
        title,
        heat: heat.parse().ok(),
    })
}

/// Rank, title and the heat figure as written.
fn trending_parts(line: &str) -> Option<(u32, &str, &str)> {
    let s = line.strip_prefix('-').map(str::trim_start).unwrap_or(line);
    let (rank, rest) = leading_number(s)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = trim(rest);
    let split = rest.rfind(char::is_whitespace)?;
    let heat = rest[split..].trim();
    if heat.len() < 4 || !heat.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let title = trim(&rest[..split]);
    if title.is_empty() {
        return None;
    }
    Some((rank, title, heat))
}

/// A trending item's heat: the figure, none, or the digits as written when
/// they overflow `u64`.
pub(crate) type Heat<'a> = Result<Option<u64>, &'a str>;

/// A trailer line read as a trending item: rank, title, and the heat figure
/// when the list gives one. A figure too large for `u64` is `Err` with the
/// figure as written, so that the caller can warn about it.
pub(crate) fn trending_item(line: &str) -> Option<(u32, &str, Heat<'_>)> {
    if let Some((rank, title, heat)) = trending_parts(line) {
        return Some((rank, title, heat.parse().map(Some).map_err(|_| heat)));
    }
    let s = strip_bullet(line);
    let (rank, after) = leading_number(s)?;
    // The number must be set off: `3. 标题`, `3 标题`, not `5G 手机`.
    let rest = after.strip_prefix(['.', '、', '．']).unwrap_or(after);
    if !rest.starts_with(char::is_whitespace) && rest.len() == after.len() {
        return None;
    }
    let title = trim(rest);
    (!title.is_empty() && rank <= 100).then_some((rank, title, Ok(None)))
}

/// `2022 年 3 月 6 日 机器之心`, `2022-03-06 机器之心`, `2022/3/6`: the ISO date
/// (`None` when it is not on the calendar), the date as written, and the rest.
pub(crate) fn date_line(s: &str) -> Option<LineKind<'_>> {
    let (date, raw, rest) = parse_date_prefix(s)?;
    let rest = trim(rest);
    if !chars_at_most(rest, 30) {
        return None;
    }
    Some(LineKind::Date { date, raw, rest })
}

#[cfg(test)]
mod tests;
