"""A passage's sentences as the segmenter reads them: spaCy's, but cut only where the speaker's sentence ends (its
punctuation, a quotation closed, a hesitation gone on), a fragment joined with what it belongs to ("Breakage. One
parcel in twenty arrives broken."), and a sentence a recogniser stopped at a pause joined with the rest of it ("We
had a big problem with. The reconciliation ...": ``sentence_ends.goes_on_with``)."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from .sentence_ends import ARTICLE_AND_STOP, goes_on_with
from .wording import has_content

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def sentences(doc: Doc, backchannels: frozenset[str]) -> list[Span]:
    """spaCy's sentences, a fragment joined with the sentence after it: "Breakage. One parcel in twenty arrives
    broken." is one thought, and "Breakage." alone stands for nothing; so is a sentence that dangles, when the next
    goes on with it (``sentence_ends.goes_on_with``)."""
    found = _punctuated_sentences(doc)
    joined: list[Span] = []
    start: int | None = None
    ended = False  # whether this sentence ends the one before, which dangled ("... courses for. Society.")
    for index, sentence in enumerate(found):
        first = sentence.start if start is None else start
        following = found[index + 1] if index + 1 < len(found) else None
        dangles = following is not None and goes_on_with(sentence, following)
        if dangles or (following is not None and not ended and _is_fragment(sentence, backchannels)):
            start, ended = first, dangles
            continue
        if joined and _only_an_auxiliary(sentence, joined[-1]):
            joined[-1] = doc[joined[-1].start : sentence.end]
        else:
            joined.append(doc[first : sentence.end])
        start, ended = None, False
    return joined


def _only_an_auxiliary(sentence: Span, before: Span) -> bool:
    """Whether ``sentence`` is only the auxiliary that ends the clause before it, where no punctuation parts them
    ("... and which ones | don't", a parser's break in unpunctuated captions: tester 43)."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    last = [t for t in before if not t.is_space]
    auxiliary = all(t.pos_ in ("AUX", "PART") or t.lower_ in ("do", "does", "did") for t in words)
    return 0 < len(words) <= 2 and auxiliary and bool(last) and not last[-1].is_punct


def _punctuated_sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, but in punctuated text only where the speaker's sentence ends: the parser also breaks where
    no punctuation does ("The numbers are right, by right" | "I mean reconciled in BlackLine"), and such a part
    stands for nothing alone. Unpunctuated text (automatic captions) keeps the parser's breaks."""
    parsed = [part for sentence in doc.sents for part in _after_a_lone_article(sentence)]
    if not any(token.text in _SENTENCE_ENDS for token in doc):
        return parsed
    closes = [_closes_first(sentence.text) for sentence in parsed]
    merged: list[Span] = []
    for index, sentence in enumerate(parsed):
        before = [t for t in merged[-1] if not t.is_space] if merged else []
        # "(wow! what a great idea!) when I brainstorm", 'asked, "Why are we paying twice?" and I had no answer':
        # after a bracket, or a quoted question or exclamation, a word in small letters goes on with the sentence
        # ('"the black hole." eBay is ...' does not).
        aside_goes_on = bool(before) and _goes_on_after(before, sentence)
        # 'she said, "No. We are not buying another IT tool this year."': a quotation goes on to its closing mark,
        # within a few sentences ('He wrote, "Any update on the wrapper? Vendor says price goes up Nov 1. This is
        # the third time I'm asking."': the Slack message whole, never its middle alone as the buyer's, tester 39);
        # "it's, um... it's useless to us": a hesitation, then the sentence goes on in small letters (tester 34)
        quoted = bool(before) and _quotation_open(merged[-1].text) and any(closes[index : index + _QUOTED_SENTENCES])
        hesitated = bool(before) and before[-1].text in _ELLIPSES and sentence.text.lstrip()[:1].islower()
        if before and (aside_goes_on or quoted or hesitated or not _ends_with_sentence_end(before)):
            merged[-1] = doc[merged[-1].start : sentence.end]
        else:
            merged.append(sentence)
    return merged


def _after_a_lone_article(sentence: Span) -> list[Span]:
    """``sentence`` cut after each "a." before a capital: spaCy's tokenizer reads "a." as one word, so "There's a.
    There's a disconnect ..." was one sentence, a start given up and started again (tester 44)."""
    cuts = [t.i + 1 for t in sentence[:-1] if t.text == ARTICLE_AND_STOP and t.nbor().text[:1].isupper()]
    bounds = [sentence.start, *cuts, sentence.end]
    return [sentence.doc[begin:end] for begin, end in itertools.pairwise(bounds)]


_ELLIPSES = frozenset({"...", "…", ".."})
_QUOTED_SENTENCES = 4
"""Most sentences a quotation read out may run to before its closing mark (more: a mark left open by mistake)."""
_QUOTE_MARK = re.compile(r'["“”]')


def _closes_first(text: str) -> bool:
    """Whether the first double quote of ``text`` closes a quotation opened before it ('... I'm asking."'), not
    one that opens a quotation of its own ('I keep wanting to say "as I mentioned" but ...': a mark left open
    sentences before closes nowhere here)."""
    found = _QUOTE_MARK.search(text)
    return found is not None and not _quotation_open(text[: found.end() + 1])


def _quotation_open(text: str) -> bool:
    """Whether ``text`` ends inside a quotation it opened: its last double quote opens one (“, or " after a space or
    at the start and before a word), never a closing one left of a quotation opened before it ('... get your order.
    "')."""
    marks = [(i, c) for i, c in enumerate(text) if c in '"“”']
    if not marks:
        return False
    at, mark = marks[-1]
    if mark != '"':
        return mark == "“"
    opens_after = at == 0 or text[at - 1].isspace() or text[at - 1] in "([:—-"
    return opens_after and at + 1 < len(text) and not text[at + 1].isspace()


def _goes_on_after(before: list[Token], sentence: Span) -> bool:
    """Whether ``sentence`` goes on with the one whose tokens are ``before``, ended by a bracket or a quoted ``?``
    or ``!``: its first word is in small letters only."""
    first = sentence.text.lstrip().split(maxsplit=1)[0] if sentence.text.strip() else ""
    if not first.islower():
        return False
    last = before[-1].text
    if last.endswith(")"):
        return True
    if not last.endswith(('"', "”")) or len(before) < 2:
        return False
    inside = last.rstrip('"”')  # '?"' as one token, or '"' after a "?" of its own
    return inside[-1] in "?!" if inside else before[-2].text in ("?", "!")


_SENTENCE_ENDS = frozenset({".", "?", "!", "…", "...", "?!", "!?", "..", "....", ".?", "?."})
_CLOSERS = ('"', "”", ")", "’", "'")


def _ends_with_sentence_end(tokens: list[Token]) -> bool:
    """Whether tokens end a sentence: on its punctuation, or a quote or bracket closed after it ('... "stop."',
    '(... at all.)'); a bracket closed after words ("Lovely product (genuinely, the UI is great) but ...") does not,
    nor a mark inside a bracket opened a few words before ("... too validating (wow! it agrees ...)")."""
    last = tokens[-1].text
    if last == ARTICLE_AND_STOP:
        return True  # an article a sentence broke off on, one token to spaCy (``_after_a_lone_article``)
    recent = "".join(t.text for t in tokens[-6:])
    if recent.count("(") > recent.count(")"):
        return False  # an aside just opened goes on: "AI can be too validating (wow! it agrees with everything)"
    if last in _SENTENCE_ENDS:
        return True
    if not last.endswith(_CLOSERS):
        return False
    inside = last.rstrip("".join(_CLOSERS))
    before = inside if inside else (tokens[-2].text if len(tokens) > 1 else "")
    return before[-1:] in (".", "?", "!", "…")


def _is_fragment(sentence: Span, backchannels: frozenset[str]) -> bool:
    """A few words with no verb that are not a back-channel ("No-shows.", "Currency revaluation.", "ADP.",
    "Both.")."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    if not words or len(words) > 3 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return says_something(words, backchannels)


def says_something(words: list[Token], backchannels: frozenset[str]) -> bool:
    """Words that answer something ("ADP.", "Both.", "Literally."): not only back-channel words, nor a false start
    ("On.", "The.", "We.") that no topic or answer is in (``wording.has_content``)."""
    return not all(t.lower_ in backchannels for t in words) and has_content(words)
