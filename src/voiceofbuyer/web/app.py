"""The review desk: a local web app where marketers review, correct and approve persona drafts.

Pages read the reviewed result (``review.apply_decisions`` over the store); every change is a POST that
appends one decision to the store, checked against the version of what the reviewer saw. Exports reuse the
document renderer. The app reads the batch folder only to play recordings and hand out transcripts, by
interview id, and writes nothing but decisions into the store.
"""

from __future__ import annotations

import errno
import mimetypes
import socket
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from ..errors import ConfigError, StoreError
from ..records import CATEGORIES, SECTION_TITLES, Interview, clock
from ..render import (
    TARGET_INTERVIEWS,
    cite,
    in_short,
    strength,
    template_environment,
)
from ..store import HIGHLIGHT
from .actions import (
    CATEGORY_NAMES,
    ReviewActions,
    interview_named,
    members_of,
    move_targets,
    persona_named,
    reviewer_of,
    statement_named,
    theme_named,
)
from .desk import SEARCH_SHOWN, Conflict, Desk, View
from .downloads import Downloads
from .security import Form, Guard, read_form

WEB = Path(__file__).resolve().parent
QUERY_LIMIT = 500
CONTEXT_TURNS = 3
"""Turns shown before and after a quote's own turn on its evidence page."""


def create_app(
    out_dir: Path, token: str | None = None, loopback_only: bool = True, templates: Path | None = None
) -> Starlette:
    """The review desk over the store in ``out_dir``. ``token``: required on every request when given."""
    desk = DeskPages(Desk(out_dir), template_environment(templates))
    return Starlette(
        routes=desk.routes(),
        middleware=[Middleware(Guard, token=token, loopback_only=loopback_only, error_page=desk.error_page)],
        exception_handlers={
            HTTPException: desk.http_error,
            Conflict: desk.conflict,
            ConfigError: desk.failed,
            StoreError: desk.failed,
        },
    )


def serve(out_dir: Path, host: str, port: int, templates: Path | None = None) -> int:
    """Run the desk until interrupted; prints its address (with the access token off loopback)."""
    import uvicorn

    from .security import is_loopback, new_token

    try:  # bound here, so a busy port is one line and exit code 2, not uvicorn's log and exit 1
        listening = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
        # No Nagle delay: connections inherit this, so a response written in pieces (headers, then body) is not
        # held back 40 ms waiting for the browser's delayed acknowledgement of the first piece.
        listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError as error:  # a busy port, or a host that is no address of this machine
        busy = error.errno in (errno.EADDRINUSE, errno.EACCES)
        fix = "another --port, or stop what uses it" if busy else "--host an address of this machine, e.g. 127.0.0.1"
        print(f"error: cannot listen on {host}:{port}: {error.strerror or error} (fix: {fix})")
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
    # Hand the interpreter lock over every millisecond (not 5): a page rendered on a worker thread then delays
    # the event loop's small answers (static files, redirects) by a millisecond at a time, not five.
    sys.setswitchinterval(0.001)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listening])
    return 0


class DeskPages(ReviewActions, Downloads):
    """The desk's request handlers: pages, exports, files and review actions."""

    def __init__(self, desk: Desk, documents: Environment) -> None:
        self.desk = desk
        self.documents = documents
        self.pages = Environment(
            loader=FileSystemLoader(str(WEB / "templates")), autoescape=True, undefined=StrictUndefined
        )
        self.assets = {
            path.name: (path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            for path in sorted((WEB / "static").iterdir())
        }
        self.pages.filters["path"] = lambda value: quote(str(value), safe="/@")
        self.pages.globals.update(
            strength=strength,
            cite=cite,
            in_short=in_short,
            clock=clock,
            categories=CATEGORIES,
            category_names=CATEGORY_NAMES,
            section_titles=SECTION_TITLES,
        )

    def routes(self) -> list[Route | Mount]:
        """Every route of the desk: pages, exports, files, and the POST actions."""
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
            Route("/reviewer", self.action(self.set_reviewer), methods=["POST"]),
            Route("/theme/{theme_id}/status", self.action(self.theme_status), methods=["POST"]),
            Route("/theme/{theme_id}/rename", self.action(self.rename), methods=["POST"]),
            Route("/theme/{theme_id}/response", self.action(self.response), methods=["POST"]),
            Route("/theme/{theme_id}/lead", self.action(self.lead), methods=["POST"]),
            Route("/theme/{theme_id}/quote", self.action(self.quote_status), methods=["POST"]),
            Route("/move", self.action(self.move), methods=["POST"]),
            Route("/persona/{slug}/merge", self.action(self.merge), methods=["POST"]),
            Route("/persona/{slug}/edit", self.action(self.edit_persona), methods=["POST"]),
            Route("/persona/{slug}/approve", self.action(self.approve), methods=["POST"]),
            Route("/static/{name}", self.static),
        ]

    async def static(self, request: Request) -> Response:
        """The desk's stylesheet and script, from memory, on the event loop: no file or thread to wait for while
        a reviewer's decision is being written."""
        found = self.assets.get(request.path_params["name"])
        if found is None:
            raise HTTPException(404)
        content, media_type = found
        return Response(content, media_type=media_type, headers={"Cache-Control": "no-cache"})

    def action(self, handler: Callable[[Request, Form], Response]) -> Callable[[Request], Awaitable[Response]]:
        """A POST endpoint: the form is read on the event loop, the work (store, review) runs on a worker thread,
        so pages and static files are served while a decision is written."""

        async def endpoint(request: Request) -> Response:
            """Read the form, then run the handler on a worker thread."""
            form = await read_form(request)
            return await run_in_threadpool(handler, request, form)

        return endpoint

    # -- rendering ---------------------------------------------------------------------------------------------
    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The page template rendered with ``context``, the request, the CSRF token, the reviewer and the current
        address."""
        html = self.pages.get_template(template).render(
            request=request,
            csrf=getattr(request.state, "csrf", ""),
            reviewer=reviewer_of(request),
            here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def error_page(self, request: Request, status: int, message: str) -> Response:
        """The error page with ``message``, answered with ``status``."""
        return self.page(request, "error.html.j2", status=status, status_code=status, message=message)

    def http_error(self, request: Request, error: Exception) -> Response:
        """An ``HTTPException`` as the error page (a plain 404 says there is no such page)."""
        assert isinstance(error, HTTPException)
        if error.status_code == 404 and error.detail == "Not Found":
            message = "There is no such page here."
        else:
            message = str(error.detail)
        return self.error_page(request, error.status_code, message)

    def failed(self, request: Request, error: Exception) -> Response:
        """A ``ConfigError`` (a user's document template failed) or a ``StoreError`` (the store or the plain copy of
        the decisions could not be written) as a 500 page with its one line, never a traceback."""
        return self.error_page(request, 500, str(error))

    def conflict(self, request: Request, error: Exception) -> Response:
        """A ``Conflict`` as a 409 page: what changed, and the latest decisions on that theme or persona."""
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
    def overview(self, request: Request) -> Response:
        """The overview page: the personas, and the companies with their interviewees (people) per role."""
        view = self.desk.view()
        result = view.review.result
        people: dict[str, set[tuple[str, str]]] = {}
        for interview in result.interviews:
            if interview.meta.company:
                profile = result.profiles[interview.id]
                people.setdefault(interview.meta.company, set()).add((profile.role, profile.person_key))
        companies = {company: Counter(role for role, _ in met) for company, met in people.items()}
        return self.page(
            request, "overview.html.j2", view=view, personas=result.personas, companies=sorted(companies.items()),
            target=TARGET_INTERVIEWS,
        )  # fmt: skip

    def persona(self, request: Request) -> Response:
        """The page of the persona in the path; 404 when there is none."""
        view = self.desk.view()
        persona = persona_named(view, request.path_params["slug"])
        return self.page(request, "persona.html.j2", view=view, persona=persona)

    def theme(self, request: Request) -> Response:
        """The page of the theme in the path: its statements and where they can move; 404 when there is none."""
        view = self.desk.view()
        theme = theme_named(view, request.path_params["theme_id"])
        members = [view.statements[s] for s in sorted(members_of(view, theme))]
        return self.page(
            request, "theme.html.j2", view=view, theme=theme, persona=view.persona_of(theme.role), members=members,
            targets=move_targets(view, theme.role),
        )  # fmt: skip

    def evidence(self, request: Request) -> Response:
        """The page of one statement, with the turns around it; 404 when there is none."""
        view = self.desk.view()
        statement = statement_named(view, request.path_params["statement_id"])
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
            targets=move_targets(view, view.role_of(statement.id)),
        )  # fmt: skip

    def interview(self, request: Request) -> Response:
        """The whole interview, its statements marked; 404 when there is none."""
        view = self.desk.view()
        interview = interview_named(view, request.path_params["interview_id"])
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

    def search(self, request: Request) -> Response:
        """Statements holding the words and passing the filters (at most ``SEARCH_SHOWN`` listed); 400 for a too long
        search or an unknown filter value."""
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
        store = self.desk.reader
        found = store.search(words) if words else list(view.statements) if searched else []
        hits = view.matches(found, **filters)
        shown = hits[:SEARCH_SHOWN]
        marked = store.highlighted(words, shown) if words else {}
        role_themes = [t for t in view.themes.values() if t.role == filters["role"]] if filters["role"] else []
        return self.page(
            request, "search.html.j2", view=view, words=words, filters=filters, searched=searched, total=len(hits),
            results=[(view.statements[s], _highlight(marked.get(s), view.statements[s].text)) for s in shown],
            companies=sorted(known["company"] - {""}), role_themes=role_themes,
        )  # fmt: skip

    def decision_log(self, request: Request) -> Response:
        """Every decision, newest first."""
        view = self.desk.view()
        return self.page(request, "decisions.html.j2", view=view, decisions=view.decisions[::-1])


def _highlight(marked: str | None, text: str) -> Markup:
    if marked is None:
        return escape(text)
    start, end = HIGHLIGHT
    return Markup(str(escape(marked)).replace(start, "<mark>").replace(end, "</mark>"))
