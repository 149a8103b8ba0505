//! Several digests in one input: a dump of scrapes, an aggregator's archive
//! page, the same issue saved twice into one file.
//!
//! The line stream is cut where a new issue's title begins after the
//! previous issue's content: a digest title line (`7 Papers & Radios | …`)
//! that stands after a paper or radio entry and is itself followed by a paper
//! or radio entry before any other such title. Each run of lines is then
//! assembled on its own by [`crate::assemble`]; the grammar is the same.
//! Title lines with no content after them (a "related articles" list of
//! earlier issues in a page's trailer) cut nothing.

use crate::assemble;
use crate::decode::Damage;
use crate::error::Error;
use crate::grammar::{self, LineKind};
use crate::model::{Digest, Warning, WarningCode};
use crate::source::{Document, Hint, Line, Meta, PageMeta};
use crate::trailer;

/// Does this kind of line put content into a digest (a paper, a radio entry)?
fn opens_entry(kind: &LineKind<'_>) -> bool {
    matches!(
        kind,
        LineKind::PaperHeading { .. } | LineKind::RadioEntry { .. }
    )
}

/// A line that can open a further digest: a digest title that starts with
/// the series name (`7 Papers & Radios | …`, `Papers & Radios …`), not a
/// sentence that merely mentions it.
fn opens_digest(line: &Line<'_>, kind: &LineKind<'_>) -> bool {
    let text = line.text.as_ref();
    // `papers` starting within the first 16 bytes lies within the first
    // 22: only those are searched, before the whole line is.
    let head = &text.as_bytes()[..text.len().min(16 + "papers".len())];
    matches!(kind, LineKind::Plain)
        && line.hint != Hint::Image
        && crate::text::find_ascii_ci_bytes(head, b"papers").is_some()
        && grammar::is_digest_title(text)
        && !text.contains('。')
}

/// The indices of the lines where a second, third, … digest begins.
pub(crate) fn starts(doc_lines: &[Line<'_>], kinds: &[LineKind<'_>]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut content_seen = false;
    // The last title line seen after the current digest's content.
    let mut candidate = None;
    for (i, (line, kind)) in doc_lines.iter().zip(kinds).enumerate() {
        if opens_entry(kind) {
            if let Some(at) = candidate.take() {
                starts.push(at);
            }
            content_seen = true;
        } else if content_seen && opens_digest(line, kind) {
            candidate = Some(i);
        }
    }
    starts
}

/// The runs of lines `[start, end)` of every digest in the input.
fn runs(len: usize, starts: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    std::iter::once(0)
        .chain(starts.iter().copied())
        .zip(starts.iter().copied().chain(std::iter::once(len)))
}

/// Every digest in the document, in input order. The page metadata (an HTML
/// page's headline, date and account) describes the page, so only the first
/// digest takes it.
///
/// Bytes the decoder replaced are reported by the digest whose lines hold
/// them; a character cut at the end of the input, by the last digest.
pub(crate) fn all(
    doc: Document<'_>,
    furniture: &[regex::Regex],
    damage: Damage,
) -> Result<Vec<Digest>, Error> {
    let Document { lines, meta, cut } = doc;
    let damage = Damage {
        unread: cut,
        ..damage
    };
    let kinds = assemble::classify(&lines, furniture);
    let starts = starts(&lines, &kinds);
    let mut meta = Some(meta);
    let mut digests: Vec<Digest> = Vec::new();
    for (a, b) in runs(lines.len(), &starts) {
        let result = assemble_reading(
            &lines[a..b],
            &kinds[a..b],
            meta.take().unwrap_or_default(),
            furniture,
            damage.up_to(b == lines.len()),
        );
        match (result, digests.last_mut()) {
            // A later run the grammar cut as a digest that assembles as
            // none (its one entry read as a table of contents): its lines
            // are kept aside with the digest before it, as `first` does.
            (Err(Error::NotADigest(_)), Some(before)) => keep_aside(before, &lines[a..b]),
            (result, _) => digests.push(result?),
        }
    }
    Ok(digests)
}

/// The lines of a run that is no digest, kept aside (as boilerplate) with
/// the digest before it: nothing of the input is dropped unsaid.
fn keep_aside(digest: &mut Digest, lines: &[Line<'_>]) {
    digest
        .stripped
        .boilerplate
        .extend(lines.iter().map(|l| l.text.to_string()));
}

/// [`assemble::assemble`] with the page's metadata read only where the
/// digest needs it (issue 24): its title when the body holds no digest
/// title before its first paper or radio line, its date and source when
/// the body states none.
fn assemble_reading(
    lines: &[Line<'_>],
    kinds: &[LineKind<'_>],
    meta: PageMeta<'_>,
    furniture: &[regex::Regex],
    damage: Damage,
) -> Result<Digest, Error> {
    if meta.is_known() || !body_titled(lines, kinds) {
        return assemble::assemble(lines, kinds, meta.read(), furniture, damage);
    }
    // The metadata's title is not read: assemble takes the body's.
    let mut digest = assemble::assemble(lines, kinds, Meta::default(), furniture, damage)?;
    let wanted = [
        false,
        digest.issue.date.is_none(),
        digest.issue.source.is_none(),
    ];
    if wanted.contains(&true) {
        let meta = meta.read_fields(wanted);
        if digest.issue.date.is_none() {
            digest.issue.date = meta.date;
        }
        if digest.issue.source.is_none() {
            digest.issue.source = meta.source;
        }
    }
    Ok(digest)
}

/// Does the body hold its digest title, a digest-title line before the
/// first paper or radio line and the trailer? [`assemble::assemble`] then
/// takes the title from it, not from the page's metadata.
fn body_titled(lines: &[Line<'_>], kinds: &[LineKind<'_>]) -> bool {
    let first_structure = assemble::first_structure(kinds, trailer::find_cut(kinds));
    lines[..first_structure.min(lines.len())]
        .iter()
        .any(|l| grammar::is_digest_title(&l.text))
}

/// The first digest of the document. When more follow, it carries a
/// [`WarningCode::MoreDigestsFollow`] warning that says how many, where the
/// next begins, and whether the next one repeats this one.
pub(crate) fn first(
    doc: Document<'_>,
    furniture: &[regex::Regex],
    damage: Damage,
) -> Result<Digest, Error> {
    let Document { lines, meta, cut } = doc;
    let damage = Damage {
        unread: cut,
        ..damage
    };
    let kinds = assemble::classify(&lines, furniture);
    let starts = starts(&lines, &kinds);
    let Some(&next) = starts.first() else {
        return assemble_reading(&lines, &kinds, meta, furniture, damage);
    };
    let mut digest = assemble_reading(
        &lines[..next],
        &kinds[..next],
        meta,
        furniture,
        damage.up_to(false),
    )?;
    // The next run that is a digest, as `all` reads them: the runs before
    // it that assemble as none are this digest's lines, kept aside.
    let mut following = None;
    for (i, &(a, b)) in runs(lines.len(), &starts).collect::<Vec<_>>()[1..]
        .iter()
        .enumerate()
    {
        let run = assemble_reading(
            &lines[a..b],
            &kinds[a..b],
            PageMeta::default(),
            furniture,
            damage.up_to(b == lines.len()),
        );
        match run {
            Err(Error::NotADigest(_)) => keep_aside(&mut digest, &lines[a..b]),
            run => {
                following = Some((starts.len() - i, a, run));
                break;
            }
        }
    }
    let Some((more, next, following)) = following else {
        return Ok(digest);
    };
    let title = following
        .as_ref()
        .ok()
        .and_then(|d| d.issue.title.as_deref())
        .unwrap_or(&lines[next].text);
    let repeat = match &following {
        Ok(d)
            if d.issue.title == digest.issue.title
                && d.papers == digest.papers
                && d.radio == digest.radio =>
        {
            "; it repeats this digest (same title, papers and radio lists)"
        }
        Ok(d) if d.issue.title == digest.issue.title => "; it has this digest's title again",
        _ => "",
    };
    digest.warnings.push(Warning::new(
        WarningCode::MoreDigestsFollow,
        format!(
            "{more} more digest(s) follow in this input, the next from line {} (\"{}\"){repeat}; parse_all returns every one",
            lines[next].lineno,
            crate::model::quote(title)
        ),
        Some(lines[next].lineno),
    ));
    Ok(digest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::plain;

    fn starts_of(input: &str) -> Vec<usize> {
        let doc = plain::read(input);
        let kinds = assemble::classify(&doc.lines, &[]);
        starts(&doc.lines, &kinds)
            .into_iter()
            .map(|i| doc.lines[i].lineno)
            .collect()
    }

    #[test]
    fn a_title_after_content_and_before_content_starts_a_digest() {
        let input = "7 Papers & Radios | 一\n论文 1：甲\n© THE END\n7 Papers & Radios | 二\n本周论文包括乙。\n论文 1：乙\n";
        assert_eq!(starts_of(input), [4]);
    }

    #[test]
    fn titles_without_content_after_them_cut_nothing() {
        // A trailer's list of earlier issues, and a repeated title at the top.
        let input = "7 Papers & Radios | 一\n7 Papers & Radios | 一\n论文 1：甲\n相关文章\n7 Papers & Radios | 往期一\n7 Papers & Radios | 往期二\n";
        assert_eq!(starts_of(input), Vec::<usize>::new());
    }

    #[test]
    fn the_last_title_before_the_content_starts_the_digest() {
        let input = "7 Papers & Radios | 一\n论文 1：甲\n7 Papers & Radios | 往期\n7 Papers & Radios | 二\n论文 1：乙\n";
        assert_eq!(starts_of(input), [4]);
    }

    #[test]
    fn a_sentence_that_names_the_column_cuts_nothing() {
        let input = "7 Papers & Radios | 一\n论文 1：甲\n摘要：本文介绍了 7 Papers & Radios 栏目。\n我们这一周整理了 papers 和 radio 节目\n论文 2：乙\n";
        assert_eq!(starts_of(input), Vec::<usize>::new());
    }
}
