//! WARC archives (`wget --warc-file`, Heritrix, browsertrix, Common Crawl):
//! every HTML response or resource record becomes one page, labelled
//! `ARCHIVE#TARGET-URI` and dated with the record's `WARC-Date`.
//!
//! Records are read one at a time by [`Records`]: bodies of records that
//! are not HTML pages are skipped unread, and a page body is read up to the
//! size limit, so an archive of any size is read in memory bounded by one
//! page. A record's WARC header is read up to [`MAX_HEADER_BYTES`], never
//! further, so a header that never ends (a corrupt or hostile archive) is an
//! error after 64 KiB, not a read of the whole stream. A record cut short
//! anywhere (in its WARC header, its HTTP head, or a block shorter than its
//! `Content-Length`: a crawl interrupted mid-write) is an error naming the
//! record, never dropped.
//!
//! The records are read here rather than by the `warc` crate: its reader
//! buffers a header line until a newline however long it is, and ends the
//! archive without an error at a record cut inside its header; a bounded
//! header read is the whole of the format's framing (a version line, fields,
//! a blank line, `Content-Length` bytes), so a reader of its own is simpler
//! than a bounded adapter around one.
//!
//! HTTP responses are parsed with `httparse`; chunked transfer coding is
//! undone strictly with `httparse::parse_chunk_size` (a body without its final
//! chunk is parsed with a [`WarningCode::PageTruncated`](crate::WarningCode::PageTruncated)
//! warning; an impossible chunk is an error); gzip and deflate content
//! coding with `flate2`. A body that does not decode is an error saying
//! why, never taken as it is.

use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

use super::reason::Reason;
use super::record::{Failure, Item, Record, WalkOptions, read_limited};

/// Room for the HTTP header block on top of the page-size limit.
const HEADER_ALLOWANCE: usize = 256 * 1024;

/// The most bytes one record's WARC header may take: its version line, its
/// fields and the blank line that ends them (and the blank lines before
/// it). Real headers take a few hundred bytes to a few KiB.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// One record's WARC header: its version line and its fields in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordHeader {
    /// The version line, `WARC/1.0` or `WARC/1.1`.
    pub version: String,
    /// The named fields, in order, names as written; a folded value (a line
    /// that starts with a space or a tab) joined to the field before it.
    pub fields: Vec<(String, String)>,
}

impl RecordHeader {
    /// The value of the first field named `name` (compared ASCII
    /// case-insensitively), trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The length of the record's block (`Content-Length`).
    ///
    /// # Errors
    ///
    /// The field is missing or not a decimal number.
    pub fn content_length(&self) -> Result<u64, String> {
        let value = self
            .get("Content-Length")
            .ok_or_else(|| "no Content-Length field".to_owned())?;
        value
            .parse()
            .map_err(|_| format!("Content-Length {value:?} is not a number"))
    }

    /// Parses a header block (lines ending in CRLF or LF, the blank line
    /// after the fields included or not).
    fn parse(block: &[u8]) -> Result<RecordHeader, String> {
        let text = String::from_utf8_lossy(block);
        let mut lines = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .skip_while(|l| l.is_empty());
        let version = lines.next().unwrap_or_default();
        if !version.starts_with("WARC/") {
            return Err(format!(
                "not a WARC record: {:?} where its WARC/ version line should be",
                first_chars(version)
            ));
        }
        let mut header = RecordHeader {
            version: version.to_owned(),
            fields: Vec::new(),
        };
        for line in lines.take_while(|l| !l.is_empty()) {
            if line.starts_with([' ', '\t'])
                && let Some((_, value)) = header.fields.last_mut()
            {
                value.push(' ');
                value.push_str(line.trim());
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(format!(
                    "a header line without a colon: {:?}",
                    first_chars(line)
                ));
            };
            header
                .fields
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
        Ok(header)
    }
}

/// The first 40 characters of `s`, for a message.
fn first_chars(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Why a record's header could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderError {
    /// The record's target URI, when the part of the header read names it.
    pub target: Option<String>,
    /// The offset of the record's version line (where the header read
    /// started, when none was read).
    pub offset: u64,
    /// What went wrong.
    pub message: String,
}

/// Why a record's block could not be read.
#[derive(Debug)]
pub enum BlockError {
    /// The block is larger than the limit asked for: skipped.
    TooLarge {
        /// The block's `Content-Length`.
        length: u64,
        /// The limit.
        limit: usize,
    },
    /// The stream ends before the block does.
    Cut {
        /// The bytes there were.
        got: u64,
        /// The bytes `Content-Length` gives.
        length: u64,
    },
    /// Reading failed (a corrupt gzip member, an I/O error).
    Io(io::Error),
}

impl std::fmt::Display for BlockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlockError::TooLarge { length, limit } => write!(
                f,
                "input too large: a block of {length} bytes, more than {limit} bytes, the limit"
            ),
            BlockError::Cut { got, length } => write!(
                f,
                "the archive is cut inside this record's block: {got} of its {length} bytes"
            ),
            BlockError::Io(e) => write!(f, "reading the block: {e}"),
        }
    }
}

/// A record whose header has been read: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordStart {
    /// Its 1-based ordinal in the archive.
    pub index: usize,
    /// The offset of its version line in the (decompressed) stream.
    pub offset: u64,
    /// Its header.
    pub header: RecordHeader,
}

/// The records of a WARC stream (already decompressed), one at a time:
/// [`Records::next_header`], then the block read ([`Records::read_block`])
/// or skipped ([`Records::skip_block`]).
pub struct Records<R> {
    reader: R,
    index: usize,
    offset: u64,
    /// The block of the record last read that is not consumed yet.
    pending: u64,
}

impl<R: BufRead> Records<R> {
    /// The records of `reader`.
    pub fn new(reader: R) -> Self {
        Records {
            reader,
            index: 0,
            offset: 0,
            pending: 0,
        }
    }

    /// The ordinal of the record last started (0 before the first).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The offset in the stream read up to.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Reads the next record's header, skipping what is left of the block
    /// before it; `None` at the end of the stream.
    ///
    /// # Errors
    ///
    /// The header is longer than [`MAX_HEADER_BYTES`], is cut by the end of
    /// the stream, is not a WARC header, or the block before it is cut.
    pub fn next_header(&mut self) -> Result<Option<RecordStart>, HeaderError> {
        if self.pending > 0 {
            let length = self.pending;
            let offset = self.offset;
            self.skip_block(length).map_err(|e| HeaderError {
                target: None,
                offset,
                message: e.to_string(),
            })?;
        }
        let mut block = Vec::new();
        // Where the version line starts: blank lines (the CRLF pair that
        // ends each record) come before it.
        let mut start: Option<u64> = None;
        let began = self.offset;
        loop {
            let error = |start: Option<u64>, block: &[u8], message: String| HeaderError {
                target: partial_target(block),
                offset: start.unwrap_or(began),
                message,
            };
            if block.len() >= MAX_HEADER_BYTES {
                if start.is_none() {
                    self.index += 1;
                }
                return Err(error(
                    start,
                    &block,
                    format!(
                        "header longer than {MAX_HEADER_BYTES} bytes, the limit (a header that never ends: the archive is corrupt)"
                    ),
                ));
            }
            let room = MAX_HEADER_BYTES - block.len();
            let line_start = block.len();
            let read = match (&mut self.reader)
                .take(room as u64)
                .read_until(b'\n', &mut block)
            {
                Ok(read) => read,
                Err(e) => {
                    return Err(error(start, &block, format!("reading the archive: {e}")));
                }
            };
            if read == 0 {
                return match start {
                    None => Ok(None),
                    Some(_) => Err(error(
                        start,
                        &block,
                        "the archive is cut inside this record's WARC header".to_owned(),
                    )),
                };
            }
            let line = &block[line_start..];
            let blank = line == b"\r\n" || line == b"\n";
            if !blank && start.is_none() {
                self.index += 1;
                start = Some(self.offset);
            }
            self.offset += read as u64;
            // A line without its newline ends at the limit (checked above)
            // or at the end of the stream (the next read says so).
            if let (Some(offset), true) = (start, blank) {
                let header = RecordHeader::parse(&block).map_err(|message| HeaderError {
                    target: partial_target(&block),
                    offset,
                    message,
                })?;
                self.pending = header.content_length().map_err(|message| HeaderError {
                    target: header.get("WARC-Target-URI").map(str::to_owned),
                    offset,
                    message,
                })?;
                return Ok(Some(RecordStart {
                    index: self.index,
                    offset,
                    header,
                }));
            }
        }
    }

    /// Reads the current record's block, of `length` bytes (its
    /// `Content-Length`), if it holds at most `limit`.
    ///
    /// # Errors
    ///
    /// The block is larger than `limit` (it is skipped), or cut.
    pub fn read_block(&mut self, limit: usize) -> Result<Vec<u8>, BlockError> {
        let length = std::mem::take(&mut self.pending);
        if length > u64::try_from(limit).unwrap_or(u64::MAX) {
            self.skip_block(length)?;
            return Err(BlockError::TooLarge { length, limit });
        }
        // Capacity as the bytes come, not as the header claims.
        let mut block = Vec::with_capacity(usize::try_from(length.min(1 << 20)).unwrap_or(0));
        (&mut self.reader)
            .take(length)
            .read_to_end(&mut block)
            .map_err(BlockError::Io)?;
        let got = block.len() as u64;
        self.offset += got;
        if got < length {
            return Err(BlockError::Cut { got, length });
        }
        Ok(block)
    }

    /// Skips `length` bytes of the current record's block unread.
    ///
    /// # Errors
    ///
    /// The stream ends first, or reading fails.
    pub fn skip_block(&mut self, length: u64) -> Result<(), BlockError> {
        self.pending = self.pending.saturating_sub(length);
        let got = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
            .map_err(BlockError::Io)?;
        self.offset += got;
        if got < length {
            return Err(BlockError::Cut { got, length });
        }
        Ok(())
    }

    /// Skips what is left of the current record's block.
    ///
    /// # Errors
    ///
    /// As [`Records::skip_block`].
    pub fn skip_rest(&mut self) -> Result<(), BlockError> {
        let length = self.pending;
        self.skip_block(length)
    }
}

/// The target URI a partial header names, if a whole line of it does.
fn partial_target(block: &[u8]) -> Option<String> {
    let complete = &block[..block.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)];
    let header = RecordHeader::parse(complete).ok()?;
    header.get("WARC-Target-URI").map(str::to_owned)
}

/// Visits every page record of a WARC stream (already decompressed), in
/// archive order. A record that cannot be framed (its header too long,
/// malformed or cut, its block cut) ends the archive with a [`Failure`]
/// naming it: WARC has no way to find the next record after a broken one.
pub fn read(
    archive: &str,
    reader: impl BufRead,
    options: &WalkOptions,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut records = Records::new(reader);
    let label_of = |target: Option<&str>, index: usize| match target {
        Some(target) => format!("{archive}#{target}"),
        None => format!("{archive}#record-{index}"),
    };
    loop {
        let start = match records.next_header() {
            Ok(Some(start)) => start,
            Ok(None) => return ControlFlow::Continue(()),
            Err(e) => {
                let index = records.index().max(1);
                return visit(Err(Failure {
                    label: label_of(e.target.as_deref(), index),
                    reason: Reason::WarcError,
                    message: format!("WARC record {index} at byte {}: {}", e.offset, e.message),
                }));
            }
        };
        let header = &start.header;
        let place = format!("WARC record {} at byte {}", start.index, start.offset);
        let target = header.get("WARC-Target-URI").filter(|t| !t.is_empty());
        let label = label_of(target, start.index);
        let fail = |reason: Reason, message: String| {
            Err(Failure {
                label: label.clone(),
                reason,
                message,
            })
        };
        let kind = header.get("WARC-Type").unwrap_or_default();
        let content_type = header.get("Content-Type").unwrap_or_default();
        let is_http = content_type
            .to_ascii_lowercase()
            .starts_with("application/http");
        let wanted = if kind.eq_ignore_ascii_case("response") {
            is_http
        } else {
            kind.eq_ignore_ascii_case("resource") && is_html(content_type)
        };
        if !wanted {
            if let Err(e) = records.skip_rest() {
                return visit(fail(Reason::WarcError, format!("{place}: {e}")));
            }
            continue;
        }
        let date = header.get("WARC-Date").map(str::to_owned);
        let limit = options.max_bytes.saturating_add(HEADER_ALLOWANCE);
        let block = match records.read_block(limit) {
            Ok(block) => block,
            Err(e @ BlockError::TooLarge { .. }) => {
                visit(fail(Reason::TooLarge, format!("{place}: {e}")))?;
                continue;
            }
            Err(e) => return visit(fail(Reason::WarcError, format!("{place}: {e}"))),
        };
        let page = if is_http {
            match http_page(&block, options.max_bytes) {
                Ok(Some(page)) => page,
                Ok(None) => continue,
                Err(message) => {
                    let reason = if message.contains("too large") {
                        Reason::TooLarge
                    } else {
                        Reason::DecodeError
                    };
                    visit(fail(reason, message))?;
                    continue;
                }
            }
        } else {
            Page {
                bytes: block,
                truncated: None,
            }
        };
        visit(Ok(Record {
            url: target.map(str::to_owned),
            label,
            bytes: page.bytes,
            date,
            truncated: page.truncated,
        }))?;
    }
}

fn is_html(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.contains("html")
}

/// The page in an HTTP response, decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Page {
    /// The body, undone of its transfer and content codings.
    pub bytes: Vec<u8>,
    /// Why the body is known to be cut short, when it is (see
    /// [`Record::truncated`]).
    pub truncated: Option<String>,
}

/// The page in an HTTP response (a response record's block): `None` when
/// it is not a successful HTML response (a redirect, a 404, an image, a
/// script), an error when it cannot be decoded; a body of more than `limit`
/// bytes, encoded or decoded, is an error.
///
/// # Errors
///
/// The HTTP head is cut or malformed, the chunked transfer coding is
/// broken, or a content coding is unknown, corrupt or over the limit.
pub fn http_page(block: &[u8], limit: usize) -> Result<Option<Page>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let offset = match response.parse(block) {
        Ok(httparse::Status::Complete(offset)) => offset,
        Ok(httparse::Status::Partial) => {
            return Err("the archive is cut inside this record's HTTP header".to_owned());
        }
        Err(e) => return Err(format!("bad HTTP response: {e}")),
    };
    if !(200..300).contains(&response.code.unwrap_or(0)) {
        return Ok(None);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
            .collect::<Vec<_>>()
    };
    if let Some(ct) = header("content-type").first()
        && !is_html(ct)
    {
        return Ok(None);
    }
    let mut body = block[offset..].to_vec();
    let mut truncated = None;
    if header("transfer-encoding")
        .iter()
        .any(|te| te.contains("chunked"))
    {
        let (joined, complete) = dechunk(&body, limit)?;
        body = joined;
        if !complete {
            truncated = Some(
                "the HTTP body ends without its final chunk (chunked transfer coding): the chunks before the cut are parsed"
                    .to_owned(),
            );
        }
    } else if let Some(length) = header("content-length")
        .first()
        .and_then(|v| v.parse::<usize>().ok())
        && body.len() < length
    {
        truncated = Some(format!(
            "the HTTP body holds {} of the {length} bytes its Content-Length gives",
            body.len()
        ));
    }
    for coding in header("content-encoding")
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rev()
    {
        body = decode_content(coding, &body, limit)
            .map_err(|e| format!("content decoding ({coding}): {e}"))?;
    }
    Ok(Some(Page {
        bytes: body,
        truncated,
    }))
}

/// A body undone of one content coding.
fn decode_content(coding: &str, body: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    match coding {
        "" | "identity" => Ok(body.to_vec()),
        "gzip" | "x-gzip" => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                return Err("the body is not gzip (no gzip magic bytes)".to_owned());
            }
            inflate(flate2::read::MultiGzDecoder::new(body), limit)
        }
        "deflate" => {
            // "deflate" is zlib-wrapped by the standard, raw by some
            // servers: a zlib header says which.
            if is_zlib_header(body) {
                inflate(flate2::read::ZlibDecoder::new(body), limit)
            } else {
                inflate(flate2::read::DeflateDecoder::new(body), limit)
            }
        }
        other => Err(format!("unsupported Content-Encoding {other:?}")),
    }
}

/// Whether `body` starts with a zlib header (RFC 1950: deflate, a window
/// of at most 32 KiB, a check that makes the pair a multiple of 31).
fn is_zlib_header(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

fn inflate(reader: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    read_limited(reader, limit).map_err(|(_, message)| message)
}

/// Joins the chunks of a chunked body, at most `limit` bytes of them, and
/// says whether it ended with its final (zero-size) chunk.
///
/// # Errors
///
/// A chunk-size line that is not one, a chunk larger than what remains of
/// the body or than the limit, or chunk data not followed by its CRLF.
fn dechunk(mut body: &[u8], limit: usize) -> Result<(Vec<u8>, bool), String> {
    let mut out = Vec::new();
    let mut at = 0usize;
    loop {
        if body.is_empty() {
            return Ok((out, false));
        }
        let (start, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(found)) => found,
            // The body ends inside a chunk-size line.
            Ok(httparse::Status::Partial) => return Ok((out, false)),
            Err(_) => {
                return Err(format!(
                    "chunked transfer coding: no chunk size at byte {at} of the body: {:?}",
                    String::from_utf8_lossy(&body[..body.len().min(20)])
                ));
            }
        };
        let rest = &body[start..];
        if size == 0 {
            return Ok((out, true));
        }
        let fits = usize::try_from(size).ok().filter(|&s| s <= rest.len());
        let Some(size) = fits else {
            return Err(format!(
                "chunked transfer coding: a chunk size of {size} bytes at byte {at} of the body, where {} bytes remain",
                rest.len()
            ));
        };
        if out.len() + size > limit {
            return Err(format!(
                "chunked transfer coding: input too large: more than {limit} bytes, the limit"
            ));
        }
        out.extend_from_slice(&rest[..size]);
        let after = &rest[size..];
        at += start + size;
        body = match after {
            [b'\r', b'\n', tail @ ..] => {
                at += 2;
                tail
            }
            [] | [b'\r'] => return Ok((out, false)),
            _ => {
                return Err(format!(
                    "chunked transfer coding: the chunk ending at byte {at} of the body is not followed by CRLF"
                ));
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6; ext=1\r\n world\r\n0\r\n\r\n", 1 << 20),
            Ok((b"hello world".to_vec(), true))
        );
        // Without the final chunk, or cut inside a chunk-size line: what
        // there is, said to be incomplete.
        assert_eq!(
            dechunk(b"5\r\nhello\r\n", 1 << 20),
            Ok((b"hello".to_vec(), false))
        );
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6", 1 << 20),
            Ok((b"hello".to_vec(), false))
        );
        assert_eq!(
            dechunk(b"5\r\nhello\r", 1 << 20),
            Ok((b"hello".to_vec(), false))
        );
    }

    #[test]
    fn impossible_chunks_are_errors() {
        for (body, why) in [
            (&b"<html>"[..], "no chunk size at byte 0"),
            (b"5\r\nhello\r\nzz\r\n", "no chunk size at byte 10"),
            (b"ff\r\nhello\r\n0\r\n\r\n", "255 bytes at byte 0"),
            (b"ffffffffffffffff\r\nhello", "18446744073709551615 bytes"),
            (b"5\r\nhelloXX0\r\n\r\n", "not followed by CRLF"),
            (b"5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n", "input too large"),
        ] {
            let err = dechunk(body, 8).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }

    #[test]
    fn http_bodies_are_decoded() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html>page</html>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        response.extend_from_slice(&chunked);
        assert_eq!(
            http_page(&response, 1 << 20).unwrap(),
            Some(Page {
                bytes: b"<html>page</html>".to_vec(),
                truncated: None
            })
        );
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_page(redirect, 1 << 20).unwrap(), None);
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_page(image, 1 << 20).unwrap(), None);
        let brotli =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(http_page(brotli, 1 << 20).unwrap_err().contains("br"));
        let short = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n\r\n<p>";
        let page = http_page(short, 1 << 20).unwrap().unwrap();
        assert!(page.truncated.unwrap().contains("3 of the 10 bytes"));
    }

    #[test]
    fn content_codings_over_the_limit_are_errors() {
        use std::io::Write;
        let page = vec![b'a'; 10_000];
        let zlib = {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(&page).unwrap();
            z.finish().unwrap()
        };
        let raw = {
            let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(&page).unwrap();
            z.finish().unwrap()
        };
        let gzip = {
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(&page).unwrap();
            z.finish().unwrap()
        };
        for (coding, body) in [("deflate", &zlib), ("deflate", &raw), ("gzip", &gzip)] {
            assert_eq!(decode_content(coding, body, 10_000).unwrap(), page);
            let err = decode_content(coding, body, 9_999).unwrap_err();
            assert!(err.contains("input too large"), "{coding}: {err}");
        }
        let err = decode_content("deflate", &zlib[..zlib.len() / 2], 1 << 20).unwrap_err();
        assert!(!err.is_empty());
    }

    /// A reader that counts the bytes taken from it.
    struct Counted<R> {
        inner: R,
        taken: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.taken.set(self.taken.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn a_header_that_never_ends_is_read_up_to_the_limit_only() {
        // 8 MiB of a header line with no end, and of header lines with no
        // blank line: each refused after 64 KiB and a buffer.
        let line = [
            &b"WARC/1.0\r\nWARC-Target-URI: https://e.example/\r\n"[..],
            &vec![b'x'; 8 << 20],
        ]
        .concat();
        let lines = [&b"WARC/1.0\r\n"[..], &b"X: y\r\n".repeat(8 << 17)].concat();
        let blanks = b"\r\n".repeat(4 << 20);
        for (stream, target) in [
            (line, Some("https://e.example/")),
            (lines, None),
            (blanks, None),
        ] {
            let taken = std::rc::Rc::new(std::cell::Cell::new(0));
            let reader = io::BufReader::new(Counted {
                inner: &stream[..],
                taken: taken.clone(),
            });
            let mut records = Records::new(reader);
            let err = records.next_header().unwrap_err();
            assert!(err.message.contains("longer than 65536 bytes"), "{err:?}");
            assert_eq!(err.target.as_deref(), target);
            assert_eq!(err.offset, 0);
            assert!(
                taken.get() <= MAX_HEADER_BYTES + 8192,
                "{} bytes read",
                taken.get()
            );
        }
    }

    #[test]
    fn records_are_framed_by_their_content_length() {
        let archive = b"\r\nWARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: a\r\n \
folded\r\nContent-Length: 3\r\n\r\nabc\r\n\r\nWARC/1.0\nContent-Length: 0\n\n\r\n\r\n";
        let mut records = Records::new(&archive[..]);
        let first = records.next_header().unwrap().unwrap();
        assert_eq!((first.index, first.offset), (1, 2));
        assert_eq!(first.header.version, "WARC/1.1");
        assert_eq!(first.header.get("warc-target-uri"), Some("a folded"));
        assert_eq!(records.read_block(10).unwrap(), b"abc");
        let second = records.next_header().unwrap().unwrap();
        assert_eq!(second.index, 2);
        assert_eq!(second.header.content_length(), Ok(0));
        assert_eq!(records.next_header().unwrap(), None);
        // Cut: in the version line, in a field, in the block.
        for cut in [3, 30, archive.len() - 40] {
            let mut records = Records::new(&archive[..cut]);
            let failed = loop {
                match records.next_header() {
                    Ok(Some(_)) => {
                        if let Err(e) = records.read_block(10) {
                            break e.to_string();
                        }
                    }
                    Ok(None) => panic!("cut at {cut}: no error"),
                    Err(e) => break e.message,
                }
            };
            assert!(failed.contains("cut"), "{cut}: {failed}");
        }
        let junk = Records::new(&b"HTTP/1.1 200 OK\r\n\r\n"[..]).next_header();
        assert!(junk.unwrap_err().message.contains("not a WARC record"));
        let no_length = Records::new(&b"WARC/1.0\r\nWARC-Type: x\r\n\r\n"[..]).next_header();
        assert!(no_length.unwrap_err().message.contains("Content-Length"));
    }

    proptest::proptest! {
        /// No input makes the WARC reader or the HTTP decoding panic: noise
        /// after a WARC version line, and valid records cut or corrupted.
        #[test]
        fn noise_never_panics(
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
            cut in 0usize..2000,
            flip in 0usize..2000,
        ) {
            let mut visit = |_: Item| ControlFlow::Continue(());
            let options = WalkOptions::default();
            let mut warc = b"WARC/1.0\r\n".to_vec();
            warc.extend_from_slice(&noise);
            let _ = read("n", &warc[..], &options, &mut visit);

            let block = [&b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"[..], &noise].concat();
            let mut record = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.example/\r\n\
    WARC-Date: 2022-04-10T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n\
    Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
                block.len()
            )
            .into_bytes();
            record.extend_from_slice(&block);
            record.extend_from_slice(b"\r\n\r\n");
            let _ = read("r", &record[..cut.min(record.len())], &options, &mut visit);
            if !record.is_empty() {
                let i = flip % record.len();
                record[i] ^= 0x5a;
            }
            let _ = read("f", &record[..], &options, &mut visit);
            let _ = http_page(&noise, 1 << 20);
            let _ = dechunk(&noise, 1 << 20);
        }
    }
}
