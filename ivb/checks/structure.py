"""Rules on the structure of the data: ids, uniqueness and references within and across
the files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..i18n import _
from ..layout import INDICATORS, PARTNERS
from ..models import Dataset
from ..problems import WARNING
from .registry import Finding, check, indicators_of, suggest

_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def bad_id(file: str, path: tuple[Any, ...], ident: str) -> Iterator[Finding]:
    if not _KEBAB.match(ident):
        yield Finding(
            file,
            path,
            "id-format",
            _(
                "id {id!r} must be kebab-case: lower-case letters and digits "
                "joined by hyphens, e.g. 'diefstal-inbraak-woning'"
            ).format(id=ident),
        )


@check(INDICATORS, errors=("id-format",))
def check_id_format(ds: Dataset) -> Iterator[Finding]:
    """Ids are kebab-case: lower-case letters and digits joined by single hyphens.

    Passes: ``diefstal-inbraak-woning``. Fails: ``Diefstal_Woning``, ``-woning``.
    """
    bad = bad_id
    f = ds.indicators
    yield from bad(INDICATORS, ("policy", "id"), f.policy.id)
    for i, priority in enumerate(f.priorities):
        yield from bad(INDICATORS, ("priorities", i, "id"), priority.id)
    for i, ind in indicators_of(ds):
        yield from bad(INDICATORS, ("indicators", i, "id"), ind.id)
        for b, breakdown in enumerate(ind.breakdowns):
            yield from bad(INDICATORS, ("indicators", i, "breakdowns", b, "id"), breakdown.id)
            for c, category in enumerate(breakdown.categories):
                yield from bad(
                    INDICATORS,
                    ("indicators", i, "breakdowns", b, "categories", c, "id"),
                    category.id,
                )


@check(PARTNERS, errors=("id-format",))
def check_partner_id_format(ds: Dataset) -> Iterator[Finding]:
    """Partner ids are kebab-case too. Fails: ``Politie``."""
    for i, partner in enumerate(ds.partners.partners):
        yield from bad_id(PARTNERS, ("partners", i, "id"), partner.id)


def _duplicates(
    file: str,
    items: Iterable[tuple[tuple[Any, ...], Any]],
    message: str,
    code: str = "duplicate-id",
    **names: Any,
) -> Iterator[Finding]:
    """A finding for each value used a second time: ``message`` with the value as
    ``{value!r}`` (and ``names``)."""
    first: dict[Any, tuple[Any, ...]] = {}
    for path, value in items:
        if value in first:
            yield Finding(file, path, code, message.format(value=value, **names))
        else:
            first[value] = path


@check(INDICATORS, errors=("priority-number", "duplicate-id", "duplicate-number"))
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
                _("priority number {number} must be 1 or more").format(number=p.number),
            )
    yield from _duplicates(
        INDICATORS,
        ((("priorities", i, "id"), p.id) for i, p in enumerate(f.priorities)),
        _("priority id {value!r} is used twice"),
    )
    yield from _duplicates(
        INDICATORS,
        ((("priorities", i, "number"), p.number) for i, p in enumerate(f.priorities)),
        _("priority number {value!r} is used twice"),
        "duplicate-number",
    )
    yield from _duplicates(
        INDICATORS,
        ((("indicators", i, "id"), ind.id) for i, ind in indicators_of(ds)),
        _("indicator id {value!r} is used twice"),
    )
    for i, ind in indicators_of(ds):
        base = ("indicators", i, "breakdowns")
        yield from _duplicates(
            INDICATORS,
            (((*base, b, "id"), bd.id) for b, bd in enumerate(ind.breakdowns)),
            _("breakdown id {value!r} is used twice"),
        )
        for b, bd in enumerate(ind.breakdowns):
            yield from _duplicates(
                INDICATORS,
                (
                    ((*base, b, "categories", c, "id"), cat.id)
                    for c, cat in enumerate(bd.categories)
                ),
                _("category id {value!r} is used twice"),
            )


@check(PARTNERS, errors=("duplicate-id", "duplicate-reference", "unknown-partner"))
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
        _("partner id {value!r} is used twice"),
    )
    yield from _duplicates(
        PARTNERS,
        (
            (("priorities", i, "priority"), pp.priority)
            for i, pp in enumerate(ds.partners.priorities)
        ),
        _("priority {value!r} is used twice"),
        "duplicate-reference",
    )
    for i, pp in enumerate(ds.partners.priorities):
        yield from _duplicates(
            PARTNERS,
            (
                (("priorities", i, "partners", r, "partner"), ref.partner)
                for r, ref in enumerate(pp.partners)
            ),
            _("under priority {priority!r}, partner {value!r} is used twice"),
            "duplicate-reference",
            priority=pp.priority,
        )
        for r, ref in enumerate(pp.partners):
            if ref.partner not in partners:
                yield Finding(
                    PARTNERS,
                    ("priorities", i, "partners", r, "partner"),
                    "unknown-partner",
                    _("partner {partner!r} is not defined{suggestion}").format(
                        partner=ref.partner, suggestion=suggest(ref.partner, partners)
                    ),
                )


@check(
    INDICATORS,
    errors=("unknown-indicator", "duplicate-reference"),
    warnings=("empty-priority", "unlisted-indicator"),
)
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
                    _(
                        "priority {number} lists indicator {indicator!r}, which is "
                        "not defined{suggestion}"
                    ).format(
                        number=priority.number,
                        indicator=ident,
                        suggestion=suggest(ident, known),
                    ),
                )
            elif ident in seen:
                yield Finding(
                    INDICATORS,
                    path,
                    "duplicate-reference",
                    _("priority {number} lists indicator {indicator!r} twice").format(
                        number=priority.number, indicator=ident
                    ),
                )
            seen.add(ident)
        listed |= seen
        if not priority.indicators:
            yield Finding(
                INDICATORS,
                ("priorities", p, "indicators"),
                "empty-priority",
                _("priority {number} has no indicators").format(number=priority.number),
                WARNING,
            )
    for i, ind in indicators_of(ds):
        if ind.id not in listed:
            yield Finding(
                INDICATORS,
                ("indicators", i, "id"),
                "unlisted-indicator",
                _("indicator {indicator!r} belongs to no priority").format(indicator=ind.id),
                WARNING,
            )


@check(INDICATORS, PARTNERS, errors=("unknown-priority",))
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
                _("priority {priority!r} is not defined in indicators.yaml{suggestion}").format(
                    priority=pp.priority, suggestion=suggest(pp.priority, priorities)
                ),
            )


@check(INDICATORS, errors=("cadence-unknown", "cadence-years"), warnings=("cadence-year",))
def check_cadences(ds: Dataset) -> Iterator[Finding]:
    """A source that does not measure every year declares its years (``cadences``: ids
    unique, years in order, each once); an indicator's ``cadence`` names one of them; a
    value in a year that is not one of its source's years is warned (a missing edition in
    the declaration, or a value typed under the wrong year).

    Passes: ``cadences: [{id: veiligheidsmonitor, name: Veiligheidsmonitor, years: [2011,
    2014]}]`` and an indicator with ``cadence: veiligheidsmonitor`` and values for 2011 and
    2014. Fails: ``cadence: monitor`` (no such cadence); ``years: [2014, 2011]``; a value
    for 2012 (a warning).
    """
    cadences = ds.indicators.cadences
    known: dict[str, list[int]] = {}
    for i, cadence in enumerate(cadences):
        years = list(cadence.years)
        if cadence.id in known:
            yield Finding(
                INDICATORS,
                ("cadences", i, "id"),
                "cadence-years",
                _("the cadence {cadence!r} is declared twice").format(cadence=cadence.id),
            )
        elif not years or years != sorted(set(years)):
            yield Finding(
                INDICATORS,
                ("cadences", i, "years"),
                "cadence-years",
                _(
                    "the years of {cadence!r} must be listed in order, each once, e.g. [2011, 2014]"
                ).format(cadence=cadence.id),
            )
        known.setdefault(cadence.id, years)
    for i, ind in indicators_of(ds):
        if ind.cadence is None:
            continue
        if ind.cadence not in known:
            yield Finding(
                INDICATORS,
                ("indicators", i, "cadence"),
                "cadence-unknown",
                _(
                    "{indicator!r} names the cadence {cadence!r}, which `cadences` does not "
                    "declare{suggestion}"
                ).format(
                    indicator=ind.id, cadence=ind.cadence, suggestion=suggest(ind.cadence, known)
                ),
            )
            continue
        for year, m in ind.measurements.items():
            if m is not None and year not in known[ind.cadence]:
                yield Finding(
                    INDICATORS,
                    ("indicators", i, "measurements", year),
                    "cadence-year",
                    _(
                        "{indicator!r} has a value for {year}, which is not one of the years "
                        "of {cadence!r} ({years}): add the edition to the cadence, or check "
                        "the year"
                    ).format(
                        indicator=ind.id,
                        year=year,
                        cadence=ind.cadence,
                        years=", ".join(map(str, known[ind.cadence])),
                    ),
                    WARNING,
                    key=True,
                )
