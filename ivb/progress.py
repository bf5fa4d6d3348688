"""Where an indicator stands against its target: pure maths, numbers in, results out.

The rules (``docs/status.md`` states them for the coordinator too, with examples):

- **Which values count.** Evaluating as of year Y uses only values of years up to Y;
  without Y, as of the latest year of the whole data within the policy (``data_year``).
  The *latest* value is the most recent of those; the *baseline* is the earliest.
- **Which target.** The target for the year judged or the first one after it (its pace
  is judged before it comes); after the last target, the last one, and a later value
  judged against it says so (``carried_forward``). Every target year up to the year
  judged keeps its own verdict (``verdicts``): achieved or not by the value of that very
  year (for a survey, of its first edition in or after it), or no data.
- **Met.** ``-``: the target is a ceiling (value <= target). ``+``: a floor (value >= target).
  ``-/+``: a level to hold: |value - target| <= tolerance; by default 10% of the target,
  and for a count at least 1 (a count moves in whole units).
- **Distance.** ``latest - target`` in the indicator's unit (percentage points for a percent),
  and the *progress*: the share of the way from baseline to target covered so far,
  ``(baseline - latest) / (baseline - target)``: 0 at the baseline, 1 at the target,
  negative when moving away, above 1 past it; none when there was no way to go (the
  baseline equals or already meets the target), and none for a level to hold.
- **Stale.** A latest value older than its source allows, as of the year judged (Y, or
  without Y the latest year of the data): a yearly figure arrives after its year, so as of
  2016 the 2015 figure is the latest to expect and an older one is stale; a survey's figure
  is there once its edition is (any indicator of the survey has a value for it), so a
  value older than the latest edition that is there is stale. ``due`` is the next year a
  value is expected: the year after the latest, or the survey's next declared edition.
- **Status.** ``no-target`` without a target value; ``no-data`` without any value, or when
  the target year has come (as of Y) without a value for it or later; ``stale`` when the
  latest value is stale; ``achieved``/``not-achieved`` once the latest value is of the
  target year or later; before the target year a pace judgement: ``on-track`` when the
  latest value already meets the target or is at least as good as the straight line from
  baseline to target has it for that year, else ``off-track``. For ``-/+`` and with a
  single value (latest = baseline) there is no pace to judge: on track only if the target
  is met.
- **Chance.** For a count, the exact 95% Poisson interval of the latest count
  (``chance.poisson_interval``), and whether the value it is judged against (the target,
  or the straight path's value for the latest year) lies inside it: then the difference
  is within what chance alone makes of a count, which qualifies the status without
  replacing it.
- **Change.** The council's front page compares a year's value with the value before it
  (``compare``): *better* or *worse* in the indicator's direction (for ``-/+``: nearer to
  or further from the level to hold); for two counts, a difference the exact test of two
  Poisson counts does not find at 95% (``chance.counts_differ``: 2 against 0 is no
  change) is *within chance*; a percentage or a rate carries no margin in the data, so its
  difference is named as it is (``margin_known`` is false).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

ACHIEVED = "achieved"
NOT_ACHIEVED = "not-achieved"
ON_TRACK = "on-track"
OFF_TRACK = "off-track"
NO_DATA = "no-data"
NO_TARGET = "no-target"
STALE = "stale"
STATUSES = (ACHIEVED, ON_TRACK, OFF_TRACK, NOT_ACHIEVED, STALE, NO_DATA, NO_TARGET)
VERDICTS = (ACHIEVED, ON_TRACK, OFF_TRACK, NOT_ACHIEVED)  # the statuses chance qualifies

DEFAULT_TOLERANCE = 0.10  # share of the target that "-/+" allows either way
_EPSILON = 1e-9  # float noise when comparing values in the indicator's unit


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class Chance:
    """The exact Poisson interval of a latest count, and whether the value the count is
    judged against lies inside it."""

    low: float
    high: float
    level: float
    compared: float  # the target, or the straight path's value for the latest year
    target_within: bool


@dataclass(frozen=True)
class Evaluation:
    status: str
    latest: Point | None = None
    baseline: Point | None = None
    target: Point | None = None
    distance: float | None = None  # latest - target, in the unit
    progress: float | None = None  # share of the way from baseline to target
    expected: float | None = None  # where a straight path would be in the latest year
    carried_forward: bool = False  # a later value judged against an earlier target
    verdicts: dict[int, Verdict] = field(default_factory=dict)  # target year -> verdict
    due: int | None = None  # the next year a value is expected (None: not declared)
    chance: Chance | None = None
    expected_year: int | None = None  # stale: the year of the figure there should be
    no_edition: bool = False  # no data: the survey declares no edition for the target

    @property
    def other_verdicts(self) -> dict[int, Verdict]:
        """The verdicts of target years that the status does not already give: not the
        target's own when the status is its verdict (achieved or not by the value of its
        year) or names its missing value (no data)."""
        own = self.target is not None and (
            self.status == NO_DATA
            or (self.status in (ACHIEVED, NOT_ACHIEVED) and not self.carried_forward)
        )
        return {
            y: v
            for y, v in self.verdicts.items()
            if not (own and self.target is not None and y == self.target.year)
        }

    @property
    def within_chance(self) -> bool:
        """Whether chance alone could make the difference that the status reads (there is
        one, and the value judged against lies within the count's interval)."""
        return (
            self.status in VERDICTS
            and self.chance is not None
            and self.chance.target_within
            and self.latest is not None
            and self.latest.value != self.chance.compared
        )


def tolerance_for(target: float, tolerance: float | None, unit: str = "percent") -> float:
    """The band around a ``-/+`` target: the declared tolerance, or 10% of the target, and
    for a count at least 1."""
    if tolerance is not None:
        return tolerance
    band = abs(target) * DEFAULT_TOLERANCE
    return max(band, 1.0) if unit == "count" else band


def meets(
    value: float,
    target: float,
    direction: str,
    tolerance: float | None = None,
    unit: str = "percent",
) -> bool:
    """Whether ``value`` meets ``target`` in ``direction`` ("-", "+" or "-/+")."""
    if direction == "-":
        return value <= target + _EPSILON
    if direction == "+":
        return value >= target - _EPSILON
    return abs(value - target) <= tolerance_for(target, tolerance, unit) + _EPSILON


def progress_share(
    baseline: float,
    value: float,
    target: float,
    direction: str,
    tolerance: float | None = None,
    unit: str = "percent",
) -> float | None:
    """Share of the way from ``baseline`` to ``target`` that ``value`` has covered; ``None``
    when the baseline already met the target, so that there was no way to go, and for a
    level to hold (``-/+``), which has no way to go."""
    if direction == "-/+" or math.isclose(baseline, target, abs_tol=_EPSILON):
        return None
    if meets(baseline, target, direction, tolerance, unit):
        return None
    return (baseline - value) / (baseline - target)


def select_target(targets: Mapping[int, float], year: int | None) -> Point | None:
    """The target for ``year`` or the first after it; else the last one before it."""
    if not targets:
        return None
    years = sorted(targets)
    if year is None:
        chosen = years[0]
    else:
        chosen = next((y for y in years if y >= year), years[-1])
    return Point(chosen, targets[chosen])


@dataclass(frozen=True)
class Source:
    """When an indicator's source measures: every year (``editions`` is None), or in the
    declared editions, of which ``published`` have figures in the data."""

    editions: tuple[int, ...] | None = None
    published: frozenset[int] = frozenset()

    def measures(self, year: int) -> int | None:
        """The year whose figure judges a target for ``year``: that year for a yearly
        source, else the first edition in or after it (None: none is declared)."""
        if self.editions is None:
            return year
        return next((y for y in self.editions if y >= year), None)


YEARLY = Source()


def expected_latest(source: Source, year: int) -> int | None:
    """The most recent year whose figure is to be expected as of ``year``: the year before
    for a yearly source (a year's figure arrives after it), else the latest edition up to
    ``year`` that has figures in the data."""
    if source.editions is None:
        return year - 1
    out = [y for y in source.editions if y <= year and y in source.published]
    return out[-1] if out else None


def next_due(source: Source, latest: int | None, judged: int | None) -> int | None:
    """The next year a value is expected: the year after the latest value (or, without
    one, the year judged) for a yearly source; the first edition after the latest value
    for a survey (None: none is declared)."""
    if source.editions is None:
        return latest + 1 if latest is not None else judged
    after = [y for y in source.editions if latest is None or y > latest]
    return after[0] if after else None


@dataclass(frozen=True)
class Verdict:
    """A target year's own verdict: by the value of the year that measures it."""

    status: str  # achieved, not-achieved, or no-data
    measured: int | None = None  # the year whose value judged it (None: no value)
    within_chance: bool = False  # a count whose difference chance alone could make


def verdicts_of(
    measurements: Mapping[int, float],
    targets: Mapping[int, float],
    direction: str,
    tolerance: float | None,
    unit: str,
    until: int | None,
    source: Source = YEARLY,
) -> dict[int, Verdict]:
    """Each target year up to ``until``: achieved or not by the value of the year that
    measures it (that year; for a survey, its first edition in or after it), or no data
    when there is none by then."""
    out = {}
    for year in sorted(targets):
        if until is None or year > until:
            continue
        measured = year if year in measurements else source.measures(year)
        if measured is not None and measured > until:
            continue  # its edition is still to come
        value = measurements.get(measured) if measured is not None else None
        if measured is None or value is None:
            out[year] = Verdict(NO_DATA)
            continue
        met = meets(value, targets[year], direction, tolerance, unit)
        chance = _chance(value, targets[year], unit)
        within = chance is not None and chance.target_within and value != targets[year]
        out[year] = Verdict(ACHIEVED if met else NOT_ACHIEVED, measured, within)
    return out


def evaluate(
    measurements: Mapping[int, float],
    targets: Mapping[int, float],
    direction: str,
    tolerance: float | None = None,
    as_of: int | None = None,
    *,
    unit: str = "percent",
    source: Source = YEARLY,
    data_year: int | None = None,
) -> Evaluation:
    """Evaluate one indicator as of year ``as_of``; without it, as of ``data_year`` (the
    latest year of the whole data set within the policy: one year judged for every
    indicator), or, without that either, by all its values.

    ``measurements`` and ``targets`` map years to values; years without a value are simply
    absent (a "-" in the plan is never 0).
    """
    judged = as_of if as_of is not None else data_year
    years = sorted(y for y in measurements if judged is None or y <= judged)
    latest = Point(years[-1], measurements[years[-1]]) if years else None
    baseline = Point(years[0], measurements[years[0]]) if years else None
    reference_year = judged if judged is not None else (latest.year if latest else None)
    due = next_due(source, latest.year if latest else None, judged)
    target = select_target(targets, reference_year)
    if target is None:
        return Evaluation(NO_TARGET, latest, baseline, due=due)
    verdicts = verdicts_of(measurements, targets, direction, tolerance, unit, judged, source)
    if latest is None or baseline is None:
        return Evaluation(NO_DATA, target=target, verdicts=verdicts, due=due)
    distance = latest.value - target.value
    progress = progress_share(
        baseline.value, latest.value, target.value, direction, tolerance, unit
    )
    met = meets(latest.value, target.value, direction, tolerance, unit)
    expect = expected_latest(source, judged) if judged is not None else None
    # The year whose figure judges the target: the target's year, or its survey's edition.
    measured = target.year if target.year in years else source.measures(target.year)
    carried = measured is not None and latest.year > measured

    def result(
        status: str, expected: float | None = None, chance: Chance | None = None
    ) -> Evaluation:
        judged_against_older = carried and status in (ACHIEVED, NOT_ACHIEVED)
        return Evaluation(
            status, latest, baseline, target, distance, progress, expected,
            judged_against_older, verdicts, due, chance, expect if status == STALE else None,
            no_edition=measured is None and status == NO_DATA,
        )  # fmt: skip

    came = reference_year is not None and reference_year >= (measured or target.year)
    if came and (measured is None or latest.year < measured):
        # The target's year (or its edition) has come without a value: nothing to judge by.
        return result(NO_DATA)
    if expect is not None and latest.year < expect:
        return result(STALE)
    if measured is not None and latest.year >= measured:
        return result(
            ACHIEVED if met else NOT_ACHIEVED, None, _chance(latest.value, target.value, unit)
        )
    expected = None
    on_track = met
    if not met and direction != "-/+" and latest.year > baseline.year:
        share_of_time = (latest.year - baseline.year) / (target.year - baseline.year)
        expected = baseline.value + (target.value - baseline.value) * share_of_time
        on_track = meets(latest.value, expected, direction)
    # Chance weighs the value the status is judged by: the path's value for the year, or
    # the target where there is no path (a level to hold; a baseline that met the target).
    baseline_met = meets(baseline.value, target.value, direction, tolerance, unit)
    compared = expected if expected is not None and not baseline_met else target.value
    return result(
        ON_TRACK if on_track else OFF_TRACK, expected, _chance(latest.value, compared, unit)
    )


def _chance(count: float, compared: float, unit: str) -> Chance | None:
    """The Poisson interval of a count, and whether ``compared`` lies inside it."""
    if unit != "count" or count < 0 or count != int(count):
        return None
    from .chance import poisson_interval

    low, high = poisson_interval(int(count))
    return Chance(low, high, 0.95, compared, low - _EPSILON <= compared <= high + _EPSILON)


BETTER = "better"
WORSE = "worse"
SAME = "same"
CHANCE = "chance"  # a count whose difference lies within the later count's interval


@dataclass(frozen=True)
class Change:
    """One year's value against the value before it."""

    kind: str  # BETTER, WORSE, SAME or CHANCE
    previous: Point
    latest: Point
    margin_known: bool  # a count: chance was weighed; a percent or rate: it cannot be


def compare(
    previous: Point,
    latest: Point,
    direction: str,
    unit: str,
    target: float | None = None,
) -> Change:
    """Whether ``latest`` is better than ``previous`` in ``direction``; for ``-/+`` by the
    distance to ``target`` (without a target a level to hold has no better: SAME)."""
    counts = unit == "count" and all(v >= 0 and v == int(v) for v in (previous.value, latest.value))
    if math.isclose(latest.value, previous.value, abs_tol=_EPSILON):
        return Change(SAME, previous, latest, counts)
    if counts:
        from .chance import counts_differ

        if not counts_differ(int(previous.value), int(latest.value)):
            return Change(CHANCE, previous, latest, True)
    if direction == "-/+":
        if target is None:
            return Change(SAME, previous, latest, counts)
        nearer = abs(latest.value - target) - abs(previous.value - target)
        if math.isclose(nearer, 0.0, abs_tol=_EPSILON):
            return Change(SAME, previous, latest, counts)
        kind = BETTER if nearer < 0 else WORSE
    else:
        lower = latest.value < previous.value
        kind = BETTER if lower == (direction == "-") else WORSE
    return Change(kind, previous, latest, counts)
