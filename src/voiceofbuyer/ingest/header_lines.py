"""A plain-text transcript's header: the lines above its first turn (a title, a date, metadata fields) told from
the turns, where a header field's label is also a speaker's ("Participant: Kwame Asante, Head of Warehouse
Operations" above "Participant: We run three sites.")."""

from __future__ import annotations

from dataclasses import replace

from voiceofbuyer.ingest.labels import looks_like_name
from voiceofbuyer.ingest.metadata import FIELD_BREAK, HEADER_LABELS, PERSON_LABELS
from voiceofbuyer.ingest.person_names import names_no_person, parse_person
from voiceofbuyer.ingest.speaker_vote import SpeakerVote
from voiceofbuyer.ingest.text_lines import TextLine


def header_lines(lines: list[TextLine], vote: SpeakerVote) -> list[TextLine]:
    """Lines before the first speaker label: titles, dates, attendee and metadata lines."""
    header = []
    for line in lines:
        if line.head and vote.is_speaker(line.head) and not person_line(line, vote):
            break
        header.append(line)
    return header


def person_line(line: TextLine, vote: SpeakerVote) -> bool:
    """``Adopter: Jane Doe, CFO at Acme``, ``Job title: Head of Finance Operations``: a header line naming a person
    or a field of the metadata, not a turn (the label never recurs)."""
    head = line.head
    if head is None or head.speaker is None or head.speaker.casefold() not in HEADER_LABELS:
        return False
    if vote.counts[head.speaker] > 1:
        return False
    value = line.text[head.body :].strip()
    return bool(value) and not value.endswith((".", "?", "!")) and len(value.split()) <= 14


_NOT_A_NAME_WORD = frozenset({"hi", "hello", "hey", "thanks", "thank", "yes", "yeah", "ok", "okay", "sure", "great",
                               "good", "morning", "welcome", "right", "so", "well", "and", "the"})  # fmt: skip


def header_entries_as_text(lines: list[TextLine], vote: SpeakerVote) -> list[TextLine]:
    """``lines`` with the header's ``Participant: Kwame Asante, Head of Warehouse Operations, Dunmore`` and
    ``Interviewer: Lucy Harrington`` read as text, not turns, although the same labels open the turns below: lines
    above the first turn whose label is a side's and whose value is a person (a name, then a job or a company, no
    sentence). The header's metadata reads them."""
    entries = set()
    for index, line in enumerate(lines):
        head = line.head
        if head is None or head.speaker is None or not vote.is_speaker(head):
            continue
        if head.speaker.casefold() not in PERSON_LABELS or not _names_a_person(line.text[head.body :].strip()):
            break
        entries.add(index)
    return [replace(line, head=None) if i in entries else line for i, line in enumerate(lines)]


def _names_a_person(value: str) -> bool:
    """Whether a header value is a person's entry ("Kwame Asante, Head of Warehouse Operations, Dunmore
    Distribution", "Lucy Harrington"), not the first words said ("Thanks Kwame", "Sure.")."""
    value = FIELD_BREAK.split(value, maxsplit=1)[0]  # "Chris Dunn · **Participant:** Marta ...": one field of several
    if not value or value.endswith((".", "?", "!", ":")) or len(value.split()) > 14:
        return False
    name = parse_person(value)[0]
    words = name.split()
    return (
        2 <= len(words) <= 4
        and looks_like_name(name)
        and not names_no_person(name)
        and not {word.casefold().strip(",") for word in words} & _NOT_A_NAME_WORD
    )
