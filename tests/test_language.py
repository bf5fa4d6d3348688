"""The language ivb speaks: chosen at its start (--lang anywhere, IVB_LANG, else Dutch), for
every command, its help and the usage errors of the command line library under it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import DATA, run
from ivb import i18n
from ivb.cli.language import Language, start_language
from ivb.cli.library_texts import usage_error
from ivb.problems import UsageError
from test_package import USAGE_ERRORS


@pytest.mark.parametrize(
    ("argv", "env", "chosen"),
    [
        (["status", "--lang", "en"], "nl", "en"),  # the command line before IVB_LANG
        (["--lang", "nl", "status", "--lang", "en"], None, "en"),  # the last, as the option
        (["--lang=en", "validate"], None, "en"),
        (["status"], "en", "en"),
        (["status"], None, "nl"),  # Dutch, the council's language
        (["status"], "", "nl"),  # empty counts as unset
        (["status", "--lang", "de"], "en", "en"),  # no language: left to the option to refuse
        (["explain", "x", "2015", "--", "--lang", "en"], None, "nl"),  # after --: a text
    ],
)
def test_the_language_is_chosen_at_the_start(argv, env, chosen, monkeypatch):
    if env is None:
        monkeypatch.delenv("IVB_LANG", raising=False)
    else:
        monkeypatch.setenv("IVB_LANG", env)
    assert start_language(argv) is Language(chosen)
    assert i18n.language() == chosen


def test_a_wrong_ivb_lang_is_refused_by_every_command(capsys, monkeypatch):
    monkeypatch.setenv("IVB_LANG", "nl_NL.UTF-8")
    with pytest.raises(UsageError, match="IVB_LANG is 'nl_NL.UTF-8'"):
        start_language(["validate"])
    for command in ("validate", "add-measurement"):
        code, out, err = run(capsys, command, "--data", str(DATA))
        assert (code, out) == (2, "")
        assert "IVB_LANG is 'nl_NL.UTF-8'" in err


def test_every_command_and_ivb_itself_take_lang(capsys):
    assert run(capsys, "validate", "--data", str(DATA), "--lang", "en")[0] == 0
    assert run(capsys, "--lang", "en", "validate", "--data", str(DATA))[0] == 0
    code, out, _ = run(capsys, "schema", "plan", "--lang", "nl")
    assert code == 0 and out.startswith("{")
    code, _, err = run(capsys, "validate", "--lang", "de")
    assert code == 2 and "'de' is not one of 'nl', 'en'" in err


def test_usage_errors_in_dutch(capsys, dutch, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    cases = [
        (["status", "--yaer", "2015"], "Onbekende optie: --yaer (bedoelt u --year?)"),
        (["add-measurement"], "Het argument 'INDICATOR' ontbreekt."),
        (["stat"], "Onbekende opdracht 'stat'. Bedoelt u 'status'?"),
        (["status", "--year"], "De optie '--year' heeft een waarde nodig."),
        (
            ["status", "--year", "abc"],
            "Ongeldige waarde voor '--year' / '-y': 'abc' is geen geheel getal.",
        ),
        (
            ["status", "--year", "3000"],
            "Ongeldige waarde voor '--year' / '-y': 3000 ligt niet binnen 1990<=x<=2100.",
        ),
        (["status", "extra"], "Onverwachte extra argumenten (extra)"),
    ]
    for args, words in cases:
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, ""), args
        assert words in err, err
        assert "Fout" in err and "Usage" not in err and "Error" not in err
    _, _, err = run(capsys, "status", "--yaer", "2015")
    assert err.startswith("Gebruik: ivb status [OPTIES]\nZie 'ivb status -h' voor hulp.\n")


def test_help_in_dutch(capsys, dutch, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0
    for words in ("Gebruik: ivb validate [OPTIES]", "Opties", "Toon deze hulp en stop.", "--lang"):
        assert words in out
    assert "Options" not in out and "Show this message" not in out


def test_usage_errors_stay_as_click_writes_them_in_english():
    i18n.use("en")
    for message in ("No such option: --yaer (Possible options: --year)", "Missing command."):
        assert usage_error(message) == message


def test_a_usage_error_of_an_unknown_form_is_shown_as_it_is(dutch):
    assert usage_error("Something new went wrong.") == "Something new went wrong."


def test_a_lang_before_the_command_chooses_the_output_too(capsys, monkeypatch):
    monkeypatch.delenv("IVB_LANG")  # else the policy's Dutch: the csv for Dutch Excel
    code, out, _ = run(capsys, "status", "--data", str(DATA), "-f", "csv")
    assert code == 0 and out.startswith("\ufeff") and ";" in out.splitlines()[0]
    code, out, _ = run(capsys, "--lang", "en", "status", "--data", str(DATA), "-f", "csv")
    assert code == 0 and not out.startswith("\ufeff") and ";" not in out.splitlines()[0]


def test_with_no_choice_the_terminal_speaks_the_policys_dutch(capsys, monkeypatch):
    monkeypatch.delenv("IVB_LANG")
    code, out, _ = run(capsys, "status", "--data", str(DATA), "--priority", "3")
    assert code == 0 and "Prioriteit 3 · Veiligheid in en om school" in out
    code, _, err = run(capsys, "explain", "no-such-indicator", "2015", "x", "--data", str(DATA))
    assert (code, err) == (
        1,
        "ivb: er is geen indicator 'no-such-indicator'; `ivb status --format csv` toont de id's\n",
    )


def test_the_plans_json_says_a_plans_state_alike_in_both_languages(capsys, tmp_path):
    import json
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    plan = data / "plans" / "2015-2016.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "state: draft", "state: adopted\n  adopted: {date: 2015-03-01, by: de raad}", 1
        ),
        encoding="utf-8",
    )
    said = []
    for lang in ("nl", "en"):
        code, out, err = run(capsys, "plans", "--data", str(data), "-f", "json", "--lang", lang)
        assert code == 0, err
        said.append(json.loads(out)["plans"][0])
    assert said[0] == said[1]
    assert said[0]["state"] == "adopted"
    assert said[0]["adopted"] == {"date": "2015-03-01", "by": "de raad"}
    code, out, _ = run(capsys, "plans", "--data", str(data), "--lang", "nl")
    assert code == 0 and "(vastgesteld op 2015-03-01 door de raad)" in " ".join(out.split())


@pytest.mark.parametrize("args", [a for a in USAGE_ERRORS if a != ["-x"]])
def test_no_usage_error_keeps_its_english_in_dutch(args, capsys, dutch, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    for english in ("Usage", "Try ", "Error", "Invalid", "Missing", "No such", "does not", "Got "):
        assert english not in err, err


def test_dutch_help_has_dutch_panels_and_placeholders():
    env = {**os.environ, "IVB_LANG": "nl", "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    said = []
    for command in ("add-measurement", "status"):
        done = subprocess.run(
            [sys.executable, "-m", "ivb", command, "-h"], capture_output=True, text=True, env=env
        )
        assert (done.returncode, done.stderr) == (0, "")
        said.append(done.stdout)
    for words in (
        "Gebruik: ivb add-measurement [OPTIES]",
        "Argumenten",
        "Opties",
        "[verplicht]",
        "[omgevingsvariabele: IVB_DATA]",
        "[standaard: data]",
        "Toon deze hulp en stop.",
    ):
        assert words in said[0], words
    assert "-o      BESTAND" in said[1] and "FILE" not in said[1]


def test_the_panel_texts_are_typers_own():
    # Typer's texts as it writes them, in a process where ivb chose no language: the
    # catalogue translates them by these words, so a change in Typer would show here.
    code = (
        "import typer.rich_utils as r\n"
        "from ivb.cli.library_texts import PANEL_TEXTS\n"
        "print([a for a, e in PANEL_TEXTS.items() if getattr(r, a, None) != e])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")
