"""Names as the open-data exports and the data compare them: loosely, so that "GM0547    "
is GM0547, "Súdwest-Fryslân" is "Sudwest-Fryslan", and the topic "Geregistreerde
misdrijven (aantal)" of a StatLine export is "GeregistreerdeMisdrijven_1" of the untyped
one. Kept apart from ``read.py`` so that the checks of the data can use it without
loading the export reader."""

from __future__ import annotations

import re
import unicodedata

UNIT = re.compile(r"\s*\([^()]*\)\s*\Z")  # "Geregistreerde misdrijven (aantal)"
KEY_SUFFIX = re.compile(r"_\d+\Z")  # "GeregistreerdeMisdrijven_1"
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def norm(text: str) -> str:
    """A name compared loosely: lower case, accents folded, letters and digits only
    ("Súdwest-Fryslân" -> "sudwestfryslan")."""
    if not text.isascii():
        folded = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", text.casefold())


def topic_key(header: str) -> str:
    """A topic compared across the shapes: "Geregistreerde misdrijven (aantal)" and
    "GeregistreerdeMisdrijven_1" both read as "geregistreerdemisdrijven"."""
    return norm(KEY_SUFFIX.sub("", UNIT.sub("", header)))
