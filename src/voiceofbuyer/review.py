"""Review decisions → the reviewed result: the one place where decisions are applied, for the documents
(``voiceofbuyer run`` and ``voiceofbuyer render``) and for the review desk alike.

Decisions are made on statements, never on theme ids: a run re-clusters themes, but a statement id
(``<interview id>@<offset>``) stays the same while its interview is unchanged. A decision on a theme applies to
the theme that now holds most of the statements it was made on; a decision on a statement follows that
statement wherever it went. Decisions apply in the order they were made, so a later one wins; one whose
statements are all gone (their interview left the batch or changed) no longer applies, and says why.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from .decision_rows import (
    APPROVE,
    LEAD,
    MERGE,
    MOVE,
    PERSONA,
    QUOTE_STATUS,
    RENAME,
    RESPONSE,
    THEME_STATUS,
    Decision,
    problem,
)
from .personas import build_personas, role_now
from .records import CATEGORIES, Classification, Quote, RunResult, Theme
from .theme_titles import opening_words
from .themes import quote_of, reach, representative, said_at, speaker_key, theme_id, theme_rank


@dataclass(frozen=True)
class Outcome:
    """Where a decision landed in the current result, or why it no longer applies."""

    role: str = ""
    theme_id: str = ""
    gone: str = ""
    """Empty when it applied; else the reason it does not."""


@dataclass(frozen=True)
class Review:
    """A run's result with the review decisions applied, and the review's state beside it."""

    result: RunResult
    """Decisions applied: what the documents show (rejected themes and quotes left out)."""
    theme_status: dict[str, str]
    """Theme id → approved, rejected or pending, for every theme below and in ``result``."""
    rejected_themes: tuple[Theme, ...]
    """Themes rejected, or all of whose quotes were: kept for the review desk, to restore them."""
    quote_status: dict[str, str]
    """Statement id → approved or rejected; pending when absent."""
    rejected_quotes: dict[str, tuple[Quote, ...]]
    """Theme id → its rejected quotes."""
    outcomes: dict[int, Outcome]
    edited_since_approval: frozenset[str]
    """Roles of approved personas changed since their approval: by a decision, or by a run that changed what they
    are built from (``evidence``)."""
    evidence: dict[str, str]
    """Role → a digest of what its persona is built from now (``_Reviewing.evidence``): an approval records it."""

    @property
    def gone(self) -> int:
        """Decisions whose statements are no longer in the result."""
        return sum(1 for outcome in self.outcomes.values() if outcome.gone)


def apply_decisions(result: RunResult, decisions: Iterable[Decision]) -> Review:
    """The run's result with every decision applied, in order. No decisions: the same result."""
    reviewing = _Reviewing(result)
    outcomes = {decision.id: reviewing.apply(decision) for decision in decisions}
    return reviewing.finish(outcomes)


@dataclass
class _Draft:
    """A theme under review."""

    id: str
    role: str
    category: str
    label: str
    keywords: tuple[str, ...]
    statement_ids: list[str]
    quote_ids: list[str]
    """Lead first."""
    status: str = "pending"
    response: str = ""
    coherence: float | None = None
    """The run's figure, for the statements the run put in it (``run_statements``)."""
    run_statements: frozenset[str] = frozenset()


class _Reviewing:
    def __init__(self, result: RunResult) -> None:
        self.result = result
        self.statements = {s.id: s for s in result.statements}
        self.interviews = {i.id: i for i in result.interviews}
        self.category = {sid: c.category for sid, c in result.classifications.items()}
        self.drafts: dict[str, _Draft] = {}
        self.theme_of: dict[str, str] = {}
        for theme in result.themes:
            self.drafts[theme.id] = _Draft(
                theme.id, theme.role, theme.category, theme.label, theme.keywords, list(theme.statement_ids),
                [q.statement_id for q in theme.quotes], response=theme.response, coherence=theme.coherence,
                run_statements=frozenset(theme.statement_ids),
            )  # fmt: skip
            self.theme_of.update((sid, theme.id) for sid in theme.statement_ids)
        self.quotes = {q.statement_id: q for theme in result.themes for q in theme.quotes}
        self.quotes_per_theme = max((len(t.quotes) for t in result.themes), default=1)
        self.quote_status: dict[str, str] = {}
        self.persona_edits: dict[str, dict[str, str]] = {p.role: {} for p in result.personas}
        self.approved_by_decision: dict[str, int] = {}
        self.vouched: set[str] = set()  # statements a reviewer chose as a theme's lead
        self.edited: set[str] = set()
        self.handlers: dict[str, Callable[[Decision], Outcome]] = {
            THEME_STATUS: self._theme_status,
            RENAME: self._rename,
            RESPONSE: self._response,
            LEAD: self._lead,
            QUOTE_STATUS: self._quote_status,
            MOVE: self._move,
            MERGE: self._merge,
            PERSONA: self._persona,
            APPROVE: self._approve,
        }

    def apply(self, decision: Decision) -> Outcome:
        """Apply one decision; its ``Outcome`` (``gone`` set for an unknown action or one that no longer applies)."""
        # A store an older version filled from a file may hold a malformed decision: it is told, never applied.
        malformed = problem({**asdict(decision), "statement_ids": list(decision.statement_ids)})
        if malformed:
            return Outcome(gone=f"not a well-formed decision ({malformed})")
        handler = self.handlers[decision.action]
        outcome = handler(decision)
        if not outcome.gone and decision.action != APPROVE and outcome.role in self.approved_by_decision:
            self.edited.add(outcome.role)
        return outcome

    # -- where decisions land ----------------------------------------------------------------------------
    def role_of(self, statement_id: str) -> str:
        """The role of the buyer who made a statement."""
        return self.result.profiles[self.statements[statement_id].interview_id].role

    def resolve(self, statement_ids: Iterable[str]) -> _Draft | None:
        """The theme holding most of these statements now (ties: the first by id)."""
        counts = Counter(self.theme_of[s] for s in statement_ids if s in self.theme_of)
        if not counts:
            return None
        return self.drafts[min(counts, key=lambda tid: (-counts[tid], tid))]

    def detach(self, statement_id: str) -> None:
        """Take a statement out of its theme; a theme left empty is gone."""
        theme = self.theme_of.pop(statement_id, None)
        if theme is None:
            return
        draft = self.drafts[theme]
        draft.statement_ids.remove(statement_id)
        if statement_id in draft.quote_ids:
            draft.quote_ids.remove(statement_id)
        if not draft.statement_ids:
            del self.drafts[theme]

    def gather(self, target: _Draft, statement_ids: Iterable[str], only_from_themes: bool = False) -> None:
        """Put the statements (still in the batch, said in ``target``'s role) into ``target``, out of any other theme
        (``only_from_themes``: only those now in a theme)."""
        for statement_id in statement_ids:
            if statement_id not in self.statements or self.role_of(statement_id) != target.role:
                continue
            if self.theme_of.get(statement_id) == target.id or (only_from_themes and statement_id not in self.theme_of):
                continue
            self.detach(statement_id)
            target.statement_ids.append(statement_id)
            self.theme_of[statement_id] = target.id
            self.category[statement_id] = target.category

    # -- one handler per action --------------------------------------------------------------------------
    def _theme_status(self, decision: Decision) -> Outcome:
        outcome = self._set_on_theme(decision, "status", decision.payload["status"])
        if not outcome.gone and decision.payload["status"] == "rejected":
            # A later run may have filed some of them in other themes: they stay out with the theme they were in.
            self.gather(self.drafts[outcome.theme_id], decision.statement_ids, only_from_themes=True)
        return outcome

    def _rename(self, decision: Decision) -> Outcome:
        return self._set_on_theme(decision, "label", decision.payload["label"])

    def _response(self, decision: Decision) -> Outcome:
        return self._set_on_theme(decision, "response", decision.payload["response"])

    def _set_on_theme(self, decision: Decision, attribute: str, value: str) -> Outcome:
        draft = self.resolve(decision.statement_ids)
        if draft is None:
            return _THEME_GONE
        setattr(draft, attribute, value)
        if attribute != "status" or value != "rejected":
            # The theme as the reviewer named or judged it: its statements (still in the batch, of its role) are
            # gathered back from wherever a later run filed them, so a re-clustering never dissolves a reviewed
            # theme into points mentioned once while its decisions read "applied" (tester 40).
            self.gather(draft, decision.statement_ids)
        return Outcome(draft.role, draft.id)

    def _lead(self, decision: Decision) -> Outcome:
        statement_id = decision.statement_ids[0]
        draft = self.resolve([statement_id])
        if draft is None:
            return Outcome(gone="its statement is no longer in a theme")
        draft.quote_ids = [statement_id] + [q for q in draft.quote_ids if q != statement_id]
        self.quote_status.pop(statement_id, None)  # chosen as the lead: not rejected any more
        self.vouched.add(statement_id)  # and of the theme's category, as a move there says
        return Outcome(draft.role, draft.id)

    def _quote_status(self, decision: Decision) -> Outcome:
        statement_id = decision.statement_ids[0]
        if statement_id not in self.statements:
            return _STATEMENTS_GONE
        status = decision.payload["status"]
        if status == "pending":
            self.quote_status.pop(statement_id, None)
        else:
            self.quote_status[statement_id] = status
        return Outcome(self.role_of(statement_id), self.theme_of.get(statement_id, ""))

    def _move(self, decision: Decision) -> Outcome:
        moved = [s for s in decision.statement_ids if s in self.statements]
        if not moved:
            return _STATEMENTS_GONE
        if "theme" in decision.payload:
            target = self.resolve(decision.payload["theme"])
            if target is None:
                return Outcome(gone="the theme they were moved to is gone")
            self.gather(target, moved)
            return Outcome(target.role, target.id)
        category = decision.payload["category"]
        for statement_id in moved:
            self.detach(statement_id)
            self.category[statement_id] = category
            if category != "other":
                role = self.role_of(statement_id)
                point = theme_id(role, category, [statement_id])
                label = opening_words(self.statements[statement_id].text)
                self.drafts[point] = _Draft(point, role, category, label, (), [statement_id], [statement_id])
                self.theme_of[statement_id] = point
        return Outcome(self.role_of(moved[0]))

    def _merge(self, decision: Decision) -> Outcome:
        into = self.resolve(decision.payload["into"])
        source = self.resolve(decision.payload["from"])
        if into is None or source is None:
            return _THEME_GONE
        if into.role != source.role:
            return Outcome(gone="the two themes now belong to different personas")
        if into is not source:
            for statement_id in source.statement_ids:
                self.theme_of[statement_id] = into.id
                self.category[statement_id] = into.category
            into.statement_ids.extend(source.statement_ids)
            into.quote_ids.extend(q for q in source.quote_ids if q not in into.quote_ids)
            into.response = into.response or source.response
            del self.drafts[source.id]
        # Merged statements stay together, though a later run filed some of them in other themes.
        self.gather(into, [*decision.payload["into"], *decision.payload["from"]])
        return Outcome(into.role, into.id)

    def _persona(self, decision: Decision) -> Outcome:
        role = self.persona_role(decision.role)
        if role is None:
            return _PERSONA_GONE
        self.persona_edits[role].update(name=decision.payload["name"], summary=decision.payload["summary"])
        if role != decision.role and role in self.approved_by_decision:
            self.edited.add(role)
        return Outcome(role)

    def _approve(self, decision: Decision) -> Outcome:
        role = self.persona_role(decision.role)
        if role is None:
            return _PERSONA_GONE
        edits = self.persona_edits[role]
        if decision.payload["approved"]:
            edits.update(approved_by=decision.reviewer, approved_on=decision.made[:10])
            self.approved_by_decision[role] = decision.id
        else:
            edits.update(approved_by="", approved_on="")
            self.approved_by_decision.pop(role, None)
        self.edited.discard(role)
        # Approved on other interviews or statements than the persona now has (a run since added or removed some),
        # or under another name of its role: changed since, as after a decision. An approval made before approvals
        # recorded this is taken as it is.
        approved_on = decision.payload.get("evidence", "")
        if decision.payload["approved"] and (
            role != decision.role or (approved_on and approved_on != self.evidence(role))
        ):
            self.edited.add(role)
        return Outcome(role)

    def persona_role(self, role: str) -> str | None:
        """The persona a decision made on ``role``'s lands on (``personas.role_now``)."""
        return role_now(role, self.persona_edits, self.result.profiles.values())

    def evidence(self, role: str) -> str:
        """A digest of the interviews behind ``role``'s persona and the statements of its themes, as they are now."""
        interviews = sorted(i for i, profile in self.result.profiles.items() if profile.role == role)
        statements = sorted(s for d in self.drafts.values() if d.role == role for s in d.statement_ids)
        return hashlib.sha256("\n".join([*interviews, "", *statements]).encode()).hexdigest()[:16]

    # -- the reviewed result -----------------------------------------------------------------------------
    def quote(self, statement_id: str) -> Quote:
        """The statement as a quote: the run's when it had one, else made now."""
        if statement_id not in self.quotes:
            statement = self.statements[statement_id]
            interview = self.interviews[statement.interview_id]
            self.quotes[statement_id] = quote_of(statement, interview, self.result.profiles[interview.id])
        return self.quotes[statement_id]

    def _confidence(self, statement_id: str) -> float:
        """The classifier's confidence in the statement's category; 1 where a reviewer moved it there or chose it as
        its theme's lead."""
        verdict = self.result.classifications[statement_id]
        moved = verdict.category != self.category[statement_id]
        return 1.0 if moved or statement_id in self.vouched else verdict.confidence

    def theme(self, draft: _Draft, accepted: list[str]) -> Theme:
        """A draft as a theme of its accepted statements: its own quotes first, then the best-sounding others."""
        # The run's own quote rule (``themes.representative``), keeping the quotes left of the theme's own, in
        # order: a lead a reviewer chose stays whatever it is.
        chosen = representative(
            [self.statements[s] for s in accepted], self.quotes_per_theme, keep=draft.quote_ids,
            confidence={s: self._confidence(s) for s in accepted},
        )  # fmt: skip
        interviews, companies, people = reach(
            (self.statements[s] for s in accepted),
            lambda s: said_at(s, self.result.profiles[s.interview_id], self.interviews[s.interview_id]),
            lambda s: speaker_key(s, self.result.profiles[s.interview_id]),
        )  # fmt: skip
        return Theme(
            id=draft.id,
            role=draft.role,
            category=draft.category,
            label=draft.label,
            keywords=draft.keywords,
            statement_ids=tuple(sorted(accepted)),
            quotes=tuple(self.quote(s.id) for s in chosen),
            interviews=interviews,
            companies=companies,
            response=draft.response,
            coherence=draft.coherence if set(accepted) == draft.run_statements else None,
            # A reviewer who approved the theme vouched for its category.
            lead_confidence=(1.0 if draft.status == "approved" else self._confidence(chosen[0].id)) if chosen else None,
            people=people,
        )

    def _progress(self, role: str, themes: list[Theme]) -> dict[str, int]:
        """Themes of a persona a reviewer approved or rejected, of all (points mentioned once left out)."""
        patterns = [t for t in themes if t.role == role and not t.mentioned_once]
        reviewed = sum(1 for t in patterns if self.drafts[t.id].status != "pending")
        return {"themes_reviewed": reviewed, "themes_total": len(patterns)}

    def finish(self, outcomes: dict[int, Outcome]) -> Review:
        """The ``Review``: accepted themes ranked, rejected ones apart, personas rebuilt with their edits and review
        progress, categories as moved."""
        themes: list[Theme] = []
        rejected: list[Theme] = []
        rejected_quotes: dict[str, tuple[Quote, ...]] = {}
        for draft in self.drafts.values():
            accepted = [s for s in draft.statement_ids if self.quote_status.get(s) != "rejected"]
            turned_down = sorted(s for s in draft.statement_ids if self.quote_status.get(s) == "rejected")
            if turned_down:
                rejected_quotes[draft.id] = tuple(self.quote(s) for s in turned_down)
            theme = self.theme(draft, accepted)
            (rejected if draft.status == "rejected" or not accepted else themes).append(theme)
        order = {category: index for index, category in enumerate(CATEGORIES)}

        def rank(theme: Theme) -> tuple[Any, ...]:
            """Sort key: role, category order, then ``theme_rank``."""
            return (theme.role, order[theme.category], *theme_rank(theme))

        themes.sort(key=rank)
        rejected.sort(key=rank)
        result = self.result
        profiles = [result.profiles[i.id] for i in result.interviews]
        personas = build_personas(profiles, self.interviews, themes, list(result.statements), result.personas)
        classifications = {
            sid: c if c.category == self.category[sid] else Classification(sid, self.category[sid], c.confidence)
            for sid, c in result.classifications.items()
        }
        reviewed = replace(
            result,
            classifications=classifications,
            themes=tuple(themes),
            personas=tuple(
                replace(
                    p,
                    **self.persona_edits.get(p.role, {}),
                    **self._progress(p.role, [*themes, *rejected]),
                    changed_since_approval=p.role in self.edited,
                )
                for p in personas
            ),
        )
        return Review(
            result=reviewed,
            theme_status={draft.id: draft.status for draft in self.drafts.values()},
            rejected_themes=tuple(rejected),
            quote_status=dict(self.quote_status),
            rejected_quotes=rejected_quotes,
            outcomes=outcomes,
            edited_since_approval=frozenset(self.edited),
            evidence={p.role: self.evidence(p.role) for p in personas},
        )


_THEME_GONE = Outcome(gone="none of its statements is in a theme any more")
_STATEMENTS_GONE = Outcome(gone="its statements are no longer in the batch")
_PERSONA_GONE = Outcome(gone="no persona has this role any more")
