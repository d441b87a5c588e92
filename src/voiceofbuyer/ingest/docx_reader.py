"""Word transcripts. The decoded text is the body paragraphs' text joined with ``\\n`` (one line per
paragraph; tables, headers and footers are not read), parsed like a plain-text transcript."""

from __future__ import annotations

import io
import zipfile

import docx

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import normalise_newlines, require_content
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.ingest.turns import Parsed


def read_docx(data: bytes, source: str) -> Parsed:
    try:
        document = docx.Document(io.BytesIO(data))
    # Not a zip, a zip without Word parts, another Office type, or broken XML (lxml's error is a SyntaxError).
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as err:
        raise InputError(
            source,
            "not a valid .docx file",
            fix="open it in Word and save it again as .docx, or export the transcript as .txt",
        ) from err
    text = require_content(normalise_newlines("\n".join(p.text for p in document.paragraphs)), source)
    turns, meta = parse_turns(text, source)
    return Parsed(text, turns, meta)
