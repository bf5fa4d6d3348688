"""JSON Schemas of the data files, generated from the models.

A copy of each is kept in ``schema/`` (a test checks it is current), and the data files
point at it so that an editor with a YAML language server completes and checks them.
"""

from __future__ import annotations

import ast
import inspect
import json
from typing import Any

from pydantic import BaseModel

from .. import models
from ..models import IndicatorsFile, PartnersFile, PlanFile

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "indicators": IndicatorsFile,
    "partners": PartnersFile,
    "plan": PlanFile,
}


def field_docstrings() -> dict[str, dict[str, str]]:
    """The docstring under each field of each model in ``models.py``, by class and field."""
    tree = ast.parse(inspect.getsource(models))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for field, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs.setdefault(node.name, {})[field.target.id] = inspect.cleandoc(
                    after.value.value
                )
    return docs


def _fields_of(title: str, docs: dict[str, dict[str, str]]) -> dict[str, str]:
    """The field docstrings of model ``title``, those of the models it inherits fields
    from included (``Measurement`` has the fields of ``MeasurementFields``)."""
    model = getattr(models, title, None)
    merged: dict[str, str] = {}
    for cls in reversed(model.__mro__ if isinstance(model, type) else ()):
        merged.update(docs.get(cls.__name__, {}))
    return merged or docs.get(title, {})


def _describe(schema: dict[str, Any], title: str, docs: dict[str, dict[str, str]]) -> None:
    """Put each field's docstring into its property, as ``description``."""
    for member in schema.get("anyOf", []):  # a model that may also be written as a number
        _describe(member, title, docs)
    for field, doc in _fields_of(title, docs).items():
        properties = schema.get("properties", {})
        if field in properties:  # keys in Pydantic's order, which is alphabetical
            properties[field] = dict(sorted({**properties[field], "description": doc}.items()))


def schema_text(name: str) -> str:
    """The JSON Schema of data file ``name`` ("indicators", "partners", "plan") as text."""
    model = SCHEMA_MODELS[name]
    schema = model.model_json_schema()
    docs = field_docstrings()
    _describe(schema, model.__name__, docs)
    for title, definition in schema.get("$defs", {}).items():
        _describe(definition, title, docs)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"ivb/{name}.schema.json",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
