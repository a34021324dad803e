"""Sign-in and change-of-password forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from .services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    """Email and password, with an option to stay signed in."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])
    remember = BooleanField(_l("Keep me signed in"))


class PasswordChangeForm(FlaskForm):
    """The current password, then the new one twice."""

    MIN_LENGTH = MIN_PASSWORD_LENGTH

    current = PasswordField(_l("Current password"),
                            validators=[DataRequired(), Length(max=512)])
    new = PasswordField(_l("New password"), validators=[
        DataRequired(), Length(max=512), Length(min=MIN_PASSWORD_LENGTH, message=_l(
            "The password needs at least %(num)d characters.", num=MIN_PASSWORD_LENGTH))])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new", message=_l("The two passwords differ."))])
