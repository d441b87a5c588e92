"""Word transcripts. The decoded text is the body's paragraphs joined with ``\\n`` (one line per paragraph; headers
and footers are not read), parsed like a plain-text transcript. A transcript laid out as a table (a row per turn:
time, speaker and text cells in any order, as some services export it) becomes one ``[time] Speaker: text`` line
per row, so the buyer's words are read as they are and the speaker as the row names it."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import normalise_newlines, require_content
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.ingest.timestamps import TEXT_TIME
from voiceofbuyer.ingest.turns import Parsed

MAX_UNPACKED_BYTES = 50_000_000
"""What a Word file may unpack to: a ten-hour interview is a few MB of XML; more is a zip bomb."""
MAX_PARTS = 2_000


def read_docx(data: bytes, source: str) -> Parsed:
    """Text and turns of a Word file; ``InputError`` when it is no valid .docx, unpacks too large, or holds no turn."""
    _check_archive(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    # Not a zip, a zip without Word parts, another Office type, broken XML (lxml's error is a SyntaxError), damaged
    # compressed data (zlib.error, EOFError), encrypted parts (RuntimeError), an unknown compression method, or a
    # content-types part of the wrong shape (python-docx meets an element without the attribute it expects).
    except (
        zipfile.BadZipFile, KeyError, ValueError, SyntaxError, zlib.error, EOFError, OSError, RuntimeError,
        NotImplementedError, AttributeError,
    ) as err:  # fmt: skip
        raise InputError(
            source,
            "not a valid .docx file",
            fix="open it in Word and save it again as .docx, or export the transcript as .txt",
        ) from err
    lines = [
        line
        for block in document.iter_inner_content()
        for line in (_table_lines(block) if isinstance(block, Table) else [_paragraph_line(block)])
    ]
    text = require_content(normalise_newlines("\n".join(lines)), source)
    turns, meta = parse_turns(text, source)
    return Parsed(text, turns, meta)


_HEADING_STYLE = re.compile(r"(?:heading|title)\s*(?P<level>\d?)", re.I)


def _paragraph_line(paragraph: Paragraph) -> str:
    """A paragraph's text; a heading's written as Markdown does ("## Buyer interview: Northgate"), so that a heading
    is read as one, never as a speaker's label (Gemini repeats the meeting's name as a heading in every tab)."""
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.fullmatch(style or "")
    if heading is None or not paragraph.text.strip() or _TIME_CELL.fullmatch(paragraph.text):
        return paragraph.text  # a time as a heading ("00:02:13" in Gemini's transcript tab) is a time stamp
    return f"{'#' * int(heading['level'] or 1)} {paragraph.text}"


_TIME_CELL = re.compile(rf"\s*[\[(]?{TEXT_TIME}[\])]?\s*")
MAX_SPEAKER_WORDS = 6


def _table_lines(table: Table) -> list[str]:
    """A table's rows as transcript lines: a row with a speaker cell (a few words) and a text cell (the longest) is
    ``[time] Speaker: text``; a header row ("Speaker", "Text") and any other row are their cells' text, one line
    each."""
    lines = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))  # merged cells repeat
        cells = [c for c in cells if c]
        times = [c for c in cells if _TIME_CELL.fullmatch(c)]
        others = [c for c in cells if c not in times]
        said = max(others, key=len) if len(others) >= 2 else ""
        names = [c for c in others if c != said and len(c.split()) <= MAX_SPEAKER_WORDS and not c.endswith(":")]
        if said and len(names) == 1 and len(said) > len(names[0]):
            stamp = f"[{times[0].strip('[]() ')}] " if times else ""
            lines.append(f"{stamp}{names[0]}: {said}")
        else:
            lines.extend(cells)
    return lines


def _check_archive(data: bytes, source: str) -> None:
    """Refuse an archive that would unpack to more than a Word transcript can be, before anything is unpacked (the
    sizes are the ones the archive declares; unpacking never goes past them)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # not a zip at all: python-docx says so below
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES or len(parts) > MAX_PARTS:
        raise InputError(
            source,
            f"not a Word transcript: it unpacks to {unpacked / 1e6:,.0f} MB in {len(parts):,} parts "
            f"({MAX_UNPACKED_BYTES / 1e6:.0f} MB and {MAX_PARTS:,} parts at most)",
            fix="open it in Word and save it again as .docx, or export the transcript as .txt",
        )
