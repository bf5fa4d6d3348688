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

from .i18n import N_, _
from .problems import IvbError, os_reason

MB = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
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
            return _(words)
    return None if stat.S_ISREG(mode) else _("not a regular file")


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
                path,
                _("a link to {target}, which does not exist").format(target=target),
                missing=True,
            ) from None
        raise Unreadable(path, _("file not found"), missing=True) from None
    except OSError as exc:
        raise Unreadable(path, _cannot_read(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        kind = kind_of(mode)
        if kind is not None:
            raise Unreadable(path, _("this is {kind}, not a file").format(kind=kind))
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise Unreadable(path, _cannot_read(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unreadable(
            path,
            _(
                "the file is larger than {size} MB, more than such a file can be; "
                "is it the right file?"
            ).format(size=limit // MB),
        )
    return data


def _cannot_read(exc: OSError) -> str:
    return _("cannot read the file: {reason}").format(reason=os_reason(exc))
