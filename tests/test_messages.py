"""The Dutch catalogue: every text of the code has its translation, with the same
placeholders, and the compiled catalogue is the one that is read."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT
from ivb.i18n import translate


def test_every_text_has_its_dutch_translation_and_the_catalogue_is_compiled():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "messages.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_text_is_its_own_english_and_has_its_dutch():
    assert translate("Summary for the council", "en") == "Summary for the council"
    assert translate("Summary for the council", "nl") == "Samenvatting voor de raad"


def test_the_check_finds_a_missing_translation_and_a_lost_placeholder():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import messages
    finally:
        sys.path.remove(str(ROOT / "tools"))
    from babel.messages.catalog import Catalog

    wanted = Catalog(locale="nl")
    wanted.add("Every indicator has a value for {year}.", locations=[("ivb/x.py", 1)])
    wanted.add("Summary", locations=[("ivb/x.py", 2)])
    have = Catalog(locale="nl")
    have.add("Every indicator has a value for {year}.", "Alle indicatoren hebben een waarde.")
    found = messages.problems(have, wanted)
    assert found == [
        "the placeholders of 'Every indicator has a value for {year}.' differ in "
        "'Alle indicatoren hebben een waarde.' (ivb/x.py:1)",
        "no translation of 'Summary' (ivb/x.py:2)",
    ]


def test_translations_are_taken_from_another_catalogue_plural_ones_too():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import messages
    finally:
        sys.path.remove(str(ROOT / "tools"))
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="nl")
    catalog.add(("{n} error", "{n} errors"), ("", ""))
    catalog.add("Summary", "Samenvatting")
    catalog.add("Year", "")
    extra = Catalog(locale="nl")
    extra.add(("{n} error", "{n} errors"), ("{n} fout", "{n} fouten"))
    extra.add("Summary", "Overzicht")  # a translation the catalogue has is kept
    extra.add("Year", "Jaar")
    extra.add("Status", "")  # no translation: nothing to take
    messages.take_translations(catalog, extra)
    assert catalog.get("{n} error").string == ("{n} fout", "{n} fouten")
    assert catalog.get("Summary").string == "Samenvatting"
    assert catalog.get("Year").string == "Jaar"
    assert catalog.get("Status") is None
