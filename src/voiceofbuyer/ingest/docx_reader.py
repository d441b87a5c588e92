"""Word transcripts. The decoded text is the body paragraphs' text joined with ``\\n`` (one line per
paragraph; tables, headers and footers are not read), parsed like a plain-text transcript."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import normalise_newlines, require_content
from voiceofbuyer.ingest.text_reader import parse_turns
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
    # compressed data (zlib.error, EOFError), encrypted parts (RuntimeError) or an unknown compression method.
    except (
        zipfile.BadZipFile, KeyError, ValueError, SyntaxError, zlib.error, EOFError, OSError, RuntimeError,
        NotImplementedError,
    ) as err:  # fmt: skip
        raise InputError(
            source,
            "not a valid .docx file",
            fix="open it in Word and save it again as .docx, or export the transcript as .txt",
        ) from err
    text = require_content(normalise_newlines("\n".join(p.text for p in document.paragraphs)), source)
    turns, meta = parse_turns(text, source)
    return Parsed(text, turns, meta)


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
