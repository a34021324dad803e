"""The claim page: context, corrections, assignment, dismissal, sources."""
from datetime import datetime, time

from flask import flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...auth.permissions import role_required
from ...models import Claim, DismissalReason, Role, Stance
from .. import bp
from ..forms import ActionForm, AssignForm, ClaimEditForm, DismissForm, LinkSourceForm
from ..page import render_claim_page
from ..queries import (
    claim_or_404,
    last_change,
    link_or_404,
    published_verdict,
    search_sources,
    user_by_id,
)
from ..services import (
    FigureEdit,
    assign_claims,
    correct_claim,
    dismiss_claims,
    find_or_add_source,
    link_source,
    reopen_claim,
    unlink_source,
)
from .common import attempt, run_and_flash


@bp.route("/claims/<public_id>")
@login_required
def claim(public_id: str):
    """Everything about one claim."""
    return render_claim_page(claim_or_404(public_id))


@bp.route("/claims/<public_id>/edit", methods=["POST"])
@role_required(Role.REVIEWER)
def edit(public_id: str):
    """Save corrections; a stale version is a conflict, never a silent overwrite."""
    claim = claim_or_404(public_id)
    form = ClaimEditForm()
    if not form.validate_on_submit() or not form.version.data.isdigit():
        return render_claim_page(claim, edit_form=form, status=400)
    figures = [FigureEdit(f.text.data.strip(), f.value.data, f.unit.data.strip() or None,
                          f.qualifier.data or None)
               for f in form.figures if not f.remove.data and f.text.data.strip()]
    failed = attempt(lambda: correct_claim(claim, int(form.version.data), current_user,
                                           wording=form.wording.data, speaker=form.speaker.data,
                                           figures=figures))
    if failed == 409:
        claim = claim_or_404(public_id)
        form.version.data = str(claim.version)  # saving again overwrites, knowingly
        return render_claim_page(claim, edit_form=form, conflict=last_change(claim), status=409)
    if failed:
        return render_claim_page(claim_or_404(public_id), edit_form=form, status=failed)
    flash(_saved(_("Corrections saved."), claim), "success")
    return redirect(url_for("review.claim", public_id=public_id))


def _saved(message: str, claim: Claim) -> str:
    """The success message, saying when the change waits for an editor's approval."""
    if published_verdict(claim) is None:
        return message
    pending = _("Readers see this change once an editor approves the correction.")
    return f"{message} {pending}"


@bp.route("/claims/<public_id>/assign", methods=["POST"])
@role_required(Role.REVIEWER)
def assign(public_id: str):
    """Take the claim, give it back (release=1), or hand it to a colleague (editors)."""
    claim, form = claim_or_404(public_id), AssignForm()
    if not form.validate_on_submit():
        flash(_("Choose who takes the claim."), "error")
        return render_claim_page(claim, status=400)
    assignee = current_user
    if form.release.data:
        assignee = None
    elif form.assignee.data:
        assignee = user_by_id(int(form.assignee.data))
        if assignee is None:
            flash(_("No such user."), "error")
            return render_claim_page(claim, status=400)
    versions = {claim.id: int(form.version.data)} if (form.version.data or "").isdigit() else None
    done = (_("Claim given back.") if assignee is None
            else _("Claim assigned to you.") if assignee.id == current_user.id
            else _("Claim assigned to %(name)s.", name=assignee.name))
    failed = run_and_flash(lambda: assign_claims([claim], assignee, current_user, versions),
                           done)
    if failed:
        return render_claim_page(claim_or_404(public_id), status=failed)
    return redirect(url_for("review.claim", public_id=public_id))


@bp.route("/claims/<public_id>/dismiss", methods=["POST"])
@role_required(Role.REVIEWER)
def dismiss(public_id: str):
    """Take the claim out of the queue with a reason."""
    claim, form = claim_or_404(public_id), DismissForm()
    if form.validate_on_submit():
        reason = DismissalReason(form.reason.data)
        run_and_flash(lambda: dismiss_claims([claim], reason, current_user),
                      _("Claim dismissed."))
    return redirect(url_for("review.claim", public_id=public_id))


@bp.route("/claims/<public_id>/reopen", methods=["POST"])
@role_required(Role.REVIEWER)
def reopen(public_id: str):
    """Bring a dismissed claim back."""
    claim = claim_or_404(public_id)
    if ActionForm().validate_on_submit():
        run_and_flash(lambda: reopen_claim(claim, current_user), _("Claim reopened."))
    return redirect(url_for("review.claim", public_id=public_id))


@bp.route("/claims/<public_id>/sources", methods=["POST"])
@role_required(Role.REVIEWER)
def add_source(public_id: str):
    """Link a source (found by its normalised URL, or created) with a stance."""
    claim, form = claim_or_404(public_id), LinkSourceForm()
    if not form.validate_on_submit():
        return render_claim_page(claim, source_form=form, status=400)
    published = datetime.combine(form.published_on.data, time()) if form.published_on.data \
        else None

    def link():
        source = find_or_add_source(form.url.data, current_user, title=form.title.data,
                                    publisher=form.publisher.data, published_at=published,
                                    archived_url=form.archived_url.data)
        link_source(claim, source, Stance(form.stance.data), current_user,
                    excerpt=form.excerpt.data, note=form.note.data)
    failed = run_and_flash(link, _saved(_("Source linked."), claim))
    if failed:
        return render_claim_page(claim_or_404(public_id), source_form=form, status=failed)
    return redirect(url_for("review.claim", public_id=public_id) + "#sources")


@bp.route("/claims/<public_id>/sources/<int:link_id>/unlink", methods=["POST"])
@role_required(Role.REVIEWER)
def remove_source(public_id: str, link_id: int):
    """Unlink a source from the claim."""
    claim = claim_or_404(public_id)
    link = link_or_404(claim, link_id)
    if ActionForm().validate_on_submit():
        run_and_flash(lambda: unlink_source(link, current_user),
                      _saved(_("Source unlinked."), claim))
    return redirect(url_for("review.claim", public_id=public_id) + "#sources")


@bp.route("/sources/search")
@login_required
def find_sources():
    """Existing sources matching ?q= (JSON, for the claim page's search box)."""
    query = request.args.get("q", "").strip()
    found = search_sources(query) if len(query) >= 2 else []
    return jsonify(sources=[{"id": s.id, "url": s.url, "title": s.title,
                             "publisher": s.publisher} for s in found])

