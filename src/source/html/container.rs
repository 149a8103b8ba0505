//! Choosing the article container in a parsed tree: per-site selectors in
//! priority order, then the text-density fallback.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use super::select::{Sel, Simple, select_each, selectors};
use super::walk::{Attrs, Look, Visit, visible};
use crate::markup::{is_container, is_furniture, is_skipped};
use crate::sites;
use crate::text::trim;

/// Article containers, site by site in [`crate::sites::SITES`]' order, most
/// specific first, the generic ones last.
pub(super) static CONTAINER_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| sites::column(|s| s.containers).collect());

/// [`CONTAINER_LIST`], each selector parsed, with its simple form.
pub(super) static CONTAINERS: LazyLock<Vec<(Selector, Option<Simple>)>> = LazyLock::new(|| {
    CONTAINER_LIST
        .iter()
        .filter_map(|s| Selector::parse(s).ok().map(|sel| (sel, Simple::of(s))))
        .collect()
});

/// A container must hold at least this many characters of text.
pub(super) const MIN_CONTAINER_TEXT: usize = 200;

/// The number of text bytes under `el`, counting at most `cap`.
pub(super) fn text_len(el: ElementRef<'_>, cap: usize) -> usize {
    let mut n = 0;
    for t in el.text() {
        n += trim(t).len();
        if n >= cap {
            break;
        }
    }
    n
}

/// [`CONTAINER_LIST`] with each selector's [`Need`](super::select::Need).
pub(super) static CONTAINER_SELS: LazyLock<Vec<Sel>> = LazyLock::new(|| selectors(&CONTAINER_LIST));

pub(super) fn find_container(html: &Html) -> ElementRef<'_> {
    choose(html).0
}

/// The article container and how it was chosen: the index of the
/// selector in [`CONTAINERS`] that matched it, or `None` for the
/// text-density fallback.
pub(super) fn choose(html: &Html) -> (ElementRef<'_>, Option<usize>) {
    choose_among(html, |_| true)
}

/// [`choose`], trying only the selectors `possible` lets through: the
/// others are known to match nothing in the page.
pub(super) fn choose_among(
    html: &Html,
    possible: impl Fn(usize) -> bool,
) -> (ElementRef<'_>, Option<usize>) {
    for (i, found) in select_each(html, &CONTAINER_SELS).into_iter().enumerate() {
        if !possible(i) {
            continue;
        }
        let best = found
            .into_iter()
            .map(|el| (text_len(el, usize::MAX), el))
            .filter(|(n, _)| *n >= MIN_CONTAINER_TEXT)
            .max_by_key(|(n, _)| *n);
        if let Some((_, el)) = best {
            return (el, Some(i));
        }
    }
    (densest(html), None)
}

/// Is `e` left out of the text-density sums, with its subtree?
pub(super) fn not_counted(e: &(impl Attrs + ?Sized), look: &Look) -> bool {
    is_skipped(e.name()) || is_furniture(e.name()) || look.hidden
}

/// The generic fallback: from `<body>` down, the container child holding
/// most (60 %) of its parent's text, for as long as there is one.
pub(super) fn densest(html: &Html) -> ElementRef<'_> {
    let root = html.root_element();
    // html5ever puts the one `<body>` under the root element.
    let body = root
        .child_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    let sums = text_sums(body);
    let mut current = body;
    loop {
        let total = sums.get(&current.id()).copied().unwrap_or(0);
        // Only containers are candidates: stepping into a heading or a
        // paragraph that happens to hold most of a short page's text would
        // leave its siblings out.
        let next = current.child_elements().find(|c| {
            is_container(c.value().name())
                && sums.get(&c.id()).copied().unwrap_or(0) * 10 >= total * 6
                && total > 0
        });
        match next {
            Some(c) => current = c,
            None => return current,
        }
    }
}

/// Text bytes per element subtree under `root`, counted as [`densest`]
/// counts them, computed on the close edges.
pub(super) fn text_sums(root: ElementRef<'_>) -> HashMap<NodeId, usize> {
    let mut sums: HashMap<NodeId, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    for visit in visible(root, not_counted) {
        match visit {
            Visit::Open(..) => stack.push(0),
            Visit::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    *top += trim(t).len();
                }
            }
            Visit::Close(node, _) => {
                let n = stack.pop().unwrap_or(0);
                if let Some(parent) = stack.last_mut() {
                    *parent += n;
                }
                sums.insert(node.id(), n);
            }
        }
    }
    sums
}
