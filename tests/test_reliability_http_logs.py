"""Structured logs: every line of a request carries its id (echoed in X-Request-ID), text or
JSON per GRAPHSVC_LOG_FORMAT, and the API key never reaches a log line."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import logged_app, pair_text

from graphsvc.api.requestlog import request_id_from

KEY = "k3y-Zq8-never-in-logs"


@pytest.fixture(params=["text", "json"])
def logged(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[TestClient, io.StringIO, str]]:
    """A keyed app whose graphsvc logs go, formatted as the server formats them, to a buffer."""
    fmt: str = request.param
    with logged_app(tmp_path / "d", KEY, fmt) as (client, buffer):
        yield client, buffer, fmt


def lines_of(buffer: io.StringIO, fmt: str) -> list[dict[str, str]]:
    """Each log line as {request_id, message}: parsed JSON, or the text layout's fields."""
    out = []
    for line in buffer.getvalue().splitlines():
        if fmt == "json":
            entry = json.loads(line)
            out.append({"request_id": entry["request_id"], "message": entry["message"],
                        "raw": line})
        else:
            # 2024-05-16T10:00:00.000Z INFO logger [id] message
            _ts, _level, _logger, rid, message = line.split(" ", 4)
            out.append({"request_id": rid.strip("[]"), "message": message, "raw": line})
    return out


def test_every_line_of_a_request_carries_its_id(
    logged: tuple[TestClient, io.StringIO, str],
) -> None:
    client, buffer, fmt = logged
    response = client.post(
        "/documents",
        json={"id": "log-1", "text": pair_text("L"), "date": "2024-05-16"},
        headers={"X-API-Key": KEY, "X-Request-ID": "trace-abc.123"},
    )
    assert response.status_code == 201
    assert response.headers["x-request-id"] == "trace-abc.123"
    lines = [entry for entry in lines_of(buffer, fmt) if entry["request_id"] == "trace-abc.123"]
    messages = [entry["message"] for entry in lines]
    assert any("'log-1' created" in m for m in messages)  # the route's own line
    assert any(m.startswith("POST /documents 201") for m in messages)  # the access line
    assert len(lines) == len(lines_of(buffer, fmt)), "a line without the request's id"


def test_json_lines_have_fields(logged: tuple[TestClient, io.StringIO, str]) -> None:
    client, buffer, fmt = logged
    client.get("/entities", params={"limit": 3})
    if fmt != "json":
        return
    access = [json.loads(line) for line in buffer.getvalue().splitlines()][-1]
    assert access["logger"] == "graphsvc.api.access"
    assert access["method"] == "GET" and access["path"] == "/entities"
    assert access["status"] == 200 and access["query"] == "limit=3"
    assert access["duration_ms"] >= 0 and access["level"] == "INFO"
    assert access["ts"].endswith("Z")


@pytest.mark.parametrize(
    ("header", "kept"),
    [
        ("abc-123", True),
        ("0f8fad5b-d9cb-469f-a165-70867728950e", True),
        ("a" * 128, True),
        ("a" * 129, False),
        ("", False),
        ("two words", False),
        ("line\nbreak", False),
        ('{"json": 1}', False),
    ],
)
def test_request_ids_are_kept_only_when_sane(header: str, kept: bool) -> None:
    got = request_id_from(header)
    assert (got == header) is kept
    assert 1 <= len(got) <= 128 and " " not in got and "\n" not in got


def test_distinct_requests_get_distinct_ids(logged: tuple[TestClient, io.StringIO, str]) -> None:
    client, _buffer, _fmt = logged
    ids = {client.get("/health").headers["x-request-id"] for _ in range(5)}
    assert len(ids) == 5


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("POST", "/documents", {"json": {"id": "s-1", "text": pair_text("S")}}),
        ("POST", "/documents", {"json": {"id": "s-2"}}),  # 422
        ("POST", "/documents/batch", {"content": b"[{", "headers": {}}),  # malformed
        ("DELETE", "/documents/nope", {}),  # 404
        ("GET", f"/entities?q={KEY}", {}),  # the key pasted into a URL: scrubbed
        ("POST", f"/documents?id={KEY}", {"content": b"x", "headers": {}}),
    ],
)
@pytest.mark.parametrize("key", [KEY, KEY + "-wrong", None])
def test_the_api_key_is_never_logged(
    logged: tuple[TestClient, io.StringIO, str],
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    kwargs: dict[str, object],
    key: str | None,
) -> None:
    client, buffer, _fmt = logged
    kwargs = dict(kwargs)
    headers: dict[str, str] = {"Content-Type": "application/json"}
    headers.update(kwargs.pop("headers", {}) or {})  # type: ignore[call-overload]
    if key is not None:
        headers["X-API-Key"] = key
    with caplog.at_level(logging.DEBUG):
        response = client.request(method, path, headers=headers, **kwargs)  # type: ignore[arg-type]
    assert response.status_code < 500
    written = buffer.getvalue()
    assert written, "nothing was logged"
    assert KEY not in written
    # What the code asks to log, before the handler's scrubbing: the key only where the
    # client itself put it into the URL.
    raw = [record.getMessage() for record in caplog.records]
    if KEY not in path:
        assert not any(KEY in message for message in raw)
