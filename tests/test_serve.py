"""``make serve``: gunicorn's settings follow the environment; the launcher leaves no orphans."""
import importlib.util
import os
import runpy
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from gunicorn.config import Config

from factcheck.config import ConfigError, default_web_workers, serve_settings

ROOT = Path(__file__).resolve().parent.parent
# Only whether Redis is configured matters here: the suite's server when there is one.
REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://queue.invalid"
SERVE_ENV = ["WEB_WORKERS", "RQ_WORKERS", "HOST", "PORT", "LOG_FORMAT", "REDIS_URL"]


def _load_serve():
    spec = importlib.util.spec_from_file_location("serve_script", ROOT / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def gunicorn_settings(monkeypatch):
    """Load gunicorn.conf.py under the given environment, as gunicorn does; returns its Config."""
    for name in SERVE_ENV:
        monkeypatch.delenv(name, raising=False)

    def load(**environ):
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        cfg = Config()
        for name, value in runpy.run_path(str(ROOT / "gunicorn.conf.py")).items():
            if name in cfg.settings:
                cfg.set(name, value)  # gunicorn refuses unknown values here
        return cfg
    return load


def test_gunicorn_config_follows_the_environment(gunicorn_settings):
    cfg = gunicorn_settings(WEB_WORKERS="3", HOST="0.0.0.0", PORT="8123")
    assert cfg.workers == 3 and cfg.bind == ["0.0.0.0:8123"]
    assert cfg.wsgi_app == "wsgi:app" and not cfg.preload_app
    assert cfg.logconfig_dict == {}  # text logs: gunicorn's own format


def test_gunicorn_defaults_to_a_worker_count_from_the_cpus(gunicorn_settings):
    cfg = gunicorn_settings()
    assert cfg.workers == default_web_workers() >= 3
    assert cfg.bind == ["127.0.0.1:5000"]


def test_json_logs_reach_gunicorn(gunicorn_settings):
    cfg = gunicorn_settings(LOG_FORMAT="json")
    formatter = cfg.logconfig_dict["formatters"]["json"]["()"]
    assert formatter == "factcheck.logs.JsonFormatter"
    assert set(cfg.logconfig_dict["loggers"]) >= {"gunicorn.access", "gunicorn.error"}


@pytest.mark.parametrize("environ, words", [
    ({"WEB_WORKERS": "many"}, "WEB_WORKERS is 'many'; it is a whole number, 1 or more"),
    ({"WEB_WORKERS": "0"}, "WEB_WORKERS is '0'"),
    ({"PORT": "99999"}, "PORT is '99999'"),
    ({"LOG_FORMAT": "yaml"}, "LOG_FORMAT is 'yaml'"),
])
def test_a_setting_that_cannot_work_stops_gunicorn_with_one_line(gunicorn_settings, environ,
                                                                 words):
    with pytest.raises(SystemExit, match=f"^factcheck: {words}"):
        gunicorn_settings(**environ)


def test_rq_workers_default_to_one_and_need_redis(capsys):
    serve = _load_serve()
    assert serve_settings({"REDIS_URL": REDIS_URL})["RQ_WORKERS"] == 1
    assert serve.worker_count(serve_settings({"RQ_WORKERS": "3",
                                              "REDIS_URL": REDIS_URL})) == 3
    assert serve.worker_count(serve_settings({"RQ_WORKERS": "0"})) == 0
    assert serve.worker_count(serve_settings({"RQ_WORKERS": "2"})) == 0
    assert "REDIS_URL is not set: no background worker started" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="RQ_WORKERS is '-1'"):
        serve_settings({"RQ_WORKERS": "-1"})


# Children for the supervisor: each writes its pid (and its horse's) to a file. The stubborn
# one ignores SIGTERM and forks a "horse" into a process group of its own, as RQ does.
PATIENT = "import time; open({pids!r} + '/patient', 'w').write(str(__import__('os').getpid()));" \
          " time.sleep(120)"
STUBBORN = textwrap.dedent("""
    import os, signal, time
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    horse = os.fork()
    if horse == 0:
        os.setpgrp()
        time.sleep(120)
        os._exit(0)
    open({pids!r} + '/stubborn', 'w').write(f"{{os.getpid()}} {{horse}}")
    time.sleep(120)
""")
RUN = textwrap.dedent("""
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("serve_script", {script!r})
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    commands = [[sys.executable, "-c", code] for code in {codes!r}]
    sys.exit(serve.Supervisor(commands, grace=0.5, kill_after=0.5).run())
""")


def _start_supervisor(tmp_path, codes):
    run = RUN.format(script=str(ROOT / "scripts" / "serve.py"),
                     codes=[code.format(pids=str(tmp_path)) for code in codes])
    return subprocess.Popen([sys.executable, "-c", run], start_new_session=True)


def _pids(tmp_path, names, timeout=20.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all((tmp_path / name).exists() and (tmp_path / name).read_text() for name in names):
            return [int(pid) for name in names for pid in (tmp_path / name).read_text().split()]
        time.sleep(0.05)
    raise AssertionError(f"the children never started: {os.listdir(tmp_path)}")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # an orphan's zombie waits for a reaper that may never come here


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigterm_stops_every_child_and_the_horse_that_left_its_group(tmp_path):
    supervisor = _start_supervisor(tmp_path, [PATIENT, STUBBORN])
    pids = _pids(tmp_path, ["patient", "stubborn"])
    try:
        assert all(_alive(pid) for pid in pids)
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in pids if _alive(pid)] == []
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_child_that_ends_stops_the_others_with_its_status(tmp_path):
    supervisor = _start_supervisor(tmp_path, [PATIENT, "import time; time.sleep(0.5); "
                                                       "raise SystemExit(3)"])
    [patient] = _pids(tmp_path, ["patient"])
    try:
        assert supervisor.wait(timeout=30) == 3
        assert not _alive(patient)
    finally:
        if _alive(patient):
            os.kill(patient, signal.SIGKILL)
