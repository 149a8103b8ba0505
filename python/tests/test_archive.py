"""The archive from Python: the module documentation's example of src/archive/mod.rs."""

from __future__ import annotations

import json

import pytest

import paper_digest
from conftest import FIXTURES, SEED_TXT


def test_seed_and_wechat_are_one_issue() -> None:
    archive = paper_digest.Archive()
    assert len(archive) == 0
    assert archive.add_page(SEED_TXT.read_bytes(), path="seed.txt") == 1
    wechat = (FIXTURES / "sites" / "wechat" / "page.html").read_bytes()
    assert archive.add_page(wechat, url="https://mp.weixin.qq.com/s/x") == 1
    assert len(archive) == 2
    dataset = archive.build()
    assert len(dataset.issues) == 1
    issue = dataset.issues[0]
    assert issue.issue.date == "2022-04-10"
    assert len(issue.copies) == 2
    source = issue.fields["issue.date"]
    assert issue.copies[source[0]].origin == paper_digest.Origin(url="https://mp.weixin.qq.com/s/x")
    assert dataset.summary.papers == len(dataset.papers)
    assert dataset.summary.copies == 2
    # The paper index: arXiv ids identify papers.
    ids = [p.id for p in dataset.papers]
    assert "arxiv:2203.15556" in ids
    chinchilla = next(p for p in dataset.papers if p.arxiv_id == "2203.15556")
    assert chinchilla.appearances[0].role == "featured"
    assert archive.issues == dataset.issues
    assert archive.papers == dataset.papers
    assert json.loads(dataset.to_json())["summary"]["issues"] == 1
    assert repr(archive) == "Archive(copies=2)"


def test_add_parsed_digest_and_refusals() -> None:
    archive = paper_digest.Archive()
    digest = paper_digest.parse(SEED_TXT.read_bytes())
    archive.add(digest, path="a.txt")
    archive.add(paper_digest.Digest.from_json(digest.to_json()), path="b.txt")
    with pytest.raises(paper_digest.NotADigestError):
        archive.add_page(b"no digest here", path="c.txt")
    assert len(archive) == 2
    dataset = archive.build()
    assert len(dataset.issues) == 1
    assert [c.origin.path for c in dataset.issues[0].copies] == ["a.txt", "b.txt"]
    with pytest.raises(paper_digest.TooLargeError):
        paper_digest.Archive(max_bytes=10).add_page(SEED_TXT.read_bytes())


def test_dataset_dict_roundtrip() -> None:
    archive = paper_digest.Archive()
    for site in ("wechat", "163", "sina"):
        archive.add_page((FIXTURES / "sites" / site / "page.html").read_bytes(), path=site)
    dataset = archive.build()
    assert paper_digest.Dataset.from_dict(dataset.to_dict()) == dataset
    assert dataset.to_dict() == json.loads(archive._native.build_json())
