"""Badge throughput under gunicorn (2 workers) against a trivial route of the same app.

Usage: python bench/badge.py [--seconds 5] [--clients 8]   (uses wrk when installed)
Seeds a published fact-check in a temporary SQLite database, serves the app with gunicorn on a
free local port, and hammers three URLs in turn from client threads: /healthz (the trivial
baseline), the badge, and the badge with If-None-Match (304). Prints requests per second and
the ratios. The badge cache is the shared one, on the Redis of --redis (REDIS_URL, else the
local server), unless Redis does not answer. Targets: badge >= 80% of the trivial route;
304 >= 95%. Last line: ``badge: cache=redis|process|off x_trivial_200=R x_trivial_304=R``.
"""
import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEPALIVE = 2  # seconds gunicorn keeps an idle connection open
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")


def seed(url: str) -> str:
    """Migrate a fresh database and publish one verdict; returns the claim's public id."""
    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.models import Role
    from factcheck.review.services import approve_and_publish, draft_verdict
    from tests.factories import make_claim, make_user, rating

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": {}})
    with app.app_context():
        upgrade()
        claim = make_claim()
        verdict = draft_verdict(claim, rating("false"), "Faux.", make_user(Role.REVIEWER))
        approve_and_publish(verdict, make_user(Role.EDITOR))
        db.session.commit()
        return claim.public_id


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(url: str, port: int, cache: bool, redis: str) -> subprocess.Popen:
    """Start gunicorn: 2 workers, 2 threads each, so connections are kept alive (as behind
    a proxy) and the run measures the app, not TCP set-up and ports left in TIME_WAIT.
    With ``redis``, the badge cache is the shared one (under a key prefix of this run's)."""
    env = dict(os.environ, DATABASE_URL=url)
    env.pop("REDIS_URL", None)
    if redis:
        env.update(REDIS_URL=redis, REDIS_KEY_PREFIX=f"bench-badge-{os.getpid()}:")
    if not cache:
        env["BADGE_CACHE_SECONDS"] = "0"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-k", "gthread", "--threads", "2",
         "--keep-alive", str(KEEPALIVE),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL)  # gunicorn.conf.py's access log, on stdout: not shown
    for _ in range(100):
        try:
            get(port, "/healthz", {})
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def get(port: int, path: str, headers: dict) -> int:
    """One GET on a new connection; returns the status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def throughput(port: int, path: str, headers: dict, seconds: float, clients: int,
               expect: int) -> float:
    """Requests per second: wrk when installed (apt-get install wrk), else Python threads."""
    assert get(port, path, headers) == expect
    if shutil.which("wrk"):
        return wrk_rate(port, path, headers, seconds, clients)
    return thread_rate(port, path, headers, seconds, clients, expect)


def wrk_rate(port: int, path: str, headers: dict, seconds: float, clients: int) -> float:
    """Requests per second measured by wrk (one thread, ``clients`` connections)."""
    args = ["wrk", "-t1", f"-c{clients}", f"-d{max(1, int(seconds))}s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [f"http://127.0.0.1:{port}{path}"], capture_output=True,
                         text=True, check=True).stdout
    if "Non-2xx or 3xx responses" in out:
        raise SystemExit(f"unexpected error responses for {path}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def thread_rate(port: int, path: str, headers: dict, seconds: float, clients: int,
                expect: int) -> float:
    """Requests per second over ``seconds`` from ``clients`` Python threads."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def work(i: int) -> None:
        while time.perf_counter() < stop:
            assert get(port, path, headers) == expect
            done[i] += 1
    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - start)


def main() -> None:
    """Seed, serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-cache", action="store_true",
                        help="set BADGE_CACHE_SECONDS=0: one database read per badge request")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
                        help="Redis for the shared badge cache ('' for none: each process "
                             "keeps its own, as without REDIS_URL)")
    args = parser.parse_args()
    if args.redis and not redis_answers(args.redis):
        print(f"Redis at {args.redis} does not answer: running without it")
        args.redis = ""
    url = f"sqlite:///{tempfile.mkdtemp(prefix='fc-badge-')}/bench.db"
    public_id = seed(url)
    port = free_port()
    proc = serve(url, port, cache=not args.no_cache, redis=args.redis)
    try:
        badge = f"/c/{public_id}/badge.svg"
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", badge)
        etag = conn.getresponse().getheader("ETag")
        conn.close()
        runs = [("trivial /healthz", "/healthz", {}, 200),
                ("badge (200)", badge, {}, 200),
                ("badge If-None-Match (304)", badge, {"If-None-Match": etag}, 304)]
        for _, path, headers, expect in runs:  # warm-up: caches, connections, the JIT-less CPU
            throughput(port, path, headers, 1, args.clients, expect)
        samples = {name: [] for name, *_ in runs}
        for round_no in range(args.rounds):  # interleaved and rotated: drift hits all alike
            for name, path, headers, expect in runs[round_no % 3:] + runs[:round_no % 3]:
                time.sleep(KEEPALIVE + 0.5)  # let the previous run's idle connections expire
                samples[name].append(throughput(port, path, headers, args.seconds,
                                                args.clients, expect))
        rates = {name: statistics.median(values) for name, values in samples.items()}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    base = rates["trivial /healthz"]
    tool = "wrk" if shutil.which("wrk") else "Python threads"
    cache = "off" if args.no_cache else "shared (Redis)" if args.redis else "per process"
    print(f"gunicorn 2 workers x 2 threads; load from {tool}, {args.clients} connections, "
          f"{args.seconds:.0f} s per run, median of {args.rounds} interleaved rounds; "
          f"badge state cache {cache}")
    for name, rate in rates.items():
        runs = " / ".join(f"{value:.0f}" for value in samples[name])
        print(f"{name:28} {rate:8.0f} req/s   {rate / base:6.0%} of trivial   (runs {runs})")
    full, not_modified = rates["badge (200)"] / base, rates["badge If-None-Match (304)"] / base
    ok = full >= .8 and not_modified >= .95
    print("targets (badge >= 80%, 304 >= 95% of trivial):", "met" if ok else "NOT met")
    kind = "off" if args.no_cache else "redis" if args.redis else "process"
    print(f"badge: cache={kind} x_trivial_200={full:.2f} x_trivial_304={not_modified:.2f}")


def redis_answers(url: str) -> bool:
    from redis import Redis
    from redis.exceptions import RedisError
    try:
        with Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1) as client:
            return bool(client.ping())
    except RedisError:
        return False


if __name__ == "__main__":
    main()
