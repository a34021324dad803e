"""Fixtures: one app and schema per test session, a clean database for every test.

The database comes from TEST_DATABASE_URL (PostgreSQL in CI's second run); by default a
SQLite file in a temporary folder. The schema is built by the real migrations.
"""
import os
import re

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

os.environ.setdefault("SECRET_KEY", "test-secret-key")

from factcheck import create_app  # noqa: E402
from factcheck.config import engine_options, normalise_database_url  # noqa: E402
from factcheck.extensions import db as _db  # noqa: E402
from factcheck.models import Role  # noqa: E402
from factcheck.review.services import approve_and_publish, draft_verdict  # noqa: E402
from tests.factories import PASSWORD, make_claim, make_user, rating  # noqa: E402

pytest_plugins = ["tests.redis_support"]  # redis_queue, frozen_redis
KEPT_TABLES = {"alembic_version", "ratings"}  # seeded by the migration, never emptied

TALLY_TABLES = ("claim_tallies", "claim_day_tallies", "verdict_tallies")


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


def _drop_everything(engine) -> None:
    if engine.dialect.name == "sqlite":  # the FTS5 table takes its shadow tables with it
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS claim_terms_vocab")
            conn.exec_driver_sql("DROP TABLE IF EXISTS claim_terms_fts")
            for index in ("claim_text", "source_text", "check_text"):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {index}_fts")
    meta = sa.MetaData()
    meta.reflect(engine)
    meta.drop_all(engine)


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production.

    Tests keep an app context open to use the database; without this, requests would
    share its ``g`` (and the signed-in user cached there) and its database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The application, on a database freshly migrated to head."""
    url = _database_url(tmp_path_factory)
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
        "SECRET_KEY": "test-secret-key",
        "BADGE_CACHE_SECONDS": 0,  # tests see each change at once; the cache has its own test
    })
    app.test_client_class = FreshContextClient
    with app.app_context():
        _drop_everything(_db.engine)
        upgrade()
    yield app
    app.extensions["badge_cache"].close()
    with app.app_context():
        _db.engine.dispose()  # close pooled connections before the interpreter exits


@pytest.fixture(autouse=True)
def db(app):
    """An app context and a database emptied after each test (ratings kept)."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _empty_tables()
        _db.session.remove()


def _empty_tables() -> None:
    tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in KEPT_TABLES]
    # Last: deleting claims and verdicts (SQLite) writes to the tallies through triggers.
    tables.sort(key=lambda t: t.name in TALLY_TABLES)
    with _db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def client(app):
    """A browser-like test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs ``flask`` CLI commands."""
    return app.test_cli_runner()


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token a real browser would find in the page's form."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert match, f"no CSRF token in {path}"
    return match.group(1)


def form_field(html: str, action: str, name: str) -> str:
    """The value of field ``name`` in the form posting to ``action``, as a browser has it."""
    form = re.search(r'action="%s"[^>]*>(.*?)</form>' % re.escape(action), html, re.S)
    assert form, f"no form posting to {action}"
    match = re.search(r'name="%s"[^>]*value="([^"]*)"' % re.escape(name), form.group(1))
    assert match, f"no {name} in the form posting to {action}"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD, **extra):
    """Post the sign-in form the way a browser does; returns the response."""
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post("/login", data={**data, **extra})


def signed_in_user(db, client, role):
    """Create a user with ``role`` and sign them in on ``client``."""
    user = make_user(role)
    db.session.commit()
    response = sign_in(client, user.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    return user


@pytest.fixture
def login(client):
    """Sign a user in on ``client`` through the real form; returns the response."""
    return lambda email, password=PASSWORD, **extra: sign_in(client, email, password, **extra)


@pytest.fixture
def login_as(db, client):
    """Create a user with ``role``, sign them in on ``client``, return the user."""
    return lambda role: signed_in_user(db, client, role)


@pytest.fixture
def client_for(app, db):
    """A separate signed-in browser for a new user with ``role``: returns (client, user)."""
    def make(role):
        browser = app.test_client()
        return browser, signed_in_user(db, browser, role)
    return make


def post_form(client, path: str, data: dict, page: str | None = None):
    """POST like a browser: take the CSRF token from ``page`` (default: ``path``'s page)."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page or path)})


def colleague_saves_first(monkeypatch, db, module, name: str, claim_id: int) -> None:
    """Make ``module.name`` lose a race: a colleague's save of the claim lands just before it."""
    real = getattr(module, name)

    def racing(*args, **kwargs):
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE claims SET version = version + 1 WHERE id = :c"),
                         {"c": claim_id})
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, racing)


def send_ingest_form(client, **fields):
    """Send the ingest form (/documents/new) as a browser does, files included."""
    data = {"language": "auto", **fields, "csrf_token": csrf_token(client, "/documents/new")}
    return client.post("/documents/new", data=data, content_type="multipart/form-data")


@pytest.fixture
def reviewer(client, login_as):
    """``client``, signed in as a new reviewer."""
    login_as(Role.REVIEWER)
    return client


@pytest.fixture
def publish(db):
    """Make a claim, draft a verdict and (unless told otherwise) publish it."""
    def make(key="false", published=True, rationale="Les données de l'**Insee** disent 7,3 %.",
             **claim_fields):
        reviewer, editor = make_user(Role.REVIEWER), make_user(Role.EDITOR)
        claim = make_claim(**claim_fields)
        claim.document.url = "https://journal.example/article"
        claim.document.publisher = "Le Journal"
        verdict = draft_verdict(claim, rating(key), rationale, reviewer)
        if published:
            approve_and_publish(verdict, editor)
        db.session.commit()
        return claim
    return make


@pytest.fixture
def same_moment(monkeypatch):
    """Call ``same_moment()`` to make the next submission miss stored texts in its checks, as
    when a colleague's commit of the same text lands between the check and the insert: only
    the database's unique index sees the clash."""
    from factcheck.documents.services import intake, store

    def arm():
        misses = {"left": 2}  # the check in submit_document, then the one in add_document
        real = store.find_by_text

        def late(text):
            if misses["left"]:
                misses["left"] -= 1
                return None
            return real(text)
        monkeypatch.setattr(intake, "find_by_text", late)
        monkeypatch.setattr(store, "find_by_text", late)
    return arm
