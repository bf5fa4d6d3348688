"""The language ivb writes its output in, chosen once for every command that has one.

``--lang`` first, then ``$IVB_LANG``, then the policy's own language (``language:`` in
``indicators.yaml``), then Dutch: the council's language. Today the report, the Dutch csv
and the workbooks follow it; the terminal's texts are still English.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Annotated

import typer

from ..i18n import DEFAULT, LANGUAGES, _
from ..problems import UsageError
from ..text import excerpt


class Language(StrEnum):
    nl = "nl"
    en = "en"


assert tuple(Language) == LANGUAGES  # the languages of ivb's catalogue (``i18n``)


LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help=_(
            "The language of the output: nl (Dutch) or en. Default: $IVB_LANG, else the "
            "policy's language, else nl."
        ),
        show_default=False,
    ),
]


def output_language(option: Language | None, policy: str | None = None) -> Language:
    """The language of a command's output: ``option`` (``--lang``) when given, else
    ``$IVB_LANG`` (empty counts as unset), else ``policy`` (the data's ``language``), else
    nl. An ``IVB_LANG`` that is not nl or en is a usage error that names it: a misspelt
    setting must not turn a Dutch spreadsheet into an English one without a word."""
    if option is not None:
        return option
    chosen = os.environ.get("IVB_LANG", "").strip()
    if chosen:
        try:
            return Language(chosen.lower())
        except ValueError:
            raise UsageError(
                _(
                    "IVB_LANG is {value}, not a language ivb writes: set it to {languages} "
                    "(or unset it)"
                ).format(
                    value=excerpt(chosen),
                    languages=_("{one} or {other}").format(one=LANGUAGES[0], other=LANGUAGES[1]),
                )
            ) from None
    return Language(policy or DEFAULT)
