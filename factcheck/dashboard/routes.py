"""Dashboard page."""
from flask import Blueprint
from flask_login import login_required

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.route("/")
@login_required
def index():
    """Charts of the desk's work."""
    return "dashboard"
