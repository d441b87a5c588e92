"""Captions and CART transcripts where ">>" marks each change of speaker, with names at times or never
(``ingest/chevrons.py``)."""

from __future__ import annotations

from voiceofbuyer.ingest.srt_reader import read_srt
from voiceofbuyer.ingest.text_reader import read_text
from voiceofbuyer.ingest.unlabelled import GUESSED_CONFIDENCE
from voiceofbuyer.ingest.vtt_reader import read_vtt

# A CART provider's rough copy: a header, chevrons alone, a turn over two lines, a captioner's note, a disclaimer
# after a rule.
CART = """ROUGH EDITED COPY

NORTHRIDGE COMMUNITY COLLEGE
CART CAPTIONING PROVIDED BY: CLEARLINE CART SERVICES

>> Okay, I think we're all set. Thank you for meeting with us.

>> Happy to do it.

>> Could you start by telling us your role at the college?

>> Sure. I'm the director of purchasing. We have three campuses.

>> What's the hardest part of that?

>> Bids: anything over fifty thousand dollars goes out for a formal bid.
Last spring a vendor protested an award. We lost four months.

>> That sounds painful.

>> It was. The board asked me to make sure it never happens again.

>> Who makes the final decision?

>> The vice president for administration.

(Session concluded at 2:17 p.m. CT)

* * * * *
This text is based on live transcription and may not be a totally verbatim record of the proceedings.
* * * * *
"""


def _said(turns, speaker: str) -> str:
    return " ".join(turn.text for turn in turns if turn.speaker == speaker)


def test_cart_without_names_alternates_and_the_asking_turns_are_the_interviewers() -> None:
    parsed = read_text(CART.encode(), "cart.txt")
    interviewer, interviewee = _said(parsed.turns, "Interviewer"), _said(parsed.turns, "Interviewee")
    assert "Could you start" in interviewer and "That sounds painful." in interviewer
    assert "Happy to do it." in interviewee and "director of purchasing" in interviewee
    # a turn over two lines is one turn; "Bids:" is said, not a speaker's name
    assert any(turn.text.startswith("Bids: anything") and "We lost four months." in turn.text for turn in parsed.turns)
    assert "vice president for administration." in interviewee
    everything = " ".join(turn.text for turn in parsed.turns)
    for nobodys in ("ROUGH EDITED", "CLEARLINE", "Session concluded", "live transcription", ">>"):
        assert nobodys not in everything
    # the file names no one: a guess, declared
    assert parsed.unlabelled and parsed.speaker_confidence == GUESSED_CONFIDENCE


# Names at each speaker's first turn alone, then chevrons only; one cue changes speaker inside a line.
VTT = """WEBVTT

00:00:00.500 --> 00:00:04.900
>> MARCUS LEE: Angela, thanks for
sitting down with us today.

00:00:04.900 --> 00:00:07.700
>> ANGELA PRICE: Happy to be here.

00:00:07.700 --> 00:00:12.500
>> Can you tell us what you do?

00:00:12.500 --> 00:00:15.700
>> Sure. I'm the director of
customer operations.

00:00:15.700 --> 00:00:19.700
We serve about one point four
million households.

00:00:19.700 --> 00:00:22.900
>> What's the biggest challenge? >> Missed appointments.

00:00:22.900 --> 00:00:26.900
>> Who would sign off on it?

00:00:26.900 --> 00:00:30.900
>> Our chief customer officer.
"""


def test_names_given_once_carry_to_every_other_turn_of_their_voice() -> None:
    parsed = read_vtt(VTT.encode(), "captions.vtt")
    assert {turn.speaker for turn in parsed.turns} == {"MARCUS LEE", "ANGELA PRICE"}
    marcus, angela = _said(parsed.turns, "MARCUS LEE"), _said(parsed.turns, "ANGELA PRICE")
    assert "Can you tell us" in marcus and "biggest challenge?" in marcus and "sign off" in marcus
    assert "director of" in angela and "million households" in angela and "Missed appointments." in angela
    assert "chief customer officer" in angela
    # the names say who speaks: no guess; every turn keeps its cue's time
    assert not parsed.unlabelled
    assert all(turn.start is not None for turn in parsed.turns)


def test_where_a_third_voice_joins_an_unnamed_turn_is_the_voice_before_the_last_flagged() -> None:
    # three voices: a turn without a name could be either of two people; talk goes back and forth
    srt = """1
00:00:01,000 --> 00:00:03,000
>> KEN WATANABE: Rosa, what do you do?

2
00:00:03,000 --> 00:00:05,000
>> ROSA DELGADO: I run the fleet at Greenway.

3
00:00:05,000 --> 00:00:07,000
>> LIN PARK: And what keeps you up at night?

4
00:00:07,000 --> 00:00:09,000
>> Fuel and breakdowns, mostly.

5
00:00:09,000 --> 00:00:11,000
>> ROSA DELGADO: Fuel is our second biggest cost.
"""
    parsed = read_srt(srt.encode(), "captions.srt")
    assert _said(parsed.turns, "ROSA DELGADO") == (
        "I run the fleet at Greenway. Fuel and breakdowns, mostly. Fuel is our second biggest cost."
    )
    assert _said(parsed.turns, "LIN PARK") == "And what keeps you up at night?"
    assert parsed.unlabelled and parsed.speaker_confidence == GUESSED_CONFIDENCE  # a guess: flagged


def test_chevrons_that_name_every_turn_read_as_before() -> None:
    srt = """1
00:00:01,000 --> 00:00:04,000
>> KEN WATANABE: ROSA, THANKS FOR COMING IN.

2
00:00:04,000 --> 00:00:08,000
>> ROSA DELGADO: I'M THE FLEET DIRECTOR AT
GREENWAY WASTE SERVICES.

3
00:00:08,000 --> 00:00:10,000
WE RUN 340 TRUCKS.

4
00:00:10,000 --> 00:00:12,000
>> KEN WATANABE: WHAT KEEPS YOU UP AT NIGHT?

5
00:00:12,000 --> 00:00:14,000
>> ROSA DELGADO: FUEL AND BREAKDOWNS.
"""
    parsed = read_srt(srt.encode(), "captions.srt")
    rosa = _said(parsed.turns, "ROSA DELGADO")
    assert "FLEET DIRECTOR" in rosa and "340 TRUCKS" in rosa and "BREAKDOWNS" in rosa and "THANKS" not in rosa
    assert not parsed.unlabelled


def test_quoted_mail_is_no_change_of_speaker() -> None:
    mail = """Interviewer: What did the vendor send you?
Buyer: Their reply, which I pasted here:
> Thanks for the call.
>> We can offer a pilot.
>> Pricing is per seat.
>> Onboarding takes two weeks.
>> Let us know.
Interviewer: And did you take the pilot?
Buyer: No, the price was too high.
"""
    parsed = read_text(mail.encode(), "notes.txt")
    assert {turn.speaker for turn in parsed.turns} == {"Interviewer", "Buyer"}


def test_a_labelled_transcript_with_a_few_chevron_lines_is_read_by_its_labels() -> None:
    lines = [f"Sam: Question {n}?\nDana: Answer {n}, in full." for n in range(12)]
    text = "\n".join(lines) + "\n>> one\n>> two\n>> three\n>> four\n"
    parsed = read_text(text.encode(), "call.txt")
    assert {turn.speaker for turn in parsed.turns} == {"Sam", "Dana"}


def test_the_heading_names_the_buyer_on_chevron_notes() -> None:
    notes = (
        "Call notes - Petra Novak, Head of Inbound Logistics, Karst Foods\n\n"
        + "\n".join(f">> Question {n} for you?\n>> I answer {n} at length." for n in range(4))
        + "\n"
    )
    parsed = read_text(notes.encode(), "notes.txt")
    assert parsed.meta.interviewee == "Petra Novak" and parsed.meta.title == "Head of Inbound Logistics"


def test_zoom_saved_captions_stamped_by_one_captioner_are_read_by_the_chevrons_inside() -> None:
    """Zoom's saved captions under a CART provider: every entry is stamped with the captioner's name, the speakers
    change at the chevrons inside; the stamps are no one's words and give the entries their times."""
    entries = [
        (">> GRACE LIU: Thanks for joining. Could you tell us about your role?", "09:41:02"),
        (">> ANDRE DUBOIS: Sure. I'm the director of facilities at Lakeshore", "09:41:16"),
        ("Community College, three campuses.", "09:41:23"),
        (">> What's the biggest challenge for you right now?", "09:41:36"),
        (">> Deferred maintenance. We have a backlog of about eighteen million.", "09:41:42"),
        (">> Who makes the decision?", "09:42:01"),
        (">> I make the case and the board approves it.", "09:42:08"),
    ]
    text = "".join(f"[ACS Captioning (CART)] {time}\n{said}\n\n" for said, time in entries)
    parsed = read_text(text.encode(), "meeting_saved_closed_caption.txt")
    buyer = [turn for turn in parsed.turns if turn.speaker == "ANDRE DUBOIS"]
    assert buyer[0].text.endswith("at Lakeshore") and buyer[1].text == "Community College, three campuses."
    assert "ACS Captioning" not in " ".join(turn.text for turn in parsed.turns)
    assert "I make the case" in buyer[-1].text and buyer[-1].start == 9 * 3600 + 42 * 60 + 8
    assert "Who makes the decision?" in _said(parsed.turns, "GRACE LIU")
