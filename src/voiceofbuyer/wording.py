"""What a statement's own words say about it: whether it stands alone as a quote (how a sentence ends is read in
``sentence_ends``); whether it only reads the question back is in ``readbacks``, its keyphrases in ``keyphrases``,
small talk, praise alone and denials in ``remarks``. Quotes read the spaCy tokens of the statement's sentence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .keyphrases import LIGHT_VERBS
from .remarks import speaks_of_trouble
from .sentence_ends import ARTICLE_AND_STOP, SUBJECTS, clause_before, ends_dangling, goes_on_with, word_before_tags

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Token

_BACK_REFERENCES = frozenset({"that", "this", "those", "these"})
_RELATIVES = frozenset({"which", "whom", "whose"})
_THIRD_PERSONS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_REFERRING = SUBJECTS | {"dobj", "pobj", "attr"}
"""Where a "that" stands for something said before, however it is tagged ("That we have done ...": SCONJ, dobj)."""
_SUBORDINATORS = frozenset({
    "when", "whenever", "because", "cause", "cuz", "if", "although", "though", "unless", "while", "whereas", "wherever",
})  # fmt: skip
"""Words that open a subordinate clause whichever way the parser attaches them ("Whenever" as an adverb)."""
_LINKING_WORDS = frozenset({"so", "and", "but", "or", "just"})
_EMBEDDED = frozenset({"csubj", "csubjpass", "ccomp", "advcl", "relcl", "acl", "pcomp"})
"""Dependencies of a clause inside another: a "what" that opens one ("What I love is the speed.") is no fronted
object of the main verb."""
_VAGUE_WORDS = frozenset({
    "thing", "things", "stuff", "way", "ways", "lot", "lots", "one", "ones", "kind", "sort", "part", "bit", "point",
    "case", "times", "people", "guy", "guys", "feel", "feels", "felt", "sure", "same", "other", "whole", "sense",
    "fact", "example", "word", "words", "okay", "good", "great", "true", "right", "yeah", "able",
})  # fmt: skip
"""Nouns, verbs and adjectives that name nothing on their own: "I feel like it's the same thing." says nothing the
question and the answer before it do not."""
_CUT_OFF = (",", ";", ":", "-", "–", "—", "…", "...")
"""Endings of a sentence the speaker broke off ("I think this one is a good one,")."""
MIN_QUOTE_WORDS = 6
UNFINISHED = frozenset({
    "quite", "very", "really", "more", "most", "less", "the", "a", "an", "of", "to", "in", "on", "for", "with", "and",
    "but", "or", "is", "are", "was", "were", "be", "not", "just", "like", "that's", "it's", "there's", "i", "we",
    "they", "you", "our", "my", "their", "your", "if", "because", "that", "this", "some", "any", "about",
})  # fmt: skip
"""Words a clause does not end on: before a comma and a new clause, the speaker broke off and restarted."""
NEW_CLAUSE = r"(?:i|we|you|they|he|she|it|it's|that|that's|there's|maybe|and|but|so)\b"
"""A word that opens a new clause (case-insensitive regular expression)."""
RESTARTED = r"([\w'’]+), (?!you know\b|i mean\b)(?=" + NEW_CLAUSE + ")"
"""A word, a comma and a new clause (not a filler such as "you know"): where the word is ``UNFINISHED``, the
speaker broke off there and started again ("We were quite, maybe we ..."). Group 1 is the word."""
_FRAMING = re.compile(
    r"\b(?:not|no|never|nobody|nothing|none|neither|nor|hardly|without|unless|whether|if|doubt|doubtful|sure|unsure"
    r"|think|thought|believe|guess|suppose|promise|hope|wish|afraid|fear|worried|know|knew|wonder|seems?|maybe|"
    r"perhaps|probably|might|wouldn'?t|won'?t"
    # a condition or a time the rest depends on: "Until we, we get proper SSO, we won't roll anything out" is no "We
    # get proper SSO"; "Before we, we even went live" no "We even went live" (tester 29)
    r"|until|till|before|after|because|once|since|when|whenever|while|although|though)\b|n['’]t\b",
    re.I,
)


_NO_CONTENT_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "INTJ"})
_EMPTY_WORDS = frozenset({"i", "we", "you", "it", "they", "he", "she", "a", "an", "the", "this", "that"})


def has_content(words: Iterable[Token]) -> bool:
    """Whether any of ``words`` names or says something: a topic or an answer ("Identity.", "The install.",
    "Both."), not only a false start's function words ("On.", "The.", "We.", "I.")."""
    return any(t.pos_ not in _NO_CONTENT_POS and t.lower_.rstrip(".") not in _EMPTY_WORDS for t in words)


def frames_a_clause(words: str) -> bool:
    """Whether ``words`` (an opening the speaker broke off, as in "I'm not sure the, we can trust it") deny, doubt
    or qualify what follows, or make it a condition or a time ("Until we, we get ..."): left out, the quote would say
    the opposite ("We can trust it", "We get proper SSO")."""
    return _FRAMING.search(words) is not None


def stands_alone(text: str, tokens: list[Token]) -> bool:
    """Whether a statement reads as a quote on its own: at least ``MIN_QUOTE_WORDS`` words, a clause whose main
    verb has its subject (or is an imperative), not a question, no dangling end ("What we did is like we.", "as I
    mentioned is.", "... at our.", "... say you have.") nor one broken off at a comma, not a subordinate clause
    alone ("Whenever we want to put something out there.") nor an object put first with its clause unsaid ("What,
    at that time, I wanted to do it."), not a short bare back-reference ("That's the problem.") whose antecedent
    is elsewhere, and with at least one word of content (``_is_content``: "I feel like it's the same thing." has
    none). ``tokens``: the statement's tokens in its passage's parse (tags and dependencies)."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    # Words as a reader counts them: spaCy makes two tokens of "I've" and "what's".
    if len(text.split()) < MIN_QUOTE_WORDS or "?" in _QUOTED.sub("", text):
        return False  # a question, or one answered in the same breath ("Your systems? Usually not.")
    if _SHRUGS_OFF.search(text) or _only_sets_up(text) or _ONLY_QUOTED.fullmatch(text):
        return False
    if not any(t.dep_ in SUBJECTS for t in words) or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    if ends_dangling(text, tokens) or text.rstrip().endswith(_CUT_OFF):
        return False  # broken off ("What we did is like we.", "I think this one is a good one,")
    last, first = word_before_tags(tokens) or words[-1], words[0]
    if first.lower_ in _RELATIVES:
        return False
    # A short statement resting on a "that" or "this" it does not explain ("I worry a bit about that.", "Actually,
    # that was the last straw."): its subject is in what was said before. A relative "that" is no such reference.
    if len(words) < 10 and any(
        (
            t.lower_ in _BACK_REFERENCES
            and (t.pos_ == "PRON" or t.dep_ in _REFERRING)
            and t.head.dep_ != "relcl"
            # "SSO with Okta, that's a must.": what it stands for is said first, before a comma (tester 12)
            and not _topic_said_first(t, words)
        )
        # "Actually one has just occurred to me.": one of what was asked about ("one of the reports" says which)
        or (t.lower_ == "one" and t.dep_ in SUBJECTS and not any(t.children))
        for t in words
    ):
        return False
    if _leans_on_what_came_before(words) or _someone_unnamed(words):
        return False
    if len(text.split()) < _SHORT_QUOTE_WORDS and any(_points_outside(t, words) for t in words):
        return False
    # "Some of the girls on the team are really worried about that.": ending on what was said before, whatever the
    # quote names on the way.
    if (
        len(text.split()) < _ENDS_ON_THAT_WORDS
        and last.lower_ in ("that", "this")
        and last.dep_ in _OBJECT_OF
        and not clause_before(tokens, last)
    ):
        return False
    if (words[0].text.endswith(".") or any(t.text == "." for t in tokens[1:3])) and len(words) > 2:
        # A false start kept in front ("I. You know, as a person ..."); a topic said first is no false start
        # ("Identity. Single sign-on is mandatory ...": the segmenter joins such a word to its sentence).
        stop = next(i for i, t in enumerate(tokens) if t.text.endswith("."))
        if not has_content(tokens[: stop if tokens[stop].text == "." else stop + 1]):
            return False
    if _BROKEN_INSIDE.search(text) and not _goes_on_at_each_stop(tokens):
        return False  # a sentence given up midway and started again ("... there's a. There's a disconnect ...")
    # A subordinate clause standing as a sentence ("Because I haven't dealt with them enough."): its main verb
    # carries the conjunction itself, so the clause it depends on is elsewhere.
    # The clause's heads: the sentence's root, or, where the quote leaves out the start of its sentence ("It's,
    # it's easy ..."), the words whose head is in the part left out.
    inside = {t.i for t in words}
    roots = [t for t in words if t.dep_ == "ROOT" or t.head.i not in inside]
    if not any(root.pos_ in ("VERB", "AUX") for root in roots):
        return False  # a noun phrase ("The quality of data that we're getting.")
    if not any(_has_subject(root, first) for root in roots):
        return False  # a verb whose subject was never said ("To understand what people want.", "Can be biased.")
    if any(_opens_subordinate(child, first) for root in roots for child in root.children) or _lone_condition(words):
        return False
    if first.tag_ == "WP" and first.lower_ == "what" and not _embedded(first, inside):
        return False  # an object put first, its clause unsaid ("What, at that time, I wanted to do it.")
    # Something of its own to say: at least one word of content ("I've seen it so many times." has none).
    return any(_is_content(t) for t in words)


_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_ONLY_QUOTED = re.compile(r"\s*(?:\"[^\"“”]+\"|“[^\"“”]+”)[\s.,!?]*")
"""A quotation read out with no frame ('"Effective immediately, any rental over five thousand dollars requires a PO.
No exceptions."', an e-mail the buyer reads): someone else's words, whoever they were (tester 39)."""


# A full stop after a word no sentence ends on, and more after it: speech recognition closes a sentence the speaker
# gave up ("Is this ship a. It's looking like ...", "data science is not a. As work as ..."). At the end of a quote,
# ``_DANGLING_WORDS`` catches the same. Lower case only: a capital "A." is a letter ("John A. Miller", "Series A.").
def _goes_on_at_each_stop(tokens: list[Token]) -> bool:
    """Whether at each full stop inside the statement after a word no sentence ends on (``_BROKEN_INSIDE``) its
    sentence goes on (``sentence_ends.goes_on_with``): a recogniser's stop at a pause ("We had a big problem with.
    The reconciliation ..."), which the segmenter joined, and no start given up."""
    words = [t for t in tokens if not t.is_space]
    stops = [
        k for k, t in enumerate(words[:-1])
        if t.text == ARTICLE_AND_STOP or (t.text == "." and k > 0 and words[k - 1].lower_ in _BROKEN_WORDS)
    ]  # fmt: skip
    doc = words[0].doc if words else None
    return (
        bool(stops)
        and doc is not None
        and all(goes_on_with(doc[words[0].i : words[k].i + 1], doc[words[k + 1].i : words[-1].i + 1]) for k in stops)
    )


_BROKEN_WORDS = (
    "a", "an", "the", "of", "to", "and", "but", "or", "with", "for", "our", "my", "their", "your", "its", "is", "are",
    "was", "were", "it's", "that's", "there's",
)  # fmt: skip
_BROKEN_INSIDE = re.compile(r"\b(?:" + "|".join(_BROKEN_WORDS) + r")\.\s+\S")
# "I see people frustrated with it, but yeah.", "You need to double check maybe manually or, I dunno.": a thought
# the speaker shrugs off before finishing it.
_SHRUGS_OFF = re.compile(
    r"(?:\b(?:but|and|or|so)\s*,?\s*(?:yeah|yes|okay|ok|whatever|i\s+dunno|i\s+don'?t\s+know|i\s+guess)"
    r"|\bi\s+guess\s+(?:okay|ok|so)|\bor\s+whatever)\W*$",
    re.I,
)
# "I'm going to choose frustrated and again it was recently.", "For a frustrating experience, I was working on a
# feature for the app I maintain.", "A good example would be when I needed ...": the opening of a story whose
# point comes in the next sentence.
_STORY_OPENING = re.compile(
    r"^\W*(?:(?:so|well|okay|ok|yeah)\W+)*(?:(?P<choice>i'?m\s+going\s+to\s+(?:choose|pick|go\s+with|say)|i'?ll\s+(?:choose|pick"
    r"|go\s+with))\b|for\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:experience|example|instance|one)\s*,"
    r"|(?:a|one|another)\s+(?:good\s+|particular\s+|specific\s+|recent\s+)?(?:example|instance|time)\s+"
    r"(?:would\s+be|is|was|i\s+can\s+think\s+of)\b|i\s+(?:have|'ve)\s+(?:experienced|had)\s+both\b)",
    re.I,
)


# "I can share a time where I got frustrated.", "There was a time when AI made me very frustrated.": a story
# announced, with nothing of it told but the feeling the question asked about.
_ANNOUNCES_A_STORY = re.compile(
    r"^\W*(?:(?:so|well|okay|ok|yeah|yes|sure)\W+)*(?:i\s+can\s+(?:share|think\s+of|give\s+you|tell\s+you\s+about)"
    r"|there\s+(?:was|were|have\s+been)|i\s+(?:remember|recall))\s+(?:a|one)\s+(?:\w+\s+)?(?:time|instance|occasion|example)"
    r"\s+(?:when|where|that)\s+(?:\w+\s+){1,3}(?:very\s+|really\s+|so\s+|quite\s+|a\s+bit\s+)?"
    r"(?:frustrated|annoyed|irritated|upset|angry|disappointed|confused|stuck|let\s+down)\W*$",
    re.I,
)


# "So from my side, my concern is simple.", "Here's the thing.", "My question is twofold.": the point announced, none
# of it said (it led an objection on a battlecard: tester 38).
_ANNOUNCES_A_POINT = re.compile(
    r"^\W*(?:(?:so|well|okay|ok|yeah|yes|look|honestly|and|but)\W+)*(?:(?:from\s+my\s+side|for\s+me|for\s+us)\W+)?"
    r"(?:(?:my|our|the)\s+(?:main\s+|biggest\s+|big\s+|only\s+|first\s+|real\s+)?(?:concern|question|worry|point|issue"
    r"|problem|ask|requirement|objection|thing|answer)s?\s+(?:is|are|would\s+be)\s+(?:really\s+|pretty\s+|very\s+|quite\s+)?"
    r"(?:simple|this|twofold|threefold|straightforward|easy|basic|short)|here['’]?s\s+the\s+(?:thing|deal|problem|issue))\W*$",
    re.I,
)


def _only_sets_up(text: str) -> bool:
    if _ANNOUNCES_A_STORY.search(text) or _ANNOUNCES_A_POINT.search(text):
        return True
    opening = _STORY_OPENING.search(text)
    return opening is not None and (opening["choice"] is not None or not speaks_of_trouble(text, opening.end()))


# Word forms, not lemmas: the pipeline runs without a lemmatizer.
_SAYING = frozenset({
    "think", "thinks", "thought", "say", "says", "said", "feel", "feels", "felt", "believe", "believes", "guess",
    "mean", "suppose", "find", "found", "know", "knew", "hope",
})  # fmt: skip
_DO = frozenset({"do", "does", "did", "doing", "done"})


def _topic_said_first(token: Token, words: list[Token]) -> bool:
    """Whether a demonstrative follows a comma after a phrase that names a thing: "SSO with Okta, that's a must.",
    "Reporting, that's the big one."."""
    before = [w for w in words if w.i < token.i]
    return bool(before) and token.doc[token.i - 1].text == "," and any(w.pos_ in ("NOUN", "PROPN") for w in before)


def _someone_unnamed(words: list[Token]) -> bool:
    """A person the quote speaks of as "he" or "she" with no one named before it ("He put returns on the board's
    list of top five issues for this year.", tester 20): who it is was said before the quote. Any noun before it
    may be who it is ("My CFO said she ..."), so only a pronoun before every noun counts."""
    for token in words:
        if token.pos_ in ("NOUN", "PROPN"):
            return False
        if token.lower_ in _THIRD_PERSONS and token.pos_ == "PRON":
            return True
    return False


def _leans_on_what_came_before(words: list[Token]) -> bool:
    """A demonstrative alone as the subject of the main clause, or of the clause after "I think" ("That is
    incredibly frustrating as I then have to fix it.", "I think those are very good benchmarks."), or "do that" as
    the quote's first verb ("I couldn't do that and produce a fifth of it."), with no clause before it in the quote
    to say what it is ("If I could rely on citations, this would be a game changer." stands alone)."""
    for token in words:
        if token.lower_ not in _BACK_REFERENCES or token.pos_ != "PRON":
            continue
        head = token.head
        under_saying = head.dep_ == "ccomp" and head.head.dep_ == "ROOT" and head.head.lower_ in _SAYING
        subject = token.dep_ in SUBJECTS and (head.dep_ == "ROOT" or under_saying)
        done = token.dep_ == "dobj" and head.lower_ in _DO and not any(w.pos_ == "VERB" and w.i < head.i for w in words)
        # What it stands for may be said earlier in the quote: a clause before it ("If I could rely on citations,
        # this ..."), or a verb before it other than the "think" it is said under.
        said_before = any(
            w.i < token.i
            and (
                w.lower_ in _SUBORDINATORS
                or (w.dep_ == "mark" and w.lower_ != "that")
                or (w.pos_ == "VERB" and not (under_saying and w.i == head.head.i))
            )
            for w in words
        )
        if (subject or done) and not said_before:
            return True
    return False


_SHORT_QUOTE_WORDS = 12
"""Below this many words, a quote with a word standing for something it never names is read as a reply to
what came before: nothing else in it says what it is about."""
_ENDS_ON_THAT_WORDS = 16
"""Below this many words, a quote whose last word is "that" or "this" as an object leans on what came before."""
_OBJECT_OF = frozenset({"dobj", "pobj", "dative"})
_TIMES = frozenset({
    "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "morning", "afternoon",
    "evening", "night", "quarter", "point", "moment",
})  # fmt: skip
"""Nouns after "that" that place a story in time ("That week we lost three trucks."), not a thing said before."""


def _points_outside(token: Token, words: list[Token]) -> bool:
    """Whether ``token`` stands for something the quote ``words`` does not name before it: "that" or "this"
    ("We're trying to get that as high as possible."), "it" or "them" as an object ("I like to use the metadata
    around it."), "that" or "those" before a noun ("We would never go back to that approach."), "this one"
    ("We would emulate this one, evaluating the model quality."), "the same" compared with nothing ("I feel like
    we're at the same place right now.", "The behavior was like the same."), or "it" as the subject of a quote
    that names nothing at all ("And so it doesn't happen often."). A noun before it may be what it stands for
    ("We lost a truck in August; that's what started it."), except for "the same"."""
    word = token.lower_
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if word == "same" and before == "the":  # whatever is named before: "The behavior was like the same."
        return not any(w.lower_ == "as" and w.i > token.i for w in words)
    if any(w.pos_ in ("NOUN", "PROPN") and w.i < token.i for w in words):
        return False
    if word in _BACK_REFERENCES:
        if token.dep_ == "det":  # "We would never go back to that approach."; not "that week"
            return word in ("that", "those") and token.head.lower_ not in _TIMES
        return (token.pos_ == "PRON" or token.dep_ in _REFERRING) and token.head.dep_ != "relcl"
    if word in ("it", "them") and token.dep_ in _OBJECT_OF:
        return True
    if word == "it" and token.dep_ in SUBJECTS:
        return not any(w.pos_ in ("NOUN", "PROPN") or w.like_num for w in words)  # "If it's accurate at 95%"
    if word == "one":
        return before in _BACK_REFERENCES
    return False


def _opens_subordinate(child: Token, first: Token) -> bool:
    # After a linking word too: "So that you can improve as the data.", "And if we had the numbers."
    opens = child.i == first.i or (child.i == first.i + 1 and first.lower_ in _LINKING_WORDS)
    return opens and (child.dep_ == "mark" or child.lower_ in _SUBORDINATORS)


_SPOKEN_OPENERS = _LINKING_WORDS | {"like", "well", "yeah", "um", "uh", "okay", "ok"}
_NOMINALS = frozenset({"PRON", "NOUN", "PROPN"})


def _lone_condition(words: list[Token]) -> bool:
    """A condition or reason with nothing that follows from it ("Like if you wanna scale your solution.", "So when we
    had to close in three days."), however the parser attached it: it opens with a subordinating word (after
    words of speech: "like", "so"), names one subject only, its own, and has no comma after which a main clause
    could follow ("So while building this, we added ..." is whole)."""
    opening = next((t for t in words if t.lower_ not in _SPOKEN_OPENERS), None)
    if opening is None or opening.lower_ not in _SUBORDINATORS or opening.i - words[0].i > 2:
        return False
    if any(t.text in (",", ";", ":", "-", "–", "—") for t in opening.doc[opening.i : words[-1].i]):
        return False
    subjects = [t for t in words if t.dep_ in SUBJECTS and t.pos_ in _NOMINALS]
    # The clause opened has its own subject ("if you ..."), so that subject is the only one: "when emailing clients
    # I would ..." opens with no subject of its own, and "I" is the main clause's.
    return len(subjects) == 1 and subjects[0].i - opening.i <= 3


def _embedded(token: Token, inside: set[int]) -> bool:
    """Whether ``token`` lies in a clause inside another (its heads, up to the quote's clause head, include one)."""
    while token.head.i != token.i and token.head.i in inside:
        token = token.head
        if token.dep_ in _EMBEDDED:
            return True
    return False


def _is_content(token: Token) -> bool:
    """A number, or a noun, verb or adjective that names something (not a stop word, a light verb or a vague
    word)."""
    if token.like_num:
        return True
    return (
        token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and token.is_alpha and not token.is_stop
        and token.lower_ not in _VAGUE_WORDS and token.lower_ not in LIGHT_VERBS
    )  # fmt: skip


def _has_subject(root: Token, first: Token) -> bool:
    """A main verb with its subject, or an imperative, whose subject is the listener ("Give us one screen ...")."""
    # The tagger may make the auxiliary the subject's head ("Of course we have missing data.").
    # A relative pronoun is no main clause's subject ("... for him who absolutely need to retrain.").
    # and the passive's ("I'm not convinced the ... is accurate": tester 16)
    heads = [root, *(child for child in root.children if child.dep_ in ("aux", "auxpass"))]
    if any(c.dep_ in SUBJECTS and c.tag_ not in ("WP", "WDT") for t in heads for c in t.children):
        return True
    if root.lower_ in ("'s", "’s", "is") and any(c.lower_ == "here" and c.i < root.i for c in root.children):
        return True  # "..., here's why we replace it.": "here" is what is (tester 12)
    return root.i == first.i and root.tag_ == "VB"
