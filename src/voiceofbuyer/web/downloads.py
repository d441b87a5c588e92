"""The desk's downloads and files: a persona's document (Markdown or print-friendly HTML), the objections as CSV, an
interview's recording and its transcript file, never a file outside the batch folder."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from jinja2 import Environment
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from ..ingest.recordings import RECORDING_SUFFIXES
from ..objections import interviewees_per_role, objection_list, objections_csv
from ..records import Interview
from ..render import document_context, persona_document
from ..result_json import theme_document
from .actions import interview_named, persona_named
from .desk import Desk, View

_TEXT_SOURCES = (".txt", ".md", ".vtt", ".srt", ".sbv", ".csv", ".json", ".html", ".htm")  # html as plain text


class Downloads:
    """The GET handlers of ``DeskPages`` that answer with a file."""

    desk: Desk
    documents: Environment

    def export_persona(self, request: Request) -> Response:
        """The persona's document as a Markdown download or a print-friendly HTML page; 404 for another suffix or an
        unknown persona."""
        view = self.desk.view()
        persona = persona_named(view, request.path_params["slug"])
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

    def export_objections(self, request: Request) -> Response:
        """The reviewed objections as a CSV download, of one role when ``role`` is given; 404 when no persona has it."""
        view = self.desk.view()
        role = request.query_params.get("role") or None
        if role is not None and view.persona_of(role) is None:
            raise HTTPException(404, "No persona has that role.")
        result = view.review.result
        objections = objection_list([theme_document(t) for t in result.themes], interviewees_per_role(result), role)
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

    def media(self, request: Request) -> Response:
        """The interview's recording; 404 when it has none in the batch folder."""
        view = self.desk.view()
        path = self.recording(view, interview_named(view, request.path_params["interview_id"]))
        if path is None:
            raise HTTPException(404, "This interview has no recording in the batch folder.")
        return FileResponse(path, media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")

    def source(self, request: Request) -> Response:
        """The interview's transcript file, shown as text when it is text, else downloaded; 404 when it is no longer in
        the batch folder."""
        view = self.desk.view()
        interview = interview_named(view, request.path_params["interview_id"])
        path = self.batch_file(interview.source)
        if path is None:
            raise HTTPException(404, "The transcript file is no longer in the batch folder.")
        if path.suffix.lower() in _TEXT_SOURCES:
            return FileResponse(path, media_type="text/plain; charset=utf-8")
        return FileResponse(path, filename=path.name, media_type="application/octet-stream")
