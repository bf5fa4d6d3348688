"""``ivb set-target``: a target is recorded through the one write path, as exactly its own
lines, in ``indicators.yaml`` (the policy's) or a plan's file (``--plan``); every refusal
writes nothing; and ``validate`` warns of a later target that is looser than the one
before it (``target-looser``).

Each test works on a copy of the shipped data (or of ``cases/valid/minimal``) in its own
temporary folder.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from helpers import DATA, TESTS, edit, run
from ivb.data.load import load_dataset

MINIMAL = TESTS / "cases" / "valid" / "minimal"
MOTOR = "diefstal-uit-vanaf-motorvoertuigen"  # count, "-", a 2015 target of 150
SURVEY = "slachtofferschap-totaal"  # percent, "-", a 2015 target of 18
PARKING = "parkeren-rondom-scholen"  # count, "-/+", its 2015 target null ("-")
PLAN_2016 = "plans/2016-2017.yaml"  # period 2016-2017, `targets: []`
REASON = "Raadsbesluit 10 maart 2016"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("IVB_DATA", raising=False)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data as ``data`` in the working folder, so that messages name
    its files as ``data/indicators.yaml``."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Path("data")


def files_of(data: Path) -> dict[str, bytes]:
    """Every file of a data folder (leftover temporary files too), by its path in it."""
    return {
        p.relative_to(data).as_posix(): p.read_bytes()
        for p in sorted(data.rglob("*"), key=str)
        if p.is_file()
    }


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def set_target(capsys, data: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "set-target", *args, "--data", str(data))


def indicator_start(raw: bytes, ident: str) -> int:
    at = raw.find(b"\n  - id: %s\n" % ident.encode())
    assert at >= 0, ident
    return at


def after_line(raw: bytes, line: bytes, ident: str) -> int:
    """The offset just after ``line``, the first one of the indicator's item that is it."""
    at = raw.index(line, indicator_start(raw, ident))
    return at + len(line)


# -- the policy's targets: indicators.yaml --------------------------------------------------


def test_a_policy_target_adds_exactly_its_lines(capsys, data):
    before = files_of(data)
    args = [MOTOR, "2016", "140", "--reason", REASON, "--source", "Uitvoeringsplan 2016-2017"]
    code, out, err = set_target(capsys, data, *args)
    assert (code, err) == (0, "")
    assert out == f"Set the target of {MOTOR} for 2016: 140 (ceiling) in data/indicators.yaml.\n"
    after = files_of(data)
    assert changed(before, after) == {"indicators.yaml"}
    old, new = before["indicators.yaml"], after["indicators.yaml"]
    at = after_line(old, b"    targets:\n      2015: 150\n", MOTOR)
    added = (
        b"      2016:\n"
        b"        value: 140\n"
        b'        source: "Uitvoeringsplan 2016-2017"\n'
        b'        note: "Raadsbesluit 10 maart 2016"\n'
    )
    assert new == old[:at] + added + old[at:]
    loaded = load_dataset(data)
    assert loaded.ok, [str(p) for p in loaded.problems]
    ind = next(i for i in loaded.dataset.indicators.indicators if i.id == MOTOR)
    target = ind.targets[2016]
    assert (target.value, target.source, target.note) == (140, "Uitvoeringsplan 2016-2017", REASON)


def test_a_year_the_plan_left_null_gets_the_value_in_its_place(capsys, data):
    before = files_of(data)
    code, out, err = set_target(capsys, data, PARKING, "2015", "12", "--reason", REASON)
    assert (code, err) == (0, "")
    assert out == (
        f"Set the target of {PARKING} for 2015: 12 (level to hold) in data/indicators.yaml.\n"
        '2015 had no target value (null, the policy plan\'s "-").\n'
    )
    after = files_of(data)
    assert changed(before, after) == {"indicators.yaml"}
    old, new = before["indicators.yaml"], after["indicators.yaml"]
    end = after_line(old, b"    targets:\n      2015: null\n", PARKING)
    start = end - len(b"      2015: null\n")
    written = b'      2015:\n        value: 12\n        note: "Raadsbesluit 10 maart 2016"\n'
    assert new == old[:start] + written + old[end:]


def test_a_percentage_with_decimals_is_written_as_typed(capsys, data):
    code, out, _ = set_target(capsys, data, SURVEY, "2017", "16.5%", "--reason", REASON)
    assert code == 0
    assert out == f"Set the target of {SURVEY} for 2017: 16.5% (ceiling) in data/indicators.yaml.\n"
    raw = (data / "indicators.yaml").read_bytes()
    at = after_line(raw, b"      2015: 18\n", SURVEY)
    assert raw[at:].startswith(b"      2017:\n        value: 16.5\n")


@pytest.mark.parametrize(
    ("case", "old", "new"),
    [
        pytest.param(
            "crlf",
            b"    targets:\r\n      2015: 1\r\n",
            b"    targets:\r\n      2015: 1\r\n"
            b'      2016:\r\n        value: 1\r\n        note: "Raad"\r\n',
            id="crlf",
        ),
        pytest.param(
            "flow-indicator",
            b"targets: {2015: 1}}",
            b'targets: {2015: 1, 2016: {value: 1, note: "Raad"}}}',
            id="flow-style",
        ),
    ],
)
def test_a_target_follows_the_files_own_style(tmp_path, capsys, case, old, new):
    """The shapes of add-measurement's golden cases: the same editor writes the target."""
    data = tmp_path / "data"
    shutil.copytree(TESTS / "cases" / "edit" / case, data)
    before = (data / "indicators.yaml").read_bytes()
    assert before.count(old) == 1
    code, _, err = set_target(capsys, data, "veelplegers", "2016", "1", "--reason", "Raad")
    assert (code, err) == (0, "")
    assert (data / "indicators.yaml").read_bytes() == before.replace(old, new)


# -- a plan's targets ---------------------------------------------------------------------


def test_a_plan_target_turns_the_empty_list_into_a_block_list(capsys, data):
    before = files_of(data)
    plan = ["--plan", "2016-2017"]
    code, out, err = set_target(capsys, data, MOTOR, "2016", "140", "--reason", REASON, *plan)
    assert (code, err) == (0, "")
    assert out == (
        f"Set the target of {MOTOR} for 2016: 140 (ceiling) in data/{PLAN_2016} "
        "(plan uitvoeringsplan-2016-2017).\n"
    )
    after = files_of(data)
    assert changed(before, after) == {PLAN_2016}
    block = (
        b"targets:\n"
        b"  - indicator: diefstal-uit-vanaf-motorvoertuigen\n"
        b"    year: 2016\n"
        b"    value: 140\n"
        b'    note: "Raadsbesluit 10 maart 2016"\n'
    )
    assert after[PLAN_2016] == before[PLAN_2016].replace(b"targets: []\n", block)
    assert before[PLAN_2016].count(b"targets: []\n") == 1
    loaded = load_dataset(data)
    assert loaded.ok, [str(p) for p in loaded.problems]
    (target,) = loaded.dataset.plans[PLAN_2016].targets
    assert target.model_dump() == {"indicator": MOTOR, "year": 2016, "value": 140, "note": REASON}


def test_a_second_plan_target_is_appended_to_the_list(capsys, data):
    """Named by the plan's id this time; the first target's lines stay as they are."""
    plan = ["--plan", "uitvoeringsplan-2016-2017"]
    assert set_target(capsys, data, MOTOR, "2016", "140", "--reason", REASON, *plan)[0] == 0
    old = (data / PLAN_2016).read_bytes()
    code, out, _ = set_target(capsys, data, SURVEY, "2017", "17", "--reason", "Evaluatie", *plan)
    assert code == 0 and out.endswith(f"in data/{PLAN_2016} (plan uitvoeringsplan-2016-2017).\n")
    new = (data / PLAN_2016).read_bytes()
    at = old.index(b'    note: "Raadsbesluit 10 maart 2016"\n') + len(
        b'    note: "Raadsbesluit 10 maart 2016"\n'
    )
    added = (
        b"  - indicator: slachtofferschap-totaal\n"
        b"    year: 2017\n"
        b"    value: 17\n"
        b'    note: "Evaluatie"\n'
    )
    assert new == old[:at] + added + old[at:]


def test_a_plan_target_fills_a_year_the_policy_left_null(capsys, data):
    plan = ["--plan", "2016-2017"]
    code, out, _ = set_target(capsys, data, PARKING, "2016", "3", "--reason", REASON, *plan)
    assert code == 0
    assert "had no target value" not in out  # only said of the policy's own null year
    ds = load_dataset(data).dataset
    assert ds is not None
    assert [(t.indicator, t.year, t.value) for t in ds.plans[PLAN_2016].targets] == [
        (PARKING, 2016, 3)
    ]


# -- what is refused, with nothing written -------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(
            ["diefstal-motor", "2016", "140", "--reason", REASON],
            1,
            "ivb: there is no indicator 'diefstal-motor'; did you mean "
            "diefstal-van-motorvoertuigen or diefstal-in-uit-school or "
            "diefstal-brom-snor-fietsen?\n",
            id="unknown-indicator",
        ),
        pytest.param(
            [MOTOR, "2019", "140", "--reason", REASON],
            1,
            "ivb: 2019 lies outside the policy's period 2015-2018; a target is set for a year "
            "of the policy\n",
            id="after-the-period",
        ),
        pytest.param(
            [MOTOR, "2014", "140", "--reason", REASON],
            1,
            "ivb: 2014 lies outside the policy's period 2015-2018; a target is set for a year "
            "of the policy\n",
            id="before-the-period",
        ),
        pytest.param(
            [MOTOR, "2015", "140", "--reason", REASON],
            1,
            f"ivb: '{MOTOR}' already has a target for 2015: 150 in data/indicators.yaml; a "
            "target is a council decision: to change it, edit data/indicators.yaml by hand "
            "and give the reason in its note\n",
            id="a-different-target",
        ),
        pytest.param(
            [MOTOR, "2015", "140", "--reason", REASON, "--plan", "2015-2016"],
            1,
            f"ivb: '{MOTOR}' already has a target for 2015: 150 in data/indicators.yaml; a "
            "target is a council decision: to change it, edit data/indicators.yaml by hand "
            "and give the reason in its note\n",
            id="a-plan-target-against-the-policy",
        ),
        pytest.param(
            [MOTOR, "2018", "140", "--reason", REASON, "--plan", "2015-2016"],
            1,
            "ivb: plan uitvoeringsplan-2015-2016 runs 2015-2016, which does not hold 2018, "
            "nor does any other plan: leave out --plan to set the policy's target\n",
            id="a-plan-without-the-year",
        ),
        pytest.param(
            [MOTOR, "2017", "140", "--reason", REASON, "--plan", "uitvoeringsplan-2015-2016"],
            1,
            "ivb: plan uitvoeringsplan-2015-2016 runs 2015-2016, which does not hold 2017; "
            "the plans that do: uitvoeringsplan-2016-2017 (2016-2017)\n",
            id="a-plan-without-the-year-another-has",
        ),
        pytest.param(
            [MOTOR, "2016", "140", "--reason", REASON, "--plan", "2019-2020"],
            2,
            "ivb: there is no plan '2019-2020'; the plans are: uitvoeringsplan-2015-2016 "
            "(2015-2016), uitvoeringsplan-2016-2017 (2016-2017)\n",
            id="unknown-plan",
        ),
        pytest.param(
            [MOTOR, "2016", "-1", "--reason", REASON],
            1,
            "ivb: the target '-1' is -1, but a count must be a whole number of 0 or more\n",
            id="negative-count",
        ),
        pytest.param(
            [MOTOR, "2016", "14.5", "--reason", REASON],
            1,
            "ivb: the target '14.5' is not a count: write a whole number such as 98\n",
            id="count-with-decimals",
        ),
        pytest.param(
            [SURVEY, "2016", "130", "--reason", REASON],
            1,
            "ivb: the target '130' is 130, but a percent must lie between 0 and 100\n",
            id="percent-over-100",
        ),
        pytest.param(
            [MOTOR, "2016", "140", "--reason", "  "],
            1,
            "ivb: --reason is empty; say why the target is set (the decision)\n",
            id="empty-reason",
        ),
        pytest.param(
            [MOTOR, "2016", "140", "--reason", "a\x1b[31m"],
            1,
            "ivb: --reason holds the control character U+001B; type it again on one line\n",
            id="control-character",
        ),
        pytest.param(
            [MOTOR, "2016", "140", "--reason", REASON, "--plan", "2016-2017", "--source", "x"],
            2,
            "ivb: --source is for a target of the policy (indicators.yaml); a plan's target "
            "is the plan's own decision: leave --source out, or leave out --plan\n",
            id="source-with-plan",
        ),
        pytest.param(
            [MOTOR, "2016", "--dry-rn", "--reason", REASON],
            2,
            "ivb: no such option: --dry-rn; see `ivb set-target -h`\n",
            id="mistyped-option",
        ),
    ],
)
def test_a_refusal_says_why_and_writes_nothing(capsys, data, args, code, message):
    before = files_of(data)
    got, out, err = set_target(capsys, data, *args)
    assert (got, out, err) == (code, "", message)
    assert files_of(data) == before


def test_without_a_reason_nothing_is_written(capsys, data):
    before = files_of(data)
    code, out, err = set_target(capsys, data, MOTOR, "2016", "140")
    assert (code, out) == (2, "")
    assert "Missing option '--reason'" in err
    assert files_of(data) == before


def test_a_different_target_is_refused_naming_the_old_one_and_its_note(capsys, data):
    assert set_target(capsys, data, MOTOR, "2016", "140", "--reason", REASON)[0] == 0
    before = files_of(data)
    code, out, err = set_target(capsys, data, MOTOR, "2016", "130", "--reason", "Strenger")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"ivb: '{MOTOR}' already has a target for 2016: 140 (note: {REASON}) in "
        "data/indicators.yaml; "
    )
    assert files_of(data) == before


def test_a_policy_target_against_a_plan_target_names_the_plan(capsys, data):
    plan = ["--plan", "2016-2017"]
    assert set_target(capsys, data, MOTOR, "2017", "140", "--reason", REASON, *plan)[0] == 0
    before = files_of(data)
    code, _, err = set_target(capsys, data, MOTOR, "2017", "145", "--reason", REASON)
    assert code == 1
    assert err.startswith(
        f"ivb: '{MOTOR}' already has a target for 2017: 140 (note: {REASON}) in data/{PLAN_2016}; "
    )
    assert files_of(data) == before


def test_data_with_errors_is_refused_before_anything_is_written(capsys, data):
    path = data / "indicators.yaml"
    raw = path.read_bytes()
    at = after_line(raw, b"      2014: null\n", MOTOR)
    path.write_bytes(raw[:at] + b"      2014: 12\n" + raw[at:])  # a key written twice
    before = files_of(data)
    code, out, err = set_target(capsys, data, MOTOR, "2016", "140", "--reason", REASON)
    assert (code, out) == (1, "")
    assert "(duplicate-key)" in err
    assert err.endswith(
        "ivb: the data has errors; fix them first (`ivb validate` lists them); nothing was "
        "written.\n"
    )
    assert files_of(data) == before


# -- nothing to do, and a dry run ---------------------------------------------------------


@pytest.mark.parametrize("plan", [[], ["--plan", "2015-2016"]], ids=["policy", "plan"])
def test_the_same_target_again_is_unchanged(capsys, data, plan):
    before = files_of(data)
    code, out, err = set_target(capsys, data, MOTOR, "2015", "150", "--reason", REASON, *plan)
    assert (code, out) == (0, "")
    assert err == (
        f"ivb: '{MOTOR}' already has the target 150 for 2015 in data/indicators.yaml; "
        "nothing changed.\n"
    )
    assert files_of(data) == before


def test_running_a_plan_target_twice_changes_nothing_the_second_time(capsys, data):
    args = [SURVEY, "2016", "17.5", "--reason", REASON, "--plan", "2016-2017"]
    assert set_target(capsys, data, *args)[0] == 0
    before = files_of(data)
    code, out, err = set_target(capsys, data, *args)
    assert (code, out) == (0, "")
    assert err == (
        f"ivb: '{SURVEY}' already has the target 17.5% for 2016 in data/{PLAN_2016}; "
        "nothing changed.\n"
    )
    assert files_of(data) == before


@pytest.mark.parametrize("plan", [[], ["--plan", "2016-2017"]], ids=["policy", "plan"])
def test_a_dry_run_shows_the_diff_the_real_run_writes(capsys, data, plan):
    args = [MOTOR, "2016", "140", "--reason", REASON, *plan]
    where = PLAN_2016 if plan else "indicators.yaml"
    before = files_of(data)
    code, dry, err = set_target(capsys, data, *args, "--dry-run")
    assert (code, err) == (0, "Dry run: nothing written.\n")
    assert files_of(data) == before
    diff, said = dry[: dry.rindex("Would set ")], dry[dry.rindex("Would set ") :]
    assert said.startswith(
        f"Would set the target of {MOTOR} for 2016: 140 (ceiling) in data/{where}"
    )
    code, out, _ = set_target(capsys, data, *args)
    assert (code, out) == (0, "Set " + said.removeprefix("Would set "))
    after = files_of(data)
    assert changed(before, after) == {where}
    real = difflib.unified_diff(
        before[where].decode().splitlines(keepends=True),
        after[where].decode().splitlines(keepends=True),
        f"a/{where}",
        f"b/{where}",
    )
    assert diff == "".join(real)


# -- a looser target: written, and warned of -----------------------------------------------


def test_a_looser_target_is_written_with_the_warning_validate_gives(capsys, data):
    code, out, err = set_target(capsys, data, MOTOR, "2016", "160", "--reason", REASON)
    assert code == 0 and out.startswith(f"Set the target of {MOTOR} for 2016: 160 (ceiling)")
    message = (
        f"'{MOTOR}': the target for 2016 (160) is looser than the one for 2015 (150): "
        "a higher ceiling (target-looser)"
    )
    assert err == f"ivb: warning: {message}\n"
    raw = (data / "indicators.yaml").read_bytes()
    line = raw[: after_line(raw, b"      2016:\n", MOTOR)].count(b"\n")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 0
    assert f"data/indicators.yaml:{line}:7: warning: {message}\n" in err


def test_a_stricter_target_gives_no_warning(capsys, data):
    code, _, err = set_target(capsys, data, MOTOR, "2016", "149", "--reason", REASON)
    assert (code, err) == (0, "")


def test_a_target_that_makes_a_later_one_looser_is_warned_of(capsys, data):
    """2017 was set first; a stricter 2016 makes 2017 the looser one."""
    assert set_target(capsys, data, MOTOR, "2017", "140", "--reason", REASON)[1:] == (
        f"Set the target of {MOTOR} for 2017: 140 (ceiling) in data/indicators.yaml.\n",
        "",
    )
    code, _, err = set_target(capsys, data, MOTOR, "2016", "130", "--reason", REASON)
    assert code == 0
    assert err == (
        f"ivb: warning: '{MOTOR}': the target for 2017 (140) is looser than the one for "
        "2016 (130): a higher ceiling (target-looser)\n"
    )


# -- the rule target-looser, on the minimal data ---------------------------------------------


def looser(tmp_path: Path, targets: dict[str, str], direction: str | None = None) -> list[str]:
    """``line: message`` of each target-looser warning of the minimal data with the
    ``targets:`` lines of diefstal-inbraak-woning (a count, "-", 2015: 100) replaced."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / "indicators.yaml"
    lines = "".join(f"      {year}: {value}\n" for year, value in targets.items())
    edit(path, "    targets:\n      2015: 100\n", "    targets:\n" + lines)
    if direction is not None:
        old = '    unit: count\n    direction: "-"\n    measurements:\n      2011: 116\n'
        edit(path, old, old.replace('"-"', f'"{direction}"'))
    problems = load_dataset(data).problems
    assert all(p.code == "target-looser" for p in problems), [str(p) for p in problems]
    return [f"{p.line}: {p.message}" for p in problems]


WONING = "'diefstal-inbraak-woning'"


@pytest.mark.parametrize(
    ("targets", "direction", "expected"),
    [
        pytest.param({2015: 100, 2016: 90, 2017: 80}, None, [], id="ceilings-going-down"),
        pytest.param({2015: 100, 2016: 100}, None, [], id="the-same-ceiling"),
        pytest.param(
            {2015: 100, 2016: 110},
            None,
            [
                f"39: {WONING}: the target for 2016 (110) is looser than the one for 2015 (100): "
                "a higher ceiling"
            ],
            id="a-higher-ceiling",
        ),
        pytest.param(
            {2015: 100, 2016: 90, 2017: 95},
            None,
            [
                f"40: {WONING}: the target for 2017 (95) is looser than the one for 2016 (90): "
                "a higher ceiling"
            ],
            id="against-the-nearest-earlier-year",
        ),
        pytest.param(
            {2015: 100, 2016: 110, 2017: 110},
            None,
            [
                f"39: {WONING}: the target for 2016 (110) is looser than the one for 2015 (100): "
                "a higher ceiling"
            ],
            id="loosened-once-warned-once",
        ),
        pytest.param(
            {2015: 100, 2016: "null", 2017: 110},
            None,
            [
                f"40: {WONING}: the target for 2017 (110) is looser than the one for 2015 (100): "
                "a higher ceiling"
            ],
            id="a-null-year-is-no-target",
        ),
        pytest.param(
            {2015: 100, 2016: "{value: 110, note: Bijgesteld}"},
            None,
            [
                f"39: {WONING}: the target for 2016 (110) is looser than the one for 2015 (100): "
                "a higher ceiling"
            ],
            id="a-target-with-its-note",
        ),
        pytest.param({2015: 100, 2016: 110}, "+", [], id="a-higher-floor"),
        pytest.param(
            {2015: 100, 2016: 90},
            "+",
            [
                f"39: {WONING}: the target for 2016 (90) is looser than the one for 2015 (100): "
                "a lower floor"
            ],
            id="a-lower-floor",
        ),
        pytest.param({2015: 100, 2016: 150, 2017: 50}, "-/+", [], id="a-level-to-hold"),
    ],
)
def test_target_looser(tmp_path, targets, direction, expected):
    assert looser(tmp_path, targets, direction) == expected


def test_target_looser_compares_a_plans_targets_with_the_policys(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(TESTS / "cases" / "plans" / "base", data)
    plan = data / "plans" / "2015-2016.yaml"
    assert load_dataset(data).problems == []  # 2016: 95 is stricter than 2015: 100
    edit(plan, "    year: 2016\n    value: 95\n", "    year: 2016\n    value: 101\n")
    (problem,) = load_dataset(data).problems
    assert (Path(problem.file).name, problem.line, problem.column) == ("2015-2016.yaml", 16, 12)
    assert problem.level == "warning"
    assert problem.message == (
        f"{WONING}: the target for 2016 (101) is looser than the one for 2015 (100 in "
        "indicators.yaml): a higher ceiling"
    )


def test_target_looser_leaves_a_target_another_rule_refuses_to_that_rule(tmp_path):
    """A count of 150.5 is a count-value error: no second problem on the same number."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    edit(data / "indicators.yaml", "      2015: 100\n", "      2015: 100\n      2016: 150.5\n")
    assert [p.code for p in load_dataset(data).problems] == ["count-value"]
