"""Recording figures: ``measure`` (one value, typed in: ``ivb add-measurement``),
``series`` (which figures of an export feed which indicator) and ``importer`` (``ivb
import``); and ``targets`` (a target for a year: ``ivb set-target``). Each entry is checked
by the same rules as ``ivb validate`` and written through ``data.change``."""
