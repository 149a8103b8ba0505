//! The library's reading API (feature `read`, issue 25): files,
//! directories, gzip and WARC archives read and parsed without the command
//! line.

use std::io::Write;

use paper_digest::read::{self, PageError, Reason};
use paper_digest::{Error, Parser};

const SEED: &[u8] = include_bytes!("../fixtures/seed-2022-04-10.txt");

fn warc_response(uri: &str, body: &[u8]) -> Vec<u8> {
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(body);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
WARC-Date: 2022-04-10T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(&http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A gzip WARC: each HTML response is a page with its URL and capture
/// date; a response that is not a digest is a parse error of its own, not
/// a lost page.
#[test]
fn parse_path_reads_a_gzip_warc_record_by_record() {
    let dir = temp_dir("read-warc");
    let path = dir.join("crawl.warc.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc_response("https://example.com/digest", SEED))
        .unwrap();
    gz.write_all(&warc_response(
        "https://example.com/news",
        "今天天气很好。".as_bytes(),
    ))
    .unwrap();
    std::fs::write(&path, gz.finish().unwrap()).unwrap();

    let pages = read::parse_path(&path, &Parser::new());
    assert_eq!(pages.len(), 2, "{pages:?}");
    let label = format!("{}#https://example.com/digest", path.display());
    assert_eq!(pages[0].label, label);
    assert_eq!(pages[0].url.as_deref(), Some("https://example.com/digest"));
    assert_eq!(
        pages[0].captured_at.as_deref(),
        Some("2022-04-10T08:00:00Z")
    );
    assert_eq!(pages[0].result.as_ref().expect("a digest").papers.len(), 7);
    match &pages[1].result {
        Err(e @ PageError::Parse(Error::NotADigest(_))) => {
            assert_eq!(e.reason(), Reason::NotADigest);
        }
        other => panic!("{other:?}"),
    }
}

/// A directory yields its page files in name order, a missing path a read
/// failure with its stable reason, and the parser's options hold (its size
/// limit refuses a page before it is read whole).
#[test]
fn parse_path_walks_a_directory_and_reports_what_it_cannot_read() {
    let dir = temp_dir("read-dir");
    std::fs::write(dir.join("b.txt"), SEED).unwrap();
    std::fs::write(dir.join("a.md"), SEED).unwrap();
    std::fs::write(dir.join("notes.doc"), SEED).unwrap();
    let pages = read::parse_path(&dir, &Parser::new());
    let labels: Vec<String> = pages.iter().map(|p| p.label.clone()).collect();
    assert_eq!(
        labels,
        [
            dir.join("a.md").display().to_string(),
            dir.join("b.txt").display().to_string()
        ]
    );
    assert!(pages.iter().all(|p| p.result.is_ok()), "{pages:?}");

    let small = Parser::new().max_input_bytes(100);
    let pages = read::parse_path(dir.join("a.md"), &small);
    match &pages[0].result {
        Err(e @ PageError::Read(failure)) => {
            assert_eq!(failure.reason, Reason::TooLarge);
            assert_eq!(e.reason(), Reason::TooLarge);
        }
        other => panic!("{other:?}"),
    }

    let missing = read::parse_path(dir.join("missing.html"), &Parser::new());
    match &missing[..] {
        [page] => match &page.result {
            Err(PageError::Read(failure)) => assert_eq!(failure.reason, Reason::ReadError),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}
