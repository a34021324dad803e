"""The claim page: corrections, conflicts, assignment, dismissal, permissions."""
import json

import pytest

from factcheck.models import AuditEntry, Claim, ClaimStatus, Figure, Origin, Role
from tests.conftest import post_form
from tests.factories import make_claim


@pytest.fixture
def claim(db):
    claim = make_claim()
    db.session.commit()
    return claim


def _edit_data(claim, **changes):
    data = {"version": str(claim.version), "wording": claim.sentence, "speaker": "la porte-parole",
            "figures-0-text": "1 000 embauches", "figures-0-value": "1000",
            "figures-0-unit": "embauches", "figures-0-qualifier": ""}
    return {**data, **changes}


def _url(claim, action=""):
    return f"/claims/{claim.public_id}{'/' + action if action else ''}"


def test_viewer_reads_the_claim_in_context_without_forms(client, login_as, claim):
    login_as(Role.VIEWER)
    html = client.get(_url(claim)).get_data(as_text=True)
    assert "porte-parole" in html and 'class="claim-sentence"' in html
    assert 'action="/claims/%s/edit"' % claim.public_id not in html


@pytest.mark.parametrize("action", ["edit", "assign", "dismiss", "reopen", "sources", "verdict"])
def test_viewer_cannot_post_to_claim_write_routes(client, login_as, claim, db, action):
    login_as(Role.VIEWER)
    response = post_form(client, _url(claim, action), {"version": "1"}, page="/")
    assert response.status_code == 403
    assert db.session.get(Claim, claim.id).version == 1


def test_reviewer_corrects_wording_speaker_and_figure(client, login_as, claim, db):
    login_as(Role.REVIEWER)
    data = _edit_data(claim, wording="Le ministère annonce 1 200 embauches.",
                      speaker="Le ministère", **{"figures-0-value": "1 200",
                                                 "figures-0-qualifier": "approximately"})
    response = post_form(client, _url(claim, "edit"), data, page=_url(claim))
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Claim, claim.id)
    assert saved.normalized_text == "Le ministère annonce 1 200 embauches."
    assert saved.attribution.speaker == "Le ministère"
    assert saved.attribution.origin is Origin.REVIEWER
    figure = db.session.query(Figure).one()
    assert (figure.value, figure.qualifier, figure.origin) == (1200, "approximately",
                                                               Origin.REVIEWER)
    assert saved.status is ClaimStatus.IN_REVIEW and saved.version == 2
    entry = db.session.query(AuditEntry).filter_by(action="claim.correct").one()
    assert entry.before["figures"][0]["value"] == 1000  # the original is kept for training


def test_second_save_of_the_same_version_is_a_conflict(client_for, claim, db):
    alice, _ = client_for(Role.REVIEWER)
    bob, _ = client_for(Role.REVIEWER)
    page = _url(claim)
    alice_edit = _edit_data(claim, wording="Version d'Alice")
    bob_edit = _edit_data(claim, wording="Version de Bob")  # both loaded version 1
    assert post_form(alice, _url(claim, "edit"), alice_edit, page=page).status_code == 302
    response = post_form(bob, _url(claim, "edit"), bob_edit, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Version d&#39;Alice" in html  # what the other reviewer saved is shown
    assert "Version de Bob" in html  # and Bob's input is kept in the form
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).normalized_text == "Version d'Alice"


def test_bad_figure_value_is_refused_and_input_kept(client, login_as, claim, db):
    login_as(Role.REVIEWER)
    data = _edit_data(claim, **{"figures-0-value": "mille deux"})
    response = post_form(client, _url(claim, "edit"), data, page=_url(claim))
    assert response.status_code == 400 and "mille deux" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(Figure).one().value == 1000


def test_assign_dismiss_and_reopen(client, login_as, claim, db):
    user = login_as(Role.REVIEWER)
    post_form(client, _url(claim, "assign"), {}, page=_url(claim))
    db.session.expire_all()
    assert claim.assignee_id == user.id and claim.status is ClaimStatus.IN_REVIEW
    post_form(client, _url(claim, "dismiss"), {"reason": "duplicate"}, page=_url(claim))
    db.session.expire_all()
    assert claim.status is ClaimStatus.DISMISSED and claim.dismissal_reason.value == "duplicate"
    post_form(client, _url(claim, "reopen"), {}, page=_url(claim))
    db.session.expire_all()
    assert claim.status is ClaimStatus.NEW and claim.dismissal_reason is None


def test_unknown_claim_is_404(client, login_as):
    login_as(Role.VIEWER)
    assert client.get("/claims/nope").status_code == 404


def test_corrections_are_exported_as_training_data(client, login_as, claim, runner):
    login_as(Role.REVIEWER)
    data = _edit_data(claim, speaker="Le ministère", **{"figures-0-value": "1200"})
    post_form(client, _url(claim, "edit"), data, page=_url(claim))
    result = runner.invoke(args=["corrections", "export"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1 and records[0]["claim"] == claim.public_id
    assert records[0]["before"]["speaker"] == "la porte-parole"
    assert records[0]["after"]["speaker"] == "Le ministère"
    assert records[0]["after"]["figures"][0]["value"] == 1200
