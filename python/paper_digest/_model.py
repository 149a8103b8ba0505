"""The typed model of a digest: the crate's `src/model.rs`, as dataclasses.

Attribute names are the JSON contract's keys (`paper.abstract`,
`link.arxiv_id`), except `RadioEntry.from_` and `IndexedPaper.from_`
(`from` is a Python keyword); `to_dict()` writes the key `from` again, so
that `to_dict()` equals the CLI's JSON (serde_json of the Rust value).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Dict, Iterator, List, Literal, Optional, Tuple

LinkKind = Literal["abstract", "pdf", "code", "project", "dataset", "demo", "video", "other"]
Category = Literal["NLP", "CV", "ML"]
WarningCode = Literal[
    "missing_title",
    "radio_list_without_heading",
    "radio_list_short",
    "contents_mismatch",
    "paper_without_link",
    "paper_without_abstract",
    "paper_without_authors",
    "paper_number_out_of_order",
    "unplaced_line",
    "link_without_url",
    "invalid_date",
    "invalid_number",
    "more_digests_follow",
    "page_truncated",
    "invalid_bytes",
    "series_unconfirmed",
    "implausible_name",
    "other",
]
ArchiveWarningCode = Literal["conflict", "ambiguous_copy", "dates_differ", "other"]
Role = Literal["featured", "radio", "other"]

#: Every warning code of the crate's `WarningCode` (python/tests checks the
#: list against src/model.rs). A warning read from a newer crate's JSON may
#: carry a code not listed here; it is kept as written.
WARNING_CODES: Tuple[str, ...] = WarningCode.__args__  # type: ignore[attr-defined]

_RENAMED = {"from_": "from"}
#: Fields the JSON leaves out when they are None (serde's `skip_serializing_if`).
_OMITTED_IF_NONE = frozenset({"heading_title"})


def _plain(value: Any) -> Any:
    if isinstance(value, _Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Model:
    """What every model class shares: `to_dict()` and `to_json()`."""

    __slots__ = ()

    def to_dict(self) -> Dict[str, Any]:
        """The value as the CLI's JSON would hold it (plain dicts, lists, str, int, bool, None)."""
        return {
            _RENAMED.get(f.name, f.name): _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
            if not (f.name in _OMITTED_IF_NONE and getattr(self, f.name) is None)
        }

    def to_json(self, *, indent: Optional[int] = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclasses.dataclass
class Link(_Model):
    """A labelled link of a paper, such as `论文链接：https://arxiv.org/abs/2203.15556`."""

    label: str = ""
    url: Optional[str] = None
    text: Optional[str] = None
    arxiv_id: Optional[str] = None
    arxiv_version: Optional[int] = None
    password: Optional[str] = None
    kind: LinkKind = "other"

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Link:
        return cls(
            d.get("label", ""),
            d.get("url"),
            d.get("text"),
            d.get("arxiv_id"),
            d.get("arxiv_version"),
            d.get("password"),
            d.get("kind", "other"),
        )


@dataclasses.dataclass
class Figure(_Model):
    """A figure of a paper: an image, a caption, or both."""

    image: Optional[str] = None
    caption: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Figure:
        return cls(d.get("image"), d.get("caption"))


@dataclasses.dataclass
class Paper(_Model):
    """One featured paper (`论文 N:`)."""

    number: int = 0
    title: str = ""
    authors: List[str] = dataclasses.field(default_factory=list)
    et_al: bool = False
    links: List[Link] = dataclasses.field(default_factory=list)
    abstract: Optional[str] = None
    figures: List[Figure] = dataclasses.field(default_factory=list)
    recommendation: Optional[str] = None
    #: The `论文 N:` heading's own title when `title` was taken from the
    #: contents (the two differ only in white space: a squashed heading);
    #: None otherwise, and then left out of `to_dict()` as the JSON leaves it out.
    heading_title: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Paper:
        return cls(
            d.get("number", 0),
            d.get("title", ""),
            d.get("authors", []),
            d.get("et_al", False),
            [Link.from_dict(x) for x in d.get("links", ())],
            d.get("abstract"),
            [Figure.from_dict(x) for x in d.get("figures", ())],
            d.get("recommendation"),
            d.get("heading_title"),
        )

    @property
    def arxiv_id(self) -> Optional[str]:
        """The first arXiv identifier among the paper's links."""
        for link in self.links:
            if link.arxiv_id is not None:
                return link.arxiv_id
        return None

    def link(self, kind: LinkKind) -> Optional[Link]:
        """The first link of a kind (`"code"`, `"pdf"`, …), or None."""
        for link in self.links:
            if link.kind == kind:
                return link
        return None


@dataclasses.dataclass
class RadioEntry(_Model):
    """One entry of a radio list. `from_` is the JSON key `from`."""

    number: int = 0
    title: str = ""
    from_: List[str] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> RadioEntry:
        return cls(d.get("number", 0), d.get("title", ""), d.get("from", []))


@dataclasses.dataclass
class RadioList(_Model):
    """One "ArXiv Weekly Radiostation" list, such as `本周 10 篇 NLP 精选论文是`."""

    heading: Optional[str] = None
    category: Optional[Category] = None
    entries: List[RadioEntry] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> RadioList:
        category = d.get("category")
        return cls(
            d.get("heading"),
            category if category in ("NLP", "CV", "ML") else None,
            [RadioEntry.from_dict(x) for x in d.get("entries", ())],
        )


@dataclasses.dataclass
class Issue(_Model):
    """The issue-level facts: title, series, headlines, date, intro, contents."""

    title: Optional[str] = None
    series: Optional[str] = None
    headlines: List[str] = dataclasses.field(default_factory=list)
    date: Optional[str] = None
    source: Optional[str] = None
    contributors: List[str] = dataclasses.field(default_factory=list)
    summary: Optional[str] = None
    contents: List[str] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Issue:
        return cls(
            d.get("title"),
            d.get("series"),
            d.get("headlines", []),
            d.get("date"),
            d.get("source"),
            d.get("contributors", []),
            d.get("summary"),
            d.get("contents", []),
        )


@dataclasses.dataclass
class Ad(_Model):
    """An advertisement found in the page's trailer."""

    text: str = ""
    url: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Ad:
        return cls(d.get("text", ""), d.get("url"))


@dataclasses.dataclass
class Trending(_Model):
    """One item of a trending list."""

    rank: int = 0
    title: str = ""
    heat: Optional[int] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Trending:
        return cls(d.get("rank", 0), d.get("title", ""), d.get("heat"))


@dataclasses.dataclass
class Stripped(_Model):
    """What was removed from the content, kept for audit."""

    boilerplate: List[str] = dataclasses.field(default_factory=list)
    ads: List[Ad] = dataclasses.field(default_factory=list)
    trending: List[Trending] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Stripped:
        return cls(
            d.get("boilerplate", []),
            [Ad.from_dict(x) for x in d.get("ads", ())],
            [Trending.from_dict(x) for x in d.get("trending", ())],
        )


@dataclasses.dataclass
class ParseWarning(_Model):
    """An anomaly found while parsing (the crate's `Warning`): a stable code,
    a message quoting the text, and the 1-based line it is about."""

    code: WarningCode = "other"
    message: str = ""
    line: Optional[int] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> ParseWarning:
        # A code this version's literal does not list (a newer crate) is kept
        # as written, so that `to_dict()` stays the crate's JSON.
        return cls(d.get("code", "other"), d.get("message", ""), d.get("line"))


#: One row of `Digest.paper_rows()`: a flat record per paper of the issue.
PaperRow = Dict[str, Any]


@dataclasses.dataclass
class Digest(_Model):
    """One parsed issue: the issue, its featured papers, its radio lists,
    what was stripped, and what looked odd."""

    issue: Issue = dataclasses.field(default_factory=Issue)
    papers: List[Paper] = dataclasses.field(default_factory=list)
    radio: List[RadioList] = dataclasses.field(default_factory=list)
    stripped: Stripped = dataclasses.field(default_factory=Stripped)
    warnings: List[ParseWarning] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Digest:
        return cls(
            Issue.from_dict(d.get("issue", {})),
            [Paper.from_dict(x) for x in d.get("papers", ())],
            [RadioList.from_dict(x) for x in d.get("radio", ())],
            Stripped.from_dict(d.get("stripped", {})),
            [ParseWarning.from_dict(x) for x in d.get("warnings", ())],
        )

    @classmethod
    def from_json(cls, text: str) -> Digest:
        """Reads a digest's JSON (the CLI's output, or `to_json()`)."""
        return cls.from_dict(json.loads(text))

    @property
    def warning_codes(self) -> List[WarningCode]:
        """The codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    def every_paper(self) -> Iterator[Tuple[str, Paper | RadioEntry]]:
        """Every paper in page order with where it stands: `("featured", paper)`,
        then each radio entry with its list's category (`"NLP"`, …) or `"radio"`."""
        for paper in self.papers:
            yield "featured", paper
        for radio_list in self.radio:
            section = radio_list.category or "radio"
            for entry in radio_list.entries:
                yield section, entry

    def paper_rows(self) -> List[PaperRow]:
        """One flat record per paper (featured and radio), for a data frame:
        `date`, `issue_title`, `section`, `number`, `title`, `authors`,
        `et_al`, `arxiv_id`, `abstract`, `code_url`, `figures`."""
        rows: List[PaperRow] = []
        base = {"date": self.issue.date, "issue_title": self.issue.title}
        for section, p in self.every_paper():
            if isinstance(p, Paper):
                code = p.link("code")
                rows.append(
                    {
                        **base,
                        "section": section,
                        "number": p.number,
                        "title": p.title,
                        "authors": list(p.authors),
                        "et_al": p.et_al,
                        "arxiv_id": p.arxiv_id,
                        "abstract": p.abstract,
                        "code_url": code.url if code else None,
                        "figures": len(p.figures),
                    }
                )
            else:
                rows.append(
                    {
                        **base,
                        "section": section,
                        "number": p.number,
                        "title": p.title,
                        "authors": list(p.from_),
                        "et_al": False,
                        "arxiv_id": None,
                        "abstract": None,
                        "code_url": None,
                        "figures": 0,
                    }
                )
        return rows


# ---- The archive's dataset (`src/archive/`) ---------------------------------


@dataclasses.dataclass
class Origin(_Model):
    """Where a copy came from: a file, a URL, a WARC record."""

    path: Optional[str] = None
    url: Optional[str] = None
    record: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Origin:
        return cls(d.get("path"), d.get("url"), d.get("record"))


@dataclasses.dataclass
class IssueCopy(_Model):
    """One copy of an issue: where it came from and what it held."""

    origin: Origin = dataclasses.field(default_factory=Origin)
    part: int = 0
    title: Optional[str] = None
    date: Optional[str] = None
    papers: int = 0
    radio_entries: int = 0
    warnings: int = 0

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> IssueCopy:
        return cls(
            Origin.from_dict(d.get("origin", {})),
            d.get("part", 0),
            d.get("title"),
            d.get("date"),
            d.get("papers", 0),
            d.get("radio_entries", 0),
            d.get("warnings", 0),
        )


@dataclasses.dataclass
class ArchiveWarning(_Model):
    """Something the merge of an issue's copies could not settle on its own."""

    code: ArchiveWarningCode = "other"
    field: Optional[str] = None
    message: str = ""
    copies: List[int] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> ArchiveWarning:
        return cls(d.get("code", "other"), d.get("field"), d.get("message", ""), d.get("copies", []))


@dataclasses.dataclass
class ArchivedIssue(_Model):
    """One issue, merged from all its copies."""

    issue: Issue = dataclasses.field(default_factory=Issue)
    papers: List[Paper] = dataclasses.field(default_factory=list)
    radio: List[RadioList] = dataclasses.field(default_factory=list)
    copies: List[IssueCopy] = dataclasses.field(default_factory=list)
    fields: Dict[str, List[int]] = dataclasses.field(default_factory=dict)
    warnings: List[ArchiveWarning] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> ArchivedIssue:
        return cls(
            Issue.from_dict(d.get("issue", {})),
            [Paper.from_dict(x) for x in d.get("papers", ())],
            [RadioList.from_dict(x) for x in d.get("radio", ())],
            [IssueCopy.from_dict(x) for x in d.get("copies", ())],
            dict(d.get("fields", {})),
            [ArchiveWarning.from_dict(x) for x in d.get("warnings", ())],
        )


@dataclasses.dataclass
class Appearance(_Model):
    """One appearance of a paper in an issue."""

    issue: int = 0
    date: Optional[str] = None
    role: Role = "featured"
    number: int = 0
    list: Optional[int] = None
    category: Optional[Category] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Appearance:
        return cls(
            d.get("issue", 0),
            d.get("date"),
            d.get("role", "featured"),
            d.get("number", 0),
            d.get("list"),
            d.get("category"),
        )


@dataclasses.dataclass
class IndexedPaper(_Model):
    """One distinct paper of the archive, with every appearance. `from_` is the JSON key `from`."""

    id: str = ""
    arxiv_id: Optional[str] = None
    title: str = ""
    authors: List[str] = dataclasses.field(default_factory=list)
    et_al: bool = False
    from_: List[str] = dataclasses.field(default_factory=list)
    links: List[Link] = dataclasses.field(default_factory=list)
    abstract: Optional[str] = None
    appearances: List[Appearance] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> IndexedPaper:
        return cls(
            d.get("id", ""),
            d.get("arxiv_id"),
            d.get("title", ""),
            d.get("authors", []),
            d.get("et_al", False),
            d.get("from", []),
            [Link.from_dict(x) for x in d.get("links", ())],
            d.get("abstract"),
            [Appearance.from_dict(x) for x in d.get("appearances", ())],
        )


@dataclasses.dataclass
class Summary(_Model):
    """The archive's totals."""

    pages: int = 0
    copies: int = 0
    issues: int = 0
    papers: int = 0
    conflicts: int = 0

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Summary:
        return cls(
            d.get("pages", 0),
            d.get("copies", 0),
            d.get("issues", 0),
            d.get("papers", 0),
            d.get("conflicts", 0),
        )


@dataclasses.dataclass
class Dataset(_Model):
    """Everything an `Archive` holds, merged: the issues and the paper index."""

    summary: Summary = dataclasses.field(default_factory=Summary)
    issues: List[ArchivedIssue] = dataclasses.field(default_factory=list)
    papers: List[IndexedPaper] = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Dataset:
        return cls(
            Summary.from_dict(d.get("summary", {})),
            [ArchivedIssue.from_dict(x) for x in d.get("issues", ())],
            [IndexedPaper.from_dict(x) for x in d.get("papers", ())],
        )
