//! What a line's text or a paper looks like to the assembly: a byline, a
//! contents entry, prose, a label, a paper with nothing but its heading.

use crate::grammar;
use crate::model::Paper;
use crate::vocabulary;

/// A paper that is nothing but its heading.
pub(super) fn is_bare(p: &Paper) -> bool {
    // Every field named: a new one fails to compile here until it is decided
    // whether it counts as content.
    let Paper {
        number: _,
        title: _,
        authors,
        et_al: _,
        links,
        abstract_text,
        figures,
        recommendation,
        // The heading's own text: part of the heading.
        heading_title: _,
    } = p;
    authors.is_empty()
        && links.is_empty()
        && abstract_text.is_none()
        && recommendation.is_none()
        && figures.is_empty()
}

/// `机器之心 & ArXiv Weekly Radiostation`, `机器之心报道`: a short byline.
pub(super) fn is_byline(text: &str) -> bool {
    crate::text::chars_at_most(text, 40)
        && (text.contains(vocabulary::COLUMN_BYLINE)
            || (text.contains('&') && crate::text::find_ascii_ci(text, "radiostation").is_some()))
        && !text.contains('。')
}

/// The source a byline names: the part before `&`, without `报道`/`编辑部`.
pub(super) fn byline_source(text: &str) -> &str {
    let head = text.split(['&', '＆']).next().unwrap_or(text);
    let head = crate::text::trim(head);
    if head.contains(vocabulary::COLUMN_BYLINE) {
        return vocabulary::COLUMN_BYLINE;
    }
    head
}

/// A contents entry without its numbering or bullet.
pub(super) fn contents_entry(text: &str) -> &str {
    let s = grammar::strip_bullet(text);
    match grammar::strip_numbering(s) {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => s,
    }
}

/// A paragraph rather than a title: long, or a Chinese sentence.
pub(super) fn is_prose(text: &str) -> bool {
    text.contains('。') || !crate::text::chars_at_most(text, 79)
}

/// `机构：清华大学` — a short label before a colon, not a sentence.
pub(super) fn looks_like_label(text: &str) -> bool {
    let Some(pos) = text.find([':', '：']) else {
        return false;
    };
    let label = &text[..pos];
    !label.is_empty() && crate::text::chars_at_most(label, 8) && !label.contains(['，', ',', '。'])
}
