"""Loading a data folder: files -> store (YAML with positions) -> models -> checks.

``load_dataset`` keeps going past a broken file and returns every problem it found,
sorted by file and line, together with the dataset when there was no error. When an item
of a list (an indicator, a priority, a partner) fails the schema, the rules across objects
still run on the other items, so one run shows every problem.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import models
from ..checks import PLAN, run_checks
from ..checks.plans import COVERAGE_CODES
from ..layout import INDICATORS, PARTNERS, data_files
from ..models import (
    Action,
    Dataset,
    Indicator,
    IndicatorsFile,
    Partner,
    PartnersFile,
    Plan,
    PlanFile,
    PlanTarget,
    Policy,
    Priority,
    PriorityPartners,
)
from ..problems import Problem, has_errors
from .store import Document, Scalar, describe_path, read_document

# The model of each data file's content, by role; every other role is a plan file.
MODELS: dict[str, type[BaseModel]] = {INDICATORS: IndicatorsFile, PARTNERS: PartnersFile}
# The lists of each kind of file whose items are validated one by one when the file as a
# whole fails, and the part that must be valid for the rest to be checked.
ITEM_MODELS: dict[str, dict[str, type[BaseModel]]] = {
    INDICATORS: {"priorities": Priority, "indicators": Indicator},
    PARTNERS: {"partners": Partner, "priorities": PriorityPartners},
    PLAN: {"targets": PlanTarget, "actions": Action},
}
FRAME: dict[str, tuple[str, type[BaseModel]]] = {
    INDICATORS: ("policy", Policy),
    PLAN: ("plan", Plan),
}


def kind(role: str) -> str:
    """The kind of a data file: its role, or ``PLAN`` for any plan file."""
    return role if role in MODELS else PLAN


def model_of(role: str) -> type[BaseModel]:
    return MODELS.get(role, PlanFile)


@dataclass
class Loaded:
    dataset: Dataset | None
    problems: list[Problem]
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def load_dataset(data_dir: Path, changed: Mapping[str, bytes] | None = None) -> Loaded:
    """Read, validate and check every file of ``data_dir``; never raises for bad data.

    ``changed`` gives new contents for some files by role (``"indicators"``): the data set
    as it would be with a change applied, checked in memory before anything is written.
    """
    # Loading allocates many small objects and frees none of them; Python's cyclic garbage
    # collector would walk all of them again and again (half the time of a large data set)
    # to find no cycles. It is paused while loading and restored after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(data_dir, changed or {})
    finally:
        if enabled:
            gc.enable()


def _load(data_dir: Path, changed: Mapping[str, bytes]) -> Loaded:
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    parts: dict[str, BaseModel] = {}
    stand_ins: set[tuple[str, str, int]] = set()  # (file, list, index) of invalid items
    for role, path in data_files(data_dir).items():
        doc, found = read_document(path, _display(path), changed.get(role))
        documents[role] = doc
        problems += found
        if doc.data is None:
            continue
        reported = {(p.line, p.column) for p in found}
        try:
            parts[role] = model_of(role).model_validate(doc.data)
        except ValidationError as exc:
            problems += _schema_problems(doc, exc, reported)
            salvaged = _salvage(role, doc.data, stand_ins)
            if salvaged is not None:
                parts[role] = salvaged
    if parts:
        for f in run_checks(_assemble(parts), parts):
            if len(f.path) > 1 and (f.file, f.path[0], f.path[1]) in stand_ins:
                continue  # the item failed the schema; that error says what is wrong
            problems.append(
                documents[f.file].problem(f.path, f.code, f.message, level=f.level, key=f.key)
            )
    if any(role not in parts for role in documents if kind(role) == PLAN):
        # A plan file that did not load leaves the plans' coverage unknown: no warnings.
        problems = [p for p in problems if p.code not in COVERAGE_CODES]
    dataset = None
    if len(parts) == len(documents) and not has_errors(problems):
        dataset = _assemble(parts)
    return Loaded(dataset, sorted(set(problems)), documents)


def _assemble(parts: dict[str, BaseModel]) -> Dataset:
    """The files that loaded, as one dataset (a missing fixed file is left unset)."""
    fixed = {role: part for role, part in parts.items() if role in MODELS}
    plans = {role: part for role, part in parts.items() if role not in MODELS}
    return Dataset.model_construct(**fixed, plans=plans)


def _salvage(role: str, data: Any, stand_ins: set[tuple[str, str, int]]) -> BaseModel | None:
    """The file's model built from its valid list items, for the rules across objects.

    An invalid item is replaced by a stand-in that keeps its id and place, so references to
    it still resolve and positions still match; findings about stand-ins are dropped.
    Returns ``None`` when the file's frame itself (a missing list, a broken policy) fails.
    """
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    if kind(role) in FRAME:
        name, frame_model = FRAME[kind(role)]
        try:
            values[name] = frame_model.model_validate(data.get(name))
        except ValidationError:
            return None
    for name, item_model in ITEM_MODELS[kind(role)].items():
        if name not in data and model_of(role).model_fields[name].is_required():
            return None
        items = data.get(name, [])
        if not isinstance(items, list):
            return None
        kept = []
        for i, raw in enumerate(items):
            try:
                kept.append(item_model.model_validate(raw))
            except ValidationError:
                kept.append(_stand_in(item_model, raw, i))
                stand_ins.add((role, name, i))
        values[name] = kept
    return model_of(role).model_construct(**values)


def _stand_in(model: type[BaseModel], raw: Any, index: int) -> BaseModel:
    """A placeholder for an invalid item that keeps what references need of it."""
    raw = raw if isinstance(raw, dict) else {}
    ident = raw.get("id") if isinstance(raw.get("id"), str) else ""
    if model is Indicator:
        return Indicator.model_construct(id=ident, name="", source="", unit="count", direction="-")
    if model is Priority:
        number = raw.get("number")
        listed = raw.get("indicators")
        return Priority.model_construct(
            id=ident,
            title="",
            goal="",
            number=number if type(number) is int else -1 - index,
            indicators=[x for x in listed if isinstance(x, str)]
            if isinstance(listed, list)
            else [],
        )
    if model is Partner:
        return Partner.model_construct(id=ident, name="", kind="external")
    if model is Action:  # keeps what the coverage of priorities and indicators needs

        def texts(name: str) -> list[str]:
            value = raw.get(name)
            return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []

        priority = raw.get("priority")
        return Action.model_construct(
            id=ident,
            priority=priority if isinstance(priority, str) else "",
            title="",
            partners=texts("partners"),
            indicators=texts("indicators"),
            evaluations=[],
            state="planned",
        )
    if model is PlanTarget:
        return PlanTarget.model_construct(indicator="", year=0, value=0)
    priority = raw.get("priority")
    return PriorityPartners.model_construct(
        priority=priority if isinstance(priority, str) else "", partners=[]
    )


def _display(path: Path) -> str:
    """A path as messages show it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, a symlink loop, no cwd
        return str(path)


def _schema_problems(
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
        return f"unknown key {path[-1]!r} in {_where(doc, path[:-1]) or 'the file'}"
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
    shown = f", not {given!r}" if isinstance(given, str | int | float) else ""
    return f"{where} must be a mapping{listed}{shown}"


def _number_hint(text: str, scalar: Scalar | None) -> str:
    """Why a value that looks like a number is text, and how to write it."""
    plain = text.strip()
    if plain.endswith("%"):
        return f"; write a percentage without %: {plain[:-1].strip()}"
    if "," in plain and _as_number(plain.replace(",", ".")) is not None:
        return f"; write decimals with a point: {plain.replace(',', '.')}"
    number = _as_number(plain)
    if number is None:
        return ""
    if not math.isfinite(number):
        return "; the number is too large"
    if scalar is not None and scalar.quoted:
        return f"; {text!r} in quotes is text: write it without quotes"
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
