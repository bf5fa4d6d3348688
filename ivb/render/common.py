"""What the renderers share: the words and colours of the statuses, the terminal console,
and markdown escaping."""

from __future__ import annotations

import re
from typing import IO, Any

from ..text import spreadsheet_text

STATUS_LABELS = {
    "achieved": "achieved",
    "not-achieved": "not achieved",
    "on-track": "on track",
    "off-track": "off track",
    "stale": "stale",
    "no-data": "no data",
    "no-target": "no target",
}
STATUS_STYLES = {
    "achieved": "bold green",
    "on-track": "green",
    "off-track": "yellow",
    "not-achieved": "bold red",
    "stale": "magenta",
    "no-data": "dim",
    "no-target": "dim",
}


def status_words(ev: Any) -> str:
    """A status with what qualifies it, as the terminal shows it: "off track (chance)" when
    chance alone could make the difference; the verdict of an earlier target year that
    the status does not give ("achieved ('15: not achieved)", against the 2015 target
    carried forward, whose own year missed it)."""
    words = STATUS_LABELS[ev.status]
    if ev.within_chance:
        words += " (chance)"
    judged = ev.status not in ("no-data", "no-target")
    current = (
        ev.target.year if ev.target is not None and (not ev.carried_forward or not judged) else None
    )
    earlier = [
        f"'{year % 100:02d}: {STATUS_LABELS[verdict]}"
        for year, verdict in ev.verdicts.items()
        if year != current
    ]
    if earlier:
        words += f" ({'; '.join(earlier)})"
    return words


def terminal(out: IO[str]) -> Any:
    """A rich console for a command's output: no markup or emoji read from data, at least
    60 columns wide (COLUMNS=0 or a tiny window), and a reader that leaves early (``| head``)
    ends ivb quietly through ``main``."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    console = _Console(file=out, highlight=False, markup=False, emoji=False)
    console.width = max(console.width, 60)
    return console


class SafeCsv:
    """A CSV writer for a spreadsheet: text cells that would start a formula (``=``,
    ``+``, ``-``, ``@``) get a leading ``'`` (``text.spreadsheet_text``); numbers are
    written as numbers."""

    def __init__(self, out: IO[str]) -> None:
        import csv

        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, cells: list[Any]) -> None:
        self._writer.writerow([spreadsheet_text(c) if isinstance(c, str) else c for c in cells])


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def escape_md(text: str) -> str:
    """Text as markdown shows it literally (names may hold *, _, |, < ...), on one line (a
    line break would end a heading or a paragraph's line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def md_cell(text: str) -> str:
    """Text for a cell of a markdown table: shown literally, its lines kept apart by
    ``<br>`` (a line break would end the row)."""
    return "<br>".join(escape_md(line) for line in text.splitlines())
