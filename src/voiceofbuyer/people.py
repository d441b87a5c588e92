"""The people stage: for each interview, who is on which side and who the buyer is (title, role, function).

Sides come from ``ingest.sides``; titles and roles from ``roles`` (the user's taxonomy, the built-in job
functions, then, for a buyer who states no title, the job-description model over what they say they do); roles
too small to be personas are then merged into their function. Everything uncertain is said, naming the file and
the fix: sides that cannot be told apart, a buyer without a role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import Config
from .files import cached_training
from .ingest import Problem
from .ingest.sides import CONFIDENT, identify_sides
from .job_descriptions import VERSION as JOB_DESCRIPTIONS_VERSION
from .job_descriptions import JobDescriptionModel, labelled_descriptions
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, SpeakerRoles
from .roles import buyer_profile, first_answers, from_description, merge_small_roles
from .store import text_hash
from .vectors import Vectors


@dataclass
class People:
    """Each interview's sides and buyer profile (by interview id), with the warnings and notes met on the way."""

    speakers: dict[str, SpeakerRoles] = field(default_factory=dict)
    profiles: dict[str, BuyerProfile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def identify_people(interviews: list[Interview], config: Config, vectors: Vectors) -> People:
    """Sides and buyer profiles of every interview."""
    people = People()
    for interview in interviews:
        sides = identify_sides(interview)
        people.speakers[interview.id] = sides
        profile = buyer_profile(interview, sides, config.taxonomy, vectors.get)
        people.profiles[interview.id] = profile
        if sides.confidence < CONFIDENT:
            people.problems.append(_warning(
                interview, f"cannot tell the interviewer from the interviewee (confidence {sides.confidence:.2f}, "
                f"{sides.how}); its quotes are flagged for review (fix: name the interviewee in metadata, e.g. "
                f"'interviewee: Name' in {interview.id}.yaml)"))  # fmt: skip
        elif sides.how == "inferred":
            people.notes.append(
                f"{interview.source}: buyer inferred as {', '.join(map(repr, sides.buyers))} (the interviewing side "
                f"asks the questions; confidence {sides.confidence:.2f}); name the interviewee in metadata to be sure"
            )
        if profile.role_source == "self-introduction":
            people.notes.append(f"{interview.source}: role {profile.role!r} from self-introduction {profile.title!r}")
    _from_descriptions(interviews, people, vectors)
    for interview in interviews:
        if people.profiles[interview.id].role == UNASSIGNED_ROLE:
            people.problems.append(_warning(
                interview, "no role found (no metadata role or title, no self-introduction, nothing said about "
                "their work); filed under Unassigned (fix: add role or title to its metadata)"))  # fmt: skip
    people.profiles = merge_small_roles(people.profiles, config.personas.min_interviews_per_role)
    return people


def _from_descriptions(interviews: list[Interview], people: People, vectors: Vectors) -> None:
    """Buyers who gave no job title: the function their account of their work points to, if clear enough."""
    unassigned = [
        i for i in interviews if people.profiles[i.id].role == UNASSIGNED_ROLE and people.speakers[i.id].buyers
    ]
    if not unassigned:
        return
    texts = [first_answers(i, people.speakers[i.id]) for i in unassigned]
    verdicts = job_description_model(vectors).predict(texts, vectors.get(texts))
    for interview, (function, _) in zip(unassigned, verdicts, strict=True):
        people.profiles[interview.id] = from_description(people.profiles[interview.id], function)


def job_description_model(vectors: Vectors) -> JobDescriptionModel:
    """The shipped job-description model, trained once per embedder and cached with the shared model files."""
    examples = labelled_descriptions()
    key = text_hash(JOB_DESCRIPTIONS_VERSION, vectors.name, *(f"{e.function}\t{e.text}" for e in examples))

    def fit() -> dict[str, object]:
        """The model trained on the shipped descriptions, as JSON for the cache."""
        return JobDescriptionModel.fit(examples, vectors.get([e.text for e in examples])).to_json()

    return JobDescriptionModel.from_json(cached_training("job-descriptions", key, fit))


def not_analysed(interview: Interview) -> Problem:
    """The line for an interview in a language no spaCy pipeline is named for: it is left out whole."""
    return Problem(interview.source, (
        f"{interview.source}: in language '{interview.language}', not English: left out, so its words are not mixed "
        "into English themes nor counted in a persona (fix: name a spaCy pipeline and an embedding model for it: "
        f"[models.languages] {interview.language} = \"...\" in voiceofbuyer.toml)"), skipped=True)  # fmt: skip


def _warning(interview: Interview, message: str) -> Problem:
    return Problem(interview.source, f"{interview.source}: {message}", skipped=False)
