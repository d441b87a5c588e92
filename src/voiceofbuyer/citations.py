"""How a quote's source is written in every document, and text made inert where a document did not write it.

A citation (``records.Citation`` in its JSON form, ``result_json.quote_document``) reads
``Dana Whitfield (CFO, Northwind Freight), northwind-cfo, 04:31``: the speaker with title and company, the
interview, and the time (or the line when the transcript has no times).
"""

from __future__ import annotations

from typing import Any

_MARKDOWN_INERT = str.maketrans({"<": "&lt;", "[": "\\[", "]": "\\]", "`": "\\`"})


def markdown_text(value: str) -> str:
    """Text from transcripts, metadata or reviewers made inert in Markdown: no raw HTML (``<script>``, ``<img
    onerror>``), no autolink, no link or image (``[x](javascript:...)``) and no code span can be made of it. Markdown
    renders the result as the same text (``&lt;`` is shown as ``<``, ``\\[`` as ``[``)."""
    return str(value).translate(_MARKDOWN_INERT)


def citation_text(quote: dict[str, Any]) -> str:
    """``Dana Whitfield (CFO, Northwind Freight), northwind-cfo, 04:31`` of a quote document."""
    c = quote["citation"]
    return f"{citation_speaker(c)}, {c['interview_id']}, {citation_place(c)}"


def citation_speaker(citation: dict[str, Any]) -> str:
    """``Dana Whitfield (CFO, Northwind Freight)``; ``[speaker uncertain]`` when who spoke is not certain."""
    who = ", ".join(part for part in (citation["title"], citation["company"]) if part)
    name = f"{citation['speaker']} ({who})" if who else citation["speaker"]
    return f"{name} [speaker uncertain]" if citation.get("speaker_uncertain") else name


def citation_place(citation: dict[str, Any]) -> str:
    """``04:31``, or ``line 12`` when the transcript has no times."""
    return citation["timestamp"] or f"line {citation['line']}"
