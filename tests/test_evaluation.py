"""The council's yearly evaluation, end to end: a coordinator records the figures of 2015
with a note, an explanation given later, a Halt breakdown, the state changes of actions,
an action's evaluation and the plan's conclusions; the report of 2015 (HTML parsed, and
markdown) then holds each of them, the continued actions once, and its front part prints
on two A4 pages at most."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import DATA

STEPS = [
    ("add-measurement", "diefstal-inbraak-woning", "2015", "75", "--note",
     "Daling na de inzet van de taskforce."),
    ("add-measurement", "diefstal-brom-snor-fietsen", "2015", "210"),
    ("add-measurement", "mishandeling", "2015", "44"),
    ("add-measurement", "verwijzingen-halt", "2015", "30", "-b", "geslacht.jongens=22",
     "-b", "geslacht.meisjes=8"),
    ("explain", "diefstal-brom-snor-fietsen", "2015",
     "Stijging door een reeks diefstallen bij het station."),
    ("set-action", "taskforce-woninginbraken", "--state", "running", "--date", "2015-03-01",
     "--note", "Gestart met politie en gemeente"),
    ("set-action", "taskforce-woninginbraken", "--state", "stopped", "--date", "2015-09-01",
     "--note", "Politiecapaciteit naar de regio"),
    ("evaluate", "taskforce-woninginbraken", "2015",
     "De taskforce droeg bij aan de daling van de woninginbraken.", "--date", "2016-03-01"),
    ("evaluate", "2015-2016", "2015",
     "Woninginbraken daalden; fietsdiefstal steeg. Het plan 2016-2017 zet in op het station.",
     "--date", "2016-03-15"),
]  # fmt: skip


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    """The shipped data after the coordinator's year of recording."""
    data = tmp_path_factory.mktemp("evaluation") / "data"
    shutil.copytree(DATA, data)
    from ivb.cli.main import main

    for step in STEPS:
        assert main([*step, "--data", str(data)]) == 0, step
    return data


def _report(data: Path, tmp: Path, fmt: str) -> str:
    from ivb.cli.main import main

    out = tmp / f"verslag.{'md' if fmt == 'markdown' else 'html'}"
    assert (
        main(["report", "--lang", "nl", "--data", str(data), "--year", "2015", "-o", str(out)]) == 0
    )
    return out.read_text(encoding="utf-8")


def _text(element) -> str:
    return re.sub(r"\s+", " ", " ".join(element.itertext())).strip()


def test_the_html_report_holds_the_whole_year(year, tmp_path):
    import html5lib

    html = _report(year, tmp_path, "html")
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    front = doc.find(".//section[@id='summary']")
    front_text = _text(front)
    # The front part: better, worse, the plan's conclusions.
    assert "Beter dan het cijfer ervoor Diefstal/inbraak woning: 122 (2013) → 75 (2015)" in (
        front_text
    )
    assert (
        "Slechter dan het cijfer ervoor Diefstal brom-, snor-, fietsen: 128 (2013) → 210 (2015)"
        in (front_text)
    )
    assert "Mishandeling (fysiek geweld): 40 (2013) → 44 (2015) (binnen toeval)" in front_text
    # Why a figure moved stands beside it: the explanation of the year.
    assert (
        "128 (2013) → 210 (2015). Toelichting 2015: Stijging door een reeks diefstallen bij "
        "het station." in front_text
    )
    assert "Woninginbraken daalden; fietsdiefstal steeg." in front_text
    # The appendix: the note given with the value and the explanation given later.
    woning = _text(doc.find(".//article[@id='p1-diefstal-inbraak-woning']"))
    assert "Toelichting 2015: Daling na de inzet van de taskforce." in woning
    fiets = _text(doc.find(".//article[@id='p1-diefstal-brom-snor-fietsen']"))
    assert "Toelichting 2015: Stijging door een reeks diefstallen bij het station." in fiets
    # The Halt breakdown as a table: a row per category, the year as a column.
    halt = doc.find(".//article[@id='p2-verwijzingen-halt']")
    table = halt.find(".//table[@class='breakdown']")
    rows = [[_text(c) for c in tr] for tr in table.iter("tr")]
    assert rows[0][0] == "Geslacht" and rows[0][-1] == "2015"
    assert [rows[1][0], rows[1][-1]] == ["Waarvan jongens", "22"]
    assert [rows[2][0], rows[2][-1]] == ["Waarvan meisjes", "8"]
    # The chapter on the execution: the action's course in 2015 and its evaluation.
    action = _text(doc.find(".//div[@id='action-taskforce-woninginbraken']"))
    assert "Stand eind 2015 gestopt op 1 september 2015: Politiecapaciteit naar de regio" in (
        action
    )
    # The state before it in the year, once (the state itself is not repeated).
    assert "Eerder in 2015 1 maart 2015 in uitvoering (Gestart met politie en gemeente)" in action
    assert action.count("Politiecapaciteit naar de regio") == 1
    assert "Evaluatie 2015 De taskforce droeg bij aan de daling van de woninginbraken." in action
    chapter = doc.find(".//section[@id='execution']")
    assert len(chapter.findall(".//div[@class='action']")) == 37  # each action once


def test_the_markdown_report_holds_the_whole_year(year, tmp_path):
    text = _report(year, tmp_path, "markdown")
    assert "- Diefstal/inbraak woning: 122 (2013) → 75 (2015)" in text
    assert "**Toelichting 2015:** Daling na de inzet van de taskforce." in text
    assert "**Toelichting 2015:** Stijging door een reeks diefstallen bij het station." in text
    assert "| Waarvan jongens | 15 | 27 | 23 | 22 |" in re.sub(r" {2,}", " ", text)
    assert "- Evaluatie 2015: De taskforce droeg bij aan de daling van de woninginbraken." in text
    assert text.count("**Taskforce woninginbraken") == 1
    assert "**Conclusies en bijsturing 2015:** Woninginbraken daalden" in text


def test_the_year_after_shows_each_continued_action_once_with_its_state(year, tmp_path):
    from ivb.cli.main import main

    out = tmp_path / "2016.md"
    assert (
        main(["report", "--lang", "nl", "--data", str(year), "--year", "2016", "-o", str(out)]) == 0
    )
    text = out.read_text(encoding="utf-8")
    start = text.index("\n## Uitvoering in 2016")
    chapter = text[start : text.index("\n## Bijlage", start)]
    assert chapter.count("**Taskforce woninginbraken") == 1
    block = chapter[chapter.index("**Taskforce woninginbraken") :].split("\n\n")[1]
    assert "- Stand eind 2016: gestopt op 1 september 2015" in block
    assert "- Uitvoeringsplannen: 2015-2016, 2016-2017" in block
    assert "Evaluatie 2015" not in block  # the year's evaluation only


def test_the_front_part_of_the_year_prints_on_two_pages_at_most(year, tmp_path):
    from test_report import BROWSER_ARGS, CHROMIUM, _browser, _front_pages

    _report(year, tmp_path, "html")
    sync_playwright = _browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            assert 1 <= _front_pages(browser, tmp_path / "verslag.html") <= 2
        finally:
            browser.close()
