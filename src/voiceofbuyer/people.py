"""The people stage: for each interview, who is on which side and who the buyer is (title, role, function).

Sides come from ``ingest.sides``; titles and roles from ``roles`` (the user's taxonomy, the built-in job
functions, then, for a buyer who states no title, the job-description model over what they say they do); roles
too small to be personas are then merged into their function. Everything uncertain is said, naming the file and
the fix: sides that cannot be told apart, a buyer without a role.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .config import Config
from .files import cached_training
from .ingest import Problem
from .ingest.sides import CONFIDENT, identify_sides
from .ingest.speaker_names import is_placeholder, renamed_devices
from .ingest.vendor_side import introduced_as_colleague, maker_remarks
from .job_descriptions import VERSION as JOB_DESCRIPTIONS_VERSION
from .job_descriptions import JobDescriptionModel, labelled_descriptions
from .records import UNASSIGNED_ROLE, BuyerProfile, Interview, SpeakerRoles
from .roles import buyer_profile, first_answers, from_description, is_vague, job_functions, merge_small_roles
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
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def identify_people(interviews: list[Interview], config: Config, vectors: Vectors) -> People:
    """Sides and buyer profiles of every interview in which a buyer speaks; one where nobody does (only the
    interviewing side, or only voices the transcript could not name) is a skipped file's problem, not an empty
    persona's interview."""
    people = People()
    heard = []
    for interview in interviews:
        sides = identify_sides(interview)
        if not sides.buyers:
            people.problems.append(no_buyer(interview, sides))
            continue
        unlike = not_an_interview(interview, sides)
        if unlike:
            people.problems.append(Problem(interview.source, (
                f"{interview.source}: {unlike}, so not an interview: left out (fix: keep only transcripts in the "
                "batch folder, or name the interviewee in metadata if it is one)"), skipped=True))  # fmt: skip
            continue
        heard.append(interview)
        people.speakers[interview.id] = sides
        # A voice without a name ("Speaker 2") takes the metadata's name; a named buyer who is not it is a mismatch.
        named = not any(is_placeholder(buyer) for buyer in sides.buyers)
        if interview.meta.interviewee and sides.how != "metadata" and named:
            speakers = ", ".join(dict.fromkeys(turn.speaker for turn in interview.turns))
            people.problems.append(_warning(
                interview, f"its metadata names the interviewee {interview.meta.interviewee!r}, but no speaker is "
                f"them (speakers: {speakers}); the sides were read from the transcript instead (fix: write the "
                "interviewee as the transcript labels them)"))  # fmt: skip
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
        for device, name in renamed_devices(interview, sides.buyers).items():
            people.notes.append(
                f"{interview.source}: {device!r} speaks only before {name!r} first does: read as one buyer who "
                "renamed themselves mid-call (their quotes keep the label of the moment)"
            )
    interviews = heard
    _from_descriptions(interviews, people, vectors)
    for interview in interviews:
        if people.profiles[interview.id].role == UNASSIGNED_ROLE:
            people.problems.append(_warning(
                interview, "no role found (no metadata role or title, no self-introduction, and what they say "
                "about their work points to no job function clearly); filed under Unassigned (fix: add role or "
                "title to its metadata)"))  # fmt: skip
    people.profiles = merge_small_roles(people.profiles, config.personas.min_interviews_per_role)
    for interview in interviews:  # the role the buyer ends in, once small roles have merged
        profile = people.profiles[interview.id]
        if profile.role_source == "self-introduction":
            people.notes.append(f"{interview.source}: role {profile.role!r} from self-introduction {profile.title!r}")
    return people


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
        sure = function and function != profile.function and probability >= DOMAIN_PROBABILITY
        if profile.role == UNASSIGNED_ROLE or sure:
            changed[key] = (from_description(profile, function), probability)
    return changed


def job_description_model(vectors: Vectors) -> JobDescriptionModel:
    """The shipped job-description model, trained once per embedder and cached with the shared model files."""
    examples = labelled_descriptions()
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
    examples = (f"{e.function}\t{e.text}" for e in labelled_descriptions())
    return text_hash(JOB_DESCRIPTIONS_VERSION, embedder, *patterns, *examples)


def not_analysed(interview: Interview) -> Problem:
    """The line for an interview in a language no spaCy pipeline is named for: it is left out whole."""
    return Problem(interview.source, (
        f"{interview.source}: in language '{interview.language}', not English: left out, so its words are not mixed "
        "into English themes nor counted in a persona (fix: name a spaCy pipeline and an embedding model for it: "
        f"[models.languages] {interview.language} = \"...\" in voiceofbuyer.toml)"), skipped=True)  # fmt: skip


def no_buyer(interview: Interview, sides: SpeakerRoles) -> Problem:
    """The line for an interview in which no buyer speaks: it is left out whole."""
    voices = ", ".join(sides.interviewers + sides.uncertain) or "nobody"
    return Problem(interview.source, (
        f"{interview.source}: no buyer speaks in it, only {voices} (the interviewing side, or voices the transcript "
        "does not name): left out (fix: check its speaker labels, or name the interviewee in metadata, e.g. "
        f"'interviewee: Name' in {interview.id}.yaml)"), skipped=True)  # fmt: skip


_ASKS = re.compile(
    r"\?|\b(?:tell|walk|talk|take|give)\s+(?:me|us)\b|\bsay\s+more\b|\b(?:describe|explain|share|imagine)\b", re.I
)
"""A question, or a prompt said as an imperative ("Walk me through the last delivery.", "Say more about that.")."""
_DEBRIEF = re.compile(
    r"\b(?:let'?s\s+do\s+(?:the|a|our|a\s+quick)\s+debrief|(?:she|he|they|(?-i:[A-Z]\w+))(?:'s|\s+has|\s+have|'ve)?"
    r"\s+(?:just\s+)?(?:dropped(?:\s+off)?|left\s+the\s+(?:call|meeting))(?=[\s,.;!]))",
    re.I,
)
"""How researchers open their debrief once the interviewee has left the call."""
_RESEARCH_WORDS = re.compile(
    r"\b(?:personas?|synthesis|(?:interview\s+|discussion\s+)?guide|research\s+repo|code\s+the\s+transcript"
    r"|headline\s+quote|objections?\s+list|target\s+segment|pain\s+point|decision\s+criteria)\b",
    re.I,
)
"""The research team's own words about an interview: what a debrief talks in."""
_ON_AIR = re.compile(
    r"\b(?:this\s+episode\s+is\s+(?:brought\s+to\s+you|sponsored)\s+by|welcome\s+(?:back\s+)?to\s+[\w' ]{1,40}?,?\s+the"
    r"\s+podcast|this\s+is\s+episode|(?:subscribe|listen)\s+wherever\s+you\s+get\s+your\s+podcasts"
    r"|(?:liked|enjoyed)\s+(?:the|this|today's)\s+episode|(?:leave|give)\s+us\s+a\s+(?:review|rating))\b",
    re.I,
)
"""What a podcast or a show says on air, never a research interview: its welcome, its episode, its sponsor read."""
_GOES_ON_AIR = re.compile(
    r"\b(?:welcome\s+(?:back\s+)?to\s+[\w' ]{1,40}?,?\s+the\s+podcast|this\s+is\s+episode"
    r"|this\s+episode\s+is\s+(?:brought\s+to\s+you|sponsored)\s+by)\b",
    re.I,
)
"""How a show opens its first turn."""
_SHOWS_ITS_PRODUCT = re.compile(
    r"\b(?:let\s+me\s+show|i(?:'ll|\s+will|\s+can)\s+show\s+you|we(?:'ve|\s+have)?\s+built|out\s+of\s+the\s+box"
    r"|let(?:'s|\s+me)\s+(?:open|switch\s+to|click|jump\s+into))\b",
    re.I,
)
"""What only a product's maker says while showing it."""
_WEBINAR = re.compile(
    r"\b(?:webinars?|from\s+the\s+audience|(?:our|the)\s+attendees|(?:everyone|all)\s+who\s+(?:attended|joined)"
    r"|live\s+q\s*&\s*a|audience\s+questions?|the\s+recording\s+will\s+be\s+(?:emailed|sent|shared))",
    re.I,
)
"""What a host says to an audience."""
_CUSTOMERS_VOICE = re.compile(r"\b(?:i|my|me|we|our|us|it)\b", re.I)
_ADDRESSES_YOU = re.compile(r"\byou(?:r|rs|rself|'re|'ve|'d|'ll)?\b", re.I)
_BRACKETED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_LAID_OUT = re.compile(r"^[ \t]*(?:[-*•]|\d{1,2}[.)]|\||#{1,6})[ \t]", re.M)
"""A list item, a table row or a heading: how documents are laid out, not how speech is written down."""


def not_an_interview(interview: Interview, sides: SpeakerRoles) -> str:
    """Why a file read as speaker turns is no interview, or "": one labelled passage laid out as a document ("Owner:
    Tom Becker · Target: 8 finance leaders" above a screener and a table), or one speaker's few lines in such a
    document (the ``Owner:`` line atop a discussion guide), one voice showing its own product (a recorded demo) or
    presented by its own side (a webinar), a vendor's FAQ, a survey's answers, an interview guide (questions that nobody
    answers: "Q1: Can you tell me about your role?" … "Q7: …"), or meeting notes in which nobody asks anything
    ("Tom: We have recruited six of the eight interviews."). Sides named by metadata are taken as given."""
    if sides.how == "metadata" or interview.format == "audio":
        return ""
    speakers = {turn.speaker for turn in interview.turns}
    if len(speakers) == 1:
        speaker = interview.turns[0].speaker
        if len(interview.turns) == 1 and len(_LAID_OUT.findall(interview.turns[0].text)) >= 3:
            return f"one passage under one label ({speaker!r}) laid out in lists, tables or headings (a document?)"
        # "Hi everyone, I'm Priya, solutions engineer at Ledgerly ... I'll show you ... We built a model ...": one voice
        # showing its own product, with no one to answer it ("our customers", "our pricing" are any SaaS buyer's too).
        shown = len(_SHOWS_ITS_PRODUCT.findall("\n".join(turn.text for turn in interview.turns)))
        if shown >= 2:
            return f"one voice ({speaker!r}) showing a product as its maker {shown} times (a recorded demo?)"
        # "Owner: Rachel Ng  Last edited: 3 March" atop a guide or tracker: the label is a line of the document.
        spoken = sum(len(turn.text) for turn in interview.turns)
        if spoken * 2 < len(interview.text) and len(_LAID_OUT.findall(interview.text)) >= 3:
            return f"one label ({speaker!r}) in a document laid out in lists, tables or headings"
    opening = " ".join(turn.text for turn in interview.turns[:2])
    research = {m.lower() for m in _RESEARCH_WORDS.findall(interview.text)}
    # "Okay, she's dropped off. Let's do the debrief while it's fresh."
    if _DEBRIEF.search(opening) and "debrief" in interview.text.lower() and len(research) >= 2:
        return f"the interviewers' debrief after a call ({'; '.join(sorted(research)[:2])}), not the interview itself"
    # "Welcome back to Close the Books, the podcast ...", "this episode is brought to you by ...": on air from the
    # start (a buyer quoting their own show's intro later in an interview is still interviewed)
    show = {m.lower() for m in _ON_AIR.findall(interview.text)}
    if len(show) >= 2 and _GOES_ON_AIR.search(interview.turns[0].text):
        return f"a podcast or show ({'; '.join(sorted(show)[:2])})"
    people = sorted(set(sides.interviewers) | set(sides.buyers))
    # "Let me show you ...", "We built ...", and everyone else introduces that voice as their own ("I'm joined by Marco
    # Diaz, our head of product") or speaks to an audience ("a question from the audience"): a webinar, a vendor's
    # presentation; in a sales demo or a usability test, the buyer does neither.
    said = {person: " ".join(t.text for t in interview.turns if t.speaker == person) for person in people}
    makers = [person for person in people if len(_SHOWS_ITS_PRODUCT.findall(said[person])) >= 2]
    hosts = [person for person in people if person not in makers]
    if (
        makers
        and hosts
        and all(
            any(introduced_as_colleague(maker).search(said[host]) for maker in makers)
            or len({m.lower() for m in _WEBINAR.findall(said[host])}) >= 2
            for host in hosts
        )
    ):
        shows = "shows" if len(makers) == 1 else "show"
        return f"{', '.join(makers)} {shows} a product as its maker, presented by their own side (a webinar?)"
    # "Can I try it before I buy?" / "We offer a fourteen-day trial ...": questions in a customer's voice answered by
    # the product's maker (a vendor's FAQ); an interview asks about the buyer ("How do you run billing today?").
    questions = [t.text for t in interview.turns if t.speaker in sides.interviewers and "?" in t.text]
    answers = [t.text for t in interview.turns if t.speaker in sides.buyers]
    customers = sum(bool(_CUSTOMERS_VOICE.search(q)) and not _ADDRESSES_YOU.search(q) for q in questions)
    made = 2 * sum(map(maker_remarks, answers)) >= len(answers)
    if len(questions) >= 3 and customers * 3 >= 2 * len(questions) and made:
        return f"{customers} of {len(questions)} questions asked as a customer, answered by its maker (a vendor's FAQ?)"
    asked = sum("?" in t.text for t in interview.turns if t.speaker in sides.interviewers)
    # "Participant: [objections]", "(role, team size)": a guide's placeholder for the answer, no answer
    answered = sum(len(_BRACKETED.sub(" ", t.text).split()) for t in interview.turns if t.speaker in sides.buyers)
    timed = any(t.start is not None for t in interview.turns)  # a recorded call, however terse its answers
    if asked >= 3 and answered < 2 * asked and not timed:
        return f"{asked} questions with {answered} words of answer in all (an interview guide?)"
    # "Q5. Why did you start looking?" above "Respondent 1: ..." and "Respondent 2: ...": a survey's free-text answers
    # (a focus group names its moderator, and its participants answer each other)
    asks = sum("?" in t.text for t in interview.turns) * 10 >= len(interview.turns)
    moderated = bool(interview.meta.interviewer) or re.search(r"\bfocus\s+group\b", interview.text, re.I)
    if sides.how == "labels" and not sides.interviewers and len(sides.buyers) >= 2 and not asks and not moderated:
        return f"answers of {len(sides.buyers)} respondents and hardly anyone asks anything (a survey export?)"
    prompts = sum(bool(_ASKS.search(t.text)) for t in interview.turns if t.speaker in sides.interviewers)
    asking = sum("?" in t.text for t in interview.turns)
    # An interview is led by questions, and a sales call by the buyer's; a team's synthesis notes or chat channel
    # has a few asked in passing by anyone.
    conversation = sides.how == "inferred" and len(people) >= 3 and len(interview.turns) >= 8
    if conversation and prompts <= 2 and asking * 10 < 3 * len(interview.turns):
        times = "once" if prompts == 1 else f"{prompts} times"
        return (f"{len(people)} people talk, {asking} of {len(interview.turns)} turns ask anything, and the side "
                f"that asks most asks {times} (team notes or a chat?)")  # fmt: skip
    punctuated = any("." in t.text for t in interview.turns)
    if sides.how == "inferred" and punctuated and not any(_ASKS.search(t.text) for t in interview.turns):
        return "nobody asks a question in it (meeting notes?)"
    return ""


def _warning(interview: Interview, message: str) -> Problem:
    return Problem(interview.source, f"{interview.source}: {message}", skipped=False)
