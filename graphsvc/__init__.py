"""graphsvc: news text to a geopolitical event knowledge graph.

``graphsvc.Client(base_url)`` talks to a running server; ``graphsvc.open(data_dir)`` gives the
same methods over a local store. Both are imported on first use, so ``import graphsvc`` stays
cheap (no httpx, NetworkX or spaCy until needed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Client", "__version__", "open"]

if TYPE_CHECKING:
    from graphsvc.client import Client
    from graphsvc.local import open


def __getattr__(name: str) -> Any:
    # PEP 562 lazy exports: the API and CLI import graphsvc for __version__ only.
    if name == "Client":
        from graphsvc.client import Client

        return Client
    if name == "open":
        from graphsvc.local import open

        return open
    raise AttributeError(f"module 'graphsvc' has no attribute {name!r}")
