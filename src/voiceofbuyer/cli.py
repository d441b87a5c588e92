"""The ``voiceofbuyer`` command: thin commands over the pipeline, the transcription stage and the store.

Exit codes: 0 all went through; 1 some input files were skipped (the rest was processed); 2 the run could
not start or was stopped (broken config, evidence audit failure, no results yet).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from .config import DEVICES, TranscribeConfig, find_config, load_config
from .errors import AuditError, ConfigError, StoreError
from .store import STORE_NAME, Store

if TYPE_CHECKING:
    from .review import Review

DEFAULT_OUT = Path("outputs")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voiceofbuyer",
        description="Turn B2B buyer interviews into persona documents in the buyer's own voice, offline.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="process a folder of interviews into personas and objection lists")
    run.add_argument(
        "batch", type=Path, metavar="DIR", help="folder of transcripts and recordings (searched recursively)"
    )
    run.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: outputs/)")
    run.add_argument("--config", type=Path, help="voiceofbuyer.toml (default: DIR/ or ./voiceofbuyer.toml)")
    run.add_argument("--templates", type=Path, help="folder of Jinja2 templates overriding the defaults")
    run.add_argument("--quiet", action="store_true", help="no progress bars")

    transcribe = commands.add_parser(
        "transcribe", help="transcribe recordings into JSON transcripts and .vtt files you can correct by hand"
    )
    transcribe.add_argument("files", type=Path, nargs="+", metavar="FILE", help="audio or video recordings")
    transcribe.add_argument("--model", help="'bundled', a CTranslate2 Whisper directory, or a model name (online)")
    transcribe.add_argument("--device", choices=DEVICES, help="default: auto (CUDA when a GPU is there)")
    transcribe.add_argument("--language", help="spoken language (default: en)")
    transcribe.add_argument("--speakers", type=int, metavar="N", help="speakers per recording (default: estimate)")
    transcribe.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: outputs/)")
    transcribe.add_argument("--config", type=Path, help="voiceofbuyer.toml (default: ./voiceofbuyer.toml)")
    transcribe.add_argument("--quiet", action="store_true", help="no progress bar")

    objections = commands.add_parser("objections", help="print the last run's objection list")
    objections.add_argument("--role", help="only this role (see `voiceofbuyer roles`)")
    objections.add_argument("--format", choices=("md", "csv", "json"), default="md")
    objections.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder of the run")

    personas = commands.add_parser("personas", help="list the personas of the last run")
    personas.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder of the run")

    roles = commands.add_parser("roles", help="list the buyer roles of the last run and how each was found")
    roles.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder of the run")

    render = commands.add_parser("render", help="re-render the documents from the store, with review decisions")
    render.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder of the run")
    render.add_argument("--templates", type=Path, help="folder of Jinja2 templates overriding the defaults")

    serve = commands.add_parser("serve", help="the review desk: a local web app to review and approve personas")
    serve.add_argument("--store", type=Path, default=DEFAULT_OUT, help="output folder of the run (default: outputs/)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--templates", type=Path, help="document templates for the exports (as for `run`)")

    evaluate = commands.add_parser("eval", help="score the statement classifier on the labelled development set")
    evaluate.add_argument("--devset", type=Path, help="JSONL with question, text, label (default: shipped set)")
    evaluate.add_argument("--config", type=Path, help="voiceofbuyer.toml (default: ./voiceofbuyer.toml)")
    evaluate.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the store used as cache")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {
            "run": _run,
            "transcribe": _transcribe,
            "objections": _objections,
            "personas": _personas,
            "roles": _roles,
            "eval": _eval,
            "render": _render,
            "serve": _serve,
        }[args.command](args)
    except (ConfigError, AuditError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from .pipeline import run

    if not args.batch.is_dir():
        print(f"error: {args.batch}: not a folder (fix: give the folder that holds the transcripts)", file=sys.stderr)
        return 2
    if _templates_missing(args.templates):
        return 2
    config = load_config(find_config(args.batch, args.config))
    report = run(args.batch, args.out, config, args.templates, show_progress=not args.quiet)
    print(report.summary())
    return 1 if report.failed else 0


def _templates_missing(templates: Path | None) -> bool:
    if templates is not None and not templates.is_dir():
        print(f"error: {templates}: templates folder not found (fix: check --templates)", file=sys.stderr)
        return True
    return False


def _transcribe(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .asr import WhisperRecognizer
    from .pipeline import TRANSCRIBE_BAR
    from .transcribe import Job, transcribe_all

    config = load_config(find_config(Path.cwd(), args.config))
    options = {"model": args.model, "device": args.device, "language": args.language, "speakers": args.speakers}
    try:
        settings = TranscribeConfig.model_validate(
            {**config.transcribe.model_dump(), **{key: value for key, value in options.items() if value is not None}}
        )
    except ValidationError as error:
        raise ConfigError("options: " + "; ".join(f"--{e['loc'][0]}: {e['msg']}" for e in error.errors())) from error
    recognizer = WhisperRecognizer(settings)  # a bad model or device stops here, before any work
    jobs: dict[str, Job] = {}
    for path in args.files:
        source = path.as_posix()
        if path.stem in {job.id for job in jobs.values()}:
            print(f"skipped: {source}: same name as another file given (fix: rename one of them)", file=sys.stderr)
            continue
        jobs[source] = Job(path, source, path.stem)
    store = Store(args.out / STORE_NAME)
    try:
        with tqdm(total=0, desc="transcribe", bar_format=TRANSCRIBE_BAR, disable=args.quiet) as bar:
            outcome = transcribe_all(list(jobs.values()), args.out, settings, store, bar, recognizer)
    finally:
        store.close()
    for source, path in outcome.transcripts.items():
        print(f"{source}: {path} and {path.with_suffix('.vtt').name}")
    for note in outcome.notes:
        print(f"note: {note}")
    for problem in outcome.problems:
        print(f"{'skipped' if problem.skipped else 'warning'}: {problem.message}")
    return 1 if len(outcome.transcripts) < len(args.files) else 0


def _open_store(out: Path) -> Store | None:
    path = out / STORE_NAME
    if not path.is_file():
        print(f"error: {path}: no run found (fix: run `voiceofbuyer run DIR --out {out}` first)", file=sys.stderr)
        return None
    return Store(path)


def _review(out: Path) -> tuple[Review, Path] | None:
    """The last run's result with the review decisions applied, and its batch folder; None (said) without a run."""
    from .results import load_result
    from .review import apply_decisions, decisions_of

    store = _open_store(out)
    if store is None:
        return None
    try:
        review = apply_decisions(load_result(store), decisions_of(store))
        return review, Path(store.last_run()["batch"])  # type: ignore[index]
    finally:
        store.close()


def _objections(args: argparse.Namespace) -> int:
    from .render import objection_list, objections_csv, objections_markdown, theme_document

    reviewed = _review(args.out)
    if reviewed is None:
        return 2
    result = reviewed[0].result
    known_roles = {p.role for p in result.personas}
    if args.role and args.role not in known_roles:
        print(f"error: no role {args.role!r}; roles: {', '.join(sorted(known_roles))}", file=sys.stderr)
        return 2
    objections = objection_list([theme_document(t) for t in result.themes], args.role)
    if args.format == "json":
        print(json.dumps(objections, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(objections_csv(objections).decode("utf-8").lstrip("\ufeff"))
    else:
        print(objections_markdown(objections) if objections else "No objections found.")
    return 0


def _personas(args: argparse.Namespace) -> int:
    reviewed = _review(args.out)
    if reviewed is None:
        return 2
    result = reviewed[0].result
    themes = Counter(t.role for t in result.themes if not t.mentioned_once)
    print(f"{'role':<32} {'interviews':>10} {'companies':>9} {'themes':>6}  {'approved by':<24} file")
    for p in result.personas:
        path = args.out / "personas" / f"{p.slug}.md"
        approval = f"{p.approved_by} {p.approved_on}" if p.approved_by else "—"
        print(f"{p.role:<32} {len(p.interviews):>10} {len(p.companies):>9} {themes[p.role]:>6}  {approval:<24} {path}")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .audit import audit_result
    from .render import render_documents, template_environment, write_documents

    if _templates_missing(args.templates):
        return 2
    reviewed = _review(args.out)
    if reviewed is None:
        return 2
    review, batch = reviewed
    config = load_config(find_config(batch, None))
    quotes = audit_result(review.result, config.segment.fillers)
    files = render_documents(review.result, args.out, batch, template_environment(args.templates))
    write_documents(args.out, files)
    print(
        f"{len(files)} files written to {args.out}; {len(review.outcomes) - review.gone} review decisions applied"
        f"{f', {review.gone} no longer apply' if review.gone else ''}; {quotes} quotes audited"
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .web import serve

    if _templates_missing(args.templates):
        return 2
    from .results import load_result

    store = _open_store(args.store)
    if store is None:
        return 2
    try:
        load_result(store)  # a store without a finished run, or from an older version, fails here in one line
    finally:
        store.close()
    return serve(args.store, args.host, args.port, args.templates)


def _roles(args: argparse.Namespace) -> int:
    store = _open_store(args.out)
    if store is None:
        return 2
    interviews = store.interviews()
    store.close()
    by_role: dict[str, list[dict]] = {}
    for interview in interviews:
        by_role.setdefault(interview["buyer"]["role"], []).append(interview)
    for role in sorted(by_role):
        members = by_role[role]
        print(f"{role} ({len(members)} interview{'s' if len(members) != 1 else ''})")
        for interview in members:
            buyer = interview["buyer"]
            title = f", {buyer['title']}" if buyer["title"] else ""
            print(f"  {interview['id']}: {buyer['name'] or '?'}{title} [role from {buyer['role_source']}]")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from . import classify as classifier_stage
    from .pipeline import evaluate_devset

    config = load_config(find_config(Path.cwd(), args.config))
    devset = classifier_stage.read_labelled(args.devset, classifier_stage.DEVSET)
    evaluation = evaluate_devset(devset, config, args.out)
    print(
        f"development set: {len(devset)} statements ({args.devset or 'shipped'}); "
        "cross-validated by interview (7 folds, each scored by a model that never saw its interview)"
    )
    print(evaluation.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
