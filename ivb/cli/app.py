"""What every command of the command line shares: the Typer app, the data folder option,
the output formats, and how errors and output are written."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Exit(IntEnum):
    """Exit codes are a contract with scripts and CI."""

    OK = 0  # clean (warnings allowed unless --strict)
    DATA = 1  # data problems, or a request refused with a message
    USAGE = 2  # wrong command-line usage
    BUG = 3  # an unexpected error in ivb itself (traceback shown)
    INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
    PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader of the output left early


app = typer.Typer(
    name="ivb",
    help="Track a municipality's integral safety policy (Integraal Veiligheidsbeleid): "
    "indicators, targets and where each stands, kept as YAML in a git repository.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataDir = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        envvar="IVB_DATA",
        show_envvar=True,
        help="The data folder (indicators.yaml, partners.yaml, plans/).",
    ),
]


class StatusFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ProblemFormat(StrEnum):
    auto = "auto"
    text = "text"
    github = "github"
    json = "json"


class SchemaFile(StrEnum):
    indicators = "indicators"
    partners = "partners"
    plan = "plan"


def say_waiting() -> None:
    sys.stderr.write("ivb: waiting for another ivb that is writing to this data folder...\n")


@contextmanager
def write_output(done: str = "") -> Iterator[None]:
    """Write a command's output; a reader that leaves early (``| head``) ends ivb quietly
    with 141 (128 + SIGPIPE), as it ends any program, rather than as an error. Output that
    cannot be written at all (a full disk, a closed stdout) is an error, not a bug."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(Exit.PIPE_CLOSED) from None
    except (OSError, AttributeError, ValueError) as exc:  # no stdout, or it is full
        closed = sys.stdout is None or getattr(sys.stdout, "closed", False)
        if not isinstance(exc, OSError) and not closed:
            raise  # a bug in a renderer, not the output: main shows it as one
        reason = getattr(exc, "strerror", None) or "standard output is closed"
        sys.stderr.write(f"ivb: cannot write the output: {reason}{done}\n")
        raise typer.Exit(Exit.DATA) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it again on exit raises nothing."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
