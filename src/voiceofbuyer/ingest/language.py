"""The language an interview is in, detected offline from what its buyers say (lingua, models in its wheel).

A transcript that declares its language (the JSON ``language`` field) is taken at its word. Otherwise the
buyer-side text (the first ``SAMPLE_CHARS`` characters of the turns of every speaker not labelled as an
interviewer) is detected among the languages interviews are commonly held in; too little text is English by
default, and said so.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from voiceofbuyer.stop_words import stop_words

if TYPE_CHECKING:
    from lingua import LanguageDetector

_WORD = re.compile(r"[^\W\d_]+")
"""A word, split at apostrophes ("it's" → "it", "s"): both halves are English stop words."""
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


OWN_STOP_SHARE = 0.25
"""A sentence with at least this share of its words among its interview language's stop words is in that language:
an English sentence has a third or more ("the", "we", "it", "of"); "Es regnet natürlich, wie immer in Hamburg." one
in seven."""


def other_language(text: str, language: str) -> str | None:
    """ISO 639-1 code of the language a sentence of an interview in ``language`` is said in, where that is another:
    "de" for "Hallo Herr Brenner, ja, alles gut." in an English call; None for a sentence in ``language``, one too
    short to tell (under 3 words), or a list of names ("SAP, Salesforce, HubSpot."). Three tests, each cheap before
    the next: few of the sentence's words (its first and those without a capital) are stop words of ``language``
    (``OWN_STOP_SHARE``), lingua finds another
    language at 0.5 or more, and a word of the sentence is a stop word of that language and not of ``language``
    (lingua alone reads "Understood - feel free to proceed" as Dutch)."""
    found_words = _WORD.findall(text)
    # Names are no language's words ("Le Petit Marché, La Grande Épicerie, Monoprix: each one wants ..."): the
    # sentence's first word, and those without a capital, are weighed (tester 52)
    words = [word.casefold() for word in found_words[:1] + [w for w in found_words[1:] if not w[0].isupper()]]
    own = stop_words(language)
    if len(found_words) < 3 or not own or sum(word in own for word in words) >= OWN_STOP_SHARE * len(words):
        return None
    found = _detector().compute_language_confidence_values(text)[0]
    code = found.language.iso_code_639_1.name.lower()
    if code == language or found.value < 0.5:
        return None
    theirs = stop_words(code) - own
    return code if any(word in theirs for word in words) else None
