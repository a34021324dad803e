"""Configuration read from the environment, with development defaults."""
import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SUPPORTED_DRIVERS = ("sqlite", "postgresql")
LOG_FORMATS = ("text", "json")


class ConfigError(RuntimeError):
    """Raised when the configuration cannot work; the message says how to fix it."""


def load_config(instance_path: str, environ=os.environ) -> dict:
    """Build the settings mapping from environment variables."""
    production = environ.get("FACTCHECK_ENV", "development") == "production"
    db_url = database_url(instance_path, environ)
    return {
        "SECRET_KEY": _secret_key(instance_path, environ, production),
        "SQLALCHEMY_DATABASE_URI": db_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(db_url),
        "REDIS_URL": environ.get("REDIS_URL") or None,
        "RQ_QUEUE_NAME": environ.get("RQ_QUEUE_NAME") or "factcheck-extraction",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "HSTS_SECONDS": int(environ.get("HSTS_SECONDS", "31536000" if production else "0")),
        "TRUSTED_PROXIES": int(environ.get("TRUSTED_PROXIES", "0")),
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": environ.get("FACTCHECK_DEFAULT_LOCALE", "fr"),
        "LANGUAGES": ("fr", "en"),
        # Sign-in throttling (auth/throttle.py): failures older than the window are forgotten.
        "LOGIN_WINDOW_SECONDS": int(environ.get("LOGIN_WINDOW_SECONDS", "900")),
        "LOGIN_ACCOUNT_FREE_FAILURES": int(environ.get("LOGIN_ACCOUNT_FREE_FAILURES", "3")),
        "LOGIN_ACCOUNT_MAX_DELAY_SECONDS": int(environ.get("LOGIN_ACCOUNT_MAX_DELAY_SECONDS",
                                                           "300")),
        "LOGIN_ADDRESS_MAX_FAILURES": int(environ.get("LOGIN_ADDRESS_MAX_FAILURES", "20")),
        "MAX_CONTENT_LENGTH": 6 * 1024 * 1024,
        "MAX_UPLOAD_BYTES": 5 * 1024 * 1024,
        "FETCH_TIMEOUT_SECONDS": float(environ.get("FETCH_TIMEOUT_SECONDS", "10")),
        "FETCH_ALLOW_PRIVATE": environ.get("FETCH_ALLOW_PRIVATE", "") == "1",
        "ASYNC_EXTRACTION_MIN_CHARS": int(environ.get("ASYNC_EXTRACTION_MIN_CHARS", "20000")),
        # Longer texts are never extracted inside a web request: the worker does it, or
        # (no REDIS_URL) the submission is refused with a 413.
        "MAX_INLINE_EXTRACTION_CHARS": int(environ.get("MAX_INLINE_EXTRACTION_CHARS",
                                                       "200000")),
        "REDIS_TIMEOUT_SECONDS": float(environ.get("REDIS_TIMEOUT_SECONDS", "2")),
        "EXTRACTION_JOB_TIMEOUT": int(environ.get("EXTRACTION_JOB_TIMEOUT", "1800")),
        "EXTRACTION_RETRIES": int(environ.get("EXTRACTION_RETRIES", "2")),
        "EXTRACTION_RETRY_INTERVALS": _intervals(environ.get("EXTRACTION_RETRY_INTERVALS",
                                                             "30,300")),
        "ORGANIZATION_NAME": environ.get("FACTCHECK_ORGANIZATION", "Factcheck desk"),
        "ORGANIZATION_URL": environ.get("FACTCHECK_ORGANIZATION_URL") or None,
        "BADGE_MAX_AGE": int(environ.get("BADGE_MAX_AGE", "300")),
        # The longest a badge state is reused (publish/badge_cache.py): a commit ends it at
        # once for every process through Redis; this bounds the case where it could not.
        "BADGE_CACHE_SECONDS": float(environ.get("BADGE_CACHE_SECONDS", "60")),
        "REDIS_KEY_PREFIX": environ.get("REDIS_KEY_PREFIX", "factcheck:"),
        # Load the extraction models in a thread as soon as the app is built (make run);
        # gunicorn workers and the RQ worker load them at start whatever this says.
        "PRELOAD_MODELS": environ.get("PRELOAD_MODELS", "").lower() in ("1", "true", "yes"),
        # Datasets: exports larger than EXPORT_INLINE_LIMIT claims are written by a job.
        "PUBLIC_BASE_URL": (environ.get("FACTCHECK_PUBLIC_URL") or "").rstrip("/") or None,
        "EXPORT_DIR": environ.get("EXPORT_DIR") or None,
        "EXPORT_INLINE_LIMIT": int(environ.get("EXPORT_INLINE_LIMIT", "20000")),
        "EXPORT_MAX_RUNNING": int(environ.get("EXPORT_MAX_RUNNING", "4")),
        "EXPORT_REUSE_SECONDS": int(environ.get("EXPORT_REUSE_SECONDS", "600")),
        "EXPORT_KEEP_HOURS": int(environ.get("EXPORT_KEEP_HOURS", "24")),
        "EXPORT_JOB_TIMEOUT": int(environ.get("EXPORT_JOB_TIMEOUT", "3600")),
        # JSON API (docs/api.md): request bodies above API_MAX_BODY_BYTES answer 413; each
        # token may make API_WRITE_LIMIT writes a minute (0: no limit), then 429.
        "API_MAX_BODY_BYTES": int(environ.get("API_MAX_BODY_BYTES", str(2 * 1024 * 1024))),
        "API_WRITE_LIMIT": int(environ.get("API_WRITE_LIMIT", "60")),
        # Logs (factcheck/logs.py): "text" (the default) or "json", one object per line.
        "LOG_FORMAT": log_format(environ),
    }


def log_format(environ=os.environ) -> str:
    """LOG_FORMAT: ``text`` (default) or ``json``; the web app and gunicorn's config read it."""
    value = (environ.get("LOG_FORMAT") or "text").strip().lower()
    if value not in LOG_FORMATS:
        raise ConfigError(f"LOG_FORMAT is '{value}'; use one of: {', '.join(LOG_FORMATS)}.")
    return value


def serve_settings(environ=os.environ) -> dict:
    """Process counts and address for ``make serve`` (gunicorn.conf.py, scripts/serve.py)."""
    return {
        "WEB_WORKERS": _count(environ, "WEB_WORKERS", default_web_workers(), minimum=1),
        "RQ_WORKERS": _count(environ, "RQ_WORKERS", 1, minimum=0),
        "BIND": f"{environ.get('HOST') or '127.0.0.1'}:{_port(environ)}",
        "REDIS_URL": environ.get("REDIS_URL") or None,
    }


def default_web_workers() -> int:
    """Gunicorn's usual rule, two per CPU this process may use, plus one."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cpus = os.cpu_count() or 1
    return 2 * cpus + 1


def _count(environ, name: str, default: int, minimum: int) -> int:
    raw = (environ.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < minimum:
        raise ConfigError(f"{name} is '{raw}'; it is a whole number, {minimum} or more.")
    return int(raw)


def _port(environ) -> int:
    raw = (environ.get("PORT") or "5000").strip()
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigError(f"PORT is '{raw}'; it is a TCP port number, 1 to 65535.")
    return int(raw)


def _intervals(raw: str) -> list[int]:
    """Seconds between extraction retries, from a comma-separated list ("30,300")."""
    try:
        return [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise ConfigError("EXTRACTION_RETRY_INTERVALS is a comma-separated list of "
                          "seconds, e.g. 30,300.") from None


def database_url(instance_path: str, environ=os.environ) -> str:
    """Return a validated SQLAlchemy URL; SQLite in the instance folder by default."""
    raw = environ.get("DATABASE_URL", "").strip()
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "factcheck.db")
    return normalise_database_url(raw)


def engine_options(url: str) -> dict:
    """Engine settings: fail fast on an unreachable PostgreSQL server, and no parallel plans.

    A page's queries read a few hundred rows; starting parallel workers costs more (10 to
    110 ms measured at a million claims, on the queue's searches and /checks) than they save.
    """
    if url.startswith("postgresql"):
        return {"pool_pre_ping": True,
                "connect_args": {"connect_timeout": 5,
                                 "options": "-c max_parallel_workers_per_gather=0"}}
    return {}


def normalise_database_url(raw: str) -> str:
    """Check a database URL's syntax and pick the psycopg 3 driver for PostgreSQL."""
    if raw.startswith("postgres://"):  # the form many hosting platforms hand out
        raw = "postgresql://" + raw[len("postgres://"):]
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ConfigError(f"DATABASE_URL is not a valid database URL ({exc}).") from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED_DRIVERS:
        raise ConfigError(
            f"DATABASE_URL uses '{backend}'; supported databases are SQLite and PostgreSQL."
        )
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if backend == "postgresql" and not url.database:
        raise ConfigError("DATABASE_URL names no database (postgresql://user@host:5432/NAME).")
    return url.render_as_string(hide_password=False)


def _secret_key(instance_path: str, environ, production: bool) -> str:
    key = environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if production:
        raise ConfigError("FACTCHECK_ENV=production needs a SECRET_KEY environment variable.")
    return _instance_secret(Path(instance_path) / "secret_key")


def _instance_secret(path: Path) -> str:
    """Generate a key once and keep it in the instance folder (never committed)."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker wrote it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
