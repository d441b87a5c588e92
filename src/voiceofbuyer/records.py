"""The typed records every stage passes on.

Data flows one way: ``Interview`` (with ``Turn``s) → ``Statement`` → ``Theme`` → ``Persona``.
Offsets are character offsets into ``Interview.text``, the decoded source text (see README,
"Source text and offsets"), so every quote can be traced back to its exact span.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field

CATEGORIES: tuple[str, ...] = ("goal", "pain", "trigger", "objection", "criterion", "other")
"""Statement categories, in the order persona sections are shown (``other`` is never shown)."""

SECTION_TITLES: dict[str, str] = {
    "goal": "Goals",
    "pain": "Pain points",
    "trigger": "Buying triggers",
    "objection": "Objections",
    "criterion": "Decision criteria",
}

UNASSIGNED_ROLE = "Unassigned"

METADATA_FIELDS: tuple[str, ...] = (
    "interviewee",
    "title",
    "role",
    "company",
    "industry",
    "employees",
    "revenue",
    "region",
    "date",
    "interviewer",
    "attendees",
)
"""Metadata keys read from front matter, sidecar YAML files and the ``interviews.csv`` manifest."""


@dataclass(frozen=True)
class Word:
    """One timed word of a recording's transcript, located in the source text."""

    start_char: int
    end_char: int
    start: float
    end: float


@dataclass(frozen=True)
class Turn:
    """One speaker turn: ``text`` is exactly ``Interview.text[start_char:end_char]``."""

    speaker: str
    text: str
    start_char: int
    end_char: int
    line: int
    """1-based line of the turn in the source file (for messages and citations)."""
    start: float | None = None
    end: float | None = None
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class InterviewMeta:
    """What the researcher knows about an interview; every field is optional."""

    interviewee: str = ""
    title: str = ""
    role: str = ""
    company: str = ""
    industry: str = ""
    employees: str = ""
    revenue: str = ""
    region: str = ""
    date: str = ""
    interviewer: str = ""
    attendees: str = ""
    """Who took part, as the transcript's header or the metadata lists them (comma-separated)."""

    def merged(self, other: InterviewMeta) -> InterviewMeta:
        """Fields of ``other`` win where they are set (later sources override earlier ones)."""
        values = {name: getattr(other, name) or getattr(self, name) for name in METADATA_FIELDS}
        return InterviewMeta(**values)


@dataclass(frozen=True)
class Interview:
    """A parsed interview transcript."""

    id: str
    """Stable identifier: the source path relative to the batch folder, without extension."""
    source: str
    """Source path relative to the batch folder."""
    format: str
    """Reader that parsed it: text, vtt, srt, docx, json; audio for a recording (read from the JSON transcript
    the transcription stage wrote, ``transcripts/<id>.json`` under the output folder)."""
    sha256: str
    """Hash of the raw source bytes (cache key)."""
    text: str
    """Decoded source text; turn and statement offsets point into it."""
    turns: tuple[Turn, ...]
    meta: InterviewMeta = field(default_factory=InterviewMeta)
    media: str = ""
    """Recording the transcript came from, if any (relative to the batch folder)."""
    language: str = "en"
    """ISO 639-1 code of the language spoken (declared by a JSON transcript, else detected)."""
    speaker_confidence: float | None = None
    """How sure the transcriber was of who spoke, 0-1 (a JSON transcript's ``speakers.confidence``: for a
    recording, the share of speech clearly one voice's); None when the transcript does not say."""
    unlabelled: bool = False
    """The file names no speaker (Whisper's own .txt, .srt, .vtt): its sides were read from its questions, a guess
    (``ingest.unlabelled``)."""


@dataclass(frozen=True)
class SpeakerRoles:
    """Who is who in an interview, and how we know."""

    interviewers: tuple[str, ...]
    buyers: tuple[str, ...]
    how: str
    """``metadata``, ``labels``, ``inferred``, ``single speaker`` or ``questions`` (no label in the file: its
    questions taken as the interviewer's) (said in the run summary)."""
    confidence: float = 1.0
    """0-1: how surely the sides are told apart (1 from metadata or labels); below 0.6 the buyer's statements are
    flagged for review."""
    uncertain: tuple[str, ...] = ()
    """Speakers the transcription tool marked as unidentified ("Speaker ?"): their turns are never quoted."""


@dataclass(frozen=True)
class GroupMember:
    """Another buyer of a group interview than the profiled one (a panel, a focus group, a buying committee), cited
    by their own name, title and company (``members.group_members``)."""

    speaker: str
    """Their label in the transcript."""
    name: str
    """The name their quotes cite: their label's, or the one they give as theirs under a placeholder label."""
    title: str = ""
    """The title their own words state, else their display name's; "" where neither says one."""
    company: str = ""
    """The company they name (or their label names); the interview's where the group is of one company; "" in a
    panel where they name none."""


@dataclass(frozen=True)
class BuyerProfile:
    """The buyer behind an interview: name, title and the persona role they belong to."""

    interview_id: str
    name: str
    title: str
    role: str
    role_source: str
    """``metadata``, ``title``, ``self-introduction``, ``signature`` (the title under the buyer's name in an e-mail
    pasted above the transcript), ``display name`` (a title shown beside the name in the call),
    ``introduction`` (a title the other side gives as they name the buyer), ``description`` (what they say they do)
    or ``unassigned``."""
    function: str = ""
    """The job function of the built-in taxonomy ("Finance"); "" for a role set by metadata or the user's taxonomy."""
    speaker: str = ""
    """Where several buyers speak under placeholder labels ("SPEAKER_01", "Speaker 3"), the one whose own words gave
    the title: only their quotes cite it. "" where the buyer is named, alone, or the title is no one buyer's."""
    account: str = ""
    """A label the buyer says is an account many share ("Brightwater Freight": "that's the company Zoom account"),
    their quotes shown under ``name``; "" otherwise."""
    person: str = ""
    """A key the buyer shares with the other interviews of the same person (``persons.person_keys``): one buyer
    interviewed twice is one interviewee in every count; "" in a result stored before it was kept."""
    members: tuple[GroupMember, ...] = ()
    """The other buyers of a group interview, each cited as themselves; empty in a one-buyer interview, and in a
    result stored before they were kept."""

    def member(self, speaker: str) -> GroupMember | None:
        """The member who speaks under ``speaker``; None for the profiled buyer and any other voice."""
        return next((member for member in self.members if member.speaker == speaker), None)

    @property
    def person_key(self) -> str:
        """``person``, else the interview id: each interview its own person."""
        return self.person or self.interview_id


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing a buyer said: a sentence-sized span of a buyer turn, cleaned of disfluencies.

    ``text`` equals ``cleanup.apply(interview.text, start_char, end_char, removed)``; the
    evidence audit checks exactly that for every quote that reaches an output.
    """

    id: str
    interview_id: str
    speaker: str
    turn_index: int
    start_char: int
    end_char: int
    removed: tuple[tuple[int, int, str], ...]
    """Absolute source ranges deleted by the disfluency clean-up, each with its reason (see ``cleanup``)."""
    text: str
    question: str
    """The interviewer's last question before this statement (classification context)."""
    start: float | None = None
    end: float | None = None
    keyphrases: tuple[str, ...] = ()
    """Noun chunks without determiners and stop words, lower-cased (for theme labels)."""
    speaker_uncertain: bool = False
    """Who said it is not certain (the interview's sides are unclear, or an unnamed voice beside a named buyer):
    shown with a flag wherever it is quoted."""
    standalone: bool = True
    """It stands on its own as a quote (``segment.stands_alone``): only such a statement leads a theme or becomes
    "In their words"; a fragment stays as evidence."""

    def __post_init__(self) -> None:
        # A batch holds every statement at once (300,000 for a thousand real interviews): the strings that many
        # statements repeat (the interview, the speaker, the question before a turn's sentences, keyphrases) are
        # held once, and slots drop each record's dictionary; about 1.5 KB → 0.6 KB a statement (benchmarks/README).
        for name in ("interview_id", "speaker", "question"):
            object.__setattr__(self, name, sys.intern(getattr(self, name)))
        object.__setattr__(self, "keyphrases", tuple(sys.intern(phrase) for phrase in self.keyphrases))


@dataclass(frozen=True)
class Classification:
    """A statement's category and the classifier's confidence in it (0-1)."""

    statement_id: str
    category: str
    confidence: float


@dataclass(frozen=True)
class Citation:
    """Where a quote was said: interview, source file, speaker, their title and company, line in the transcript and time
    (seconds, None when not known)."""

    interview_id: str
    source: str
    speaker: str
    title: str
    company: str
    line: int
    start: float | None
    speaker_uncertain: bool = False
    """The speaker may not be the buyer (see ``Statement.speaker_uncertain``): the citation says so."""

    @property
    def timestamp(self) -> str:
        """``mm:ss`` (or ``h:mm:ss``) when the time is known, else empty."""
        return clock(self.start)


def clock(seconds: float | None) -> str:
    """``mm:ss`` (or ``h:mm:ss``) of a time in seconds, on a 24-hour clock; empty when it is not known, or not a time
    (negative, NaN, infinite: readers refuse such times, this guards what any other path may bring)."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    # Only clock times run past a day (a call over midnight runs on from 23:59 to 24:00:08, so turns keep their order;
    # a recording is at most [transcribe] max_minutes long): shown as the transcript stamps them, "0:00:08".
    next_day, hours = divmod(hours, 24)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours or next_day else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class Quote:
    """A statement's text as quoted, with its citation."""

    statement_id: str
    text: str
    citation: Citation


@dataclass(frozen=True)
class Theme:
    """A recurring point made by buyers of one role, in one category."""

    id: str
    role: str
    category: str
    label: str
    keywords: tuple[str, ...]
    statement_ids: tuple[str, ...]
    quotes: tuple[Quote, ...]
    """Representative quotes, lead quote first."""
    interviews: tuple[str, ...]
    companies: tuple[str, ...]
    response: str = ""
    """For an objection: the answer sales should give, written by a reviewer in the desk ("" until then)."""
    coherence: float | None = None
    """Mean cosine of its statements to their centre (``coherence``), as the run found it; None once a reviewer
    changed which statements it holds."""
    lead_confidence: float | None = None
    """The classifier's confidence (0-1) in the lead quote's category; 1 where a reviewer moved the lead there or
    approved the theme; None in a result stored before it was kept."""
    people: tuple[str, ...] = ()
    """The interviewees who raised it, one ``BuyerProfile.person_key`` each (one buyer interviewed twice is one);
    () in a result stored before it was kept."""

    @property
    def interviewee_count(self) -> int:
        """How many people raised it (each interview one person where ``people`` is not known)."""
        return len(self.people) or len(self.interviews)

    @property
    def mentioned_once(self) -> bool:
        """Thin evidence: raised by a single interviewee (in one interview or more)."""
        return self.interviewee_count < 2


@dataclass(frozen=True)
class Mention:
    """Something buyers of a role name about how they buy (a buying-committee part, a channel), with the quotes
    that name it (``signals``)."""

    name: str
    interviewees: int
    """The people (``BuyerProfile.person_key``) who name it."""
    quotes: tuple[Quote, ...]
    """At most two, from different interviews."""


@dataclass(frozen=True)
class Persona:
    """One role's buyers: who and where they are (values with their counts), their themes by category, and a reviewer's
    name, summary and approval."""

    role: str
    slug: str
    interviews: tuple[str, ...]
    interviewees: tuple[str, ...]
    companies: tuple[str, ...]
    titles: tuple[tuple[str, int], ...]
    industries: tuple[tuple[str, int], ...]
    company_sizes: tuple[tuple[str, int], ...]
    regions: tuple[tuple[str, int], ...]
    sections: tuple[tuple[str, tuple[Theme, ...]], ...]
    """(category, themes) in section order; themes strongest first, thin ones last."""
    in_their_words: Quote | None
    name: str = ""
    """Given by a reviewer ("Frugal Fiona"); the role is shown when empty."""
    summary: str = ""
    """A reviewer's summary of the persona."""
    approved_by: str = ""
    approved_on: str = ""
    """``YYYY-MM-DD`` of the approval; both empty while the persona is a draft."""
    changed_since_approval: bool = False
    """Approved, then changed: by a review decision, or by a run that changed its interviews or statements."""
    people: tuple[str, ...] = ()
    """Its interviewees, one ``BuyerProfile.person_key`` each; () in a result stored before it was kept."""
    themes_reviewed: int = 0
    """Themes (points mentioned once left out) a reviewer approved or rejected, of ``themes_total``."""
    themes_total: int = 0
    committee: tuple[Mention, ...] = ()
    """The buying-committee parts its buyers say they play (each buyer counted once), most named first."""
    channels: tuple[Mention, ...] = ()
    """The channels and sources its buyers name, most named first."""

    @property
    def interviewee_count(self) -> int:
        """How many people its interviews are of (each interview one person where ``people`` is not known)."""
        return len(self.people) or len(self.interviews)


@dataclass(frozen=True)
class RunResult:
    """Everything a run found, as passed to the renderer and the store."""

    batch: str
    interviews: tuple[Interview, ...]
    speakers: dict[str, SpeakerRoles]
    profiles: dict[str, BuyerProfile]
    statements: tuple[Statement, ...]
    classifications: dict[str, Classification]
    themes: tuple[Theme, ...]
    personas: tuple[Persona, ...]

    def theme_of(self) -> dict[str, str]:
        """Statement id → theme id."""
        return {sid: theme.id for theme in self.themes for sid in theme.statement_ids}
