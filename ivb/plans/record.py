"""One action, one record: an action and the actions of earlier plans it continues, as one.

An execution plan runs two years; the next plan carries its open actions on under new ids
(``continues:`` names the action carried on). ``action_record`` follows that chain back
and gives the action as one record: every plan it ran in, its current state and every
earlier one (each with the plan it was recorded in), its evaluations and its budgets.
``state_on`` gives the state on a day, e.g. at the end of a report's year.

A state is recorded when it changes (``set-action``); the state every action starts in,
``planned`` without a date or reason, is no change and is not listed. So the copy of an
action in the next plan, still untouched, does not hide the state the action reached in
the plan before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import _
from ..models import Action, Dataset, PlanFile, StateChange
from ..problems import IvbError, closest


@dataclass(frozen=True)
class PlanRef:
    """A plan an action ran in, and the id the action had there."""

    plan: str  # the plan's id, e.g. "uitvoeringsplan-2015-2016"
    period: str  # e.g. "2015-2016"
    action: str  # the action's id in that plan


@dataclass(frozen=True)
class RecordedChange:
    """A state of an action: since when, why, and where it was recorded."""

    date: dt.date | None  # None where the date was not recorded
    state: str  # planned, running, done, stopped
    reason: str | None
    plan: str  # the id of the plan it was recorded in
    period: str
    action: str  # the id of the action it was recorded on


@dataclass(frozen=True)
class RecordedEvaluation:
    """An evaluation of an action for a year, and where it was recorded."""

    year: int
    date: dt.date | None
    note: str
    plan: str
    period: str
    action: str


@dataclass(frozen=True)
class PlanBudget:
    """The budget an action had in one plan."""

    amount: int | float  # euros
    line: str | None  # the budget line it comes from
    plan: str
    period: str
    action: str


@dataclass(frozen=True)
class ActionRecord:
    """An action with the actions it continues, as one record (earliest plan first)."""

    action: Action  # the latest action of the chain: its title, lead, partners, indicators
    plans: tuple[PlanRef, ...]  # every plan it ran in, earliest first
    changes: tuple[RecordedChange, ...]  # every recorded state, oldest first
    evaluations: tuple[RecordedEvaluation, ...]  # by year, earliest plan first
    budgets: tuple[PlanBudget, ...]  # per plan that gives one, earliest first
    continued_by: str | None = None  # the action of a later plan that carries this one on

    @property
    def id(self) -> str:
        """The latest id: what ``set-action`` and ``evaluate`` take for the action now."""
        return self.action.id

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id of the chain, earliest first."""
        return tuple(p.action for p in self.plans)

    @property
    def plan(self) -> PlanRef:
        """The latest plan."""
        return self.plans[-1]

    @property
    def current(self) -> RecordedChange:
        """The current state: the last recorded one, or ``planned`` since the first plan."""
        return self.changes[-1] if self.changes else self._start()

    @property
    def history(self) -> tuple[RecordedChange, ...]:
        """The earlier states, oldest first (``changes`` without the current one)."""
        return self.changes[:-1]

    def state_on(self, day: dt.date) -> RecordedChange:
        """The state the action was in at the end of ``day``: the last change recorded on
        or before it (a change without a date counts from the one before it), or
        ``planned`` since the first plan when none was."""
        found = self._start()
        for change in _dated(self.changes):
            if change[0] is not None and change[0] > day:
                break
            found = change[1]
        return found

    def _start(self) -> RecordedChange:
        first = self.plans[0]
        return RecordedChange(None, "planned", None, first.plan, first.period, first.action)


def state_on(action: Action, day: dt.date) -> StateChange:
    """One action's state at the end of ``day`` (its date and reason), from its history
    and its current state: the last change on or before ``day`` (one without a date counts
    from the one before it); ``planned`` without a date before any change. For an action
    with those it continues, ``ActionRecord.state_on``."""
    current = StateChange(date=action.changed, state=action.state, reason=action.reason)
    found = StateChange(state="planned")
    last: dt.date | None = None
    for change in [*action.history, current]:
        last = change.date or last
        if last is not None and last > day:
            break
        found = change
    return found


def action_record(ds: Dataset, action_id: str) -> ActionRecord:
    """The record of action ``action_id``: it and the actions of earlier plans it continues
    (``continues``), as one. Raises ``IvbError`` for an unknown id, with the closest ids."""
    places = _places(ds)
    if action_id not in places:
        raise no_action(action_id, closest(action_id, places))
    chain = [action_id]
    while (earlier := places[chain[-1]][1].continues) in places and earlier not in chain:
        chain.append(earlier)
    chain.reverse()
    successor = {a.continues: a.id for pf, a in places.values() if a.continues}
    return _record(ds, [places[i] for i in chain], successor.get(action_id))


def action_records(ds: Dataset, plan: str | None = None) -> tuple[ActionRecord, ...]:
    """The record of every action, each once: of those no later action continues, in the
    order of the plans and their files; with ``plan`` (a plan's id) the records of that
    plan's actions, each with what it continues from earlier plans."""
    continued = {a.continues for pf in ds.plans.values() for a in pf.actions}
    return tuple(
        action_record(ds, a.id)
        for pf in ds.plans.values()
        if plan is None or pf.plan.id == plan
        for a in pf.actions
        if plan is not None or a.id not in continued
    )


def either(names: Iterable[str]) -> str:
    """``a or b or c``, in the language in use: the names a "did you mean" offers."""
    word = _("or")
    return f" {word} ".join(names)


def no_action(ident: str, close: list[str], *, plans: bool = False) -> IvbError:
    """The refusal of an unknown action (or, with ``plans``, action or plan) ``ident``,
    offering the ``close`` ids, if any."""
    if plans:
        if close:
            found = _("there is no action or plan {ident!r}; did you mean {names}?")
        else:
            found = _("there is no action or plan {ident!r}; `ivb plans` lists them")
    elif close:
        found = _("there is no action {ident!r}; did you mean {names}?")
    else:
        found = _("there is no action {ident!r}; `ivb plans` lists them")
    return IvbError(found.format(ident=ident, names=either(close)))


def period_of(pf: PlanFile) -> str:
    return f"{pf.plan.period.start}-{pf.plan.period.end}"


def _places(ds: Dataset) -> dict[str, tuple[PlanFile, Action]]:
    places: dict[str, tuple[PlanFile, Action]] = {}
    for pf in ds.plans.values():
        for a in pf.actions:
            places.setdefault(a.id, (pf, a))
    return places


def _record(
    ds: Dataset, chain: list[tuple[PlanFile, Action]], continued_by: str | None
) -> ActionRecord:
    plans, changes, evaluations, budgets = [], [], [], []
    for pf, a in chain:
        ref = PlanRef(pf.plan.id, period_of(pf), a.id)
        plans.append(ref)
        states = [(c.date, c.state, c.reason) for c in a.history]
        states.append((a.changed, a.state, a.reason))
        changes += [
            RecordedChange(date, state, reason, ref.plan, ref.period, a.id)
            for date, state, reason in states
            if not (state == "planned" and date is None and reason is None)  # the start
        ]
        evaluations += [
            RecordedEvaluation(e.year, e.date, e.note, ref.plan, ref.period, a.id)
            for e in a.evaluations
        ]
        if a.budget is not None:
            budgets.append(PlanBudget(a.budget.amount, a.budget.line, ref.plan, ref.period, a.id))
    ordered = tuple(change for _, change in sorted(_dated(changes), key=_when))
    return ActionRecord(
        chain[-1][1],
        tuple(plans),
        ordered,
        tuple(sorted(evaluations, key=lambda e: e.year)),
        tuple(budgets),
        continued_by,
    )


def _dated(
    changes: tuple[RecordedChange, ...] | list[RecordedChange],
) -> list[tuple[dt.date | None, RecordedChange]]:
    """Each change with the date it counts from: its own, else that of the one before."""
    out = []
    last: dt.date | None = None
    for change in changes:
        last = change.date or last
        out.append((last, change))
    return out


def _when(item: tuple[dt.date | None, RecordedChange]) -> dt.date:
    return item[0] or dt.date.min
