"""The evidence audit: verbatim quotes pass; edits, changed sources and removed content words fail the run."""

import dataclasses

import pytest

from voiceofbuyer.audit import audit
from voiceofbuyer.cleanup import apply_cleanup
from voiceofbuyer.errors import AuditError
from voiceofbuyer.ingest.turns import turn_at
from voiceofbuyer.records import Citation, Interview, Quote, Statement

SOURCE = "Sam: What hurts?\nDana: Um, we, we chase approvals in the ER by email.\n"
FILLERS = ("um", "uh", "er")


def interview(source: str = SOURCE) -> dict[str, Interview]:
    turns = tuple(
        turn_at(source, start, end, speaker, line)
        for line, (speaker, start, end) in enumerate(
            [("Sam", 5, source.index("\n")), ("Dana", source.index("Um"), len(source) - 1)], start=1
        )
    )
    return {"i": Interview("i", "i.txt", "text", "0", source, turns)}


def statement(removed: tuple[tuple[int, int, str], ...] | None = None) -> Statement:
    start = SOURCE.index("Um")
    end = SOURCE.index("email.") + len("email.")
    if removed is None:
        filler = (start, start + len("Um,"), "filler")
        repeat = (SOURCE.index("we, we"), SOURCE.index("we chase approvals"), "repeat")
        removed = (filler, repeat)
    text = apply_cleanup(SOURCE, start, end, removed)
    return Statement("i@1", "i", "Dana", 1, start, end, removed, text, "What hurts?")


def quote(s: Statement, text: str | None = None) -> Quote:
    return Quote(s.id, s.text if text is None else text, Citation("i", "i.txt", "Dana", "", "", 2, None))


def test_verbatim_quote_passes():
    s = statement()
    assert s.text == "We chase approvals in the ER by email."
    assert audit([quote(s)], {s.id: s}, interview(), FILLERS) == 1


def test_edited_quote_fails_naming_the_quote():
    s = statement()
    with pytest.raises(AuditError, match="We chase approvals in the ER by e-mail"):
        audit([quote(s, "We chase approvals in the ER by e-mail.")], {s.id: s}, interview(), FILLERS)


def test_changed_source_fails_the_audit():
    s = statement()
    changed = SOURCE.replace("approvals", "approval!")
    with pytest.raises(AuditError, match="not verbatim"):
        audit([quote(s)], {s.id: s}, interview(changed), FILLERS)


def test_clean_up_outside_the_span_fails():
    s = dataclasses.replace(statement(), removed=((0, 3, "filler"),))
    with pytest.raises(AuditError, match="outside its span"):
        audit([quote(s)], {s.id: s}, interview(), FILLERS)


@pytest.mark.parametrize(
    ("word", "reason", "why"),
    [
        ("ER", "filler", "capitals"),  # a tampered store: an abbreviation recorded as a filler
        ("approvals", "filler", "not a filler"),
        ("approvals ", "repeat", "do not follow"),
        ("email", "false-start", "cut-off"),
        ("email", "timestamp", "time stamp"),
        ("in the", "annotation", "annotation"),
        ("by", "gap", "words of a turn"),
        ("by", "backchannel", "speaker's own"),
        ("by", "tidy", "not a clean-up reason"),
    ],
)
def test_a_removed_content_word_fails_the_run(word, reason, why):
    start = SOURCE.index(word, SOURCE.index("approvals"))
    removed = (*statement().removed, (start, start + len(word), reason))
    s = dataclasses.replace(statement(), removed=removed, text=apply_cleanup(SOURCE, statement().start_char,
                            statement().end_char, removed))  # fmt: skip
    with pytest.raises(AuditError, match=why):
        audit([quote(s)], {s.id: s}, interview(), FILLERS)


def test_a_phrase_said_again_with_its_cut_off_word_passes_and_another_fails():
    source = "Sam: What happened?\nDana: Um, we tr- we tried two vendors. We tr- they tried it too.\n"
    start = source.index("we tr")

    def checked(end: int, removed: tuple) -> int:
        text = apply_cleanup(source, start, end, removed)
        s = Statement("i@1", "i", "Dana", 1, start, end, removed, text, "")
        return audit([quote(s)], {s.id: s}, interview(source), FILLERS)

    assert checked(source.index("vendors.") + 8, ((start, start + 7, "false-start"),)) == 1
    start = source.index("We tr- they")
    with pytest.raises(AuditError, match="not a cut-off word said again"):
        checked(source.index("too.") + 4, ((start, start + 7, "false-start"),))


def test_unknown_statement_and_interview_fail():
    s = statement()
    with pytest.raises(AuditError, match="unknown statement"):
        audit([quote(s)], {}, interview(), FILLERS)
    with pytest.raises(AuditError, match="not in this batch"):
        audit([quote(s)], {s.id: s}, {}, FILLERS)


def test_a_repeat_after_a_negation_is_a_correction_the_audit_refuses():
    source = "Sam: Who was desperate?\nDana: Um, not my team, my team was desperate.\n"
    start, end = source.index("not"), source.index("desperate.\n") + len("desperate.")
    first = source.index("my team,")
    removed = ((first, source.index("my team was"), "repeat"),)
    s = Statement("i@1", "i", "Dana", 1, start, end, removed, apply_cleanup(source, start, end, removed), "")
    with pytest.raises(AuditError, match="follows 'not': a correction"):
        audit([quote(s)], {s.id: s}, interview(source), FILLERS)


def test_a_repeat_across_a_filler_passes_and_a_content_word_taken_with_it_fails():
    """ "I do a, uh, a quarterly review": the repeat "a, " is followed by "a" once the filler is out; a removed "do, "
    before "uh, a" is no repeat of anything."""
    source = "Sam: How often?\nDana: Um, I do a, uh, a quarterly review.\n"
    start, end = source.index("Um"), source.index("review.") + len("review.")
    repeat = source.index("a, uh")
    filler = (source.index("uh"), source.index("uh") + len("uh, "), "filler")

    def audited(removed: tuple[tuple[int, int, str], ...]) -> int:
        s = Statement("i@1", "i", "Dana", 1, start, end, removed, apply_cleanup(source, start, end, removed), "")
        return audit([quote(s)], {s.id: s}, interview(source), FILLERS)

    assert audited(((repeat, repeat + len("a, "), "repeat"), filler)) == 1
    taken = source.index("do a")
    with pytest.raises(AuditError, match="the same words do not follow it"):
        audited(((taken, taken + len("do "), "repeat"), filler))


def test_a_backchannel_removal_holds_only_another_voices_acknowledgement():
    """ "our GMs" / "Mm-hmm." / "only read email" is one quote; a removed "No." or a question is not allowed."""

    def checked(reply: str) -> int:
        source = f"Sam: What goes wrong?\nDana: The problem is that our GMs\nSam: {reply}\nDana: only read email.\n"
        lines = source.splitlines(keepends=True)
        offsets = [sum(len(line) for line in lines[:n]) for n in range(len(lines))]
        spans = [
            (line.split(":")[0], at + line.index(":") + 2, at + len(line) - 1)
            for line, at in zip(lines, offsets, strict=True)
        ]
        turns = tuple(turn_at(source, a, b, who, n) for n, (who, a, b) in enumerate(spans, start=1))
        start, end = turns[1].start_char, turns[3].end_char
        removed = ((turns[1].end_char, turns[3].start_char, "backchannel"),)
        s = Statement("i@1", "i", "Dana", 1, start, end, removed, apply_cleanup(source, start, end, removed), "")
        return audit([quote(s)], {s.id: s}, {"i": Interview("i", "i.txt", "text", "0", source, turns)}, FILLERS)

    assert checked("Mm-hmm.") == 1
    assert checked("Right, I see.") == 1
    for reply in ("No.", "Really?", "Which GMs?"):
        with pytest.raises(AuditError, match="not an acknowledgement"):
            checked(reply)


def test_a_quote_opens_with_a_capital_unless_its_first_word_is_a_name_spelled_small_first():
    source = "um ezyVet has a stock module. so we tried it. iPhone scans fail."
    assert apply_cleanup(source, 0, 29, [(0, 3, "filler")]) == "ezyVet has a stock module."
    assert apply_cleanup(source, 30, 45, []) == "So we tried it."
    assert apply_cleanup(source, 46, len(source), []) == "iPhone scans fail."


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        # tester 34: "Um, dbt runs the models overnight." was quoted "Dbt runs ..."
        ("um, dbt runs the models overnight.", "dbt runs the models overnight."),
        ("uh npm installs break every week.", "npm installs break every week."),
        ("um k8s restarts the pods.", "k8s restarts the pods."),
        ("um asana.com is where tasks live.", "asana.com is where tasks live."),
        # words a capital opens: a vowel-less filler word, "my", "why"
        ("um my team runs payroll.", "My team runs payroll."),
        ("uh why we switched is simple.", "Why we switched is simple."),
        ("um hmm, we never checked.", "Hmm, we never checked."),
        ("um b) the tool would flag it.", "B) the tool would flag it."),  # a list's letter
        ("um e.g. we hold a session monthly.", "E.g. we hold a session monthly."),
    ],
)
def test_a_tool_spelled_small_keeps_its_spelling_at_a_quote_opening(source, quote):
    filler = source.index(" ") + 1
    assert apply_cleanup(source, 0, len(source), [(0, filler, "filler")]) == quote


def test_a_contraction_said_twice_is_a_stutter_the_audit_accepts():
    from voiceofbuyer.audit import _is_function_word

    assert _is_function_word("that's") and _is_function_word("isn’t") and _is_function_word("we're")
    assert not _is_function_word("invoices")


def test_an_object_kept_before_a_stutter_into_a_contraction_passes_and_one_alone_fails():
    """ "approve it, it, it's ridiculous": the clean-up keeps the object and removes the copy before "it's" (case
    313, audited once the quote stood alone); in "approve it, it's ridiculous" nothing is said twice."""

    def audited(said: str, cut: str) -> int:
        source = f"Sam: Why?\nDana: Um, {said}\n"
        start, end = source.index("Honestly"), source.index("invoice.") + len("invoice.")
        at = source.index(cut)
        removed = ((at, at + len("it, "), "repeat"),)
        s = Statement("i@1", "i", "Dana", 1, start, end, removed, apply_cleanup(source, start, end, removed), "")
        return audit([quote(s)], {s.id: s}, interview(source), FILLERS)

    assert audited("Honestly, I have to approve it, it, it's ridiculous for one invoice.", "it, it's") == 1
    with pytest.raises(AuditError, match="the same words do not follow it"):
        audited("Honestly, I have to approve it, it's ridiculous for one invoice.", "it, it's")


def test_a_csv_cells_doubled_quote_is_one_and_no_other_quote_may_go():
    """In a quoted CSV cell '""' stands for one '"': its first mark is removed ("escape"); a lone '"' is a word's
    quotation mark and stays (tester V: 'my team ""the report factory""' was quoted so)."""
    source = 'speaker,text\nSam,"Why?"\nDana,"They call us ""the factory"" here."\n'
    start, end = source.index("They"), source.index('here."') + len("here.")
    first, closing = source.index('""the'), source.index('"" here')

    def audited(marks: list[int], fmt: str = "csv") -> str:
        removed = tuple((at, at + 1, "escape") for at in marks)
        s = Statement("i@1", "i", "Dana", 1, start, end, removed, apply_cleanup(source, start, end, removed), "")
        turns = (turn_at(source, source.index("Why"), source.index('?"') + 1, "Sam", 2),
                 turn_at(source, start, end, "Dana", 3))  # fmt: skip
        interview = Interview("i", "i.csv", fmt, "0", source, turns)
        audit([quote(s)], {s.id: s}, {"i": interview}, FILLERS)
        return s.text

    assert audited([first, closing]) == 'They call us "the factory" here.'
    with pytest.raises(AuditError, match="doubled quotation marks"):
        audited([first + 1, closing + 1])  # the second mark: no doubled mark after it
    with pytest.raises(AuditError, match="doubled quotation marks"):
        audited([first, closing], fmt="text")


def test_a_filler_in_all_caps_captions_passes_but_capitals_inside_mixed_text_do_not():
    """In all-caps captions the clean-up removes "UM," (capitals tell nothing there): the audit accepts it, and still
    fails "ER" removed from a sentence in mixed case."""
    source = "SAM: WHO ELSE GETS A SAY?\nAMARA: OUR ERM COMMITTEE, UM, ENTERPRISE RISK.\n"
    start, end, filler = source.index("OUR"), len(source) - 1, source.index("UM,")
    turns = (turn_at(source, 5, source.index("\n"), "SAM", 1), turn_at(source, start, end, "AMARA", 2))
    interviews = {"i": Interview("i", "i.txt", "text", "0", source, turns)}
    removed = ((filler, filler + 3, "filler"),)
    text = apply_cleanup(source, start, end, removed)
    s = Statement("i@1", "i", "AMARA", 1, start, end, removed, text, "WHO ELSE GETS A SAY?")
    assert text == "OUR ERM COMMITTEE, ENTERPRISE RISK."
    assert audit([quote(s)], {s.id: s}, interviews, FILLERS) == 1
    er = SOURCE.index("ER")
    mixed = statement(((er, er + 2, "filler"),))
    with pytest.raises(AuditError, match="capitals"):
        audit([quote(mixed)], {mixed.id: mixed}, interview(), FILLERS)


def test_a_filler_between_two_amounts_passes_the_audit_and_one_after_an_amount_fails():
    """ "12 erm 13 budget holders": the clean-up removes the filler between two numbers, and the audit agrees (it
    had stopped the run, taking "erm" for a unit after "12"; tester X); "5 mm wide" keeps its unit."""
    for said, filler, verdict in (("We've got 12 erm 13 budget holders.", "erm ", True),
                                  ("About forty er forty-five thousand.", "er ", True),
                                  ("The flap is 5 mm wide.", "mm ", False)):  # fmt: skip
        source = f"Sam: How many?\nDana: {said}\n"
        at = source.index(said)
        cut = source.index(" " + filler) + 1
        removed = ((cut, cut + len(filler), "filler"),)
        end = at + len(said)
        s = Statement("i@1", "i", "Dana", 1, at, end, removed, apply_cleanup(source, at, end, removed), "How many?")
        interviews = {"i": Interview("i", "i.txt", "text", "0", source, (turn_at(source, at, end, "Dana", 2),))}
        if verdict:
            assert audit([quote(s)], {s.id: s}, interviews, (*FILLERS, "erm", "mm")) == 1
        else:
            with pytest.raises(AuditError, match="unit"):
                audit([quote(s)], {s.id: s}, interviews, (*FILLERS, "erm", "mm"))
