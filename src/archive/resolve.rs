//! Resolving a merged group of copies into one [`ArchivedIssue`]: every
//! field chosen from its copies, its provenance recorded, conflicts quoted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::field::{Field, Value};
use super::{
    ArchiveWarning, ArchiveWarningCode, ArchivedIssue, Group, IssueCopy, Note, PaperSlot, RadioSlot,
};
use crate::model::{Issue, Paper, RadioEntry, RadioList};

/// Turns a merged group into an [`ArchivedIssue`]: chooses every field,
/// records where it came from, and quotes the conflicts.
pub(super) struct Resolver {
    /// Archive-wide copy id to index into the issue's copies.
    local: HashMap<u32, usize>,
    copies: Vec<IssueCopy>,
    fields: BTreeMap<String, Vec<usize>>,
    warnings: Vec<ArchiveWarning>,
}

/// How many copies a warning names before "and N more".
const NAMED_COPIES: usize = 3;
/// How many characters of a value a warning quotes.
const QUOTED_CHARS: usize = 120;

impl Resolver {
    pub(super) fn new(group: &Group, copies: &[IssueCopy], rank: &[usize]) -> Self {
        let mut ids = group.copies.clone();
        ids.sort_by_key(|&id| rank[id as usize]);
        Resolver {
            local: ids.iter().enumerate().map(|(i, &id)| (id, i)).collect(),
            copies: ids.iter().map(|&id| copies[id as usize].clone()).collect(),
            fields: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    fn indexes(&self, ids: &[u32]) -> Vec<usize> {
        let mut out: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.local.get(id).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn names(&self, indexes: &[usize]) -> String {
        let mut names: Vec<String> = indexes
            .iter()
            .take(NAMED_COPIES)
            .map(|&i| format!("{i}: {}", self.copies[i].origin))
            .collect();
        if indexes.len() > NAMED_COPIES {
            names.push(format!("and {} more", indexes.len() - NAMED_COPIES));
        }
        format!(
            "cop{} {}",
            if indexes.len() == 1 { "y" } else { "ies" },
            names.join(", ")
        )
    }

    /// Chooses a field's value, notes the copies it came from, and warns
    /// when copies disagree. Returns the value and its copies.
    fn pick<'a, T: Value>(
        &mut self,
        field: &'a Field<T>,
        path: &str,
    ) -> Option<(&'a T, Vec<usize>)> {
        let winner = field.choice()?;
        let kept = self.indexes(&winner.copies);
        let dissent = field.dissent(winner);
        if !dissent.is_empty() {
            let mut copies = kept.clone();
            let others: Vec<String> = dissent
                .iter()
                .map(|c| {
                    let idx = self.indexes(&c.copies);
                    copies.extend(&idx);
                    format!("{} ({})", quote(&c.value.text()), self.names(&idx))
                })
                .collect();
            copies.sort_unstable();
            copies.dedup();
            self.warnings.push(ArchiveWarning {
                code: ArchiveWarningCode::Conflict,
                field: Some(path.to_owned()),
                message: format!(
                    "copies disagree on {path}: kept {} ({}); also {}",
                    quote(&winner.value.text()),
                    self.names(&kept),
                    others.join("; ")
                ),
                copies,
            });
        }
        Some((&winner.value, kept))
    }

    /// [`pick`](Self::pick), recording the copies under `path`.
    fn field<'a, T: Value>(&mut self, field: &'a Field<T>, path: &str) -> Option<&'a T> {
        let (value, copies) = self.pick(field, path)?;
        self.fields.insert(path.to_owned(), copies);
        Some(value)
    }

    pub(super) fn issue(mut self, group: &Group, notes: Vec<Note>) -> ArchivedIssue {
        let title = self.field(&group.title, "issue.title").map(|t| t.0.clone());
        let (series, headlines) = title
            .as_deref()
            .map(crate::grammar::split_title)
            .unwrap_or_default();
        let issue = Issue {
            series,
            headlines,
            date: self.field(&group.date, "issue.date").copied(),
            source: self
                .field(&group.source, "issue.source")
                .map(|s| s.0.clone()),
            contributors: self
                .field(&group.contributors, "issue.contributors")
                .map(|c| c.names.clone())
                .unwrap_or_default(),
            summary: self
                .field(&group.summary, "issue.summary")
                .map(|s| s.0.clone()),
            contents: self
                .field(&group.contents, "issue.contents")
                .map(|c| c.names.clone())
                .unwrap_or_default(),
            title,
        };

        let mut slots: Vec<(&String, &PaperSlot)> = group.papers.iter().collect();
        let number = |s: &PaperSlot| s.number.value().map_or(u32::MAX, |n| n.0);
        slots.sort_by(|a, b| (number(a.1), a.0).cmp(&(number(b.1), b.0)));
        let papers = slots
            .into_iter()
            .enumerate()
            .map(|(i, (_, slot))| self.paper(i, slot))
            .collect();
        let radio = group
            .radio
            .iter()
            .enumerate()
            .map(|(i, slot)| self.radio_list(i, slot))
            .collect();
        self.notes(notes);
        ArchivedIssue {
            issue,
            papers,
            radio,
            copies: self.copies,
            fields: self.fields,
            warnings: self.warnings,
        }
    }

    fn paper(&mut self, i: usize, slot: &PaperSlot) -> Paper {
        let path = |f: &str| format!("papers[{i}].{f}");
        let authors = self.field(&slot.authors, &path("authors"));
        let (authors, et_al) = authors.map_or((Vec::new(), false), |a| (a.names.clone(), a.et_al));
        let title = self
            .field(&slot.title, &path("title"))
            .map(|t| t.0.clone())
            .unwrap_or_default();
        // A heading's own text only where it differs from the title chosen
        // (a copy whose heading was not squashed may have given the title).
        let heading_title = self
            .field(&slot.heading_title, &path("heading_title"))
            .map(|t| t.0.clone())
            .filter(|h| *h != title);
        Paper {
            number: self.field(&slot.number, &path("number")).map_or(0, |n| n.0),
            title,
            authors,
            et_al,
            links: self
                .field(&slot.links, &path("links"))
                .map(|l| l.0.clone())
                .unwrap_or_default(),
            abstract_text: self
                .field(&slot.abstract_text, &path("abstract"))
                .map(|a| a.0.clone()),
            figures: self
                .field(&slot.figures, &path("figures"))
                .map(|f| f.0.clone())
                .unwrap_or_default(),
            recommendation: self
                .field(&slot.recommendation, &path("recommendation"))
                .map(|r| r.0.clone()),
            heading_title,
        }
    }

    fn radio_list(&mut self, i: usize, slot: &RadioSlot) -> RadioList {
        let heading = self.field(&slot.heading, &format!("radio[{i}].heading"));
        let (heading, category) =
            heading.map_or((None, None), |h| (Some(h.heading.clone()), h.category));
        let mut from_copies = BTreeSet::new();
        let entries = slot
            .entries
            .iter()
            .enumerate()
            .map(|(j, (&number, e))| {
                let title = self.pick(&e.title, &format!("radio[{i}].entries[{j}].title"));
                let title = title.map(|(t, c)| {
                    from_copies.extend(c);
                    t.0.clone()
                });
                let from = self.pick(&e.from, &format!("radio[{i}].entries[{j}].from"));
                let from = from.map(|(f, c)| {
                    from_copies.extend(c);
                    f.names.clone()
                });
                RadioEntry {
                    number,
                    title: title.unwrap_or_default(),
                    from: from.unwrap_or_default(),
                }
            })
            .collect::<Vec<_>>();
        if !from_copies.is_empty() {
            self.fields.insert(
                format!("radio[{i}].entries"),
                from_copies.into_iter().collect(),
            );
        }
        RadioList {
            heading,
            category,
            entries,
        }
    }

    fn notes(&mut self, notes: Vec<Note>) {
        for note in notes {
            match note {
                Note::Ambiguous { dates, chosen } => {
                    let undated: Vec<usize> = (0..self.copies.len())
                        .filter(|&i| self.copies[i].date.is_none())
                        .collect();
                    self.warnings.push(ArchiveWarning {
                        code: ArchiveWarningCode::AmbiguousCopy,
                        field: None,
                        message: format!(
                            "{} without a date match{} the issues dated {}; joined to {chosen}, the one shared with most (then the earliest)",
                            self.names(&undated),
                            if undated.len() == 1 { "es" } else { "" },
                            dates.join(", ")
                        ),
                        copies: undated,
                    });
                }
                Note::DatesDiffer { date } => {
                    self.warnings.push(ArchiveWarning {
                        code: ArchiveWarningCode::DatesDiffer,
                        field: Some("issue.date".to_owned()),
                        message: format!(
                            "the issue dated {date} has the same title or most of the same papers; copies with different dates are never merged"
                        ),
                        copies: Vec::new(),
                    });
                }
            }
        }
    }
}

/// A value quoted for a message, cut to [`QUOTED_CHARS`] characters.
fn quote(text: &str) -> String {
    format!("\"{}\"", crate::text::shorten(text, QUOTED_CHARS))
}
