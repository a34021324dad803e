"""Dashboard page: four aggregate queries, laid out as charts for the template to draw."""
from flask import render_template, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from ..labels import STATUS_LABELS
from ..models import AuditAction
from ..models.base import utcnow
from . import bp, queries
from .charts import BarChart, Item, bar_chart, column_chart, safe_colour

# Each counted audit action: its CSS name (for the colour) and its label in the legend.
WORK_SERIES = {
    AuditAction.CLAIM_CORRECT: ("corrections", _l("corrections")),
    AuditAction.CLAIM_LINK_SOURCE: ("sources", _l("sources linked")),
    AuditAction.VERDICT_DRAFT: ("drafted", _l("verdicts drafted")),
    AuditAction.VERDICT_PUBLISH: ("published", _l("verdicts published")),
}


@bp.route("/")
@login_required
def index():
    """Charts of the desk's work."""
    now = utcnow()
    since = queries.window_start(now)
    return render_template(
        "dashboard/index.html",
        statuses=_status_chart(),
        ratings=_rating_chart(str(get_locale())),
        work=_work_chart(since),
        days=column_chart(queries.claims_per_day(since, now.date())),
        window_days=queries.WINDOW_DAYS,
        since_day=since.date().isoformat(),
        work_series=WORK_SERIES,
    )


def _status_chart() -> BarChart:
    """One bar per claim status, linking to the queue filtered on it."""
    return bar_chart([
        Item(status.value, str(STATUS_LABELS[status]), ((status.value, n),),
             href=url_for("review.queue", status=status.value))
        for status, n in queries.claims_per_status().items()])


def _rating_chart(locale: str) -> BarChart:
    """One bar per rating, in the rating's own colour."""
    return bar_chart([
        Item(rc.rating.key, rc.rating.label(locale), ((rc.rating.key, rc.count),),
             colour=safe_colour(rc.rating.color))
        for rc in queries.published_per_rating()])


def _work_chart(since) -> BarChart:
    """One stacked bar per active user, a segment per kind of work."""
    return bar_chart([
        Item(str(work.user_id), work.name,
             tuple((WORK_SERIES[a][0], work.counts[a]) for a in queries.WORK_ACTIONS))
        for work in queries.work_per_reviewer(since)], label_width=170)
