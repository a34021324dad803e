"""Public fact-check pages, index, feeds, badges, embeds and oEmbed: published verdicts only."""
import json
from functools import lru_cache
from urllib.parse import urlsplit

from flask import (
    Response,
    abort,
    current_app,
    get_template_attribute,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from markupsafe import Markup

from ..models.base import utcnow
from . import bp
from .badges import STYLES, etag, make_badge
from .claimreview import claim_review, organization
from .embed import card_height
from .queries import public_ratings, published_check_or_404, published_checks

FEED_SIZE = 50
EMBED_WIDTH = 480  # the embed card's default width; its height follows the claim (embed.py)


@bp.route("/c/<public_id>")
def claim_page(public_id: str):
    """The public fact-check, with its ClaimReview JSON-LD."""
    check = published_check_or_404(public_id)
    review = claim_review(check, str(get_locale()))
    return render_template("publish/claim.html", check=check, jsonld=_jsonld(review),
                           embed_height=card_height(check.content.wording, EMBED_WIDTH))


@bp.route("/c/<public_id>/embed")
def embed(public_id: str):
    """A small card to put in an iframe; works without JavaScript."""
    check = published_check_or_404(public_id)
    return render_template("publish/embed.html", check=check)


@bp.route("/c/<public_id>/badge.svg")
def badge(public_id: str):
    """The verdict badge: cheap, cacheable, 304 when unchanged; neutral 404 when unknown."""
    lang = request.args.get("lang", "fr")
    style = request.args.get("style", "small")
    if lang not in ("fr", "en") or style not in STYLES:
        abort(400, description="lang must be fr or en; style must be small or large.")
    state = current_app.extensions["badge_cache"].state(public_id)
    status = 200 if state else 404
    tag = etag(state, lang, style)
    max_age = current_app.config["BADGE_MAX_AGE"] if state else 60
    headers = {"ETag": f'"{tag}"', "Cache-Control": f"public, max-age={max_age}",
               "Vary": "Accept-Encoding"}
    if state and request.if_none_match.contains(tag):
        return Response(status=304, headers=headers)
    return Response(_badge_svg(tag, state, lang, style), status=status,
                    mimetype="image/svg+xml", headers=headers)


@lru_cache(maxsize=4096)
def _badge_svg(tag: str, state, lang: str, style: str) -> str:
    """The SVG, rendered once per ETag: the template alone, no request context processors."""
    template = current_app.jinja_env.get_template("publish/badge.svg")
    return template.render(badge=make_badge(state, lang, style))


@bp.route("/oembed")
def oembed():
    """oEmbed (JSON) for a public fact-check URL: an iframe card."""
    url = request.args.get("url", "")
    if request.args.get("format", "json") != "json":
        abort(501, description="Only the json format is available.")
    parts = urlsplit(url)
    prefix = "/c/"
    if not parts.path.startswith(prefix) or "/" in parts.path[len(prefix):]:
        abort(404, description="Not a fact-check address of this site.")
    check = published_check_or_404(parts.path[len(prefix):])
    width = max(200, min(request.args.get("maxwidth", EMBED_WIDTH, type=int) or EMBED_WIDTH,
                         640))
    height = card_height(check.content.wording, width)
    check_iframe = get_template_attribute("publish/_embed.html", "check_iframe")
    return jsonify(version="1.0", type="rich", width=width, height=height,
                   html=str(check_iframe(check, width, height)),
                   title=check.content.wording[:200],
                   provider_name=current_app.config["ORGANIZATION_NAME"],
                   provider_url=url_for("publish.checks", _external=True),
                   cache_age=current_app.config["BADGE_MAX_AGE"])


@bp.route("/checks")
def checks():
    """Published fact-checks, newest first, searchable and filterable."""
    q = request.args.get("q", "").strip()[:200]
    rating = request.args.get("rating", "")[:40]
    language = request.args.get("language", "")[:8]
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 1000))
    shown = published_checks(q, rating, language, page, after=request.args.get("after", "")[:200],
                             before=request.args.get("before", "")[:200])
    return render_template("publish/checks.html", items=shown.items, has_next=shown.has_next,
                           pager=shown, page=page, q=q, rating=rating, language=language,
                           ratings=public_ratings())


@bp.route("/checks/feed.atom")
def atom_feed():
    """Atom feed of the latest published fact-checks."""
    items = published_checks(limit=FEED_SIZE).items
    updated = max((i.verdict.published_at for i in items), default=utcnow())
    xml = render_template("publish/feed.xml", items=items, updated=updated,
                          organization=current_app.config["ORGANIZATION_NAME"])
    return Response(xml, mimetype="application/atom+xml")


@bp.route("/checks/claimreview.json")
def claimreview_feed():
    """ClaimReview data feed (schema.org DataFeed) for aggregators."""
    items = published_checks(limit=FEED_SIZE).items
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


def _jsonld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> block; '<' escaped so it cannot close it."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - JSON with every <, > and & escaped above
