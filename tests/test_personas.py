"""Personas' file names: slugs that transliterate, stay short and never collide."""

from __future__ import annotations

import pytest

from voiceofbuyer.personas import build_personas
from voiceofbuyer.records import BuyerProfile, Interview, InterviewMeta
from voiceofbuyer.slugs import MAX_LENGTH, slugify, unique_slugs


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Finance Leader", "finance-leader"),
        ("IT & Systems Evaluator", "it-systems-evaluator"),
        ("陈静", "chen-jing"),
        ("Директор по закупкам", "direktor-po-zakupkam"),
        ("Ärztin", "arztin"),
    ],
)
def test_slugs_are_readable_and_transliterated(name, slug):
    assert slugify(name) == slug


def test_names_without_letters_and_long_names_get_distinct_short_slugs():
    assert slugify("!!!") != slugify("???")
    assert slugify("!!!").startswith("role-")
    long_a, long_b = "Head of " + "very " * 60 + "A", "Head of " + "very " * 60 + "B"
    assert slugify(long_a) != slugify(long_b)
    assert all(len(slugify(n)) <= MAX_LENGTH + 9 for n in (long_a, long_b))


def test_roles_that_slug_alike_get_distinct_slugs_whatever_their_order():
    names = ["IT Systems", "IT & Systems", "it-systems", "陈静", "Chen Jing"]
    slugs = unique_slugs(names)
    assert len(set(slugs.values())) == len(names)
    assert unique_slugs(reversed(names)) == slugs


def test_personas_of_roles_that_slug_alike_do_not_overwrite_each_other():
    def profile(number: int, role: str) -> BuyerProfile:
        return BuyerProfile(interview_id=f"i{number}", name=f"Buyer {number}", title="", role=role, role_source="")

    profiles = [profile(1, "IT & Systems"), profile(2, "IT Systems"), profile(3, "采购经理"), profile(4, "Căi Gòu")]
    interviews = {
        p.interview_id: Interview(
            id=p.interview_id,
            source=f"{p.interview_id}.txt",
            format="text",
            sha256="",
            text="",
            turns=(),
            meta=InterviewMeta(),
        )
        for p in profiles
    }
    personas = build_personas(profiles, interviews, [], [])
    assert len({p.slug for p in personas}) == 4


def test_without_a_reviewers_summary_a_persona_opens_with_its_strongest_points_in_their_words(first_run):
    """The extractive summary: the lead quotes of the strongest pain, goal and objection raised by two or more."""
    import json
    import re

    out = first_run[0]
    result = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    themes = {t["id"]: t for t in result["themes"]}
    persona = next(p for p in result["personas"] if p["role"] == "Finance Leader")
    document = (out / "personas" / f"{persona['slug']}.md").read_text("utf-8")
    line = next(line for line in document.splitlines() if line.startswith("**In short**"))
    quoted = re.findall(r'"(.+?)" \((pain|goal|objection), (\d+) of (\d+); (.+?)\)(?= "|$)', line)
    assert [category for _, category, _, _, _ in quoted] == ["pain", "goal", "objection"]
    for text, category, count, total, citation in quoted:
        strongest = next(themes[i] for i in persona["sections"][category]
                         if not themes[i]["mentioned_once"] and themes[i]["lead_confidence"] >= 0.5)  # fmt: skip
        assert text == strongest["quotes"][0]["text"] and int(count) == strongest["interviewees"]
        assert int(total) == persona["interviewee_count"]
        assert strongest["quotes"][0]["citation"]["interview_id"] in citation  # each quote is cited
    # "In short" already quotes the strongest goal: the Markdown does not repeat it as "In their words".
    assert "**In their words:**" not in document


def test_a_persona_from_one_interview_says_one_interview():
    from types import SimpleNamespace

    from voiceofbuyer.render import approval

    draft = SimpleNamespace(approved_by="", approved_on="", themes_total=0, themes_reviewed=0)
    assert approval(draft, 1) == "draft generated from 1 interview; approved by —"
    assert approval(draft, 28).startswith("draft generated from 28 interviews;")


def test_a_catch_all_persona_counts_toward_no_roles_interviews():
    """The index said "Other roles | 5 | enough" for five people of five different jobs (tester 21)."""
    from types import SimpleNamespace

    from voiceofbuyer.render import coverage

    assert coverage(SimpleNamespace(role="Finance Leader", interviewee_count=3)) == "2 more needed"
    assert coverage(SimpleNamespace(role="Finance Leader", interviewee_count=5)) == "enough"
    assert coverage(SimpleNamespace(role="Other roles", interviewee_count=5)).startswith("a mix of roles")
    assert coverage(SimpleNamespace(role="Unassigned", interviewee_count=9)) == "roles not said, not counted"


def test_a_theme_whose_leads_category_the_classifier_was_unsure_of_says_so_and_never_speaks_for_the_persona():
    """Judged against the codebook, few real leads under confidence 0.5 were of their category: such a theme is
    marked, and "In short" and "In their words" quote the strongest one it was sure of."""
    from voiceofbuyer.records import Citation, Quote, Theme
    from voiceofbuyer.render import in_short, strength

    def theme(number: int, category: str, confidence: float) -> Theme:
        citation = Citation("i1", "i1.txt", "Buyer", "", "", number, None)
        quote = Quote(f"s{number}", f"Statement {number}.", citation)
        return Theme(f"t{number}", "Role", category, f"Theme {number}", (), (f"s{number}", f"x{number}"), (quote,),
                     ("i1", "i2", "i3")[: 3 - number % 2], (), lead_confidence=confidence)  # fmt: skip

    unsure_goal, sure_goal, unsure_pain = theme(1, "goal", 0.41), theme(2, "goal", 0.9), theme(3, "pain", 0.3)
    profiles = [BuyerProfile(f"i{n}", f"Buyer {n}", "", "Role", "metadata") for n in (1, 2, 3)]
    interviews = {p.interview_id: Interview(p.interview_id, f"{p.interview_id}.txt", "text", "", "", ())
                  for p in profiles}  # fmt: skip
    (persona,) = build_personas(profiles, interviews, [unsure_goal, sure_goal, unsure_pain], [])
    assert persona.in_their_words == sure_goal.quotes[0]
    assert dict(persona.sections)["goal"] == (sure_goal, unsure_goal), "the sure first, each in rank order"
    assert in_short(persona) == [("goal", sure_goal)], "no pain it was sure of: none quoted"
    assert "unsure it is a goal (the classifier is 41% sure)" in strength(unsure_goal, persona)
    assert "unsure" not in strength(sure_goal, persona)
    (alone,) = build_personas(profiles, interviews, [unsure_pain], [])
    assert alone.in_their_words == unsure_pain.quotes[0], "the only pattern still gives the persona a voice"


def test_a_c_level_title_written_out_is_counted_with_its_acronym():
    """ "titles: Financial Controller (2), CFO (1), Chief Financial Officer (1)" (tester 17): one title, CFO (2)."""
    titles = ["CFO", "Chief Financial Officer", "Financial Controller", "Chief of Staff"]
    profiles = [BuyerProfile(f"i{n}", f"Buyer {n}", title, "Finance Leader", "title") for n, title in enumerate(titles)]
    interviews = {
        p.interview_id: Interview(p.interview_id, f"{p.interview_id}.txt", "text", "", "", (), InterviewMeta())
        for p in profiles
    }
    (persona,) = build_personas(profiles, interviews, [], [])
    assert persona.titles == (("CFO", 2), ("Chief of Staff", 1), ("Financial Controller", 1))


def test_every_interviewee_a_theme_counts_has_words_on_the_evidence_page():
    """ "Okta integration, 3 of 4" showed one quote: the two others were too short to stand as quotes (tester 25).
    The first statement of each interview without a quote is listed; quoted interviews are not listed again."""
    from types import SimpleNamespace

    from voiceofbuyer.records import Statement
    from voiceofbuyer.render import counted_unquoted

    def statement(sid: str, interview: str, text: str) -> Statement:
        return Statement(sid, interview, "B", 0, 0, len(text), (), text, "")

    said = [
        statement("a1", "a", "It must integrate with Okta and our HR system."),
        statement("b1", "b", "It must connect to Okta."),
        statement("b2", "b", "Okta, full stop."),
        statement("c1", "c", "Okta integration."),
    ]
    quote = SimpleNamespace(citation=SimpleNamespace(interview_id="a"))
    theme = SimpleNamespace(quotes=(quote,), statement_ids=("a1", "b1", "b2", "c1"))
    shown = counted_unquoted(theme, {s.id: s for s in said})
    assert [s.id for s in shown] == ["b1", "c1"]


def test_a_group_interviews_second_named_buyer_is_counted_as_the_persona_lists_them():
    """Four people listed ("Dana Whitfield, Jorge Amado, Lena Fischer, Marcus Oyelaran") were "of 3": Lena, Jorge's
    colleague on his call, was listed but not counted (tester 33). A device named after the profiled buyer, or an
    unnamed voice, is that buyer, never a second person."""
    from voiceofbuyer.records import Statement

    def said(sid: str, interview: str, speaker: str) -> Statement:
        return Statement(sid, interview, speaker, 0, 0, 10, (), "We review access every quarter.", "")

    profiles = [BuyerProfile("corvel", "Jorge Amado", "IT Manager", "IT", "title"),
                BuyerProfile("brightpath", "Marcus Oyelaran", "CISO", "IT", "title")]  # fmt: skip
    interviews = {p.interview_id: Interview(p.interview_id, "x.txt", "text", "", "", (), InterviewMeta())
                  for p in profiles}  # fmt: skip
    statements = [said("c1", "corvel", "Jorge Amado"), said("c2", "corvel", "Lena Fischer"),
                  said("c3", "corvel", "Jorge's iPad"), said("b1", "brightpath", "Marcus Oyelaran"),
                  said("b2", "brightpath", "Speaker 3")]  # fmt: skip
    (persona,) = build_personas(profiles, interviews, [], statements)
    assert persona.interviewees == ("Jorge Amado", "Lena Fischer", "Marcus Oyelaran")
    assert persona.interviewee_count == 3


def test_personas_built_again_after_review_take_the_buyers_parts_and_channels_only_from_the_same_people():
    from dataclasses import replace

    from voiceofbuyer.records import Statement

    def statement(interview: str, number: int, text: str) -> Statement:
        return Statement(f"{interview}-{number}", interview, "Buyer", number, 0, len(text), (), text, "")

    profiles = [BuyerProfile(interview_id=i, name=f"Buyer {i}", title="CFO", role="CFO", role_source="") for i in "ab"]
    interviews = {
        p.interview_id: Interview(p.interview_id, f"{p.interview_id}.txt", "text", "", "", (), InterviewMeta())
        for p in profiles
    }
    statements = [statement("a", 0, "In the end I sign off on anything over fifty thousand."),
                  statement("b", 0, "I heard about you from a peer at another company.")]  # fmt: skip
    (first,) = build_personas(profiles, interviews, [], statements)
    assert [m.name for m in first.committee] == ["Decision-maker"] and [m.name for m in first.channels] == ["Peers"]
    assert build_personas(profiles, interviews, [], statements, [first]) == [first]
    # of the same people: taken as they are, not searched for again (most of the time of building a persona)
    (again,) = build_personas(profiles, interviews, [], statements, [replace(first, channels=())])
    assert again.channels == () and again.committee == first.committee
    # built from other people: found again, never carried over
    stale = replace(first, interviews=("a",), committee=(), channels=())
    assert build_personas(profiles, interviews, [], statements, [stale]) == [first]
