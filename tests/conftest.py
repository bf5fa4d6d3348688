"""Test settings for the whole suite, and its isolation.

No test writes outside its temporary folders. The places where ivb and the tools under it
write on their own point into one temporary folder of the session, set here before ivb is
imported and inherited by the processes tests start: the home folder (``~/.cache/ivb``,
matplotlib's settings and font cache, what a browser or a build keeps there), the XDG
folders, ``IVB_CACHE_DIR``, ``MPLCONFIGDIR`` and hypothesis's example database.

At the end of the session the work tree must be as it was: every changed, new or ignored
file (``git status``, but for the tools' own caches) is compared by size and modification
time, so a test that wrote into the repository (a data file, a golden file, a file in
``build/``) fails the run, naming the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

ROOT = Path(__file__).resolve().parent.parent
SESSION = Path(tempfile.mkdtemp(prefix="ivb-tests-"))
PLACES = {
    "HOME": "home",
    "XDG_CACHE_HOME": "cache",
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "IVB_CACHE_DIR": "ivb-cache",
    "MPLCONFIGDIR": "matplotlib",
}
for variable, folder in PLACES.items():
    (SESSION / folder).mkdir()
    os.environ[variable] = str(SESSION / folder)
set_hypothesis_home_dir(SESSION / "hypothesis")

# The tests read ivb's English, the language of its code. ivb speaks Dutch unless told
# otherwise, so the session tells it as a user would, with IVB_LANG, which the processes
# tests start inherit too; a test of Dutch output chooses Dutch itself (--lang nl, or the
# fixture ``dutch``).
os.environ["IVB_LANG"] = "en"

# In CI the property tests draw the same examples on every run (derandomize), so a result
# depends on the code, not on luck; locally they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# What the tools keep in the work tree by design, by the name of a path's folder: the
# environment, bytecode, and the caches of pytest, mypy, ruff and import-linter.
TOOL_FOLDERS = {
    ".venv",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".import_linter_cache",
}

Snapshot = dict[str, tuple[str, int, int]]  # path -> (git's status, size, mtime in ns)


def work_tree_state() -> Snapshot | None:
    """Every changed, new or ignored file of the work tree, but the tools' own, with its
    size and modification time; ``None`` outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "-z", "--ignored=traditional", "-uall"]
            + ["--", ".", ":(exclude).venv"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    state: Snapshot = {}
    for entry in done.stdout.split("\0"):
        status, path = entry[:2], entry[3:]
        parts = Path(path).parts
        if not path or any(p in TOOL_FOLDERS or p.endswith(".egg-info") for p in parts):
            continue
        try:
            st = (ROOT / path).stat()
            state[path] = (status, st.st_size, st.st_mtime_ns)
        except OSError:
            state[path] = (status, -1, -1)  # deleted
    return state


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = work_tree_state()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    after = work_tree_state()
    updating = os.environ.get("IVB_UPDATE_GOLDEN") == "1"  # goldens rewritten on purpose
    if before is not None and after is not None and not updating:
        written = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        if written:
            reporter = session.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                paths = "\n".join(f"  {p}" for p in written)
                reporter.write_line(
                    f"\nA test wrote in the work tree, outside its temporary folders:\n{paths}",
                    red=True,
                )
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(SESSION, ignore_errors=True)


_BEFORE = pytest.StashKey[Snapshot | None]()


@pytest.fixture(autouse=True)
def english_again():
    """Each test starts in English, whatever the test before it chose."""
    from ivb import i18n

    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture
def dutch(monkeypatch: pytest.MonkeyPatch):
    """ivb speaks Dutch in the test, as a user asks for it (IVB_LANG=nl, for ivb's runs in
    the test and the processes it starts) and for the code the test calls itself; English
    again after it."""
    from ivb import i18n

    monkeypatch.setenv("IVB_LANG", "nl")
    monkeypatch.setenv("LANGUAGE", os.environ.get("LANGUAGE", ""))  # use() sets it
    i18n.use("nl")
    yield
    i18n.use("en")
