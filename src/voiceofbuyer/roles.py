"""Who is the buyer in an interview, what is their title, and which persona role do they belong to.

Titles vary, roles do not: "VP Sales", "Head of Sales" and "Sales Director" map to one role through the
configurable taxonomy. The role comes from metadata ``role``; else the metadata ``title`` through the
taxonomy; else the title the buyer states when introducing themselves ("I'm a data scientist at ...");
else ``Unassigned``.
"""

from __future__ import annotations

import re

from .ingest.sides import is_placeholder
from .introductions import stated_title
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, SpeakerRoles

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


def buyer_profile(
    interview: Interview, speakers: SpeakerRoles, taxonomy: tuple[tuple[str, tuple[str, ...]], ...]
) -> BuyerProfile:
    """The buyer of an interview: their name (metadata, else the first buyer label that is a name: "Speaker 2"
    never is), their title and role, and where the role came from."""
    meta = interview.meta
    named = [speaker for speaker in speakers.buyers if not is_placeholder(speaker)]
    name = meta.interviewee or (named[0] if named else "")
    if meta.role:
        return BuyerProfile(interview.id, name, meta.title, meta.role, "metadata")
    if meta.title:
        return BuyerProfile(interview.id, name, meta.title, role_for_title(meta.title, taxonomy), "title")
    title = stated_title([turn.text for turn in interview.turns if turn.speaker in speakers.buyers])
    if title:
        return BuyerProfile(interview.id, name, title, role_for_title(title, taxonomy), "self-introduction")
    return BuyerProfile(interview.id, name, "", UNASSIGNED_ROLE, "unassigned")


def display_speaker(speaker: str, profile: BuyerProfile) -> str:
    """A placeholder label ("Interviewee", "Speaker 2") is shown as the buyer's name when metadata has one."""
    if profile.name and is_placeholder(speaker):
        return profile.name
    return speaker
