"""Who is the buyer in an interview, what is their title, and which persona role do they belong to.

Titles vary, roles do not: "VP Sales", "Head of Sales" and "Sales Director" map to one role through the
configurable taxonomy. The role comes from metadata ``role``; else the metadata ``title`` through the
taxonomy; else the title the buyer states when introducing themselves ("I'm a data scientist at ...");
else ``Unassigned``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

from .cleanup import apply_cleanup, filler_pattern, find_disfluencies
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, SpeakerRoles

T = TypeVar("T", str, int)
"""A speaker: a name in a transcript, or a speaker number in a recording."""

# Labels such as "Interviewer", "Interviewer 2", "Interviewer1", "interviewee:".
_INTERVIEWER_LABEL = re.compile(r"^(interviewers?|moderator|researcher|host|intervieweur)[\s\d]*$", re.I)
_BUYER_LABEL = re.compile(r"^(interviewee|respondent|participant|customer|buyer|guest|candidate)[\s\d]*$", re.I)
_GENERIC_LABEL = re.compile(
    r"^(interview(er|ee)s?|moderator|researcher|host|respondent|participant|customer|buyer|guest|candidate"
    r"|speaker|intervieweur)\b",
    re.I,
)

# Normalised title vocabulary: multi-word forms first, so "chief financial officer" becomes "cfo".
_TITLE_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("chief information security officer", "ciso"),
    ("chief financial officer", "cfo"),
    ("chief information officer", "cio"),
    ("chief technology officer", "cto"),
    ("chief revenue officer", "cro"),
    ("chief marketing officer", "cmo"),
    ("chief operating officer", "coo"),
    ("chief executive officer", "ceo"),
    ("chief people officer", "chro"),
    ("accounts payable", "ap"),
    ("account payable", "ap"),
    ("vice president", "vp"),
    ("information technology", "it"),
    ("human resources", "hr"),
    ("machine learning", "ml"),
    ("financial", "finance"),
)
_TITLE_STOPWORDS = frozenset({"of", "the", "for", "and", "a", "an", "at", "in", "on", "to"})
_SENIORITY = frozenset({"senior", "junior", "sr", "jr", "principal", "staff", "associate", "lead"})

_HEAD_NOUNS = (
    "manager|director|officer|scientist|engineer|analyst|analyste|specialist|clerk|lead|head|controller"
    "|cfo|ceo|cto|cio|coo|ciso|cro|cmo|vp|architect|developer|consultant|supervisor|accountant|administrator"
    "|coordinator|president|founder|owner|designer|researcher|executive|strategist|planner|marketer"
    "|recruiter|treasurer|bookkeeper|auditor|buyer|programmer|statistician"
)
_TITLE_WORD = r"[A-Za-z][\w&/'-]*"
# The words a stated title may start with stop at function words ("at", "with", "for", ...).
_NOT_IN_TITLE = frozenset(
    {
        "at", "in", "for", "with", "and", "but", "so", "the", "a", "an", "here", "there", "because", "i",
        "we", "you", "my", "our", "that", "this", "of", "to", "as", "was", "been", "be", "is", "am", "are",
        "like", "just", "currently", "now", "basically", "actually", "kind", "sort", "working", "work",
        "say", "let's", "mainly", "really", "also", "then", "still", "put", "down", "me", "it's", "not",
        "very", "quite", "pretty", "new", "bit", "more",
    }
)  # fmt: skip
_INTRO_LEAD = re.compile(
    r"\b(?:i'?m|i\s+am|i\s+work\s+as|i'?ve\s+been\s+working\s+as|working\s+as|work(?:ed|ing)?\s+it\s+as"
    r"|my\s+(?:main\s+|current\s+|official\s+)?(?:role|position|title|job)(?:\s+title)?\s+is"
    r"|let'?s\s+say|put\s+(?:me\s+)?down\s+as|as\s+(?:a|an|the)|en\s+tant\s+que)\s+"
    r"(?:(?:a|an|the|currently|now|basically|actually)\s+)*",
    re.I,
)
_TITLE_AFTER_LEAD = re.compile(
    rf"((?:{_TITLE_WORD}\s+){{0,4}}?(?:{_HEAD_NOUNS})\b(?:\s+of\s+{_TITLE_WORD}(?:\s+{_TITLE_WORD})?)?)",
    re.I,
)
_INTRO_TURNS = 12
"""Self-introductions come early: only the buyer's first turns are searched."""


def identify_speakers(interview: Interview) -> SpeakerRoles:
    """Split the speakers into interviewers and buyers: by metadata names, labels, or who asks questions."""
    speakers = list(dict.fromkeys(turn.speaker for turn in interview.turns))
    meta = interview.meta
    named_buyers = [s for s in speakers if _same_person(s, meta.interviewee)]
    named_interviewers = [s for s in speakers if _same_person(s, meta.interviewer)]
    if named_buyers or named_interviewers:
        if named_buyers:
            buyers = named_buyers
            interviewers = [s for s in speakers if s not in buyers]
        else:
            interviewers = named_interviewers
            buyers = [s for s in speakers if s not in interviewers]
        return SpeakerRoles(tuple(interviewers), tuple(buyers), "metadata")
    labelled_interviewers = [s for s in speakers if _INTERVIEWER_LABEL.match(s)]
    labelled_buyers = [s for s in speakers if _BUYER_LABEL.match(s)]
    if labelled_interviewers or labelled_buyers:
        if labelled_buyers:
            return SpeakerRoles(
                tuple(s for s in speakers if s not in labelled_buyers), tuple(labelled_buyers), "labels"
            )
        return SpeakerRoles(
            tuple(labelled_interviewers),
            tuple(s for s in speakers if s not in labelled_interviewers),
            "labels",
        )
    if len(speakers) < 2:
        return SpeakerRoles((), tuple(speakers), "single speaker")
    interviewer = asks_most_questions((turn.speaker, turn.text) for turn in interview.turns)
    return SpeakerRoles((interviewer,), tuple(s for s in speakers if s != interviewer), "inferred")


def asks_most_questions(said: Iterable[tuple[T, str]]) -> T:
    """The speaker of (speaker, text) pairs who asks most questions; on a tie, the one who talks less."""
    questions: Counter[T] = Counter()
    words: Counter[T] = Counter()
    for speaker, text in said:
        questions[speaker] += text.count("?")
        words[speaker] += len(text.split())
    return min(words, key=lambda s: (-questions[s], words[s], str(s)))


def _same_person(speaker: str, name: str) -> bool:
    if not name.strip():
        return False
    speaker_key, name_key = speaker.strip().lower(), name.strip().lower()
    return speaker_key == name_key or speaker_key == name_key.split()[0] or name_key.startswith(speaker_key + " ")


def normalise_title(title: str) -> str:
    text = " " + re.sub(r"[^\w\s]", " ", title.lower().replace("&", " and ")) + " "
    text = re.sub(r"\s+", " ", text)
    for phrase, short in _TITLE_SYNONYMS:
        text = text.replace(f" {phrase} ", f" {short} ")
    return " ".join(word for word in text.split() if word not in _TITLE_STOPWORDS)


def role_for_title(title: str, taxonomy: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The taxonomy role whose longest pattern's words all occur in the title; else the title itself."""
    words = set(normalise_title(title).split())
    if not words:
        return ""
    best_role, best_length = "", 0
    for role, patterns in taxonomy:
        for pattern in patterns:
            pattern_words = set(normalise_title(pattern).split())
            if pattern_words and pattern_words <= words and len(pattern_words) > best_length:
                best_role, best_length = role, len(pattern_words)
    if best_role:
        return best_role
    core = [word for word in title.split() if word.lower() not in _SENIORITY]
    return " ".join(word if word.isupper() else word.capitalize() for word in core) or title.strip()


def stated_title(texts: list[str]) -> str:
    """The job title a buyer states in a self-introduction, or ``""``."""
    for text in texts:
        for lead in _INTRO_LEAD.finditer(text):
            match = _TITLE_AFTER_LEAD.match(text, lead.end())
            if not match:
                continue
            words = match.group(1).split()
            # Drop leading words that cannot start a title ("I'm at the data scientist..." → "data scientist").
            while words and words[0].lower() in _NOT_IN_TITLE:
                words.pop(0)
            if any(word.lower() in _NOT_IN_TITLE - {"of"} for word in words):
                continue
            if words:
                # "accounts payable clerk" → "Accounts Payable Clerk"; "ERP" and "AI" stay as said.
                return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)
    return ""


def buyer_profile(
    interview: Interview,
    speakers: SpeakerRoles,
    taxonomy: tuple[tuple[str, tuple[str, ...]], ...],
    fillers: tuple[str, ...],
) -> BuyerProfile:
    meta = interview.meta
    # A label such as "Interviewee 1" is no name: the persona then says the interviewees are unnamed.
    named = [speaker for speaker in speakers.buyers if not _GENERIC_LABEL.match(speaker)]
    name = meta.interviewee or (named[0] if named else "")
    if meta.role:
        return BuyerProfile(interview.id, name, meta.title, meta.role, "metadata")
    if meta.title:
        return BuyerProfile(interview.id, name, meta.title, role_for_title(meta.title, taxonomy), "title")
    pattern = filler_pattern(fillers)
    buyer_turns = [turn for turn in interview.turns if turn.speaker in speakers.buyers][:_INTRO_TURNS]
    texts = [
        apply_cleanup(turn.text, 0, len(turn.text), find_disfluencies(turn.text, 0, pattern)) for turn in buyer_turns
    ]
    title = stated_title(texts)
    if title:
        return BuyerProfile(interview.id, name, title, role_for_title(title, taxonomy), "self-introduction")
    return BuyerProfile(interview.id, name, "", UNASSIGNED_ROLE, "unassigned")


def display_speaker(speaker: str, profile: BuyerProfile) -> str:
    """A generic label ("Interviewee", "interviewee") is shown as the buyer's name when metadata has one."""
    if profile.name and _GENERIC_LABEL.match(speaker):
        return profile.name
    return speaker
