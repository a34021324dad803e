"""Handing claims to colleagues, "My work" and the "To do" view."""
import re

import pytest

from factcheck.models import AuditAction, AuditEntry, Claim, ClaimStatus, Role
from tests.conftest import post_form, sign_in
from tests.factories import make_claim, make_user

pytestmark = pytest.mark.model


@pytest.fixture
def claims(db):
    made = [make_claim(checkworthiness=0.9), make_claim(checkworthiness=0.6),
            make_claim(status=ClaimStatus.PUBLISHED, checkworthiness=0.5)]
    db.session.commit()
    return made


@pytest.fixture
def colleague(db):
    user = make_user(Role.REVIEWER, email="ines@example.test")
    db.session.commit()
    return user


def _page(claim):
    return f"/claims/{claim.public_id}"


def _listed(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'data-claim-id="(\d+)"', html)}


def _assign(client, claim, **data):
    return post_form(client, _page(claim) + "/assign",
                     {"version": str(claim.version), **data}, page=_page(claim))


def test_an_editor_hands_a_claim_to_a_reviewer_who_finds_it_in_my_work(
        client, app, login_as, claims, colleague, db):
    editor = login_as(Role.EDITOR)
    page = client.get(_page(claims[0])).get_data(as_text=True)
    assert 'id="assign-to"' in page and colleague.name in page
    response = _assign(client, claims[0], assignee=str(colleague.id))
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Affirmation attribuée à {colleague.name}" in shown
    db.session.expire_all()
    claim = db.session.get(Claim, claims[0].id)
    assert claim.assignee_id == colleague.id and claim.status is ClaimStatus.IN_REVIEW
    entry = db.session.query(AuditEntry).filter_by(action=AuditAction.CLAIM_ASSIGN).one()
    assert entry.actor_id == editor.id and entry.after["assignee_id"] == colleague.id

    browser = app.test_client()  # the colleague signs in: the navigation counts it
    sign_in(browser, colleague.email)
    home = browser.get("/queue").get_data(as_text=True)
    assert re.search(r'id="nav-my-work">Mon travail <span class="badge-count"[^>]*>1</span>', home)
    mine = browser.get("/queue?assignee=me").get_data(as_text=True)
    assert "<h1>Mon travail</h1>" in mine and _listed(mine) == {claims[0].id}


def test_my_work_counts_only_what_is_still_to_do(client, login_as, claims, db):
    me = login_as(Role.REVIEWER)
    for claim in claims:
        claim.assignee_id = me.id
    db.session.commit()
    html = client.get("/queue?assignee=me").get_data(as_text=True)
    assert _listed(html) == {claims[0].id, claims[1].id}  # not the published one
    assert re.search(r'<span class="badge-count"[^>]*>2</span>', html)
    assert _listed(client.get("/queue?assignee=me&status=all").get_data(as_text=True)) == \
        {c.id for c in claims}


def test_to_do_is_the_default_view_and_all_is_one_click_away(client, login_as, claims):
    login_as(Role.VIEWER)
    html = client.get("/queue").get_data(as_text=True)
    assert _listed(html) == {claims[0].id, claims[1].id}
    tabs = dict(re.findall(r'<span class="count" data-count="([a-z_]+)">([^<]*)</span>', html))
    assert tabs["to_do"] == "2" and tabs["total"] == "3" and tabs["published"] == "1"
    assert re.search(r'<a href="/queue" aria-current="page"[^>]*>À traiter', html)
    assert _listed(client.get("/queue?status=all").get_data(as_text=True)) == \
        {c.id for c in claims}


def test_a_reviewer_takes_claims_but_cannot_hand_them_to_a_colleague(client, login_as, claims,
                                                                     colleague, db):
    login_as(Role.REVIEWER)
    assert 'id="assign-to"' not in client.get(_page(claims[0])).get_data(as_text=True)
    response = _assign(client, claims[0], assignee=str(colleague.id))
    assert response.status_code == 400
    assert "Seul un éditeur peut confier" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claims[0].id).assignee_id is None


@pytest.mark.parametrize("who", ["viewer", "inactive", "unknown", "junk"])
def test_a_claim_goes_only_to_an_active_reviewer(client, login_as, claims, db, who):
    login_as(Role.EDITOR)
    if who in ("viewer", "inactive"):
        user = make_user(Role.VIEWER if who == "viewer" else Role.REVIEWER)
        user.active = who != "inactive"
        db.session.commit()
        target = str(user.id)
    else:
        target = "999999" if who == "unknown" else "1; drop"
    response = _assign(client, claims[0], assignee=target)
    assert response.status_code == 400
    assert 'class="flash' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claims[0].id).assignee_id is None


def test_assigning_from_a_stale_page_is_a_conflict(client, login_as, claims, colleague, db):
    login_as(Role.EDITOR)
    stale = str(claims[0].version)
    claims[0].status = ClaimStatus.IN_REVIEW  # a colleague's change since the page was read
    db.session.commit()
    response = post_form(client, _page(claims[0]) + "/assign",
                         {"version": stale, "assignee": str(colleague.id)}, page=_page(claims[0]))
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Claim, claims[0].id).assignee_id is None


def test_an_editor_hands_several_claims_at_once_all_or_nothing(client, login_as, claims,
                                                                colleague, db):
    login_as(Role.EDITOR)
    queue = client.get("/queue").get_data(as_text=True)
    assert 'value="assign"' in queue and 'id="bulk-assignee"' in queue
    ids = [str(claims[0].id), str(claims[1].id)]
    versions = {f"version-{c.id}": str(c.version) for c in claims[:2]}
    response = post_form(client, "/queue/bulk", {"action": "assign", "assignee": str(colleague.id),
                                                 "claim": ids, **versions}, "/queue")
    assert response.status_code == 302
    db.session.expire_all()
    assert {db.session.get(Claim, c.id).assignee_id for c in claims[:2]} == {colleague.id}

    # A page read before a colleague's change hands nothing over.
    stale = {f"version-{c.id}": str(db.session.get(Claim, c.id).version) for c in claims[:2]}
    db.session.get(Claim, claims[1].id).status = ClaimStatus.VERDICT_DRAFTED
    db.session.commit()
    response = post_form(client, "/queue/bulk",
                         {"action": "unassign", "claim": ids, **stale}, "/queue")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rien n&#39;a été modifié" in page
    db.session.expire_all()
    assert {db.session.get(Claim, c.id).assignee_id for c in claims[:2]} == {colleague.id}


def test_a_reviewer_cannot_bulk_assign_to_a_colleague(client, login_as, claims, colleague, db):
    login_as(Role.REVIEWER)
    assert 'id="bulk-assignee"' not in client.get("/queue").get_data(as_text=True)
    response = post_form(client, "/queue/bulk", {"action": "assign", "assignee": str(colleague.id),
                                                 "claim": [str(claims[0].id)]}, "/queue")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Seul un éditeur peut confier" in page
    db.session.expire_all()
    assert db.session.get(Claim, claims[0].id).assignee_id is None
