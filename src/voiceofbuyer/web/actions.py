"""The review desk's actions: each POST checks what the reviewer saw, then writes one decision (``Desk.decide``).

They run on a worker thread (``DeskPages.action``). Unknown ids are 404 pages; bad values are 400 pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, unquote, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..decision_rows import (
    APPROVE,
    LEAD,
    MERGE,
    MOVE,
    PERSONA,
    QUOTE_STATUS,
    RENAME,
    RESPONSE,
    STATUSES,
    THEME_STATUS,
)
from ..records import CATEGORIES, SECTION_TITLES, Interview, Persona, Statement, Theme
from .desk import Conflict, Desk, View
from .security import Form, local_path

REVIEWER_COOKIE = "vob_reviewer"
LABEL_LIMIT = 200
NAME_LIMIT = 120
SUMMARY_LIMIT = 4000
RESPONSE_LIMIT = 2000
REVIEWER_LIMIT = 80
CATEGORY_NAMES = {**SECTION_TITLES, "other": "Other (not in personas)"}
Found = TypeVar("Found")


class ReviewActions:
    """The POST handlers of ``DeskPages``: ``(request, form) → redirect``."""

    desk: Desk
    page: Callable[..., Response]

    # -- actions -----------------------------------------------------------------------------------------------
    def set_reviewer(self, request: Request, form: Form) -> Response:
        """Remember the reviewer's name in a cookie for a year; 400 when it is empty or too long."""
        name = form.text("name", REVIEWER_LIMIT, "Your name")
        response = _back(form, "/")
        response.set_cookie(REVIEWER_COOKIE, quote(name), samesite="strict", max_age=365 * 24 * 3600)
        return response

    def theme_status(self, request: Request, form: Form) -> Response:
        """Approve, reject or reopen the theme in the path."""
        reviewer = _reviewer_required(request)
        status = form.choice("status", STATUSES, "Status")
        theme = self.path_theme(request)
        verb = {"approved": "approved", "rejected": "rejected", "pending": "reopened"}[status]
        self.decide_on_theme(form, theme, reviewer, THEME_STATUS, {"status": status}, f"{verb} theme “{theme.label}”")
        return _back(form, f"/theme/{theme.id}")

    def rename(self, request: Request, form: Form) -> Response:
        """Give the theme in the path a new name."""
        reviewer = _reviewer_required(request)
        label = form.text("label", LABEL_LIMIT, "The theme's name")
        theme = self.path_theme(request)
        self.decide_on_theme(form, theme, reviewer, RENAME, {"label": label}, f"renamed “{theme.label}” to “{label}”")
        return _back(form, f"/theme/{theme.id}")

    def response(self, request: Request, form: Form) -> Response:
        """The answer sales should give to an objection: kept in the store, printed in the battlecards."""
        reviewer = _reviewer_required(request)
        theme = self.path_theme(request)
        if theme.category != "objection":
            raise HTTPException(400, "Only an objection gets an answer for sales.")
        answer = form.text("response", RESPONSE_LIMIT, "The answer", required=False, lines=True)
        what = f"wrote the answer to “{theme.label}”" if answer else f"removed the answer to “{theme.label}”"
        self.decide_on_theme(form, theme, reviewer, RESPONSE, {"response": answer}, what)
        return _back(form, f"/theme/{theme.id}")

    def lead(self, request: Request, form: Form) -> Response:
        """Make one of the theme's statements its lead quote."""
        reviewer = _reviewer_required(request)
        theme = self.path_theme(request)
        statement = self.member(form, theme)
        self.desk.decide(
            self.theme_check(theme, form), reviewer, LEAD, theme.role, [statement.id], {},
            f"made “{short(statement.text)}” the lead quote of “{theme.label}”",
        )  # fmt: skip
        return _back(form, f"/theme/{theme.id}")

    def quote_status(self, request: Request, form: Form) -> Response:
        """Approve, reject or restore one quote of the theme in the path."""
        reviewer = _reviewer_required(request)
        status = form.choice("status", STATUSES, "Status")
        theme = self.path_theme(request)
        statement = self.member(form, theme)
        verb = {"approved": "approved", "rejected": "rejected", "pending": "restored"}[status]
        self.desk.decide(
            self.theme_check(theme, form), reviewer, QUOTE_STATUS, theme.role, [statement.id], {"status": status},
            f"{verb} quote “{short(statement.text)}” in “{theme.label}”",
        )  # fmt: skip
        return _back(form, f"/theme/{theme.id}")

    def move(self, request: Request, form: Form) -> Response:
        """Move statements of one persona to a category (each a point of its own) or to a theme of the same persona; 400
        for anything else."""
        reviewer = _reviewer_required(request)
        view = self.desk.view()
        ids = form.all("statement")
        if not ids:
            raise HTTPException(400, "Choose at least one statement to move.")
        statements = [statement_named(view, i) for i in dict.fromkeys(ids)]
        role = view.role_of(statements[0].id)
        if any(view.role_of(s.id) != role for s in statements):
            raise HTTPException(400, "Statements of different personas cannot be moved together.")
        target = form.text("target", 200, "Where to move them")
        kind, _, value = target.partition(":")
        if kind == "category" and value in CATEGORIES:
            payload: dict[str, Any] = {"category": value}
            where = CATEGORY_NAMES[value]
        elif kind == "theme" and value in view.themes and view.themes[value].role == role:
            destination = view.themes[value]
            payload = {"theme": sorted(members_of(view, destination))}
            where = f"theme “{destination.label}”"
        else:
            raise HTTPException(400, "Move them to a section, or to a theme of the same persona.")
        source = form.text("theme", 200, "Theme", required=False)
        if source:
            check = self.theme_check(theme_named(view, source), form)
        elif len(statements) == 1:
            check = self.statement_check(statements[0], form)
        else:
            raise HTTPException(400, "Moving several statements works from their theme's page.")
        count = f"{len(statements)} statements" if len(statements) > 1 else f"“{short(statements[0].text)}”"
        self.desk.decide(check, reviewer, MOVE, role, [s.id for s in statements], payload, f"moved {count} to {where}")
        # Back to the page the move was made on, unless the move emptied its theme (a point mentioned once, moved
        # away): then to where the statement is now, not to a "No theme" page that reads as a failure (tester 27).
        now = self.desk.view()
        back = form.all("next")
        page = urlsplit(back[0]).path if back else ""
        if page.startswith("/theme/") and unquote(page.removeprefix("/theme/")) not in now.themes:
            there = now.theme_of.get(statements[0].id)
            landing = f"/theme/{there}" if there else f"/evidence/{quote(statements[0].id, safe='/@')}"
            return RedirectResponse(landing, status_code=303)
        return _back(form, f"/evidence/{quote(statements[0].id, safe='/@')}")

    def merge(self, request: Request, form: Form) -> Response:
        """Merge one theme of the persona in the path into another; 400 unless they are two themes of it."""
        reviewer = _reviewer_required(request)
        view = self.desk.view()
        persona = persona_named(view, request.path_params["slug"])
        into = theme_named(view, form.text("into", 200, "The theme to keep"))
        source = theme_named(view, form.text("from", 200, "The theme to merge into it"))
        if into.id == source.id:
            raise HTTPException(400, "Choose two different themes to merge.")
        if into.role != persona.role or source.role != persona.role:
            raise HTTPException(400, "Both themes must belong to this persona.")
        seen = form.text("version", 64, "Version")

        def check(current: View) -> None:
            """``Conflict`` when either theme is gone or the section changed since the form's version."""
            for theme in (into, source):
                if theme.id not in current.themes:
                    raise Conflict(f"Theme “{theme.label}” is gone: someone merged or emptied it.", role=persona.role)
            if current.section_version(persona.role, into.category) != seen:
                raise Conflict("The themes of this section changed since you opened the page.", into)

        self.desk.decide(
            check, reviewer, MERGE, persona.role, sorted(members_of(view, into) | members_of(view, source)),
            {"into": sorted(members_of(view, into)), "from": sorted(members_of(view, source))},
            f"merged “{source.label}” into “{into.label}”",
        )  # fmt: skip
        return _back(form, f"/persona/{persona.slug}")

    def edit_persona(self, request: Request, form: Form) -> Response:
        """Set the persona's name (its role given as name clears it) and summary."""
        reviewer = _reviewer_required(request)
        view = self.desk.view()
        persona = persona_named(view, request.path_params["slug"])
        name = form.text("name", NAME_LIMIT, "The persona's name")
        name = "" if name == persona.role else name  # the role itself is no separate name
        summary = form.text("summary", SUMMARY_LIMIT, "The summary", required=False, lines=True)
        summary_note = " and edited its summary" if summary else ""
        self.desk.decide(
            self.persona_check(persona, form), reviewer, PERSONA, persona.role, [], {"name": name, "summary": summary},
            f"named the {persona.role} persona “{name or persona.role}”{summary_note}",
        )  # fmt: skip
        return _back(form, f"/persona/{persona.slug}")

    def approve(self, request: Request, form: Form) -> Response:
        """Approve the persona or withdraw the approval; approving with themes still unreviewed asks for confirmation
        first."""
        reviewer = _reviewer_required(request)
        view = self.desk.view()
        persona = persona_named(view, request.path_params["slug"])
        approved = form.choice("approved", ("yes", "no"), "Approval") == "yes"
        reviewed, total = view.progress(persona.role)
        if approved and reviewed < total and form.all("confirm") != ["yes"]:
            # Approving unreviewed themes is allowed, but never by accident: say how many, and ask once more.
            return self.page(request, "confirm.html.j2", persona=persona, reviewed=reviewed, total=total,
                             fields=[(k, v) for k, v in form.pairs if k != "csrf"])  # fmt: skip
        self.desk.decide(
            self.persona_check(persona, form), reviewer, APPROVE, persona.role, [],
            {"approved": approved, "evidence": view.review.evidence.get(persona.role, "")},
            f"{'approved' if approved else 'withdrew the approval of'} the {persona.role} persona",
        )  # fmt: skip
        return _back(form, f"/persona/{persona.slug}")

    # -- action helpers ----------------------------------------------------------------------------------------
    def path_theme(self, request: Request) -> Theme:
        """The theme named in the path; 404 when there is none."""
        return theme_named(self.desk.view(), request.path_params["theme_id"])

    def member(self, form: Form, theme: Theme) -> Statement:
        """The statement the form names; 400 when it is not one of the theme's."""
        view = self.desk.view()
        statement_id = form.text("statement", 400, "Statement")
        if statement_id not in members_of(view, theme):
            raise HTTPException(400, "That statement is not in this theme.")
        return view.statements[statement_id]

    def decide_on_theme(
        self, form: Form, theme: Theme, reviewer: str, action: str, payload: dict[str, Any], summary: str
    ) -> None:
        """Write a decision on every statement of ``theme``, checked against the version the reviewer saw."""
        view = self.desk.view()
        members = sorted(members_of(view, theme))
        self.desk.decide(self.theme_check(theme, form), reviewer, action, theme.role, members, payload, summary)

    def theme_check(self, theme: Theme, form: Form) -> Callable[[View], None]:
        """A check that raises ``Conflict`` when the theme is gone or changed since the form's version."""
        seen = form.text("version", 64, "Version")

        def check(view: View) -> None:
            """``Conflict`` when the theme is gone or its version is no longer the one seen."""
            current = view.themes.get(theme.id)
            if current is None:
                raise Conflict(f"Theme “{theme.label}” is gone: someone merged or emptied it.", role=theme.role)
            if view.theme_version(current) != seen:
                raise Conflict(f"Theme “{current.label}” changed since you opened the page.", current)

        return check

    def statement_check(self, statement: Statement, form: Form) -> Callable[[View], None]:
        """A check that raises ``Conflict`` when the statement moved or its theme changed since the form's version."""
        seen = form.text("version", 64, "Version")

        def check(view: View) -> None:
            """``Conflict`` when the statement's version is no longer the one seen."""
            if view.statement_version(statement.id) != seen:
                theme = view.themes.get(view.theme_of.get(statement.id, ""))
                raise Conflict("This statement was moved or its theme changed since you opened the page.", theme,
                               view.role_of(statement.id))  # fmt: skip

        return check

    def persona_check(self, persona: Persona, form: Form) -> Callable[[View], None]:
        """A check that raises ``Conflict`` when the persona changed since the form's version."""
        seen = form.text("version", 64, "Version")

        def check(view: View) -> None:
            """``Conflict`` when the persona is gone or its version is no longer the one seen."""
            current = view.persona_of(persona.role)
            if current is None or view.persona_version(current) != seen:
                raise Conflict(f"The {persona.role} persona changed since you opened the page.", role=persona.role)

        return check


def _reviewer_required(request: Request) -> str:
    reviewer = reviewer_of(request)
    if not reviewer:
        raise HTTPException(400, "Say who you are first: enter your name at the top of the page.")
    return reviewer


# -- lookups: an unknown id is a 404 page ------------------------------------------------------------------------
def known(items: Mapping[str, Found], key: str, what: str, why: str = "") -> Found:
    """``items[key]``; a 404 naming ``what`` (and ``why``) when it is not there."""
    if key not in items:
        raise HTTPException(404, f"No {what} {short(key)!r}{why}.")
    return items[key]


def persona_named(view: View, slug: str) -> Persona:
    """The persona with this slug; 404 when there is none."""
    return known(view.personas, slug, "persona")


def theme_named(view: View, theme_id: str) -> Theme:
    """The theme with this id, rejected ones included; 404 when there is none."""
    return known(view.themes, theme_id, "theme", " (merged away, or the batch was run again)")


def statement_named(view: View, statement_id: str) -> Statement:
    """The statement with this id in the last run; 404 when there is none."""
    return known(view.statements, statement_id, "statement", " in the last run")


def interview_named(view: View, interview_id: str) -> Interview:
    """The interview with this id in the last run; 404 when there is none."""
    return known(view.interviews, interview_id, "interview", " in the last run")


def members_of(view: View, theme: Theme) -> set[str]:
    """A theme's statements, its rejected quotes included (a decision on the theme is keyed by all of them)."""
    return set(theme.statement_ids) | {q.statement_id for q in view.review.rejected_quotes.get(theme.id, ())}


def move_targets(view: View, role: str) -> list[tuple[str, str]]:
    """(value, label) of every place a statement of ``role`` can move to."""
    targets = [(f"category:{c}", f"{CATEGORY_NAMES[c]}: as a point of its own") for c in CATEGORIES]
    themes = sorted((t for t in view.themes.values() if t.role == role), key=lambda t: (t.category, t.label))
    targets += [(f"theme:{t.id}", f"{SECTION_TITLES[t.category]}: theme “{short(t.label)}”") for t in themes]
    return targets


def _back(form: Form, fallback: str) -> Response:
    """Back to the page the form was on (POST, then redirect, then GET)."""
    target = form.all("next")
    return RedirectResponse(local_path(target[0] if target else fallback, fallback), status_code=303)


def reviewer_of(request: Request) -> str:
    """The reviewer's name from the cookie, whitespace collapsed; empty when unset or too long."""
    name = " ".join(unquote(request.cookies.get(REVIEWER_COOKIE, "")).split())
    return name if len(name) <= REVIEWER_LIMIT else ""


def short(text: str, limit: int = 80) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
