"""Problems found in the data, the one user-facing exception, and the exit codes.

Problems are data, not exceptions: the loader and the checks collect every problem they
find and return them, so one run of ``ivb validate`` shows all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

ERROR = "error"
WARNING = "warning"


class Exit(IntEnum):
    """Exit codes are a contract with scripts and CI."""

    OK = 0  # clean (warnings allowed unless --strict)
    DATA = 1  # data problems, or a user error explained in a message
    USAGE = 2  # wrong command-line usage
    BUG = 3  # an unexpected error in ivb itself (traceback shown)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one data file.

    Fields are ordered so that sorting problems sorts them by file, then line and column.
    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    file: str
    line: int
    column: int
    level: str
    code: str
    message: str
    path: str = ""  # the place in the data, e.g. "indicators[3].measurements[2011]"

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message} ({self.code})"


class IvbError(Exception):
    """A user-facing error: printed as a message, no traceback, exit code 1 by default."""

    def __init__(self, message: str, exit_code: int = Exit.DATA) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class Unchanged(IvbError):
    """The request asks for what is already recorded: nothing to do (exit 0)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=0)


class DataProblems(IvbError):
    """The data has errors; ``problems`` lists all of them (and any warnings)."""

    def __init__(self, problems: list[Problem], message: str | None = None, files: int = 2) -> None:
        super().__init__(message or "the data has errors; `ivb validate` lists every problem.")
        self.problems = problems
        self.files = files  # how many data files were read


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
