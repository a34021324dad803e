"""The public index of fact-checks and its feeds (Atom, ClaimReview JSON)."""
from flask import Response, current_app, jsonify, render_template, request, url_for
from flask_babel import get_locale

from ..models.base import utcnow
from .claimreview import claim_review, organization
from .queries import published_checks
from .routes import bp
from .verdict_scale import public_ratings

FEED_SIZE = 50


@bp.route("/checks")
def checks():
    """Published fact-checks, newest first, searchable and filterable."""
    q = request.args.get("q", "").strip()[:200]
    rating = request.args.get("rating", "")[:40]
    language = request.args.get("language", "")[:8]
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 1000))
    items, has_next = published_checks(q, rating, language, page)
    return render_template("publish/checks.html", items=items, has_next=has_next, page=page,
                           q=q, rating=rating, language=language, ratings=public_ratings())


@bp.route("/checks/feed.atom")
def atom_feed():
    """Atom feed of the latest published fact-checks."""
    items, _ = published_checks(limit=FEED_SIZE)
    updated = max((i.verdict.published_at for i in items), default=utcnow())
    xml = render_template("publish/feed.xml", items=items, updated=updated,
                          organization=current_app.config["ORGANIZATION_NAME"])
    return Response(xml, mimetype="application/atom+xml")


@bp.route("/checks/claimreview.json")
def claimreview_feed():
    """ClaimReview data feed (schema.org DataFeed) for aggregators."""
    items, _ = published_checks(limit=FEED_SIZE)
    locale = str(get_locale())
    return jsonify({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": current_app.config["ORGANIZATION_NAME"],
        "url": url_for("publish.claimreview_feed", _external=True),
        "author": organization(),
        "dateModified": utcnow().isoformat(),
        "dataFeedElement": [claim_review(item, locale) for item in items],
    })
