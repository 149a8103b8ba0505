//! The `paper-digest` binary on a folder of mixed pages as a user has it:
//! digests in three formats, real news pages that are not digests, files
//! that are not pages, hidden and ignored files, symbolic links (one a loop)
//! and a WARC archive built here from the fixtures.

use crate::common;

use common::fixture;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_paper-digest");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// The message of a record with status `error`, whose reason is one of `reasons`.
fn error_of<'a>(record: &'a Value, reasons: &[&str]) -> &'a str {
    assert_eq!(record["status"], "error", "{record}");
    let reason = record["reason"].as_str().expect("a reason");
    assert!(
        reasons.contains(&reason),
        "{reason} not in {reasons:?}: {record}"
    );
    assert!(record.get("digest").is_none(), "{record}");
    record["message"].as_str().expect("a message")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// Real saved news pages (not digests): the shared set beside the
/// repository when it is there, else the two real pages in the fixtures.
fn news_pages() -> Vec<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/markup/news");
    let dir = if shared.is_dir() {
        shared
    } else {
        Path::new(FIXTURES).join("html/real")
    };
    let mut pages: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("news pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages.truncate(6);
    assert!(pages.len() >= 2, "news pages in {}", dir.display());
    pages
}

/// One WARC record, gzip-compressed on its own as crawlers write them.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8], id: u32) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
WARC-Date: 2022-04-10T08:00:{id:02}Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&record).unwrap();
    gz.finish().unwrap()
}

fn http_response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

/// A crawl: warcinfo, a request, the WeChat digest (gzip, chunked), a news
/// page, an image, a redirect, and the plain-text seed as a resource.
fn warc_archive(news: &[u8]) -> Vec<u8> {
    let wechat = fixture("sites/wechat/page.html");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&wechat).unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = Vec::new();
    for chunk in gz.chunks(1000) {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let http = "application/http; msgtype=response";
    [
        warc_record("warcinfo", "", "application/warc-fields", b"software: test\r\n", 1),
        warc_record(
            "request",
            "https://mp.weixin.qq.com/s/digest",
            "application/http; msgtype=request",
            b"GET /s/digest HTTP/1.1\r\nHost: mp.weixin.qq.com\r\n\r\n",
            2,
        ),
        warc_record(
            "response",
            "https://mp.weixin.qq.com/s/digest",
            http,
            &http_response(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
            3,
        ),
        warc_record(
            "response",
            "https://news.example.com/a.html",
            http,
            &http_response("200 OK", "Content-Type: text/html\r\n", news),
            4,
        ),
        warc_record(
            "response",
            "https://news.example.com/logo.png",
            http,
            &http_response("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n"),
            5,
        ),
        warc_record(
            "response",
            "https://news.example.com/old",
            http,
            &http_response("301 Moved Permanently", "Location: /new\r\n", b""),
            6,
        ),
        warc_record(
            "resource",
            "file:///seed.html",
            "text/html",
            &fixture("seed-2022-04-10.txt"),
            7,
        ),
    ]
    .concat()
}

/// The folder, and the labels a walk must report, in order, with whether
/// each is a digest.
fn mixed_folder(name: &str) -> (PathBuf, Vec<(String, bool)>) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&root);
    let dir = root.join("pages");
    fs::create_dir_all(dir.join("news")).unwrap();
    fs::create_dir_all(dir.join("ignored")).unwrap();
    fs::create_dir_all(root.join("elsewhere")).unwrap();
    let put = |rel: &str, bytes: &[u8]| fs::write(dir.join(rel), bytes).unwrap();
    put("a-seed.txt", &fixture("seed-2022-04-10.txt"));
    put("b-wechat.html", &fixture("sites/wechat/page.html"));
    put("c-seed.md", &fixture("markdown/seed.md"));
    put(".hidden.html", &fixture("sites/wechat/page.html"));
    put(".gitignore", b"ignored/\n");
    put(".gitattributes", b"* text=auto\n");
    put("gen.py", b"print('not a page')\n");
    put("ignored/d-seed.txt", &fixture("seed-2022-04-10.txt"));
    let news = news_pages();
    let mut expected = vec![
        ("a-seed.txt".to_owned(), true),
        ("b-wechat.html".to_owned(), true),
        ("c-seed.md".to_owned(), true),
    ];
    let first_news = fs::read(&news[0]).unwrap();
    put("crawl.warc.gz", &warc_archive(&first_news));
    for (label, digest) in [
        ("crawl.warc.gz#https://mp.weixin.qq.com/s/digest", true),
        ("crawl.warc.gz#https://news.example.com/a.html", false),
        ("crawl.warc.gz#file:///seed.html", true),
    ] {
        expected.push((label.to_owned(), digest));
    }
    fs::write(
        root.join("elsewhere/e-crlf.txt"),
        fixture("synthetic-2021-06-06-crlf.txt"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("elsewhere"), dir.join("linked")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("news/loop")).unwrap();
        expected.push(("linked/e-crlf.txt".to_owned(), true));
    }
    for page in &news {
        let name = page.file_name().unwrap().to_str().unwrap();
        fs::copy(page, dir.join("news").join(name)).unwrap();
        expected.push((format!("news/{name}"), false));
    }
    let expected = expected
        .into_iter()
        .map(|(rel, d)| (format!("{}/{rel}", dir.display()), d))
        .collect();
    (dir, expected)
}

fn jsonl(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect()
}

#[test]
fn a_mixed_folder_gives_one_record_per_page_in_order() {
    let (dir, expected) = mixed_folder("mixed-jsonl");
    let dir = dir.to_str().unwrap();
    let out = run(&["--format", "jsonl", "--jobs", "2", dir]);
    let records = jsonl(&out);
    let got: Vec<(String, bool)> = records
        .iter()
        .map(|r| {
            let path = r["path"].as_str().expect("a path").to_owned();
            let digest = r.get("digest").is_some();
            if digest {
                assert_eq!(r["status"], "digest", "{r}");
                assert!(
                    r.get("reason").is_none()
                        && r.get("message").is_none()
                        && r.get("found").is_none(),
                    "{r}"
                );
            } else {
                assert_eq!(r["status"], "not_digest", "{r}");
                assert_eq!(r["reason"], "not_a_digest", "{r}");
                assert!(
                    r["message"].as_str().unwrap().starts_with("not a digest"),
                    "{r}"
                );
            }
            (path, digest)
        })
        .collect();
    assert_eq!(got, expected);
    // Pages that are not digests are results: exit status 0, no error
    // line each, and the summary counts them and what was skipped.
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("not a digest:"), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    let digests = expected.iter().filter(|(_, d)| *d).count();
    let summary = format!(
        "{} pages: {digests} digests, {} not digests, 0 errors, ",
        expected.len(),
        expected.len() - digests
    );
    assert!(stderr.contains(&summary), "{summary}\n{stderr}");
    // .hidden.html, .gitignore, .gitattributes; ignored/; gen.py.
    assert!(
        stderr.contains("\n5 files skipped: 1 unknown extension, 3 hidden, 1 ignored\n"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("gen.py") && !stderr.contains("Is a directory"),
        "{stderr}"
    );
    assert!(!stderr.contains("hint:"), "{stderr}");

    // --skip-non-digests: the digests only, the summary the same.
    let skip = run(&["--format", "jsonl", "--skip-non-digests", dir]);
    assert_eq!(skip.status.code(), Some(0));
    let kept: Vec<String> = jsonl(&skip)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    let digests: Vec<String> = expected
        .iter()
        .filter(|(_, d)| *d)
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(kept, digests);
    assert!(String::from_utf8_lossy(&skip.stderr).contains(&summary));
    // WARC records carry their capture date.
    let wechat = &records[3];
    assert_eq!(wechat["captured_at"], "2022-04-10T08:00:03Z");
    assert_eq!(wechat["url"], "https://mp.weixin.qq.com/s/digest");
    assert_eq!(
        wechat["digest"]["papers"][0]["links"][0]["arxiv_id"],
        "2203.15556"
    );

    // The same bytes whatever the number of jobs.
    let one = run(&["--format", "jsonl", "--jobs", "1", dir]);
    assert_eq!(stdout(&one), stdout(&out));
}

#[test]
fn json_with_several_inputs_is_one_array_of_the_same_records() {
    let (dir, expected) = mixed_folder("mixed-json");
    let dir = dir.to_str().unwrap();
    let out = run(&["--format", "json", "-q", dir]);
    let array: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    let array = array.as_array().expect("an array");
    assert_eq!(array.len(), expected.len());
    let jsonl = jsonl(&run(&["--format", "jsonl", "-q", dir]));
    assert_eq!(array, &jsonl);

    // A single input keeps the bare digest.
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let single: Value = serde_json::from_str(&stdout(&run(&[&seed]))).unwrap();
    assert_eq!(single["issue"]["series"], "7 Papers & Radios");
}

#[test]
fn csv_has_one_row_per_paper() {
    let (dir, expected) = mixed_folder("mixed-csv");
    let out = run(&["--format", "csv", "-q", dir.to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "path",
            "url",
            "captured_at",
            "issue_date",
            "issue_title",
            "section",
            "category",
            "number",
            "title",
            "authors",
            "et_al",
            "from",
            "arxiv_id",
            "paper_link",
            "code_link"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| {
        paper_digest::cli::output::CSV_HEADER
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    // Every digest's papers, featured and radio, and nothing of the rest.
    let seed = paper_digest::parse_bytes(&fixture("seed-2022-04-10.txt")).unwrap();
    let per_seed = seed.every_paper().count();
    let seed_rows: Vec<_> = rows
        .iter()
        .filter(|r| r[0].ends_with("/a-seed.txt"))
        .collect();
    assert_eq!(seed_rows.len(), per_seed);
    let first = seed_rows[0];
    assert_eq!(&first[col("section")], "featured");
    assert_eq!(&first[col("category")], "");
    assert_eq!(&first[col("number")], "1");
    assert_eq!(
        &first[col("title")],
        "Training Compute-Optimal Large Language Models"
    );
    assert_eq!(
        &first[col("authors")],
        "Jordan Hoffmann; Sebastian Borgeaud"
    );
    assert_eq!(&first[col("et_al")], "true");
    assert_eq!(&first[col("from")], "");
    // An identifier no CSV reader takes for a number.
    assert_eq!(&first[col("arxiv_id")], "arXiv:2203.15556");
    assert!(first[col("paper_link")].contains("arxiv.org"), "{first:?}");
    assert_eq!(&first[col("url")], "");
    assert_eq!(&first[col("captured_at")], "");
    // Radio entries: section radio, the list's category, `from` names.
    let radio: Vec<_> = seed_rows
        .iter()
        .filter(|r| &r[col("section")] == "radio")
        .collect();
    assert_eq!(
        radio.len(),
        seed.radio.iter().map(|l| l.entries.len()).sum::<usize>()
    );
    assert!(radio.iter().any(|r| &r[col("category")] == "NLP"));
    assert!(
        radio
            .iter()
            .all(|r| ["NLP", "CV", "ML", ""].contains(&&r[col("category")]))
    );
    assert!(
        radio
            .iter()
            .all(|r| r[col("authors")].is_empty() && &r[col("et_al")] == "false")
    );
    assert!(
        radio.iter().any(|r| &r[col("from")] == "Max Tegmark"),
        "{radio:?}"
    );
    assert!(
        seed_rows
            .iter()
            .all(|r| ["featured", "radio"].contains(&&r[col("section")]))
    );
    let digests = expected.iter().filter(|(_, d)| *d).count();
    let paths: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(paths.len(), digests);
    // WARC records: their URL and capture date.
    let wechat: Vec<_> = rows
        .iter()
        .filter(|r| r[0].ends_with("crawl.warc.gz#https://mp.weixin.qq.com/s/digest"))
        .collect();
    assert!(!wechat.is_empty());
    assert!(
        wechat
            .iter()
            .all(|r| &r[col("url")] == "https://mp.weixin.qq.com/s/digest"
                && &r[col("captured_at")] == "2022-04-10T08:00:03Z")
    );
    // A code link is found by its kind.
    let crlf: Vec<_> = rows
        .iter()
        .filter(|r| r[0].ends_with("e-crlf.txt"))
        .collect();
    if cfg!(unix) {
        assert!(
            crlf.iter()
                .any(|r| r[col("code_link")].starts_with("https://")),
            "{crlf:?}"
        );
    }
}

#[test]
fn exit_status_and_explicit_files() {
    let (dir, _) = mixed_folder("mixed-status");
    // Only digests: 0.
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let md = format!("{FIXTURES}/markdown/seed.md");
    let out = run(&["-q", "-f", "jsonl", &seed, &md]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(jsonl(&out).len(), 2);
    // A file named explicitly is tried whatever its name.
    // It is not a digest: a result (exit 0), the reason said on stderr,
    // not as an error.
    let py = dir.join("gen.py");
    let out = run(&["-f", "jsonl", py.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let record = &jsonl(&out)[0];
    assert_eq!(record["status"], "not_digest");
    assert_eq!(record["reason"], "not_a_digest");
    assert_eq!(record["found"], serde_json::json!([]), "{record}");
    assert!(
        record["message"]
            .as_str()
            .unwrap()
            .starts_with("not a digest")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("gen.py: not a digest"), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    // A missing file is an error record, not a crash: exit 1.
    let out = run(&["-q", "-f", "jsonl", "/nonexistent/page.html"]);
    assert_eq!(out.status.code(), Some(1));
    let record = &jsonl(&out)[0];
    assert_eq!(record["path"], "/nonexistent/page.html");
    error_of(record, &["read_error"]);
    // A mixed run with one unreadable input: exit 1, the rest still written.
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let out = run(&[
        "-f",
        "jsonl",
        py.to_str().unwrap(),
        &seed,
        "/nonexistent/page.html",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let statuses: Vec<Value> = jsonl(&out).iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, ["not_digest", "digest", "error"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("3 pages: 1 digest, 1 not a digest, 1 error, "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_flags_people_expect() {
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        format!("paper-digest {}", env!("CARGO_PKG_VERSION"))
    );

    let out = run(&["--formt", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tip: a similar argument exists: '--format'"),
        "{stderr}"
    );
    assert!(stderr.lines().count() < 8, "{stderr}");

    // Clustered short flags.
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    assert_eq!(run(&["-qj2", &seed]).status.code(), Some(0));

    // --strict: the truncated page parses with warnings, which now fail it.
    let truncated = format!("{FIXTURES}/synthetic-truncated.txt");
    assert_eq!(run(&["-q", &truncated]).status.code(), Some(0));
    let strict = run(&["-q", "--strict", &truncated]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("strict parsing failed"));
    let strict = run(&["-q", "--strict", "-f", "jsonl", &truncated]);
    error_of(&jsonl(&strict)[0], &["strict"]);

    // --input-format: Markdown read as HTML finds no digest structure.
    let md = format!("{FIXTURES}/markdown/seed.md");
    assert_eq!(
        run(&["-q", "--input-format", "markdown", &md])
            .status
            .code(),
        Some(0)
    );
    let forced: Value =
        serde_json::from_str(&stdout(&run(&["--input-format", "text", &md]))).unwrap();
    let detected: Value = serde_json::from_str(&stdout(&run(&[&md]))).unwrap();
    assert_ne!(
        forced, detected,
        "forcing a format changes how the page is read"
    );

    // No colour when NO_COLOR is set, even when asked for auto.
    let text = run(&["-f", "text", &seed]);
    assert!(!stdout(&text).contains('\u{1b}'));
    let coloured = run(&["-f", "text", "--color", "always", &seed]);
    assert!(stdout(&coloured).contains('\u{1b}'));
}

#[test]
fn no_path_prints_the_sample_and_dash_reads_stdin() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0));
    let sample: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sample["issue"]["series"], "7 Papers & Radios");

    let out = run_with_stdin(&["-f", "jsonl", "-"], &fixture("seed-2022-04-10.txt"));
    let records = jsonl(&out);
    assert_eq!(records[0]["path"], "-");
    assert_eq!(records[0]["digest"], sample);

    // A WARC on standard input holds several pages: JSON becomes an array.
    let news = fs::read(&news_pages()[0]).unwrap();
    let out = run_with_stdin(&["-q", "-"], &warc_archive(&news));
    let array: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    let paths: Vec<&str> = array
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "-#https://mp.weixin.qq.com/s/digest",
            "-#https://news.example.com/a.html",
            "-#file:///seed.html"
        ]
    );
}

/// `paper-digest archive` on the mixed folder: the five copies of the
/// 2022-04-10 issue (text, WeChat HTML, Markdown, and two WARC records) are
/// one issue, the 2021-06-06 page another.
#[cfg(unix)]
#[test]
fn archive_merges_the_copies_in_a_folder() {
    let (dir, _) = mixed_folder("archive-json");
    let dir = dir.to_str().unwrap();
    let out = run(&["archive", "-j2", dir]);
    // Some inputs are not digests: counted, not errors, as in `parse`.
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("archive: 6 pages, 6 copies, 2 issues, 49 distinct papers, 0 conflicts"),
        "{stderr}"
    );
    let dataset: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(dataset["summary"]["issues"], 2);
    let issues = dataset["issues"].as_array().unwrap();
    assert_eq!(issues[0]["issue"]["date"], "2021-06-06");
    assert_eq!(issues[1]["issue"]["date"], "2022-04-10");
    let copies: Vec<&str> = issues[1]["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["origin"]["path"].as_str().unwrap())
        .collect();
    let names: Vec<String> = [
        "a-seed.txt",
        "b-wechat.html",
        "c-seed.md",
        "crawl.warc.gz#file:///seed.html",
        "crawl.warc.gz#https://mp.weixin.qq.com/s/digest",
    ]
    .iter()
    .map(|n| format!("{dir}/{n}"))
    .collect();
    assert_eq!(copies, names);
    // The text scrapes (a file, a WARC resource) have no date; the merged
    // issue has the date of the HTML and Markdown copies.
    assert_eq!(issues[1]["copies"][0]["date"], Value::Null);
    assert_eq!(issues[1]["copies"][3]["date"], Value::Null);
    assert_eq!(
        issues[1]["fields"]["issue.date"],
        serde_json::json!([1, 2, 4])
    );
    // The same archive whatever the number of jobs.
    let one = run(&["archive", "-q", "-j1", dir]);
    assert_eq!(stdout(&one), stdout(&out));
}

#[cfg(unix)]
#[test]
fn archive_tables_as_json_lines_and_csv() {
    let (dir, _) = mixed_folder("archive-tables");
    let dir = dir.to_str().unwrap();
    let dataset: Value =
        serde_json::from_str(&stdout(&run(&["archive", "-q", dir]))).expect("JSON");
    for table in ["issues", "papers"] {
        let lines = jsonl(&run(&["archive", "-q", "-f", "jsonl", "-t", table, dir]));
        assert_eq!(&lines, dataset[table].as_array().unwrap(), "{table}");
        let array: Value =
            serde_json::from_str(&stdout(&run(&["archive", "-q", "-t", table, dir]))).unwrap();
        assert_eq!(&array, &dataset[table], "{table}");
    }

    let issues = stdout(&run(&["archive", "-q", "-f", "csv", dir]));
    let mut rows = csv::Reader::from_reader(issues.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[..3], ["date", "title", "source"]);
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][0], "2022-04-10");
    assert_eq!(&rows[1][5], "5", "copies");

    let papers = stdout(&run(&["archive", "-q", "-f", "csv", "-t", "papers", dir]));
    let mut reader = csv::Reader::from_reader(papers.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 37 + 12);
    let chinchilla = rows
        .iter()
        .find(|r| &r[0] == "arxiv:2203.15556")
        .expect("the first paper, by its arXiv id");
    assert_eq!(&chinchilla[1], "arXiv:2203.15556", "never a number");
    assert_eq!(
        &chinchilla[2],
        "Training Compute-Optimal Large Language Models"
    );
    assert_eq!(&chinchilla[4], "1", "one issue, however many copies");
    assert_eq!(&chinchilla[6], "2022-04-10 featured 1");
    assert_eq!(&chinchilla[7], "https://arxiv.org/pdf/2203.15556.pdf");
}

// Issue 22 (hostile probe): the CLI: WARC reading, output escaping, --jobs, symlinks

/// A fresh, empty directory for one test under the target's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_self_referencing_symlink_is_skipped_like_other_loops() {
    let dir = scratch("self-link");
    fs::write(dir.join("a-seed.txt"), fixture("seed-2022-04-10.txt")).unwrap();
    // `ln -s self self`, one with a page's name, and a two-link cycle.
    std::os::unix::fs::symlink("self", dir.join("self")).unwrap();
    std::os::unix::fs::symlink("b-self.txt", dir.join("b-self.txt")).unwrap();
    std::os::unix::fs::symlink("c-two.txt", dir.join("c-one.txt")).unwrap();
    std::os::unix::fs::symlink("c-one.txt", dir.join("c-two.txt")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("d-loop")).unwrap();
    fs::write(dir.join("e-seed.txt"), fixture("seed-2022-04-10.txt")).unwrap();
    let out = run(&["-f", "jsonl", "-q", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let paths: Vec<String> = jsonl(&out)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    let want: Vec<String> = ["a-seed.txt", "e-seed.txt"]
        .iter()
        .map(|n| format!("{}/{n}", dir.display()))
        .collect();
    assert_eq!(paths, want);
}

#[test]
fn jobs_beyond_what_helps_are_capped_and_give_the_same_output() {
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let one = run(&["-f", "jsonl", "-j", "1", &seed]);
    let many = run(&["-f", "jsonl", "-j", "65535", &seed]);
    assert_eq!(many.status.code(), Some(0));
    assert_eq!(stdout(&many), stdout(&one));
    let help = stdout(&run(&["--help"]));
    assert!(help.contains("at most"), "{help}");
}

/// The seed with terminal escape sequences (screen clear, OSC title, OSC 8
/// hyperlink, BEL, a C1 CSI) and spreadsheet formulas in its title,
/// paper titles, authors and a link.
fn hostile_seed() -> Vec<u8> {
    let mut page = String::from_utf8(fixture("seed-2022-04-10.txt")).unwrap();
    for (from, to) in [
        (
            "7 Papers & Radios | ",
            "7 Papers & Radios | \x1b[2J\x1b]0;pwned\x07",
        ),
        (
            "论文 1:Training Compute-Optimal Large Language Models",
            "论文 1:=HYPERLINK(\"http://evil.example\",\"Training\")",
        ),
        (
            "作者:Jordan Hoffmann 、 Sebastian Borgeaud 等",
            "作者:+cmd|' /C calc'!A0 、 Sebastian Borgeaud 等",
        ),
        ("论文 2:PaLM: Scaling", "论文 2:@SUM(1) PaLM: Scaling"),
        ("论文 3:Continuous", "论文 3:-2+3 Continuous"),
        (
            "论文 4:High-precision",
            "论文 4:\x1b]8;;http://evil.example/\x1b\\High-precision\x1b]8;;\x1b\\",
        ),
        ("作者:Aditya Ramesh", "作者:Aditya\x07\u{9b}31m Ramesh"),
        (
            "https://cdn.openai.com/papers/dall-e-2.pdf",
            "https://cdn.openai.com/papers/\x1b[2Jdall-e-2.pdf",
        ),
    ] {
        assert!(page.contains(from), "{from}");
        page = page.replacen(from, to, 1);
    }
    page.into_bytes()
}

/// Whether `s` holds a character a terminal acts on: C0 but a newline,
/// DEL, or C1.
fn has_terminal_controls(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n')
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

#[test]
fn text_output_shows_control_characters_instead_of_sending_them() {
    let dir = scratch("text-controls");
    let name = "a\x1b]0;title\x07.txt";
    fs::write(dir.join(name), hostile_seed()).unwrap();
    fs::write(dir.join("b\x1b[2J.txt"), b"not a digest\n").unwrap();
    let out = run_in(&dir, &["-f", "text", name, "b\x1b[2J.txt"]);
    let text = stdout(&out);
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!has_terminal_controls(&text), "{text:?}");
    assert!(!has_terminal_controls(&stderr), "{stderr:?}");
    // Shown the way stderr shows them, as Rust escapes.
    assert!(text.contains("== a\\u{1b}]0;title\\u{7}.txt"), "{text}");
    assert!(text.contains("\\u{1b}[2J\\u{1b}]0;pwned\\u{7}"), "{text}");
    assert!(text.contains("\\u{1b}]8;;http://evil.example/\\u{1b}\\High-precision"));
    assert!(text.contains("Aditya\\u{7}\\u{9b}31m Ramesh"), "{text}");
    assert!(text.contains("papers/\\u{1b}[2Jdall-e-2.pdf"), "{text}");
    // A single page that is not a digest is named on stderr, escaped too.
    let out = run_in(&dir, &["-f", "text", "b\x1b[2J.txt"]);
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!has_terminal_controls(&stderr), "{stderr:?}");
    assert!(stderr.contains("b\\u{1b}[2J.txt: not a digest"), "{stderr}");
}

/// Whether a spreadsheet would take a cell as a formula.
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn csv_cells(out: &Output) -> Vec<Vec<String>> {
    csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_cells_never_start_a_formula_unless_asked() {
    let dir = scratch("csv-formulas");
    let name = "=HYPERLINK(\"http:evil\").txt";
    fs::write(dir.join(name), hostile_seed()).unwrap();
    let warc = warc_record(
        "resource",
        "=cmd|' /C calc'!A0",
        "text/html",
        &hostile_seed(),
        1,
    );
    for (args, stdin) in [
        (&["-f", "csv", "-q", name][..], None),
        (&["-f", "csv", "-q", "-"][..], Some(&warc)),
        (&["archive", "-f", "csv", "-q", name][..], None),
        (
            &["archive", "-f", "csv", "-t", "papers", "-q", name][..],
            None,
        ),
    ] {
        let with = |extra: &[&str]| {
            let args: Vec<&str> = args.iter().chain(extra).copied().collect();
            match stdin {
                Some(bytes) => {
                    let mut child = Command::new(BIN)
                        .args(&args)
                        .current_dir(&dir)
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap();
                    child.stdin.take().unwrap().write_all(bytes).unwrap();
                    child.wait_with_output().unwrap()
                }
                None => run_in(&dir, &args),
            }
        };
        let safe = csv_cells(&with(&[]));
        let raw = csv_cells(&with(&["--csv-raw"]));
        assert!(!safe.is_empty(), "{args:?}");
        assert_eq!(safe.len(), raw.len());
        let mut neutralised = 0;
        for (safe_row, raw_row) in safe.iter().zip(&raw) {
            for (s, r) in safe_row.iter().zip(raw_row) {
                assert!(!is_formula(s), "{args:?}: {s:?}");
                if is_formula(r) {
                    // OWASP's way: a leading apostrophe, the rest as it was.
                    assert_eq!(*s, format!("'{r}"), "{args:?}");
                    neutralised += 1;
                } else {
                    assert_eq!(s, r, "{args:?}");
                }
            }
        }
        assert!(
            neutralised > 0,
            "{args:?}: nothing to neutralise in {raw:?}"
        );
    }
    let out = run_in(&dir, &["-f", "csv", "-q", name]);
    let rows = csv_cells(&out);
    assert_eq!(rows[0][0], format!("'{name}"));
    assert_eq!(
        rows[0][8],
        "'=HYPERLINK(\"http://evil.example\",\"Training\")"
    );
    assert_eq!(
        rows[1][8],
        "'@SUM(1) PaLM: Scaling Language Modeling with Pathways"
    );
    assert!(rows[0][9].starts_with("'+cmd|"), "{:?}", rows[0]);
    assert!(rows[2][8].starts_with("'-2+3 Continuous"), "{:?}", rows[2]);
    let help = stdout(&run(&["--help"]));
    assert!(help.contains("--csv-raw"), "{help}");
}

/// One WARC record, uncompressed.
fn plain_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
WARC-Date: 2022-04-10T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n\
Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// `paper-digest -f jsonl -` on `warc`: its records, its stderr.
fn read_warc(warc: &[u8]) -> (Output, Vec<Value>, String) {
    let out = run_with_stdin(&["-f", "jsonl", "-"], warc);
    let records = jsonl(&out);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, records, stderr)
}

const HTTP: &str = "application/http; msgtype=response";

fn seed_response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let block = http_response(
        "200 OK",
        &format!("Content-Type: text/html; charset=utf-8\r\n{headers}"),
        body,
    );
    plain_record("response", uri, HTTP, &block)
}

#[test]
fn a_warc_header_that_never_ends_is_an_error_naming_the_record() {
    let first = seed_response(
        "https://e.example/first",
        "",
        &fixture("seed-2022-04-10.txt"),
    );
    // A header line of 300 KiB with no end, and 300 KiB of header lines.
    let long_line = [
        &b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.example/never\r\n"[..],
        &vec![0u8; 300 << 10],
    ]
    .concat();
    let many_lines = [
        &b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://e.example/lines\r\n"[..],
        &b"X-Filler: 0123456789abcdef\r\n".repeat(12_000),
        b"Content-Length: 0\r\n\r\n\r\n\r\n",
    ]
    .concat();
    for (tail, uri) in [(long_line, "never"), (many_lines, "lines")] {
        let warc = gzip(&[&first[..], &tail].concat());
        let (out, records, stderr) = read_warc(&warc);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert_eq!(records.len(), 2, "{records:?}");
        assert!(records[0].get("digest").is_some());
        let label = format!("-#https://e.example/{uri}");
        assert_eq!(records[1]["path"], label.as_str());
        let error = error_of(&records[1], &["warc_error"]);
        assert!(
            error.contains(&format!("WARC record 2 at byte {}", first.len())),
            "{error}"
        );
        assert!(error.contains("header longer than 65536 bytes"), "{error}");
        assert!(stderr.contains(&label), "{stderr}");
    }
}

#[test]
fn a_warc_cut_anywhere_is_an_error_never_a_silent_drop() {
    let seed = fixture("seed-2022-04-10.txt");
    let record = seed_response("https://e.example/cut", "", &seed);
    let http_head = record
        .windows(4)
        .position(|w| w == b"HTTP")
        .expect("the HTTP head");
    for (cut, what) in [
        (20, "WARC header"),
        (http_head + 20, "HTTP header"),
        (record.len() - 500, "body"),
    ] {
        for warc in [record[..cut].to_vec(), gzip(&record[..cut])] {
            let (out, records, stderr) = read_warc(&warc);
            assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
            assert_eq!(records.len(), 1, "{what}: {records:?}");
            let error = error_of(&records[0], &["warc_error", "decode_error"]);
            assert!(error.contains("cut"), "{what}: {error}");
            assert!(stderr.contains("error: -#"), "{what}: {stderr}");
        }
    }
}

#[test]
fn chunked_warc_bodies_are_decoded_strictly() {
    let seed = fixture("seed-2022-04-10.txt");
    let chunks = |body: &[u8], last: &[u8]| {
        let mut out = Vec::new();
        for chunk in body.chunks(4000) {
            out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            out.extend_from_slice(chunk);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(last);
        out
    };
    let te = "Transfer-Encoding: chunked\r\n";
    // Without its final chunk: the chunks joined, parsed, and a warning.
    let warc = seed_response("https://e.example/unfinished", te, &chunks(&seed, b""));
    let (out, records, stderr) = read_warc(&warc);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let digest = &records[0]["digest"];
    assert_eq!(digest["papers"].as_array().unwrap().len(), 7);
    let warnings = digest["warnings"].as_array().unwrap();
    let truncated: Vec<&Value> = warnings
        .iter()
        .filter(|w| w["code"] == "page_truncated")
        .collect();
    assert_eq!(truncated.len(), 1, "{warnings:?}");
    assert!(
        truncated[0]["message"]
            .as_str()
            .unwrap()
            .contains("final chunk"),
        "{truncated:?}"
    );
    // A page without a warning of its own fails --strict only when cut.
    let clean = fixture("synthetic-2021-06-06-crlf.txt");
    for (last, status) in [(&b""[..], 1), (b"0\r\n\r\n", 0)] {
        let warc = seed_response("https://e.example/clean", te, &chunks(&clean, last));
        let strict = run_with_stdin(&["-f", "jsonl", "--strict", "-"], &warc);
        assert_eq!(strict.status.code(), Some(status), "{:?}", strict);
    }

    // Complete: no warning of it.
    let warc = seed_response("https://e.example/whole", te, &chunks(&seed, b"0\r\n\r\n"));
    let (out, records, _) = read_warc(&warc);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !records[0]["digest"]["warnings"]
            .to_string()
            .contains("final chunk")
    );

    // Impossible chunk sizes: not hex, more than the body holds, absurd.
    for (body, why) in [
        (seed.clone(), "chunk size"),
        (
            [&b"ffff\r\n"[..], &seed[..100], b"\r\n0\r\n\r\n"].concat(),
            "chunk size",
        ),
        (
            [&b"ffffffffffffffff\r\n"[..], &seed[..100]].concat(),
            "chunk size",
        ),
    ] {
        let (out, records, stderr) = read_warc(&seed_response("https://e.example/bad", te, &body));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let error = error_of(&records[0], &["decode_error", "too_large"]);
        assert!(error.contains(why), "{error}");
        assert!(!error.contains("not a digest"), "{error}");
    }
}

#[test]
fn warc_content_coding_errors_are_errors_never_the_raw_bytes() {
    let seed = fixture("seed-2022-04-10.txt");
    let deflated = {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
        z.write_all(&seed).unwrap();
        z.finish().unwrap()
    };
    let gzipped = gzip(&seed);
    let cut = |b: &[u8]| b[..b.len() / 2].to_vec();
    for (coding, body) in [
        ("deflate", cut(&deflated)),
        ("deflate", b"not deflate at all".to_vec()),
        ("gzip", cut(&gzipped)),
        ("gzip", seed.clone()),
        ("br", seed.clone()),
        ("compress", seed.clone()),
    ] {
        let warc = seed_response(
            "https://e.example/coded",
            &format!("Content-Encoding: {coding}\r\n"),
            &body,
        );
        let (out, records, stderr) = read_warc(&warc);
        assert_eq!(out.status.code(), Some(1), "{coding}: {stderr}");
        let error = error_of(&records[0], &["decode_error"]);
        assert!(error.contains("content decoding"), "{coding}: {error}");
        assert!(error.contains(coding), "{coding}: {error}");
    }
    // Both deflate flavours, and gzip, decode.
    let raw = {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
        z.write_all(&seed).unwrap();
        z.finish().unwrap()
    };
    for (coding, body) in [("deflate", deflated), ("deflate", raw), ("gzip", gzipped)] {
        let warc = seed_response(
            "https://e.example/coded",
            &format!("Content-Encoding: {coding}\r\n"),
            &body,
        );
        let (out, records, stderr) = read_warc(&warc);
        assert_eq!(out.status.code(), Some(0), "{coding}: {stderr}");
        assert!(records[0].get("digest").is_some());
    }
}

/// What warcio makes of each record of the archives named on its command
/// line: one JSON line per record with its type, target URI, Content-Length
/// and, for an HTTP response, its body decoded (hex).
const WARCIO_RECORDS: &str = r#"
import json, sys
from warcio.archiveiterator import ArchiveIterator
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        for record in ArchiveIterator(f):
            out = {
                'archive': path,
                'type': record.rec_type,
                'uri': record.rec_headers.get_header('WARC-Target-URI'),
                'length': int(record.rec_headers.get_header('Content-Length')),
            }
            if record.rec_type == 'response' and record.http_headers:
                out['body'] = record.content_stream().read().hex()
            print(json.dumps(out))
"#;

/// Archives of the shapes crawlers write: records gzip-compressed one by
/// one or not at all, a warcinfo, requests, metadata, HTTP
/// responses identity, chunked, gzip, zlib and raw deflate, chunked and
/// gzip both, a folded header line, an empty block.
fn reference_archives() -> Vec<(String, Vec<u8>)> {
    let seed = fixture("seed-2022-04-10.txt");
    let wechat = fixture("sites/wechat/page.html");
    let deflate = |zlib: bool, body: &[u8]| {
        if zlib {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
            z.write_all(body).unwrap();
            z.finish().unwrap()
        } else {
            let mut z = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
            z.write_all(body).unwrap();
            z.finish().unwrap()
        }
    };
    let chunked = |body: &[u8], size: usize| {
        let mut out = Vec::new();
        for chunk in body.chunks(size) {
            // (No chunk extension: warcio does not read one.)
            out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            out.extend_from_slice(chunk);
            out.extend_from_slice(b"\r\n");
        }
        // (No trailer field either: warcio passes one on as body.)
        out.extend_from_slice(b"0\r\n\r\n");
        out
    };
    let html = "Content-Type: text/html; charset=utf-8\r\n";
    let records = vec![
        plain_record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
        plain_record(
            "request",
            "https://e.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: e.example\r\n\r\n",
        ),
        seed_response("https://e.example/a", "", &seed),
        seed_response(
            "https://e.example/chunked",
            "Transfer-Encoding: chunked\r\n",
            &chunked(&seed, 777),
        ),
        seed_response(
            "https://e.example/gzip",
            "Content-Encoding: gzip\r\n",
            &gzip(&wechat),
        ),
        seed_response(
            "https://e.example/zlib",
            "Content-Encoding: deflate\r\n",
            &deflate(true, &seed),
        ),
        seed_response(
            "https://e.example/raw-deflate",
            "Content-Encoding: deflate\r\n",
            &deflate(false, &wechat),
        ),
        seed_response(
            "https://e.example/both",
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked(&gzip(&seed), 1000),
        ),
        plain_record(
            "response",
            "https://e.example/empty",
            HTTP,
            &http_response("200 OK", html, b""),
        ),
        plain_record("resource", "file:///seed.html", "text/html", &seed),
        plain_record("metadata", "https://e.example/a", "application/warc-fields", b"via: x\r\n"),
        // A folded header line, and a record with an empty block.
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://e.example/folded\r\nX-Note: one\r\n two\r\n\
WARC-Date: 2022-04-10T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000009>\r\n\
Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
            .to_vec(),
    ];
    // (warcio refuses a stream gzip-compressed as one member: it could
    // not seek to a record.)
    let per_record: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    vec![
        ("per-record.warc.gz".to_owned(), per_record),
        ("plain.warc".to_owned(), records.concat()),
    ]
}

#[test]
fn warc_reader_agrees_with_warcio() {
    // Run by `.ci/warc_reference`, which installs warcio in a venv.
    let Some(python) = std::env::var_os("PAPER_DIGEST_WARCIO") else {
        eprintln!("PAPER_DIGEST_WARCIO unset: the warcio reference is not run");
        return;
    };
    let dir = scratch("warcio");
    let mut paths = Vec::new();
    let mut ours = Vec::new();
    for (name, bytes) in reference_archives() {
        let path = dir.join(&name);
        fs::write(&path, &bytes).unwrap();
        let archive = path.to_str().unwrap().to_owned();
        let stream: Box<dyn std::io::Read> = if name.ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(&bytes[..]))
        } else {
            Box::new(&bytes[..])
        };
        let mut records = paper_digest::cli::warc::Records::new(std::io::BufReader::new(stream));
        while let Some(start) = records.next_header().expect("a record header") {
            let h = &start.header;
            let kind = h.get("WARC-Type").unwrap().to_owned();
            let mut record = serde_json::json!({
                "archive": archive,
                "type": kind,
                "uri": h.get("WARC-Target-URI"),
                "length": h.content_length().unwrap(),
            });
            let block = records.read_block(1 << 26).expect("the block");
            if kind == "response" {
                let page = paper_digest::cli::warc::http_page(&block, 1 << 26)
                    .expect("decoded")
                    .expect("an HTML page");
                assert_eq!(page.truncated, None);
                let hex: String = page.bytes.iter().map(|b| format!("{b:02x}")).collect();
                record["body"] = hex.into();
            }
            ours.push(record);
        }
        paths.push(archive);
    }
    let out = Command::new(python)
        .arg("-c")
        .arg(WARCIO_RECORDS)
        .args(&paths)
        .stdin(Stdio::null())
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs = jsonl(&out);
    assert_eq!(ours.len(), 2 * 12);
    assert_eq!(theirs.len(), ours.len());
    for (a, b) in ours.iter().zip(&theirs) {
        for field in ["archive", "type", "uri", "length"] {
            assert_eq!(a.get(field), b.get(field), "{field}: {}", b["uri"]);
        }
        // Bodies compared without printing them whole.
        let body = |v: &Value| v["body"].as_str().map(str::to_owned);
        if body(a) != body(b) {
            let (ours, theirs) = (body(a).unwrap_or_default(), body(b).unwrap_or_default());
            panic!(
                "{}: bodies differ: ours {} bytes ending {}, warcio's {} bytes ending {}",
                b["uri"],
                ours.len() / 2,
                &ours[ours.len().saturating_sub(40)..],
                theirs.len() / 2,
                &theirs[theirs.len().saturating_sub(40)..]
            );
        }
    }
    eprintln!("warcio and the reader agree on {} records", ours.len());
}

#[test]
fn a_directory_without_pages_says_what_it_skipped_and_how_to_take_it() {
    let dir = scratch("no-pages");
    fs::write(dir.join("notes.doc"), b"not a page").unwrap();
    let out = run(&[dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "[]\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("0 pages: 0 digests, 0 not digests, 0 errors, "),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 file skipped: 1 unknown extension"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint:")
            && stderr.contains("--all-files")
            && stderr.contains("--no-ignore"),
        "{stderr}"
    );
    // --all-files takes it: a page that is not a digest, and no hint.
    let out = run(&["--all-files", "-f", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(jsonl(&out)[0]["status"], "not_digest");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 page: 0 digests, 1 not a digest, 0 errors"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("hint:") && !stderr.contains("skipped"),
        "{stderr}"
    );
}

#[test]
fn piped_input_is_read_without_a_dash_and_no_input_gives_the_sample() {
    // A page on a pipe, no path: that page, not the sample.
    let crlf = fixture("synthetic-2021-06-06-crlf.txt");
    let out = run_with_stdin(&["-f", "jsonl"], &crlf);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["path"], "-");
    assert_eq!(records[0]["digest"]["issue"]["date"], "2021-06-06");
    // The same with -f text: the piped page's digest.
    let text = stdout(&run_with_stdin(&["-f", "text"], &crlf));
    assert!(text.contains("2021-06-06"), "{text}");
    assert!(!text.contains("Pathways"), "{text}");
    // A file on standard input is read too.
    let file = fs::File::open(format!("{FIXTURES}/synthetic-2021-06-06-crlf.txt")).unwrap();
    let out = Command::new(BIN)
        .args(["-f", "jsonl"])
        .stdin(file)
        .output()
        .unwrap();
    assert_eq!(jsonl(&out)[0]["digest"]["issue"]["date"], "2021-06-06");
    // An empty pipe is an empty page, not the sample: not a digest.
    let out = run_with_stdin(&["-f", "jsonl"], b"");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(jsonl(&out)[0]["status"], "not_digest");
    // No standard input (/dev/null, as CI runs): the bundled sample.
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0));
    let sample: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        sample["issue"]["title"]
            .as_str()
            .unwrap()
            .contains("Pathways")
    );
    // A path named: standard input is not read.
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let out = run_with_stdin(&["-f", "jsonl", &seed], &crlf);
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["digest"], sample);
}

/// Loads `--format csv` and `--format jsonl` with pandas and DuckDB, with
/// their default options, and checks the types they give: argv is the CSV,
/// the JSON Lines and the expected arXiv cells (a JSON array).
const DATA_LOADING: &str = r#"
import json, sys
import duckdb
import pandas as pd
from pandas.api import types as pt

csv_path, jsonl_path, expected = sys.argv[1], sys.argv[2], set(json.loads(sys.argv[3]))
text = lambda s: pt.is_string_dtype(s.dtype) or pt.is_object_dtype(s.dtype)

df = pd.read_csv(csv_path)
assert text(df["arxiv_id"]), df["arxiv_id"].dtype
ids = set(df["arxiv_id"].dropna())
assert ids == expected, sorted(ids ^ expected)
assert pt.is_integer_dtype(df["number"].dtype), df["number"].dtype
assert pt.is_bool_dtype(df["et_al"].dtype), df["et_al"].dtype
for c in ["path", "url", "captured_at", "issue_date", "issue_title", "section",
          "category", "title", "authors", "from", "paper_link", "code_link"]:
    assert text(df[c]), (c, df[c].dtype)
assert set(df["section"]) == {"featured", "radio"}, set(df["section"])
assert set(df["category"].dropna()) == {"NLP", "CV", "ML"}, set(df["category"].dropna())

con = duckdb.connect()
rel = con.sql(f"select * from read_csv_auto('{csv_path}')")
kinds = {c: str(t) for c, t in zip(rel.columns, rel.types)}
assert kinds["arxiv_id"] == "VARCHAR", kinds
assert kinds["number"] in ("BIGINT", "INTEGER"), kinds
assert kinds["et_al"] == "BOOLEAN", kinds
for c in ["path", "url", "issue_title", "section", "category", "title", "authors",
          "from", "paper_link", "code_link"]:
    assert kinds[c] == "VARCHAR", (c, kinds)
rows = con.sql(f"select arxiv_id from read_csv_auto('{csv_path}') where arxiv_id is not null")
duck = {r[0] for r in rows.fetchall()}
assert duck == expected, sorted(duck ^ expected)

j = pd.read_json(jsonl_path, lines=True)
assert set(j["status"]) == {"digest", "not_digest"}, set(j["status"])
assert set(j[j["status"] == "not_digest"]["reason"]) == {"not_a_digest"}
assert j[j["status"] == "digest"]["reason"].isna().all()
assert text(j["path"]) and text(j["url"]), (j["path"].dtype, j["url"].dtype)
assert pt.is_datetime64_any_dtype(j["captured_at"].dtype), j["captured_at"].dtype
found = set()
for digest in j[j["status"] == "digest"]["digest"]:
    for paper in digest["papers"]:
        first = next((l["arxiv_id"] for l in paper["links"] if l.get("arxiv_id")), None)
        if first is not None:
            assert isinstance(first, str), first
            found.add("arXiv:" + first)
assert found == expected, sorted(found ^ expected)
statuses = dict(con.sql(
    f"select status, count(*) from read_json_auto('{jsonl_path}') group by status").fetchall())
assert set(statuses) == {"digest", "not_digest"}, statuses
print(json.dumps({"csv_rows": len(df), "jsonl_records": len(j), "arxiv_ids": sorted(expected),
                  "pandas": pd.__version__, "duckdb": duckdb.__version__,
                  "pandas_dtypes": {c: str(t) for c, t in df.dtypes.items()}, "duckdb_types": kinds}))
"#;

#[test]
fn csv_and_json_lines_load_in_pandas_and_duckdb_with_default_options() {
    // Run by `.ci/csv_loading`, which installs pandas and DuckDB in a venv.
    let Some(python) = std::env::var_os("PAPER_DIGEST_DATA_PYTHON") else {
        eprintln!("PAPER_DIGEST_DATA_PYTHON unset: the pandas/DuckDB check is not run");
        return;
    };
    let (dir, _) = mixed_folder("data-loading");
    // An identifier with a trailing zero, which a float drops.
    let seed = String::from_utf8(fixture("seed-2022-04-10.txt")).unwrap();
    assert!(seed.contains("2203.15556"));
    fs::write(
        dir.join("z-zero.txt"),
        seed.replace("2203.15556", "2203.00850"),
    )
    .unwrap();
    let dir = dir.to_str().unwrap();
    let scratch = scratch("data-loading-out");
    let csv = scratch.join("papers.csv");
    let jsonl_path = scratch.join("pages.jsonl");
    let out = run(&["-q", "-f", "csv", dir]);
    assert_eq!(out.status.code(), Some(0));
    fs::write(&csv, &out.stdout).unwrap();
    let out = run(&["-q", "-f", "jsonl", dir]);
    assert_eq!(out.status.code(), Some(0));
    fs::write(&jsonl_path, &out.stdout).unwrap();
    let mut expected = std::collections::BTreeSet::new();
    for record in jsonl(&out) {
        if let Some(digest) = record.get("digest") {
            let digest: paper_digest::Digest = serde_json::from_value(digest.clone()).unwrap();
            for paper in &digest.papers {
                if let Some(id) = paper.arxiv_id() {
                    expected.insert(format!("arXiv:{id}"));
                }
            }
        }
    }
    assert!(expected.contains("arXiv:2203.00850"), "{expected:?}");
    let out = Command::new(python)
        .arg("-c")
        .arg(DATA_LOADING)
        .arg(&csv)
        .arg(&jsonl_path)
        .arg(serde_json::to_string(&expected).unwrap())
        .stdin(Stdio::null())
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{}", stdout(&out));
}

#[test]
fn text_shows_the_whole_digest_as_a_person_reads_it() {
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let out = run(&["-f", "text", &seed]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let digest = paper_digest::parse_bytes(&fixture("seed-2022-04-10.txt")).unwrap();
    let issue = &digest.issue;
    // The intro and the contents.
    assert!(text.contains(issue.summary.as_deref().unwrap()), "{text}");
    for entry in &issue.contents {
        assert!(text.contains(entry.as_str()), "{entry}");
    }
    // Every paper: title, authors, links, every abstract paragraph, the
    // recommendation.
    for p in &digest.papers {
        assert!(
            text.contains(&format!("[{}] {}", p.number, p.title)),
            "{}",
            p.title
        );
        assert!(text.contains(&p.authors.join(", ")), "{:?}", p.authors);
        for l in &p.links {
            assert!(text.contains(l.url.as_deref().unwrap()), "{l:?}");
        }
        for paragraph in p.abstract_text.as_deref().unwrap_or("").lines() {
            assert!(text.contains(paragraph), "{paragraph}");
        }
        if let Some(r) = &p.recommendation {
            assert!(text.contains(r.as_str()), "{r}");
        }
    }
    assert!(
        !text.contains(" characters, "),
        "no abstract counted, all shown"
    );
    // The radio lists, entry by entry.
    for list in &digest.radio {
        for e in &list.entries {
            assert!(text.contains(&e.title), "{}", e.title);
        }
    }
    // Contributors, link passwords and figure captions.
    let page = "7 Papers & Radios | 标题\n参与：杜伟、楚航\n论文 1：某论文\n\
网盘链接：https://pan.baidu.com/s/1abc 密码：9qzz\n摘要：一段摘要。\n";
    let text = stdout(&run_with_stdin(&["-f", "text"], page.as_bytes()));
    assert!(text.contains("contributors: 杜伟, 楚航"), "{text}");
    assert!(
        text.contains("https://pan.baidu.com/s/1abc") && text.contains("password: 9qzz"),
        "{text}"
    );
    let md = fixture("markdown/seed.md");
    let with_figures = paper_digest::parse_bytes(&md).unwrap();
    let caption = with_figures
        .papers
        .iter()
        .flat_map(|p| &p.figures)
        .find_map(|f| f.caption.clone());
    let text = stdout(&run_with_stdin(&["-f", "text"], &md));
    for f in with_figures.papers.iter().flat_map(|p| &p.figures) {
        if let Some(image) = &f.image {
            assert!(text.contains(image.as_str()), "{image}");
        }
    }
    if let Some(caption) = caption {
        assert!(text.contains(&format!("figure: {caption}")), "{text}");
    }
}

#[test]
fn markdown_output_is_the_canonical_markdown() {
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let out = run(&["-f", "markdown", &seed]);
    assert_eq!(out.status.code(), Some(0));
    let digest = paper_digest::parse_bytes(&fixture("seed-2022-04-10.txt")).unwrap();
    assert_eq!(stdout(&out), paper_digest::render::markdown(&digest));
    // It reads back as the same digest.
    let again = paper_digest::parse(&stdout(&out)).unwrap();
    assert_eq!(again.papers, digest.papers);
    // Several inputs: each under a comment naming it, a rule between.
    let md = format!("{FIXTURES}/markdown/seed.md");
    let text = stdout(&run(&["-q", "-f", "markdown", &seed, &md]));
    assert!(
        text.starts_with(&format!("<!-- {seed} -->\n\n# ")),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n---\n\n<!-- {md} -->\n\n# ")),
        "{text}"
    );
}

#[test]
fn archive_has_a_readable_text_form() {
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let md = format!("{FIXTURES}/markdown/seed.md");
    let crlf = format!("{FIXTURES}/synthetic-2021-06-06-crlf.txt");
    let out = run(&["archive", "-q", "-f", "text", &seed, &md, &crlf]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("2 issues from 3 pages: "), "{text}");
    assert!(text.contains(&format!("  copy: {seed}\n")), "{text}");
    assert!(text.contains("\n2022-04-10 7 Papers & Radios | "), "{text}");
    assert!(
        text.contains("  [1] Training Compute-Optimal Large Language Models\n"),
        "{text}"
    );
    let papers = stdout(&run(&[
        "archive", "-q", "-f", "text", "-t", "papers", &seed, &md,
    ]));
    assert!(
        papers.starts_with("Training Compute-Optimal Large Language Models\n  by: Jordan Hoffmann, Sebastian Borgeaud et al.\n  id: arxiv:2203.15556\n  seen in: 2022-04-10 featured 1"),
        "{papers}"
    );
}

#[test]
fn errors_quote_a_page_only_in_part_and_json_shapes_are_said() {
    // The plain-text seed read as HTML is one long line: the message
    // quotes the start of it, not the page.
    let seed = format!("{FIXTURES}/seed-2022-04-10.txt");
    let out = run(&["-f", "jsonl", "--input-format", "html", &seed]);
    let record = &jsonl(&out)[0];
    assert_eq!(record["status"], "not_digest", "{record}");
    let message = record["message"].as_str().unwrap();
    let most = paper_digest::cli::output::MESSAGE_CHARS + 1;
    assert!(message.chars().count() <= most, "{message}");
    assert!(message.ends_with('…'), "{message}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.chars().count() < most + seed.len() + 10, "{stderr}");
    // The library's own message is longer: the cap is what shortens it.
    let full = paper_digest::Parser::new()
        .format(paper_digest::Format::Html)
        .parse_bytes(&fixture("seed-2022-04-10.txt"))
        .unwrap_err()
        .to_string();
    assert!(full.chars().count() > most, "{}", full.chars().count());

    // --array: an array of records even for one page.
    let out = run(&["--array", &seed]);
    let array: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let array = array.as_array().expect("an array");
    assert_eq!(array.len(), 1);
    assert_eq!(array[0]["status"], "digest");
    assert_eq!(array[0]["path"], seed.as_str());
    // The shape is said in --help.
    let help = stdout(&run(&["--help"]));
    assert!(help.contains("--array"), "{help}");
    assert!(help.contains("bare digest when a single page"), "{help}");
    assert!(
        help.contains("not_a_digest") && help.contains("decode_error"),
        "{help}"
    );
}

/// Issue 25: a `not_digest` record says, as stable codes, what the page
/// holds of a digest (the library's `Found::code`s); other records do not.
#[test]
fn a_not_digest_record_lists_what_was_found() {
    let out = run_with_stdin(
        &["-q", "-f", "jsonl"],
        "7 Papers & Radios | 标题\n目录\n论文甲\n论文乙\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let record = &jsonl(&out)[0];
    assert_eq!(record["status"], "not_digest", "{record}");
    assert_eq!(record["found"], serde_json::json!(["title", "contents"]));
    let out = run(&["-q", "-f", "jsonl", "/nonexistent/page.html"]);
    let record = &jsonl(&out)[0];
    assert_eq!(record["status"], "error", "{record}");
    assert!(record.get("found").is_none(), "{record}");
}
