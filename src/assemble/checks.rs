//! Whole-digest checks after assembly: whether the lines make a digest at
//! all (the evidence rule, and the refusal that says what was found), and
//! the warnings a digest carries, capped per code.

use std::collections::HashMap;

use crate::error::{Found, Missing, NotADigest, Unread};
use crate::grammar;
use crate::model::{Digest, Warning, WarningCode, quote};
use crate::vocabulary;

/// How many warnings of one code a digest keeps.
pub(crate) const WARNING_CAP: usize = 100;

/// Keeps the first [`WARNING_CAP`] warnings of each code, in order, and adds
/// one warning of that code with the count of the rest: a page of a million
/// identical anomalies stays a readable result.
///
/// `unlisted` counts warnings per code that were never written out (past the
/// cap already where they arose).
pub(super) fn cap_warnings(warnings: &mut Vec<Warning>, unlisted: HashMap<WarningCode, usize>) {
    let mut seen: HashMap<WarningCode, usize> = HashMap::new();
    warnings.retain(|w| {
        let n = seen.entry(w.code).or_insert(0);
        *n += 1;
        *n <= WARNING_CAP
    });
    for (code, n) in unlisted {
        *seen.entry(code).or_insert(0) += n;
    }
    let mut over: Vec<(WarningCode, usize)> = seen
        .into_iter()
        .filter(|&(_, n)| n > WARNING_CAP)
        .map(|(code, n)| (code, n - WARNING_CAP))
        .collect();
    over.sort_by_key(|&(code, _)| code.as_str());
    for (code, rest) in over {
        warnings.push(Warning::new(
            code,
            format!(
                "{rest} more {} warning(s) not listed (the first {WARNING_CAP} are)",
                code.as_str()
            ),
            None,
        ));
    }
}

/// Whole-digest checks that turn into warnings. Past [`WARNING_CAP`] of a
/// code among a digest's papers, the warnings are counted instead of
/// written (a million bare papers once made three million messages); the
/// counts are returned for [`cap_warnings`]' summary. `announced` is how
/// many papers the contents name ([`crate::truncation::announced`]).
pub(super) fn check(
    digest: &mut Digest,
    paper_lines: &[usize],
    radio_meta: &[(Option<u32>, usize)],
    digest_title: bool,
    announced: usize,
) -> HashMap<WarningCode, usize> {
    let mut warnings = Vec::new();
    let mut written: HashMap<WarningCode, usize> = HashMap::new();
    let mut unlisted: HashMap<WarningCode, usize> = HashMap::new();
    // Whether a paper's warning of `code` is written; papers come in line
    // order, so the ones written are the first of their code.
    let mut write = |code: WarningCode| {
        let n = written.entry(code).or_insert(0);
        *n += 1;
        if *n > WARNING_CAP {
            *unlisted.entry(code).or_insert(0) += 1;
        }
        *n <= WARNING_CAP
    };
    if !digest_title {
        warnings.push(Warning::new(
            WarningCode::MissingTitle,
            match &digest.issue.title {
                Some(t) => format!(
                    "no \"7 Papers & Radios\" title line; using \"{}\"",
                    quote(t)
                ),
                None => "no \"7 Papers & Radios\" title line".to_owned(),
            },
            None,
        ));
    }
    let byline = digest
        .issue
        .source
        .as_deref()
        .is_some_and(|s| s.contains(vocabulary::COLUMN_BYLINE));
    if !digest_title && !byline {
        warnings.push(Warning::new(
            WarningCode::SeriesUnconfirmed,
            "neither the \"7 Papers & Radios\" title nor the column's byline (机器之心): \
             a digest-shaped page that may be another outlet's"
                .to_owned(),
            None,
        ));
    }
    if announced > 0 && announced != digest.papers.len() {
        warnings.push(Warning::new(
            WarningCode::ContentsMismatch,
            format!(
                "the contents name {announced} paper(s) but {} found",
                digest.papers.len()
            ),
            None,
        ));
    }
    for (i, (paper, &line)) in digest.papers.iter().zip(paper_lines).enumerate() {
        let n = paper.number;
        if usize::try_from(n).ok() != Some(i + 1) && write(WarningCode::PaperNumberOutOfOrder) {
            warnings.push(Warning::new(
                WarningCode::PaperNumberOutOfOrder,
                format!("paper {} is numbered {n}", i + 1),
                Some(line),
            ));
        }
        if paper.authors.is_empty() && write(WarningCode::PaperWithoutAuthors) {
            warnings.push(Warning::new(
                WarningCode::PaperWithoutAuthors,
                format!("paper {n} ({}) has no author line", quote(&paper.title)),
                Some(line),
            ));
        }
        if paper.links.is_empty() && write(WarningCode::PaperWithoutLink) {
            warnings.push(Warning::new(
                WarningCode::PaperWithoutLink,
                format!("paper {n} ({}) has no link", quote(&paper.title)),
                Some(line),
            ));
        }
        if paper.abstract_text.is_none() && write(WarningCode::PaperWithoutAbstract) {
            warnings.push(Warning::new(
                WarningCode::PaperWithoutAbstract,
                format!("paper {n} ({}) has no abstract", quote(&paper.title)),
                Some(line),
            ));
        }
    }
    for (list, &(count, line)) in digest.radio.iter().zip(radio_meta) {
        if let Some(count) = count
            && (list.entries.len() as u64) < u64::from(count)
        {
            warnings.push(Warning::new(
                WarningCode::RadioListShort,
                format!(
                    "radio list \"{}\" announces {count} entries but holds {}",
                    quote(list.heading.as_deref().unwrap_or("")),
                    list.entries.len()
                ),
                Some(line),
            ));
        }
    }
    digest.warnings.extend(warnings);
    digest
        .warnings
        .sort_by_key(|w| w.line.unwrap_or(usize::MAX));
    unlisted
}

/// Why a page without a paper or radio-list entry is not a digest: what it
/// does hold of one (a title mention, a `目录` contents list, an empty radio
/// heading), or that it holds nothing of one; and, when the page was cut at
/// its budget (`unread`), that what followed was not read.
pub(super) fn not_a_digest(
    digest: &Digest,
    digest_title: bool,
    in_contents: bool,
    lines: usize,
    unread: Option<crate::source::Cut>,
) -> NotADigest {
    let mut found = Vec::new();
    if digest_title && let Some(title) = &digest.issue.title {
        found.push(Found::Title(title.clone()));
    }
    // Without a `目录` heading, the header's short lines are only taken for
    // contents in a digest; on other pages they are just text.
    if in_contents && !digest.issue.contents.is_empty() {
        found.push(Found::Contents(digest.issue.contents.len()));
    }
    if !digest.radio.is_empty() {
        found.push(Found::EmptyRadio(digest.radio.len()));
    }
    NotADigest {
        missing: Missing::Entries,
        lines: Some(lines),
        found,
        unread: unread.map(|cut| Unread {
            units: cut.units,
            unit: cut.what,
            bytes: cut.unread,
        }),
    }
}

/// Whether what was read is a digest and not a page that merely holds a
/// paper heading: the series title, or a radio-list entry, or a paper with an
/// author line or a link label (the column's papers always have both). A lone
/// `论文 N：` / `Paper N:` heading over an essay is not a digest.
pub(super) fn has_evidence(digest: &Digest, digest_title: bool) -> bool {
    digest_title
        || digest.radio.iter().any(|l| !l.entries.is_empty())
        || digest
            .papers
            .iter()
            .any(|p| !p.authors.is_empty() || !p.links.is_empty())
}

/// Why paper headings without evidence are not a digest.
pub(super) fn without_evidence(digest: &Digest, lines: usize) -> NotADigest {
    let first = &digest.papers[0];
    NotADigest {
        missing: Missing::Evidence,
        lines: Some(lines),
        found: vec![Found::PaperHeadings {
            count: digest.papers.len(),
            first_title: first.title.clone(),
            first_number: first.number,
        }],
        unread: None,
    }
}

/// Whether every entry of a name list can be a name (no warning to write).
pub(super) fn all_plausible(names: &[String]) -> bool {
    names.iter().all(|n| grammar::is_plausible_name(n))
}
