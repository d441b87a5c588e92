import dataclasses

import pytest

from voiceofbuyer.audit import audit
from voiceofbuyer.cleanup import apply_cleanup, filler_pattern, find_disfluencies
from voiceofbuyer.errors import AuditError
from voiceofbuyer.records import Citation, Quote, Statement

SOURCE = "Sam: What hurts?\nDana: Um, we chase, we chase approvals by email.\n"


def statement() -> Statement:
    start = SOURCE.index("Um")
    end = SOURCE.index("email.") + len("email.")
    removed = tuple(find_disfluencies(SOURCE[start:end], start, filler_pattern(["um"])))
    text = apply_cleanup(SOURCE, start, end, removed)
    return Statement("i@1", "i", "Dana", 1, start, end, removed, text, "What hurts?")


def quote(s: Statement, text: str | None = None) -> Quote:
    return Quote(s.id, s.text if text is None else text, Citation("i", "i.txt", "Dana", "", "", 2, None))


def test_verbatim_quote_passes():
    s = statement()
    assert s.text == "We chase approvals by email."
    assert audit([quote(s)], {s.id: s}, {"i": SOURCE}) == 1


def test_edited_quote_fails_naming_the_quote():
    s = statement()
    with pytest.raises(AuditError, match="We chase approvals by e-mail"):
        audit([quote(s, "We chase approvals by e-mail.")], {s.id: s}, {"i": SOURCE})


def test_changed_source_fails_the_audit():
    s = statement()
    changed = SOURCE.replace("approvals", "approval!")
    with pytest.raises(AuditError, match="not verbatim"):
        audit([quote(s)], {s.id: s}, {"i": changed})


def test_clean_up_outside_the_span_fails():
    s = dataclasses.replace(statement(), removed=((0, 3),))
    with pytest.raises(AuditError, match="outside its span"):
        audit([quote(s)], {s.id: s}, {"i": SOURCE})


def test_unknown_statement_and_interview_fail():
    s = statement()
    with pytest.raises(AuditError, match="unknown statement"):
        audit([quote(s)], {}, {"i": SOURCE})
    with pytest.raises(AuditError, match="not in this batch"):
        audit([quote(s)], {s.id: s}, {})
