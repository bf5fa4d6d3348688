"""Output of ``ivb plans`` and ``ivb partners`` (table, markdown, csv, json, by registry),
and what ``ivb set-action`` changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from ..i18n import N_, _, language
from .common import (
    STATUS_STYLES,
    SafeCsv,
    escape_md,
    md_cell,
    priority_heading,
    state_label,
    status_label,
    terminal,
)
from .numbers import NUMBER_MARKS, fmt_number

if TYPE_CHECKING:
    from ..plans import (
        ActionRecord,
        ActionRow,
        ActionSet,
        Evaluated,
        PartnerRow,
        PlansReport,
        PlanSummary,
        RecordedChange,
    )

PLAN_STATES = {"draft": N_("draft"), "adopted": N_("adopted"), "evaluated": N_("evaluated")}


def state_words(plan: PlanSummary) -> str:
    """A plan's state in words: ``draft``, ``adopted 2015-03-01 by the council``, or
    ``evaluated; adopted 2015-03-01 by the council``."""
    if plan.adopted is None:
        return _(PLAN_STATES.get(plan.state, plan.state))
    adopted = _("adopted {date} by {by}").format(date=plan.adopted.date, by=plan.adopted.by)
    if plan.state == "adopted":
        return adopted
    return f"{_(PLAN_STATES.get(plan.state, plan.state))}; {adopted}"


STATE_STYLES = {"planned": "", "running": "cyan", "done": "green", "stopped": "dim"}
# Headers in English (N_), translated where they are shown.
PLAN_HEADERS = [
    N_("Action"),
    N_("Plan"),
    N_("Lead"),
    N_("Partners"),
    N_("State"),
    N_("Indicators"),
    # Translators: the header of the column of what an action's record holds: what it
    # continues, its earlier states, budgets and evaluations.
    N_("Record"),
]
PARTNER_HEADERS = [
    N_("Partner"),
    # Translators: the header of the column of a partner's kind (municipality, police...).
    N_("Kind"),
    N_("Priorities"),
    # Translators: the header of the column of the actions a partner leads.
    N_("Leads"),
    N_("Takes part in"),
]
PLANS_CSV_HEADERS = [
    "priority",
    "plan",
    "id",
    "title",
    "lead",
    "partners",
    "state",
    "changed",
    "reason",
    "indicators",
    "continues",
    "periods",
    "history",
    "evaluations",
    "budget",
    "budget_line",
]


def euros(amount: float) -> str:
    """An amount in euros as the table shows it: ``€2,500``, ``€1,250.5``; in Dutch
    ``€ 2.500``, ``€ 1.250,5``."""
    marks = NUMBER_MARKS[language()]
    number = fmt_number(amount, marks["decimal"], marks["thousands"], places=2)
    return _("€{amount}").format(amount=number)


def _several(record: ActionRecord) -> bool:
    return len(record.plans) > 1


def _in(record: ActionRecord, period: str) -> str:
    """`` (2015-2016)``: the plan of a line, where the action ran in more than one."""
    return f" ({period})" if _several(record) else ""


def _since(date: object) -> str:
    """`` since 2015-09-01``, in the language in use."""
    return " " + _("since {date}").format(date=date)


def _state_text(record: ActionRecord) -> str:
    """``stopped since 2015-09-01: reason (2015-2016)``, or just ``planned``."""
    now = record.current
    text = state_label(now.state)
    if now.date:
        text += _since(now.date)
    if now.reason:
        text += f": {now.reason}"
    return text + (_in(record, now.period) if now.date or now.reason else "")


def _change_text(record: ActionRecord, change: RecordedChange, words: bool = True) -> str:
    """An earlier state: ``2015-03-01 running: reason``; without ``words``, as the csv
    gives it whatever the language (its state column holds the states' codes too)."""
    # Translators: the date of an earlier state of an action, when none was recorded.
    when = str(change.date) if change.date else (_("undated") if words else "undated")
    reason = f": {change.reason}" if change.reason else ""
    state = state_label(change.state) if words else change.state
    return f"{when} {state}{reason}{_in(record, change.period)}"


def _record_lines(record: ActionRecord) -> list[str]:
    """What the action's record adds to its block: what it continues, its earlier states,
    its budgets and its evaluations, a line each."""
    lines = []
    if _several(record):
        earlier = ", ".join(f"{p.action} ({p.period})" for p in record.plans[:-1])
        lines.append(_("continues: {actions}").format(actions=earlier))
    # Translators: an earlier state of an action: "before: 2015-03-01 running".
    lines += [_("before: {change}").format(change=_change_text(record, c)) for c in record.history]
    lines += [
        _("budget: {amount}").format(amount=euros(b.amount))
        + (f", {b.line}" if b.line else "")
        + _in(record, b.period)
        for b in record.budgets
    ]
    lines += [
        (
            _("evaluation {year} ({date}): {note}").format(year=e.year, date=e.date, note=e.note)
            if e.date
            else _("evaluation {year}: {note}").format(year=e.year, note=e.note)
        )
        + _in(record, e.period)
        for e in record.evaluations
    ]
    return lines


def _indicator_text(row: ActionRow) -> str:
    return "\n".join(f"{ident}: {status_label(ev.status)}" for ident, _name, ev in row.aims)


def _action_cells(row: ActionRow) -> list[str]:
    a = row.action
    return [
        f"{a.id}\n{a.title}",
        "\n".join(p.period for p in row.record.plans),
        a.lead or "",
        ", ".join(a.partners),
        _state_text(row.record),
        _indicator_text(row),
        "\n".join(_record_lines(row.record)),
    ]


def _plans_title(report: PlansReport) -> str:
    plans = "; ".join(f"{p.name} ({state_words(p)})" for p in report.plans)
    return plans or _("No plans")


def _conclusions(plan: PlanSummary) -> list[str]:
    return [
        _("conclusions {period}, {year} ({date}): {note}").format(
            period=plan.period, year=e.year, date=e.date, note=e.note
        )
        if e.date
        else _("conclusions {period}, {year}: {note}").format(
            period=plan.period, year=e.year, note=e.note
        )
        for e in plan.evaluations
    ]


def render_plans_table(report: PlansReport, out: IO[str]) -> None:
    """The actions per priority as short blocks, readable at any width: the id (what
    set-action takes), its plans and its current state; the title and why the state is
    what it is; lead and partners; the
    indicators aimed at with their status, coloured as in ``ivb status``; then its record:
    what it continues, its earlier states, budgets and evaluations. Each plan's
    conclusions come first, under the title."""
    from rich.padding import Padding
    from rich.text import Text

    console = terminal(out)
    console.print(Text(_plans_title(report), style="bold"))
    for plan in report.plans:
        for line in _conclusions(plan):
            console.print(Padding(Text(line), (0, 0, 0, 2)))
    for group in report.priorities:
        console.print()
        console.print(Text(priority_heading(group.number, group.title), style="bold underline"))
        if not group.actions:
            console.print(Text("  " + _("no actions"), style="dim"))
        for row in group.actions:
            a, record = row.action, row.record
            head = Text("\n")
            head.append(a.id, style="bold")
            head.append(f"  {', '.join(p.period for p in record.plans)} · ")
            now = record.current
            head.append(state_label(now.state), style=STATE_STYLES[now.state])
            if now.date:
                head.append(_since(now.date))
            if (now.date or now.reason) and now.period != record.plan.period:
                # Translators: the plan (its period) in which an action's state was set.
                head.append(" " + _("(in {period})").format(period=now.period))
            console.print(head)
            body = Text(a.title)
            if now.reason:
                # Translators: before the reason of an action's state.
                body.append("\n" + _("why:") + " ", style="dim")
                body.append(now.reason)
            who = [_("lead: {lead}").format(lead=a.lead)] if a.lead else []
            if a.partners:
                who.append(_("partners: {partners}").format(partners=", ".join(a.partners)))
            if who:
                body.append("\n" + "; ".join(who), style="dim")
            if row.aims:
                # Translators: before the indicators an action aims at, with their status.
                body.append("\n" + _("aims at:") + " ", style="dim")
                for n, (ident, _name, ev) in enumerate(row.aims):
                    body.append(("; " if n else "") + f"{ident}: ")
                    body.append(status_label(ev.status), style=STATUS_STYLES[ev.status])
            for line in _record_lines(record):
                label, _colon, rest = line.partition(": ")
                body.append(f"\n{label}: ", style="dim")
                body.append(rest)
            console.print(Padding(body, (0, 0, 0, 2), expand=False))


def render_plans_markdown(report: PlansReport, out: IO[str]) -> None:
    from tabulate import tabulate

    out.write(f"# {escape_md(_plans_title(report))}\n")
    conclusions = [line for plan in report.plans for line in _conclusions(plan)]
    if conclusions:
        out.write("\n" + "".join(f"- {escape_md(line)}\n" for line in conclusions))
    for group in report.priorities:
        out.write(f"\n## {priority_heading(group.number, escape_md(group.title))}\n\n")
        if not group.actions:
            out.write(_("No actions.") + "\n")
            continue
        rows = [[md_cell(c) for c in _action_cells(row)] for row in group.actions]
        headers = [_(h) for h in PLAN_HEADERS]
        out.write(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True))
        out.write("\n")


def render_plans_csv(report: PlansReport, out: IO[str], *, dutch: bool = False) -> None:
    """A row per action; ``dutch``: as Dutch Excel reads it (``SafeCsv``), with the same
    columns and cells."""
    writer = SafeCsv(out, dutch=dutch)
    writer.writerow(PLANS_CSV_HEADERS)
    for group in report.priorities:
        for row in group.actions:
            a, record = row.action, row.record
            now = record.current
            budget = record.budgets[-1] if record.budgets else None
            writer.writerow(
                [
                    group.number,
                    row.plan,
                    a.id,
                    a.title,
                    a.lead or "",
                    " ".join(a.partners),
                    now.state,
                    now.date or "",
                    now.reason or "",
                    " ".join(f"{i}={ev.status}" for i, _name, ev in row.aims),
                    " ".join(record.ids[:-1]),
                    " ".join(p.period for p in record.plans),
                    "; ".join(_change_text(record, c, words=False) for c in record.history),
                    "; ".join(
                        f"{e.year}" + (f" ({e.date})" if e.date else "") + f": {e.note}"
                        for e in record.evaluations
                    ),
                    budget.amount if budget else "",
                    (budget.line or "") if budget else "",
                ]
            )


def render_plans_csv_nl(report: PlansReport, out: IO[str]) -> None:
    """The csv for Dutch Excel: ``;``, decimal commas, UTF-8 with a byte order mark."""
    render_plans_csv(report, out, dutch=True)


def _change_json(change: RecordedChange) -> dict[str, Any]:
    return {
        "date": change.date.isoformat() if change.date else None,
        "state": change.state,
        "reason": change.reason,
        "plan": change.plan,
        "period": change.period,
        "action": change.action,
    }


def _action_json(row: ActionRow) -> dict[str, Any]:
    record = row.record
    now = record.current
    own = row.action.model_dump(
        mode="json",
        exclude_none=True,
        exclude={"state", "changed", "reason", "history", "budget", "evaluations"},
    )
    return {
        **own,
        "plan": row.plan,
        "period": row.period,
        "ids": list(record.ids),
        "plans": [{"plan": p.plan, "period": p.period, "action": p.action} for p in record.plans],
        "continued_by": record.continued_by,
        "state": now.state,
        "changed": now.date.isoformat() if now.date else None,
        "reason": now.reason,
        "history": [_change_json(c) for c in record.history],
        "evaluations": [
            {
                "year": e.year,
                "date": e.date.isoformat() if e.date else None,
                "note": e.note,
                "plan": e.plan,
                "period": e.period,
                "action": e.action,
            }
            for e in record.evaluations
        ],
        "budgets": [
            {
                "amount": b.amount,
                "line": b.line,
                "plan": b.plan,
                "period": b.period,
                "action": b.action,
            }
            for b in record.budgets
        ],
        "indicator_status": {i: ev.status for i, _name, ev in row.aims},
    }


def plans_json(report: PlansReport) -> dict[str, Any]:
    return {
        "plans": [
            {
                "id": p.id,
                "name": p.name,
                "state": p.state,
                "adopted": None if p.adopted is None else p.adopted.model_dump(mode="json"),
                "period": p.period,
                "evaluations": [e.model_dump(mode="json") for e in p.evaluations],
            }
            for p in report.plans
        ],
        "priorities": [
            {
                "number": g.number,
                "id": g.id,
                "title": g.title,
                "actions": [_action_json(row) for row in g.actions],
            }
            for g in report.priorities
        ],
    }


def render_plans_json(report: PlansReport, out: IO[str]) -> None:
    json.dump(plans_json(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


PLANS_RENDERERS: dict[str, Callable[[PlansReport, IO[str]], None]] = {
    "table": render_plans_table,
    "markdown": render_plans_markdown,
    "csv": render_plans_csv,
    "csv-nl": render_plans_csv_nl,  # --format csv when the language is Dutch
    "json": render_plans_json,
}


# A partner's kind as the table and the markdown show it (the csv and json keep the code).
_KINDS = {
    # Translators: a partner outside the municipality (the police, a school...).
    "external": N_("external"),
    # Translators: a partner that is part of the municipality (a department).
    "internal": N_("internal"),
}


def kind_label(kind: str) -> str:
    """A partner's kind (``external``, ``internal``) in the language in use."""
    return _(_KINDS[kind]) if kind in _KINDS else kind


def _partner_cells(row: PartnerRow) -> list[str]:
    p = row.partner
    name = f"{p.name}\n{p.id}"
    return [
        name,
        kind_label(p.kind),
        ", ".join(map(str, row.priorities)),
        "\n".join(row.leads),
        "\n".join(row.involved),
    ]


def render_partners_table(rows: tuple[PartnerRow, ...], out: IO[str]) -> None:
    """Each partner as a short block: name, id, kind and priorities; the actions it leads
    and those it takes part in."""
    from rich.padding import Padding
    from rich.text import Text

    console = terminal(out)
    console.print(Text(_("Partners"), style="bold"))
    for row in rows:
        p = row.partner
        head = Text("\n")
        head.append(p.name, style="bold")
        # Translators: a partner that serves no priority.
        priorities = ", ".join(map(str, row.priorities)) or _("none")
        head.append(
            f"  {p.id} · {kind_label(p.kind)} · "
            + _("priorities: {numbers}").format(numbers=priorities)
        )
        console.print(head)
        lines = []
        if row.leads:
            lines.append(_("leads: {actions}").format(actions=", ".join(row.leads)))
        if row.involved:
            lines.append(_("takes part in: {actions}").format(actions=", ".join(row.involved)))
        if not lines:
            lines.append(_("no actions in the plans"))
        console.print(
            Padding(
                Text("\n".join(lines), style="dim" if not row.leads and not row.involved else ""),
                (0, 0, 0, 2),
            )
        )


def render_partners_markdown(rows: tuple[PartnerRow, ...], out: IO[str]) -> None:
    from tabulate import tabulate

    out.write(f"# {_('Partners')}\n\n")
    cells = [[md_cell(c) for c in _partner_cells(r)] for r in rows]
    headers = [_(h) for h in PARTNER_HEADERS]
    out.write(tabulate(cells, headers=headers, tablefmt="github", disable_numparse=True))
    out.write("\n")


def render_partners_csv(rows: tuple[PartnerRow, ...], out: IO[str]) -> None:
    writer = SafeCsv(out)
    writer.writerow(["id", "name", "kind", "priorities", "leads", "takes_part_in"])
    for r in rows:
        writer.writerow(
            [
                r.partner.id,
                r.partner.name,
                r.partner.kind,
                " ".join(map(str, r.priorities)),
                " ".join(r.leads),
                " ".join(r.involved),
            ]
        )


def render_partners_json(rows: tuple[PartnerRow, ...], out: IO[str]) -> None:
    doc = [
        {
            **r.partner.model_dump(mode="json", exclude_none=True),
            "priorities": list(r.priorities),
            "leads": list(r.leads),
            "takes_part_in": list(r.involved),
        }
        for r in rows
    ]
    json.dump({"partners": doc}, out, ensure_ascii=False, indent=2)
    out.write("\n")


PARTNERS_RENDERERS: dict[str, Callable[[tuple[PartnerRow, ...], IO[str]], None]] = {
    "table": render_partners_table,
    "markdown": render_partners_markdown,
    "csv": render_partners_csv,
    "json": render_partners_json,
}


def action_set_text(done: ActionSet) -> str:
    """What ``set-action`` changed (or, in a dry run, would change), in one line, and
    where the state before went."""
    reason = f": {done.new['reason']}" if "reason" in done.new else ""
    kept = ""
    if done.kept is not None:
        since = _since(done.kept["date"]) if "date" in done.kept else ""
        kept = " " + _("({state} kept in its history)").format(state=state_label(done.old) + since)
    text = (
        _("Set {action} from {old} to {new} on {date}{reason} in {path}{kept}.")
        if done.written
        else _("Would set {action} from {old} to {new} on {date}{reason} in {path}{kept}.")
    )
    return (
        text.format(
            action=done.action,
            old=state_label(done.old),
            new=state_label(done.new["state"]),
            date=done.new["changed"],
            reason=reason,
            path=done.path,
            kept=kept,
        )
        + "\n"
    )


def evaluated_text(done: Evaluated) -> str:
    """What ``evaluate`` recorded (or, in a dry run, would record), in one line."""
    key = (done.kind == "action", bool(done.replaced), done.written)
    return (
        _(_EVALUATED_TEXTS[key]).format(
            year=done.year, target=done.target, date=done.date, note=done.note, path=done.path
        )
        + "\n"
    )


# What ``evaluate`` says, by (an action's evaluation?, replaced?, written?).
_EVALUATED_TEXTS = {
    (True, False, True): N_(
        "Recorded the evaluation of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (True, False, False): N_(
        "Would record the evaluation of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (True, True, True): N_(
        "Replaced the evaluation of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (True, True, False): N_(
        "Would replace the evaluation of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (False, False, True): N_(
        "Recorded the conclusions of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (False, False, False): N_(
        "Would record the conclusions of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (False, True, True): N_(
        "Replaced the conclusions of {year} of {target} (dated {date}): {note} in {path}."
    ),
    (False, True, False): N_(
        "Would replace the conclusions of {year} of {target} (dated {date}): {note} in {path}."
    ),
}
