"""Signing in and out, CSRF, API tokens, and sign-in throttling by account and by address."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from factcheck import create_app
from factcheck.auth.services import ThrottlePolicy, hash_token, issue_api_token
from factcheck.extensions import db as dbx
from factcheck.models import LoginAttempt, Role
from tests.conftest import csrf_token, post_form, sign_in
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


# Throttling. Time is simulated by ageing the recorded attempts, never by sleeping.

STRANGER = "198.51.100.20"  # documentation addresses: only strings in the WSGI environ
OWNER = "203.0.113.5"


def _age_attempts(db, seconds: float) -> None:
    """Move every recorded attempt ``seconds`` into the past."""
    for attempt in db.session.scalars(sa.select(LoginAttempt)):
        attempt.created_at -= timedelta(seconds=seconds)
    db.session.commit()


def _browser(app, address: str | None = None, forwarded_for: str | None = None):
    browser = app.test_client()
    if address:
        browser.environ_base["REMOTE_ADDR"] = address
    if forwarded_for:
        browser.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return browser


def _text(response) -> str:
    return response.get_data(as_text=True).replace("\xa0", " ")  # Babel's no-break spaces


def _fail(browser, email: str):
    return sign_in(browser, email, password="not the password")


def _add_failures(db, count: int, email: str | None = None, address: str = "127.0.0.1"):
    for n in range(count):
        db.session.add(LoginAttempt(email=email or f"guess{n}@example.test",
                                    ip_address=address, succeeded=False))
    db.session.commit()


def test_delays_start_after_the_free_failures_and_say_how_long(app, login, reviewer, db):
    free = app.config["LOGIN_ACCOUNT_FREE_FAILURES"]
    for _ in range(free):
        assert login(reviewer.email, password="wrong password!").status_code == 401
    refused = login(reviewer.email)  # even the right password waits
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 2
    assert "Attendez 2 secondes" in _text(refused)
    assert db.session.scalar(sa.select(sa.func.count()).where(LoginAttempt.succeeded)) == 0
    _age_attempts(db, 2)
    assert login(reviewer.email, password="wrong password!").status_code == 401
    assert 3 <= int(login(reviewer.email).headers["Retry-After"]) <= 4  # doubled


def test_the_wait_is_told_in_english_too(app, reviewer, db):
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    _add_failures(db, 12, email=reviewer.email)
    page = sign_in(browser, reviewer.email)
    assert page.status_code == 429 and "Wait 5 minutes" in _text(page)


def test_delay_doubles_and_is_capped():
    policy = ThrottlePolicy(free_failures=3, max_delay_seconds=300)
    assert [policy.delay_after(n) for n in range(12)] == [0, 0, 0, 2, 4, 8, 16, 32, 64, 128,
                                                          256, 300]
    assert policy.delay_after(10_000) == 300


def test_a_stranger_cannot_lock_the_owner_out(app, reviewer, db):
    stranger = _browser(app, STRANGER)
    for _ in range(5):  # used to lock the account for 15 minutes
        _age_attempts(db, 60)
        assert _fail(stranger, reviewer.email).status_code == 401
    _age_attempts(db, 60)  # after 5 failures the account waits 8 seconds
    assert sign_in(_browser(app, OWNER), reviewer.email).status_code == 302


def test_a_long_attack_makes_the_owner_wait_at_most_the_cap(app, reviewer, db):
    _add_failures(db, 40, email=reviewer.email, address=STRANGER)
    waiting = sign_in(_browser(app, OWNER), reviewer.email)
    cap = app.config["LOGIN_ACCOUNT_MAX_DELAY_SECONDS"]
    assert waiting.status_code == 429 and 0 < int(waiting.headers["Retry-After"]) <= cap
    _age_attempts(db, cap)
    assert sign_in(_browser(app, OWNER), reviewer.email).status_code == 302


def test_a_successful_sign_in_clears_the_account_delay(app, reviewer, db):
    owner = _browser(app, OWNER)
    for _ in range(app.config["LOGIN_ACCOUNT_FREE_FAILURES"] + 2):
        _age_attempts(db, 60)
        assert _fail(owner, reviewer.email).status_code == 401
    _age_attempts(db, 60)
    assert sign_in(owner, reviewer.email).status_code == 302
    later = _browser(app, OWNER)
    for _ in range(app.config["LOGIN_ACCOUNT_FREE_FAILURES"]):  # free again, straight away
        assert _fail(later, reviewer.email).status_code == 401


def test_failures_from_one_address_block_only_that_address(app, reviewer, db):
    limit = app.config["LOGIN_ADDRESS_MAX_FAILURES"]
    _add_failures(db, limit - 1, address=STRANGER)
    stranger = _browser(app, STRANGER)
    assert _fail(stranger, "last-guess@example.test").status_code == 401
    blocked = sign_in(stranger, "someone-else@example.test")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 60
    assert "depuis votre adresse réseau" in _text(blocked)
    assert sign_in(_browser(app, OWNER), reviewer.email).status_code == 302
    _age_attempts(db, app.config["LOGIN_WINDOW_SECONDS"])
    assert _fail(stranger, "new-guess@example.test").status_code == 401  # the window moved on


def test_forged_forwarded_for_is_ignored_without_trusted_proxies(app, db):
    assert app.config["TRUSTED_PROXIES"] == 0
    _add_failures(db, app.config["LOGIN_ADDRESS_MAX_FAILURES"])
    forger = _browser(app, forwarded_for="192.0.2.77")
    assert _fail(forger, "x@example.test").status_code == 429  # still 127.0.0.1, still blocked
    db.session.execute(sa.delete(LoginAttempt))
    db.session.commit()
    _fail(forger, "x@example.test")
    assert db.session.scalars(sa.select(LoginAttempt.ip_address)).all() == ["127.0.0.1"]


@pytest.fixture
def proxied_app(app):
    """The same application and database, told it runs behind one reverse proxy."""
    other = create_app({**app.config, "TRUSTED_PROXIES": 1})
    other.test_client_class = type(app.test_client())
    yield other
    with other.app_context():
        dbx.engine.dispose()


def test_clients_behind_a_trusted_proxy_are_throttled_separately(proxied_app, reviewer, db):
    first, second = (_browser(proxied_app, forwarded_for=f"192.0.2.{n}") for n in (10, 11))
    for n in range(proxied_app.config["LOGIN_ADDRESS_MAX_FAILURES"]):
        assert _fail(first, f"guess{n}@example.test").status_code == 401
    assert _fail(first, reviewer.email).status_code == 429
    assert sign_in(second, reviewer.email).status_code == 302  # the desk next door signs in
    kept = db.session.scalars(sa.select(LoginAttempt.ip_address)).all()
    assert kept.count("192.0.2.11") == 1 and "127.0.0.1" not in kept


def test_a_browser_the_owner_signed_in_on_skips_the_account_delay(app, reviewer, db):
    laptop = _browser(app, OWNER)
    assert sign_in(laptop, reviewer.email).status_code == 302
    assert post_form(laptop, "/logout", {}, page="/").status_code == 302
    _add_failures(db, 40, email=reviewer.email, address=STRANGER)
    assert sign_in(_browser(app, OWNER), reviewer.email).status_code == 429  # unknown browser
    assert _fail(laptop, reviewer.email).status_code == 401  # the password is still checked
    assert sign_in(laptop, reviewer.email).status_code == 302


def test_the_known_browser_cookie_is_for_one_account_and_cannot_be_forged(app, reviewer, db):
    other = make_user(Role.VIEWER)
    db.session.commit()
    laptop = _browser(app, OWNER)
    assert sign_in(laptop, other.email).status_code == 302
    assert laptop.get_cookie("fc_known_browser").http_only
    _add_failures(db, 40, email=reviewer.email, address=STRANGER)
    forged = _browser(app, OWNER)
    forged.set_cookie("fc_known_browser", "e30.forged.signature")
    assert sign_in(forged, reviewer.email).status_code == 429
    post_form(laptop, "/logout", {}, page="/")
    assert sign_in(laptop, reviewer.email).status_code == 429  # known for the other account


def test_a_known_browser_still_meets_the_address_limit(app, reviewer, db):
    laptop = _browser(app, STRANGER)
    assert sign_in(laptop, reviewer.email).status_code == 302
    post_form(laptop, "/logout", {}, page="/")
    _add_failures(db, app.config["LOGIN_ADDRESS_MAX_FAILURES"], address=STRANGER)
    assert sign_in(laptop, reviewer.email).status_code == 429
