"""Cookie sessions, except on the public machine-facing routes and the API.

Badges, feeds and oEmbed are fetched by other sites and caches: they must not read or set the
session cookie, or every response would carry ``Vary: Cookie`` and defeat shared caches.
The JSON API (``/api/``) authenticates by token alone: a browser's session is never read
there, so no other site can make a signed-in browser act through it.
"""
import re

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

STATELESS_PATHS = re.compile(r"^/(c/[^/]+/badge\.svg|healthz|readyz|oembed|checks/feed\.atom"
                             r"|checks/claimreview\.json|api/.*)$")


class PublicAwareSessionInterface(SecureCookieSessionInterface):
    """The usual signed-cookie session, switched off for stateless paths."""

    def open_session(self, app: Flask, request):
        """No session (a read-only null one) on stateless paths."""
        if STATELESS_PATHS.match(request.path):
            return self.make_null_session(app)
        return super().open_session(app, request)

    def save_session(self, app: Flask, session, response) -> None:
        """Nothing to save, and no ``Vary: Cookie``, for a null session."""
        if self.is_null_session(session):
            return
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """Install the session interface."""
    app.session_interface = PublicAwareSessionInterface()
