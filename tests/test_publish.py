"""Public pages show published verdicts only, with valid ClaimReview and safe embeds."""
import json
import re

import pytest
import sqlalchemy as sa

from factcheck.models import Claim, ClaimStatus, Role
from factcheck.review.services import draft_verdict
from tests.factories import make_user, rating

PUBLIC_ROUTES = ["/c/{pid}", "/c/{pid}/embed", "/c/{pid}/badge.svg"]


def _jsonld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block, "no JSON-LD block"
    return json.loads(block.group(1))


def validate_claim_review(data: dict) -> None:
    """The ClaimReview fields search engines need, with the right types."""
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    for key in ("url", "claimReviewed", "datePublished", "author", "reviewRating",
                "itemReviewed"):
        assert data.get(key), f"missing {key}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["datePublished"])
    assert data["author"]["@type"] == "Organization" and data["author"]["name"]
    rating = data["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"]["@type"] == "CreativeWork"
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_unpublished_and_unknown_claims_are_never_public(client, publish, route, db):
    draft = publish(published=False)
    for pid in (draft.public_id, "unknown-id"):
        response = client.get(route.format(pid=pid))
        oembed = client.get("/oembed", query_string={"url": f"http://localhost/c/{pid}"})
        assert oembed.status_code == 404
        assert response.status_code == 404
        assert "Insee" not in response.get_data(as_text=True)
        assert "Faux" not in response.get_data(as_text=True)


def test_public_page_shows_the_verdict_sources_and_appearance(client, publish):
    claim = publish()
    html = client.get(f"/c/{claim.public_id}").get_data(as_text=True)
    assert re.search(r'class="rating"[^>]*>Faux<', html)  # the pill, in the page's language
    assert "<strong>Insee</strong>" in html
    assert "Le Journal" in html and "journal.example/article" in html


def test_every_public_page_has_valid_claim_review(client, publish, db):
    claims = [publish(key=key) for key in ("true", "false", "misleading")]
    for claim in claims:
        data = _jsonld(client.get(f"/c/{claim.public_id}").get_data(as_text=True))
        validate_claim_review(data)
        assert data["url"].endswith(f"/c/{claim.public_id}")
        assert data["itemReviewed"]["appearance"]["url"] == "https://journal.example/article"
    scored = _jsonld(client.get(f"/c/{claims[1].public_id}").get_data(as_text=True))
    assert scored["reviewRating"]["ratingValue"] == 1
    assert scored["itemReviewed"]["author"] == {"@type": "Person", "name": "la porte-parole"}


def test_json_ld_cannot_be_broken_out_of(client, publish):
    claim = publish(rationale="x", normalized_text="</script><script>alert(1)</script>")
    html = client.get(f"/c/{claim.public_id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert _jsonld(html)["claimReviewed"] == "</script><script>alert(1)</script>"


def test_draft_correction_stays_private_until_published(client, publish, db):
    claim = publish(key="false")
    reviewer = make_user(Role.REVIEWER)
    draft_verdict(claim, rating("true"), "Brouillon secret.", reviewer,
                  correction_note="Nouvelle donnée")
    db.session.commit()
    html = client.get(f"/c/{claim.public_id}").get_data(as_text=True)
    assert "Faux" in html and "Brouillon secret" not in html


def test_embed_may_be_framed_and_other_pages_may_not(client, publish):
    claim = publish()
    embed = client.get(f"/c/{claim.public_id}/embed")
    page = client.get(f"/c/{claim.public_id}")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    assert page.headers["X-Frame-Options"] == "DENY"
    csp = page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "<script>" not in embed.get_data(as_text=True)


def test_oembed_describes_the_embed_card(client, publish):
    claim = publish()
    url = f"http://localhost/c/{claim.public_id}"
    data = client.get("/oembed", query_string={"url": url}).json
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert f"/c/{claim.public_id}/embed" in data["html"]
    assert client.get("/oembed", query_string={"url": "http://localhost/c/nope"}).status_code \
        == 404
    assert client.get("/oembed", query_string={"url": url, "format": "xml"}).status_code == 501


def test_index_lists_published_checks_with_filters(client, publish, db):
    false_claim = publish(key="false")
    true_claim = publish(key="true", language="en")
    hidden = publish(published=False)
    html = client.get("/checks").get_data(as_text=True)
    assert false_claim.public_id in html and true_claim.public_id in html
    assert hidden.public_id not in html
    only_true = client.get("/checks?rating=true").get_data(as_text=True)
    assert true_claim.public_id in only_true and false_claim.public_id not in only_true
    english = client.get("/checks?language=en").get_data(as_text=True)
    assert true_claim.public_id in english and false_claim.public_id not in english


def test_feeds_carry_published_checks_only(client, publish):
    shown, hidden = publish(), publish(published=False)
    atom = client.get("/checks/feed.atom")
    assert atom.mimetype == "application/atom+xml"
    body = atom.get_data(as_text=True)
    assert shown.public_id in body and hidden.public_id not in body
    assert "&lt;strong&gt;Insee&lt;/strong&gt;" in body  # HTML summary, escaped in the XML
    feed = client.get("/checks/claimreview.json").json
    assert feed["@type"] == "DataFeed" and len(feed["dataFeedElement"]) == 1
    validate_claim_review(feed["dataFeedElement"][0] | {"@context": "https://schema.org"})


def test_dismissed_claim_with_a_published_verdict_is_not_public(client, publish, db):
    claim = publish()
    db.session.execute(sa.update(Claim).where(Claim.id == claim.id)
                       .values(status=ClaimStatus.DISMISSED))
    db.session.commit()
    assert client.get(f"/c/{claim.public_id}").status_code == 404


def test_public_endpoints_keep_their_names_and_addresses(app):
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()
             if rule.endpoint.startswith("publish.")}
    assert rules == {
        "publish.claim_page": "/c/<public_id>", "publish.embed": "/c/<public_id>/embed",
        "publish.badge": "/c/<public_id>/badge.svg", "publish.oembed": "/oembed",
        "publish.checks": "/checks", "publish.atom_feed": "/checks/feed.atom",
        "publish.claimreview_feed": "/checks/claimreview.json",
    }


@pytest.mark.parametrize("path", ["/oembed?url=http://localhost/c/{pid}", "/checks/feed.atom",
                                  "/checks/claimreview.json", "/c/{pid}/badge.svg"])
def test_machine_facing_routes_do_not_touch_the_session_cookie(client, publish, path):
    claim = publish()
    client.get("/login")  # a visitor who has a session cookie
    response = client.get(path.format(pid=claim.public_id))
    assert response.status_code == 200
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "Set-Cookie" not in response.headers


def test_the_claim_page_hands_the_public_page_badges_and_embed_to_the_web_desk(
        client, login_as, publish):
    claim = publish(key="false")
    login_as(Role.EDITOR)
    page = client.get(f"/claims/{claim.public_id}").get_data(as_text=True)
    block = page[page.index('<div class="share" id="share">'):]
    assert f'href="http://localhost/c/{claim.public_id}"' in block
    assert "Voir la page publique" in block
    badges = re.findall(rf'<img src="http://localhost/c/{claim.public_id}/badge\.svg\?'
                        r'lang=(fr|en)&amp;style=(small|large)"', block)
    assert sorted(badges) == [("en", "large"), ("en", "small"), ("fr", "large"),
                              ("fr", "small")]
    assert block.count('data-copy="badge-') == 4 and "Copier le badge" in block
    assert (f"&lt;iframe src=&#34;http://localhost/c/{claim.public_id}/embed&#34;" in block
            or f"&lt;iframe src=&quot;http://localhost/c/{claim.public_id}/embed&quot;"
            in block)
    assert 'href="/checks"' in page  # the public index, from the navigation


def test_a_draft_has_nothing_to_hand_out(client, login_as, publish):
    claim = publish(published=False)
    login_as(Role.EDITOR)
    page = client.get(f"/claims/{claim.public_id}").get_data(as_text=True)
    assert 'id="share"' not in page and "/badge.svg" not in page
