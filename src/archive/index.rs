//! The paper index: one entry per distinct paper across the archive's
//! issues, with every appearance and the richest record.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::ArchivedIssue;
use super::field::{Field, Links, Names, Prose};
use super::key::title_key;
use crate::model::{Category, Link, Paper};

/// One distinct paper of the archive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexedPaper {
    /// The paper's identity: `arxiv:2203.15556` where an appearance links to
    /// arXiv, else `title:` and its [`super::title_key`].
    pub id: String,
    /// The arXiv identifier, where an appearance gives one.
    pub arxiv_id: Option<String>,
    /// The title: the fullest a featured appearance gives, else a radio entry's.
    pub title: String,
    /// The authors, from the fullest featured appearance.
    pub authors: Vec<String>,
    /// Whether that author list ends with `等` / `et al.`.
    pub et_al: bool,
    /// The names radio entries give in `(from …)`, each once.
    pub from: Vec<String>,
    /// The links of the richest featured appearance.
    pub links: Vec<Link>,
    /// The fullest abstract of a featured appearance.
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    /// Every appearance, in issue order.
    pub appearances: Vec<Appearance>,
}

/// How a paper appears in an issue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// One of the issue's featured papers (`论文 N:`).
    #[default]
    Featured,
    /// An entry of one of its "ArXiv Weekly Radiostation" lists.
    Radio,
    /// A role this version does not know, read from JSON written by a newer
    /// one. The index never produces it.
    #[serde(other)]
    Other,
}

/// One appearance of a paper in an issue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appearance {
    /// The issue, as an index into [`Dataset::issues`](super::Dataset::issues).
    pub issue: usize,
    /// The issue's date.
    pub date: Option<crate::Date>,
    /// Featured, or in a radio list.
    pub role: Role,
    /// The paper's number (`论文 N`) or the entry's number in its list.
    pub number: u32,
    /// For a radio entry, the list's index in the issue's `radio`.
    pub list: Option<usize>,
    /// For a radio entry, the list's category where its heading names one.
    pub category: Option<Category>,
}

/// One appearance with what identifies it and what it says.
struct Item<'a> {
    appearance: Appearance,
    key: String,
    arxiv: BTreeSet<&'a str>,
    title: &'a str,
    paper: Option<&'a crate::model::Paper>,
    from: &'a [String],
}

/// Builds the index from the merged issues, in a fixed order: the same
/// issues always give the same index.
pub(crate) fn build(issues: &[ArchivedIssue]) -> Vec<IndexedPaper> {
    let mut items = Vec::new();
    for (i, issue) in issues.iter().enumerate() {
        let date = &issue.issue.date;
        for paper in &issue.papers {
            items.push(Item {
                appearance: Appearance {
                    issue: i,
                    date: *date,
                    role: Role::Featured,
                    number: paper.number,
                    list: None,
                    category: None,
                },
                key: title_key(&paper.title),
                arxiv: paper.arxiv_id().into_iter().collect(),
                title: &paper.title,
                paper: Some(paper),
                from: &[],
            });
        }
        for (l, list) in issue.radio.iter().enumerate() {
            for entry in &list.entries {
                items.push(Item {
                    appearance: Appearance {
                        issue: i,
                        date: *date,
                        role: Role::Radio,
                        number: entry.number,
                        list: Some(l),
                        category: list.category,
                    },
                    key: title_key(&entry.title),
                    arxiv: BTreeSet::new(),
                    title: &entry.title,
                    paper: None,
                    from: &entry.from,
                });
            }
        }
    }

    // Identity: a shared arXiv id joins appearances; a shared title key
    // joins them unless both sides carry different arXiv ids.
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut ids: Vec<BTreeSet<&str>> = items.iter().map(|it| it.arxiv.clone()).collect();
    let mut by_arxiv: HashMap<&str, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        for &id in &item.arxiv {
            match by_arxiv.get(id) {
                Some(&first) => union(&mut parent, &mut ids, first, i),
                None => {
                    by_arxiv.insert(id, i);
                }
            }
        }
    }
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if item.key.is_empty() {
            continue;
        }
        match by_key.get(item.key.as_str()) {
            Some(&first) => {
                let (a, b) = (find(&mut parent, first), find(&mut parent, i));
                if ids[a].is_empty() || ids[b].is_empty() || !ids[a].is_disjoint(&ids[b]) {
                    union(&mut parent, &mut ids, a, b);
                }
            }
            None => {
                by_key.insert(&item.key, i);
            }
        }
    }

    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let root = find(&mut parent, i);
        components.entry(root).or_default().push(i);
    }
    let mut papers: Vec<(usize, IndexedPaper)> = components
        .into_values()
        .map(|members| (members[0], entry(&items, &members)))
        .collect();
    papers.sort_by_key(|(first, _)| *first);
    papers.into_iter().map(|(_, p)| p).collect()
}

/// The index entry of one distinct paper from its appearances.
fn entry(items: &[Item<'_>], members: &[usize]) -> IndexedPaper {
    let mut title = Field::default();
    let mut radio_title = Field::default();
    let mut authors = Field::default();
    let mut links = Field::default();
    let mut abstract_text = Field::default();
    let mut arxiv: BTreeMap<&str, usize> = BTreeMap::new();
    let mut from: Vec<String> = Vec::new();
    let mut from_keys = BTreeSet::new();
    for (&m, n) in members.iter().zip(0u32..) {
        let item = &items[m];
        for &id in &item.arxiv {
            *arxiv.entry(id).or_default() += 1;
        }
        for name in item.from {
            if from_keys.insert(title_key(name)) {
                from.push(name.clone());
            }
        }
        match item.paper {
            Some(p) => {
                // Every field named: a new one fails to compile here until it
                // is indexed across issues or said not to be.
                let Paper {
                    // The appearance's own (`item`), which radio entries share.
                    number: _,
                    title: _,
                    authors: names,
                    et_al,
                    links: paper_links,
                    abstract_text: summary,
                    // An issue's own: the archive's issues carry them.
                    figures: _,
                    recommendation: _,
                    // The heading as written: the spaced title above is indexed.
                    heading_title: _,
                } = p;
                title.add(Prose(item.title.to_owned()), n);
                if !names.is_empty() {
                    authors.add(
                        Names {
                            names: names.clone(),
                            et_al: *et_al,
                        },
                        n,
                    );
                }
                if !paper_links.is_empty() {
                    links.add(Links(paper_links.clone()), n);
                }
                abstract_text.add_some(summary.clone().map(Prose), n);
            }
            None => radio_title.add(Prose(item.title.to_owned()), n),
        }
    }
    let title = title
        .value()
        .or_else(|| radio_title.value())
        .map(|t| t.0.clone())
        .unwrap_or_default();
    // The arXiv id most appearances give; the smallest on a tie.
    let arxiv_id = arxiv
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(id, _)| (*id).to_owned());
    let id = match &arxiv_id {
        Some(a) => format!("arxiv:{a}"),
        None => format!("title:{}", items[members[0]].key),
    };
    let (authors, et_al) = authors
        .value()
        .map_or((Vec::new(), false), |a| (a.names.clone(), a.et_al));
    IndexedPaper {
        id,
        arxiv_id,
        title,
        authors,
        et_al,
        from,
        links: links.value().map(|l| l.0.clone()).unwrap_or_default(),
        abstract_text: abstract_text.value().map(|a| a.0.clone()),
        appearances: members
            .iter()
            .map(|&m| items[m].appearance.clone())
            .collect(),
    }
}

/// The root of `i` in a union-find forest, halving the path on the way.
pub(super) fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the components of `a` and `b`; the smaller index is the root.
fn union(parent: &mut [usize], ids: &mut [BTreeSet<&str>], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra == rb {
        return;
    }
    let (root, child) = (ra.min(rb), ra.max(rb));
    parent[child] = root;
    let moved = std::mem::take(&mut ids[child]);
    ids[root].extend(moved);
}
