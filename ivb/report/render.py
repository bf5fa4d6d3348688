"""Output of ``ivb report``: one self-contained HTML page, or markdown with its charts.

The HTML page carries its styles and its charts inline (SVG), so it opens anywhere
without a network and prints to a clean PDF. It is rendered by Jinja2 with autoescaping:
every text from the data is escaped by Jinja, never by hand. The markdown has the same
content in tables (tabulate) and the charts as SVG files in a folder beside it. Both are
rendered here as text; ``files.py`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..progress import BETTER, CHANCE, SAME, STATUSES, WORSE
from ..render.common import escape_md, md_cell
from ..render.numbers import fmt_progress, places_for
from . import text as rt

if TYPE_CHECKING:
    from .build import (
        ActionEntry,
        IndicatorEntry,
        Plan,
        PlanChapter,
        PrioritySection,
        Report,
        StateEntry,
    )

TEMPLATES = Path(__file__).resolve().parent / "templates"


# -- what both formats show -----------------------------------------------------------------


def heading(report: Report, lang: str) -> tuple[str, str]:
    """The title and the line under it: municipality, period, year."""
    t = rt.texts(lang)
    start, end = report.period
    year = t["all_years"] if report.as_of is None else t["as_of"].format(year=report.as_of)
    line = " · ".join([report.municipality, t["period"].format(start=start, end=end), year])
    return t["title"].format(policy=report.policy), line


def remark(report: Report, lang: str) -> str | None:
    """The remark at the top of a report for a year outside the policy period."""
    start, end = report.period
    if report.as_of is None or start <= report.as_of <= end:
        return None
    return rt.texts(lang)["outside_period"].format(year=report.as_of, start=start, end=end)


def no_plan(report: Report, lang: str) -> str:
    t = rt.texts(lang)
    if report.as_of is None:
        return t["no_plans"]
    return t["no_plan_year"].format(year=report.as_of)


def intro(report: Report, lang: str) -> list[str]:
    """The sentences on the policy's adoption, its document and the execution plans."""
    t = rt.texts(lang)
    lines = []
    if report.adopted:
        day, by = report.adopted
        lines.append(t["adopted"].format(date=rt.date_text(day, lang), by=by))
    if report.document:
        lines.append(t["document"].format(document=report.document))
    if report.plans:
        plans = "; ".join(plan_title(p, lang) for p in report.plans)
        lines.append(t["plans_for"].format(plans=plans))
    else:
        lines.append(no_plan(report, lang))
    return lines


def plan_title(plan: Plan, lang: str) -> str:
    """An execution plan's name, its period where the name does not say it, its state:
    "Uitvoeringsplan Integraal Veiligheidsbeleid 2015-2016 (concept)"."""
    state = rt.texts(lang)["plan_states"].get(plan.state, plan.state)
    period = "" if plan.period in plan.name else f", {plan.period}"
    return f"{plan.name} ({state}{period})" if period else f"{plan.name} ({state})"


def counts_text(section: PrioritySection, lang: str) -> str:
    """The line under a priority's goal, e.g. "19 indicatoren: 6 op koers, 13 niet op
    koers." (only the statuses that occur)."""
    t = rt.texts(lang)
    total = len(section.indicators)
    counts = ", ".join(f"{n} {rt.status_label(s, lang)}" for s, n in section.counts.items() if n)
    return (t["counts_one"] if total == 1 else t["counts"]).format(total=total, counts=counts)


def summary_rows(report: Report, lang: str) -> tuple[list[str], list[list[str]]]:
    """How many indicators of each priority have each status (a row per status, a column
    per priority, and the totals). An indicator that serves two priorities counts in each
    of their columns and once in the totals (``shared_text`` says which)."""
    t = rt.texts(lang)
    many = len(report.priorities) > 1
    headers = [t["status"], *(f"{p.number} · {p.title}" for p in report.priorities)]
    headers += [t["total"]] if many else []
    unique = {e.view.id: e for p in report.priorities for e in p.indicators}
    rows = []
    for status in [*STATUSES, None]:
        numbers = [
            len(p.indicators) if status is None else p.counts[status] for p in report.priorities
        ]
        total = sum(1 for e in unique.values() if status is None or e.evaluation.status == status)
        label = t["indicators"] if status is None else rt.status_label(status, lang)
        rows.append([label, *map(str, numbers), *([str(total)] if many else [])])
    return headers, rows


def shared_text(report: Report, lang: str) -> str:
    """Which indicators serve more than one priority, and so count once in the totals."""
    numbers: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for p in report.priorities:
        for e in p.indicators:
            numbers.setdefault(e.view.id, []).append(p.number)
            names[e.view.id] = e.view.name
    shared = [(names[i], n) for i, n in numbers.items() if len(n) > 1]
    if len(report.priorities) < 2 or not shared:
        return ""
    items = [f"{name} ({rt.join_words([str(n) for n in nums], lang)})" for name, nums in shared]
    return rt.texts(lang)["shared"].format(count=len(shared), indicators="; ".join(items))


def overview_rows(section: PrioritySection, lang: str) -> tuple[list[str], list[list[str]]]:
    """A priority's indicators at a glance: latest value, target, status."""
    t = rt.texts(lang)
    rows = []
    for e in section.indicators:
        ev, unit = e.evaluation, e.view.unit
        cells = []
        places = places_for(ev)
        for point in (ev.latest, ev.target):
            if point is None:
                cells.append("–")
                continue
            mark = point is ev.latest and point.year in e.view.provisional
            value = rt.value_text(point.value, unit, lang, mark, e.view.per, places)
            cells.append(t["in_year"].format(value=value, year=point.year))
        rows.append([e.view.name, *cells, rt.status_phrase(ev, lang)])
    return [t["indicator"], t["latest_value"], t["target_value"], t["status"]], rows


def completeness_intro(report: Report, lang: str) -> str:
    t = rt.texts(lang)
    if report.data_year is None:
        return t["completeness_none"]
    if not report.missing:
        return t["complete"].format(year=report.data_year)
    return t["completeness_year"].format(year=report.data_year)


def surveys_text(report: Report, lang: str) -> list[str]:
    """One sentence per source that measures in editions: when it measured, and when its
    next figure is due."""
    t = rt.texts(lang)
    out = []
    for survey in report.surveys:
        years = rt.join_words([str(y) for y in survey.years], lang)
        due = (
            t["survey_next"].format(year=survey.next)
            if survey.next is not None
            else t["survey_next_unknown"]
        )
        text = t["survey"].format(name=survey.name, count=survey.indicators, years=years, due=due)
        if survey.overdue:
            overdue = rt.join_words([str(y) for y in survey.overdue], lang)
            text += " " + t["survey_overdue"].format(years=overdue)
        out.append(text)
    return out


def values_table(entry: IndicatorEntry, lang: str) -> tuple[list[str], list[str]]:
    """The years shown and their values ("–" no value, "*" provisional)."""
    values = entry.values
    return [str(y) for y in values], [
        rt.value_text(
            v,
            entry.view.unit,
            lang,
            y in entry.view.provisional,
            entry.view.per,
            places_for(entry.evaluation),
        )
        for y, v in values.items()
    ]


def explanation_lines(entry: IndicatorEntry, lang: str) -> list[tuple[str, str]]:
    """The explanations ("toelichting") of the years shown, as (label, text)."""
    t = rt.texts(lang)
    return [
        (t["explanation"].format(year=year), text)
        for year, text in entry.view.explanations.items()
        if entry.as_of is None or year <= entry.as_of
    ]


def breakdown_tables(entry: IndicatorEntry, lang: str) -> list[tuple[list[str], list[list[str]]]]:
    """Per breakdown (Halt's referrals by sex, by offence) a small table: its name over a
    row per category, a column per year shown that has the breakdown; "–" where a year
    gives no value for a category. As (headers, rows)."""
    years = [y for y in entry.view.breakdowns if entry.as_of is None or y <= entry.as_of]
    tables: dict[str, tuple[str, dict[str, str], dict[tuple[str, int], float | None]]] = {}
    for year in years:
        for bd in entry.view.breakdowns[year]:
            _, names, cells = tables.setdefault(bd.id, (bd.name, {}, {}))
            for c in bd.categories:
                names.setdefault(c.id, c.name)
                cells[c.id, year] = c.value
    out = []
    for name, names, cells in tables.values():
        shown = [y for y in years if any((c, y) in cells for c in names)]
        rows = [
            [
                label,
                *(
                    "–"
                    if cells.get((c, y)) is None
                    else rt.value_text(cells[c, y], entry.view.unit, lang, per=entry.view.per)
                    for y in shown
                ),
            ]
            for c, label in names.items()
        ]
        out.append(([name, *map(str, shown)], rows))
    return out


def has_provisional(entry: IndicatorEntry) -> bool:
    return any(v is not None and y in entry.view.provisional for y, v in entry.values.items())


def facts(entry: IndicatorEntry, lang: str) -> list[tuple[str, str]]:
    """Baseline, distance and progress, where they exist."""
    t = rt.texts(lang)
    ev, unit = entry.evaluation, entry.view.unit
    out = []
    if ev.baseline is not None:
        value = rt.value_text(ev.baseline.value, unit, lang, per=entry.view.per)
        out.append((t["baseline"], t["in_year"].format(value=value, year=ev.baseline.year)))
    if ev.distance is not None:
        out.append((t["distance"], rt.signed(ev.distance, unit, lang)))
    if ev.progress is not None:
        out.append((t["progress"], fmt_progress(ev.progress)))
    return out


def notes(entry: IndicatorEntry, lang: str) -> list[tuple[str, str, str]]:
    """Source, where each shown figure comes from (as recorded with it), reference groups
    without a value, footnotes and remarks, as (label, separator, text): a footnote keeps
    its marker as printed ("** Het vergroten ...")."""
    t = rt.texts(lang)
    out = [(t["source"], ": ", entry.source)]
    for year, source, received in entry.provenance:
        said = [source] if source else []
        if received:
            said.append(t["received"].format(date=rt.date_text(received, lang)))
        out.append((t["figure_source"].format(year=year), ": ", ", ".join(said)))
    for group, value, of_year in entry.references:
        if value is None:  # one with a value is compared in a sentence of its own
            text = group if of_year is None else f"{group} ({of_year})"
            out.append((t["reference"], ": ", text))
    out += [(marker, " ", text) for marker, text in entry.footnotes]
    out += [(t["remark"], ": ", text) for text in entry.remarks]
    return out


def state_text(state: StateEntry, lang: str) -> str:
    """A state in words: "in uitvoering sinds 1 september 2015", "gestopt op 1 september
    2015: capaciteit naar de regio" (a state that ended is dated "op")."""
    t = rt.texts(lang)
    text = t["states"].get(state.state, state.state)
    if state.since is not None:
        key = "on" if state.state in ("done", "stopped") else "since"
        text += " " + t[key].format(date=rt.date_text(state.since, lang))
    if state.reason:
        text += f": {state.reason}"
    return text


def change_text(change: StateEntry, lang: str) -> str:
    """A change in the course of a year: "1 maart 2015 in uitvoering (gestart met de
    politie)"."""
    t = rt.texts(lang)
    text = t["states"].get(change.state, change.state)
    if change.since is not None:
        text = f"{rt.date_text(change.since, lang)} {text}"
    return f"{text} ({change.reason})" if change.reason else text


def action_lines(action: ActionEntry, report: Report, lang: str) -> list[tuple[str, str]]:
    """What the chapter on the execution says of an action, as (label, text): its state at
    the end of the year (without a year: now), the states before it within the year, the
    state now
    where it differs, its evaluation, budget, lead and partners, and the plans it ran in
    when more than one."""
    t = rt.texts(lang)
    year = report.as_of
    out = [
        (
            t["state_now"] if year is None else t["state_end"].format(year=year),
            state_text(action.state, lang),
        )
    ]
    if action.changes:
        label = t["course"] if year is None else t["course_year"].format(year=year)
        out.append((label, "; ".join(change_text(c, lang) for c in action.changes)))
    if action.now is not None:
        out.append((t["now"], state_text(action.now, lang)))
    for of_year, _, text in action.evaluations:
        out.append((t["evaluation"].format(year=of_year), text))
    if action.budgets:
        many = len(action.budgets) > 1
        amounts = []
        for amount, line, period in action.budgets:
            places = 0 if amount == int(amount) else 2
            said = t["euro"].format(amount=rt.number(amount, lang, places))
            said += f" ({line})" if line else ""
            amounts.append(t["budget_in"].format(amount=said, period=period) if many else said)
        out.append((t["budget"], "; ".join(amounts)))
    out.append((t["lead"], action.lead or t["no_lead"]))
    if action.partners:
        out.append((t["partners"], ", ".join(action.partners)))
    if len(action.periods) > 1:
        out.append((t["ran_in"], ", ".join(action.periods)))
    return out


def no_actions(chapter: PlanChapter, report: Report, lang: str) -> str:
    """What stands under a plan without actions of its own to show."""
    t = rt.texts(lang)
    if not chapter.continued:
        return t["no_actions"]
    return t["all_continued_all" if report.as_of is None else "all_continued"]


def execution_heading(report: Report, lang: str) -> tuple[str, str]:
    """The chapter's heading and the sentence under it."""
    t = rt.texts(lang)
    if report.as_of is None:
        return t["execution"], t["execution_intro_all"]
    year = report.as_of
    return t["execution_year"].format(year=year), t["execution_intro"].format(year=year)


def reference_text(entry: IndicatorEntry, report: Report, lang: str) -> str | None:
    """The plan's reference values beside the municipality's own figure: "Ter
    vergelijking in 2014: Leiderdorp 21%, VRHM en Nederland 29%". A reference without a
    year is compared with nothing of a year: the sentence says the plan gives none."""
    t = rt.texts(lang)
    unit, per = entry.view.unit, entry.view.per
    own_values = entry.view.values
    said = []
    for group, value, of_year in entry.references:
        if value is None:
            continue
        shown = rt.value_text(value, unit, lang, per=per)
        if of_year is not None and of_year in own_values:
            own = rt.value_text(own_values[of_year], unit, lang, per=per)
            said.append(
                t["reference_same_year"].format(
                    year=of_year, own=f"{report.municipality} {own}", group=group, value=shown
                )
            )
        elif of_year is not None:
            said.append(
                t["reference_no_own"].format(
                    group=group, value=shown, year=of_year, municipality=report.municipality
                )
            )
        elif entry.evaluation.latest is not None:
            latest = entry.evaluation.latest
            said.append(
                t["reference_no_year"].format(
                    group=group,
                    value=shown,
                    municipality=report.municipality,
                    own=rt.value_text(latest.value, unit, lang, per=per),
                    own_year=latest.year,
                )
            )
        else:
            said.append(t["reference_no_year_no_own"].format(group=group, value=shown))
    if not said:
        return None
    first = said[0]
    joiner = " " if first.startswith(("in ", "In ")) else ": "
    return t["compared_with"] + joiner + "; ".join(said) + "."


def front_intro(report: Report, lang: str) -> str:
    t = rt.texts(lang)
    if report.data_year is None:
        return t["front_none"]
    return t["front_intro"].format(year=report.data_year)


@dataclass(frozen=True)
class FrontBlock:
    """A heading of a priority on the front page and its items; a brief block is one
    sentence ("Geen duidelijk verschil: a; b."), the others a list."""

    heading: str
    items: tuple[str, ...]
    brief: bool


def front_blocks(section: PrioritySection, report: Report, lang: str) -> list[FrontBlock]:
    """A priority on the council's front page: its figures of the data year that are
    better or worse than the figure before (lists), those without a clear difference, the
    first figures, those still missing, and those not measured this year (a survey between
    its editions), each of these in a sentence. Only the headings that have items."""
    t = rt.texts(lang)
    year = report.data_year
    if year is None:
        return []
    kinds: dict[str, list[str]] = {BETTER: [], WORSE: [], SAME: [], "first": []}
    missing: list[str] = []
    between: dict[tuple[str, tuple[int, ...]], int] = {}
    for e in section.indicators:
        ch = e.change
        if ch is not None:
            item = t["change_item"].format(
                name=e.view.name,
                before=_point_text(e, ch.previous.year, ch.previous.value, lang),
                before_year=ch.previous.year,
                now=_point_text(e, ch.latest.year, ch.latest.value, lang),
                year=ch.latest.year,
            )
            if ch.kind == CHANCE:
                item += f" ({t['chance_item']})"
            explained = e.view.explanations.get(year)
            if explained and ch.kind in (BETTER, WORSE):  # why a figure moved, in a word
                item += f". {t['explanation'].format(year=year)}: {explained}"
            kinds[SAME if ch.kind == CHANCE else ch.kind].append(item)
        elif e.measured:
            value = _point_text(e, year, e.view.values[year], lang)
            kinds["first"].append(f"{e.view.name}: {value} ({year})")
        elif e.missing:
            missing.append(e.view.name)
        elif e.view.survey is not None and e.view.editions is not None:
            key = (e.view.survey, e.view.editions)
            between[key] = between.get(key, 0) + 1
    survey_items = [
        t["between_one" if count == 1 else "between_item"].format(
            count=count, survey=name, years=rt.join_words([str(y) for y in editions], lang)
        )
        for (name, editions), count in between.items()
    ]
    blocks = [
        (t["better"], kinds[BETTER], False),
        (t["worse"], kinds[WORSE], False),
        (t["same"], kinds[SAME], True),
        (t["first"], kinds["first"], True),
        (t["missing_year"].format(year=year), missing, True),
        (t["between"].format(year=year), survey_items, True),
    ]
    return [FrontBlock(heading, tuple(items), brief) for heading, items, brief in blocks if items]


def _point_text(entry: IndicatorEntry, year: int, value: float, lang: str) -> str:
    """A value of a year as the front page shows it, with the decimals of its status."""
    view = entry.view
    provisional = year in view.provisional
    places = places_for(entry.evaluation)
    return rt.value_text(value, view.unit, lang, provisional, view.per, places)


def conclusions(report: Report, lang: str) -> tuple[str, list[tuple[str, str]]]:
    """The heading and the plans' conclusions on the data year, as (plan, text)."""
    t = rt.texts(lang)
    year = report.data_year
    heading = t["conclusions"].format(year=year if year is not None else "")
    return heading, [(plan_title(c.plan, lang), c.text) for c in report.conclusions]


def no_conclusions(report: Report, lang: str) -> str:
    return rt.texts(lang)["no_conclusions"].format(year=report.data_year)


# -- HTML -----------------------------------------------------------------------------------


def render_html(report: Report, lang: str) -> str:
    """The whole report as one self-contained HTML page."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    from .charts import namespace_ids, render_chart

    charts: dict[str, str] = {}
    inline: dict[tuple[int, str], Markup] = {}
    for n, (section, entry) in enumerate((s, e) for s in report.priorities for e in s.indicators):
        ident = entry.view.id
        if ident not in charts:  # an indicator of two priorities is drawn once
            charts[ident] = render_chart(entry, report.years, lang, report.period)
        # Each chart's ids get their own prefix: one page must not repeat an id.
        inline[section.number, ident] = Markup(namespace_ids(charts[ident], f"c{n}-"))
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html")
    title, line = heading(report, lang)
    return template.render(
        lang=lang,
        t=rt.texts(lang),
        report=report,
        title=title,
        line=line,
        intro=intro(report, lang),
        remark=remark(report, lang),
        no_plan=no_plan(report, lang),
        plan_title=lambda plan: plan_title(plan, lang),
        summary=summary_rows(report, lang),
        front_intro=front_intro(report, lang),
        front=lambda p: front_blocks(p, report, lang),
        conclusions=conclusions(report, lang),
        no_conclusions=no_conclusions(report, lang),
        reference=lambda e: reference_text(e, report, lang),
        explanations=lambda e: explanation_lines(e, lang),
        breakdowns=lambda e: breakdown_tables(e, lang),
        completeness=completeness_intro(report, lang),
        shared=shared_text(report, lang),
        surveys=surveys_text(report, lang),
        statuses=STATUSES,
        label=lambda s: rt.status_label(s, lang),
        phrase=lambda ev: rt.status_phrase(ev, lang),
        capital=lambda s: rt.status_label(s, lang, capital=True),
        counts=lambda p: counts_text(p, lang),
        describe=lambda e: rt.capitalized(rt.describe(e, lang)),
        overview=lambda p: overview_rows(p, lang),
        reason=lambda e: rt.reason(e, lang),
        values=lambda e: values_table(e, lang),
        provisional=has_provisional,
        facts=lambda e: facts(e, lang),
        notes=lambda e: notes(e, lang),
        execution=execution_heading(report, lang),
        action_lines=lambda a: action_lines(a, report, lang),
        no_actions=lambda c: no_actions(c, report, lang),
        chart=lambda p, e: inline[p.number, e.view.id],
    )


# -- markdown -------------------------------------------------------------------------------


def render_markdown(report: Report, lang: str, charts_folder: str) -> tuple[str, dict[str, str]]:
    """The report as markdown, and its charts by file name; the markdown links each chart
    as ``charts_folder/<indicator id>.svg``."""
    from urllib.parse import quote

    from tabulate import tabulate

    from .charts import render_chart

    t = rt.texts(lang)
    md = escape_md

    def table(headers: list[str], rows: list[list[str]]) -> str:
        return tabulate(
            [[md_cell(c) for c in r] for r in rows],
            headers=[md_cell(h) for h in headers],
            tablefmt="github",
            disable_numparse=True,
        )

    charts: dict[str, str] = {}
    title, line = heading(report, lang)
    out = [f"# {md(title)}", "", md(line), ""]
    note = remark(report, lang)
    if note:
        out += [f"**{md(t['note'])}:** {md(note)}", ""]
    out += [f"{md(s)}  " for s in intro(report, lang)]
    out[-1] = out[-1].rstrip()
    out += ["", f"## {t['front']}", "", md(front_intro(report, lang)), ""]
    out += [table(*summary_rows(report, lang)), ""]
    shared = shared_text(report, lang)
    if shared:
        out += [md(shared), ""]
    for section in report.priorities:
        out += [f"### {t['priority']} {section.number} · {md(section.title)}", ""]
        for block in front_blocks(section, report, lang):
            if block.brief:
                out += [f"**{md(block.heading)}:** {md('; '.join(block.items))}.", ""]
            else:
                out += [f"**{md(block.heading)}**", ""]
                out += [f"- {md(item)}" for item in block.items]
                out += [""]
    heading_text, found = conclusions(report, lang)
    out += [f"### {md(heading_text)}", ""]
    for plan, text in found:
        out += [f"**{md(plan)}**", "", md(text), ""]
    if not found:
        out += [md(no_conclusions(report, lang)), ""]
    out += [md(t["margin"]), ""]
    heading_text, intro_text = execution_heading(report, lang)
    out += [f"## {md(heading_text)}", "", md(intro_text), ""]
    for chapter in report.chapters:
        out += [f"### {md(plan_title(chapter.plan, lang))}", ""]
        for c in chapter.conclusions:
            out += [f"**{md(t['plan_conclusions'])} {c.year}:** {md(c.text)}", ""]
        for group in chapter.priorities:
            out += [f"#### {t['priority']} {group.number} · {md(group.title)}", ""]
            for action in group.actions:
                out += [f"**{md(action.title)}**", ""]
                out += [f"- {md(k)}: {md(v)}" for k, v in action_lines(action, report, lang)]
                out += [""]
        if not chapter.priorities:
            out += [md(no_actions(chapter, report, lang)), ""]
    if not report.chapters:
        out += [md(no_plan(report, lang)), ""]
    out += [f"## {t['appendix']}", "", md(t["appendix_intro"]), ""]
    out += [f"### {t['completeness']}", "", md(completeness_intro(report, lang)), ""]
    if report.missing:
        rows = [
            [e.view.name, ", ".join(map(str, numbers)), e.source] for e, numbers in report.missing
        ]
        out += [table([t["indicator"], t["priority"], t["source"]], rows), ""]
    out += [line for text in surveys_text(report, lang) for line in (md(text), "")]
    for section in report.priorities:
        out += [f"## {t['appendix']} · {t['priority']} {section.number} · {md(section.title)}", ""]
        out += [f"**{t['goal']}:** {md(section.goal)}", "", md(counts_text(section, lang)), ""]
        out += [table(*overview_rows(section, lang)), ""]
        for marker, text in section.footnotes:
            out += [f"{md(marker)} {md(text)}", ""]
        for entry in section.indicators:
            ident = entry.view.id
            if f"{ident}.svg" not in charts:  # an indicator of two priorities: one chart
                charts[f"{ident}.svg"] = render_chart(entry, report.years, lang, report.period)
            status = rt.status_label(entry.evaluation.status, lang, capital=True)
            out += [f"### {md(entry.view.name)}", ""]
            out += [f"{md(rt.capitalized(rt.describe(entry, lang)))}.", ""]
            out += [f"**{status}:** {md(rt.reason(entry, lang))}", ""]
            link = f"{quote(charts_folder)}/{quote(ident)}.svg"
            out += [f"![{md(t['chart_of'].format(name=entry.view.name))}]({link})", ""]
            years, values = values_table(entry, lang)
            if years:
                out += [table([t["year"], *years], [[t["value"], *values]]), ""]
                if has_provisional(entry):
                    out += [md(t["provisional_note"]), ""]
            for label, text in explanation_lines(entry, lang):
                out += [f"**{md(label)}:** {md(text)}", ""]
            for headers, rows in breakdown_tables(entry, lang):
                out += [table(headers, rows), ""]
            compared = reference_text(entry, report, lang)
            if compared:
                out += [md(compared), ""]
            found = facts(entry, lang)
            if found:
                out += [" · ".join(f"{md(k)}: {md(v)}" for k, v in found), ""]
            for label, separator, text in notes(entry, lang):
                out += [f"{md(label)}{separator}{md(text)}", ""]
    out += [f"## {t['how']}", ""]
    out += [f"- {md(rule)}" for rule in t["rules"]]
    return "\n".join(out) + "\n", charts
