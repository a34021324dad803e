"""Translated labels for the values the interface shows (roles, statuses, kinds)."""
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from flask_babel import get_locale, lazy_pgettext
from flask_babel import lazy_gettext as _l

from .colours import ink
from .i18n import format_date, format_datetime
from .models import AuditAction, ClaimStatus, DismissalReason, Role, Stance, VerdictStatus

ROLE_LABELS = {Role.VIEWER: _l("viewer"), Role.REVIEWER: _l("reviewer"),
               Role.EDITOR: _l("editor"), Role.ADMIN: _l("admin")}
KIND_LABELS = {"figure": _l("figure"), "attribution": _l("attribution")}
STATUS_LABELS = {ClaimStatus.NEW: _l("new"), ClaimStatus.IN_REVIEW: _l("in review"),
                 ClaimStatus.VERDICT_DRAFTED: _l("verdict drafted"),
                 ClaimStatus.PUBLISHED: _l("published"), ClaimStatus.DISMISSED: _l("dismissed")}
DISMISSAL_LABELS = {DismissalReason.NOT_A_CLAIM: _l("not a claim"),
                    DismissalReason.NOT_CHECK_WORTHY: _l("not check-worthy"),
                    DismissalReason.DUPLICATE: _l("duplicate")}
STANCE_LABELS = {Stance.SUPPORTS: _l("supports"), Stance.REFUTES: _l("refutes"),
                 Stance.CONTEXT: _l("context")}
VERDICT_STATUS_LABELS = {  # in French a verdict is masculine, a claim (affirmation) feminine
    VerdictStatus.DRAFT: lazy_pgettext("verdict", "draft"),
    VerdictStatus.SENT_BACK: lazy_pgettext("verdict", "sent back"),
    VerdictStatus.APPROVED: lazy_pgettext("verdict", "approved"),
    VerdictStatus.PUBLISHED: lazy_pgettext("verdict", "published"),
    VerdictStatus.SUPERSEDED: lazy_pgettext("verdict", "superseded")}
# A figure's qualifier, as extraction and the figures editor name it.
QUALIFIER_LABELS = {"approximately": _l("about"), "more_than": _l("more than"),
                    "less_than": _l("less than"), "at_least": _l("at least"),
                    "at_most": _l("at most"), "range": _l("range")}
RELATION_LABELS = {"same": _l("same claim"), "conflict": _l("figure conflict")}

ACTION_LABELS = {
    AuditAction.DOCUMENT_CREATE: _l("document added"),
    AuditAction.DOCUMENT_RETRY_EXTRACTION: _l("claim extraction retried"),
    AuditAction.SOURCE_CREATE: _l("source added"),
    AuditAction.CLAIM_ASSIGN: _l("assignment changed"),
    AuditAction.CLAIM_DISMISS: _l("claim dismissed"),
    AuditAction.CLAIM_REOPEN: _l("claim reopened"),
    AuditAction.CLAIM_CORRECT: _l("extraction corrected"),
    AuditAction.CLAIM_LINK_SOURCE: _l("source linked"),
    AuditAction.CLAIM_UNLINK_SOURCE: _l("source unlinked"),
    AuditAction.VERDICT_DRAFT: _l("verdict drafted"),
    AuditAction.VERDICT_SEND_BACK: _l("verdict sent back"),
    AuditAction.VERDICT_PUBLISH: _l("verdict published"),
    AuditAction.VERDICT_REUSE: _l("verdict of another appearance reused"),
    AuditAction.GROUP_MERGE: _l("claim groups merged"),
    AuditAction.GROUP_SPLIT: _l("claim split out of its group"),
    AuditAction.MATCH_DISMISS: _l("match dismissed"),
    AuditAction.DATASET_IMPORT: _l("imported from a dataset"),
    AuditAction.USER_CREATE: _l("account created"),
    AuditAction.USER_ROLE: _l("role changed"),
    AuditAction.USER_DEACTIVATE: _l("account deactivated"),
    AuditAction.USER_REACTIVATE: _l("account reactivated"),
    AuditAction.USER_PASSWORD: _l("password reset"),
    AuditAction.USER_PASSWORD_CHANGE: _l("password changed by its owner"),
    AuditAction.USER_TOKEN: _l("API token issued"),
    AuditAction.USER_TOKEN_REVOKE: _l("API token revoked"),
}


def figure_number(value: Any) -> str:
    """A figure's value in the interface's number format, every digit kept: "10 000" or
    "10,000", "3,5" or "3.5" (what the figures editor reads back, exactly)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    return format_decimal(exact, format="#,##0.###", locale=str(get_locale() or "en"),
                          decimal_quantization=False)


def template_helpers() -> dict:
    """Globals for Jinja templates."""
    return {
        "Role": Role,
        "format_date": format_date,
        "format_datetime": format_datetime,
        "role_label": lambda role: ROLE_LABELS[role],
        "kind_label": lambda kind: KIND_LABELS.get(kind, kind),
        "status_label": lambda status: STATUS_LABELS[status],
        "dismissal_label": lambda reason: DISMISSAL_LABELS[reason],
        "stance_label": lambda stance: STANCE_LABELS[stance],
        "qualifier_label": lambda key: QUALIFIER_LABELS.get(key, key),
        "figure_number": figure_number,
        "rating_ink": ink,
        "action_label": lambda action: ACTION_LABELS.get(action, action.value),
    }
