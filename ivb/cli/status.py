"""The command ``status``: where each indicator stands against its target."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import DataDir, StatusFormat, app, write_output


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
    from ..render.status import STATUS_RENDERERS
    from ..status.build import build_status, load_view

    report = build_status(load_view(data), as_of=year, priority=priority)
    with write_output():
        STATUS_RENDERERS[fmt.value](report, sys.stdout)
