"""A pandas frame of every paper in saved pages or WARC files, saved as Parquet.

    python examples/papers_parquet.py OUT.parquet PAGE.html SEED.txt CRAWL.warc.gz …

Files ending in `.warc` or `.warc.gz` are read with fastwarc (every HTML
response record); any other file is one page. One row per paper (featured
papers and radio entries): the columns of `Digest.paper_rows()` plus the
page it came from. Written with pyarrow.
"""

from __future__ import annotations

import pathlib
import sys
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pandas as pd

import paper_digest


def pages(paths: List[str]) -> Iterator[Tuple[str, bytes]]:
    """(origin, bytes) of every page: a file, or each HTML record of a WARC."""
    for path in paths:
        if path.endswith((".warc", ".warc.gz")):
            from warc_fastwarc import html_records

            for url, _record, body in html_records(path):
                yield url, body
        else:
            yield path, pathlib.Path(path).read_bytes()


def papers_frame(paths: List[str]) -> pd.DataFrame:
    """One row per paper of every digest in `paths`."""
    rows: List[Dict[str, Any]] = []
    for origin, body in pages(paths):
        for digest in paper_digest.scan(body):
            for row in digest.paper_rows():
                rows.append({"origin": origin, **row})
    columns = ["origin", "date", "issue_title", "section", "number", "title", "authors",
               "et_al", "arxiv_id", "abstract", "code_url", "figures"]
    return pd.DataFrame(rows, columns=columns)


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    frame = papers_frame(args[1:])
    frame.to_parquet(args[0], engine="pyarrow", index=False)
    print(f"{len(frame)} papers from {frame['origin'].nunique()} pages -> {args[0]}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    sys.exit(main())
