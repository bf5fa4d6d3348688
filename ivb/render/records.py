"""What ``ivb add-measurement`` recorded, and where the indicator now stands; what ``ivb
set-target`` set; what ``ivb explain`` recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..records.measure import describe
from ..text import excerpt
from .common import status_words
from .numbers import fmt_distance, fmt_value, places_to_tell

if TYPE_CHECKING:
    from ..records.explain import Explained
    from ..records.measure import Recorded
    from ..records.targets import TargetSet

_BOUNDS = {"-": N_("a ceiling of"), "+": N_("a floor of"), "-/+": N_("a level to hold of")}


def recorded_text(rec: Recorded) -> str:
    """What ``add-measurement`` recorded and where the indicator now stands, as ``ivb
    status`` would show it, in two or three plain lines."""
    ind, ev = rec.indicator, rec.evaluation
    unit = ind.unit
    done = (
        _("Recorded {indicator} {year}: {value} in {file}.")
        if rec.written
        else _("Would record {indicator} {year}: {value} in {file}.")
    )
    lines = [
        done.format(indicator=ind.id, year=rec.year, value=describe(rec.entry, unit), file=rec.path)
    ]
    if rec.replaced is not None:
        lines.append(
            _("It replaces {value}, now kept under history.").format(
                value=describe(rec.replaced, unit)
            )
        )
    if ev.target is None or ev.latest is None:
        lines.append(f"{ind.name}: {status_words(ev)}.")
    else:
        places = places_to_tell(ev.latest.value, ev.target.value)
        distance = fmt_distance(ev.distance, unit)
        now = (
            _(
                "{name} now: {latest} in {year}, against {bound} {target} for {target_year}: "
                "{status} (distance {distance})."
            )
            if distance
            else _(
                "{name} now: {latest} in {year}, against {bound} {target} for {target_year}: "
                "{status}."
            )
        )
        lines.append(
            now.format(
                name=ind.name,
                latest=fmt_value(ev.latest.value, unit, places=places),
                year=ev.latest.year,
                bound=_(_BOUNDS[ind.direction]),
                target=fmt_value(ev.target.value, unit, places=places),
                target_year=ev.target.year,
                status=status_words(ev),
                distance=distance,
            )
        )
    return "\n".join(lines) + "\n"


_KINDS = {"-": N_("ceiling"), "+": N_("floor"), "-/+": N_("level to hold")}


def target_set_text(done: TargetSet) -> str:
    """What ``set-target`` set (or, in a dry run, would set) and where, in a line or two:
    the value exactly as recorded, with the kind of target its direction makes it."""
    ind = done.indicator
    if done.plan is None:
        line = (
            _("Set the target of {indicator} for {year}: {value} ({kind}) in {file}.")
            if done.written
            else _("Would set the target of {indicator} for {year}: {value} ({kind}) in {file}.")
        )
    else:
        line = (
            _("Set the target of {indicator} for {year}: {value} ({kind}) in {file} (plan {plan}).")
            if done.written
            else _(
                "Would set the target of {indicator} for {year}: {value} ({kind}) in {file} "
                "(plan {plan})."
            )
        )
    lines = [
        line.format(
            indicator=ind.id,
            year=done.year,
            value=describe(done.value, ind.unit),
            kind=_(_KINDS[ind.direction]),
            file=done.path,
            plan=done.plan,
        )
    ]
    if done.filled:
        lines.append(
            _('{year} had no target value (null, the policy plan\'s "-").').format(year=done.year)
        )
    return "\n".join(lines) + "\n"


def target_warnings_text(done: TargetSet) -> str:
    """What ``validate`` now warns of the target (a looser one), as it words it."""
    return "".join(f"ivb: warning: {w} (target-looser)\n" for w in done.warnings)


def explained_text(done: Explained) -> str:
    """What ``explain`` recorded (or, in a dry run, would record) and where, and the
    explanation it replaced."""
    where = (
        _("the note of its {year} measurement").format(year=done.year)
        if done.in_note
        else _("explanations")
    )
    line = (
        _("Recorded the explanation of {indicator} for {year} in {file} ({where}).")
        if done.written
        else _("Would record the explanation of {indicator} for {year} in {file} ({where}).")
    )
    lines = [line.format(indicator=done.indicator, year=done.year, file=done.path, where=where)]
    if done.replaced is not None:
        lines.append(_("It replaces {text}.").format(text=excerpt(done.replaced)))
    return "\n".join(lines) + "\n"
