"""``ivb explain``: record the explanation ("toelichting") of an indicator's figure for a
year, touching nothing else.

A year's explanation is its measurement's note (``add-measurement --note``), else the
indicator's ``explanations`` entry for the year (``models.explanation``, the one rule).
``ivb explain`` writes it where the year's explanation already is: the note of the year's
measurement when it has one, else ``explanations``, so that a year never has two
(``explanation-twice``). An explanation already given is only replaced on request.

The steps are set-target's, under the data folder's write lock
(``data.change.change_file``): read the data set; check the request (the indicator, the
year against the policy's period, the text, the explanation the year already has); edit
the file's text where the node tree says the explanation belongs; read it back; validate
the whole data set with the change; only then write, atomically.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data import edit
from ..data.change import BROKEN, change_file
from ..data.load import load_dataset
from ..data.store import Document
from ..i18n import _
from ..layout import INDICATORS, check_data_dir, fixed_files
from ..models import explanation
from ..problems import IvbError, Unchanged
from ..text import excerpt, typed_text
from .targets import check_policy_year, find_indicator


@dataclass(frozen=True)
class ExplainRequest:
    """The explanation the coordinator asked to record."""

    indicator: str
    year: int
    text: str
    replace: bool = False  # replace an explanation the year already has


@dataclass(frozen=True)
class Explained:
    """What was (or, in a dry run, would be) recorded."""

    path: Path
    indicator: str
    year: int
    text: str
    in_note: bool  # written as the note of the year's measurement, not in ``explanations``
    replaced: str | None  # the explanation it replaced
    diff: str
    written: bool


def explain(
    data_dir: Path,
    request: ExplainRequest,
    *,
    dry_run: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> Explained:
    """Record ``request`` in ``data_dir`` (see the module's docstring); raises ``IvbError``
    (``Unchanged`` when the year already has this very explanation, ``DataProblems`` for
    data with errors) having written nothing."""
    check_data_dir(data_dir)
    if not request.text.strip():
        raise IvbError(_("TEXT is empty; give the explanation of the figure"))
    text = typed_text(_("TEXT"), request.text) or ""
    path = fixed_files(data_dir)[INDICATORS]
    seen: dict[str, Any] = {}

    def make(doc: Document, source: edit.Source) -> tuple[str, Any]:
        loaded = load_dataset(data_dir)  # under the lock: the data as it is now
        if loaded.dataset is None:
            raise loaded.refusal(BROKEN)
        ind = find_indicator(loaded.dataset, request.indicator)
        year = request.year
        check_policy_year(loaded.dataset, year, _("an explanation is given"))
        m = ind.measurements.get(year)
        in_note = m is not None and m.note is not None
        old = explanation(ind, year)
        item = edit.find_item(edit.value_of(doc.root, "indicators"), ind.id)
        if old == text:
            raise Unchanged(
                _("{indicator!r} {year} already has this explanation; nothing changed.").format(
                    indicator=ind.id, year=year
                )
            )
        if old is not None and not request.replace:
            line = _line(item, "measurements" if in_note else "explanations", year, in_note)
            already = (
                _(
                    "{indicator!r} already has an explanation for {year} as the note of its "
                    "{year} measurement ({file}:{line}): {text}; use --replace to replace it"
                )
                if in_note
                else _(
                    "{indicator!r} already has an explanation for {year} in its explanations "
                    "({file}:{line}): {text}; use --replace to replace it"
                )
            )
            raise IvbError(
                already.format(indicator=ind.id, year=year, file=path, line=line, text=excerpt(old))
            )
        seen.update(in_note=in_note, replaced=old)
        editor = edit.Editor(source, edit.indent_step(item), edit.sequence_indent(doc.root))
        expected = copy.deepcopy(doc.data)
        raw = next(
            i for i in expected["indicators"] if isinstance(i, dict) and i.get("id") == ind.id
        )
        if in_note:
            fields = edit.mapping_of(edit.value_of(item, "measurements"), year)
            editor.set_fields(fields, {"note": text})
            raw["measurements"][year]["note"] = text
        else:
            editor.add_to_mapping_value(item, "explanations", year, text, order=year)
            if not isinstance(raw.get("explanations"), dict):
                raw["explanations"] = {}
            raw["explanations"][year] = text
        return edit.apply(source.text, editor.changes), expected

    changed = change_file(data_dir, INDICATORS, path, make, dry_run=dry_run, on_wait=on_wait)
    return Explained(
        path,
        request.indicator,
        request.year,
        text,
        seen["in_note"],
        seen["replaced"],
        changed.diff,
        not dry_run,
    )


def _line(item: Any, name: str, year: int, in_note: bool) -> int:
    """The line (from 1) where the year's explanation is written: its note's key, or its
    key in ``explanations``."""
    found = edit.entry(edit.value_of(item, name), year)
    if found is not None and in_note:
        found = edit.entry(found[1], "note") or found
    return 0 if found is None else int(found[0].start_mark.line) + 1
