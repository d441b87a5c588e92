"""Evidence audit: before anything is written, every quote must be a verbatim span of its source.

For each quote, the source span of its statement is cut from the decoded source text read in this run,
the statement's recorded clean-up is applied, and the result must equal the quote character for
character. Cached statements are checked the same way, so a stale cache cannot put words in a buyer's
mouth. One mismatch fails the run, naming the quote.
"""

from __future__ import annotations

from collections.abc import Iterable

from .cleanup import apply_cleanup
from .errors import AuditError
from .records import Persona, Quote, RunResult, Statement, Theme


def quotes_of(themes: Iterable[Theme], personas: Iterable[Persona]) -> list[Quote]:
    quotes = [quote for theme in themes for quote in theme.quotes]
    quotes.extend(p.in_their_words for p in personas if p.in_their_words is not None)
    return quotes


def audit(quotes: Iterable[Quote], statements: dict[str, Statement], sources: dict[str, str]) -> int:
    """Raise ``AuditError`` on the first quote that is not its source span after clean-up; else the count."""
    checked = 0
    for quote in quotes:
        statement = statements.get(quote.statement_id)
        if statement is None:
            raise AuditError(f"quote {quote.text!r} cites unknown statement {quote.statement_id!r}")
        source = sources.get(statement.interview_id)
        if source is None:
            raise AuditError(f"quote {quote.text!r} cites interview {statement.interview_id!r}, not in this batch")
        if not 0 <= statement.start_char < statement.end_char <= len(source):
            raise AuditError(
                f"quote {quote.text!r} points outside {quote.citation.source} "
                f"(characters {statement.start_char}-{statement.end_char})"
            )
        if any(not statement.start_char <= s < e <= statement.end_char for s, e in statement.removed):
            raise AuditError(f"quote {quote.text!r}: its clean-up removes text outside its span")
        expected = apply_cleanup(source, statement.start_char, statement.end_char, statement.removed)
        if quote.text != expected or statement.text != expected:
            raise AuditError(
                f"quote {quote.text!r} is not verbatim: {quote.citation.source} characters "
                f"{statement.start_char}-{statement.end_char} read {expected!r} after clean-up"
            )
        checked += 1
    return checked


def audit_result(result: RunResult) -> int:
    """Audit every quote of a result's themes and personas against its interviews' source texts."""
    return audit(
        quotes_of(result.themes, result.personas),
        {s.id: s for s in result.statements},
        {i.id: i.text for i in result.interviews},
    )
