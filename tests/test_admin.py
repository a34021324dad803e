"""User administration: access, accounts, roles, deactivation, secrets shown once, audit."""
import json
import re

import pytest
import sqlalchemy as sa

from factcheck.admin.services import UserAdminError, change_role, set_active
from factcheck.auth.services import hash_token, issue_api_token
from factcheck.models import AuditEntry, Role, User
from tests.conftest import csrf_token, post_form, sign_in
from tests.factories import PASSWORD, make_user

WRITE_ROUTES = ["/admin/users/new", "/admin/users/{id}/role", "/admin/users/{id}/deactivate",
                "/admin/users/{id}/reactivate", "/admin/users/{id}/password",
                "/admin/users/{id}/token", "/admin/users/{id}/token/revoke"]
SECRET = re.compile(r"data-secret>([^<]+)<")


@pytest.fixture
def target(db):
    """An editor with an API token, the account the admin works on."""
    user = make_user(Role.EDITOR)
    issue_api_token(user)
    db.session.commit()
    return user


def _url(path: str, user: User) -> str:
    return path.format(id=user.id)


def _fresh(db, user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def _secret(response) -> str:
    found = SECRET.findall(response.get_data(as_text=True))
    assert len(found) == 1, response.get_data(as_text=True)
    return found[0].strip()


def _new_user(client, **fields):
    data = {"email": "nouvelle@example.test", "display_name": "Nouvelle", "role": "reviewer",
            "password_mode": "typed", "password": "un mot de passe long",
            "confirm": "un mot de passe long", **fields}
    return post_form(client, "/admin/users/new", data)


def _can_sign_in(app, email: str, password: str) -> bool:
    browser = app.test_client()
    data = {"email": email, "password": password, "csrf_token": csrf_token(browser)}
    return browser.post("/login", data=data).status_code == 302


@pytest.mark.parametrize("role", [Role.VIEWER, Role.REVIEWER, Role.EDITOR])
@pytest.mark.parametrize("path", ["/admin/users", "/admin/users/new", "/admin/users/{id}"])
def test_pages_are_forbidden_below_admin(client, login_as, target, role, path):
    login_as(role)
    assert client.get(_url(path, target)).status_code == 403


@pytest.mark.parametrize("role", [Role.VIEWER, Role.REVIEWER, Role.EDITOR])
@pytest.mark.parametrize("path", WRITE_ROUTES)
def test_write_routes_are_forbidden_below_admin(client, login_as, target, db, role, path):
    login_as(role)
    data = {"role": "admin", "email": "x@example.test", "password_mode": "generate"}
    response = post_form(client, _url(path, target), data, page="/")
    assert response.status_code == 403
    after = _fresh(db, target)
    assert (after.role, after.active, after.api_token_hash) == (Role.EDITOR, True,
                                                                target.api_token_hash)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2


@pytest.mark.parametrize("path", WRITE_ROUTES + ["/admin/users", "/admin/users/{id}"])
def test_anonymous_visitors_are_sent_to_sign_in(client, target, db, path):
    token = csrf_token(client)
    response = client.post(_url(path, target), data={"csrf_token": token, "role": "admin"}) \
        if path in WRITE_ROUTES else client.get(_url(path, target))
    assert response.status_code == 302 and "/login" in response.location
    assert _fresh(db, target).role is Role.EDITOR


def test_post_without_csrf_token_is_refused(client, login_as, target, db):
    login_as(Role.ADMIN)
    response = client.post(_url("/admin/users/{id}/role", target), data={"role": "viewer"})
    assert response.status_code == 400
    assert _fresh(db, target).role is Role.EDITOR


def test_list_shows_accounts_and_searches_by_email(client, login_as, target, db):
    login_as(Role.ADMIN)
    make_user(Role.VIEWER, email="autre@presse.test")
    db.session.commit()
    html = client.get("/admin/users").get_data(as_text=True)
    assert target.email in html and "autre@presse.test" in html
    found = client.get("/admin/users?q=PRESSE").get_data(as_text=True)
    assert "autre@presse.test" in found and target.email not in found
    assert client.get("/admin/users?q=100%_").status_code == 200


def test_admin_creates_a_user_who_can_sign_in(app, client, login_as, db):
    admin = login_as(Role.ADMIN)
    response = _new_user(client)
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "nouvelle@example.test"))
    assert (user.role, user.display_name, user.active) == (Role.REVIEWER, "Nouvelle", True)
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="user.create",
                                                               target_id=user.id)).one()
    assert entry.actor_id == admin.id and "password" not in json.dumps(entry.after)
    assert _can_sign_in(app, "nouvelle@example.test", "un mot de passe long")


def test_generated_password_is_shown_once_and_works(app, client, login_as, db):
    login_as(Role.ADMIN)
    response = _new_user(client, password_mode="generate", password="", confirm="")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = _secret(response)
    user = db.session.scalar(sa.select(User).where(User.email == "nouvelle@example.test"))
    assert password not in client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert password not in client.get("/admin/users").get_data(as_text=True)
    assert _can_sign_in(app, user.email, password)


@pytest.mark.parametrize("fields", [
    {"email": "pas-une-adresse"},
    {"email": ""},
    {"password": "court", "confirm": "court"},
    {"confirm": "un autre mot de passe"},
    {"role": "superuser"},
])
def test_bad_input_is_refused_with_the_form_kept_and_nothing_stored(client, login_as, db,
                                                                     fields):
    login_as(Role.ADMIN)
    response = _new_user(client, display_name="Nom gardé", **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Nom gardé"' in html and 'class="errors"' in html
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 1  # the admin's own


def test_an_email_already_in_use_is_refused(client, login_as, target, db):
    login_as(Role.ADMIN)
    response = _new_user(client, email=target.email.upper())
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2


def test_role_change_takes_effect(client, client_for, db):
    editor_browser, editor = client_for(Role.EDITOR)
    admin_browser, _ = client_for(Role.ADMIN)
    page = f"/admin/users/{editor.id}"
    response = post_form(admin_browser, f"{page}/role", {"role": "reviewer"}, page=page)
    assert response.status_code == 302
    demoted = _fresh(db, editor)
    assert demoted.role is Role.REVIEWER and not demoted.has_role(Role.EDITOR)
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="user.role")).one()
    assert (entry.before, entry.after) == ({"role": "editor"}, {"role": "reviewer"})
    # The role change ended the editor's sessions; signed in again, the new role applies.
    assert "/login" in editor_browser.get("/").location
    assert sign_in(editor_browser, editor.email).status_code == 302
    home = editor_browser.get("/").get_data(as_text=True)
    assert "/documents/new" in home and "/admin/users" not in home


def test_unknown_role_is_refused(client, login_as, target, db):
    login_as(Role.ADMIN)
    page = f"/admin/users/{target.id}"
    response = post_form(client, f"{page}/role", {"role": "superuser"}, page=page)
    assert response.status_code == 400 and 'class="errors"' in response.get_data(as_text=True)
    assert _fresh(db, target).role is Role.EDITOR


def test_promotion_to_admin_opens_the_admin_pages(client_for):
    admin_browser, _ = client_for(Role.ADMIN)
    other_browser, other = client_for(Role.VIEWER)
    assert other_browser.get("/admin/users").status_code == 403
    page = f"/admin/users/{other.id}"
    post_form(admin_browser, f"{page}/role", {"role": "admin"}, page=page)
    assert "/login" in other_browser.get("/admin/users").location  # signed out by the change
    assert sign_in(other_browser, other.email).status_code == 302
    assert other_browser.get("/admin/users").status_code == 200


def test_deactivated_user_cannot_sign_in_and_their_session_ends(app, client_for, db):
    user_browser, user = client_for(Role.REVIEWER)
    admin_browser, _ = client_for(Role.ADMIN)
    assert user_browser.get("/").status_code == 200
    page = f"/admin/users/{user.id}"
    assert post_form(admin_browser, f"{page}/deactivate", {}, page=page).status_code == 302
    assert _fresh(db, user).active is False
    response = user_browser.get("/")
    assert response.status_code == 302 and "/login" in response.location
    assert not _can_sign_in(app, user.email, PASSWORD)
    assert post_form(admin_browser, f"{page}/reactivate", {}, page=page).status_code == 302
    assert _can_sign_in(app, user.email, PASSWORD)
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["user.deactivate", "user.reactivate"]


@pytest.mark.parametrize("action, data", [("role", {"role": "editor"}), ("deactivate", {})])
def test_admin_cannot_demote_or_deactivate_themselves(client, login_as, db, action, data):
    admin = login_as(Role.ADMIN)
    make_user(Role.ADMIN)  # another admin exists: the refusal is about oneself
    page = f"/admin/users/{admin.id}"
    response = post_form(client, f"{page}/{action}", data, page="/admin/users")
    assert response.status_code == 400
    assert 'role="alert"' in response.get_data(as_text=True)
    me = _fresh(db, admin)
    assert (me.role, me.active) == (Role.ADMIN, True)


def test_another_admin_can_be_demoted_while_one_is_left(client, login_as, db):
    login_as(Role.ADMIN)
    other = make_user(Role.ADMIN)
    db.session.commit()
    page = f"/admin/users/{other.id}"
    assert post_form(client, f"{page}/role", {"role": "editor"}, page=page).status_code == 302
    assert _fresh(db, other).role is Role.EDITOR


@pytest.mark.parametrize("change", [lambda user, actor: change_role(user, Role.VIEWER, actor),
                                    lambda user, actor: set_active(user, False, actor)])
def test_the_last_active_admin_is_never_demoted_or_deactivated(db, change):
    last = make_user(Role.ADMIN)
    retired = make_user(Role.ADMIN)
    retired.active = False  # a deactivated admin does not count
    actor = make_user(Role.EDITOR)  # services trust their caller; views check the role
    db.session.commit()
    with pytest.raises(UserAdminError):
        change(last, actor)
    db.session.rollback()
    assert (_fresh(db, last).role, _fresh(db, last).active) == (Role.ADMIN, True)


def test_password_reset_shows_a_new_password_once(app, client, login_as, target, db):
    login_as(Role.ADMIN)
    page = f"/admin/users/{target.id}"
    response = post_form(client, f"{page}/password", {}, page=page)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = _secret(response)
    assert password not in client.get(page).get_data(as_text=True)
    assert _can_sign_in(app, target.email, password)
    assert not _can_sign_in(app, target.email, PASSWORD)


def test_revoked_token_stops_working_and_a_new_one_is_shown_once(client, login_as, db):
    user = make_user(Role.REVIEWER)
    old_token = issue_api_token(user)
    db.session.commit()
    bearer = {"Authorization": f"Bearer {old_token}", "Accept": "application/json"}
    assert client.get("/", headers=bearer).status_code == 200
    login_as(Role.ADMIN)
    page = f"/admin/users/{user.id}"
    assert post_form(client, f"{page}/token/revoke", {}, page=page).status_code == 302
    assert _fresh(db, user).api_token_hash is None
    assert client.application.test_client().get("/", headers=bearer).status_code == 401
    response = post_form(client, f"{page}/token", {}, page=page)
    new_token = _secret(response)
    assert _fresh(db, user).api_token_hash == hash_token(new_token)
    fresh = client.application.test_client()
    assert fresh.get("/", headers={"Authorization": f"Bearer {new_token}"}).status_code == 200
    assert new_token not in client.get(page).get_data(as_text=True)


def test_revoking_a_missing_token_is_refused(client, login_as, db):
    login_as(Role.ADMIN)
    user = make_user(Role.VIEWER)
    db.session.commit()
    page = f"/admin/users/{user.id}"
    assert post_form(client, f"{page}/token/revoke", {}, page=page).status_code == 400


def test_audit_entries_never_hold_passwords_or_tokens(client, login_as, target, db):
    login_as(Role.ADMIN)
    secrets = [_secret(_new_user(client, password_mode="generate"))]
    page = f"/admin/users/{target.id}"
    secrets.append(_secret(post_form(client, f"{page}/password", {}, page=page)))
    secrets.append(_secret(post_form(client, f"{page}/token", {}, page=page)))
    post_form(client, f"{page}/token/revoke", {}, page=page)
    post_form(client, f"{page}/role", {"role": "viewer"}, page=page)
    post_form(client, f"{page}/deactivate", {}, page=page)
    entries = db.session.scalars(sa.select(AuditEntry)).all()
    assert {e.action.value for e in entries} >= {"user.create", "user.password", "user.token",
                                           "user.token_revoke", "user.role", "user.deactivate"}
    logged = json.dumps([[e.before, e.after] for e in entries])
    for secret in secrets + ["un mot de passe long", hash_token(secrets[-1])]:
        assert secret not in logged
    assert "password_hash" not in logged and "api_token_hash" not in logged
    history = client.get(page).get_data(as_text=True).split('class="table history"')[1]
    assert history.count("<tr>") == 1 + 7  # header; create, 2 tokens, password, revoke, role, off
