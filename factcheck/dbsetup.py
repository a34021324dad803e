"""Per-connection database settings and fork safety."""
import os
import sqlite3

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

BUSY_TIMEOUT_MS = 5000  # how long a SQLite writer waits for another one


@sa.event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite enforces foreign keys only when asked; WAL lets readers work during writes."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()


@sa.event.listens_for(Pool, "connect")
def _remember_pid(_dbapi_connection, record) -> None:
    record.info["pid"] = os.getpid()


@sa.event.listens_for(Pool, "checkout")
def _refuse_inherited(_dbapi_connection, record, proxy) -> None:
    """A forked process (RQ work-horse, preloading server) must not reuse its parent's sockets."""
    if record.info.get("pid") != os.getpid():
        record.dbapi_connection = proxy.dbapi_connection = None
        raise exc.DisconnectionError("connection inherited from the parent process")
