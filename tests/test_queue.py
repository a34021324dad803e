"""The claim queue: filters, search, counts, pagination and bulk actions."""
import re
from html import unescape

import pytest

from factcheck.models import Claim, ClaimStatus, Role
from factcheck.review import queries as queue_module
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
    ("", {"new_fr", "review", "en"}),  # "To do" by default: nothing dismissed or published
    ("?status=all", {"new_fr", "review", "en", "dismissed", "published"}),
    ("?status=new", {"new_fr", "en"}),
    ("?status=open", {"new_fr", "review", "en"}),
    ("?kind=attribution&status=all", {"new_fr", "review", "dismissed", "published"}),
    ("?language=en", {"en"}),
    ("?q=banque+de", {"review"}),
    ("?q=BANQUE", {"review"}),
    ("?q=%25", set()),  # a literal percent sign matches nothing here, not everything
    ("?assignee=none&status=all", {"new_fr", "review", "en", "dismissed", "published"}),
    ("?status=bogus&kind=bogus&page=abc", {"new_fr", "review", "en"}),
])
def test_filters(client, login_as, seeded, query, expected):
    login_as(Role.VIEWER)
    assert _shown(client, seeded, query) == expected


def test_document_filter_and_score_order(client, login_as, seeded):
    login_as(Role.VIEWER)
    html = client.get("/queue?status=all").get_data(as_text=True)
    order = sorted(seeded.values(), key=lambda c: -c.checkworthiness)
    positions = [html.index(f'data-claim-id="{c.id}"') for c in order]
    assert positions == sorted(positions)
    doc_id = seeded["new_fr"].document_id
    assert _shown(client, seeded, f"?document={doc_id}") == {"new_fr"}


def _tabs(client, query: str) -> dict:
    """The status tabs' figures as the page shows them (empty until asked for)."""
    html = client.get("/queue" + query).get_data(as_text=True)
    return dict(re.findall(r'<span class="count" data-count="([a-z_]+)">([^<]*)</span>', html))


def test_counts_per_status_follow_the_other_filters(client, login_as, seeded):
    login_as(Role.VIEWER)
    tabs = _tabs(client, "?language=en")
    assert tabs["new"] == "1" and tabs["dismissed"] == "0" and tabs["total"] == "1"


def test_counts_without_other_filters_are_exact_and_follow_changes(client, login_as, seeded,
                                                                   db):
    login_as(Role.VIEWER)
    seeded["new_fr"].status = ClaimStatus.IN_REVIEW
    db.session.delete(seeded["dismissed"])
    db.session.commit()
    tabs = _tabs(client, "?kind=attribution")
    assert tabs["in_review"] == "2"  # "new_fr" moved, and "review"
    assert tabs["dismissed"] == "0"  # deleted
    assert tabs["total"] == "3"


def test_a_search_shows_its_claims_first_and_its_counts_on_request(client, login_as, seeded):
    login_as(Role.VIEWER)
    html = client.get("/queue?q=banque&status=in_review").get_data(as_text=True)
    assert 'data-counts-url="/queue/counts?status=all&amp;q=banque"' in html
    assert set(_tabs(client, "?q=banque").values()) == {""}
    answer = client.get("/queue/counts?q=banque").get_json()
    assert answer == {"counts": {"new": 0, "in_review": 1, "verdict_drafted": 0,
                                 "published": 0, "dismissed": 0},
                      "total": 1, "to_do": 1, "bounded": False}


def test_counts_under_a_search_stop_at_the_cap(client, login_as, seeded, monkeypatch):
    monkeypatch.setattr(queue_module, "COUNT_CAP", 3)
    login_as(Role.VIEWER)
    answer = client.get("/queue/counts?assignee=none").get_json()  # all five claims
    assert answer["bounded"] and answer["total"] == 4  # four seen, then it stopped
    tabs = _tabs(client, "?assignee=none")
    assert tabs["total"] == "4+" and all(n.endswith("+") for n in tabs.values())
    answer = client.get("/queue/counts?assignee=none&language=en").get_json()
    assert not answer["bounded"] and answer["counts"]["new"] == answer["total"] == 1


def test_pagination(client, login_as, seeded, monkeypatch):
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 2)
    login_as(Role.VIEWER)
    first = _shown(client, seeded, "?sort=score&status=all")
    second = _shown(client, seeded, "?sort=score&status=all&page=2")
    third = _shown(client, seeded, "?sort=score&status=all&page=3")
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


def _pager_links(html: str) -> dict:
    links = dict(re.findall(r'<a rel="(next|prev)" href="([^"]+)"', html))
    return {rel: unescape(href) for rel, href in links.items()}


@pytest.mark.parametrize("sort", ["score", "newest", "oldest", "document"])
def test_keyset_pages_meet_at_their_boundary(client, login_as, db, monkeypatch, sort):
    """Next and previous links carry the boundary claim: pages neither skip nor repeat a claim,
    ties in the sort included, and a claim added meanwhile shifts nothing already shown."""
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 3)
    login_as(Role.VIEWER)
    doc = make_document()
    claims = [make_claim(doc if i % 2 else None, checkworthiness=0.5 if i < 5 else 0.2)
              for i in range(8)]  # ties on score, on document
    db.session.commit()
    everyone = {c.id for c in claims}
    url, pages = f"/queue?sort={sort}", []
    while url:
        html = client.get(url).get_data(as_text=True)
        pages.append([int(i) for i in re.findall(r'data-claim-id="(\d+)"', html)])
        url = _pager_links(html).get("next")
        if len(pages) == 2:
            late = make_claim(checkworthiness=0.9)  # first in the sort, last for "oldest"
            db.session.commit()
            third = url
    seen = [i for page in pages for i in page]
    assert [len(p) for p in pages] == [3, 3, 3 if sort == "oldest" else 2]
    assert len(seen) == len(set(seen)) and set(seen) - {late.id} == everyone
    assert "after=" in third
    back = _pager_links(client.get(third).get_data(as_text=True))["prev"]
    assert "before=" in back
    html = client.get(back).get_data(as_text=True)
    assert [int(i) for i in re.findall(r'data-claim-id="(\d+)"', html)] == pages[1]


def test_a_bad_cursor_shows_the_first_page(client, login_as, seeded):
    login_as(Role.VIEWER)
    # junk, [], ["a", 1], [1.0, true]
    for cursor in ("zzz", "W10", "WyJhIiwgMV0", "WzEuMCwgdHJ1ZV0"):
        response = client.get(f"/queue?status=all&after={cursor}")
        assert response.status_code == 200
        assert _shown(client, seeded, f"?status=all&after={cursor}") == set(seeded)
