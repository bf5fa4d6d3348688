"""What ``ivb status`` needs of the data, as small plain objects.

A ``StatusView`` is built from a validated ``Dataset`` and is cheap to store and to load
again (see ``cache.py``): the status of unchanged data is shown without parsing YAML or
building the Pydantic models again. This module imports neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..models import Dataset, Indicator


# The three records below are NamedTuples, not dataclasses: as immutable and typed, read
# the same way (``category.value``), and defining one costs a seventh of a frozen
# dataclass at every start of ``ivb status`` (about 0.25 ms each; docs/performance.md).


class CategoryValue(NamedTuple):
    """One category of a breakdown in a year: its id, its name as the plan writes it, and
    its value (``None``: the year's breakdown gives none for it)."""

    id: str
    name: str
    value: float | None


class BreakdownView(NamedTuple):
    """A year's breakdown of an indicator's value (Halt's referrals by sex): the categories
    in the order the indicator declares them."""

    id: str
    name: str
    partition: bool  # the categories split the total: their values add up to it
    categories: tuple[CategoryValue, ...]


class ReferenceView(NamedTuple):
    """A reference group's value as the plan gives it ("VRHM en Nederland": 29)."""

    group: str
    value: float | None
    year: int | None


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    unit: str
    direction: str
    tolerance: float | None
    measurements: dict[int, float | None]  # None: the data records "no value" for the year
    provisional: frozenset[int]
    targets: dict[int, float | None]
    per: str | None = None  # what a rate is per ("inwoners")
    editions: tuple[int, ...] | None = None  # a survey's years; None: measured every year
    published: frozenset[int] = frozenset()  # the editions with figures in the data
    survey: str | None = None  # the name of the source that measures in editions
    # Each year's explanation ("toelichting"): its measurement's note, else its entry in
    # ``explanations`` (``models.explanation``, the one rule).
    explanations: dict[int, str] = field(default_factory=dict)
    # Per year, the breakdowns it has values for, in the order the indicator declares them.
    breakdowns: dict[int, tuple[BreakdownView, ...]] = field(default_factory=dict)
    references: tuple[ReferenceView, ...] = ()
    source: str = ""  # the source ("Bron") as the plan writes it

    @property
    def values(self) -> dict[int, float]:
        """The years that have a value."""
        return {y: v for y, v in self.measurements.items() if v is not None}

    @property
    def target_values(self) -> dict[int, float]:
        return {y: v for y, v in self.targets.items() if v is not None}


@dataclass(frozen=True)
class PriorityView:
    id: str
    number: int
    title: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class StatusView:
    policy: str
    municipality: str
    period: tuple[int, int]
    priorities: tuple[PriorityView, ...]
    indicators: dict[str, IndicatorView]
    language: str | None = None  # the policy's language ("nl", "en"), where the data says it


def published_editions(dataset: Dataset) -> dict[str, frozenset[int]]:
    """Per survey (``cadences``), the years any of its indicators has a value for: the
    editions whose figures are in."""
    f = dataset.indicators
    years: dict[str, set[int]] = {c.id: set() for c in f.cadences}
    for ind in f.indicators:
        if ind.cadence in years:
            years[ind.cadence].update(y for y, m in ind.measurements.items() if m is not None)
    return {c: frozenset(y) for c, y in years.items()}


def breakdowns_of(ind: Indicator) -> dict[int, tuple[BreakdownView, ...]]:
    """Per year with a breakdown, its breakdowns and their categories as declared, each
    with the year's value."""
    out: dict[int, tuple[BreakdownView, ...]] = {}
    for year, m in sorted(ind.measurements.items()):
        if m is None or not m.breakdown:
            continue
        out[year] = tuple(
            BreakdownView(
                bd.id,
                bd.name,
                bd.partition,
                tuple(
                    CategoryValue(c.id, c.name, m.breakdown[bd.id].get(c.id)) for c in bd.categories
                ),
            )
            for bd in ind.breakdowns
            if bd.id in m.breakdown
        )
    return out


def build_view(dataset: Dataset) -> StatusView:
    """Project a validated dataset onto what status needs."""
    from ..models import explanations  # here: the cached path never loads the models

    f = dataset.indicators
    # Targets the execution plans set for their years (validation keeps them consistent).
    plan_targets: dict[str, dict[int, float]] = {}
    for plan in dataset.plans.values():
        for target in plan.targets:
            plan_targets.setdefault(target.indicator, {})[target.year] = target.value
    # A survey's editions, and those with a figure for any of its indicators.
    editions = {c.id: tuple(c.years) for c in f.cadences}
    names = {c.id: c.name for c in f.cadences}
    published = published_editions(dataset)
    indicators = {
        ind.id: IndicatorView(
            id=ind.id,
            name=ind.name,
            unit=ind.unit,
            per=ind.per,
            editions=editions.get(ind.cadence) if ind.cadence else None,
            published=published.get(ind.cadence, frozenset()) if ind.cadence else frozenset(),
            survey=names.get(ind.cadence) if ind.cadence else None,
            direction=ind.direction,
            tolerance=ind.tolerance,
            measurements={
                y: None if m is None else m.value for y, m in sorted(ind.measurements.items())
            },
            provisional=frozenset(
                y for y, m in ind.measurements.items() if m is not None and m.provisional
            ),
            targets=dict(
                sorted(
                    {
                        **{y: None if t is None else t.value for y, t in ind.targets.items()},
                        # A plan's target fills a year the policy left open (null); validation
                        # refuses one that differs from a value the policy gives.
                        **plan_targets.get(ind.id, {}),
                    }.items()
                )
            ),
            explanations=explanations(ind),
            breakdowns=breakdowns_of(ind),
            references=tuple(ReferenceView(r.group, r.value, r.year) for r in ind.reference),
            source=ind.source,
        )
        for ind in f.indicators
    }
    priorities = tuple(
        PriorityView(p.id, p.number, p.title, tuple(p.indicators))
        for p in sorted(f.priorities, key=lambda p: p.number)
    )
    return StatusView(
        f.policy.name,
        f.policy.municipality,
        (f.policy.period.start, f.policy.period.end),
        priorities,
        indicators,
        f.policy.language,
    )
