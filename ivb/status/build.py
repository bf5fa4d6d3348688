"""``ivb status``: every indicator of every priority evaluated against its target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..layout import check_data_dir, data_file_paths
from ..problems import UsageError
from ..progress import Evaluation
from . import cache
from .judge import data_year, evaluate_indicator
from .view import IndicatorView, PriorityView, StatusView

HISTORY_YEARS = 4  # how many years of history a status row shows


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: IndicatorView
    evaluation: Evaluation


@dataclass(frozen=True)
class PriorityStatus:
    priority: PriorityView
    rows: tuple[IndicatorStatus, ...]


@dataclass(frozen=True)
class StatusReport:
    view: StatusView
    as_of: int | None
    priorities: tuple[PriorityStatus, ...]
    history_years: tuple[int, ...]  # the years the history column shows


def load_view(data_dir: Path) -> StatusView:
    """The validated data of ``data_dir`` as a ``StatusView``, from the cache when the files
    are unchanged. Raises ``DataProblems`` when the data has errors."""
    check_data_dir(data_dir)
    key = cache.fingerprint(data_file_paths(data_dir))
    view = cache.load(data_dir, key)
    if view is None:
        view = _validated_view(data_dir)
        cache.store(data_dir, key, view)
    return view


def _validated_view(data_dir: Path) -> StatusView:
    # Imported here: YAML and Pydantic are only needed when the cache has no answer.
    from ..data.load import load_valid
    from .view import build_view

    return build_view(load_valid(data_dir))


def build_status(
    view: StatusView, as_of: int | None = None, priority: int | None = None
) -> StatusReport:
    """Evaluate every indicator, per priority, as of ``as_of`` (all years when ``None``)."""
    priorities = view.priorities
    if priority is not None:
        priorities = tuple(p for p in priorities if p.number == priority)
        if not priorities:
            numbers = ", ".join(str(p.number) for p in view.priorities)
            raise UsageError(
                _("there is no priority {priority}; the priorities are {numbers}").format(
                    priority=priority, numbers=numbers
                )
            )
    evaluations: dict[str, Evaluation] = {}
    result = []
    latest_year = data_year(view, as_of)
    for p in priorities:
        rows = []
        for ident in p.indicators:
            ind = view.indicators[ident]
            if ident not in evaluations:
                evaluations[ident] = evaluate_indicator(ind, as_of, latest_year)
            rows.append(IndicatorStatus(ind, evaluations[ident]))
        result.append(PriorityStatus(p, tuple(rows)))
    return StatusReport(view, as_of, tuple(result), _history_years(view, as_of))


def _history_years(view: StatusView, as_of: int | None) -> tuple[int, ...]:
    """The last few years up to ``as_of`` that have a value for any indicator.

    Years without any value (nobody has reported them yet) are skipped, so one early
    figure for a later year does not push the plan's baseline years out of sight.
    """
    years = {
        y
        for ind in view.indicators.values()
        for y, v in ind.measurements.items()
        if v is not None and (as_of is None or y <= as_of)
    }
    return tuple(sorted(years)[-HISTORY_YEARS:])
