"""Reviewers' decisions: merge, split and dismiss survive re-ingest and rebuild; verdict reuse."""
import json
import re

import pytest
import sqlalchemy as sa

from factcheck.models import AuditAction, AuditEntry, ClaimMatch, ClaimStatus, Role, VerdictStatus
from factcheck.review.services import approve_and_publish, draft_verdict
from tests.conftest import post_form
from tests.factories import make_user, rating
from tests.tracking.conftest import JOBLESS, SOLDIERS, SOLDIERS_15, TEACHERS, claim_with

pytestmark = pytest.mark.model


def _merge(client, target, other, version=None):
    page = f"/groups/{target.public_id}"
    return post_form(client, f"{page}/merge", {"other": other,
                                              "version": version or target.version}, page)


def test_merge_holds_when_a_third_article_repeats_the_merged_sentence(ingest, reviewer, db,
                                                                       runner):
    ingest(TEACHERS, title="Un", day=1)
    ingest(JOBLESS, title="Deux", day=2)
    teachers, jobless = claim_with(db, "Le gouvernement"), claim_with(db, "Le chômage")
    response = _merge(reviewer, teachers.group, jobless.group.public_id)
    assert response.status_code == 302
    ingest(f"Emploi. {JOBLESS}", title="Trois", day=3)
    db.session.expire_all()
    third = claim_with(db, "Le chômage", "Trois")
    assert third.group_id == teachers.group_id == claim_with(db, "Le chômage", "Deux").group_id
    assert runner.invoke(args=["tracking", "rebuild"]).exit_code == 0
    db.session.expire_all()
    assert len({c.group_id for c in (teachers, third, claim_with(db, "Le chômage", "Deux"))}) == 1
    assert db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == AuditAction.GROUP_MERGE)) is not None


def test_split_holds_when_a_third_article_repeats_the_split_sentence(ingest, reviewer, db,
                                                                      runner):
    ingest(TEACHERS, title="Un", day=1)
    ingest(f"Rentrée. {TEACHERS}", title="Deux", day=2)
    second = claim_with(db, "Le gouvernement", "Deux")
    first = claim_with(db, "Le gouvernement", "Un")
    assert first.group_id == second.group_id
    # Identical wording stays together: the split is refused with a reason, not a 500.
    page = f"/groups/{first.group.public_id}"
    refused = post_form(reviewer, f"/claims/{second.public_id}/split",
                        {"version": first.group.version}, page)
    assert refused.status_code == 400
    assert "des phrases identiques restent ensemble" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert first.group_id == second.group_id


def test_split_of_a_near_repeat_survives_reingest_and_rebuild(ingest, reviewer, db, runner):
    near = TEACHERS.replace("a annoncé le ministre", "a indiqué le ministre")
    ingest(TEACHERS, title="Un", day=1)
    ingest(near, title="Deux", day=2)
    first, second = claim_with(db, "Le gouvernement", "Un"), claim_with(db, "Le gouvernement",
                                                                        "Deux")
    assert first.group_id == second.group_id
    page = f"/groups/{first.group.public_id}"
    response = post_form(reviewer, f"/claims/{second.public_id}/split",
                         {"version": first.group.version}, page)
    assert response.status_code == 302
    db.session.expire_all()
    assert first.group_id != second.group_id
    ingest(f"Éducation. {near}", title="Trois", day=3)
    db.session.expire_all()
    third = claim_with(db, "Le gouvernement", "Trois")
    assert third.group_id == second.group_id != first.group_id
    assert runner.invoke(args=["tracking", "rebuild"]).exit_code == 0
    db.session.expire_all()
    assert first.group_id != second.group_id == third.group_id


def test_a_dismissed_conflict_does_not_come_back_after_rebuild(ingest, reviewer, db, runner):
    ingest(SOLDIERS, title="Dix", day=1)
    ingest(SOLDIERS_15, title="Quinze", day=2)
    ten = claim_with(db, "Plus de 10")
    match = db.session.scalars(sa.select(ClaimMatch).where(ClaimMatch.claim_id == ten.id)).one()
    response = post_form(reviewer, f"/matches/{match.id}/dismiss",
                         {"version": ten.group.version}, f"/claims/{ten.public_id}")
    assert response.status_code == 302
    page = reviewer.get(f"/claims/{ten.public_id}").get_data(as_text=True)
    assert "figure-conflict" not in page
    assert runner.invoke(args=["tracking", "rebuild"]).exit_code == 0
    live = db.session.scalar(sa.select(sa.func.count()).select_from(ClaimMatch)
                             .where(ClaimMatch.dismissed_at.is_(None)))
    assert live == 0
    assert "figure-conflict" not in reviewer.get(f"/claims/{ten.public_id}").get_data(
        as_text=True)


def test_stale_merge_answers_409_and_keeps_the_choice(ingest, reviewer, db):
    ingest(TEACHERS, title="Un", day=1)
    ingest(JOBLESS, title="Deux", day=2)
    ingest(SOLDIERS, title="Trois", day=3)
    teachers, jobless = claim_with(db, "Le gouvernement"), claim_with(db, "Le chômage")
    seen = teachers.group.version
    assert _merge(reviewer, teachers.group, claim_with(db, "Plus de").group.public_id) \
        .status_code == 302  # a colleague's merge moves the version
    stale = _merge(reviewer, teachers.group, jobless.group.public_id, version=seen)
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert f'value="{jobless.group.public_id}"' in page and 'role="alert"' in page
    db.session.expire_all()
    assert jobless.group_id != teachers.group_id


def test_stale_split_answers_409(ingest, reviewer, db):
    near = TEACHERS.replace("a annoncé le ministre", "a indiqué le ministre")
    ingest(TEACHERS, title="Un", day=1)
    ingest(near, title="Deux", day=2)
    second = claim_with(db, "Le gouvernement", "Deux")
    response = post_form(reviewer, f"/claims/{second.public_id}/split",
                         {"version": second.group.version + 5},
                         f"/groups/{second.group.public_id}")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert f'chosen" data-claim="{second.public_id}"' in page and 'role="alert"' in page
    db.session.expire_all()
    assert claim_with(db, "Le gouvernement", "Un").group_id == second.group_id


def test_bad_merges_get_a_message(ingest, reviewer, db):
    ingest(TEACHERS, title="Un")
    group = claim_with(db, "Le gouvernement").group
    unknown = _merge(reviewer, group, "nope-nope")
    assert unknown.status_code == 400 and 'class="errors"' in unknown.get_data(as_text=True)
    itself = _merge(reviewer, group, group.public_id)
    assert itself.status_code == 400
    assert "ne peut pas être fusionné avec lui-même" in itself.get_data(as_text=True)
    assert reviewer.get("/groups/unknown-group").status_code == 404


def _published_first(db, ingest, author=None):
    ingest(TEACHERS, title="Un", day=1)
    ingest(f"Rentrée. {TEACHERS}", title="Deux", day=2)
    first = claim_with(db, "Le gouvernement", "Un")
    author = author or make_user(Role.REVIEWER)
    verdict = draft_verdict(first, rating("false"), "Le budget ne prévoit que 1 000 postes.",
                            author)
    approve_and_publish(verdict, make_user(Role.EDITOR))
    db.session.commit()
    return verdict, claim_with(db, "Le gouvernement", "Deux")


def _reuse(client, claim, verdict):
    return post_form(client, f"/claims/{claim.public_id}/reuse/{verdict.id}", {},
                     f"/claims/{claim.public_id}")


def test_a_reviewers_reuse_is_a_draft_an_editor_approves(ingest, client, login_as, db):
    published, other = _published_first(db, ingest)
    login_as(Role.REVIEWER)
    page = client.get(f"/claims/{other.public_id}").get_data(as_text=True)
    assert 'class="alert already-checked"' in page
    assert published.published_at.date().isoformat() in page
    assert f"/claims/{other.public_id}/reuse/{published.id}" in page
    assert _reuse(client, other, published).status_code == 302
    db.session.expire_all()
    verdict = other.verdicts[-1]
    assert verdict.status is VerdictStatus.DRAFT and verdict.reuses_id == published.id
    assert verdict.rating.key == "false" and verdict.rationale_md == published.rationale_md
    assert other.status is ClaimStatus.VERDICT_DRAFTED
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == AuditAction.VERDICT_REUSE))
    assert entry.target_id == verdict.id and entry.after["reuses"] == published.id


def test_an_editor_publishes_a_reuse_in_one_click(ingest, client, login_as, db):
    published, other = _published_first(db, ingest)
    login_as(Role.EDITOR)
    assert _reuse(client, other, published).status_code == 302
    db.session.expire_all()
    assert other.verdicts[-1].status is VerdictStatus.PUBLISHED
    assert other.status is ClaimStatus.PUBLISHED
    public = client.get(f"/c/{other.public_id}")
    assert public.status_code == 200


def test_an_editor_who_wrote_the_verdict_cannot_publish_its_reuse_alone(ingest, client, db):
    from tests.conftest import signed_in_user
    author = signed_in_user(db, client, Role.EDITOR)
    published, other = _published_first(db, ingest, author=author)
    assert _reuse(client, other, published).status_code == 302
    db.session.expire_all()
    assert other.verdicts[-1].status is VerdictStatus.DRAFT  # a second editor must approve


def test_an_unpublished_verdict_cannot_be_reused_by_guessing_its_id(ingest, client, login_as,
                                                                    db):
    ingest(TEACHERS, title="Un", day=1)
    ingest(f"Rentrée. {TEACHERS}", title="Deux", day=2)
    first, other = claim_with(db, "Le gouvernement", "Un"), claim_with(db, "Le gouvernement",
                                                                       "Deux")
    draft = draft_verdict(first, rating("false"), "Pas encore relu.", make_user(Role.REVIEWER))
    db.session.commit()
    login_as(Role.EDITOR)
    _reuse(client, other, draft)
    db.session.expire_all()
    assert other.verdicts == [] and draft.status is VerdictStatus.DRAFT


def test_queue_filters_and_marks_repeats_and_conflicts(ingest, client, login_as, db):
    published, other = _published_first(db, ingest)
    ingest(SOLDIERS, title="Dix", day=3)
    ingest(SOLDIERS_15, title="Quinze", day=4)
    login_as(Role.VIEWER)
    repeats = client.get("/queue?tracking=repeat").get_data(as_text=True)
    assert f"/claims/{other.public_id}" in repeats and "Plus de 10" not in repeats
    assert "mark-repeat" in repeats
    conflicts = client.get("/queue?tracking=conflict").get_data(as_text=True)
    assert "Plus de 10" in conflicts and "Environ 15" in conflicts
    assert f"/claims/{other.public_id}" not in conflicts and "mark-conflict" in conflicts
    assert "mark-conflict" in client.get("/queue").get_data(as_text=True)


def test_public_page_and_claimreview_list_every_appearance(ingest, client, db):
    ingest(TEACHERS, title="Un", day=1)
    ingest(f"Rentrée. {TEACHERS}", title="Deux", day=5)
    second = claim_with(db, "Le gouvernement", "Deux")
    verdict = draft_verdict(second, rating("false"), "Non.", make_user(Role.REVIEWER))
    approve_and_publish(verdict, make_user(Role.EDITOR))
    db.session.commit()
    page = client.get(f"/c/{second.public_id}").get_data(as_text=True)
    listed = re.search(r'<section class="appearances">(.*?)</section>', page, re.S).group(1)
    assert listed.index("Un") < listed.index("Deux") and "Première apparition" in listed
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                                re.S).group(1))
    item = data["itemReviewed"]
    assert [a["headline"] for a in item["appearance"]] == ["Un", "Deux"]
    assert item["firstAppearance"]["headline"] == "Un"
    assert item["firstAppearance"]["datePublished"] == "2026-08-01"


def test_an_appearance_ingested_after_publication_waits_for_the_next_snapshot(ingest, client,
                                                                               db):
    published, other = _published_first(db, ingest)
    ingest(f"Troisième reprise. {TEACHERS}", title="Trois", day=9)
    page = client.get(f"/c/{published.claim.public_id}").get_data(as_text=True)
    listed = re.search(r'<section class="appearances">(.*?)</section>', page, re.S).group(1)
    assert "Deux" in listed and "Trois" not in listed  # only what the editor published


def test_old_snapshots_without_appearances_still_read(db):
    from factcheck.publish.queries import PublicContent
    content = PublicContent.read({"wording": "W", "appearance": {"title": "T"},
                                  "first_appearance": None})
    assert [a.title for a in content.appearances] == ["T"] and content.first_appearance is None


def test_stale_dismissal_answers_409_and_offers_it_again(ingest, reviewer, db):
    ingest(SOLDIERS, title="Dix", day=1)
    ingest(SOLDIERS_15, title="Quinze", day=2)
    ten = claim_with(db, "Plus de 10")
    match = db.session.scalars(sa.select(ClaimMatch).where(ClaimMatch.claim_id == ten.id)).one()
    response = post_form(reviewer, f"/matches/{match.id}/dismiss",
                         {"version": ten.group.version + 1}, f"/claims/{ten.public_id}")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'id="your-choice"' in page and f"/matches/{match.id}/dismiss" in page
    db.session.expire_all()
    assert match.dismissed_at is None


def test_dismissing_a_same_match_takes_the_newer_claim_out_for_good(ingest, reviewer, db,
                                                                     runner):
    near = TEACHERS.replace("a annoncé le ministre", "a indiqué le ministre")
    ingest(TEACHERS, title="Un", day=1)
    ingest(near, title="Deux", day=2)
    first, second = (claim_with(db, "Le gouvernement", t) for t in ("Un", "Deux"))
    match = db.session.scalars(sa.select(ClaimMatch).where(ClaimMatch.claim_id == first.id)).one()
    assert match.relation == "same" and first.group_id == second.group_id
    response = post_form(reviewer, f"/matches/{match.id}/dismiss",
                         {"version": first.group.version}, f"/claims/{first.public_id}")
    assert response.status_code == 302
    db.session.expire_all()
    assert first.group_id != second.group_id
    assert runner.invoke(args=["tracking", "rebuild"]).exit_code == 0
    db.session.expire_all()
    assert first.group_id != second.group_id
    assert db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == AuditAction.MATCH_DISMISS)).target_id == first.id
