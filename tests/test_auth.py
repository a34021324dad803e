"""Signing in and out, throttling, CSRF, API tokens."""
import pytest

from factcheck.auth.services import hash_token, issue_api_token
from factcheck.models import LoginAttempt, Role
from tests.conftest import csrf_token
from tests.factories import make_user


@pytest.fixture
def reviewer(db):
    user = make_user(Role.REVIEWER, email="Rita@Example.test")
    db.session.commit()
    return user


def test_login_page_renders_a_form_in_french_by_default(client):
    page = client.get("/login")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="csrf_token"' in html and 'type="password"' in html
    assert '<html lang="fr">' in html


def test_login_page_speaks_english_on_request(client):
    html = client.get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in" in html


def test_valid_login_redirects_to_documents_and_signs_in(client, login, reviewer):
    response = login("rita@example.test")  # email compared case-insensitively
    assert response.status_code == 302 and response.location.endswith("/")
    assert client.get("/").status_code == 200


def test_wrong_password_is_refused_with_a_message(client, login, reviewer):
    response = login(reviewer.email, password="not the password")
    assert response.status_code == 401
    assert "mot de passe" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out


def test_unknown_email_gets_the_same_answer(login):
    assert login("nobody@example.test").status_code == 401


def test_login_without_csrf_token_is_rejected(client, reviewer):
    response = client.post("/login", data={"email": reviewer.email, "password": "x" * 12})
    assert response.status_code == 400
    assert "formulaire" in response.get_data(as_text=True)


def test_repeated_failures_throttle_even_the_right_password(app, login, reviewer, db):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert login(reviewer.email, password="wrong password!").status_code == 401
    assert login(reviewer.email).status_code == 429
    assert db.session.query(LoginAttempt).filter_by(succeeded=True).count() == 0


def test_inactive_user_cannot_sign_in(login, reviewer, db):
    reviewer.active = False
    db.session.commit()
    assert login(reviewer.email).status_code == 401


def test_next_parameter_only_redirects_within_the_site(client, reviewer):
    token = csrf_token(client)
    data = {"email": reviewer.email, "password": "correct horse battery", "csrf_token": token}
    response = client.post("/login?next=//evil.example/x", data=data)
    assert response.status_code == 302 and "evil.example" not in response.location


def test_logout_needs_post_and_signs_out(client, login_as):
    login_as(Role.VIEWER)
    assert client.get("/logout").status_code == 405
    token = csrf_token(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_api_token_authenticates_and_only_its_hash_is_stored(client, reviewer, db):
    token = issue_api_token(reviewer)
    db.session.commit()
    assert reviewer.api_token_hash == hash_token(token) and token not in reviewer.api_token_hash
    ok = client.get("/", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    bad = client.get("/", headers={"Authorization": "Bearer fc_wrong",
                                   "Accept": "application/json"})
    assert bad.status_code == 401 and bad.json["error"] == "unauthorized"
