#!/usr/bin/env python3
"""Per-page time of Python trafilatura.extract vs paper-digest on the same HTML.

trafilatura is what a user would otherwise reach for; it returns only the
article text, where paper-digest returns the typed digest. The script times
trafilatura itself (median of N runs after a warm-up) and paper-digest's
`parse_bytes` with the release example `examples/html_timing.rs` on the same
file and the same N. It makes its own virtual environment
(target/venv-trafilatura, trafilatura pinned) on first use, so that on a
fresh machine

    python3 benches/vs_trafilatura.py [PAGE] [RUNS]

is all it takes (Python 3.8+, cargo, and pip access to PyPI).
"""
import os
import statistics
import sys
import time

from peers import ROOT, parse_bytes, use_venv

# trafilatura and the lxml cleaner it imports (split out of lxml 5.2).
PEERS = ["trafilatura==2.3.1", "lxml_html_clean==0.4.6"]
PEER = PEERS[0]


def main():
    use_venv("venv-trafilatura", PEERS, __file__)
    import trafilatura

    page = sys.argv[1] if len(sys.argv) > 1 else "benches/data/wechat-digest.html"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    html = open(os.path.join(ROOT, page), encoding="utf-8").read()
    trafilatura.extract(html)  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        trafilatura.extract(html)
        times.append(time.perf_counter() - t)
    tra = statistics.median(times)
    print(f"{PEER}: extract median {tra * 1e3:.2f} ms over {runs} runs on {page} ({len(html.encode()) / 1e6:.2f} MB)")
    ours = parse_bytes([page], runs)[page]["parse_bytes_ms"] / 1e3
    print(f"paper-digest parse_bytes: median {ours * 1e3:.2f} ms (examples/html_timing, release)")
    print(f"speed-up: {tra / ours:.1f}x (target >= 20x)")


main()
