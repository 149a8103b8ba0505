//! WARC archives (`wget --warc-file`, Heritrix, browsertrix, Common Crawl):
//! every HTML response or resource record becomes one page, labelled
//! `ARCHIVE#TARGET-URI` and dated with the record's `WARC-Date`.
//!
//! Records are streamed one at a time with the `warc` crate: bodies of
//! records that are not HTML pages are skipped unread, and a page body is
//! read up to the size limit, so an archive of any size is read in memory
//! bounded by one page. HTTP responses are parsed with `httparse`, chunked
//! transfer coding is undone with `httparse::parse_chunk_size`, and gzip or
//! deflate content coding with `flate2`.

use std::io::{BufRead, Read};
use std::ops::ControlFlow;

use warc::{RecordType, WarcHeader, WarcReader};

use super::input::{Failure, Item, Record, WalkOptions};

/// Room for the HTTP header block on top of the page-size limit.
const HEADER_ALLOWANCE: usize = 256 * 1024;

/// Visits every page record of a WARC stream (already decompressed), in
/// archive order. A malformed record ends the archive with a [`Failure`]
/// (WARC has no way to find the next record after a broken one).
pub fn read(
    archive: &str,
    reader: impl BufRead,
    options: &WalkOptions,
    visit: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut reader = WarcReader::new(reader);
    let mut records = reader.stream_records();
    let mut index = 0usize;
    while let Some(next) = records.next_item() {
        index += 1;
        let mut record = match next {
            Ok(record) => record,
            Err(e) => {
                return visit(Err(Failure {
                    label: format!("{archive}#record-{index}"),
                    message: format!("malformed WARC record: {e}"),
                }));
            }
        };
        let kind = record.warc_type().clone();
        if !matches!(kind, RecordType::Response | RecordType::Resource) {
            continue;
        }
        let header = |name| record.header(name).map(|v| v.trim().to_owned());
        let target = header(WarcHeader::TargetURI).unwrap_or_else(|| format!("record-{index}"));
        let date = header(WarcHeader::Date);
        let content_type = header(WarcHeader::ContentType).unwrap_or_default();
        let label = format!("{archive}#{target}");
        let is_http = content_type
            .to_ascii_lowercase()
            .starts_with("application/http");
        if kind == RecordType::Resource && !is_html(&content_type) {
            continue;
        }
        if kind == RecordType::Response && !is_http {
            continue;
        }
        let limit = options.max_bytes.saturating_add(HEADER_ALLOWANCE);
        let block = match super::input::read_limited(&mut record, limit) {
            Ok(block) => block,
            Err(message) => {
                visit(Err(Failure { label, message }))?;
                continue;
            }
        };
        let page = if is_http {
            match http_page(&block, options.max_bytes) {
                Ok(Some(page)) => page,
                Ok(None) => continue,
                Err(message) => {
                    visit(Err(Failure { label, message }))?;
                    continue;
                }
            }
        } else {
            block
        };
        visit(Ok(Record {
            label,
            bytes: page,
            date,
        }))?;
    }
    ControlFlow::Continue(())
}

fn is_html(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.contains("html")
}

/// The page in an HTTP response: `None` when it is not a successful HTML
/// response (a redirect, a 404, an image, a script), an error when it cannot
/// be decoded.
fn http_page(block: &[u8], limit: usize) -> Result<Option<Vec<u8>>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let offset = match response.parse(block) {
        Ok(httparse::Status::Complete(offset)) => offset,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP header".to_owned()),
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
    if header("transfer-encoding")
        .iter()
        .any(|te| te.contains("chunked"))
    {
        // Some archivers store the body de-chunked but keep the header; a
        // body that does not read as chunks is taken as it is.
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    for coding in header("content-encoding")
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rev()
    {
        // Some archivers store the body decoded but keep the header: a body
        // without gzip's magic bytes, or that no deflate flavour reads, is
        // taken as it is.
        body = match coding {
            "" | "identity" => body,
            "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
                inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?
            }
            "gzip" | "x-gzip" => body,
            "deflate" => {
                // "deflate" is zlib-wrapped by the standard, raw by some servers.
                inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)
                    .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), limit))
                    .unwrap_or(body)
            }
            other => return Err(format!("unsupported Content-Encoding {other:?}")),
        };
    }
    Ok(Some(body))
}

fn inflate(reader: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    super::input::read_limited(reader, limit).map_err(|e| format!("content decoding: {e}"))
}

/// Joins the chunks of a chunked body; `None` when it is not one.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let (start, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(found)) => found,
            _ => return None,
        };
        let size = usize::try_from(size).ok()?;
        let rest = body.get(start..)?;
        if size == 0 {
            return Some(out);
        }
        // A body cut short keeps what it has.
        let chunk = rest.get(..size).unwrap_or(rest);
        out.extend_from_slice(chunk);
        let after = rest.get(size..)?;
        body = after.strip_prefix(b"\r\n").unwrap_or(after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6; ext=1\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
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
            http_page(&response, 1 << 20).unwrap().as_deref(),
            Some(&b"<html>page</html>"[..])
        );
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_page(redirect, 1 << 20).unwrap(), None);
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_page(image, 1 << 20).unwrap(), None);
        let brotli =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(http_page(brotli, 1 << 20).unwrap_err().contains("br"));
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
            let _ = dechunk(&noise);
        }
    }
}
