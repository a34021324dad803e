"""The group page, and reviewers' decisions: merge, split, dismiss a match, reuse a verdict.

Each decision carries the version of the group the reviewer saw: a stale one answers 409 with
the group as it is now and the reviewer's choice kept on the page.
"""
from typing import Callable, Optional

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..auth.permissions import role_required
from ..extensions import db
from ..models import Role, Verdict, VerdictStatus
from ..review.errors import ReviewError
from ..review.queries import claim_or_404
from ..urls import safe_next
from . import bp
from .errors import GroupChanged, TrackingError
from .forms import MergeForm, ReuseForm, VersionForm
from .page import render_group
from .queries import find_group, group_or_404, match_or_404
from .services import dismiss_match, merge_groups, reuse_verdict, split_claim


def attempt(action: Callable[[], object]) -> Optional[int]:
    """Call ``action`` and commit; None when done, else 400 (reason flashed) or 409."""
    try:
        action()
        db.session.commit()
    except (TrackingError, ReviewError) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return 400
    except (GroupChanged, StaleDataError, IntegrityError):
        db.session.rollback()
        return 409
    return None


@bp.route("/groups/<group_id>")
@login_required
def group(group_id: str):
    """Every appearance of one claim, oldest first, with its conflicts."""
    return render_group(group_or_404(group_id))


@bp.route("/groups/<group_id>/merge", methods=["POST"])
@role_required(Role.REVIEWER)
def merge(group_id: str):
    """Merge another group (named by its id or a claim's id) into this one."""
    target, form = group_or_404(group_id), MergeForm()
    if not form.validate_on_submit():
        return render_group(target, merge_form=form, status=400)
    other = find_group(form.other.data)
    if other is None:
        form.other.errors.append(_("No claim group has this id."))
        return render_group(target, merge_form=form, status=400)
    failed = attempt(lambda: merge_groups(target, other, current_user, int(form.version.data)))
    if failed:
        target = group_or_404(group_id)
        form.version.data = str(target.version)  # merging again is a knowing choice
        return render_group(target, merge_form=form, changed=failed == 409, status=failed)
    flash(_("Groups merged."), "success")
    return redirect(url_for("tracking.group", group_id=group_id))


@bp.route("/claims/<public_id>/split", methods=["POST"])
@role_required(Role.REVIEWER)
def split(public_id: str):
    """Take a claim out of its group into a group of its own."""
    claim, form = claim_or_404(public_id), VersionForm()
    old = claim.group
    if not form.validate_on_submit() or old is None:
        flash(_("This form was incomplete; nothing was changed."), "error")
        return redirect(url_for("review.claim", public_id=public_id))
    failed = attempt(lambda: split_claim(claim, current_user, int(form.version.data)))
    if failed:
        return render_group(group_or_404(old.public_id), changed=failed == 409,
                            choice=f"split:{public_id}", status=failed)
    flash(_("Claim split out of the group."), "success")
    return redirect(url_for("tracking.group", group_id=old.public_id))


@bp.route("/matches/<int:match_id>/dismiss", methods=["POST"])
@role_required(Role.REVIEWER)
def dismiss(match_id: int):
    """Say a match is wrong; it does not come back."""
    match, form = match_or_404(match_id), VersionForm()
    claim = match.claim
    back = safe_next(form.next.data, url_for("review.claim", public_id=claim.public_id))
    if not form.validate_on_submit() or claim.group is None:
        flash(_("This form was incomplete; nothing was changed."), "error")
        return redirect(back)
    group_id = claim.group.public_id
    failed = attempt(lambda: dismiss_match(match, current_user, int(form.version.data)))
    if failed == 409:
        return render_group(group_or_404(group_id), changed=True, choice=f"dismiss:{match_id}",
                            status=409)
    if failed is None:
        flash(_("Match dismissed: it will not be suggested again."), "success")
    return redirect(back)


@bp.route("/claims/<public_id>/reuse/<int:verdict_id>", methods=["POST"])
@role_required(Role.REVIEWER)
def reuse(public_id: str, verdict_id: int):
    """Give this claim the verdict published for another appearance of it."""
    claim, form = claim_or_404(public_id), ReuseForm()
    verdict = db.get_or_404(Verdict, verdict_id)
    if form.validate_on_submit():
        made = []
        if not attempt(lambda: made.append(reuse_verdict(verdict, claim, current_user))):
            flash(_("Verdict reused and published.")
                  if made[0].status is VerdictStatus.PUBLISHED else
                  _("Verdict reused as a draft: an editor must approve it."), "success")
    return redirect(url_for("review.claim", public_id=public_id) + "#verdict")
