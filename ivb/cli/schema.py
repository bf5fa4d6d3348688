"""The command ``schema``: the JSON Schema of a data file, for editors."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..i18n import N_
from .app import SchemaFile, app, default_data_dir, output_option


# The help texts are marked with N_: the command line translates them when it builds the
# command, once the language is chosen.
@app.command(
    help=N_("Print the JSON Schema of a data file, for editors that check YAML as it is typed.")
)
def schema(
    file: Annotated[
        SchemaFile,
        typer.Argument(metavar=N_("FILE"), help=N_("Which data file the schema describes.")),
    ] = SchemaFile.indicators,
    output: Annotated[str | None, output_option("schema")] = None,
) -> None:
    from ..data.schema import schema_text
    from ..data.writing import output_path, write_atomic

    target = None if output is None else output_path(output, default_data_dir())
    text = schema_text(file.value)
    if target is None:
        sys.stdout.write(text)
        return
    write_atomic(target, text.encode("utf-8"), create=True)
