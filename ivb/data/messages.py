"""Pydantic's findings in words a coordinator can act on, at the YAML line of each value.

Pydantic says ``string_type`` or ``model_type``; the person who typed the file wants to
read that ``1.3`` is a number to YAML and must be quoted, or that ``13%`` is written
without the percent sign. Each kind of finding gets a stable code (``wrong-type``,
``unknown-key``...) and a message that names the place by its ids.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import ValidationError

from .. import models
from ..checks.values import thousands_reading
from ..problems import Problem
from ..text import excerpt
from .store import Document, Scalar, describe_path


def schema_problems(
    doc: Document, exc: ValidationError, reported: set[tuple[int, int]]
) -> list[Problem]:
    """Turn Pydantic's errors into problems at the YAML line of each offending value.

    Errors at a place where the YAML reader already reported a problem (``yes`` read as a
    boolean, say) are dropped: the reader's message says what went wrong.
    """
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        is_key = bool(loc) and loc[-1] == "[key]"
        path = loc[:-1] if is_key else loc
        if err["type"] == "extra_forbidden":
            is_key = True
        problem = doc.problem(
            path, _code(err["type"]), _message(doc, path, err, is_key), key=is_key
        )
        if (problem.line, problem.column) not in reported:
            out.append(problem)
    return out


def _code(error_type: str) -> str:
    """A stable code for a kind of Pydantic error."""
    if error_type in _CODES:
        return _CODES[error_type]
    return "wrong-type" if error_type.endswith("_type") else "schema"


# The rules of the schema, by the codes of their problems (all errors), as
# ``docs/rules.md`` states them; ``_CODES`` gives the code of each kind of Pydantic error.
SCHEMA_RULES: dict[str, str] = {
    "unknown-key": "No unknown keys: a key the schema does not name is a typo or misplaced.",
    "missing-key": "Every required key is there.",
    "wrong-type": 'Every value has the right type: a count is not `"12"`, a percent is not '
    '`"13%"`, a code is not `1.3`, a year is written as a number.',
    "invalid-choice": "A value that is one of a few words is one of them (`unit: count`, "
    '`percent`, `per 1000` or `per 10000`; a direction `"-"`, `"+"` or `"-/+"`).',
    "invalid-value": "A number is finite (not `.nan` or `.inf`).",
    "schema": "Any other way a value does not fit the schema, in Pydantic's words.",
}

_CODES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "literal_error": "invalid-choice",
    "value_error": "invalid-value",
    "finite_number": "invalid-value",
    "int_from_float": "wrong-type",
}


def _message(doc: Document, path: tuple[Any, ...], err: Any, is_key: bool) -> str:
    kind, where = err["type"], _where(doc, path)
    if kind == "extra_forbidden":
        return f"unknown key {excerpt(path[-1])} in {_where(doc, path[:-1]) or 'the file'}"
    if kind == "missing":
        return f"{where} is missing"
    if is_key:
        return f"{where}: the key must be a year written as a number, e.g. 2015"
    scalar = doc.scalars.get(path)
    if err["input"] is None and kind.endswith("_type"):
        return f"{where} is empty; give it a value"
    if kind == "string_type" and scalar is not None and not scalar.quoted:
        return (
            f"{where} must be text, but YAML reads {scalar.text} as a "
            f'{_yaml_type(scalar.tag)}; put it in quotes: "{scalar.text}"'
            if len(scalar.text) <= 40
            else f"{where} must be text, but YAML reads {excerpt(scalar.text)} as a "
            f"{_yaml_type(scalar.tag)}; put it in quotes"
        )
    if kind == "literal_error" and path and path[-1] == "direction":
        hint = " (quote it: a bare - starts a list in YAML)" if scalar is None else ""
        return f'{where} must be one of "-", "+", "-/+"{hint}'
    if kind == "model_type":
        return _mapping_message(where or "the file", err, scalar)
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"{where} must be a date written YYYY-MM-DD, e.g. 2014-10-06"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return f"{where}: {msg[:1].lower()}{msg[1:]}"


def _mapping_message(where: str, err: Any, scalar: Scalar | None) -> str:
    """For a value that should be a mapping: what the mapping needs, and hints for the
    usual slips in a year's value (a percent sign, a decimal comma, a number in quotes)."""
    name = (err.get("ctx") or {}).get("class_name", "")
    given = err["input"]
    if name in ("Measurement", "Target"):
        message = f"{where} must be a number or a mapping with a value"
        return message + (_number_hint(given, scalar) if isinstance(given, str) else "")
    model = getattr(models, name, None)
    fields = model.model_fields if model else {}
    # A whole file lists every key; an item the keys it cannot do without.
    keys = [n for n, f in fields.items() if where == "the file" or f.is_required()]
    listed = f" with the keys {', '.join(keys)}" if keys else ""
    shown = f", not {excerpt(given)}" if isinstance(given, str | int | float) else ""
    return f"{where} must be a mapping{listed}{shown}"


def _number_hint(text: str, scalar: Scalar | None) -> str:
    """Why a value that looks like a number is text, and how to write it."""
    plain = text.strip()
    if plain.endswith("%"):
        return f"; write a percentage without %: {plain[:-1].strip()}"
    thousands = thousands_reading(plain) if "," in plain else None
    if thousands is not None:  # 1,225: a thousands separator or a decimal comma
        decimals = plain.replace(",", ".")
        return (
            f"; {plain} could mean {thousands} (with a thousands separator) or {decimals} "
            f"(with decimals): write {thousands} or {decimals}"
        )
    if "," in plain and _as_number(plain.replace(",", ".")) is not None:
        return f"; write decimals with a point: {plain.replace(',', '.')}"
    number = _as_number(plain)
    if number is None:
        return ""
    if not math.isfinite(number):
        return "; the number is too large"
    if scalar is not None and scalar.quoted:
        return f"; {excerpt(text)} in quotes is text: write it without quotes"
    return f"; YAML reads {plain} as text: write it as a plain decimal number"


def _as_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _where(doc: Document, path: tuple[Any, ...]) -> str:
    return describe_path(doc.data, path)


def _yaml_type(tag: str) -> str:
    name = tag.rsplit(":", 1)[-1]
    return {"int": "number", "float": "number", "bool": "boolean", "null": "null (empty)"}.get(
        name, name
    )
