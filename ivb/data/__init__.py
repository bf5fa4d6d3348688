"""The data files: the only code that parses or writes YAML.

``store`` reads a file with the line of every value; ``load`` turns a data folder into a
validated ``Dataset``, with ``messages`` putting Pydantic's findings into words; ``edit``
changes a file's text in place, in the YAML of ``yamltext``; ``writing`` writes it
atomically under a lock; ``change`` is the one way a data file changes. ``schema`` writes
the JSON Schema of the files, ``rules`` the page of every rule ``ivb validate`` applies.
"""
