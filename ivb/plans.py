"""The execution plans: who does what, for which indicator, and how far it is.

``plans_report`` lists the actions per priority with the status of the indicators each
aims at (the same evaluation as ``ivb status``); ``partners_report`` shows each partner's
priorities and actions; ``set_action`` changes an action's state through the same safe,
minimal-diff write path as ``add-measurement``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .data import edit
from .data.change import broken, change_file
from .data.store import Document, read_document
from .data.yamltext import Plain
from .layout import check_data_dir, plan_files
from .models import Action, Dataset, Partner
from .problems import IvbError, Unchanged, UsageError, closest
from .progress import Evaluation
from .status.build import build_status
from .status.view import build_view
from .text import typed_text

STATES = ("planned", "running", "done", "stopped")


@dataclass(frozen=True)
class ActionRow:
    plan: str  # the plan's id
    period: str  # the plan's period, e.g. "2015-2016"
    action: Action
    aims: tuple[tuple[str, str, Evaluation], ...]  # (indicator id, name, its evaluation)


@dataclass(frozen=True)
class PriorityActions:
    number: int
    id: str
    title: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class PlansReport:
    plans: tuple[tuple[str, str, str, str], ...]  # (id, name, state, period) of those shown
    priorities: tuple[PriorityActions, ...]
    partners: dict[str, str]  # partner id -> name, for display


def plans_report(
    ds: Dataset,
    plan: str | None = None,
    priority: int | None = None,
    partner: str | None = None,
    state: str | None = None,
) -> PlansReport:
    """The actions per priority, filtered, each with its indicators' current status."""
    chosen = {
        role: pf
        for role, pf in ds.plans.items()
        if plan is None or plan in (pf.plan.id, _period(pf.plan.period))
    }
    if plan is not None and not chosen:
        known = ", ".join(f"{pf.plan.id} ({_period(pf.plan.period)})" for pf in ds.plans.values())
        raise UsageError(f"there is no plan {plan!r}; the plans are: {known or 'none'}")
    numbers = {p.number for p in ds.indicators.priorities}
    if priority is not None and priority not in numbers:
        raise UsageError(
            f"there is no priority {priority}; the priorities are "
            f"{', '.join(map(str, sorted(numbers)))}"
        )
    partners = {p.id: p.name for p in ds.partners.partners}
    if partner is not None and partner not in partners:
        close = closest(partner, partners)
        hint = f"did you mean {' or '.join(close)}?" if close else "`ivb partners` lists them"
        raise UsageError(f"there is no partner {partner!r}; {hint}")
    evaluations = _evaluations(ds)
    names = {i.id: i.name for i in ds.indicators.indicators}
    groups = []
    for p in sorted(ds.indicators.priorities, key=lambda p: p.number):
        if priority is not None and p.number != priority:
            continue
        rows = tuple(
            ActionRow(
                pf.plan.id,
                _period(pf.plan.period),
                a,
                tuple(
                    (i, names.get(i, i), evaluations[i]) for i in a.indicators if i in evaluations
                ),
            )
            for pf in chosen.values()
            for a in pf.actions
            if a.priority == p.id
            and (state is None or a.state == state)
            and (partner is None or partner == a.lead or partner in a.partners)
        )
        groups.append(PriorityActions(p.number, p.id, p.title, rows))
    shown = tuple(
        (pf.plan.id, pf.plan.name, _plan_state(pf.plan), _period(pf.plan.period))
        for pf in chosen.values()
    )
    return PlansReport(shown, tuple(groups), partners)


def _plan_state(plan: Any) -> str:
    """``draft``, or ``adopted 2015-03-01 by the council``."""
    if plan.adopted is None:
        return plan.state
    return f"{plan.state}; adopted {plan.adopted.date} by {plan.adopted.by}"


def _period(period: Any) -> str:
    return f"{period.start}-{period.end}"


def _evaluations(ds: Dataset) -> dict[str, Evaluation]:
    """Each indicator's evaluation, as ``ivb status`` (all years) computes it."""
    report = build_status(build_view(ds))
    return {row.indicator.id: row.evaluation for ps in report.priorities for row in ps.rows}


@dataclass(frozen=True)
class PartnerRow:
    partner: Partner
    priorities: tuple[int, ...]  # numbers of the priorities it is a partner in
    leads: tuple[str, ...]  # ids of the actions it leads
    involved: tuple[str, ...]  # ids of the other actions it takes part in


def partners_report(ds: Dataset) -> tuple[PartnerRow, ...]:
    """Each partner with its priorities (from partners.yaml and the actions) and actions."""
    numbers = {p.id: p.number for p in ds.indicators.priorities}
    actions = [a for pf in ds.plans.values() for a in pf.actions]
    rows = []
    for partner in ds.partners.partners:
        listed = {
            numbers[pp.priority]
            for pp in ds.partners.priorities
            if any(r.partner == partner.id for r in pp.partners) and pp.priority in numbers
        }
        leads = tuple(a.id for a in actions if a.lead == partner.id)
        involved = tuple(a.id for a in actions if partner.id in a.partners and a.lead != partner.id)
        acting = {
            numbers[a.priority]
            for a in actions
            if a.priority in numbers and (a.lead == partner.id or partner.id in a.partners)
        }
        rows.append(PartnerRow(partner, tuple(sorted(listed | acting)), leads, involved))
    return tuple(rows)


@dataclass(frozen=True)
class ActionSet:
    """What ``set_action`` changed (or, in a dry run, would change)."""

    path: Path
    action: str
    old: str
    new: dict[str, Any]
    diff: str
    written: bool


def set_action(
    data_dir: Path,
    action_id: str,
    state: str,
    *,
    note: str | None = None,
    date: dt.date | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ActionSet:
    """Set an action's state, the date of the change (default today) and its reason."""
    check_data_dir(data_dir)
    if state not in STATES:
        raise UsageError(f"state {state!r}: choose one of {', '.join(STATES)}")
    today = today or dt.date.today()
    date = date or today
    if date > today:
        raise IvbError(f"--date {date} lies in the future")
    note = typed_text("--note", note)
    role, path = _plan_of(data_dir, action_id)
    fields: dict[str, Any] = {"state": Plain(state), "changed": date}
    if note is not None:
        fields["reason"] = note
    seen: dict[str, Any] = {}

    def make(doc: Document, source: edit.Source) -> tuple[str, Any]:
        index, action = _find_action(doc, action_id)
        seen["old"] = action.get("state", "planned")
        _check_change(doc, action, state, date, note)
        item = edit.find_item(edit.value_of(doc.root, "actions"), action_id)
        editor = edit.Editor(source, edit.indent_step(doc.root))
        editor.set_fields(item, fields)
        expected = copy.deepcopy(doc.data)
        expected["actions"][index].update(fields)
        if "reason" not in fields and "reason" in action:  # the reason of an older change
            editor.remove(item, "reason")
            del expected["actions"][index]["reason"]
        return edit.apply(source.text, editor.changes), expected

    changed = change_file(data_dir, role, path, make, dry_run=dry_run, on_wait=on_wait)
    return ActionSet(path, action_id, seen["old"], fields, changed.diff, not dry_run)


def _plan_of(data_dir: Path, action_id: str) -> tuple[str, Path]:
    """The plan file that holds the action (read without validation: just to find it)."""
    known = []
    for role, path in plan_files(data_dir).items():
        doc, problems = read_document(path)
        if doc.data is None or any(p.is_error for p in problems):
            raise broken(data_dir)  # the action may be in the file that cannot be read
        actions = doc.data.get("actions") if isinstance(doc.data, dict) else None
        ids = [a.get("id") for a in actions or [] if isinstance(a, dict)]
        if action_id in ids:
            return role, path
        known += [i for i in ids if isinstance(i, str)]
    close = closest(action_id, known)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `ivb plans` lists them"
    raise IvbError(f"there is no action {action_id!r}{hint}")


def _check_change(
    doc: Document, action: dict[str, Any], state: str, date: dt.date, note: str | None
) -> None:
    """A change lies in the plan's period, after the action's last change, and changes
    something."""
    period = (doc.data.get("plan") or {}).get("period") or {}
    start, end = period.get("start"), period.get("end")
    if isinstance(start, int) and isinstance(end, int) and not start <= date.year <= end:
        raise IvbError(
            f"{date} lies outside the plan's period {start}-{end}; give the date "
            "of the change with --date"
        )
    last = action.get("changed")
    if isinstance(last, dt.date) and date < last:
        raise IvbError(f"{date} lies before the action's last change ({last})")
    if action.get("state", "planned") == state and note is None and last == date:
        raise Unchanged(f"{action.get('id')!r} is already {state} since {date}; nothing changed.")


def _find_action(doc: Document, action_id: str) -> tuple[int, dict[str, Any]]:
    actions = doc.data.get("actions") if isinstance(doc.data, dict) else None
    for index, action in enumerate(actions or []):
        if isinstance(action, dict) and action.get("id") == action_id:
            return index, action
    raise IvbError(f"there is no action {action_id!r} in {doc.name}")
