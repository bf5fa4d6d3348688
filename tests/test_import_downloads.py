"""``ivb import`` of the exports people really download: the table's current wording,
history older than what is recorded, tables without categories, CBS's own labels, rates,
and the files that are no export at all.

The exports are in ``cases/import`` (its README says what each reproduces). Every test
runs ``ivb`` as typed, on a copy of the shipped ``data`` folder (the fixture ``data`` of
``test_import``), changed where a test needs a series the plan does not have.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

import test_import
from helpers import DATA, ROOT, edit, run
from test_import import (
    CASES,
    TYPED,
    TYPED_2013,
    assert_clean_error,
    indicator,
    indicators_bytes,
    ivb_import,
    load,
    measurements,
    row_of,
    table_rows,
)

# The fixtures of test_import: a copy of the shipped data, and the environment of its runs.
data = test_import.data
_environment = test_import._environment

VIEW_2022 = CASES / "47013NED_2022-2024_tabelweergave.csv"  # the table view, all categories
STATLINE_2013 = CASES / "47013NED_2013-2017_statline.csv"  # StatLine CSV, BOM, a rate topic
CBS_CRIME = CASES / "83648NED_2013-2015.csv"  # CBS's labels: "1 Vermogensmisdrijven"
RESPONSE = CASES / "47008NED_UntypedDataSet_11012026_093000.csv"  # no category dimension
DISORDER = CASES / "47021NED_2015-2017.csv"
DISORDER_UNTYPED = CASES / "47021NED_UntypedDataSet_11012026_094500.csv"
VM_ROWS = CASES / "veiligheidsmonitor_perioden-als-rijen.csv"
VM_ONE = CASES / "veiligheidsmonitor_leiderdorp.csv"
VM_MUNICIPALITIES = CASES / "veiligheidsmonitor_gemeenten.csv"
JSON_DOWNLOAD = CASES / "47013NED_TypedDataSet.json"
SHARED = ROOT.parent / "shared" / "opendata"  # the code lists as published, beside the repo
CODE_LIST = ROOT / "tests" / "cases" / "opendata" / "47013NED-metadata-2025-12-15.csv"

MAPPED_47013 = {
    s["category"]: (i["id"], s["title"])
    for i in load(DATA)["indicators"]
    for s in i.get("open_data") or []
    if s["table"] == "47013NED"
}


def add_indicator(data: Path, block: str) -> None:
    """Append indicators (YAML list items) to the copy of the data, listed under priority
    1, for series the plan itself does not have."""
    idents = re.findall(r"^  - id: (\S+)$", block, re.M)
    assert idents
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and text.rstrip().splitlines()[-1].startswith("      ")
    path.write_text(text + "\n" + block, encoding="utf-8")
    listed = "".join(f"      - {ident}\n" for ident in idents)
    edit(path, "      - diefstal-inbraak-woning\n", "      - diefstal-inbraak-woning\n" + listed)


def forget_values(data: Path, idents: list[str]) -> None:
    """Make the copy a policy that has recorded no value yet for ``idents``."""
    path = data / "indicators.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for ind in doc["indicators"]:
        if ind["id"] in idents:
            ind.pop("measurements", None)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def view_figures(region: str = "Leiderdorp") -> dict[tuple[str, int], str]:
    """The table view's cells of ``region``: {(code, year): cell}, read with ``csv``."""
    rows = list(csv.reader(VIEW_2022.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    titles = next(r for r in rows if r and r[0] == "Soort misdrijf")[1:]
    periods = next(r for r in rows if r and r[0] == "Perioden")[1:]
    cells = next(r for r in rows if r and r[0] == region)[1:]
    return {
        (t.split()[0] if t[0].isdigit() else "0.0.0", int(p.rstrip("*"))): c
        for t, p, c in zip(titles, periods, cells, strict=True)
    }


# -- the table's wording: one renamed title affects only its own series --------------------


def test_a_renamed_title_refuses_only_its_own_series(capsys, data):
    """The data says 1.4.1 is "Zedenmisdrijf", today's export "Zedendelicten": the series of
    zeden is refused naming both titles; every other series is recorded, and the exit code
    says that not everything was."""
    edit(data / "indicators.yaml", 'title: "Zedendelicten"', 'title: "Zedenmisdrijf"')
    code, out, err = ivb_import(capsys, data, VIEW_2022, "--downloaded", "2025-02-01")
    assert code == 1, (out, err)
    assert "Traceback" not in err
    (message,) = err.splitlines()
    assert "'zeden'" in message and "'Zedendelicten'" in message and "'Zedenmisdrijf'" in message
    assert "other_titles" in message
    zeden = [r for r in table_rows(out) if r[0] == "zeden"]
    assert [r[1] for r in zeden] == ["2022", "2023", "2024"]
    assert all(r[4].startswith("refused: category 1.4.1") for r in zeden)
    assert all("'Zedendelicten'" in r[4] and "'Zedenmisdrijf'" in r[4] for r in zeden)
    # The other nine series are recorded: their figures are in the data now.
    figures = view_figures()
    recorded = 0
    for code_, (ident, _) in MAPPED_47013.items():
        for year in (2022, 2023, 2024):
            cell = figures[(code_, year)]
            if ident == "zeden":
                assert year not in measurements(data, ident)
            elif cell.isdigit():
                assert measurements(data, ident)[year]["value"] == int(cell)
                recorded += 1
    assert f"Recorded {recorded} figures in " in out
    assert f"the other {recorded} figures were recorded" in message


def test_a_refused_series_with_nothing_else_to_record_is_no_nothing_changed(capsys, data):
    """A second run records nothing new, but still refuses zeden: exit 1, never "nothing
    changed" with 0."""
    edit(data / "indicators.yaml", 'title: "Zedendelicten"', 'title: "Zedenmisdrijf"')
    ivb_import(capsys, data, VIEW_2022, "--downloaded", "2025-02-01")
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, VIEW_2022, "--downloaded", "2025-02-01")
    assert code == 1, (out, err)
    assert "nothing changed" not in err
    assert "'zeden'" in err and "nothing was written" in err
    assert "recorded already" in err
    assert indicators_bytes(data) == before


def test_other_titles_accept_the_wording_of_an_older_download(capsys, data, tmp_path):
    """A download of years ago titles 1.4.1 "Zedenmisdrijf"; the series lists that title
    among its other titles, so its figures are zeden's."""
    export = tmp_path / TYPED.name
    export.write_bytes(TYPED.read_bytes().replace(b"Zedendelicten", b"Zedenmisdrijf"))
    edit(
        data / "indicators.yaml",
        '        title: "Zedendelicten"\n',
        '        title: "Zedendelicten"\n        other_titles: ["Zedenmisdrijf"]\n',
    )
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2017-03-01")
    assert code == 0, (out, err)
    assert row_of(out, "zeden", 2015)[3:5] == ("9", "new")
    assert measurements(data, "zeden")[2015]["value"] == 9
    assert "file 47013NED_2014-2016.csv" in measurements(data, "zeden")[2015]["source"]


def test_the_shipped_series_match_the_tables_current_code_list():
    """Every 47013NED series of the shipped data names a code of the table's current code
    list (a copy in ``tests/cases/opendata``) by the title it has there."""
    rows = list(csv.reader(CODE_LIST.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "SoortMisdrijf")
    current = {}
    for row in rows[start + 2 :]:  # the section's header (Key;Title;...), then its rows
        if not row or not row[0].strip() or row[0] == "RegioS":
            break
        key, title = row[0].strip(), row[1]
        current[key] = title[len(key) :].strip() if title.startswith(key + " ") else title
    assert current["1.4.1"] == "Zedendelicten" and len(current) == 59
    assert MAPPED_47013, "the shipped data declares series of 47013NED"
    for code_, (ident, title) in MAPPED_47013.items():
        assert code_ in current, (ident, code_)
        assert title == current[code_], (ident, code_, title, current[code_])


def test_the_code_list_in_the_repository_is_the_newest_shared_one():
    """The project's shared folder (``../shared/opendata``, beside the repository, where it
    exists) holds the code list as the police publish it; the copy the tests read is the
    newest of them, byte for byte."""
    lists = sorted(SHARED.glob("47013NED-metadata-*.csv"))
    if not lists:
        pytest.skip(f"no shared code list at {SHARED} (outside the project's workplace)")
    assert lists[-1].name == CODE_LIST.name, f"copy {lists[-1]} to {CODE_LIST.parent}"
    assert lists[-1].read_bytes() == CODE_LIST.read_bytes()


# -- history: older years come in after newer ones -------------------------------------------


def test_older_years_are_recorded_after_newer_ones(capsys, data):
    """A policy that recorded 2022-2024 first takes 2013-2017 after: every figure is new,
    the rows say that the years lie before the first value, and nothing is skipped."""
    idents = [ident for ident, _ in MAPPED_47013.values()]
    forget_values(data, idents)
    code, out, err = ivb_import(capsys, data, VIEW_2022, "--downloaded", "2025-02-01")
    assert code == 0, (out, err)
    code, out, err = ivb_import(capsys, data, STATLINE_2013, "--downloaded", "2025-02-01")
    assert code == 0, (out, err)
    rows = table_rows(out)
    assert {r[1] for r in rows} == {"2013", "2014", "2015", "2016", "2017"}
    new = [r for r in rows if r[4].startswith("new")]
    assert new and all(r[4] == "new: earlier than the first value recorded (2022)" for r in new)
    missing = [r for r in rows if not r[4].startswith("new")]
    assert [(r[0], r[1], r[4].split(":")[0]) for r in missing] == [
        ("overval", "2014", "no figure"),
        ("overval", "2015", "no figure"),
    ]
    assert f"Recorded {len(new)} figures in " in out
    assert "skipped" not in out and "skipped" not in err
    assert measurements(data, "diefstal-inbraak-woning")[2013]["value"] == 122
    assert measurements(data, "diefstal-inbraak-woning")[2022]["value"] == 41


def test_nothing_changed_says_what_the_export_holds_that_is_not_recorded(capsys, data):
    """Imported again, the export changes nothing: the message counts the figures recorded
    already and the cells without a figure, not "every figure is recorded"."""
    assert ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")[0] == 0
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, (out, err)
    assert err == (
        "ivb: 26 figures are recorded already, 4 have no figure in the export (see the "
        "table); nothing changed.\n"
    )


# -- a table without categories ---------------------------------------------------------------


def test_a_series_of_a_table_without_categories(capsys, data):
    """47008NED (priority-1 calls) has no category: the series names table and topic."""
    add_indicator(
        data,
        "  - id: prio-1-meldingen\n"
        '    name: "Prio 1-meldingen"\n'
        '    source: "Politie"\n'
        "    open_data:\n"
        "      - table: 47008NED\n"
        '        topic: "Totaal"\n'
        "    unit: count\n"
        '    direction: "-/+"\n',
    )
    code, out, err = run(capsys, "validate", "--data", str(data))
    assert code == 0, err
    code, out, err = ivb_import(capsys, data, RESPONSE, "--downloaded", "2018-02-01")
    assert code == 0, (out, err)
    rows = list(csv.reader(RESPONSE.read_text(encoding="utf-8").splitlines()))
    total = rows[0].index("Totaal_2")
    expected = {int(r[2][:4]): int(r[total]) for r in rows[1:] if r[1].strip() == "GM0547"}
    assert len(expected) == 3
    assert {y: m["value"] for y, m in measurements(data, "prio-1-meldingen").items()} == expected
    assert (
        "open data 47008NED, (no category), file"
        in measurements(data, "prio-1-meldingen")[2015]["source"]
    )


# -- the police's disorder table ---------------------------------------------------------------


@pytest.mark.parametrize("file", [DISORDER, DISORDER_UNTYPED], ids=lambda p: p.name)
def test_the_disorder_table_feeds_overlast_jeugd_and_openbare_dronkenschap(capsys, data, file):
    code, out, err = ivb_import(capsys, data, file, "--downloaded", "2018-02-01")
    assert code == 0, (out, err)
    assert {r[0] for r in table_rows(out)} == {"overlast-jeugd", "openbare-dronkenschap"}
    jeugd = {y: m["value"] for y, m in measurements(data, "overlast-jeugd").items() if y > 2014}
    drank = {
        y: m["value"] for y, m in measurements(data, "openbare-dronkenschap").items() if y > 2014
    }
    assert jeugd == {2015: 211, 2016: 198, 2017: 187}
    assert drank == {2015: 2, 2016: 0, 2017: 1}


def test_the_disorder_series_keep_the_plans_names_and_sources():
    """The series are the data's addition; name, source and code stay as the plan has them."""
    jeugd, drank = indicator(DATA, "overlast-jeugd"), indicator(DATA, "openbare-dronkenschap")
    assert (jeugd["name"], jeugd["source"], jeugd["code"]) == (
        "Overlast jeugd",
        "Politie (BVH incidentcode 3.1.2)",
        "3.1.2",
    )
    assert (drank["name"], drank["source"], drank["code"]) == (
        "Openbare Dronkenschap (aantal incidenten)",
        "Politie (BVH incidentcode 2.1.1)",
        "2.1.1",
    )
    assert jeugd["open_data"] == [
        {
            "table": "47021NED",
            "category": "E35",
            "title": "Melding overlast jeugd",
            "topic": "Geregistreerde overlast",
        }
    ]
    assert drank["open_data"][0]["category"] == "F010"
    assert drank["open_data"][0]["title"] == "Openbare dronkenschap"


# -- CBS's labels, and rates ------------------------------------------------------------------

RATE = (
    "  - id: geweldsmisdrijven-per-1000\n"
    '    name: "Gewelds- en seksuele misdrijven per 1.000 inwoners"\n'
    '    source: "CBS"\n'
    "    open_data:\n"
    "      - table: 83648NED\n"
    '        category: "3"\n'
    '        title: "Gewelds- en seksuele misdrijven"\n'
    '        topic: "Geregistreerde misdrijven, per 1000 inw."\n'
    "    unit: per 1000\n"
    "    per: inwoners\n"
    '    direction: "-"\n'
    "    targets:\n"
    "      2015: 4\n"
)


def test_cbs_labels_with_a_number_code_are_split(capsys, data):
    """``1 Vermogensmisdrijven`` is code 1; ``Misdrijven, totaal`` has no code."""
    add_indicator(
        data,
        "  - id: vermogensmisdrijven\n"
        '    name: "Vermogensmisdrijven"\n'
        '    source: "CBS"\n'
        "    open_data:\n"
        "      - table: 83648NED\n"
        '        category: "1"\n'
        '        topic: "Totaal geregistreerde misdrijven"\n'
        "    unit: count\n"
        '    direction: "-"\n'
        "  - id: misdrijven-totaal\n"
        '    name: "Misdrijven"\n'
        '    source: "CBS"\n'
        "    open_data:\n"
        "      - table: 83648NED\n"
        '        title: "Misdrijven, totaal"\n'
        '        topic: "Totaal geregistreerde misdrijven"\n'
        "    unit: count\n"
        '    direction: "-"\n',
    )
    code, out, err = ivb_import(capsys, data, CBS_CRIME, "--downloaded", "2016-02-01")
    assert code == 0, (out, err)
    assert "Not in this export" not in out
    assert {y: m["value"] for y, m in measurements(data, "vermogensmisdrijven").items()} == {
        2013: 890,
        2014: 941,
        2015: 812,
    }
    totals = measurements(data, "misdrijven-totaal")
    assert totals[2014]["value"] == 1502
    assert totals[2014]["source"].startswith("open data 83648NED, Misdrijven, totaal, file")
    assert measurements(data, "vermogensmisdrijven")[2013]["source"].startswith(
        "open data 83648NED, 1 Vermogensmisdrijven, file"
    )


def test_a_rate_is_imported_with_its_decimals_and_shown_as_a_rate(capsys, data):
    add_indicator(data, RATE)
    code, out, err = ivb_import(capsys, data, CBS_CRIME, "--downloaded", "2016-02-01")
    assert code == 0, (out, err)
    assert row_of(out, "geweldsmisdrijven-per-1000", 2013)[3] == "4.4 /1000"
    values = measurements(data, "geweldsmisdrijven-per-1000")
    assert {y: m["value"] for y, m in values.items()} == {2013: 4.4, 2014: 4.5, 2015: 4.0}
    code, out, err = run(capsys, "status", "--data", str(data), "--priority", "1")
    assert code == 0, err
    (line,) = [x for x in out.splitlines() if x.startswith("Gewelds- en seksuele")]
    assert "– 4.4 /1000 4.5 /1000 4 /1000" in line and "4 /1000 '15" in line
    assert "4.4%" not in line and "4.5%" not in line  # a rate is no percent
    code, out, err = run(capsys, "report", "--lang", "nl", "--data", str(data))
    assert code == 0, err
    assert "4 per 1.000 inwoners in 2015" in out  # the latest value, and the target
    assert "4,5 per 1.000 inwoners" in out


def test_a_rate_is_typed_in_with_decimals_and_refused_with_reasons(capsys, data):
    add_indicator(data, RATE)
    args = ("--data", str(data), "--received", "2017-02-01")
    code, out, err = run(
        capsys, "add-measurement", "geweldsmisdrijven-per-1000", "2016", "29.5", *args
    )
    assert code == 0, err
    assert "29.5 /1000" in out
    assert measurements(data, "geweldsmisdrijven-per-1000")[2016]["value"] == 29.5
    for typed, words in (
        ("1,500", "could mean 1500 (with a thousands separator) or 1,500"),
        ("-1", "a rate (per 1000) is 0 or more"),
        ("30%", "not a rate (per 1000)"),
        ("4.125", "at most two decimals"),
    ):
        code, out, err = run(
            capsys, "add-measurement", "geweldsmisdrijven-per-1000", "2017", typed, *args
        )
        assert code == 1 and words in err, (typed, err)


def test_a_rate_must_say_what_it_is_per(capsys, data):
    add_indicator(data, RATE.replace("    per: inwoners\n", ""))
    code, out, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert "(rate-per)" in err and "'geweldsmisdrijven-per-1000' is a rate (per 1000)" in err


# -- refusals that say what is true about the file ------------------------------------------


def test_a_table_view_with_the_periods_as_rows_is_not_told_it_has_none(capsys, data):
    code, out, err = ivb_import(capsys, data, VM_ROWS, "--downloaded", "2024-03-01")
    lines = VM_ROWS.read_text(encoding="utf-8").splitlines()
    line = 1 + next(i for i, x in enumerate(lines) if x.startswith('"Perioden"'))
    assert_clean_error(code, out, err, f"{VM_ROWS}:{line}:", "the periods (Perioden) are the rows")
    assert "no periods" not in err


def test_a_download_without_a_region_column_is_told_just_that(capsys, data):
    code, out, err = ivb_import(capsys, data, VM_ONE, "--downloaded", "2024-03-01")
    assert_clean_error(
        code, out, err, f"{VM_ONE}:1:", "names the periods (Perioden) but no regions", "Marges"
    )
    assert "no periods" not in err


def test_a_survey_is_read_at_its_estimate_not_its_margins(capsys, data):
    """The Veiligheidsmonitor gives each figure with the bounds of its interval: ivb takes
    the estimate ("Marges: Waarde")."""
    edit(
        data / "indicators.yaml",
        '    source: "Veiligheidsmonitor 2011 en 2014 (referentiegroep regio en NL – 6%)"\n',
        '    source: "Veiligheidsmonitor 2011 en 2014 (referentiegroep regio en NL – 6%)"\n'
        "    open_data:\n"
        "      - table: 85146NED\n"
        '        topic: "Voelt zich weleens onveilig"\n',
    )
    code, out, err = ivb_import(
        capsys, data, VM_MUNICIPALITIES, "--table", "85146NED", "--downloaded", "2024-03-01"
    )
    assert code == 0, (out, err)
    values = measurements(data, "overlast-beleving-groepen-jongeren")
    assert {y: values[y]["value"] for y in (2019, 2021, 2023)} == {2019: 26.1, 2021: 24.8, 2023: 27}


def test_a_json_download_is_called_json(capsys, data):
    code, out, err = ivb_import(capsys, data, JSON_DOWNLOAD, "--downloaded", "2016-03-01")
    assert_clean_error(
        code, out, err, str(JSON_DOWNLOAD), "a JSON file", "download the table as CSV"
    )
    assert "expected after" not in err


def test_a_stray_quote_is_described_not_quoted_from_the_csv_module(capsys, data, tmp_path):
    export = tmp_path / "47013NED_2015.csv"
    text = TYPED_2013.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].replace('"Leiderdorp"', '"Leider"dorp"')
    export.write_text("".join(lines), encoding="utf-8")
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2016-03-01")
    assert_clean_error(
        code,
        out,
        err,
        f"{export}:3:",
        "a quoted field is followed by more text before the separator (';')",
    )
    assert "expected after" not in err
