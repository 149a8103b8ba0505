//! The papers' titles made whole after assembly: a heading repeated for
//! the same paper folded into one, and a title whose spaces a site
//! squashed taken from the contents list.

use std::collections::HashMap;

use crate::model::{Digest, Paper, Warning, WarningCode};

/// Paper headings that repeat later with their content are a table of
/// contents (or a navigation list), not papers: a leading run of papers with
/// no author line, link, figure or recommendation whose every heading comes
/// again (the same number, and the title white space and case aside), among the papers after it that have an
/// author line or a link. The run's titles become the contents, or, when the
/// issue already has contents, stripped boilerplate; so each paper appears
/// once. Text the run held (the intro read as the last entry's abstract)
/// becomes the summary when there is none, else an `unplaced_line` warning.
///
/// Returns how many papers were folded (0 when none were), so that indices
/// into the papers can be shifted.
pub(super) fn fold_repeated_headings(digest: &mut Digest, paper_lines: &mut Vec<usize>) -> usize {
    let headings_only = |p: &Paper| {
        p.authors.is_empty()
            && p.links.is_empty()
            && p.figures.is_empty()
            && p.recommendation.is_none()
    };
    let run = digest
        .papers
        .iter()
        .take_while(|p| headings_only(p))
        .count();
    if run == 0 || run == digest.papers.len() {
        return 0;
    }
    // A table of contents written as paper headings repeats each heading
    // whole: its number and its title (`论文 1：Scaling` comes again as
    // `论文 1：Scaling`; under `论文 2：` it is another paper).
    let later: std::collections::HashSet<(u32, String)> = digest.papers[run..]
        .iter()
        .filter(|p| !p.authors.is_empty() || !p.links.is_empty())
        .map(|p| (p.number, title_key(&p.title)))
        .collect();
    if !digest.papers[..run]
        .iter()
        .all(|p| later.contains(&(p.number, title_key(&p.title))))
    {
        return 0;
    }
    let lines: Vec<usize> = paper_lines.drain(..run.min(paper_lines.len())).collect();
    let mut listed = Vec::with_capacity(run);
    for (i, paper) in digest.papers.drain(..run).enumerate() {
        listed.push(paper.title);
        let Some(text) = paper.abstract_text else {
            continue;
        };
        if digest.issue.summary.is_none() {
            digest.issue.summary = Some(text);
        } else {
            digest.warnings.push(Warning::new(
                WarningCode::UnplacedLine,
                format!(
                    "text under a contents entry fits no field: {}",
                    crate::model::quote(&text)
                ),
                lines.get(i).map(|l| l + 1),
            ));
        }
    }
    if digest.issue.contents.is_empty() {
        digest.issue.contents = listed;
    } else {
        digest.stripped.boilerplate.extend(listed);
    }
    run
}

/// A title compared without its white space and case: a site that squashes a
/// heading's spaces still names the same paper.
pub(crate) fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `text` without its white space.
fn without_white_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `a` and `b` are the same characters but for white space.
fn same_but_spaces(a: &str, b: &str) -> bool {
    // Compared lazily: most pairs differ in their first characters.
    a.chars()
        .filter(|c| !c.is_whitespace())
        .eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// How many runs of white space separate `text`'s words.
fn word_breaks(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Up to this many (paper, contents entry) pairs are compared directly;
/// past it, the entries are indexed by their characters without white
/// space, so that a page of many papers and entries stays linear.
const DIRECT_PAIRS: usize = 1 << 12;

/// Titles as the contents space them: a paper whose heading's title is no
/// contents entry, but a contents entry is the same characters but for
/// white space and has more word breaks (a site squashed the heading,
/// `BalanceControlof aNovelWheel-leggedRobot` under the contents'
/// `Balance Control of a Novel Wheel-legged Robot`), takes the first such
/// entry as its title and keeps the heading's in [`Paper::heading_title`].
/// Case is not ignored: a heading that differs in more than its spaces is
/// the page's own title.
pub(super) fn spaced_titles(digest: &mut Digest) {
    let contents = &digest.issue.contents;
    if contents.is_empty() {
        return;
    }
    let direct = digest.papers.len().saturating_mul(contents.len()) <= DIRECT_PAIRS;
    let mut index: Option<HashMap<String, Vec<&str>>> = None;
    for paper in &mut digest.papers {
        let title = paper.title.as_str();
        let spaced = |entry: &&str| word_breaks(entry) > word_breaks(title);
        let entry = if direct {
            if contents.iter().any(|c| c == title) {
                continue;
            }
            contents
                .iter()
                .map(String::as_str)
                .filter(|c| same_but_spaces(c, title))
                .find(spaced)
        } else {
            let index = index.get_or_insert_with(|| {
                let mut index: HashMap<String, Vec<&str>> = HashMap::new();
                for entry in contents {
                    index
                        .entry(without_white_space(entry))
                        .or_default()
                        .push(entry);
                }
                index
            });
            let same = index
                .get(&without_white_space(title))
                .map_or(&[][..], Vec::as_slice);
            if same.contains(&title) {
                continue;
            }
            same.iter().copied().find(spaced)
        };
        if let Some(entry) = entry {
            let heading = std::mem::replace(&mut paper.title, entry.to_owned());
            paper.heading_title = Some(heading);
        }
    }
}
