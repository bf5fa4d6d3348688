"""The command ``schema``: the JSON Schema of a data file, for editors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..problems import IvbError
from .app import SchemaFile, app


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
    from ..data.schema import schema_text

    text = schema_text(file.value)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IvbError(f"{output}: cannot write: {exc.strerror}") from None
