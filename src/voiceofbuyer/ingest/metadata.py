"""Interview metadata from the manifest, sidecar YAML files and front matter.

Sources are merged in this order, later ones winning field by field: the ``interviews.csv`` manifest
row, the sidecar ``<name>.yaml`` (or ``.yml``) next to the transcript, then metadata inside the file
(Markdown front matter, the JSON ``metadata`` object). Keys are matched case-insensitively against
``METADATA_FIELDS``; other keys are ignored. Values become stripped strings (YAML reads
``employees: 850`` as a number and ``date: 2026-09-02`` as a date).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import decode
from voiceofbuyer.ingest.person_names import names_no_person, parse_person
from voiceofbuyer.ingest.siblings import sibling
from voiceofbuyer.records import METADATA_FIELDS, InterviewMeta

SIDECAR_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")
MAX_METADATA_CHARS = 65_536
_KEY_VALUE_FIX = "write one 'key: value' per line, e.g. 'title: Chief Financial Officer'"


@dataclass(frozen=True)
class Manifest:
    """The batch's ``interviews.csv``, read."""

    rows: dict[str, InterviewMeta]
    """Metadata by transcript path relative to the batch folder (POSIX separators, with suffix)."""
    lines: dict[str, int]
    """Line of each row in the manifest, for messages."""
    errors: list[InputError]
    """Rows left out, each with what is wrong."""


def meta_from_mapping(data: Mapping[object, object], source: str, line: int | None = None) -> InterviewMeta:
    """The metadata fields of ``data`` (keys any case, unknown keys ignored, lists joined with ", "); ``InputError``
    when a field holds a nested mapping."""
    values: dict[str, str] = {}
    for key, value in data.items():
        name = str(key).strip().lower()
        if name in METADATA_FIELDS:
            values[name] = _text(name, value, source, line)
    return InterviewMeta(**values)


MAX_METADATA_NESTING = 8
"""Metadata is flat ``key: value`` lines (a value may be a list); deeper brackets are no metadata, and PyYAML takes
time quadratic in their depth."""


class _MetadataLoader(yaml.SafeLoader):
    """Safe YAML in which every scalar that looks like a date stays text: ``date: 2026-13-45`` is what was typed, not
    an error, and metadata values end up as text anyway."""


_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml_meta(text: str, source: str, first_line: int = 1) -> InterviewMeta:
    """Metadata from YAML text that starts on ``first_line`` of ``source``.

    Anchors and aliases are refused before anything is built: a few hundred bytes of nested aliases expand to
    gigabytes ("billion laughs"), and metadata never needs them. So is nesting deeper than metadata has.
    """
    if len(text) > MAX_METADATA_CHARS:
        raise InputError(source, f"metadata longer than {MAX_METADATA_CHARS:,} characters", fix=_KEY_VALUE_FIX)
    if _bracket_depth(text) > MAX_METADATA_NESTING:
        raise InputError(
            source, f"metadata nested more than {MAX_METADATA_NESTING} levels deep", fix=_KEY_VALUE_FIX, line=first_line
        )
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_MetadataLoader)):
            raise InputError(
                source, "YAML aliases (*name) in metadata are not allowed", fix=_KEY_VALUE_FIX, line=first_line
            )
        data = yaml.load(text, Loader=_MetadataLoader)  # a SafeLoader: no Python objects
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(
            source,
            f"malformed YAML metadata: {problem}",
            fix=_KEY_VALUE_FIX,
            line=first_line + mark.line if mark else first_line,
        ) from err
    except (ValueError, TypeError, RecursionError) as err:  # a value PyYAML's constructors refuse
        raise InputError(
            source, f"unreadable YAML metadata ({type(err).__name__}: {str(err)[:120]})", fix=_KEY_VALUE_FIX,
            line=first_line,
        ) from err  # fmt: skip
    if data is None:
        return InterviewMeta()
    if not isinstance(data, Mapping):
        raise InputError(
            source, "YAML metadata is not a set of 'key: value' lines", fix=_KEY_VALUE_FIX, line=first_line
        )
    return meta_from_mapping(data, source, first_line)


def _bracket_depth(text: str) -> int:
    """The deepest nesting of flow brackets (``[`` and ``{``) outside quoted strings, roughly as YAML reads them."""
    depth = deepest = 0
    quote = ""
    for char in text:
        if quote:
            if char == quote or char == "\n":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def read_sidecar(transcript: Path, root: Path) -> InterviewMeta:
    """Metadata from ``<name>.yaml`` / ``<name>.yml`` next to the transcript, if there is one."""
    sidecar = sibling(transcript, SIDECAR_SUFFIXES)
    if sidecar is None:
        return InterviewMeta()
    source = sidecar.relative_to(root).as_posix()
    try:
        if sidecar.stat().st_size > MAX_METADATA_CHARS * 4:
            raise InputError(source, "metadata file too large to be metadata", fix=_KEY_VALUE_FIX)
        data = sidecar.read_bytes()
    except OSError as err:
        raise InputError(source, f"metadata file cannot be read ({err.strerror})", fix="make it readable") from err
    return parse_yaml_meta(decode(data, source), source)


def split_front_matter(text: str, source: str) -> tuple[InterviewMeta, int]:
    """Metadata from a leading ``---`` block, and the offset where the body starts after it."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return InterviewMeta(), 0
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            meta = parse_yaml_meta("\n".join(lines[1:index]), source, first_line=2)
            return meta, min(len(text), sum(len(kept) + 1 for kept in lines[: index + 1]))
    raise InputError(source, "front matter is not closed", fix="end the metadata block with a line '---'", line=1)


def read_manifest(path: Path, source: str) -> Manifest:
    """Rows of ``interviews.csv``: a ``file`` column plus any of ``METADATA_FIELDS``.

    A bad row is left out with its own error (``Manifest.errors``); the other rows still give their metadata, also
    after a row the CSV reader cannot read (a field over its size limit) and after an unterminated quote (no
    metadata value spans lines, so a known column holding a line break is a quote left open: that row is left out
    and reading goes on at the next line instead of swallowing the rest of the file).
    A file that is no manifest at all (no ``file`` column, not text, unreadable) raises ``InputError``.
    """
    try:
        text = decode(path.read_bytes(), source)
    except OSError as err:
        raise InputError(source, f"cannot be read ({err.strerror})", fix="make it readable") from err
    lines = text.splitlines(keepends=True)
    header_line = lines[0] if lines else ""
    # Spreadsheets in some locales save CSV with semicolons or tabs.
    delimiter = max(",;\t", key=header_line.count)
    try:
        header = [name.strip().lower() for name in next(csv.reader(lines[:1], delimiter=delimiter), [])]
    except csv.Error as err:
        raise InputError(source, f"unreadable CSV header: {err}", fix="save it again as CSV from the spreadsheet",
                         line=1) from err  # fmt: skip
    if "file" not in header:
        raise InputError(
            source,
            "no 'file' column in the header row",
            fix=f"start it with the header 'file,{','.join(METADATA_FIELDS)}'",
            line=1,
        )
    known = [index for index, name in enumerate(header) if name == "file" or name in METADATA_FIELDS]
    manifest = Manifest({}, {}, [])
    index = 1  # lines before this one (0-based) are read
    while index < len(lines):
        base, consumed = index, 0
        records = csv.reader(lines[base:], delimiter=delimiter)
        index = len(lines)
        try:
            for row in records:
                first, consumed = base + consumed + 1, records.line_num  # the row's first line, 1-based
                raw = "\n".join(lines[first - 1 : base + consumed])
                # Open at the end of the file too: the last row '"unclosed,a' reads as one field, with no line break.
                open_at_end = raw.count('"') % 2 == 1 and re.search(rf'(?:^|[{re.escape(delimiter)}])"', raw)
                if (base + consumed > first and any("\n" in row[i] for i in known if i < len(row))) or open_at_end:
                    manifest.errors.append(
                        InputError(
                            source,
                            "a quote opened in this row is never closed; row left out",
                            fix="close the quote, or remove it",
                            line=first,
                        )
                    )
                    index = first  # read on from the next line
                    break
                try:
                    _manifest_row(manifest, header, row, first, source)
                except InputError as err:
                    manifest.errors.append(err)
        except csv.Error as err:
            first = base + consumed + 1
            manifest.errors.append(
                InputError(
                    source,
                    f"unreadable CSV row ({err}); row left out",
                    fix="save it again as CSV from the spreadsheet",
                    line=first,
                )
            )
            index = max(base + records.line_num, first)
    return manifest


def _manifest_row(manifest: Manifest, header: list[str], row: list[str], number: int, source: str) -> None:
    if not any(cell.strip() for cell in row):
        return
    if any(cell.strip() for cell in row[len(header) :]):
        raise InputError(
            source,
            f"row has {len(row)} values but the header has {len(header)}; row left out",
            fix="quote values that contain the delimiter",
            line=number,
        )
    values = dict(zip(header, row, strict=False))  # short rows leave fields empty
    name = values.get("file", "").strip().replace("\\", "/").removeprefix("./")
    if not name:
        raise InputError(
            source, "row has no 'file' value; row left out",
            fix="give the transcript's path relative to the batch folder", line=number,
        )  # fmt: skip
    if name in manifest.rows:
        raise InputError(
            source, f"{name} is listed twice (lines {manifest.lines[name]} and {number}); the second left out",
            fix="keep one row per transcript", line=number,
        )  # fmt: skip
    manifest.rows[name] = meta_from_mapping(values, source, number)
    manifest.lines[name] = number


def _text(name: str, value: object, source: str, line: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(part for part in (_text(name, item, source, line) for item in value) if part)
    if isinstance(value, Mapping):
        raise InputError(
            source, f"metadata field '{name}' holds a nested mapping", fix=f"give '{name}' a plain value", line=line
        )
    return str(value).strip()


_INTERVIEWEE_LABELS = (
    "interviewee", "adopter", "participant", "respondent", "customer", "buyer", "guest", "client", "prospect",
    "member",  # a customer advisory board's member
)  # fmt: skip
_INTERVIEWER_LABELS = ("interviewer", "researcher", "moderator", "facilitator", "host")
PERSON_LABELS = frozenset(_INTERVIEWEE_LABELS + _INTERVIEWER_LABELS)
"""Header labels whose value is a person of the call ("Participant: Marta Kowalczyk, Payroll Lead, Brightway")."""
_HEADER_FIELDS: dict[str, str] = {
    **dict.fromkeys(_INTERVIEWEE_LABELS, "person"),
    **dict.fromkeys(_INTERVIEWER_LABELS, "interviewer"),
    **dict.fromkeys(("title", "job title", "role", "position"), "title"),
    **dict.fromkeys(("company", "organisation", "organization", "account"), "company"),
    **dict.fromkeys(("attendees", "participants", "attendee"), "attendees"),
    **{name: name for name in ("industry", "region", "employees", "revenue", "date")},
    "company size": "employees",
    # a questionnaire's response (Google Forms, Typeform): "Name: Olga Petrenko", "Submitted: 14/05/2025 09:12:44"
    **dict.fromkeys(("name", "full name", "your name"), "person"),
    **dict.fromkeys(("submitted", "submitted at", "timestamp", "completed", "response date"), "date"),
}
_MAYBE_AN_ORGANISATION = frozenset({"client", "customer", "guest", "prospect", "account"})
"""Person labels whose value may be a company (an agency's client, the vendor's customer): an interviewee named
under another label wins."""
HEADER_LABELS = frozenset(_HEADER_FIELDS)
"""Labels of a header's metadata fields ("Company:", "Job title:", "Name:", and every one of ``PERSON_LABELS``): a
line under one is no turn."""
_HEADER_LINE = re.compile(
    r"[ \t]*(?:\*\*)?(?P<label>[^:*\n]{1,40}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.*?)[ \t]*$"
)
FIELD_BREAK = re.compile(r"(?:[ \t]{2,}|[ \t]+[·•|][ \t]+)(?=(?:\*\*)?[A-Z][\w ]{0,20}:)")
"""Between two fields written on one line: two spaces or more, or a middle dot or a bar, before the next label."""


def header_metadata(lines: list[str], source: str, first_line: int = 1) -> InterviewMeta:
    """Metadata from a transcript's header lines (before the first turn): ``Attendees: ...``, ``Date: ...``,
    ``**Interviewee:** Jane Doe, CFO at Acme``, ``Adopter: ...``; a label alone on its line takes the next line."""
    values: dict[str, str] = {}
    pending = ""
    person: dict[str, str] = {}  # the fields the interviewee's entry gave
    person_rank = 0  # of the label of that entry: 0 says a person, 1 may name an organisation
    # "Date: 12 March 2025 · Interviewer: Rachel Tan · Interviewee: ...": several fields on one line
    pieces = [
        (number, piece) for number, line in enumerate(lines, start=first_line) for piece in FIELD_BREAK.split(line)
    ]
    for line in lines:  # "Tue, 21 Oct 26 · Sam Ortiz, Tomasz Lewandowski": Granola's date and attendees, unlabelled
        dated = _DATED_ATTENDEES.match(line)
        if dated:
            values.setdefault("date", dated["date"])
            values.setdefault("attendees", dated["names"])
    for number, line in pieces:
        match = _HEADER_LINE.match(line)
        label = (match["label"] if match else line.strip().strip("#*").strip()).casefold()
        field = _HEADER_FIELDS.get(label)
        value = match["value"] if match else ""
        if field and not value:
            pending = field
            continue
        if not field and pending:
            field, value, pending = pending, line.strip(), ""
        if not field or not value:
            continue
        if field == "person":
            name, title, company = parse_person(value)
            if not title and names_no_person(name):
                continue  # "Client: Ledgerly Research", an agency's client; "Customer: Acme Logistics": no one's name
            # "Client: Deskwise" above "Interviewee: Marisa Okonkwo, ...": the study's client, the vendor (tester 53)
            rank = int(label in _MAYBE_AN_ORGANISATION)
            if person and rank >= person_rank:
                continue
            for key in person:  # the weaker label's person gives way whole
                del values[key]
            person_rank = rank
            # what a "Title:" or "Company:" line of its own gave wins
            person = {
                k: v
                for k, v in (("interviewee", name), ("title", title), ("company", company))
                if v and k not in values
            }
            values.update(person)
        else:
            if field == "interviewer":  # "Priya Desai · 14 May 2025 · video call, 35 min": the name, not the call's
                value = PARTS_BREAK.split(value, maxsplit=1)[0]
            if field == "attendees" and value.startswith("@"):  # Notion's mentions: "@Tom Reyes @Lena Park"
                value = ", ".join(name.strip(" ,") for name in _MENTION.split(value) if name.strip(" ,"))
            values.setdefault(field, _text(field, value, source, number))
    return InterviewMeta(**values)


_DATED_ATTENDEES = re.compile(
    r"\s*(?P<date>(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2})"
    r"(?:,?\s+\d{2,4})?)\s+[·•]\s+(?P<names>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})+)\s*$"
)
"""A notes app's line under the title: the meeting's date, a middle dot, and its attendees, two or more names."""
_MENTION = re.compile(r"(?:^|[\s,]+)@")
"""Where a notes app's mention of a person begins ("@Lena Park"; not inside an address, "lena@fernway.com")."""
PARTS_BREAK = re.compile(r"[ \t]+[·•|][ \t]+")
"""Between the parts of one line: "Ruth Adeyemi · Procurement Lead · Harlow County Council"."""
