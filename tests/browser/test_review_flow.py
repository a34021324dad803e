"""A reviewer's day in a real browser: ingest, open a claim, link sources, draft, publish."""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from factcheck.commands.demo import DEMO_ARTICLE
from factcheck.models import Claim, ClaimSource, ClaimStatus, Role, Verdict, VerdictStatus
from factcheck.review.services import draft_verdict
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_claim, make_user, rating

pytestmark = [pytest.mark.browser, pytest.mark.model]


def _ingest_demo(page) -> None:
    page.goto("/documents/new")
    page.fill("#text", DEMO_ARTICLE.read_text(encoding="utf-8"))
    page.fill("#title", "Budget régional")
    screenshot(page, "ingest")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/documents/\d+$"))


def _open(page, selector: str) -> None:
    """Unfold a <details> section the way a reader would, if it is folded."""
    if page.locator(selector).get_attribute("open") is None:
        page.click(f"{selector} > summary")


def _link_source(page, url: str, stance: str, excerpt: str) -> None:
    _open(page, "#sources details")
    page.fill("#url", url)
    page.select_option("#stance", stance)
    page.fill("#excerpt", excerpt)
    with page.expect_navigation():
        page.click("#sources form button.primary")


def test_reviewer_checks_a_claim_and_an_editor_publishes_it(signed_in, open_browser, db):
    reviewer, _ = signed_in(Role.REVIEWER)
    _ingest_demo(reviewer)
    assert reviewer.locator("a.claim-span").count() >= 5
    assert reviewer.locator("mark.m-figure").first.is_visible()
    screenshot(reviewer, "document")

    reviewer.locator("a.claim-span", has_text="2,4 milliards").click()
    reviewer.wait_for_url(re.compile(r"/claims/"))
    _link_source(reviewer, "https://budget.region.example/vote-2026", "supports",
                 "Budget primitif : 2,4 Md€.")
    _link_source(reviewer, "https://www.insee.fr/fr/statistiques/123?utm_source=x", "context",
                 "Évolution des budgets régionaux.")
    assert reviewer.locator("#sources .source").count() == 2
    _open(reviewer, "#verdict details")
    reviewer.select_option("#rating", label="Vrai")
    reviewer.fill("#rationale", "Le budget voté est bien de **2,4 milliards d'euros**.")
    with reviewer.expect_navigation():
        reviewer.click("#verdict form button.primary")
    assert reviewer.locator(".verdict.draft").is_visible()
    screenshot(reviewer, "claim")
    claim_url = reviewer.url.split("#")[0]

    editor, _ = signed_in(Role.EDITOR)
    editor.goto(claim_url)
    with editor.expect_navigation():
        editor.click("text=Approuver et publier")
    assert editor.locator(".verdict.published").is_visible()
    editor.goto("/dashboard/")
    screenshot(editor, "dashboard")

    claim = db.session.scalar(sa.select(Claim).where(Claim.sentence.contains("2,4 milliards")))
    assert claim.status is ClaimStatus.PUBLISHED
    assert db.session.scalar(sa.select(sa.func.count(ClaimSource.id))) == 2
    verdict = db.session.scalar(sa.select(Verdict).where(Verdict.claim_id == claim.id))
    assert verdict.status is VerdictStatus.PUBLISHED
    reader = open_browser()  # an anonymous reader
    reader.goto(f"/c/{claim.public_id}")
    assert reader.locator(".rating").first.inner_text() == "Vrai"
    screenshot(reader, "public-claim")


def test_a_submitted_article_shows_it_is_being_read(signed_in):
    page, _ = signed_in(Role.REVIEWER)
    page.goto("/documents/new")
    page.wait_for_load_state("load")
    # Keep the page where it is after forms.js has run (a listener added after it runs after
    # it), counting the submissions the browser would send.
    page.evaluate("""() => { window.sent = 0; document.addEventListener("submit", e => {
        if (!e.defaultPrevented) window.sent += 1; e.preventDefault(); }); }""")
    page.fill("#text", "Le conseil régional a voté un budget de 3,2 milliards d'euros, "
                       "a annoncé sa présidente.")
    page.click("button.primary")
    button = page.locator("button.primary")
    working = "Lecture de l'article et recherche des affirmations…"
    expect(button).to_have_text(working)
    expect(button).to_be_disabled()
    expect(page.locator("form[data-working]")).to_have_attribute("aria-busy", "true")
    expect(page.locator("[data-working-status]")).to_have_text(working)
    page.evaluate("() => document.querySelector('form[data-working]').requestSubmit()")  # again
    assert page.evaluate("() => window.sent") == 1  # sent once


def test_second_save_shows_a_conflict_not_an_overwrite(signed_in, db):
    claim = make_claim()
    db.session.commit()
    alice, _ = signed_in(Role.REVIEWER)
    bob, _ = signed_in(Role.REVIEWER)
    for page in (alice, bob):
        page.goto(f"/claims/{claim.public_id}")
    alice.fill("#wording", "Formulation d'Alice")
    with alice.expect_navigation():
        alice.click("#extraction button.primary")
    bob.fill("#wording", "Formulation de Bob")
    with bob.expect_navigation():
        bob.click("#extraction button.primary")
    conflict = bob.locator(".conflict")
    assert conflict.is_visible() and "Formulation d'Alice" in conflict.inner_text()
    assert bob.locator("#wording").input_value() == "Formulation de Bob"
    screenshot(bob, "conflict")
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).normalized_text == "Formulation d'Alice"


def test_keyboard_path_through_the_queue(signed_in, db):
    claims = [make_claim(checkworthiness=0.9 - i / 10) for i in range(4)]
    db.session.commit()
    page, user = signed_in(Role.REVIEWER)
    page.goto("/queue")
    screenshot(page, "queue")
    page.wait_for_load_state("load")  # queue.js is deferred: keys before it runs are lost
    help_box = page.locator("#kbd-help")
    page.keyboard.press("?")
    expect(help_box).to_be_visible()
    page.keyboard.press("Escape")
    expect(help_box).to_be_hidden()
    rows = page.locator("tbody tr")
    boxes = page.locator("tbody input[type=checkbox]")
    for key, current in (("j", 0), ("j", 1)):
        page.keyboard.press(key)
        expect(rows.nth(current)).to_have_class(re.compile("current"))
    page.keyboard.press("x")
    expect(boxes.nth(1)).to_be_checked()
    page.keyboard.press("k")
    expect(rows.nth(0)).to_have_class(re.compile("current"))
    page.keyboard.press("x")
    expect(boxes.nth(0)).to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("a")
    db.session.expire_all()
    mine = {c.id for c in claims if db.session.get(Claim, c.id).assignee_id == user.id}
    assert mine == {claims[0].id, claims[1].id}
    page.keyboard.press("j")
    expect(rows.nth(0)).to_have_class(re.compile("current"))
    page.keyboard.press("o")
    page.wait_for_url(re.compile(rf"/claims/{claims[0].public_id}$"))


def test_keyboard_flow_on_the_claim_page(signed_in, db):
    first, second = make_claim(checkworthiness=0.9), make_claim(checkworthiness=0.8)
    verdict = draft_verdict(first, rating("false"), "Faux selon les chiffres publiés.",
                            make_user(Role.REVIEWER))
    db.session.commit()
    page, _ = signed_in(Role.EDITOR)
    page.goto("/queue?status=all")  # the queue worked through: published claims stay in it
    page.goto(f"/claims/{first.public_id}")
    page.wait_for_load_state("load")  # claim.js is deferred
    page.keyboard.press("?")
    expect(page.locator("#kbd-help")).to_be_visible()
    screenshot(page, "claim-keyboard-help")
    page.keyboard.press("Escape")
    with page.expect_navigation():
        page.keyboard.press("Shift+A")  # approve, publish, next claim
    page.wait_for_url(re.compile(rf"/claims/{second.public_id}$"))
    db.session.expire_all()
    assert db.session.get(Verdict, verdict.id).status is VerdictStatus.PUBLISHED
    page.wait_for_load_state("load")
    page.keyboard.press("e")
    expect(page.locator("#wording")).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.type(" (vérifié)")
    with page.expect_navigation():
        page.keyboard.press("Control+s")  # saves the corrections
    db.session.expire_all()
    assert db.session.get(Claim, second.id).normalized_text.endswith("(vérifié)")
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.keyboard.press("k")
    page.wait_for_url(re.compile(rf"/claims/{first.public_id}$"))
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.keyboard.press("u")  # the queue, its filters kept
    page.wait_for_url(re.compile(r"/queue\?status=all$"))


def test_a_search_fills_its_status_tabs_after_the_claims(signed_in, db):
    make_claim(status=ClaimStatus.IN_REVIEW).attribution.speaker = "Banque de France"
    make_claim()
    db.session.commit()
    page, _ = signed_in(Role.VIEWER)
    page.goto("/queue?q=banque")
    expect(page.locator('[data-count="in_review"]')).to_have_text("1")
    expect(page.locator('[data-count="new"]')).to_have_text("0")
    expect(page.locator('[data-count="total"]')).to_have_text("1")
    expect(page.locator('[data-count="to_do"]')).to_have_text("1")


def test_an_editor_hands_a_claim_to_a_reviewer_from_its_page(signed_in, open_browser, db):
    claim = make_claim()
    reviewer = make_user(Role.REVIEWER, email="nadia@example.test")
    db.session.commit()
    editor, _ = signed_in(Role.EDITOR)
    editor.goto(f"/claims/{claim.public_id}")
    editor.select_option("#assign-to", str(reviewer.id))
    with editor.expect_navigation():
        editor.click(".assign-to button[type=submit]")
    expect(editor.locator(".flash-success")).to_contain_text(reviewer.name)
    screenshot(editor, "claim-assigned")
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).assignee_id == reviewer.id
    # The reviewer signs in: "My work" counts the claim and lists it.
    theirs = open_browser()
    theirs.goto("/login")
    theirs.fill("#email", reviewer.email)
    theirs.fill("#password", PASSWORD)
    with theirs.expect_navigation():
        theirs.click("button[type=submit]")
    expect(theirs.locator("#nav-my-work .badge-count")).to_have_text("1")
    theirs.click("#nav-my-work")
    expect(theirs.locator("h1")).to_have_text("Mon travail")
    expect(theirs.locator(f'tr[data-claim-id="{claim.id}"]')).to_be_visible()
    screenshot(theirs, "my-work")


def test_the_figures_editor_fits_and_grows_from_the_keyboard(signed_in, db):
    claim = make_claim()
    claim.figures[0].text, claim.figures[0].value = "plus de 10 000 soldats", 10000.0
    claim.figures[0].unit, claim.figures[0].qualifier = "soldats", "more_than"
    db.session.commit()
    page, _ = signed_in(Role.REVIEWER)  # 1366 px wide, French interface
    page.goto(f"/claims/{claim.public_id}")
    page.wait_for_load_state("load")
    first = page.locator("#figures-0-text")
    expect(first).to_have_value("plus de 10 000 soldats")
    assert first.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing cut off
    expect(page.locator("#figures-0-value")).to_have_value("10\u202f000")
    expect(page.locator("#figures-0-qualifier option:checked")).to_have_text("plus de")
    heights = page.locator(".figure-row label > span").evaluate_all(
        "spans => spans.map(s => s.getBoundingClientRect().height)")
    assert max(heights) < 1.6 * min(heights)  # every label on one line
    page.click("#figures-1-text")
    page.keyboard.type("3,5 %")
    page.keyboard.press("Tab")
    page.keyboard.type("3,5")
    page.keyboard.press("Enter")  # a new empty row, the cursor in it
    expect(page.locator("#figures-2-text")).to_be_focused()
    screenshot(page, "figures-editor")
    with page.expect_navigation():
        page.click("#extraction button[type=submit]")
    db.session.expire_all()
    figures = db.session.get(Claim, claim.id).figures
    assert [(f.text, f.value) for f in figures] == [("plus de 10 000 soldats", 10000.0),
                                                    ("3,5 %", 3.5)]


def test_an_editor_copies_a_badge_from_a_published_claim(signed_in, publish, db):
    claim = publish(key="false")
    editor, _ = signed_in(Role.EDITOR)
    editor.goto(f"/claims/{claim.public_id}")
    share = editor.locator("#share")
    expect(share.locator("img")).to_have_count(4)
    for image in share.locator("img").all():  # every badge preview really loads
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("i => i.naturalWidth") > 0
    editor.click("button[data-copy='badge-en-large']")
    expect(share.locator(".copied")).to_have_text("Copié.")
    code = editor.input_value("#badge-en-large")
    assert f"/c/{claim.public_id}/badge.svg?lang=en&amp;style=large" in code or \
        f"/c/{claim.public_id}/badge.svg?lang=en&style=large" in code
    screenshot(editor, "claim-published-share")
