"""Document list, document page, and bringing a new document in."""
from collections import Counter

from flask import current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..auth.permissions import role_required
from ..extensions import db
from ..models import Document, Role
from ..tracking.queries import checked_in_group, findings
from . import bp
from .forms import IngestForm
from .handoff import dispatch, submit
from .highlight import document_blocks
from .progress import extraction_message, extraction_report, extraction_state, is_stalled
from .queries import latest_documents
from .services import TooLongToExtract, retry_extraction, submit_document
from .submission import SubmissionError, article_from, new_document, source_field


@bp.route("/")
@login_required
def index():
    """The latest documents with their claim counts."""
    return render_template("documents/index.html", rows=latest_documents())


@bp.route("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    """One document: its text with claims, figures and speakers marked."""
    document = db.get_or_404(Document, document_id)
    state = extraction_state(document, current_app)
    counts = Counter(claim.status.value for claim in document.claims)
    ids = [claim.id for claim in document.claims]
    return render_template("documents/show.html", document=document, counts=counts,
                           blocks=document_blocks(document.text, document.claims),
                           repeats=checked_in_group(ids), conflicts=findings(ids, "conflict"),
                           queue=state.queue if state else None,
                           stalled=is_stalled(document, state),
                           extraction_message=extraction_message(document, state))


@bp.route("/documents/<int:document_id>/progress")
@login_required
def extraction_progress(document_id: int):
    """Extraction state of a document, for the page that waits on it (JSON)."""
    document = db.get_or_404(Document, document_id)
    return jsonify(extraction_report(document, current_app,
                                     technical=current_user.has_role(Role.ADMIN)))


@bp.route("/documents/<int:document_id>/extraction/retry", methods=["POST"],
          endpoint="retry_extraction")
@role_required(Role.REVIEWER)
def retry(document_id: int):
    """Find the claims of a document again, after a failure or a lost job."""
    document = db.get_or_404(Document, document_id)  # CSRFProtect has checked the token
    done = dispatch(retry_extraction(document, current_user, current_app), current_app)
    flash(done.message, done.category)
    return redirect(url_for("documents.show", document_id=document.id))


@bp.route("/documents/new", methods=["GET", "POST"])
@role_required(Role.REVIEWER)
def new():
    """Paste, upload or fetch an article; reviewers and above may add documents."""
    form = IngestForm()
    if not form.validate_on_submit():
        return render_template("documents/new.html", form=form), 400 if form.errors else 200
    try:
        article = article_from(form, current_app)
        new_text = new_document(form, article)
        done = submit(lambda: submit_document(new_text, current_user, current_app),
                      current_app)
    except SubmissionError as exc:
        getattr(form, exc.field).errors.append(str(exc))
        return render_template("documents/new.html", form=form), exc.status
    except TooLongToExtract as exc:
        getattr(form, source_field(form)).errors.append(str(exc))
        return render_template("documents/new.html", form=form), 413
    flash(done.message, done.category)
    return redirect(url_for("documents.show", document_id=done.document.id))
