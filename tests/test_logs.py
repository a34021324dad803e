"""LOG_FORMAT=json: one JSON object per line, naming the request; request ids on responses."""
import io
import json
import logging
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Response
from flask.logging import default_handler
from gunicorn.config import Config
from gunicorn.glogging import Logger as GunicornLogger

from factcheck import create_app
from factcheck.config import ConfigError, load_config
from factcheck.logs import JsonFormatter

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
TOUCHED_LOGGERS = ["", "factcheck", "gunicorn.error", "gunicorn.access"]


@pytest.fixture
def kept_logging():
    """Put the loggers a test reconfigures back as they were (other tests read their logs)."""
    saved = [(logging.getLogger(name), list(logging.getLogger(name).handlers),
              logging.getLogger(name).level, logging.getLogger(name).propagate)
             for name in TOUCHED_LOGGERS]
    yield
    for logger, handlers, level, propagate in saved:
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate


@pytest.fixture
def json_lines(app):
    """The app logger's records as parsed JSON lines (a JSON handler beside the usual ones)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    app.logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    app.logger.removeHandler(handler)


def test_a_line_logged_during_a_request_names_it(app, json_lines):
    with app.test_request_context("/queue?status=new", method="POST",
                                  headers={"X-Request-ID": "edge-42"}):
        app.logger.warning("claim %s skipped", 7)
    [line] = json_lines()
    assert line["message"] == "claim 7 skipped" and line["level"] == "WARNING"
    assert line["logger"] == "factcheck" and line["time"].endswith("+00:00")
    assert (line["method"], line["path"], line["request_id"]) == ("POST", "/queue", "edge-42")
    assert "exception" not in line


def test_a_line_logged_after_the_response_carries_its_status(app, json_lines):
    with app.test_request_context("/nothing-here"):
        app.process_response(Response(status=404))
        app.logger.warning("after the view")
    [line] = json_lines()
    assert (line["path"], line["status"]) == ("/nothing-here", 404)


def test_an_exception_is_in_the_line_and_a_line_stays_one_line(app, json_lines):
    with app.test_request_context("/documents/new"):
        try:
            raise ValueError("unreadable upload\nsecond line")
        except ValueError:
            app.logger.exception("ingest failed")
    [line] = json_lines()  # the newlines are escaped: still one line
    assert "ValueError: unreadable upload\nsecond line" in line["exception"]
    assert "Traceback" in line["exception"] and line["level"] == "ERROR"


def test_outside_a_request_there_are_no_request_fields(app, json_lines):
    app.logger.warning("worker started")
    [line] = json_lines()
    assert not {"method", "path", "status", "request_id"} & set(line)


def test_responses_carry_the_proxys_request_id_or_a_new_one(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers[
        "X-Request-ID"] == "abc-123"
    fresh = [client.get("/healthz", headers={"X-Request-ID": bad}).headers["X-Request-ID"]
             for bad in ("", "two words", "x" * 200, "\u00e9t\u00e9")]
    assert all(len(value) == 32 and value.isalnum() for value in fresh)
    assert len(set(fresh)) == len(fresh)


def test_log_format_json_switches_the_apps_own_logger(kept_logging):
    json_app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                           "LOG_FORMAT": "json"})
    handlers = json_app.logger.handlers
    assert default_handler not in handlers
    assert [type(h.formatter) for h in handlers] == [JsonFormatter]
    create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                "LOG_FORMAT": "json"})  # the worker makes an app per job: still one handler
    assert len(json_app.logger.handlers) == 1


def test_the_text_format_stays_the_default(tmp_path):
    assert load_config(str(tmp_path), {"SECRET_KEY": "k"})["LOG_FORMAT"] == "text"
    with pytest.raises(ConfigError, match="LOG_FORMAT is 'xml'; use one of: text, json"):
        load_config(str(tmp_path), {"SECRET_KEY": "k", "LOG_FORMAT": "xml"})


class _Response:
    status = "404 NOT FOUND"
    headers = [("Content-Type", "text/html"), ("X-Request-ID", "r-77")]
    sent = 321


def test_gunicorn_access_lines_are_json_with_path_and_status(monkeypatch, capsys,
                                                            kept_logging):
    monkeypatch.setenv("LOG_FORMAT", "json")
    cfg = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONF)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    logger = GunicornLogger(cfg)  # applies logconfig_dict, as gunicorn's master does
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/c/abc/badge.svg?x=1",
               "PATH_INFO": "/c/abc/badge.svg", "QUERY_STRING": "x=1",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "192.0.2.9"}
    logger.access(_Response(), [("Host", "desk.example")], environ,
                  timedelta(milliseconds=12))
    logger.error("worker timeout")
    captured = capsys.readouterr()
    [access] = [json.loads(line) for line in captured.out.splitlines()]
    assert access["logger"] == "gunicorn.access"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/c/abc/badge.svg",
                                                                    404)
    assert access["request_id"] == "r-77" and access["duration_ms"] == 12
    [error] = [json.loads(line) for line in captured.err.splitlines()]
    assert (error["logger"], error["level"], error["message"]) == (
        "gunicorn.error", "ERROR", "worker timeout")
