"""What a reviewer submitted on the ingest form, turned into article text."""
from datetime import date, datetime, time
from typing import Optional

from flask import Flask
from flask_babel import lazy_gettext as _l

from .fetch import FetchError, fetch
from .forms import IngestForm
from .reading import ArticleText, UnreadableInput, read_page, read_upload


class SubmissionError(ValueError):
    """The submitted text, file or address gave no usable text; ``field`` names the culprit."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def article_from(form: IngestForm, app: Flask) -> ArticleText:
    """The article text from whichever source the form carries."""
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
