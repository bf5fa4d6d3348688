"""``python -m ivb``."""

from .cli import main

raise SystemExit(main())
