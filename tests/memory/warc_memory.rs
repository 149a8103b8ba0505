//! A WARC archive of thousands of pages streams through the command line's
//! walk and parallel parse in memory bounded by a few pages, not by the
//! archive. The allocator's peak is process-wide: the tests take turns
//! ([`alone`](crate::alone)).

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use paper_digest::cli::input::{self, Source, WalkOptions};
use paper_digest::cli::{outcome, pipeline};

use crate::{PEAK, alone};

const SEED: &[u8] = crate::SEED.as_bytes();
const RECORDS: usize = 3000;

fn record(i: usize) -> Vec<u8> {
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(SEED);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/{i}\r\n\
WARC-Date: 2022-04-10T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012}>\r\n\
Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(&http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn a_large_warc_streams_in_bounded_memory() {
    let _alone = alone();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("large.warc.gz");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut gz = GzEncoder::new(std::io::BufWriter::new(file), Compression::fast());
        for i in 0..RECORDS {
            gz.write_all(&record(i)).unwrap();
        }
        gz.finish().unwrap().flush().unwrap();
    }
    let total = RECORDS * SEED.len();

    let before = PEAK.current_usage();
    PEAK.reset_peak_usage();
    let sources = [Source::Path(path)];
    let options = WalkOptions::default();
    let parser = paper_digest::Parser::new();
    let mut seen = 0usize;
    let result: Result<(), String> = pipeline::run_ordered(
        Some(2),
        |emit| input::walk(&sources, &options, emit),
        |item| outcome(&parser, item),
        |o| {
            assert_eq!(o.label.rsplit('/').next(), Some(seen.to_string().as_str()));
            let digest = o.result.map_err(|e| format!("{}: {e}", o.label))?;
            assert_eq!(digest.papers.len(), 7);
            seen += 1;
            Ok(())
        },
    );
    let peak = PEAK.peak_usage().saturating_sub(before);
    result.unwrap();
    eprintln!("peak {peak} bytes while streaming {total} bytes of pages");
    assert_eq!(seen, RECORDS);
    // 60 MB of pages; the window holds a few dozen at most, each parsed
    // into a digest of about its own size, plus the WARC reader's buffers.
    assert!(
        peak < total / 8,
        "peak {peak} bytes for {total} bytes of pages"
    );
}

// Issue 22 (hostile probe): the CLI: WARC reading, output escaping, --jobs, symlinks

#[test]
fn a_warc_header_that_never_ends_is_refused_in_bounded_memory() {
    // Taken first: building the input allocates a mebibyte, which would show
    // in the peak of a test of the crate measuring meanwhile.
    let _alone = alone();
    // `{ printf 'WARC/1.0\r\n' | gzip; head -c 16M /dev/zero | gzip; }`:
    // gzip members of a mebibyte of zeros each, one after the other.
    let member = |bytes: &[u8]| {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    };
    let zeros = member(&vec![0u8; 1 << 20]);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("never-ending.warc.gz");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        file.write_all(&member(b"WARC/1.0\r\n")).unwrap();
        for _ in 0..16 {
            file.write_all(&zeros).unwrap();
        }
        file.flush().unwrap();
    }
    let before = PEAK.current_usage();
    PEAK.reset_peak_usage();
    let mut items = Vec::new();
    let _ = input::walk(
        &[Source::Path(path)],
        &WalkOptions::default(),
        &mut |item| {
            items.push(item);
            std::ops::ControlFlow::Continue(())
        },
    );
    let peak = PEAK.peak_usage().saturating_sub(before);
    eprintln!("peak {peak} bytes refusing a header of 16 MiB of zeros");
    assert_eq!(items.len(), 1, "{items:?}");
    let failure = items.pop().unwrap().unwrap_err();
    assert!(
        failure
            .message
            .contains("WARC record 1 at byte 0: header longer than 65536 bytes"),
        "{failure:?}"
    );
    // The header's 64 KiB, the gzip window and buffers: not the 16 MiB.
    assert!(peak < 1 << 20, "peak {peak} bytes");
}
