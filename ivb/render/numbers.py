"""Numbers as people read them: at most one decimal, halves rounded up, units shown.

Rounding happens here and only here: the maths in ``progress.py`` keeps full precision.
``decimal`` is the decimal mark: "." for English, "," for the Dutch report (30,8%);
``thousands`` the mark between groups of three digits, none unless asked for (the report
asks: 12.345,5 in Dutch, 12,345.5 in English; ``ivb status`` does not).
"""

from __future__ import annotations

import math


def fmt_number(value: float, decimal: str = ".", thousands: str = "") -> str:
    """116 -> "116", 13.5 -> "13.5", 12.25 -> "12.3": at most one decimal, halves up."""
    if isinstance(value, int):  # exact, however large
        whole, tenth, negative = abs(value), 0, value < 0
    else:
        tenths = math.floor(abs(value) * 10 + 0.5 + 1e-9)
        if tenths == 0:
            return "0"
        whole, tenth, negative = tenths // 10, tenths % 10, value < 0
    digits = f"{whole:,}".replace(",", thousands)
    return ("-" if negative else "") + digits + (f"{decimal}{tenth}" if tenth else "")


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


def fmt_value(
    value: float | None,
    unit: str,
    provisional: bool = False,
    decimal: str = ".",
    thousands: str = "",
    per: str | None = None,
) -> str:
    """A value with its unit and the mark of a provisional figure: "30.8%", "29.5 /1000",
    "98*", "29.5* /1000"; with ``per`` a rate as the report words it: "29,5 per 1.000 inwoners"."""
    if value is None:
        return "–"
    mark = "*" if provisional else ""
    number = fmt_number(value, decimal, thousands)
    if unit.startswith("per "):  # the mark goes with the number, not with "inwoners"
        return number + mark + unit_mark(unit, per, thousands)
    return number + unit_mark(unit, per, thousands) + mark


def fmt_distance(distance: float | None, unit: str) -> str:
    if distance is None:
        return ""
    text = fmt_number(distance)
    sign = "+" if text != "0" and not text.startswith("-") else ""
    return sign + text + (" pp" if unit == "percent" else "")


def fmt_progress(progress: float | None) -> str:
    """A share as a whole percentage, halves away from zero: -0.375 -> "-38%"."""
    if progress is None:
        return ""
    whole = math.floor(abs(progress) * 100 + 0.5 + 1e-9)
    return f"{'-' if progress < 0 and whole else ''}{whole}%"
