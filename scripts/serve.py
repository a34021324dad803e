"""``make serve``: migrate once, then run gunicorn and RQ_WORKERS ``flask worker`` processes.

Every child runs in a process group of its own, so a terminal's Ctrl-C reaches this script
alone, which then stops them in order: SIGTERM (gunicorn finishes its requests, an RQ worker
its job), after ``GRACE_SECONDS`` SIGINT (gunicorn's quick stop, RQ's cold stop that takes its
work-horse down), and after ``KILL_SECONDS`` more SIGKILL for whatever and whoever is left,
descendants included. A second Ctrl-C skips the wait. When one child ends by itself the others
are stopped too and the script exits non-zero, so a supervisor can start everything again.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 35.0  # gunicorn's graceful_timeout (30 s), and a little more
KILL_SECONDS = 10.0
POLL_SECONDS = 0.2


def main() -> int:
    """Check the settings, migrate, then supervise the web and worker processes."""
    sys.path.insert(0, str(ROOT))
    from factcheck.config import ConfigError, serve_settings

    try:
        settings = serve_settings()
    except ConfigError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 1
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    if subprocess.call([*flask, "db", "upgrade"], cwd=ROOT) != 0:
        return 1
    commands = [[sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]]
    commands += [[*flask, "worker"] for _ in range(worker_count(settings))]
    return Supervisor(commands, cwd=ROOT).run()


def worker_count(settings: dict) -> int:
    """RQ_WORKERS, or none without REDIS_URL (extraction then runs in the web requests)."""
    if settings["RQ_WORKERS"] and not settings["REDIS_URL"]:
        print("factcheck: REDIS_URL is not set: no background worker started "
              "(long texts are refused, short ones extracted in the request).", file=sys.stderr)
        return 0
    return settings["RQ_WORKERS"]


class Supervisor:
    """Start commands, wait until one ends or a signal comes, then stop them all."""

    def __init__(self, commands: list[list[str]], cwd=None, grace: float = GRACE_SECONDS,
                 kill_after: float = KILL_SECONDS):
        self.commands, self.cwd = commands, cwd
        self.grace, self.kill_after = grace, kill_after
        self.children: list[subprocess.Popen] = []
        self.signals = 0

    def run(self) -> int:
        """Exit status: 0 when stopped by a signal, else the first child's failure."""
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, self._on_signal)
        try:
            for command in self.commands:
                self.children.append(subprocess.Popen(command, cwd=self.cwd,
                                                      start_new_session=True))
            status = self._watch()
        finally:
            self._stop_all()
        return status

    def _on_signal(self, signum, frame) -> None:
        self.signals += 1

    def _watch(self) -> int:
        while not self.signals:
            for child in self.children:
                if child.poll() is not None:
                    print(f"factcheck: {' '.join(child.args[2:])} (pid {child.pid}) ended "
                          f"with status {child.returncode}; stopping the others",
                          file=sys.stderr)
                    return child.returncode or 1
            time.sleep(POLL_SECONDS)
        return 0

    def _stop_all(self) -> None:
        family = {child.pid: descendants(child.pid) for child in self.children}
        self._send(signal.SIGTERM)
        self._wait(self.grace, until_signals=2)
        self._send(signal.SIGINT)
        self._wait(self.kill_after, until_signals=3)
        for child in self.children:
            _kill_group(child.pid)
            for pid, started in {**family[child.pid], **descendants(child.pid)}.items():
                _kill(pid, started)
            child.wait()

    def _send(self, signum: int) -> None:
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signum)

    def _wait(self, seconds: float, until_signals: int) -> None:
        """Wait for every child to end, for ``seconds`` or until one more Ctrl-C."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.signals < until_signals:
            if all(child.poll() is not None for child in self.children):
                return
            time.sleep(POLL_SECONDS)


def descendants(pid: int) -> dict[int, str]:
    """Every living process below ``pid``, with its start time (Linux /proc; empty elsewhere).

    RQ's work-horse leaves its worker's process group, so killing the group misses it.
    """
    parents, started = {}, {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat(entry)
        if fields:
            parents.setdefault(int(fields[1]), set()).add(int(entry.parent.name))
            started[int(entry.parent.name)] = fields[19]
    found, todo = {}, [pid]
    while todo:
        for child in parents.get(todo.pop(), ()):
            if child not in found:
                found[child] = started[child]
                todo.append(child)
    return found


def _stat(path: Path) -> list[str]:
    """The fields of a /proc stat file after the command name (state, ppid, ...), or []."""
    try:  # the command name may hold spaces and parentheses: the fields follow the last ")"
        return path.read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill(pid: int, started: str) -> None:
    """SIGKILL ``pid`` if it is still the process that started then (pids are reused)."""
    fields = _stat(Path(f"/proc/{pid}/stat"))
    if not fields or fields[19] != started:
        return
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


if __name__ == "__main__":
    sys.exit(main())
