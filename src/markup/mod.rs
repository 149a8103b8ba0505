//! What every scan of a page knows of HTML markup before any tree is built:
//! the one byte-level token reader ([`Tokens`]: tags, comments, raw-text
//! bodies, as html5ever's tokenizer cuts them) and the sets of element names
//! the tree builder treats alike (void, special, formatting, blocks, …).
//!
//! It lies below both of its readers: the pre-check ([`crate::precheck`]),
//! which scans the page for what the grammar needs, and the HTML source
//! ([`crate::source`]), which locates and reads the article.

mod tag_sets;
mod tokens;

#[cfg(test)]
pub(crate) use tag_sets::VOID;
pub(crate) use tag_sets::{
    FORMATTING, Names, SCOPE, TABLE_CONTEXT, is_block, is_block_end, is_container, is_furniture,
    is_heading, is_skipped, is_special, is_void, nests,
};
pub(crate) use tokens::{Attributes, BREAKOUT, INTEGRATION, Token, Tokens, is_one_of, is_raw_text};
