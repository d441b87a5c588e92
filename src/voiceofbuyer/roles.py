"""Who the buyer of an interview is, what their title is, and which persona role they belong to.

Titles vary, roles do not. A title is mapped to a role by, in order:

1. the user's taxonomy (``[roles]`` in voiceofbuyer.toml: role → title patterns), which always wins;
2. the built-in taxonomy of job functions (``data/job_functions.toml``): title patterns, then, for a title no
   pattern matches, the function whose example titles it is closest to by sentence embedding; the role is the
   function and the seniority the title shows ("VP Finance" → Finance Leader, "AP Clerk" → Accounting
   Professional);
3. else the title itself.

The title comes from metadata ``title``, else the title the buyer states when introducing themselves ("I'm a data
scientist at ..."), else the field they say they work in ("I work in finance"); metadata ``role`` sets the role
directly. Nobody is ``Unassigned`` who says what they do. Roles too small to be a persona (fewer than
``min_interviews_per_role`` interviews) are merged into their function (see ``small_roles``).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import groupby
from operator import attrgetter

import numpy as np

from .ingest.labels import is_role_label
from .ingest.speaker_names import (
    display_parts,
    display_title,
    given_name,
    given_name_first,
    is_device,
    is_login,
    is_placeholder,
    is_room,
    label_aliases,
    listed_names,
    renamed_devices,
    said_name,
    same_person,
    shared_account,
    without_call_mark,
    without_honorific,
)
from .introductions import stated_title
from .job_fields import stated_field, stated_responsibility
from .job_questions import addressed_names, introduced_title, question_before
from .job_words import names_a_job_word, spelled_out, title_cased
from .members import group_members
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, InterviewMeta, SpeakerRoles
from .signatures import signature_title, signed_name
from .title_phrases import CLIENT_OR_PLACE

Taxonomy = tuple[tuple[str, tuple[str, ...]], ...]
"""A user's role taxonomy: (role, title patterns), in the order of the config."""
Embed = Callable[[list[str]], Mapping[str, np.ndarray]]
"""Texts → their normalised sentence vectors (the pipeline's cached embedder)."""

OTHER = "Other"
"""The function of a title that no function of the taxonomy takes; small roles of it merge into ``OTHER_ROLES``."""
OTHER_ROLES = "Other roles"
SIMILARITY = 0.55
"""A title joins the function whose example titles it is closest to only this close (cosine) or closer."""

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
    ("chief product officer", "cpo"),
    ("accounts payable", "ap"),
    ("accounts receivable", "ar"),
    ("accounts executive", "accounting executive"),  # in India and the UK a clerk in accounts, not sales
    ("account payable", "ap"),
    ("vice president", "vp"),
    ("avp", "vp"),  # an assistant vice president
    ("eng", "engineering"),  # "VP Eng"
    ("ops", "operations"),  # "Sales Ops Manager": sales operations
    ("information technology", "it"),
    ("human resources", "hr"),
    ("machine learning", "ml"),
    ("artificial intelligence", "ai"),
    ("financial", "finance"),
)
_TITLE_STOPWORDS = frozenset({"of", "the", "for", "and", "a", "an", "at", "in", "on", "to"})
_SENIORITY = frozenset({"senior", "junior", "sr", "jr", "principal", "staff", "associate", "lead"})
LEVELS = ("leader", "manager", "professional")
# A title of these words alone ("Manager", "Senior Lead") says a seniority, not a job: it joins no function by
# likeness.
_SENIORITY_ONLY = frozenset(
    {"manager", "director", "lead", "head", "senior", "junior", "assistant", "supervisor", "specialist", "owner",
     "freelancer", "contractor", "professional", "worker", "employee", "staff", "executive", "officer",
     "associate", "coordinator", "administrator", "partner", "principal", "representative", "rep", "agent",
     "member", "leader", "chief", "vp", "sr", "jr", "team", "general", "deputy", "acting", "interim"}
)  # fmt: skip
_NO_LIKENESS = frozenset({"commercial", "registrar"})
"""Words of titles that name different jobs in different places, so no likeness to example titles says which: a
"Head of Commercial" buys for an NHS trust and sells for a drinks maker, a registrar treats patients or keeps a
university's records (tester 36); what the buyer says of their work decides (``is_vague``)."""
# Job words that say no field: an "engineer" may build bridges or software, a "contractor" do anything.
_NO_FIELD = frozenset(
    {"engineer", "technician", "tech", "consultant", "analyst", "contract", "independent", "freelance", "self",
     "employed", "business", "company", "small", "owner", "worker", "professional", "sole", "trader"}
)  # fmt: skip

_OWNING = frozenset({"owner", "trader", "employed"})
"""Words of a title that say the buyer runs their own business ("Business Owner", "Sole Trader", "Self Employed")."""

DESCRIPTION_CHARS = 1500
"""How much of the buyer's first answers is read for their job (the embedding model reads about 1,000
characters)."""


def normalise_title(title: str) -> str:
    """Lower-case words without punctuation or stop words, with long forms shortened ("VP of Finance" → "vp
    finance", "Head of Accounts Payable" → "head ap")."""
    text = " " + re.sub(r"[^\w\s]", " ", title.lower().replace("&", " and ")) + " "
    text = re.sub(r"\s+", " ", text)
    for phrase, short in _TITLE_SYNONYMS:
        text = text.replace(f" {phrase} ", f" {short} ")
    return " ".join(_singular(word) for word in text.split() if word not in _TITLE_STOPWORDS)


def _singular(word: str) -> str:
    """ "teachers" → "teacher", "facilities" → "facility": titles and patterns meet in the singular."""
    if len(word) > 5 and word.endswith("ies") and word not in ("securities", "species", "series"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


@dataclass(frozen=True)
class JobFunction:
    """A built-in job function (``data/job_functions.toml``): title patterns, example titles, its roles."""

    name: str
    patterns: tuple[frozenset[str], ...]
    """Each a set of normalised words that must all occur in a title."""
    examples: tuple[str, ...]
    roles: tuple[str, ...]
    """The roles of a leader, a manager and a professional of the function; empty: one role, the function."""
    family: str = ""
    """Functions of one family ("Finance & Accounting") too small alone make one persona together."""
    activities: tuple[str, ...] = ()
    """What someone in the function says of their work without a title ("I process supplier invoices ..."):
    training examples of the job-description model besides the labelled participants."""


@dataclass(frozen=True)
class RoleMatch:
    """The role a title maps to, and the job function it came from."""

    role: str
    function: str
    """The job function: "" for a role of the user's taxonomy, ``OTHER`` for a title no function takes."""


@lru_cache(maxsize=1)
def job_functions() -> tuple[tuple[JobFunction, ...], dict[str, tuple[frozenset[str], ...]]]:
    """The built-in functions, and the seniority patterns (``leader``, ``manager``)."""
    text = resources.files("voiceofbuyer").joinpath("data/job_functions.toml").read_text("utf-8")
    table = tomllib.loads(text)
    functions = tuple(
        JobFunction(
            name,
            tuple(frozenset(normalise_title(p).split()) for p in spec["patterns"]),
            tuple(spec["examples"]),
            tuple(spec.get("roles", ())),
            spec.get("family", ""),
            tuple(spec.get("activities", ())),
        )
        for name, spec in table["functions"].items()
    )
    seniority = {level: tuple(frozenset(normalise_title(p).split()) for p in patterns)
                 for level, patterns in table["seniority"].items()}  # fmt: skip
    return functions, seniority


def function_mentions(texts: list[str]) -> np.ndarray:
    """How often each built-in function's title patterns occur in each text, ``log(1 + count)``; shape
    ``(len(texts), len(functions))`` in ``job_functions()`` order ("my students", "lesson plans" → Education)."""
    functions, _ = job_functions()
    counts = np.zeros((len(texts), len(functions)))
    for row, text in enumerate(texts):
        words = set(normalise_title(text).split())
        if not re.search(r"\bIT\b", text):
            words.discard("it")  # "if it needs a week of training": the pronoun, not the department (tester 19)
        for column, function in enumerate(functions):
            counts[row, column] = sum(pattern <= words for pattern in function.patterns)
    return np.log1p(counts)


def _best(words: set[str], candidates: Iterable[tuple[str, Iterable[frozenset[str]]]]) -> str:
    """The candidate with the longest pattern whose words all occur in ``words`` (the first on a tie)."""
    best, length = "", 0
    for name, patterns in candidates:
        for pattern in patterns:
            if pattern and pattern <= words and len(pattern) > length:
                best, length = name, len(pattern)
    return best


def names_a_function(phrase: str) -> bool:
    """Whether a phrase holds a built-in job function's title pattern ("procurement", "accounts payable")."""
    functions, _ = job_functions()
    return bool(_best(set(normalise_title(phrase).split()), ((f.name, f.patterns) for f in functions)))


def seniority(title: str) -> str:
    """``leader``, ``manager`` or ``professional``, from the words of a title."""
    _, patterns = job_functions()
    return _best(set(normalise_title(title).split()), patterns.items()) or "professional"


def function_role(function: JobFunction, title: str) -> str:
    """The role of a title in a function: the function and the title's seniority ("Finance Leader")."""
    if not function.roles:
        return function.name
    return function.roles[LEVELS.index(seniority(title))]


def role_for_title(title: str, taxonomy: Taxonomy, embed: Embed | None = None) -> RoleMatch:
    """The role of a title: the user's taxonomy, else a job function by pattern, else by embedding similarity
    (when ``embed`` is given), else the title itself without seniority words."""
    words = set(normalise_title(title).split())
    if not words:
        return RoleMatch("", "")
    user_role = _best(words, ((role, (frozenset(normalise_title(p).split()) for p in patterns))
                              for role, patterns in taxonomy))  # fmt: skip
    if user_role:
        return RoleMatch(user_role, "")
    functions, _ = job_functions()
    # "Sales Director for Healthcare", "Nurse at a clinic": the job is before the client or the place; what follows
    # decides only where the job itself names no function ("Director for Finance").
    head = set(normalise_title(CLIENT_OR_PLACE.split(title, maxsplit=1)[0]).split())
    name = _best(head, ((f.name, f.patterns) for f in functions)) if head != words else ""
    name = name or _best(words, ((f.name, f.patterns) for f in functions))
    if not name and words <= _SENIORITY_ONLY:
        return RoleMatch("", "")  # "Manager": a seniority, no job; what they say about their work decides
    if not name and embed is not None and not words & _NO_LIKENESS:
        name = closest_function(title, embed)
    if name:
        function = next(f for f in functions if f.name == name)
        return RoleMatch(function_role(function, title), function.name)
    core = [word for word in title.split() if word.lower() not in _SENIORITY]
    role = " ".join(word if word.isupper() else word.capitalize() for word in core) or title.strip()
    return RoleMatch(role, OTHER)


def closest_function(title: str, embed: Embed) -> str:
    """The function whose example titles ``title`` is most similar to, if at least ``SIMILARITY``; else ""."""
    functions, _ = job_functions()
    examples = [(f.name, example) for f in functions for example in f.examples]
    vectors = embed([title] + [example for _, example in examples])
    scores = np.array([float(vectors[title] @ vectors[example]) for _, example in examples])
    best = int(np.argmax(scores))
    return examples[best][0] if scores[best] >= SIMILARITY else ""


_MEETING_SEPARATOR = re.compile(r"\s[–—-]\s|\|")
_MEETING = re.compile(
    r"\b(?:interview|call|kick-?off|meeting|demo|sync|discovery|session|intro|evaluation|catch-?up"
    r"|follow-?up|debrief|workshop|recording|transcript|webinar|check-?in)s?\b",
    re.I,
)


def names_a_meeting(title: str, meta: InterviewMeta) -> bool:
    """Whether a metadata ``title`` is the meeting's name, as call recorders write ``title:`` ("Kinetic Labs |
    Evaluation kickoff", "Interview - Priya Raman - Helix Pharmacy"), not the buyer's job title."""
    if not title:
        return False
    named = [n for n in (meta.company, meta.interviewee) if n and n.casefold() in title.casefold()]
    # "Category Manager – Packaging" (a legend's, a CRM's): a job before the dash, not a meeting's name
    head = _MEETING_SEPARATOR.split(title, maxsplit=1)[0]
    parted = bool(_MEETING_SEPARATOR.search(title)) and not any(names_a_job_word(w) for w in head.split())
    return parted or bool(_MEETING.search(title)) or bool(named)


def buyer_profile(
    interview: Interview, speakers: SpeakerRoles, taxonomy: Taxonomy, embed: Embed | None = None
) -> BuyerProfile:
    """The buyer of an interview: their name (metadata, else the first buyer label that is a name: "Speaker 2"
    never is), their title, role and job function, and where the role came from; in a group interview, the other
    buyers too, each cited as themselves (``members.group_members``)."""
    profile = _first_buyer(interview, speakers, taxonomy, embed)
    return replace(profile, members=group_members(interview, speakers, profile, _stated_title))


def _first_buyer(
    interview: Interview, speakers: SpeakerRoles, taxonomy: Taxonomy, embed: Embed | None = None
) -> BuyerProfile:
    meta = interview.meta
    # "iPad Pro", then "Mei-Ling Chou"; "Priya" beside "Priya Raman": one buyer
    renamed = {**renamed_devices(interview, speakers.buyers), **label_aliases(interview.turns)}
    named = [speaker for speaker in speakers.buyers if not is_placeholder(speaker) and speaker not in renamed]
    # "Marketing Conference Room" first, then "Olivia Grant" on her laptop: the person names the profile; and not a
    # colleague who speaks once to hand over ("That'll be Raj. ... I'll only jump in if ...": tester 14).
    turns = Counter(t.speaker for t in interview.turns)
    named.sort(key=lambda speaker: (is_room(speaker), turns[speaker] < 2))
    listed = listed_names(meta.interviewee)
    name = without_honorific(meta.interviewee) or (named[0] if named else "")
    if name and not meta.interviewee and not is_room(name):
        # "Priya Nair | CFO @ Kestrel Logistics", "Dr Anika Bose": her name
        name = given_name_first(without_honorific(display_parts(name)[0] or without_call_mark(name)))
    profiled = set(speakers.buyers)
    if len(listed) > 1 or len(named) > 1:  # a group interview: the profile is its first named buyer, in their words
        name = next((n for n in listed if named and same_person(named[0], n)), named[0] if named else listed[0])
        profiled = {named[0], *(d for d, n in renamed.items() if n == named[0])} if named else profiled
    own = " ".join(t.text for t in interview.turns if t.speaker in profiled)
    shared = shared_account(own)
    unnamed_label = not named or is_device(name) or is_room(name) or is_login(name) or shared
    if not meta.interviewee and unnamed_label and len(profiled) == 1:
        # "Kofi's iPhone", "SPEAKER_01", "mkowalczyk", a company's shared account: no one's name, but the call may
        # say whose voice it is.
        (label,) = profiled
        heard = " ".join(t.text for t in interview.turns if t.speaker != label)
        name = said_name(label, own, heard) or (name if is_login(name) else "")
        if not name and is_role_label(label):  # "A:" / "Answer:", mailed answers signed "Kind regards, / Name"
            name = signed_name(interview)
    account = next(iter(profiled)) if name and len(profiled) == 1 and shared else ""
    if meta.role:
        return BuyerProfile(interview.id, name, meta.title, meta.role, "metadata", account=account)
    # A speaker's consecutive turns read as one: caption cues cut "I'm the accounts payable" / "lead at Corrigan".
    # Voices that are nobody's (an interpreter's) are left out: the question before an answer is the interviewer's.
    heard = [t for t in interview.turns if t.speaker not in speakers.uncertain]
    runs = [(speaker, " ".join(t.text for t in run)) for speaker, run in groupby(heard, key=attrgetter("speaker"))]
    said = [text for speaker, text in runs if speaker in profiled]
    # What the other side asked before each of those: a title may be the answer to "What's your role?".
    asked = [question_before(runs, i, profiled) for i, (speaker, _) in enumerate(runs) if speaker in profiled]
    # Two buyers or more and no name to tell them apart: the title is cited beside its own speaker's words only.
    unnamed = len(profiled) > 1 and not named and not listed

    def profile(title: str, role: str, source: str, function: str, find: StatedBy, found: str = "") -> BuyerProfile:
        speaker = _stated_by(runs, profiled, found or title, find) if unnamed and source == "self-introduction" else ""
        # That buyer's name, where the call gives it ("Could you each tell me who you are?" / "I'm Beatriz Santos,
        # operations director"): cited beside their words only (tester 28).
        own_name = name
        if speaker and not name and is_placeholder(speaker):
            own = " ".join(t.text for t in interview.turns if t.speaker == speaker)
            own_name = said_name(speaker, own, " ".join(t.text for t in interview.turns if t.speaker != speaker))
        return BuyerProfile(interview.id, own_name, spelled_out(title), role, source, function, speaker, account)

    seniority_only = ""
    given = "" if names_a_meeting(meta.title, meta) else meta.title
    for title, source in ((given, "title"), (_stated_title(said, asked), "self-introduction")):
        if title:
            match = role_for_title(title, taxonomy, embed)
            if match.role:
                return profile(title, match.role, source, match.function, _stated_title)
            seniority_only = seniority_only or title
    # "Best regards, / Ingrid Solberg / Senior Manager, Strategic Sourcing": the title the buyer signs with, in the
    # e-mail pasted above the transcript.
    signed = signature_title(interview, [name, *profiled])
    match = role_for_title(signed, taxonomy, embed) if signed else RoleMatch("", "")
    if match.role and match.function != OTHER:
        return profile(signed, match.role, "signature", match.function, _stated_title)
    # "Priya Nair | CFO @ Kestrel Logistics": a title the buyer shows but never says; by the taxonomy's patterns
    # only, never by likeness ("Kestrel Logistics" is no job).
    shown = display_title(interview.turns, interview.text, profiled)
    match = role_for_title(shown, taxonomy) if shown else RoleMatch("", "")
    if match.role and match.function != OTHER:
        return profile(shown, match.role, "display name", match.function, _stated_title)
    # "I'm here with Begoña Ibáñez, who is head of purchasing at ...": a title the other side gives as they name them
    names = [part for label in (*profiled, name) for part in (display_parts(label)[0] or label, given_name(label))]
    if unnamed_label and not name:  # "This is Dana, she's our payroll supervisor" ... "Dana, what does ...?"
        names += addressed_names(asked)
    # (said by anyone: a colleague who only introduces the buyer is on neither side)
    others = groupby((t for t in interview.turns if t.speaker not in profiled), key=attrgetter("speaker"))
    introduced = introduced_title([" ".join(t.text for t in run) for _, run in others], names)
    match = role_for_title(introduced, taxonomy, embed) if introduced else RoleMatch("", "")
    if match.role and match.function != OTHER:
        return profile(introduced, match.role, "introduction", match.function, _stated_title)
    field = stated_field(said)
    # "I'm a manager ... I work in finance" → Finance Manager, titled "Manager, Finance": the field is part of the job
    # the buyer stated, so no guess from their description replaces it.
    match = role_for_title(f"{seniority_only} {field}", taxonomy) if field else RoleMatch("", "")
    if match.function and match.function != OTHER:
        # a field alone is no job title: "works in payroll" says what they said, where "payroll" read as a title
        title = f"{seniority_only}, {title_cased(field)}" if seniority_only else f"works in {field}"
        return profile(title, match.role, "self-introduction", match.function, lambda own, _: stated_field(own), field)
    # "I run procurement" → Head of Procurement: only when a function's own words say it (no guess by likeness).
    responsible = stated_responsibility(said, asked)
    match = role_for_title(responsible, taxonomy) if responsible else RoleMatch("", "")
    if match.role and match.function != OTHER:
        # "I'm a partner at Birch and Company. I look after the audit side.": the title said, and what it covers
        title = f"{seniority_only}, {responsible}" if seniority_only else responsible
        return profile(title, match.role, "self-introduction", match.function, stated_responsibility, responsible)
    return BuyerProfile(interview.id, name, seniority_only, UNASSIGNED_ROLE, "unassigned", account=account)


StatedBy = Callable[[list[str], list[str]], str]
"""What a buyer's own words (their runs of turns, and the question before each) say of their job."""


def _stated_title(said: list[str], asked: list[str]) -> str:
    return stated_title(said, asked, names_a_function)


def _stated_by(runs: list[tuple[str, str]], buyers: set[str], found: str, find: StatedBy) -> str:
    """The one buyer of ``buyers`` whose own words say ``found`` (``find`` over them alone); "" when none or more."""
    speakers = [
        buyer for buyer in sorted(buyers)
        if find([text for speaker, text in runs if speaker == buyer],
                [question_before(runs, i, buyers) for i, (speaker, _) in enumerate(runs) if speaker == buyer]) == found
    ]  # fmt: skip
    return speakers[0] if len(speakers) == 1 else ""


def first_answers(interview: Interview, speakers: SpeakerRoles) -> str:
    """What the buyer says first, where people say what they do (read by the job-description model)."""
    said = " ".join(" ".join(turn.text.split()) for turn in interview.turns if turn.speaker in speakers.buyers)
    return said[:DESCRIPTION_CHARS]


def is_vague(profile: BuyerProfile) -> bool:
    """A title from what the buyer said that names a seniority or a kind of work but no field ("Director",
    "Business Owner", "Engineer", "Independent Contractor"), or a job no function of the taxonomy knows ("Head of
    Commercial"): what they say about their work tells the function better."""
    words = set(normalise_title(profile.title).split())
    said = profile.role_source == "self-introduction" and bool(words)
    # A title no function knows ("Head of Commercial", "Bursar") says less than their account of the work
    # ("In the NHS that's procurement and contracts"; tester 36).
    vague = said and (words <= _SENIORITY_ONLY | _NO_FIELD or profile.function == OTHER)
    # Running one's own business is a function of its own, whatever it sells ("Business Owner" who writes the
    # company's posts is its owner, not a marketer): docs/labelling.md, job functions rule 1.
    return vague and not words & _OWNING


def from_description(profile: BuyerProfile, function_name: str) -> BuyerProfile:
    """An unassigned buyer's profile with the function their account of their work points to, at the seniority
    of the title they gave ("Manager" who talks about lesson plans → Education Manager; no title → the function's
    professional). With no function, a buyer who gave a title joins ``OTHER_ROLES``; one who gave none stays
    unassigned."""
    functions, _ = job_functions()
    function = next((f for f in functions if f.name == function_name), None)
    if function is None:
        if profile.title:
            return replace(profile, role=OTHER_ROLES, role_source="self-introduction", function=OTHER)
        return profile
    return replace(profile, role=function_role(function, profile.title), role_source="description",
                   function=function.name)  # fmt: skip
