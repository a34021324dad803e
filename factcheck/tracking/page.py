"""Rendering the group page, with its forms (fresh, or as the reviewer filled them)."""
from flask import render_template

from ..extensions import db
from ..models import ClaimGroup, ClaimMatch
from .forms import MergeForm, VersionForm
from .queries import appearances, group_conflicts, group_verdict, merge_suggestions


def render_group(group: ClaimGroup, status: int = 200, changed: bool = False,
                 choice: str = "", **forms):
    """The group page; ``changed`` says the group moved since the reviewer's form was loaded,
    ``choice`` names what they asked for (kept visible, to do again knowingly)."""
    claims = appearances(group)
    context = {
        "group": group,
        "claims": claims,
        "verdict": group_verdict(claims),
        "conflicts": group_conflicts(group),
        "suggestions": merge_suggestions(group),
        "changed": changed,
        "choice": choice,
        "chosen_match": _chosen_match(choice),
        "merge_form": forms.get("merge_form") or MergeForm(formdata=None,
                                                           version=str(group.version)),
        "version_form": VersionForm(formdata=None, version=str(group.version)),
    }
    return render_template("tracking/group.html", **context), status


def _chosen_match(choice: str):
    """The match a reviewer asked to dismiss from a page that was stale, if any."""
    kind, _sep, value = choice.partition(":")
    return db.session.get(ClaimMatch, int(value)) if kind == "dismiss" and value.isdigit() \
        else None
