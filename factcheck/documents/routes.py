"""Document list, document page, and bringing a new document in."""
from collections import Counter

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from redis.exceptions import RedisError

from ..auth.permissions import role_required
from ..extensions import db
from ..jobs import enqueue_extraction, progress
from ..models import Claim, Document, Role
from .forms import IngestForm
from .highlight import document_blocks
from .ingest import extract_claims, ingest_text, title_from_text
from .submission import SubmissionError, article_from, publication_datetime

bp = Blueprint("documents", __name__)


@bp.route("/")
@login_required
def index():
    """The latest documents with their claim counts."""
    rows = db.session.execute(
        sa.select(Document, sa.func.count(Claim.id))
        .outerjoin(Claim).group_by(Document.id)
        .order_by(Document.created_at.desc()).limit(100)
    ).all()
    return render_template("documents/index.html", rows=rows)


@bp.route("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    """One document: its text with claims, figures and speakers marked."""
    document = db.get_or_404(Document, document_id)
    counts = Counter(claim.status.value for claim in document.claims)
    return render_template("documents/show.html", document=document, counts=counts,
                           blocks=document_blocks(document.text, document.claims))


@bp.route("/documents/<int:document_id>/progress")
@login_required
def extraction_progress(document_id: int):
    """Extraction state of a document, for the page that waits on it (JSON)."""
    document = db.get_or_404(Document, document_id)
    return jsonify(status=document.extraction_status.value, claims=len(document.claims),
                   progress=progress(current_app, document), error=document.extraction_error)


@bp.route("/documents/new", methods=["GET", "POST"])
@role_required(Role.REVIEWER)
def new():
    """Paste, upload or fetch an article; reviewers and above may add documents."""
    form = IngestForm()
    if not form.validate_on_submit():
        return render_template("documents/new.html", form=form), 400 if form.errors else 200
    try:
        article = article_from(form, current_app)
    except SubmissionError as exc:
        getattr(form, exc.field).errors.append(str(exc))
        return render_template("documents/new.html", form=form), 400
    long_text = len(article.text) >= current_app.config["ASYNC_EXTRACTION_MIN_CHARS"]
    document, created = ingest_text(
        article.text, form.title.data or article.title or title_from_text(article.text, "—"),
        current_user, language=form.language.data, url=form.url.data or form.fetch_url.data,
        publisher=form.publisher.data or article.publisher,
        published_at=publication_datetime(form.published_on.data, article.published),
        extract_now=not long_text)
    if not created:
        flash(_("This text was already added."), "info")
    else:
        _finish(document, long_text)
    return redirect(url_for("documents.show", document_id=document.id))


def _finish(document: Document, long_text: bool) -> None:
    """Commit; queue the extraction of a long text, or run it here when no worker exists."""
    db.session.commit()
    queued = False
    if long_text:
        try:
            queued = enqueue_extraction(current_app, document)
        except RedisError:
            current_app.logger.warning("Redis unreachable: extracting document %s inline",
                                       document.id)
        if not queued:
            extract_claims(document)
        db.session.commit()
    if queued:
        flash(_("Document added. Its claims are being found; this page updates by itself."),
              "info")
    else:
        flash(ngettext("Document added: %(num)d claim found.",
                       "Document added: %(num)d claims found.", len(document.claims)),
              "success")
