"""What benches/vs_trafilatura.py and benches/vs_resiliparse.py share: a
virtual environment of the peer's own under target/, and paper-digest's
parse_bytes timed in Rust by the release example examples/html_timing.rs."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def use_venv(name, peers, script):
    """Re-runs `script` under the Python of target/<name>, creating the
    environment and installing the pinned `peers` first when needed."""
    venv = os.path.join(ROOT, "target", name)
    python = os.path.join(venv, "bin", "python3")
    if os.path.realpath(sys.prefix) == os.path.realpath(venv):
        return
    stamp = os.path.join(venv, "pinned.txt")
    if not os.path.exists(python):
        print(f"creating {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if not os.path.exists(stamp) or open(stamp).read().split() != peers:
        print(f"installing {' '.join(peers)} into {venv}", file=sys.stderr)
        subprocess.run([python, "-m", "pip", "install", "-q"] + peers, check=True)
        with open(stamp, "w") as f:
            f.write("\n".join(peers))
    os.execv(python, [python, os.path.abspath(script)] + sys.argv[1:])


def parse_bytes(paths, runs):
    """paper-digest's parse_bytes on each page (paths relative to the
    repository root): {path: {bytes, digest, parse_bytes_ms, scraper_ms}}."""
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "html_timing", "--", "--json", "--runs", str(runs)]
        + paths,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {row["page"]: row for row in json.loads(out)}
