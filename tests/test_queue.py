"""The claim queue: filters, search, counts, pagination and bulk actions."""
import pytest

from factcheck.models import Claim, ClaimStatus, Role
from factcheck.review import queries as queue_module
from factcheck.review.routes import queue as queue_view
from tests.conftest import colleague_saves_first, post_form
from tests.factories import make_claim, make_document


@pytest.fixture
def seeded(db):
    """Five claims with different statuses, kinds, languages and speakers."""
    doc = make_document()
    claims = {
        "new_fr": make_claim(doc, checkworthiness=0.9),
        "review": make_claim(status=ClaimStatus.IN_REVIEW, checkworthiness=0.5),
        "en": make_claim(language="en", has_attribution=False, checkworthiness=0.7),
        "dismissed": make_claim(status=ClaimStatus.DISMISSED, checkworthiness=0.2),
        "published": make_claim(status=ClaimStatus.PUBLISHED, checkworthiness=0.1),
    }
    claims["en"].attribution = None
    claims["review"].attribution.speaker = "Banque de France"
    db.session.commit()
    return claims


def _shown(client, seeded, query=""):
    html = client.get("/queue" + query).get_data(as_text=True)
    return {name for name, c in seeded.items() if f'data-claim-id="{c.id}"' in html}


@pytest.mark.parametrize("query, expected", [
    ("", {"new_fr", "review", "en", "dismissed", "published"}),
    ("?status=new", {"new_fr", "en"}),
    ("?status=open", {"new_fr", "review", "en"}),
    ("?kind=attribution", {"new_fr", "review", "dismissed", "published"}),
    ("?language=en", {"en"}),
    ("?q=banque+de", {"review"}),
    ("?q=BANQUE", {"review"}),
    ("?q=%25", set()),  # a literal percent sign matches nothing here, not everything
    ("?assignee=none", {"new_fr", "review", "en", "dismissed", "published"}),
    ("?status=bogus&kind=bogus&page=abc", {"new_fr", "review", "en", "dismissed", "published"}),
])
def test_filters(client, login_as, seeded, query, expected):
    login_as(Role.VIEWER)
    assert _shown(client, seeded, query) == expected


def test_document_filter_and_score_order(client, login_as, seeded):
    login_as(Role.VIEWER)
    html = client.get("/queue").get_data(as_text=True)
    order = sorted(seeded.values(), key=lambda c: -c.checkworthiness)
    positions = [html.index(f'data-claim-id="{c.id}"') for c in order]
    assert positions == sorted(positions)
    doc_id = seeded["new_fr"].document_id
    assert _shown(client, seeded, f"?document={doc_id}") == {"new_fr"}


def test_counts_per_status_follow_the_other_filters(client, login_as, seeded):
    login_as(Role.VIEWER)
    html = client.get("/queue?language=en").get_data(as_text=True)
    assert 'nouvelle <span class="count">1</span>' in html
    assert 'écartée <span class="count">0</span>' in html


def test_counts_stop_at_the_cap(client, login_as, seeded, monkeypatch):
    monkeypatch.setattr(queue_module, "COUNT_CAP", 1)
    monkeypatch.setattr(queue_view, "COUNT_CAP", 1)
    login_as(Role.VIEWER)
    html = client.get("/queue").get_data(as_text=True)
    assert 'nouvelle <span class="count">1+</span>' in html  # two new claims
    assert 'écartée <span class="count">1</span>' in html
    assert 'Toutes <span class="count">4+</span>' in html  # at least 1 + 1 + 1 + 1


def test_pagination(client, login_as, seeded, monkeypatch):
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 2)
    login_as(Role.VIEWER)
    first = _shown(client, seeded, "?sort=score")
    second = _shown(client, seeded, "?sort=score&page=2")
    third = _shown(client, seeded, "?sort=score&page=3")
    assert len(first) == 2 and len(second) == 2 and len(third) == 1
    assert not first & second and first | second | third == set(seeded)


def test_bulk_assign_to_me_and_filter_mine(client, login_as, seeded, db):
    me = login_as(Role.REVIEWER)
    ids = [str(seeded["new_fr"].id), str(seeded["en"].id)]
    response = post_form(client, "/queue/bulk", {"action": "assign_me", "claim": ids}, "/queue")
    assert response.status_code == 302
    assert _shown(client, seeded, "?assignee=me") == {"new_fr", "en"}
    db.session.expire_all()
    assert db.session.get(Claim, seeded["new_fr"].id).assignee_id == me.id


def test_bulk_dismiss_is_all_or_nothing(client, login_as, seeded, db):
    login_as(Role.REVIEWER)
    ids = [str(seeded["new_fr"].id), str(seeded["published"].id)]
    post_form(client, "/queue/bulk", {"action": "dismiss", "reason": "duplicate", "claim": ids},
              "/queue")
    db.session.expire_all()
    assert db.session.get(Claim, seeded["new_fr"].id).status is ClaimStatus.NEW
    ok = post_form(client, "/queue/bulk", {"action": "dismiss", "reason": "not_check_worthy",
                                           "claim": [str(seeded["new_fr"].id)]}, "/queue")
    assert ok.status_code == 302
    db.session.expire_all()
    dismissed = db.session.get(Claim, seeded["new_fr"].id)
    assert dismissed.status is ClaimStatus.DISMISSED
    assert dismissed.dismissal_reason.value == "not_check_worthy"


def test_viewer_cannot_bulk_edit(client, login_as, seeded, db):
    login_as(Role.VIEWER)
    response = post_form(client, "/queue/bulk",
                         {"action": "assign_me", "claim": [str(seeded["en"].id)]}, "/queue")
    assert response.status_code == 403


def test_bulk_action_losing_a_race_changes_nothing_and_says_so(client, login_as, seeded, db,
                                                               monkeypatch):
    from factcheck.review.routes import queue as views
    login_as(Role.REVIEWER)
    target = seeded["new_fr"]
    colleague_saves_first(monkeypatch, db, views, "assign_claims", target.id)
    ids = [str(target.id), str(seeded["en"].id)]
    response = post_form(client, "/queue/bulk", {"action": "assign_me", "claim": ids}, "/queue")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rien n&#39;a été modifié" in page
    db.session.expire_all()
    assert db.session.get(Claim, seeded["en"].id).assignee_id is None  # all or nothing
