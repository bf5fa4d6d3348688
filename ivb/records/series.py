"""Which figures of an export belong to which indicator: the ``open_data`` series that each
indicator declares (table id, the open data's category code and/or title, the topic).

Nothing is guessed from the plan's BVH codes: only a declared series feeds an indicator, and
a category whose code matches but whose title does not is refused (the table's classification
may have changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.store import Document
from ..opendata.names import norm, topic_key
from ..opendata.types import Export, Figure
from ..problems import IvbError


def indicators_of(doc: Document) -> list[dict[str, Any]]:
    items = doc.data.get("indicators") if isinstance(doc.data, dict) else None
    return [i for i in items or [] if isinstance(i, dict)]


def series_of(indicator: dict[str, Any], table: str | None = None) -> list[dict[str, Any]]:
    """The open-data series an indicator declares (of ``table`` only, when given)."""
    declared = [s for s in indicator.get("open_data") or [] if isinstance(s, dict)]
    return [s for s in declared if table is None or str(s.get("table")) == table]


def matches(series: dict[str, Any], fig: Figure, file: Path, strict: bool = True) -> bool:
    """Whether ``fig`` belongs to ``series``: the same topic, and the same category by code,
    by title, or by both where both are known. A code that agrees under another title is an
    error when ``strict`` (the export is known to be of the series' table), else no match."""
    code, title, topic = series.get("category"), series.get("title"), series.get("topic")
    if topic_key(str(topic)) != topic_key(fig.topic):
        return False
    code_ok = bool(code and fig.code and str(code).strip() == fig.code)
    title_ok = bool(title and fig.title and norm(str(title)) == norm(fig.title))
    if code and fig.code and not code_ok:
        return False
    if title and fig.title and not title_ok:
        if code_ok and strict:
            raise IvbError(
                f"{file}:{fig.line}: category {fig.code} is titled {fig.title!r} in the export "
                f"but {title!r} in the data: has the table's classification changed? Check "
                "the series and correct its open_data in indicators.yaml"
            )
        return False
    return code_ok or title_ok


def find_table(
    export: Export, asked: str | None, indicators: list[dict[str, Any]]
) -> tuple[str, str]:
    """The export's table id, and how it is known: ``--table``, the file's name, or else the
    one table whose declared series the export holds."""
    if asked is not None:
        if export.table is not None and export.table != asked:
            raise IvbError(
                f"{export.path}: the file's name says table {export.table}, --table says {asked}"
            )
        return asked, "--table"
    if export.table is not None:
        return export.table, "the file's name"
    declared: dict[str, list[dict[str, Any]]] = {}
    for ind in indicators:
        for s in series_of(ind):
            declared.setdefault(str(s.get("table")), []).append(s)
    found = sorted(
        table
        for table, series in declared.items()
        if any(matches(s, f, export.path, strict=False) for s in series for f in export.figures)
    )
    if len(found) == 1:
        return found[0], "its series"
    if not found:
        raise IvbError(
            f"{export.path}: none of the open-data series that the indicators declare is in "
            f"this export (it has {len(export.categories)} categories, topics: "
            f"{', '.join(export.topics)}); nothing was imported"
        )
    raise IvbError(
        f"{export.path}: the file's name does not say which table it is, and the series of "
        f"{' and '.join(found)} both fit; give the table with --table"
    )
