"""Role checks for views."""
from functools import wraps

from flask import abort
from flask_login import current_user

from ..extensions import login_manager
from ..models import Role


def role_required(role: Role):
    """Decorate a view: anonymous users sign in first, users below ``role`` get 403."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator
