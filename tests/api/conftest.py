"""API test helpers: tokens for each role, requests that carry them, schema checks."""
import pytest

from factcheck.api.schemas import COMPONENTS
from factcheck.api.validation import problems
from factcheck.auth.services import issue_api_token
from tests.factories import make_user

ROOT = {"components": {"schemas": COMPONENTS}}


def bearer(token: str) -> dict:
    """The header that authenticates an API request."""
    return {"Authorization": f"Bearer {token}"}


def conforms(body, schema_name: str) -> None:
    """Fail unless ``body`` matches the named schema of openapi.json, listing what is off."""
    found = problems(body, {"$ref": f"#/components/schemas/{schema_name}"}, ROOT)
    assert not found, found


@pytest.fixture
def token_for(db):
    """Make a user with ``role`` and an API token: returns (user, token)."""
    def make(role):
        user = make_user(role)
        token = issue_api_token(user)
        db.session.commit()
        return user, token
    return make


@pytest.fixture
def api(client, token_for):
    """Call the API as a new user of ``role``: ``api(role)`` returns a caller whose
    ``.get/.post/.put(path, json=...)`` carry the token; ``.user`` is who they are."""
    class Caller:
        def __init__(self, role):
            self.user, self.token = token_for(role)

        def __getattr__(self, method):
            def send(path, **kwargs):
                headers = {**bearer(self.token), **kwargs.pop("headers", {})}
                return getattr(client, method)(f"/api/v1{path}", headers=headers, **kwargs)
            return send
    return Caller
