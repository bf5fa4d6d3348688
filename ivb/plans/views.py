"""The reports of the execution plans: ``plans_report`` lists the actions per priority,
each once with the actions it continues (its record: states, evaluations, budgets), and
the status of the indicators it aims at (the same evaluation as ``ivb status``);
``partners_report`` shows each partner's priorities and actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..models import Action, Dataset, EvaluationNote, Partner, PlanAdoption
from ..problems import UsageError, closest
from ..progress import Evaluation
from ..status.build import build_status
from ..status.view import build_view
from .record import ActionRecord, action_records, either, period_of


@dataclass(frozen=True)
class ActionRow:
    record: ActionRecord  # the action, with those of earlier plans it continues
    aims: tuple[tuple[str, str, Evaluation], ...]  # (indicator id, name, its evaluation)

    @property
    def action(self) -> Action:
        """The latest action of the record."""
        return self.record.action

    @property
    def plan(self) -> str:
        """The id of the latest plan of the record."""
        return self.record.plan.plan

    @property
    def period(self) -> str:
        return self.record.plan.period


@dataclass(frozen=True)
class PriorityActions:
    number: int
    id: str
    title: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class PlanSummary:
    """A plan shown: its id, name, state and period, and its yearly conclusions."""

    id: str
    name: str
    state: str  # draft, adopted or evaluated (the renderers say it in words)
    adopted: PlanAdoption | None  # when and by whom
    period: str
    evaluations: tuple[EvaluationNote, ...]  # "conclusies en bijsturing", by year


@dataclass(frozen=True)
class PlansReport:
    plans: tuple[PlanSummary, ...]  # those shown
    priorities: tuple[PriorityActions, ...]
    partners: dict[str, str]  # partner id -> name, for display


def plans_report(
    ds: Dataset,
    plan: str | None = None,
    priority: int | None = None,
    partner: str | None = None,
    state: str | None = None,
) -> PlansReport:
    """The actions per priority, filtered, each with its indicators' current status.

    Each action shows once, as its record with the actions it continues: without
    ``plan`` those no later action continues; with ``plan`` (an id or a period) that plan's
    actions, with what they continue from earlier plans. ``state`` and ``partner`` filter
    on the record's current state and its latest lead and partners."""
    chosen = [pf for pf in ds.plans.values() if plan is None or plan in (pf.plan.id, period_of(pf))]
    if plan is not None and not chosen:
        known = ", ".join(f"{pf.plan.id} ({period_of(pf)})" for pf in ds.plans.values())
        raise UsageError(
            _("there is no plan {plan!r}; the plans are: {plans}").format(
                plan=plan, plans=known or _("none")
            )
        )
    numbers = {p.number for p in ds.indicators.priorities}
    if priority is not None and priority not in numbers:
        raise UsageError(
            _("there is no priority {priority}; the priorities are {numbers}").format(
                priority=priority, numbers=", ".join(map(str, sorted(numbers)))
            )
        )
    partners = {p.id: p.name for p in ds.partners.partners}
    if partner is not None and partner not in partners:
        close = closest(partner, partners)
        refusal = (
            _("there is no partner {partner!r}; did you mean {names}?")
            if close
            else _("there is no partner {partner!r}; `ivb partners` lists them")
        )
        raise UsageError(refusal.format(partner=partner, names=either(close)))
    if plan is None:
        records = action_records(ds)
    else:
        records = tuple(r for pf in chosen for r in action_records(ds, pf.plan.id))
    evaluations = _evaluations(ds)
    names = {i.id: i.name for i in ds.indicators.indicators}
    groups = []
    for p in sorted(ds.indicators.priorities, key=lambda p: p.number):
        if priority is not None and p.number != priority:
            continue
        rows = tuple(
            ActionRow(
                r,
                tuple(
                    (i, names.get(i, i), evaluations[i])
                    for i in r.action.indicators
                    if i in evaluations
                ),
            )
            for r in records
            if r.action.priority == p.id
            and (state is None or r.current.state == state)
            and (partner is None or partner == r.action.lead or partner in r.action.partners)
        )
        groups.append(PriorityActions(p.number, p.id, p.title, rows))
    shown = tuple(
        PlanSummary(
            pf.plan.id,
            pf.plan.name,
            pf.plan.state,
            pf.plan.adopted,
            period_of(pf),
            tuple(sorted(pf.plan.evaluations, key=lambda e: e.year)),
        )
        for pf in chosen
    )
    return PlansReport(shown, tuple(groups), partners)


# A plan's state in words, where it is written into a sentence.
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
