"""Odd input a user can type gets a 4xx with a message, never a server error."""
import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from factcheck.models import Document, Role
from tests.conftest import csrf_token, post_form


@pytest.mark.parametrize("path", [
    "/documents/99999999999999999999",
    "/queue?document=99999999999999999999&rating=-5&assignee=99999999999999999999",
    "/queue?page=99999999999&sort=%00",
    "/queue?q=%25%5F%5C",
    "/checks?page=-3&rating=%27%22",
    "/oembed?url=http://localhost/c/x&maxwidth=abc",
    "/c/%00/badge.svg",
    "/claims/" + "x" * 5000,
])
def test_odd_urls_never_fail_with_500(client, login_as, path):
    login_as(Role.VIEWER)
    assert client.get(path).status_code < 500


def test_nul_characters_in_a_form_are_refused_with_a_message(client, login_as, db):
    login_as(Role.REVIEWER)
    response = post_form(client, "/documents/new", {"title": "a\x00b", "text": "Du texte."})
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)
    assert db.session.query(Document).count() == 0


def _upload(client, name: str, data: bytes):
    """Send ``data`` as the uploaded file ``name``, the way the form does.

    The body is encoded in memory: the test client would spool a large one to a temporary
    file that nothing closes (a ResourceWarning in a later test).
    """
    boundary, body = encode_multipart({
        "language": "auto", "upload": FileStorage(io.BytesIO(data), filename=name),
        "csrf_token": csrf_token(client, "/documents/new")})
    return client.post("/documents/new", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def one_line(chars: int) -> str:
    """A text of ``chars`` characters with no line break: sentence after sentence."""
    sentence = "Le chômage a baissé de 3,1 % en un an dans la région, selon l'Insee. "
    return (sentence * (chars // len(sentence) + 1))[:chars]


@pytest.mark.parametrize("name, data, message", [
    ("vide.txt", b"", "ne contient aucun texte"),
    ("blanc.txt", b"  \n\t\n   \n", "ne contient aucun texte"),
    ("blanc.html", b"<html><body>  </body></html>", "Aucun texte d"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "pas du texte"),
    ("archive.md", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200)), "pas du texte"),
])
def test_odd_uploads_get_a_400_with_a_message(client, login_as, db, name, data, message):
    login_as(Role.REVIEWER)
    response = _upload(client, name, data)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.query(Document).count() == 0


def _send_one_liner(client, how: str):
    """The two reported texts: a 1,067,647-character upload, a 450,000-character paste."""
    text = one_line(1_067_647 if how == "upload" else 450_000)
    if how == "upload":
        return text, _upload(client, "une-ligne.txt", text.encode("utf-8"))
    return text, post_form(client, "/documents/new", {"text": text, "language": "fr"})


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_a_huge_one_line_text_without_a_worker_is_refused_at_once(client, login_as, db, how):
    login_as(Role.REVIEWER)
    _, response = _send_one_liner(client, how)
    assert response.status_code == 413
    assert "200 000 caractères au plus" in response.get_data(as_text=True).replace("\u202f", " ")
    assert db.session.query(Document).count() == 0


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_a_huge_one_line_text_goes_to_the_worker(client, login_as, db, redis_queue, how):
    login_as(Role.REVIEWER)
    text, response = _send_one_liner(client, how)
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert len(document.text) == len(text) and document.extraction_status.value == "pending"
    assert redis_queue.count == 1
