"""graphsvc: news text to a geopolitical event knowledge graph."""

__version__ = "0.1.0"
__all__ = ["__version__"]
