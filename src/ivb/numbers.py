"""Numbers as people read them: at most one decimal, halves rounded up, units shown.

Rounding happens here and only here: the maths in ``progress.py`` keeps full precision.
``decimal`` is the decimal mark: "." for English, "," for the Dutch report (30,8%).
"""

from __future__ import annotations

import math


def fmt_number(value: float, decimal: str = ".") -> str:
    """116 -> "116", 13.5 -> "13.5", 12.25 -> "12.3": at most one decimal, halves up."""
    if isinstance(value, int):  # exact, however large
        return str(value)
    tenths = math.floor(abs(value) * 10 + 0.5 + 1e-9) * (1 if value >= 0 else -1)
    if tenths == 0:
        return "0"
    text = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    return text.replace(".", decimal)


def fmt_value(value: float | None, unit: str, provisional: bool = False, decimal: str = ".") -> str:
    if value is None:
        return "–"
    mark = "*" if provisional else ""
    return fmt_number(value, decimal) + ("%" if unit == "percent" else "") + mark


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
