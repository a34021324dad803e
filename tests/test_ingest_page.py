"""The ingest page: upload a file, fetch a URL, long documents in the background."""
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rq import SimpleWorker

from factcheck.models import Document, ExtractionStatus, Role
from tests.conftest import csrf_token

pytestmark = pytest.mark.model

ARTICLE_HTML = """<html><head><title>Hausse des loyers à Lyon</title>
<meta property="og:site_name" content="Le Petit Rhodanien"></head><body>
<nav>Accueil | Politique | Sport | Connexion</nav>
<article><h1>Hausse des loyers à Lyon</h1>
<p>Les loyers ont augmenté de 4,2 % en un an dans la métropole, selon l'observatoire local.</p>
<p>Près de 12 000 ménages attendent un logement social, a déclaré l'adjointe au logement.</p>
<p>La municipalité promet de nouvelles mesures avant l'été.</p></article>
<footer>Partager sur Facebook · Mentions légales</footer></body></html>"""


class _Pages(BaseHTTPRequestHandler):
    routes = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/image": (200, "image/png", b"\x89PNG\r\n"),
        "/big": (200, "text/html", b"<p>" + b"x" * (6 * 1024 * 1024) + b"</p>"),
        "/gone": (404, "text/html", b"not here"),
    }

    def do_GET(self):  # noqa: N802 - name fixed by http.server
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(app, monkeypatch):
    """A local web server with a few pages; the app may fetch from it."""
    monkeypatch.setitem(app.config, "FETCH_ALLOW_PRIVATE", True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def reviewer(client, login_as):
    login_as(Role.REVIEWER)
    return client


def _submit(client, **fields):
    data = {"language": "auto", **fields, "csrf_token": csrf_token(client, "/documents/new")}
    return client.post("/documents/new", data=data, content_type="multipart/form-data")


def test_uploaded_html_is_reduced_to_the_article(reviewer, db):
    upload = (io.BytesIO(ARTICLE_HTML.encode("utf-8")), "loyers.html")
    response = _submit(reviewer, upload=upload)
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.title == "Hausse des loyers à Lyon"
    assert "4,2 %" in document.text and "Connexion" not in document.text
    assert "Partager sur Facebook" not in document.text and "<p>" not in document.text
    assert any(c.figures for c in document.claims)


def test_uploaded_latin1_text_file(reviewer, db):
    text = "Selon la préfecture, près de 3 000 élèves étaient absents à Besançon."
    response = _submit(reviewer, upload=(io.BytesIO(text.encode("latin-1")), "note.txt"),
                       title="Absences")
    assert response.status_code == 302
    assert db.session.query(Document).one().text == text


@pytest.mark.parametrize("name, data, message", [
    ("photo.png", b"\x89PNG\r\n", "fichier .txt, .md ou .html"),
    ("vide.txt", b"\x00\x01\x02\x03" * 10, "pas du texte"),
])
def test_bad_uploads_are_refused(reviewer, db, name, data, message):
    response = _submit(reviewer, upload=(io.BytesIO(data), name))
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.query(Document).count() == 0


def test_fetching_a_page_keeps_its_address_and_publisher(reviewer, db, site):
    response = _submit(reviewer, fetch_url=f"{site}/article")
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.url == f"{site}/article" and document.publisher == "Le Petit Rhodanien"
    assert "12 000 ménages" in document.text


@pytest.mark.parametrize("path, message", [
    ("/image", "pas une page web"),
    ("/gone", "erreur 404"),
    ("/big", "plus de 5 Mio"),
    ("/loop", "trop de redirections"),
])
def test_fetch_failures_say_why(reviewer, db, site, path, message):
    response = _submit(reviewer, fetch_url=f"{site}{path}")
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.query(Document).count() == 0


def test_unreachable_site_and_private_addresses(reviewer, db, app, monkeypatch):
    refused = _submit(reviewer, fetch_url="http://127.0.0.1:9/x")
    assert refused.status_code == 400 and "réseau privé" in refused.get_data(as_text=True)
    monkeypatch.setitem(app.config, "FETCH_ALLOW_PRIVATE", True)
    offline = _submit(reviewer, fetch_url="http://127.0.0.1:9/x")
    assert offline.status_code == 400 and "refusé" in offline.get_data(as_text=True)


def test_long_document_is_extracted_by_the_worker_with_progress(reviewer, db, app,
                                                                  redis_queue):
    text = "\n\n".join(f"Le déficit a atteint {n},5 % du PIB en {2000 + n}, selon l'Insee."
                       for n in range(1, 30))
    response = _submit(reviewer, text=text, title="Long")
    document = db.session.query(Document).one()
    assert document.extraction_status is ExtractionStatus.PENDING and not document.claims
    page = reviewer.get(response.location).get_data(as_text=True)
    assert "data-progress-url" in page
    assert reviewer.get(f"/documents/{document.id}/progress").json["status"] == "pending"
    SimpleWorker([redis_queue], connection=redis_queue.connection).work(burst=True)
    db.session.expire_all()
    state = reviewer.get(f"/documents/{document.id}/progress").json
    assert state["status"] == "done" and state["claims"] == 29 and state["progress"] == 1.0
    assert "data-progress-url" not in reviewer.get(response.location).get_data(as_text=True)
