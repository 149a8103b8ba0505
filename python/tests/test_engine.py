"""The Spark job in local mode with two workers, on two WARC files built from
the fixtures: four copies of the seed digest among the thirty news pages.
Marked `engine` (a JVM, ~20 s): .ci/python-engine runs it."""

from __future__ import annotations

import pathlib
import shutil
import sys
from typing import Any, Iterator

import pytest

import paper_digest
from conftest import DIGEST_PAGES, NEWS, SEED_TXT, warc_records, write_warc

pytestmark = pytest.mark.engine

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None and not __import__("os").environ.get("JAVA_HOME"):
        pytest.fail("the Spark job needs a JVM: apt-get install -y default-jre-headless")
    import spark_scan

    session = spark_scan.session("local[2]", "paper-digest test")
    yield session
    session.stop()


def test_spark_scan(spark: Any, tmp_path: pathlib.Path) -> None:
    import pandas as pd
    import spark_scan

    records = warc_records()
    half = len(records) // 2
    first, second = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    write_warc(first, records[:half])
    write_warc(second, records[half:])
    out = tmp_path / "out"
    totals = spark_scan.run(spark, [str(first), str(second)], str(out))

    seed = paper_digest.parse(SEED_TXT.read_bytes())
    per_digest = len(seed.papers) + sum(len(r.entries) for r in seed.radio)
    assert totals["warc_files"] == 2
    assert totals["html_records"] == len(NEWS) + len(DIGEST_PAGES)
    assert totals["records"] == totals["html_records"] + 2  # the PNG response in each file
    assert totals["digests"] == len(DIGEST_PAGES)
    assert totals["papers"] == len(DIGEST_PAGES) * per_digest

    digests = pd.read_parquet(out / "digests").sort_values("url")
    assert sorted(digests["url"]) == sorted(f"https://{n}.example.com/7-papers" for n in DIGEST_PAGES)
    assert set(digests["date"]) == {"2022-04-10"}
    assert set(digests["papers"]) == {7}
    assert set(digests["warc"]) == {str(first), str(second)}
    assert digests["series_confirmed"].all()
    for text in digests["digest_json"]:
        digest = paper_digest.Digest.from_json(text)
        assert [p.title for p in digest.papers] == [p.title for p in seed.papers]

    papers = pd.read_parquet(out / "papers")
    assert len(papers) == len(DIGEST_PAGES) * per_digest
    featured = papers[papers["section"] == "featured"]
    assert len(featured) == len(DIGEST_PAGES) * 7
    assert (featured[featured["number"] == 1]["arxiv_id"] == "2203.15556").all()
    assert set(papers["section"]) >= {"featured"}


def test_spark_scan_script_with_a_list(tmp_path: pathlib.Path) -> None:
    """The job as a script (`--list` of paths), its own session, as spark-submit runs it."""
    import os
    import subprocess

    warc = tmp_path / "c.warc.gz"
    write_warc(warc, warc_records())
    listing = tmp_path / "warc.paths"
    listing.write_text(f"{warc}\n\n", encoding="utf-8")
    env = {**os.environ, "SPARK_MASTER": "local[2]"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "spark_scan.py"), str(tmp_path / "out"), "--list", str(listing)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    totals = dict(kv.split("=") for kv in done.stdout.split())
    assert totals["digests"] == str(len(DIGEST_PAGES))
    assert totals["html_records"] == str(len(NEWS) + len(DIGEST_PAGES))
