//! What the pre-check's scans need to know of HTML elements: which the
//! visible text runs through, which hide it, which break a line, and the
//! tree builder's special and void elements.

use super::is_one_of;
use crate::markup;

/// Inline elements whose text the HTML source always keeps in place, and
/// void elements without text: no element the source skips (`select`,
/// `nav`, …), no table element (foster parenting moves text), no block (it
/// breaks the line), no `img` (its alt text may become a line).
pub(super) const TRANSPARENT: [&[u8]; 38] = [
    b"html", b"head", b"body", b"link", b"meta", b"base", b"wbr", b"source", b"track", b"param",
    b"col", b"area", b"a", b"abbr", b"b", b"bdi", b"bdo", b"big", b"br", b"cite", b"code", b"data",
    b"dfn", b"em", b"font", b"i", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span",
    b"strike", b"strong", b"sub", b"sup", b"u",
];

/// Elements with a rule of their own that still keep the text in place: void elements
/// without text that the tree builder inserts where they stand in a body
/// (`input`, `embed`, `keygen`), and formatting elements like those of
/// [`TRANSPARENT`] (`tt`, `nobr`: the adoption agency may re-parent text,
/// never reorder it), `var`, special only inside foreign content, and
/// `option` and `optgroup`, which outside a `select` (whose body the
/// source skips) only close an open `option`.
pub(super) const KEEPS_TEXT: [&[u8]; 8] = [
    b"input",
    b"embed",
    b"keygen",
    b"tt",
    b"nobr",
    b"var",
    b"option",
    b"optgroup",
];

/// Tags the tree builder has a rule of its own for that neither
/// html5ever's special set ([`markup::is_special`]) nor the source's
/// blocks and skipped elements hold: they close or move what is open
/// (`ruby` parts, `image` read as `img`) or start foreign content.
pub(super) const OWN_RULE: [&str; 10] = [
    "image", "math", "svg", "dialog", "search", "rb", "rp", "rt", "rtc", "ruby",
];

/// `name` ASCII-lowercased in `buf`, if it fits (every name of the tag sets
/// is short and ASCII; a longer or other name is none of them).
pub(super) fn lowercase<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let buf = buf.get_mut(..name.len())?;
    buf.copy_from_slice(name);
    buf.make_ascii_lowercase();
    std::str::from_utf8(buf).ok()
}

/// Is `name` in html5ever's special set ([`markup::is_special`]), whose
/// open elements make the end tag of an ordinary element around them be
/// ignored?
pub(super) fn is_special(name: &[u8]) -> bool {
    lowercase(name, &mut [0; 16]).is_some_and(markup::is_special)
}

/// Does the visible text run through an element named `name` as if its
/// tags were not there (so long as nothing hides it)? The [`TRANSPARENT`]
/// and [`KEEPS_TEXT`] elements, and every ordinary element, which the tree
/// builder inserts where it stands (not special, not of [`OWN_RULE`], not
/// a block or an element the HTML source skips): custom elements
/// (`<mp-common-profile>`), `label`, `time`, `ins`, `del`, ….
pub(super) fn runs_through(name: &[u8]) -> bool {
    if is_one_of(name, &TRANSPARENT) || is_one_of(name, &KEEPS_TEXT) {
        return true;
    }
    let mut buf = [0; 16];
    let Some(name) = lowercase(name, &mut buf) else {
        return true;
    };
    !(markup::is_special(name)
        || OWN_RULE.contains(&name)
        || markup::is_block(name)
        || markup::is_skipped(name))
}

/// Is `name` a void element (no body, no end tag)?
pub(super) fn is_void(name: &[u8]) -> bool {
    markup::is_void(name)
}

/// Is the start tag `tag` (named `name`) one the visible text runs through
/// ([`runs_through`]) with no attribute that may hide it (`hidden`, a
/// `display: none` style; any `hidden` or `none` in the tag counts)?
pub(super) fn transparent(name: &[u8], tag: &[u8]) -> bool {
    runs_through(name) && !hides(tag)
}

/// Does the start tag `tag` hold `hidden` or `none` (in any case), which
/// may hide its element?
pub(super) fn hides(tag: &[u8]) -> bool {
    let holds = |word: &[u8]| {
        memchr::memchr2_iter(word[0], word[0].to_ascii_uppercase(), tag).any(|i| {
            tag.get(i..i + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        })
    };
    holds(b"hidden") || holds(b"none")
}

/// Does the start tag `name` always open a block element, which starts a
/// new line of the HTML source, wherever it stands? The source's blocks,
/// but not `body` or `html` (merged into the open ones), nor table parts or
/// `form` (ignored out of place).
pub(super) fn is_breaking(name: &[u8]) -> bool {
    let mut buf = [0; 16];
    let Some(name) = lowercase(name, &mut buf) else {
        return false;
    };
    markup::is_block(name)
        && !matches!(
            name,
            "body" | "html" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "form"
        )
}
