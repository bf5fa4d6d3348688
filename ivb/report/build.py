"""``ivb report``: the yearly evaluation of the policy (section 6.4 of the policy plan).

``build_report`` turns a validated data set into a plain object: per priority its
indicators with the very evaluation ``ivb status`` makes (``status.build_status``), their
source, notes and values, which of them lack a value for the year (and from which
source it is due), and the actions of the execution plans for the year with their state
and lead partner. The renderers (``render.py``) and the charts (``charts.py``) turn
it into HTML or markdown; this module imports neither matplotlib nor jinja2.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..plans import ActionRecord, RecordedChange, action_records
from ..progress import STATUSES, Change, Evaluation, Point, compare, tolerance_for
from ..status.build import build_status
from ..status.judge import data_year as judged_year
from ..status.view import IndicatorView, build_view, published_editions

if TYPE_CHECKING:
    from ..models import Dataset, Indicator, PlanFile


@dataclass(frozen=True)
class IndicatorEntry:
    """One indicator of a priority, as the report shows it."""

    view: IndicatorView  # measurements (all years), targets, provisional years
    evaluation: Evaluation  # the same as ``ivb status --year`` gives
    as_of: int | None
    source: str
    footnotes: tuple[tuple[str, str], ...]  # (marker, text)
    remarks: tuple[str, ...]
    references: tuple[tuple[str, float | None, int | None], ...]  # (group, value, year)
    band: float | None  # for "-/+": the tolerance around the target, in the unit
    missing: bool  # no value for the report's data year
    # Where each shown year's figure comes from, as recorded with it: (year, source,
    # received), e.g. an import's "open data 47013NED, 1.1.1 ..., file ...".
    provenance: tuple[tuple[int, str | None, date | None], ...] = ()
    # The data year's value against the value before it; None without a value for the
    # data year or without an earlier one to compare with.
    change: Change | None = None
    # A value for the data year (with or without an earlier one to compare with).
    measured: bool = False

    @property
    def values(self) -> dict[int, float | None]:
        """The years the report shows (up to ``as_of``), ``None`` for "no value"."""
        return {
            y: v for y, v in self.view.measurements.items() if self.as_of is None or y <= self.as_of
        }


@dataclass(frozen=True)
class StateEntry:
    """A state of an action: since when, and why."""

    state: str
    since: date | None
    reason: str | None


@dataclass(frozen=True)
class ActionEntry:
    """An action as the report's chapter on the execution shows it: one record for an
    action and the actions of earlier plans it continues (``plans.action_record``)."""

    id: str  # its id in the plan it is shown under
    title: str
    periods: tuple[str, ...]  # the plans it ran in, earliest first
    state: StateEntry  # at the end of the report's year (without a year: now)
    changes: tuple[StateEntry, ...]  # the earlier changes within the year (without: all)
    now: StateEntry | None  # the state now, where it differs from ``state``
    evaluations: tuple[tuple[int, date | None, str], ...]  # (year, date, text) of the year
    budgets: tuple[tuple[float, str | None, str], ...]  # (euros, budget line, plan period)
    lead: str | None  # the lead partner's name
    partners: tuple[str, ...]  # the other partners' names


@dataclass(frozen=True)
class PriorityActions:
    number: int
    title: str
    actions: tuple[ActionEntry, ...]


@dataclass(frozen=True)
class Plan:
    name: str
    period: str
    state: str


@dataclass(frozen=True)
class PlanChapter:
    """An execution plan in the report's chapter on the execution: its actions of the
    year per priority (an action carried into a later plan of the year is shown there,
    once), and its conclusions on the year."""

    plan: Plan
    priorities: tuple[PriorityActions, ...]  # those with actions
    conclusions: tuple[Conclusion, ...]
    continued: bool = False  # it has actions, all shown under a later plan that continues them

    @property
    def actions(self) -> tuple[ActionEntry, ...]:
        return tuple(a for p in self.priorities for a in p.actions)


@dataclass(frozen=True)
class Conclusion:
    """A plan's evaluation of the report's year: its conclusions and adjustments."""

    plan: Plan
    year: int
    day: date | None
    text: str


@dataclass(frozen=True)
class PrioritySection:
    number: int
    id: str
    title: str
    goal: str
    footnotes: tuple[tuple[str, str], ...]
    indicators: tuple[IndicatorEntry, ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many of its indicators have each status, in the order of ``STATUSES``."""
        found = Counter(e.evaluation.status for e in self.indicators)
        return {s: found[s] for s in STATUSES}

    @property
    def missing(self) -> tuple[IndicatorEntry, ...]:
        return tuple(e for e in self.indicators if e.missing)


@dataclass(frozen=True)
class Survey:
    """A source that measures in editions: its name, its editions, how many indicators it
    gives, and the next edition after the report's data year (None: not declared yet)."""

    name: str
    years: tuple[int, ...]
    indicators: int
    next: int | None
    overdue: tuple[int, ...] = ()  # editions up to the data year without any figure


@dataclass(frozen=True)
class Report:
    policy: str
    municipality: str
    period: tuple[int, int]
    as_of: int | None  # the --year, or None: all values count (as ``ivb status``)
    data_year: int | None  # the year whose values the completeness asks for
    document: str | None
    adopted: tuple[date, str] | None  # (date, by)
    plans: tuple[Plan, ...]  # the execution plans of the year (all without a year)
    priorities: tuple[PrioritySection, ...]
    years: tuple[int, int]  # the span every chart shows, so charts compare at a glance
    surveys: tuple[Survey, ...] = ()  # the sources that do not measure every year
    conclusions: tuple[Conclusion, ...] = ()  # the plans' evaluations of the data year
    chapters: tuple[PlanChapter, ...] = ()  # the execution, per plan of the year

    @property
    def missing(self) -> tuple[tuple[IndicatorEntry, tuple[int, ...]], ...]:
        """Each indicator without a value for the data year once, with its priorities."""
        seen: dict[str, tuple[IndicatorEntry, list[int]]] = {}
        for p in self.priorities:
            for e in p.missing:
                seen.setdefault(e.view.id, (e, []))[1].append(p.number)
        return tuple((e, tuple(numbers)) for e, numbers in seen.values())


def build_report(ds: Dataset, as_of: int | None = None) -> Report:
    """The report of a validated data set as of ``as_of`` (all years when ``None``)."""
    view = build_view(ds)
    status = build_status(view, as_of=as_of)
    models = {i.id: i for i in ds.indicators.indicators}
    priorities = {p.id: p for p in ds.indicators.priorities}
    data_year = as_of if as_of is not None else judged_year(view, None)
    published = published_editions(ds)
    plans = [
        (
            Plan(pf.plan.name, f"{pf.plan.period.start}-{pf.plan.period.end}", pf.plan.state),
            pf,
        )
        for pf in ds.plans.values()
        if as_of is None or pf.plan.period.start <= as_of <= pf.plan.period.end
    ]
    sections = []
    for ps in status.priorities:
        prio = priorities[ps.priority.id]
        entries = tuple(
            _entry(row.indicator, row.evaluation, models[row.indicator.id], as_of, data_year)
            for row in ps.rows
        )
        sections.append(
            PrioritySection(
                prio.number,
                prio.id,
                prio.title,
                prio.goal,
                tuple((f.marker, f.text) for f in prio.footnotes),
                entries,
            )
        )
    policy = ds.indicators.policy
    adopted = policy.adopted
    return Report(
        policy=policy.name,
        municipality=policy.municipality,
        period=(policy.period.start, policy.period.end),
        as_of=as_of,
        data_year=data_year,
        document=policy.document,
        adopted=None if adopted is None else (adopted.date, adopted.by),
        plans=tuple(plan for plan, _ in plans),
        priorities=tuple(sections),
        chapters=_chapters(ds, plans, as_of, data_year),
        years=_span(view.indicators.values(), view.period, as_of),
        surveys=tuple(
            Survey(
                c.name,
                tuple(c.years),
                sum(1 for i in models.values() if i.cadence == c.id),
                next((y for y in c.years if data_year is None or y > data_year), None),
                tuple(
                    y
                    for y in c.years
                    if data_year is not None and y <= data_year and y not in published[c.id]
                ),
            )
            for c in ds.indicators.cadences
        ),
        conclusions=tuple(
            Conclusion(plan, note.year, note.date, note.note)
            for plan, pf in plans
            for note in pf.plan.evaluations
            if note.year == data_year
        ),
    )


def _entry(
    ind: IndicatorView,
    ev: Evaluation,
    model: Indicator,
    as_of: int | None,
    data_year: int | None,
) -> IndicatorEntry:
    band = None
    if ind.direction == "-/+" and ev.target is not None:
        band = tolerance_for(ev.target.value, ind.tolerance, ind.unit)
    now = ind.measurements.get(data_year) if data_year is not None else None
    change = None
    if data_year is not None and now is not None:
        values = ind.values
        before = [y for y in values if y < data_year]
        if before:
            year = max(before)
            previous = Point(year, values[year])
            target = ev.target.value if ev.target is not None else None
            change = compare(previous, Point(data_year, now), ind.direction, ind.unit, target)
    return IndicatorEntry(
        view=ind,
        evaluation=ev,
        as_of=as_of,
        source=model.source,
        provenance=tuple(
            (year, m.source, m.received)
            for year, m in sorted(model.measurements.items())
            if m is not None and (m.source or m.received) and (as_of is None or year <= as_of)
        ),
        footnotes=tuple((f.marker, f.text) for f in model.footnotes),
        remarks=tuple(model.remarks),
        references=tuple((r.group, r.value, r.year) for r in model.reference),
        band=band,
        change=change,
        measured=now is not None,
        # A year between a survey's editions is not missing; the year of an edition is.
        missing=data_year is None
        or (
            (ind.editions is None or data_year in ind.editions)
            and ind.measurements.get(data_year) is None
        ),
    )


def _chapters(
    ds: Dataset, plans: list[tuple[Plan, PlanFile]], as_of: int | None, data_year: int | None
) -> tuple[PlanChapter, ...]:
    """The execution per plan: with a year, the actions of the plans that hold it, each
    action once (under the latest plan of the year when a later plan continues it), with
    its state at the end of the year, its changes within the year and its evaluation of
    the year; without a year every action once, under its latest plan, with its state now
    and all its changes and evaluations."""
    partners = {p.id: p.name for p in ds.partners.partners}
    numbers = {
        p.id: (p.number, p.title) for p in sorted(ds.indicators.priorities, key=lambda p: p.number)
    }
    shown = {pf.plan.id for _, pf in plans}
    placed: dict[str, list[ActionEntry]] = {plan_id: [] for plan_id in shown}
    priority_of: dict[str, str] = {}
    for record in action_records(ds):
        ran = [ref for ref in record.plans if ref.plan in shown]
        if not ran:
            continue
        entry = _action_entry(record, ran[-1].action, as_of, partners, shown)
        placed[ran[-1].plan].append(entry)
        priority_of[entry.id] = record.action.priority
    chapters = []
    for plan, pf in plans:
        groups = tuple(
            PriorityActions(
                number,
                title,
                tuple(a for a in placed[pf.plan.id] if priority_of[a.id] == prio),
            )
            for prio, (number, title) in numbers.items()
        )
        chapters.append(
            PlanChapter(
                plan,
                tuple(g for g in groups if g.actions),
                tuple(
                    Conclusion(plan, note.year, note.date, note.note)
                    for note in pf.plan.evaluations
                    if as_of is None or note.year == as_of
                ),
                continued=bool(pf.actions) and not placed[pf.plan.id],
            )
        )
    return tuple(chapters)


def _action_entry(
    record: ActionRecord,
    shown_as: str,
    as_of: int | None,
    partners: dict[str, str],
    shown: set[str],
) -> ActionEntry:
    """An action record as the chapter shows it. A state recorded again in a later plan
    (the action carried on, still running) is no change: the state runs on from the date
    it began. ``changes`` are the earlier changes within the year (all, without a year),
    not the state itself; the budgets are those of the plans shown."""
    runs: list[StateEntry] = []  # each run of one state, from the change that began it
    for change in record.changes:
        if not runs or runs[-1].state != change.state:
            runs.append(StateEntry(change.state, change.date, change.reason))

    def run_of(change: RecordedChange) -> StateEntry:
        """The run the recorded state ``change`` belongs to."""
        found = StateEntry(change.state, change.date, change.reason)
        for run in runs:
            if run.since is not None and change.date is not None and run.since > change.date:
                break
            if run.state == change.state:
                found = run
        return found

    now = run_of(record.current)
    if as_of is None:
        state, then = now, None
        earlier = tuple(runs[:-1])
    else:
        state = run_of(record.state_on(date(as_of, 12, 31)))
        then = now if now != state else None
        earlier = tuple(
            r for r in runs if r.since is not None and r.since.year == as_of and r != state
        )
    a = record.action
    return ActionEntry(
        id=shown_as,
        title=a.title,
        periods=tuple(ref.period for ref in record.plans),
        state=state,
        changes=earlier,
        now=then,
        evaluations=tuple(
            (e.year, e.date, e.note) for e in record.evaluations if as_of is None or e.year == as_of
        ),
        budgets=tuple((b.amount, b.line, b.period) for b in record.budgets if b.plan in shown),
        lead=partners.get(a.lead) if a.lead else None,
        partners=tuple(partners.get(p, p) for p in a.partners),
    )


NEAR = 2  # years: a report's year this close to the charts' years widens them to it


def _span(
    indicators: Iterable[IndicatorView], period: tuple[int, int], as_of: int | None
) -> tuple[int, int]:
    """The years every chart shows: from the first year the data names to the policy's
    last year or the last target, whichever is later; widened to the report's year only
    when that lies near (``--year 2100`` must not squeeze 2011-2018 into a corner)."""
    years = set(period)
    for ind in indicators:
        years.update(ind.measurements)
        years.update(ind.targets)
    first, last = min(years), max(years)
    if as_of is not None and first - NEAR <= as_of <= last + NEAR:
        first, last = min(first, as_of), max(last, as_of)
    return first, last
