"""Build the sample ``.docx`` transcripts from their plain-text sources.

Reads every ``scripts/sample_docx/<name>.txt`` (style A: ``Name: text`` per line; a line
without a ``Name:`` prefix continues the previous turn) and writes
``transcripts/<name>.docx`` with one paragraph per non-blank line.

The output is byte-for-byte deterministic: the core properties carry a fixed date and
author, and the zip entries get a fixed timestamp, so re-running the script does not
change files that are under version control.

Usage::

    .venv/bin/python scripts/build_sample_docx.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "sample_docx"
OUTPUT = ROOT / "transcripts"

FIXED_DATE = dt.datetime(2026, 10, 1, 0, 0, 0)
AUTHOR = "voiceofbuyer"
ZIP_DATE = (2026, 10, 1, 0, 0, 0)


def build_document(lines: list[str], title: str) -> bytes:
    document = Document()
    for line in lines:
        if line.strip():
            document.add_paragraph(line)
    props = document.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1
    props.title = title
    props.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed entry timestamps (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main() -> int:
    sources = sorted(SOURCES.glob("*.txt"))
    if not sources:
        print(f"no sources in {SOURCES}", file=sys.stderr)
        return 1
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for source in sources:
        lines = source.read_text(encoding="utf-8").splitlines()
        target = OUTPUT / f"{source.stem}.docx"
        target.write_bytes(build_document(lines, title=source.stem))
        print(f"wrote {target.relative_to(ROOT)} ({sum(1 for l in lines if l.strip())} paragraphs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
