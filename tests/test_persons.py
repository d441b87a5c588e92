"""One buyer interviewed twice counts as one interviewee: in themes, personas, battlecards and the documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voiceofbuyer.cli import main
from voiceofbuyer.persons import one_role_per_person, person_keys, repeat_interviewees
from voiceofbuyer.pipeline import RunReport, run
from voiceofbuyer.records import BuyerProfile
from voiceofbuyer.themes import distinct

from .conftest import SAMPLE_CONFIG


def profile(interview_id: str, name: str, account: str = "") -> BuyerProfile:
    return BuyerProfile(interview_id, name, "CFO", "Finance Leader", "metadata", account=account)


def keys(people: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Interview id → (buyer's name, company) as person keys."""
    profiles = {i: profile(i, name) for i, (name, _) in people.items()}
    return person_keys(profiles, lambda i: people[i][1])


def test_one_name_at_one_company_is_one_person_and_a_name_alone_joins_nothing():
    found = keys({
        "a": ("Dana Whitfield", "Northwind"), "b": ("dana  whitfield", "northwind"), "c": ("Dana Whitfield", ""),
        "d": ("Dana Whitfield", ""),
    })  # fmt: skip
    assert found["a"] == found["b"] and len({found["a"], found["c"], found["d"]}) == 3  # pseudonyms are reused


def test_names_alike_are_different_people_at_different_companies_or_unnamed():
    found = keys({
        "a": ("Dana Whitfield", "Northwind"), "b": ("Dana Whitfield", "Brightwell"), "c": ("Dana Whitfield", ""),
        "d": ("", "Northwind"), "e": ("", "Northwind"),
    })  # fmt: skip
    assert len(set(found.values())) == 5  # "c" could be either Dana: not joined to one
    assert found["d"] == "d" and found["e"] == "e"  # a buyer not known by name is their interview


def test_a_first_name_joins_only_at_the_same_named_company():
    found = keys({"a": ("Dana", "Northwind"), "b": ("Dana", "Northwind"), "c": ("Dana", ""), "d": ("Dana", "")})
    assert found["a"] == found["b"] and len({found["a"], found["c"], found["d"]}) == 3


def test_a_room_or_a_shared_account_is_nobody_in_particular():
    profiles = {
        "a": profile("a", "Marketing Conference Room"), "b": profile("b", "Marketing Conference Room"),
        "c": profile("c", "Brightwater Freight", account="Brightwater Freight"),
        "d": profile("d", "Brightwater Freight", account="Brightwater Freight"),
    }  # fmt: skip
    assert person_keys(profiles, lambda i: "Acme") == {i: i for i in profiles}


def test_a_join_is_said_with_the_files_and_the_fix():
    profiles = {i: profile(i, "Dana Whitfield") for i in ("one", "two", "three")}
    found = person_keys(profiles, lambda i: "Northwind" if i != "three" else "Brightwell")
    named = {i: BuyerProfile(**{**p.__dict__, "person": found[i]}) for i, p in profiles.items()}
    [note] = repeat_interviewees(named, {"one": "one.txt", "two": "two.txt", "three": "three.txt"})
    assert note.startswith("one.txt, two.txt: one person, Dana Whitfield") and "fix:" in note


# -- a batch in which one buyer was interviewed twice -----------------------------------------------------------
ASKED = "Sam Rivera: What slows your month-end close?\n"
CLOSE = "Our month-end close still takes eleven working days because every bank reconciliation is manual."
TRANSCRIPTS = {
    "dana-first.txt": ASKED + f"Dana Whitfield: {CLOSE} I sign off on every journal myself.\n",
    "dana-follow-up.txt": ASKED + f"Dana Whitfield: Honestly, {CLOSE[0].lower()}{CLOSE[1:]} Nothing has changed.\n",
    "omar.txt": ASKED + "Omar Haddad: Our auditors asked for the approval trail of every vendor payment last year. "
    "We spent three weeks pulling emails together for them.\n",
    # Another buyer under the same pseudonym, at another company: another person.
    "omar-2.txt": ASKED + "Omar Haddad: Our ERP upgrade slipped by two quarters because the vendor kept changing "
    "the project team.\n",
    "lena.txt": ASKED + "Lena Brooks: Our auditors asked for the approval trail of every vendor payment in March. "
    "Pulling the emails together for them took us two weeks.\n",
}
MANIFEST = """file,interviewee,title,company
dana-first.txt,Dana Whitfield,CFO,Northwind Freight
dana-follow-up.txt,Dana Whitfield,,Northwind Freight
omar.txt,Omar Haddad,CFO,Halden Foods
omar-2.txt,Omar Haddad,CFO,Pellucid Systems
lena.txt,Lena Brooks,CFO,Orbit Labs
"""


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunReport]:
    batch = tmp_path_factory.mktemp("twice") / "interviews"
    batch.mkdir()
    for name, text in TRANSCRIPTS.items():
        (batch / name).write_text(text, "utf-8")
    (batch / "interviews.csv").write_text(MANIFEST, "utf-8")
    out = tmp_path_factory.mktemp("twice-out")
    return out, run(batch, out, SAMPLE_CONFIG, show_progress=False)


def test_a_point_one_buyer_made_in_two_interviews_is_mentioned_once(twice: tuple[Path, RunReport]):
    out, report = twice
    document = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    buyers = {i["id"]: i["buyer"]["person"] for i in document["interviews"]}
    assert buyers["dana-first"] == buyers["dana-follow-up"] != buyers["omar"]
    [persona] = document["personas"]  # the follow-up, with no title, is the same CFO (tester 5)
    assert len(persona["interviews"]) == 5 and persona["interviewee_count"] == 4
    dana = {"dana-first", "dana-follow-up"}
    close = [t for t in document["themes"] if set(t["interviews"]) == dana]
    assert close, "Dana's two statements on the close make one theme"
    assert all(t["interviewees"] == 1 and t["mentioned_once"] for t in close)
    audit = next(t for t in document["themes"] if {"omar", "lena"} <= set(t["interviews"]))
    assert audit["interviewees"] == len({buyers[i] for i in audit["interviews"]}) and not audit["mentioned_once"]
    said = "dana-first.txt, dana-follow-up.txt: one person, Dana Whitfield"
    assert any(line.startswith(said) for line in report.notes)


def test_a_follow_up_without_a_title_takes_the_persons_own(twice: tuple[Path, RunReport]):
    out, _ = twice
    document = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    follow_up = next(i for i in document["interviews"] if i["id"] == "dana-follow-up")
    assert follow_up["buyer"]["title"] == "CFO" and follow_up["metadata"]["company"] == "Northwind Freight"
    quotes = [q["citation"] for t in document["themes"] for q in t["quotes"]]
    cited = [c for c in quotes if c["interview_id"] == "dana-follow-up"]
    assert cited and all(c["company"] == "Northwind Freight" for c in cited)


def test_one_role_per_person_from_the_surest_source():
    profiles = {
        "a": BuyerProfile("a", "Dana", "", "Executive & Founder", "description", "Executive", person="dana|x"),
        "b": BuyerProfile("b", "Dana", "CFO", "Finance Leader", "metadata", "Finance", person="dana|x"),
        "c": BuyerProfile("c", "Lee", "", "Other roles", "description", "Other"),
    }
    unified = one_role_per_person(profiles)
    assert (unified["a"].role, unified["a"].title, unified["a"].role_source) == ("Finance Leader", "CFO", "metadata")
    assert unified["b"] == profiles["b"] and unified["c"] == profiles["c"]
    assert distinct(["Brightwell Health", "brightwell  health", "", "Acme"]) == ("Acme", "Brightwell Health")


def test_the_documents_count_people(twice: tuple[Path, RunReport]):
    out, _ = twice
    [page] = [p for p in (out / "personas").glob("*.md")]
    text = page.read_text("utf-8")
    assert "Built from 5 interviews of 4 people" in text
    assert " of 5 interviewees" not in text and " of 5)" not in text
    # Two people of one name are both named, each with their company (the list showed one "Omar Haddad").
    assert "Omar Haddad (Halden Foods), Omar Haddad (Pellucid Systems)" in text and "Dana Whitfield," in text
    index = (out / "index.html").read_text("utf-8")
    assert "(4 people)" in index and "5 interviews · 1 role ·" in index  # it said "1 roles" (tester 5)


def test_the_command_line_lists_count_people(twice: tuple[Path, RunReport], capsys: pytest.CaptureFixture[str]):
    out, _ = twice
    assert main(["personas", "--out", str(out)]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.split()[1:3] == ["interviews", "people"] and row.split()[2:4] == ["5", "4"]
    assert main(["roles", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Finance Leader (5 interviews of 4 people)")


def test_the_summary_gives_the_shares_the_documents_show(twice: tuple[Path, RunReport]):
    """The summary's "noise (points mentioned once): 1%" counted one-statement clusters, where the documents held
    most statements in points mentioned once (tester 3)."""
    out, report = twice
    document = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    total = len(document["statements"])
    once = sum(len(t["statement_ids"]) for t in document["themes"] if t["mentioned_once"])
    patterns = sum(len(t["statement_ids"]) for t in document["themes"] if not t["mentioned_once"])
    line = next(line for line in report.summary().splitlines() if line.startswith("statements in patterns"))
    shares = f"statements in patterns: {patterns / total:.0%}, in points mentioned once: {once / total:.0%}"
    assert line.startswith(shares)
    assert once  # Dana's point on the close, raised in both her interviews
