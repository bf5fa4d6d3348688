"""Problem renderers, one per ``ivb validate --format``: text (``file:line:column``) and a
summary on stderr, GitHub Actions annotations, JSON with a fixed shape."""

from __future__ import annotations

import json
import sys
from typing import Any, Protocol

from ..i18n import _, ngettext
from ..problems import Problem


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return _("{errors}, {warnings} in {files}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        files=ngettext("{count} file", "{count} files", files).format(count=files),
    )


def render_problems_text(problems: list[Problem], files: int, failed: bool) -> None:
    """``file:line:column: level: message (code)`` to stderr, then a summary line."""
    for p in problems:
        sys.stderr.write(f"{p.shown()}\n")
    sys.stderr.write(summary(problems, files) + "\n")


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_problems_github(problems: list[Problem], files: int, failed: bool) -> None:
    """GitHub Actions workflow commands, so problems show on the lines of a pull request."""
    for p in problems:
        props = f"file={_gh_escape(p.file, prop=True)}"
        if p.line:
            props += f",line={p.line},col={p.column}"
        props += f",title={_gh_escape('ivb ' + p.code, prop=True)}"
        sys.stdout.write(f"::{p.level} {props}::{_gh_escape(p.message)}\n")
    sys.stderr.write(summary(problems, files) + "\n")


def problems_json(problems: list[Problem], files: int, failed: bool) -> dict[str, Any]:
    """``valid`` is false when the run fails: on errors, or on warnings with --strict."""
    errors = sum(p.is_error for p in problems)
    return {
        "valid": not failed,
        "errors": errors,
        "warnings": len(problems) - errors,
        "files": files,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "level": p.level,
                "code": p.code,
                "message": p.message,
                "path": p.path,
            }
            for p in problems
        ],
    }


def render_problems_json(problems: list[Problem], files: int, failed: bool) -> None:
    json.dump(problems_json(problems, files, failed), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class ProblemRenderer(Protocol):
    """Renders the problems, given the number of files checked and whether the run
    failed (on errors, or on warnings with --strict)."""

    def __call__(self, problems: list[Problem], files: int, failed: bool) -> None: ...


PROBLEM_RENDERERS: dict[str, ProblemRenderer] = {
    "text": render_problems_text,
    "github": render_problems_github,
    "json": render_problems_json,
}
