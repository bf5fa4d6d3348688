"""ivb: a command-line tracker for a municipality's integral safety policy."""

__version__ = "0.1.0"
