"""Numbers as a coordinator types them: ``98``, ``13,5``, ``13.5%``. ``parse_value`` reads
every value typed on the command line (add-measurement's VALUE and its ``--breakdown``
values, set-target's VALUE), so each command takes and refuses the same things, in the
same words.

A Dutch user writes decimals with a comma (``1,5``), an English one with a point (``1.5``):
both are read as decimals. A separator that may separate thousands is never guessed at:

- ``1.225`` or ``1,225`` (one to three digits, one separator, three digits:
  ``checks.values.thousands_reading``) reads as 1225 to one user and as 1.225 to another.
  Where 1225 is a possible value (a count, a rate) it is refused, naming both and what to
  type; where it is not (a percent is at most 100) the separator can only be a decimal one.
- ``1.225.000``, ``12.345,6``, ``12,345.6`` and ``1 225`` do separate thousands: refused,
  with the number to type without the separator.

What the number must be (whole, at most two decimals, between 0 and 100...) is the unit's
rule, ``checks.values.unit_problem``, the one ``ivb validate`` applies.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal

from ..checks.values import thousands_reading, unit_problem
from ..i18n import N_, _
from ..models import RATE_UNITS
from ..problems import IvbError

# The end of a refusal of what is no number of the unit ("the value 'abc' is not a count: ...").
PERCENT_FORM = N_(
    "{said} is not a percentage: write a number from 0 to 100, such as 13, 13,5, 13.5 or 13%"
)
RATE_FORM = N_(
    "{said} is not a rate ({unit}): write a number of 0 or more, such as 29, 29,5 or 29.5"
)
COUNT_FORM = N_("{said} is not a count: write a whole number such as 98")

# One number, its decimals after a comma or a point. A sign lets -1 reach the unit's rule
# "0 or more"; "+5" is no value (it reads as "5 more").
_PLAIN = re.compile(r"(?P<whole>-?[0-9]+)(?:(?P<sep>[.,])(?P<frac>[0-9]+))?\Z")
_SPACES = " \u00a0\u202f"  # a space, a no-break space and a narrow one (as Excel copies)
# Thousands separated, then perhaps decimals with the other separator: 1.225.000, 12.345,6,
# 12,345.6, 1 225 (the separator, the decimal separators it allows).
_GROUPED = {
    sep: re.compile(
        rf"-?[1-9][0-9]{{0,2}}(?:{re.escape(sep)}[0-9]{{3}})+"
        rf"(?:(?P<sep>[{re.escape(dec)}])(?P<frac>[0-9]+))?\Z"
    )
    for sep, dec in [(".", ","), (",", "."), *((s, ".,") for s in _SPACES)]
}
_SEPARATOR_NAMES = {
    ".": N_("a point"),
    ",": N_("a comma"),
    **dict.fromkeys(_SPACES, N_("a space")),
}


def parse_value(text: str, unit: str, what: str | None = None) -> int | float:
    """A value typed on the command line, as the number it means in ``unit``; refused
    (``IvbError``) with what was typed, what it could mean and what to type.

    Accepted: a count ``98``; a percent ``13``, ``13,5``, ``13.5``, ``13,5%``; a rate ``29``,
    ``29,5`` or ``29.5``; a whole number stays whole (``13,0`` is 13). Refused: ``1.225`` or
    ``1,225`` for a count or a rate (1225 or 1.225?), ``1.225.000``, ``12.345,6`` and ``1 225``
    (thousands separated), ``1,5`` for a count, a value the unit's rule refuses (``-1``,
    ``101`` percent, ``1,225`` percent: three decimals), ``nan``, ``inf``, ``1e309``, ``abc``,
    digits other than 0-9 and "". ``what`` names the value in messages ("the value").
    """
    what = _("the value") if what is None else what
    typed = text.strip()
    if not typed:
        raise IvbError(_("{what} is empty; give a number").format(what=what))
    shown = text if len(text) <= 24 else text[:20] + "..."  # as messages show it
    said = f"{what} {shown!r}"
    if any(c.isdigit() and not c.isascii() for c in typed):
        raise IvbError(
            _("{said} is written with other digits than 0-9; type it with 0-9").format(said=said)
        )
    if unit == "percent":
        number = typed[:-1].strip() if typed.endswith("%") else typed
        form = _(PERCENT_FORM)
    elif unit in RATE_UNITS:
        number, form = typed, _(RATE_FORM)
    else:
        if typed.endswith("%"):
            raise IvbError(_("{said}: this indicator counts; a count has no %").format(said=said))
        number, form = typed, _(COUNT_FORM)
    plain = _PLAIN.match(number)
    if plain is None:
        _refuse_grouped(number, unit, said)
        raise IvbError(form.format(said=said, unit=unit))
    thousands = thousands_reading(number)
    if thousands is not None:
        _refuse_ambiguous(number, thousands, unit, said)
    value = _number(plain, unit, said)
    problem = unit_problem(value, unit)
    if problem is not None:
        rounded = _rounded(value, unit, plain["sep"])
        if rounded:
            raise IvbError(
                _("{said} {problem}; round it to two decimals: {rounded}").format(
                    said=said, problem=problem[1], rounded=rounded
                )
            )
        raise IvbError(f"{said} {problem[1]}")
    return value


def _number(plain: re.Match[str], unit: str, said: str) -> int | float:
    """The number a plain value (``-?digits``, perhaps decimals) is; a count has none."""
    whole, frac = plain["whole"], plain["frac"]
    if unit not in RATE_UNITS and unit != "percent":
        if frac is not None or whole.startswith("-") and not whole.strip("-0"):
            raise IvbError(_(COUNT_FORM).format(said=said))  # -0 is no count either
        try:
            return int(whole)
        except ValueError:  # more digits than Python reads (4,300): more than any count
            return math.inf
    value = float(f"{whole}.{frac}" if frac else whole)
    if not math.isfinite(value):  # more digits than a float holds: more than any value
        return math.inf
    if abs(value) >= 1e15:  # past any value: kept a float, so messages show it short
        return value
    return int(value) if value == int(value) else value


def _refuse_ambiguous(number: str, thousands: int, unit: str, said: str) -> None:
    """Refuse ``1.225`` or ``1,225`` where 1225 is a possible value of ``unit`` (a count, a
    rate): the one user means 1225, the other 1.225, and ivb cannot tell which."""
    if unit_problem(thousands, unit) is not None:
        return  # 1225 is no percent: the separator can only be a decimal one
    sep = number[-4]
    meanings = _(
        "{said} could mean {thousands} (with a thousands separator) or {number} (with decimals)"
    ).format(said=said, thousands=thousands, number=number)
    if unit not in RATE_UNITS:
        raise IvbError(
            _("{meanings}; a count is a whole number: write {thousands}").format(
                meanings=meanings, thousands=thousands
            )
        )
    decimal = float(number.replace(",", "."))
    problem = unit_problem(decimal, unit)
    if problem is None:
        raise IvbError(
            _("{meanings}: write {thousands} or {decimal}").format(
                meanings=meanings, thousands=thousands, decimal=_shown(decimal, sep)
            )
        )
    rounded = _rounded(decimal, unit, sep)
    if rounded:
        raise IvbError(
            _(
                "{meanings}; read as decimals it {problem}; write {thousands}, or round it to "
                "two decimals: {rounded}"
            ).format(meanings=meanings, problem=problem[1], thousands=thousands, rounded=rounded)
        )
    raise IvbError(
        _("{meanings}; read as decimals it {problem}; write {thousands}").format(
            meanings=meanings, problem=problem[1], thousands=thousands
        )
    )


def _refuse_grouped(number: str, unit: str, said: str) -> None:
    """Refuse a number whose thousands are separated (``1.225.000``, ``12.345,6``,
    ``1 225``), with the number to type; a value is typed without such separators."""
    for sep, grouped in _GROUPED.items():
        found = grouped.match(number)
        if found is None:
            continue
        whole = number[: found.start("sep")] if found["sep"] else number
        digits = whole.replace(sep, "")
        typed = f"{digits}{found['sep']}{found['frac']}" if found["sep"] else digits
        value = float(f"{digits}.{found['frac']}") if found["sep"] else int(digits)
        name = _(_SEPARATOR_NAMES[sep])
        problem = unit_problem(value, unit)
        if problem is None:
            raise IvbError(
                _("{said} separates thousands with {separator}; write it without: {typed}").format(
                    said=said, separator=name, typed=typed
                )
            )
        raise IvbError(
            _("{said} separates thousands with {separator}; without it, it {problem}").format(
                said=said, separator=name, problem=problem[1]
            )
        )


def _rounded(value: float, unit: str, sep: str | None) -> str | None:
    """``value`` rounded to two decimals (``1,23``, in the separator the user typed) when
    the unit's rule refuses it only for its decimals; None otherwise."""
    if isinstance(value, int) or not math.isfinite(value) or unit_problem(value, unit) is None:
        return None
    exact = Decimal(repr(value))  # 1.225 as typed, not the float just below it
    # Precision enough for any float's digits (up to 1e308), so no value is too large.
    rounded = float(exact.quantize(Decimal("0.01"), ROUND_HALF_UP, Context(prec=400)))
    if unit_problem(rounded, unit) is not None:
        return None
    return _shown(rounded, sep or ".")


def _shown(value: float, sep: str) -> str:
    """``value`` written short (``1.5``, ``12``), with ``sep`` as its decimal separator."""
    text = str(int(value)) if value == int(value) else repr(value)
    return text.replace(".", sep)
