"""The command ``validate``: every problem of the data files, for people and for CI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_
from .app import DataDir, Exit, ProblemFormat, app, write_output


# The help texts are marked with N_: the command line translates them when it builds the
# command, once the language is chosen.
@app.command(
    help=N_(
        "Check the data files: schema, references, values, years and sums.\n\n"
        "Reports every problem in one run as file:line:column: level: message (code)."
    )
)
def validate(
    data: DataDir = Path("data"),
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("Fail (exit 1) on warnings too."))
    ] = False,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "How to report problems: text (file:line:column), github "
                "(GitHub Actions annotations), json; auto is github under GitHub Actions, "
                "else text."
            ),
        ),
    ] = ProblemFormat.auto,
) -> None:
    from ..data.load import load_dataset
    from ..layout import check_data_dir
    from ..render.problems import PROBLEM_RENDERERS

    check_data_dir(data)
    loaded = load_dataset(data)
    name = fmt.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    failed = any(p.is_error or strict for p in loaded.problems)
    with write_output():
        PROBLEM_RENDERERS[name](loaded.problems, len(loaded.documents), failed=failed)
    raise typer.Exit(Exit.DATA if failed else Exit.OK)
