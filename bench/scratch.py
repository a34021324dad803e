"""Scratch databases for the benchmarks: a new SQLite file, or a PostgreSQL database created
beside the one a URL names and dropped at the end."""
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from typing import Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from factcheck.config import normalise_database_url


def scratch_url(url: Optional[str], folder: str, filename: str) -> tuple[str, Optional[str]]:
    """(database URL to use, PostgreSQL scratch database to drop afterwards)."""
    if not url:
        return f"sqlite:///{folder}/{filename}", None
    url = normalise_database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url, None
    name = f"{parsed.database or 'factcheck'}_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False), name


def drop_scratch(url: str, name: str) -> None:
    admin = sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


@contextmanager
def scratch_database(url: Optional[str], filename: str, keep: bool = False) -> Iterator[str]:
    """The URL of a scratch database for the ``with`` block: a SQLite file in a temporary
    folder (or the file ``url`` names), or a new PostgreSQL database beside ``url``'s, dropped
    afterwards unless ``keep`` (then its name is printed)."""
    folder = tempfile.mkdtemp(prefix="fc-bench-")
    target, name = scratch_url(url, folder, filename)
    try:
        yield target
    finally:
        if name and not keep:
            drop_scratch(target, name)
        elif name:
            print(f"kept the scratch database {name}")
        shutil.rmtree(folder, ignore_errors=True)
