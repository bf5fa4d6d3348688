"""Every sentence of ``ivb report`` in Dutch (the council's language) and English.

The words come from one catalogue per language (``catalogue.py``); the labels of
the data (names, sources, titles, notes) are never translated: they stay as the plan
writes them. ``describe`` and ``reason`` put an indicator's evaluation into words with
the same numbers as ``ivb status``; numbers and dates are written as each language writes
them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..progress import (
    ACHIEVED,
    NO_DATA,
    NO_TARGET,
    NOT_ACHIEVED,
    ON_TRACK,
    STALE,
    Evaluation,
    meets,
)
from ..render.numbers import fmt_number, fmt_value, places_for, places_to_tell
from .catalogue import TEXTS

if TYPE_CHECKING:
    from .build import IndicatorEntry


def texts(lang: str) -> dict[str, Any]:
    return TEXTS[lang]


def date_text(day: date, lang: str) -> str:
    """A date in words, as a letter to the council writes it: "6 oktober 2014" in Dutch,
    "6 October 2014" in English."""
    return f"{day.day} {TEXTS[lang]['months'][day.month - 1]} {day.year}"


def number(value: float, lang: str, places: int = 1) -> str:
    """A number as the report shows it: "12.345,5" in Dutch, "12,345.5" in English."""
    t = TEXTS[lang]
    return fmt_number(value, t["decimal"], t["thousands"], places)


def value_text(
    value: float | None,
    unit: str,
    lang: str,
    provisional: bool = False,
    per: str | None = None,
    places: int = 1,
) -> str:
    """A value as the report shows it: "30,8%" in Dutch, "30.8%" in English; a rate with
    what it is per: "29,5 per 1.000 inwoners" ("29.5 per 1,000 inwoners")."""
    t = TEXTS[lang]
    return fmt_value(value, unit, provisional, t["decimal"], t["thousands"], per, places)


def join_words(words: list[str], lang: str) -> str:
    """ "2011 en 2014", "2011, 2013 and 2015": a list as a sentence writes it."""
    if len(words) < 2:
        return "".join(words)
    last = " en " if lang == "nl" else " and "
    return ", ".join(words[:-1]) + last + words[-1]


def points(text: str, lang: str) -> str:
    """A number of percentage points in words: "3 procentpunten", "1 procentpunt"."""
    one = text.lstrip("+-") == "1"
    return TEXTS[lang]["pp_one" if one else "pp"].format(value=text)


def signed(value: float | None, unit: str, lang: str) -> str:
    """A distance with its sign and unit: "+22", "-3 procentpunten" / "-3 percentage
    points"."""
    if value is None:
        return ""
    text = number(value, lang, places_to_tell(value, 0))
    sign = "+" if text != "0" and not text.startswith("-") else ""
    return points(sign + text, lang) if unit == "percent" else sign + text


def describe(entry: IndicatorEntry, lang: str) -> str:
    """The indicator's direction, target and latest value in words: "lager is beter:
    streefwaarde 100 in 2015; 122 in 2013, nog 22 boven de streefwaarde"."""
    t = TEXTS[lang]
    ind, ev = entry.view, entry.evaluation
    parts = [t["directions"][ind.direction] + ": "]
    places = places_for(ev)  # more where one decimal would hide what decides
    if ev.target is None:
        parts.append(t["no_target"])
    else:
        parts.append(
            t["target"].format(
                value=value_text(ev.target.value, ind.unit, lang, per=ind.per, places=places),
                year=ev.target.year,
            )
        )
        if ind.direction == "-/+" and entry.band:  # a band of 0: the level exactly
            parts.append(t["band"].format(band=_size(entry.band, ind.unit, lang)))
    parts.append("; ")
    if ev.latest is None:
        parts.append(
            t["no_value"] if entry.as_of is None else t["no_value_as_of"].format(year=entry.as_of)
        )
        return "".join(parts)
    key = "provisional_value" if ev.latest.year in ind.provisional else "in_year"
    parts.append(
        t[key].format(
            value=value_text(ev.latest.value, ind.unit, lang, per=ind.per, places=places),
            year=ev.latest.year,
        )
    )
    if ev.target is not None and ev.distance is not None:
        parts.append(", " + _distance_words(entry, lang))
    return "".join(parts)


def _size(value: float, unit: str, lang: str) -> str:
    text = number(abs(value), lang, places_to_tell(value, 0))
    return points(text, lang) if unit == "percent" else text


def _distance_words(entry: IndicatorEntry, lang: str) -> str:
    t = TEXTS[lang]
    ind, ev = entry.view, entry.evaluation
    assert ev.distance is not None and ev.target is not None and ev.latest is not None
    size = _size(ev.distance, ind.unit, lang)
    if number(abs(ev.distance), lang, places=4) == "0":  # the target itself
        return t["at"]
    if ind.direction == "-":
        words = t["still_above" if ev.distance > 0 else "below"].format(size=size)
    elif ind.direction == "+":
        words = t["above" if ev.distance > 0 else "still_below"].format(size=size)
    else:
        words = t["above" if ev.distance > 0 else "below"].format(size=size)
    if ind.direction == "-/+":
        met = meets(ev.latest.value, ev.target.value, "-/+", ind.tolerance, ind.unit)
        words += ", " + t["within" if met else "outside"]
    return words


def reason(entry: IndicatorEntry, lang: str) -> str:
    """Why the indicator has its status, in one sentence: "een rechte lijn van 116 in 2011
    naar 100 in 2015 komt in 2013 uit op 108; 122 is slechter."), then what qualifies it:
    a target carried forward, the verdicts of earlier target years, chance."""
    return " ".join(part for part in (_why(entry, lang), *_qualifiers(entry, lang)) if part)


def _qualifiers(entry: IndicatorEntry, lang: str) -> list[str]:
    """What qualifies the status: the target carried forward, the verdicts of earlier
    target years, and chance."""
    why = TEXTS[lang]["why"]
    ind, ev = entry.view, entry.evaluation
    out = []

    def v(x: float) -> str:
        return value_text(x, ind.unit, lang, per=ind.per)

    if ev.carried_forward and ev.target is not None and ev.latest is not None:
        out.append(why["carried"].format(target_year=ev.target.year, year=ev.latest.year))
    for year, verdict in ev.other_verdicts.items():
        target = ind.target_values.get(year)
        value = ind.values.get(verdict.measured) if verdict.measured is not None else None
        if value is None or target is None or verdict.measured is None:
            out.append(why["verdict_none"].format(year=year))
            continue
        said = why["verdict" if verdict.measured == year else "verdict_edition"].format(
            year=year,
            verdict=status_label(verdict.status, lang),
            value=v(value),
            target=v(target),
            measured=verdict.measured,
        )
        if verdict.within_chance:
            said = said[:-2] + why["verdict_chance"]  # inside the closing ")."
        out.append(said)
    if ev.within_chance and ev.chance is not None and ev.latest is not None:
        out.append(
            why["chance"].format(
                count=v(ev.latest.value),
                low=number(ev.chance.low, lang, places_to_tell(ev.chance.low, 0)),
                high=number(
                    ev.chance.high, lang, places_to_tell(ev.chance.high, ev.chance.compared)
                ),
                compared=v(ev.chance.compared),
            )
        )
    return out


def _why(entry: IndicatorEntry, lang: str) -> str:
    why = TEXTS[lang]["why"]
    ind, ev = entry.view, entry.evaluation
    status = ev.status

    def v(x: float) -> str:
        return value_text(x, ind.unit, lang, per=ind.per)

    if status == STALE and ev.latest is not None:
        key = STALE if ind.survey else "stale_yearly"
        return why[key].format(year=ev.latest.year, expected=ev.expected_year, survey=ind.survey)
    if status == NO_DATA and ev.no_edition and ev.target is not None and ind.editions:
        years = join_words([str(y) for y in ind.editions], lang)
        return why["no_edition"].format(survey=ind.survey, years=years, year=ev.target.year)
    if status in (ACHIEVED, NOT_ACHIEVED):
        return why[status].format(year=ev.latest.year if ev.latest else "")
    if status == NO_TARGET:
        return why[NO_TARGET]
    if status == NO_DATA:
        if ev.latest is None or ev.target is None:
            return why["none_yet"]
        return why["too_old"].format(year=ev.target.year)
    if ev.expected is not None and ev.baseline and ev.target and ev.latest:
        if meets(ev.baseline.value, ev.target.value, ind.direction, ind.tolerance, ind.unit):
            # Off track although the baseline met the target: a path "towards" the
            # target would lead away from it; the status rule comes down to meeting it.
            return why["baseline_met"].format(
                baseline=v(ev.baseline.value),
                baseline_year=ev.baseline.year,
                latest=v(ev.latest.value),
            )
        return why["pace"].format(
            baseline=v(ev.baseline.value),
            baseline_year=ev.baseline.year,
            target=v(ev.target.value),
            target_year=ev.target.year,
            year=ev.latest.year,
            expected=v(ev.expected),
            latest=v(ev.latest.value),
            verdict=why["as_good" if status == ON_TRACK else "worse"],
        )
    if status == ON_TRACK:
        return why["met"]
    return why["level" if ind.direction == "-/+" else "single"]


def status_label(status: str, lang: str, capital: bool = False) -> str:
    label = TEXTS[lang]["statuses"][status]
    return capitalized(label) if capital else label


def status_phrase(ev: Evaluation, lang: str) -> str:
    """The status as the overview shows it: "niet gehaald (binnen toeval)" when chance
    alone could make the difference."""
    label = status_label(ev.status, lang)
    return label + (f" ({TEXTS[lang]['within_chance']})" if ev.within_chance else "")


def capitalized(text: str) -> str:
    """The text with its first letter upper case (the rest as it is: "ivb", "BVH")."""
    return text[:1].upper() + text[1:]
