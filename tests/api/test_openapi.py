"""openapi.json and the app cannot drift: the same routes, parameters, bodies and answers.

The document is built from ``app.url_map``; these tests check it from the other side too:
every documented path routes to an API view, every schema uses only keywords the request
checker enforces, the examples pass their own schemas, and each operation, called with its
example, answers a status it documents with a body of the documented shape.
"""
import json

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from factcheck.api.openapi import IGNORED_METHODS, PREFIX, openapi_path
from factcheck.api.validation import problems
from factcheck.models import Role
from tests.api.conftest import bearer
from tests.factories import make_claim

KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "enum",
            "minLength", "maxLength", "minimum", "maximum", "pattern", "format", "anyOf",
            "$ref", "description", "examples", "default"}
FORMATS = {"date", "date-time", "uri"}
# The order a client would call them in; every documented operation must be here.
CONTRACT = [("post", "/documents", Role.REVIEWER), ("get", "/documents/{document_id}", None),
            ("get", "/claims", None), ("get", "/claims/{public_id}", None),
            ("post", "/claims/{public_id}/sources", Role.REVIEWER),
            ("put", "/claims/{public_id}/verdict", Role.REVIEWER),
            ("post", "/claims/{public_id}/publish", Role.EDITOR),
            ("get", "/openapi.json", None)]


@pytest.fixture
def spec(client):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return response.json


def _operations(spec):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")]


def test_every_api_route_and_method_is_documented_and_nothing_else(app, spec):
    served = {(openapi_path(rule.rule), method.lower()) for rule in _api_rules(app)
              for method in rule.methods - IGNORED_METHODS}
    documented = {(path, method) for path, method, _ in _operations(spec)}
    assert served == documented
    assert all(rule.rule.startswith(PREFIX + "/") for rule in _api_rules(app))


def test_every_documented_path_routes_to_an_api_view(app, spec):
    adapter = app.url_map.bind("localhost")
    for path, method, operation in _operations(spec):
        samples = {p["name"]: "7" if p["schema"]["type"] == "integer" else "abc"
                   for p in operation["parameters"] if p["in"] == "path"}
        concrete = PREFIX + path.format(**samples)
        try:
            endpoint, _args = adapter.match(concrete, method=method.upper())
        except (NotFound, MethodNotAllowed) as exc:
            raise AssertionError(f"{method} {path} does not exist") from exc
        assert endpoint.startswith("api."), (path, endpoint)


def test_path_parameters_are_the_rules_arguments(app, spec):
    for rule in _api_rules(app):
        for method in rule.methods - IGNORED_METHODS:
            operation = spec["paths"][openapi_path(rule.rule)][method.lower()]
            named = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
            assert named == set(rule.arguments), rule.rule


def test_every_operation_says_what_it_answers(spec):
    for path, method, operation in _operations(spec):
        answers = operation["responses"]
        assert any(code.startswith("2") for code in answers), (method, path)
        if operation.get("security") != []:
            assert "401" in answers, (method, path)
        if "requestBody" in operation:
            assert {"400", "413", "415", "429"} <= set(answers), (method, path)


def _walk(node, seen_refs):
    if isinstance(node, dict):
        if "$ref" in node:
            seen_refs.add(node["$ref"])
        yield node
        for value in node.values():
            yield from _walk(value, seen_refs)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, seen_refs)


def test_schemas_use_only_what_the_request_checker_enforces(spec):
    schemas, refs = spec["components"]["schemas"], set()
    for schema in schemas.values():
        for node in _walk(schema, refs):
            if "properties" in node or "type" in node or "$ref" in node or "anyOf" in node:
                assert set(node) <= KEYWORDS, set(node) - KEYWORDS
                assert node.get("format", "date") in FORMATS
    assert {ref.rsplit("/", 1)[1] for ref in refs} <= set(schemas)
    every_ref = set()
    list(_walk(spec["paths"], every_ref))
    assert {ref.rsplit("/", 1)[1] for ref in every_ref} <= set(schemas)


def test_request_examples_pass_their_own_schemas(spec):
    for path, method, operation in _operations(spec):
        body = operation.get("requestBody")
        if not body:
            continue
        media = body["content"]["application/json"]
        assert media["examples"], (method, path)
        for example in media["examples"].values():
            assert problems(example["value"], media["schema"], spec) == {}, (method, path)


def test_query_parameters_are_typed(spec):
    parameters = spec["paths"]["/claims"]["get"]["parameters"]
    names = {p["name"]: p for p in parameters if p["in"] == "query"}
    assert {"status", "rating", "language", "since", "until", "document", "group", "kind",
            "cursor", "limit"} <= set(names)
    assert names["limit"]["schema"]["maximum"] == 200


def _example(operation):
    body = operation.get("requestBody")
    if not body:
        return None
    return next(iter(body["content"]["application/json"]["examples"].values()))["value"]


def _check_answer(spec, operation, response, where):
    answer = operation["responses"].get(str(response.status_code))
    assert answer, f"{where} answered an undocumented {response.status_code}: {response.json}"
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    if schema:
        assert problems(response.json, schema, spec) == {}, where


@pytest.mark.model
def test_each_operation_called_with_its_example_answers_as_documented(client, spec,
                                                                      token_for, db):
    assert {(m, p) for m, p, _ in CONTRACT} == {(m, p) for p, m, _ in _operations(spec)}
    tokens = {role: token_for(role)[1] for role in (Role.VIEWER, Role.REVIEWER, Role.EDITOR)}
    values = {"public_id": make_claim().public_id}
    db.session.commit()
    for method, path, role in CONTRACT:
        operation = spec["paths"][path][method]
        url = PREFIX + path.format(**values)
        headers = bearer(tokens[role or Role.VIEWER])
        body = _example(operation)
        response = client.open(url, method=method.upper(), headers=headers,
                               data=json.dumps(body) if body is not None else None,
                               content_type="application/json")
        _check_answer(spec, operation, response, f"{method} {path}")
        if path == "/documents":
            values["document_id"] = response.json["document"]["id"]
        if operation.get("security") != []:
            anonymous = client.open(url, method=method.upper())
            _check_answer(spec, operation, anonymous, f"anonymous {method} {path}")
