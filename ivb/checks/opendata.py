"""Rules on the open-data series that ``ivb import`` reads (``open_data`` of an indicator)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..i18n import _
from ..layout import INDICATORS
from ..models import Dataset
from ..opendata.names import norm, topic_key
from ..problems import WARNING
from .registry import Finding, check, indicators_of

TABLE_ID = re.compile(r"\d{5}[A-Z]{3}\Z")  # 47013NED
MUNICIPALITY_CODE = re.compile(r"GM\d{4}\Z")  # GM0547


@check(INDICATORS, errors=("open-data-twice", "open-data-table", "open-data-category"))
def check_open_data_series(ds: Dataset) -> Iterator[Finding]:
    """A series names its table by id, and its category by code, by title or by both, or
    none for a table without categories (47008NED); other titles of the category go beside
    its title. An indicator has at most one series per table.

    Passes: ``{table: 47013NED, category: "1.4.1", title: Zedendelicten, other_titles:
    [Zedenmisdrijf], topic: Geregistreerde misdrijven}``; ``{table: 47008NED, topic:
    Reactietijd 0 tot 15 minuten}``.
    Fails: ``{table: misdrijven, topic: Geregistreerde misdrijven}`` (no id);
    ``{table: 47013NED, category: "1.4.1", other_titles: [Zedenmisdrijf], ...}`` (other
    titles, but no title); two series of 47013NED on one indicator.
    """
    for i, ind in indicators_of(ds):
        tables: set[str] = set()
        for s, series in enumerate(ind.open_data):
            path = ("indicators", i, "open_data", s)
            if series.table in tables:
                yield Finding(
                    INDICATORS,
                    (*path, "table"),
                    "open-data-twice",
                    _(
                        "{indicator!r} declares a second series of {table}; ivb does not add "
                        "series up: give the one that counts what the indicator counts"
                    ).format(indicator=ind.id, table=series.table),
                )
            tables.add(series.table)
            if not TABLE_ID.match(series.table):
                yield Finding(
                    INDICATORS,
                    (*path, "table"),
                    "open-data-table",
                    _(
                        "{table!r} is not an open-data table id (five digits and three "
                        "letters, such as 47013NED)"
                    ).format(table=series.table),
                )
            if series.other_titles and not series.title:
                yield Finding(
                    INDICATORS,
                    (*path, "other_titles"),
                    "open-data-category",
                    _(
                        "the open-data series of {indicator!r} lists other titles of its "
                        "category but not its title: give the title the table uses now (title)"
                    ).format(indicator=ind.id),
                )


@check(INDICATORS, warnings=("open-data-shared",))
def check_open_data_shared(ds: Dataset) -> Iterator[Finding]:
    """Two indicators fed by the same series would always show the same figures (a
    warning), compared as ``ivb import`` compares series.

    Passes: 1.1.1 feeds one indicator. Warns: 1.1.1 of 47013NED feeds two.
    """
    seen: dict[tuple[str, ...], str] = {}
    for i, ind in indicators_of(ds):
        for s, series in enumerate(ind.open_data):
            key = (  # compared as the import compares them
                series.table,
                series.category or "",
                norm(series.title or "") if not series.category else "",
                topic_key(series.topic),
            )
            other = seen.setdefault(key, ind.id)
            if other != ind.id:
                yield Finding(
                    INDICATORS,
                    ("indicators", i, "open_data", s),
                    "open-data-shared",
                    _("the open-data series {table} {category} also feeds {indicator!r}").format(
                        table=series.table,
                        category=series.category or series.title,
                        indicator=other,
                    ),
                    WARNING,
                )


@check(INDICATORS, errors=("municipality-code",))
def check_municipality_code(ds: Dataset) -> Iterator[Finding]:
    """The municipality's open-data code is GM and four digits.

    Passes: ``GM0547``. Fails: ``0547``, ``Leiderdorp``.
    """
    code = ds.indicators.policy.municipality_code
    if code is not None and not MUNICIPALITY_CODE.match(code):
        yield Finding(
            INDICATORS,
            ("policy", "municipality_code"),
            "municipality-code",
            _(
                "{code!r} is not a municipality code of the open data (GM and four digits, "
                "such as GM0547)"
            ).format(code=code),
        )
