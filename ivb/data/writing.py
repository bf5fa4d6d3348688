"""Writing a data file safely: atomically, and one ivb at a time.

``write_atomic`` replaces the file in one rename (a crash leaves the old file or the new
one, never a mix); ``locked`` serialises the read-modify-write of several ivb processes on
one data folder and on one file; ``output_path`` keeps an output off the data files.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..i18n import _
from ..layout import data_files
from ..problems import IvbError, UsageError, os_reason
from ..reading import kind_of

LOCK_TIMEOUT = 30.0  # seconds to wait for another ivb writing the same data folder

# ivb's outputs are HTML, markdown and JSON; a YAML name is a data file's.
_DATA_SUFFIXES = (".yaml", ".yml")


def output_path(text: str, data_dir: Path | None = None) -> Path | None:
    """The file an ``-o`` option names, checked before anything is made or written; ``None``
    for standard output (``-``, or a name of the very file stdout writes to, such as
    ``/dev/stdout``, whatever kind of file that is).

    Refused, with the reason: an empty name; a name of a folder (ending in ``/``, or ``.``);
    what ``check_output_file`` refuses (a data file, a folder, a device...); a folder that
    does not exist; a name longer than the system takes.
    """
    if not text.strip():
        raise UsageError(_("-o needs a file name (or - for standard output)"))
    if text == "-":
        return None
    if text.endswith(("/", os.sep)) or os.path.basename(text) in (".", ".."):
        raise IvbError(
            _("{file}: cannot write: it names a folder; name the file to write in it").format(
                file=text
            )
        )
    path = Path(text)
    if _is_stdout(path):
        return None
    check_output_file(path, data_dir, text)
    folder = path.parent
    if not folder.is_dir():
        message = (
            _("{file}: cannot write: the output folder {folder} is not a folder")
            if folder.exists()
            else _("{file}: cannot write: the output folder {folder} does not exist")
        )
        raise IvbError(message.format(file=text, folder=folder))
    return path


def check_output_file(path: Path, data_dir: Path | None, shown: str | None = None) -> None:
    """Refuse to write an output (a report, a chart, a schema) at ``path``, with the
    reason, when it is or leads (through links) to: a data file (a YAML file, or any file
    of ``data_dir`` under whatever name); a folder, a named pipe, a device or anything else
    that is not a regular file (an output would replace it)."""
    shown = shown or str(path)
    try:
        st: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # a new file, or its folder is missing
        st = None
    except OSError as exc:
        raise IvbError(
            _("{file}: cannot write there: {reason}").format(file=shown, reason=os_reason(exc))
        ) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IvbError(_("{file}: cannot write: it is a folder, not a file").format(file=shown))
        what = kind_of(st.st_mode) or _("not a regular file")
        raise IvbError(
            _(
                "{file}: cannot write: it is {kind}, not a file, and an output would replace "
                "it; name a file (or leave -o out to write to standard output)"
            ).format(file=shown, kind=what)
        )
    real = Path(os.path.realpath(path))
    if path.suffix.lower() in _DATA_SUFFIXES or real.suffix.lower() in _DATA_SUFFIXES:
        raise IvbError(
            _(
                "{file}: a YAML file is a data file; ivb does not write its output over one. "
                "Name another file."
            ).format(file=shown)
        )
    if st is not None and data_dir is not None:
        _refuse_data_file(shown, st, data_dir)


def check_replaceable(path: Path) -> None:
    """Refuse, before anything is written, a file that exists without write permission
    (it says "do not change me", and is honoured for everyone, root too)."""
    try:
        st = os.stat(path)
    except OSError:
        return  # missing, or what the write itself will report
    if stat.S_ISREG(st.st_mode) and (not st.st_mode & 0o222 or not os.access(path, os.W_OK)):
        raise IvbError(_("{file}: the file is read-only; the file is unchanged").format(file=path))


def _is_stdout(path: Path) -> bool:
    """Whether ``path`` is the very file standard output writes to."""
    try:
        return os.path.samestat(os.stat(path), os.fstat(1))
    except OSError:
        return False


def _refuse_data_file(text: str, st: os.stat_result, data_dir: Path) -> None:
    for role, data_file in data_files(data_dir).items():
        try:
            same = os.path.samestat(st, os.stat(data_file))
        except OSError:
            continue
        if same:
            raise IvbError(
                _(
                    "{file}: this is the data file {role} of {folder}; ivb does not write its "
                    "output over a data file. Name another file."
                ).format(file=text, role=role, folder=data_dir)
            )


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
            raise IvbError(
                _("{file}: cannot write: {reason}; the file is unchanged").format(
                    file=path, reason=os_reason(exc)
                )
            ) from None
        st = None
    # What a failure leaves: the old file, or (creating one) no file at all.
    failed = (
        _("{file}: cannot write: {reason}; the file is unchanged")
        if st is not None
        else _("{file}: cannot write: {reason}; nothing was written")
    )
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IvbError(_("{file}: is a folder; name a file to write").format(file=path))
    # A rename needs only a writable folder (and root needs nothing): a file without write
    # permission says "do not change me", so it is honoured for everyone.
    check_replaceable(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise IvbError(failed.format(file=path, reason=os_reason(exc))) from None
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
        raise IvbError(failed.format(file=path, reason=os_reason(exc))) from None
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
    folders: list[Path],
    timeout: float = LOCK_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the write lock of each folder: one ivb at a time reads, changes and writes.

    A change locks its data folder (whose files it reads to validate the change) and the
    real folder of the file it writes: two data folders that share a file through a link
    are then serialised on that file, not each on its own folder. The lock is an advisory
    ``flock`` on the folder itself (a lock on the file would be lost when the file is
    replaced by its new version), so no lock file is left in the data repository; it is
    released when the process ends, even when killed. The folders are locked in one order
    (by device and inode), so two writers never wait for each other. ``on_wait`` is called
    once when a lock is not free within a second.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): writes are still atomic, just not serialised
        yield
        return
    opened: dict[tuple[int, int], tuple[int, Path]] = {}
    try:
        for folder in folders:
            try:
                fd = os.open(folder, os.O_RDONLY)
            except OSError as exc:
                raise IvbError(
                    _("{folder}: cannot open the folder: {reason}").format(
                        folder=folder, reason=os_reason(exc)
                    )
                ) from None
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) in opened:
                os.close(fd)
            else:
                opened[(st.st_dev, st.st_ino)] = (fd, folder)
        started = time.monotonic()
        for _key, (fd, folder) in sorted(opened.items()):
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > started + timeout:
                        raise IvbError(
                            _(
                                "{folder}: another ivb has been writing here for {seconds} s; "
                                "try again"
                            ).format(folder=folder, seconds=f"{timeout:.0f}")
                        ) from None
                    if on_wait is not None and time.monotonic() - started > 1:
                        on_wait()
                        on_wait = None
                    time.sleep(0.02)
        yield
    finally:
        for fd, _folder in opened.values():
            os.close(fd)  # closing the descriptor releases its lock
