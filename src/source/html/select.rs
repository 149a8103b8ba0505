//! Matching a list of selectors against a tree in one pass over its nodes.
//!
//! `Html::select` visits every node of the tree for each selector, and runs
//! the full match on every element. The sites' containers and metadata are a
//! few dozen selectors, so on a page of a million elements (issue 12) that
//! was most of the parse. Here each selector's subject is read from its text
//! once: the tag name, `#id`, `.class` or `[attribute` its last compound
//! starts with (a [`Need`]). One pass over the nodes tests each element's
//! needs, which is cheap, and runs the full match only where one holds. The
//! result is what `Html::select` yields, selector by selector, in the same
//! (node) order.

use scraper::{ElementRef, Html, Selector};

use super::walk::Attrs;

/// A container selector of the shapes the byte scans and the token reader
/// match without a tree: `#id`, `.class`, `tag`, `tag.class` and
/// `[class*=part]` (names of ASCII letters, digits, `-` and `_`; tags in
/// lowercase). The site table's containers are all of them, each parsed
/// once ([`Simple::of`]): the locator searches a page for their needles,
/// the reader matches them on its elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Simple {
    /// `#id`.
    Id(&'static str),
    /// `.class`.
    Class(&'static str),
    /// `tag`.
    Tag(&'static str),
    /// `tag.class`.
    TagClass(&'static str, &'static str),
    /// `[class*=part]`.
    ClassHas(&'static str),
}

impl Simple {
    /// The selector's simple form; `None` for any other.
    pub(super) fn of(selector: &'static str) -> Option<Simple> {
        let word = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        };
        if let Some(id) = selector.strip_prefix('#').filter(|w| word(w)) {
            Some(Simple::Id(id))
        } else if let Some(class) = selector.strip_prefix('.').filter(|w| word(w)) {
            Some(Simple::Class(class))
        } else if let Some(part) = selector
            .strip_prefix("[class*=")
            .and_then(|r| r.strip_suffix(']'))
            .filter(|w| word(w))
        {
            Some(Simple::ClassHas(part))
        } else {
            match selector.split_once('.') {
                None if word(selector) && selector.bytes().all(|b| !b.is_ascii_uppercase()) => {
                    Some(Simple::Tag(selector))
                }
                Some((tag, class))
                    if word(tag) && word(class) && tag.bytes().all(|b| !b.is_ascii_uppercase()) =>
                {
                    Some(Simple::TagClass(tag, class))
                }
                _ => None,
            }
        }
    }

    /// Does `el` match, with ids and classes compared exactly or (`fold`)
    /// ASCII case-insensitively?
    pub(super) fn matches(self, el: &(impl Attrs + ?Sized), fold: bool) -> bool {
        let eq = |a: &str, b: &str| {
            if fold {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        let class = |c: &str| {
            el.attr("class")
                .is_some_and(|v| v.split_ascii_whitespace().any(|w| eq(w, c)))
        };
        match self {
            Simple::Id(id) => el.attr("id").is_some_and(|v| eq(v, id)),
            Simple::Class(c) => class(c),
            Simple::Tag(t) => el.name() == t,
            Simple::TagClass(t, c) => el.name() == t && class(c),
            Simple::ClassHas(part) => el.attr("class").is_some_and(|v| {
                if fold {
                    v.to_ascii_lowercase().contains(&part.to_ascii_lowercase())
                } else {
                    v.contains(part)
                }
            }),
        }
    }

    /// The bytes a page must hold for the selector to match (before ASCII
    /// lowercasing): the id, the class, the part, or `<` and the tag.
    pub(super) fn needle(self) -> String {
        match self {
            Simple::Id(s) | Simple::Class(s) | Simple::ClassHas(s) => s.to_owned(),
            Simple::Tag(t) | Simple::TagClass(t, _) => format!("<{t}"),
        }
    }
}

/// What an element must have for a selector to match it. Tested without
/// regard to ASCII case (quirks-mode pages match ids and classes that way,
/// and HTML names are matched that way), so it never rules out a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Need {
    /// Nothing known: every element is matched in full.
    Any,
    /// The element's name.
    Name(String),
    /// The element's id.
    Id(String),
    /// One of the element's classes.
    Class(String),
    /// An attribute of this name.
    Attr(String),
    /// An attribute of this name whose value holds this word (`[class*=x]`).
    AttrHas(String, String),
}

impl Need {
    /// The need of `selector`'s subject, [`Need::Any`] when the text is not
    /// a plain compound this reads (a group, escapes, namespaces, pseudo-classes first).
    pub(super) fn of(selector: &str) -> Need {
        let Some(subject) = subject(selector) else {
            return Need::Any;
        };
        let word = |s: &str| {
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or("")
                .to_owned()
        };
        let need = match subject.as_bytes().first() {
            Some(b'#') => Need::Id(word(&subject[1..])),
            Some(b'.') => Need::Class(word(&subject[1..])),
            Some(b'[') => {
                let name = word(subject[1..].trim_start());
                // `[name*=word]`: the word must be in the value.
                let has = subject[1..]
                    .trim_start()
                    .strip_prefix(name.as_str())
                    .and_then(|r| r.strip_prefix("*="))
                    .and_then(|r| r.split_once(']'))
                    .map(|(v, _)| v)
                    .filter(|v| *v == word(v) && !v.is_empty());
                match has {
                    Some(v) if !name.is_empty() => Need::AttrHas(name, v.to_owned()),
                    _ => Need::Attr(name),
                }
            }
            // A type selector, or (`*`, `:…`) no word: nothing known.
            Some(_) => Need::Name(word(subject)),
            None => Need::Any,
        };
        match need {
            Need::Name(w) | Need::Id(w) | Need::Class(w) | Need::Attr(w) if w.is_empty() => {
                Need::Any
            }
            need => need,
        }
    }

    /// What the ASCII-lowercased text of a start tag must hold for the
    /// element to have this: `<` and the name, the id, the class or the
    /// attribute name (an id or class written with character references
    /// aside); `None` for [`Need::Any`].
    pub(super) fn needle(&self) -> Option<String> {
        match self {
            Need::Any => None,
            Need::Name(n) => Some(format!("<{}", n.to_ascii_lowercase())),
            Need::Id(w) | Need::Class(w) | Need::Attr(w) | Need::AttrHas(_, w) => {
                Some(w.to_ascii_lowercase())
            }
        }
    }

    /// The attribute whose value this reads (`id`, `class`, or the one of
    /// [`Need::AttrHas`]), lowercased: where a character reference could
    /// spell what it needs.
    pub(super) fn valued(&self) -> Option<String> {
        match self {
            Need::Id(_) => Some("id".to_owned()),
            Need::Class(_) => Some("class".to_owned()),
            Need::AttrHas(a, _) => Some(a.to_ascii_lowercase()),
            Need::Any | Need::Name(_) | Need::Attr(_) => None,
        }
    }

    /// Does `el` have what the selector needs? `false` only when the
    /// selector cannot match it.
    pub(super) fn holds(&self, el: &(impl Attrs + ?Sized)) -> bool {
        match self {
            Need::Any => true,
            Need::Name(n) => el.name().eq_ignore_ascii_case(n),
            Need::Id(id) => el.id().is_some_and(|v| v.eq_ignore_ascii_case(id)),
            Need::Class(c) => el.has_class_ci(c),
            Need::Attr(a) => el.has_attr(a),
            Need::AttrHas(a, w) => attr_has(el, a, w),
        }
    }
}

/// The subject of `selector`: the compound after its last combinator
/// outside brackets, parentheses and quotes; `None` for a group, escapes or
/// namespaces.
fn subject(selector: &str) -> Option<&str> {
    if selector.contains(['\\', '|', ',']) {
        return None;
    }
    // The subject is the compound after the last combinator outside
    // brackets, parentheses and quotes.
    let mut start = 0;
    let mut depth = 0usize;
    let mut quote = None;
    for (i, b) in selector.bytes().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'(' => depth += 1,
                b']' | b')' => depth = depth.saturating_sub(1),
                b' ' | b'\t' | b'\n' | b'>' | b'+' | b'~' if depth == 0 => start = i + 1,
                _ => {}
            },
        }
    }
    Some(&selector[start..])
}

/// One condition of a compound selector.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// `tag`.
    Tag(String),
    /// `#id`.
    Id(String),
    /// `.class`.
    Class(String),
    /// `[name]`, or `[name op value]` with an operator other than `=`.
    Attr(String),
    /// `[name=value]` (quoted or not).
    AttrEq(String, String),
}

impl Part {
    /// Does `el` meet the condition, with names, ids, classes and values
    /// compared ASCII case-insensitively (so it never rules out a match)?
    fn holds(&self, el: &(impl Attrs + ?Sized)) -> bool {
        match self {
            Part::Tag(t) => el.name().eq_ignore_ascii_case(t),
            Part::Id(id) => el.id().is_some_and(|v| v.eq_ignore_ascii_case(id)),
            Part::Class(c) => el.has_class_ci(c),
            Part::Attr(a) => el.has_attr(a),
            Part::AttrEq(a, v) => el.attr(a).is_some_and(|x| x.eq_ignore_ascii_case(v)),
        }
    }
}

/// The conditions of the compound `subject` ([`subject`]); `None` when it
/// holds anything else (pseudo-classes, an attribute selector this does not
/// read), whose match is then not known.
fn parts(subject: &str) -> Option<Vec<Part>> {
    let s = subject.as_bytes();
    let ident = |from: usize| {
        let len = s[from..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_') || b >= 0x80)
            .count();
        (len > 0).then(|| (subject[from..from + len].to_ascii_lowercase(), from + len))
    };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'*' if i == 0 => i += 1,
            b'#' | b'.' => {
                let (w, next) = ident(i + 1)?;
                parts.push(if s[i] == b'#' {
                    Part::Id(w)
                } else {
                    Part::Class(w)
                });
                i = next;
            }
            b'[' => {
                let close = i + s[i..].iter().position(|b| *b == b']')?;
                let inside = subject[i + 1..close].trim();
                let name_len = inside
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                    .count();
                let (name, rest) = inside.split_at(name_len);
                if name.is_empty() {
                    return None;
                }
                let name = name.to_ascii_lowercase();
                let rest = rest.trim_start();
                match rest.strip_prefix('=') {
                    _ if rest.is_empty() => parts.push(Part::Attr(name)),
                    Some(value) => {
                        let value = value.trim();
                        let quoted = ['"', '\'']
                            .into_iter()
                            .find_map(|q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)));
                        // A value with a flag (`i`), quotes inside, or (unquoted)
                        // anything but a word is not read.
                        let plain = match quoted {
                            Some(v) => !v.contains(['"', '\'']),
                            None => !value.contains(['"', '\'', ' ', '\t']),
                        };
                        if !plain {
                            return None;
                        }
                        parts.push(Part::AttrEq(name, quoted.unwrap_or(value).to_owned()));
                    }
                    // `~=`, `*=`, `^=`, …: the attribute must be there.
                    None => parts.push(Part::Attr(name)),
                }
                i = close + 1;
            }
            _ if i == 0 => {
                let (w, next) = ident(0)?;
                parts.push(Part::Tag(w));
                i = next;
            }
            _ => return None,
        }
    }
    Some(parts)
}

/// Does the value of `el`'s attribute `a` hold `w`, in any ASCII case?
fn attr_has(el: &(impl Attrs + ?Sized), a: &str, w: &str) -> bool {
    el.attr(a).is_some_and(|v| {
        v.as_bytes()
            .windows(w.len())
            .any(|part| part.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// The needs of several selectors, grouped by kind, for testing many
/// elements against all of them: does an element have what one of them
/// needs?
#[derive(Debug, Default)]
pub(super) struct Needs {
    any: bool,
    names: Vec<String>,
    ids: Vec<String>,
    classes: Vec<String>,
    attrs: Vec<String>,
    attr_has: Vec<(String, String)>,
}

impl Needs {
    /// The needs of every selector of `lists`.
    pub(super) fn of<'a>(lists: impl IntoIterator<Item = &'a [Sel]>) -> Needs {
        let mut needs = Needs::default();
        for sel in lists.into_iter().flatten() {
            let (list, item) = match &sel.need {
                Need::Any => {
                    needs.any = true;
                    continue;
                }
                Need::AttrHas(a, w) => {
                    needs.attr_has.push((a.clone(), w.clone()));
                    continue;
                }
                Need::Name(n) => (&mut needs.names, n),
                Need::Id(n) => (&mut needs.ids, n),
                Need::Class(n) => (&mut needs.classes, n),
                Need::Attr(n) => (&mut needs.attrs, n),
            };
            if !list.iter().any(|x| x.eq_ignore_ascii_case(item)) {
                list.push(item.clone());
            }
        }
        needs
    }

    /// Does `el` have what one of the selectors needs
    /// ([`Need::holds`] of one of them)?
    pub(super) fn any_holds(&self, el: &(impl Attrs + ?Sized)) -> bool {
        let one_of = |list: &[String], v: &str| list.iter().any(|x| x.eq_ignore_ascii_case(v));
        self.any
            || one_of(&self.names, el.name())
            || (!self.ids.is_empty() && el.id().is_some_and(|v| one_of(&self.ids, v)))
            || (!self.classes.is_empty()
                && el
                    .attr("class")
                    .is_some_and(|v| v.split_ascii_whitespace().any(|w| one_of(&self.classes, w))))
            || self.attrs.iter().any(|a| el.has_attr(a))
            || self.attr_has.iter().any(|(a, w)| attr_has(el, a, w))
    }
}

/// A selector with its [`Need`].
pub(super) struct Sel {
    pub selector: Selector,
    need: Need,
    /// The conditions of its subject ([`parts`]), when known.
    parts: Option<Vec<Part>>,
}

impl Sel {
    /// May the selector match `el`, whatever its ancestors and siblings?
    /// `false` only when `el` fails a condition of the selector's subject.
    pub(super) fn may_match(&self, el: &(impl Attrs + ?Sized)) -> bool {
        match &self.parts {
            Some(parts) => parts.iter().all(|p| p.holds(el)),
            None => self.need.holds(el),
        }
    }

    /// [`Need::needle`] of the selector's need.
    pub(super) fn needle(&self) -> Option<String> {
        self.need.needle()
    }

    /// [`Need::valued`] of the selector's need.
    pub(super) fn valued(&self) -> Option<String> {
        self.need.valued()
    }
}

/// The selectors of `list` that parse, with their needs, in order.
pub(super) fn selectors(list: &[&str]) -> Vec<Sel> {
    list.iter()
        .filter_map(|s| {
            Selector::parse(s).ok().map(|selector| Sel {
                selector,
                need: Need::of(s),
                parts: subject(s).and_then(parts),
            })
        })
        .collect()
}

/// For each selector of `list`, the elements of `html` it matches, in the
/// order `html.select` yields them, from one pass over the nodes.
pub(super) fn select_each<'a>(html: &'a Html, list: &[Sel]) -> Vec<Vec<ElementRef<'a>>> {
    let mut found = vec![Vec::new(); list.len()];
    for node in html.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if el.parent().is_none() {
            continue;
        }
        for (sel, out) in list.iter().zip(found.iter_mut()) {
            if sel.need.holds(el.value()) && sel.selector.matches(&el) {
                out.push(el);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_read_the_subject() {
        let cases = [
            ("#js_content", Need::Id("js_content".into())),
            (".date-source .date", Need::Class("date".into())),
            ("h1.news_title", Need::Name("h1".into())),
            (
                "[class*=index_cententWrap]",
                Need::AttrHas("class".into(), "index_cententWrap".into()),
            ),
            ("[data-ptime]", Need::Attr("data-ptime".into())),
            ("[class*=\"a b\"]", Need::Attr("class".into())),
            (
                "meta[name=\"weibo: article:create_at\"]",
                Need::Name("meta".into()),
            ),
            (".text-title h1", Need::Name("h1".into())),
            ("div > p", Need::Name("p".into())),
            ("*", Need::Any),
            (":root", Need::Any),
            ("a, b", Need::Any),
            ("#a\\:b", Need::Any),
        ];
        for (selector, need) in cases {
            assert_eq!(Need::of(selector), need, "{selector}");
        }
    }

    /// The selectors of every site and of the metadata, on the fixture
    /// pages (quirks and no-quirks mode) and on markup in odd case: the
    /// same elements as `Html::select`, in the same order.
    #[test]
    fn select_each_equals_html_select() {
        let mut list: Vec<&str> = crate::sites::SITES
            .iter()
            .flat_map(|s| {
                s.containers
                    .iter()
                    .chain(s.headline)
                    .chain(s.date)
                    .chain(s.source)
            })
            .copied()
            .collect();
        list.extend([
            "title",
            "h1",
            "body",
            "meta[property=\"og:title\"]",
            "meta[name=PubDate]",
            "time[datetime]",
            "[data-ptime]",
            "svg rect",
            "foreignObject",
        ]);
        let sels = selectors(&list);
        let mut pages: Vec<String> = [
            "tests/fixtures/html/real/wechat-2020-02-11.html",
            "tests/fixtures/html/real/thepaper-2019-08-13.html",
            "tests/fixtures/sites/163/page.html",
            "tests/fixtures/sites/sina/page.html",
            "tests/fixtures/sites/zhihu/page.html",
        ]
        .iter()
        .filter_map(|p| {
            std::fs::read(format!("{}/{p}", env!("CARGO_MANIFEST_DIR")))
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        })
        .collect();
        pages.push(
            "<DIV ID=JS_Content CLASS='Post_Body RichText'><H1 Class=News_Title>t</H1>\
             <META NAME=PubDate content=x><TIME DATETIME=y></TIME><svg><rect/>\
             <foreignObject><p data-PTime=1>z</p></foreignObject></svg>\
             <div class='a xINDEX_CententWrap_b'>w</div><div class=index_centent>v</div></DIV>"
                .to_owned(),
        );
        pages.push(format!("<!DOCTYPE html>{}", pages.last().unwrap()));
        for page in &pages {
            let html = Html::parse_document(page);
            let each = select_each(&html, &sels);
            for (sel, got) in sels.iter().zip(&each) {
                let want: Vec<_> = html.select(&sel.selector).map(|e| e.id()).collect();
                let got: Vec<_> = got.iter().map(|e| e.id()).collect();
                assert_eq!(
                    got,
                    want,
                    "{:?} on {}",
                    sel.need,
                    page.chars().take(60).collect::<String>()
                );
            }
        }
    }

    /// [`Needs::any_holds`] is whether one selector's [`Need::holds`], on
    /// elements of every kind a need looks at, in odd case.
    #[test]
    fn grouped_needs_hold_as_each_need() {
        let list = [
            "h1.post_title",
            "#Activity-Name",
            ".date-source .date",
            "[data-ptime]",
            "[class*=index_title]",
            "meta[name=PubDate]",
        ];
        let sels = selectors(&list);
        let needs = Needs::of([&sels[..]]);
        let html = Html::parse_document(
            "<H1>a</H1><p id=activity-name>b</p><span class='x DATE'>c</span>\
             <i DATA-PTIME=1>d</i><b class=xIndex_Titley>e</b><meta name=PubDate>\
             <p id=other class=other>f</p><b class=index_titl>g</b><em data-p=1>h</em>",
        );
        let mut held = 0;
        for node in html.tree.nodes() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            let each = sels.iter().any(|s| s.need.holds(el.value()));
            assert_eq!(needs.any_holds(el.value()), each, "{:?}", el.value());
            held += usize::from(each);
        }
        // html, head, body, h1, p, span, i, b, meta: body none; h1..meta six.
        assert_eq!(held, 6);
        assert!(Needs::of([&selectors(&["*"])[..]]).any_holds(html.root_element().value()));
    }
}
