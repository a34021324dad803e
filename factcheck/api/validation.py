"""Checking JSON against the API's schemas, with one translated message per faulty field.

The schemas in ``schemas.py`` are both what ``openapi.json`` publishes and what requests are
checked against here, so the documentation and the checks cannot disagree. This is the
subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) those schemas need: ``type`` (a name
or a list), ``properties``, ``required``, ``additionalProperties`` (false or a schema),
``items``, ``enum``, ``minLength``, ``maxLength``, ``minimum``, ``maximum``, ``pattern``,
``format`` (``date``, ``date-time``, ``uri``), ``anyOf`` and local ``$ref``s; annotations
(``description``, ``examples``, ``default``) are ignored.
"""
import re
from datetime import date, datetime
from typing import Any, Optional
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import ngettext

JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
              "object": dict, "array": list, "null": type(None)}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# RFC 3339 as JSON Schema's ``date-time`` means it: seconds and an offset are required.
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")
NOT_BLANK = r"\S"


def problems(value: Any, schema: dict, root: Optional[dict] = None) -> dict[str, str]:
    """Field path ("rating", "figures.0.value"; "" for the whole value) -> what is wrong."""
    found: dict[str, str] = {}
    _check(value, schema, root or schema, "", found)
    return found


def _check(value, schema: dict, root: dict, path: str, found: dict) -> None:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        _check_any(value, schema["anyOf"], root, path, found)
        return
    names = _type_names(schema)
    if names and not any(_is(value, name) for name in names):
        found.setdefault(path, _type_message(names))
        return
    if "enum" in schema and value not in schema["enum"]:
        found.setdefault(path, _("Must be one of: %(values)s.",
                                 values=", ".join(str(v) for v in schema["enum"])))
    elif isinstance(value, str):
        _check_string(value, schema, path, found)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(value, schema, path, found)
    elif isinstance(value, dict):
        _check_object(value, schema, root, path, found)
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _check(item, schema["items"], root, _join(path, str(index)), found)


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        node: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _check_any(value, options: list, root: dict, path: str, found: dict) -> None:
    attempts = []
    for option in options:
        trial: dict[str, str] = {}
        _check(value, option, root, path, trial)
        if not trial:
            return
        attempts.append(trial)
    found.update({k: v for k, v in attempts[0].items() if k not in found})


def _type_names(schema: dict) -> list[str]:
    names = schema.get("type")
    return [names] if isinstance(names, str) else list(names or ())


def _is(value, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False  # JSON true is not 1
    return isinstance(value, JSON_TYPES[name])


def _type_message(names: list[str]) -> str:
    wanted = next((n for n in names if n != "null"), "null")
    return {"string": _("Must be a string."), "integer": _("Must be a whole number."),
            "number": _("Must be a number."), "boolean": _("Must be true or false."),
            "object": _("Must be an object."), "array": _("Must be a list."),
            "null": _("Must be null.")}[wanted]


def _check_string(value: str, schema: dict, path: str, found: dict) -> None:
    if "\x00" in value:
        found.setdefault(path, _("Must not contain a NUL character."))
    elif len(value) < schema.get("minLength", 0):
        found.setdefault(path, ngettext("At least %(num)d character.",
                                        "At least %(num)d characters.", schema["minLength"]))
    elif len(value) > schema.get("maxLength", len(value)):
        found.setdefault(path, ngettext("At most %(num)d character.",
                                        "At most %(num)d characters.", schema["maxLength"]))
    elif "pattern" in schema and not re.search(schema["pattern"], value):
        found.setdefault(path, _("Must not be blank.") if schema["pattern"] == NOT_BLANK
                         else _("Does not have the expected form."))
    elif not _format_ok(value, schema.get("format")):
        found.setdefault(path, FORMAT_MESSAGES[schema["format"]]())


def _format_ok(value: str, fmt: Optional[str]) -> bool:
    if fmt == "date":
        return bool(DATE.match(value)) and _parses(date.fromisoformat, value)
    if fmt == "date-time":
        return bool(DATE_TIME.match(value)) and _parses(datetime.fromisoformat, value)
    if fmt == "uri":
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value
    return True


FORMAT_MESSAGES = {
    "date": lambda: _("Must be a date (YYYY-MM-DD)."),
    "date-time": lambda: _("Must be a date and time with its offset (RFC 3339, e.g. "
                           "2026-05-01T08:30:00Z)."),
    "uri": lambda: _("Must be an http:// or https:// address."),
}


def _parses(parse, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _check_number(value, schema: dict, path: str, found: dict) -> None:
    if "minimum" in schema and value < schema["minimum"]:
        found.setdefault(path, _("Must be at least %(min)s.", min=schema["minimum"]))
    elif "maximum" in schema and value > schema["maximum"]:
        found.setdefault(path, _("Must be at most %(max)s.", max=schema["maximum"]))


def _check_object(value: dict, schema: dict, root: dict, path: str, found: dict) -> None:
    properties = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            found.setdefault(_join(path, name), _("This field is required."))
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            _check(item, properties[name], root, _join(path, name), found)
        elif extra is False:
            found.setdefault(_join(path, name), _("Unknown field."))
        elif isinstance(extra, dict):
            _check(item, extra, root, _join(path, name), found)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
