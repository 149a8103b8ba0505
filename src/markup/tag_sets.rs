//! Sets of HTML element names, by what the reader needs to know of them.

use std::sync::LazyLock;

use super::tokens;

/// A set of element names composed from lists, looked up by length first:
/// only the few names of a length are compared, ASCII case-insensitively.
pub(crate) struct Names {
    by_len: Vec<Vec<&'static [u8]>>,
}

impl Names {
    /// The names of every list.
    pub(crate) fn of(lists: &[&[&'static [u8]]]) -> Names {
        let mut by_len: Vec<Vec<&'static [u8]>> = Vec::new();
        for &name in lists.iter().flat_map(|l| l.iter()) {
            if by_len.len() <= name.len() {
                by_len.resize(name.len() + 1, Vec::new());
            }
            if !by_len[name.len()]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(name))
            {
                by_len[name.len()].push(name);
            }
        }
        Names { by_len }
    }

    /// Is `name` one of them, in any ASCII case?
    #[inline]
    pub(crate) fn contains(&self, name: &[u8]) -> bool {
        self.by_len
            .get(name.len())
            .is_some_and(|names| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
    }
}

/// Elements that a sibling or a parent's end closes (`p`, `li`, cells,
/// headings), or a second one of their kind (`a`, `button`, `nobr`,
/// `form`, `select`), and the document's own (`html`, `head`, `body`).
const CLOSED_BY_OTHERS: [&[u8]; 32] = [
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"rb",
    b"rt",
    b"rtc",
    b"rp",
    b"tr",
    b"td",
    b"th",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"html",
    b"head",
    b"body",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"a",
    b"button",
    b"nobr",
    b"form",
    b"select",
];

/// The elements that do not nest without bound: void, raw text, or
/// [`CLOSED_BY_OTHERS`].
static NOT_NESTING: LazyLock<Names> =
    LazyLock::new(|| Names::of(&[&VOID, &tokens::RAW_TEXT_NAMES, &CLOSED_BY_OTHERS]));

/// The void elements, as a set.
static VOID_NAMES: LazyLock<Names> = LazyLock::new(|| Names::of(&[&VOID]));

/// Does an element of this name stay open until its end tag, so that a page
/// can nest it without bound? Not void elements, not those a sibling or a
/// parent's end closes (`p`, `li`, cells, headings), not those a second one
/// closes (`a`, `button`, `nobr`, `form`, `select`), not raw text.
#[inline]
pub(crate) fn nests(name: &[u8]) -> bool {
    !NOT_NESTING.contains(name)
}

/// Is `name` a void element (no body, no end tag)?
#[inline]
pub(crate) fn is_void(name: &[u8]) -> bool {
    VOID_NAMES.contains(name)
}

/// The formatting elements (WHATWG §13.2.4.3): the tree builder keeps them
/// in its list of active formatting elements and opens a copy of one that
/// a block closed where text follows (reconstruction).
pub(crate) const FORMATTING: [&[u8]; 14] = [
    b"a", b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike",
    b"strong", b"tt", b"u",
];

/// The elements that decide what a `<table>` start tag does.
pub(crate) const TABLE_CONTEXT: [&[u8]; 4] = [b"table", b"td", b"th", b"caption"];

/// Elements that bound the scope an end tag acts in: an end tag whose
/// element is below one of them is ignored by a real parse.
pub(crate) const SCOPE: [&[u8]; 8] = [
    b"table",
    b"td",
    b"th",
    b"caption",
    b"object",
    b"applet",
    b"marquee",
    b"template",
];

/// Elements without an end tag.
pub(crate) const VOID: [&[u8]; 19] = [
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"image",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"param",
    b"keygen",
    b"frame",
    b"basefont",
    b"bgsound",
];

/// Elements whose contents are never content.
pub(crate) fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "head"
            | "textarea"
            | "select"
            | "button"
            | "object"
            | "canvas"
            | "math"
    )
}

/// Elements the density fallback may step into: blocks that hold blocks.
pub(crate) fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "center"
            | "table"
            | "tbody"
            | "tr"
            | "td"
            | "font"
    )
}

/// Elements the density fallback does not count (site furniture).
pub(crate) fn is_furniture(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "form")
}

/// Elements that end a line when they open and when they close.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "pre"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
    )
}

/// html5ever's special elements (its `special_tag` set).
pub(crate) fn is_special(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "applet"
                | "area"
                | "article"
                | "aside"
                | "base"
                | "basefont"
                | "bgsound"
                | "blockquote"
                | "body"
                | "br"
                | "button"
                | "caption"
                | "center"
                | "col"
                | "colgroup"
                | "dd"
                | "details"
                | "dir"
                | "div"
                | "dl"
                | "dt"
                | "embed"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "frame"
                | "frameset"
                | "head"
                | "header"
                | "hgroup"
                | "hr"
                | "html"
                | "iframe"
                | "img"
                | "input"
                | "isindex"
                | "li"
                | "link"
                | "listing"
                | "main"
                | "marquee"
                | "menu"
                | "meta"
                | "nav"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "ol"
                | "p"
                | "param"
                | "plaintext"
                | "pre"
                | "script"
                | "section"
                | "select"
                | "source"
                | "style"
                | "summary"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "track"
                | "ul"
                | "wbr"
                | "xmp"
        )
}

/// `h1` to `h6`.
pub(crate) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// End tags html5ever handles by closing the element in scope with all it
/// holds (its "`</div>`" group, less what the reader never opens).
pub(crate) fn is_block_end(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "ul"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sets composed from lists hold exactly their lists' names, in
    /// any ASCII case, and nothing of another length or spelling.
    #[test]
    fn composed_sets_hold_their_lists() {
        let lists: [&[&[u8]]; 3] = [&VOID, &tokens::RAW_TEXT_NAMES, &CLOSED_BY_OTHERS];
        for list in lists {
            for name in list {
                assert!(!nests(name), "{}", String::from_utf8_lossy(name));
                assert!(!nests(&name.to_ascii_uppercase()));
            }
        }
        for name in VOID {
            assert!(is_void(name) && is_void(&name.to_ascii_uppercase()));
        }
        for name in [
            &b"div"[..],
            b"section",
            b"span",
            b"custom-element",
            b"pp",
            b"",
            b"b",
            b"table",
            b"a-very-long-custom-element-name",
        ] {
            assert!(nests(name), "{}", String::from_utf8_lossy(name));
            assert!(!is_void(name));
        }
        let set = Names::of(&[&[b"ab", b"AB", b"c"]]);
        assert!(set.contains(b"aB") && set.contains(b"C") && !set.contains(b"abc"));
        assert_eq!(set.by_len[2].len(), 1);
    }
}
