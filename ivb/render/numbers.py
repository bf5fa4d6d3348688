"""Numbers as people read them: at most one decimal, halves rounded up, units shown;
more decimals only where one would hide the difference that decides a verdict (8.04%
against a ceiling of 8%: ``places_to_tell``).

Rounding happens here and only here: the maths in ``progress.py`` keeps full precision.
``decimal`` is the decimal mark: "." in English, "," in Dutch (30,8%), by default that of
the language in use (``NUMBER_MARKS``); ``thousands`` the mark between groups of three
digits, none unless asked for (the report asks: 12.345,5 in Dutch, 12,345.5 in English;
``ivb status`` does not).
"""

from __future__ import annotations

import math
from typing import Any

from ..i18n import language

# How each language writes a number: its decimal mark and the mark that groups thousands.
NUMBER_MARKS = {"nl": {"decimal": ",", "thousands": "."}, "en": {"decimal": ".", "thousands": ","}}


def decimal_mark() -> str:
    """The decimal mark of the language in use: "," in Dutch, "." in English."""
    return NUMBER_MARKS[language()]["decimal"]


def fmt_number(
    value: float, decimal: str | None = None, thousands: str = "", places: int = 1
) -> str:
    """116 -> "116", 13.5 -> "13.5" (Dutch "13,5"), 12.25 -> "12.3": at most ``places``
    decimals, halves up, no trailing zeros; ``decimal`` by default the language's."""
    if decimal is None:
        decimal = decimal_mark()
    if isinstance(value, int):  # exact, however large
        whole, fraction, negative = abs(value), "", value < 0
    else:
        scale = 10**places
        units = math.floor(abs(value) * scale + 0.5 + 1e-9)
        if units == 0:
            return "0"
        whole, rest = divmod(units, scale)
        fraction, negative = f"{rest:0{places}d}".rstrip("0"), value < 0
    digits = f"{whole:,}".replace(",", thousands)
    return ("-" if negative else "") + digits + (f"{decimal}{fraction}" if fraction else "")


def full_number(value: float, decimal: str = ".") -> str:
    """A number in full, as a spreadsheet cell takes it: every digit it has, never an
    exponent (``1e-05`` is ``0.00001``), no thousands mark; ``decimal`` is the decimal
    mark ("," for Dutch Excel: 0,956730769)."""
    if isinstance(value, int):
        return str(value)
    from decimal import Decimal  # only the Dutch csv needs it

    return format(Decimal(repr(value)), "f").replace(".", decimal)


def places_to_tell(a: float, b: float) -> int:
    """The decimals (one at least, four at most) at which two different numbers also read
    differently: 8.04 and 8 need two, so that "8.04% against a ceiling of 8%" shows why it
    is not achieved."""
    places = 1
    while (
        places < 4
        and a != b
        and fmt_number(a, ".", places=places) == fmt_number(b, ".", places=places)
    ):
        places += 1
    return places


def unit_mark(unit: str, per: str | None = None, thousands: str = "") -> str:
    """What follows a value of ``unit``: "%" for a percent; for a rate " /1000" (the
    terminal), or with what it is per " per 1.000 inwoners" (the report, whose
    ``thousands`` mark the base takes); nothing for a count."""
    if unit == "percent":
        return "%"
    if not unit.startswith("per "):
        return ""
    base = unit[4:]
    if per is None:
        return f" /{base}"
    return f" per {fmt_number(int(base), thousands=thousands or ',')} {per}"


def places_for(ev: Any) -> int:
    """The decimals to show an evaluation's values with: those that tell its latest value
    from its target (``places_to_tell``), for every value shown beside the verdict."""
    if ev.latest is None or ev.target is None:
        return 1
    return places_to_tell(ev.latest.value, ev.target.value)


def fmt_value(
    value: float | None,
    unit: str,
    provisional: bool = False,
    decimal: str | None = None,
    thousands: str = "",
    per: str | None = None,
    places: int = 1,
) -> str:
    """A value with its unit and the mark of a provisional figure: "30.8%", "29.5 /1000",
    "98*", "29.5* /1000"; with ``per`` a rate as the report words it: "29,5 per 1.000 inwoners"."""
    if value is None:
        return "–"
    mark = "*" if provisional else ""
    number = fmt_number(value, decimal, thousands, places)
    if unit.startswith("per "):  # the mark goes with the number, not with "inwoners"
        return number + mark + unit_mark(unit, per, thousands)
    return number + unit_mark(unit, per, thousands) + mark


def fmt_distance(distance: float | None, unit: str) -> str:
    """A distance with its sign, with the language's decimal mark; never "0" for one that
    is not 0 (+0.04 pp)."""
    if distance is None:
        return ""
    text = fmt_number(distance, places=places_to_tell(distance, 0))
    sign = "+" if text != "0" and not text.startswith("-") else ""
    return sign + text + (" pp" if unit == "percent" else "")


def fmt_progress(progress: float | None) -> str:
    """A share as a whole percentage, halves away from zero: -0.375 -> "-38%"."""
    if progress is None:
        return ""
    whole = math.floor(abs(progress) * 100 + 0.5 + 1e-9)
    return f"{'-' if progress < 0 and whole else ''}{whole}%"
