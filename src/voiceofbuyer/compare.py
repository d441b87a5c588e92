"""Roles side by side (``compare.html``): the concerns several roles share, and those that belong to one.

Themes are found per role; to line roles up, two themes of the same category but different roles are the same
concern when their centres are alike: the centre of a theme is the mean of its statements' unit sentence vectors,
normalised, and two centres with a cosine of at least ``[personas] shared_similarity`` (0.65: on the sample, the
auditors' finding behind a finance leader's trigger and the board audit behind an IT evaluator's scored 0.75,
unrelated points 0.45-0.6) may be one. A concern holds at most one theme per role (see ``_link``), so its count
for a role is that theme's interviewees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from .coherence import WEAK_COHERENCE, centre
from .records import Persona, Quote, RunResult, Statement, Theme
from .themes import theme_rank

COMPARED: tuple[str, ...] = ("pain", "trigger", "objection", "criterion", "goal")
"""Categories compared, in the order the page shows them."""
SINGLE_ROLE_PER_ROLE = 3
"""Concerns that belong to one role: the strongest this many of each role (every theme is on its evidence page)."""


@dataclass(frozen=True)
class RoleShare:
    """One role's part in a concern."""

    role: str
    slug: str
    interviewees: int
    """Interviews of the role behind its theme."""
    of: int
    """Interviews of the role."""
    theme_id: str
    """The role's theme in the concern (its anchor on the role's evidence page)."""
    weak: bool = False
    """Its theme's statements are loosely alike (``coherence.WEAK_COHERENCE``)."""


@dataclass(frozen=True)
class Concern:
    """A point raised in one or several roles."""

    category: str
    title: str
    """The label of its strongest theme (the one the others were matched to)."""
    quote: Quote | None
    """That theme's lead quote."""
    shares: tuple[RoleShare, ...]
    """One per role that raises it, in the personas' order."""

    @property
    def shared(self) -> bool:
        """Raised in more than one role."""
        return len(self.shares) > 1


def compare_roles(
    result: RunResult, read: Callable[[list[str]], Mapping[str, np.ndarray]], similarity: float
) -> list[Concern]:
    """Concerns per category (``COMPARED`` order) among the themes raised by two or more interviewees: shared ones
    first (most roles, then most interviewees), then the strongest ``SINGLE_ROLE_PER_ROLE`` of each role alone.
    ``read``: statement texts → their unit vectors, called once per theme compared (one theme's vectors held at a
    time); a theme none of whose statements has one takes part alone."""
    statements = {s.id: s for s in result.statements}
    order = {persona.role: index for index, persona in enumerate(result.personas)}
    personas = {persona.role: persona for persona in result.personas}
    concerns: list[Concern] = []
    for category in COMPARED:
        # Patterns only: a point one interviewee raised is no ground to say two roles share it.
        themes = [t for t in result.themes if t.category == category and t.role in personas and not t.mentioned_once]
        groups = _link(themes, [_centre(t, statements, read) for t in themes], similarity)
        made = [_concern(category, group, personas, order) for group in groups]
        shared = sorted((c for c in made if c.shared), key=lambda c: (-len(c.shares), -_reach(c), c.title))
        alone: list[Concern] = []
        for role in personas:
            own = [c for c in made if not c.shared and c.shares[0].role == role]
            own.sort(key=lambda c: (-_reach(c), c.title))
            alone += own[:SINGLE_ROLE_PER_ROLE]
        concerns += shared + alone
    return concerns


def _centre(
    theme: Theme, statements: Mapping[str, Statement], read: Callable[[list[str]], Mapping[str, np.ndarray]]
) -> np.ndarray | None:
    """``coherence.centre`` of the theme's statements that have a vector; None when none has."""
    held = [statements[s] for s in theme.statement_ids if s in statements]
    vectors = read([s.text for s in held])
    found = [s for s in held if s.text in vectors]
    return centre(found, vectors) if found else None


def _link(themes: list[Theme], centres: list[np.ndarray | None], similarity: float) -> list[list[Theme]]:
    """Concerns as groups of themes, at most one per role: strongest theme first, each still free theme takes from
    every other role its most alike free theme, if at least ``similarity`` alike. (Linking any two alike themes
    instead chains a whole category into one concern: A like B, B like C, C like D.)"""
    order = sorted(range(len(themes)), key=lambda i: theme_rank(themes[i]))
    free = set(range(len(themes)))
    groups: list[list[Theme]] = []
    for seed in order:
        if seed not in free:
            continue
        free.discard(seed)
        group = [themes[seed]]
        centre = centres[seed]
        if centre is not None:
            best: dict[str, tuple[float, int]] = {}
            for other in sorted(free):
                role, vector = themes[other].role, centres[other]
                if role == themes[seed].role or vector is None:
                    continue
                alike = float(centre @ vector)
                if alike >= similarity and alike > best.get(role, (-1.0, -1))[0]:
                    best[role] = (alike, other)
            for _, other in best.values():
                free.discard(other)
                group.append(themes[other])
        groups.append(group)
    return groups


def _concern(category: str, group: list[Theme], personas: Mapping[str, Persona], order: Mapping[str, int]) -> Concern:
    strongest = group[0]  # the seed the others were matched to
    shares = []
    for role in sorted({t.role for t in group}, key=order.__getitem__):
        [theme] = [t for t in group if t.role == role]
        persona = personas[role]
        weak = theme.coherence is not None and theme.coherence < WEAK_COHERENCE
        shares.append(RoleShare(role, persona.slug, theme.interviewee_count, persona.interviewee_count, theme.id, weak))
    return Concern(category, strongest.label, strongest.quotes[0] if strongest.quotes else None, tuple(shares))


def _reach(concern: Concern) -> int:
    return sum(share.interviewees for share in concern.shares)
