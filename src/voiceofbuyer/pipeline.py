"""Runs the stages in order, reusing what the store already has, and reports progress and a summary.

transcribe (recordings only) → parse → speakers and roles → segment → embed → classify → cluster →
describe themes → personas → audit → render. Every expensive stage is keyed by content in the store: an
unchanged batch reruns from cache without loading a model, and a new interview costs only its own
statements (plus re-clustering the (role, category) groups it joins).
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import numpy as np
from tqdm import tqdm

from . import classify as classifier_stage
from .audit import audit_result
from .config import Config
from .embed import Embedder, make_embedder, resolve_model
from .embed import embedder_name as embed_name
from .files import cached_training
from .ingest import Problem, read_batch, recordings_to_transcribe
from .ingest.sides import CONFIDENT, identify_sides
from .job_descriptions import VERSION as JOB_DESCRIPTIONS_VERSION
from .job_descriptions import JobDescriptionModel, labelled_descriptions
from .personas import build_personas
from .records import (
    CATEGORIES,
    UNASSIGNED_ROLE,
    BuyerProfile,
    Classification,
    Interview,
    Quote,
    RunResult,
    SpeakerRoles,
    Statement,
    Theme,
)
from .render import render_documents, result_document, template_environment, write_documents
from .results import transcript_document
from .review import apply_decisions, decisions_of
from .roles import buyer_profile, first_answers, from_description, merge_small_roles
from .store import STORE_NAME, Store, text_hash
from .themes import PcaHdbscan, build_themes, groups_from_labels, quote_of

SEGMENT_VERSION = "3"
THEMES_VERSION = "1"


@dataclass
class RunReport:
    interviews: int = 0
    statements: int = 0
    themes_per_role: dict[str, int] = field(default_factory=dict)
    interviews_per_role: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    noise_share: float = 0.0
    quotes_audited: int = 0
    out_dir: str = ""

    @property
    def failed(self) -> bool:
        return any(p.skipped for p in self.problems)

    def summary(self) -> str:
        lines = [f"{self.interviews} interviews, {self.statements} buyer statements"]
        for role in sorted(self.themes_per_role):
            lines.append(
                f"  {role}: {self.interviews_per_role.get(role, 0)} interviews, {self.themes_per_role[role]} themes"
            )
        lines.append(f"noise (points mentioned once): {self.noise_share:.0%}; quotes audited: {self.quotes_audited}")
        lines.append("time per stage: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.stage_seconds.items()))
        lines.extend(f"note: {note}" for note in self.notes)
        for problem in self.problems:
            lines.append(f"{'skipped' if problem.skipped else 'warning'}: {problem.message}")
        skipped = sum(p.skipped for p in self.problems)
        lines.append(f"{skipped} file{'s' if skipped != 1 else ''} skipped; outputs in {self.out_dir}")
        return "\n".join(lines)


class _Stages:
    """Times each stage and shows a progress bar per stage."""

    def __init__(self, report: RunReport, show: bool) -> None:
        self.report = report
        self.show = show

    @contextmanager
    def stage(self, name: str, total: float, **bar_options: str) -> Iterator[tqdm]:
        started = time.perf_counter()
        options = {"unit": "", **bar_options}
        with tqdm(total=total, desc=f"{name:<9}", disable=not self.show, leave=True, **options) as bar:
            yield bar
        self.report.stage_seconds[name] = self.report.stage_seconds.get(name, 0.0) + time.perf_counter() - started


def embedder_name(config: Config) -> str:
    """The cache key of the configured embedder, known without loading it."""
    return embed_name(config.models.embedding_backend, resolve_model(config.models.embedding))


class _Vectors:
    """Embeddings for texts, from the store or computed once for all misses; the model loads only if needed."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config
        self.name = embedder_name(config)
        self._embedder: Embedder | None = None

    def get(self, texts: list[str], bar: tqdm | None = None) -> dict[str, np.ndarray]:
        wanted = sorted(set(texts))
        found = self.store.embeddings(self.name, wanted)
        missing = [t for t in wanted if t not in found]
        if bar is not None:
            bar.update(len(found))
        if missing:
            if self._embedder is None:
                self._embedder = make_embedder(self.config.models)
            computed: dict[str, np.ndarray] = {}
            for begin in range(0, len(missing), 256):
                chunk = missing[begin : begin + 256]
                computed.update(zip(chunk, self._embedder.encode(chunk), strict=True))
                if bar is not None:
                    bar.update(len(chunk))
            self.store.put_embeddings(self.name, computed)
            found.update(computed)
        return found


def run(
    batch_dir: Path,
    out_dir: Path,
    config: Config,
    templates: Path | None = None,
    show_progress: bool = True,
) -> RunReport:
    report = RunReport(out_dir=str(out_dir))
    stages = _Stages(report, show_progress)
    env = template_environment(templates)  # fail on a broken template folder before any work
    store = Store(out_dir / STORE_NAME)
    try:
        run_id = store.start_run(
            datetime.now(UTC).isoformat(timespec="seconds"), str(batch_dir.resolve()), config.source
        )
        transcripts = _transcribe(batch_dir, out_dir, config, store, stages, report)
        with stages.stage("parse", 1) as bar:
            batch = read_batch(batch_dir, transcripts)
            bar.update(1)
        report.problems.extend(batch.problems)
        interviews = batch.interviews
        vectors = _Vectors(store, config)
        with stages.stage("roles", len(interviews)) as bar:
            speakers, profiles = _people(interviews, config, report, vectors)
            bar.update(len(interviews))
        with stages.stage("segment", len(interviews)) as bar:
            statements = _segment(interviews, speakers, config, store, bar)
        texts = [s.text for s in statements] + [s.question for s in statements if s.question]
        with stages.stage("embed", len(set(texts))) as bar:
            embedded = vectors.get(texts, bar)
        with stages.stage("classify", len(statements)) as bar:
            verdicts = _classify(statements, embedded, vectors, config, store)
            bar.update(len(statements))
        by_interview = {i.id: i for i in interviews}
        with stages.stage("cluster", len(statements)) as bar:
            groups = _cluster(statements, verdicts, profiles, embedded, config, store, bar, report)
        with stages.stage("themes", len(groups)) as bar:
            themes = _describe(groups, embedded, config, by_interview, profiles)
            bar.update(len(groups))
        personas = build_personas([profiles[i.id] for i in interviews], by_interview, themes)
        result = RunResult(
            batch=batch_dir.name,
            interviews=tuple(interviews),
            speakers=speakers,
            profiles=profiles,
            statements=tuple(statements),
            classifications=verdicts,
            themes=tuple(themes),
            personas=tuple(personas),
        )
        # Review decisions made on earlier runs follow their statements into this one's documents.
        review = apply_decisions(result, decisions_of(store))
        if review.outcomes:
            report.notes.append(
                f"{len(review.outcomes) - review.gone} review decisions applied, {review.gone} no longer apply "
                "(see the decision log)"
            )
        with stages.stage("audit", 1) as bar:
            report.quotes_audited = audit_result(review.result, config.segment.fillers)
            bar.update(1)
        with stages.stage("render", len(personas)) as bar:
            write_documents(out_dir, render_documents(review.result, out_dir, batch_dir, env))
            bar.update(len(personas))
        document = result_document(result)
        report.interviews = len(interviews)
        report.statements = len(statements)
        report.interviews_per_role = dict(Counter(p.role for p in profiles.values()))
        report.themes_per_role = dict(Counter(t.role for t in themes if not t.mentioned_once))
        for role in report.interviews_per_role:
            report.themes_per_role.setdefault(role, 0)
        store.finish_run(
            run_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
            {**asdict(report), "problems": [asdict(p) for p in report.problems]},
            document["interviews"],
            document["statements"],
            document["themes"],
            document["personas"],
            [transcript_document(interview) for interview in interviews],
        )
    finally:
        store.close()
    return report


TRANSCRIBE_BAR = "{desc}: {percentage:3.0f}%|{bar}| {n:.1f}/{total:.1f} audio min [{elapsed}<{remaining}{postfix}]"
"""Audio minutes done, speed as a multiple of real time, and the time left."""


def _transcribe(
    batch_dir: Path, out_dir: Path, config: Config, store: Store, stages: _Stages, report: RunReport
) -> dict[str, Path]:
    """Recordings without a transcript → JSON transcripts under the output folder (recording → transcript)."""
    sources = recordings_to_transcribe(batch_dir)
    if not sources:
        return {}
    from .asr import WhisperRecognizer
    from .transcribe import Job, transcribe_all

    jobs = [Job(batch_dir / source, source, str(PurePosixPath(source).with_suffix(""))) for source in sources]
    recognizer = WhisperRecognizer(config.transcribe)  # a bad model or device stops the run here
    with stages.stage("transcribe", 0, bar_format=TRANSCRIBE_BAR) as bar:
        outcome = transcribe_all(jobs, out_dir, config.transcribe, store, bar, recognizer)
    report.problems.extend(outcome.problems)
    report.notes.extend(outcome.notes)
    fresh = ""
    if outcome.audio_seconds:
        speed = outcome.audio_seconds / max(outcome.transcribe_seconds, 1e-6)
        fresh = f"; {outcome.audio_seconds / 60:.1f} min of audio at {speed:.1f}× real time"
    done = f"recordings: {len(outcome.transcripts)} of {len(jobs)} transcribed"
    report.notes.append(f"{done} ({outcome.from_cache} from the cache{fresh})")
    return outcome.transcripts


def _people(
    interviews: list[Interview], config: Config, report: RunReport, vectors: _Vectors
) -> tuple[dict[str, SpeakerRoles], dict[str, BuyerProfile]]:
    speakers: dict[str, SpeakerRoles] = {}
    profiles: dict[str, BuyerProfile] = {}
    for interview in interviews:
        roles = identify_sides(interview)
        speakers[interview.id] = roles
        profile = buyer_profile(interview, roles, config.taxonomy, vectors.get)
        profiles[interview.id] = profile
        if roles.confidence < CONFIDENT:
            report.problems.append(
                Problem(
                    interview.source,
                    f"{interview.source}: cannot tell the interviewer from the interviewee "
                    f"(confidence {roles.confidence:.2f}, {roles.how}); its quotes are flagged for review "
                    f"(fix: name the interviewee in metadata, e.g. 'interviewee: Name' in {interview.id}.yaml)",
                    skipped=False,
                )
            )
        elif roles.how == "inferred":
            report.notes.append(
                f"{interview.source}: buyer inferred as {', '.join(roles.buyers)} (the interviewing side asks the "
                f"questions; confidence {roles.confidence:.2f}); name the interviewee in metadata to be sure"
            )
        if _spacy_model(interview, config) is None:
            report.problems.append(
                Problem(
                    interview.source,
                    f"{interview.source}: in language '{interview.language}', not English: not analysed, so its words "
                    "are not mixed into English themes (fix: name a spaCy pipeline and an embedding model for it: "
                    f"[models.languages] {interview.language} = \"...\" in voiceofbuyer.toml)",
                    skipped=False,
                )
            )
        elif profile.role_source == "self-introduction":
            report.notes.append(f"{interview.source}: role {profile.role!r} from self-introduction {profile.title!r}")
    unassigned = [i for i in interviews if profiles[i.id].role == UNASSIGNED_ROLE and speakers[i.id].buyers]
    if unassigned:
        texts = {i.id: first_answers(i, speakers[i.id]) for i in unassigned}
        model = _job_description_model(vectors)
        verdicts = model.predict(list(texts.values()), vectors.get(list(texts.values())))
        for interview, (function, _) in zip(unassigned, verdicts, strict=True):
            profiles[interview.id] = from_description(profiles[interview.id], function)
    for interview in interviews:
        profile = profiles[interview.id]
        if profile.role == UNASSIGNED_ROLE:
            report.problems.append(
                Problem(
                    interview.source,
                    f"{interview.source}: no role found (no metadata role or title, no self-introduction, nothing "
                    "said about their work); filed under Unassigned (fix: add role or title to its metadata)",
                    skipped=False,
                )
            )
    return speakers, merge_small_roles(profiles, config.personas.min_interviews_per_role)


def _job_description_model(vectors: _Vectors) -> JobDescriptionModel:
    examples = labelled_descriptions()
    key = text_hash(JOB_DESCRIPTIONS_VERSION, vectors.name, *(f"{e.function}\t{e.text}" for e in examples))
    trained = cached_training("job-descriptions", key, lambda: JobDescriptionModel.fit(
        examples, vectors.get([e.text for e in examples])).to_json())  # fmt: skip
    return JobDescriptionModel.from_json(trained)


def _statement_from_cache(value: dict[str, object]) -> Statement:
    value = dict(value)
    value["removed"] = tuple(tuple(r) for r in value["removed"])  # type: ignore[union-attr]
    value["keyphrases"] = tuple(value["keyphrases"])  # type: ignore[arg-type]
    return Statement(**value)  # type: ignore[arg-type]


def _spacy_model(interview: Interview, config: Config) -> str | None:
    """The spaCy pipeline for an interview's language: the configured one for English, else one named in
    ``[models.languages]``; None when there is none (the interview is not analysed)."""
    return config.models.spacy if interview.language == "en" else config.models.languages.get(interview.language)


def _segment(
    interviews: list[Interview], speakers: dict[str, SpeakerRoles], config: Config, store: Store, bar: tqdm
) -> list[Statement]:
    fingerprint = config.fingerprint("segment")
    keys = {
        i.id: text_hash(
            SEGMENT_VERSION,
            i.sha256,
            i.id,
            json.dumps(asdict(speakers[i.id])),
            fingerprint,
            str(_spacy_model(i, config)),
        )
        for i in interviews
    }
    cached = store.cached_many("statements", keys.values())
    result: dict[str, list[Statement]] = {}
    missing = []
    for interview in interviews:
        if keys[interview.id] in cached:
            result[interview.id] = [_statement_from_cache(v) for v in cached[keys[interview.id]]]
            bar.update(1)
        else:
            missing.append(interview)
    if missing:
        from .segment import load_spacy

        for interview in missing:
            model = _spacy_model(interview, config)
            if model is None:
                result[interview.id] = []
                bar.update(1)
                continue
            # One interview at a time, so a crash keeps the cache of those already done.
            result[interview.id] = _segment_interview(interview, speakers[interview.id], config, load_spacy(model))
            store.put_cache("statements", {keys[interview.id]: [asdict(s) for s in result[interview.id]]})
            bar.update(1)
    return [s for interview in interviews for s in result[interview.id]]


def _segment_interview(interview: Interview, speakers: SpeakerRoles, config: Config, nlp: object) -> list[Statement]:
    from .segment import segment

    return segment([(interview, speakers)], config.segment, nlp)[interview.id]  # type: ignore[arg-type]


def _classifier(vectors: _Vectors, store: Store) -> classifier_stage.Classifier:
    examples = classifier_stage.training_examples() + classifier_stage.read_labelled(None, classifier_stage.DEVSET)
    key = text_hash(
        classifier_stage.CLASSIFIER_VERSION,
        vectors.name,
        *(f"{e.question}\t{e.text}\t{e.label}" for e in examples),
    )
    texts = [e.text for e in examples] + [e.question for e in examples if e.question]
    trained = cached_training(
        "classifier", key, lambda: classifier_stage.train(examples, vectors.get(texts), key).to_json()
    )
    return classifier_stage.Classifier.from_json(trained, key)


def _classify(
    statements: list[Statement],
    embedded: dict[str, np.ndarray],
    vectors: _Vectors,
    config: Config,
    store: Store,
) -> dict[str, Classification]:
    model = _classifier(vectors, store)
    threshold = config.fingerprint("classify")
    keys = {s.id: text_hash(model.key, threshold, s.question, s.text) for s in statements}
    cached = store.cached_many("verdict", keys.values())
    verdicts = {s.id: Classification(s.id, *cached[keys[s.id]]) for s in statements if keys[s.id] in cached}
    missing = [s for s in statements if s.id not in verdicts]
    fresh = classifier_stage.classify(missing, model, embedded, config.classify)
    store.put_cache("verdict", {keys[v.statement_id]: [v.category, v.confidence] for v in fresh})
    verdicts.update((v.statement_id, v) for v in fresh)
    return verdicts


def _cluster(
    statements: list[Statement],
    verdicts: dict[str, Classification],
    profiles: dict[str, BuyerProfile],
    embedded: dict[str, np.ndarray],
    config: Config,
    store: Store,
    bar: tqdm,
    report: RunReport,
) -> dict[tuple[str, str], list[list[Statement]]]:
    """Statement groups per (role, category); each noise point is a group of its own."""
    clusterer = PcaHdbscan(config.clustering)
    model_name = embedder_name(config)
    pools: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in statements:
        category = verdicts[statement.id].category
        if category != "other":
            pools[(profiles[statement.interview_id].role, category)].append(statement)
    groups: dict[tuple[str, str], list[list[Statement]]] = {}
    singles = total = 0
    for (role, category), pool in sorted(pools.items()):
        pool.sort(key=lambda s: s.id)
        key = text_hash(
            THEMES_VERSION, model_name, clusterer.name, role, category, *(f"{s.id}\t{s.text}" for s in pool)
        )
        id_groups = store.cached("clusters", key)
        if id_groups is None:
            labels = clusterer.fit(np.stack([embedded[s.text] for s in pool]))
            id_groups = groups_from_labels([s.id for s in pool], labels)
            store.put_cache("clusters", {key: id_groups})
        by_id = {s.id: s for s in pool}
        groups[(role, category)] = [[by_id[i] for i in ids] for ids in id_groups]
        singles += sum(1 for ids in id_groups if len(ids) == 1)
        total += len(pool)
        bar.update(len(pool))
    report.noise_share = singles / total if total else 0.0
    return groups


def _describe(
    groups: dict[tuple[str, str], list[list[Statement]]],
    embedded: dict[str, np.ndarray],
    config: Config,
    interviews: dict[str, Interview],
    profiles: dict[str, BuyerProfile],
) -> list[Theme]:
    def company_of(interview_id: str) -> str:
        return interviews[interview_id].meta.company

    def quote_for(statement: Statement) -> Quote:
        return quote_of(statement, interviews[statement.interview_id], profiles[statement.interview_id])

    themes: list[Theme] = []
    order = {category: index for index, category in enumerate(CATEGORIES)}
    for (role, category), role_groups in sorted(groups.items(), key=lambda item: (item[0][0], order[item[0][1]])):
        themes.extend(
            build_themes(role, category, role_groups, embedded, config.themes.quotes_per_theme, company_of, quote_for)
        )
    return themes


def evaluate_devset(
    devset: list[classifier_stage.LabelledStatement], config: Config, out_dir: Path
) -> classifier_stage.Evaluation:
    """Cross-validated scores of the configured classifier on a labelled set (grouped by interview)."""
    store = Store(out_dir / STORE_NAME)
    try:
        vectors = _Vectors(store, config)
        examples = classifier_stage.training_examples()
        labelled = examples + devset
        embedded = vectors.get([d.text for d in labelled] + [d.question for d in labelled if d.question])
    finally:
        store.close()
    return classifier_stage.cross_validate(devset, examples, embedded, config.classify)
