"""What every command of the command line shares: the Typer app, the data folder option,
the output formats, and how errors and output are written."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..i18n import N_, _


class Exit(IntEnum):
    """Exit codes are a contract with scripts and CI."""

    OK = 0  # clean (warnings allowed unless --strict)
    DATA = 1  # data problems, or a request refused with a message
    USAGE = 2  # wrong command-line usage
    BUG = 3  # an unexpected error in ivb itself (traceback shown)
    INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
    PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader of the output left early


app = typer.Typer(
    name="ivb",
    help=N_(
        "Track a municipality's integral safety policy (Integraal Veiligheidsbeleid): "
        "indicators, targets and where each stands, kept as YAML in a git repository."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command_line() -> Any:
    """The app as click runs it: the group ``typer.main.get_command(app)`` makes, with each
    command built only when it is asked for. Building all twelve (their options, types and
    help) took 8.5 ms at every start; a command builds its own, ``ivb --help`` all of them,
    and both read the same as before."""
    from typer.main import get_group

    registered, app.registered_commands = app.registered_commands, []
    try:
        group = get_group(app)  # the group alone, with its options and settings
    finally:
        app.registered_commands = registered
    group.commands = _Commands(registered)
    return in_language(group)


def in_language(command: Any) -> Any:
    """``command`` with its help and its options' and arguments' help in the language ivb
    speaks, its usage line too, and with ``--lang``. Help is written in English where a
    command is declared (marked with ``N_`` for the catalogue) and translated here, as the
    command is built for this run: the language is chosen at the start of a run, and a
    process may run ivb more than once (the tests do)."""
    from ..i18n import _
    from .language import lang_option
    from .library_texts import usage_line

    if not any(param.name == "lang" for param in command.params):
        command.params.insert(len(command.params), lang_option())
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
        if param.metavar:  # FILE, YEAR, VALUE...: the usage line, the help and the errors
            param.metavar = _(param.metavar)
        _type_in_language(param)
    made = command.get_help_option  # -h, which click makes when it is first asked for

    def help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None and option.help:
            option.help = _(option.help)
        return option

    command.get_help_option = help_option
    return usage_line(command)


# The names of the types of values, as the help shows them (<str>, <int>, <path>).
TYPE_NAMES = {
    # Translators: the type of a value in the help: text (<str>).
    "str": N_("str"),
    # Translators: the type of a value in the help: a whole number (<int>).
    "int": N_("int"),
    # Translators: the type of a value in the help: a whole number within bounds.
    "int range": N_("int range"),
    # Translators: the type of a value in the help: a file or folder (<path>).
    "path": N_("path"),
}


def _type_in_language(param: Any) -> None:
    """The type of ``param``'s value, as its help shows it, in the language ivb speaks: an
    option's in its metavar (``<tekst>``, ``<JJJJ-MM-DD>``), an argument's in the name of
    its type (an argument's metavar is its name)."""
    import copy

    kind = param.type
    if kind.name == "datetime" and getattr(kind, "formats", None):
        shown = " | ".join(kind.formats)
        for code, letters in (("%Y", _("YYYY")), ("%m", _("MM")), ("%d", _("DD"))):
            shown = shown.replace(code, letters)
        name = shown
    elif kind.name in TYPE_NAMES:
        name = _(TYPE_NAMES[kind.name])
    else:
        return
    if param.param_type_name == "option":
        if param.metavar is None and not param.is_flag:
            param.metavar = f"<{name}>"
    else:
        param.type = copy.copy(kind)  # the type is shared by every command: renamed here only
        param.type.name = name


class _Commands(MutableMapping[str, Any]):
    """The app's commands by name, in the order they were registered, each built from its
    registration when first looked up (as ``typer.main`` builds them all)."""

    def __init__(self, registered: list[Any]) -> None:
        from typer.main import get_command_name

        self._registered = {
            info.name or get_command_name(info.callback.__name__): info for info in registered
        }
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            from typer.main import get_command_from_info

            self._built[name] = in_language(
                get_command_from_info(
                    self._registered[name],
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._registered.setdefault(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._registered[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._registered)

    def __len__(self) -> int:
        return len(self._registered)


DataDir = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        envvar="IVB_DATA",
        show_envvar=True,
        help=N_("The data folder (indicators.yaml, partners.yaml, plans/)."),
    ),
]


def default_data_dir() -> Path:
    """The data folder a command without ``--data`` stands beside: ``$IVB_DATA`` or
    ``data`` (for ``schema -o``, which must not write over one of its files either)."""
    return Path(os.environ.get("IVB_DATA") or "data")


# The help of -o, by what a command writes.
OUTPUT_HELP = {
    "status": N_(
        "Write the status to this file instead of stdout (- for stdout). Never a data file, "
        "a folder or a device."
    ),
    "actions": N_(
        "Write the actions to this file instead of stdout (- for stdout). Never a data "
        "file, a folder or a device."
    ),
    "report": N_(
        "Write the report to this file instead of stdout (- for stdout). Never a data file, "
        "a folder or a device."
    ),
    "schema": N_(
        "Write the schema to this file instead of stdout (- for stdout). Never a data file, "
        "a folder or a device."
    ),
}


def output_option(what: str) -> Any:
    """The ``-o`` option of a command that writes ``what`` (a key of ``OUTPUT_HELP``)."""
    return typer.Option("--output", "-o", metavar=N_("FILE"), help=OUTPUT_HELP[what])


DryRun = Annotated[
    bool, typer.Option("--dry-run", help=N_("Show the change as a diff; write nothing."))
]


class StatusFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ProblemFormat(StrEnum):
    auto = "auto"
    text = "text"
    github = "github"
    json = "json"


class SchemaFile(StrEnum):
    indicators = "indicators"
    partners = "partners"
    plan = "plan"


def say_waiting() -> None:
    sys.stderr.write(
        "ivb: " + _("waiting for another ivb that is writing to this data folder...") + "\n"
    )


@contextmanager
def write_output(done: str = "") -> Iterator[None]:
    """Write a command's output, flushed before the command ends; ``done`` says what the
    command did before, for the message when the output fails (``main`` reports it: see
    ``streams``), e.g. "; the value is recorded"."""
    from .streams import OutputFailed

    try:
        yield
        sys.stdout.flush()
    except OutputFailed as failed:
        failed.done = done
        raise
