"""The extraction models are loaded when a server or worker starts, not on the first ingest."""
import runpy
import threading
from pathlib import Path

import pytest

from factcheck import create_app
from factcheck.extraction import loader

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


@pytest.fixture
def unloaded():
    """No pipeline loaded in this process (other tests loaded them): put them back after."""
    loader.get_nlp.cache_clear()
    yield
    loader.get_nlp.cache_clear()


def test_with_preload_the_app_loads_the_models_in_a_thread_of_its_own(unloaded, tmp_path):
    app = create_app({"TESTING": True, "PRELOAD_MODELS": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    thread = app.extensions["preload"]
    assert thread.name == "preload-models"
    thread.join(120)
    assert not thread.is_alive()
    assert loader.get_nlp.cache_info().currsize >= 1  # French at least: no load left to wait for
    misses = loader.get_nlp.cache_info().misses
    loader.get_nlp("fr")
    assert loader.get_nlp.cache_info().misses == misses  # the first ingest finds it loaded


def test_without_preload_nothing_is_loaded_at_start(unloaded, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    assert "preload" not in app.extensions
    assert loader.get_nlp.cache_info().currsize == 0


def test_a_request_during_the_preload_waits_for_it_instead_of_loading_twice(unloaded):
    loaded = []
    threads = [threading.Thread(target=lambda: loaded.append(loader.get_nlp("fr")))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(loaded) == 3 and loaded[0] is loaded[1] is loaded[2]
    assert loader.get_nlp.cache_info().misses == 1


def test_each_gunicorn_worker_loads_the_models_before_its_first_request(unloaded):
    settings = runpy.run_path(str(GUNICORN_CONF))
    said = []

    class Log:
        def info(self, message, *args):
            said.append(message % args)

    class Worker:
        log = Log()
    settings["post_worker_init"](Worker())
    assert said and said[0].startswith("extraction models loaded in")
    assert loader.get_nlp.cache_info().currsize >= 1
