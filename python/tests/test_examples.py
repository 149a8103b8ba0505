"""The examples, run on a WARC the tests build from the fixtures with warcio's writer."""

from __future__ import annotations

import importlib
import json
import pathlib
import sys
from types import ModuleType

import pytest

import paper_digest
from conftest import DIGEST_PAGES, NEWS, SEED_TXT, warc_records, write_warc

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))

SEED = paper_digest.parse(SEED_TXT.read_bytes())
PAPERS_PER_DIGEST = len(SEED.papers) + sum(len(r.entries) for r in SEED.radio)


def example(name: str) -> ModuleType:
    return importlib.import_module(name)


def test_the_warc_holds_what_the_tests_expect(warc_file: pathlib.Path) -> None:
    records = warc_records()
    assert len(records) == len(NEWS) + len(DIGEST_PAGES)


def test_fastwarc_example(warc_file: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = example("warc_fastwarc")
    # Every HTML record, none of the request, warcinfo or PNG records.
    assert sum(1 for _ in mod.html_records(str(warc_file))) == len(NEWS) + len(DIGEST_PAGES)
    assert mod.main([str(warc_file)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(line["url"] for line in lines) == sorted(
        f"https://{name}.example.com/7-papers" for name in DIGEST_PAGES
    )
    assert {line["date"] for line in lines} == {"2022-04-10"}
    assert {line["papers"] for line in lines} == {7}
    assert all(line["record"].startswith("<urn:uuid:") for line in lines)


def test_fastwarc_reads_an_uncompressed_warc(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "plain.warc"
    write_warc(path, warc_records()[:12], gzip=False)
    mod = example("warc_fastwarc")
    found = list(mod.digests(str(path)))
    assert [url for url, _, _ in found] == [u for u, _ in warc_records()[:12] if "7-papers" in u]


def test_warcio_example(warc_file: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = example("warc_warcio")
    assert sum(1 for _ in mod.html_records(str(warc_file))) == len(NEWS) + len(DIGEST_PAGES)
    archive = mod.archive_of([str(warc_file)])
    assert len(archive) == len(DIGEST_PAGES)
    dataset = archive.build()
    # Four copies of one issue: one issue, each copy naming its record.
    assert len(dataset.issues) == 1
    assert len(dataset.issues[0].copies) == len(DIGEST_PAGES)
    assert all(c.origin.record for c in dataset.issues[0].copies)
    assert mod.main([str(warc_file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["copies"] == len(DIGEST_PAGES)


def test_parquet_example(warc_file: pathlib.Path, tmp_path: pathlib.Path) -> None:
    import pandas as pd

    mod = example("papers_parquet")
    out = tmp_path / "papers.parquet"
    wechat = str(SEED_TXT.parents[0] / "sites" / "wechat" / "page.html")
    assert mod.main([str(out), str(warc_file), str(SEED_TXT), wechat]) == 0
    frame = pd.read_parquet(out)
    assert len(frame) == (len(DIGEST_PAGES) + 2) * PAPERS_PER_DIGEST
    assert frame["origin"].nunique() == len(DIGEST_PAGES) + 2
    featured = frame[frame["section"] == "featured"]
    assert len(featured) == (len(DIGEST_PAGES) + 2) * 7
    assert set(featured["arxiv_id"].dropna()) >= {"2203.15556"}
    assert list(frame.columns[:3]) == ["origin", "date", "issue_title"]
    first = featured.iloc[0]
    assert list(first["authors"]) == SEED.papers[0].authors


@pytest.mark.parametrize("script", ["warc_fastwarc.py", "warc_warcio.py"])
def test_examples_run_as_scripts(script: str, warc_file: pathlib.Path) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), str(warc_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2022-04-10" in done.stdout
    usage = subprocess.run([sys.executable, str(EXAMPLES / script)], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "python examples/" in usage.stderr


def test_parquet_example_as_script(warc_file: pathlib.Path, tmp_path: pathlib.Path) -> None:
    import subprocess

    out = tmp_path / "p.parquet"
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "papers_parquet.py"), str(out), str(warc_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
