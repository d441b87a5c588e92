"""The other buyers of a group interview (a panel, a focus group, a buying committee): each one's name, title and
company from their own words or label, so that their quotes are cited as theirs, never under the profiled buyer's
name, title or company (tester 35: a focus group's "Speaker 3", who said "It's Priyanka Desai, I'm head of people
operations at Velo Bikes", was cited as the first buyer, Martin Hale of Kinloch Foods)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import groupby
from operator import attrgetter

from .ingest.person_names import names_an_organisation, parse_person
from .ingest.said_names import said_name
from .ingest.speaker_names import (
    company,
    display_parts,
    display_title,
    given_name,
    given_name_first,
    is_device,
    is_login,
    is_placeholder,
    is_room,
    label_aliases,
    renamed_devices,
    same_person,
    without_call_mark,
    without_honorific,
)
from .job_fields import stated_company
from .job_questions import introduced_title, question_before
from .job_words import names_a_job, spelled_out
from .records import BuyerProfile, GroupMember, Interview, SpeakerRoles
from .themes import folded

StatedTitle = Callable[[list[str], list[str]], str]
"""The title a buyer's own words state (their runs of turns, and the question before each); "" where none."""


def group_members(
    interview: Interview, speakers: SpeakerRoles, profile: BuyerProfile, stated_title: StatedTitle
) -> tuple[GroupMember, ...]:
    """The buyers of ``interview`` other than the one ``profile`` describes, each with the name they are cited by
    (their label's, given name first: "Kerr, Fiona" → "Fiona Kerr"; for a placeholder label, the name they give as
    theirs, ``said_name``), the title their own words state (else their display name's) and the company they name
    (else their label's, "Jon Eriksen (Polar Cold Chain)"). Empty where one buyer speaks, where the profile names
    no one, and for labels that are the profiled buyer's (a device renamed, a first name beside the full one) or
    that no name can be given to."""
    if len(speakers.buyers) < 2 or not profile.name:
        return ()
    aliases = {**renamed_devices(interview, speakers.buyers), **label_aliases(interview.turns)}
    heard = [t for t in interview.turns if t.speaker not in speakers.uncertain]
    runs = [(speaker, " ".join(t.text for t in run)) for speaker, run in groupby(heard, key=attrgetter("speaker"))]
    members = []
    for label in speakers.buyers:
        if label in aliases or label == profile.speaker:
            continue
        own = [text for speaker, text in runs if speaker == label]
        if is_placeholder(label) or is_device(label) or is_room(label) or is_login(label):
            # "iPad Pro", who says "It's Sofia, Sofia Brandt" through a panel: a person, never the first buyer
            others = " ".join(t.text for t in interview.turns if t.speaker != label)
            name = said_name(label, " ".join(own), others)
        else:
            name = label_name(label, " ".join(own))
        if not name or same_person(name, profile.name) or same_person(profile.name, name):
            continue
        asked = [question_before(runs, i, {label}) for i, (speaker, _) in enumerate(runs) if speaker == label]
        title = stated_title(own, asked) or display_title(list(interview.turns), interview.text, {label})
        title = title or _attendee_title(interview.meta.attendees, name)
        # "Tomas is our information security lead": a title a colleague gives them (tester 37)
        heard = [text for speaker, text in runs if speaker != label]
        title = title or introduced_title(heard, [name, given_name(name)])
        members.append(GroupMember(label, name, spelled_out(title), stated_company(own) or company(label)))
    return tuple(members)


# Where a speaker gives their own full name: a sentence opening on it ("Aisha Rahman, I'm VP ..."), or "I'm",
# "my name is", "this is" before it ("And I'm Ben Kowalski, I run support systems"), a pause after it.
_GIVES_FULL_NAME = re.compile(
    r"(?:^|[.!?]\s+|\b(?:I['’]m|I\s+am|[Mm]y\s+name\s+is|[Tt]his\s+is|[Ii]t['’]s)\s+)"
    r"(?P<given>[A-Z][a-z][\w'’-]*)\s+(?P<surname>[A-Z][a-z][\w'’-]+)(?=\s*[,.;]|\s+(?:here|from|at|and)\b)"
)


def _attendee_title(attendees: str, name: str) -> str:
    """The title the header's list of attendees gives beside ``name`` ("Participants: Aisha Rahman (VP, Customer
    Support), Ben Kowalski (Support Systems Lead)": tester 53), or ""."""
    for entry in re.split(r",\s*(?![^()]*\))", attendees):  # at the commas outside brackets
        listed, title, _ = parse_person(entry)
        if listed == name and names_a_job(title):
            return title
    return ""


def label_name(label: str, said: str = "") -> str:
    """The name a label shows: "Priya Nair | CFO @ Kestrel Logistics", "Dr Anika Bose", "Adeyemi, Grace (External)"
    are Priya Nair, Anika Bose and Grace Adeyemi (tester 37); a caller ID in capitals, surname first ("HADDAD
    AMIR"), a given name with an initial ("Joel W") and a given name alone ("Aisha") are the name as the speaker
    says it in ``said``, their own words ("Amir Haddad over at Quarry Stone", "Joel Whitaker, controller", "Aisha
    Rahman, I'm VP ...": testers 37-38, 53); a room's label is kept whole."""
    if is_room(label):
        return label
    name = given_name_first(without_honorific(display_parts(label)[0] or without_call_mark(label)))
    initial = re.fullmatch(r"([A-Z][\w'’-]+)\s+[A-Z]\.?", name)
    if initial:  # "Joel W", who says "Joel Whitaker, controller" (tester 37)
        surname = rf"({name.split()[1][0]}[a-z][\w'’-]+)(?=\s*[,.;]|\s+(?:here|from|at|and|I['’]m)\b|\s*$)"
        full = re.search(rf"\b{re.escape(initial[1])}\s+{surname}", said)
        return f"{initial[1]} {full[1]}" if full else name
    if re.fullmatch(r"[A-Z][a-z][\w'’-]*", name):  # "Aisha", who says "Sure. Aisha Rahman, I'm VP of ..." (tester 53)
        full = next((found for found in _GIVES_FULL_NAME.finditer(said) if found["given"] == name), None)
        return f"{name} {full['surname']}" if full else name
    if name.isupper() and len(name.split()) > 1:
        word = "(?i:" + "|".join(re.escape(word) for word in name.split()) + ")"
        spoken = re.search(rf"\b{word}(?:\s+{word}){{{len(name.split()) - 1}}}\b", said)
        if spoken and sorted(spoken[0].casefold().split()) == sorted(name.casefold().split()):
            return spoken[0]
    return name


def with_member_companies(profile: BuyerProfile, interview_company: str) -> BuyerProfile:
    """``profile`` with the interview's company given to the members who name none, where the group is of one
    company (a buying committee); in a panel, where some member names another company than the interview's, a
    member who names none is cited with none: nobody is cited with a company that may not be theirs."""
    if not profile.members or not interview_company:
        return profile
    own = {folded(member.company) for member in profile.members if member.company}
    if own - {folded(interview_company)}:
        return profile
    return replace(profile, members=tuple(replace(m, company=m.company or interview_company) for m in profile.members))


def profiled_company(interview: Interview, speakers: SpeakerRoles, profile: BuyerProfile) -> str:
    """The company the profiled buyer names as theirs, else the one their label shows; where neither does, the one
    the other buyers name, when two or more do and all name the same (a committee: "we at Harlow"), else "" (a
    panel's companies are each member's own, ``group_members``)."""
    others = {m.speaker for m in profile.members}
    said = [t.text for t in interview.turns if t.speaker in speakers.buyers and t.speaker not in others]
    # or the company their label shows: "Rosa Delgado (Mapleton Manufacturing)"
    labelled = (company(b) for b in speakers.buyers if b not in others and not is_placeholder(b))
    found = stated_company(said) or next(filter(None, labelled), "")
    if found:
        return _in_full(found, interview)
    # a committee: every other buyer, two or more, names the same company; one panelist's company is no one else's
    # ("I'll keep the company name out of it" was cited with another panelist's: tester 37)
    named = {folded(m.company) for m in profile.members if m.company}
    if others and (len(named) != 1 or len(others) < 2 or not all(m.company for m in profile.members)):
        return ""
    return stated_company([t.text for t in interview.turns if t.speaker in speakers.buyers])


def _in_full(company: str, interview: Interview) -> str:
    """``company`` as the transcript's header writes it in full, where the buyer said it short ("I'm the VP of
    Finance at Northwind" under "Tallyo <> Northwind Logistics | Discovery": tester 38); else as said."""
    header = interview.text[: interview.turns[0].start_char] if interview.turns else ""
    for fuller in re.finditer(rf"\b{re.escape(company)}((?:\s+(?-i:[A-Z])[\w&'’.-]+){{1,3}})", header):
        # an organisation's word completes it ("Logistics", "Foods", "Group"); "Northwind Discovery Call" does not
        words = fuller[1].split()
        for end in range(len(words), 0, -1):
            name = f"{company} {' '.join(words[:end])}"
            if names_an_organisation(name) and not names_an_organisation(company):
                return name
    return company
