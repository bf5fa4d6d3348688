"""The commands that record figures: ``add-measurement`` (one, typed in) and ``import``
(those of an open-data export); ``set-target``, which records a target; and ``explain``,
which records the explanation of a year's figure."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_, _
from ..problems import UsageError
from .app import (
    DataDir,
    DryRun,
    app,
    say_waiting,
    write_output,
)


# Unknown options pass through as arguments, so that a value of -1 reaches the value's own
# check ("a count is 0 or more") instead of being taken for an option.
@app.command(
    "add-measurement",
    context_settings={"ignore_unknown_options": True},
    help=N_(
        "Record a yearly value of an indicator, with its provenance.\n\n"
        "Only the new lines are added; the data is validated with the change, then written "
        "atomically."
    ),
)
def add_measurement(
    indicator: Annotated[
        str, typer.Argument(metavar=N_("INDICATOR"), help=N_("The indicator's id."))
    ],
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("The year the value is for."))],
    value: Annotated[
        str,
        typer.Argument(
            metavar=N_("VALUE"),
            help=N_(
                "The value: a count (98), a percentage (13, 13,5, 13.5 or 13%) or a rate "
                "(29,5 or 29.5); decimals after a comma or a point, no thousands separator."
            ),
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option("--source", "-s", help=N_("Where the figure comes from (the report).")),
    ] = None,
    received: Annotated[
        datetime | None,
        typer.Option("--received", formats=["%Y-%m-%d"], help=N_("When the figure was received.")),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            help=N_("The explanation of the figure (toelichting), as `ivb explain` records it."),
        ),
    ] = None,
    provisional: Annotated[
        bool, typer.Option("--provisional", help=N_("The source may still revise the figure."))
    ] = False,
    breakdown: Annotated[
        list[str] | None,
        typer.Option(
            "--breakdown",
            "-b",
            metavar=N_("BREAKDOWN.CATEGORY=VALUE"),
            help=N_(
                "A value of a breakdown, e.g. geslacht.jongens=15, written as VALUE; repeat "
                "for each."
            ),
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help=N_(
                "Replace a value already recorded for the year; the old one is "
                "kept in the indicator's history."
            ),
        ),
    ] = False,
    any_year: Annotated[
        bool,
        typer.Option(
            "--any-year",
            help=N_("Allow a year before the indicator's first year or in the future."),
        ),
    ] = False,
    dry_run: DryRun = False,
    data: DataDir = Path("data"),
) -> None:
    """Record a yearly value of an indicator (help: the command's ``help``)."""
    from ..records.measure import Request
    from ..records.measure import add_measurement as record
    from ..render.records import recorded_text

    if value.startswith("--"):  # unknown options pass through (for -1): catch typos here
        raise UsageError(
            _("no such option: {option}; see `ivb {command} -h`").format(
                option=value, command="add-measurement"
            )
        )
    request = Request(
        indicator,
        year,
        value,
        source,
        received.date() if received else None,
        note,
        provisional,
        tuple(breakdown or ()),
        replace,
        any_year,
    )
    done = record(data, request, dry_run=dry_run, on_wait=say_waiting)
    with write_output("" if dry_run else _(" (the value was recorded)")):
        if dry_run:
            sys.stdout.write(done.diff)
        sys.stdout.write(recorded_text(done))
    if dry_run:
        sys.stderr.write(_("Dry run: nothing written.") + "\n")


@app.command(
    "import",
    help=N_(
        "Record the yearly figures of a police/CBS open-data export, all or nothing.\n\n"
        "Takes the figures of the series the indicators declare (open_data) and shows what "
        "changes (new, unchanged, conflict...); a conflict with a recorded value is refused "
        "unless --replace. Written like add-measurement: only the new lines, validated, "
        "atomically."
    ),
)
def import_(
    file: Annotated[
        str,  # as typed: Path("") would be the working folder
        typer.Argument(
            metavar=N_("FILE"),
            help=N_("The CSV export of an open-data table (police, CBS StatLine)."),
        ),
    ],
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help=N_(
                "The region's name or GM code, as in the export (default: the policy's "
                "municipality)."
            ),
        ),
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            "--table", help=N_("The table's id (47013NED), when the file's name does not give it.")
        ),
    ] = None,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            "-y",
            min=1990,
            max=2100,
            help=N_("Import only this year; repeat for more (default: every year of the export)."),
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help=N_(
                "Record the export's figures where a different value is recorded; the old "
                "ones are kept in the history."
            ),
        ),
    ] = False,
    downloaded: Annotated[
        datetime | None,
        typer.Option(
            "--downloaded",
            formats=["%Y-%m-%d"],
            help=N_("When the export was downloaded (default: the file's modification date)."),
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Show what would change; write nothing."))
    ] = False,
    data: DataDir = Path("data"),
) -> None:
    """Record the figures of an open-data export (help: the command's ``help``)."""
    from ..records.importer import (
        ImportRefused,
        ImportRequest,
        NothingToImport,
        SeriesRefused,
        import_export,
    )
    from ..render.importer import render_import_table

    if not file.strip():
        raise UsageError(_("FILE is empty: name the CSV export to import"))
    request = ImportRequest(
        Path(file),
        region,
        table,
        tuple(years or ()),
        replace,
        downloaded.date() if downloaded else None,
    )
    try:
        report = import_export(data, request, dry_run=dry_run, on_wait=say_waiting)
    except (ImportRefused, NothingToImport, SeriesRefused) as outcome:  # the table says which
        with write_output(_(" (the figures were recorded)") if outcome.report.written else ""):
            render_import_table(outcome.report, sys.stdout)
        raise
    with write_output("" if dry_run else _(" (the figures were recorded)")):
        render_import_table(report, sys.stdout)
    if dry_run:
        sys.stderr.write(_("Dry run: nothing written.") + "\n")


# As add-measurement: a value of -1 reaches the unit's rule instead of being an option.
@app.command(
    "set-target",
    context_settings={"ignore_unknown_options": True},
    help=N_(
        "Record a target of an indicator for a year: the policy's, or a plan's (--plan).\n\n"
        "A year that has a target keeps it (changing a decision is done by hand). Only the new "
        "lines are added; the data is validated with the change, then written atomically."
    ),
)
def set_target(
    indicator: Annotated[
        str, typer.Argument(metavar=N_("INDICATOR"), help=N_("The indicator's id."))
    ],
    year: Annotated[
        int, typer.Argument(metavar=N_("YEAR"), help=N_("The year the target is for."))
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar=N_("VALUE"),
            help=N_(
                "The target: a count (140), a percentage (13, 13,5, 13.5 or 13%) or a rate "
                "(29,5 or 29.5); decimals after a comma or a point, no thousands separator."
            ),
        ),
    ],
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            help=N_("Why: the decision that sets the target (stored as its note)."),
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            help=N_("Which decision or document set it (a target of the policy only)."),
        ),
    ] = None,
    plan: Annotated[
        str | None,
        typer.Option(
            "--plan",
            help=N_(
                "Set the target in this plan (its id or period, e.g. 2016-2017) instead of "
                "in indicators.yaml."
            ),
        ),
    ] = None,
    dry_run: DryRun = False,
    data: DataDir = Path("data"),
) -> None:
    """Record a target of an indicator (help: the command's ``help``)."""
    from ..records.targets import TargetRequest
    from ..records.targets import set_target as record
    from ..render.records import target_set_text, target_warnings_text

    if value.startswith("--"):  # unknown options pass through (for -1): catch typos here
        raise UsageError(
            _("no such option: {option}; see `ivb {command} -h`").format(
                option=value, command="set-target"
            )
        )
    request = TargetRequest(indicator, year, value, reason, source, plan)
    done = record(data, request, dry_run=dry_run, on_wait=say_waiting)
    with write_output("" if dry_run else _(" (the target was recorded)")):
        if dry_run:
            sys.stdout.write(done.diff)
        sys.stdout.write(target_set_text(done))
    sys.stderr.write(target_warnings_text(done))
    if dry_run:
        sys.stderr.write(_("Dry run: nothing written.") + "\n")


@app.command(
    "explain",
    help=N_(
        "Record the explanation (toelichting) of an indicator's figure for a year.\n\n"
        "Written where the year's explanation is: the note of its measurement when it has one, "
        "else the indicator's explanations (also for a year without a value). Only the new "
        "lines; the data is validated with the change, then written atomically. A text that "
        'starts with "-" follows "--": ivb explain ID 2016 -- "-5% ...".'
    ),
)
def explain(
    indicator: Annotated[
        str, typer.Argument(metavar=N_("INDICATOR"), help=N_("The indicator's id."))
    ],
    year: Annotated[
        int, typer.Argument(metavar=N_("YEAR"), help=N_("The year whose figure is explained."))
    ],
    text: Annotated[
        str,
        typer.Argument(metavar=N_("TEXT"), help=N_("The explanation (toelichting), on one line.")),
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help=N_("Replace the explanation the year already has.")),
    ] = False,
    dry_run: DryRun = False,
    data: DataDir = Path("data"),
) -> None:
    """Record the explanation of a year's figure (help: the command's ``help``)."""
    from ..records.explain import ExplainRequest
    from ..records.explain import explain as record
    from ..render.records import explained_text

    request = ExplainRequest(indicator, year, text, replace)
    done = record(data, request, dry_run=dry_run, on_wait=say_waiting)
    with write_output("" if dry_run else _(" (the explanation was recorded)")):
        if dry_run:
            sys.stdout.write(done.diff)
        sys.stdout.write(explained_text(done))
    if dry_run:
        sys.stderr.write(_("Dry run: nothing written.") + "\n")
