"""Reading the YAML data files: the only module that parses YAML.

PyYAML's C parser composes the node tree (fast, and every node knows its line); the tree is
then turned into plain Python values here rather than by PyYAML's constructor, because the
constructor silently loses or bends data that a coordinator typed by hand:

- a key written twice keeps only the last value;
- YAML 1.1 reads ``no``/``yes``/``on``/``off`` as booleans, ``010`` as octal 8 and ``1:30``
  as 90;
- tags such as ``!!python/object`` would build arbitrary objects (never here: the node tree
  is only read, nothing is constructed from a tag).

Each of these becomes a problem with its file, line and column. Alongside the values, a
``Document`` keeps the position of every key and value so that later checks can point at
the exact line of a mistake.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..i18n import N_, _
from ..layout import MAX_DATA_FILE
from ..problems import ERROR, Problem
from ..reading import Unreadable, read_regular
from ..text import control_character, excerpt

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}

Path_ = tuple[Any, ...]  # a place in the data: keys and list indexes from the root

# The rules of reading a file, by the codes of their problems (all errors), as
# ``docs/rules.md`` states them.
READING_RULES: dict[str, str] = {
    "file-missing": "Each data file exists.",
    "file-unreadable": "Each data file can be read: a regular file (not a folder, a named "
    "pipe or a device) of at most 64 MB, and `plans/` a folder that can be read.",
    "encoding": "A data file is UTF-8 text (with or without a byte order mark).",
    "empty-file": "A data file is not empty.",
    "yaml-syntax": "The file is valid YAML (one document), pointed at the place to fix: the "
    "quote left open, the line without its colon, a tab used to indent, a bare `-` after a "
    "key, a control character.",
    "duplicate-key": "No key appears twice in a mapping (YAML readers silently keep the last "
    "one, losing data).",
    "yaml-bool": "`yes`, `no`, `on`, `off`, `y`, `n` are not used for text: YAML 1.1 reads "
    "them as booleans. Write `true`/`false`, or quote text.",
    "yaml-number": "No number that YAML 1.1 reads in another base or notation (`010` is 8, "
    "`1:30` is 90, `0x1F`); write plain decimals, or quote text.",
    "yaml-date": "Dates are `YYYY-MM-DD`, and real dates.",
    "yaml-tag": "No tags (`!!python/...` is never executed: the files are only read).",
    "yaml-alias": "No anchors or aliases (which also rules out recursive data and "
    '"billion laughs" expansion).',
    "yaml-merge": "No merge keys (`<<`): write the keys out.",
    "yaml-key": "A key is a plain value, not a list or a mapping.",
    "control-character": "No text holds a control character (an escape such as `\\e[31m` "
    "that colours a terminal, a bidirectional override, a line separator): only tab and "
    "newline. The commands that write text refuse them too.",
}


@dataclass
class Scalar:
    """How a scalar was written, to explain what YAML made of it."""

    text: str
    tag: str
    quoted: bool


@dataclass
class Document:
    """One parsed data file: its values and where each of them stands in the file."""

    path: Path
    name: str  # the file as shown in messages, e.g. "data/indicators.yaml"
    data: Any = None
    root: yaml.Node | None = None  # the node tree, for edits that keep the file's text
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Path_, Scalar] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its key.

        Falls back to the nearest enclosing place that exists, so a missing field points
        at the mapping that lacks it.
        """
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def problem(
        self, path: Path_, code: str, message: str, *, level: str = ERROR, key: bool = False
    ) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(
            self.name, line, column, level, code, message, describe_path(self.data, path)
        )


def describe_path(data: Any, path: Path_) -> str:
    """A readable name for a place: ``indicators[diefstal-inbraak-woning].targets[2015]``.

    List items that carry an ``id`` are named by it, so a message survives reordering.
    """
    out: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out.append(f"[{ident}]" if isinstance(ident, str) else f"[{part}]")
            node = item
        elif isinstance(part, int):
            out.append(f"[{part}]")
            node = node.get(part) if isinstance(node, dict) else None
        else:
            out.append(f".{part}" if out else str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(out)


def read_document(
    path: Path, name: str | None = None, raw: bytes | None = None
) -> tuple[Document, list[Problem]]:
    """Parse one YAML file into a ``Document``, collecting every problem on the way.

    ``raw`` stands for the file's bytes when given: a change to check before it is written.
    Never raises for bad content: an unreadable, undecodable or malformed file gives a
    problem and a document whose ``data`` is ``None``.
    """
    doc = Document(path=path, name=name or str(path))
    if raw is None:
        try:
            raw = read_regular(path, MAX_DATA_FILE)
        except Unreadable as exc:
            code = "file-missing" if exc.missing else "file-unreadable"
            return doc, [Problem(doc.name, 0, 0, ERROR, code, exc.reason)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        return doc, [
            Problem(
                doc.name,
                line,
                column,
                ERROR,
                "encoding",
                _("the file is not valid UTF-8; save it as UTF-8"),
            )
        ]
    return parse_document(doc, text)


def parse_document(doc: Document, text: str) -> tuple[Document, list[Problem]]:
    """Parse YAML ``text`` into ``doc`` (see ``read_document``)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_problem(doc, text, exc)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line, column = _line_column(text, exc.position)
        message = (
            _(
                "the file contains the control character {code}, which YAML "
                "does not allow; remove it"
            ).format(code=f"#x{exc.character:04x}")
            if isinstance(exc.character, int)
            else exc.reason
        )
        return doc, [Problem(doc.name, line, column, ERROR, "yaml-syntax", message)]
    except yaml.YAMLError as exc:
        return doc, [Problem(doc.name, 0, 0, ERROR, "yaml-syntax", " ".join(str(exc).split()))]
    finally:
        loader.dispose()
    if node is None:
        return doc, [Problem(doc.name, 1, 1, ERROR, "empty-file", _("the file is empty"))]
    doc.root = node
    builder = _Builder(doc)
    if "*" in text:  # the composer resolves aliases; find where each was written
        builder.report_aliases(text)
    doc.data = builder.build(node, ())
    return doc, builder.problems


_BARE_DASH = re.compile(r":\s+-\s*(#.*)?$")
# Errors whose context mark is the start of the token at fault (the problem mark is where
# the scanner gave up, often on a later line).
_CONTEXT_FIRST = ("while scanning a simple key", "while scanning a quoted scalar")


def _syntax_problem(doc: Document, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error at the place a person would fix, with a hint where one helps."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context in _CONTEXT_FIRST and exc.context_mark is not None:
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = _yaml_words(exc.context, exc.problem)
    opened = _unclosed_quote(text, mark.index if mark else len(text))
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if opened is not None:
        (line, column), closed = opened
        message = _(
            "the quote opened here is closed only on line {line}; a value that "
            "starts with a quote must end with the same quote on its line"
        ).format(line=closed)
    elif exc.context == "while scanning a quoted scalar":
        message = _(
            "the quote opened here is not closed; a value that starts with a quote "
            "must end with the same quote on its line"
        )
    elif mark is not None and text[mark.index : mark.index + 1] == "\t":
        message = _("a tab character: YAML indents with spaces only")
    elif _BARE_DASH.search(here):
        message += _('; a bare - after a key starts a list: to write the text -, quote it: "-"')
    return Problem(doc.name, line, column, ERROR, "yaml-syntax", message)


# The YAML parser's words for what it was doing and what went wrong, as ivb shows them:
# translated when known, else as the parser wrote them.
_YAML_WORDS = {
    "while scanning a simple key": N_("while scanning a simple key"),
    "while scanning a quoted scalar": N_("while scanning a quoted scalar"),
    "while scanning for the next token": N_("while scanning for the next token"),
    "while scanning an anchor": N_("while scanning an anchor"),
    "while scanning a directive": N_("while scanning a directive"),
    "while parsing a block mapping": N_("while parsing a block mapping"),
    "while parsing a block collection": N_("while parsing a block collection"),
    "while parsing a flow mapping": N_("while parsing a flow mapping"),
    "while parsing a flow sequence": N_("while parsing a flow sequence"),
    "while parsing a quoted scalar": N_("while parsing a quoted scalar"),
    "while parsing a block node": N_("while parsing a block node"),
    "while scanning an alias": N_("while scanning an alias"),
    "while scanning a tag": N_("while scanning a tag"),
    "expected a single document in the stream": N_("expected a single document in the stream"),
    "but found another document": N_("but found another document"),
    "did not find expected node content": N_("did not find expected node content"),
    "did not find expected alphabetic or numeric character": N_(
        "did not find expected alphabetic or numeric character"
    ),
    "did not find expected <document start>": N_("did not find expected <document start>"),
    "found unknown directive name": N_("found unknown directive name"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "mapping values are not allowed in this context": N_(
        "mapping values are not allowed in this context"
    ),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "did not find expected ',' or ']'": N_("did not find expected ',' or ']'"),
    "did not find expected ',' or '}'": N_("did not find expected ',' or '}'"),
    "found character that cannot start any token": N_(
        "found character that cannot start any token"
    ),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "found unknown escape character": N_("found unknown escape character"),
    "found undefined alias": N_("found undefined alias"),
    "block sequence entries are not allowed in this context": N_(
        "block sequence entries are not allowed in this context"
    ),
    "mapping keys are not allowed in this context": N_(
        "mapping keys are not allowed in this context"
    ),
    "while scanning a plain scalar": N_("while scanning a plain scalar"),
    "while scanning a block scalar": N_("while scanning a block scalar"),
    "while parsing a node": N_("while parsing a node"),
    "while parsing a flow node": N_("while parsing a flow node"),
    "found a tab character that violates indentation": N_(
        "found a tab character that violates indentation"
    ),
    "found a tab character where an indentation space is expected": N_(
        "found a tab character where an indentation space is expected"
    ),
    "found an indentation indicator equal to 0": N_("found an indentation indicator equal to 0"),
    "found undefined tag handle": N_("found undefined tag handle"),
    "found unexpected document indicator": N_("found unexpected document indicator"),
    "did not find expected hexdecimal number": N_("did not find expected hexdecimal number"),
    "did not find the expected '>'": N_("did not find the expected '>'"),
    "did not find expected comment or line break": N_(
        "did not find expected comment or line break"
    ),
    "did not find expected whitespace or line break": N_(
        "did not find expected whitespace or line break"
    ),
}


def _yaml_words(context: str | None, problem: str | None) -> str:
    """The parser's context and problem as one message, in the language in use."""
    words = [_(_YAML_WORDS[s]) if s in _YAML_WORDS else s for s in (context, problem) if s]
    if len(words) == 2:
        # Translators: what the YAML parser was doing, then what went wrong.
        return _("{context} {problem}").format(context=words[0], problem=words[1])
    return words[0] if words else _("invalid YAML")


def _unclosed_quote(text: str, before: int) -> tuple[tuple[int, int], int] | None:
    """The start and closing line of a quoted scalar, ending before ``before``, that spans
    lines: in these files that is a quote left open (``'15: 100``) that a later
    apostrophe closed."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= before:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.end_mark.line > token.start_mark.line
            ):
                found = (
                    (token.start_mark.line + 1, token.start_mark.column + 1),
                    token.end_mark.line + 1,
                )
    except yaml.YAMLError:
        pass
    return found


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions and problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def report(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.doc.name, mark.line + 1, mark.column + 1, ERROR, code, message)
        )

    def report_aliases(self, text: str) -> None:
        """Report every alias (``*name``) where it is written.

        Aliases are refused: the data files have no use for them, and refusing them rules
        out recursive data and exponential "billion laughs" expansion. The composer hands
        out the anchor's node for each alias, losing the alias's position, so the tokens
        are scanned for them.
        """
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                mark = token.start_mark
                self.problems.append(
                    Problem(
                        self.doc.name,
                        mark.line + 1,
                        mark.column + 1,
                        ERROR,
                        "yaml-alias",
                        _(
                            "aliases (*{alias}) and anchors are not supported in ivb data "
                            "files; write the value out"
                        ).format(alias=token.value),
                    )
                )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        mark = node.start_mark
        self.doc.values[path] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:  # an alias, reported by report_aliases: not expanded
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.report(node, "yaml-tag", _unsupported_tag(node.tag))
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the third kind of node there is
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        if node.tag != _TAG + "map":
            self.report(node, "yaml-tag", _unsupported_tag(node.tag))
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.report(
                    key_node,
                    "yaml-merge",
                    _("merge keys (<<) are not supported in ivb data files; write the keys out"),
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(
                    key_node, "yaml-key", _("a key must be a plain value, not a list or a mapping")
                )
                continue
            key = self.scalar(key_node, None)
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.report(
                    key_node,
                    "duplicate-key",
                    _(
                        "duplicate key {key} (first at line {line}); YAML would silently keep "
                        "only the last one"
                    ).format(key=excerpt(key_node.value), line=first_line[key]),
                )
                continue
            first_line[key] = line
            child = (*path, key)
            self.doc.keys[child] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def scalar(self, node: yaml.ScalarNode, path: Path_ | None) -> Any:
        text, tag = node.value, node.tag
        bad = control_character(text)
        if bad is not None:  # written as an escape ("\e[31m"): the raw one is a syntax error
            self.report(
                node,
                "control-character",
                _(
                    "the text holds {character}, which would reach terminals, tables and the "
                    "report as it is; remove it"
                ).format(character=bad),
            )
        plain = not node.style  # the C parser gives "" for a plain scalar, PyYAML None
        if path is not None:
            self.doc.scalars[path] = Scalar(text, tag, quoted=not plain)
        if tag == _TAG + "str":
            return text
        if not plain:  # an explicit tag on a quoted or block scalar, e.g. !!int "3"
            self.report(
                node,
                "yaml-tag",
                _("unsupported tag {tag}; write the value without it").format(tag=excerpt(tag, 80)),
            )
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            self.report(
                node,
                "yaml-bool",
                _(
                    "{value!r} is read as a boolean by YAML 1.1; "
                    "write true or false for a yes/no value, or put text in quotes: "
                    '"{value}"'
                ).format(value=text),
            )
            return text
        if tag == _TAG + "int":
            if _DECIMAL_INT.match(text):
                try:
                    return int(text)
                except ValueError:  # beyond Python's 4,300 digits: no value is that long
                    self.report(
                        node,
                        "yaml-number",
                        _(
                            "a number of {digits} digits is too long to be a "
                            "value; write the figure itself"
                        ).format(digits=f"{len(text.lstrip('+-')):,}"),
                    )
                    return None
            self.report(
                node,
                "yaml-number",
                (
                    _(
                        "{value} is read as a number in another base or notation by YAML "
                        '1.1; write a plain decimal number, or put text in quotes: "{text}"'
                    )
                    if len(text) <= 40
                    else _(
                        "{value} is read as a number in another base or notation by YAML "
                        "1.1; write a plain decimal number, or put text in quotes"
                    )
                ).format(value=excerpt(text), text=text),
            )
            return text
        if tag == _TAG + "float":
            if ":" in text:
                self.report(
                    node,
                    "yaml-number",
                    _("{value} is read as a base-60 number by YAML 1.1; put it in quotes").format(
                        value=excerpt(text)
                    ),
                )
                return text
            special = _SPECIAL_FLOATS.get(text.lower())
            return special if special is not None else float(text.replace("_", ""))
        if tag == _TAG + "timestamp":
            if _DATE.match(text):
                try:
                    return dt.date.fromisoformat(text)
                except ValueError:
                    self.report(
                        node,
                        "yaml-date",
                        _("{value} is not a valid date").format(value=excerpt(text)),
                    )
                    return text
            self.report(
                node,
                "yaml-date",
                _("{value}: write a date as YYYY-MM-DD, or put text in quotes").format(
                    value=excerpt(text)
                ),
            )
            return text
        self.report(node, "yaml-tag", _unsupported_tag(tag))
        return text


def _unsupported_tag(tag: str) -> str:
    return _("unsupported tag {tag}").format(tag=excerpt(tag, 80))
