"""Pasting a document, duplicate detection, and the document page."""
import pytest

from factcheck.models import AuditEntry, Document, Role
from tests.conftest import csrf_token
from tests.factories import make_document

TEXT = "La mairie a annoncé 42 nouvelles places en crèche.\n\nLe chantier commence lundi."


@pytest.fixture
def reviewer_client(client, login_as):
    login_as(Role.REVIEWER)
    return client


def _post(client, **fields):
    data = {"title": "Crèches", "text": TEXT, "language": "fr", **fields}
    data["csrf_token"] = csrf_token(client, "/documents/new")
    return client.post("/documents/new", data=data)


def test_pasted_document_is_stored_and_shown(reviewer_client, db):
    response = _post(reviewer_client, publisher="Le Courrier", published_on="2026-03-02")
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.text == TEXT and document.publisher == "Le Courrier"
    assert document.published_at.year == 2026 and document.language == "fr"
    page = reviewer_client.get(response.location).get_data(as_text=True)
    assert '<mark class="m-figure">42 nouvelles</mark> places' in page  # figure highlighted
    assert "Le Courrier" in page
    assert db.session.query(AuditEntry).filter_by(action="document.create").count() == 1


def test_same_text_twice_is_detected_and_not_stored_again(reviewer_client, db):
    first = _post(reviewer_client)
    second = _post(reviewer_client, text=TEXT.replace("\n", "\r\n"), title="Autre titre")
    assert second.status_code == 302 and second.location == first.location
    assert db.session.query(Document).count() == 1
    assert "déjà été ajouté" in reviewer_client.get(second.location).get_data(as_text=True)


@pytest.mark.parametrize("fields, message", [
    ({"text": ""}, "exactement l"),
    ({"fetch_url": "https://example.org/a"}, "exactement l"),
    ({"url": "pas une adresse"}, "URL non valide."),
    ({"published_on": "31/02/2026"}, "N&#39;est pas une date valide."),
    ({"language": "de"}, "N&#39;est pas un choix valide."),
])
def test_invalid_input_is_refused_and_keeps_what_was_typed(reviewer_client, db, fields, message):
    response = _post(reviewer_client, **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    if fields.get("text") != "":
        assert "42 nouvelles places en crèche" in html  # the pasted text is still there
    assert db.session.query(Document).count() == 0
    assert message in html  # the reason, in the interface's language


def test_too_long_text_is_refused(reviewer_client, db):
    response = _post(reviewer_client, text="x" * 500_001)
    assert response.status_code == 400 and db.session.query(Document).count() == 0


def test_document_page_escapes_pasted_markup(reviewer_client, db):
    make_document(text="<script>alert(1)</script> a déclaré 3 personnes.", title="<b>t</b>")
    db.session.commit()
    document = db.session.query(Document).one()
    html = reviewer_client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<b>t</b>" not in html


def test_unknown_document_is_a_404_page(reviewer_client):
    response = reviewer_client.get("/documents/999999")
    assert response.status_code == 404 and "n&#39;existe pas" in response.get_data(as_text=True)
