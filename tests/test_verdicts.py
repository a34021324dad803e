"""Verdict workflow: a reviewer drafts, another editor publishes, corrections keep history."""
import pytest
import sqlalchemy as sa

from factcheck.models import Claim, ClaimStatus, Rating, Role, Verdict, VerdictStatus
from tests.conftest import form_field, post_form
from tests.factories import make_claim


@pytest.fixture
def claim(db):
    claim = make_claim()
    db.session.commit()
    return claim


def _rating(db, key: str) -> Rating:
    return db.session.scalar(sa.select(Rating).where(Rating.key == key))


def _page(claim):
    return f"/claims/{claim.public_id}"


def _version(client, claim, action: str) -> str:
    """The version the claim page's form posting to ``action`` carries now."""
    return form_field(client.get(_page(claim)).get_data(as_text=True), action, "version")


def _draft(client, claim, rating, rationale="Les chiffres de l'Insee disent **l'inverse**.",
           version=None, **extra):
    url = f"{_page(claim)}/verdict"
    data = {"rating": str(rating.id), "rationale": rationale,
            "version": version or _version(client, claim, url), **extra}
    return post_form(client, url, data, _page(claim))


def _verdict(db, claim) -> Verdict:
    db.session.expire_all()
    return db.session.scalars(sa.select(Verdict).where(Verdict.claim_id == claim.id)
                              .order_by(Verdict.id.desc())).first()


def _publish(client, claim, verdict, version=None):
    url = f"{_page(claim)}/verdicts/{verdict.id}/publish"
    data = {"version": version or _version(client, claim, url)}
    return post_form(client, url, data, _page(claim))


def test_reviewer_drafts_and_another_editor_publishes(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, editor_user = client_for(Role.EDITOR)
    assert _draft(reviewer, claim, _rating(db, "false")).status_code == 302
    verdict = _verdict(db, claim)
    assert verdict.status is VerdictStatus.DRAFT
    assert db.session.get(Claim, claim.id).status is ClaimStatus.VERDICT_DRAFTED
    assert "<strong>l&#39;inverse</strong>" in verdict.rationale_html or \
        "<strong>l'inverse</strong>" in verdict.rationale_html
    assert _publish(reviewer, claim, verdict, "1").status_code == 403  # reviewers cannot publish
    assert _publish(editor, claim, verdict).status_code == 302
    verdict = _verdict(db, claim)
    assert verdict.status is VerdictStatus.PUBLISHED and verdict.approved_by_id == editor_user.id
    assert db.session.get(Claim, claim.id).status is ClaimStatus.PUBLISHED


def test_an_editor_cannot_publish_their_own_draft(client_for, claim, db):
    editor, _ = client_for(Role.EDITOR)
    _draft(editor, claim, _rating(db, "true"))
    response = _publish(editor, claim, _verdict(db, claim))
    assert response.status_code == 302
    assert _verdict(db, claim).status is VerdictStatus.DRAFT
    assert "n&#39;a pas écrit" in editor.get(_page(claim)).get_data(as_text=True)


def test_send_back_needs_a_comment_and_returns_the_claim(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "half-true"))
    verdict = _verdict(db, claim)
    url = f"{_page(claim)}/verdicts/{verdict.id}/send-back"
    version = _version(editor, claim, url)
    assert post_form(editor, url, {"comment": "", "version": version},
                     _page(claim)).status_code == 400
    assert post_form(editor, url, {"comment": "Ajouter la source Eurostat.", "version": version},
                     _page(claim)).status_code == 302
    verdict = _verdict(db, claim)
    assert verdict.status is VerdictStatus.SENT_BACK
    assert db.session.get(Claim, claim.id).status is ClaimStatus.IN_REVIEW
    assert "Ajouter la source Eurostat." in reviewer.get(_page(claim)).get_data(as_text=True)
    _draft(reviewer, claim, _rating(db, "mostly-false"))  # rewriting resubmits the same draft
    assert _verdict(db, claim).id == verdict.id and _verdict(db, claim).status.value == "draft"


def test_correction_keeps_the_old_verdict_and_says_what_changed(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"))
    first = _verdict(db, claim)
    _publish(editor, claim, first)
    assert _draft(reviewer, claim, _rating(db, "mostly-false")).status_code == 400  # no note
    _draft(reviewer, claim, _rating(db, "mostly-false"),
           correction_note="Le chiffre de 2023 a été révisé.")
    correction = _verdict(db, claim)
    assert correction.corrects_id == first.id
    _publish(editor, claim, correction)
    db.session.expire_all()
    assert db.session.get(Verdict, first.id).status is VerdictStatus.SUPERSEDED
    assert db.session.get(Verdict, correction.id).status is VerdictStatus.PUBLISHED
    page = reviewer.get(_page(claim)).get_data(as_text=True)
    assert "Le chiffre de 2023 a été révisé." in page


def test_rationale_markup_is_sanitised(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    rationale = ("<script>alert(1)</script> Voir [la note](https://insee.fr/n) "
                 "et [ceci](javascript:alert(2)).")
    _draft(reviewer, claim, _rating(db, "misleading"), rationale=rationale)
    html = _verdict(db, claim).rationale_html
    assert "<script" not in html and "javascript:" not in html.split("href")[-1][:30]
    assert 'href="https://insee.fr/n" rel="nofollow noopener noreferrer"' in html
    page = reviewer.get(_page(claim)).get_data(as_text=True)
    assert "<script>alert(1)" not in page


def test_unknown_rating_is_refused(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    response = post_form(reviewer, f"{_page(claim)}/verdict",
                         {"rating": "99999", "rationale": "x", "version": "new"}, _page(claim))
    assert response.status_code == 400 and _verdict(db, claim) is None
