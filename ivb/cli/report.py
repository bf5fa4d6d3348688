"""The command ``report``: the yearly evaluation for the council."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_, _
from ..problems import UsageError
from .app import DataDir, app, output_option, write_output
from .language import LangOption, output_language


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


@app.command(
    help=N_(
        "Make the yearly report for the council, as HTML or markdown.\n\n"
        "Every priority's indicators with a chart and their status in words, the data still "
        "missing, and the execution plans' actions."
    )
)
def report(
    data: DataDir = Path("data"),
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            min=1990,
            max=2100,
            help=N_(
                "Report as of this year, as `ivb status --year` evaluates it; without it, all "
                "values count."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "html (one self-contained page) or markdown (needs -o: its charts are written "
                "beside it). Default: markdown for -o FILE.md, else html."
            ),
        ),
    ] = None,
    output: Annotated[str | None, output_option("report")] = None,
    lang: LangOption = None,
) -> None:
    """Make the yearly report for the council (the help is the command's ``help``,
    translated)."""
    from ..data.writing import output_path

    target = None if output is None else output_path(output, data)
    if fmt is None:
        markdown = target is not None and target.suffix.lower() in (".md", ".markdown")
        fmt = ReportFormat.markdown if markdown else ReportFormat.html
    if fmt is ReportFormat.markdown and target is None:
        raise UsageError(
            _(
                "--format markdown needs -o FILE: its charts are SVG files written in a "
                "folder beside it (for -o report.md: report-charts/); --format html "
                "carries them inline and can go to stdout"
            )
        )
    from ..data.load import load_valid
    from ..report.build import build_report

    dataset = load_valid(data)
    language = output_language(lang, dataset.indicators.policy.language)
    built = build_report(dataset, as_of=year)
    if target is not None:
        from ..report.files import write_report

        # What was written is a diagnostic: stderr, as stdout is for data.
        sys.stderr.write(write_report(built, fmt.value, language.value, target, data))
        return
    from ..report.render import render_html

    page = render_html(built, language.value)
    with write_output():
        sys.stdout.write(page)
