//! Markdown (placeholder until the pulldown-cmark reader lands): read as text.

use super::Document;

/// Turns a Markdown page into logical lines.
pub(crate) fn lines(input: &str) -> Document<'_> {
    super::text::lines(input)
}
