"""The execution plans (``plans/*.yaml``): their rules, ``ivb plans``, ``ivb partners``,
``ivb set-action``, and the targets they give ``ivb status``.

- Rule cases: ``cases/plans/base`` is the minimal valid data set (``cases/valid/minimal``)
  with one small valid plan: three actions serving both priorities and aiming at all four
  indicators, and two targets. Each other folder under ``cases/plans`` is that base with one
  mistake (``plans/2016-2017.yaml`` or ``plans/2018-2019.yaml`` added where the mistake
  needs a second plan), and its ``expected.txt`` holds the exact problems as
  ``FILE:LINE:COLUMN: level: message (code)``, FILE relative to the case folder. The lines
  were written by hand by reading the YAML: LINE:COLUMN is where the offending key or value
  starts.
- Golden renderings of ``ivb plans`` and ``ivb partners`` on the shipped data under
  ``golden/plans*`` and ``golden/partners*``. Regenerate with
  ``IVB_UPDATE_GOLDEN=1 pytest tests/test_plans.py`` and review the diff.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import case_params, check_golden, edit, expected_lines, run
from ivb import plans as plans_module
from ivb.data.load import load_dataset
from ivb.problems import Problem

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = ROOT / "data"
GOLDEN = TESTS / "golden"
MINIMAL = TESTS / "cases" / "valid" / "minimal"
PLAN_CASES_DIR = TESTS / "cases" / "plans"
BASE = PLAN_CASES_DIR / "base"
CASES = sorted(p for p in PLAN_CASES_DIR.iterdir() if p.is_dir() and p.name != "base")
PLAN_2015 = "plans/2015-2016.yaml"
PLAN_2016 = "plans/2016-2017.yaml"

PROBLEM_LINE = re.compile(
    r"(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<level>error|warning): "
    r"(?P<message>.*) \((?P<code>[a-z0-9-]+)\)\Z"
)

# Every plan rule of the issue, by code: each must fail in at least one case folder.
REQUIRED_CODES = {
    "unknown-priority",
    "unknown-partner",
    "unknown-indicator",
    "id-format",
    "duplicate-id",
    "action-date",
    "done-without-date",
    "evaluation-year",
    "plan-adoption",
    "period-order",
    "target-year",
    "count-value",
    "percent-range",
    "conflicting-target",
    "priority-without-action",
    "indicator-without-action",
    "unknown-key",
    "invalid-choice",
    "wrong-type",
}

# Case folders whose expected.txt states the right behaviour that ivb does not have yet.
KNOWN_BUGS: dict[str, str] = {}  # case name -> reason, for a strict xfail


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's cache; never inherit settings that change the output."""
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("GITHUB_ACTIONS", "IVB_DATA", "IVB_CACHE_DIR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


# -- helpers --------------------------------------------------------------------------------


def ivb_process(*argv: str) -> list[str]:
    return [sys.executable, "-m", "ivb", *argv]


def copy_shipped(tmp_path: Path) -> Path:
    """A copy of the shipped data folder that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def case_lines(case: Path, problems: list[Problem]) -> list[str]:
    """``str(problem)`` of each problem, its file relative to the case folder."""
    lines = []
    for p in problems:
        path = Path(p.file)
        if not path.is_absolute():
            path = Path.cwd() / path
        relative = path.resolve().relative_to(case.resolve()).as_posix()
        lines.append(str(dataclasses.replace(p, file=relative)))
    return lines


def expected_problems(case: Path) -> list[dict[str, str]]:
    found = []
    for line in expected_lines(case):
        match = PROBLEM_LINE.match(line)
        assert match, f"{case.name}/expected.txt: not a problem line: {line!r}"
        found.append(match.groupdict())
    return found


def plan_files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.glob("plans/*"))
    }


def shipped_dataset():
    loaded = load_dataset(DATA)
    assert loaded.ok, [str(p) for p in loaded.problems if p.is_error]
    return loaded.dataset


def json_of(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


# -- 1, 2. the rule cases, and validate on them --------------------------------------------


def test_base_plan_validates_without_any_problem() -> None:
    loaded = load_dataset(BASE)
    assert case_lines(BASE, loaded.problems) == []
    assert loaded.ok
    ds = loaded.dataset
    (plan,) = ds.plans.values()
    # What the base is meant to cover: both priorities, all four indicators, a target.
    assert {a.priority for a in plan.actions} == {p.id for p in ds.indicators.priorities}
    aimed = {i for a in plan.actions for i in a.indicators}
    assert aimed == {i.id for i in ds.indicators.indicators}
    assert plan.targets and 2 <= len(plan.actions) <= 3
    assert {a.state for a in plan.actions} >= {"running", "done"}


def test_base_plan_validates_strictly_from_the_command_line(capsys) -> None:
    code, out, err = run(capsys, "validate", "--data", str(BASE), "--strict")
    assert (code, out, err) == (0, "", "0 errors, 0 warnings in 3 files\n")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_folder_is_the_base_with_one_change(case: Path) -> None:
    names = {p.name for p in case.iterdir()}
    assert names == {"indicators.yaml", "partners.yaml", "plans", "expected.txt"}
    for name in ("indicators.yaml", "partners.yaml"):
        assert (case / name).read_bytes() == (MINIMAL / name).read_bytes(), name
    plans = plan_files_of(case)
    base = plan_files_of(BASE)
    assert plans != base, "the case is identical to the base"
    assert PLAN_2015 in plans and set(plans) - set(base) <= {
        PLAN_2016,
        "plans/2018-2019.yaml",
    }
    assert expected_problems(case), "expected.txt lists no problem"


def test_cases_cover_every_plan_rule() -> None:
    covered = {p["code"] for case in CASES for p in expected_problems(case)}
    missing = REQUIRED_CODES - covered
    assert not missing, f"no case folder shows these codes failing: {sorted(missing)}"


def test_cases_with_a_suggestion_name_it() -> None:
    for name in (
        "unknown-priority",
        "unknown-lead",
        "unknown-partner",
        "unknown-indicator-in-action",
        "unknown-indicator-in-target",
    ):
        (problem,) = expected_problems(PLAN_CASES_DIR / name)
        assert "; did you mean '" in problem["message"], name


@pytest.mark.parametrize("case", case_params(CASES, KNOWN_BUGS))
def test_case_reports_expected_problems(case: Path) -> None:
    loaded = load_dataset(case)
    assert case_lines(case, loaded.problems) == expected_lines(case)
    has_error = any(p["level"] == "error" for p in expected_problems(case))
    assert loaded.ok is not has_error


@pytest.mark.parametrize("case", case_params(CASES, KNOWN_BUGS))
def test_cli_text_output_of_case(case: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(case)  # file names are shown relative to the working folder
    _, out, err = run(capsys, "validate", "--data", ".")
    assert out == ""
    assert err.splitlines()[:-1] == expected_lines(case)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_exit_code_and_no_traceback(case: Path, capsys) -> None:
    errors = sum(p["level"] == "error" for p in expected_problems(case))
    code, out, err = run(capsys, "validate", "--data", str(case))
    assert "Traceback" not in err
    assert out == ""
    assert code == (1 if errors else 0)
    code, _, err = run(capsys, "validate", "--data", str(case), "--strict")
    assert "Traceback" not in err
    assert code == 1


@pytest.mark.parametrize("case", case_params(CASES, KNOWN_BUGS))
def test_cli_summary_counts_errors_warnings_and_files(case: Path, capsys) -> None:
    expected = expected_problems(case)
    errors = sum(p["level"] == "error" for p in expected)
    warnings = len(expected) - errors
    files = 2 + len(plan_files_of(case))
    _, _, err = run(capsys, "validate", "--data", str(case))
    assert err.splitlines()[-1] == (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} files"
    )


@pytest.mark.parametrize("name", ["priority-without-action", "indicator-without-action"])
def test_warning_only_cases_pass_unless_strict(name: str, capsys) -> None:
    case = PLAN_CASES_DIR / name
    assert {p["level"] for p in expected_problems(case)} == {"warning"}
    assert all(p["file"] == "indicators.yaml" for p in expected_problems(case))
    code, _, err = run(capsys, "validate", "--data", str(case))
    assert code == 0 and err.endswith("0 errors, 1 warning in 3 files\n")
    code, _, _ = run(capsys, "validate", "--data", str(case), "--strict")
    assert code == 1


def test_a_schema_error_in_one_plan_gives_no_false_coverage_warnings(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(PLAN_CASES_DIR / "duplicate-plan-id", case)
    edit(case / PLAN_2016, "  id: uitvoeringsplan-2015-2016\n", "  id: uitvoeringsplan-2016\n")
    assert load_dataset(case).problems == []
    edit(case / PLAN_2015, "  state: adopted\n", "  state: approved\n")
    codes = [p.code for p in load_dataset(case).problems]
    assert codes == ["invalid-choice"]


def test_a_schema_error_in_one_action_hides_no_rule_on_the_others(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(PLAN_CASES_DIR / "invalid-state", case)
    edit(
        case / PLAN_2015,
        "      - politie\n    indicators:\n      - verwijzingen-halt\n",
        "      - politei\n    indicators:\n      - verwijzingen-halt\n",
    )
    lines = case_lines(case, load_dataset(case).problems)
    assert lines == [
        f"{PLAN_2015}:39:9: error: partner 'politei' is not defined; did you mean 'politie'? "
        "(unknown-partner)",
        *expected_lines(PLAN_CASES_DIR / "invalid-state"),
    ]


# -- 3. the shipped plans -------------------------------------------------------------------


def test_shipped_data_validates_with_four_files(capsys) -> None:
    code, out, err = run(capsys, "validate", "--data", str(DATA))
    assert code == 0
    assert out == ""
    assert re.fullmatch(r"0 errors, \d+ warnings in 4 files", err.splitlines()[-1])
    for line in err.splitlines()[:-1]:
        match = PROBLEM_LINE.match(line)
        assert match and match["level"] == "warning", line
    assert "plans/" not in err  # no problem in the plan files themselves


def test_shipped_actions_refer_to_existing_ids() -> None:
    ds = shipped_dataset()
    assert sorted(ds.plans) == [PLAN_2015, PLAN_2016]
    priorities = {p.id for p in ds.indicators.priorities}
    partners = {p.id for p in ds.partners.partners}
    indicators = {i.id for i in ds.indicators.indicators}
    actions = [a for pf in ds.plans.values() for a in pf.actions]
    assert len(actions) == 74
    for a in actions:
        assert a.priority in priorities, a.id
        assert a.lead is None or a.lead in partners, a.id
        assert set(a.partners) <= partners, a.id
        assert set(a.indicators) <= indicators, a.id
    for pf in ds.plans.values():
        assert all(t.indicator in indicators for t in pf.targets)
    assert len({a.id for a in actions}) == len(actions)
    # Every priority has actions; the plans are drafts with every action still planned.
    assert {a.priority for a in actions} == priorities
    assert {a.state for a in actions} == {"planned"}


def test_shipped_2016_2017_actions_are_the_2015_2016_ones_with_suffix() -> None:
    ds = shipped_dataset()
    first = ds.plans[PLAN_2015].actions
    second = ds.plans[PLAN_2016].actions
    assert [a.id + "-2016" for a in first] == [a.id for a in second]
    for a, b in zip(first, second, strict=True):
        # A copy that says which action it carries on.
        assert a.model_copy(update={"id": b.id, "continues": a.id}) == b, a.id
    assert (ds.plans[PLAN_2015].plan.period.start, ds.plans[PLAN_2015].plan.period.end) == (
        2015,
        2016,
    )
    assert (ds.plans[PLAN_2016].plan.period.start, ds.plans[PLAN_2016].plan.period.end) == (
        2016,
        2017,
    )


# -- 4. golden renderings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "columns"),
    [
        ("plans-100.txt", ["plans"], "100"),
        ("plans-160.txt", ["plans"], "160"),
        ("plans.md", ["plans", "--format", "markdown"], "100"),
        ("plans.csv", ["plans", "--format", "csv", "--lang", "en"], "100"),
        ("plans.json", ["plans", "--format", "json"], "100"),
        (
            "plans-2015-2016-priority-3.txt",
            ["plans", "--plan", "2015-2016", "--priority", "3"],
            "100",
        ),
        ("plans-partner-politie.txt", ["plans", "--partner", "politie"], "100"),
        ("plans-state-done.txt", ["plans", "--state", "done"], "100"),
        ("partners-100.txt", ["partners"], "100"),
        ("partners-160.txt", ["partners"], "160"),
        ("partners.md", ["partners", "--format", "markdown"], "100"),
        ("partners.csv", ["partners", "--format", "csv"], "100"),
        ("partners.json", ["partners", "--format", "json"], "100"),
    ],
)
def test_golden_renderings_of_the_shipped_data(name, args, columns, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run(capsys, *args, "--data", str(DATA))
    assert (code, err) == (0, "")
    if name.endswith(".txt"):
        assert max(len(line) for line in out.splitlines()) <= int(columns)
    check_golden(name, out)


def test_every_action_appears_once_in_each_rendering(capsys, monkeypatch) -> None:
    """Each 2016-2017 action continues one of 2015-2016: the two show as one action, under
    the latest id, with the earlier one named as what it continues."""
    ds = shipped_dataset()
    ids = [a.id for a in ds.plans[PLAN_2016].actions]
    earlier = [a.id for a in ds.plans[PLAN_2015].actions]
    _, md, _ = run(capsys, "plans", "--data", str(DATA), "--format", "markdown")
    for ident in ids:
        assert md.count(f"| {ident}<br>") == 1, ident
    for ident in earlier:
        assert md.count(f"| {ident}<br>") == 0, ident
        assert md.count(f"continues: {ident} (2015-2016)") == 1, ident
    _, csv_out, _ = run(capsys, "plans", "--data", str(DATA), "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    assert sorted(r["id"] for r in rows) == sorted(ids)
    assert {r["id"]: r["continues"] for r in rows} == {i + "-2016": i for i in earlier}
    assert {r["periods"] for r in rows} == {"2015-2016 2016-2017"}
    monkeypatch.setenv("COLUMNS", "160")
    _, table, _ = run(capsys, "plans", "--data", str(DATA))
    # One block per action, headed by its id, its plans' periods and its state.
    heads = [line for line in table.splitlines() if " · planned" in line]
    assert sorted(line.split("  ")[0] for line in heads) == sorted(ids)
    assert all("  2015-2016, 2016-2017 · planned" in h for h in heads)
    # One plan chosen: its own actions, each once.
    _, table, _ = run(capsys, "plans", "--data", str(DATA), "--plan", "2015-2016")
    heads = [line for line in table.splitlines() if " · planned" in line]
    assert sorted(line.split("  ")[0] for line in heads) == sorted(earlier)
    assert all("  2015-2016 · planned" in h for h in heads)


@pytest.mark.parametrize("columns", ["60", "80", "160"])
def test_action_ids_stay_whole_at_any_width(capsys, monkeypatch, columns) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    _, out, _ = run(capsys, "plans", "--data", str(DATA))
    starts = {line.split("  ")[0] for line in out.splitlines()}
    ids = [a.id for a in shipped_dataset().plans[PLAN_2016].actions]
    assert [i for i in ids if i not in starts] == []  # what set-action takes, never cut
    _, out, _ = run(capsys, "plans", "--data", str(DATA), "--plan", "2015-2016")
    starts = {line.split("  ")[0] for line in out.splitlines()}
    ids = [a.id for a in shipped_dataset().plans[PLAN_2015].actions]
    assert [i for i in ids if i not in starts] == []


def test_indicator_statuses_are_those_of_ivb_status(capsys) -> None:
    status = json_of(capsys, "status", "--data", str(DATA), "--format", "json")
    expected = {i["id"]: i["status"] for p in status["priorities"] for i in p["indicators"]}
    report = json_of(capsys, "plans", "--data", str(DATA), "--format", "json")
    seen = 0
    for group in report["priorities"]:
        for action in group["actions"]:
            assert list(action["indicator_status"]) == action["indicators"]
            for ident, got in action["indicator_status"].items():
                assert got == expected[ident], (action["id"], ident)
                seen += 1
    # Every indicator of every action shown (one per action carried into 2016-2017).
    assert seen == sum(len(a.indicators) for a in shipped_dataset().plans[PLAN_2016].actions)
    assert seen > 60
    # The markdown and the csv show the same statuses, as labels and as codes.
    labels = {
        "achieved": "achieved",
        "not-achieved": "not achieved",
        "on-track": "on track",
        "off-track": "off track",
        "stale": "stale",
        "no-data": "no data",
        "no-target": "no target",
    }
    _, md, _ = run(capsys, "plans", "--data", str(DATA), "--format", "markdown")
    _, csv_out, _ = run(capsys, "plans", "--data", str(DATA), "--format", "csv", "--lang", "en")
    md_rows = {
        line.split("<br>", 1)[0][2:]: line
        for line in md.splitlines()
        if line.startswith("| ") and "<br>" in line
    }
    csv_rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_out))}
    for group in report["priorities"]:
        for action in group["actions"]:
            aims = action["indicators"]
            cells = re.split(r"(?<!\\)\|", md_rows[action["id"]].strip()[1:-1])
            cell = cells[5].strip()  # Indicators, before the Record column
            assert cell == "<br>".join(f"{i}: {labels[expected[i]]}" for i in aims)
            assert csv_rows[action["id"]]["indicators"] == " ".join(
                f"{i}={expected[i]}" for i in aims
            )


def test_plans_json_shape(capsys) -> None:
    doc = json_of(capsys, "plans", "--data", str(DATA), "--format", "json")
    assert set(doc) == {"plans", "priorities"}
    assert doc["plans"] == [
        {
            "id": "uitvoeringsplan-2015-2016",
            "name": "Uitvoeringsplan Integraal Veiligheidsbeleid 2015-2016",
            "state": "draft",
            "adopted": None,
            "period": "2015-2016",
            "evaluations": [],
        },
        {
            "id": "uitvoeringsplan-2016-2017",
            "name": "Uitvoeringsplan Integraal Veiligheidsbeleid 2016-2017",
            "state": "draft",
            "adopted": None,
            "period": "2016-2017",
            "evaluations": [],
        },
    ]
    assert [(g["number"], g["id"]) for g in doc["priorities"]] == [
        (1, "objectieve-veiligheid"),
        (2, "jeugd-alcohol-drugs"),
        (3, "veiligheid-in-en-om-school"),
    ]
    count = 0
    for group in doc["priorities"]:
        assert set(group) == {"number", "id", "title", "actions"}
        for action in group["actions"]:
            assert {
                "id",
                "priority",
                "title",
                "state",
                "plan",
                "period",
                "indicator_status",
                "ids",
                "plans",
                "continues",
                "history",
                "evaluations",
                "budgets",
            } <= set(action)
            assert action["priority"] == group["id"]
            # One action, carried on from the first plan into the second.
            assert (action["plan"], action["period"]) == ("uitvoeringsplan-2016-2017", "2016-2017")
            assert action["ids"] == [action["continues"], action["id"]]
            assert action["plans"] == [
                {
                    "plan": "uitvoeringsplan-2015-2016",
                    "period": "2015-2016",
                    "action": action["continues"],
                },
                {
                    "plan": "uitvoeringsplan-2016-2017",
                    "period": "2016-2017",
                    "action": action["id"],
                },
            ]
            assert (action["history"], action["evaluations"], action["budgets"]) == ([], [], [])
            assert isinstance(action["indicator_status"], dict)
            count += 1
    assert count == 37


def test_partners_json_shape(capsys) -> None:
    doc = json_of(capsys, "partners", "--data", str(DATA), "--format", "json")
    assert set(doc) == {"partners"}
    ds = shipped_dataset()
    assert [p["id"] for p in doc["partners"]] == [p.id for p in ds.partners.partners]
    actions = [a for pf in ds.plans.values() for a in pf.actions]
    numbers = {p.id: p.number for p in ds.indicators.priorities}
    for p in doc["partners"]:
        assert {"id", "name", "kind", "priorities", "leads", "takes_part_in"} <= set(p)
        assert p["kind"] in ("external", "internal")
        assert p["leads"] == [a.id for a in actions if a.lead == p["id"]]
        assert p["takes_part_in"] == [
            a.id for a in actions if p["id"] in a.partners and a.lead != p["id"]
        ]
        listed = {
            numbers[pp.priority]
            for pp in ds.partners.priorities
            if any(ref.partner == p["id"] for ref in pp.partners)
        }
        acting = {numbers[a.priority] for a in actions if p["id"] in (a.lead, *a.partners)}
        assert p["priorities"] == sorted(listed | acting)
    politie = next(p for p in doc["partners"] if p["id"] == "politie")
    assert politie["leads"] == [
        "onderzoek-auto-inbraken-politie",
        "onderzoek-auto-inbraken-politie-2016",
    ]
    assert politie["priorities"] == [1, 2, 3]


# -- 5. filters -----------------------------------------------------------------------------


def _action_ids(doc: dict) -> list[str]:
    return [a["id"] for g in doc["priorities"] for a in g["actions"]]


@pytest.mark.parametrize("plan", ["2015-2016", "uitvoeringsplan-2015-2016"])
def test_plan_filter_by_period_or_id(plan: str, capsys) -> None:
    doc = json_of(capsys, "plans", "--data", str(DATA), "--plan", plan, "-f", "json")
    assert [p["id"] for p in doc["plans"]] == ["uitvoeringsplan-2015-2016"]
    ds = shipped_dataset()
    in_file = ds.plans[PLAN_2015].actions
    # Per priority (by number), in the file's order.
    expected = [
        a.id
        for p in sorted(ds.indicators.priorities, key=lambda p: p.number)
        for a in in_file
        if a.priority == p.id
    ]
    assert _action_ids(doc) == expected
    assert len(expected) == 37


def test_plan_filter_keeps_the_order_per_priority(capsys) -> None:
    doc = json_of(capsys, "plans", "--data", str(DATA), "--plan", "2016-2017", "-f", "json")
    by_priority = {g["id"]: [a["id"] for a in g["actions"]] for g in doc["priorities"]}
    for prio, ids in by_priority.items():
        in_file = [a.id for a in shipped_dataset().plans[PLAN_2016].actions if a.priority == prio]
        assert ids == in_file


def test_priority_filter(capsys) -> None:
    doc = json_of(capsys, "plans", "--data", str(DATA), "--priority", "2", "-f", "json")
    assert [g["number"] for g in doc["priorities"]] == [2]
    expected = [
        a.id
        for a in shipped_dataset().plans[PLAN_2016].actions
        if a.priority == "jeugd-alcohol-drugs"
    ]
    assert _action_ids(doc) == expected
    assert len(expected) == 12


def test_partner_filter(capsys) -> None:
    doc = json_of(capsys, "plans", "--data", str(DATA), "--partner", "politie", "-f", "json")
    ids = _action_ids(doc)
    expected = [
        a.id
        for a in shipped_dataset().plans[PLAN_2016].actions
        if "politie" in (a.lead, *a.partners)
    ]
    assert sorted(ids) == sorted(expected)
    assert "onderzoek-auto-inbraken-politie-2016" in ids  # as lead
    assert "lokautos-2016" in ids  # as partner
    assert "lokfietsen-winkelhof-2016" not in ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--plan", "2019-2020"],
            "ivb: there is no plan '2019-2020'; the plans are: uitvoeringsplan-2015-2016 "
            "(2015-2016), uitvoeringsplan-2016-2017 (2016-2017)\n",
        ),
        (["--priority", "4"], "ivb: there is no priority 4; the priorities are 1, 2, 3\n"),
        (
            ["--partner", "politei"],
            "ivb: there is no partner 'politei'; did you mean politie?\n",
        ),
    ],
)
def test_unknown_filter_value_is_a_usage_error(args, message, capsys) -> None:
    code, out, err = run(capsys, "plans", "--data", str(DATA), *args)
    assert (code, out, err) == (2, "", message)


def test_unknown_state_is_a_usage_error(capsys) -> None:
    code, out, err = run(capsys, "plans", "--data", str(DATA), "--state", "finished")
    assert code == 2 and out == ""
    assert "finished" in err and "Traceback" not in err


def test_state_filter(tmp_path: Path, capsys) -> None:
    data = copy_shipped(tmp_path)

    def ids(*args: str) -> list[str]:
        return _action_ids(json_of(capsys, "plans", "--data", str(data), "-f", "json", *args))

    doc = json_of(capsys, "plans", "--data", str(data), "--state", "done", "-f", "json")
    assert _action_ids(doc) == []
    assert len(doc["priorities"]) == 3  # the priorities are there, without actions
    assert len(ids("--state", "planned")) == 37
    assert len(ids("--state", "planned", "--plan", "2015-2016")) == 37
    for ident, state in (("lokautos", "done"), ("bibob-riec-2016", "stopped")):
        argv = ["set-action", ident, "--state", state, "--date", "2016-03-01"]
        code, _, err = run(capsys, *argv, "--data", str(data))
        assert code == 0, err
    # lokautos-2016, still as copied, carries on lokautos: the state that counts is the
    # one lokautos reached.
    done = json_of(capsys, "plans", "--data", str(data), "--state", "done", "-f", "json")
    assert _action_ids(done) == ["lokautos-2016"]
    (action,) = done["priorities"][0]["actions"]
    assert (action["state"], action["changed"]) == ("done", "2016-03-01")
    assert ids("--state", "stopped") == ["bibob-riec-2016"]
    assert ids("--state", "running") == []
    planned = ids("--state", "planned")
    assert len(planned) == 35 and "lokautos-2016" not in planned
    assert "bibob-riec-2016" not in planned
    # Filters combine.
    assert ids("--state", "done", "--plan", "2015-2016") == ["lokautos"]
    assert ids("--state", "done", "--plan", "2016-2017") == ["lokautos-2016"]
    assert ids("--state", "stopped", "--plan", "2015-2016") == []
    assert ids("--state", "done", "--partner", "politie", "--priority", "1") == ["lokautos-2016"]
    assert ids("--state", "stopped", "--priority", "1") == ["bibob-riec-2016"]


def test_plans_and_partners_refuse_data_with_errors(capsys) -> None:
    case = PLAN_CASES_DIR / "unknown-priority"
    for command in ("plans", "partners"):
        code, out, err = run(capsys, command, "--data", str(case))
        assert code == 1 and out == ""
        assert "(unknown-priority)" in err and "Traceback" not in err


def test_plans_without_a_plans_folder(capsys) -> None:
    code, out, err = run(capsys, "plans", "--data", str(MINIMAL), "-f", "json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["plans"] == [] and _action_ids(doc) == []
    code, out, _ = run(capsys, "plans", "--data", str(MINIMAL))
    assert code == 0 and out.startswith("No plans\n")


def test_plans_in_a_real_process() -> None:
    done = subprocess.run(
        ivb_process("plans", "--data", str(DATA), "--plan", "2015-2016", "-p", "3"),
        capture_output=True,
        text=True,
        env={**os.environ, "IVB_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "100"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / "plans-2015-2016-priority-3.txt").read_text(encoding="utf-8")


# -- 6. set-action --------------------------------------------------------------------------

NOTE = "Lokfietsen ingezet bij de Winkelhof; 12 aanhoudingen"
STATE_LINE = b"    state: planned\n"


def _state_line_offset(raw: bytes, ident: str) -> int:
    """Where the state line of action ``ident`` starts in a plan file."""
    start = raw.index(f"  - id: {ident}\n".encode())
    at = raw.index(STATE_LINE, start)
    assert raw.find(b"  - id: ", start + 1) > at  # the state line is the action's own
    return at


def test_set_action_changes_only_the_state_and_adds_changed_and_reason(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    path = data / PLAN_2015
    before = path.read_bytes()
    others = {p: p.read_bytes() for p in data.rglob("*.yaml") if p != path}
    code, out, err = run(
        capsys,
        "set-action",
        "lokfietsen-winkelhof",
        "--state",
        "done",
        "--note",
        NOTE,
        "--date",
        "2016-03-01",
        "--data",
        str(data),
    )
    assert (code, err) == (0, ""), err
    assert out == (
        f"Set lokfietsen-winkelhof from planned to done on 2016-03-01: {NOTE} in {path}.\n"
    )
    at = _state_line_offset(before, "lokfietsen-winkelhof")
    expected = (
        before[:at]
        + b"    state: done\n    changed: 2016-03-01\n"
        + f'    reason: "{NOTE}"\n'.encode()
        + before[at + len(STATE_LINE) :]
    )
    after = path.read_bytes()
    assert after == expected
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    assert changed_lines("\n".join(diff)) == [
        "-    state: planned",
        "+    state: done",
        "+    changed: 2016-03-01",
        f'+    reason: "{NOTE}"',
    ]
    assert {p: p.read_bytes() for p in others} == others  # no other file touched
    assert sorted(p.name for p in (data / "plans").iterdir()) == [
        "2015-2016.yaml",
        "2016-2017.yaml",
    ]  # no temporary file left
    loaded = load_dataset(data)
    assert loaded.ok
    action = next(
        a for a in loaded.dataset.plans[PLAN_2015].actions if a.id == "lokfietsen-winkelhof"
    )
    assert (action.state, action.changed, action.reason) == ("done", dt.date(2016, 3, 1), NOTE)
    code, _, _ = run(capsys, "validate", "--data", str(data))
    assert code == 0

    # Again without --note: the reason of the older change goes, the rest is replaced.
    code, out, err = run(
        capsys,
        "set-action",
        "lokfietsen-winkelhof",
        "--state",
        "running",
        "--date",
        "2016-04-01",
        "--data",
        str(data),
    )
    assert (code, err) == (0, ""), err
    assert out == (
        f"Set lokfietsen-winkelhof from done to running on 2016-04-01 in {path} "
        "(done since 2016-03-01 kept in its history).\n"
    )
    # The state before goes into the history, just before the state that follows it.
    assert path.read_bytes() == (
        before[:at]
        + b"    history:\n      - date: 2016-03-01\n        state: done\n"
        + f'        reason: "{NOTE}"\n'.encode()
        + b"    state: running\n    changed: 2016-04-01\n"
        + before[at + len(STATE_LINE) :]
    )
    assert load_dataset(data).ok


def test_set_action_in_the_second_plan_file(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    first = (data / PLAN_2015).read_bytes()
    before = (data / PLAN_2016).read_bytes()
    code, _, err = run(
        capsys,
        "set-action",
        "lokfietsen-winkelhof-2016",
        "--state",
        "stopped",
        "--date",
        "2016-09-30",
        "--data",
        str(data),
    )
    assert code == 0, err
    at = _state_line_offset(before, "lokfietsen-winkelhof-2016")
    assert (data / PLAN_2016).read_bytes() == (
        before[:at]
        + b"    state: stopped\n    changed: 2016-09-30\n"
        + before[at + len(STATE_LINE) :]
    )
    assert (data / PLAN_2015).read_bytes() == first


def test_set_action_default_date_is_today(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    # Today must lie in the plan's period: move the later plan to this year.
    this_year = dt.date.today().year
    edit(
        data / PLAN_2016,
        "period: {start: 2016, end: 2017}",
        f"period: {{start: {this_year}, end: {this_year + 1}}}",
    )
    code, out, err = run(
        capsys, "set-action", "lokautos-2016", "--state", "running", "--data", str(data)
    )
    assert code == 0, err
    today = dt.date.today().isoformat()
    assert f"on {today} in" in out
    assert f"    state: running\n    changed: {today}\n" in (data / PLAN_2016).read_text()


def test_set_action_refuses_a_date_outside_the_plan_or_before_the_last_change(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    before = (data / PLAN_2015).read_bytes()
    code, _, err = run(capsys, "set-action", "lokautos", "--state", "running", "--data", str(data))
    assert code == 1  # today (2026 or later) lies outside 2015-2016
    assert "lies outside the plan's period 2015-2016; give the date of the change" in err
    assert (data / PLAN_2015).read_bytes() == before
    args = ["set-action", "lokautos", "--data", str(data)]
    assert run(capsys, *args, "--state", "running", "--date", "2016-03-01")[0] == 0
    code, _, err = run(capsys, *args, "--state", "done", "--date", "2015-06-01")
    assert code == 1 and "2015-06-01 lies before the action's last change (2016-03-01)" in err
    code, _, err = run(capsys, *args, "--state", "running", "--date", "2016-03-01")
    assert code == 0 and "is already running since 2016-03-01; nothing changed." in err


def test_set_action_unknown_action_suggests(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    code, out, err = run(
        capsys,
        "set-action",
        "lokfietsen",
        "--state",
        "done",
        "--date",
        "2016-03-01",
        "--data",
        str(data),
    )
    assert (code, out) == (1, "")
    assert err == (
        "ivb: there is no action 'lokfietsen'; did you mean lokfietsen-winkelhof or "
        "lokfietsen-winkelhof-2016?\n"
    )
    code, _, err = run(
        capsys, "set-action", "lokfietsen-winkelhf", "--state", "done", "--data", str(data)
    )
    assert code == 1
    assert err.startswith("ivb: there is no action 'lokfietsen-winkelhf'; did you mean ")
    assert "lokfietsen-winkelhof" in err
    assert plan_files_of(data) == plan_files_of(DATA)


def test_set_action_refusals_write_nothing(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    base = ["set-action", "lokfietsen-winkelhof", "--data", str(data)]

    code, out, err = run(capsys, *base, "--state", "finished")
    assert code == 2 and out == "" and "finished" in err and "Traceback" not in err

    code, out, err = run(capsys, *base, "--state", "done", "--date", tomorrow)
    assert (code, out, err) == (1, "", f"ivb: --date {tomorrow} lies in the future\n")

    code, out, err = run(capsys, *base, "--state", "done", "--date", "01-03-2016")
    assert code == 2 and "Traceback" not in err

    code, out, err = run(capsys, *base, "--state", "done", "--note", "  ")
    assert (code, out) == (1, "") and "--note is empty" in err

    assert plan_files_of(data) == plan_files_of(DATA)


def test_set_action_refuses_data_with_errors(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    edit(data / PLAN_2016, "  id: uitvoeringsplan-2016-2017\n", "  id: Uitvoeringsplan\n")
    before = plan_files_of(data)
    code, out, err = run(
        capsys,
        "set-action",
        "lokautos",
        "--state",
        "done",
        "--date",
        "2016-03-01",
        "--data",
        str(data),
    )
    assert (code, out) == (1, "")
    assert "(id-format)" in err and "fix them first" in err and "Traceback" not in err
    assert plan_files_of(data) == before


def test_set_action_dry_run_prints_the_diff_and_writes_nothing(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    path = data / PLAN_2015
    args = ["lokfietsen-winkelhof", "--state", "done", "--note", NOTE, "--date", "2016-03-01"]
    code, out, err = run(capsys, "set-action", *args, "--dry-run", "--data", str(data))
    assert code == 0
    assert err == "Dry run: nothing written.\n"
    assert plan_files_of(data) == plan_files_of(DATA)
    assert changed_lines(out) == [
        "-    state: planned",
        "+    state: done",
        "+    changed: 2016-03-01",
        f'+    reason: "{NOTE}"',
    ]
    assert out.endswith(
        f"Would set lokfietsen-winkelhof from planned to done on 2016-03-01: {NOTE} in {path}.\n"
    )
    # The diff is the change that the same command then makes.
    before = path.read_text(encoding="utf-8")
    code, _, _ = run(capsys, "set-action", *args, "--data", str(data))
    assert code == 0
    real = difflib.unified_diff(
        before.splitlines(), path.read_text(encoding="utf-8").splitlines(), lineterm=""
    )
    assert changed_lines("\n".join(real)) == changed_lines(out)


def test_set_action_dry_run_diff_names_the_file_in_the_data_folder(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    code, out, _ = run(
        capsys,
        "set-action",
        "lokautos",
        "--state",
        "done",
        "--date",
        "2016-03-01",
        "--dry-run",
        "--data",
        str(data),
    )
    assert code == 0
    assert out.startswith("--- a/plans/2015-2016.yaml\n+++ b/plans/2015-2016.yaml\n@@ ")


def test_set_action_writes_a_new_state_line_unquoted(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    edit(data / PLAN_2015, "      - veelplegers\n    state: planned\n", "      - veelplegers\n")
    assert load_dataset(data).ok
    code, _, err = run(
        capsys,
        "set-action",
        "halt-afdoening",
        "--state",
        "running",
        "--date",
        "2016-02-01",
        "--data",
        str(data),
    )
    assert code == 0, err
    assert "      - veelplegers\n    state: running\n    changed: 2016-02-01\n" in (
        data / PLAN_2015
    ).read_text(encoding="utf-8")


def test_four_concurrent_set_actions_on_one_plan_file_all_land(tmp_path):
    data = copy_shipped(tmp_path)
    changes = [
        ("lokfietsen-winkelhof", "done", "2016-03-01"),
        ("lokautos", "running", "2016-02-01"),
        ("bibob-riec", "stopped", "2016-05-10"),
        ("wijkgerichte-acties", "running", "2015-11-30"),
    ]
    procs = [
        subprocess.Popen(
            ivb_process(
                "set-action",
                ident,
                "--state",
                state,
                "--date",
                day,
                "--note",
                f"run {ident}",
                "--data",
                str(data),
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "IVB_NO_CACHE": "1"},
        )
        for ident, state, day in changes
    ]
    results = [(p.communicate(timeout=60), p.returncode) for p in procs]
    for (out, err), code in results:
        assert code == 0, err
        assert out.startswith("Set ")
    loaded = load_dataset(data)
    assert loaded.ok, [str(p) for p in loaded.problems]
    actions = {a.id: a for a in loaded.dataset.plans[PLAN_2015].actions}
    for ident, state, day in changes:
        a = actions[ident]
        assert (a.state, a.changed.isoformat(), a.reason) == (state, day, f"run {ident}")
    assert sum(a.state != "planned" for a in actions.values()) == 4
    assert sorted(p.name for p in (data / "plans").iterdir()) == [
        "2015-2016.yaml",
        "2016-2017.yaml",
    ]
    # Whatever order they ran in, the file is the one the four give one after another.
    one_by_one = copy_shipped(tmp_path / "one-by-one")
    for ident, state, day in changes:
        plans_module.set_action(
            one_by_one, ident, state, note=f"run {ident}", date=dt.date.fromisoformat(day)
        )
    assert (data / PLAN_2015).read_bytes() == (one_by_one / PLAN_2015).read_bytes()
    assert (data / PLAN_2016).read_bytes() == (DATA / PLAN_2016).read_bytes()


# -- 7. plan targets feed ivb status --------------------------------------------------------

TARGET_2016 = "targets:\n  - indicator: diefstal-inbraak-woning\n    year: 2016\n    value: {}\n"


def _status_row(doc: dict, ident: str) -> dict:
    return next(i for p in doc["priorities"] for i in p["indicators"] if i["id"] == ident)


def test_a_plan_target_is_the_target_of_ivb_status(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    argv = ["status", "--data", str(data), "--format", "json", "--year", "2016"]
    row = _status_row(json_of(capsys, *argv), "diefstal-inbraak-woning")
    assert row["target"] == {"year": 2015, "value": 100}  # indicators.yaml only
    edit(data / PLAN_2016, "targets: []\n", TARGET_2016.format(95))
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 0, err
    row = _status_row(json_of(capsys, *argv), "diefstal-inbraak-woning")
    assert row["targets"] == {"2015": 100, "2016": 95}
    assert row["target"] == {"year": 2016, "value": 95}
    # Evaluated as of 2015, the 2015 target still counts.
    row = _status_row(json_of(capsys, *argv[:-1], "2015"), "diefstal-inbraak-woning")
    assert row["target"] == {"year": 2015, "value": 100}
    # The same target in an overlapping plan agrees: still valid.
    edit(data / PLAN_2015, "targets: []\n", TARGET_2016.format(95))
    assert load_dataset(data).ok


def test_conflicting_plan_targets_make_ivb_status_fail(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    edit(data / PLAN_2016, "targets: []\n", TARGET_2016.format(95))
    edit(data / PLAN_2015, "targets: []\n", TARGET_2016.format(90))
    code, out, err = run(capsys, "status", "--data", str(data), "--format", "json")
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    problems = [line for line in err.splitlines() if PROBLEM_LINE.match(line)]
    assert len(problems) == 1
    assert problems[0].endswith(
        f"{PLAN_2016}:18:12: error: 'diefstal-inbraak-woning' 2016: this plan sets 95, but "
        f"{PLAN_2015} sets 90 (conflicting-target)"
    )
    for command in ("plans", "partners"):
        assert run(capsys, command, "--data", str(data))[0] == 1


def test_status_cache_sees_a_changed_plan_target(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("IVB_NO_CACHE")
    monkeypatch.setenv("IVB_CACHE_DIR", str(tmp_path / "cache"))
    data = copy_shipped(tmp_path)
    argv = ["status", "--data", str(data), "--format", "json", "--year", "2016"]
    assert _status_row(json_of(capsys, *argv), "diefstal-inbraak-woning")["target"]["year"] == 2015
    assert list((tmp_path / "cache").iterdir())  # the view was stored
    edit(data / PLAN_2016, "targets: []\n", TARGET_2016.format(95))
    row = _status_row(json_of(capsys, *argv), "diefstal-inbraak-woning")
    assert row["target"] == {"year": 2016, "value": 95}


def test_a_plan_target_fills_a_target_that_indicators_yaml_leaves_open(tmp_path, capsys):
    data = copy_shipped(tmp_path)
    edit(
        data / PLAN_2015,
        "targets: []\n",
        "targets:\n  - indicator: parkeren-rondom-scholen\n    year: 2015\n    value: 10\n",
    )
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 0, err  # not a conflict: indicators.yaml gives no value for 2015
    doc = json_of(capsys, "status", "--data", str(data), "--format", "json")
    row = _status_row(doc, "parkeren-rondom-scholen")
    assert row["target"] == {"year": 2015, "value": 10}
