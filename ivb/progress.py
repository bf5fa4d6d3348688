"""Where an indicator stands against its target: pure maths, numbers in, results out.

The rules (``docs/status.md`` states them for the coordinator too):

- **Which values count.** Evaluating as of year Y uses only values of years up to Y.
  The *latest* value is the most recent of those; the *baseline* is the earliest.
- **Which target.** The target for the reference year or the first one after it; if every
  target lies before it, the last one. The reference year is Y, or without Y the year of
  the latest value.
- **Met.** ``-``: the target is a ceiling (value <= target). ``+``: a floor (value >= target).
  ``-/+``: a level to hold: |value - target| <= tolerance, by default 10% of the target.
- **Distance.** ``latest - target`` in the indicator's unit (percentage points for a percent),
  and the *progress*: the share of the way from baseline to target covered so far,
  ``(baseline - latest) / (baseline - target)``: 0 at the baseline, 1 at the target,
  negative when moving away, above 1 past it; none when there was no way to go (the
  baseline equals or already meets the target).
- **Status.** ``no-target`` without a target value; ``no-data`` without any value, or
  when the target year has come (as of Y) without a value for it;
  ``achieved``/``not-achieved`` once the latest value is of the target year or later;
  before the target year a pace judgement: ``on-track`` when the latest value already
  meets the target or is at least as good as the straight line from baseline to target
  has it for that year, else ``off-track``. For ``-/+`` and with a single value
  (latest = baseline) there is no pace to judge: on track only if the target is met.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

ACHIEVED = "achieved"
NOT_ACHIEVED = "not-achieved"
ON_TRACK = "on-track"
OFF_TRACK = "off-track"
NO_DATA = "no-data"
NO_TARGET = "no-target"
STATUSES = (ACHIEVED, ON_TRACK, OFF_TRACK, NOT_ACHIEVED, NO_DATA, NO_TARGET)

DEFAULT_TOLERANCE = 0.10  # share of the target that "-/+" allows either way
_EPSILON = 1e-9  # float noise when comparing values in the indicator's unit


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class Evaluation:
    status: str
    latest: Point | None = None
    baseline: Point | None = None
    target: Point | None = None
    distance: float | None = None  # latest - target, in the unit
    progress: float | None = None  # share of the way from baseline to target
    expected: float | None = None  # where a straight path would be in the latest year


def tolerance_for(target: float, tolerance: float | None) -> float:
    """The band around a ``-/+`` target: the declared tolerance, or 10% of the target."""
    return abs(target) * DEFAULT_TOLERANCE if tolerance is None else tolerance


def meets(value: float, target: float, direction: str, tolerance: float | None = None) -> bool:
    """Whether ``value`` meets ``target`` in ``direction`` ("-", "+" or "-/+")."""
    if direction == "-":
        return value <= target + _EPSILON
    if direction == "+":
        return value >= target - _EPSILON
    return abs(value - target) <= tolerance_for(target, tolerance) + _EPSILON


def progress_share(
    baseline: float, value: float, target: float, direction: str, tolerance: float | None = None
) -> float | None:
    """Share of the way from ``baseline`` to ``target`` that ``value`` has covered; ``None``
    when the baseline already met the target, so that there was no way to go."""
    if math.isclose(baseline, target, abs_tol=_EPSILON):
        return None
    if direction != "-/+" and meets(baseline, target, direction, tolerance):
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


def evaluate(
    measurements: Mapping[int, float],
    targets: Mapping[int, float],
    direction: str,
    tolerance: float | None = None,
    as_of: int | None = None,
) -> Evaluation:
    """Evaluate one indicator as of year ``as_of`` (all years when ``None``).

    ``measurements`` and ``targets`` map years to values; years without a value are simply
    absent (a "-" in the plan is never 0).
    """
    years = sorted(y for y in measurements if as_of is None or y <= as_of)
    latest = Point(years[-1], measurements[years[-1]]) if years else None
    baseline = Point(years[0], measurements[years[0]]) if years else None
    reference_year = as_of if as_of is not None else (latest.year if latest else None)
    target = select_target(targets, reference_year)
    if target is None:
        return Evaluation(NO_TARGET, latest, baseline)
    if latest is None or baseline is None:
        return Evaluation(NO_DATA, target=target)
    distance = latest.value - target.value
    progress = progress_share(baseline.value, latest.value, target.value, direction, tolerance)
    met = meets(latest.value, target.value, direction, tolerance)
    if latest.year >= target.year:
        status = ACHIEVED if met else NOT_ACHIEVED
        return Evaluation(status, latest, baseline, target, distance, progress)
    if reference_year is not None and reference_year >= target.year:
        # The target year has come without a value for it: nothing to judge it by.
        return Evaluation(NO_DATA, latest, baseline, target, distance, progress)
    expected = None
    on_track = met
    if not met and direction != "-/+" and latest.year > baseline.year:
        share_of_time = (latest.year - baseline.year) / (target.year - baseline.year)
        expected = baseline.value + (target.value - baseline.value) * share_of_time
        on_track = meets(latest.value, expected, direction)
    status = ON_TRACK if on_track else OFF_TRACK
    return Evaluation(status, latest, baseline, target, distance, progress, expected)
