"""The files a data folder is made of. Kept apart from the loader so that code that only
needs the names (the status cache) does not import YAML or the models."""

from __future__ import annotations

from pathlib import Path

from .problems import IvbError

INDICATORS = "indicators"
PARTNERS = "partners"

# The data files by role, in a fixed order.
DATA_FILE_NAMES: dict[str, str] = {
    INDICATORS: "indicators.yaml",
    PARTNERS: "partners.yaml",
}


PLANS = "plans"  # the folder of the execution plans, one YAML file each


def plan_files(data_dir: Path) -> dict[str, Path]:
    """The plan files by role ("plans/2015-2016.yaml"), in name order: every ``.yaml`` or
    ``.yml`` file directly in ``plans/`` (other files and subfolders are not plans)."""
    folder = data_dir / PLANS
    if not folder.is_dir():
        return {}
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return {f"{PLANS}/{p.name}": p for p in files}


def data_files(data_dir: Path) -> dict[str, Path]:
    """Every file of a data folder by role: indicators, partners, then the plans."""
    fixed = {role: data_dir / name for role, name in DATA_FILE_NAMES.items()}
    return {**fixed, **plan_files(data_dir)}


def data_file_paths(data_dir: Path) -> list[Path]:
    return list(data_files(data_dir).values())


def check_data_dir(data_dir: Path) -> None:
    """Raise a user-facing error unless ``data_dir`` is a folder."""
    if not data_dir.exists():
        raise IvbError(f"{data_dir}: no such data folder (use --data DIR)")
    if not data_dir.is_dir():
        raise IvbError(
            f"{data_dir}: not a folder; --data names the folder that holds "
            "indicators.yaml and partners.yaml"
        )
