"""The one way ivb changes a data file: under the lock, edit the text, read it back, validate
the whole data set with the change, and only then write it atomically.

``change_file`` does the steps that every writing command shares; the command says what to
change (``make``: the old document and its text in, the new text and the data it must read
back as out).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import N_, _
from ..layout import MAX_DATA_FILE
from ..models import Dataset
from ..problems import DataProblems, IvbError, Problem
from ..reading import read_regular
from . import edit, writing
from .load import load_dataset
from .store import Document, read_document

# Translated where it is shown (``DataProblems``).
BROKEN = N_("the data has errors; fix them first (`ivb validate` lists them); nothing was written.")

# (old document, its text) -> (new text, the data the new text must read back as)
Make = Callable[[Document, edit.Source], tuple[str, Any]]


@dataclass(frozen=True)
class Changed:
    """A change made (or, in a dry run, checked): the data set with it, and the diff."""

    dataset: Dataset  # the whole data set with the change, validated
    diff: str  # a unified diff of the file, in a dry run


def change_file(
    data_dir: Path,
    role: str,
    path: Path,
    make: Make,
    *,
    dry_run: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> Changed:
    """Change the data file ``path`` (of ``role``) of ``data_dir`` as ``make`` says.

    Raises ``IvbError`` or ``DataProblems`` with the reason, having written nothing, when
    the file cannot be read, the data already has errors, the edit would touch other data,
    or the data set would not validate with the change.
    """
    real_folder = Path(os.path.realpath(path)).parent  # where a linked file really is
    with writing.locked([data_dir, real_folder], on_wait=on_wait):
        raw = read_regular(path, MAX_DATA_FILE)
        doc, problems = read_document(path, str(path), raw)
        if doc.data is None or any(p.is_error for p in problems):
            raise broken(data_dir, problems)
        source = edit.Source(raw)
        new_text, expected = make(doc, source)
        new_raw = source.encode(new_text)
        loaded = load_dataset(data_dir, {role: new_raw})
        if loaded.documents[role].data != expected:
            raise IvbError(
                _(
                    "{file}: ivb could not place this change without touching other data; "
                    "nothing was written. Make the change by hand, and please report the "
                    "file's shape."
                ).format(file=doc.name)
            )
        dataset = loaded.dataset
        if dataset is None:
            before = load_dataset(data_dir)
            if before.dataset is None:  # the errors were there before the change
                raise before.refusal(BROKEN)
            raise loaded.refusal(
                _(
                    "with this change the data would have the errors above (lines as in the "
                    "changed file); nothing was written."
                )
            )
        if dry_run:
            name = (
                path.relative_to(data_dir).as_posix()
                if path.is_relative_to(data_dir)
                else path.name
            )
            return Changed(dataset, _diff(source.text, new_text, name))
        writing.remove_leftovers(path)
        writing.write_atomic(path, new_raw)
    return Changed(dataset, "")


def broken(data_dir: Path, problems: Sequence[Problem] = ()) -> DataProblems:
    """The error for data that has errors before any change: ``problems`` where the file
    to change could not be read, else every problem of the data folder."""
    before = load_dataset(data_dir)
    return DataProblems(list(problems) or before.problems, BROKEN, len(before.documents))


def _diff(old: str, new: str, name: str) -> str:
    import difflib

    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
    )
