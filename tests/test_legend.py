"""A speaker legend above typed notes' turns ("JM = Jordan Mills, Payroll Manager, Brightway Foods")."""

from __future__ import annotations

from voiceofbuyer.ingest.legend import legend_metadata
from voiceofbuyer.ingest.speaker_names import same_person
from voiceofbuyer.ingest.text_reader import parse_turns

NOTES = """# Interview notes — Brightway Foods

**Legend:**
- AK = Alex Kim (Ledgerly, interviewer)
- RS = Rachel Sun (Ledgerly, note-taker)
- JM = Jordan Mills, Payroll Manager, Brightway Foods

AK: Thanks for joining us, Jordan. What does your role cover?

JM: I run payroll for Brightway, so three plants and the head office.

RS: Is the binder the source of truth?

JM: The binder. The system only has what I typed in two years ago.
"""


def test_a_legend_that_marks_the_interviewers_names_the_interviewee_and_gives_their_title() -> None:
    turns, meta = parse_turns(NOTES, "brightway.md")
    assert [turn.speaker for turn in turns] == ["AK", "JM", "RS", "JM"]  # "Legend:" is no one's turn
    assert (meta.interviewee, meta.title, meta.company) == ("Jordan Mills", "Payroll Manager", "Brightway Foods")
    assert meta.interviewer == "Alex Kim, Rachel Sun"


def test_a_legend_that_marks_no_side_says_nothing_of_who_was_interviewed() -> None:
    header = ["- AK = Alex Kim, Product Lead, Ledgerly", "- JM = Jordan Mills, Payroll Manager, Brightway Foods"]
    assert legend_metadata(header, {"AK", "JM"}) is None


def test_legend_entries_count_only_for_labels_that_speak_and_marks_name_the_interviewee() -> None:
    header = ["Speakers:", "**RK** – Rosa Kim (customer)", "JM – Jordan Miles (interviewer)", "Date – May"]
    meta = legend_metadata(header, {"RK", "JM"})
    assert meta is not None
    assert (meta.interviewee, meta.interviewer, meta.title) == ("Rosa Kim", "Jordan Miles", "")
    assert legend_metadata(header, {"Rosa", "Jordan"}) is None


def test_initials_as_a_label_are_the_same_person_as_the_name_they_abbreviate() -> None:
    assert same_person("JM", "Jordan Mills")
    assert not same_person("JM", "Rachel Sun")
    assert not same_person("JM", "Jordan")  # one word has no initials to compare
    assert same_person("Dana", "Dana Whitfield")
