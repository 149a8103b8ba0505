//! Bytes to text: BOM, strict UTF-8, a checked `<meta charset>`, then detection.
//!
//! The order matters. A byte-order mark is authoritative. Valid UTF-8 is taken
//! as UTF-8 even where a page's `<meta charset>` claims gb2312: copies saved
//! by browsers keep the original declaration after re-encoding. A declared
//! charset is only trusted when the bytes decode under it without error.
//! UTF-8 with a few broken sequences stays UTF-8 (with replacement
//! characters); otherwise `chardetng` guesses (with Chinese as the expected language
//! family), and `encoding_rs` decodes, replacing what cannot be decoded.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes are searched for a `<meta charset>` declaration.
const META_SCAN: usize = 4096;

/// Decodes `bytes` to text and reports the encoding used.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), UTF_8);
    }
    if let Some(declared) = declared_charset(&bytes[..bytes.len().min(META_SCAN)]) {
        // `decode_without_bom_handling_and_without_replacement` returns None
        // when the bytes are not valid in the declared encoding.
        if declared != UTF_8
            && let Some(text) = declared.decode_without_bom_handling_and_without_replacement(bytes)
        {
            return (text, declared);
        }
    }
    if mostly_utf8(bytes) {
        return (String::from_utf8_lossy(bytes), UTF_8);
    }
    // chardetng costs far more per byte than decoding (about 0.2 ms per 2 KiB,
    // growing faster than linearly), so it first sees a sample: 2 KiB from the
    // first non-ASCII byte, where the text that tells encodings apart starts.
    // A guess that decodes the whole input without error stands; otherwise
    // the detector sees everything.
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = &bytes[start..bytes.len().min(start + DETECT_SAMPLE)];
    let guess = guess(sample, sample.len() == bytes.len() - start);
    if sample.len() < bytes.len() - start {
        if let Some(text) = guess.decode_without_bom_handling_and_without_replacement(bytes) {
            return (text, guess);
        }
        let full = self::guess(&bytes[start..], true);
        let (text, _) = full.decode_without_bom_handling(bytes);
        return (text, full);
    }
    let (text, _) = guess.decode_without_bom_handling(bytes);
    (text, guess)
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

    #[test]
    fn bom_wins() {
        let (text, enc) = decode(b"\xEF\xBB\xBFabc");
        assert_eq!((text.as_ref(), enc.name()), ("abc", "UTF-8"));
    }

    #[test]
    fn valid_utf8_is_utf8_whatever_the_meta_says() {
        let page = "<meta charset=\"gb2312\"><p>论文 1：标题</p>";
        let (text, enc) = decode(page.as_bytes());
        assert_eq!((text.as_ref(), enc.name()), (page, "UTF-8"));
    }

    #[test]
    fn gbk_declared_and_valid() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>论文 1：标题</p>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (text, enc) = decode(&bytes);
        assert_eq!(text, page);
        assert_eq!(enc.name(), "GBK");
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let page = "7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型\n本周论文包括费米实验室发现，一种被称为 W 玻色子的基本粒子似乎比标准模型预测得要重。\n论文 1：标题\n作者：张三、李四\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(page);
        let (text, enc) = decode(&bytes);
        assert_eq!(text, page);
        assert!(matches!(enc.name(), "GBK" | "gb18030"), "{}", enc.name());
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8() {
        let mut bytes = "论文 1：标题。".repeat(50).into_bytes();
        bytes.insert(30, 0xFF);
        let (text, enc) = decode(&bytes);
        assert_eq!(enc.name(), "UTF-8");
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn declared_but_wrong_falls_back_to_detection() {
        // Declares Shift_JIS, but the body is GBK.
        let mut bytes = b"<meta charset=shift_jis>".to_vec();
        let (gbk, _, _) = encoding_rs::GBK.encode(
            "本周论文包括费米实验室发现，一种被称为玻色子的基本粒子似乎比标准模型预测得要重。",
        );
        bytes.extend_from_slice(&gbk);
        let (_, enc) = decode(&bytes);
        assert_eq!(enc.name(), "GBK");
    }
}
