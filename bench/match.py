"""Claim matching at scale: seed N claims, time matching a new 30-claim document against them.

Usage: python bench/match.py [--database URL] [--claims 100000] [--documents 15]

--database: a SQLite file URL (default: a temporary file) or a PostgreSQL server URL; on
PostgreSQL a scratch database named after the URL's is created beside it and dropped at the
end. Seeding computes every claim's real signature (the matcher's own code) and stores it with
its index terms; the index is built after the rows are in, and its build time is printed.

Each new document holds 30 claims written like the seeded ones (a third repeat a seeded claim,
a few restate its figure with another number); matching it means signing each claim, asking
the full-text index for candidates and comparing them, as ingest does. Printed: the median and
95th percentile per document, the same as a ratio to a baseline measured in the same run (30
primary-key reads of claims), and last, ``match: claims=N median_ms=X p95_ms=Y``.
Targets: median under 200 ms at 100,000 claims on SQLite, under 100 ms at 1,000,000 on
PostgreSQL.
"""
import argparse
import json
import os
import random
import statistics
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "bench")

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from scratch import scratch_database  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.config import engine_options  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from factcheck.tracking.index import matches_for_many  # noqa: E402
from factcheck.tracking.matching import index_terms, signature  # noqa: E402

CLAIMS_PER_DOCUMENT = 30
CHUNK = 5000

# Sentences are drawn from the matcher's own lexicon (about 1,200 concepts in French and
# English), with invented place and company names, so that the index sees a news-like spread
# of words: a few very common (countries, years), most rare.
LEXICON = Path(__file__).resolve().parent.parent / "factcheck/tracking/matching/patterns" \
    / "concepts.jsonl"
SYLLABLES = ["ba", "ko", "ri", "tan", "vel", "mo", "sa", "lin", "dor", "ek", "lu", "par", "ni",
             "gor", "ta", "zen", "vi", "bru", "ca", "ro", "mi", "sel", "ha", "fon"]
SPEAKERS = [("selon le ministère", "the ministry said"),
            ("a déclaré le gouvernement", "the government said"),
            ("selon l'agence nationale", "according to the agency"),
            ("a affirmé le porte-parole", "a spokesman said"),
            ("selon un rapport", "a report said")]


def vocabulary() -> dict[str, list[tuple[str, str]]]:
    """(French, English) forms of the lexicon's concepts, by kind."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("fr") and row.get("en"):
            out.setdefault(row["kind"], []).append((row["fr"][0], row["en"][0]))
    return out


VOCABULARY = vocabulary()
_NAMES_RNG = random.Random(3)
NAMES = sorted({"".join(_NAMES_RNG.choice(SYLLABLES) for _ in range(_NAMES_RNG.randint(2, 4)))
                .capitalize() for _ in range(40_000)})


def sentence(rng: random.Random, lang: str) -> str:
    """One claim sentence: a figure of a counted thing, a place, a name, a year, a speaker."""
    i = 0 if lang == "fr" else 1
    pick = lambda kind: rng.choice(VOCABULARY[kind])[i]  # noqa: E731
    place, name, year = pick("entity"), rng.choice(NAMES), rng.randint(1995, 2026)
    n = rng.choice([1, 2, 3, 5, 8, 12, 15, 25, 40, 75]) * rng.choice([10, 100, 1000, 10000])
    num = f"{n:,}".replace(",", " " if i == 0 else ",")
    thing, event, extra = pick("thing"), pick("event"), pick("thing")
    quality, month = pick("quality"), rng.choice(VOCABULARY["time"][-19:-7])[i]
    speaker = rng.choice(SPEAKERS)[i]
    if i == 0:
        body = (f"En {month} {year}, {num} {thing} {quality}s ({event}) à {name}, "
                f"{place}, pour le secteur {extra}")
    else:
        body = (f"In {month} {year}, {num} {quality} {thing} ({event}) in {name}, "
                f"{place}, for the {extra} sector")
    return f"{body}, {speaker}."


def _sign(item: tuple[int, str, str]) -> tuple[int, str, str, dict]:
    claim_id, text, lang = item
    sig = signature(text, lang)
    return claim_id, sig.fingerprint, " ".join(index_terms(sig)), sig.to_dict()


def seed(n_claims: int, pool: Pool) -> list[tuple[str, str]]:
    """Insert documents, claims and signatures; returns the (text, lang) of each claim."""
    rng = random.Random(11)
    n_docs = max(1, -(-n_claims // CLAIMS_PER_DOCUMENT))
    now = "2026-11-01 12:00:00"
    conn = db.session.connection()
    conn.execute(sa.text(
        "INSERT INTO documents (id, title, text, content_hash, language, extraction_status, "
        "created_at, updated_at) VALUES (:id, :title, 'x', :hash, 'fr', 'done', :t, :t)"),
        [{"id": d, "title": f"Article {d}", "hash": f"{d:064x}", "t": now}
         for d in range(1, n_docs + 1)])
    texts = []
    for start in range(1, n_claims + 1, CHUNK):
        items = []
        for i in range(start, min(n_claims, start + CHUNK - 1) + 1):
            lang = "fr" if rng.random() < 0.6 else "en"
            items.append((i, sentence(rng, lang), lang))
        texts += [(t, lg) for _, t, lg in items]
        conn.execute(sa.text(
            "INSERT INTO claims (id, public_id, document_id, sentence, start_char, end_char, "
            "has_figure, has_attribution, language, checkworthiness, status, version, "
            "created_at, updated_at) VALUES (:id, :pid, :doc, :text, 0, 10, true, true, "
            ":lang, 0.5, 'new', 1, :t, :t)"),
            [{"id": i, "pid": f"b{i:011d}", "doc": 1 + (i - 1) // CLAIMS_PER_DOCUMENT,
              "text": t, "lang": lg, "t": now} for i, t, lg in items])
        rows = pool.map(_sign, items, chunksize=250)
        conn.execute(sa.text(
            "INSERT INTO claim_signatures (claim_id, fingerprint, terms, data) "
            "VALUES (:id, :fp, :terms, :data)"),
            [{"id": i, "fp": fp, "terms": terms, "data": json.dumps(data)}
             for i, fp, terms, data in rows])
    db.session.commit()
    return texts


def drop_index(dialect: str) -> None:
    """Take the index away before seeding, so that its build can be timed alone."""
    if dialect == "sqlite":
        db.session.execute(sa.text("DROP TRIGGER claim_signatures_ai"))
    else:
        db.session.execute(sa.text("DROP INDEX ix_claim_signatures_terms"))
    db.session.commit()


def build_index(dialect: str) -> float:
    """Build the full-text index over the seeded rows; seconds taken."""
    start = time.perf_counter()
    if dialect == "sqlite":
        db.session.execute(sa.text(
            "INSERT INTO claim_terms_fts(claim_terms_fts) VALUES ('rebuild')"))
        db.session.execute(sa.text(
            "CREATE TRIGGER claim_signatures_ai AFTER INSERT ON claim_signatures BEGIN "
            "INSERT INTO claim_terms_fts(rowid, terms) VALUES (new.claim_id, new.terms); END"))
    else:
        db.session.execute(sa.text(
            "CREATE INDEX ix_claim_signatures_terms ON claim_signatures USING gin (terms_tsv)"))
    db.session.commit()
    if dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE claim_signatures")
            conn.exec_driver_sql("VACUUM ANALYZE claims")
    return time.perf_counter() - start


def new_document(rng: random.Random, seeded: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """30 claims: a third repeat seeded ones (some in the other language or with another
    number), the rest new."""
    claims = []
    for k in range(CLAIMS_PER_DOCUMENT):
        if k % 3 == 0:
            text, lang = rng.choice(seeded)
            if k % 2:  # the same claim, restated with the figure hedged
                text = text.replace(", ", ", environ " if lang == "fr" else ", about ", 1)
            claims.append((text, lang))
        else:
            lang = "fr" if rng.random() < 0.6 else "en"
            claims.append((sentence(rng, lang), lang))
    return claims


def match_document(claims: list[tuple[str, str]]) -> int:
    """What ingest does to find a new document's matches; returns how many were found."""
    sigs = [signature(text, lang) for text, lang in claims]
    return sum(len(m) for m in matches_for_many(sigs, exclude_document_id=0))


def baseline(rng: random.Random, n_claims: int) -> float:
    """Milliseconds for 30 primary-key reads of claims (the same database, the same run)."""
    start = time.perf_counter()
    for _ in range(CLAIMS_PER_DOCUMENT):
        db.session.execute(sa.text("SELECT sentence FROM claims WHERE id = :i"),
                           {"i": rng.randint(1, n_claims)}).all()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Seed, build the index, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=None, help="SQLite or PostgreSQL URL")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=15)
    parser.add_argument("--keep", action="store_true",
                        help="keep the PostgreSQL scratch database (its name is printed)")
    args = parser.parse_args()
    with scratch_database(args.database, "match.db", args.keep) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                          "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url)})
        with app.app_context(), Pool(os.cpu_count() or 1) as pool:
            dialect = db.engine.dialect.name
            upgrade()
            drop_index(dialect)
            start = time.perf_counter()
            seeded = seed(args.claims, pool)
            print(f"seeded {args.claims:,} claims with signatures in "
                  f"{time.perf_counter() - start:.1f} s ({dialect})")
            build = build_index(dialect)
            print(f"index build: {build:.1f} s")
            rng = random.Random(5)
            documents = [new_document(rng, seeded) for _ in range(args.documents + 2)]
            match_document(documents.pop())  # warm-up: caches, lexicon, statement plans
            found, samples, bases = 0, [], []
            for claims in documents:
                bases.append(baseline(rng, args.claims))
                start = time.perf_counter()
                found += match_document(claims)
                samples.append((time.perf_counter() - start) * 1000)
            samples.sort()
            median = statistics.median(samples)
            p95 = samples[max(0, int(round(len(samples) * 0.95)) - 1)]
            base = statistics.median(bases)
            print(f"baseline (30 primary-key reads): median {base:.1f} ms")
            print(f"matching a 30-claim document: median {median:.1f} ms "
                  f"({median / base:.1f}x baseline), p95 {p95:.1f} ms, "
                  f"{found / len(samples):.1f} matches per document")
            db.session.remove()
            db.engine.dispose()
    print(f"match: claims={args.claims} median_ms={median:.1f} p95_ms={p95:.1f}")


if __name__ == "__main__":
    main()
