"""Forms of the user administration pages."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from ..auth.services import MIN_PASSWORD_LENGTH, normalise_email
from ..extensions import db
from ..labels import ROLE_LABELS
from ..models import Role, User

# Deliberately loose: one @, no spaces, a dot in the domain. Internal addresses are fine.
EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


class NewUserForm(FlaskForm):
    """A new account: email, name, role and a typed or generated first password."""

    MIN_LENGTH = MIN_PASSWORD_LENGTH
    email = EmailField(_l("Email"), validators=[
        DataRequired(), Length(max=254),
        Regexp(EMAIL_SHAPE, message=_l("This is not an email address."))])
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=_role_choices(), default=Role.VIEWER.value)
    password_mode = RadioField(_l("First password"), default="generate", choices=[
        SelectChoice("generate", _l("Generate one (shown once, on the next page)")),
        SelectChoice("typed", _l("Type it"))])
    password = PasswordField(_l("Password"), validators=[Length(max=512)])
    confirm = PasswordField(_l("Password again"), validators=[Length(max=512)])

    def validate_email(self, field) -> None:
        """The address must not belong to another account."""
        email = normalise_email(field.data or "")
        if db.session.scalar(sa.select(User.id).where(User.email == email)):
            raise ValidationError(_l("Another account already uses this email."))

    def validate_password(self, field) -> None:
        """A typed password must be long enough."""
        if self.password_mode.data == "typed" and len(field.data or "") < MIN_PASSWORD_LENGTH:
            raise ValidationError(_l("The password needs at least %(num)d characters.",
                                     num=MIN_PASSWORD_LENGTH))

    def validate_confirm(self, field) -> None:
        """The two typed passwords must match."""
        if self.password_mode.data == "typed" and field.data != self.password.data:
            raise ValidationError(_l("The two passwords differ."))

    def chosen_password(self) -> str | None:
        """The typed password, or None when one must be generated."""
        return self.password.data if self.password_mode.data == "typed" else None


class RoleForm(FlaskForm):
    """Choose another role for a user."""

    role = SelectField(_l("Role"), choices=_role_choices())


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""
