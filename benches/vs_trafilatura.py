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
import json
import os
import statistics
import subprocess
import sys
import time

# trafilatura and the lxml cleaner it imports (split out of lxml 5.2).
PEERS = ["trafilatura==2.3.1", "lxml_html_clean==0.4.6"]
PEER = PEERS[0]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "venv-trafilatura")


def in_venv():
    """Re-runs this script under the venv's Python, creating it first."""
    python = os.path.join(VENV, "bin", "python3")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    stamp = os.path.join(VENV, "pinned.txt")
    if not os.path.exists(python):
        print(f"creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    if not os.path.exists(stamp) or open(stamp).read().split() != PEERS:
        print(f"installing {' '.join(PEERS)} into {VENV}", file=sys.stderr)
        subprocess.run([python, "-m", "pip", "install", "-q"] + PEERS, check=True)
        with open(stamp, "w") as f:
            f.write("\n".join(PEERS))
    os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])


def main():
    in_venv()
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
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "html_timing", "--", "--json", "--runs", str(runs), page],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ours = json.loads(out)[0]["parse_bytes_ms"] / 1e3
    print(f"paper-digest parse_bytes: median {ours * 1e3:.2f} ms (examples/html_timing, release)")
    print(f"speed-up: {tra / ours:.1f}x (target >= 20x)")


main()
