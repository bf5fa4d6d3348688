"""Rules on the execution plans in ``plans/``: references, dates, ids, coverage, targets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import N_, _
from ..layout import DATA_FILE_NAMES, INDICATORS, PARTNERS
from ..models import Dataset, EvaluationNote
from ..problems import WARNING
from .registry import PLAN, Finding, check, suggest
from .structure import bad_id
from .values import MAX_YEAR, MIN_YEAR, unit_problem

COVERAGE_CODES = ("priority-without-action", "indicator-without-action")
# Findings that need every plan file read: not reported while one cannot be.
NEEDS_ALL_PLANS = (*COVERAGE_CODES, "unknown-action")


@check(INDICATORS, PARTNERS, PLAN, errors=("id-format", "duplicate-id"))
def check_plan_ids(ds: Dataset) -> Iterator[Finding]:
    """Plan and action ids are kebab-case and unique across all plans.

    Fails: action ``lokfietsen`` in both 2015-2016 and 2016-2017.
    """
    plans: dict[str, str] = {}
    actions: dict[str, str] = {}
    for role, pf in ds.plans.items():
        yield from bad_id(role, ("plan", "id"), pf.plan.id)
        if pf.plan.id in plans:
            yield Finding(
                role,
                ("plan", "id"),
                "duplicate-id",
                _("plan id {plan!r} is used twice (also in {file})").format(
                    plan=pf.plan.id, file=plans[pf.plan.id]
                ),
            )
        plans.setdefault(pf.plan.id, role)
        for a, action in enumerate(pf.actions):
            yield from bad_id(role, ("actions", a, "id"), action.id)
            if action.id in actions:
                yield Finding(
                    role,
                    ("actions", a, "id"),
                    "duplicate-id",
                    _(
                        "action id {action!r} is used twice (also in {file}); ids are "
                        "unique across plans"
                    ).format(action=action.id, file=actions[action.id]),
                )
            actions.setdefault(action.id, role)


@check(
    INDICATORS,
    PARTNERS,
    PLAN,
    errors=(
        "unknown-priority",
        "unknown-partner",
        "unknown-indicator",
        "duplicate-reference",
        "budget-amount",
    ),
)
def check_plan_references(ds: Dataset) -> Iterator[Finding]:
    """Each action's priority, lead, partners and indicators, and each plan target's
    indicator, exist (the closest ids suggested); an action names a partner or an
    indicator once (the lead counts as a partner); a budget is not negative.

    Fails: ``lead: politei``; ``indicators: [woninginbraak]``; ``budget: {amount: -500}``.
    """
    priorities = {p.id for p in ds.indicators.priorities}
    partners = {p.id for p in ds.partners.partners}
    indicators = {i.id for i in ds.indicators.indicators}

    def ref(
        role: str, path: tuple[Any, ...], ident: str, known: set[str], code: str, message: str
    ) -> Iterator[Finding]:
        """``message`` names the unknown id as ``{id!r}``, then ``{suggestion}``."""
        if ident not in known:
            yield Finding(
                role, path, code, message.format(id=ident, suggestion=suggest(ident, known))
            )

    unknown_partner = _("partner {id!r} is not defined{suggestion}")
    unknown_indicator = _("indicator {id!r} is not defined{suggestion}")
    for role, pf in ds.plans.items():
        for a, action in enumerate(pf.actions):
            base = ("actions", a)
            yield from ref(
                role,
                (*base, "priority"),
                action.priority,
                priorities,
                "unknown-priority",
                _("priority {id!r} is not defined{suggestion}"),
            )
            if action.lead is not None:
                yield from ref(
                    role, (*base, "lead"), action.lead, partners, "unknown-partner", unknown_partner
                )
            for p, partner in enumerate(action.partners):
                yield from ref(
                    role,
                    (*base, "partners", p),
                    partner,
                    partners,
                    "unknown-partner",
                    unknown_partner,
                )
            for n, ident in enumerate(action.indicators):
                yield from ref(
                    role,
                    (*base, "indicators", n),
                    ident,
                    indicators,
                    "unknown-indicator",
                    unknown_indicator,
                )
        for t, target in enumerate(pf.targets):
            yield from ref(
                role,
                ("targets", t, "indicator"),
                target.indicator,
                indicators,
                "unknown-indicator",
                unknown_indicator,
            )
        for a, action in enumerate(pf.actions):
            for field in ("partners", "indicators"):
                seen: set[str] = set()
                for n, ident in enumerate(getattr(action, field)):
                    if ident in seen or (field == "partners" and ident == action.lead):
                        yield Finding(
                            role,
                            ("actions", a, field, n),
                            "duplicate-reference",
                            (
                                _("{action!r} names {id!r} twice (lead and partners count as one)")
                                if field == "partners"
                                else _("{action!r} names {id!r} twice")
                            ).format(action=action.id, id=ident),
                        )
                    seen.add(ident)
            if action.budget is not None and action.budget.amount < 0:
                yield Finding(
                    role,
                    ("actions", a, "budget", "amount"),
                    "budget-amount",
                    _("{action!r}: a budget of {amount} euros; an amount is 0 or more").format(
                        action=action.id, amount=action.budget.amount
                    ),
                )


@check(
    INDICATORS,
    PLAN,
    errors=(
        "year-range",
        "period-order",
        "plan-adoption",
        "evaluation-year",
        "action-date",
        "done-without-date",
    ),
)
def check_plan_dates(ds: Dataset) -> Iterator[Finding]:
    """A plan's period is plausible and runs forward; its actions' dates (those of their
    earlier states in ``history`` too) and the years of its evaluations lie within it,
    start before end; an action that is ``done`` has the date
    it was done (``changed``); an adopted or evaluated plan says when it was adopted.

    Fails: ``start: 2019-01-01`` in the 2015-2016 plan; ``state: done`` without ``changed``.
    """
    for role, pf in ds.plans.items():
        start, end = pf.plan.period.start, pf.plan.period.end
        if not (MIN_YEAR <= start <= MAX_YEAR and MIN_YEAR <= end <= MAX_YEAR):
            yield Finding(
                role,
                ("plan", "period"),
                "year-range",
                _("the period {start}-{end} is not plausible (expected {first}-{last})").format(
                    start=start, end=end, first=MIN_YEAR, last=MAX_YEAR
                ),
            )
            continue
        if end < start:
            yield Finding(
                role,
                ("plan", "period"),
                "period-order",
                _("the period ends ({end}) before it starts ({start})").format(
                    end=end, start=start
                ),
            )
            continue
        if pf.plan.state != "draft" and pf.plan.adopted is None:
            yield Finding(
                role,
                ("plan", "state"),
                "plan-adoption",
                _("the plan is {state}, but `adopted` does not say when and by whom").format(
                    state=pf.plan.state
                ),
            )
        notes: list[tuple[tuple[Any, ...], EvaluationNote]]
        notes = [(("plan", "evaluations", e), n) for e, n in enumerate(pf.plan.evaluations)]
        notes += [
            (("actions", a, "evaluations", e), n)
            for a, action in enumerate(pf.actions)
            for e, n in enumerate(action.evaluations)
        ]
        for path, note in notes:
            if not start <= note.year <= end:
                yield Finding(
                    role,
                    (*path, "year"),
                    "evaluation-year",
                    _(
                        "an evaluation of {year} lies outside the plan's period {start}-{end}"
                    ).format(year=note.year, start=start, end=end),
                )
        for a, action in enumerate(pf.actions):
            for field in ("start", "end", "changed"):
                day = getattr(action, field)
                if day is not None and not start <= day.year <= end:
                    yield Finding(
                        role,
                        ("actions", a, field),
                        "action-date",
                        _(
                            "{action!r}: {field} {date} lies outside the plan's period "
                            "{start}-{end}"
                        ).format(action=action.id, field=field, date=day, start=start, end=end),
                    )
            for h, change in enumerate(action.history):
                if change.date is not None and not start <= change.date.year <= end:
                    yield Finding(
                        role,
                        ("actions", a, "history", h, "date"),
                        "action-date",
                        _(
                            "{action!r}: the change of state on {date} lies outside the "
                            "plan's period {start}-{end}"
                        ).format(action=action.id, date=change.date, start=start, end=end),
                    )
            if action.start and action.end and action.end < action.start:
                yield Finding(
                    role,
                    ("actions", a, "end"),
                    "action-date",
                    _("{action!r} ends ({end}) before it starts ({start})").format(
                        action=action.id, end=action.end, start=action.start
                    ),
                )
            if action.state == "done" and action.changed is None:
                yield Finding(
                    role,
                    ("actions", a, "state"),
                    "done-without-date",
                    _("{action!r} is done, but `changed` does not say when").format(
                        action=action.id
                    ),
                )


@check(PLAN, errors=("history-order",))
def check_action_history(ds: Dataset) -> Iterator[Finding]:
    """An action's earlier states (``history``) are in the order they happened, oldest
    first, and none is dated after the current state's change (``changed``). A change
    without a date is not compared.

    Passes: ``history: [{date: 2015-05-01, state: running}]`` with ``changed: 2016-03-01``.
    Fails: ``history`` dated 2016-05-01 then 2015-09-01; a history date of 2016-06-01 with
    ``changed: 2016-03-01``.
    """
    for role, pf in ds.plans.items():
        for a, action in enumerate(pf.actions):
            last = None
            for h, change in enumerate(action.history):
                if change.date is None:
                    continue
                path = ("actions", a, "history", h, "date")
                if last is not None and change.date < last:
                    yield Finding(
                        role,
                        path,
                        "history-order",
                        _(
                            "{action!r}: the change of {date} is listed after the one of "
                            "{earlier}; history lists the earlier states oldest first"
                        ).format(action=action.id, date=change.date, earlier=last),
                    )
                elif action.changed is not None and change.date > action.changed:
                    yield Finding(
                        role,
                        path,
                        "history-order",
                        _(
                            "{action!r}: an earlier state dated {date} comes after the "
                            "current state's change ({changed})"
                        ).format(action=action.id, date=change.date, changed=action.changed),
                    )
                last = change.date if last is None else max(last, change.date)


@check(
    PLAN,
    errors=(
        "unknown-action",
        "continues-order",
        "continues-priority",
        "continued-twice",
        "continues-cycle",
    ),
)
def check_continued_actions(ds: Dataset) -> Iterator[Finding]:
    """An action that ``continues`` another names an action of a plan that starts earlier
    (the closest ids suggested for an unknown one), with the same priority; an action is
    continued by at most one action, and no chain of continued actions runs in a circle.

    Passes: ``lokautos-2016`` in 2016-2017 with ``continues: lokautos`` of 2015-2016.
    Fails: ``continues: lokauto``; an action of 2015-2016 that continues one of 2016-2017;
    two actions of 2016-2017 that both continue ``lokautos``.
    """
    where: dict[str, tuple[str, int]] = {}  # action id -> (its plan file, its index)
    for role, pf in ds.plans.items():
        for a, action in enumerate(pf.actions):
            where.setdefault(action.id, (role, a))

    def action_at(place: tuple[str, int]) -> Any:
        return ds.plans[place[0]].actions[place[1]]

    continued_by: dict[str, str] = {}
    for role, pf in ds.plans.items():
        for a, action in enumerate(pf.actions):
            earlier = action.continues
            if earlier is None:
                continue
            path = ("actions", a, "continues")
            if earlier not in where:
                yield Finding(
                    role,
                    path,
                    "unknown-action",
                    _(
                        "{action!r} continues {earlier!r}, which is not an action of the "
                        "plans{suggestion}"
                    ).format(action=action.id, earlier=earlier, suggestion=suggest(earlier, where)),
                )
                continue
            other_role, other = where[earlier]
            before = ds.plans[other_role].plan
            if before.period.start >= pf.plan.period.start:
                yield Finding(
                    role,
                    path,
                    "continues-order",
                    _(
                        "{action!r} continues {earlier!r} of {file}, a plan that starts in "
                        "{year}, not before this one ({start}); an action continues one of "
                        "an earlier plan"
                    ).format(
                        action=action.id,
                        earlier=earlier,
                        file=_file_name(other_role),
                        year=before.period.start,
                        start=pf.plan.period.start,
                    ),
                )
            if action_at((other_role, other)).priority != action.priority:
                yield Finding(
                    role,
                    path,
                    "continues-priority",
                    _(
                        "{action!r} serves {priority!r}, but the action it continues, "
                        "{earlier!r}, serves {other!r}"
                    ).format(
                        action=action.id,
                        priority=action.priority,
                        earlier=earlier,
                        other=action_at((other_role, other)).priority,
                    ),
                )
            if earlier in continued_by:
                yield Finding(
                    role,
                    path,
                    "continued-twice",
                    _(
                        "{earlier!r} is continued by {action!r} already; an action is "
                        "continued by one action at most"
                    ).format(earlier=earlier, action=continued_by[earlier]),
                )
            continued_by.setdefault(earlier, action.id)
    reported: set[str] = set()
    for ident, (role, a) in where.items():
        chain = [ident]
        step = action_at((role, a)).continues
        while step in where and step not in chain:
            chain.append(step)
            step = action_at(where[step]).continues
        if step == ident and ident not in reported:
            reported.update(chain)
            yield Finding(
                role,
                ("actions", a, "continues"),
                "continues-cycle",
                _("{action!r} continues itself through {chain}").format(
                    action=ident, chain=" -> ".join(repr(c) for c in [*chain[1:], ident])
                )
                if len(chain) > 1
                else _("{action!r} continues itself").format(action=ident),
            )


@check(
    INDICATORS,
    PLAN,
    errors=(
        "count-value",
        "percent-range",
        "rate-value",
        "target-year",
        "duplicate-reference",
        "conflicting-target",
    ),
)
def check_plan_targets(ds: Dataset) -> Iterator[Finding]:
    """A plan's targets fit their indicator's unit and lie in the years from the plan's
    start to the policy's end; two plans (or a plan and indicators.yaml) do not set
    different targets for the same indicator and year.

    Fails: 2015-2016 and 2016-2017 both setting 2016 for overval, to 0 and to 1.
    """
    indicators = {i.id: i for i in ds.indicators.indicators}
    policy_end = ds.indicators.policy.period.end
    set_by: dict[tuple[str, int], tuple[float, str]] = {
        (i.id, year): (t.value, "indicators.yaml")
        for i in ds.indicators.indicators
        for year, t in i.targets.items()
        if t is not None
    }
    for role, pf in ds.plans.items():
        for t, target in enumerate(pf.targets):
            ind = indicators.get(target.indicator)
            if ind is None:
                continue  # reported as unknown-indicator
            path = ("targets", t)
            problem = unit_problem(target.value, ind.unit)
            if problem is not None:
                yield Finding(
                    role,
                    (*path, "value"),
                    problem[0],
                    _("the target for {year} of {indicator!r} {problem}").format(
                        year=target.year, indicator=ind.id, problem=problem[1]
                    ),
                )
            last = max(policy_end, pf.plan.period.end)
            if not pf.plan.period.start <= target.year <= last:
                yield Finding(
                    role,
                    (*path, "year"),
                    "target-year",
                    _(
                        "target year {year} of {indicator!r} lies outside {start}-{end}, the "
                        "years this plan can set targets for"
                    ).format(
                        year=target.year, indicator=ind.id, start=pf.plan.period.start, end=last
                    ),
                )
            earlier = set_by.get((ind.id, target.year))
            if earlier is not None and earlier[1] == role:
                yield Finding(
                    role,
                    (*path, "year"),
                    "duplicate-reference",
                    _("this plan sets the {year} target of {indicator!r} twice").format(
                        year=target.year, indicator=ind.id
                    ),
                )
            elif earlier is not None and abs(earlier[0] - target.value) > 1e-9:
                yield Finding(
                    role,
                    (*path, "value"),
                    "conflicting-target",
                    _(
                        "{indicator!r} {year}: this plan sets {value}, but {file} sets {other}"
                    ).format(
                        indicator=ind.id,
                        year=target.year,
                        value=target.value,
                        file=earlier[1],
                        other=earlier[0],
                    ),
                )
            set_by.setdefault((ind.id, target.year), (target.value, role))


# What a looser target is, by direction ("-/+" holds a level: no target is looser).
_LOOSER = {"-": N_("a higher ceiling"), "+": N_("a lower floor")}


# One place that sets a target: its value, the file, the place in it, and whether a
# problem points at its key (a year of indicators.yaml) rather than its value (a plan's).
_Place = tuple[float, str, tuple[Any, ...], bool]


@check(INDICATORS, warnings=("target-looser",))
def check_target_looser(ds: Dataset) -> Iterator[Finding]:
    """A later target is not looser than the one before it, in the indicator's direction:
    for ``"-"`` no higher ceiling, for ``"+"`` no lower floor (``"-/+"`` holds a level, so
    none is looser). The targets of indicators.yaml and of the plans count together, by
    year; each is compared with the nearest earlier year that has one. A target whose
    value or year another rule refuses is left to that rule. A warning, at the later
    target: the council may loosen a target, but never unnoticed.

    Passes: ``2015: 150`` and ``2016: 140`` for a ``"-"`` indicator. Warns: ``2015: 100``
    and ``2016: 110`` (a higher ceiling); a floor of 20 for 2015, then a plan's 15 for 2017
    (a lower floor).
    """
    period = ds.indicators.policy.period
    indicators = {ind.id: (n, ind) for n, ind in enumerate(ds.indicators.indicators)}
    targets: dict[str, dict[int, list[_Place]]] = {}  # indicator id -> year -> its places
    for n, ind in indicators.values():
        for year, goal in ind.targets.items():
            if goal is not None and max(MIN_YEAR, period.start) <= year <= MAX_YEAR:
                place: _Place = (goal.value, INDICATORS, ("indicators", n, "targets", year), True)
                targets.setdefault(ind.id, {}).setdefault(year, []).append(place)
    for role, pf in ds.plans.items():
        last = max(period.end, pf.plan.period.end)  # as check_plan_targets allows
        for t, target in enumerate(pf.targets):
            if target.indicator in indicators and pf.plan.period.start <= target.year <= last:
                place = (target.value, role, ("targets", t, "value"), False)
                targets.setdefault(target.indicator, {}).setdefault(target.year, []).append(place)
    for ident, years in targets.items():
        ind = indicators[ident][1]
        if ind.direction not in _LOOSER:
            continue
        sign = 1 if ind.direction == "-" else -1
        before: tuple[int, float, str] | None = None  # the year, value and file before
        for year in sorted(years):
            places = [p for p in years[year] if unit_problem(p[0], ind.unit) is None]
            for value, file, path, key in places:
                if before is None or sign * (value - before[1]) <= 1e-9:
                    continue
                where = (
                    "" if before[2] == file else _(" in {file}").format(file=_file_name(before[2]))
                )
                yield Finding(
                    file,
                    path,
                    "target-looser",
                    _(
                        "{indicator!r}: the target for {year} ({value}) is looser than the one "
                        "for {earlier} ({earlier_value}{where}): {looser}"
                    ).format(
                        indicator=ind.id,
                        year=year,
                        value=value,
                        earlier=before[0],
                        earlier_value=before[1],
                        where=where,
                        looser=_(_LOOSER[ind.direction]),
                    ),
                    WARNING,
                    key=key,
                )
            if places:
                before = (year, places[0][0], places[0][1])


def _file_name(role: str) -> str:
    """A data file as a message names it: indicators.yaml, plans/2015-2016.yaml."""
    return DATA_FILE_NAMES.get(role, role)


@check(INDICATORS, PLAN, warnings=("priority-without-action", "indicator-without-action"))
def check_plan_coverage(ds: Dataset) -> Iterator[Finding]:
    """Every priority has an action, and every indicator an action that aims at it, in
    some plan. Warnings: a gap in the plans, not in the data (the policy plan names no
    measure for some indicators). Not reported while a plan file cannot be read, as the
    coverage is then unknown.
    """
    if not ds.plans:
        return
    served = {a.priority for pf in ds.plans.values() for a in pf.actions}
    aimed = {i for pf in ds.plans.values() for a in pf.actions for i in a.indicators}
    for p, priority in enumerate(ds.indicators.priorities):
        if priority.id not in served:
            yield Finding(
                INDICATORS,
                ("priorities", p, "id"),
                "priority-without-action",
                _("no plan has an action for priority {number} ({title})").format(
                    number=priority.number, title=priority.title
                ),
                WARNING,
            )
    for i, ind in enumerate(ds.indicators.indicators):
        if ind.id not in aimed:
            yield Finding(
                INDICATORS,
                ("indicators", i, "id"),
                "indicator-without-action",
                _("no action in the plans aims at {indicator!r}").format(indicator=ind.id),
                WARNING,
            )
