"""The words of ``ivb report``, written in English and translated through ivb's gettext
catalogue (``ivb/i18n.py``; the Dutch in ``ivb/locale/nl/LC_MESSAGES/ivb.po``), the
mechanism every text of ivb goes through. ``TEXTS[lang]`` is the catalogue in one
language, with the same keys in each; ``text`` builds the sentences from them. The labels
of the data (names, sources, titles, notes) are never translated."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..i18n import N_, translate
from ..progress import ACHIEVED, NO_DATA, NO_TARGET, NOT_ACHIEVED, OFF_TRACK, ON_TRACK, STALE

# How each language writes a number: its decimal sign and the sign that groups thousands.
NUMBERS = {"nl": {"decimal": ",", "thousands": "."}, "en": {"decimal": ".", "thousands": ","}}

ENGLISH: dict[str, Any] = {
    "status": N_("Status"),
    "title": N_("Report on the {policy}"),
    "as_of": N_("as of {year}"),
    "all_years": N_("all years"),
    "period": N_("policy period {start}-{end}"),
    "adopted": N_("Adopted on {date}; adopted by: {by}."),
    "document": N_("Policy document: {document}."),
    "plans_for": N_("Execution plans: {plans}."),
    "no_plans": N_("There is no execution plan."),
    "no_plan_year": N_("There is no execution plan for {year}."),
    "note": N_("Note"),
    "outside_period": N_("{year} lies outside the policy period {start}-{end}."),
    "contents": N_("Contents"),
    "summary": N_("Summary"),
    "priority": N_("Priority"),
    "indicators": N_("Indicators"),
    "total": N_("Total"),
    "completeness": N_("Completeness of the data"),
    "completeness_year": N_("These indicators have no value for {year} yet:"),
    "survey": N_(
        "{name} ({count} indicators) does not measure every year but in {years}: a year "
        "in between is not missing. {due}"
    ),
    "survey_next": N_("The next figure is due in {year}."),
    "survey_next_unknown": N_("When the next edition comes is not declared yet."),
    "survey_overdue": N_("The edition of {years} has no figures yet."),
    "completeness_none": N_(
        "There are no values at all yet; these indicators await their first figure:"
    ),
    "complete": N_("Every indicator has a value for {year}."),
    "indicator": N_("Indicator"),
    "source": N_("Source"),
    "figure_source": N_("Source of {year}"),
    "received": N_("received {date}"),
    "goal": N_("Goal"),
    "counts": N_("{total} indicators: {counts}."),
    "counts_one": N_("1 indicator: {counts}."),
    "year": N_("Year"),
    "value": N_("Actual"),
    "provisional_note": N_("* provisional figure: the source may still revise it."),
    "baseline": N_("Baseline (first value)"),
    "latest_value": N_("Latest value"),
    "target_value": N_("Target"),
    "distance": N_("Difference from the target"),
    "progress": N_("Progress"),
    "reference": N_("Reference"),
    "remark": N_("Remark"),
    "chart_of": N_("Chart of {name}"),
    "execution": N_("Execution"),
    "execution_year": N_("Execution in {year}"),
    "execution_intro": N_(
        "Per execution plan its actions with their state at the end of {year}, the "
        "states before it in {year}, their evaluation and budget. An action a later plan "
        "of {year} continues is shown once, under that plan."
    ),
    "execution_intro_all": N_(
        "Per execution plan its actions with their state now, the states before, "
        "evaluations and budgets. An action a later plan continues is shown once, under "
        "that plan."
    ),
    "no_actions": N_("This execution plan has no actions."),
    "all_continued": N_(
        "A later execution plan of this year continues every action of this plan; they "
        "are shown there."
    ),
    "all_continued_all": N_(
        "A later execution plan continues every action of this plan; they are shown there."
    ),
    "state_end": N_("State at the end of {year}"),
    "state_now": N_("Current state"),
    "course_year": N_("Earlier in {year}"),
    "course": N_("Earlier"),
    "now": N_("Now"),
    "evaluation": N_("Evaluation {year}"),
    "budget": N_("Budget"),
    "budget_in": N_("{amount} in {period}"),
    "ran_in": N_("Execution plans"),
    "euro": N_("€{amount}"),
    "plan_conclusions": N_("Conclusions and adjustments"),
    "lead": N_("Lead"),
    "partners": N_("Partners"),
    "no_lead": N_("not named"),
    "since": N_("since {date}"),
    "on": N_("on {date}"),
    "shared": N_(
        "{count} indicators serve two priorities and count once in the total: {indicators}."
    ),
    "how": N_("How status is determined"),
    # The workbooks of `ivb status` and `ivb plans` (--format xlsx); their other headers
    # are the report's words.
    "sheets": {
        "actions": N_("Actions"),
        "action": N_("Action"),
        "id": N_("Id"),
        "state": N_("State"),
        "since": N_("Since"),
        "target_year": N_("Target year"),
    },
    "statuses": {
        ACHIEVED: N_("achieved"),
        NOT_ACHIEVED: N_("not achieved"),
        ON_TRACK: N_("on track"),
        OFF_TRACK: N_("off track"),
        STALE: N_("stale"),
        NO_DATA: N_("no data"),
        NO_TARGET: N_("no target"),
    },
    "within_chance": N_("within chance"),
    "plan_states": {
        "draft": N_("draft"),
        "adopted": N_("adopted"),
        "evaluated": N_("evaluated"),
    },
    "months": [
        N_("January"),
        N_("February"),
        N_("March"),
        N_("April"),
        N_("May"),
        N_("June"),
        N_("July"),
        N_("August"),
        N_("September"),
        N_("October"),
        N_("November"),
        N_("December"),
    ],
    "states": {
        "planned": N_("planned"),
        "running": N_("running"),
        "done": N_("done"),
        "stopped": N_("stopped"),
    },
    "directions": {
        "-": N_("lower is better"),
        "+": N_("higher is better"),
        "-/+": N_("hold the level"),
    },
    "target": N_("target {value} in {year}"),
    "band": N_(" (band ±{band})"),
    "no_target": N_("no target"),
    "in_year": N_("{value} in {year}"),
    "provisional_value": N_("{value} (provisional) in {year}"),
    "no_value": N_("no value yet"),
    "no_value_as_of": N_("no value up to {year}"),
    "pp": N_("{value} percentage points"),
    "pp_one": N_("{value} percentage point"),
    "still_above": N_("still {size} above the target"),
    "still_below": N_("still {size} below the target"),
    "above": N_("{size} above the target"),
    "below": N_("{size} below the target"),
    "at": N_("at the target"),
    "within": N_("within the band"),
    "outside": N_("outside the band"),
    "why": {
        ACHIEVED: N_("the value for {year} meets the target."),
        NOT_ACHIEVED: N_("the value for {year} does not meet the target."),
        "met": N_("the latest value already meets the target."),
        "pace": N_(
            "a straight path from {baseline} in {baseline_year} to {target} in {target_year} "
            "passes {expected} in {year}; {latest} is {verdict}."
        ),
        "baseline_met": N_(
            "the baseline ({baseline} in {baseline_year}) already met the target; {latest} "
            "does not."
        ),
        "as_good": N_("at least as good"),
        "worse": N_("worse"),
        "level": N_("for a level to hold, only whether the value lies within the band counts."),
        "single": N_("there is only the baseline, which does not meet the target yet."),
        "none_yet": N_("there is no value yet."),
        "too_old": N_("there is no value for {year} or later yet to judge the target by."),
        NO_TARGET: N_("the plan names no target."),
        STALE: N_(
            "the latest value is of {year}, while the {survey} of {expected} already has "
            "figures: too old to judge where things stand."
        ),
        "stale_yearly": N_(
            "the latest value is of {year}; as a yearly figure, one for {expected} is due by "
            "now: too old to judge where things stand."
        ),
        "no_edition": N_(
            "the {survey} measures in {years}; no edition is declared that can measure the "
            "target of {year}."
        ),
        "carried": N_(
            "There is no target after {target_year}; the value of {year} is judged against "
            "that of {target_year}."
        ),
        "verdict": N_("Target year {year}: {verdict} ({value} against {target})."),
        "verdict_none": N_("Target year {year}: no value for that year."),
        "verdict_edition": N_(
            "Target year {year}: {verdict} ({value} in {measured}, the first edition after "
            "it, against {target})."
        ),
        "verdict_chance": N_(", within chance)."),
        "chance": N_(
            "The difference may be chance: a registered count of {count} is consistent with "
            "an underlying level of {low} to {high} a year (95%), and {compared} lies within "
            "it."
        ),
    },
    "front": N_("Summary for the council"),
    "front_intro": N_(
        "Per priority: which figures of {year} are better or worse than the figure "
        "before, which are still missing, and the conclusions of the execution plans. "
        "Every figure per indicator is in the appendix."
    ),
    "front_none": N_("There are no figures to compare yet."),
    "better": N_("Better than the figure before"),
    "worse": N_("Worse than the figure before"),
    "same": N_("No clear difference"),
    "first": N_("First figure, nothing to compare with yet"),
    "missing_year": N_("No figure for {year} yet"),
    "between": N_("Not measured in {year}"),
    "between_item": N_("{count} indicators of the {survey}, which measures in {years}"),
    "between_one": N_("1 indicator of the {survey}, which measures in {years}"),
    "change_item": N_("{name}: {before} ({before_year}) → {now} ({year})"),
    "chance_item": N_("within chance"),
    "margin": N_(
        "Better and worse follow each indicator's direction; for (-/+) the distance to "
        "the level to hold counts. For counts, chance is weighed (95%). For percentages "
        "and rates per inhabitants the source records no margin of error: whether a "
        "small difference is chance cannot be said there."
    ),
    "conclusions": N_("Conclusions and adjustments on {year}"),
    "no_conclusions": N_(
        "No conclusions of an execution plan on {year} are recorded yet (ivb evaluate)."
    ),
    "appendix": N_("Appendix"),
    "appendix_intro": N_(
        "The appendix gives every indicator per priority: its figures, chart, status "
        "with the reason, explanations and source."
    ),
    "compared_with": N_("For comparison"),
    "explanation": N_("Explanation {year}"),
    "reference_same_year": N_("in {year}: {own}, {group} {value}"),
    "reference_no_own": N_("{group} {value} in {year}; {municipality} has no figure for {year}"),
    "reference_no_year": N_(
        "{group} {value} (the policy plan does not say of which year); {municipality} "
        "{own} in {own_year}"
    ),
    "reference_no_year_no_own": N_("{group} {value} (the policy plan does not say of which year)"),
    "chart_measured": N_("measured"),
    "chart_provisional": N_("provisional"),
    "chart_target": N_("target"),
    "chart_path": N_("path to target"),
    "chart_as_of": N_("as of"),
    "chart_no_data": N_("no data"),
    "chart_band": N_("band"),
    "chart_reference": N_("reference"),
    "rules": [
        N_(
            "Baseline, actual, target: the baseline is the first figure, the actual the "
            "figure of a year, the target the figure the plan aims at for a year."
        ),
        N_(
            "Which values count: the values up to the year of the report; without one, up to "
            "the latest year with data within the policy period. The latest value is the "
            "most recent of those, the baseline the earliest: the first value (for a "
            "baseline measured over several years, its first year). A year without a value "
            "(–) is skipped, never read as 0."
        ),
        N_(
            "Which target: the one for the year or the first after it; if all lie before it, "
            "the last one, and the report says so. Each target year keeps its own verdict, "
            "by the value of that very year (for a survey, of its first edition after it)."
        ),
        N_(
            "Direction: (-) lower is better, the target is a ceiling; (+) higher is better, "
            "the target is a floor; (-/+) hold the level: met when the value lies within the "
            "band (by default 10% of the target, for a count at least 1); no progress then."
        ),
        N_(
            "Difference from the target: latest value minus target, in the indicator's unit "
            "(percentage points for a percentage). Progress: the share of the way from "
            "baseline to target covered; negative when the value moves the wrong way; empty "
            "when there was no way to go (the baseline already met the target)."
        ),
        N_(
            "Status: no target when the plan names none; no data without a value, or when "
            "the target year has passed without a value for it; achieved or not achieved "
            "once there is a value for the target year; before that on track when the latest "
            "value already meets the target or is at least as good as a straight path from "
            "baseline to target has it for that year, else off track. Stale: the latest "
            "value is older than its source allows (a yearly figure: the year before's; a "
            "survey: its latest edition with figures)."
        ),
        N_(
            "Chance: for a count, the exact 95% (Poisson) interval of the latest count; when "
            "the target (or the straight path) lies within it, chance alone could make the "
            "difference, and the verdict says so. In the summary two counts differ only when "
            "the exact test of two counts says so at 95% (2 against 0 is no difference); "
            "percentages and rates per inhabitants carry no margin in the data."
        ),
    ],
}


def _translated(value: Any, lang: str) -> Any:
    if isinstance(value, dict):
        return {k: _translated(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_translated(v, lang) for v in value]
    return translate(value, lang)


@cache
def _catalogue(lang: str) -> dict[str, Any]:
    return {**_translated(ENGLISH, lang), **NUMBERS[lang]}


class _Texts:
    """``TEXTS["nl"]``: the report's words in one language."""

    def __getitem__(self, lang: str) -> dict[str, Any]:
        return _catalogue(lang)


TEXTS = _Texts()
