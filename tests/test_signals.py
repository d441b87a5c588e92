"""How buyers buy, found in what they say: committee parts (first person, one per buyer) and the channels they
learn from (never a room or a business that merely shares the word)."""

from __future__ import annotations

from voiceofbuyer.records import Citation, Quote, Statement
from voiceofbuyer.signals import committee_parts, mentions


def said(interview: str, *texts: str) -> list[Statement]:
    return [Statement(f"{interview}-{i}", interview, "B", i, i * 100, i * 100 + len(t), (), t, "")
            for i, t in enumerate(texts)]  # fmt: skip


def quote(statement: Statement) -> Quote:
    return Quote(statement.id, statement.text, Citation(statement.interview_id, "", "B", "", "", 1, None))


def test_each_buyer_plays_the_part_most_of_their_statements_show_with_the_quote_that_shows_it():
    statements = [
        *said("cfo", "The board wants payback in a year.", "In the end I sign off on anything over fifty thousand.",
              "It's my call in the end, not IT's."),
        *said("it", "We ran a pilot with ten store managers.", "Anything finance looks at comes through me early.",
              "I evaluated four tools last spring."),
        *said("clerk", "Our manager signs off on it.", "Procurement decides."),  # someone else's part: not hers
        # a veto on one side of it, not the final decision
        *said("architect", "I do the technical sign-off, so nothing goes live without it."),
        *said("coo", "The final sign-off on anything over fifty thousand sits with me, so I sign-off on it."),
        # the work itself evaluated or tested, not what is bought (a real spoken set: 7 of 7 such matches)
        *said("ds", "We're evaluating the model on the past data.", "We tested it in staging first."),
        *said("ap", "I tested Coupa and Tipalti before we called you."),
        # another's part after the buyer's "I" (tester 21): her own is the champion's
        *said("payroll", "I'm pushing for it, but our finance director signs off, and IT has a veto on it."),
        *said("analyst", "I'll recommend a vendor, and then the CEO has the final say."),
    ]  # fmt: skip
    parts = committee_parts(statements)
    assert {k: v.name for k, v in parts.items()} == {"cfo": "Decision-maker", "it": "Evaluator",
                                                     "architect": "Gatekeeper", "coo": "Decision-maker",
                                                     "ap": "Evaluator", "payroll": "Champion"}  # fmt: skip
    assert parts["cfo"].statement.text == "In the end I sign off on anything over fifty thousand."
    found = mentions(statements, ["cfo", "it", "clerk"], quote, str, committee=True)
    assert [(m.name, m.interviewees, len(m.quotes)) for m in found] == [("Decision-maker", 1, 1), ("Evaluator", 1, 1)]


def test_a_part_denied_or_a_doubt_is_no_part_and_a_veto_is_a_gatekeepers():
    """ "I'm not convinced the scanning is accurate" made its buyer a champion (tester S); so would "we never ran a
    pilot" an evaluator. "I just have a veto on security" is a gatekeeper's."""
    statements = [
        *said("ap", "I'm not convinced the scanning is accurate, we'd end up checking everything twice anyway."),
        *said(
            "ops",
            "We never ran a pilot, and I don't sign off on tools.",
            "I'm convinced the tool works.",
            "Honestly, I don't think we ever ran a pilot of anything.",
            "We're convinced the vendors overcharge us.",
        ),
        # doubted before it is named, or held no more (tester T)
        *said(
            "cio",
            "I'm not sure I'd say I have a veto, our CIO decides.",
            "I used to have a veto when I ran procurement, not anymore.",
        ),
        *said("it", "I just have a veto on security."),
        *said("fd", "I convinced the CFO to look at it."),
        *said("vp", "Our operations director and IT will do the security review. But the budget is mine."),
    ]
    assert {k: v.name for k, v in committee_parts(statements).items()} == {
        "it": "Gatekeeper",
        "fd": "Champion",
        "vp": "Decision-maker",
    }


def test_signing_off_on_security_or_a_veto_is_a_gatekeepers_part_and_a_part_named_counts():
    """ "I have to sign off on security and integration, and the CFO signs the contract. I'm the gatekeeper, I guess."
    was a decision-maker, "... but I can veto" nothing (tester 12)."""
    statements = [
        *said("it", "I have to sign off on security and integration, and the CFO signs the contract.",
              "I'm the gatekeeper, I guess."),
        *said("itd", "The fleet director picks, the CFO signs the contract, but I can veto."),
        *said("cfo", "I'm the decision maker on this one.", "I sign off on the budget."),
    ]  # fmt: skip
    assert {k: v.name for k, v in committee_parts(statements).items()} == {
        "it": "Gatekeeper", "itd": "Gatekeeper", "cfo": "Decision-maker",
    }  # fmt: skip


def test_a_channel_counts_where_a_buyer_learns_from_it():
    statements = [
        *said("a", "I'm in the small conference room, sorry about the noise.",  # a room, not an event
              "We run a few podcast networks.",  # their business, not a source
              "I read the reviews on G2 before I called anyone.", "A peer at another hospital recommended you."),
        *said("b", "I always check G2 reviews first.", "I heard about you at a conference in Lisbon."),
        *said("c", "I ask the model how to integrate peer-based networking in a game."),  # a network, no peer
    ]  # fmt: skip
    found = mentions(statements, ["a", "b", "c"], quote, str, committee=False)
    assert [(m.name, m.interviewees) for m in found] == [("Review sites", 2), ("Peers", 1), ("Events", 1)]
    review_sites = found[0]
    assert [q.statement_id for q in review_sites.quotes] == ["a-2", "b-0"]  # one quote per interview


def test_an_answer_to_where_they_learn_about_tools_names_its_channel_without_a_learning_verb():
    """ "How do you find out about new tools?" / "Mostly from other warehouse managers in a peer group I joined."
    (tester 21); the same words after another question name no channel."""
    from dataclasses import replace

    answer = said("a", "Mostly from other warehouse managers in a peer group I joined.")[0]
    asked = replace(answer, question="How do you find out about new tools?")
    other = replace(answer, interview_id="b", question="Who is on your team?")
    found = mentions([asked, other], ["a", "b"], quote, str, committee=False)
    assert [(m.name, m.interviewees) for m in found] == [("Peers", 1)]


def test_plain_first_person_parts_count():
    """ "I'm the one pushing.", "I'm more of a, you know, the champion.", "I make the recommendation, the CIO signs."
    and "I recommend, the CFO of the trust approves" were no part at all (tester 33)."""
    statements = [
        *said("keisha", "I'm the one pushing."),
        *said("olivia", "I'm more of a, you know, the champion."),
        *said("marcus", "I make the recommendation, the CIO signs."),
        *said("jorge", "I recommend, the CFO of the trust approves."),
        *said("ana", "We recommend it to friends."),
    ]
    assert {k: v.name for k, v in committee_parts(statements).items()} == {
        "keisha": "Champion", "olivia": "Champion", "marcus": "Evaluator", "jorge": "Evaluator",
    }  # fmt: skip


def test_a_sponsor_an_evaluation_prepared_a_block_and_a_community_count():
    """Tester 41: "I'd sponsor it", "I prepare the evaluation", "I can block, but I don't sign." were no part, and
    "the NHS procurement conference", "the legal ops community", "Slack groups" no channel."""
    from dataclasses import replace

    statements = [
        *said("linda", "I'd sponsor it, Hannah would be closely involved, and the finance director approves."),
        *said("tomasz", "I prepare the evaluation, the procurement director and the CFO decide."),
        *said("olu", "I can block, but I don't sign."),
    ]
    assert {k: v.name for k, v in committee_parts(statements).items()} == {
        "linda": "Champion", "tomasz": "Evaluator", "olu": "Gatekeeper",
    }  # fmt: skip
    asked = "How do you keep up with new tools?"
    learned = [
        *said("linda", "I go to the NHS procurement conference most years."),
        replace(said("sophie", "CLOC, mostly. The legal ops community.")[0], question=asked),
        replace(said("olu", "Reddit, honestly. And a couple of Slack groups for IT leaders.")[0], question=asked),
    ]
    found = mentions(learned, ["linda", "sophie", "olu"], quote, str, committee=False)
    assert {(m.name, m.interviewees) for m in found} == {("Events", 1), ("Communities", 2)}


def test_parts_told_in_the_past_after_the_purchase():
    """A win/loss or switch interview tells the parts in the past (tester 53); an evaluation of a model, a
    recommendation to a friend and a proposal turned down are no part."""
    statements = [
        *said("support", "I made the recommendation, our COO signed it off."),
        *said("contact", "I did the evaluation with my two supervisors, and I recommended Deskwise to our COO."),
        *said("it", "I chaired the evaluation panel."),
        *said("systems", "I wrote sixty-two requirements and scored each vendor against them."),
        *said("service", "I proposed it."),
        *said("ds", "We ran the evaluation on past data."),
        *said("friend", "I recommended it to my friend."),
        *said("board", "I proposed it to the board but they said no."),
    ]
    assert {k: v.name for k, v in committee_parts(statements).items()} == {
        "support": "Evaluator", "contact": "Evaluator", "it": "Evaluator", "systems": "Evaluator", "service": "Champion"
    }  # fmt: skip


def test_a_mailing_list_the_buyer_reads_is_a_community():
    """ "Their service management group has a mailing list and I read it every week." (tester 53)"""
    statements = said("a", "Their service management group has a mailing list and I read it every week.")
    found = mentions(statements, ["a"], quote, str, committee=False)
    assert [(m.name, m.interviewees) for m in found] == [("Communities", 1)]
