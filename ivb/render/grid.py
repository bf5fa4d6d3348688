"""Text laid out for the terminal by hand: words wrapped at spaces and after ``/`` (never
inside a word), tables whose columns give way in a set order, and lines written plain or
coloured.

A line is a list of spans, each a text and a rich style ("" for none). Only ``write``
touches rich, and only when the console shows colour: without it (a pipe, a file,
``NO_COLOR``) the text is written as it is. Laying out by hand rather than through rich's
``Table`` is both what keeps words whole and what keeps ``ivb status`` fast
(docs/performance.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import IO, Any, Literal, NamedTuple

Span = tuple[str, str]  # text, style ("" for none)
Line = list[Span]
Piece = tuple[str, str]  # an unbreakable text and what separates it from the next ("" or " ")
Align = Literal["left", "center", "right"]

# Inside a word, a break only after "/" before a letter or digit ("Diefstal/" "inbraak");
# a hyphenated word stays whole ("vsv-ers").
_IN_WORD = re.compile(r"(?<=/)(?=[^\W_])")


def cells(text: str) -> int:
    """The columns ``text`` takes in a terminal: wide East Asian characters two, combining
    marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def words(text: str) -> list[Piece]:
    """``text`` as pieces a line may break between: at spaces and after ``/``."""
    pieces: list[Piece] = []
    for word in text.split():
        parts = _IN_WORD.split(word)
        pieces += [(part, "") for part in parts[:-1]]
        pieces.append((parts[-1], " "))
    return pieces


def atoms(texts: Sequence[str]) -> list[Piece]:
    """Texts that never break inside (a value with its unit, "29.5 /1000"), a space apart."""
    return [(text, " ") for text in texts if text]


def longest(pieces: Sequence[Piece]) -> int:
    """The width of the widest piece: the narrowest a column of them can be."""
    return max((cells(text) for text, _ in pieces), default=0)


def joined(pieces: Sequence[Piece]) -> str:
    """The pieces on one line."""
    out = ""
    for n, (text, sep) in enumerate(pieces):
        out += text + (sep if n < len(pieces) - 1 else "")
    return out


def fill(pieces: Sequence[Piece], width: int) -> list[str]:
    """The pieces in lines of at most ``width`` columns, each line as full as it can be. A
    piece wider than ``width`` is cut only when nothing else is possible (a window
    narrower than a word)."""
    lines: list[str] = []
    line, sep = "", ""
    for text, after in pieces:
        if line and cells(line + sep + text) <= width:
            line += sep + text
        else:
            if line:
                lines.append(line)
            while cells(text) > width > 0:
                cut = _fit(text, width)
                lines.append(text[:cut])
                text = text[cut:]
            line = text
        sep = after
    if line or not lines:
        lines.append(line)
    return lines


def _fit(text: str, width: int) -> int:
    """How many characters of ``text`` fit in ``width`` columns (one at least)."""
    n = 1
    while n < len(text) and cells(text[: n + 1]) <= width:
        n += 1
    return n


def wrapped(text: str, width: int, style: str = "", indent: str = "") -> list[Line]:
    """A paragraph wrapped at words to ``width``, every line after ``indent``."""
    room = max(width - cells(indent), 1)
    return [[(indent + line, style)] for line in fill(words(text), room)]


def parts(
    items: Sequence[tuple[list[Piece], str] | None], width: int, indent: str = "  "
) -> list[Line]:
    """Parts (pieces and a style; None for a part left out) one after another, " · "
    between them, after ``indent``: a part that does not fit on the line begins the next,
    and wraps at its pieces when it fits on none."""
    room = max(width - len(indent), 1)
    lines: list[Line] = []
    line: Line = []
    used = 0
    for pieces, style in (item for item in items if item is not None):
        text = joined(pieces)
        if line and used + 3 + cells(text) <= room:
            line += [(" · ", ""), (text, style)]
            used += 3 + cells(text)
            continue
        if line:
            lines.append([(indent, ""), *line])
        *whole, last = fill(pieces, room)
        lines += [[(indent, ""), (part, style)] for part in whole]
        line, used = [(last, style)], cells(last)
    if line:
        lines.append([(indent, ""), *line])
    return lines


def labelled(name: str, text: str, width: int) -> list[Line]:
    """An entry of a legend wrapped to ``width``: its name in bold, the text dim."""
    lines = fill(words(f"{name}: {text}"), max(width, 1))
    head = f"{name}: "
    first: Line = (
        [(head, "bold"), (lines[0][len(head) :], "dim")]
        if lines[0].startswith(head)
        else [(lines[0], "bold")]
    )
    return [first, *([(line, "dim")] for line in lines[1:])]


class Column(NamedTuple):
    """A table column: its header, alignment, cells (as pieces) with their styles, and
    whether its cells may wrap (otherwise it is as wide as its widest cell)."""

    header: str
    align: Align
    cells: list[list[Piece]]
    styles: list[str]
    wraps: bool = False

    def natural(self) -> int:
        """The width at which nothing in the column wraps."""
        return max([cells(self.header), *(cells(joined(c)) for c in self.cells)])

    def least(self) -> int:
        """The narrowest the column can be without breaking a word or a value."""
        if not self.wraps:
            return self.natural()
        return max([longest(words(self.header)), *(longest(c) for c in self.cells)])


GAP = 2  # spaces between two columns


def widths(columns: Sequence[Column], width: int, steps: Sequence[tuple[int, int]]) -> list[int]:
    """Column widths for a table of at most ``width`` columns, or [] when it cannot fit.

    Every column starts at its natural width; while the table is too wide, ``steps`` say in
    order which column gives way and down to what width (never below its least): (2, 30)
    narrows column 2 to 30. Only what is needed is taken at each step."""
    out = [c.natural() for c in columns]
    excess = sum(out) + GAP * (len(out) - 1) - width
    for index, target in steps:
        if excess <= 0:
            break
        floor = max(target, columns[index].least())
        give = min(excess, max(out[index] - floor, 0))
        out[index] -= give
        excess -= give
    return out if excess <= 0 else []


def _aligned(text: str, width: int, align: Align) -> str:
    space = width - cells(text)
    if align == "right":
        return " " * space + text
    if align == "center":
        return " " * (space // 2) + text + " " * (space - space // 2)
    return text + " " * space


def table(
    columns: Sequence[Column], sizes: Sequence[int], header_style: str = "bold"
) -> list[Line]:
    """The table's lines: the headers (wrapped, on the bottom line), a rule, then a row per
    cell with its lines side by side, the cells' lines at the top. No line ends in spaces."""
    heads = [fill(words(c.header), w) for c, w in zip(columns, sizes, strict=True)]
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]
    lines = [_row([(h[n], header_style) for h in heads], columns, sizes) for n in range(depth)]
    lines.append([("─" * (sum(sizes) + GAP * (len(sizes) - 1)), "")])
    for r in range(len(columns[0].cells)):
        texts = [fill(c.cells[r], w) for c, w in zip(columns, sizes, strict=True)]
        for n in range(max(len(t) for t in texts)):
            spans = [
                (t[n] if n < len(t) else "", c.styles[r])
                for t, c in zip(texts, columns, strict=True)
            ]
            lines.append(_row(spans, columns, sizes))
    return lines


def _row(spans: list[Span], columns: Sequence[Column], sizes: Sequence[int]) -> Line:
    line: Line = []
    for n, ((text, style), column, size) in enumerate(zip(spans, columns, sizes, strict=True)):
        if n:
            line.append((" " * GAP, ""))
        line.append((_aligned(text, size, column.align), style))
    while line and not line[-1][0].strip():  # the last cells may be empty
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
    return line


def write(lines: Sequence[Line], out: IO[str], console: Any) -> None:
    """The lines to ``out``: as plain text when ``console`` (rich) shows no colour, else
    each span in its style. The lines are already as wide as they may be: nothing wraps."""
    if console.color_system is None:
        out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.text import Text

    text = Text(end="")
    for line in lines:
        for part, style in line:
            text.append(part, style=style or None)
        text.append("\n")
    console.print(text, soft_wrap=True, end="")
