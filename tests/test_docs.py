"""The documentation says what the code does: the page of rules is written from the rules
themselves and is current, every code a problem can carry is on it with its level, the
README stays a front page, and every link between the pages leads somewhere."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT, TESTS
from ivb.data.load import load_dataset
from ivb.data.rules import rules_page

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
CASES = sorted(
    p.parent
    for p in (TESTS / "cases").glob("*/*/indicators.yaml")
    if p.parent.parent.name in ("valid", "invalid", "plans")
)
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def test_the_page_of_rules_is_current():
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_page(), (
        "docs/rules.md is out of date: run `make docs` and review the diff"
    )


def _documented() -> dict[str, set[str]]:
    """The codes docs/rules.md lists, with their levels."""
    rows = re.findall(r"^\| `([a-z-]+)` \| ([a-z, ]+) \|", rules_page(), re.M)
    return {code: set(levels.split(", ")) for code, levels in rows}


def test_every_problem_of_the_cases_has_a_documented_code_and_level():
    documented = _documented()
    assert len(CASES) > 40
    seen = set()
    for case in CASES:
        for problem in load_dataset(case).problems:
            assert problem.code in documented, f"{case.name}: {problem}"
            assert problem.level in documented[problem.code], f"{case.name}: {problem}"
            seen.add(problem.code)
    assert len(seen) > 30  # the cases reach most of the rules


def test_every_rule_reports_only_the_codes_it_declares(monkeypatch):
    """Each check, run on every case, yields only the codes (and levels) it declares: the
    page lists a code under the rules that can report it."""
    from ivb.checks import registry

    reported: dict[str, set[tuple[str, str]]] = {}

    def watched(rule: registry.Rule) -> registry.Rule:
        def check(ds):
            for finding in rule.check(ds):
                reported.setdefault(rule.name, set()).add((finding.code, finding.level))
                yield finding

        check.__name__ = rule.name
        return registry.Rule(check, rule.files, rule.codes)

    monkeypatch.setattr(registry, "CHECKS", [watched(r) for r in registry.CHECKS])
    for case in CASES:
        load_dataset(case)
    assert len(reported) == len(registry.CHECKS)  # the cases reach every rule
    for rule in registry.CHECKS:
        for code, level in reported[rule.name]:
            assert rule.codes.get(code) == level, f"{rule.name} reports {code} ({level})"


def test_the_readme_is_a_front_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 16 * 1024
    for command in ("make status", "make test"):
        assert f"\n{command}\n" in readme


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a page."""
    out = set()
    for heading in re.findall(r"^#+ (.+)$", _FENCE.sub("", text), re.M):
        out.add(re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-"))
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_leads_somewhere(page):
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    for match in _LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), (
                f"{page.name}: {target}: no such heading"
            )
