"""Test settings for the whole suite, and its isolation.

No test writes outside its temporary folders. The places where ivb and its libraries write
on their own (the status cache, ``~/.cache/ivb``; matplotlib's settings and font cache,
``~/.config/matplotlib`` and ``~/.cache/matplotlib``) point into one temporary folder of the
session, set here before ivb is imported and inherited by the processes tests start. At the
end of the session the work tree must be as it was: a test that wrote into the repository
(a data file, a golden file, an output in ``build/``) fails the run, naming the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SESSION = Path(tempfile.mkdtemp(prefix="ivb-tests-"))
PLACES = {
    "IVB_CACHE_DIR": "ivb-cache",
    "XDG_CACHE_HOME": "cache",
    "XDG_CONFIG_HOME": "config",
    "MPLCONFIGDIR": "matplotlib",
}
for variable, folder in PLACES.items():
    os.environ[variable] = str(SESSION / folder)

# In CI the property tests draw the same examples on every run (derandomize), so a result
# depends on the code, not on luck; locally they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# What tools keep in the work tree by design (caches, bytecode, the environment): not a
# test's writing.
TOOL_CACHES = (
    ".venv/",
    "__pycache__/",
    ".pytest_cache/",
    ".hypothesis/",
    ".mypy_cache/",
    ".ruff_cache/",
    ".import_linter_cache/",
    ".egg-info/",
)


def work_tree_state() -> set[str] | None:
    """Every changed, new or ignored path of the work tree as ``git status`` lists it
    (folders once), less the tools' caches; ``None`` outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--ignored=matching", "--untracked-files=normal"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return {line for line in done.stdout.splitlines() if not any(c in line for c in TOOL_CACHES)}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = work_tree_state()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    after = work_tree_state()
    updating = os.environ.get("IVB_UPDATE_GOLDEN") == "1"  # goldens rewritten on purpose
    if before is not None and after is not None and after != before and not updating:
        written = "\n".join(f"  {line}" for line in sorted(after ^ before))
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"\nA test wrote in the work tree, outside its temporary folders:\n{written}",
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(SESSION, ignore_errors=True)


_BEFORE = pytest.StashKey[set[str] | None]()
