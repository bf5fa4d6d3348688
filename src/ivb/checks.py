"""Rules across objects and files, as a registry of small pure functions.

Each check takes the validated ``Dataset`` and yields ``Finding``s: which file, which place
in it, a stable kebab-case code, and a message. ``dataset.py`` turns the place into a line
and column. A check never reads a file and never raises for bad data. Each check declares
the files it reads, so the checks of one file still run when the other cannot be read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .layout import INDICATORS, PARTNERS
from .models import Dataset, Indicator
from .problems import ERROR, WARNING

MIN_YEAR = 1990
MAX_YEAR = 2100
_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Finding:
    file: str  # INDICATORS or PARTNERS
    path: tuple[Any, ...]
    code: str
    message: str
    level: str = ERROR
    key: bool = False  # point at the key of ``path`` rather than its value


Check = Callable[[Dataset], Iterable[Finding]]
CHECKS: list[tuple[Check, frozenset[str]]] = []


def check(*files: str) -> Callable[[Check], Check]:
    """Register a check that reads ``files``; checks run in the order they are defined."""

    def register(func: Check) -> Check:
        CHECKS.append((func, frozenset(files)))
        return func

    return register


def run_checks(dataset: Dataset, available: Iterable[str]) -> list[Finding]:
    """Run every check whose files are all ``available`` (loaded, if only in part)."""
    have = set(available)
    return [finding for func, files in CHECKS if files <= have for finding in func(dataset)]


def _indicators(ds: Dataset) -> Iterator[tuple[int, Indicator]]:
    return enumerate(ds.indicators.indicators)


def _bad_id(file: str, path: tuple[Any, ...], ident: str) -> Iterator[Finding]:
    if not _KEBAB.match(ident):
        yield Finding(
            file,
            path,
            "id-format",
            f"id {ident!r} must be kebab-case: lower-case letters and digits "
            "joined by hyphens, e.g. 'diefstal-inbraak-woning'",
        )


@check(INDICATORS)
def check_id_format(ds: Dataset) -> Iterator[Finding]:
    """Ids are kebab-case: lower-case letters and digits joined by single hyphens.

    Passes: ``diefstal-inbraak-woning``. Fails: ``Diefstal_Woning``, ``-woning``.
    """
    bad = _bad_id
    f = ds.indicators
    yield from bad(INDICATORS, ("policy", "id"), f.policy.id)
    for i, priority in enumerate(f.priorities):
        yield from bad(INDICATORS, ("priorities", i, "id"), priority.id)
    for i, ind in _indicators(ds):
        yield from bad(INDICATORS, ("indicators", i, "id"), ind.id)
        for b, breakdown in enumerate(ind.breakdowns):
            yield from bad(INDICATORS, ("indicators", i, "breakdowns", b, "id"), breakdown.id)
            for c, category in enumerate(breakdown.categories):
                yield from bad(
                    INDICATORS,
                    ("indicators", i, "breakdowns", b, "categories", c, "id"),
                    category.id,
                )


@check(PARTNERS)
def check_partner_id_format(ds: Dataset) -> Iterator[Finding]:
    """Partner ids are kebab-case too. Fails: ``Politie``."""
    for i, partner in enumerate(ds.partners.partners):
        yield from _bad_id(PARTNERS, ("partners", i, "id"), partner.id)


def _duplicates(
    file: str, items: Iterable[tuple[tuple[Any, ...], Any]], what: str, code: str = "duplicate-id"
) -> Iterator[Finding]:
    first: dict[Any, tuple[Any, ...]] = {}
    for path, value in items:
        if value in first:
            yield Finding(file, path, code, f"{what} {value!r} is used twice")
        else:
            first[value] = path


@check(INDICATORS)
def check_unique_ids(ds: Dataset) -> Iterator[Finding]:
    """Ids are unique per kind (priorities, indicators, breakdowns, categories), and
    priority numbers are unique whole numbers from 1.

    Fails: two indicators with id ``overval``; priority number 0.
    """
    f = ds.indicators
    for i, p in enumerate(f.priorities):
        if p.number < 1:
            yield Finding(
                INDICATORS,
                ("priorities", i, "number"),
                "priority-number",
                f"priority number {p.number} must be 1 or more",
            )
    yield from _duplicates(
        INDICATORS,
        ((("priorities", i, "id"), p.id) for i, p in enumerate(f.priorities)),
        "priority id",
    )
    yield from _duplicates(
        INDICATORS,
        ((("priorities", i, "number"), p.number) for i, p in enumerate(f.priorities)),
        "priority number",
        "duplicate-number",
    )
    yield from _duplicates(
        INDICATORS,
        ((("indicators", i, "id"), ind.id) for i, ind in _indicators(ds)),
        "indicator id",
    )
    for i, ind in _indicators(ds):
        base = ("indicators", i, "breakdowns")
        yield from _duplicates(
            INDICATORS,
            (((*base, b, "id"), bd.id) for b, bd in enumerate(ind.breakdowns)),
            "breakdown id",
        )
        for b, bd in enumerate(ind.breakdowns):
            yield from _duplicates(
                INDICATORS,
                (
                    ((*base, b, "categories", c, "id"), cat.id)
                    for c, cat in enumerate(bd.categories)
                ),
                "category id",
            )


@check(PARTNERS)
def check_partners(ds: Dataset) -> Iterator[Finding]:
    """Partner ids are unique; each priority's partners are defined partners, each named
    once, and each priority has one entry.

    Fails: two partners with id ``politie``; ``partner: politei``; ``halt`` twice under
    one priority.
    """
    partners = {p.id for p in ds.partners.partners}
    yield from _duplicates(
        PARTNERS,
        ((("partners", i, "id"), p.id) for i, p in enumerate(ds.partners.partners)),
        "partner id",
    )
    yield from _duplicates(
        PARTNERS,
        (
            (("priorities", i, "priority"), pp.priority)
            for i, pp in enumerate(ds.partners.priorities)
        ),
        "priority",
        "duplicate-reference",
    )
    for i, pp in enumerate(ds.partners.priorities):
        yield from _duplicates(
            PARTNERS,
            (
                (("priorities", i, "partners", r, "partner"), ref.partner)
                for r, ref in enumerate(pp.partners)
            ),
            f"under priority {pp.priority!r}, partner",
            "duplicate-reference",
        )
        for r, ref in enumerate(pp.partners):
            if ref.partner not in partners:
                yield Finding(
                    PARTNERS,
                    ("priorities", i, "partners", r, "partner"),
                    "unknown-partner",
                    f"partner {ref.partner!r} is not defined{_suggest(ref.partner, partners)}",
                )


@check(INDICATORS)
def check_priority_references(ds: Dataset) -> Iterator[Finding]:
    """Every indicator a priority lists exists, once per priority; every indicator belongs
    to at least one priority (a warning otherwise). One indicator may serve two priorities.

    Fails: a priority listing ``diefstal-woning`` when no indicator has that id.
    """
    known = {ind.id for ind in ds.indicators.indicators}
    listed: set[str] = set()
    for p, priority in enumerate(ds.indicators.priorities):
        seen: set[str] = set()
        for i, ident in enumerate(priority.indicators):
            path = ("priorities", p, "indicators", i)
            if ident not in known:
                yield Finding(
                    INDICATORS,
                    path,
                    "unknown-indicator",
                    f"priority {priority.number} lists indicator {ident!r}, which is "
                    f"not defined{_suggest(ident, known)}",
                )
            elif ident in seen:
                yield Finding(
                    INDICATORS,
                    path,
                    "duplicate-reference",
                    f"priority {priority.number} lists indicator {ident!r} twice",
                )
            seen.add(ident)
        listed |= seen
        if not priority.indicators:
            yield Finding(
                INDICATORS,
                ("priorities", p, "indicators"),
                "empty-priority",
                f"priority {priority.number} has no indicators",
                WARNING,
            )
    for i, ind in _indicators(ds):
        if ind.id not in listed:
            yield Finding(
                INDICATORS,
                ("indicators", i, "id"),
                "unlisted-indicator",
                f"indicator {ind.id!r} belongs to no priority",
                WARNING,
            )


@check(INDICATORS, PARTNERS)
def check_partner_priorities(ds: Dataset) -> Iterator[Finding]:
    """Each priority partners.yaml refers to is defined in indicators.yaml.

    Fails: ``priority: jeugd`` when the priority's id is ``jeugd-alcohol-drugs``.
    """
    priorities = {p.id for p in ds.indicators.priorities}
    for i, pp in enumerate(ds.partners.priorities):
        if pp.priority not in priorities:
            yield Finding(
                PARTNERS,
                ("priorities", i, "priority"),
                "unknown-priority",
                f"priority {pp.priority!r} is not defined in indicators.yaml"
                f"{_suggest(pp.priority, priorities)}",
            )


def _values(ind: Indicator) -> Iterator[tuple[tuple[Any, ...], float, str]]:
    """Every number of an indicator in its unit, with its place and what it is."""
    for year, m in ind.measurements.items():
        if m is None:
            continue
        yield ("measurements", year, "value"), m.value, f"the value for {year}"
        for bd, cats in m.breakdown.items():
            for cat, value in cats.items():
                yield (
                    ("measurements", year, "breakdown", bd, cat),
                    value,
                    f"the {bd}/{cat} value for {year}",
                )
    for year, t in ind.targets.items():
        if t is not None:
            yield ("targets", year, "value"), t.value, f"the target for {year}"
    for r, ref in enumerate(ind.reference):
        if ref.value is not None:
            yield ("reference", r, "value"), ref.value, f"the value of {ref.group!r}"
    if ind.tolerance is not None:
        yield ("tolerance",), ind.tolerance, "the tolerance"


@check(INDICATORS)
def check_values_fit_unit(ds: Dataset) -> Iterator[Finding]:
    """Counts are non-negative whole numbers; percents lie between 0 and 100.

    Passes: a count of 116, a percent of 13.5. Fails: a count of -1 or 12.5, a percent of 130.
    """
    for i, ind in _indicators(ds):
        for path, value, what in _values(ind):
            where = ("indicators", i, *path)
            if ind.unit == "count" and isinstance(value, float) and value == int(value) >= 0:
                yield Finding(
                    INDICATORS,
                    where,
                    "count-value",
                    f"{what} of {ind.id!r} is written {value}; write a count without "
                    f"decimals: {int(value)}",
                )
            elif ind.unit == "count" and (value < 0 or value != int(value)):
                yield Finding(
                    INDICATORS,
                    where,
                    "count-value",
                    f"{what} of {ind.id!r} is {value}, but a count must be a "
                    "whole number of 0 or more",
                )
            elif ind.unit == "percent" and not 0 <= value <= 100:
                yield Finding(
                    INDICATORS,
                    where,
                    "percent-range",
                    f"{what} of {ind.id!r} is {value}, but a percent must lie between 0 and 100",
                )


@check(INDICATORS)
def check_years(ds: Dataset) -> Iterator[Finding]:
    """Years are plausible: between 1990 and 2100, and no measurement lies in the future.
    The policy period runs forward; targets lie in or after its first year.

    Fails: a measurement for 2105 or 211, a target for 2013 in a 2015-2018 policy.
    """
    policy = ds.indicators.policy
    for year, path in (
        (policy.period.start, ("policy", "period", "start")),
        (policy.period.end, ("policy", "period", "end")),
    ):
        if not MIN_YEAR <= year <= MAX_YEAR:
            yield Finding(
                INDICATORS,
                path,
                "year-range",
                f"year {year} is not plausible (expected {MIN_YEAR}-{MAX_YEAR})",
            )
    if policy.period.end < policy.period.start:
        yield Finding(
            INDICATORS,
            ("policy", "period"),
            "period-order",
            f"the period ends ({policy.period.end}) before it starts ({policy.period.start})",
        )
    this_year = dt.date.today().year
    for i, ind in _indicators(ds):
        for year in ind.measurements:
            path = ("indicators", i, "measurements", year)
            if not MIN_YEAR <= year <= MAX_YEAR:
                yield Finding(
                    INDICATORS,
                    path,
                    "year-range",
                    f"year {year} of {ind.id!r} is not plausible (expected {MIN_YEAR}-{MAX_YEAR})",
                    key=True,
                )
            elif year > this_year:
                yield Finding(
                    INDICATORS,
                    path,
                    "future-year",
                    f"{ind.id!r} has a measurement for {year}, which lies in the future",
                    key=True,
                )
        for year in ind.targets:
            path = ("indicators", i, "targets", year)
            if not MIN_YEAR <= year <= MAX_YEAR:
                yield Finding(
                    INDICATORS,
                    path,
                    "year-range",
                    f"target year {year} of {ind.id!r} is not plausible (expected "
                    f"{MIN_YEAR}-{MAX_YEAR})",
                    key=True,
                )
            elif year < policy.period.start <= policy.period.end:
                yield Finding(
                    INDICATORS,
                    path,
                    "target-year",
                    f"target year {year} of {ind.id!r} lies before the policy "
                    f"period ({policy.period.start}-{policy.period.end})",
                    key=True,
                )


@check(INDICATORS)
def check_breakdowns(ds: Dataset) -> Iterator[Finding]:
    """A measurement's breakdown uses declared breakdowns and categories, and a breakdown
    that partitions the total adds up to it.

    Passes: Halt 2011 = 22, boys 15 + girls 7. Fails: boys 15 + girls 6 for a total of 22.
    """
    for i, ind in _indicators(ds):
        declared = {bd.id: bd for bd in ind.breakdowns}
        for year, m in ind.measurements.items():
            if m is None:
                continue
            base = ("indicators", i, "measurements", year, "breakdown")
            for bd_id, cats in m.breakdown.items():
                bd = declared.get(bd_id)
                if bd is None:
                    yield Finding(
                        INDICATORS,
                        (*base, bd_id),
                        "unknown-breakdown",
                        f"{ind.id!r} declares no breakdown {bd_id!r}{_suggest(bd_id, declared)}",
                        key=True,
                    )
                    continue
                known = {c.id for c in bd.categories}
                unknown = [c for c in cats if c not in known]
                for cat in unknown:
                    yield Finding(
                        INDICATORS,
                        (*base, bd_id, cat),
                        "unknown-category",
                        f"breakdown {bd_id!r} of {ind.id!r} has no category {cat!r}"
                        f"{_suggest(cat, known)}",
                        key=True,
                    )
                total = sum(cats.values())
                if bd.partition and not unknown and abs(total - m.value) > 1e-9:
                    yield Finding(
                        INDICATORS,
                        (*base, bd_id),
                        "breakdown-sum",
                        f"the {bd_id} breakdown of {ind.id!r} for {year} adds up to "
                        f"{_fmt(total)}, but the total is {_fmt(m.value)}",
                    )


@check(INDICATORS)
def check_shared_codes(ds: Dataset) -> Iterator[Finding]:
    """One incident code cited by several indicators is reported (a warning): the plan does
    this with 3.1.1, and an import matching on codes alone would mix those series.
    """
    users: defaultdict[str, list[int]] = defaultdict(list)
    for i, ind in _indicators(ds):
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
                    f"code {code!r} is cited by {len(idx)} indicators ({names})",
                    WARNING,
                )


@check(INDICATORS)
def check_tolerance(ds: Dataset) -> Iterator[Finding]:
    """A tolerance only means something for an indicator that holds a level (``-/+``)."""
    for i, ind in _indicators(ds):
        if ind.tolerance is not None and ind.direction != "-/+":
            yield Finding(
                INDICATORS,
                ("indicators", i, "tolerance"),
                "tolerance-direction",
                f'{ind.id!r} has a tolerance, but only direction "-/+" uses one',
                WARNING,
            )


def _suggest(name: str, known: Iterable[str]) -> str:
    """A ``; did you mean ...?`` suffix naming the closest known names, if any are close."""
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
