"""Scan WARC files for "7 Papers & Radios" digests with warcio, into an Archive.

    python examples/warc_warcio.py CC-MAIN-….warc.gz [MORE.warc.gz …]

Every HTML `response` record is added to a `paper_digest.Archive` (pages that
are not digests are skipped); the copies of one issue found in several
records merge into one issue. Prints the dataset's JSON (issues and paper
index), as `paper-digest archive` does.
"""

from __future__ import annotations

import sys
from typing import Iterator, List, Optional, Tuple

from warcio.archiveiterator import ArchiveIterator

import paper_digest


def html_records(path: str) -> Iterator[Tuple[str, str, bytes]]:
    """(URL, WARC-Record-ID, HTTP body) of every HTML response record of a WARC file."""
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
            yield url, record_id, record.content_stream().read()


def archive_of(paths: List[str]) -> paper_digest.Archive:
    """Every digest of the WARC files in one archive, each with its origin."""
    archive = paper_digest.Archive()
    for path in paths:
        for url, record_id, body in html_records(path):
            for digest in paper_digest.scan(body):
                archive.add(digest, path=path, url=url, record=record_id)
    return archive


def main(argv: Optional[List[str]] = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print(archive_of(paths).build().to_json(indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
