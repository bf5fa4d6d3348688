"""ivb against an attacker and a careless user: what no command may do.

No command writes its output over a data file, a folder or a device; none says success when
its output was cut short; none reads without end (a named pipe, ``/dev/zero``) or shows a
traceback for a broken folder, a huge number or a closed stream; none lets control
characters into the data, formulas into a spreadsheet, or code in through its cache; and
no message quotes a whole file. One test (or a few) per case, in the order of the list in
docs/development.md ("What no command may do").

Most run ivb as a process, as a user does: streams, signals and resource limits are the
process's own. Concurrency through a linked data file is in test_add_measurement.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import DATA, TESTS, edit, run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, signals and rlimits are POSIX")


def ivb(*args: str) -> list[str]:
    return [sys.executable, "-m", "ivb", *args]


def process(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """ivb as a process: (exit code, stdout, stderr as text)."""
    kwargs.setdefault("capture_output", True)
    return subprocess.run(ivb(*args), text=True, timeout=timeout, **kwargs)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- 1. an output never replaces what it must not -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-o", "{data}/indicators.yaml"],
        ["report", "-o", "{data}/plans/2015-2016.yaml"],
        ["report", "--format", "markdown", "-o", "{data}/partners.yaml"],
        ["schema", "indicators", "-o", "{data}/indicators.yaml"],
    ],
)
def test_an_output_over_a_data_file_is_refused(capsys, data, args):
    before = snapshot(data)
    argv = [a.format(data=data) for a in args]
    code, out, err = run(capsys, *argv, *(["--data", str(data)] if args[0] == "report" else []))
    assert (code, out) == (1, "")
    assert "data file" in err and "Traceback" not in err
    assert snapshot(data) == before


def test_an_output_over_a_data_file_under_another_name_is_refused(capsys, data, tmp_path):
    before = snapshot(data)
    link = tmp_path / "report.html"
    link.symlink_to(data / "indicators.yaml")
    hard = tmp_path / "hard.html"
    os.link(data / "plans" / "2015-2016.yaml", hard)
    for target in (link, hard):
        code, out, err = run(capsys, "report", "--data", str(data), "-o", str(target))
        assert (code, out) == (1, "")
        assert "data file" in err and "Name another file" in err
    assert snapshot(data) == before and link.is_symlink()


def test_an_output_onto_a_fifo_or_a_socket_is_refused_and_leaves_it(capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target, words in ((fifo, "named pipe (FIFO)"), (sock_path, "a socket")):
            code, out, err = run(capsys, "report", "--data", str(DATA), "-o", str(target))
            assert (code, out) == (1, "")
            assert words in err and "not a file" in err
            code, _, err = run(capsys, "schema", "-o", str(target))
            assert code == 1 and words in err
        assert fifo.is_fifo() and sock_path.is_socket()
    finally:
        sock.close()


def test_an_output_named_as_a_folder_is_refused_before_anything_is_made(capsys, tmp_path):
    target = tmp_path / "newdir"
    code, out, err = run(capsys, "report", "--data", str(DATA), "-o", f"{target}/")
    assert (code, out) == (1, "")
    assert "names a folder" in err
    assert not target.exists()


def test_schema_to_a_full_disk_leaves_no_file(tmp_path):
    target = tmp_path / "schema.json"

    def small_files() -> None:  # as a full disk: no file may grow past 1 KB
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    done = process("schema", "indicators", "-o", str(target), preexec_fn=small_files)
    assert done.returncode == 1
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary file left either


# -- 2. output cut short is not success -----------------------------------------------------


def test_a_report_cut_short_by_a_file_size_limit_fails(tmp_path):
    out = tmp_path / "out.html"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    with out.open("wb") as fh:
        done = subprocess.run(
            ivb("report", "--data", str(DATA)),
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=small_files,
            timeout=120,
        )
    assert done.returncode == 1
    # (matplotlib may say it could not keep its font cache, under the same limit)
    assert done.stderr.endswith("ivb: cannot write the output: File too large\n")
    assert "Traceback" not in done.stderr


def _read_then_close(args: list[str], size: int) -> tuple[int, str]:
    """Run ivb, read ``size`` bytes of its output and close the pipe, as ``| head -c``."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(size)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), err


def test_a_reader_that_leaves_early_gives_141_as_documented():
    code, err = _read_then_close(ivb("report", "--data", str(DATA)), 10)
    assert (code, err) == (141, "")
    code, err = _read_then_close(ivb("--help"), 10)
    assert (code, err) == (141, "")


def test_the_file_stdout_writes_to_is_stdout():
    done = process("report", "--data", str(DATA), "-o", "/dev/stdout", timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and done.stdout.rstrip().endswith("</html>")
    done = process("schema", "-o", "-")
    assert done.returncode == 0 and json.loads(done.stdout)["title"]


# -- 4-6, 9. what is read ------------------------------------------------------------------


def test_an_integer_of_thousands_of_digits_is_a_problem_with_its_line(capsys, data):
    path = data / "indicators.yaml"
    edit(path, "      2013: 122\n", "      2013: " + "9" * 5000 + "\n")
    line = path.read_text(encoding="utf-8").splitlines().index("      2013: " + "9" * 5000) + 1
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "Traceback" not in err
    assert f"indicators.yaml:{line}:13: error: a number of 5,000 digits is too long" in err
    for args in (["status"], ["report", "-o", str(data.parent / "r.html")], ["plans"]):
        code, _, err = run(capsys, *args, "--data", str(data))
        assert code == 1 and "Traceback" not in err


def test_an_unreadable_plans_folder_is_a_problem(capsys, data, monkeypatch):
    import ivb.layout

    real = os.scandir

    def scandir(path):  # as chmod 000 does for anyone but root
        if Path(path).name == "plans":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(ivb.layout.os, "scandir", scandir)
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "Traceback" not in err
    assert "plans:0:0: error: cannot read the plans folder: Permission denied" in err
    assert "without-action" not in err  # the plans' coverage is unknown, not missing
    code, _, err = run(capsys, "status", "--data", str(data))
    assert code == 1 and "cannot read the plans folder" in err


def test_a_plans_path_that_is_a_file_or_a_dangling_plan_link_is_a_problem(capsys, data):
    (data / "plans" / "2019-2020.yaml").symlink_to("gone.yaml")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert "2019-2020.yaml:0:0: error: a link to gone.yaml, which does not exist" in err
    shutil.rmtree(data / "plans")
    (data / "plans").write_text("not a folder", encoding="utf-8")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "plans:0:0: error: this is a file, not a folder" in err


def test_a_name_too_long_is_a_clear_error(capsys, tmp_path):
    long = tmp_path / ("a" * 300)
    code, out, err = run(capsys, "status", "--data", str(long))
    assert (code, out) == (1, "") and "File name too long" in err and "Traceback" not in err
    code, out, err = run(capsys, "report", "--data", str(DATA), "-o", str(long / "r.html"))
    assert (code, out) == (1, "") and "File name too long" in err and "Traceback" not in err


def test_a_fifo_in_place_of_a_data_file_or_an_export_is_named_not_waited_on(data, tmp_path):
    (data / "partners.yaml").unlink()
    os.mkfifo(data / "partners.yaml")
    start = time.monotonic()
    done = process("validate", "--data", str(data), timeout=30)
    assert done.returncode == 1
    assert "partners.yaml:0:0: error: this is a named pipe (FIFO), not a file" in done.stderr
    done = process("status", "--data", str(data), timeout=30)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    fifo = tmp_path / "47013NED.csv"
    os.mkfifo(fifo)
    done = process("import", str(fifo), "--data", str(DATA), "--dry-run", timeout=30)
    assert done.returncode == 1 and "named pipe (FIFO), not a file" in done.stderr
    done = process("import", "/dev/zero", "--data", str(DATA), "--dry-run", timeout=30)
    assert done.returncode == 1 and "/dev/zero: this is a device, not a file" in done.stderr
    assert time.monotonic() - start < 30


def test_a_data_file_larger_than_any_typed_by_hand_is_refused_unread(data):
    with (data / "partners.yaml").open("ab") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: no disk space taken
    done = process("validate", "--data", str(data), timeout=60)
    assert done.returncode == 1
    assert "partners.yaml:0:0: error: the file is larger than 64 MB" in done.stderr


# -- 7, 8, 10. streams and signals ----------------------------------------------------------


def test_an_output_encoding_without_the_characters_escapes_them(data):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "IVB_NO_CACHE": "1"}
    done = process("status", "--data", str(data), env=env)
    assert done.returncode == 0, done.stderr
    assert "Leiderdorp" in done.stdout and "\\xb7" in done.stdout  # the middle dot, escaped
    done = process(
        "add-measurement", "mishandeling", "2015", "31", "--source", "Café",
        "--data", str(data), env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Recorded mishandeling 2015: 31")
    assert 'source: "Café"' in (data / "indicators.yaml").read_text(encoding="utf-8")


def test_a_closed_stderr_or_stdout_is_an_exit_code_not_a_traceback(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "indicators.yaml").write_text("policy: [\n", encoding="utf-8")
    done = process("validate", "--data", str(broken), preexec_fn=lambda: os.close(2))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout
    done = process("status", "--data", str(DATA), preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == "ivb: cannot write the output: standard output is closed\n"


def test_ctrl_c_while_ivb_loads_ends_quietly_with_130():
    # Ctrl-C while the command line library is being imported, made certain: its import
    # raises KeyboardInterrupt, as the signal would.
    script = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from ivb.cli.main import main\n"
        "sys.exit(main(['status']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "ivb: interrupted\n")


def started(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """ivb as a process, returned once its entry point is loaded (as the ``ivb`` script
    loads it), which the process says on a pipe of its own. Delays before a Ctrl-C count
    from there: a signal while the Python interpreter itself starts (its site module) is
    the interpreter's, and on a loaded machine that start alone can take longer than a
    fixed delay."""
    ready, said = os.pipe()
    script = (
        "import os, sys\n"
        "from ivb.cli.main import run\n"
        f"sys.argv = {['ivb', *args]!r}\n"
        f"os.write({said}, b'!'); run()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        pass_fds=(said,),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(said)
    with os.fdopen(ready, "rb") as pipe:
        assert pipe.read(1) == b"!", "ivb did not start"
    return proc


def test_ctrl_c_at_any_moment_after_start_up_ends_ivb_without_a_traceback():
    env = {**os.environ, "IVB_NO_CACHE": "1"}
    for delay in (0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3):
        proc = started("report", "--data", str(DATA), env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err and b"Exception ignored" not in err, err.decode()
        if proc.returncode != 0:  # else it was done before the signal came
            assert (proc.returncode, err) == (130, b"ivb: interrupted\n")


# -- 11. control characters ----------------------------------------------------------------


def test_a_control_character_in_the_data_is_an_error_at_its_line(capsys, data):
    path = data / "indicators.yaml"
    edit(path, 'name: "Diefstal/inbraak woning"', 'name: "x\\e[31mRED"')
    line = path.read_text(encoding="utf-8").splitlines().index('    name: "x\\e[31mRED"') + 1
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert f"indicators.yaml:{line}:11: error: the text holds the control character U+001B" in err
    assert "\x1b" not in err
    for command in ("status", "plans"):
        code, out, err = run(capsys, command, "--data", str(data))
        assert code == 1 and "\x1b" not in out + err


@pytest.mark.parametrize("hostile", ["\u202eevil", "a\u2028b", "bell\x07", "del\x7f", "c1\x85"])
def test_every_kind_of_control_character_is_refused(capsys, data, hostile):
    path = data / "partners.yaml"
    text = path.read_text(encoding="utf-8")
    escaped = json.dumps(hostile)[1:-1]  # as YAML's double-quoted escapes write it
    path.write_text(text.replace("name: Scholen", f'name: "{escaped}"', 1), encoding="utf-8")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "(control-character)" in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["set-action", "lokautos", "--state", "running", "--note", "a\x1b[31m"], "U+001B"),
        (["add-measurement", "mishandeling", "2015", "31", "--source", "a\nb"], "a line break"),
        (["add-measurement", "mishandeling", "2015", "31", "--note", "\u202ex"], "U+202E"),
        (["set-target", "mishandeling", "2016", "29", "--reason", "a\u2028b"], "U+2028"),
    ],
)
def test_a_text_option_with_a_control_character_writes_nothing(capsys, data, args, words):
    before = snapshot(data)
    code, out, err = run(capsys, *args, "--data", str(data))
    assert (code, out) == (1, "")
    assert words in err and "\x1b" not in err
    assert snapshot(data) == before


# -- 12. spreadsheets ----------------------------------------------------------------------


def _csv_rows(out: str, lang: str) -> list[dict[str, str]]:
    """The rows of a csv as ivb writes it in ``lang``: the Dutch one (for Dutch Excel)
    starts with a byte order mark and separates its cells by ``;``."""
    if lang == "nl":
        assert out.startswith("\ufeff")
        return list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert not out.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_csv_text_cells_never_start_a_formula_and_numbers_stay_numbers(capsys, data, lang):
    edit(data / "indicators.yaml", 'name: "Diefstal/inbraak woning"', 'name: "=HYPERLINK(1)"')
    edit(
        data / "plans" / "2015-2016.yaml",
        'title: "Inzet van lokauto\'s uitbreiden"',
        'title: "@SUM(1)"',
    )
    code, out, _ = run(capsys, "status", "--data", str(data), "-f", "csv", "--lang", lang)
    assert code == 0
    rows = _csv_rows(out, lang)
    woning = next(r for r in rows if r["id"] == "diefstal-inbraak-woning")
    assert woning["name"] == "'=HYPERLINK(1)"
    assert woning["direction"] == "'-"
    assert (woning["latest_value"], woning["target_value"], woning["distance"]) == (
        "122",
        "100",
        "22",
    )
    text_columns = ("priority_title", "id", "name", "unit", "direction", "status")
    for row in rows:
        for column in text_columns:
            assert not row[column].startswith(("=", "+", "-", "@")), row
    # The 2015-2016 plan's own actions (in the whole list, its copy in 2016-2017 shows).
    code, out, _ = run(
        capsys, "plans", "--data", str(data), "-f", "csv", "--plan", "2015-2016", "--lang", lang
    )
    assert code == 0
    titles = [r["title"] for r in _csv_rows(out, lang)]
    assert "'@SUM(1)" in titles and "@SUM(1)" not in titles


def test_a_workbook_holds_text_from_the_data_as_text_never_a_formula(capsys, data, tmp_path):
    import zipfile

    import openpyxl

    edit(data / "indicators.yaml", 'name: "Diefstal/inbraak woning"', 'name: "=HYPERLINK(1)"')
    edit(
        data / "plans" / "2015-2016.yaml",
        'title: "Inzet van lokauto\'s uitbreiden"',
        'title: "@SUM(1)"',
    )
    # The 2015-2016 plan's own actions (in the whole list, its copy in 2016-2017 shows).
    for command, cell in (("status", "=HYPERLINK(1)"), ("plans", "@SUM(1)")):
        book = tmp_path / f"{command}.xlsx"
        more = ["--plan", "2015-2016"] if command == "plans" else []
        code, _, _ = run(capsys, command, "--data", str(data), *more, "-f", "xlsx", "-o", str(book))
        assert code == 0
        with zipfile.ZipFile(book) as parts:
            sheets = [n for n in parts.namelist() if n.startswith("xl/worksheets/")]
            assert not any(b"<f>" in parts.read(n) or b"<f " in parts.read(n) for n in sheets)
        found = [
            c
            for ws in openpyxl.load_workbook(book).worksheets
            for row in ws.iter_rows()
            for c in row
            if c.value == cell
        ]
        assert found and all(c.data_type == "s" for c in found)


def test_a_line_break_in_a_name_does_not_split_a_markdown_row(capsys, data):
    edit(data / "indicators.yaml", 'name: "Diefstal/inbraak woning"', 'name: "twee\\nregels"')
    code, out, _ = run(capsys, "status", "--data", str(data), "-f", "markdown", "-p", "1")
    assert code == 0
    (row,) = [line for line in out.splitlines() if "twee" in line]
    assert row.startswith("| twee<br>regels ") and row.endswith("|")


# -- 13. the cache is never code ----------------------------------------------------------


class _Planted:
    """Unpickled, it makes a folder: proof that a cache file was run as code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (str(self.path),))


def test_a_planted_cache_file_is_not_run(tmp_path, monkeypatch):
    from ivb.status import cache

    caches = tmp_path / "cache"
    caches.mkdir()
    monkeypatch.setenv("IVB_CACHE_DIR", str(caches))
    marker = tmp_path / "ran"
    entry = cache._entry(DATA)
    assert entry is not None
    payload = pickle.dumps(_Planted(marker))
    for name in (entry.name, entry.with_suffix(".pickle").name, entry.with_suffix(".json").name):
        (caches / name).write_bytes(payload)
    env = dict(os.environ)
    env.pop("IVB_NO_CACHE", None)
    done = process("status", "--data", str(DATA), "-f", "csv", "--lang", "en", env=env)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert done.stdout.startswith("priority,")


def test_a_tampered_cache_entry_is_a_miss(tmp_path, monkeypatch, capsys):
    from ivb.status import cache

    monkeypatch.delenv("IVB_NO_CACHE", raising=False)
    monkeypatch.setenv("IVB_CACHE_DIR", str(tmp_path))
    code, first, _ = run(capsys, "status", "--data", str(DATA), "-f", "json")
    assert code == 0
    entry = cache._entry(DATA)
    assert entry is not None and entry.exists()
    key, view = json.loads(entry.read_text(encoding="utf-8"))
    view[0] = 12345  # the policy's name, as a number
    entry.write_text(json.dumps([key, view]), encoding="utf-8")
    code, again, _ = run(capsys, "status", "--data", str(DATA), "-f", "json")
    assert (code, again) == (0, first)


# -- 14. no message quotes a whole file ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_link_to_another_file_is_quoted_by_a_short_excerpt_only(capsys, data, tmp_path, fmt):
    secret = "SECRET=" + "x" * 60 + "THE-END-OF-THE-SECRET"
    secrets = tmp_path / "secrets.txt"
    secrets.write_text(secret + "\n", encoding="utf-8")
    (data / "partners.yaml").unlink()
    (data / "partners.yaml").symlink_to(secrets)
    code, out, err = run(capsys, "validate", "--data", str(data), "--format", fmt)
    assert code == 1
    assert "SECRET=" in out + err  # an excerpt, to recognise the file by
    assert "THE-END-OF-THE-SECRET" not in out + err


def test_a_huge_text_file_gives_a_short_message(capsys, data):
    (data / "partners.yaml").write_text("x" * 20_000_000, encoding="utf-8")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    (line,) = [line for line in err.splitlines() if "partners.yaml" in line]
    assert len(line) < 300


# -- smaller ------------------------------------------------------------------------------


def test_the_digits_that_decide_a_verdict_are_shown(capsys, data):
    code, out, _ = run(
        capsys,
        "add-measurement",
        "slachtofferschap-vermogensdelicten",
        "2015",
        "8.04",
        "--dry-run",
        "--data",
        str(data),
    )
    assert code == 0
    assert "now: 8.04% in 2015, against a ceiling of 8% for 2015: not achieved" in out
    assert "(distance +0.04 pp)" in out


def test_digits_other_than_0_to_9_get_a_hint_that_says_so(capsys, data):
    code, _, err = run(capsys, "add-measurement", "mishandeling", "2015", "٣١", "--data", str(data))
    assert code == 1
    assert "other digits than 0-9" in err


def test_an_empty_export_name_is_a_usage_error(capsys):
    code, out, err = run(capsys, "import", "", "--data", str(DATA))
    assert (code, out) == (2, "")
    assert err == "ivb: FILE is empty: name the CSV export to import\n"


# -- found by an outside review -----------------------------------------------------------


def test_a_markdown_chart_linked_to_a_data_file_is_refused_and_nothing_written(
    capsys, data, tmp_path
):
    out = tmp_path / "r.md"
    assert run(capsys, "report", "--data", str(data), "-o", str(out))[0] == 0
    before = snapshot(data)
    chart = tmp_path / "r-charts" / "bedreiging.svg"
    chart.unlink()
    chart.symlink_to(data / "indicators.yaml")
    report_before = out.read_bytes()
    code, stdout, err = run(capsys, "report", "--data", str(data), "-o", str(out))
    assert (code, stdout) == (1, "")
    assert "bedreiging.svg" in err and "data file" in err
    assert snapshot(data) == before and out.read_bytes() == report_before


def test_an_output_linked_to_a_yaml_file_of_another_folder_is_refused(capsys, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(DATA, other)
    before = snapshot(other)
    for command, name in (("report", "out.html"), ("schema", "s.json")):
        link = tmp_path / name
        link.symlink_to(other / "partners.yaml")
        args = ["--data", str(DATA)] if command == "report" else []
        code, _, err = run(capsys, command, *args, "-o", str(link))
        assert code == 1 and "a YAML file is a data file" in err
    assert snapshot(other) == before


def test_the_file_stdout_appends_to_is_appended_to_not_replaced(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("keep\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as fh:
        done = subprocess.run(
            ivb("schema", "-o", "/dev/stdout"), stdout=fh, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("keep\n{") and json.loads(text[len("keep\n") :])["title"]


def test_every_value_beside_a_verdict_shows_the_decimals_that_decide(capsys, data, tmp_path):
    code, _, err = run(
        capsys, "add-measurement", "slachtofferschap-vermogensdelicten", "2015", "8.04",
        "--data", str(data),
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "status", "--data", str(data), "-f", "markdown", "--year", "2015")
    (row,) = [line for line in out.splitlines() if "Slachtofferschap vermogensdelicten" in line]
    assert "13% 8.04% |" in row and "| 8.04% '15 |" in row and "|   8% '15 |" in row
    report = tmp_path / "r.md"
    code = run(
        capsys, "report", "--data", str(data), "-o", str(report), "--year", "2015", "--lang", "nl"
    )[0]
    assert code == 0
    text = report.read_text(encoding="utf-8")
    (row,) = [line for line in text.splitlines() if line.startswith("| Slachtofferschap verm")]
    assert "| 8,04% in 2015 " in row and "| 8% in 2015 " in row  # the latest, the target


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("      2014: 13\n", "      2014: 8.00001\n", "a percent has at most two decimals"),
        ("      2014: 13\n", "      2014: 13.125\n", "a percent has at most two decimals"),
    ],
)
def test_one_rule_of_decimals_for_validate_and_the_commands(capsys, data, old, new, words):
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: slachtofferschap-vermogensdelicten")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and words in err
    code, _, err = run(
        capsys, "add-measurement", "slachtofferschap-totaal", "2015", new.split(": ")[1].strip(),
        "--data", str(DATA), "--dry-run",
    )  # fmt: skip
    assert code == 1 and words in err


@pytest.mark.parametrize(
    ("old", "new", "fmt"),
    [
        ('"count"', '"bogus"', "csv"),
        ("116", "NaN", "csv"),
        ('"Diefstal/inbraak woning"', '"\\u001b[31mPWNED"', "csv"),
        ('"diefstal-inbraak-woning"', '"diefstal-inbraak-wonin"', "csv"),
        # The breakdowns and references, which only the json shows:
        ('"Waarvan jongens",15', '"Waarvan jongens",NaN', "json"),
        ('"Waarvan jongens"', '"\\u001b[31mPWNED"', "json"),
        ('"VRHM en Nederland",29', '"VRHM en Nederland",Infinity', "json"),
        ('"VRHM en Nederland"', '"\\u202eVRHM"', "json"),
        ('"Geslacht",true', '"Geslacht",1', "json"),
    ],
)
def test_a_cache_entry_changed_with_its_key_intact_is_a_miss(
    capsys, tmp_path, monkeypatch, old, new, fmt
):
    from ivb.status import cache

    monkeypatch.delenv("IVB_NO_CACHE", raising=False)
    monkeypatch.setenv("IVB_CACHE_DIR", str(tmp_path))
    code, first, _ = run(capsys, "status", "--data", str(DATA), "-f", fmt)
    assert code == 0
    entry = cache._entry(DATA)
    assert entry is not None
    text = entry.read_text(encoding="utf-8")
    assert old in text
    entry.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, again, err = run(capsys, "status", "--data", str(DATA), "-f", fmt)
    assert (code, again, err) == (0, first, "")


def test_control_characters_from_a_tag_an_option_a_file_name_or_an_export_are_not_echoed(
    capsys, data, tmp_path
):
    (data / "plans" / "w.yaml").write_text("plan: !<tag:%1B[31mRED> x\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "(yaml-tag)" in err and "\x1b" not in err
    (data / "plans" / "w.yaml").unlink()
    export = tmp_path / "47013NED_2014-2016.csv"
    shutil.copyfile(TESTS / "cases" / "import" / "47013NED_2014-2016.csv", export)
    for option in ("--region", "--table"):
        code, out, err = run(
            capsys, "import", str(export), option, "L\x1b[31m", "--data", str(data)
        )
        assert code == 1 and "U+001B" in err and "\x1b" not in out + err
    hostile = tmp_path / "47013NED_\x1b[31m.csv"
    shutil.copyfile(export, hostile)
    code, out, err = run(capsys, "import", str(hostile), "--data", str(data), "--dry-run")
    assert code == 1 and "the file's name holds the control character U+001B" in err
    assert "--source" not in err and "\x1b" not in out + err
    code, _, err = run(
        capsys, "add-measurement", "mishandeling", "2015", "1", "-b", "g\x1b[31m.x=1",
        "--data", str(data),
    )  # fmt: skip
    assert code == 1 and "\x1b" not in err


def test_a_dangling_plan_link_is_named_by_its_own_name(capsys, data, monkeypatch):
    monkeypatch.chdir(data.parent)
    (data / "plans" / "2017-2018.yaml").symlink_to("nowhere.yaml")
    code, _, err = run(capsys, "validate", "--data", "data")
    assert code == 1
    assert "data/plans/2017-2018.yaml:0:0: error: a link to nowhere.yaml" in err


def test_ctrl_c_right_after_the_work_is_done_still_ends_with_130_or_success():
    env = {**os.environ, "IVB_NO_CACHE": "1"}
    for i in range(16):
        proc = started("schema", env=env)
        time.sleep(0.005 * i + 0.04)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode()
        assert proc.returncode == 0 or (proc.returncode, err) == (130, b"ivb: interrupted\n")


def test_a_read_only_markdown_report_is_refused_before_its_charts_are_written(capsys, tmp_path):
    out = tmp_path / "r.md"
    out.write_text("mine\n", encoding="utf-8")
    out.chmod(0o444)
    code, _, err = run(capsys, "report", "--data", str(DATA), "-o", str(out))
    assert code == 1 and "read-only" in err
    assert not (tmp_path / "r-charts").exists()
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_a_folder_named_with_a_dot_is_a_folder(capsys, tmp_path):
    code, _, err = run(capsys, "report", "--data", str(DATA), "-o", f"{tmp_path}/newdir/.")
    assert code == 1 and "names a folder" in err
    assert list(tmp_path.iterdir()) == []


def test_a_formula_behind_white_space_or_a_line_break_is_still_made_text():
    from ivb.text import spreadsheet_text

    for cell in ("\u00a0=1+1", "\n=1+1", " @SUM(A1)", "\t-2+3"):
        assert spreadsheet_text(cell).startswith("'")
    assert spreadsheet_text("Leiderdorp") == "Leiderdorp"


def test_a_line_break_in_a_name_stays_in_its_markdown_heading(capsys, data, tmp_path):
    edit(data / "indicators.yaml", 'name: "Diefstal/inbraak woning"', 'name: "twee\\nregels"')
    out = tmp_path / "r.md"
    assert run(capsys, "report", "--data", str(data), "-o", str(out))[0] == 0
    assert "### twee regels\n" in out.read_text(encoding="utf-8")


def test_the_cache_knows_every_unit_and_direction_the_data_model_allows():
    import typing

    from ivb import models
    from ivb.status import cache

    assert typing.get_args(models.Unit) == cache._UNITS
    assert typing.get_args(models.Direction) == cache._DIRECTIONS
