"""Fuzzing: schemathesis generates requests, valid and invalid, for every operation of the
app's live OpenAPI schema (/openapi.json, in process over ASGI) and checks each response: no
5xx, a documented status, a documented content type and headers, a body matching the schema.

Bounded and deterministic: ``MAX_EXAMPLES`` per operation, ``derandomize`` (a fixed seed), so
CI sees the same inputs every run. Not checked: ``positive_data_acceptance`` (semantic rules
the schema's syntax cannot state reject some schema-valid values: 30 February, since after
until, a PLOVER type outside the ontology) and ``negative_data_rejection`` (query strings are
untyped text: "19" for a string parameter generated as the number 19 is still valid).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_reliability_http_fakes import make_service, pair_text

from graphsvc.api.app import create_app
from graphsvc.records import Document

MAX_EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
STATUSES: Counter[int] = Counter()


# The schema is read at collection (parametrize needs its operations), so the app is built at
# import, on a temporary directory that the module's teardown removes.
_TMP = tempfile.TemporaryDirectory(prefix="graphsvc-fuzz-")
_SERVICE = make_service(Path(_TMP.name) / "d")
for _n in range(3):
    _SERVICE.ingest(Document(id=f"seed-{_n}", text=pair_text(str(_n)), date=f"2024-0{_n + 1}"))
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_SERVICE.settings, _SERVICE))


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    _SERVICE.close()
    _TMP.cleanup()
    # Shown with -s; docs/reliability-http.md quotes it.
    print(f"\nfuzz: {sum(STATUSES.values())} requests, statuses {dict(sorted(STATUSES.items()))}")
    assert not any(status >= 500 for status in STATUSES)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_schema_conformant_responses(case: schemathesis.Case) -> None:
    response = case.call_and_validate(checks=CHECKS)
    STATUSES[response.status_code] += 1
