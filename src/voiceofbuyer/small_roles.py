"""Roles met in too few interviewees merged into their job function, so a batch gives a few personas with several
voices each, not one persona per person (one buyer interviewed twice is one voice, ``BuyerProfile.person_key``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from .records import BuyerProfile
from .roles import OTHER, OTHER_ROLES, job_functions


def merge_small_roles(profiles: dict[str, BuyerProfile], min_interviews: int) -> dict[str, BuyerProfile]:
    """Roles of a job function with fewer than ``min_interviews`` interviewees (people) merged into the function.

    The small roles' buyers form one persona named after the function ("Finance"), unless that would still be
    too small: then they join the function's largest role, or, when the function has none, its family's persona
    when the family's functions so pooled reach ``min_interviews`` together ("Finance & Accounting"), else
    ``OTHER_ROLES`` (named after the function instead when it is the only one that catch-all would hold). Titles
    are kept, so the persona still lists who is behind it. Roles of the user's taxonomy and from metadata never merge.
    """
    sizes = Counter(role for role, _ in {(p.role, p.person_key) for p in profiles.values()})
    by_function: dict[str, set[str]] = defaultdict(set)
    for profile in profiles.values():
        if profile.function and profile.role_source != "metadata":
            by_function[profile.function].add(profile.role)
    target: dict[str, str] = {}
    for function, roles in by_function.items():
        small = {role for role in roles if sizes[role] < min_interviews}
        if not small:
            continue
        large = sorted(roles - small, key=lambda role: (-sizes[role], role))
        merged = sum(sizes[role] for role in small)
        if large and merged < min_interviews:
            destination = large[0]
        elif function == OTHER or merged < min_interviews:
            destination = OTHER_ROLES  # a function met once or twice is no persona yet
        else:
            destination = function
        target.update(dict.fromkeys(small, destination))
    # Functions too small alone that are of one family make one persona together when they are large enough
    # (tester 25: two controllers, Accounting, and two finance managers, Finance, were "Other roles").
    families = {function.name: function.family for function in job_functions()[0] if function.family}
    pooled_by_family: dict[str, list[str]] = defaultdict(list)
    for function, roles in sorted(by_function.items()):
        if function in families and all(target.get(role) == OTHER_ROLES for role in roles):
            pooled_by_family[families[function]].append(function)
    for family, functions in pooled_by_family.items():
        if len(functions) > 1 and sum(sizes[r] for f in functions for r in by_function[f]) >= min_interviews:
            target.update({role: family for function in functions for role in by_function[function]})
    # Everyone the catch-all would hold does one job (a batch of two procurement interviews): say which.
    pooled = {function for function, roles in by_function.items() if any(target.get(r) == OTHER_ROLES for r in roles)}
    alone = sizes[OTHER_ROLES] == 0 and len(pooled) == 1 and OTHER not in pooled
    if alone:
        function = pooled.pop()
        target = {role: function if to == OTHER_ROLES else to for role, to in target.items()}
    return {
        key: replace(p, role=target[p.role]) if p.role in target and p.role_source != "metadata" else p
        for key, p in profiles.items()
    }
