"""Who may do what, for every route: one table, checked for every role.

``PERMISSIONS`` lists each (endpoint, method) of the app with the least role that may use it,
or ``PUBLIC``. The matrix test sends each request as each kind of visitor, with a valid CSRF
token, and checks the answer: signed-out and deactivated visitors are sent to sign in, roles
below the bar get 403, the others get past the check. API routes are visited with the
visitor's API token instead of a session (and a signed-in browser is refused there). The
guard test fails when a route of ``app.url_map`` has no row (or a row names a route that no
longer exists).
"""
import pytest
from flask import url_for
from werkzeug.security import generate_password_hash

from factcheck.auth.services import issue_api_token
from factcheck.models import ClaimMatch, Document, ExportJob, Role, Stance
from factcheck.review.services import draft_verdict, find_or_add_source, link_source
from factcheck.tracking.services import track_claims
from tests.conftest import csrf_token
from tests.factories import make_claim, make_user, rating

PUBLIC = "public"
V, R, E, A = Role.VIEWER, Role.REVIEWER, Role.EDITOR, Role.ADMIN

PERMISSIONS = [
    ("static", "GET", PUBLIC),
    ("health.healthz", "GET", PUBLIC),
    ("health.readyz", "GET", PUBLIC),
    ("auth.login", "GET", PUBLIC),
    ("auth.login", "POST", PUBLIC),
    ("auth.logout", "POST", V),
    ("auth.password", "GET", V),
    ("auth.password", "POST", V),
    ("documents.index", "GET", V),
    ("documents.show", "GET", V),
    ("documents.extraction_progress", "GET", V),
    ("documents.new", "GET", R),
    ("documents.new", "POST", R),
    ("documents.retry_extraction", "POST", R),
    ("review.queue", "GET", V),
    ("review.queue_counts", "GET", V),
    ("review.bulk", "POST", R),
    ("review.claim", "GET", V),
    ("review.edit", "POST", R),
    ("review.assign", "POST", R),
    ("review.dismiss", "POST", R),
    ("review.reopen", "POST", R),
    ("review.add_source", "POST", R),
    ("review.remove_source", "POST", R),
    ("review.find_sources", "GET", V),
    ("review.save_verdict", "POST", R),
    ("review.publish", "POST", E),
    ("review.return_verdict", "POST", E),
    ("tracking.group", "GET", V),
    ("tracking.merge", "POST", R),
    ("tracking.split", "POST", R),
    ("tracking.dismiss", "POST", R),
    ("tracking.reuse", "POST", R),
    ("dashboard.index", "GET", V),
    ("admin.users", "GET", A),
    ("admin.new_user", "GET", A),
    ("admin.new_user", "POST", A),
    ("admin.user", "GET", A),
    ("admin.role", "POST", A),
    ("admin.deactivate", "POST", A),
    ("admin.reactivate", "POST", A),
    ("admin.password", "POST", A),
    ("admin.token", "POST", A),
    ("admin.revoke", "POST", A),
    ("publish.claim_page", "GET", PUBLIC),
    ("publish.embed", "GET", PUBLIC),
    ("publish.badge", "GET", PUBLIC),
    ("publish.oembed", "GET", PUBLIC),
    ("publish.checks", "GET", PUBLIC),
    ("publish.atom_feed", "GET", PUBLIC),
    ("publish.claimreview_feed", "GET", PUBLIC),
    # Visitors export published claims as published; signed-in users what their role sees.
    ("datasets.export_page", "GET", PUBLIC),
    ("datasets.claims_jsonl", "GET", PUBLIC),
    ("datasets.claims_csv", "GET", PUBLIC),
    ("datasets.claimreview_json", "GET", PUBLIC),
    ("datasets.datafeed_json", "GET", PUBLIC),
    ("datasets.prepare", "POST", PUBLIC),
    ("datasets.export_job", "GET", PUBLIC),
    ("datasets.download_job", "GET", PUBLIC),
    # The JSON API: visited with each visitor's API token (it never reads cookies).
    ("api.openapi", "GET", PUBLIC),
    ("api.add_document", "POST", R),
    ("api.document", "GET", V),
    ("api.claims", "GET", V),
    ("api.claim", "GET", V),
    ("api.add_source", "POST", R),
    ("api.save_verdict", "PUT", R),
    ("api.publish", "POST", E),
]
API_ROWS = [row for row in PERMISSIONS if row[0].startswith("api.")]
VISITORS = ["anonymous", "deactivated", Role.VIEWER, Role.REVIEWER, Role.EDITOR, Role.ADMIN]
IGNORED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture
def fast_passwords(monkeypatch):
    """The matrix makes hundreds of users: hash their passwords cheaply (tests only)."""
    def cheap(password, method="pbkdf2:sha256:1", salt_length=8):
        return generate_password_hash(password, method=method, salt_length=salt_length)
    monkeypatch.setattr("factcheck.auth.services.generate_password_hash", cheap)


@pytest.fixture
def world(db, fast_passwords, publish):
    """One of everything a route can name: a claim with a source and a draft, a published
    claim, another user; returns the URL values by argument name."""
    author = make_user(Role.REVIEWER)
    claim = make_claim()
    source = find_or_add_source("https://stats.example/serie", author)
    link = link_source(claim, source, Stance.SUPPORTS, author)
    draft = draft_verdict(claim, rating("false"), "Les chiffres disent autre chose.", author)
    published = publish("true")
    target = make_user(Role.VIEWER)
    track_claims([claim, published])
    match = db.session.query(ClaimMatch).filter_by(claim_id=claim.id).first() or ClaimMatch(
        claim_id=claim.id, other_id=published.id, relation="same", score=1.0)
    db.session.add(match)
    export = ExportJob(audience="public", format="jsonl", base_url="http://localhost/")
    db.session.add(export)
    db.session.commit()
    return {"public_id": claim.public_id, "document_id": claim.document_id,
            "link_id": link.id, "verdict_id": draft.id, "user_id": target.id,
            "filename": "css/app.css", "published_id": published.public_id,
            "group_id": claim.group.public_id, "match_id": match.id,
            "token": export.token}


def _url(app, endpoint: str, values: dict) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    args = {name: values[name] for name in rule.arguments}
    if endpoint.startswith("publish.") and "public_id" in args:
        args["public_id"] = values["published_id"]
    with app.test_request_context():
        return url_for(endpoint, **args)


def _visit_as(app, db, visitor, api: bool = False):
    """A browser for ``visitor``: signed out, or signed in (the session Flask-Login keeps);
    for the API (``api``), a client that sends the visitor's token instead."""
    browser = app.test_client()
    if visitor == "anonymous":
        return browser
    user = make_user(Role.EDITOR if visitor == "deactivated" else visitor)
    if api:
        browser.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {issue_api_token(user)}"
    db.session.commit()
    if not api:
        with browser.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
    if visitor == "deactivated":
        user.active = False
        db.session.commit()
    return browser


def _sent_to_sign_in(response) -> bool:
    """401 (API), or the redirect to the sign-in page that comes back here afterwards."""
    location = response.headers.get("Location", "")
    return response.status_code == 401 or (
        response.status_code == 302 and "/login?next=" in location)


def _allowed(minimum, visitor) -> bool:
    if minimum == PUBLIC:
        return True
    return visitor not in ("anonymous", "deactivated") and visitor.rank >= minimum.rank


def _cases():
    for endpoint, method, minimum in PERMISSIONS:
        for visitor in VISITORS:
            name = visitor if isinstance(visitor, str) else visitor.value
            yield pytest.param(endpoint, method, minimum, visitor,
                               id=f"{endpoint}-{method}-{name}")


@pytest.mark.parametrize("endpoint, method, minimum, visitor", list(_cases()))
def test_every_route_answers_each_visitor_as_the_table_says(app, db, world, endpoint, method,
                                                            minimum, visitor):
    browser = _visit_as(app, db, visitor, api=endpoint.startswith("api."))
    url = _url(app, endpoint, world)
    if method in ("POST", "PUT"):
        token = csrf_token(browser, "/login" if visitor in ("anonymous", "deactivated") else "/")
        response = browser.open(url, method=method, data={"csrf_token": token})
    else:
        response = browser.get(url)
    response.close()
    status = response.status_code
    assert status < 500, response.get_data(as_text=True)[:500]
    if _allowed(minimum, visitor):
        assert status != 403 and not _sent_to_sign_in(response), (status, response.location)
    elif visitor in ("anonymous", "deactivated"):
        assert _sent_to_sign_in(response), status
    else:
        assert status == 403


@pytest.mark.parametrize("endpoint, method, minimum",
                         [row for row in API_ROWS if row[2] != PUBLIC])
def test_the_api_refuses_a_signed_in_browser(app, db, world, endpoint, method, minimum):
    """Its writes are exempt from CSRF checks: cookies must never act there (401)."""
    browser = _visit_as(app, db, Role.ADMIN)
    response = browser.open(_url(app, endpoint, world), method=method, json={})
    assert response.status_code == 401 and response.json["error"] == "unauthorized"


def test_the_table_names_every_route_and_only_routes(app):
    served = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - IGNORED_METHODS}
    listed = {(endpoint, method) for endpoint, method, _ in PERMISSIONS}
    assert served - listed == set(), "add these routes to PERMISSIONS"
    assert listed - served == set(), "these PERMISSIONS rows name no route"


def _paste(client, title="Pris au mot", text="Le chômage a baissé de 0,3 point, selon l'Insee."):
    return client.post("/documents/new", data={"title": title, "text": text, "language": "auto",
                                               "csrf_token": csrf_token(client, "/")})


@pytest.mark.parametrize("role, status, stored", [
    (Role.VIEWER, 403, 0),
    (Role.REVIEWER, 302, 1),
    (Role.EDITOR, 302, 1),
    (Role.ADMIN, 302, 1),
])
def test_adding_a_document_needs_reviewer_or_above(client, login_as, db, role, status, stored):
    login_as(role)
    response = _paste(client)
    assert response.status_code == status
    assert db.session.query(Document).count() == stored


def test_anonymous_post_with_a_valid_token_changes_nothing(client, db):
    response = client.post("/documents/new", data={"title": "t", "text": "Du texte.",
                                                   "csrf_token": csrf_token(client, "/login")})
    assert _sent_to_sign_in(response)
    assert db.session.query(Document).count() == 0


def test_viewer_sees_a_403_page_that_says_why(client, login_as):
    login_as(Role.VIEWER)
    assert "pas le droit" in _paste(client).get_data(as_text=True)


def test_viewer_has_no_link_to_write_pages(client, login_as):
    login_as(Role.VIEWER)
    assert "/documents/new" not in client.get("/").get_data(as_text=True)
