"""The actions' record: every state kept (``set-action``), evaluations recorded by command
(``ivb evaluate``), actions carried into the next plan (``continues``), and one record
per action across the plans (``ivb.plans.action_record``, ``ivb plans``).

Every test works on a copy of the shipped data in its temporary folder, through the
command line where a user would."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from helpers import DATA, edit, run
from ivb.data.load import load_dataset
from ivb.models import Action, StateChange
from ivb.plans import action_record, action_records, state_on

PLAN_2015 = "plans/2015-2016.yaml"
PLAN_2016 = "plans/2016-2017.yaml"
D = dt.date


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("GITHUB_ACTIONS", "IVB_DATA", "IVB_CACHE_DIR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def ok(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def dataset(folder: Path):
    loaded = load_dataset(folder)
    assert loaded.ok, [str(p) for p in loaded.problems if p.is_error]
    return loaded.dataset


def add_budget(data: Path) -> None:
    edit(
        data / PLAN_2016,
        "  - id: lokfietsen-winkelhof-2016\n",
        "  - id: lokfietsen-winkelhof-2016\n"
        "    budget: {amount: 2500, line: Integrale veiligheid}\n",
    )


def set_state(capsys, data: Path, ident: str, state: str, day: str, note: str | None = None):
    argv = ["set-action", ident, "--state", state, "--date", day, "--data", str(data)]
    return ok(capsys, *argv, *(["--note", note] if note else []))


# -- every state kept -----------------------------------------------------------------------


def test_set_action_keeps_the_state_before_in_the_history(data, capsys):
    set_state(capsys, data, "lokautos", "running", "2015-05-01", "Gestart")
    before = (data / PLAN_2015).read_text(encoding="utf-8")
    out = set_state(capsys, data, "lokautos", "done", "2016-03-01")
    assert out.endswith("(running since 2015-05-01 kept in its history).\n")
    after = (data / PLAN_2015).read_text(encoding="utf-8")
    old = '    state: running\n    changed: 2015-05-01\n    reason: "Gestart"\n'
    assert before.count(old) == 1
    assert after == before.replace(
        old,
        "    history:\n      - date: 2015-05-01\n        state: running\n"
        '        reason: "Gestart"\n    state: done\n    changed: 2016-03-01\n',
    )
    set_state(capsys, data, "lokautos", "stopped", "2016-06-01", "Budget op")
    action = next(a for a in dataset(data).plans[PLAN_2015].actions if a.id == "lokautos")
    assert action.history == [
        StateChange(date=D(2015, 5, 1), state="running", reason="Gestart"),
        StateChange(date=D(2016, 3, 1), state="done"),
    ]
    assert (action.state, action.changed, action.reason) == ("stopped", D(2016, 6, 1), "Budget op")


def test_a_comment_on_the_state_goes_with_it_into_the_history(data, capsys):
    set_state(capsys, data, "lokautos", "running", "2015-05-01")
    edit(
        data / PLAN_2015,
        "    state: running\n    changed: 2015-05-01\n",
        "    state: running  # met twee auto's\n    changed: 2015-05-01\n",
    )
    set_state(capsys, data, "lokautos", "done", "2016-03-01")
    text = (data / PLAN_2015).read_text(encoding="utf-8")
    assert (
        "    history:\n      - date: 2015-05-01\n        state: running\n"
        "        # met twee auto's\n    state: done\n    changed: 2016-03-01\n"
    ) in text


def test_set_action_refuses_a_date_before_a_change_in_the_history(data, capsys):
    edit(
        data / PLAN_2015,
        "  - id: lokfietsen-winkelhof\n",
        "  - id: lokfietsen-winkelhof\n    history:\n      - {date: 2016-02-01, state: running}\n",
    )
    assert load_dataset(data).ok
    before = (data / PLAN_2015).read_bytes()
    argv = ["set-action", "lokfietsen-winkelhof", "--state", "done", "--date", "2016-01-01"]
    code, _, err = run(capsys, *argv, "--data", str(data))
    assert code == 1 and "2016-01-01 lies before the action's last change (2016-02-01)" in err
    assert (data / PLAN_2015).read_bytes() == before
    # A history written by hand gets the next earlier state at its end.
    set_state(capsys, data, "lokfietsen-winkelhof", "done", "2016-03-01")
    set_state(capsys, data, "lokfietsen-winkelhof", "stopped", "2016-04-01")
    assert (
        "    history:\n      - {date: 2016-02-01, state: running}\n"
        "      - date: 2016-03-01\n        state: done\n    priority:"
    ) in (data / PLAN_2015).read_text(encoding="utf-8")
    (action,) = [a for a in dataset(data).plans[PLAN_2015].actions if a.id.startswith("lokfiets")]
    assert [c.state for c in action.history] == ["running", "done"]
    assert action.state == "stopped"


def test_state_on_a_day_from_the_history():
    action = Action(
        id="a",
        priority="p",
        title="t",
        history=[
            StateChange(date=D(2015, 5, 1), state="running", reason="Gestart"),
            StateChange(date=D(2015, 9, 1), state="stopped"),
        ],
        state="running",
        changed=D(2016, 3, 1),
    )
    assert state_on(action, D(2015, 1, 1)) == StateChange(state="planned")
    assert state_on(action, D(2015, 5, 1)).reason == "Gestart"
    assert state_on(action, D(2015, 12, 31)) == StateChange(date=D(2015, 9, 1), state="stopped")
    assert state_on(action, D(2016, 12, 31)).state == "running"
    plain = Action(id="b", priority="p", title="t")
    assert state_on(plain, D(2016, 12, 31)) == StateChange(state="planned")


# -- evaluations by command -----------------------------------------------------------------


def test_evaluate_an_action_and_a_plan(data, capsys):
    path = data / PLAN_2015
    before = path.read_text(encoding="utf-8")
    out = ok(
        capsys,
        "evaluate",
        "lokautos",
        "2015",
        "Twee lokauto's ingezet; 3 aanhoudingen",
        "--date",
        "2016-01-15",
        "--data",
        str(data),
    )
    assert out == (
        "Recorded the evaluation of 2015 of lokautos (dated 2016-01-15): Twee lokauto's "
        f"ingezet; 3 aanhoudingen in {path}.\n"
    )
    out = ok(capsys, "evaluate", "2015-2016", "2015", "Meer preventie", "--date", "2016-01-20",
             "--data", str(data))  # fmt: skip
    assert out.startswith("Recorded the conclusions of 2015 of uitvoeringsplan-2015-2016 ")
    after = path.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [
        "  evaluations:",
        "    - year: 2015",
        "      date: 2016-01-20",
        '      note: "Meer preventie"',
        "    evaluations:",
        "      - year: 2015",
        "        date: 2016-01-15",
        '        note: "Twee lokauto\'s ingezet; 3 aanhoudingen"',
    ]
    assert len(after.splitlines()) == len(before.splitlines()) + 8  # nothing else changed
    ds = dataset(data)
    assert [(e.year, e.date, e.note) for e in ds.plans[PLAN_2015].plan.evaluations] == [
        (2015, D(2016, 1, 20), "Meer preventie")
    ]
    # The plan's id names it as its period does.
    ok(capsys, "evaluate", "uitvoeringsplan-2016-2017", "2016", "Op koers", "--date",
       "2017-01-10", "--data", str(data))  # fmt: skip
    assert [e.note for e in dataset(data).plans[PLAN_2016].plan.evaluations] == ["Op koers"]


def test_evaluate_replaces_only_with_replace(data, capsys):
    base = ["evaluate", "lokautos", "2016", "--data", str(data)]
    ok(capsys, *base[:3], "Eerste", "--date", "2017-01-10", *base[3:])
    before = (data / PLAN_2015).read_bytes()
    code, out, err = run(capsys, *base[:3], "Tweede", "--date", "2017-01-12", *base[3:])
    assert (code, out) == (1, "")
    assert err == (
        "ivb: 'lokautos' already has an evaluation of 2016, dated 2017-01-10: \"Eerste\"; "
        "use --replace to replace it\n"
    )
    assert (data / PLAN_2015).read_bytes() == before
    # The same again changes nothing.
    code, _, err = run(capsys, *base[:3], "Eerste", "--date", "2017-01-10", *base[3:])
    assert code == 0 and "nothing changed" in err
    out = ok(capsys, *base[:3], "Tweede", "--date", "2017-01-12", "--replace", *base[3:])
    assert out.startswith("Replaced the evaluation of 2016 of lokautos (dated 2017-01-12): ")
    (action,) = [a for a in dataset(data).plans[PLAN_2015].actions if a.id == "lokautos"]
    assert [(e.year, e.date, e.note) for e in action.evaluations] == [
        (2016, D(2017, 1, 12), "Tweede")
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["lokautos", "2017", "x", "--date", "2018-01-01"],
            1,
            "ivb: 2017 lies outside the period 2015-2016 of the plan of 'lokautos'; an "
            "evaluation is of a year of its plan\n",
        ),
        (
            ["lokauto", "2015", "x"],
            1,
            "ivb: there is no action or plan 'lokauto'; did you mean lokautos or lokautos-2016?\n",
        ),
        (
            ["2015-2017", "2015", "x"],
            1,
            "ivb: there is no action or plan '2015-2017'; did you mean 2016-2017 or 2015-2016?\n",
        ),
        (["lokautos", "2015", "a\x1bb"], 1, "ivb: TEXT holds the control character U+001B; "),
        (["lokautos", "2015", "  "], 1, "ivb: TEXT is empty"),
        (
            ["lokautos", "2016", "x", "--date", "2015-12-01"],
            1,
            "ivb: an evaluation of 2016 dated 2015-12-01 comes before the year began\n",
        ),
        (["lokautos", "2015", "x", "--date", "2999-01-01"], 1, "ivb: --date 2999-01-01 lies in"),
        (["lokautos", "twee", "x"], 2, ""),
    ],
)
def test_evaluate_refusals_write_nothing(data, capsys, args, code, message):
    before = {p: p.read_bytes() for p in (data / "plans").iterdir()}
    got, out, err = run(capsys, "evaluate", *args, "--data", str(data))
    assert (got, out) == (code, "")
    assert err.startswith(message) and "Traceback" not in err
    assert {p: p.read_bytes() for p in (data / "plans").iterdir()} == before


def test_evaluate_dry_run_shows_the_diff_and_writes_nothing(data, capsys):
    before = (data / PLAN_2016).read_bytes()
    code, out, err = run(capsys, "evaluate", "lokautos-2016", "2016", "Loopt", "--date",
                         "2017-01-05", "--dry-run", "--data", str(data))  # fmt: skip
    assert (code, err) == (0, "Dry run: nothing written.\n")
    assert out.startswith("--- a/plans/2016-2017.yaml\n+++ b/plans/2016-2017.yaml\n@@ ")
    assert "+    evaluations:\n+      - year: 2016\n+        date: 2017-01-05\n" in out
    assert out.endswith(f"Would record the evaluation of 2016 of lokautos-2016 (dated "
                        f"2017-01-05): Loopt in {data / PLAN_2016}.\n")  # fmt: skip
    assert (data / PLAN_2016).read_bytes() == before


# -- continued actions: one record ----------------------------------------------------------


def test_every_shipped_2016_action_continues_its_2015_one():
    ds = dataset(DATA)
    first = [a.id for a in ds.plans[PLAN_2015].actions]
    assert [a.continues for a in ds.plans[PLAN_2016].actions] == first
    records = action_records(ds)
    assert [r.id for r in records] == [f"{i}-2016" for i in first]
    assert all(r.ids == (i, f"{i}-2016") for r, i in zip(records, first, strict=True))


def test_the_record_of_a_continued_action(data, capsys):
    set_state(capsys, data, "lokfietsen-winkelhof", "running", "2015-05-01", "Gestart")
    set_state(capsys, data, "lokfietsen-winkelhof", "stopped", "2015-09-01", "Geen capaciteit")
    ok(capsys, "evaluate", "lokfietsen-winkelhof", "2015", "Drie maanden ingezet", "--date",
       "2016-01-15", "--data", str(data))  # fmt: skip
    add_budget(data)
    ds = dataset(data)
    record = action_record(ds, "lokfietsen-winkelhof-2016")
    assert record.ids == ("lokfietsen-winkelhof", "lokfietsen-winkelhof-2016")
    assert [(p.plan, p.period) for p in record.plans] == [
        ("uitvoeringsplan-2015-2016", "2015-2016"),
        ("uitvoeringsplan-2016-2017", "2016-2017"),
    ]
    # The copy, untouched in 2016-2017, does not hide the state reached in 2015-2016.
    assert (record.current.state, record.current.date, record.current.period) == (
        "stopped",
        D(2015, 9, 1),
        "2015-2016",
    )
    assert [(c.date, c.state, c.reason, c.action) for c in record.history] == [
        (D(2015, 5, 1), "running", "Gestart", "lokfietsen-winkelhof")
    ]
    assert [(e.year, e.note, e.period) for e in record.evaluations] == [
        (2015, "Drie maanden ingezet", "2015-2016")
    ]
    assert [(b.amount, b.line, b.period) for b in record.budgets] == [
        (2500, "Integrale veiligheid", "2016-2017")
    ]
    assert record.state_on(D(2015, 6, 30)).state == "running"
    assert record.state_on(D(2015, 12, 31)).state == "stopped"
    assert record.state_on(D(2015, 1, 1)).state == "planned"
    assert action_record(ds, "lokfietsen-winkelhof").continued_by == "lokfietsen-winkelhof-2016"
    # A new state in the later plan is the current one.
    set_state(capsys, data, "lokfietsen-winkelhof-2016", "running", "2016-03-01", "Opnieuw")
    record = action_record(dataset(data), "lokfietsen-winkelhof-2016")
    assert (record.current.state, record.current.plan) == ("running", "uitvoeringsplan-2016-2017")
    assert [c.state for c in record.history] == ["running", "stopped"]


def test_ivb_plans_shows_the_record(data, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    set_state(capsys, data, "lokfietsen-winkelhof", "running", "2015-05-01", "Gestart")
    set_state(capsys, data, "lokfietsen-winkelhof-2016", "done", "2016-11-01", "Afgerond")
    ok(capsys, "evaluate", "lokfietsen-winkelhof", "2015", "Drie maanden ingezet", "--date",
       "2016-01-15", "--data", str(data))  # fmt: skip
    ok(capsys, "evaluate", "2015-2016", "2015", "Meer preventie", "--date", "2016-01-20",
       "--data", str(data))  # fmt: skip
    add_budget(data)
    base = ["plans", "--data", str(data), "--priority", "1"]
    for plan in ([], ["--plan", "2016-2017"]):
        table = ok(capsys, *base, *plan)
        assert max(len(line) for line in table.splitlines()) <= 80
        block = table[table.index("lokfietsen-winkelhof-2016  ") :].split("\n\n")[0]
        assert [line.rstrip() for line in block.splitlines()] == [
            "lokfietsen-winkelhof-2016  2015-2016, 2016-2017 · done since 2016-11-01",
            "  Extra inzet bij hotspots (o.a. Winkelhof) met o.a. lokfietsen",
            "  why: Afgerond",
            "  aims at: diefstal-brom-snor-fietsen: off track",
            "  continues: lokfietsen-winkelhof (2015-2016)",
            "  before: 2015-05-01 running: Gestart (2015-2016)",
            "  budget: €2,500, Integrale veiligheid (2016-2017)",
            "  evaluation 2015 (2016-01-15): Drie maanden ingezet (2015-2016)",
        ]
        assert "lokfietsen-winkelhof  " not in table  # once, under its latest id
    table = ok(capsys, *base)
    assert "  conclusions 2015-2016, 2015 (2016-01-20): Meer preventie" in table
    # Only 2015-2016: its own action, up to that plan.
    table = ok(capsys, *base, "--plan", "2015-2016")
    assert "lokfietsen-winkelhof  2015-2016 · running since 2015-05-01\n" in table
    doc = json.loads(ok(capsys, *base, "--format", "json"))
    assert doc["plans"][0]["evaluations"] == [
        {"year": 2015, "date": "2016-01-20", "note": "Meer preventie"}
    ]
    (action,) = [a for a in doc["priorities"][0]["actions"] if a["id"].startswith("lokfiets")]
    assert (action["state"], action["changed"], action["reason"]) == (
        "done",
        "2016-11-01",
        "Afgerond",
    )
    assert action["continues"] == "lokfietsen-winkelhof"
    assert action["history"] == [
        {
            "date": "2015-05-01",
            "state": "running",
            "reason": "Gestart",
            "plan": "uitvoeringsplan-2015-2016",
            "period": "2015-2016",
            "action": "lokfietsen-winkelhof",
        }
    ]
    assert [(e["year"], e["note"]) for e in action["evaluations"]] == [
        (2015, "Drie maanden ingezet")
    ]
    assert action["budgets"] == [
        {
            "amount": 2500,
            "line": "Integrale veiligheid",
            "plan": "uitvoeringsplan-2016-2017",
            "period": "2016-2017",
            "action": "lokfietsen-winkelhof-2016",
        }
    ]
    rows = list(csv.DictReader(io.StringIO(ok(capsys, *base, "--format", "csv", "--lang", "en"))))
    (row,) = [r for r in rows if r["id"] == "lokfietsen-winkelhof-2016"]
    assert (row["state"], row["continues"], row["budget"], row["budget_line"]) == (
        "done",
        "lokfietsen-winkelhof",
        "2500",
        "Integrale veiligheid",
    )
    assert row["history"] == "2015-05-01 running: Gestart (2015-2016)"
    assert row["evaluations"] == "2015 (2016-01-15): Drie maanden ingezet"
    md = ok(capsys, *base, "--format", "markdown")
    assert "- conclusions 2015-2016, 2015 (2016-01-20): Meer preventie\n" in md
    assert "before: 2015-05-01 running: Gestart (2015-2016)<br>budget: €2,500" in md
