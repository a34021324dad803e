"""Claim tracking in a real browser: a French and an English article about the same facts."""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from factcheck.models import Claim, Role
from factcheck.review.services import approve_and_publish, draft_verdict
from tests.browser.conftest import screenshot
from tests.factories import make_user, rating

pytestmark = [pytest.mark.browser, pytest.mark.model]

FRENCH = ("Plus de 10 000 soldats nord-coréens ont été déployés en Russie, a déclaré Séoul.\n\n"
          "Le chômage a baissé de 0,3 point au troisième trimestre, selon l'Insee.")
ENGLISH = ("More than 10,000 North Korean soldiers have been deployed to Russia, Seoul said.\n\n"
           "Unemployment fell by 0.5 points in the third quarter, according to Insee.")


def _ingest(page, title: str, text: str, language: str) -> None:
    page.goto("/documents/new")
    page.fill("#text", text)
    page.fill("#title", title)
    page.select_option("#language", language)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/documents/\d+$"))


def _publish_first(db, start: str):
    """Publish a verdict on the claim starting with ``start`` (a colleague's earlier work)."""
    claim = db.session.scalars(sa.select(Claim).where(Claim.sentence.startswith(start))).one()
    verdict = draft_verdict(claim, rating("true"), "Confirmé par le ministère sud-coréen.",
                            make_user(Role.REVIEWER))
    approve_and_publish(verdict, make_user(Role.EDITOR))
    db.session.commit()
    return verdict


def _claim(db, start: str) -> Claim:
    db.session.expire_all()
    return db.session.scalars(sa.select(Claim).where(Claim.sentence.startswith(start))).one()


def _alerts(page, repeat: Claim, verdict, conflict: Claim, ours: str, theirs: str, name: str):
    """The queue filter leads to the repeat's "already checked" alert; the conflict shows."""
    page.goto("/queue?tracking=repeat")
    expect(page.locator("table.queue .mark-repeat").first).to_be_visible()
    page.click(f"table.queue a[href='/claims/{repeat.public_id}']")
    alert = page.locator(".alert.already-checked")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(verdict.published_at.date().isoformat())
    expect(alert.locator("button")).to_be_visible()  # reuse this verdict
    screenshot(page, f"{name}-already-checked")
    page.goto(f"/claims/{conflict.public_id}")
    box = page.locator(".alert.figure-conflict")
    expect(box).to_be_visible()
    expect(box).to_contain_text(ours)
    expect(box).to_contain_text(theirs)
    screenshot(page, f"{name}-figure-conflict")


def test_a_french_repeat_and_a_french_conflict_are_flagged(signed_in, db):
    page, _user = signed_in(Role.REVIEWER)
    _ingest(page, "Séoul, première version", FRENCH, "fr")
    verdict = _publish_first(db, "Plus de")
    _ingest(page, "Séoul, reprise", "Reprise d'une dépêche.\n\n"
            + FRENCH.replace("0,3 point", "0,5 point"), "fr")
    repeat = db.session.scalars(sa.select(Claim).where(
        Claim.sentence.startswith("Plus de"), Claim.id != verdict.claim_id)).one()
    jobless = _claim(db, "Le chômage a baissé de 0,5")
    _alerts(page, repeat, verdict, jobless, "0,5 point", "0,3 point", "tracking-fr")


def test_an_english_repeat_of_a_checked_french_claim_is_flagged(signed_in, db):
    page, _user = signed_in(Role.REVIEWER)
    _ingest(page, "Séoul, version française", FRENCH, "fr")
    verdict = _publish_first(db, "Plus de")
    _ingest(page, "Seoul, English version", ENGLISH, "en")
    english, jobless = _claim(db, "More"), _claim(db, "Unemployment")
    _alerts(page, english, verdict, jobless, "0.5 points", "0,3 point", "tracking-fr-en")
