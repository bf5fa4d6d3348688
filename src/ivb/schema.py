"""JSON Schemas of the data files, generated from the models.

A copy of each is kept in ``schema/`` (a test checks it is current), and the data files
point at it so that an editor with a YAML language server completes and checks them.
"""

from __future__ import annotations

import json

from .models import IndicatorsFile, PartnersFile

SCHEMA_MODELS = {"indicators": IndicatorsFile, "partners": PartnersFile}


def schema_text(name: str) -> str:
    """The JSON Schema of data file ``name`` ("indicators" or "partners") as text."""
    schema = SCHEMA_MODELS[name].model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"ivb/{name}.schema.json",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
