"""Loading a data folder: files -> store (YAML with positions) -> models -> checks.

``load_dataset`` keeps going past a broken file and returns every problem it found,
sorted by file and line, together with the dataset when there was no error. When an item
of a list (an indicator, a priority, a partner) fails the schema, the rules across objects
still run on the other items, so one run shows every problem.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..checks import PLAN, run_checks
from ..checks.plans import NEEDS_ALL_PLANS
from ..layout import INDICATORS, PARTNERS, PLANS, check_data_dir, fixed_files, plan_files
from ..models import (
    Action,
    Cadence,
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
from ..problems import ERROR, DataProblems, Problem, has_errors
from ..reading import Unreadable
from .store import Document, read_document

# The model of each data file's content, by role; every other role is a plan file.
MODELS: dict[str, type[BaseModel]] = {INDICATORS: IndicatorsFile, PARTNERS: PartnersFile}
# The lists of each kind of file whose items are validated one by one when the file as a
# whole fails, and the part that must be valid for the rest to be checked.
ITEM_MODELS: dict[str, dict[str, type[BaseModel]]] = {
    INDICATORS: {"priorities": Priority, "indicators": Indicator, "cadences": Cadence},
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
        """Whether the data has no errors (warnings allowed)."""
        return self.dataset is not None

    def refusal(self, message: str | None = None) -> DataProblems:
        """The error that refuses this data: every problem, and ``message`` to say what it
        means for the command."""
        return DataProblems(self.problems, message, len(self.documents))


def load_dataset(data_dir: Path, changed: Mapping[str, bytes] | None = None) -> Loaded:
    """Read, validate and check every file of ``data_dir``; never raises for bad data.

    ``changed`` gives new contents for some files by role (``"indicators"``): the data set
    as it would be with a change applied, checked in memory before anything is written.
    """
    # Loading allocates many small objects and frees none of them; Python's cyclic garbage
    # collector would walk all of them again and again (half the time of a large data set)
    # to find no cycles. It is paused while loading and restored after: at 100 times the
    # policy's size, validation takes less than half the time (docs/performance.md).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(data_dir, changed or {})
    finally:
        if enabled:
            gc.enable()


def load_valid(data_dir: Path, refusal: str | None = None) -> Dataset:
    """The validated data set of ``data_dir``: how every command that needs valid data
    loads it. Raises ``IvbError`` when ``data_dir`` is not a folder, and ``DataProblems``
    with every problem (and ``refusal`` as its message) when the data has errors."""
    check_data_dir(data_dir)
    loaded = load_dataset(data_dir)
    if loaded.dataset is None:
        raise loaded.refusal(refusal)
    return loaded.dataset


def _load(data_dir: Path, changed: Mapping[str, bytes]) -> Loaded:
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    parts: dict[str, BaseModel] = {}
    stand_ins: set[tuple[str, str, int]] = set()  # (file, list, index) of invalid items
    files = fixed_files(data_dir)
    plans_unread = False
    try:
        files.update(plan_files(data_dir))
    except Unreadable as exc:
        problems.append(
            Problem(_display(data_dir / PLANS), 0, 0, ERROR, "file-unreadable", exc.reason)
        )
        plans_unread = True
    for role, path in files.items():
        doc, found = read_document(path, _display(path), changed.get(role))
        documents[role] = doc
        problems += found
        if doc.data is None:
            continue
        reported = {(p.line, p.column) for p in found}
        try:
            parts[role] = model_of(role).model_validate(doc.data)
        except ValidationError as exc:
            from .messages import schema_problems  # only data with errors needs the words

            problems += schema_problems(doc, exc, reported)
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
    if plans_unread or any(role not in parts for role in documents if kind(role) == PLAN):
        # A plan file that did not load leaves the plans' coverage unknown (no warnings),
        # and the action another continues may be in it.
        problems = [p for p in problems if p.code not in NEEDS_ALL_PLANS]
    dataset = None
    if len(parts) == len(documents) and not has_errors(problems):
        dataset = _assemble(parts)
    return Loaded(dataset, sorted(set(problems)), documents)


def _assemble(parts: dict[str, BaseModel]) -> Dataset:
    """The files that loaded, as one dataset (a missing fixed file is left unset)."""
    files: dict[str, Any] = {role: part for role, part in parts.items() if role in MODELS}
    files["plans"] = {role: part for role, part in parts.items() if role not in MODELS}
    return Dataset.model_construct(**files)


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
    if model is Cadence:  # keeps its id, so that indicators naming it still find it
        years = raw.get("years")
        return Cadence.model_construct(
            id=ident,
            name="",
            years=[y for y in years if type(y) is int] if isinstance(years, list) else [],
        )
    priority = raw.get("priority")
    return PriorityPartners.model_construct(
        priority=priority if isinstance(priority, str) else "", partners=[]
    )


def _display(path: Path) -> str:
    """A path as messages show it: relative to the working folder where possible, by the
    name it was given (a link is named, not its target)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):  # elsewhere, or no working folder
        return str(path)
