"""Rules on the values: units, years, sums, codes and tolerances."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from ..i18n import _, language, ngettext
from ..layout import INDICATORS
from ..models import RATE_UNITS, Dataset, Indicator, MeasurementFields
from ..problems import WARNING
from .registry import Finding, check, indicators_of, suggest

MAX_COUNT = 9_999_999_999  # ten digits: what add-measurement accepts
MIN_YEAR = 1990
MAX_YEAR = 2100

# What may be a thousands separator: 1-3 digits (not a leading 0), one point or comma, 3 digits.
_MAYBE_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}\Z")


def thousands_reading(typed: str) -> int | None:
    """The whole number ``typed`` is if its one point or comma separates thousands
    (``1.225``, ``1,225``: 1225), or None when it cannot (``0,225``, ``1,5``, ``1225``).

    Such a number is 1225 to a Dutch reader and 1.225 to an English one; ivb never guesses
    which. The one rule for a value typed on the command line (``records.numbers``) and for
    the hint ``ivb validate`` gives on ``1,225`` written in a data file.
    """
    if _MAYBE_THOUSANDS.match(typed) is None:
        return None
    return int(typed.replace(".", "").replace(",", ""))


def _values(ind: Indicator) -> Iterator[tuple[tuple[Any, ...], float, str]]:
    """Every number of an indicator in its unit, with its place and what it is."""
    recorded: list[tuple[tuple[Any, ...], int, MeasurementFields | None, bool]]
    recorded = [(("measurements", y), y, m, False) for y, m in ind.measurements.items()]
    recorded += [(("history", h), r.year, r, True) for h, r in enumerate(ind.history)]
    for base, year, m, replaced in recorded:
        if m is None:
            continue
        what = _("the replaced value for {year}") if replaced else _("the value for {year}")
        yield (*base, "value"), m.value, what.format(year=year)
        for bd, cats in m.breakdown.items():
            for cat, value in cats.items():
                what = (
                    _("the replaced {breakdown}/{category} value for {year}")
                    if replaced
                    else _("the {breakdown}/{category} value for {year}")
                )
                place = (*base, "breakdown", bd, cat)
                yield place, value, what.format(breakdown=bd, category=cat, year=year)
    for year, t in ind.targets.items():
        if t is not None:
            yield ("targets", year, "value"), t.value, _("the target for {year}").format(year=year)
    for r, ref in enumerate(ind.reference):
        if ref.value is not None:
            what = _("the value of {group!r}").format(group=ref.group)
            yield ("reference", r, "value"), ref.value, what
    if ind.tolerance is not None:
        yield ("tolerance",), ind.tolerance, _("the tolerance")


def _grouped(number: int) -> str:
    """A large number with its thousands separated as the language in use writes them:
    9,999,999,999 in English, 9.999.999.999 in Dutch."""
    text = f"{number:,}"
    return text.replace(",", ".") if language() == "nl" else text


def unit_problem(value: float, unit: str) -> tuple[str, str] | None:
    """What is wrong with ``value`` in ``unit``, as a code and the end of a sentence about
    the value ("is 130, but a percent must lie between 0 and 100"); ``None`` when it fits.

    The rule of ``ivb validate`` (``check_values_fit_unit``, ``check_plan_targets``) and of
    every command that records a typed value (``records.numbers.parse_value``).
    """
    if unit == "count":
        if value > MAX_COUNT:
            most = _grouped(MAX_COUNT)
            return "count-value", _("is more than {most}: not a plausible count").format(most=most)
        if value < 0 or not float(value).is_integer():
            return "count-value", _(
                "is {value}, but a count must be a whole number of 0 or more"
            ).format(value=value)
        if isinstance(value, float):
            return "count-value", _(
                "is written {value}; write a count without decimals: {whole}"
            ).format(value=value, whole=int(value))
    elif unit == "percent":
        if not 0 <= value <= 100:
            return "percent-range", _(
                "is {value}, but a percent must lie between 0 and 100"
            ).format(value=value)
        if not _two_decimals(value):
            return "percent-range", _("is {value}: a percent has at most two decimals").format(
                value=value
            )
    elif value < 0:
        return "rate-value", _("is {value}, but a rate ({unit}) is 0 or more").format(
            value=value, unit=unit
        )
    elif value > MAX_COUNT:
        most = _grouped(MAX_COUNT)
        return "rate-value", _("is more than {most}: not a plausible rate").format(most=most)
    elif not _two_decimals(value):
        return "rate-value", _("is {value}: a rate has at most two decimals").format(value=value)
    return None


def _two_decimals(value: float) -> bool:
    """At most two decimals (8.04, not 8.00001): the precision the sources publish, and
    what a latest value and its target are told apart by."""
    hundredths = value * 100
    return abs(hundredths - round(hundredths)) < 1e-6


@check(INDICATORS, errors=("count-value", "percent-range", "rate-value"))
def check_values_fit_unit(ds: Dataset) -> Iterator[Finding]:
    """Counts are whole numbers of 0 or more, written without decimals, and at most
    9,999,999,999; percents lie between 0 and 100; rates (``per 1000``, ``per 10000``) are
    0 or more; percents and rates have at most two decimals. Every number of an indicator
    counts: values (those replaced in its history too), breakdowns, targets, reference
    values and the tolerance.
    ``add-measurement`` and ``import`` apply the same rule to a new value.

    Passes: a count of 116, a percent of 13.5, a rate of 29.5 per 1000. Fails: a count of
    -1, 12.5 or ``122.0`` (write 122), a percent of 130 or 8.00001, a rate of -2.
    """
    for i, ind in indicators_of(ds):
        for path, value, what in _values(ind):
            problem = unit_problem(value, ind.unit)
            if problem is not None:
                code, text = problem
                message = _("{what} of {indicator!r} {problem}").format(
                    what=what, indicator=ind.id, problem=text
                )
                yield Finding(INDICATORS, ("indicators", i, *path), code, message)


def _implausible(path: tuple[Any, ...], what: str) -> Finding:
    return Finding(
        INDICATORS,
        path,
        "year-range",
        _("{what} is not plausible (expected {first}-{last})").format(
            what=what, first=MIN_YEAR, last=MAX_YEAR
        ),
        key=True,
    )


@check(INDICATORS, errors=("year-range", "period-order", "target-year"), warnings=("future-year",))
def check_years(ds: Dataset) -> Iterator[Finding]:
    """Years are plausible: between 1990 and 2100. The policy period runs forward;
    targets lie in or after its first year. A measurement for a year after the current
    one is a warning: a typo (2051 for 2015), or a deliberate figure (a school year keyed
    by the year it ends) that ``add-measurement --any-year`` recorded.

    Fails: a measurement (a target, an explanation) for 2105 or 211, a target for 2013 in
    a 2015-2018 policy.
    """
    policy = ds.indicators.policy
    path: tuple[Any, ...]
    for year, path in (
        (policy.period.start, ("policy", "period", "start")),
        (policy.period.end, ("policy", "period", "end")),
    ):
        if not MIN_YEAR <= year <= MAX_YEAR:
            yield Finding(
                INDICATORS,
                path,
                "year-range",
                _("year {year} is not plausible (expected {first}-{last})").format(
                    year=year, first=MIN_YEAR, last=MAX_YEAR
                ),
            )
    if policy.period.end < policy.period.start:
        yield Finding(
            INDICATORS,
            ("policy", "period"),
            "period-order",
            _("the period ends ({end}) before it starts ({start})").format(
                end=policy.period.end, start=policy.period.start
            ),
        )
    this_year = dt.date.today().year
    for i, ind in indicators_of(ds):
        for year in ind.measurements:
            path = ("indicators", i, "measurements", year)
            if not MIN_YEAR <= year <= MAX_YEAR:
                yield _implausible(
                    path, _("year {year} of {indicator!r}").format(year=year, indicator=ind.id)
                )
            elif year > this_year:
                yield Finding(
                    INDICATORS,
                    path,
                    "future-year",
                    _(
                        "{indicator!r} has a measurement for {year}, which lies in the future"
                    ).format(indicator=ind.id, year=year),
                    WARNING,
                    key=True,
                )
        for h, replaced in enumerate(ind.history):
            if not MIN_YEAR <= replaced.year <= MAX_YEAR:
                yield _implausible(
                    ("indicators", i, "history", h, "year"),
                    _("replaced year {year} of {indicator!r}").format(
                        year=replaced.year, indicator=ind.id
                    ),
                )
        for year in ind.explanations:
            if not MIN_YEAR <= year <= MAX_YEAR:
                yield _implausible(
                    ("indicators", i, "explanations", year),
                    _("explanation year {year} of {indicator!r}").format(
                        year=year, indicator=ind.id
                    ),
                )
        for year in ind.targets:
            path = ("indicators", i, "targets", year)
            if not MIN_YEAR <= year <= MAX_YEAR:
                yield _implausible(
                    path,
                    _("target year {year} of {indicator!r}").format(year=year, indicator=ind.id),
                )
            elif year < policy.period.start <= policy.period.end:
                yield Finding(
                    INDICATORS,
                    path,
                    "target-year",
                    _(
                        "target year {year} of {indicator!r} lies before the policy period "
                        "({start}-{end})"
                    ).format(
                        year=year,
                        indicator=ind.id,
                        start=policy.period.start,
                        end=policy.period.end,
                    ),
                    key=True,
                )


@check(INDICATORS, errors=("unknown-breakdown", "unknown-category", "breakdown-sum"))
def check_breakdowns(ds: Dataset) -> Iterator[Finding]:
    """A measurement's breakdown uses declared breakdowns and categories, and a breakdown
    that partitions the total adds up to it. ``add-measurement --breakdown`` applies the
    same rule.

    Passes: Halt 2011 = 22, boys 15 + girls 7. Fails: boys 15 + girls 6 for a total of 22.
    """
    for i, ind in indicators_of(ds):
        for year, m in ind.measurements.items():
            if m is None:
                continue
            base = ("indicators", i, "measurements", year, "breakdown")
            for code, place, message in breakdown_problems(ind, year, m.value, m.breakdown):
                yield Finding(INDICATORS, (*base, *place), code, message, key=code != BREAKDOWN_SUM)


BREAKDOWN_SUM = "breakdown-sum"


def breakdown_problems(
    ind: Indicator, year: int, value: float, given: Mapping[str, Mapping[str, float]]
) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """What is wrong with the breakdown ``given`` of ``ind``'s ``value`` for ``year``: a
    breakdown or category it does not declare, or categories that do not add up to a
    total they partition. Yields the code, the place within the breakdown (its id, and the
    category's) and the message.

    The rule of ``ivb validate`` (``check_breakdowns``) and of ``add-measurement
    --breakdown`` (``records.measure``).
    """
    declared = {bd.id: bd for bd in ind.breakdowns}
    for bd_id, cats in given.items():
        bd = declared.get(bd_id)
        if bd is None:
            names = ", ".join(declared) or _("none")
            yield (
                "unknown-breakdown",
                (bd_id,),
                _(
                    "{indicator!r} declares no breakdown {breakdown!r} (its breakdowns: {names})"
                ).format(indicator=ind.id, breakdown=bd_id, names=names)
                + suggest(bd_id, declared),
            )
            continue
        known = [c.id for c in bd.categories]
        unknown = [c for c in cats if c not in known]
        for cat in unknown:
            yield (
                "unknown-category",
                (bd_id, cat),
                _(
                    "breakdown {breakdown!r} of {indicator!r} has no category {category!r} "
                    "(its categories: {names})"
                ).format(breakdown=bd_id, indicator=ind.id, category=cat, names=", ".join(known))
                + suggest(cat, known),
            )
        total = sum(cats.values())
        if bd.partition and not unknown and abs(total - value) > 1e-9:
            yield (
                BREAKDOWN_SUM,
                (bd_id,),
                _(
                    "the {breakdown} breakdown of {indicator!r} for {year} adds up to {sum}, but "
                    "the total is {total}"
                ).format(
                    breakdown=bd_id,
                    indicator=ind.id,
                    year=year,
                    sum=_fmt(total),
                    total=_fmt(value),
                ),
            )


@check(INDICATORS, warnings=("shared-code",))
def check_shared_codes(ds: Dataset) -> Iterator[Finding]:
    """One incident code cited by several indicators is reported (a warning): the plan does
    this with 3.1.1, and an import matching on codes alone would mix those series.
    """
    users: defaultdict[str, list[int]] = defaultdict(list)
    for i, ind in indicators_of(ds):
        if ind.code is not None:
            users[ind.code].append(i)
    inds = ds.indicators.indicators
    for code, idx in users.items():
        if len(idx) > 1:
            names = ", ".join(inds[i].id for i in idx)
            for i in idx:
                yield Finding(
                    INDICATORS,
                    ("indicators", i, "code"),
                    "shared-code",
                    ngettext(
                        "code {code!r} is cited by {count} indicator ({names})",
                        "code {code!r} is cited by {count} indicators ({names})",
                        len(idx),
                    ).format(code=code, count=len(idx), names=names),
                    WARNING,
                )


@check(INDICATORS, errors=("explanation-twice",))
def check_explanations(ds: Dataset) -> Iterator[Finding]:
    """A year is explained once: by its measurement's ``note`` (``add-measurement
    --note``), or by the indicator's ``explanations`` entry for the year (``ivb explain``),
    never by both, as one would silently hide the other.

    Passes: ``2015: {value: 98, note: "Minder inbraken door de campagne"}`` and no
    ``explanations``; or ``2015: 98`` with ``explanations: {2015: "Minder inbraken"}``.
    Fails: that note and that ``explanations`` entry together.
    """
    for i, ind in indicators_of(ds):
        for year in ind.explanations:
            m = ind.measurements.get(year)
            if m is not None and m.note is not None:
                yield Finding(
                    INDICATORS,
                    ("indicators", i, "explanations", year),
                    "explanation-twice",
                    _(
                        "{indicator!r} has two explanations for {year}: the note of its {year} "
                        "measurement and this entry; keep one of them"
                    ).format(indicator=ind.id, year=year),
                    key=True,
                )


@check(INDICATORS, warnings=("tolerance-direction",))
def check_tolerance(ds: Dataset) -> Iterator[Finding]:
    """A tolerance only means something for an indicator that holds a level (``-/+``):
    on another direction it is reported (a warning), as it changes nothing.

    Passes: ``tolerance: 0.1`` with ``direction: "-/+"``. Warns: the same with ``"-"``.
    """
    for i, ind in indicators_of(ds):
        if ind.tolerance is not None and ind.direction != "-/+":
            yield Finding(
                INDICATORS,
                ("indicators", i, "tolerance"),
                "tolerance-direction",
                _('{indicator!r} has a tolerance, but only direction "-/+" uses one').format(
                    indicator=ind.id
                ),
                WARNING,
            )


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@check(INDICATORS, errors=("rate-per",))
def check_rate_per(ds: Dataset) -> Iterator[Finding]:
    """A rate says what it is per (``per``: "inwoners", "jongeren van 12 tot en met 17
    jaar"); a count or a percent has no ``per``.

    Passes: ``unit: per 1000, per: inwoners``. Fails: ``unit: per 10000`` without ``per``;
    ``unit: count, per: inwoners``.
    """
    for i, ind in indicators_of(ds):
        rate = ind.unit in RATE_UNITS
        if rate and not (ind.per or "").strip():
            yield Finding(
                INDICATORS,
                ("indicators", i, "unit"),
                "rate-per",
                _(
                    "{indicator!r} is a rate ({unit}) but does not say of what: give per, e.g. "
                    'per: "inwoners"'
                ).format(indicator=ind.id, unit=ind.unit),
            )
        elif not rate and ind.per is not None:
            yield Finding(
                INDICATORS,
                ("indicators", i, "per"),
                "rate-per",
                _(
                    "{indicator!r} is a {unit}, not a rate: per belongs to the units per 1000 "
                    "and per 10000"
                ).format(indicator=ind.id, unit=ind.unit),
            )
