"""Values as YAML text that reads back as exactly the same values: what ``edit.py`` writes
into a data file. Strings are double-quoted unless a word is safe bare (``Plain``), floats
are positional (YAML 1.1 reads ``1e-05`` as text), and the characters YAML would not keep
as they are are escaped."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


class Plain(str):
    """Text to write without quotes: a word YAML reads back as the same text."""

    __slots__ = ()


def plain_if_safe(text: str) -> str:
    """``text`` as a ``Plain`` word when YAML reads it back unchanged, else as it is."""
    safe = _PLAIN_KEY.match(text) and text.lower() not in _YAML11_WORDS
    return Plain(text) if safe else text


def scalar(value: Any) -> str:
    """A value as YAML reads it back unchanged: strings double-quoted, unless ``Plain``."""
    if isinstance(value, Plain):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # positional: YAML 1.1 reads 1e-05 as text
        from decimal import Decimal

        return format(Decimal(repr(value)), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    # A JSON string is a YAML double-quoted string; YAML also wants escaped what JSON leaves
    # as is: DEL and C1 controls, the line separators, a stray BOM or surrogate.
    return _UNPRINTABLE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(str(value), ensure_ascii=False)
    )


def key(name: Any) -> str:
    if isinstance(name, int):
        return str(name)
    if _PLAIN_KEY.match(name) and name.lower() not in _YAML11_WORDS:
        return name
    return scalar(name)


def flow(value: Any) -> str:
    """A value in flow style: ``{value: 98, source: "..."}``, ``[...]``."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def block(name: Any, value: Any, indent: int, step: int) -> list[str]:
    """``name: value`` as block lines at ``indent``; a mapping nests by ``step``."""
    pad = " " * indent
    if not isinstance(value, Mapping):
        return [f"{pad}{key(name)}: {scalar(value)}"]
    lines = [f"{pad}{key(name)}:"]
    for k, v in value.items():
        lines += block(k, v, indent + step, step)
    return lines


def block_item(value: Mapping[str, Any], dash: int, step: int) -> list[str]:
    """A mapping as one block sequence item whose dash stands at column ``dash``."""
    lines: list[str] = []
    for k, v in value.items():
        lines += block(k, v, dash + 2, step)
    first = lines[0]
    lines[0] = " " * dash + "- " + first[dash + 2 :]
    return lines
