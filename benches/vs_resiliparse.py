#!/usr/bin/env python3
"""paper-digest's parse_bytes against resiliparse, the fastest Python peer,
on every HTML fixture and the bench page.

resiliparse (lexbor underneath) returns only the article's text, where
paper-digest returns the typed digest. For each page this prints medians of
N runs, after a warm-up run, of

* resiliparse's extraction from the bytes: `detect_encoding`, then
  `HTMLTree.parse_from_bytes`, then `extract_plain_text(main_content=True)`;
* resiliparse's bare parse: `HTMLTree.parse_from_bytes` alone;
* paper-digest's `parse_bytes`, timed in Rust by the release example
  `examples/html_timing.rs` (`--json`) on the same files, same N.

The script makes its own virtual environment (target/venv-resiliparse,
resiliparse pinned) on first use, so that on a fresh machine

    python3 benches/vs_resiliparse.py [--runs N] [PAGE.html ...]

is all it takes (Python 3.8+, cargo, and pip access to PyPI).
"""
import glob
import os
import statistics
import sys
import time

from peers import ROOT, parse_bytes, use_venv

PEERS = ["resiliparse==2.0.1"]
PEER = PEERS[0]


def pages():
    """Every HTML fixture (site, unknown-site, real and markup pages) and
    the bench page, relative to the repository root."""
    found = []
    for pattern in [
        "tests/fixtures/sites/*/page*.html",
        "tests/fixtures/unknown-sites/*/page.html",
        "tests/fixtures/html/real/*.html",
        "tests/fixtures/html/markup/*.html",
        "benches/data/wechat-digest.html",
    ]:
        found += sorted(glob.glob(os.path.join(ROOT, pattern)))
    return [os.path.relpath(p, ROOT) for p in found]


def median_ms(runs, f):
    f()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main():
    use_venv("venv-resiliparse", PEERS, __file__)
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    args = sys.argv[1:]
    runs = 51
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    paths = args or pages()
    rust = parse_bytes(paths, runs)

    def extract(data):
        tree = HTMLTree.parse_from_bytes(data, detect_encoding(data))
        return extract_plain_text(tree, main_content=True)

    print(
        f"medians of {runs} runs; resiliparse {PEER.split('==')[1]}; paper-digest parse_bytes "
        "via examples/html_timing (release)\n"
    )
    head = f"{'page':52} {'KB':>6} {'parse_bytes':>11} {'rp extract':>10} {'ratio':>6} {'rp parse':>9} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    faster = 0
    for path in paths:
        with open(os.path.join(ROOT, path), "rb") as f:
            data = f.read()
        row = rust[path]
        a = row["parse_bytes_ms"]
        ex = median_ms(runs, lambda: extract(data))
        bare = median_ms(runs, lambda: HTMLTree.parse_from_bytes(data, detect_encoding(data)))
        faster += a < ex
        note = "" if row["digest"] else "  (not a digest: turned away)"
        print(
            f"{path:52} {len(data) / 1e3:6.0f} {a:9.3f}ms {ex:8.3f}ms {a / ex:5.2f}x {bare:7.3f}ms {a / bare:5.2f}x{note}"
        )
    print(
        f"\nratio = parse_bytes / resiliparse (below 1: paper-digest is faster). "
        f"parse_bytes is faster than the extraction on {faster} of {len(paths)} pages."
    )


main()
