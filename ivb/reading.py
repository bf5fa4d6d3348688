"""Reading a file ivb was given: a regular file only, and only up to a size.

A path may name anything: a named pipe (FIFO), which would make a plain read wait for a
writer forever; a device such as ``/dev/zero``, which never ends; a folder; a link to
nothing; or a file too large to be what it claims. ``read_regular`` opens without waiting,
looks at what was opened, and reads only a regular file of at most ``limit`` bytes; for
anything else it raises ``Unreadable`` with the reason in words.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import IvbError

MB = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Unreadable(IvbError):
    """A file that cannot be read: ``reason`` without the path; ``missing`` when nothing
    is there (a dangling link included)."""

    def __init__(self, path: Path, reason: str, *, missing: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason
        self.missing = missing


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words ("a named pipe (FIFO)")."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), of at most ``limit``
    bytes; raises ``Unreadable`` otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            target = os.readlink(path)
            raise Unreadable(
                path, f"a link to {target}, which does not exist", missing=True
            ) from None
        raise Unreadable(path, "file not found", missing=True) from None
    except OSError as exc:
        raise Unreadable(path, f"cannot read the file: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        kind = kind_of(mode)
        if kind is not None:
            raise Unreadable(path, f"this is {kind}, not a file")
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise Unreadable(path, f"cannot read the file: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unreadable(
            path,
            f"the file is larger than {limit // MB} MB, more than such a file can be; "
            "is it the right file?",
        )
    return data
