"""``python -m ivb``."""

from .cli.main import run

run()
