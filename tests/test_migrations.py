"""The committed migrations build the schema on each engine and match the models."""
import os
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy.engine import make_url

from factcheck import create_app
from factcheck.config import engine_options, normalise_database_url
from factcheck.extensions import db, include_name


@pytest.fixture
def scratch_url(tmp_path):
    """An empty database on the engine under test, dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path}/migrations.db"
        return
    url = make_url(normalise_database_url(base))
    name = f"fc_mig_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def _tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_upgrade_downgrade_upgrade(scratch_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": scratch_url,
                      "SQLALCHEMY_ENGINE_OPTIONS": engine_options(scratch_url)})
    with app.app_context():
        upgrade()
        assert {"claims", "documents", "verdicts", "users"} <= _tables(db.engine)
        downgrade(revision="base")
        assert _tables(db.engine) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as conn:
            keys = conn.execute(sa.text("SELECT key FROM ratings ORDER BY position")).scalars()
            assert list(keys)[:2] == ["true", "mostly-true"]
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"include_name": include_name}),
                db.metadata)
        db.engine.dispose()
    assert diff == [], "models and migrations disagree: run flask db migrate"
