"""The command ``status``: where each indicator stands against its target."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_
from .app import DataDir, app, output_option
from .language import LangOption, output_language
from .tables import FORMAT_HELP, TableFormat, output_target, renderer_name, write_rendered


@app.command(help=N_("Show where each indicator stands against its target, per priority."))
def status(
    data: DataDir = Path("data"),
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            min=1990,
            max=2100,
            help=N_(
                "Evaluate as of this year: only values up to it, and the target for it or the "
                "next one."
            ),
        ),
    ] = None,
    priority: Annotated[
        int | None,
        typer.Option("--priority", "-p", help=N_("Show only this priority (its number).")),
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help=FORMAT_HELP)
    ] = TableFormat.table,
    output: Annotated[str | None, output_option("status")] = None,
    lang: LangOption = None,
) -> None:
    """Show where each indicator stands against its target, per priority (the help is
    the command's ``help``, translated)."""
    from ..status.build import build_status, load_view

    target = output_target(output, fmt, data)
    view = load_view(data)
    language = output_language(lang, view.language)
    report = build_status(view, as_of=year, priority=priority)
    if fmt is TableFormat.xlsx:
        from ..render.sheets import status_workbook
        from ..report.catalogue import TEXTS
        from .tables import write_file

        assert target is not None  # output_target refuses a workbook without -o
        write_file(target, status_workbook(report, TEXTS[language.value]))
        return
    from ..render.status import STATUS_RENDERERS

    name = renderer_name(fmt, language)
    write_rendered(lambda out: STATUS_RENDERERS[name](report, out), target, name == "csv-nl")
