//! Sets of HTML element names, by what the reader needs to know of them.

use super::tokens::{self, is_one_of};

/// Does an element of this name stay open until its end tag, so that a page
/// can nest it without bound? Not void elements, not those a sibling or a
/// parent's end closes (`p`, `li`, cells, headings), not those a second one
/// closes (`a`, `button`, `nobr`, `form`, `select`), not raw text.
pub(crate) fn nests(name: &[u8]) -> bool {
    let mut buf = [0u8; 10];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return true; // a long, unknown name
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    if is_one_of(lower, &VOID) || tokens::is_raw_text(lower) {
        return false;
    }
    !matches!(
        &*lower,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"html"
            | b"head"
            | b"body"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"a"
            | b"button"
            | b"nobr"
            | b"form"
            | b"select"
    )
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
