"""Who may do what: anonymous visitors sign in, roles below the bar get 403."""
import pytest

from factcheck.models import Document, Role
from tests.conftest import csrf_token

WRITE_ROUTES = ["/documents/new"]
READ_ROUTES = ["/", "/documents/new"]


def _paste(client, title="Pris au mot", text="Le chômage a baissé de 0,3 point, selon l'Insee."):
    token = csrf_token(client, "/")
    return client.post("/documents/new", data={"title": title, "text": text,
                                               "language": "auto", "csrf_token": token})


@pytest.mark.parametrize("path", ["/", "/documents/1"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.location


def test_anonymous_post_to_a_write_route_changes_nothing(client, db):
    response = client.post("/documents/new", data={"title": "t", "text": "x"})
    assert response.status_code in (302, 400)
    assert db.session.query(Document).count() == 0


@pytest.mark.parametrize("role, status, stored", [
    (Role.VIEWER, 403, 0),
    (Role.REVIEWER, 302, 1),
    (Role.EDITOR, 302, 1),
    (Role.ADMIN, 302, 1),
])
def test_adding_a_document_needs_reviewer_or_above(client, login_as, db, role, status, stored):
    login_as(role)
    response = _paste(client)
    assert response.status_code == status
    assert db.session.query(Document).count() == stored


def test_viewer_sees_a_403_page_that_says_why(client, login_as):
    login_as(Role.VIEWER)
    response = _paste(client)
    assert "pas le droit" in response.get_data(as_text=True)


def test_viewer_has_no_link_to_write_pages(client, login_as):
    login_as(Role.VIEWER)
    assert "/documents/new" not in client.get("/").get_data(as_text=True)
