"""Transcripts that name no speaker (Whisper's own .txt, .srt and .vtt): read by their questions, flagged as a guess;
captions wrapped to a width, monologues and essays still refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voiceofbuyer.cli import main
from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.json_reader import read_json
from voiceofbuyer.ingest.srt_reader import read_srt
from voiceofbuyer.ingest.text_reader import read_text
from voiceofbuyer.ingest.unlabelled import GUESSED_CONFIDENCE
from voiceofbuyer.ingest.vtt_reader import read_vtt

# One segment a line, as `whisper call.mp3 --output_format txt` writes it: a sentence running over two lines, a
# question cut in two, a thank-you before a question, an acknowledgement on its own line, thanks at the end.
WHISPER_TXT = """Thanks for doing this. Could you start by telling me what you do?
Sure. I'm the credit manager at Hartwell Building Supplies.
We sell timber and plaster to small builders on thirty day terms.
How many accounts are we talking about?
About six thousand trade accounts, and my team picks
the biggest numbers and works down.
Right, that makes sense.
So if you could change one thing, what
would you change first?
Something that tells me who's getting worse, not just who owes the most.
And what would make you hesitant about a tool like that?
If it means my team loses the relationship with builders we've had for thirty years.
Great, thank you so much for your time.
"""


def _said(turns, speaker: str) -> str:
    return " ".join(turn.text for turn in turns if turn.speaker == speaker)


def _whisper_json(segments: list[str]) -> bytes:
    """Whisper's JSON of ``segments``, four seconds apart."""
    spans = [{"id": n, "start": 4.0 * n, "end": 4.0 * n + 3.5, "text": text} for n, text in enumerate(segments)]
    return json.dumps({"text": "".join(segments), "language": "en", "segments": spans}).encode()


def test_questions_are_the_interviewers_and_the_rest_the_interviewees() -> None:
    parsed = read_text(WHISPER_TXT.encode(), "call.txt")
    asked, answered = _said(parsed.turns, "Interviewer"), _said(parsed.turns, "Interviewee")
    for line in ("Thanks for doing this.", "Right, that makes sense.", "would you change first?",
                 "Great, thank you so much for your time.", "How many accounts"):  # fmt: skip
        assert line in asked and line not in answered
    assert "and my team picks the biggest numbers and works down." in answered  # a turn a segment, merged later
    assert answered.startswith("Sure. I'm the credit manager") and "thirty years." in answered
    assert (parsed.unlabelled, parsed.speaker_confidence) == (True, GUESSED_CONFIDENCE)
    assert all(parsed.text[t.start_char : t.end_char] == t.text for t in parsed.turns)


def test_whispers_subtitles_keep_each_segments_times() -> None:
    lines = [line for line in WHISPER_TXT.splitlines() if line]
    cues = (f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 2:02d},000\n{line}\n\n" for n, line in enumerate(lines))
    srt = "".join(cues)
    vtt = "WEBVTT\n\n" + srt.replace(",000", ".000")
    for parsed in (read_srt(srt.encode(), "call.srt"), read_vtt(vtt.encode(), "call.vtt")):
        first_answer = next(turn for turn in parsed.turns if turn.speaker == "Interviewee")
        assert (first_answer.text, first_answer.start, first_answer.end) == (lines[1], 2.0, 4.0)
        assert parsed.unlabelled and "Great, thank you" in _said(parsed.turns, "Interviewer")


@pytest.mark.parametrize(
    "text",
    [
        # Captions wrapped to a width (Vimeo's): a question and its answer in one cue, cues ending mid-sentence.
        "WEBVTT\n\n"
        + "".join(
            f"00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 2:02d}.000\n{line}\n\n"
            for n, line in enumerate(
                [
                    "Thanks for joining. Can you tell me a",
                    "bit about your role? Sure. I'm the",
                    "operations manager at",
                    "Greyfield. What made you start looking",
                    "for a tool? Honestly, overtime. We paid",
                    "a lot. Who else decides? The CFO and",
                    "our IT lead, who checks",
                ]
            )
        ),
        # A monologue in long paragraphs with questions of its own.
        "Why do invoices stall? "
        + "Approvals sit in inboxes for weeks while nobody owns the queue at all. " * 6
        + "\nWho owns the fix? "
        + "Nobody does, and the controller chases every approver by hand each month. " * 6
        + "\nWhat would help? "
        + "A queue that shows who is holding what, with reminders that go out alone. " * 6,
    ],
    ids=["captions-wrapped-to-a-width", "monologue"],
)
def test_where_nothing_tells_the_voices_apart_the_file_is_refused(text: str) -> None:
    reader, name = (read_vtt, "c.vtt") if text.startswith("WEBVTT") else (read_text, "c.txt")
    with pytest.raises(InputError, match="no speaker labels"):
        reader(text.encode(), name)


def test_a_run_flags_every_quote_of_such_a_file_and_says_why(tmp_path: Path, capsys) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "hartwell.txt").write_text(WHISPER_TXT, "utf-8")
    main(["run", str(batch), "--out", str(tmp_path / "out")])
    document = json.loads((tmp_path / "out" / "voiceofbuyer.json").read_text("utf-8"))
    statements = document["statements"]
    assert statements and all(s["speaker_uncertain"] for s in statements)
    assert not any("thank you so much" in s["text"] or "hesitant" in s["text"] for s in statements)
    # a sentence run over two segments is one statement
    assert any(s["text"].endswith("and my team picks the biggest numbers and works down.") for s in statements)
    assert document["interviews"][0]["speakers"]["how"] == "questions"
    assert "hartwell.txt: names no speaker: its questions were taken as the interviewer's" in capsys.readouterr().out


def test_remarks_thanks_and_closes_are_the_interviewers_an_answers_end_before_them_the_buyers() -> None:
    text = (
        "Okay, so it's recording.\n"
        "Thanks for making time for this. Could you start with what you do?\n"
        "I'm the transport manager. We run forty-two of our own vehicles.\n"
        "How do you plan the routes?\n"
        "It takes two people about four hours every evening. Got it. What goes wrong most often?\n"
        "Drivers who won't install an app for us.\n"
        "That's a big number.\n"
        "You mentioned before we started that the depot is moving.\n"
        "Yes, in March, and that's a six-month fight.\n"
        "I'd love to hear how you handle fuel cards.\n"
        "Badly, on paper.\n"
        "Perfect. That's really helpful, thank you. That's everything from me.\n"
        "Great, thank you very much.\n"
    )
    turns = read_text(text.encode(), "call.txt").turns
    answered = _said(turns, "Interviewee")
    assert answered.split(" Drivers")[0] == (
        "I'm the transport manager. We run forty-two of our own vehicles. "
        "It takes two people about four hours every evening."
    )
    for remark in ("recording", "making time", "Got it", "big number", "You mentioned", "fuel cards", "helpful",
                   "everything from me", "very much"):  # fmt: skip
        assert remark not in answered
    assert "that's a six-month fight" in answered and "Badly, on paper." in answered


def test_in_typed_paragraphs_a_remark_without_a_question_is_the_interviewers() -> None:
    text = (
        "Thanks for making time today. Could you start with what you do?\n\nI run service operations.\n\n"
        "How do jobs get scheduled?\n\nOn a whiteboard first.\n\nThat's a big number.\n\n"
        "It is, and every one is a customer who took time off.\n\nYou mentioned the technicians hate the app.\n\n"
        "They hate it.\n\nWhat would the ideal look like?\n\nOne screen to close a job.\n"
    )
    answered = _said(read_text(text.encode(), "notes.txt").turns, "Interviewee")
    assert "big number" not in answered and "You mentioned" not in answered and "They hate it." in answered


def test_whispers_json_tsv_and_whisper_cpps_console_lines_are_read_with_their_times() -> None:
    from voiceofbuyer.ingest.csv_reader import read_csv
    from voiceofbuyer.ingest.json_reader import read_json

    lines = [line for line in WHISPER_TXT.splitlines() if line]
    segments = [{"id": n, "start": 2.0 * n, "end": 2.0 * n + 2, "text": " " + line} for n, line in enumerate(lines)]
    whisper_json = json.dumps({"text": " ".join(lines), "segments": segments, "language": "en"}).encode()
    tsv = "start\tend\ttext\n" + "".join(f"{2000 * n}\t{2000 * n + 2000}\t{line}\n" for n, line in enumerate(lines))
    ranges = (f"[00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 2:02d}.000]   {line}\n" for n, line in enumerate(lines))
    console = "".join(ranges)
    for parsed in (read_json(whisper_json, "call.json"), read_csv(tsv.encode(), "call.tsv"),
                   read_text(console.encode(), "call.txt")):  # fmt: skip
        first_answer = next(turn for turn in parsed.turns if turn.speaker == "Interviewee")
        assert (first_answer.text, first_answer.start, first_answer.end) == (lines[1], 2.0, 4.0)
        assert parsed.unlabelled and parsed.speaker_confidence == GUESSED_CONFIDENCE
        assert all(parsed.text[t.start_char : t.end_char] == t.text for t in parsed.turns)


def test_one_placeholder_on_every_turn_is_a_call_read_by_its_questions() -> None:
    turns = [
        "Hi Dominic, thanks for jumping on. Could you start with what you do?",
        "Sure. I'm the operations manager at Spotless Commercial Cleaning, about three hundred and sixty cleaners.",
        "Oh wow, okay. And how do you know who's turned up to each site?",
        "We often don't. Cleaners are supposed to ring a phone line when they arrive.",
        "That's really interesting. The reason I'm asking is we're building a scheduling product.",
        "Makes sense. Half of them forget or can't get signal in the basement.",
        "What have you tried so far?",
        "A GPS app, and the cleaners hated it.",
    ]
    otter = "".join(f"Speaker 1  0:{10 + 4 * n:02d}\n{said}\n\n" for n, said in enumerate(turns))
    parsed = read_text(otter.encode(), "call.txt")
    answered = _said(parsed.turns, "Interviewee")
    assert parsed.unlabelled and "operations manager" in answered and "GPS app" in answered
    assert "turned up" not in answered and "scheduling product" not in answered and "interesting" not in answered
    assert next(t for t in parsed.turns if t.speaker == "Interviewee").start == 14.0
    # A monologue under one placeholder, asking nothing, is left as it was: one speaker
    alone = "".join(f"Speaker 1  0:{10 + 4 * n:02d}\nWe clean offices, site {n}.\n\n" for n in range(5))
    assert {t.speaker for t in read_text(alone.encode(), "memo.txt").turns} == {"Speaker 1"}


def test_where_one_side_alone_is_labelled_the_other_sides_lines_are_theirs() -> None:
    interviewer_only = (
        "INTERVIEWER: Thanks for making time. Can you tell me about your role?\n\n"
        "I'm the facilities manager for Harlow County Council.\n\n"
        "INTERVIEWER: How do repair requests come in, and who\nlogs them?\n\n"
        "Email, mostly, to a shared inbox.\n\nWe logged about three thousand jobs last year.\n\n"
        "INTERVIEWER: Right, that makes sense.\n"
    )
    turns = read_text(interviewer_only.encode(), "notes.txt").turns
    assert [(t.speaker, t.text) for t in turns][1:4] == [
        ("Interviewee", "I'm the facilities manager for Harlow County Council."),
        ("INTERVIEWER", "How do repair requests come in, and who\nlogs them?"),  # a line right below goes on
        ("Interviewee", "Email, mostly, to a shared inbox.\n\nWe logged about three thousand jobs last year."),
    ]
    buyer_only = (
        "Thanks for joining. Could you start by describing your role?\n"
        "Margaret Oyelaran: Of course. I'm the indirect tax manager at Brightloom.\n"
        "And what does a typical VAT cycle look like for you?\n"
        "Margaret Oyelaran: Six working days.\nAnd I'm the only person who knows how to do it.\n"
        "Right, that makes sense.\nWhat goes wrong most often?\n"
        "Margaret Oyelaran: Rates. Amazon applies its own VAT logic.\n"
    )
    turns = read_text(buyer_only.encode(), "call.txt").turns
    said = _said(turns, "Margaret Oyelaran")
    assert "VAT cycle" not in said and "makes sense" not in said and "goes wrong" not in said
    assert "only person who knows" in said and "Interviewer" in {t.speaker for t in turns}
    # The one name labelled asks: the interviewer, the paragraphs below the answers
    asker = "".join(
        f"Sam Ortiz: {q}\n\n{a}\n\n"
        for q, a in [
            ("How do invoices arrive?", "By email."),
            ("And who approves them?", "Budget holders."),
            ("What would you change?", "Phone approvals."),
        ]
    )
    answered = _said(read_text(asker.encode(), "sam.txt").turns, "Interviewee")
    assert answered == "By email. Budget holders. Phone approvals."
    # One rhetorical question in a buyer's turn is hers
    once = "Dana Lee: We pay late. And who do you think pays for that?\nThe suppliers, every time.\n"
    assert {t.speaker for t in read_text(once.encode(), "x.txt").turns} == {"Dana Lee"}


def test_subtitles_whose_dashes_mark_each_change_of_speaker_are_read_by_their_questions() -> None:
    cues = [
        "So, Gareth, what do you\nlook after at the plant?", "I'm the maintenance manager\nat Clearwater Bottling.",
        "- How many engineers?\n- Fourteen, on four shifts.", "And what's the biggest problem\nright now?",
        "Unplanned downtime. Last year\nwe lost four hundred hours.", "- That must have been tense.\n- It was.",
        "- Who signs it off?\n- The plant director.", "Thanks, Gareth. That's great.",
    ]  # fmt: skip
    timed = (f"{n + 1}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 2:02d},000\n{cue}\n\n" for n, cue in enumerate(cues))
    srt = "".join(timed)
    parsed = read_srt(srt.encode(), "gareth.srt")
    answered = _said(parsed.turns, "Interviewee")
    assert parsed.unlabelled and "Fourteen, on four shifts." in answered and "The plant director." in answered
    for asked in ("engineers", "tense", "signs it off", "Thanks", "-"):
        assert asked not in answered


def test_a_buyer_asking_back_keeps_her_question_and_one_voice_asking_itself_is_refused() -> None:
    text = (
        "Thanks for doing this. Could you start with what you look after?\n"
        "I'm the inbound logistics manager at Norland Home.\n"
        "And how much does detention cost you in a year?\n"
        "About sixty thousand last year. Is that normal for a business our size?\n"
        "It varies a lot. I'd like to move on to how you'd choose a tool.\n"
        "Price matters less than adoption.\n"
        "Say more about that.\n"
        "If the hauliers won't use it, it's dead.\n"
    )
    cues = (f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 2:02d},000\n{line}\n\n" for n, line in
            enumerate(text.splitlines()))  # fmt: skip
    answered = _said(read_srt("".join(cues).encode(), "call.srt").turns, "Interviewee")
    assert "Is that normal for a business our size?" in answered and "Price matters less than adoption." in answered
    assert "varies" not in answered and "move on" not in answered and "Say more" not in answered
    memo = (
        "Hi Maya, here are my answers. Why a shared inbox? Because nobody owns the calls.\n"
        "What would I want instead? One queue with owners. Do I want another portal? No, we have six.\n"
        "Who signs off? The estates director does, above fifty thousand.\n"
    )
    with pytest.raises(InputError, match="no speaker labels"):
        read_text(memo.encode(), "memo.txt")


def test_whisperx_json_with_one_speaker_on_every_segment_and_a_word_document_labelling_the_interviewer_alone() -> None:
    from voiceofbuyer.ingest.json_reader import read_json
    from voiceofbuyer.ingest.text_reader import parse_turns

    lines = [line for line in WHISPER_TXT.splitlines() if line]
    segments = [{"start": 2.0 * n, "end": 2.0 * n + 2, "text": line, "speaker": "SPEAKER_00"} for n, line in
                enumerate(lines)]  # fmt: skip
    parsed = read_json(json.dumps({"segments": segments}).encode(), "call.json")
    assert parsed.unlabelled and "How many accounts" in _said(parsed.turns, "Interviewer")
    # A Word document: a paragraph a line, no blank lines between question and answers
    docx_text = (
        "INTERVIEWER: Can you tell me about your role?\nI'm the director of nursing operations.\n"
        "We run four wards.\nINTERVIEWER: How do you pick suppliers?\nAnd how often?\nBy tender, every three years.\n"
    )
    turns = parse_turns(docx_text, "nursing.docx").turns
    assert (
        _said(turns, "Interviewee")
        == "I'm the director of nursing operations.\nWe run four wards. By tender, every three years."
    )
    assert "And how often?" in _said(turns, "INTERVIEWER")


# Notes sent by e-mail: a mail header, a greeting and a signature before a rule, then questions and answers as
# paragraphs wrapped at 72 columns, no labels.
EMAILED_NOTES = """From: Hannah Cole <hannah.cole@ledgerbridge.io>
Sent: Tuesday, 18 March 2025 16:42
To: Research <research@ledgerbridge.io>
Subject: Interview notes - Kestrel Freight (treasury)

Hi all,

Notes from this morning's call with Kestrel below. I typed them as close
to verbatim as I could, my questions on their own lines.

Hannah

----------

Thanks for making time. Could you start by telling me about your role
and what your team is responsible for?

I'm the treasury manager at Kestrel Freight. It's me and one analyst,
and we look after cash, bank relationships and the thirteen-week
cash forecast for the group.

So when you build the forecast each Monday, where does most of the time
actually go?

Collecting the numbers. I log into seven bank portals across four
countries and download statements one by one.

Half of them reply on Wednesday, so the forecast we give the CFO is
already two days old.

Is there anything that would make you nervous about putting something
like that in place?

Bank connectivity. Two of our banks are small local ones in Poland and
Romania.
"""


def test_notes_wrapped_in_paragraphs_are_read_a_paragraph_at_a_time() -> None:
    parsed = read_text(EMAILED_NOTES.encode(), "Interview notes - Kestrel Freight.txt")
    interviewer, interviewee = _said(parsed.turns, "Interviewer"), _said(parsed.turns, "Interviewee")
    assert "where does most of the time\nactually go?" in interviewer
    assert "nervous about putting something\nlike that in place?" in interviewer
    assert "I log into seven bank portals" in interviewee and "already two days old." in interviewee
    assert "Poland and\nRomania." in interviewee
    # the mail's header, greeting and signature are no one's; the header's labels are no speakers
    everything = " ".join(turn.text for turn in parsed.turns)
    for nobodys in ("Hannah", "hannah.cole", "Hi all", "Notes from this morning", "Tuesday"):
        assert nobodys not in everything
    assert {turn.speaker for turn in parsed.turns} == {"Interviewer", "Interviewee"}
    assert parsed.unlabelled and parsed.speaker_confidence == GUESSED_CONFIDENCE


def test_an_essay_in_paragraphs_that_asks_and_answers_itself_is_still_refused() -> None:
    essay = "\n\n".join(
        f"Why does the close take {n} days? Because every bank statement is downloaded by hand, and the\n"
        f"reconciliations wait on them for a week or more at a time in month {n}."
        for n in range(3, 9)
    )
    with pytest.raises(InputError):
        read_text(essay.encode(), "essay.txt")


def test_a_restatement_the_buyer_confirms_is_the_interviewers() -> None:
    srt = """Could you tell me what you do?
I'm head of people at Brightwater Care Homes.
Where does the time actually go?
Chasing references, mostly. Home managers email old employers and wait,
and nobody at head office can see which candidate is stuck at which step.
Right. So visibility is a big part of it.
Yes, that's exactly it. I find out someone's been waiting three weeks when they email to withdraw.
Have you looked at any tools yet?
We looked at two applicant tracking systems last year.
So we went back to the spreadsheet.
Exactly the same spreadsheet we had in 2019, with a tab per home.
"""
    parsed = read_text(srt.encode(), "call.txt")
    assert "So visibility is a big part of it." in _said(parsed.turns, "Interviewer")
    interviewee = _said(parsed.turns, "Interviewee")
    assert "Yes, that's exactly it." in interviewee
    # the buyer's own "So ..." followed by words that only begin like a confirmation stays hers
    assert "So we went back to the spreadsheet." in interviewee and "Exactly the same spreadsheet" in interviewee


def test_a_newsletter_whose_questions_address_no_one_is_still_refused() -> None:
    newsletter = """From: Ledgerly <news@ledgerly.io>
Subject: Is your close still running on email?

Hi Hannah,

Month-end again?

If your team is still chasing approvals by email and keying paper
delivery notes into the ERP, you're not alone. Most finance teams we
speak to lose two or three days every close to work that nobody
planned for.

Sound familiar?

Last quarter one of our customers, a regional haulier with sixty
trucks, cut their close from eight working days to four. They didn't
hire anyone. They stopped printing invoices.

Why now?

Because the new e-invoicing rules land next April, and every supplier
you have will start sending structured invoices whether you're ready
or not.

Ready to see how it works?

Join our 30-minute live demo on Thursday 12 June at 11:00 BST. Bring
your toughest approval workflow and we'll build it live.
"""
    with pytest.raises(InputError):
        read_text(newsletter.encode(), "newsletter.txt")


def test_a_typed_question_without_its_mark_asks_and_a_sign_off_and_signature_are_no_ones() -> None:
    notes = """Notes from the call with Kestrel below, my questions on their own lines.

Could you start with what you look after?

I run transport at Kestrel. Forty trucks and our own drivers, mostly
nights.

Roughly how many agency drivers on top of that

Fifteen to twenty most weeks, more before Christmas.

What does that cost you?

I pay the agency about a third more per shift than my own drivers.

Best,

Hannah

Hannah Cole
Senior UX Researcher | Ledgerly
M: +44 7700 900412
"""
    parsed = read_text(notes.encode(), "notes.txt")
    assert "Roughly how many agency drivers on top of that" in _said(parsed.turns, "Interviewer")
    interviewee = _said(parsed.turns, "Interviewee")
    assert "Fifteen to twenty most weeks" in interviewee and "a third more per shift" in interviewee
    assert {turn.speaker for turn in parsed.turns} == {"Interviewer", "Interviewee"}  # "M:" is a phone's label
    for nobodys in ("Hannah", "Best,", "Senior UX", "+44"):
        assert nobodys not in " ".join(turn.text for turn in parsed.turns)


def test_a_labelled_transcript_pasted_in_a_mail_ends_before_the_sign_off() -> None:
    mail = """Hi team, the transcript from Tuesday:

Sam Ortiz: What would good look like?
Dana Whitfield: Pull the accounts from Entra and our six main apps,
and give the auditors the evidence without me building it.
Sam Ortiz: And who would make the decision?
Dana Whitfield: I would, within my budget.

Cheers,
Sam

--
Sam Ortiz | Product Researcher | Ledgerly
"""
    parsed = read_text(mail.encode(), "mail.txt")
    assert parsed.turns[-1].speaker == "Dana Whitfield" and parsed.turns[-1].text == "I would, within my budget."


def test_a_recognisers_txt_with_one_blank_line_is_read_a_line_at_a_time() -> None:
    joined = WHISPER_TXT.replace("Right, that makes sense.\n", "Right, that makes sense.\n\n")
    parsed = read_text(joined.encode(), "call.txt")
    assert "the credit manager at Hartwell" in _said(parsed.turns, "Interviewee")


def test_quick_notes_with_each_question_answered_in_its_own_paragraph_are_read_by_the_questions() -> None:
    """ "What's your role? I'm the AP lead, ...": a typed question opens each paragraph and its answer follows;
    nothing like a voice memo asking itself ("Why a shared inbox? Because ..." goes on in mid-paragraph)."""
    notes = (
        "Quick notes from call with the AP lead at Corrin Engineering, 4 June\n\n"
        "What's your role? I'm the accounts payable lead, three of us, 1,800 invoices a month.\n\n"
        "How do invoices arrive? Mostly PDFs to a shared inbox, the rest on paper.\n\n"
        "Where does it get stuck? Approvals. The site managers are on site all day.\n\n"
        "What does that cost you? Late payment. A steel supplier put us on stop in March.\n\n"
        "Who decides? The finance director. I'd make the case.\n"
    )
    parsed = read_text(notes.encode(), "corrin-ap-quick-notes.txt")
    interviewer, interviewee = _said(parsed.turns, "Interviewer"), _said(parsed.turns, "Interviewee")
    assert "What's your role?" in interviewer and "Who decides?" in interviewer
    assert "I'm the accounts payable lead" in interviewee and "I'd make the case." in interviewee
    assert "Approvals." in interviewee and "Approvals" not in interviewer
    assert "Quick notes" not in interviewer + interviewee
    assert parsed.unlabelled


def test_a_forwarded_mails_note_and_header_and_the_writers_closing_remark_are_no_ones() -> None:
    """Gmail's forward: the forwarder's note, "---------- Forwarded message ---------" and its fields are the mail's;
    "Shout if anything's unclear, ..." above "Thanks, T." is the writer's to the readers, not the last answer."""
    mail = """FYI, Tom's notes from the Harrow Haulage call. Worth a read.

H.

---------- Forwarded message ---------
From: Tom Reyes <tom.reyes@fleetline.io>
Date: Wed, 9 Apr 2025 at 17:05
Subject: Harrow Haulage - call notes
To: Hannah Cole <hannah.cole@fleetline.io>

So what do you do at Harrow?

I'm the transport manager. Sixty-two trucks, ninety drivers.

What goes wrong with that?

Infringements get missed. The DVSA found forty-one in January.

Who else needs to agree?

The MD. She'll want the price on one page.

Shout if anything's unclear, I can send the recording over.

Thanks, T.
"""
    parsed = read_text(mail.encode(), "Fwd_ Harrow Haulage - call notes.txt")
    interviewee = _said(parsed.turns, "Interviewee")
    assert "I'm the transport manager." in interviewee and interviewee.endswith("price on one page.")
    everything = " ".join(turn.text for turn in parsed.turns)
    for nobodys in ("FYI", "Worth a read", "H.", "Forwarded", "Tom Reyes", "Shout", "recording", "Thanks, T"):
        assert nobodys not in everything
    # a remark to the readers above a sign-off only: the same words inside an answer are the buyer's
    said = mail.replace("The MD. She'll", "The MD, if anyone. She'll").replace("Thanks, T.\n", "")
    assert "if anyone" in _said(read_text(said.encode(), "notes.txt").turns, "Interviewee")


def test_questions_sent_by_mail_and_answered_inline_are_read_as_the_interview() -> None:
    """A reply answering quoted questions below each: the quoted questions are the interviewer's, the reply's
    paragraphs the interviewee's; the reply's note and sign-off, the quoted greeting and thanks are no one's; the
    reply's header names the interviewee, the "wrote:" line the interviewer."""
    mail = """From: \tPriya Nair <p.nair@kestrel-logistics.co.uk>
To: \tHannah Cole <hannah.cole@ledgerly.io>
Subject: \tRe: A few questions about invoice approvals

Hi Hannah,

Sorry for the slow reply, answers inline below.

Priya

On 12/05/2025 16:02, Hannah Cole wrote:
> Hi Priya,
>
> Thanks again for agreeing to answer a few questions by email.
>
> 1. Could you tell me about your role
> and your team?

I'm the accounts payable manager at Kestrel Logistics. Three of us,
plus a temp.

> 2. How do supplier invoices reach you today?

About 70% by email to a shared AP inbox, the rest by post.

> 3. What is the most frustrating part of the process?

Getting approvals out of the depot managers.

> Thanks so much,
> Hannah

Thanks,
Priya

--
Priya Nair
Accounts Payable Manager | Kestrel Logistics
M: +44 7700 900412
"""
    parsed = read_text(mail.encode(), "Re_ A few questions.txt")
    assert (parsed.meta.interviewee, parsed.meta.interviewer) == ("Priya Nair", "Hannah Cole")
    assert (parsed.meta.title, parsed.meta.company) == ("Accounts Payable Manager", "Kestrel Logistics")
    # the signature above the quote, on one line (tester Z-10)
    above = mail.replace("Thanks,\nPriya\n\n--\nPriya Nair\nAccounts Payable Manager | Kestrel Logistics\nM: +44 7700 "
                         "900412\n", "").replace("Priya\n\nOn 12/05", "Priya\n\n--\nPriya Nair | Accounts Payable "
                         "Manager | Kestrel Logistics\n\nOn 12/05")  # fmt: skip
    signed_above = read_text(above.encode(), "Re_ A few questions.txt").meta
    assert (signed_above.title, signed_above.company) == ("Accounts Payable Manager", "Kestrel Logistics")
    # Gmail's US dates and its "wrote:" wrapped onto a line of its own (tester Z-03)
    wrapped = mail.replace("On 12/05/2025 16:02, Hannah Cole wrote:", "On Tue, Mar 4, 2025 at 10:12 AM Hannah Cole "
                           "<hannah.cole@ledgerly.io>\nwrote:")  # fmt: skip
    # a quoted prompt without a question mark, and a question followed by "Please describe ..." (tester Z-12)
    prompts = mail.replace("> 2. How do supplier invoices reach you today?", "> 2. Tell us about the last invoice that "
                           "went missing.").replace("> 3. What is the most frustrating part of the process?", "> 3. "
                           "What is most frustrating? Please describe both sites.")  # fmt: skip
    assert _said(read_text(prompts.encode(), "Re_ A few questions.txt").turns, "Interviewer").count("2. Tell us") == 1
    assert "Please describe both sites." in _said(read_text(prompts.encode(), "x.txt").turns, "Interviewer")
    again = read_text(wrapped.encode(), "Re_ A few questions.txt")
    assert again.meta.interviewer == "Hannah Cole"
    assert [turn.text for turn in again.turns] == [turn.text for turn in parsed.turns]
    assert [(turn.speaker, turn.text) for turn in parsed.turns] == [
        ("Interviewer", "1. Could you tell me about your role\n> and your team?"),
        ("Interviewee", "I'm the accounts payable manager at Kestrel Logistics. Three of us,\nplus a temp."),
        ("Interviewer", "2. How do supplier invoices reach you today?"),
        ("Interviewee", "About 70% by email to a shared AP inbox, the rest by post."),
        ("Interviewer", "3. What is the most frustrating part of the process?"),
        ("Interviewee", "Getting approvals out of the depot managers."),
    ]


def test_a_second_round_of_follow_ups_quotes_the_first_round_and_signs_title_comma_company() -> None:
    """Apple Mail's reply to follow-ups: the earlier round nested under ">>" (the buyer's first answers, the first
    questions under ">>>") is quoted, no one's words in this mail; a signature's "AP Lead, Kestrel Logistics" is a
    title and a company, where "VP, Finance" stays a title."""
    mail = """From: Priya Nair <priya@kestrel.example>
Subject: Re: Re: Quick questions about your invoice process

Hi Hannah, sure, answers to your follow-ups below.

On 13 May 2025, at 16:40, Hannah Cole <hannah@vendor.example> wrote:

> Thanks Priya, really useful. A few follow-ups:
>
>> On 12 May 2025, at 10:03, Priya Nair <priya@kestrel.example> wrote:
>>
>>> How many invoices do you process a month?
>>
>> About four thousand, and it jumped after we bought the Leeds depot.
>
> Who approves an invoice over ten thousand pounds?

The finance director signs anything over ten thousand, so invoices sit for a week.

> What did you try before to fix the approvals?

We tried a shared inbox and a spreadsheet tracker.

> What would make you switch tools this year?

If our auditors flag the late payments again.

Best,
Priya Nair
AP Lead, Kestrel Logistics
"""
    parsed = read_text(mail.encode(), "Re_ Re_ Quick questions.txt")
    meta = parsed.meta
    assert (meta.interviewee, meta.interviewer, meta.title, meta.company) == (
        "Priya Nair", "Hannah Cole", "AP Lead", "Kestrel Logistics")  # fmt: skip
    said = _said(parsed.turns, "Interviewee")
    assert "four thousand" not in said and ">" not in said and said.count("We tried a shared inbox") == 1
    assert _said(parsed.turns, "Interviewer").startswith("Who approves an invoice")
    vp = mail.replace("AP Lead, Kestrel Logistics", "VP, Finance\nKestrel Logistics")
    comma_title = read_text(vp.encode(), "x.txt")
    assert (comma_title.meta.title, comma_title.meta.company) == ("VP, Finance", "Kestrel Logistics")


def test_a_buyers_own_numbered_answers_forwarded_with_the_forwarders_header_name_the_buyer_by_signature() -> None:
    """A forward saved with the forwarder's own header above the note: both headers and the note are the mail's;
    "1. What's your role? I'm the ..." paragraphs are read by their questions (the numbers no one's words); "Kate"
    above "Kate Morrison" signs the mail, and the signature names the buyer, whose answers state its job."""
    mail = """From: Ben Carter <ben@northlight.example>
Date: Mon, 16 Jun 2025 at 09:12
Subject: Fwd: Your questions
To: Research Team <research@northlight.example>

FYI - Kate's written answers, she couldn't make the call. Please add to the study.

---------- Forwarded message ---------
From: Kate Morrison <k.morrison@aldenwholesale.example>
Date: Fri, 13 Jun 2025 at 17:48
Subject: Re: Your questions
To: Ben Carter <ben@northlight.example>

Hi Ben,

Sorry I couldn't make the call. Answers to your questions:

1. What's your role? I'm the accounts receivable manager at Alden Wholesale, team of five.

2. How do customers pay? Mostly BACS, some cards, and a few who still post cheques.

3. What's the biggest pain? Remittances. Cash sits unallocated for weeks.

4. What would you want? Remittances matched to invoices without us touching them.

Kate

Kate Morrison
Accounts Receivable Manager
Alden Wholesale
"""
    parsed = read_text(mail.encode(), "Fwd_ Your questions.txt")
    assert [turn.text for turn in parsed.turns if turn.speaker == "Interviewer"] == [
        "What's your role?", "How do customers pay?", "What's the biggest pain?", "What would you want?"]  # fmt: skip
    interviewee = _said(parsed.turns, "Interviewee")
    assert interviewee.startswith("I'm the accounts receivable manager") and interviewee.endswith("touching them.")
    for nobodys in ("FYI", "Forwarded", "From:", "Kate Morrison", "2."):
        assert nobodys not in " ".join(turn.text for turn in parsed.turns)
    meta = parsed.meta
    assert (meta.interviewee, meta.title, meta.company) == (
        "Kate Morrison",
        "Accounts Receivable Manager",
        "Alden Wholesale",
    )
    # forwarded on once more, by another colleague with a note of their own: read past every forward
    again = (
        "From: Priya Shah <priya@northlight.example>\nSubject: Fwd: Fwd: Your questions\nTo: Research Ops <ops@"
        "northlight.example>\n\nFor the repository please.\n\n---------- Forwarded message ---------\n" + mail
    )
    assert read_text(again.encode(), "Fwd_ Fwd_ Your questions.txt").meta.interviewee == "Kate Morrison"
    # a researcher's notes signed with the researcher's own job do not make the researcher the buyer
    notes = mail.replace(
        "Kate Morrison\nAccounts Receivable Manager\nAlden Wholesale", "Kate Morrison\nResearch Lead\nNorthlight"
    )
    assert read_text(notes.encode(), "notes.txt").meta.interviewee == ""


def test_answers_typed_into_an_outlook_original_under_the_repliers_initials_are_the_interview() -> None:
    """Outlook quotes no line with ">": below its rule and the original's header, each "[SM]" paragraph answers the
    question above it; the reply's note, the original's greeting and sign-off are no one's, the reply's header names
    the interviewee and the original's the interviewer."""
    mail = """From: Sofia Marchetti <s.marchetti@veronafoods.it>
Sent: 10 June 2025 08:55
To: Tom Becker <tom.becker@planwise.io>
Subject: RE: A few questions on demand planning

Hi Tom, my answers are below each question, marked [SM].

Sofia

________________________________
From: Tom Becker <tom.becker@planwise.io>
Sent: 06 June 2025 17:30
Subject: A few questions on demand planning

Hi Sofia, thanks again for agreeing to help.

1. What's your role?
[SM] I'm the demand planning manager at Verona Foods.

2. How do you build the forecast today?
[SM] Excel, fed from an export of last year's sales.
Promotions are added by hand.

3. What goes wrong?
[SM] Promotions we didn't know about.

Thanks,
Tom
"""
    parsed = read_text(mail.encode(), "RE A few questions.txt")
    assert (parsed.meta.interviewee, parsed.meta.interviewer) == ("Sofia Marchetti", "Tom Becker")
    assert [(turn.speaker, turn.text) for turn in parsed.turns] == [
        ("Interviewer", "1. What's your role?"),
        ("Interviewee", "I'm the demand planning manager at Verona Foods."),
        ("Interviewer", "2. How do you build the forecast today?"),
        ("Interviewee", "Excel, fed from an export of last year's sales.\nPromotions are added by hand."),
        ("Interviewer", "3. What goes wrong?"),
        ("Interviewee", "Promotions we didn't know about."),
    ]


def test_answers_after_arrows_or_initials_with_a_colon_below_the_original_header_are_the_interview() -> None:
    """Older Outlook's "-----Original Message-----" and answers after "->", the replier's signature in the note above
    it (tester Z-02); newer Outlook with no rule at all, answers opened "KO:", a directory's "Okafor, Kenji" (Z-01)."""
    mail = """From: Marcus Bell <mbell@saintaldric.org>
Sent: Thursday, April 10, 2025 7:52 AM
To: Jess Moreno <jess@clearclaim.io>
Subject: RE: Interview questions

Jess - answers typed in below each question after the arrows.

Marcus Bell | Director of Revenue Cycle | Saint Aldric Health

-----Original Message-----
From: Jess Moreno [mailto:jess@clearclaim.io]
Sent: Tuesday, April 8, 2025 3:12 PM
To: Marcus Bell <mbell@saintaldric.org>
Subject: Interview questions

Hi Marcus, here are the questions.

Q1. What are you responsible for?
-> I run revenue cycle for two hospitals.

Q2. How are denials worked today?
-> Each payer has an owner on the follow-up team.

Q3. Where does the most money leak?
-> Prior authorization.

Thanks,
Jess
"""
    parsed = read_text(mail.encode(), "RE Interview questions.txt")
    meta = parsed.meta
    assert (meta.interviewee, meta.interviewer) == ("Marcus Bell", "Jess Moreno")
    assert (meta.title, meta.company) == ("Director of Revenue Cycle", "Saint Aldric Health")
    assert _said(parsed.turns, "Interviewee") == (
        "I run revenue cycle for two hospitals. Each payer has an owner on the follow-up team. Prior authorization."
    )
    assert "Q2. How are denials worked today?" in _said(parsed.turns, "Interviewer")
    newer = (
        mail.replace("From: Marcus Bell", "From: Bell, Marcus").replace("-----Original Message-----\n", "")
        .replace("-> ", "MB: ")
    )  # fmt: skip
    # a transcript labelled with initials under a forwarded header is two voices, not answers typed in
    transcript = (
        "From: Priya Shah <p@x.com>\nSubject: Fwd: call\nTo: Research <r@x.com>\n\nSee below.\n\n---------- "
        "Forwarded message ---------\nFrom: Sam Moore <s@x.com>\nSubject: call\nTo: Priya Shah <p@x.com>\n\n"
        "SM: What do you do?\nJT: I'm the AP lead.\nSM: What goes wrong?\nJT: Approvals take a week.\n"
        "SM: Why is that?\nJT: Managers are on site all day.\n"
    )
    assert {turn.speaker for turn in read_text(transcript.encode(), "Fwd_ call.txt").turns} == {"SM", "JT"}
    again = read_text(newer.encode(), "RE Interview questions.txt")
    assert again.meta.interviewee == "Marcus Bell" and _said(again.turns, "Interviewee") == _said(
        parsed.turns, "Interviewee"
    )


def test_mailed_notes_take_the_buyer_from_the_subject_and_leave_bracketed_asides_out() -> None:
    mail = """From: Sam Ortiz <sam.ortiz@ledgerly.io>
Subject: Call notes: Marta Kowalczyk, Payroll Lead, Brightway Foods
To: Research <research@ledgerly.io>

Quick write-up from Marta's call, her answers underneath.

How long have you been at Brightway?

Nine years now. Payroll was two people when I joined.

What does a normal pay week look like for you?

Monday and Tuesday are just chasing overtime.

[She shared her screen here and showed me the overtime
tracker. It's a spreadsheet with about forty tabs.]

What have you tried?

I asked our payroll bureau for an app. They quoted nine months.
"""
    parsed = read_text(mail.encode(), "Call notes - Marta Kowalczyk.txt")
    assert (parsed.meta.interviewee, parsed.meta.title) == ("Marta Kowalczyk", "Payroll Lead")
    interviewee = _said(parsed.turns, "Interviewee")
    assert "Monday and Tuesday" in interviewee and "They quoted nine months." in interviewee
    assert "shared her screen" not in interviewee and "forty tabs" not in interviewee


def test_a_buyers_voice_memo_is_read_as_the_buyers_alone_and_flagged() -> None:
    """One voice answering questions sent ahead, asking itself ("Why a shared inbox? Honestly, ..."): every word is
    the buyer's, named as they name themselves; an essay asking itself, greeting no one, is still refused."""
    memo = (
        "Hi Maya, it's Daniel Brooks, I'm the director of facilities at Pinewood Medical Group.\n"
        "You asked me to just talk through how we handle maintenance requests, so here goes.\n"
        "So right now every clinic emails a shared inbox when something breaks.\n"
        "Why a shared inbox? Honestly, because that's what we had in 2016 and nobody changed it.\n"
        "What would I want instead? I want a request to land with a named technician within an hour.\n"
        "Do I want another portal for them to log into? No. They have eleven systems already.\n"
        "Okay, I think that's everything. Thanks, Maya, speak soon.\n"
    )
    parsed = read_text(memo.encode(), "voice-memo-daniel-brooks.txt")
    assert {turn.speaker for turn in parsed.turns} == {"Interviewee"} and len(parsed.turns) == 7
    assert parsed.meta.interviewee == "Daniel Brooks" and parsed.unlabelled
    with pytest.raises(InputError):
        read_text(memo.replace("Hi Maya, it's", "Notes by").encode(), "essay.txt")
    # the job in apposition to the name (tester Y): "it's Daniel Brooks, director of facilities at ..."
    apposed = read_text(memo.replace("Brooks, I'm the director", "Brooks, director").encode(), "memo.txt")
    assert (apposed.meta.interviewee, apposed.meta.title) == ("Daniel Brooks", "Director of Facilities")


def _cues(*texts: str) -> bytes:
    """An .srt of ``texts``, one cue each, three seconds apart."""
    return "".join(
        f"{n}\n00:00:{3 * n:02d},000 --> 00:00:{3 * n + 2:02d},500\n{text}\n\n" for n, text in enumerate(texts, 1)
    ).encode()


def test_tester_46_whisperx_labels_mid_cue_and_a_clause_added_after_a_stop():
    said = read_srt(_cues(
        "[SPEAKER_01]: Could you tell me what you do?",
        "[SPEAKER_00]: I'm the quality manager at Vantor Precision.",
        "[SPEAKER_01]: How do you handle non-conformance reports today?",
        "[SPEAKER_00]: Last audit we couldn't close out four reports, [SPEAKER_01]: Oh no. [SPEAKER_00]: because the "
        "database had lost them.",
        "[SPEAKER_01]: What would stop you from buying?",
        "[SPEAKER_00]: Validation, that's months of my time.",
        "and honestly I don't have months.",
        "[SPEAKER_01]: And what would success look like?",
        "And what would success look like for you?",
    ), "call.srt").turns  # fmt: skip
    spoken = [(turn.speaker, turn.text) for turn in said]
    # The bracketed label inside the cue changes the speaker, after a comma too; the tag is no one's words.
    assert ("SPEAKER_01", "Oh no.") in spoken and not any("[SPEAKER" in text for _, text in spoken)
    assert ("SPEAKER_00", "because the database had lost them.") in spoken
    # A clause the recogniser began in small letters after the stop goes on with the buyer's answer; an unlabelled
    # question stays no one's.
    assert ("SPEAKER_00", "and honestly I don't have months.") in spoken
    assert [speaker for speaker, text in spoken if text.startswith("And what would success look like for")] == [
        "Speaker ?"
    ]


def test_tester_46_an_acknowledgement_before_a_question_in_one_segment_is_the_interviewers():
    segments = [
        " Could you start by telling me what you do?",
        " Sure, I'm the operations manager at Brightwater Laundry Services.",
        " What made you start looking at route planning software?",
        " Fuel, mainly. Our diesel bill went up by about forty percent in two years.",
        " That's a big jump. How do you plan the routes today?",
        " One of the drivers does it on a Sunday night with a paper map.",
        " What would stop you from buying a tool?",
        " The hotels change their collection times constantly.",
    ]
    parsed = read_json(_whisper_json(segments), "call.json")
    assert [turn.speaker for turn in parsed.turns if turn.text.startswith("That's a big jump")] == ["Interviewer"]


def test_tester_46_chevron_captions_without_a_question_mark_still_tell_who_asks():
    vtt = "WEBVTT\n\n" + "".join(
        f"00:00:{3 * n:02d}.000 --> 00:00:{3 * n + 2:02d}.500\n>> {text}\n\n"
        for n, text in enumerate([
            "so what do you do at harlow freight",
            "I'm the transport manager we run about forty trucks out of Felixstowe",
            "and what made you start looking at route planning",
            "the congestion charge honestly we paid twelve thousand pounds in fines last year",
            "what would stop you from buying",
            "the drivers they won't follow a tablet",
            "and how do you plan the routes now",
            "what we do now is print the jobs and one of the drivers marks them up",
            "and who checks the routes",
            "how it works in practice is two of us look at them on a monday",
        ])
    )  # fmt: skip
    turns = read_vtt(vtt.encode(), "harlow.vtt").turns
    # A question's words and "you": the buyer's "what we do now is ..." asks nothing (tester 47).
    assert [turn.speaker for turn in turns] == ["Interviewer", "Interviewee"] * 5


def test_tester_47_an_interviewers_reaction_before_the_next_question_is_theirs():
    from voiceofbuyer.ingest.interviewer_talk import interviewer_remark

    for remark in ("Oof, that's a lot of callouts.", "That's huge.", "Huh, I wouldn't have guessed that.",
                   "Brilliant. Thanks so much for this."):  # fmt: skip
        assert interviewer_remark(remark), remark
    assert not interviewer_remark("I think that's a lot of work for us.")


def test_an_interviewer_saying_back_the_answers_words_before_the_next_question_is_theirs():
    segments = [
        " So, to kick off, can you tell me what you do and where?",
        " Sure. I'm the service manager at Brennan Lifts. We maintain about eleven hundred lifts across Leinster.",
        " Eleven hundred. Oof, that's a lot of callouts. How do the engineers find out where they're going?",
        " A dispatcher rings them. Every single one, every morning. We went back to the phone.",
        " Wow, every morning by phone. What happens when a lift breaks down at a hospital?",
        " Then it's chaos. Our contract says four hours and we missed it nine times last quarter.",
        " Nine times in a quarter, that's huge. What does a missed callout cost you?",
        " Penalty's two hundred and fifty euro each. Nine times.",
        " And who decides on a new dispatch tool?",
        " Me and the MD.",
    ]
    turns = read_json(_whisper_json(segments), "lifts.json").turns
    said = {turn.text: turn.speaker for turn in turns}
    for echo in ("Eleven hundred.", "Wow, every morning by phone.", "Nine times in a quarter, that's huge."):
        assert next(speaker for text, speaker in said.items() if text.startswith(echo)) == "Interviewer", echo
    # A buyer saying her own words again at the end of her answer keeps them.
    assert said["Penalty's two hundred and fifty euro each. Nine times."] == "Interviewee"


def test_the_answer_said_back_and_confirmed_by_the_buyer_is_the_interviewers():
    """Tester 51: "Seventeen laptops." / "Yes, seventeen." with no question after it; the buyer's own figure said
    again in her answer stays hers."""
    segments = [
        " Could you start by telling me what you do?",
        " I am heading IT infrastructure at Pragati Finserv.",
        " How do you manage the laptops in the branches today?",
        " Very manually only, one Excel sheet per branch.",
        " What goes wrong with that?",
        " Last audit we could not locate seventeen laptops, and they were having customer data on them.",
        " Seventeen laptops.",
        " Yes, seventeen. We are using one asset tool since two years, but it is not working.",
        " What would you need before you could recommend one?",
        " Data localisation is mandatory. Mandatory.",
        " And the pricing should be per device, in rupees.",
    ]
    said = {turn.text: turn.speaker for turn in read_json(_whisper_json(segments), "iyer.json").turns}
    assert said["Seventeen laptops."] == "Interviewer"
    assert said["Yes, seventeen. We are using one asset tool since two years, but it is not working."] == "Interviewee"
    assert said["Data localisation is mandatory. Mandatory."] == "Interviewee"


def test_figures_said_back_match_in_words_or_digits_and_a_paraphrase_matches_by_share():
    from voiceofbuyer.ingest.interviewer_talk import says_back

    assert says_back("Eleven hundred.", "About 1,100 a month, mostly by email.")
    assert says_back("Eight thousand dollars.", "We paid about $8,000 in late fees.")
    assert says_back("Forty percent.", "It's 40% of our inbound calls.")
    assert says_back("Three hundred and fifty", "On a bad week, 350.")
    assert says_back("Your whole Monday morning, gone.", "I spend basically every Monday morning rebuilding it.")
    assert not says_back("Forty percent.", "It's 14% of our inbound calls.")
    assert not says_back("We pay nine thousand.", "Nine thousand a year.")  # the first person speaks for itself
    assert not says_back("Every hospital has its own portal now.", "Every morning the hospital rings.")


def test_a_buyer_who_asks_back_after_a_short_answer_keeps_the_answer_and_the_next_one():
    segments = [
        " Could you start by telling me what you do?",
        " Yeah, I'm the group operations manager at Pinewood Vets.",
        " How much do you spend on locum vets a year?",
        " About 60k. Is that high?",
        " It's around the middle of what we've seen, honestly. Why do you end up needing locums?",
        " Maternity cover, mostly, and Saturdays. Nobody wants Saturdays.",
        " How do you book them today?",
        " Three agencies, by phone.",
    ]
    turns = read_json(_whisper_json(segments), "vets.json").turns
    said = [(turn.speaker, turn.text) for turn in turns]
    assert ("Interviewee", "About 60k. Is that high?") in said
    assert ("Interviewee", "Maternity cover, mostly, and Saturdays. Nobody wants Saturdays.") in said
    assert all(speaker == "Interviewer" for speaker, text in said if "middle of what we've seen" in text)


def test_a_one_word_answer_that_asks_back_and_thanks_by_name_at_the_close_are_told_apart():
    segments = [
        " Could you start by telling me what you do?",
        " I run a small bookkeeping practice in Leeds.",
        " How do the timesheets get to you?",
        " Late. Does everyone say that?",
        " Pretty much everyone, yeah. What happens when they're late?",
        " I can't bill the client until I have the hours.",
        " That's great, thanks Gideon.",
    ]
    said = [(turn.speaker, turn.text) for turn in read_json(_whisper_json(segments), "books.json").turns]
    assert ("Interviewee", "Late. Does everyone say that?") in said
    assert ("Interviewee", "I can't bill the client until I have the hours.") in said
    replies = [speaker for speaker, text in said if text.startswith(("Pretty much", "That's great"))]
    assert replies == ["Interviewer"] * 2


def test_what_the_research_is_and_what_the_participant_gets_after_are_the_interviewers_and_the_buyer_is_named(
    tmp_path: Path,
) -> None:
    """Tester 51: the study's pitch ("We've been talking to distributors in ...") and the wrap-up ("We'll send you a
    short summary and the gift card by email.") were quoted as the buyer's, and a buyer who says "I am Kenji Tanaka"
    to an interviewer who calls him "Tanaka-san", or "Vikram" before the first question, was left unnamed."""
    from voiceofbuyer.ingest import read_interview
    from voiceofbuyer.ingest.sides import identify_sides
    from voiceofbuyer.profiles import buyer_profile

    def read(text: str):
        (tmp_path / "call.txt").write_text(text, "utf-8")
        return read_interview(tmp_path / "call.txt", tmp_path)

    text = (
        "Okay, we're recording.\n"
        "Thanks a lot for making time, Vikram.\n"
        "Could you start by telling me what you do?\n"
        "Sure, sure. I am Vikram Iyer, I am heading IT infrastructure at Pragati Finserv.\n"
        "We are having around 180 branches, mostly in small towns.\n"
        "We've been talking to distributors and lenders across India over the last month.\n"
        "How do you track the laptops in those branches today?\n"
        "We've been talking to two vendors, but each branch still keeps one Excel sheet.\n"
        "What would you need before you could recommend a tool?\n"
        "Data localisation is mandatory, the data must be stored in India only.\n"
        "Brilliant, that's everything from me.\n"
        "We'll send you a short summary and a small thank-you voucher next week.\n"
        "Thank you, it was nice talking.\n"
    )
    interview = read(text)
    answered = _said(interview.turns, "Interviewee")
    assert "talking to distributors" not in answered and "thank-you voucher" not in answered
    assert "We've been talking to two vendors, but each branch" in answered  # a buyer's own evaluation
    profile = buyer_profile(interview, identify_sides(interview), ())
    assert (profile.name, profile.title) == ("Vikram Iyer", "Head of IT Infrastructure")
    memo = text.replace("Thanks a lot for making time, Vikram.", "Thank you so much for joining, Iyer-san.")
    memo = read(memo)
    assert buyer_profile(memo, identify_sides(memo), ()).name == "Vikram Iyer"


def test_a_long_summing_up_addressed_to_the_buyer_is_the_interviewers() -> None:
    """Tester 51: "So if I've got this right, you collect the variables ..." (37 words, confirmed) was quoted as the
    buyer's; a buyer summing up her own needs keeps them."""
    from voiceofbuyer.ingest.interviewer_talk import interviewer_remark

    text = (
        "Could you start by telling me what you do?\n"
        "I am the payroll manager at Maison Berthier, we have forty shops.\n"
        "How do you collect the monthly variables?\n"
        "Every shop manager fills an Excel file and sends it by email.\n"
        "What goes wrong most often?\n"
        "The absences, clearly. We have maybe forty corrections every month.\n"
        "To summarise, we need the absence types and a direct export to Silae.\n"
        "Who decides on a new tool?\n"
        "The financial director decides, but he asks me first.\n"
        "So if I've got this right, you collect the variables from every shop in Excel, absences are the biggest"
        " source of errors with about forty corrections a month, and you'd need a direct export to Silae.\n"
        "Yes, this is exactly it.\n"
        "Perfect, that's everything from me.\n"
    )
    answered = _said(read_text(text.encode(), "call.txt").turns, "Interviewee")
    assert "if I've got this right" not in answered and "To summarise, we need the absence types" in answered
    for remark in ("If I understand correctly, your team approves.", "What I'm hearing is that you need speed.",
                   "Okay, just to make sure I understand you right, the audit is in March?"):  # fmt: skip
        assert interviewer_remark(remark), remark
    assert not interviewer_remark("To sum up, we need three things.")


def test_lines_that_pair_up_as_question_and_answer_without_a_label_are_a_guess_and_the_pitch_is_the_interviewers():
    """Tester 52: a Whisper .txt whose lines pair up one by one was read as typed notes, certain: the study's pitch
    and the wrap-up were the buyer's, and nothing was flagged. "Mr." ends no sentence ("Tanaka." was the buyer's)."""
    text = (
        "Good morning, Mr. Tanaka, and thanks for joining us.\n"
        "We're interviewing controllers at around fifteen manufacturers, so there are no right or wrong answers.\n"
        "To begin, could you say a few words about yourself?\n"
        "Sure. I'm Kenji Tanaka, head of controlling at Hoshino Denshi. We make connectors.\n"
        "How long does your month-end close take?\n"
        "Eight working days, sometimes nine, because the subsidiaries send Excel.\n"
        "What happens when a number is wrong?\n"
        "Then I find out in the meeting with the managing director.\n"
        "Perfect, that's all my questions.\n"
        "I'll send over the summary and the gift voucher once all the interviews are done.\n"
        "Thank you, it was a pleasure.\n"
    )
    parsed = read_text(text.encode(), "call.txt")
    answered = _said(parsed.turns, "Interviewee")
    assert parsed.unlabelled and parsed.speaker_confidence == GUESSED_CONFIDENCE
    assert "We're interviewing" not in answered and "gift voucher" not in answered and "Tanaka." not in answered
    assert answered.startswith("Sure. I'm Kenji Tanaka") and "Eight working days" in answered


def test_a_question_typed_at_the_head_of_its_answer_and_a_word_of_praise_are_the_interviewers():
    """Tester 54: Apple's transcript of a site visit, paragraphs without a label: "What goes wrong with that?
    Mis-picks, mostly." was all the buyer's, and so was "That's a really good point." between two answers."""
    text = (
        "Could you start by telling me who you are and what you do here?\n\n"
        "Sure. I'm Grace Oduya, the warehouse manager here at Kestrel Fresh.\n\n"
        "How does picking work at the moment?\n\n"
        "Paper. The pick lists print out of our ERP at about eight in the evening.\n\n"
        "What goes wrong with that? Mis-picks, mostly. Somebody picks the wrong brand of crème fraîche.\n\n"
        "How often does that happen?\n\n"
        "About 1.2% of lines. If the screen is full of text, I'll lose the night pickers.\n\n"
        "That's a really good point.\n\n"
        "And the cold. The freezer is minus twenty-three, so it has to work with gloves on.\n\n"
        "Who else would have a say?\n\n"
        "The managing director signs it off. Why would he not? It's his money.\n"
    )
    parsed = read_text(text.encode(), "visit.txt")
    answered = _said(parsed.turns, "Interviewee")
    assert "What goes wrong" not in answered and "good point" not in answered
    assert "Mis-picks, mostly." in answered and "And the cold." in answered
    assert "Why would he not?" in answered  # asked inside an answer, not at its head
