"""One buyer interviewed twice: the interviews of one person, so that "raised by 2 of 4 interviewees" counts people.

A follow-up call, or a buyer interviewed once by product and once by marketing, is two interviews of one voice.
Counted as two, a point only she made reads "2 of 4 interviewees" and becomes a pattern, where it is one person's
point. The interviews of one person are found by their buyer's name (``BuyerProfile.name``: the metadata's, else the
transcript's label) and company: the same name at the same named company. A name alone joins nothing: batches reuse
pseudonyms, and two "Omar Haddad"s of unknown companies were two people in this project's own cases. A name that is
no person's (a room, an account many share) never joins two interviews. Every such join is said in the run's
notes, naming the files and the fix, as the counting rests on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace

from .ingest.labels import is_room
from .records import BuyerProfile
from .themes import folded


def with_persons(profiles: Mapping[str, BuyerProfile], company_of: Callable[[str], str]) -> dict[str, BuyerProfile]:
    """``profiles`` (interview id → profile) with ``BuyerProfile.person`` set (``person_keys``); ``company_of``:
    interview id → its buyer's company ("" unknown)."""
    keys = person_keys(profiles, company_of)
    return {interview_id: replace(profile, person=keys[interview_id]) for interview_id, profile in profiles.items()}


ROLE_SOURCES = ("metadata", "title", "signature", "display name", "self-introduction", "introduction", "description",
                "unassigned")  # fmt: skip
"""Where a role came from, surest first (``BuyerProfile.role_source``)."""


def one_role_per_person(profiles: Mapping[str, BuyerProfile]) -> dict[str, BuyerProfile]:
    """``profiles`` (with ``person`` set) where each person's interviews take the role of the one whose role is
    surest (``ROLE_SOURCES``; on a tie, the first interview): a follow-up call that states no title is still the
    same CFO, not a persona of its own. An interview without a title takes that one's."""
    unified = dict(profiles)
    for ids in _interviews_by_person(profiles):
        best = profiles[min(ids, key=lambda i: _sureness(profiles[i].role_source))]
        for interview_id in ids:
            profile = profiles[interview_id]
            if (profile.role, profile.function) != (best.role, best.function):
                title = profile.title or best.title
                unified[interview_id] = replace(
                    profile, role=best.role, function=best.function, role_source=best.role_source, title=title
                )
    return unified


def _interviews_by_person(profiles: Mapping[str, BuyerProfile]) -> list[list[str]]:
    """The interview ids of each person (``BuyerProfile.person_key``), in order."""
    by_person: defaultdict[str, list[str]] = defaultdict(list)
    for interview_id in sorted(profiles):
        by_person[profiles[interview_id].person_key].append(interview_id)
    return list(by_person.values())


def _sureness(role_source: str) -> int:
    """The rank of a role's source in ``ROLE_SOURCES`` (another, a user's, after them all)."""
    return ROLE_SOURCES.index(role_source) if role_source in ROLE_SOURCES else len(ROLE_SOURCES)


def person_keys(profiles: Mapping[str, BuyerProfile], company_of: Callable[[str], str]) -> dict[str, str]:
    """Interview id → a key its buyer shares with the other interviews of the same person (``BuyerProfile.person``):
    the lower-cased name and company, or the interview id where the buyer is not known by name and company.
    Deterministic: depends only on the names and companies, not on the order given.

    ``profiles``: interview id → buyer profile; ``company_of``: interview id → its buyer's company ("" unknown).
    """
    keys = {}
    for interview_id, profile in profiles.items():
        company = folded(company_of(interview_id))
        named = profile.name and company and not profile.account and not is_room(profile.name)
        keys[interview_id] = f"{folded(profile.name)}|{company}" if named else interview_id
    return keys


def repeat_interviewees(profiles: Mapping[str, BuyerProfile], sources: Mapping[str, str]) -> list[str]:
    """A note per person behind more than one interview, naming the files and the fix: the counts rest on it.

    ``profiles``: interview id → profile with ``person`` set (``person_keys``); ``sources``: interview id → file.
    """
    return [
        f"{', '.join(sources[i] for i in ids)}: one person, {profiles[ids[0]].name}, by name and company: counted "
        "once in every 'N of M interviewees' (fix: if they are two people, name them apart in the metadata)"
        for ids in _interviews_by_person(profiles)
        if len(ids) > 1
    ]
