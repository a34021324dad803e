"""Start-up checks for servers and CLI: a clear message instead of a traceback."""
import sys

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from . import create_app
from .config import ConfigError
from .extensions import db


def checked_app() -> Flask:
    """Create the app from the environment, exiting with a message if it cannot work."""
    try:
        app = create_app()
    except ConfigError as exc:
        _fail(str(exc))
    except ImportError as exc:  # flask would bury this and then say "No such command"
        reason = " ".join(str(exc).split())
        _fail(f"a required package is missing or broken ({reason}). "
              "Install the requirements: pip install -r requirements.txt")
    ensure_reachable(app)
    return app


def ensure_reachable(app: Flask) -> None:
    """Exit with a clear message when the configured database does not answer."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        try:
            with db.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
                migrated = sa.inspect(conn).has_table("alembic_version")
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            _fail(f"cannot reach the database {url.render_as_string(hide_password=True)}: "
                  f"{reason}")
    if not migrated and "db" not in sys.argv[1:4]:
        sys.stderr.write("factcheck: the database has no schema yet; "
                         "run: flask --app wsgi db upgrade\n")


def _fail(message: str):
    sys.stderr.write(f"factcheck: {message}\nSee README.md, Configuration.\n")
    raise SystemExit(1)
