"""One buyer interviewed twice: the interviews of one person, so that "raised by 2 of 4 interviewees" counts people.

A follow-up call, or a buyer interviewed once by product and once by marketing, is two interviews of one voice.
Counted as two, a point only she made reads "2 of 4 interviewees" and becomes a pattern, where it is one person's
point. The interviews of one person are found by their buyer's name (``BuyerProfile.name``: the metadata's, else the
transcript's label) and company: the same full name ("Dana Whitfield") at the same company, or where only one of
the two names a company; a first name alone ("Dana") only at the same named company. A name that is no person's (a
room, an account many share) never joins two interviews. Every such join is said in the run's notes, naming the
files and the fix, as the counting rests on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace

from .ingest.labels import is_room
from .records import BuyerProfile


def with_persons(profiles: Mapping[str, BuyerProfile], company_of: Callable[[str], str]) -> dict[str, BuyerProfile]:
    """``profiles`` (interview id → profile) with ``BuyerProfile.person`` set (``person_keys``); ``company_of``:
    interview id → its buyer's company ("" unknown)."""
    keys = person_keys(profiles, company_of)
    return {interview_id: replace(profile, person=keys[interview_id]) for interview_id, profile in profiles.items()}


def person_keys(profiles: Mapping[str, BuyerProfile], company_of: Callable[[str], str]) -> dict[str, str]:
    """Interview id → a key its buyer shares with the other interviews of the same person (``BuyerProfile.person``):
    the lower-cased name and company, or the interview id where the buyer is not known by name. Deterministic:
    depends only on the names and companies, not on the order given.

    ``profiles``: interview id → buyer profile; ``company_of``: interview id → its buyer's company ("" unknown).
    """
    by_name: defaultdict[str, list[str]] = defaultdict(list)
    keys = {interview_id: interview_id for interview_id in profiles}
    for interview_id in sorted(profiles):
        profile = profiles[interview_id]
        if profile.name and not profile.account and not is_room(profile.name):
            by_name[" ".join(profile.name.casefold().split())].append(interview_id)
    for name, ids in by_name.items():
        companies = {interview_id: " ".join(company_of(interview_id).casefold().split()) for interview_id in ids}
        named = sorted(set(companies.values()) - {""})
        full_name = len(name.split()) > 1
        for interview_id in ids:
            # A full name without a company is the one person named so where the batch places them at one company
            # only; a first name is too common to join anything but the same named company's interviews.
            company = companies[interview_id] or (named[0] if full_name and len(named) == 1 else "")
            if company or full_name:
                keys[interview_id] = f"{name}|{company}"
    return keys


def repeat_interviewees(profiles: Mapping[str, BuyerProfile], sources: Mapping[str, str]) -> list[str]:
    """A note per person behind more than one interview, naming the files and the fix: the counts rest on it.

    ``profiles``: interview id → profile with ``person`` set (``person_keys``); ``sources``: interview id → file.
    """
    interviews: defaultdict[str, list[str]] = defaultdict(list)
    for interview_id in sorted(profiles):
        interviews[profiles[interview_id].person or interview_id].append(interview_id)
    return [
        f"{', '.join(sources[i] for i in ids)}: one person, {profiles[ids[0]].name}, by name and company: counted "
        "once in every 'N of M interviewees' (fix: if they are two people, name them apart in the metadata)"
        for ids in interviews.values()
        if len(ids) > 1
    ]
