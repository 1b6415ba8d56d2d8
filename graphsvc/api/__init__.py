"""The HTTP API (FastAPI): the only package that knows HTTP. Entry point: ``app.create_app``."""
