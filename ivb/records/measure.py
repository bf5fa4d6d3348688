"""``ivb add-measurement``: record a yearly value with its provenance, touching nothing else.

The steps, all under the data folder's write lock: read ``indicators.yaml``; check the
request (the indicator exists, the value fits its unit, the year is plausible, an existing
value is only replaced on request); edit the text where the node tree says the value
belongs; read the edited text back and check that exactly the intended change was made;
validate the whole data set with the change, in memory; only then write, atomically.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..checks.values import breakdown_problems
from ..data import edit
from ..data.change import broken, change_file
from ..data.store import Document
from ..i18n import N_, _
from ..layout import INDICATORS, check_data_dir, data_file_paths
from ..models import RATE_UNITS, Indicator
from ..problems import IvbError, Unchanged, closest
from ..progress import Evaluation
from ..status.judge import data_year, evaluate_indicator
from ..status.view import build_view
from ..text import excerpt, typed_text
from .numbers import parse_value


@dataclass(frozen=True)
class Request:
    """What the coordinator asked to record."""

    indicator: str
    year: int
    value: str  # as typed: checked against the indicator's unit
    source: str | None = None
    received: dt.date | None = None
    note: str | None = None
    provisional: bool = False
    breakdown: tuple[str, ...] = ()  # "breakdown.category=value"
    replace: bool = False
    any_year: bool = False


@dataclass(frozen=True)
class Recorded:
    """What was (or, in a dry run, would be) recorded, and where the indicator stands."""

    path: Path
    indicator: Indicator  # as it is with the value recorded
    year: int
    entry: Any  # the new YAML value: a number, or a mapping with value and provenance
    replaced: Any  # the value it replaced, or None
    diff: str
    written: bool
    evaluation: Evaluation


def _breakdown(items: tuple[str, ...], unit: str) -> dict[str, dict[str, int | float]]:
    """``geslacht.jongens=15`` options as ``{"geslacht": {"jongens": 15}}``."""
    out: dict[str, dict[str, int | float]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        breakdown, dot, category = name.strip().partition(".")
        if not (sep and dot and breakdown and category):
            raise IvbError(
                _(
                    "--breakdown {item!r}: write BREAKDOWN.CATEGORY=VALUE, such as "
                    "geslacht.jongens=15"
                ).format(item=item)
            )
        typed_text("--breakdown", name)  # the names go into the data file
        if category in out.get(breakdown, {}):
            raise IvbError(_("--breakdown {name!r} is given twice").format(name=name.strip()))
        what = _("--breakdown {name!r}: the value").format(name=name.strip())
        out.setdefault(breakdown, {})[category] = parse_value(value, unit, what)
    return out


def add_measurement(
    data_dir: Path,
    request: Request,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Recorded:
    """Record ``request`` in ``data_dir`` (see the module's docstring); raises ``IvbError``
    (or ``DataProblems``) with the reason when it is refused, having written nothing."""
    check_data_dir(data_dir)
    path = data_file_paths(data_dir)[0]
    today = today or dt.date.today()
    planned: dict[str, Any] = {}

    def make(doc: Document, source: edit.Source) -> tuple[str, Any]:
        raw = _find(doc, request.indicator, data_dir)
        entry, replaced = _plan(raw, as_model(raw, data_dir), request, today)
        planned.update(entry=entry, replaced=replaced)
        new_text = edit_measurement(source, doc, request, entry, replaced, today)
        return new_text, with_measurement(doc.data, request, entry, replaced, today)

    changed = change_file(data_dir, INDICATORS, path, make, dry_run=dry_run, on_wait=on_wait)
    new = next(i for i in changed.dataset.indicators.indicators if i.id == request.indicator)
    view = build_view(changed.dataset)  # where it now stands, as `ivb status` says
    # As of the data's year, or of the year just recorded when that is later (a figure
    # after the policy's last year): the confirmation speaks of the figure given.
    year = max(data_year(view, None) or request.year, request.year)
    evaluation = evaluate_indicator(view.indicators[new.id], year, year)
    return Recorded(
        path,
        new,
        request.year,
        planned["entry"],
        planned["replaced"],
        changed.diff,
        not dry_run,
        evaluation,
    )


def _find(doc: Document, ident: str, data_dir: Path) -> dict[str, Any]:
    indicators = doc.data.get("indicators") if isinstance(doc.data, dict) else None
    if not isinstance(indicators, list):
        raise broken(data_dir)
    for ind in indicators:
        if isinstance(ind, dict) and ind.get("id") == ident:
            return ind
    known = [i["id"] for i in indicators if isinstance(i, dict) and isinstance(i.get("id"), str)]
    close = closest(ident, known)
    raise IvbError(no_indicator(ident, close))


def no_indicator(ident: str, close: list[str]) -> str:
    """The refusal of an indicator id that does not exist, with the closest ids."""
    if close:
        return _("there is no indicator {ident!r}; did you mean {ids}?").format(
            ident=ident, ids=_(" or ").join(close)
        )
    return _("there is no indicator {ident!r}; `ivb status --format csv` lists the ids").format(
        ident=ident
    )


def as_model(raw: dict[str, Any], data_dir: Path) -> Indicator:
    """An indicator of the file as read, as the model the rules take."""
    try:
        return Indicator.model_validate(raw)
    except ValidationError:  # the data has errors: say which, as for any other
        raise broken(data_dir) from None


def _plan(
    raw: dict[str, Any], indicator: Indicator, request: Request, today: dt.date
) -> tuple[Any, Any]:
    """The new entry for the year, and the entry as written that it replaces (None when
    none)."""
    entry = new_entry(indicator, request, today)
    existing = (raw.get("measurements") or {}).get(request.year)
    unit = indicator.unit
    if existing is not None and existing == entry:  # a second run of the same command
        raise Unchanged(
            _("{indicator!r} {year} is already recorded as {entry}; nothing changed.").format(
                indicator=request.indicator, year=request.year, entry=describe(existing, unit)
            )
        )
    explained = indicator.explanations.get(request.year)
    if request.note is not None and explained is not None:
        # One explanation a year (explanation-twice): the note would be a second one.
        raise IvbError(
            _(
                "{indicator!r} already has an explanation for {year} in its explanations: "
                "{explanation}; record the figure without --note, and change the explanation "
                "with `ivb explain {indicator} {year} TEXT --replace`"
            ).format(indicator=request.indicator, year=request.year, explanation=excerpt(explained))
        )
    if existing is not None and not request.replace:
        raise IvbError(
            _(
                "{indicator!r} already has a value for {year}: {entry}; use --replace to "
                "replace it (the old value is kept in the indicator's history)"
            ).format(indicator=request.indicator, year=request.year, entry=describe(existing, unit))
        )
    return entry, existing


def new_entry(indicator: Indicator, request: Request, today: dt.date) -> Any:
    """The entry ``request`` records for its year (the value, or a mapping with the value
    and its provenance), checked against the indicator's unit, years and breakdowns by the
    rules of ``ivb validate``."""
    unit = indicator.unit
    value = parse_value(request.value, unit)
    first = min(indicator.measurements, default=None)
    if not request.any_year:
        if first is not None and request.year < first:
            raise IvbError(
                _(
                    "{year} lies before the first year of {indicator!r} ({first}); use "
                    "--any-year if you mean it"
                ).format(year=request.year, indicator=request.indicator, first=first)
            )
        if request.year > today.year:
            raise IvbError(
                _("{year} lies in the future; use --any-year if you mean it").format(
                    year=request.year
                )
            )
    if request.received is not None and not (
        dt.date(request.year, 1, 1) <= request.received <= today
    ):
        raise IvbError(
            _(
                "--received {received}: a figure for {year} is received between 1 January "
                "{year} and today"
            ).format(received=request.received, year=request.year)
        )
    breakdown = _breakdown(request.breakdown, unit)
    for _code, place, message in breakdown_problems(indicator, request.year, value, breakdown):
        raise IvbError(f"--breakdown {'.'.join(place)!r}: {message}")
    fields: dict[str, Any] = {"value": value}
    optional = {
        "source": typed_text("--source", request.source),
        "received": request.received,
        "provisional": request.provisional or None,
        "note": typed_text("--note", request.note),
        "breakdown": breakdown or None,
    }
    fields.update({k: v for k, v in optional.items() if v is not None})
    return value if len(fields) == 1 else fields


# The fields of an entry as ``describe`` names them.
_LABELS = {"source": N_("source"), "received": N_("received"), "note": N_("note")}


def describe(entry: Any, unit: str = "count") -> str:
    """A year's entry in words: ``98 (source: ...; provisional; geslacht: jongens 15, ...)``,
    its value exactly as recorded."""
    fields = entry if isinstance(entry, dict) else {"value": entry}
    mark = "%" if unit == "percent" else f" /{unit[4:]}" if unit in RATE_UNITS else ""
    value = f"{fields.get('value')}{mark}"
    extra = [f"{_(label)}: {fields[k]}" for k, label in _LABELS.items() if k in fields]
    if fields.get("provisional"):
        extra.append(_("provisional"))
    for bd, cats in (fields.get("breakdown") or {}).items():
        if isinstance(cats, dict):
            extra.append(f"{bd}: " + ", ".join(f"{c} {v}" for c, v in cats.items()))
    return value + (f" ({'; '.join(extra)})" if extra else "")


def _history_item(request: Request, replaced: Any, today: dt.date) -> dict[str, Any]:
    old = replaced if isinstance(replaced, dict) else {"value": replaced}
    return {"year": request.year, **old, "replaced": today}


def edit_measurement(
    source: edit.Source, doc: Document, request: Request, entry: Any, replaced: Any, today: dt.date
) -> str:
    """The file's text with ``entry`` recorded for the request's year, and the value it
    replaces (if any) moved into the indicator's history with its comments."""
    changes = measurement_changes(source, doc, request, entry, replaced, today)
    return edit.apply(source.text, changes)


def measurement_changes(
    source: edit.Source, doc: Document, request: Request, entry: Any, replaced: Any, today: dt.date
) -> list[edit.Change]:
    """The text changes of ``edit_measurement``: they touch only the request's indicator, so
    those of different indicators apply together."""
    root = doc.root
    item = edit.find_item(edit.value_of(root, "indicators"), request.indicator)
    editor = edit.Editor(source, edit.indent_step(item), edit.sequence_indent(root))
    measurements = edit.entry(item, "measurements")
    comments = []
    if replaced is not None and measurements is not None:
        # The replaced value's comments go with it into the history, where they still hold.
        comments = editor.comments_of(measurements[1], request.year)
    editor.add_to_mapping_value(
        item,
        "measurements",
        request.year,
        entry,
        order=request.year,
        keep_comment=replaced is None,
    )
    if replaced is not None:
        editor.append_to_sequence(
            item, "history", _history_item(request, replaced, today), comments
        )
    return editor.changes


def with_measurement(data: Any, request: Request, entry: Any, replaced: Any, today: dt.date) -> Any:
    """A copy of the file's data as ``edit_measurement``'s text must read back."""
    expected = copy.deepcopy(data)
    record_measurement(expected, request, entry, replaced, today)
    return expected


def record_measurement(
    data: Any, request: Request, entry: Any, replaced: Any, today: dt.date
) -> None:
    """Record ``entry`` in the file's data itself, as ``with_measurement`` does in a copy."""
    ind = next(
        i for i in data["indicators"] if isinstance(i, dict) and i.get("id") == request.indicator
    )
    if not isinstance(ind.get("measurements"), dict):
        ind["measurements"] = {}
    ind["measurements"][request.year] = entry
    if replaced is not None:
        if not isinstance(ind.get("history"), list):
            ind["history"] = []
        ind["history"].append(_history_item(request, replaced, today))
