"""The data files: the only code that parses or writes YAML.

``store`` reads a file with the line of every value, ``load`` turns a data folder into a
validated ``Dataset`` (with ``messages`` wording what Pydantic finds), ``edit`` changes a
file's text in place, ``writing`` writes it atomically under a lock, ``change`` is the one
way a data file changes, and ``schema`` writes the JSON Schema of the files.
"""
