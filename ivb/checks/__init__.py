"""Rules across objects and files, as a registry of small pure functions.

``registry`` holds the machinery; ``structure`` (ids, uniqueness, references), ``values``
(units, years, sums, codes), ``plans`` (the execution plans) and ``opendata`` (the series
``ivb import`` reads) register their checks when imported.
"""

from . import opendata, plans, structure, values  # noqa: F401  (importing registers their checks)
from .registry import CHECKS, PLAN, Finding, check, run_checks

__all__ = ["CHECKS", "PLAN", "Finding", "check", "run_checks"]
