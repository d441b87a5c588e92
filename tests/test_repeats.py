"""The same conversation read twice (two tools' exports of one call, a part saved as a file of its own) is read once;
different buyers who share stock phrases are not repeats."""

from __future__ import annotations

import random

from voiceofbuyer.records import Statement
from voiceofbuyer.repeats import repeated_interviews, without_repeats

WORDS = tuple(
    [
        "invoice",
        "approval",
        "vendor",
        "portal",
        "audit",
        "receipts",
        "month",
        "close",
        "reconciliation",
        "spreadsheet",
        "budget",
        "forecast",
        "payroll",
        "contract",
        "renewal",
        "warehouse",
        "dispatch",
        "freight",
        "carrier",
        "pallet",
        "inventory",
        "scanner",
        "shift",
        "overtime",
        "clinic",
        "patient",
        "referral",
        "schedule",
        "pharmacy",
        "claim",
        "denial",
        "adjuster",
        "policy",
        "premium",
        "broker",
        "tenant",
        "lease",
    ]
)


def said(interview: str, texts: list[str]) -> list[Statement]:
    return [
        Statement(f"{interview}@{i}", interview, "Buyer", i, 0, len(text), (), text, "") for i, text in enumerate(texts)
    ]


def answers(seed: int, count: int = 40) -> list[str]:
    """``count`` statements of 12 words drawn at random: no two seeds share more than a stray five-word run."""
    pick = random.Random(seed)
    return [" ".join(pick.choice(WORDS) for _ in range(12)) + "." for _ in range(count)]


STOCK = "I don't know if that makes sense to you."


def test_a_part_of_an_interview_saved_as_a_file_of_its_own_repeats_the_whole():
    whole = answers(1)
    found = repeated_interviews({"a-whole": said("a-whole", whole), "b-part": said("b-part", whole[25:])})
    assert list(found) == ["b-part"] and found["b-part"][0] == "a-whole"


def test_two_tools_transcripts_of_one_call_differ_in_a_few_words_and_are_one_conversation():
    call = answers(2)
    other_tool = [text.replace("invoice", "in voice").replace("pallet", "palette") for text in call]
    found = repeated_interviews({"call-otter": said("call-otter", other_tool), "call-zoom": said("call-zoom", call)})
    assert len(found) == 1  # either one kept, never both
    kept = "call-zoom" if "call-otter" in found else "call-otter"
    assert next(iter(found.values()))[0] == kept


def test_different_buyers_sharing_stock_phrases_are_no_repeats():
    batch = {f"i{n}": said(f"i{n}", [*answers(10 + n), STOCK, STOCK]) for n in range(8)}
    assert repeated_interviews(batch) == {}


def test_a_short_interview_whose_few_words_another_holds_is_no_repeat():
    whole = answers(3)
    assert repeated_interviews({"long": said("long", whole), "short": said("short", whole[:1])}) == {}


def test_copies_keep_the_first_in_order_and_a_part_of_a_repeat_names_the_one_kept():
    whole = answers(4)
    batch = {"c": said("c", whole), "a": said("a", whole), "b": said("b", whole[10:])}
    assert {repeat: kept for repeat, (kept, *_) in repeated_interviews(batch).items()} == {"b": "a", "c": "a"}
    kept, problems = without_repeats(batch, {"a": "a.vtt", "b": "b.txt", "c": "c.docx"})
    assert list(kept) == ["a"]
    assert [p.path for p in problems] == ["b.txt", "c.docx"] and all(p.skipped for p in problems)
    assert problems[0].message.startswith("b.txt: the same conversation as a.vtt (")
