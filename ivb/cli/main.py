"""The entry point: runs the app and maps each outcome to its exit code.

A command lets the core's ``IvbError`` go; ``main`` reports it (a message, no traceback)
and returns its exit code, the one place where outcomes become exit codes (see ``Exit``):
0 clean (and for a request that finds nothing to do), 1 data problems or a refusal, 2 wrong
usage, 3 a bug in ivb (with its traceback).
"""

from __future__ import annotations

import sys

# The commands register when imported, in the order ``--help`` lists them.
from . import status, validate  # noqa: F401  (isort: skip)
from . import records, plans, report  # noqa: F401  (isort: skip)
from . import schema  # noqa: F401  (isort: skip)
from ..problems import DataProblems, IvbError, Unchanged, UsageError
from .app import Exit, app, silence_stdout


def main(argv: list[str] | None = None) -> int:
    """Run ivb; returns the exit code (3 and a traceback for a bug in ivb itself)."""
    try:
        code = _run(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
        return code
    except KeyboardInterrupt:
        sys.stderr.write("ivb: interrupted\n")
        return Exit.INTERRUPTED
    except BrokenPipeError:  # the reader of our output left early, as `| head` does
        silence_stdout()
        return Exit.PIPE_CLOSED
    except Exception:  # a bug: show everything needed to report it
        import traceback

        traceback.print_exc()
        sys.stderr.write("ivb: this is a bug in ivb; please report it with the text above.\n")
        return Exit.BUG


def _run(argv: list[str] | None) -> int:
    try:
        app(args=argv, prog_name="ivb")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else Exit.DATA)
    except IvbError as error:  # every command's user-facing error, caught here only
        return _report(error)
    return Exit.OK


def _report(error: IvbError) -> int:
    """Report a user-facing error on stderr (a data problem with each error's file:line);
    its exit code."""
    if isinstance(error, DataProblems):
        from ..render.problems import render_problems_text

        errors = [p for p in error.problems if p.is_error]
        render_problems_text(errors, error.files, failed=True)
    sys.stderr.write(f"ivb: {error.message}\n")
    return exit_code(error)


def exit_code(error: IvbError) -> Exit:
    """The exit code of a user-facing outcome of the core."""
    if isinstance(error, Unchanged):  # asked for what is already so: nothing to do
        return Exit.OK
    if isinstance(error, UsageError):
        return Exit.USAGE
    return Exit.DATA
