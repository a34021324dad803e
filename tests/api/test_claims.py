"""GET /api/v1/claims: the export filters, and cursor pages that walk every claim once."""
from datetime import datetime

import pytest

from factcheck.models import ClaimStatus, Role
from factcheck.tracking.services import track_claims
from tests.api.conftest import conforms
from tests.factories import make_claim, make_document


@pytest.fixture
def claims(db, publish):
    """Seven claims: five new, one published ("false"), one dismissed in English."""
    made = [make_claim() for _ in range(5)]
    made.append(publish("false"))
    made.append(make_claim(status=ClaimStatus.DISMISSED, language="en"))
    db.session.commit()
    return made


def _walk(caller, query=""):
    seen, cursor, pages = [], None, 0
    while True:
        suffix = f"&cursor={cursor}" if cursor else ""
        response = caller.get(f"/claims?limit=3{query}{suffix}")
        assert response.status_code == 200, response.json
        conforms(response.json, "ClaimPage")
        seen += [claim["public_id"] for claim in response.json["claims"]]
        cursor, pages = response.json["next_cursor"], pages + 1
        if cursor is None:
            return seen, pages


def test_cursor_pages_walk_every_claim_exactly_once(api, claims):
    seen, pages = _walk(api(Role.VIEWER))
    assert seen == [claim.public_id for claim in claims] and pages == 3


def test_a_page_that_ends_exactly_at_the_last_claim_has_no_next_cursor(api, claims):
    response = api(Role.VIEWER).get("/claims?limit=7")
    assert len(response.json["claims"]) == 7 and response.json["next_cursor"] is None


def test_claims_added_while_walking_come_at_the_end(api, claims, db):
    caller = api(Role.VIEWER)
    first = caller.get("/claims?limit=4").json
    late = make_claim()
    db.session.commit()
    rest = caller.get(f"/claims?limit=10&cursor={first['next_cursor']}").json["claims"]
    assert [c["public_id"] for c in rest] == [c.public_id for c in claims[4:]] + [
        late.public_id]


@pytest.mark.parametrize("query, expected", [
    ("status=published", [5]), ("status=open", [0, 1, 2, 3, 4]), ("status=dismissed", [6]),
    ("rating=FALSE", [5]), ("language=en", [6]), ("kind=figure", list(range(7))),
])
def test_filters_are_the_exports(api, claims, query, expected):
    seen, _ = _walk(api(Role.VIEWER), "&" + query)
    assert seen == [claims[i].public_id for i in expected]


def test_document_group_and_date_filters(api, claims, db):
    document = make_document()
    mine = make_claim(document=document)
    mine.created_at = datetime(2020, 1, 15)
    db.session.commit()
    caller = api(Role.VIEWER)
    by_document = caller.get(f"/claims?document={document.id}").json["claims"]
    assert [c["public_id"] for c in by_document] == [mine.public_id]
    track_claims([claims[0]])
    db.session.commit()
    group = claims[0].group.public_id
    in_group = caller.get(f"/claims?group={group}").json["claims"]
    assert [c["public_id"] for c in in_group] == [claims[0].public_id]
    dated = caller.get("/claims?since=2020-01-01&until=2020-01-31").json["claims"]
    assert [c["public_id"] for c in dated] == [mine.public_id]


@pytest.mark.parametrize("query, field", [
    ("limit=201", "limit"), ("limit=0", "limit"), ("limit=ten", "limit"),
    ("cursor=bm9wZQ", "cursor"), ("cursor=%%%", "cursor"), ("status=lost", "status"),
    ("since=yesterday", "since"), ("since=2026-02-01&until=2026-01-01", "since"),
    ("document=0", "document"), ("sort=newest", "sort"), ("status=new&status=published",
                                                        "status"),
])
def test_bad_query_parameters_are_named(api, query, field):
    response = api(Role.VIEWER).get(f"/claims?{query}")
    assert response.status_code == 400 and list(response.json["fields"]) == [field]


def test_a_claim_shows_its_appearances_in_other_documents(api, db, publish):
    text = "Le ministère a annoncé 4 000 embauches, a déclaré la porte-parole."
    earlier = publish("false", document=make_document(text=text))
    later = make_claim(document=make_document(text=text + " "))
    track_claims([earlier, later])
    db.session.commit()
    assert later.group_id == earlier.group_id
    response = api(Role.VIEWER).get(f"/claims/{later.public_id}")
    assert response.status_code == 200
    conforms(response.json, "Claim")
    [seen] = response.json["appearances"]
    assert seen["public_id"] == earlier.public_id and seen["rating"] == "false"
    assert seen["document"]["id"] == earlier.document_id
    assert response.json["group_id"] == earlier.group.public_id
