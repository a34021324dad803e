"""Rendering the claim page with its forms, context and history."""

from flask import render_template
from flask_babel import get_locale
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..documents.highlight import claim_marks, paragraph_around, split_marked
from ..models import Claim, Role, Verdict, VerdictStatus
from ..tracking.queries import claim_tracking
from .context import remembered_queue
from .forms import (
    ActionForm,
    ApproveForm,
    AssignForm,
    ClaimEditForm,
    DismissForm,
    LinkSourceForm,
    SendBackForm,
    VerdictForm,
)
from .history import describe
from .queries import (
    active_ratings,
    active_reviewers,
    history,
    neighbours,
    open_verdict,
    published_verdict,
)
from .reasons import score_reasons
from .services import DraftVersion, is_author


def rating_choices() -> list[SelectChoice]:
    """The rating scale as select options, labelled in the interface language."""
    locale = str(get_locale())
    return [SelectChoice(r.id, r.label(locale)) for r in active_ratings()]


def edit_form_for(claim: Claim) -> ClaimEditForm:
    """The correction form filled with the claim's current state."""
    form = ClaimEditForm(formdata=None, version=str(claim.version), wording=claim.wording,
                         speaker=claim.attribution.speaker if claim.attribution else "")
    for figure in claim.figures:
        form.figures.append_entry({"text": figure.text, "value": figure.value,
                                   "unit": figure.unit or "", "qualifier": figure.qualifier or ""})
    form.figures.append_entry()  # one empty row to add a missing figure
    return form


def verdict_form_for(claim: Claim, draft: Verdict | None) -> VerdictForm:
    """The verdict form, filled from the open draft (else the published verdict)."""
    start = draft or published_verdict(claim)  # a correction starts from the published text
    form = VerdictForm(formdata=None, version=DraftVersion.of(draft).token(),
                       rating=start.rating_id if start else None,
                       rationale=start.rationale_md if start else "",
                       correction_note=draft.correction_note if draft else "")
    form.rating.choices = rating_choices()
    return form


def render_claim_page(claim: Claim, status: int = 200, conflict=None, verdict_conflict=False,
                      review_conflict=False, **forms):
    """The claim page; forms passed in (with their errors) replace the fresh ones.

    ``conflict`` is the claim change that beat the reviewer's save; ``verdict_conflict`` says a
    colleague saved the verdict first, ``review_conflict`` that the draft an editor acted on
    changed since they read it (the page then shows it as it is now).
    """
    text = claim.document.text
    para_start, para_end = paragraph_around(text, claim.start_char, claim.end_char)
    draft = open_verdict(claim)
    entries = history(claim)
    queue = remembered_queue()
    previous_claim, next_claim = neighbours(claim, queue, current_user.id)
    context = {
        "claim": claim,
        "reasons": score_reasons(claim.score_features),
        "queue_args": queue.as_args(),  # the queue the reviewer came from, its filters kept
        "previous_claim": previous_claim,
        "next_claim": next_claim,
        "before": text[para_start:claim.start_char],
        "pieces": split_marked(claim.sentence, claim.start_char, claim_marks(claim)),
        "after": text[claim.end_char:para_end],
        "draft": draft,
        # an editor approves a draft of someone else's (the second pair of eyes)
        "can_approve": draft is not None and draft.status is VerdictStatus.DRAFT
        and current_user.has_role(Role.EDITOR) and not is_author(draft, current_user),
        "published": published_verdict(claim),
        "history": entries,
        # each entry's fields in the reader's words (the conflict's too)
        "changes": describe([*entries, *([conflict] if conflict is not None else [])]),
        "tracking": claim_tracking(claim),
        "conflict": conflict,
        "verdict_conflict": verdict_conflict,
        "review_conflict": review_conflict,
        "edit_form": forms.get("edit_form") or edit_form_for(claim),
        "source_form": forms.get("source_form") or LinkSourceForm(formdata=None),
        "verdict_form": forms.get("verdict_form") or verdict_form_for(claim, draft),
        "send_back_form": forms.get("send_back_form") or SendBackForm(
            formdata=None, version=str(draft.version) if draft else ""),
        "approve_form": ApproveForm(formdata=None, version=str(draft.version) if draft else ""),
        "dismiss_form": DismissForm(formdata=None),
        "action_form": ActionForm(formdata=None),
        "assign_form": AssignForm(formdata=None, version=str(claim.version)),
        # who an editor can hand the claim to
        "reviewers": active_reviewers() if current_user.has_role(Role.EDITOR) else [],
    }
    return render_template("review/claim.html", **context), status
