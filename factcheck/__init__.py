"""factcheck: a claim-extraction and fact-check review tool."""
from pathlib import Path

from flask import Flask

from . import preload, security
from .config import load_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides settings read from the environment."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(app.instance_path))
    if config:
        app.config.from_mapping(config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    security.trust_proxies(app)
    preload.preload_in_background(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind every extension to the app."""
    from . import (  # noqa: F401  (models, pragmas)
        dbsetup,
        i18n,
        logs,
        models,
        security,
        sessions,
        templating,
    )
    from .auth.loaders import init_login
    from .extensions import babel, csrf, db, migrate
    from .publish import badge_cache

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    init_login(app)
    i18n.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    logs.init_app(app)
    badge_cache.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Mount one blueprint per area of the product."""
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .dashboard import bp as dashboard_bp
    from .datasets import bp as datasets_bp
    from .documents import bp as documents_bp
    from .health import bp as health_bp
    from .publish import bp as publish_bp
    from .review import bp as review_bp
    from .tracking import bp as tracking_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(documents_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(publish_bp)
    app.register_blueprint(tracking_bp)
    app.register_blueprint(datasets_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(health_bp)


def register_errorhandlers(app: Flask) -> None:
    """Friendly pages (or JSON for API clients) for HTTP errors."""
    from .errors import init_errors

    init_errors(app)


def register_commands(app: Flask) -> None:
    """Add the ``flask`` CLI commands."""
    from .commands import init_commands

    init_commands(app)
