"""``ivb status``: ``view`` (what status needs of the data), ``cache`` (that view stored
for unchanged data) and ``build`` (every indicator evaluated, per priority)."""
