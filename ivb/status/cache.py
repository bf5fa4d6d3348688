"""A cache of the validated data for ``ivb status``, keyed by the bytes of the data files.

Validating the data means parsing YAML and building the Pydantic models, which costs more
than the rest of ``ivb status`` together. The result of a validation that found no error is
stored as a ``StatusView``; the next run whose data files and ivb code are byte for byte
the same loads it instead. Any change to a data file or to ivb changes the key, so the
cache can never show stale data. It lives in ``$IVB_CACHE_DIR``, else
``$XDG_CACHE_HOME/ivb`` or ``~/.cache/ivb``, one small file per data folder; ``IVB_NO_CACHE=1``
turns it off. A cache that cannot be read or written is ignored. Without it ``ivb status``
takes twice as long (docs/performance.md).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

from .view import StatusView

_FORMAT = b"ivb-status-view-1"
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole of ivb


def cache_dir() -> Path | None:
    if os.environ.get("IVB_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    explicit = os.environ.get("IVB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ivb"


def fingerprint(files: list[Path]) -> bytes:
    """A digest of the data files' bytes and of ivb's own code: the path, size and
    modification time of each of its source files, as Python itself decides whether a
    module's bytecode is current (reading all of them would cost more than the cache saves
    at the margin; docs/performance.md)."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    for stamp in sorted(_code_stamps(str(_PACKAGE))):
        digest.update(stamp.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.digest()


def _code_stamps(folder: str) -> Iterator[str]:
    """``path size mtime`` of every ``.py`` file under ``folder``."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                st = entry.stat()
                yield f"{entry.path} {st.st_size} {st.st_mtime_ns}\0"
            elif entry.is_dir() and entry.name != "__pycache__":
                yield from _code_stamps(entry.path)


def _entry(data_dir: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    name = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:24]
    return folder / f"status-{name}.pickle"


def load(data_dir: Path, key: bytes) -> StatusView | None:
    """The stored view for ``data_dir`` if it was stored under ``key``."""
    entry = _entry(data_dir)
    if entry is None:
        return None
    try:
        with entry.open("rb") as fh:
            stored_key, view = pickle.load(fh)
    except Exception:  # missing, unreadable, or written by another version: a miss
        return None
    return view if stored_key == key and isinstance(view, StatusView) else None


def store(data_dir: Path, key: bytes, view: StatusView) -> None:
    """Store ``view`` under ``key``, atomically; failing to is not an error."""
    entry = _entry(data_dir)
    if entry is None:
        return
    import tempfile  # only when storing: keeps the cached path's imports small

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, view), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
