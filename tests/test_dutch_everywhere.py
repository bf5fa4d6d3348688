"""A Dutch user reads Dutch everywhere: every command's help, each option's and argument's
help and placeholder, and the messages of the ways a command can fail (a wrong date, an
empty text, a full disk, a closed output, broken YAML)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import DATA, TESTS, edit, run
from ivb import i18n
from ivb.problems import os_reason

PO = Path(i18n.LOCALE) / "nl" / "LC_MESSAGES" / "ivb.po"


def _catalogue() -> dict[str, str]:
    """The Dutch catalogue: each English text and its Dutch (empty when not translated)."""
    with PO.open("rb") as f:
        return {str(m.id): str(m.string) for m in read_po(f) if m.id}


def _commands() -> dict[str, object]:
    """Every command of ivb, built in the language in use, by name."""
    from ivb.cli import plans, records, report, schema, status, validate  # noqa: F401
    from ivb.cli.app import command_line

    group = command_line()
    return {name: group.commands[name] for name in group.commands}


def _texts(command) -> list[str]:
    """The texts a command's help shows that ivb wrote: its help, each parameter's help and
    placeholder (FILE, YEAR), and the help of -h."""
    import click

    texts = [command.help]
    for param in command.params:
        texts += [getattr(param, "help", None), param.metavar]
    texts.append(command.get_help_option(click.Context(command)).help)
    return [t for t in texts if t and not (t.startswith("<") and t.endswith(">"))]


def test_every_help_text_of_every_command_has_its_dutch(dutch):
    catalogue = _catalogue()
    i18n.use("en")
    english = {name: _texts(command) for name, command in _commands().items()}
    i18n.use("nl")
    built = {name: _texts(command) for name, command in _commands().items()}
    assert set(english) >= {"status", "add-measurement", "import", "set-action", "schema"}
    missing = [
        f"{name}: {text!r}"
        for name, texts in english.items()
        for text in texts
        if i18n.translate(text, "nl") == text and not catalogue.get(text)
    ]
    assert missing == []
    # And the command built in Dutch shows the Dutch, not the English.
    for name, texts in english.items():
        assert built[name] == [i18n.translate(text, "nl") for text in texts], name


def test_the_placeholders_and_types_of_the_help_read_dutch(capsys, dutch, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, "add-measurement", "-h")
    assert code == 0
    assert "Gebruik: ivb add-measurement [OPTIES] {INDICATOR} {JAAR} {WAARDE}" in out
    assert "<JJJJ-MM-DD>" in out and "UITSPLITSING.CATEGORIE=WAARDE" in out
    assert "<tekst>" in out and "<getal>" in out and "<pad>" in out
    for english in ("YEAR", "VALUE", "<str>", "<int>", "<path>", "%Y-%m-%d", "BREAKDOWN"):
        assert english not in out
    code, out, _ = run(capsys, "schema", "-h")
    assert code == 0 and "Gebruik: ivb schema [OPTIES] [BESTAND]" in out
    assert "-o      BESTAND" in out


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _error_panel(err: str) -> str:
    """The message inside the box of a usage error, on one line."""
    lines = [line.strip("│ ").rstrip() for line in err.splitlines() if line.startswith("│")]
    return " ".join(lines)


def test_a_wrong_date_is_refused_in_dutch(capsys, dutch, monkeypatch, data):
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("NO_COLOR", "1")
    code, _, err = run(
        capsys, "set-action", "taskforce-woninginbraken-2016", "--state", "running",
        "--date", "2016-13-01", "--data", str(data),
    )  # fmt: skip
    assert code == 2
    assert _error_panel(err) == (
        "Ongeldige waarde voor '--date': '2016-13-01' is geen datum van de vorm 'JJJJ-MM-DD'."
    )


def test_a_missing_argument_is_named_in_dutch(capsys, dutch, monkeypatch, data):
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("NO_COLOR", "1")
    code, _, err = run(capsys, "add-measurement", "diefstal-inbraak-woning", "--data", str(data))
    assert code == 2
    assert _error_panel(err) == "Het argument 'JAAR' ontbreekt."


def test_an_empty_evaluation_asks_for_the_evaluation(capsys, dutch, data):
    code, _, err = run(
        capsys, "evaluate", "taskforce-woninginbraken-2016", "2016", " ", "--data", str(data)
    )
    assert (code, err) == (1, "ivb: TEKST is leeg; geef de evaluatie\n")


def test_a_text_on_two_lines_is_named_in_dutch(capsys, dutch, data):
    code, _, err = run(
        capsys, "explain", "diefstal-inbraak-woning", "2016", "a\nb", "--data", str(data)
    )
    assert (code, err) == (
        1,
        "ivb: TEKST bevat een regeleinde; typ de tekst opnieuw op één regel\n",
    )


def test_a_dry_run_of_set_action_reads_from_one_state_to_the_other(capsys, dutch, data):
    code, out, _ = run(
        capsys, "set-action", "taskforce-woninginbraken-2016", "--state", "running",
        "--date", "2016-03-01", "--note", "gestart", "--dry-run", "--data", str(data),
    )  # fmt: skip
    assert code == 0
    plan = data / "plans" / "2016-2017.yaml"
    assert (
        "Zou de stand van taskforce-woninginbraken-2016 wijzigen van gepland naar in "
        f"uitvoering op 2016-03-01: gestart, in {plan}.\n"
    ) in out


def test_a_partner_s_kind_reads_dutch(capsys, dutch, monkeypatch, data):
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run(capsys, "partners", "--data", str(data))
    assert code == 0
    assert "Betrokken burgers  betrokken-burgers · extern · prioriteiten: 2" in out
    assert " · intern · " in out and "external" not in out and "internal" not in out
    code, out, _ = run(capsys, "partners", "--format", "csv", "--data", str(data))
    assert "betrokken-burgers,Betrokken burgers,external," in out  # the csv keeps the code


def test_a_yaml_syntax_error_is_said_in_dutch(capsys, dutch):
    case = TESTS / "cases" / "invalid" / "direction-bare-dash"
    code, _, err = run(capsys, "validate", "--format", "text", "--data", str(case))
    assert code == 1
    assert err.splitlines()[0].endswith(
        "indicators.yaml:44:16: fout: een lijstelement (-) is hier niet toegestaan; "
        "een losse - na een sleutel begint een lijst: "
        'zet de tekst - tussen aanhalingstekens: "-" (yaml-syntax)'
    )


def test_why_a_file_could_not_be_written_is_said_in_dutch(dutch):
    denied = OSError(errno.EACCES, os.strerror(errno.EACCES))
    assert os_reason(denied) == "geen toestemming"
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert os_reason(full) == "er is geen ruimte meer op de schijf"
    own = OSError(errno.EIO, "the output took nothing")  # ivb's own reason: kept as it is
    assert os_reason(own) == "the output took nothing"
    i18n.use("en")
    assert os_reason(full) == os.strerror(errno.ENOSPC)  # English: as the system says it


def _ivb(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "IVB_LANG": "nl"}
    return subprocess.run(
        [sys.executable, "-m", "ivb", *args], text=True, env=env, timeout=60, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_said_in_dutch(data):
    with open("/dev/full", "w") as full:
        done = _ivb("status", "--data", str(data), stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert (
        done.stderr == "ivb: kan de uitvoer niet schrijven: er is geen ruimte meer op de schijf\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="closes a descriptor of the child")
def test_a_closed_standard_output_is_said_in_dutch(data):
    done = _ivb(
        "status", "--data", str(data), stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1)
    )
    assert done.returncode == 1
    assert done.stderr == "ivb: kan de uitvoer niet schrijven: de standaarduitvoer is gesloten\n"


def test_a_value_of_the_wrong_type_is_said_in_dutch(capsys, dutch, data):
    edit(data / "indicators.yaml", "    number: 1\n", "    number: een\n")
    code, _, err = run(capsys, "validate", "--format", "text", "--data", str(data))
    assert code == 1
    assert (
        "indicators.yaml:45:13: fout: priorities[objectieve-veiligheid].number: moet een "
        "geheel getal zijn (wrong-type)"
    ) in err
    assert "input should be" not in err


def test_an_import_records_its_source_in_dutch(capsys, dutch, data):
    export = TESTS / "cases" / "import" / "47013NED_2014-2016.csv"
    code, _, _ = run(capsys, "import", str(export), "--year", "2015", "--data", str(data))
    assert code == 0
    written = (data / "indicators.yaml").read_text(encoding="utf-8")
    assert (
        '        source: "opendata 47013NED, 1.1.1 Diefstal/inbraak woning, '
        'bestand 47013NED_2014-2016.csv"\n'
    ) in written
