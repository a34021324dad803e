"""The claim page: corrections, conflicts, assignment, dismissal, permissions."""
import json

import pytest
import sqlalchemy as sa

from factcheck.models import (
    AuditEntry,
    Claim,
    ClaimSource,
    ClaimStatus,
    Figure,
    Origin,
    Role,
    Verdict,
    VerdictStatus,
)
from tests.conftest import colleague_saves_first, form_field, post_form
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


# Figure rows as browsers (and others) post them.

def test_a_figure_row_without_unit_or_qualifier_keys_is_read_as_empty(client, login_as, claim,
                                                                      db):
    login_as(Role.REVIEWER)
    data = _edit_data(claim, **{"figures-0-value": "1200"})
    del data["figures-0-unit"], data["figures-0-qualifier"]
    response = post_form(client, _url(claim, "edit"), data, page=_url(claim))
    assert response.status_code == 302
    db.session.expire_all()
    figure = db.session.query(Figure).one()
    assert (figure.value, figure.unit, figure.qualifier) == (1200, None, None)


def test_a_figure_row_without_text_is_skipped(client, login_as, claim, db):
    login_as(Role.REVIEWER)
    data = _edit_data(claim)
    del data["figures-0-text"]
    assert post_form(client, _url(claim, "edit"), data, page=_url(claim)).status_code == 302
    db.session.expire_all()
    assert db.session.query(Figure).count() == 0


@pytest.mark.parametrize("value, message", [
    ("1e309", "pas un nombre."), ("-1e309", "pas un nombre."), ("inf", "pas un nombre."),
    ("nan", "pas un nombre."), ("1e16", "Ce nombre est trop grand."),
])
def test_a_figure_value_that_is_not_a_finite_number_is_a_form_error(client, login_as, claim, db,
                                                                    value, message):
    login_as(Role.REVIEWER)
    data = _edit_data(claim, **{"figures-0-value": value})
    response = post_form(client, _url(claim, "edit"), data, page=_url(claim))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html and f'value="{value}"' in html
    db.session.expire_all()
    assert db.session.query(Figure).one().value == 1000


def test_a_write_that_loses_a_race_is_a_409_never_a_500(client, login_as, claim, db,
                                                       monkeypatch):
    from factcheck.review.routes import claims as views
    login_as(Role.REVIEWER)
    colleague_saves_first(monkeypatch, db, views, "assign_claims", claim.id)
    response = post_form(client, _url(claim, "assign"), {}, page=_url(claim))
    assert response.status_code == 409
    assert "Quelqu&#39;un d&#39;autre a modifié" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).assignee_id is None


# After publication, changes wait for an editor.

def _open_correction(db, claim):
    db.session.expire_all()
    return db.session.scalar(sa.select(Verdict).where(
        Verdict.claim_id == claim.id, Verdict.status == VerdictStatus.DRAFT))


def _published(db, claim):
    db.session.expire_all()
    return db.session.scalar(sa.select(Verdict).where(
        Verdict.claim_id == claim.id, Verdict.status == VerdictStatus.PUBLISHED))


def test_a_change_to_a_published_claim_waits_in_a_correction(client_for, publish, db):
    claim = publish()
    first = _published(db, claim)
    reviewer, reviewer_user = client_for(Role.REVIEWER)
    data = _edit_data(claim, wording="Le ministère annonce 1 200 embauches.",
                      speaker="Le ministère")
    response = post_form(reviewer, _url(claim, "edit"), data, page=_url(claim))
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Claim, claim.id)
    assert saved.normalized_text == "Le ministère annonce 1 200 embauches."  # the working copy
    assert saved.status is ClaimStatus.PUBLISHED
    assert _published(db, claim).id == first.id  # readers still see the approved version
    correction = _open_correction(db, claim)
    assert correction.corrects_id == first.id
    assert (correction.rating_id, correction.rationale_md) == (first.rating_id,
                                                               first.rationale_md)
    assert correction.correction_note == ("Formulation, auteur des propos, chiffres ou sources "
                                          "modifiés.")
    assert [u.id for u in correction.authors] == [reviewer_user.id]
    page = reviewer.get(_url(claim)).get_data(as_text=True)
    assert "Pas encore public" in page


@pytest.mark.parametrize("change", ["link", "unlink"])
def test_linking_or_unlinking_a_source_of_a_published_claim_waits_in_a_correction(
        client_for, publish, db, change):
    claim = publish()
    reviewer, _ = client_for(Role.REVIEWER)
    if change == "unlink":
        link = ClaimSource(claim=claim, source=_source(db), stance="refutes")
        db.session.add(link)
        db.session.commit()
        url, data = _url(claim, f"sources/{link.id}/unlink"), {}
    else:
        url, data = _url(claim, "sources"), {"url": "https://insee.fr/a", "stance": "refutes"}
    assert post_form(reviewer, url, data, page=_url(claim)).status_code == 302
    assert db.session.query(ClaimSource).count() == (1 if change == "link" else 0)
    assert _open_correction(db, claim).corrects_id == _published(db, claim).id
    assert db.session.get(Claim, claim.id).status is ClaimStatus.PUBLISHED


def _source(db):
    from factcheck.models import Source
    source = Source(url="https://insee.fr/b", title="Note")
    db.session.add(source)
    return source


def test_whoever_changed_a_published_claim_cannot_approve_the_correction(client_for, publish,
                                                                         db):
    claim = publish()
    editor, _ = client_for(Role.EDITOR)
    other, other_user = client_for(Role.EDITOR)
    post_form(editor, _url(claim, "edit"), _edit_data(claim, wording="Reformulé."),
              page=_url(claim))
    correction = _open_correction(db, claim)
    action = _url(claim, f"verdicts/{correction.id}/publish")

    def approve(browser):
        version = form_field(browser.get(_url(claim)).get_data(as_text=True), action, "version")
        return post_form(browser, action, {"version": version}, page=_url(claim))
    assert action not in editor.get(_url(claim)).get_data(as_text=True)  # no button for them
    forged = post_form(editor, action, {"version": str(correction.version)}, page=_url(claim))
    assert forged.status_code == 302
    assert _open_correction(db, claim).id == correction.id  # refused: the editor wrote it
    assert approve(other).status_code == 302
    published = _published(db, claim)
    assert published.id == correction.id and published.approved_by_id == other_user.id
    assert db.session.get(Verdict, correction.corrects_id).status is VerdictStatus.SUPERSEDED


def test_a_claim_change_after_the_editor_read_the_correction_is_a_conflict(client_for, publish,
                                                                           db):
    claim = publish()
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    post_form(reviewer, _url(claim, "edit"), _edit_data(claim, wording="Reformulé."),
              page=_url(claim))
    correction = _open_correction(db, claim)
    action = _url(claim, f"verdicts/{correction.id}/publish")
    read = form_field(editor.get(_url(claim)).get_data(as_text=True), action, "version")
    db.session.expire_all()
    post_form(reviewer, _url(claim, "edit"),
              _edit_data(db.session.get(Claim, claim.id), wording="Reformulé encore."),
              page=_url(claim))
    response = post_form(editor, action, {"version": read}, page=_url(claim))
    assert response.status_code == 409 and "Reformulé encore." in response.get_data(as_text=True)
    assert _open_correction(db, claim).id == correction.id


def test_a_published_claim_cannot_be_dismissed(client_for, publish, db):
    claim = publish()
    reviewer, _ = client_for(Role.REVIEWER)
    post_form(reviewer, _url(claim, "dismiss"), {"reason": "duplicate"}, page=_url(claim))
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status is ClaimStatus.PUBLISHED
