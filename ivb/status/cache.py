"""A cache of the validated data for ``ivb status``, keyed by the bytes of the data files.

Validating the data means parsing YAML and building the Pydantic models, which costs more
than the rest of ``ivb status`` together. The result of a validation that found no error is
stored as a ``StatusView``; the next run whose data files and ivb code are byte for byte
the same loads it instead. Any change to a data file or to ivb changes the key, so the
cache can never show stale data. The view is stored as JSON and read back into its
dataclasses field by field, each value checked against the field's type: a cache file is
never code (unlike a pickle, which runs what it holds when loaded), and one that was
tampered with or is damaged is a miss. It lives in ``$IVB_CACHE_DIR``, else
``$XDG_CACHE_HOME/ivb`` or ``~/.cache/ivb``, one small file per data folder; ``IVB_NO_CACHE=1``
turns it off. A cache that cannot be read or written is ignored. Without it ``ivb status``
takes twice as long (docs/performance.md).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import sys
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..layout import MAX_DATA_FILE
from ..reading import MB, Unreadable, read_regular
from ..text import control_character
from .view import StatusView

_FORMAT = b"ivb-status-view-4"
_MAX_ENTRY = 16 * MB
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
            digest.update(read_regular(path, MAX_DATA_FILE))
        except Unreadable:  # validating the data will say what is wrong with it
            digest.update(b"\0unreadable")
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
    return folder / f"status-{name}.json"


def load(data_dir: Path, key: bytes) -> StatusView | None:
    """The stored view for ``data_dir`` if it was stored under ``key``."""
    entry = _entry(data_dir)
    if entry is None:
        return None
    try:
        stored = json.loads(read_regular(entry, _MAX_ENTRY))
        if not (isinstance(stored, list) and len(stored) == 2 and stored[0] == key.hex()):
            return None  # another key: the data or ivb changed since
        view = _decode(stored[1], StatusView)
        return view if _plausible(view) else None
    except (Unreadable, ValueError, RecursionError):
        return None  # missing, unreadable, damaged or from another version: a miss


_UNITS = ("count", "percent", "per 1000", "per 10000")
_DIRECTIONS = ("-", "+", "-/+")


def _plausible(view: StatusView) -> bool:
    """Whether a view read back could have come from validated data: known units and
    directions, finite numbers (breakdowns' and references' too), no control characters
    (in explanations and breakdowns' names too), every priority's indicators there.
    Anyone who can write the cache folder can also compute its key; what they write is
    then at most wrong figures, never a crash or an escape sequence in a terminal."""
    if view.language not in (None, "nl", "en"):
        return False
    texts = [view.policy, view.municipality]
    for p in view.priorities:
        texts += [p.id, p.title, *p.indicators]
        if any(i not in view.indicators for i in p.indicators):
            return False
    for ident, ind in view.indicators.items():
        texts += [ident, ind.id, ind.name, ind.unit, ind.direction, ind.per or "", ind.survey or ""]
        texts.append(ind.source)
        texts += ind.explanations.values()
        numbers = [*ind.measurements.values(), *ind.targets.values(), ind.tolerance]
        for breakdowns in ind.breakdowns.values():
            for bd in breakdowns:
                texts += [bd.id, bd.name]
                for c in bd.categories:
                    texts += [c.id, c.name]
                    numbers.append(c.value)
        for ref in ind.references:
            texts.append(ref.group)
            numbers.append(ref.value)
        if (
            ident != ind.id
            or ind.unit not in _UNITS
            or ind.direction not in _DIRECTIONS
            or not all(v is None or math.isfinite(v) for v in numbers)
        ):
            return False
    return not any(control_character(t) for t in texts)


def store(data_dir: Path, key: bytes, view: StatusView) -> None:
    """Store ``view`` under ``key``, atomically; failing to is not an error."""
    entry = _entry(data_dir)
    if entry is None:
        return
    import tempfile  # only when storing: keeps the cached path's imports small

    text = json.dumps([key.hex(), _encode(view)], separators=(",", ":"))
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _encode(value: Any) -> Any:
    """A view as JSON values: a dataclass (a NamedTuple) as the list of its fields, a
    mapping as a list of pairs (JSON's keys are text only), a set sorted."""
    if dataclasses.is_dataclass(value):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, dict):
        return [[_encode(k), _encode(v)] for k, v in value.items()]
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any, hint: Any) -> Any:
    """``value`` read back as ``hint`` says; ``ValueError`` for anything else."""
    return _decoder(hint)(value)


_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """The function that reads a JSON value back as the type ``hint`` (made once per
    type: the cached status is read on every run and must cost well under a millisecond)."""
    found = _DECODERS.get(hint)
    if found is None:
        found = _DECODERS[hint] = _make_decoder(hint)
    return found


def _make_decoder(hint: Any) -> Callable[[Any], Any]:
    named = isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields")
    if isinstance(hint, type) and (dataclasses.is_dataclass(hint) or named):  # a record
        cls = hint
        hints = typing.get_type_hints(cls)
        names = (
            typing.cast(Any, cls)._fields if named else [f.name for f in dataclasses.fields(cls)]
        )
        parts = [_decoder(hints[name]) for name in names]

        def record(value: Any) -> Any:
            if len(_items(value)) != len(parts):
                raise ValueError(f"not a {cls.__name__}")
            return cls(*[read(v) for read, v in zip(parts, value, strict=True)])

        return record
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType and len(args) == 2 and type(None) in args:  # X | None
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is dict:
        key, item = _decoder(args[0]), _decoder(args[1])
        return lambda value: {key(k): item(v) for k, v in map(_pair, _items(value))}
    if origin is frozenset:
        member = _decoder(args[0])
        return lambda value: frozenset(map(member, _items(value)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
        member = _decoder(args[0])
        return lambda value: tuple(map(member, _items(value)))
    if origin is tuple:
        members = [_decoder(a) for a in args]

        def fixed(value: Any) -> Any:
            if len(_items(value)) != len(members):
                raise ValueError("a tuple of another length")
            return tuple(read(v) for read, v in zip(members, value, strict=True))

        return fixed
    if hint is float:
        return _number
    if hint in (int, str, bool):
        return lambda value: _exactly(value, hint)
    raise TypeError(f"no JSON form for {hint}")  # a new kind of field: a bug, seen in tests


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _exactly(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise ValueError(f"{value!r} is not {kind.__name__}")
    return value


def _items(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _pair(item: Any) -> tuple[Any, Any]:
    if not (isinstance(item, list) and len(item) == 2):
        raise ValueError("not a pair")
    return item[0], item[1]
