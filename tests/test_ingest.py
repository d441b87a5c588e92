"""Input readers: every format, the offset invariant, metadata precedence and each bad input."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import random
from pathlib import Path

import pytest

from voiceofbuyer.engine import LocalEngine
from voiceofbuyer.errors import InputError, NotAnInterview
from voiceofbuyer.ingest import TRANSCRIPT_SUFFIXES, Batch, read_batch, read_interview, recordings_to_transcribe
from voiceofbuyer.ingest.labels import is_role_label, read_head
from voiceofbuyer.ingest.speaker_vote import SpeakerVote, metadata_label
from voiceofbuyer.records import Interview

from .conftest import make_docx


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def read(folder: Path, name: str, content: str | bytes) -> Interview:
    interview = read_interview(write(folder, name, content), folder)
    assert_offsets(interview)
    return interview


def said(folder: Path, name: str, content: str) -> list[tuple[str, str]]:
    """(speaker, text) of each turn of the file ``name`` written with ``content``."""
    return [(turn.speaker, turn.text) for turn in read(folder, name, content).turns]


def assert_offsets(interview: Interview) -> None:
    for turn in interview.turns:
        assert interview.text[turn.start_char : turn.end_char] == turn.text
        assert turn.text == turn.text.strip() and turn.text
        assert interview.text.count("\n", 0, turn.start_char) + 1 >= turn.line
        for word in turn.words:
            assert turn.start_char <= word.start_char < word.end_char <= turn.end_char


def speakers_and_texts(interview: Interview) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in interview.turns]


def error(folder: Path, name: str, content: str | bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        read_interview(write(folder, name, content), folder)
    return caught.value


# --- plain text -----------------------------------------------------------------------------------------


def test_style_a_with_continuation_lines(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "a.txt",
        (
            "Interview with Dana, 2 Sept\n"
            "\n"
            "Sam Rivera: Thanks for joining. Note: this is recorded.\n"
            "Dana Whitfield: So I'm the CFO at Northwind.\n"
            "We close the books in 12 days.\n"
            "\n"
            "And so the thing is: approvals are slow.\n"
            "Sam Rivera: Why?\n"
        ),
    )
    assert speakers_and_texts(interview) == [
        ("Sam Rivera", "Thanks for joining. Note: this is recorded."),
        (
            "Dana Whitfield",
            "So I'm the CFO at Northwind.\nWe close the books in 12 days.\n\nAnd so the thing is: approvals are slow.",
        ),
        ("Sam Rivera", "Why?"),
    ]
    assert [turn.line for turn in interview.turns] == [3, 4, 8]
    assert all(turn.start is None for turn in interview.turns)
    assert (interview.id, interview.source, interview.format) == ("a", "a.txt", "text")


def test_a_time_after_the_words_is_the_turns(tmp_path: Path) -> None:
    """Tester D: "Ravi Menon: I'm head of procurement ... [00:00:07]" gave no statement a start time."""
    interview = read(tmp_path, "after.txt", (
        "Hannah: Can you tell me what you do? [00:00:03]\n\n"
        "Ravi Menon: I'm head of procurement. We meet at (10:30) on Mondays. [00:00:07]\n\n"
        "Hannah: And the quotes? (00:00:15)\n"
    ))  # fmt: skip
    assert [(t.speaker, t.start) for t in interview.turns] == [("Hannah", 3.0), ("Ravi Menon", 7.0), ("Hannah", None)]


def test_style_b_timestamps(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "b.txt",
        (
            "[00:00:05] Sam Rivera: Hi Keisha.\n"
            "[00:01:02] Keisha Ford: Hi! I'm an AP Specialist.\n"
            "(01:03:04) Sam Rivera: Great.\n"
            "[12:30] Keisha Ford: mm:ss works too.\n"
        ),
    )
    assert [(t.speaker, t.start) for t in interview.turns] == [
        ("Sam Rivera", 5.0),
        ("Keisha Ford", 62.0),
        ("Sam Rivera", 3784.0),
        ("Keisha Ford", 750.0),
    ]
    assert interview.turns[1].text == "Hi! I'm an AP Specialist."


def test_style_c_header_lines_and_blank_lines(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "c.txt",
        (
            "Alex Kim (00:00:03):\n"
            "Thanks for making time, Jonas.\n"
            "\n"
            "Jonas Becker (00:00:09):\n"
            "Sure. I lead the AP team.\n"
            "\n"
            "We are six people.\n"
            "\n"
            "Alex Kim [00:01:15]\n"
            "How many invoices?\n"
        ),
    )
    assert speakers_and_texts(interview) == [
        ("Alex Kim", "Thanks for making time, Jonas."),
        ("Jonas Becker", "Sure. I lead the AP team.\n\nWe are six people."),
        ("Alex Kim", "How many invoices?"),
    ]
    assert [(t.line, t.start) for t in interview.turns] == [(1, 3.0), (4, 9.0), (9, 75.0)]


def test_style_d_role_labels(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "d.txt",
        ("interviewer: What do you do?\ninterviewee: I'm the ERP systems manager at Orbit.\ninterviewer: Okay.\n"),
    )
    assert [t.speaker for t in interview.turns] == ["interviewer", "interviewee", "interviewer"]


@pytest.mark.parametrize(
    ("line", "speaker", "time", "text"),
    [
        ("Dana Whitfield: hello", "Dana Whitfield", None, "hello"),
        ("Interviewer 1: hello", "Interviewer 1", None, "hello"),
        ("Interviewee1 : hello", "Interviewee1", None, "hello"),
        ("Dr. Jane O'Neil: hello", "Dr. Jane O'Neil", None, "hello"),
        ("José Müller: hallo", "José Müller", None, "hallo"),
        ("Ludwig van Beethoven: da", "Ludwig van Beethoven", None, "da"),
        ("00:01:02 Sam Rivera: hello", "Sam Rivera", 62.0, "hello"),
        ("[00:01:02] Sam Rivera: hello", "Sam Rivera", 62.0, "hello"),
        ("Sam Rivera (00:01:02): hello", "Sam Rivera", 62.0, "hello"),
        ("Sam Rivera [1:02]", "Sam Rivera", 62.0, ""),
        ("Sam Rivera  0:03", "Sam Rivera", 3.0, ""),
        ("Sam Rivera - 00:03", "Sam Rivera", 3.0, ""),
        ("Sam Rivera: (00:03)", "Sam Rivera", 3.0, ""),
        ("Sam Rivera: [00:03] hello", "Sam Rivera", 3.0, "hello"),
        ("Speaker 2 (00:00:07.500):", "Speaker 2", 7.5, ""),
        ("**Sam Rivera:** hello", "Sam Rivera", None, "hello"),
        ("**Sam Rivera** (00:03)", "Sam Rivera", 3.0, ""),
        ("Dana Whitfield (CFO): hello", "Dana Whitfield", None, "hello"),
        ("Q: hello", "Q", None, "hello"),
        ("Kate 🎧: hello", "Kate", None, "hello"),  # an emoji in a display name is no part of the name
        ("[00:00:01] Lee 🙂: hello", "Lee", 1.0, "hello"),
        ("kate.smith@acme.com: hello", "kate.smith@acme.com", None, "hello"),  # an e-mail as the display name
        ("[00:00:05] O'Brien-Smith, K. [Acme Ltd]: hello", "O'Brien-Smith, K.", 5.0, "hello"),  # a company in brackets
        ("Speaker ?: hello", "Speaker ?", None, "hello"),  # a voice the tool could not name: nobody (sides)
        ("[00:00:01] Speaker?: hello", "Speaker?", 1.0, "hello"),
        ("[05:10] hello", None, 310.0, "hello"),
        ("00:05:00", None, 300.0, ""),
        ("4420****321: hello", "4420****321", None, "hello"),  # a dial-in number Zoom masks
        ("Sam Ortiz (he/him) | Ledgerly: hello", "Sam Ortiz", None, "hello"),  # pronouns, then the company
        ("Sam Ortiz, PM @ Ledgerly: hello", "Sam Ortiz, PM", None, "hello"),
        (">> SAM ORTIZ: hello", "SAM ORTIZ", None, "hello"),  # a broadcast caption's change of speaker
        ("**Rafael Ortega** (00:07): hello", "Rafael Ortega", 7.0, "hello"),  # bold name, then time and colon
        ("Conference Room 4B: hello", "Conference Room 4B", None, "hello"),  # a Zoom Room's name
        ("2:01 PM  Sofia: hello", "Sofia", 50460.0, "hello"),  # a clock time: "PM" is no part of the name
        ("[11:59:30 a.m.] Kim: hello", "Kim", 43170.0, "hello"),
        ("[00:00:11.640 --> 00:00:16.920] Kenji Watanabe: hello", "Kenji Watanabe", 11.64, "hello"),  # whisper.cpp
        ("Alison Reeve [00:00:11] hello", "Alison Reeve", 11.0, "hello"),  # Trint: the time in brackets, no colon
    ],
)
def test_labels(line: str, speaker: str | None, time: float | None, text: str) -> None:
    head = read_head(line)
    assert head is not None
    assert (head.speaker, head.time, line[head.body :].strip()) == (speaker, time, text)


@pytest.mark.parametrize(
    "line",
    [
        "so the thing is: approvals",
        "I said: yes",
        "Well, um: yes",
        "10:30 is when we meet",
        "Hello there",
        "The cost was $5: too much",
        "One two three four five six: x",
        "**Summary**",
        "My CFO: she keeps asking why suppliers call her",  # a possessive: speech, however capitalised
        "We met at 10:30 and it ran long",  # a time in speech, not in brackets after a name
    ],
)
def test_not_labels(line: str) -> None:
    head = read_head(line)
    assert head is None or head.speaker is None or not SpeakerVote([head]).is_speaker(head)


def test_header_note_and_time_lines_are_outside_turns(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "meet.txt",
        (
            "Transcript\n"
            "Date: 2026-09-02\n"
            "Participants: Sam Rivera, Dana Whitfield\n"
            "00:00:00\n"
            "Sam Rivera: Hello.\n"
            "Dana Whitfield: Hi.\n"
            "Note: she sounded tired\n"
            "Where were we (a note: no one said it).\n"
            "Dana Whitfield: We looked at one tool.\n"
            "Note: we never got past their security questionnaire.\n"
            "Where were we (a note: no one said it).\n"
            "00:05:00\n"
            "Sam Rivera: Approvals?\n"
        ),
    )
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Sam Rivera", "Hello.", 0.0),  # every turn of a section starts at its stamp or later: Meet's sections
        ("Dana Whitfield", "Hi.", 0.0),
        ("Dana Whitfield", "We looked at one tool.\nNote: we never got past their security questionnaire.", 0.0),
        ("Sam Rivera", "Approvals?", 300.0),
    ]


def test_a_date_note_or_duration_said_in_a_turn_of_speaker_lines_is_speech(tmp_path: Path) -> None:
    """Rev's layout, a speaker line of its own above each turn: "14 hours." and "February 14, 2026." are answers,
    and "Note: we never ..." is the buyer speaking; a date stamp without a full stop is still the tool's."""
    interview = read(
        tmp_path,
        "rev.txt",
        (
            "March 11, 2025, 3:02PM\n\n"
            "Speaker 1 (00:00:02):\nHow long does a weekly run take end to end?\n\n"
            "Speaker 2 (00:00:05):\n14 hours.\n\n"
            "Speaker 1 (00:00:07):\nAnd when is the go-live?\n\n"
            "Speaker 2 (00:00:09):\nFebruary 14, 2026.\nThat's the date everything has to work by.\n\n"
            "Speaker 1 (00:00:15):\nAnything else on contracts?\n\n"
            "Speaker 2 (00:00:18):\nNote: we never sign multi-year deals without a break clause.\n"
        ),
    )
    assert [t.text for t in interview.turns if t.speaker == "Speaker 2"] == [
        "14 hours.",
        "February 14, 2026.\nThat's the date everything has to work by.",
        "Note: we never sign multi-year deals without a break clause.",
    ]
    assert "March 11" not in " ".join(t.text for t in interview.turns)


def test_markdown_front_matter_and_headings(tmp_path: Path) -> None:
    text = (
        "---\n"
        "interviewee: Anja Vogel\n"
        "title: Finance Director\n"
        "employees: 1200\n"
        "date: 2026-09-09\n"
        "favourite_colour: blue\n"
        "---\n"
        "# Interview with Anja\n"
        "\n"
        "Alex Kim: Welcome.\n"
        "## Part two\n"
        "Anja Vogel: Danke.\n"
    )
    interview = read(tmp_path, "k.md", text)
    assert speakers_and_texts(interview) == [("Alex Kim", "Welcome."), ("Anja Vogel", "Danke.")]
    assert interview.text == text
    assert interview.turns[0].line == 10
    meta = interview.meta
    assert (meta.interviewee, meta.title, meta.employees, meta.date) == (
        "Anja Vogel",
        "Finance Director",
        "1200",
        "2026-09-09",
    )


def test_malformed_front_matter(tmp_path: Path) -> None:
    bad_yaml = error(tmp_path, "badmd.md", "---\ntitle: CFO\ncompany: [Kestrel\n---\nAlex Kim: hi\n")
    assert bad_yaml.path == "badmd.md" and bad_yaml.line is not None and bad_yaml.line >= 3
    assert "front matter" in bad_yaml.message or "YAML" in bad_yaml.message
    unclosed = error(tmp_path, "open.md", "---\ntitle: CFO\nAlex Kim: hi\n")
    assert (unclosed.line, unclosed.message) == (1, "front matter is not closed")
    not_mapping = error(tmp_path, "list.md", "---\n- a\n- b\n---\nAlex Kim: hi\n")
    assert not_mapping.line == 2


def test_no_speaker_labels(tmp_path: Path) -> None:
    err = error(tmp_path, "notes.txt", "We talked about approvals.\nthe main thing is: speed\n")
    assert err.path == "notes.txt"
    assert err.message.startswith("no speaker labels found; expected lines like 'Name: text'")


# --- subtitles ------------------------------------------------------------------------------------------

TEAMS_VTT = """WEBVTT
Kind: captions

NOTE exported from Teams
on two lines

STYLE
::cue { color: lime }

1f2e-0
00:00:01.000 --> 00:00:04.200 align:start position:10%
<v Sam Rivera>Thanks for joining, Luis.</v>

1f2e-1
00:00:04.500 --> 00:00:09.000
<v.loud Luis Ortega>Happy to. So I run AP
at Northwind.</v>

00:00:09.000 --> 00:00:12.000
<v Luis Ortega>We get <c.yellow>three thousand</c> invoices a month.</v>

00:00:12.000 --> 00:00:13.000
And it hurts.
"""


def test_vtt_voice_tags_and_multi_cue_turns(tmp_path: Path) -> None:
    interview = read(tmp_path, "teams.vtt", TEAMS_VTT)
    assert interview.format == "vtt"
    assert [(t.speaker, t.text, t.start, t.end) for t in interview.turns] == [
        ("Sam Rivera", "Thanks for joining, Luis.", 1.0, 4.2),
        ("Luis Ortega", "Happy to. So I run AP\nat Northwind.", 4.5, 9.0),
        ("Luis Ortega", "We get", 9.0, 12.0),
        ("Luis Ortega", "three thousand", 9.0, 12.0),
        ("Luis Ortega", "invoices a month.", 9.0, 12.0),
        ("Luis Ortega", "And it hurts.", 12.0, 13.0),
    ]
    assert [t.line for t in interview.turns] == [12, 16, 20, 20, 20, 23]
    assert not any("<" in t.text or "-->" in t.text for t in interview.turns)


def test_vtt_voice_tag_decides_the_speaker_and_comparisons_are_text(tmp_path: Path) -> None:
    """Teams: "A:" opening a cue of ``<v Ibrahim Haddad>`` is Ibrahim's words (the answer he quotes), and "&lt; 48
    hours" is "< 48 hours"; an escaped tag stays escaped, so no text becomes a tag."""
    interview = read(
        tmp_path,
        "teams.vtt",
        (
            "WEBVTT\n\n"
            "1\n00:00:01.000 --> 00:00:03.000\n<v Nora Blake>Who owns the schedule?</v>\n\n"
            "2\n00:00:03.500 --> 00:00:08.000\n<v Ibrahim Haddad>Q: who do I call? A: ask Mariam.</v>\n\n"
            "3\n00:00:08.500 --> 00:00:12.000\n<v Ibrahim Haddad>A: ask Mariam. Turnaround has to be &lt; 48 hours "
            "&amp; &lt;v Bob&gt; is not a tag.</v>\n"
        ),
    )
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("Nora Blake", "Who owns the schedule?"),
        ("Ibrahim Haddad", "Q: who do I call? A: ask Mariam."),
        ("Ibrahim Haddad", "A: ask Mariam. Turnaround has to be < 48 hours & &lt;v Bob> is not a tag."),
    ]


def test_a_date_or_duration_on_a_caption_line_of_its_own_is_speech(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "captions.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nMaya: Our device lease with the vendor ends\nMarch 31, 2026\n\n"
        "2\n00:00:04,500 --> 00:00:08,000\nMaya: and the tip import alone takes\n45 minutes\n\n",
    )
    assert [t.text for t in interview.turns] == [
        "Our device lease with the vendor ends\nMarch 31, 2026",
        "and the tip import alone takes\n45 minutes",
    ]


def test_a_label_on_a_wrapped_caption_line_and_a_one_off_answer_label_are_speech(tmp_path: Path) -> None:
    """ "Step 2:" opening a wrapped line, "A: Ask legal." quoting an FAQ, and a dash opening a wrapped line are the
    buyer's words; a cue whose first line opens with a dash is subtitle dialogue, "-[PAUL]" included."""
    interview = read(
        tmp_path,
        "zoom.vtt",
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:03.000\nLena Park: How do renewals go?\n\n"
        "2\n00:00:03.500 --> 00:00:08.000\nFiona Gallagher: Step 1, we get the invoice.\nStep 2: nobody tells us "
        "it's a subscription.\n\n"
        "3\n00:00:08.500 --> 00:00:12.000\nLena Park: Where is the contract?\n\n"
        "4\n00:00:12.500 --> 00:00:16.000\nFiona Gallagher: Our FAQ says Q: where is it?\nA: Ask legal.\n\n"
        "5\n00:00:16.500 --> 00:00:20.000\nFiona Gallagher: Email, photos, paper\n- and some airlines fax.\n\n"
        "6\n00:00:20.500 --> 00:00:24.000\n-[Lena Park] Every day?\n-[Fiona Gallagher] Every night.\n",
    )
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("Lena Park", "How do renewals go?"),
        ("Fiona Gallagher", "Step 1, we get the invoice.\nStep 2: nobody tells us it's a subscription."),
        ("Lena Park", "Where is the contract?"),
        ("Fiona Gallagher", "Our FAQ says Q: where is it?\nA: Ask legal."),
        ("Fiona Gallagher", "Email, photos, paper\n- and some airlines fax."),
        ("Lena Park", "Every day?"),
        ("Fiona Gallagher", "Every night."),
    ]


def test_broadcast_chevrons_change_speaker_mid_line(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "broadcast.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n>> KEN WATANABE: ROSA, THANKS FOR COMING IN.\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\n>> ROSA DELGADO: FUEL AND BREAKDOWNS.\n\n"
        "3\n00:00:06,500 --> 00:00:09,000\n>> KEN WATANABE: WHAT INSTEAD? >> ROSA DELGADO: ENGINE CODES.\n",
    )
    assert [(t.speaker, t.text) for t in interview.turns][-2:] == [
        ("KEN WATANABE", "WHAT INSTEAD?"),
        ("ROSA DELGADO", "ENGINE CODES."),
    ]


def test_roll_up_captions_read_each_row_once(tmp_path: Path) -> None:
    """Roll-up captions show each row twice, first below and then on top; a short row said again is kept."""
    interview = read(
        tmp_path,
        "rollup.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n>> KEN: WHAT BREAKS FIRST\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n>> KEN: WHAT BREAKS FIRST\nWHEN A TRUCK GOES DOWN?\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\n>> ROSA: THE SCHEDULE BREAKS\nAND THE DRIVERS WAIT.\n\n"
        "4\n00:00:07,000 --> 00:00:09,000\nAND THE DRIVERS WAIT.\nWE LOSE A DAY OF LOADS.\n\n"
        "5\n00:00:09,000 --> 00:00:10,000\nYES.\n\n"
        "6\n00:00:10,000 --> 00:00:11,000\nYES.\nREALLY.\n",
    )
    said = [(t.speaker, " ".join(t.text.split())) for t in interview.turns]
    assert said == [
        ("KEN", "WHAT BREAKS FIRST"),
        ("KEN", "WHEN A TRUCK GOES DOWN?"),
        ("ROSA", "THE SCHEDULE BREAKS AND THE DRIVERS WAIT."),
        ("ROSA", "WE LOSE A DAY OF LOADS."),
        ("ROSA", "YES."),
        ("ROSA", "YES. REALLY."),
    ]


def test_vtt_zoom_prefixes(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "zoom.vtt",
        (
            "WEBVTT\n\n"
            "1\n00:00:01.000 --> 00:00:03.000\nAlex Kim: Hello Miriam.\n\n"
            "2\n00:00:03.500 --> 00:00:08.000\nMiriam Koch: Hallo. I'm an AP clerk\n\n"
            "3\n00:00:08.000 --> 00:00:10.000\nat Kestrel.\n\n"
            "4\n00:00:10.000 --> 00:00:11.000\nAlex Kim: Right.\nMiriam Koch: Ja.\n"
        ),
    )
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Alex Kim", "Hello Miriam.", 1.0),
        ("Miriam Koch", "Hallo. I'm an AP clerk", 3.5),
        ("Miriam Koch", "at Kestrel.", 8.0),
        ("Alex Kim", "Right.", 10.0),
        ("Miriam Koch", "Ja.", 10.0),
    ]


def test_vtt_errors(tmp_path: Path) -> None:
    no_header = error(tmp_path, "x.vtt", "00:00:01.000 --> 00:00:02.000\nSam: hi\n")
    assert (no_header.path, no_header.line) == ("x.vtt", 1) and "WEBVTT" in no_header.message
    bad_timing = error(tmp_path, "t.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:0x\nSam: hi\n")
    assert bad_timing.line == 3 and "malformed cue timing" in bad_timing.message
    assert not bad_timing.message.endswith("its words are read, at the time of the cue before")
    no_speaker = error(tmp_path, "n.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n")
    assert no_speaker.message.startswith("no speaker labels found")
    # captions saved before anyone spoke are empty, not "unlabelled"
    for name, header_only in (
        ("h.vtt", "WEBVTT\nKind: captions\nLanguage: en\n\n"),
        ("e.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n\n"),
    ):
        empty = error(tmp_path, name, header_only)
        assert empty.message == "captions without a single cue that holds a word: nothing said in them", name


def test_one_unreadable_cue_timing_loses_no_words(tmp_path: Path) -> None:
    """A slip in one timing line ("00:00:1x.000") skipped the whole call: its cue is now read at the time of the
    cue before, and the reader says which line it read past."""
    warnings: list[InputError] = []
    path = tmp_path / "call.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Dana Reyes>What's the hardest part of the close?\n\n"
        "00:00:05.500 --> 00:00:1x.000\n<v Priya Shah>The reconciliations take us four days.\n\n"
        "00:00:19.000 --> 00:00:30.000\n<v Priya Shah>The bank feeds break every other week.\n",
        "utf-8",
    )
    interview = read_interview(path, tmp_path, warnings=warnings)
    assert [(t.speaker, t.text, t.start, t.end) for t in interview.turns] == [
        ("Dana Reyes", "What's the hardest part of the close?", 1.0, 5.0),
        ("Priya Shah", "The reconciliations take us four days.", 5.0, 5.0),
        ("Priya Shah", "The bank feeds break every other week.", 19.0, 30.0),
    ]
    assert [str(w) for w in warnings] == [
        "call.vtt:6: malformed cue timing '00:00:05.500 --> 00:00:1x.000'; its words are read, at the time of the "
        "cue before (fix: write it like '00:00:01.000 --> 00:00:04.000')"
    ]


SRT = """1
00:00:01,000 --> 00:00:04,000
Sam Rivera: Hi Priya.

2
00:00:04,000 --> 00:00:08,500
Priya Raman: Hi. I'm the IT Director.

3
00:00:08,500 --> 00:00:10,000
Security reviews take months.
"""


def test_srt(tmp_path: Path) -> None:
    interview = read(tmp_path, "it.srt", SRT)
    assert interview.format == "srt"
    assert [(t.speaker, t.text, t.start, t.end, t.line) for t in interview.turns] == [
        ("Sam Rivera", "Hi Priya.", 1.0, 4.0, 3),
        ("Priya Raman", "Hi. I'm the IT Director.", 4.0, 8.5, 7),
        ("Priya Raman", "Security reviews take months.", 8.5, 10.0, 11),
    ]


def test_srt_tolerates_missing_and_extra_blank_lines(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "messy.srt",
        (
            "1\n00:00:01,000 --> 00:00:02,000\nSam Rivera: Hi.\n"
            "2\n00:00:02,000 --> 00:00:05,000\nGreg Novak: Hello.\n\nStill me.\n\n\n"
            "00:00:05.000 --> 00:00:06.000\n<i>Sam Rivera: Go on.</i>\n"
        ),
    )
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Sam Rivera", "Hi.", 1.0),
        ("Greg Novak", "Hello.\n\nStill me.", 2.0),
        ("Sam Rivera", "Go on.", 5.0),
    ]


def test_srt_with_the_speaker_alone_on_the_first_line_of_each_cue(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "named.srt",
        (
            "1\n00:00:00,400 --> 00:00:04,760\nTom Becker\nHi Aisha, what's your role?\n\n"
            "2\n00:00:05,420 --> 00:00:10,800\nAisha Okafor\nI'm head of revenue operations at Brightlane.\n\n"
            "3\n00:00:11,460 --> 00:00:14,120\nTom Becker\nHow does forecasting work?\n\n"
            "4\n00:00:14,780 --> 00:00:20,840\nAisha Okafor\nWe run a forecast call every Monday.\nIt takes all day.\n"
        ),
    )
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Tom Becker", "Hi Aisha, what's your role?", 0.4),
        ("Aisha Okafor", "I'm head of revenue operations at Brightlane.", 5.42),
        ("Tom Becker", "How does forecasting work?", 11.46),
        ("Aisha Okafor", "We run a forecast call every Monday.\nIt takes all day.", 14.78),
    ]
    for turn in interview.turns:
        assert interview.text[turn.start_char : turn.end_char] == turn.text


def test_sbv_youtube_captions(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "captions.sbv",
        (
            "0:00:01.200,0:00:03.052\nLeo Grant: Hi Jess, what's your role?\n\n"
            "0:00:03.662,0:00:07.773\nJess Whitaker: I'm the marketing ops manager at Loamwell.\n\n"
            "0:00:07.800,0:00:09.000\nI own HubSpot.\n"
        ),
    )
    assert interview.format == "sbv"
    assert [(t.speaker, t.text, t.start, t.end) for t in interview.turns] == [
        ("Leo Grant", "Hi Jess, what's your role?", 1.2, 3.052),
        ("Jess Whitaker", "I'm the marketing ops manager at Loamwell.", 3.662, 7.773),
        ("Jess Whitaker", "I own HubSpot.", 7.8, 9.0),
    ]


def test_csv_transcript_a_row_per_turn(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "call.csv",
        (
            "Start Time;Speaker Name;Text\n"
            "00:00:00;Ben Adler;Could you start with your role?\n"
            '00:00:05;Sofia Lindqvist;"Of course. I\'m the facilities manager; we look after ""fourteen"" buildings."\n'
            "12.5;Ben Adler;How do tenants report problems?\n"
        ),
    )
    assert interview.format == "csv"
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Ben Adler", "Could you start with your role?", 0.0),
        ("Sofia Lindqvist", 'Of course. I\'m the facilities manager; we look after ""fourteen"" buildings.', 5.0),
        ("Ben Adler", "How do tenants report problems?", 12.5),
    ]
    assert_offsets(interview)


def test_csv_times_as_video_timecodes_and_in_milliseconds(tmp_path: Path) -> None:
    simonsays = (
        "Timecode In,Timecode Out,Speaker,Text\n"
        '00:00:00:10,00:00:04:03,Alex Kim,"Hi Tomasz. What\'s your job?"\n'
        '00:00:04:20,00:00:12:21,Tomasz Wieczorek,"I\'m the warehouse operations manager."\n'
    )
    interview = read(tmp_path, "simonsays.csv", simonsays)
    assert [(t.start, t.end) for t in interview.turns] == [(0.0, 4.0), (4.0, 12.0)]  # frames dropped
    millis = "start_ms,end_ms,speaker,text\n400,3900,Alex Kim,What's your job?\n4200,9000,Tomasz,I run the warehouse.\n"
    assert [(t.start, t.end) for t in read(tmp_path, "ms.csv", millis).turns] == [(0.4, 3.9), (4.2, 9.0)]


def test_a_csv_without_speaker_and_text_columns_is_no_transcript(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="without a speaker column and a text column"):
        read(tmp_path, "survey.csv", "respondent_id,q1_role,q2_satisfaction\n1,CFO,4\n2,Controller,5\n")


def test_a_saved_web_page_is_read_as_its_visible_text(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "call.html",
        (
            "<!DOCTYPE html><html><head><title>Transcript</title><style>p {color: red}</style></head><body>"
            "<script>var speaker = 'Nobody: hidden';</script><div class='segment'><span class='speaker'>Maya Chen"
            "</span> <span class='time'>00:00</span><p>Could you tell me about your role?</p></div>"
            "<div class='segment'><span class='speaker'>Rafael Ortega</span> <span class='time'>00:07</span>"
            "<p>I&#39;m the procurement director at Halvorsen Foods &amp; Co.</p></div></body></html>"
        ),
    )
    assert interview.format == "html"
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Maya Chen", "Could you tell me about your role?", 0.0),
        ("Rafael Ortega", "I'm the procurement director at Halvorsen Foods & Co.", 7.0),
    ]
    assert "hidden" not in interview.text and "color" not in interview.text


def test_gong_markdown_with_bold_timed_speaker_lines(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "call.md",
        (
            "# Kinetic Labs | Evaluation kickoff\n\n**System:** Zoom | **Type:** External\n\n---\n\n## Transcript\n\n"
            "**[00:02] Rita Okonkwo (Client):**\nI'm the VP of customer support at Kinetic Labs.\n\n"
            "**[01:31] Jamie Ford:**\nHow are you measuring answer quality today?\n\n"
            "**[01:36] Rita Okonkwo (Client):**\nWe're not, really.\n"
        ),
    )
    assert [(t.speaker, t.text, t.start) for t in interview.turns] == [
        ("Rita Okonkwo", "I'm the VP of customer support at Kinetic Labs.", 2.0),
        ("Jamie Ford", "How are you measuring answer quality today?", 91.0),
        ("Rita Okonkwo", "We're not, really.", 96.0),
    ]


def test_srt_mostly_malformed_timings_are_no_captions(tmp_path: Path) -> None:
    broken = SRT.replace("00:00:04,000 -->", "00:00:04,000 ->").replace("00:00:08,500 -->", "00:00:08,500 ->")
    err = error(tmp_path, "badsrt.srt", broken)
    assert (err.path, err.line) == ("badsrt.srt", 6)
    assert "malformed cue timing" in err.message and "00:00:01,000 --> 00:00:04,000" in err.fix


# --- Word and JSON --------------------------------------------------------------------------------------


def test_docx(tmp_path: Path) -> None:
    data = make_docx(
        [
            "Brightwell interview",
            "Sam Rivera: Hi Marcus.",
            "Marcus Bell: I'm VP Finance.",
            "Month-end is a slog.",
            "Sam Rivera: Why?",
        ]
    )
    interview = read(tmp_path, "w.docx", data)
    assert interview.format == "docx"
    assert interview.text.split("\n")[1] == "Sam Rivera: Hi Marcus."
    assert speakers_and_texts(interview) == [
        ("Sam Rivera", "Hi Marcus."),
        ("Marcus Bell", "I'm VP Finance.\nMonth-end is a slog."),
        ("Sam Rivera", "Why?"),
    ]
    assert interview.sha256 == hashlib.sha256(data).hexdigest()


def test_a_docx_is_read_as_it_now_reads_with_tracked_changes_and_content_controls(tmp_path: Path) -> None:
    """Words typed with Track Changes on, in a content control (inline or around whole paragraphs), a smart tag or a
    moved passage's new place are the transcript's words; deleted words, a moved passage's old place and a text
    box's own paragraphs are not. python-docx's ``Paragraph.text`` dropped the first kind: "We underpaid about
    ninety carers" read "We underpaid about carers"."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def run(text: str, tag: str = "w:t") -> str:
        return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'

    def paragraph(*inner: str) -> str:
        return f"<w:p {nsdecls('w')}>{''.join(inner)}</w:p>"

    change = 'w:id="{}" w:author="Ed" w:date="2026-11-30T10:00:00Z"'
    document = docx.Document()
    body = document.element.body
    lines = [
        paragraph(run("Ana Lima: So what went wrong?")),
        paragraph(run("Tom Reid: We underpaid about "), f"<w:ins {change.format(1)}>{run('ninety ')}</w:ins>",
                  f"<w:del {change.format(2)}>{run('nine', 'w:delText')}</w:del>", run("carers in October.")),
        paragraph(run("We export the rota to a "), f"<w:sdt><w:sdtContent>{run('CSV')}</w:sdtContent></w:sdt>",
                  run(" every "), f"<w:smartTag w:uri='u' w:element='date'>{run('Friday')}</w:smartTag>", run(".")),
        paragraph(f"<w:moveFrom {change.format(3)}>{run('Twice a week. ')}</w:moveFrom>", run("It takes hours."),
                  f"<w:moveTo {change.format(4)}>{run(' Twice a week.')}</w:moveTo>"),
        f"<w:sdt {nsdecls('w')}><w:sdtContent>{paragraph(run('Ana Lima: Does your team check it?'))}"
        "</w:sdtContent></w:sdt>",
        paragraph(run("Tom Reid: "), f"<w:ins {change.format(5)}>{run('Nobody checks it.')}</w:ins>"),
    ]  # fmt: skip
    for xml in lines:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Tom Reid"
    cell = table.rows[0].cells[1]._tc
    cell.remove(cell.p_lst[0])
    cell.append(parse_xml(paragraph(run("We "), f"<w:ins {change.format(6)}>{run('really ')}</w:ins>",
                                    run("need shift swaps in the app."))))  # fmt: skip
    box = "<w:drawing><w:txbxContent><w:p><w:r><w:t>Draft, do not share</w:t></w:r></w:p></w:txbxContent></w:drawing>"
    body.insert(len(body) - 1, parse_xml(paragraph(run("Ana Lima: Thanks, Tom."), f"<w:r>{box}</w:r>")))
    data = io.BytesIO()
    document.save(data)
    interview = read(tmp_path, "tracked.docx", data.getvalue())
    assert speakers_and_texts(interview) == [
        ("Ana Lima", "So what went wrong?"),
        ("Tom Reid", "We underpaid about ninety carers in October.\nWe export the rota to a CSV every Friday.\n"
                     "It takes hours. Twice a week."),
        ("Ana Lima", "Does your team check it?"),
        ("Tom Reid", "Nobody checks it."),
        ("Tom Reid", "We really need shift swaps in the app."),  # the table's row: a turn of its own
        ("Ana Lima", "Thanks, Tom."),
    ]  # fmt: skip
    assert "nine " not in interview.text and "Draft" not in interview.text


def test_corrupt_docx(tmp_path: Path) -> None:
    err = error(tmp_path, "broken.docx", b"PK\x03\x04 this is not really a zip")
    assert (err.path, err.message) == (
        "broken.docx",
        "not a valid .docx file: the archive is damaged or cut off (copied or downloaded only in part?)",
    )


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document named .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Word .doc (Office 97-2003) or a password-protected"),
        (b"Sam Rivera: Hi Priya.\nPriya Raman: Hi, I run finance.\n", "text, or another format, named .docx"),
    ],
)
def test_a_file_named_docx_that_is_something_else_is_named_as_what_it_is(tmp_path: Path, data: bytes, said: str):
    """A PDF renamed .docx and a .docx cut off in copying read the same "not a valid .docx file": one needs exporting
    again, the other copying again."""
    assert error(tmp_path, "call.docx", data).message.startswith(f"not a valid .docx file: {said}")


def transcript_json(**overrides: object) -> str:
    document: dict[str, object] = {
        "schema": "voiceofbuyer.transcript/1",
        "source": "recordings/tom.m4a",
        "language": "en",
        "metadata": {"interviewee": "Tom Iverson", "title": "Security Engineer", "employees": 2400},
        "turns": [
            {"speaker": "Sam Rivera", "start": 0.0, "end": 2.5, "text": "Hi Tom, thanks."},
            {
                "speaker": "Tom Iverson",
                "start": 2.5,
                "end": 6.0,
                "text": "  Sure, SOC 2 matters. ",
                "words": [
                    {"word": " Sure,", "start": 2.5, "end": 2.9},
                    {"word": "SOC", "start": 3.0, "end": 3.2},
                    {"word": "zebra", "start": 3.2, "end": 3.3},  # not in the text: dropped
                    {"word": "2", "start": 3.3, "end": 3.4},
                    {"word": "MATTERS.", "start": 3.5, "end": 4.0},
                ],
            },
        ],
    }
    document.update(overrides)
    return json.dumps(document, indent=2)


def test_json_turns_and_words(tmp_path: Path) -> None:
    interview = read(tmp_path, "sec.json", transcript_json())
    assert interview.format == "json"
    assert interview.text == "Hi Tom, thanks.\n  Sure, SOC 2 matters. "
    assert [(t.speaker, t.text, t.start, t.end, t.line) for t in interview.turns] == [
        ("Sam Rivera", "Hi Tom, thanks.", 0.0, 2.5, 1),
        ("Tom Iverson", "Sure, SOC 2 matters.", 2.5, 6.0, 2),
    ]
    words = interview.turns[1].words
    assert [interview.text[w.start_char : w.end_char] for w in words] == ["Sure", "SOC", "2", "matters"]
    assert [w.start for w in words] == [2.5, 3.0, 3.3, 3.5]
    assert interview.media == "recordings/tom.m4a"
    assert (interview.meta.interviewee, interview.meta.employees) == ("Tom Iverson", "2400")


def test_a_transcribers_doubt_about_who_spoke_carries_into_the_sides_and_the_quotes(tmp_path: Path) -> None:
    """A transcript made of a recording whose voices could not be told apart (``speakers.confidence`` 0.0) names
    an Interviewer and a Buyer, but its labels are no surer than its voices: the sides are uncertain, and so
    every statement the buyer makes is flagged. A sure transcript keeps its labels' certainty."""
    from voiceofbuyer.ingest.sides import CONFIDENT, identify_sides

    turns = [
        {"speaker": "Interviewer", "start": 0.0, "end": 2.0, "text": "What made you start looking?"},
        {"speaker": "Buyer", "start": 2.0, "end": 6.0, "text": "Our invoices kept getting lost in email."},
    ]
    unsure = read(tmp_path, "unsure.json", transcript_json(turns=turns, speakers={"confidence": 0.0}))
    sure = read(tmp_path, "sure.json", transcript_json(turns=turns, speakers={"confidence": 0.97}))
    plain = read(tmp_path, "plain.json", transcript_json(turns=turns))
    assert (unsure.speaker_confidence, sure.speaker_confidence, plain.speaker_confidence) == (0.0, 0.97, None)
    assert identify_sides(unsure).confidence == 0.0 < CONFIDENT and identify_sides(unsure).buyers == ("Buyer",)
    assert identify_sides(sure).confidence == 0.97 and identify_sides(plain).confidence == 1.0
    for bad in ("high", 1.5, True):
        wrong = error(tmp_path, "bad.json", transcript_json(turns=turns, speakers={"confidence": bad}))
        assert "'speakers.confidence'" in wrong.message and "0 to 1" in wrong.message


def test_json_errors(tmp_path: Path) -> None:
    invalid = error(tmp_path, "a.json", '{\n  "schema": "voiceofbuyer.transcript/1",\n  "turns": [,]\n}\n')
    assert (invalid.path, invalid.line) == ("a.json", 3) and invalid.message.startswith("invalid JSON")
    unknown = error(tmp_path, "b.json", json.dumps({"schema": "whisper", "lines": ["hi"]}))
    assert "'schema'" in unknown.message
    shapeless = error(tmp_path, "b2.json", json.dumps({"lines": ["hi"]}))
    assert shapeless.message.startswith("not a transcript") and "AssemblyAI" in shapeless.fix
    nan = [{"speaker": "A", "start": float("nan"), "text": "hi"}]
    not_a_time = error(tmp_path, "b3.json", transcript_json(turns=nan))
    assert "NaN" in not_a_time.message
    negative = error(tmp_path, "b4.json", transcript_json(turns=[{"speaker": "A", "start": -5, "text": "hi"}]))
    assert "between 0" in negative.message
    deep = error(tmp_path, "b5.json", '{"a": ' + "[" * 100_000 + '"hi"' + "]" * 100_000 + "}")
    assert "nested" in deep.message
    missing = error(tmp_path, "c.json", json.dumps({"schema": "voiceofbuyer.transcript/1"}))
    assert "'turns' is missing" in missing.message
    text_start = [{"speaker": "A", "start": "0", "text": "hi"}]
    wrong_type = error(tmp_path, "d.json", transcript_json(turns=text_start))
    assert "'turns[0].start'" in wrong_type.message
    no_speaker = error(tmp_path, "e.json", transcript_json(turns=[{"text": "hi"}]))
    assert "'turns[0].speaker'" in no_speaker.message
    bad_word = error(
        tmp_path,
        "f.json",
        transcript_json(turns=[{"speaker": "A", "text": "hi", "words": [{"word": "hi", "start": 0}]}]),
    )
    assert "'turns[0].words[0].end'" in bad_word.message


# --- encodings and bad files ----------------------------------------------------------------------------

NAMED = "Zoë Müller: Grüß Gott, ich heiße Zoë.\r\nAlex Kim: Willkommen.\r\n"


@pytest.mark.parametrize(
    "data",
    [
        NAMED.encode("utf-8"),
        b"\xef\xbb\xbf" + NAMED.encode("utf-8"),
        NAMED.encode("utf-16"),  # with BOM
        b"\xfe\xff" + NAMED.encode("utf-16-be"),
        NAMED.encode("utf-16-le"),  # no BOM
        NAMED.encode("cp1252"),
        NAMED.encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "cp1252", "latin1"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    interview = read(tmp_path, "enc.txt", data)
    assert interview.text == NAMED.replace("\r\n", "\n")
    assert interview.turns[0].speaker == "Zoë Müller"
    assert interview.turns[0].text == "Grüß Gott, ich heiße Zoë."


@pytest.mark.parametrize("encoded", [NAMED.encode("utf-16"), b"\xfe\xff" + NAMED.encode("utf-16-be")], ids=["le", "be"])
def test_utf16_cut_off_mid_character_says_so(tmp_path: Path, encoded: bytes) -> None:
    """A UTF-16 file missing its last byte is read without the half character (the batch warns, see
    test_bad_inputs); one cut after the first half of an emoji, which no byte dropped mends, was "not a text file
    (the bytes look binary)" and now says what happened."""
    assert [t.speaker for t in read(tmp_path, "cut.txt", encoded[:-1]).turns] == ["Zoë Müller", "Alex Kim"]
    emoji = "Ana: Great 🙂".encode("utf-16-le" if encoded.startswith(b"\xff\xfe") else "utf-16-be")
    err = error(tmp_path, "emoji.txt", encoded[:2] + emoji[:-2])
    assert "the file is cut off in the middle of a character" in err.message


def test_cp1252_punctuation_and_lone_cr(tmp_path: Path) -> None:
    interview = read(tmp_path, "mac.txt", "Sam: It’s “fine” — really.\rDana: OK\r".encode("cp1252"))
    assert interview.text == "Sam: It’s “fine” — really.\nDana: OK\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty transcript"),
        ("blank.txt", b"  \n\t\r\n  ", "empty transcript"),
        ("blank.vtt", "\ufeff\n".encode(), "empty transcript"),
        ("blank.json", b"", "empty transcript"),
        ("junk.txt", bytes(range(256)) * 8, "not a text file (the bytes look binary)"),
        ("random.txt", random.Random(7).randbytes(4096), "not a text file (the bytes look binary)"),
        ("nuls.txt", b"Sam: hi" + b"\x00" * 12 + b" there", "not a text file (the bytes look binary)"),
        ("zip.txt", make_docx(["Sam: hi"]), "not a text file (the bytes look binary)"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    err = error(tmp_path, name, content)
    assert (err.path, err.message) == (name, message)
    assert str(err).startswith(f"{name}: {message} (fix: ")


# --- metadata and batches -------------------------------------------------------------------------------

MANIFEST = (
    "file,interviewee,title,role,company,industry,employees,revenue,region,date,interviewer\n"
    "a.txt,Manifest Name,Manifest Title,,Northwind Freight,Logistics,850,$210M,North America,2026-09-02,Sam\n"
    "sub/c.txt,Carol,Controller,,Vantage Media,Media,250,$45M,North America,2026-10-09,Alex\n"
)


def test_metadata_precedence(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: Front Matter Title\n---\nSam: Hi.\nDana: Hello.\n")
    write(tmp_path, "a.yaml", "interviewee: Sidecar Name\ntitle: Sidecar Title\nemployees: 900\n")
    write(tmp_path, "interviews.csv", "\ufeff" + MANIFEST.replace("a.txt", "a.md"))
    batch = read_batch(tmp_path)
    assert batch.problems[0].path == "interviews.csv"  # sub/c.txt is not there: a warning only
    assert not batch.problems[0].skipped and "sub/c.txt" in batch.problems[0].message
    meta = batch.interviews[0].meta
    assert (meta.interviewee, meta.title, meta.employees, meta.company, meta.date) == (
        "Sidecar Name",
        "Front Matter Title",
        "900",
        "Northwind Freight",
        "2026-09-02",
    )


def test_nested_folders_and_manifest_paths(tmp_path: Path) -> None:
    write(tmp_path, "interviews.csv", MANIFEST.replace(",", ";"))
    write(tmp_path, "sub/c.txt", "Alex: Hi.\nCarol: Hello.\n")
    write(tmp_path, "a.txt", "Sam: Hi.\nDana: Hello.\n")
    batch = read_batch(tmp_path)
    assert batch.problems == []
    assert [(i.id, i.source, i.meta.interviewee) for i in batch.interviews] == [
        ("a", "a.txt", "Manifest Name"),
        ("sub/c", "sub/c.txt", "Carol"),
    ]


def test_broken_manifest_and_sidecar(tmp_path: Path) -> None:
    write(tmp_path, "interviews.csv", "file,title\na.txt,CFO\na.txt,CEO\nc.txt,COO,extra,values\n")
    write(tmp_path, "a.txt", "Sam: Hi.\nDana: Hello.\n")
    write(tmp_path, "b.txt", "Sam: Hi.\nDana: Hello.\n")
    write(tmp_path, "b.yml", "- just\n- a list\n")
    write(tmp_path, "c.txt", "Sam: Hi.\nDana: Hello.\n")
    batch = read_batch(tmp_path)
    assert [i.id for i in batch.interviews] == ["a", "c"]
    assert batch.interviews[0].meta.title == "CFO", "one bad row never drops the others"
    twice, long_row, sidecar = batch.problems
    assert twice.path == "interviews.csv" and not twice.skipped
    assert twice.message.startswith("interviews.csv:3: a.txt is listed twice")
    assert long_row.message.startswith("interviews.csv:4: row has 4 values") and "left out" in long_row.message
    assert sidecar.path == "b.txt" and sidecar.skipped and sidecar.message.startswith("b.yml:1: ")


def test_manifest_without_file_column(tmp_path: Path) -> None:
    write(tmp_path, "interviews.csv", "name,title\na.txt,CFO\n")
    write(tmp_path, "a.txt", "Sam: Hi.\nDana: Hello.\n")
    batch = read_batch(tmp_path)
    assert len(batch.interviews) == 1
    assert batch.problems[0].message.startswith("interviews.csv:1: no 'file' column")


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", "Sam: Hi.\nDana: Hello.\n")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "junk.txt", bytes(range(256)) * 4)
    write(tmp_path, "slides.pdf", b"%PDF-1.4")
    write(tmp_path, "slides.key", b"PK\x03\x04")
    write(tmp_path, "badvtt.vtt", "00:00:01.000 --> 00:00:02.000\nSam: hi\n")
    write(tmp_path, "badsrt.srt", "1\n00:00:01,000 --> 2 seconds later\nSam: hi\n")
    write(tmp_path, "badjson.json", "{\n\n  oops\n}")
    write(tmp_path, "badmd.md", "---\ntitle: [x\n---\nSam: hi\n")
    write(tmp_path, "nolabels.txt", "just some notes\n")
    write(tmp_path, "call.mp4", b"\x00\x00\x00\x18ftypmp42")
    write(tmp_path, "README.md", "# About these interviews\n")
    write(tmp_path, ".DS_Store", b"\x00\x01")
    write(tmp_path, ".hidden/secret.txt", "Sam: hi\n")
    write(tmp_path, "~$good.docx", b"\x00lock")
    write(tmp_path, "orphan.yaml", "title: CFO\n")
    batch = read_batch(tmp_path)
    assert [i.id for i in batch.interviews] == ["good"]
    problems = {problem.path: problem for problem in batch.problems}
    assert sorted(problems) == sorted(
        [
            "badjson.json",
            "badmd.md",
            "badsrt.srt",
            "badvtt.vtt",
            "call.mp4",
            "empty.txt",
            "junk.txt",
            "nolabels.txt",
            "orphan.yaml",
            "slides.key",
            "slides.pdf",
        ]
    )
    assert problems["badjson.json"].message.startswith("badjson.json:3: invalid JSON")
    assert problems["badmd.md"].message.startswith("badmd.md:2: malformed YAML metadata")
    assert problems["badsrt.srt"].message.startswith("badsrt.srt:2: malformed cue timing")
    assert problems["badvtt.vtt"].message.startswith("badvtt.vtt:1: missing 'WEBVTT' header")
    assert problems["empty.txt"].message.startswith("empty.txt: empty transcript (fix: ")
    assert problems["junk.txt"].message.startswith("junk.txt: not a text file")
    assert problems["nolabels.txt"].message.startswith("nolabels.txt: no speaker labels found")
    assert problems["slides.pdf"].message.startswith("slides.pdf: not a readable PDF (")
    assert problems["slides.key"].message.startswith("slides.key: unknown format .key; supported: .txt, .md")
    assert problems["call.mp4"].message.startswith("call.mp4: recording not transcribed")
    assert "(fix: " in problems["call.mp4"].message
    assert not problems["orphan.yaml"].skipped
    assert all(problem.skipped for path, problem in problems.items() if path != "orphan.yaml")
    assert all("\n" not in problem.message for problem in batch.problems)
    assert read_batch(tmp_path) == batch
    # Read on a pool of processes: each file's interview or error comes back whole, in the same order.
    pooled = LocalEngine(workers=2)
    pooled.POOL_FROM = 2
    try:
        assert read_batch(tmp_path, read_all=pooled.read) == batch
        assert len(multiprocessing.active_children()) == 2, "read by the pool's two processes"
    finally:
        pooled.close()


def test_an_input_error_pickles_whole() -> None:
    for error in (
        InputError("a.vtt", "malformed cue timing", fix="export again", line=3),
        NotAnInterview("chat.txt", "a chat log", fix="x"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and copy.line == error.line


def test_recording_next_to_transcript_is_its_media(tmp_path: Path) -> None:
    write(tmp_path, "call.txt", "Sam: Hi.\nDana: Hello.\n")
    write(tmp_path, "call.M4A", b"\x00audio")
    write(tmp_path, "call.YML", "title: CFO\n")
    batch = read_batch(tmp_path)
    assert batch.problems == []
    assert (batch.interviews[0].media, batch.interviews[0].meta.title) == ("call.M4A", "CFO")


def test_recordings_are_read_from_their_transcripts_and_a_corrected_one_wins(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    for name in ("a.mp3", "b.mp3", "c.mp3", "c.wav", "failed.m4a"):
        write(folder, name, b"\x00audio")
    write(folder, "a.yaml", "title: CFO\n")
    # Corrected by hand and put beside its recording: its "source" still names where it was made.
    write(folder, "b.json", transcript_json(source="elsewhere/b.mp3"))
    assert recordings_to_transcribe(folder) == ["a.mp3", "c.mp3", "failed.m4a"]
    made = write(tmp_path / "out", "a.json", transcript_json(source="a.mp3", metadata={}))
    batch = read_batch(folder, {"a.mp3": made, "c.mp3": made})
    interviews = {i.id: i for i in batch.interviews}
    assert sorted(interviews) == ["a", "b", "c"]
    assert (interviews["a"].format, interviews["a"].source, interviews["a"].media) == ("audio", "a.mp3", "a.mp3")
    assert interviews["a"].meta.title == "CFO"
    # The path a recording's transcript names is no part of what it says: moved, it is the same interview.
    moved = write(tmp_path / "out2", "a.json", transcript_json(source="moved/a.mp3", metadata={}))
    again = {i.id: i for i in read_batch(folder, {"a.mp3": moved, "c.mp3": made}).interviews}
    assert again["a"].sha256 == interviews["a"].sha256 != hashlib.sha256(made.read_bytes()).hexdigest()
    assert (interviews["b"].format, interviews["b"].media) == ("json", "b.mp3")
    assert [(p.path, p.skipped) for p in batch.problems] == [("c.wav", True)]
    assert "same name as c.mp3" in batch.problems[0].message
    for interview in batch.interviews:
        assert_offsets(interview)


def test_a_recording_beside_captions_without_a_cue_is_transcribed_and_its_bytes_never_read_as_text(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    write(folder, "call.wav", b"RIFF audio" + b"\x00" * 5000)  # silence after the header: no text padded with NULs
    write(folder, "call.vtt", "WEBVTT\n\n")  # saved before anyone spoke
    write(folder, "other.srt", "")
    assert recordings_to_transcribe(folder) == ["call.wav"]
    made = write(tmp_path / "out", "call.json", transcript_json(source="call.wav", metadata={}))
    batch = read_batch(folder, {"call.wav": made})
    assert [(i.source, i.format) for i in batch.interviews] == [("call.wav", "audio")]
    problems = {p.path: p for p in batch.problems}
    assert sorted(problems) == ["call.vtt", "other.srt"]  # no warning of NUL bytes in the recording
    assert "call.wav, the recording of the same name, is transcribed instead" in problems["call.vtt"].message
    assert not problems["call.vtt"].skipped and problems["other.srt"].skipped  # empty captions of no recording


def test_same_name_in_two_formats(tmp_path: Path) -> None:
    write(tmp_path, "call.txt", "Sam: Hi.\nDana: Hello.\n")
    write(tmp_path, "call.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSam: hi\n")
    batch = read_batch(tmp_path)
    assert [i.source for i in batch.interviews] == ["call.txt"]
    assert batch.problems[0].path == "call.vtt" and "same name as call.txt" in batch.problems[0].message


def test_every_format_keeps_the_offset_invariant(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Sam: Hi.\nDana: One\n  two  \n\nthree\n")
    write(tmp_path, "b.md", "---\ntitle: CFO\n---\n**Sam:** Hi.\n**Dana:** Hello.\n")
    write(tmp_path, "c.vtt", TEAMS_VTT)
    write(tmp_path, "d.srt", SRT.replace("\n", "\r\n"))
    write(tmp_path, "d3.csv", 'speaker,start,text\nSam,0,Hi.\nDana,00:00:01,"Hello, ""again""\nand on."\n')
    write(tmp_path, "d4.html", "<p><b>Sam:</b> Hi.</p><p><b>Dana:</b> Hello &amp; welcome.</p>")
    write(tmp_path, "d5.htm", "<div>Sam: Hi.<br>Dana: Hello</div>")
    write(tmp_path, "d6.tsv", "Speaker\tStart\tEnd\tText\nSam\t0.4\t1.2\tHi.\nDana\t1.5\t3.0\tHello again.\n")
    write(tmp_path, "d2.sbv", "0:00:01.000,0:00:02.000\nSam: Hi.\n\n0:00:02.000,0:00:04.000\nDana: Hello\nagain.\n")
    write(tmp_path, "e.docx", make_docx(["Sam: Hi.", "Dana: Hello", "again."]))
    write(tmp_path, "f.json", transcript_json())
    write(tmp_path, "g.pdf", (Path(__file__).parent / "fixtures" / "browser-printed-transcript.pdf").read_bytes())
    batch: Batch = read_batch(tmp_path)
    assert batch.problems == []
    assert sorted(i.source.rsplit(".", 1)[1] for i in batch.interviews) == sorted(
        suffix[1:] for suffix in TRANSCRIPT_SUFFIXES
    )
    for interview in batch.interviews:
        assert interview.turns and "\r" not in interview.text
        assert_offsets(interview)


@pytest.mark.parametrize("stray", ["Interviewer: Sorry, I had to step out, I am back now.",
                                   "Participant: Hello, is this the finance call? Sorry, wrong room."])  # fmt: skip
def test_a_role_label_heard_once_does_not_name_the_sides(tmp_path: Path, stray: str) -> None:
    """One stray "Interviewer:" (a note-taker) or "Participant:" (a wrong room) line in a dialogue of two named
    people: the one who asks every question stays the interviewer, and the stray line is nobody's words."""
    from voiceofbuyer.ingest.sides import identify_sides

    lines = ["Lee Park: Hi Kate, thanks for joining. Tell me about your job?",
             "Kate Ng: I am the controller at Acme, we make industrial valves.",
             "Lee Park: What is painful about invoices today?",
             "Kate Ng: Matching purchase orders by hand takes my team three full days each month.",
             "Lee Park: And what worries you about buying one?",
             "Kate Ng: Per invoice pricing, because we process nine thousand invoices a month.", stray]  # fmt: skip
    sides = identify_sides(read(tmp_path, "call.txt", "\n".join(lines) + "\n"))
    assert (sides.interviewers, sides.buyers) == (("Lee Park",), ("Kate Ng",))
    assert sides.uncertain == (stray.split(":")[0],)
    # Said at length, the same labels still name the sides.
    labelled = "\n".join(
        line.replace("Lee Park:", "Interviewer:").replace("Kate Ng:", "Participant:") for line in lines
    )
    sides = identify_sides(read(tmp_path, "labelled.txt", labelled + "\n"))
    assert (sides.interviewers, sides.buyers, sides.how) == (("Interviewer",), ("Participant",), "labels")


def test_written_notes_keep_the_writers_own_notes_out_of_the_answers(tmp_path: Path) -> None:
    """Interview notes in question-and-answer form: the answers are the interviewee's (named in the front
    matter), never a "Notes:" line, a quoted aside or a next-steps list of the writer's."""
    interview = read(tmp_path, "notes.md", (
        "---\ninterviewee: Kate Ng\ntitle: Controller\n---\n# Interview with Kate Ng\n\n"
        "## What is painful about invoices today?\n\n"
        "- Matching purchase orders by hand takes my team three full days each month.\n\n"
        "## What would make you buy?\n\n"
        "If the auditors flag missing approvals again, I will buy something that week.\n\n"
        "> Interviewer aside: she seemed very frustrated, I think they have budget.\n\n"
        "Notes: I think Kate is a strong champion.\n\n"
        "## Next steps\n\n- Send Kate the pricing sheet.\n"
    ))  # fmt: skip
    answers = [text for speaker, text in speakers_and_texts(interview) if speaker == "Kate Ng"]
    assert answers == [
        "Matching purchase orders by hand takes my team three full days each month.",
        "If the auditors flag missing approvals again, I will buy something that week.",
    ]
    assert {speaker for speaker, _ in speakers_and_texts(interview)} == {"Kate Ng", "Interviewer"}


def test_the_buyers_words_decide_the_language(tmp_path: Path) -> None:
    """English questions answered in Spanish: a Spanish interview (left out unless a Spanish pipeline is named),
    never Spanish words read by the English pipeline."""
    questions = ["Could you tell me a little about your role and your company, and how long you have been there?",
                 "What is the hardest part of paying your suppliers at the end of every month, and why?",
                 "What would make you buy a new tool for this, and what would you need to see first?"]  # fmt: skip
    answers = ["Soy el director financiero de una empresa de logística con trescientos empleados.",
               "Las aprobaciones tardan dos semanas y los proveedores nos llaman enfadados todos los días.",
               "Si perdemos otro descuento por pronto pago, compramos una solución esa misma semana."]  # fmt: skip
    lines = [f"Interviewer: {q}\nCarlos Ruiz: {a}\n" for q, a in zip(questions, answers, strict=True)]
    assert read(tmp_path, "mixed.txt", "".join(lines)).language == "es"
    english = [f"Interviewer: {q}\nCarlos Ruiz: I run finance here and approvals take two weeks.\n" for q in questions]
    assert read(tmp_path, "english.txt", "".join(english)).language == "en"


def test_a_services_milliseconds_are_seconds_without_float_noise() -> None:
    from voiceofbuyer.ingest.json_formats import to_transcript

    document = {"utterances": [{"speaker": "A", "text": "We pay late.", "start": 3699, "end": 4100,
                                "words": [{"text": "We", "start": 3699, "end": 3800}]}]}  # fmt: skip
    turn = to_transcript(document)["turns"][0]
    assert (turn["start"], turn["end"], turn["words"][0]["start"]) == (3.699, 4.1, 3.699)


# --- shapes found by a new user's trial --------------------------------------------------------------------


def test_webex_vtt_names_the_speaker_in_the_cue_identifier(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "webex.vtt",
        'WEBVTT\n\n1 "Sam Ortiz" (3409851904)\n00:00:02.000 --> 00:00:08.000\nCould you tell me about your role?\n\n'
        '2 "Priya Raman" (2193813888)\n00:00:08.000 --> 00:00:19.000\nI run accounts payable at Halvard.\n\n'
        '3 "Priya Raman" (2193813888)\n00:00:19.000 --> 00:00:25.000\nSam Ortiz: is not a label I wrote.\n',
    )
    assert speakers_and_texts(interview)[:2] == [
        ("Sam Ortiz", "Could you tell me about your role?"),
        ("Priya Raman", "I run accounts payable at Halvard."),
    ]
    assert interview.turns[1].start == 8.0


def test_teams_older_transcript_with_unpadded_cue_timings(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "teams.txt",
        "0:0:0.0 --> 0:0:4.840\nOrtiz, Sam\nCould you tell me about your role?\n\n"
        "0:0:5.790 --> 0:0:14.160\nPrice, Hannah\nI'm the finance director at Copperleaf.\n\n"
        "0:0:55.120 --> 0:1:8.410\nPrice, Hannah\nIf the depots have to scan paper, it won't happen.\n",
    )
    assert speakers_and_texts(interview) == [
        ("Ortiz, Sam", "Could you tell me about your role?"),
        ("Price, Hannah", "I'm the finance director at Copperleaf."),
        ("Price, Hannah", "If the depots have to scan paper, it won't happen."),
    ]
    assert interview.turns[2].start == 55.12


def test_a_transcript_copied_from_a_web_player_name_above_time_above_text(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "copied.txt",
        "Sam Ortiz\n0:02\nCould you tell me about your role?\n\nHannah Weiss\n0:08\nI run accounts payable.\n\n"
        "Sam Ortiz\n0:19\nWhat goes wrong?\n\nHannah Weiss\n0:31\nApprovers only read email on Fridays.\n\n"
        "Automatically transcribed by Sonix\n",
    )
    assert speakers_and_texts(interview) == [
        ("Sam Ortiz", "Could you tell me about your role?"),
        ("Hannah Weiss", "I run accounts payable."),
        ("Sam Ortiz", "What goes wrong?"),
        ("Hannah Weiss", "Approvers only read email on Fridays."),
    ]
    assert interview.turns[3].start == 31.0


def test_a_conversation_retold_inside_an_otter_turn_stays_the_speakers_words(tmp_path: Path) -> None:
    interview = read(
        tmp_path,
        "otter.txt",
        "Sam Ortiz  0:00\nWhat happens when an invoice is late?\n\n"
        "Priya Raman  0:18\nThe depot manager rings me. It goes like this.\nMike: Where's the Castrol invoice?\n"
        "Me: It's in your inbox, Mike.\nMike: I never got it.\nAnd then I forward it again.\n\n"
        "Sam Ortiz  0:44\nWhat would make you hesitate?\n\nPriya Raman  0:48\nThe migration scares me.\n",
    )
    assert [speaker for speaker, _ in speakers_and_texts(interview)] == [
        "Sam Ortiz", "Priya Raman", "Sam Ortiz", "Priya Raman"
    ]  # fmt: skip
    assert "Mike: I never got it." in interview.turns[1].text


def test_a_file_name_with_a_line_break_is_refused_in_one_line(tmp_path: Path) -> None:
    """Read under such a name, its pages could not be linked to: the desk answered "no such page" (tester 40)."""
    said = "Sam: What hurts?\nDana: We chase approvals by email every week.\n"
    write(tmp_path, "good.txt", said)
    write(tmp_path, "name with\nbreak.txt", said)
    batch = read_batch(tmp_path)
    [problem] = [p for p in batch.problems if "break" in p.path]
    assert "\n" not in problem.message and "name with\\nbreak.txt" in problem.message
    assert problem.skipped and "line break" in problem.message and "rename the file" in problem.message
    assert [i.id for i in batch.interviews] == ["good"]


def test_a_word_transcript_laid_out_as_a_table_is_read_row_by_row(tmp_path: Path) -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Interview with Hannah Price, Copperleaf")
    table = document.add_table(rows=0, cols=3)
    for row in (("Time", "Speaker", "Text"), ("00:00:02", "Sam Ortiz", "Could you tell me about your role?"),
                ("00:00:08", "Hannah Price", "I'm the finance director at Copperleaf Logistics."),
                ("00:00:15", "Sam Ortiz", "What goes wrong with invoices?"),
                ("00:00:19", "Hannah Price", "Depot managers approve them on paper, a week late.")):  # fmt: skip
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    interview = read(tmp_path, "table.docx", buffer.getvalue())
    assert speakers_and_texts(interview) == [
        ("Sam Ortiz", "Could you tell me about your role?"),
        ("Hannah Price", "I'm the finance director at Copperleaf Logistics."),
        ("Sam Ortiz", "What goes wrong with invoices?"),
        ("Hannah Price", "Depot managers approve them on paper, a week late."),
    ]
    assert interview.turns[3].start == 19.0


def test_a_file_whose_name_cannot_name_its_pages_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    """A name that is not UTF-8 (a zip made on another system) or too long for ``<name>.html`` stops nothing."""
    good = "Interviewer: What slows you down?\nDana: Approvals take a week.\n"
    write(tmp_path, "good.txt", good)
    (tmp_path / "k" / ("k" * 251 + ".txt")).parent.mkdir()
    (tmp_path / "k" / ("k" * 251 + ".txt")).write_text(good)
    with open(bytes(tmp_path) + b"/bad-\xff\xfe.txt", "wb") as stream:
        stream.write(good.encode())
    batch = read_batch(tmp_path)
    assert [i.id for i in batch.interviews] == ["good"]
    messages = sorted(p.message for p in batch.problems)
    assert "not valid UTF-8" in messages[0] and "bad-\\udcff\\udcfe.txt" in messages[0]
    assert "251 bytes long, too long to name its page" in messages[1]
    assert all(p.skipped for p in batch.problems)


def test_a_docx_whose_content_types_part_has_the_wrong_shape_is_not_a_valid_docx(tmp_path: Path) -> None:
    import io
    import zipfile

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", "<broken")
    assert "not a valid .docx file" in str(error(tmp_path, "e.docx", packed.getvalue()))


def test_a_broken_file_leaves_its_name_to_a_readable_one_beside_it(tmp_path: Path) -> None:
    write(tmp_path, "acme.json", '{"broken":\n')
    write(tmp_path, "acme.txt", "Interviewer: What slows you down?\nDana: Approvals take a week.\n")
    batch = read_batch(tmp_path)
    assert [(i.id, i.source) for i in batch.interviews] == [("acme", "acme.txt")]
    assert [p.path for p in batch.problems] == ["acme.json"] and "invalid JSON" in batch.problems[0].message


@pytest.mark.parametrize(
    ("value", "person"),
    [
        ("Jane Doe, Head of Finance at Acme", ("Jane Doe", "Head of Finance", "Acme")),
        ("Owen Garcia, Westbrook Dental Labs", ("Owen Garcia", "", "Westbrook Dental Labs")),  # a company alone
        ("Kate Ng, production manager", ("Kate Ng", "production manager", "")),
        ("Rosa Kim (RK), VP Member Experience, Cascadia", ("Rosa Kim", "VP Member Experience", "Cascadia")),
        ("Jane Doe (CFO, Acme)", ("Jane Doe", "CFO", "Acme")),
    ],
)
def test_a_participant_line_names_the_person_title_and_company(value: str, person: tuple[str, str, str]) -> None:
    from voiceofbuyer.ingest.person_names import parse_person

    assert parse_person(value) == person


def test_a_folder_too_deep_to_list_is_one_skip_line_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "acme.txt", "Sam: What do you do?\nKate: I run finance at Acme, and the close takes us ten days.\n")
    monkeypatch.chdir(tmp_path)
    for _ in range(27):  # past the 4,096 bytes a path may have: made one folder at a time, from inside
        os.mkdir("d" * 155)
        os.chdir("d" * 155)
    batch = read_batch(tmp_path)
    assert [i.id for i in batch.interviews] == ["acme"]
    assert len(batch.problems) == 1 and batch.problems[0].message.endswith(
        "(fix: make it readable, or move it out of the batch folder)"
    )


def test_clock_times_of_a_call_held_over_midnight_keep_running_forward(tmp_path):
    captions = (
        "[Sam Ortiz] 23:59:51\nWhat made you look for a new tool?\n\n"
        "[Kenji Tanaka] 23:59:57\nWe lost two days every month on the close.\n\n"
        "[Sam Ortiz] 00:00:04\nHow did you handle it?\n\n"
        "[Kenji Tanaka] 00:00:09\nSpreadsheets, mostly.\n"
    )
    interview = read(tmp_path, "meeting_saved_closed_caption.txt", captions)
    assert [turn.start for turn in interview.turns] == [86391.0, 86397.0, 86404.0, 86409.0]
    # Cited as the captions stamp them, on a 24-hour clock (was "24:00:09").
    from voiceofbuyer.records import clock

    assert [clock(turn.start) for turn in interview.turns] == ["23:59:51", "23:59:57", "0:00:04", "0:00:09"]
    assert clock(9.0) == "00:09" and clock(3609.0) == "1:00:09"  # within a recording, as before
    # Times that only go back a little (a cue out of order) are not a new day.
    jumbled = captions.replace("00:00:04", "23:59:55").replace("00:00:09", "23:59:58")
    assert [turn.start for turn in read(tmp_path, "b.txt", jumbled).turns] == [86391.0, 86397.0, 86395.0, 86398.0]


def test_an_unlabelled_dash_line_that_goes_on_with_an_open_sentence_is_its_speakers(tmp_path):
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\nSam Ortiz: How do the crews log their hours?\n\n"
        "2\n00:00:04,000 --> 00:00:08,000\nArjun Nair: On paper. A supervisor signs them at the end of the shift,\n\n"
        "3\n00:00:08,000 --> 00:00:11,000\n- Right.\n- sometimes for the whole shift at once.\n\n"
        "4\n00:00:11,000 --> 00:00:13,000\n- Every day?\n- Every single day.\n"
    )
    turns = said(tmp_path, "call.srt", srt)
    assert ("Arjun Nair", "sometimes for the whole shift at once.") in turns
    assert ("Speaker ?", "Right.") in turns  # the acknowledgement: whose, the file does not say
    assert ("Speaker ?", "Every single day.") in turns  # a new sentence after a closed one: not guessed


def test_gong_api_json_reads_one_call_and_refuses_several_in_one_file(tmp_path):
    call = {"callId": "1", "transcript": [
        {"speakerId": "285391", "topic": "Call Setup", "sentences": [
            {"start": 460, "end": 3058, "text": "Could you start with your role?"}]},
        {"speakerId": "643234", "topic": "Pain Points", "sentences": [
            {"start": 7325, "end": 10495, "text": "Sure."},
            {"start": 10495, "end": 13664, "text": "I'm the chief compliance officer at Pagaleve."}]},
    ]}  # fmt: skip
    interview = read(tmp_path, "gong.json", json.dumps({"requestId": "x", "callTranscripts": [call]}))
    assert [(t.speaker, t.text, t.start, t.end) for t in interview.turns] == [
        ("Speaker 285391", "Could you start with your role?", 0.46, 3.058),
        ("Speaker 643234", "Sure. I'm the chief compliance officer at Pagaleve.", 7.325, 13.664),
    ]  # Gong's topic ("Call Setup") is a section name, never speech
    with pytest.raises(InputError, match="2 calls in one file"):
        read(tmp_path, "two.json", json.dumps({"callTranscripts": [call, call]}))


def test_gong_parties_name_the_speakers_and_their_sides(tmp_path):
    """The call's ``parties`` (``/v2/calls/extensive``) say who is the seller's ("Internal") and who the buyer
    ("External"): before, the prospect who asked most questions was taken for the interviewer (tester 38)."""
    call = {"callId": "1", "transcript": [
        {"speakerId": "111", "sentences": [{"start": 0, "end": 2000, "text": "Thanks for joining, Ana."}]},
        {"speakerId": "222", "sentences": [{"start": 2500, "end": 6000, "text": "Sure. Do you store our data?"}]},
        {"speakerId": "333", "sentences": [{"start": 6500, "end": 8000, "text": "Sorry, my camera froze."}]},
    ]}  # fmt: skip
    parties = [
        {"name": "Owen Marsh", "speakerId": "111", "affiliation": "Internal", "title": "Account Executive"},
        {"name": "Ana  Ruiz", "speakerId": "222", "affiliation": "External", "title": "Head of Treasury"},
        {"name": "Dial-in", "speakerId": "333", "affiliation": "Unknown"},
        {"name": "Notetaker", "affiliation": "Internal"},  # never speaks: on no side
    ]
    for name, document in (
        ("top.json", {"callTranscripts": [call], "parties": parties}),
        ("extensive.json", {"callTranscripts": [call], "calls": [{"metaData": {"title": "Call"}, "parties": parties}]}),
    ):
        interview = read(tmp_path, name, json.dumps(document))
        assert [t.speaker for t in interview.turns] == ["Owen Marsh", "Ana Ruiz", "Dial-in"], name
        meta = interview.meta
        # a dial-in of "Unknown" affiliation speaks: the transcript tells its side (tester 42: it was the seller's)
        assert (meta.interviewee, meta.interviewer, meta.title) == ("", "Owen Marsh", "Head of Treasury")
    known = {**call, "transcript": call["transcript"][:2]}  # everyone who speaks has a side
    meta = read(tmp_path, "known.json", json.dumps({"callTranscripts": [known], "parties": parties})).meta
    assert (meta.interviewee, meta.interviewer) == ("Ana Ruiz", "Owen Marsh")
    alone = read(tmp_path, "alone.json", json.dumps({"callTranscripts": [call]}))
    assert alone.meta.interviewee == "" and alone.turns[0].speaker == "Speaker 111"


def test_a_guest_mark_on_a_name_line_is_no_part_of_the_name(tmp_path):
    text = (
        "0:0:0.0 --> 0:0:5.329\nOrtiz, Sam\nThanks for jumping on, Liam. What does your day look like?\n\n"
        "0:0:6.153 --> 0:0:17.729\nLiam Brennan (Guest)\nSure. I'm the dispatch supervisor at Keystone Freight.\n\n"
        "0:0:18.615 --> 0:0:21.289\nOrtiz, Sam\nWhat happens when a driver calls in?\n\n"
        "0:0:22.471 --> 0:0:35.185\nLiam Brennan (Guest)\nWe ring around until someone picks up.\n"
    )
    speakers = {turn.speaker for turn in read(tmp_path, "legacy-teams.txt", text).turns}
    assert speakers == {"Ortiz, Sam", "Liam Brennan"}


def test_a_known_speakers_label_after_a_sentence_end_inside_a_cue_starts_their_turn(tmp_path):
    vtt = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nSam Ortiz: Could you start with your role?\n\n"
        "2\n00:00:05.210 --> 00:00:15.510\nRavi Menon: I'm the CISO at Tessaly Bank. We have a security team of "
        "twelve. Sam Ortiz: Twelve for two thousand, that's lean.\n\n"
        "3\n00:00:16.000 --> 00:00:20.000\nRavi Menon: It is. Our auditor said: Nobody reads the alerts.\n"
    )
    turns = said(tmp_path, "call.vtt", vtt)
    assert ("Sam Ortiz", "Twelve for two thousand, that's lean.") in turns
    assert ("Ravi Menon", "I'm the CISO at Tessaly Bank. We have a security team of twelve.") in turns
    # "Our auditor said: ..." names no speaker of the file: the buyer's words go on.
    assert ("Ravi Menon", "It is. Our auditor said: Nobody reads the alerts.") in turns


def test_an_honorifics_dot_opens_no_other_speakers_label(tmp_path):
    """ "Dr. Helen Ames: ..." on every cue was read as "Dr." said by an unknown speaker, then Helen Ames (tester 11)."""
    vtt = "WEBVTT\n\n" + "".join(
        f"{n}\n00:00:{n:02d}.000 --> 00:00:{n:02d}.900\n{who}: {what}\n\n"
        for n, (who, what) in enumerate(
            [("Dr. Helen Ames", "Okay, I think we're connected now."), ("Kevin Doyle", "Could you tell me your role?"),
             ("Dr. Helen Ames", "I'm the medical director at Riverbend."), ("Dr. Helen Ames", "I still see patients."),
             ("Kevin Doyle", "What slows you down?"), ("Dr. Helen Ames", "Prior authorizations, every day.")],
            start=1,
        )
    )  # fmt: skip
    turns = said(tmp_path, "call.vtt", vtt)
    assert {speaker for speaker, _ in turns} == {"Dr. Helen Ames", "Kevin Doyle"}
    assert ("Dr. Helen Ames", "I'm the medical director at Riverbend.") in turns


@pytest.mark.parametrize(
    ("heading", "name", "title", "company"),
    [
        ("Interview notes – Denise Varga, Transportation Director, Harlow County Schools", "Denise Varga",
         "Transportation Director", "Harlow County Schools"),
        ("# Call with Jane Doe (CFO, Acme)", "Jane Doe", "CFO", "Acme"),
        ("Customer interview: Raj Patel - Head of Procurement at Brill", "Raj Patel", "Head of Procurement", "Brill"),
        ("Interview with Acme Corp", "", "", ""),  # no person with a job
        ("Call with Jane Doe about pricing", "", "", ""),
        ("Interview - Q3 planning, budget review", "", "", ""),
        # a company or a topic, not a person: the job is the interviewee's
        ("Discovery call - Harlow Logistics | Fleet Manager", "", "Fleet Manager", "Harlow Logistics"),
        ("Research interview – Invoice Approvals – Regional Controller", "", "Regional Controller", ""),
    ],
)  # fmt: skip
def test_a_heading_that_names_the_person_interviewed_and_their_job_is_metadata(tmp_path, heading, name, title, company):
    interview = read(tmp_path, "notes.txt", f"{heading}\n\nQ: What goes wrong?\nA: Mid-year changes, every time.\n")
    assert (interview.meta.interviewee, interview.meta.title, interview.meta.company) == (name, title, company)


@pytest.mark.parametrize(
    ("heading", "speaker", "name"),
    [
        ("# Call with Helen Park (CFO, Acme)", "Greg Ames", ""),  # invited, but the controller came
        ("# Call with Tom Becker (Partner, Northgate)", "Tom", ""),  # a call with him: he may have brought the buyer
        ("Customer interview: Raj Patel - Head of Procurement at Brill", "Raj", "Raj Patel"),  # interviewed, and here
    ],
)
def test_a_heading_names_the_person_interviewed_only_when_the_labels_agree(tmp_path, heading, speaker, name):
    """The heading names who was invited, the labels who came."""
    interview = read(tmp_path, "call.txt", f"{heading}\n\nSam Ortiz: What goes wrong?\n"
                     f"{speaker}: The close slips every month.\n")  # fmt: skip
    assert interview.meta.interviewee == name


@pytest.mark.parametrize(
    ("line", "tool"),
    [
        ("Sonix is the world’s most advanced automated transcription, translation, and subtitling platform.", True),
        ("Automatically convert your m4a files to text (txt file).", True),
        ("Sonix has many features that you'd love including automated translation. Sign up for a free account.", True),
        ("Sonix has many features, honestly, but the speaker labels are wrong half the time.", False),
        ("Automatically convert your call recording files to text, tag them by account, push them to CRM.", False),
        ("Teams is the world’s worst place to find the current revision.", False),
        ("Otter is the best tool we have, honestly.", False),
        # a footer naming the tool, or linking to the call, in no one's words (tester 13)
        ("View the full meeting recording and notes at https://app.fireflies.ai/view/Brightwater::01HQ4X", True),
        ("Generated by Sembly AI. sembly.ai", True),
        ("I sent the supplier list to https://portal.acme.com last week.", False),
        ("Generated by our finance team every Monday.", False),
        # a note-taker's credit, and the HTML a Notion export folds its transcript in (tester 54)
        ("Notes and transcript by Krisp AI Meeting Assistant – krisp.ai", True),
        ("The notes and transcript by hand took a day.", False),
        ("</details>", True),
        ("<summary>Transcript</summary>", True),
        ("<b>We</b> paid that supplier twice.", False),
    ],
)  # fmt: skip
def test_a_services_own_advertisement_is_a_tool_line_and_speech_about_a_tool_is_not(line, tool):
    from voiceofbuyer.ingest.tool_lines import is_tool_line

    assert is_tool_line(line) is tool


def test_an_agenda_is_left_out_but_answers_that_end_with_their_minutes_are_read(tmp_path):
    from voiceofbuyer.errors import NotAnInterview

    items = "Maria Chen: current month-end process (15 min)\nSam Ortiz: open questions on the GL (15 min)\n"
    with pytest.raises(NotAnInterview, match="agenda"):
        read(tmp_path, "agenda.txt", "Discovery call agenda\n\n" + items)
    answers = (
        "Sam: What takes longest?\nKwame: The bank rec in Excel (90 min)\nSam: And then?\nKwame: Accruals (30 min)\n"
    )
    assert len(read(tmp_path, "walkthrough.txt", "Close walkthrough\n\n" + answers).turns) == 4


@pytest.mark.parametrize(
    ("label", "metadata"),
    [
        ("Recording link", True),
        ("Meeting date", True),
        ("Action items", True),
        ("Dana's Phone", False),  # a device named after the person who joined from it
        ("Priya’s iPad", False),
        ("Jonas Link", True),  # alone a metadata label: only a speaker line with a time says otherwise
        ("Customer Interview 07", True),  # a document's title (tester 55), not a speaker
        ("Session #3", True),
        ("Speaker 2", False),
    ],
)
def test_a_label_ending_like_metadata_is_metadata_unless_it_is_a_device(label, metadata):
    assert metadata_label(label) is metadata


def test_a_numbered_interview_above_its_header_is_a_title_and_the_header_is_metadata(tmp_path):
    """Tester 55: "Customer Interview 07: Carrow Build Ltd" above "Interviewer: Owen Marsh" and "Participant: ...":
    the title was a speaker, a second buyer, and the header's lines their turns."""
    text = (
        "Customer Interview 07: Carrow Build Ltd\nDate: 14 October 2025\nInterviewer: Owen Marsh\n"
        "Participant: Fiona Gallagher, Finance Director\n\n"
        "Interviewer: Thanks for agreeing to this, Fiona. Could you describe your role?\n"
        "Fiona: I'm the Finance Director at Carrow Build, a regional contractor.\n"
        "Interviewer: How do site teams pay for things today?\n"
        "Fiona: Mostly on three shared fuel cards, and receipts come back weeks later.\n"
    )
    parsed = read(tmp_path, "interview.txt", text)
    assert [turn.speaker for turn in parsed.turns] == ["Interviewer", "Fiona", "Interviewer", "Fiona"]
    assert (parsed.meta.interviewer, parsed.meta.interviewee) == ("Owen Marsh", "Fiona Gallagher")


def test_a_surname_like_metadata_on_a_timed_speaker_line_is_a_speaker():
    vote = SpeakerVote([read_head("Jonas Link (Guest)   0:08"), read_head("Sam Ortiz   0:03")])
    assert vote.is_speaker(read_head("Jonas Link (Guest)   0:08"))
    assert not vote.is_speaker(read_head("Recording link: https://example.com/r/12"))


def test_only_ai_in_capitals_is_a_role_label():
    assert is_role_label("AI") and is_role_label("Speaker 2")
    assert not is_role_label("Ai")  # a given name (Japanese)


def test_what_whisper_writes_over_silence_is_nobodys_under_any_label(tmp_path):
    """WhisperX gives every segment a speaker, its "Thanks for watching!" over the silence at the end too; a buyer's
    sentence that merely contains the words is theirs."""
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\n[SPEAKER_00]: What made you start looking?\n\n"
        "2\n00:00:04,500 --> 00:00:09,000\n[SPEAKER_01]: Thanks for watching the demo with me, it made the case.\n\n"
        "3\n00:00:09,500 --> 00:00:11,000\n[SPEAKER_01]: Thank you, take care.\n\n"
        "4\n00:00:11,500 --> 00:00:12,500\n[SPEAKER_01]: Thanks for watching!\n\n"
        "5\n00:00:13,000 --> 00:00:14,000\n[SPEAKER_00]: Please subscribe to my channel.\n\n"
        "6\n00:00:14,500 --> 00:00:16,000\n[SPEAKER_01]: Thanks for watching, see you in the next video.\n\n"
        "7\n00:00:16,500 --> 00:00:18,000\n[SPEAKER_01]: We'd rather cancel the perpetual licences\n\n"
        "8\n00:00:18,000 --> 00:00:19,000\n[SPEAKER_01]: and subscribe.\n"
    )
    assert said(tmp_path, "call.srt", srt) == [
        ("SPEAKER_00", "What made you start looking?"),
        ("SPEAKER_01", "Thanks for watching the demo with me, it made the case."),
        ("SPEAKER_01", "Thank you, take care."),
        ("SPEAKER_01", "We'd rather cancel the perpetual licences"),
        ("SPEAKER_01", "and subscribe."),  # a sentence cut across cues: the buyer's words
    ]


def test_statements_are_cached_under_the_turns_the_reader_found():
    """A reader that now reads the same bytes into other turns must not be answered from the old reading's cache."""
    from dataclasses import replace

    from voiceofbuyer.config import load_config
    from voiceofbuyer.records import Turn
    from voiceofbuyer.segment import Segmenter

    text = "A: Why now?\nB: The audit.\nB: Thanks for watching!"
    turns = tuple(
        Turn(speaker, text[start:end], start, end, line)
        for speaker, start, end, line in (("A", 3, 11, 1), ("B", 15, 25, 2), ("B", 29, 49, 3))
    )
    interview = Interview("call", "call.txt", "text", "0" * 64, text, turns)
    config = load_config(None)
    segmenter = Segmenter(config.segment, config.models)
    assert segmenter.key(interview) == segmenter.key(replace(interview))
    assert segmenter.key(interview) != segmenter.key(replace(interview, turns=turns[:2]))


def test_direction_marks_hide_no_speaker_label(tmp_path):
    """A right-to-left mark before an Arabic display name (typed on a phone, or pasted) is invisible in the file."""
    vtt = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nSam Ortiz: How are devices tracked today?\n\n"
        "2\n00:00:04.500 --> 00:00:09.000\n\u200fريم الحربي: In a spreadsheet, and it is never current.\n\n"
        "3\n00:00:09.500 --> 00:00:12.000\nريم الحربي\u200f: Nobody owns it.\n"
    )
    assert said(tmp_path, "call.vtt", vtt) == [
        ("Sam Ortiz", "How are devices tracked today?"),
        ("ريم الحربي", "In a spreadsheet, and it is never current."),
        ("ريم الحربي", "Nobody owns it."),
    ]


def test_a_nul_byte_inside_a_label_or_a_word_is_left_out(tmp_path):
    """A NUL a faulty export wrote into a name made a second interviewee, "Sa njay Patel", beside Sanjay Patel."""
    text = (
        "Mia Ross: How do you close the month today?\n"
        "Sa\x00njay Patel: Mostly in spread\x00sheets, and it takes eight days.\n"
        "Mia Ross: What breaks first?\n"
        "Sanjay Patel: The accruals, every single month.\n"
        "Mia Ross: And who chases the missing ones?\n"
        "Sanjay Patel: I do, by e-mail, usually on the last Friday before the board pack goes out.\n"
    )
    assert said(tmp_path, "call.txt", text) == [
        ("Mia Ross", "How do you close the month today?"),
        ("Sanjay Patel", "Mostly in spreadsheets, and it takes eight days."),
        ("Mia Ross", "What breaks first?"),
        ("Sanjay Patel", "The accruals, every single month."),
        ("Mia Ross", "And who chases the missing ones?"),
        ("Sanjay Patel", "I do, by e-mail, usually on the last Friday before the board pack goes out."),
    ]


def test_who_was_asked_for_their_job_and_gave_it_is_the_buyer_however_many_questions_they_ask(tmp_path):
    from voiceofbuyer.ingest.sides import identify_sides

    interview = read(tmp_path, "call.txt", (
        "Alex Kim: Thanks for joining, Nora. Could you start with your role?\n"
        "Nora Lindqvist: I'm the IT manager at Fjord Marine. Who else sees this recording?\n"
        "Alex Kim: Only our research team.\n"
        "Nora Lindqvist: Is this about your device product? Do other customers have ships?\n"
        "Alex Kim: A few do. How do you manage phones today?\n"
        "Nora Lindqvist: The phones on the ships aren't managed at all. Does it work offline?\n"
        "Alex Kim: It caches policies locally.\n"
        "Nora Lindqvist: What's the pricing model, per device or per user?\n"
        "Alex Kim: Per device. Thanks, Nora.\n"
    ))  # fmt: skip
    sides = identify_sides(interview)
    assert (sides.interviewers, sides.buyers) == (("Alex Kim",), ("Nora Lindqvist",))
    # A researcher who told the buyer her own job, then asks about the buyer's work, is the interviewer.
    interview = read(tmp_path, "call2.txt", (
        "Marcus Hale: Before we start, what's your role at Ledgerline? Are you in sales?\n"
        "Dana Cho: No, I'm the lead UX researcher at Ledgerline. How do invoices reach you today?\n"
        "Marcus Hale: By email, mostly. Some still come by post.\n"
        "Dana Cho: Who approves them? How long does that take?\n"
        "Marcus Hale: The plant managers. A week, sometimes three.\n"
        "Dana Cho: What happens when one goes missing?\n"
        "Marcus Hale: We pay late and the supplier puts us on hold.\n"
    ))  # fmt: skip
    sides = identify_sides(interview)
    assert (sides.interviewers, sides.buyers) == (("Dana Cho",), ("Marcus Hale",))


def test_an_interview_typed_without_labels_reads_its_questions_as_the_interviewers(tmp_path):
    """Questions on paragraphs of their own alternating with answers; the heading names who answered."""
    text = (
        "Interview with Karen Liu, Payroll Manager, Ostara Foods\n14 March 2025\n\n"
        "Thanks for doing this, Karen. Can you start by telling me what you look after?\n\n"
        "Sure. I look after payroll for both plants, about nine hundred people.\n\n"
        "What made you start looking at new payroll software?\n\n"
        "We got fined twice last year for filing late with the state.\n\n"
        "What would stop you from switching?\n\n"
        "Timing. I can't switch in the middle of the year.\n"
    )
    interview = read(tmp_path, "karen.txt", text)
    assert [turn.speaker for turn in interview.turns] == ["Interviewer", "Interviewee"] * 3
    assert interview.turns[3].text == "We got fined twice last year for filing late with the state."
    assert (interview.meta.interviewee, interview.meta.title) == ("Karen Liu", "Payroll Manager")
    # Prose with a question or two of its own is still no transcript.
    essay = "Why do invoices stall?\n\nMostly approvals.\n\nWho owns the fix?\n\nNobody, and that is the problem.\n"
    assert "no speaker labels" in error(tmp_path, "essay.txt", essay + "A longer paragraph. " * 3 + "\n").message


def test_numbered_questions_are_asked_by_whoever_read_out_the_first(tmp_path):
    """Typed notes where the interviewer's list is pasted in ("Q3. ...?" after the buyer's answer), or a buyer reads
    her own numbered questions out; above respondents' answers they are nobody's."""
    notes = (
        "Maya: Thanks, Dana. I'll just go down the list.\n"
        "Q1. Could you tell me about your role?\n"
        "Dana: I'm the AP manager at Brightloop.\n"
        "Q2. What made you start looking for a tool?\n"
        "Dana: We overpaid a vendor by twenty-two thousand.\n"
    )
    assert said(tmp_path, "notes.txt", notes) == [
        ("Maya", "Thanks, Dana. I'll just go down the list.\nQ1. Could you tell me about your role?"),
        ("Dana", "I'm the AP manager at Brightloop."),
        ("Maya", "Q2. What made you start looking for a tool?"),
        ("Dana", "We overpaid a vendor by twenty-two thousand."),
    ]
    own = "Sam: Any questions for us?\nDana: Two.\nQ1. Can approvals route by cost centre?\nQ2 - And by amount?\n"
    assert said(tmp_path, "own.txt", own)[1] == ("Dana", own.split("Dana: ")[1].rstrip())


def test_a_prompt_said_as_an_imperative_is_the_interviewers_in_notes_typed_without_labels(tmp_path):
    text = (
        "Interview with Karen Liu, Payroll Manager, Ostara Foods\n\n"
        "What do you look after?\n\nPayroll for both plants.\n\n"
        "Walk me through what happened last March.\n\nThe timekeeping export broke and we filed late.\n\n"
        "Tell me more about the fines.\n\nTwo fines, both from the state.\n\n"
        "What would stop you from switching?\n\nTiming, it has to be January.\n"
    )
    turns = said(tmp_path, "karen.txt", text)
    assert [speaker for speaker, _ in turns] == ["Interviewer", "Interviewee"] * 4
    assert turns[3] == ("Interviewee", "The timekeeping export broke and we filed late.")


def test_a_utf8_file_with_a_stray_byte_stays_utf8_and_says_where(tmp_path):
    """One damaged byte in a UTF-8 file: the file is not read as cp1252 ("don’t" as "donâ€™t"); the byte is
    replaced and named in a warning (tester M)."""
    said = "Interviewer: What breaks?\nDana Whitfield: We don’t trust the totals, honestly.\n".encode()
    at = said.index(b"honestly")
    (tmp_path / "mixed.txt").write_bytes(said[:at] + b"\xff" + said[at:])
    batch = read_batch(tmp_path)
    [interview] = batch.interviews
    assert "don’t trust" in interview.text and "\ufffd" in interview.text and "â€" not in interview.text
    [warning] = batch.problems
    assert (
        not warning.skipped
        and warning.path == "mixed.txt"
        and f"1 byte that is no UTF-8 (the first at byte {at})" in (warning.message)
    )


def test_a_pdf_pages_header_and_footer_are_no_ones_words_and_the_turn_goes_on(tmp_path):
    """Text copied from a PDF export keeps each page's footer and header between two halves of a sentence: the
    halves are the same speaker's turns, the footer nobody's; "on Page 2." said in a sentence is speech."""
    interview = read(tmp_path, "call.txt", (
        "Sam Ortiz (00:00:00):\nWhat went wrong?\n\n"
        "Dana Whitfield (00:00:07):\nWe lost an early\n\n"
        "Call_Whitfield (Completed 03/14/25)          Page 1 of 2\nTranscript by Rev.com\n"
        "\fCall_Whitfield (Completed 03/14/25)\nTranscript by Rev.com\n\n"
        "payment discount worth forty thousand dollars. It was on Page 2.\n\n"
        "Sam Ortiz (00:00:20):\nWhich report?\n"
    ))  # fmt: skip
    said = [(turn.speaker, turn.text) for turn in interview.turns]
    assert said == [
        ("Sam Ortiz", "What went wrong?"),
        ("Dana Whitfield", "We lost an early"),
        ("Dana Whitfield", "payment discount worth forty thousand dollars. It was on Page 2."),
        ("Sam Ortiz", "Which report?"),
    ]
    # a caption line with no full stop is speech, whatever it ends on; "- 2 -" alone is a page number
    captions = read(tmp_path, "captions.txt", "Sam: Where is it?\nDana: In the deck.\nWe moved it to Page 2\n- 2 -\n")
    assert [turn.text for turn in captions.turns] == ["Where is it?", "In the deck.\nWe moved it to Page 2"]


@pytest.mark.parametrize(
    ("line", "speaker", "company"),
    [
        ("Tess Moreau | she/her: Sure.", "Tess Moreau", ""),  # pronouns typed into a Zoom display name
        ("Tess Moreau she/her: Sure.", "Tess Moreau", ""),
        ("Tess Moreau, they/them: Sure.", "Tess Moreau", ""),
        ("[Jamal Reed - he/him] 11:00:05", "Jamal Reed", ""),
        ("Marco Bellini - Plant Manager - Ferro Meccanica: Sure.", "Marco Bellini", "Ferro Meccanica"),
        ("Priya Nair | CFO @ Kestrel Logistics: Cash visibility.", "Priya Nair", "Kestrel Logistics"),
        ("Sam Ortiz / Ledgerly: Hi.", "Sam Ortiz", "Ledgerly"),
    ],
)
def test_a_display_name_with_pronouns_title_and_company_names_its_speaker(line, speaker, company):
    """Each was no label at all: the call was read as one speaker, the interviewer's questions quoted as the buyer's
    (tester W)."""
    from voiceofbuyer.ingest.labels import read_head

    head = read_head(line)
    assert head is not None and (head.speaker, head.qualifier) == (speaker, company)


def test_a_speaker_code_and_its_time_head_a_turn_without_a_colon(tmp_path):
    """GoTranscript's "S2<tab>00:06<tab>Sure. ...": the code and the time were quoted as the buyer's words."""
    text = "S1\t00:01\tCould you start with what you do?\n\nS2\t00:06\tSure. I'm the head of accounts payable.\n"
    interview = read(tmp_path, "call.txt", text * 2)
    assert [(t.speaker, t.text, t.start) for t in interview.turns[:2]] == [
        ("S1", "Could you start with what you do?", 1.0),
        ("S2", "Sure. I'm the head of accounts payable.", 6.0),
    ]


def test_avatar_initials_above_a_speaker_line_are_no_ones_words(tmp_path):
    """A copy of Teams' web transcript pane: "AK" above "Alex Kim   0:17" was the last line of the turn before."""
    text = (
        "AK\nAlex Kim   0:01\nWhat does your week look like?\n"
        "PR\nPriya Raman   0:06\nMostly chasing approvals. OK\n"
        "AK\nAlex Kim   0:17\nWhy do they stall?\n"
        "PR\nPriya Raman   0:21\nNobody owns them.\n"
    )
    turns = said(tmp_path, "copy.txt", text)
    assert ("Priya Raman", "Mostly chasing approvals. OK") in turns
    assert not [text for _, text in turns if text.strip() in ("AK", "PR")]


def test_a_transcript_whose_line_breaks_were_lost_is_read_turn_by_turn(tmp_path):
    """Every turn run together on one line (copied out of a web page, or joined by a tool): each label after a
    sentence's end opens a turn, the buyer is heard, and every turn is an exact span of the file (new-user tester:
    the whole file had been one interviewer's turn, skipped as 'no buyer speaks in it')."""
    answers = [
        "We close the books in nine days and most of that is chasing approvals by email.",
        "Two people spend the first week matching bank lines by hand, every single month.",
        "If it costs more than the renewals we miss, finance won't sign it this year.",
    ] * 12
    parts = []
    for number, answer in enumerate(answers):
        parts.append(f"Interviewer 1: Question {number}, how does that part of the close work for you today?")
        parts.append(f"Interviewee: {answer}")
    text = "  ".join(parts)
    assert "\n" not in text and len(text) > 2_000
    (tmp_path / "flat.txt").write_text(text, "utf-8")
    interview = read_interview(tmp_path / "flat.txt", tmp_path)
    assert [t.speaker for t in interview.turns] == ["Interviewer 1", "Interviewee"] * len(answers)
    assert [t.text for t in interview.turns[1::2]] == answers
    assert all(interview.text[t.start_char : t.end_char] == t.text for t in interview.turns)


def test_a_long_turn_that_quotes_someone_once_stays_whole(tmp_path):
    story = "We went through every invoice that quarter by hand, one supplier after another. " * 30
    text = f"Dana: {story}And then the controller said. Frank: no more overtime. So we stopped.\nSam: Why?\n"
    (tmp_path / "long.txt").write_text(text, "utf-8")
    interview = read_interview(tmp_path / "long.txt", tmp_path)
    assert [t.speaker for t in interview.turns] == ["Dana", "Sam"]


def test_a_research_plans_header_and_an_advisory_boards_member_name_the_interviewee(tmp_path):
    """ "**Interviewer:** Chris Dunn · **Participant:** Marta Kowalczyk, Payroll Lead, Brightway Foods" under a
    research plan's "**Hypotheses**" was read as a turn of "Interviewer", and "Member: Priscilla Owens, VP Member
    Services, Harbor Credit Union" was ignored (tester 11)."""
    plan = read(tmp_path, "plan.md", (
        "# Research plan — Payroll discovery\n\n**Objective:** understand payroll corrections.\n\n**Hypotheses**\n"
        "1. Most corrections come from late timesheets.\n\n**Screener:** payroll lead, 200–2,000 employees.\n\n"
        "**Interviewer:** Chris Dunn · **Participant:** Marta Kowalczyk, Payroll Lead, Brightway Foods · **Date:** "
        "14 May 2024\n\n---\n\n## Transcript\n\n**Chris Dunn:** What does payroll look like?\n\n"
        "**Marta Kowalczyk:** Eight hundred employees, paid weekly.\n\n**Chris Dunn:** Where do corrections come "
        "from?\n\n**Marta Kowalczyk:** Supervisors approving timesheets late.\n"
    ))  # fmt: skip
    assert (plan.meta.interviewee, plan.meta.title, plan.meta.company) == (
        "Marta Kowalczyk", "Payroll Lead", "Brightway Foods")  # fmt: skip
    assert [turn.speaker for turn in plan.turns][:2] == ["Chris Dunn", "Marta Kowalczyk"]
    board = read(tmp_path, "cab.txt", (
        "Customer Advisory Board — 1:1 session\nMember: Priscilla Owens, VP Member Services, Harbor Credit Union\n"
        "Host: Daniel Brooks\n\nDaniel Brooks (00:00):\nWhat's hardest for your team right now?\n\n"
        "Priscilla Owens (00:19):\nCall volume after a rate change.\n"
    ))  # fmt: skip
    assert (board.meta.interviewee, board.meta.title) == ("Priscilla Owens", "VP Member Services")


def test_a_one_word_name_said_once_is_a_speaker_when_marked_as_people_mark_theirs(tmp_path: Path) -> None:
    """ "Jonas (product): Can I jump in ...?" once between two named voices is Jonas speaking (tester 22); "Pros:" once
    inside a turn stays the buyer's words."""
    text = (
        "Amira Haddad: How do you chase late payments today?\n"
        "Teresa Vogel: My team of three sends reminder letters by post, then phones.\n"
        "Jonas (product): Can I jump in with one quick question, what ERP is that?\n"
        "Teresa Vogel: Microsoft Dynamics NAV, the old on-premise version.\n"
        "Amira Haddad: What would put you off?\n"
        "Teresa Vogel: I made a list.\nPros: it's cheap.\n"
    )
    turns = said(tmp_path, "call.txt", text)
    assert turns[2] == ("Jonas", "Can I jump in with one quick question, what ERP is that?")
    assert turns[-1] == ("Teresa Vogel", "I made a list.\nPros: it's cheap.")
