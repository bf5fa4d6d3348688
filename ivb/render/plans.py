"""Output of ``ivb plans`` and ``ivb partners`` (table, markdown, csv, json, by registry),
and what ``ivb set-action`` changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from .common import STATUS_LABELS, STATUS_STYLES, SafeCsv, escape_md, md_cell, terminal
from .numbers import fmt_number

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

STATE_STYLES = {"planned": "", "running": "cyan", "done": "green", "stopped": "dim"}
PLAN_HEADERS = ["Action", "Plan", "Lead", "Partners", "State", "Indicators", "Record"]
PARTNER_HEADERS = ["Partner", "Kind", "Priorities", "Leads", "Takes part in"]
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
    """An amount in euros as the table shows it: ``€2,500``, ``€1,250.5``."""
    return "€" + fmt_number(amount, ".", ",", places=2)


def _several(record: ActionRecord) -> bool:
    return len(record.plans) > 1


def _in(record: ActionRecord, period: str) -> str:
    """`` (2015-2016)``: the plan of a line, where the action ran in more than one."""
    return f" ({period})" if _several(record) else ""


def _state_text(record: ActionRecord) -> str:
    """``stopped since 2015-09-01: reason (2015-2016)``, or just ``planned``."""
    now = record.current
    text = now.state
    if now.date:
        text += f" since {now.date}"
    if now.reason:
        text += f": {now.reason}"
    return text + (_in(record, now.period) if now.date or now.reason else "")


def _change_text(record: ActionRecord, change: RecordedChange) -> str:
    when = str(change.date) if change.date else "undated"
    reason = f": {change.reason}" if change.reason else ""
    return f"{when} {change.state}{reason}{_in(record, change.period)}"


def _record_lines(record: ActionRecord) -> list[str]:
    """What the action's record adds to its block: what it continues, its earlier states,
    its budgets and its evaluations, a line each."""
    lines = []
    if _several(record):
        earlier = ", ".join(f"{p.action} ({p.period})" for p in record.plans[:-1])
        lines.append(f"continues: {earlier}")
    lines += [f"before: {_change_text(record, c)}" for c in record.history]
    lines += [
        f"budget: {euros(b.amount)}" + (f", {b.line}" if b.line else "") + _in(record, b.period)
        for b in record.budgets
    ]
    lines += [
        f"evaluation {e.year}" + (f" ({e.date})" if e.date else "") + f": {e.note}"
        f"{_in(record, e.period)}"
        for e in record.evaluations
    ]
    return lines


def _indicator_text(row: ActionRow) -> str:
    return "\n".join(f"{ident}: {STATUS_LABELS[ev.status]}" for ident, _, ev in row.aims)


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
    plans = "; ".join(f"{p.name} ({p.state})" for p in report.plans)
    return plans or "No plans"


def _conclusions(plan: PlanSummary) -> list[str]:
    return [
        f"conclusions {plan.period}, {e.year}" + (f" ({e.date})" if e.date else "") + f": {e.note}"
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
        console.print(Text(f"Priority {group.number} · {group.title}", style="bold underline"))
        if not group.actions:
            console.print(Text("  no actions", style="dim"))
        for row in group.actions:
            a, record = row.action, row.record
            head = Text("\n")
            head.append(a.id, style="bold")
            head.append(f"  {', '.join(p.period for p in record.plans)} · ")
            now = record.current
            head.append(now.state, style=STATE_STYLES[now.state])
            if now.date:
                head.append(f" since {now.date}")
            if (now.date or now.reason) and now.period != record.plan.period:
                head.append(f" (in {now.period})")
            console.print(head)
            body = Text(a.title)
            if now.reason:
                body.append("\nwhy: ", style="dim")
                body.append(now.reason)
            who = [f"lead: {a.lead}"] if a.lead else []
            if a.partners:
                who.append("partners: " + ", ".join(a.partners))
            if who:
                body.append("\n" + "; ".join(who), style="dim")
            if row.aims:
                body.append("\naims at: ", style="dim")
                for n, (ident, _, ev) in enumerate(row.aims):
                    body.append(("; " if n else "") + f"{ident}: ")
                    body.append(STATUS_LABELS[ev.status], style=STATUS_STYLES[ev.status])
            for line in _record_lines(record):
                label, _, rest = line.partition(": ")
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
        out.write(f"\n## Priority {group.number} · {escape_md(group.title)}\n\n")
        if not group.actions:
            out.write("No actions.\n")
            continue
        rows = [[md_cell(c) for c in _action_cells(row)] for row in group.actions]
        out.write(tabulate(rows, headers=PLAN_HEADERS, tablefmt="github", disable_numparse=True))
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
                    " ".join(f"{i}={ev.status}" for i, _, ev in row.aims),
                    " ".join(record.ids[:-1]),
                    " ".join(p.period for p in record.plans),
                    "; ".join(_change_text(record, c) for c in record.history),
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
        "indicator_status": {i: ev.status for i, _, ev in row.aims},
    }


def plans_json(report: PlansReport) -> dict[str, Any]:
    return {
        "plans": [
            {
                "id": p.id,
                "name": p.name,
                "state": p.state,
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


def _partner_cells(row: PartnerRow) -> list[str]:
    p = row.partner
    name = f"{p.name}\n{p.id}"
    return [
        name,
        p.kind,
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
    console.print(Text("Partners", style="bold"))
    for row in rows:
        p = row.partner
        head = Text("\n")
        head.append(p.name, style="bold")
        priorities = ", ".join(map(str, row.priorities)) or "none"
        head.append(f"  {p.id} · {p.kind} · priorities: {priorities}")
        console.print(head)
        lines = []
        if row.leads:
            lines.append("leads: " + ", ".join(row.leads))
        if row.involved:
            lines.append("takes part in: " + ", ".join(row.involved))
        if not lines:
            lines.append("no actions in the plans")
        console.print(
            Padding(
                Text("\n".join(lines), style="dim" if not row.leads and not row.involved else ""),
                (0, 0, 0, 2),
            )
        )


def render_partners_markdown(rows: tuple[PartnerRow, ...], out: IO[str]) -> None:
    from tabulate import tabulate

    out.write("# Partners\n\n")
    cells = [[md_cell(c) for c in _partner_cells(r)] for r in rows]
    out.write(tabulate(cells, headers=PARTNER_HEADERS, tablefmt="github", disable_numparse=True))
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
    verb = "Set" if done.written else "Would set"
    reason = f": {done.new['reason']}" if "reason" in done.new else ""
    kept = ""
    if done.kept is not None:
        since = f" since {done.kept['date']}" if "date" in done.kept else ""
        kept = f" ({done.old}{since} kept in its history)"
    return (
        f"{verb} {done.action} from {done.old} to {done.new['state']} on "
        f"{done.new['changed']}{reason} in {done.path}{kept}.\n"
    )


def evaluated_text(done: Evaluated) -> str:
    """What ``evaluate`` recorded (or, in a dry run, would record), in one line."""
    what = "the evaluation" if done.kind == "action" else "the conclusions"
    verb = (
        ("Replaced" if done.written else "Would replace")
        if done.replaced
        else ("Recorded" if done.written else "Would record")
    )
    return (
        f"{verb} {what} of {done.year} of {done.target} (dated {done.date}): {done.note} "
        f"in {done.path}.\n"
    )
