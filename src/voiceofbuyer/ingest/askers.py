"""Who asks: how many questions a turn asks (its question marks, and prompts typed without one), who asks most,
and the questions about the buyer's own situation an interviewer asks ("What made you start looking?")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T", str, int)

SITUATION_QUESTION = re.compile(
    r"\b(?:what\s+made\s+you|how\s+do\s+you|tell\s+me|what\s+would|walk\s+me|how\s+are|how\s+is\s+\w+\s+(?:done|"
    r"handled)|why\s+did\s+you|how\s+often|what\s+does\s+(?:a|your)\s+(?:typical|normal|team|day)|could\s+you\s+"
    r"(?:tell|describe|start))\b[^?]*\?",
    re.I,
)


def asks_most_questions(said: Iterable[tuple[T, str]]) -> T:
    """The speaker of (speaker, text) pairs who asks most questions (``question_count``); on a tie, the one who
    talks less."""
    questions: Counter[T] = Counter()
    words: Counter[T] = Counter()
    for speaker, text in said:
        questions[speaker] += question_count(text)
        words[speaker] += len(text.split())
    return min(words, key=lambda s: (-questions[s], words[s], str(s)))


# A prompt typed without its question mark: "Walk me through what happens at a border crossing", "Start by telling
# us about your role", "Anything else you want to add", "Could you describe the process", "And how did you find out".
_PROMPT = re.compile(
    r"(?:(?:and|so|okay|ok|right|great|thanks)[,.]?\s+)*(?:(?:walk|talk|take)\s+(?:me|us)\s+through|tell\s+(?:me|us)"
    r"|(?:start|begin)\s+by\s+(?:telling|walking|describing)|describe|explain|say\s+more|anything\s+else\s+(?:you|to)"
    r"|(?:could|can|would|do|did|have)\s+you\s+(?:tell|walk|talk|describe|explain|share|say|give)"
    r"|(?:how|what|why|when|where|which|who)\s+(?:do|did|does|would|could|can|have|are|were)\s+you)\b",
    re.I,
)


def question_count(text: str) -> int:
    """Questions asked in ``text``: its question marks, and its sentences that open as a prompt without one."""
    sentences = (piece.strip() for piece in re.split(r"(?<=[.!?])\s+|\n", text) if "?" not in piece)
    return text.count("?") + sum(1 for sentence in sentences if _PROMPT.match(sentence))
