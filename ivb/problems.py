"""Problems found in the data, and the user-facing errors of the core.

Problems are data, not exceptions: the loader and the checks collect every problem they
find and return them, so one run of ``ivb validate`` shows all of them.
"""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import N_, _, language

ERROR = "error"
WARNING = "warning"
# The level of a problem in words, as the text output shows it (the level itself, a code
# of the JSON and GitHub outputs, stays English).
LEVEL_WORDS = {ERROR: N_("error"), WARNING: N_("warning")}


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

    def shown(self) -> str:
        """The problem as the text output shows it: ``__str__`` with its level in words of
        the language in use."""
        level = _(LEVEL_WORDS.get(self.level, self.level))
        return f"{self.file}:{self.line}:{self.column}: {level}: {self.message} ({self.code})"


class IvbError(Exception):
    """A user-facing error: a request refused, or data that cannot be read, with a message
    that says why. The command line prints the message, no traceback, and maps the kind of
    error to an exit code (``cli/main.py``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unchanged(IvbError):
    """The request asks for what is already recorded: nothing to do, which is no failure."""


class UsageError(IvbError):
    """The request itself is wrong: an option names what the data does not have (a
    priority, a plan, a partner), or options that do not go together."""


class DataProblems(IvbError):
    """The data has errors; ``problems`` lists all of them (and any warnings)."""

    def __init__(self, problems: list[Problem], message: str | None = None, files: int = 2) -> None:
        # ``message`` may be a constant marked with N_ (``data.change.BROKEN``): translated
        # here, where it is shown.
        super().__init__(
            _(message) if message else _("the data has errors; `ivb validate` lists every problem.")
        )
        self.problems = problems
        self.files = files  # how many data files were read


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def closest(name: str, known: Iterable[str], cutoff: float = 0.5, parts: bool = True) -> list[str]:
    """The known names (at most three) a mistyped ``name`` most likely meant, for a "did you
    mean" in a message: those it is part of (``woning`` in ``diefstal-inbraak-woning``)
    when ``parts``, else the most alike."""
    names = sorted(known)
    within = [k for k in names if name in k][:3] if parts else []
    return within or difflib.get_close_matches(name, names, n=3, cutoff=cutoff)


# The operating system's reasons why a file could not be read or written, in ivb's words
# (Python gives them in English only, from the C library).
_OS_REASONS = {
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EIO: N_("an input/output error of the disk or device"),
    errno.EFBIG: N_("the file is too large"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EEXIST: N_("it exists already"),
    errno.EBUSY: N_("it is in use"),
    errno.ETXTBSY: N_("it is in use"),
    errno.EMFILE: N_("too many files are open"),
    errno.ENFILE: N_("too many files are open"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EBADF: N_("the stream is closed"),
    errno.EPIPE: N_("the reader of the output has left"),
}


def os_reason(exc: OSError) -> str:
    """Why reading or writing failed, from ``exc``, in the language in use: in English as
    the system gave it ("No space left on device"), in another language in ivb's words when
    ivb knows the reason, else as the system or the code gave it."""
    known = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    own = exc.strerror == os.strerror(exc.errno or 0)  # not a reason ivb's code gave
    if known is not None and own and language() != "en":
        return _(known)
    return exc.strerror or str(exc)
