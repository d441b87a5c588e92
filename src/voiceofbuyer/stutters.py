"""Stutters: a word or a short phrase said again at once ("the, the approval", "we were, we were going"), told apart
from words said twice on purpose ("very, very good", "had had", "what it was was", "If we buy it, it has to").
Read from the passage's spaCy tokens; ``cleanup.disfluencies`` records each as a ``repeat`` removal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

import numpy as np

Removal = tuple[int, int, str]
"""``(start, end, reason)``: absolute source offsets of text the clean-up leaves out, and why."""

_FUNCTION_POS = frozenset({"PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART"})
_AMOUNT_POS = frozenset({"NUM", "NOUN", "PROPN"})
# Said twice for emphasis, not a stutter: "no, no deal".
_EMPHATIC = frozenset({"no", "not", "never", "yes"})
# Before a phrase said twice, the first copy is what is denied: removing it would turn the meaning.
_NEGATIONS = frozenset({"not", "no", "never", "nor", "n't", "without"})
# Function words said twice on purpose: "had had", "that that", "what it is is", "what it was was".
_GRAMMATICAL_DOUBLES = frozenset({"had", "that", "do", "in"})
# Verbs a "that" after which opens what is thought or said: "I think that, that could work", the comma a restart, says
# "I think that could work" whether the second "that" is the clause's subject or the word said again (tester 34);
# "I think that that is the problem", with no comma, is said as written.
_TAKES_A_CLAUSE = frozenset(
    {"think", "thought", "say", "said", "says", "know", "knew", "believe", "guess", "hope", "feel", "felt", "mean",
     "meant", "realised", "realized", "found", "figured", "noticed", "agree", "agreed", "suppose", "reckon"}
)  # fmt: skip
# Said twice on purpose only after a clause standing for a thing (``_FREE_RELATIVE``): "what it was was", "what the
# problem is, is that", never "It was, was a nightmare", "our regulator is, is not" nor "the hotels were were late".
_ADJACENT_DOUBLES = frozenset({"was", "were", "is", "can", "will", "would", "could", "should", "must"})
# Words that open a clause standing for a thing, before the verb said twice: "what it was was a mess", "All it is is
# a spreadsheet", "Whatever the total is is what we pay"
_FREE_RELATIVE = frozenset({"what", "all", "whatever", "whoever", "whichever", "wherever", "however"})
# Words a Roman numeral follows: "Type I", "Phase I"
_NUMBERED = frozenset({"type", "phase", "tier", "level", "stage", "class", "part", "grade", "category", "schedule",
                       "series", "article", "chapter", "gen", "mark", "volume", "title", "war"})  # fmt: skip
# Words opening a clause whose subject and verb the main clause says again: "When it works, it works"
_SUBORDINATORS = frozenset(
    {"when", "if", "once", "whenever", "what", "where", "until", "unless", "because", "while", "all"}
)
_DONE_DOUBLES = frozenset({"did", "does"})
"""Said twice as a stutter only right after a pronoun that opens its clause ("Honestly we did, did the whole
import"); after a subject that is itself a clause they are two verbs ("What they did did work", "The little training
we did did help", "Whatever the consultants did, did nothing")."""
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it"})
_OPENS_A_CLAUSE_POS = frozenset({"CCONJ", "ADV", "INTJ", "PUNCT", "SPACE"})
# Words that never end a phrase as its object: "the, the supplier", "my, my boss" are stutters.
_NEVER_OBJECTS = frozenset({"the", "a", "an", "my", "our", "your", "their", "his", "its"})
_OBJECTS = frozenset({"dobj", "pobj", "dative", "attr", "oprd"})
_NOMINATIVE = frozenset({"we", "they", "he", "she"})
"""Pronouns only ever a subject: never the object that ends a phrase ("I" may be a numeral: "in column I, I have")."""
# A stock phrase the second copy of a preposition opens: "we rely on, on the other hand, ...", "we went back to, to be
# honest, a spreadsheet", "We use it for, for example, ...", "we got hit by, by the way, ...".
_ROUGHLY = (
    r"(?:half|a\s+(?:third|quarter|half|dozen|hundred|thousand|million|week|month|year)|\d"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|a\s+hundred)\b)"
)
# Idioms that a particle or preposition opens, said right after a verb that ends on the same word: "we laid off,
# off the top of my head, twelve people", "they priced us out, out of the blue", "we went with, with hindsight, the
# wrong vendor", "worried about, about half our suppliers" (tester 24).
_STOCK_PHRASE = re.compile(
    r"(?:on\s+(?:the\s+other\s+hand|the\s+one\s+hand|top\s+of\s+that|average|balance|paper|purpose|time"
    r"|the\s+whole|day\s+one)"
    r"|to\s+(?:be\s+(?:honest|fair|frank|clear|sure)|put\s+it\s+\w+|my\s+(?:mind|surprise|knowledge)|some\s+extent"
    r"|this\s+day|a\s+point)"
    r"|off\s+the\s+(?:top\s+of\s+(?:my|your|his|her|our|their)\s+head|record|shelf)"
    r"|out\s+of\s+(?:the\s+blue|nowhere|pure|sheer|curiosity|necessity|habit|interest|the\s+box|hand|date|pocket)"
    r"|with\s+(?:hindsight|the\s+benefit\s+of\s+hindsight|that\s+in\s+mind|luck)"
    r"|up\s+(?:front|to\s+a\s+point|until|to\s+now|till)"
    r"|(?:about|around)\s+(?:the\s+time|" + _ROUGHLY + r")"
    r"|back\s+(?:then|in\s+the\s+day|to\s+(?:basics|square\s+one|normal|the\s+drawing\s+board))"
    r"|for\s+(?:example|instance|one\s+thing|what\s+it['’]s\s+worth|the\s+most\s+part|now|sure|starters|a\s+start"
    r"|a\s+while|good)"
    r"|by\s+(?:the\s+way|and\s+large|contrast|comparison|far)"
    r"|at\s+(?:a\s+minimum|a\s+maximum|least|most|best|worst|the\s+end\s+of\s+the\s+day|the\s+moment|this\s+point"
    r"|times|first)"
    r"|in\s+(?:fact|theory|practice|general|short|other\s+words|particular|my\s+(?:opinion|view|experience)"
    r"|the\s+end|the\s+meantime|hindsight|the\s+long\s+run)"
    r"|of\s+course|with\s+(?:respect|that\s+said)|as\s+(?:a\s+rule|far\s+as\s+i\s+know|it\s+happens))\b",
    re.I,
)
# Words that link a word to itself or its pair in a chain said for stress: "over and over", "line by line", "week
# after week", "back and forth".
_LINKS = frozenset({"and", "by", "after", "upon", "to"})
_UNCHAINED_POS = frozenset({"PRON", "DET", "AUX", "CCONJ", "SCONJ", "PART"})
"""Words a chain said for stress is never made of: "we and, we and the team" is a stutter ("over" may be ADP)."""
_SEPARATOR = re.compile(r"[\s,;]*(?:\.\.\.|…|--|—|–)?[\s,;]*")


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


def opens_sentence(text: str, index: int) -> bool:
    """Whether ``text[index:]`` starts a sentence: nothing before it, or an end of sentence, a colon or a quote."""
    before = text[:index].rstrip()
    return not before or before.endswith((".", "?", "!", ":", '"', "“", "…"))


def _stuttered_verb(text: str, words: Sequence[Token], i: int) -> bool:
    """Whether "did" or "does" at ``words[i]``, said again at once, is a stutter: its subject is a pronoun that opens
    its clause (the sentence's start, a comma, "and", "honestly"), not the end of a subject that is a clause."""
    if i == 0 or words[i - 1].lower_ not in _SUBJECT_PRONOUNS:
        return False
    pronoun = words[i - 1]
    if i == 1 or opens_sentence(text, pronoun.idx) or text[: pronoun.idx].rstrip().endswith((",", ";", "—", "–")):
        return True
    return words[i - 2].pos_ in _OPENS_A_CLAUSE_POS and words[i - 2].lower_ not in ("what", "whatever")


def _name_and_word(text: str, first: Token, second: Token) -> bool:
    """A capitalised word inside a sentence, then the same word in small letters: a name and a word ("Will, will").
    Opening a sentence, only the names that are also auxiliaries (only function words are taken for stutters), then
    no question's subject: "Will will sign off on it", "May may be the one" (tester 9), not "Will, will it scale?"."""
    if not (first.text[:1].isupper() and second.text[:1].islower()) or first.text == "I":
        return False
    if opens_sentence(text, first.idx):
        return first.lower_ in _AUXILIARY_NAMES and not _SUBJECT_NEXT.match(text, second.idx + len(second.text))
    return True


_AUXILIARY_NAMES = frozenset({"will", "may"})
_SUBJECT_NEXT = re.compile(r"[\s,]*(?:i|we|you|they|he|she|it|there|this|that)\b", re.I)


def repeats(text: str, tokens: Sequence[Token], fillers: Sequence[Removal] = ()) -> list[Removal]:
    """Earlier copies of a word or a phrase of up to three words said again at once, or across the ``fillers``
    (removed ranges) between them: "I do a, uh, a quarterly review" loses "a, " as the filler goes, never the filler
    with it (each range is checked by its own reason)."""
    if not fillers and not may_repeat(tokens):
        return []  # most passages: no word or phrase follows itself, so no Token object need be made
    words = [t for t in tokens if not t.is_punct and not any(s <= t.idx < e for s, e, _ in fillers)]
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
            after_first = first[-1].idx + len(first[-1].text)
            cut = min((s for s, _, _ in fillers if after_first <= s < second[0].idx), default=second[0].idx)
            between = text[after_first:cut] + _without(text, fillers, cut, second[0].idx)
            if not _SEPARATOR.fullmatch(between):
                continue
            # "did" and "does" said twice are a stutter as main verbs too: "we did, did the whole import"
            if not any(
                (w.pos_ in _FUNCTION_POS or w.lower_ in ("i", "we", *_DONE_DOUBLES)) and w.lower_ not in _EMPHATIC
                for w in first
            ):
                continue  # "very, very good", "four four": content said twice is meant
            if size > 1 and _emphatic(words, lowers, i, size):
                continue  # "over and over and over", "back and forth, back and forth": said again to stress it
            if size > 1 and i and words[i - 1].lower_ in _NEGATIONS:
                continue  # a correction, not a stutter: "Not my team, my team was desperate." keeps both
            after = words[i + 2 * size] if i + 2 * size < len(words) else None
            if after is not None and after.like_num and any(w.pos_ in _AMOUNT_POS or w.like_num for w in first):
                continue  # "a dollar, a dollar fifty": the second copy goes on to another amount, a range
            thought = size == 1 and lowers[i] == "that" and i and lowers[i - 1] in _TAKES_A_CLAUSE and "," in between
            if size == 1 and first[0].text.lower() in _GRAMMATICAL_DOUBLES and not thought:
                continue  # "had had", "that that", "help with that, that would be cool": two roles, not a stutter
            if size == 1 and first[0].lower_ in _ADJACENT_DOUBLES and _FREE_RELATIVE & set(lowers[max(0, i - 5) : i]):
                continue  # "what it was was a mess", "All it is is a spreadsheet", "Whoever can can sign it" (not
                # "the hotels were were")
            if size == 1 and first[0].text == "I" and i and lowers[i - 1] in _NUMBERED:
                continue  # "SOC 2 Type I, I think": a numeral, then the speaker
            if size == 1 and i and _stranded(text, words, lowers, i):
                continue  # "the vendor we moved to to save money", "we've been asking for for two years"
            if size > 1 and i and lowers[i - 1] in _SUBORDINATORS:
                continue  # "When it works, it works", "That's what we do, we do a scan": a clause, then the main one
            if size == 1 and first[0].lower_ in _DONE_DOUBLES and not _stuttered_verb(text, words, i):
                continue  # "what they did did work", "the training we did did help" (not "we did, did the import")
            if size == 1 and _answer_then_question(text, words, i):
                continue  # "We did, did you ever hear of PressFlow?": a short answer, then a question
            third = words[i + 2 * size] if i + 2 * size < len(words) else None
            if _ends_the_phrase_before(text, first, second):
                if third is None or third.lower_ != second[0].lower_:
                    continue  # "If we buy it, it has to": the first copy is an object, the second a subject
                # "renew it, it, it just kept failing": the object stays, the next copy is the stutter
                found.append((second[0].idx, third.idx, "repeat"))
                i += 2 * size
                matched = True
                break
            found.append((first[0].idx, cut, "repeat"))
            i += size
            matched = True
            break
        if not matched:
            i += 1
    return found


# Words before an infinitive's "to": "we need to to save" is a stutter, "we moved to to save" is not
_TAKES_AN_INFINITIVE = frozenset(
    {"need", "needs", "needed", "want", "wants", "wanted", "have", "has", "had", "going", "gonna", "try", "tried",
     "trying", "plan", "planned", "able", "used", "like", "love", "hate", "decide", "decided", "hope", "expect",
     "seem", "seems", "start", "started", "begin", "began", "continue", "ought", "got", "supposed", "meant", "asked",
     "told", "allowed", "forced", "manage", "managed", "afford", "refuse", "agreed", "chose", "prefer", "how", "what",
     "where", "when", "whether", "order", "wanting", "needing", "easy", "hard", "difficult", "time"}
)  # fmt: skip


_QUESTION_SUBJECTS = frozenset({"you", "it", "they", "we", "he", "she", "i", "there", "anyone", "that", "this"})
_AUXILIARIES = frozenset(
    {"do", "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might", "must", "is", "are",
     "was", "were", "have", "has", "had"}
)  # fmt: skip


def _answer_then_question(text: str, words: Sequence[Token], i: int) -> bool:
    """An auxiliary that ends a short answer, then the same auxiliary opening a question with its subject ("We did,
    did you ever hear of PressFlow?", "if I could, could you get me a trial?", tester 24): both said. At a sentence's
    start ("Did, did you try it?") the first is a stutter."""
    first, second = words[i], words[i + 1]
    after = words[i + 2] if i + 2 < len(words) else None
    if first.lower_ not in _AUXILIARIES or after is None or after.lower_ not in _QUESTION_SUBJECTS:
        return False
    before = text[: first.idx]
    opened = max(before.rfind("."), before.rfind("?"), before.rfind("!"))
    rest = text[second.idx :]
    ends = min((rest.find(mark) for mark in ".?!" if mark in rest), default=-1)
    return any(c.isalpha() for c in before[opened + 1 :]) and ends >= 0 and rest[ends] == "?"


def _stranded(text: str, words: Sequence[Token], lowers: Sequence[str], i: int) -> bool:
    """Whether a preposition said twice without a comma ends a clause, then opens a phrase: after a verb, or a verb
    and its pronoun ("we've been asking for for two years", "I emailed you about about three weeks ago", "the
    vendor we moved to to save money"), never after a verb taking an infinitive ("we need to to save")."""
    first = words[i]
    if first.pos_ not in ("ADP", "PART") or "," in text[first.idx + len(first.text) : words[i + 1].idx]:
        return False
    before = list(words[max(0, i - 2) : i])
    verb = before[-1] if before[-1].pos_ != "PRON" or len(before) < 2 else before[-2]
    if not verb.tag_.startswith("VB"):
        return False
    if lowers[i] != "to":
        return True
    after = words[i + 2] if i + 2 < len(words) else None
    return verb.lower_ not in _TAKES_AN_INFINITIVE and after is not None and after.tag_ == "VB"


def _emphatic(words: Sequence[Token], lowers: Sequence[str], i: int, size: int) -> bool:
    """Whether the phrase said again at ``words[i:i + size]`` is part of a chain said for stress: a word linked to
    itself again and again ("over and over and over", "line by line by line", "week after week after week", seen from
    either of its links), or a pair said twice ("back and forth, back and forth")."""
    if size == 2:
        first, link = (0, 1) if lowers[i + 1] in _LINKS else (1, 0)
        if lowers[i + link] not in _LINKS or words[i + first].pos_ in _UNCHAINED_POS:
            return False
        # "over [and over] [and over]" from the second word, "[over and] [over and] over" from the first
        at = i - 1 if first == 1 else i + 4
        return 0 <= at < len(lowers) and lowers[at] == lowers[i + first]
    return size == 3 and lowers[i + 1] in _LINKS and all(words[i + k].pos_ not in _UNCHAINED_POS for k in (0, 2))


def _without(text: str, removals: Sequence[Removal], start: int, end: int) -> str:
    """``text[start:end]`` without the ``removals`` in it."""
    kept, cursor = [], start
    for cut_start, cut_end, _ in sorted(removals):
        if cut_end > cursor and cut_start < end:
            kept.append(text[cursor : max(cursor, cut_start)])
            cursor = max(cursor, cut_end)
    kept.append(text[cursor:end] if cursor < end else "")
    return "".join(kept)


def _acronym_of(one: str, other: str) -> bool:
    """Whether one of two words that read the same in lower case is an acronym and the other is not ("it", "IT")."""
    return len(one) > 1 and one.isupper() != other.isupper()


def may_repeat(tokens: Sequence[Token]) -> bool:
    """Whether a word or a phrase of up to three words follows itself at once (punctuation aside, any case), read
    from a spaCy ``Doc``'s arrays; True for any other sequence of tokens (``repeats`` then looks at each)."""
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
    to", "talk to her, her deputy", "he calls the supplier, the supplier cancels it", "we rely on, on the other hand"
    (a preposition before the stock phrase it opens, ``_STOCK_PHRASE``):
    an object (or a preposition) whose head is to its left, with a comma after it, is part of that phrase, not a
    stutter ("the, the system" and "we, we had" are)."""
    root, again = _phrase_root(first), _phrase_root(second)
    if "," not in text[first[-1].idx + len(first[-1].text) : second[0].idx]:
        return _object_then_subject(root, again, first, second)
    if root is None or root.head.i >= first[0].i:
        return False
    if len(first) == 1 and _STOCK_PHRASE.match(text, second[0].idx):
        return True  # "back to, to be honest, a spreadsheet": the first "to" ends its phrase, the second opens one
    if root.pos_ == "ADP":
        return False  # "give it to, to the team", "looked at, at the whole market": a stutter
    if again is not None and again.head.i == root.head.i:
        return False  # "send them, them the remittance": both copies hang off one verb, a stutter
    # An object, not a word left hanging ("the, the approvals", whose first "the" spaCy may call a pronoun), nor a
    # pronoun no object is ("Until we, we get proper SSO": spaCy reads "until" as a preposition, "we" as its object).
    never = _NEVER_OBJECTS | _NOMINATIVE
    return root.pos_ in ("PRON", "NOUN", "PROPN") and root.dep_ in _OBJECTS and root.lower_ not in never


def _object_then_subject(
    root: Token | None, again: Token | None, first: Sequence[Token], second: Sequence[Token]
) -> bool:
    """Without a comma between them (unpunctuated captions, or speech written as said), the parse alone tells the
    object that ends one phrase from the subject or possessive that opens the next: "send her her payslip", "told
    her her overtime would be", "if we buy it it has to talk", "they ignore it it happens" keep both; "send them them
    the remittance", "put it it in the folder" (one verb's two objects) are stutters."""
    if root is None or again is None or root.head.i >= first[0].i or again.head.i <= second[-1].i:
        return False
    takes_an_object = root.dep_ in ("dobj", "dative", "pobj") and root.pos_ in ("PRON", "NOUN", "PROPN")
    return takes_an_object and root.lower_ not in _NEVER_OBJECTS and again.dep_ in ("nsubj", "nsubjpass", "poss")


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
