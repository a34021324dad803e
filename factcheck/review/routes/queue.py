"""The claim queue and its bulk actions."""
import sqlalchemy as sa
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ...auth.permissions import role_required
from ...extensions import db
from ...models import Claim, ClaimStatus, DismissalReason, Role
from ...tracking.queries import marks
from ...urls import safe_next
from .. import bp
from ..context import remember_queue
from ..errors import ReviewError
from ..forms import BulkForm
from ..queries import (
    QueueFilters,
    active_ratings,
    active_reviewers,
    counts_are_cheap,
    page_of_claims,
    status_counts,
    user_by_id,
)
from ..services import assign_claims, dismiss_claims
from .common import CONFLICTS

MAX_BULK = 500


@bp.route("/queue")
@login_required
def queue():
    """Claims to review, filtered, searched, sorted and paginated."""
    filters = QueueFilters.from_args(request.args)
    remember_queue(filters)  # the claim page's previous / next follow this queue
    page = page_of_claims(filters, current_user.id)
    claims = page.items
    return render_template("review/queue.html", filters=filters, claims=claims,
                           has_next=page.has_next, pager=page,
                           counts=(status_counts(filters, current_user.id)
                                   if counts_are_cheap(filters) else None),
                           status_values=[status.value for status in ClaimStatus],
                           marks=marks([claim.id for claim in claims]),
                           ratings=active_ratings(), reviewers=active_reviewers(),
                           bulk=BulkForm())


@bp.route("/queue/counts")
@login_required
def queue_counts():
    """The status tabs' figures for the queue's filters, as JSON: a page with a search, a
    rating or an alert filter shows its claims first and asks for these afterwards."""
    counts = status_counts(QueueFilters.from_args(request.args), current_user.id)
    return jsonify(counts=counts.counts, total=counts.total, to_do=counts.to_do,
                   bounded=counts.bounded)


@bp.route("/queue/bulk", methods=["POST"])
@role_required(Role.REVIEWER)
def bulk():
    """Assign (to me, or for editors to a colleague), unassign, or dismiss the selected
    claims; all or nothing, and a claim changed since the queue was read changes nothing."""
    form = BulkForm()
    ids = [int(i) for i in request.form.getlist("claim") if i.isdigit()][:MAX_BULK]
    back = redirect(safe_next(request.form.get("next"), url_for("review.queue")))
    if not form.validate_on_submit() or not ids:
        flash(_("Select at least one claim and an action."), "error")
        return back
    claims = db.session.scalars(sa.select(Claim).where(Claim.id.in_(ids))).all()
    try:
        count = _apply(form, claims)
        db.session.commit()
    except ReviewError as exc:
        db.session.rollback()
        flash(_("Nothing was changed: %(reason)s", reason=exc), "error")
        return back
    except CONFLICTS:
        db.session.rollback()
        flash(_("Nothing was changed: someone else changed these claims at the same moment."),
              "error")
        return back
    flash(ngettext("%(num)d claim updated.", "%(num)d claims updated.", count), "success")
    return back


def _apply(form: BulkForm, claims: list[Claim]) -> int:
    versions = {claim.id: int(v) for claim in claims
                if (v := request.form.get(f"version-{claim.id}", "")).isdigit()}
    if form.action.data == "assign_me":
        return assign_claims(claims, current_user, current_user, versions)
    if form.action.data == "assign":
        assignee = user_by_id(int(form.assignee.data)) if form.assignee.data else None
        if assignee is None:
            raise ReviewError(_("choose the colleague who takes them."))
        return assign_claims(claims, assignee, current_user, versions)
    if form.action.data == "unassign":
        return assign_claims(claims, None, current_user, versions)
    return dismiss_claims(claims, DismissalReason(form.reason.data), current_user)
