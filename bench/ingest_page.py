"""Benchmark: the ingest form (/documents/new) with a 5,000-character article on a warm app.

Usage: python bench/ingest_page.py [--database URL] [--chars 5000] [--rounds 10]

A scratch database (a SQLite file, or a PostgreSQL database made beside --database's and
dropped after) is migrated; the app loads its models as `make run` and `make serve` do, before
any request; a reviewer signs in through the real form. Each round pastes a different
generated news article of about --chars characters (French, a third of its sentences claims)
through the real route, which stores the document, extracts, signs and matches its claims and
redirects to it; only the POST is timed. One round before the timed ones warms the route. The
baseline is a signed-in 404 measured in the same run.

Last line: ``ingest_page: chars=N median_ms=X p95_ms=Y x_trivial=R``. Target: median under
2,000 ms for 5,000 characters.
"""
from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from ingest import articles  # noqa: E402
from scratch import scratch_database  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.auth.services import create_user  # noqa: E402
from factcheck.config import engine_options  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from factcheck.models import Document, Role  # noqa: E402
from factcheck.preload import warm_models  # noqa: E402

PASSWORD = "bench password"


def texts(count: int, chars: int) -> list[str]:
    """``count`` different French articles of at least ``chars`` characters each (generated
    dispatches joined until long enough)."""
    pool = iter(text for _, text in articles(count * (chars // 800 + 2), "fr", seed=29))
    out = []
    while len(out) < count:
        body = ""
        while len(body) < chars:
            body += ("\n\n" if body else "") + next(pool)
        out.append(body)
    return out


def token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def signed_in(app, email: str):
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD,
                                "csrf_token": token(client, "/login")})
    return client


def paste(client, text: str) -> float:
    """Milliseconds of one POST of the ingest form (the form's GET is not timed)."""
    data = {"text": text, "language": "auto", "csrf_token": token(client, "/documents/new")}
    start = time.perf_counter()
    response = client.post("/documents/new", data=data, content_type="multipart/form-data")
    spent = (time.perf_counter() - start) * 1000
    if response.status_code != 302 or "/documents/" not in response.headers.get("Location", ""):
        raise SystemExit(f"ingest failed: {response.status_code} "
                         f"{response.get_data(as_text=True)[:500]}")
    return spent


def trivial(client, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get("/no-such-page")
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=None, help="SQLite or PostgreSQL URL")
    parser.add_argument("--chars", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    if args.chars < 200 or args.rounds < 1:
        parser.error("--chars must be at least 200 and --rounds positive")
    logging.basicConfig(level=logging.ERROR)
    corpus = texts(args.rounds + 1, args.chars)
    with scratch_database(args.database, "ingest_page.db") as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                          "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url)})
        logging.getLogger("alembic").setLevel(logging.WARNING)
        with app.app_context():
            upgrade()
            create_user("desk@bench.example", PASSWORD, Role.REVIEWER)
            db.session.commit()
        loaded = warm_models()  # what `make run` and `make serve` do before any request
        client = signed_in(app, "desk@bench.example")
        paste(client, corpus[0])  # the route's first request, not timed
        samples = sorted(paste(client, text) for text in corpus[1:])
        baseline = trivial(client, 30)
        with app.app_context():
            stored = db.session.query(Document).count()
            claims = sum(len(d.claims) for d in db.session.query(Document))
            db.session.remove()
            db.engine.dispose()
    median = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    sizes = [len(t) for t in corpus[1:]]
    print(f"models loaded before the first request in {loaded:.1f} s; {stored} documents, "
          f"{claims} claims stored; texts of {min(sizes):,} to {max(sizes):,} characters")
    print(f"ingest form POST: median {median:.0f} ms, p95 {p95:.0f} ms, "
          f"max {samples[-1]:.0f} ms over {len(samples)} rounds; "
          f"trivial page (signed-in 404) {baseline:.1f} ms")
    print(f"target (median under 2000 ms): {'met' if median < 2000 else 'missed'}")
    print(f"ingest_page: chars={args.chars} median_ms={median:.0f} p95_ms={p95:.0f} "
          f"x_trivial={median / baseline:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
