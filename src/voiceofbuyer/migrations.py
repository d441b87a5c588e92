"""The store's schema over time: refuse a database that is not a store, bring an older store up to date, refuse one
a newer version wrote. Each step keeps review decisions, caches and runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StoreError

RESULT_TABLES = ("statements", "themes", "personas", "interviews")
"""The tables that hold the last run's results (rebuilt by every run)."""


def refuse_foreign(db: sqlite3.Connection, path: Path) -> None:
    """``StoreError`` for a database some other program made (tables, but not the store's ``runs`` table)."""
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    runs = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    ours = {"id", "started", "finished", "batch", "config", "summary"} <= runs if runs else not tables - {"meta"}
    if not ours:
        raise StoreError(
            f"{path}: not a voiceofbuyer store (it holds the tables {', '.join(sorted(tables)[:5])}) (fix: give "
            "another --out, or move that file away: it was left untouched)"
        )


def check_version(db: sqlite3.Connection, path: Path, current: int) -> None:
    """For a store read without write access: ``StoreError`` unless it holds a run and is of schema ``current``
    (an older one is brought up to date only where it can be written)."""
    if not db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").fetchone()[0]:
        raise StoreError(f"{path}: no run in this store (fix: run `voiceofbuyer run DIR --out {path.parent}` first)")
    version = _stored_version(db, path, current)
    if version < current:
        raise StoreError(
            f"{path}: written by an older voiceofbuyer (store schema {version}); it is brought up to date where it "
            "can be written (fix: run `voiceofbuyer render` on a writable copy of the folder, and read that)"
        )


def _stored_version(db: sqlite3.Connection, path: Path, current: int) -> int:
    """The store's schema version (a store of no version yet is ``current``; one before versions, 1); ``StoreError``
    for one a newer version wrote."""
    has_meta = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0]
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if has_meta else None
    fresh = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").fetchone()[0] == 0
    version = current if row is None and fresh else int(row[0]) if row else 1
    if version > current:
        raise StoreError(
            f"{path}: written by a newer voiceofbuyer (store schema {version}, this version reads up to "
            f"{current}) (fix: upgrade voiceofbuyer, or give another --out)"
        )
    return version


def migrate(db: sqlite3.Connection, path: Path, current: int) -> None:
    """Bring a store an older version wrote up to ``current``, one step at a time, each in a transaction;
    refuse one a newer version wrote. Review decisions, caches and runs are always kept."""
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    version = _stored_version(db, path, current)
    while version < current:
        db.execute("BEGIN IMMEDIATE")
        try:
            _MIGRATIONS[version](db)
            version += 1
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(current),))


def _from_1(db: sqlite3.Connection) -> None:
    """1 → 2: the results tables change shape. They are dropped (recreated empty): the next run fills them from
    the caches in seconds; until then ``load_result`` says to run again."""
    for table in ("statements_fts", *RESULT_TABLES, "transcripts"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute("DROP INDEX IF EXISTS statements_interview")


_MIGRATIONS = {1: _from_1}
