"""A statement's keyphrases, for theme titles: the noun phrases ("approval emails") and verb phrases ("chase
approvals") of its sentence's spaCy parse, in the buyer's words, never a name."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Words a keyphrase leaves out; adverbs too: "exactly the invoices" → "invoices".
_CHUNK_SKIP_POS = frozenset({"DET", "PRON", "PUNCT", "NUM", "SYM", "X", "INTJ", "CCONJ", "PART", "ADP", "ADV"})
_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
"""Entity types never used in a keyphrase: a theme is never named after a person, a company or a place (an
acronym tagged as an organisation, "AP", "ERP", stays)."""
LIGHT_VERBS = frozenset({
    "want", "wants", "wanted", "wanting", "need", "needs", "needed", "needing", "have", "has", "had", "having", "'ve",
    "’ve", "get", "gets", "got", "gotten", "getting", "make", "makes", "made", "making", "do", "does", "did", "done",
    "doing", "use", "uses", "used", "using", "take", "takes", "took", "taken", "taking", "give", "gives", "gave",
    "given", "giving", "see", "sees", "saw", "seen", "seeing", "say", "says", "said", "saying", "know", "knows",
    "knew", "known", "knowing", "think", "thinks", "thought", "thinking", "like", "likes", "liked", "liking", "go",
    "goes", "went", "gone", "going", "try", "tries", "tried", "trying", "find", "finds", "found", "finding", "put",
    "puts", "putting", "let", "lets", "letting", "keep", "keeps", "kept", "keeping", "mean", "means", "meant",
    "meaning", "call", "calls", "called", "calling", "look", "looks", "looked", "looking",
})  # fmt: skip
"""Verbs too common to name a theme ("have a budget"), in every form: the segmenter loads no lemmatizer."""


class NounChunks:
    """A doc's ``noun_chunks``, listed once with their start offsets (a ``Span``'s own ``noun_chunks`` walks the
    whole doc's every time: quadratic in a long answer)."""

    def __init__(self, doc: Doc) -> None:
        self.spans = list(doc.noun_chunks)
        self.starts = [chunk.start_char for chunk in self.spans]


def keyphrases(chunks: NounChunks, start: int, end: int) -> tuple[str, ...]:
    """The noun phrases ("approval emails") and verb phrases ("chase approvals") between the character offsets
    ``start`` and ``end`` of the doc of ``chunks``, in the buyer's words, lower-cased but for acronyms ("AI"),
    without determiners, stop words or names, for theme titles."""
    phrases: list[str] = []
    for chunk in chunks.spans[bisect_left(chunks.starts, start) :]:
        if chunk.start_char >= end:
            break
        if chunk.end_char <= end:
            phrases.append(_chunk_phrase(chunk))
            verb = chunk.root.head
            if chunk.root.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lower_ not in LIGHT_VERBS and phrases[-1]:
                phrases.append(f"{verb.text.lower()} {phrases[-1]}")
    return tuple(dict.fromkeys(p for p in phrases if p))


def _chunk_phrase(chunk: Span) -> str:
    # A proper noun is a person, a company or a product ("Marco", "Kestrel", "NetSuite"): never in a title. The
    # segmenter runs without the entity recogniser (speed), so the tagger's PROPN decides; an acronym ("AP",
    # "SSO") is a term and stays.
    words = [
        word for word in _words(chunk)
        if (len(word) > 1 and not all(_is_name(t) for t in word if t.is_alpha))
        or (len(word) == 1 and _kept(word[0]))
    ]  # fmt: skip
    if not any(len(word) > 1 or word[0].pos_ in ("NOUN", "PROPN") for word in words) or len(words) > 4:
        return ""
    if words[-1][-1].i - words[0][0].i + 1 != sum(len(word) for word in words):
        return ""  # words left out inside ("a SOC 2 Type II report" is no "SOC II report"): a title says what was said
    written = ["".join(_as_written(t) for t in word) for word in words]
    if any(one.lower() == other.lower() for one, other in pairwise(written)):
        return ""  # a word said twice, a restart the clean-up kept ("a bid bid tool"): no title says it so
    return " ".join(written)


def _words(chunk: Span) -> list[list[Token]]:
    """The chunk's words, a word written with hyphens one word whole ("single sign-on", "month-end close",
    "three-way matching": spaCy splits them at the hyphens, and a chunk may end inside one), in order."""
    doc = chunk.doc
    begin, end = chunk.start, chunk.end
    while begin > 1 and _hyphen_between(doc[begin - 1]):
        begin -= 2  # the chunk starts inside a word ("on" of "sign-on")
    while end < len(doc) - 1 and _hyphen_between(doc[end]):
        end += 2  # the chunk ends inside a word ("sign" of "sign-on")
    words: list[list[Token]] = []
    for token in doc[begin:end]:
        if words and (_hyphen_between(token) or _hyphen_between(doc[token.i - 1])):
            words[-1].append(token)
        else:
            words.append([token])
    return words


def _hyphen_between(token: Token) -> bool:
    """A hyphen written between two words with no space ("sign-on"), not a dash between clauses."""
    doc = token.doc
    return (
        token.text in ("-", "‐")
        and 0 < token.i < len(doc) - 1
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
        and doc[token.i - 1].is_alpha
        and doc[token.i + 1].is_alpha
    )


def _kept(token: Token) -> bool:
    """A word of one token that a keyphrase keeps: no determiner, stop word, number or name."""
    return (
        token.pos_ not in _CHUNK_SKIP_POS and not token.is_stop and token.is_alpha and not _part_of_word(token)
        and not _is_name(token)
    )  # fmt: skip


def _is_name(token: Token) -> bool:
    return (token.pos_ == "PROPN" or token.ent_type_ in _NAMES) and not (token.is_upper and len(token) <= 5)


def _as_written(token: Token) -> str:
    """ "AI", "ERP", "NDAs", "KPIs", "SaaS" as written (a title read "Sends ndas": tester 41); other words in small
    letters."""
    kept = (token.is_upper and len(token) > 1) or any(char.isupper() for char in token.text[1:])
    return token.text if kept else token.text.lower()


def _part_of_word(token: Token) -> bool:
    """A piece of a word the tokenizer split: "gon" of "gonna" (tagged a noun: "the client's gonna" made the title
    "Client gon")."""
    following = token.i + 1
    return not token.whitespace_ and following < len(token.doc) and token.doc[following].is_alpha
