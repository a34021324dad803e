"""Data model guarantees: public ids, optimistic locking, cascades, audit entries."""
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from factcheck import audit
from factcheck.models import (
    AuditAction,
    AuditEntry,
    Claim,
    ClaimStatus,
    Figure,
    Rating,
    Role,
    Source,
)
from tests.factories import make_claim, make_user


def test_claims_get_distinct_public_ids_unrelated_to_row_ids(db):
    claims = [make_claim() for _ in range(3)]
    ids = {c.public_id for c in claims}
    assert len(ids) == 3 and all(len(i) >= 12 for i in ids)
    assert all(c.public_id != str(c.id) for c in claims)


def test_stale_claim_update_is_refused(app, db):
    claim = make_claim()
    db.session.commit()
    assert claim.version == 1
    with db.engine.connect() as other:  # a second reviewer saves first
        other.execute(sa.update(Claim).where(Claim.id == claim.id)
                      .values(normalized_text="autre", version=2))
        other.commit()
    claim.normalized_text = "mine"
    with pytest.raises(StaleDataError):
        db.session.commit()


def test_version_increases_on_each_save(db):
    claim = make_claim()
    db.session.commit()
    claim.status = ClaimStatus.IN_REVIEW
    db.session.commit()
    assert claim.version == 2


def test_deleting_a_document_removes_its_claims_and_figures(db):
    claim = make_claim()
    db.session.commit()
    db.session.delete(claim.document)
    db.session.commit()
    assert db.session.query(Claim).count() == 0 and db.session.query(Figure).count() == 0


def test_source_urls_are_unique(db):
    db.session.add_all([Source(url="https://a.example/x"), Source(url="https://a.example/x")])
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_audit_keeps_only_changed_fields(db):
    user = make_user(Role.EDITOR)
    claim = make_claim()
    before = audit.snapshot(claim, ["status", "normalized_text", "checkworthiness"])
    claim.status = ClaimStatus.IN_REVIEW
    after = audit.snapshot(claim, ["status", "normalized_text", "checkworthiness"])
    entry = audit.record(user, AuditAction.CLAIM_CORRECT, claim, before, after)
    db.session.commit()
    stored = db.session.get(AuditEntry, entry.id)
    assert stored.before == {"status": "new"} and stored.after == {"status": "in_review"}
    assert stored.actor == user and stored.target_type == "claims"


def test_default_rating_scale_has_both_languages_and_colours(db):
    ratings = db.session.scalars(sa.select(Rating).order_by(Rating.position)).all()
    assert [r.key for r in ratings][:5] == ["true", "mostly-true", "half-true",
                                            "mostly-false", "false"]
    assert {"misleading", "unverifiable"} <= {r.key for r in ratings}
    assert all(r.label_fr and r.label_en and r.color.startswith("#") for r in ratings)
    assert ratings[4].label("fr") == "Faux" and ratings[4].label("en") == "False"
