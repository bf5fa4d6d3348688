"""Changing the plans: ``set_action`` (an action's state, the one before kept in its
history) and ``evaluate`` (an action's evaluation of a year, or a plan's conclusions), both
through the one safe, minimal-diff write path (``data.change.change_file``)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..data import edit
from ..data.change import broken, change_file
from ..data.store import Document, read_document
from ..data.yamltext import Plain, block_item
from ..i18n import N_, _
from ..layout import check_data_dir, plan_files
from ..problems import IvbError, Unchanged, UsageError, closest
from ..text import typed_text
from .record import no_action

STATES = ("planned", "running", "done", "stopped")
# Each state in words, where a message says it (the states themselves are codes).
STATE_WORDS = {
    "planned": N_("planned"),
    "running": N_("running"),
    "done": N_("done"),
    "stopped": N_("stopped"),
}
_CURRENT = ("state", "changed", "reason")  # the current state's fields


@dataclass(frozen=True)
class ActionSet:
    """What ``set_action`` changed (or, in a dry run, would change)."""

    path: Path
    action: str
    old: str
    new: dict[str, Any]
    diff: str
    written: bool
    kept: dict[str, Any] | None = None  # the earlier state, as moved into the history


def set_action(
    data_dir: Path,
    action_id: str,
    state: str,
    *,
    note: str | None = None,
    date: dt.date | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ActionSet:
    """Set an action's state, the date of the change (default today) and its reason. The
    state it had moves into its ``history`` (with its date, reason and comments), unless
    it is the state every action starts in: ``planned``, without a date or a reason."""
    check_data_dir(data_dir)
    if state not in STATES:
        raise UsageError(
            _("state {state!r}: choose one of {states}").format(
                state=state, states=", ".join(STATES)
            )
        )
    today = today or dt.date.today()
    date = date or today
    if date > today:
        raise IvbError(_("--date {date} lies in the future").format(date=date))
    note = typed_text("--note", note)
    role, path, _kind = _locate(data_dir, action_id, plans=False)
    fields: dict[str, Any] = {"state": Plain(state), "changed": date}
    if note is not None:
        fields["reason"] = note
    seen: dict[str, Any] = {}

    def make(doc: Document, source: edit.Source) -> tuple[str, Any]:
        index, action = _find_action(doc, action_id)
        seen["old"] = action.get("state", "planned")
        _check_change(doc, action, state, date, note)
        item = edit.find_item(edit.value_of(doc.root, "actions"), action_id)
        editor = edit.Editor(source, edit.indent_step(doc.root), edit.sequence_indent(doc.root))
        expected = copy.deepcopy(doc.data)
        target = expected["actions"][index]
        kept = _earlier_state(action)
        seen["kept"] = kept
        comments = [c for name in _CURRENT for c in editor.comments_of(item, name)]
        # The fields first: an entry added to the history at the same place goes before them.
        editor.set_fields(item, fields, keep_comments=kept is None)
        target.update(fields)
        if "reason" not in fields and "reason" in action:  # the reason of an older change
            editor.remove(item, "reason")
            del target["reason"]
        if kept is not None:
            _add_to_history(editor, item, kept, comments)
            if not isinstance(target.get("history"), list):
                target["history"] = []
            target["history"].append(kept)
        return edit.apply(source.text, editor.changes), expected

    changed = change_file(data_dir, role, path, make, dry_run=dry_run, on_wait=on_wait)
    return ActionSet(path, action_id, seen["old"], fields, changed.diff, not dry_run, seen["kept"])


def _earlier_state(action: dict[str, Any]) -> dict[str, Any] | None:
    """The current state as a history entry (date, state, reason), or ``None`` for the
    state every action starts in, ``planned`` with no date and no reason."""
    state, changed, reason = (action.get(name) for name in _CURRENT)
    if state in (None, "planned") and changed is None and reason is None:
        return None
    kept: dict[str, Any] = {"date": changed} if changed is not None else {}
    kept["state"] = Plain(state or "planned")
    if reason is not None:
        kept["reason"] = reason
    return kept


def _add_to_history(
    editor: edit.Editor, item: yaml.MappingNode, kept: dict[str, Any], comments: list[str]
) -> None:
    """Append ``kept`` to the action's history; a new history goes just before the state
    it leads up to, so that the action reads in the order things happened."""
    if edit.entry(item, "history") is not None or item.flow_style:
        editor.append_to_sequence(item, "history", kept, comments, block_if_empty=True)
        return
    column = item.value[0][0].start_mark.column
    dash = column + editor.sequence_indent
    lines = [f"{' ' * column}history:", *block_item(kept, dash, editor.step)]
    lines += [" " * (dash + 2) + c for c in comments]
    first = next(k.value for k, _ in item.value if k.value in _CURRENT)
    editor.insert_before(item, first, lines)


def _check_change(
    doc: Document, action: dict[str, Any], state: str, date: dt.date, note: str | None
) -> None:
    """A change lies in the plan's period, after the action's last change, and changes
    something."""
    start, end = _period(doc)
    if start is not None and end is not None and not start <= date.year <= end:
        raise IvbError(
            _(
                "{date} lies outside the plan's period {start}-{end}; give the date "
                "of the change with --date"
            ).format(date=date, start=start, end=end)
        )
    last = action.get("changed")
    history = action.get("history")
    dates = [last] + [h.get("date") for h in history or [] if isinstance(h, dict)]
    latest = max((d for d in dates if isinstance(d, dt.date)), default=None)
    if latest is not None and date < latest:
        raise IvbError(
            _("{date} lies before the action's last change ({latest})").format(
                date=date, latest=latest
            )
        )
    if action.get("state", "planned") == state and note is None and last == date:
        raise Unchanged(
            _("{action!r} is already {state} since {date}; nothing changed.").format(
                action=action.get("id"), state=_(STATE_WORDS.get(state, state)), date=date
            )
        )


@dataclass(frozen=True)
class Evaluated:
    """What ``evaluate`` recorded (or, in a dry run, would record)."""

    path: Path
    target: str  # the action's or the plan's id
    kind: str  # "action" or "plan"
    year: int
    date: dt.date
    note: str
    replaced: str | None  # the note it replaced
    diff: str
    written: bool


def evaluate(
    data_dir: Path,
    ident: str,
    year: int,
    text: str,
    *,
    date: dt.date | None = None,
    replace: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Evaluated:
    """Record the evaluation of ``year`` of an action (``ident`` its id), or a plan's
    conclusions ("conclusies en bijsturing") for the year (``ident`` the plan's id or
    period), dated ``date`` (default today). The year lies in the plan's period; an
    evaluation already recorded for it is replaced only with ``replace``."""
    check_data_dir(data_dir)
    if not text.strip():
        raise IvbError(_("TEXT is empty; give the evaluation"))
    text = typed_text(_("TEXT"), text) or ""
    today = today or dt.date.today()
    date = date or today
    if date > today:
        raise IvbError(_("--date {date} lies in the future").format(date=date))
    role, path, kind = _locate(data_dir, ident, plans=True)
    seen: dict[str, Any] = {}

    def make(doc: Document, source: edit.Source) -> tuple[str, Any]:
        expected = copy.deepcopy(doc.data)
        if kind == "plan":
            node = edit.root_mapping(doc.root)
            found = edit.entry(node, "plan")
            mapping = found[1] if found else None
            target, seen["id"] = expected["plan"], expected["plan"]["id"]
        else:
            index, _action = _find_action(doc, ident)
            mapping = edit.find_item(edit.value_of(doc.root, "actions"), ident)
            target, seen["id"] = expected["actions"][index], ident
        if not isinstance(mapping, yaml.MappingNode):
            raise LookupError("the file's node tree has no mapping for the plan")
        what = f"{seen['id']!r}"
        start, end = _period(doc)
        if start is not None and end is not None and not start <= year <= end:
            raise IvbError(
                _(
                    "{year} lies outside the period {start}-{end} of the plan of {what}; an "
                    "evaluation is of a year of its plan"
                ).format(year=year, start=start, end=end, what=what)
            )
        if date.year < year:
            raise IvbError(
                _("an evaluation of {year} dated {date} comes before the year began").format(
                    year=year, date=date
                )
            )
        notes = target.get("evaluations")
        notes = notes if isinstance(notes, list) else []
        at = next((n for n, e in enumerate(notes) if e.get("year") == year), None)
        editor = edit.Editor(source, edit.indent_step(doc.root), edit.sequence_indent(doc.root))
        seen["replaced"] = None
        if at is not None:
            old = notes[at]
            if old.get("note") == text and old.get("date") == date:
                raise Unchanged(
                    _(
                        "{what} already has this evaluation of {year}, dated {date}; "
                        "nothing changed."
                    ).format(what=what, year=year, date=date)
                )
            if not replace:
                already = (
                    _(
                        "{what} already has an evaluation of {year}, dated {date}: "
                        '"{note}"; use --replace to replace it'
                    )
                    if old.get("date")
                    else _(
                        '{what} already has an evaluation of {year}: "{note}"; use --replace '
                        "to replace it"
                    )
                )
                raise IvbError(
                    already.format(what=what, year=year, date=old.get("date"), note=old.get("note"))
                )
            seen["replaced"] = old.get("note")
            items = edit.value_of(mapping, "evaluations")
            node = items.value[at]
            if not isinstance(node, yaml.MappingNode):
                raise LookupError("the file's node tree has no mapping for the evaluation")
            editor.set_fields(node, {"date": date, "note": text})
            old.update(date=date, note=text)
        else:
            entry = {"year": year, "date": date, "note": text}
            editor.append_to_sequence(mapping, "evaluations", entry, block_if_empty=True)
            target["evaluations"] = [*notes, entry]
        return edit.apply(source.text, editor.changes), expected

    changed = change_file(data_dir, role, path, make, dry_run=dry_run, on_wait=on_wait)
    return Evaluated(
        path, seen["id"], kind, year, date, text, seen["replaced"], changed.diff, not dry_run
    )


def _period(doc: Document) -> tuple[int | None, int | None]:
    """The plan's first and last year, as the file gives them (``None`` where it does not)."""
    plan = doc.data.get("plan") if isinstance(doc.data, dict) else None
    period = (plan or {}).get("period") or {}
    start, end = period.get("start"), period.get("end")
    return (
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
    )


def _locate(data_dir: Path, ident: str, *, plans: bool) -> tuple[str, Path, str]:
    """The plan file that holds the action ``ident`` (or, with ``plans``, the plan of that
    id or period) and which it is, "action" or "plan"; read without validation, just to
    find it."""
    known: list[str] = []
    found: list[tuple[str, Path, str]] = []
    for role, path in plan_files(data_dir).items():
        doc, problems = read_document(path)
        if doc.data is None or any(p.is_error for p in problems):
            raise broken(data_dir)  # what is looked for may be in the file that cannot be read
        data = doc.data if isinstance(doc.data, dict) else {}
        actions = data.get("actions")
        ids = [a.get("id") for a in actions or [] if isinstance(a, dict)]
        if ident in ids:
            found.append((role, path, "action"))
        known += [i for i in ids if isinstance(i, str)]
        if plans:
            plan = data.get("plan")
            plan = plan if isinstance(plan, dict) else {}
            start, end = _period(doc)
            names = [plan.get("id"), f"{start}-{end}" if start and end else None]
            if ident in names:
                found.append((role, path, "plan"))
            known += [n for n in names if isinstance(n, str)]
    if len(found) == 1:
        return found[0]
    if found:
        places = ", ".join(
            (_("the action in {file}") if kind == "action" else _("the plan in {file}")).format(
                file=path.name
            )
            for _role, path, kind in found
        )
        raise IvbError(
            _("{ident!r} names more than one thing: {places}; give a plan's id").format(
                ident=ident, places=places
            )
        )
    raise no_action(ident, closest(ident, known), plans=plans)


def _find_action(doc: Document, action_id: str) -> tuple[int, dict[str, Any]]:
    actions = doc.data.get("actions") if isinstance(doc.data, dict) else None
    for index, action in enumerate(actions or []):
        if isinstance(action, dict) and action.get("id") == action_id:
            return index, action
    raise IvbError(
        _("there is no action {ident!r} in {file}").format(ident=action_id, file=doc.name)
    )
