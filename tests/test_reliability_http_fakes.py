"""Helpers for the HTTP reliability tests (no tests here): a rule-based extractor that needs no
spaCy model, a service factory, and a real uvicorn server on loopback in a thread."""

from __future__ import annotations

import io
import logging
import re
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.service import GraphService
from graphsvc.settings import Settings

__all__ = [
    "PairExtractor",
    "live_server",
    "make_service",
    "pair_text",
    "saved_logging",
]

_VERBS = {"met": ("met_with", "040", True), "criticised": ("criticize", "111", False)}
_SENTENCE = re.compile(r"[^.]+\.")
_CLAUSE = re.compile(r"^\s*([A-Z][A-Za-z0-9]+) (met|criticised) ([A-Z][A-Za-z0-9]+)\b")


def pair_text(tag: str) -> str:
    """A three-sentence story among three actors named after ``tag``: three relations."""
    a, b, c = f"Arden{tag}", f"Belmor{tag}", f"Corvin{tag}"
    return f"{a} met {b} on Monday. {b} criticised {c} over trade. {a} met {c} in the evening."


class PairExtractor:
    """Reads "<Name> met|criticised <Name>" sentences of any text; evidence offsets are real.
    Each capitalised name becomes a person whose id is ``P_`` + the name."""

    def extract(self, doc: Document) -> Extraction:
        entities: dict[str, Entity] = {}
        relations: list[Relation] = []
        for found in _SENTENCE.finditer(doc.text):
            clause = _CLAUSE.match(found.group())
            if clause is None:
                continue
            source, verb, target = clause.groups()
            label, cameo, symmetric = _VERBS[verb]
            for name in (source, target):
                entities.setdefault(name, Entity(id=f"P_{name}", name=name, type="PERSON"))
            relations.append(
                Relation(
                    source=f"P_{source}",
                    target=f"P_{target}",
                    relation=label,
                    cameo=cameo,
                    date=doc.date,
                    symmetric=symmetric,
                    confidence=0.8,
                    evidence=[
                        Evidence(
                            doc_id=doc.id,
                            sentence=found.group().strip(),
                            start=found.start(),
                            end=found.end(),
                            trigger=verb,
                            extractor_version="pair-1",
                        )
                    ],
                )
            )
        return Extraction(
            id=doc.id, date=doc.date, entities=list(entities.values()), relations=relations
        )

    def extract_many(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)


def make_service(data_dir: Path, **settings: object) -> GraphService:
    """A real service (SQLite store) on ``data_dir`` fed by ``PairExtractor``."""
    config = Settings(data_dir=data_dir, seeds_dir=data_dir / "no-seeds", **settings)  # type: ignore[arg-type]
    return GraphService(config, extractor=PairExtractor())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 (a free port) in a thread; yields the base URL.
    ``log_config=None``: the test process's logging stays as it is."""
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_config=None,
                            access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(20)


@contextmanager
def saved_logging(*names: str) -> Iterator[None]:
    """Restores the handlers, level, propagation and disabled flag of the named loggers (an
    app that owns its service reconfigures logging at startup)."""
    loggers = [logging.getLogger(name) for name in names]
    saved = [(lg, list(lg.handlers), lg.level, lg.propagate, lg.disabled) for lg in loggers]
    try:
        yield
    finally:
        for logger, handlers, level, propagate, disabled in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
            logger.propagate = propagate
            logger.disabled = disabled


LOGGERS = ("graphsvc", "uvicorn", "uvicorn.access")


@contextmanager
def logged_app(data_dir: Path, key: str, fmt: str, **client: object
               ) -> Iterator[tuple[TestClient, io.StringIO]]:
    """A keyed app whose logs go, formatted as the server formats them (``fmt``: text or
    json), to a buffer; the loggers are restored afterwards."""
    from graphsvc.api.app import create_app
    from graphsvc.api.logs import configure_logging

    service = make_service(data_dir, api_key=key, log_format=fmt)
    buffer = io.StringIO()
    try:
        with saved_logging(*LOGGERS):
            configure_logging(fmt, secrets=[key], stream=buffer, level=logging.DEBUG)
            with TestClient(create_app(service.settings, service), **client) as test_client:
                yield test_client, buffer
    finally:
        service.close()
