//! The state machine from classified lines to a [`Digest`].
//!
//! The page is read top to bottom in regions: whatever precedes the title
//! (site navigation), the header (date, byline, intro, contents), the papers,
//! the radio lists, and the trailer ([`crate::trailer`]). A line that fits no
//! field of its region becomes an [`WarningCode::UnplacedLine`] warning that
//! quotes it, so nothing vanishes.

mod checks;
mod radio;
mod shapes;
mod titles;

use crate::decode::Damage;
use crate::error::Error;
use crate::grammar::{self, LineKind};
use crate::model::{Digest, Figure, Link, Paper, Warning, WarningCode, quote};
use crate::source::{Hint, Line, Meta};
use crate::text::trim;
use crate::trailer;
use crate::truncation::{self, End};
use checks::{all_plausible, cap_warnings, check, has_evidence, not_a_digest, without_evidence};
use shapes::{byline_source, contents_entry, is_bare, is_byline, is_prose, looks_like_label};
use titles::{fold_repeated_headings, spaced_titles};

/// Where in a paper the previous line left us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PaperPart {
    /// After the heading: authors, links.
    Meta,
    /// Inside the abstract.
    Abstract,
    /// After `推荐：`.
    Recommendation,
}

/// Where in the page the previous line left us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Header,
    Paper(PaperPart),
    Radio,
}

struct Builder<'a> {
    digest: Digest,
    region: Region,
    /// The abstract paragraphs of the current paper, borrowed from the
    /// lines until the paper ends and they are joined.
    paragraphs: Vec<&'a str>,
    /// The line of each paper's heading, for warnings.
    paper_lines: Vec<usize>,
    /// Per radio list: the announced count and the heading's line.
    radio_meta: Vec<(Option<u32>, usize)>,
    /// Header lines seen before the intro: contents if no intro follows.
    pending: Vec<(String, usize)>,
    in_contents: bool,
    digest_title: bool,
    /// The previous line was an image that may take the next caption.
    image_open: bool,
    /// How many figures the current paper had when its recommendation began.
    figures_before_recommendation: usize,
    /// Links written with a label and nothing after it: paper index, link
    /// index, line. Those still without a URL at the end are warned about.
    empty_links: Vec<(usize, usize, usize)>,
}

/// Classifies every line of a document (an image line is plain). Lines
/// that match one of the user's `furniture` rules are boilerplate, whatever
/// else they look like.
pub(crate) fn classify<'a>(
    doc_lines: &'a [Line<'_>],
    furniture: &[regex::Regex],
) -> Vec<LineKind<'a>> {
    doc_lines
        .iter()
        .map(|l| match l.hint {
            Hint::Image => LineKind::Plain,
            _ if is_furniture(furniture, &l.text) => LineKind::Boilerplate,
            _ => grammar::classify(&l.text),
        })
        .collect()
}

/// The index of the first paper heading, radio heading or radio entry
/// among `kinds`, at most `cut` (the trailer's start): the digest's title
/// is a line before it.
pub(crate) fn first_structure(kinds: &[LineKind<'_>], cut: usize) -> usize {
    kinds
        .iter()
        .position(|k| {
            matches!(
                k,
                LineKind::PaperHeading { .. }
                    | LineKind::RadioHeading { .. }
                    | LineKind::RadioEntry { .. }
            )
        })
        .unwrap_or(kinds.len())
        .min(cut)
}

/// Builds one digest from a run of classified lines (a whole document, or
/// one of the digests [`crate::split`] finds in it) and the page metadata.
///
/// `damage` is what decoding the page's bytes had to repair (reported as
/// `invalid_bytes` and `page_truncated` warnings).
pub(crate) fn assemble(
    doc_lines: &[Line<'_>],
    kinds: &[LineKind<'_>],
    meta: Meta,
    furniture: &[regex::Regex],
    damage: Damage,
) -> Result<Digest, Error> {
    let cut = trailer::find_cut(kinds);

    let mut b = Builder {
        digest: Digest::default(),
        region: Region::Header,
        paragraphs: Vec::new(),
        paper_lines: Vec::new(),
        radio_meta: Vec::new(),
        pending: Vec::new(),
        in_contents: false,
        digest_title: false,
        image_open: false,
        figures_before_recommendation: 0,
        empty_links: Vec::new(),
    };

    // The title: the first digest-like line before any paper; lines above it
    // are site furniture.
    let first_structure = first_structure(kinds, cut);
    let title_at = doc_lines[..first_structure]
        .iter()
        .position(|l| grammar::is_digest_title(&l.text));
    let start = match title_at {
        Some(t) => {
            for l in &doc_lines[..t] {
                b.digest.stripped.boilerplate.push(l.text.to_string());
            }
            b.set_title(&doc_lines[t].text, true);
            t + 1
        }
        // No digest title in the body: the page's metadata names the issue,
        // else the first line does when it is plain text (it is then the
        // title, not the intro). A plain first line always comes before the
        // first structure: the trailer cannot start at a plain line.
        None => match (meta.title.as_deref(), doc_lines.first(), kinds.first()) {
            (Some(title), _, _) => {
                b.set_title(title, grammar::is_digest_title(title));
                0
            }
            (None, Some(first), Some(LineKind::Plain))
                if matches!(first.hint, Hint::Plain | Hint::Heading(_)) =>
            {
                b.set_title(&first.text, false);
                1
            }
            _ => 0,
        },
    };

    for (i, line) in doc_lines.iter().enumerate().skip(start) {
        if i >= cut {
            if is_furniture(furniture, &line.text) {
                b.digest.stripped.boilerplate.push(line.text.to_string());
            } else if let Some(heat) = trailer::sort(&line.text, &mut b.digest.stripped) {
                b.warn(
                    WarningCode::InvalidNumber,
                    format!(
                        "heat figure {} is too large; the item's heat is left empty",
                        quote(heat)
                    ),
                    Some(line.lineno),
                );
            }
            continue;
        }
        b.line(line, &kinds[i]);
    }
    b.finish_paper();
    b.finish_header();
    b.strip_figures_after_last_recommendation();
    let end = match b.region {
        Region::Header => End::Header,
        Region::Paper(PaperPart::Recommendation) => End::Recommendation,
        Region::Paper(_) => End::Paper,
        Region::Radio => End::Radio,
    };

    let Builder {
        mut digest,
        paper_lines,
        radio_meta,
        digest_title,
        empty_links,
        in_contents,
        ..
    } = b;
    let mut paper_lines = paper_lines;
    let folded = fold_repeated_headings(&mut digest, &mut paper_lines);
    // The folded papers had no links: every empty link is of a later paper,
    // which now stands `folded` places earlier.
    let empty_links: Vec<(usize, usize, usize)> = empty_links
        .into_iter()
        .filter_map(|(paper, link, line)| Some((paper.checked_sub(folded)?, link, line)))
        .collect();
    if digest.papers.is_empty() && digest.radio.iter().all(|l| l.entries.is_empty()) {
        return Err(Error::NotADigest(not_a_digest(
            &digest,
            digest_title,
            in_contents,
            doc_lines.len(),
            damage.unread,
        )));
    }
    if !has_evidence(&digest, digest_title) {
        return Err(Error::NotADigest(without_evidence(
            &digest,
            doc_lines.len(),
        )));
    }
    spaced_titles(&mut digest);
    if digest.issue.date.is_none() {
        digest.issue.date = meta.date;
    }
    if digest.issue.source.is_none() {
        digest.issue.source = meta.source;
    }
    for (paper, link, line) in empty_links {
        let paper = &digest.papers[paper];
        if paper.links[link].url.is_none() {
            digest.warnings.push(Warning::new(
                WarningCode::LinkWithoutUrl,
                format!(
                    "link \"{}\" of paper {} ({}) has no URL and no text",
                    quote(&paper.links[link].label),
                    paper.number,
                    quote(&paper.title)
                ),
                Some(line),
            ));
        }
    }
    let counts: Vec<Option<u32>> = radio_meta.iter().map(|&(count, _)| count).collect();
    let announced = truncation::announced(&digest.issue.contents);
    let cut_warnings = truncation::check(&digest, end, announced, &counts, doc_lines, cut, damage);
    digest.warnings.extend(cut_warnings);
    let unlisted = check(
        &mut digest,
        &paper_lines,
        &radio_meta,
        digest_title,
        announced.0,
    );
    cap_warnings(&mut digest.warnings, unlisted);
    Ok(digest)
}

fn is_furniture(rules: &[regex::Regex], line: &str) -> bool {
    rules.iter().any(|r| r.is_match(line))
}

impl<'a> Builder<'a> {
    fn set_title(&mut self, title: &str, digest_like: bool) {
        let (series, headlines) = grammar::split_title(title);
        let issue = &mut self.digest.issue;
        issue.title = Some(title.to_owned());
        issue.series = series;
        issue.headlines = headlines;
        self.digest_title = digest_like;
    }

    fn warn(&mut self, code: WarningCode, message: String, line: Option<usize>) {
        self.digest.warnings.push(Warning::new(code, message, line));
    }

    /// Warns of every entry of a name list that cannot be a name; it stays
    /// in the list as written.
    fn check_names(&mut self, names: &[String], what: &str, of: &str, lineno: usize) {
        for name in names.iter().filter(|n| !grammar::is_plausible_name(n)) {
            self.warn(
                WarningCode::ImplausibleName,
                format!(
                    "{what} \"{}\" {of} holds no letter; kept as written",
                    quote(name)
                ),
                Some(lineno),
            );
        }
    }

    fn unplaced(&mut self, line: &Line<'_>, region: &str) {
        self.warn(
            WarningCode::UnplacedLine,
            format!("line in the {region} fits no field: {}", quote(&line.text)),
            Some(line.lineno),
        );
    }

    fn line(&mut self, line: &'a Line<'_>, kind: &'a LineKind<'_>) {
        let image_open = std::mem::replace(&mut self.image_open, false);
        if line.hint == Hint::Image {
            if let Region::Paper(_) = self.region {
                self.paper().figures.push(Figure {
                    image: line.image.clone(),
                    caption: None,
                });
                self.image_open = true;
            } else {
                // An image outside a paper (a banner, a QR code) is furniture.
                let what = line.image.as_deref().unwrap_or(&line.text);
                self.digest
                    .stripped
                    .boilerplate
                    .push(format!("[image] {what}"));
            }
            return;
        }
        match kind {
            LineKind::PaperHeading { number, title } => {
                self.start_paper(*number, title, line.lineno)
            }
            LineKind::RadioHeading {
                heading,
                count,
                category,
            } => self.start_radio(Some(heading), *count, *category, line.lineno),
            LineKind::RadioEntry {
                number,
                title,
                from,
            } if self.region != Region::Header || !self.in_contents => {
                // Under a `目录` heading a numbered line is a contents entry.
                self.radio_entry(*number, title, from, line)
            }
            LineKind::Boilerplate => self.digest.stripped.boilerplate.push(line.text.to_string()),
            _ => match self.region {
                Region::Header => self.header_line(line, kind),
                Region::Paper(part) => self.paper_line(line, kind, part, image_open),
                Region::Radio => self.radio_line(line, kind),
            },
        }
    }

    fn header_line(&mut self, line: &Line<'_>, kind: &LineKind<'_>) {
        let issue = &mut self.digest.issue;
        match kind {
            LineKind::Date { date, raw, rest } if issue.date.is_none() => {
                issue.date.clone_from(date);
                if !rest.is_empty() && issue.source.is_none() {
                    issue.source = Some(byline_source(rest).to_owned());
                }
                if date.is_none() {
                    self.warn(
                        WarningCode::InvalidDate,
                        format!(
                            "date \"{}\" is not on the calendar; the issue date is left empty",
                            quote(raw)
                        ),
                        Some(line.lineno),
                    );
                }
            }
            LineKind::Contributors(rest) => {
                let (names, _) = grammar::split_names(rest);
                self.check_names(&names, "contributor", "of the issue", line.lineno);
                self.digest.issue.contributors.extend(names);
            }
            LineKind::SourceLabel(rest) if issue.source.is_none() && !rest.is_empty() => {
                issue.source = Some(byline_source(rest).to_owned());
            }
            LineKind::ContentsHeading => {
                self.in_contents = true;
                self.flush_pending_as_unplaced();
            }
            LineKind::Summary if issue.summary.is_none() && !self.in_contents => {
                issue.summary = Some(line.text.to_string());
                self.flush_pending_as_unplaced();
            }
            _ if is_byline(&line.text) && issue.contents.is_empty() && !self.in_contents => {
                if issue.source.is_none() {
                    issue.source = Some(byline_source(&line.text).to_owned());
                }
            }
            _ => {
                let text = contents_entry(&line.text);
                if self.in_contents || issue.summary.is_some() {
                    issue.contents.push(text.to_owned());
                } else if is_prose(&line.text) || line.hint == Hint::Quote {
                    issue.summary = Some(line.text.to_string());
                    self.flush_pending_as_unplaced();
                } else {
                    self.pending.push((text.to_owned(), line.lineno));
                }
            }
        }
    }

    fn flush_pending_as_unplaced(&mut self) {
        for (text, lineno) in std::mem::take(&mut self.pending) {
            self.warn(
                WarningCode::UnplacedLine,
                format!("line in the header fits no field: {}", quote(&text)),
                Some(lineno),
            );
        }
    }

    /// Ends the header: lines held back for want of an intro are the contents.
    /// Only header lines are held back, so this is a no-op past the header.
    fn finish_header(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.digest
            .issue
            .contents
            .extend(pending.into_iter().map(|(text, _)| text));
    }

    fn paper(&mut self) -> &mut Paper {
        if self.digest.papers.is_empty() {
            // Unreachable by construction: paper regions start with a paper.
            self.digest.papers.push(Paper::default());
        }
        let last = self.digest.papers.len() - 1;
        &mut self.digest.papers[last]
    }

    fn start_paper(&mut self, number: u32, title: &str, lineno: usize) {
        self.finish_paper();
        self.finish_header();
        // Contents written as "论文 1：…" lines: a second run that starts
        // again at 1 while every paper so far is a bare title means the
        // first run was the contents.
        if number == 1
            && !self.digest.papers.is_empty()
            && self.digest.issue.contents.is_empty()
            && self.digest.papers.iter().all(is_bare)
        {
            let papers = std::mem::take(&mut self.digest.papers);
            self.paper_lines.clear();
            self.digest.issue.contents = papers.into_iter().map(|p| p.title).collect();
            // Bare papers warned of nothing yet; their warnings come at the end.
        }
        self.digest.papers.push(Paper {
            number,
            title: title.to_owned(),
            ..Paper::default()
        });
        self.paper_lines.push(lineno);
        self.region = Region::Paper(PaperPart::Meta);
    }

    fn finish_paper(&mut self) {
        if !matches!(self.region, Region::Paper(_)) {
            return;
        }
        let mut paragraphs = std::mem::take(&mut self.paragraphs);
        let paper = self.paper();
        if !paragraphs.is_empty() {
            paper.abstract_text = Some(paragraphs.join("\n"));
        }
        if paper.recommendation.as_deref() == Some("") {
            paper.recommendation = None;
        }
        // The buffer is kept for the next paper's paragraphs.
        paragraphs.clear();
        self.paragraphs = paragraphs;
    }

    fn paper_line(
        &mut self,
        line: &'a Line<'_>,
        kind: &'a LineKind<'_>,
        part: PaperPart,
        image_open: bool,
    ) {
        let text = line.text.as_ref();
        match kind {
            LineKind::Authors(rest) => {
                let (names, et_al) = grammar::split_names(rest);
                // The message's words are built only when there is a warning.
                if !all_plausible(&names) {
                    let paper = self.paper();
                    let of = format!("of paper {} ({})", paper.number, quote(&paper.title));
                    self.check_names(&names, "author", &of, line.lineno);
                }
                let paper = self.paper();
                paper.authors.extend(names);
                paper.et_al |= et_al;
            }
            LineKind::Link { label, rest } => {
                let found = grammar::find_url_at(rest);
                let url = found
                    .map(|(_, url)| url.to_owned())
                    .or_else(|| line.hrefs.first().cloned());
                // The arXiv reference of the URL, else of the text as written.
                let arxiv = url
                    .as_deref()
                    .and_then(grammar::arxiv_reference)
                    .or_else(|| grammar::arxiv_reference(rest));
                let (arxiv_id, arxiv_version) = arxiv.unzip();
                // Without a URL, what was written stays (less its password,
                // which has a field of its own).
                let outside = found.map_or(0..0, |(at, url)| at..at + url.len());
                let (written, password) = grammar::split_password(rest, outside);
                let written = trim(written);
                let link = Link {
                    kind: crate::LinkKind::of(label, url.as_deref()),
                    label: (*label).to_owned(),
                    text: (url.is_none() && !written.is_empty()).then(|| written.to_owned()),
                    arxiv_id,
                    arxiv_version: arxiv_version.flatten(),
                    password: password.map(str::to_owned),
                    url,
                };
                let empty = link.url.is_none() && link.text.is_none();
                let links = &mut self.paper().links;
                links.push(link);
                let link_index = links.len() - 1;
                if empty {
                    let paper_index = self.digest.papers.len() - 1;
                    self.empty_links
                        .push((paper_index, link_index, line.lineno));
                }
            }
            LineKind::Password(rest) => {
                let value = grammar::password_value(rest).map(str::to_owned);
                match self.paper().links.last_mut() {
                    Some(link) if link.password.is_none() && value.is_some() => {
                        link.password = value
                    }
                    _ => self.unplaced(line, "paper"),
                }
            }
            LineKind::Abstract(rest) => {
                if !rest.is_empty() {
                    self.paragraphs.push(*rest);
                }
                self.region = Region::Paper(PaperPart::Abstract);
            }
            LineKind::Recommendation(rest) => {
                let paper = self.paper();
                match &mut paper.recommendation {
                    Some(r) if !rest.is_empty() => {
                        r.push('\n');
                        r.push_str(rest);
                    }
                    Some(_) => {}
                    None => paper.recommendation = Some((*rest).to_owned()),
                }
                if part != PaperPart::Recommendation {
                    self.figures_before_recommendation = self.paper().figures.len();
                }
                self.region = Region::Paper(PaperPart::Recommendation);
            }
            LineKind::Caption => self.caption(text, image_open),
            _ if line.hint == Hint::Caption => self.caption(text, image_open),
            LineKind::Radiostation => self.digest.stripped.boilerplate.push(text.to_owned()),
            // A radio entry never gets here: `line` starts a radio list with it.
            _ => {
                // A bare URL right after a link label that lost its URL.
                if let Some(link) = self.paper().links.last_mut()
                    && link.url.is_none()
                    && link.text.is_none()
                    && let Some(url) = grammar::find_url(text).filter(|u| u.len() == text.len())
                {
                    (link.arxiv_id, link.arxiv_version) = match grammar::arxiv_reference(url) {
                        Some((id, version)) => (Some(id), version),
                        None => (None, None),
                    };
                    link.kind = crate::LinkKind::of(&link.label, Some(url));
                    link.url = Some(url.to_owned());
                    return;
                }
                match part {
                    PaperPart::Abstract => self.paragraphs.push(text),
                    PaperPart::Recommendation => {
                        let paper = self.paper();
                        if paper.recommendation.as_deref() == Some("") {
                            paper.recommendation = Some(text.to_owned());
                        } else {
                            self.unplaced(line, "paper, after its recommendation");
                        }
                    }
                    PaperPart::Meta => {
                        if looks_like_label(text) {
                            self.unplaced(line, "paper's metadata");
                        } else {
                            // An abstract without its "摘要：" marker.
                            self.paragraphs.push(text);
                            self.region = Region::Paper(PaperPart::Abstract);
                        }
                    }
                }
            }
        }
    }

    /// Images (and their captions) between the last paper's recommendation
    /// and the end of the content (the trailer's `© THE END`, a QR code, an
    /// ad banner) are furniture, not that paper's figures: the column puts a
    /// paper's figures before its recommendation.
    fn strip_figures_after_last_recommendation(&mut self) {
        if self.region != Region::Paper(PaperPart::Recommendation) {
            return;
        }
        let from = self.figures_before_recommendation;
        let paper = self.paper();
        if paper.figures.len() <= from {
            return;
        }
        let stray: Vec<Figure> = paper.figures.drain(from..).collect();
        for figure in stray {
            if let Some(image) = figure.image {
                self.digest
                    .stripped
                    .boilerplate
                    .push(format!("[image] {image}"));
            }
            if let Some(caption) = figure.caption {
                self.digest.stripped.boilerplate.push(caption);
            }
        }
    }

    fn caption(&mut self, text: &str, image_open: bool) {
        let paper = self.paper();
        match paper.figures.last_mut() {
            Some(fig) if image_open && fig.caption.is_none() => fig.caption = Some(text.to_owned()),
            _ => paper.figures.push(Figure {
                image: None,
                caption: Some(text.to_owned()),
            }),
        }
    }
}
