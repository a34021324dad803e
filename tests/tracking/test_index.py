"""Candidates come from the database's own full-text index (FTS5 / PostgreSQL GIN)."""
import sqlalchemy as sa

from factcheck.models import Claim
from factcheck.tracking import index
from factcheck.tracking.matching import signature
from tests.factories import make_claim, make_document

REPEATED = "Plus de 10 000 soldats nord-coréens ont été déployés en Russie, a déclaré Séoul."
OTHERS = [
    "Le chômage a atteint 7,5 % au troisième trimestre, selon l'Insee.",
    "La Banque centrale européenne a relevé ses taux de 0,25 point, a annoncé Francfort.",
    "Les exportations de vin ont reculé de 12 % en 2023, selon la douane.",
]


def _indexed(text: str) -> Claim:
    claim = make_claim(make_document(text))
    index.store_signature(claim, signature(text, "fr"))
    return claim


def test_a_repeat_in_another_language_is_found_among_unrelated_claims(db):
    target = _indexed(REPEATED)
    for text in OTHERS:
        _indexed(text)
    sig = signature("More than 10,000 North Korean soldiers were deployed to Russia, "
                    "Seoul said.", "en")
    found = index.matches_for(sig, exclude_document_id=None)
    assert found and found[0][0] == target.id and found[0][1].relation == "same"


def test_claims_of_the_same_document_are_not_candidates(db):
    claim = _indexed(REPEATED)
    assert index.candidates(signature(REPEATED, "fr"),
                            exclude_document_id=claim.document_id) == []
    assert [i for i, _ in index.candidates(signature(REPEATED, "fr"))] == [claim.id]


def test_a_deleted_claim_leaves_the_index(db):
    claim = _indexed(REPEATED)
    db.session.delete(claim)
    db.session.flush()
    assert index.candidates(signature(REPEATED, "fr")) == []


def test_search_is_bounded_by_the_engine_counts_of_common_terms():
    counts = {"cfrance": 5000, "y2024": 3000, "cunemployment": 300, "n7p5": 40}
    mode, terms = index.search_query(["cfrance", "y2024", "cunemployment", "n7p5"], counts)
    assert mode == "any" and terms == ["n7p5", "cunemployment"]
    assert index.search_query(["cfrance", "y2024"], counts) == ("all", ["y2024", "cfrance"])
    assert index.search_query([], counts) is None
    # Terms the statistics do not list count as the least frequent listed one.
    assert index.search_query(["wkherson", "cunemployment"], counts, unknown=350) == (
        "any", ["cunemployment"])


def test_the_index_is_the_engines_own(db):
    name = db.engine.dialect.name
    if name == "sqlite":
        sql = "SELECT sql FROM sqlite_master WHERE name = 'claim_terms_fts'"
        assert "fts5" in db.session.scalar(sa.text(sql)).lower()
    else:
        sql = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_claim_signatures_terms'"
        assert "gin" in db.session.scalar(sa.text(sql)).lower()


def test_a_documents_claims_searched_together_find_what_each_search_finds(db):
    target = _indexed(REPEATED)
    for text in OTHERS:
        _indexed(text)
    sigs = [signature(REPEATED, "fr"), signature(OTHERS[0], "fr"),
            signature("Un texte sans rapport avec le reste.", "fr")]
    together = index.candidates_many(sigs, exclude_document_id=-1)
    assert together == [index.candidates(s, exclude_document_id=-1) for s in sigs]
    assert together[0][0][0] == target.id


def test_a_bulk_load_renews_the_search_statistics_and_the_searches_still_find(db, monkeypatch):
    monkeypatch.setattr(index, "_rows", {})
    target = _indexed(REPEATED)
    for text in OTHERS:
        _indexed(text)
    assert index.refresh_statistics(index.STALE_ROWS + 1)  # ANALYZE, GIN pending list emptied
    assert not index.refresh_statistics(1)  # a small load next to the table: left alone
    db.session.commit()
    sig = signature(REPEATED, "fr")
    assert [i for i, _ in index.candidates_before([sig], [None], [None])[0]][:1] == [target.id]
    assert index.candidates_before([sig], [target.id], [None]) == [[]]  # only earlier claims
