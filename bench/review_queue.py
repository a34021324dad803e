"""Queue, dashboard and /checks speed at scale: seed N claims, time pages through the app.

Usage: python bench/review_queue.py [--database URL] [--claims N] [--repeat 15] [--keep]

--database: a SQLite file URL (default: a new temporary file) or a PostgreSQL server URL (a
scratch database is created beside the one it names and dropped at the end, unless --keep).
--claims: the size to reach (default 100,000; 1,000,000 on PostgreSQL is the scaling target).
When it is larger than 10,000 the pages are timed at 10,000 first, then at every power of ten
up to N (the seeding adds claims to the same database), so the growth can be read.

Seeding is bulk: COPY on PostgreSQL, executemany on SQLite, 50 claims per document, French and
English sentences with figures, speakers for half the claims, assignees, verdicts (published
ones with the content publication freezes). The database's own triggers keep the search
indexes, as they do for the app; statistics are refreshed after each size (ANALYZE; VACUUM
ANALYZE on PostgreSQL, as autovacuum would after a bulk load).

Each page is requested ``repeat`` times after one warm-up by a reviewer signed in through the
login form, and the median and 95th percentile are printed, with each median as a ratio to a
trivial page measured in the same run (a signed-in 404, which still loads the user). The deep
page is reached as a reader reaches it, through the cursor of the "next" link (page 400).

Last line: ``queue: engine=postgresql|sqlite claims=N worst_median_ms=X worst=NAME
x_baseline=R growth=G``: the worst median at N, its page, its ratio to the trivial page and
its ratio to the worst median at 10,000 claims (1.0 when only 10,000 were measured).
Targets: every queue page under 50 ms at 1,000,000 claims on PostgreSQL and under 100 ms at
100,000 on SQLite; the dashboard and /checks under 100 ms; growth under 2x.
"""
import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "bench")

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from scratch import scratch_database  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.auth.services import create_user  # noqa: E402
from factcheck.config import engine_options  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from factcheck.keyset import cursor_of  # noqa: E402
from factcheck.models import Claim, Role  # noqa: E402
from factcheck.review.queries import PAGE_SIZE, SORT_KEYS  # noqa: E402

STATUSES = ["new"] * 6 + ["in_review"] * 2 + ["verdict_drafted", "published", "dismissed"]
SPEAKERS = ["le ministère de l'Économie", "Banque de France", "Insee", "la préfecture",
            "Mr Lee", "the agency", "Élisabeth Borne", "la mairie", "KCNA", "Séoul"]
WORDS = ["chômage", "inflation", "budget", "soldats", "élèves", "loyers", "emplois"]
CLAIMS_PER_DOCUMENT = 50
DEEP_PAGE = 400
CHUNK = 50_000
# name -> path; names are what the last line prints
PAGES = {
    "all_by_score": "/queue",
    "status_new": "/queue?status=new",
    "open_figure_fr": "/queue?status=open&kind=figure&language=fr",
    "assigned_to_me": "/queue?assignee=me",
    "search_text": "/queue?q=chomage",
    "search_speaker": "/queue?q=Banque+de+France",
    "rating_false": "/queue?rating=5",
    # A page with a search or a rating asks for its status counts once its claims are shown.
    "counts_search_text": "/queue/counts?q=chomage",
    "counts_search_speaker": "/queue/counts?q=Banque+de+France",
    "counts_rating": "/queue/counts?rating=5",
    "deep_page": None,  # filled in from the cursor (see deep_page)
    "one_document": "/queue?document=17&sort=document",
    "dashboard": "/dashboard/",
    "checks": "/checks",
    "checks_search": "/checks?q=seoul",
}
QUEUE_PAGES = {name for name, path in PAGES.items() if path is None or path.startswith("/queue")}
NOW = "2026-11-01 12:00:00"


class Seeder:
    """Adds claims (and their documents, speakers and verdicts) up to a size."""

    def __init__(self, users: list[int], dialect: str):
        self.rng = random.Random(7)
        self.users = users
        self.dialect = dialect
        self.claims = 0

    def seed_to(self, size: int) -> None:
        while self.claims < size:
            count = min(CHUNK, size - self.claims)
            self._chunk(self.claims + 1, count)
            self.claims += count
        db.session.commit()

    def _chunk(self, first: int, count: int) -> None:
        rng = self.rng
        first_doc = (first - 1) // CLAIMS_PER_DOCUMENT + 1
        last_doc = (first + count - 2) // CLAIMS_PER_DOCUMENT + 1
        documents = [(d, f"Article {d}", "x" * 400, f"{d:064x}", "fr" if d % 3 else "en",
                      "done", NOW, NOW) for d in range(first_doc, last_doc + 1)
                     if (d - 1) * CLAIMS_PER_DOCUMENT + 1 >= first]
        claims, attributions, verdicts = [], [], []
        for i in range(first, first + count):
            status = rng.choice(STATUSES)
            lang = "fr" if rng.random() < .7 else "en"
            word = rng.choice(WORDS)
            sentence = (f"Le taux de {word} a atteint {rng.randint(1, 99)},{rng.randint(0, 9)} % "
                        f"en {rng.randint(1990, 2026)}, claim {i}.")
            speaker = rng.choice(SPEAKERS) if rng.random() < .5 else None
            created = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 10:00:00"
            claims.append((i, f"p{i:011d}", (i - 1) // CLAIMS_PER_DOCUMENT + 1, sentence, 0, 10,
                           rng.random() < .7, speaker is not None, lang,
                           round(rng.random(), 4), status, rng.choice(self.users + [None] * 5),
                           1, created, created))
            if speaker:
                attributions.append((i, speaker, 0, 5, "extracted"))
            if status == "published":
                content = {"format": 1, "wording": sentence, "speaker": speaker,
                           "language": lang, "figures": [], "sources": [],
                           "appearance": {"title": "Article", "url": None, "publisher": None,
                                          "published_at": None}}
                verdicts.append((i, rng.randint(1, 7), "r", "<p>r</p>", "published",
                                 self.users[0], 1, created, created, created,
                                 json.dumps(content)))
        self._insert("documents", "id, title, text, content_hash, language, "
                     "extraction_status, created_at, updated_at", documents)
        self._insert("claims", "id, public_id, document_id, sentence, start_char, end_char, "
                     "has_figure, has_attribution, language, checkworthiness, status, "
                     "assignee_id, version, created_at, updated_at", claims)
        self._insert("attributions", "claim_id, speaker, start_char, end_char, origin",
                     attributions)
        self._insert("verdicts", "claim_id, rating_id, rationale_md, rationale_html, status, "
                     "author_id, version, created_at, updated_at, published_at, "
                     "published_content", verdicts)

    def _insert(self, table: str, columns: str, rows: list[tuple]) -> None:
        if not rows:
            return
        conn = db.session.connection()
        if self.dialect == "postgresql":
            cursor = conn.connection.cursor()
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.close()
            return
        marks = ", ".join("?" * len(columns.split(",")))
        conn.connection.cursor().executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def analyze(dialect: str) -> None:
    if dialect == "postgresql":
        db.session.commit()
        # What autovacuum does after a bulk load: statistics, and the visibility map that
        # lets index-only scans skip the table (VACUUM runs outside a transaction).
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        if db.session.execute(sa.text("SELECT count(*) FROM claims")).scalar():
            # COPY with explicit ids leaves the sequences behind: later inserts need them.
            for table in ("documents", "claims", "attributions", "verdicts"):
                db.session.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"))
    else:
        db.session.execute(sa.text("ANALYZE"))
    db.session.commit()


def deep_page() -> str:
    """The "next" link a reader follows to page DEEP_PAGE of the queue, oldest first."""
    keys = SORT_KEYS["oldest"]
    order = [c.asc() for c, _ in keys]
    boundary = db.session.scalars(sa.select(Claim).order_by(*order)
                                  .offset((DEEP_PAGE - 1) * PAGE_SIZE - 1).limit(1)).first()
    if boundary is None:
        return "/queue?sort=oldest"
    return f"/queue?sort=oldest&page={DEEP_PAGE}&after={cursor_of(boundary, keys)}"


def timed(client, path: str, repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` GETs (after one warm-up)."""
    assert client.get(path).status_code in (200, 404), path
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 404), (path, response.status_code)
    return sorted(samples)


def signed_in_client(app, email: str):
    """A test client signed in through the real form."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": email, "password": "bench password",
                                "csrf_token": token})
    return client


def measure(app, client, size: int, repeat: int) -> tuple[float, dict[str, float]]:
    """The trivial page's median and each page's median at this size (printed as a table)."""
    with app.app_context():
        paths = dict(PAGES, deep_page=deep_page())
    baseline = statistics.median(timed(client, "/no-such-page", repeat))
    print(f"\n{size:,} claims; trivial page (signed-in 404): median {baseline:.1f} ms")
    print(f"{'page':22} {'median':>6} {'p95 ms':>8} {'x trivial':>10}")
    medians = {}
    for name, path in paths.items():
        samples = timed(client, path, repeat)
        medians[name] = statistics.median(samples)
        p95 = samples[max(0, int(len(samples) * .95) - 1)]
        print(f"{name:22} {medians[name]:6.1f} {p95:8.1f} {medians[name] / baseline:10.1f}")
    return baseline, medians


def sizes(target: int) -> list[int]:
    steps, size = [], 10_000
    while size < target:
        steps.append(size)
        size *= 10
    return steps + [target]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=None, help="SQLite or PostgreSQL URL")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true",
                        help="keep the PostgreSQL scratch database (its name is printed)")
    args = parser.parse_args()
    if args.claims < 1 or args.repeat < 1:
        parser.error("--claims and --repeat must be positive")
    results = {}
    with scratch_database(args.database, "queue.db", args.keep) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                          "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url)})
        with app.app_context():
            upgrade()
            dialect = db.engine.dialect.name
            accounts = [create_user(f"r{i}@bench.example", "bench password", Role.REVIEWER)
                        for i in range(10)]
            db.session.commit()
            users = [account.id for account in accounts]
            seeder = Seeder(users, dialect)
        client = signed_in_client(app, "r0@bench.example")
        for size in sizes(args.claims):
            with app.app_context():
                start = time.perf_counter()
                seeder.seed_to(size)
                analyze(dialect)
                print(f"\nseeded {size:,} claims in {time.perf_counter() - start:.1f} s "
                      f"({dialect})")
            results[size] = measure(app, client, size, args.repeat)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    summary(dialect, results)


def summary(dialect: str, results: dict) -> None:
    largest, first = max(results), min(results)
    baseline, medians = results[largest]
    worst = max(medians, key=medians.get)
    growth = medians[worst] / max(results[first][1].values())
    print(f"\nhow each page grows from {first:,} to {largest:,} claims:")
    for name in medians:
        print(f"  {name:22} {results[first][1][name]:8.1f} -> {medians[name]:8.1f} ms "
              f"({medians[name] / results[first][1][name]:.2f}x)")
    queue_target = 50 if dialect == "postgresql" else 100
    over = [n for n in QUEUE_PAGES if medians[n] >= queue_target] + [
        n for n in ("dashboard", "checks", "checks_search") if medians[n] >= 100]
    print(f"targets (queue < {queue_target} ms, dashboard and /checks < 100 ms, growth < 2x): "
          + ("OK" if not over and growth < 2 else "over: " + ", ".join(over or ["growth"])))
    print(f"queue: engine={dialect} claims={largest} worst_median_ms={medians[worst]:.1f} "
          f"worst={worst} x_baseline={medians[worst] / baseline:.1f} growth={growth:.2f}")


if __name__ == "__main__":
    main()
