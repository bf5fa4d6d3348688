"""The language ivb speaks: its messages, tables, help, csv, workbooks and report.

``--lang`` first, then ``$IVB_LANG``, then the policy's own language (``language:`` in
``indicators.yaml``), then Dutch: the council's language. ivb chooses at its start, before
any text is made (``start_language``: the command line and the environment, as no data is
read yet); a command that reads the policy turns to the policy's language when neither
chose (``output_language``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from ..i18n import DEFAULT, LANGUAGES, N_, _, use
from ..problems import UsageError
from ..text import excerpt


class Language(StrEnum):
    nl = "nl"
    en = "en"


assert tuple(Language) == LANGUAGES  # the languages of ivb's catalogue (``i18n``)


LANG_HELP = N_(
    "The language ivb speaks: nl (Dutch) or en. Default: $IVB_LANG, else nl; what status, "
    "plans and report write follows the policy's language."
)

# The option of the commands whose output follows the policy's language (status, plans,
# report); every other command, and ivb itself, has the same option (``lang_option``).
LangOption = Annotated[
    Language | None,
    typer.Option("--lang", help=LANG_HELP, show_default=False),
]


def lang_option() -> Any:
    """``--lang`` for a command that does not declare it, made as Typer makes the declared
    one: its value was taken at the start (``start_language``); the option makes it valid
    there and shows it in the help."""
    from typer.main import get_click_param, get_params_from_function

    def declared(lang: LangOption = None) -> None:
        """A command that declares ``--lang``."""

    option, _ = get_click_param(get_params_from_function(declared)["lang"])
    option.expose_value = False
    return option


def output_language(option: Language | None, policy: str | None = None) -> Language:
    """The language of a command's output (the table, its file, the csv, the report), spoken
    from now on: ``option`` (its ``--lang``), else a ``--lang`` given before the command
    (``ivb --lang en status``), else ``$IVB_LANG`` (empty counts as unset), else ``policy``
    (the data's ``language``), else nl. An ``IVB_LANG`` that is not nl or en is a usage
    error that names it: a misspelt setting must not turn a Dutch spreadsheet into an
    English one without a word."""
    chosen = option or _given[0] or _environment() or Language(policy or DEFAULT)
    use(chosen.value)
    return chosen


_given: list[Language | None] = [None]  # the --lang of the command line, read at the start


def start_language(argv: Sequence[str]) -> Language:
    """The language ivb speaks from its start, before it reads any data, spoken from now on:
    ``--lang X`` (or ``--lang=X``, the last one given) anywhere on the command line, else
    ``$IVB_LANG``, else nl. A ``--lang`` that is no language is left to the option to
    refuse; a wrong ``IVB_LANG`` is refused here, for every command. The command line is
    read before it is parsed, so a ``--lang`` typed as the value of another option
    (``--note --lang=en``) chooses too."""
    use(DEFAULT)
    _given[0] = None
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":  # what follows is arguments, not options
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.removeprefix("--lang=")
    if given in LANGUAGES:  # the last, as the option takes the last
        _given[0] = Language(given)
    chosen = _given[0] or _environment() or Language(DEFAULT)
    use(chosen.value)
    return chosen


def _environment() -> Language | None:
    """``$IVB_LANG``'s language; None when it is unset or empty; refused when it is none."""
    chosen = os.environ.get("IVB_LANG", "").strip()
    if not chosen:
        return None
    try:
        return Language(chosen.lower())
    except ValueError:
        raise UsageError(
            _(
                "IVB_LANG is {value}, not a language ivb writes: set it to nl or en (or unset it)"
            ).format(value=excerpt(chosen))
        ) from None
