"""API errors: always JSON {error, message, fields?}, with the right status for each case."""
import pytest
import sqlalchemy as sa

from factcheck.extraction.lang import SUPPORTED
from factcheck.models import Claim, Role, Verdict
from factcheck.review.services import approve_and_publish, draft_verdict
from tests.api.conftest import conforms
from tests.factories import make_claim, make_user, rating

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def claim(db):
    found = make_claim()
    db.session.commit()
    return found


def _fields(response, status=400):
    assert response.status_code == status, response.json
    conforms(response.json, "Error")
    return response.json["fields"]


def test_a_document_body_is_checked_field_by_field(api):
    response = api(Role.REVIEWER).post("/documents", headers=ENGLISH, json={
        "text": 5, "url": "ftp://files.example/a", "published_at": "2026-13-01",
        "lang": "de", "title": None, "colour": "red"})
    assert response.json["error"] == "invalid"
    assert _fields(response) == {
        "text": "Must be a string.", "url": "Must be an http:// or https:// address.",
        "published_at": "Must be a date (YYYY-MM-DD).",
        "lang": f"Must be one of: auto, {', '.join(SUPPORTED)}.",
        "colour": "Unknown field."}


@pytest.mark.parametrize("body, field", [
    ({}, "text"), ({"text": "   "}, "text"), ({"text": "Du texte.", "title": "x" * 501}, "title"),
    ({"text": "Du\x00texte."}, "text"), ({"text": "Du texte.", "published_at": "hier"},
                                         "published_at"),
    ({"text": "Du texte.", "lang": None}, "lang"),
    ({"text": "Du texte.", "published_at": "2026-05-12T08:30:00"}, "published_at"),  # offset?
])
def test_each_bad_document_field_is_named(api, body, field):
    assert list(_fields(api(Role.REVIEWER).post("/documents", json=body))) == [field]


def test_a_date_and_time_with_an_offset_is_kept_in_utc(api):
    response = api(Role.REVIEWER).post("/documents", json={
        "text": "Un texte sans chiffre.", "published_at": "2026-05-12T08:30:00+02:00"})
    assert response.status_code == 201, response.json
    assert response.json["document"]["published_at"] == "2026-05-12T06:30:00"


@pytest.mark.parametrize("body, fields", [
    ({"url": "https://a.example/", "stance": "agrees"}, ["stance"]),
    ({"stance": "refutes"}, ["url"]),
    ({"url": "pas une adresse", "stance": "refutes", "excerpt": 3}, ["excerpt", "url"]),
])
def test_a_source_body_is_checked(api, claim, body, fields):
    response = api(Role.REVIEWER).post(f"/claims/{claim.public_id}/sources", json=body)
    assert sorted(_fields(response)) == fields


@pytest.mark.parametrize("body, field", [
    ({"rating": "très faux", "rationale": "Non.", "version": "new"}, "rating"),
    ({"rating": "false", "rationale": " ", "version": "new"}, "rationale"),
    ({"rating": "false", "rationale": "Non.", "version": "3"}, "version"),
    ({"rating": "false", "rationale": "Non."}, "version"),
    ({"rating": True, "rationale": "Non.", "version": "new"}, "rating"),
])
def test_a_verdict_body_is_checked(api, claim, body, field):
    response = api(Role.REVIEWER).put(f"/claims/{claim.public_id}/verdict", json=body,
                                      headers=ENGLISH)
    assert list(_fields(response)) == [field]
    if field == "rating" and body["rating"] == "très faux":
        assert "mostly-true" in response.json["fields"]["rating"]


def test_rating_keys_are_read_in_any_case(api, claim):
    response = api(Role.REVIEWER).put(f"/claims/{claim.public_id}/verdict", json={
        "rating": " UNVERIFIABLE", "rationale": "On ne peut pas savoir.", "version": "new"})
    assert response.status_code == 200 and response.json["draft"]["rating"] == "unverifiable"


@pytest.mark.parametrize("data, message", [
    (b'{"text": "unclosed', "not valid JSON"), (b'["a list"]', "must be a JSON object"),
    (b'{"text": NaN}', "not valid JSON"), (b"\xff\xfe\xfa", "not valid JSON"),
])
def test_malformed_json_is_a_400(api, data, message):
    response = api(Role.REVIEWER).post("/documents", data=data, headers=ENGLISH,
                                       content_type="application/json")
    assert response.status_code == 400 and response.json["error"] == "invalid_json"
    assert message in response.json["message"]


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain",
                                          None])
def test_a_body_that_is_not_json_is_a_415(api, content_type):
    response = api(Role.REVIEWER).post("/documents", data="text=Du+texte",
                                       content_type=content_type)
    assert response.status_code == 415 and response.json["error"] == "unsupported_media_type"


def test_a_body_over_the_cap_is_a_413(api, app, monkeypatch, db):
    monkeypatch.setitem(app.config, "API_MAX_BODY_BYTES", 1000)
    response = api(Role.REVIEWER).post("/documents", json={"text": "Du texte. " * 200},
                                       headers=ENGLISH)
    assert response.status_code == 413 and response.json["error"] == "too_large"
    assert "larger than the API accepts" in response.json["message"]


def test_the_default_cap_is_two_mib(app):
    assert app.config["API_MAX_BODY_BYTES"] == 2 * 1024 * 1024


def test_a_text_over_the_ingest_limit_is_a_413_naming_the_text(api):
    response = api(Role.REVIEWER).post("/documents", json={"text": "a" * 500_001})
    assert list(_fields(response, 413)) == ["text"]


def test_a_text_too_long_to_extract_without_a_worker_is_a_413(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_INLINE_EXTRACTION_CHARS", 30)
    response = api(Role.REVIEWER).post("/documents", json={"text": "Un texte un peu long. " * 3})
    assert list(_fields(response, 413)) == ["text"]


@pytest.mark.parametrize("path", ["/claims/nope", "/documents/999", "/nothing/here",
                                  "/claims/nope/sources"])
def test_unknown_things_are_json_404s(api, path):
    caller = api(Role.REVIEWER)
    response = caller.get(path) if not path.endswith("sources") else caller.post(
        path, json={"url": "https://a.example/", "stance": "context"})
    assert response.status_code == 404 and response.json["error"] == "not_found"
    conforms(response.json, "Error")


def test_a_wrong_method_is_a_json_405_with_allow(api):
    response = api(Role.ADMIN).delete("/claims")
    assert response.status_code == 405 and response.json["error"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_a_stale_verdict_version_is_a_409_with_the_claim_as_it_now_is(api, claim):
    first, second = api(Role.REVIEWER), api(Role.REVIEWER)
    path = f"/claims/{claim.public_id}/verdict"
    mine = first.put(path, json={"rating": "false", "rationale": "Faux.", "version": "new"})
    theirs = second.put(path, json={"rating": "true", "rationale": "Vrai.", "version": "new"})
    assert theirs.status_code == 409 and theirs.json["error"] == "conflict"
    conforms(theirs.json, "Error")
    assert theirs.json["current"]["draft"]["rating"] == "false"
    assert theirs.json["current"]["version"] == mine.json["version"]
    again = second.put(path, json={"rating": "true", "rationale": "Vrai.",
                                   "version": theirs.json["current"]["version"]})
    assert again.status_code == 200 and again.json["draft"]["rating"] == "true"


def test_a_version_of_an_earlier_draft_is_stale_even_with_the_same_number(api, claim, db):
    """A draft published, then a new one opened: the number alone would match (1 and 1)."""
    reviewer, editor = make_user(Role.REVIEWER), make_user(Role.EDITOR)
    old = draft_verdict(claim, rating("false"), "Faux.", reviewer)
    db.session.commit()
    stale = f"{old.id}:{old.version}"
    approve_and_publish(old, editor)
    draft_verdict(claim, rating("true"), "Vrai.", reviewer, correction_note="Nouvelles données.")
    db.session.commit()
    current = db.session.scalars(sa.select(Verdict).where(Verdict.status == "draft")).one()
    assert stale.endswith(f":{current.version}") and current.id != old.id
    response = api(Role.REVIEWER).put(f"/claims/{claim.public_id}/verdict", json={
        "rating": "half-true", "rationale": "À moitié.", "version": stale,
        "correction_note": "Nuance."})
    assert response.status_code == 409
    assert response.json["current"]["version"] == f"{current.id}:{current.version}"


def test_publishing_a_stale_version_is_a_409(api, claim, db):
    reviewer, editor = api(Role.REVIEWER), api(Role.EDITOR)
    path = f"/claims/{claim.public_id}"
    read = reviewer.put(f"{path}/verdict", json={"rating": "false", "rationale": "Faux.",
                                                 "version": "new"}).json["version"]
    reviewer.put(f"{path}/verdict", json={"rating": "false", "rationale": "Faux, vraiment.",
                                          "version": read})
    response = editor.post(f"{path}/publish", json={"version": read})
    assert response.status_code == 409 and response.json["error"] == "conflict"
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status.value == "verdict_drafted"


def test_publishing_without_a_draft_is_refused(api, claim):
    response = api(Role.EDITOR).post(f"/claims/{claim.public_id}/publish")
    assert response.status_code == 409 and response.json["error"] == "refused"
    assert response.json["current"]["public_id"] == claim.public_id


def test_a_source_linked_twice_is_refused(api, claim):
    reviewer = api(Role.REVIEWER)
    body = {"url": "https://a.example/page", "stance": "context"}
    assert reviewer.post(f"/claims/{claim.public_id}/sources", json=body).status_code == 201
    again = reviewer.post(f"/claims/{claim.public_id}/sources", json=body)
    assert again.status_code == 409 and again.json["error"] == "refused"


def test_messages_follow_accept_language(api):
    caller = api(Role.REVIEWER)
    french = caller.post("/documents", json={})
    english = caller.post("/documents", json={}, headers=ENGLISH)
    assert english.json["fields"]["text"] == "This field is required."
    assert french.json["fields"]["text"] == "Ce champ est obligatoire."
    assert caller.post("/documents?lang=en", json={}).json["fields"]["text"] == (
        "This field is required.")
