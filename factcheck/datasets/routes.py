"""Dataset exports in the browser and for scripts: the export page, downloads, background files.

Visitors get published claims only, as published; signed-in users (session or API token)
get every claim their role can see. An export larger than EXPORT_INLINE_LIMIT claims is
written by a job: the page shows its progress and then a download link.
"""
from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import error_response
from ..extensions import db
from ..models import ExportStatus
from ..models.base import utcnow
from ..review.queries import active_ratings
from . import bp
from .formats import FORMATS
from .forms import PrepareExportForm
from .jobs import dispatch_export
from .queries import ExportFilters, FilterError, export_job_or_404
from .services import count_export, export_chunks
from .services.exports import ExportRefused, export_path, is_abandoned, start_export


def _audience() -> str:
    return "internal" if current_user.is_authenticated else "public"


def _filters() -> ExportFilters:
    return ExportFilters.parse(request.args)


@bp.route("/export")
def export_page():
    """Choose a format and filters; see how many claims the dataset holds."""
    try:
        filters = _filters()
    except FilterError as exc:
        return error_response(400, str(exc), "bad_filter")
    fmt = request.args.get("format") if request.args.get("format") in FORMATS else "jsonl"
    return render_template("datasets/export.html", filters=filters, fmt=fmt, formats=FORMATS,
                           total=count_export(fmt, filters, _audience()),
                           limit=current_app.config["EXPORT_INLINE_LIMIT"],
                           ratings=active_ratings(), audience=_audience(),
                           prepare=PrepareExportForm(formdata=None, format=fmt))


@bp.route("/export/claims.jsonl")
def claims_jsonl():
    """Claims as JSON Lines."""
    return _download("jsonl")


@bp.route("/export/claims.csv")
def claims_csv():
    """Claims as CSV (``?bom=1`` for spreadsheets that need a byte-order mark)."""
    return _download("csv")


@bp.route("/export/claimreview.json")
def claimreview_json():
    """Published claims as a JSON array of schema.org ClaimReview."""
    return _download("claimreview")


@bp.route("/export/datafeed.json")
def datafeed_json():
    """Published claims as a schema.org DataFeed of ClaimReview items."""
    return _download("datafeed")


def _download(fmt: str):
    if request.headers.get("Authorization") and not current_user.is_authenticated:
        # a script whose token is wrong or revoked must not get the visitors' dataset as if
        # it were everything
        return error_response(401, _("This API token is not valid (revoked, or mistyped)."),
                              "bad_token")
    try:
        filters = _filters()
    except FilterError as exc:
        return error_response(400, str(exc), "bad_filter")
    audience = _audience()
    total = count_export(fmt, filters, audience)
    if total > current_app.config["EXPORT_INLINE_LIMIT"]:
        flash(_("This export holds %(num)d claims: it is prepared in the background.",
                num=total), "info")
        return redirect(url_for(".export_page", format=fmt, **filters.as_args()), 303)
    chunks = export_chunks(fmt, filters, audience, bom=request.args.get("bom") == "1",
                           locale=str(get_locale()))
    response = Response(stream_with_context(chunks), mimetype=FORMATS[fmt].mimetype)
    _attachment(response, fmt)
    response.headers["X-Claim-Count"] = str(total)
    response.vary.update(("Cookie", "Authorization"))
    response.cache_control.private = audience == "internal"
    response.cache_control.no_store = audience == "internal"
    if audience == "public":
        response.cache_control.max_age = 300
    return response


def _attachment(response: Response, fmt: str) -> None:
    name = f"factcheck-{fmt}-{utcnow():%Y%m%d}.{FORMATS[fmt].extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if response.mimetype.startswith("text/") or fmt != "jsonl":
        response.mimetype = FORMATS[fmt].mimetype
    response.charset = "utf-8"


@bp.route("/export/prepare", methods=["POST"])
def prepare():
    """Start writing a large export in the background, then show its progress."""
    form = PrepareExportForm()
    try:
        filters = ExportFilters.parse(request.form)
    except FilterError as exc:
        return error_response(400, str(exc), "bad_filter")
    if not form.validate_on_submit():
        return error_response(400, _("Choose one of the formats offered."), "bad_format")
    fmt, audience = form.format.data, _audience()
    app = current_app._get_current_object()
    try:
        job, created = start_export(fmt, filters, audience,
                           current_user if current_user.is_authenticated else None,
                           total=count_export(fmt, filters, audience),
                           locale=str(get_locale()), bom=form.bom.data,
                           base_url=app.config["PUBLIC_BASE_URL"] or request.host_url,
                           app=app)
    except ExportRefused as exc:
        body, status = error_response(429, str(exc), "busy")
        return body, status, {"Retry-After": str(exc.retry_after)}
    db.session.commit()
    if created:
        dispatch_export(job, app)
    return redirect(url_for(".export_job", token=job.token), 303)


@bp.route("/exports/<token>")
def export_job(token: str):
    """How far a background export has got, and its download link once written."""
    job = export_job_or_404(token, current_user)
    return render_template("datasets/job.html", job=job, ExportStatus=ExportStatus,
                           abandoned=is_abandoned(job, current_app))


@bp.route("/exports/<token>/download")
def download_job(token: str):
    """The file a background export wrote."""
    job = export_job_or_404(token, current_user)
    path = export_path(current_app, job)
    if job.status is not ExportStatus.DONE or not path.exists():
        return error_response(404, _("This export is not ready, or it has expired."))
    name = f"factcheck-{job.format}-{job.created_at:%Y%m%d}.{FORMATS[job.format].extension}"
    return send_file(path, mimetype=FORMATS[job.format].mimetype, as_attachment=True,
                     download_name=name, max_age=0)
