"""Queue speed at scale: seed N claims in SQLite, time filtered queue pages.

Usage: python bench/review_queue.py [--claims 100000] [--repeat 15]
Prints the median and 95th percentile per filter, and each median as a ratio to a trivial
page of the same app measured in the same run (the 404 page, which still loads the user).
Target: every filtered page under 150 ms median at 100,000 claims.
"""
import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "bench")

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.auth.services import create_user  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from factcheck.models import Role  # noqa: E402

STATUSES = ["new"] * 6 + ["in_review"] * 2 + ["verdict_drafted", "published", "dismissed"]
SPEAKERS = ["le ministère de l'Économie", "Banque de France", "Insee", "la préfecture",
            "Mr Lee", "the agency", "Élisabeth Borne", "la mairie", "KCNA", "Séoul"]
FILTERS = {
    "default (all, by score)": "",
    "status=new": "?status=new",
    "open + figure + fr": "?status=open&kind=figure&language=fr",
    "assigned to me": "?assignee=me",
    "search speaker": "?q=Banque+de+France",
    "search text": "?q=chômage",
    "rating=false": "?rating=5",
    "page 40, oldest": "?sort=oldest&page=40",
    "one document": "?document=17&sort=document",
}


def seed(n_claims: int, users: list[int]) -> None:
    """Bulk-insert documents, claims, attributions and verdicts with plausible spreads."""
    rng = random.Random(7)
    n_docs = max(1, n_claims // 50)
    now = "2026-11-01 12:00:00"
    conn = db.session.connection()
    conn.execute(sa.text(
        "INSERT INTO documents (id, title, text, content_hash, language, extraction_status, "
        "created_at, updated_at) VALUES (:id, :title, :text, :hash, :lang, 'done', :t, :t)"),
        [{"id": d, "title": f"Article {d}", "text": "x" * 400, "hash": f"{d:064x}",
          "lang": "fr" if d % 3 else "en", "t": now} for d in range(1, n_docs + 1)])
    words = ["chômage", "inflation", "budget", "soldats", "élèves", "loyers", "emplois"]
    claims, attributions, verdicts = [], [], []
    for i in range(1, n_claims + 1):
        status = rng.choice(STATUSES)
        claims.append({
            "id": i, "pid": f"p{i:011d}", "doc": rng.randint(1, n_docs),
            "sentence": f"Le taux de {rng.choice(words)} a atteint {rng.randint(1, 99)},"
                        f"{rng.randint(0, 9)} % en {rng.randint(1990, 2026)}, claim {i}.",
            "fig": rng.random() < .7, "att": rng.random() < .5,
            "lang": "fr" if rng.random() < .7 else "en", "score": round(rng.random(), 4),
            "status": status, "assignee": rng.choice(users + [None] * 5),
            "t": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 10:00:00"})
        if claims[-1]["att"]:
            attributions.append({"claim": i, "speaker": rng.choice(SPEAKERS)})
        if status == "published":
            verdicts.append({"claim": i, "rating": rng.randint(1, 7), "author": users[0]})
    conn.execute(sa.text(
        "INSERT INTO claims (id, public_id, document_id, sentence, start_char, end_char, "
        "has_figure, has_attribution, language, checkworthiness, status, assignee_id, "
        "version, created_at, updated_at) VALUES (:id, :pid, :doc, :sentence, 0, 10, :fig, "
        ":att, :lang, :score, :status, :assignee, 1, :t, :t)"), claims)
    conn.execute(sa.text(
        "INSERT INTO attributions (claim_id, speaker, start_char, end_char, origin) "
        "VALUES (:claim, :speaker, 0, 5, 'extracted')"), attributions)
    conn.execute(sa.text(
        "INSERT INTO verdicts (claim_id, rating_id, rationale_md, rationale_html, status, "
        "author_id, version, created_at, updated_at) VALUES (:claim, :rating, 'r', '<p>r</p>', "
        "'published', :author, 1, :t, :t)"), [dict(v, t=now) for v in verdicts])
    db.session.commit()


def timed(client, path: str, repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` GETs (after one warm-up)."""
    assert client.get(path).status_code in (200, 404)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 404), (path, response.status_code)
    return samples


def signed_in_client(app, email: str):
    """A test client signed in through the real form."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": email, "password": "bench password",
                                "csrf_token": token})
    return client


def main() -> None:
    """Seed, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="fc-bench-")
    url = f"sqlite:///{folder}/bench.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": {}})
    with app.app_context():
        upgrade()
        users = [create_user(f"r{i}@bench.example", "bench password", Role.REVIEWER)
                 for i in range(10)]
        db.session.commit()
        start = time.perf_counter()
        seed(args.claims, [u.id for u in users])
        print(f"seeded {args.claims:,} claims in {time.perf_counter() - start:.1f} s ({url})")
    client = signed_in_client(app, "r0@bench.example")
    baseline = statistics.median(timed(client, "/no-such-page", args.repeat))
    print(f"baseline (404 page, signed in): median {baseline:.1f} ms")
    print(f"{'filter':28} {'median ms':>10} {'p95 ms':>8} {'x baseline':>11}")
    worst = 0.0
    for name, query in FILTERS.items():
        samples = sorted(timed(client, "/queue" + query, args.repeat))
        median = statistics.median(samples)
        worst = max(worst, median)
        p95 = samples[int(len(samples) * .95) - 1]
        print(f"{name:28} {median:10.1f} {p95:8.1f} {median / baseline:11.1f}")
    verdict = "OK" if worst < 150 else "OVER TARGET"
    print(f"worst median {worst:.1f} ms (target < 150 ms at 100,000 claims): {verdict}")


if __name__ == "__main__":
    main()
