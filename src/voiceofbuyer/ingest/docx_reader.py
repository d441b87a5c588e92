"""Word transcripts. The decoded text is the body's paragraphs joined with ``\\n`` (one line per paragraph; headers
and footers are not read), parsed like a plain-text transcript. A paragraph's text is every run in it as the document
now reads: inside content controls, smart tags and fields too, tracked insertions and moves kept, tracked deletions
and the old place of a moved passage left out (python-docx's ``Paragraph.text`` reads only the paragraph's own
runs, so "We underpaid about ninety carers" typed with Track Changes on read "We underpaid about carers"). A
transcript laid out as a table (a row per turn: time, speaker and text cells in any order, as some services export
it) becomes one ``[time] Speaker: text`` line per row, so the buyer's words are read as they are and the speaker as
the row names it."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

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
        what, fix = _what_it_is(data)
        raise InputError(source, f"not a valid .docx file: {what}", fix=fix) from err
    lines = []
    for block in _blocks(document.element.body):
        if block.tag == _TABLE:
            lines.extend(_table_lines(Table(block, document)))
        else:
            lines.append(_paragraph_line(Paragraph(block, document)))
    text = require_content(normalise_newlines("\n".join(lines)), source)
    return parse_turns(text, source)


_HEADING_STYLE = re.compile(r"(?:heading|title)\s*(?P<level>\d?)", re.I)


_PARAGRAPH, _TABLE = qn("w:p"), qn("w:tbl")
# Block-level wrappers whose paragraphs and tables are the document's: content controls and custom XML.
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})
# Runs in these are not the text as it now reads: deleted, moved away, or a text box's (its own paragraphs).
_NOT_READ = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent")})


def _blocks(container: BaseOxmlElement) -> list[BaseOxmlElement]:
    """The paragraphs and tables of a body or a table cell, in order, those inside content controls included."""
    blocks = []
    for child in container.iterchildren():
        if child.tag in (_PARAGRAPH, _TABLE):
            blocks.append(child)
        elif child.tag in _WRAPPERS:
            blocks.extend(_blocks(child))
    return blocks


def _paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph as it now reads: its runs at any depth but those deleted, moved away or in a text box."""
    runs = []
    for element in paragraph._p.iter(qn("w:r")):
        parent = element.getparent()
        while parent is not None and parent is not paragraph._p and parent.tag not in _NOT_READ:
            parent = parent.getparent()
        if parent is paragraph._p:
            runs.append(Run(element, paragraph))
    text = "".join(run.text for run in runs)
    # A paragraph all in italics is the writer's aside ("She opened the form on screen while talking."), written
    # as Markdown writes one so that it is read as one.
    worded = [run for run in runs if run.text.strip()]
    if worded and all(run.italic for run in worded) and "*" not in text and text.strip():
        return f"*{text.strip()}*"
    return text


def _paragraph_line(paragraph: Paragraph) -> str:
    """A paragraph's text; a heading's written as Markdown does ("## Buyer interview: Northgate"), so that a heading
    is read as one, never as a speaker's label (Gemini repeats the meeting's name as a heading in every tab)."""
    text = _paragraph_text(paragraph)
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.fullmatch(style or "")
    if heading is None or not text.strip() or _TIME_CELL.fullmatch(text):
        return text  # a time as a heading ("00:02:13" in Gemini's transcript tab) is a time stamp
    return f"{'#' * int(heading['level'] or 1)} {text}"


_TIME_CELL = re.compile(rf"\s*[\[(]?{TEXT_TIME}[\])]?\s*")
MAX_SPEAKER_WORDS = 6


MAX_HEADING_WORDS = 10


def _table_lines(table: Table) -> list[str]:
    """A table's rows as transcript lines: a row with a speaker cell (a few words) and a text cell (the longest) is
    ``[time] Speaker: text``; a short row of one cell merged across the table is a heading (``## Part 2 –
    Problems``); a header row ("Speaker", "Text") and any other row are their cells' text, one line each."""
    lines = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(_cell_text(c).split()) for c in row.cells))  # merged cells repeat
        cells = [c for c in cells if c]
        times = [c for c in cells if _TIME_CELL.fullmatch(c)]
        others = [c for c in cells if c not in times]
        said = max(others, key=len) if len(others) >= 2 else ""
        names = [c for c in others if c != said and len(c.split()) <= MAX_SPEAKER_WORDS and not c.endswith(":")]
        if said and len(names) == 1 and len(said) > len(names[0]):
            stamp = f"[{times[0].strip('[]() ')}] " if times else ""
            lines.append(f"{stamp}{names[0]}: {said}")
        elif len(cells) == 1 and len(row.cells) > 1 and len(cells[0].split()) <= MAX_HEADING_WORDS:
            lines.append(f"## {cells[0]}")  # "Part 2 – Problems", one cell across the table: a section's heading
        else:
            lines.extend(cells)
    return lines


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs as they now read (a nested table's cells after its paragraphs, as Word copies them)."""
    return "\n".join(
        _paragraph_text(Paragraph(block, cell)) if block.tag == _PARAGRAPH else
        "\n".join(_cell_text(inner) for row in Table(block, cell).rows for inner in row.cells)
        for block in _blocks(cell._tc)
    )  # fmt: skip


_SAVE_AGAIN = "open it in Word and save it again as .docx, or export the transcript as .txt"
# What a file named .docx is instead, told by its first bytes, so the line says what to do about it.
_SIGNATURES = (
    (b"%PDF", "a PDF document named .docx",
     "export the transcript from its tool as .docx or .txt, or copy the PDF's text into a .txt file"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (Office 97-2003) or a password-protected document",
     "open it in Word and save it as .docx without a password"),
    (b"{\\rtf", "a rich-text (RTF) document named .docx", "open it in Word and save it as .docx"),
)  # fmt: skip
_OTHER_OFFICE = {"xl/": "an Excel workbook named .docx", "ppt/": "a PowerPoint file named .docx"}


def _what_it_is(data: bytes) -> tuple[str, str]:
    """What ``data``, which python-docx could not open, is in words, and the fix for it."""
    head = data[:8].lstrip()
    for signature, what, fix in _SIGNATURES:
        if head.startswith(signature):
            return what, fix
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        if data.startswith(b"PK"):
            return "the archive is damaged or cut off (copied or downloaded only in part?)", "copy or download it again"
        if b"\x00" not in data[:4096]:
            return "text, or another format, named .docx", "give it the extension of its format (.txt, .vtt, .srt)"
        return "not a Word file at all", _SAVE_AGAIN
    for folder, what in _OTHER_OFFICE.items():
        if any(name.startswith(folder) for name in names):
            return what, "export the transcript as .docx or .txt"
    if "word/document.xml" not in names:
        return "a zip archive without a Word document in it", "unzip it and put the transcript itself in the batch"
    return "its Word document inside is damaged (broken XML or data)", _SAVE_AGAIN


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
