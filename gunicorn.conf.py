"""Gunicorn settings for factcheck (``make serve``; plain ``gunicorn wsgi:app`` reads it too).

WEB_WORKERS processes (default: two per CPU, plus one) on HOST:PORT (127.0.0.1:5000); logs
on stderr (errors) and stdout (access), one JSON object per line when LOG_FORMAT=json.
Any setting can still be overridden on the command line or in GUNICORN_CMD_ARGS.
"""
from factcheck.config import ConfigError, log_format, serve_settings

try:
    _settings = serve_settings()
    _log_format = log_format()
except ConfigError as exc:  # a clear line, not gunicorn's traceback of its config file
    raise SystemExit(f"factcheck: {exc}") from None

wsgi_app = "wsgi:app"
bind = [_settings["BIND"]]
workers = _settings["WEB_WORKERS"]
# Short texts are extracted inside the request (up to MAX_INLINE_EXTRACTION_CHARS, after a
# URL fetch of up to FETCH_TIMEOUT_SECONDS): give a request more than gunicorn's 30 s.
timeout = 120
graceful_timeout = 30
# Each worker imports the app itself: a preloaded app would open its database connection in
# the master (wsgi.py checks the database), and every forked worker would share that socket.
preload_app = False
accesslog = "-"
errorlog = "-"
loglevel = "info"

if _log_format == "json":
    _json = {"formatter": "json", "class": "logging.StreamHandler"}
    logconfig_dict = {
        "formatters": {"json": {"()": "factcheck.logs.JsonFormatter"}},
        "handlers": {"json_stdout": {**_json, "stream": "ext://sys.stdout"},
                     "json_stderr": {**_json, "stream": "ext://sys.stderr"}},
        "root": {"level": "WARNING", "handlers": ["json_stderr"]},  # libraries: warnings up
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["json_stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["json_stdout"],
                                "propagate": False},
            # the app's own lines (factcheck.logs.use_json leaves a configured logger alone)
            "factcheck": {"level": "INFO", "handlers": ["json_stderr"], "propagate": False},
        },
    }


def post_worker_init(worker):
    """Load the extraction models before this worker takes its first request (a first
    ingest would otherwise wait seconds for spaCy: factcheck/preload.py)."""
    from factcheck.preload import warm_models

    worker.log.info("extraction models loaded in %.1f s", warm_models())
