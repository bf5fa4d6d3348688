"""Output of ``ivb plans`` and ``ivb partners`` (table, markdown, csv, json, by registry),
and what ``ivb set-action`` changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from .common import STATUS_LABELS, STATUS_STYLES, SafeCsv, escape_md, md_cell, terminal

if TYPE_CHECKING:
    from ..plans import ActionRow, ActionSet, PartnerRow, PlansReport

STATE_STYLES = {"planned": "", "running": "cyan", "done": "green", "stopped": "dim"}
PLAN_HEADERS = ["Action", "Plan", "Lead", "Partners", "State", "Indicators"]
PARTNER_HEADERS = ["Partner", "Kind", "Priorities", "Leads", "Takes part in"]


def _indicator_text(row: ActionRow) -> str:
    return "\n".join(f"{ident}: {STATUS_LABELS[ev.status]}" for ident, _, ev in row.aims)


def _action_cells(row: ActionRow) -> list[str]:
    a = row.action
    return [
        f"{a.id}\n{a.title}",
        row.period,
        a.lead or "",
        ", ".join(a.partners),
        a.state,
        _indicator_text(row),
    ]


def _plans_title(report: PlansReport) -> str:
    plans = "; ".join(f"{name} ({state})" for _, name, state, _ in report.plans)
    return plans or "No plans"


def render_plans_table(report: PlansReport, out: IO[str]) -> None:
    """The actions per priority as short blocks, readable at any width: the id (what
    set-action takes), plan and state; the title; lead and partners; the indicators aimed
    at with their status, coloured as in ``ivb status``."""
    from rich.padding import Padding
    from rich.text import Text

    console = terminal(out)
    console.print(Text(_plans_title(report), style="bold"))
    for group in report.priorities:
        console.print()
        console.print(Text(f"Priority {group.number} · {group.title}", style="bold underline"))
        if not group.actions:
            console.print(Text("  no actions", style="dim"))
        for row in group.actions:
            a = row.action
            head = Text("\n")
            head.append(a.id, style="bold")
            head.append(f"  {row.period} · ")
            head.append(a.state, style=STATE_STYLES[a.state])
            if a.changed:
                head.append(f" since {a.changed}" + (f": {a.reason}" if a.reason else ""))
            console.print(head)
            body = Text(a.title)
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
            console.print(Padding(body, (0, 0, 0, 2), expand=False))


def render_plans_markdown(report: PlansReport, out: IO[str]) -> None:
    from tabulate import tabulate

    out.write(f"# {escape_md(_plans_title(report))}\n")
    for group in report.priorities:
        out.write(f"\n## Priority {group.number} · {escape_md(group.title)}\n\n")
        if not group.actions:
            out.write("No actions.\n")
            continue
        rows = [[md_cell(c) for c in _action_cells(row)] for row in group.actions]
        out.write(tabulate(rows, headers=PLAN_HEADERS, tablefmt="github", disable_numparse=True))
        out.write("\n")


def render_plans_csv(report: PlansReport, out: IO[str]) -> None:
    writer = SafeCsv(out)
    writer.writerow(
        [
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
        ]
    )
    for group in report.priorities:
        for row in group.actions:
            a = row.action
            writer.writerow(
                [
                    group.number,
                    row.plan,
                    a.id,
                    a.title,
                    a.lead or "",
                    " ".join(a.partners),
                    a.state,
                    a.changed or "",
                    a.reason or "",
                    " ".join(f"{i}={ev.status}" for i, _, ev in row.aims),
                ]
            )


def plans_json(report: PlansReport) -> dict[str, Any]:
    return {
        "plans": [{"id": i, "name": n, "state": s, "period": p} for i, n, s, p in report.plans],
        "priorities": [
            {
                "number": g.number,
                "id": g.id,
                "title": g.title,
                "actions": [
                    {
                        **row.action.model_dump(mode="json", exclude_none=True),
                        "plan": row.plan,
                        "period": row.period,
                        "indicator_status": {i: ev.status for i, _, ev in row.aims},
                    }
                    for row in g.actions
                ],
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
    """What ``set-action`` changed (or, in a dry run, would change), in one line."""
    verb = "Set" if done.written else "Would set"
    reason = f": {done.new['reason']}" if "reason" in done.new else ""
    return (
        f"{verb} {done.action} from {done.old} to {done.new['state']} on "
        f"{done.new['changed']}{reason} in {done.path}.\n"
    )
