"""Crash test: ``run`` and ``render`` killed with SIGKILL at many points of a real batch (issue 10).

A small real batch is run once to warm the store (so every later run takes about a second, from the cache), two
review decisions are made on the desk and rendered, and a third is imported with ``voiceofbuyer decisions import``
and not rendered yet. That output folder is the snapshot every kill starts from: its documents are the **old set**.
The **new set** is what an uninterrupted command writes from the snapshot: ``run`` on the batch with one more
interview (a new persona, and every shared document changed), or ``render`` (the imported decision applied).

Each command is killed with SIGKILL, at points chosen the same way on every run of the test:

- after a spread of delays from outside (``timed``), wherever the process happens to be;
- from inside, through ``HARNESS`` (a wrapper that patches the standard library, never the product): after the
  N-th change it makes to the output folder (``fs``: a file written, a folder made, a link made or renamed, a file
  or folder removed; all of them when there are few, else a spread, plus every one between two kills that left
  different sets, so both sides of the switch are hit), or after the N-th writing SQL statement on the store
  (``sql``: opening it, ``start_run``, inside ``finish_run``'s transaction).

After each kill: the documents, as a reader of the folder sees them (links followed), are exactly the old set or
exactly the new one; the store passes ``PRAGMA integrity_check``, holds every review decision, and records the run
as finished only if the new set is in place. The first time a kill leaves a new kind of leftovers, the next
command is killed too, while it removes them. Then the command runs again, uninterrupted: the folder is byte for
byte the one an uninterrupted command makes from the snapshot (the store aside), and no temporary file and no stale
``.documents/<generation>`` is left.

``DocumentSet.publish`` is also killed alone, after each change, on sets that gain or lose a top-level name (as
``transcripts/`` comes and goes with recordings), which the batch above cannot show without a speech model.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from voiceofbuyer.decision_rows import APPROVE, QUOTE_STATUS, RENAME
from voiceofbuyer.files import DOCUMENTS, TEMPORARY_SUFFIX
from voiceofbuyer.results import load_result
from voiceofbuyer.store import STORE_NAME, Store
from voiceofbuyer.web.desk import Desk

from .conftest import SAMPLE, make_batch

CONFIG = SAMPLE / "voiceofbuyer.toml"
OLD_BATCH = ("northwind-cfo.txt", "meridian-cfo.txt", "northwind-it.srt")
ADDED = "northwind-ap-manager.vtt"
"""Added to the batch for the new set: a role of its own (a new persona file) and statements in every document."""
NEW_BATCH = (*OLD_BATCH, ADDED)
ROLE = "Finance Leader"
# About 10 seconds a kill (a kill, a run to the end, the checks): the spread is kept small, and every change
# between two kills that left different sets is tried too, so both sides of each switch are hit.
TIMED_KILLS = 3
FS_KILLS = 8
SQL_KILLS = 3
COMMAND_SECONDS = 120

HARNESS = r'''
"""Runs the voiceofbuyer command with SIGKILL injected at CRASH_AT ("fs:N" or "sql:N"; empty: none), counting
changes to the output folder CRASH_OUT and writing SQL statements on its store; CRASH_COUNT: write the counts there."""
import json
import os
import shutil
import signal
import sqlite3
import sys

OUT = os.path.realpath(os.environ["CRASH_OUT"])
KIND, _, AT = os.environ.get("CRASH_AT", "").partition(":")
COUNTS = {"fs": 0, "sql": 0}
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "COMMIT", "CREATE", "DROP", "ALTER")
REMOVING = []  # the folder shutil.rmtree is removing: its os.unlink / os.rmdir calls name entries relative to it


def inside(path):
    if isinstance(path, int) or path is None:
        return False
    path = os.path.abspath(os.fsdecode(path))
    return path == OUT or path.startswith(OUT + os.sep)


def event(kind):
    COUNTS[kind] += 1
    if kind == KIND and COUNTS[kind] == int(AT):
        os.kill(os.getpid(), signal.SIGKILL)


def changes(function, paths=1, flags=None):
    def changed(*args, **kwargs):
        result = function(*args, **kwargs)
        if flags is not None and not (args[1] if len(args) > 1 else kwargs.get("flags", 0)) & flags:
            return result
        if any(inside(path) for path in args[:paths]) or (REMOVING and REMOVING[-1] and "dir_fd" in kwargs):
            event("fs")
        return result
    return changed


def removing(function):
    def remove(path, *args, **kwargs):
        REMOVING.append(inside(path))
        try:
            return function(path, *args, **kwargs)
        finally:
            REMOVING.pop()
    return remove


os.replace = changes(os.replace, 2)
os.rename = changes(os.rename, 2)
os.symlink = changes(os.symlink, 2)
os.unlink = changes(os.unlink)
os.remove = changes(os.remove)
os.rmdir = changes(os.rmdir)
os.mkdir = changes(os.mkdir)
os.open = changes(os.open, 1, os.O_WRONLY | os.O_RDWR | os.O_CREAT)
shutil.rmtree = removing(shutil.rmtree)


def _writes(original):
    def write(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if inside(self):
            event("fs")
        return result
    return write


import pathlib  # noqa: E402

pathlib.Path.write_bytes = _writes(pathlib.Path.write_bytes)
pathlib.Path.write_text = _writes(pathlib.Path.write_text)


class Connection:
    """The store's connection, counting the statements that write."""

    def __init__(self, connection):
        object.__setattr__(self, "_connection", connection)

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def __setattr__(self, name, value):
        setattr(self._connection, name, value)

    def __enter__(self):
        self._connection.__enter__()
        return self

    def __exit__(self, *exc):
        return self._connection.__exit__(*exc)

    def _count(self, sql):
        for statement in sql.split(";"):
            if statement.strip().upper().startswith(WRITES):
                event("sql")

    def execute(self, sql, *args):
        cursor = self._connection.execute(sql, *args)
        self._count(sql)
        return cursor

    def executemany(self, sql, *args):
        cursor = self._connection.executemany(sql, *args)
        self._count(sql)
        return cursor

    def executescript(self, sql):
        cursor = self._connection.executescript(sql)
        self._count(sql)
        return cursor


_connect = sqlite3.connect


def connect(target, *args, **kwargs):
    connection = _connect(target, *args, **kwargs)
    name = str(target).removeprefix("file:").split("?")[0]
    return Connection(connection) if inside(name) else connection


sqlite3.connect = connect

if sys.argv[1] == "publish":  # publish the set in the JSON file sys.argv[2] ({path: text}), as a run does
    from voiceofbuyer.files import DocumentSet

    documents = DocumentSet(pathlib.Path(OUT))
    documents.clean()
    with open(sys.argv[2], encoding="utf-8") as stream:
        documents.publish((path, text.encode("utf-8")) for path, text in json.load(stream).items())
    code = 0
else:
    from voiceofbuyer.cli import main

    code = main(sys.argv[1:])
if os.environ.get("CRASH_COUNT"):
    with open(os.environ["CRASH_COUNT"], "w") as stream:
        json.dump(COUNTS, stream)
sys.exit(code)
'''


class Bench:
    """Fixed paths (documents link to the batch by relative path): the batch, the output folder, the snapshot."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.batch = root / "interviews"
        self.out = root / "outputs"
        self.snapshot = root / "snapshot"
        self.set = root / "set.json"
        """For ``publish``: the set of documents to publish."""
        self.harness = root / "crash_harness.py"
        self.harness.write_text(HARNESS, "utf-8")

    def command(self, name: str) -> list[str]:
        if name == "run":
            return ["run", str(self.batch), "--out", str(self.out), "--config", str(CONFIG), "--quiet"]
        if name == "render":
            return ["render", "--out", str(self.out)]
        return ["publish", str(self.set)]

    def start(self, name: str, crash_at: str = "", count: Path | None = None) -> subprocess.Popen:
        env = {**os.environ, "CRASH_OUT": str(self.out), "CRASH_AT": crash_at}
        env.pop("CRASH_COUNT", None)
        if count is not None:
            env["CRASH_COUNT"] = str(count)
        return subprocess.Popen(
            [sys.executable, str(self.harness), *self.command(name)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    def complete(self, name: str, count: Path | None = None) -> str:
        process = self.start(name, count=count)
        output, _ = process.communicate(timeout=COMMAND_SECONDS)
        assert process.returncode == 0, f"{name} exited {process.returncode}:\n{output}"
        return output

    def kill(self, name: str, point: str) -> None:
        """Run ``name`` and kill it at ``point``: ``timed:SECONDS`` from outside, ``fs:N`` or ``sql:N`` from inside."""
        kind, _, where = point.partition(":")
        if kind == "timed":
            process = self.start(name)
            try:
                process.wait(timeout=float(where))
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
            output, _ = process.communicate(timeout=COMMAND_SECONDS)
            assert process.returncode in (0, -signal.SIGKILL), f"{name}, {point}: exit {process.returncode}:\n{output}"
        else:
            process = self.start(name, point)
            output, _ = process.communicate(timeout=COMMAND_SECONDS)
            assert process.returncode == -signal.SIGKILL, (
                f"{name}, {point}: not killed ({process.returncode}):\n{output}"
            )

    def restore(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.copytree(self.snapshot, self.out, symlinks=True)

    def take_snapshot(self) -> None:
        shutil.rmtree(self.snapshot, ignore_errors=True)
        shutil.copytree(self.out, self.snapshot, symlinks=True)


def documents(out: Path) -> dict[str, bytes]:
    """The output folder as a reader sees it: every visible file, links followed; the store left out."""
    found = {}
    for folder, subfolders, names in os.walk(out, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in names:
            path = Path(folder) / name
            if name.startswith((".", STORE_NAME)) or not path.exists():  # a dangling link reads as no file
                continue
            found[path.relative_to(out).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


def leftovers(out: Path) -> list[str]:
    """Temporary files anywhere in the output folder, and published sets besides the live one."""
    found = [
        str((Path(folder) / name).relative_to(out))
        for folder, subfolders, names in os.walk(out)
        for name in subfolders + names
        if name.endswith(TEMPORARY_SUFFIX)
    ]
    root = out / DOCUMENTS
    live = os.readlink(root / "current") if (root / "current").is_symlink() else None
    if root.is_dir():
        found += [f"{DOCUMENTS}/{e.name}" for e in root.iterdir() if e.name not in ("current", live)]
    return sorted(found)


def store_state(out: Path) -> tuple[str, list[tuple], int]:
    """(``PRAGMA integrity_check``, every review decision, the last finished run) of the store, read with a plain
    connection."""
    connection = sqlite3.connect(out / STORE_NAME)
    try:
        integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
        decisions = connection.execute("SELECT * FROM decisions ORDER BY id").fetchall()
        finished = connection.execute("SELECT max(id) FROM runs WHERE finished IS NOT NULL").fetchone()[0]
    finally:
        connection.close()
    return integrity, decisions, finished


def differences(found: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    return sorted(name for name in found.keys() | expected.keys() if found.get(name) != expected.get(name))


def spread(count: int, most: int) -> list[int]:
    """1..count when there are at most ``most``; else ``most`` points spread evenly over it, both ends included."""
    if count <= most:
        return list(range(1, count + 1))
    return sorted({1 + round(i * (count - 1) / (most - 1)) for i in range(most)})


class Sets:
    """The old set (the snapshot's documents), the new one (an uninterrupted command's), and the snapshot's store:
    its decisions and last finished run (None: no store)."""

    def __init__(self, old: dict[str, bytes], new: dict[str, bytes], store: tuple[list[tuple], int] | None) -> None:
        self.old, self.new, self.store = old, new, store

    def whole(self, bench: Bench, what: str) -> str:
        """Which set the folder holds now ("old" or "new"); fails on a mix, a damaged store or a lost decision."""
        found = documents(bench.out)
        assert found in (self.old, self.new), (
            f"{what}: a mix of sets; differs from the old set in {differences(found, self.old)}, from the new one in "
            f"{differences(found, self.new)}"
        )
        if self.store is not None:
            integrity, decisions, finished = store_state(bench.out)
            assert integrity == "ok", f"{what}: store damaged: {integrity}"
            assert decisions == self.store[0], f"{what}: review decisions lost or changed"
            assert found == self.new or finished == self.store[1], (
                f"{what}: the store records a run as finished whose documents are not in place"
            )
        return "old" if found == self.old else "new"


def check_kill(bench: Bench, name: str, point: str, sets: Sets, cleaned: set[tuple[str, ...]]) -> str:
    """Kill ``name`` at ``point`` (and, the first time it leaves a new kind of leftovers, the next one during its
    cleaning: ``cleaned`` holds the kinds done), then run it to the end; returns the set the kill left."""
    bench.restore()
    bench.kill(name, point)
    outcome = sets.whole(bench, f"{name} killed at {point}")
    kinds = tuple(sorted({"temporary" if n.endswith(TEMPORARY_SUFFIX) else "set" for n in leftovers(bench.out)}))
    if kinds and kinds not in cleaned:
        cleaned.add(kinds)
        bench.kill(name, "fs:1")  # its first change is removing what the killed one left
        sets.whole(bench, f"{name} killed at {point}, the next one killed while cleaning")
    bench.complete(name)
    again = documents(bench.out)
    what = f"{name} killed at {point}, then run again"
    assert again == sets.new, (
        f"{what}: not what an uninterrupted {name} writes; differs in {differences(again, sets.new)}"
    )
    assert leftovers(bench.out) == [], f"{what}: left {leftovers(bench.out)}"
    sets.whole(bench, what)
    return outcome


def kill_everywhere(bench: Bench, name: str, timed: int = TIMED_KILLS) -> dict[str, str]:
    """Kill ``name`` at every point (see the module's doc) from the snapshot; returns point → set left."""
    bench.restore()
    old = documents(bench.out)
    store = store_state(bench.out)[1:] if (bench.out / STORE_NAME).is_file() else None
    count = bench.root / f"{name}-count.json"
    started = time.monotonic()
    bench.complete(name, count)
    seconds = time.monotonic() - started
    sets = Sets(old, documents(bench.out), store)
    assert leftovers(bench.out) == []
    changed = differences(sets.new, old)
    assert len(changed) >= 3, f"the new set should differ from the old in several documents: {changed}"
    counts = json.loads(count.read_text("utf-8"))
    # From outside: mostly late (the first half of a warm run is Python importing), the last one near the end.
    points = [f"timed:{seconds * (0.3 + 0.75 * i / max(timed - 1, 1)):.3f}" for i in range(timed)]
    points += [f"fs:{n}" for n in spread(counts["fs"], FS_KILLS)]
    points += [f"sql:{n}" for n in spread(counts["sql"], SQL_KILLS)]
    cleaned: set[tuple[str, ...]] = set()
    outcomes = {point: check_kill(bench, name, point, sets, cleaned) for point in points}
    while True:  # where the set switches between two changes tried, try the ones between them too
        tried = sorted((int(p.partition(":")[2]), o) for p, o in outcomes.items() if p.startswith("fs:"))
        gap = next(((a, b) for (a, x), (b, y) in itertools.pairwise(tried) if x != y and b - a > 1), None)
        if gap is None:
            break
        point = f"fs:{(gap[0] + gap[1]) // 2}"
        outcomes[point] = check_kill(bench, name, point, sets, cleaned)
    assert set(outcomes.values()) == {"old", "new"}, f"the kills should leave both sets: {outcomes}"
    return outcomes


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    """The snapshot: a warm store (both batches in its cache), the old batch's documents with two decisions
    rendered, and a third decision in the store that no document shows yet; the batch folder holds the new batch."""
    bench = Bench(Path(os.path.realpath(tmp_path_factory.mktemp("crash"))))
    make_batch(bench.batch, NEW_BATCH)
    bench.complete("run")  # the one cold run: every later one reads the cache
    (bench.batch / ADDED).unlink()
    make_batch(bench.batch, OLD_BATCH)  # rewrites interviews.csv for the old batch
    bench.complete("run")

    store = Store(bench.out / STORE_NAME)
    try:
        result = load_result(store)
    finally:
        store.close()
    themes = [t for t in result.themes if t.role == ROLE and not t.mentioned_once and len(t.quotes) > 1]
    assert len(themes) >= 2, "the old batch should give the Finance Leader persona two themes with quotes"
    desk = Desk(bench.out)
    try:
        desk.decide(lambda view: None, "Ann Lee", RENAME, ROLE, list(themes[0].statement_ids),
                    {"label": "Month-end close takes too long"}, "renamed a theme")  # fmt: skip
        desk.decide(lambda view: None, "Ann Lee", APPROVE, ROLE, [], {"approved": True}, "approved the persona")
    finally:
        desk.close()
    bench.complete("render")
    imported = bench.root / "imported.jsonl"
    imported.write_text(json.dumps({
        "made": "2026-10-01T09:30:00+00:00", "reviewer": "Jo Rivera", "action": QUOTE_STATUS, "role": ROLE,
        "statement_ids": [themes[1].quotes[0].statement_id], "payload": {"status": "rejected"},
        "summary": "rejected a quote",
    }) + "\n", "utf-8")  # fmt: skip
    process = subprocess.run(
        [sys.executable, "-m", "voiceofbuyer.cli", "decisions", "import", str(imported), "--out", str(bench.out)],
        capture_output=True, text=True, timeout=COMMAND_SECONDS,
    )  # fmt: skip
    assert process.returncode == 0, process.stdout + process.stderr
    assert len(store_state(bench.out)[1]) == 3
    make_batch(bench.batch, NEW_BATCH)
    bench.take_snapshot()
    return bench


@pytest.mark.slow
def test_run_killed_anywhere_leaves_one_whole_set(bench):
    """The new set: the batch with one more interview (a new persona; every shared document changes)."""
    points = kill_everywhere(bench, "run")
    assert 12 <= len(points) <= 25, points


@pytest.mark.slow
def test_render_killed_anywhere_leaves_one_whole_set(bench):
    """The new set: the imported decision applied (a quote rejected)."""
    points = kill_everywhere(bench, "render")
    assert 12 <= len(points) <= 25, points


SMALL_SET = {"index.html": "<p>old</p>", "personas/a.md": "# A, old", "objections.csv": "old"}
LARGER_SET = {
    "index.html": "<p>new</p>", "personas/a.md": "# A, new", "personas/b.md": "# B", "objections.csv": "new",
    "transcripts/call.json": "{}", "transcripts/call.vtt": "WEBVTT",
}  # fmt: skip
"""A set with more top-level names (``transcripts/`` appears when a batch gains a recording) and more files."""


@pytest.mark.parametrize("before, after", [(SMALL_SET, LARGER_SET), (LARGER_SET, SMALL_SET)], ids=["grows", "shrinks"])
def test_a_set_that_gains_or_loses_top_level_names_is_published_whole(tmp_path, before, after):
    """``DocumentSet.publish`` alone, killed after each of its changes to the folder: a top-level name the new set
    adds (or drops) is never missing from (or left over beside) the set a reader sees."""
    bench = Bench(tmp_path)
    bench.set.write_text(json.dumps(before), "utf-8")
    bench.complete("publish")
    bench.take_snapshot()
    bench.set.write_text(json.dumps(after), "utf-8")
    kill_everywhere(bench, "publish", timed=0)


def test_a_document_that_fails_midway_leaves_the_live_set_whole_and_no_unfinished_set(tmp_path):
    """Documents are written as they are made: one that fails (here, the third) removes the unfinished set, and
    readers still see the previous one, byte for byte."""
    from voiceofbuyer.files import DOCUMENTS, DocumentSet

    documents = DocumentSet(tmp_path)
    assert documents.publish((path, text.encode("utf-8")) for path, text in SMALL_SET.items()) == 3
    live = sorted((tmp_path / DOCUMENTS).iterdir())

    def failing():
        yield "index.html", b"<p>new</p>"
        yield "voiceofbuyer.json", iter([b"{", b'"a": 1'])
        raise RuntimeError("a template broke")

    with pytest.raises(RuntimeError):
        documents.publish(failing())
    assert sorted((tmp_path / DOCUMENTS).iterdir()) == live
    assert {path: (tmp_path / path).read_text("utf-8") for path in SMALL_SET} == SMALL_SET
    assert not (tmp_path / "voiceofbuyer.json").exists()


def test_a_second_writer_is_refused_while_the_first_holds_the_folder(first_run, batch, tmp_path, capsys):
    """Two commands on one output folder: the second is one line and exit 2, and it removes nothing of the first's."""
    from voiceofbuyer.cli import main
    from voiceofbuyer.files import sole_writer

    out = tmp_path / "out"
    shutil.copytree(first_run[0], out, symlinks=True)
    with sole_writer(out):
        (out / ".index.html.1a2b3c4d.tmp").write_text("the first writer's file, half-written", "utf-8")
        assert main(["render", "--out", str(out)]) == 2
        assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 2
        assert (out / ".index.html.1a2b3c4d.tmp").exists()
    err = capsys.readouterr().err
    assert err.count("another voiceofbuyer run or render is writing there now") == 2, err
    assert main(["render", "--out", str(out)]) == 0  # released: the next one goes through
    assert not (out / ".index.html.1a2b3c4d.tmp").exists()


def test_ctrl_c_between_the_switch_and_the_record_waits_for_both(first_run, batch, tmp_path, capsys, monkeypatch):
    """Tester 30: Ctrl+C after the documents switched and before the store recorded the run printed "nothing was
    published" while the new set was live, and `render` then put the old set back. It now waits for both, and says so.
    """
    from voiceofbuyer import files
    from voiceofbuyer.cli import main
    from voiceofbuyer.interrupts import HELD_NOTE

    out = tmp_path / "out"
    shutil.copytree(first_run[0], out, symlinks=True)
    runs_before, handler = store_state(out)[2], signal.getsignal(signal.SIGINT)
    record = Store.finish_run

    def ctrl_c_then_record(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return record(self, *args, **kwargs)

    monkeypatch.setattr(Store, "finish_run", ctrl_c_then_record)
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 0
    assert HELD_NOTE in capsys.readouterr().out
    assert store_state(out)[2] > runs_before  # recorded, beside the documents it made
    switched = files._fsync_folder

    def ctrl_c_after_the_switch(folder):
        os.kill(os.getpid(), signal.SIGINT)
        switched(folder)

    monkeypatch.setattr(files, "_fsync_folder", ctrl_c_after_the_switch)
    assert main(["render", "--out", str(out)]) == 0
    assert HELD_NOTE in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) == handler  # Ctrl+C stops the program again
