#!/usr/bin/env python3
"""Print the medians, MB/s and target ratios of the last `cargo bench` run.

Reads criterion's `target/criterion/**/new/{estimates,benchmark}.json`.
Usage: python3 benches/ratios.py [TARGET_DIR]
"""
import json
import os
import sys

root = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "target", "criterion")


def load():
    found = {}
    for dirpath, _dirs, files in os.walk(root):
        if os.path.basename(dirpath) != "new" or "estimates.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            bench = json.load(f)
        with open(os.path.join(dirpath, "estimates.json")) as f:
            est = json.load(f)
        tp = bench.get("throughput") or {}
        found[bench["full_id"]] = (est["median"]["point_estimate"], tp.get("Bytes"))
    return found


def main():
    b = load()
    if not b:
        sys.exit(f"no criterion results under {root}; run `cargo bench` first")
    print(f"{'benchmark':42} {'median':>12} {'MB/s':>9}")
    for name, (ns, nbytes) in sorted(b.items()):
        mbs = f"{nbytes / ns * 1e3:9.1f}" if nbytes else " " * 9
        print(f"{name:42} {ns / 1e3:10.1f}us {mbs}")

    def ratio(a, base, target, label):
        if a in b and base in b:
            r = b[a][0] / b[base][0]
            verdict = "meets" if r <= target else "MISSES"
            print(f"{label}: {r:.2f}x (target <= {target}x) {verdict}")

    print()
    ratio("text/parse", "text/pulldown_cmark_scan", 3.3, "text parse / pulldown-cmark scan")
    ratio("html/parse_bytes", "html/scraper_parse_document", 0.5, "html parse_bytes / scraper parse_document")
    ratio("news/parse_bytes", "news/scraper_parse_document", 0.05, "news parse_bytes / scraper parse_document")
    # Every HTML fixture and the bench page, each against its own bare parse.
    pages = sorted({k.split("/")[1] for k in b if k.startswith("pages/")})
    for page in pages:
        ratio(f"pages/{page}/parse_bytes", f"pages/{page}/scraper_parse_document", 0.5, f"pages/{page}")
    per_byte = {k: v[0] / v[1] for k, v in b.items() if k.startswith("scale/text/") and v[1]}
    if per_byte:
        lo = per_byte.get("scale/text/1x")
        for k in sorted(per_byte, key=lambda k: int(k.rsplit("/", 1)[1][:-1])):
            print(f"{k}: {per_byte[k] * 1e3:.2f} ps/byte" + (f" ({per_byte[k] / lo:.2f}x of 1x)" if lo else ""))
    # The archive's cost per page next to the parse's (benches/archive.rs).
    for group in sorted({k.rsplit("/", 1)[0] for k in b if k.startswith("archive/")}):
        parse, archive = b.get(f"{group}/parse"), b.get(f"{group}/archive")
        if parse and archive:
            print(f"{group}: archive / parse {archive[0] / parse[0]:.2f}x")


main()
