"""A speaker legend at the top of typed notes: who each short label stands for.

    **Legend:**
    - AK = Alex Kim (Ledgerly, interviewer)
    - RS = Rachel Sun (Ledgerly, note-taker)
    - JM = Jordan Mills, Payroll Manager, Brightway Foods

or on one line ("Key: I = Interviewer (Daniel Osei, Fernhill Research); R = Respondent (Chiara Bassi, Category
Manager – Packaging, Verdana Foods)"). Researchers who label turns with initials write such a key once, above the
first turn. Where it says which side some of its people are on, it is the interview's metadata: the interviewers,
the interviewee (matched to their label by ``same_person``'s initials; a one-letter label is not, and the sides are
then read from the transcript), and the interviewee's title and company. A key that marks no one's side says
nothing of who was interviewed and is left alone: the sides are then told from what each one says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from voiceofbuyer.ingest.person_names import parse_person
from voiceofbuyer.records import InterviewMeta

# "- AK = Alex Kim (...)", "**JM** – Jordan Mills, ...", "JM: Jordan Mills, ..." above the turns.
_ENTRY = re.compile(
    r"[ \t]*(?:[-*•·][ \t]+)?(?:\*\*)?(?P<label>[^\s=:–—*]{1,12})(?:\*\*)?[ \t]*(?:=|–|—|-|→|:)(?:\*\*)?[ \t]*"
    r"(?P<person>\S.*?)[ \t]*$"
)
_INTERVIEWER_MARKS = frozenset(
    {"interviewer", "co-interviewer", "note-taker", "notetaker", "note taker", "notes", "taking notes", "moderator",
     "facilitator", "researcher", "host", "observer", "us"}
)  # fmt: skip
_INTERVIEWEE_MARKS = frozenset(
    {"interviewee", "customer", "participant", "respondent", "guest", "buyer", "prospect", "client"}
)
_PARTS = re.compile(r"\s*[,()]\s*")
# "Key: I = Interviewer (Daniel Osei, ...); R = Respondent (Chiara Bassi, ...)": a legend written on one line.
_ONE_LINE = re.compile(
    r"[ \t]*(?:\*\*)?(?:legend|key|speaker\s+key|speakers)[ \t]*:(?:\*\*)?[ \t]*(?P<entries>.+)", re.I
)


def _entries(line: str) -> list[str]:
    """A header line's legend entries: the line itself, or each of those a one-line legend separates by ";"."""
    one_line = _ONE_LINE.fullmatch(line)
    return [entry.strip() for entry in one_line["entries"].split(";")] if one_line else [line]


def legend_metadata(header: Iterable[str], speakers: set[str]) -> InterviewMeta | None:
    """The metadata a legend of ``speakers``' labels gives, or None when the header holds none that marks a side.

    ``header``: the lines above the first turn. An entry's label must be one of ``speakers``; its side is a bracket
    or comma-separated part that is only a mark ("interviewer", "note-taker", "customer"); unmarked entries beside
    marked interviewers are the interviewees. The title and company are set for a single interviewee only.
    """
    interviewers: list[str] = []
    interviewees: list[str] = []
    unmarked: list[str] = []
    entries = [entry for line in header for entry in _entries(line)]
    for line in entries:
        entry = _ENTRY.fullmatch(line)
        if entry is None or entry["label"] not in speakers:
            continue
        parts = [part for part in _PARTS.split(entry["person"].strip("*")) if part]
        marks = {part.casefold().removeprefix("the ") for part in parts}
        person = ", ".join(part for part in parts if part.casefold().removeprefix("the ") not in
                           _INTERVIEWER_MARKS | _INTERVIEWEE_MARKS)  # fmt: skip
        if not person:
            continue
        if marks & _INTERVIEWER_MARKS:
            interviewers.append(person)
        elif marks & _INTERVIEWEE_MARKS:
            interviewees.append(person)
        else:
            unmarked.append(person)
    if not interviewers and not interviewees:
        return None
    people = interviewees or (unmarked if interviewers else [])
    names = [parse_person(person)[0] for person in people]
    title = company = ""
    if len(people) == 1:
        _, title, company = parse_person(people[0])
    return InterviewMeta(
        interviewee=", ".join(names),
        interviewer=", ".join(parse_person(person)[0] for person in interviewers),
        title=title,
        company=company,
    )


def label_marks_metadata(marks: Iterable[tuple[str, str]]) -> InterviewMeta | None:
    """The sides the labels' own marks give ("**Sofia (moderator):**", "**Leo (observer):**", "**Kwame Asante
    (participant):**": tester 15), or None when no label is marked with a side. ``marks``: (speaker, what follows
    the name in brackets) of each labelled line. "(Guest)" is Teams' mark of anyone outside the organiser's company,
    so it marks no side here."""
    interviewers: list[str] = []
    interviewees: list[str] = []
    for speaker, qualifier in marks:
        mark = qualifier.casefold().removeprefix("the ")
        if mark in _INTERVIEWER_MARKS and speaker not in interviewers:
            interviewers.append(speaker)
        elif mark in _INTERVIEWEE_MARKS - {"guest"} and speaker not in interviewees:
            interviewees.append(speaker)
    if not interviewers and not interviewees:
        return None
    return InterviewMeta(interviewee=", ".join(interviewees), interviewer=", ".join(interviewers))
