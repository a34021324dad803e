"""Jinja globals and filters shared by every template."""
from flask import Flask

from .labels import template_helpers
from .sanitize import safe_html


def init_app(app: Flask) -> None:
    """Register the helpers on ``app``'s Jinja environment."""
    app.jinja_env.globals.update(template_helpers())
    app.jinja_env.filters["sanitized"] = safe_html
