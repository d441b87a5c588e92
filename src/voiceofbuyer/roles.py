"""Which persona role a title belongs to, by the user's taxonomy or the built-in job functions (the buyer behind an
interview and their title are read in ``profiles``).

Titles vary, roles do not. A title is mapped to a role by, in order:

1. the user's taxonomy (``[roles]`` in voiceofbuyer.toml: role → title patterns), which always wins;
2. the built-in taxonomy of job functions (``data/job_functions.toml``): title patterns, then, for a title no
   pattern matches, the function whose example titles it is closest to by sentence embedding; the role is the
   function and the seniority the title shows ("VP Finance" → Finance Leader, "AP Clerk" → Accounting
   Professional);
3. else the title itself.

Nobody is ``Unassigned`` who says what they do. Roles too small to be a persona (fewer than
``min_interviews_per_role`` interviews) are merged into their function (see ``small_roles``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from .records import BuyerProfile
from .title_phrases import CLIENT_OR_PLACE

Taxonomy = tuple[tuple[str, tuple[str, ...]], ...]
"""A user's role taxonomy: (role, title patterns), in the order of the config."""
Embed = Callable[[list[str]], Mapping[str, np.ndarray]]
"""Texts → their normalised sentence vectors (the pipeline's cached embedder)."""

OTHER = "Other"
"""The function of a title that no function of the taxonomy takes; small roles of it merge into ``OTHER_ROLES``."""
OTHER_ROLES = "Other roles"
SIMILARITY = 0.55
"""A title joins the function whose example titles it is closest to only this close (cosine) or closer."""

# Normalised title vocabulary: multi-word forms first, so "chief financial officer" becomes "cfo".
_TITLE_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("chief information security officer", "ciso"),
    ("chief financial officer", "cfo"),
    ("chief information officer", "cio"),
    ("chief technology officer", "cto"),
    ("chief revenue officer", "cro"),
    ("chief marketing officer", "cmo"),
    ("chief operating officer", "coo"),
    ("chief executive officer", "ceo"),
    ("chief people officer", "chro"),
    ("chief product officer", "cpo"),
    ("accounts payable", "ap"),
    ("accounts receivable", "ar"),
    ("accounts executive", "accounting executive"),  # in India and the UK a clerk in accounts, not sales
    ("account payable", "ap"),
    ("vice president", "vp"),
    ("avp", "vp"),  # an assistant vice president
    ("eng", "engineering"),  # "VP Eng"
    ("ops", "operations"),  # "Sales Ops Manager": sales operations
    ("information technology", "it"),
    ("human resources", "hr"),
    ("machine learning", "ml"),
    ("artificial intelligence", "ai"),
    ("financial", "finance"),
)
_TITLE_STOPWORDS = frozenset({"of", "the", "for", "and", "a", "an", "at", "in", "on", "to"})
_SENIORITY = frozenset({"senior", "junior", "sr", "jr", "principal", "staff", "associate", "lead"})
LEVELS = ("leader", "manager", "professional")
# A title of these words alone ("Manager", "Senior Lead") says a seniority, not a job: it joins no function by
# likeness.
_SENIORITY_ONLY = frozenset(
    {"manager", "director", "lead", "head", "senior", "junior", "assistant", "supervisor", "specialist", "owner",
     "freelancer", "contractor", "professional", "worker", "employee", "staff", "executive", "officer",
     "associate", "coordinator", "administrator", "partner", "principal", "representative", "rep", "agent",
     "member", "leader", "chief", "vp", "sr", "jr", "team", "general", "deputy", "acting", "interim"}
)  # fmt: skip
_NO_LIKENESS = frozenset({"commercial", "registrar"})
"""Words of titles that name different jobs in different places, so no likeness to example titles says which: a
"Head of Commercial" buys for an NHS trust and sells for a drinks maker, a registrar treats patients or keeps a
university's records (tester 36); what the buyer says of their work decides (``is_vague``)."""
# Job words that say no field: an "engineer" may build bridges or software, a "contractor" do anything.
_NO_FIELD = frozenset(
    {"engineer", "technician", "tech", "consultant", "analyst", "contract", "independent", "freelance", "self",
     "employed", "business", "company", "small", "owner", "worker", "professional", "sole", "trader"}
)  # fmt: skip

_OWNING = frozenset({"owner", "trader", "employed"})
"""Words of a title that say the buyer runs their own business ("Business Owner", "Sole Trader", "Self Employed")."""

DESCRIPTION_CHARS = 1500
"""How much of the buyer's first answers is read for their job (the embedding model reads about 1,000
characters)."""


def normalise_title(title: str) -> str:
    """Lower-case words without punctuation or stop words, with long forms shortened ("VP of Finance" → "vp
    finance", "Head of Accounts Payable" → "head ap")."""
    text = " " + re.sub(r"[^\w\s]", " ", title.lower().replace("&", " and ")) + " "
    text = re.sub(r"\s+", " ", text)
    for phrase, short in _TITLE_SYNONYMS:
        text = text.replace(f" {phrase} ", f" {short} ")
    return " ".join(_singular(word) for word in text.split() if word not in _TITLE_STOPWORDS)


def _singular(word: str) -> str:
    """ "teachers" → "teacher", "facilities" → "facility": titles and patterns meet in the singular."""
    if len(word) > 5 and word.endswith("ies") and word not in ("securities", "species", "series"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


@dataclass(frozen=True)
class JobFunction:
    """A built-in job function (``data/job_functions.toml``): title patterns, example titles, its roles."""

    name: str
    patterns: tuple[frozenset[str], ...]
    """Each a set of normalised words that must all occur in a title."""
    examples: tuple[str, ...]
    roles: tuple[str, ...]
    """The roles of a leader, a manager and a professional of the function; empty: one role, the function."""
    family: str = ""
    """Functions of one family ("Finance & Accounting") too small alone make one persona together."""
    activities: tuple[str, ...] = ()
    """What someone in the function says of their work without a title ("I process supplier invoices ..."):
    training examples of the job-description model besides the labelled participants."""


@dataclass(frozen=True)
class RoleMatch:
    """The role a title maps to, and the job function it came from."""

    role: str
    function: str
    """The job function: "" for a role of the user's taxonomy, ``OTHER`` for a title no function takes."""


@lru_cache(maxsize=1)
def job_functions() -> tuple[tuple[JobFunction, ...], dict[str, tuple[frozenset[str], ...]]]:
    """The built-in functions, and the seniority patterns (``leader``, ``manager``)."""
    text = resources.files("voiceofbuyer").joinpath("data/job_functions.toml").read_text("utf-8")
    table = tomllib.loads(text)
    functions = tuple(
        JobFunction(
            name,
            tuple(frozenset(normalise_title(p).split()) for p in spec["patterns"]),
            tuple(spec["examples"]),
            tuple(spec.get("roles", ())),
            spec.get("family", ""),
            tuple(spec.get("activities", ())),
        )
        for name, spec in table["functions"].items()
    )
    seniority = {level: tuple(frozenset(normalise_title(p).split()) for p in patterns)
                 for level, patterns in table["seniority"].items()}  # fmt: skip
    return functions, seniority


def function_mentions(texts: list[str]) -> np.ndarray:
    """How often each built-in function's title patterns occur in each text, ``log(1 + count)``; shape
    ``(len(texts), len(functions))`` in ``job_functions()`` order ("my students", "lesson plans" → Education)."""
    functions, _ = job_functions()
    counts = np.zeros((len(texts), len(functions)))
    for row, text in enumerate(texts):
        words = set(normalise_title(text).split())
        if not re.search(r"\bIT\b", text):
            words.discard("it")  # "if it needs a week of training": the pronoun, not the department (tester 19)
        for column, function in enumerate(functions):
            counts[row, column] = sum(pattern <= words for pattern in function.patterns)
    return np.log1p(counts)


def _best(words: set[str], candidates: Iterable[tuple[str, Iterable[frozenset[str]]]]) -> str:
    """The candidate with the longest pattern whose words all occur in ``words`` (the first on a tie)."""
    best, length = "", 0
    for name, patterns in candidates:
        for pattern in patterns:
            if pattern and pattern <= words and len(pattern) > length:
                best, length = name, len(pattern)
    return best


def names_a_function(phrase: str) -> bool:
    """Whether a phrase holds a built-in job function's title pattern ("procurement", "accounts payable")."""
    functions, _ = job_functions()
    return bool(_best(set(normalise_title(phrase).split()), ((f.name, f.patterns) for f in functions)))


def seniority(title: str) -> str:
    """``leader``, ``manager`` or ``professional``, from the words of a title."""
    _, patterns = job_functions()
    return _best(set(normalise_title(title).split()), patterns.items()) or "professional"


def function_role(function: JobFunction, title: str) -> str:
    """The role of a title in a function: the function and the title's seniority ("Finance Leader")."""
    if not function.roles:
        return function.name
    return function.roles[LEVELS.index(seniority(title))]


def role_for_title(title: str, taxonomy: Taxonomy, embed: Embed | None = None) -> RoleMatch:
    """The role of a title: the user's taxonomy, else a job function by pattern, else by embedding similarity
    (when ``embed`` is given), else the title itself without seniority words."""
    words = set(normalise_title(title).split())
    if not words:
        return RoleMatch("", "")
    user_role = _best(words, ((role, (frozenset(normalise_title(p).split()) for p in patterns))
                              for role, patterns in taxonomy))  # fmt: skip
    if user_role:
        return RoleMatch(user_role, "")
    functions, _ = job_functions()
    # "Sales Director for Healthcare", "Nurse at a clinic": the job is before the client or the place; what follows
    # decides only where the job itself names no function ("Director for Finance").
    head = set(normalise_title(CLIENT_OR_PLACE.split(title, maxsplit=1)[0]).split())
    name = _best(head, ((f.name, f.patterns) for f in functions)) if head != words else ""
    name = name or _best(words, ((f.name, f.patterns) for f in functions))
    if not name and words <= _SENIORITY_ONLY:
        return RoleMatch("", "")  # "Manager": a seniority, no job; what they say about their work decides
    if not name and embed is not None and not words & _NO_LIKENESS:
        name = closest_function(title, embed)
    if name:
        function = next(f for f in functions if f.name == name)
        return RoleMatch(function_role(function, title), function.name)
    core = [word for word in title.split() if word.lower() not in _SENIORITY]
    role = " ".join(word if word.isupper() else word.capitalize() for word in core) or title.strip()
    return RoleMatch(role, OTHER)


def closest_function(title: str, embed: Embed) -> str:
    """The function whose example titles ``title`` is most similar to, if at least ``SIMILARITY``; else ""."""
    functions, _ = job_functions()
    examples = [(f.name, example) for f in functions for example in f.examples]
    vectors = embed([title] + [example for _, example in examples])
    scores = np.array([float(vectors[title] @ vectors[example]) for _, example in examples])
    best = int(np.argmax(scores))
    return examples[best][0] if scores[best] >= SIMILARITY else ""


def is_vague(profile: BuyerProfile) -> bool:
    """A title from what the buyer said that names a seniority or a kind of work but no field ("Director",
    "Business Owner", "Engineer", "Independent Contractor"), or a job no function of the taxonomy knows ("Head of
    Commercial"): what they say about their work tells the function better."""
    words = set(normalise_title(profile.title).split())
    said = profile.role_source == "self-introduction" and bool(words)
    # A title no function knows ("Head of Commercial", "Bursar") says less than their account of the work
    # ("In the NHS that's procurement and contracts"; tester 36).
    vague = said and (words <= _SENIORITY_ONLY | _NO_FIELD or profile.function == OTHER)
    # Running one's own business is a function of its own, whatever it sells ("Business Owner" who writes the
    # company's posts is its owner, not a marketer): docs/labelling.md, job functions rule 1.
    return vague and not words & _OWNING


def from_description(profile: BuyerProfile, function_name: str) -> BuyerProfile:
    """An unassigned buyer's profile with the function their account of their work points to, at the seniority
    of the title they gave ("Manager" who talks about lesson plans → Education Manager; no title → the function's
    professional). With no function, a buyer who gave a title joins ``OTHER_ROLES``; one who gave none stays
    unassigned."""
    functions, _ = job_functions()
    function = next((f for f in functions if f.name == function_name), None)
    if function is None:
        if profile.title:
            return replace(profile, role=OTHER_ROLES, role_source="self-introduction", function=OTHER)
        return profile
    return replace(profile, role=function_role(function, profile.title), role_source="description",
                   function=function.name)  # fmt: skip
