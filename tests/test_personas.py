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
        p.interview_id: Interview(id=p.interview_id, source=f"{p.interview_id}.txt", format="text", sha256="",
                                  text="", turns=(), meta=InterviewMeta())
        for p in profiles
    }
    personas = build_personas(profiles, interviews, [], [])
    assert len({p.slug for p in personas}) == 4
