"""docs/notebook.ipynb runs top to bottom against a live `graphsvc serve` (the repo's seeds).

Executed with nbclient on the ``python3`` kernel of this interpreter (ipykernel); the notebook
reads the server's address from ``GRAPHSVC_URL``. Any cell error fails the test. Skipped, saying
why, when nbclient / ipykernel or the spaCy model are missing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from livesrv import REPO, live_server

from graphsvc.settings import Settings

NOTEBOOK = REPO / "docs" / "notebook.ipynb"
CELL_SECONDS = 180


def _missing() -> str | None:
    for module, package in (("nbclient", "nbclient"), ("nbformat", "nbformat"),
                            ("ipykernel", "ipykernel")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (pip install nbclient ipykernel)"
    if importlib.util.find_spec(Settings().spacy_model) is None:
        return "the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `graphsvc serve` on a free port, a temp data dir and the repo's seeds."""
    with live_server(tmp_path_factory.mktemp("notebook-data")) as base:
        yield base


def test_notebook_runs_against_a_live_server(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nbclient
    import nbformat
    from nbclient.exceptions import CellExecutionError

    # The kernel inherits this environment: where the server is, a non-GUI matplotlib, and
    # Jupyter's new path scheme (the old one warns, and warnings are errors here).
    monkeypatch.setenv("GRAPHSVC_URL", server)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=CELL_SECONDS, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"a notebook cell failed:\n{error}")

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells and all(cell.execution_count for cell in code_cells)
    errors = [out for cell in code_cells for out in cell.outputs if out.output_type == "error"]
    assert not errors
    text = "".join(out.get("text", "") for cell in code_cells for out in cell.outputs
                   if out.output_type == "stream")
    # The analysis found something: a search hit, a neighbourhood, a path.
    assert "Vladimir Putin" in text
    assert "MultiDiGraph with" in text
    assert "shortest path(s)" in text and "\n0 shortest path(s)" not in text
