"""Writing a data file safely: atomically, and one ivb at a time.

``write_atomic`` replaces the file in one rename (a crash leaves the old file or the new
one, never a mix); ``locked`` serialises the read-modify-write of several ivb processes on
one data folder.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..problems import IvbError

LOCK_TIMEOUT = 30.0  # seconds to wait for another ivb writing the same data folder


def write_atomic(path: Path, data: bytes, *, create: bool = False) -> None:
    """Replace ``path`` by ``data`` in one rename, keeping its permissions.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the
    file is renamed over the original: at any moment the path holds the old content or
    the new, never a mix. Any failure (a read-only folder, a full disk) leaves the
    original as it was and raises ``IvbError``. With ``create`` (an output file such as
    a report, not a data file) a missing file is created with the usual permissions.
    """
    import tempfile  # here: it is slow to import and only a write needs it

    path = path.resolve()  # a symlinked data file: write its target, keep the link
    try:
        st: os.stat_result | None = path.stat()
    except OSError as exc:
        if not (create and isinstance(exc, FileNotFoundError)):
            raise IvbError(f"{path}: cannot write: {exc.strerror}; the file is unchanged") from None
        st = None
    # What a failure leaves: the old file, or (creating one) no file at all.
    unchanged = "the file is unchanged" if st is not None else "nothing was written"
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IvbError(f"{path}: is a folder; name a file to write")
    if st is not None and (not st.st_mode & 0o222 or not os.access(path, os.W_OK)):
        # A rename needs only a writable folder (and root needs nothing): a file without
        # write permission says "do not change me", so it is honoured for everyone.
        raise IvbError(f"{path}: the file is read-only; the file is unchanged")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise IvbError(f"{path}: cannot write: {exc.strerror}; {unchanged}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is None:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not reports
        else:
            os.chmod(tmp, st.st_mode & 0o7777)
            with suppress(OSError):  # keep owner and group where allowed (as root)
                os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise IvbError(f"{path}: cannot write: {exc.strerror}; {unchanged}") from None
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(path.parent)


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def remove_leftovers(path: Path) -> None:
    """Delete temporary files that a killed writer of ``path`` left behind.

    Call it holding the lock: no other writer is then between its write and its rename.
    """
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        _remove(str(leftover))


def _remove(path: str) -> None:
    with suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def locked(
    folder: Path, timeout: float = LOCK_TIMEOUT, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the data folder's write lock: one ivb at a time reads, changes and writes.

    An advisory ``flock`` on the folder itself, so no lock file is left in the data
    repository; it is released when the process ends, even when killed. ``on_wait`` is
    called once when the lock is not free within a second.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): writes are still atomic, just not serialised
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise IvbError(f"{folder}: cannot open the data folder: {exc.strerror}") from None
    try:
        started = time.monotonic()
        deadline = started + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IvbError(
                        f"{folder}: another ivb has been writing here for {timeout:.0f} s; "
                        "try again"
                    ) from None
                if on_wait is not None and time.monotonic() - started > 1:
                    on_wait()
                    on_wait = None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
