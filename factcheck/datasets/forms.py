"""The one form of the export page that writes: asking for a background export."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from .formats import FORMATS


class PrepareExportForm(FlaskForm):
    """Format and options; the filters travel as plain fields beside it."""

    format = SelectField(_l("Format"), choices=[SelectChoice(name, name) for name in FORMATS])
    bom = BooleanField(_l("Start the CSV with a byte-order mark (older spreadsheets)"))
