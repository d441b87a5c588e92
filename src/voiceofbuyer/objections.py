"""Objection battlecards: per role, the objections buyers raised, strongest first, each with how many raised it,
the best quote and two more with their citations, and the answer sales should give (written by a reviewer).

The same list is ``objections.csv`` and ``objections.json`` in the output folder, the desk's CSV export and
``voiceofbuyer objections`` (Markdown, CSV or JSON).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from .citations import citation_text, markdown_text
from .records import RunResult
from .themes import is_unsure

QUOTES = 3
"""Quotes per objection: the best one, then two more."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def interviewees_per_role(result: RunResult) -> dict[str, int]:
    """Role → the people behind its persona (the denominator of "raised by 7 of 10")."""
    return {p.role: p.interviewee_count for p in result.personas}


def objection_list(
    themes: list[dict[str, Any]], interviewees: dict[str, int], role: str | None = None
) -> list[dict[str, Any]]:
    """Objection themes (theme documents, ``result_json.theme_document``, in the run's order: strongest first), per
    role, in the persona's order: patterns before points mentioned once, those the classifier is sure of before the
    unsure (``themes.is_unsure``); each with its rank in its role and its share of the role's interviewees (``raised``
    of ``interviewees``: people, one buyer interviewed twice counted once)."""
    objections = [t for t in themes if t["category"] == "objection" and (role is None or t["role"] == role)]
    # Stable: within each part, the run's own ranking (``themes.theme_rank``) stands, ties included.
    ranked = sorted(objections, key=lambda t: (t["role"], t["mentioned_once"], is_unsure(t.get("lead_confidence"))))
    listed: list[dict[str, Any]] = []
    ranks: Counter[str] = Counter()
    for theme in ranked:
        ranks[theme["role"]] += 1
        rank = ranks[theme["role"]]
        raised = theme.get("interviewees") or len(theme["interviews"])  # a document written before it was kept
        of = interviewees.get(theme["role"], 0) or raised
        listed.append({
            "rank": rank,
            "role": theme["role"],
            "objection": theme["label"],
            "raised_by": f"{raised} of {of} ({round(100 * raised / of)}%)",
            "raised": raised,
            "interviewees": of,
            "companies": len(theme["companies"]),
            "mentioned_once": theme["mentioned_once"],
            "interview_ids": theme["interviews"],
            "company_names": theme["companies"],
            "quotes": theme["quotes"][:QUOTES],
            "response": theme.get("response", ""),
            "theme_id": theme["id"],
            "category_confidence": theme.get("lead_confidence"),
        })  # fmt: skip
    return listed


def _confidence(value: float | None) -> str:
    """The classifier's confidence in an objection's lead as a cell: "0.41"; "" when not known."""
    return "" if value is None else f"{value:.2f}"


def _cell(value: str) -> str:
    """Spreadsheet-safe: a cell that starts like a formula is prefixed with an apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def objections_csv(objections: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark and CRLF rows, so spreadsheet programs open it directly; one row per objection:
    rank, role, objection, raised by, companies, the best quote and its citation, two more, the answer for sales."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = ["rank", "role", "objection", "raised_by", "companies", "best_quote", "citation"]
    for n in range(2, QUOTES + 1):
        header += [f"quote_{n}", f"citation_{n}"]
    header += ["response", "mentioned_once", "interview_ids", "company_names", "theme_id", "category_confidence"]
    writer.writerow(header)
    for o in objections:
        quotes: list[str] = []
        for quote in o["quotes"][:QUOTES]:
            quotes += [quote["text"], citation_text(quote)]
        quotes += [""] * (2 * QUOTES - len(quotes))
        row = [str(o["rank"]), o["role"], o["objection"], o["raised_by"], str(o["companies"]), *quotes,
               o["response"], "yes" if o["mentioned_once"] else "no", "; ".join(o["interview_ids"]),
               "; ".join(o["company_names"]), o["theme_id"], _confidence(o["category_confidence"])]  # fmt: skip
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


ONCE_SHOWN = 5
"""Points mentioned once a role's battlecard lists (after its patterns); the rest are counted, and are all in the CSV
and JSON: on a real typed batch, 202 of an educator persona's 224 objections were single mentions."""


def objections_markdown(objections: list[dict[str, Any]]) -> str:
    """The battlecards as Markdown, a section per role: its objections raised by two or more interviewees, then the
    first ``ONCE_SHOWN`` points mentioned once and how many more there are."""
    lines: list[str] = []
    role = None
    once_in = Counter(o["role"] for o in objections if o["mentioned_once"])
    for o in objections:
        if o["role"] != role:
            role, once = o["role"], 0
            lines += ["", f"## {markdown_text(role)}", ""]
        once += o["mentioned_once"]
        if o["mentioned_once"] and once > ONCE_SHOWN:
            if once == ONCE_SHOWN + 1:
                more = once_in[role] - ONCE_SHOWN
                lines.append(f"… and {more} more mentioned once (all in objections.csv and objections.json)")
            continue
        thin = " (mentioned once)" if o["mentioned_once"] else ""
        confidence = o["category_confidence"]
        if is_unsure(confidence):  # perhaps no objection at all: say so
            thin += f" (unsure it is an objection: the classifier {confidence:.0%})"
        companies = f", {o['companies']} compan{'ies' if o['companies'] != 1 else 'y'}" if o["companies"] else ""
        lines.append(f"{o['rank']}. **{markdown_text(o['objection'])}** — raised by {o['raised_by']}{companies}{thin}")
        lines.extend(f'   > "{markdown_text(q["text"])}" — {markdown_text(citation_text(q))}' for q in o["quotes"])
        answer = markdown_text(" ".join(o["response"].split())) if o["response"] else "— (write it in the review desk)"
        lines.append(f"   *Answer:* {answer}")
    return "\n".join(lines).strip() + "\n"
