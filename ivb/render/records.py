"""What ``ivb add-measurement`` recorded, and where the indicator now stands; what ``ivb
set-target`` set; what ``ivb explain`` recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records.measure import describe
from ..text import excerpt
from .common import status_words
from .numbers import fmt_distance, fmt_value, places_to_tell

if TYPE_CHECKING:
    from ..records.explain import Explained
    from ..records.measure import Recorded
    from ..records.targets import TargetSet

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
        lines.append(f"{ind.name}: {status_words(ev)}.")
    else:
        places = places_to_tell(ev.latest.value, ev.target.value)
        latest = f"{fmt_value(ev.latest.value, unit, places=places)} in {ev.latest.year}"
        where = f"{_BOUNDS[ind.direction]} {fmt_value(ev.target.value, unit, places=places)}"
        distance = fmt_distance(ev.distance, unit)
        lines.append(
            f"{ind.name} now: {latest}, against {where} for {ev.target.year}: "
            f"{status_words(ev)}" + (f" (distance {distance})" if distance else "") + "."
        )
    return "\n".join(lines) + "\n"


_KINDS = {"-": "ceiling", "+": "floor", "-/+": "level to hold"}


def target_set_text(done: TargetSet) -> str:
    """What ``set-target`` set (or, in a dry run, would set) and where, in a line or two:
    the value exactly as recorded, with the kind of target its direction makes it."""
    ind = done.indicator
    verb = "Set" if done.written else "Would set"
    plan = f" (plan {done.plan})" if done.plan is not None else ""
    lines = [
        f"{verb} the target of {ind.id} for {done.year}: {describe(done.value, ind.unit)} "
        f"({_KINDS[ind.direction]}) in {done.path}{plan}."
    ]
    if done.filled:
        lines.append(f'{done.year} had no target value (null, the policy plan\'s "-").')
    return "\n".join(lines) + "\n"


def target_warnings_text(done: TargetSet) -> str:
    """What ``validate`` now warns of the target (a looser one), as it words it."""
    return "".join(f"ivb: warning: {w} (target-looser)\n" for w in done.warnings)


def explained_text(done: Explained) -> str:
    """What ``explain`` recorded (or, in a dry run, would record) and where, and the
    explanation it replaced."""
    where = f"the note of its {done.year} measurement" if done.in_note else "explanations"
    verb = "Recorded" if done.written else "Would record"
    lines = [
        f"{verb} the explanation of {done.indicator} for {done.year} in {done.path} ({where})."
    ]
    if done.replaced is not None:
        lines.append(f"It replaces {excerpt(done.replaced)}.")
    return "\n".join(lines) + "\n"
