"""spaCy's stop words of a language, without importing spaCy.

Importing ``spacy.lang.en.stop_words`` runs spaCy's package ``__init__``, which imports thinc and PyTorch: 1.5 s
of a warm re-run's 6 on a 2-core machine, where nothing else needs spaCy. The list is one plain Python file in the
installed package; it is read from there, so it stays spaCy's own list, whatever version is installed.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of ``language`` (ISO 639-1: "en", "de"), lower case, from ``spacy/lang/<language>/
    stop_words.py``'s ``STOP_WORDS`` (English's with the contractions in straight and curly apostrophes); empty where
    spaCy has none for it. Raises ``ImportError`` when spaCy is not installed."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        raise ImportError("spaCy is not installed")
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    if not language.isalpha() or not path.is_file():
        return frozenset()
    namespace: dict[str, object] = {}
    exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)  # a set literal and its updates, no imports
    return frozenset(namespace["STOP_WORDS"])  # type: ignore[arg-type]


def english_stop_words() -> frozenset[str]:
    """spaCy's English stop words (``stop_words("en")``)."""
    return stop_words("en")
