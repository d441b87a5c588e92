"""What a run tells its user: a progress bar per stage, the time each took, and a summary that ends with the files
to open and the next command.

Exit codes, one meaning each (README, "Exit codes"): ``OK`` everything went through; ``SKIPPED`` some inputs were
skipped and the rest was written; ``NOTHING_WRITTEN`` the run wrote nothing (bad arguments, config, store, no
readable interview, a failed evidence audit), the previous results untouched; ``INTERNAL_ERROR`` an unexpected
error (its traceback goes to a log file in the output folder).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tqdm import tqdm

from .ingest import Problem

OK, SKIPPED, NOTHING_WRITTEN, INTERNAL_ERROR = 0, 1, 2, 3
TRANSCRIBE_BAR = "{desc}: {percentage:3.0f}%|{bar}| {n:.1f}/{total:.1f} audio min [{elapsed}<{remaining}{postfix}]"
"""Audio minutes done, speed as a multiple of real time, and the time left."""


def counted(count: int, noun: str) -> str:
    """``1 interview``, ``3 interviews``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class RunReport:
    """What a run did: counts, themes and interviews per role, seconds per stage, problems and notes."""

    interviews: int = 0
    statements: int = 0
    themes_per_role: dict[str, int] = field(default_factory=dict)
    interviews_per_role: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    in_patterns: float = 0.0
    """Share of the buyer statements in themes raised by two or more interviewees."""
    mentioned_once: float = 0.0
    """Share of the buyer statements in points mentioned once (the rest are in no theme)."""
    quotes_audited: int = 0
    out_dir: str = ""

    @property
    def failed(self) -> bool:
        """Some input was skipped."""
        return any(p.skipped for p in self.problems)

    @property
    def exit_code(self) -> int:
        """``SKIPPED`` when some input was skipped, else ``OK``."""
        return SKIPPED if self.failed else OK

    def summary(self) -> str:
        """The end-of-run summary, one line per figure, note and problem."""
        lines = [f"{counted(self.interviews, 'interview')}, {counted(self.statements, 'buyer statement')}"]
        for role in sorted(self.themes_per_role):
            interviews = counted(self.interviews_per_role.get(role, 0), "interview")
            lines.append(f"  {role}: {interviews}, {counted(self.themes_per_role[role], 'theme')}")
        lines.append(
            f"statements in patterns: {self.in_patterns:.0%}, in points mentioned once: {self.mentioned_once:.0%}, "
            f"in no theme: {max(0.0, 1 - self.in_patterns - self.mentioned_once):.0%}; quotes audited: "
            f"{self.quotes_audited}"
        )
        lines.append("time per stage: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.stage_seconds.items()))
        lines.extend(f"note: {one_line(note)}" for note in self.notes)
        for problem in self.problems:
            lines.append(problem_line(problem))
        skipped = sum(p.skipped for p in self.problems)
        lines.append(f"{skipped} file{'s' if skipped != 1 else ''} skipped; outputs in {self.out_dir}")
        lines.append(f"open {self.out_dir}/index.html; review and approve: voiceofbuyer serve --store {self.out_dir}")
        return "\n".join(lines)


def problem_line(problem: Problem) -> str:
    """A problem as the run prints it: ``skipped: <file>: ...`` or ``warning: <file>: ...``, on one line."""
    return f"{'skipped' if problem.skipped else 'warning'}: {one_line(problem.message)}"


def one_line(message: str) -> str:
    """A note as one line: a line break or other control character (only a file's name can bring one) written as an
    escape ("a\\nb.txt"), so every note stays one line a script can read."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in message)


class Stages:
    """Times each stage and shows a progress bar per stage, naming its unit."""

    def __init__(self, report: RunReport, show: bool) -> None:
        self.report = report
        self.show = show

    @contextmanager
    def stage(self, name: str, total: float, unit: str = "", **bar_options: str) -> Iterator[tqdm]:
        """A progress bar for stage ``name`` (``total`` in ``unit``), completed on exit; the stage's seconds are added
        to ``stage_seconds``."""
        started = time.perf_counter()
        with tqdm(total=total, desc=f"{name:<9}", disable=not self.show, leave=True, unit=unit, **bar_options) as bar:
            yield bar
            if bar.total is not None and bar.n < bar.total:
                bar.update(bar.total - bar.n)  # a stage that finished is at 100%, whatever it skipped
        self.report.stage_seconds[name] = self.report.stage_seconds.get(name, 0.0) + time.perf_counter() - started
