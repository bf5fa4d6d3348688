"""Rules across objects and files, as a registry of small pure functions.

``registry`` holds the machinery; ``structure`` (ids, uniqueness, references) and
``values`` (units, years, sums, codes) register their checks when imported, in that order.
"""

from . import structure, values  # noqa: F401  (importing registers their checks)
from .registry import CHECKS, Finding, check, run_checks

__all__ = ["CHECKS", "Finding", "check", "run_checks"]
