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

import json
import time
from functools import lru_cache
from typing import Optional

import sqlalchemy as sa

from ..extensions import db
from ..models import Claim, ClaimSignature
from .matching import MatchResult, Signature, compare, index_terms

CANDIDATES = 12
SAME_DOCUMENT_SLACK = 6  # extra rows asked for, in case some are the new claim's document
MAX_TERMS = 8
ROW_BUDGET = 400  # claims a search may have to rank, at most (by the engine's counts)
FREQUENCY_FLOOR = 20  # terms in fewer claims than this count as rare, uncounted
FREQUENCY_TTL = 300.0  # seconds a process keeps the term counts
PARSED_SIGNATURES = 10_000  # parsed signatures a process keeps, by their stored text
_frequencies: dict[str, tuple[float, tuple[dict[str, int], int]]] = {}


def store_signature(claim: Claim, sig: Signature) -> ClaimSignature:
    """Attach (or replace) the claim's signature and index terms; flushes."""
    return store_signatures([claim], [sig])[0]


def store_signatures(claims: list[Claim], sigs: list[Signature]) -> list[ClaimSignature]:
    """``store_signature`` for many claims (flushed, with ids): one read, one flush."""
    stored = {row.claim_id: row for row in db.session.scalars(
        sa.select(ClaimSignature).where(ClaimSignature.claim_id.in_([c.id for c in claims])))}
    rows = []
    for claim, sig in zip(claims, sigs, strict=True):
        terms, row = " ".join(index_terms(sig)), stored.get(claim.id)
        if row is None:
            row = ClaimSignature(claim_id=claim.id, fingerprint=sig.fingerprint, terms=terms,
                                 data=sig.to_dict())
            db.session.add(row)
        else:
            row.fingerprint, row.terms, row.data = sig.fingerprint, terms, sig.to_dict()
        rows.append(row)
    db.session.flush()
    return rows


def candidates(sig: Signature, *, exclude_document_id: Optional[int] = None,
               limit: int = CANDIDATES) -> list[tuple[int, Signature]]:
    """(claim id, signature) of the stored claims most likely to match ``sig``, best first."""
    return candidates_many([sig], exclude_document_id=exclude_document_id, limit=limit)[0]


def candidates_many(sigs: list[Signature], *, exclude_document_id: Optional[int] = None,
                    limit: int = CANDIDATES) -> list[list[tuple[int, Signature]]]:
    """``candidates`` for each of several claims (a new document's), in that order."""
    return candidates_before(sigs, [None] * len(sigs), [exclude_document_id] * len(sigs),
                             limit=limit)


def candidates_before(sigs: list[Signature], befores: list[Optional[int]],
                      documents: list[Optional[int]], *, limit: int = CANDIDATES
                      ) -> list[list[tuple[int, Signature]]]:
    """For each signature, the likeliest matches among the claims whose id is below its
    ``before`` (None: any) and that are not in its document (None: any), best first.

    A batch of new claims, indexed together, is searched with each claim's ``before`` set to
    the first id of its document: it meets the claims stored before its document, the earlier
    documents of its batch included, and each pair is compared once. The id bound is part of
    the index search, before the cut; the document is checked after it (a join there would
    make the engine read the claims table), with a few rows to spare. On PostgreSQL one
    statement searches for all the claims (planning a full-text query costs more than running
    it); SQLite, in process, is asked once per claim.
    """
    counts = term_frequencies()
    terms = [index_terms(sig) for sig in sigs]
    asked = [(i, q) for i, q in enumerate(search_query(t, *counts) for t in terms) if q]
    out: list[list[int]] = [[] for _ in sigs]
    if not asked:
        return [[] for _ in sigs]
    n = limit + (SAME_DOCUMENT_SLACK if any(d is not None for d in documents) else 0)
    if db.engine.dialect.name == "postgresql":
        _no_jit()
        rows = db.session.execute(sa.text(_POSTGRES_MANY), {
            "ids": [i for i, _ in asked], "queries": [_tsquery(q) for _, q in asked],
            "ranks": [" | ".join(rank_terms(terms[i], *counts)) for i, _ in asked],
            "befores": [_bound(befores[i], NO_BOUND_PG) for i, _ in asked],
            "n": n}).all()
    else:
        rows = [(i, *row) for i, q in asked
                for row in _sqlite_rows(q, n, _bound(befores[i], NO_BOUND_SQLITE))]
    kept = []
    for i, claim_id, document_id in rows:
        if (documents[i] is None or document_id != documents[i]) and len(out[i]) < limit:
            out[i].append(claim_id)
            kept.append(claim_id)
    read = _signatures(set(kept))  # a claim found by several searches is read once
    return [[(claim_id, read[claim_id]) for claim_id in ids] for ids in out]


def _signatures(claim_ids: set[int]) -> dict[int, Signature]:
    """The stored signatures of these claims, parsed (read as text: a signature met again,
    as a claim of a bulk load is by the many that follow, is not parsed again)."""
    found: dict[int, Signature] = {}
    ids = sorted(claim_ids)
    for k in range(0, len(ids), SIGNATURE_CHUNK):
        rows = db.session.execute(
            sa.select(ClaimSignature.claim_id, sa.cast(ClaimSignature.data, sa.Text))
            .where(ClaimSignature.claim_id.in_(ids[k:k + SIGNATURE_CHUNK])))
        found.update((claim_id, _parsed(data)) for claim_id, data in rows)
    return found


@lru_cache(maxsize=PARSED_SIGNATURES)
def _parsed(data: str) -> Signature:
    """A stored signature's JSON text, parsed (signatures are immutable: the text is the key)."""
    return Signature.from_dict(json.loads(data))


SIGNATURE_CHUNK = 5000


NO_BOUND_PG = 2**31 - 1  # claims.id is an integer column
NO_BOUND_SQLITE = 2**63 - 1


def _bound(before: Optional[int], none: int) -> int:
    return none if before is None else before


def _tsquery(query: tuple[str, list[str]]) -> str:
    mode, terms = query
    return (" & " if mode == "all" else " | ").join(terms)


_POSTGRES_MANY = (
    "SELECT v.i, hit.claim_id, c.document_id "
    "FROM unnest(CAST(:ids AS integer[]), CAST(:queries AS text[]), CAST(:ranks AS text[]), "
    "CAST(:befores AS integer[])) AS v(i, q, r, b) "
    "CROSS JOIN LATERAL (SELECT claim_id, ts_rank(terms_tsv, to_tsquery('simple', v.r)) AS rank "
    " FROM claim_signatures WHERE terms_tsv @@ to_tsquery('simple', v.q) AND claim_id < v.b "
    " ORDER BY rank DESC LIMIT :n) hit "
    "JOIN claims c ON c.id = hit.claim_id ORDER BY v.i, hit.rank DESC")


def _no_jit() -> None:
    """PostgreSQL would compile these short searches (their cost estimate is high) for longer
    than they take to run: no JIT for the rest of this transaction."""
    db.session.execute(sa.text("SET LOCAL jit = off"))


def matches_for(sig: Signature, *, exclude_document_id: Optional[int] = None
                ) -> list[tuple[int, MatchResult]]:
    """Stored claims that are the same claim as ``sig`` or conflict with it, best first."""
    return matches_for_many([sig], exclude_document_id=exclude_document_id)[0]


def matches_for_many(sigs: list[Signature], *, exclude_document_id: Optional[int] = None
                     ) -> list[list[tuple[int, MatchResult]]]:
    """``matches_for`` of each of a new document's claims, searched together."""
    found = candidates_many(sigs, exclude_document_id=exclude_document_id)
    return [_related(sig, cands) for sig, cands in zip(sigs, found, strict=True)]


def _related(sig: Signature, cands: list[tuple[int, Signature]]) -> list[tuple[int, MatchResult]]:
    found = [(claim_id, compare(sig, other)) for claim_id, other in cands]
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


def rank_terms(terms: list[str], counts: dict[str, int], unknown: int = 0) -> list[str]:
    """The terms candidates are ranked by on PostgreSQL: the claim's MAX_TERMS rarest.

    The search itself asks for the rarest alone; among the claims it brings back, those
    sharing more of the claim's other terms come first (a name shared by 40 claims is not
    enough to tell the one repeat among them).
    """
    return sorted(terms, key=lambda t: (counts.get(t, unknown), t))[:MAX_TERMS]


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


STALE_ROWS = 200
STALE_SHARE = 0.2
_rows: dict[str, int] = {}  # index rows when the statistics were last renewed, by database


def refresh_statistics(added: int) -> bool:
    """After ``added`` claims were indexed by a bulk load (``flask ingest``), renew the
    statistics the searches are bounded by, when the load is large next to the table they were
    read from; returns whether it did.

    PostgreSQL's statistics come from ANALYZE, which autovacuum runs only now and then: on a
    table that grew from nothing, every term would look rare and each search would rank
    thousands of rows. SQLite's FTS5 vocabulary is always current; only the cache is dropped.
    """
    key = str(db.engine.url)
    if added <= STALE_ROWS + STALE_SHARE * _rows.get(key, 0):
        return False
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE claim_signatures"))
        # New index entries wait in the GIN index's pending list, which every search reads
        # through; autovacuum empties it now and then, a bulk load sooner.
        db.session.execute(sa.text("SELECT gin_clean_pending_list('ix_claim_signatures_terms')"))
    _frequencies.pop(key, None)
    _rows[key] = db.session.scalar(sa.select(sa.func.count()).select_from(ClaimSignature))
    return True


_SQLITE_SEARCH = (
    "SELECT hit.id, c.document_id FROM "
    "(SELECT rowid AS id, bm25(claim_terms_fts) AS rank FROM claim_terms_fts "
    " WHERE claim_terms_fts MATCH ? AND rowid < ? ORDER BY rank LIMIT ?) hit "
    "JOIN claims c ON c.id = hit.id ORDER BY hit.rank")


def _sqlite_rows(query: tuple[str, list[str]], limit: int, before: int) -> list[tuple]:
    """One claim's search. Straight to the driver, on the session's connection (so inside its
    transaction): a bulk load asks once per claim, and the statement never changes."""
    mode, terms = query
    match = (" AND " if mode == "all" else " OR ").join(f'"{t}"' for t in terms)
    cursor = db.session.connection().connection.cursor()
    try:
        return cursor.execute(_SQLITE_SEARCH, (match, before, limit)).fetchall()
    finally:
        cursor.close()
