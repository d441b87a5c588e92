"""Situations of real calls a tester met (tester F): a colleague introduced with their surname who then asks most
questions, a buyer who rejoins as "Priya (2)", a webinar's Q&A, notes with the researcher's own view, a title said
as a Spanish speaker says it."""

from __future__ import annotations

from voiceofbuyer.ingest.sides import _second_askers, identify_sides
from voiceofbuyer.ingest.speaker_names import label_aliases
from voiceofbuyer.ingest.speaker_vote import metadata_label
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.job_fields import stated_responsibility
from voiceofbuyer.not_interviews import not_an_interview

from .test_roles import TAXONOMY, buyer_profile, interview

COLLEAGUE_ASKS = [
    ("Sam Ortiz", "Hi Leila, thanks for joining. I've got Jordan Reyes with me, he's one of our solutions engineers."),
    ("Jordan Reyes", "Hi Leila, nice to meet you."),
    ("Leila Farouk", "Hi both."),
    ("Sam Ortiz", "To start, could you tell us what you do?"),
    ("Leila Farouk", "I'm the warehouse operations manager at Calder Foods."),
    ("Jordan Reyes", "How do you plan the pick waves today?"),
    ("Leila Farouk", "On paper, mostly."),
    ("Jordan Reyes", "And what happens when a rush order comes in?"),
    ("Leila Farouk", "Someone runs it through by hand."),
    ("Sam Ortiz", "What would make you hesitate?"),
    ("Leila Farouk", "Training. Half my pickers are agency staff."),
]


def test_whoever_introduces_a_colleague_by_full_name_is_on_the_colleagues_side() -> None:
    sides = identify_sides(interview(COLLEAGUE_ASKS))
    assert set(sides.interviewers) == {"Sam Ortiz", "Jordan Reyes"}
    assert sides.buyers == ("Leila Farouk",)


def test_a_second_device_under_the_same_name_is_the_same_person_when_the_two_never_take_turns() -> None:
    rejoined = [
        ("Alex Kim", "What's the biggest challenge?"),
        ("Priya Raman", "Renewals. Together they were worth"),
        ("Alex Kim", "Priya, I think you froze."),
        ("Priya (2)", "Sorry, my wifi died. Where was I?"),
        ("Alex Kim", "You lost two accounts."),
        ("Priya (2)", "Right. Together they were worth about ninety thousand a year."),
    ]
    assert label_aliases(interview(rejoined).turns) == {"Priya (2)": "Priya Raman"}
    sides = identify_sides(interview(rejoined))
    assert set(sides.buyers) == {"Priya Raman", "Priya (2)"}
    # Two devices heard in turn with each other are two people.
    talking = [("Priya Raman", "Hi."), ("Priya (2)", "Hi, I'm the other Priya."), ("Priya Raman", "Hello again.")]
    assert label_aliases(interview(talking).turns) == {}
    # Teams marks the guest, and her second device by its number (tester 15): one person, "Priya Shah"
    guest = [(speaker.replace("Priya Raman", "Priya Shah (Guest)").replace("Priya (2)", "Priya Shah (2)"), said)
             for speaker, said in rejoined]  # fmt: skip
    assert label_aliases(interview(guest).turns) == {"Priya Shah (2)": "Priya Shah (Guest)"}
    assert buyer_profile(interview(guest), identify_sides(interview(guest)), TAXONOMY).name == "Priya Shah"


def test_a_side_written_in_brackets_after_each_label_names_the_sides() -> None:
    """ "**Leo (observer):**" pitched and asked once, and was quoted as a second buyer (tester 15)."""
    notes = (
        "# Session 4\n\n**Sofia (moderator):** Thanks for joining, Kwame. Leo is observing. What do you do?\n\n"
        "**Kwame Asante (participant):** I'm the returns operations manager at Brightbox Home.\n\n"
        "**Sofia (moderator):** What happens when a sofa comes back?\n\n"
        "**Kwame Asante (participant):** A third of the collections fail, at ninety pounds each.\n\n"
        "**Leo (observer):** Sorry to jump in, I'm from the engineering side. We've seen grading from photos work "
        "really well. Would your team trust an automatic grade?\n\n"
        "**Kwame Asante (participant):** They'd want to override it for the first few months.\n"
    )
    parsed = parse_turns(notes, "session-04.md")
    assert (parsed.meta.interviewer, parsed.meta.interviewee) == ("Sofia, Leo", "Kwame Asante")
    # "(Guest)" is Teams' mark of anyone from outside: no side
    guests = "Dana Cole (Guest): What slows you down?\nSam Ortiz: Chasing paperwork every week.\n"
    assert not parse_turns(guests, "call.txt").meta.interviewee


def test_a_webinar_whose_presenter_shows_the_product_is_no_interview() -> None:
    webinar = interview([
        ("Sarah Lund", "Hi everyone, and welcome to today's webinar, Closing the books in five days. Please put "
                       "your questions in the Q&A box."),
        ("David Cho", "Thanks, Sarah. So today I'm going to show you how our customers cut their close to five days. "
                      "Let me share my screen."),
        ("David Cho", "Here you can see the close dashboard. Every task has an owner and a due date."),
        ("Sarah Lund", "The first question: does this work with NetSuite?"),
        ("David Cho", "Yes, we have a native NetSuite integration."),
    ])  # fmt: skip
    assert "webinar" in not_an_interview(webinar, identify_sides(webinar))


def test_a_support_call_a_job_interview_a_board_meeting_a_class_and_a_show_are_no_interviews() -> None:
    """Each was quoted as a buyer's interview (tester 11); a buyer who speaks of tickets, candidates, the board or
    homework in their own work is still interviewed."""
    calls = {
        "support call": [
            ("Dana Whitfield", "Thanks for calling Tallyhub support, this is Dana. Can I get your account email?"),
            ("Robert Kim", "Sure, it's rkim at harbor dot com. The payroll export keeps failing."),
            ("Dana Whitfield", "Pick Overtime Premium from the dropdown and rerun the export."),
            ("Robert Kim", "Done. It finished, no error this time."),
            ("Dana Whitfield", "Perfect. I'll close ticket four eight two. Anything else I can help with?"),
        ],
        "job interview": [
            ("Karen Osei", "Hi Maya, thanks for applying for the senior AP specialist role. This is our first-round "
                           "interview."),
            ("Maya Lin", "I'm currently an accounts payable lead at Corbin Logistics."),
            ("Karen Osei", "What are your salary expectations for this role?"),
            ("Maya Lin", "Something in the range of seventy-two to seventy-eight thousand."),
        ],
        "board or committee meeting": [
            ("Ellen Park", "Let's call the meeting to order. Approval of the minutes from June. Can I get a motion?"),
            ("David Osei", "So moved."),
            ("Rachel Stone", "Second."),
            ("Ellen Park", "All in favor? Motion carries. Tom, the CEO update."),
            ("Tom Reyes", "Q3 revenue came in at four point two million, slightly behind plan."),
        ],
        "class or lecture": [
            ("Helen Ames", "Okay everyone, let's get started. Today we'll work through the licence example."),
            ("Jason Lee", "Is that going to be on the midterm?"),
            ("Helen Ames", "Yes. Work through the rest for homework, problem set six is due Friday at midnight."),
            ("Amira Hassan", "Will you post the slides?"),
            ("Helen Ames", "They'll be up tonight. See you all Thursday."),
        ],
        "podcast or show": [
            ("Chris Dale", "Hey hey, it's Chris, and this is Ops Unfiltered. If you like the show, hit subscribe."),
            ("Chris Dale", "My guest today runs three distribution centers. Maria, welcome aboard."),
            ("Maria Gomez", "Thanks Chris, big fan of the show."),
            ("Chris Dale", "So tell the folks at home what you do."),
            ("Maria Gomez", "I'm the director of distribution at Fresh Valley Grocers."),
        ],
    }  # fmt: skip
    calls["team's own meeting"] = [  # a standup never called one: "let's go round", "No blockers."
        ("Nora Blake", "Morning all. Let's go round quickly, we've got the release on Monday. Kai, you first."),
        ("Kai Sato", "Yesterday I finished the approval email templates. No blockers."),
        ("Nora Blake", "Great. Lucia?"),
        ("Lucia Ferraro", "I'm still on the duplicate invoice detection, the fuzzy match flags too much."),
        ("Nora Blake", "Thanks. Dev?"),
        ("Dev Raman", "QA on the mobile app. Blocked on a test device."),
    ]  # fmt: skip
    calls["training or onboarding session"] = [  # the vendor's trainer was the buyer, her instructions quotes
        ("Alicia Gray", "Welcome back, Tom. Today in session two we'll set up approval rules. Let me share my screen."),
        ("Tom Fischer", "Sounds good."),
        ("Alicia Gray", "So click Settings, then Approvals, then New rule."),
        ("Tom Fischer", "And if the controller is on vacation?"),
        ("Alicia Gray", "Each approver can set a delegate. I'll send you the help article on delegates."),
        ("Tom Fischer", "Okay. Saved."),
        ("Alicia Gray", "For homework, please invite your two AP clerks before session three."),
    ]  # fmt: skip
    for kind, turns in calls.items():
        call = interview(turns)
        assert kind in not_an_interview(call, identify_sides(call)), kind
    buyer = interview([
        ("Sam Ortiz", "What's hard about support today?"),
        ("Priya Raman", "Every ticket number lives in a spreadsheet, and when we escalate a case nobody knows."),
        ("Sam Ortiz", "And hiring?"),
        ("Priya Raman", "Candidates ask about salary expectations in the first call, so the board wants ranges."),
        ("Sam Ortiz", "Anything else?"),
        ("Priya Raman", "My kids do homework on Canvas, I see the problem sets, ha."),
    ])  # fmt: skip
    assert not_an_interview(buyer, identify_sides(buyer)) == ""


def test_the_writers_own_view_is_a_note_never_an_answer() -> None:
    assert metadata_label("My take") and metadata_label("First impressions")
    notes = (
        "# Interview notes – Karen Osei, Category Manager, Brightmoor Retail\n\nDate: 2 April 2025\n"
        "Interviewer: Sam Ortiz\n\n## What's your role?\n\nCategory manager for household goods.\n\n"
        "## What would make you hesitate?\n\nPrice, above all.\n\n"
        "My take: strong fit, but the budget holder is the commercial director.\n"
    )
    parsed = parse_turns(notes, "karen.md")
    turns, meta = parsed.turns, parsed.meta
    assert (meta.interviewee, meta.title, meta.interviewer) == ("Karen Osei", "Category Manager", "Sam Ortiz")
    assert not any("strong fit" in turn.text for turn in turns)
    assert any(turn.text == "Price, above all." for turn in turns)


def test_a_responsibility_said_after_how_long_it_has_been_held() -> None:
    said = "So, I am since four years the responsible of purchasing in our plant in Zaragoza."
    assert stated_responsibility([said]) == "Head of Purchasing"
    assert stated_responsibility(["I'm currently responsible for payroll."]) == "Head of Payroll"
    assert stated_responsibility(["I am for two years now leading the migration."]) == ""


def test_machines_voices_are_nobodys_words() -> None:
    from voiceofbuyer.ingest.labels import is_bot, is_room

    assert is_bot("Fireflies.ai Notetaker") and is_bot("Otter.ai") and is_bot("IVR") and is_bot("Zoom AI Companion")
    assert not is_bot("Abbott Lee") and not is_bot("Robert Botha")
    assert is_room("Corvel HQ - Room 3B") and not is_room("Roomi Khan")
    announced = interview([
        ("Speaker 3", "This meeting is being recorded. By staying in the meeting, you consent to being recorded."),
        ("Speaker 1", "Hi, I'm Tomasz, the plant controller."),
        ("Speaker 2", "Thanks Tomasz. How do you close the month?"),
        ("Speaker 1", "With a lot of spreadsheets, to be honest."),
    ])  # fmt: skip
    assert "Speaker 3" in identify_sides(announced).uncertain


def test_names_and_titles_said_the_way_people_abroad_say_them() -> None:
    from voiceofbuyer.ingest.headings import heading_person
    from voiceofbuyer.ingest.said_names import said_name
    from voiceofbuyer.introductions import stated_title

    assert said_name("Speaker B", "Yes, hello, Eleni Papadopoulou speaking.", "Hi Eleni.") == "Eleni Papadopoulou"
    assert said_name("Speaker 1", "I'm Tomasz Nowak, plant controller.", "Could you introduce yourself?") == (
        "Tomasz Nowak"
    )
    person = heading_person(["# Interview with Sanne van der Berg, Head of Facilities, Rotterdam Port Services"])
    assert person is not None and (person.name, person.title) == ("Sanne van der Berg", "Head of Facilities")
    # the recording's file name under Word's "Audio file" (tester 54)
    person = heading_person(["Audio file", "Visit - Kenji Watanabe (Plant Manager, Hoshino Precision Ohio).m4a"])
    assert person is not None and (person.name, person.title) == ("Kenji Watanabe", "Plant Manager")
    assert stated_responsibility(["I am responsible for the controlling at Schäfer GmbH."]) == "Head of Controlling"
    assert stated_responsibility(["I am in charge of the purchases for the group."]) == "Head of Purchases"
    assert stated_title(["I'm the jefa de compras, the purchasing manager, at Grupo Bajío."]) == "Purchasing Manager"
    assert stated_title(["I'm a mom of three, a teacher at heart."]) == ""
    said = "古丽娜·买买提: 我是采购经理。\nMichael Brown: Thanks.\n古丽娜·买买提: Yes.\n"
    turns = parse_turns(said, "names.txt").turns
    assert [turn.speaker for turn in turns] == ["古丽娜·买买提", "Michael Brown", "古丽娜·买买提"]


DISCOVERY = [
    ("Tyler Brooks (Shipwise)", "Hey Derek. I've got Ana with me, she's one of our solutions engineers. "
                                "What's your role there?"),
    ("Derek Olsen (Coastal Outfitters)", "I'm the ecommerce operations manager at Coastal Outfitters."),
    ("Tyler Brooks (Shipwise)", "Got it. And what's prompting the conversation?"),
    ("Derek Olsen (Coastal Outfitters)", "Returns. Our return rate is about twenty-two percent on apparel."),
    ("Tyler Brooks (Shipwise)", "So what we do at Shipwise is give your customers a branded returns portal. Our "
                                "customers typically see refund times drop to two days."),
    ("Derek Olsen (Coastal Outfitters)", "How does the exchange part work if the size is out of stock?"),
    ("Ana Petrov (Shipwise)", "We built that last year and it's our most used feature. Our customers love it."),
    ("Derek Olsen (Coastal Outfitters)", "What does pricing look like?"),
    ("Tyler Brooks (Shipwise)", "It's per return. I can send a proposal after this."),
    ("Derek Olsen (Coastal Outfitters)", "Fine. I'll need to bring in our CFO, she will want the math?"),
]  # fmt: skip


def test_in_a_discovery_call_the_buyer_who_asks_more_than_the_seller_is_still_the_buyer() -> None:
    for turns in (DISCOVERY, [(speaker.split(" (")[0], text) for speaker, text in DISCOVERY]):
        sides = identify_sides(interview(turns))
        assert [s.split(" (")[0] for s in sides.buyers] == ["Derek Olsen"], turns[0][0]


def test_a_bots_label_and_a_meetings_event_log_are_no_ones_words() -> None:
    from voiceofbuyer.ingest.labels import read_head
    from voiceofbuyer.ingest.tool_lines import is_tool_line

    head = read_head("10:02:54 Read.ai Meeting Notes: Read is taking notes for Sam Ortiz.")
    assert head is not None and head.speaker == "Read.ai Meeting Notes"
    assert is_tool_line("10:03:34 Otter.ai left") and is_tool_line("10:01:54 Helen Marsh joined")
    assert not is_tool_line("Everyone left.") and not is_tool_line("10:02 we left early.")
    # a reaction the tool logged after the buyer's last words was glued onto their quote (tester 32)
    assert is_tool_line('👍 Sam Ortiz reacted to "Great, and I\'ll send you one of our budgets..."')
    assert is_tool_line("Sam Ortiz reacted with 👏") and is_tool_line("Priya Raman reacted with a thumbs-up emoji")
    assert not is_tool_line("Finance reacted to the price badly.") and not is_tool_line(
        'My boss reacted to "the quote"'
    )


def test_an_interviewer_who_joins_late_from_the_interviewers_company_is_on_that_side() -> None:
    late = interview([
        ("Mei Lin", "Hi Rosa. I'm Mei, a designer on the research team at Ledgerly. What is your role?"),
        ("Rosa Jimenez", "Sure. I'm the payroll manager at Bellhaven Hotels."),
        ("Mei Lin", "What made you start looking at payroll tools?"),
        ("Rosa Jimenez", "Tip pooling. Last summer we underpaid forty housekeepers."),
        ("Sam Ortiz", "So sorry I'm late. I'm Sam, I'm the product manager for payroll here at Ledgerly."),
        ("Mei Lin", "No worries. Rosa, how do you calculate tips today?"),
        ("Rosa Jimenez", "Each general manager sends me a spreadsheet on Monday."),
        ("Sam Ortiz", "Can I ask, how long does that checking take you each week?"),
        ("Rosa Jimenez", "Most of Monday and Tuesday."),
    ])  # fmt: skip
    sides = identify_sides(late)
    assert set(sides.interviewers) == {"Mei Lin", "Sam Ortiz"} and sides.buyers == ("Rosa Jimenez",)


def test_a_buyer_who_joins_late_to_listen_in_and_then_says_what_she_needs_is_a_buyer() -> None:
    """ "Gemma, I'm the CFO here. Olu, carry on, I'll just listen in." and then her requirement was put on the
    interviewing side, and her words were lost (tester 32); a note-taker who only asks stays there."""
    turns = [
        ("Sam Ortiz", "Thanks for joining, Olu. Mei's with me from product. Could you start with your role?"),
        ("Olu Bankole", "I'm the AP lead at Redgate Construction. Team of four, three thousand invoices a month."),
        ("Sam Ortiz", "What's the hardest part of that?"),
        ("Olu Bankole", "Retentions. We track them in a spreadsheet and I'm pretty sure it's wrong. Last year we "
                        "paid one subcontractor twice, eighteen thousand pounds, and nobody noticed for months."),
        ("Mei Lin", "How do you know it's wrong?"),
        ("Olu Bankole", "Because subcontractors keep ringing us about retentions we've supposedly released."),
        ("Gemma Price", "Hi all, apologies, I had a clash. Gemma, I'm the CFO here. Olu, carry on, I'll just "
                        "listen in."),
        ("Sam Ortiz", "Hi Gemma, welcome. Olu, what would make you switch?"),
        ("Olu Bankole", "If it calculated CIS and the retention automatically when the invoice comes in, and gave us a "
                        "release date for every retention. Then I'd stop getting those calls."),
        ("Gemma Price", "And from my side, it has to post into Sage Intacct without anyone rekeying. I've signed off "
                        "two tools in three years that promised that, so I'll want to speak to a reference customer."),
        ("Sam Ortiz", "That's fair. Olu, anything that worries you?"),
        ("Olu Bankole", "The subcontractors. They send invoices however they like, PDFs, photos, sometimes a WhatsApp. "
                        "If it can't read a photo of a handwritten invoice, half of them won't work."),
    ]  # fmt: skip
    sides = identify_sides(interview(turns))
    assert set(sides.buyers) == {"Olu Bankole", "Gemma Price"} and set(sides.interviewers) == {"Sam Ortiz", "Mei Lin"}
    asks = [(who, "Just listening in, I'm taking notes. Sorry, is that per subcontractor?") if who == "Gemma Price"
            else (who, text) for who, text in turns]  # fmt: skip
    assert "Gemma Price" in identify_sides(interview(asks)).interviewers


def test_one_buyer_labelled_with_an_honorific_or_misspelled_is_cited_under_one_name() -> None:
    """ "Dr Anika Bose" beside "Anika Bose", "Siobhan Kelleger" beside "Siobhan Kelleher": one person, one name in
    the quotes, and the honorific is no part of it; two people a short word tells apart stay two."""
    from voiceofbuyer.ingest.speaker_names import display_speaker, without_honorific
    from voiceofbuyer.profiles import buyer_profile
    from voiceofbuyer.records import BuyerProfile, Turn

    call = interview([
        ("Tom Reyes", "Thanks for joining, Dr Bose. Could you tell me about your role?"),
        ("Dr Anika Bose", "I'm the clinical director at Meridian Imaging."),
        ("Tom Reyes", "Where does the time go?"),
        ("Anika Bose", "Chasing reports. We have a backlog of four hundred scans."),
        ("Tom Reyes", "And the vendors?"),
        ("Dr Anika Bose", "They charge for every interface."),
    ])  # fmt: skip
    assert label_aliases(call.turns) == {"Dr Anika Bose": "Anika Bose"}
    profile = buyer_profile(call, identify_sides(call), ())
    assert (profile.name, profile.title) == ("Anika Bose", "Clinical Director")
    assert display_speaker("Dr Anika Bose", profile) == "Anika Bose"
    kelleher = BuyerProfile("x", "Siobhan Kelleher", "Head of Procurement", "Procurement", "self-introduction")
    assert display_speaker("Siobhan Kelleger", kelleher) == "Siobhan Kelleher"
    assert display_speaker("Shiobhan Kelleher", kelleher) == "Siobhan Kelleher"
    assert display_speaker("Mary Chen", BuyerProfile("x", "Mark Chen", "", "", "")) == "Mary Chen"
    bell = [
        Turn("Marcus Bell", "Hi.", 0, 3, 1),
        Turn("Sofia Marin", "Hello?", 0, 6, 2),
        Turn("Bell, Marcus", "Yes.", 0, 4, 3),
    ]
    assert label_aliases(bell) == {"Bell, Marcus": "Marcus Bell"}
    assert display_speaker("Bell, Marcus", BuyerProfile("x", "Marcus Bell", "", "", "")) == "Marcus Bell"
    assert without_honorific("Prof. Amara Okafor") == "Amara Okafor"
    assert without_honorific("Dr. Okafor") == "Dr. Okafor"  # the honorific is all that says it is a person


def test_what_a_buyer_says_off_the_record_is_never_quoted() -> None:
    from voiceofbuyer.off_record import off_the_record

    call = interview([
        ("Jordan Reyes", "What's the biggest challenge?"),
        ("Keisha Drummond", "Paper onboarding forms."),
        ("Keisha Drummond", "Can I tell you something off the record? Please don't put this in your notes."),
        ("Jordan Reyes", "Of course, I'll leave it out."),
        ("Keisha Drummond", "Our CHRO is leaving in June and nobody knows yet."),
        ("Jordan Reyes", "Understood, thank you for trusting me with that."),
        ("Keisha Drummond", "Okay, back on the record. The official reason is the audit finding."),
        ("Jordan Reyes", "What would make you hesitate?"),
        ("Keisha Drummond", "Off the record, the union."),
        ("Jordan Reyes", "And who signs?"),  # no one said it is back on: the next question moves on
        ("Keisha Drummond", "The CFO signs."),
    ])  # fmt: skip
    assert off_the_record(call.turns) == {2, 3, 4, 5, 8}
    assert off_the_record(interview([("A", "We stopped recording calls."), ("B", "Fine.")]).turns) == set()
    # the interviewer's consent script, a buyer saying nothing is off the record, a result left off the medical
    # record: nobody went off the record (tester X: the whole interview had been left out)
    said = interview([
        ("Jordan Reyes", "We're recording. If you want anything off the record, just say so. What's your role?"),
        ("Keisha Drummond", "I run health information. Nothing I say today is off the record, by the way."),
        ("Jordan Reyes", "What goes wrong?"),
        ("Keisha Drummond", "Lab results that arrive late are left off the record for days."),
        ("Jordan Reyes", "Can we go off the record for a second? Who else did you look at?"),
        ("Keisha Drummond", "Two vendors."),
    ])  # fmt: skip
    assert off_the_record(said.turns, {"Keisha Drummond"}) == set()


def test_the_research_teams_debrief_once_the_buyer_has_left_is_theirs() -> None:
    """An observer who spoke only after "Okay, she's gone." was a buyer and "Let's tag that as a pain." a quote
    (tester 11); someone said to be gone in the buyer's story ends nothing."""
    from voiceofbuyer.off_record import after_the_call

    call = interview([
        ("Sofia Marin", "Thanks Hana. To start, what's your role?"),
        ("Hana Ito", "I'm the office manager at Ito and Park Dental, two locations, eighteen staff."),
        ("Sofia Marin", "What would make ordering easier?"),
        ("Hana Ito", "One cart for all three distributors."),
        ("Sofia Marin", "Great, thank you so much Hana, that's everything."),
        ("Hana Ito", "You're welcome, bye!"),
        ("Ben Okafor", "Okay, she's gone. Quick thoughts? I loved the one cart line."),
        ("Sofia Marin", "Same. She's a clear fit for the practice admin persona."),
        ("Ben Okafor", "Let's tag that as a pain."),
    ])  # fmt: skip
    assert after_the_call(call.turns) == 6
    sides = identify_sides(call)
    assert sides.buyers == ("Hana Ito",) and "Ben Okafor" in sides.interviewers
    story = interview([
        ("Dana Cole", "Hi both, I'll hand over to Sam."),
        ("Sam Ortiz", "Thanks Dana. Who ran this before you?"),
        ("Priya Raman", "Our old controller? He's gone, he left in March."),
        ("Sam Ortiz", "What broke when he left?"),
        ("Priya Raman", "Every approval rule lived in his head."),
    ])  # fmt: skip
    assert after_the_call(story.turns) == len(story.turns)
    dropped = interview([
        ("Alex Kim", "What's the biggest challenge right now?"),
        ("Priya Raman", "Renewals sneaking up on us. Together they were worth"),
        ("Alex Kim", "Priya, I think you froze. Hmm, looks like she dropped. I'll wait a sec."),
        ("Priya (2)", "Sorry, my wifi died. Together they were worth about ninety thousand a year."),
    ])  # fmt: skip
    assert after_the_call(dropped.turns) == len(dropped.turns)  # back under another label: a lost connection


def test_a_question_read_back_before_the_answer_is_no_statement() -> None:
    from voiceofbuyer.readbacks import echoes

    assert echoes("What made me start looking.", "What made you start looking for a tool?")
    assert echoes("The biggest headache in scheduling.", "What's the biggest headache in scheduling?")
    assert echoes("Tell you about my role.", "Could you tell me a bit about your role?")
    assert not echoes("We use Excel.", "Do you use Excel?")  # an answer in the question's words
    assert not echoes("About five months, yes.", "And you've been using it for, what, about five months?")
    assert not echoes("No-shows, by far.", "What's the biggest headache in scheduling?")
    assert not echoes("Retrain the models.", "So how do you evaluate the quality of your models?")  # real speech
    assert not echoes("More likely to collaborate.", "Are you more likely to collaborate or to delegate tasks?")
    assert not echoes("A lot of maybes.", "A lot of maybes.")  # the buyer agreeing with a remark, no question
    # said back with stress, a yes of their own (tester 9)
    question = "Is it fair to say the approvals take too long?"
    assert not echoes("The approvals take far too long.", question)
    assert not echoes("The approvals take much too long.", question)


def test_a_colleague_introduced_as_taking_notes_is_on_the_interviewers_side() -> None:
    call = interview([
        ("Alex Kim", "Hey Mei, did you get the updated guide?"),
        ("Mei Tanaka", "Yep, I printed it. I moved the question about the app to the end."),
        ("Alex Kim", "Nice. Do you know anything about her?"),
        ("Mei Tanaka", "Only what's in the screener. She runs nursing at a rural hospital."),
        ("Tamsin Reed", "Hi! Sorry I'm late, I got pulled onto the floor."),
        ("Alex Kim", "No problem. This is Mei, she's taking notes for us. Tell me about scheduling on your unit?"),
        ("Tamsin Reed", "I build a six-week schedule in Excel and tape it to the wall in the break room."),
        ("Alex Kim", "What goes wrong with that?"),
        ("Tamsin Reed", "Two people swap a shift in pen and nobody tells me."),
    ])  # fmt: skip
    sides = identify_sides(call)
    assert list(sides.buyers) == ["Tamsin Reed"] and "Mei Tanaka" in sides.interviewers


def test_thanks_for_translating_go_to_the_name_next_to_them() -> None:
    call = interview([
        ("Claire Dubois", "Good morning. Lena from our Munich office will translate. What do you do?"),
        ("Matthias Krüger", "I am head of purchasing at Brenner Hydraulik, and my team is seven buyers."),
        ("Claire Dubois", "What is the biggest problem in purchasing right now?"),
        ("Lena Vogt", "He says all approvals go by email, and nobody knows where an order is stuck."),
        ("Claire Dubois", "Thank you, Matthias, and thank you, Lena, for translating."),
    ])  # fmt: skip
    sides = identify_sides(call)
    assert list(sides.buyers) == ["Matthias Krüger"] and "Lena Vogt" in sides.uncertain


def test_a_name_cut_between_two_cues_is_one_sentence() -> None:
    from voiceofbuyer.passages import _continues
    from voiceofbuyer.records import Turn

    def cue(text: str) -> Turn:
        return Turn("Ana", text, 0, len(text), 1)

    assert _continues(cue("I'm the procurement operations manager at Eastbrook"), cue("University. I look after it."))
    assert _continues(cue("We buy all our diesel from Harbor"), cue("Freight Lines."))
    assert not _continues(cue("I talked to Dana about the renewal"), cue("She said no."))
    assert not _continues(cue("Our biggest customer is Tesco"), cue("Yes."))


def test_a_buyer_who_comes_back_as_a_number_or_a_new_voice_is_the_same_buyer() -> None:
    call = interview([
        ("Elena Petrova", "Could you tell me about your role?"),
        ("Kwame Asante", "I'm the transportation manager. Last year our auditor found about"),
        ("Elena Petrova", "Kwame, I think you froze. Kwame? I think we lost him."),
        ("13125550187", "Hi, sorry, it's Kwame, I'm dialing in from my phone now."),
        ("Elena Petrova", "No problem. You were saying the auditor found something?"),
        ("13125550187", "Forty thousand dollars of duplicate freight payments."),
    ])  # fmt: skip
    assert label_aliases(call.turns) == {"13125550187": "Kwame Asante"}
    stranger = interview([
        ("Elena Petrova", "Could you tell me about your role?"),
        ("Kwame Asante", "I'm the transportation manager."),
        ("Speaker 3", "Hi, I'm from IT, just checking the line."),
    ])  # fmt: skip
    assert label_aliases(stranger.turns) == {}


def test_a_label_the_buyer_says_is_a_shared_company_account_names_no_one() -> None:
    from voiceofbuyer.ingest.speaker_names import display_speaker
    from voiceofbuyer.profiles import buyer_profile

    turns = [
        ("Tom Ashby", "Hi there, thanks for joining. I can see Brightwater Freight, so who do I have on the line?"),
        ("Brightwater Freight", "Sorry, that's the company Zoom account, we all share it. It's Ingrid, Ingrid Solheim"),
        ("Tom Ashby", "Thanks, Ingrid. Could you tell me a bit about your role?"),
        ("Brightwater Freight", "I'm the transport manager. We run forty-five trucks out of two depots."),
    ]
    call = interview(turns)
    profile = buyer_profile(call, identify_sides(call), ())
    assert (profile.name, profile.title) == ("Ingrid Solheim", "Transport Manager")
    assert display_speaker("Brightwater Freight", profile) == "Ingrid Solheim"
    # A shared account where no one says who speaks: no name, never the company's
    shared = "Sorry, that's the company Zoom account, we all share it."
    unsaid = interview([turns[0], ("Brightwater Freight", shared), *turns[2:]])
    assert buyer_profile(unsaid, identify_sides(unsaid), ()).name == ""
    # A named buyer speaking of a product's accounts keeps their name (tester 54: "Rohan Mehta" was unnamed)
    named = interview(
        [
            ("Tom Ashby", "How do your people sign in today?"),
            ("Rohan Mehta", "Through Entra, so people log in with their work account, no new passwords."),
            ("Tom Ashby", "And what's your role?"),
            ("Rohan Mehta", "I'm the head of IT at Harrow & Pike."),
        ]
    )
    assert buyer_profile(named, identify_sides(named), ()).name == "Rohan Mehta"


def test_someone_else_speaking_up_on_the_buyers_channel_to_listen_in_is_never_quoted() -> None:
    from voiceofbuyer.ingest.vendor_side import other_voices_on_a_channel

    call = interview([
        ("Me", "Hi Ellie, thanks for joining. Could you start by telling me about your role?"),
        ("Them", "Sure. I'm the commercial manager at Ostrava Build."),
        ("Me", "How long does checking take?"),
        ("Them", "Hi, sorry, this is Jonah from the product team at Ledgerly, I'm just listening in. Could I ask, "
                 "are you checking against the contract rates?"),
        ("Them", "Both, really. Last year we overpaid a groundworks firm by forty thousand."),
    ])  # fmt: skip
    assert other_voices_on_a_channel(call.turns, identify_sides(call).buyers) == {3}
    jumped = interview(
        [
            *[(t.speaker, t.text) for t in call.turns[:3]],
            ("Them", "Hi, sorry to jump in, it's Marcus from the analytics team, I'm just listening in."),
        ]
    )
    assert other_voices_on_a_channel(jumped.turns, ("Them",)) == {3}  # fmt: skip
    # The buyer's own first words are hers, even when she says she is only listening at first.
    first = interview([("Me", "Hello?"), ("Them", "Hi, it's Ellie, I'm just listening in until Sam joins."),
                       ("Me", "Great. What do you do?"), ("Them", "I run payroll.")])  # fmt: skip
    assert other_voices_on_a_channel(first.turns, ("Them",)) == set()
    named = interview([("Me", "Hi."), ("Ellie Burke", "Hi."), ("Ellie Burke", "Hi, this is Jonah, listening in.")])
    assert other_voices_on_a_channel(named.turns, ("Ellie Burke",)) == set()  # a named label is one person
    # The maker's solutions engineer on Granola's "Them" with the buyer, and her answers after (tester 54); the
    # buyer's own question between them stays hers
    maker = interview([
        ("Me", "Thanks for making time, Nadia. So Priya from our solutions team is on as well. What do you do?"),
        ("Them", "I'm the AP manager at Corvel."), ("Me", "What would have to be different?"),
        ("Them", "It has to learn our suppliers."), ("Them", "And it has to post straight into Dynamics."),
        ("Me", "Priya, do you want to take the F&O bit?"),
        ("Them", "Yeah, hi, sorry, Priya here from the solutions team at Tallyo. So we have a certified connector."),
        ("Them", "Okay, that's good to hear. Is that the standard licence or an add-on?"),
        ("Them", "It's included in the standard tier, you'd just need an Entra app registration on your side."),
        ("Me", "Priya, you wanted some sample invoices?"),
        ("Them", "Yeah, if Nadia could send fifty or so, I'll set up a sandbox for you."),
        ("Them", "I can do that. I'll pick some horrible ones."),
    ])  # fmt: skip
    assert other_voices_on_a_channel(maker.turns, ("Them",)) == {6, 8, 10}
    # the buyer saying who she is late, from her own team, is still the buyer
    late = interview([("Me", "Hello?"), ("Them", "Hi."), ("Me", "Who's that?"),
                      ("Them", "Nadia here from the AP team, sorry, my camera is off.")])  # fmt: skip
    assert other_voices_on_a_channel(late.turns, ("Them",)) == set()


def test_whoever_introduces_the_interviewer_as_running_their_research_is_on_their_side() -> None:
    """ "I'm Kofi, I lead product here, and this is Laura, who runs our research": Kofi opens the call, pitches
    ("That's the main thing we're building") and asks once; Laura interviews; Ingrid is the buyer (tester W)."""
    call = interview([
        ("Kofi Mensah", "Hi Ingrid, welcome. I'm Kofi, I lead product here, and this is Laura, who runs our research."),
        ("Ingrid Halvorsen", "Hi Kofi, hi Laura."),
        ("Laura Chen", "Thanks for joining. Could you start by describing your role?"),
        ("Ingrid Halvorsen", "I'm the treasury manager at Fjordline Shipping, fourteen bank accounts."),
        ("Laura Chen", "What's the hardest part of that today?"),
        ("Ingrid Halvorsen", "Getting a cash position every morning. I log into five banking portals."),
        ("Kofi Mensah", "That's actually the main thing we're building. You'd have the position by eight."),
        ("Laura Chen", "What would make you hesitate to buy?"),
        ("Ingrid Halvorsen", "Security. Our CISO will want a full penetration test report."),
    ])  # fmt: skip
    sides = identify_sides(call)
    assert list(sides.buyers) == ["Ingrid Halvorsen"] and "Kofi Mensah" in sides.interviewers


def test_a_blog_post_answering_its_own_question_headings_is_no_interview(tmp_path) -> None:
    from voiceofbuyer.ingest.reader import read_interview

    post = (
        '---\ntitle: "Why your AP team dreads month-end"\nauthor: Hannah Cole\ntags: [ap]\n---\n\n'
        "# Why your AP team dreads month-end\n\n## Why do invoices sit with approvers?\n\n"
        "Because approvers aren't at a desk. The approval email is buried by 10.\n\n"
        '> "Last quarter we paid a haulier forty days late." - AP manager, UK logistics firm\n\n'
        "## Isn't this just a discipline problem?\n\nWe don't think so. Teams blame their tools.\n\n"
        "## What does good look like?\n\nApprovals on a phone, in one tap.\n\n"
        "## So where do you start?\n\nStart with your exception rate.\n\n"
        "Want to see how teams like yours cut their close? [Book a demo](https://ledgerly.io/demo).\n"
    )
    path = tmp_path / "blog.md"
    path.write_text(post)
    article = read_interview(path, tmp_path)
    assert "article" in not_an_interview(article, identify_sides(article))
    # interview notes under the same front matter: the interviewee speaks for herself
    path.write_text(post.replace("We don't think so.", "I don't think so, my approvers are on the floor."))
    notes = read_interview(path, tmp_path)
    assert not not_an_interview(notes, identify_sides(notes))


def test_a_buyer_asking_not_to_be_written_down_in_plain_words_is_left_out() -> None:
    from voiceofbuyer.off_record import off_the_record

    call = interview([
        ("Sam Ortiz", "What went wrong last year?"),
        ("Dana Kerr", "Could you not write this next bit down? Just between us."),
        ("Sam Ortiz", "Of course, pen down."),
        ("Dana Kerr", "Two stores were fined and the board doesn't know yet."),
        ("Sam Ortiz", "Understood."),
        ("Dana Kerr", "Okay, you can write again. What we need is the check done on the phone."),
    ])  # fmt: skip
    assert off_the_record(call.turns, {"Dana Kerr"}) == {1, 2, 3, 4}


STANDUP = [
    ("Hughes, Claire", "Morning all. Let's go round quickly. Tom, what did you get done yesterday?"),
    ("Tom Becker", "Yesterday I finished the vendor master clean-up for the German entity. No blockers."),
    ("Hughes, Claire", "Great. Priya?"),
    ("Priya Raman", "I closed out the bank recs for July. I'm blocked on the Singapore one, I need their ledger."),
    ("Hughes, Claire", "I'll raise the access ticket after this. Mei, how about you?"),
    ("Mei Lin", "I'm still on the audit sample requests, twenty of forty done. Should finish tomorrow."),
    ("Hughes, Claire", "Okay. Anything else before we drop? No? Thanks everyone."),
]  # fmt: skip


def test_a_teams_own_meeting_is_no_interview() -> None:
    """A standup, a sprint planning, a pipeline review: the lead's questions read as an interviewer's, and the
    colleagues' answers became a persona's pains (tester 6)."""
    from dataclasses import replace

    standup = replace(interview(STANDUP), source="AP team daily standup.vtt")
    assert "a team's own meeting (daily standup)" in not_an_interview(standup, identify_sides(standup))
    # The same round of a moderator by name, in a group interview of buyers who say what they do, is interviewed.
    group = [("Sam Ortiz", "Thanks for joining this team sync. Tom, could you tell me what you do?"),
             ("Tom Becker", "I'm the AP manager at Halden Foods."),
             ("Sam Ortiz", "And Priya?"), ("Priya Raman", "I'm the controller, I sign off the close."),
             ("Sam Ortiz", "Mei, what slows the close down?"),
             ("Mei Lin", "Waiting for approvals, every month.")]  # fmt: skip
    focus = interview(group)
    assert not not_an_interview(focus, identify_sides(focus))


def test_a_vendors_questionnaire_responses_are_no_interview() -> None:
    """Q:/A: answers a vendor wrote for a customer's security review: its "we" became a buyer's criteria (tester 6)."""
    questionnaire = parse_turns(
        "Ledgerly – Security Questionnaire Responses\nPrepared for: Acme Bank vendor risk review\n\n"
        "Q: Do you encrypt customer data at rest?\nA: Yes. All customer data is encrypted at rest with AES-256.\n\n"
        "Q: Where is customer data hosted?\nA: In AWS eu-west-1 by default, with a US region on request.\n\n"
        "Q: Do you hold a SOC 2 Type II report?\nA: Yes, our latest report is available under NDA.\n",
        "answers.txt",
    )
    from voiceofbuyer.records import Interview, InterviewMeta

    turns = tuple(questionnaire.turns)
    # in a folder called "interviews": the folder says nothing of what the file is
    document = Interview("q", "interviews/answers.txt", "text", "0", questionnaire.text, turns, InterviewMeta())
    assert "vendor's written responses" in not_an_interview(document, identify_sides(document))
    # A buyer telling of the questionnaires they send speaks for herself: interviewed.
    said = questionnaire.text.replace("A: Yes. All", "A: I check that all").replace("A: In AWS", "A: I ask if in AWS")
    answered = parse_turns(said, "answers.txt")
    buyer = Interview("b", "answers.txt", "text", "0", answered.text, tuple(answered.turns), InterviewMeta())
    assert not not_an_interview(buyer, identify_sides(buyer))


def test_two_who_take_turns_asking_are_both_interviewers() -> None:
    """The lead opened and asked half the questions, the colleague the other half, and the lead's "Could you tell us
    what you do?" became a buyer's statement (tester 7: Rev, WhisperX, named speakers alike)."""
    turns = [
        ("SPEAKER_00", "Okay, thanks for joining. I'm here with my colleague from product. Could you tell us what "
                        "you do?"),
        ("SPEAKER_02", "Sure. I'm the laboratory manager at Northfield Water. We test drinking water samples."),
        ("SPEAKER_01", "How many samples a day?"),
        ("SPEAKER_02", "About four hundred on a normal day, more after heavy rain."),
        ("SPEAKER_00", "What made you look at a new LIMS?"),
        ("SPEAKER_02", "Our current system is fifteen years old and the vendor stopped supporting it."),
        ("SPEAKER_01", "Would you need instrument integration from day one?"),
        ("SPEAKER_02", "Yes. If analysts type results by hand, the error rate goes up and the regulator will notice."),
    ]  # fmt: skip
    sides = identify_sides(interview(turns))
    assert set(sides.interviewers) == {"SPEAKER_00", "SPEAKER_01"} and sides.buyers == ("SPEAKER_02",)
    # A buyer's colleague who asks the vendor about the product, never about anyone's work, stays a buyer.
    group = [
        ("Sam Ortiz", "Could you tell me what you do?"),
        ("Helen Park", "I'm the controller at Marlow Foods, and Tom here looks after our systems."),
        ("Sam Ortiz", "What slows your close?"),
        ("Helen Park", "Intercompany. Every site has its own invoice process and nothing matches at month end."),
        ("Tom Reid", "Does it integrate with Dynamics? How is it priced?"),
        ("Sam Ortiz", "It does, and pricing is per entity. How do you match invoices today?"),
        ("Helen Park", "By hand, in a spreadsheet that three people edit at once, and it takes four days."),
        ("Tom Reid", "Can it handle three currencies?"),
        ("Sam Ortiz", "Yes. What would stop you from buying?"),
        ("Helen Park", "Another migration. We only just finished moving to Dynamics last spring."),
    ]  # fmt: skip
    said = [(speaker, text) for speaker, text in group]
    assert _second_askers(["Helen Park", "Tom Reid"], said) == set()
    # brought by the buyer ("Tom here looks after our systems"), he is on her side
    assert identify_sides(interview(group)).buyers == ("Helen Park", "Tom Reid")


def test_who_opens_the_call_and_hands_it_to_the_researcher_is_on_the_interviewing_side() -> None:
    """ "Hi Victor, I'm Grace from the product team, and Sam here runs our research. Sam, go ahead.": Grace was a
    buyer and Victor's title lost (tester 7, in Zoom, Teams, Otter and captions alike)."""
    turns = [
        ("Grace Liu", "Hi Victor, I'm Grace from the product team, and Sam here runs our research. Sam, go ahead."),
        ("Sam Ortiz", "Thanks Grace. Victor, could you tell us about your role?"),
        ("Victor Alvarez", "I'm the finance manager at Alvarez Family Farms. Four farms and a packing house."),
        ("Sam Ortiz", "What made you start looking for an expense tool?"),
        ("Victor Alvarez", "Crew leads hand in receipts in a shoebox once a month. Half are unreadable by then."),
        ("Sam Ortiz", "What would stop you from buying?"),
        ("Victor Alvarez", "Connectivity. The crew leads are in the fields with one bar of signal."),
    ]  # fmt: skip
    sides = identify_sides(interview(turns))
    assert set(sides.interviewers) == {"Grace Liu", "Sam Ortiz"} and sides.buyers == ("Victor Alvarez",)


def test_prompts_typed_without_question_marks_are_questions() -> None:
    """A Meet transcript whose interviewers typed no question marks: the lead, who asked most, was read as a buyer
    (tester 8)."""
    from voiceofbuyer.ingest.askers import question_count

    assert question_count("Hi Tariq, good to meet you. Start by telling us about your role") == 1
    assert question_count("Walk me through what happens at a border crossing. Anything else you want to add") == 2
    assert question_count("What we do is check the papers. Tell them to wait.") == 0  # no prompt to the other side
    turns = [
        ("Lucas Moreau", "Hi Tariq, good to meet you. Start by telling us about your role"),
        ("Tariq Haddad", "Sure. I'm the fleet operations manager at Desert Line Transport. Ninety trucks."),
        ("Lucas Moreau", "Walk me through what happens at a border crossing"),
        ("Tariq Haddad", "The driver waits, sometimes two days, and if one stamp is missing the truck goes back."),
        ("Hannah Berg", "Tell me about the last time that happened"),
        ("Tariq Haddad", "Two weeks ago. A driver sat at the border for thirty hours over a wrong code."),
        ("Lucas Moreau", "And how did you find out"),
        ("Tariq Haddad", "He called me on WhatsApp. That's our whole tracking system, honestly."),
        ("Hannah Berg", "Describe what you'd want instead"),
        ("Tariq Haddad", "Papers checked before the truck leaves the yard, and a screen showing stuck trucks."),
    ]  # fmt: skip
    sides = identify_sides(interview(turns))
    assert set(sides.interviewers) == {"Lucas Moreau", "Hannah Berg"} and sides.buyers == ("Tariq Haddad",)


def test_who_greets_hands_the_call_over_and_closes_it_is_interviewing() -> None:
    """ "I'll hand over to Ravi, who's leading the conversation." ... "we'll follow up by email with a summary": a
    host who asks nothing was the persona's main buyer, and the buyer's title lost (tester 8)."""
    for handover in ("I'll hand over to Ravi, who's leading the conversation.", "Ravi will take it from here."):
        turns = [
            ("Chloe Martin", f"Bonjour Bernard, thanks so much for joining us today. {handover}"),
            ("Ravi Shah", "Thanks Chloe. Bernard, what's your role at Maple Ridge?"),
            ("Bernard Ouellet", "I'm the IT manager at Maple Ridge Dental Group. Fourteen clinics."),
            ("Ravi Shah", "What's the biggest headache right now?"),
            ("Bernard Ouellet", "Laptops. Hygienists take them between clinics and I have no idea which are patched."),
            ("Ravi Shah", "How do you track devices today?"),
            ("Bernard Ouellet", "A spreadsheet my predecessor started in 2019. Half the serial numbers are wrong."),
            ("Chloe Martin", "Wonderful, that's all we have time for. We'll follow up by email with a summary."),
        ]  # fmt: skip
        sides = identify_sides(interview(turns))
        assert set(sides.interviewers) == {"Chloe Martin", "Ravi Shah"} and sides.buyers == ("Bernard Ouellet",)


def test_an_outline_topic_with_its_time_is_no_speaker_and_a_voice_the_buyer_names_as_a_colleague_is_a_buyer(
    tmp_path,
) -> None:
    """Otter's OUTLINE "Current device repair process (0:20)" ended its notes as a speaker, and its summary was the
    buyer's quote; "Speaker 3", once, whom the buyer then names ("Yeah, that's Joanne, our business manager."), was
    nobody's words (tester 32)."""
    from voiceofbuyer.ingest import read_interview

    path = tmp_path / "call.txt"
    path.write_text(
        "Fenwick Schools IT - discovery\nThu, Feb 26, 2026 2:01PM • 9:48\n\nOUTLINE\n"
        "Current device repair process (0:20)\nSpeaker 2 explains that broken Chromebooks are logged on paper.\n\n"
        "Speaker 1  0:02\nCould you just start with your role?\n\n"
        "Speaker 2  0:06\nYeah. I'm the IT director for Fenwick Schools Trust, about four thousand Chromebooks.\n\n"
        "Speaker 1  0:20\nHow do you handle broken devices today?\n\n"
        "Speaker 2  0:24\nPaper form, believe it or not. We lose track of two hundred devices.\n\n"
        "Speaker 3  0:49\nSorry, can I just add, from the finance side, we also can't claim the insurance properly.\n\n"
        "Speaker 2  0:58\nYeah, that's Joanne, our business manager. She's right, we lost thirty thousand.\n\n"
        "Speaker 1  1:08\nWhat would make you switch?\n\n"
        "Speaker 2  1:12\nIf the technicians could log everything from a phone, with a photo.\n",
        "utf-8",
    )
    call = read_interview(path, tmp_path)
    assert [turn.speaker for turn in call.turns][:2] == ["Speaker 1", "Speaker 2"]
    assert not any("explains that" in turn.text for turn in call.turns)
    sides = identify_sides(call)
    assert sides.buyers == ("Speaker 2", "Speaker 3") and sides.interviewers == ("Speaker 1",)


def test_teams_marks_who_is_from_outside_the_organisers_company_and_that_splits_the_sides(tmp_path) -> None:
    """Tester 38: an unintroduced solutions engineer who answered the buyer's questions ("We have warm standby in
    us-west-2") was a buyer, her answers quoted on the battlecard; Teams marks the buyer "(External)" and not her."""
    from voiceofbuyer.ingest import read_interview

    transcript = (
        "Tallyo | Redwood Clinics - Security review\n"
        "Jordan Lee   0:04\nHi everyone, thanks for joining. Samira, you wanted to start with the questionnaire?\n"
        "Samira Patel (External)   0:11\nYes. I'm the IT security manager at Redwood Clinics. I have a few gaps.\n"
        "Jordan Lee   0:25\nOf course. What are the gaps?\n"
        "Samira Patel (External)   0:41\nDo you have a disaster recovery region? Our last vendor had an outage.\n"
        "Hannah Cho   0:55\nWe have warm standby in us-west-2, RPO of fifteen minutes.\n"
        "Samira Patel (External)   1:22\nWho at Tallyo can see our vendor bank accounts?\n"
        "Hannah Cho   1:36\nSupport sees masked numbers only, last four digits.\n"
        "Samira Patel (External)   1:44\nGood. I just need the bridge letter and the pen test summary.\n"
    )
    (tmp_path / "recap.txt").write_text(transcript, "utf-8")
    sides = identify_sides(read_interview(tmp_path / "recap.txt", tmp_path))
    assert (set(sides.interviewers), sides.buyers) == ({"Jordan Lee", "Hannah Cho"}, ("Samira Patel",))
    # the same call in WebVTT voice tags
    cues = "".join(
        f"\n\n00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000\n<v {who}>{said}</v>"
        for n, (who, said) in enumerate(
            (("Jordan Lee", "Samira, you wanted to start with the questionnaire?"),
             ("Samira Patel (External)", "I'm the IT security manager at Redwood Clinics. Do you have a DR region?"),
             ("Hannah Cho", "We have warm standby in us-west-2."),
             ("Samira Patel (External)", "Who at Tallyo can see our bank accounts?"),
             ("Hannah Cho", "Support sees masked numbers only."),
             ("Jordan Lee", "Anything else?"),
             ("Samira Patel (External)", "No, I just need the bridge letter."))
        )
    )  # fmt: skip
    (tmp_path / "recap.vtt").write_text("WEBVTT" + cues + "\n", "utf-8")
    sides = identify_sides(read_interview(tmp_path / "recap.vtt", tmp_path))
    assert (set(sides.interviewers), sides.buyers) == ({"Jordan Lee", "Hannah Cho"}, ("Samira Patel (External)",))


def test_a_buyer_who_questions_the_seller_is_the_buyer_however_many_questions_she_asks() -> None:
    """Tester 38 (Grain): the prospect asked more questions than the account executive and was taken for the
    interviewer; what each says of the deal tells them apart."""
    call = [
        ("Jordan Lee", "Deepa, hi! I know you had a list of questions, so do you want to start or should I?"),
        ("Deepa Raghunathan", "I'll start. Is your NetSuite integration a SuiteApp? Our admin won't install bundles."),
        ("Jordan Lee", "It's a Built for NetSuite SuiteApp. Can I ask how many subsidiaries you have?"),
        ("Deepa Raghunathan", "Nine. What happens when the sync fails? Do I get an alert?"),
        ("Jordan Lee", "You get an alert by email. How do you find out today when something fails?"),
        ("Deepa Raghunathan", "At close. Our current AP tool fails silently. What are your API rate limits?"),
        ("Jordan Lee", "Well within limits. Yes, I'll get you a sandbox this week. Anything that would stop you from "
                       "recommending us?"),
        ("Deepa Raghunathan", "If the sandbox fails silently, I'm out. Do you have support at 2 a.m.? Who do I call?"),
    ]  # fmt: skip
    sides = identify_sides(interview(call))
    assert (sides.interviewers, sides.buyers) == (("Jordan Lee",), ("Deepa Raghunathan",))


def test_someone_left_said_within_a_buyers_answer_is_no_debrief() -> None:
    """Tester 42: "... Margaret, she knew all of it. But she's left, she retired in June, and now nobody reads them."
    as the buyer's last turn was taken for the research team's debrief and dropped whole."""
    from voiceofbuyer.off_record import after_the_call

    call = interview([
        ("Sam Ortiz", "Who used to handle the denials?"),
        ("Dana Cole", "We had one person for that."),
        ("Sam Ortiz", "And now?"),
        ("Dana Cole", "Margaret, she knew all of the payer rules by heart. But she's left, she retired in June, and "
                      "now nobody reads them until the money is late."),
    ])  # fmt: skip
    assert after_the_call(call.turns) == len(call.turns)
    debrief = interview([*[(t.speaker, t.text) for t in call.turns], ("Sam Ortiz", "Okay, she's gone. Thoughts?"),
                         ("Ben Okafor", "Strong pain on denials.")])  # fmt: skip
    assert after_the_call(debrief.turns) == 4


def test_whom_the_interviewer_brings_is_theirs_whatever_teams_marks(tmp_path) -> None:
    """Tester 42: the vendor's implementation partner, marked "(External)" like the buyers, was quoted as a buyer."""
    from voiceofbuyer.ingest import read_interview

    transcript = (
        "Owen Marsh   0:04\nThanks for joining. I've got Lena Vogt with me from Brightpath, our implementation "
        "partner, she'll mostly listen. Could you tell me about your role?\n"
        "Ruth Adeyemi (External)   0:15\nI'm the asset manager at Marlow County Water. We track assets in Access.\n"
        "Lena Vogt (External)   0:30\nSorry to jump in, is the Access database the system of record for assets too?\n"
        "Ruth Adeyemi (External)   0:38\nIt is, sadly. And the field crews never update it.\n"
        "Owen Marsh   0:50\nWhat would make you switch?\n"
        "Ruth Adeyemi (External)   0:55\nIf it works offline in the field, I would switch this year.\n"
    )
    (tmp_path / "call.txt").write_text(transcript, "utf-8")
    sides = identify_sides(read_interview(tmp_path / "call.txt", tmp_path))
    assert (set(sides.interviewers), sides.buyers) == ({"Owen Marsh", "Lena Vogt"}, ("Ruth Adeyemi",))


def _said(text: str):
    """An interview of ``Speaker: words`` lines."""
    return interview([tuple(line.split(": ", 1)) for line in text.splitlines()])


def test_a_buyer_who_leads_the_call_with_questions_is_the_buyer_across_from_a_seller_who_asks_about_their_decision():
    """Tester 45: the buyer gives her job and asks about the product; the seller answers and asks what success is and
    who signs off. Before, whoever asked most was the interviewer, and the seller's answers were buyer quotes."""
    call = _said(
        "Laura Chen: I'm the IT director at Westbrook Clinics. Tickets get lost and the managers ring my mobile.\n"
        "Tom Becker: Okay, useful context.\n"
        "Laura Chen: So my questions for you are, can it show patch status per device? And what does pricing look "
        "like?\n"
        "Tom Becker: Yes. The agent reports patch status every four hours. Per technician, unlimited devices.\n"
        "Laura Chen: Does the agent work on locked-down workstations? Can it do single sign-on?\n"
        "Tom Becker: It does, it runs as a service. Understood. How would you measure success?\n"
        "Laura Chen: Clinic managers logging tickets instead of ringing me.\n"
        "Tom Becker: And who would sign off?\n"
        "Laura Chen: I would, it's within my budget.\n"
    )
    sides = identify_sides(call)
    assert (sides.interviewers, sides.buyers) == (("Tom Becker",), ("Laura Chen",))
    # A researcher who asks the same about the buyer's own decisions stays the interviewer.
    research = _said(
        "Dana Reyes: Could you tell me about your role?\n"
        "Laura Chen: I'm the IT director at Westbrook Clinics. Tickets get lost and the managers ring my mobile.\n"
        "Dana Reyes: How would you measure success for a new tool? And who would sign off?\n"
        "Laura Chen: Fewer calls to my mobile. I would sign off, it's within my budget.\n"
    )
    assert identify_sides(research).buyers == ("Laura Chen",)


def test_a_meeting_room_is_named_by_whoever_gives_their_full_name_in_it():
    from voiceofbuyer.ingest.said_names import said_name

    said = "Yes, we can. So I'm Wendell Hayes, fleet director, and I've got Lucy Marsh here with me."
    assert said_name("Carrow Transit HQ - Boardroom 4", said, "Great, thanks both.") == "Wendell Hayes"
    # A placeholder's voice may be anyone's a recogniser put there: the other side must say the name too.
    assert said_name("Speaker 2", said, "Great, thanks both.") == ""
    # A title is no name.
    assert said_name("Carrow Transit HQ - Boardroom 4", "I'm Fleet Director here.", "Thanks.") == ""


def test_granolas_them_is_the_attendee_the_interviewer_calls_by_name():
    from voiceofbuyer.ingest.metadata import header_metadata
    from voiceofbuyer.ingest.said_names import named_attendee

    meta = header_metadata(
        ["# Harbourline Marine – finance ops interview", "", "Tue, 21 Oct 26 · Sam Ortiz, Tomasz Lewandowski"], "x"
    )
    assert (meta.date, meta.attendees) == ("Tue, 21 Oct 26", "Sam Ortiz, Tomasz Lewandowski")
    assert header_metadata(["Priya Desai · Procurement Lead · Harlow"], "x").attendees == ""
    # Notion's mentions (tester 54); an address stays whole
    assert header_metadata(["Attendees: @Tom Reyes @Lena Park"], "x").attendees == "Tom Reyes, Lena Park"
    assert header_metadata(["Attendees: Tom Reyes, lena@fernway.com"], "x").attendees == "Tom Reyes, lena@fernway.com"
    heard = "Hi, I'm Sam. Thanks for jumping on, Tomasz. Could you start by telling me what you do?"
    said = "Yeah, so I'm the financial controller."
    assert named_attendee(meta.attendees, said, heard, ["Me", "Them"]) == "Tomasz Lewandowski"
    # Two attendees called by name, or none: no guess.
    assert named_attendee("Sam Ortiz, Tomasz Lewandowski, Ana Li", said, heard + " Ana, welcome.", ["Me", "Them"]) == ""
    assert named_attendee(meta.attendees, said, "Could you start by telling me what you do?", ["Me", "Them"]) == ""
    # The interviewer naming themselves another way, and the buyer calling them by name (tester 47).
    heard = "Oskar here from Quayside, thanks for making time. Oskar again, sorry, one more thing."
    assert named_attendee("Priya Raman, Oskar Nilsson", "Hi Oskar. I'm the controller.", heard, ["Me", "Them"]) == ""


def test_rooms_as_room_systems_and_sites_name_them():
    from voiceofbuyer.ingest.labels import is_room

    assert is_room("MTG-RM Harbour View (Level 3)") and is_room("Kestrel House - Thames Suite")
    assert not is_room("Maya Suitor") and not is_room("Ana Suite-Lopez")
    # A room's floor in brackets is no company, as a sales-call recorder's company is.
    from voiceofbuyer.ingest.speaker_names import company

    assert company("MTG-RM Harbour View (Level 3)") == "" and company("Jenna Cole (Clinix)") == "Clinix"


def test_a_rooms_label_with_its_floor_after_a_dash_is_a_speaker_line():
    from voiceofbuyer.ingest.labels import read_head
    from voiceofbuyer.ingest.speaker_names import company

    # Otter writes the label and its time above the speech: "Boardroom - 2nd Floor  0:11" (tester 47).
    for label, room in (("Boardroom - 2nd Floor  0:11", "Boardroom"), ("HQ - 3F Kitchen  1:02", "HQ")):
        head = read_head(label)
        assert head is not None and head.speaker == room and head.alone and head.time is not None, label
    assert company("Boardroom - 2nd Floor") == ""
