"""paper_digest from Python against the Rust call and the Python extractors.

    python bench/compare.py [--runs N] [--no-rust] [--scan-mb MB]

Run it with the test venv's interpreter (python/.venv, or .ci/python's
target/ci-python-venv: paper_digest, trafilatura, resiliparse, fastwarc,
warcio installed). It prints three tables, each from one run:

1. the bench page (benches/data/wechat-digest.html): `paper_digest.parse`
   from Python, conversion to dataclasses included, against the Rust
   `parse_bytes` timed by `cargo run --release --example html_timing --
   --only parse_bytes` (medians of N runs after a warm-up);
2. the same pages through `paper_digest.parse`, trafilatura's `extract` and
   resiliparse's `extract_plain_text(main_content=True)` (with
   `detect_encoding` and `HTMLTree.parse_from_bytes`), medians in ms;
3. the crawl scan per core: a WARC built from the fixtures (the thirty news
   pages and the other non-digest HTML, one digest copy per 50 pages,
   repeated to about MB megabytes), read with fastwarc, every HTML record
   through the Spark job's `scan_warc` (examples/spark_scan.py), against
   the plain loop fastwarc + resiliparse text extraction on the same file:
   WARC records/s and MB/s of HTML, one process;

and the thread-pool scaling of `paper_digest.parse` (1 thread, then as many
as there are cores).
"""

from __future__ import annotations

import concurrent.futures
import glob
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Tuple

import paper_digest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BENCH_PAGE = ROOT / "benches" / "data" / "wechat-digest.html"
sys.path.insert(0, str(HERE.parent / "examples"))
sys.path.insert(0, str(HERE.parent / "tests"))


def median_ms(runs: int, f: Callable[[], Any]) -> float:
    f()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def rust_parse_bytes_ms(paths: List[pathlib.Path], runs: int) -> Dict[str, float]:
    """Median ms of the crate's parse_bytes per page, from the release example."""
    env = {**os.environ}
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "html_timing", "--",
         "--only", "parse_bytes", "--json", "--runs", str(runs)] + [str(p) for p in paths],
        cwd=ROOT, check=True, capture_output=True, text=True, env=env,
    ).stdout
    return {str(pathlib.Path(row["page"]).resolve()): float(row["parse_bytes_ms"]) for row in json.loads(out)}


def python_parse(data: bytes) -> None:
    try:
        paper_digest.parse(data)
    except paper_digest.NotADigestError:
        pass


def _parse_bench_page(times: int) -> int:
    """`times` parses of the bench page (a process pool's task)."""
    data = BENCH_PAGE.read_bytes()
    for _ in range(times):
        paper_digest.parse(data)
    return times


def pages() -> List[pathlib.Path]:
    found = [BENCH_PAGE]
    for pattern in ["tests/fixtures/sites/*/page.html", "tests/fixtures/html/markup/*.html",
                    "tests/fixtures/html/markup/news/163-1.html",
                    "tests/fixtures/html/markup/news/qq-2.html"]:
        found += [pathlib.Path(p) for p in sorted(glob.glob(str(ROOT / pattern)))]
    return found


def scan_warc_file(megabytes: float, directory: str) -> Tuple[str, int]:
    """A WARC of the fixtures' non-digest HTML with a digest every 50 pages,
    repeated to about `megabytes` MB of HTML; returns its path and record count."""
    from conftest import write_warc

    others = sorted(
        glob.glob(str(ROOT / "tests/fixtures/html/markup/news/*.html"))
        + glob.glob(str(ROOT / "tests/fixtures/html/markup/*.html"))
        + glob.glob(str(ROOT / "tests/fixtures/html/real/*.html"))
        + glob.glob(str(ROOT / "tests/fixtures/not-digests/*.html"))
    )
    bodies = [pathlib.Path(p).read_bytes() for p in others]
    digest = (ROOT / "tests/fixtures/sites/wechat/page.html").read_bytes()
    records: List[Tuple[str, bytes]] = []
    size = 0
    while size < megabytes * 1e6:
        for i, body in enumerate(bodies):
            records.append((f"https://news.example.com/{len(records)}", body))
            size += len(body)
            if len(records) % 50 == 0:
                records.append((f"https://mp.weixin.qq.com/s/{len(records)}", digest))
                size += len(digest)
    path = os.path.join(directory, "bench.warc.gz")
    write_warc(pathlib.Path(path), records)
    return path, len(records)


def main() -> int:
    args = sys.argv[1:]
    runs = 21
    scan_mb = 40.0
    if "--runs" in args:
        runs = int(args[args.index("--runs") + 1])
    if "--scan-mb" in args:
        scan_mb = float(args[args.index("--scan-mb") + 1])
    with_rust = "--no-rust" not in args

    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    def resiliparse_text(data: bytes) -> str:
        tree = HTMLTree.parse_from_bytes(data, detect_encoding(data) or "utf-8")
        return str(extract_plain_text(tree, main_content=True))

    print(f"python {sys.version.split()[0]}, paper_digest {paper_digest.__version__}, "
          f"trafilatura {trafilatura.__version__}, cores {os.cpu_count()}, medians of {runs} runs\n")

    all_pages = pages()
    rust = rust_parse_bytes_ms(all_pages, runs) if with_rust else {}

    # 1. The bench page: Python against Rust, interleaved over rounds (the
    # Rust figure comes from another process; a shared machine's load moves
    # both), each the median of `runs`; the table gives the median round.
    data = BENCH_PAGE.read_bytes()
    rounds: Dict[str, List[float]] = {"rust": [], "native": [], "python": []}
    for _ in range(5 if with_rust else 1):
        if with_rust:
            rounds["rust"].append(rust_parse_bytes_ms([BENCH_PAGE], runs)[str(BENCH_PAGE.resolve())])
        rounds["native"].append(median_ms(runs, lambda: paper_digest._native.parse_json(data)))
        rounds["python"].append(median_ms(runs, lambda: paper_digest.parse(data)))
    r = statistics.median(rounds["rust"]) if rounds["rust"] else None
    native_ms = statistics.median(rounds["native"])
    py_ms = statistics.median(rounds["python"])
    print(f"## {BENCH_PAGE.relative_to(ROOT)} ({len(data)} bytes), median of {len(rounds['python'])} "
          f"interleaved rounds of {runs} runs\n")
    print("| call | median ms | vs Rust | rounds (ms) |")
    print("|---|---:|---:|---|")

    def vs(ms: float) -> str:
        return f"{ms / r:.2f}x" if r else "-"

    def each(name: str) -> str:
        return " ".join(f"{x:.3f}" for x in rounds[name])

    if r:
        print(f"| Rust `parse_bytes` (html_timing --only parse_bytes, release) | {r:.3f} | 1.00x | {each('rust')} |")
    print(f"| `_native.parse_json` (parse + serde_json, GIL released) | {native_ms:.3f} | {vs(native_ms)} | {each('native')} |")
    print(f"| `paper_digest.parse` (+ json.loads + dataclasses) | {py_ms:.3f} | {vs(py_ms)} | {each('python')} |")

    # 2. The peers on the same pages.
    print("\n## paper_digest.parse against trafilatura and resiliparse (ms, medians)\n")
    print("| page | bytes | Rust parse_bytes | paper_digest.parse | trafilatura.extract | resiliparse main_content |")
    print("|---|---:|---:|---:|---:|---:|")
    for page in all_pages:
        body = page.read_bytes()
        pd_ms = median_ms(runs, lambda: python_parse(body))
        tr_ms = median_ms(max(3, runs // 4), lambda: trafilatura.extract(body))
        rp_ms = median_ms(runs, lambda: resiliparse_text(body))
        rr = rust.get(str(page.resolve()))
        print(f"| {page.relative_to(ROOT)} | {len(body)} | {f'{rr:.3f}' if rr is not None else '-'} | "
              f"{pd_ms:.3f} | {tr_ms:.3f} | {rp_ms:.3f} |")

    # Thread-pool scaling on the bench page: wall time, and the process's
    # CPU time over wall time (how many cores the pool kept busy; near 1
    # would mean the GIL was held).
    n = 400
    workers = os.cpu_count() or 1
    print(f"\n## thread pool: {n} parses of the bench page\n")
    print("| threads | wall s | parses/s | speed-up | CPU s / wall s |\n|---:|---:|---:|---:|---:|")
    base = None
    for threads in sorted({1, workers}):
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda _: paper_digest.parse(data), range(threads)))
            t, c = time.perf_counter(), time.process_time()
            list(pool.map(lambda _: paper_digest.parse(data), range(n)))
            wall, cpu = time.perf_counter() - t, time.process_time() - c
        base = base or wall
        print(f"| {threads} | {wall:.3f} | {n / wall:.0f} | {base / wall:.2f}x | {cpu / wall:.2f} |")
    # The ceiling on this machine: the same work in a process pool (no GIL
    # at all); on a shared machine it shows how many cores were free.
    with concurrent.futures.ProcessPoolExecutor(workers) as procs:
        list(procs.map(_parse_bench_page, [1] * workers))
        t = time.perf_counter()
        list(procs.map(_parse_bench_page, [n // workers] * workers))
        wall = time.perf_counter() - t
    assert base is not None
    print(f"| {workers} processes | {wall:.3f} | {n / wall:.0f} | {base / wall:.2f}x | - |")

    # 3. The crawl scan per core.
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from spark_scan import scan_warc

    with tempfile.TemporaryDirectory() as tmp:
        path, n_records = scan_warc_file(scan_mb, tmp)
        warc_mb = os.path.getsize(path) / 1e6

        def scan() -> Tuple[int, int, int]:
            digests = 0
            stats: Tuple[int, int, int] = (0, 0, 0)
            for kind, value in scan_warc(path):
                if kind == "digest":
                    digests += 1
                elif kind == "stats":
                    stats = value
            return stats[0], stats[2], digests

        def plain_loop() -> Tuple[int, int, int]:
            records = size = 0
            for record in ArchiveIterator(path, record_types=WarcRecordType.response, parse_http=True):
                records += 1
                if "html" not in (record.http_content_type or ""):
                    continue
                body = record.reader.read()
                size += len(body)
                resiliparse_text(body)
            return records, size, 0

        def read_only() -> Tuple[int, int, int]:
            records = size = 0
            for record in ArchiveIterator(path, record_types=WarcRecordType.response, parse_http=True):
                records += 1
                size += len(record.reader.read())
            return records, size, 0

        print(f"\n## crawl scan, one process: {n_records} HTML records, {warc_mb:.1f} MB gzipped WARC\n")
        print("| loop | s | records/s | MB/s (HTML) | digests |\n|---|---:|---:|---:|---:|")
        for name, f in [("fastwarc read only", read_only),
                        ("spark_scan.scan_warc (fastwarc + paper_digest.scan)", scan),
                        ("fastwarc + resiliparse extract_plain_text(main_content=True)", plain_loop)]:
            best = None
            for _ in range(3):
                t = time.perf_counter()
                records, size, digests = f()
                elapsed = time.perf_counter() - t
                best = elapsed if best is None else min(best, elapsed)
            assert best is not None
            print(f"| {name} | {best:.2f} | {records / best:.0f} | {size / 1e6 / best:.1f} | {digests} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
