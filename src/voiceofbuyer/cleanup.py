"""Disfluency clean-up that keeps the source span and never deletes a word that was meant.

A quote is ``apply_cleanup(source, start, end, removed)``: the source span with the recorded ``removed`` ranges
deleted. The rules, documented in the README ("Quotes and clean-up"):

1. each removed range is replaced by one space;
2. runs of whitespace become one space; spaces before ``, . ? ! ; :`` are dropped;
3. leading punctuation and spaces are dropped, and the first letter is upper-cased.

Each removed range is ``(start, end, reason)``; the reasons, and when each applies:

- ``filler``: a filler word ("um", "uh", "mm-hmm", configurable) with the comma or period after it, only where it
  is a filler: never in capitals ("ER", "UM Health"), never after a number ("5 mm");
- ``repeat``: an immediate stutter, the earlier copies of a word or a short phrase said again ("the, the
  approval", "I I think", "we were, we were going"). A content word said twice with nothing between ("very very
  good", "had had", "that that") is how people speak and stays; a repeated phrase goes only when it holds a
  function word, and never after a negation ("Not my team, my team was desperate." is a correction);
- ``false-start``: a word cut off with a hyphen and restarted ("we- we tried", "appro- approval"); a dangling
  prefix ("pre- and post-approval") stays;
- ``timestamp`` and ``annotation``: time stamps and non-speech notes a transcription service left in the text
  ("[00:40:00]", "[laughs]", "(inaudible)");
- ``gap``: where one buyer's sentence runs over two cues or turns, the text between them (cue timings, labels);
- ``backchannel``: where the interviewer's acknowledgement ("Mm-hmm.", "Right.") cut into a buyer's unfinished
  sentence, that turn with the cue timings and labels around it: "The problem is that our GMs" / "Mm-hmm." /
  "only look at email on Fridays." is one quote.

The evidence audit re-checks every removed range against the raw source, each by its reason, with checks of its
own (see ``audit.py``): a removed content word fails the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Protocol

import numpy as np

Range = tuple[int, int]
Removal = tuple[int, int, str]
"""``(start, end, reason)``: absolute source offsets of text the clean-up leaves out, and why."""
REASONS = ("filler", "repeat", "false-start", "timestamp", "annotation", "gap", "backchannel")
_ACKNOWLEDGEMENT_WORDS = frozenset({
    "mm", "mmm", "mm-hmm", "mhm", "mm-mm", "uh-huh", "hmm", "yeah", "yes", "yep", "yup", "right", "okay", "ok", "sure",
    "i", "see", "got", "it", "gotcha", "ah", "oh", "aha", "totally", "exactly", "absolutely", "definitely", "of",
    "course", "makes", "sense", "cool", "wow", "mhmm", "uh", "huh", "interesting", "ouch", "nice", "great", "true",
})  # fmt: skip
_WORD = re.compile(r"[\w'’-]+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

# A mark straight before a word starts that word: ".NET", ".5 FTE" keep their dot and the space before it.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.?!;:])(?!\w)")
_WHITESPACE = re.compile(r"\s+")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
# After "end-to-" / "self-" at a cue's end, a word that completes it; not one that starts the sentence again ("the
# pre-" / "the approval step", "re-" / "we tried").
_JOINS_HYPHEN = re.compile(
    r"(?!(?:the|a|an|we|i|you|they|he|she|it|and|but|so|or|that|this|there|then|our|my|your|their|um|uh)\b)[^\W\d_]",
    re.I,
)
_LEADING_JUNK = re.compile(r"^(?:[\s,;:!?\-–—]|\.(?!\w))+")
# Time stamps a transcription service left inside the text: "[00:40:00]", "(12:31)".
INLINE_TIME = re.compile(r"[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]")
# Non-speech annotations: "[laughs]", "[long pause]", "[inaudible]", "(unintelligible 00:01:49)", "(crosstalk)",
# "[foreign language]", "[END OF AUDIO]", and the
# sounds captions for the deaf and hard of hearing describe ("[phone buzzing]", "(alarm beeping in background)",
# "[door closes]", "[clears throat]").
ANNOTATION = re.compile(
    r"[\[(](?:(?:long|short|brief|nervous|soft|quiet|loud|awkward|slight)\s+)?(?:laughs?|laughter|laughing|inaudible|unintelligible|foreign(?:\s+language)?|crosstalk|pause|silence|cough\w*|sighs?|music|noise|unclear"
    r"|indistinct|background noise|static|overlapping|applause|chuckles?|knocking|typing|beeping|buzzing|ringing"
    r"|footsteps|clears throat|sniffs|exhales|inhales|gasps|groans|whispers|mutters"
    # A thing and the sound it makes, never a thing alone: "(phone numbers, emails)" is said.
    r"|(?:(?:cell\s+|mobile\s+)?phone|door|alarm|dog|siren|bell|chime|horn|baby|notification|keyboard)s?\s+"
    r"(?:\w+\s+)?(?:buzz|beep|ring|clos|open|slam|bark|wail|chim|honk|cr(?:y|ies|ying)|click|clatter|knock|goes\s+off"
    r"|going\s+off|sound)\w*)[^\])\n]{0,30}[\])]"
    # A transcriber's end mark in square brackets: "[END OF AUDIO]", "[End of recording]" (not a speaker's "(end of
    # the file)")
    r"|\[end\s+of\s+(?:the\s+)?(?:audio|recording|transcript(?:ion)?|tape|file|interview)\]"
    # A note about the speaker in square brackets ("[He's been there 11 years.]", "[shared his screen: ...]"):
    # the interviewer's, never the speaker's words.
    r"|\[(?=[^\]\n]{0,120}\b(?:he|she|his|her|him)\b)[^\[\]\n]{1,160}\]",
    re.IGNORECASE,
)
_FUNCTION_POS = frozenset({"PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART"})
_AMOUNT_POS = frozenset({"NUM", "NOUN", "PROPN"})
# Said twice for emphasis, not a stutter: "no, no deal".
_EMPHATIC = frozenset({"no", "not", "never", "yes"})
# Before a phrase said twice, the first copy is what is denied: removing it would turn the meaning.
_NEGATIONS = frozenset({"not", "no", "never", "nor", "n't", "without"})
# Function words said twice on purpose: "had had", "that that", "what it is is", "what it was was".
_GRAMMATICAL_DOUBLES = frozenset({"had", "that", "do", "in"})
# Said twice on purpose only after "what": "what it was was", "what the problem is, is that", "what they did did
# work", never "It was, was a nightmare", "our regulator is, is not" nor "the hotels were were late".
_ADJACENT_DOUBLES = frozenset({"was", "were", "is"})
_DONE_DOUBLES = frozenset({"did", "does"})
"""Said twice as a stutter only right after a pronoun that opens its clause ("Honestly we did, did the whole
import"); after a subject that is itself a clause they are two verbs ("What they did did work", "The little training
we did did help", "Whatever the consultants did, did nothing")."""
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it"})
_OPENS_A_CLAUSE_POS = frozenset({"CCONJ", "ADV", "INTJ", "PUNCT", "SPACE"})
# Words that never end a phrase as its object: "the, the supplier", "my, my boss" are stutters.
_NEVER_OBJECTS = frozenset({"the", "a", "an", "my", "our", "your", "their", "his", "its"})
_OBJECTS = frozenset({"dobj", "pobj", "dative", "attr", "oprd"})
# A phrase the second copy of a preposition opens: "we rely on, on the other hand, ...".
_OPENS_A_PHRASE = re.compile(r"\s*(?:the\s+other\s+hand|top\s+of\s+that|the\s+one\s+hand)\b", re.I)
_SEPARATOR = re.compile(r"[\s,;]*(?:\.\.\.|…|--|—|–)?[\s,;]*")
_FALSE_START = re.compile(r"\b(\w+)(-|--|–|—)\s+(?=(\w+))")


def is_acknowledgement(text: str) -> bool:
    """A listener's token and nothing else ("Mm-hmm.", "Right, right.", "I see.", "Yeah, totally.", "Ouch.", Rev's
    "Mm-hmm (affirmative)."): at most four distinct words besides a bracketed note, each one of
    ``_ACKNOWLEDGEMENT_WORDS``. Never "No." or "Really?": those answer, and may change what the speaker goes on to
    say. A token said again counts once ("Yeah, yeah, yeah, yeah, yeah.")."""
    if "negative" in text.lower():  # Rev's "Mm-mm (negative).": an answer
        return False
    words = _WORD.findall(_BRACKETED.sub(" ", text).lower())  # Rev's "Mm-hmm (affirmative)."
    return 0 < len(set(words)) <= 4 and "?" not in text and all(word in _ACKNOWLEDGEMENT_WORDS for word in words)


class Token(Protocol):
    """What the clean-up reads of a spaCy token."""

    text: str
    lower_: str
    idx: int
    pos_: str
    like_num: bool
    is_punct: bool
    i: int
    head: Token
    dep_: str


def structural_removals(text: str, base: int) -> list[Removal]:
    """Time stamps and non-speech annotations in ``text`` (offsets made absolute by ``base``)."""
    found = [(m.start() + base, m.end() + base, "timestamp") for m in INLINE_TIME.finditer(text)]
    found += [(m.start() + base, m.end() + base, "annotation") for m in ANNOTATION.finditer(text)]
    return merge_removals(found)


_REPORTING_VERBS = frozenset({"said", "typed", "replied", "answered", "wrote"})
"""Words that report what was said: a filler right after them is the word reported ("I'd say um" is a filler)."""
_OPENING_QUOTES = ('"', "“")
_CLOSING_QUOTES = ('"', "”")


def filler_pattern(fillers: Iterable[str]) -> re.Pattern[str]:
    """Whole-word fillers with the comma or period that trails them ("um," / "uh."); never part of a contraction
    ("can" in "can't", should a user list it)."""
    words = sorted((re.escape(word) for word in fillers), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")  # no fillers configured: nothing is one (an empty alternation matches everywhere)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(words) + r")(?![\w'’-])[,.]?", re.IGNORECASE)


def disfluencies(text: str, tokens: Sequence[Token], fillers: re.Pattern[str]) -> list[Removal]:
    """Fillers, stutters and false starts in ``text`` (offsets into ``text``), judged with its spaCy ``tokens``."""
    by_start: dict[int, int] | None = None  # built on the first filler: most passages of typed text have none
    found: list[Removal] = []
    for match in fillers.finditer(text):
        word = match.group().rstrip(",.")
        if by_start is None:
            by_start = {token.idx: i for i, token in enumerate(tokens)}
        index = by_start.get(match.start())
        previous = tokens[index - 1] if index else None
        shouted = len(word) > 1 and word.isupper() and not text.isupper()
        if (
            shouted
            or _reported(text, match, previous)
            or (previous is not None and previous.like_num)
            or _in_a_name(text, match, word)
        ):
            continue  # "ER", "UM Health", "5 mm", "Ah Beng", 'typed "uh-huh"': words, not fillers
        found.append((match.start(), match.end(), "filler"))
    found += _repeats(text, tokens)
    for match in _FALSE_START.finditer(text):
        if is_false_start(match.group(1), match.group(3), match.group(2)):
            found.append((match.start(), match.end(), "false-start"))
    return merge_removals(found)


def _reported(text: str, match: re.Match[str], previous: Token | None) -> bool:
    """Whether a filler-like word is the word someone said, quoted or reported: 'typed "uh-huh"', "the rep just
    said mm-hmm and never called back" (not "he said, uh, ...")."""
    start, end = match.span()
    if text[start - 1 : start] in _OPENING_QUOTES and text[end : end + 1] in _CLOSING_QUOTES:
        return True
    return previous is not None and previous.lower_ in _REPORTING_VERBS and text[start - 1 : start] == " "


def _opens_sentence(text: str, index: int) -> bool:
    """Whether ``text[index:]`` starts a sentence: nothing before it, or an end of sentence, a colon or a quote."""
    before = text[:index].rstrip()
    return not before or before.endswith((".", "?", "!", ":", '"', "“", "…"))


def _stuttered_verb(text: str, words: Sequence[Token], i: int) -> bool:
    """Whether "did" or "does" at ``words[i]``, said again at once, is a stutter: its subject is a pronoun that opens
    its clause (the sentence's start, a comma, "and", "honestly"), not the end of a subject that is a clause."""
    if i == 0 or words[i - 1].lower_ not in _SUBJECT_PRONOUNS:
        return False
    pronoun = words[i - 1]
    if i == 1 or _opens_sentence(text, pronoun.idx) or text[: pronoun.idx].rstrip().endswith((",", ";", "—", "–")):
        return True
    return words[i - 2].pos_ in _OPENS_A_CLAUSE_POS and words[i - 2].lower_ not in ("what", "whatever")


def _name_and_word(text: str, first: Token, second: Token) -> bool:
    """A capitalised word inside a sentence, then the same word in small letters: a name and a word ("Will, will")."""
    if not (first.text[:1].isupper() and second.text[:1].islower()) or first.text == "I":
        return False
    return not _opens_sentence(text, first.idx)


def is_false_start(stem: str, following: str, dash: str = "-") -> bool:
    """Whether a word cut off by ``dash`` ("imple-- implemented", "Some- sometimes") is begun again by the next
    word. Before a long dash, a word of its own is not cut off because the next one begins with it: "We used to--
    today we run it all" and "we paid for— fortunately" keep "to" and "for"; a capitalised stem before "and",
    "or" or "to" shares its hyphen with the next word ("A- and B-grade")."""
    # Imported here: reading transcripts imports this module (``is_acknowledgement``) and needs no spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    if stem.lower() == following.lower():
        return True
    if stem[:1].isupper() and following in ("and", "or", "to"):
        return False  # a suspended hyphen: "We rate them A- and B-grade", "Pre- or post-sale"
    stem, following = stem.lower(), following.lower()
    begun_again = following.startswith(stem) or stem.startswith(following)
    return begun_again and (dash == "-" or stem not in STOP_WORDS)


def _in_a_name(text: str, match: re.Match[str], word: str) -> bool:
    """A capitalised filler-like word inside a sentence ("our Hmm Labs") or before another capitalised word
    ("Um Kalthoum", but not "Uh I think") is part of a name."""
    if not word[:1].isupper() or match.group() != word:
        return False  # a comma or a full stop right after it ("models, Uh, it's"): a name never takes one there
    sentence_start = _opens_sentence(text, match.start())
    after = text[match.end() :]
    following = re.match(r"[ \t]+([^\W\d_][\w'’]*)", after)
    if following is None or not following[1][:1].isupper():
        return not sentence_start
    return not sentence_start or not re.fullmatch(r"I(?:['’]\w+)?", following[1])


def _repeats(text: str, tokens: Sequence[Token]) -> list[Removal]:
    """Earlier copies of a word or a phrase of up to three words said again at once."""
    if not _may_repeat(tokens):
        return []  # most passages: no word or phrase follows itself, so no Token object need be made
    words = [t for t in tokens if not t.is_punct]
    lowers = [w.lower_ for w in words]  # once: a Token's attributes are slow to read
    found: list[Removal] = []
    i = 0
    while i < len(words):
        matched = False
        for size in (3, 2, 1):
            if i + 2 * size > len(words) or lowers[i : i + size] != lowers[i + size : i + 2 * size]:
                continue
            first, second = words[i : i + size], words[i + size : i + 2 * size]
            # "to them it's IT's problem", "help us, US customers": a word and an acronym; "Our IT guy, Will, will
            # set it up": a name and a word
            pairs = zip(first, second, strict=True)
            if any(_acronym_of(a.text, b.text) or _name_and_word(text, a, b) for a, b in pairs):
                continue
            if not (_whole_words(text, first) and _whole_words(text, second)):
                continue  # "I do, I don't": spaCy splits "don't" into "do" + "n't"
            if not (_one_phrase(text, first) and _one_phrase(text, second)):
                continue  # "there, and there. And": a phrase said again runs on without punctuation
            between = text[first[-1].idx + len(first[-1].text) : second[0].idx]
            if not _SEPARATOR.fullmatch(between):
                continue
            # "did" and "does" said twice are a stutter as main verbs too: "we did, did the whole import"
            if not any(
                (w.pos_ in _FUNCTION_POS or w.lower_ in ("i", "we", *_DONE_DOUBLES)) and w.lower_ not in _EMPHATIC
                for w in first
            ):
                continue  # "very, very good", "four four": content said twice is meant
            if size > 1 and i and words[i - 1].lower_ in _NEGATIONS:
                continue  # a correction, not a stutter: "Not my team, my team was desperate." keeps both
            after = words[i + 2 * size] if i + 2 * size < len(words) else None
            if after is not None and after.like_num and any(w.pos_ in _AMOUNT_POS or w.like_num for w in first):
                continue  # "a dollar, a dollar fifty": the second copy goes on to another amount, a range
            if size == 1 and first[0].text.lower() in _GRAMMATICAL_DOUBLES:
                continue  # "had had", "that that", "help with that, that would be cool": two roles, not a stutter
            if size == 1 and first[0].lower_ in _ADJACENT_DOUBLES and "what" in lowers[max(0, i - 5) : i]:
                continue  # "what it was was a mess", "what the problem is, is that" (not "the hotels were were")
            if size == 1 and first[0].lower_ in _DONE_DOUBLES and not _stuttered_verb(text, words, i):
                continue  # "what they did did work", "the training we did did help" (not "we did, did the import")
            third = words[i + 2 * size] if i + 2 * size < len(words) else None
            if _ends_the_phrase_before(text, first, second):
                if third is None or third.lower_ != second[0].lower_:
                    continue  # "If we buy it, it has to": the first copy is an object, the second a subject
                # "renew it, it, it just kept failing": the object stays, the next copy is the stutter
                found.append((second[0].idx, third.idx, "repeat"))
                i += 2 * size
                matched = True
                break
            found.append((first[0].idx, second[0].idx, "repeat"))
            i += size
            matched = True
            break
        if not matched:
            i += 1
    return found


def _acronym_of(one: str, other: str) -> bool:
    """Whether one of two words that read the same in lower case is an acronym and the other is not ("it", "IT")."""
    return len(one) > 1 and one.isupper() != other.isupper()


def _may_repeat(tokens: Sequence[Token]) -> bool:
    """Whether a word or a phrase of up to three words follows itself at once (punctuation aside, any case), read
    from a spaCy ``Doc``'s arrays; True for any other sequence of tokens (``_repeats`` then looks at each)."""
    to_array = getattr(tokens, "to_array", None)
    if to_array is None:
        return True
    table = to_array(["LOWER", "IS_PUNCT"])
    lowers = table[table[:, 1] == 0, 0]
    for size in (1, 2, 3):
        if len(lowers) < 2 * size:
            break
        same = np.ones(len(lowers) - 2 * size + 1, dtype=bool)
        for offset in range(size):
            same &= (
                lowers[offset : len(lowers) - 2 * size + 1 + offset]
                == lowers[size + offset : len(lowers) - size + 1 + offset]
            )
        if same.any():
            return True
    return False


def _ends_the_phrase_before(text: str, first: Sequence[Token], second: Sequence[Token]) -> bool:
    """Words said twice across a comma where the first copy belongs to what comes before it: "If we buy it, it has
    to", "talk to her, her deputy", "he calls the supplier, the supplier cancels it", "we rely on, on the other hand":
    an object (or a preposition) whose head is to its left, with a comma after it, is part of that phrase, not a
    stutter ("the, the system" and "we, we had" are)."""
    if "," not in text[first[-1].idx + len(first[-1].text) : second[0].idx]:
        return False
    root, again = _phrase_root(first), _phrase_root(second)
    if root is None or root.head.i >= first[0].i:
        return False
    if root.pos_ == "ADP":  # "give it to, to the team" is a stutter; "on, on the other hand" opens a phrase
        return len(first) == 1 and bool(_OPENS_A_PHRASE.match(text, second[0].idx + len(second[0].text)))
    if again is not None and again.head.i == root.head.i:
        return False  # "send them, them the remittance": both copies hang off one verb, a stutter
    # An object, not a word left hanging ("the, the approvals", whose first "the" spaCy may call a pronoun).
    return root.pos_ in ("PRON", "NOUN", "PROPN") and root.dep_ in _OBJECTS and root.lower_ not in _NEVER_OBJECTS


def _phrase_root(words: Sequence[Token]) -> Token | None:
    """The one word of ``words`` whose head lies outside them, or None when there are several."""
    inside = {word.i for word in words}
    roots = [word for word in words if word.head.i not in inside]
    return roots[0] if len(roots) == 1 else None


def _whole_words(text: str, words: Sequence[Token]) -> bool:
    """The tokens are words of their own, a contraction's parts together ("isn't" is "is" + "n't")."""
    return all(
        _whole_word(text, word) or (k + 1 < len(words) and words[k + 1].idx == word.idx + len(word.text))
        for k, word in enumerate(words)
    )


def _whole_word(text: str, token: Token) -> bool:
    """The token is a word of its own in the text, not the first part of one ("do" of "don't")."""
    end = token.idx + len(token.text)
    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        return False  # "on" of "on-prem", "to" of "to-do"
    return end >= len(text) or not (text[end].isalnum() or text[end] in "'’")


def _one_phrase(text: str, words: Sequence[Token]) -> bool:
    """Nothing but spaces between the words."""
    return all(not text[a.idx + len(a.text) : b.idx].strip() for a, b in pairwise(words))


def merge_removals(removals: Iterable[Removal]) -> list[Removal]:
    """Sorted, non-overlapping, non-empty ranges; where two overlap, the first one's reason is kept."""
    merged: list[Removal] = []
    for start, end, reason in sorted(r for r in removals if r[1] > r[0]):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, reason))
    return merged


def clip_removals(removals: Iterable[Removal], start: int, end: int) -> tuple[Removal, ...]:
    """The parts of ``removals`` that fall inside ``[start, end)``."""
    return tuple((max(s, start), min(e, end), why) for s, e, why in removals if s < end and e > start)


def apply_cleanup(source: str, start: int, end: int, removed: Iterable[Sequence[object]]) -> str:
    """The quote for ``source[start:end]`` after deleting ``removed`` ranges (``(start, end[, reason])``)."""
    pieces: list[str] = []
    cursor = start
    cuts = sorted((int(r[0]), int(r[1]), str(r[2]) if len(r) > 2 else "") for r in removed)  # type: ignore[call-overload]
    for cut_start, cut_end, reason in cuts:
        pieces.append(source[cursor:cut_start])
        # "end-to-" / "end" in two caption cues: one word, "end-to-end"
        hyphenated = reason == "gap" and _HYPHEN_END.search(pieces[-1]) and _JOINS_HYPHEN.match(source, cut_end)
        pieces.append("" if hyphenated else " ")
        cursor = max(cursor, cut_end)
    pieces.append(source[cursor:end])
    text = _WHITESPACE.sub(" ", "".join(pieces))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _LEADING_JUNK.sub("", text).strip()
    # A sentence starts with a capital, but a name written with a small first letter and a capital inside
    # ("ezyVet", "iPhone", "eBay") keeps its spelling.
    first = text.split(maxsplit=1)[0] if text else ""
    return text if any(c.isupper() for c in first[1:]) else text[:1].upper() + text[1:]
