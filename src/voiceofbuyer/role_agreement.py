"""How often the role stage gives a participant the job function a person gave them.

Scored on the participants of the AnthropicInterviewer dataset (MIT licence) whose job function was labelled by
hand (``data/labelled/realworld_ai_job_families.jsonl``, rules in ``docs/labelling.md``). Titles, fields and the
taxonomy's patterns learn nothing from these labels; the job-description model does, so it is cross-fitted: a
participant who states no title is judged by a model trained on the other folds only (5 folds by participant),
never by one that saw them. ``none`` (the participant never says what they do) is a label like the others: the
stage must leave exactly them ``Unassigned``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path

from .errors import ConfigError
from .ingest import read_batch
from .ingest.sides import identify_sides
from .job_descriptions import Described, JobDescriptionModel, labelled_participants, training_descriptions
from .people import described_profiles
from .profiles import buyer_profile, first_answers
from .records import UNASSIGNED_ROLE, Interview, InterviewMeta, Turn
from .vectors import Vectors

SECOND_CODER = "data/labelled/realworld_ai_job_families_second_coder.jsonl"
"""200 of the participants labelled again by a second coder who saw only the rules and the participant's words."""
NONE = "none"
"""The label and the verdict for a participant without a function."""


@dataclass(frozen=True)
class FunctionVerdict:
    """A participant's hand-labelled function, the stage's, and where the stage's came from."""

    participant: str
    labelled: str
    predicted: str
    source: str
    """``BuyerProfile.role_source``: ``self-introduction``, ``description`` or ``unassigned``."""
    title: str


@dataclass(frozen=True)
class FunctionAgreement:
    """The verdicts of one scoring run and the figures drawn from them."""

    verdicts: tuple[FunctionVerdict, ...]
    data: str = ""
    """What was scored, in words."""
    missing: tuple[str, ...] = ()
    """Labelled participants with no interview among those scored."""

    @property
    def agreement(self) -> float:
        """Share of participants whose function is the labelled one (0 when there are none)."""
        return sum(v.labelled == v.predicted for v in self.verdicts) / max(1, len(self.verdicts))

    def report(self, disagreements: int = 0) -> str:
        """A printable table: agreement per role source and overall; then up to ``disagreements`` of them."""
        by_source: dict[str, list[FunctionVerdict]] = defaultdict(list)
        for verdict in self.verdicts:
            by_source[verdict.source].append(verdict)
        data = self.data or "the interviews given"
        lines = [f"Job functions of {len(self.verdicts)} hand-labelled participants, from {data}"]
        if self.missing:
            lines.append(f"not scored (no readable interview): {', '.join(self.missing)}")
        lines.append(f"{'role from':<18} {'participants':>12} {'agree':>7}")
        for source, verdicts in sorted(by_source.items()):
            same = sum(v.labelled == v.predicted for v in verdicts)
            lines.append(f"{source:<18} {len(verdicts):12d} {same / len(verdicts):7.1%}")
        lines.append(f"{'all':<18} {len(self.verdicts):12d} {self.agreement:7.1%}")
        second = second_coder()
        both = [v for v in self.verdicts if v.participant in second]
        if both:
            coders = sum(v.labelled == second[v.participant] for v in both) / len(both)
            stage = sum(v.labelled == v.predicted for v in both) / len(both)
            lines.append(f"two human coders agree on {coders:.1%} of {len(both)} participants coded twice "
                         f"(the stage against the first coder on the same: {stage:.1%})")  # fmt: skip
        confused = Counter((v.labelled, v.predicted) for v in self.verdicts if v.labelled != v.predicted)
        if confused:
            lines.append("most frequent disagreements (labelled -> stage): " + "; ".join(
                f"{a} -> {b} ({n})" for (a, b), n in confused.most_common(5)))  # fmt: skip
        wrong = [v for v in self.verdicts if v.labelled != v.predicted][:disagreements]
        lines += [f"  {v.participant}: {v.labelled} -> {v.predicted} ({v.source}, title {v.title!r})" for v in wrong]
        return "\n".join(lines)


def function_agreement(
    interviews: list[Interview], vectors: Vectors, folds: int = 5, data: str = ""
) -> FunctionAgreement:
    """The stage's job function for every interview that has a hand label, against that label.

    ``interviews``: their ids are the participants' ids (``00026``); others are ignored; ``data`` says what they
    are, for the report. Raises ``ConfigError`` when none has a label.
    """
    labelled = {p.participant: p for p in labelled_participants()}
    scored = sorted((i for i in interviews if i.id in labelled), key=lambda i: i.id)
    if not scored:
        raise ConfigError("no interview is one of the hand-labelled participants (fix: point --realworld-ai at the "
                          "AnthropicInterviewer dialogs, files named like 00026.md)")  # fmt: skip
    fold_of = {participant: index % folds for index, participant in enumerate(sorted(labelled))}
    profiles, answers = {}, {}
    for interview in scored:
        sides = identify_sides(interview)
        profiles[interview.id] = buyer_profile(interview, sides, (), vectors.get)
        if sides.buyers:
            answers[interview.id] = first_answers(interview, sides)
    for fold in range(folds):
        training = training_descriptions([p for p in labelled.values() if fold_of[p.participant] != fold])
        in_fold = {key: text for key, text in answers.items() if fold_of[key] == fold}
        described = described_profiles(profiles, in_fold, partial(_fit, training, vectors), vectors)
        profiles.update({key: profile for key, (profile, _) in described.items()})
    verdicts = []
    for interview in scored:
        profile = profiles[interview.id]
        predicted = NONE if profile.role == UNASSIGNED_ROLE else profile.function or NONE
        verdicts.append(FunctionVerdict(interview.id, labelled[interview.id].family, predicted,
                                        profile.role_source, profile.title))  # fmt: skip
    missing = tuple(sorted(set(labelled) - {i.id for i in scored}))
    return FunctionAgreement(tuple(verdicts), data, missing)


def _fit(training: list[Described], vectors: Vectors) -> JobDescriptionModel:
    return JobDescriptionModel.fit(training, vectors.get([e.text for e in training]))


def second_coder() -> dict[str, str]:
    """The second coder's function by participant."""
    text = resources.files("voiceofbuyer").joinpath(SECOND_CODER).read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {row["id"]: row["family"] for row in rows}


def labelled_interviews(folder: Path) -> tuple[list[Interview], str]:
    """The labelled participants' interviews and where they came from: read from ``folder``
    (``../shared/realworld-ai``) when it is there, else built from the first answers shipped with the labels (one
    question, one answer)."""
    if folder.is_dir():
        return read_batch(folder).interviews, f"the interviews read from {folder}"
    question = "Tell me about your work."
    interviews = []
    for participant in labelled_participants():
        text = f"AI: {question}\nUser: {participant.said}\n"
        start = len(f"AI: {question}\nUser: ")
        turns = (Turn("AI", question, 4, 4 + len(question), 1),
                 Turn("User", participant.said, start, start + len(participant.said), 2))  # fmt: skip
        interviews.append(Interview(participant.participant, f"{participant.participant}.md", "text", "",
                                    text, turns, InterviewMeta()))  # fmt: skip
    return (
        interviews,
        f"the first answers shipped with the labels ({folder} is not here; its whole interviews score lower)",
    )
