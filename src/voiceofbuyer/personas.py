"""Themes and buyer profiles → one ``Persona`` per role, with counts and the ICP context behind it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from .records import SECTION_TITLES, BuyerProfile, Interview, Persona, Quote, Statement, Theme
from .signals import mentions
from .slugs import unique_slugs
from .themes import distinct, folded, other_buyer, quote_of, said_at, speaker_key, unsure_category

_SIZE_BANDS: tuple[tuple[int, str], ...] = (
    (50, "1-50 employees"),
    (200, "51-200 employees"),
    (1000, "201-1,000 employees"),
    (5000, "1,001-5,000 employees"),
)


def size_band(employees: str) -> str:
    """``"850"`` → ``"201-1,000 employees"``; a value that is not a number is kept as written."""
    digits = re.sub(r"[,\s_]", "", employees)
    if not digits:
        return ""
    if not digits.isdigit():
        return employees.strip()
    count = int(digits)
    return next((band for limit, band in _SIZE_BANDS if count <= limit), "5,000+ employees")


def _tally(values: list[str]) -> tuple[tuple[str, int], ...]:
    return ordered_tally(Counter(value for value in values if value))


_CHIEF_OFFICER = re.compile(r"Chief((?:\s+[A-Z][a-z]+){1,3})\s+Officer")


def as_acronym(title: str) -> str:
    """ "Chief Financial Officer" → "CFO": a C-level title written out counts with its acronym (tester 17: "CFO (1),
    Chief Financial Officer (1)"); any other title as it is."""
    spelled = _CHIEF_OFFICER.fullmatch(title)
    return f"C{''.join(word[0] for word in spelled[1].split())}O" if spelled else title


def ordered_tally(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """(value, count) pairs, most frequent first, then alphabetical."""
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _face(patterns: list[Theme]) -> Theme | None:
    """The pattern whose lead quote is "In their words": the strongest goal, what they are after; without a goal heard
    twice, the strongest pain, else the strongest pattern of any kind; from those whose category the classifier was
    sure of (``unsure_category``) while there is one."""
    for pool in ([t for t in patterns if not unsure_category(t)], patterns):
        chosen = next((t for category in ("goal", "pain") for t in pool if t.category == category), None)
        if chosen or pool:
            return chosen or pool[0]
    return None


def _interviewees(
    members: list[BuyerProfile], statements: list[Statement], company_of: Mapping[str, str]
) -> tuple[str, ...]:
    """Everyone a persona quotes by name: each profiled buyer, and the other named buyers of a group interview. Two
    people of one name (two different ``person_key``s) are told apart by their company (``company_of``: interview id
    → company), else their interview: "Omar Haddad (Acme)", "Omar Haddad (Brightwell)"."""
    people_named: dict[str, set[str]] = {}
    for p in members:
        if p.name:
            people_named.setdefault(folded(p.name), set()).add(p.person_key)
    names = {
        f"{p.name} ({company_of.get(p.interview_id) or p.interview_id})"
        if len(people_named[folded(p.name)]) > 1 else p.name
        for p in members if p.name
    }  # fmt: skip
    profiles = {p.interview_id: p for p in members}
    for statement in statements:
        profile = profiles.get(statement.interview_id)
        if profile is None:
            continue
        other = other_buyer(statement, profile)
        if other:
            names.add(other)
    return distinct(names)


def build_personas(
    profiles: list[BuyerProfile],
    interviews: dict[str, Interview],
    themes: list[Theme],
    statements: list[Statement],
    built: Iterable[Persona] = (),
) -> list[Persona]:
    """One persona per role of ``profiles``, sorted by role: who is behind it (interviews, companies, titles, ICP
    context), its themes by section, "In their words" (the lead quote of its strongest goal, else pain, else any
    pattern), and how its buyers buy: the committee parts they play and the channels they name (``signals``, from
    ``statements``). ``built``: personas built before from the same profiles and statements (a run's, before its
    review decisions), whose committee parts and channels are taken as they are: no decision changes what buyers
    said, and finding them is most of this function's time."""
    before = {p.role: p for p in built}
    by_interview = {p.interview_id: p for p in profiles}

    def quote_for(statement: Statement) -> Quote:
        return quote_of(statement, interviews[statement.interview_id], by_interview[statement.interview_id])

    def person_of(interview_id: str) -> str:
        return by_interview[interview_id].person_key

    personas = []
    slugs = unique_slugs(p.role for p in profiles)
    # Each role's statements in one pass, in their order: a pass per role over the batch's was most of the
    # persona stage at a thousand interviews.
    said_in_role: dict[str, list[Statement]] = {role: [] for role in slugs}
    for statement in statements:
        profile = by_interview.get(statement.interview_id)
        if profile is not None:
            said_in_role[profile.role].append(statement)
    for role in sorted(slugs):
        members = [p for p in profiles if p.role == role]
        mine = said_in_role[role]
        metas = [interviews[p.interview_id].meta for p in members]
        role_themes = [t for t in themes if t.role == role]
        # Within a section, the themes whose category the classifier was sure of first (each kept in rank order):
        # the one-page persona shows a section's top three.
        sections = tuple(
            (category, tuple(sorted((t for t in role_themes if t.category == category), key=unsure_category)))
            for category in SECTION_TITLES
        )
        face = _face([t for t in role_themes if not t.mentioned_once and t.quotes])
        ids = [p.interview_id for p in members]
        # a group interview's other named buyers count too, as the persona lists them (``speaker_key``)
        speakers = {speaker_key(s, by_interview[s.interview_id]) for s in mine}
        # the interviews' companies, and those a group interview's other buyers are of (``said_at``)
        said = [said_at(s, by_interview[s.interview_id], interviews[s.interview_id]) for s in mine]
        companies = distinct([*(m.company for m in metas), *said])
        same = before.get(role)
        same = same if same and same.interviews == tuple(sorted(ids)) else None
        personas.append(
            Persona(
                role=role,
                slug=slugs[role],
                interviews=tuple(sorted(ids)),
                interviewees=_interviewees(members, mine, {i: interviews[i].meta.company for i in ids}),
                companies=companies,
                titles=_tally([as_acronym(p.title) for p in members]),
                industries=_tally([m.industry for m in metas]),
                company_sizes=_tally([size_band(m.employees) for m in metas]),
                regions=_tally([m.region for m in metas]),
                sections=sections,
                in_their_words=face.quotes[0] if face else None,
                themes_total=sum(1 for t in role_themes if not t.mentioned_once),
                committee=same.committee if same else mentions(mine, ids, quote_for, person_of, committee=True),
                channels=same.channels if same else mentions(mine, ids, quote_for, person_of, committee=False),
                people=tuple(sorted({p.person_key for p in members} | speakers)),
            )
        )
    return personas


def role_now(role: str, personas: Iterable[str], profiles: Iterable[BuyerProfile]) -> str | None:
    """Of the ``personas``' roles, the one a decision made on ``role``'s persona lands on: ``role`` itself, else the
    one persona its people's role now goes by as their job function grew or shrank ("Procurement", three interviews
    merged into their function, is "Procurement Manager" with a fourth, and back again: tester 40); None when there
    is no such one. ``profiles``: the buyers' profiles, with their roles and job functions."""
    personas = list(personas)
    if role in personas:
        return role
    functions: dict[str, set[str]] = {}
    for profile in profiles:
        functions.setdefault(profile.role, set()).add(profile.function)
    now = [
        current for current in personas
        if role in functions.get(current, set())  # "Procurement" → the one persona of that function
        or (current in functions.get(current, set()) and role.startswith(f"{current} "))  # and back
    ]  # fmt: skip
    return now[0] if len(now) == 1 else None
