//! A folder of copies as one dataset: issues merged across copies, papers
//! indexed across issues.
//!
//! People hold the same issue several times: saved from WeChat, from a
//! 163.com repost in GBK, from an aggregator's text scrape, from a Markdown
//! repost, each with different gaps. An [`Archive`] takes every [`Digest`]
//! with its [`Origin`] (a path, a URL, a WARC record) and builds a
//! [`Dataset`]:
//!
//! * **issues** ([`ArchivedIssue`]), one per real issue. Copies with the same
//!   date are one issue; a copy without a date joins the issue with the same
//!   title and headlines, or with most of the same featured papers. Two
//!   copies with different dates are never merged. Each field is built from
//!   the copies: the most complete value wins (a date over none, seven papers
//!   over one, a list with its heading over one without, a full abstract over
//!   a cut one); where copies disagree (two author lists for one paper), one
//!   is kept and an [`ArchiveWarning`] quotes both and names the copies.
//!   Every issue lists its copies and which fields came from which.
//! * **papers** ([`IndexedPaper`]), one per distinct paper across the
//!   archive, identified by its arXiv id where any copy has one, else by its
//!   [`title_key`]; each lists every appearance (the issue, featured with its
//!   number or in which radio list) and carries the richest record.
//!
//! Adding a digest folds it into its issue at once: memory grows with the
//! number of distinct issues and papers (and a small record per copy), not
//! with the pages read. The result does not depend on the order the
//! digests arrive in.
//!
//! ```
//! use paper_digest::archive::{Archive, Origin};
//!
//! let text = std::fs::read("tests/fixtures/seed-2022-04-10.txt")?;
//! let wechat = std::fs::read("tests/fixtures/sites/wechat/page.html")?;
//!
//! let mut archive = Archive::new();
//! archive.add_page(&text, Origin::path("seed.txt"))?;
//! archive.add_page(&wechat, Origin::url("https://mp.weixin.qq.com/s/x"))?;
//! let dataset = archive.build();
//!
//! // The text scrape has no date; the WeChat copy has one: one issue.
//! assert_eq!(dataset.issues.len(), 1);
//! let issue = &dataset.issues[0];
//! assert_eq!(issue.issue.date.unwrap().to_string(), "2022-04-10");
//! assert_eq!(issue.copies.len(), 2);
//! // The date came from the WeChat copy.
//! let from = &issue.fields["issue.date"];
//! assert_eq!(issue.copies[from[0]].origin, Origin::url("https://mp.weixin.qq.com/s/x"));
//! assert_eq!(dataset.summary.papers, dataset.papers.len());
//! println!("{}", serde_json::to_string_pretty(&dataset)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod field;
mod index;
mod key;
mod resolve;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use self::field::{Field, Figures, Heading, Links, Name, Names, Number, Prose};
use self::index::find;
pub use self::index::{Appearance, IndexedPaper, Role};
pub use self::key::title_key;
use self::resolve::Resolver;
use crate::model::{Digest, Issue, Paper, RadioList};
use crate::{Error, Parser};

/// Where a copy came from: a file, a URL, a record of a WARC file, or a mix
/// (a WARC record has the WARC file's path, the record id and the page's URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Origin {
    /// The file the copy was read from.
    pub path: Option<String>,
    /// The page's URL.
    pub url: Option<String>,
    /// The record inside the file (a WARC-Record-ID), when the file holds several pages.
    pub record: Option<String>,
}

impl Origin {
    /// A copy read from a file.
    pub fn path(path: impl AsRef<Path>) -> Self {
        Origin {
            path: Some(path.as_ref().display().to_string()),
            ..Origin::default()
        }
    }

    /// A copy fetched from a URL.
    pub fn url(url: impl Into<String>) -> Self {
        Origin {
            url: Some(url.into()),
            ..Origin::default()
        }
    }

    /// A record of a WARC file: the file, the record's `WARC-Record-ID`, and
    /// its `WARC-Target-URI` when it has one.
    pub fn warc(file: impl AsRef<Path>, record: impl Into<String>, url: Option<String>) -> Self {
        Origin {
            path: Some(file.as_ref().display().to_string()),
            url,
            record: Some(record.into()),
        }
    }
}

impl fmt::Display for Origin {
    /// `path`, `url`, or `path#record` for a WARC record.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, &self.url, &self.record) {
            (Some(p), _, Some(r)) => write!(f, "{p}#{r}"),
            (Some(p), _, None) => f.write_str(p),
            (None, Some(u), _) => f.write_str(u),
            (None, None, Some(r)) => f.write_str(r),
            (None, None, None) => f.write_str("(unknown)"),
        }
    }
}

/// One copy of an issue: where it came from and what it held.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueCopy {
    /// Where the copy came from.
    pub origin: Origin,
    /// The copy's place among the digests of its page, from 1 (a page can
    /// hold several issues; see [`parse_all`](crate::parse_all)).
    pub part: usize,
    /// The title as this copy gives it.
    pub title: Option<String>,
    /// The date as this copy gives it.
    pub date: Option<crate::Date>,
    /// How many featured papers this copy holds.
    pub papers: usize,
    /// How many radio entries this copy holds, over all its lists.
    pub radio_entries: usize,
    /// How many warnings parsing this copy gave.
    pub warnings: usize,
}

/// The stable codes of [`ArchiveWarning`]s. They serialize as snake_case strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ArchiveWarningCode {
    /// Copies give a field different values; one was kept, the message
    /// quotes the others and names their copies.
    Conflict,
    /// Copies without a date match more than one dated issue; they joined
    /// the one they share most with.
    AmbiguousCopy,
    /// Another issue has the same title or most of the same papers under a
    /// different date; the two were kept apart, as differently dated copies
    /// always are.
    DatesDiffer,
    /// A code this version does not know, read from JSON written by a newer
    /// one. The archive never produces it.
    #[serde(other)]
    Other,
}

impl ArchiveWarningCode {
    /// The code as it appears in JSON, e.g. `conflict`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArchiveWarningCode::Conflict => "conflict",
            ArchiveWarningCode::AmbiguousCopy => "ambiguous_copy",
            ArchiveWarningCode::DatesDiffer => "dates_differ",
            ArchiveWarningCode::Other => "other",
        }
    }
}

impl fmt::Display for ArchiveWarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something the merge of an issue's copies could not settle on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveWarning {
    /// A stable, machine-readable code.
    pub code: ArchiveWarningCode,
    /// The field concerned, as a path into the issue (`papers[2].authors`),
    /// or `None` for the issue as a whole.
    #[serde(default)]
    pub field: Option<String>,
    /// What happened, quoting the values and naming the copies.
    #[serde(default)]
    pub message: String,
    /// The copies concerned, as indexes into [`ArchivedIssue::copies`].
    #[serde(default)]
    pub copies: Vec<usize>,
}

/// One issue, merged from all its copies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArchivedIssue {
    /// The issue-level facts, each from the copies that had it.
    pub issue: Issue,
    /// The featured papers, in number order.
    pub papers: Vec<Paper>,
    /// The radio lists, in page order.
    pub radio: Vec<RadioList>,
    /// The copies, ordered by origin.
    pub copies: Vec<IssueCopy>,
    /// Which copies each field came from: a path into the issue
    /// (`issue.date`, `papers[0].authors`, `radio[2].heading`; a radio list's
    /// entries as `radio[2].entries`) to indexes into [`copies`](Self::copies).
    /// Fields no copy had are absent.
    pub fields: BTreeMap<String, Vec<usize>>,
    /// Conflicts between copies, and doubts about the grouping.
    pub warnings: Vec<ArchiveWarning>,
}

/// The archive's totals, for a closing summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Summary {
    /// Distinct origins that gave at least one copy.
    pub pages: usize,
    /// Digests added.
    pub copies: usize,
    /// Issues after merging.
    pub issues: usize,
    /// Distinct papers in the index.
    pub papers: usize,
    /// [`ArchiveWarningCode::Conflict`] warnings over all issues.
    pub conflicts: usize,
}

/// Everything an [`Archive`] holds, merged: the issues and the paper index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dataset {
    /// The totals.
    pub summary: Summary,
    /// One entry per issue: dated issues by date, then undated ones by title.
    pub issues: Vec<ArchivedIssue>,
    /// One entry per distinct paper, in order of first appearance.
    pub papers: Vec<IndexedPaper>,
}

/// Copies folded in as they are added, keyed by what groups them for sure.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum GroupKey {
    /// Copies with this date.
    Date(crate::Date),
    /// Undated copies with this digest title (its key).
    Title(String),
    /// Undated copies without a digest title, by their papers and entries.
    Content(String),
}

/// A growing collection of digests, merged into issues and a paper index.
///
/// See the [module documentation](self).
#[derive(Clone, Debug, Default)]
pub struct Archive {
    groups: HashMap<GroupKey, Group>,
    copies: Vec<IssueCopy>,
    /// Per origin, how many digests it gave so far.
    parts: HashMap<Origin, usize>,
    parser: Parser,
}

impl Archive {
    /// An empty archive; [`add_page`](Self::add_page) parses with the default options.
    pub fn new() -> Self {
        Archive::default()
    }

    /// An empty archive whose [`add_page`](Self::add_page) parses with `parser`.
    pub fn with_parser(parser: Parser) -> Self {
        Archive {
            parser,
            ..Archive::default()
        }
    }

    /// Adds one digest from `origin`. A page that holds several digests
    /// adds them in page order, each with the same origin.
    pub fn add(&mut self, digest: Digest, origin: Origin) {
        let id = u32::try_from(self.copies.len()).unwrap_or(u32::MAX);
        let part = self.parts.entry(origin.clone()).or_insert(0);
        *part += 1;
        self.copies.push(IssueCopy {
            origin,
            part: *part,
            title: digest.issue.title.clone(),
            date: digest.issue.date,
            papers: digest.papers.len(),
            radio_entries: digest.radio.iter().map(|l| l.entries.len()).sum(),
            warnings: digest.warnings.len(),
        });
        let key = group_key(&digest);
        self.groups.entry(key).or_default().fold(digest, id);
    }

    /// Parses a page (every digest in it, as [`Parser::parse_bytes_all`])
    /// and adds each digest. Returns how many it added.
    ///
    /// # Errors
    ///
    /// As [`Parser::parse_bytes_all`]; nothing is added then.
    pub fn add_page(&mut self, page: &[u8], origin: Origin) -> Result<usize, Error> {
        let digests = self.parser.parse_bytes_all(page)?;
        let n = digests.len();
        for digest in digests {
            self.add(digest, origin.clone());
        }
        Ok(n)
    }

    /// How many digests were added.
    pub fn len(&self) -> usize {
        self.copies.len()
    }

    /// Whether no digest was added.
    pub fn is_empty(&self) -> bool {
        self.copies.is_empty()
    }

    /// Merges what was added so far into issues and a paper index. The
    /// archive stays usable: add more and build again.
    pub fn build(&self) -> Dataset {
        let mut order: Vec<usize> = (0..self.copies.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.copies[a], &self.copies[b]);
            (&a.origin, a.part).cmp(&(&b.origin, b.part))
        });
        let mut rank = vec![0; self.copies.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id] = r;
        }
        let mut keys: Vec<&GroupKey> = self.groups.keys().collect();
        keys.sort();
        let groups: Vec<&Group> = keys.iter().map(|k| &self.groups[*k]).collect();
        let clusters = cluster(&keys, &groups);

        let mut issues: Vec<ArchivedIssue> = clusters
            .into_iter()
            .map(|c| {
                let merged = match c.members.as_slice() {
                    [one] => Cow::Borrowed(groups[*one]),
                    [first, rest @ ..] => {
                        let mut merged = groups[*first].clone();
                        for &m in rest {
                            merged.absorb(groups[m].clone());
                        }
                        Cow::Owned(merged)
                    }
                    [] => Cow::Owned(Group::default()),
                };
                Resolver::new(&merged, &self.copies, &rank).issue(&merged, c.notes)
            })
            .collect();
        issues.sort_by(|a, b| {
            (
                a.issue.date.is_none(),
                &a.issue.date,
                &a.issue.title,
                &a.copies[0].origin,
            )
                .cmp(&(
                    b.issue.date.is_none(),
                    &b.issue.date,
                    &b.issue.title,
                    &b.copies[0].origin,
                ))
        });
        let papers = index::build(&issues);
        let conflicts = issues
            .iter()
            .flat_map(|i| &i.warnings)
            .filter(|w| w.code == ArchiveWarningCode::Conflict)
            .count();
        Dataset {
            summary: Summary {
                pages: self.parts.len(),
                copies: self.copies.len(),
                issues: issues.len(),
                papers: papers.len(),
                conflicts,
            },
            issues,
            papers,
        }
    }
}

/// What groups a copy for sure: its date; else its digest title; else its content.
fn group_key(digest: &Digest) -> GroupKey {
    if let Some(date) = &digest.issue.date {
        return GroupKey::Date(*date);
    }
    if let Some(title) = digest
        .issue
        .title
        .as_deref()
        .filter(|t| crate::grammar::is_digest_title(t))
    {
        return GroupKey::Title(title_key(title));
    }
    let mut keys: Vec<String> = digest.papers.iter().map(paper_key).collect();
    keys.extend(
        digest
            .radio
            .iter()
            .flat_map(|l| &l.entries)
            .map(|e| title_key(&e.title)),
    );
    keys.sort();
    GroupKey::Content(keys.join("\n"))
}

/// The key of a featured paper within its issue: its title key, or its
/// number when the title has no words.
fn paper_key(paper: &Paper) -> String {
    let key = title_key(&paper.title);
    if key.is_empty() {
        format!("#{}", paper.number)
    } else {
        key
    }
}

/// The copies of one issue (or of part of one, until [`Archive::build`]
/// puts undated copies with their dated issue), field by field.
#[derive(Clone, Debug, Default)]
struct Group {
    copies: Vec<u32>,
    title: Field<Prose>,
    date: Field<crate::Date>,
    source: Field<Name>,
    contributors: Field<Names>,
    summary: Field<Prose>,
    contents: Field<Names>,
    papers: BTreeMap<String, PaperSlot>,
    radio: Vec<RadioSlot>,
}

#[derive(Clone, Debug, Default)]
struct PaperSlot {
    number: Field<Number>,
    title: Field<Prose>,
    authors: Field<Names>,
    links: Field<Links>,
    abstract_text: Field<Prose>,
    figures: Field<Figures>,
    recommendation: Field<Prose>,
    heading_title: Field<Prose>,
}

#[derive(Clone, Debug, Default)]
struct RadioSlot {
    heading: Field<Heading>,
    entries: BTreeMap<u32, EntrySlot>,
}

#[derive(Clone, Debug, Default)]
struct EntrySlot {
    title: Field<Prose>,
    from: Field<Names>,
}

fn names(names: Vec<String>, et_al: bool) -> Option<Names> {
    (!names.is_empty()).then_some(Names { names, et_al })
}

impl Group {
    fn fold(&mut self, digest: Digest, id: u32) {
        self.copies.push(id);
        let Digest {
            issue,
            papers,
            radio,
            ..
        } = digest;
        self.title.add_some(issue.title.map(Prose), id);
        self.date.add_some(issue.date, id);
        self.source.add_some(issue.source.map(Name), id);
        self.contributors
            .add_some(names(issue.contributors, false), id);
        self.summary.add_some(issue.summary.map(Prose), id);
        self.contents.add_some(names(issue.contents, false), id);
        for paper in papers {
            let slot = self.papers.entry(paper_key(&paper)).or_default();
            // Every field named: a new one fails to compile here until it
            // has a slot its copies are merged in (`PaperSlot`, and
            // `Resolver::paper` to choose among them).
            let Paper {
                number,
                title,
                authors,
                et_al,
                links,
                abstract_text,
                figures,
                recommendation,
                heading_title,
            } = paper;
            slot.number.add(Number(number), id);
            slot.title.add(Prose(title), id);
            slot.authors.add_some(names(authors, et_al), id);
            slot.links
                .add_some((!links.is_empty()).then_some(Links(links)), id);
            slot.abstract_text.add_some(abstract_text.map(Prose), id);
            slot.figures
                .add_some((!figures.is_empty()).then_some(Figures(figures)), id);
            slot.recommendation.add_some(recommendation.map(Prose), id);
            slot.heading_title.add_some(heading_title.map(Prose), id);
        }
        for (i, list) in radio.into_iter().enumerate() {
            if self.radio.len() <= i {
                self.radio.push(RadioSlot::default());
            }
            let slot = &mut self.radio[i];
            if let Some(heading) = list.heading {
                slot.heading.add(
                    Heading {
                        heading,
                        category: list.category,
                    },
                    id,
                );
            }
            for entry in list.entries {
                let e = slot.entries.entry(entry.number).or_default();
                e.title.add(Prose(entry.title), id);
                e.from.add_some(names(entry.from, false), id);
            }
        }
    }

    fn absorb(&mut self, other: Group) {
        self.copies.extend(other.copies);
        self.title.absorb(other.title);
        self.date.absorb(other.date);
        self.source.absorb(other.source);
        self.contributors.absorb(other.contributors);
        self.summary.absorb(other.summary);
        self.contents.absorb(other.contents);
        for (key, theirs) in other.papers {
            let ours = self.papers.entry(key).or_default();
            ours.number.absorb(theirs.number);
            ours.title.absorb(theirs.title);
            ours.authors.absorb(theirs.authors);
            ours.links.absorb(theirs.links);
            ours.abstract_text.absorb(theirs.abstract_text);
            ours.figures.absorb(theirs.figures);
            ours.recommendation.absorb(theirs.recommendation);
            ours.heading_title.absorb(theirs.heading_title);
        }
        for (i, theirs) in other.radio.into_iter().enumerate() {
            if self.radio.len() <= i {
                self.radio.push(RadioSlot::default());
            }
            let ours = &mut self.radio[i];
            ours.heading.absorb(theirs.heading);
            for (n, e) in theirs.entries {
                let mine = ours.entries.entry(n).or_default();
                mine.title.absorb(e.title);
                mine.from.absorb(e.from);
            }
        }
    }

    /// The keys of the digest titles the copies give.
    fn title_keys(&self) -> BTreeSet<String> {
        self.title
            .candidates
            .iter()
            .filter(|c| crate::grammar::is_digest_title(&c.value.0))
            .map(|c| title_key(&c.value.0))
            .filter(|k| !k.is_empty())
            .collect()
    }

    fn date(&self) -> Option<crate::Date> {
        self.date.value().copied()
    }
}

/// Do two groups hold most of the same featured papers?
fn most_papers_shared(a: &Group, b: &Group) -> usize {
    let shared = a
        .papers
        .keys()
        .filter(|k| b.papers.contains_key(*k))
        .count();
    let fewer = a.papers.len().min(b.papers.len());
    if fewer > 0 && shared * 2 > fewer {
        shared
    } else {
        0
    }
}

/// How well two groups match: (same digest title, papers shared), or `None`.
/// The same title matches; two different digest titles never do, whatever
/// papers they share (an issue can feature a paper another one listed);
/// otherwise most of the same featured papers match.
fn matching(
    a: (&Group, &BTreeSet<String>),
    b: (&Group, &BTreeSet<String>),
) -> Option<(bool, usize)> {
    let papers = most_papers_shared(a.0, b.0);
    if !a.1.is_disjoint(b.1) {
        return Some((true, papers));
    }
    if !a.1.is_empty() && !b.1.is_empty() {
        return None;
    }
    (papers > 0).then_some((false, papers))
}

/// The groups that make one issue (the first the dated one, if any) and
/// what the grouping noted about them.
struct Cluster {
    members: Vec<usize>,
    notes: Vec<Note>,
}

/// A date as a grouping note quotes it (empty for none: a group in a
/// note is a dated one).
fn date_text(date: Option<crate::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A grouping doubt, turned into a warning once copies have their indexes.
enum Note {
    /// The issue's undated copies matched the issues of several dates.
    Ambiguous { dates: Vec<String>, chosen: String },
    /// An issue of another date matches this one.
    DatesDiffer { date: String },
}

/// Groups the copy groups into issues: undated groups that match each other
/// go together, and join the dated group they match best; dated groups
/// never merge. Everything here is decided on sorted keys, so the result
/// does not depend on the order copies were added.
fn cluster(keys: &[&GroupKey], groups: &[&Group]) -> Vec<Cluster> {
    let titles: Vec<BTreeSet<String>> = groups.iter().map(|g| g.title_keys()).collect();
    let dated: Vec<usize> = (0..keys.len())
        .filter(|&i| matches!(keys[i], GroupKey::Date(_)))
        .collect();
    let undated: Vec<usize> = (0..keys.len())
        .filter(|&i| !matches!(keys[i], GroupKey::Date(_)))
        .collect();
    let candidates = Candidates::new(groups, &titles);
    let pair = |a: usize, b: usize| matching((groups[a], &titles[a]), (groups[b], &titles[b]));

    // Undated groups that match each other.
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    for &u in &undated {
        for v in candidates.of(u) {
            if v > u && !matches!(keys[v], GroupKey::Date(_)) && pair(u, v).is_some() {
                let (ru, rv) = (find(&mut parent, u), find(&mut parent, v));
                parent[ru.max(rv)] = ru.min(rv);
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &u in &undated {
        let root = find(&mut parent, u);
        components.entry(root).or_default().push(u);
    }

    let mut clusters: BTreeMap<usize, Cluster> = dated
        .iter()
        .map(|&d| {
            (
                d,
                Cluster {
                    members: vec![d],
                    notes: Vec::new(),
                },
            )
        })
        .collect();
    // Dated groups that match one another: kept apart, with a note.
    for &d in &dated {
        for e in candidates.of(d) {
            if e != d && matches!(keys[e], GroupKey::Date(_)) && pair(d, e).is_some() {
                let date = date_text(groups[e].date());
                if let Some(c) = clusters.get_mut(&d) {
                    c.notes.push(Note::DatesDiffer { date });
                }
            }
        }
    }
    for (_, members) in components {
        // The dated groups any member matches, scored over the component.
        let mut scores: BTreeMap<usize, (bool, usize)> = BTreeMap::new();
        for &u in &members {
            for d in candidates.of(u) {
                if let (GroupKey::Date(_), Some((title, papers))) = (keys[d], pair(u, d)) {
                    let s = scores.entry(d).or_default();
                    s.0 |= title;
                    s.1 += papers;
                }
            }
        }
        let best = scores.iter().max_by(|a, b| {
            let date = |d: usize| std::cmp::Reverse(groups[d].date());
            (a.1, date(*a.0)).cmp(&(b.1, date(*b.0)))
        });
        match best.map(|(&d, _)| d) {
            Some(d) => {
                let cluster = clusters.entry(d).or_insert_with(|| Cluster {
                    members: vec![d],
                    notes: Vec::new(),
                });
                if scores.len() > 1 {
                    cluster.notes.push(Note::Ambiguous {
                        dates: scores
                            .keys()
                            .map(|&e| date_text(groups[e].date()))
                            .collect(),
                        chosen: date_text(groups[d].date()),
                    });
                }
                cluster.members.extend(members);
            }
            None => {
                clusters.insert(
                    members[0],
                    Cluster {
                        members,
                        notes: Vec::new(),
                    },
                );
            }
        }
    }
    clusters.into_values().collect()
}

/// Which groups could match which: those sharing a title key or a paper.
struct Candidates {
    by_key: HashMap<String, Vec<usize>>,
    keys_of: Vec<Vec<String>>,
}

impl Candidates {
    fn new(groups: &[&Group], titles: &[BTreeSet<String>]) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut keys_of = Vec::with_capacity(groups.len());
        for (i, g) in groups.iter().enumerate() {
            let keys: Vec<String> = titles[i]
                .iter()
                .map(|t| format!("t:{t}"))
                .chain(g.papers.keys().map(|p| format!("p:{p}")))
                .collect();
            for k in &keys {
                by_key.entry(k.clone()).or_default().push(i);
            }
            keys_of.push(keys);
        }
        Candidates { by_key, keys_of }
    }

    /// The groups that share a key with group `i` (`i` included), in order.
    fn of(&self, i: usize) -> BTreeSet<usize> {
        self.keys_of[i]
            .iter()
            .flat_map(|k| self.by_key[k].iter().copied())
            .collect()
    }
}
