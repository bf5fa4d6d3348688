"""One indicator judged as ``ivb status`` judges it, for every command that says where an
indicator stands (status, the report, add-measurement's confirmation). Apart from
``build`` so that a command that only needs the judgement does not load the status cache."""

from __future__ import annotations

from ..progress import YEARLY, Evaluation, Source, evaluate
from .view import IndicatorView, StatusView


def data_year(view: StatusView, as_of: int | None) -> int | None:
    """The year judged without ``--year``: the latest year with a value for any indicator,
    up to ``as_of`` and within the policy (a figure recorded for a year after the policy's
    last does not make every other indicator stale)."""
    last = view.period[1] if as_of is None else min(as_of, view.period[1])
    years = [
        y
        for ind in view.indicators.values()
        for y, v in ind.measurements.items()
        if v is not None and y <= last
    ]
    return max(years, default=None)


def evaluate_indicator(
    ind: IndicatorView, as_of: int | None, latest_year: int | None
) -> Evaluation:
    """One indicator's evaluation, as ``ivb status`` makes it (``progress.evaluate``)."""
    source = Source(ind.editions, ind.published) if ind.editions is not None else YEARLY
    return evaluate(
        ind.values,
        ind.target_values,
        ind.direction,
        ind.tolerance,
        as_of,
        unit=ind.unit,
        source=source,
        data_year=latest_year,
    )
