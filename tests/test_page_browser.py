"""The explorer page in a real browser: `graphsvc serve` + headless Debian Chromium via Selenium.

Searches "Putin", expands a node, opens an edge's evidence and checks the sentence shown is the
one the API holds for that edge; saves a screenshot under the test's tmp dir. Also: /docs
(Swagger UI) renders with every host name but the server's unresolvable, and a page on another
origin cannot write to the server. Any console error fails a test, and a Content-Security-Policy
violation is one. Skips, saying why,
when Chromium, chromedriver, Selenium or the spaCy model are missing (scripts/test installs
chromium + chromium-driver with apt when it can). Selenium never downloads anything: the driver
path is given explicitly and SE_OFFLINE is set.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from livesrv import live_server

from graphsvc.settings import Settings

CHROMIUM = os.environ.get("GRAPHSVC_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("GRAPHSVC_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_SECONDS = 30


def _missing() -> str | None:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install selenium)"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() and os.access(path, os.X_OK)) and not shutil.which(path):
            return (f"{path} not found: install the Debian packages chromium and chromium-driver "
                    f"(scripts/test does so as root with apt-get); missing {package}")
    if importlib.util.find_spec(Settings().spacy_model) is None:
        return "the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `graphsvc serve` on a free port, a temp data dir and the repo's seeds."""
    with live_server(tmp_path_factory.mktemp("browser-data")) as base:
        yield base


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    # Selenium Manager must not fetch browsers or drivers: offline, explicit paths only.
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 # Offline: no host name resolves, so a CDN reference would fail the page.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1440,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        service=Service(executable_path=CHROMEDRIVER, log_output=str(tmp_path / "driver.log")),
        options=options,
    )
    driver.set_page_load_timeout(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, condition: Any, what: str) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, WAIT_SECONDS).until(condition)
    except TimeoutException:
        shown = driver.execute_script("return document.getElementById('status')?.textContent")
        pytest.fail(f"timed out waiting for {what}; page status: {shown!r}")


def _settled(driver: Any) -> bool:
    graph = driver.find_element("id", "graph")
    return bool(int(graph.get_attribute("data-nodes") or 0) > 0
                and graph.get_attribute("data-layout") == "stable")


def _evidence_by_key(server: str, entity_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """What the API holds for each edge around the given entities (all views)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for entity_id in entity_ids:
        body = httpx.get(f"{server}/entities/{entity_id}/neighbourhood",
                         params={"view": "all"}).json()
        for edge in body["edges"]:
            found[edge["key"]] = edge["evidence"]
    return found


def test_search_expand_and_read_evidence(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import ElementClickInterceptedException
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/")
    assert "graphsvc" in browser.title

    # Search with suggestions.
    browser.find_element(By.ID, "search").send_keys("Putin")
    suggestion = _wait(browser, lambda d: d.find_element(
        By.CSS_SELECTOR, "#suggestions li[data-id]"), "a search suggestion")
    assert "Putin" in suggestion.text
    center = suggestion.get_attribute("data-id")
    suggestion.click()
    _wait(browser, _settled, "the neighbourhood to be drawn")
    assert browser.find_element(By.CSS_SELECTOR, f'g.node.center[data-id="{center}"]')
    assert "Putin" in browser.find_element(By.CSS_SELECTOR, "#details h2").text

    # Expand a neighbour: it is marked expanded and the drawing keeps at least what it had.
    before = int(browser.find_element(By.ID, "graph").get_attribute("data-nodes"))
    neighbour = browser.find_element(By.CSS_SELECTOR, "g.node:not(.expanded)")
    neighbour_id = neighbour.get_attribute("data-id")
    neighbour.find_element(By.TAG_NAME, "circle").click()
    _wait(browser, lambda d: d.find_elements(
        By.CSS_SELECTOR, f'g.node.expanded[data-id="{neighbour_id}"]'), "the node to expand")
    _wait(browser, _settled, "the expanded layout to settle")
    assert int(browser.find_element(By.ID, "graph").get_attribute("data-nodes")) >= before

    # Open the evidence of an edge that has some, preferring one at the searched entity.
    evidence = _evidence_by_key(server, [center, neighbour_id])
    handles = [h for h in browser.find_elements(By.CSS_SELECTOR, "circle.edge-handle")
               if evidence.get(h.get_attribute("data-key") or "")]
    assert handles, "no drawn edge has evidence"
    handles.sort(key=lambda h: center not in (h.get_attribute("data-source"),
                                              h.get_attribute("data-target")))
    key = handles[0].get_attribute("data-key")
    try:
        handles[0].click()
    except ElementClickInterceptedException:
        # A node drawn over the edge's dot: the node panel lists the same edge.
        browser.find_element(By.CSS_SELECTOR, f'g.node[data-id="{center}"] circle').click()
        browser.find_element(By.CSS_SELECTOR, f'#details .edge-list li[data-key="{key}"]').click()
    shown = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence blockquote"),
                  "the evidence panel")
    expected = " ".join(evidence[key][0]["sentence"].split())
    assert " ".join(shown[0].text.split()) == expected
    facts = browser.find_element(By.ID, "edge-facts").text
    for label in ("Event type", "Date", "Confidence", "Negated"):
        assert label in facts
    assert evidence[key][0]["doc_id"] in browser.find_element(By.ID, "evidence").text
    assert browser.find_element(By.ID, "export").get_attribute("href").endswith("/export/graphml")

    screenshot = tmp_path / "explorer.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 10_000
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"JavaScript errors: {errors}"


def test_page_and_assets_are_local(server: str) -> None:
    """Everything the page loads comes from this server (it must work offline)."""
    page = httpx.get(f"{server}/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for asset in ("/static/explorer.js", "/static/explorer.css"):
        assert asset in page.text
        response = httpx.get(f"{server}{asset}")
        assert response.status_code == 200
        # The SVG namespace is a name, not something fetched.
        text = response.text.replace("http://www.w3.org/2000/svg", "")
        assert "http://" not in text and "https://" not in text
    missing = httpx.get(f"{server}/static/../settings.py")
    assert missing.status_code == 404


def _console_errors(driver: Any) -> list[Any]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_api_docs_render_offline(server: str, browser: Any, tmp_path: Path) -> None:
    """Swagger UI draws every operation of /openapi.json from files this server serves."""
    from selenium.webdriver.common.by import By

    operations = sum(len(ops) for ops in httpx.get(f"{server}/openapi.json").json()["paths"]
                     .values())
    browser.get(f"{server}/docs")
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".opblock")) >= operations,
          f"Swagger UI to draw {operations} operations")
    assert "graphsvc" in browser.find_element(By.CSS_SELECTOR, ".info .title").text
    # "Try it out" sends a real request from the page (connect-src 'self').
    browser.find_element(By.CSS_SELECTOR, '.opblock-summary-path[data-path="/stats"]').click()
    _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".try-out__btn"), "Try it out")
    browser.find_element(By.CSS_SELECTOR, ".try-out__btn").click()
    _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".btn.execute"), "Execute").click()
    status = _wait(browser, lambda d: d.find_element(
        By.CSS_SELECTOR, ".live-responses-table tr.response .response-col_status"),
        "the live response")
    assert status.text.strip().startswith("200")
    screenshot = tmp_path / "docs.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 10_000
    assert not _console_errors(browser), _console_errors(browser)


class _AttackerPage(BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        script = (f"fetch({self.target!r} + '/documents?id=cross-site', {{method: 'POST', "
                  "mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, "
                  "body: 'Nothing happened.'}).finally(() => { document.title = 'sent'; });")
        body = f"<!doctype html><title>attacker</title><script>{script}</script>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _attacker(target: str) -> Iterator[str]:
    """A page on another origin (another port of 127.0.0.1) that POSTs text/plain to
    ``target`` on load, as any web page can without a CORS preflight."""
    handler = type("Page", (_AttackerPage,), {"target": target})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_on_another_origin_cannot_write(server: str, browser: Any) -> None:
    with _attacker(server) as page:
        browser.get(page)
        _wait(browser, lambda d: d.title == "sent", "the attacker page's POST")
    assert httpx.get(f"{server}/documents/cross-site").status_code == 404
    # The same request from the server's own page (the explorer) is a write like any other.
    browser.get(f"{server}/")
    status = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/documents?id=same-origin', {method: 'POST', headers: {'Content-Type': "
        "'text/plain'}, body: 'Nothing happened.'}).then(r => done(r.status));")
    assert status == 201
    assert httpx.delete(f"{server}/documents/same-origin").status_code == 204
