"""``openapi.json``: built from the app's own routes, their ``documented`` notes and schemas.

Paths come from ``app.url_map``, so a route cannot be missing from the document nor a
documented path be missing from the app; each view states its summary, role, body, query
and answers with ``documented``, and a view without it fails the build (and the tests).
"""
import re
from typing import Optional

from flask import Flask

from .schemas import COMPONENTS

PREFIX = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
ERRORS = {
    400: "Faulty fields (`fields` names each), malformed JSON, or a bad query parameter.",
    401: "No token, an unknown or revoked one, a deactivated account, or a browser session "
         "instead of a token.",
    403: "The token's role is below what the route needs (or, to publish, its user wrote the "
         "verdict).",
    404: "No such claim or document.",
    409: "`conflict`: someone changed the claim's draft first (`current` holds the claim as "
         "it now is); `refused`: the workflow does not allow this now.",
    413: "The body is larger than API_MAX_BODY_BYTES (2 MiB by default), or the text longer "
         "than the ingest accepts.",
    415: "The body is not JSON (Content-Type: application/json).",
    429: "Too many writes with this token (API_WRITE_LIMIT a minute); wait Retry-After "
         "seconds.",
}
ERROR_HEADERS = {
    401: {"WWW-Authenticate": {"schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}


def documented(summary: str, *, responses: dict[int, tuple[Optional[str], str]],
               errors: tuple[int, ...] = (), role: Optional[str] = None,
               body: Optional[str] = None, body_required: bool = True,
               query: Optional[dict] = None, description: str = ""):
    """Note how a view is described: ``responses`` maps a status to (schema name or None,
    description); ``errors`` lists the error statuses it may answer; ``body`` names the
    request's schema; ``role`` is the least role (None: public)."""
    def decorator(view):
        view.openapi = {"summary": summary, "responses": responses, "errors": errors,
                        "role": role, "body": body, "body_required": body_required,
                        "query": query, "description": description}
        return view
    return decorator


def openapi_document(app: Flask) -> dict:
    """The OpenAPI 3.1 description of every route under /api/v1."""
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        note = app.view_functions[rule.endpoint].openapi
        for method in sorted(rule.methods - IGNORED_METHODS):
            paths.setdefault(openapi_path(rule.rule), {})[method.lower()] = _operation(
                rule.endpoint, rule.rule, note)
    return {
        "openapi": "3.1.0",
        "info": {"title": "factcheck API", "version": "1",
                 "description": "Bring articles in, read claims, link sources, draft and "
                                "publish verdicts. Guide: docs/api.md."},
        "servers": [{"url": PREFIX}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {"schemas": COMPONENTS, "securitySchemes": {"token": {
            "type": "http", "scheme": "bearer",
            "description": "An API token from `flask users token EMAIL` (or the admin "
                           "pages). Browser sessions are not accepted."}}},
    }


def openapi_path(rule: str) -> str:
    """``/api/v1/claims/<public_id>`` as OpenAPI writes it: ``/claims/{public_id}``."""
    return ARGUMENT.sub(lambda m: "{%s}" % m.group(2), rule.removeprefix(PREFIX))


def _operation(endpoint: str, rule: str, note: dict) -> dict:
    operation = {"operationId": endpoint.split(".", 1)[1], "summary": note["summary"],
                 "tags": [rule.removeprefix(PREFIX).split("/")[1]],
                 "parameters": _path_parameters(rule) + _query_parameters(note["query"]),
                 "responses": _responses(note)}
    if note["description"] or note["role"]:
        least = f"Least role: {note['role']}." if note["role"] else "Public."
        operation["description"] = " ".join(filter(None, (note["description"], least)))
    if note["role"] is None:
        operation["security"] = []
    if note["body"]:
        schema = COMPONENTS[note["body"]]
        operation["requestBody"] = {"required": note["body_required"], "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{note['body']}"},
                                 "examples": {f"example{i}": {"value": value} for i, value
                                              in enumerate(schema.get("examples", ()), 1)}}}}
    return operation


def _path_parameters(rule: str) -> list[dict]:
    return [{"name": name, "in": "path", "required": True,
             "schema": {"type": "integer"} if converter == "int" else {"type": "string"}}
            for converter, name in ARGUMENT.findall(rule)]


def _query_parameters(query: Optional[dict]) -> list[dict]:
    if not query:
        return []
    return [{"name": name, "in": "query", "required": name in query.get("required", ()),
             "description": schema.get("description", ""),
             "schema": {k: v for k, v in schema.items() if k != "description"}}
            for name, schema in query["properties"].items()]


def _responses(note: dict) -> dict:
    answers = {}
    for status, (schema, description) in note["responses"].items():
        answers[str(status)] = {"description": description}
        if schema:
            answers[str(status)]["content"] = {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{schema}"}}}
    for status in note["errors"] + ((401,) if note["role"] else ()):
        answers[str(status)] = {"description": ERRORS[status], "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        if status in ERROR_HEADERS:
            answers[str(status)]["headers"] = ERROR_HEADERS[status]
    return dict(sorted(answers.items()))
