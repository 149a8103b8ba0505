"""Shared fixtures: the repository's test fixtures, and a small WARC built from them."""

from __future__ import annotations

import io
import json
import pathlib
from typing import Iterator, List, Tuple

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_TXT = FIXTURES / "seed-2022-04-10.txt"
SEED_JSON = FIXTURES / "seed-2022-04-10.json"
SITES = sorted(p for p in (FIXTURES / "sites").iterdir() if (p / "page.html").is_file())
UNKNOWN_SITES = sorted(
    p for p in (FIXTURES / "unknown-sites").iterdir() if (p / "page.html").is_file()
)
NOT_DIGESTS = sorted(
    p for p in (FIXTURES / "not-digests").iterdir() if p.is_file() and p.name != "README.md"
)
NEWS = sorted(
    p
    for p in (FIXTURES / "html" / "markup" / "news").iterdir()
    if p.is_file() and p.name != "README.md"
)

#: The digest pages the test WARC holds: (URL, page bytes).
DIGEST_PAGES = ["wechat", "jiqizhixin", "163", "thepaper"]


def expect(site: pathlib.Path) -> Tuple[str, List[str]]:
    """The date (from the whole digest, expect.json) and the furniture
    phrases (expect.txt) of a site fixture."""
    date = str(json.loads((site / "expect.json").read_text(encoding="utf-8"))["issue"]["date"])
    furniture: List[str] = []
    for line in (site / "expect.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("furniture:"):
            furniture.append(line.split(":", 1)[1].strip())
    return date, furniture


def warc_records() -> List[Tuple[str, bytes]]:
    """What the test WARC holds, in order: four site copies of the seed
    digest among the thirty news pages (URL, HTML bytes)."""
    records: List[Tuple[str, bytes]] = []
    digests = {name: (FIXTURES / "sites" / name / "page.html").read_bytes() for name in DIGEST_PAGES}
    news = [(f"https://news.example.com/{p.stem}", p.read_bytes()) for p in NEWS]
    for i, (url, body) in enumerate(news):
        records.append((url, body))
        if i % 8 == 3 and digests:
            name = sorted(digests)[0]
            records.append((f"https://{name}.example.com/7-papers", digests.pop(name)))
    for name, body in sorted(digests.items()):
        records.append((f"https://{name}.example.com/7-papers", body))
    return records


def write_warc(path: pathlib.Path, records: List[Tuple[str, bytes]], gzip: bool = True) -> None:
    """A WARC of `response` records (HTTP headers + body), with warcio's writer,
    plus one `request` and one non-HTML response that a scan must skip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        warcinfo = writer.create_warcinfo_record(path.name, {"software": "paper-digest tests"})
        writer.write_record(warcinfo)
        for url, body in records:
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://img.example.com/1.png",
                "response",
                payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)),
                http_headers=png,
            )
        )


@pytest.fixture(scope="session")
def warc_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    path = tmp_path_factory.mktemp("warc") / "sample.warc.gz"
    write_warc(path, warc_records())
    yield path
