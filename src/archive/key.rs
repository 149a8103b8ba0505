//! Identity by title: a key that ignores what differs between copies of one
//! title (case, full- and half-width forms, punctuation, spacing).

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// The identity key of a title: its words in order (Unicode word boundaries,
/// UAX #29), width-folded (NFKC) and lower-cased, with the punctuation and
/// spacing between and inside them dropped.
///
/// Two spellings of one title have the same key:
///
/// ```
/// use paper_digest::archive::title_key;
///
/// assert_eq!(
///     title_key("Complex-Valued Autoencoders for Object Discovery."),
///     title_key("Complex-valued autoencoders for object discovery"),
/// );
/// // Full-width letters, spacing lost in a heading, Chinese punctuation.
/// assert_eq!(title_key("ＰａＬＭ：Scaling Language"), title_key("PaLM: ScalingLanguage"));
/// assert_eq!(title_key("使用可数无限折痕，对所有多面体流形进行连续展平"), "使用可数无限折痕对所有多面体流形进行连续展平");
/// assert_ne!(title_key("Rethinking Document-level NMT"), title_key("Rethinking Sentence-level NMT"));
/// ```
pub fn title_key(title: &str) -> String {
    if title.is_ascii() {
        // ASCII is its own NFKC form, and its words' letters and digits are
        // its letters and digits.
        return title
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    let folded: Cow<'_, str> = match is_nfkc_quick(title.chars()) {
        IsNormalized::Yes => Cow::Borrowed(title),
        _ => Cow::Owned(title.nfkc().collect()),
    };
    let mut key = String::with_capacity(folded.len());
    // A word keeps the marks UAX #29 allows inside it (`PaLM:Scaling`,
    // `e.g`, `don't`); the key keeps only its letters and digits.
    for word in folded.unicode_words() {
        for c in word.chars().filter(|c| c.is_alphanumeric()) {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Does `a` say the same as `b`, or less of it (a copy cut off part-way)?
/// Compared on their keys, so spacing, width and punctuation don't count.
pub(crate) fn same_or_prefix(a: &str, b: &str) -> bool {
    let (a, b) = (title_key(a), title_key(b));
    a.starts_with(&b) || b.starts_with(&a)
}
