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

from ..progress import STATUSES, Change, Evaluation, Point, compare, tolerance_for
from ..status.build import build_status
from ..status.judge import data_year as judged_year
from ..status.view import IndicatorView, build_view, published_editions

if TYPE_CHECKING:
    from ..models import Dataset, Indicator


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
class ActionEntry:
    id: str
    title: str
    period: str  # of its plan, e.g. "2015-2016"
    state: str
    changed: date | None  # the date of the last change of state
    reason: str | None
    lead: str | None  # the lead partner's name
    partners: tuple[str, ...]  # the other partners' names
    # The state changed after the report's year. The data keeps only an action's current
    # state and the date it began, so its state in the report's year is not known: the
    # report shows the current one, marked as later.
    later: bool = False


@dataclass(frozen=True)
class Plan:
    name: str
    period: str
    state: str


@dataclass(frozen=True)
class ActionGroup:
    """The actions of one execution plan for one priority."""

    plan: Plan
    actions: tuple[ActionEntry, ...]


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
    action_groups: tuple[ActionGroup, ...]  # per plan of the year, those with actions

    @property
    def actions(self) -> tuple[ActionEntry, ...]:
        return tuple(a for g in self.action_groups for a in g.actions)

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
    partners = {p.id: p.name for p in ds.partners.partners}
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
        groups = []
        for plan, pf in plans:
            actions = tuple(
                ActionEntry(
                    a.id,
                    a.title,
                    plan.period,
                    a.state,
                    a.changed,
                    a.reason,
                    partners.get(a.lead) if a.lead else None,
                    tuple(partners.get(p, p) for p in a.partners),
                    later=as_of is not None and a.changed is not None and a.changed.year > as_of,
                )
                for a in pf.actions
                if a.priority == prio.id
            )
            if actions:
                groups.append(ActionGroup(plan, actions))
        sections.append(
            PrioritySection(
                prio.number,
                prio.id,
                prio.title,
                prio.goal,
                tuple((f.marker, f.text) for f in prio.footnotes),
                entries,
                tuple(groups),
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
