"""``ivb add-measurement``: the change to ``indicators.yaml`` is exactly the new lines, the
request is checked before anything is written, and writing is atomic and serialised.

- Golden edits: each folder under ``cases/edit`` holds a small valid data set of one shape
  (comments, flow style, CRLF, unusual indentation, a BOM, ...), the arguments of one
  command (``args.txt``, one per line, without ``--data``) and the file as it must be
  afterwards (``expected.yaml``, written by hand from ``indicators.yaml``). Regenerate with
  ``IVB_UPDATE_GOLDEN=1 pytest tests/test_add_measurement.py`` and review the diff; the
  cases in ``KNOWN_BUGS`` are never regenerated (their expected file is the right one).
- A property test on the shipped data, a concurrency test, a crash test (SIGKILL at random
  moments), every refused input, ``--dry-run`` and ``ivb status`` after an add.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import errno
import fcntl
import functools
import io
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ivb.render.problems  # noqa: F401  (loaded before a fork gives up root; see _run_unprivileged)
import ivb.render.records  # noqa: F401
from helpers import case_params, run
from ivb.cli.main import main
from ivb.data import edit
from ivb.data.load import load_dataset
from ivb.records import measure
from ivb.records.measure import Request

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = ROOT / "data"
MINIMAL = TESTS / "cases" / "valid" / "minimal"
EDIT_CASES = TESTS / "cases" / "edit"
CASES = sorted(p for p in EDIT_CASES.iterdir() if p.is_dir())
CASE_FILES = {"indicators.yaml", "partners.yaml", "args.txt", "expected.yaml"}
UPDATE = os.environ.get("IVB_UPDATE_GOLDEN") == "1"  # regenerate, then review the diff
TODAY = dt.date(2026, 1, 31)  # the `replaced` date of history entries in the golden files
SHIPPED = (DATA / "indicators.yaml").read_bytes()
LEFTOVERS = ".indicators.yaml.*.tmp"

# Golden cases whose expected.yaml (written by hand) the code does not produce yet.
KNOWN_BUGS: dict[str, str] = {}  # case name -> reason, for a strict xfail


@pytest.fixture(autouse=True)
def _environment(monkeypatch):
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("IVB_DATA", raising=False)
    monkeypatch.delenv("IVB_CACHE_DIR", raising=False)


# -- helpers --------------------------------------------------------------------------------


def ivb_process(*args: str) -> list[str]:
    return [sys.executable, "-m", "ivb", *args]


def copy_data(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("indicators.yaml", "partners.yaml"):
        shutil.copyfile(source / name, target / name)
    return target


def leftovers(data: Path) -> list[Path]:
    return sorted(data.glob(LEFTOVERS))


def byte_opcodes(old: bytes, new: bytes) -> set[str]:
    return {
        tag for tag, *_ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    }


def is_one_insertion(old: bytes, new: bytes) -> bool:
    """Whether ``new`` is ``old`` with bytes inserted at one place (every old byte kept, in
    order). Linear, for large files where SequenceMatcher on bytes takes seconds."""
    if len(new) < len(old):
        return False
    prefix = 0
    while prefix < len(old) and old[prefix] == new[prefix]:
        prefix += 1
    return new.endswith(old[prefix:])


def text_of(raw: bytes) -> str:
    return raw.decode("utf-8-sig")


def indicator(data: Path, ident: str):
    loaded = load_dataset(data)
    assert loaded.ok, [str(p) for p in loaded.problems]
    return next(i for i in loaded.dataset.indicators.indicators if i.id == ident)


def case_args(case: Path) -> list[str]:
    return (case / "args.txt").read_text(encoding="utf-8").splitlines()


def adds_a_new_year(case: Path) -> bool:
    """Whether the case's year has no entry yet: then the edit must be a pure insertion."""
    args = case_args(case)
    data = yaml.safe_load(text_of((case / "indicators.yaml").read_bytes()))
    ind = next(i for i in data["indicators"] if i["id"] == args[0])
    return int(args[1]) not in (ind.get("measurements") or {})


# -- 1. golden edits ------------------------------------------------------------------------


def test_there_are_golden_cases_of_every_shape():
    names = {c.name for c in CASES}
    assert names >= {
        "comments",
        "flow-measurements",
        "flow-indicator",
        "crlf",
        "indentation",
        "dutch-bom",
        "no-measurements-key",
        "empty-measurements",
        "replace-into-history",
        "replace-new-history",
        "no-final-newline",
        "year-before",
        "year-between",
        "null-line",
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_golden_case_is_valid_data_before_and_after(case):
    """The case files themselves: complete, valid before and after, shaped as claimed."""
    assert {p.name for p in case.iterdir()} == CASE_FILES
    assert (case / "partners.yaml").read_bytes() == (MINIMAL / "partners.yaml").read_bytes()
    before = (case / "indicators.yaml").read_bytes()
    expected = (case / "expected.yaml").read_bytes()
    assert before != expected
    assert load_dataset(case).ok, [str(p) for p in load_dataset(case).problems]
    loaded = load_dataset(case, {"indicators": expected})
    assert loaded.ok, [str(p) for p in loaded.problems]
    if adds_a_new_year(case):  # the hand-written expectation itself only adds bytes
        assert byte_opcodes(before, expected) <= {"equal", "insert"}
    shapes = {
        "crlf": lambda raw: raw.count(b"\r\n") == raw.count(b"\n") > 0,
        "dutch-bom": lambda raw: raw.startswith(codecs.BOM_UTF8),
        "no-final-newline": lambda raw: not raw.endswith(b"\n"),
    }
    if case.name in shapes:
        assert shapes[case.name](before) and shapes[case.name](expected)
    else:
        assert b"\r" not in before and not before.startswith(codecs.BOM_UTF8)
        assert before.endswith(b"\n")


@pytest.mark.parametrize("case", case_params(CASES, KNOWN_BUGS))
def test_golden_edit(case, tmp_path, monkeypatch, capsys):
    """The command line as typed, with the history date fixed (measure.add_measurement
    takes ``today``; the command passes none, so it is pinned here)."""
    monkeypatch.setattr(
        measure, "add_measurement", functools.partial(measure.add_measurement, today=TODAY)
    )
    data = copy_data(case, tmp_path / "data")
    before = (data / "indicators.yaml").read_bytes()
    code, out, err = run(capsys, "add-measurement", *case_args(case), "--data", str(data))
    assert (code, err) == (0, "")
    assert out.startswith("Recorded ")
    after = (data / "indicators.yaml").read_bytes()
    assert (data / "partners.yaml").read_bytes() == (case / "partners.yaml").read_bytes()
    assert leftovers(data) == []
    golden = case / "expected.yaml"
    if UPDATE and case.name not in KNOWN_BUGS:
        golden.write_bytes(after)
    expected = golden.read_bytes()
    if after != expected:
        diff = "".join(
            difflib.unified_diff(
                text_of(expected).splitlines(keepends=True),
                text_of(after).splitlines(keepends=True),
                "expected.yaml",
                "written",
            )
        )
        pytest.fail(f"{case.name}: the written file differs from expected.yaml:\n{diff}")
    if adds_a_new_year(case):
        assert byte_opcodes(before, after) <= {"equal", "insert"}


# -- 2. reading and writing back without a change -------------------------------------------


def _raw_files() -> list:
    files = [pytest.param(SHIPPED, id="shipped")]
    for case in CASES:
        for name in ("indicators.yaml", "expected.yaml"):
            files.append(pytest.param((case / name).read_bytes(), id=f"{case.name}/{name}"))
    body = (MINIMAL / "indicators.yaml").read_bytes()
    crlf = body.replace(b"\n", b"\r\n")
    files += [
        pytest.param(codecs.BOM_UTF8 + crlf[:-2], id="bom-crlf-no-final-newline"),
        pytest.param(codecs.BOM_UTF8 + body, id="bom"),
        pytest.param(crlf + b"\r\n\r\n", id="crlf-trailing-blank-lines"),
        pytest.param(body.replace(b"\n", b"\r\n", 5), id="mixed-line-endings"),
        pytest.param(body[:-1], id="no-final-newline"),
        pytest.param("naam: ‘één’ – ü\n".encode(), id="dutch"),
    ]
    return files


@pytest.mark.parametrize("raw", _raw_files())
def test_reading_and_writing_back_without_a_change_is_byte_identical(raw):
    source = edit.Source(raw)
    assert edit.apply(source.text, []) == source.text
    assert source.encode(source.text) == raw
    assert edit.Source(source.encode(edit.apply(source.text, []))).text == source.text


# -- 3. a property: any valid addition to the shipped data keeps every other byte -----------


def _shipped_indicators() -> list[tuple[str, str, dict]]:
    data = yaml.safe_load(text_of(SHIPPED))
    return [(i["id"], i["unit"], i.get("measurements") or {}) for i in data["indicators"]]


SHIPPED_INDICATORS = _shipped_indicators()
DUTCH = list("ëéèïöüÉËÏ’‘“”\"'\\#:-{}[],&*!|>%@` ")
TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs")) | st.sampled_from(DUTCH),
    min_size=1,
    max_size=40,
).filter(str.strip)  # an empty or blank --source/--note is refused (tested below)


@st.composite
def additions(draw):
    """A request for a year without a value, with a value that fits the unit, and the
    value it must read back as."""
    ident, unit, measurements = draw(st.sampled_from(SHIPPED_INDICATORS))
    first = min(measurements)
    free = [y for y in range(first - 5, TODAY.year + 5) if measurements.get(y) is None]
    year = draw(st.sampled_from(free))
    any_year = year < first or year > TODAY.year or draw(st.booleans())
    if unit == "count":
        value = draw(st.integers(0, 10**6))
        typed = str(value)
    else:
        whole, tenth = divmod(draw(st.integers(0, 1000)), 10)
        typed = f"{whole}.{tenth}" if tenth else str(whole)
        typed += draw(st.sampled_from(["", "%"]))
        value = whole + tenth / 10
    request = Request(
        ident,
        year,
        typed,
        source=draw(st.none() | TEXT),
        note=draw(st.none() | TEXT),
        provisional=draw(st.booleans()),
        any_year=any_year,
    )
    return request, value


def _null_line(raw: bytes, ident: str, year: int) -> tuple[int, int]:
    """Where the line ``YEAR: null`` of an indicator starts and ends in the shipped bytes."""
    # An indicator's item, not a breakdown category of the same id (Halt has "schoolverzuim").
    start = re.compile(rb"^  - id: %s$" % ident.encode(), re.M).search(raw).start()
    found = re.compile(rb"^ +%d: null$" % year, re.M).search(raw, start)
    assert found, (ident, year)
    return found.start(), found.end()


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(addition=additions())
def test_any_valid_addition_reads_back_and_keeps_every_other_byte(tmp_path, addition):
    request, value = addition
    data = tmp_path / "data"
    if not data.exists():
        copy_data(DATA, data)
    path = data / "indicators.yaml"
    path.write_bytes(SHIPPED)  # each example starts from the shipped bytes
    was_null = request.year in dict((i, m) for i, _, m in SHIPPED_INDICATORS)[request.indicator]

    recorded = measure.add_measurement(data, request, today=TODAY)

    assert recorded.written
    new = path.read_bytes()
    got = indicator(data, request.indicator).measurements[request.year]
    assert got.value == value
    if isinstance(value, int):
        assert type(got.value) is int
    assert (got.source, got.note, got.provisional) == (
        request.source,
        request.note,
        request.provisional,
    )
    if was_null:  # exactly the `YEAR: null` line is replaced, every other byte kept
        start, end = _null_line(SHIPPED, request.indicator, request.year)
        tail = len(SHIPPED) - end
        assert new[:start] == SHIPPED[:start]
        assert new[len(new) - tail :] == SHIPPED[end:]
        assert new[start : len(new) - tail].lstrip(b" ").startswith(b"%d:" % request.year)
    else:
        assert is_one_insertion(SHIPPED, new)
        lines = difflib.SequenceMatcher(
            None, SHIPPED.splitlines(True), new.splitlines(True), autojunk=False
        ).get_opcodes()
        assert {tag for tag, *_ in lines} <= {"equal", "insert"}
    assert leftovers(data) == []


# -- 4. concurrent runs ---------------------------------------------------------------------


@pytest.mark.parametrize("linked", [False, True], ids=["one-folder", "two-folders-one-file"])
def test_concurrent_runs_all_land(tmp_path, linked):
    """Six runs on one data folder, or twelve through two data folders whose
    indicators.yaml is one file (a link): every value lands, whatever the order."""
    data = copy_data(DATA, tmp_path / "data")
    folders = [data]
    if linked:
        other = tmp_path / "other"
        other.mkdir()
        shutil.copyfile(DATA / "partners.yaml", other / "partners.yaml")
        (other / "indicators.yaml").symlink_to(data / "indicators.yaml")
        folders.append(other)
    years = range(2015, 2015 + 6 * len(folders))
    procs = [
        subprocess.Popen(
            ivb_process(
                "add-measurement",
                "mishandeling",
                str(year),
                str(year - 1990),
                "--any-year",
                "--source",
                f"run {year}",
                "--data",
                str(folders[i % len(folders)]),
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, year in enumerate(years)
    ]
    results = [(p.communicate(timeout=120), p.returncode) for p in procs]
    for (out, err), code in results:
        assert code == 0, err
        assert out.startswith("Recorded mishandeling ")
    got = indicator(data, "mishandeling").measurements
    assert {y: (got[y].value, got[y].source) for y in years} == {
        y: (y - 1990, f"run {y}") for y in years
    }
    validate = subprocess.run(
        ivb_process("validate", "--data", str(data)), capture_output=True, text=True
    )
    assert validate.returncode == 0, validate.stderr
    assert leftovers(data) == []
    assert not linked or (folders[1] / "indicators.yaml").is_symlink()
    # Whatever order they ran in, the file is the one the runs give one after another.
    one_by_one = copy_data(DATA, tmp_path / "one-by-one")
    for year in years:
        request = Request(
            "mishandeling", year, str(year - 1990), source=f"run {year}", any_year=True
        )
        measure.add_measurement(one_by_one, request)
    assert (data / "indicators.yaml").read_bytes() == (one_by_one / "indicators.yaml").read_bytes()


def test_a_run_waits_for_the_lock_on_the_data_folder(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    fd = os.open(data, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        proc = subprocess.Popen(
            ivb_process("add-measurement", "mishandeling", "2015", "31", "--data", str(data)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)  # time enough to finish, were it not waiting
        assert proc.poll() is None
        assert path.read_bytes() == SHIPPED
    finally:
        os.close(fd)  # releases the lock
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert indicator(data, "mishandeling").measurements[2015].value == 31


# -- 5. a writer killed at any moment -------------------------------------------------------


def _kill_while_writing(proc: subprocess.Popen, data: Path, known: set[str]) -> None:
    """SIGKILL ``proc`` as soon as its temporary file appears (or let it end)."""
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        names = set(os.listdir(data)) - known
        if any(n.startswith(".indicators.yaml.") and n.endswith(".tmp") for n in names):
            proc.send_signal(signal.SIGKILL)
            return


def test_a_killed_writer_leaves_the_old_file_or_the_new_one(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    counts = [i for i, unit, m in SHIPPED_INDICATORS if unit == "count" and m.get(2013)]
    # Long notes (each argument stays under Linux's 128 KiB) in twenty indicators make the
    # file a few MB, so that writing it takes a moment.
    note = "Toelichting – ‘één’ ë, gecontroleerd. " * 2500
    assert len(note.encode()) < 120_000
    for ident in counts[:20]:
        measure.add_measurement(data, Request(ident, 2016, "1", note=note))
    start = path.read_bytes()
    assert len(start) > 2_000_000
    rng = random.Random(20260131)
    outcomes = []
    for round_ in range(15):
        path.write_bytes(start)
        ident = rng.choice(counts)
        if round_ % 3 == 2:
            args = [ident, "2013", str(rng.randint(0, 999)), "--replace", "--note", note]
        else:
            args = [ident, "2017", str(rng.randint(0, 999)), "--note", note]
        scratch = copy_data(data, tmp_path / f"scratch-{round_}")
        code, _, err = run(capsys, "add-measurement", *args, "--data", str(scratch))
        assert code == 0, err
        expected = (scratch / "indicators.yaml").read_bytes()
        shutil.rmtree(scratch)
        known = set(os.listdir(data))
        proc = subprocess.Popen(
            ivb_process("add-measurement", *args, "--data", str(data)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if round_ % 2:
            _kill_while_writing(proc, data, known)
        else:
            time.sleep(rng.uniform(0, 0.3))
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = path.read_bytes()
        outcome = "old" if now == start else "new" if now == expected else "MIXED"
        outcomes.append((round_, proc.returncode, outcome, len(leftovers(data))))
        assert outcome != "MIXED", outcomes
        assert load_dataset(data).ok, outcomes
    # A following run removes what killed writers left behind (one is planted, in case no
    # kill came between the temporary file and the rename).
    (data / ".indicators.yaml.planted.tmp").write_bytes(start[:1000])
    assert leftovers(data)
    done = subprocess.run(
        ivb_process("add-measurement", counts[0], "2018", "5", "--data", str(data)),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert leftovers(data) == []
    assert indicator(data, counts[0]).measurements[2018].value == 5


# -- 6. refused requests --------------------------------------------------------------------

NEXT_YEAR = str(dt.date.today().year + 1)
WONING = "diefstal-inbraak-woning"
TOTAAL = "slachtofferschap-totaal"
HALT = "verwijzingen-halt"


REFUSED = [
    ([WONING, "2015", "nan"], ["'nan'", "not a count", "98"]),
    ([WONING, "2015", "inf"], ["'inf'", "not a count"]),
    ([WONING, "2015", "-1"], ["'-1'", "0 or more"]),
    ([WONING, "2015", "+5"], ["'+5'", "not a count"]),  # not "5 more"
    ([WONING, "2015", "-0"], ["'-0'", "not a count"]),
    ([WONING, "2015", "abc"], ["'abc'", "not a count"]),
    ([WONING, "2015", "1e309"], ["'1e309'", "not a count"]),
    ([WONING, "2015", ""], ["empty"]),
    ([WONING, "2015", "12.5"], ["'12.5'", "whole number"]),
    ([WONING, "2015", "98%"], ["'98%'", "count"]),
    ([TOTAAL, "2015", "101"], ["'101'", "between 0 and 100"]),
    ([TOTAAL, "2015", "-3"], ["'-3'", "between 0 and 100"]),
    ([TOTAAL, "2015", "13,125"], ["'13,125'", "at most two decimals", "13,13"]),
    ([TOTAAL, "2015", "nan"], ["'nan'", "0 to 100"]),
    (
        ["diefstal-inbraak-wonin", "2015", "98"],
        ["no indicator 'diefstal-inbraak-wonin'", "did you mean diefstal-inbraak-woning"],
    ),
    (["woning-inbraak", "2015", "98"], ["no indicator 'woning-inbraak'"]),
    ([WONING, "2010", "98"], ["2010", "2011", "--any-year"]),
    ([WONING, NEXT_YEAR, "98"], [NEXT_YEAR, "future", "--any-year"]),
    ([WONING, "2013", "98"], ["already has a value for 2013", "122", "--replace"]),
    ([HALT, "2015", "20", "-b", "geslacht=15"], ["geslacht=15", "BREAKDOWN.CATEGORY=VALUE"]),
    ([HALT, "2015", "20", "-b", "geslacht.jongens"], ["BREAKDOWN.CATEGORY=VALUE"]),
    ([HALT, "2015", "20", "-b", "geslacht.jongens=x"], ["geslacht.jongens", "'x'"]),
    ([HALT, "2015", "20", "-b", "geslacht.jongens=-2"], ["geslacht.jongens", "0 or more"]),
    ([HALT, "2015", "20", "-b", "geslacht.jongens=+3"], ["geslacht.jongens", "not a count"]),
    ([WONING, "2015", "98", "--dry-run", "--source", "x", "--any-year", "-b", "a=1"], ["a=1"]),
]


@pytest.mark.parametrize(
    ("args", "expected"), [pytest.param(a, e, id=" ".join(a)) for a, e in REFUSED]
)
def test_refused_with_a_message_and_nothing_written(tmp_path, capsys, args, expected):
    data = copy_data(DATA, tmp_path / "data")
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert code == 1
    assert out == ""
    assert err.startswith("ivb: ") and "Traceback" not in err
    for fragment in expected:
        assert fragment in err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED
    assert leftovers(data) == []


def test_an_existing_value_is_shown_with_its_provenance(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    first = [WONING, "2015", "98", "--source", "Politie BVH jaarrapport 2015"]
    code, _, err = run(
        capsys, "add-measurement", *first, "--received", "2016-02-01", "--data", str(data)
    )
    assert code == 0, err
    before = path.read_bytes()
    code, out, err = run(capsys, "add-measurement", WONING, "2015", "99", "--data", str(data))
    assert (code, out) == (1, "")
    assert "already has a value for 2015: 98" in err
    assert "Politie BVH jaarrapport 2015" in err and "2016-02-01" in err
    assert "--replace" in err
    assert path.read_bytes() == before


def test_a_breakdown_that_does_not_add_up_is_refused_naming_the_option(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    args = [HALT, "2015", "20", "-b", "geslacht.jongens=15", "-b", "geslacht.meisjes=4"]
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert (code, out) == (1, "")
    assert err == (
        "ivb: --breakdown 'geslacht': the geslacht breakdown of 'verwijzingen-halt' for 2015 "
        "adds up to 19, but the total is 20\n"
    )
    assert (data / "indicators.yaml").read_bytes() == SHIPPED


@pytest.mark.parametrize(
    ("breakdown", "message"),
    [
        (
            "geslacht.jongen=20",
            "--breakdown 'geslacht.jongen': breakdown 'geslacht' of 'verwijzingen-halt' has no "
            "category 'jongen' (its categories: jongens, meisjes)",
        ),
        (
            "sexe.jongens=20",
            "--breakdown 'sexe': 'verwijzingen-halt' declares no breakdown 'sexe' (its "
            "breakdowns: geslacht, soort-delict)",
        ),
    ],
)
def test_an_unknown_breakdown_or_category_is_refused(tmp_path, capsys, breakdown, message):
    data = copy_data(DATA, tmp_path / "data")
    code, _, err = run(
        capsys, "add-measurement", HALT, "2015", "20", "-b", breakdown, "--data", str(data)
    )
    assert code == 1 and message in err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED


@pytest.mark.parametrize(
    ("option", "text", "message"),
    [
        ("--source", "  ", "--source is empty"),
        ("--note", "", "--note is empty"),
        ("--note", "a\x07b", "--note holds the control character U+0007"),
    ],
)
def test_blank_or_unprintable_text_is_refused(tmp_path, capsys, option, text, message):
    data = copy_data(DATA, tmp_path / "data")
    code, _, err = run(
        capsys, "add-measurement", WONING, "2015", "98", option, text, "--data", str(data)
    )
    assert code == 1 and message in err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED


def test_running_the_same_command_twice_changes_nothing(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    args = [WONING, "2015", "98", "--source", "BVH", "--data", str(data)]
    assert run(capsys, "add-measurement", *args)[0] == 0
    after_first = (data / "indicators.yaml").read_bytes()
    for extra in ([], ["--replace"]):
        code, out, err = run(capsys, "add-measurement", *args, *extra)
        assert code == 0 and out == ""
        assert "is already recorded as 98 (source: BVH); nothing changed." in err
        assert (data / "indicators.yaml").read_bytes() == after_first


def test_a_received_date_outside_the_year_or_in_the_future_is_refused(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    for received in ("2014-12-31", (dt.date.today() + dt.timedelta(days=1)).isoformat()):
        code, _, err = run(
            capsys,
            "add-measurement",
            WONING,
            "2015",
            "98",
            "--received",
            received,
            "--data",
            str(data),
        )
        assert code == 1 and "is received between 1 January 2015 and today" in err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED


def test_an_option_typo_is_a_usage_error(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    code, _, err = run(capsys, "add-measurement", WONING, "2015", "--dryrun", "--data", str(data))
    assert code == 2 and "no such option: --dryrun" in err


def test_replace_moves_the_old_entrys_comments_into_history(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    path.write_text(
        text_of(SHIPPED).replace(
            "      2013: 122\n",
            "      2013:   # uit het jaarrapport 2014\n"
            "        # let op: zonder pogingen\n"
            "        value: 122\n"
            '        source: "Politie # BVH"   # nagekeken\n',
            1,
        ),
        encoding="utf-8",
    )
    request = Request(WONING, 2013, "120", replace=True)
    measure.add_measurement(data, request, today=dt.date(2026, 1, 31))
    text = path.read_text(encoding="utf-8")
    assert "      2013: 120\n      2014: null\n" in text
    assert (
        "      - year: 2013\n"
        "        value: 122\n"
        '        source: "Politie # BVH"\n'
        "        replaced: 2026-01-31\n"
        "        # uit het jaarrapport 2014\n"
        "        # let op: zonder pogingen\n"
        "        # nagekeken\n"
    ) in text


def test_a_huge_count_is_refused_and_validate_refuses_one_typed_in(tmp_path, capsys):
    """add-measurement and validate refuse it by the same rule, in the same words."""
    data = copy_data(DATA, tmp_path / "data")
    for digits in (11, 309, 5000):
        code, _, err = run(
            capsys, "add-measurement", WONING, "2015", "1" + "0" * (digits - 1), "--data", str(data)
        )
        assert code == 1 and "is more than 9,999,999,999: not a plausible count" in err, err
        assert len(err) < 200 and "Traceback" not in err
    path = data / "indicators.yaml"
    path.write_text(
        text_of(SHIPPED).replace("      2013: 122\n", "      2013: 10000000000\n", 1),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "is more than 9,999,999,999: not a plausible count (count-value)" in err


@pytest.mark.parametrize(
    "args",
    [
        [WONING, "2015", "98", "--received", "2016-13-01"],
        [WONING, "2015", "98", "--received", "01-02-2016"],
        [WONING, "2015", "98", "--received", "2016-02-01T10:00"],
        [WONING, "abc", "98"],
        [WONING, "2015"],
        [WONING, "2015", "98", "--bogus"],
    ],
    ids=[
        "received-month-13",
        "received-dd-mm-yyyy",
        "received-with-time",
        "year-abc",
        "no-value",
        "unknown-option",
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, args):
    data = copy_data(DATA, tmp_path / "data")
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert code == 2
    assert "Traceback" not in err and err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED


def test_a_missing_data_folder(tmp_path, capsys):
    code, out, err = run(
        capsys, "add-measurement", WONING, "2015", "98", "--data", str(tmp_path / "nope")
    )
    assert (code, out) == (1, "")
    assert "no such data folder" in err and "Traceback" not in err
    assert not (tmp_path / "nope").exists()


def test_a_data_folder_without_indicators_yaml(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    (data / "indicators.yaml").unlink()
    code, out, err = run(capsys, "add-measurement", WONING, "2015", "98", "--data", str(data))
    assert (code, out) == (1, "")
    assert "indicators.yaml" in err and "Traceback" not in err
    assert sorted(p.name for p in data.iterdir()) == ["partners.yaml"]


def test_data_with_errors_is_not_edited(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    broken = SHIPPED.replace(b"      2013: 122\n", b"      2013: 122\n      2013: 123\n", 1)
    path.write_bytes(broken)
    code, out, err = run(capsys, "add-measurement", WONING, "2015", "98", "--data", str(data))
    assert (code, out) == (1, "")
    assert "duplicate-key" in err and "Traceback" not in err
    assert path.read_bytes() == broken


# Writing that fails: a full disk (simulated), a read-only folder or file (real permissions;
# as root, in a forked child that gives up root first).

NOBODY = 65534


def _run_unprivileged(argv: list[str], warm_up: Path) -> tuple[int, str, str]:
    """``ivb`` run so that file permissions apply: here, or as root in a forked child that
    switches to the user nobody. The child cannot read the interpreter's own files (they
    may live in /root), so the command's code path is loaded first, in this process, by a
    run on ``warm_up``."""
    if os.geteuid() != 0:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
        return code, out.getvalue(), err.getvalue()
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main(["add-measurement", WONING, "2015", "1", "--data", str(warm_up)]) == 0
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = main(argv)
            payload = [code, out.getvalue(), err.getvalue()]
        except BaseException as exc:
            payload = [-1, "", repr(exc)]
        with os.fdopen(write_end, "w") as fh:
            fh.write(json.dumps(payload))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        payload = json.loads(fh.read() or '[-1, "", "no answer"]')
    os.waitpid(pid, 0)
    if payload[0] == -1:
        pytest.skip(f"cannot give up root here: {payload[2]}")
    return tuple(payload)


@pytest.fixture
def shared_dir():
    """A folder the user nobody can reach (pytest's tmp_path lies in a root-only folder)."""
    folder = Path(tempfile.mkdtemp(prefix="ivb-test-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(folder)


def _owned_by_nobody(folder: Path) -> None:
    if os.geteuid() == 0:
        for p in [folder, *folder.rglob("*")]:
            os.chown(p, NOBODY, NOBODY)


def test_a_read_only_data_folder(shared_dir, tmp_path):
    data = copy_data(DATA, shared_dir / "data")
    _owned_by_nobody(data)
    data.chmod(0o555)
    warm_up = copy_data(DATA, tmp_path / "warm-up")
    code, out, err = _run_unprivileged(
        ["add-measurement", WONING, "2015", "98", "--data", str(data)], warm_up
    )
    assert (code, out) == (1, ""), err
    assert "indicators.yaml" in err and "Permission denied" in err
    assert "Traceback" not in err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED
    assert sorted(p.name for p in data.iterdir()) == ["indicators.yaml", "partners.yaml"]


def test_a_read_only_data_file(shared_dir, tmp_path):
    data = copy_data(DATA, shared_dir / "data")
    _owned_by_nobody(data)
    (data / "indicators.yaml").chmod(0o444)
    warm_up = copy_data(DATA, tmp_path / "warm-up")
    code, out, err = _run_unprivileged(
        ["add-measurement", WONING, "2015", "98", "--data", str(data)], warm_up
    )
    assert (data / "indicators.yaml").read_bytes() == SHIPPED
    assert (code, out) == (1, "")
    assert "indicators.yaml" in err and "Traceback" not in err
    assert leftovers(data) == []


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["creating the temporary file", "flushing it to disk"])
def test_a_full_disk(tmp_path, capsys, monkeypatch, where):
    data = copy_data(DATA, tmp_path / "data")
    created = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        created.append(name)
        return fd, name

    with monkeypatch.context() as patch:
        if where == "creating the temporary file":
            patch.setattr(tempfile, "mkstemp", _no_space)
        else:
            patch.setattr(tempfile, "mkstemp", mkstemp)
            patch.setattr(os, "fsync", _no_space)
        code, out, err = run(capsys, "add-measurement", WONING, "2015", "98", "--data", str(data))
    assert (code, out) == (1, "")
    assert "indicators.yaml" in err and "No space left on device" in err
    assert "Traceback" not in err
    assert (data / "indicators.yaml").read_bytes() == SHIPPED
    assert sorted(p.name for p in data.iterdir()) == ["indicators.yaml", "partners.yaml"]
    if where == "flushing it to disk":
        assert created and not Path(created[0]).exists()


# -- values that are accepted ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "typed", "value", "line"),
    [
        (WONING, "98", 98, "2015: 98"),
        (WONING, "0", 0, "2015: 0"),
        (WONING, " 98 ", 98, "2015: 98"),
        (TOTAAL, "13", 13, "2015: 13"),
        (TOTAAL, "13.5", 13.5, "2015: 13.5"),
        (TOTAAL, "13,5", 13.5, "2015: 13.5"),
        (TOTAAL, "13%", 13, "2015: 13"),
        (TOTAAL, "13.5%", 13.5, "2015: 13.5"),
        (TOTAAL, "0", 0, "2015: 0"),
        (TOTAAL, "100%", 100, "2015: 100"),
        (TOTAAL, "13.0", 13, "2015: 13"),
    ],
)
def test_accepted_values_are_written_short(tmp_path, capsys, ident, typed, value, line):
    data = copy_data(DATA, tmp_path / "data")
    code, out, err = run(capsys, "add-measurement", ident, "2015", typed, "--data", str(data))
    assert (code, err) == (0, "")
    got = indicator(data, ident).measurements[2015]
    assert got.value == value and type(got.value) is type(value)
    new = (data / "indicators.yaml").read_bytes()
    assert is_one_insertion(SHIPPED, new)
    assert f"\n      {line}\n".encode() in new


def test_any_year_allows_a_year_before_the_first_and_in_the_future(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    for year in ("2009", NEXT_YEAR):
        code, _, err = run(
            capsys, "add-measurement", WONING, year, "90", "--any-year", "--data", str(data)
        )
        assert (code, err) == (0, "")
    got = indicator(data, WONING).measurements
    assert got[2009].value == 90 and got[int(NEXT_YEAR)].value == 90
    assert list(got) == sorted(got)  # each year in its place


def test_a_tiny_percentage_is_recorded_or_refused_clearly(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    code, _, err = run(capsys, "add-measurement", TOTAAL, "2015", "0.00001", "--data", str(data))
    if code == 0:
        assert indicator(data, TOTAAL).measurements[2015].value == 0.00001
    else:
        assert code == 1 and "0.00001" in err and "could not place" not in err


@pytest.mark.parametrize("char", ["\x85", "\x7f"], ids=["nel", "del"])
def test_a_note_with_a_control_character_is_recorded_or_refused_clearly(tmp_path, capsys, char):
    data = copy_data(DATA, tmp_path / "data")
    note = f"Zie bijlage{char} blz. 3"
    code, _, err = run(
        capsys, "add-measurement", WONING, "2015", "98", "--note", note, "--data", str(data)
    )
    if code == 0:
        assert indicator(data, WONING).measurements[2015].note == note
    else:
        assert code == 1 and "could not place" not in err
        assert (data / "indicators.yaml").read_bytes() == SHIPPED


def test_replace_keeps_the_old_value_with_its_provenance(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    first = [WONING, "2015", "98", "--source", "BVH voorlopig", "--provisional"]
    assert run(capsys, "add-measurement", *first, "--data", str(data))[0] == 0
    code, out, err = run(
        capsys,
        "add-measurement",
        WONING,
        "2015",
        "97",
        "--replace",
        "--source",
        "BVH definitief",
        "--data",
        str(data),
    )
    assert (code, err) == (0, "")
    assert "It replaces 98" in out
    ind = indicator(data, WONING)
    assert (ind.measurements[2015].value, ind.measurements[2015].source) == (97, "BVH definitief")
    (old,) = ind.history
    assert (old.year, old.value, old.source, old.provisional) == (2015, 98, "BVH voorlopig", True)
    assert old.replaced == dt.date.today()
    assert path.stat().st_size > len(SHIPPED)


def test_the_file_is_replaced_atomically_keeping_its_permissions(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    path.chmod(0o640)
    inode = path.stat().st_ino
    code, _, err = run(capsys, "add-measurement", WONING, "2015", "98", "--data", str(data))
    assert (code, err) == (0, "")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # a new file renamed over the old one
    assert leftovers(data) == []


# -- 7. --dry-run and what is reported ------------------------------------------------------


def _changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    args = [WONING, "2015", "98", "--source", "Politie BVH jaarrapport 2015"]
    code, out, err = run(capsys, "add-measurement", *args, "--dry-run", "--data", str(data))
    assert code == 0
    assert "nothing written" in err.lower()
    assert path.read_bytes() == SHIPPED
    assert leftovers(data) == []
    assert "--- a/indicators.yaml\n+++ b/indicators.yaml\n@@ " in out
    assert _changed_lines(out) == [
        "+      2015:",
        "+        value: 98",
        '+        source: "Politie BVH jaarrapport 2015"',
    ]
    assert "Would record diefstal-inbraak-woning 2015: 98" in out
    # The diff is the change that the same command then makes.
    code, _, _ = run(capsys, "add-measurement", *args, "--data", str(data))
    assert code == 0
    real = difflib.unified_diff(
        SHIPPED.decode().splitlines(), path.read_text(encoding="utf-8").splitlines(), lineterm=""
    )
    assert _changed_lines("\n".join(real)) == _changed_lines(out)


def test_dry_run_of_a_replace_shows_the_history_lines(tmp_path, capsys):
    data = copy_data(DATA, tmp_path / "data")
    code, out, _ = run(
        capsys,
        "add-measurement",
        WONING,
        "2013",
        "120",
        "--replace",
        "--dry-run",
        "--data",
        str(data),
    )
    assert code == 0
    changed = _changed_lines(out)
    assert "-      2013: 122" in changed and "+      2013: 120" in changed
    assert "+    history:" in changed and "+        value: 122" in changed
    assert f"+        replaced: {dt.date.today().isoformat()}" in changed
    assert "It replaces 122" in out
    assert (data / "indicators.yaml").read_bytes() == SHIPPED


@pytest.mark.parametrize(
    ("args", "first", "status"),
    [
        (
            [
                WONING,
                "2015",
                "98",
                "--source",
                "Politie BVH jaarrapport 2015",
                "--received",
                "2016-02-01",
            ],
            "Recorded diefstal-inbraak-woning 2015: 98 (source: Politie BVH jaarrapport 2015; "
            "received: 2016-02-01) in ",
            "Diefstal/inbraak woning now: 98 in 2015, against a ceiling of 100 for 2015: "
            "achieved (chance) (distance -2).",
        ),
        (
            [WONING, "2014", "110", "--provisional"],
            "Recorded diefstal-inbraak-woning 2014: 110 (provisional) in ",
            "Diefstal/inbraak woning now: 110 in 2014, against a ceiling of 100 for 2015: "
            "off track (chance) (distance +10).",
        ),
        (
            [TOTAAL, "2015", "13.5%", "--note", "Veiligheidsmonitor"],
            "Recorded slachtofferschap-totaal 2015: 13.5% (note: Veiligheidsmonitor) in ",
            "now: 13.5% in 2015, against a ceiling of 18% for 2015: achieved (distance -4.5 pp).",
        ),
        (
            ["parkeren-rondom-scholen", "2015", "4"],
            "Recorded parkeren-rondom-scholen 2015: 4 in ",
            "‘parkeren rondom scholen’: no target.",
        ),
    ],
    ids=["source-received", "provisional", "percent", "no-target"],
)
def test_recorded_output_names_value_source_and_status(tmp_path, capsys, args, first, status):
    data = copy_data(DATA, tmp_path / "data")
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(first)
    assert lines[0].endswith("indicators.yaml.")
    assert status in lines[-1]


# -- 8. ivb status after an add -------------------------------------------------------------


def test_status_shows_the_new_value_despite_its_cache(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    cache = tmp_path / "cache"
    env = {**os.environ, "IVB_CACHE_DIR": str(cache)}
    env.pop("IVB_NO_CACHE", None)

    def woning() -> dict:
        out = subprocess.run(
            ivb_process("status", "--data", str(data), "-f", "json"),
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out)["priorities"][0]["indicators"][0]

    before = woning()
    assert before["id"] == WONING and "2015" not in before["measurements"]
    assert list(cache.glob("status-*.json"))  # the cache is in use
    added = subprocess.run(
        ivb_process("add-measurement", WONING, "2015", "98", "--data", str(data)),
        env=env,
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
    after = woning()
    assert after["measurements"]["2015"] == 98
    assert after["latest"] == {"year": 2015, "value": 98}
    assert after["status"] == "achieved"


def test_a_comment_at_the_end_of_a_replaced_line_stays(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("      2014: null\n", "      2014: null  # volgt in het jaarverslag\n", 1),
        encoding="utf-8",
    )
    request = measure.Request(WONING, 2014, "110", source="BVH 2014")
    measure.add_measurement(data, request, today=dt.date(2026, 1, 31))
    assert "      2014:  # volgt in het jaarverslag\n        value: 110\n" in path.read_text(
        encoding="utf-8"
    )


def test_new_lines_take_the_line_ending_of_their_place(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    path = data / "indicators.yaml"
    raw = path.read_bytes().replace(b"      2013: 122\n", b"      2013: 122\r\n", 1)
    path.write_bytes(raw)  # one CRLF line in an LF file
    measure.add_measurement(data, measure.Request(WONING, 2015, "98"), today=dt.date(2026, 1, 31))
    new = path.read_bytes()
    assert new.count(b"\r\n") == 1
    assert b"      2014: null\n      2015: 98\n" in new
