"""The execution plans: who does what, for which indicator, and how far it is.

- ``record``: one action with the actions of earlier plans it continues, as one record
  (``action_record``, ``action_records``), and an action's state on a day (``state_on``).
- ``views``: ``plans_report`` (the actions per priority) and ``partners_report``.
- ``write``: ``set_action`` (a state, the one before kept in the history) and
  ``evaluate`` (an action's evaluation, a plan's conclusions), through the one safe,
  minimal-diff write path of ``add-measurement``.
"""

from __future__ import annotations

from .record import (
    ActionRecord,
    PlanBudget,
    PlanRef,
    RecordedChange,
    RecordedEvaluation,
    action_record,
    action_records,
    state_on,
)
from .views import (
    ActionRow,
    PartnerRow,
    PlansReport,
    PlanSummary,
    PriorityActions,
    partners_report,
    plans_report,
)
from .write import STATES, ActionSet, Evaluated, evaluate, set_action

__all__ = [
    "STATES",
    "ActionRecord",
    "ActionRow",
    "ActionSet",
    "Evaluated",
    "PartnerRow",
    "PlanBudget",
    "PlanRef",
    "PlanSummary",
    "PlansReport",
    "PriorityActions",
    "RecordedChange",
    "RecordedEvaluation",
    "action_record",
    "action_records",
    "evaluate",
    "partners_report",
    "plans_report",
    "set_action",
    "state_on",
]
