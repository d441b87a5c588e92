"""The review desk: a local web app where marketers review, correct and approve persona drafts.

Pages read the reviewed result (``review.apply_decisions`` over the store); every change is a POST that
appends one decision to the store, checked against the version of what the reviewer saw. Exports reuse the
document renderer. The app reads the batch folder only to play recordings and hand out transcripts, by
interview id, and writes nothing but decisions into the store.
"""

from __future__ import annotations

import mimetypes
import socket
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, unquote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..ingest.recordings import RECORDING_SUFFIXES
from ..records import CATEGORIES, SECTION_TITLES, Interview, Persona, Statement, Theme, clock
from ..render import (
    TARGET_INTERVIEWS,
    cite,
    document_context,
    objection_list,
    objections_csv,
    persona_document,
    strength,
    template_environment,
    theme_document,
)
from ..review import APPROVE, LEAD, MERGE, MOVE, PERSONA, QUOTE_STATUS, RENAME, STATUSES, THEME_STATUS
from ..store import HIGHLIGHT
from .desk import SEARCH_SHOWN, Conflict, Desk, View
from .security import Form, Guard, local_path, read_form

WEB = Path(__file__).resolve().parent
REVIEWER_COOKIE = "vob_reviewer"
LABEL_LIMIT = 200
NAME_LIMIT = 120
SUMMARY_LIMIT = 4000
REVIEWER_LIMIT = 80
QUERY_LIMIT = 500
CONTEXT_TURNS = 3
"""Turns shown before and after a quote's own turn on its evidence page."""
CATEGORY_NAMES = {**SECTION_TITLES, "other": "Other (not in personas)"}
_TEXT_SOURCES = (".txt", ".md", ".vtt", ".srt", ".json")
Found = TypeVar("Found")


def create_app(
    out_dir: Path, token: str | None = None, loopback_only: bool = True, templates: Path | None = None
) -> Starlette:
    """The review desk over the store in ``out_dir``. ``token``: required on every request when given."""
    desk = DeskPages(Desk(out_dir), template_environment(templates))
    return Starlette(
        routes=desk.routes(),
        middleware=[Middleware(Guard, token=token, loopback_only=loopback_only, error_page=desk.error_page)],
        exception_handlers={HTTPException: desk.http_error, Conflict: desk.conflict},
    )


def serve(out_dir: Path, host: str, port: int, templates: Path | None = None) -> int:
    """Run the desk until interrupted; prints its address (with the access token off loopback)."""
    import uvicorn

    from .security import is_loopback, new_token

    try:  # bound here, so a busy port is one line and exit code 2, not uvicorn's log and exit 1
        listening = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as error:
        print(f"error: cannot listen on {host}:{port}: {error.strerror} (fix: another --port, or stop what uses it)")
        return 2
    loopback = is_loopback(host)
    token = None if loopback else new_token()
    app = create_app(out_dir, token=token, loopback_only=loopback, templates=templates)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"Review desk for {out_dir}: {address}", flush=True)
    if token:
        print("Not on loopback: the access token above is needed to open it (from another machine, use this one's "
              "name or address in place of the host); share it only with reviewers.")  # fmt: skip
    print("Press Ctrl+C to stop.", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listening])
    return 0


class DeskPages:
    """The desk's request handlers: pages, exports, files and review actions."""

    def __init__(self, desk: Desk, documents: Environment) -> None:
        self.desk = desk
        self.documents = documents
        self.pages = Environment(
            loader=FileSystemLoader(str(WEB / "templates")), autoescape=True, undefined=StrictUndefined
        )
        self.pages.filters["path"] = lambda value: quote(str(value), safe="/@")
        self.pages.globals.update(
            strength=strength,
            cite=cite,
            clock=clock,
            categories=CATEGORIES,
            category_names=CATEGORY_NAMES,
            section_titles=SECTION_TITLES,
        )

    def routes(self) -> list[Route | Mount]:
        return [
            Route("/", self.overview),
            Route("/persona/{slug}", self.persona),
            Route("/theme/{theme_id}", self.theme),
            Route("/evidence/{statement_id:path}", self.evidence),
            Route("/interview/{interview_id:path}", self.interview),
            Route("/search", self.search),
            Route("/decisions", self.decision_log),
            Route("/export/objections.csv", self.export_objections),
            Route("/export/{slug}.{suffix}", self.export_persona),
            Route("/media/{interview_id:path}", self.media),
            Route("/source/{interview_id:path}", self.source),
            Route("/reviewer", self.set_reviewer, methods=["POST"]),
            Route("/theme/{theme_id}/status", self.theme_status, methods=["POST"]),
            Route("/theme/{theme_id}/rename", self.rename, methods=["POST"]),
            Route("/theme/{theme_id}/lead", self.lead, methods=["POST"]),
            Route("/theme/{theme_id}/quote", self.quote_status, methods=["POST"]),
            Route("/move", self.move, methods=["POST"]),
            Route("/persona/{slug}/merge", self.merge, methods=["POST"]),
            Route("/persona/{slug}/edit", self.edit_persona, methods=["POST"]),
            Route("/persona/{slug}/approve", self.approve, methods=["POST"]),
            Mount("/static", StaticFiles(directory=str(WEB / "static")), name="static"),
        ]

    # -- rendering ---------------------------------------------------------------------------------------------
    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.pages.get_template(template).render(
            request=request,
            csrf=getattr(request.state, "csrf", ""),
            reviewer=reviewer_of(request),
            here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def error_page(self, request: Request, status: int, message: str) -> Response:
        return self.page(request, "error.html.j2", status=status, status_code=status, message=message)

    async def http_error(self, request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 404 and error.detail == "Not Found":
            message = "There is no such page here."
        else:
            message = str(error.detail)
        return self.error_page(request, error.status_code, message)

    async def conflict(self, request: Request, error: Exception) -> Response:
        assert isinstance(error, Conflict)
        view = self.desk.view()
        theme = view.themes.get(error.theme.id) if error.theme else None
        persona = view.persona_of(theme.role if theme else error.role)
        history = view.decisions_on(theme_id=theme.id) if theme else view.decisions_on(role=error.role)
        return self.page(
            request, "conflict.html.j2", status=409, view=view, what=error.what, theme=theme, persona=persona,
            history=history,
        )  # fmt: skip

    # -- pages -------------------------------------------------------------------------------------------------
    async def overview(self, request: Request) -> Response:
        view = self.desk.view()
        result = view.review.result
        companies: dict[str, Counter[str]] = {}
        for interview in result.interviews:
            if interview.meta.company:
                roles = companies.setdefault(interview.meta.company, Counter())
                roles[result.profiles[interview.id].role] += 1
        return self.page(
            request, "overview.html.j2", view=view, personas=result.personas, companies=sorted(companies.items()),
            target=TARGET_INTERVIEWS,
        )  # fmt: skip

    async def persona(self, request: Request) -> Response:
        view = self.desk.view()
        persona = _persona(view, request.path_params["slug"])
        return self.page(request, "persona.html.j2", view=view, persona=persona)

    async def theme(self, request: Request) -> Response:
        view = self.desk.view()
        theme = _theme(view, request.path_params["theme_id"])
        members = [view.statements[s] for s in sorted(_members(view, theme))]
        return self.page(
            request, "theme.html.j2", view=view, theme=theme, persona=view.persona_of(theme.role), members=members,
            targets=_move_targets(view, theme.role),
        )  # fmt: skip

    async def evidence(self, request: Request) -> Response:
        view = self.desk.view()
        statement = _statement(view, request.path_params["statement_id"])
        interview = view.interviews[statement.interview_id]
        first = max(0, statement.turn_index - CONTEXT_TURNS)
        around = range(first, min(len(interview.turns), statement.turn_index + CONTEXT_TURNS + 1))
        theme = view.themes.get(view.theme_of.get(statement.id, ""))
        return self.page(
            request, "evidence.html.j2", view=view, statement=statement, interview=interview,
            profile=view.review.result.profiles[interview.id], theme=theme,
            turns=[(index, interview.turns[index], self.marked(view, interview, index, statement.id))
                   for index in around],
            audio=self.recording(view, interview) is not None and statement.start is not None,
            targets=_move_targets(view, view.role_of(statement.id)),
        )  # fmt: skip

    async def interview(self, request: Request) -> Response:
        view = self.desk.view()
        interview = _interview(view, request.path_params["interview_id"])
        return self.page(
            request, "interview.html.j2", view=view, interview=interview,
            profile=view.review.result.profiles[interview.id],
            turns=[(index, turn, self.marked(view, interview, index)) for index, turn in enumerate(interview.turns)],
            audio=self.recording(view, interview) is not None,
        )  # fmt: skip

    def marked(self, view: View, interview: Interview, index: int, focus: str = "") -> Markup:
        """A turn's text, escaped, with each classified statement in it marked by its category."""
        turn = interview.turns[index]
        pieces: list[str] = []
        cursor = turn.start_char
        for statement in view.statements_of(interview.id, turn.start_char, turn.end_char):
            start, end = max(statement.start_char, cursor), min(statement.end_char, turn.end_char)
            if start >= end:
                continue
            category = view.category[statement.id]
            pieces.append(str(escape(interview.text[cursor:start])))
            classes = f"stmt cat-{category}" + (" focus" if statement.id == focus else "")
            href = f"/evidence/{quote(statement.id, safe='/@')}"
            pieces.append(
                f'<a class="{classes}" href="{escape(href)}" title="{escape(CATEGORY_NAMES[category])}">'
                f"{escape(interview.text[start:end])}</a>"
            )
            cursor = end
        pieces.append(str(escape(interview.text[cursor : turn.end_char])))
        return Markup("".join(pieces))

    async def search(self, request: Request) -> Response:
        view = self.desk.view()
        params = request.query_params
        words = params.get("q", "").strip()
        if len(words) > QUERY_LIMIT:
            raise HTTPException(400, f"The search is too long: at most {QUERY_LIMIT} characters.")
        filters = {name: params.get(name, "") for name in ("role", "category", "company", "theme")}
        known = {
            "role": {p.role for p in view.personas.values()},
            "category": set(CATEGORIES),
            "company": {i.meta.company for i in view.interviews.values()},
            "theme": set(view.themes),
        }
        for name, value in filters.items():
            if value and value not in known[name]:
                raise HTTPException(400, f"Unknown {name} {value[:80]!r}: pick one from the list.")
        searched = bool(words) or any(filters.values())
        with self.desk.lock:
            found = self.desk.store.search(words) if words else list(view.statements) if searched else []
            hits = view.matches(found, **filters)
            shown = hits[:SEARCH_SHOWN]
            marked = self.desk.store.highlighted(words, shown) if words else {}
        role_themes = [t for t in view.themes.values() if t.role == filters["role"]] if filters["role"] else []
        return self.page(
            request, "search.html.j2", view=view, words=words, filters=filters, searched=searched, total=len(hits),
            results=[(view.statements[s], _highlight(marked.get(s), view.statements[s].text)) for s in shown],
            companies=sorted(known["company"] - {""}), role_themes=role_themes,
        )  # fmt: skip

    async def decision_log(self, request: Request) -> Response:
        view = self.desk.view()
        return self.page(request, "decisions.html.j2", view=view, decisions=view.decisions[::-1])

    # -- exports and files -------------------------------------------------------------------------------------
    async def export_persona(self, request: Request) -> Response:
        view = self.desk.view()
        persona = _persona(view, request.path_params["slug"])
        suffix = request.path_params["suffix"]
        if suffix not in ("md", "html"):
            raise HTTPException(404, "Exports are .md (Markdown) or .html (print-friendly).")
        context = document_context(view.review.result, self.desk.out_dir, self.desk.batch_dir)
        content = persona_document(persona, suffix, context, self.documents)
        if suffix == "md":
            return Response(
                content, media_type="text/markdown; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{persona.slug}.md"'},
            )  # fmt: skip
        # The document's own style sheet is inline; it has no script.
        return Response(content, media_type="text/html; charset=utf-8", headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"})  # fmt: skip

    async def export_objections(self, request: Request) -> Response:
        view = self.desk.view()
        role = request.query_params.get("role") or None
        if role is not None and view.persona_of(role) is None:
            raise HTTPException(404, "No persona has that role.")
        objections = objection_list([theme_document(t) for t in view.review.result.themes], role)
        return Response(
            objections_csv(objections), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="objections.csv"'},
        )  # fmt: skip

    def recording(self, view: View, interview: Interview) -> Path | None:
        """The interview's recording, if it has one inside the batch folder."""
        if not interview.media or Path(interview.media).suffix.lower() not in RECORDING_SUFFIXES:
            return None
        return self.batch_file(interview.media)

    def batch_file(self, relative: str) -> Path | None:
        """A file of the batch folder, never one outside it (``..``, absolute paths, links out)."""
        root = self.desk.batch_dir.resolve()
        path = (root / relative).resolve()
        return path if path.is_relative_to(root) and path.is_file() else None

    async def media(self, request: Request) -> Response:
        view = self.desk.view()
        path = self.recording(view, _interview(view, request.path_params["interview_id"]))
        if path is None:
            raise HTTPException(404, "This interview has no recording in the batch folder.")
        return FileResponse(path, media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")

    async def source(self, request: Request) -> Response:
        view = self.desk.view()
        interview = _interview(view, request.path_params["interview_id"])
        path = self.batch_file(interview.source)
        if path is None:
            raise HTTPException(404, "The transcript file is no longer in the batch folder.")
        if path.suffix.lower() in _TEXT_SOURCES:
            return FileResponse(path, media_type="text/plain; charset=utf-8")
        return FileResponse(path, filename=path.name, media_type="application/octet-stream")

    # -- actions -----------------------------------------------------------------------------------------------
    async def set_reviewer(self, request: Request) -> Response:
        form = await read_form(request)
        name = form.text("name", REVIEWER_LIMIT, "Your name")
        response = _back(form, "/")
        response.set_cookie(REVIEWER_COOKIE, quote(name), samesite="strict", max_age=365 * 24 * 3600)
        return response

    async def theme_status(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        status = form.choice("status", STATUSES, "Status")
        theme = self.path_theme(request)
        verb = {"approved": "approved", "rejected": "rejected", "pending": "reopened"}[status]
        self.decide_on_theme(form, theme, reviewer, THEME_STATUS, {"status": status}, f"{verb} theme “{theme.label}”")
        return _back(form, f"/theme/{theme.id}")

    async def rename(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        label = form.text("label", LABEL_LIMIT, "The theme's name")
        theme = self.path_theme(request)
        self.decide_on_theme(form, theme, reviewer, RENAME, {"label": label}, f"renamed “{theme.label}” to “{label}”")
        return _back(form, f"/theme/{theme.id}")

    async def lead(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        theme = self.path_theme(request)
        statement = self.member(form, theme)
        self.desk.decide(
            self.theme_check(theme, form), reviewer, LEAD, theme.role, [statement.id], {},
            f"made “{_short(statement.text)}” the lead quote of “{theme.label}”",
        )  # fmt: skip
        return _back(form, f"/theme/{theme.id}")

    async def quote_status(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        status = form.choice("status", STATUSES, "Status")
        theme = self.path_theme(request)
        statement = self.member(form, theme)
        verb = {"approved": "approved", "rejected": "rejected", "pending": "restored"}[status]
        self.desk.decide(
            self.theme_check(theme, form), reviewer, QUOTE_STATUS, theme.role, [statement.id], {"status": status},
            f"{verb} quote “{_short(statement.text)}” in “{theme.label}”",
        )  # fmt: skip
        return _back(form, f"/theme/{theme.id}")

    async def move(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        view = self.desk.view()
        ids = form.all("statement")
        if not ids:
            raise HTTPException(400, "Choose at least one statement to move.")
        statements = [_statement(view, i) for i in dict.fromkeys(ids)]
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
            payload = {"theme": sorted(_members(view, destination))}
            where = f"theme “{destination.label}”"
        else:
            raise HTTPException(400, "Move them to a section, or to a theme of the same persona.")
        source = form.text("theme", 200, "Theme", required=False)
        if source:
            check = self.theme_check(_theme(view, source), form)
        elif len(statements) == 1:
            check = self.statement_check(statements[0], form)
        else:
            raise HTTPException(400, "Moving several statements works from their theme's page.")
        count = f"{len(statements)} statements" if len(statements) > 1 else f"“{_short(statements[0].text)}”"
        self.desk.decide(check, reviewer, MOVE, role, [s.id for s in statements], payload, f"moved {count} to {where}")
        return _back(form, f"/evidence/{quote(statements[0].id, safe='/@')}")

    async def merge(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        view = self.desk.view()
        persona = _persona(view, request.path_params["slug"])
        into = _theme(view, form.text("into", 200, "The theme to keep"))
        source = _theme(view, form.text("from", 200, "The theme to merge into it"))
        if into.id == source.id:
            raise HTTPException(400, "Choose two different themes to merge.")
        if into.role != persona.role or source.role != persona.role:
            raise HTTPException(400, "Both themes must belong to this persona.")
        seen = form.text("version", 64, "Version")

        def check(current: View) -> None:
            for theme in (into, source):
                if theme.id not in current.themes:
                    raise Conflict(f"Theme “{theme.label}” is gone: someone merged or emptied it.", role=persona.role)
            if current.section_version(persona.role, into.category) != seen:
                raise Conflict("The themes of this section changed since you opened the page.", into)

        self.desk.decide(
            check, reviewer, MERGE, persona.role, sorted(_members(view, into) | _members(view, source)),
            {"into": sorted(_members(view, into)), "from": sorted(_members(view, source))},
            f"merged “{source.label}” into “{into.label}”",
        )  # fmt: skip
        return _back(form, f"/persona/{persona.slug}")

    async def edit_persona(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        view = self.desk.view()
        persona = _persona(view, request.path_params["slug"])
        name = form.text("name", NAME_LIMIT, "The persona's name")
        name = "" if name == persona.role else name  # the role itself is no separate name
        summary = form.text("summary", SUMMARY_LIMIT, "The summary", required=False, lines=True)
        summary_note = " and edited its summary" if summary else ""
        self.desk.decide(
            self.persona_check(persona, form), reviewer, PERSONA, persona.role, [], {"name": name, "summary": summary},
            f"named the {persona.role} persona “{name or persona.role}”{summary_note}",
        )  # fmt: skip
        return _back(form, f"/persona/{persona.slug}")

    async def approve(self, request: Request) -> Response:
        form, reviewer = await self.posted(request)
        view = self.desk.view()
        persona = _persona(view, request.path_params["slug"])
        approved = form.choice("approved", ("yes", "no"), "Approval") == "yes"
        self.desk.decide(
            self.persona_check(persona, form), reviewer, APPROVE, persona.role, [], {"approved": approved},
            f"{'approved' if approved else 'withdrew the approval of'} the {persona.role} persona",
        )  # fmt: skip
        return _back(form, f"/persona/{persona.slug}")

    # -- action helpers ----------------------------------------------------------------------------------------
    async def posted(self, request: Request) -> tuple[Form, str]:
        form = await read_form(request)
        reviewer = reviewer_of(request)
        if not reviewer:
            raise HTTPException(400, "Say who you are first: enter your name at the top of the page.")
        return form, reviewer

    def path_theme(self, request: Request) -> Theme:
        return _theme(self.desk.view(), request.path_params["theme_id"])

    def member(self, form: Form, theme: Theme) -> Statement:
        view = self.desk.view()
        statement_id = form.text("statement", 400, "Statement")
        if statement_id not in _members(view, theme):
            raise HTTPException(400, "That statement is not in this theme.")
        return view.statements[statement_id]

    def decide_on_theme(
        self, form: Form, theme: Theme, reviewer: str, action: str, payload: dict[str, Any], summary: str
    ) -> None:
        view = self.desk.view()
        members = sorted(_members(view, theme))
        self.desk.decide(self.theme_check(theme, form), reviewer, action, theme.role, members, payload, summary)

    def theme_check(self, theme: Theme, form: Form) -> Callable[[View], None]:
        seen = form.text("version", 64, "Version")

        def check(view: View) -> None:
            current = view.themes.get(theme.id)
            if current is None:
                raise Conflict(f"Theme “{theme.label}” is gone: someone merged or emptied it.", role=theme.role)
            if view.theme_version(current) != seen:
                raise Conflict(f"Theme “{current.label}” changed since you opened the page.", current)

        return check

    def statement_check(self, statement: Statement, form: Form) -> Callable[[View], None]:
        seen = form.text("version", 64, "Version")

        def check(view: View) -> None:
            if view.statement_version(statement.id) != seen:
                theme = view.themes.get(view.theme_of.get(statement.id, ""))
                raise Conflict("This statement was moved or its theme changed since you opened the page.", theme,
                               view.role_of(statement.id))  # fmt: skip

        return check

    def persona_check(self, persona: Persona, form: Form) -> Callable[[View], None]:
        seen = form.text("version", 64, "Version")

        def check(view: View) -> None:
            current = view.persona_of(persona.role)
            if current is None or view.persona_version(current) != seen:
                raise Conflict(f"The {persona.role} persona changed since you opened the page.", role=persona.role)

        return check


# -- lookups: an unknown id is a 404 page ------------------------------------------------------------------------
def _known(items: Mapping[str, Found], key: str, what: str, why: str = "") -> Found:
    if key not in items:
        raise HTTPException(404, f"No {what} {_short(key)!r}{why}.")
    return items[key]


def _persona(view: View, slug: str) -> Persona:
    return _known(view.personas, slug, "persona")


def _theme(view: View, theme_id: str) -> Theme:
    return _known(view.themes, theme_id, "theme", " (merged away, or the batch was run again)")


def _statement(view: View, statement_id: str) -> Statement:
    return _known(view.statements, statement_id, "statement", " in the last run")


def _interview(view: View, interview_id: str) -> Interview:
    return _known(view.interviews, interview_id, "interview", " in the last run")


def _members(view: View, theme: Theme) -> set[str]:
    """A theme's statements, its rejected quotes included (a decision on the theme is keyed by all of them)."""
    return set(theme.statement_ids) | {q.statement_id for q in view.review.rejected_quotes.get(theme.id, ())}


def _move_targets(view: View, role: str) -> list[tuple[str, str]]:
    """(value, label) of every place a statement of ``role`` can move to."""
    targets = [(f"category:{c}", f"{CATEGORY_NAMES[c]}: as a point of its own") for c in CATEGORIES]
    themes = sorted((t for t in view.themes.values() if t.role == role), key=lambda t: (t.category, t.label))
    targets += [(f"theme:{t.id}", f"{SECTION_TITLES[t.category]}: theme “{_short(t.label)}”") for t in themes]
    return targets


def _back(form: Form, fallback: str) -> Response:
    """Back to the page the form was on (POST, then redirect, then GET)."""
    target = form.all("next")
    return RedirectResponse(local_path(target[0] if target else fallback, fallback), status_code=303)


def reviewer_of(request: Request) -> str:
    name = " ".join(unquote(request.cookies.get(REVIEWER_COOKIE, "")).split())
    return name if len(name) <= REVIEWER_LIMIT else ""


def _highlight(marked: str | None, text: str) -> Markup:
    if marked is None:
        return escape(text)
    start, end = HIGHLIGHT
    return Markup(str(escape(marked)).replace(start, "<mark>").replace(end, "</mark>"))


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
