"""The commands of the execution plans: ``plans``, ``partners``, ``set-action`` and
``evaluate``."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_, _
from .app import (
    DataDir,
    DryRun,
    StatusFormat,
    app,
    output_option,
    say_waiting,
    write_output,
)
from .language import LangOption, output_language
from .tables import FORMAT_HELP, TableFormat, output_target, renderer_name, write_rendered


class PlanState(StrEnum):
    planned = "planned"
    running = "running"
    done = "done"
    stopped = "stopped"


@app.command(
    help=N_(
        "Show the execution plans' actions per priority: lead, partners, state, and the "
        "status of the indicators each aims at."
    )
)
def plans(
    data: DataDir = Path("data"),
    plan: Annotated[
        str | None,
        typer.Option("--plan", help=N_("Only this plan: its id or period, e.g. 2015-2016.")),
    ] = None,
    priority: Annotated[
        int | None, typer.Option("--priority", "-p", help=N_("Only this priority (its number)."))
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner", help=N_("Only the actions this partner (id) leads or takes part in.")
        ),
    ] = None,
    state: Annotated[
        PlanState | None,
        typer.Option(
            "--state",
            help=N_("Only actions in this state: planned, running (under way), done or stopped."),
        ),
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help=FORMAT_HELP)
    ] = TableFormat.table,
    output: Annotated[str | None, output_option("actions")] = None,
    lang: LangOption = None,
) -> None:
    """Show the execution plans' actions per priority (the help is the command's
    ``help``, translated)."""
    from ..data.load import load_valid
    from ..plans import plans_report

    target = output_target(output, fmt, data)
    dataset = load_valid(data)
    language = output_language(lang, dataset.indicators.policy.language)
    report = plans_report(dataset, plan, priority, partner, state.value if state else None)
    if fmt is TableFormat.xlsx:
        from ..render.sheets import plans_workbook
        from ..report.catalogue import TEXTS
        from .tables import write_file

        assert target is not None  # output_target refuses a workbook without -o
        write_file(target, plans_workbook(report, TEXTS[language.value]))
        return
    from ..render.plans import PLANS_RENDERERS

    name = renderer_name(fmt, language)
    write_rendered(lambda out: PLANS_RENDERERS[name](report, out), target, name == "csv-nl")


@app.command(
    help=N_("Show each partner with the priorities and actions it is involved in, and leads.")
)
def partners(
    data: DataDir = Path("data"),
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = StatusFormat.table,
) -> None:
    """Show each partner with its priorities and actions (the help is the command's
    ``help``, translated)."""
    from ..data.load import load_valid
    from ..plans import partners_report
    from ..render.plans import PARTNERS_RENDERERS

    rows = partners_report(load_valid(data))
    with write_output():
        PARTNERS_RENDERERS[fmt.value](rows, sys.stdout)


@app.command(
    "set-action",
    help=N_("Change an action's state, with the date and reason, touching nothing else."),
)
def set_action(
    action: Annotated[str, typer.Argument(metavar=N_("ACTION"), help=N_("The action's id."))],
    state: Annotated[
        PlanState,
        typer.Option(
            "--state",
            help=N_("The new state: planned, running (under way), done or stopped."),
        ),
    ],
    note: Annotated[
        str | None,
        typer.Option("--note", help=N_("Why the state changed (stored as the action's reason).")),
    ] = None,
    date: Annotated[
        datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help=N_("When it changed (default: today).")),
    ] = None,
    dry_run: DryRun = False,
    data: DataDir = Path("data"),
) -> None:
    """Change an action's state (the help is the command's ``help``, translated)."""
    from ..plans import set_action as change
    from ..render.plans import action_set_text

    done = change(
        data,
        action,
        state.value,
        note=note,
        date=date.date() if date else None,
        dry_run=dry_run,
        on_wait=say_waiting,
    )
    with write_output("" if dry_run else " " + _("(the change was written)")):
        if dry_run:
            sys.stdout.write(done.diff)
        sys.stdout.write(action_set_text(done))
    if dry_run:
        sys.stderr.write(_("Dry run: nothing written.") + "\n")


@app.command(
    help=N_(
        "Record an action's evaluation of a year, or a plan's conclusions (\"conclusies en "
        'bijsturing") for a year, touching nothing else.'
    )
)
def evaluate(
    ident: Annotated[
        str,
        typer.Argument(
            metavar=N_("ID"),
            help=N_(
                "An action's id, or a plan's id or period (e.g. 2015-2016) for the plan's "
                "conclusions."
            ),
        ),
    ],
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("The year evaluated."))],
    text: Annotated[
        str, typer.Argument(metavar=N_("TEXT"), help=N_("The evaluation, on one line."))
    ],
    date: Annotated[
        datetime | None,
        typer.Option(
            "--date", formats=["%Y-%m-%d"], help=N_("When it was evaluated (default: today).")
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help=N_("Replace an evaluation already recorded for the year.")),
    ] = False,
    dry_run: DryRun = False,
    data: DataDir = Path("data"),
) -> None:
    """Record an action's evaluation or a plan's conclusions (the help is the command's
    ``help``, translated)."""
    from ..plans import evaluate as record
    from ..render.plans import evaluated_text

    done = record(
        data,
        ident,
        year,
        text,
        date=date.date() if date else None,
        replace=replace,
        dry_run=dry_run,
        on_wait=say_waiting,
    )
    with write_output("" if dry_run else " " + _("(the evaluation was recorded)")):
        if dry_run:
            sys.stdout.write(done.diff)
        sys.stdout.write(evaluated_text(done))
    if dry_run:
        sys.stderr.write(_("Dry run: nothing written.") + "\n")
