"""What a reviewer submitted on the ingest form, turned into article text."""
from datetime import date, datetime, time
from typing import Optional

from flask import Flask
from flask_babel import lazy_gettext as _l

from .fetch import FetchError, fetch
from .forms import IngestForm
from .reading import ArticleText, UnreadableInput, read_page, read_upload
from .services import NewDocument, title_from_text


class SubmissionError(ValueError):
    """The submitted text, file or address gave no usable text; ``field`` names the culprit."""

    def __init__(self, field: str, message: str, status: int = 400):
        super().__init__(message)
        self.field = field
        self.status = status


def source_field(form: IngestForm) -> str:
    """The form field the article text came from (where its errors are shown)."""
    return "upload" if form.upload.data else "fetch_url" if form.fetch_url.data else "text"


def article_from(form: IngestForm, app: Flask) -> ArticleText:
    """The article text from whichever source the form carries (never empty)."""
    article = _article(form, app)
    if not article.text.strip():
        raise SubmissionError(source_field(form), _l("The file holds no text.")
                              if form.upload.data else _l("This page holds no text."))
    return article


def new_document(form: IngestForm, article: ArticleText) -> NewDocument:
    """The validated submission: the form's fields first, then what the article states."""
    return NewDocument(
        text=article.text,
        title=form.title.data or article.title or title_from_text(article.text, "—"),
        language=form.language.data, url=form.url.data or form.fetch_url.data,
        publisher=form.publisher.data or article.publisher,
        published_at=publication_datetime(form.published_on.data, article.published))


def _article(form: IngestForm, app: Flask) -> ArticleText:
    try:
        if form.upload.data:
            limit = app.config["MAX_UPLOAD_BYTES"]
            data = form.upload.data.read(limit + 1)
            if len(data) > limit:
                raise SubmissionError("upload", _l("The file is larger than %(mib)d MiB.",
                                                   mib=limit // (1024 * 1024)))
            return read_upload(form.upload.data.filename, data)
        if form.fetch_url.data:
            return _fetched(form.fetch_url.data, app)
    except UnreadableInput as exc:
        raise SubmissionError("upload" if form.upload.data else "fetch_url", str(exc)) from None
    return ArticleText(text=form.text.data)


def _fetched(url: str, app: Flask) -> ArticleText:
    try:
        page = fetch(url, timeout=app.config["FETCH_TIMEOUT_SECONDS"],
                     max_bytes=app.config["MAX_UPLOAD_BYTES"],
                     allow_private=app.config["FETCH_ALLOW_PRIVATE"])
    except FetchError as exc:
        raise SubmissionError("fetch_url", str(exc)) from None
    return read_page(page.body, page.content_type, page.url)


def publication_datetime(form_date: Optional[date], stated: Optional[str]) -> Optional[datetime]:
    """The date typed in the form, else the one the page states (ISO), at midnight."""
    if form_date:
        return datetime.combine(form_date, time())
    try:
        return datetime.fromisoformat(stated) if stated else None
    except ValueError:
        return None
