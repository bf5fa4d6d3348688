"""The command line: options in, one core call, a renderer, an exit code.

Exit codes: 0 clean, 1 data problems or a user error (a message, no traceback), 2 wrong
usage, 3 a bug in ivb (with its traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .problems import DataProblems, Exit, IvbError

PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader of the output left early

app = typer.Typer(
    name="ivb",
    help="Track a municipality's integral safety policy (Integraal Veiligheidsbeleid): "
    "indicators, targets and where each stands, kept as YAML in a git repository.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataDir = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        envvar="IVB_DATA",
        show_envvar=True,
        help="The data folder (indicators.yaml, partners.yaml).",
    ),
]


class StatusFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ProblemFormat(StrEnum):
    auto = "auto"
    text = "text"
    github = "github"
    json = "json"


class SchemaFile(StrEnum):
    indicators = "indicators"
    partners = "partners"
    plan = "plan"


def _fail(error: IvbError) -> typer.Exit:
    """Report a user-facing error on stderr and turn it into an exit code."""
    if isinstance(error, DataProblems):
        from .diagnostics import render_problems_text

        errors = [p for p in error.problems if p.is_error]
        render_problems_text(errors, error.files, failed=True)
    sys.stderr.write(f"ivb: {error.message}\n")
    return typer.Exit(error.exit_code)


def _say_waiting() -> None:
    sys.stderr.write("ivb: waiting for another ivb that is writing to this data folder...\n")


@contextmanager
def _output(done: str = "") -> Iterator[None]:
    """Write a command's output; a reader that leaves early (``| head``) ends ivb quietly
    with 141 (128 + SIGPIPE), as it ends any program, rather than as an error. Output that
    cannot be written at all (a full disk, a closed stdout) is an error, not a bug."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(PIPE_CLOSED) from None
    except (OSError, AttributeError, ValueError) as exc:  # no stdout, or it is full
        reason = getattr(exc, "strerror", None) or "standard output is closed"
        sys.stderr.write(f"ivb: cannot write the output: {reason}{done}\n")
        raise typer.Exit(Exit.DATA) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it again on exit raises nothing."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@app.command()
def status(
    data: DataDir = Path("data"),
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            min=1990,
            max=2100,
            help="Evaluate as of this year: only values up to it, and the target for it or the "
            "next one.",
        ),
    ] = None,
    priority: Annotated[
        int | None, typer.Option("--priority", "-p", help="Show only this priority (its number).")
    ] = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatusFormat.table,
) -> None:
    """Show where each indicator stands against its target, per priority."""
    from .render import STATUS_RENDERERS
    from .status import build_status, load_view

    try:
        report = build_status(load_view(data), as_of=year, priority=priority)
    except IvbError as error:
        raise _fail(error) from None
    with _output():
        STATUS_RENDERERS[fmt.value](report, sys.stdout)


@app.command()
def validate(
    data: DataDir = Path("data"),
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="How to report problems: text (file:line:column), github "
            "(GitHub Actions annotations), json; auto is github under GitHub Actions, else "
            "text.",
        ),
    ] = ProblemFormat.auto,
) -> None:
    """Check the data files: schema, references, values, years and sums.

    Reports every problem in one run as file:line:column: level: message (code).
    """
    from .dataset import load_dataset
    from .diagnostics import PROBLEM_RENDERERS
    from .layout import check_data_dir

    try:
        check_data_dir(data)
    except IvbError as error:
        raise _fail(error) from None
    loaded = load_dataset(data)
    name = fmt.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    failed = any(p.is_error or strict for p in loaded.problems)
    with _output():
        PROBLEM_RENDERERS[name](loaded.problems, len(loaded.documents), failed=failed)
    raise typer.Exit(Exit.DATA if failed else Exit.OK)


# Unknown options pass through as arguments, so that a value of -1 reaches the value's own
# check ("a count is 0 or more") instead of being taken for an option.
@app.command("add-measurement", context_settings={"ignore_unknown_options": True})
def add_measurement(
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's id.")],
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year the value is for.")],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE", help="The value: a count (98) or a percentage (13, 13.5, 13%)."
        ),
    ],
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Where the figure comes from (the report).")
    ] = None,
    received: Annotated[
        datetime | None,
        typer.Option("--received", formats=["%Y-%m-%d"], help="When the figure was received."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note on the figure.")] = None,
    provisional: Annotated[
        bool, typer.Option("--provisional", help="The source may still revise the figure.")
    ] = False,
    breakdown: Annotated[
        list[str] | None,
        typer.Option(
            "--breakdown",
            "-b",
            metavar="BREAKDOWN.CATEGORY=VALUE",
            help="A value of a breakdown, e.g. geslacht.jongens=15; repeat for each.",
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace a value already recorded for the year; the old one is "
            "kept in the indicator's history.",
        ),
    ] = False,
    any_year: Annotated[
        bool,
        typer.Option(
            "--any-year", help="Allow a year before the indicator's first year or in the future."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
    ] = False,
    data: DataDir = Path("data"),
) -> None:
    """Record a yearly value of an indicator, with its provenance.

    Only the new lines are added; the data is validated with the change, then written atomically.
    """
    from .measure import Request
    from .measure import add_measurement as record
    from .render import recorded_text

    if value.startswith("--"):  # unknown options pass through (for -1): catch typos here
        raise _fail(IvbError(f"no such option: {value}; see `ivb add-measurement -h`", Exit.USAGE))
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
    try:
        done = record(data, request, dry_run=dry_run, on_wait=_say_waiting)
    except IvbError as error:
        raise _fail(error) from None
    with _output("" if dry_run else " (the value was recorded)"):
        if dry_run:
            sys.stdout.write(done.diff)
        sys.stdout.write(recorded_text(done))
    if dry_run:
        sys.stderr.write("Dry run: nothing written.\n")


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="The CSV export of an open-data table (police, CBS StatLine)."
        ),
    ],
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="The region's name or GM code, as in the export (default: the policy's "
            "municipality).",
        ),
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            "--table", help="The table's id (47013NED), when the file's name does not give it."
        ),
    ] = None,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            "-y",
            min=1990,
            max=2100,
            help="Import only this year; repeat for more (default: every year of the export).",
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Record the export's figures where a different value is recorded; the old "
            "ones are kept in the history.",
        ),
    ] = False,
    downloaded: Annotated[
        datetime | None,
        typer.Option(
            "--downloaded",
            formats=["%Y-%m-%d"],
            help="When the export was downloaded (default: the file's modification date).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    data: DataDir = Path("data"),
) -> None:
    """Record the yearly figures of an open-data export, for the indicators that declare
    its series, all or nothing.

    Shows what changes (new, unchanged, conflict...); a conflict with a recorded value is
    refused unless --replace. Written like add-measurement: only the new lines, validated,
    atomically.
    """
    from .importer import ImportRefused, ImportRequest, NothingToImport, import_export
    from .render_import import render_import_table

    request = ImportRequest(
        file,
        region,
        table,
        tuple(years or ()),
        replace,
        downloaded.date() if downloaded else None,
    )
    try:
        report = import_export(data, request, dry_run=dry_run, on_wait=_say_waiting)
    except (ImportRefused, NothingToImport) as outcome:
        with _output():
            render_import_table(outcome.report, sys.stdout)
        raise _fail(outcome) from None
    except IvbError as error:
        raise _fail(error) from None
    with _output("" if dry_run else " (the figures were recorded)"):
        render_import_table(report, sys.stdout)
    if dry_run:
        sys.stderr.write("Dry run: nothing written.\n")


class PlanState(StrEnum):
    planned = "planned"
    running = "running"
    done = "done"
    stopped = "stopped"


@app.command()
def plans(
    data: DataDir = Path("data"),
    plan: Annotated[
        str | None, typer.Option("--plan", help="Only this plan: its id or period, e.g. 2015-2016.")
    ] = None,
    priority: Annotated[
        int | None, typer.Option("--priority", "-p", help="Only this priority (its number).")
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner", help="Only the actions this partner (id) leads or takes part in."
        ),
    ] = None,
    state: Annotated[
        PlanState | None, typer.Option("--state", help="Only actions in this state.")
    ] = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatusFormat.table,
) -> None:
    """Show the execution plans' actions per priority: lead, partners, state, and the
    status of the indicators each aims at."""
    from .plans import load_valid, plans_report
    from .render_plans import PLANS_RENDERERS

    try:
        report = plans_report(
            load_valid(data), plan, priority, partner, state.value if state else None
        )
    except IvbError as error:
        raise _fail(error) from None
    with _output():
        PLANS_RENDERERS[fmt.value](report, sys.stdout)


@app.command()
def partners(
    data: DataDir = Path("data"),
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatusFormat.table,
) -> None:
    """Show each partner with the priorities and actions it is involved in, and leads."""
    from .plans import load_valid, partners_report
    from .render_plans import PARTNERS_RENDERERS

    try:
        rows = partners_report(load_valid(data))
    except IvbError as error:
        raise _fail(error) from None
    with _output():
        PARTNERS_RENDERERS[fmt.value](rows, sys.stdout)


@app.command("set-action")
def set_action(
    action: Annotated[str, typer.Argument(metavar="ACTION", help="The action's id.")],
    state: Annotated[PlanState, typer.Option("--state", help="The new state.")],
    note: Annotated[
        str | None,
        typer.Option("--note", help="Why the state changed (stored as the action's reason)."),
    ] = None,
    date: Annotated[
        datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="When it changed (default: today)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
    ] = False,
    data: DataDir = Path("data"),
) -> None:
    """Change an action's state, with the date and reason, touching nothing else."""
    from .plans import set_action as change

    try:
        done = change(
            data,
            action,
            state.value,
            note=note,
            date=date.date() if date else None,
            dry_run=dry_run,
            on_wait=_say_waiting,
        )
    except IvbError as error:
        raise _fail(error) from None
    with _output("" if dry_run else " (the change was written)"):
        if dry_run:
            sys.stdout.write(done.diff)
        verb = "Set" if done.written else "Would set"
        reason = f": {done.new['reason']}" if "reason" in done.new else ""
        sys.stdout.write(
            f"{verb} {done.action} from {done.old} to {done.new['state']} on "
            f"{done.new['changed']}{reason} in {done.path}.\n"
        )
    if dry_run:
        sys.stderr.write("Dry run: nothing written.\n")


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


class Language(StrEnum):
    nl = "nl"
    en = "en"


@app.command()
def report(
    data: DataDir = Path("data"),
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            min=1990,
            max=2100,
            help="Report as of this year, as `ivb status --year` evaluates it; without it, "
            "all values count.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained page) or markdown (needs -o: its charts are "
            "written beside it). Default: markdown for -o FILE.md, else html.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    lang: Annotated[
        Language, typer.Option("--lang", help="The report's language: nl (Dutch) or en.")
    ] = Language.nl,
) -> None:
    """Make the yearly report for the council: every priority's indicators with a chart,
    their status in words, the data still missing, and the execution plans' actions."""
    if fmt is None:
        markdown = output is not None and output.suffix.lower() in (".md", ".markdown")
        fmt = ReportFormat.markdown if markdown else ReportFormat.html
    if fmt is ReportFormat.markdown and output is None:
        raise _fail(
            IvbError(
                "--format markdown needs -o FILE: its charts are SVG files written in a "
                "folder beside it (for -o report.md: report-charts/); --format html "
                "carries them inline and can go to stdout",
                Exit.USAGE,
            )
        )
    from .plans import load_valid
    from .render_report import write_report
    from .report import build_report

    try:
        built = build_report(load_valid(data), as_of=year)
        text = write_report(built, fmt.value, lang.value, output)
    except IvbError as error:
        raise _fail(error) from None
    with _output():
        sys.stdout.write(text)


@app.command()
def schema(
    file: Annotated[
        SchemaFile, typer.Argument(help="Which data file the schema describes.")
    ] = SchemaFile.indicators,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to this file instead of stdout.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a data file, for editors that check YAML as it is typed."""
    from .schema import schema_text

    text = schema_text(file.value)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(IvbError(f"{output}: cannot write: {exc.strerror}")) from None


def main(argv: list[str] | None = None) -> int:
    """Run ivb; returns the exit code (3 and a traceback for a bug in ivb itself)."""
    try:
        code = _run(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
        return code
    except KeyboardInterrupt:
        sys.stderr.write("ivb: interrupted\n")
        return 130
    except BrokenPipeError:  # the reader of our output left early, as `| head` does
        _silence_stdout()
        return PIPE_CLOSED
    except Exception:  # a bug: show everything needed to report it
        import traceback

        traceback.print_exc()
        sys.stderr.write("ivb: this is a bug in ivb; please report it with the text above.\n")
        return Exit.BUG


def _run(argv: list[str] | None) -> int:
    try:
        app(args=argv, prog_name="ivb")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else Exit.DATA)
    return Exit.OK
