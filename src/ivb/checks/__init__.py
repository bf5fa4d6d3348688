"""Rules across objects and files, as a registry of small pure functions.

``registry`` holds the machinery; ``structure`` (ids, uniqueness, references), ``values``
(units, years, sums, codes) and ``plans`` (the execution plans) register their checks when
imported.
"""

from . import plans, structure, values  # noqa: F401  (importing registers their checks)
from .registry import CHECKS, PLAN, Finding, check, run_checks

__all__ = ["CHECKS", "PLAN", "Finding", "check", "run_checks"]
