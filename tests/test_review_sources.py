"""Linking sources to claims: normalised, deduplicated, with a stance."""
import pytest

from factcheck.models import ClaimSource, Role, Source, Stance
from factcheck.review.errors import ReviewError
from factcheck.review.services import normalise_url
from tests.conftest import post_form
from tests.factories import make_claim


@pytest.fixture
def claims(db):
    made = [make_claim(), make_claim()]
    db.session.commit()
    return made


def _link(client, claim, url, stance="refutes", **extra):
    page = f"/claims/{claim.public_id}"
    return post_form(client, f"{page}/sources", {"url": url, "stance": stance, **extra}, page)


@pytest.mark.parametrize("raw, expected", [
    ("HTTPS://WWW.Insee.fr/fr/statistiques/?utm_source=x&id=3#haut",
     "https://insee.fr/fr/statistiques?id=3"),
    ("http://example.org:80/a/", "http://example.org/a"),
    ("https://example.org:8443", "https://example.org:8443/"),
])
def test_urls_are_normalised(raw, expected):
    assert normalise_url(raw) == expected


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "ftp://x.org/f", "not a url"])
def test_non_web_urls_are_refused(raw):
    with pytest.raises(ReviewError):
        normalise_url(raw)


def test_one_source_backs_two_claims_and_is_stored_once(client, login_as, claims, db):
    login_as(Role.REVIEWER)
    first = _link(client, claims[0], "https://insee.fr/chiffres?utm_campaign=a",
                  excerpt="Le taux est de 7,3 %.", title="Chiffres du chômage")
    second = _link(client, claims[1], "https://www.insee.fr/chiffres/", stance="supports")
    assert first.status_code == 302 and second.status_code == 302
    assert db.session.query(Source).count() == 1
    stances = {link.stance.value for link in db.session.query(ClaimSource)}
    assert stances == {"refutes", "supports"}
    page = client.get(f"/claims/{claims[0].public_id}").get_data(as_text=True)
    assert "Le taux est de 7,3 %." in page and "Chiffres du chômage" in page


def test_linking_the_same_source_twice_is_refused(client, login_as, claims, db):
    login_as(Role.REVIEWER)
    _link(client, claims[0], "https://insee.fr/a")
    again = _link(client, claims[0], "https://insee.fr/a/")
    assert again.status_code == 400 and "déjà liée" in again.get_data(as_text=True)
    assert db.session.query(ClaimSource).count() == 1


def test_invalid_source_url_gives_a_400_with_the_reason(client, login_as, claims, db):
    login_as(Role.REVIEWER)
    response = _link(client, claims[0], "javascript:alert(1)")
    assert response.status_code == 400
    assert db.session.query(Source).count() == 0


def test_unlink_keeps_the_source_for_other_claims(client, login_as, claims, db):
    login_as(Role.REVIEWER)
    _link(client, claims[0], "https://insee.fr/a")
    link = db.session.query(ClaimSource).one()
    page = f"/claims/{claims[0].public_id}"
    assert post_form(client, f"{page}/sources/{link.id}/unlink", {}, page).status_code == 302
    assert db.session.query(ClaimSource).count() == 0 and db.session.query(Source).count() == 1


def test_source_search_finds_by_title(client, login_as, claims):
    login_as(Role.REVIEWER)
    _link(client, claims[0], "https://insee.fr/a", title="Enquête emploi")
    found = client.get("/sources/search?q=emploi").json["sources"]
    assert [s["url"] for s in found] == ["https://insee.fr/a"]
    assert client.get("/sources/search?q=zzz").json["sources"] == []


def test_source_search_treats_wildcards_as_text(client, login_as, claims):
    login_as(Role.REVIEWER)
    _link(client, claims[0], "https://insee.fr/a", title="Enquête emploi")
    assert client.get("/sources/search?q=%25%25").json["sources"] == []
    assert client.get("/sources/search?q=__").json["sources"] == []


def test_unlinking_what_a_colleague_just_unlinked_is_refused_with_a_reason(db):
    """The claim is read again once its lock is held: a link removed meanwhile is not
    removed twice (a 500 before), and the reviewer is told why."""
    import sqlalchemy as sa

    from factcheck.review.services import find_or_add_source, link_source, unlink_source
    from tests.factories import make_user

    reviewer = make_user(Role.REVIEWER)
    claim = make_claim()
    link_source(claim, find_or_add_source("https://example.org/a", reviewer),
                Stance.SUPPORTS, reviewer)
    db.session.commit()
    mine = claim.source_links[0]  # what this reviewer's page loaded
    with db.engine.begin() as colleague:
        colleague.execute(sa.delete(ClaimSource).where(ClaimSource.id == mine.id))
    with pytest.raises(ReviewError, match="plus liée"):
        unlink_source(mine, reviewer)
