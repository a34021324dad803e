"""Forms for bringing a document in."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, Optional

LANGUAGE_CHOICES = [SelectChoice("auto", _l("Detect automatically")),
                    SelectChoice("fr", _l("French")), SelectChoice("en", _l("English"))]
MAX_TEXT_CHARS = 500_000


class PasteForm(FlaskForm):
    """Paste an article's text with its metadata."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=MAX_TEXT_CHARS)])
    url = StringField(_l("Address (URL)"),
                      validators=[Optional(), URL(require_tld=False), Length(max=2048)])
    publisher = StringField(_l("Publisher"), validators=[Optional(), Length(max=200)])
    published_on = DateField(_l("Publication date"), validators=[Optional()])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="auto")
