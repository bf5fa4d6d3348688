"""The command line (Typer): options in, one core call, a renderer, an exit code.

``main`` runs the app and maps outcomes to exit codes; ``app`` holds what the commands
share; the commands live in one module per group.

A command imports what it needs inside its function, not at the top of its module: every
command module is loaded to build the app, and a module-level import of the core would put
YAML, Pydantic and the checks (and with the report, matplotlib) on the start-up path of
every command, ``ivb status`` from the cache included (docs/performance.md).
"""
