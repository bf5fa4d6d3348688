"""Tests of ``ivb validate``: each rule fails on a small data folder that has one mistake.

``cases/valid/minimal`` is a small valid data folder (a policy, two priorities, four
indicators, three partners). Each folder under ``cases/invalid`` is that folder with one
mistake (the ``many-*`` folders have several, to show that one run reports all of them),
and its ``expected.txt`` holds the exact problems, one per line, as
``FILE:LINE:COLUMN: level: message (code)`` with FILE the bare file name. The expected
lines were written by reading the YAML: LINE:COLUMN is where the offending key or value
starts in the file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import case_params, edit, expected_lines, run
from ivb.data.load import load_dataset
from ivb.problems import ERROR, WARNING, Problem
from ivb.render import problems as diagnostics

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = ROOT / "data"
SCHEMA_DIR = ROOT / "schema"
CASES = TESTS / "cases"
MINIMAL = CASES / "valid" / "minimal"
VALID_CASES = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
INVALID_CASES = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
DATA_FILE_NAMES = ("indicators.yaml", "partners.yaml")

# FILE:LINE:COLUMN: level: message (code)
PROBLEM_LINE = re.compile(
    r"(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<level>error|warning): "
    r"(?P<message>.*) \((?P<code>[a-z0-9-]+)\)\Z"
)
SUMMARY_LINE = re.compile(r"\d+ errors?, \d+ warnings? in [24] files\Z")  # case / shipped

# Every rule of the brief, by code: each must fail in at least one case folder.
REQUIRED_CODES = {
    # schema
    "unknown-key",
    "missing-key",
    "wrong-type",
    "invalid-choice",
    "invalid-value",
    # YAML reader
    "duplicate-key",
    "yaml-bool",
    "yaml-number",
    "yaml-tag",
    "yaml-alias",
    "yaml-merge",
    "yaml-syntax",
    "empty-file",
    "encoding",
    "file-missing",
    # checks
    "duplicate-id",
    "duplicate-number",
    "unknown-indicator",
    "unknown-priority",
    "unknown-partner",
    "id-format",
    "count-value",
    "percent-range",
    "year-range",
    "future-year",
    "target-year",
    "breakdown-sum",
    "unknown-breakdown",
    "unknown-category",
    "unlisted-indicator",
    "shared-code",
    "tolerance-direction",
    "open-data-table",
    "open-data-category",
    "open-data-shared",
    "open-data-twice",
    "municipality-code",
}

# Case folders whose expected.txt states the right behaviour that ivb does not have yet.
KNOWN_BUGS: dict[str, str] = {}  # case name -> reason, for a strict xfail


# -- fixtures and helpers -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's cache; never inherit settings that change the output."""
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    for name in ("GITHUB_ACTIONS", "IVB_DATA", "IVB_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the minimal valid data folder that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def problem_lines(problems: list[Problem]) -> list[str]:
    """``str(problem)`` of each problem, with the file reduced to its base name."""
    return [str(dataclasses.replace(p, file=Path(p.file).name)) for p in problems]


def expected_problems(case: Path) -> list[dict[str, str]]:
    found = []
    for line in expected_lines(case):
        match = PROBLEM_LINE.match(line)
        assert match, f"{case.name}/expected.txt: not a problem line: {line!r}"
        found.append(match.groupdict())
    return found


def run_process(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ivb`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "ivb", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "IVB_NO_CACHE": "1", "NO_COLOR": "1"},
        timeout=60,
    )


def case_by_name(name: str) -> Path:
    case = CASES / "invalid" / name
    assert case.is_dir(), case
    return case


# -- the case folders themselves ------------------------------------------------------------


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda c: c.name)
def test_case_folder_is_a_data_folder_with_expected_problems(case: Path) -> None:
    names = {p.name for p in case.iterdir()}
    assert names <= {*DATA_FILE_NAMES, "expected.txt"}, names
    assert "expected.txt" in names
    assert "indicators.yaml" in names
    problems = expected_problems(case)
    assert problems, "expected.txt lists no problem"
    assert {p["file"] for p in problems} <= set(DATA_FILE_NAMES)
    # The case differs from the minimal valid data: it really holds a mistake.
    changed = [
        name
        for name in DATA_FILE_NAMES
        if not (case / name).exists() or (case / name).read_bytes() != (MINIMAL / name).read_bytes()
    ]
    assert changed, "the case is identical to cases/valid/minimal"


def test_cases_cover_every_rule() -> None:
    covered = {p["code"] for case in INVALID_CASES for p in expected_problems(case)}
    missing = REQUIRED_CODES - covered
    assert not missing, f"no case folder shows these codes failing: {sorted(missing)}"


# -- load_dataset on the case folders -------------------------------------------------------


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda c: c.name)
def test_valid_case_has_no_problems(case: Path) -> None:
    loaded = load_dataset(case)
    assert problem_lines(loaded.problems) == []
    assert loaded.ok
    assert loaded.dataset is not None


def test_shipped_data_validates_cleanly() -> None:
    loaded = load_dataset(DATA)
    errors = [str(p) for p in loaded.problems if p.level == ERROR]
    assert errors == []
    assert loaded.ok
    # The plan cites incident code 3.1.1 for three rows and 2.5.1 for two, and no measure
    # of the execution plans aims at three indicators: warnings only.
    assert {p.level for p in loaded.problems} == {WARNING}
    assert {p.code for p in loaded.problems} == {"shared-code", "indicator-without-action"}
    uncovered = sorted(p.message for p in loaded.problems if p.code == "indicator-without-action")
    assert uncovered == [
        f"no action in the plans aims at {i!r}"
        for i in (
            "overige-diefstal-inbraak-vermogensdelicten",
            "slachtoffer-vandalismedelicten",
            "slachtofferschap-totaal",
        )
    ]


@pytest.mark.parametrize("case", case_params(INVALID_CASES, KNOWN_BUGS))
def test_invalid_case_reports_expected_problems(case: Path) -> None:
    loaded = load_dataset(case)
    assert problem_lines(loaded.problems) == expected_lines(case)
    has_error = any(p["level"] == "error" for p in expected_problems(case))
    assert loaded.ok is not has_error
    assert (loaded.dataset is None) is has_error


@pytest.mark.parametrize(
    "name", ["many-reader-and-schema-mistakes", "many-check-mistakes", "many-mixed-mistakes"]
)
def test_one_run_reports_all_problems_sorted_by_file_then_line(name: str) -> None:
    loaded = load_dataset(case_by_name(name))
    places = [(Path(p.file).name, p.line, p.column) for p in loaded.problems]
    assert places == sorted(places)
    per_file = {f: sum(1 for p in places if p[0] == f) for f in DATA_FILE_NAMES}
    assert all(count >= 2 for count in per_file.values()), per_file
    assert len(loaded.problems) == len(expected_lines(case_by_name(name)))


def test_schema_error_in_one_item_does_not_hide_rules_on_the_others() -> None:
    """An indicator with a wrong unit still counts as defined: no cascade of errors."""
    loaded = load_dataset(case_by_name("many-mixed-mistakes"))
    codes = [p.code for p in loaded.problems]
    assert "invalid-choice" in codes
    assert {"duplicate-number", "breakdown-sum", "unknown-partner"} <= set(codes)
    assert "unknown-indicator" not in codes
    assert "unlisted-indicator" not in codes


# -- the YAML reader ------------------------------------------------------------------------


def test_unsafe_tag_is_never_constructed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    loaded = load_dataset(case_by_name("yaml-tag"))
    assert calls == []
    assert [p.code for p in loaded.problems] == ["yaml-tag"]


def test_unsafe_tag_runs_nothing_in_a_real_process(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(case_by_name("yaml-tag"), case)
    marker = tmp_path / "executed"
    edit(case / "indicators.yaml", '["echo hi"]', f'["touch {marker}"]')
    done = run_process("validate", "--data", str(case))
    assert not marker.exists(), "a !!python tag in the data ran a shell command"
    assert done.returncode == 1
    assert "(yaml-tag)" in done.stderr
    assert done.stdout == ""


def test_every_alias_is_reported_where_it_is_used(data_copy: Path) -> None:
    edit(
        data_copy / "partners.yaml",
        '        as_written: "Politie Eenheid Den Haag"\n',
        '        as_written: &politie "Politie Eenheid Den Haag"\n',
    )
    edit(
        data_copy / "partners.yaml",
        "      - partner: halt\n      - partner: politie\n",
        "      - partner: halt\n        as_written: *politie\n"
        "      - partner: politie\n        as_written: *politie\n",
    )
    loaded = load_dataset(data_copy)
    aliases = [(p.line, p.column) for p in loaded.problems if p.code == "yaml-alias"]
    assert aliases == [(25, 21), (27, 21)]


def test_bare_dash_direction_says_to_quote_it() -> None:
    loaded = load_dataset(case_by_name("direction-bare-dash"))
    (problem,) = loaded.problems
    assert (problem.line, problem.column) == (44, 16)
    assert "quote" in problem.message


def test_control_character_is_reported_at_its_line_and_column(data_copy: Path) -> None:
    edit(
        data_copy / "indicators.yaml",
        "  municipality: Teststad\n",
        "  municipality: Test\x01stad\n",
    )
    loaded = load_dataset(data_copy)
    (problem,) = loaded.problems
    assert problem.code == "yaml-syntax"
    assert "\n" not in problem.message
    assert (problem.line, problem.column) == (4, 21)


def test_encoding_column_counts_characters(data_copy: Path) -> None:
    path = data_copy / "partners.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    name: Afdeling Beleid\n", "    name: Coördinatie Café\n"
    )
    # A file that is UTF-8 up to a character pasted from a latin-1 text.
    raw = text.encode("utf-8").replace("Café".encode(), "Café".encode("latin-1"))
    path.write_bytes(raw)
    loaded = load_dataset(data_copy)
    assert problem_lines(loaded.problems) == [
        # "    name: Coördinatie Caf" is 25 characters (26 bytes): the é is column 26.
        "partners.yaml:12:26: error: the file is not valid UTF-8; save it as UTF-8 (encoding)"
    ]


def test_utf8_byte_order_mark_is_accepted(data_copy: Path) -> None:
    path = data_copy / "indicators.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_dataset(data_copy).problems == []


def test_unreadable_file_is_a_problem_not_a_crash(data_copy: Path) -> None:
    (data_copy / "partners.yaml").unlink()
    (data_copy / "partners.yaml").mkdir()
    loaded = load_dataset(data_copy)
    (problem,) = loaded.problems
    assert (Path(problem.file).name, problem.line, problem.column) == ("partners.yaml", 0, 0)
    assert problem.code == "file-unreadable"
    assert problem.message == "this is a folder, not a file"
    assert not loaded.ok


# -- schema messages ------------------------------------------------------------------------


def test_item_written_as_text_is_not_told_to_be_a_number(data_copy: Path) -> None:
    edit(data_copy / "partners.yaml", "      - partner: halt\n", "      - halt\n")
    loaded = load_dataset(data_copy)
    (problem,) = loaded.problems
    assert (problem.line, problem.column, problem.code) == (24, 9, "wrong-type")
    assert "number" not in problem.message
    assert "mapping" in problem.message


def test_empty_required_text_is_not_told_to_be_quoted(data_copy: Path) -> None:
    edit(data_copy / "partners.yaml", "    name: Afdeling Beleid\n", "    name:\n")
    loaded = load_dataset(data_copy)
    (problem,) = loaded.problems
    assert (problem.line, problem.column) == (12, 10)
    assert "partners[afdeling-beleid].name" in problem.message
    assert 'quotes: ""' not in problem.message
    assert "reads  as" not in problem.message


def test_misspelt_list_key_gives_no_cascade_of_errors(data_copy: Path) -> None:
    edit(data_copy / "indicators.yaml", "\nindicators:\n", "\nindicator:\n")
    loaded = load_dataset(data_copy)
    assert problem_lines(loaded.problems) == [
        "indicators.yaml:1:1: error: indicators is missing (missing-key)",
        "indicators.yaml:26:1: error: unknown key 'indicator' in the file (unknown-key)",
    ]


# -- the command line: text output and exit codes -------------------------------------------


def test_cli_shipped_data_exits_0_with_summary_on_stderr(capsys: pytest.CaptureFixture[str]):
    code, out, err = run(capsys, "validate", "--data", str(DATA))
    assert code == 0
    assert out == ""
    lines = err.splitlines()
    assert SUMMARY_LINE.match(lines[-1]), lines[-1]
    assert lines[-1].startswith("0 errors, ")
    for line in lines[:-1]:
        match = PROBLEM_LINE.match(line)
        assert match and match["level"] == "warning", line


def test_cli_default_data_folder_and_file_names(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, _, err = run(capsys, "validate")
    assert code == 0
    problem_lines_ = err.splitlines()[:-1]
    assert problem_lines_, "the shipped data has shared-code warnings"
    assert all(line.startswith("data/indicators.yaml:") for line in problem_lines_)


def test_cli_strict_fails_on_the_shipped_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "--data", str(DATA), "--strict")
    assert code == 1
    assert "(shared-code)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", case_params(INVALID_CASES, KNOWN_BUGS))
def test_cli_text_output_of_case(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)  # file names are shown relative to the working folder
    _, out, err = run(capsys, "validate", "--data", ".")
    assert out == ""
    assert err.splitlines()[:-1] == expected_lines(case)


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda c: c.name)
def test_cli_exit_code_and_no_traceback_for_bad_data(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = expected_problems(case)
    errors = sum(p["level"] == "error" for p in expected)
    warnings = len(expected) - errors

    code, _, err = run(capsys, "validate", "--data", str(case))
    assert "Traceback" not in err
    assert code == (1 if errors else 0)
    assert err.splitlines()[-1] == (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in 2 files"
    )

    code, _, err = run(capsys, "validate", "--data", str(case), "--strict")
    assert "Traceback" not in err
    assert code == 1


def test_cli_missing_data_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    code, out, err = run(capsys, "validate", "--data", str(missing))
    assert code == 1
    assert out == ""
    assert err == f"ivb: {missing}: no such data folder (use --data DIR)\n"


def test_cli_missing_data_folder_in_a_real_process(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    done = run_process("validate", "--data", str(missing))
    assert done.returncode == 1
    assert "no such data folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_cli_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--data", str(DATA), "--format", "nope")
    assert code == 2
    assert "nope" in err
    assert "Traceback" not in err
    assert out == ""


def test_cli_bad_option_in_a_real_process() -> None:
    done = run_process("validate", "--data", str(DATA), "--format", "nope")
    assert done.returncode == 2
    assert "nope" in done.stderr
    assert "Traceback" not in done.stderr


# -- GitHub Actions annotations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "annotations"),
    [
        (
            "unknown-key",
            [
                "::error file=indicators.yaml,line=31,col=5,title=ivb unknown-key::"
                "unknown key 'colour' in indicators[diefstal-inbraak-woning]"
            ],
        ),
        (
            "unlisted-indicator",
            [
                "::warning file=indicators.yaml,line=76,col=9,title=ivb unlisted-indicator::"
                "indicator 'veelplegers' belongs to no priority"
            ],
        ),
        # A problem with the whole file has no line and column.
        ("file-missing", ["::error file=partners.yaml,title=ivb file-missing::file not found"]),
        (
            "yaml-sexagesimal",
            [
                "::error file=indicators.yaml,line=84,col=13,title=ivb yaml-number::"
                "'1:30' is read as a number in another base or notation by YAML 1.1; write "
                'a plain decimal number, or put text in quotes: "1:30"'
            ],
        ),
    ],
)
def test_cli_github_format(
    name: str,
    annotations: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(case_by_name(name))
    code, out, err = run(capsys, "validate", "--data", ".", "--format", "github")
    assert out.splitlines() == annotations
    assert SUMMARY_LINE.match(err.rstrip("\n")), err  # only the summary goes to stderr
    assert code == (1 if annotations[0].startswith("::error") else 0)


def test_github_escape() -> None:
    assert diagnostics._gh_escape("a,b:c", prop=True) == "a%2Cb%3Ac"
    assert diagnostics._gh_escape("a,b:c") == "a,b:c"  # a message keeps , and :
    assert diagnostics._gh_escape("100%\nnext\r") == "100%25%0Anext%0D"
    # % first, so an escape already in the text survives as text
    assert diagnostics._gh_escape("%0A") == "%250A"
    assert diagnostics._gh_escape("50%, 2:3", prop=True) == "50%25%2C 2%3A3"


def test_github_annotation_escapes_properties_and_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    problems = [
        Problem("d,x/a:b.yaml", 3, 5, ERROR, "yaml-bool", "100% sure\nnext line"),
        Problem("partners.yaml", 0, 0, WARNING, "shared-code", "a, b: c"),
    ]
    diagnostics.render_problems_github(problems, 2, True)
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "::error file=d%2Cx/a%3Ab.yaml,line=3,col=5,title=ivb yaml-bool::100%25 sure%0Anext line",
        "::warning file=partners.yaml,title=ivb shared-code::a, b: c",
    ]
    assert err == "1 error, 1 warning in 2 files\n"


def test_auto_format_is_github_under_github_actions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case_by_name("unknown-key"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, err = run(capsys, "validate", "--data", ".")
    assert code == 1
    assert out.startswith("::error file=indicators.yaml,line=31,col=5,title=ivb unknown-key::")
    assert err == "1 error, 0 warnings in 2 files\n"
    # An explicit format wins over the environment.
    code, out, err = run(capsys, "validate", "--data", ".", "--format", "text")
    assert out == ""
    assert err.splitlines()[:-1] == expected_lines(case_by_name("unknown-key"))


def test_auto_format_is_text_outside_github_actions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case_by_name("unknown-key"))
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    code, out, err = run(capsys, "validate", "--data", ".")
    assert code == 1
    assert out == ""
    assert err.splitlines()[:-1] == expected_lines(case_by_name("unknown-key"))


# -- JSON -----------------------------------------------------------------------------------

JSON_KEYS = {"valid", "errors", "warnings", "files", "problems"}
JSON_PROBLEM_KEYS = {"file", "line", "column", "level", "code", "message", "path"}


def test_cli_json_format_of_bad_data(capsys: pytest.CaptureFixture[str]) -> None:
    case = case_by_name("many-check-mistakes")
    code, out, err = run(capsys, "validate", "--data", str(case), "--format", "json")
    assert code == 1
    assert err == ""
    report = json.loads(out)
    assert set(report) == JSON_KEYS
    assert (report["valid"], report["errors"], report["warnings"], report["files"]) == (
        False,
        6,
        1,
        2,
    )
    for problem in report["problems"]:
        assert set(problem) == JSON_PROBLEM_KEYS
    got = [
        {
            "file": Path(p["file"]).name,
            "line": str(p["line"]),
            "column": str(p["column"]),
            "level": p["level"],
            "message": p["message"],
            "code": p["code"],
        }
        for p in report["problems"]
    ]
    assert got == expected_problems(case)
    assert report["problems"][0]["path"] == "priorities[jeugd-alcohol-drugs].number"
    assert report["problems"][-1]["path"] == "priorities[1].partners[0].partner"


def test_cli_json_format_of_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--data", str(DATA), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == JSON_KEYS
    assert report["valid"] is True
    assert report["errors"] == 0
    assert report["files"] == 4  # indicators, partners and the two plans
    assert report["warnings"] == len(report["problems"]) > 0
    assert {p["code"] for p in report["problems"]} == {"shared-code", "indicator-without-action"}


def test_cli_json_format_of_a_whole_file_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "validate", "--data", str(case_by_name("file-missing")), "--format", "json"
    )
    assert code == 1
    (problem,) = json.loads(out)["problems"]
    assert (Path(problem["file"]).name, problem["line"], problem["column"]) == (
        "partners.yaml",
        0,
        0,
    )
    assert (problem["level"], problem["code"], problem["path"]) == ("error", "file-missing", "")


# -- the committed JSON Schemas -------------------------------------------------------------


@pytest.mark.parametrize("name", ["indicators", "partners", "plan"])
def test_committed_schema_is_current(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_bytes()
    hint = f"schema/{name}.schema.json is out of date: run `make schema` and commit it"

    code, out, _ = run(capsys, "schema", name)
    assert code == 0
    assert out.encode("utf-8") == committed, hint

    written = tmp_path / f"{name}.schema.json"
    code, _, _ = run(capsys, "schema", name, "-o", str(written))
    assert code == 0
    assert written.read_bytes() == committed, hint


def test_a_field_a_model_inherits_keeps_its_description() -> None:
    """Measurement and Replaced take their fields from MeasurementFields, whose field
    docstrings describe them in the schema too."""
    from ivb.data.schema import schema_text

    defs = json.loads(schema_text("indicators"))["$defs"]
    measurement = next(m for m in defs["Measurement"]["anyOf"] if "properties" in m)
    for properties in (measurement["properties"], defs["Replaced"]["properties"]):
        for field in ("value", "source", "received", "provisional", "breakdown"):
            assert properties[field].get("description"), field
    assert defs["Replaced"]["properties"]["replaced"]["description"] == "The date it was replaced."


# -- found in review: places, hints and rules --------------------------------------------------


def _lines_of(data: Path) -> list[str]:
    return problem_lines(load_dataset(data).problems)


def test_open_quote_is_reported_where_it_was_opened(data_copy: Path) -> None:
    # '15 for 2015: the quote stays open until a later apostrophe closes it.
    edit(data_copy / "indicators.yaml", "      2015: 100\n", "      '15: 100\n")
    (line,) = _lines_of(data_copy)
    assert line.startswith("indicators.yaml:38:7: error: the quote opened here is not closed")
    edit(data_copy / "indicators.yaml", '    name: "Veelplegers"', "    name: Veelpleger's")
    (line,) = _lines_of(data_copy)
    assert line.startswith(
        "indicators.yaml:38:7: error: the quote opened here is closed only on line 78;"
    )


def test_missing_colon_is_reported_on_its_line(data_copy: Path) -> None:
    edit(data_copy / "indicators.yaml", "      2012: 141\n", "      2012 141\n")
    (line,) = _lines_of(data_copy)
    assert line.startswith("indicators.yaml:35:7: error: while scanning a simple key")


def test_tab_indentation_says_tab(data_copy: Path) -> None:
    edit(data_copy / "indicators.yaml", "      2012: 141\n", "\t2012: 141\n")
    assert _lines_of(data_copy) == [
        "indicators.yaml:35:1: error: a tab character: YAML indents with spaces only (yaml-syntax)"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("13,5", "write decimals with a point: 13.5"),
        (
            "1,225",
            "1,225 could mean 1225 (with a thousands separator) or 1.225 (with decimals): "
            "write 1225 or 1.225",
        ),
        ("1e400", "the number is too large"),
        ("13%", "write a percentage without %: 13"),
        ('"141"', "'141' in quotes is text: write it without quotes"),
        ("1e3", "YAML reads 1e3 as text: write it as a plain decimal number"),
    ],
)
def test_number_slips_get_the_right_hint(data_copy: Path, written: str, hint: str) -> None:
    edit(data_copy / "indicators.yaml", "      2012: 141\n", f"      2012: {written}\n")
    (line,) = _lines_of(data_copy)
    assert line == (
        "indicators.yaml:35:13: error: indicators[diefstal-inbraak-woning].measurements[2012]"
        f" must be a number or a mapping with a value; {hint} (wrong-type)"
    )


def test_date_in_another_format_says_how_to_write_it(data_copy: Path) -> None:
    edit(
        data_copy / "indicators.yaml",
        "  municipality: Teststad\n",
        "  municipality: Teststad\n  adopted:\n    date: 06-10-2014\n    by: Raad\n",
    )
    assert _lines_of(data_copy) == [
        "indicators.yaml:6:11: error: policy.adopted.date must be a date written YYYY-MM-DD, "
        "e.g. 2014-10-06 (wrong-type)"
    ]


def test_a_list_instead_of_a_mapping_names_the_file_keys(data_copy: Path) -> None:
    (data_copy / "partners.yaml").write_text("- politie\n", encoding="utf-8")
    assert _lines_of(data_copy) == [
        "partners.yaml:1:1: error: the file must be a mapping with the keys partners, "
        "priorities (wrong-type)"
    ]


def test_count_written_with_decimals(data_copy: Path) -> None:
    edit(data_copy / "indicators.yaml", "      2012: 141\n", "      2012: 141.0\n")
    assert _lines_of(data_copy) == [
        "indicators.yaml:35:13: error: the value for 2012 of 'diefstal-inbraak-woning' is "
        "written 141.0; write a count without decimals: 141 (count-value)"
    ]


def test_reversed_period_gives_one_error_not_one_per_target(data_copy: Path) -> None:
    edit(
        data_copy / "indicators.yaml",
        "    start: 2015\n    end: 2018\n",
        "    start: 2018\n    end: 2015\n",
    )
    assert _lines_of(data_copy) == [
        "indicators.yaml:6:5: error: the period ends (2015) before it starts (2018) (period-order)"
    ]


def test_priority_number_must_be_1_or_more(data_copy: Path) -> None:
    edit(data_copy / "indicators.yaml", "    number: 1\n", "    number: 0\n")
    assert _lines_of(data_copy) == [
        "indicators.yaml:11:13: error: priority number 0 must be 1 or more (priority-number)"
    ]


def test_partner_named_twice_under_one_priority(data_copy: Path) -> None:
    edit(
        data_copy / "partners.yaml",
        "      - partner: halt\n      - partner: politie\n",
        "      - partner: halt\n      - partner: politie\n      - partner: halt\n",
    )
    assert _lines_of(data_copy) == [
        "partners.yaml:26:18: error: under priority 'jeugd-alcohol-drugs', partner 'halt' is "
        "used twice (duplicate-reference)"
    ]


def test_problems_in_one_file_do_not_hide_the_other_files_rules(data_copy: Path) -> None:
    edit(data_copy / "indicators.yaml", "      2012: 141\n", "\t2012: 141\n")
    edit(
        data_copy / "partners.yaml",
        "      - partner: afdeling-beleid\n",
        "      - partner: afdeling-beleit\n",
    )
    assert [line.rsplit("(", 1)[1] for line in _lines_of(data_copy)] == [
        "yaml-syntax)",
        "unknown-partner)",
    ]


def test_a_data_file_that_is_a_symlink_loop(data_copy: Path, capsys) -> None:
    (data_copy / "partners.yaml").unlink()
    (data_copy / "partners.yaml").symlink_to("partners.yaml")
    code, out, err = run(capsys, "validate", "--data", str(data_copy))
    assert code == 1 and "Traceback" not in err
    assert "partners.yaml:0:0: error: cannot read the file" in err


def test_running_from_a_deleted_folder(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    code = (
        "import os, sys\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "from ivb.cli.main import main\n"
        f"sys.exit(main(['validate', '--data', {str(DATA)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_data_folder_that_is_a_file_is_a_user_error(capsys) -> None:
    code, _, err = run(capsys, "validate", "--data", str(ROOT / "README.md"))
    assert code == 1
    assert "README.md: not a folder" in err


def test_strict_json_is_not_valid_when_warnings_fail_the_run(capsys) -> None:
    code, out, _ = run(capsys, "validate", "--data", str(DATA), "--strict", "-f", "json")
    doc = json.loads(out)
    assert code == 1 and doc["valid"] is False and doc["errors"] == 0 and doc["warnings"] > 0
    code, out, _ = run(capsys, "validate", "--data", str(DATA), "-f", "json")
    assert code == 0 and json.loads(out)["valid"] is True
