"""``ivb report``, the yearly evaluation for the council: ``build`` (the report as a plain
object), ``catalogue`` and ``text`` (its words and sentences, Dutch and English),
``charts`` (matplotlib), ``render`` (HTML and markdown) and ``files`` (writing them)."""
