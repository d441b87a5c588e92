"""Evidence audit: before anything is written, every quote must be a verbatim span of its source, by a buyer, with
nothing removed from it but disfluencies.

For each quote, the source span of its statement is cut from the decoded source text read in this run, the
statement's recorded clean-up is applied, and the result must equal the quote character for character. Then
every removed range is re-checked against the raw text, by its reason, with checks of the audit's own (not the
rule that removed it, so a wrong rule or a tampered store cannot pass):

- ``filler``: the removed text is a filler word of the configuration, not in capitals (in all-caps text, capitals
  tell nothing), not after a number;
- ``repeat``: the removed words are said again right after the range;
- ``false-start``: a cut-off word whose next word restarts it, after the words said again with it ("We tr- we");
- ``timestamp`` / ``annotation``: a bracketed time stamp / a bracketed non-speech note;
- ``gap``: text outside every turn of the speaker (cue timings and labels), never part of anybody's turn;
- ``backchannel``: besides such text, only whole turns of other speakers that are acknowledgements ("Mm-hmm.").

Cached statements are checked the same way, so a stale cache cannot put words in a buyer's mouth. One failure
stops the run, naming the quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .annotations import ANNOTATION, INLINE_TIME, LINE_NUMBER, QUOTE_MARK
from .cleanup import apply_cleanup, is_acknowledgement, is_restart
from .errors import AuditError
from .records import Interview, Persona, Quote, RunResult, Statement, Theme
from .stop_words import english_stop_words

_WORDS = re.compile(r"[\w'’]+")
_DISCOURSE_WORDS = frozenset({"like", "yeah", "okay", "ok", "right"})
"""Said twice as a stutter like function words ("like, like"), though spaCy does not list them as stop words."""
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred))\s*$", re.I)
_NUMBER_AFTER = re.compile(
    r"[\s,]*(?:\d|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
    r"|million|billion)\b)",
    re.I,
)
_CUT_OFF = re.compile(r"\s*((?:[\w'’]+\s+){0,2})([\w'’]+)(-|--|–|—)\s*")
"""A word cut off, after the phrase of up to two words the speaker says again with it ("We tr- ")."""
_STRUCTURAL = ("gap", "timestamp", "annotation", "escape")


def quotes_of(themes: Iterable[Theme], personas: Iterable[Persona]) -> list[Quote]:
    """Every quote the result shows: the themes' quotes, then each persona's ``in_their_words``."""
    quotes = [quote for theme in themes for quote in theme.quotes]
    quotes.extend(p.in_their_words for p in personas if p.in_their_words is not None)
    return quotes


def audit(
    quotes: Iterable[Quote], statements: dict[str, Statement], interviews: dict[str, Interview], fillers: Iterable[str]
) -> int:
    """Raise ``AuditError`` on the first quote that fails a check above; else return how many were checked."""
    filler_words = {word.casefold() for word in fillers}
    checked = 0
    for quote in quotes:
        statement = statements.get(quote.statement_id)
        if statement is None:
            raise AuditError(f"quote {quote.text!r} cites unknown statement {quote.statement_id!r}")
        interview = interviews.get(statement.interview_id)
        if interview is None:
            raise AuditError(f"quote {quote.text!r} cites interview {statement.interview_id!r}, not in this batch")
        source = interview.text
        if not 0 <= statement.start_char < statement.end_char <= len(source):
            raise AuditError(
                f"quote {quote.text!r} points outside {quote.citation.source} "
                f"(characters {statement.start_char}-{statement.end_char})"
            )
        if any(not statement.start_char <= s < e <= statement.end_char for s, e, _ in statement.removed):
            raise AuditError(f"quote {quote.text!r}: its clean-up removes text outside its span")
        for removal in statement.removed:
            problem = _removal_problem(interview, statement, removal, filler_words)
            if problem:
                start, end, reason = removal
                raise AuditError(
                    f"quote {quote.text!r} ({quote.citation.source}): the clean-up removed {source[start:end]!r} "
                    f"as a {reason}, but {problem}"
                )
        expected = apply_cleanup(source, statement.start_char, statement.end_char, statement.removed)
        if quote.text != expected or statement.text != expected:
            raise AuditError(
                f"quote {quote.text!r} is not verbatim: {quote.citation.source} characters "
                f"{statement.start_char}-{statement.end_char} read {expected!r} after clean-up"
            )
        checked += 1
    return checked


def _is_function_word(word: str) -> bool:
    """A stop word, a discourse marker, or a contraction of a stop word ("that's", "isn't", "we're")."""
    word = word.replace("’", "'")
    base = word[:-3] if word.endswith("n't") else word.split("'")[0]
    return word in english_stop_words() or word in _DISCOURSE_WORDS or base in english_stop_words()


def _removal_problem(
    interview: Interview, statement: Statement, removal: tuple[int, int, str], fillers: set[str]
) -> str | None:
    """Why a removed range is not the disfluency its reason says, or None when it is."""
    start, end, reason = removal
    source = interview.text
    removed = source[start:end]
    if reason == "filler":
        word = removed.strip().rstrip(",.…—–").strip()
        if word.casefold() not in fillers:
            return "it is not a filler word"
        # In all-caps captions ("OUR ERM COMMITTEE, UM, ENTERPRISE RISK.") capitals tell nothing, as in the clean-up.
        if len(word) > 1 and word.isupper() and not statement.text.isupper():
            return "a word in capitals is an abbreviation, not a filler"
        if _NUMBER_BEFORE.search(source[max(0, start - 20) : start]) and not _NUMBER_AFTER.match(source, end):
            return "after a number it is a unit"  # "5 mm"; between two numbers, "40 er 45,000", a filler
        return None
    if reason == "repeat":
        said = _WORDS.findall(removed.lower())
        following = _WORDS.findall(_text_after(statement, end, source).lower())
        if not said or (following[: len(said)] != said and not _object_then_stutter(said, following, source, start)):
            return "the same words do not follow it"
        if not any(_is_function_word(word) for word in said):
            return "it holds no function word: content said twice is meant, not a stutter"
        # "Not my team, my team was desperate": a phrase said again right after a negation corrects it ("not a, a
        # CSV" is a stutter).
        before = _WORDS.findall(source[max(statement.start_char, start - 20) : start].lower())[-1:]
        denied = [word for word in before if word in ("not", "no", "never", "nor", "without")]
        return f"it follows {denied[0]!r}: a correction, not a stutter" if denied and len(said) > 1 else None
    if reason == "false-start":
        cut = _CUT_OFF.fullmatch(removed)
        following = _WORDS.findall(_text_after(statement, end, source).lower())
        if cut and is_restart(cut[1].split(), cut[2], following, cut[3]):
            return None
        return "it is not a cut-off word said again"
    if reason == "escape":
        quoted = interview.format == "csv" and removed == '"' and source[end : end + 1] == '"'
        return None if quoted else "it is not the first of a CSV cell's doubled quotation marks"
    if reason == "timestamp":
        return None if INLINE_TIME.fullmatch(removed.strip()) else "it is not a time stamp"
    if reason == "annotation":
        return None if ANNOTATION.fullmatch(removed.strip()) else "it is not a non-speech annotation"
    if reason == "line-number":
        return None if LINE_NUMBER.fullmatch(removed) else "it is not the number before a line"
    if reason == "quote-mark":
        return None if QUOTE_MARK.fullmatch(removed) else "it is not the mark before a quoted line"
    spoken = [t for t in interview.turns if t.start_char < end and t.end_char > start]
    if reason == "gap":
        return "it holds words of a turn" if spoken else None
    if reason == "backchannel":
        if any(t.speaker == statement.speaker or not start <= t.start_char < t.end_char <= end for t in spoken):
            return "it holds words of the speaker's own, or part of a turn"
        if not spoken or not all(is_acknowledgement(t.text) for t in spoken):
            return "it is not an acknowledgement between two parts of one sentence"
        return None
    return f"{reason!r} is not a clean-up reason"


def _object_then_stutter(said: list[str], following: list[str], source: str, start: int) -> bool:
    """ "approve it, [it, ]it's ridiculous": the removed copy comes between the same words said before it (an
    object, kept) and their contraction after it (a clause starting again); the clean-up removes the middle one.
    "approve it, it's ridiculous" has nothing to remove."""
    before = _WORDS.findall(source[max(0, start - 40) : start].lower())
    contracted = [_CONTRACTION.sub("", word) for word in following[: len(said)]]
    return contracted == said and before[-len(said) :] == said


_CONTRACTION = re.compile(r"['’](?:s|re|ve|ll|d|m)$")


def _text_after(statement: Statement, position: int, source: str) -> str:
    """The statement's source text after ``position``, without its structural removals (cue timings) and fillers
    (each checked as one): "a, " is a repeat in "a, uh, a quarterly review"."""
    pieces, cursor = [], position
    for start, end, reason in sorted(statement.removed):
        if (reason in _STRUCTURAL or reason == "filler") and end > cursor:
            pieces.append(source[cursor : max(cursor, start)])
            cursor = max(cursor, end)
    pieces.append(source[cursor : statement.end_char])
    return " ".join(pieces)


def audit_result(result: RunResult, fillers: Iterable[str]) -> int:
    """Audit every quote of a result's themes and personas against its interviews' source texts."""
    return audit(
        quotes_of(result.themes, result.personas),
        {s.id: s for s in result.statements},
        {i.id: i for i in result.interviews},
        fillers,
    )
