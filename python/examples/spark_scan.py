"""A crawl-scale scan on PySpark: every HTML record of a list of WARC files
through the crate, the digests and a paper table written as Parquet.

    python examples/spark_scan.py OUT_DIR CC-MAIN-….warc.gz [MORE …]
    python examples/spark_scan.py OUT_DIR --list warc.paths      # one path or URL a line

Writes `OUT_DIR/digests/` (one row per digest: where it was found, the
issue's date and title, counts, warning codes, the full digest JSON) and
`OUT_DIR/papers/` (one row per paper, featured and radio, as
`Digest.paper_rows()`), and prints the totals (records, bytes, digests,
papers). One task per WARC file, as Common Crawl jobs split; fastwarc reads
the file (local paths, or any URL fsspec opens, such as s3:// with s3fs) and
`paper_digest.scan` turns almost every page away in its pre-check, with the
GIL released.

The master comes from `spark-submit --master …` or `SPARK_MASTER`
(default `local[2]`). On a cluster, every executor needs this package: ship
a packed virtual environment (`venv-pack -o env.tar.gz`, then
`spark-submit --archives env.tar.gz#env --conf
spark.pyspark.python=./env/bin/python examples/spark_scan.py s3://bucket/out
--list warc.paths`), or install the wheel (`pip wheel ./python`) on the
executors' images.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Tuple

import paper_digest

#: The digest table's columns, as a Spark DDL schema.
DIGESTS_SCHEMA = (
    "warc string, url string, record string, part int, date string, title string, "
    "series string, papers int, radio_entries int, warning_codes array<string>, "
    "series_confirmed boolean, digest_json string"
)
#: The paper table's columns.
PAPERS_SCHEMA = (
    "warc string, url string, record string, part int, date string, issue_title string, "
    "section string, number int, title string, authors array<string>, et_al boolean, "
    "arxiv_id string, abstract string, code_url string, figures int"
)

Found = Tuple[str, Any]


def scan_warc(path: str) -> Iterator[Found]:
    """What one WARC file gives: `("digest", row)`, `("paper", row)` and one
    closing `("stats", (records, html_records, bytes))`."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = html = size = 0
    for record in ArchiveIterator(path, record_types=WarcRecordType.response, parse_http=True):
        records += 1
        content_type = record.http_content_type or ""
        if "html" not in content_type.lower():
            continue
        body = record.reader.read()
        html += 1
        size += len(body)
        digests = paper_digest.scan(body)
        if not digests:
            continue
        url = record.headers.get("WARC-Target-URI") or ""
        record_id = record.record_id or ""
        for part, digest in enumerate(digests, 1):
            where = {"warc": path, "url": url, "record": record_id, "part": part}
            codes = [str(c) for c in digest.warning_codes]
            yield "digest", {
                **where,
                "date": digest.issue.date,
                "title": digest.issue.title,
                "series": digest.issue.series,
                "papers": len(digest.papers),
                "radio_entries": sum(len(r.entries) for r in digest.radio),
                "warning_codes": codes,
                "series_confirmed": "series_unconfirmed" not in codes,
                "digest_json": digest.to_json(),
            }
            for row in digest.paper_rows():
                yield "paper", {**where, **{k: row[k] for k in row if k != "date"}, "date": row["date"]}
    yield "stats", (records, html, size)


def run(spark: Any, paths: List[str], out_dir: str) -> Dict[str, int]:
    """Scans `paths` on `spark`, writes `out_dir/digests` and `out_dir/papers`
    as Parquet, returns the totals."""
    from pyspark import StorageLevel

    # The workers import this module by name (functions of an imported
    # module are pickled by reference): ship it with the job.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    found = spark.sparkContext.parallelize(paths, max(1, len(paths))).flatMap(scan_warc)
    found.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        digests = spark.createDataFrame(
            found.filter(lambda f: f[0] == "digest").map(lambda f: _row(f[1], DIGESTS_SCHEMA)),
            DIGESTS_SCHEMA,
        )
        papers = spark.createDataFrame(
            found.filter(lambda f: f[0] == "paper").map(lambda f: _row(f[1], PAPERS_SCHEMA)),
            PAPERS_SCHEMA,
        )
        digests.write.mode("overwrite").parquet(os.path.join(out_dir, "digests"))
        papers.write.mode("overwrite").parquet(os.path.join(out_dir, "papers"))
        stats = found.filter(lambda f: f[0] == "stats").map(lambda f: f[1]).collect()
        return {
            "warc_files": len(paths),
            "records": sum(s[0] for s in stats),
            "html_records": sum(s[1] for s in stats),
            "bytes": sum(s[2] for s in stats),
            "digests": spark.read.parquet(os.path.join(out_dir, "digests")).count(),
            "papers": spark.read.parquet(os.path.join(out_dir, "papers")).count(),
        }
    finally:
        found.unpersist()


def _row(values: Dict[str, Any], schema: str) -> Tuple[Any, ...]:
    """The values in the schema's column order."""
    return tuple(values[column.split()[0]] for column in schema.split(", "))


def session(master: Optional[str] = None, app: str = "paper-digest scan") -> Any:
    """A Spark session (the master from spark-submit, `SPARK_MASTER`, or `local[2]`);
    the workers run this interpreter, so they import the same `paper_digest`."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    master = master or os.environ.get("SPARK_MASTER")
    if master or "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
        builder = builder.master(master or "local[2]")
    return builder.config("spark.ui.enabled", "false").getOrCreate()


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_dir, rest = args[0], args[1:]
    if rest[0] == "--list":
        with open(rest[1], encoding="utf-8") as listing:
            paths = [line.strip() for line in listing if line.strip()]
    else:
        paths = rest
    spark = session()
    try:
        totals = run(spark, paths, out_dir)
    finally:
        spark.stop()
    print(" ".join(f"{k}={v}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
