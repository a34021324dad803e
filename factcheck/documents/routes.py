"""Document list, document page, and pasting a new document."""
from collections import Counter
from datetime import datetime, time

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..auth.permissions import role_required
from ..extensions import db
from ..models import Claim, Document, Role
from .forms import PasteForm
from .highlight import document_blocks
from .ingest import ingest_text

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
    """One document: its text and its claims."""
    document = db.get_or_404(Document, document_id)
    counts = Counter(claim.status.value for claim in document.claims)
    return render_template("documents/show.html", document=document, counts=counts,
                           blocks=document_blocks(document.text, document.claims))


@bp.route("/documents/new", methods=["GET", "POST"])
@role_required(Role.REVIEWER)
def new():
    """Paste an article; a reviewer or above may add documents."""
    form = PasteForm()
    if not form.validate_on_submit():
        return render_template("documents/new.html", form=form), 400 if form.errors else 200
    published = datetime.combine(form.published_on.data, time()) if form.published_on.data \
        else None
    document, created = ingest_text(form.text.data, form.title.data, current_user,
                                    url=form.url.data, publisher=form.publisher.data,
                                    published_at=published, language=form.language.data)
    if not created:
        flash(_("This text was already added."), "info")
        return redirect(url_for("documents.show", document_id=document.id))
    db.session.commit()
    flash(ngettext("Document added: %(num)d claim found.",
                   "Document added: %(num)d claims found.", len(document.claims)), "success")
    return redirect(url_for("documents.show", document_id=document.id))
