"""The main pages pass axe-core's WCAG 2 A and AA rules (contrast included), in French and
English, signed in and public."""
import pytest
from axe_core_python.sync_playwright import Axe
from playwright.sync_api import expect

from factcheck.models import Role
from factcheck.review.services import draft_verdict
from tests.browser.conftest import screenshot
from tests.factories import make_claim, make_user, rating

pytestmark = [pytest.mark.browser, pytest.mark.model]

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    found = Axe().run(page, options=RULES)["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5]) for v in found]


@pytest.fixture
def claims(db, publish):
    """A published claim of each rating colour, one with a draft, one new."""
    published = [publish(key=key) for key in ("false", "half-true", "true", "misleading")]
    drafted = make_claim(checkworthiness=0.7)
    draft_verdict(drafted, rating("false"), "Les chiffres de l'**Insee** disent l'inverse.",
                  make_user(Role.REVIEWER))
    new = make_claim(checkworthiness=0.9)
    db.session.commit()
    return {"published": published, "drafted": drafted, "new": new}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_desk_pages_have_no_accessibility_violations(signed_in, claims, lang):
    page, _ = signed_in(Role.EDITOR)
    pages = ["/queue", "/queue?status=all", f"/claims/{claims['drafted'].public_id}",
             f"/claims/{claims['published'][1].public_id}", "/documents", "/documents/new",
             "/dashboard", "/export"]
    shots = {"/queue": "queue", pages[2]: "claim-draft", pages[3]: "claim-published"}
    problems = {}
    for path in pages:
        page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
        page.wait_for_load_state("load")
        if path in shots:  # the queue, and the claim page with its history, in each language
            screenshot(page, f"{shots[path]}-{lang}")
        if path == pages[2]:  # the draft's history, in words of the interface language
            history = page.locator("#history")
            expect(history).to_contain_text("verdict rédigé" if lang == "fr" else "verdict drafted")
            expect(history).to_contain_text("Statut" if lang == "fr" else "Status")
            expect(history).not_to_contain_text("rating_id")
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_the_public_pages_have_no_accessibility_violations(open_browser, claims):
    page = open_browser()
    public_id = claims["published"][1].public_id  # "half true": the palest pill
    problems = {}
    for path in ["/checks", f"/c/{public_id}", f"/c/{public_id}/embed", "/login"]:
        page.goto(path)
        page.wait_for_load_state("load")
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_no_sideways_scroll_on_a_phone(signed_in, claims):
    page, _ = signed_in(Role.EDITOR)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ["/queue", f"/claims/{claims['drafted'].public_id}",
                 f"/claims/{claims['published'][0].public_id}"]:
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, path
    screenshot(page, "claim-published-390")
