"""Run result → documents: persona Markdown and HTML (Jinja2), index, objection lists, and the JSON result.

Documents are made one at a time (``render_documents`` is a generator), so a large batch never holds them all;
``files.DocumentSet`` writes them into a set nobody reads until the whole set is in place. The evidence audit runs
on the result before the first document is made.
HTML templates autoescape: transcript text is untrusted input.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .citations import citation_place, citation_speaker, citation_text, markdown_text
from .coherence import WEAK_COHERENCE
from .compare import COMPARED, SINGLE_ROLE_PER_ROLE, Concern
from .errors import ConfigError
from .files import TRANSCRIPTS_DIR, WORK, Document
from .objections import interviewees_per_role, objection_list, objections_csv
from .records import SECTION_TITLES, UNASSIGNED_ROLE, Interview, Persona, Quote, RunResult, Statement, Theme, clock
from .report import counted
from .result_json import json_bytes, quote_document, result_chunks, theme_document
from .roles import OTHER_ROLES
from .themes import unsure_category
from .transcript_page import anchor, page_path, turns_html

"""Output folder of the transcripts made from recordings (JSON and WebVTT)."""
TARGET_INTERVIEWS = (5, 8)
Comparison = tuple[list[Concern], float]
"""The roles side by side (``compare.compare_roles``) and the similarity that linked their themes."""
TOP_THEMES = 3
"""Themes per section on the one-page persona (``personas/<role>.html``); all are on ``<role>-evidence.html``."""
"""Research practice: talk to 5-8 buyers per key role."""
THIN_SHOWN = 10
"""Points mentioned once listed in a Markdown section (all are in the HTML and the JSON)."""
PATTERNS_SHOWN = 7
"""Patterns of a Markdown section shown with their supporting quotes; the others by their lead alone, one line each
(a persona of 70 real interviews ran to 590 lines)."""


def default_templates() -> Path:
    """The packaged templates (``src/voiceofbuyer/templates`` links to the repository's ``templates/``)."""
    return Path(__file__).resolve().parent / "templates"


def template_environment(override: Path | None = None) -> Environment:
    """Templates from ``override`` first (any file it has wins), then the defaults."""
    loaders = [FileSystemLoader(str(override))] if override else []
    loaders.append(FileSystemLoader(str(default_templates())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    if override is not None and override.is_dir():  # a broken template stops the run before any work
        for path in sorted(override.rglob("*.j2")):
            name = path.relative_to(override).as_posix()
            if not any(part.startswith(".") for part in name.split("/")):  # an editor's lock or backup file
                _load(env, name, path)
    return env


def _load(env: Environment, name: str, path: Path | None = None) -> Template:
    """The template ``name``; a user's template (not one of ours) that cannot be read or compiled is a
    ``ConfigError`` naming its file and line."""
    try:
        return env.get_template(name)
    except (TemplateError, UnicodeDecodeError) as error:
        converted = _template_error(error, path)
        if converted is error:
            raise
        raise converted from error


def _render(env: Environment, name: str, context: dict[str, Any]) -> str:
    """The template ``name`` rendered; an error in a user's template is a ``ConfigError`` naming its file and line."""
    template = _load(env, name)
    try:
        return template.render(context)
    except Exception as error:  # a user's template can fail in any way ({{ 1 / 0 }}): named, in one line
        converted = _template_error(error, None)
        if converted is error:
            raise
        raise converted from error


def _template_error(error: Exception, path: Path | None) -> Exception:
    """One line naming the user's template, the line and the problem; an error in one of ours is returned as it is
    (an internal error)."""
    where, line = path, getattr(error, "lineno", None)
    if getattr(error, "filename", None):
        where = Path(error.filename)  # type: ignore[attr-defined]
    for frame in traceback.extract_tb(error.__traceback__):  # a render error: the template frame that raised it
        if frame.filename.endswith(".j2"):
            where, line = Path(frame.filename), frame.lineno
    if where is None or where.resolve().is_relative_to(default_templates().resolve()):
        return error
    problem = f"{type(error).__name__}: {str(error)[:200]}".replace("\n", " ")
    return ConfigError(
        f"{where}{f':{line}' if line else ''}: template cannot be used ({problem}) (fix: correct it, or remove it from "
        "the --templates folder to use the default one)"
    )


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Every value a Markdown template (``*.md.j2``) prints is made inert there (``markdown_text``); HTML templates
    escape by themselves (autoescape)."""
    if isinstance(value, str) and (context.name or "").endswith((".md.j2", ".md")):
        return markdown_text(value)
    return value


def cite(quote: Quote) -> str:
    """``Dana Whitfield (CFO, Northwind Freight), northwind-cfo, 04:31`` (line number when no time)."""
    return citation_text(quote_document(quote))


def strength(theme: Theme, persona: Persona) -> str:
    """``7 of 9 interviewees, 5 companies`` (companies only when the metadata names them), and ``weak theme:
    statements loosely alike (coherence 0.42)`` for a theme under ``coherence.WEAK_COHERENCE``, ``unsure it is a goal
    (the classifier is 41% sure)`` for one whose lead's category the classifier was unsure of
    (``themes.unsure_category``)."""
    said = f"{theme.interviewee_count} of {persona.interviewee_count} interviewees"
    companies = len(theme.companies)
    if companies:
        said += f", {companies} compan{'ies' if companies != 1 else 'y'}"
    if theme.coherence is not None and theme.coherence < WEAK_COHERENCE and not theme.mentioned_once:
        said += f" · weak theme: statements loosely alike (coherence {theme.coherence:.2f})"
    if unsure_category(theme) and not theme.mentioned_once:
        article = "an" if theme.category[0] in "aeiou" else "a"
        said += f" · unsure it is {article} {theme.category} (the classifier is {theme.lead_confidence:.0%} sure)"
    return said


def byline(persona: Persona, total_interviews: int) -> str:
    """Who is behind a persona: interviews, companies, titles, ICP context, and its review state."""
    count = len(persona.interviews)
    parts = [f"Built from {counted(count, 'interview')}"]
    if persona.interviewee_count != count:  # one buyer interviewed twice (``persons``)
        parts[0] += f" of {persona.interviewee_count} {'person' if persona.interviewee_count == 1 else 'people'}"
    if persona.companies:
        companies = len(persona.companies)
        parts[0] += f" at {companies} compan{'ies' if companies != 1 else 'y'}"
    if persona.titles:
        parts.append(f"titles: {tally(persona.titles)}")
    if icp_context(persona):
        parts.append(f"ICP context: {icp_context(persona)}")
    parts.append(approval(persona, total_interviews))
    return " · ".join(parts)


def approval(persona: Persona, total_interviews: int) -> str:
    """``draft generated from 28 interviews; approved by —``, or who approved it, when, and how much was reviewed."""
    if not persona.approved_by:
        return f"draft generated from {counted(total_interviews, 'interview')}; approved by —"
    approved = f"approved by {persona.approved_by} on {persona.approved_on}"
    if persona.changed_since_approval:
        approved += " (changed since: approve it again)"
    if persona.themes_total:
        approved += f", {persona.themes_reviewed} of {persona.themes_total} themes reviewed"
    return f"generated from {counted(total_interviews, 'interview')}; {approved}"


def tally(pairs: tuple[tuple[str, int], ...]) -> str:
    """``CFO (2), VP Finance (1)``: (value, count) pairs as a line."""
    return ", ".join(f"{value} ({count})" for value, count in pairs)


def coverage(persona: Persona) -> str:
    """How far a persona is from ``TARGET_INTERVIEWS``: "enough", "2 more needed"; a catch-all is no role to count
    toward it (tester 21: "Other roles | 5 | enough" for five people of five different jobs)."""
    if persona.role == OTHER_ROLES:
        return "a mix of roles, too few of each to count"
    if persona.role == UNASSIGNED_ROLE:
        return "roles not said, not counted"
    short = TARGET_INTERVIEWS[0] - persona.interviewee_count
    return "enough" if short <= 0 else f"{short} more needed"


def icp_context(persona: Persona) -> str:
    """Industries, company sizes and regions of a persona's interviews, each tallied; "" when none is known."""
    parts = [tally(p) for p in (persona.industries, persona.company_sizes, persona.regions) if p]
    return "; ".join(parts)


def persona_sections(persona: Persona) -> list[tuple[str, list[Theme], list[Theme]]]:
    """(section title, themes, themes mentioned once) in section order."""
    return [
        (
            SECTION_TITLES[category],
            [t for t in themes if not t.mentioned_once],
            [t for t in themes if t.mentioned_once],
        )
        for category, themes in persona.sections
    ]


IN_SHORT = ("pain", "goal", "objection")
"""The extractive summary: the lead quote of the strongest pattern of each of these sections, in this order."""


def in_short(persona: Persona) -> list[tuple[str, Theme]]:
    """The extractive summary shown while a reviewer has written none: (category, theme) for the strongest theme
    raised by two or more interviewees in each ``IN_SHORT`` section that has one; the documents quote their lead
    quotes."""
    found = []
    for category, themes in persona.sections:
        strongest = next((t for t in themes if not t.mentioned_once and t.quotes and not unsure_category(t)), None)
        if category in IN_SHORT and strongest is not None:
            found.append((category, strongest))
    return sorted(found, key=lambda pair: IN_SHORT.index(pair[0]))


def unquoted_fragments(result: RunResult) -> dict[tuple[str, str], list[Statement]]:
    """(persona role, section title) → the statements filed in that section that no theme holds because none of its
    group stands on its own as a quote (``Statement.standalone``): evidence, never a lead quote, but never hidden
    either, so a section is not said to be empty when buyers spoke to it."""
    themed = result.theme_of()
    role_of = {interview: persona.role for persona in result.personas for interview in persona.interviews}
    found: dict[tuple[str, str], list[Statement]] = {}
    for statement in result.statements:
        verdict = result.classifications.get(statement.id)
        if verdict is None or verdict.category not in SECTION_TITLES or statement.id in themed:
            continue
        if statement.standalone or statement.interview_id not in role_of:
            continue
        key = (role_of[statement.interview_id], SECTION_TITLES[verdict.category])
        found.setdefault(key, []).append(statement)
    return found


def counted_unquoted(theme: Theme, statements: dict[str, Statement]) -> list[Statement]:
    """The first statement of each interview a theme counts that none of its quotes is from (as "It must connect to
    Okta.", too short to stand as a quote): the evidence page shows it, so every interviewee counted has words to
    read (tester 25: "Okta integration, 3 of 4" showed one quote)."""
    quoted = {quote.citation.interview_id for quote in theme.quotes}
    firsts: dict[str, Statement] = {}
    for statement_id in theme.statement_ids:
        statement = statements.get(statement_id)
        if statement is not None and statement.interview_id not in quoted:
            firsts.setdefault(statement.interview_id, statement)
    return list(firsts.values())


def document_context(result: RunResult, out_dir: Path, batch_dir: Path) -> dict[str, Any]:
    """What every document template gets; HTML citations link to the transcripts relative to ``out_dir``."""
    personas_dir = out_dir / "personas"
    interviews = {i.id: i for i in result.interviews}

    def link(target: Path, label: str, fragment: str = "") -> Markup:
        """An HTML link from ``personas/`` to ``target`` (relative, URL-quoted), its label escaped."""
        href = url_quote(Path(os.path.relpath(target, personas_dir)).as_posix()) + fragment
        return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')

    def cite_html(quote: Quote) -> Markup:
        """The citation with the interview linked to the quote on its transcript page, and, for a recording, the
        time to the recording at that moment (a media fragment: browsers start playing there)."""
        citation = quote_document(quote)["citation"]
        interview = interviews[quote.citation.interview_id]
        transcript = link(out_dir / page_path(interview.id), interview.id, f"#{anchor(quote.statement_id)}")
        place: Markup | str = citation_place(citation)
        if interview.media and quote.citation.start is not None:
            place = link(batch_dir / interview.media, str(place), f"#t={int(quote.citation.start)}")
        return escape(citation_speaker(citation)) + Markup(", ") + transcript + ", " + place

    fragments = unquoted_fragments(result)
    statements = {statement.id: statement for statement in result.statements}

    def transcript_link(statement: Statement) -> Markup:
        """A link to a statement on its interview's transcript page."""
        target = out_dir / page_path(statement.interview_id)
        return link(target, statement.interview_id, f"#{anchor(statement.id)}")

    return {
        "total_interviews": len(result.interviews),
        "fragments": lambda persona, title: fragments.get((persona.role, title), []),
        "counted_unquoted": lambda theme: counted_unquoted(theme, statements),
        "transcript_link": transcript_link,
        "byline": lambda persona: byline(persona, len(result.interviews)),
        "approval": lambda persona: approval(persona, len(result.interviews)),
        "tally": tally,
        "top": TOP_THEMES,
        "thin_shown": THIN_SHOWN,
        "patterns_shown": PATTERNS_SHOWN,
        "strength": strength,
        "in_short": in_short,
        "cite": cite,
        "cite_html": cite_html,
    }


def persona_document(
    persona: Persona, suffix: str, context: dict[str, Any], env: Environment, variant: str = ""
) -> bytes:
    """One persona as ``md`` or ``html``, with a ``document_context``; ``variant="-evidence"``: the HTML page with
    every theme and quote (``persona-evidence.html.j2``) beside the one-page persona."""
    name = f"persona{variant}.{suffix}.j2"
    text = _render(env, name, {**context, "persona": persona, "sections": persona_sections(persona)})
    return text.encode("utf-8")


def render_documents(
    result: RunResult, out_dir: Path, batch_dir: Path, env: Environment, comparison: Comparison
) -> Iterator[Document]:
    """(relative output path, content) for every document of a run, made one at a time; ``comparison``: the roles
    side by side (``compare.compare_roles``) and the similarity it used."""
    common = document_context(result, out_dir, batch_dir)
    for persona in result.personas:
        for suffix in ("md", "html"):
            yield f"personas/{persona.slug}.{suffix}", persona_document(persona, suffix, common, env)
        yield f"personas/{persona.slug}-evidence.html", persona_document(persona, "html", common, env, "-evidence")
    index = _render(
        env,
        "index.html.j2",
        {
            **common,
            "personas": result.personas,
            "sections_of": persona_sections,
            "target_min": TARGET_INTERVIEWS[0],
            "target_max": TARGET_INTERVIEWS[1],
            "coverage": coverage,
            "coverage_bar": lambda p: min(1.0, p.interviewee_count / TARGET_INTERVIEWS[1]),
        },
    )
    yield "index.html", index.encode("utf-8")
    concerns, similarity = comparison
    compared = {
        **common,
        "personas": result.personas,
        "concerns": concerns,
        "similarity": similarity,
        "per_role": SINGLE_ROLE_PER_ROLE,
        "sections": [(c, SECTION_TITLES[c]) for c in COMPARED],
    }
    yield "compare.html", _render(env, "compare.html.j2", compared).encode("utf-8")
    yield from transcript_pages(result, out_dir, env)
    objections = objection_list([theme_document(t) for t in result.themes], interviewees_per_role(result))
    yield "objections.csv", objections_csv(objections)
    yield "objections.json", json_bytes(objections)
    yield "voiceofbuyer.json", result_chunks(result)


def transcript_pages(result: RunResult, out_dir: Path, env: Environment) -> Iterator[Document]:
    """``transcripts/<id>.html`` for every interview: the whole transcript, its buyer statements marked."""
    by_interview: dict[str, list[Statement]] = {}
    for statement in result.statements:
        by_interview.setdefault(statement.interview_id, []).append(statement)
    for interview in result.interviews:
        path = page_path(interview.id)
        context = {
            "interview": interview,
            "profile": result.profiles[interview.id],
            "turns": turns_html(interview, by_interview.get(interview.id, []), result.classifications),
            "clock": clock,
            "sections": list(SECTION_TITLES.items()),
            "index_href": url_quote(Path(os.path.relpath(out_dir / "index.html", (out_dir / path).parent)).as_posix()),
        }
        yield path, _render(env, "transcript.html.j2", context).encode("utf-8")


def recording_transcripts(out_dir: Path, interviews: Iterable[Interview]) -> Iterator[Document]:
    """The JSON and WebVTT transcripts of the batch's recordings, published with the documents."""
    for interview in interviews:
        if interview.format == "audio":
            for suffix in (".json", ".vtt"):
                made = out_dir / WORK / TRANSCRIPTS_DIR / f"{interview.id}{suffix}"
                if made.is_file():
                    yield f"{TRANSCRIPTS_DIR}/{interview.id}{suffix}", made.read_bytes()
