"""Parse saved pages of 机器之心's weekly column "7 Papers & Radios" into typed data.

>>> import paper_digest
>>> digest = paper_digest.parse(open("page.html", "rb").read())   # doctest: +SKIP
>>> digest.papers[0].links[0].arxiv_id                            # doctest: +SKIP
'2204.02311'

The parse runs in Rust (the `paper-digest` crate) with the GIL released, so a
thread pool scales across cores. `str` input is parsed as text; `bytes`
(`bytearray`, `memoryview`) have their encoding detected first (UTF-8, GBK,
a BOM, a `<meta charset>`), as the crate's `parse_bytes` does.
"""

from __future__ import annotations

import json
from typing import List, Optional, Sequence, Union

from . import _native
from ._errors import NotADigestError, PaperDigestError, StrictError, TooLargeError
from ._model import (
    WARNING_CODES,
    Ad,
    Appearance,
    ArchivedIssue,
    ArchiveWarning,
    ArchiveWarningCode,
    Category,
    Dataset,
    Digest,
    Figure,
    IndexedPaper,
    Issue,
    IssueCopy,
    Link,
    LinkKind,
    Origin,
    Paper,
    PaperRow,
    ParseWarning,
    RadioEntry,
    RadioList,
    Role,
    Stripped,
    Summary,
    Trending,
    WarningCode,
)

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "WARNING_CODES",
    "Ad",
    "Appearance",
    "Archive",
    "ArchiveWarning",
    "ArchiveWarningCode",
    "ArchivedIssue",
    "Category",
    "Dataset",
    "Digest",
    "Figure",
    "IndexedPaper",
    "InputFormat",
    "Issue",
    "IssueCopy",
    "Link",
    "LinkKind",
    "NotADigestError",
    "Origin",
    "PageData",
    "Paper",
    "PaperDigestError",
    "PaperRow",
    "ParseWarning",
    "RadioEntry",
    "RadioList",
    "Role",
    "StrictError",
    "Stripped",
    "Summary",
    "TooLargeError",
    "Trending",
    "WarningCode",
    "parse",
    "parse_all",
    "scan",
]

__version__: str = _native.__version__

#: The default input-size limit: 32 MiB, far above any real page.
DEFAULT_MAX_INPUT_BYTES: int = _native.DEFAULT_MAX_INPUT_BYTES

#: A page: text, or bytes whose encoding is detected.
PageData = Union[str, bytes, bytearray, memoryview]

#: Force a format instead of detecting it: `"text"`, `"markdown"` or `"html"`.
InputFormat = Optional[str]


def _rules(furniture: Optional[Sequence[str]]) -> Optional[List[str]]:
    if furniture is None:
        return None
    if isinstance(furniture, (str, bytes)):
        raise TypeError("furniture must be a sequence of patterns, not one string")
    return list(furniture)


def parse(
    data: PageData,
    *,
    input_format: InputFormat = None,
    strict: bool = False,
    max_bytes: Optional[int] = None,
    furniture: Optional[Sequence[str]] = None,
) -> Digest:
    """Parses one page into a `Digest`.

    `furniture`: regular expressions (the `regex` crate's syntax) for lines
    of a site's own furniture, kept in `stripped.boilerplate`, never read as
    content (the crate's `Parser::furniture`); a bad pattern is a `ValueError`.

    Raises `NotADigestError` (a `ValueError`; `.reason` says what the page
    held, `.found` the codes of it), `TooLargeError` above `max_bytes` (default 32 MiB), `StrictError`
    with `strict=True` when the page gave warnings, `TypeError` for input
    that is neither text nor bytes.
    """
    text = _native.parse_json(data, input_format, strict, max_bytes, _rules(furniture))
    return Digest.from_dict(json.loads(text))


def parse_all(
    data: PageData,
    *,
    input_format: InputFormat = None,
    strict: bool = False,
    max_bytes: Optional[int] = None,
    furniture: Optional[Sequence[str]] = None,
) -> List[Digest]:
    """Parses every digest in an input that holds several one after another,
    in input order. Raises as `parse`."""
    text = _native.parse_all_json(data, input_format, strict, max_bytes, _rules(furniture))
    return [Digest.from_dict(d) for d in json.loads(text)]


def scan(
    data: PageData,
    *,
    input_format: InputFormat = None,
    strict: bool = False,
    max_bytes: Optional[int] = None,
    furniture: Optional[Sequence[str]] = None,
) -> List[Digest]:
    """The crawl path: every digest in a page, or `[]` when the page is not
    one (no exception per page; the pre-check turns most pages away before
    they are read). `TooLargeError` and `StrictError` are still raised."""
    text = _native.scan_json(data, input_format, strict, max_bytes, _rules(furniture))
    if text is None:
        return []
    return [Digest.from_dict(d) for d in json.loads(text)]


class Archive:
    """A growing collection of copies, merged into issues and a paper index
    (the crate's `paper_digest::archive::Archive`).

    >>> archive = Archive()
    >>> archive.add_page(open("seed.txt", "rb").read(), path="seed.txt")   # doctest: +SKIP
    1
    >>> dataset = archive.build()                                          # doctest: +SKIP
    """

    __slots__ = ("_native",)

    def __init__(
        self,
        *,
        input_format: InputFormat = None,
        strict: bool = False,
        max_bytes: Optional[int] = None,
        furniture: Optional[Sequence[str]] = None,
    ) -> None:
        self._native = _native.NativeArchive(input_format, strict, max_bytes, _rules(furniture))

    def add_page(
        self,
        data: PageData,
        *,
        path: Optional[str] = None,
        url: Optional[str] = None,
        record: Optional[str] = None,
    ) -> int:
        """Parses a page and adds every digest in it; returns how many.
        Raises as `parse` (then nothing is added)."""
        return self._native.add_page(data, path, url, record)

    def add(
        self,
        digest: Digest,
        *,
        path: Optional[str] = None,
        url: Optional[str] = None,
        record: Optional[str] = None,
    ) -> None:
        """Adds one digest already parsed (or read back from JSON)."""
        self._native.add_json(digest.to_json(), path, url, record)

    def __len__(self) -> int:
        """How many digests were added."""
        return len(self._native)

    def build(self) -> Dataset:
        """Merges what was added so far into issues and a paper index. The
        archive stays usable: add more and build again."""
        return Dataset.from_dict(json.loads(self._native.build_json()))

    @property
    def issues(self) -> List[ArchivedIssue]:
        """The merged issues (`build().issues`)."""
        return self.build().issues

    @property
    def papers(self) -> List[IndexedPaper]:
        """The paper index (`build().papers`)."""
        return self.build().papers

    def __repr__(self) -> str:
        return f"Archive(copies={len(self)})"
