"""``ivb validate`` in Dutch: the messages, levels and summary of a run come out of the
Dutch catalogue with their places filled in, while the codes and the JSON fields stay the
English identifiers they are. Each test speaks Dutch through ``ivb.i18n.use("nl")`` and
English again after it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import edit, run

CASES = Path(__file__).resolve().parent / "cases"
MINIMAL = CASES / "valid" / "minimal"


def validate(capsys: pytest.CaptureFixture[str], folder: Path, *options: str):
    """``ivb validate`` of ``folder``, run from inside it so that files show bare names."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        return run(capsys, "validate", "--data", ".", *options)


def test_an_unknown_indicator_and_its_warning_in_dutch(dutch, capsys):
    code, out, err = validate(capsys, CASES / "invalid" / "unknown-indicator")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "indicators.yaml:15:9: fout: prioriteit 1 noemt indicator "
        "'diefstal-inbraak-woningen', maar die bestaat niet; bedoelt u "
        "'diefstal-inbraak-woning'? (unknown-indicator)",
        "indicators.yaml:27:9: waarschuwing: indicator 'diefstal-inbraak-woning' hoort bij "
        "geen enkele prioriteit (unlisted-indicator)",
        "1 fout, 1 waarschuwing in 2 bestanden",
    ]


def test_the_json_output_keeps_its_codes_and_levels_and_gives_dutch_messages(dutch, capsys):
    code, out, _ = validate(capsys, CASES / "invalid" / "unknown-indicator", "--format", "json")
    assert code == 1
    found = json.loads(out)["problems"]
    assert [(p["level"], p["code"]) for p in found] == [
        ("error", "unknown-indicator"),
        ("warning", "unlisted-indicator"),
    ]
    assert found[1]["message"] == (
        "indicator 'diefstal-inbraak-woning' hoort bij geen enkele prioriteit"
    )


def test_broken_yaml_in_dutch(dutch, capsys, tmp_path):
    shutil.copytree(MINIMAL, tmp_path, dirs_exist_ok=True)
    edit(tmp_path / "indicators.yaml", "      2015: 100\n", "      2015: [100, 90\n")
    edit(tmp_path / "partners.yaml", "partners:\n  -", "partners:\n\t-")
    code, _, err = validate(capsys, tmp_path)
    assert code == 1
    lines = err.splitlines()
    assert lines[-1] == "2 fouten, 0 waarschuwingen in 2 bestanden"
    assert lines[0].startswith("indicators.yaml:")
    assert lines[0].endswith(
        ": fout: bij het lezen van een lijst tussen blokhaken: de verwachte ',' of ']' "
        "ontbreekt (yaml-syntax)"
    )
    assert lines[1].startswith("partners.yaml:")
    assert lines[1].endswith(": fout: een tab: YAML springt alleen met spaties in (yaml-syntax)")


def test_a_value_in_quotes_and_a_looser_target_in_dutch(dutch, capsys):
    _, _, err = validate(capsys, CASES / "invalid" / "count-as-text")
    assert err.splitlines()[0] == (
        "indicators.yaml:35:13: fout: indicators[diefstal-inbraak-woning].measurements[2012] "
        "moet een getal zijn of een mapping met een waarde (value); '141' tussen "
        "aanhalingstekens is tekst: schrijf het zonder aanhalingstekens (wrong-type)"
    )
    _, _, err = validate(capsys, CASES / "invalid" / "target-looser")
    assert err.splitlines()[0] == (
        "indicators.yaml:39:7: waarschuwing: 'diefstal-inbraak-woning': de streefwaarde voor "
        "2016 (110) is ruimer dan die voor 2015 (100): een hogere bovengrens (target-looser)"
    )


def test_a_missing_data_folder_is_refused_in_dutch(dutch, capsys, tmp_path):
    code, _, err = run(capsys, "validate", "--data", str(tmp_path / "geen"))
    assert code == 1
    assert err == f"ivb: {tmp_path / 'geen'}: deze gegevensmap bestaat niet (gebruik --data MAP)\n"


def test_english_again_after_dutch(capsys):
    """The fixture puts English back: the next run speaks the language of the code."""
    _, _, err = validate(capsys, CASES / "invalid" / "unknown-indicator")
    assert err.splitlines()[-1] == "1 error, 1 warning in 2 files"


def test_a_choice_outside_the_list_in_dutch(dutch, capsys):
    _, _, err = validate(capsys, CASES / "invalid" / "unit-unknown")
    assert err.splitlines()[0] == (
        "indicators.yaml:43:11: fout: indicators[slachtofferschap-totaal].unit: moet 'count', "
        "'percent', 'per 1000' of 'per 10000' zijn (invalid-choice)"
    )
