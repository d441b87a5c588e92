"""Whether an answer only reads the interviewer's question back before answering it: such a sentence is the
question's words, not the buyer's, and is never quoted."""

from __future__ import annotations

import re

_PERSON_WORD = {"i": "you", "me": "you", "we": "you", "us": "you", "my": "your", "our": "your", "am": "are"}
# An answer opens so: "It's more back and forth.", "My colleagues have influenced me.", "About five months, yes."
_ANSWER_OPENERS = re.compile(
    r"(?:i|we|they|he|she|it|my|our|their|that|there|yes|yeah|no|about|around|maybe|probably)\b", re.I
)

# Words that stress what the question said: added to it, they make it the speaker's own answer (tester 9).
_STRESS = frozenset(
    {"far", "much", "way", "really", "very", "so", "definitely", "absolutely", "totally", "certainly", "always",
     "never", "still", "even", "completely", "entirely", "extremely", "incredibly", "massively", "hugely", "too"}
)  # fmt: skip


_CONFIRMED = re.compile(r",\s*(?:yes|yeah|yep|exactly|definitely|absolutely|for sure|correct|right)\W*$", re.I)


def echoes(sentence: str, question: str) -> bool:
    """Whether ``sentence`` reads the interviewer's ``question`` back before answering it ("How do we handle
    reminders today." after "How do you handle reminders today?", "The biggest headache in scheduling."): four
    words or more, all of them the question's in its order (I/we read as you; one word of its own in six or more, and
    none that stresses it: "far", "really"), and not opening as an answer does ("We use Excel." after "Do you use
    Excel?", "About five months, yes.")."""
    said = [_PERSON_WORD.get(w, w) for w in re.findall(r"[a-z0-9]+", sentence.lower())]
    asked = [_PERSON_WORD.get(w, w) for w in re.findall(r"[a-z0-9]+", question.lower())]
    if "or" in asked and "or" not in said:
        return False  # "More likely to collaborate." picks one of the question's choices: an answer
    # "A lot of maybes." said back to the interviewer's remark agrees with it: only a question is read back
    if len(said) < 4 or "?" not in question or _ANSWER_OPENERS.match(sentence.lstrip()):
        return False
    if _CONFIRMED.search(sentence):
        return False  # "The biggest problem is the manual handover from sales, yes.": a leading question confirmed

    if any(word in _STRESS and word not in asked for word in said):
        return False  # "The approvals take far too long." after "... the approvals take too long?": a stressed yes
    matched, at = 0, 0
    for word in said:  # in the question's order
        if word in asked[at:]:
            at = asked.index(word, at) + 1
            matched += 1
    # one word of its own only in a longer sentence: "Retrain the models." answers "... quality of your models?"
    return matched >= len(said) - (1 if len(said) >= 6 else 0)
