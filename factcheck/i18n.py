"""Interface language: French by default, English on request."""
from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale

from .extraction.lang import SUPPORTED


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


def language_name(code: str) -> str:
    """A content language's name in the interface language ('Français', 'Spanish')."""
    try:
        name = Locale.parse(code).get_display_name(str(get_locale() or "fr"))
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def content_languages() -> list[tuple[str, str]]:
    """(code, name) of every language articles can be in: the extraction rules' folders
    (``extraction.lang.SUPPORTED``, the one list every form and filter reads)."""
    return [(code, language_name(code)) for code in SUPPORTED]


def init_app(app: Flask) -> None:
    """Point Babel at our catalogues and expose the locale to templates."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path) + "/translations")

    @app.context_processor
    def inject_locale() -> dict:
        return {"current_locale": str(get_locale()), "languages": app.config["LANGUAGES"],
                "content_languages": content_languages}
