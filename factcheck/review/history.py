"""The claim's history and the conflict box in the reviewer's words.

An audit entry keeps the fields a change touched as JSON (``before`` and ``after``, field names
as the services wrote them: ``assignee_id``, ``rating_id``, ``figures``…). Here each becomes a
translated label with readable values: a status or stance by its label, a user or a rating by
its name, figures as the text with the value in the interface's number format. A field this
module does not know (an imported dataset may carry its own) keeps its name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..labels import (
    DISMISSAL_LABELS,
    QUALIFIER_LABELS,
    RELATION_LABELS,
    ROLE_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    VERDICT_STATUS_LABELS,
    figure_number,
)
from ..models import (
    AuditEntry,
    ClaimStatus,
    DismissalReason,
    Rating,
    Role,
    Stance,
    User,
    VerdictStatus,
)

FIELD_LABELS = {
    "status": _l("Status"),
    "dismissal_reason": _l("Reason for dismissal"),
    "assignee_id": _l("Assignee"),
    "normalized_text": _l("Wording"),
    "speaker": _l("Speaker"),
    "figures": _l("Figures"),
    "rating_id": _l("Rating"),
    "rationale_md": _l("Rationale"),
    "review_comment": _l("Editor's comment"),
    "correction_note": _l("Correction note"),
    "source": _l("Source"),
    "stance": _l("Stance"),
    "excerpt": _l("Excerpt"),
    "note": _l("Note"),
    "group": _l("Group"),
    "claims": _l("Claims of the group"),
    "merged": _l("Group merged into it"),
    "other": _l("Other claim"),
    "relation": _l("Relation"),
    "reuses": _l("Verdict reused"),
    "reused_claim": _l("Claim whose verdict was reused"),
    "url": _l("Address"),
    "title": _l("Title"),
    "content_hash": _l("Text fingerprint"),
}
TEXT_LIMIT = 240  # characters of a long text shown in the history


@dataclass(frozen=True)
class Change:
    """One field of an audit entry: its label, and its value before and after (None: nothing
    before, as for a field an action sets for the first time, or nothing after)."""

    field: str
    label: str
    before: Optional[str]
    after: Optional[str]


def describe(entries: Iterable[AuditEntry]) -> dict[int, list[Change]]:
    """The changes of each entry, by entry id; the users and ratings they name read at once."""
    entries = list(entries)
    users, ratings = _names(entries)
    out = {}
    for entry in entries:
        verdict = entry.target_type == "verdicts"
        before, after = entry.before or {}, entry.after or {}
        fields = [k for k in after if not (_empty(after[k]) and _empty(before.get(k)))]
        fields += [k for k in before if k not in after]
        out[entry.id] = [
            Change(key, str(FIELD_LABELS.get(key, key)),
                   None if _empty(before.get(key)) else _shown(key, before[key], verdict, users,
                                                                ratings),
                   _shown(key, after[key], verdict, users, ratings) if key in after else None)
            for key in fields]
    return out


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _names(entries: list[AuditEntry]) -> tuple[dict[int, str], dict[int, str]]:
    user_ids, rating_ids = set(), set()
    for entry in entries:
        for values in (entry.before or {}, entry.after or {}):
            if isinstance(values.get("assignee_id"), int):
                user_ids.add(values["assignee_id"])
            if isinstance(values.get("rating_id"), int):
                rating_ids.add(values["rating_id"])
    # One by one through the session: the page has usually loaded them already (the reader,
    # the assignee, the rating scale), and then no statement is sent.
    users = {i: u.name for i in user_ids if (u := db.session.get(User, i)) is not None}
    locale = str(get_locale() or "en")
    ratings = {i: r.label(locale) for i in rating_ids
               if (r := db.session.get(Rating, i)) is not None}
    return users, ratings


_ENUMS = {"dismissal_reason": (DismissalReason, DISMISSAL_LABELS),
          "stance": (Stance, STANCE_LABELS), "role": (Role, ROLE_LABELS)}


def _shown(key: str, value: Any, verdict: bool, users: dict, ratings: dict) -> str:
    """One recorded value as the reviewer reads it."""
    if _empty(value):
        return "—"
    if key == "status":
        return _enum_label(VerdictStatus if verdict else ClaimStatus,
                           VERDICT_STATUS_LABELS if verdict else STATUS_LABELS, value)
    if key in _ENUMS:
        return _enum_label(*_ENUMS[key], value)
    if key == "relation":
        return str(RELATION_LABELS.get(value, value))
    if key == "assignee_id":
        return users.get(value) or _("former user #%(id)s", id=value)
    if key == "rating_id":
        return ratings.get(value) or _("former rating #%(id)s", id=value)
    if key == "figures" and isinstance(value, list):
        return "; ".join(figure_text(f) for f in value if isinstance(f, dict)) or "—"
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return figure_number(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT - 1].rstrip() + "…"


def _enum_label(enum_cls, labels: dict, value: Any) -> str:
    try:
        return str(labels[enum_cls(value)])
    except (ValueError, KeyError):
        return str(value)


def figure_text(figure: dict) -> str:
    """"plus de 10 000 soldats = 10 000 (soldats, more than)" in the interface's words."""
    text = str(figure.get("text") or "")
    value = figure.get("value")
    details = [str(figure["unit"])] if figure.get("unit") else []
    if figure.get("qualifier"):
        details.append(str(QUALIFIER_LABELS.get(figure["qualifier"], figure["qualifier"])))
    if value is None:
        shown = text
    else:
        shown = f"{text} = {figure_number(value)}" if text else figure_number(value)
    return f"{shown} ({', '.join(details)})" if details else shown
