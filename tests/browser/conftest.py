"""Browser fixtures: the app served on a free local port, a real Chromium driven by Playwright.

Chromium comes from Debian's package (`make test` installs it when missing); the tests are
skipped with a clear reason when it is absent.
"""
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.factories import PASSWORD, make_user

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def live_server(app):
    """The app served by a threaded WSGI server on 127.0.0.1; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (make test installs it with apt)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_browser(chromium, live_server):
    """A fresh browser context (its own cookies) per call, French, laptop-sized."""
    contexts = []

    def make():
        context = chromium.new_context(base_url=live_server, locale="fr-FR",
                                       viewport={"width": 1366, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def signed_in(open_browser, db):
    """A page signed in as a new user with ``role``: returns (page, user)."""
    def make(role):
        user = make_user(role)
        db.session.commit()
        page = open_browser()
        page.goto("/login")
        page.fill("#email", user.email)
        page.fill("#password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url("**/")
        return page, user
    return make


def screenshot(page, name: str) -> None:
    """Keep a picture of the page under test-output/screenshots for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
