"""Helpers the test modules share: running ivb in this process, editing a data file,
reading a case's expected problems, and golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ivb.cli.main import main

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = ROOT / "data"
GOLDEN = TESTS / "golden"
UPDATE = os.environ.get("IVB_UPDATE_GOLDEN") == "1"  # regenerate goldens, then review the diff


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``ivb`` in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a data file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def expected_lines(case: Path) -> list[str]:
    """The problem lines a case folder's expected.txt states."""
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def check_golden(name: str, text: str) -> None:
    """``text`` equals the golden file ``name`` (written anew with IVB_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run IVB_UPDATE_GOLDEN=1 pytest, review the diff"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs; if the change is intended, run IVB_UPDATE_GOLDEN=1 pytest and "
        "review the diff"
    )


def case_params(cases: list[Path], known_bugs: dict[str, str]) -> list:
    """Case folders as test parameters named by folder; a strict xfail for a case that
    ``known_bugs`` names (with the reason), so a fix is noticed."""
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=known_bugs[case.name])]
            if case.name in known_bugs
            else [],
        )
        for case in cases
    ]
