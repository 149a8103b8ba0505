"""The Rust extension (python/src/lib.rs). Use the `paper_digest` API instead."""

from typing import Optional, Sequence, Union

__version__: str
DEFAULT_MAX_INPUT_BYTES: int

_Data = Union[str, bytes, bytearray, memoryview]

def parse_json(
    data: _Data,
    input_format: Optional[str] = None,
    strict: bool = False,
    max_bytes: Optional[int] = None,
    furniture: Optional[Sequence[str]] = None,
) -> str: ...
def parse_all_json(
    data: _Data,
    input_format: Optional[str] = None,
    strict: bool = False,
    max_bytes: Optional[int] = None,
    furniture: Optional[Sequence[str]] = None,
) -> str: ...
def scan_json(
    data: _Data,
    input_format: Optional[str] = None,
    strict: bool = False,
    max_bytes: Optional[int] = None,
    furniture: Optional[Sequence[str]] = None,
) -> Optional[str]: ...

class NativeArchive:
    def __init__(
        self,
        input_format: Optional[str] = None,
        strict: bool = False,
        max_bytes: Optional[int] = None,
        furniture: Optional[Sequence[str]] = None,
    ) -> None: ...
    def add_page(
        self,
        data: _Data,
        path: Optional[str] = None,
        url: Optional[str] = None,
        record: Optional[str] = None,
    ) -> int: ...
    def add_json(
        self,
        digest_json: str,
        path: Optional[str] = None,
        url: Optional[str] = None,
        record: Optional[str] = None,
    ) -> None: ...
    def __len__(self) -> int: ...
    def build_json(self) -> str: ...
