"""What a web browser can be made to do to the API: cross-site writes (403), bodies in a charset
other than UTF-8 (415), and the headers every response carries (CSP, nosniff, Referrer-Policy);
/docs served from this server. In process, with the rule-based extractor (no spaCy model)."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import make_service, pair_text

from graphsvc.api.app import create_app
from graphsvc.api.browser import cross_site_reason
from graphsvc.api.routes.page import STATIC_DIR
from graphsvc.service import GraphService

OWN = "http://testserver"  # TestClient's origin
JSON = {"Content-Type": "application/json"}
PLAIN = {"Content-Type": "text/plain"}
ALLOWED = "https://analyst.example"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, GraphService]]:
    service = make_service(tmp_path / "d", allowed_origins=ALLOWED)
    with TestClient(create_app(service.settings, service), raise_server_exceptions=False) as c:
        yield c, service
    service.close()


def _state(service: GraphService) -> tuple[Any, ...]:
    return (service.store.counts(), service.graph.number_of_edges(),
            tuple(d.id for d in service.store.list_documents(offset=0, limit=1000)))


def _problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code and body["detail"]
    return body


# --- 2. cross-site writes -------------------------------------------------------------------

# What browsers send from a page on another origin. Another port on the same host is
# "same-site" (ports do not make a site), which is how a local page reaches a loopback server.
CROSS_SITE = [
    pytest.param({"Origin": "http://attacker.example", "Sec-Fetch-Site": "cross-site"},
                 id="other site"),
    pytest.param({"Origin": "http://testserver:8080", "Sec-Fetch-Site": "same-site"},
                 id="other port"),
    pytest.param({"Origin": "http://attacker.example"}, id="Origin only (older browser)"),
    pytest.param({"Sec-Fetch-Site": "cross-site"}, id="Sec-Fetch-Site only"),
    pytest.param({"Origin": "null"}, id="sandboxed or file page"),
    pytest.param({"Origin": "https://testserver"}, id="other scheme"),
]
WRITES = [
    pytest.param("POST", "/documents?id=x1", {"content": pair_text("X").encode(),
                                              "headers": PLAIN}, id="plain text"),
    pytest.param("POST", "/documents", {"json": {"id": "x2", "text": pair_text("Y")}},
                 id="json"),
    pytest.param("POST", "/documents/batch", {"json": [{"id": "x3", "text": pair_text("Z")}]},
                 id="batch"),
    pytest.param("DELETE", "/documents/seed-1", {}, id="delete"),
    pytest.param("PUT", "/documents/seed-1", {"json": {}}, id="put"),
    pytest.param("PATCH", "/documents/seed-1", {"json": {}}, id="patch"),
]


@pytest.mark.parametrize("browser_headers", CROSS_SITE)
@pytest.mark.parametrize(("method", "path", "kwargs"), WRITES)
def test_cross_site_writes_are_refused_and_write_nothing(
    client: tuple[TestClient, GraphService],
    browser_headers: dict[str, str],
    method: str,
    path: str,
    kwargs: dict[str, Any],
) -> None:
    http, service = client
    assert http.post("/documents", json={"id": "seed-1", "text": pair_text("S")}).status_code \
        == 201
    before = _state(service)
    kwargs = {**kwargs, "headers": {**kwargs.get("headers", {}), **browser_headers}}
    body = _problem(http.request(method, path, **kwargs), 403, "E013")
    assert "GRAPHSVC_ALLOWED_ORIGINS" in body["detail"]
    assert _state(service) == before


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no browser (curl, httpx, the client)"),
        pytest.param({"Origin": OWN, "Sec-Fetch-Site": "same-origin"}, id="same origin"),
        pytest.param({"Origin": OWN}, id="same origin, no Sec-Fetch-Site"),
        pytest.param({"Origin": ALLOWED, "Sec-Fetch-Site": "cross-site"}, id="allowed origin"),
        pytest.param({"Origin": ALLOWED.upper()}, id="allowed origin, other case"),
        pytest.param({"Sec-Fetch-Site": "none"}, id="typed by the user"),
    ],
)
def test_same_origin_allowed_and_non_browser_writes_pass(
    client: tuple[TestClient, GraphService], headers: dict[str, str]
) -> None:
    http, service = client
    response = http.post("/documents?id=ok", content=pair_text("O").encode(),
                         headers={**PLAIN, **headers})
    assert response.status_code == 201, response.text
    assert service.store.get_document("ok") is not None


def test_cross_site_reads_stay_open(client: tuple[TestClient, GraphService]) -> None:
    http, _service = client
    headers = {"Origin": "http://attacker.example", "Sec-Fetch-Site": "cross-site"}
    assert http.get("/entities", headers=headers).status_code == 200
    assert http.get("/stats", headers=headers).status_code == 200


def test_the_policy_is_one_pure_function() -> None:
    allowed = frozenset({ALLOWED})
    assert cross_site_reason(None, None, OWN, allowed) is None
    assert cross_site_reason(OWN, "same-origin", OWN, allowed) is None
    assert cross_site_reason(ALLOWED, "cross-site", OWN, allowed) is None
    assert "same-site" in (cross_site_reason(OWN + ":1", "same-site", OWN, allowed) or "")
    assert "Origin" in (cross_site_reason("null", None, OWN, allowed) or "")


def test_a_bad_allowed_origin_is_refused_at_startup(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from graphsvc.settings import Settings

    for bad in ("*", "attacker.example", "http://a.example/path"):
        with pytest.raises(ValidationError):
            Settings(allowed_origins=bad)  # type: ignore[arg-type]
    parsed = Settings(allowed_origins=" https://A.example/ ,http://localhost:3000")  # type: ignore[arg-type]
    assert parsed.allowed_origins == ("https://a.example", "http://localhost:3000")


# --- 2. content types a write route takes -----------------------------------------------------

@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/documents", "application/x-www-form-urlencoded"),
        ("/documents", "multipart/form-data; boundary=x"),
        ("/documents", "text/html"),
        ("/documents", "application/xml"),
        ("/documents", "textplain"),  # no media type (email.message would read text/plain)
        ("/documents", "application/"),
        ("/documents/batch", "applicationjson"),
        ("/documents/batch", "text/plain"),
        ("/documents/batch", "application/x-www-form-urlencoded"),
    ],
)
def test_write_routes_take_json_or_documented_plain_text_only(
    client: tuple[TestClient, GraphService], path: str, content_type: str
) -> None:
    http, service = client
    before = _state(service)
    body = json.dumps({"id": "t", "text": pair_text("T")}).encode()
    _problem(http.post(path, content=body, headers={"Content-Type": content_type}), 415, "E007")
    assert _state(service) == before


# --- 9. charsets ------------------------------------------------------------------------------

UTF7_MARKUP = b"+ADw-script+AD4-alert(1)+ADw-/script+AD4- Arden met Belmor."


@pytest.mark.parametrize(
    ("path", "content", "content_type"),
    [
        pytest.param("/documents?id=u7", UTF7_MARKUP, "text/plain; charset=utf-7", id="utf-7"),
        pytest.param("/documents?id=u7", UTF7_MARKUP, "text/plain; charset=UTF-7",
                     id="UTF-7 upper"),
        pytest.param("/documents?id=u7", UTF7_MARKUP, 'text/plain; charset="utf-7"',
                     id="utf-7 quoted"),
        pytest.param("/documents?id=l1", "café".encode("latin-1"),
                     "text/plain; charset=iso-8859-1", id="latin-1"),
        pytest.param("/documents?id=u16", "Arden met Belmor.".encode("utf-16"),
                     "text/plain; charset=utf-16", id="utf-16 text"),
        pytest.param("/documents", json.dumps({"id": "j7", "text": "+ADw-b+AD4-"}).encode(),
                     "application/json; charset=utf-7", id="json utf-7"),
        pytest.param("/documents", json.dumps({"id": "j16", "text": "x"}).encode("utf-16"),
                     "application/json", id="json utf-16 with BOM, no charset"),
        pytest.param("/documents", json.dumps({"id": "j16", "text": "x"}).encode("utf-16-be"),
                     "application/json", id="json utf-16-be, no BOM"),
        pytest.param("/documents/batch",
                     json.dumps([{"id": "b16", "text": "x"}]).encode("utf-32"),
                     "application/json", id="batch utf-32"),
        pytest.param("/documents/batch", b'[{"id": "b7", "text": "x"}]',
                     "application/json; charset=utf-7", id="batch utf-7"),
        pytest.param("/documents", b"{", "application/json; charset=klingon",
                     id="unknown charset before malformed JSON"),
    ],
)
def test_bodies_in_other_charsets_are_415(
    client: tuple[TestClient, GraphService], path: str, content: bytes, content_type: str
) -> None:
    http, service = client
    before = _state(service)
    body = _problem(http.post(path, content=content, headers={"Content-Type": content_type}),
                    415, "E007")
    assert "UTF-8" in body["detail"]
    assert _state(service) == before


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"Arden met Belmor.", "text/plain; charset=utf-8"),
        (b"Arden met Belmor.", "text/plain; charset=UTF-8"),
        (b"Arden met Belmor.", "text/plain; charset=utf8"),
        (b"Arden met Belmor.", "text/plain; charset=us-ascii"),
        (b"Arden met Belmor.", "text/plain; charset=ASCII"),
        ("Ärden met Bëlmor.".encode(), "text/plain"),
        (codecs.BOM_UTF8 + b'{"id": "ok", "text": "Arden met Belmor."}', "application/json"),
        (b'{"id": "ok", "text": "Arden met Belmor."}', "application/json; charset=utf-8"),
    ],
)
def test_utf8_and_ascii_bodies_are_accepted(
    client: tuple[TestClient, GraphService], content: bytes, content_type: str
) -> None:
    http, service = client
    response = http.post("/documents?id=ok", content=content,
                         headers={"Content-Type": content_type})
    assert response.status_code == 201, response.text
    assert "met B" in (service.store.get_document("ok") or pytest.fail("not stored")).text


def test_ascii_declared_but_not_ascii_is_422(client: tuple[TestClient, GraphService]) -> None:
    http, service = client
    response = http.post("/documents?id=a", content="café".encode(),
                         headers={"Content-Type": "text/plain; charset=us-ascii"})
    _problem(response, 422, "E001")
    assert service.store.get_document("a") is None


# --- 8. headers -------------------------------------------------------------------------------

def _csp(response: Any) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return {d.split()[0]: d.partition(" ")[2] for d in (p.strip() for p in policy.split(";")) if d}


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_pages_have_a_strict_csp(client: tuple[TestClient, GraphService], path: str) -> None:
    http, _service = client
    response = http.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = _csp(response)
    assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert "unsafe" not in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/entities"), ("GET", "/stats"), ("GET", "/entities/nobody"),
     ("GET", "/no-such-route"), ("GET", "/openapi.json"), ("GET", "/export/edges.csv"),
     ("GET", "/static/explorer.js"), ("GET", "/static/favicon.svg"), ("POST", "/documents")],
)
def test_every_response_has_nosniff_and_a_load_nothing_csp(
    client: tuple[TestClient, GraphService], method: str, path: str
) -> None:
    http, _service = client
    response = http.request(method, path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    csp = _csp(response)
    assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert len(response.headers.get_list("content-security-policy")) == 1
    assert len(response.headers.get_list("x-content-type-options")) == 1


_INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),  # inline script
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle=", re.I),
    re.compile(r"\son[a-z]+=", re.I),  # onclick= and friends
    re.compile(r"javascript:", re.I),
]


@pytest.mark.parametrize("page", ["index.html", "docs.html"])
def test_pages_need_nothing_the_csp_refuses(page: str) -> None:
    html = (STATIC_DIR / page).read_text()
    for pattern in _INLINE:
        assert not pattern.search(html), f"{page}: {pattern.pattern}"
    assert "http://" not in html and "https://" not in html


def test_docs_are_served_from_this_server(client: tuple[TestClient, GraphService]) -> None:
    http, _service = client
    page = http.get("/docs").text
    for asset, media in (("static/swagger-ui-bundle.js", "text/javascript"),
                         ("static/swagger-ui.css", "text/css"),
                         ("static/docs.js", "text/javascript")):
        assert f'"{asset}"' in page
        response = http.get(f"/{asset}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
    assert "SwaggerUIBundle" in http.get("/static/swagger-ui-bundle.js").text
    assert http.get("/redoc").status_code == 404
    assert http.get("/docs/oauth2-redirect").status_code == 404


@pytest.mark.parametrize("content_type", ["garbage", ";", "a/b/c", "text/plain; charset"])
def test_malformed_content_types_are_4xx(
    client: tuple[TestClient, GraphService], content_type: str
) -> None:
    http, service = client
    before = _state(service)
    for path in ("/documents", "/documents/batch"):
        response = http.post(path, content=b"[]", headers={"Content-Type": content_type})
        assert 400 <= response.status_code < 500, (path, response.text)
    # An empty charset is still a declared charset other than UTF-8: 415 on any write.
    assert http.request("DELETE", "/documents/none", headers={"Content-Type": content_type}
                        ).status_code in (404, 415)
    assert _state(service) == before
