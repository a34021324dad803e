"""Forms of the claim queue and claim page."""
import math
import re

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
)

from ..labels import DISMISSAL_LABELS, QUALIFIER_LABELS, STANCE_LABELS, figure_number
from ..models import DismissalReason, Stance

MAX_FIGURE = 1e15  # beyond this a typed figure is a typo (and loses precision as a float)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(member.value, label) for member, label in labels.items()]


class LenientFloatField(StringField):
    """A number typed the French or English way: '3,5', '10 000', '10,000', '1.2', '1 234,5'.

    Spaces (no-break ones too) group digits. With both a comma and a point, the last one marks
    the decimals. A lone comma marks decimals ('3,5'), except before groups of exactly three
    digits in an English interface ('10,000', '1,234,567'). Shown back in the interface's
    number format, which it reads again exactly.
    """

    def process_formdata(self, valuelist):
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            return
        try:
            number = float(_plain_number(raw))
        except ValueError:
            number = math.nan
        self.data = raw  # shown back as typed if it is refused
        if not math.isfinite(number):  # also 'inf', 'nan' and '1e309'
            raise ValueError(_l("Not a number."))
        if abs(number) > MAX_FIGURE:
            raise ValueError(_l("This number is too large."))
        self.data = number

    def _value(self):
        return figure_number(self.data) if isinstance(self.data, float) else (self.data or "")


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


def _plain_number(raw: str) -> str:
    """``raw`` as Python's float() reads it (it raises on what is left of a non-number)."""
    text = re.sub(r"[\s\u00a0\u202f\u2009']", "", raw)
    comma, point = text.rfind(","), text.rfind(".")
    if comma >= 0 and point >= 0:  # "1,234.5" or "1.234,5"
        grouping = "," if point > comma else "."
        text = text.replace(grouping, "")
        return text.replace(",", ".")
    if comma >= 0:
        english = str(get_locale() or "en").startswith("en")
        if text.count(",") > 1 or (english and _THOUSANDS.fullmatch(text)):
            return text.replace(",", "")
        return text.replace(",", ".")
    return text


class BlankStringField(StringField):
    """A text field that reads as empty when a posted form leaves its key out."""

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist else ""


class BlankSelectField(SelectField):
    """A select that falls back to its default when a posted form leaves its key out."""

    def process_formdata(self, valuelist):
        if valuelist:
            super().process_formdata(valuelist)
        else:
            self.data = self.default


class FigureForm(Form):
    """One figure of a claim, as the reviewer corrects it."""

    text = BlankStringField(_l("Figure as written"), validators=[Optional(), Length(max=500)])
    value = LenientFloatField(_l("Value"))
    unit = BlankStringField(_l("Unit or counted noun"), validators=[Optional(), Length(max=120)])
    qualifier = BlankSelectField(_l("Qualifier"), default="", choices=[
        SelectChoice("", "—"), *(SelectChoice(k, v) for k, v in QUALIFIER_LABELS.items())])
    remove = BooleanField(_l("Remove"))


class ClaimEditForm(FlaskForm):
    """Correct the extraction: wording, speaker, figures."""

    version = HiddenField(validators=[InputRequired()])
    wording = TextAreaField(_l("Normalised wording"), validators=[Length(max=5000)])
    speaker = StringField(_l("Speaker"), validators=[Optional(), Length(max=300)])
    figures = FieldList(FormField(FigureForm), min_entries=0, max_entries=30)


class LinkSourceForm(FlaskForm):
    """Link a new or existing source to the claim."""

    url = StringField(_l("Source address (URL)"),
                      validators=[DataRequired(), URL(require_tld=False), Length(max=2048)])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=500)])
    publisher = StringField(_l("Publisher"), validators=[Optional(), Length(max=200)])
    published_on = DateField(_l("Publication date"), validators=[Optional()])
    archived_url = StringField(_l("Archived copy (URL)"),
                               validators=[Optional(), URL(require_tld=False), Length(max=2048)])
    stance = SelectField(_l("Stance"), choices=_choices(STANCE_LABELS),
                         default=Stance.CONTEXT.value)
    excerpt = TextAreaField(_l("Excerpt"), validators=[Optional(), Length(max=5000)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])


class VerdictForm(FlaskForm):
    """Draft a verdict (or a correction of a published one)."""

    # "new", or "<id>:<version>" of the open draft the writer started from
    version = HiddenField(id="verdict-version", validators=[InputRequired(), Length(max=24)])
    rating = SelectField(_l("Rating"), coerce=int, validators=[InputRequired()])
    rationale = TextAreaField(_l("Rationale (Markdown)"),
                              validators=[DataRequired(), Length(max=20000)])
    correction_note = TextAreaField(_l("What the correction changes"),
                                    validators=[Optional(), Length(max=2000)])


class ApproveForm(FlaskForm):
    """An editor approves the draft version they read."""

    version = HiddenField(id="approve-version", validators=[InputRequired(), Length(max=12)])
    then = StringField(validators=[Optional(), AnyOf(["next"])])  # "next": open the next claim


class SendBackForm(FlaskForm):
    """An editor's comment when returning a draft."""

    version = HiddenField(id="send-back-version", validators=[InputRequired(), Length(max=12)])
    comment = TextAreaField(_l("Comment for the reviewer"),
                            validators=[DataRequired(), Length(max=5000)])


class DismissForm(FlaskForm):
    """Why a claim leaves the queue."""

    reason = SelectField(_l("Reason"), choices=_choices(DISMISSAL_LABELS),
                         default=DismissalReason.NOT_A_CLAIM.value)


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""


class AssignForm(FlaskForm):
    """Take a claim, give it back (``release``), or hand it to a colleague (``assignee``)."""

    assignee = StringField(validators=[Optional(), Regexp(r"^\d{1,10}$")])
    release = StringField()
    version = HiddenField()


class BulkForm(FlaskForm):
    """An action on the selected claims of the queue."""

    action = SelectField(choices=["assign_me", "assign", "unassign", "dismiss"])
    assignee = StringField(validators=[Optional(), Regexp(r"^\d{1,10}$")])
    reason = SelectField(choices=_choices(DISMISSAL_LABELS),
                         default=DismissalReason.NOT_A_CLAIM.value)
