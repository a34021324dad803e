"""Sessions end: old cookies replayed after sign-out, password changes, deactivation and role
changes are treated as signed out; HSTS in production."""
import json

import pytest
import sqlalchemy as sa

from factcheck.auth.services import issue_api_token, user_for_session
from factcheck.config import load_config
from factcheck.models import AuditEntry, Role, User
from tests.conftest import post_form, sign_in
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "une toute nouvelle phrase"
COOKIES = ("session", "remember_token")


def _signed_in(app, db, role=Role.REVIEWER):
    """A browser signed in with "keep me signed in"; returns (browser, user)."""
    user = make_user(role)
    db.session.commit()
    browser = app.test_client()
    assert sign_in(browser, user.email, remember="y").status_code == 302
    return browser, user


def _jar(browser, names=COOKIES) -> dict:
    """What a thief would copy: the named cookies of ``browser``."""
    jar = {name: browser.get_cookie(name).value for name in names if browser.get_cookie(name)}
    assert set(jar) == set(names), f"missing cookies: {set(names) - set(jar)}"
    return jar


def _replay(app, jar: dict):
    """GET the home page from a fresh browser holding only the copied cookies."""
    browser = app.test_client()
    for name, value in jar.items():
        browser.set_cookie(name, value)
    return browser.get("/")


def _is_anonymous(response) -> bool:
    return response.status_code == 302 and "/login" in response.location


def _admin(app, db):
    browser, _user = _signed_in(app, db, Role.ADMIN)
    return browser


def _logout(app, db, browser, user):
    assert post_form(browser, "/logout", {}, page="/").status_code == 302


def _admin_resets_password(app, db, browser, user):
    page = f"/admin/users/{user.id}"
    assert post_form(_admin(app, db), f"{page}/password", {}, page=page).status_code == 200


def _own_password_change(app, db, browser, user):
    response = post_form(browser, "/account/password", {
        "current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302


def _deactivate_then_reactivate(app, db, browser, user):
    admin, page = _admin(app, db), f"/admin/users/{user.id}"
    assert post_form(admin, f"{page}/deactivate", {}, page=page).status_code == 302
    assert post_form(admin, f"{page}/reactivate", {}, page=page).status_code == 302


def _role_change(app, db, browser, user):
    page = f"/admin/users/{user.id}"
    response = post_form(_admin(app, db), f"{page}/role", {"role": "editor"}, page=page)
    assert response.status_code == 302


EVENTS = [_logout, _admin_resets_password, _own_password_change, _deactivate_then_reactivate,
          _role_change]


@pytest.mark.parametrize("names", [COOKIES, ("remember_token",), ("session",)],
                         ids=["both", "remember-only", "session-only"])
@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.__name__.strip("_"))
def test_cookies_copied_before_the_event_no_longer_sign_in(app, db, event, names):
    browser, user = _signed_in(app, db)
    stolen = _jar(browser, names)
    assert _replay(app, stolen).status_code == 200  # the copy works until the event...
    event(app, db, browser, user)
    assert _is_anonymous(_replay(app, stolen))  # ...and not after it


@pytest.mark.parametrize("event", EVENTS[1:], ids=lambda event: event.__name__.strip("_"))
def test_other_open_sessions_of_the_user_end_too(app, db, event):
    browser, user = _signed_in(app, db)
    laptop = app.test_client()
    assert sign_in(laptop, user.email).status_code == 302
    event(app, db, browser, user)
    assert _is_anonymous(laptop.get("/"))


def test_signing_out_ends_the_sessions_on_other_devices(app, db):
    phone, user = _signed_in(app, db)
    laptop = app.test_client()
    assert sign_in(laptop, user.email).status_code == 302
    _logout(app, db, laptop, user)
    assert _is_anonymous(phone.get("/")) and _is_anonymous(laptop.get("/"))
    assert sign_in(app.test_client(), user.email).status_code == 302  # signing in again works


def test_cookies_from_before_session_versions_are_signed_out(app, db):
    user = make_user()
    db.session.commit()
    assert user_for_session(f"{user.id}:{user.session_version}") == user
    for stale in (str(user.id), f"{user.id}:{user.session_version + 1}", f"{user.id}:",
                  "9" * 40 + ":1", "", ":1", f"{user.id}:x"):
        assert user_for_session(stale) is None


# Changing one's own password.

def test_password_change_keeps_this_browser_signed_in_with_the_new_version(app, db):
    browser, user = _signed_in(app, db)
    _own_password_change(app, db, browser, user)
    home = browser.get("/")
    assert home.status_code == 200 and "/account/password" in home.get_data(as_text=True)
    renewed = _jar(browser)
    assert _replay(app, {"remember_token": renewed["remember_token"]}).status_code == 200
    assert not sign_in(app.test_client(), user.email).status_code == 302  # old password
    assert sign_in(app.test_client(), user.email, password=NEW_PASSWORD).status_code == 302
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="user.password_change")
                               ).one()
    assert entry.actor_id == user.id and entry.target_id == user.id
    assert NEW_PASSWORD not in json.dumps([entry.before, entry.after])


@pytest.mark.parametrize("fields, words", [
    ({"current": "pas le bon mot de passe"}, "pas votre mot de passe actuel"),
    ({"confirm": "une autre phrase encore"}, "sont différents"),
    ({"new": "court", "confirm": "court"}, "au moins 10 caractères"),
    ({"current": ""}, "Ce champ est requis"),
])
def test_password_change_refuses_bad_input_and_changes_nothing(app, db, fields, words):
    browser, user = _signed_in(app, db)
    data = {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD, **fields}
    response = post_form(browser, "/account/password", data)
    assert response.status_code == 400 and words in response.get_data(as_text=True)
    assert browser.get("/").status_code == 200  # still signed in
    assert sign_in(app.test_client(), user.email).status_code == 302  # password unchanged


def test_password_change_needs_a_csrf_token_and_a_signed_in_user(app, db):
    browser, user = _signed_in(app, db)
    data = {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert browser.post("/account/password", data=data).status_code == 400
    assert sign_in(app.test_client(), user.email).status_code == 302
    assert _is_anonymous(app.test_client().get("/account/password"))


def test_guessing_the_current_password_is_throttled(app, db):
    browser, _user = _signed_in(app, db)
    data = {"current": "a wrong guess!", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    statuses = [post_form(browser, "/account/password", data).status_code
                for _ in range(app.config["LOGIN_ACCOUNT_FREE_FAILURES"] + 1)]
    assert statuses[:-1] == [400] * (len(statuses) - 1) and statuses[-1] == 429


def test_the_header_links_to_the_password_page(client, login_as):
    login_as(Role.VIEWER)
    html = client.get("/").get_data(as_text=True)
    assert 'href="/account/password"' in html
    assert client.get("/account/password").status_code == 200


def test_admin_resetting_their_own_password_stays_signed_in(app, db):
    browser, admin = _signed_in(app, db, Role.ADMIN)
    page = f"/admin/users/{admin.id}"
    assert post_form(browser, f"{page}/password", {}, page=page).status_code == 200
    assert browser.get(page).status_code == 200


# API tokens are separate from sessions, but a deactivated user's token stops working.

def test_a_deactivated_users_api_token_stops_working(app, db):
    user = make_user(Role.REVIEWER)
    token = issue_api_token(user)
    db.session.commit()
    bearer = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    assert app.test_client().get("/", headers=bearer).status_code == 200
    _deactivate(app, db, user)
    assert app.test_client().get("/", headers=bearer).status_code == 401


def _deactivate(app, db, user):
    admin, page = _admin(app, db), f"/admin/users/{user.id}"
    assert post_form(admin, f"{page}/deactivate", {}, page=page).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).active is False


# HSTS

def test_hsts_is_on_in_production_and_off_in_development(tmp_path):
    production = load_config(str(tmp_path), {"FACTCHECK_ENV": "production", "SECRET_KEY": "k"})
    assert production["HSTS_SECONDS"] == 31536000
    assert load_config(str(tmp_path), {"SECRET_KEY": "k"})["HSTS_SECONDS"] == 0
    assert load_config(str(tmp_path), {"FACTCHECK_ENV": "production", "SECRET_KEY": "k",
                                       "HSTS_SECONDS": "0"})["HSTS_SECONDS"] == 0


@pytest.mark.parametrize("path", ["/login", "/healthz", "/no-such-page", "/static/css/app.css"])
def test_every_response_carries_hsts_when_enabled(app, client, monkeypatch, path):
    assert _hsts(client, path) is None  # development
    monkeypatch.setitem(app.config, "HSTS_SECONDS", 31536000)
    assert _hsts(client, path) == "max-age=31536000; includeSubDomains"


def _hsts(client, path: str):
    with client.get(path) as response:  # closes the static file
        return response.headers.get("Strict-Transport-Security")

