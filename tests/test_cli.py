"""The command line, in process: every command, its formats, and its errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voiceofbuyer.cli import main
from voiceofbuyer.themes import is_unsure


def test_run_prints_a_summary_and_exits_zero(batch, tmp_path, capsys):
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert "9 interviews" in summary and "Finance Leader: 5 interviews" in summary
    assert "time per stage: parse" in summary and "0 files skipped" in summary


def test_run_exits_one_when_a_file_was_skipped(batch, tmp_path, capsys):
    messy = tmp_path / "messy"
    messy.mkdir()
    for path in batch.iterdir():
        (messy / path.name).write_bytes(path.read_bytes())
    (messy / "empty.txt").write_text("   \n")
    assert main(["run", str(messy), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "skipped: empty.txt" in out and "1 file skipped" in out


def test_broken_config_is_one_clear_line_and_exit_two(batch, tmp_path, capsys):
    config = tmp_path / "voiceofbuyer.toml"
    config.write_text("[clustering\n")
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--config", str(config)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and str(config) in error and "\n" not in error
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "section",
    [
        '[classify]\nbackend = "nosuch.module:Thing"\n',
        '[clustering]\nbackend = "voiceofbuyer.cluster:Nope"\n',
        '[classify]\nencoder = "/nonexistent/encoder"\n',
        '[models]\nembedding = "/nonexistent/model"\n',
        '[classify]\nbackend = "os:path"\n',  # a module, no class
        '[models]\nspacy = "numpy"\n',  # an installed package, but no spaCy pipeline
        '[clustering]\nbackend = "voiceofbuyer.cluster:Clusterer"\n',  # the interface itself: abstract
    ],
)
def test_a_backend_or_encoder_that_cannot_load_stops_the_run_before_any_work(batch, tmp_path, capsys, section):
    config = tmp_path / "voiceofbuyer.toml"
    config.write_text(section)
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--config", str(config), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {config}: [") and "fix:" in error and "\n" not in error
    assert not (tmp_path / "out").exists()  # no store, no documents


def test_a_model_cache_that_cannot_be_made_stops_the_run_before_any_work(batch, tmp_path, capsys, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("VOICEOFBUYER_CACHE", str(tmp_path / "a-file" / "cache"))
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {tmp_path / 'a-file' / 'cache'}: the model cache cannot be written there")
    assert "VOICEOFBUYER_CACHE" in error and "\n" not in error
    assert not (tmp_path / "out").exists()  # no store, no documents


def test_a_spacy_pipeline_that_cannot_load_is_one_line_for_the_run_not_one_per_file(batch, tmp_path, capsys):
    config = tmp_path / "voiceofbuyer.toml"
    config.write_text('[models]\nspacy = "/nonexistent/pipeline"\n')
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--config", str(config), "--quiet"]) == 2
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if "/nonexistent/pipeline" in line]
    assert len(lines) == 1 and lines[0].startswith(f"error: {config}: [models] spacy: '/nonexistent/pipeline'")
    assert "set [models] spacy to" in lines[0] and "fix:" in lines[0]
    assert "could not be split" not in captured.out + captured.err
    assert not (tmp_path / "out").exists()  # found before any work: no store, no documents


def test_a_missing_pipeline_for_a_language_names_that_languages_setting(batch, tmp_path, capsys):
    """It blamed "[models] spacy", which the user had not touched (tester 3)."""
    config = tmp_path / "voiceofbuyer.toml"
    config.write_text('[models.languages]\nde = "de_core_news_sm"\n')
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--config", str(config), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {config}: [models.languages] de: 'de_core_news_sm' is no installed spaCy package")
    assert "set [models.languages] de to" in error and "[models] spacy" not in error


def test_the_batch_folder_is_no_output_folder(batch, capsys):
    before = sorted(p.name for p in batch.iterdir())
    assert main(["run", str(batch), "--out", str(batch / "." / ""), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert "the batch folder itself" in error and "fix:" in error and "\n" not in error
    assert sorted(p.name for p in batch.iterdir()) == before  # no store, no lock among the transcripts


def test_an_output_folder_that_holds_the_batch_folder_is_refused(batch, capsys):
    assert main(["run", str(batch), "--out", str(batch.parent), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "holds the batch folder" in err and "fix:" in err


def test_an_output_folder_holding_the_users_own_files_is_refused_and_they_are_kept(batch, tmp_path, capsys):
    out = tmp_path / "project"
    (out / "transcripts").mkdir(parents=True)
    (out / "transcripts" / "mine.txt").write_text("my notes")
    (out / "index.html").write_text("<p>my page</p>")
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "holds index.html, transcripts, not written by voiceofbuyer" in err
    assert (out / "transcripts" / "mine.txt").read_text() == "my notes"
    assert (out / "index.html").read_text() == "<p>my page</p>"


def test_messages_name_the_fix_for_a_folder_as_config_a_transcript_to_transcribe_and_a_foreign_host(
    batch, first_run, tmp_path, capsys
):
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--config", str(tmp_path), "--quiet"]) == 2
    assert "fix: give --config the path of a voiceofbuyer.toml file" in capsys.readouterr().err
    transcript = next(batch.glob("*.txt"))
    assert main(["transcribe", str(transcript), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "a transcript, not a recording (fix: `voiceofbuyer run` reads it" in capsys.readouterr().err
    assert main(["serve", "--store", str(first_run[0]), "--host", "999.1.1.1"]) == 2
    assert "fix: --host an address of this machine" in capsys.readouterr().out


def test_templates_override_one_file(batch, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "persona.md.j2").write_text("# {{ persona.role }} by our agency\n")
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--templates", str(templates), "--quiet"]) == 0
    assert (tmp_path / "out" / "personas" / "finance-leader.md").read_text() == "# Finance Leader by our agency\n"
    assert "<h1>Finance Leader</h1>" in (tmp_path / "out" / "personas" / "finance-leader.html").read_text()


def test_objections_in_three_formats_ranked_as_in_the_persona(first_run, capsys):
    """Strongest first, the unsure after the sure and points mentioned once last: the persona's own order (the
    battlecards had ranked by counts alone, an unsure objection first and ties the other way round)."""
    out = str(first_run[0])
    assert main(["objections", "--out", out, "--format", "json"]) == 0
    objections = json.loads(capsys.readouterr().out)
    assert objections and all(o["quotes"] for o in objections)
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text("utf-8"))
    themes = {t["id"]: t for t in document["themes"]}
    for persona in document["personas"]:
        section = persona["sections"]["objection"]
        shown = [i for i in section if not themes[i]["mentioned_once"]] + [i for i in section
                                                                            if themes[i]["mentioned_once"]]  # fmt: skip
        assert [o["theme_id"] for o in objections if o["role"] == persona["role"]] == shown
    finance = [o for o in objections if o["role"] == "Finance Leader"]
    sure = [o["raised"] for o in finance if not o["mentioned_once"] and not is_unsure(o["category_confidence"])]
    assert sure == sorted(sure, reverse=True) and [o["rank"] for o in finance] == list(range(1, len(finance) + 1))

    assert main(["objections", "--out", out, "--format", "csv", "--role", "Finance Leader"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["role"] for r in rows} == {"Finance Leader"}

    assert main(["objections", "--out", out, "--role", "IT & Systems Evaluator"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("## IT & Systems Evaluator") and '> "' in markdown


def test_unknown_role_is_an_error_listing_the_roles(first_run, capsys):
    assert main(["objections", "--out", str(first_run[0]), "--role", "Astronaut"]) == 2
    assert "Finance Leader" in capsys.readouterr().err


def test_personas_and_roles_list_the_last_run(first_run, capsys):
    assert main(["personas", "--out", str(first_run[0])]) == 0
    listing = capsys.readouterr().out
    assert "Finance Leader" in listing and "finance-leader.md" in listing
    assert main(["roles", "--out", str(first_run[0])]) == 0
    roles = capsys.readouterr().out
    assert "orbit-erp-manager: Callum Reid, ERP Systems Manager [role from self-introduction]" in roles
    assert "Finance Leader (5 interviews)" in roles


def test_commands_without_a_run_say_how_to_make_one(tmp_path, capsys):
    for command in ("objections", "personas", "roles"):
        assert main([command, "--out", str(tmp_path)]) == 2
        assert "voiceofbuyer run" in capsys.readouterr().err


def test_missing_batch_folder_is_an_error(tmp_path, capsys):
    assert main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_eval_prints_per_class_scores_and_confusion(first_run, capsys):
    assert main(["eval", "--out", str(first_run[0]), "--source", "synthetic"]) == 0
    report = capsys.readouterr().out
    assert "1320 statements" in report and "confusion" in report and "typed" not in report
    for category in ("goal", "pain", "trigger", "objection", "criterion", "other"):
        assert f"\n{category} " in report
    macro = float(next(line for line in report.splitlines() if line.startswith("macro")).split()[1])
    assert macro >= 0.50, "cross-validated macro-F1 regressed"
    matrix = [line.split()[1:] for line in report.split("confusion")[1].splitlines()[2:8]]
    assert sum(int(v) for row in matrix for v in row) == 1320


def test_eval_of_a_missing_spoken_folder_is_an_error_not_an_empty_report(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["eval", "--realworld", str(tmp_path / "nope"), "--source", "spoken", "--out", str(out)]) == 2
    assert "no such folder" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("command", ["run", "objections", "personas", "roles", "eval"])
def test_every_command_has_help(command):
    result = subprocess.run(
        [sys.executable, "-m", "voiceofbuyer.cli", command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "--out" in result.stdout


def test_a_corrupt_store_is_a_clear_error_not_a_traceback(batch, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "voiceofbuyer.sqlite").write_bytes(b"this is not a database" * 100)
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert "voiceofbuyer.sqlite: the store is damaged" in error and "fix:" in error and "decisions" in error
    assert list(out.glob("voiceofbuyer.sqlite.damaged-*")), "a copy is kept before anything replaces it"


def test_transcribe_names_each_unreadable_file_and_a_bad_model_stops_it(tmp_path, capsys):
    missing = tmp_path / "missing.mp3"
    assert main(["transcribe", str(missing), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert f"skipped: {missing.as_posix()}: cannot read the file" in capsys.readouterr().out
    model = tmp_path / "no-model"
    assert main(["transcribe", str(missing), "--model", str(model), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: [transcribe] model {model}: not a CTranslate2 Whisper model directory")
    assert "\n" not in error


def test_transcribe_takes_an_ordinary_folder_as_one_recording_each_never_merged(tmp_path, capsys):
    folder = tmp_path / "calls"
    (folder / "march").mkdir(parents=True)
    (folder / "acme.tracks").mkdir()
    (folder / "a.mp3").write_text("not audio\n")
    (folder / "march" / "b.wav").write_bytes(b"")
    (folder / "acme.tracks" / "Dana.wav").write_bytes(b"")
    (folder / ".hidden.mp3").write_bytes(b"")
    (folder / "notes.txt").write_text("Sam: notes\n")
    os.mkfifo(folder / "pipe.wav")  # read, it would never end
    (tmp_path / "nothing").mkdir()
    assert main(["transcribe", str(folder), str(tmp_path / "nothing"), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    said = capsys.readouterr()
    skipped = [line for line in (said.out + said.err).splitlines() if line.startswith("skipped: ")]
    calls = folder.as_posix()
    assert sorted(line.split(": ")[1] for line in skipped) == [
        f"{calls}/a.mp3",
        f"{calls}/acme.tracks/Dana.wav",
        f"{calls}/march/b.wav",
        f"{calls}/pipe.wav",
        (tmp_path / "nothing").as_posix(),
    ], skipped  # each recording its own job; the .tracks folder one interview; hidden files and transcripts left out
    assert any("nothing: folder with no recording in it" in line for line in skipped)


def test_decisions_move_to_a_fresh_store_and_the_plain_copy_follows(first_run, tmp_path, capsys):
    import shutil

    from voiceofbuyer.store import DECISIONS_FILE, STORE_NAME, Store

    reviewed, fresh = tmp_path / "reviewed", tmp_path / "fresh"
    for folder in (reviewed, fresh):
        folder.mkdir()
        shutil.copy(first_run[0] / STORE_NAME, folder / STORE_NAME)
    store = Store(reviewed / STORE_NAME)
    store.add_decision("2026-12-01T09:00:00+00:00", "Jo Rivera", "approve", "Finance Leader", [], {"approved": True},
                       "approved the Finance Leader persona")  # fmt: skip
    # a second approval in the same second, of another persona: another decision (one was dropped: tester 40)
    store.add_decision("2026-12-01T09:00:00+00:00", "Jo Rivera", "approve", "IT Leader", [], {"approved": True},
                       "approved the IT Leader persona")  # fmt: skip
    store.close()
    exported = tmp_path / "decisions.jsonl"
    assert main(["decisions", "export", str(exported), "--out", str(reviewed)]) == 0
    capsys.readouterr()
    assert main(["decisions", "export", "-", "--out", str(reviewed)]) == 0  # "-": to standard output, for a pipe
    piped = capsys.readouterr()
    assert piped.out == exported.read_text("utf-8") and "2 decisions written to standard output" in piped.err
    assert not (Path.cwd() / "-").exists()
    assert main(["decisions", "import", str(exported), "--out", str(fresh)]) == 0
    assert "2 decisions imported" in capsys.readouterr().out
    lines = (fresh / DECISIONS_FILE).read_text("utf-8").splitlines()
    assert [json.loads(line)["role"] for line in lines] == ["Finance Leader", "IT Leader"]
    assert main(["decisions", "import", str(exported), "--out", str(fresh)]) == 0
    assert "0 decisions imported" in capsys.readouterr().out  # replaying twice adds nothing
    (tmp_path / "broken.jsonl").write_text("not json\n", "utf-8")
    assert main(["decisions", "import", str(tmp_path / "broken.jsonl"), "--out", str(fresh)]) == 2
    assert "not a decisions file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"action": "rename", "payload": {}}', "label: Field required"),  # a rename without its label
        ('{"action": "rename", "payload": {"label": 12345}}', "valid string"),
        ('{"action": "lead", "statement_ids": [], "payload": {}}', "a lead decision is on one statement"),
        ('{"action": "move", "payload": {"category": "gossip"}}', "category"),
        ('{"action": "burn"}', "action"),
        ("null", "a decision is a JSON object"),
    ],
)
def test_a_decisions_file_with_a_bad_line_is_refused_whole(first_run, tmp_path, capsys, line, why):
    """One bad line stored would stop every later run, render and desk on the folder: the file is refused, naming
    the line, and nothing of it is stored."""
    import shutil

    from voiceofbuyer.store import STORE_NAME, Store

    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(first_run[0] / STORE_NAME, out / STORE_NAME)
    good = {"made": "2026-12-01T09:00:00+00:00", "reviewer": "Jo Rivera", "action": "approve",
            "role": "Finance Leader", "statement_ids": [], "payload": {"approved": True}, "summary": ""}  # fmt: skip
    bad = line if line == "null" else json.dumps({**good, "statement_ids": ["x@1"], **json.loads(line)})
    path = tmp_path / "decisions.jsonl"
    path.write_text(json.dumps(good) + "\n" + bad + "\n", "utf-8")
    assert main(["decisions", "import", str(path), "--out", str(out)]) == 2
    error = capsys.readouterr().err.strip()
    assert f"{path}, line 2: not a review decision" in error and why in error and "\n" not in error
    store = Store(out / STORE_NAME)
    assert store.decisions() == []  # not even the good first line
    store.close()
    assert main(["render", "--out", str(out)]) == 0


def test_the_objections_csv_on_screen_is_the_file_byte_for_byte(first_run):
    shown = subprocess.run(
        [sys.executable, "-m", "voiceofbuyer.cli", "objections", "--out", str(first_run[0]), "--format", "csv"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    assert shown == (first_run[0] / "objections.csv").read_bytes()
    assert shown.startswith(b"\xef\xbb\xbf") and b"raised_by" in shown.split(b"\r\n")[0]


def test_a_line_break_in_a_file_name_never_splits_a_note_or_problem_line():
    from voiceofbuyer.report import Problem, RunReport

    report = RunReport(
        notes=["a\nb.txt: buyer inferred"], problems=[Problem("c\rd.txt", "c\rd.txt: empty transcript", True)]
    )
    lines = report.summary().splitlines()
    assert "note: a\\nb.txt: buyer inferred" in lines and "skipped: c\\rd.txt: empty transcript" in lines


def test_files_where_a_document_goes_are_moved_aside_never_deleted(batch, tmp_path, capsys):
    """`transcribe` writes outputs/transcripts/ as a plain folder beside a store; a user may correct a transcript
    there. The next `run` into that folder publishes its pages and keeps the folder, renamed, and says so."""
    out = tmp_path / "out"
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 0
    (out / "transcripts").unlink()
    (out / "transcripts").mkdir()
    (out / "transcripts" / "acme.json").write_text('{"corrected": true}')
    capsys.readouterr()
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 0
    kept = [p for p in out.iterdir() if p.name.startswith("transcripts.kept-")]
    assert len(kept) == 1 and (kept[0] / "acme.json").read_text() == '{"corrected": true}'
    assert (out / "transcripts").is_symlink() and any((out / "transcripts").iterdir())
    assert f"{kept[0].name}: what was at transcripts" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "why"),
    [(None, "cannot be read"), ('{"text": "x", "label": "pain"}\n\nnot json\n', ":3: not JSON"),
     ("\n", "no labelled statement"), ('{"text": "x", "label": "nope"}\n', "unknown label")],
)  # fmt: skip
def test_a_devset_that_cannot_be_scored_is_one_line_exit_two_and_no_store(tmp_path, capsys, content, why):
    devset = tmp_path / "mine.jsonl"
    if content is not None:
        devset.write_text(content)
    assert main(["eval", "--devset", str(devset), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {devset}") and why in error and "fix:" in error and "\n" not in error
    assert not (tmp_path / "out").exists()


def test_exporting_decisions_to_a_folder_is_one_line_and_exit_two(first_run, tmp_path, capsys):
    import shutil

    from voiceofbuyer.store import STORE_NAME

    shutil.copy(first_run[0] / STORE_NAME, tmp_path / STORE_NAME)
    assert main(["decisions", "export", str(tmp_path), "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {tmp_path}: cannot be written") and "fix:" in error and "\n" not in error


def test_a_users_own_files_where_documents_go_are_refused_never_removed(first_run, batch, tmp_path, capsys):
    import shutil

    out = tmp_path / "out"
    (out / ".documents").mkdir(parents=True)
    (out / ".documents" / "notes.txt").write_text("mine")
    (out / ".draft.tmp").write_text("mine too")
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 2
    assert "holds .documents, not written by voiceofbuyer" in capsys.readouterr().err
    assert (out / ".documents" / "notes.txt").read_text() == "mine" and (out / ".draft.tmp").exists()
    assert not (out / "voiceofbuyer.sqlite").exists()

    done = tmp_path / "done"
    shutil.copytree(first_run[0], done, symlinks=True)
    (done / ".draft.tmp").write_text("mine too")
    assert main(["run", str(batch), "--out", str(done / "personas"), "--quiet"]) == 2  # inside the documents
    assert "inside the documents of another output folder" in capsys.readouterr().err
    assert main(["transcribe", str(tmp_path / "x.wav"), "--out", str(done), "--quiet"]) == 2
    assert "holds `voiceofbuyer run`'s documents" in capsys.readouterr().err
    assert main(["run", str(batch), "--out", str(done), "--quiet"]) == 0
    assert (done / ".draft.tmp").read_text() == "mine too"  # a file the tool did not write is never cleaned up


def test_a_devset_of_one_interview_is_too_small_to_score_and_says_so(tmp_path, capsys):
    devset = tmp_path / "one.jsonl"
    devset.write_text(
        '{"question": "What hurts?", "text": "We pay invoices twice every month.", "label": "pain", "interview": "a"}\n'
    )
    assert main(["eval", "--devset", str(devset), "--source", "yours", "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {devset}: 1 statements of one interview: too few to score") and "fix:" in error


def test_a_file_name_with_a_line_break_is_refused_in_one_line_and_nothing_written(tmp_path, capsys):
    """Its pages could not be linked to (tester 40); before, the run read it and `roles` printed it escaped."""
    import shutil

    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(Path(__file__).parents[1] / "transcripts" / "northwind-cfo.txt", batch / "north\nwind.txt")
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    said = capsys.readouterr()
    lines = [line for line in (said.out + said.err).splitlines() if "north" in line]
    assert lines and lines[0].startswith("skipped: north\\nwind.txt: its name holds a line break")
    assert not (tmp_path / "out" / "voiceofbuyer.json").exists()


def test_ctrl_c_while_the_libraries_load_is_one_line_not_a_traceback(monkeypatch, capsys):
    """The command's first seconds import its libraries; Ctrl+C there is answered like Ctrl+C later (tester M)."""
    import builtins

    import voiceofbuyer

    real_import = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "cli":  # `from .cli import main`
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    assert voiceofbuyer.main() == 2
    assert capsys.readouterr().err.strip() == voiceofbuyer.INTERRUPTED


def test_ctrl_c_on_the_desk_closes_it_and_says_the_decisions_are_saved(monkeypatch, capsys, tmp_path):
    """Tester 30: stopping `serve` with Ctrl+C printed the run's "nothing was published" line, and exit 2."""
    from voiceofbuyer import cli

    def stopped(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_serve", stopped)
    assert cli.main(["serve", "--store", str(tmp_path)]) == 0
    assert capsys.readouterr().err.strip() == "stopped: the review desk is closed; every decision made is saved"


def test_a_command_that_reads_a_run_takes_its_folder_as_store_or_out(first_run, capsys):
    """`run` ends with "voiceofbuyer serve --store OUT": `objections --store OUT` read nothing (tester 43)."""
    out = str(first_run[0])
    assert main(["objections", "--store", out, "--format", "json"]) == 0
    by_store = capsys.readouterr().out
    assert main(["objections", "--out", out, "--format", "json"]) == 0
    assert json.loads(by_store) and capsys.readouterr().out == by_store
    assert main(["personas", "--store", out]) == 0 and "Finance Leader" in capsys.readouterr().out
    # or the store file itself (tester 44: the fix offered was to write a run into the file's path)
    assert main(["roles", "--store", str(first_run[0] / "voiceofbuyer.sqlite")]) == 0
    assert "Finance Leader" in capsys.readouterr().out
