"""The people stage: for each interview, who is on which side and who the buyer is (title, role, function).

Sides come from ``ingest.sides``; titles and roles from ``roles`` (the user's taxonomy, the built-in job
functions, then, for a buyer who states no title, the job-description model over what they say they do); roles
too small to be personas are then merged into their function. Everything uncertain is said, naming the file and
the fix: sides that cannot be told apart, a buyer without a role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .config import Config
from .files import cached_training
from .ingest import Problem
from .ingest.interviewer_talk import asks_or_acknowledges
from .ingest.labels import is_phone_number
from .ingest.sides import CONFIDENT, QUESTIONS_ONLY, identify_sides
from .ingest.speaker_names import is_placeholder, renamed_devices
from .ingest.vendor_side import other_voices_on_a_channel
from .job_descriptions import VERSION as JOB_DESCRIPTIONS_VERSION
from .job_descriptions import JobDescriptionModel, labelled_participants, training_descriptions
from .job_words import OWN_BUSINESS, OWN_BUSINESS_PRECISION, OWNERS
from .members import profiled_company, with_member_companies
from .not_interviews import not_an_interview
from .off_record import off_the_record
from .persons import one_role_per_person, with_persons
from .profiles import buyer_profile, first_answers
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, SpeakerRoles
from .roles import from_description, is_vague, job_functions
from .small_roles import merge_small_roles
from .store import text_hash
from .vectors import Vectors

DOMAIN_PROBABILITY = 0.4
"""How sure the job-description model must be to give a function to a buyer whose title names no field."""
SURE_PROBABILITY = 0.5
"""Below it a function read from what the buyer says is right about 4 times in 10 (cross-validated on the
labelled participants, ``voiceofbuyer eval --roles``): the run says it is unsure."""


@dataclass
class People:
    """Each interview's sides and buyer profile (by interview id), with the warnings and notes met on the way."""

    speakers: dict[str, SpeakerRoles] = field(default_factory=dict)
    profiles: dict[str, BuyerProfile] = field(default_factory=dict)
    companies: dict[str, str] = field(default_factory=dict)
    """The company a buyer named as theirs in introducing themselves, where the metadata names none."""
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _shown(label: str) -> str:
    """A label as a note shows it: a dial-in caller's number is personal data, never printed."""
    return "a dial-in number" if is_phone_number(label) else repr(label)


def identify_people(interviews: list[Interview], config: Config, vectors: Vectors) -> People:
    """Sides and buyer profiles of every interview in which a buyer speaks; one where nobody does (only the
    interviewing side, or only voices the transcript could not name) is a skipped file's problem, not an empty
    persona's interview."""
    people = People()
    settle_roles(list(each_buyer(interviews, config, vectors, people)), config, vectors, people)
    return people


def each_buyer(interviews: list[Interview], config: Config, vectors: Vectors, people: People) -> Iterator[Interview]:
    """The interviews in which a buyer speaks, one at a time as its sides are known (so a caller can split each
    into statements while the next is read), with the company its buyer named (``with_company``); each one's
    sides, first profile and company, and the warnings and notes met, go into ``people``. The roles are settled
    once all are read: ``settle_roles``."""
    for interview in interviews:
        sides = identify_sides(interview)
        if not sides.buyers or only_asks(interview, sides):
            people.problems.append(no_buyer(interview, sides))
            continue
        unlike = not_an_interview(interview, sides)
        if unlike:
            people.problems.append(Problem(interview.source, (
                f"{interview.source}: {unlike}, so not an interview: left out (fix: keep only transcripts in the "
                "batch folder, or name the interviewee in metadata if it is one)"), skipped=True))  # fmt: skip
            continue
        people.speakers[interview.id] = sides
        # A voice without a name ("Speaker 2", a legend's "R") takes the metadata's name; a named buyer who is not it
        # is a mismatch.
        named = not any(is_placeholder(buyer) or len(buyer.strip()) == 1 for buyer in sides.buyers)
        if interview.meta.interviewee and sides.how != "metadata" and named:
            speakers = ", ".join(dict.fromkeys(turn.speaker for turn in interview.turns))
            people.problems.append(_warning(
                interview, f"its metadata names the interviewee {interview.meta.interviewee!r}, but no speaker is "
                f"them (speakers: {speakers}); the sides were read from the transcript instead (fix: write the "
                "interviewee as the transcript labels them)"))  # fmt: skip
        profile = buyer_profile(interview, sides, config.taxonomy, vectors.get)
        company = "" if interview.meta.company else profiled_company(interview, sides, profile)
        people.profiles[interview.id] = with_member_companies(profile, interview.meta.company or company)
        if company:
            people.companies[interview.id] = company
            people.notes.append(f"{interview.source}: company {company!r} from the buyer's self-introduction")
        if sides.how == QUESTIONS_ONLY:
            people.problems.append(_warning(
                interview, "names no speaker: its questions were taken as the interviewer's and the rest as the "
                "interviewee's, and its quotes are flagged for review (fix: label each turn with who is speaking, or "
                "give voiceofbuyer the recording, which it transcribes with the voices told apart)"))  # fmt: skip
        elif sides.confidence < CONFIDENT:
            people.problems.append(_warning(
                interview, f"cannot tell the interviewer from the interviewee (confidence {sides.confidence:.2f}, "
                f"{sides.how}); its quotes are flagged for review (fix: name the interviewee in metadata, e.g. "
                f"'interviewee: Name' in {interview.id}.yaml)"))  # fmt: skip
        elif sides.how == "inferred":
            people.notes.append(
                f"{interview.source}: buyer inferred as {', '.join(map(_shown, sides.buyers))} (the interviewing side "
                f"asks the questions; confidence {sides.confidence:.2f}); name the interviewee in metadata to be sure"
            )
        unquoted = [interview.turns[i] for i in sorted(off_the_record(interview.turns, sides.buyers))]
        left_out = [turn for turn in unquoted if turn.speaker in sides.buyers]
        if left_out:
            people.notes.append(
                f"{interview.source}: {len(left_out)} of the buyer's turns said off the record (lines "
                f"{unquoted[0].line}-{unquoted[-1].line}) left out of every quote"
            )
        for index in sorted(other_voices_on_a_channel(interview.turns, sides.buyers)):
            turn = interview.turns[index]
            people.notes.append(
                f"{interview.source}: line {turn.line}, under {turn.speaker!r}, is someone else (they say who they "
                "are: there to listen, or of the maker's team): left out of every quote"
            )
        for device, name in renamed_devices(interview, sides.buyers).items():
            people.notes.append(
                f"{interview.source}: {device!r} speaks only before {name!r} first does: read as one buyer who "
                "renamed themselves mid-call (their quotes keep the label of the moment)"
            )
        yield with_company(interview, people.companies)


def settle_roles(interviews: list[Interview], config: Config, vectors: Vectors, people: People) -> None:
    """The roles of the buyers of ``interviews`` (those ``each_buyer`` gave, with their profiles in ``people``): one
    per person, read from a description where no title says it, and merged into their function where too few
    interviews hold them."""
    # One person, one role: a follow-up call that states no title is the same CFO's.
    companies = {i.id: i.meta.company or people.companies.get(i.id, "") for i in interviews}
    people.profiles = one_role_per_person(with_persons(people.profiles, companies.__getitem__))
    _from_descriptions(interviews, people, vectors)
    people.profiles = one_role_per_person(people.profiles)  # two calls each read from a description: one role
    for interview in interviews:
        if people.profiles[interview.id].role == UNASSIGNED_ROLE:
            people.problems.append(_warning(
                interview, "no role found (no metadata role or title, no self-introduction, and what they say "
                "about their work points to no job function clearly); filed under Unassigned (fix: add role or "
                "title to its metadata)"))  # fmt: skip
    people.profiles = merge_small_roles(people.profiles, config.personas.min_interviews_per_role)  # people counted
    for interview in interviews:  # the role the buyer ends in, once small roles have merged
        profile = people.profiles[interview.id]
        if profile.role_source == "self-introduction":
            people.notes.append(f"{interview.source}: role {profile.role!r} from self-introduction {profile.title!r}")


def with_company(interview: Interview, companies: dict[str, str]) -> Interview:
    """The interview with the company its buyer named (``People.companies``) as its company, when there is one."""
    company = companies.get(interview.id)
    return replace(interview, meta=replace(interview.meta, company=company)) if company else interview


def _from_descriptions(interviews: list[Interview], people: People, vectors: Vectors) -> None:
    """Buyers who gave no job title, or one that names no field: the function their account of their work
    points to, if clear enough; a function read with less than ``SURE_PROBABILITY`` is said to be unsure."""
    answers = {i.id: first_answers(i, people.speakers[i.id]) for i in interviews if people.speakers[i.id].buyers}
    described = described_profiles(people.profiles, answers, lambda: job_description_model(vectors), vectors)
    sources = {i.id: i.source for i in interviews}
    for key, (profile, probability) in described.items():
        people.profiles[key] = profile
        if profile.role_source == "description" and probability < SURE_PROBABILITY:
            people.problems.append(Problem(sources[key], (
                f"{sources[key]}: role {profile.role!r} guessed from what the buyer says about their work "
                f"(probability {probability:.2f}, unsure); check it (fix: add role or title to its metadata)"),
                skipped=False))  # fmt: skip


def described_profiles(
    profiles: dict[str, BuyerProfile],
    answers: dict[str, str],
    model: Callable[[], JobDescriptionModel],
    vectors: Vectors,
) -> dict[str, tuple[BuyerProfile, float]]:
    """The profiles (by interview id) that the job-description model (built by ``model`` only when a buyer needs
    it: training costs seconds) reads a function for from ``answers`` (the buyer's first answers, by interview
    id), with the model's probability: an unassigned buyer takes the function it finds
    (``from_description``); a buyer whose title names no field ("Director", "Business Owner", "Engineer") takes
    it only when the model is at least ``DOMAIN_PROBABILITY`` sure, keeping the title's seniority."""
    chosen = [key for key in sorted(answers)
              if profiles[key].role == UNASSIGNED_ROLE or is_vague(profiles[key])]  # fmt: skip
    if not chosen:
        return {}
    texts = [answers[key] for key in chosen]
    changed = {}
    for key, (function, probability) in zip(chosen, model().predict(texts, vectors.get(texts)), strict=True):
        profile = profiles[key]
        if profile.role == UNASSIGNED_ROLE and OWN_BUSINESS.search(answers[key]):
            function, probability = OWNERS, OWN_BUSINESS_PRECISION
        sure = function and function != profile.function and probability >= DOMAIN_PROBABILITY
        if profile.role == UNASSIGNED_ROLE or sure:
            changed[key] = (from_description(profile, function), probability)
    return changed


def job_description_model(vectors: Vectors) -> JobDescriptionModel:
    """The shipped job-description model, trained once per embedder and cached with the shared model files."""
    examples = training_descriptions(labelled_participants())
    key = job_description_key(vectors.name)

    def fit() -> dict[str, object]:
        """The model trained on the shipped descriptions, as JSON for the cache."""
        return JobDescriptionModel.fit(examples, vectors.get([e.text for e in examples])).to_json()

    return JobDescriptionModel.from_json(cached_training("job-descriptions", key, fit))


def job_description_key(embedder: str) -> str:
    """The cache key of the trained job-description model: its version, the embedder, the functions' title
    patterns (the model reads them; sorted, as a set's order changes from one process to the next) and the
    labelled examples."""
    functions, _ = job_functions()
    patterns = [f"{f.name}:{sorted(' '.join(sorted(p)) for p in f.patterns)}" for f in functions]
    examples = (f"{e.function}\t{e.weight}\t{e.text}" for e in training_descriptions(labelled_participants()))
    return text_hash(JOB_DESCRIPTIONS_VERSION, embedder, *patterns, *examples)


def not_analysed(interview: Interview) -> Problem:
    """The line for an interview in a language no spaCy pipeline is named for: it is left out whole."""
    return Problem(interview.source, (
        f"{interview.source}: in language '{interview.language}', not English: left out, so its words are not mixed "
        "into English themes nor counted in a persona (fix: name a spaCy pipeline and an embedding model for it: "
        f"[models.languages] {interview.language} = \"...\" in voiceofbuyer.toml)"), skipped=True)  # fmt: skip


ONLY_ASKS = 0.75
"""Share of a lone voice's turns that ask, prompt or only acknowledge, from which it is the interviewer alone."""


def only_asks(interview: Interview, sides: SpeakerRoles) -> bool:
    """Whether the one voice of a file is an interviewer's, heard without the buyer ("What did the auditors say?",
    "Walk me through the close.": at least ``ONLY_ASKS`` of its turns ask or acknowledge; tester 18)."""
    if sides.how != "single speaker" or len(sides.buyers) != 1:
        return False
    said = [turn.text for turn in interview.turns if turn.speaker == sides.buyers[0]]
    return len(said) >= 3 and sum(asks_or_acknowledges(text) for text in said) >= ONLY_ASKS * len(said)


def no_buyer(interview: Interview, sides: SpeakerRoles) -> Problem:
    """The line for an interview in which no buyer speaks: it is left out whole. A buyer side here is a lone voice
    that only asks (``only_asks``)."""
    if sides.buyers:
        return Problem(interview.source, (
            f"{interview.source}: no buyer speaks in it, only {sides.buyers[0]!r}, who asks the questions (the "
            "interviewing side alone): left out (fix: export the transcript with both sides of the call)"),
            skipped=True)  # fmt: skip
    voices = ", ".join(sides.interviewers + sides.uncertain) or "nobody"
    return Problem(interview.source, (
        f"{interview.source}: no buyer speaks in it, only {voices} (the interviewing side, or voices the transcript "
        "does not name): left out (fix: check its speaker labels, or name the interviewee in metadata, e.g. "
        f"'interviewee: Name' in {interview.id}.yaml)"), skipped=True)  # fmt: skip


def _warning(interview: Interview, message: str) -> Problem:
    return Problem(interview.source, f"{interview.source}: {message}", skipped=False)
