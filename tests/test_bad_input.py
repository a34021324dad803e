"""Odd input a user can type gets a 4xx with a message, never a server error."""
import pytest

from factcheck.models import Document, Role
from tests.conftest import post_form


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
