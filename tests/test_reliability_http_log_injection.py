"""Log injection: a client's path, query or exception text can neither forge a log line nor put
raw control characters (terminal escapes) into the log, and the API key is scrubbed in every
percent-encoded form a URL can carry it in."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import LOGGERS, logged_app, saved_logging

from graphsvc.api.logs import REDACTED, configure_logging, escape_controls, secret_pattern

# Characters a URL must encode, a space, a non-ASCII letter: every encoder writes it differently.
KEY = "k3y/Zq+8 ñ=never"
# The start of one of our text lines: a timestamp, a level, a logger, a request id.
RECORD_START = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [A-Z]+ \S+ \[[^\]]+\] ")
FORGED = "\n1999-01-01T00:00:00.000Z INFO graphsvc.api.access [-] GET /admin 200 0.1ms"
# Every character Python's str.splitlines() breaks on, and the terminal's escape and CSI.
LOWER_HEX = re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), quote(KEY, safe=""))
BREAKERS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\x9b\x07\x00\x7f"


@pytest.fixture(params=["text", "json"])
def logged(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[TestClient, io.StringIO, str]]:
    fmt: str = request.param
    with logged_app(tmp_path / "d", KEY, fmt, raise_server_exceptions=False) as (client, buffer):
        yield client, buffer, fmt


def _assert_one_record_a_line(buffer: io.StringIO, fmt: str) -> list[str]:
    written = buffer.getvalue()
    assert written
    assert not any(char in written for char in BREAKERS.replace("\n", "")), written
    lines = written.splitlines()
    for line in lines:
        if fmt == "json":
            json.loads(line)
        else:
            assert RECORD_START.match(line) or line.startswith("  "), line
        assert not line.startswith("1999-"), "a forged line"
    return lines


@pytest.mark.parametrize(
    "path",
    [
        "/entities/foo" + quote(FORGED, safe="/:[]"),
        "/entities/foo%1B[31mred%1B[0m",
        "/entities/x" + quote(BREAKERS, safe=""),
        "/entities?q=x" + quote(FORGED, safe=""),
        "/no-such" + quote(FORGED, safe=""),
    ],
)
def test_client_text_cannot_forge_lines_or_write_control_characters(
    logged: tuple[TestClient, io.StringIO, str], path: str
) -> None:
    client, buffer, fmt = logged
    response = client.get(path, headers={"X-Request-ID": "inj-1"})
    assert response.status_code in (200, 404)
    lines = _assert_one_record_a_line(buffer, fmt)
    access = [line for line in lines if "graphsvc.api.access" in line and "inj-1" in line]
    assert len(access) == 1, lines


def test_the_escapes_are_readable() -> None:
    assert escape_controls("a\nb\x1b[31m\u2028\x85\t") == "a\\nb\\x1b[31m\\u2028\\x85\\t"
    assert escape_controls("Zürich 北京 ok") == "Zürich 北京 ok"
    assert escape_controls("line 1\nline 2\x1b", keep_newlines=True) == "line 1\nline 2\\x1b"


def test_a_traceback_cannot_start_a_line_of_its_own(tmp_path: Path) -> None:
    buffer = io.StringIO()
    with saved_logging(*LOGGERS):
        configure_logging("text", stream=buffer)
        try:
            raise ValueError("bad input" + FORGED + "\x1b[2J")
        except ValueError:
            logging.getLogger("graphsvc.test").exception("failed")
    lines = buffer.getvalue().splitlines()
    assert RECORD_START.match(lines[0]) and lines[0].endswith("failed")
    assert len(lines) > 2 and all(line.startswith("  ") for line in lines[1:])
    assert "\x1b" not in buffer.getvalue() and "\\x1b[2J" in buffer.getvalue()


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(KEY, id="as written"),
        pytest.param(quote(KEY, safe=""), id="percent-encoded"),
        pytest.param(LOWER_HEX, id="lowercase hex"),
        pytest.param(quote_plus(KEY), id="form-encoded"),
        pytest.param("".join(f"%{b:02X}" for b in KEY.encode()), id="every byte encoded"),
        pytest.param(quote(KEY, safe="/+= "), id="partly encoded"),
    ],
)
def test_the_key_is_scrubbed_in_every_encoding(
    logged: tuple[TestClient, io.StringIO, str], encoded: str
) -> None:
    client, buffer, _fmt = logged
    for path in (f"/entities?q={encoded}", f"/no-such/{encoded}",
                 f"/entities?api_key={encoded}&limit=abc"):
        client.get(path.replace(" ", "%20"))
    written = buffer.getvalue()
    assert REDACTED in written
    forms = {KEY, quote(KEY, safe=""), LOWER_HEX, quote_plus(KEY), encoded,
             json.dumps(KEY)[1:-1]}
    for form in forms:
        assert form not in written, form
    assert "Zq" not in written  # no fragment of it either


def test_the_secret_pattern_matches_only_the_secret() -> None:
    pattern = re.compile(secret_pattern("a b/c"))
    for form in ("a b/c", "a+b/c", "a%20b%2Fc", "%61%20%62%2f%63", "a%20b/c"):
        assert pattern.fullmatch(form), form
    for other in ("a  b/c", "A b/c", "a b/", "a%2b/c", "ab/c"):
        assert not pattern.fullmatch(other), other
