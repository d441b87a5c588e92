"""Transcripts as a table in a CSV file, a row per turn (transcription services' and spreadsheets' exports): a header
row names the columns, among them the speaker and the text (``speaker,start,end,text``; ``Speaker Name;Start
Time;Text``), in any order, separated by commas, semicolons or tabs.

Two shapes researchers keep besides: a research repository's highlights (Dovetail, Condens, EnjoyHQ: a row per
verbatim quote, with its participant, tags and notes), every row the participant's own words; and an interview log
(a row per question, with the ``Question`` and the ``Response`` in their columns and the researcher's notes in
another), often under a few lines that name the participant (``Participant: Gloria Pruitt – Director of
Facilities``). Tags, notes and comments are never anyone's words.

A span is the text cell as written in the file, inside its quotes: a quote the cell doubles (``""``) stays doubled,
as a character reference stays written in a WebVTT file. Whisper's own ``.tsv`` (``start``, ``end`` in milliseconds,
``text``; no speaker) is read by its questions (``unlabelled``). Any other CSV without a speaker and a text column (a
survey export, a list of participants) is not a transcript.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import decode, require_content
from voiceofbuyer.ingest.metadata import FIELD_BREAK, header_metadata
from voiceofbuyer.ingest.timestamps import CUE_TIME, MAX_SECONDS, TEXT_TIME, parse_time
from voiceofbuyer.ingest.turns import LineIndex, Parsed, require_turns, turn_at
from voiceofbuyer.ingest.unlabelled import Segment
from voiceofbuyer.ingest.voice_memo import read_by_questions
from voiceofbuyer.records import InterviewMeta

_SPEAKER = frozenset({"speaker", "speaker name", "speaker_name", "name", "participant", "who", "spk", "voice"})
_TEXT = frozenset({"text", "transcript", "transcription", "content", "utterance", "words", "sentence", "caption",
                   "dialogue", "dialog", "speech", "said", "message",
                   "comment"})  # fmt: skip
# "comment": tscribe's column for the text of an Amazon Transcribe result.
# "timecode in": SimonSays' and video editors' columns, "00:00:04:20" (hh:mm:ss:ff).
_START = frozenset({"start", "start time", "start_time", "starttime", "begin", "from", "in", "timestamp", "time",
                    "start (s)", "start_seconds", "offset", "timecode in", "timecode", "start timecode", "tc in",
                    "in point", "start (ms)", "start_ms", "startms"})  # fmt: skip
_END = frozenset({"end", "end time", "end_time", "endtime", "to", "out", "end (s)", "end_seconds", "timecode out",
                  "end timecode", "tc out", "out point", "end (ms)", "end_ms", "endms"})  # fmt: skip
# A highlight: the participant's verbatim words, one quote a row.
_HIGHLIGHT = frozenset({"highlight", "highlight text", "quote", "quote text", "excerpt", "verbatim", "clip text"})
_QUESTION = frozenset({"question", "interview question", "prompt", "question asked"})
_RESPONSE = frozenset({"response", "answer", "responses", "answers", "participant response", "verbatim response"})
_JOB = frozenset({"participant role", "job title", "participant title", "role", "title (job)"})
_COMPANY = frozenset({"company", "participant company", "organisation", "organization", "account"})
_TAGS = frozenset({"tags", "tag", "labels", "codes", "highlight tags"})
_NOTE_ROW = re.compile(
    r"(?:[\w'’-]+\s+)?(?:notes?|observations?|comments?|aside|insights?|summary|takeaways?|memo)", re.I
)
_NOTE_TAG = re.compile(
    r"(?:(?:researcher|interviewer|observer|moderator)['’]?s?\s+)?(?:notes?|observations?|memo|paraphrased?|summary)",
    re.I,
)
"""A highlight's tag that says the row is the researcher's words, not a quote; "key insight" is a quote's tag."""
_HEADER_SEARCH = 15
"""Rows a table's header may come after: a title, the participant's and the interviewer's lines, a blank row."""
_DELIMITERS = (",", ";", "\t")
_SECONDS = re.compile(r"\d+(?:\.\d+)?")
_CLOCK = re.compile(rf"{CUE_TIME}|{TEXT_TIME}")
Cell = tuple[int, int]
"""A cell's span in the decoded text: inside its quotes when quoted."""


def read_csv(data: bytes, source: str) -> Parsed:
    """Text and turns of a CSV transcript; ``InputError`` when it has no speaker and text columns or no turn."""
    text = require_content(decode(data, source), source)
    delimiter = max(_DELIMITERS, key=text.split("\n", 1)[0].count)
    rows = list(_rows(text, delimiter))
    for at, row in enumerate(rows[:_HEADER_SEARCH]):
        header = [_key(text, cell) for cell in row]
        if _column(header, _QUESTION) is not None and _column(header, _RESPONSE) is not None:
            return _interview_log(text, rows, at, header, source)
        if _column(header, _SPEAKER) is not None and _column(header, _TEXT | _HIGHLIGHT) is not None:
            return _turn_rows(text, rows[at:], header, source)
        if header[:3] == ["start", "end", "text"]:  # Whisper's own .tsv: segments, times in ms, no speaker
            return _whisper_rows(text, rows[at + 1 :], source)
    raise InputError(
        source,
        "a CSV file without a speaker column and a text column, so not a transcript",
        fix="export the transcript with a header row such as 'speaker,start,end,text', or as .txt",
    )


def _turn_rows(text: str, rows: list[list[Cell]], header: list[str], source: str) -> Parsed:
    """A turn per row; for a repository's highlights, whose every row is a participant's quote, the participants
    are the interviewees, and the first one's job column gives the title."""
    columns = {name: _column(header, names) for name, names in
               (("speaker", _SPEAKER), ("start", _START), ("end", _END))}  # fmt: skip
    # A highlight's quote before any other text: its "Comment" is the researcher's
    highlight = _column(header, _HIGHLIGHT)
    columns["text"] = highlight if highlight is not None else _column(header, _TEXT)
    tagged = _column(header, _TAGS) if highlight is not None else None
    lines = LineIndex(text)
    turns = []
    for row in rows[1:]:
        speaker_cell, text_cell = _cell(row, columns["speaker"]), _cell(row, columns["text"])
        if speaker_cell is None or text_cell is None:
            continue
        speaker = " ".join(text[speaker_cell[0] : speaker_cell[1]].split())
        if _NOTE_ROW.fullmatch(speaker):  # a researcher's "NOTE" or "Observation" row among the turns: no one's words
            continue
        tags = re.split(r"[;,|]", _value(text, _cell(row, tagged))) if tagged is not None else []
        if any(_NOTE_TAG.fullmatch(tag.strip()) for tag in tags):
            continue  # a highlight tagged "note": the researcher's paraphrase typed into the row (tester 39)
        start, end = (
            _time(text, _cell(row, columns[edge]), _in_ms(header, columns[edge])) for edge in ("start", "end")
        )
        turn = turn_at(text, *text_cell, speaker, lines.line(text_cell[0]), start, end) if speaker else None
        if turn is not None:
            turns.append(turn)
    turns = require_turns(turns, source, "rows under a header such as 'speaker,start,end,text'")
    meta = InterviewMeta()
    if highlight is not None:
        people = list(dict.fromkeys(turn.speaker for turn in turns))
        # The profile is the first participant's (a group's, as in a call of several buyers): their job, cited
        # beside their own quotes only.
        job = _column(header, _JOB)
        first = next((row for row in rows[1:] if _value(text, _cell(row, columns["speaker"])) == people[0]), [])
        company = _value(text, _cell(first, _column(header, _COMPANY)))
        meta = InterviewMeta(interviewee=", ".join(people), title=_value(text, _cell(first, job)), company=company)
    return Parsed(text, turns, meta)


def _interview_log(text: str, rows: list[list[Cell]], at: int, header: list[str], source: str) -> Parsed:
    """An interview log: the question asked (the interviewer's turn) and the response (the participant's) of each
    row, the participant and the interviewer named in the lines above the table."""
    preamble = [" ".join(piece.split()) for row in rows[:at] for cell in row
                for piece in FIELD_BREAK.split(text[cell[0] : cell[1]]) if piece.strip()]  # fmt: skip
    meta = header_metadata(preamble, source)
    asked, answered = _column(header, _QUESTION), _column(header, _RESPONSE)
    lines = LineIndex(text)
    turns = []
    for row in rows[at + 1 :]:
        for column, speaker in ((asked, "Interviewer"), (answered, "Participant")):
            cell = _cell(row, column)
            turn = turn_at(text, *cell, speaker, lines.line(cell[0])) if cell else None
            if turn is not None:
                turns.append(turn)
    return Parsed(text, require_turns(turns, source, "rows with a question and a response"), meta)


def _value(text: str, cell: Cell | None) -> str:
    return " ".join(text[cell[0] : cell[1]].split()) if cell else ""


def _rows(text: str, delimiter: str) -> Iterator[list[Cell]]:
    """The rows of ``text`` as RFC 4180 reads them (a quoted cell may hold delimiters, newlines and doubled quotes),
    each cell as its span."""
    position, length = 0, len(text)
    while position < length:
        row: list[Cell] = []
        while True:
            if position < length and text[position] == '"':
                start = position + 1
                position = start
                while position < length and not (text[position] == '"' and text[position + 1 : position + 2] != '"'):
                    position += 2 if text[position] == '"' else 1
                row.append((start, min(position, length)))
                position += 1  # the closing quote
                while position < length and text[position] not in (delimiter, "\n"):
                    position += 1  # stray characters after a closing quote belong to no cell
            else:
                start = position
                while position < length and text[position] not in (delimiter, "\n"):
                    position += 1
                row.append((start, position))
            if position < length and text[position] == delimiter:
                position += 1
                continue
            position += 1  # the newline, or past the end
            break
        if any(end > start for start, end in row):
            yield row


def _key(text: str, cell: Cell) -> str:
    return " ".join(text[cell[0] : cell[1]].split()).strip("\ufeff ").casefold()


def _column(header: list[str], names: frozenset[str]) -> int | None:
    return next((index for index, key in enumerate(header) if key in names), None)


def _cell(row: list[Cell], column: int | None) -> Cell | None:
    return row[column] if column is not None and column < len(row) else None


def _whisper_rows(text: str, rows: list[list[Cell]], source: str) -> Parsed:
    """Whisper's ``--output_format tsv``: ``start``, ``end`` (milliseconds) and ``text`` of each segment, no speaker:
    read by its questions (``unlabelled``), a guess the file declares."""
    lines = LineIndex(text)
    segments = [
        Segment(row[2][0], row[2][1], lines.line(row[2][0]), _time(text, row[0], True), _time(text, row[1], True))
        for row in rows
        if len(row) >= 3
    ]
    return read_by_questions(text, segments, source, "a speaker column, or questions to read sides by")


def _in_ms(header: list[str], column: int | None) -> bool:
    """Whether a time column counts milliseconds ("start_ms", "End (ms)")."""
    return column is not None and header[column].rstrip(")").endswith("ms")


def _time(text: str, cell: Cell | None, milliseconds: bool = False) -> float | None:
    """Seconds from a time cell ("00:01:02.400", "1:02", "62.4", a timecode "00:00:04:20"; a number of
    ``milliseconds`` in a column that says so); None when empty or no time."""
    if cell is None:
        return None
    value = text[cell[0] : cell[1]].strip()
    if _SECONDS.fullmatch(value):
        seconds = float(value) / (1000 if milliseconds else 1)
    elif _CLOCK.fullmatch(value):
        seconds = parse_time(value.strip("[]()"))
    else:
        return None
    return seconds if seconds < MAX_SECONDS else None
