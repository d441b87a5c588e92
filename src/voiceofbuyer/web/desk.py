"""The review desk's view of the store: the reviewed result with indexes over it, rebuilt only when a run or a
decision has changed the store, and the one way decisions are written (checked against what the reviewer saw).
"""

from __future__ import annotations

import hashlib
import json
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..agreement import Agreement, agreement
from ..decision_rows import Decision, decisions_of
from ..errors import StoreError
from ..records import SECTION_TITLES, Interview, Persona, RunResult, Statement, Theme
from ..render import unquoted_fragments
from ..results import load_result
from ..review import Review, apply_decisions
from ..store import DECISIONS_FILE, STORE_NAME, Store

SEARCH_SHOWN = 100
"""Search results listed on one page (the count says how many matched)."""


class Conflict(Exception):
    """What a reviewer saw has changed since: the decision is not written."""

    def __init__(self, what: str, theme: Theme | None = None, role: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.theme = theme
        self.role = role


@dataclass
class View:
    """One state of the store: the run's result, the decisions, and the reviewed result."""

    base: RunResult
    review: Review
    decisions: list[Decision]
    run: dict[str, Any]
    statements: dict[str, Statement] = field(init=False)
    interviews: dict[str, Interview] = field(init=False)
    personas: dict[str, Persona] = field(init=False)
    """By slug."""
    themes: dict[str, Theme] = field(init=False)
    """Every reviewed theme, rejected ones too."""
    theme_of: dict[str, str] = field(init=False)
    """Statement id → its theme, rejected quotes and rejected themes included."""
    category: dict[str, str] = field(init=False)
    agreement: Agreement = field(init=False)
    """The classifier against the reviewers, on the statements they reviewed."""
    fragments: dict[tuple[str, str], list[Statement]] = field(init=False)
    """(role, section title) → statements filed there that no theme holds (``render.unquoted_fragments``)."""
    _versions: dict[str, str] = field(init=False, default_factory=dict)
    _by_interview: dict[str, tuple[list[Statement], list[int], list[int]]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        result = self.review.result
        self.agreement = agreement(self.base, self.review, self.decisions)
        self.statements = {s.id: s for s in result.statements}
        self.interviews = {i.id: i for i in result.interviews}
        self.personas = {p.slug: p for p in result.personas}
        self.themes = {t.id: t for t in (*result.themes, *self.review.rejected_themes)}
        self.theme_of = {sid: t.id for t in self.themes.values() for sid in t.statement_ids}
        for theme_id, quotes in self.review.rejected_quotes.items():
            self.theme_of.update((q.statement_id, theme_id) for q in quotes)
        self.category = {sid: c.category for sid, c in result.classifications.items()}
        self.fragments = unquoted_fragments(result)

    # -- lookups -------------------------------------------------------------------------------------------
    def statements_of(self, interview_id: str, start: int = 0, end: int | None = None) -> list[Statement]:
        """An interview's statements in text order; with ``start`` and ``end``, those overlapping that span."""
        if not self._by_interview:
            grouped: dict[str, list[Statement]] = {}
            for statement in self.review.result.statements:
                grouped.setdefault(statement.interview_id, []).append(statement)
            for key, statements in grouped.items():
                statements.sort(key=lambda s: s.start_char)
                self._by_interview[key] = (
                    statements,
                    [s.start_char for s in statements],
                    [s.end_char for s in statements],
                )
        statements, starts, ends = self._by_interview.get(interview_id, ([], [], []))
        if end is None:
            return statements
        # Statements do not overlap, so their ends are in text order too.
        return statements[bisect_right(ends, start) : bisect_left(starts, end)]

    def role_of(self, statement_id: str) -> str:
        """The role of the buyer who made a statement."""
        return self.review.result.profiles[self.statements[statement_id].interview_id].role

    def persona_of(self, role: str) -> Persona | None:
        """The persona of ``role``; None when there is none."""
        return next((p for p in self.personas.values() if p.role == role), None)

    def status(self, theme: Theme) -> str:
        """The theme's review status: approved, rejected or pending."""
        return self.review.theme_status.get(theme.id, "pending")

    def sections(self, role: str) -> list[tuple[str, str, list[Theme], list[Theme], list[Theme]]]:
        """(category, title, themes, mentioned once, rejected) per section of a persona."""
        persona = self.persona_of(role)
        shown = dict(persona.sections) if persona else {}
        return [
            (
                category,
                title,
                [t for t in shown.get(category, ()) if not t.mentioned_once],
                [t for t in shown.get(category, ()) if t.mentioned_once],
                [t for t in self.review.rejected_themes if t.role == role and t.category == category],
            )
            for category, title in SECTION_TITLES.items()
        ]

    def section_themes(self, role: str, category: str) -> list[Theme]:
        """The themes of one persona's section, rejected ones included."""
        return [t for t in self.themes.values() if t.role == role and t.category == category]

    def progress(self, role: str) -> tuple[int, int]:
        """(reviewed, total) themes of a persona, points mentioned once left out."""
        themes = [t for t in self.themes.values() if t.role == role and not t.mentioned_once]
        return sum(1 for t in themes if self.status(t) != "pending"), len(themes)

    # -- versions: what a reviewer saw, to refuse a stale edit ----------------------------------------------
    def theme_version(self, theme: Theme) -> str:
        """A short hash of what the reviewer sees of a theme: name, category, status, statements, quotes, rejected and
        approved quotes, and an objection's answer for sales (a stale answer must not overwrite another's)."""
        if theme.id not in self._versions:
            rejected = [q.statement_id for q in self.review.rejected_quotes.get(theme.id, ())]
            approved = [s for s in theme.statement_ids if self.review.quote_status.get(s) == "approved"]
            self._versions[theme.id] = _digest(
                theme.label, theme.category, self.status(theme), theme.statement_ids,
                [q.statement_id for q in theme.quotes], rejected, approved, theme.response,
            )  # fmt: skip
        return self._versions[theme.id]

    def section_version(self, role: str, category: str) -> str:
        """A short hash of the versions of a section's themes."""
        return _digest(*(self.theme_version(t) for t in sorted(self.section_themes(role, category), key=_by_id)))

    def persona_version(self, persona: Persona) -> str:
        """A short hash of the persona's name, summary and approval and of its themes' versions."""
        themes = sorted((t for t in self.themes.values() if t.role == persona.role), key=_by_id)
        return _digest(
            persona.name, persona.summary, persona.approved_by, persona.approved_on,
            *(self.theme_version(t) for t in themes),
        )  # fmt: skip

    def statement_version(self, statement_id: str) -> str:
        """A short hash of a statement's category and its theme's version."""
        theme = self.themes.get(self.theme_of.get(statement_id, ""))
        return _digest(self.category[statement_id], self.theme_version(theme) if theme else "")

    # -- search ----------------------------------------------------------------------------------------------
    def matches(self, found: list[str], role: str, category: str, company: str, theme: str) -> list[str]:
        """Statements of ``found`` that pass every filter given (an empty filter passes all)."""
        kept = []
        for statement_id in found:
            statement = self.statements.get(statement_id)
            if statement is None:
                continue
            interview = self.interviews[statement.interview_id]
            if (
                (not role or self.review.result.profiles[interview.id].role == role)
                and (not category or self.category[statement_id] == category)
                and (not company or interview.meta.company == company)
                and (not theme or self.theme_of.get(statement_id) == theme)
            ):
                kept.append(statement_id)
        return kept

    def decisions_on(self, theme_id: str = "", role: str = "") -> list[Decision]:
        """The latest decisions that landed on a theme, or on a persona (newest first)."""
        outcomes = self.review.outcomes
        hits = [
            d for d in self.decisions
            if (theme_id and outcomes[d.id].theme_id == theme_id) or (role and outcomes[d.id].role == role)
        ]  # fmt: skip
        return hits[::-1][:5]


class Desk:
    """The store of one output folder, and its current ``View``.

    As datasette does: one writer connection, behind a lock, for decisions; a read-only connection per server
    thread for everything else, so a page or a search never waits for a reviewer's write (SQLite in WAL mode lets
    readers read while one writer writes). The ``View`` is shared by all threads and rebuilt once per change.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.writer = Store(out_dir / STORE_NAME, check_same_thread=False)
        self._write_lock = threading.Lock()
        self._view_lock = threading.Lock()
        self._readers = threading.local()
        self._opened: list[Store] = []
        self._current: tuple[tuple[int, int], View] | None = None
        self._base: tuple[int, RunResult] | None = None

    @property
    def reader(self) -> Store:
        """This thread's read-only connection to the store."""
        store = getattr(self._readers, "store", None)
        if store is None:
            store = Store(self.writer.path, check_same_thread=False, read_only=True)
            self._readers.store = store
            with self._view_lock:
                self._opened.append(store)
        return store

    @property
    def batch_dir(self) -> Path:
        """The batch folder of the last finished run."""
        return Path(self.view().run["batch"])

    def view(self) -> View:
        """The reviewed result of the store's current state (the last finished run and every decision)."""
        state = self.reader.state()
        current = self._current  # one read of (state, view): never a view paired with another state
        if current is not None and current[0] == state:
            return current[1]
        with self._view_lock:
            if self._current is None or self._current[0] != state:
                store = self.reader
                if self._base is None or self._base[0] != state[0]:
                    self._base = (state[0], load_result(store))
                decisions = decisions_of(store)
                base = self._base[1]
                self._current = (state, View(base, apply_decisions(base, decisions), decisions, store.last_run() or {}))
            return self._current[1]

    def decide(
        self,
        check: Callable[[View], None],
        reviewer: str,
        action: str,
        role: str,
        statement_ids: list[str],
        payload: dict[str, Any],
        summary: str,
    ) -> int:
        """Write a decision if ``check`` passes on the current view (it raises ``Conflict`` when not); the id of the
        decision written, or of the same reviewer's identical last one, which is not written twice.

        The check and the write happen in one write transaction, so two reviewers cannot both pass the
        check on the same state: the second sees the first's decision and gets a conflict.
        """
        with self._write_lock:
            with self.writer.transaction():
                current = self.view()
                last = current.decisions[-1] if current.decisions else None
                if last is not None and (
                    last.reviewer,
                    last.action,
                    last.role,
                    list(last.statement_ids),
                    dict(last.payload),
                ) == (reviewer, action, role, statement_ids, payload):
                    # The same reviewer's same decision again (a double click, a form sent twice): it is in effect
                    # already, so nothing is written, and no conflict is raised against their own first one.
                    return last.id
                check(current)
                made = datetime.now(UTC).isoformat(timespec="seconds")
                number = self.writer.add_decision(made, reviewer, action, role, statement_ids, payload, summary)
            # Beside the store, in plain lines: decisions nothing can rebuild outlive any store.
            copy = self.out_dir / DECISIONS_FILE
            try:
                self.writer.export_decisions(copy)
            except OSError as error:
                raise StoreError(
                    f"{copy}: your decision is saved in the store, but its plain copy could not be written "
                    f"({error.strerror or error}) (fix: make {self.out_dir} writable; the copy is written whole again "
                    "with the next decision)"
                ) from error
            return number

    def close(self) -> None:
        """Close every reader connection and the writer."""
        for store in self._opened:
            store.close()
        self.writer.close()


def _by_id(theme: Theme) -> str:
    return theme.id


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
