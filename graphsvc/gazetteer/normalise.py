"""Surface-form keys for gazetteer matching: one function used by the build script and the loader.

An alias is an *acronym* when it has no lowercase letter ("US", "U.S.", "NATO", "G20"): its key
keeps case and drops dots and spaces, so "U.S." == "US" but "us" never matches. Every other alias
is folded: accents removed, case folded, dots/apostrophes dropped, hyphens as spaces, so
"Côte d’Ivoire" == "Cote d'Ivoire" and "Nagorno-Karabakh" == "Nagorno Karabakh".
A leading "the " and a trailing possessive "'s" are dropped from both aliases and queries.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "COMMON_WORDS",
    "acronym_key",
    "clean_surface",
    "fold_key",
    "is_acronym",
    "needs_capital",
]

# Aliases that are also everyday English words: they match only when the text capitalises them
# ("Turkey" the state, not "turkey" the bird; "Amnesty" the NGO, not an amnesty).
COMMON_WORDS = frozenset(
    {
        "amnesty", "arctic", "atlantic", "baltic", "blue house", "brit", "brits", "capitol",
        "caribbean", "chad", "china", "commonwealth", "congo", "congress", "danish", "diet",
        "downing street", "dutch", "english", "fano", "finn", "finnish", "finns", "french",
        "general assembly", "georgia", "guinea", "holland", "jordan", "kiwi", "kremlin", "lao",
        "male", "mediterranean", "memorial", "pacific", "papua", "pentagon", "pole", "poles",
        "polish",
        "quad", "rada", "red army", "red crescent", "red cross", "scots", "security council",
        "security service", "senate", "swede", "swedes", "swiss", "turk", "turkey", "turkish",
        "turks", "wagner", "welsh", "westminster", "white house", "whitehall",
    }
)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s$|(?<=s)'$", re.IGNORECASE)


def clean_surface(text: str) -> str:
    """Unicode-normalise quotes/dashes/space, drop a leading "the " and a trailing "'s"."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip()
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def is_acronym(text: str) -> bool:
    """True for "US", "U.S.", "NATO", "G20", "MI6", "OPEC+" (no lowercase, has a capital)."""
    cleaned = clean_surface(text)
    return (
        bool(cleaned)
        and not any(c.islower() for c in cleaned)
        and any(c.isupper() for c in cleaned)
        and len(cleaned.replace(".", "").replace(" ", "")) <= 8
    )


def acronym_key(text: str) -> str:
    """Case-kept key of an acronym: dots and spaces dropped ("U.S." -> "US")."""
    return clean_surface(text).replace(".", "").replace(" ", "")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_key(text: str) -> str:
    """Case- and accent-folded key ("Côte d’Ivoire" -> "cote divoire")."""
    text = _strip_accents(clean_surface(text)).casefold()
    text = text.replace(".", "").replace("'", "").replace("-", " ")
    text = text.replace("ı", "i")  # dotless i survives NFKD (Yıldırım)
    return _SPACES.sub(" ", text).strip()


def needs_capital(alias: str) -> bool:
    """Whether a folded alias matches only text that starts with a capital letter."""
    return fold_key(alias) in COMMON_WORDS
