"""Configuration from the environment, and start-up failures with clear messages."""
import os
import stat

import pytest

from factcheck import create_app
from factcheck.config import ConfigError, load_config
from factcheck.startup import ensure_reachable


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    config = load_config(str(tmp_path), {"SECRET_KEY": "k"})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/factcheck.db"


@pytest.mark.parametrize("raw, expected", [
    ("postgres://u:p@db:5432/news", "postgresql+psycopg://u:p@db:5432/news"),
    ("postgresql://u@db/news", "postgresql+psycopg://u@db/news"),
    ("sqlite:////srv/fc.db", "sqlite:////srv/fc.db"),
])
def test_database_url_is_normalised(tmp_path, raw, expected):
    config = load_config(str(tmp_path), {"SECRET_KEY": "k", "DATABASE_URL": raw})
    assert config["SQLALCHEMY_DATABASE_URI"] == expected


@pytest.mark.parametrize("raw, words", [
    ("not a url", "not a valid database URL"),
    ("mysql://u@h/db", "supported databases are SQLite and PostgreSQL"),
    ("postgresql://u@host:5432/", "names no database"),
])
def test_bad_database_url_is_refused_with_a_message(tmp_path, raw, words):
    with pytest.raises(ConfigError, match=words):
        load_config(str(tmp_path), {"SECRET_KEY": "k", "DATABASE_URL": raw})


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = load_config(str(tmp_path), {})["SECRET_KEY"]
    second = load_config(str(tmp_path), {})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(str(tmp_path), {"FACTCHECK_ENV": "production"})


def test_unreachable_database_stops_with_a_one_line_reason(capsys):
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}})
    with pytest.raises(SystemExit) as exit_info:
        ensure_reachable(app)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "cannot reach the database" in err and "127.0.0.1:1" in err
