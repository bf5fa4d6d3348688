"""Standard output and error as ivb writes them: every byte or an error, never a traceback.

Python's own streams lose output without a word in two cases: a write that the system
takes only in part (a file size limit, a full disk part way, a pipe whose reader left) is
dropped after the part, and a character the output's encoding cannot carry
(``PYTHONIOENCODING=ascii``) raises in the middle of a command, after its data file may
have been written. ``standard_streams`` puts streams in their place for the run of one
command that

- write every byte or raise ``OutputFailed`` (an ``Exception``, not an ``OSError``, so that
  no library on the way swallows it as it does a broken pipe), which ``main`` turns into
  its exit code: 141 when the reader of a pipe left (``| head``), else 1 with the reason;
- write a character the encoding lacks as an escape (``\\xe9``) rather than fail;
- stand in for a closed stdout (``>&-``) with one whose every write fails, and for a
  closed stderr (``2>&-``) with one that discards: the exit code still says what happened.

Only the process's own streams are replaced; a test that captures them keeps its own.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

from ..i18n import N_, _
from ..problems import os_reason


class OutputFailed(Exception):
    """Standard output could not be written in full."""

    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reader_left = code == errno.EPIPE  # `ivb ... | head`: not an error of ivb's
        self.done = ""  # what was done before the output failed ("; the value is recorded")


class _WholeWrites(io.RawIOBase):
    """A file descriptor written in full: short writes are continued, errors raised."""

    def __init__(self, fd: int | None, closed_reason: str = "") -> None:
        super().__init__()
        self._fd = fd
        self._closed_reason = closed_reason
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        if self._fd is None:
            raise OSError(errno.EBADF, _(self._closed_reason))
        return self._fd

    def isatty(self) -> bool:
        return self._fd is not None and os.isatty(self._fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        size = len(view)
        if self.failed:  # the failure was reported once; what follows has nowhere to go
            return size
        if self._fd is None:
            self.failed = True
            raise OutputFailed(errno.EBADF, _(self._closed_reason))
        done = 0
        try:
            while done < size:
                try:
                    written = os.write(self._fd, view[done:])
                except BlockingIOError:  # a non-blocking descriptor: wait until it takes more
                    import select

                    select.select([], [self._fd], [])
                    continue
                if written == 0:
                    raise OSError(errno.EIO, _("the output took nothing"))
                done += written
        except OSError as exc:
            self.failed = True
            raise OutputFailed(exc.errno, os_reason(exc)) from None
        return size


class _Discard(io.RawIOBase):
    """Where messages go when stderr is closed: nowhere (the exit code still speaks)."""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        return memoryview(data).nbytes


def _text(raw: io.RawIOBase, like: TextIO | None, *, line_buffered: bool) -> TextIO:
    encoding = getattr(like, "encoding", None) or "utf-8"
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=encoding,
        errors="backslashreplace",
        line_buffering=line_buffered,
        write_through=line_buffered,
    )


def _fill(fd: int) -> None:
    """Keep a closed standard descriptor taken (by /dev/null), so that no file ivb opens
    later gets its number and receives output meant for it."""
    try:
        os.fstat(fd)
    except OSError:
        null = os.open(os.devnull, os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)


@contextmanager
def standard_streams() -> Iterator[None]:
    """Run with whole-write streams in place of the process's own (see the module)."""
    stdout, stderr = sys.stdout, sys.stderr
    replace_out = stdout is None or stdout is sys.__stdout__
    replace_err = stderr is None or stderr is sys.__stderr__
    if replace_out:
        if stdout is None:
            _fill(1)
            # Said in the language chosen later, when ivb writes its output.
            raw_out = _WholeWrites(None, N_("standard output is closed"))
        else:
            raw_out = _WholeWrites(stdout.fileno())
        sys.stdout = _text(raw_out, stdout, line_buffered=bool(stdout and stdout.line_buffering))
    if replace_err:
        if stderr is None:
            _fill(2)
            sys.stderr = _text(_Discard(), None, line_buffered=True)
        else:
            sys.stderr = _text(_WholeWrites(stderr.fileno()), stderr, line_buffered=True)
    try:
        yield
    finally:
        for replaced, name, original in (
            (replace_out, "stdout", stdout),
            (replace_err, "stderr", stderr),
        ):
            if replaced:
                stream = getattr(sys, name)
                with suppress(OutputFailed, OSError):  # reported by main, or nowhere to
                    stream.flush()
                setattr(sys, name, original)
