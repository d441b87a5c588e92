"""Disfluency clean-up that keeps the source span and never deletes a word that was meant.

A quote is ``apply_cleanup(source, start, end, removed)``: the source span with the recorded ``removed`` ranges
deleted. The rules, documented in the README ("Quotes and clean-up"):

1. each removed range is replaced by one space;
2. runs of whitespace become one space; spaces before ``, . ? ! ; :`` are dropped;
3. leading punctuation and spaces are dropped, and the first letter is upper-cased.

Each removed range is ``(start, end, reason)``; the reasons, and when each applies:

- ``filler``: a filler word ("um", "uh", "mm-hmm", configurable) with the comma or period after it, only where it
  is a filler: never in capitals ("ER", "UM Health"), never after a number ("5 mm"), never a preposition's object
  ("in mm and"), never next to a slash ("mm/dd/yyyy");
- ``repeat``: an immediate stutter, the earlier copies of a word or a short phrase said again ("the, the
  approval", "I I think", "we were, we were going"). A content word said twice with nothing between ("very very
  good", "had had", "that that", but not "I think that, that could work") is how people speak and stays; a repeated
  phrase goes only when it holds a function word, and never after a negation ("Not my team, my team was desperate."
  is a correction);
- ``false-start``: a word cut off with a hyphen and restarted ("we- we tried", "appro- approval"), with the phrase
  said again before it ("We tr- we tried"); a dangling prefix ("pre- and post-approval") stays;
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

from .fillers import meant
from .stop_words import english_stop_words
from .stutters import Removal, Token, repeats

Range = tuple[int, int]
REASONS = (
    "filler", "repeat", "false-start", "timestamp", "annotation", "line-number", "quote-mark", "gap", "backchannel",
    "escape",
)  # fmt: skip
_ACKNOWLEDGEMENT_WORDS = frozenset({
    "mm", "mmm", "mm-hmm", "mhm", "mm-mm", "uh-huh", "hmm", "yeah", "yes", "yep", "yup", "right", "okay", "ok", "sure",
    "i", "see", "got", "it", "gotcha", "ah", "oh", "aha", "totally", "exactly", "absolutely", "definitely", "of",
    "course", "makes", "sense", "cool", "wow", "mhmm", "uh", "huh", "interesting", "ouch", "nice", "great", "true",
    "yikes", "oof", "jeez", "geez", "gosh", "ugh", "whoa", "woah", "ooh", "blimey", "crikey", "damn", "dang",
})  # fmt: skip
# Sympathy said into a buyer's sentence ("Oh no.", "Oh dear.", "Oh my god."): "no" and "my" alone answer or start one.
_SYMPATHY = re.compile(r"\boh,?\s+(?:no|dear|my(?:\s+(?:god|gosh|goodness))?|man|boy)\b", re.I)
_WORD = re.compile(r"[\w'’-]+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

# A mark straight before a word starts that word: ".NET", ".5 FTE" keep their dot and the space before it.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.?!;:])(?!\w)")
_WHITESPACE = re.compile(r"\s+")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
# After "end-to-" / "self-" at a cue's end, a word that completes it; not one that starts the sentence again ("the
# pre-" / "the approval step", "re-" / "we tried").
_CUT_STEM = re.compile(r"([\w'’]+)-$")
_NEXT_WORD = re.compile(r"[\w'’]+")


def _completes(before: str, source: str, at: int) -> bool:
    """Whether the word at ``source[at]`` completes the hyphenated word ``before`` ends with across a caption cue's
    end ("end-to-" / "end"): not a sentence started again ("the pre-" / "the approval step"), nor a word cut off and
    said again ("We had a plan-" / "plans change" stays "plan- plans")."""
    if not _HYPHEN_END.search(before) or not _JOINS_HYPHEN.match(source, at):
        return False
    stem, word = _CUT_STEM.search(before), _NEXT_WORD.match(source, at)
    return not (stem and word and word[0].lower().startswith(stem[1].lower()))


_JOINS_HYPHEN = re.compile(
    r"(?!(?:the|a|an|we|i|you|they|he|she|it|and|but|so|or|that|this|there|then|our|my|your|their|um|uh)\b)[^\W\d_]",
    re.I,
)
# A hyphen right before a digit is a minus sign: "-10% discount or not" keeps it.
_LEADING_JUNK = re.compile(r"^(?:[\s,;:!?–—]|-(?!\d)|\.(?!\w))+")
# A word cut off and said again, a contraction too ("I'm- I'm the head of").
_FALSE_START = re.compile(r"\b([\w'’]+)(-|--|–|—)\s+(?=([\w'’]+))")


def is_acknowledgement(text: str) -> bool:
    """A listener's token and nothing else ("Mm-hmm.", "Right, right.", "I see.", "Yeah, totally.", "Ouch.", "Oh no.",
    Rev's "Mm-hmm (affirmative)."): at most four distinct words besides a bracketed note, each one of
    ``_ACKNOWLEDGEMENT_WORDS``. Never "No." or "Really?": those answer, and may change what the speaker goes on to
    say. A token said again counts once ("Yeah, yeah, yeah, yeah, yeah.")."""
    if "negative" in text.lower():  # Rev's "Mm-mm (negative).": an answer
        return False
    words = _WORD.findall(_SYMPATHY.sub("oh", _BRACKETED.sub(" ", text)).lower())  # Rev's "Mm-hmm (affirmative)."
    return 0 < len(set(words)) <= 4 and "?" not in text and all(word in _ACKNOWLEDGEMENT_WORDS for word in words)


def filler_pattern(fillers: Iterable[str]) -> re.Pattern[str]:
    """Whole-word fillers with the comma, period, ellipsis or dash that trails them ("um," / "uh." / "um..." /
    "uh—"); never part of a contraction ("can" in "can't", should a user list it)."""
    words = sorted((re.escape(word) for word in fillers), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")  # no fillers configured: nothing is one (an empty alternation matches everywhere)
    # Never next to a slash: "mm/dd/yyyy", "dd/mm/yyyy" are date formats.
    # With the mark that trails it: a comma, a full stop, an ellipsis ("um... about") or a dash ("uh— it's")
    return re.compile(r"(?<![\w'’/-])(?:" + "|".join(words) + r")(?![\w'’/-])(?:\.{3}|…|—|–|,|\.)?", re.IGNORECASE)


def disfluencies(text: str, tokens: Sequence[Token], fillers: re.Pattern[str]) -> list[Removal]:
    """Fillers, stutters and false starts in ``text`` (offsets into ``text``), judged with its spaCy ``tokens``."""
    by_start: dict[int, int] | None = None  # built on the first filler: most passages of typed text have none
    found: list[Removal] = []
    for match in fillers.finditer(text):
        if by_start is None:
            by_start = {token.idx: i for i, token in enumerate(tokens)}
        if not meant(text, tokens, match, by_start.get(match.start())):
            found.append((match.start(), match.end(), "filler"))
    found += repeats(text, tokens, found)
    for match in _FALSE_START.finditer(text):
        if is_false_start(match.group(1), match.group(3), match.group(2)) and not _ends_a_phrase(match, tokens):
            found.append((match.start(), match.end(), "false-start"))
        elif (restarted := _restarted_before(text, match)) is not None:
            found.append((restarted, match.end(), "false-start"))
    return merge_removals(found)


_WORDS_BEFORE = [re.compile(r"(?:(?<=\s)|^)" + r"[\w'’]+\s+" * size + r"$") for size in (1, 2)]


def _restarted_before(text: str, match: re.Match[str]) -> int | None:
    """Where a phrase of one or two words, said again before the word it cut off, starts: "We tr- we tried", "the
    re- the renewal" (tester 34); None where the cut-off word has no such phrase before it."""
    before = text[: match.start()]
    following = _WORD.findall(text[match.end() : match.end() + 80])
    for words_before in _WORDS_BEFORE:
        said = words_before.search(before)
        if said and is_restart(said.group().split(), match.group(1), following, match.group(2)):
            return said.start()
    return None


def is_restart(said: Sequence[str], stem: str, following: Sequence[str], dash: str = "-") -> bool:
    """Whether ``said`` (words before a cut-off ``stem``, maybe none) and the stem are begun again by ``following``:
    the same words, then a word the stem begins (``is_false_start``): "We tr- we tried"."""
    size = len(said)
    again = [word.lower() for word in following[:size]] == [word.lower() for word in said]
    return len(following) > size and again and is_false_start(stem, following[size], dash)


_PARTICLES = frozenset({"up", "down", "out", "off", "over", "in", "on", "back", "away", "through", "for", "with",
                        "about", "from", "at", "of", "into"})  # fmt: skip


def _ends_a_phrase(match: re.Match[str], tokens: Sequence[Token]) -> bool:
    """Whether the cut-off looking word is a particle or a preposition that ends its phrase after a verb or an adverb
    ("The line went down- downtime cost us a shift", "That's what we're paying for- forecasts are still wrong", "I'd
    push back on- onsite training is a must"), not a prefix said again ("We over- overbought", "We were on-
    onboarding")."""
    if match.group(1).lower() not in _PARTICLES:
        return False
    before = [token for token in tokens if token.idx + len(token.text) <= match.start() and not token.is_space][-1:]
    return bool(before) and before[0].pos_ in ("VERB", "ADV")


def is_false_start(stem: str, following: str, dash: str = "-") -> bool:
    """Whether a word cut off by ``dash`` ("imple-- implemented", "Some- sometimes") is begun again by the next
    word: the next word begins with it. Never a whole word the next one is only the start of: "Onboarding- on paper
    it's two weeks", "Authorizations- a lot of them expire" name a topic, then say something of it. Never a word the
    next one only inflects ("We had a plan-- plans change every time", "Nobody owns it- it's somewhere", "It's not-
    nothing's automated"): the first thought ends there and another begins, and cutting the word leaves "a plans".
    A function word is cut off by a hyphen only before another ("Some- sometimes", "it's a- another") or where it
    cannot end a phrase ("We were on- onboarding", "We over- overbought"; "We used to- today it goes through the
    portal" keeps "to"), and never by a long dash, which transcribers put after a word given up whole: "We used to--
    today", "we paid for— fortunately" and "our insurance is a-- anyway" keep "to", "for" and "a". A capitalised
    stem before "and", "or" or "to" shares its hyphen with the next word ("A- and B-grade")."""
    stem, following = stem.replace("’", "'"), following.replace("’", "'")
    if stem[:1].isdigit():
        return False  # "between 5- 50 days", "8- 8:30": a range, not a word
    if stem.lower() == following.lower():
        return True
    if stem[:1].isupper() and following in ("and", "or", "to"):
        return False  # a suspended hyphen: "We rate them A- and B-grade", "Pre- or post-sale"
    stem, following = stem.lower(), following.lower()
    if not following.startswith(stem) or following[len(stem) :] in _INFLECTIONS:
        return False
    stop_words = english_stop_words()
    if stem not in stop_words:
        return True
    if dash != "-" or "'" in following:  # "nothing's", "tomorrow's": a clause of its own begins
        return False
    return following in stop_words or stem not in _ENDS_A_PHRASE


# Function words that may end a phrase, so a hyphen after one may close it ("We used to- today it all goes through
# the portal"); after any other ("We were on- onboarding", "We over- overbought") the word was cut off.
_ENDS_A_PHRASE = frozenset(
    {"to", "not", "it", "that", "this", "them", "us", "me", "him", "her", "there", "here", "now", "then", "too", "so"}
)  # fmt: skip
# What turns a whole word into another form of it: "plan" → "plans", "it" → "it's", "need" → "needed".
_INFLECTIONS = frozenset({"s", "es", "'s", "ed", "d", "ing", "n't", "'re", "'ll", "'ve", "'d", "'m"})


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


_SENTENCE_BEFORE = re.compile(r"[.!?][\"”’')]?\s*$")
_COMMA_BEFORE = re.compile(r"(?P<word>[\w'’]+),\s*$")
_NO_COMMA_AFTER = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "their", "his", "her", "its", "about",
     "of", "to", "in", "on", "at", "for", "with", "from", "by", "into", "onto", "than", "like", "around", "over",
     "under", "between", "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did",
     "will", "would", "can", "could", "should", "must", "might", "may", "and", "or", "but", "i", "we", "they",
     "he", "she", "it", "you", "very", "really", "more", "most", "some", "any", "every", "each", "all", "no",
     "not", "just", "only", "also", "even", "almost", "nearly", "roughly", "maybe", "probably", "if", "because",
     "when", "where", "what", "which", "who", "how", "why", "whether", "as", "too", "quite", "pretty",
     "i'm", "we're", "you're", "they're", "he's", "she's", "it's", "that's", "there's", "what's", "i've", "we've",
     "they've", "you've", "i'd", "we'd", "they'd", "i'll", "we'll", "they'll",
     # prepositions, and verbs before the object or amount they take ("We've got, uh, forty", "across, um, four
     # offices", "It takes, uh, six weeks", "I buy, um, everything"); not a participle that may end a clause ("could
     # be used, uh, the clients ...")
     "across", "through", "within", "without", "after", "before", "during", "per", "via", "toward", "towards",
     "against", "among", "behind", "beyond", "near", "past", "since", "until", "upon", "throughout", "including",
     # before an amount: "above, uh, 20%", "at least, um, forty" (tester 34)
     "above", "below", "least", "approximately", "exactly", "upwards",
     "get", "gets", "got", "take", "takes", "took", "make", "makes", "made", "buy", "buys", "bought", "need", "needs",
     "spend", "spends", "spent", "pay", "pays", "cost", "costs", "use", "uses", "run", "runs", "send", "sends",
     "lose", "loses", "save", "saves", "employ", "employs", "hire", "hires", "handle", "handles", "own", "owns",
     "cover", "covers", "sell", "sells", "process", "processes", "paid",
     # a verb in the past before its amount ("we lost, um, six days", "the inspector found, uh, nineteen gaps")
     "lost", "found", "counted", "missed", "wasted", "saved", "processed", "received", "approved", "rejected",
     "reached", "hit",
     # what a company makes or does, before the thing ("We machine, uh, hydraulic manifolds", "we build, uh,
     # ferries"; tester 29)
     "build", "builds", "built", "machine", "manufacture", "manufactures", "produce", "produces", "ship", "ships",
     "supply", "supplies", "serve", "serves", "manage", "manages", "support", "supports", "operate", "operates",
     # a phrasal verb's particle before its object or amount ("We wrote off, um, about four hundred thousand")
     "off", "up", "out", "down"}
)  # fmt: skip
"""Words no comma follows where the words go on: the comma after one of them, before a filler, is the filler's
("about, uh, eighteen"); after any other word it may be a list's or a clause's ("4" PVC, um, 6" PVC") and stays."""


def _without_filler_comma(before: str, after: str) -> str:
    """The text before a filler that took its own trailing comma, without the comma the filler was set off by when
    the words could not take one: "about, uh, eighteen" reads "about eighteen"; "Well, um, we" keeps "Well, we";
    so does a clause given up and started anew ("payroll is, um, it's a lot" reads "payroll is, it's a lot"),
    unless a conjunction asks for that clause ("because, um, we" reads "because we")."""
    comma = _COMMA_BEFORE.search(before)
    word = comma["word"].lower().replace("’", "'") if comma else ""
    if comma is None or word not in _NO_COMMA_AFTER:
        return before
    if word not in _JOINS_A_CLAUSE and _SUBJECT.match(after.lstrip()):
        return before
    return before[: comma.end("word")] + before[comma.end("word") + 1 :]


_JOINS_A_CLAUSE = frozenset(
    {"and", "or", "but", "if", "because", "when", "where", "what", "which", "who", "how", "why", "whether", "as",
     "than", "like"}
)  # fmt: skip
# A subject opening a clause after a filler: a restart ("it's", "we", "I'm", "it didn't"), not an object ("it" or
# "you" after "tell")
_SUBJECT = re.compile(
    r"(?:i|i['’](?:m|ve|d|ll)|we|we['’](?:re|ve|d|ll)|they|they['’](?:re|ve|d|ll)|he|she|it['’]s|there['’]s"
    r"|that['’]s|it\s+(?:\w+n['’]t|is|was|does|did|has|had|will|would|can|could|works?|worked|never|just|always))\b",
    re.I,
)


def _opening(piece: str) -> str:
    """``piece`` opening a sentence, as ``sentence_case`` writes it."""
    words = piece.lstrip()
    return piece[: len(piece) - len(words)] + sentence_case(words)


_KEEPS_ITS_CASE = re.compile(
    r"\S+[A-Z]|\S*\d|\S*\.\w{2}|(?!(?:h?m+|hm+|mhm|sh+|psst|tsk|brr+|grr+|pfft)\b)[^aeiouy\W\d_]{2,}\b", re.ASCII
)
"""A first word written with a capital inside ("iPhone", "ezyVet", "eBay"), a digit or a dot inside ("k8s",
"asana.com"; not "e.g."), or without a vowel ("dbt", "npm"; not a letter that numbers a list, "b)"): a name or a
tool's spelling, not a word a capital opens."""


def sentence_case(text: str) -> str:
    """``text`` with its first letter capitalised, as a sentence opens, unless it starts with no small letter or its
    first word keeps its spelling (``_KEEPS_ITS_CASE``)."""
    if not text[:1].islower() or _KEEPS_ITS_CASE.match(text):
        return text
    return text[:1].upper() + text[1:]


def apply_cleanup(source: str, start: int, end: int, removed: Iterable[Sequence[object]]) -> str:
    """The quote for ``source[start:end]`` after deleting ``removed`` ranges (``(start, end[, reason])``)."""
    pieces: list[str] = []
    cursor = start
    sentence_after = False  # the last cut took the words that opened a sentence
    cuts = sorted((int(r[0]), int(r[1]), str(r[2]) if len(r) > 2 else "") for r in removed)  # type: ignore[call-overload]
    for cut_start, cut_end, reason in cuts:
        pieces.append(_opening(source[cursor:cut_start]) if sentence_after else source[cursor:cut_start])
        # "about, uh, eighteen"; but "With the simpler models, Uh, it's ...": a capital starts the clause anew
        filler = source[cut_start:cut_end]
        if reason == "filler" and filler.endswith(",") and filler[:1].islower():
            pieces[-1] = _without_filler_comma(pieces[-1], source[cut_end:end])
        # "Normal. Um, so Monday ...": "Normal. So Monday ..."; "Speed. Some- sometimes the offer": "Sometimes"
        sentence_after = reason in ("filler", "false-start", "repeat") and (
            _SENTENCE_BEFORE.search(pieces[-1]) is not None or (sentence_after and not pieces[-1].strip())
        )
        # "end-to-" / "end" in two caption cues: one word, "end-to-end"
        hyphenated = reason == "gap" and _completes(pieces[-1], source, cut_end)
        pieces.append("" if hyphenated or reason == "escape" else " ")  # '""' is one '"', inside a word's run
        cursor = max(cursor, cut_end)
    pieces.append(_opening(source[cursor:end]) if sentence_after else source[cursor:end])
    text = _WHITESPACE.sub(" ", "".join(pieces))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _LEADING_JUNK.sub("", text).strip()
    return sentence_case(text)
