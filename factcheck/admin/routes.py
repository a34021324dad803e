"""User management pages (admins only)."""
from flask import Blueprint

from ..auth.permissions import role_required
from ..models import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@role_required(Role.ADMIN)
def users():
    """List of accounts."""
    return "users"
