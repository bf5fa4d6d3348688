"""``ivb report``: golden markdown of the shipped data, the charts beside it, the HTML
page parsed strictly and opened in a real browser, a year without data, a data set of one
indicator, the sentences, the options and the writing of the output."""

from __future__ import annotations

import collections
import contextlib
import functools
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from helpers import DATA, TESTS, check_golden, edit, run
from ivb.cli.main import main
from ivb.progress import evaluate
from ivb.report import text as rt
from ivb.report.build import IndicatorEntry
from ivb.report.files import CHART_MARK
from ivb.status.view import IndicatorView

ONE = TESTS / "cases" / "report" / "one-indicator"
CHROMIUM = Path("/usr/bin/chromium")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("IVB_NO_CACHE", "1")


def _indicator_ids(data: Path) -> set[str]:
    doc = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))
    return {i["id"] for i in doc["indicators"]}


def _markdown(capsys, tmp_path: Path, *args: str, data: Path = DATA) -> tuple[str, Path]:
    out = tmp_path / "report.md"
    code, stdout, err = run(
        capsys, "report", "--lang", "nl", "--data", str(data), "-o", str(out), *args
    )
    assert (code, stdout) == (0, ""), err
    assert err.startswith(wrote(out, args)), err  # a diagnostic: on stderr
    return out.read_text(encoding="utf-8"), out


def wrote(path: Path, args: tuple[str, ...]) -> str:
    """How the report's confirmation begins, in the report's language: Dutch unless the
    arguments ask for English (the last --lang counts)."""
    english = "--lang" in args and args[::-1][args[::-1].index("--lang") - 1] == "en"
    return f"Wrote {path} and its " if english else f"{path} geschreven, met "


def _html(capsys, *args: str, data: Path = DATA) -> str:
    code, out, err = run(capsys, "report", "--lang", "nl", "--data", str(data), *args)
    assert (code, err) == (0, ""), err
    return out


class Renders:
    """Reports rendered once per test module, each kept in its own folder: for the tests
    that only read a report (rendering the shipped data takes about a second)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: dict[tuple, tuple[str, Path]] = {}

    def _ivb(self, *argv: str) -> tuple[str, str]:
        """ivb's stdout and stderr; it must succeed."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
        assert code == 0, err.getvalue()
        return out.getvalue(), err.getvalue()

    def markdown(self, *args: str, data: Path = DATA) -> tuple[str, Path]:
        """The markdown report and its path (its charts beside it)."""
        key = ("markdown", data, args)
        if key not in self.done:
            path = self.folder / f"r{len(self.done)}" / "report.md"
            path.parent.mkdir()
            out, err = self._ivb(
                "report", "--lang", "nl", "--data", str(data), "-o", str(path), *args
            )
            assert out == "" and err.startswith(wrote(path, args)), err
            self.done[key] = (path.read_text(encoding="utf-8"), path)
        return self.done[key]

    def html(self, *args: str, data: Path = DATA) -> tuple[str, Path]:
        """The HTML page as ivb prints it, and a file holding it (for the browser)."""
        key = ("html", data, args)
        if key not in self.done:
            path = self.folder / f"r{len(self.done)}" / "report.html"
            path.parent.mkdir()
            html, err = self._ivb("report", "--lang", "nl", "--data", str(data), *args)
            assert err == "", err
            path.write_text(html, encoding="utf-8")
            self.done[key] = (html, path)
        return self.done[key]


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> Renders:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IVB_NO_CACHE", "1")
        yield Renders(tmp_path_factory.mktemp("renders"))


# -- markdown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("report.md", []),
        ("report-2015-en.md", ["--year", "2015", "--lang", "en"]),
    ],
)
def test_golden_markdown_of_the_shipped_data(renders, name, args):
    text, _ = renders.markdown(*args)
    check_golden(name, text)


def test_golden_markdown_of_one_indicator(renders):
    text, _ = renders.markdown(data=ONE)
    check_golden("report-one-indicator.md", text)


def test_every_chart_is_written_beside_the_markdown_and_linked(renders):
    text, path = renders.markdown()
    links = IMAGE.findall(text)
    ids = _indicator_ids(DATA)
    # One link per indicator and priority; an indicator of two priorities has one chart.
    assert len(links) == sum(len(p.indicators) for p in _report(DATA).priorities)
    files = {unquote(link) for link in links}
    assert {f"report-charts/{i}.svg" for i in ids} == files
    assert sorted(p.name for p in (path.parent / "report-charts").iterdir()) == sorted(
        f"{i}.svg" for i in ids
    )
    for link in files:
        root = ET.parse(path.parent / link).getroot()  # each is a whole SVG document
        assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_charts_are_deterministic_and_keep_text_as_text(capsys, tmp_path, renders):
    first = renders.markdown()[1].parent
    second = tmp_path
    _markdown(capsys, second)
    names = sorted(p.name for p in (first / "report-charts").iterdir())
    for name in names:
        a = (first / "report-charts" / name).read_bytes()
        assert a == (second / "report-charts" / name).read_bytes(), name
    woning = (first / "report-charts" / "diefstal-inbraak-woning.svg").read_text("utf-8")
    assert ">100 in 2015</text>" in woning and "<metadata" not in woning
    assert len(woning) < 60_000


def test_percent_charts_and_dutch_numbers(renders):
    text, path = renders.markdown(data=ONE)
    chart = (path.parent / "report-charts" / "veiligheidsgevoel.svg").read_text("utf-8")
    assert ">30%</text>" in chart and ">50% in 2015</text>" in chart
    # The reference group's value of 2013 is drawn in its year, and the axis reaches it;
    # the sentence under the chart compares it with the municipality's own figure.
    assert 'id="reference' in chart and ">referentie</text>" in chart and ">90%</text>" in chart
    assert "Ter vergelijking in 2013: Teststad 41,2%, regio 80,5%." in text
    assert ">55% in 2016</text>" in chart  # the execution plan's target is drawn too
    assert "30,8%" in text and "30.8" not in text
    english, _ = renders.markdown("--lang", "en", data=ONE)
    assert "30.8%" in english and "30,8" not in english


SVG = "{http://www.w3.org/2000/svg}"


def _markers(svg: str) -> list[tuple[str, bool, float, float]]:
    """Every marker of an SVG chart in drawing order: (its fill, whether it is clipped,
    x, y). matplotlib draws each marker as a <use> of its shape."""
    found: list[tuple[str, bool, float, float]] = []

    def walk(el: ET.Element, clipped: bool) -> None:
        if el.get("id", "").startswith("legend"):
            return  # the legend's samples are not the chart's values
        clipped = clipped or "clip-path" in el.attrib
        if el.tag == f"{SVG}use":
            fill = re.search(r"fill: *(#[0-9a-f]{6})", el.get("style", ""))
            found.append(
                (fill.group(1) if fill else "", clipped, float(el.get("x")), float(el.get("y")))
            )
        for child in el:
            walk(child, clipped)

    walk(ET.fromstring(svg), False)
    return found


MEASURED_FILL, TARGET_FILL, HOLLOW_FILL = "#1f4e79", "#a93226", "#ffffff"


@pytest.mark.parametrize(
    "ident", ["straatroof", "overval", "overlastgevende-jeugdgroepen", "veelplegers"]
)
def test_values_and_targets_at_0_are_drawn_whole(renders, ident):
    # A clipped marker at 0 shows only its upper half: no marker may be clipped.
    _, path = renders.markdown()
    svg = (path.parent / "report-charts" / f"{ident}.svg").read_text("utf-8")
    markers = _markers(svg)
    assert {f for f, _, _, _ in markers} >= {MEASURED_FILL, TARGET_FILL}
    assert [m for m in markers if m[1]] == []


def _with_2015(tmp_path: Path, value: int) -> Path:
    """A copy of the shipped data with a provisional 2015 value of diefstal-inbraak-woning
    (its target: 100 in 2015)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit(
        data / "indicators.yaml",
        "      2013: 122\n      2014: null\n",
        f"      2013: 122\n      2014: null\n      2015:\n        value: {value}\n"
        "        provisional: true\n",
    )
    return data


@pytest.mark.parametrize("value", [98, 100, 120])
def test_a_value_of_the_target_year_is_drawn_over_the_target(tmp_path, value):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ivb.report import charts

    data = _with_2015(tmp_path, value)
    report = _report(data, 2015)
    entry = next(
        e for e in report.priorities[0].indicators if e.view.id == "diefstal-inbraak-woning"
    )
    # The chart as the report writes it (render_markdown and render_html call the same).
    svg = charts.render_chart(entry, report.years, "nl", report.period)
    markers = _markers(svg)
    order = [f for f, _, _, _ in markers]
    # The diamond first, then the measured values and the hollow provisional dot on it.
    assert order.index(HOLLOW_FILL) > max(i for i, f in enumerate(order) if f == TARGET_FILL)
    assert order.index(MEASURED_FILL) > max(i for i, f in enumerate(order) if f == TARGET_FILL)
    # The target's label covers no measured value, the provisional one included.
    with matplotlib.rc_context(charts.RC):
        fig = charts.draw_chart(entry, report.years, "nl", report.period)
        renderer = FigureCanvasAgg(fig).get_renderer()
        ax = fig.axes[0]
        (label,) = [t for t in ax.texts if t.get_text() == "100 in 2015"]
        box = label.get_window_extent(renderer)
        radius = 3 * fig.dpi / 72  # the measured markers' radius
        for year, v in entry.values.items():
            if v is None:
                continue
            x, y = ax.transData.transform((year, v))
            assert not (
                box.x0 - radius < x < box.x1 + radius and box.y0 - radius < y < box.y1 + radius
            ), f"the label covers the value of {year}"


def test_the_path_of_a_baseline_that_met_the_target_does_not_rise(capsys, tmp_path):
    # Box/garage: 18 in 2011 already met the ceiling of 20; the status stays "off track"
    # (29 in 2013), but the chart draws no path rising to the target.
    from ivb.report import charts

    report = _report(DATA)
    entry = next(
        e
        for e in report.priorities[0].indicators
        if e.view.id == "diefstal-inbraak-box-garage-schuur-tuinhuis"
    )
    assert entry.evaluation.status == "off-track"
    assert charts.course(entry) == ((2011, 20), (2015, 20))
    woning = next(
        e for e in report.priorities[0].indicators if e.view.id == "diefstal-inbraak-woning"
    )
    assert charts.course(woning) == ((2011, 116), (2015, 100))
    # Chance weighs 29 against the target itself (there is no path to it): 20 lies within.
    assert rt.reason(entry, "nl") == (
        "de nulmeting (18 in 2011) haalde de streefwaarde al; 29 haalt haar niet. Het "
        "verschil kan toeval zijn: een geregistreerd aantal van 29 past bij een onderliggend "
        "niveau van 19,4 tot 41,6 per jaar (95%), en 20 ligt daarbinnen."
    )
    assert rt.reason(entry, "en") == (
        "the baseline (18 in 2011) already met the target; 29 does not. The difference may "
        "be chance: a registered count of 29 is consistent with an underlying level of 19.4 "
        "to 41.6 a year (95%), and 20 lies within it."
    )


@pytest.mark.parametrize("year", [1990, 2100])
def test_a_year_far_from_the_data_keeps_the_charts_on_the_data(renders, year):
    report = _report(DATA, year)
    assert report.years == (2011, 2018)
    _, path = renders.markdown("--year", str(year))
    svg = (path.parent / "report-charts" / "straatroof.svg").read_text("utf-8")
    labels = re.findall(r">((?:19|20)\d\d)</text>", svg)
    assert labels == [str(y) for y in range(2011, 2019)]
    assert "peiljaar" not in svg  # the year lies off the chart: no line, no legend entry


def test_a_near_year_widens_the_charts():
    assert _report(DATA, 2020).years == (2011, 2020)
    assert _report(DATA, 2009).years == (2009, 2018)


def test_a_long_span_labels_the_policy_period():
    from ivb.report.charts import MAX_TICKS, year_ticks

    assert year_ticks(2011, 2018, (2015, 2018)) == list(range(2011, 2019))
    for first, last in [(1990, 2018), (1995, 2030), (2000, 2040), (2014, 2050)]:
        ticks = year_ticks(first, last, (2015, 2018))
        assert {2015, 2018} <= set(ticks), (first, last)
        assert len(ticks) <= MAX_TICKS + 1
        step = -(-(last - first + 1) // MAX_TICKS)
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert min(gaps) >= min(step, 3), (first, last, ticks)  # labels never crowd


def test_a_year_without_any_data_still_renders(renders):
    text, path = renders.markdown("--year", "1995")
    report = _report(DATA, 1995)
    statuses = {e.evaluation.status for p in report.priorities for e in p.indicators}
    assert statuses <= {"no-data", "no-target"}
    ids = _indicator_ids(DATA)
    surveyed = {e.view.id for p in report.priorities for e in p.indicators if e.view.editions}
    assert len(surveyed) == 6  # the Veiligheidsmonitor rows: not measured in 1995
    # Completeness lists every other one.
    assert {e.view.id for e, _ in report.missing} == ids - surveyed
    assert "Deze indicatoren hebben nog geen waarde voor 1995:" in text
    assert "Veiligheidsmonitor (6 indicatoren) meet niet elk jaar, maar in 2011 en 2014" in text
    for i in ids:
        chart = (path.parent / "report-charts" / f"{i}.svg").read_text("utf-8")
        assert ">geen gegevens</text>" in chart
    assert "nog geen waarde tot en met 1995" in text


def test_a_data_folder_without_any_value_renders(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ONE, data)
    path = data / "indicators.yaml"
    doc = path.read_text(encoding="utf-8")
    start = doc.index("    measurements:")
    path.write_text(doc[:start] + "    targets:\n      2015: 50\n", encoding="utf-8")
    text, _ = _markdown(capsys, tmp_path, data=data)
    assert "Er zijn nog helemaal geen waarden" in text
    assert "**Geen gegevens:** er is nog geen waarde." in text
    html = _html(capsys, "--data", str(data))
    _strict_parse(html)


def test_the_report_has_the_statuses_of_ivb_status(capsys):
    for year in (None, 2013, 2015):
        args = [] if year is None else ["--year", str(year)]
        code, out, _ = run(capsys, "status", "--data", str(DATA), "-f", "json", *args)
        assert code == 0
        expected = {
            (p["number"], i["id"]): i["status"]
            for p in json.loads(out)["priorities"]
            for i in p["indicators"]
        }
        report = _report(DATA, year)
        got = {
            (p.number, e.view.id): e.evaluation.status
            for p in report.priorities
            for e in p.indicators
        }
        assert got == expected


# The Dutch a council member reads, written out here rather than taken from the catalogue.
DUTCH_STATUSES = {
    "achieved": "gehaald",
    "on-track": "op koers",
    "off-track": "niet op koers",
    "not-achieved": "niet gehaald",
    "stale": "verouderd",
    "no-data": "geen gegevens",
    "no-target": "geen streefwaarde",
}


def test_the_counts_under_each_goal_are_those_of_ivb_status(capsys, renders):
    code, out, _ = run(capsys, "status", "--data", str(DATA), "-f", "json")
    assert code == 0
    status = json.loads(out)
    text, _ = renders.markdown()
    for p in status["priorities"]:
        found = collections.Counter(i["status"] for i in p["indicators"])
        shown = [s for s in status["statuses"] if found[s]]
        counts = ", ".join(f"{found[s]} {DUTCH_STATUSES[s]}" for s in shown)
        # The line under the priority's heading and its goal.
        under_goal = text.split(f"\n## Bijlage · Prioriteit {p['number']} · ")[1].split("\n\n")[2]
        assert under_goal == f"{len(p['indicators'])} indicatoren: {counts}."
    # The first priority spelled out: a wrong count or a wrong sentence fails here too.
    assert "\n\n19 indicatoren: 6 op koers, 13 niet op koers.\n\n" in text


def _chapter(text: str) -> str:
    """The markdown report's chapter on the execution."""
    start = text.index("\n## Uitvoering")
    return text[start : text.index("\n## Bijlage", start)]


def test_actions_of_the_plans_of_the_year_with_lead_and_state(renders):
    text, _ = renders.markdown(data=ONE)
    chapter = _chapter(text)
    action = chapter[chapter.index("**Buurtpreventieteams in elke wijk**") :].split("\n\n")[1]
    assert "- Stand: afgerond op 1 november 2015: Teams in alle zes wijken actief" in action
    assert "- Trekker: Afdeling Beleid" in action
    only_2017 = _report(DATA, 2017)
    assert [c.plan.period for c in only_2017.chapters] == ["2016-2017"]
    assert [c.plan.period for c in _report(DATA).chapters] == ["2015-2016", "2016-2017"]


def test_a_continued_action_is_shown_once_under_the_later_plan(renders):
    """2016-2017 continues every action of 2015-2016 (continues:): each shows once, under
    2016-2017, with both periods; 2015-2016 says where its actions went."""
    text, _ = renders.markdown()
    chapter = _chapter(text)
    assert chapter.count("**Taskforce woninginbraken") == 1
    first, second = chapter.split("\n### Uitvoeringsplan Integraal Veiligheidsbeleid ")[1:3]
    assert first.startswith("2015-2016 (concept)")
    assert "Een later uitvoeringsplan zet alle acties van dit plan voort; ze staan daar." in first
    assert "**" not in first.split("\n", 1)[1]  # no action under 2015-2016
    assert second.count("- Uitvoeringsplannen: 2015-2016, 2016-2017") == 37
    # As of 2015 only 2015-2016 holds the year: its actions are there.
    as_2015 = _report(DATA, 2015)
    assert [len(c.actions) for c in as_2015.chapters] == [37]


@pytest.mark.parametrize("year", [1990, 2100])
def test_a_year_without_a_plan_says_so(renders, year):
    text, _ = renders.markdown("--year", str(year))
    assert f"**Let op:** {year} valt buiten de beleidsperiode 2015-2018." in text
    assert text.count(f"Er is geen uitvoeringsplan voor {year}.") == 2  # intro, chapter
    assert "Dit uitvoeringsplan heeft geen acties." not in text
    from ivb.report.render import no_plan, remark

    report = _report(DATA, year)
    assert remark(report, "en") == f"{year} lies outside the policy period 2015-2018."
    assert no_plan(report, "en") == f"There is no execution plan for {year}."


def test_a_year_in_the_policy_period_has_no_remark(renders):
    text, _ = renders.markdown("--year", "2015", "--lang", "en")  # the golden's
    assert "Note:" not in text and "no execution plan" not in text
    text, _ = renders.markdown()
    assert "Let op" not in text and "geen uitvoeringsplan" not in text


def test_the_state_of_a_year_is_the_state_at_its_end(capsys, tmp_path):
    """The state history (set-action keeps the state before) gives each year its own
    state: as of 2015 the state at the end of 2015, with the state now beside it."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for state, day in (("running", "2016-03-01"), ("stopped", "2016-09-01")):
        code, _, err = run(
            capsys, "set-action", "veiligheidsplannen-scholen-2016", "--state", state,
            "--date", day, "--data", str(data),
        )  # fmt: skip
        assert code == 0, err

    def lines(year: int, lang: str) -> dict[str, str]:
        from ivb.report.render import action_lines

        report = _report(data, year)
        (action,) = [
            a
            for c in report.chapters
            for a in c.actions
            if a.title.startswith("Veiligheidsplannen")
        ]
        return dict(action_lines(action, report, lang))

    found = lines(2016, "nl")
    assert found["Stand eind 2016"] == "gestopt op 1 september 2016"
    assert found["Eerder in 2016"] == "1 maart 2016 in uitvoering"
    assert "Nu" not in found
    found = lines(2017, "en")
    assert found["State at the end of 2017"] == "stopped on 1 September 2016"
    assert "Earlier in 2017" not in found


def test_the_state_of_an_earlier_year_is_the_state_at_its_end(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for state, day in (("running", "2015-03-01"), ("stopped", "2015-11-01")):
        code, _, err = run(
            capsys, "set-action", "veiligheidsplannen-scholen", "--state", state,
            "--date", day, "--data", str(data),
        )  # fmt: skip
        assert code == 0, err
    from ivb.report.render import action_lines

    report = _report(data, 2015)
    (action,) = [
        a for c in report.chapters for a in c.actions if a.id == "veiligheidsplannen-scholen"
    ]
    found = dict(action_lines(action, report, "nl"))
    assert found["Stand eind 2015"] == "gestopt op 1 november 2015"
    assert found["Eerder in 2015"] == "1 maart 2015 in uitvoering"


def test_a_state_carried_into_the_next_plan_runs_on_from_where_it_began(capsys, tmp_path):
    """Running since May 2015 under 2015-2016, recorded running again when 2016-2017
    carries the action on: it runs since 1 May 2015, with no change in 2016; and a budget
    of 2016-2017 is no budget of the report of 2015."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    steps = [
        ("lokfietsen-winkelhof", "2015-05-01", "Gestart"),
        ("lokfietsen-winkelhof-2016", "2016-01-15", "Voortgezet in het nieuwe plan"),
    ]
    for action, day, note in steps:
        code, _, err = run(
            capsys, "set-action", action, "--state", "running", "--date", day,
            "--note", note, "--data", str(data),
        )  # fmt: skip
        assert code == 0, err
    edit(
        data / "plans" / "2016-2017.yaml",
        "  - id: lokfietsen-winkelhof-2016\n",
        "  - id: lokfietsen-winkelhof-2016\n    budget: {amount: 2500, line: Veiligheid}\n",
    )
    from ivb.report.render import action_lines

    def lines(year: int | None) -> dict[str, str]:
        report = _report(data, year)
        (action,) = [a for c in report.chapters for a in c.actions if "lokfietsen" in a.title]
        return dict(action_lines(action, report, "nl"))

    found = lines(2016)
    assert found["Stand eind 2016"] == "in uitvoering sinds 1 mei 2015: Gestart"
    assert "Eerder in 2016" not in found
    assert found["Budget"] == "€ 2.500 (Veiligheid)"
    found = lines(2015)
    assert found["Stand eind 2015"] == "in uitvoering sinds 1 mei 2015: Gestart"
    assert "Nu" not in found and "Budget" not in found
    assert "Eerder" not in lines(None)


# -- sentences ------------------------------------------------------------------------------


def _entry(
    measurements: dict[int, float | None],
    targets: dict[int, float],
    direction: str = "-",
    unit: str = "count",
    as_of: int | None = None,
    provisional: frozenset[int] = frozenset(),
    tolerance: float | None = None,
) -> IndicatorEntry:
    from ivb.progress import tolerance_for

    view = IndicatorView(
        "x", "X", unit, direction, tolerance, measurements, provisional, dict(targets)
    )
    ev = evaluate(view.values, view.target_values, direction, tolerance, as_of)
    band = None
    if direction == "-/+" and ev.target is not None:
        band = tolerance_for(ev.target.value, tolerance)
    return IndicatorEntry(view, ev, as_of, "Bron", (), (), (), band, False)


def test_the_sentence_of_the_issue():
    entry = _entry({2011: 116, 2012: 141, 2013: 122, 2014: None}, {2015: 100})
    assert rt.describe(entry, "nl") == (
        "lager is beter: streefwaarde 100 in 2015; 122 in 2013, nog 22 boven de streefwaarde"
    )
    assert rt.describe(entry, "en") == (
        "lower is better: target 100 in 2015; 122 in 2013, still 22 above the target"
    )
    assert rt.reason(entry, "nl") == (
        "een rechte lijn van 116 in 2011 naar 100 in 2015 komt in 2013 uit op 108; 122 is slechter."
    )


@pytest.mark.parametrize(
    ("kwargs", "nl", "en"),
    [
        (
            {
                "measurements": {2011: 30.8, 2014: 44},
                "targets": {2015: 50},
                "direction": "+",
                "unit": "percent",
                "provisional": frozenset({2014}),
            },
            "hoger is beter: streefwaarde 50% in 2015; 44% (voorlopig) in 2014, nog 6 "
            "procentpunten onder de streefwaarde",
            "higher is better: target 50% in 2015; 44% (provisional) in 2014, still 6 "
            "percentage points below the target",
        ),
        (
            {"measurements": {2011: 20, 2015: 98}, "targets": {2015: 100}},
            "lager is beter: streefwaarde 100 in 2015; 98 in 2015, 2 onder de streefwaarde",
            "lower is better: target 100 in 2015; 98 in 2015, 2 below the target",
        ),
        (
            {
                "measurements": {2011: 3, 2014: 1.5},
                "targets": {2015: 1},
                "direction": "-/+",
                "tolerance": 1,
            },
            "niveau vasthouden: streefwaarde 1 in 2015 (marge ±1); 1,5 in 2014, 0,5 boven de "
            "streefwaarde, binnen de marge",
            "hold the level: target 1 in 2015 (band ±1); 1.5 in 2014, 0.5 above the target, "
            "within the band",
        ),
        (
            {
                "measurements": {2011: 2.5, 2014: 1},
                "targets": {2015: 0},
                "direction": "-/+",
                "unit": "percent",
            },
            "niveau vasthouden: streefwaarde 0% in 2015; 1% in 2014, 1 procentpunt boven de "
            "streefwaarde, buiten de marge",
            "hold the level: target 0% in 2015; 1% in 2014, 1 percentage point above the "
            "target, outside the band",
        ),
        (
            {"measurements": {2011: 12000, 2014: 12345.5}, "targets": {2015: 11000.25}},
            "lager is beter: streefwaarde 11.000,3 in 2015; 12.345,5 in 2014, nog 1.345,3 "
            "boven de streefwaarde",
            "lower is better: target 11,000.3 in 2015; 12,345.5 in 2014, still 1,345.3 above "
            "the target",
        ),
        (
            {"measurements": {2011: 4}, "targets": {}},
            "lager is beter: geen streefwaarde; 4 in 2011",
            "lower is better: no target; 4 in 2011",
        ),
        (
            {"measurements": {2016: 4}, "targets": {2015: 3}, "as_of": 2015},
            "lager is beter: streefwaarde 3 in 2015; nog geen waarde tot en met 2015",
            "lower is better: target 3 in 2015; no value up to 2015",
        ),
    ],
)
def test_sentences_for_every_direction_and_case(kwargs, nl, en):
    entry = _entry(**kwargs)
    assert rt.describe(entry, "nl") == nl
    assert rt.describe(entry, "en") == en


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        (
            {"measurements": {2011: 20, 2015: 98}, "targets": {2015: 100}},
            "achieved",
            "de waarde van 2015 haalt de streefwaarde.",
        ),
        (
            {"measurements": {2011: 20, 2015: 101}, "targets": {2015: 100}},
            "not-achieved",
            "de waarde van 2015 haalt de streefwaarde niet.",
        ),
        (
            {"measurements": {2011: 20, 2013: 90}, "targets": {2015: 100}},
            "on-track",
            "de laatste waarde haalt de streefwaarde al.",
        ),
        (
            {"measurements": {2011: 120}, "targets": {2015: 100}},
            "off-track",
            "er is alleen de nulmeting, die de streefwaarde nog niet haalt.",
        ),
        (
            {"measurements": {2011: 3, 2014: 5}, "targets": {2015: 1}, "direction": "-/+"},
            "off-track",
            "bij het vasthouden van een niveau telt alleen of de waarde binnen de marge ligt.",
        ),
        (
            {"measurements": {2011: 120, 2013: 110}, "targets": {2015: 100}},
            "on-track",
            "een rechte lijn van 120 in 2011 naar 100 in 2015 komt in 2013 uit op 110; 110 is "
            "minstens zo goed.",
        ),
        ({"measurements": {}, "targets": {2015: 100}}, "no-data", "er is nog geen waarde."),
        (
            {"measurements": {2013: 5}, "targets": {}},
            "no-target",
            "het plan noemt geen streefwaarde.",
        ),
        (
            {"measurements": {2011: 5, 2013: 4}, "targets": {2015: 3}, "as_of": 2016},
            "no-data",
            "er is nog geen waarde voor 2015 of later om aan de streefwaarde te toetsen.",
        ),
        (
            {"measurements": {2011: 18, 2013: 29}, "targets": {2015: 20}},
            "off-track",
            "de nulmeting (18 in 2011) haalde de streefwaarde al; 29 haalt haar niet.",
        ),
    ],
)
def test_every_status_is_explained(kwargs, status, words):
    entry = _entry(**kwargs)
    assert entry.evaluation.status == status
    assert rt.reason(entry, "nl") == words
    assert rt.reason(entry, "en")  # every case has its English sentence too


def test_the_facts_and_the_rules_speak_as_a_council_reads(renders):
    """Nulmeting (the first value), realisatie, streefwaarde, verschil met de
    streefwaarde, bovengrens and ondergrens: the words of a Dutch council."""
    text, _ = renders.markdown()
    assert "Nulmeting: 116 in 2011 · Verschil met de streefwaarde: +22 · Voortgang: -38%" in text
    assert "Nulmeting: 41 in 2012" in text  # huiselijk geweld: no 2011
    assert "| Realisatie |" in re.sub(r" {2,}", " ", text)
    for translated in ("Basiswaarde", "basiswaarde", "Afstand", "plafond", "bodem"):
        assert translated not in text, translated
    rules = text[text.index("## Hoe de status wordt bepaald") :]
    assert "de nulmeting de eerste: de eerste meting" in rules
    assert "de streefwaarde is een bovengrens" in rules
    assert "de streefwaarde is een ondergrens" in rules
    english, _ = renders.markdown("--year", "2015", "--lang", "en")
    assert "Baseline (first value): 116 in 2011" in english
    assert "the baseline the earliest: the first value" in english


def test_thousands_are_grouped_in_the_report_only(capsys):
    from ivb.render.numbers import fmt_number, fmt_value

    assert rt.number(12345.5, "nl") == "12.345,5" and rt.number(12345.5, "en") == "12,345.5"
    assert rt.value_text(-1234, "count", "nl") == "-1.234"
    assert rt.signed(1234, "percent", "nl") == "+1.234 procentpunten"
    assert rt.signed(-1, "percent", "nl") == "-1 procentpunt"
    assert rt.signed(1, "percent", "en") == "+1 percentage point"
    # ivb status keeps its plain numbers.
    assert fmt_number(12345.5) == "12345.5" and fmt_value(1234, "count") == "1234"


def test_both_catalogues_say_the_same_things():
    def keys(d: dict, prefix: str = "") -> set[str]:
        out = set()
        for k, v in d.items():
            out.add(prefix + str(k))
            if isinstance(v, dict):
                out |= keys(v, f"{prefix}{k}.")
        return out

    assert keys(rt.TEXTS["nl"]) == keys(rt.TEXTS["en"])
    assert len(rt.TEXTS["nl"]["rules"]) == len(rt.TEXTS["en"]["rules"])
    from ivb.render.common import STATUS_LABELS

    assert rt.TEXTS["en"]["statuses"] == STATUS_LABELS  # the words of ivb status


def test_data_labels_are_never_translated(renders):
    html, _ = renders.html("--lang", "en", "--year", "2015")
    assert "Diefstal/inbraak woning" in html and "Objectieve veiligheid" in html
    assert "lower is better" in html and "lager is beter" not in html


# -- HTML -----------------------------------------------------------------------------------


def _strict_parse(html: str):
    import html5lib

    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


@pytest.mark.parametrize(
    ("args", "data"),
    [
        ([], DATA),
        (["--lang", "en", "--year", "2015"], DATA),
        (["--year", "1995", "--lang", "en"], DATA),
        ([], ONE),
    ],
    ids=["shipped-nl", "shipped-2015-en", "no-data-year", "one-indicator"],
)
def test_html_is_valid_and_self_contained(renders, args, data):
    html, _ = renders.html(*args, data=data)
    tree = _strict_parse(html)  # raises on any parse error
    lang = "en" if "en" in args else "nl"
    assert tree.get("lang") == lang
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "an id is repeated"
    # Every reference inside the page points at an id of the page.
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', html):
        assert ref in ids, ref
    # Nothing to fetch: no external scripts, styles, images or fonts.
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "<script" not in html
    articles = tree.findall(".//article")
    report = _report(data, int(args[args.index("--year") + 1]) if "--year" in args else None)
    assert len(articles) == sum(len(p.indicators) for p in report.priorities)
    svg = "{http://www.w3.org/2000/svg}svg"
    for article in articles:
        assert article.find(f".//{svg}") is not None, article.get("id")


def test_html_escapes_the_data(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ONE, data)
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"Veiligheidsmonitor"', '"<script>alert(1)</script> & <b>monitor</b>"'),
        encoding="utf-8",
    )
    html = _html(capsys, data=data)
    assert "<script>" not in html and "<b>monitor" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;monitor&lt;/b&gt;" in html
    _strict_parse(html)


# -- in a real browser ----------------------------------------------------------------------


def _browser():
    """Playwright driving Debian's chromium; skipped where either is missing, except in
    CI (the variable CI set), where a missing browser must fail, not skip."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed"
    if reason is None and not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser test")
        pytest.skip(reason)
    return sync_playwright


BROWSER_ARGS = [
    "--no-sandbox",  # as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS
        )
        yield chromium
        chromium.close()


def _open(browser, path: Path, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def _charts_visible(page) -> list[str]:
    """The ids of the indicator sections whose chart is missing or has no size."""
    return page.evaluate(
        """() => [...document.querySelectorAll('article.indicator')].filter(a => {
            const c = a.querySelector('svg, img');
            if (!c) return true;
            const r = c.getBoundingClientRect();
            return !(r.width > 100 && r.height > 50);
        }).map(a => a.id)"""
    )


@pytest.mark.parametrize(
    ("args", "data", "shot"),
    [
        ([], DATA, "report-screenshot.png"),
        (["--year", "1995", "--lang", "en"], DATA, None),
        ([], ONE, None),
    ],
    ids=["shipped", "no-data-year", "one-indicator"],
)
def test_the_page_in_a_real_browser(browser, renders, tmp_path, args, data, shot):
    """The page opens without errors, every chart visible; a full-page screenshot is taken,
    and kept for review in $IVB_SCREENSHOT_DIR when that is set."""
    _, path = renders.html(*args, data=data)
    page, problems = _open(browser, path)
    assert problems == []
    count = page.locator("article.indicator").count()
    assert count == sum(len(p.indicators) for p in _report(data).priorities)
    assert _charts_visible(page) == []
    if shot:
        page.screenshot(path=str(tmp_path / shot), full_page=True)
        assert (tmp_path / shot).stat().st_size > 50_000
        keep = os.environ.get("IVB_SCREENSHOT_DIR")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp_path / shot, Path(keep) / shot)
    page.close()


def test_the_page_fits_a_tablet_and_prints_a_priority_per_page(browser, renders):
    _, path = renders.html()
    for width in (768, 390):  # a tablet upright, a phone
        page, problems = _open(browser, path, width=width, height=1024)
        assert problems == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a {width}px screen"
        assert _charts_visible(page) == []
        page.close()
    page, _ = _open(browser, path)
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('section.priority')]"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks and set(breaks) == {"page"}
    kept = page.evaluate(
        "[...document.querySelectorAll('article.indicator')]"
        ".map(a => getComputedStyle(a).breakInside)"
    )
    assert set(kept) == {"avoid"}
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()


def _front_pages(browser, path: Path) -> int:
    """How many A4 pages the front part prints on: the page printed by chromium with
    everything from the chapter on the execution on removed, its pages counted in the
    PDF."""
    page, problems = _open(browser, path)
    assert problems == []
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('section.execution')).breakBefore")
        == "page"
    )
    removed = page.evaluate(
        """() => { let n = document.querySelector('section.execution'), gone = 0;
            while (n) { const next = n.nextElementSibling; n.remove(); n = next; gone++; }
            return gone; }"""
    )
    assert removed >= 3  # the execution, the appendix and the rules, at least
    pdf = page.pdf(format="A4")
    page.close()
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_front_part_prints_on_at_most_two_a4_pages(browser, renders):
    for args in ([], ["--year", "2015"], ["--lang", "en"]):
        _, path = renders.html(*args)
        assert 1 <= _front_pages(browser, path) <= 2, args


# -- the command ----------------------------------------------------------------------------


def test_markdown_without_an_output_file_is_a_usage_error(capsys):
    code, out, err = run(capsys, "report", "--data", str(DATA), "--format", "markdown")
    assert code == 2 and out == ""
    assert "--format markdown needs -o FILE" in err and "Traceback" not in err


def test_the_format_follows_the_output_file(capsys, tmp_path, monkeypatch):
    # What was written is said on stderr: stdout is for data (the page without -o). No
    # language chosen: the policy's Dutch, the report's and the terminal's.
    monkeypatch.delenv("IVB_LANG")
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(tmp_path / "r.md"))
    assert (code, out) == (0, "") and (tmp_path / "r-charts" / "veiligheidsgevoel.svg").exists()
    assert err == f"{tmp_path / 'r.md'} geschreven, met 1 grafiek in {tmp_path / 'r-charts'}/.\n"
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Rapportage")
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(tmp_path / "r.html"))
    assert (code, out) == (0, "") and err == f"{tmp_path / 'r.html'} geschreven.\n"
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_charts_of_indicators_no_longer_in_the_data_are_removed(capsys, tmp_path):
    folder = tmp_path / "r-charts"
    folder.mkdir()
    for name in ("gone.svg", "veiligheidsgevoel.svg"):  # as an earlier report wrote them
        (folder / name).write_text(CHART_MARK + "<svg/>", encoding="utf-8")
    (folder / "logo.svg").write_text("<svg/>", encoding="utf-8")  # not ivb's: kept
    (folder / "logo.png").write_bytes(b"png")  # not a chart: kept
    (folder / "notes.svg.txt").write_text("", encoding="utf-8")  # kept
    (folder / "sub.svg").mkdir()  # a folder: kept
    out = tmp_path / "r.md"
    code, stdout, err = run(capsys, "report", "--data", str(ONE), "-o", str(out))
    assert (code, stdout) == (0, "")
    assert err == (
        f"Wrote {out} and its 1 chart in {folder}/.\n"
        "Removed an old chart no indicator has now: gone.svg.\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "logo.png",
        "logo.svg",
        "notes.svg.txt",
        "sub.svg",
        "veiligheidsgevoel.svg",
    ]
    assert (folder / "veiligheidsgevoel.svg").read_text("utf-8") != CHART_MARK + "<svg/>"
    code, _, err = run(capsys, "report", "--data", str(ONE), "-o", str(out))
    assert code == 0 and "Removed" not in err  # nothing left to remove


def test_html_goes_to_stdout_without_an_output_file(renders):
    html, _ = renders.html(data=ONE)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


@pytest.mark.parametrize(
    "args", [["--lang", "de"], ["--format", "pdf"], ["--year", "abc"], ["--year", "2200"]]
)
def test_bad_options_exit_2(capsys, args):
    code, out, err = run(capsys, "report", "--data", str(DATA), *args)
    assert code == 2 and out == "" and "Traceback" not in err


def test_broken_data_is_reported_with_its_line(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ONE, data)
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      2013: 41.2\n", "      2013: 141.2\n"), encoding="utf-8")
    line = text.splitlines().index("      2013: 41.2") + 1
    out = tmp_path / "report.html"
    code, stdout, err = run(capsys, "report", "--data", str(data), "-o", str(out))
    assert code == 1 and stdout == "" and not out.exists()
    assert f"indicators.yaml:{line}:" in err and "(percent-range)" in err


def test_an_output_that_cannot_be_written_leaves_nothing_behind(capsys, tmp_path):
    missing = tmp_path / "no-such-folder" / "report.html"
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(missing))
    assert code == 1 and out == "" and "cannot write" in err and "Traceback" not in err
    assert not missing.parent.exists()
    code, _, err = run(capsys, "report", "--data", str(ONE), "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err


@pytest.mark.parametrize(
    ("name", "fmt"), [("rep.md", []), ("rep.html", []), ("rep", ["--format", "markdown"])]
)
def test_an_output_path_that_is_a_folder_is_refused_before_anything_is_written(
    capsys, tmp_path, name, fmt
):
    path = tmp_path / "out" / name
    path.mkdir(parents=True)
    (path / "keep.txt").write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(path), *fmt)
    assert (code, out) == (1, "")
    assert err == f"ivb: {path}: cannot write: it is a folder, not a file\n"
    # No charts folder beside it, nothing in it: not a single file written.
    assert [p.name for p in path.parent.iterdir()] == [name]
    assert [p.name for p in path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("name", ["r.md", "r.html"])
def test_an_output_folder_that_does_not_exist_is_named(capsys, tmp_path, name):
    path = tmp_path / "missing" / "dir" / name
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(path))
    assert (code, out) == (1, "")
    assert err == (f"ivb: {path}: cannot write: the output folder {path.parent} does not exist\n")
    assert not (tmp_path / "missing").exists()
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "report", "--data", str(ONE), "-o", str(afile / name))
    assert code == 1 and f"the output folder {afile} is not a folder" in err


def test_a_failed_write_of_a_new_report_says_nothing_was_written(capsys, tmp_path, monkeypatch):
    path = tmp_path / "report.html"

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(path))
    assert code == 1 and out == ""
    assert "No space left on device; nothing was written" in err
    assert "unchanged" not in err  # there was no file to keep
    assert list(tmp_path.iterdir()) == []


def test_matplotlib_gets_a_writable_folder_when_home_is_not(tmp_path):
    # HOME a file: matplotlib cannot make its folders there and would warn on every run.
    home = tmp_path / "home"
    home.write_text("", encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
    }
    env.update(HOME=str(home), IVB_NO_CACHE="1", TMPDIR=str(tmp_path))
    out = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "ivb", "report", "--data", str(ONE), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert (done.returncode, done.stderr) == (0, f"Wrote {out}.\n")  # no warning
    assert (tmp_path / f"ivb-matplotlib-{os.getuid()}").is_dir()
    # A folder the user chose is kept, even when it is not writable.
    from ivb.report.charts import settle_matplotlib_folder

    environ = {"MPLCONFIGDIR": "/nowhere", "HOME": str(home)}
    settle_matplotlib_folder(environ)
    assert environ["MPLCONFIGDIR"] == "/nowhere"
    # And a home that can be written to is matplotlib's as ever.
    environ = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    settle_matplotlib_folder(environ)
    assert "MPLCONFIGDIR" not in environ


def test_a_failed_write_keeps_the_old_report(capsys, tmp_path, monkeypatch):
    path = tmp_path / "report.html"
    path.write_text("the old report", encoding="utf-8")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, err = run(capsys, "report", "--data", str(ONE), "-o", str(path))
    assert code == 1 and "No space left on device" in err and "the file is unchanged" in err
    assert path.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file


def test_the_other_commands_do_not_load_matplotlib_or_jinja2():
    code = (
        "import sys, io, contextlib\n"
        "from ivb.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['status', '--data', {str(DATA)!r}])\n"
        "import ivb.report.build, ivb.report.text\n"
        "print(rc, [m for m in ('matplotlib', 'jinja2') if m in sys.modules])\n"
    )
    env = {**os.environ, "IVB_NO_CACHE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.strip() == "0 []"


@functools.cache
def _report(data: Path, year: int | None = None):
    from ivb.data.load import load_valid
    from ivb.report.build import build_report

    return build_report(load_valid(data), as_of=year)


def test_an_indicator_of_two_priorities_counts_once_in_the_totals(capsys, tmp_path):
    out = tmp_path / "r.md"
    assert run(capsys, "report", "--lang", "nl", "--data", str(DATA), "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    summary = text[text.index("## Samenvatting") : text.index("### Volledigheid")]
    rows = {
        cells[0]: cells[1:]
        for line in summary.splitlines()
        if line.startswith("| ") and not line.startswith("| Status")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    per_priority, total = rows["Indicatoren"][:-1], rows["Indicatoren"][-1]
    shared = 2  # Schoolverzuim and Voortijdige schoolverlaters serve priorities 2 and 3
    assert int(total) == sum(map(int, per_priority)) - shared == len(_indicator_ids(DATA))
    for label, cells in rows.items():  # every status row adds up the same way
        assert int(cells[-1]) <= sum(map(int, cells[:-1])), label
    assert "2 indicatoren horen bij twee prioriteiten en tellen in het totaal één keer:" in text


def test_a_reference_without_a_year_is_compared_with_no_year_of_its_own(renders):
    """The plan gives "VRHM en Nederland = 29%" without a year: the sentence says so, and
    does not present Leiderdorp's latest figure as of the same year."""
    text, path = renders.markdown()
    assert (
        "Ter vergelijking: VRHM en Nederland 29% (het beleidsplan noemt niet van welk jaar); "
        "Leiderdorp 21% in 2014." in text
    )
    chart = (path.parent / "report-charts" / "slachtofferschap-totaal.svg").read_text("utf-8")
    assert 'id="reference' in chart  # the dotted line across
