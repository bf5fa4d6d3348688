"""The command line: options in, one core call, a renderer, an exit code. A command lets
the core's ``IvbError`` go; ``_run`` reports it (a message, no traceback) as its exit code.

The commands live in ``cli.py`` (status, validate, schema), ``cli_records.py``
(add-measurement, import), ``cli_plans.py`` (plans, partners, set-action) and
``cli_report.py`` (report); ``cli_app.py`` holds what they share. ``--help`` lists them in
the order they register.

Exit codes: 0 clean, 1 data problems or a user error (a message, no traceback), 2 wrong
usage, 3 a bug in ivb (with its traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .cli_app import (
    PIPE_CLOSED,
    DataDir,
    ProblemFormat,
    SchemaFile,
    StatusFormat,
    app,
    silence_stdout,
    write_output,
)
from .problems import DataProblems, Exit, IvbError


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

    report = build_status(load_view(data), as_of=year, priority=priority)
    with write_output():
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

    check_data_dir(data)
    loaded = load_dataset(data)
    name = fmt.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    failed = any(p.is_error or strict for p in loaded.problems)
    with write_output():
        PROBLEM_RENDERERS[name](loaded.problems, len(loaded.documents), failed=failed)
    raise typer.Exit(Exit.DATA if failed else Exit.OK)


# The other modules' commands register when imported: here, so that --help lists them in
# this order (after status and validate, before schema).
from . import cli_records  # noqa: E402, F401, I001
from . import cli_plans  # noqa: E402, F401
from . import cli_report  # noqa: E402, F401


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
        raise IvbError(f"{output}: cannot write: {exc.strerror}") from None


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
        silence_stdout()
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
    except IvbError as error:  # every command's user-facing error, caught here only
        return _report(error)
    return Exit.OK


def _report(error: IvbError) -> int:
    """Report a user-facing error on stderr (a data problem with each error's file:line);
    its exit code."""
    if isinstance(error, DataProblems):
        from .diagnostics import render_problems_text

        errors = [p for p in error.problems if p.is_error]
        render_problems_text(errors, error.files, failed=True)
    sys.stderr.write(f"ivb: {error.message}\n")
    return error.exit_code
