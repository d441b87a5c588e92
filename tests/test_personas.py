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
        strongest = next(themes[i] for i in persona["sections"][category] if not themes[i]["mentioned_once"])
        assert text == strongest["quotes"][0]["text"] and int(count) == len(strongest["interviews"])
        assert int(total) == len(persona["interviews"])
        assert strongest["quotes"][0]["citation"]["interview_id"] in citation  # each quote is cited
    # "In short" already quotes the strongest goal: the Markdown does not repeat it as "In their words".
    assert "**In their words:**" not in document


def test_a_persona_from_one_interview_says_one_interview():
    from types import SimpleNamespace

    from voiceofbuyer.render import approval

    draft = SimpleNamespace(approved_by="", approved_on="", themes_total=0, themes_reviewed=0)
    assert approval(draft, 1) == "draft generated from 1 interview; approved by —"
    assert approval(draft, 28).startswith("draft generated from 28 interviews;")
