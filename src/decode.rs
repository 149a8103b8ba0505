//! Bytes to text: BOM, strict UTF-8, a checked `<meta charset>`, then detection.
//!
//! The order matters. A byte-order mark is authoritative. Valid UTF-8 is taken
//! as UTF-8 even where a page's `<meta charset>` claims gb2312: copies saved
//! by browsers keep the original declaration after re-encoding. A declared
//! charset is only trusted when the bytes decode under it without error.
//! UTF-8 with damage stays UTF-8 (with replacement characters): valid
//! Chinese characters between the broken sequences tell it from GBK, which
//! read as UTF-8 is invalid almost everywhere. Otherwise `chardetng` guesses
//! (with Chinese as the expected language family), and `encoding_rs` decodes,
//! replacing what cannot be decoded, in one pass whatever the density of
//! invalid bytes.
//!
//! An input that ends inside a character (a scrape cut mid-character) is
//! valid up to that character: it is read in the encoding it is valid in, and
//! the cut is reported in [`Damage`] along with every other replaced sequence.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// A source stopped reading a page after [`budget`](crate::source::budget) units of markup (HTML
/// elements, or text and Markdown lines): the page holds more of them than
/// its size can explain, and each costs a tree node or a line of a few
/// hundred bytes. Reported as a
/// [`crate::WarningCode::PageTruncated`] warning, never silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cut {
    /// How many units were read.
    pub units: usize,
    /// What a unit is (`"elements"`, `"lines"`).
    pub what: &'static str,
    /// How many bytes of the page were left unread.
    pub unread: usize,
}

/// What decoding had to repair, and where a source stopped reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Damage {
    /// Invalid byte sequences replaced with U+FFFD, the cut character excluded.
    pub replaced: usize,
    /// The input ends inside a character; it was replaced with U+FFFD.
    pub cut: bool,
    /// The source stopped reading a page denser than its budget allows.
    pub unread: Option<Cut>,
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
    // The evidence for damaged UTF-8 is read from the first MiB after the
    // first non-ASCII byte (every real page whole), with the ASCII before it.
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let utf8 = Utf8Stats::of(&bytes[..bytes.len().min(start + STATS_SAMPLE)]);
    if utf8.damaged() {
        return lossy(UTF_8, bytes);
    }
    // chardetng costs far more per byte than decoding (about 0.2 ms per 2 KiB,
    // growing faster than linearly), so it first sees a sample: 2 KiB from the
    // first non-ASCII byte, where the text that tells encodings apart starts.
    // A guess that decodes the whole input without error (a character cut at
    // the very end aside) stands. Otherwise UTF-8 with a few broken bytes
    // stays UTF-8, and anything else is read in what the detector guesses
    // from a larger sample.
    let sample = &bytes[start..bytes.len().min(start + DETECT_SAMPLE)];
    let whole = sample.len() == bytes.len() - start;
    let guess = guess(sample, whole);
    if let Some((text, damage)) = decode_with(guess, bytes, true) {
        return (text, guess, damage);
    }
    if utf8.few_invalid() {
        return lossy(UTF_8, bytes);
    }
    if whole {
        return lossy(guess, bytes);
    }
    let wide = &bytes[start..bytes.len().min(start + DETECT_WIDE)];
    lossy(self::guess(wide, wide.len() == bytes.len() - start), bytes)
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
///
/// One pass whatever the density of invalid bytes: the decoder stops at
/// each invalid sequence, so it writes into a small buffer of its own,
/// appended to the text after each call, and no call costs more than what
/// it reads and writes (handed the text's spare capacity, each call once
/// touched all of it: quadratic in a page of invalid bytes).
fn decode_with<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    strict: bool,
) -> Option<(Cow<'a, str>, Damage)> {
    if encoding == UTF_8 {
        return utf8_with(bytes, strict);
    }
    // (Not `decode_without_bom_handling_and_without_replacement`: it zeroes
    // a buffer for the whole text before it finds the first invalid byte.)
    if encoding.is_ascii_compatible() && Encoding::ascii_valid_up_to(bytes) == bytes.len() {
        return std::str::from_utf8(bytes)
            .ok()
            .map(|text| (Cow::Borrowed(text), Damage::default()));
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let mut chunk = "\0".repeat(DECODE_CHUNK);
    let mut damage = Damage::default();
    let mut rest = bytes;
    // First everything but the end (an incomplete last character stays
    // pending in the decoder), then the end, where only that character is left.
    for last in [false, true] {
        loop {
            #[cfg(test)]
            work::decoder_call(chunk.len());
            let (result, read, written) =
                decoder.decode_to_str_without_replacement(rest, &mut chunk, last);
            text.push_str(&chunk[..written]);
            rest = &rest[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
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

/// The output buffer of one decoder call, in bytes.
const DECODE_CHUNK: usize = 16 * 1024;

/// [`decode_with`] for UTF-8: the valid runs between invalid sequences are
/// copied, each invalid sequence (a maximal subpart, as the WHATWG decoder
/// replaces) becomes one U+FFFD, and an incomplete character at the very
/// end is the cut.
fn utf8_with(bytes: &[u8], strict: bool) -> Option<(Cow<'_, str>, Damage)> {
    let mut chunks = bytes.utf8_chunks().peekable();
    if let Some(first) = chunks.peek()
        && first.invalid().is_empty()
    {
        return Some((Cow::Borrowed(first.valid()), Damage::default()));
    }
    let (valid, invalid) = bytes.utf8_chunks().fold((0, 0), |(v, i), c| {
        (
            v + c.valid().len(),
            i + usize::from(!c.invalid().is_empty()),
        )
    });
    let mut text = String::with_capacity(valid + 3 * invalid);
    let mut damage = Damage::default();
    let mut at = 0;
    for chunk in chunks {
        #[cfg(test)]
        work::utf8_chunk();
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        at += chunk.valid().len() + bad.len();
        if bad.is_empty() {
            continue;
        }
        text.push(char::REPLACEMENT_CHARACTER);
        // A prefix of a character at the very end: the input was cut.
        if at == bytes.len() && std::str::from_utf8(bad).is_err_and(|e| e.error_len().is_none()) {
            damage.cut = true;
        } else if strict {
            return None;
        } else {
            damage.replaced += 1;
        }
    }
    Some((Cow::Owned(text), damage))
}

/// Counts of the work [`decode_with`] does, for the tests that check it is
/// linear in the input.
#[cfg(test)]
pub(crate) mod work {
    use std::cell::Cell;

    thread_local! {
        static CALLS: Cell<usize> = const { Cell::new(0) };
        static LARGEST: Cell<usize> = const { Cell::new(0) };
        static CHUNKS: Cell<usize> = const { Cell::new(0) };
    }

    /// A decoder call handed an output buffer of `room` bytes.
    pub(super) fn decoder_call(room: usize) {
        CALLS.set(CALLS.get() + 1);
        LARGEST.set(LARGEST.get().max(room));
    }

    /// A chunk of the UTF-8 walk.
    pub(super) fn utf8_chunk() {
        CHUNKS.set(CHUNKS.get() + 1);
    }

    /// Decoder calls, the largest output buffer one was handed, and UTF-8
    /// chunks since the last call on this thread.
    pub(crate) fn take() -> (usize, usize, usize) {
        (CALLS.take(), LARGEST.take(), CHUNKS.take())
    }
}

/// How many bytes `chardetng` sees first.
const DETECT_SAMPLE: usize = 2048;

/// `chardetng`'s guess for `bytes`, expecting Chinese (the `.cn` TLD hint).
fn guess(bytes: &[u8], last: bool) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, last);
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

/// How many bytes from the first non-ASCII byte `chardetng` sees when the
/// guess from its first sample leaves invalid bytes: enough text to tell
/// the encodings apart, and a bounded cost (the detector is the slowest
/// stage per byte, and random bytes never decode cleanly).
const DETECT_WIDE: usize = 256 * 1024;

/// How many bytes from the first non-ASCII byte [`Utf8Stats`] reads: the
/// walk is branchy, and on 32 MiB of random bytes it was a third of the time.
const STATS_SAMPLE: usize = 1 << 20;

/// What a page read as UTF-8 holds: the evidence that tells UTF-8 with
/// damage from text in a legacy encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Utf8Stats {
    /// Bytes in all.
    len: usize,
    /// Invalid sequences (maximal subparts, each one U+FFFD).
    invalid: usize,
    /// Invalid bytes.
    invalid_bytes: usize,
    /// Valid characters of three or four bytes (U+0800 and up: every
    /// Chinese character).
    wide: usize,
}

impl Utf8Stats {
    /// One walk over the bytes.
    fn of(bytes: &[u8]) -> Utf8Stats {
        let mut stats = Utf8Stats {
            len: bytes.len(),
            ..Utf8Stats::default()
        };
        let mut i = 0;
        while let Some(&lead) = bytes.get(i) {
            if lead.is_ascii() {
                i += bytes[i..].iter().take_while(|b| b.is_ascii()).count();
                continue;
            }
            // The length a lead byte announces and the range of its second
            // byte (the Unicode Standard's table 3-7 of well-formed sequences).
            let (len, second) = match lead {
                0xC2..=0xDF => (2, 0x80..=0xBF),
                0xE0 => (3, 0xA0..=0xBF),
                0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80..=0xBF),
                0xED => (3, 0x80..=0x9F),
                0xF0 => (4, 0x90..=0xBF),
                0xF1..=0xF3 => (4, 0x80..=0xBF),
                0xF4 => (4, 0x80..=0x8F),
                _ => (1, 0x80..=0xBF),
            };
            // The lead and the well-formed bytes after it: the whole
            // character, or the maximal subpart that one U+FFFD replaces.
            let mut n = 1;
            while n < len
                && bytes.get(i + n).is_some_and(|b| {
                    if n == 1 {
                        second.contains(b)
                    } else {
                        (0x80..=0xBF).contains(b)
                    }
                })
            {
                n += 1;
            }
            if n == len && len > 1 {
                stats.wide += usize::from(len >= 3);
            } else {
                stats.invalid += 1;
                stats.invalid_bytes += n;
            }
            i += n;
        }
        stats
    }

    /// UTF-8 with damage: valid characters of three bytes or more (every
    /// Chinese character) stand between the invalid sequences, at least one
    /// per [`WIDE_PER_INVALID`] invalid sequences. GBK read as UTF-8 is
    /// invalid almost everywhere and forms a valid three-byte sequence only
    /// by chance (a lead byte `E0`–`EF` then two bytes in `80`–`BF`): one per
    /// 30 invalid sequences or fewer (the seed in GBK: 1 per 75; random bytes:
    /// 1 per 100). A UTF-8 digest with a stray byte after every 10 bytes has
    /// about 5 per 6, and after every 5 bytes still 1 per 3.
    fn damaged(self) -> bool {
        self.invalid > 0 && self.wide * WIDE_PER_INVALID >= self.invalid
    }

    /// A few broken bytes (a stray byte in a page without a run of
    /// multi-byte characters): fewer than one byte in a hundred is invalid.
    fn few_invalid(self) -> bool {
        self.invalid_bytes * 100 < self.len
    }
}

/// At least one wide character per this many invalid sequences makes a page
/// UTF-8 with damage (see [`Utf8Stats::damaged`]): a margin of about 4 on
/// each side, between GBK (1 in 30 or fewer) and a UTF-8 page with a stray
/// byte after every 5 bytes (1 in 3).
const WIDE_PER_INVALID: usize = 8;

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

    // Issue 22 (hostile probe): decoding in one pass, damaged UTF-8 vs GBK

    /// `甲` and an invalid byte, again and again, in `encoding`.
    fn dense_invalid(encoding: &'static Encoding, size: usize) -> Vec<u8> {
        let unit = encoding.encode("甲").0.into_owned();
        let mut bytes = Vec::with_capacity(size);
        while bytes.len() + unit.len() < size {
            bytes.extend_from_slice(&unit);
            bytes.push(0xFF);
        }
        bytes
    }

    /// The decoder is never handed the text's spare capacity (each call once
    /// touched all of it): every call gets the same small buffer, and there
    /// is one call per replaced sequence and per buffer filled, so the work
    /// is proportional to the input whatever the density of invalid bytes.
    #[test]
    fn dense_invalid_gbk_decodes_in_calls_of_bounded_size() {
        for size in [64 << 10, 1 << 20] {
            let bytes = dense_invalid(encoding_rs::GBK, size);
            work::take();
            let (text, damage) = decode_with(encoding_rs::GBK, &bytes, false).unwrap();
            let (calls, largest, _) = work::take();
            let n = bytes.len() / 3;
            assert_eq!(damage.replaced, n);
            assert_eq!(text, "甲\u{FFFD}".repeat(n));
            assert!(largest <= DECODE_CHUNK, "{largest}");
            assert!(
                calls <= n + 2 + text.len() / (DECODE_CHUNK / 2),
                "{calls} calls for {n} replaced"
            );
        }
    }

    /// UTF-8 is walked chunk by chunk, one chunk per invalid sequence,
    /// without a decoder call.
    #[test]
    fn dense_invalid_utf8_is_one_walk() {
        let bytes = dense_invalid(UTF_8, 1 << 20);
        let n = bytes.len() / 4;
        work::take();
        let (text, enc, damage) = decode(&bytes);
        let (calls, _, chunks) = work::take();
        assert_eq!(enc, UTF_8);
        assert_eq!(text, String::from_utf8_lossy(&bytes));
        assert_eq!((damage.replaced, damage.cut), (n, false));
        assert_eq!(calls, 0);
        assert!(chunks <= n + 1, "{chunks} chunks for {n} replaced");
    }

    /// The one-pass decoders give what `encoding_rs` gives, with the same
    /// count of replaced sequences and the same cut.
    #[test]
    fn one_pass_decoding_agrees_with_encoding_rs() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut noise: Vec<u8> = (0..50_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly plausible text bytes, some never valid.
                [b'a', 0xE4, 0xB8, 0xAD, 0xB1, 0xBE, 0xFF, 0x80][(state % 8) as usize]
            })
            .collect();
        for end in [None, Some(0xE4), Some(0xB1)] {
            noise.extend(end);
            for encoding in [
                UTF_8,
                encoding_rs::GBK,
                encoding_rs::GB18030,
                encoding_rs::BIG5,
            ] {
                let (text, damage) = decode_with(encoding, &noise, false).unwrap();
                let (expected, _) = encoding.decode_without_bom_handling(&noise);
                assert_eq!(text, expected, "{}", encoding.name());
                let replaced = expected.matches('\u{FFFD}').count();
                assert_eq!(
                    damage.replaced + usize::from(damage.cut),
                    replaced,
                    "{}",
                    encoding.name()
                );
                assert!(decode_with(encoding, &noise, true).is_none());
            }
        }
    }

    /// The case: a UTF-8 digest with a stray invalid byte after
    /// every 10 bytes is UTF-8 with damage, not GBK.
    #[test]
    fn utf8_with_a_stray_byte_every_ten_bytes_stays_utf8() {
        let seed = include_bytes!("../tests/fixtures/seed-2022-04-10.txt");
        let mut bytes = Vec::new();
        for part in seed.chunks(10) {
            bytes.extend_from_slice(part);
            bytes.push(0xFF);
        }
        let (text, enc, damage) = decode(&bytes);
        assert_eq!(enc, UTF_8);
        // Most Chinese characters survive (a stray byte inside one breaks it).
        let han = |s: &str| {
            s.chars()
                .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .count()
        };
        let seed_han = han(std::str::from_utf8(seed).unwrap());
        assert!(han(&text) * 2 > seed_han, "{} of {seed_han}", han(&text));
        assert!(damage.replaced >= seed.len() / 10, "{damage:?}");
        assert!(Utf8Stats::of(&bytes).damaged());
    }

    /// Real GBK is never taken for damaged UTF-8: the seed, the 163 page
    /// (declared gb2312) with its declaration removed, and markup that is
    /// almost all ASCII around a few Chinese characters.
    #[test]
    fn gbk_stays_gbk_whatever_its_share_of_ascii() {
        let seed = include_str!("../tests/fixtures/seed-2022-04-10.txt");
        let page = include_bytes!("../tests/fixtures/sites/163/page-gbk.html");
        let at = memchr::memmem::find(page, b"charset=gb2312").unwrap();
        let undeclared = [&page[..at], &page[at + b"charset=gb2312".len()..]].concat();
        let ascii = format!(
            "<html><body>{}<p>论文 1：摘要</p>{}</body></html>",
            "<div class=\"x\">some ascii markup</div>".repeat(40),
            "<span>more</span>".repeat(40)
        );
        let gbk_seed = encoding_rs::GBK.encode(seed).0.into_owned();
        let gbk_ascii = encoding_rs::GBK.encode(&ascii).0.into_owned();
        for (name, bytes) in [
            ("seed", gbk_seed.as_slice()),
            ("163", page.as_slice()),
            ("163 undeclared", undeclared.as_slice()),
            ("ascii", gbk_ascii.as_slice()),
        ] {
            assert!(!Utf8Stats::of(bytes).damaged(), "{name}");
            let (_, enc, damage) = decode(bytes);
            assert!(
                matches!(enc.name(), "GBK" | "gb18030"),
                "{name}: {}",
                enc.name()
            );
            assert_eq!(damage, Damage::default(), "{name}");
        }
    }

    /// The walk counts what `utf8_chunks` finds.
    #[test]
    fn utf8_stats_agree_with_utf8_chunks() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let noise: Vec<u8> = (0..20_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let b = (state >> 24) as u8;
                // Leads and continuations more often than chance.
                if state.is_multiple_of(3) {
                    0x80 | (b & 0x3F)
                } else {
                    b
                }
            })
            .collect();
        for bytes in [
            &noise[..],
            b"\xF4\x90\x80",
            b"\xED\xA0\x80a\xE4\xB8",
            "论文".as_bytes(),
        ] {
            let chunks = bytes.utf8_chunks();
            let (mut invalid, mut invalid_bytes, mut wide) = (0, 0, 0);
            for c in chunks {
                wide += c.valid().chars().filter(|&c| c >= '\u{800}').count();
                invalid += usize::from(!c.invalid().is_empty());
                invalid_bytes += c.invalid().len();
            }
            let stats = Utf8Stats::of(bytes);
            assert_eq!(
                (stats.invalid, stats.invalid_bytes, stats.wide),
                (invalid, invalid_bytes, wide)
            );
        }
    }
}
