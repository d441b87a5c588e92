"""What a review decision holds: its actions, and each action's payload, checked before a decision is stored or
applied; the ``Decision`` record as the store keeps it, and the reviewers' moves as labelled examples
(``reviewer_examples``: the classifier learns from them).

A decision is a row of the store's ``decisions`` table and a line of ``decisions.jsonl`` (the plain copy beside the
store, and what ``voiceofbuyer decisions export`` writes). The review desk only makes well-formed ones; a file
given to ``voiceofbuyer decisions import`` may hold anything, and one bad line stored would stop every later run,
render and desk on that folder. So each line is checked here (pydantic) and a file with a bad line is refused
whole, naming the line; a malformed decision already in a store (written by an older version) is not applied, and
the decision log says why.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, model_validator

from .classify.labelled import LabelledStatement
from .errors import StoreError
from .records import CATEGORIES, Statement
from .store_problems import back_up

if TYPE_CHECKING:  # the store reads its rows with this module's checks
    from .store import Store

THEME_STATUS = "theme-status"
"""Approve, reject or reopen a theme. Statements: the theme's. Payload: ``status``."""
RENAME = "rename"
"""Statements: the theme's. Payload: ``label``."""
RESPONSE = "response"
"""The answer to an objection. Statements: the theme's. Payload: ``response``."""
LEAD = "lead"
"""Make a statement its theme's lead quote. Statements: that one."""
QUOTE_STATUS = "quote-status"
"""Approve, reject or reopen a quote; a rejected one is no evidence for its theme. Statements: that one."""
MOVE = "move"
"""Statements: those moved. Payload: ``category`` (each becomes a point of its own there; ``other`` takes it out
of the personas) or ``theme``: the statements of the theme they join."""
MERGE = "merge"
"""Payload: ``into`` and ``from``, the statements of the two themes; ``into`` keeps its label and status."""
PERSONA = "persona"
"""Name and summary of the persona of ``role``. Payload: ``name``, ``summary``."""
APPROVE = "approve"
"""Approve the persona of ``role`` (the decision's reviewer and date), or withdraw that. Payload: ``approved``, and
``evidence``: the digest of what the persona was built from when approved (``Review.evidence``; optional)."""
ACTIONS: tuple[str, ...] = (THEME_STATUS, RENAME, RESPONSE, LEAD, QUOTE_STATUS, MOVE, MERGE, PERSONA, APPROVE)
STATUSES: tuple[str, ...] = ("approved", "rejected", "pending")


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Status(_Payload):
    status: Literal[STATUSES]  # type: ignore[valid-type]


class _Label(_Payload):
    label: str = Field(min_length=1)


class _Response(_Payload):
    response: str


class _Nothing(_Payload):
    pass


class _Move(_Payload):
    category: Literal[CATEGORIES] | None = None  # type: ignore[valid-type]
    theme: list[str] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_target(self) -> _Move:
        if (self.category is None) == (self.theme is None):
            raise ValueError("a move names either a category or a theme")
        return self


class _Merge(_Payload):
    into: list[str] = Field(min_length=1)
    from_: list[str] = Field(min_length=1, alias="from")


class _Persona(_Payload):
    name: str
    summary: str


class _Approve(_Payload):
    approved: StrictBool
    evidence: str = ""


_PAYLOADS: dict[str, type[_Payload]] = {
    THEME_STATUS: _Status, RENAME: _Label, RESPONSE: _Response, LEAD: _Nothing, QUOTE_STATUS: _Status,
    MOVE: _Move, MERGE: _Merge, PERSONA: _Persona, APPROVE: _Approve,
}  # fmt: skip


class DecisionRow(BaseModel):
    """One decision as a line of ``decisions.jsonl`` (an exported ``id`` is ignored)."""

    model_config = ConfigDict(extra="ignore")

    made: str = Field(min_length=10)
    """When, ISO 8601 in UTC."""
    reviewer: str
    action: Literal[ACTIONS]  # type: ignore[valid-type]
    role: str
    statement_ids: list[str]
    """Empty for a decision on a persona (``PERSONA``, ``APPROVE``); one for a quote; a theme's, or those moved."""
    payload: dict[str, Any]
    summary: str

    @model_validator(mode="after")
    def _payload_fits_action(self) -> DecisionRow:
        try:
            _PAYLOADS[self.action].model_validate(self.payload)
        except ValidationError as error:
            raise ValueError(f"the payload of a {self.action} decision: {_first(error)}") from None
        if self.action in (LEAD, QUOTE_STATUS) and len(self.statement_ids) != 1:
            raise ValueError(f"a {self.action} decision is on one statement")
        if self.action not in (PERSONA, APPROVE) and not self.statement_ids:
            raise ValueError(f"a {self.action} decision names its statements")
        return self


def problem(row: Mapping[str, Any] | Any) -> str:
    """Why ``row`` is no decision, in one phrase; "" when it is one."""
    if not isinstance(row, Mapping):
        return f"a decision is a JSON object, not {type(row).__name__}"
    try:
        DecisionRow.model_validate(dict(row))
    except ValidationError as error:
        return _first(error)
    return ""


def _first(error: ValidationError) -> str:
    """The first error of ``error`` in words: where, then what ("payload.label: Field required")."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"] if part)
    what = first["msg"].removeprefix("Value error, ")
    return f"{where}: {what}" if where else what


def read_decisions(path: Path) -> list[dict[str, Any]]:
    """The decisions of a ``decisions.jsonl`` file, each checked; ``StoreError`` naming the first bad line (the
    file is refused whole, so nothing of it is stored)."""
    rows, bad = decision_lines(path)
    if bad:
        raise StoreError(bad[0])
    return rows


def decision_lines(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The good decisions of a ``decisions.jsonl`` file and a message for each line that is none (a line cut short
    by a crash, a stray line); ``StoreError`` when the file cannot be read at all."""
    try:
        lines = path.read_text("utf-8-sig").splitlines()  # saved by an editor that writes a byte-order mark
    except (OSError, ValueError) as error:
        raise StoreError(
            f"{path}: not a decisions file ({error}) (fix: give the decisions.jsonl of a store)"
        ) from error
    rows, bad = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            bad.append(f"{path}, line {number}: not a decisions file ({error}) (fix: give the decisions.jsonl of a "
                       "store)")  # fmt: skip
            continue
        why = problem(row)
        if why:
            bad.append(f"{path}, line {number}: not a review decision ({why}); nothing was imported (fix: correct or "
                       "remove that line, or export the decisions again from the store they came from)")  # fmt: skip
            continue
        rows.append(row)
    return rows, bad


def renamed_interviews(before: Mapping[str, str], now: Mapping[str, str]) -> dict[str, str]:
    """Old interview id → the id its content has now, for transcripts renamed, moved or swapped since the last run.

    ``before`` and ``now``: interview id → sha256 of its file, in the last run and in this one. A content found under
    another id now follows it, when no other interview of either run has that content (two copies of one file are
    not told apart). An id whose name another content took while its own content is gone ("b.txt" deleted, "a.txt"
    renamed to "b.txt") maps to ``REPLACED`` after its id: its decisions were made on words no longer there."""
    before_count, now_count = Counter(before.values()), Counter(now.values())
    holder = {digest: interview for interview, digest in now.items()}
    moved = {
        interview: holder[digest]
        for interview, digest in before.items()
        if before_count[digest] == 1 and now_count[digest] == 1 and holder[digest] != interview
    }
    replaced = {
        target: f"{target}{REPLACED}"
        for target in moved.values()
        if target in before and target not in moved and now_count[before[target]] == 0
    }
    return moved | replaced


def shifted_statements(before: Mapping[str, str], statements: Iterable[Statement]) -> dict[str, str]:
    """Old statement id → the id its words have now, for transcripts edited since the last run: a statement id is
    ``<interview id>@<offset>``, so a word added above it moves every statement after it, and the decisions on them
    must follow (tester 27: a reviewer's move was "no longer in the batch" after ten words were added to line 2).

    ``before``: old statement id → text, for the edited transcripts' statements of the last run; ``statements``:
    this run's. A text found again, unchanged, in the same transcript follows it: to the statement in the same
    place among those of that text (the second "Yes, exactly." to the second), or the nearest one where their count
    changed. A text no longer found has no decision that applies: where other words now start at its offset, it
    maps to its id marked ``REPLACED``."""
    now: dict[tuple[str, str], list[Statement]] = {}
    for statement in statements:
        now.setdefault((statement.interview_id, statement.text), []).append(statement)
    was: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for statement_id, text in before.items():
        was.setdefault((statement_id.rpartition("@")[0], text), []).append((_offset(statement_id), statement_id))
    shifted = {}
    taken = {statement.id for group in now.values() for statement in group}
    for key, old in was.items():
        new = sorted(now.get(key, []), key=lambda s: _offset(s.id))
        if not new:
            # Words edited away: their decisions must not fall on other words now at the same offset.
            shifted.update(
                {statement_id: f"{statement_id}{REPLACED}" for _, statement_id in old if statement_id in taken}
            )
            continue
        old.sort()
        for rank, (offset, statement_id) in enumerate(old):
            nearest = min(new, key=lambda s: (abs(_offset(s.id) - offset), _offset(s.id)))
            there = new[rank] if len(new) == len(old) else nearest
            if there.id != statement_id:
                shifted[statement_id] = there.id
    return shifted


def _offset(statement_id: str) -> int:
    """The character offset a statement id ends with (``<interview id>@<offset>``); -1 for an id without one."""
    offset = statement_id.rpartition("@")[2]
    return int(offset) if offset.isdigit() else -1


REPLACED = " (replaced)"
"""Marks the id of an interview whose name now holds another content: its decisions match no statement."""


SAME_STATEMENTS = 0.6
"""Least share of a transcript's statements, unchanged, that another file must hold to be it renamed and edited."""


def renamed_and_edited(
    gone: Mapping[str, str], statements: Iterable[Statement], known: Iterable[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Transcripts renamed and edited in one step (tester 40: "thirty" corrected to "thirty-two" as the file was
    renamed lost all its decisions): (old interview id → new id, old statement id → new statement id), where one
    file of this run that no earlier run had (not in ``known``) holds ``SAME_STATEMENTS`` of an old transcript's
    statements unchanged, and no other does. ``gone``: old statement id → text, of the interviews the batch lacks
    now and no content digest found."""
    statements = list(statements)
    known = set(known)
    texts_now: dict[str, set[str]] = {}
    for statement in statements:
        if statement.interview_id not in known:
            texts_now.setdefault(statement.interview_id, set()).add(statement.text)
    old: dict[str, dict[str, str]] = {}
    for statement_id, text in gone.items():
        old.setdefault(statement_id.rpartition("@")[0], {})[statement_id] = text
    renamed: dict[str, str] = {}
    shifted: dict[str, str] = {}
    for old_id, said in old.items():
        found = [new for new, texts in texts_now.items()
                 if sum(text in texts for text in said.values()) >= SAME_STATEMENTS * len(said)]  # fmt: skip
        if len(found) != 1 or found[0] in renamed.values():
            continue  # none, or two files that both could be it: no guess
        (new_id,) = found
        renamed[old_id] = new_id
        here = {f"{new_id}@{sid.rpartition('@')[2]}": text for sid, text in said.items()}
        moved = shifted_statements(here, (s for s in statements if s.interview_id == new_id))
        shifted |= {f"{old_id}@{sid.rpartition('@')[2]}": to for sid, to in moved.items()}
    return renamed, shifted


def renamed_row(row: Mapping[str, Any], renamed: Mapping[str, str]) -> dict[str, Any]:
    """A decision row with its statement ids (``<interview id>@<offset>``, in ``statement_ids`` and in a move's or
    merge's payload) moved to the interviews' new ids."""

    def follow(ids: list[str]) -> list[str]:
        moved = []
        for statement_id in ids:
            interview_id, at, offset = statement_id.rpartition("@")
            if statement_id in renamed:  # words moved within an edited transcript (``shifted_statements``)
                moved.append(renamed[statement_id])
            else:
                moved.append(f"{renamed[interview_id]}@{offset}" if at and interview_id in renamed else statement_id)
        return moved

    payload = {key: follow(value) if key in ("theme", "into", "from") and isinstance(value, list) else value
               for key, value in row["payload"].items()}  # fmt: skip
    return {**row, "statement_ids": follow(list(row["statement_ids"])), "payload": payload}


def copied_digests(path: Path) -> dict[str, str]:
    """Interview id → SHA-256 of its file when the plain copy at ``path`` was written (``Store.decision_lines``):
    where the store is new, what a transcript renamed since is found by; {} when the copy holds none."""
    if not path.is_file():
        return {}
    try:
        rows, _ = decision_lines(path)
    except StoreError:
        return {}
    return {k: v for row in rows if isinstance(row.get("digests"), dict) for k, v in row["digests"].items()}


def restore_decisions(store: Store, path: Path) -> str:
    """Replay the plain copy of the review decisions into a store that holds none (one deleted, or rebuilt after
    damage), so the run applies them and the desk never rewrites the copy from an empty store; the note to print,
    or "" when nothing was restored."""
    if store.decisions() or not path.is_file() or not path.read_bytes().strip():
        return ""
    try:
        rows, bad = decision_lines(path)
        # A line cut short by a crash loses that decision, not the others; the file as it was is kept, as the desk
        # writes the copy again from the store.
        kept = f"; the file as it was is kept at {back_up(path)}" if bad else ""
        added, _ = store.import_decisions(rows) if rows else (0, 0)
    except StoreError as error:
        return f"{error}; the store holds no review decisions, and {path.name} was left as it is"
    left_out = f"; {len(bad)} lines left out, the first: {bad[0]}{kept}" if bad else ""
    return f"{added} review decisions restored from {path} (the store held none){left_out}"


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision as the store keeps it: one of ``decision_rows.ACTIONS`` on some statements, with its
    payload."""

    id: int
    made: str
    """When, ISO 8601 in UTC."""
    reviewer: str
    action: str
    role: str
    """The persona a persona decision is on; for the others, the role the statements had when it was made."""
    statement_ids: tuple[str, ...]
    payload: Mapping[str, Any]
    summary: str
    """What the reviewer did, in words, as it looked then (for the decision log)."""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Decision:
        """The decision of a store row (``Store.decisions``)."""
        return cls(**{**row, "statement_ids": tuple(row["statement_ids"])})


def decisions_of(store: Store, renamed: Mapping[str, str] | None = None) -> list[Decision]:
    """Every decision in ``store``, oldest first; ``renamed``: old interview id → new id, which their statement ids
    follow (``decision_rows.renamed_interviews``)."""
    return [Decision.from_row(row) for row in store.decisions(renamed)]


def reviewer_examples(decisions: list[Decision], statements: list[Statement]) -> list[LabelledStatement]:
    """Every statement a reviewer moved to a category, as a labelled example (the last move wins)."""
    moved: dict[str, str] = {}
    for decision in decisions:
        if decision.action == MOVE and decision.payload.get("category") in CATEGORIES:
            moved.update(dict.fromkeys(decision.statement_ids, decision.payload["category"]))
    return [
        LabelledStatement(s.question, s.text, moved[s.id], s.interview_id, "reviewer", s.id)
        for s in statements
        if s.id in moved
    ]
