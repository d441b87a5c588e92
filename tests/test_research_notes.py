"""Researchers' own typed material that a tester met (tester K): a header that names the participant under the
label that also opens their turns, an editor's "[sic]", a note-taker's "((observation))" and "[paraphrased]" line,
"R's summary:", a heading that calls the interview a research session."""

from __future__ import annotations

from pathlib import Path

import pytest

from voiceofbuyer.annotations import structural_removals
from voiceofbuyer.cleanup import apply_cleanup
from voiceofbuyer.ingest.headings import heading_person
from voiceofbuyer.ingest.reader import read_interview
from voiceofbuyer.ingest.speaker_vote import metadata_label
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.records import Interview


def test_a_header_naming_the_participant_under_the_label_of_their_turns_is_metadata() -> None:
    text = (
        "Dunmore Distribution – WMS research interview\nParticipant: Kwame Asante, Head of Warehouse Operations, "
        "Dunmore Distribution\nInterviewer: Lucy Harrington\nDate: 28 May 2025\n\nInterviewer:\nThanks for doing "
        "this, Kwame. How is stock tracked?\n\nParticipant:\nOn a WMS from 2011.\n\nInterviewer: Thanks Kwame\n"
    )
    parsed = parse_turns(text, "dunmore.txt")
    turns, meta = parsed.turns, parsed.meta
    assert [(t.speaker, t.text) for t in turns][:2] == [
        ("Interviewer", "Thanks for doing this, Kwame. How is stock tracked?"),
        ("Participant", "On a WMS from 2011."),
    ]
    assert (meta.interviewee, meta.title, meta.interviewer) == ("Kwame Asante", "Head of Warehouse Operations",
                                                                "Lucy Harrington")  # fmt: skip
    # The first words said are no header: "Interviewer: Thanks Kwame" opens a turn.
    parsed = parse_turns("Interviewer: Thanks Kwame\nParticipant: Sure.\nInterviewer: And stock?\n", "x.txt")
    turns, meta = parsed.turns, parsed.meta
    assert [t.speaker for t in turns] == ["Interviewer", "Participant", "Interviewer"] and not meta.interviewee


def test_an_editors_sic_a_live_observation_and_a_paraphrased_line_are_no_ones_words() -> None:
    said = (
        "They went back to WhatsApp in about a month [sic – earlier said six weeks]. ((visibly worried – long "
        "pause)) We need it on phones.\n[paraphrased] Said the LIMS vendor quoted eighteen months."
    )
    cleaned = apply_cleanup(said, 0, len(said), structural_removals(said, 0))
    assert cleaned == "They went back to WhatsApp in about a month. We need it on phones."


def test_a_note_takers_summary_and_a_research_sessions_heading() -> None:
    assert metadata_label("R's summary") and metadata_label("Sam’s notes")
    assert not metadata_label("Dana's Phone")  # a device named after its owner: a person speaking
    person = heading_person(["Research session 7 – Dr Aisha Rahman, Head of Pathology Operations, Eastfield"])
    assert person is not None and (person.name, person.title) == ("Dr Aisha Rahman", "Head of Pathology Operations")
    # a transcriber's header line: "Transcript: <name>, <title>, <company>"
    person = heading_person(["Transcript: Kofi Asante, plant controller, Delmar Foods (Stockton site)"])
    assert person is not None and (person.name, person.title) == ("Kofi Asante", "plant controller")
    assert heading_person(["Interview transcript – Mei Lin, Head of Payroll, Orbis Health"]) is not None
    assert heading_person(["Transcript: Quarterly planning call, Acme Logistics"]) is None
    # a company and a job but no one named ("participant asked for no names"): the job is the interviewee's
    person = heading_person(["Customer Interview #4 – Harbourline Marine, Finance Director"])
    assert person is not None and (person.name, person.title, person.company) == (
        "",
        "Finance Director",
        "Harbourline Marine",
    )
    for heading, name in (
        ("Transcript of call with Sunil Varma, Warehouse Operations Manager, Tidewater", "Sunil Varma"),
        ("Customer Interview #4 – Sunita Rao, IT Service Delivery Manager, Corvel Health", "Sunita Rao"),
        ("Interview transcript – Dr. Amara Okafor, Director of Laboratory Services, St. Brigid's", "Dr. Amara Okafor"),
    ):
        person = heading_person([heading])
        assert person is not None and person.name == name and person.interview


def test_a_research_repositorys_highlights_are_the_participants_words() -> None:
    from voiceofbuyer.ingest.csv_reader import read_csv

    dovetail = (
        "Title,Comment,Highlight,Tags,Participant,Participant role,Timestamp\n"
        'Lost jobs,STRONG – use in deck,"A ward sister rings at seven, and the pad goes home.",pain-point,'
        "Bethany Okafor,Facilities Manager,00:04:55\n"
        "CAFM,,We bought a CAFM system in 2019 and nobody uses it.,objection,Bethany Okafor,Facilities Manager,"
        "00:11:48\n"
    )
    parsed = read_csv(dovetail.encode(), "dovetail.csv")
    assert [(t.speaker, t.text, t.start) for t in parsed.turns] == [
        ("Bethany Okafor", "A ward sister rings at seven, and the pad goes home.", 295.0),
        ("Bethany Okafor", "We bought a CAFM system in 2019 and nobody uses it.", 708.0),
    ]
    assert (parsed.meta.interviewee, parsed.meta.title) == ("Bethany Okafor", "Facilities Manager")


def test_an_interview_log_gives_the_question_and_the_response_of_each_row() -> None:
    from voiceofbuyer.ingest.csv_reader import read_csv

    log = (
        "Customer interview log,,,\n"
        '"Participant: Gloria Pruitt – Director of Facilities, Mercy Ridge",,,\n'
        "Interviewer: Dana Whitfield   Date: 14/03/2025,,,\n"
        ",,,\n"
        "#,Question,Response,Researcher notes\n"
        "1,What happens with planned maintenance?,The binder is the system.,Shows no system at all\n"
    )
    parsed = read_csv(log.encode(), "log.csv")
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Interviewer", "What happens with planned maintenance?"),
        ("Participant", "The binder is the system."),
    ]
    meta = parsed.meta
    assert (meta.interviewee, meta.title, meta.interviewer) == (
        "Gloria Pruitt",
        "Director of Facilities",
        "Dana Whitfield",
    )


def test_note_apps_exports_notion_toggles_asides_obsidian_links_tags_and_callouts() -> None:
    notion = (
        "# Interview – Ingrid Solberg\n\nRole: Senior Manager, Strategic Sourcing\n\n<aside>\n💡 Ingrid joined "
        "late.\n\n</aside>\n\n- **How do you qualify a new supplier today?**\n    \n    We send a questionnaire "
        "in Excel.\n    \n    <aside>\n    📌 Obs: she laughed here.\n    \n    </aside>\n    \n- **What would "
        "make you hesitate?**\n    \n    Validation, above all.\n"
    )
    parsed = parse_turns(notion, "notion.md")
    turns, meta = parsed.turns, parsed.meta
    assert [(t.speaker, t.text) for t in turns] == [
        ("Interviewer", "How do you qualify a new supplier today?"),
        ("Interviewee", "We send a questionnaire in Excel."),
        ("Interviewer", "What would make you hesitate?"),
        ("Interviewee", "Validation, above all."),
    ]
    assert (meta.interviewee, meta.title) == ("Ingrid Solberg", "Senior Manager, Strategic Sourcing")
    obsidian = (
        "**[[Nora Feld]]:** What's your role?\n\n**[[Sipho Dlamini]]:** I'm the export logistics manager. #role\n\n"
        "> [!note] Observation\n> Sipho showed a WhatsApp group.\n\n**[[Nora Feld]]:** Where does it get hard?\n"
    )
    turns = parse_turns(obsidian, "obsidian.md").turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Nora Feld", "What's your role?"),
        ("Sipho Dlamini", "I'm the export logistics manager. #role"),
        ("Nora Feld", "Where does it get hard?"),
    ]
    said = turns[1].text
    assert apply_cleanup(said, 0, len(said), structural_removals(said, 0)) == "I'm the export logistics manager."
    kept = "We are the #1 supplier, and C# is our language."
    assert apply_cleanup(kept, 0, len(kept), structural_removals(kept, 0)) == kept


@pytest.mark.parametrize(
    ("note", "tool"),
    [
        ("[Observer note – Sam K.] Strong signal on per-seat pricing. Follow up re: Viewpoint.", "UserTesting"),
        ("[Highlight · Pain · long cycle times]", "Great Question"),
        ("NOTE (Jonas): participant found existing contract in ~20s, did not use filters.", "Great Question"),
        ("📝 Note by Mira: 310 apps found vs ~60 approved — great stat for the deck", "Looppanel"),
        ("> 💡 Insight: Forecast relies on memory of dept heads", "Notably"),
        # tester 42's
        ('Observer — Grace: she rolled her eyes at "paper", strong emotion here', "Condens"),
        ("🏷 Tags: pain · manual-entry · accessorials", "Condens"),
        ("[Condens · Highlight · Pain · Detention disputes]", "Condens"),
        ("Note-taker (Grace): asked about pricing after the session", "Condens"),
        ("Observer comment — Grace Whitmore: would pay per invoice, not per seat?", "Condens"),
        ("> **Insight** · Missed clock-outs drive both overpayment AND wage-claim risk (Priya)", "Lookback"),
        ("(Tagged by Priya Sundaram: #objection #battery #adoption)", "Great Question"),
    ],
)
def test_a_research_tools_note_line_after_an_answer_is_no_ones_words(note: str, tool: str) -> None:
    """Tester 39: each was quoted as the buyer's, "[Observer note ...]" filed as a criterion."""
    said = f"We had approved about sixty. So, often.\n\n{note}\n"
    assert (
        apply_cleanup(said, 0, len(said), structural_removals(said, 0)) == "We had approved about sixty. So, often."
    ), tool


def test_a_note_said_within_a_sentence_is_speech() -> None:
    for kept in ("We got a note by legal: no auto-renewals.", "The notes from the call: nothing new.",
                 "Comments from the team: mostly fine.", "Note: we never pay late."):  # fmt: skip
        assert apply_cleanup(kept, 0, len(kept), structural_removals(kept, 0)) == kept


def test_prompts_written_in_italics_are_the_interviewers_and_the_plain_paragraphs_the_answers() -> None:
    notes = (
        "_Asked her to describe the AP team._\n\nThere are five of us.\n\n_She sighed twice._\n\n"
        "_Asked how invoices arrive._\n\nEmail, mostly, into a shared inbox.\n"
    )
    turns = parse_turns(notes, "notes.md").turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Interviewer", "Asked her to describe the AP team."),
        ("Interviewee", "There are five of us."),
        ("Interviewer", "Asked how invoices arrive."),
        ("Interviewee", "Email, mostly, into a shared inbox."),
    ]


def test_a_researchers_note_rows_and_a_tables_section_rows_are_no_ones_words(tmp_path) -> None:
    import docx

    from voiceofbuyer.ingest.csv_reader import read_csv
    from voiceofbuyer.ingest.reader import read_interview

    sheet = (
        "Time,Speaker,Text\n00:01,Sam,What slows payroll down?\n00:05,Dana Link,Overtime rules in three unions.\n"
        "00:09,NOTE,Visibly frustrated.\n00:12,Researcher note,KEY INSIGHT: wants a rules engine.\n"
    )
    assert [t.speaker for t in read_csv(sheet.encode(), "log.csv").turns] == ["Sam", "Dana Link"]
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Interviewer", "What breaks first?"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Rhys", "The rota, every single week."
    table.rows[2].cells[0].merge(table.rows[2].cells[1]).text = "Part 2 – Problems"
    document.save(tmp_path / "table.docx")
    interview = read_interview(tmp_path / "table.docx", tmp_path)
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("Interviewer", "What breaks first?"),
        ("Rhys", "The rota, every single week."),
    ]


def test_a_google_docs_pages_comments_and_a_header_line_of_several_fields() -> None:
    from voiceofbuyer.ingest.html_reader import read_html

    page = (
        "<html><body><p>Interview notes – Northline Cold Storage</p><p>Date: 12 March 2025 · Interviewer: Rachel Tan"
        " · Interviewee: Brendan Kowalczyk, Warehouse Manager</p><p>Q: How do carriers book a slot?</p>"
        '<p>A: They ring my clerks.<sup><a href="#cmnt1" id="cmnt_ref1">[a]</a></sup></p>'
        '<div><p><a href="#cmnt_ref1" id="cmnt1">[a]</a><span>Yard dwell time – ask for the number</span></p></div>'
        "</body></html>"
    )
    parsed = read_html(page.encode(), "notes.html")
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Q", "How do carriers book a slot?"),
        ("A", "They ring my clerks."),
    ]
    assert (parsed.meta.interviewee, parsed.meta.title, parsed.meta.date) == (
        "Brendan Kowalczyk", "Warehouse Manager", "12 March 2025",
    )  # fmt: skip


def test_a_word_documents_italic_asides_and_a_line_of_the_participants_parts(tmp_path) -> None:
    import docx

    from voiceofbuyer.ingest.reader import read_interview

    document = docx.Document()
    document.add_paragraph("Ruth Adeyemi · Procurement Lead · Harlow County Council · 8 May 2025")
    document.add_heading("How does a purchase request start today?", level=3)
    document.add_paragraph("Someone fills in a Word form and emails it to the inbox.")
    document.add_paragraph().add_run("She opened the form on screen while talking.").italic = True
    document.add_heading("What made you look now?", level=3)
    document.add_paragraph("The internal audit report in January.")
    document.save(tmp_path / "notes.docx")
    interview = read_interview(tmp_path / "notes.docx", tmp_path)
    assert [t.text for t in interview.turns if t.speaker != "Interviewer"] == [
        "Someone fills in a Word form and emails it to the inbox.",
        "The internal audit report in January.",
    ]
    assert (interview.meta.interviewee, interview.meta.title) == ("Ruth Adeyemi", "Procurement Lead")


def test_a_groups_notes_give_each_answer_to_the_one_it_names_and_italic_bullets_are_notes() -> None:
    notes = (
        "## What does each of you do?\n\n- **Kim:** I'm the accounts receivable manager.\n- **Raj:** Credit "
        "analyst.\n\n## How do you chase overdue invoices?\n\n- **Kim:** Reminder letters, then calls.\n"
        "- *Both laughed at this – clearly a known frustration.*\n"
    )
    turns = parse_turns(notes, "group.md").turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Interviewer", "What does each of you do?"),
        ("Kim", "I'm the accounts receivable manager."),
        ("Raj", "Credit analyst."),
        ("Interviewer", "How do you chase overdue invoices?"),
        ("Kim", "Reminder letters, then calls."),
    ]


LIVE_LOG = """Call log – Pinecrest Senior Living
Interviewee: Denise Varga, Executive Director
Interviewer: Hamid Sultani
{convention}

10:02  Q: Tell me about the community and your role.
10:03  She runs the whole building: 120 residents, 85 staff.
10:03  "I'm the executive director, which means everything from the roof to the menu is mine."
10:05  Q: How do you build the staff schedule?
10:05  Says it is a whiteboard. Calls it "the board" and says "my boss said fix it" about it.
10:06  "Every Sunday night I'm texting people begging them to pick up a shift."
10:08  Q: What does that cost you?
10:08  9:30 every Monday the agency invoice lands, "and it's double what our own people cost."
"""


def _interview(tmp_path: Path, text: str) -> Interview:
    (tmp_path / "log.txt").write_text(text, "utf-8")
    return read_interview(tmp_path / "log.txt", tmp_path)


def test_where_notes_say_only_quoted_words_are_verbatim_the_paraphrase_is_nobodys(tmp_path: Path) -> None:
    convention = 'Lines in "double quotes" are her exact words; the rest is my shorthand.'
    interview = _interview(tmp_path, LIVE_LOG.format(convention=convention))
    said = [turn.text for turn in interview.turns if turn.speaker == "Denise Varga"]
    assert said == [
        "I'm the executive director, which means everything from the roof to the menu is mine.",
        "my boss said fix it",  # three words or more; "the board" is a term the writer quotes
        "Every Sunday night I'm texting people begging them to pick up a shift.",
        "and it's double what our own people cost.",
    ]
    asked = [turn.text for turn in interview.turns if turn.speaker == "Hamid Sultani"]
    assert asked[0] == "Tell me about the community and your role." and len(asked) == 3  # the log's times left out


def test_a_convention_line_is_no_label_and_a_third_persons_quoted_words_are_not_the_interviewees(tmp_path) -> None:
    """Tester 39: "Convention: Ben's own words are in ..." was read as a speaker's label, so the notes were refused
    as a document; once read, the ops director's and the CFO's quoted words were Ben's pain."""
    notes = (
        "# Discovery call – Ben Adler, Head of IT, Mosaic Dental Group\n\nInterviewer: Rhea Castillo\n"
        'Convention: Ben\'s own words are in "double quotes"; everything else is my paraphrase.\n\n## Trigger\n'
        "- Last summer a practice's imaging licence lapsed, X-rays down for a day.\n"
        '- The regional ops director called him: "We had eleven patients in chairs and no imaging." (Ben quoting '
        "her.)\n"
        '- Ben: "That was the day I got a budget."\n'
        '- CFO told him: "I\'ll approve anything that stops another imaging outage."\n'
        '- The COO\'s verdict on it (quoting him): "We are not buying another tool the therapists hate."\n'
        '- Per his IT manager, "we are not adding another login to the practices this year."\n'
        "- I suggested a shared calendar. He said he'd tried it: \"The calendar only works if someone types the "
        'dates in."\n- Spreadsheet of contracts. "I don\'t trust my own spreadsheet, and I built it."\n'
        '- "Every practice we acquire comes with its own software, its own contracts."\n'
    )
    (tmp_path / "ben.md").write_text(notes, "utf-8")
    interview = read_interview(tmp_path / "ben.md", tmp_path)
    assert [turn.text for turn in interview.turns] == [
        "That was the day I got a budget.",
        "The calendar only works if someone types the dates in.",
        "I don't trust my own spreadsheet, and I built it.",
        "Every practice we acquire comes with its own software, its own contracts.",
    ]
    assert interview.meta.interviewee == "Ben Adler"


def test_notes_without_labels_that_declare_the_convention_quote_only_the_quoted_words(tmp_path: Path) -> None:
    notes = (
        "# Discovery call – Olu Bankole, AP Lead, Redgate Construction\n\n**Date:** 19 June 2025\n"
        "**Interviewer:** Freya Lund\n\n_Convention: text inside “curly quotes” is Olu's exact words; everything "
        "else in these notes is my paraphrase._\n\n## Current process\n- Runs AP for three entities, 2,400 invoices "
        "a month.\n- “We're drowning in PDFs. Every subbie sends a different template.”\n\n## Pain\n- Said the CIS "
        "checks take two days.\n- “If I get a CIS verification wrong, HMRC comes after us, not the subbie.”\n"
    )
    (tmp_path / "olu.md").write_text(notes, "utf-8")
    interview = read_interview(tmp_path / "olu.md", tmp_path)
    assert [(turn.speaker, turn.text) for turn in interview.turns] == [
        ("Interviewee", "We're drowning in PDFs. Every subbie sends a different template."),
        ("Interviewee", "If I get a CIS verification wrong, HMRC comes after us, not the subbie."),
    ]
    assert interview.meta.interviewee == "Olu Bankole" and interview.meta.title == "AP Lead"
    assert not interview.unlabelled  # the notes say whose the quoted words are: no guess


def test_without_that_convention_a_buyer_quoting_someone_is_still_the_buyer_speaking(tmp_path: Path) -> None:
    interview = _interview(tmp_path, LIVE_LOG.format(convention="Typed live during the call."))
    said = [turn.text for turn in interview.turns if turn.speaker == "Denise Varga"]
    assert 'Says it is a whiteboard. Calls it "the board" and says "my boss said fix it" about it.' in said
    # in a log whose lines open with the time, an answer's time is no word of it; a time said in the answer is
    assert said[-1].startswith("9:30 every Monday the agency invoice lands")
    assert not any(text.startswith("10:") for text in said)


def test_bold_prompts_among_bold_questions_and_bracketed_interviewer_words_are_the_interviewers() -> None:
    notes = (
        "# Churn research - call 5\n\n**Thanks for joining. What's your role?**\n\nI'm the head of customer "
        "success.\n\n**How do you spot an account about to churn?**\n\nMostly gut feel.\n\n**The budget side of "
        "things.**\n\nRenewal is in September.\n\n**Key takeaways**\n\n- Gainsight under-used\n"
    )
    turns = parse_turns(notes, "call5.md").turns
    said = [t.text for t in turns if t.speaker == "Interviewee"]
    assert said == ["I'm the head of customer success.", "Mostly gut feel.", "Renewal is in September."]
    assert "The budget side of things." in [t.text for t in turns if t.speaker == "Interviewer"]
    bracketed = (
        "Transcriber's note: the interviewer's words are in square brackets.\n\n[Thanks for doing this, Kofi. Can "
        "you start with your role?]\n\nSure. I'm the plant controller at Delmar Foods.\n\n[Okay.]\n\nMost of that "
        "is yield.\n\n[So where does the yield data come from today?]\n\nClipboards, and [inaudible] Excel.\n"
    )
    turns = parse_turns(bracketed, "kofi.txt").turns
    assert [t.text for t in turns if t.speaker == "Interviewer"] == [
        "Thanks for doing this, Kofi. Can you start with your role?", "Okay.",
        "So where does the yield data come from today?",
    ]  # fmt: skip
    assert [t.text for t in turns if t.speaker == "Interviewee"][-1] == "Clipboards, and [inaudible] Excel."


def test_a_mail_quoted_inside_a_turn_is_not_the_speakers_words_a_block_quote_is() -> None:
    notes = (
        "Hannah: Have you asked your current vendor about it?\n"
        "Gloria: I did. I'll read you what they sent back.\n"
        "> Thank you for reaching out. At this time our platform does not\n"
        "> support routing work orders across multiple sites.\n"
        ">\n"
        ">> Does your system let a teacher submit a request?\n"
        "Nothing has changed since, and our renewal is in August.\n"
        "Hannah: What would you need from a replacement?\n"
        "Gloria: Something the teachers can use.\n"
        "> We're drowning in requests.\n"
    )
    turns = parse_turns(notes, "notes.txt").turns
    gloria = " ".join(t.text for t in turns if t.speaker == "Gloria")
    assert "Thank you for reaching out" not in gloria and "teacher submit" not in gloria
    assert "our renewal is in August." in gloria
    assert "> We're drowning in requests." in gloria  # one line, no mail's marks: the speaker's own


def test_a_thank_you_or_a_mail_read_out_inside_a_transcript_is_said_not_a_letters_end() -> None:
    double_spaced = (
        "Sam: Thanks for your time today.\n\nDana: Thank you.\n\nSam: One last question: when do you renew?\n\n"
        "Dana: October at the latest.\n"
    )
    assert parse_turns(double_spaced, "call.txt").turns[-1].text == "October at the latest."
    read_out = (
        "Rosa: What happens when they sit too long?\n"
        "Craig: Suppliers put us on stop. I'll read you the one from last Friday.\n"
        "From: Harbour Fuels credit control\nSent: Friday 16:52\nTo: Accounts Payable\n"
        "Your account is on stop. And that was four hundred litres of diesel we couldn't get.\n"
        "Rosa: What would fix it?\nCraig: Seeing which bus an invoice is for.\n"
    )
    craig = " ".join(t.text for t in parse_turns(read_out, "call.txt").turns if t.speaker == "Craig")
    assert "four hundred litres of diesel" in craig


def test_a_heading_naming_a_company_and_a_job_gives_the_job_and_no_name() -> None:
    notes = (
        "Customer Interview #4 – Harbourline Marine, Finance Director\nInterviewer: Owen Pryce\n\n"
        "Interviewer: To start, what's your remit?\nCustomer: I run finance here, a team of six.\n"
        "Interviewer: What does month end look like?\nCustomer: Long. We close on working day twelve.\n"
    )
    parsed = parse_turns(notes, "customer-interview-04.txt")
    assert (parsed.meta.interviewee, parsed.meta.title, parsed.meta.company) == (
        "",
        "Finance Director",
        "Harbourline Marine",
    )


def test_a_section_header_after_a_double_dash_divider_is_no_ones() -> None:
    notes = (
        "Q: Any concerns?\nA: The operators. And the tablets have to survive the wash-down.\n\n"
        "--\nFollow-up call, 19 June (5 min):\nQ: Budget?\nA: About forty thousand is set aside.\n"
    )
    parsed = parse_turns(notes, "notes.txt")
    answers = [turn.text for turn in parsed.turns if turn.speaker == "A"]
    assert answers == [
        "The operators. And the tablets have to survive the wash-down.",
        "About forty thousand is set aside.",
    ]


def test_an_interviewer_line_with_the_calls_details_after_dots_names_the_interviewer_alone() -> None:
    """ "Interviewer: Priya Desai · 14 May 2025 · video call, 35 min" under a heading naming the buyer (tester Y: the
    date and length had been the interviewer's name, so the heading's buyer was not taken)."""
    notes = (
        "# Interview notes – Carla Jiménez, Payroll Manager, Vantage Foods\n\n"
        "Interviewer: Priya Desai · 14 May 2025 · video call, 35 min\n\n"
        "## How do you run payroll today?\n\nWeekly for the plants, on an on-prem system from 2011.\n\n"
        "## What went wrong most recently?\n\nA union pay rise was backdated three months.\n\n"
        "## What have you tried?\n\nWe asked for a quote to upgrade the current system.\n"
    )
    parsed = parse_turns(notes, "carla.md")
    assert (parsed.meta.interviewee, parsed.meta.title, parsed.meta.interviewer) == (
        "Carla Jiménez",
        "Payroll Manager",
        "Priya Desai",
    )


UNMODERATED = """UserTesting – Unmoderated test
Test: Vendor onboarding prototype v3
Contributor: 4417302 · Device: Desktop (Chrome, Windows)

Task 1 of 3
Please introduce yourself: your name, your job title, and what your company does.

00:00:04
Hi, my name is Carla Mendes, I'm an IT manager at Brightline Plastics.

00:00:19
I manage a team of three, we do everything.

Task 2 of 3
Open the prototype and start a vendor review. Remember to think out loud.

00:00:41
Okay, I don't love a risk score I didn't calculate myself.
My auditor would ask me the same thing.

Task 3 of 3
Would you use something like this at your company?

[00:02:48] Probably, if it works with our Microsoft sign-in.
"""


def test_an_unmoderated_tests_prompts_are_asked_and_its_stamped_think_aloud_is_the_participants() -> None:
    """Tester 39: the header's "Test:" and "Contributor:" were taken for the speakers and every word said was lost."""
    parsed = parse_turns(UNMODERATED, "usertesting.txt")
    assert [(t.speaker, t.text, t.start) for t in parsed.turns] == [
        ("Interviewer", "Please introduce yourself: your name, your job title, and what your company does.", None),
        ("Interviewee", "Hi, my name is Carla Mendes, I'm an IT manager at Brightline Plastics.", 4.0),
        ("Interviewee", "I manage a team of three, we do everything.", 19.0),
        ("Interviewer", "Open the prototype and start a vendor review. Remember to think out loud.", None),
        ("Interviewee", "Okay, I don't love a risk score I didn't calculate myself.\nMy auditor would ask me the same "
         "thing.", 41.0),
        ("Interviewer", "Would you use something like this at your company?", None),
        ("Interviewee", "Probably, if it works with our Microsoft sign-in.", 168.0),
    ]  # fmt: skip
    assert parsed.meta.interviewee == "Carla Mendes" and not parsed.unlabelled
    # a moderated session with question headings is read by its labels, as before
    moderated = UNMODERATED.replace("00:00:04\n", "00:00:04 Carla Mendes: ").replace("00:00:19\n", "00:00:19 Dana: ")
    assert {t.speaker for t in parse_turns(moderated, "moderated.txt").turns} >= {"Carla Mendes", "Dana"}


def test_a_highlight_tagged_note_is_the_researchers_and_the_company_column_names_the_buyers(tmp_path: Path) -> None:
    """EnjoyHQ: a row typed by the researcher and tagged "note" was filed as the buyer's objection (tester 39)."""
    rows = (
        "Document,Participant,Participant role,Company,Highlight,Tags\n"
        'Interview,Tom Redding,Finance Director,Harbor & Pike,"We close the books in seven days.",pain; close\n'
        'Interview,Tom Redding,Finance Director,Harbor & Pike,"Researcher asked about pricing; he said flat fee '
        'preferred.",note\n'
        "Interview,Tom Redding,Finance Director,Harbor & Pike,\"If it can't post to Sage, I'm out.\",key insight\n"
    )
    (tmp_path / "enjoyhq.csv").write_text(rows, "utf-8")
    interview = read_interview(tmp_path / "enjoyhq.csv", tmp_path)
    kept = [t.text for t in interview.turns]
    assert kept == ["We close the books in seven days.", "If it can't post to Sage, I'm out."]
    assert (interview.meta.title, interview.meta.company) == ("Finance Director", "Harbor & Pike")


def test_a_note_filed_under_a_category_is_no_speaker_and_its_quote_is_the_interviewees(tmp_path: Path) -> None:
    """Tester 42: "Objection: "..."" in mailed notes that declare their quoting was the speaker, and the interview
    lost (the profile read "Objection")."""
    notes = (
        "Subject: Interview notes: Olu Bankole, AP Lead, Redgate Construction\n\n"
        "Verbatim bits are in quote marks, the rest is my shorthand.\n\n"
        'Biggest pain is lien waivers. "We can\'t release a payment until the lien waiver is in."\n\n'
        "Objection: \"Every tool we've looked at needs the subs to log into a portal, and my subs will not log into "
        'anything."\n'
    )
    (tmp_path / "olu.txt").write_text(notes, "utf-8")
    interview = read_interview(tmp_path / "olu.txt", tmp_path)
    assert [turn.text for turn in interview.turns] == [
        "We can't release a payment until the lien waiver is in.",
        "Every tool we've looked at needs the subs to log into a portal, and my subs will not log into anything.",
    ]
    assert {turn.speaker for turn in interview.turns} == {"Interviewee"}


def test_a_note_takers_or_observers_own_label_still_names_a_speaker() -> None:
    """A note's word as a speaker's label ("Observer:", "Note-taker:") is no note to remove: with "observer" taken
    for a note, "[00:01:29] Observer: ... What does your current provider charge?" was quoted as the buyer's."""
    turns = parse_turns(
        "[00:00:04] Moderator: What is the hardest part?\n[00:00:09] P4: Spring hiring, every year.\n"
        "[00:01:29] Observer: Sorry, one question. What does your current provider charge?\n"
        "[00:01:36] P4: About one pound forty per payslip.\n[00:01:40] Note-taker: Thanks, got it.\n",
        "agency.txt",
    ).turns
    assert [t.speaker for t in turns] == ["Moderator", "P4", "Observer", "P4", "Note-taker"]
