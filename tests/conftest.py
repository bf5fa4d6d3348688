"""Test settings for the whole suite."""

import os

from hypothesis import settings

# In CI the property tests draw the same examples on every run (derandomize), so a result
# depends on the code, not on luck; locally they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
