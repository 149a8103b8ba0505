//! HTML (placeholder until the scraper-based extractor lands): read as text.

use super::Document;

/// Turns an HTML page into logical lines.
pub(crate) fn lines(input: &str) -> Document<'_> {
    super::text::lines(input)
}
