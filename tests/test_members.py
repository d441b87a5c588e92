"""The other buyers of a group interview are cited as themselves: their own name, title and company (tester 35)."""

from voiceofbuyer.config import load_config
from voiceofbuyer.ingest.sides import identify_sides
from voiceofbuyer.members import _attendee_title, label_name, profiled_company, with_member_companies
from voiceofbuyer.profiles import buyer_profile
from voiceofbuyer.records import Interview, InterviewMeta, Statement, Turn
from voiceofbuyer.themes import quote_of, speaker_key

TAXONOMY = load_config(None).taxonomy

FOCUS_GROUP = [
    ("Jess Obi", "Hi everyone, I'm Jess, a user researcher here at Rosterly. Can we start with quick intros? Martin?"),
    ("Martin Hale", "Sure. Martin Hale, I'm the payroll manager at Kinloch Foods. About fourteen hundred people."),
    ("Jess Obi", "Great, thanks Martin. Grace?"),
    ("Grace Okafor", "Hi, I'm Grace Okafor. I'm a senior HR business partner at Tern Healthcare, so care homes."),
    ("Jess Obi", "And I think we've got one more, sorry, you're showing as Speaker 3 on my side."),
    (
        "Speaker 3",
        "Yeah, sorry, I dialed in from the car. It's Priyanka Desai, I'm head of people operations at Velo "
        "Bikes. Retail, twenty-two stores.",
    ),
    ("Jess Obi", "Thanks Priyanka. Tell me about the last pay run that went wrong. What happened?"),
    ("Martin Hale", "A night shift premium never made it into payroll, so forty people were short on their pay."),
    ("Speaker 3", "For us it's the students. They pick up shifts on WhatsApp and the store manager forgets the rota."),
    ("Grace Okafor", "We get the same with agency staff, the timesheets come in on paper from the homes."),
]

COMMITTEE = [
    ("Sam Reyes", "Thanks both for joining. Could you introduce yourselves?"),
    ("Naledi Khumalo", "I'm Naledi Khumalo, head of finance at Corbel Construction."),
    ("Marek Nowak", "And I'm Marek Nowak, I'm the commercial manager, same company, I look after subcontracts."),
    ("Sam Reyes", "What takes the most time at month end?"),
    ("Naledi Khumalo", "Chasing subcontractor invoices that never match the purchase orders takes three days."),
    ("Marek Nowak", "And the retentions, nobody tracks when they fall due, so we pay them late every quarter."),
]


def interview(turns: list[tuple[str, str]]) -> Interview:
    text, records = "", []
    for line, (speaker, said) in enumerate(turns, start=1):
        start = len(text) + len(speaker) + 2
        records.append(Turn(speaker, said, start, start + len(said), line))
        text += f"{speaker}: {said}\n"
    return Interview("group", "group.txt", "text", "0", text, tuple(records), InterviewMeta())


def cited(turns: list[tuple[str, str]], speaker: str) -> tuple[str, str, str, str]:
    """(name, title, company, counted as) of the quote of ``speaker``'s last turn, as a run cites it."""
    group = interview(turns)
    sides = identify_sides(group)
    profile = buyer_profile(group, sides, TAXONOMY)
    company = profiled_company(group, sides, profile)
    group = Interview(**{**group.__dict__, "meta": InterviewMeta(company=company)})
    profile = with_member_companies(profile, company)
    turn = [t for t in group.turns if t.speaker == speaker][-1]
    said = Statement("group@1", "group", speaker, turn.line, turn.start_char, turn.end_char, (), turn.text, "")
    citation = quote_of(said, group, profile).citation
    return citation.speaker, citation.title, citation.company, speaker_key(said, profile)


def test_a_placeholder_voice_who_names_herself_is_cited_as_herself_not_the_first_buyer():
    # "Speaker 3" was cited "Martin Hale (Payroll Manager, Kinloch Foods)", and not counted as a person of her own
    name, title, company, counted = cited(FOCUS_GROUP, "Speaker 3")
    assert (name, title, company) == ("Priyanka Desai", "Head of People Operations", "Velo Bikes")
    assert counted != cited(FOCUS_GROUP, "Martin Hale")[3]


def test_each_panel_member_keeps_their_own_title_and_company():
    assert cited(FOCUS_GROUP, "Martin Hale")[:3] == ("Martin Hale", "Payroll Manager", "Kinloch Foods")
    assert cited(FOCUS_GROUP, "Grace Okafor")[:3] == ("Grace Okafor", "Senior HR Business Partner", "Tern Healthcare")


def test_in_a_panel_a_member_who_names_no_company_is_cited_with_none():
    quiet = [*FOCUS_GROUP, ("Lee Park", "I'm Lee Park, I do the rotas. Honestly the swaps are the worst part.")]
    assert cited(quiet, "Lee Park")[2] == ""


def test_a_buying_committee_shares_its_company_and_each_keeps_their_title():
    assert cited(COMMITTEE, "Naledi Khumalo")[:3] == ("Naledi Khumalo", "Head of Finance", "Corbel Construction")
    assert cited(COMMITTEE, "Marek Nowak")[:3] == ("Marek Nowak", "Commercial Manager", "Corbel Construction")


def test_a_directory_name_is_cited_given_name_first():
    turns = [(speaker.replace("Grace Okafor", "Okafor, Grace (External)"), said) for speaker, said in FOCUS_GROUP]
    assert cited(turns, "Okafor, Grace (External)")[0] == "Grace Okafor"


def test_a_buyer_whose_label_shows_their_company_is_cited_with_it():
    # Chorus: "Tamsin Reid" / "Orchard Lane Foods" / "00:09": the company was read nowhere (tester 35)
    turns = [
        ("Ryan Colbert (Stackfield)", "Thanks for jumping on, Tamsin. What's your role there?"),
        ("Tamsin Reid (Orchard Lane Foods)", "I'm head of IT, so the ERP, the network and the auditors."),
        ("Ryan Colbert (Stackfield)", "What's the hardest part of the year-end audit?"),
        ("Tamsin Reid (Orchard Lane Foods)", "Pulling access reviews out of six systems by hand every quarter."),
    ]
    assert cited(turns, "Tamsin Reid (Orchard Lane Foods)")[:3] == ("Tamsin Reid", "Head of IT", "Orchard Lane Foods")


PANEL = [
    ("Kavya Menon", "Welcome to the round table. Quick intros please: name, role, company. Marcus?"),
    ("Marcus Okafor", "Marcus Okafor, I'm the group controller at Redwater Foods."),
    ("Kavya Menon", "Thanks Marcus. Joel?"),
    ("Joel W", "Joel Whitaker, controller. I'll keep the company name out of it, legal is funny about these things."),
    ("Kavya Menon", "Of course. And on the iPad?"),
    ("iPad Pro", "It's Sofia, Sofia Brandt. I'm head of finance operations at Kiln & Co."),
    ("Kavya Menon", "Thanks Sofia. What's the worst part of month end?"),
    ("Marcus Okafor", "Chasing the depots for delivery notes, every single month."),
    ("iPad Pro", "Nobody on my team keys an invoice by hand, but the matching still takes a week."),
    ("Joel W", "For us it's approvals sitting in inboxes while people are on the shop floor."),
]


def test_a_panelist_on_a_device_who_names_herself_is_cited_as_herself_not_the_first_buyer():
    # "iPad Pro", who speaks throughout, was cited "Marcus Okafor (Group Controller, Redwater Foods)" (tester 37)
    name, title, company, counted = cited(PANEL, "iPad Pro")
    assert (name, title, company) == ("Sofia Brandt", "Head of Finance Operations", "Kiln & Co")
    assert counted != cited(PANEL, "Marcus Okafor")[3]


def test_a_panelist_who_keeps_their_company_out_is_cited_with_none_not_another_panelists():
    assert cited(PANEL, "Joel W")[2] == ""
    alone = [turn for turn in PANEL if turn[0] != "Marcus Okafor"]  # Joel is the first buyer: still no company
    assert cited(alone, "Joel W")[2] == ""


def test_the_first_buyer_of_a_group_under_a_directory_label_is_named_given_name_first_and_counted_once():
    turns = [(f"{s.split()[1]}, {s.split()[0]} (External)" if s == "Marcus Okafor" else s, t) for s, t in PANEL]
    group = interview(turns)
    profile = buyer_profile(group, identify_sides(group), TAXONOMY)
    assert profile.name == "Marcus Okafor" and "Marcus Okafor" not in [m.name for m in profile.members]


def test_a_placeholder_voice_who_names_herself_is_not_flagged_unsure_one_who_does_not_is():
    # "Speaker 3", named Nkechi Obi by her own words, was cited "[speaker uncertain]" (tester 37)
    import re

    from voiceofbuyer.passages import buyer_passages

    def unsure(turns: list[tuple[str, str]]) -> dict[str, bool]:
        group = interview(turns)
        passages = buyer_passages(group, identify_sides(group), re.compile(r"\b(?:um|uh)\b"), frozenset())
        return {p.speaker: p.speaker_uncertain for p in passages}

    assert unsure(FOCUS_GROUP)["Speaker 3"] is False
    silent = [(s, "For us it's the students, the rota is never right.") if s == "Speaker 3" else (s, t)
              for s, t in FOCUS_GROUP]  # fmt: skip
    assert unsure(silent)["Speaker 3"] is True


def test_a_label_with_an_initial_is_the_full_name_the_speaker_gives():
    # "Joel W" said "Joel Whitaker, controller" and stayed "Joel W" (tester 37)
    from voiceofbuyer.ingest.speaker_names import display_speaker
    from voiceofbuyer.records import BuyerProfile

    group = interview([turn for turn in PANEL if turn[0] != "Marcus Okafor"])
    profile = buyer_profile(group, identify_sides(group), TAXONOMY)
    assert profile.name == "Joel Whitaker"
    assert display_speaker("Joel W", BuyerProfile("i", "Joel Whitaker", "", "Role", "metadata")) == "Joel Whitaker"


def test_a_company_said_short_is_named_as_the_header_writes_it_in_full():
    """Tester 38: "I'm the VP of Finance at Northwind" under Gong's "Tallyo <> Northwind Logistics | Discovery" was
    cited as "Northwind"; a header's "Northwind Discovery Call" names no more of it."""
    turns = [
        ("Jordan Lee", "Could you tell me about your role?"),
        ("Dana Whitfield", "Sure. I'm the VP of Finance at Northwind, been here about three years."),
        ("Jordan Lee", "What takes longest at month end?"),
        ("Dana Whitfield", "AP is the bottleneck: eleven business days to close."),
    ]
    for header, company in (("Tallyo <> Northwind Logistics | Discovery", "Northwind Logistics"),
                            ("Northwind Discovery Call", "Northwind")):  # fmt: skip
        call = interview(turns)
        text = f"{header}\n{call.text}"
        shifted = tuple(Turn(t.speaker, t.text, t.start_char + len(header) + 1, t.end_char + len(header) + 1,
                             t.line + 1) for t in call.turns)  # fmt: skip
        call = Interview(**{**call.__dict__, "text": text, "turns": shifted})
        sides = identify_sides(call)
        assert profiled_company(call, sides, buyer_profile(call, sides, TAXONOMY)) == company, header


def test_a_given_name_label_is_the_full_name_its_speaker_gives():
    """ "Aisha:" and "Ben:" who say "Aisha Rahman, I'm VP ..." and "And I'm Ben Kowalski, I run ..." are cited by their
    full names (tester 53); a full name said of someone else, or not as one's own, leaves the label as it is."""
    assert label_name("Aisha", "Sure. Aisha Rahman, I'm VP of customer support at Tidewater.") == "Aisha Rahman"
    assert label_name("Ben", "And I'm Ben Kowalski, I run support systems for Aisha.") == "Ben Kowalski"
    assert label_name("Sam", "Sam Altman said so.") == "Sam"
    assert label_name("Sam", "We asked Sam Brown, our CFO.") == "Sam"
    assert label_name("Ben", "I'm Aisha Rahman, and Ben Kowalski is next to me.") == "Ben"


def test_a_member_takes_the_title_the_headers_attendees_give():
    """ "Participants: Aisha Rahman (VP, Customer Support), Ben Kowalski (Support Systems Lead)": Ben, who says only
    what he runs, is cited with the title the list gives him (tester 53); a list of names alone gives none."""
    attendees = "Aisha Rahman (VP, Customer Support), Ben Kowalski (Support Systems Lead)"
    assert _attendee_title(attendees, "Ben Kowalski") == "Support Systems Lead"
    assert _attendee_title("Sam Ortiz, Tomasz Lewandowski", "Tomasz Lewandowski") == ""
