"""The command line (Typer): options in, one core call, a renderer, an exit code.

``main`` runs the app and maps outcomes to exit codes; ``app`` holds what the commands
share; the commands live in one module per group.
"""
