"""Verdict actions: draft (reviewers), approve and publish or send back (editors).

Every form carries the version its user read: a draft saved from a stale page, or an approval
of a draft rewritten since it was read, answers 409 with the text as it now is.
"""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth.permissions import role_required
from ...extensions import db
from ...models import Rating, Role
from .. import bp
from ..context import remembered_queue
from ..forms import ApproveForm, SendBackForm, VerdictForm
from ..page import rating_choices, render_claim_page
from ..queries import claim_or_404, neighbours, open_verdict, verdict_or_404
from ..services import DraftVersion, approve_and_publish, draft_verdict, send_back
from .common import attempt


def _to_verdict(public_id: str):
    return redirect(url_for("review.claim", public_id=public_id) + "#verdict")


@bp.route("/claims/<public_id>/verdict", methods=["POST"])
@role_required(Role.REVIEWER)
def save_verdict(public_id: str):
    """Write or rewrite the draft verdict; a stale form is a conflict, never an overwrite."""
    claim = claim_or_404(public_id)
    form = VerdictForm()
    form.rating.choices = rating_choices()
    expected = DraftVersion.parse(form.version.data or "")
    if not form.validate_on_submit() or expected is None:
        return render_claim_page(claim, verdict_form=form, status=400)
    rating = db.session.get(Rating, form.rating.data)
    failed = attempt(lambda: draft_verdict(claim, rating, form.rationale.data, current_user,
                                           correction_note=form.correction_note.data,
                                           expected=expected))
    if failed:
        claim = claim_or_404(public_id)
        if failed == 409:  # show their text; saving again replaces it, knowingly
            form.version.data = DraftVersion.of(open_verdict(claim)).token()
        return render_claim_page(claim, verdict_form=form, verdict_conflict=failed == 409,
                                 status=failed)
    flash(_("Verdict saved as a draft. An editor must approve it."), "success")
    return _to_verdict(public_id)


@bp.route("/claims/<public_id>/verdicts/<int:verdict_id>/publish", methods=["POST"])
@role_required(Role.EDITOR)
def publish(public_id: str, verdict_id: int):
    """Approve and publish a draft written by someone else, as the editor read it."""
    claim = claim_or_404(public_id)
    verdict = verdict_or_404(claim, verdict_id)
    form = ApproveForm()
    if not form.validate_on_submit() or not form.version.data.isdigit():
        return render_claim_page(claim, status=400)
    failed = attempt(lambda: approve_and_publish(verdict, current_user, int(form.version.data)))
    if failed == 409:
        return render_claim_page(claim_or_404(public_id), review_conflict=True, status=409)
    if failed is None:
        flash(_("Verdict published."), "success")
        if form.then.data == "next":  # on to the next claim of the queue, its filters kept
            queue = remembered_queue()
            following = neighbours(claim, queue, current_user.id)[1]
            if following is not None:
                return redirect(url_for("review.claim", public_id=following))
            flash(_("That was the last claim of this queue."), "info")
            return redirect(url_for("review.queue", **queue.as_args()))
    return _to_verdict(public_id)


@bp.route("/claims/<public_id>/verdicts/<int:verdict_id>/send-back", methods=["POST"])
@role_required(Role.EDITOR)
def return_verdict(public_id: str, verdict_id: int):
    """Send a draft back to its author with a comment, as the editor read it."""
    claim = claim_or_404(public_id)
    verdict = verdict_or_404(claim, verdict_id)
    form = SendBackForm()
    if not form.validate_on_submit() or not form.version.data.isdigit():
        return render_claim_page(claim, send_back_form=form, status=400)
    failed = attempt(lambda: send_back(verdict, form.comment.data, current_user,
                                       int(form.version.data)))
    if failed == 409:
        claim = claim_or_404(public_id)
        draft = open_verdict(claim)
        form.version.data = str(draft.version) if draft else ""
        return render_claim_page(claim, send_back_form=form, review_conflict=True, status=409)
    if failed is None:
        flash(_("Draft sent back to its author."), "success")
    return _to_verdict(public_id)
