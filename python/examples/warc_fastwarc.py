"""Scan WARC files for "7 Papers & Radios" digests with fastwarc.

    python examples/warc_fastwarc.py CC-MAIN-….warc.gz [MORE.warc.gz …]

Prints one JSON line per digest found: the record's URL and id, the issue's
date and title, and how many papers it holds. Every HTML `response` record
goes to `paper_digest.scan`, whose pre-check turns almost every page of a
crawl away before it is read.
"""

from __future__ import annotations

import json
import sys
from typing import Iterator, List, Optional, Tuple

from fastwarc.warc import ArchiveIterator, WarcRecordType

import paper_digest


def html_records(path: str) -> Iterator[Tuple[str, str, bytes]]:
    """(URL, WARC-Record-ID, HTTP body) of every HTML response record of a WARC file."""
    for record in ArchiveIterator(path, record_types=WarcRecordType.response, parse_http=True):
        content_type = record.http_content_type or ""
        if "html" not in content_type.lower():
            continue
        url = record.headers.get("WARC-Target-URI") or ""
        yield url, record.record_id or "", record.reader.read()


def digests(path: str) -> Iterator[Tuple[str, str, paper_digest.Digest]]:
    """(URL, record id, digest) of every digest in a WARC file, in record order."""
    for url, record_id, body in html_records(path):
        for digest in paper_digest.scan(body):
            yield url, record_id, digest


def main(argv: Optional[List[str]] = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for path in paths:
        for url, record_id, digest in digests(path):
            line = {
                "warc": path,
                "url": url,
                "record": record_id,
                "date": digest.issue.date,
                "title": digest.issue.title,
                "papers": len(digest.papers),
                "radio_entries": sum(len(r.entries) for r in digest.radio),
            }
            print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
