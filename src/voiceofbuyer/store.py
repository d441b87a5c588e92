"""The SQLite store under the output folder: caches, runs, and the last run's results.

- ``cache``: derived work keyed by content (statements of an interview by its bytes' hash and the
  settings that shape them, classifier verdicts, cluster memberships), so an unchanged batch reuses
  everything and a new interview recomputes only what it must.
- ``embeddings``: vectors keyed by (embedder name, text hash).
- ``runs``: one row per run with its summary.
- ``interviews``, ``statements``, ``themes``, ``personas``: the last run's results as records (``schema``; an
  interview's record holds its decoded text, turns and timed words, so documents re-render without reading the
  batch again), replaced in one transaction at the end of a run, so a crash never leaves them half-written;
  ``statements_fts`` indexes statement texts for full-text search (SQLite FTS5).
- ``meta``: the store's schema version (older stores are migrated at open, newer ones refused) and the run whose
  results the tables hold.
- ``decisions``: the review log, never replaced by a run: who decided what, when, on which statements.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .errors import StoreError
from .files import DECISIONS, write_atomic
from .following import copied_digests, renamed_row
from .migrations import RESULT_TABLES, check_version, migrate, refuse_foreign
from .store_problems import store_problem

ResultRows = dict[str, Iterable[dict[str, Any]]]
"""Results table → its rows (column → value)."""

STORE_NAME = "voiceofbuyer.sqlite"
SCHEMA_VERSION = 2
"""1: the results tables held the published JSON. 2: they hold the records (``schema``), the published JSON is
free to change; the transcripts live in the interviews' records."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cache (
    kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key));
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text_hash));
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT,
    batch TEXT NOT NULL, config TEXT NOT NULL, summary TEXT);
CREATE TABLE IF NOT EXISTS interviews (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL,
    role TEXT NOT NULL, speakers TEXT NOT NULL, profile TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY, interview_id TEXT NOT NULL REFERENCES interviews(id), category TEXT NOT NULL,
    confidence REAL NOT NULL, theme_id TEXT, text TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS statements_interview ON statements (interview_id);
CREATE TABLE IF NOT EXISTS themes (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, category TEXT NOT NULL, rank INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS personas (role TEXT PRIMARY KEY, slug TEXT NOT NULL, data TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    text, content='statements', tokenize='porter unicode61');
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, made TEXT NOT NULL, reviewer TEXT NOT NULL, action TEXT NOT NULL,
    role TEXT NOT NULL, statement_ids TEXT NOT NULL, payload TEXT NOT NULL, summary TEXT NOT NULL);
"""
HIGHLIGHT = ("\x02", "\x03")
"""Marks around search hits in highlighted text: control characters, so they survive HTML escaping."""
_SEARCH_WORD = re.compile(r"\w+")


def text_hash(*parts: str) -> str:
    """SHA-256 (hex) of ``parts``, each UTF-8 encoded and ended by a NUL byte, so no two part lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class Store:
    """The SQLite store of one output folder: content-keyed caches, embeddings, runs, the last run's results, full-text
    search and review decisions."""

    def __init__(
        self, path: Path, check_same_thread: bool = True, read_only: bool = False, settled: bool = False
    ) -> None:
        """Open (or create) the store at ``path``; ``StoreError`` names the real cause: a folder or store file that
        cannot be written, a full disk, a store locked by another run, or a damaged file (backed up beside itself
        first, where it can be).

        ``check_same_thread=False`` lets a connection serve a web app's threads; ``read_only`` opens it for reading.
        ``settled`` (read-only too): a finished run read where it cannot be written (a read-only mount, a copy
        of someone else's results): nothing is written beside the store (SQLite's ``immutable``, unless its
        write-ahead log holds changes not yet in the store, which only a plain reader sees), and a store that is
        damaged, not a store, without a run, or of another schema version is refused as at a normal open.
        """
        self.path = path
        read_only = read_only or settled
        wal = path.with_name(path.name + "-wal")
        pending = wal.is_file() and wal.stat().st_size > 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not read_only and path.is_file() and not os.access(path, os.W_OK):
                raise PermissionError(f"{path.name} is read-only")  # before SQLite leaves -wal/-shm files beside it
            immutable = "&immutable=1" if settled and not pending else ""
            target = f"{path.resolve().as_uri()}?mode=ro{immutable}" if read_only else str(path)
            self._db = sqlite3.connect(target, isolation_level=None, check_same_thread=check_same_thread,
                                       uri=read_only, timeout=30)  # fmt: skip
        except (OSError, sqlite3.Error) as error:
            raise StoreError(store_problem(path, error)) from error
        try:
            self._db.execute("PRAGMA busy_timeout = 30000")
            if read_only and not settled:
                return
            damage = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if damage != "ok":
                raise sqlite3.DatabaseError(f"damaged: {_first_problem(damage)}")
            refuse_foreign(self._db, path)  # before anything is written to it
            if settled:
                check_version(self._db, path, SCHEMA_VERSION)
                return
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            migrate(self._db, path, SCHEMA_VERSION)
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            self._db.close()
            if settled and pending and "unable to open" in str(error):
                raise StoreError(
                    f"{path}: changes not yet in the store wait in {wal.name}, and reading them needs write access "
                    "to the folder (fix: copy the output folder somewhere you can write and read the copy)"
                ) from error
            raise StoreError(store_problem(path, error)) from error
        except StoreError:
            self._db.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside ``BEGIN IMMEDIATE``: committed on exit, rolled back on any exception."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- content-keyed cache -------------------------------------------------------------------------
    def cached(self, kind: str, key: str) -> Any | None:
        """The cached value of ``kind`` under ``key``; None when absent or damaged."""
        row = self._db.execute("SELECT value FROM cache WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        return _cached_value(row[0]) if row else None

    def cached_many(self, kind: str, keys: Iterable[str]) -> dict[str, Any]:
        """Key → cached value of ``kind`` for those of ``keys`` that have a sound one."""
        found: dict[str, Any] = {}
        wanted = list(dict.fromkeys(keys))
        for begin in range(0, len(wanted), 500):
            chunk = wanted[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, value FROM cache WHERE kind = ? AND key IN ({marks})", [kind, *chunk])
            found.update((key, decoded) for key, value in rows if (decoded := _cached_value(value)) is not None)
        return found

    def put_cache(self, kind: str, items: dict[str, Any]) -> None:
        """Store each value of ``items`` (key → JSON-serialisable value) under ``kind``, replacing any there, in one
        transaction."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO cache (kind, key, value) VALUES (?, ?, ?)",
                [(kind, key, json.dumps(value, sort_keys=True)) for key, value in items.items()],
            )

    # -- embeddings ------------------------------------------------------------------------------------
    def embeddings(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors (float16) for those of ``texts`` that have one, by text."""
        return {text: np.frombuffer(blob, dtype=np.float16) for text, blob in self._embedding_rows(model, texts, True)}

    def embedded_texts(self, model: str, texts: list[str]) -> set[str]:
        """Those of ``texts`` that have a stored vector of ``model`` (the vectors are not read)."""
        return {text for text, _ in self._embedding_rows(model, texts, False)}

    def _embedding_rows(self, model: str, texts: list[str], with_vector: bool) -> Iterator[tuple[str, bytes | None]]:
        """(text, its stored vector's bytes or None when not ``with_vector``) for those of ``texts`` stored."""
        by_hash = {text_hash(text): text for text in texts}
        hashes = list(by_hash)
        column = "vector" if with_vector else "NULL"
        for begin in range(0, len(hashes), 500):
            chunk = hashes[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT text_hash, {column} FROM embeddings WHERE model = ? AND text_hash IN ({marks})"
            for digest, blob in self._db.execute(query, [model, *chunk]):
                yield by_hash[digest], blob

    def put_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` (text → vector, kept as float16) for ``model``, replacing any there, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embeddings (model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, text_hash(text), np.asarray(v, dtype=np.float16).tobytes()) for text, v in vectors.items()],
            )

    # -- runs and results ------------------------------------------------------------------------------
    def start_run(self, started: str, batch: str, config: str) -> int:
        """Record a run as started; its id."""
        cursor = self._db.execute(
            "INSERT INTO runs (started, batch, config) VALUES (?, ?, ?)", (started, batch, config)
        )
        return int(cursor.lastrowid or 0)

    def finish_run(
        self, run_id: int, finished: str, summary: dict[str, Any], rows: ResultRows,
        renamed: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        """Replace the last run's results with this run's, all at once (review decisions stay). ``rows``: the
        results tables' rows, as ``results.result_rows`` makes them (each table's rows may be a generator);
        ``renamed``: old interview id → new id (``following.renamed_interviews``), which the decisions follow in
        the same transaction."""
        with self.transaction() as db:
            for row in self.decisions() if renamed else ():
                moved = renamed_row(row, renamed or {})
                if moved != row:
                    db.execute(
                        "UPDATE decisions SET statement_ids = ?, payload = ? WHERE id = ?",
                        (dump_json(moved["statement_ids"]), dump_json(moved["payload"]), row["id"]),
                    )
            for table in RESULT_TABLES:
                db.execute(f"DELETE FROM {table}")
            for table, table_rows in rows.items():
                remaining = iter(table_rows)  # rows are made as they are inserted: a large run is never held twice
                first = next(remaining, None)
                if table not in RESULT_TABLES or first is None:
                    continue
                columns = list(first)
                db.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    (tuple(row[c] for c in columns) for row in itertools.chain([first], remaining)),
                )
            db.execute("INSERT INTO statements_fts (statements_fts) VALUES ('rebuild')")
            db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?", (finished, dump_json(summary), run_id))
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('results_of_run', ?)", (str(run_id),))

    def interview_digests(self) -> dict[str, str]:
        """Interview id → sha256 of its file, for the interviews of the last run's results."""
        return dict(self._db.execute("SELECT id, sha256 FROM interviews").fetchall())

    def statement_texts(self, interview_ids: Iterable[str]) -> dict[str, str]:
        """Statement id → text, for the last run's statements of ``interview_ids``."""
        found: dict[str, str] = {}
        for interview_id in interview_ids:
            rows = self._db.execute("SELECT id, text FROM statements WHERE interview_id = ?", (interview_id,))
            found.update(rows.fetchall())
        return found

    def result_rows(self, table: str, columns: str, order: str) -> list[tuple[Any, ...]]:
        """Rows of one results table (``RESULT_TABLES``), for ``results.load_result``."""
        if table not in RESULT_TABLES:
            raise ValueError(f"not a results table: {table!r}")
        return self._db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()

    def results_of_run(self) -> int | None:
        """The run whose results the results tables hold (None: none, or a store an older version wrote)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'results_of_run'").fetchone()
        return int(row[0]) if row else None

    def last_run(self) -> dict[str, Any] | None:
        """Id, start and finish times, batch, summary and config of the last finished run; None when none finished.
        ``StoreError`` when its summary is damaged."""
        row = self._db.execute(
            "SELECT id, started, finished, batch, summary, config FROM runs WHERE finished IS NOT NULL"
            " ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        try:
            summary = json.loads(row[4])
        except (TypeError, ValueError) as error:
            raise StoreError(
                f"{self.path}: the record of run {row[0]} is damaged ({error}) (fix: run `voiceofbuyer run` again; "
                "review decisions are kept)"
            ) from error
        return {"id": row[0], "started": row[1], "finished": row[2], "batch": row[3], "summary": summary,
                "config": row[5]}  # fmt: skip

    # -- full-text search ------------------------------------------------------------------------------
    def search(self, words: str) -> list[str]:
        """Ids of the statements holding every word of ``words`` (stemmed), best match first."""
        query = _fts_query(words)
        if not query:
            return []
        rows = self._db.execute(
            "SELECT s.id FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid"
            " WHERE statements_fts MATCH ? ORDER BY rank",
            (query,),
        )
        return [row[0] for row in rows]

    def highlighted(self, words: str, statement_ids: list[str]) -> dict[str, str]:
        """Statement id → its text with each hit of ``words`` between ``HIGHLIGHT`` marks."""
        query = _fts_query(words)
        if not query or not statement_ids:
            return {}
        marks = ",".join("?" * len(statement_ids))
        rows = self._db.execute(
            "SELECT s.id, highlight(statements_fts, 0, ?, ?) FROM statements_fts"
            " JOIN statements s ON s.rowid = statements_fts.rowid"
            f" WHERE statements_fts MATCH ? AND s.id IN ({marks})",
            [*HIGHLIGHT, query, *statement_ids],
        )
        return dict(rows.fetchall())

    # -- review decisions ------------------------------------------------------------------------------
    def add_decision(
        self, made: str, reviewer: str, action: str, role: str, statement_ids: list[str], payload: dict[str, Any],
        summary: str,
    ) -> int:  # fmt: skip
        """Append a decision (inside the caller's transaction when there is one); returns its id."""
        cursor = self._db.execute(
            "INSERT INTO decisions (made, reviewer, action, role, statement_ids, payload, summary)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (made, reviewer, action, role, dump_json(statement_ids), dump_json(payload), summary),
        )
        return int(cursor.lastrowid or 0)

    def decisions(self, renamed: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """Every decision, oldest first; ``renamed``: old interview id → new id, which their statement ids follow
        (``following.renamed_interviews``)."""
        rows = self._db.execute(
            "SELECT id, made, reviewer, action, role, statement_ids, payload, summary FROM decisions ORDER BY id"
        )
        found = [
            {"id": row[0], "made": row[1], "reviewer": row[2], "action": row[3], "role": row[4],
             "statement_ids": json.loads(row[5]), "payload": json.loads(row[6]), "summary": row[7]}
            for row in rows
        ]  # fmt: skip
        return [renamed_row(row, renamed) for row in found] if renamed else found

    def export_decisions(self, path: Path) -> int:
        """Write every decision to ``path`` (``decision_lines``), atomically; returns how many. A file's digest the
        copy at ``path`` held stays while the last run lacked that file (moved away for a run: tester 40)."""
        lines, count = self.decision_lines(copied_digests(path))
        write_atomic(path.parent, {path.name: lines})
        return count

    def decision_lines(self, known: Mapping[str, str] | None = None) -> tuple[bytes, int]:
        """Every decision as JSON lines (UTF-8, oldest first, keys sorted), and how many there are; each with the
        SHA-256 of the files its statements are in (``digests``; ``known``: interview id → digest, for files the
        last run lacked), so that a copy restored into a new store follows a file renamed since
        (``following.copied_digests``)."""
        rows = self.decisions()
        digests = {**(known or {}), **self.interview_digests()}
        for row in rows:
            named = {sid.rpartition("@")[0] for sid in row["statement_ids"]} & digests.keys()
            row["digests"] = {interview: digests[interview] for interview in sorted(named)}
        return "".join(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n" for row in rows).encode(), len(rows)

    def import_decisions(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        """Replay decisions read from a file ``export_decisions`` wrote (``decision_rows.read_decisions`` checks
        them); ones already here (the same decision: time, reviewer, action, role, statements and what it says) are
        not added twice. Returns (added, already known)."""
        known = {_decision_key(d) for d in self.decisions()}
        added = 0
        with self.transaction():
            for row in rows:
                key = _decision_key(row)
                if key not in known:
                    self.add_decision(row["made"], row["reviewer"], row["action"], row["role"],
                                      list(row["statement_ids"]), row["payload"], row["summary"])  # fmt: skip
                    known.add(key)
                    added += 1
        return added, len(rows) - added

    def state(self) -> tuple[int, int]:
        """(last finished run, last decision): changes whenever the reviewed result may have changed."""
        run = self._db.execute("SELECT max(id) FROM runs WHERE finished IS NOT NULL").fetchone()[0]
        decision = self._db.execute("SELECT max(id) FROM decisions").fetchone()[0]
        return int(run or 0), int(decision or 0)


def _decision_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes a decision itself: two approvals of two personas in the same second by one reviewer, with no
    statement between them, are two (one was dropped on restoring the plain copy: tester 40)."""
    payload = json.dumps(row["payload"], sort_keys=True, ensure_ascii=False)
    return row["made"], row["reviewer"], row["action"], row["role"], tuple(row["statement_ids"]), payload


DECISIONS_FILE = DECISIONS
"""Beside the store, the review decisions as plain lines, rewritten on every decision: they outlive the store."""


def _first_problem(report: str) -> str:
    """The first problem of SQLite's ``quick_check`` report, which lists one a line ("*** in database main ***",
    "On tree page 639 cell 1: invalid page number -1", "Page 505 is never used", ...), and how many more: an error
    is one line."""
    problems = [line.strip() for line in report.splitlines() if line.strip() and not line.startswith("***")]
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"{problems[0] if problems else report.strip()}{more}"


def _cached_value(text: str) -> Any | None:
    """A cached value, or None (a miss: computed again) when the entry is damaged."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def _fts_query(words: str) -> str:
    """User words as an FTS5 query: each word quoted (so no input is query syntax), all required."""
    return " ".join(f'"{word}"' for word in _SEARCH_WORD.findall(words))


def dump_json(value: Any) -> str:
    """JSON text of a value with sorted keys and characters as they are: what the store's columns hold."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
