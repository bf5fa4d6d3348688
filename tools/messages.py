"""The Dutch catalogue of ivb's texts: gather, check and compile it (``make messages``).

ivb's texts are written in English in the code and marked for translation with ``_``,
``N_`` and ``ngettext`` (``ivb/i18n.py``). This script, run by ``make messages``:

1. gathers every marked text from the code (Babel's extractor, the same as
   ``pybabel extract``), with the texts of click and typer that ivb shows
   (``ivb/cli/library_texts.py``);
2. updates ``ivb/locale/nl/LC_MESSAGES/ivb.po``: a new text is added untranslated, a
   text no longer in the code is dropped, every translation is kept;
3. compiles the ``.po`` into the ``ivb.mo`` that gettext reads at run time.

A translator edits only ``ivb.po`` (any PO editor will do), then runs ``make messages``.
``python tools/messages.py --import FILE.po`` takes the translations of FILE for texts
that have none yet. ``python tools/messages.py --check`` (a test runs it) fails on a text
without its translation, on a translation whose placeholders ({name}) differ from the
text's, and on an ``ivb.mo`` that is not the ``ivb.po`` compiled.

Babel is needed here only (a test dependency); at run time ivb reads the ``.mo`` with the
standard library's gettext.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ivb"
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "ivb.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "translate": (1,)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def template() -> Catalog:
    """Every marked text of the code, with where it stands."""
    catalog = Catalog(project="ivb", domain="ivb")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(
            message,
            None,
            [(f"ivb/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


HEADER = """\
# The Dutch texts of ivb, the tracker of a municipality's integral safety policy.
# Each msgid is a text as the code writes it (in English); its msgstr is the Dutch.
# Edit the msgstr lines only, keep every {placeholder}, then run `make messages`."""


def read() -> Catalog:
    if not PO.exists():
        return Catalog(locale="nl", project="ivb", domain="ivb", header_comment=HEADER)
    with PO.open("rb") as f:
        catalog = read_po(f, locale="nl", domain="ivb")
    catalog.header_comment = HEADER
    return catalog


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def problems(catalog: Catalog, wanted: Catalog) -> list[str]:
    """What is wrong with the catalogue against the texts of the code."""
    found = []
    for message in wanted:
        if not message.id:
            continue
        have = catalog.get(message.id, context=message.context)
        where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
        if (
            have is None
            or not have.string
            or have.fuzzy
            or (isinstance(have.string, tuple) and not all(have.string))
        ):
            found.append(f"no translation of {message.id!r} ({where})")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = have.string if isinstance(have.string, tuple) else (have.string,)
        expected = sorted(PLACEHOLDER.findall(ids[0]))
        for s in strings:
            if sorted(PLACEHOLDER.findall(s)) != expected:
                found.append(f"the placeholders of {message.id!r} differ in {s!r} ({where})")
    return found


def translated(string: str | tuple[str, ...]) -> bool:
    """Whether a text has its translation: a plural text, all of its forms."""
    return all(string) if isinstance(string, tuple) else bool(string)


def take_translations(catalog: Catalog, extra: Catalog) -> None:
    """The translations of ``extra`` for the texts of ``catalog`` that have none (or are
    not in it yet); a translation ``catalog`` has is kept."""
    for message in extra:
        if message.id and translated(message.string):
            have = catalog.get(message.id, context=message.context)
            if have is None:
                catalog.add(message.id, message.string, context=message.context)
            elif not translated(have.string):
                have.string = message.string


def main(argv: list[str]) -> int:
    wanted = template()
    catalog = read()
    if "--check" in argv:
        found = problems(catalog, wanted)
        if not MO.exists() or MO.read_bytes() != compiled(catalog):
            found.append(
                f"{MO.relative_to(ROOT)} is not {PO.relative_to(ROOT)} compiled: run make messages"
            )
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    wanted.creation_date = catalog.creation_date  # a run that changes nothing writes the same
    for i, arg in enumerate(argv):
        if arg == "--import":  # translations from another PO file, for texts without one
            with Path(argv[i + 1]).open("rb") as f:
                take_translations(catalog, read_po(f, locale="nl"))
    catalog.update(wanted, no_fuzzy_matching=True)
    catalog.fuzzy = False
    catalog.revision_date = catalog.creation_date
    catalog.version = ""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = ""
    catalog.language_team = ""
    catalog.obsolete.clear()
    PO.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=88, sort_output=False, omit_header=False, include_previous=False)
    PO.write_bytes(out.getvalue())
    MO.write_bytes(compiled(catalog))
    missing = problems(catalog, wanted)
    print(f"{len(wanted)} texts; {len(missing)} without a translation in {PO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
