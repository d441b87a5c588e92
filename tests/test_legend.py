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
    parsed = parse_turns(NOTES, "brightway.md")
    turns, meta = parsed.turns, parsed.meta
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
    # a transcriber labels someone as they are addressed: "Dr. Okafor" is the heading's "Dr. Amara Okafor"
    assert same_person("Dr. Okafor", "Dr. Amara Okafor") and same_person("Ms Patel", "Priya Patel")
    assert not same_person("Dr. Okafor", "Dr. Amara Osei")


def test_a_one_letter_legend_gives_the_job_and_no_false_warning() -> None:
    """`R = Respondent (Chiara Bassi, Category Manager – Packaging, ...)`: the label cannot be matched to the name,
    yet the legend's title (a dash inside it, no meeting's name) is hers, and nothing says no speaker is her."""
    from voiceofbuyer.config import load_config
    from voiceofbuyer.people import identify_people

    from .test_roles import NoVectors, interview

    notes = (
        "Key: I = Interviewer (Daniel Osei, Fernhill Research); R = Respondent (Chiara Bassi, Category Manager – "
        "Packaging, Verdana Foods)\n\nI: What is the hardest part of your week?\n\nR: Comparing supplier price "
        "sheets, eleven of them, every one in its own format.\n\nI: What would stop you buying a tool?\n\nR: Our IT "
        "team will want it hosted in Italy.\n"
    )
    parsed = parse_turns(notes, "verdana.md")
    turns, meta = parsed.turns, parsed.meta
    call = interview([(t.speaker, t.text) for t in turns], meta)
    people = identify_people([call], load_config(None), NoVectors())
    profile = people.profiles[call.id]
    assert (profile.name, profile.title) == ("Chiara Bassi", "Category Manager – Packaging")
    assert (profile.role_source, profile.function) == ("title", "Procurement")
    assert not any("no speaker is" in problem.message for problem in people.problems)


def test_initials_that_name_both_sides_name_neither() -> None:
    """ "JM" for the interviewer Jana Moravec and the interviewee Jordan Mills: the transcript decides (JM asks)."""
    from voiceofbuyer.ingest.sides import identify_sides
    from voiceofbuyer.records import InterviewMeta

    from .test_roles import interview

    call = interview(
        [("JM", "Can you start with what you do at Fleetway?"), ("Jordan", "I'm the fleet engineering manager."),
         ("JM", "What does a bad week look like?"), ("Jordan", "When we can't put out the peak vehicle requirement.")],
        InterviewMeta(interviewee="Jordan Mills", interviewer="Jana Moravec"),
    )  # fmt: skip
    sides = identify_sides(call)
    assert (list(sides.buyers), list(sides.interviewers)) == (["Jordan"], ["JM"])
