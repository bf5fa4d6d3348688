"""Explanations ("toelichting"): ``ivb explain`` records one through the one write path,
where the year's explanation already is (the note of its measurement, else the
indicator's ``explanations``), as exactly its own lines; every refusal writes nothing;
``add-measurement --note`` never makes a second one; ``validate`` refuses two for one year
(``explanation-twice``); and ``ivb status --format json`` shows the explanations, the
breakdowns and the reference values, up to the ``--year`` given, from its cache too.

Each test works on a copy of the shipped data in its own temporary folder.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from helpers import DATA, edit, run

HALT = "verwijzingen-halt"  # count, breakdowns geslacht and soort-delict for 2011-2013
WONING = "diefstal-inbraak-woning"  # count, 2011-2013 values, no notes
TOTAAL = "slachtofferschap-totaal"  # percent, a reference "VRHM en Nederland" of 29


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("IVB_DATA", raising=False)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data as ``data`` in the working folder."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Path("data")


def explain(capsys, data: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "explain", *args, "--data", str(data))


def indicators(data: Path) -> str:
    return (data / "indicators.yaml").read_text(encoding="utf-8")


def changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, from ``old`` to ``new``."""
    diff = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def status_json(capsys, data: Path, *args: str) -> dict[str, dict]:
    code, out, err = run(capsys, "status", "--data", str(data), "-f", "json", *args)
    assert (code, err) == (0, "")
    return {i["id"]: i for p in json.loads(out)["priorities"] for i in p["indicators"]}


# -- ivb explain ------------------------------------------------------------------------------


def test_an_explanation_adds_exactly_its_lines_and_shows_in_json(capsys, data):
    before = indicators(data)
    text = "Minder inbraken door de campagne 'Maak het ze niet te makkelijk'"
    code, out, err = explain(capsys, data, WONING, "2015", text)
    assert (code, err) == (0, "")
    assert out == (
        f"Recorded the explanation of {WONING} for 2015 in data/indicators.yaml (explanations).\n"
    )
    removed, added = changes(before, indicators(data))
    assert removed == []
    assert added == ["    explanations:", f'      2015: "{text}"']
    assert status_json(capsys, data)[WONING]["explanations"] == {"2015": text}
    # a year without a value is explained too, in year order, as one more line
    assert explain(capsys, data, WONING, "2017", "Nog geen cijfer")[0] == 0
    assert explain(capsys, data, WONING, "2016", "Ook nog niet")[0] == 0
    removed, added = changes(before, indicators(data))
    assert added == [
        "    explanations:",
        f'      2015: "{text}"',
        '      2016: "Ook nog niet"',
        '      2017: "Nog geen cijfer"',
    ]
    assert list(status_json(capsys, data)[WONING]["explanations"]) == ["2015", "2016", "2017"]


def test_an_explanation_goes_into_the_note_a_measurement_has(capsys, data):
    code, _, err = run(
        capsys, "add-measurement", HALT, "2015", "20", "--note", "Daling door preventie",
        "-b", "geslacht.jongens=15", "-b", "geslacht.meisjes=5", "--data", str(data),
    )  # fmt: skip
    assert (code, err) == (0, "")
    edit(
        data / "indicators.yaml",
        'note: "Daling door preventie"',
        'note: "Daling door preventie" # mail 3 feb',
    )
    before = indicators(data)
    code, out, err = explain(capsys, data, HALT, "2015", "Een betere uitleg")
    assert code == 1 and out == ""
    line = before.splitlines().index('        note: "Daling door preventie" # mail 3 feb') + 1
    assert err == (
        f"ivb: '{HALT}' already has an explanation for 2015 as the note of its 2015 "
        f"measurement (data/indicators.yaml:{line}): 'Daling door preventie'; use --replace "
        "to replace it\n"
    )
    assert indicators(data) == before
    code, out, err = explain(capsys, data, HALT, "2015", "Een betere uitleg", "--replace")
    assert (code, err) == (0, "")
    assert "(the note of its 2015 measurement)" in out
    assert "It replaces 'Daling door preventie'." in out
    removed, added = changes(before, indicators(data))
    assert removed == ['        note: "Daling door preventie" # mail 3 feb']
    assert added == ['        note: "Een betere uitleg" # mail 3 feb']
    assert "explanations:" not in indicators(data)
    assert status_json(capsys, data)[HALT]["explanations"] == {"2015": "Een betere uitleg"}


def test_an_explanation_in_explanations_is_replaced_there_only_on_request(capsys, data):
    assert explain(capsys, data, WONING, "2016", "Eerste uitleg")[0] == 0
    before = indicators(data)
    code, _, err = explain(capsys, data, WONING, "2016", "Tweede uitleg")
    assert code == 1 and "already has an explanation for 2016 in its explanations" in err
    assert "'Eerste uitleg'; use --replace" in err
    assert indicators(data) == before
    # the same text again: nothing to do, and said so
    code, _, err = explain(capsys, data, WONING, "2016", "Eerste uitleg")
    assert code == 0 and "already has this explanation; nothing changed" in err
    assert explain(capsys, data, WONING, "2016", "Tweede uitleg", "--replace")[0] == 0
    removed, added = changes(before, indicators(data))
    assert (removed, added) == (['      2016: "Eerste uitleg"'], ['      2016: "Tweede uitleg"'])


def test_a_dry_run_shows_the_diff_and_writes_nothing(capsys, data):
    before = indicators(data)
    code, out, err = explain(capsys, data, WONING, "2015", "Uitleg", "--dry-run")
    assert code == 0 and err == "Dry run: nothing written.\n"
    assert '+    explanations:\n+      2015: "Uitleg"\n' in out
    assert "Would record the explanation" in out
    assert indicators(data) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["diefstal-woning", "2015", "x"], "there is no indicator 'diefstal-woning'; did you mean"),
        ([WONING, "2013", "x"], "2013 lies outside the policy's period 2015-2018"),
        ([WONING, "2019", "x"], "2019 lies outside the policy's period 2015-2018"),
        ([WONING, "2015", "a\x1b[31mb"], "TEXT holds the control character U+001B"),
        ([WONING, "2015", "twee\nregels"], "TEXT holds a line break"),
        ([WONING, "2015", "  "], "TEXT is empty"),
    ],
)
def test_a_refused_explanation_writes_nothing(capsys, data, args, message):
    before = indicators(data)
    code, out, err = explain(capsys, data, *args)
    assert code == 1 and out == ""
    assert err.startswith("ivb: ") and message in err and "Traceback" not in err
    assert "\x1b" not in err
    assert indicators(data) == before


def test_a_text_that_starts_with_a_dash_follows_two_dashes(capsys, data):
    code, _, err = explain(capsys, data, WONING, "2015", "-5% door de aanpak")
    assert code == 2 and "No such option" in err
    code = run(capsys, "explain", "--data", str(data), WONING, "2015", "--", "-5% door de aanpak")[
        0
    ]
    assert code == 0
    assert status_json(capsys, data)[WONING]["explanations"] == {"2015": "-5% door de aanpak"}


def test_the_year_s_rule_is_set_target_s(capsys, data):
    """One rule for the years of the policy: set-target refuses the same years alike."""
    _, _, mine = explain(capsys, data, WONING, "2014", "x")
    _, _, theirs = run(
        capsys, "set-target", WONING, "2014", "90", "--reason", "r", "--data", str(data)
    )
    assert (
        mine.split(";")[0]
        == theirs.split(";")[0]
        == "ivb: 2014 lies outside the policy's period 2015-2018"
    )


# -- add-measurement --note and explanations ------------------------------------------------


def test_add_measurement_note_never_makes_a_second_explanation(capsys, data):
    assert explain(capsys, data, WONING, "2015", "Minder inbraken")[0] == 0
    before = indicators(data)
    code, _, err = run(
        capsys,
        "add-measurement",
        WONING,
        "2015",
        "98",
        "--note",
        "Iets anders",
        "--data",
        str(data),
    )
    assert code == 1
    assert err == (
        f"ivb: '{WONING}' already has an explanation for 2015 in its explanations: "
        "'Minder inbraken'; record the figure without --note, and change the explanation "
        f"with `ivb explain {WONING} 2015 TEXT --replace`\n"
    )
    assert indicators(data) == before
    # without --note the figure is recorded, and the explanation stays the year's
    assert run(capsys, "add-measurement", WONING, "2015", "98", "--data", str(data))[0] == 0
    shown = status_json(capsys, data)[WONING]
    assert shown["measurements"]["2015"] == 98
    assert shown["explanations"] == {"2015": "Minder inbraken"}


def test_a_note_given_with_the_value_is_the_year_s_explanation(capsys, data):
    args = [WONING, "2015", "98", "--note", "Campagne", "--data", str(data)]
    assert run(capsys, "add-measurement", *args)[0] == 0
    assert status_json(capsys, data)[WONING]["explanations"] == {"2015": "Campagne"}


def test_validate_refuses_two_explanations_for_one_year_at_the_line(capsys, data):
    assert explain(capsys, data, WONING, "2015", "Uitleg")[0] == 0
    edit(
        data / "indicators.yaml",
        "      2013: 122\n",
        '      2013: 122\n      2015: {value: 98, note: "Ook"}\n',
    )
    text = indicators(data)
    line = text.splitlines().index('      2015: "Uitleg"') + 1
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert (
        f"data/indicators.yaml:{line}:7: error: '{WONING}' has two explanations for 2015: the "
        "note of its 2015 measurement and this entry; keep one of them (explanation-twice)"
    ) in err


# -- status --format json: explanations, breakdowns, references -----------------------------


def test_json_gives_the_breakdowns_in_their_declared_order(capsys, data):
    halt = status_json(capsys, data)[HALT]
    assert list(halt["breakdowns"]) == ["2011", "2012", "2013"]
    y2011 = halt["breakdowns"]["2011"]
    assert list(y2011) == ["geslacht", "soort-delict"]
    assert y2011["geslacht"] == {
        "name": "Geslacht",
        "partition": True,
        "categories": [
            {"id": "jongens", "name": "Waarvan jongens", "value": 15},
            {"id": "meisjes", "name": "Waarvan meisjes", "value": 7},
        ],
    }
    offences = [c["id"] for c in y2011["soort-delict"]["categories"]]
    assert offences == [
        "vermogensdelicten", "baldadigheid", "openbare-orde", "vernieling",
        "vuurwerkovertradingen", "schoolverzuim", "overig",
    ]  # fmt: skip
    assert sum(c["value"] for c in y2011["soort-delict"]["categories"]) == 22
    assert status_json(capsys, data)[WONING]["breakdowns"] == {}


def test_a_category_without_a_value_is_null_and_a_year_has_only_its_breakdowns(capsys, data):
    edit(
        data / "indicators.yaml",
        "      2014: null\n    targets:\n      2015: 25\n",
        "      2014: {value: 20, breakdown: {geslacht: {jongens: 20}}}\n"
        "    targets:\n      2015: 25\n",
    )
    y2014 = status_json(capsys, data)[HALT]["breakdowns"]["2014"]
    assert list(y2014) == ["geslacht"]
    assert y2014["geslacht"]["categories"][1] == {
        "id": "meisjes",
        "name": "Waarvan meisjes",
        "value": None,
    }


def test_json_gives_the_reference_values(capsys, data):
    assert status_json(capsys, data)[TOTAAL]["references"] == [
        {"group": "VRHM en Nederland", "value": 29, "year": None}
    ]


def test_json_shows_explanations_breakdowns_and_references_up_to_the_year(capsys, data):
    assert explain(capsys, data, WONING, "2015", "Vijftien")[0] == 0
    assert explain(capsys, data, WONING, "2017", "Zeventien")[0] == 0
    edit(
        data / "indicators.yaml",
        '      - group: "VRHM en Nederland"\n        value: 29\n',
        '      - group: "VRHM en Nederland"\n        value: 29\n'
        '      - {group: "Nederland", value: 20, year: 2016}\n',
    )
    as_of = {y: status_json(capsys, data, "--year", y) for y in ("2012", "2016", "2018")}
    assert as_of["2016"][WONING]["explanations"] == {"2015": "Vijftien"}
    assert as_of["2018"][WONING]["explanations"] == {"2015": "Vijftien", "2017": "Zeventien"}
    assert list(as_of["2012"][HALT]["breakdowns"]) == ["2011", "2012"]
    assert [r["group"] for r in as_of["2012"][TOTAAL]["references"]] == ["VRHM en Nederland"]
    assert [r["year"] for r in as_of["2016"][TOTAAL]["references"]] == [None, 2016]
    # without --year, every year
    assert list(status_json(capsys, data)[WONING]["explanations"]) == ["2015", "2017"]


def test_the_cached_view_gives_the_same_json(capsys, data, tmp_path, monkeypatch):
    assert explain(capsys, data, WONING, "2015", "Uitleg met ë en é")[0] == 0
    cold = status_json(capsys, data)
    monkeypatch.delenv("IVB_NO_CACHE")
    monkeypatch.setenv("IVB_CACHE_DIR", str(tmp_path / "cache"))
    stored = status_json(capsys, data)  # stores the view
    assert list((tmp_path / "cache").glob("status-*.json"))
    warm = status_json(capsys, data)  # reads it back
    assert cold == stored == warm
    assert warm[WONING]["explanations"] == {"2015": "Uitleg met ë en é"}
    assert warm[HALT]["breakdowns"] == cold[HALT]["breakdowns"] != {}
