"""Every rule ``ivb validate`` applies, as a page: ``docs/rules.md`` is written from here
(``make docs``), so that it says what the code does. The rules of reading a file and of the
schema come from their tables (``store.READING_RULES``, ``messages.SCHEMA_RULES``), the
rules across objects and files from the checks' own docstrings and declared codes.

``python -m ivb.data.rules`` prints the page.
"""

from __future__ import annotations

import re

from ..checks import CHECKS
from ..checks.registry import Rule
from ..layout import DATA_FILE_NAMES, PLANS
from ..problems import ERROR
from .messages import SCHEMA_RULES
from .store import READING_RULES

HEAD = """\
# What `ivb validate` checks

<!-- Written by `make docs` from ivb's own rules (python -m ivb.data.rules): the checks'
docstrings and declared codes, and the tables of ivb/data/store.py and messages.py.
Edit those, not this page; a test fails when it is out of date. -->

Every problem has a stable code: search for it, or filter on it in your own tooling.
Errors fail the run; warnings fail it only with `--strict`. `add-measurement`, `import`,
`set-target` and `set-action` apply the same rules to the data as it would be with their
change, and write nothing when it would break one.

The rules run in three steps. Reading a file comes first; a file that cannot be read is
reported and the others are still checked. The schema comes next; an item that fails it
(an indicator, a partner, an action) still counts as defined, so the rules across objects
still run on everything else, and one run shows every problem.
"""
_RST_LITERAL = re.compile(r"``(.+?)``", re.S)


def rules_page() -> str:
    """The page ``docs/rules.md``."""
    out = [HEAD, "## Every code", "", "| code | level | rule |", "|---|---|---|"]
    for code, level, where in _index():
        out.append(f"| `{code}` | {level} | {where} |")
    out += ["", "## Reading a file", "", "| code | rule |", "|---|---|"]
    out += [f"| `{code}` | {rule} |" for code, rule in READING_RULES.items()]
    out += ["", "## The schema", "", "| code | rule |", "|---|---|"]
    out += [f"| `{code}` | {rule} |" for code, rule in SCHEMA_RULES.items()]
    out += ["", "## Rules across objects and files", ""]
    for rule in CHECKS:
        out += [f"### {_title(rule)}", "", _codes(rule), "", _markdown(rule.doc), ""]
    return "\n".join(out).rstrip() + "\n"


def _index() -> list[tuple[str, str, str]]:
    """(code, level, the rules that report it, linked), sorted by code."""
    found: dict[str, tuple[set[str], list[str]]] = {}
    for code in READING_RULES:
        found[code] = ({ERROR}, ["[reading a file](#reading-a-file)"])
    for code in SCHEMA_RULES:
        found[code] = ({ERROR}, ["[the schema](#the-schema)"])
    for rule in CHECKS:
        for code, level in rule.codes.items():
            levels, where = found.setdefault(code, (set(), []))
            levels.add(level)
            where.append(f"[{rule.name}](#{_anchor(_title(rule))})")
    return [(c, ", ".join(sorted(lv)), ", ".join(w)) for c, (lv, w) in sorted(found.items())]


def _title(rule: Rule) -> str:
    """``check_years (indicators.yaml)``: the check and the files it reads."""
    names = [DATA_FILE_NAMES.get(f, f"{PLANS}/*.yaml") for f in sorted(rule.files)]
    return f"{rule.name} ({', '.join(names)})"


def _anchor(title: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def _codes(rule: Rule) -> str:
    return "Codes: " + ", ".join(f"`{code}` ({level})" for code, level in rule.codes.items())


def _markdown(doc: str) -> str:
    """A docstring as markdown: its literals in single backticks."""
    return _RST_LITERAL.sub(r"`\1`", doc)


if __name__ == "__main__":
    print(rules_page(), end="")
