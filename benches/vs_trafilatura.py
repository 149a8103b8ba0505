#!/usr/bin/env python3
"""Per-page time of Python trafilatura.extract vs paper-digest on the same HTML.

trafilatura is what a user would otherwise reach for; it returns only the
article text, where paper-digest returns the typed digest. Run `cargo bench
--bench parse -- html` first; this script reads paper-digest's median from
criterion's results and times trafilatura itself (median of N runs).

    pip install trafilatura
    python3 benches/vs_trafilatura.py [PAGE] [RUNS]
"""
import json
import os
import statistics
import sys
import time

page = sys.argv[1] if len(sys.argv) > 1 else "benches/data/wechat-digest.html"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30

try:
    import trafilatura
except ImportError:
    sys.exit("trafilatura is not installed: pip install trafilatura")

html = open(page, encoding="utf-8").read()
trafilatura.extract(html)  # warm-up: imports, caches
times = []
for _ in range(runs):
    t = time.perf_counter()
    trafilatura.extract(html)
    times.append(time.perf_counter() - t)
ours_file = os.path.join("target", "criterion", "html", "parse_bytes", "new", "estimates.json")
tra = statistics.median(times)
print(f"trafilatura.extract: median {tra * 1e3:.2f} ms over {runs} runs on {page} ({len(html.encode()) / 1e6:.2f} MB)")
if os.path.exists(ours_file):
    with open(ours_file) as f:
        ours = json.load(f)["median"]["point_estimate"] / 1e9
    print(f"paper-digest parse_bytes: median {ours * 1e3:.2f} ms (criterion)")
    print(f"speed-up: {tra / ours:.1f}x (target >= 20x)")
else:
    print("no criterion result for html/parse_bytes: run `cargo bench --bench parse -- html` first")
