//! Where a page stops short of its digest, and where its bytes were repaired.
//!
//! A saved page can end where no digest ends: a scrape cut off mid-paper,
//! mid-list or mid-character. [`check`] compares where the content ended with
//! what the page itself promises (its contents, the counts in its radio
//! headings, the parts its other papers and entries have) and reports a cut
//! in one [`WarningCode::PageTruncated`] warning. Byte sequences the decoder
//! had to replace are reported line by line as [`WarningCode::InvalidBytes`].

use crate::decode::Damage;
use crate::grammar;
use crate::model::{Category, Digest, Paper, Warning, WarningCode};
use crate::source::Line;
use crate::text::find_ascii_ci;
use crate::vocabulary;

/// The region of the page the content ended in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// The header: title, byline, intro, contents.
    Header,
    /// A paper, before its `推荐` marker.
    Paper,
    /// A paper, after its `推荐` marker.
    Recommendation,
    /// A radio list.
    Radio,
}

/// The truncation and invalid-byte warnings of a page.
///
/// `announced` is what the contents announce ([`announced`]: papers, radio
/// lists), `counts` the count each radio list's heading announces (`None`
/// without a heading), `content_end` the index of the first trailer line.
pub(crate) fn check(
    digest: &Digest,
    end: End,
    announced: (usize, usize),
    counts: &[Option<u32>],
    lines: &[Line<'_>],
    content_end: usize,
    damage: Damage,
) -> Vec<Warning> {
    let mut warnings = invalid_bytes(lines, damage);
    let last = lines.last();
    let reason = if let Some(cut) = damage.unread {
        Some((
            format!(
                "the page holds more markup than its size explains: it was read up to its first {} {}, and its last {} bytes were not read",
                cut.units, cut.what, cut.unread
            ),
            last.map(|l| l.lineno),
        ))
    } else if damage.cut || last.is_some_and(|l| l.text.ends_with('\u{FFFD}')) {
        Some((
            "the page ends on a character cut in half".to_owned(),
            last.map(|l| l.lineno),
        ))
    } else {
        structure(digest, end, announced, counts).map(|why| {
            let line = lines.get(..content_end).and_then(<[_]>::last);
            (why, line.map(|l| l.lineno))
        })
    };
    if let Some((why, line)) = reason {
        warnings.push(Warning {
            code: WarningCode::PageTruncated,
            message: format!("the page looks cut off: {why}"),
            line,
        });
    }
    warnings
}

/// Why the content cannot end where it does, if it cannot.
fn structure(
    digest: &Digest,
    end: End,
    (papers_announced, lists_announced): (usize, usize),
    counts: &[Option<u32>],
) -> Option<String> {
    match end {
        // A page that ends in its header holds no paper and no radio entry:
        // it is not a digest at all (`Error::NotADigest`).
        End::Header => None,
        End::Paper | End::Recommendation => {
            let paper = digest.papers.last()?;
            let n = paper.number;
            if paper.abstract_text.is_none() && paper.recommendation.is_none() {
                Some(format!("it ends inside paper {n}, before its abstract"))
            } else if paper.recommendation.is_none()
                && (end == End::Recommendation
                    || digest.papers.iter().any(|p| p.recommendation.is_some()))
            {
                Some(format!(
                    "it ends inside paper {n}, before its recommendation"
                ))
            } else if last_paragraph(paper).is_some_and(|p| !ends_sentence(p)) {
                Some(format!("it ends mid-sentence in paper {n}"))
            } else if papers_announced > digest.papers.len() {
                Some(format!(
                    "it ends after paper {n} of the {papers_announced} its contents announce"
                ))
            } else if lists_announced > digest.radio.len() {
                Some(format!(
                    "it ends after paper {n}, before the radio lists its contents announce"
                ))
            } else {
                None
            }
        }
        End::Radio => {
            let list = digest.radio.last()?;
            let k = digest.radio.len();
            let held = list.entries.len();
            // A list that lost its heading is held to its siblings' counts.
            let expected = counts
                .last()
                .copied()
                .flatten()
                .or_else(|| counts.iter().flatten().min().copied());
            if let Some(n) = expected.filter(|&n| (held as u64) < u64::from(n)) {
                Some(format!(
                    "it ends inside radio list {k} after {held} of {n} entries"
                ))
            } else if cut_entry(digest) {
                Some(format!(
                    "it ends inside entry {held} of radio list {k}, before its \"(from …)\""
                ))
            } else if lists_announced > k {
                Some(format!(
                    "it ends after radio list {k} of the {lists_announced} its contents announce"
                ))
            } else {
                None
            }
        }
    }
}

/// Does the page's last radio entry lack the `(from …)` the column gives
/// every entry? Lists whose other entries all lack one are written that way.
fn cut_entry(digest: &Digest) -> bool {
    let mut entries = digest.radio.iter().flat_map(|l| &l.entries).rev();
    let Some(last) = entries.next() else {
        return false;
    };
    let mut others = entries.peekable();
    last.from.is_empty() && (others.peek().is_none() || others.any(|e| !e.from.is_empty()))
}

/// The last paragraph of what the paper's text holds: its recommendation, or
/// else its abstract.
fn last_paragraph(paper: &Paper) -> Option<&str> {
    paper
        .recommendation
        .as_deref()
        .or(paper.abstract_text.as_deref())
        .and_then(|t| t.lines().last())
}

/// Does `text` end as a sentence or a bracketed remark does?
fn ends_sentence(text: &str) -> bool {
    text.ends_with([
        '。', '！', '？', '!', '?', '.', '…', '”', '"', '’', '\'', '」', '』', '）', ')', '》',
        '】', ']',
    ])
}

/// How many papers and how many radio lists the contents announce. The
/// radio entry (`ArXiv Weekly Radiostation：NLP、CV、ML …`) announces one list
/// per category it names, and at least one.
pub(crate) fn announced(contents: &[String]) -> (usize, usize) {
    let mut papers = 0;
    let mut lists = 0;
    for entry in contents {
        match radio_lists_named(entry) {
            Some(n) => lists = lists.max(n),
            None => papers += 1,
        }
    }
    (papers, lists)
}

/// The number of radio lists a contents entry announces, or `None` when it
/// is not the radio entry.
fn radio_lists_named(entry: &str) -> Option<usize> {
    find_ascii_ci(entry, vocabulary::RADIO_CONTENTS)?;
    let mut named: Vec<Category> = words(entry).filter_map(grammar::category).collect();
    named.sort_by_key(|c| c.as_str());
    named.dedup();
    Some(named.len().max(1))
}

/// Runs of ASCII letters and digits, and runs of other letters: `ML更多` is
/// two words.
fn words(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        let first = rest.chars().next()?;
        let end = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric() || c.is_ascii() != first.is_ascii())
            .map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// One [`WarningCode::InvalidBytes`] warning per line that holds a replaced
/// sequence (in its text, links or image), and one without a line for
/// sequences outside every line (markup, scripts).
fn invalid_bytes(lines: &[Line<'_>], damage: Damage) -> Vec<Warning> {
    let total = damage.replaced + usize::from(damage.cut);
    if total == 0 {
        return Vec::new();
    }
    let count = |s: &str| s.matches('\u{FFFD}').count();
    let mut warnings = Vec::new();
    let mut found = 0;
    for line in lines {
        let n = count(&line.text)
            + line.hrefs.iter().map(|h| count(h)).sum::<usize>()
            + line.image.as_deref().map_or(0, count);
        if n > 0 {
            found += n;
            warnings.push(Warning {
                code: WarningCode::InvalidBytes,
                message: format!(
                    "{n} invalid byte sequence(s) replaced with U+FFFD: {}",
                    excerpt(&line.text)
                ),
                line: Some(line.lineno),
            });
        }
    }
    let outside = total.saturating_sub(found);
    if outside > 0 {
        warnings.push(Warning {
            code: WarningCode::InvalidBytes,
            message: format!(
                "{outside} invalid byte sequence(s) replaced with U+FFFD outside this digest's text"
            ),
            line: None,
        });
    }
    warnings
}

/// The text around the first replacement character, at most 40 characters.
fn excerpt(text: &str) -> &str {
    let at = text.find('\u{FFFD}').unwrap_or(0);
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(19)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(20)
        .map_or(text.len(), |(i, _)| at + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_radio_entry_announces_the_lists_it_names() {
        let contents = [
            "Paper One".to_owned(),
            "Paper Two".to_owned(),
            "ArXiv Weekly Radiostation:NLP、CV、ML更多精选论文(附音频)".to_owned(),
        ];
        assert_eq!(announced(&contents), (2, 3));
        assert_eq!(
            radio_lists_named("ArXiv Weekly Radiostation：更多精选论文"),
            Some(1)
        );
        assert_eq!(radio_lists_named("7 Papers & Radios：CV 与 CV"), Some(1));
        assert_eq!(radio_lists_named("NLP、CV、ML"), None);
    }

    #[test]
    fn words_split_scripts() {
        let w: Vec<&str> = words("ArXiv:NLP、CV、ML更多 精选(附音频)").collect();
        assert_eq!(w, ["ArXiv", "NLP", "CV", "ML", "更多", "精选", "附音频"]);
    }

    #[test]
    fn excerpts_stay_short_and_on_char_boundaries() {
        let line = format!("{}\u{FFFD}{}", "甲".repeat(30), "乙".repeat(30));
        let e = excerpt(&line);
        assert_eq!(e.chars().count(), 40);
        assert_eq!(e.chars().nth(20), Some('\u{FFFD}'));
        assert_eq!(excerpt("短\u{FFFD}"), "短\u{FFFD}");
    }

    #[test]
    fn sentence_ends() {
        for t in ["好文。", "Good.", "（附代码）", "《科学》", "What?"] {
            assert!(ends_sentence(t), "{t}");
        }
        for t in ["谷歌刚刚用", "Scaling Lang", "2022"] {
            assert!(!ends_sentence(t), "{t}");
        }
    }
}
