"""Concurrency over real HTTP: one client ingests documents (one at a time, then a batch)
into uvicorn on 127.0.0.1 while reader threads query; no request fails, no response shows a
document half-applied, and the end state equals a sequential ingest of the same documents.

Each document tells a three-relation story among three actors of its own (``pair_text``), so
"half-applied" is observable: in any one response a document's relations are all there or none.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from test_reliability_http_fakes import live_server, make_service, pair_text

from graphsvc.api.app import create_app
from graphsvc.records import Document

SINGLE = 40  # documents POSTed one by one
BATCH = 80  # then in one POST /documents/batch
READERS = 8
MAX_SECONDS = 60
PER_DOC = 3  # relations in each document's story


def documents() -> list[dict[str, str]]:
    return [
        {"id": f"c-{n:03d}", "text": pair_text(f"C{n}"), "date": f"2024-05-{n % 28 + 1:02d}"}
        for n in range(SINGLE + BATCH)
    ]


def relations_per_doc(edges: list[dict[str, Any]]) -> Counter[str]:
    return Counter(ev["doc_id"] for edge in edges for ev in edge["evidence"])


def test_ingest_while_querying(tmp_path: Path) -> None:
    service = make_service(tmp_path / "live")
    app = create_app(service.settings, service)
    docs = documents()
    stop = threading.Event()
    requests: Counter[str] = Counter()
    failures: list[str] = []
    torn: list[str] = []
    seen: set[int] = set()  # how many documents readers saw: proof they overlapped writes
    lock = threading.Lock()

    def note(kind: str, response: httpx.Response) -> None:
        with lock:
            requests[kind] += 1
            if not response.is_success:
                failures.append(f"{kind} {response.status_code} {response.text[:200]}")

    def check(kind: str, counts: Counter[str]) -> None:
        bad = {doc: n for doc, n in counts.items() if n != PER_DOC}
        if bad:
            with lock:
                torn.append(f"{kind}: {bad}")

    def reader(base: str, index: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                relations = http.get("/relations", params={"limit": 1000})
                note("relations", relations)
                per_doc = relations_per_doc(relations.json()["items"])
                check("relations", per_doc)
                with lock:
                    seen.add(len(per_doc))
                export = http.get("/export/json")
                note("export", export)
                check("export", relations_per_doc(export.json()["edges"]))
                probe = f"P_ArdenC{index * 7 % (SINGLE + BATCH)}"
                hood = http.get(f"/entities/{probe}/neighbourhood", params={"depth": 2})
                if hood.status_code != 404:  # not ingested yet: fine
                    note("neighbourhood", hood)
                    if hood.status_code == 200:
                        check("neighbourhood", relations_per_doc(hood.json()["edges"]))
                note("stats", http.get("/stats"))

    with live_server(app) as base:
        threads = [threading.Thread(target=reader, args=(base, i)) for i in range(READERS)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        with httpx.Client(base_url=base, timeout=60) as writer:
            for doc in docs[:SINGLE]:
                note("post", writer.post("/documents", json=doc))
            note("batch", writer.post("/documents/batch", json=docs[SINGLE:]))
        # Let the readers see the final state for a moment too.
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join(MAX_SECONDS)
        elapsed = time.monotonic() - started
        with httpx.Client(base_url=base, timeout=30) as http:
            final_stats = http.get("/stats").json()
            final_keys = {e["key"] for e in http.get("/export/json").json()["edges"]}

    statuses = {kind: n for kind, n in requests.items()}
    print(f"\nconcurrency: {sum(requests.values())} requests in {elapsed:.1f} s {statuses}, "
          f"{len(failures)} failures, {len(torn)} torn reads, {len(seen)} distinct states seen")
    assert not failures, failures[:5]
    assert not torn, torn[:5]
    assert len(seen) >= 3, f"readers never overlapped the writes: {sorted(seen)}"

    sequential = make_service(tmp_path / "sequential")
    for doc in docs:
        sequential.ingest(Document.model_validate(doc))
    graph = sequential.graph
    assert final_stats["documents"] == len(docs) == sequential.store.counts()["documents"]
    assert final_stats["nodes"] == graph.number_of_nodes()
    assert final_stats["edges"] == graph.number_of_edges() == len(docs) * PER_DOC
    assert final_stats["evidence"] == sequential.store.counts()["evidence"]
    assert final_keys == {key for _u, _v, key in graph.edges(keys=True)}
    sequential.close()
    service.close()
