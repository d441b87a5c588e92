"""One file to one Interview: pick the reader by extension, then merge metadata and hash the bytes."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.csv_reader import read_csv
from voiceofbuyer.ingest.docx_reader import read_docx
from voiceofbuyer.ingest.html_reader import read_html
from voiceofbuyer.ingest.json_reader import read_json
from voiceofbuyer.ingest.language import detect_language
from voiceofbuyer.ingest.metadata import read_sidecar
from voiceofbuyer.ingest.pdf_reader import read_pdf
from voiceofbuyer.ingest.quoted_words import declares_quoted_words, quoted_turns
from voiceofbuyer.ingest.recordings import RECORDING_SUFFIXES, TRACKS_SUFFIX, untranscribed
from voiceofbuyer.ingest.siblings import sibling
from voiceofbuyer.ingest.sides import identify_sides
from voiceofbuyer.ingest.speaker_cuts import continued_sentences
from voiceofbuyer.ingest.srt_reader import read_sbv, read_srt
from voiceofbuyer.ingest.text_reader import read_markdown, read_text
from voiceofbuyer.ingest.timestamps import across_midnight
from voiceofbuyer.ingest.tool_lines import heard_over_silence
from voiceofbuyer.ingest.turns import Parsed
from voiceofbuyer.ingest.vtt_reader import read_vtt
from voiceofbuyer.records import Interview, InterviewMeta

Reader = Callable[[bytes, str], Parsed]

READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text", read_text),
    ".md": ("text", read_markdown),
    ".vtt": ("vtt", read_vtt),
    ".srt": ("srt", read_srt),
    ".sbv": ("sbv", read_sbv),
    ".docx": ("docx", read_docx),
    ".csv": ("csv", read_csv),
    ".tsv": ("csv", read_csv),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".json": ("json", read_json),
    ".pdf": ("pdf", read_pdf),
}
"""Extension → (``Interview.format``, reader)."""

TRANSCRIPT_SUFFIXES: tuple[str, ...] = tuple(READERS)


MAX_TRANSCRIPT_BYTES = 50_000_000
"""A ten-hour interview typed out is about 1 MB; fifty is no interview (a JSON transcript with every word timed is
ten times its text)."""
MAX_TEXT_BYTES = 5_000_000
"""Plain text, captions and tables: fifty hours of speech; a larger one is a log or an export of something else,
refused at once rather than read for minutes (tester 18: a 30 MB server log held the batch for over six)."""
_PLAIN_TEXT = frozenset({"text", "vtt", "srt", "sbv", "csv"})
MAX_TURN_CHARS = 100_000
"""About two hours of one person talking without a break: a longer turn is a file that lost its labels."""
MAX_SPEAKERS = 40


_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


_PAGE_TITLE = re.compile(rb"<title[^>]*>\s*([^<]{1,80}?)\s*</title>", re.I)


def _web_page(reader: Reader) -> Reader:
    """``reader`` for a web page saved under a transcript's name: where it holds no transcript (a sign-in or error
    page saved in the captions' place: tester 18), the line says what it is, not how captions are written."""

    def read(data: bytes, source: str) -> Parsed:
        try:
            return reader(data, source)
        except InputError as err:
            title = _PAGE_TITLE.search(data[:4096])
            named = f" ({title[1].decode('utf-8', 'replace')!r})" if title else ""
            fix = "download the transcript again: a sign-in or error page was saved in its place"
            raise InputError(source, f"a web page{named}, not a transcript", fix=fix) from err

    return read


def _is_webvtt(data: bytes) -> bool:
    """Whether a file opens with the ``WEBVTT`` header (after a byte-order mark, in UTF-8 or UTF-16)."""
    head = data[:64]
    return any(
        head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").startswith("WEBVTT")
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    )


def _check_limits(parsed: Parsed, source: str) -> None:
    longest = max(parsed.turns, key=lambda turn: len(turn.text), default=None)
    if longest is not None and len(longest.text) > MAX_TURN_CHARS:
        raise InputError(
            source,
            f"a turn of {len(longest.text):,} characters, longer than anyone speaks without a break "
            f"({MAX_TURN_CHARS:,} at most)",
            fix="check that each turn starts with its speaker's label",
            line=longest.line,
        )
    speakers = {turn.speaker for turn in parsed.turns}
    if len(speakers) > MAX_SPEAKERS:
        raise InputError(
            source,
            f"{len(speakers)} speakers, more than an interview has ({MAX_SPEAKERS} at most)",
            fix="check the speaker labels: lines of speech may have been read as labels",
        )


def read_interview(
    path: Path,
    root: Path,
    manifest: dict[str, InterviewMeta] | None = None,
    transcript: Path | None = None,
    warnings: list[InputError] | None = None,
) -> Interview:
    """Read one transcript under the batch folder ``root``; raises InputError naming the file and the fix.

    ``transcript``: for a recording, the JSON transcript made of it, read in its place (format ``audio``).
    ``warnings``: where given, gets what the file was read past (a cue whose timing line is malformed).
    """
    relative = path.relative_to(root)
    source = relative.as_posix()
    suffix = path.suffix.lower()
    if (suffix in RECORDING_SUFFIXES or suffix == TRACKS_SUFFIX) and transcript is None:
        raise untranscribed(source)
    if suffix not in READERS and transcript is None:
        raise InputError(
            source,
            f"unknown format {suffix or '(no extension)'}; supported: {', '.join(TRANSCRIPT_SUFFIXES)}",
            fix="convert it to one of these, or move it out of the batch folder",
        )
    try:
        size = (transcript or path).stat().st_size
        limit = MAX_TEXT_BYTES if transcript is None and READERS[suffix][0] in _PLAIN_TEXT else MAX_TRANSCRIPT_BYTES
        if size > limit:
            raise InputError(
                source,
                f"{size / 1e6:.1f} MB: larger than any transcript of its kind ({limit / 1e6:g} MB at most)",
                fix="split it into one file per interview, or move it out of the batch folder",
            )
        data = (transcript or path).read_bytes()
    except OSError as err:
        raise InputError(
            source, f"cannot read the file: {err.strerror}", fix="check that it exists and is readable"
        ) from err
    fmt, reader = ("audio", read_json) if transcript else READERS[suffix]
    if suffix in (".txt", ".srt") and _is_webvtt(data):
        fmt, reader = READERS[".vtt"]  # captions saved under another name: the WEBVTT header says what they are
    elif suffix in (".txt", ".vtt", ".srt") and _HTML_START.match(data[:512]):
        fmt, reader = READERS[".html"]  # a web page saved under a transcript's name: read as the page it is
        reader = _web_page(reader)
    parsed = reader(data, source)
    _check_limits(parsed, source)
    if warnings is not None:
        warnings.extend(parsed.warnings)
    try:
        sidecar = read_sidecar(path, root)
    except InputError as err:
        # Its metadata may say who the interviewee is: read without it, the interviewer could be quoted as the buyer.
        raise InputError(err.path, f"{err.message}; so {source} was not read either", err.fix, err.line) from err
    meta = (manifest or {}).get(source, InterviewMeta()).merged(sidecar).merged(parsed.meta)
    if suffix == TRACKS_SUFFIX:
        media = ""  # one file per participant: no single recording to play
    else:
        # A recording beside the transcript is surely its media; the JSON's "source" may name it from elsewhere.
        recording = path if transcript else sibling(path, RECORDING_SUFFIXES)
        media = recording.relative_to(root).as_posix() if recording else parsed.media
    interview = Interview(
        id=relative.with_suffix("").as_posix(),
        source=source,
        format=fmt,
        sha256=_content_digest(data, transcribed=transcript is not None),
        text=parsed.text,
        # A speaker-labelled "Thanks for watching!" is Whisper's, over silence (WhisperX labels every segment).
        turns=tuple(continued_sentences(across_midnight([t for t in parsed.turns if not heard_over_silence(t.text)]))),
        meta=meta,
        media=media,
        language=parsed.language or "en",
        speaker_confidence=parsed.speaker_confidence,
        unlabelled=parsed.unlabelled,
    )
    if parsed.turns and declares_quoted_words(parsed.text[: parsed.turns[0].start_char]):
        buyers = identify_sides(interview).buyers  # the sides from whole turns: the questions are still asked
        interview = replace(interview, turns=quoted_turns(parsed.text, interview.turns, buyers))
    if parsed.language:
        return interview
    # The buyers' language decides: English questions answered in Spanish make a Spanish interview.
    buyers = identify_sides(interview).buyers
    said = [turn.text for turn in parsed.turns if turn.speaker in buyers] or [turn.text for turn in parsed.turns]
    return replace(interview, language=detect_language(said))


def _content_digest(data: bytes, transcribed: bool) -> str:
    """SHA-256 of what an interview says: the file's bytes, or for a recording, its transcript without the path it
    names (``source``), so that a recording moved or renamed within the batch is the same interview to its review
    decisions."""
    if transcribed:
        document = json.loads(data)
        document.pop("source", None)
        data = json.dumps(document, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()
