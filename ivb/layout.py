"""The files a data folder is made of. Kept apart from the loader so that code that only
needs the names (the status cache) does not import YAML or the models."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .i18n import _
from .problems import IvbError, os_reason
from .reading import MB, Unreadable

INDICATORS = "indicators"
PARTNERS = "partners"

# The data files by role, in a fixed order.
DATA_FILE_NAMES: dict[str, str] = {
    INDICATORS: "indicators.yaml",
    PARTNERS: "partners.yaml",
}


# The largest data file ivb reads (a hundred times the policy's indicators are 3 MB):
# anything larger is not a data file typed by hand.
MAX_DATA_FILE = 64 * MB

PLANS = "plans"  # the folder of the execution plans, one YAML file each


def plan_files(data_dir: Path) -> dict[str, Path]:
    """The plan files by role ("plans/2015-2016.yaml"), in name order: every ``.yaml`` or
    ``.yml`` entry directly in ``plans/`` that is not a folder (a link to nothing or a
    named pipe is listed, for reading it to say what it is). Raises ``IvbError`` when
    ``plans`` is there but is not a folder that can be read (``Unreadable``)."""
    folder = data_dir / PLANS
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        if os.path.islink(folder):
            raise IvbError(
                _(
                    "{folder}: a link to {target}, which does not exist; "
                    "plans/ is the folder of the execution plans"
                ).format(folder=folder, target=os.readlink(folder))
            ) from None
        return {}
    except NotADirectoryError:
        raise Unreadable(
            folder,
            _("this is a file, not a folder; plans/ holds the execution plans, one YAML file each"),
        ) from None
    except OSError as exc:
        raise Unreadable(
            folder, _("cannot read the plans folder: {reason}").format(reason=os_reason(exc))
        ) from None
    files = sorted(
        Path(e.path) for e in entries if e.name.endswith((".yaml", ".yml")) and not _is_folder(e)
    )
    return {f"{PLANS}/{p.name}": p for p in files}


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def fixed_files(data_dir: Path) -> dict[str, Path]:
    """The data files every data folder has, by role: indicators, partners."""
    return {role: data_dir / name for role, name in DATA_FILE_NAMES.items()}


def data_files(data_dir: Path) -> dict[str, Path]:
    """Every file of a data folder by role: indicators, partners, then the plans."""
    return {**fixed_files(data_dir), **plan_files(data_dir)}


def data_file_paths(data_dir: Path) -> list[Path]:
    return list(data_files(data_dir).values())


def check_data_dir(data_dir: Path) -> None:
    """Raise a user-facing error unless ``data_dir`` is a folder."""
    try:
        st = os.stat(data_dir)
    except FileNotFoundError:
        raise IvbError(
            _("{folder}: no such data folder (use --data DIR)").format(folder=data_dir)
        ) from None
    except OSError as exc:  # a name too long, a loop of links, no permission on the way
        raise IvbError(
            _("{folder}: cannot open the data folder: {reason}").format(
                folder=data_dir, reason=os_reason(exc)
            )
        ) from None
    if not stat.S_ISDIR(st.st_mode):
        raise IvbError(
            _(
                "{folder}: not a folder; --data names the folder that holds "
                "indicators.yaml and partners.yaml"
            ).format(folder=data_dir)
        )
