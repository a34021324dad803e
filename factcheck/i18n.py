"""Interface language: French by default, English on request."""
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale


def select_locale() -> str:
    """Pick the locale: ``?lang=``, then the session's choice, then the browser's.

    Outside a request (CLI commands, workers) the desk's default language.
    """
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in languages:
        if not current_app.session_interface.is_null_session(session):
            session["lang"] = asked  # stateless paths (badges, the API) remember nothing
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def init_app(app: Flask) -> None:
    """Point Babel at our catalogues and expose the locale to templates."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path) + "/translations")

    @app.context_processor
    def inject_locale() -> dict:
        return {"current_locale": str(get_locale()), "languages": app.config["LANGUAGES"]}
