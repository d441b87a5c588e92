"""The buyer behind an interview: their name, title, role and job function, where the role came from, and in a group
interview the other buyers (``members``).

The title comes from metadata ``title``, else the title the buyer states when introducing themselves ("I'm a data
scientist at ..."), else the one they sign with, show beside their name or are introduced with, else the field they
say they work in ("I work in finance") or what they say they run ("I run procurement"); metadata ``role`` sets the
role directly. The title's role is read by ``roles.role_for_title``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from itertools import groupby
from operator import attrgetter

from .ingest.labels import is_role_label
from .ingest.said_names import named_attendee, said_name
from .ingest.speaker_names import (
    display_parts,
    display_title,
    given_name,
    is_device,
    is_login,
    is_placeholder,
    is_room,
    label_aliases,
    listed_names,
    listed_title,
    renamed_devices,
    same_person,
    shared_account,
    without_honorific,
)
from .ingest.vendor_side import other_voices_on_a_channel
from .introductions import stated_title
from .job_fields import stated_field, stated_responsibility
from .job_questions import addressed_names, introduced_title, question_before
from .job_words import names_a_job_word, spelled_out, title_cased
from .members import group_members, label_name
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, InterviewMeta, SpeakerRoles
from .roles import DESCRIPTION_CHARS, OTHER, Embed, RoleMatch, Taxonomy, names_a_function, role_for_title
from .signatures import signature_title, signed_name

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
    # "Adeyemi, Grace (External)" is Grace Adeyemi, as every other buyer of the call is cited (tester 37)
    first = label_name(named[0], " ".join(t.text for t in interview.turns if t.speaker == named[0])) if named else ""
    name = without_honorific(meta.interviewee) or first
    profiled = set(speakers.buyers)
    if len(listed) > 1 or len(named) > 1:  # a group interview: the profile is its first named buyer, in their words
        name = next((n for n in listed if named and same_person(named[0], n)), first or listed[0])
        profiled = {named[0], *(d for d, n in renamed.items() if n == named[0])} if named else profiled
    others = other_voices_on_a_channel(interview.turns, speakers.buyers)  # the maker's people on "Them" (tester 54)
    own = " ".join(t.text for i, t in enumerate(interview.turns) if t.speaker in profiled and i not in others)
    shared = shared_account(own)
    unnamed_label = not named or is_device(name) or is_room(name) or is_login(name) or shared
    if (not meta.interviewee or is_login(meta.interviewee)) and unnamed_label and len(profiled) == 1:
        # "Kofi's iPhone", "SPEAKER_01", "mkowalczyk", a company's shared account: no one's name, but the call may
        # say whose voice it is; so may a header's login ("Participant: marcus_t", tester 39).
        (label,) = profiled
        # What the call says before its first turn counts too, after the turns ("Hi, is this Gwen?" opens what is
        # heard): a header ("Call with Vikram Iyer"), or the greeting before the first question of a transcript
        # naming no speaker ("Thanks a lot for making time, Vikram.", no one's turn: tester 51); not for a header's
        # attendees, which it lists whoever they are
        opening = interview.text[: interview.turns[0].start_char] if interview.turns else ""
        heard = " ".join(t.text for t in interview.turns if t.speaker != label)
        labels = {t.speaker for t in interview.turns}
        name = (said_name(label, own, f"{heard} {opening}") or named_attendee(meta.attendees, own, heard, labels)
                or (name if is_login(name) else ""))  # fmt: skip
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
    # or the title a list of the call's participants shows beside the buyer's name (Chorus's header)
    given = given or listed_title(interview.text, interview.turns, name)
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
