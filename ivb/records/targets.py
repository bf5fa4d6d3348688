"""``ivb set-target``: record a target for a year, the policy's or a plan's, touching
nothing else.

A target is a council decision. The policy's targets are the indicator's ``targets`` in
``indicators.yaml`` (``YEAR: {value, source, note}``); a plan's are the ``targets`` list of
its file (``{indicator, year, value, note}``), for the years of its period. A target is
only added: a year the policy left open (``null``, the plan's "-") gets its value, but a
year that has a target keeps it (changing a decision is done by hand, with its reason).

The steps, all under the data folder's write lock (``data.change.change_file``): read the
data set; check the request (the indicator, the value by its unit's rule, the year against
the policy's and the plan's period, the targets the year already has); edit the file's text
where the node tree says the target belongs; read it back; validate the whole data set
with the change; only then write, atomically.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks.plans import check_target_looser
from ..data import edit
from ..data.change import BROKEN, change_file
from ..data.load import load_dataset, load_valid
from ..data.store import Document
from ..data.yamltext import plain_if_safe
from ..i18n import _
from ..layout import DATA_FILE_NAMES, INDICATORS, check_data_dir, fixed_files, plan_files
from ..models import Dataset, Indicator, PlanFile
from ..problems import IvbError, Unchanged, UsageError, closest
from ..text import typed_text
from .measure import describe, no_indicator
from .numbers import parse_value


@dataclass(frozen=True)
class TargetRequest:
    """The target the coordinator asked to record."""

    indicator: str
    year: int
    value: str  # as typed: checked against the indicator's unit
    reason: str | None  # why: the decision that sets it (required), stored as the note
    source: str | None = None  # which decision or document set it (the policy's only)
    plan: str | None = None  # a plan's id or period: the plan's target, not the policy's


@dataclass(frozen=True)
class TargetSet:
    """What was (or, in a dry run, would be) recorded."""

    path: Path
    indicator: Indicator  # as it is with the target recorded
    year: int
    value: int | float
    plan: str | None  # the plan's id, for a plan's target
    filled: bool  # the year was null in indicators.yaml (the plan's "-")
    diff: str
    written: bool
    warnings: tuple[str, ...]  # what ``validate`` now warns of this target (target-looser)


def set_target(
    data_dir: Path,
    request: TargetRequest,
    *,
    dry_run: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> TargetSet:
    """Record ``request`` in ``data_dir`` (see the module's docstring); raises ``IvbError``
    (``Unchanged`` when the year already has this target, ``UsageError`` for options that
    name what the data lacks, ``DataProblems`` for data with errors) having written
    nothing."""
    check_data_dir(data_dir)
    if request.reason is None:
        raise UsageError(_("--reason is required: say why the target is set (the decision)"))
    if not request.reason.strip():
        raise IvbError(_("--reason is empty; say why the target is set (the decision)"))
    reason = typed_text("--reason", request.reason)
    source = typed_text("--source", request.source)
    if request.plan is not None and source is not None:
        raise UsageError(
            _(
                "--source is for a target of the policy (indicators.yaml); a plan's target is "
                "the plan's own decision: leave --source out, or leave out --plan"
            )
        )
    if request.plan is None:
        role, path = INDICATORS, fixed_files(data_dir)[INDICATORS]
    else:
        role = _plan_role(load_valid(data_dir, BROKEN), request.plan)
        path = plan_files(data_dir)[role]
    seen: dict[str, Any] = {}

    def make(doc: Document, text: edit.Source) -> tuple[str, Any]:
        loaded = load_dataset(data_dir)  # under the lock: the data as it is now
        if loaded.dataset is None:
            raise loaded.refusal(BROKEN)
        ds = loaded.dataset
        ind, value = _check(ds, request, role, data_dir)
        seen.update(before=ds, value=value)
        if role == INDICATORS:
            fields = {"value": value, "source": source, "note": reason}
            entry = {k: v for k, v in fields.items() if v is not None}
            seen["filled"] = request.year in ind.targets
            return _edit_policy(doc, text, ind.id, request.year, entry)
        item = {"indicator": plain_if_safe(ind.id), "year": request.year}
        return _edit_plan(doc, text, {**item, "value": value, "note": reason})

    changed = change_file(data_dir, role, path, make, dry_run=dry_run, on_wait=on_wait)
    new = next(i for i in changed.dataset.indicators.indicators if i.id == request.indicator)
    return TargetSet(
        path,
        new,
        request.year,
        seen["value"],
        None if role == INDICATORS else changed.dataset.plans[role].plan.id,
        seen.get("filled", False),
        changed.diff,
        not dry_run,
        _new_warnings(seen["before"], changed.dataset),
    )


def _plan_role(ds: Dataset, plan: str) -> str:
    """The plan file (its role, ``plans/2016-2017.yaml``) of a plan's id or period, as
    ``ivb plans --plan`` takes it."""
    chosen = [role for role, pf in ds.plans.items() if plan in (pf.plan.id, _period(pf))]
    if len(chosen) == 1:
        return chosen[0]
    known = ", ".join(f"{pf.plan.id} ({_period(pf)})" for pf in ds.plans.values())
    if not chosen:
        raise UsageError(
            _("there is no plan {plan!r}; the plans are: {known}").format(
                plan=plan, known=known or _("none")
            )
        )
    ids = _(" or ").join(ds.plans[role].plan.id for role in chosen)
    raise UsageError(
        _("{count} plans have the period {period}; name one by its id: {ids}").format(
            count=len(chosen), period=plan, ids=ids
        )
    )


def _period(pf: PlanFile) -> str:
    return f"{pf.plan.period.start}-{pf.plan.period.end}"


def _check(
    ds: Dataset, request: TargetRequest, role: str, data_dir: Path
) -> tuple[Indicator, int | float]:
    """The indicator and the target's value, once the request is found to add a target
    (raises ``IvbError`` with the reason when it does not)."""
    ind = find_indicator(ds, request.indicator)
    value = parse_value(request.value, ind.unit, _("the target"))
    year = request.year
    check_policy_year(ds, year, _("a target is set"))
    if role != INDICATORS:
        pf = ds.plans[role]
        if not pf.plan.period.start <= year <= pf.plan.period.end:
            holding = [
                f"{p.plan.id} ({_period(p)})"
                for p in ds.plans.values()
                if p.plan.period.start <= year <= p.plan.period.end
            ]
            said = {"plan": pf.plan.id, "period": _period(pf), "year": year}
            if holding:
                raise IvbError(
                    _(
                        "plan {plan} runs {period}, which does not hold {year}; the plans "
                        "that do: {plans}"
                    ).format(**said, plans=", ".join(holding))
                )
            raise IvbError(
                _(
                    "plan {plan} runs {period}, which does not hold {year}, nor does any other "
                    "plan: leave out --plan to set the policy's target"
                ).format(**said)
            )
    for where, old in _targets_of(ds, ind.id, year):
        file = data_dir / where
        if abs(old["value"] - value) > 1e-9:
            raise IvbError(
                _(
                    "{indicator!r} already has a target for {year}: {target} in {file}; a "
                    "target is a council decision: to change it, edit {file} by hand and give "
                    "the reason in its note"
                ).format(indicator=ind.id, year=year, target=describe(old, ind.unit), file=file)
            )
        raise Unchanged(
            _(
                "{indicator!r} already has the target {target} for {year} in {file}; nothing "
                "changed."
            ).format(
                indicator=ind.id, year=year, target=describe(old["value"], ind.unit), file=file
            )
        )
    return ind, value


def find_indicator(ds: Dataset, ident: str) -> Indicator:
    """The indicator ``ident``; refused with the closest ids when there is none."""
    indicators = {i.id: i for i in ds.indicators.indicators}
    ind = indicators.get(ident)
    if ind is None:
        raise IvbError(no_indicator(ident, closest(ident, indicators)))
    return ind


def check_policy_year(ds: Dataset, year: int, done: str) -> None:
    """Refuse a year outside the policy's period: what the council decides on (a target,
    ``done`` being "a target is set") and what it reads (an explanation) are of its
    years."""
    period = ds.indicators.policy.period
    if not period.start <= year <= period.end:
        raise IvbError(
            _(
                "{year} lies outside the policy's period {start}-{end}; {done} for a year of "
                "the policy"
            ).format(year=year, start=period.start, end=period.end, done=done)
        )


def _targets_of(ds: Dataset, ident: str, year: int) -> list[tuple[str, dict[str, Any]]]:
    """The targets the year already has for the indicator: where (a file of the data
    folder) and the target's fields as written (value, source, note)."""
    found = []
    ind = next(i for i in ds.indicators.indicators if i.id == ident)
    target = ind.targets.get(year)
    if target is not None:
        found.append((DATA_FILE_NAMES[INDICATORS], target.model_dump(exclude_none=True)))
    for role, pf in ds.plans.items():
        for t in pf.targets:
            if t.indicator == ident and t.year == year:
                found.append((role, t.model_dump(include={"value", "note"}, exclude_none=True)))
    return found


def _edit_policy(
    doc: Document, text: edit.Source, ident: str, year: int, entry: dict[str, Any]
) -> tuple[str, Any]:
    """indicators.yaml with ``entry`` as the indicator's target for ``year`` (a ``null``
    year replaced, a comment at the end of its line kept), and the data it reads back as."""
    root = doc.root
    item = edit.find_item(edit.value_of(root, "indicators"), ident)
    editor = edit.Editor(text, edit.indent_step(item), edit.sequence_indent(root))
    editor.add_to_mapping_value(item, "targets", year, entry, order=year)
    expected = copy.deepcopy(doc.data)
    ind = next(i for i in expected["indicators"] if isinstance(i, dict) and i.get("id") == ident)
    if not isinstance(ind.get("targets"), dict):
        ind["targets"] = {}
    ind["targets"][year] = entry
    return edit.apply(text.text, editor.changes), expected


def _edit_plan(doc: Document, text: edit.Source, item: dict[str, Any]) -> tuple[str, Any]:
    """A plan file with ``item`` appended to its targets (``targets: []`` becomes a block
    list), and the data it reads back as."""
    root = edit.root_mapping(doc.root)
    editor = edit.Editor(text, edit.indent_step(root), edit.sequence_indent(root))
    editor.append_to_sequence(root, "targets", item, block_if_empty=True)
    expected = copy.deepcopy(doc.data)
    if not isinstance(expected.get("targets"), list):
        expected["targets"] = []
    expected["targets"].append(item)
    return edit.apply(text.text, editor.changes), expected


def _new_warnings(before: Dataset, after: Dataset) -> tuple[str, ...]:
    """The warnings of ``target-looser`` that the change brings (on the new target, or on
    a later one it is now stricter than)."""
    old = {f.message for f in check_target_looser(before)}
    return tuple(f.message for f in check_target_looser(after) if f.message not in old)
