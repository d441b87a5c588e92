"""Review decisions that follow their transcripts between runs: renamed or moved (found by the file's SHA-256),
edited where it is (found by each statement's words), renamed and edited in one step (found by the statements it
still holds), or away for a run; with the store lost, by the digests ``decisions.jsonl`` keeps (``copied_digests``).

``follow`` gives a run the old id → new id maps its decisions are read through (``Store.decisions``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .decision_rows import decision_lines
from .errors import StoreError
from .records import Statement

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class Followed:
    """Where a run's transcripts were in the last run: ``renamed`` old interview id → new id; ``shifted`` old
    statement id → new id (within a transcript edited, or renamed and edited); ``edited`` the ids of the transcripts
    edited where they are."""

    renamed: dict[str, str]
    shifted: dict[str, str]
    edited: list[str]

    @property
    def ids(self) -> dict[str, str]:
        """Both maps as one, as ``Store.decisions`` reads them (a statement's id first)."""
        return {**self.renamed, **self.shifted}


def follow(store: Store, copy: Path, now: Mapping[str, str], statements: list[Statement]) -> Followed:
    """Where this run's transcripts (``now``: interview id → SHA-256) and ``statements`` were in the last run whose
    results ``store`` holds; the digests of the plain copy ``copy`` stand in for a store that is new (deleted,
    rebuilt) and for a file the last run lacked (moved away for a run, then back under another name: tester 40)."""
    before = store.interview_digests()
    copied = copied_digests(copy)
    held = set(before.values())
    before |= {i: d for i, d in copied.items() if i not in before and d not in held}
    renamed = renamed_interviews(before, now)
    # ... and a transcript edited since keeps the decisions on the words it still holds, wherever they are now.
    edited = [i for i, digest in now.items() if before.get(i, digest) != digest and i not in renamed]
    shifted = shifted_statements(store.statement_texts(edited), statements) if edited else {}
    # ... and one renamed and edited in one step, found by the statements it still holds (tester 40).
    gone = [i for i in before if i not in now and i not in renamed]
    elsewhere, moved = renamed_and_edited(store.statement_texts(gone), statements, {*before, *renamed.values()})
    return Followed(renamed | elsewhere, shifted | moved, edited)


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
