"""Errors that name the file at fault and the fix, printed as one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class InputError(Exception):
    """A problem with one input file; the rest of the batch still goes through."""

    def __init__(self, path: str, message: str, fix: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.fix = fix
        self.line = line

    def __reduce__(self) -> tuple[Callable[..., InputError], tuple[type[InputError], dict[str, Any]]]:
        """Pickled whole, a subclass too (a file read in another process gives back its error): ``Exception``'s
        own pickling calls the class with ``args`` alone."""
        return _unpickled, (type(self), dict(vars(self), args=self.args))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} (fix: {self.fix})"


def _unpickled(kind: type[InputError], state: dict[str, Any]) -> InputError:
    error = kind.__new__(kind)
    error.args = state.pop("args")
    vars(error).update(state)
    return error


class NotAnInterview(InputError):
    """A file that belongs beside interviews but is none (a meeting's chat log): left out with a warning."""


class MissingComponent(Exception):
    """An optional component this input needs is not installed: the input is skipped with the install line."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} (fix: {fix})")


class ConfigError(Exception):
    """The configuration file is broken; the run cannot start."""


class AuditError(Exception):
    """A quote that would reach an output is not a verbatim span of its source."""


class StoreError(Exception):
    """The store cannot be opened, or holds no result to work on (no run yet, or a run by an older version)."""


class NoInterviews(Exception):
    """Not one readable interview in the batch: the run writes nothing, the previous results stay.

    ``problems``: why each file was not read (``ingest.Problem``), for the lines printed before this error.
    """

    def __init__(self, message: str, problems: list[object] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
