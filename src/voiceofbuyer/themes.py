"""Groups of statements of one (role, category) (see ``cluster``) → ``Theme``s: label, strength, quotes.

Labels are keyphrases of a theme's statements (``theme_titles``); quotes are chosen close to the theme's centre,
clearly of its category, from different interviews where possible, and as complete first-person sentences where
possible.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from .coherence import coherence
from .ingest.speaker_names import UNNAMED, display_speaker, same_person
from .records import BuyerProfile, Citation, Interview, Quote, Statement, Theme
from .slugs import slugify
from .theme_titles import label_groups
from .wording import RESTARTED, UNFINISHED

_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|we|we're|we've|we'd|my|our|us|me)\b", re.I)
# Openings that lean on what was said before ("It's always a busy week."): weak as a lead quote.
# Openings that lean on what came before: a back-reference, or a link to the sentence before ("However, ...",
# "For example, ...", "Similarly, ...", "And then I need the payment piece to be separate": tester 43).
_CONTEXT_OPENING = re.compile(
    r"^(it|it's|that|that's|this|which|they|they're|he|she|then|not|those|these|there|same|both|either|however"
    r"|and|or|plus|but|similarly|likewise|also|additionally|otherwise|instead|therefore|thus|hence|for\s+(?:example|instance)"
    r"|in\s+addition|on\s+the\s+other\s+hand|firstly|secondly|thirdly|lastly|finally|again|(?:as|like)\s+i\s+said"
    r"|as\s+(?:i\s+)?mentioned)\b",
    re.I,
)
# Traces of speech a reader stumbles on: words said again at a restart ("It it's", "I'm gonna, I'm gonna"), fillers the
# clean-up keeps because they may be words ("blah", "you know", "I mean", "like,"), a clause broken off mid-way.
_RESTART = re.compile(r"\b(\w+(?:['’]\w+)?(?: \w+(?:['’]\w+)?){0,2}),? \1\b", re.I)
_VERBAL_FILLER = re.compile(r"\b(blah|you know|i mean|kind of like|sort of like|like,|let's say)", re.I)
_BROKEN_OFF = re.compile(r"\b" + RESTARTED, re.I)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir"})
_QUALITY_WEIGHT = 0.3
_CONFIDENCE_WEIGHT = 0.3
_LEAD_CONFIDENCE_WEIGHT = 0.7
"""Added for the lead alone: judged against the codebook, 7 of 26 real typed leads under confidence 0.5 were of
their theme's category, 46 of 51 at 0.9 and over (tester X, 2026-12-04)."""
_LEAD_FLUENCY_WEIGHT = 0.2
_MMR_DIVERSITY = 0.35


def theme_id(role: str, category: str, statement_ids: list[str]) -> str:
    """``<role slug>--<category>--<hash of the sorted statement ids>``: the same statements, the same id."""
    digest = hashlib.sha256("\n".join(sorted(statement_ids)).encode()).hexdigest()[:10]
    return f"{slugify(role)}--{category}--{digest}"


def quote_quality(text: str) -> float:
    """How well a statement stands alone as a lead quote: a complete, first-person sentence of fair length."""
    words = len(text.split())
    score = 0.0
    if _FIRST_PERSON.search(text):
        score += 0.5
    if 8 <= words <= 40:
        score += 0.5
    elif words >= 5:
        score += 0.2
    if text.rstrip().endswith((".", "!", "?")):
        score += 0.2
    if _CONTEXT_OPENING.match(text):
        score -= 0.4
    return score - 0.5 * min(disfluency(text), 3)


def disfluency(text: str) -> int:
    """How many traces of unedited speech a quote keeps: restarts ("It it's not reduced the cost."), verbal
    fillers ("blah, blah", "you know"), and clauses broken off at a comma ("We were quite, maybe we should ...")."""
    restarts = len(_RESTART.findall(text)) + len(_VERBAL_FILLER.findall(text))
    return restarts + sum(1 for word in _BROKEN_OFF.findall(text) if word.lower() in UNFINISHED)


def representative(
    group: list[Statement],
    count: int,
    vectors: Mapping[str, np.ndarray] | None = None,
    keep: Iterable[str] = (),
    confidence: Mapping[str, float] | None = None,
) -> list[Statement]:
    """Up to ``count`` of ``group`` as quotes, lead first: the statements of ``keep`` (ids, in their order: quotes a
    reviewer kept) first, then the best others: central (with ``vectors``, text → unit vector: similarity to the
    group's mean), good as quotes (``quote_quality``), clearly of their category (``confidence``: the classifier's,
    0-1, by statement id; for the lead above all), unlike those chosen, and from interviews not yet quoted while any
    is left. A quote not kept by a reviewer is one
    that stands on its own (``Statement.standalone``): a theme with fewer such statements shows fewer quotes (its
    fragments stay evidence), and only a theme with none at all is led by a fragment.

    The run's rule and the review desk's: the desk, which holds no vectors, ranks by quality, confidence and variety."""
    by_id = {s.id: index for index, s in enumerate(group)}
    chosen = [by_id[i] for i in keep if i in by_id][:count]
    quality = _QUALITY_WEIGHT * np.array([quote_quality(s.text) for s in group])
    # A statement the classifier barely put in the category is a poor face for the theme.
    certainty = np.array([confidence.get(s.id, 0.0) for s in group]) if confidence is not None else np.zeros(len(group))
    quality += _CONFIDENCE_WEIGHT * certainty
    matrix = None
    if vectors is not None:
        matrix = np.stack([vectors[s.text] for s in group])
        centre = matrix.mean(axis=0)
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        relevance = matrix @ centre + quality
    else:
        relevance = quality
    # The face of the theme: above all clearly of its category, and said fluently. A trace of speech costs the lead
    # as much as 0.35 of confidence: this weight and quote_quality's share (0.5 × _QUALITY_WEIGHT). At 0.29, a broken
    # clause led a pattern of the real spoken set that a fluent sentence could (9 of its 70 leads kept traces, now 8).
    traces = np.array([min(disfluency(s.text), 3) for s in group])
    lead_relevance = relevance + _LEAD_CONFIDENCE_WEIGHT * certainty - _LEAD_FLUENCY_WEIGHT * traces
    while len(chosen) < min(count, len(group)):
        best, best_score = -1, -math.inf
        # A fragment may be a theme's face only when the theme has no whole sentence; never a supporting quote.
        only_standalone = bool(chosen) or any(s.standalone for index, s in enumerate(group) if index not in chosen)
        candidates = [
            index for index, statement in enumerate(group)
            if index not in chosen and (statement.standalone or not only_standalone)
        ]  # fmt: skip
        quoted = {group[j].interview_id for j in chosen}
        # Other interviews first: three quotes of one interview make a pattern of two look like one person's.
        if any(group[index].interview_id not in quoted for index in candidates):
            candidates = [index for index in candidates if group[index].interview_id not in quoted]
        for index in candidates:
            statement = group[index]
            score = float(relevance[index] if chosen else lead_relevance[index])
            if chosen and matrix is not None:
                similarity = max(float(matrix[index] @ matrix[j]) for j in chosen)
                score = (1 - _MMR_DIVERSITY) * score - _MMR_DIVERSITY * similarity
            if score > best_score or (score == best_score and statement.id < group[best].id):
                best, best_score = index, score
        if best < 0:
            break
        chosen.append(best)
    return [group[i] for i in chosen]


def build_themes(
    role: str,
    category: str,
    groups: list[list[Statement]],
    vectors: Mapping[str, np.ndarray],
    quotes_per_theme: int,
    company_of: Callable[[Statement], str],
    person_of: Callable[[Statement], str],
    quote_for: Callable[[Statement], Quote],
    names: frozenset[str] = frozenset(),
    phrase_vectors: Mapping[str, np.ndarray] | None = None,
    confidence: Mapping[str, float] | None = None,
) -> list[Theme]:
    """Themes strongest first (``theme_rank``). ``company_of``: statement → the company of who said it (``said_at``);
    ``person_of``: statement → who said it (``speaker_key``); ``names``: lower-cased words
    of the people and companies the batch names (speakers, metadata), never used in a title; ``phrase_vectors``:
    the ``title_candidates`` of ``groups`` → unit vectors of the model of ``vectors`` (``label_groups``);
    ``confidence``: the classifier's, by statement id, for choosing quotes (``representative``)."""
    # Quotes first: a title the quotes shown say is preferred (``keybert_title``).
    chosen = [
        representative(group, quotes_per_theme, vectors, confidence=confidence)
        if any(s.standalone for s in group) else []
        for group in groups
    ]  # fmt: skip
    labels = label_groups(groups, names, vectors, phrase_vectors, [[s.text for s in c] for c in chosen])
    themes = []
    for group, (label, keywords), shown in zip(groups, labels, chosen, strict=True):
        if not shown:
            continue  # nothing in it stands on its own as a quote: its statements stay evidence, in no theme
        interviews, companies, people = reach(group, company_of, person_of)
        quotes = tuple(quote_for(s) for s in shown)
        themes.append(
            Theme(
                id=theme_id(role, category, [s.id for s in group]),
                role=role,
                category=category,
                label=label,
                keywords=keywords,
                statement_ids=tuple(sorted(s.id for s in group)),
                quotes=quotes,
                interviews=interviews,
                companies=companies,
                coherence=coherence(group, vectors),
                lead_confidence=confidence.get(quotes[0].statement_id) if quotes and confidence is not None else None,
                people=people,
            )
        )
    return sorted(themes, key=theme_rank)


UNSURE_LEAD = 0.5
"""Below this confidence of the classifier in its lead's category, a theme is marked unsure of its category and never
speaks for its persona ("In short", "In their words"): judged against the codebook, 7 of 26 real typed leads under
0.5 were of their theme's category (tester X, 2026-12-04)."""


def unsure_category(theme: Theme) -> bool:
    """Whether the classifier was less than ``UNSURE_LEAD`` sure of the theme's lead's category."""
    return is_unsure(theme.lead_confidence)


def is_unsure(lead_confidence: float | None) -> bool:
    """Whether a theme whose lead the classifier put in its category this sure is unsure (None: not known, never)."""
    return lead_confidence is not None and lead_confidence < UNSURE_LEAD


def theme_rank(theme: Theme) -> tuple[int, int, int, int, str, str]:
    """Sort key within a (role, category): strongest first, by interviewees, interviews, companies, then
    statements."""
    return (
        -theme.interviewee_count, -len(theme.interviews), -len(theme.companies), -len(theme.statement_ids),
        theme.label, theme.id,
    )  # fmt: skip


def _same_name(speaker: str, name: str) -> bool:
    """Whether a speaker label and a buyer's name share a name ("Jane O'Neil" and "Dr. Jane O'Neil", "Dana" and
    "Dana Whitfield")."""
    words = {word.casefold() for word in _NAME_WORD.findall(speaker)} - _HONORIFICS
    return bool(words & {word.casefold() for word in _NAME_WORD.findall(name)})


def reach(
    statements: Iterable[Statement], company_of: Callable[[Statement], str], person_of: Callable[[Statement], str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The interviews, the companies (of who said each: ``said_at``) and the people (``speaker_key``) behind some
    statements."""
    said = list(statements)
    interviews = tuple(sorted({s.interview_id for s in said}))
    return interviews, distinct(company_of(s) for s in said), tuple(sorted({person_of(s) for s in said}))


def said_at(statement: Statement, profile: BuyerProfile, interview: Interview) -> str:
    """The company of who said ``statement``: a group interview's other buyer's own (``BuyerProfile.members``: a
    panel's member is never counted at another's company, tester 37), else the interview's (its metadata's, or the
    one its buyer named); "" unknown."""
    member = profile.member(statement.speaker)
    return member.company if member else interview.meta.company


def other_buyer(statement: Statement, profile: BuyerProfile) -> str:
    """The name of the buyer who said ``statement`` where it is another named buyer of a group interview than the
    profiled one ("Lena Fischer" on Jorge Amado's call), else "": an unnamed voice, and a label of the profiled
    buyer's ("Kofi's iPhone" is Kofi Mensah), are the profiled buyer."""
    shown = display_speaker(statement.speaker, profile)
    return "" if shown == UNNAMED or same_person(shown, profile.name or shown) else shown


def speaker_key(statement: Statement, profile: BuyerProfile) -> str:
    """Who said ``statement``, as counted in "N of M interviewees": the profiled buyer (``BuyerProfile.person_key``),
    or another named buyer (``other_buyer``), as the persona lists them (four people listed were "of 3"; tester 33):
    nobody is counted twice."""
    other = other_buyer(statement, profile)
    return f"{profile.person_key}+{folded(other)}" if other else profile.person_key


def distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Names ("Brightwell Health", "brightwell  health") each once, whatever their case and spacing, in order (the
    first form of each, in sorted order, is shown); "" left out."""
    forms: dict[str, str] = {}
    for name in sorted(names):
        if name:
            forms.setdefault(folded(name), name)
    return tuple(sorted(forms.values(), key=str.casefold))


def folded(name: str) -> str:
    """A name as compared: lower case, one space between words ("Brightwell  Health" → "brightwell health")."""
    return " ".join(name.casefold().split())


def quote_of(statement: Statement, interview: Interview, profile: BuyerProfile) -> Quote:
    """A statement as a quote citing its speaker, interview and time (or line). The buyer's title is cited only beside
    that buyer's own words: another buyer of a group interview is cited with their own title and company
    (``BuyerProfile.members``), one the profile does not know by name alone, and of unnamed ones only the one who
    said the title cites it (``BuyerProfile.speaker``)."""
    speaker = display_speaker(statement.speaker, profile)
    named_other = bool(profile.name) and not _same_name(speaker, profile.name)
    someone_else = named_other or (bool(profile.speaker) and statement.speaker != profile.speaker)
    member = profile.member(statement.speaker)
    title = member.title if member else "" if someone_else else profile.title
    return Quote(
        statement.id,
        statement.text,
        Citation(
            interview_id=interview.id,
            source=interview.source,
            speaker=speaker,
            title=title,
            company=member.company if member else interview.meta.company,
            line=interview.text.count("\n", 0, statement.start_char) + 1,
            start=statement.start,
            speaker_uncertain=statement.speaker_uncertain,
        ),
    )
