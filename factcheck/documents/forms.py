"""The ingest form: paste text, upload a file, or give an address to fetch."""
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, Length, Optional

from ..extraction.lang import SUPPORTED
from ..i18n import language_name
from .services import MAX_TEXT_CHARS

LANGUAGE_CHOICES = [SelectChoice("auto", _l("Detect automatically"))] + [
    SelectChoice(code, LazyString(language_name, code)) for code in SUPPORTED]


class IngestForm(FlaskForm):
    """One article from exactly one of: pasted text, an uploaded file, a URL to fetch."""

    text = TextAreaField(_l("Paste the text"), validators=[Optional(),
                                                           Length(max=MAX_TEXT_CHARS)])
    upload = FileField(_l("or upload a file (.txt, .md, .html)"))
    fetch_url = StringField(_l("or give the article's address to fetch it"),
                            validators=[Optional(), URL(require_tld=False), Length(max=2048)])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=500)])
    url = StringField(_l("Address (URL)"),
                      validators=[Optional(), URL(require_tld=False), Length(max=2048)])
    publisher = StringField(_l("Publisher"), validators=[Optional(), Length(max=200)])
    published_on = DateField(_l("Publication date"), validators=[Optional()])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="auto")

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then exactly one source of text."""
        if not super().validate(extra_validators):
            return False
        given = [bool((self.text.data or "").strip()), bool(self.upload.data),
                 bool(self.fetch_url.data)]
        if sum(given) != 1:
            self.text.errors.append(_l("Paste a text, upload a file or give an address: "
                                       "exactly one of them."))
            return False
        return True
