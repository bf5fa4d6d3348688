"""Text that ivb takes in and gives out: no control characters in, no formulas out.

Text in the data reaches a terminal, a markdown table, an HTML page and a spreadsheet. A
control character in a name (``\\x1b[31m`` colours a terminal; a bidirectional override
shows text in another order than it is stored; a line separator breaks a row) is never
meant, so it is refused wherever text comes in: by the reader of the data files, for every
value and key, and by every command that writes text typed on its command line. A cell
of a CSV file that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet
(``=HYPERLINK(...)``); ``spreadsheet_text`` makes such text plain text.
"""

from __future__ import annotations

import re

from .i18n import _
from .problems import IvbError

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional marks, embeddings,
# overrides and isolates, the line and paragraph separators, a byte order mark inside text,
# and lone surrogates (bytes that were not UTF-8).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ufeff\ud800-\udfff]"
)
_CONTROL_OR_NEWLINE = re.compile(_CONTROL.pattern[:-1] + "\n]")


def control_character(text: str, *, newline: bool = True) -> str | None:
    """The first character of ``text`` that no text in ivb's data may hold, in words
    ("the control character U+001B"), or ``None``; with ``newline=False`` a line break
    counts too (one-line text: a source, a command-line option)."""
    found = (_CONTROL if newline else _CONTROL_OR_NEWLINE).search(text)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return _("bytes that are not UTF-8")
    if char == "\n":
        return _("a line break")
    return _("the control character {code}").format(code=f"U+{ord(char):04X}")


def typed_text(option: str, value: str | None) -> str | None:
    """A text option as typed on the command line (``--note``, ``--source``), refused with
    ``IvbError`` when empty or holding a control character or a line break."""
    if value is None:
        return None
    if not value.strip():
        raise IvbError(_("{option} is empty; leave it out, or give the text").format(option=option))
    bad = control_character(value, newline=False)
    if bad is not None:
        raise IvbError(
            _("{option} holds {character}; type it again on one line").format(
                option=option, character=bad
            )
        )
    return value


def shown(text: str) -> str:
    """Text read from a file (a category of an export, a file's name) as a message shows
    it: as it is, or as its ``repr`` when it holds a control character."""
    return repr(text) if control_character(text, newline=False) else text


def excerpt(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: its ``repr``, cut to ``limit`` characters. A file
    read in the place of a data file (a link to another file) is never quoted whole."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


_FORMULA_START = ("=", "+", "-", "@")  # after any leading white space, line breaks and NBSP too


def spreadsheet_text(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as the text it is: a leading ``'``
    where it would otherwise start a formula (the OWASP advice for CSV injection)."""
    if text.lstrip().startswith(_FORMULA_START):
        return "'" + text
    return text
