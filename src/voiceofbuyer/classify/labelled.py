"""Labelled statements: the shipped sets, the real spoken set read by offsets, and reviewers' corrections.

- ``generic``: ``data/classifier_examples.jsonl``, 702 written B2B interview statements, 117 per category;
- ``synthetic``: ``data/classifier_examples_sample.jsonl`` and ``data/devset.jsonl``, 1,320 statements of the
  sample batch;
- ``typed``: ``data/labelled/realworld_ai.jsonl``, 4,942 real typed statements of 151
  interviews (AnthropicInterviewer, MIT);
- ``b2b``: ``data/labelled/written_b2b.jsonl``, 2,592 statements of 130 B2B buyer interviews written for the test
  cases (``tests/fixtures/cases``: discovery, win/loss, churn and renewal calls, group calls, in many industries),
  which neither real set holds (both are about other things: AI at work, engineering practice);
- ``spoken``: ``data/labelled/realworld_spoken_offsets.jsonl``, 1,048 real spoken statements as offsets into the
  transcripts of ``../shared/realworld`` (their licence forbids copying the text).

Labels follow ``docs/labelling.md`` (the codebook and the rules settled while labelling).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..records import CATEGORIES

EXAMPLES = "data/classifier_examples.jsonl"
SAMPLE_EXAMPLES = "data/classifier_examples_sample.jsonl"
DEVSET = "data/devset.jsonl"
TYPED = "data/labelled/realworld_ai.jsonl"
WRITTEN_B2B = "data/labelled/written_b2b.jsonl"
SPOKEN = "data/labelled/realworld_spoken_offsets.jsonl"
SECOND_CODER = "data/labelled/second_coder.jsonl"
SHIPPED_SOURCES = ("generic", "synthetic", "typed", "b2b")
"""What the built-in classifier trains on (the spoken set's text cannot ship)."""


@dataclass(frozen=True)
class LabelledStatement:
    """A statement, the question before it, and the category a coder gave it."""

    question: str
    text: str
    label: str
    interview: str = ""
    """Where it was said (cross-validation keeps an interview's statements in one fold)."""
    source: str = ""
    """``generic``, ``synthetic``, ``typed``, ``b2b``, ``spoken``, ``reviewer`` or a file name."""
    id: str = ""


def _rows(name: str) -> list[dict[str, object]]:
    text = resources.files("voiceofbuyer").joinpath(name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def read_labelled(path: Path | None = None, default: str = DEVSET, source: str = "") -> list[LabelledStatement]:
    """Labelled statements from a JSONL file (``question``, ``text``, ``label``, optional ``interview``); a shipped
    set by default. ``ConfigError`` (one line, with the fix) for a file that cannot be read or holds no statement,
    a line that is no JSON object with a ``text`` and a ``label`` (naming the line), or an unknown label."""
    fix = "one JSON object per line with 'text', 'label' and optional 'question', 'interview'"
    if path is None:
        rows, name = list(enumerate(_rows(default), start=1)), default
    else:
        name = str(path)
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, ValueError) as error:
            raise ConfigError(f"{name}: cannot be read as a labelled set: {error} (fix: {fix})") from error
        rows = []
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    rows.append((number, json.loads(line)))
                except ValueError as error:
                    raise ConfigError(f"{name}:{number}: not JSON ({error}) (fix: {fix})") from error
        if not rows:
            raise ConfigError(f"{name}: no labelled statement in it (fix: {fix})")
    items = []
    for number, row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "label" not in row:
            raise ConfigError(f"{name}:{number}: not a labelled statement (fix: {fix})")
        if row["label"] not in CATEGORIES:
            known = ", ".join(CATEGORIES)
            raise ConfigError(f"{name}:{number}: unknown label {row['label']!r} (fix: use one of {known})")
        items.append(
            LabelledStatement(str(row.get("question", "")), str(row["text"]), str(row["label"]),
                              str(row.get("interview", "")), source or name, str(row.get("id", "")))
        )  # fmt: skip
    return items


def shipped(sources: tuple[str, ...] = SHIPPED_SOURCES) -> list[LabelledStatement]:
    """The shipped labelled sets of ``sources``."""
    files = {"generic": (EXAMPLES,), "synthetic": (SAMPLE_EXAMPLES, DEVSET), "typed": (TYPED,), "b2b": (WRITTEN_B2B,)}
    return [item for source in sources for name in files[source] for item in read_labelled(None, name, source)]


def spoken(folder: Path) -> list[LabelledStatement]:
    """The real spoken set, its text read from the transcripts in ``folder``; empty when they are not there."""
    items = []
    texts: dict[str, str] = {}
    for row in _rows(SPOKEN):
        path = folder / str(row["file"])
        if not path.is_file():
            return []
        text = texts.setdefault(path.name, path.read_bytes().decode("utf-8").replace("\r\n", "\n"))

        def cut(span: object, text: str = text) -> str:
            """The text between a ``[start, end]`` character span; empty when there is no span."""
            return text[span[0] : span[1]] if isinstance(span, list) else ""

        items.append(
            LabelledStatement(cut(row["question"]), cut(row["span"]), str(row["label"]), path.stem, "spoken",
                              str(row["id"]))
        )  # fmt: skip
    return items


def second_coder() -> dict[str, str]:
    """Statement id → the second, independent coder's label (for agreement figures)."""
    return {str(row["id"]): str(row["label"]) for row in _rows(SECOND_CODER)}
