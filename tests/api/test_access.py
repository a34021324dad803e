"""Who may call the API: tokens only (never a browser's cookies), roles as in the browser."""
import pytest

from factcheck.auth.services import issue_api_token
from factcheck.models import Document, Role, Stance
from factcheck.review.services import draft_verdict, find_or_add_source, link_source
from tests.api.conftest import bearer
from tests.conftest import sign_in
from tests.factories import make_claim, make_user, rating

NEW_DOCUMENT = {"text": "Le chômage a baissé de 0,3 point, selon l'Insee."}
ENGLISH = {"Accept-Language": "en"}
VERDICT = {"rating": "false", "rationale": "Les chiffres disent autre chose.", "version": "new"}


@pytest.fixture
def claim(db):
    """A claim with one source, nothing drafted yet."""
    found = make_claim()
    author = make_user(Role.REVIEWER)
    link_source(found, find_or_add_source("https://stats.example/serie", author),
                Stance.SUPPORTS, author)
    db.session.commit()
    return found


def _writes(public_id):
    return [("post", "/documents", NEW_DOCUMENT),
            ("post", f"/claims/{public_id}/sources", {"url": "https://a.example/",
                                                       "stance": "context"}),
            ("put", f"/claims/{public_id}/verdict", VERDICT),
            ("post", f"/claims/{public_id}/publish", {})]


@pytest.mark.parametrize("path", ["/claims", "/documents/1", "/claims/abc"])
def test_no_token_is_a_401_that_says_how_to_authenticate(client, path):
    response = client.get(f"/api/v1{path}", headers=ENGLISH)
    assert response.status_code == 401 and response.json["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json["message"]


def test_an_unknown_token_is_refused(client):
    response = client.get("/api/v1/claims", headers={**bearer("fc_not-a-token"), **ENGLISH})
    assert response.status_code == 401 and "not valid" in response.json["message"]


def test_a_deactivated_users_token_is_refused(client, token_for, db):
    user, token = token_for(Role.EDITOR)
    assert client.get("/api/v1/claims", headers=bearer(token)).status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/claims", headers=bearer(token)).status_code == 401


def test_a_browser_session_is_refused_for_reads_and_writes(client, login_as, db, claim):
    login_as(Role.ADMIN)
    assert client.get("/").status_code == 200  # signed in, in the browser
    read = client.get("/api/v1/claims", headers=ENGLISH)
    assert read.status_code == 401 and "browser sessions" in read.json["message"]
    for method, path, body in _writes(claim.public_id):
        response = getattr(client, method)(f"/api/v1{path}", json=body)
        assert response.status_code == 401, (path, response.json)
    assert db.session.query(Document).count() == 1  # the claim's own: nothing was added


def test_api_answers_neither_read_nor_set_a_session_cookie(client, api, login_as):
    login_as(Role.VIEWER)
    response = api(Role.VIEWER).get("/claims")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.vary
    assert response.cache_control.no_store and response.cache_control.private


@pytest.mark.parametrize("index", range(4))
def test_a_viewer_reads_but_cannot_write(api, claim, index):
    viewer = api(Role.VIEWER)
    assert viewer.get(f"/claims/{claim.public_id}").status_code == 200
    method, path, body = _writes(claim.public_id)[index]
    response = getattr(viewer, method)(path, json=body)
    assert response.status_code == 403 and response.json["error"] == "forbidden"


def test_a_reviewer_drafts_but_cannot_publish(api, claim):
    reviewer = api(Role.REVIEWER)
    path = f"/claims/{claim.public_id}"
    assert reviewer.put(f"{path}/verdict", json=VERDICT).status_code == 200
    assert reviewer.post(f"{path}/publish").status_code == 403


def test_an_editor_cannot_publish_a_verdict_they_wrote(api, claim):
    author, other = api(Role.EDITOR), api(Role.EDITOR)
    path = f"/claims/{claim.public_id}"
    version = author.put(f"{path}/verdict", json=VERDICT).json["version"]
    refused = author.post(f"{path}/publish", json={"version": version}, headers=ENGLISH)
    assert refused.status_code == 403 and "did not write" in refused.json["message"]
    assert other.post(f"{path}/publish", json={"version": version}).status_code == 200


def test_an_editor_who_linked_a_source_to_the_draft_is_one_of_its_authors(api, claim, db):
    reviewer, editor = make_user(Role.REVIEWER), api(Role.EDITOR)
    draft_verdict(claim, rating("false"), "Faux.", reviewer)
    db.session.commit()
    path = f"/claims/{claim.public_id}"
    assert editor.post(f"{path}/sources", json={"url": "https://b.example/",
                                                "stance": "refutes"}).status_code == 201
    assert editor.post(f"{path}/publish").status_code == 403


def test_the_description_is_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json["openapi"] == "3.1.0"


def test_writes_need_no_csrf_token_but_a_token(api, db):
    response = api(Role.REVIEWER).post("/documents", json=NEW_DOCUMENT)
    assert response.status_code == 201, response.json


def test_a_remember_me_cookie_never_acts_on_the_api(app, db):
    admin = make_user(Role.ADMIN)
    viewer_token = issue_api_token(make_user(Role.VIEWER))
    db.session.commit()
    browser = app.test_client()
    assert sign_in(browser, admin.email, remember="y").status_code == 302
    remembered = app.test_client()  # "keep me signed in" alone, as after a browser restart
    remembered.set_cookie("remember_token", browser.get_cookie("remember_token").value)
    assert remembered.get("/").status_code == 200  # the browser takes it
    assert remembered.get("/api/v1/claims").status_code == 401
    as_viewer = remembered.post("/api/v1/documents", json=NEW_DOCUMENT,
                                headers=bearer(viewer_token))
    assert as_viewer.status_code == 403  # the token's user, never the cookie's admin
    assert db.session.query(Document).count() == 0
