"""Security headers on every response; only the embed card may be framed by other sites.

Also where the app learns the client's real address behind reverse proxies (TRUSTED_PROXIES).
"""
from flask import Flask, Response, abort, current_app, request
from flask_babel import gettext as _
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors {ancestors}")
FRAMEABLE_ENDPOINTS = {"publish.embed"}


def init_app(app: Flask) -> None:
    """Register the hooks."""
    app.before_request(reject_nul_characters)
    app.after_request(add_security_headers)


def reject_nul_characters():
    """NUL is never text a person typed, and PostgreSQL refuses it: say so with a 400."""
    values = list(request.args.values())
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        values += list(request.form.values())
    if any("\x00" in value for value in values):
        abort(400, description=_("The request contains a NUL character, which no text may "
                                 "contain."))


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies, take the client address and scheme from X-Forwarded-*.

    With 0 (the default) those headers are ignored: anyone can send them, so believing them
    would let a client pick the address that sign-in throttling counts against.
    """
    hops = int(app.config.get("TRUSTED_PROXIES", 0))
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def add_security_headers(response: Response) -> Response:
    """CSP without inline scripts, no sniffing, no referrer leaks, framing only for embeds.

    In production (HSTS_SECONDS > 0) browsers are also told to use HTTPS only.
    """
    frameable = request.endpoint in FRAMEABLE_ENDPOINTS
    response.headers.setdefault("Content-Security-Policy",
                                CSP.format(ancestors="*" if frameable else "'none'"))
    if not frameable:
        response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    hsts = int(current_app.config.get("HSTS_SECONDS", 0))
    if hsts > 0:
        response.headers.setdefault("Strict-Transport-Security",
                                    f"max-age={hsts}; includeSubDomains")
    return response
