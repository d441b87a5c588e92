"""The SQLite store under the output folder: caches, runs, and the last run's results.

- ``cache``: derived work keyed by content (statements of an interview by its bytes' hash and the
  settings that shape them, classifier verdicts, cluster memberships), so an unchanged batch reuses
  everything and a new interview recomputes only what it must.
- ``embeddings``: vectors keyed by (embedder name, text hash).
- ``runs``: one row per run with its summary.
- ``interviews``, ``statements``, ``themes``, ``personas``: the last run's results, replaced in one
  transaction at the end of a run, so a crash never leaves them half-written.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .errors import StoreError

STORE_NAME = "voiceofbuyer.sqlite"
SCHEMA_VERSION = 1

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
    role TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY, interview_id TEXT NOT NULL REFERENCES interviews(id), category TEXT NOT NULL,
    confidence REAL NOT NULL, theme_id TEXT, text TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS statements_interview ON statements (interview_id);
CREATE TABLE IF NOT EXISTS themes (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, category TEXT NOT NULL, rank INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS personas (role TEXT PRIMARY KEY, slug TEXT NOT NULL, data TEXT NOT NULL);
"""


def text_hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StoreError(
                f"{path}: not a usable voiceofbuyer store ({error}) "
                "(fix: move it aside or delete it; the next run rebuilds it from the transcripts)"
            ) from error

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- content-keyed cache -------------------------------------------------------------------------
    def cached(self, kind: str, key: str) -> Any | None:
        row = self._db.execute("SELECT value FROM cache WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        return json.loads(row[0]) if row else None

    def cached_many(self, kind: str, keys: Iterable[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        wanted = list(dict.fromkeys(keys))
        for begin in range(0, len(wanted), 500):
            chunk = wanted[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, value FROM cache WHERE kind = ? AND key IN ({marks})", [kind, *chunk])
            found.update((key, json.loads(value)) for key, value in rows)
        return found

    def put_cache(self, kind: str, items: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO cache (kind, key, value) VALUES (?, ?, ?)",
                [(kind, key, json.dumps(value, sort_keys=True)) for key, value in items.items()],
            )

    # -- embeddings ------------------------------------------------------------------------------------
    def embeddings(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors for those of ``texts`` that have one, by text."""
        by_hash = {text_hash(text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        hashes = list(by_hash)
        for begin in range(0, len(hashes), 500):
            chunk = hashes[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({marks})", [model, *chunk]
            )
            for digest, blob in rows:
                found[by_hash[digest]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embeddings (model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, text_hash(text), np.asarray(v, dtype=np.float32).tobytes()) for text, v in vectors.items()],
            )

    # -- runs and results ------------------------------------------------------------------------------
    def start_run(self, started: str, batch: str, config: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (started, batch, config) VALUES (?, ?, ?)", (started, batch, config)
        )
        return int(cursor.lastrowid or 0)

    def finish_run(
        self,
        run_id: int,
        finished: str,
        summary: dict[str, Any],
        interviews: list[dict[str, Any]],
        statements: list[dict[str, Any]],
        themes: list[dict[str, Any]],
        personas: list[dict[str, Any]],
    ) -> None:
        """Replace the last run's results with this run's, all at once."""
        with self.transaction() as db:
            for table in ("statements", "themes", "personas", "interviews"):
                db.execute(f"DELETE FROM {table}")
            db.executemany(
                "INSERT INTO interviews (id, source, format, sha256, role, data) VALUES (?, ?, ?, ?, ?, ?)",
                [(i["id"], i["source"], i["format"], i["sha256"], i["buyer"]["role"], _dump(i)) for i in interviews],
            )
            db.executemany(
                "INSERT INTO statements (id, interview_id, category, confidence, theme_id, text, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (s["id"], s["interview_id"], s["category"], s["confidence"], s["theme_id"], s["text"], _dump(s))
                    for s in statements
                ],
            )
            db.executemany(
                "INSERT INTO themes (id, role, category, rank, data) VALUES (?, ?, ?, ?, ?)",
                [(t["id"], t["role"], t["category"], rank, _dump(t)) for rank, t in enumerate(themes)],
            )
            db.executemany(
                "INSERT INTO personas (role, slug, data) VALUES (?, ?, ?)",
                [(p["role"], p["slug"], _dump(p)) for p in personas],
            )
            db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?", (finished, _dump(summary), run_id))

    def last_run(self) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, started, finished, batch, summary FROM runs WHERE finished IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return {"id": row[0], "started": row[1], "finished": row[2], "batch": row[3], "summary": json.loads(row[4])}

    def themes(self, role: str | None = None, category: str | None = None) -> list[dict[str, Any]]:
        query = "SELECT data FROM themes WHERE (? IS NULL OR role = ?) AND (? IS NULL OR category = ?) ORDER BY rank"
        return [json.loads(row[0]) for row in self._db.execute(query, (role, role, category, category))]

    def personas(self) -> list[dict[str, Any]]:
        return [json.loads(row[0]) for row in self._db.execute("SELECT data FROM personas ORDER BY role")]

    def interviews(self) -> list[dict[str, Any]]:
        return [json.loads(row[0]) for row in self._db.execute("SELECT data FROM interviews ORDER BY id")]


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
