"""The ingest page: upload a file, long documents in the background (fetching: test_fetch.py)."""
import io

import pytest
from rq import SimpleWorker

from factcheck.models import Document, ExtractionStatus
from tests.conftest import send_ingest_form

pytestmark = pytest.mark.model

ARTICLE_HTML = """<html><head><title>Hausse des loyers à Lyon</title>
<meta property="og:site_name" content="Le Petit Rhodanien"></head><body>
<nav>Accueil | Politique | Sport | Connexion</nav>
<article><h1>Hausse des loyers à Lyon</h1>
<p>Les loyers ont augmenté de 4,2 % en un an dans la métropole, selon l'observatoire local.</p>
<p>Près de 12 000 ménages attendent un logement social, a déclaré l'adjointe au logement.</p>
<p>La municipalité promet de nouvelles mesures avant l'été.</p></article>
<footer>Partager sur Facebook · Mentions légales</footer></body></html>"""


def test_uploaded_html_is_reduced_to_the_article(reviewer, db):
    upload = (io.BytesIO(ARTICLE_HTML.encode("utf-8")), "loyers.html")
    response = send_ingest_form(reviewer, upload=upload)
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.title == "Hausse des loyers à Lyon"
    assert "4,2 %" in document.text and "Connexion" not in document.text
    assert "Partager sur Facebook" not in document.text and "<p>" not in document.text
    assert any(c.figures for c in document.claims)


def test_uploaded_latin1_text_file(reviewer, db):
    text = "Selon la préfecture, près de 3 000 élèves étaient absents à Besançon."
    response = send_ingest_form(reviewer, upload=(io.BytesIO(text.encode("latin-1")), "note.txt"),
                       title="Absences")
    assert response.status_code == 302
    assert db.session.query(Document).one().text == text


@pytest.mark.parametrize("name, data, message", [
    ("photo.png", b"\x89PNG\r\n", "fichier .txt, .md ou .html"),
    ("vide.txt", b"\x00\x01\x02\x03" * 10, "pas du texte"),
])
def test_bad_uploads_are_refused(reviewer, db, name, data, message):
    response = send_ingest_form(reviewer, upload=(io.BytesIO(data), name))
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.query(Document).count() == 0


def test_long_document_is_extracted_by_the_worker_with_progress(reviewer, db, app,
                                                                  redis_queue):
    text = "\n\n".join(f"Le déficit a atteint {n},5 % du PIB en {2000 + n}, selon l'Insee."
                       for n in range(1, 30))
    response = send_ingest_form(reviewer, text=text, title="Long")
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


def test_a_failed_long_text_pasted_again_is_queued_again(reviewer, db, redis_queue):
    text = "\n\n".join(f"Le chômage a atteint {n},2 % en {1990 + n}, selon l'Insee."
                       for n in range(1, 12))
    send_ingest_form(reviewer, text=text, title="Long")
    redis_queue.empty()  # the job is lost, and the document marked failed
    document = db.session.query(Document).one()
    document.extraction_status = ExtractionStatus.FAILED
    db.session.commit()
    send_ingest_form(reviewer, text=text, title="Long")
    assert redis_queue.count == 1  # not left pending with no job
    SimpleWorker([redis_queue], connection=redis_queue.connection).work(burst=True)
    db.session.expire_all()
    assert db.session.get(Document, document.id).extraction_status is ExtractionStatus.DONE


def test_the_same_text_pasted_by_two_reviewers_at_once_is_stored_once(reviewer, db,
                                                                       same_moment):
    text = "Selon la mairie, 4 500 arbres ont été plantés à Nantes cet hiver."
    assert send_ingest_form(reviewer, text=text, title="Arbres").status_code == 302
    same_moment()
    response = send_ingest_form(reviewer, text=text, title="Arbres, bis")
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert response.headers["Location"].endswith(f"/documents/{document.id}")
