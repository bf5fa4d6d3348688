"""The package as it ships and as it is laid out: the wheel carries every module and its
data, the installed package runs outside the repository, the layers hold at run time too,
and the suite itself stays inside its temporary folders."""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import ivb
from helpers import DATA, ROOT, TESTS

PACKAGE = ROOT / "ivb"
ONE = TESTS / "cases" / "report" / "one-indicator"  # a report of one chart: quick to draw
# The modules that may import typer, rich, matplotlib or Jinja2: the command line, the
# renderers and the report's HTML, charts and files.
OUTER = ("ivb.__main__", "ivb.cli", "ivb.render", "ivb.report.render", "ivb.report.charts")
OUTER += ("ivb.report.files",)


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(ivb.__path__, "ivb."))


def _source_files() -> set[str]:
    """Every file of the package, but the translators' catalogue (its compiled .mo ships)."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".po"
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built as pip builds it, from a copy of the project (a build in place
    would leave build/ and ivb.egg-info/ in the work tree)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    shutil.copytree(PACKAGE, source / "ivb", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["--disable-pip-version-check", "-w", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = (work / "dist").glob("ivb-*.whl")
    return built


def test_the_wheel_carries_every_module_and_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n for n in names if n.startswith("ivb/")}
    assert shipped == _source_files()
    assert {
        "ivb/py.typed",
        "ivb/report/templates/report.html",
        "ivb/locale/nl/LC_MESSAGES/ivb.mo",
    } <= shipped
    others = {n.split("/")[0] for n in names - shipped}
    assert all(n.endswith(".dist-info") for n in others), others  # no tests/, data/ ...


def test_the_installed_package_runs_outside_the_repository(wheel, tmp_path):
    """The wheel installed alone (the dependencies come from this environment) answers
    status, and writes a report from its own template, from a folder that is not the
    repository's."""
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--disable-pip-version-check"]
        + ["--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    script = textwrap.dedent(
        f"""
        import contextlib, io, json, sys
        import ivb
        from ivb.cli.main import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["status", "--data", {str(DATA)!r}, "-f", "json"])
        report = main(["report", "--data", {str(ONE)!r}, "-o", "report.html"])
        files = [m.__file__ for n, m in sys.modules.items() if n.split(".")[0] == "ivb"]
        print(json.dumps([files, status, report, out.getvalue()]))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    files, status, report, out = json.loads(done.stdout.splitlines()[-1])
    assert len(files) > 40  # every module that ran, from the wheel, none from the repository
    assert all(Path(f).is_relative_to(site) for f in files), files
    assert (status, report) == (0, 0)
    assert json.loads(out)["municipality"] == "Leiderdorp"
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
    # The console script the wheel declares.
    script = subprocess.run(
        [str(site / "bin" / "ivb"), "validate", "--data", str(DATA)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert script.returncode == 0 and "0 errors" in script.stderr, script.stderr


def test_python_dash_m_lists_the_commands_in_their_order():
    out = subprocess.run(
        [sys.executable, "-m", "ivb", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "120"},
    ).stdout
    order = ["status", "validate", "add-measurement", "import", "set-target", "plans"]
    order += ["partners", "set-action", "report", "schema"]
    listed = [
        line.split()[1] for line in out.splitlines() if line.startswith("│ ") and line[2] != " "
    ]
    assert [c for c in listed if c in order] == order


def test_a_command_builds_only_itself(capsys, monkeypatch):
    """ivb builds the command it runs and no other (building all twelve cost 8.5 ms at
    every start); ``--help`` builds them all to list them."""
    import typer.main

    from helpers import run

    built: list[str] = []
    real = typer.main.get_command_from_info

    def counted(info, **settings):
        built.append(info.callback.__name__)
        return real(info, **settings)

    monkeypatch.setattr(typer.main, "get_command_from_info", counted)
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    code, _, _ = run(capsys, "status", "--data", str(DATA), "-f", "json")
    assert (code, built) == (0, ["status"])
    built.clear()
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "add-measurement" in out and len(built) == 12


HELP = [[], ["--help"], ["status", "-h"]]
USAGE_ERRORS = [
    ["nosuch"],
    ["statsu"],
    ["-x"],
    ["status", "--bogus"],
    ["status", "--priority", "x"],
    ["status", "--year", "3000"],
    ["status", "--year"],
    ["status", "extra"],
    ["status", "--format", "xml"],
    ["add-measurement"],
    ["add-measurement", "x", "2015", "5", "--received", "abc"],
    ["schema", "bogus"],
]


@pytest.mark.parametrize("args", HELP + USAGE_ERRORS)
def test_help_and_usage_errors_read_as_typer_builds_them(args, capsys, monkeypatch):
    """The group that builds a command when asked for it says what the group Typer builds
    all at once says: every usage error exactly, in English; the help with each command as
    ivb builds it (in its language, with --lang)."""
    import typer.main

    from ivb.cli.app import app, command_line, in_language
    from ivb.cli.main import main

    monkeypatch.setenv("COLUMNS", "100")
    main(["--help"])  # registers every command, in its order
    capsys.readouterr()
    whole = typer.main.get_command(app)
    if args in HELP:
        in_language(whole)
        for command in whole.commands.values():
            in_language(command)
    said = []
    for group in (whole, command_line()):
        with pytest.raises(SystemExit) as done:
            group(args=args, prog_name="ivb")
        said.append((done.value.code, *capsys.readouterr()))
    assert said[0] == said[1]
    assert said[1][0] in (0, 2) and said[1][1] + said[1][2]
    if args != ["status", "--year"]:  # click names no command for a value left out
        assert "Usage: ivb" in said[1][1] + said[1][2]


def test_the_core_imports_neither_typer_rich_matplotlib_nor_jinja2():
    """What the import contracts say, at run time: every module outside the command
    line, the renderers and the report's output loads none of them."""
    core = [m for m in _modules() if not m.startswith(OUTER)]
    assert {"ivb.records.importer", "ivb.report.build", "ivb.report.text"} <= set(core)
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = ('typer', 'rich', 'click', 'matplotlib', 'jinja2')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_ivb_writes_its_cache_in_the_suites_folder(capsys, monkeypatch):
    """What status writes on its own (its cache) lands in the session's folder, as does
    anything under the home folder."""
    from helpers import run

    monkeypatch.delenv("IVB_NO_CACHE", raising=False)
    monkeypatch.delenv("IVB_CACHE_DIR")  # the default place: $XDG_CACHE_HOME/ivb
    session = Path(os.environ["HOME"]).parent
    assert session.name.startswith("ivb-tests-") and Path.home() == session / "home"
    before = set(session.rglob("status-*.json"))
    assert run(capsys, "status", "--data", str(DATA), "-f", "csv")[0] == 0
    written = set(session.rglob("status-*.json")) - before
    assert [p.parent for p in written] == [Path(os.environ["XDG_CACHE_HOME"]) / "ivb"]


WRITERS = {
    "nothing": "(root / 'notes.txt').read_text()",  # the check itself writes nothing either
    "a new file": "(root / 'tests' / 'stray.txt').write_text('x')",
    "a file in an ignored folder that exists": "(root / 'build' / 'shot.png').write_text('x')",
    "a file changed before the run": "(root / 'notes.txt').write_text('changed again')",
}


@pytest.mark.parametrize("writes", WRITERS.values(), ids=WRITERS.keys())
def test_a_test_that_writes_in_the_work_tree_fails_the_run(tmp_path, writes):
    """The session's check of the work tree: a copy of the suite's conftest in a small
    git repository (with an ignored build/ folder, and a tracked file already changed),
    with one test that writes."""
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    (repo / "build").mkdir()
    (repo / "build" / "old.png").write_text("kept", encoding="utf-8")
    (repo / ".gitignore").write_text("build/\n__pycache__/\n", encoding="utf-8")
    (repo / "notes.txt").write_text("committed", encoding="utf-8")
    shutil.copy(ROOT / "tests" / "conftest.py", repo / "tests" / "conftest.py")
    (repo / "tests" / "test_writes.py").write_text(
        "from pathlib import Path\n\n\ndef test_writes():\n"
        "    root = Path(__file__).parent.parent\n"
        f"    {writes}\n",
        encoding="utf-8",
    )
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "suite"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)
    (repo / "notes.txt").write_text("changed", encoding="utf-8")  # before the run
    env = {k: v for k, v in os.environ.items() if k != "IVB_UPDATE_GOLDEN"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    if writes == WRITERS["nothing"]:
        assert done.returncode == 0, done.stdout
        return
    assert done.returncode == 1, done.stdout
    assert "A test wrote in the work tree" in done.stdout, done.stdout
    assert "old.png" not in done.stdout and "conftest" not in done.stdout
