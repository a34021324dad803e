"""The dashboard: who may see it, and whether its charts tell the truth about the data."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from factcheck.dashboard.charts import nice_ticks
from factcheck.extensions import db as _db
from factcheck.models import AuditEntry, ClaimStatus, Rating, Role, Verdict, VerdictStatus
from factcheck.models.base import utcnow
from tests.factories import make_claim, make_document, make_user


def _page(client) -> str:
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _chart(html: str, name: str) -> str:
    match = re.search(rf'<svg[^>]*id="chart-{name}".*?</svg>', html, re.S)
    assert match, f"no {name} chart"
    return match.group(0)


def _bars(html: str, name: str) -> list[dict]:
    """The attributes of each drawn bar or column in chart ``name``."""
    tags = re.findall(r'<rect class="(?:bar|column)[^>]*>', _chart(html, name))
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in tags]


def _rating(key: str) -> Rating:
    return _db.session.scalar(sa.select(Rating).where(Rating.key == key))


def _verdict(author, key: str, status: VerdictStatus) -> Verdict:
    verdict = Verdict(claim=make_claim(status=ClaimStatus.PUBLISHED), rating=_rating(key),
                      author=author, status=status, rationale_md="Voir la source.")
    _db.session.add(verdict)
    return verdict


def _work(actor, action: str, times: int = 1, days_ago: int = 0) -> None:
    for _ in range(times):
        _db.session.add(AuditEntry(actor=actor, action=action, target_type="claims",
                                   target_id=1, created_at=utcnow() - timedelta(days=days_ago)))


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_viewer_sees_the_dashboard(client, login_as):
    login_as(Role.VIEWER)
    assert "Tableau de bord" in _page(client)


def test_an_empty_database_shows_nothing_yet_states(client, login_as):
    login_as(Role.VIEWER)
    html = _page(client)
    assert "<svg" not in html
    assert html.count('class="empty"') == 4


def test_claims_per_status_counts_and_bar_lengths(client, login_as, db):
    for _ in range(3):
        make_claim()
    make_claim(status=ClaimStatus.DISMISSED)
    db.session.commit()
    login_as(Role.VIEWER)
    html = _page(client)
    bars = {bar["data-key"]: bar for bar in _bars(html, "status")}
    assert set(bars) == {"new", "dismissed"}  # empty statuses draw no bar
    assert (bars["new"]["data-value"], bars["dismissed"]["data-value"]) == ("3", "1")
    new, dismissed = float(bars["new"]["width"]), float(bars["dismissed"]["width"])
    assert new == pytest.approx(3 * dismissed, abs=.05)  # widths are rounded to 0.01
    assert 'href="/queue?status=new"' in html and 'href="/queue?status=dismissed"' in html
    assert "nouvelle\u00a0: 3" in html  # the text alternative, French colon spacing


def test_only_published_verdicts_count_per_rating(client, login_as, db):
    author = make_user(Role.REVIEWER)
    for status in (VerdictStatus.PUBLISHED, VerdictStatus.PUBLISHED, VerdictStatus.DRAFT):
        _verdict(author, "false", status)
    _verdict(author, "true", VerdictStatus.SUPERSEDED)
    _verdict(author, "true", VerdictStatus.PUBLISHED)
    db.session.commit()
    login_as(Role.VIEWER)
    html = _page(client)
    bars = {bar["data-key"]: bar for bar in _bars(html, "rating")}
    assert {k: b["data-value"] for k, b in bars.items()} == {"false": "2", "true": "1"}
    assert bars["false"]["fill"] == _rating("false").color
    assert "Faux" in _chart(html, "rating")  # labelled in the interface language
    english = client.get("/dashboard/?lang=en").get_data(as_text=True)
    assert "False" in _chart(english, "rating")


def test_work_per_reviewer_goes_to_the_right_person(client, login_as, db):
    alice = make_user(Role.REVIEWER, email="alice@example.test")
    bob = make_user(Role.EDITOR, email="bob@example.test")
    _work(alice, "claim.correct", 2)
    _work(alice, "verdict.draft")
    _work(alice, "claim.correct", 5, days_ago=40)  # outside the window
    _work(bob, "claim.link_source", 3)
    _work(bob, "verdict.publish")
    _work(bob, "claim.assign", 4)  # not counted as work
    db.session.commit()
    login_as(Role.VIEWER)
    html = _page(client)
    drawn = {(b["data-key"], b["data-series"]): b["data-value"] for b in _bars(html, "work")}
    assert drawn == {
        (str(alice.id), "corrections"): "2", (str(alice.id), "drafted"): "1",
        (str(bob.id), "sources"): "3", (str(bob.id), "published"): "1",
    }
    work = _chart(html, "work")
    assert work.index("bob@example.test") < work.index("alice@example.test")  # busiest first


def test_only_the_ten_busiest_reviewers_are_drawn(client, login_as, db):
    for n in range(12):
        _work(make_user(Role.REVIEWER), "claim.correct", n + 1)
    db.session.commit()
    login_as(Role.VIEWER)
    values = [int(b["data-value"]) for b in _bars(_page(client), "work")]
    assert values == list(range(12, 2, -1))


def test_claims_added_per_day_covers_the_last_thirty_days(client, login_as, db):
    make_claim()
    make_claim()
    make_claim(created_at=utcnow() - timedelta(days=3))
    make_claim(created_at=utcnow() - timedelta(days=45))
    db.session.commit()
    login_as(Role.VIEWER)
    columns = _bars(_page(client), "days")
    today = utcnow().date()
    assert {c["data-day"]: c["data-value"] for c in columns} == {
        today.isoformat(): "2", (today - timedelta(days=3)).isoformat(): "1"}


def test_names_and_titles_cannot_inject_markup(client, login_as, db):
    evil = "<script>alert(1)</script>"
    user = make_user(Role.REVIEWER)
    user.display_name = evil
    claim = make_claim(make_document(title=evil))
    claim.attribution.speaker = evil
    _work(user, "claim.correct")
    db.session.commit()
    login_as(Role.VIEWER)
    html = _page(client)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_takes_a_handful_of_queries(client, login_as, db, app):
    users = [make_user(Role.REVIEWER) for _ in range(5)]
    for user in users:
        _work(user, "claim.link_source", 2)
        _verdict(user, "half-true", VerdictStatus.PUBLISHED)
    db.session.commit()
    login_as(Role.VIEWER)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa.event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        _page(client)
    finally:
        sa.event.remove(_db.engine, "before_cursor_execute", listener)
    assert len(statements) <= 6  # the signed-in user, four charts, a little slack


@pytest.mark.parametrize("maximum, ticks", [
    (0, (0, 1)), (1, (0, 1)), (3, (0, 1, 2, 3)), (7, (0, 2, 4, 6, 8)),
    (10, (0, 2, 4, 6, 8, 10)), (47, (0, 10, 20, 30, 40, 50)), (83, (0, 20, 40, 60, 80, 100)),
    (180, (0, 50, 100, 150, 200)), (12_345, (0, 5_000, 10_000, 15_000)),
])
def test_axis_ticks_are_round_numbers(maximum, ticks):
    assert nice_ticks(maximum) == ticks
