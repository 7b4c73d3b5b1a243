"""A small JSON Schema validator for the keywords viewer/resources/*-schema.json use.

jsonschema itself is not installable here (no network) and is not worth a dependency for
one test: this covers type, const, enum, required, properties, additionalProperties, items,
minItems, minLength, minimum, maximum, pattern, anyOf and local ``$ref``s, and fails loudly
on any other keyword so the schema cannot silently outgrow it.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
_KNOWN = {"$schema", "$id", "title", "$defs", "type", "const", "enum", "required",
          "properties", "additionalProperties", "items", "minItems", "minLength", "minimum",
          "maximum", "pattern", "anyOf", "$ref"}


class SchemaError(Exception):
    pass


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
             where: str = "$") -> None:
    root = root or schema
    unknown = set(schema) - _KNOWN
    if unknown:
        raise SchemaError(f"the validator does not know {sorted(unknown)} (at {where})")
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        validate(value, target, root, where)
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, kind) for kind in kinds):
            raise SchemaError(f"{where}: {value!r} is not {kinds}")
    if "const" in schema and value != schema["const"]:
        raise SchemaError(f"{where}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        raise SchemaError(f"{where}: {value!r} not in {schema['enum']}")
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                validate(value, option, root, where)
                break
            except SchemaError as error:
                errors.append(str(error))
        else:
            raise SchemaError(f"{where}: matches none of anyOf: {errors}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                raise SchemaError(f"{where}: missing “{key}”")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                validate(item, properties[key], root, f"{where}.{key}")
            elif extra is False:
                raise SchemaError(f"{where}: unexpected key “{key}”")
            elif isinstance(extra, dict):
                validate(item, extra, root, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            raise SchemaError(f"{where}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for index, item in enumerate(value):
                validate(item, schema["items"], root, f"{where}[{index}]")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            raise SchemaError(f"{where}: shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            raise SchemaError(f"{where}: {value!r} does not match {schema['pattern']}")
    if _is(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            raise SchemaError(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise SchemaError(f"{where}: {value} > {schema['maximum']}")
