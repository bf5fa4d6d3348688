"""The language ivb speaks: Dutch (a Dutch policy's, the default) or English.

Every text ivb writes is written in English in the code and translated through GNU
gettext: the Dutch catalogue is ``ivb/locale/nl/LC_MESSAGES/ivb.po``, a file a translator
edits without touching code (``make messages`` gathers new texts into it and compiles it
to the ``ivb.mo`` that is read at run time). English needs no catalogue: a text is its own
English.

``use(lang)`` chooses the language for the whole process, before any text is made. It
sets gettext's domain to ivb's, so the texts of the libraries under the command line
(click's "Usage:", typer's "Options") are looked up in the same catalogue. ``_`` marks and
translates a text; ``N_`` marks a text that is translated later (a constant made at import,
translated where it is shown); ``ngettext`` chooses the singular or plural form.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
DOMAIN = "ivb"
LOCALE = Path(__file__).resolve().parent / "locale"

# Until the command line chooses (``use``), texts are English: the language of the code.
_current = "en"
_catalogues: dict[str, gettext.NullTranslations] = {}


def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations into ``lang`` (English: none, every text its own)."""
    found = _catalogues.get(lang)
    if found is None:
        if lang == "en":
            found = gettext.NullTranslations()
        else:
            found = gettext.translation(DOMAIN, LOCALE, languages=[lang])
        _catalogues[lang] = found
    return found


def use(lang: str) -> None:
    """Speak ``lang`` ("nl" or "en") from now on, ivb and the libraries under it."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang
    # Typer translates its help panels' texts ("Options") with the module-level gettext
    # functions when it first shows help: point those at ivb's catalogue and language too.
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang


def language() -> str:
    """The language in use."""
    return _current


def _(message: str) -> str:
    """``message`` (English) in the language in use."""
    return catalogue(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural of a text, by ``n``, in the language in use."""
    return catalogue(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now."""
    return message


def translate(message: str, lang: str) -> str:
    """``message`` in ``lang``, whatever the language in use (the report's ``--lang``)."""
    return catalogue(lang).gettext(message)
