"""The tallies the database keeps (migration 0012) agree with the rows they count, through
inserts, changes, deletions and folds, on both engines."""
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from factcheck import tallies
from factcheck.models import (
    Claim,
    ClaimStatus,
    ClaimTally,
    Verdict,
    VerdictStatus,
    VerdictTally,
)
from tests.factories import make_claim, make_user, rating


def _counted(db, language="", figure=None) -> dict:
    query = sa.select(Claim.status, sa.func.count()).group_by(Claim.status)
    if language:
        query = query.where(Claim.language == language)
    if figure is not None:
        query = query.where(Claim.has_figure.is_(figure))
    counts = dict.fromkeys(ClaimStatus, 0)
    counts.update(dict(db.session.execute(query).all()))
    return counts

def _busy_desk(db) -> list[Claim]:
    claims = [make_claim(language=lang, has_figure=i % 2 == 0)
              for i, lang in enumerate(["fr", "fr", "en", "fr", "en", "de"])]
    db.session.commit()
    claims[0].status = ClaimStatus.IN_REVIEW
    claims[1].status = ClaimStatus.DISMISSED
    claims[2].language = "fr"
    claims[3].has_figure = False
    claims[4].checkworthiness = 0.1  # not counted: no tally row
    db.session.commit()
    db.session.delete(claims[5])
    db.session.commit()
    return claims

def test_claim_tallies_follow_inserts_changes_and_deletions(db):
    _busy_desk(db)
    assert tallies.claims_per_status() == _counted(db)
    assert tallies.claims_per_status("fr") == _counted(db, "fr")
    assert tallies.claims_per_status("en", "figure") == _counted(db, "en", True)
    assert tallies.claims_per_status()[ClaimStatus.DISMISSED] == 1
    assert tallies.claims_per_status("de") == dict.fromkeys(ClaimStatus, 0)

def test_a_change_of_an_uncounted_column_adds_no_row(db):
    claim = make_claim()
    db.session.commit()
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(ClaimTally))
    claim.checkworthiness = 0.2
    claim.normalized_text = "Un autre libellé"
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClaimTally)) == rows

def test_claims_per_day_counts_each_creation_day(db):
    today = date.today()
    for days_ago in (0, 0, 3, 40):
        make_claim(created_at=datetime.combine(today - timedelta(days=days_ago),
                                               datetime.min.time()) + timedelta(hours=13))
    db.session.commit()
    counts = tallies.claims_per_day(today - timedelta(days=10))
    assert counts == {today: 2, today - timedelta(days=3): 1}

def test_verdict_tallies_follow_publication_and_supersession(db):
    author = make_user()
    claim = make_claim(status=ClaimStatus.PUBLISHED)
    first = Verdict(claim=claim, rating=rating("false"), status=VerdictStatus.PUBLISHED,
                    rationale_md="Faux.", author=author)
    db.session.add(first)
    db.session.commit()
    first.status = VerdictStatus.SUPERSEDED
    db.session.add(Verdict(claim=claim, rating=rating("misleading"), rationale_md="Trompeur.",
                           status=VerdictStatus.PUBLISHED, author=author))
    db.session.commit()
    assert tallies.verdicts_per_rating(VerdictStatus.PUBLISHED) == {rating("misleading").id: 1}
    assert tallies.verdicts_per_rating(VerdictStatus.SUPERSEDED) == {rating("false").id: 1}

def test_a_fold_keeps_every_count_in_fewer_rows(db):
    _busy_desk(db)
    before = tallies.claims_per_status()
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(ClaimTally))
    left = tallies.fold(ClaimTally)
    db.session.rollback()  # a new snapshot: the fold ran in its own transaction
    assert left is not None and left < rows
    assert tallies.claims_per_status() == before == _counted(db)
    assert tallies.fold(ClaimTally) == left  # nothing more to fold
    assert tallies.fold(VerdictTally) == 0

def test_reading_a_grown_tally_folds_it(db, monkeypatch):
    monkeypatch.setattr(tallies, "FOLD_AT", 3)
    monkeypatch.setattr(tallies, "_left", {})
    _busy_desk(db)
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(ClaimTally))
    counts = tallies.claims_per_status()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClaimTally)) < rows
    assert tallies.claims_per_status() == counts == _counted(db)
