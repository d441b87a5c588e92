"""Which label candidates of a document are speakers (``SpeakerVote``, see ``labels``), and the labels and headings
that open metadata or notes, never a person speaking (``metadata_label``, ``section_kind``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from voiceofbuyer.ingest.labels import Head, is_bot, is_role_label, looks_like_name
from voiceofbuyer.ingest.speaker_names import INITIALS
from voiceofbuyer.job_words import names_a_job
from voiceofbuyer.stop_words import english_stop_words

# Words that make a label prose, not a name, even when it recurs ("I said:", "the point is:").
_PROSE_WORDS = frozenset(
    {"i", "the", "is", "are", "was", "were", "so", "and", "but", "said", "that", "this", "it", "to", "of", "my",
     "our", "we", "you", "for", "with", "be", "if", "then", "what", "how", "why", "in", "on", "at", "as", "an"}
)  # fmt: skip


SECTION_WORDS: dict[str, str] = {
    word: "notes"
    for word in (
        "notes",
        "note",
        "summary",
        "summaries",
        "overview",
        "outline",
        "highlights",
        "takeaways",
        "keywords",
        "chapters",
        "action items",
        "next steps",
        "follow-ups",
        "follow ups",
        "decisions",
        "key points",
        "observations",
        "insights",
        "recap",
        "tl;dr",
        "tldr",
        "ai notes",
        "enhanced notes",
        "my notes",
        "quick recap",
        "meeting summary",
        "ai summary",
        "key takeaways",
        "action items",
        "meeting notes",
        "interviewer notes",
        "notes by gemini",
        "summary keywords",
        "speakers",
    )
} | {word: "transcript" for word in ("transcript", "transcription", "full transcript", "conversation", "dialog")}
"""Headings that open a section: notes paraphrase what was said (never speech); a transcript section holds turns."""


_NUMBERED_CALL = re.compile(
    r"(?:[\w-]+\s+){0,3}(?:interview|session|call|conversation|meeting)\s*(?:no\.?\s*|#\s*)?\d{1,4}"
)
"""A numbered call that titles a document ("Customer Interview 07", "Session #3")."""
_FILE_NAME = re.compile(r"\.(?:mp3|mp4|m4a|wav|mov|webm|ogg|flac|aac|wma|avi|mkv|txt|docx|pdf|vtt|srt)$")


_METADATA_LAST_WORDS = frozenset(
    {"notes", "note", "summary", "attendees", "attendee", "participants", "date", "time", "duration", "agenda",
     "title", "subject", "topic", "company", "industry", "location", "region", "revenue", "employees", "role",
     "recorded", "recording", "meeting", "transcript", "context", "background", "id", "keywords", "outline",
     "overview", "highlights", "takeaways", "items", "steps", "decisions", "chapters", "tags", "link", "url",
     "source", "objective", "objectives", "purpose", "organisation", "organization", "position", "language",
     "format", "platform", "email", "phone", "item", "sharing", "observation", "observations", "follow-up",
     "followup", "aside", "comment", "comments", "reminder", "todo", "recap", "insight", "insights", "project",
     "length", "incentive", "target", "status", "probe", "probes", "version", "author", "screener", "quota",
     "study", "methodology", "system", "media", "type", "scope", "legend", "key", "hypotheses",
     "assumptions",
     # the writer's view, never the interviewee's words: "My take: strong fit, but ...", "First impressions: ..."
     "take", "thoughts", "impression", "impressions", "hypothesis", "assessment", "verdict", "opinion",
     # a note filed under the codebook's categories: "Objection: "Every tool we've looked at ..."" (tester 42)
     "objection", "objections", "pain", "pains", "point", "points", "trigger", "triggers", "goal", "goals",
     "criterion", "criteria", "quote", "quotes", "verbatim", "concern", "concerns", "requirement", "requirements",
     # a deal's, in a win/loss write-up: "Deal size: ~$64k ARR · Outcome: Lost · Competitor chosen: Zendesk" (tester 53)
     "size", "outcome", "chosen", "value", "stage", "result", "reason", "competitor", "competitors", "segment",
     "amount", "arr", "acv", "mrr"}
)  # fmt: skip


def metadata_label(name: str) -> bool:
    """ "Date", "Attendees", "Transcript ID", "Action items", "Interviewer notes": a label that heads metadata or
    notes, never a person speaking."""
    key = name.strip().strip("*").strip().casefold()
    if is_bot(key):
        return False  # "Read.ai Meeting Notes: Read is taking notes for Sam.": a bot speaking, its lines nobody's
    if _FILE_NAME.search(key):
        return True  # "Prairie Gold interview.mp3: Audio automatically transcribed by Sonix": the file, not a person
    if not key or key in SECTION_WORDS:
        return bool(key)
    if _NUMBERED_CALL.fullmatch(key):
        return True  # "Customer Interview 07: Carrow Build Ltd": a document's title, not a person (tester 55)
    words = key.split()
    # "Dana's Phone": a device a person joined from, named after them; "R's summary", "Sam's notes": their notes.
    owned = any(word.endswith(("'s", "’s")) for word in words[:-1])
    return words[-1] in _METADATA_LAST_WORDS and not (owned and words[-1] in _DEVICE_WORDS)


_DEVICE_WORDS = frozenset({"phone", "email", "link", "location", "recording", "platform"})
_SPEAKER_RECURS = 3
"""A label at the head of this many lines or more is a speaker's, whatever its last word: metadata is said once."""


def _metadata_head(head: Head, count: int = 1) -> bool:
    """A metadata label, unless it is a name: written alone on its line with a time as tools write speakers
    ("Jonas Link (Guest)  0:08": a surname, not a "Recording link"), or capitalised and heading ``count`` lines,
    at least ``_SPEAKER_RECURS`` ("Mareike Link: ..."), with a first word that heads no metadata and is no role."""
    name = head.speaker or ""
    if not metadata_label(name):
        return False
    words = name.casefold().split()
    if len(words) < 2 or words[0] in _METADATA_LAST_WORDS or is_role_label(name.split()[0]):
        return True
    named = count >= _SPEAKER_RECURS and all(word[:1].isupper() for word in name.split())
    return not ((head.marked and head.alone) or named)


def section_kind(text: str) -> str | None:
    """``notes`` or ``transcript`` for a heading that opens such a section ("## Action items", "Transcript")."""
    key = re.sub(r"[^\w&/'-]+", " ", text).strip().casefold()  # "📖 Transcript", "## Action items:"
    tool, _, rest = key.partition(" ")
    if tool in _NOTE_TAKERS and "notes" in (SECTION_WORDS.get(rest), SECTION_WORDS.get(rest.removeprefix("ai "))):
        return "notes"  # "Dialpad Ai recap", "Zoom AI summary", "Fathom notes"
    return SECTION_WORDS.get(key)


_NOTE_TAKERS = frozenset(
    {"dialpad", "zoom", "otter", "fireflies", "fathom", "grain", "gong", "teams", "copilot", "gemini", "avoma",
     "fellow", "krisp", "notta", "granola", "sembly", "meetgeek", "tactiq", "airgram", "jamie", "supernormal", "tldv",
     "chorus"}
)  # fmt: skip
"""Meeting tools whose name heads the notes they add ("Dialpad Ai recap")."""


class SpeakerVote:
    """Which label candidates of one document are speakers (see the module docstring)."""

    def __init__(self, heads: Iterable[Head]) -> None:
        heads = [h for h in heads if h.speaker]
        self.labels: Counter[str] = Counter(h.speaker for h in heads if h.speaker)
        candidates = [h for h in heads if not _metadata_head(h, self.labels[h.speaker or ""])]
        self.counts: Counter[str] = Counter(h.speaker for h in candidates if h.speaker)
        self.recurring = {name for name, count in self.counts.items() if count >= 2 and not _prose(name, named=True)}
        self.initials_recurring = sum(1 for name in self.recurring if INITIALS.fullmatch(name))
        # Where speakers are lines of their own with a time (Otter, Teams, Rev), a "Mike:" inside a turn is the
        # speaker retelling a conversation, not a turn of a speaker the tool never marked.
        lines_alone = [h for h in candidates if h.alone and h.marked]
        self.speaker_lines = {h.speaker for h in lines_alone if h.speaker}
        inline = [h for h in candidates if not h.alone and h.speaker not in self.speaker_lines]
        self.lines_alone_only = len(self.speaker_lines) >= 2 and len(lines_alone) >= max(4, len(inline) + 1)
        # Where the tool stamps every turn with its time ("[00:00:38] Marisol Ortega: ..."), a label line without
        # one inside a turn is the speaker reading something out ("Kessler Freight: invoice 20417, ..."), no turn.
        # A summary's outline ("Month-end close (05:40)", each chapter once) is no timed dialogue: two timed speakers
        # must speak more than once (tester 49: Supernormal's outline above "Name: text" turns had them all refused).
        timed = [h for h in candidates if h.time is not None]
        self.timed_speakers = {h.speaker for h in timed}
        timed_counts = Counter(h.speaker for h in timed)
        self.every_turn_timed = (
            sum(1 for count in timed_counts.values() if count >= 2) >= 2
            and len(timed) >= 4
            and all(h.time is not None for h in candidates if h.speaker in self.timed_speakers)
        )

    def is_speaker(self, head: Head) -> bool:
        """Whether the head's label names a speaker: never a metadata label or prose, nor a label inside a turn of a
        transcript whose speakers have lines of their own; else a recurring or marked label or a role, or a
        name-like label unless it is one word said once among two or more recurring speakers."""
        name = head.speaker
        if not name or _metadata_head(head, self.labels[name]):
            return False
        if self.lines_alone_only and not head.alone and name not in self.speaker_lines:
            return False
        if self.every_turn_timed and head.time is None and name not in self.timed_speakers:
            return False
        if name in self.recurring or head.marked or is_role_label(name) or is_bot(name):
            return not _prose(name, named=True)
        if not looks_like_name(name) or (len(name.split()) > 1 and _prose(name)):
            return False  # "My CFO: she keeps asking ..." inside a turn is speech ("I:" alone may be a speaker)
        # One capitalised word said once amid a dialogue of known speakers is a word, not a name ("Pros:"), unless
        # it is marked as people mark their name in a call: "Jonas (product):", "Kai - Notetaker:" (tester 22), or
        # is initials among speakers labelled by theirs ("ML:" once beside "SO:" and "WH:"; tester 32).
        initials = self.initials_recurring >= 2 and INITIALS.fullmatch(name) is not None
        return len(self.recurring) < 2 or len(name.split()) > 1 or bool(head.qualifier) or initials


def _prose(name: str, named: bool = False) -> bool:
    """Whether a label reads as words of a sentence ("I said", "the point is"). ``named``: the label recurs or is
    marked as tools mark speakers, so a name that is also an English word may be in it ("My Nguyen", "So Yeon
    Park", "Grace An", "Kevin To") when every word is capitalised and none else is a small word or a job ("My
    Manager", "So Then" stay prose)."""
    words = name.casefold().replace(",", " ").split()
    if not any(word in _PROSE_WORDS for word in words) or is_role_label(name):
        return False
    if named and name.strip() == "You":
        return False  # the one who saved the captions, as Meet caption extensions (Tactiq, ...) label them
    if named and INITIALS.fullmatch(name.strip()):
        return False  # initials, as a note-taker labels the speakers: "SO:" (Sam Ortiz) beside "WH:" and "ML:"
    return not (named and _name_with_given_word(name.split()))


_NAME_WORDS = frozenset({"my", "so", "an", "to"})
"""Prose words that are also names (Vietnamese My, An, To; Korean So)."""


def _name_with_given_word(words: list[str]) -> bool:
    named = [w for w in words if w.casefold() in _NAME_WORDS]
    rest = [w for w in words if w.casefold() not in _NAME_WORDS]
    return (
        2 <= len(words) <= 4 and bool(named) and bool(rest) and all(w.istitle() for w in words)
        and all(w.casefold() not in english_stop_words() and not names_a_job(w) for w in rest)
    )  # fmt: skip
