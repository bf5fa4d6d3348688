"""Which figures of an export belong to which indicator: the ``open_data`` series that each
indicator declares (table id, the open data's category code and/or title, the topic).

Nothing is guessed from the plan's BVH codes: only a declared series feeds an indicator, and
a category whose code matches but whose title is none the series accepts is refused (the
table's wording, or its classification, may have changed): that series only.
"""

from __future__ import annotations

from typing import Any

from ..data.store import Document
from ..i18n import _, ngettext
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


MATCH = "match"
NO_MATCH = "no match"
RETITLED = "retitled"  # the series' code, under a title the series does not accept


def titles_of(series: dict[str, Any]) -> list[str]:
    """The titles a series accepts: its title, then its other titles."""
    others = series.get("other_titles")
    found = [series.get("title"), *(others if isinstance(others, list) else [])]
    return [str(t) for t in found if t]


def compare(series: dict[str, Any], fig: Figure) -> str:
    """Whether ``fig`` belongs to ``series``: the same topic, and the same category by code,
    by title (the title or one of its other titles), or by both where both are known; a
    series without a category takes only figures without one (a table such as 47008NED).
    ``RETITLED``: the code agrees, the title is none that the series accepts (the table's
    wording, or its classification, changed)."""
    code, topic = series.get("category"), series.get("topic")
    if topic_key(str(topic)) != topic_key(fig.topic):
        return NO_MATCH
    titles = titles_of(series)
    if not (code or titles):
        return MATCH if fig.code is None and fig.title is None else NO_MATCH
    code_ok = bool(code and fig.code and str(code).strip() == fig.code)
    if code and fig.code and not code_ok:
        return NO_MATCH
    title_ok = bool(titles and fig.title and norm(fig.title) in {norm(t) for t in titles})
    if titles and fig.title and not title_ok:
        return RETITLED if code_ok else NO_MATCH
    return MATCH if code_ok or title_ok else NO_MATCH


def matches(series: dict[str, Any], fig: Figure) -> bool:
    return compare(series, fig) == MATCH


def retitled(series: dict[str, Any], fig: Figure) -> str:
    """Why a ``RETITLED`` figure is refused, naming both titles."""
    titles = titles_of(series)
    word = _("or")
    accepted = f" {word} ".join(repr(t) for t in titles)
    return _("category {code} is titled {title!r} in the export but {accepted} in the data").format(
        code=fig.code, title=fig.title, accepted=accepted
    )


def find_table(
    export: Export, asked: str | None, indicators: list[dict[str, Any]]
) -> tuple[str, str]:
    """The export's table id, and how it is known: ``--table``, the file's name, or else the
    one table whose declared series the export holds."""
    if asked is not None:
        if export.table is not None and export.table != asked:
            raise IvbError(
                _("{file}: the file's name says table {table}, --table says {asked}").format(
                    file=export.path, table=export.table, asked=asked
                )
            )
        return asked, "--table"
    if export.table is not None:
        return export.table, _("the file's name")
    declared: dict[str, list[dict[str, Any]]] = {}
    for ind in indicators:
        for s in series_of(ind):
            declared.setdefault(str(s.get("table")), []).append(s)
    found = sorted(
        table
        for table, series in declared.items()
        if any(matches(s, f) for s in series for f in export.figures)
    )
    if len(found) == 1:
        return found[0], _("its series")
    if not found:
        raise IvbError(
            ngettext(
                "{file}: none of the open-data series that the indicators declare is in this "
                "export (it has {count} category, topics: {topics}); nothing was imported",
                "{file}: none of the open-data series that the indicators declare is in this "
                "export (it has {count} categories, topics: {topics}); nothing was imported",
                len(export.categories),
            ).format(
                file=export.path, count=len(export.categories), topics=", ".join(export.topics)
            )
        )
    word = _("and")
    raise IvbError(
        _(
            "{file}: the file's name does not say which table it is, and the series of "
            "{tables} both fit; give the table with --table"
        ).format(file=export.path, tables=f" {word} ".join(found))
    )
