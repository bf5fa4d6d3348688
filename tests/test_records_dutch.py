"""The recording commands in Dutch: add-measurement's and set-target's refusals and
confirmation, a typed number's refusal, a rule on values as ``ivb validate`` reports it,
and the help of add-measurement and of ivb itself, each with its placeholders filled.

English stays the default: these tests switch to Dutch and back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA, ROOT, edit, run
from ivb import i18n

WONING = "diefstal-inbraak-woning"
TOTAAL = "slachtofferschap-totaal"
HALT = "verwijzingen-halt"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


REFUSED = [
    (
        [WONING, "2013", "98"],
        "ivb: 'diefstal-inbraak-woning' heeft al een waarde voor 2013: 122; gebruik --replace "
        "om die te vervangen (de oude waarde blijft bewaard in de geschiedenis van de "
        "indicator)",
    ),
    (
        ["diefstal-inbraak-wonin", "2015", "98"],
        "ivb: er is geen indicator 'diefstal-inbraak-wonin'; bedoelt u diefstal-inbraak-woning?",
    ),
    (
        [WONING, "2010", "98"],
        "ivb: 2010 ligt vóór het eerste jaar van 'diefstal-inbraak-woning' (2011); gebruik "
        "--any-year als u dat bedoelt",
    ),
    (
        [WONING, "2015", "98", "--received", "2014-12-31"],
        "ivb: --received 2014-12-31: een cijfer voor 2015 wordt ontvangen tussen 1 januari "
        "2015 en vandaag",
    ),
    (
        [HALT, "2015", "20", "-b", "geslacht.jongens=x"],
        "ivb: --breakdown 'geslacht.jongens': de waarde 'x' is geen aantal: schrijf een geheel "
        "getal, zoals 98",
    ),
    (
        [HALT, "2015", "20", "-b", "geslacht.jongens=15", "-b", "geslacht.meisjes=4"],
        "ivb: --breakdown 'geslacht': de uitsplitsing geslacht van 'verwijzingen-halt' voor "
        "2015 telt op tot 19, maar het totaal is 20",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), [pytest.param(a, m, id=" ".join(a)) for a, m in REFUSED]
)
def test_add_measurement_refuses_in_dutch(dutch, data, capsys, args, message):
    before = (data / "indicators.yaml").read_bytes()
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert (code, out, err) == (1, "", message + "\n")
    assert (data / "indicators.yaml").read_bytes() == before


TYPED = [
    (
        [WONING, "2015", "1.225"],
        "de waarde '1.225' kan 1225 betekenen (met een scheidingsteken voor duizendtallen) of "
        "1.225 (met decimalen); een aantal is een geheel getal: schrijf 1225",
    ),
    (
        [WONING, "2015", "1.225.000"],
        "de waarde '1.225.000' scheidt duizendtallen met een punt; schrijf het zonder: 1225000",
    ),
    (
        [WONING, "2015", "99999999999"],
        "de waarde '99999999999' is meer dan 9.999.999.999: geen aannemelijk aantal",
    ),
    (
        [TOTAAL, "2015", "101"],
        "de waarde '101' is 101, maar een percentage moet tussen 0 en 100 liggen",
    ),
    (
        [TOTAAL, "2015", "13,125"],
        "de waarde '13,125' is 13.125: een percentage heeft hooguit twee decimalen; rond af op "
        "twee decimalen: 13,13",
    ),
    ([WONING, "2015", "98%"], "de waarde '98%': deze indicator telt; een aantal heeft geen %"),
]


@pytest.mark.parametrize(("args", "message"), [pytest.param(a, m, id=a[2]) for a, m in TYPED])
def test_a_typed_number_is_refused_in_dutch(dutch, data, capsys, args, message):
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert (code, out, err) == (1, "", f"ivb: {message}\n")


def test_the_target_is_named_as_such_in_dutch(dutch, data, capsys):
    args = [WONING, "2016", "1,225", "--reason", "Raadsbesluit", "--data", str(data)]
    code, out, err = run(capsys, "set-target", *args)
    assert (code, out) == (1, "")
    assert err == (
        "ivb: de streefwaarde '1,225' kan 1225 betekenen (met een scheidingsteken voor "
        "duizendtallen) of 1,225 (met decimalen); een aantal is een geheel getal: schrijf 1225\n"
    )


def test_add_measurement_confirms_in_dutch(dutch, data, capsys):
    args = [WONING, "2015", "98", "--source", "Politie BVH", "--received", "2016-02-01"]
    code, out, err = run(capsys, "add-measurement", *args, "--provisional", "--data", str(data))
    assert (code, err) == (0, "")
    assert f"{WONING} 2015 vastgelegd: 98 (bron: Politie BVH; ontvangen: 2016-02-01; " in out
    assert "voorlopig) in " in out
    # The same command again: already so, nothing to do (exit 0), said in Dutch.
    code, out, err = run(capsys, "add-measurement", *args, "--provisional", "--data", str(data))
    assert (code, out) == (0, "")
    assert err == (
        "ivb: voor 'diefstal-inbraak-woning' 2015 is al 98 (bron: Politie BVH; ontvangen: "
        "2016-02-01; voorlopig) vastgelegd; er is niets gewijzigd.\n"
    )


def test_a_dry_run_says_so_in_dutch(dutch, data, capsys):
    before = (data / "indicators.yaml").read_bytes()
    args = [WONING, "2015", "98", "--note", "Minder inbraken", "--dry-run"]
    code, out, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert (code, err) == (0, "Proefrun: er is niets geschreven.\n")
    assert f"Zou {WONING} 2015 vastleggen: 98 (toelichting: Minder inbraken) in " in out
    assert (data / "indicators.yaml").read_bytes() == before


def test_set_target_refuses_in_dutch(dutch, data, capsys):
    args = [WONING, "2020", "90", "--reason", "Raadsbesluit", "--data", str(data)]
    code, out, err = run(capsys, "set-target", *args)
    assert (code, out) == (1, "")
    assert err == (
        "ivb: 2020 ligt buiten de beleidsperiode 2015-2018; een streefwaarde wordt "
        "vastgesteld voor een jaar van het beleid\n"
    )
    args = [WONING, "2015", "90", "--reason", "Raadsbesluit", "--data", str(data)]
    code, out, err = run(capsys, "set-target", *args)
    assert (code, out) == (1, "")
    assert err.startswith("ivb: 'diefstal-inbraak-woning' heeft al een streefwaarde voor 2015: ")
    assert "een streefwaarde is een raadsbesluit: wilt u die wijzigen, bewerk dan " in err


def test_validate_reports_a_rule_on_values_in_dutch(dutch, data, capsys):
    edit(data / "indicators.yaml", "      2015: 18\n", "      2015: 130\n")  # its target
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    assert (
        "fout: de streefwaarde voor 2015 van 'slachtofferschap-totaal' is 130, maar een "
        "percentage moet tussen 0 en 100 liggen (percent-range)\n"
    ) in err
    assert (
        "code '3.1.1' wordt door 3 indicatoren genoemd (vandalisme-baldadigheid, "
        "bezit-harddrugs, bezit-softdrugs) (shared-code)\n"
    ) in err


def test_english_is_back_after_dutch(data, capsys):
    i18n.use("nl")
    i18n.use("en")
    code, _, err = run(capsys, "add-measurement", WONING, "2015", "1.225", "--data", str(data))
    assert code == 1
    assert err.startswith("ivb: the value '1.225' could mean 1225 (with a thousands separator)")


def _help_in_dutch(*args: str) -> str:
    """``ivb ARGS --help`` in a process, as a user who chose Dutch with IVB_LANG sees it."""
    env = {**os.environ, "COLUMNS": "300", "NO_COLOR": "1", "TERM": "dumb", "IVB_LANG": "nl"}
    done = subprocess.run(
        [sys.executable, "-m", "ivb", *args, "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


def test_the_help_of_add_measurement_is_dutch():
    out = _help_in_dutch("add-measurement")
    for text in [
        "Leg een jaarwaarde van een indicator vast, met de herkomst ervan.",
        "Alleen de nieuwe regels worden toegevoegd; de gegevens worden met de wijziging "
        "gevalideerd en dan in één keer geschreven.",
        "De id van de indicator.",
        "De bron kan het cijfer nog herzien.",
        "Toon de wijziging als diff; schrijf niets.",
        "De gegevensmap (indicators.yaml, partners.yaml, plans/).",
    ]:
        assert text in out
    assert "Record a yearly value" not in out and "The indicator's id." not in out


def test_the_help_of_ivb_is_dutch():
    out = _help_in_dutch()
    assert "Volg het Integraal Veiligheidsbeleid van een gemeente" in out
    assert "Leg een jaarwaarde van een indicator vast, met de herkomst ervan." in out
    assert "Track a municipality's" not in out
