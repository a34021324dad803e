"""Forms of the group page and the claim page's tracking panel (CSRF through Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, Regexp

VERSION = [DataRequired(), Regexp(r"^\d{1,9}$")]


class MergeForm(FlaskForm):
    """Merge another group into this one, named by its id (or one of its claims' ids)."""

    version = HiddenField(validators=VERSION)
    other = StringField(_l("Group or claim id"),
                        validators=[DataRequired(_l("Give the id of the group to merge.")),
                                    Length(max=40)])


class VersionForm(FlaskForm):
    """A split or a dismissal: only the version of the group the reviewer saw."""

    version = HiddenField(validators=VERSION)
    next = HiddenField()


class ReuseForm(FlaskForm):
    """Reuse a published verdict of another appearance (one click)."""
