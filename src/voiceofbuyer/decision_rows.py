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
from collections.abc import Mapping
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
    follow (``following.renamed_interviews``)."""
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
