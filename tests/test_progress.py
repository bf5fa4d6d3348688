"""The status maths: distance, progress and status by the rules of docs/status.md."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ivb.progress import (
    ACHIEVED,
    BETTER,
    CHANCE,
    NO_DATA,
    NO_TARGET,
    NOT_ACHIEVED,
    OFF_TRACK,
    ON_TRACK,
    SAME,
    STALE,
    WORSE,
    Point,
    compare,
    evaluate,
    meets,
    progress_share,
    select_target,
    tolerance_for,
)


def test_ceiling_before_target_year_judges_pace():
    # Diefstal/inbraak woning: 116, 141, 122 for a ceiling of 100 in 2015. On a straight
    # path from 116 (2011) to 100 (2015), 2013 should be at 108: 122 is off track.
    ev = evaluate({2011: 116, 2012: 141, 2013: 122}, {2015: 100}, "-")
    assert ev.status == OFF_TRACK
    assert ev.latest.year == 2013 and ev.latest.value == 122
    assert ev.baseline.year == 2011
    assert ev.target.year == 2015
    assert ev.distance == 22
    assert ev.expected == pytest.approx(108)
    assert ev.progress == pytest.approx(-6 / 16)


def test_ceiling_on_track_when_ahead_of_the_straight_path():
    # Mishandeling: 64 (2011) to 30 (2015): 2013 should be at 47; 40 is ahead.
    ev = evaluate({2011: 64, 2012: 60, 2013: 40}, {2015: 30}, "-")
    assert ev.status == ON_TRACK
    assert ev.progress == pytest.approx(24 / 34)


def test_floor_mirrors_ceiling():
    # Bezit harddrugs: 1, 0, 0 for a floor of 5: moving away from it.
    ev = evaluate({2011: 1, 2012: 0, 2013: 0}, {2015: 5}, "+")
    assert ev.status == OFF_TRACK
    assert ev.distance == -5
    assert ev.progress == pytest.approx(-0.25)


def test_achieved_and_not_achieved_once_target_year_has_a_value():
    assert evaluate({2011: 116, 2015: 98}, {2015: 100}, "-").status == ACHIEVED
    assert evaluate({2011: 116, 2015: 100}, {2015: 100}, "-").status == ACHIEVED
    assert evaluate({2011: 116, 2015: 101}, {2015: 100}, "-").status == NOT_ACHIEVED
    assert evaluate({2011: 1, 2015: 5}, {2015: 5}, "+").status == ACHIEVED
    assert evaluate({2011: 1, 2015: 4}, {2015: 5}, "+").status == NOT_ACHIEVED


def test_no_target_and_no_data():
    assert evaluate({2011: 3}, {}, "-").status == NO_TARGET
    # Parking around schools: the plan gives "-" everywhere, even for the target.
    assert evaluate({}, {}, "-/+").status == NO_TARGET
    ev = evaluate({}, {2015: 10}, "-")
    assert ev.status == NO_DATA
    assert ev.target.value == 10 and ev.distance is None


def test_zero_baseline_and_zero_target():
    # Openbare dronkenschap: 0, 1, 0 for a ceiling of 0: met, and no way to go.
    ev = evaluate({2011: 0, 2012: 1, 2013: 0}, {2015: 0}, "-")
    assert ev.status == ON_TRACK
    assert ev.distance == 0
    assert ev.progress is None
    # Straatroof: 2, 7, 2 for a ceiling of 0: progress 0, off track.
    ev = evaluate({2011: 2, 2012: 7, 2013: 2}, {2015: 0}, "-")
    assert ev.status == OFF_TRACK
    assert ev.progress == 0
    # From zero upwards to a floor.
    ev = evaluate({2011: 0, 2013: 3}, {2015: 4}, "+")
    assert ev.progress == pytest.approx(0.75)
    assert ev.status == ON_TRACK  # 3 >= 2, the straight path's value for 2013


def test_target_equal_to_baseline():
    # Overlast beleving: 4% in 2011, 7% in 2014, target 4%: no way to go, and off track.
    ev = evaluate({2011: 4, 2014: 7}, {2015: 4}, "-")
    assert ev.progress is None
    assert ev.status == OFF_TRACK
    assert ev.distance == 3
    assert evaluate({2011: 4, 2014: 4}, {2015: 4}, "-").status == ON_TRACK


def test_baseline_already_meeting_the_target_has_no_progress_share():
    # Ruzie/vechtpartij: 158 is already under the ceiling of 160; 207 is off track.
    ev = evaluate({2011: 158, 2012: 179, 2013: 207}, {2015: 160}, "-")
    assert ev.progress is None
    assert ev.status == OFF_TRACK


def test_met_target_is_on_track_even_off_the_straight_path():
    # Under the ceiling throughout: on track whatever the straight line says.
    ev = evaluate({2011: 18, 2013: 19.5}, {2015: 20}, "-")
    assert ev.status == ON_TRACK


def test_single_value_is_on_track_only_when_the_target_is_met():
    assert evaluate({2011: 4}, {2015: 3}, "-").status == OFF_TRACK
    assert evaluate({2011: 3}, {2015: 3}, "-").status == ON_TRACK


def test_hold_level_uses_tolerance():
    # Veelplegers: 3, 1, 0, 1 for a level of 1 to hold; default band 10% of 1.
    assert evaluate({2011: 3, 2012: 1, 2013: 0, 2014: 1}, {2015: 1}, "-/+").status == ON_TRACK
    assert evaluate({2011: 3, 2014: 2}, {2015: 1}, "-/+").status == OFF_TRACK
    assert evaluate({2011: 3, 2014: 2}, {2015: 1}, "-/+", tolerance=1).status == ON_TRACK
    assert evaluate({2011: 0, 2015: 0}, {2015: 0}, "-/+").status == ACHIEVED
    assert evaluate({2011: 0, 2015: 1}, {2015: 0}, "-/+").status == NOT_ACHIEVED
    assert tolerance_for(50, None) == pytest.approx(5)
    assert tolerance_for(50, 2) == 2


def test_as_of_uses_only_values_up_to_that_year_and_the_next_target():
    values = {2011: 116, 2012: 141, 2013: 122, 2015: 98, 2016: 130}
    targets = {2015: 100, 2016: 95, 2018: 90}
    ev = evaluate(values, targets, "-", as_of=2012)
    assert ev.latest.year == 2012 and ev.target.year == 2015
    ev = evaluate(values, targets, "-", as_of=2015)
    assert (ev.latest.year, ev.target.year, ev.status) == (2015, 2015, ACHIEVED)
    ev = evaluate(values, targets, "-", as_of=2016)
    assert (ev.latest.value, ev.target.value, ev.status) == (130, 95, NOT_ACHIEVED)
    ev = evaluate(values, targets, "-", as_of=2017)
    assert (ev.latest.year, ev.target.year) == (2016, 2018)
    assert ev.status == OFF_TRACK
    # Past every target: judged against the last one; the target year has come without a
    # value for it, so there is nothing to judge it by.
    ev = evaluate(values, targets, "-", as_of=2020)
    assert ev.target.year == 2018 and ev.status == NO_DATA
    assert ev.latest.year == 2016 and ev.distance == 40
    ev = evaluate({**values, 2019: 85}, targets, "-", as_of=2020)
    assert ev.target.year == 2018 and ev.status == ACHIEVED
    # Before any value.
    assert evaluate(values, targets, "-", as_of=2010).status == NO_DATA


def test_a_target_year_that_came_without_a_value_is_no_data():
    # As of 2018, the 2015 target of Diefstal/inbraak woning has no value for 2015.
    values = {2011: 116, 2012: 141, 2013: 122}
    assert evaluate(values, {2015: 100}, "-", as_of=2014).status == OFF_TRACK
    assert evaluate(values, {2015: 100}, "-", as_of=2015).status == NO_DATA
    assert evaluate(values, {2015: 100}, "-", as_of=2018).status == NO_DATA
    # A later value meets the 2015 target; judged as of 2018 a 2016 figure is stale (the
    # 2017 figure is due), a 2017 one is not.
    assert evaluate({**values, 2016: 90}, {2015: 100}, "-", as_of=2018).status == STALE
    assert evaluate({**values, 2017: 90}, {2015: 100}, "-", as_of=2018).status == ACHIEVED


def test_without_as_of_the_reference_year_is_the_latest_value():
    ev = evaluate({2011: 116, 2016: 90}, {2015: 100, 2018: 80}, "-")
    assert ev.target.year == 2018


def test_select_target():
    assert select_target({}, 2015) is None
    assert select_target({2015: 1, 2017: 2}, 2016).year == 2017
    assert select_target({2015: 1, 2017: 2}, 2019).year == 2017
    assert select_target({2015: 1, 2017: 2}, None).year == 2015


values = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(baseline=values, target=values)
def test_progress_is_zero_at_baseline_and_one_at_target(baseline, target):
    assume(abs(baseline - target) > 1e-6)
    direction = "-" if target < baseline else "+"
    assert progress_share(baseline, baseline, target, direction) == pytest.approx(0)
    assert progress_share(baseline, target, target, direction) == pytest.approx(1)


@given(baseline=values, target=values, a=values, b=values)
def test_progress_is_monotone_toward_the_target(baseline, target, a, b):
    assume(abs(baseline - target) > 1e-6)
    direction = "-" if target < baseline else "+"
    closer, further = sorted((a, b), key=lambda v: -v if direction == "+" else v)
    # "closer" is the better value in the indicator's direction.
    assert (
        progress_share(baseline, closer, target, direction)
        >= progress_share(baseline, further, target, direction) - 1e-9
    )


@given(
    history=st.dictionaries(st.integers(2005, 2020), values, min_size=0, max_size=6),
    target_year=st.integers(2010, 2025),
    target=values,
    direction=st.sampled_from(["-", "+"]),
    as_of=st.one_of(st.none(), st.integers(2005, 2025)),
)
def test_flipping_the_direction_mirrors_the_evaluation(
    history, target_year, target, direction, as_of
):
    flipped = "+" if direction == "-" else "-"
    ev = evaluate(history, {target_year: target}, direction, as_of=as_of)
    mirror = evaluate(
        {y: -v for y, v in history.items()}, {target_year: -target}, flipped, as_of=as_of
    )
    assert ev.status == mirror.status
    if ev.progress is None:
        assert mirror.progress is None
    else:
        assert math.isclose(ev.progress, mirror.progress, rel_tol=1e-9, abs_tol=1e-9)
    if ev.distance is not None:
        assert math.isclose(ev.distance, -mirror.distance, abs_tol=1e-9)


@given(value=values, target=values, direction=st.sampled_from(["-", "+", "-/+"]))
def test_a_value_for_the_target_year_is_achieved_exactly_when_it_meets_the_target(
    value, target, direction
):
    ev = evaluate({2015: value}, {2015: target}, direction)
    assert (ev.status == ACHIEVED) == meets(value, target, direction)
    assert ev.status in (ACHIEVED, NOT_ACHIEVED)


# -- a year against the year before (the report's summary) ---------------------------------


@pytest.mark.parametrize(
    ("direction", "unit", "before", "now", "target", "kind"),
    [
        ("-", "count", 122, 75, 100, BETTER),  # fewer burglaries, well beyond chance
        ("-", "count", 128, 200, 100, WORSE),
        ("+", "percent", 41.2, 44.0, 50, BETTER),  # higher is better
        ("+", "percent", 44.0, 41.2, 50, WORSE),
        ("-", "count", 0, 2, 1, CHANCE),  # 2 against 0 is no evidence of a change
        ("-", "count", 40, 40, 30, SAME),
        ("-", "percent", 13.0, 13.0, 8, SAME),
        ("-/+", "count", 100, 160, 110, WORSE),  # further from the level to hold
        ("-/+", "count", 150, 112, 110, BETTER),  # nearer to it
        ("-/+", "percent", 30.0, 34.0, None, SAME),  # no level given: no better
        ("-", "rate", 30.5, 28.1, 25, BETTER),
    ],
)
def test_a_year_against_the_year_before(direction, unit, before, now, target, kind):
    change = compare(Point(2014, before), Point(2015, now), direction, unit, target)
    assert change.kind == kind
    assert change.margin_known is (unit == "count")
    assert (change.previous.value, change.latest.value) == (before, now)
