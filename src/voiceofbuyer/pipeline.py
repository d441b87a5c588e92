"""Runs the stages in order, reusing what the store already has; orchestration only.

transcribe (recordings only) → parse → people (sides, titles) and segment, overlapped → people (roles) → embed →
classify → cluster → themes → personas → review decisions → audit → publish. The components come from
``components``; every expensive stage is keyed by content in the store, so an unchanged batch re-runs from cache
without loading a model and a new interview costs only its own statements.

Nothing is lost: an interview that fails in any stage is skipped with one line naming it, the rest goes on; a run
with no readable interview, or whose evidence audit fails, publishes nothing; the documents are published as one
set (``files.DocumentSet``), so a killed run leaves the previous set whole; the store records a run as finished
only once its documents are in place.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import numpy as np

from . import components
from .audit import audit_result
from .cluster import cluster_pools
from .coherence import refine
from .compare import compare_roles
from .config import Config
from .decision_rows import decisions_of, restore_decisions, reviewer_examples
from .engine import Engine, LocalEngine, Work
from .errors import NoInterviews
from .files import WORK, DocumentSet, sole_writer
from .following import REPLACED, follow
from .ingest import Problem, read_batch, recordings_to_transcribe
from .interrupts import HELD_NOTE, InterruptHold
from .people import People, each_buyer, not_analysed, settle_roles
from .personas import build_personas
from .persons import repeat_interviewees
from .records import (
    CATEGORIES,
    BuyerProfile,
    Interview,
    Quote,
    RunResult,
    SpeakerRoles,
    Statement,
    Theme,
)
from .render import recording_transcripts, render_documents, template_environment
from .repeats import without_repeats
from .report import TRANSCRIBE_BAR, RunReport, Stages
from .results import result_rows
from .review import apply_decisions
from .schema import from_json, to_json
from .segment import Segmenter
from .store import DECISIONS_FILE, STORE_NAME, Store, text_hash
from .theme_titles import distinct_labels, never_in_titles, title_candidates
from .themes import build_themes, quote_of, said_at, speaker_key, theme_rank
from .verdicts import classify_statements, refit_moves

_CACHE_GROUP = 16
"""Interviews whose cached statements are read at once (the first are sent to the workers once that many are read)."""


def run(
    batch_dir: Path,
    out_dir: Path,
    config: Config,
    templates: Path | None = None,
    show_progress: bool = True,
    engine: Engine | None = None,
) -> RunReport:
    """Process the batch in ``batch_dir`` into documents under ``out_dir``; ``engine``: where segmentation and
    embedding run (default: this process, ``LocalEngine()``; the outputs are the same whichever runs them).

    Raises ``NoInterviews`` (nothing readable: nothing written), ``AuditError`` (a quote is not its source: nothing
    written), ``ConfigError`` and ``StoreError``; a bad input file is a ``Problem`` in the report, never an error.
    """
    with sole_writer(out_dir):
        return _run(batch_dir, out_dir, config, templates, show_progress, engine or LocalEngine())


def _run(
    batch_dir: Path, out_dir: Path, config: Config, templates: Path | None, show_progress: bool, engine: Engine
) -> RunReport:
    report = RunReport(out_dir=str(out_dir))
    stages = Stages(report, show_progress)
    env = template_environment(templates)  # fail on a broken template folder before any work
    documents = DocumentSet(out_dir)
    store = Store(out_dir / STORE_NAME)
    try:
        if documents.clean():
            report.notes.append("removed what an interrupted run had left; the previous documents were whole")
        restored = restore_decisions(store, out_dir / DECISIONS_FILE)
        if restored:
            report.notes.append(restored)
        run_id = store.start_run(_now(), str(batch_dir.resolve()), config.source)
        transcripts = _transcribe(batch_dir, out_dir, config, store, stages, report, engine)
        with stages.stage("parse", 1, unit="batch") as bar:
            batch = read_batch(batch_dir, transcripts, excluded=(out_dir,), read_all=engine.read)
            bar.update(1)
        report.problems.extend(batch.problems)
        vectors = components.vectors(config, store, engine)
        segmenter = components.segmenter(config)
        # An interview in a language no pipeline is named for is left out whole, not counted empty in a persona.
        report.problems.extend(not_analysed(i) for i in batch.interviews if not segmenter.model_for(i.language))
        interviews = _readable([i for i in batch.interviews if segmenter.model_for(i.language)], batch_dir, report)
        people = People()
        with stages.stage("segment", len(interviews), unit="interview") as bar:
            # Each interview's sides are read here while the engine's workers split those read before: the two
            # overlap on a pool of processes.
            buyers = each_buyer(interviews, config, vectors, people)
            heard, statements, unsegmented = _segment(buyers, people.speakers, segmenter, engine, store, bar.update)
        with stages.stage("people", len(heard), unit="interview") as bar:
            settle_roles(heard, config, vectors, people)
            bar.update(len(heard))
        report.problems.extend(people.problems + unsegmented)
        report.notes.extend(people.notes)
        interviews = _readable(heard, batch_dir, report)
        if config.segment.skip_repeats:
            statements, repeated = without_repeats(statements, {i.id: i.source for i in interviews})
            report.problems.extend(repeated)
        # A buyer who said nothing that stands ("Thank you.", a muted recording's "you") gives no voice to a persona:
        # one line says so, instead of the warnings about its role.
        empty = [i.source for i in interviews if i.id in statements and not statements[i.id]]
        report.problems = [p for p in report.problems if p.path not in empty] + [Problem(source, f"{source}: not one "
            "statement of the buyer's is left after clean-up: left out (fix: check it is the right file)", skipped=True)
            for source in empty]  # fmt: skip
        interviews = _readable([i for i in interviews if statements.get(i.id)], batch_dir, report)
        statements_list = [s for i in interviews for s in statements[i.id]]
        texts = [s.text for s in statements_list] + [s.question for s in statements_list if s.question]
        with stages.stage("embed", len(set(texts)), unit="text") as bar:
            vectors.compute(texts, bar)  # into the store: each later stage reads back only what it is using
        # A transcript renamed, moved or edited since the last run keeps its review decisions (``following``).
        followed = follow(store, out_dir / DECISIONS_FILE, {i.id: i.sha256 for i in interviews}, statements_list)
        renamed, shifted, edited = followed.renamed, followed.shifted, followed.edited
        decisions = decisions_of(store, followed.ids)
        with stages.stage("classify", len(statements_list), unit="statement") as bar:
            reviewed = reviewer_examples(decisions, statements_list)
            languages = {i.id: i.language for i in interviews}
            verdicts = classify_statements(statements_list, config, vectors, store, reviewed, languages)
            report.notes.extend(refit_moves(statements_list, verdicts, config, vectors, store, reviewed, languages))
            bar.update(len(statements_list))
        by_interview = {i.id: i for i in interviews}
        profiles = {i.id: people.profiles[i.id] for i in interviews}
        report.notes.extend(repeat_interviewees(profiles, {i.id: i.source for i in interviews}))
        with stages.stage("cluster", len(statements_list), unit="statement") as bar:
            groups = cluster_pools(
                statements_list, verdicts, profiles, vectors.get, components.clusterer(config), vectors.name, store,
                bar.update,
            )  # fmt: skip
            themes_config, alike = config.themes, config.clustering.small_pool_similarity
            groups = {
                pool: refine(pool_groups, vectors.get(_texts(pool_groups)), themes_config.min_similarity,
                             themes_config.merge_similarity, alike)
                for pool, pool_groups in groups.items()
            }  # fmt: skip
        with stages.stage("themes", len(groups), unit="group") as bar:
            confidence = {i: v.confidence for i, v in verdicts.items()}
            themes = _describe(groups, config, by_interview, profiles, vectors.get, confidence)
            bar.update(len(groups))
        personas = build_personas(list(profiles.values()), by_interview, themes, statements_list)
        result = RunResult(
            batch=batch_dir.resolve().name,  # "run ." names the folder too
            interviews=tuple(interviews),
            speakers={i.id: people.speakers[i.id] for i in interviews},
            profiles=profiles,
            statements=tuple(statements_list),
            classifications=verdicts,
            themes=tuple(themes),
            personas=tuple(personas),
        )
        # Review decisions made on earlier runs follow their statements into this one's documents.
        review = apply_decisions(result, decisions)
        if review.outcomes:
            report.notes.append(
                f"{len(review.outcomes) - review.gone} review decisions applied, {review.gone} no longer apply "
                "(see the decision log)"
            )
        moved = {old: new for old, new in renamed.items() if not new.endswith(REPLACED)}
        if moved and decisions:
            moves = ", ".join(f"{old} → {new}" for old, new in sorted(moved.items())[:3])
            report.notes.append(
                f"review decisions followed {len(moved)} transcript{'s' if len(moved) > 1 else ''} renamed or moved "
                "since the last run, found by "
                f"their content ({moves}{', ...' if len(moved) > 3 else ''})"
            )
        decided = {statement_id for decision in decisions for statement_id in decision.statement_ids}
        followed = sum(not new.endswith(REPLACED) for new in shifted.values() if new in decided)
        if followed and decisions:
            report.notes.append(
                f"review decisions followed {followed} statement{'s' if followed > 1 else ''} of {len(edited)} "
                f"transcript{'s' if len(edited) > 1 else ''} edited since the last run to where their words are now"
            )
        if len(moved) < len(renamed) and decisions:
            report.notes.append(
                "review decisions made on "
                + ", ".join(sorted(old for old in renamed if old not in moved))
                + " no longer apply: another transcript now has that name, and the words they were made on are gone"
            )
        with stages.stage("audit", 1, unit="run") as bar:
            report.quotes_audited = audit_result(review.result, config.segment.fillers)
            bar.update(1)
        with InterruptHold() as hold:  # from the switch until the run is recorded
            with stages.stage("render", len(personas), unit="persona") as bar:
                comparison = compare_roles(review.result, vectors.get, config.personas.shared_similarity)
                files = render_documents(
                    review.result, out_dir, batch_dir, env, (comparison, config.personas.shared_similarity)
                )
                documents.publish(itertools.chain(files, recording_transcripts(out_dir, interviews)), hold)
                report.notes.extend(
                    f"{out_dir / kept}: what was at {name} (not written by `run`: `transcribe`'s output, or your own), "
                    "moved aside; a corrected transcript goes beside its recording"
                    for name, kept in documents.kept
                )
                bar.update(len(personas))
            _summarise(report, review.result)  # as the documents show it, reviewers' decisions applied
            summary = {**asdict(report), "problems": [asdict(p) for p in report.problems]}
            store.finish_run(run_id, _now(), summary, result_rows(result), {**renamed, **shifted})
            if decisions:  # the plain copy follows the renames, and comes back where it was deleted (tester 40)
                store.export_decisions(out_dir / DECISIONS_FILE)
        if hold.caught:
            report.notes.append(HELD_NOTE)
    finally:
        store.close()
    return report


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _readable(interviews: list[Interview], batch_dir: Path, report: RunReport) -> list[Interview]:
    if not interviews:
        why = "see the lines above for each file" if report.problems else "the folder holds no transcript or recording"
        raise NoInterviews(
            f"{batch_dir}: no readable interview ({why}); nothing was written and the previous results are "
            "untouched (fix: add transcripts or recordings, or correct the files named)",
            report.problems,
        )
    return interviews


def _transcribe(
    batch_dir: Path, out_dir: Path, config: Config, store: Store, stages: Stages, report: RunReport, engine: Engine
) -> dict[str, Path]:
    """Recordings without a transcript → JSON transcripts in the run's work folder (recording → transcript)."""
    sources = recordings_to_transcribe(batch_dir)
    if not sources:
        return {}
    from .audio.asr import WhisperRecognizer
    from .audio.transcribe import Job, transcribe_all

    jobs = [Job(batch_dir / source, source, str(PurePosixPath(source).with_suffix(""))) for source in sources]
    # A bad model or device stops the run here; the device is the one the engine's workers recognise on.
    recognizer = WhisperRecognizer(config.transcribe, engine.placement(config.transcribe))
    with stages.stage("transcribe", 0, bar_format=TRANSCRIBE_BAR) as bar:
        outcome = transcribe_all(jobs, out_dir / WORK, config.transcribe, store, bar, recognizer, engine=engine)
    report.problems.extend(outcome.problems)
    report.notes.extend(outcome.notes)
    fresh = ""
    if outcome.audio_seconds:
        speed = outcome.audio_seconds / max(outcome.transcribe_seconds, 1e-6)
        fresh = f"; {outcome.audio_seconds / 60:.1f} min of audio at {speed:.1f}× real time"
    done = f"recordings: {len(outcome.transcripts)} of {len(jobs)} transcribed"
    report.notes.append(f"{done} ({outcome.from_cache} from the cache{fresh})")
    return outcome.transcripts


def _read_as(interview: Interview) -> list[str]:
    """Who says which span of the text, as the reader read it: part of the statement cache key."""
    return [f"{t.speaker}\t{t.start_char}\t{t.end_char}" for t in interview.turns]


def _segment(
    buyers: Iterable[Interview],
    speakers: Mapping[str, SpeakerRoles],
    segmenter: Segmenter,
    engine: Engine,
    store: Store,
    progress: Callable[[int], object],
) -> tuple[list[Interview], dict[str, list[Statement]], list[Problem]]:
    """(the interviews of ``buyers``, in their order; statements per interview id; the problems of those that
    could not be segmented, which are left out of the statements). ``speakers`` holds an interview's sides once
    ``buyers`` has given it."""
    heard: list[Interview] = []
    keys: dict[str, str] = {}
    found: dict[str, list[Statement]] = {}

    def uncached() -> Iterator[Work]:
        items = iter(buyers)
        # A group of interviews at a time: the cached JSON of a whole batch would sit beside its statements.
        while group := list(itertools.islice(items, _CACHE_GROUP)):
            heard.extend(group)
            # The turns as read, too: a reader that reads the same bytes otherwise (a sentence given back to its
            # speaker) must not find the statements of the turns it read before.
            keys.update({
                i.id: text_hash(i.sha256, i.id, json.dumps(to_json(speakers[i.id])), segmenter.key(i), *_read_as(i))
                for i in group
            })  # fmt: skip
            cached = store.cached_many("statements", [keys[i.id] for i in group])
            for interview in group:
                if keys[interview.id] in cached:
                    found[interview.id] = [from_json(Statement, v) for v in cached[keys[interview.id]]]
                    progress(1)
                else:
                    yield interview, speakers[interview.id]

    problems = []
    for interview_id, outcome in engine.segment(segmenter, uncached()):
        progress(1)
        if isinstance(outcome, str):  # one interview's failure never stops the batch
            source = next(i.source for i in heard if i.id == interview_id)
            problems.append(
                Problem(
                    source,
                    f"{source}: could not be split into statements ({outcome}); skipped (fix: check the file, or "
                    "report it with this line)",
                    skipped=True,
                )
            )
            continue
        found[interview_id] = outcome
        # One interview at a time, so a crash keeps the cache of those already done.
        store.put_cache("statements", {keys[interview_id]: [to_json(s) for s in outcome]})
    return heard, {i.id: found[i.id] for i in heard if i.id in found}, problems


def _describe(
    groups: dict[tuple[str, str], list[list[Statement]]],
    config: Config,
    interviews: dict[str, Interview],
    profiles: dict[str, BuyerProfile],
    embed: Callable[[list[str]], Mapping[str, np.ndarray]],
    confidence: Mapping[str, float],
) -> list:
    def company_of(statement: Statement) -> str:
        """The company of who said it (``said_at``)."""
        return said_at(statement, profiles[statement.interview_id], interviews[statement.interview_id])

    def person_of(statement: Statement) -> str:
        """Who said it, as a person (``speaker_key``)."""
        return speaker_key(statement, profiles[statement.interview_id])

    def quote_for(statement: Statement) -> Quote:
        """A statement as a quote citing its interview and buyer."""
        return quote_of(statement, interviews[statement.interview_id], profiles[statement.interview_id])

    unsaid = never_in_titles(list(interviews.values()), profiles, {role for role, _ in groups})
    by_role: dict[str, list[Theme]] = {}
    order = {category: index for index, category in enumerate(CATEGORIES)}
    pools = sorted(groups.items(), key=lambda item: (item[0][0], order[item[0][1]]))
    # Every title candidate in one call: the engine may be a cluster, where each call has a cost of its own.
    phrase_vectors = embed(
        sorted({c for (role, _), role_groups in pools for c in title_candidates(role_groups, unsaid[role])})
    )
    for (role, category), role_groups in pools:
        by_role.setdefault(role, []).extend(
            build_themes(
                role,
                category,
                role_groups,
                embed(_texts(role_groups)),  # one pool's vectors at a time
                config.themes.quotes_per_theme,
                company_of,
                person_of,
                quote_for,
                unsaid[role],
                phrase_vectors,
                confidence,
            )
        )
    # Titles made distinct may change the order within a section (``theme_rank`` ends on the title): sort again.
    return [
        theme
        for role in sorted(by_role)
        for theme in sorted(distinct_labels(by_role[role]), key=lambda t: (order[t.category], theme_rank(t)))
    ]


def _texts(groups: list[list[Statement]]) -> list[str]:
    """The texts of the statements of ``groups``."""
    return [s.text for group in groups for s in group]


def _summarise(report: RunReport, result: RunResult) -> None:
    report.interviews = len(result.interviews)
    report.statements = len(result.statements)
    report.interviews_per_role = dict(Counter(p.role for p in result.profiles.values()))
    report.themes_per_role = dict(Counter(t.role for t in result.themes if not t.mentioned_once))
    statements = len(result.statements) or 1
    report.in_patterns = sum(len(t.statement_ids) for t in result.themes if not t.mentioned_once) / statements
    report.mentioned_once = sum(len(t.statement_ids) for t in result.themes if t.mentioned_once) / statements
    for role in report.interviews_per_role:
        report.themes_per_role.setdefault(role, 0)
