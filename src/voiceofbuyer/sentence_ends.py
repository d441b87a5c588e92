"""Where a sentence ends and whether it ends whole: the last word before the tags a speaker adds ("..., yeah."),
and the endings that look broken off but are not ("... as it is.", "the system we depend on.", "the end result I
need."); and whether a sentence that ends broken off goes on in the next ("We had a big problem with. The
reconciliation ..."). Reads the spaCy tokens (tags and dependencies) of one sentence; ``wording.stands_alone`` and
the segmenter use them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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


_DANGLING_POS = frozenset({"CCONJ", "SCONJ", "ADP", "DET", "AUX", "PART"})
_DANGLING_WORDS = frozenset({
    "like", "i", "we", "they", "he", "she", "the", "a", "an", "to", "of", "and", "but", "or", "with", "for", "because",
    "just", "very", "quite", "it's", "that's", "there's",
})  # fmt: skip
"""Words a finished sentence does not end on, whatever the tagger makes of them in a broken sentence: a subject
pronoun with its verb never said ("... is like we."), an article or a preposition ("... to include the.")."""
_PARTICLES = frozenset(
    {"out", "back", "up", "down", "in", "off", "over", "away", "along", "around", "apart", "together"}
)
"""Words that end a phrasal verb ("get out", "stack up", "come in"), unlike "on", "with" or "within"."""
_POSSESSION = frozenset({"have", "has", "had"})
_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "prt", "dative"})
_TAKES_AN_OBJECT = frozenset(
    form
    for verb in ("want", "need", "miss", "get", "make", "take", "give", "send", "buy", "pay", "lose", "spend", "bring",
                 "put", "use", "find", "show", "tell", "ask", "require", "expect")
    for form in (verb, verb + ("es" if verb.endswith(("s", "sh", "ch")) else "s"))
)  # fmt: skip
"""Verbs (as said in the present; the pipeline has no lemmatizer) a sentence does not end on unless cut off, where
no full stop ends it ("..., we miss", "the board wants")."""


def ends_dangling(text: str, tokens: list[Token]) -> bool:
    """Whether a sentence ends where a finished one does not: on an article, a conjunction, a possessive or a
    preposition without its object ("What we did is like we.", "... take time at our.", "We had a big problem
    with."), on "have" with nothing had ("... usually say you have."), or, with no full stop, on a verb that wants
    its object ("the board wants"). ``tokens``: the sentence's tokens in its passage's parse."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words:
        return False
    last = word_before_tags(tokens) or words[-1]
    # A verb's particle ends a sentence ("... we can't get out.", "claim it back.", "come in."); a preposition
    # without its object does not ("I work with.", "Now we are going to deploy on.").
    # The parser may attach a particle as a preposition ("... to put something in."): its tag still says RP.
    attached = last.dep_ in ("prt", "advmod") or last.tag_ == "RP"
    particle = last.pos_ == "ADP" and attached and last.lower_ in _PARTICLES
    ends_a_clause = ends_as_it_is(tokens, last) or stranded_preposition(last)
    if (
        (last.pos_ in _DANGLING_POS and not particle and not ends_a_clause)
        or last.dep_ in SUBJECTS
        or (_word(last) in _DANGLING_WORDS and not ends_a_clause)
    ):
        return True
    if last.tag_ == "PRP$":
        return True  # a possessive with no noun ("... take time at our.")
    if last.lower_ in _POSSESSION and last.dep_ != "relcl" and not any(c.dep_ in _OBJECTS for c in last.children):
        return True  # "have" with nothing had ("... usually say you have."); "the tools we have." is whole
    # a turn cut off as the line dropped: "If one store is late, we miss", "the board wants"; never a verb of a
    # clause inside ("... as helpful as I want", "... my own email to send")
    return (
        text.rstrip()[-1:].isalnum()
        and last.lower_ in _TAKES_AN_OBJECT
        and last.pos_ == "VERB"
        and last.dep_ == "ROOT"
        and not any(c.dep_ in _OBJECTS for c in last.children)
        and not reduced_relative(last)
    )


ARTICLE_AND_STOP = "a."
"""An article and the full stop after it, which spaCy's tokenizer keeps as one token ("There's a. There's a ...");
a capital "A." is a letter ("Series A.", "then A. ... and B. ...")."""


def _word(token: Token) -> str:
    """A token's word in small letters; "a" for ``ARTICLE_AND_STOP``."""
    return "a" if token.text == ARTICLE_AND_STOP else token.lower_


def _ends_on_a_possessive(tokens: list[Token]) -> bool:
    """Whether the words end on a possessive: "our insurer's." (its "'s"), "the line supervisors'." (a plural's mark,
    no word to spaCy)."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    said = "".join(t.text_with_ws for t in tokens).rstrip().rstrip(".")
    return (bool(words) and words[-1].tag_ == "POS") or said.endswith(("s'", "s’"))


_CARRIES_ON = frozenset({"DET", "NOUN", "PROPN", "NUM", "ADJ"})
"""How the rest of a phrase begins: "We had a big problem with. The reconciliation ...": a recogniser's full stop
at a pause (tester 43)."""
_LEAST_WORDS_GOING_ON = 3
"""Fewer words before the full stop are a false start, left out on its own ("On. The handover ...", "Our. ...")."""
_ARTICLES = frozenset({"the", "a", "an"})
_OBJECT_AFTER = frozenset({"of", "with", "for", "from", "about", "between", "into", "at"})
"""Prepositions that, after a noun, still want theirs ("a big problem with.", "the point of view of."); unlike "on"
("our tasks are hands on.")."""


def breaks_off(tokens: list[Token]) -> bool:
    """Whether a sentence's last word is one no sentence ends on, whoever writes it: an article, a possessive or a
    conjunction ("... at our.", "... or an.", "... insurer's.", "... and.", "... because."), or a preposition after
    a noun without its object ("We had a big problem with."). Narrower than ``ends_dangling``: a typed "I have to.",
    "even though it could.", "the data I'm familiar with." ends there."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words:
        return False
    last = words[-1]
    if _word(last) in _ARTICLES or last.tag_ == "PRP$" or last.pos_ == "CCONJ" or last.lower_ == "because":
        return True
    if _ends_on_a_possessive(tokens):
        return True
    head = last.head
    return (
        last.lower_ in _OBJECT_AFTER
        and last.dep_ == "prep"
        and head.pos_ in ("NOUN", "PROPN")
        and not any(last.children)
        and not stranded_preposition(last)
        and not _in_a_clause_inside(head)
    )


_INSIDE = frozenset({"relcl", "acl", "ccomp", "xcomp", "advcl", "pcomp"})


def _in_a_clause_inside(noun: Token) -> bool:
    """Whether ``noun`` is in a clause inside another, whose object the preposition after it stands for ("a real
    situation that I needed help with.", "something I have experience with."), not in the sentence's own ("We had
    a big problem with.")."""
    token = noun
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token.dep_ in _INSIDE or reduced_relative(token)
        if token.head is token:
            return False
        token = token.head
    return False


def goes_on_with(sentence: Span, following: Span) -> bool:
    """Whether ``sentence``, which breaks off (``breaks_off``) with a full stop, goes on in ``following``: it holds
    ``_LEAST_WORDS_GOING_ON`` words or more, and the next begins with a word that carries on a phrase
    (``_CARRIES_ON``), not a quotation or an aside read out ('Okay, here it is. "Effective immediately, ..."'), and
    repeats none of the sentence's first or last words. A sentence started again ("There's a. There's a disconnect
    ...", "We were. Honestly, ...") is two: the second stands on its own."""
    words = [t.lower_ for t in sentence if not t.is_punct and not t.is_space]
    tokens = [t for t in following if not t.is_space]
    if len(words) < _LEAST_WORDS_GOING_ON or not tokens or tokens[0].is_punct:
        return False
    if sentence.text.rstrip().endswith(("?", "!")):
        return False  # a question or an exclamation ends where it ends ("..., they'll go like, okay, why?")
    opening = tokens[0]
    carries_on = opening.pos_ in _CARRIES_ON or opening.tag_ == "DT"  # "Neither of them could ..."
    if _ends_on_a_possessive(list(sentence)):
        carries_on = opening.pos_ in ("NOUN", "ADJ")  # what is theirs: "our insurer's. Renewal questionnaire"
    if not carries_on or opening.lower_ in {words[0], *(w.rstrip(".") for w in words[-3:])}:
        return False
    return breaks_off(list(sentence))
