"""Fetching an article by URL: addresses that cannot be turned inward, one deadline, redirects.

Every server here listens on 127.0.0.1. The ``internet`` fixture gives the tests a public
name: lookups of it answer a public address, and connections to that address land on the
local site instead; a connection to any other non-loopback address is refused before a byte
is sent, and no real name lookup is ever made.
"""
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

import pytest
from flask import current_app

from factcheck.documents import fetch as fetching
from factcheck.documents.fetch import FetchError, fetch
from factcheck.models import Document
from tests.conftest import send_ingest_form

PUBLIC_IP = "93.184.215.14"  # a global address standing in for a news site; never contacted
NEWS = "news.example"

ARTICLE_HTML = """<html><head><title>Le tramway de Brest prolongé</title>
<meta property="og:site_name" content="La Vigie du Finistère"></head><body>
<nav>Accueil | Région | Météo</nav>
<article><h1>Le tramway de Brest prolongé</h1>
<p>La deuxième ligne transportera 25 000 voyageurs par jour, selon la métropole.</p>
<p>Le chantier coûtera 210 millions d'euros, a indiqué le vice-président aux mobilités.</p>
</article><footer>Nous contacter</footer></body></html>""".encode()

PAGES = {
    "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML),
    "/image": (200, "image/png", b"\x89PNG\r\n"),
    "/big": (200, "text/html", b"<p>" + b"x" * (6 * 1024 * 1024) + b"</p>"),
    "/gone": (404, "text/html", b"not here"),
}


class _Site(BaseHTTPRequestHandler):
    """Pages, redirects and slow answers; keep-alive like most real sites."""

    protocol_version = "HTTP/1.1"
    timeout = 5  # a client that leaves a connection open cannot hold the server's shutdown

    def handle(self):
        try:
            super().handle()
        except ConnectionError:
            pass  # the fetcher hung up first, as it may

    def do_GET(self):  # noqa: N802 - name fixed by http.server
        site = self.server
        site.requests.append((self.path, self.headers.get("Host")))
        time.sleep(site.delay)
        try:
            self._answer(site)
        except OSError:
            self.close_connection = True

    def _answer(self, site):
        if self.path in site.redirects:
            self._redirect(site.redirects[self.path])
        elif self.path.startswith("/chain/"):
            self._chain(int(self.path.rsplit("/", 1)[1]))
        elif self.path.startswith("/trickle/"):
            self._trickle(self.path.rsplit("/", 1)[1])
        elif self.path == "/moved-slowly":
            self._moved_slowly()
        elif self.path == "/big-undeclared":
            self._page(200, "text/html", PAGES["/big"][2], declared=False)
        else:
            self._page(*PAGES.get(self.path.split("?")[0], (404, "text/plain", b"")))

    def _page(self, status, content_type, body, declared=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if declared:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        body = b"<p>This page has moved.</p>"
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The body follows a moment after the headers: a client that puts this connection
        # back in a pool unread and sends its next request on it meets this body.
        time.sleep(0.2)
        self.wfile.write(body)

    def _moved_slowly(self):
        """A redirect whose body would take ten seconds to arrive."""
        self.send_response(302)
        self.send_header("Location", "/article")
        self.send_header("Content-Length", "20")
        self.end_headers()
        for _ in range(20):
            self.wfile.write(b".")
            time.sleep(0.5)

    def _chain(self, hops):
        """/chain/N redirects N times, in turn relative, absolute-path and absolute."""
        if hops == 0:
            return self._page(*PAGES["/article"])
        after = f"/chain/{hops - 1}"
        forms = [str(hops - 1), after, f"http://{self.headers['Host']}{after}"]
        return self._redirect(forms[hops % 3])

    def _trickle(self, part):
        """Headers, or the body, one byte every half second."""
        body = b"<p>" + b"s" * 20 + b"</p>"
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        if part == "body":
            self.wfile.write(head)
        for byte in (head + body if part == "headers" else body):
            self.wfile.write(bytes([byte]))
            time.sleep(0.5)

    def log_message(self, *args):
        pass


class _LocalSite(ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for every handler: no socket outlives a test
    delay = 0.0

    def __init__(self, tls: Optional[ssl.SSLContext] = None):
        super().__init__(("127.0.0.1", 0), _Site)
        self.requests, self.redirects, self.names = [], {}, []
        self.port = self.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        if tls:
            tls.sni_callback = lambda _sock, name, _context: self.names.append(name)
            self.socket = tls.wrap_socket(self.socket, server_side=True)

    @property
    def paths(self):
        return [path for path, _host in self.requests]


def _serve(server):
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def site():
    """A local web site on 127.0.0.1, recording each request's path and Host header."""
    yield from _serve(_LocalSite())


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for news.example, trusted for the test's fetches."""
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", f"/CN={NEWS}",
                    "-addext", f"subjectAltName=DNS:{NEWS}", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def tls_site(certificate, monkeypatch):
    """The local site over HTTPS, with news.example's certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # read by load_default_certs()
    yield from _serve(_LocalSite(context))


class _Internet:
    """Lookups and connections as the tests let them happen."""

    def __init__(self, site):
        self.site = site
        # name -> its answer to each lookup in turn, the last one repeating
        self.answers = {NEWS: [PUBLIC_IP], "other.example": [PUBLIC_IP]}
        self.lookups, self.connects = [], []
        # only this test's own lookups and connections count: a background thread of an earlier
        # test (the badge cache's Redis listener retrying) may look up and connect while the
        # socket is patched
        self.thread = threading.current_thread()

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        if not self._ours():  # another test's thread: not ours
            return _real_getaddrinfo(host, port, family, type, proto,
                                     flags | socket.AI_NUMERICHOST)
        self.lookups.append(host)
        if host in self.answers:
            answers = self.answers[host]
            ips = answers[min(self.lookups.count(host), len(answers)) - 1]
            ips = [ips] if isinstance(ips, str) else ips
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port or 0)) for ip in ips]
        # Numeric addresses only: nothing goes to a real DNS server.
        return _real_getaddrinfo(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)

    def _ours(self) -> bool:
        """This test's thread, or the thread fetch() resolves names in."""
        current = threading.current_thread()
        return current is self.thread or current.name == "fetch-resolve"

    def connect(self, sock, address):
        if not self._ours():
            return _real_connect(sock, address)
        self.connects.append(address[:2])
        if address[0] == PUBLIC_IP:
            return _real_connect(sock, ("127.0.0.1", address[1]))
        if ipaddress.ip_address(address[0].split("%")[0]).is_loopback:
            return _real_connect(sock, address)
        raise ConnectionRefusedError(f"test refused a connection to {address[0]}")


_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


@pytest.fixture
def internet(site, monkeypatch):
    """``news.example`` resolves to a public address whose connections reach ``site``."""
    world = _Internet(site)
    monkeypatch.setattr(socket, "getaddrinfo", world.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", lambda sock, address: world.connect(sock,
                                                                                      address))
    return world


def _refusal(call) -> str:
    """The message of the FetchError ``call`` raises, as the reader sees it."""
    with pytest.raises(FetchError) as caught:
        call()
    return _text(caught.value)


def _text(message) -> str:
    with current_app.test_request_context():
        return str(message)


@pytest.mark.parametrize("url, reason", [
    ("ftp://news.example/file.txt", fetching.NOT_HTTP),
    ("javascript:alert(1)", fetching.NOT_HTTP),
    ("news.example/article", fetching.NOT_HTTP),
    ("http:/news.example/article", fetching.NOT_HTTP),
    ("http://127.0.0.1:8000\\@news.example/article", fetching.BAD_CHARACTERS),
    ("http://news.example/a\r\nX-Injected: yes", fetching.BAD_CHARACTERS),
    ("http://reader@news.example/article", fetching.USERINFO),
    ("http://reader:secret@news.example/article", fetching.USERINFO),
    ("http://:80/article", fetching.INVALID),
    ("http://news.example:99999/article", fetching.INVALID),
    ("http://[::1/article", fetching.INVALID),
    ("http://news%2eexample/article", fetching.INVALID),
])
def test_ambiguous_addresses_are_refused_before_any_lookup(internet, url, reason):
    assert _refusal(lambda: fetch(url)) == _text(reason)
    assert internet.lookups == [] and internet.connects == []


def test_the_page_is_asked_for_by_name_on_the_checked_address(internet):
    page = fetch(f"http://{NEWS}:{internet.site.port}/article?from=desk#top")
    assert page.url == f"http://{NEWS}:{internet.site.port}/article?from=desk"
    assert page.content_type == "text/html" and page.body == ARTICLE_HTML
    assert internet.site.requests == [("/article?from=desk", f"{NEWS}:{internet.site.port}")]
    assert internet.connects == [(PUBLIC_IP, internet.site.port)]


def test_a_name_rebound_to_loopback_is_still_reached_on_the_checked_address(internet):
    internet.answers[NEWS] = [PUBLIC_IP, "127.0.0.1"]  # any later lookup answers loopback
    page = fetch(f"http://{NEWS}:{internet.site.port}/article")
    assert page.body == ARTICLE_HTML
    assert internet.lookups == [NEWS]
    assert internet.connects == [(PUBLIC_IP, internet.site.port)]


def test_https_checks_the_certificate_against_the_name_not_the_address(internet, tls_site):
    page = fetch(f"https://{NEWS}:{tls_site.port}/article")
    assert page.body == ARTICLE_HTML and tls_site.names == [NEWS]
    assert tls_site.requests == [("/article", f"{NEWS}:{tls_site.port}")]
    assert internet.connects == [(PUBLIC_IP, tls_site.port)]


def test_https_refuses_a_certificate_for_another_name(internet, tls_site):
    message = _refusal(lambda: fetch(f"https://other.example:{tls_site.port}/article"))
    assert message == _text(fetching.INSECURE) and tls_site.requests == []


def test_one_private_address_among_the_answers_refuses_the_host(internet):
    internet.answers[NEWS] = [[PUBLIC_IP, "10.1.2.3"]]
    assert _refusal(lambda: fetch(f"http://{NEWS}/article")) == _text(fetching.PRIVATE)
    assert internet.connects == []


@pytest.mark.parametrize("location, reason", [
    ("http://127.0.0.1:{port}\\@8.8.8.8/article", fetching.BAD_CHARACTERS),
    ("http://reader:secret@news.example:{port}/article", fetching.USERINFO),
    ("http://127.0.0.1:{port}/article", fetching.PRIVATE),
    ("http://[::ffff:127.0.0.1]:{port}/article", fetching.PRIVATE),
])
def test_a_redirect_is_checked_like_the_first_address(internet, location, reason):
    internet.site.redirects["/moved"] = location.format(port=internet.site.port)
    message = _refusal(lambda: fetch(f"http://{NEWS}:{internet.site.port}/moved"))
    assert _text(reason) in message
    assert internet.site.paths == ["/moved"]
    assert internet.connects == [(PUBLIC_IP, internet.site.port)]
    assert "8.8.8.8" not in internet.lookups


def test_same_host_redirects_in_every_form_end_at_the_page(site):
    page = fetch(f"{site.base}/chain/3", allow_private=True)
    assert page.url == f"{site.base}/chain/0" and page.body == ARTICLE_HTML
    assert site.paths == ["/chain/3", "/chain/2", "/chain/1", "/chain/0"]


def test_a_redirect_body_is_never_waited_for(site):
    # The body would take ten seconds: waiting for it would end in the timeout message.
    page = fetch(f"{site.base}/moved-slowly", timeout=5, allow_private=True)
    assert page.body == ARTICLE_HTML and site.paths == ["/moved-slowly", "/article"]


def test_five_redirects_are_followed_and_a_sixth_is_refused(site):
    assert fetch(f"{site.base}/chain/5", allow_private=True).body == ARTICLE_HTML
    too_many = _refusal(lambda: fetch(f"{site.base}/chain/6", allow_private=True))
    assert too_many == _text(fetching.TOO_MANY)


@pytest.mark.parametrize("part", ["headers", "body"])
def test_a_trickling_site_is_cut_off_at_the_deadline(site, part):
    started = time.monotonic()
    message = _refusal(lambda: fetch(f"{site.base}/trickle/{part}", timeout=1.5,
                                     allow_private=True))
    assert message == _text(fetching.TIMEOUT)
    assert time.monotonic() - started < 4


def test_the_deadline_covers_the_whole_redirect_chain(site):
    site.delay = 0.4  # each answer alone is well within the limit; six of them are not
    started = time.monotonic()
    message = _refusal(lambda: fetch(f"{site.base}/chain/5", timeout=1.5, allow_private=True))
    assert message == _text(fetching.TIMEOUT)
    assert time.monotonic() - started < 4


def test_a_name_lookup_that_hangs_is_cut_off_at_the_deadline(monkeypatch):
    answered = threading.Event()
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answered.wait(10) and [])
    started = time.monotonic()
    try:
        message = _refusal(lambda: fetch(f"http://{NEWS}/article", timeout=1.0))
    finally:
        answered.set()
    assert message == _text(fetching.TIMEOUT)
    assert time.monotonic() - started < 4


def test_a_page_without_a_declared_length_still_stops_at_the_cap(site):
    message = _refusal(lambda: fetch(f"{site.base}/big-undeclared", max_bytes=1024 * 1024,
                                     allow_private=True))
    assert message == _text(fetching._too_large(1024 * 1024))


# Through the ingest page, as a reviewer.

@pytest.fixture
def local_fetch(app, monkeypatch):
    monkeypatch.setitem(app.config, "FETCH_ALLOW_PRIVATE", True)


@pytest.mark.model
def test_fetching_a_page_keeps_its_address_and_publisher(reviewer, db, site, local_fetch):
    response = send_ingest_form(reviewer, fetch_url=f"{site.base}/article")
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.url == f"{site.base}/article"
    assert document.publisher == "La Vigie du Finistère"
    assert "25 000 voyageurs" in document.text and "Météo" not in document.text


@pytest.mark.parametrize("path, message", [
    ("/image", "pas une page web"),
    ("/gone", "erreur 404"),
    ("/big", "plus de 5 Mio"),
    ("/big-undeclared", "plus de 5 Mio"),
    ("/chain/6", "trop de redirections"),
])
def test_fetch_failures_say_why(reviewer, db, site, local_fetch, path, message):
    response = send_ingest_form(reviewer, fetch_url=f"{site.base}{path}")
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.query(Document).count() == 0


def test_unreachable_site_and_private_addresses(reviewer, db, app, monkeypatch):
    refused = send_ingest_form(reviewer, fetch_url="http://127.0.0.1:9/x")
    assert refused.status_code == 400 and "réseau privé" in refused.get_data(as_text=True)
    monkeypatch.setitem(app.config, "FETCH_ALLOW_PRIVATE", True)
    offline = send_ingest_form(reviewer, fetch_url="http://127.0.0.1:9/x")
    assert offline.status_code == 400 and "refusé" in offline.get_data(as_text=True)


@pytest.mark.parametrize("location, message", [
    ("http://127.0.0.1:{port}\\@8.8.8.8/article", "barre oblique inverse"),
    ("http://reader@news.example:{port}/article", "nom d'utilisateur"),
    ("http://127.0.0.1:{port}/article", "réseau privé"),
])
def test_a_refused_redirect_on_the_ingest_page_stores_nothing(reviewer, db, internet,
                                                              location, message):
    internet.site.redirects["/moved"] = location.format(port=internet.site.port)
    response = send_ingest_form(reviewer, fetch_url=f"http://{NEWS}:{internet.site.port}/moved")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "redirige vers une adresse refusée" in page and message in page.replace("&#39;", "'")
    assert db.session.query(Document).count() == 0
    assert internet.site.paths == ["/moved"]
