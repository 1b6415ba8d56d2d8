"""Request body media types: one parser for Content-Type, one allow-list of charsets.

Bodies are UTF-8 (US-ASCII is a subset). Any other declared charset is refused with 415 before
the body is decoded: a legacy decoder turns harmless-looking bytes into markup (UTF-7 reads
``+ADw-script+AD4-`` as ``<script>``), so text that passed through the API would no longer be
the text the client's checks saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

from graphsvc.errors import UnsupportedMediaType

__all__ = [
    "BODY_CHARSETS",
    "MediaType",
    "body_media_type",
    "check_body_charset",
    "require_media",
]

# Compared lowercased. "utf8" is not an IANA name but what many clients send for UTF-8.
BODY_CHARSETS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


@dataclass(frozen=True)
class MediaType:
    """A parsed Content-Type: ``type`` like ``text/plain``; ``codec`` to decode the body."""

    type: str
    codec: str

    @property
    def is_json(self) -> bool:
        maintype, _, subtype = self.type.partition("/")
        return maintype == "application" and (subtype == "json" or subtype.endswith("+json"))


def check_body_charset(header: str | None) -> str:
    """The codec for a body sent with Content-Type ``header`` (``utf-8`` when no charset is
    given); ``UnsupportedMediaType`` for any charset outside ``BODY_CHARSETS``."""
    if header is None:
        return "utf-8"
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    if charset is None:
        return "utf-8"
    name = str(charset).strip().lower()
    if name not in BODY_CHARSETS:
        raise UnsupportedMediaType(
            f"Request bodies must be UTF-8 (or US-ASCII), got charset={charset!s}",
            accepted_charsets=sorted(BODY_CHARSETS),
        )
    return "ascii" if "ascii" in name else "utf-8"


def body_media_type(header: str) -> MediaType:
    """``header`` parsed; a refused charset is ``UnsupportedMediaType``. A header that is no
    media type at all parses as ``text/plain`` (``email.message``'s rule): see ``require_media``.
    """
    codec = check_body_charset(header)
    message = Message()
    message["content-type"] = header
    return MediaType(message.get_content_type(), codec)


def require_media(header: str | None, *, plain_text: bool = False) -> MediaType:
    """The body's media type when it is JSON (or ``text/plain`` where ``plain_text``);
    otherwise ``UnsupportedMediaType`` naming what the route takes."""
    expected = "application/json or text/plain" if plain_text else "application/json"
    if header is None:
        raise UnsupportedMediaType(f"Send the body as {expected} with a Content-Type")
    media = body_media_type(header)
    # Not what was sent (e.g. "textplain", read as text/plain by the parser): not a media type.
    sent = header.partition(";")[0].strip().lower()
    if sent == media.type and (media.is_json or (plain_text and media.type == "text/plain")):
        return media
    raise UnsupportedMediaType(f"Expected {expected}, got {header}")
