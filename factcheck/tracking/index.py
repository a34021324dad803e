"""Candidates for a new claim, from the database's own full-text index of claim terms.

Each claim's signature is stored with its terms (``tracking.matching.index_terms``) in
``claim_signatures``; SQLite indexes them with FTS5, PostgreSQL with a GIN index on
``to_tsvector('simple', terms)`` (migration 0007). A search asks for claims sharing at least
two of the new claim's most telling terms, best ranked first, and never scans the table.
"""
from __future__ import annotations

from itertools import combinations
from typing import Optional

import sqlalchemy as sa

from ..extensions import db
from ..models import Claim, ClaimSignature
from .matching import Signature, index_terms, query_terms

CANDIDATES = 20


def store_signature(claim: Claim, sig: Signature) -> ClaimSignature:
    """Attach (or replace) the claim's signature and index terms; flushes."""
    terms = " ".join(index_terms(sig))
    row = claim.signature
    if row is None:
        row = ClaimSignature(claim=claim, fingerprint=sig.fingerprint, terms=terms,
                             data=sig.to_dict())
        db.session.add(row)
    else:
        row.fingerprint, row.terms, row.data = sig.fingerprint, terms, sig.to_dict()
    db.session.flush()
    return row


def candidates(sig: Signature, *, exclude_document_id: Optional[int] = None,
               limit: int = CANDIDATES) -> list[tuple[int, Signature]]:
    """(claim id, signature) of the stored claims most likely to match ``sig``, best first."""
    terms = query_terms(sig)
    if not terms:
        return []
    if db.engine.dialect.name == "postgresql":
        ids = _postgres_ids(terms, exclude_document_id, limit)
    else:
        ids = _sqlite_ids(terms, exclude_document_id, limit)
    if not ids:
        return []
    rows = db.session.execute(
        sa.select(ClaimSignature.claim_id, ClaimSignature.data)
        .where(ClaimSignature.claim_id.in_(ids))).all()
    found = {claim_id: Signature.from_dict(data) for claim_id, data in rows}
    return [(i, found[i]) for i in ids if i in found]


def _pairs(terms: list[str]) -> list[tuple[str, str]]:
    """Every two terms (a single term when there is only one)."""
    return list(combinations(terms, 2)) if len(terms) > 1 else [(terms[0], terms[0])]


def _sqlite_ids(terms: list[str], exclude_document_id: Optional[int], limit: int) -> list[int]:
    query = " OR ".join(f'("{a}" AND "{b}")' for a, b in _pairs(terms))
    sql = ("SELECT f.rowid FROM claim_terms_fts f JOIN claims c ON c.id = f.rowid "
           "WHERE claim_terms_fts MATCH :q AND (:doc IS NULL OR c.document_id != :doc) "
           "ORDER BY bm25(claim_terms_fts) LIMIT :n")
    rows = db.session.execute(sa.text(sql), {"q": query, "doc": exclude_document_id,
                                             "n": limit})
    return [r[0] for r in rows]


def _postgres_ids(terms: list[str], exclude_document_id: Optional[int],
                  limit: int) -> list[int]:
    query = " | ".join(f"({a} & {b})" for a, b in _pairs(terms))
    sql = ("SELECT s.claim_id FROM claim_signatures s JOIN claims c ON c.id = s.claim_id "
           "WHERE to_tsvector('simple', s.terms) @@ to_tsquery('simple', :q) "
           "AND (CAST(:doc AS INTEGER) IS NULL OR c.document_id != :doc) "
           "ORDER BY ts_rank(to_tsvector('simple', s.terms), to_tsquery('simple', :q)) DESC "
           "LIMIT :n")
    rows = db.session.execute(sa.text(sql), {"q": query, "doc": exclude_document_id,
                                             "n": limit})
    return [r[0] for r in rows]
