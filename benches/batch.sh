#!/usr/bin/env bash
# Pages per second per core on a mixed folder of 1,000 pages, 90 % not
# digests (issue 12, part 5), through the command line of a release build:
#
#   bash benches/batch.sh [RUNS]
#
# The folder is built from files in the repository: 900 pages that are not
# digests (the 30 real news pages and the 2 other saved pages of
# tests/fixtures/html/markup/, the 10 near misses of
# tests/fixtures/not-digests/), 100 digests (the site fixtures, HTML in UTF-8
# and GBK, the text and Markdown fixtures, the bench's WeChat page), each
# list cycled. `paper-digest --format jsonl --jobs 1` and `--jobs 2` run over
# it RUNS times (default 7), timed by the shell (wall and CPU time); the
# median wall time gives pages per second, and per core, and the median CPU
# time (user + system) pages per CPU-second, which holds when other work
# shares the cores. With hyperfine installed, it also runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
target=${CARGO_TARGET_DIR:-target}
dir="$target/batch-folder"
rm -rf "$dir"
mkdir -p "$dir"

mapfile -t others < <(ls tests/fixtures/html/markup/news/*.html tests/fixtures/html/markup/*.html \
  tests/fixtures/not-digests/*.{txt,md,html} | grep -v README | sort)
mapfile -t digests < <(ls tests/fixtures/sites/*/page*.html tests/fixtures/*.txt \
  tests/fixtures/markdown/*.md benches/data/wechat-digest.html | sort)
copy() { # NUMBER FILE
  cp "$2" "$dir/$(printf %04d "$1")-${2//\//_}"
}
n=0
for i in $(seq 0 899); do copy $((n++)) "${others[i % ${#others[@]}]}"; done
for i in $(seq 0 99); do copy $((n++)) "${digests[i % ${#digests[@]}]}"; done
bytes=$(du -sb "$dir" | cut -f1)
echo "folder: $n pages, $bytes bytes (${#others[@]} distinct pages that are not digests, ${#digests[@]} distinct digests)"

cargo build --release --quiet --features cli --bin paper-digest
bin="$target/release/paper-digest"
# Every digest parses, every other page is turned away: check once.
ok=$("$bin" --format jsonl --jobs 2 "$dir" 2>/dev/null | grep -c '"papers"' || true)
echo "digests written: $ok of 100 (the other pages get a JSON line with their error)"

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
TIMEFORMAT='%R %U %S'
for jobs in 1 2; do
  "$bin" --format jsonl --jobs "$jobs" "$dir" >/dev/null 2>&1 || true # warm-up
  times=$(for _ in $(seq "$runs"); do
    { time "$bin" --format jsonl --jobs "$jobs" "$dir" >/dev/null 2>&1 || true; } 2>&1
  done)
  wall=$(awk '{print $1}' <<<"$times" | median)
  cpu=$(awk '{print $2 + $3}' <<<"$times" | median)
  awk -v s="$wall" -v c="$cpu" -v j="$jobs" -v n="$n" -v b="$bytes" 'BEGIN {
    printf "--jobs %d: median %.3f s wall, %.0f pages/s, %.0f pages/s per core, %.0f MB/s; median %.3f s of CPU, %.0f pages per CPU-second\n",
      j, s, n / s, n / s / j, b / s / 1e6, c, n / c }'
done
if command -v hyperfine >/dev/null; then
  for jobs in 1 2; do
    hyperfine --warmup 1 --runs "$runs" "$bin --format jsonl --jobs $jobs $dir > /dev/null 2>&1 || true"
  done
fi
