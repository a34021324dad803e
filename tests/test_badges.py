"""Verdict badges: SVG, caching validators, languages, escaping, never a draft's rating."""
from factcheck.models import Role
from factcheck.review.services import approve_and_publish, draft_verdict
from tests.factories import make_user, rating


def test_badge_is_svg_with_cache_headers(client, publish):
    claim = publish(key="false")
    response = client.get(f"/c/{claim.public_id}/badge.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith('W/')
    svg = response.get_data(as_text=True)
    assert svg.startswith("<svg") and "Faux" in svg and "#b3261e" in svg
    assert "Set-Cookie" not in response.headers


def test_if_none_match_gives_304_without_a_body(client, publish):
    claim = publish()
    etag = client.get(f"/c/{claim.public_id}/badge.svg").headers["ETag"]
    again = client.get(f"/c/{claim.public_id}/badge.svg", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag


def test_languages_and_styles(client, publish):
    claim = publish(key="mostly-true")
    fr = client.get(f"/c/{claim.public_id}/badge.svg?lang=fr")
    en = client.get(f"/c/{claim.public_id}/badge.svg?lang=en&style=large")
    assert "Plutôt vrai" in fr.get_data(as_text=True)
    assert "Mostly true" in en.get_data(as_text=True) and 'height="28"' in en.get_data(
        as_text=True)
    assert fr.headers["ETag"] != en.headers["ETag"]
    bad = client.get(f"/c/{claim.public_id}/badge.svg?style=huge")
    assert bad.status_code == 400


def test_a_correction_changes_the_etag_and_the_badge(client, publish, db):
    claim = publish(key="false")
    before = client.get(f"/c/{claim.public_id}/badge.svg").headers["ETag"]
    correction = draft_verdict(claim, rating("mostly-false"), "Révisé.",
                               make_user(Role.REVIEWER), correction_note="Chiffre révisé")
    db.session.commit()
    assert client.get(f"/c/{claim.public_id}/badge.svg").headers["ETag"] == before  # draft
    approve_and_publish(correction, make_user(Role.EDITOR))
    db.session.commit()
    after = client.get(f"/c/{claim.public_id}/badge.svg", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before
    assert "Plutôt faux" in after.get_data(as_text=True)


def test_unknown_or_draft_badge_is_neutral_404(client, publish):
    draft = publish(key="false", published=False)
    for pid in (draft.public_id, "nope"):
        response = client.get(f"/c/{pid}/badge.svg")
        svg = response.get_data(as_text=True)
        assert response.status_code == 404 and response.mimetype == "image/svg+xml"
        assert "inconnue" in svg and "Faux" not in svg and "#b3261e" not in svg


def test_badge_text_is_escaped(client, publish, db):
    claim = publish(key="false")
    step = rating("false")
    step.label_fr = 'Faux <script>alert("x")</script> & co'
    db.session.commit()
    try:
        svg = client.get(f"/c/{claim.public_id}/badge.svg").get_data(as_text=True)
    finally:  # the rating scale is kept between tests: put it back
        step.label_fr = "Faux"
        db.session.commit()
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg


def test_badges_do_not_touch_the_session_cookie(client, publish):
    claim = publish()
    client.get("/login")  # a visitor who has a session cookie
    response = client.get(f"/c/{claim.public_id}/badge.svg")
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "Set-Cookie" not in response.headers


def test_every_rating_reads_at_aa_contrast_on_pills_and_badges(client, publish, db):
    """The verdict's words on its colour reach WCAG AA (4.5:1): dark text on the pale ones."""
    import re

    from factcheck.colours import contrast, ink
    from factcheck.models import Rating
    for scale in db.session.query(Rating):
        assert contrast(scale.color, ink(scale.color)) >= 4.5, (scale.key, scale.color)
    assert ink("#b08600") == "#000000" and ink("#b3261e") == "#ffffff"
    claim = publish(key="half-true")
    svg = client.get(f"/c/{claim.public_id}/badge.svg").get_data(as_text=True)
    assert re.search(r'font-weight="bold" fill="#000000">À moitié vrai<', svg)
