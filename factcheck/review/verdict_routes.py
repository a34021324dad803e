"""Verdict actions: draft (reviewers), approve and publish or send back (editors)."""
from flask import redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import role_required
from ..extensions import db
from ..models import Rating, Role
from .blueprint import bp
from .forms import ActionForm, SendBackForm, VerdictForm
from .loading import claim_or_404, verdict_or_404
from .outcome import run_and_flash
from .page import rating_choices, render_claim_page
from .verdicts import approve_and_publish, draft_verdict, send_back


@bp.route("/claims/<public_id>/verdict", methods=["POST"])
@role_required(Role.REVIEWER)
def save_verdict(public_id: str):
    """Write or rewrite the draft verdict."""
    claim = claim_or_404(public_id)
    form = VerdictForm()
    form.rating.choices = rating_choices()
    if not form.validate_on_submit():
        return render_claim_page(claim, verdict_form=form, status=400)
    rating = db.session.get(Rating, form.rating.data)
    ok = run_and_flash(
        lambda: draft_verdict(claim, rating, form.rationale.data, current_user,
                              correction_note=form.correction_note.data),
        _("Verdict saved as a draft. An editor must approve it."))
    if not ok:
        return render_claim_page(claim, verdict_form=form, status=400)
    return redirect(url_for("review.claim", public_id=public_id) + "#verdict")


@bp.route("/claims/<public_id>/verdicts/<int:verdict_id>/publish", methods=["POST"])
@role_required(Role.EDITOR)
def publish(public_id: str, verdict_id: int):
    """Approve and publish a draft written by someone else."""
    claim = claim_or_404(public_id)
    verdict = verdict_or_404(claim, verdict_id)
    if ActionForm().validate_on_submit():
        run_and_flash(lambda: approve_and_publish(verdict, current_user), _("Verdict published."))
    return redirect(url_for("review.claim", public_id=public_id) + "#verdict")


@bp.route("/claims/<public_id>/verdicts/<int:verdict_id>/send-back", methods=["POST"])
@role_required(Role.EDITOR)
def return_verdict(public_id: str, verdict_id: int):
    """Send a draft back to its author with a comment."""
    claim = claim_or_404(public_id)
    verdict = verdict_or_404(claim, verdict_id)
    form = SendBackForm()
    if not form.validate_on_submit():
        return render_claim_page(claim, send_back_form=form, status=400)
    run_and_flash(lambda: send_back(verdict, form.comment.data, current_user),
                  _("Draft sent back to its author."))
    return redirect(url_for("review.claim", public_id=public_id) + "#verdict")
