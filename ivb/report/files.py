"""Writing ``ivb report`` to files: the HTML page, or the markdown with its charts folder.

The output's path is checked before anything is written (``writing.output_path``: never a
data file, a folder or a device), so a report that cannot be written leaves nothing
behind; each file is written atomically (``writing.write_atomic``). What was written is
returned as text for the command to say on stderr: it is a diagnostic, not the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..data.writing import check_output_file, check_replaceable, write_atomic
from ..i18n import _, ngettext
from ..problems import IvbError, os_reason
from .render import render_html, render_markdown

if TYPE_CHECKING:
    from .build import Report


def charts_folder(path: Path) -> Path:
    """The folder of a markdown report's charts: ``report-charts/`` beside ``report.md``."""
    return path.with_name(f"{path.stem}-charts")


# The first line of every chart a markdown report writes: how a later report knows which
# files of the charts folder are its own old charts, to remove, and which are not.
CHART_MARK = "<!-- a chart of ivb report -->\n"


def write_markdown(
    report: Report, lang: str, path: Path, data_dir: Path | None = None
) -> tuple[int, list[str]]:
    """Write the markdown report to ``path`` and its charts beside it; returns the number
    of charts and the names of the old charts removed. Every path is checked first (no
    chart may lead to a data file, a folder or a device; the report must be writable), so
    a refusal leaves nothing written. Each file is written atomically, the charts first,
    so that the report never links to a chart that is not there; then the old charts of
    the charts folder that this report did not write (an indicator since removed or
    renamed: an ``.svg`` file that starts as ivb's charts do) are deleted. Nothing else in
    the folder is touched."""
    folder = charts_folder(path)
    text, charts = render_markdown(report, lang, folder.name)
    check_replaceable(path)
    for name in charts:
        check_output_file(folder / name, data_dir)
        check_replaceable(folder / name)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise IvbError(
            _("{folder}: cannot make the charts folder: {error}").format(
                folder=folder, error=os_reason(exc)
            )
        ) from None
    for name, svg in charts.items():
        write_atomic(folder / name, (CHART_MARK + svg).encode("utf-8"), create=True)
    write_atomic(path, text.encode("utf-8"), create=True)
    removed = []
    for old in sorted(folder.glob("*.svg")):
        if old.name not in charts and old.is_file() and not old.is_symlink() and _ours(old):
            try:
                old.unlink()
            except OSError as exc:
                raise IvbError(
                    _("{file}: cannot remove this old chart: {error}").format(
                        file=old, error=os_reason(exc)
                    )
                ) from None
            removed.append(old.name)
    return len(charts), removed


def _ours(path: Path) -> bool:
    """Whether a file is a chart an ivb report wrote (it starts with ``CHART_MARK``)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(CHART_MARK)) == CHART_MARK.encode()
    except OSError:
        return False


def write_report(
    report: Report, fmt: str, lang: str, output: Path, data_dir: Path | None = None
) -> str:
    """Write the report as ``fmt`` ("html" or "markdown") to ``output``; returns what was
    written, in words ("Wrote report.html."). ``output`` has passed
    ``writing.output_path``."""
    if fmt == "markdown":
        charts, removed = write_markdown(report, lang, output, data_dir)
        done = ngettext(
            "Wrote {file} and its {count} chart in {folder}/.",
            "Wrote {file} and its {count} charts in {folder}/.",
            charts,
        ).format(file=output, count=charts, folder=charts_folder(output))
        done += "\n"
        if removed:
            gone = (
                _("Removed an old chart no indicator has now: {names}.")
                if len(removed) == 1
                else _("Removed {count} old charts no indicator has now: {names}.")
            )
            done += gone.format(count=len(removed), names=", ".join(removed))
            done += "\n"
        return done
    write_atomic(output, render_html(report, lang).encode("utf-8"), create=True)
    return _("Wrote {file}.").format(file=output) + "\n"
