"""Which filler-looking words were meant: "ER" and "UM Health" in capitals, "5 mm" and "a few mm", "in mm", a word
reported or quoted ('typed "uh-huh"'), a name ("Ah Beng"). The rest are fillers the clean-up removes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .stutters import Token, opens_sentence


def meant(text: str, tokens: Sequence[Token], match: re.Match[str], index: int | None) -> bool:
    """Whether the filler-looking word ``match`` (the spaCy token ``tokens[index]`` of ``text``) is a word meant,
    not a filler: shouted in capitals, reported, after a number (a unit, "5 mm"; or between two amounts, "2 er 3%",
    "40 er 45,000", where the numbers would run together without it: "2 3%" reads as 23%; tester 29), part of a
    name, a preposition's object, or a unit after a quantity."""
    word = match.group().rstrip(",.…—–")
    previous = tokens[index - 1] if index else None
    shouted = len(word) > 1 and word.isupper() and not text.isupper()
    return (
        shouted
        or _reported(text, match, previous)
        or (previous is not None and previous.like_num)
        or _in_a_name(text, match, word)
        or _object_after(text, tokens, index)
        or _unit_after_a_quantity(text, tokens, index, word)
    )


_REPORTING_VERBS = frozenset({"said", "typed", "replied", "answered", "wrote"})
"""Words that report what was said: a filler right after them is the word reported ("I'd say um" is a filler)."""
_OPENING_QUOTES = ('"', "“")
_CLOSING_QUOTES = ('"', "”")


_NAMING_POS = frozenset({"NOUN", "PROPN"})
_AFTER_A_PHRASE_POS = frozenset({"CCONJ", "AUX", "VERB", "ADP", "PART", "SCONJ"})


def _object_after(text: str, tokens: Sequence[Token], index: int | None) -> bool:
    """Whether a filler-looking word is the object of the preposition right before it (of the determiner too in
    all-caps text, whose capitals tell nothing: "IN THE ER, MOSTLY"): "drawings are in mm and", "thickness in um, Ohio
    in mils", "Tolerances in mm should". It is one when spaCy reads it as a noun, or when the phrase ends with it: a
    conjunction, a verb, or a comma and a noun after it. Set off by a comma ("about, uh, eighteen") or with the
    phrase going on after it ("about uh eighteen", "in the uh the system", "with um, probably the"), it is a filler."""
    if not index:
        return False
    previous, token = tokens[index - 1], tokens[index]
    if text[previous.idx + len(previous.text) : token.idx].strip():
        return False
    if previous.pos_ != "ADP" and not (previous.pos_ == "DET" and text.isupper()):
        return False
    after = [t for t in tokens[index + 1 : index + 3] if not t.is_space]
    if any(t.lower_ == previous.lower_ for t in after):
        return False  # "in the uh, the system": the phrase said again
    if token.pos_ in _NAMING_POS or not after or after[0].pos_ in _AFTER_A_PHRASE_POS:
        return True
    return after[0].is_punct and (len(after) < 2 or after[1].pos_ in _NAMING_POS)


_QUANTITIES = frozenset({"a", "few", "couple", "half", "several", "tenth", "tenths", "hundredths", "extra", "each",
                         "per", "many", "more", "less", "fewer", "some"})  # fmt: skip


def _unit_after_a_quantity(text: str, tokens: Sequence[Token], index: int | None, word: str) -> bool:
    """Whether "mm" is the unit of a quantity said before it: "a few mm out", "half a mm", "a couple mm off"."""
    if not index or word.lower() != "mm":
        return False
    previous, token = tokens[index - 1], tokens[index]
    return previous.lower_ in _QUANTITIES and not text[previous.idx + len(previous.text) : token.idx].strip()


def _reported(text: str, match: re.Match[str], previous: Token | None) -> bool:
    """Whether a filler-like word is the word someone said, quoted or reported: 'typed "uh-huh"', "the rep just
    said mm-hmm and never called back" (not "he said, uh, ...")."""
    start, end = match.span()
    if text[start - 1 : start] in _OPENING_QUOTES and text[end : end + 1] in _CLOSING_QUOTES:
        return True
    if _inside_quotes(text, start, end):
        return True
    if previous is not None and previous.lower_ in _REPORTING_VERBS and text[start - 1 : start] == " ":
        return True
    return _quoted_sound(text, match)


# Quotatives: "they go hmm, and nothing happens", "the whole room went mm-hmm, sure": the sound after them is what
# someone made, quoted. Not after "was like": in real speech "it's like, uh, what if ..." hesitates far more often than
# it quotes a sound (6 of 6 such fillers in ../shared/realworld).
_GOES = re.compile(r"\b(?:go|goes|went|going)[ \t]+$", re.I)


def _quoted_sound(text: str, match: re.Match[str]) -> bool:
    """Whether a filler-like word is a sound quoted right after "go"/"went", set off as a quotation is: a comma, a
    full stop or the end after it ("we go um through the list" holds a filler)."""
    after = text[match.end() :].lstrip()
    closed = match.group()[-1:] in ",." or not after or not after[0].isalnum()
    return closed and bool(_GOES.search(text[max(0, match.start() - 40) : match.start()]))


# A quotation mark that opens (after a space or a bracket, before a word) or closes (after a word, before a space or
# punctuation); a straight one after a digit is an inch mark ('4" PVC'), no quotation mark.
_OPENING_MARK = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))[“\"](?=\S)")
_CLOSING_MARK = re.compile(r"(?<=[^\s\d])[”\"](?=$|[\s.,;:!?)\]])")
_QUOTE_MARKS = ("“", "”", '"')
_QUOTE_SPAN = 200
"""Characters a quotation may span: a longer "quotation" is a mark left open."""


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is inside a quotation ('his only reply was “hmm, interesting”'): the nearest
    quotation mark before it opens one, the nearest after it closes one, within ``_QUOTE_SPAN`` characters."""
    opening_at = max(text.rfind(mark, max(0, start - _QUOTE_SPAN), start) for mark in _QUOTE_MARKS)
    after = [at for mark in _QUOTE_MARKS if (at := text.find(mark, end, start + _QUOTE_SPAN)) >= 0]
    if opening_at < 0 or not after:
        return False
    return bool(_OPENING_MARK.match(text, opening_at)) and bool(_CLOSING_MARK.match(text, min(after)))


def _in_a_name(text: str, match: re.Match[str], word: str) -> bool:
    """A capitalised filler-like word inside a sentence ("our Hmm Labs") or before another capitalised word
    ("Um Kalthoum", but not "Uh I think") is part of a name."""
    if not word[:1].isupper() or match.group() != word:
        return False  # a comma or a full stop right after it ("models, Uh, it's"): a name never takes one there
    sentence_start = opens_sentence(text, match.start())
    after = text[match.end() :]
    following = re.match(r"[ \t]+([^\W\d_][\w'’]*)", after)
    if following is None or not following[1][:1].isupper():
        return not sentence_start
    return not sentence_start or not re.fullmatch(r"I(?:['’]\w+)?", following[1])
