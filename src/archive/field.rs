//! One field of an issue as its copies give it: every distinct value, with
//! the copies that carried it. Folding a copy in is a set insertion, so the
//! order copies arrive in never matters; the choice of value and the
//! conflicts are decided once, from the whole set.

use std::borrow::Cow;
use std::cmp::Reverse;

use super::key::{same_or_prefix, title_key};
use crate::model::{Category, Figure, Link};

/// A value one field can take, and how two values of it compare.
pub(crate) trait Value: Clone + PartialEq + std::fmt::Debug {
    /// How complete the value is; the most complete value wins.
    fn score(&self) -> usize;
    /// Whether two values say the same, one perhaps less of it than the
    /// other (a copy cut off part-way, a list that lost its tail). Symmetric.
    fn agrees(&self, other: &Self) -> bool;
    /// The value as text: quoted in warnings, and the last tie-break.
    fn text(&self) -> Cow<'_, str>;
}

/// Running text (a title, an intro, an abstract): a longer text wins, and a
/// text that another continues is a truncated copy of it, not a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Prose(pub String);

impl Value for Prose {
    fn score(&self) -> usize {
        title_key(&self.0).chars().count()
    }
    fn agrees(&self, other: &Self) -> bool {
        same_or_prefix(&self.0, &other.0)
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

/// A name (the source, a date): no value is more complete than another; the
/// most copies win, and two different names disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Name(pub String);

impl Value for Name {
    fn score(&self) -> usize {
        1
    }
    fn agrees(&self, other: &Self) -> bool {
        title_key(&self.0) == title_key(&other.0)
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

/// A date: like a [`Name`], no value is more complete than another; the
/// most copies win, and two different dates disagree.
impl Value for crate::Date {
    fn score(&self) -> usize {
        1
    }
    fn agrees(&self, other: &Self) -> bool {
        self == other
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

/// A list of names or entries (authors with `et_al`, contributors,
/// contents): the longer list wins; a list that another continues agrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Names {
    pub names: Vec<String>,
    pub et_al: bool,
}

impl Value for Names {
    fn score(&self) -> usize {
        self.names.len()
    }
    fn agrees(&self, other: &Self) -> bool {
        self.names
            .iter()
            .zip(&other.names)
            .all(|(a, b)| title_key(a) == title_key(b))
    }
    fn text(&self) -> Cow<'_, str> {
        let mut s = self.names.join(", ");
        if self.et_al {
            s.push_str(" et al.");
        }
        Cow::Owned(s)
    }
}

/// A paper's links: more links with a URL win; copies disagree when both
/// have a URL under one label and the URLs differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Links(pub Vec<Link>);

impl Value for Links {
    fn score(&self) -> usize {
        self.0.iter().filter(|l| l.url.is_some()).count() * 2 + self.0.len()
    }
    fn agrees(&self, other: &Self) -> bool {
        self.0.iter().all(|a| {
            other
                .0
                .iter()
                .filter(|b| b.label == a.label)
                .all(|b| a.url.is_none() || b.url.is_none() || a.url == b.url)
        })
    }
    fn text(&self) -> Cow<'_, str> {
        // Every field that can tell two values apart is in the text: it is the
        // last tie-break, and two lists that differ only in a password (or a
        // link's text) must not be chosen by the order copies came in.
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|l| {
                let mut part = format!("{}: {}", l.label, l.url.as_deref().unwrap_or("(no URL)"));
                if let Some(text) = &l.text {
                    part.push_str(&format!(" \"{text}\""));
                }
                if let Some(password) = &l.password {
                    part.push_str(&format!(" (password {password})"));
                }
                part
            })
            .collect();
        Cow::Owned(parts.join(", "))
    }
}

/// A paper's figures: more images win, then more figures. Sites re-host
/// images under their own URLs and drop or keep captions, so figures never
/// conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Figures(pub Vec<Figure>);

impl Value for Figures {
    fn score(&self) -> usize {
        self.0.iter().filter(|f| f.image.is_some()).count() * 64 + self.0.len()
    }
    fn agrees(&self, _: &Self) -> bool {
        true
    }
    fn text(&self) -> Cow<'_, str> {
        // The caption and the image both: the text is the last tie-break, and
        // two lists with the same captions under other images must not be
        // chosen by the order copies came in.
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|f| match (f.caption.as_deref(), f.image.as_deref()) {
                (Some(caption), Some(image)) => format!("{caption} <{image}>"),
                (Some(caption), None) => caption.to_owned(),
                (None, Some(image)) => format!("<{image}>"),
                (None, None) => String::new(),
            })
            .collect();
        Cow::Owned(parts.join(" | "))
    }
}

/// A paper's number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Number(pub u32);

impl Value for Number {
    fn score(&self) -> usize {
        1
    }
    fn agrees(&self, other: &Self) -> bool {
        self == other
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.to_string())
    }
}

/// A radio list's heading and the category it names: copies disagree only
/// when they name different categories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub heading: String,
    pub category: Option<Category>,
}

impl Value for Heading {
    fn score(&self) -> usize {
        1 + usize::from(self.category.is_some())
    }
    fn agrees(&self, other: &Self) -> bool {
        self.category == other.category
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.heading)
    }
}

/// One distinct value and the copies (archive-wide ids) that gave it.
#[derive(Clone, Debug)]
pub(crate) struct Candidate<T> {
    pub value: T,
    pub copies: Vec<u32>,
}

/// Every distinct value of one field across the copies of an issue.
#[derive(Clone, Debug)]
pub(crate) struct Field<T> {
    pub candidates: Vec<Candidate<T>>,
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field {
            candidates: Vec::new(),
        }
    }
}

impl<T: Value> Field<T> {
    /// Records that `copy` gives this field `value`.
    pub(crate) fn add(&mut self, value: T, copy: u32) {
        match self.candidates.iter_mut().find(|c| c.value == value) {
            Some(c) => c.copies.push(copy),
            None => self.candidates.push(Candidate {
                value,
                copies: vec![copy],
            }),
        }
    }

    /// Records `value` when there is one.
    pub(crate) fn add_some(&mut self, value: Option<T>, copy: u32) {
        if let Some(value) = value {
            self.add(value, copy);
        }
    }

    /// Takes in every value of another copy group's field.
    pub(crate) fn absorb(&mut self, other: Field<T>) {
        for c in other.candidates {
            match self.candidates.iter_mut().find(|d| d.value == c.value) {
                Some(d) => d.copies.extend(c.copies),
                None => self.candidates.push(c),
            }
        }
    }

    /// The winning value: the most complete, then the one most copies
    /// give, then the first in text order, then in the order of its whole
    /// value written out (two values with the same text, say links that
    /// differ only in a password, never fall to arrival order).
    pub(crate) fn choice(&self) -> Option<&Candidate<T>> {
        if let [only] = self.candidates.as_slice() {
            return Some(only);
        }
        self.candidates
            .iter()
            .map(|c| {
                (
                    (
                        c.value.score(),
                        c.copies.len(),
                        Reverse(c.value.text()),
                        Reverse(format!("{:?}", c.value)),
                    ),
                    c,
                )
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, c)| c)
    }

    /// The values that disagree with the winner.
    pub(crate) fn dissent<'a>(&'a self, winner: &'a Candidate<T>) -> Vec<&'a Candidate<T>> {
        let mut out: Vec<&Candidate<T>> = self
            .candidates
            .iter()
            .filter(|c| !std::ptr::eq(*c, winner) && !c.value.agrees(&winner.value))
            .collect();
        out.sort_by(|a, b| {
            (a.value.text(), format!("{:?}", a.value))
                .cmp(&(b.value.text(), format!("{:?}", b.value)))
        });
        out
    }

    /// The chosen value, if any copy gave one.
    pub(crate) fn value(&self) -> Option<&T> {
        self.choice().map(|c| &c.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_complete_value_wins_whatever_the_order() {
        let full = Prose("摘要的第一段。第二段。".into());
        let cut = Prose("摘要的第一段。".into());
        let mut a = Field::default();
        a.add(cut.clone(), 0);
        a.add(full.clone(), 1);
        a.add(cut.clone(), 2);
        let mut b = Field::default();
        b.add(full.clone(), 1);
        b.add(cut.clone(), 2);
        b.add(cut, 0);
        assert_eq!(a.value(), Some(&full));
        assert_eq!(b.value(), Some(&full));
        let winner = a.choice().unwrap();
        assert!(
            a.dissent(winner).is_empty(),
            "a truncated copy is no conflict"
        );
    }

    #[test]
    fn different_author_lists_disagree() {
        let mut f = Field::default();
        let one = Names {
            names: vec!["Jordan Hoffmann".into(), "Sebastian Borgeaud".into()],
            et_al: true,
        };
        let other = Names {
            names: vec!["Arthur Mensch".into()],
            et_al: false,
        };
        f.add(one.clone(), 0);
        f.add(other.clone(), 1);
        let winner = f.choice().unwrap();
        assert_eq!(winner.value, one);
        let dissent = f.dissent(winner);
        assert_eq!(dissent.len(), 1);
        assert_eq!(dissent[0].value, other);
        assert_eq!(dissent[0].copies, [1]);
    }

    #[test]
    fn names_win_by_count_and_ties_by_text() {
        let mut f = Field::default();
        f.add(Name("专知".into()), 3);
        f.add(Name("机器之心".into()), 0);
        f.add(Name("机器之心".into()), 1);
        assert_eq!(f.value(), Some(&Name("机器之心".into())));
        let mut g = Field::default();
        g.add(Name("b".into()), 0);
        g.add(Name("a".into()), 1);
        assert_eq!(g.value(), Some(&Name("a".into())));
    }

    #[test]
    fn links_that_differ_only_in_a_password_are_chosen_whatever_the_order() {
        let link = |password: Option<&str>| Link {
            label: "网盘链接".into(),
            url: Some("https://pan.example/s/1".into()),
            password: password.map(str::to_owned),
            ..Link::default()
        };
        let (a, b) = (Links(vec![link(Some("ab12"))]), Links(vec![link(None)]));
        let mut forward = Field::default();
        forward.add(a.clone(), 0);
        forward.add(b.clone(), 1);
        let mut backward = Field::default();
        backward.add(b, 1);
        backward.add(a, 0);
        assert_eq!(forward.value(), backward.value());
    }

    #[test]
    fn links_conflict_only_on_different_urls_under_one_label() {
        let link = |label: &str, url: Option<&str>| Link {
            label: label.into(),
            url: url.map(str::to_owned),
            ..Link::default()
        };
        let a = Links(vec![link("论文链接", Some("https://arxiv.org/abs/1"))]);
        let b = Links(vec![
            link("论文链接", Some("https://arxiv.org/abs/1")),
            link("项目地址", Some("https://github.com/x")),
        ]);
        let c = Links(vec![link("论文链接", None)]);
        let d = Links(vec![link("论文链接", Some("https://arxiv.org/abs/2"))]);
        assert!(a.agrees(&b) && b.agrees(&a));
        assert!(a.agrees(&c) && c.agrees(&a));
        assert!(!a.agrees(&d) && !d.agrees(&a));
        assert!(b.score() > a.score() && a.score() > c.score());
    }
}
