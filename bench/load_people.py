"""The simulated desk of bench/load.py: reviewers, editors and a stream of ingests.

Each person is a ``requests.Session`` (cookies, so the session and CSRF tokens work as in a
browser) in a thread of its own, requests one page or form at a time, follows each redirect at
once as a browser does, and waits a think time after every step. Every write the server
acknowledged is kept as a ``Write`` for the database check (bench/load_check.py).
"""
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

import requests
from load_pages import (
    Form,
    article,
    claim_ids,
    csrf_token,
    draft_token,
    flashes,
    forms,
    next_link,
)

from factcheck.review.services.evidence import normalise_url

TIMEOUT = 30  # seconds; a request slower than this counts as an error
PASSWORD = "load password"
QUEUE_PAGES = [
    "/queue", "/queue", "/queue?status=new", "/queue?status=open&kind=figure&language=fr",
    "/queue?assignee=me", "/queue?q=chomage", "/queue?q=Insee", "/queue?q=prefecture+Lyon",
    "/queue?status=verdict_drafted", "/queue?status=published&sort=newest",
    "/queue?sort=oldest", "/queue?rating=5", "/queue?kind=attribution&sort=document",
    "/queue?tracking=conflict",
]
REVIEWER_MIX = {"browse_queue": 30, "read_claim": 15, "correct": 20, "link_source": 15,
                "draft": 20}
EDITOR_MIX = {"browse_queue": 20, "read_claim": 10, "approve": 70}
TOKEN_TAIL = re.compile(r"\s*\[LOAD-[^\]]*\]$")


class Stop(Exception):
    """The run's time is up."""


@dataclass
class Sample:
    """One request: what it was for, its status (0: no answer), how long it took."""

    action: str
    status: int
    ms: float
    end: float


@dataclass
class Write:
    """A write the server acknowledged: what it wrote, to what, from which version."""

    kind: str  # claim, link, draft, publish, document
    key: str  # the claim's public id (a verdict's id for publish, a title for document)
    order: str  # the version the form carried ("" when the write carries none)
    value: dict
    user: str


@dataclass
class Recorder:
    """Everything the people saw, shared by their threads (list.append is atomic)."""

    samples: list[Sample] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    counting: bool = True

    def sample(self, action: str, status: int, ms: float) -> None:
        if self.counting:
            self.samples.append(Sample(action, status, ms, time.monotonic()))


class Browser:
    """One signed-in person's browser."""

    def __init__(self, base: str, email: str, recorder: Recorder, deadline: float,
                 think: tuple[float, float], seed: int, delay: float = 0.0):
        self.base, self.email, self.recorder = base, email, recorder
        self.delay = delay  # before signing in: a desk does not sign in all at once
        self.deadline, self.think_range = deadline, think
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.serial = 0

    def token(self, kind: str) -> str:
        """A unique mark for what this person writes next."""
        self.serial += 1
        return f"LOAD-{kind}-{self.email.split('@')[0]}-{self.serial}"

    def think(self) -> None:
        time.sleep(self.rng.uniform(*self.think_range))

    def request(self, action: str, method: str, path: str, follow: bool = False, **kwargs):
        """The response, or None when the server gave none in time (counted as an error).

        No new step starts after the deadline, but a redirect is still followed (``follow``):
        it tells whether a write was done, and the write is recorded after it.
        """
        if time.monotonic() >= self.deadline and not follow:
            raise Stop
        start = time.perf_counter()
        try:
            response = self.session.request(method, self.base + path, allow_redirects=False,
                                            timeout=TIMEOUT, **kwargs)
        except requests.RequestException as exc:
            self.recorder.sample(action, 0, (time.perf_counter() - start) * 1000)
            self.recorder.failures.append(f"{method} {path}: {type(exc).__name__}: {exc}")
            return None
        self.recorder.sample(action, response.status_code, (time.perf_counter() - start) * 1000)
        if response.status_code >= 500:
            self.recorder.failures.append(f"{method} {path}: {response.status_code}")
        return response

    def get(self, action: str, path: str) -> Optional[str]:
        response = self.request(action, "GET", path)
        return response.text if response is not None and response.status_code == 200 else None

    def post(self, action: str, path: str, data: dict, **kwargs):
        """POST a form, then follow a redirect at once: (response, the page it led to)."""
        response = self.request(action, "POST", path, data=data, **kwargs)
        if response is None or response.status_code not in (302, 303):
            return response, None
        location = response.headers["Location"].removeprefix(self.base).split("#")[0]
        followed = self.request("after_write", "GET", location, follow=True)
        return response, followed.text if followed is not None else None

    def sign_in(self) -> bool:
        page = self.get("login_page", "/login")
        if page is None:
            return False
        response = self.request("login", "POST", "/login", data={
            "email": self.email, "password": PASSWORD, "csrf_token": csrf_token(page)})
        return response is not None and response.status_code == 302

    def acknowledged(self, kind: str, key: str, order: str, **value) -> None:
        self.recorder.writes.append(Write(kind, key, order, value, self.email))


class Person(Browser):
    """A reviewer or an editor working through the queue."""

    def __init__(self, *args, mix: dict[str, int], hot: list[str], pool: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.mix, self.hot, self.pool = mix, hot, pool
        self.seen: list[str] = []

    def run(self) -> None:
        """Sign in, then work until the deadline."""
        time.sleep(self.delay)
        try:
            if not self.sign_in():
                return
            self.think()
            while True:
                action = self.rng.choices(list(self.mix), weights=list(self.mix.values()))[0]
                getattr(self, action)()
                self.think()
        except Stop:
            pass

    def browse_queue(self, path: Optional[str] = None) -> None:
        """A queue page with filters; sometimes the next page, through its cursor."""
        page = self.get("queue", path or self.rng.choice(QUEUE_PAGES))
        if page is None:
            return
        self.seen = claim_ids(page) or self.seen
        following = next_link(page)
        if following and self.rng.random() < .3:
            self.think()
            page = self.get("queue_next", following)
            self.seen = claim_ids(page or "") or self.seen

    def pick_claim(self) -> str:
        """A claim: often one at the top of everyone's queue, so people meet on it."""
        roll = self.rng.random()
        if roll < .35 or not (self.seen or self.pool):
            return self.rng.choice(self.hot)
        if roll < .8 and self.seen:
            return self.rng.choice(self.seen)
        return self.rng.choice(self.pool)

    def read_claim(self) -> Optional[tuple[str, str]]:
        public_id = self.pick_claim()
        page = self.get("claim_page", f"/claims/{public_id}")
        return (public_id, page) if page is not None else None

    def open_form(self, suffix: str) -> Optional[tuple[str, str, Form]]:
        """Read a claim page and its form posting to ``suffix``, then think before typing."""
        opened = self.read_claim()
        form = opened and forms(opened[1]).get(f"/claims/{opened[0]}/{suffix}")
        if not form:
            return None
        self.think()
        return opened[0], opened[1], form

    def saved(self, action: str, form: Form, data: dict) -> bool:
        """Send the form; True when the server acknowledged it (a redirect)."""
        response, _ = self.post(action, form.action, data)
        return response is not None and response.status_code == 302

    def correct(self) -> None:
        """Change the wording and the first figure's value."""
        opened = self.open_form("edit")
        if opened is None:
            return
        public_id, _page, form = opened
        data = dict(form.fields)
        data["wording"] = (TOKEN_TAIL.sub("", data.get("wording", "")).strip()
                           + f" [{self.token('c')}]")
        if data.get("figures-0-text", "").strip():
            data["figures-0-value"] = str(self.rng.randint(1, 99_999))
        if self.saved("correct", form, data):
            self.acknowledged("claim", public_id, form.fields["version"],
                              wording=data["wording"].strip(), figures=_figures(data))

    def link_source(self) -> None:
        """Link a source with a stance: a new address, or one the desk often cites."""
        opened = self.open_form("sources")
        if opened is None:
            return
        public_id, page, form = opened
        token = self.token("s")
        url = f"https://stats.load.example/table-{self.rng.randint(0, 29)}"
        if self.rng.random() < .7 or url in page:
            url = f"https://src.load.example/{token}"
        data = {**form.fields, "url": url, "title": f"Tableau {token}", "excerpt": token,
                "stance": self.rng.choice(form.options["stance"])}
        if self.saved("link_source", form, data):
            self.acknowledged("link", public_id, "", url=normalise_url(url),
                              stance=data["stance"], excerpt=token)

    def draft(self) -> None:
        """Write or rewrite the draft verdict (a correction, with its note, once published)."""
        opened = self.open_form("verdict")
        if opened is None:
            return
        public_id, _page, form = opened
        token = self.token("d")
        data = {**form.fields, "rating": self.rng.choice([o for o in form.options["rating"] if o]),
                "rationale": f"Les chiffres publiés ne disent pas cela ({token})."}
        if "correction_note" in form.fields:
            data["correction_note"] = f"Correction {token}"
        if self.saved("draft", form, data):
            self.acknowledged("draft", public_id, form.fields["version"],
                              rationale=data["rationale"], note=data.get("correction_note"))

    def approve(self) -> None:
        """An editor reads a waiting draft and approves the version read."""
        self.browse_queue("/queue?status=verdict_drafted" if self.rng.random() < .7
                          else "/queue?status=published&sort=newest")
        if not self.seen:
            return
        self.think()
        public_id = self.rng.choice(self.seen[:10])
        page = self.get("claim_page", f"/claims/{public_id}")
        form = next((f for action, f in forms(page or "").items()
                     if re.fullmatch(rf"/claims/{public_id}/verdicts/\d+/publish", action)), None)
        if form is None:
            return
        self.think()
        response, followed = self.post("approve", form.action, form.fields)
        if response is not None and response.status_code == 302 and followed \
                and "success" in flashes(followed):
            self.acknowledged("publish", form.action.split("/")[-2], form.fields["version"],
                              seen=draft_token(page))


class Ingester(Browser):
    """A reviewer pasting an article through the web form every ``every`` seconds."""

    def __init__(self, *args, every: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.every = every

    def run(self) -> None:
        time.sleep(self.delay)
        try:
            if not self.sign_in():
                return
            while True:
                started = time.monotonic()
                self.ingest()
                time.sleep(max(0.0, self.every - (time.monotonic() - started)))
        except Stop:
            pass

    def ingest(self) -> None:
        page = self.get("ingest_page", "/documents/new")
        form = forms(page).get("") if page else None
        if form is None:
            return
        token = self.token("a")
        title = f"Dépêche {token}"
        data = {**form.fields, "text": article(self.rng, token), "title": title}
        files = {name: (None, value) for name, value in data.items()}  # multipart, as a browser
        response, _ = self.post("ingest", "/documents/new", {}, files=files)
        if response is not None and response.status_code == 302:
            self.acknowledged("document", title, "")


def _figures(data: dict) -> list[tuple[str, Optional[float]]]:
    """The figures a correction form sends (rows with a text and not marked for removal)."""
    found, index = [], 0
    while f"figures-{index}-text" in data:
        text = data[f"figures-{index}-text"].strip()
        value = data.get(f"figures-{index}-value", "").strip()
        if text and not data.get(f"figures-{index}-remove"):
            found.append((text, float(value) if value else None))
        index += 1
    return found


def run_all(tasks: list[Callable[[], None]]) -> None:
    """Run each task (a person's ``run``) in a thread of its own, until all are done."""
    threads = [threading.Thread(target=task, daemon=True) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
