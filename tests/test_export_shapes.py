"""Shapes real tools and researchers export that a tester met (tester E): timecodes with frames after semicolons,
numbered lines, noScribe's marks, answers as Markdown quotes, logins and "(Unverified)" as display names, Google
Speech-to-Text v2 and Soniox JSON, an agency's "Client:" line, a one-line speaker key."""

from __future__ import annotations

from dataclasses import replace

import pytest

from voiceofbuyer.annotations import structural_removals
from voiceofbuyer.cleanup import apply_cleanup
from voiceofbuyer.ingest.json_formats import to_transcript
from voiceofbuyer.ingest.labels import is_room
from voiceofbuyer.ingest.legend import legend_metadata
from voiceofbuyer.ingest.metadata import header_metadata
from voiceofbuyer.ingest.said_names import said_name
from voiceofbuyer.ingest.speaker_names import is_login, same_person, without_call_mark
from voiceofbuyer.ingest.speaker_vote import metadata_label
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.ingest.timestamps import parse_time
from voiceofbuyer.roles import role_for_title


def test_premiere_pro_timecodes_with_semicolons_start_their_turns() -> None:
    assert parse_time("00;00;18;19") == 18.0 and parse_time("00:01:02;10") == 62.0
    text = "00;00;00;12 - 00;00;08;16\nSam Okafor\nCould you start with your role?\n\n00;00;09;04 - 00;00;18;01\n" \
           "Margit Holloway\nI'm the bursar at Whitcombe College.\n"  # fmt: skip
    turns = parse_turns(text, "premiere.txt").turns
    assert [(t.speaker, t.text, t.start) for t in turns] == [
        ("Sam Okafor", "Could you start with your role?", 0.0),
        ("Margit Holloway", "I'm the bursar at Whitcombe College.", 9.0),
    ]


def test_numbered_lines_of_a_research_transcript_are_layout() -> None:
    text = (
        "Participant: P07 (School Business Manager)\n\n1\tINT:\tCould you start by\n2\t\tdescribing your role?\n"
        "3\tP07:\tYes, I'm the school business manager at Ashcombe\n4\t\tAcademy Trust.\n5\tINT:\tThank you.\n"
    )
    turns = parse_turns(text, "p07.txt").turns
    assert [t.speaker for t in turns] == ["INT", "P07", "INT"]
    answer = turns[1]
    removed = structural_removals(answer.text, answer.start_char)
    assert [reason for _, _, reason in removed] == ["line-number"]
    cleaned = apply_cleanup(text, answer.start_char, answer.end_char, removed)
    assert cleaned == "Yes, I'm the school business manager at Ashcombe Academy Trust."


def test_noscribe_pause_marks_and_the_other_voice_said_over_a_turn_are_no_words_of_it() -> None:
    said = "Eleven thousand a day. //S00: Eleven thousand. // Yes, it is crazy, (..) and the rules are in PDFs."
    cleaned = apply_cleanup(said, 0, len(said), structural_removals(said, 0))
    assert cleaned == "Eleven thousand a day. Yes, it is crazy, and the rules are in PDFs."


def test_answers_written_as_markdown_quotes_are_quoted_without_the_mark() -> None:
    notes = (
        "**How is the team set up?**\n\n> Four of us in Bergen.\n\n**What takes longest?**\n\n> The cash position.\n"
    )
    turns = parse_turns(notes, "notes.md").turns
    assert [(t.speaker, t.text) for t in turns][1::2] == [("Interviewee", "Four of us in Bergen."),
                                                          ("Interviewee", "The cash position.")]  # fmt: skip


def test_names_a_call_shows_are_read_as_the_persons() -> None:
    assert without_call_mark("Kofi Mensah (Unverified)") == "Kofi Mensah"
    assert without_call_mark("Priya (2)") == "Priya" and without_call_mark("Jenna Cole (Clinix)") == "Jenna Cole"
    assert is_login("mkowalczyk") and is_login("dana.w@acme.com") and not is_login("Marta Kowalczyk")
    heard = "Hi, I see you're showing as mkowalczyk, is it Marta?"
    assert said_name("mkowalczyk", "Yes, Marta Kowalczyk. Sorry, my Zoom name is my username.", heard) == (
        "Marta Kowalczyk"
    )
    assert said_name("Speaker A", "Hello, Delia Marsh speaking.", "Hi Delia, it's Owen from Gridwise.") == "Delia Marsh"
    assert said_name("Speaker A", "Hello, Delia Marsh speaking.", "Hi there, it's Owen.") == ""  # nobody says it back
    # a login the full name spells, said as the buyer introduces themselves (tester 39: cited as "marcus_t")
    intro = "Sure. Marcus Tellez, I'm the procurement manager at Hollis and Grant."
    assert said_name("marcus_t", intro, "Could you tell me about yourself?") == "Marcus Tellez"
    assert said_name("mtellez", intro, "") == "Marcus Tellez" and said_name("dana_w", intro, "") == ""
    # a directory's label is the metadata's name (tester 41: not matched, so a note-taker became a second buyer)
    assert same_person("Wiśniewski, Tomasz (External)", "Tomasz Wiśniewski")
    assert same_person("Wiśniewski, Tomasz", "Tomasz Wiśniewski") and not same_person("Tom Reilly", "Tomasz Wiśniewski")


def test_an_agencys_client_line_names_no_interviewee() -> None:
    meta = header_metadata(["Client: Ledgerly Research", "Interviewee: Chukwuemeka Obi, Maintenance Planning Manager"],
                           "agency.txt")  # fmt: skip
    assert (meta.interviewee, meta.title) == ("Chukwuemeka Obi", "Maintenance Planning Manager")
    assert header_metadata(["Client: Ledgerly Research"], "agency.txt").interviewee == ""


def test_a_win_loss_write_ups_client_gives_way_to_its_interviewee() -> None:
    """A win/loss write-up's ``Client:`` is the vendor that paid for the study (tester 53): the interviewee named
    after it wins, whole; a client alone still names the interviewee, and a ``Company:`` line keeps its company."""
    header = ["**Client:** Deskwise", "**Interviewer:** Hannah Greer, Clearpath Research",
              "**Interviewee:** Marisa Okonkwo, Director of Customer Support, Fernhill Outdoor",
              "**Deal size:** ~$64k ARR · **Outcome:** Lost · **Competitor chosen:** Zendesk"]  # fmt: skip
    meta = header_metadata(header, "clearpath.md")
    assert (meta.interviewee, meta.title, meta.company) == (
        "Marisa Okonkwo",
        "Director of Customer Support",
        "Fernhill Outdoor",
    )
    assert header_metadata(["Client: Deskwise"], "call.txt").interviewee == "Deskwise"
    meta = header_metadata(["Company: Fernhill", "Interviewee: Marisa Okonkwo, Director", "Guest: Jo Bell"], "a.txt")
    assert (meta.interviewee, meta.title, meta.company) == ("Marisa Okonkwo", "Director", "Fernhill")
    assert all(metadata_label(label) for label in ("Deal size", "Outcome", "Competitor chosen", "Loss reason"))
    assert is_room("Tidewater HQ - Room 4.12") and is_room("Rm 2-07") and not is_room("Ann Room")


def test_a_speaker_key_on_one_line() -> None:
    key = "Key: I = Interviewer (Daniel Osei, Fernhill); R = Respondent (Chiara Bassi, Category Manager, Verdana)"
    meta = legend_metadata([key], {"I", "R"})
    assert meta is not None
    assert (meta.interviewee, meta.title, meta.company, meta.interviewer) == (
        "Chiara Bassi", "Category Manager", "Verdana", "Daniel Osei")  # fmt: skip


def test_google_speech_to_text_v2_words_in_every_result() -> None:
    def word(text: str, speaker: str, start: float) -> dict[str, str]:
        return {"word": text, "speakerLabel": speaker, "startOffset": f"{start}s", "endOffset": f"{start + 0.3}s"}

    first, second = (
        [word("Your", "1", 0.5), word("role?", "1", 0.9)],
        [word("Patient", "2", 2), word("access.", "2", 2.4)],
    )
    document = {"results": [{"alternatives": [{"words": first}]}, {"alternatives": [{"words": second}]}]}
    turns = to_transcript(document)["turns"]
    assert [(t["speaker"], t["text"], t["start"]) for t in turns] == [
        ("Speaker 1", "Your role?", 0.5), ("Speaker 2", "Patient access.", 2.0)]  # fmt: skip


def test_soniox_tokens_are_pieces_of_words() -> None:
    tokens = [{"text": "Than", "start_ms": 240, "end_ms": 405, "speaker": "1"},
              {"text": "ks", "start_ms": 405, "end_ms": 570, "speaker": "1"},
              {"text": ".", "start_ms": 570, "end_ms": 600, "speaker": "1"},
              {"text": " Sure", "start_ms": 1000, "end_ms": 1300, "speaker": "2"},
              {"text": " thing.", "start_ms": 1300, "end_ms": 1600, "speaker": "2"}]  # fmt: skip
    turns = to_transcript({"text": "Thanks. Sure thing.", "tokens": tokens})["turns"]
    assert [(t["speaker"], t["text"], t["start"], t["end"]) for t in turns] == [
        ("Speaker 1", "Thanks.", 0.24, 0.6), ("Speaker 2", "Sure thing.", 1.0, 1.6)]  # fmt: skip


def test_titles_testers_met_go_to_their_function() -> None:
    assert role_for_title("Head of HR Operations", ()).function == "HR & Recruiting"
    assert role_for_title("Returns Manager", ()).function == "Operations & Supply Chain"
    assert role_for_title("Director of Environmental Services", ()).function == "Operations & Supply Chain"
    assert role_for_title("Head of Operations", ()).function == "Operations & Supply Chain"


def test_the_title_the_buyer_signs_with_above_the_transcript() -> None:
    from voiceofbuyer.signatures import signature_title

    from .test_roles import interview

    header = ("From: Ingrid Solberg\n\nThursday works.\n\nBest regards,\nIngrid Solberg\nSenior Manager, Strategic "
              "Sourcing\nFjordline Seafood AS\nM: +47 912 34 567\n\n")  # fmt: skip
    call = interview([("Ben Adler", "Could you walk me through it?"), ("Ingrid Solberg", "Sure, we use email.")])
    shift = len(header)
    turns = tuple(replace(t, start_char=t.start_char + shift, end_char=t.end_char + shift) for t in call.turns)
    call = replace(call, text=header + call.text, turns=turns)
    assert signature_title(call, ["Ingrid Solberg"]) == "Senior Manager, Strategic Sourcing"
    assert signature_title(call, ["Ben Adler"]) == ""  # only under the buyer's own name


def test_a_turn_cut_by_a_page_break_keeps_its_start_time_after_it() -> None:
    text = ("Daniel Okoro (00:30):\nWe give everyone admin rights and then nobody removes it\nPage 1 of 2\n"
            "when they leave. Last year's audit found four hundred active accounts.\n"
            "Ben Adler (00:52):\nHow do you find them?\n")  # fmt: skip
    turns = parse_turns(text, "fireflies.txt").turns
    buyer = [turn for turn in turns if turn.speaker == "Daniel Okoro"]
    assert len(buyer) == 2 and all(turn.start == 30.0 for turn in buyer)


def test_a_full_name_given_first_when_asked_for_it_names_an_unnamed_voice() -> None:
    heard = "Could you give me your name and what you do? ... Thanks Leah."
    assert said_name("Speaker 2", "Leah Brandt, I'm the group operations manager.", heard) == "Leah Brandt"
    assert said_name("Speaker 2", "Mostly Excel, to be honest.", "What do you use?") == ""


def test_a_sales_call_recorders_company_in_brackets_is_no_part_of_the_name() -> None:
    assert without_call_mark("Carla Jimenez (Vantage Foods)") == "Carla Jimenez"
    assert role_for_title("Head of Estates", ()).function == "Operations & Supply Chain"  # buildings, not finance


def test_legacy_east_asian_encodings_are_read_and_windows_1252_stays_itself() -> None:
    from voiceofbuyer.errors import InputError
    from voiceofbuyer.ingest.decode import decode

    latin = "José said: don’t “worry” – Müller café naïve €12. ‘Quoted’ and “twice”."
    assert decode(latin.encode("cp1252"), "latin.txt") == latin
    japanese, chinese, korean = (
        "山田: はい、購買部長です。 We buy.",
        "王芳: 我是采购经理。 We buy.",
        "김민수: 저는 구매 담당입니다.",
    )
    for text, codec in ((japanese, "cp932"), (chinese, "gb18030"), (korean, "euc_kr")):
        assert decode(text.encode(codec), "legacy.txt") == text
    # Two-byte characters that no encoding fits (outside GB2312's area, no kana, no Hangul): refused with the fix.
    try:
        decode(b"Wang: \x8e\x9e\x8e\x9e\x8e\x9e\x8e\x9e is my name.", "unknown.txt")
    except InputError as error:
        assert "UTF-8" in str(error)
    else:
        raise AssertionError("a file of unknown two-byte characters was read")


def test_a_meeting_apps_spoken_notice_diarized_as_a_segment_is_no_ones_words() -> None:
    import json

    from voiceofbuyer.ingest.json_reader import read_json

    whisperx = {"segments": [
        {"start": 0.4, "end": 1.8, "text": " Recording in progress.", "speaker": "SPEAKER_01"},
        {"start": 2.0, "end": 4.0, "text": " Could you start with your role?", "speaker": "SPEAKER_00"},
        {"start": 4.5, "end": 8.0, "text": " I run revenue cycle at Bellmont.", "speaker": "SPEAKER_01"},
        {"start": 9.0, "end": 10.0, "text": " Recording stopped.", "speaker": "SPEAKER_01"},
    ]}  # fmt: skip
    parsed = read_json(json.dumps(whisperx).encode(), "x.json")
    assert [turn.text for turn in parsed.turns] == [
        "Could you start with your role?",
        "I run revenue cycle at Bellmont.",
    ]


def test_a_dialpad_caller_shown_by_number_and_a_login_confirmed_after_a_word() -> None:
    text = (
        "+1 415-555-0134, 2:21:05 PM\nHi, this is Maria Gonzalez returning your call.\n\nMarcus Reyes, 2:21:10 PM\n"
        "Hi Maria, thanks for calling back. What do you do?\n\n+1 415-555-0134, 2:21:25 PM\nI'm the receiving "
        "supervisor at Bayline Grocers.\n"
    )
    turns = parse_turns(text, "dialpad.txt").turns
    assert [t.speaker for t in turns] == ["+1 415-555-0134", "Marcus Reyes", "+1 415-555-0134"]
    said = "Yes, sorry, Kiran Patel. Our Zoom shows my login."
    assert said_name("kpatel01", said, "I can only see a username. Is it Kiran?") == "Kiran Patel"


def test_a_name_given_as_its_own_sentence_or_by_the_only_voice_names_an_unnamed_label() -> None:
    said = "Yes, that's fine. Sorry, it shows my email. Sure. Thandiwe Mbeki. I'm the category manager at Kestrel."
    heard = "Could you tell me who you are and what you look after? Thanks, Thandiwe."
    assert said_name("t.mbeki@kestrelmining.co.za", said, heard) == "Thandiwe Mbeki"
    # Later in the answers, a name the other side never says is no one's: "Kestrel Mining." is a company.
    assert said_name("Speaker 1", "We are both on. Kestrel Mining. We run two plants.", "Who are you?") == ""
    # The only voice in the file, the interviewer's channel empty: its own full name is enough.
    assert said_name("Speaker 1", "Hi, yes, this is Deb Holloway. I run the practice.", "") == "Deb Holloway"


def test_a_label_line_without_the_time_every_turn_has_is_the_speaker_reading_out() -> None:
    text = (
        "[00:00:03] Dev Anand: What does your backlog look like?\n"
        "[00:00:08] Marisol Ortega: Bad. I'll read you the top rows so it's on the recording.\n"
        "Kessler Freight: invoice 20417, eighteen hundred forty dollars, nineteen days open.\n"
        "Bayline Tires: invoice 5531, no approver assigned, forty-four days.\n"
        "So that Bayline one is the problem in a nutshell.\n"
        "[00:01:41] Dev Anand: Why does it have no approver?\n"
        "[00:01:44] Marisol Ortega: The shop has no manager right now.\n"
    )
    turns = parse_turns(text, "sunbelt.txt").turns
    assert [t.speaker for t in turns] == ["Dev Anand", "Marisol Ortega", "Dev Anand", "Marisol Ortega"]
    assert "Kessler Freight: invoice 20417" in turns[1].text and turns[1].text.endswith("in a nutshell.")
    # Where turns carry no time, such a line is a speaker as before
    untimed = parse_turns(text.replace("[00:00:03] ", "").replace("[00:01:41] ", ""), "x.txt").turns
    assert "Kessler Freight" in {t.speaker for t in untimed}


def _zoom(cues: list[str]) -> bytes:
    timed = (f"{n + 1}\n00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 2:02d}.000\n{cue}\n" for n, cue in enumerate(cues))
    return ("WEBVTT\n\n" + "\n".join(timed)).encode()


def test_zoom_cues_without_a_name_are_a_voice_zoom_could_not_name_never_the_one_before() -> None:
    from voiceofbuyer.ingest.vtt_reader import read_vtt

    def said(cues: list[str]) -> list[tuple[str, str]]:
        return [(t.speaker, t.text) for t in read_vtt(_zoom(cues), "zoom.vtt").turns]

    # The buyer named, cue after cue; the interviewer (dialled in) never: the unnamed voice is nobody's quote.
    buyer_named = said(["Priya Raman: Hi, can you hear me?", "Yes. Thanks for joining, Priya.",
                        "Priya Raman: Sure. I'm the group financial controller.", "Priya Raman: We have four ledgers.",
                        "And how long does month-end take?", "Priya Raman: Nine working days.",
                        "Priya Raman: The board wants five."])  # fmt: skip
    assert {speaker for speaker, _ in buyer_named} == {"Priya Raman", "Speaker ?"}
    assert ("Speaker ?", "Yes. Thanks for joining, Priya.") in buyer_named
    # The interviewer named, asking; the buyer in a meeting room, never named: the unnamed voice answers.
    asker_named = said(["Rachel Kim: Could you introduce yourself?", "Sure. I'm Tomasz Nowak, the fleet manager.",
                        "Rachel Kim: What does your team look after?", "Maintenance scheduling, tyres, all of it.",
                        "Rachel Kim: How much do the fines come to?", "About forty thousand a year.",
                        "Sorry, could you repeat that?"])  # fmt: skip
    assert [s for s, _ in asker_named] == ["Rachel Kim", "Unknown Speaker"] * 3 + ["Speaker ?"]
    # Where only a turn's first cue is named, a cue without a name goes on with it.
    on_change = said(["Sam Ortiz: What made you look?", "Dana Lee: Our audit.", "It found three duplicates.",
                      "Sam Ortiz: And then?", "Dana Lee: We asked for quotes.", "Two came back."])  # fmt: skip
    assert [s for s, _ in on_change] == ["Sam Ortiz", "Dana Lee", "Dana Lee", "Sam Ortiz", "Dana Lee", "Dana Lee"]
    # Both named, turns of one cue each, a dial-in never named: the same name on both sides of an unnamed cue
    dial_in = said(["Aisha Karim: Thanks for joining, Daniel.", "Daniel Osei: I'm head of receivables.",
                    "Daniel Osei: The chasing is all manual.", "Sorry, can I just ask, who approves the limits?",
                    "Daniel Osei: The credit committee, monthly.", "Aisha Karim: What triggered this now?",
                    "Daniel Osei: Our DSO went up.", "Mm-hmm, yeah.", "Daniel Osei: The CFO wants one."])  # fmt: skip
    assert [s for s, _ in dial_in if s == "Speaker ?"] == ["Speaker ?"] * 2
    assert not any("who approves" in t or "Mm-hmm" in t for s, t in dial_in if s == "Daniel Osei")
    # A tool naming each paragraph (Descript) names a voice again after its own unnamed cues, never twice in a row
    paragraphs = said(["Ana Ruiz: What slows the close?", "Beatriz Costa: Remittances.", "Customers pay in bulk.",
                       "Beatriz Costa: We match them by hand.", "It takes two days.", "Ana Ruiz: Why?",
                       "Beatriz Costa: Volume.", "We get ninety a day.", "Beatriz Costa: The bank text just says",
                       "'as agreed'."])  # fmt: skip
    assert {s for s, _ in paragraphs} == {"Ana Ruiz", "Beatriz Costa"}


def test_gemini_notes_above_a_meet_transcript_leave_it_its_first_sections_time() -> None:
    """Gemini's notes tab saved above the transcript tab: the "00:00:00" right under "📖 Transcript" was read as
    notes, and every turn before "00:05:00" had no time (tester 32)."""
    text = (
        "📝 Notes\nMar 12, 2026\nSummary\nAisha Rahman described how freezer inventory is tracked.\n\n"
        "Suggested next steps\n[Sam Ortiz] Send validation pack: Send the GxP documentation to Aisha.\n\n"
        "📖 Transcript\nMar 12, 2026\nKestrel Biotech discovery - Transcript\n00:00:00\n \n"
        "Sam Ortiz: Could you start by telling us about your role?\n"
        "Aisha Rahman: I'm the lab operations director at Kestrel Biotech.\n"
        "00:05:00\n \nSam Ortiz: What would make you hesitate?\nAisha Rahman: Validation.\n"
    )
    turns = parse_turns(text, "call.txt").turns
    assert [(turn.speaker, turn.start) for turn in turns] == [
        ("Sam Ortiz", 0.0), ("Aisha Rahman", 0.0), ("Sam Ortiz", 300.0), ("Aisha Rahman", 300.0),
    ]  # fmt: skip


def test_notes_mailed_after_a_call_name_the_buyer_from_the_subject_and_leave_out_the_next_steps() -> None:
    """An e-mail of notes: "Subject: Notes: call with Marta Kowalczyk (Payroll Lead, Brightway Foods)", first names
    as labels, and a "Next steps" block that reuses them ("Marta: share a redacted overtime sheet" was her quote,
    and she had no title; tester 32)."""
    text = (
        "From: Sam Ortiz <sam.ortiz@ledgerly.io>\nSubject: Notes: call with Marta Kowalczyk (Payroll Lead, Brightway "
        "Foods)\n\nTeam - quick notes from this morning.\n\n"
        "Sam: What does your team look after?\nMarta: Payroll for 1,100 people across two bakeries.\n\n"
        "Sam: What's the worst week of the month?\nMarta: The week after month-end. I key every overtime line.\n\n"
        "Sam: Any worries?\nMarta: The shift managers are not computer people.\n\n"
        "Next steps\nSam: send the Sage integration overview\nMarta: share a redacted overtime sheet\n\nCheers,\nSam\n"
    )
    parsed = parse_turns(text, "notes.txt")
    assert parsed.turns[-1].text == "The shift managers are not computer people."
    assert (parsed.meta.interviewee, parsed.meta.title, parsed.meta.company) == (
        "Marta Kowalczyk", "Payroll Lead", "Brightway Foods"
    )  # fmt: skip


def test_a_chorus_copy_with_each_speakers_company_under_their_name_is_labelled_by_the_name() -> None:
    """Chorus: the name, the company, the time, the words, each on its own line. The company was taken for the
    speaker, and each name line was quoted as the other's words (tester 32)."""
    text = (
        "Transcript\n\n"
        "Sam Ortiz\nLedgerly\n00:04\nThanks for joining, Rosa. Could you start with your role?\n\n"
        "Rosa Delgado\nMapleton Manufacturing\n00:09\nSure, I'm the plant controller at Mapleton.\n\n"
        "Sam Ortiz\nLedgerly\n00:24\nHow does month-end work for inventory?\n\n"
        "Rosa Delgado\nMapleton Manufacturing\n00:28\nWe stop the lines on the last Saturday and count everything.\n"
    )
    turns = parse_turns(text, "chorus.txt").turns
    # the company joins the name in brackets, as recorders write it on one line: it names the buyer's company
    sam, rosa = "Sam Ortiz (Ledgerly)", "Rosa Delgado (Mapleton Manufacturing)"
    assert [(turn.speaker, turn.start, turn.text[:12]) for turn in turns] == [
        (sam, 4.0, "Thanks for j"), (rosa, 9.0, "Sure, I'm th"),
        (sam, 24.0, "How does mon"), (rosa, 28.0, "We stop the "),
    ]  # fmt: skip


def test_a_transcript_heading_above_the_first_name_and_its_time_is_no_chorus_name() -> None:
    """Fireflies: "Transcript" / "Brandon Kale" / "00:00" read as Chorus' name / company / time, so the first turn,
    which introduced the seller's colleague, was lost and she was taken for a buyer (tester 35)."""
    text = (
        "Transcript\n\n"
        "Brandon Kale\n00:00\nHey, Marisol. I've got Olivia on with me, she reached out to you on LinkedIn.\n\n"
        "Olivia Grant\n00:06\nHi Marisol! Thanks so much for taking the call.\n\n"
        "Marisol Vega\n00:09\nHi, hi. No problem.\n\n"
        "Brandon Kale\n00:12\nWhat's your role there?\n\n"
        "Marisol Vega\n00:38\nSo I'm the logistics manager. I handle outbound for our three DCs.\n"
    )
    turns = parse_turns(text, "fireflies.txt").turns
    assert [(turn.speaker, turn.start) for turn in turns][:2] == [("Brandon Kale", 0.0), ("Olivia Grant", 6.0)]


def test_notes_labelled_with_initials_name_the_buyer_from_the_sentence_that_introduces_the_call() -> None:
    """ "SO:" (Sam Ortiz) was read as the word "so", its questions went into the buyer's turns, and the buyer "WH" was
    made the interviewer; "Notes from this morning's call with Wendell Hayes (Fleet Director, Carrow Transit). SO
    led, I took notes." named no one (tester 32)."""
    text = (
        "Subject: Notes from Carrow Transit call\n\nHi all,\n\nNotes from this morning's call with Wendell Hayes "
        "(Fleet Director, Carrow Transit). SO led, I took notes.\n\n"
        "SO: What does your role cover?\nWH: Fleet director. 210 buses, three depots.\n\n"
        "SO: How do you track defects today?\nWH: Drivers fill in a paper walkaround sheet every morning.\n\n"
        "ML: How often does that happen?\nWH: Roughly two breakdowns in service a week.\n"
    )
    parsed = parse_turns(text, "notes.txt")
    assert [turn.speaker for turn in parsed.turns] == ["SO", "WH", "SO", "WH", "ML", "WH"]
    assert (parsed.meta.interviewee, parsed.meta.title) == ("Wendell Hayes", "Fleet Director")


@pytest.mark.parametrize(
    "line",
    [
        "Recording stopped by Jordan Lee",
        "Call recording and transcript powered by HubSpot Conversation Intelligence.",
        "[Kaia] Objection detected: Adoption / change management",
        "Talk Time",
        "Jordan Lee 47%",
        "tmoreno@crestlinefoods.com 53%",
        "Talk-to-listen ratio: Agent 52% / Customer 48%",
    ],
)
def test_a_sales_call_recorders_own_lines_are_no_ones_words(line):
    # each was glued to a buyer's quote or quoted alone (tester 38)
    from voiceofbuyer.ingest.tool_lines import is_tool_line

    assert is_tool_line(line)


@pytest.mark.parametrize("line", ["Freight is about 12% of revenue.", "Retail 40%", "We talk time and again about it."])
def test_speech_with_a_percentage_or_talk_is_speech(line):
    from voiceofbuyer.ingest.tool_lines import is_tool_line

    assert not is_tool_line(line)


def test_a_phone_number_or_an_email_above_its_time_labels_the_turn_and_the_caller_is_named_as_asked() -> None:
    """HubSpot: "(617) 555-0142" / "0:02" / "Speaking.": the answer was lost and the number shown as the buyer's name;
    Clari: "+1 (312) 555-0187 00:02" was split at the time's colon (tester 38)."""
    text = (
        "Transcript\n\nPriya Raman\n0:00\nHi, is this Gwen?\n(617) 555-0142\n0:02\nSpeaking.\n"
        "Priya Raman\n0:03\nHi Gwen, it's Priya with Tallyo, do you have thirty seconds?\n"
        "(617) 555-0142\n0:08\nYou've got thirty seconds.\n"
    )
    turns = parse_turns(text, "hubspot.txt").turns
    assert [(turn.speaker, turn.text) for turn in turns][:2] == [("Priya Raman", "Hi, is this Gwen?"),
                                                                  ("(617) 555-0142", "Speaking.")]  # fmt: skip
    from voiceofbuyer.ingest.labels import read_head

    head = read_head("+1 (312) 555-0187 00:02")
    assert head is not None and (head.speaker, head.time) == ("+1 (312) 555-0187", 2.0)


def test_tester_49_exports_of_meeting_notetakers_are_read_with_their_speakers():
    # MeetGeek: a buyer who joined from the browser is an e-mail address above a time range.
    meetgeek = (
        "Transcript\n\nSam Ortiz (00:00:01 - 00:00:05)\nHi, is that Harriet? What's your role?\n\n"
        "harriet.boyd@harbourline.co.uk (00:00:05 - 00:00:12)\nI'm the finance business partner for the fleet.\n\n"
        "Sam Ortiz (00:00:12 - 00:00:15)\nHow do crew claims reach you?\n\n"
        "harriet.boyd@harbourline.co.uk (00:00:15 - 00:00:30)\nAs photos on WhatsApp, mostly.\n\n"
        "This transcript was generated by MeetGeek.ai\n"
    )
    turns = parse_turns(meetgeek, "meetgeek.txt").turns
    last = ("harriet.boyd@harbourline.co.uk", "As photos on WhatsApp, mostly.")
    assert [(t.speaker, t.text) for t in turns][-1] == last
    # Bluedot: "00:00:07 | Name [Company]" above the speech, and its footer.
    bluedot = (
        "Chapters\n00:00 Intros\n00:41 How orders reach the winery\n\nTranscript\n\n"
        "00:00:02 | Sam Ortiz (Ledgerly)\nCould you remind me of your role?\n\n"
        "00:00:07 | Inês Carvalho [Quinta do Vale]\nI'm the commercial director at Quinta do Vale.\n\n"
        "00:00:15 | Sam Ortiz (Ledgerly)\nHow do orders reach you?\n\n"
        "00:00:19 | Inês Carvalho [Quinta do Vale]\nFrom importers, by email.\n\nMade with Bluedot — bluedothq.com\n"
    )
    turns = parse_turns(bluedot, "bluedot.txt").turns
    assert [(t.speaker, t.start) for t in turns] == [
        ("Sam Ortiz", 2.0), ("Inês Carvalho", 7.0), ("Sam Ortiz", 15.0), ("Inês Carvalho", 19.0)
    ]  # fmt: skip
    assert turns[-1].text == "From importers, by email."
    # Supernormal: an outline of chapters with their times above "Name: text" turns is no dialogue.
    supernormal = (
        "Outline\nIntro and small talk (00:00)\nHow invoices arrive today (01:12)\nMonth-end close (05:40)\n"
        "What would make them switch (09:55)\n\nTranscript\nSam Ortiz: Can you start with your role?\n"
        "Jana Novak: I'm the accounts payable lead at Halden Freight.\nSam Ortiz: How do invoices come in?\n"
        "Jana Novak: As PDFs to a shared inbox.\n\n"
        "Supernormal · Notes generated automatically, please review for accuracy.\n"
    )
    turns = parse_turns(supernormal, "supernormal.txt").turns
    assert [t.speaker for t in turns] == ["Sam Ortiz", "Jana Novak"] * 2
    assert turns[-1].text == "As PDFs to a shared inbox."


def test_a_buyers_recorded_answers_as_captions_without_names_are_the_buyers():
    from voiceofbuyer.ingest.vtt_reader import read_vtt

    said = [
        "Hey Sam, it's Priya Shah from Halden Clinics. So you sent me",
        "a few questions and I thought it would be quicker to just record a Loom",
        "than type it all out, so, here we go. Um.",
        "Quick context, I'm the revenue cycle manager at Halden, we're twelve",
        "outpatient clinics, and I look after billing and collections for all of them.",
        "Your first question was how denied claims get handled today. Honestly, badly.",
        "My team opens every single remittance file by hand.",
    ]
    vtt = "WEBVTT\n\n" + "".join(f"{n}\n00:00:{4 * n:02d}.000 --> 00:00:{4 * n + 4:02d}.000\n{line}\n\n"
                                 for n, line in enumerate(said, start=1))  # fmt: skip
    parsed = read_vtt(vtt.encode(), "loom.vtt")
    assert {turn.speaker for turn in parsed.turns} == {"Interviewee"} and len(parsed.turns) == len(said)
    assert (parsed.meta.interviewee, parsed.meta.title) == ("Priya Shah", "Revenue Cycle Manager")


def test_the_title_a_list_of_participants_shows_beside_the_buyer_is_theirs():
    from voiceofbuyer.ingest.speaker_names import listed_title

    text = (
        "Ledgerly <> Okonjo Pharma | Discovery\nParticipants\nSam Ortiz (Ledgerly) – Account Executive\n"
        "Adaeze Okonjo (Okonjo Pharma) – Procurement Lead\n\nSam Ortiz\n0:03\nWhat do you do?\n\n"
        "Adaeze Okonjo\n0:07\nI run procurement for our two sites.\n\nSam Ortiz\n0:12\nHow do you buy?\n\n"
        "Adaeze Okonjo\n0:15\nBy tender, mostly.\n"
    )
    turns = parse_turns(text, "chorus.txt").turns
    assert listed_title(text, turns, "Adaeze Okonjo") == "Procurement Lead"
    assert listed_title(text, turns, "Sam Ortiz") == "Account Executive"
    assert listed_title(text, turns, "Ada Lovelace") == ""
    # An attendees line lists people, no title.
    attendees = "Attendees\nFatima Al-Sayed, Jonas Weber\n\nJonas Weber: What do you do?\nFatima Al-Sayed: I run AP.\n"
    assert listed_title(attendees, parse_turns(attendees, "meet.txt").turns, "Fatima Al-Sayed") == ""
    # A note-taker's summary sentence about the buyer lists no one (tester 54: Read.ai's "Procurement Manager" beat
    # the "category manager" he said he was)
    summary = (
        "Summary\nMarcus Lindqvist, Procurement Manager at Halden, described a supplier onboarding process.\n\n"
        "Alicia Moreno: What do you do?\nMarcus Lindqvist: I'm a category manager in indirect procurement.\n"
        "Alicia Moreno: How do suppliers join?\nMarcus Lindqvist: By a Word form we email them.\n"
    )
    assert listed_title(summary, parse_turns(summary, "read.txt").turns, "Marcus Lindqvist") == ""


def test_a_transcript_printed_to_pdf_reads_without_the_pages_furniture():
    """A transcript printed from the browser to PDF: the date and the page's address with its number at the foot of
    every page, lines wrapped at the page's width, a speaker's line at the foot of one page over their words at the
    top of the next, and typeset ligatures ("ﬁle")."""
    from pathlib import Path

    from voiceofbuyer.ingest.pdf_reader import read_pdf

    parsed = read_pdf((Path(__file__).parent / "fixtures" / "browser-printed-transcript.pdf").read_bytes(), "p.pdf")
    assert [t.speaker for t in parsed.turns[:2]] == ["Priya Raman", "Ines Marlow"] and parsed.turns[1].start == 9.0
    assert "otter.html" not in parsed.text and "PM\n" not in parsed.text and "ﬁ" not in parsed.text
    assert "not hand us a file to\nimport." in parsed.text
    across = parsed.turns[-3]  # "Ines Marlow  1:56" ends page 1, her words open page 2
    assert (across.speaker, across.start) == ("Ines Marlow", 116.0) and across.text.startswith("We trialled a scanning")
    assert parsed.turns[-1].text == "You're welcome, good luck with the research."  # "Transcribed by" is the tool's


def test_a_pdf_keeps_speaker_lines_at_page_edges_and_joins_words_hyphenated_at_line_ends():
    """Tester 55: "Renata Okafor  4:02" at the foot of two pages was taken for a running footer (digits aside) and
    left out, so the interviewer's question went into her answer; "opera-" / "tions" was quoted "opera- tions"; a
    Teams print's avatar initials ("TW Tomasz Wiśniewski (External) 2:08") were part of the name; a one-page
    browser print's date and address ended the last quote."""
    from voiceofbuyer.ingest.pdf_reader import _unhyphenated, _without_avatar, _without_furniture

    pages = [["Title of the call", "Sam Whitaker  1:02", "What happened?", "Renata Okafor  1:05"],
             ["It broke.", "Sam Whitaker  2:02", "And then?", "Renata Okafor  4:02"],
             ["We moved.", "Sam Whitaker  5:10", "Thanks.", "Renata Okafor  5:12", "Bye.",
              "12/8/26, 12:12 AM Interview - Zoom", "file:///C:/calls/zoom.html 3/3"]]  # fmt: skip
    kept = _without_furniture(pages)
    assert kept[0][-1] == "Renata Okafor  1:05" and kept[1][-1] == "Renata Okafor  4:02"
    assert kept[2][-1] == "Bye."  # the browser's own lines, at the foot of the page
    running = [[f"Interview – Brightwell · {n}", f"Sam: Question {'abc'[n - 1]}?", f"Dana: Answer {'abc'[n - 1]}."]
               for n in (1, 2, 3)]  # fmt: skip
    assert [lines[0] for lines in _without_furniture(running)] == ["Sam: Question a?", "Sam: Question b?",
                                                                   "Sam: Question c?"]  # fmt: skip
    assert _unhyphenated(["the opera-", "tions of the site", "a per-", "employee price", "con-", "tractors."]) == [
        "the operations", "of the site", "a per-employee", "price", "contractors."]  # fmt: skip
    assert _without_avatar("TW Tomasz Wiśniewski (External) 2:08") == "Tomasz Wiśniewski (External) 2:08"
    assert _without_avatar("IT Infrastructure handles it, 2:08 every night") == (
        "IT Infrastructure handles it, 2:08 every night"
    )
