"""The language an interview is in, detected offline from what its buyers say (lingua, models in its wheel).

A transcript that declares its language (the JSON ``language`` field) is taken at its word. Otherwise the
buyer-side text (the first ``SAMPLE_CHARS`` characters of the turns of every speaker not labelled as an
interviewer) is detected among the languages interviews are commonly held in; too little text is English by
default, and said so.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 3000
MIN_CHARS = 40
"""Below this many characters of speech a detection is a guess: the interview is taken to be English."""
_LANGUAGES = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "SWEDISH", "DANISH", "BOKMAL",
    "FINNISH", "POLISH", "CZECH", "RUSSIAN", "UKRAINIAN", "TURKISH", "ARABIC", "HEBREW", "HINDI", "CHINESE",
    "JAPANESE", "KOREAN", "INDONESIAN", "VIETNAMESE", "GREEK", "ROMANIAN", "HUNGARIAN",
)  # fmt: skip


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(texts: list[str]) -> str:
    """ISO 639-1 code ("en", "fr") of the language most of ``texts`` is in; "en" when there is too little text."""
    sample = "\n".join(texts)[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_CHARS:
        return "en"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else "en"
