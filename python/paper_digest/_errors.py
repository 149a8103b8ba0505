"""The exceptions the parser raises. `_native` raises these classes."""

from __future__ import annotations

import json
from typing import Any, List, Sequence, Tuple

from ._model import ParseWarning


class PaperDigestError(ValueError):
    """Why a page could not be turned into a digest (the crate's `Error`).
    `code` is a stable name of the kind, for programs to branch on."""

    code: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        return (type(self), (self.message,))


class NotADigestError(PaperDigestError):
    """The input is not a "7 Papers & Radios" digest. `reason` says what was
    looked for and what the input held instead (the crate's
    `Error::NotADigest(why)`, as text); `str(err)` is `"not a digest: " + reason`.
    `found` holds the stable codes of what the page holds of a digest
    (`"title"`, `"contents"`, `"empty_radio"`, `"paper_headings"`, `"label_lines"`; the crate's
    `Found::code`), empty when it holds nothing of one."""

    code = "not_a_digest"

    def __init__(self, message: str, reason: str, found: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        self.found: Tuple[str, ...] = tuple(found)

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        return (type(self), (self.message, self.reason, self.found))


class TooLargeError(PaperDigestError):
    """The input is larger than `max_bytes` (by default 32 MiB)."""

    code = "too_large"

    def __init__(self, message: str, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        return (type(self), (self.message, self.size, self.limit))


class StrictError(PaperDigestError):
    """`strict=True` and the page produced warnings; they are all in `warnings`."""

    code = "strict"

    def __init__(self, message: str, warnings: str | List[ParseWarning]) -> None:
        super().__init__(message)
        if isinstance(warnings, str):
            warnings = [ParseWarning.from_dict(w) for w in json.loads(warnings)]
        self.warnings: List[ParseWarning] = warnings

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        return (type(self), (self.message, self.warnings))
