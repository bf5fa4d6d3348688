"""The texts Typer and click write for ivb, in the language ivb speaks.

Typer writes its help panels ("Options", "[default: …]") with texts it translates through
gettext once, when it is imported; click, as Typer carries it, writes its usage line and
its usage errors ("Missing argument 'VALUE'.") in English only. ``speak`` puts both into
ivb's language for a run: the panels' texts by their English (the catalogue holds them,
marked here), the usage line with a translated "Usage:" and "[OPTIONS]", and each usage
error by its form (``usage_error``); a form not known here is shown as click wrote it.
"""

from __future__ import annotations

import re
from types import MethodType
from typing import Any

from ..i18n import N_, _, language

# Typer's help texts (typer.rich_utils), as it writes them: the attribute, its English.
PANEL_TEXTS = {
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
# The help of click's own option, translated with the commands' help (``app.in_language``).
N_("Show this message and exit.")

# A usage error as click writes it (a pattern), and the same in words of ivb's catalogue;
# the reason after "Invalid value for …:" is matched again on its own.
_VALUE = r"(?P<value>'.*'|\S+)"
ERROR_FORMS = [
    (r"Missing argument (?P<name>'.*')\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>'.*')\.", N_("Missing option {name}.")),
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)",
        N_("No such option: {name} (did you mean {options}?)"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (
        r"No such command (?P<name>'.*')\. Did you mean (?P<guess>'.*')\?",
        N_("No such command {name}. Did you mean {guess}?"),
    ),
    (r"No such command (?P<name>'.*')\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Option (?P<name>'.*') requires an argument\.", N_("Option {name} needs a value.")),
    (
        r"Option (?P<name>'.*') does not take a value\.",
        N_("Option {name} does not take a value."),
    ),
    (
        r"Got unexpected extra argument\(s\) \((?P<args>.*)\)",
        N_("Unexpected extra arguments ({args})"),
    ),
    (r"Missing parameter: (?P<name>.*)", N_("Missing parameter: {name}")),
    (r"Invalid value for (?P<name>.*?): (?P<reason>.*)", N_("Invalid value for {name}: {reason}")),
    (r"Invalid value: (?P<reason>.*)", N_("Invalid value: {reason}")),
    (_VALUE + r" is not one of (?P<choices>.*)\.", N_("{value} is not one of {choices}.")),
    (_VALUE + r" is not a valid int(?: range)?\.", N_("{value} is not a whole number.")),
    (_VALUE + r" is not a valid integer(?: range)?\.", N_("{value} is not a whole number.")),
    (
        _VALUE + r" does not match the formats? (?P<formats>.*)\.",
        N_("{value} is not a date written as {formats}."),
    ),
    (
        _VALUE + r" is not in the range (?P<range>.*)\.",
        N_("{value} is not in the range {range}."),
    ),
]
_FORMS = [(re.compile(pattern, re.DOTALL), words) for pattern, words in ERROR_FORMS]


def usage_error(message: str) -> str:
    """A usage error of click's in ivb's language, by its form; as it is in English, and
    when its form is not known."""
    if language() == "en":
        return message
    for pattern, words in _FORMS:
        found = pattern.fullmatch(message)
        if found is not None:
            parts = found.groupdict()
            if "reason" in parts:
                parts["reason"] = usage_error(parts["reason"])
            if "options" in parts:
                parts["options"] = parts["options"].replace(", ", _(" or "))
            if "formats" in parts:  # '%Y-%m-%d' as a person writes it: JJJJ-MM-DD
                for code, letters in (("%Y", _("YYYY")), ("%m", _("MM")), ("%d", _("DD"))):
                    parts["formats"] = parts["formats"].replace(code, letters)
                parts["formats"] = parts["formats"].replace("', '", "'" + _(" or ") + "'")
            return _(words).format(**parts)
    return message


def speak() -> None:
    """Typer's help panels and click's usage errors in the language ivb speaks, for this
    run. Typer translates its panels' texts when it first shows help or an error, in the
    language chosen by then; they are set again here for a process that runs ivb twice."""
    import sys

    from typer import exceptions as typer_exceptions
    from typer._click import exceptions

    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is not None:
        for attribute, english in PANEL_TEXTS.items():
            setattr(rich_utils, attribute, _(english))
    for kind in (typer_exceptions.TyperException, *vars(exceptions).values()):
        method = getattr(kind, "__dict__", {}).get("format_message")
        if isinstance(kind, type) and method is not None and not hasattr(method, "ivb"):
            kind.format_message = _in_language(method)  # type: ignore[attr-defined]


def _in_language(format_message: Any) -> Any:
    def in_language(error: Any) -> str:
        return usage_error(format_message(error))

    in_language.ivb = True  # type: ignore[attr-defined]
    return in_language


def usage_line(command: Any) -> Any:
    """``command`` writing its usage line in ivb's language ("Usage: ivb status
    [OPTIONS]")."""
    command.options_metavar = _("[OPTIONS]")
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = _("COMMAND [ARGS]...")

    def format_usage(self: Any, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    command.format_usage = MethodType(format_usage, command)
    return command
