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
from ..i18n import N_, _
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

THE_FILE = N_("the file")  # the place of a problem with the file as a whole

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
        return _("unknown key {key} in {place}").format(
            key=excerpt(path[-1]), place=_where(doc, path[:-1]) or _(THE_FILE)
        )
    if kind == "missing":
        return _("{place} is missing").format(place=where)
    if is_key:
        return _("{place}: the key must be a year written as a number, e.g. 2015").format(
            place=where
        )
    scalar = doc.scalars.get(path)
    if err["input"] is None and kind.endswith("_type"):
        return _("{place} is empty; give it a value").format(place=where)
    if kind == "string_type" and scalar is not None and not scalar.quoted:
        return (
            _(
                "{place} must be text, but YAML reads {value} as a {type}; put it in "
                'quotes: "{value}"'
            ).format(place=where, value=scalar.text, type=_yaml_type(scalar.tag))
            if len(scalar.text) <= 40
            else _(
                "{place} must be text, but YAML reads {value} as a {type}; put it in quotes"
            ).format(place=where, value=excerpt(scalar.text), type=_yaml_type(scalar.tag))
        )
    if kind == "literal_error" and path and path[-1] == "direction":
        if scalar is None:
            return _(
                '{place} must be one of "-", "+", "-/+" (quote it: a bare - starts a list in YAML)'
            ).format(place=where)
        return _('{place} must be one of "-", "+", "-/+"').format(place=where)
    if kind == "model_type":
        return _mapping_message(where or _(THE_FILE), err, scalar)
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return _("{place} must be a date written YYYY-MM-DD, e.g. 2014-10-06").format(place=where)
    if kind == "literal_error" and (err.get("ctx") or {}).get("expected"):
        # Pydantic's "'count', 'percent' or 'per 1000'": the choices, joined in words of
        # the language in use.
        choices = _(" or ").join(err["ctx"]["expected"].rsplit(" or ", 1))
        return _("{place}: input should be {choices}").format(place=where, choices=choices)
    if kind == "finite_number":
        return _("{place}: must be a finite number").format(place=where)
    if kind == "number_type":
        return _("{place}: must be a number").format(place=where)
    msg = err["msg"]  # any other finding, in Pydantic's (English) words
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if msg in _PYDANTIC_WORDS:  # a finding ivb knows, in the language in use
        return f"{where}: {_(_PYDANTIC_WORDS[msg])}"
    return f"{where}: {msg[:1].lower()}{msg[1:]}"


# Pydantic's words for the type a value should have (the models are strict), as ivb shows
# them: in English as Pydantic writes them, translated in another language.
_PYDANTIC_WORDS = {
    "Input should be a valid integer": N_("input should be a valid integer"),
    "Input should be a valid number": N_("input should be a valid number"),
    "Input should be a valid boolean": N_("input should be a valid boolean"),
    "Input should be a valid list": N_("input should be a valid list"),
    "Input should be a valid dictionary": N_("input should be a valid dictionary"),
    "Input should be a valid string": N_("input should be a valid string"),
    "String should have at least 1 character": N_("string should have at least 1 character"),
}


def _mapping_message(where: str, err: Any, scalar: Scalar | None) -> str:
    """For a value that should be a mapping: what the mapping needs, and hints for the
    usual slips in a year's value (a percent sign, a decimal comma, a number in quotes)."""
    name = (err.get("ctx") or {}).get("class_name", "")
    given = err["input"]
    if name in ("Measurement", "Target"):
        message = _("{place} must be a number or a mapping with a value").format(place=where)
        return message + (_number_hint(given, scalar) if isinstance(given, str) else "")
    model = getattr(models, name, None)
    fields = model.model_fields if model else {}
    # A whole file lists every key; an item the keys it cannot do without.
    keys = [n for n, f in fields.items() if where == _(THE_FILE) or f.is_required()]
    listed = _(" with the keys {keys}").format(keys=", ".join(keys)) if keys else ""
    shown = (
        _(", not {value}").format(value=excerpt(given))
        if isinstance(given, str | int | float)
        else ""
    )
    return _("{place} must be a mapping{keys}{value}").format(place=where, keys=listed, value=shown)


def _number_hint(text: str, scalar: Scalar | None) -> str:
    """Why a value that looks like a number is text, and how to write it."""
    plain = text.strip()
    if plain.endswith("%"):
        return _("; write a percentage without %: {value}").format(value=plain[:-1].strip())
    thousands = thousands_reading(plain) if "," in plain else None
    if thousands is not None:  # 1,225: a thousands separator or a decimal comma
        decimals = plain.replace(",", ".")
        return _(
            "; {value} could mean {thousands} (with a thousands separator) or {decimals} "
            "(with decimals): write {thousands} or {decimals}"
        ).format(value=plain, thousands=thousands, decimals=decimals)
    if "," in plain and _as_number(plain.replace(",", ".")) is not None:
        return _("; write decimals with a point: {value}").format(value=plain.replace(",", "."))
    number = _as_number(plain)
    if number is None:
        return ""
    if not math.isfinite(number):
        return _("; the number is too large")
    if scalar is not None and scalar.quoted:
        return _("; {value} in quotes is text: write it without quotes").format(value=excerpt(text))
    return _("; YAML reads {value} as text: write it as a plain decimal number").format(value=plain)


def _as_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _where(doc: Document, path: tuple[Any, ...]) -> str:
    return describe_path(doc.data, path)


# What a value is to YAML, by the last part of its tag.
_YAML_TYPES = {
    "int": N_("number"),
    "float": N_("number"),
    "bool": N_("boolean"),
    "null": N_("null (empty)"),
}


def _yaml_type(tag: str) -> str:
    name = tag.rsplit(":", 1)[-1]
    return _(_YAML_TYPES[name]) if name in _YAML_TYPES else name
