"""The Python API against the same fixtures and golden facts as the Rust tests."""

from __future__ import annotations

import concurrent.futures
import json
import pathlib
import pickle

import pytest

import paper_digest
from paper_digest import _native
from conftest import NEWS, NOT_DIGESTS, SEED_JSON, SEED_TXT, SITES, UNKNOWN_SITES, expect


@pytest.fixture(scope="module")
def seed() -> paper_digest.Digest:
    return paper_digest.parse(SEED_TXT.read_text(encoding="utf-8"))


def test_seed_equals_the_golden_json(seed: paper_digest.Digest) -> None:
    golden = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    assert seed.to_dict() == golden
    # The same from bytes, and through the JSON text both ways.
    assert paper_digest.parse(SEED_TXT.read_bytes()).to_dict() == golden
    assert json.loads(seed.to_json()) == golden
    assert paper_digest.Digest.from_json(seed.to_json(indent=2)) == seed


def test_seed_golden_facts(seed: paper_digest.Digest) -> None:
    assert seed.issue.series == "7 Papers & Radios"
    assert len(seed.papers) == 7
    assert len(seed.radio) == 3
    assert seed.radio[2].heading is None
    assert len(seed.papers[6].figures) == 2
    first = seed.papers[0]
    assert first.number == 1
    assert first.links[0].arxiv_id == "2203.15556"
    assert first.arxiv_id == "2203.15556"
    assert first.links[0].kind == "pdf"  # the golden JSON: an arxiv.org/pdf URL
    assert first.abstract is not None and first.abstract.startswith("Kaplan")
    assert isinstance(first.et_al, bool)
    entry = seed.radio[0].entries[0]
    assert entry.from_ and entry.to_dict()["from"] == entry.from_
    assert seed.radio[0].category in ("NLP", "CV", "ML")
    assert seed.warning_codes == ["radio_list_without_heading"]
    assert all(w.code in paper_digest.WARNING_CODES for w in seed.warnings)
    assert seed.warnings[0].line is not None


def test_repr_and_equality(seed: paper_digest.Digest) -> None:
    again = paper_digest.parse(SEED_TXT.read_text(encoding="utf-8"))
    assert again == seed
    assert again is not seed
    assert again.papers[0] == seed.papers[0]
    assert again.papers[0] != seed.papers[1]
    assert repr(seed.papers[0].links[0]).startswith("Link(label=")
    assert "arxiv_id='2203.15556'" in repr(seed.papers[0].links[0])
    assert repr(seed).startswith("Digest(issue=Issue(")


def test_every_paper_and_rows(seed: paper_digest.Digest) -> None:
    sections = [s for s, _ in seed.every_paper()]
    assert sections[:7] == ["featured"] * 7
    rows = seed.paper_rows()
    assert len(rows) == 7 + sum(len(r.entries) for r in seed.radio)
    assert rows[0]["arxiv_id"] == "2203.15556"
    assert rows[0]["title"] == seed.papers[0].title
    assert rows[7]["section"] == sections[7]


def test_parse_all() -> None:
    one = "7 Papers & Radios | 第一期\n论文 1：甲\n摘要：甲的摘要。\n"
    two = "7 Papers & Radios | 第二期\n论文 1：乙\n摘要：乙的摘要。\n"
    digests = paper_digest.parse_all(one + two)
    assert len(digests) == 2
    assert digests[1].issue.headlines == ["第二期"]
    first = paper_digest.parse(one + two)
    assert first.warning_codes[-1] == "more_digests_follow"
    assert paper_digest.scan((one + two).encode()) == digests
    assert paper_digest.scan(b"<html><body>just news</body></html>") == []


@pytest.mark.parametrize("site", SITES + UNKNOWN_SITES, ids=lambda p: p.name)
def test_every_site_page_gives_the_seed_digest(site: pathlib.Path, seed: paper_digest.Digest) -> None:
    date, furniture = expect(site)
    page = (site / "page.html").read_bytes()
    got = paper_digest.parse(page)
    assert got.issue.title == seed.issue.title
    assert got.issue.series == seed.issue.series
    assert got.issue.headlines == seed.issue.headlines
    assert got.issue.summary == seed.issue.summary
    assert got.issue.contents == seed.issue.contents
    assert got.issue.date == date
    assert len(got.papers) == len(seed.papers)
    for g, w in zip(got.papers, seed.papers):
        assert (g.number, g.title, g.authors, g.et_al, g.links, g.abstract, g.recommendation) == (
            w.number,
            w.title,
            w.authors,
            w.et_al,
            w.links,
            w.abstract,
            w.recommendation,
        )
        assert [f.caption for f in g.figures if f.caption] == [f.caption for f in w.figures if f.caption]
    assert got.radio == seed.radio
    content = json.dumps({**got.to_dict(), "stripped": None, "warnings": None}, ensure_ascii=False)
    for phrase in furniture:
        assert phrase not in content, phrase
    # to_dict() is serde_json of the Rust value.
    assert got.to_dict() == json.loads(_native.parse_json(page))


def test_gbk_page_is_decoded() -> None:
    page = (pathlib.Path(SITES[0]).parent / "163" / "page-gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")
    digest = paper_digest.parse(page)
    assert len(digest.papers) == 7
    assert digest.issue.series == "7 Papers & Radios"


def test_wechat_figures() -> None:
    d = paper_digest.parse((pathlib.Path(SITES[0]).parent / "wechat" / "page.html").read_bytes())
    assert d.issue.source == "机器之心"
    assert d.issue.contributors == ["杜伟", "楚航", "罗若天"]
    figures = d.papers[6].figures
    assert [f.caption for f in figures] == ["图 2 网络结构", "图 3 CAPE 计算示意图"]
    assert all(f.image and f.image.startswith("http") for f in figures)
    assert "© THE END" in d.stripped.boilerplate


@pytest.mark.parametrize("page", NOT_DIGESTS + NEWS, ids=lambda p: p.name)
def test_not_a_digest(page: pathlib.Path) -> None:
    with pytest.raises(paper_digest.NotADigestError) as caught:
        paper_digest.parse(page.read_bytes())
    err = caught.value
    assert isinstance(err, ValueError)
    assert "found" in err.reason
    assert str(err) == "not a digest: " + err.reason
    assert err.code == "not_a_digest"
    assert paper_digest.scan(page.read_bytes()) == []


def test_fixture_sets_are_complete() -> None:
    assert len(SITES) >= 10
    assert len(NOT_DIGESTS) >= 10
    assert len(NEWS) >= 30


def test_not_a_digest_reason_says_what_was_found() -> None:
    with pytest.raises(paper_digest.NotADigestError) as caught:
        paper_digest.parse("7 Papers & Radios | 标题\n")
    assert "title" in caught.value.reason
    assert caught.value.found == ("title",)


def test_not_a_digest_found_is_empty_for_a_page_with_nothing_of_one() -> None:
    with pytest.raises(paper_digest.NotADigestError) as caught:
        paper_digest.parse("今天天气很好。")
    assert caught.value.found == ()


def test_exceptions_pickle() -> None:
    with pytest.raises(paper_digest.NotADigestError) as caught:
        paper_digest.parse("今天天气很好。")
    back = pickle.loads(pickle.dumps(caught.value))
    assert type(back) is paper_digest.NotADigestError
    assert (str(back), back.reason, back.found) == (
        str(caught.value),
        caught.value.reason,
        caught.value.found,
    )


# ---- hostile inputs --------------------------------------------------------


def test_too_large() -> None:
    huge = b"7 Papers & Radios | x\n" + b"a" * paper_digest.DEFAULT_MAX_INPUT_BYTES
    with pytest.raises(paper_digest.TooLargeError) as caught:
        paper_digest.parse(huge)
    assert caught.value.size == len(huge)
    assert caught.value.limit == 32 * 1024 * 1024
    assert caught.value.code == "too_large"
    assert isinstance(caught.value, ValueError)
    with pytest.raises(paper_digest.TooLargeError):
        paper_digest.parse(SEED_TXT.read_text(encoding="utf-8"), max_bytes=100)
    with pytest.raises(paper_digest.TooLargeError):
        paper_digest.scan(SEED_TXT.read_bytes(), max_bytes=100)
    assert paper_digest.parse(SEED_TXT.read_bytes(), max_bytes=1 << 20).papers


def test_huge_not_a_digest_is_turned_away() -> None:
    page = b"<html><body>" + b"<p>\xe6\x96\xb0\xe9\x97\xbb</p>" * 500_000 + b"</body></html>"
    assert paper_digest.scan(page) == []


def test_invalid_bytes_are_a_warning() -> None:
    # Invalid UTF-8 at the end of the first abstract's line.
    lines = SEED_TXT.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("摘要".encode()))
    lines[at] += b"\xff\xfe"
    digest = paper_digest.parse(b"\n".join(lines))
    warning = next(w for w in digest.warnings if w.code == "invalid_bytes")
    assert warning.line is not None
    assert len(digest.papers) == 7
    assert digest.papers[0].abstract is not None and "\ufffd" in digest.papers[0].abstract


def test_random_bytes_never_crash() -> None:
    import random

    rng = random.Random(26)
    for n in range(200):
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 400)))
        try:
            paper_digest.parse(data)
        except paper_digest.NotADigestError:
            pass


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["论文 1：x"], {"a": 1}, object()])
def test_wrong_types(bad: object) -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        paper_digest.parse(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        paper_digest.scan(bad)  # type: ignore[arg-type]


def test_bytearray_memoryview_and_lone_surrogates() -> None:
    data = SEED_TXT.read_bytes()
    assert paper_digest.parse(bytearray(data)) == paper_digest.parse(data)
    assert paper_digest.parse(memoryview(data)) == paper_digest.parse(data)
    with pytest.raises(UnicodeEncodeError):
        paper_digest.parse("7 Papers & Radios | \ud800\n论文 1：x\n")


def test_bad_options() -> None:
    text = SEED_TXT.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="input_format"):
        paper_digest.parse(text, input_format="pdf")
    with pytest.raises(ValueError, match="max_bytes"):
        paper_digest.parse(text, max_bytes=-1)
    with pytest.raises(TypeError):
        paper_digest.parse(text, max_bytes="10")  # type: ignore[arg-type]
    assert paper_digest.parse(text, input_format="text") == paper_digest.parse(text)
    # Read as HTML, plain text is one paragraph soup but still parses or refuses cleanly.
    try:
        paper_digest.parse(text, input_format="html")
    except paper_digest.NotADigestError:
        pass


def test_strict() -> None:
    text = SEED_TXT.read_text(encoding="utf-8")
    with pytest.raises(paper_digest.StrictError) as caught:
        paper_digest.parse(text, strict=True)
    assert [w.code for w in caught.value.warnings] == ["radio_list_without_heading"]
    assert isinstance(caught.value.warnings[0], paper_digest.ParseWarning)


def test_threads_agree() -> None:
    pages = [p / "page.html" for p in SITES]
    want = [paper_digest.parse(p.read_bytes()) for p in pages]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda p: paper_digest.parse(p.read_bytes()), pages * 3))
    assert got == want * 3


def test_the_gil_is_released_while_parsing() -> None:
    """Another Python thread runs while a parse is in Rust: with the GIL held
    it could run at most one switch interval (5 ms) of a parse that takes
    far longer. Counted in loop iterations, independent of free cores."""
    import threading
    import time

    big = SEED_TXT.read_text(encoding="utf-8") * 300
    started, finished = threading.Event(), threading.Event()
    span = []

    def worker() -> None:
        started.set()
        t = time.perf_counter()
        _native.parse_all_json(big)
        span.append(time.perf_counter() - t)
        finished.set()

    # The main loop's speed alone.
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 0.05:
        n += 1
    rate = n / (time.perf_counter() - t)

    thread = threading.Thread(target=worker)
    thread.start()
    started.wait()
    n = 0
    while not finished.is_set():
        n += 1
        time.perf_counter()
    thread.join()
    assert span[0] > 0.05, f"the parse took only {span[0]:.3f} s"
    # With the GIL held: at most ~0.005 s worth of iterations.
    assert n > 0.2 * rate * span[0], (n, rate, span[0])


def test_furniture_rules() -> None:
    page = (
        "7 Papers & Radios | 标题\n论文 1：某论文\n摘要：一段摘要。\n"
        "由 MyFeeds 于 2022-04-11 08:00 抓取 · 原文链接\n"
    )
    plain = paper_digest.parse(page)
    assert plain.papers[0].abstract is not None and "MyFeeds" in plain.papers[0].abstract
    digest = paper_digest.parse(page, furniture=[r"^由 MyFeeds 于 .* 抓取"])
    assert digest.papers[0].abstract == "一段摘要。"
    assert digest.stripped.boilerplate == ["由 MyFeeds 于 2022-04-11 08:00 抓取 · 原文链接"]
    assert paper_digest.parse_all(page, furniture=(r"MyFeeds",))[0].papers[0].abstract == "一段摘要。"
    archive = paper_digest.Archive(furniture=[r"MyFeeds"])
    archive.add_page(page.encode())
    assert archive.build().issues[0].papers[0].abstract == "一段摘要。"
    with pytest.raises(ValueError, match="invalid furniture pattern"):
        paper_digest.parse(page, furniture=["(unclosed"])
    with pytest.raises(TypeError, match="sequence of patterns"):
        paper_digest.parse(page, furniture="MyFeeds")  # a str is a Sequence[str]: refused at run time


def test_warning_codes_are_the_crates() -> None:
    """WARNING_CODES (the WarningCode literal) lists every code of src/model.rs."""
    import re

    model = (SEED_TXT.parents[2] / "src" / "model.rs").read_text(encoding="utf-8")
    rust = re.findall(r'WarningCode::\w+ => "(\w+)"', model)
    assert rust, "no WarningCode::as_str arms found in src/model.rs"
    assert sorted(paper_digest.WARNING_CODES) == sorted(rust)
    assert len(set(paper_digest.WARNING_CODES)) == len(paper_digest.WARNING_CODES)


def test_unknown_warning_code_is_kept() -> None:
    w = paper_digest.ParseWarning.from_dict({"code": "from_the_future", "message": "m"})
    assert w.to_dict() == {"code": "from_the_future", "message": "m", "line": None}


def test_squashed_heading_keeps_its_text() -> None:
    page = (
        "7 Papers & Radios | 标题\n目录\n1. Balance Control of a Novel Robot\n"
        "论文 1：BalanceControlof aNovelRobot\n作者：张三\n"
        "论文 2：PaLM\n作者：李四\n"
    )
    d = paper_digest.parse(page)
    assert d.papers[0].title == "Balance Control of a Novel Robot"
    assert d.papers[0].heading_title == "BalanceControlof aNovelRobot"
    assert d.papers[1].heading_title is None
    # to_dict() leaves the key out where the JSON does.
    assert d.to_dict() == json.loads(_native.parse_json(page))
    assert "heading_title" not in d.papers[1].to_dict()
