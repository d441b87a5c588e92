"""Who a transcript's heading says was interviewed: "Interview notes – Denise Varga, Transportation Director,
Harlow County Schools", "# Call with Jane Doe (CFO, Acme)", "Transcript: Kofi Asante, plant controller, Delmar
Foods", "Ruth Adeyemi · Procurement Lead · Harlow County Council", "# Interview – Ingrid Solberg". Weaker than a
labelled header line (``Interviewee: ...``, read by ``metadata.header_metadata``): the reader takes it only where no
label names anyone, or one names this person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from voiceofbuyer.ingest.labels import is_role_label
from voiceofbuyer.ingest.legend import legend_metadata
from voiceofbuyer.ingest.metadata import PARTS_BREAK
from voiceofbuyer.ingest.person_names import names_an_organisation, names_no_person, parse_person
from voiceofbuyer.ingest.speaker_names import listed_names, same_person
from voiceofbuyer.job_words import names_a_job
from voiceofbuyer.records import InterviewMeta, Turn

# "Interview notes – Denise Varga, Transportation Director, Harlow County Schools", "# Call with Jane Doe (CFO, Acme)":
# a heading that names the person interviewed and their job.
# The small words inside a surname: "Sanne van der Berg", "Ana dos Santos", "Ahmad bin Abdullah".
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)"  # "Dr. Amara Okafor": the full stop is no end of the name
_PARTICLE = r"(?:van|von|der|den|de|del|della|da|dos|das|du|di|la|le|bin|binti|ibn|al|ter|ten|op)"
# The kind of call a heading names: "Async interview – Henrik Aalto, Nordvik Paper" (tester 35)
_KIND = r"(?:(?:customer|buyer|discovery|research|user|async|asynchronous|written|e-?mail|follow-up|phone|video)\s+)?"
_INTERVIEW_HEADING = re.compile(
    # an e-mail's subject or notes about the call: "Subject: Notes: call with Marta Kowalczyk (Payroll Lead, ...)",
    # "Notes from this morning's call with Wendell Hayes (Fleet Director, Carrow Transit)"
    r"[#*\s]*(?:(?:subject|re|fwd?)\s*:\s*)*(?:notes(?:\s+(?:from|on|of))?\s*:?\s*(?:(?:the|our|my|this|today['’]s"
    r"|yesterday['’]s|this\s+(?:morning|afternoon)['’]s)\s+)?)?"
    rf"{_KIND}(?:interview|call|conversation|session|transcript|(?:site\s+|plant\s+)?visit)"
    r"(?:\s+#?\d+)?(?:\s+(?:notes|transcript))?(?:\s+of\s+(?:an?\s+|the\s+|our\s+)?(?:interview|call|conversation))?"
    rf"(?:\s+with\s+|\s*[-–—:|]\s*)(?P<person>(?-i:{_HONORIFIC}?[A-Z][\w'’-]+"
    rf"(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'’.-]+){{1,2}})"
    r"\s*(?:,|\(|\s[-–—|]\s).+?)"
    r"[*\s]*$",
    re.I,
)


_MEDIA_FILE = re.compile(r"\.(?:m4a|mp3|mp4|wav|webm|ogg|aac|flac|mov|wma)\s*$", re.I)
_FIRST_BRACKETED = re.compile(r"[^()]*\([^()]*\)(?=\.\s)|.*")


@dataclass(frozen=True)
class HeadingPerson:
    """Who a heading says the call was with ("Interview notes – Denise Varga, Transportation Director, ...")."""

    name: str
    """Empty where the heading names only the company and the job ("Interview #4 – Harbourline Marine, Finance
    Director")."""
    title: str
    company: str
    interview: bool
    """The heading calls it an interview ("Customer interview: ..."), not only a call or a conversation with them."""


def heading_person(lines: list[str]) -> HeadingPerson | None:
    """The person a header line names with their job, or None. Weaker than a labelled line (``Interviewee: ...``):
    the reader takes it where no speaker label names anyone, or where one names this person and the heading calls
    it an interview ("Call with Tom Becker (Partner)" may name the consultant who brought the buyer)."""
    # The recording's file name is a heading too: Word's Transcribe writes "Visit - Kenji Watanabe (Plant Manager,
    # Hoshino Precision Ohio).m4a" under "Audio file" (tester 54)
    lines = [_MEDIA_FILE.sub("", line) for line in lines]
    for line in lines:
        # "Notes from this morning's call with Wendell Hayes (Fleet Director, Carrow Transit). SO led, I took notes.":
        # the heading is the first sentence, up to its bracket
        heading = _INTERVIEW_HEADING.match(_FIRST_BRACKETED.match(line)[0])
        if heading is None:
            continue
        name, title, company = parse_person(heading["person"])
        if title and names_a_job(title):
            interview = bool(re.search(r"\b(?:interview|transcript)", line, re.I))
            if names_no_person(name):  # "Customer Interview #4 – Harbourline Marine, Finance Director": no one named
                return HeadingPerson("", title, company or (name if names_an_organisation(name) else ""), interview)
            return HeadingPerson(name, title, company, interview)
    for line in lines:  # "Ruth Adeyemi · Procurement Lead · Harlow County Council · 8 May 2025": a line of parts
        parts = [part.strip("#* ") for part in PARTS_BREAK.split(line.strip())]
        named = len(parts) >= 2 and _PERSON_NAME.fullmatch(parts[0]) and not names_no_person(parts[0])
        if named and names_a_job(parts[1]):
            company = parts[2] if len(parts) > 2 and not re.search(r"\d", parts[2]) else ""
            return HeadingPerson(parts[0], parts[1], company, False)
    for line in lines:  # "# Interview – Ingrid Solberg": the name alone, in a heading that calls it an interview
        named = _INTERVIEW_NAME_HEADING.fullmatch(line)
        if named and not names_no_person(named["person"]):
            return HeadingPerson(named["person"], "", named["company"] or "", True)
    return None


_PERSON_NAME = re.compile(rf"[A-Z][\w'’-]+(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'’.-]+){{1,2}}")
_INTERVIEW_NAME_HEADING = re.compile(
    rf"[#*\s]*{_KIND}interview(?:\s+notes)?(?:\s+with\s+|\s*[-–—:|]\s*)"
    rf"(?P<person>(?-i:[A-Z][\w'’-]+\s+(?:{_PARTICLE}\s+)*[A-Z][\w'’.-]+))"  # a given name and a surname
    r"(?:\s*,\s*(?P<company>(?-i:[A-Z][\w&'’.-]*(?:\s+[A-Z&][\w&'’.-]*){0,4})))?[*\s]*",  # "..., Nordvik Paper"
    re.I,
)


def named_by_heading(
    header: list[str], turns: Sequence[Turn], meta: InterviewMeta, front: InterviewMeta | None
) -> InterviewMeta:
    """``meta`` with the interviewee a heading names with their job, where they speak (``heading_person``), or a
    legend of the speakers' labels, where no header line names either side."""
    person = heading_person(header)
    known = meta.merged(front) if front else meta  # the front matter may name the interviewer
    if person and not known.interviewee and _names_a_speaker(person, turns, known):
        meta = replace(meta, interviewee=person.name, title=meta.title or person.title,
                       company=meta.company or person.company)  # fmt: skip
    if not meta.interviewee and not meta.interviewer:
        legend = legend_metadata(header, {turn.speaker for turn in turns})
        meta = legend.merged(meta) if legend else meta
    return meta


def _names_a_speaker(person: HeadingPerson, turns: Sequence[Turn], meta: InterviewMeta) -> bool:
    """Whether the person a heading names is one who speaks: "Interview notes – Denise Varga, ..." above ``Q:`` and
    ``A:`` (no label names anyone but the ``Interviewer:`` the header names), or "Customer interview: Raj Patel -
    ..." above ``Raj:``."""
    speakers = {turn.speaker for turn in turns}
    if not speakers:
        return False
    interviewers = listed_names(meta.interviewer)
    if all(is_role_label(s) or any(same_person(s, name) for name in interviewers) for s in speakers):
        return True
    named = [s for s in speakers if person.name and same_person(s, person.name)]
    # A call (not an interview) with someone names them where they answer: "Subject: Notes: call with Marta Kowalczyk
    # (Payroll Lead, Brightway Foods)" above "Marta:" answering (tester 32); "Call with Tom Becker (Partner)" may
    # name the consultant who brought the buyer, and asks.
    return bool(named) and (person.interview or _answers(named[0], turns))


def _answers(speaker: str, turns: Sequence[Turn]) -> bool:
    """Whether ``speaker`` answers: two turns or more, under a quarter of them questions."""
    own = [turn.text for turn in turns if turn.speaker == speaker]
    return len(own) >= 2 and sum("?" in text for text in own) * 4 < len(own)
