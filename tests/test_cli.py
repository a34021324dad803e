"""The ``flask users`` and ``flask demo`` commands."""
import pytest

from factcheck.auth.services import hash_token
from factcheck.commands.demo import DEMO_EMAIL
from factcheck.models import Document, Role, User


def _create(runner, *args, password="a long enough password"):
    return runner.invoke(args=["users", "create", *args, "--password-stdin"],
                         input=password + "\n")


def test_users_create_stores_a_hashed_password_and_role(runner, db, login):
    result = _create(runner, "Eve@Desk.example", "--role", "editor")
    assert result.exit_code == 0, result.output
    user = db.session.query(User).one()
    assert user.email == "eve@desk.example" and user.role is Role.EDITOR
    assert "a long enough password" not in user.password_hash
    assert login("eve@desk.example", "a long enough password").status_code == 302


@pytest.mark.parametrize("args, password, message", [
    (["dup@desk.example"], "a long enough password", "already exists"),
    (["short@desk.example"], "short", "at least 10 characters"),
    (["not-an-email"], "a long enough password", "not an email address"),
])
def test_users_create_refuses_bad_input(runner, db, args, password, message):
    _create(runner, "dup@desk.example")
    result = _create(runner, *args, password=password)
    assert result.exit_code != 0 and message in result.output
    assert db.session.query(User).count() == 1


def test_users_create_rejects_an_unknown_role(runner, db):
    result = _create(runner, "x@desk.example", "--role", "boss")
    assert result.exit_code == 2 and "boss" in result.output
    assert db.session.query(User).count() == 0


def test_users_token_prints_a_token_whose_hash_is_stored(runner, db):
    _create(runner, "api@desk.example")
    result = runner.invoke(args=["users", "token", "api@desk.example"])
    token = result.output.strip()
    assert result.exit_code == 0 and token.startswith("fc_")
    assert db.session.query(User).one().api_token_hash == hash_token(token)
    again = runner.invoke(args=["users", "token", "api@desk.example"]).output.strip()
    assert again != token  # a new token replaces the old one


def test_users_token_for_unknown_email_fails(runner):
    result = runner.invoke(args=["users", "token", "ghost@desk.example"])
    assert result.exit_code == 1 and "No user" in result.output


def test_demo_creates_an_admin_and_the_article_once(runner, db, login, app, tmp_path,
                                                     monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    first = runner.invoke(args=["demo"])
    second = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    password = first.output.strip().rsplit(" / ", 1)[1]
    assert f"{DEMO_EMAIL} / {password}" in second.output  # same credentials shown again
    assert db.session.query(Document).count() == 1
    admin = db.session.query(User).one()
    assert admin.role is Role.ADMIN
    assert login(DEMO_EMAIL, password).status_code == 302
