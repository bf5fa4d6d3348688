"""What ``ivb add-measurement`` recorded, and where the indicator now stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records.measure import describe
from .common import STATUS_LABELS
from .numbers import fmt_distance, fmt_value, places_to_tell

if TYPE_CHECKING:
    from ..records.measure import Recorded

_BOUNDS = {"-": "a ceiling of", "+": "a floor of", "-/+": "a level to hold of"}


def recorded_text(rec: Recorded) -> str:
    """What ``add-measurement`` recorded and where the indicator now stands, as ``ivb
    status`` would show it, in two or three plain lines."""
    ind, ev = rec.indicator, rec.evaluation
    unit = ind.unit
    verb = "Recorded" if rec.written else "Would record"
    lines = [f"{verb} {ind.id} {rec.year}: {describe(rec.entry, unit)} in {rec.path}."]
    if rec.replaced is not None:
        lines.append(f"It replaces {describe(rec.replaced, unit)}, now kept under history.")
    if ev.target is None or ev.latest is None:
        lines.append(f"{ind.name}: {STATUS_LABELS[ev.status]}.")
    else:
        places = places_to_tell(ev.latest.value, ev.target.value)
        latest = f"{fmt_value(ev.latest.value, unit, places=places)} in {ev.latest.year}"
        where = f"{_BOUNDS[ind.direction]} {fmt_value(ev.target.value, unit, places=places)}"
        distance = fmt_distance(ev.distance, unit)
        lines.append(
            f"{ind.name} now: {latest}, against {where} for {ev.target.year}: "
            f"{STATUS_LABELS[ev.status]}" + (f" (distance {distance})" if distance else "") + "."
        )
    return "\n".join(lines) + "\n"
