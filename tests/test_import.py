"""``ivb import``: the figures of a police/CBS open-data export, recorded all or nothing.

The exports are the files of ``cases/import`` (its README lists the trait each one
reproduces). Every test runs ``ivb`` as typed, on a copy of the shipped ``data`` folder.
Expectations are derived from the fixtures themselves (read here with the ``csv`` module,
independently of ``ivb.opendata``) and from the shipped data's ``open_data`` series, so a
changed fixture or series changes the expectation, not the verdict.

The date of a history entry (``replaced``) is the day of the import: the tests that look
at it pin it to ``TODAY`` (fixture ``pinned_today``), as ``test_add_measurement`` does.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import DATA, check_golden, run
from ivb.records import importer

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases" / "import"
INVALID = TESTS / "cases" / "invalid"
TODAY = dt.date(2026, 1, 31)
TABLE = "47013NED"
TOPIC = "Geregistreerde misdrijven (aantal)"

TYPED = CASES / "47013NED_2014-2016.csv"  # BOM, three topics, 2016*, missing cells
TYPED_2013 = CASES / "47013NED_2013-2014.csv"  # 2013 as recorded, but 1.1.1
PIVOTED = CASES / "misdrijven_inbraak_woning_gemeenten.csv"  # no table id in the name
UNTYPED = CASES / "47013NED_UntypedDataSet_28112026_101010.csv"  # years and months
MONTHS_ONLY = CASES / "47013NED_UntypedDataSet_28112026_111111.csv"
WINDOWS = CASES / "47013NED_2014-2015_windows.csv"  # Windows-1252
GARBAGE = CASES / "47013NED_garbage.csv"  # byte 0x81 on line 4
STATUS = CASES / "47013NED_2015-2017_status.csv"  # a Status column
MERGED = CASES / "47013NED_2016-2019.csv"  # Leeuwarderadeel up to 2017
DECIMAL = CASES / "47013NED_decimal-count.csv"  # "30,8" as a count
NO_SERIES = CASES / "47013NED_totaal_ongevallen.csv"  # only 0.0.0 and 1.3.1
OTHER_TABLE = CASES / "47024NED_overlast.csv"

MISSING_CELLS = {"", ".", "x", "-"}  # CBS: empty, unknown, secret, nil


@pytest.fixture(autouse=True)
def _environment(monkeypatch):
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")  # no cell of the table wraps
    monkeypatch.delenv("IVB_DATA", raising=False)
    monkeypatch.delenv("IVB_CACHE_DIR", raising=False)


@pytest.fixture
def pinned_today(monkeypatch) -> dt.date:
    """The command passes no ``today``: pin it, so that history dates are known."""
    monkeypatch.setattr(
        importer, "import_export", functools.partial(importer.import_export, today=TODAY)
    )
    return TODAY


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# -- helpers --------------------------------------------------------------------------------


def ivb_import(capsys, data: Path, file: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "import", str(file), "--data", str(data), *args)


def become(data: Path, municipality: str) -> Path:
    """Make the copy of the data the policy of another municipality (known by name only),
    so that its figures are the ones to import."""
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  municipality: Leiderdorp\n"
    assert text.count(old) == 1 and text.count("  municipality_code: GM0547\n") == 1
    text = text.replace(old, f"  municipality: {json.dumps(municipality, ensure_ascii=False)}\n")
    path.write_text(text.replace("  municipality_code: GM0547\n", ""), encoding="utf-8")
    return data


def indicators_bytes(data: Path) -> bytes:
    return (data / "indicators.yaml").read_bytes()


def load(data: Path) -> dict:
    return yaml.safe_load((data / "indicators.yaml").read_bytes().decode("utf-8-sig"))


def indicator(data: Path, ident: str) -> dict:
    return next(i for i in load(data)["indicators"] if i["id"] == ident)


def measurements(data: Path, ident: str) -> dict:
    return indicator(data, ident).get("measurements") or {}


def mapped_series() -> dict[str, str]:
    """The open data's category code -> the indicator it feeds, as the shipped data says."""
    found = {}
    for ind in load(DATA)["indicators"]:
        for series in ind.get("open_data") or []:
            if series["table"] == TABLE:
                assert series["category"] not in found, "one series feeds two indicators"
                found[series["category"]] = ind["id"]
    return found


MAPPED = mapped_series()


def typed_figures(path: Path, region: str, encoding: str = "utf-8-sig") -> dict:
    """A tabular export's figures of ``region`` in the topic ``TOPIC``:
    {(code, year): (category as written, cell, provisional, line)}."""
    rows = list(csv.reader(path.read_bytes().decode(encoding).splitlines(), delimiter=";"))
    header = rows[0]
    region_col = next(i for i, h in enumerate(header) if h.startswith("Regio"))
    value_col = header.index(TOPIC)
    status_col = header.index("Status") if "Status" in header else None
    found = {}
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(header) or row[region_col] != region:
            continue
        code = row[0].split()[0]
        year = int(row[1].rstrip("*"))
        provisional = row[1].endswith("*") or (
            status_col is not None and row[status_col] == "Voorlopig"
        )
        found[(code, year)] = (row[0], row[value_col], provisional, number)
    return found


def untyped_figures(path: Path, region_code: str) -> dict:
    """An untyped export's figures of a region: {(code, period): (value, line)}."""
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    header = rows[0]
    value_col = header.index("GeregistreerdeMisdrijven_1")
    return {
        (row[1].strip(), row[3].strip()): (row[value_col].strip(), number)
        for number, row in enumerate(rows[1:], 2)
        if row[2].strip() == region_code
    }


def table_rows(out: str) -> list[tuple[str, ...]]:
    """The rows of the import table: (indicator, year, old, new, status, line)."""
    rows = []
    for line in out.splitlines():
        if "│" in line:
            cells = tuple(c.strip() for c in line.split("│"))
            assert len(cells) == 6, line
            rows.append(cells)
    return rows


def row_of(out: str, ident: str, year: int) -> tuple[str, ...]:
    (row,) = [r for r in table_rows(out) if r[0] == ident and r[1] == str(year)]
    return row


def expected_typed_rows(path: Path, region: str = "Leiderdorp") -> list[tuple[str, ...]]:
    """(indicator, year, new, status word, line) of each figure of a mapped series, for data
    that records nothing for these years."""
    figures = typed_figures(path, region)
    rows = []
    for (code, year), (_, cell, provisional, line) in figures.items():
        if code not in MAPPED:
            continue
        if cell in MISSING_CELLS:
            rows.append((MAPPED[code], str(year), "–", "no figure", str(line)))
        else:
            rows.append((MAPPED[code], str(year), cell + "*" * provisional, "new", str(line)))
    return sorted(rows)


def short_rows(out: str) -> list[tuple[str, ...]]:
    """The table's rows as (indicator, year, new, status word, line)."""
    return sorted((r[0], r[1], r[3], r[4].split(":")[0], r[5]) for r in table_rows(out))


def entry_lines(year: int, value: str, category: str, file: str, received: str, prov: bool):
    lines = [
        f"      {year}:",
        f"        value: {value}",
        f'        source: "open data {TABLE}, {category}, file {file}"',
        f"        received: {received}",
    ]
    return lines + (["        provisional: true"] if prov else [])


def assert_clean_error(code: int, out: str, err: str, *words: str) -> None:
    """A user error: exit 1, one line ``ivb: ...`` naming ``words``, no traceback."""
    assert code == 1, (out, err)
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ivb: "), err
    for word in words:
        assert word in lines[0], (word, lines[0])


# -- the fixtures are what the README says ---------------------------------------------------


def test_fixtures_have_the_traits_they_claim():
    raw = TYPED.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert b'"2016*"' in raw and b'"3,6"' in raw and b'"Bron: Politie"' in raw
    assert all(line.startswith(b'"') for line in raw[3:].splitlines())
    windows = WINDOWS.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        windows.decode("utf-8")
    assert "Súdwest-Fryslân" in windows.decode("cp1252")
    garbage = GARBAGE.read_bytes()
    for encoding in ("utf-8", "cp1252"):
        with pytest.raises(UnicodeDecodeError):
            garbage.decode(encoding)
    assert garbage.splitlines()[3].count(b"\x81") == 1
    assert TABLE not in PIVOTED.name
    assert b"JJ00" in UNTYPED.read_bytes() and b"MM01" in UNTYPED.read_bytes()
    assert b"JJ00" not in MONTHS_ONLY.read_bytes()
    assert (CASES / "empty.csv").read_bytes() == b""
    assert (CASES / "47013NED.xlsx").read_bytes().startswith(b"PK\x03\x04")
    # 1.3.1 of the open data is road accidents, which feed no indicator; the plan's BVH
    # code 1.3.1 (burglary) is the open data's 1.1.1.
    assert "1.3.1" not in MAPPED
    assert MAPPED["1.1.1"] == "diefstal-inbraak-woning"
    assert indicator(DATA, "diefstal-inbraak-woning")["code"] == "1.3.1"


# -- dry runs of each layout ----------------------------------------------------------------


def test_dry_run_of_a_typed_export_lists_every_figure_of_the_mapped_series(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert err == "Dry run: nothing written.\n"
    assert indicators_bytes(data) == before
    heading = out.splitlines()[0]
    for part in (TYPED.name, TABLE, "the file's name", "Leiderdorp", "tabular", "UTF-8"):
        assert part in heading
    expected = expected_typed_rows(TYPED)
    assert short_rows(out) == expected
    # Ten indicators, three years each; the four missing cells are no figures, never 0.
    assert len(expected) == 3 * len(MAPPED) == 30
    assert sum(r[3] == "no figure" for r in expected) == 4
    new = sum(r[3] == "new" for r in expected)
    assert f"{new} new, 4 no figure." in out
    assert "Recorded" not in out


def test_dry_run_of_the_typed_export_golden(capsys, data, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = ivb_import(capsys, data, TYPED, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0
    check_golden("import-47013NED-2014-2016-100.txt", out)


def test_dry_run_of_a_pivoted_export_without_the_id_infers_the_table(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, PIVOTED, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert indicators_bytes(data) == before
    heading = out.splitlines()[0]
    assert f"table {TABLE} (from its series)" in heading
    assert "pivoted" in heading
    rows = list(csv.reader(PIVOTED.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    periods = next(r for r in rows if r and r[0] == "Perioden")[1:]
    number, leiderdorp = next((n, r) for n, r in enumerate(rows, 1) if r and r[0] == "Leiderdorp")
    expected = [
        ("diefstal-inbraak-woning", p.rstrip("*"), v + "*" * p.endswith("*"), "new", str(number))
        for p, v in zip(periods, leiderdorp[1:], strict=True)
    ]
    assert short_rows(out) == sorted(expected)
    assert [r[2] for r in expected] == ["98", "87", "75*"]


def test_dry_run_of_an_untyped_export_leaves_the_months_out(capsys, data):
    """The policy's municipality (Leiderdorp) is found by its code GM0547."""
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, UNTYPED, "--dry-run", "--downloaded", "2017-03-01")
    assert code == 0, err
    assert indicators_bytes(data) == before
    assert "untyped" in out.splitlines()[0]
    figures = untyped_figures(UNTYPED, "GM0547")
    expected = sorted(
        (MAPPED[c], p[:4], value, "new", str(line))
        for (c, p), (value, line) in figures.items()
        if c in MAPPED and p.endswith("JJ00")
    )
    assert short_rows(out) == expected
    months = [(c, p) for c, p in figures if c in MAPPED and "MM" in p]
    assert len(months) == 6
    assert f"{len(months)} monthly or quarterly figures of these series were left out" in out
    assert "add them up" in out


# -- import, and import again ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "downloaded"),
    [
        (TYPED, "2016-03-01"),
        (TYPED_2013, "2015-03-01"),
        (PIVOTED, "2016-03-01"),
        (UNTYPED, "2017-03-01"),
        (WINDOWS, "2016-03-01"),
        (STATUS, "2018-03-01"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_a_second_import_of_the_same_file_changes_nothing(capsys, data, file, downloaded):
    args = ("--downloaded", downloaded, "--year", "2014", "--year", "2015", "--year", "2016")
    args = args if file == TYPED_2013 else args[:2]  # 2013 is a conflict (tested below)
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, file, *args)
    assert code == 0, err
    first = indicators_bytes(data)
    assert first != before
    assert re.search(r"Recorded \d+ figures? in ", out)
    code, out, err = ivb_import(capsys, data, file, *args)
    assert code == 0, err
    assert "nothing changed" in err
    assert "Traceback" not in err
    assert indicators_bytes(data) == first
    assert all(r[4] == "unchanged" or r[4].startswith("no figure") for r in table_rows(out))
    assert "Recorded" not in out
    # Another download of the same figures changes nothing either.
    code, _, err = ivb_import(capsys, data, file, "--downloaded", "2018-12-01", *args[2:])
    assert code == 0, err
    assert indicators_bytes(data) == first


def test_import_changes_only_the_lines_of_the_new_figures(capsys, data):
    """Byte level: the ``2014: null`` lines of the years that get a figure are replaced,
    the figures of years without a line are added, and every other byte stays."""
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    after = indicators_bytes(data)
    figures = typed_figures(TYPED, "Leiderdorp")
    recorded = {
        (MAPPED[c], y): f
        for (c, y), f in figures.items()
        if c in MAPPED and f[1] not in MISSING_CELLS
    }
    assert f"Recorded {len(recorded)} figures in {data / 'indicators.yaml'}." in out

    # The expected file, built from the old one by hand.
    old_lines = before.decode("utf-8").splitlines()
    nulls = {
        ident: old_lines.index("      2014: null", old_lines.index(f"  - id: {ident}"))
        for ident in MAPPED.values()
    }
    lines = list(old_lines)
    replaced_nulls = []
    for ident, null in sorted(nulls.items(), key=lambda item: -item[1]):  # bottom up
        assert lines[null - 1].startswith("      2013: ")
        new = []
        for year in (2014, 2015, 2016):
            if (ident, year) in recorded:
                category, cell, provisional, _ = recorded[(ident, year)]
                new += entry_lines(year, cell, category, TYPED.name, "2016-03-01", provisional)
            elif year == 2014:
                new.append("      2014: null")  # no figure: the null stays
        if new[0] != "      2014: null":
            replaced_nulls.append(null)
        lines[null : null + 1] = new
    assert after.decode("utf-8") == "\n".join(lines) + "\n"

    # The same, as a diff: only the replaced null lines are removed.
    removed, added = [], []
    matcher = difflib.SequenceMatcher(None, old_lines, after.decode("utf-8").splitlines())
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert", "replace"), tag
        removed += range(i1, i2) if tag == "replace" else []
        added += matcher.b[j1:j2] if tag != "equal" else []
    assert sorted(removed) == sorted(replaced_nulls)
    assert {old_lines[i] for i in removed} == {"      2014: null"}
    assert len(removed) == sum(1 for ident, year in recorded if year == 2014)
    assert measurements(data, "overval")[2014] is None
    assert sum(line.startswith("        value: ") for line in added) == len(recorded)


def test_import_into_a_crlf_file_with_a_byte_order_mark_keeps_both(capsys, data):
    path = data / "indicators.yaml"
    lf = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"))
    code, _, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    crlf = path.read_bytes()
    assert crlf.startswith(b"\xef\xbb\xbf")
    assert crlf.count(b"\n") == crlf.count(b"\r\n")
    # The same change as in an LF file without a BOM.
    other = data.parent / "lf"
    shutil.copytree(DATA, other)
    code, _, err = ivb_import(capsys, other, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    assert crlf[3:].replace(b"\r\n", b"\n") == indicators_bytes(other)


def test_imported_figures_carry_their_provenance(capsys, data):
    code, _, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    source = f"open data {TABLE}, 1.1.1 Diefstal/inbraak woning, file {TYPED.name}"
    woning = measurements(data, "diefstal-inbraak-woning")
    assert woning[2014] == {"value": 98, "source": source, "received": dt.date(2016, 3, 1)}
    assert woning[2016] == {
        "value": 75,
        "source": source,
        "received": dt.date(2016, 3, 1),
        "provisional": True,
    }
    assert woning[2013] == 122  # untouched


def test_received_defaults_to_the_files_modification_date(capsys, data, tmp_path):
    export = tmp_path / TYPED.name
    shutil.copyfile(TYPED, export)
    moment = dt.datetime(2016, 3, 15, 12, 0).timestamp()
    os.utime(export, (moment, moment))
    code, out, err = ivb_import(capsys, data, export)
    assert code == 0, err
    assert "downloaded 2016-03-15" in out.splitlines()[0] + out.splitlines()[1]
    received = {
        entry["received"]
        for ident in MAPPED.values()
        for year, entry in measurements(data, ident).items()
        if year >= 2014 and entry is not None
    }
    assert received == {dt.date(2016, 3, 15)}


def test_a_modification_date_in_the_future_is_not_called_an_option(capsys, data, tmp_path):
    """Without --downloaded the date is the file's; an error about it must not quote an
    option the coordinator did not type."""
    export = tmp_path / TYPED.name
    shutil.copyfile(TYPED, export)
    moment = dt.datetime(2099, 1, 1, 12, 0).timestamp()
    os.utime(export, (moment, moment))
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, export)
    assert_clean_error(code, out, err, "2099-01-01", "future", "--downloaded")
    assert "modifi" in err  # "the file's modification date 2099-01-01 lies in the future"
    assert not err.startswith("ivb: --downloaded 2099-01-01")
    assert indicators_bytes(data) == before


def test_a_download_date_before_a_figures_year_refuses_the_whole_import(capsys, data):
    """2016's figures cannot have been downloaded in 2015: error rows, nothing written."""
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2015-06-01")
    assert code == 1
    assert "Traceback" not in err
    assert indicators_bytes(data) == before
    errors = [r for r in table_rows(out) if r[4].startswith("error")]
    figures_2016 = [
        c
        for (c, y), f in typed_figures(TYPED, "Leiderdorp").items()
        if y == 2016 and c in MAPPED and f[1] not in MISSING_CELLS
    ]
    assert len(errors) == len(figures_2016)
    assert {r[1] for r in errors} == {"2016"}
    assert all("2015-06-01" in r[4] for r in errors)
    assert "nothing was written" in err


def test_a_download_date_in_the_future_is_refused(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2099-01-01")
    assert_clean_error(code, out, err, "2099-01-01", "future")
    assert indicators_bytes(data) == before


# -- conflicts, --replace, --year ------------------------------------------------------------


def test_a_conflict_is_refused_and_nothing_is_written(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED_2013, "--downloaded", "2015-03-01")
    assert code == 1
    assert "Traceback" not in err
    assert indicators_bytes(data) == before
    figures = typed_figures(TYPED_2013, "Leiderdorp")
    recorded_2013 = {c: measurements(data, MAPPED[c])[2013] for c in MAPPED}
    conflicts = {c for c in MAPPED if int(figures[(c, 2013)][1]) != recorded_2013[c]}
    assert conflicts == {"1.1.1"}
    for c, ident in MAPPED.items():
        status = row_of(out, ident, 2013)[4]
        assert status.split(":")[0] == ("conflict" if c in conflicts else "unchanged"), c
    assert row_of(out, "diefstal-inbraak-woning", 2013)[2:4] == ("122", "125")
    assert "--replace" in err and "--year" in err
    assert "nothing was written" in err
    # The new 2014 figures are shown, but not written either: all or nothing.
    assert row_of(out, "diefstal-inbraak-woning", 2014)[4] == "new"
    assert measurements(data, "diefstal-inbraak-woning")[2014] is None


def test_the_refusal_counts_its_conflicts_in_good_english(capsys, data):
    code, _, err = ivb_import(capsys, data, TYPED_2013, "--downloaded", "2015-03-01")
    assert code == 1
    assert "1 figure of the export differs from" in err


def test_replace_records_the_export_and_keeps_the_old_value_in_history(capsys, data, pinned_today):
    before = indicators_bytes(data)
    args = ("--downloaded", "2015-03-01", "--replace")
    code, out, err = ivb_import(capsys, data, TYPED_2013, *args)
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2013)[4].startswith("replace")
    woning = indicator(data, "diefstal-inbraak-woning")
    assert woning["measurements"][2013] == {
        "value": 125,
        "source": f"open data {TABLE}, 1.1.1 Diefstal/inbraak woning, file {TYPED_2013.name}",
        "received": dt.date(2015, 3, 1),
    }
    assert woning["history"] == [{"year": 2013, "value": 122, "replaced": TODAY}]
    # The unchanged 2013 values keep their line as it was: no provenance is added.
    old = before.decode("utf-8")
    new = indicators_bytes(data).decode("utf-8")
    assert new.count("\n      2013: ") == old.count("\n      2013: ") - 1
    for ident in MAPPED.values():
        if ident != "diefstal-inbraak-woning":
            assert "history" not in indicator(data, ident)
            assert isinstance(measurements(data, ident)[2013], int)
    # And again: nothing changes, no second history entry.
    after = indicators_bytes(data)
    code, _, err = ivb_import(capsys, data, TYPED_2013, *args)
    assert code == 0 and "nothing changed" in err
    assert indicators_bytes(data) == after


def test_year_limits_the_import_and_avoids_the_conflict(capsys, data):
    code, out, err = ivb_import(
        capsys, data, TYPED_2013, "--downloaded", "2015-03-01", "--year", "2014"
    )
    assert code == 0, err
    assert {r[1] for r in table_rows(out)} == {"2014"}
    assert measurements(data, "diefstal-inbraak-woning")[2013] == 122
    assert measurements(data, "diefstal-inbraak-woning")[2014]["value"] == 98
    assert "history" not in indicator(data, "diefstal-inbraak-woning")


# -- provisional figures ---------------------------------------------------------------------


def test_a_provisional_figure_is_updated_by_the_final_one_without_replace(
    capsys, data, pinned_today
):
    code, _, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    provisional = typed_figures(TYPED, "Leiderdorp")
    final = typed_figures(STATUS, "Leiderdorp")
    assert provisional[("1.1.1", 2016)][1:3] == ("75", True)
    assert final[("1.1.1", 2016)][1:3] == ("78", False)
    assert final[("1.1.1", 2017)][2] is True  # "Voorlopig"

    code, out, err = ivb_import(capsys, data, STATUS, "--downloaded", "2018-03-01")
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2015)[4] == "unchanged"
    assert row_of(out, "diefstal-inbraak-woning", 2016)[2:5] == (
        "75*",
        "78",
        "update: the recorded value was provisional",
    )
    assert row_of(out, "diefstal-inbraak-woning", 2017)[3:5] == ("70*", "new")
    # The same value, now final, is an update too: the provisional mark goes.
    assert row_of(out, "diefstal-brom-snor-fietsen", 2016)[2:4] == ("104*", "104")
    assert row_of(out, "diefstal-brom-snor-fietsen", 2016)[4].startswith("update")

    woning = indicator(data, "diefstal-inbraak-woning")
    assert woning["measurements"][2016] == {
        "value": 78,
        "source": f"open data {TABLE}, 1.1.1 Diefstal/inbraak woning, file {STATUS.name}",
        "received": dt.date(2018, 3, 1),
    }
    assert woning["measurements"][2017]["provisional"] is True
    assert woning["history"] == [
        {
            "year": 2016,
            "value": 75,
            "source": f"open data {TABLE}, 1.1.1 Diefstal/inbraak woning, file {TYPED.name}",
            "received": dt.date(2016, 3, 1),
            "provisional": True,
            "replaced": TODAY,
        }
    ]


def test_a_revised_provisional_figure_is_an_update(capsys, data, tmp_path):
    code, _, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    export = tmp_path / TYPED.name
    old_row = b'"1.1.1 Diefstal/inbraak woning";"2016*";"Leiderdorp";"75"'
    assert TYPED.read_bytes().count(old_row) == 1
    export.write_bytes(TYPED.read_bytes().replace(old_row, old_row.replace(b'"75"', b'"76"')))
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2016-04-01")
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2016)[2:5] == (
        "75*",
        "76*",
        "update: the recorded value was provisional",
    )
    others = [r for r in table_rows(out) if (r[0], r[1]) != ("diefstal-inbraak-woning", "2016")]
    assert all(r[4] == "unchanged" or r[4].startswith("no figure") for r in others)
    entry = measurements(data, "diefstal-inbraak-woning")[2016]
    assert (entry["value"], entry["provisional"]) == (76, True)
    assert [h["value"] for h in indicator(data, "diefstal-inbraak-woning")["history"]] == [75]


def test_a_provisional_figure_does_not_overwrite_a_final_one(capsys, data):
    """The final 2016 (78) is recorded; the older export's provisional 75 is a conflict."""
    code, _, err = ivb_import(capsys, data, STATUS, "--downloaded", "2018-03-01")
    assert code == 0, err
    after = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 1
    assert row_of(out, "diefstal-inbraak-woning", 2016)[4].startswith("conflict")
    assert indicators_bytes(data) == after


def test_missing_cells_are_never_recorded_as_zero(capsys, data):
    before = load(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    missing = {
        (MAPPED[c], y): cell
        for (c, y), (_, cell, _, _) in typed_figures(TYPED, "Leiderdorp").items()
        if c in MAPPED and cell in MISSING_CELLS
    }
    assert set(missing.values()) == MISSING_CELLS  # each notation occurs
    for (ident, year), cell in missing.items():
        assert row_of(out, ident, year)[3] == "–"
        assert row_of(out, ident, year)[4].startswith("no figure"), cell
        recorded = measurements(data, ident).get(year)
        assert recorded is None, (ident, year, cell, recorded)
        old = next(i for i in before["indicators"] if i["id"] == ident)["measurements"]
        assert (year in old) == (year in measurements(data, ident))  # no line added
    zeros = [
        (i["id"], y)
        for i in load(data)["indicators"]
        for y, m in (i.get("measurements") or {}).items()
        if m == 0 or (isinstance(m, dict) and m.get("value") == 0)
    ]
    zeros_before = [
        (i["id"], y)
        for i in before["indicators"]
        for y, m in (i.get("measurements") or {}).items()
        if m == 0 or (isinstance(m, dict) and m.get("value") == 0)
    ]
    assert zeros == zeros_before


def test_open_data_1_3_1_road_accidents_feeds_no_indicator(capsys, data):
    """The plan's BVH 1.3.1 is burglary: its figures come from the open data's 1.1.1."""
    code, _, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    figures = typed_figures(TYPED, "Leiderdorp")
    accidents = {int(figures[("1.3.1", y)][1]) for y in (2014, 2015, 2016)}
    totals = {int(figures[("0.0.0", y)][1]) for y in (2014, 2015, 2016)}
    before = load(DATA)
    for ind in load(data)["indicators"]:
        old = next(i for i in before["indicators"] if i["id"] == ind["id"])
        for year, entry in (ind.get("measurements") or {}).items():
            if entry == (old.get("measurements") or {}).get(year):
                continue
            assert entry["value"] not in accidents | totals, (ind["id"], year)
            assert "1.3.1" not in entry["source"] and "0.0.0" not in entry["source"]
    woning = measurements(data, "diefstal-inbraak-woning")
    assert [woning[y]["value"] for y in (2014, 2015, 2016)] == [
        int(figures[("1.1.1", y)][1]) for y in (2014, 2015, 2016)
    ]


# -- regions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["GM0547", "Leiderdorp", "leiderdorp"])
def test_the_region_by_name_or_by_the_policys_gm_code(capsys, data, region):
    """The export names regions; GM0547 is Leiderdorp because the policy says so."""
    code, out, err = ivb_import(
        capsys, data, TYPED, "--region", region, "--dry-run", "--downloaded", "2016-03-01"
    )
    assert code == 0, err
    assert "region Leiderdorp" in out.splitlines()[0]
    assert short_rows(out) == expected_typed_rows(TYPED)


def test_the_gm_code_is_known_only_through_the_policys_municipality_code(capsys, data):
    """Without ``municipality_code`` in the policy, GM0547 is not a name of this export."""
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  municipality_code: GM0547\n") == 1
    path.write_text(text.replace("  municipality_code: GM0547\n", ""), encoding="utf-8")
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--region", "GM0547", "--dry-run")
    assert_clean_error(code, out, err, "GM0547", "Leiderdorp", "municipality_code")
    assert indicators_bytes(data) == before


def test_the_policys_municipality_by_name_in_an_export_of_codes(capsys, data):
    """The reverse: the untyped export gives GM0547, the coordinator types Leiderdorp."""
    code, out, err = ivb_import(
        capsys, data, UNTYPED, "--region", "Leiderdorp", "--dry-run", "--downloaded", "2017-03-01"
    )
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2015)[3:5] == (
        untyped_figures(UNTYPED, "GM0547")[("1.1.1", "2015JJ00")][0],
        "new",
    )


def test_the_policys_municipality_missing_from_the_export_is_named(capsys, data, tmp_path):
    """No region given, and Leiderdorp is not in the export: the error names Leiderdorp,
    the name the export uses, not only the code GM0547 that the coordinator never typed."""
    export = tmp_path / PIVOTED.name
    lines = PIVOTED.read_bytes().split(b"\r\n")
    export.write_bytes(b"\r\n".join(line for line in lines if b"Leiderdorp" not in line))
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, "not in this export", "Leiderdorp")


def test_another_regions_figures_do_not_go_into_the_policy(capsys, data):
    """The data is Leiderdorp's policy: Leiden's figures would corrupt it."""
    before = indicators_bytes(data)
    code, out, err = ivb_import(
        capsys, data, TYPED, "--region", "Leiden", "--downloaded", "2016-03-01"
    )
    assert_clean_error(code, out, err, "--region Leiden", "Leiderdorp's")
    assert out == ""
    assert indicators_bytes(data) == before


def test_another_municipalitys_policy_takes_its_own_figures(capsys, data):
    become(data, "Leiden")
    code, out, err = ivb_import(capsys, data, TYPED, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert short_rows(out) == expected_typed_rows(TYPED, "Leiden")
    code, out, err = ivb_import(
        capsys, data, TYPED, "--region", "leiden", "--dry-run", "--downloaded", "2016-03-01"
    )
    assert code == 0, err  # the region is compared loosely


def test_an_unknown_region_is_an_error_with_a_suggestion(capsys, data):
    before = indicators_bytes(become(data, "Leiderdrop"))
    code, out, err = ivb_import(capsys, data, PIVOTED)
    assert_clean_error(code, out, err, PIVOTED.name, "Leiderdrop", "'Leiderdorp'")
    assert out == ""
    assert indicators_bytes(data) == before


def test_an_ambiguous_region_names_both_candidates(capsys, data):
    before = indicators_bytes(become(data, "Bergen"))
    code, out, err = ivb_import(capsys, data, PIVOTED)
    assert_clean_error(code, out, err, "Bergen", "'Bergen (L.)'", "'Bergen (NH.)'")
    assert indicators_bytes(data) == before


def test_a_merged_municipality_has_no_figures_after_its_merger(capsys, data):
    before = indicators_bytes(become(data, "Leeuwarderadeel"))
    code, out, err = ivb_import(
        capsys,
        data,
        MERGED,
        "--year",
        "2018",
        "--year",
        "2019",
        "--downloaded",
        "2020-03-01",
    )
    assert code == 1, err  # the figures asked for are not there
    assert "Traceback" not in err
    assert indicators_bytes(data) == before
    figures = typed_figures(MERGED, "Leeuwarderadeel").items()
    last = max(year for (_, year), (_, cell, _, _) in figures if cell not in MISSING_CELLS)
    assert "Leeuwarderadeel" in err and "merge" in err and "nothing was written" in err
    assert f"its last figures are for {last}" in err
    rows = table_rows(out)
    assert {(r[0], r[1]) for r in rows} == {
        (ident, str(year))
        for ident in ("diefstal-inbraak-woning", "diefstal-brom-snor-fietsen")
        for year in (2018, 2019)
    }
    assert all(r[3] == "–" and r[4].startswith("no figure") for r in rows)


def test_rows_of_years_not_in_the_export_are_in_year_order(capsys, data):
    become(data, "Leeuwarderadeel")
    code, out, _ = ivb_import(
        capsys,
        data,
        MERGED,
        "--year",
        "2018",
        "--year",
        "2019",
        "--downloaded",
        "2020-03-01",
    )
    assert code == 1
    years = [r[1] for r in table_rows(out) if r[0] == "diefstal-inbraak-woning"]
    assert years == ["2018", "2019"]


# -- months ----------------------------------------------------------------------------------


def test_monthly_figures_are_never_added_up(capsys, data):
    code, _, err = ivb_import(capsys, data, UNTYPED, "--downloaded", "2017-03-01")
    assert code == 0, err
    figures = untyped_figures(UNTYPED, "GM0547")
    year = int(figures[("1.1.1", "2015JJ00")][0])
    months = [int(v) for (c, p), (v, _) in figures.items() if c == "1.1.1" and "2015MM" in p]
    assert year == 87 and sum(months) not in (year, 0)
    entry = measurements(data, "diefstal-inbraak-woning")[2015]
    assert entry["value"] == year
    assert entry["source"] == f"open data {TABLE}, 1.1.1, file {UNTYPED.name}"
    assert "provisional" not in entry


def test_an_export_of_months_only_is_refused(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, MONTHS_ONLY, "--downloaded", "2017-03-01")
    assert_clean_error(code, out, err, MONTHS_ONLY.name, "month", "not added up")
    assert indicators_bytes(data) == before


# -- encodings -------------------------------------------------------------------------------


def test_a_windows_1252_export_is_read(capsys, data, tmp_path):
    other = become(shutil.copytree(data, tmp_path / "other"), "Súdwest-Fryslân")
    code, out, err = ivb_import(
        capsys,
        other,
        WINDOWS,
        "--dry-run",
        "--downloaded",
        "2016-03-01",
    )
    assert code == 0, err
    heading = " ".join(out.splitlines()[:2])
    assert "Súdwest-Fryslân" in heading and "Windows-1252" in heading
    figures = typed_figures(WINDOWS, "Súdwest-Fryslân", encoding="cp1252")
    assert figures, "the fixture reads as cp1252"
    assert short_rows(out) == sorted(
        (MAPPED[c], str(y), cell, "new", str(line))
        for (c, y), (_, cell, _, line) in figures.items()
    )
    code, out, err = ivb_import(capsys, data, WINDOWS, "--downloaded", "2016-03-01")
    assert code == 0, err
    expected = typed_figures(WINDOWS, "Leiderdorp", encoding="cp1252")[("1.1.1", 2015)][1]
    assert measurements(data, "diefstal-inbraak-woning")[2015]["value"] == int(expected)


def test_bytes_in_neither_encoding_are_an_error_with_the_line(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, GARBAGE, "--downloaded", "2016-03-01")
    line = 1 + GARBAGE.read_bytes()[: GARBAGE.read_bytes().index(b"\x81")].count(b"\n")
    assert line == 4
    assert_clean_error(code, out, err, f"{GARBAGE}:{line}:", "UTF-8", "Windows-1252")
    assert indicators_bytes(data) == before


# -- files that are not exports --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bankafschrift.csv", ["bankafschrift.csv:1:", "not an open-data export"]),
        ("47013NED.xlsx", ["not a CSV"]),
        ("empty.csv", ["empty"]),
        ("missing.csv", ["missing.csv", "file not found"]),
        ("a-folder", ["a-folder"]),
    ],
)
def test_a_file_that_is_not_an_export_is_a_one_line_error(capsys, data, tmp_path, name, words):
    file = CASES / name
    if name == "missing.csv":
        file = tmp_path / name
    elif name == "a-folder":
        file = tmp_path / name
        file.mkdir()
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, file, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, *words)
    assert out == ""
    assert indicators_bytes(data) == before
    assert sorted(p.name for p in data.iterdir()) == sorted(p.name for p in DATA.iterdir())


def test_a_table_that_no_indicator_declares_is_an_error(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, OTHER_TABLE, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, "47024NED", "open_data")
    assert indicators_bytes(data) == before


def test_an_export_of_the_table_without_any_declared_series_is_an_error(capsys, data):
    """Only 0.0.0 and 1.3.1: not "every figure is recorded", but "none of the series"."""
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, NO_SERIES, "--downloaded", "2016-03-01")
    assert code == 1, (out, err)
    assert "Traceback" not in err
    assert "none of the" in err and "series" in err
    assert "every figure of the export is recorded" not in err
    assert indicators_bytes(data) == before


# -- the table's id --------------------------------------------------------------------------


def test_table_option_disagreeing_with_the_file_name_is_an_error(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--table", "47021NED", "--dry-run")
    assert_clean_error(code, out, err, TABLE, "47021NED")
    assert indicators_bytes(data) == before


def test_table_option_names_the_table_of_a_file_without_its_id(capsys, data):
    code, out, err = ivb_import(
        capsys, data, PIVOTED, "--table", TABLE, "--dry-run", "--downloaded", "2016-03-01"
    )
    assert code == 0, err
    assert f"table {TABLE} (from --table)" in out.splitlines()[0]
    code, out, err = ivb_import(capsys, data, PIVOTED, "--table", "47021NED", "--dry-run")
    assert_clean_error(code, out, err, "47021NED")


# -- figures that do not fit -----------------------------------------------------------------


def test_a_count_with_a_decimal_comma_is_an_error_row_and_nothing_is_written(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, DECIMAL, "--downloaded", "2016-03-01")
    assert code == 1
    assert "Traceback" not in err
    assert indicators_bytes(data) == before
    figures = typed_figures(DECIMAL, "Leiderdorp")
    ((code_, year),) = [k for k, f in figures.items() if "," in f[1]]
    cell, line = figures[(code_, year)][1], figures[(code_, year)][3]
    assert cell == "30,8"
    row = row_of(out, MAPPED[code_], year)
    assert row[4].startswith("error") and f"'{cell}'" in row[4]
    assert row[5] == str(line)
    # The other figures are new, and are not written either: all or nothing.
    others = [r for r in table_rows(out) if r != row]
    assert len(others) == len(figures) - 1 and {r[4] for r in others} == {"new"}
    assert "nothing was written" in err
    assert measurements(data, "diefstal-inbraak-woning")[2014] is None


def test_a_category_titled_differently_than_the_data_says_is_refused(capsys, data, tmp_path):
    """1.1.1 under another title: the table's classification may have changed. That series
    is refused, with both titles; the others are recorded, and the exit code is 1."""
    export = tmp_path / TYPED_2013.name
    text = TYPED_2013.read_text(encoding="utf-8")
    export.write_text(text.replace("1.1.1 Diefstal/inbraak woning", "1.1.1 Woninginbraak"))
    code, out, err = ivb_import(
        capsys, data, export, "--year", "2014", "--downloaded", "2015-03-01"
    )
    assert_clean_error(code, out, err, "1.1.1", "'Woninginbraak'", "'Diefstal/inbraak woning'")
    row = row_of(out, "diefstal-inbraak-woning", 2014)
    assert row[4].startswith("refused: category 1.1.1 is titled 'Woninginbraak'")
    assert measurements(data, "diefstal-inbraak-woning")[2014] is None
    others = [r for r in table_rows(out) if r[0] != "diefstal-inbraak-woning"]
    new = [r for r in others if r[4] == "new"]
    assert len(others) == len(MAPPED) - 1 and len(new) == len(others) - 1  # overval: "-"
    for ident, year, _, value, *_ in new:
        assert measurements(data, ident)[int(year)]["value"] == int(value)
    assert f"the other {len(new)} figures were recorded" in err


def test_two_different_figures_for_one_year_are_an_error(capsys, data, tmp_path):
    export = tmp_path / DECIMAL.name
    text = DECIMAL.read_text(encoding="utf-8").replace("30,8", "61")
    twice = '"1.1.1 Diefstal/inbraak woning";"2014";"Leiderdorp";"99"\n'
    export.write_text(text.replace('"Bron: Politie"', twice + '"Bron: Politie"'))
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, "2014", "lines 2 and 8")
    assert indicators_bytes(data) == before


def test_a_year_before_the_indicators_first_year_is_recorded(capsys, data, tmp_path):
    """History older than the plan's baseline is history too; the row says that status will
    measure progress from an earlier value."""
    export = tmp_path / TYPED_2013.name
    export.write_text(TYPED_2013.read_text(encoding="utf-8").replace('"2013"', '"2010"'))
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2015-03-01")
    assert code == 0, err
    old = {r[4] for r in table_rows(out) if r[1] == "2010"}
    assert old == {"new: earlier than the first value recorded (2011)"}
    for ident in MAPPED.values():
        assert 2010 in measurements(data, ident)


def test_an_unknown_status_is_an_error_with_the_line(capsys, data, tmp_path):
    export = tmp_path / STATUS.name
    text = STATUS.read_text(encoding="utf-8")
    export.write_text(text.replace("Voorlopig", "Geschat", 1))
    line = 1 + text[: text.index("Voorlopig")].count("\n")
    code, out, err = ivb_import(capsys, data, export, "--downloaded", "2018-03-01")
    assert_clean_error(code, out, err, f"{export}:{line}:", "Geschat")


# -- the data model --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "place", "rule"),
    [
        ("open-data-table", "32:16", "open-data-table"),
        ("open-data-category", "34:23", "open-data-category"),
        ("municipality-code", "5:22", "municipality-code"),
    ],
)
def test_validate_reports_a_bad_open_data_declaration(capsys, case, place, rule):
    folder = INVALID / case
    code, out, err = run(capsys, "validate", "--data", str(folder))
    assert code == 1
    problems = [line for line in err.splitlines() if line.endswith(")")]
    assert len(problems) == 1, err
    assert f"{case}/indicators.yaml:{place}: error: " in problems[0]  # relative to the cwd
    assert problems[0].endswith(f"({rule})")
    # The place is the offending value (or the series) in the file.
    line, column = (int(n) for n in place.split(":"))
    text = (folder / "indicators.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert text[column - 1 :].startswith(
        {
            "open-data-table": "misdrijven",
            "open-data-category": '["Woninginbraak"]',  # other titles, but no title
            "municipality-code": "GM547",
        }[rule]
    )


def test_import_refuses_data_that_does_not_validate(capsys, data):
    path = data / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  municipality_code: GM0547\n", "  municipality_code: GM547\n"
        ),
        encoding="utf-8",
    )
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 1
    assert "(municipality-code)" in err
    assert "Traceback" not in err
    assert indicators_bytes(data) == before


# -- after an import -------------------------------------------------------------------------


def test_status_shows_the_imported_figures(capsys, data):
    code, _, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 0, err
    code, out, err = run(capsys, "status", "--format", "json", "--data", str(data))
    assert code == 0, err
    report = json.loads(out)
    shown = {ind["id"]: ind for priority in report["priorities"] for ind in priority["indicators"]}
    figures = typed_figures(TYPED, "Leiderdorp")
    woning = shown["diefstal-inbraak-woning"]
    for year in (2014, 2015, 2016):
        assert woning["measurements"][str(year)] == int(figures[("1.1.1", year)][1])
    assert woning["latest"] == {"value": int(figures[("1.1.1", 2016)][1]), "year": 2016}
    assert woning["provisional"] == [2016]
    # Overval has no 2014 or 2015 figure ("-" and "."): its latest is 2016's provisional 2.
    assert shown["overval"]["latest"] == {"value": 2, "year": 2016}
    assert "2015" not in shown["overval"]["measurements"]


# -- shapes found in an outside review -------------------------------------------------------
# Exports written here, small and to the point; each reproduces one shape a real download
# can have.

HEADER = '"Soort misdrijf";"Perioden";"Regio\'s";"Geregistreerde misdrijven (aantal)"'


def export(tmp_path: Path, name: str, *lines: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_a_split_by_another_dimension_is_never_taken_for_the_total(capsys, data, tmp_path):
    """A "Geslacht" column with only "Mannen" is not the figure of the indicator."""
    before = indicators_bytes(data)
    men_only = export(
        tmp_path,
        "47013NED_mannen.csv",
        '"Soort misdrijf";"Geslacht";"Perioden";"Regio\'s";"Geregistreerde misdrijven (aantal)"',
        '"1.1.1 Diefstal/inbraak woning";"Mannen";"2015";"Leiderdorp";"40"',
    )
    code, out, err = ivb_import(capsys, data, men_only, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, "Geslacht", "Mannen", "Totaal")
    assert indicators_bytes(data) == before


def test_a_split_with_its_total_takes_the_total(capsys, data, tmp_path):
    split = export(
        tmp_path,
        "47013NED_geslacht.csv",
        '"Soort misdrijf";"Geslacht";"Perioden";"Regio\'s";"Geregistreerde misdrijven (aantal)"',
        '"1.1.1 Diefstal/inbraak woning";"Mannen";"2015";"Leiderdorp";"40"',
        '"1.1.1 Diefstal/inbraak woning";"Totaal mannen en vrouwen";"2015";"Leiderdorp";"87"',
        '"1.1.1 Diefstal/inbraak woning";"Vrouwen";"2015";"Leiderdorp";"47"',
    )
    code, out, err = ivb_import(capsys, data, split, "--downloaded", "2016-03-01")
    assert code == 0, err
    assert measurements(data, "diefstal-inbraak-woning")[2015]["value"] == 87


@pytest.mark.parametrize(
    ("line", "ok"), [("Geslacht: Mannen", False), ("Geslacht: Totaal mannen en vrouwen", True)]
)
def test_a_table_view_filtered_on_another_dimension(capsys, data, tmp_path, line, ok):
    view = export(
        tmp_path,
        "inbraak.csv",
        '"Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente"',
        '"Soort misdrijf: 1.1.1 Diefstal/inbraak woning"',
        f'"{line}"',
        "",
        '"Onderwerp";"Geregistreerde misdrijven"',
        '"Perioden";"2015"',
        '"Regio\'s";"aantal"',
        '"Leiderdorp";"87"',
    )
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, view, "--downloaded", "2016-03-01")
    if ok:
        assert code == 0, err
        assert measurements(data, "diefstal-inbraak-woning")[2015]["value"] == 87
    else:
        assert_clean_error(code, out, err, f"{view}:3", "Geslacht", "Mannen")
        assert indicators_bytes(data) == before


def test_a_file_with_one_huge_field_is_no_export(capsys, data, tmp_path):
    """A JSON download saved under a CSV-like name: one line far beyond csv's field limit."""
    big = tmp_path / "47013NED_TypedDataSet.json"
    big.write_text('{"value":[' + '{"ID":1}' * 40_000 + "]}", encoding="utf-8")
    code, out, err = ivb_import(capsys, data, big, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, str(big), "a JSON file, not a CSV export")
    # A quoted field far beyond csv's limit: said so, not in the csv module's words.
    big = tmp_path / "47013NED_2015.csv"
    big.write_text('"Soort misdrijf";"' + "x" * 200_000 + '"\n', encoding="utf-8")
    code, out, err = ivb_import(capsys, data, big, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, f"{big}:1", "a field is longer than any cell")
    assert "field limit" not in err
    # Fields of a normal size, and no header an export has.
    big.write_text("a,b\n" + ", ".join(["x"] * 40_000) + "\n", encoding="utf-8")
    code, out, err = ivb_import(capsys, data, big, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, f"{big}:1", "not an open-data export")
    assert len(err) < 500


def test_the_region_of_an_ambiguous_name_is_given_with_region(capsys, data):
    """The policy says "Bergen"; the export has Bergen (L.) and Bergen (NH.)."""
    become(data, "Bergen")
    code, out, err = ivb_import(capsys, data, PIVOTED, "--downloaded", "2016-03-01")
    assert_clean_error(code, out, err, "--region 'Bergen (L.)'")
    code, out, err = ivb_import(
        capsys, data, PIVOTED, "--region", "Bergen (NH.)", "--downloaded", "2016-03-01"
    )
    assert code == 0, err
    written = measurements(data, "diefstal-inbraak-woning")
    nh = [r for r in csv.reader(PIVOTED.read_text("utf-8-sig").splitlines(), delimiter=";")]
    (row,) = [r for r in nh if r and r[0] == "Bergen (NH.)"]
    years = next(r for r in nh if r and r[0] == "Perioden")[1:]
    for year, cell in zip(years, row[1:], strict=True):
        if cell not in MISSING_CELLS:
            assert written[int(year.rstrip("*"))]["value"] == int(cell)


def test_a_table_view_with_a_separator_at_every_line_end(capsys, data, tmp_path):
    """Excel ends every line with a separator; a short region row has no figure at its end."""
    view = export(
        tmp_path,
        "inbraak.csv",
        '"Soort misdrijf: 1.1.1 Diefstal/inbraak woning";',  # no title line either
        ";",
        '"Onderwerp";"Geregistreerde misdrijven";"Geregistreerde misdrijven";',
        '"Perioden";"2015";"2016";',
        '"Regio\'s";"aantal";"aantal";',
        '"Leiderdorp";"87"',
        '"Bron: Politie";',
    )
    code, out, err = ivb_import(capsys, data, view, "--dry-run", "--downloaded", "2017-03-01")
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2015)[3:5] == ("87", "new")
    assert row_of(out, "diefstal-inbraak-woning", 2016)[3:5] == ("–", "no figure: empty")


def test_a_tabular_export_with_an_id_column_and_titles(capsys, data, tmp_path):
    typed = export(
        tmp_path,
        "47013NED_id.csv",
        '"ID";' + HEADER,
        '0;"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"87"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2015)[3:5] == ("87", "new")


def test_two_series_of_one_table_on_an_indicator_are_refused_by_validate(capsys, data):
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    series = '        category: "1.1.1"\n        title: "Diefstal/inbraak woning"\n'
    assert text.count(series) == 1
    twice = (
        series
        + '        topic: "Geregistreerde misdrijven"\n'
        + '      - table: 47013NED\n        category: "1.1.2"\n'
        + '        topic: "Geregistreerde misdrijven"\n'
    )
    path.write_text(
        text.replace(series + '        topic: "Geregistreerde misdrijven"\n', twice, 1),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert "(open-data-twice)" in out + err


def test_excels_separator_line_is_read(capsys, data, tmp_path):
    typed = export(
        tmp_path,
        "47013NED_sep.csv",
        "sep=;",
        HEADER,
        '"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"87"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2015)[3:] == ("87", "new", "3")


@pytest.mark.parametrize("cell", ["1.395", "1 395"])
def test_a_count_with_thousands_separators(capsys, data, tmp_path, cell):
    typed = export(
        tmp_path,
        "47013NED_groot.csv",
        HEADER,
        f'"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"{cell}"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--downloaded", "2016-03-01")
    assert code == 0, err
    assert measurements(data, "diefstal-inbraak-woning")[2015]["value"] == 1395


def test_a_year_with_only_months_says_so(capsys, data, tmp_path):
    untyped = export(
        tmp_path,
        "47013NED_UntypedDataSet_maanden.csv",
        '"ID";"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijven_1"',
        '0;"1.1.1 ";"GM0547    ";"2015JJ00";"87"',
        '1;"1.1.1 ";"GM0547    ";"2016MM01";"8"',
        '2;"1.1.1 ";"GM0547    ";"2016MM02";"6"',
    )
    code, out, err = ivb_import(
        capsys, data, untyped, "--year", "2016", "--dry-run", "--downloaded", "2017-03-01"
    )
    assert code == 1, err  # no figure for the year asked
    row = row_of(out, "diefstal-inbraak-woning", 2016)
    assert row[3:5] == ("–", "no figure: only monthly or quarterly figures")
    assert "2 monthly or quarterly figures" in out
    assert "Leiderdorp" in err or "GM0547" in err


def test_the_download_date_from_the_files_date_is_said(capsys, data):
    os.utime(TYPED_2013, (TYPED_2013.stat().st_atime, dt.datetime(2015, 3, 1).timestamp()))
    code, out, _ = ivb_import(capsys, data, TYPED_2013, "--year", "2014", "--dry-run")
    assert code == 0
    assert "downloaded 2015-03-01 (the file's date; --downloaded sets it)" in out


def test_a_region_is_matched_without_its_accents(capsys, data, tmp_path):
    other = become(shutil.copytree(data, tmp_path / "other"), "Sudwest-Fryslan")
    code, out, err = ivb_import(capsys, other, WINDOWS, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert "region Súdwest-Fryslân" in out


def test_a_status_column_overrides_the_periods_mark(capsys, data, tmp_path):
    typed = export(
        tmp_path,
        "47013NED_status.csv",
        HEADER + ';"Status"',
        '"1.1.1 Diefstal/inbraak woning";"2015*";"Leiderdorp";"87";"Definitief"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--downloaded", "2016-03-01")
    assert code == 0, err
    assert measurements(data, "diefstal-inbraak-woning")[2015].get("provisional") is None


def test_the_same_figure_written_twice_is_one_figure(capsys, data, tmp_path):
    typed = export(
        tmp_path,
        "47013NED_twice.csv",
        HEADER,
        '"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"87"',
        '"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"087"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert [r[1] for r in table_rows(out) if r[0] == "diefstal-inbraak-woning"] == ["2015"]


def test_the_report_says_where_an_imported_figure_comes_from(capsys, data, tmp_path):
    code, _, err = ivb_import(capsys, data, TYPED, "--year", "2015", "--downloaded", "2016-03-01")
    assert code == 0, err
    out_file = tmp_path / "verslag.md"
    code, _, err = run(
        capsys, "report", "--lang", "nl", "--year", "2015", "-o", str(out_file), "--data", str(data)
    )
    assert code == 0, err
    category = typed_figures(TYPED, "Leiderdorp")[("1.1.1", 2015)][0]
    assert (
        f"Herkomst 2015: open data {TABLE}, {category}, file {TYPED.name}".replace("_", "\\_")
        + ", ontvangen 1 maart 2016"
    ) in out_file.read_text(encoding="utf-8")


def test_a_misspelt_region_is_answered_with_the_policys_name(capsys, data):
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--region", "Leiderdrop")
    assert_clean_error(code, out, err, "--region Leiderdrop", "did you mean Leiderdorp?")
    assert indicators_bytes(data) == before


# -- found in a code review ------------------------------------------------------------------


def test_a_table_view_with_a_merged_topic_cell(capsys, data, tmp_path):
    """The topic written once over three period columns, the rest of the row empty."""
    view = export(
        tmp_path,
        "inbraak.csv",
        '"Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente"',
        '"Soort misdrijf: 1.1.1 Diefstal/inbraak woning"',
        "",
        '"Onderwerp";"Geregistreerde misdrijven";"";""',
        '"Perioden";"2014";"2015";"2016*"',
        '"Regio\'s";"aantal";"aantal";"aantal"',
        '"Leiderdorp";"98";"87";"75"',
    )
    code, out, err = ivb_import(capsys, data, view, "--dry-run", "--downloaded", "2017-03-01")
    assert code == 0, err
    assert [r[3] for r in table_rows(out) if r[0] == "diefstal-inbraak-woning"] == [
        "98",
        "87",
        "75*",
    ]


def test_another_tables_series_does_not_stop_the_table_being_found(capsys, data):
    """A series of another table with the same code under another title is no match while
    the table of a file without an id in its name is looked for."""
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    old = '    open_data:\n      - table: 47013NED\n        category: "1.1.2"\n'
    assert text.count(old) == 1
    other = (
        '    open_data:\n      - table: 83648NED\n        category: "1.1.1"\n'
        '        title: "Iets anders"\n        topic: "Geregistreerde misdrijven"\n'
        '      - table: 47013NED\n        category: "1.1.2"\n'
    )
    path.write_text(text.replace(old, other), encoding="utf-8")
    code, out, err = ivb_import(capsys, data, PIVOTED, "--dry-run", "--downloaded", "2017-03-01")
    assert code == 0, err
    assert "table 47013NED (from its series)" in " ".join(out.splitlines()[:2])


def test_data_with_errors_is_refused_before_the_export_is_read(capsys, data):
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("        topic:", "        topik:", 1), encoding="utf-8")
    before = indicators_bytes(data)
    code, out, err = ivb_import(capsys, data, TYPED, "--downloaded", "2016-03-01")
    assert code == 1
    assert "topik" in err and "ivb validate" in err and "Traceback" not in err
    assert indicators_bytes(data) == before


def test_a_longer_name_must_be_the_policys_name_and_a_qualifier(capsys, data):
    """For a policy of Bergen, "Bergen (NH.)" is Bergen; "Bergen op Zoom" is not."""
    become(data, "Bergen")
    code, out, err = ivb_import(capsys, data, PIVOTED, "--region", "Bergen op Zoom")
    assert_clean_error(code, out, err, "--region Bergen op Zoom", "Bergen's")


def test_a_year_in_the_future_is_an_error_row_in_the_imports_words(capsys, data, tmp_path):
    future = dt.date.today().year + 1
    typed = export(
        tmp_path,
        "47013NED_toekomst.csv",
        HEADER,
        f'"1.1.1 Diefstal/inbraak woning";"{future}";"Leiderdorp";"87"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 1
    assert row_of(out, "diefstal-inbraak-woning", future)[4] == "error: a year in the future"
    assert "--any-year" not in out + err


def test_the_same_count_with_and_without_a_thousands_point_is_one_figure(capsys, data, tmp_path):
    typed = export(
        tmp_path,
        "47013NED_twice.csv",
        HEADER,
        '"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"1.395"',
        '"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"1395"',
    )
    code, out, err = ivb_import(capsys, data, typed, "--dry-run", "--downloaded", "2016-03-01")
    assert code == 0, err
    assert row_of(out, "diefstal-inbraak-woning", 2015)[3] == "1395"


def test_the_table_option_ignores_case(capsys, data):
    code, out, err = ivb_import(
        capsys, data, PIVOTED, "--table", "47013ned", "--dry-run", "--downloaded", "2017-03-01"
    )
    assert code == 0, err
    assert "table 47013NED (from --table)" in " ".join(out.splitlines()[:2])
