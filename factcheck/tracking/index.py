"""Candidates for a new claim, from the database's own full-text index of claim terms.

Each claim's signature is stored with its terms (``tracking.matching.index_terms``) in
``claim_signatures``; SQLite indexes them with FTS5, PostgreSQL with a GIN index on the
generated column ``terms_tsv = to_tsvector('simple', terms)`` (migration 0007).

A search never scans the table, and its cost is bounded: it asks for claims holding any of the
new claim's rarest terms, adding terms rarest first while the claims they could bring back stay
within ROW_BUDGET (document counts from the engine's own statistics), and ranks them by how
many rare terms they share. A claim made only of common terms asks for claims holding its two
rarest together.
"""
from __future__ import annotations

import time
from typing import Optional

import sqlalchemy as sa

from ..extensions import db
from ..models import Claim, ClaimSignature
from .matching import MatchResult, Signature, compare, index_terms

CANDIDATES = 20
SAME_DOCUMENT_SLACK = 10  # extra rows asked for, in case some are the new claim's document
MAX_TERMS = 8
ROW_BUDGET = 400  # claims a search may have to rank, at most (by the engine's counts)
FREQUENCY_FLOOR = 20  # terms in fewer claims than this count as rare, uncounted
FREQUENCY_TTL = 300.0  # seconds a process keeps the term counts
_frequencies: dict[str, tuple[float, tuple[dict[str, int], int]]] = {}


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
    """(claim id, signature) of the stored claims most likely to match ``sig``, best first.

    The index is asked for a few more than ``limit`` and claims of ``exclude_document_id``
    are dropped afterwards, when their signatures are read by primary key: a join in the
    search itself would make the engine read the whole claims table.
    """
    query = search_query(index_terms(sig), *term_frequencies())
    if query is None:
        return []
    postgres = db.engine.dialect.name == "postgresql"
    extra = SAME_DOCUMENT_SLACK if exclude_document_id is not None else 0
    ids = (_postgres_ids if postgres else _sqlite_ids)(query, limit + extra)
    if not ids:
        return []
    rows = db.session.execute(
        sa.select(ClaimSignature.claim_id, ClaimSignature.data, Claim.document_id)
        .join(Claim, Claim.id == ClaimSignature.claim_id)
        .where(ClaimSignature.claim_id.in_(ids))).all()
    found = {claim_id: Signature.from_dict(data) for claim_id, data, document_id in rows
             if exclude_document_id is None or document_id != exclude_document_id}
    return [(i, found[i]) for i in ids if i in found][:limit]


def matches_for(sig: Signature, *, exclude_document_id: Optional[int] = None,
                limit: int = CANDIDATES) -> list[tuple[int, MatchResult]]:
    """Stored claims that are the same claim as ``sig`` or conflict with it, best first."""
    found = [(claim_id, compare(sig, other))
             for claim_id, other in candidates(sig, exclude_document_id=exclude_document_id,
                                               limit=limit)]
    found = [(claim_id, r) for claim_id, r in found if r.relation != "different"]
    return sorted(found, key=lambda item: -item[1].score)


def search_query(terms: list[str], counts: dict[str, int],
                 unknown: int = 0) -> Optional[tuple[str, list[str]]]:
    """("any" or "all", terms) to search with: the rarest terms within the row budget.

    ``counts``: claims holding each counted term; ``unknown``: at most how many hold a term
    the statistics do not list.
    """
    if not terms:
        return None
    ranked = sorted(terms, key=lambda t: (counts.get(t, unknown), t))
    chosen, rows = [], 0
    for term in ranked[:MAX_TERMS]:
        n = counts.get(term, unknown)
        if chosen and rows + n > ROW_BUDGET:
            break
        chosen.append(term)
        rows += n
    if rows > ROW_BUDGET and len(ranked) > 1:
        return "all", ranked[:2]
    return "any", chosen


def term_frequencies() -> tuple[dict[str, int], int]:
    """How many claims hold each common term, and at most how many hold any other term.

    From the engine's own statistics: SQLite's FTS5 vocabulary table (exact counts of the terms
    in FREQUENCY_FLOOR claims or more); PostgreSQL's most common elements of ``terms_tsv``
    (kept by ANALYZE; a term it does not list is no more frequent than the least frequent it
    lists) times the table's row estimate. Read at most every FREQUENCY_TTL seconds per process
    and database.
    """
    key = str(db.engine.url)
    now = time.monotonic()
    cached = _frequencies.get(key)
    if cached and now - cached[0] < FREQUENCY_TTL:
        return cached[1]
    if db.engine.dialect.name == "postgresql":
        row = db.session.execute(sa.text(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
            "WHERE s.tablename = 'claim_signatures' AND s.attname = 'terms_tsv'")).first()
        found: tuple[dict[str, int], int] = ({}, 0)
        if row and row[0] and row[2] > 0:
            terms, freqs = row[0], row[1]  # freqs: one per term, then min, max, null share
            found = ({t: int(f * row[2]) for t, f in zip(terms, freqs, strict=False)},
                     int(freqs[len(terms)] * row[2]))
    else:
        found = (dict(db.session.execute(sa.text(
            "SELECT term, doc FROM claim_terms_vocab WHERE doc >= :n"),
            {"n": FREQUENCY_FLOOR}).all()), FREQUENCY_FLOOR - 1)
    _frequencies[key] = (now, found)
    return found


def _sqlite_ids(query: tuple[str, list[str]], limit: int) -> list[int]:
    mode, terms = query
    match = (" AND " if mode == "all" else " OR ").join(f'"{t}"' for t in terms)
    sql = ("SELECT rowid FROM claim_terms_fts WHERE claim_terms_fts MATCH :q "
           "ORDER BY bm25(claim_terms_fts) LIMIT :n")
    return list(db.session.scalars(sa.text(sql), {"q": match, "n": limit}))


def _postgres_ids(query: tuple[str, list[str]], limit: int) -> list[int]:
    mode, terms = query
    match = (" & " if mode == "all" else " | ").join(terms)
    sql = ("SELECT claim_id FROM claim_signatures WHERE terms_tsv @@ to_tsquery('simple', :q) "
           "ORDER BY ts_rank(terms_tsv, to_tsquery('simple', :q)) DESC LIMIT :n")
    return list(db.session.scalars(sa.text(sql), {"q": match, "n": limit}))
