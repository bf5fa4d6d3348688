"""``ivb status``: golden renderings of the shipped data, the JSON contract, options,
errors, and the cache that keeps the start-up path small."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import check_golden, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.mark.parametrize(
    ("name", "args", "columns"),
    [
        ("status-50.txt", ["--format", "table"], "50"),
        ("status-80.txt", ["--format", "table"], "80"),
        ("status-120.txt", ["--format", "table"], "120"),
        ("status-160.txt", ["--format", "table"], "160"),
        ("status-2015-priority-2-50.txt", ["--year", "2015", "-p", "2"], "50"),
        ("status-2015-priority-2-80.txt", ["--year", "2015", "-p", "2"], "80"),
        ("status-2015-priority-2-120.txt", ["--year", "2015", "-p", "2"], "120"),
        ("status.md", ["--format", "markdown"], "80"),
        ("status.csv", ["--format", "csv", "--lang", "en"], "80"),
        ("status.json", ["--format", "json"], "80"),
        ("status-2013-priority-2.txt", ["--year", "2013", "--priority", "2"], "100"),
    ],
)
def test_golden_renderings_of_the_shipped_data(capsys, monkeypatch, name, args, columns):
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run(capsys, "status", "--data", str(DATA), *args)
    assert (code, err) == (0, "")
    check_golden(name, out)


def test_table_fits_its_terminal(capsys, monkeypatch):
    for columns in (50, 80, 120, 160):
        monkeypatch.setenv("COLUMNS", str(columns))
        _, out, _ = run(capsys, "status", "--data", str(DATA))
        assert max(len(line) for line in out.splitlines()) <= columns


def test_json_contract(capsys):
    code, out, _ = run(capsys, "status", "--data", str(DATA), "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["as_of"] is None
    assert [p["number"] for p in doc["priorities"]] == [1, 2, 3]
    ids = [i["id"] for p in doc["priorities"] for i in p["indicators"]]
    assert len(ids) == 36 and len(set(ids)) == 34  # two indicators serve two priorities
    for p in doc["priorities"]:
        for ind in p["indicators"]:
            assert set(ind) >= {
                "id",
                "name",
                "unit",
                "direction",
                "measurements",
                "target",
                "latest",
                "distance",
                "status",
            }
            assert ind["unit"] in ("count", "percent")
            assert ind["direction"] in ("-", "+", "-/+")
            assert ind["status"] in doc["statuses"]
    woning = doc["priorities"][0]["indicators"][0]
    assert woning["id"] == "diefstal-inbraak-woning"
    assert woning["measurements"] == {"2011": 116, "2012": 141, "2013": 122, "2014": None}
    assert woning["target"] == {"year": 2015, "value": 100}
    assert woning["latest"] == {"year": 2013, "value": 122}
    assert woning["distance"] == 22
    assert woning["status"] == "off-track"
    total = next(
        i for i in doc["priorities"][0]["indicators"] if i["id"] == "slachtofferschap-totaal"
    )
    assert total["unit"] == "percent" and total["latest"] == {"year": 2014, "value": 21}
    p2 = {i["id"]: i for i in doc["priorities"][1]["indicators"]}
    p3 = {i["id"]: i for i in doc["priorities"][2]["indicators"]}
    assert p2["schoolverzuim"] == p3["schoolverzuim"]


def test_year_and_priority_options(capsys):
    code, out, _ = run(capsys, "status", "--data", str(DATA), "-f", "json", "-y", "2012", "-p", "1")
    doc = json.loads(out)
    assert code == 0 and doc["as_of"] == 2012
    assert [p["number"] for p in doc["priorities"]] == [1]
    woning = doc["priorities"][0]["indicators"][0]
    assert woning["latest"] == {"year": 2012, "value": 141}


def test_unknown_priority_is_a_usage_error(capsys):
    code, out, err = run(capsys, "status", "--data", str(DATA), "--priority", "4")
    assert code == 2 and out == ""
    assert "there is no priority 4; the priorities are 1, 2, 3" in err


@pytest.mark.parametrize(
    "args", [["--format", "xml"], ["--year", "abc"], ["--year", "20150"], ["--bogus"]]
)
def test_bad_options_exit_2(capsys, args):
    code, _, err = run(capsys, "status", "--data", str(DATA), *args)
    assert code == 2
    assert "Traceback" not in err


def test_missing_data_folder(capsys, tmp_path):
    code, out, err = run(capsys, "status", "--data", str(tmp_path / "nope"))
    assert code == 1 and out == ""
    assert "no such data folder" in err and "Traceback" not in err


def test_status_on_broken_data_shows_where(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      2013: 122\n", "      2013: -122\n", 1), encoding="utf-8")
    line = text.splitlines().index("      2013: 122") + 1
    code, out, err = run(capsys, "status", "--data", str(data))
    assert code == 1 and out == ""
    assert f"indicators.yaml:{line}:13: error:" in err
    assert "(count-value)" in err and "Traceback" not in err


def _status_process(env: dict[str, str], *args: str) -> str:
    """The output of ``ivb status`` in a real process (so that rich sees its environment)."""
    return subprocess.run(
        [sys.executable, "-m", "ivb", "status", "--data", str(DATA), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_no_color_is_respected(monkeypatch):
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120", "IVB_NO_CACHE": "1"}
    assert "\x1b[" in _status_process(env)
    env["NO_COLOR"] = "1"
    assert "\x1b[3" not in _status_process(env)  # no colour codes (bold may remain)


def test_machine_formats_are_never_coloured(monkeypatch):
    env = {**os.environ, "FORCE_COLOR": "1", "IVB_NO_CACHE": "1"}
    for fmt in ("json", "csv", "markdown"):
        assert "\x1b[" not in _status_process(env, "-f", fmt)


# -- the cache ------------------------------------------------------------------------------


def _status_in_subprocess(data: Path, cache: Path) -> tuple[str, list[str]]:
    """Run status in a fresh interpreter; return its output and the heavy modules it loaded."""
    code = (
        "import sys, io, contextlib\n"
        "from ivb.cli.main import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    rc = main(['status', '--data', {str(data)!r}, '-f', 'json'])\n"
        "heavy = [m for m in ('yaml', 'pydantic.main', 'ivb.models', 'ivb.store') "
        "if m in sys.modules]\n"
        "print(rc, ','.join(heavy)); print(buf.getvalue())\n"
    )
    env = {**os.environ, "IVB_CACHE_DIR": str(cache)}
    env.pop("IVB_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    first, _, rest = out.partition("\n")
    rc, _, heavy = first.partition(" ")
    assert rc == "0"
    return rest, [m for m in heavy.split(",") if m]


def test_cache_skips_parsing_and_never_goes_stale(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cache = tmp_path / "cache"
    cold, heavy = _status_in_subprocess(data, cache)
    assert "pydantic.main" in heavy and "yaml" in heavy  # first run validates
    warm, heavy = _status_in_subprocess(data, cache)
    assert heavy == []  # second run: no YAML parsing, no model building
    assert warm == cold
    path = data / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("      2013: 122\n", "      2013: 99\n", 1),
        encoding="utf-8",
    )
    changed, heavy = _status_in_subprocess(data, cache)
    assert "yaml" in heavy
    woning = json.loads(changed)["priorities"][0]["indicators"][0]
    assert woning["latest"] == {"year": 2013, "value": 99}


def test_unusable_cache_is_ignored(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.delenv("IVB_NO_CACHE")
    monkeypatch.setenv("IVB_CACHE_DIR", str(blocker / "cache"))
    code, out, err = run(capsys, "status", "--data", str(DATA), "-f", "csv", "--lang", "en")
    assert code == 0 and err == "" and out.startswith("priority,")


def test_corrupt_cache_entry_is_a_miss(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("IVB_NO_CACHE")
    monkeypatch.setenv("IVB_CACHE_DIR", str(tmp_path))
    assert run(capsys, "status", "--data", str(DATA), "-f", "csv")[0] == 0
    (entry,) = tmp_path.glob("status-*.json")
    entry.write_bytes(b"garbage")
    code, out, _ = run(capsys, "status", "--data", str(DATA), "-f", "csv", "--lang", "en")
    assert code == 0 and out.startswith("priority,")


def test_as_of_after_the_target_year_without_a_value_is_no_data(capsys):
    code, out, _ = run(capsys, "status", "--data", str(DATA), "-f", "json", "--year", "2018")
    doc = json.loads(out)
    statuses = {i["status"] for p in doc["priorities"] for i in p["indicators"]}
    assert code == 0 and statuses == {"no-data", "no-target"}
    woning = doc["priorities"][0]["indicators"][0]
    assert woning["target"] == {"year": 2015, "value": 100}
    assert woning["latest"] == {"year": 2013, "value": 122} and woning["status"] == "no-data"


@pytest.mark.parametrize(("setting", "cached"), [("0", True), ("", True), ("1", False)])
def test_no_cache_setting(tmp_path, monkeypatch, capsys, setting, cached):
    monkeypatch.setenv("IVB_NO_CACHE", setting)
    monkeypatch.setenv("IVB_CACHE_DIR", str(tmp_path))
    assert run(capsys, "status", "--data", str(DATA), "-f", "csv")[0] == 0
    assert bool(list(tmp_path.glob("status-*.json"))) is cached


def test_cache_key_covers_every_source_file_of_ivb(tmp_path, monkeypatch):
    import ivb
    from ivb.status import cache

    # The key reads the whole package, not only the cache's own subpackage.
    assert Path(ivb.__file__).resolve().parent == cache._PACKAGE

    package = tmp_path / "ivb"
    shutil.copytree(
        Path(ivb.__file__).resolve().parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(cache, "_PACKAGE", package)
    files = [DATA / "indicators.yaml", DATA / "partners.yaml"]
    before = cache.fingerprint(files)
    assert cache.fingerprint(files) == before
    rule = package / "checks" / "values.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert cache.fingerprint(files) != before


def test_a_renderers_bug_is_not_taken_for_a_closed_output():
    """write_output turns an output that cannot be written into a message; a bug in the
    code that writes (an AttributeError with stdout open) stays a bug, for main to show."""
    from ivb.cli.app import write_output

    with pytest.raises(AttributeError), write_output():
        None.render()  # type: ignore[attr-defined]
