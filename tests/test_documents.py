"""graphsvc.documents: .txt with and without a date header, .jsonl, directories, bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graphsvc.documents import Corpus, decode_lines, parse_jsonl, parse_text, read_path
from graphsvc.errors import BadInput


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        ("date 2021-03-04\nThe envoy arrived.", "2021-03-04", "The envoy arrived."),
        ("date 2021-03-04 The envoy arrived.", "2021-03-04", "The envoy arrived."),
        (" date 2021-03-04  The envoy arrived.\n", "2021-03-04", "The envoy arrived."),
        ("date 2021-03-04\r\n\r\nThe envoy arrived.", "2021-03-04", "The envoy arrived."),
        ("The envoy arrived.\n", None, "The envoy arrived."),
        ("date palms grow in the oasis.", None, "date palms grow in the oasis."),
        ("\ufeffThe envoy arrived.", None, "The envoy arrived."),
    ],
)
def test_txt(tmp_path: Path, content: str, date: str | None, text: str) -> None:
    path = tmp_path / "story-7.txt"
    path.write_text(content, encoding="utf-8")
    (doc,) = read_path(path)
    assert (doc.id, doc.date, doc.text) == ("story-7", date, text)


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "First story.", "date": "2020-01-02", "url": "http://x/a"}\n'
        "\n"
        '{"text": "No id here.", "title": "T", "source": "ignored"}\n'
        '{"id": "c", "text": "Timestamped.", "date": "2020-01-03T08:30:00Z"}\n',
        encoding="utf-8",
    )
    docs = list(read_path(path))
    assert [d.id for d in docs] == ["a", "feed-3", "c"]
    assert docs[0].url == "http://x/a"
    assert docs[1].title == "T"
    assert docs[2].date == "2020-01-03"


def test_directory_rule_is_one_for_both_readers(tmp_path: Path) -> None:
    # Sorted, sub-folders included after their parent's files, hidden files and folders and
    # other suffixes left out: the same for read_path (seeds) and Corpus (graphsvc ingest).
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "text": "Third."}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("Skipped.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("Hidden.", encoding="utf-8")
    for sub in ("sub", "sub/deeper", ".git"):
        (tmp_path / sub).mkdir()
    (tmp_path / "sub" / "d.txt").write_text("Fourth.", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "e.txt").write_text("Fifth.", encoding="utf-8")
    (tmp_path / ".git" / "f.txt").write_text("Tool state.", encoding="utf-8")
    expected = ["a", "b", "c1", "d", "e"]
    assert [d.id for d in read_path(tmp_path)] == expected
    items = list(Corpus([str(tmp_path)]))
    assert [item.doc.id for item in items if item.doc is not None] == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bad.jsonl",
            b'{"id": "a", "text": "ok"}\n{"id": "b", "text": \n',
            "bad.jsonl:2: invalid JSON",
        ),
        ("list.jsonl", b'["not", "an", "object"]\n', "list.jsonl:1: expected a JSON object"),
        ("notext.jsonl", b'{"id": "a"}\n', 'notext.jsonl:1: missing or empty "text"'),
        ("blank.jsonl", b'{"id": "a", "text": "  "}\n', 'blank.jsonl:1: missing or empty "text"'),
        ("date.jsonl", b'{"id": "a", "text": "x", "date": "12/30/2022"}\n', "date.jsonl:1: date"),
        ("day.jsonl", b'{"id": "a", "text": "x", "date": "2022-02-30"}\n', "day.jsonl:1: date"),
        ("hdr.txt", b"date 2022/12/30\nText.", "hdr.txt:1: date header must be YYYY-MM-DD"),
        ("month.txt", b"date 2022-13-01\nText.", "month.txt:1: date header must be YYYY-MM-DD"),
        ("empty.txt", b"date 2022-12-30\n  \n", "empty.txt: no text"),
        ("latin1.txt", "Café".encode("latin-1"), "latin1.txt: not UTF-8 text"),
        ("latin1.jsonl", '{"text": "Café"}'.encode("latin-1"), "latin1.jsonl: not UTF-8"),
    ],
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInput) as caught:
        list(read_path(path))
    assert str(caught.value).startswith(f"{tmp_path}/{message}")


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file"):
        list(read_path(tmp_path / "absent.txt"))


def test_stream_helpers() -> None:
    lines = decode_lines(io.BytesIO(b'{"text": "One."}\n{"text": "Two."}\n'), "<stdin>")
    assert [d.id for d in parse_jsonl(lines, "<stdin>", stem="in")] == ["in-1", "in-2"]
    with pytest.raises(BadInput, match=r"<stdin>:2: not UTF-8"):
        list(decode_lines(io.BytesIO(b"ok\n\xff\n"), "<stdin>"))
    assert parse_text(b"date 1999-12-31\nLate.", doc_id="x", source="-").date == "1999-12-31"
