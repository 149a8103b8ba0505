//! The walk of the container: `ego_tree` edges, never recursion, reading
//! block and inline elements and their styles into [`Line`]s.

use std::borrow::Cow;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{ElementRef, Node};

use crate::markup::{is_block, is_skipped};
use crate::source::{Hint, Line};
use crate::text::trim;

pub(super) fn block_hint(name: &str) -> Hint {
    match name {
        "h1" => Hint::Heading(1),
        "h2" => Hint::Heading(2),
        "h3" => Hint::Heading(3),
        "h4" => Hint::Heading(4),
        "h5" => Hint::Heading(5),
        "h6" => Hint::Heading(6),
        "li" => Hint::ListItem,
        "blockquote" => Hint::Quote,
        "figcaption" => Hint::Caption,
        _ => Hint::Plain,
    }
}

/// An element as the walk reads it: its name (lowercase) and attributes.
/// A parsed tree's elements are one kind, the token reader's
/// ([`super::reader`]) another.
pub(super) trait Attrs {
    /// The element's name, ASCII-lowercased.
    fn name(&self) -> &str;
    /// The value of its attribute `name` (lowercase), if it has one.
    fn attr(&self, name: &str) -> Option<&str>;
    /// Has it an attribute of this name (in any ASCII case)?
    fn has_attr(&self, name: &str) -> bool;
    /// Its `id`.
    fn id(&self) -> Option<&str> {
        self.attr("id")
    }
    /// Has it a class `class` (in any ASCII case)?
    fn has_class_ci(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case(class))
        })
    }
}

impl Attrs for Element {
    fn name(&self) -> &str {
        Element::name(self)
    }

    fn attr(&self, name: &str) -> Option<&str> {
        Element::attr(self, name)
    }

    #[inline]
    fn has_attr(&self, name: &str) -> bool {
        self.attrs().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    fn id(&self) -> Option<&str> {
        Element::id(self)
    }

    #[inline]
    fn has_class_ci(&self, class: &str) -> bool {
        self.classes().any(|v| v.eq_ignore_ascii_case(class))
    }
}

/// What an element's attributes say about how it is shown, read once per
/// element.
#[derive(Clone, Copy, Default)]
pub(super) struct Look {
    /// `hidden`, or `display: none`.
    pub(super) hidden: bool,
    /// A font size of at most 14px (WeChat's caption convention).
    pub(super) small: bool,
    /// `text-align: center`, `align="center"` or `<center>`.
    pub(super) centered: bool,
}

/// The mark that raises a declaration's priority, which says nothing of
/// how the text looks.
const IMPORTANT: &str = "!important";

/// How `el` is shown, from its attributes and inline CSS.
pub(super) fn look(el: &(impl Attrs + ?Sized)) -> Look {
    let mut look = Look {
        hidden: el.attr("hidden").is_some(),
        small: false,
        centered: el.name() == "center"
            || el
                .attr("align")
                .is_some_and(|a| a.trim().eq_ignore_ascii_case("center")),
    };
    // Inline CSS declarations; a later one overrides an earlier one. CSS
    // white space is ASCII.
    let style = el.attr("style").unwrap_or("").as_bytes();
    for decl in style.split(|&b| b == b';') {
        let Some(colon) = memchr::memchr(b':', decl) else {
            continue;
        };
        let name = decl[..colon].trim_ascii();
        if !matches!(name.len(), 7 | 9 | 10) {
            // None of `display`, `font-size`, `text-align`.
            continue;
        }
        let mut value = decl[colon + 1..].trim_ascii();
        if let Some(cut) = value.len().checked_sub(IMPORTANT.len())
            && value[cut..].eq_ignore_ascii_case(IMPORTANT.as_bytes())
        {
            value = value[..cut].trim_ascii_end();
        }
        if name.eq_ignore_ascii_case(b"display") {
            look.hidden = look.hidden || value.eq_ignore_ascii_case(b"none");
        } else if name.eq_ignore_ascii_case(b"text-align") {
            look.centered = value.eq_ignore_ascii_case(b"center");
        } else if name.eq_ignore_ascii_case(b"font-size") {
            look.small = value
                .strip_suffix(b"px")
                .and_then(|v| std::str::from_utf8(v.trim_ascii()).ok())
                .and_then(|v| v.parse::<f32>().ok())
                .is_some_and(|px| px <= 14.0);
        }
    }
    look
}

/// An image's URL: lazy attributes first; no `data:` URIs, no 1×1 trackers.
pub(super) fn image_url(el: &(impl Attrs + ?Sized)) -> Option<String> {
    let tiny = |a: &str| {
        el.attr(a)
            .is_some_and(|v| matches!(v.trim(), "0" | "1" | "1px" | "0px"))
    };
    if tiny("width") && tiny("height") {
        return None;
    }
    [
        "data-src",
        "data-original",
        "data-actualsrc",
        "data-lazy-src",
        "src",
    ]
    .iter()
    .filter_map(|a| el.attr(a))
    .map(str::trim)
    .find(|v| !v.is_empty() && !v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")))
    .map(str::to_owned)
}

#[derive(Default)]
pub(super) struct Walker {
    pub(super) lines: Vec<Line<'static>>,
    pub(super) buf: String,
    pub(super) hrefs: Vec<String>,
    /// `N. ` of an `<ol>` item, written before its first text.
    pub(super) prefix: Option<String>,
    /// Effective hint per open block (the innermost non-plain one).
    pub(super) hints: Vec<Hint>,
    /// Per open list: the next number (`<ol>`) or `None` (`<ul>`).
    pub(super) lists: Vec<Option<u32>>,
    pub(super) pre: usize,
    /// How each open element is shown, to undo on its close.
    pub(super) looks: Vec<Look>,
    pub(super) small: usize,
    pub(super) centered: usize,
    /// All text of the current line was small and centered.
    pub(super) all_small: bool,
    /// The last line emitted was an image.
    pub(super) after_image: bool,
}

/// Two spaces in a row, searched for in each text run (built once: a
/// search built per run cost as much as it searched).
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

impl Walker {
    /// A walker before the first element.
    pub(super) fn new() -> Self {
        Walker {
            all_small: true,
            ..Walker::default()
        }
    }

    fn hint(&self) -> Hint {
        self.hints.last().copied().unwrap_or(Hint::Plain)
    }

    pub(super) fn flush(&mut self) {
        let text = trim(&self.buf);
        if !text.is_empty() {
            let mut hint = self.hint();
            if hint == Hint::Plain
                && self.after_image
                && self.all_small
                && text.chars().count() <= 60
            {
                hint = Hint::Caption;
            }
            self.lines.push(Line {
                text: Cow::Owned(text.to_owned()),
                hint,
                hrefs: std::mem::take(&mut self.hrefs),
                image: None,
                lineno: 0,
            });
            self.after_image = false;
        }
        self.buf.clear();
        self.hrefs.clear();
        self.all_small = true;
    }

    pub(super) fn text(&mut self, t: &str) {
        if self.pre > 0 {
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.inline_text(first);
            }
            for part in parts {
                self.flush();
                self.inline_text(part);
            }
        } else {
            self.inline_text(t);
        }
    }

    pub(super) fn inline_text(&mut self, t: &str) {
        if t.chars().all(char::is_whitespace) {
            if !t.is_empty() && !self.buf.is_empty() && !self.buf.ends_with(' ') {
                self.buf.push(' ');
            }
            return;
        }
        if let Some(p) = self.prefix.take() {
            let rest = std::mem::replace(&mut self.buf, p);
            self.buf.push_str(trim(&rest));
        }
        if !(self.small > 0 && self.centered > 0) {
            self.all_small = false;
        }
        // Each of the white space characters below becomes one space, none
        // at the start of the line and never two in a row. They are ASCII,
        // so no byte of them is inside a longer character.
        let bytes = t.as_bytes();
        // Tab, line feed, carriage return and form feed are control
        // characters: one pass finds whether any is there.
        let controls = bytes.iter().fold(false, |any, &b| any | (b < 0x20));
        // Most text has none of them and no two spaces in a row: each space
        // is then kept as it is, but one leading where the line is empty or
        // ends with a space (what the copy below comes to).
        if !controls && DOUBLE_SPACE.find(bytes).is_none() {
            let keep = match t.strip_prefix(' ') {
                Some(rest) if self.buf.is_empty() || self.buf.ends_with(' ') => rest,
                _ => t,
            };
            self.buf.push_str(keep);
            return;
        }
        // Else each run of white space becomes one space (none at the start
        // of the line), and what lies between is copied whole: a lone space
        // after other characters is kept as it is, so only the other white
        // space characters and two spaces in a row stop the copy (each
        // found by a search, kept until the copy passes it).
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        let run_end = |from: usize| {
            bytes[from..]
                .iter()
                .position(|&b| !is_space(b))
                .map_or(bytes.len(), |n| from + n)
        };
        let form_feed = memchr::memchr(0x0c, bytes).is_some();
        let control = |from: usize| {
            let found = memchr::memchr3(b'\t', b'\n', b'\r', &bytes[from..]);
            let found = match (found, form_feed) {
                (Some(i), true) => Some(memchr::memchr(0x0c, &bytes[from..from + i]).unwrap_or(i)),
                (None, true) => memchr::memchr(0x0c, &bytes[from..]),
                (found, false) => found,
            };
            found.map_or(bytes.len(), |i| from + i)
        };
        let double = |from: usize| {
            DOUBLE_SPACE
                .find(&bytes[from..])
                .map_or(bytes.len(), |i| from + i)
        };
        // White space at the start of the line goes.
        let mut at_space = self.buf.is_empty() || self.buf.ends_with(' ');
        let mut copied = if at_space { run_end(0) } else { 0 };
        let (mut next_control, mut next_double) = (control(copied), double(copied));
        loop {
            let stop = next_control.min(next_double);
            if stop >= bytes.len() {
                break;
            }
            self.buf.push_str(&t[copied..stop]);
            if stop > copied {
                at_space = bytes[stop - 1] == b' ';
            }
            if !at_space {
                self.buf.push(' ');
                at_space = true;
            }
            copied = run_end(stop);
            if next_control < copied {
                next_control = control(copied);
            }
            if next_double < copied {
                next_double = double(copied);
            }
        }
        self.buf.push_str(&t[copied..]);
    }

    pub(super) fn open(&mut self, el: &(impl Attrs + ?Sized), look: Look) {
        let name = el.name();
        self.looks.push(look);
        self.small += usize::from(look.small);
        self.centered += usize::from(look.centered);
        match name {
            "br" => return self.flush(),
            "img" => {
                if let Some(url) = image_url(el) {
                    self.flush();
                    self.lines.push(Line {
                        text: Cow::Owned(trim(el.attr("alt").unwrap_or("")).to_owned()),
                        hint: Hint::Image,
                        hrefs: Vec::new(),
                        image: Some(url),
                        lineno: 0,
                    });
                    self.after_image = true;
                }
                return;
            }
            "a" => {
                if let Some(href) = el.attr("href").map(str::trim) {
                    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
                    if !href.is_empty()
                        && !href.starts_with('#')
                        && !lower.starts_with("javascript:")
                    {
                        self.hrefs.push(href.to_owned());
                    }
                }
            }
            _ => {}
        }
        if is_block(name) {
            self.flush();
            let own = block_hint(name);
            let hint = if own == Hint::Plain { self.hint() } else { own };
            self.hints.push(hint);
            match name {
                "ol" => {
                    let start = el
                        .attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1);
                    self.lists.push(Some(start));
                }
                "ul" => self.lists.push(None),
                "li" => {
                    if let Some(Some(n)) = self.lists.last_mut() {
                        let n_now = *n;
                        *n = n.saturating_add(1);
                        let value = el.attr("value").and_then(|v| v.trim().parse().ok());
                        let shown = value.unwrap_or(n_now);
                        if let (Some(v), Some(Some(n))) = (value, self.lists.last_mut()) {
                            *n = u32::saturating_add(v, 1);
                        }
                        self.prefix = Some(format!("{shown}. "));
                    }
                }
                "pre" => self.pre += 1,
                _ => {}
            }
        }
    }

    pub(super) fn close(&mut self, el: &(impl Attrs + ?Sized)) {
        let name = el.name();
        if is_block(name) {
            self.flush();
            self.hints.pop();
            match name {
                "ol" | "ul" => {
                    self.lists.pop();
                }
                "li" => self.prefix = None,
                "pre" => self.pre = self.pre.saturating_sub(1),
                _ => {}
            }
        }
        let look = self.looks.pop().unwrap_or_default();
        self.small = self.small.saturating_sub(usize::from(look.small));
        self.centered = self.centered.saturating_sub(usize::from(look.centered));
    }
}

/// One step of a walk over the shown part of a tree.
pub(super) enum Visit<'a> {
    /// An element opens; how it looks, read once.
    Open(&'a Element, Look),
    /// A text node.
    Text(&'a str),
    /// An element closes.
    Close(NodeRef<'a, Node>, &'a Element),
}

/// The edges of `root`'s traversal (`ego_tree`'s, never recursion), less
/// every element `skip` names, with its whole subtree.
pub(super) fn visible<'a>(
    root: ElementRef<'a>,
    skip: impl Fn(&Element, &Look) -> bool + 'a,
) -> impl Iterator<Item = Visit<'a>> + 'a {
    let mut skipping: Option<NodeId> = None;
    root.traverse().filter_map(move |edge| match edge {
        Edge::Open(node) => {
            if skipping.is_some() {
                return None;
            }
            match node.value() {
                Node::Text(t) => Some(Visit::Text(t)),
                Node::Element(e) => {
                    let look = look(e);
                    if skip(e, &look) {
                        skipping = Some(node.id());
                        None
                    } else {
                        Some(Visit::Open(e, look))
                    }
                }
                _ => None,
            }
        }
        Edge::Close(node) => {
            if let Some(id) = skipping {
                if id == node.id() {
                    skipping = None;
                }
                return None;
            }
            match node.value() {
                Node::Element(e) => Some(Visit::Close(node, e)),
                _ => None,
            }
        }
    })
}

/// Walks `root` iteratively and returns its logical lines.
pub(super) fn walk(root: ElementRef<'_>) -> Vec<Line<'static>> {
    let mut w = Walker::new();
    for visit in visible(root, |e, look| is_skipped(e.name()) || look.hidden) {
        match visit {
            Visit::Text(t) => w.text(t),
            Visit::Open(e, look) => w.open(e, look),
            Visit::Close(_, e) => w.close(e),
        }
    }
    w.flush();
    w.lines
}
