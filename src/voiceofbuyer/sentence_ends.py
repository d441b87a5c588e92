"""Where a sentence ends and whether it ends whole: the last word before the tags a speaker adds ("..., yeah."),
and the endings that look broken off but are not ("... as it is.", "the system we depend on.", "the end result I
need."). Reads the spaCy tokens (tags and dependencies) of one sentence; ``wording.stands_alone`` uses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
"""Dependencies of a clause's subject."""


def reduced_relative(verb: Token) -> bool:
    """Whether ``verb`` ends a relative clause without "that" the parser took for the main one: its subject follows
    a noun ("... to get the end result I need", "the tools we use")."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECTS]
    return any(s.i > 0 and s.doc[s.i - 1].pos_ in ("NOUN", "PROPN") for s in subjects)


_TAGS = frozenset({"yeah", "yep", "right", "basically", "anyway", "you know"})
"""Words tagged on after a comma that end nothing: "it could be for, yeah." ends on "for"."""


def word_before_tags(tokens: list[Token]) -> Token | None:
    """The last word before the tags a speaker adds after a comma at the end (``_TAGS``), where there are any."""
    kept = [t for t in tokens if not t.is_space]
    while kept and kept[-1].is_punct and kept[-1].text != ",":
        kept.pop()
    found = False
    while size := _tag_at_end(kept):
        del kept[-size - 1 :]  # the tag and its comma
        found = True
    words = [t for t in kept if not t.is_punct]
    return words[-1] if found and words else None


def _tag_at_end(tokens: list[Token]) -> int:
    """How many words of a tag (``_TAGS``) end ``tokens`` right after a comma; 0 where none do."""
    sizes = (n for n in (2, 1) if len(tokens) > n + 1 and tokens[-n - 1].text == ",")
    return next((n for n in sizes if " ".join(t.lower_ for t in tokens[-n:]) in _TAGS), 0)


_SAID_AS_IT_IS = frozenset({"as", "how", "what", "where", "who", "than"})
_FORMS_OF_BE = frozenset({"is", "are", "was", "were", "am", "be", "been"})


def ends_as_it_is(tokens: list[Token], last: Token) -> bool:
    """ "... they barely update HubSpot as it is.", "that's how it is", "than we are": a form of "be" that ends a
    clause of its own after its subject pronoun (tester 16), unlike "What we did is like we.", "as I mentioned is."."""
    before = [t for t in tokens if t.i < last.i and not t.is_punct]
    return (
        last.lower_ in _FORMS_OF_BE
        and len(before) >= 2
        and before[-1].pos_ == "PRON"
        and before[-1].dep_ in SUBJECTS
        and before[-2].lower_ in _SAID_AS_IT_IS
    )


def stranded_preposition(last: Token) -> bool:
    """A preposition whose object is the noun a relative clause describes: "a vendor I've never worked with.", "the
    system we depend on." (tester 17), unlike "I work with." or "we are going to deploy on."."""
    if last.pos_ != "ADP" or last.dep_ != "prep":
        return False
    head = last.head
    while head.dep_ in ("xcomp", "aux") and head.head is not head:
        head = head.head  # "the tools we have to work with."
    return head.dep_ in ("relcl", "acl") and head.head.i < head.i


def clause_before(tokens: list[Token], last: Token) -> bool:
    """Whether a clause of its own, with its subject and verb, comes before the comma before ``last``: what a final
    "that" stands for is said in the quote ("We would never let payroll data leave South Africa, POPIA is very clear
    on that.": tester 16)."""
    if last.head.lower_ == "like":
        return False  # "..., something like that", "let's put it like this": no thing said, a manner of speaking
    comma = max((t.i for t in tokens if t.text in (",", ";") and t.i < last.i), default=None)
    if comma is None:
        return False
    before = [t for t in tokens if t.i < comma]
    after = [t for t in tokens if comma < t.i < last.i]

    def clause(part: list[Token]) -> bool:
        return any(t.dep_ in SUBJECTS for t in part) and any(t.pos_ in ("VERB", "AUX") for t in part)

    # Both sides whole clauses: "..., everything around that" names nothing for "that" to be said of.
    return clause(before) and clause(after)
