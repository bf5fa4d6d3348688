"""The entry point: runs the app and maps each outcome to its exit code.

A command lets the core's ``IvbError`` go; ``main`` reports it (a message, no traceback)
and returns its exit code, the one place where outcomes become exit codes (see ``Exit``):
0 clean (and for a request that finds nothing to do), 1 data problems, a refusal or output
that could not be written in full, 2 wrong usage, 3 a bug in ivb (with its traceback),
130 interrupted (Ctrl-C), 141 the reader of the output left early (``| head``).

This module imports nothing at its top but ``sys``: the app and its commands are imported
inside ``main``, so that Ctrl-C while they load ends ivb as quietly as Ctrl-C later does.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing before the guard
if TYPE_CHECKING:
    from typing import Any

    from ..problems import IvbError


def main(argv: list[str] | None = None) -> int:
    """Run ivb; returns the exit code (3 and a traceback for a bug in ivb itself)."""
    try:
        import signal

        from .streams import OutputFailed, standard_streams
    except KeyboardInterrupt:
        return _interrupted()
    watched = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if watched:  # not when Ctrl-C is ignored (a background job) or handled by a caller
        signal.signal(signal.SIGINT, _on_ctrl_c)
    sys.unraisablehook = _unraisable
    _ctrl_c.clear()
    try:
        with standard_streams():
            try:
                code = _run(argv)
                sys.stdout.flush()  # here, not at exit, so that a failed write is caught
                return code
            except OutputFailed as failed:
                return _output_failed(failed)
            except BrokenPipeError:  # a stream not ours (a test's), and its reader left
                return 141
            except Exception:
                if _ctrl_c:  # Ctrl-C inside a library that turned it into its own error
                    return _interrupted()
                import traceback  # a bug: show everything needed to report it

                traceback.print_exc()
                sys.stderr.write(
                    "ivb: "
                    + _("this is a bug in ivb; please report it with the text above.")
                    + "\n"
                )
                return 3
    except KeyboardInterrupt:  # in the command, or while its streams were put back
        return _interrupted()
    finally:
        sys.unraisablehook = sys.__unraisablehook__
        if watched:
            signal.signal(signal.SIGINT, signal.default_int_handler)


def run() -> None:
    """The ``ivb`` command: ``main``, and its exit code. Ctrl-C is handled from the start
    (``main`` says "interrupted" and returns 130) and ignored from the moment ``main``
    returns, so it can no longer cut the exit short. After Ctrl-C everything ivb had open
    is closed and its streams are flushed; it ends at once with 130 rather than through
    Python's shutdown, which can still fail on a library that the signal interrupted while
    it loaded (a C extension half initialised), or end by the signal instead of the exit
    code (when Ctrl-C came while generated code ran)."""
    handled = False
    try:
        import signal

        handled = signal.getsignal(signal.SIGINT) is signal.default_int_handler
        if handled:
            signal.signal(signal.SIGINT, _on_ctrl_c)
        code = main()
        if handled:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # before the handler was in place, or after main's last word
        if handled:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        code = _interrupted()
    if code == 130 or _ctrl_c:
        import os
        from contextlib import suppress

        for stream in (sys.stdout, sys.stderr):
            with suppress(Exception):  # nowhere left to say it
                stream.flush()
        os._exit(code)
    sys.exit(code)


_ctrl_c: list[int] = []  # the Ctrl-C signals of this run


def _on_ctrl_c(signum: int, frame: Any) -> None:
    _ctrl_c.append(signum)
    raise KeyboardInterrupt


def _unraisable(unraisable: Any) -> None:
    """Ctrl-C that lands in a finalizer (a weak reference's callback) cannot stop ivb
    there: Python would print "Exception ignored" with a traceback and go on. It is raised
    again at the next call of a function, in ivb's own code, to end ivb as any Ctrl-C."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.settrace(_interrupt)
        return
    sys.__unraisablehook__(unraisable)


def _interrupt(frame: Any, event: str, arg: Any) -> None:
    sys.settrace(None)
    raise KeyboardInterrupt


def _interrupted() -> int:
    if sys.stderr is not None:  # a closed stderr (2>&-) is None again once ours is put back
        sys.stderr.write("ivb: " + _("interrupted") + "\n")
    return 130  # 128 + SIGINT


def _(message: str) -> str:
    """``message`` in the language in use. That is English until ``ivb.i18n`` is loaded (it
    holds the choice), so a message of Ctrl-C at start never waits for an import."""
    i18n = sys.modules.get("ivb.i18n")
    return message if i18n is None else i18n._(message)


def _output_failed(failed: Exception) -> int:
    from .app import Exit

    if getattr(failed, "reader_left", False):
        return Exit.PIPE_CLOSED  # as any program ends when its reader leaves: quietly
    said = _("cannot write the output: {reason}").format(reason=failed)
    sys.stderr.write(f"ivb: {said}{getattr(failed, 'done', '')}\n")
    return Exit.DATA


def _run(argv: list[str] | None) -> int:
    from ..problems import IvbError
    from .language import start_language
    from .library_texts import speak

    try:  # before any text is made
        start_language(sys.argv[1:] if argv is None else argv)
    except IvbError as error:
        return _report(error)
    finally:
        speak()
    # The commands register when imported, in the order ``--help`` lists them.
    from . import status, validate  # noqa: F401  (isort: skip)
    from . import records, plans, report  # noqa: F401  (isort: skip)
    from . import schema  # noqa: F401  (isort: skip)
    from .app import Exit, command_line

    try:
        command_line()(args=argv, prog_name="ivb")
    except SystemExit as done:  # how Typer ends: usage errors (2), help (0), Ctrl-C (130)
        code = done.code
        if code == Exit.INTERRUPTED:
            raise KeyboardInterrupt from None  # said as any Ctrl-C is, by main
        return code if isinstance(code, int) else (0 if code is None else Exit.DATA)
    except IvbError as error:  # every command's user-facing error, caught here only
        return _report(error)
    return Exit.OK


def _report(error: IvbError) -> int:
    """Report a user-facing error on stderr (a data problem with each error's file:line);
    its exit code."""
    from ..problems import DataProblems

    if isinstance(error, DataProblems):
        from ..render.problems import render_problems_text

        errors = [p for p in error.problems if p.is_error]
        render_problems_text(errors, error.files, failed=True)
    sys.stderr.write(f"ivb: {error.message}\n")
    return exit_code(error)


def exit_code(error: IvbError) -> int:
    """The exit code of a user-facing outcome of the core."""
    from ..problems import Unchanged, UsageError
    from .app import Exit

    if isinstance(error, Unchanged):  # asked for what is already so: nothing to do
        return Exit.OK
    if isinstance(error, UsageError):
        return Exit.USAGE
    return Exit.DATA
