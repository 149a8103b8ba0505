//! Bytes to text: BOM, strict UTF-8, a checked `<meta charset>`, then detection.
//!
//! The order matters. A byte-order mark is authoritative. Valid UTF-8 is taken
//! as UTF-8 even where a page's `<meta charset>` claims gb2312: copies saved
//! by browsers keep the original declaration after re-encoding. A declared
//! charset is only trusted when the bytes decode under it without error.
//! UTF-8 with a few broken sequences stays UTF-8 (with replacement
//! characters); otherwise `chardetng` guesses (with Chinese as the expected language
//! family), and `encoding_rs` decodes, replacing what cannot be decoded.
//!
//! An input that ends inside a character (a scrape cut mid-character) is
//! valid up to that character: it is read in the encoding it is valid in, and
//! the cut is reported in [`Damage`] along with every other replaced sequence.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// What decoding had to repair, and where a source stopped reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Damage {
    /// Invalid byte sequences replaced with U+FFFD, the cut character excluded.
    pub replaced: usize,
    /// The input ends inside a character; it was replaced with U+FFFD.
    pub cut: bool,
    /// The source stopped reading a page denser than its budget allows.
    pub unread: Option<crate::source::Cut>,
}

impl Damage {
    /// The damage a part of the input carries: the cut only when the part
    /// runs `to_end` of the input.
    pub(crate) fn up_to(self, to_end: bool) -> Damage {
        Damage {
            cut: self.cut && to_end,
            unread: self.unread.filter(|_| to_end),
            ..self
        }
    }
}

/// How many leading bytes are searched for a `<meta charset>` declaration.
const META_SCAN: usize = 4096;

/// Decodes `bytes` to text and reports the encoding used and what was repaired.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding, Damage) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return lossy(encoding, &bytes[bom_len..]);
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(text), UTF_8, Damage::default());
    }
    // Not valid: the standard library's error says where and how.
    match std::str::from_utf8(bytes) {
        Ok(text) => return (Cow::Borrowed(text), UTF_8, Damage::default()),
        // Valid UTF-8 up to a character cut at the end.
        Err(e) if e.error_len().is_none() => {
            let mut text = String::with_capacity(e.valid_up_to() + 3);
            text.push_str(std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default());
            text.push(char::REPLACEMENT_CHARACTER);
            let damage = Damage {
                replaced: 0,
                cut: true,
                unread: None,
            };
            return (Cow::Owned(text), UTF_8, damage);
        }
        Err(_) => {}
    }
    if let Some(declared) = declared_charset(&bytes[..bytes.len().min(META_SCAN)])
        && declared != UTF_8
        && let Some((text, damage)) = decode_with(declared, bytes, true)
    {
        return (text, declared, damage);
    }
    if mostly_utf8(bytes) {
        return lossy(UTF_8, bytes);
    }
    // chardetng costs far more per byte than decoding (about 0.2 ms per 2 KiB,
    // growing faster than linearly), so it first sees a sample: 2 KiB from the
    // first non-ASCII byte, where the text that tells encodings apart starts.
    // A guess that decodes the whole input without error (a character cut at
    // the very end aside) stands; otherwise the detector sees everything.
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = &bytes[start..bytes.len().min(start + DETECT_SAMPLE)];
    let guess = guess(sample, sample.len() == bytes.len() - start);
    if sample.len() < bytes.len() - start {
        if let Some((text, damage)) = decode_with(guess, bytes, true) {
            return (text, guess, damage);
        }
        return lossy(self::guess(&bytes[start..], true), bytes);
    }
    lossy(guess, bytes)
}

/// Decodes `bytes` as `encoding`, replacing what is invalid.
fn lossy<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
) -> (Cow<'a, str>, &'static Encoding, Damage) {
    let (text, damage) = decode_with(encoding, bytes, false).unwrap_or_default();
    (text, encoding, damage)
}

/// Decodes `bytes` as `encoding` and counts the repairs. With `strict`, an
/// invalid sequence anywhere but in a character cut at the very end gives
/// `None`. Text that needs no repair is borrowed where the encoding allows.
fn decode_with<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    strict: bool,
) -> Option<(Cow<'a, str>, Damage)> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Some((text, Damage::default()));
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let mut damage = Damage::default();
    let mut rest = bytes;
    // First everything but the end (an incomplete last character stays
    // pending in the decoder), then the end, where only that character is left.
    for last in [false, true] {
        loop {
            let (result, read) =
                decoder.decode_to_string_without_replacement(rest, &mut text, last);
            rest = &rest[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => text.reserve(rest.len().max(16) * 3),
                DecoderResult::Malformed(..) if last && rest.is_empty() => {
                    text.push(char::REPLACEMENT_CHARACTER);
                    damage.cut = true;
                }
                DecoderResult::Malformed(..) if strict => return None,
                DecoderResult::Malformed(..) => {
                    text.push(char::REPLACEMENT_CHARACTER);
                    damage.replaced += 1;
                }
            }
        }
    }
    Some((Cow::Owned(text), damage))
}

/// How many bytes `chardetng` sees first.
const DETECT_SAMPLE: usize = 2048;

/// `chardetng`'s guess for `bytes`, expecting Chinese (the `.cn` TLD hint).
fn guess(bytes: &[u8], last: bool) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, last);
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

/// UTF-8 with a few broken sequences (a scrape cut mid-character, a stray
/// byte): fewer than one byte in a hundred is invalid. Text in a legacy
/// encoding read as UTF-8 is invalid almost everywhere, so it never passes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let invalid: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
    invalid * 100 < bytes.len()
}

/// Finds a `charset=` declaration (`<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)
/// and resolves its label with the WHATWG rules of `encoding_rs`.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + pos + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if let Some(encoding) = Encoding::for_label(&rest[..end]) {
            return Some(encoding);
        }
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A character cut at the end and nothing else.
    const CUT: Damage = Damage {
        replaced: 0,
        cut: true,
        unread: None,
    };

    #[test]
    fn bom_wins() {
        let (text, enc, damage) = decode(b"\xEF\xBB\xBFabc");
        assert_eq!((text.as_ref(), enc.name()), ("abc", "UTF-8"));
        assert_eq!(damage, Damage::default());
    }

    #[test]
    fn valid_utf8_is_utf8_whatever_the_meta_says() {
        let page = "<meta charset=\"gb2312\"><p>论文 1：标题</p>";
        let (text, enc, damage) = decode(page.as_bytes());
        assert_eq!((text.as_ref(), enc.name()), (page, "UTF-8"));
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(damage, Damage::default());
    }

    #[test]
    fn gbk_declared_and_valid() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>论文 1：标题</p>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(text, page);
        assert_eq!(enc.name(), "GBK");
        assert_eq!(damage, Damage::default());
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let page = "7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型\n本周论文包括费米实验室发现，一种被称为 W 玻色子的基本粒子似乎比标准模型预测得要重。\n论文 1：标题\n作者：张三、李四\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(page);
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(text, page);
        assert!(matches!(enc.name(), "GBK" | "gb18030"), "{}", enc.name());
        assert_eq!(damage, Damage::default());
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8() {
        let mut bytes = "论文 1：标题。".repeat(50).into_bytes();
        bytes.insert(40, 0xFF); // between two characters
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(enc.name(), "UTF-8");
        assert_eq!(text.matches('\u{FFFD}').count(), 1);
        assert_eq!(
            damage,
            Damage {
                replaced: 1,
                cut: false,
                unread: None,
            }
        );
    }

    #[test]
    fn declared_but_wrong_falls_back_to_detection() {
        // Declares Shift_JIS, but the body is GBK.
        let mut bytes = b"<meta charset=shift_jis>".to_vec();
        let (gbk, _, _) = encoding_rs::GBK.encode(
            "本周论文包括费米实验室发现，一种被称为玻色子的基本粒子似乎比标准模型预测得要重。",
        );
        bytes.extend_from_slice(&gbk);
        let (_, enc, damage) = decode(&bytes);
        assert_eq!(enc.name(), "GBK");
        assert_eq!(damage, Damage::default());
    }

    /// The GBK seed sentence repeated past the detector's sample.
    fn long_gbk() -> Vec<u8> {
        let page =
            "本周论文包括费米实验室发现，一种被称为 W 玻色子的基本粒子似乎比标准模型预测得要重。\n"
                .repeat(60);
        encoding_rs::GBK.encode(&page).0.into_owned()
    }

    #[test]
    fn gbk_cut_on_a_lone_lead_byte_is_gbk_with_a_cut() {
        let mut bytes = long_gbk();
        assert!(bytes.len() > 2 * DETECT_SAMPLE);
        bytes.push(0xB1); // the lead byte of 本 without its trail byte
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(enc.name(), "GBK");
        assert!(
            text.ends_with("重。\n\u{FFFD}"),
            "{:?}",
            &text[text.len() - 20..]
        );
        assert_eq!(damage, CUT);
    }

    #[test]
    fn gbk_with_invalid_bytes_counts_them() {
        let mut bytes = long_gbk();
        bytes.insert(bytes.len() / 2, 0xFF);
        bytes.push(0xFF); // invalid at the end is not a cut
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(enc.name(), "GBK");
        assert_eq!(text.matches('\u{FFFD}').count(), 2);
        assert_eq!(
            damage,
            Damage {
                replaced: 2,
                cut: false,
                unread: None,
            }
        );
    }

    #[test]
    fn declared_gbk_cut_mid_character_keeps_the_declaration() {
        let page = "<meta charset=\"gbk\"><p>论文 1：标题</p><p>摘要：一段";
        let mut bytes = encoding_rs::GBK.encode(page).0.into_owned();
        bytes.push(0xD5);
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(
            (enc.name(), text.as_ref()),
            ("GBK", format!("{page}\u{FFFD}").as_str())
        );
        assert!(damage.cut);
    }

    #[test]
    fn short_utf8_cut_mid_character_is_utf8_with_a_cut() {
        // Too short for the one-in-a-hundred rule: the cut alone decides.
        let bytes = &"论文 1：标题".as_bytes()[..12];
        let (text, enc, damage) = decode(bytes);
        assert_eq!((enc.name(), text.as_ref()), ("UTF-8", "论文 1：\u{FFFD}"));
        assert_eq!(damage, CUT);
    }

    #[test]
    fn utf16_with_bom_reports_a_cut() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "论文".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes.push(0x41);
        let (text, enc, damage) = decode(&bytes);
        assert_eq!((enc.name(), text.as_ref()), ("UTF-16LE", "论文\u{FFFD}"));
        assert!(damage.cut);
    }
}
