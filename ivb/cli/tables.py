"""What ``ivb status`` and ``ivb plans`` share: their formats (the others and a workbook),
``-o``, and writing what they render to standard output or to a file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import IO

from ..i18n import N_, _
from ..problems import UsageError
from .app import write_output
from .language import Language


class TableFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


FORMAT_HELP = N_(
    "Output format. csv in Dutch (the default for a Dutch policy) is for Dutch Excel: ';', "
    "decimal commas, UTF-8 with a byte order mark; --lang en gives the plain csv for "
    "scripts. xlsx: an Excel workbook, needs -o FILE."
)


def output_target(output: str | None, fmt: TableFormat, data: Path) -> Path | None:
    """The file of ``-o`` (checked: never a data file, a folder or a device), or ``None``
    for standard output. A workbook needs a file: it is binary, not for a terminal."""
    from ..data.writing import output_path

    target = None if output is None else output_path(output, data)
    if fmt is TableFormat.xlsx and target is None:
        raise UsageError(
            _(
                "--format xlsx needs -o FILE (e.g. -o status.xlsx): a workbook is a binary "
                "file, not for a terminal"
            )
        )
    return target


def renderer_name(fmt: TableFormat, lang: Language) -> str:
    """The renderer of a text format: the csv follows the language (``csv-nl`` for Dutch
    Excel), the other formats are the same in both."""
    return "csv-nl" if fmt is TableFormat.csv and lang is Language.nl else fmt.value


def write_rendered(render: Callable[[IO[str]], None], target: Path | None, utf8: bool) -> None:
    """What ``render`` writes, to standard output or (atomically) to ``target``. ``utf8``:
    the output is UTF-8 whatever the terminal's encoding (the Dutch csv, whose byte order
    mark says so to Excel)."""
    import io

    if target is None and not utf8:
        with write_output():
            render(sys.stdout)
        return
    text = io.StringIO()
    render(text)
    data = text.getvalue().encode("utf-8")
    if target is None:
        with write_output():
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return
    write_file(target, data)


def write_file(target: Path, data: bytes) -> None:
    """``data`` written atomically to ``target`` (which passed ``output_target``), and
    said on stderr: stdout is for data."""
    from ..data.writing import write_atomic

    write_atomic(target, data, create=True)
    sys.stderr.write(_("Wrote {path}.").format(path=target) + "\n")
