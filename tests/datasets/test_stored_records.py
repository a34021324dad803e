"""PostgreSQL keeps each claim's export record and reads it back while it is current: an
export after any change the record shows gives that change, never the stored text."""
import json

import pytest
import sqlalchemy as sa

from factcheck.datasets.queries import ExportFilters, claim_records
from factcheck.datasets.services import export_chunks
from factcheck.models import Claim, ClaimRecord, Figure, Rating, Role, Stance
from factcheck.review.services import (
    approve_and_publish,
    draft_verdict,
    find_or_add_source,
    link_source,
)
from factcheck.review.services.claims import FigureEdit, correct_claim
from tests.datasets.test_round_trip import desk  # noqa: F401  (the fixture)
from tests.factories import make_user, rating


@pytest.fixture(autouse=True)
def postgresql(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("records are stored on PostgreSQL only")


def _export() -> list[dict]:
    text = "".join(export_chunks("jsonl", ExportFilters(), "internal"))
    return [dict(json.loads(line), exported_at=None) for line in text.splitlines()]


def _python() -> list[dict]:
    return [dict(r, exported_at=None) for r in claim_records(ExportFilters(), "internal")]


def test_an_export_stores_the_records_and_reads_them_back(db, desk):  # noqa: F811
    first = _export()
    stored = dict(db.session.execute(sa.select(ClaimRecord.claim_id, ClaimRecord.rev)).all())
    revs = dict(db.session.execute(sa.select(Claim.id, Claim.record_rev)).all())
    assert len(first) == 3 and stored == revs
    # What is stored is what the next export writes (a mark put in the text shows it).
    db.session.execute(sa.text(
        "UPDATE claim_records SET line = replace(line, '\"sentence\" : \"', "
        "'\"sentence\" : \"(stored) ') WHERE claim_id = :id"), {"id": desk.id})
    db.session.commit()
    again = {r["id"]: r for r in _export()}
    assert again[desk.id]["sentence"].startswith("(stored) ")
    assert first == _python()


def _edit_source(claim):
    claim.source_links[0].source.title = "Série révisée"


def _edit_document(claim):
    claim.document.title = "Un autre titre"


def _add_figure(claim):
    claim.figures.append(Figure(text="5 000 postes", start_char=0, end_char=5, value=5000.0))


def _new_link(claim):
    reviewer = make_user(Role.REVIEWER)
    link_source(claim, find_or_add_source("https://autre.example/x", reviewer), Stance.CONTEXT,
                reviewer)


def _republish(claim):
    draft = draft_verdict(claim, rating("true"), "Nouvelle analyse.", make_user(Role.REVIEWER),
                          correction_note="nouvelle source")
    approve_and_publish(draft, make_user(Role.EDITOR))


def _correct(claim):
    correct_claim(claim, claim.version, make_user(Role.REVIEWER), wording="Autre formulation",
                  speaker="la Dares", figures=[FigureEdit("0,4 point", 0.4, "point", None)])


def _regroup(claim):
    claim.group.public_id = "renamedgroup"


def _claim_row(claim):
    claim.checkworthiness = 0.123


@pytest.mark.parametrize("change", [_edit_source, _edit_document, _add_figure, _new_link,
                                    _republish, _correct, _regroup, _claim_row])
def test_any_change_a_record_shows_is_exported(db, desk, change):  # noqa: F811
    before = _export()
    change(db.session.get(Claim, desk.id))
    db.session.commit()
    after = _export()
    assert after != before
    assert after == _python()


def test_a_rating_label_edit_reaches_every_record_that_shows_it(db, desk):  # noqa: F811
    _export()
    mostly_false = db.session.execute(
        sa.select(Rating).where(Rating.key == "mostly-false")).scalar_one()
    label = mostly_false.label_en
    try:
        mostly_false.label_en = "Largely wrong"
        db.session.commit()
        published = [r for r in _export() if r["status"] == "published"][0]
        assert published["verdict"]["rating_label_en"] == "Largely wrong"
    finally:
        mostly_false.label_en = label
        db.session.commit()


def test_a_record_built_before_its_claim_changed_is_not_taken_for_current(db, desk):  # noqa: F811
    """The export read the claim, then a colleague changed it, then the export stored what
    it had built: the stored text carries the older revision and is built again."""
    _export()
    db.session.execute(sa.text("UPDATE claim_records SET rev = rev - 1, "
                               "line = replace(line, 'Série', 'Ancien') WHERE claim_id = :id"),
                       {"id": desk.id})
    db.session.commit()
    assert _export() == _python()
