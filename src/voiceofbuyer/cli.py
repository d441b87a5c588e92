"""The ``voiceofbuyer`` command: thin commands over the pipeline, the transcription stage and the store.

Exit codes (``report``): 0 everything went through; 1 some inputs were skipped, the rest written; 2 nothing was
written (bad arguments, config or store, no readable interview, a failed evidence audit), the previous results
untouched; 3 an unexpected internal error, its traceback in ``voiceofbuyer-error.log`` in the output folder.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import traceback
from pathlib import Path

from pydantic import ValidationError

from . import INTERRUPTED, __version__, cli_store
from .config import DEVICES, TranscribeConfig, find_config, load_config
from .errors import AuditError, ConfigError, InputError, NoInterviews, StoreError
from .files import DOCUMENTS, TRANSCRIPTS_DIR, foreign_entries, inside_documents
from .report import INTERNAL_ERROR, NOTHING_WRITTEN, one_line, problem_line
from .store import DECISIONS_FILE, STORE_NAME, Store

DEFAULT_OUT = Path("outputs")
REALWORLD = Path("../shared/realworld")
REALWORLD_AI = Path("../shared/realworld-ai")
CRASH_LOG = "voiceofbuyer-error.log"
SOURCES = ("synthetic", "typed", "b2b", "spoken", "yours")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voiceofbuyer",
        description="Turn B2B buyer interviews into persona documents in the buyer's own voice, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="process a folder of interviews into personas and objection lists")
    run.add_argument(
        "batch", type=Path, metavar="DIR", help="folder of transcripts and recordings (searched recursively)"
    )
    run.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: outputs/)")
    run.add_argument("--config", type=Path, help="voiceofbuyer.toml (default: DIR/ or ./voiceofbuyer.toml)")
    run.add_argument("--templates", type=Path, help="folder of Jinja2 templates overriding the defaults")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.add_argument(
        "--engine", choices=("local", "ray"), default="local",
        help="where statements and vectors are computed: this process (default) or a Ray cluster",
    )  # fmt: skip
    run.add_argument("--address", default="", help="with --engine ray: the cluster (default: start a local one)")

    transcribe = commands.add_parser(
        "transcribe", help="transcribe recordings into JSON transcripts and .vtt files you can correct by hand"
    )
    transcribe.add_argument(
        "files", type=Path, nargs="+", metavar="FILE",
        help="audio or video recordings, or a NAME.tracks folder of one recording per participant",
    )  # fmt: skip
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
    _run_folder(objections)

    personas = commands.add_parser("personas", help="list the personas of the last run")
    _run_folder(personas)

    roles = commands.add_parser("roles", help="list the buyer roles of the last run and how each was found")
    _run_folder(roles)

    render = commands.add_parser("render", help="re-render the documents from the store, with review decisions")
    _run_folder(render)
    render.add_argument("--templates", type=Path, help="folder of Jinja2 templates overriding the defaults")

    serve = commands.add_parser("serve", help="the review desk: a local web app to review and approve personas")
    _run_folder(serve, "store")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=_port, default=8000, help="port, 1-65535 (default: 8000)")
    serve.add_argument("--templates", type=Path, help="document templates for the exports (as for `run`)")

    decisions = commands.add_parser("decisions", help="export or import the review decisions of a store")
    decisions.add_argument("action", choices=("export", "import"))
    decisions.add_argument("file", type=Path, metavar="FILE", help="decisions.jsonl; - : to standard output (export)")
    _run_folder(decisions)

    evaluate = commands.add_parser("eval", help="score the statement classifier on real and sample labelled sets")
    evaluate.add_argument("--devset", type=Path, help="your own JSONL (question, text, label, interview), scored too")
    evaluate.add_argument(
        "--realworld", type=Path, default=REALWORLD, help=f"the spoken transcripts (default: {REALWORLD})"
    )
    evaluate.add_argument(
        "--source", action="append", choices=SOURCES, help="score only these sources (default: all; repeatable)"
    )
    evaluate.add_argument(
        "--roles", action="store_true", help="score the role stage instead: job functions of hand-labelled participants"
    )
    evaluate.add_argument(
        "--realworld-ai", type=Path,
        help=f"with --roles: the typed interviews (default: {REALWORLD_AI} if there, else their shipped first answers)",
    )  # fmt: skip
    evaluate.add_argument("--config", type=Path, help="voiceofbuyer.toml (default: ./voiceofbuyer.toml)")
    evaluate.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the store used as cache")
    return parser


def _run_folder(command: argparse.ArgumentParser, dest: str = "out") -> None:
    """The run's output folder, read by a command that reads a run: ``--out`` as `run` writes it, or ``--store`` as
    `run` tells to open the desk with (tester 43: "objections --store" was refused, "serve --out" too)."""
    help = "output folder of the run, or its voiceofbuyer.sqlite (default: outputs/; --out and --store are the same)"
    command.add_argument("--out", "--store", dest=dest, type=_run_folder_of, default=DEFAULT_OUT, help=help)


def _run_folder_of(value: str) -> Path:
    """The folder a run wrote, given as itself or as its store file (``--store out/voiceofbuyer.sqlite``: tester 44)."""
    path = Path(value)
    return path.parent if path.name == STORE_NAME and not path.is_dir() else path


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1-65535)")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); its exit code. Errors the user can fix print one
    line; an unexpected one also writes a crash log."""
    args = _parser().parse_args(argv)
    try:
        return {
            "run": _run,
            "transcribe": _transcribe,
            "objections": cli_store.show_objections,
            "personas": cli_store.show_personas,
            "roles": cli_store.show_roles,
            "eval": _eval,
            "render": _render,
            "serve": _serve,
            "decisions": cli_store.exchange_decisions,
        }[args.command](args)
    except NoInterviews as error:
        for problem in error.problems:
            print(problem_line(problem), file=sys.stderr)
        print(f"error: {error}", file=sys.stderr)
        return NOTHING_WRITTEN
    except (ConfigError, AuditError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return NOTHING_WRITTEN
    except BrokenPipeError:  # the reader went away (`... | head`): what it read was whole, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        # the desk writes each decision as it is made: stopping it loses none (tester 30: it said "nothing was
        # published")
        stopped = "stopped: the review desk is closed; every decision made is saved" if args.command == "serve" else ""
        print(stopped or INTERRUPTED, file=sys.stderr)
        return 0 if stopped else NOTHING_WRITTEN
    except Exception as error:  # a bug: one line on screen, the traceback in a file the user can send
        log = _crash_log(args)
        print(
            f"error: unexpected internal error ({type(error).__name__}: {str(error)[:200]}); the previous results are "
            f"whole; details in {log} (please report it with that file)",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _crash_log(args: argparse.Namespace) -> Path:
    """Where the traceback of an unexpected error is written: the output folder, else the temporary folder."""
    folder = getattr(args, "out", None) or getattr(args, "store", None) or Path(tempfile.gettempdir())
    text = f"voiceofbuyer {__version__}, {' '.join(sys.argv)}\n{traceback.format_exc()}"
    for candidate in (Path(folder), Path(tempfile.gettempdir())):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            (candidate / CRASH_LOG).write_text(text, "utf-8")
            return candidate / CRASH_LOG
        except OSError:
            continue
    return Path(CRASH_LOG)


def _run(args: argparse.Namespace) -> int:
    from . import components
    from .engine import make_engine
    from .pipeline import run

    if not args.batch.is_dir():
        print(f"error: {args.batch}: not a folder (fix: give the folder that holds the transcripts)", file=sys.stderr)
        return 2
    try:
        os.listdir(args.batch)
    except OSError as error:
        print(f"error: {args.batch}: folder cannot be read ({error.strerror}) (fix: make it readable)", file=sys.stderr)
        return 2
    if _templates_missing(args.templates):
        return 2
    if args.out.resolve() == args.batch.resolve():
        print(f"error: --out {args.out}: the batch folder itself (the store and documents would sit among the "
              "transcripts) (fix: give another --out, e.g. the default outputs/)", file=sys.stderr)  # fmt: skip
        return 2
    if args.batch.resolve().is_relative_to(args.out.resolve()):
        print(f"error: --out {args.out}: holds the batch folder {args.batch} (its documents would sit around the "
              "transcripts, and the run would read nothing) (fix: give an --out outside the batch folder, e.g. "
              "outputs/ beside it)", file=sys.stderr)  # fmt: skip
        return 2
    if inside_documents(args.out):
        print(f"error: --out {args.out}: inside the documents of another output folder, which its next run replaces "
              "(fix: give a folder of its own as --out)", file=sys.stderr)  # fmt: skip
        return 2
    foreign = foreign_entries(args.out, STORE_NAME)
    if foreign:
        print(f"error: --out {args.out}: holds {', '.join(foreign)}, not written by voiceofbuyer, which the documents "
              "would replace (fix: give a new or empty folder as --out, or move them)", file=sys.stderr)  # fmt: skip
        return 2
    if args.address and args.engine != "ray":
        print(f"error: --address {args.address}: only with --engine ray (fix: add --engine ray)", file=sys.stderr)
        return 2
    config = load_config(find_config(args.batch, args.config))
    components.check(config)
    engine = make_engine(args.engine, args.address)
    try:
        report = run(args.batch, args.out, config, args.templates, show_progress=not args.quiet, engine=engine)
    finally:
        engine.close()
    print(report.summary())
    return report.exit_code


def _templates_missing(templates: Path | None) -> bool:
    if templates is not None and not templates.is_dir():
        print(f"error: {templates}: templates folder not found (fix: check --templates)", file=sys.stderr)
        return True
    return False


def _transcribe(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .audio.asr import WhisperRecognizer
    from .audio.transcribe import Job, transcribe_all
    from .ingest import TRANSCRIPT_SUFFIXES
    from .ingest.recordings import RECORDING_SUFFIXES, TRACKS_SUFFIX, recordings_in
    from .pipeline import TRANSCRIBE_BAR

    pages = args.out / TRANSCRIPTS_DIR
    if inside_documents(args.out) or (pages.is_symlink() and os.readlink(pages).startswith(DOCUMENTS)):
        print(f"error: --out {args.out}: holds `voiceofbuyer run`'s documents, whose {TRANSCRIPTS_DIR}/ the next run "
              "replaces, corrected transcripts with them (fix: give transcribe another --out, e.g. transcribed/; "
              "a corrected transcript goes beside its recording)", file=sys.stderr)  # fmt: skip
        return 2
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
    given, empty = [], 0
    for path in args.files:
        if not path.is_dir() or path.suffix.lower() == TRACKS_SUFFIX:
            given.append(path)
            continue
        # An ordinary folder is a folder of recordings, each its own interview (only NAME.tracks is one interview).
        inside = recordings_in(path)
        given += inside
        if not inside:
            empty += 1
            error = InputError(
                path.as_posix(),
                "folder with no recording in it",
                fix=f"give recordings ({', '.join(RECORDING_SUFFIXES)}) or a folder holding them",
            )
            print(f"skipped: {one_line(str(error))}", file=sys.stderr)
    for path in given:
        source = path.as_posix()
        if path.exists() and not path.is_dir() and not path.is_file():  # read, a pipe or a device never ends
            print(f"skipped: {one_line(source)}: not a file (a pipe, socket or device) (fix: give the recording "
                  "itself)", file=sys.stderr)  # fmt: skip
            continue
        if path.stem in {job.id for job in jobs.values()}:
            print(f"skipped: {source}: same name as another file given (fix: rename one of them)", file=sys.stderr)
            continue
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES:
            print(f"skipped: {source}: a transcript, not a recording (fix: `voiceofbuyer run` reads it from its "
                  "folder; `transcribe` takes recordings)", file=sys.stderr)  # fmt: skip
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
        print(f"note: {one_line(note)}")
    for problem in outcome.problems:
        print(problem_line(problem))
    return 1 if empty or len(outcome.transcripts) < len(given) else 0


def _render(args: argparse.Namespace) -> int:
    from . import components
    from .audit import audit_result
    from .compare import compare_roles
    from .files import DocumentSet, sole_writer
    from .interrupts import HELD_NOTE, InterruptHold
    from .render import recording_transcripts, render_documents, template_environment

    if _templates_missing(args.templates):
        return 2
    reviewed = cli_store.reviewed_result(args.out)
    if reviewed is None:
        return 2
    review, batch, config_source = reviewed
    # The run's own config (its filler words decide what the audit accepts), when it is still there.
    used = Path(config_source) if config_source != "defaults" and Path(config_source).is_file() else None
    config = load_config(used or find_config(batch, None))
    quotes = audit_result(review.result, config.segment.fillers)
    documents = DocumentSet(args.out)
    with sole_writer(args.out):
        store = Store(args.out / STORE_NAME)
        similarity = config.personas.shared_similarity
        try:  # the run's vectors, from the store (the embedder loads only for a text it has not seen)
            comparison = (compare_roles(review.result, components.vectors(config, store).get, similarity), similarity)
            if store.decisions():  # the plain copy comes back where it was deleted (tester 40)
                store.export_decisions(args.out / DECISIONS_FILE)
        finally:
            store.close()
        files = render_documents(review.result, args.out, batch, template_environment(args.templates), comparison)
        documents.clean()
        with InterruptHold() as hold:
            documents_made = itertools.chain(files, recording_transcripts(args.out, review.result.interviews))
            written = documents.publish(documents_made, hold)
    if hold.caught:
        print(HELD_NOTE, file=sys.stderr)
    print(
        f"{written} files written to {args.out}; {len(review.outcomes) - review.gone} review decisions applied"
        f"{f', {review.gone} no longer apply' if review.gone else ''}; {quotes} quotes audited"
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .web import serve

    if _templates_missing(args.templates):
        return 2
    from .results import load_result

    store = cli_store.open_store(args.store)
    if store is None:
        return 2
    try:
        load_result(store)  # a store without a finished run, or from an older version, fails here in one line
    finally:
        store.close()
    return serve(args.store, args.host, args.port, args.templates)


def _eval(args: argparse.Namespace) -> int:
    from .classify.evaluate import evaluate_builtin

    config = load_config(find_config(Path.cwd(), args.config))
    if args.devset is not None:
        from .classify.labelled import read_labelled

        read_labelled(args.devset)  # a file that cannot be scored stops here, before a store is made
    if not args.roles and args.source == ["spoken"] and not args.realworld.is_dir():
        raise ConfigError(f"--realworld {args.realworld}: no such folder, so nothing to score (fix: the folder of "
                          "the spoken transcripts, e.g. ../shared/realworld)")  # fmt: skip
    store = Store(args.out / STORE_NAME)
    try:
        from . import components

        if args.roles:
            from .role_agreement import function_agreement, labelled_interviews

            if args.realworld_ai is not None and not args.realworld_ai.is_dir():
                raise ConfigError(f"--realworld-ai {args.realworld_ai}: no such folder (fix: the folder of the "
                                  "AnthropicInterviewer dialogs, e.g. ../shared/realworld-ai)")  # fmt: skip
            interviews, data = labelled_interviews(args.realworld_ai or REALWORLD_AI)
            print(function_agreement(interviews, components.vectors(config, store), data=data).report())
            return 0
        vectors = components.classifier_vectors(config, store, components.vectors(config, store))
        print(evaluate_builtin(vectors, args.realworld, args.devset, args.source))
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
