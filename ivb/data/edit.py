"""The store's writing half: change a data file by editing its text, and write it safely.

A data file is never dumped anew: that would drop its comments, requote its strings and
re-indent it. Instead the YAML node tree (with the line and column of every node) says
where a change belongs, and only those characters are inserted or replaced, in the file's
own indentation and line endings. Every other byte stays as it was, so the change in git
is exactly the new lines, written as YAML reads them back (``yamltext.py``).
``writing.py`` then writes the result safely.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from .yamltext import block, block_item, flow, key, plain_if_safe

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_TRAILING_COMMENT = re.compile(r"(?:[ \t]*:)?([ \t]+#[^\r\n]*)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')
_COMMENT = re.compile(r"(?:^|[ \t])(#.*)")


class Source:
    """A data file's text with what an edit must keep: its BOM, its line breaks, and where
    each line starts (YAML's line and column turned into offsets in the text)."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(codecs.BOM_UTF8)
        self.text = raw.decode("utf-8-sig")
        crlf = self.text.count("\r\n")
        self.newline = "\r\n" if crlf > self.text.count("\n") - crlf else "\n"
        self.line_starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]

    def offset(self, mark: yaml.Mark) -> int:
        return self.line_starts[mark.line] + mark.column

    def line_start(self, mark: yaml.Mark) -> int:
        return self.line_starts[mark.line]

    def line_end(self, offset: int) -> int:
        """The offset of the line break that ends the line holding ``offset``."""
        found = _BREAK.search(self.text, offset)
        return found.start() if found else len(self.text)

    def break_at(self, offset: int) -> str:
        """The line break at ``offset``, or the file's usual one at its end."""
        found = _BREAK.match(self.text, offset)
        return found.group() if found else self.newline

    def encode(self, text: str) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


@dataclass(frozen=True)
class Change:
    """Replace ``text[start:end]`` with ``new`` (an insertion when start == end)."""

    start: int
    end: int
    new: str


def apply(text: str, changes: list[Change]) -> str:
    """Apply non-overlapping changes, the last first so that offsets stay valid."""
    for change in sorted(changes, key=lambda c: (c.start, c.end), reverse=True):
        text = text[: change.start] + change.new + text[change.end :]
    return text


# -- finding places in the node tree --------------------------------------------------------


def entry(mapping: yaml.Node, name: Any) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of ``name`` in a mapping node (a year matches its digits)."""
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == str(name):
            return k, v
    return None


def value_of(mapping: yaml.Node | None, name: Any) -> yaml.MappingNode | yaml.SequenceNode:
    """The mapping or list under ``name`` in a mapping node. For a place the data, as read
    and checked, is known to have: a missing one is a bug in ivb."""
    found = entry(mapping, name) if mapping is not None else None
    node = found[1] if found is not None else None
    if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        raise LookupError(f"the file's node tree has no mapping or list under {name!r}")
    return node


def mapping_of(mapping: yaml.Node, name: Any) -> yaml.MappingNode:
    """The mapping under ``name`` in a mapping node (a year's measurement with its fields),
    which the data is known to have: a missing one is a bug in ivb."""
    node = value_of(mapping, name)
    if not isinstance(node, yaml.MappingNode):
        raise LookupError(f"the file's node tree has no mapping under {name!r}")
    return node


def root_mapping(root: yaml.Node | None) -> yaml.MappingNode:
    """A file's top-level mapping, which the data is known to have (a file that read as
    a mapping): a missing one is a bug in ivb."""
    if not isinstance(root, yaml.MappingNode):
        raise LookupError("the file's node tree is not a mapping")
    return root


def find_item(sequence: yaml.Node, ident: str) -> yaml.MappingNode:
    """The item with ``id: ident`` of a list of mappings, which the data is known to have."""
    if isinstance(sequence, yaml.SequenceNode):
        for item in sequence.value:
            found = entry(item, "id")
            if found and found[1].value == ident and isinstance(item, yaml.MappingNode):
                return item
    raise LookupError(f"the file's node tree has no item {ident!r}")


def _last(node: yaml.Node) -> yaml.Node:
    """The node whose end is the end of ``node`` as written (its last descendant in block
    style: a block collection's own end mark lies on the next line)."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


class Editor:
    """Plans changes to one data file's text (see the module's docstring)."""

    def __init__(self, source: Source, step: int = 2, sequence_indent: int | None = None) -> None:
        self.s = source
        self.step = step
        # How far a block sequence's dashes stand right of its key: the file's own style.
        self.sequence_indent = step if sequence_indent is None else sequence_indent
        self.changes: list[Change] = []

    def end_of(self, node: yaml.Node) -> int:
        """Offset just after ``node`` as written, before any line break that ends it."""
        last = _last(node)
        end = self.s.offset(last.end_mark)
        if isinstance(last, yaml.ScalarNode) and last.style in ("|", ">"):
            while end > 0 and self.s.text[end - 1] in "\r\n\x85\u2028\u2029":
                end -= 1
        return end

    def lines(self, lines: list[str], newline: str | None = None) -> str:
        return (newline or self.s.newline).join(lines)

    def insert_after(self, node: yaml.Node, lines: list[str], column: int) -> None:
        """New block lines after the line where ``node`` ends, and after the comment lines
        that follow it indented deeper than ``column`` (the column of the entry that
        ``node`` ends): such comments belong to that entry."""
        at = self.s.line_end(self.end_of(node))
        text = self.s.text
        while at < len(text):
            nxt = at + len(self.s.break_at(at))
            line = text[nxt : self.s.line_end(nxt)]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= column:
                break
            at = self.s.line_end(nxt)
        newline = self.s.break_at(at)
        self.changes.append(Change(at, at, newline + self.lines(lines, newline)))

    def insert_before(self, mapping: yaml.MappingNode, name: Any, lines: list[str]) -> None:
        """New block lines just before the line of ``name``'s key in a block mapping,
        which has that key."""
        found = entry(mapping, name)
        if found is None:
            raise LookupError(f"the file's node tree has no key {name!r} here")
        at = self.s.line_start(found[0].start_mark)
        self.changes.append(Change(at, at, self.lines(lines) + self.s.newline))

    def replace_entry(
        self,
        key_node: yaml.Node,
        value_node: yaml.Node,
        lines: list[str],
        keep_comment: bool = True,
    ) -> None:
        """Replace a block mapping entry's lines; a comment that ends its first line stays
        unless ``keep_comment`` is false (the caller keeps the entry's comments elsewhere)."""
        start = self.s.line_start(key_node.start_mark)
        end = self.s.line_end(self.end_of(value_node))
        first_end = self.s.line_end(self.s.offset(key_node.start_mark))
        on_key_line = value_node.start_mark.line == key_node.start_mark.line
        inline = isinstance(value_node, yaml.ScalarNode) or (
            isinstance(value_node, yaml.CollectionNode) and value_node.flow_style
        )
        after = value_node.end_mark if inline and on_key_line else key_node.end_mark
        comment = _TRAILING_COMMENT.match(self.s.text, self.s.offset(after), first_end)
        if keep_comment and comment and comment.end() == first_end:
            lines = [lines[0] + comment.group(1), *lines[1:]]
        self.changes.append(Change(start, end, self.lines(lines, self.s.break_at(end))))

    def comments_of(self, mapping: yaml.Node, name: Any) -> list[str]:
        """The comments written in the lines of ``name``'s entry of a block mapping."""
        if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
            return []
        found = entry(mapping, name)
        if found is None:
            return []
        start = self.s.line_start(found[0].start_mark)
        end = self.s.line_end(self.end_of(found[1]))
        comments = []
        for line in _BREAK.split(self.s.text[start:end]):
            unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), line)
            at = _COMMENT.search(unquoted)
            if at:
                comments.append(line[at.start(1) :].rstrip())
        return comments

    def set_in_mapping(
        self,
        mapping: yaml.MappingNode,
        name: Any,
        value: Any,
        order: Any = None,
        keep_comment: bool = True,
    ) -> None:
        """Give ``name`` the ``value`` in a mapping node: replace its entry where it has
        one, else insert it, before the first key greater than ``order`` when given (years
        in order), else at the end."""
        found = entry(mapping, name)
        if mapping.flow_style:
            self._set_in_flow(mapping, name, value, found, order)
            return
        column = mapping.value[0][0].start_mark.column
        new = block(name, value, column, self.step)
        if found is not None:
            self.replace_entry(*found, new, keep_comment)
            return
        after = [(k, v) for k, v in mapping.value if order is None or _before(k, order)]
        if after:
            self.insert_after(after[-1][1], new, column)
        else:  # before the first entry
            start = self.s.line_start(mapping.value[0][0].start_mark)
            self.changes.append(Change(start, start, self.lines(new) + self.s.newline))

    def remove(self, mapping: yaml.MappingNode, name: Any) -> None:
        """Remove ``name``'s entry from a mapping, if it has one."""
        found = entry(mapping, name)
        if found is None:
            return
        k, v = found
        if mapping.flow_style:
            index = [e[0] for e in mapping.value].index(k)
            if index:  # from the end of the entry before: ", key: value"
                start = self.end_of(mapping.value[index - 1][1])
                self.changes.append(Change(start, self.end_of(v), ""))
            else:  # the first: "key: value, "
                end = (
                    self.s.offset(mapping.value[1][0].start_mark)
                    if len(mapping.value) > 1
                    else self.end_of(v)
                )
                self.changes.append(Change(self.s.offset(k.start_mark), end, ""))
            return
        start = self.s.line_start(k.start_mark)
        end = self.s.line_end(self.end_of(v))
        end += len(self.s.break_at(end)) if end < len(self.s.text) else 0
        self.changes.append(Change(start, end, ""))

    def set_fields(
        self, mapping: yaml.MappingNode, fields: Mapping[str, Any], keep_comments: bool = True
    ) -> None:
        """Give each key of ``fields`` its value in ``mapping``: replace the keys it has
        (a comment at the end of a replaced line stays, unless not ``keep_comments``: the
        caller moved it), and add the others together, in order, after its last entry."""
        missing = {k: v for k, v in fields.items() if entry(mapping, k) is None}
        for name, value in fields.items():
            found = entry(mapping, name)
            if found is not None:
                old = found[1]
                if isinstance(value, str) and isinstance(old, yaml.ScalarNode) and not old.style:
                    value = plain_if_safe(value)  # keep the file's unquoted style
                self.set_in_mapping(mapping, name, value, keep_comment=keep_comments)
        if not missing:
            return
        if mapping.flow_style:
            at = (
                self.end_of(mapping.value[-1][1])
                if mapping.value
                else (self.s.offset(mapping.start_mark) + 1)
            )
            text = ", ".join(f"{key(k)}: {flow(v)}" for k, v in missing.items())
            self.changes.append(Change(at, at, (", " if mapping.value else "") + text))
            return
        column = mapping.value[0][0].start_mark.column
        lines = [line for k, v in missing.items() for line in block(k, v, column, self.step)]
        self.insert_after(mapping.value[-1][1], lines, column)

    def _set_in_flow(
        self,
        mapping: yaml.MappingNode,
        name: Any,
        value: Any,
        found: tuple[yaml.Node, yaml.Node] | None,
        order: Any,
    ) -> None:
        text = f"{key(name)}: {flow(value)}"
        if found is not None:
            k, v = found
            self.changes.append(Change(self.s.offset(k.start_mark), self.end_of(v), text))
            return
        if not mapping.value:  # {}
            at = self.s.offset(mapping.start_mark) + 1
            self.changes.append(Change(at, at, text))
            return
        after = [(k, v) for k, v in mapping.value if order is None or _before(k, order)]
        if after:
            at = self.end_of(after[-1][1])
            self.changes.append(Change(at, at, ", " + text))
        else:
            at = self.s.offset(mapping.value[0][0].start_mark)
            self.changes.append(Change(at, at, text + ", "))

    def add_to_mapping_value(
        self,
        parent: yaml.MappingNode,
        name: str,
        inner: Any,
        value: Any,
        order: Any = None,
        keep_comment: bool = True,
    ) -> None:
        """Set ``inner: value`` in the mapping under ``parent[name]``, creating that
        mapping at the end of ``parent`` when it is missing or empty (null)."""
        found = entry(parent, name)
        if (
            found is not None
            and isinstance(found[1], yaml.MappingNode)
            and (found[1].value or found[1].flow_style)
        ):
            self.set_in_mapping(found[1], inner, value, order, keep_comment)
            return
        self.set_in_mapping(parent, name, {inner: value})

    def append_to_sequence(
        self,
        parent: yaml.MappingNode,
        name: str,
        item: Mapping[str, Any],
        comments: Sequence[str] = (),
        block_if_empty: bool = False,
    ) -> None:
        """Append ``item`` to the sequence under ``parent[name]``, creating it if missing;
        ``comments`` follow a block item as comment lines. With ``block_if_empty`` an empty
        flow list (``targets: []``, a placeholder) in a block mapping becomes a block list
        rather than a long line."""
        found = entry(parent, name)
        seq = found[1] if found else None
        if not isinstance(seq, yaml.SequenceNode) or (
            not seq.value and (not seq.flow_style or (block_if_empty and not parent.flow_style))
        ):
            if parent.flow_style:
                self.set_in_mapping(parent, name, [item])
                return
            column = parent.value[0][0].start_mark.column
            dash = column + self.sequence_indent
            lines = [f"{' ' * column}{key(name)}:"]
            lines += block_item(item, dash, self.step)
            lines += [" " * (dash + 2) + c for c in comments]
            if found is not None:  # `history:` with nothing, or null
                self.replace_entry(*found, lines)
            else:
                self.insert_after(parent.value[-1][1], lines, column)
            return
        if seq.flow_style:
            at = self.end_of(seq.value[-1]) if seq.value else self.s.offset(seq.start_mark) + 1
            self.changes.append(Change(at, at, (", " if seq.value else "") + flow(item)))
            return
        dash = seq.start_mark.column
        lines = block_item(item, dash, self.step) + [" " * (dash + 2) + c for c in comments]
        self.insert_after(seq.value[-1], lines, dash)


def _before(key_node: yaml.Node, order: Any) -> bool:
    """Whether a key sorts before ``order`` (years compare as numbers)."""
    text = key_node.value
    if isinstance(order, int):
        return text.lstrip("-").isdigit() and int(text) < order
    return text < str(order)


def sequence_indent(root: yaml.Node | None) -> int | None:
    """How far the file indents a block sequence under its key (0: not at all), read off
    the first one in the top-level mapping; ``None`` when it has none."""
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
                return v.start_mark.column - k.start_mark.column
    return None


def indent_step(node: yaml.Node | None) -> int:
    """The file's indentation step, read off a block mapping nested in the mapping
    ``node``; 2 when it has none."""
    if not isinstance(node, yaml.MappingNode):
        return 2
    for k, v in node.value:
        if isinstance(v, yaml.MappingNode) and not v.flow_style and v.value:
            step = v.value[0][0].start_mark.column - k.start_mark.column
            if step > 0:
                return step
    return 2
