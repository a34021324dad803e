"""A desk at work: simulated reviewers and editors against the production server, then a check
that the database holds every write the server acknowledged.

Usage: python bench/load.py [--database URL] [--redis URL] [--users 50] [--seconds 60]
                            [--web-workers N] [--rq-workers N] [--think 0.5,2]
                            [--documents 60] [--ingest-every 5] [--keep]

--database: a PostgreSQL server URL (default $DATABASE_URL, else
postgresql+psycopg://postgres@127.0.0.1:5432/postgres): a scratch database is made beside it
and dropped at the end (bench/scratch.py). --redis: default $REDIS_URL, else
redis://127.0.0.1:6379/13; nothing is flushed: the run's queue has a name of its own
(RQ_QUEUE_NAME=factcheck-load-<random>) and only its keys are deleted afterwards.

Seeding: migrations, the users (a fifth of --users are editors, the rest reviewers, plus one
reviewer who ingests), and --documents generated French articles through ``flask ingest``.
Then the server starts as ``make serve`` starts it (scripts/serve.py: migrations, gunicorn
with gunicorn.conf.py, RQ workers) on a free loopback port, with its stdout (access log) and
stderr (errors) in files in a temporary folder that is kept and named at the end (without
FACTCHECK_ENV=production, whose cookies only travel over HTTPS: this is plain HTTP on loopback).
After /readyz answers, a few concurrent ingests load spaCy in every web worker (not
counted), then the people sign in through the login form over the first seconds and work
for --seconds: each request is followed by a think time drawn uniformly from --think
(seconds: people read a page before they act), redirects are followed at once.
Reviewers: queue pages (filters, searches, sorts, the next page by its cursor), claim pages,
corrections of wording and figures, source links with a stance, verdict drafts. Editors: the
queue of drafted claims and approving the version read. One more reviewer pastes an article
every --ingest-every seconds. About a third of the claims people pick are at the top of
everyone's queue, so they meet on the same claims: a 409 (a version that moved) is an
expected answer, counted apart, never an error.

Then the server is stopped (SIGTERM, as Ctrl-C), and bench/load_check.py compares the
database with the acknowledged writes. Printed: a table per action (count, median, p95 ms,
409s, other 4xx, 5xx, no answer), the lost writes if any, and the last line
``load: requests=N rps=X p95_ms=Y errors_5xx=E lost_writes=L``, where E counts 5xx answers
and requests that got no answer (connection errors, timeouts after 30 s) together.
Targets: 0 errors, 0 lost writes, p95 under 300 ms.
"""
import argparse
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from load_check import lost_writes  # noqa: E402
from load_pages import article  # noqa: E402
from load_people import (  # noqa: E402
    EDITOR_MIX,
    PASSWORD,
    REVIEWER_MIX,
    Ingester,
    Person,
    Recorder,
    run_all,
)
from scratch import scratch_database  # noqa: E402

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
HOT_CLAIMS = 12
SECRET = "load-bench-secret"


def seed(url: str, users: int, documents: int, folder: Path) -> tuple[list[str], list[str]]:
    """Migrate, add the people and the articles; (every account's email, claim public ids)."""
    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.auth.services import create_user
    from factcheck.config import engine_options
    from factcheck.extensions import db
    from factcheck.models import Role

    app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url)})
    editors = max(1, users // 5)
    emails = [f"editor{i}@load.example" for i in range(editors)]
    emails += [f"reviewer{i}@load.example" for i in range(users - editors)]
    with app.app_context():
        upgrade()
        for email in emails + ["ingest@load.example"]:
            role = Role.EDITOR if email.startswith("editor") else Role.REVIEWER
            create_user(email, PASSWORD, role)
        db.session.commit()
        db.engine.dispose()
    rng = random.Random(12)
    files = []
    for number in range(documents):
        path = folder / f"article-{number}.txt"
        path.write_text(article(rng, f"LOAD-seed-{number}"), encoding="utf-8")
        files.append(str(path))
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "ingest", "--lang", "fr",
                    *files], cwd=ROOT, env=dict(os.environ, DATABASE_URL=url, SECRET_KEY=SECRET),
                   check=True, stdout=subprocess.DEVNULL)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        claims = list(conn.execute(sa.text(
            "SELECT public_id FROM claims ORDER BY checkworthiness DESC, id DESC")).scalars())
    engine.dispose()
    return emails, claims


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(url: str, redis_url: str, queue: str, port: int, args, folder: Path):
    """scripts/serve.py, as ``make serve`` runs it; returns it once /readyz answers."""
    env = {key: value for key, value in os.environ.items() if key != "FACTCHECK_ENV"}
    env.update(DATABASE_URL=url, REDIS_URL=redis_url, RQ_QUEUE_NAME=queue, SECRET_KEY=SECRET,
               HOST="127.0.0.1", PORT=str(port), RQ_WORKERS=str(args.rq_workers))
    if args.web_workers:
        env["WEB_WORKERS"] = str(args.web_workers)
    server = subprocess.Popen([sys.executable, "scripts/serve.py"], cwd=ROOT, env=env,
                              stdout=open(folder / "server.out", "w"),
                              stderr=open(folder / "server.err", "w"), start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.3)
    stop(server)
    raise SystemExit(f"the server did not get ready; see {folder}/server.err")


def stop(server: subprocess.Popen) -> int:
    """SIGTERM, as Ctrl-C: scripts/serve.py lets requests and jobs finish, then stops."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        return server.wait(timeout=90)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()


def forget_queue(redis_url: str, queue: str) -> None:
    """Delete this run's queue keys, and nothing else, from Redis."""
    from redis import Redis

    with Redis.from_url(redis_url) as client:
        keys = list(client.scan_iter(f"*{queue}*"))  # and the stopped workers' records:
        keys += [key for key in client.scan_iter("rq:worker:*")
                 if client.type(key) == b"hash" and client.hget(key, "queues") == queue.encode()]
        if keys:
            client.delete(*keys)


def drive(base: str, emails: list[str], claims: list[str], args) -> Recorder:
    """Warm every web worker up, then let the desk work for ``args.seconds``."""
    recorder = Recorder(counting=False)
    warm = [Ingester(base, "ingest@load.example", recorder, time.monotonic() + 60,
                     args.think, seed=1000 + i, every=0) for i in range(args.warm_ingests)]
    for browser in warm:
        browser.sign_in()
    run_all([browser.ingest for browser in warm])
    recorder.counting = True
    deadline = time.monotonic() + args.seconds
    stagger = min(10.0, args.seconds / 6)
    people = [Person(base, email, recorder, deadline, args.think, seed=i,
                     mix=EDITOR_MIX if email.startswith("editor") else REVIEWER_MIX,
                     hot=claims[:HOT_CLAIMS], pool=claims, delay=stagger * i / len(emails))
              for i, email in enumerate(emails)]
    people.append(Ingester(base, "ingest@load.example", recorder, deadline, args.think,
                           seed=999, every=args.ingest_every, delay=0))
    run_all([person.run for person in people])
    return recorder


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    ranked = sorted(values)
    return ranked[max(0, math.ceil(len(ranked) * share) - 1)] if ranked else 0.0


def report(recorder: Recorder, problems: list[str], server_log: Path) -> None:
    """The table per action, what went wrong, and the last line."""
    samples = recorder.samples
    print(f"\n{'action':14} {'count':>6} {'median':>8} {'p95 ms':>8} {'409':>5} {'4xx':>5} "
          f"{'5xx':>5} {'no answer':>9}")
    for action in sorted({s.action for s in samples}):
        mine = [s for s in samples if s.action == action]
        ms = [s.ms for s in mine]
        print(f"{action:14} {len(mine):6} {statistics.median(ms):8.1f} "
              f"{percentile(ms, .95):8.1f} {sum(s.status == 409 for s in mine):5} "
              f"{sum(400 <= s.status < 500 and s.status != 409 for s in mine):5} "
              f"{sum(s.status >= 500 for s in mine):5} {sum(s.status == 0 for s in mine):9}")
    writes = {}
    for write in recorder.writes:
        writes[write.kind] = writes.get(write.kind, 0) + 1
    print("acknowledged writes: " + ", ".join(f"{k} {n}" for k, n in sorted(writes.items())))
    errors = sum(s.status >= 500 or s.status == 0 for s in samples)
    if errors:
        print("\nerrors (first 20):", *recorder.failures[:20], sep="\n  ")
        print(f"\nserver stderr, last 60 lines ({server_log}):")
        print("".join(server_log.read_text(errors="replace").splitlines(True)[-60:]))
    if problems:
        print("\nlost writes (first 30):", *problems[:30], sep="\n  ")
    elapsed = (max(s.end for s in samples) - min(s.end - s.ms / 1000 for s in samples)
               if samples else 1.0)
    print(f"load: requests={len(samples)} rps={len(samples) / elapsed:.1f} "
          f"p95_ms={percentile([s.ms for s in samples], .95):.1f} errors_5xx={errors} "
          f"lost_writes={len(problems)}")


def main() -> None:
    """Seed a scratch database, serve, drive the desk, stop, check, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE)
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--web-workers", type=int, default=None,
                        help="gunicorn processes (default: make serve's, 2 x CPUs + 1)")
    parser.add_argument("--rq-workers", type=int, default=1)
    parser.add_argument("--think", type=_range, default=(0.5, 2.0),
                        help="think time after each request, seconds: LOW,HIGH (0.5,2)")
    parser.add_argument("--documents", type=int, default=60, help="articles seeded")
    parser.add_argument("--ingest-every", type=float, default=5.0)
    parser.add_argument("--warm-ingests", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    if args.users < 2 or args.seconds <= 0:
        parser.error("--users must be 2 or more and --seconds positive")
    folder = Path(tempfile.mkdtemp(prefix="fc-load-"))
    queue = f"factcheck-load-{uuid.uuid4().hex[:8]}"
    with scratch_database(args.database, "load.db", args.keep) as url:
        if not url.startswith("postgresql"):
            parser.error("--database must name a PostgreSQL server")
        start = time.perf_counter()
        emails, claims = seed(url, args.users, args.documents, folder)
        print(f"seeded {len(emails) + 1} users, {args.documents} articles, {len(claims)} claims "
              f"in {time.perf_counter() - start:.1f} s; load average {_load()}")
        port = free_port()
        server = serve(url, args.redis, queue, port, args, folder)
        try:
            recorder = drive(f"http://127.0.0.1:{port}", emails, claims, args)
        finally:
            status = stop(server)
            forget_queue(args.redis, queue)
        print(f"server stopped (status {status}); load average {_load()}; logs in {folder}")
        problems = lost_writes(url, recorder.writes)
    report(recorder, problems, folder / "server.err")


def _range(text: str) -> tuple[float, float]:
    low, _, high = text.partition(",")
    return float(low), float(high or low)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
