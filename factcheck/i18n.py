"""Interface language: French by default, English on request."""
from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import force_locale, get_locale
from flask_babel import format_date as _format_date
from flask_babel import format_datetime as _format_datetime

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


def display_locale() -> str:
    """The interface language with the browser's region for it, for dates: an en-GB browser
    reads 08/12/2026, an en-US one 12/8/26, a fr-CA one 2026-12-08 (the texts stay 'en' or
    'fr'). The interface language alone when the browser names no region of it."""
    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    if not has_request_context():
        return language
    for value, _ in request.accept_languages:
        code = value.replace("-", "_")
        if code.lower().startswith(language.lower() + "_"):
            try:
                return str(Locale.parse(code))
            except (ValueError, UnknownLocaleError):
                continue
    return language


def format_date(value, format: str = "medium") -> str:
    """``flask_babel.format_date`` in the reader's regional format (``display_locale``)."""
    with force_locale(display_locale()):
        return _format_date(value, format)


def format_datetime(value, format: str = "medium") -> str:
    """``flask_babel.format_datetime`` in the reader's regional format."""
    with force_locale(display_locale()):
        return _format_datetime(value, format)


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
