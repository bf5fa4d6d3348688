"""The registry of checks: what a check yields, how checks register, and how they run.

Each check takes the validated ``Dataset`` and yields ``Finding``s: which file, which place
in it, a stable kebab-case code, and a message. ``data.load`` turns the place into a line
and column. A check never reads a file and never raises for bad data. Each check declares
the files it reads, so the checks of one file still run when the other cannot be read.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..models import Dataset, Indicator
from ..problems import ERROR, WARNING, closest


@dataclass(frozen=True)
class Finding:
    file: str  # INDICATORS or PARTNERS
    path: tuple[Any, ...]
    code: str
    message: str
    level: str = ERROR
    key: bool = False  # point at the key of ``path`` rather than its value


Check = Callable[[Dataset], Iterable[Finding]]


class Rule:
    """A registered check: the files it reads, and the codes it reports with their level
    (what ``docs/rules.md`` lists). A plain class: one is made for every check at every
    start, and a dataclass costs more to define than the rest of the registry."""

    __slots__ = ("check", "files", "codes")

    def __init__(self, check: Check, files: frozenset[str], codes: dict[str, str]) -> None:
        self.check = check
        self.files = files
        self.codes = codes  # code -> ERROR or WARNING

    @property
    def name(self) -> str:
        return self.check.__name__

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")


CHECKS: list[Rule] = []


def check(
    *files: str, errors: Iterable[str] = (), warnings: Iterable[str] = ()
) -> Callable[[Check], Check]:
    """Register a check that reads ``files`` and reports the codes ``errors`` and
    ``warnings``; checks run in the order they are defined."""
    codes = dict.fromkeys(errors, ERROR) | dict.fromkeys(warnings, WARNING)

    def register(func: Check) -> Check:
        CHECKS.append(Rule(func, frozenset(files), codes))
        return func

    return register


PLAN = "plan"  # stands for the plan files in a check's files: it runs on those that loaded


def run_checks(dataset: Dataset, available: Iterable[str]) -> list[Finding]:
    """Run every check whose files are all ``available`` (loaded, if only in part); a
    check of the plans runs on the plan files that loaded, if any did."""
    have = set(available)
    if any("/" in role for role in have):
        have.add(PLAN)
    return [f for rule in CHECKS if rule.files <= have for f in rule.check(dataset)]


def indicators_of(ds: Dataset) -> Iterator[tuple[int, Indicator]]:
    return enumerate(ds.indicators.indicators)


def suggest(name: str, known: Iterable[str]) -> str:
    """A ``; did you mean ...?`` suffix naming the closest known names, if any are close."""
    close = closest(name, known, cutoff=0.6, parts=False)
    if not close:
        return ""
    # Translators: joins the names of "did you mean 'a' or 'b'?"
    names = _(" or ").join(repr(c) for c in close)
    return _("; did you mean {names}?").format(names=names)
