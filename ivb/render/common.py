"""What the renderers share: the words and colours of the statuses, the terminal console,
and markdown escaping."""

from __future__ import annotations

import re
from typing import IO, Any

from ..i18n import N_, _
from ..text import spreadsheet_text
from .numbers import full_number

# The words of the statuses, in English; ``status_label`` gives them in the language in
# use, the same words as the report's (``report.catalogue``).
STATUS_LABELS = {
    "achieved": N_("achieved"),
    "not-achieved": N_("not achieved"),
    "on-track": N_("on track"),
    "off-track": N_("off track"),
    "stale": N_("stale"),
    "no-data": N_("no data"),
    "no-target": N_("no target"),
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


def status_label(status: str) -> str:
    """A status in words, in the language in use: "off track", "niet op koers"."""
    return _(STATUS_LABELS[status])


def _chance(ev: Any) -> str:
    # Translators: after a status ("off track (chance)"): chance alone could make the
    # difference between the value and the target.
    return " " + _("(chance)") if ev.within_chance else ""


def status_words(ev: Any, *, verdicts: bool = True) -> str:
    """A status with what qualifies it: "off track (chance)" when chance alone could make
    the difference; with ``verdicts``, what ``verdict_words`` says after it, in brackets
    ("achieved (judged against the 2015 target, the last; 2015: not achieved)")."""
    words = status_label(ev.status) + _chance(ev)
    more = verdict_words(ev) if verdicts else ""
    return f"{words} ({more})" if more else words


def verdict_words(ev: Any) -> str:
    """What the status does not say of the targets, or "": that a later value is judged
    against an earlier target, the last there is; the verdict of each target year the
    status does not give ("2015: not achieved (chance)")."""
    parts = []
    if ev.carried_forward and ev.target is not None:
        parts.append(_("judged against the {year} target, the last").format(year=ev.target.year))
    parts += [
        _("{year}: {status}").format(year=year, status=status_label(v.status) + _chance(v))
        for year, v in ev.other_verdicts.items()
    ]
    return "; ".join(parts)


def priority_heading(number: int, title: str) -> str:
    """A priority's heading in the language in use: "Priority 2 · Overlast"."""
    return _("Priority {number} · {title}").format(number=number, title=title)


# The words of the states of an action and of a plan, the same as the report's.
STATE_LABELS = {
    "planned": N_("planned"),
    "running": N_("running"),
    "done": N_("done"),
    "stopped": N_("stopped"),
    "draft": N_("draft"),
    "adopted": N_("adopted"),
    "evaluated": N_("evaluated"),
}


def state_label(state: str) -> str:
    """An action's or a plan's state in words, in the language in use: "gestopt"."""
    return _(STATE_LABELS[state]) if state in STATE_LABELS else state


def terminal(out: IO[str], least: int = 60) -> Any:
    """A rich console for a command's output: no markup or emoji read from data, at least
    ``least`` columns wide (a tiny window; COLUMNS=0 is 80), and a reader that leaves early
    (``| head``) ends ivb quietly through ``main``."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    console = _Console(file=out, highlight=False, markup=False, emoji=False)
    console.width = max(console.width, least)
    return console


class SafeCsv:
    """A CSV writer for a spreadsheet: text cells that would start a formula (``=``,
    ``+``, ``-``, ``@``) get a leading ``'`` (``text.spreadsheet_text``); numbers are
    written as numbers.

    ``dutch``: the csv that Excel with Dutch settings opens in columns, with its numbers
    read as numbers: ``;`` between the cells, a decimal comma (``0,956730769``, no
    thousands mark), and a byte order mark first, by which Excel knows the file is UTF-8
    (written with the first row; the caller writes the text as UTF-8). Otherwise the
    plain csv that scripts read: ``,`` and decimal points, no mark.
    """

    def __init__(self, out: IO[str], *, dutch: bool = False) -> None:
        import csv

        self._out = out
        self._dutch = dutch
        self._started = False
        self._writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\n")

    def writerow(self, cells: list[Any]) -> None:
        if self._dutch and not self._started:
            self._out.write(BOM)
        self._started = True
        self._writer.writerow([self._cell(c) for c in cells])

    def _cell(self, cell: Any) -> Any:
        if isinstance(cell, str):
            return spreadsheet_text(cell)
        if self._dutch and isinstance(cell, float):
            # Formatted here, after the text cells' guard: "-0,375" is a number.
            return full_number(cell, ",")
        return cell


BOM = "\ufeff"  # the byte order mark: UTF-8, says the Dutch csv to Excel


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def escape_md(text: str) -> str:
    """Text as markdown shows it literally (names may hold *, _, |, < ...), on one line (a
    line break would end a heading or a paragraph's line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def md_cell(text: str) -> str:
    """Text for a cell of a markdown table: shown literally, its lines kept apart by
    ``<br>`` (a line break would end the row)."""
    return "<br>".join(escape_md(line) for line in text.splitlines())
