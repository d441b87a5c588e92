"""One schema: records ↔ JSON in one module, the store's own versioned tables, old stores migrated, new refused."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace

import pytest

from voiceofbuyer.decision_rows import decisions_of
from voiceofbuyer.errors import StoreError
from voiceofbuyer.records import Interview, Statement, Turn, Word
from voiceofbuyer.results import load_result, result_rows
from voiceofbuyer.schema import SchemaError, from_json, to_json
from voiceofbuyer.store import SCHEMA_VERSION, STORE_NAME, Store


def test_every_record_of_a_run_survives_the_round_trip(first_run):
    store = Store(first_run[0] / STORE_NAME)
    try:
        result = load_result(store)
    finally:
        store.close()
    assert from_json(type(result), to_json(result)) == result
    assert result.statements and result.themes and result.personas


def test_the_store_keeps_what_the_published_json_leaves_out(first_run, tmp_path):
    """Keyphrases and timed words are not in ``voiceofbuyer.json``; the store keeps them all the same."""
    shutil.copy(first_run[0] / STORE_NAME, tmp_path / STORE_NAME)
    store = Store(tmp_path / STORE_NAME)
    try:
        result = load_result(store)
        first = result.interviews[0]
        timed = replace(first, turns=(replace(first.turns[0], words=(Word(0, 3, 0.5, 0.9),)), *first.turns[1:]))
        statement = replace(result.statements[0], keyphrases=("approval email", "month end"))
        grown = replace(result, interviews=(timed, *result.interviews[1:]),
                        statements=(statement, *result.statements[1:]))  # fmt: skip
        run_id = store.start_run("2026-12-01T00:00:00", str(tmp_path), "{}")
        store.finish_run(run_id, "2026-12-01T00:00:01", {}, result_rows(grown))
        again = load_result(store)
    finally:
        store.close()
    assert again.interviews[0].turns[0].words == (Word(0, 3, 0.5, 0.9),)
    assert again.statements[0].keyphrases == ("approval email", "month end")
    assert again == replace(grown, batch=again.batch)


def test_a_value_of_the_wrong_shape_is_one_error_naming_the_record_and_field():
    turn = Turn("Alex", "hello", 0, 5, 1)
    value = to_json(Interview("a", "a.txt", "text", "", "hello", (turn,)))
    value["turns"][0]["start_char"] = "five"
    with pytest.raises(SchemaError, match=r"Interview: turns\.0\.start_char"):
        from_json(Interview, value)
    with pytest.raises(SchemaError, match="Statement"):
        from_json(Statement, {"id": "x"})


# The store as version 1 wrote it: the results tables held the published JSON.
VERSION_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE cache (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key));
CREATE TABLE embeddings (model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash));
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT,
    batch TEXT NOT NULL, config TEXT NOT NULL, summary TEXT);
INSERT INTO runs VALUES (1, '2026-11-01T10:00:00', '2026-11-01T10:01:00', '/batch', '{}', '{}');
CREATE TABLE interviews (id TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL,
    role TEXT NOT NULL, data TEXT NOT NULL);
INSERT INTO interviews VALUES ('acme', 'acme.txt', 'text', 'x', 'CFO', '{"id": "acme", "buyer": {}}');
CREATE TABLE statements (id TEXT PRIMARY KEY, interview_id TEXT NOT NULL REFERENCES interviews(id),
    category TEXT NOT NULL, confidence REAL NOT NULL, theme_id TEXT, text TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE themes (id TEXT PRIMARY KEY, role TEXT NOT NULL, category TEXT NOT NULL, rank INTEGER NOT NULL,
    data TEXT NOT NULL);
CREATE TABLE personas (role TEXT PRIMARY KEY, slug TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE transcripts (interview_id TEXT PRIMARY KEY, text TEXT NOT NULL, turns TEXT NOT NULL);
CREATE VIRTUAL TABLE statements_fts USING fts5(text, content='statements', tokenize='porter unicode61');
CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, made TEXT NOT NULL, reviewer TEXT NOT NULL,
    action TEXT NOT NULL, role TEXT NOT NULL, statement_ids TEXT NOT NULL, payload TEXT NOT NULL,
    summary TEXT NOT NULL);
INSERT INTO decisions VALUES (1, '2026-11-02T09:00:00', 'Jo Rivera', 'rename', 'CFO', '["acme@10"]',
    '{"label": "Slow approvals"}', 'renamed a theme');
"""


def test_an_old_store_is_migrated_keeping_decisions_and_asks_for_one_run(tmp_path):
    path = tmp_path / STORE_NAME
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_1)
    store = Store(path)
    try:
        assert [d.payload for d in decisions_of(store)] == [{"label": "Slow approvals"}]
        with pytest.raises(StoreError, match=r"older version \(fix: run `voiceofbuyer run` again.*keeps every review"):
            load_result(store)
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
        columns = [row[1] for row in db.execute("PRAGMA table_info(interviews)")]
        assert "profile" in columns and "speakers" in columns
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'transcripts'").fetchone() == (0,)


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / STORE_NAME
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"written by a newer voiceofbuyer \(store schema 99.*fix: upgrade"):
        Store(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(None, ""), (0, "00:00"), (65.9, "01:05"), (3725, "1:02:05"), (-1, ""), (float("nan"), ""), (float("inf"), "")],
)
def test_times_are_shown_only_when_they_are_times(seconds, shown):
    from voiceofbuyer.records import clock

    assert clock(seconds) == shown
