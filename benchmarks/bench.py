"""Benchmark of ivb's start-up path and of validation at scale.

Runs each command repeatedly, interleaved with the floor so that both see the same machine
load, and prints the median wall time and its ratio to the floor:

- floor: ``python -c "import typer, pydantic, yaml, rich.console, rich.table"``, the least a
  program built on these libraries can cost;
- ``ivb status`` on the shipped data, with its cache warm (the usual case: the data did not
  change since the last run) and cold (``IVB_NO_CACHE=1``: parse and validate every time);
- ``ivb validate`` on the shipped data;
- ``ivb add-measurement`` on a copy of the shipped data (restored before each run), and
  with ``--dry-run``;
- ``ivb report`` of the shipped data as HTML to a file in a temporary folder (every chart
  drawn, matplotlib's import included);
- ``ivb validate`` on synthetic data sets 10, 50 and 100 times the policy's size, to show
  the cost grows linearly;
- ``ivb import`` of a 10 MB national export (every municipality, sixty categories, twelve
  years) for Leiderdorp, recording 110 figures into a copy of the shipped data (restored
  before each run), and its ``--dry-run``.

Budgets (from the issues): status at most 1.2x the floor; add-measurement at most 2x the
floor; report at most 3 s; validate of the 100x data set at most 3 s; the import of the
10 MB export at most 2 s; all on a 2-core machine.

Usage: python benchmarks/bench.py [--runs N] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLOOR = [sys.executable, "-c", "import typer, pydantic, yaml, rich.console, rich.table"]
REPORT_BUDGET = 3.0  # seconds for ivb report of the shipped data, on 2 cores


def ivb(*args: str) -> list[str]:
    exe = BIN / "ivb"
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "ivb", *args]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """The wall time of one run; every case must succeed (exit 0), or it measures the
    wrong thing: a refusal, or data with errors."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


Case = tuple[list[str], dict[str, str]] | tuple[list[str], dict[str, str], Callable[[], None]]


def interleaved(cases: dict[str, Case], runs: int) -> dict[str, list[float]]:
    """Run every case once per round, ``runs`` rounds, after one warm-up round; a case's
    setup (its third element) runs untimed before each of its runs."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for round_ in range(runs + 1):
        for name, (cmd, env, *setup) in cases.items():
            for prepare in setup:
                prepare()
            t = timed(cmd, env)
            if round_:
                times[name].append(t)
    return times


class _Dumper(yaml.SafeDumper):
    """Writes a value shared by several copies out each time: ivb refuses YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(value: object) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def synthetic(data: Path, factor: int, out: Path) -> Path:
    """A data folder ``factor`` times the size of ``data``: every indicator, priority,
    partner and plan action repeated with new ids, so every rule still has work to do."""
    indicators = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))
    partners = yaml.safe_load((data / "partners.yaml").read_text(encoding="utf-8"))
    copy_inds, copy_prios, copy_partners, copy_pp = [], [], [], []
    number = 0
    for k in range(factor):
        suffix = f"-x{k}"
        for ind in indicators["indicators"]:
            copy_inds.append(
                {
                    **ind,
                    "id": ind["id"] + suffix,
                    **({"code": f"{ind['code']}.{k}"} if "code" in ind else {}),
                }
            )
        for prio in indicators["priorities"]:
            number += 1
            copy_prios.append(
                {
                    **prio,
                    "id": prio["id"] + suffix,
                    "number": number,
                    "indicators": [i + suffix for i in prio["indicators"]],
                }
            )
        for partner in partners["partners"]:
            copy_partners.append({**partner, "id": partner["id"] + suffix})
        for pp in partners["priorities"]:
            copy_pp.append(
                {
                    "priority": pp["priority"] + suffix,
                    "partners": [
                        {**ref, "partner": ref["partner"] + suffix} for ref in pp["partners"]
                    ],
                }
            )
    out.mkdir(parents=True, exist_ok=True)
    dump = {
        "policy": indicators["policy"],
        "priorities": copy_prios,
        "indicators": copy_inds,
        "cadences": indicators.get("cadences", []),
    }
    (out / "indicators.yaml").write_text(_dump(dump), encoding="utf-8")
    (out / "partners.yaml").write_text(
        _dump({"partners": copy_partners, "priorities": copy_pp}), encoding="utf-8"
    )
    plans = out / "plans"
    plans.mkdir(exist_ok=True)
    for plan_file in sorted((data / "plans").glob("*.yaml")):
        plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
        actions = []
        for k in range(factor):
            suffix = f"-x{k}"
            for a in plan.get("actions") or []:
                actions.append(
                    {
                        **a,
                        "id": a["id"] + suffix,
                        "priority": a["priority"] + suffix,
                        **({"lead": a["lead"] + suffix} if a.get("lead") else {}),
                        "partners": [p + suffix for p in a.get("partners") or []],
                        "indicators": [i + suffix for i in a.get("indicators") or []],
                        **({"continues": a["continues"] + suffix} if a.get("continues") else {}),
                    }
                )
        (plans / plan_file.name).write_text(_dump({**plan, "actions": actions}), encoding="utf-8")
    return out


# The open-data categories of the police's registered crimes that the shipped data maps,
# with their titles; a national export has some sixty categories in all.
MAPPED_CATEGORIES = {
    "1.1.1": "Diefstal/inbraak woning",
    "1.1.2": "Diefstal/inbraak box/garage/schuur",
    "1.2.1": "Diefstal uit/vanaf motorvoertuigen",
    "1.2.2": "Diefstal van motorvoertuigen",
    "1.2.3": "Diefstal van brom-, snor-, fietsen",
    "1.4.1": "Zedendelicten",
    "1.4.4": "Bedreiging",
    "1.4.5": "Mishandeling",
    "1.4.6": "Straatroof",
    "1.4.7": "Overval",
}


def national_export(data: Path, out: Path, size: int = 10_000_000) -> Path:
    """A StatLine CSV export (tabular, UTF-8 with a BOM, ``;``, quoted cells, decimal
    commas) of every municipality, sixty categories and twelve years (2013-2024, the last
    provisional), about ``size`` bytes. Leiderdorp's 2013 figures are the shipped data's, so
    an import records 2014-2024 for the mapped indicators and finds 2013 unchanged."""
    indicators = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))
    shipped = {}
    for ind in indicators["indicators"]:
        for series in ind.get("open_data") or []:
            shipped[series["category"]] = (ind.get("measurements") or {}).get(2013)
    categories = dict(MAPPED_CATEGORIES)
    categories.update({f"9.{n // 10}.{n % 10}": f"Categorie {n}" for n in range(50)})
    years = [str(y) for y in range(2013, 2024)] + ["2024*"]
    header = (
        '"Soort misdrijf";"Perioden";"Regio\'s";"Geregistreerde misdrijven (aantal)";'
        '"Geregistreerde misdrijven per 1000 inwoners (per 1 000 inwoners)"\r\n'
    )
    per_region = len(categories) * len(years) * 57  # bytes of one region's rows, about
    regions = ["Leiderdorp"] + [f"Gemeente {n:03d}" for n in range(size // per_region)]
    lines = ["\ufeff" + header]
    for cat, title in categories.items():
        for year in years:
            for r, region in enumerate(regions):
                value = (r * 7 + len(title) + int(year[:4])) % 400
                if region == "Leiderdorp" and year == "2013" and cat in shipped:
                    value = shipped[cat]
                cell = "." if value is None else str(value)
                rate = f"{(value or 0) // 9},{r % 10}"  # per 1000 inhabitants, decimal comma
                lines.append(f'"{cat} {title}";"{year}";"{region}";"{cell}";"{rate}"\r\n')
    out.write_text("".join(lines), encoding="utf-8")
    return out


def compile_ivb() -> None:
    """Byte-compile ivb's sources, as ``pip install`` does for an installed package.

    The floor's libraries come byte-compiled from their wheels; ivb in a development
    checkout is an editable install whose modules Python compiles on first import and
    caches, unless PYTHONDONTWRITEBYTECODE is set: then it compiles all of them on every
    run, which would measure the compiler rather than ivb.
    """
    import compileall

    compileall.compile_dir(ROOT / "ivb", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds of the start-up cases")
    parser.add_argument("--scale-runs", type=int, default=5, help="rounds of the scale cases")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    compile_ivb()

    with tempfile.TemporaryDirectory(prefix="ivb-bench-") as tmp:
        base_env = {**os.environ, "IVB_CACHE_DIR": str(Path(tmp) / "cache")}
        base_env.pop("IVB_NO_CACHE", None)
        cold_env = {**base_env, "IVB_NO_CACHE": "1"}
        data = str(args.data)
        scratch = Path(tmp) / "scratch"
        shutil.copytree(args.data, scratch)
        pristine = (args.data / "indicators.yaml").read_bytes()

        def restore() -> None:
            (scratch / "indicators.yaml").write_bytes(pristine)

        add = [
            "add-measurement",
            "diefstal-inbraak-woning",
            "2015",
            "98",
            "--source",
            "Politie BVH jaarrapport 2015",
        ]
        cases: dict[str, Case] = {
            "floor (import typer, pydantic, yaml, rich)": (FLOOR, base_env),
            "ivb status (cache warm)": (ivb("status", "--data", data), base_env),
            "ivb status (cache cold)": (ivb("status", "--data", data), cold_env),
            "ivb validate": (ivb("validate", "--data", data), cold_env),
            "ivb add-measurement": (ivb(*add, "--data", str(scratch)), base_env, restore),
            "ivb add-measurement --dry-run": (ivb(*add, "--dry-run", "--data", data), base_env),
            "ivb report (html to a file)": (
                ivb("report", "--data", data, "-o", str(Path(tmp) / "report.html")),
                base_env,
            ),
        }
        times = interleaved(cases, args.runs)
        floor = statistics.median(next(iter(times.values())))
        print(
            f"Start-up path, median of {args.runs} interleaved runs "
            f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores):"
        )
        for name, ts in times.items():
            median = statistics.median(ts)
            print(f"  {name:<44} {median * 1000:7.1f} ms  {median / floor:5.2f}x floor")
        report = statistics.median(times["ivb report (html to a file)"])
        verdict = "within" if report <= REPORT_BUDGET else "OVER"
        print(f"  ivb report: {report:.2f} s, {verdict} its budget of {REPORT_BUDGET:.0f} s")

        print(
            f"\nivb validate on synthetic data, median of {args.scale_runs} runs "
            "(budget: 3 s for 100x):"
        )
        base_size = sum(f.stat().st_size for f in args.data.rglob("*.yaml"))
        # 10x, 50x and 100x the policy's objects; the last factor makes the files 100x the
        # shipped files' bytes too (the shipped files carry comments the copies lack).
        probe = synthetic(args.data, 10, Path(tmp) / "probe")
        per_unit = sum(f.stat().st_size for f in probe.rglob("*.yaml")) / 10
        by_bytes = -(-100 * base_size // int(per_unit))
        results = []
        for factor in (10, 50, 100, by_bytes):
            folder = synthetic(args.data, factor, Path(tmp) / f"x{factor}")
            size = sum(f.stat().st_size for f in folder.rglob("*.yaml"))
            ts = interleaved(
                {"v": (ivb("validate", "--data", str(folder)), cold_env)}, args.scale_runs
            )["v"]
            median = statistics.median(ts)
            note = ""
            if results:
                f0, t0 = results[-1]
                note = f"  +{(median - t0) / (factor - f0) * 1000:5.1f} ms per added unit"
            results.append((factor, median))
            print(
                f"  {factor:>4}x objects, {size / base_size:5.1f}x bytes ({size / 1e6:4.2f} MB)"
                f"  {median:6.2f} s{note}"
            )

        export = national_export(args.data, Path(tmp) / "47013NED_national.csv")
        imports = ["import", str(export), "--downloaded", "2025-03-01"]
        ts = interleaved(
            {
                "floor": (FLOOR, base_env),
                "ivb import": (ivb(*imports, "--data", str(scratch)), base_env, restore),
                "ivb import --dry-run": (ivb(*imports, "--dry-run", "--data", data), base_env),
            },
            args.scale_runs,
        )
        floor = statistics.median(ts["floor"])
        print(
            f"\nivb import of a national export ({export.stat().st_size / 1e6:4.1f} MB), "
            f"median of {args.scale_runs} runs (budget: 2 s):"
        )
        for name in ("ivb import", "ivb import --dry-run"):
            median = statistics.median(ts[name])
            print(f"  {name:<44} {median:6.2f} s  {median / floor:5.1f}x floor")
        shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)


if __name__ == "__main__":
    main()
