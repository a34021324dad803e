"""Verdict workflow: a reviewer drafts, another editor publishes, corrections keep history."""
import pytest
import sqlalchemy as sa

from factcheck.models import Claim, ClaimStatus, Rating, Role, Verdict, VerdictStatus
from tests.conftest import form_field, post_form
from tests.factories import make_claim
from tests.test_migrations import scratch_url  # noqa: F401  (fixture)


@pytest.fixture
def claim(db):
    claim = make_claim()
    db.session.commit()
    return claim


def _rating(db, key: str) -> Rating:
    return db.session.scalar(sa.select(Rating).where(Rating.key == key))


def _page(claim):
    return f"/claims/{claim.public_id}"


def _version(client, claim, action: str) -> str:
    """The version the claim page's form posting to ``action`` carries now."""
    return form_field(client.get(_page(claim)).get_data(as_text=True), action, "version")


def _draft(client, claim, rating, rationale="Les chiffres de l'Insee disent **l'inverse**.",
           version=None, **extra):
    url = f"{_page(claim)}/verdict"
    data = {"rating": str(rating.id), "rationale": rationale,
            "version": version or _version(client, claim, url), **extra}
    return post_form(client, url, data, _page(claim))


def _verdict(db, claim) -> Verdict:
    db.session.expire_all()
    return db.session.scalars(sa.select(Verdict).where(Verdict.claim_id == claim.id)
                              .order_by(Verdict.id.desc())).first()


def _publish(client, claim, verdict, version=None):
    url = f"{_page(claim)}/verdicts/{verdict.id}/publish"
    data = {"version": version or _version(client, claim, url)}
    return post_form(client, url, data, _page(claim))


def test_reviewer_drafts_and_another_editor_publishes(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, editor_user = client_for(Role.EDITOR)
    assert _draft(reviewer, claim, _rating(db, "false")).status_code == 302
    verdict = _verdict(db, claim)
    assert verdict.status is VerdictStatus.DRAFT
    assert db.session.get(Claim, claim.id).status is ClaimStatus.VERDICT_DRAFTED
    assert "<strong>l&#39;inverse</strong>" in verdict.rationale_html or \
        "<strong>l'inverse</strong>" in verdict.rationale_html
    assert _publish(reviewer, claim, verdict, "1").status_code == 403  # reviewers cannot publish
    assert _publish(editor, claim, verdict).status_code == 302
    verdict = _verdict(db, claim)
    assert verdict.status is VerdictStatus.PUBLISHED and verdict.approved_by_id == editor_user.id
    assert db.session.get(Claim, claim.id).status is ClaimStatus.PUBLISHED


def test_an_editor_cannot_publish_their_own_draft(client_for, claim, db):
    editor, _ = client_for(Role.EDITOR)
    _draft(editor, claim, _rating(db, "true"))
    verdict = _verdict(db, claim)
    page = editor.get(_page(claim)).get_data(as_text=True)
    assert f"/verdicts/{verdict.id}/publish" not in page  # no button for the author
    response = _publish(editor, claim, verdict, version=str(verdict.version))  # posted anyway
    assert response.status_code == 302
    assert _verdict(db, claim).status is VerdictStatus.DRAFT
    assert "n&#39;a pas écrit" in editor.get(_page(claim)).get_data(as_text=True)


def test_send_back_needs_a_comment_and_returns_the_claim(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "half-true"))
    verdict = _verdict(db, claim)
    url = f"{_page(claim)}/verdicts/{verdict.id}/send-back"
    version = _version(editor, claim, url)
    assert post_form(editor, url, {"comment": "", "version": version},
                     _page(claim)).status_code == 400
    assert post_form(editor, url, {"comment": "Ajouter la source Eurostat.", "version": version},
                     _page(claim)).status_code == 302
    verdict = _verdict(db, claim)
    assert verdict.status is VerdictStatus.SENT_BACK
    assert db.session.get(Claim, claim.id).status is ClaimStatus.IN_REVIEW
    assert "Ajouter la source Eurostat." in reviewer.get(_page(claim)).get_data(as_text=True)
    _draft(reviewer, claim, _rating(db, "mostly-false"))  # rewriting resubmits the same draft
    assert _verdict(db, claim).id == verdict.id and _verdict(db, claim).status.value == "draft"


def test_correction_keeps_the_old_verdict_and_says_what_changed(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"))
    first = _verdict(db, claim)
    _publish(editor, claim, first)
    assert _draft(reviewer, claim, _rating(db, "mostly-false")).status_code == 400  # no note
    _draft(reviewer, claim, _rating(db, "mostly-false"),
           correction_note="Le chiffre de 2023 a été révisé.")
    correction = _verdict(db, claim)
    assert correction.corrects_id == first.id
    _publish(editor, claim, correction)
    db.session.expire_all()
    assert db.session.get(Verdict, first.id).status is VerdictStatus.SUPERSEDED
    assert db.session.get(Verdict, correction.id).status is VerdictStatus.PUBLISHED
    page = reviewer.get(_page(claim)).get_data(as_text=True)
    assert "Le chiffre de 2023 a été révisé." in page


def test_rationale_markup_is_sanitised(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    rationale = ("<script>alert(1)</script> Voir [la note](https://insee.fr/n) "
                 "et [ceci](javascript:alert(2)).")
    _draft(reviewer, claim, _rating(db, "misleading"), rationale=rationale)
    html = _verdict(db, claim).rationale_html
    assert "<script" not in html and "javascript:" not in html.split("href")[-1][:30]
    assert 'href="https://insee.fr/n" rel="nofollow noopener noreferrer"' in html
    page = reviewer.get(_page(claim)).get_data(as_text=True)
    assert "<script>alert(1)" not in page


def test_unknown_rating_is_refused(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    response = post_form(reviewer, f"{_page(claim)}/verdict",
                         {"rating": "99999", "rationale": "x", "version": "new"}, _page(claim))
    assert response.status_code == 400 and _verdict(db, claim) is None


# What an editor approves is what gets published.

def _send_back(client, claim, verdict, comment, version=None):
    url = f"{_page(claim)}/verdicts/{verdict.id}/send-back"
    data = {"comment": comment, "version": version or _version(client, claim, url)}
    return post_form(client, url, data, _page(claim))


def test_approving_a_draft_rewritten_since_it_was_read_is_a_conflict(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"), rationale="Premier jet : faux.")
    verdict = _verdict(db, claim)
    read = _version(editor, claim, f"{_page(claim)}/verdicts/{verdict.id}/publish")
    _draft(reviewer, claim, _rating(db, "true"), rationale="Tout compte fait, c'est exact.")
    response = _publish(editor, claim, verdict, version=read)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Tout compte fait, c&#39;est exact." in html  # the text as it now is
    assert "Premier jet" not in html.split('id="verdict"')[1].split('id="history"')[0]
    assert _verdict(db, claim).status is VerdictStatus.DRAFT  # nothing was published
    assert db.session.get(Claim, claim.id).status is ClaimStatus.VERDICT_DRAFTED
    again = form_field(html, f"{_page(claim)}/verdicts/{verdict.id}/publish", "version")
    assert _publish(editor, claim, verdict, version=again).status_code == 302
    published = _verdict(db, claim)
    assert published.status is VerdictStatus.PUBLISHED
    assert published.rationale_md == "Tout compte fait, c'est exact."
    assert published.rating.key == "true"


def test_sending_back_a_draft_rewritten_since_it_was_read_is_a_conflict(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"), rationale="Premier jet.")
    verdict = _verdict(db, claim)
    read = _version(editor, claim, f"{_page(claim)}/verdicts/{verdict.id}/send-back")
    _draft(reviewer, claim, _rating(db, "false"), rationale="Deuxième jet, sourcé.")
    response = _send_back(editor, claim, verdict, "Citer Eurostat.", version=read)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Deuxième jet, sourcé." in html and "Citer Eurostat." in html  # comment kept
    assert _verdict(db, claim).status is VerdictStatus.DRAFT


def test_approval_racing_a_rewrite_is_a_conflict_not_a_500(client_for, claim, db, monkeypatch):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"), rationale="Premier jet.")
    verdict = _verdict(db, claim)
    _rewrite_during(monkeypatch, db, "approve_and_publish", claim, "Réécrit au même moment.")
    response = _publish(editor, claim, verdict)
    assert response.status_code == 409
    assert "Réécrit au même moment." in response.get_data(as_text=True)
    assert _verdict(db, claim).status is VerdictStatus.DRAFT


def _rewrite_during(monkeypatch, db, service: str, claim, text: str) -> None:
    """Make a colleague's save of the draft land between reading it and writing it."""
    from factcheck.review.routes import verdicts as views
    real = getattr(views, service)

    def racing(*args, **kwargs):
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE verdicts SET rationale_md = :t, rationale_html = :t, "
                                 "version = version + 1 WHERE claim_id = :c"),
                         {"t": text, "c": claim.id})
        return real(*args, **kwargs)
    monkeypatch.setattr(views, service, racing)


def test_a_claim_change_after_the_editor_read_the_draft_is_a_conflict(client_for, claim, db):
    reviewer, _ = client_for(Role.REVIEWER)
    editor, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"))
    verdict = _verdict(db, claim)
    read = _version(editor, claim, f"{_page(claim)}/verdicts/{verdict.id}/publish")
    db.session.expire_all()
    edit = {"version": str(db.session.get(Claim, claim.id).version),
            "wording": "Le ministère annonce 1 500 embauches.", "speaker": ""}
    assert post_form(reviewer, f"{_page(claim)}/edit", edit, _page(claim)).status_code == 302
    response = _publish(editor, claim, verdict, version=read)
    assert response.status_code == 409
    assert "Le ministère annonce 1 500 embauches." in response.get_data(as_text=True)
    assert _verdict(db, claim).status is VerdictStatus.DRAFT

# Drafts carry their version.

def test_a_draft_saved_from_a_stale_page_does_not_replace_a_colleagues(client_for, claim, db):
    alice, _ = client_for(Role.REVIEWER)
    bob, _ = client_for(Role.REVIEWER)
    _draft(alice, claim, _rating(db, "false"), rationale="Texte d'Alice.")
    stale = _version(bob, claim, f"{_page(claim)}/verdict")
    _draft(alice, claim, _rating(db, "false"), rationale="Texte d'Alice, relu.")
    response = _draft(bob, claim, _rating(db, "true"), rationale="Texte de Bob.", version=stale)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Texte d&#39;Alice, relu." in html  # the other person's text is shown
    assert "Texte de Bob." in html  # and Bob's input is kept in the form
    assert _verdict(db, claim).rationale_md == "Texte d'Alice, relu."
    again = form_field(html, f"{_page(claim)}/verdict", "version")
    assert _draft(bob, claim, _rating(db, "true"), rationale="Texte de Bob.",
                  version=again).status_code == 302  # saving again replaces it, knowingly
    assert _verdict(db, claim).rationale_md == "Texte de Bob."


def test_two_first_drafts_from_fresh_pages_make_one_draft(client_for, claim, db):
    alice, _ = client_for(Role.REVIEWER)
    bob, _ = client_for(Role.REVIEWER)
    assert _version(bob, claim, f"{_page(claim)}/verdict") == "new"
    assert _draft(alice, claim, _rating(db, "false"), rationale="Texte d'Alice.",
                  version="new").status_code == 302
    response = _draft(bob, claim, _rating(db, "true"), rationale="Texte de Bob.", version="new")
    assert response.status_code == 409
    assert "Texte d&#39;Alice." in response.get_data(as_text=True)
    assert db.session.query(Verdict).count() == 1


def test_two_first_drafts_at_the_same_moment_make_one_draft_and_no_500(client_for, claim, db,
                                                                       monkeypatch):
    from factcheck.review.services import verdicts as service
    alice, _ = client_for(Role.REVIEWER)
    bob, _ = client_for(Role.REVIEWER)
    _draft(alice, claim, _rating(db, "false"), rationale="Texte d'Alice.", version="new")
    # Bob's request read the claim before Alice's draft was committed:
    monkeypatch.setattr(service, "open_verdict", lambda claim: None)
    response = _draft(bob, claim, _rating(db, "true"), rationale="Texte de Bob.", version="new")
    assert response.status_code == 409 and "Texte de Bob." in response.get_data(as_text=True)
    assert db.session.query(Verdict).count() == 1
    assert _verdict(db, claim).rationale_md == "Texte d'Alice."


def test_two_saves_of_one_draft_at_the_same_moment_keep_both_inputs_visible(
        client_for, claim, db, monkeypatch):
    alice, _ = client_for(Role.REVIEWER)
    bob, _ = client_for(Role.REVIEWER)
    _draft(alice, claim, _rating(db, "false"), rationale="Premier jet.")
    _rewrite_during(monkeypatch, db, "draft_verdict", claim, "Alice au même moment.")
    response = _draft(bob, claim, _rating(db, "true"), rationale="Bob au même moment.")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Alice au même moment." in html and "Bob au même moment." in html
    assert _verdict(db, claim).rationale_md == "Alice au même moment."


def test_a_malformed_draft_version_is_a_400(client_for, claim, db):
    alice, _ = client_for(Role.REVIEWER)
    response = _draft(alice, claim, _rating(db, "false"), version="3:x")
    assert response.status_code == 400 and _verdict(db, claim) is None


# Authorship is a relation.

def test_every_writer_of_a_draft_is_an_author_whatever_the_audit_log_says(client_for, claim,
                                                                           db):
    from factcheck.models import AuditEntry
    reviewer, reviewer_user = client_for(Role.REVIEWER)
    editor, editor_user = client_for(Role.EDITOR)
    other, _ = client_for(Role.EDITOR)
    _draft(reviewer, claim, _rating(db, "false"))
    _draft(editor, claim, _rating(db, "false"), rationale="Retouché par l'éditeur.")
    db.session.query(AuditEntry).delete()  # the log is a record, not the rule
    db.session.commit()
    verdict = _verdict(db, claim)
    assert [u.id for u in verdict.authors] == sorted([reviewer_user.id, editor_user.id])
    assert _publish(editor, claim, verdict, version=str(verdict.version)).status_code == 302
    assert _verdict(db, claim).status is VerdictStatus.DRAFT  # a co-author cannot approve
    assert _publish(other, claim, verdict).status_code == 302
    assert _verdict(db, claim).status is VerdictStatus.PUBLISHED


# The migration fills verdict_authors from what existed before it.

MIGRATION_ROWS = [
    "INSERT INTO users (id, email, password_hash, role, active, created_at, updated_at) VALUES "
    "(1, 'a@x.org', 'x', 'reviewer', true, :now, :now), "
    "(2, 'b@x.org', 'x', 'editor', true, :now, :now), "
    "(3, 'c@x.org', 'x', 'editor', true, :now, :now)",
    "INSERT INTO documents (id, title, text, content_hash, extraction_status, created_at, "
    "updated_at) VALUES (1, 'Doc', 'Un texte.', 'h', 'done', :now, :now)",
    "INSERT INTO claims (id, public_id, document_id, sentence, start_char, end_char, has_figure, "
    "has_attribution, checkworthiness, status, version, created_at, updated_at) VALUES "
    "(1, 'c1', 1, 'Un texte.', 0, 9, false, false, 0.5, 'verdict_drafted', 1, :now, :now)",
    "INSERT INTO verdicts (id, claim_id, rating_id, rationale_md, rationale_html, status, "
    "author_id, version, created_at, updated_at) VALUES "
    "(1, 1, (SELECT MIN(id) FROM ratings), 'v', 'v', 'draft', 1, 1, :now, :now)",
    "INSERT INTO audit_entries (actor_id, action, target_type, target_id, created_at) VALUES "
    "(1, 'verdict.draft', 'verdicts', 1, :now), (2, 'verdict.draft', 'verdicts', 1, :now), "
    "(2, 'verdict.draft', 'verdicts', 1, :now), (3, 'verdict.send_back', 'verdicts', 1, :now), "
    "(3, 'verdict.draft', 'claims', 1, :now)",
]


def test_migration_backfills_authors_from_author_and_draft_entries(scratch_url):  # noqa: F811
    from datetime import datetime

    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.config import engine_options
    from factcheck.extensions import db as database
    app = create_app({"SQLALCHEMY_DATABASE_URI": scratch_url,
                      "SQLALCHEMY_ENGINE_OPTIONS": engine_options(scratch_url)})
    with app.app_context():
        upgrade(revision="0002_queue_indexes")
        with database.engine.begin() as conn:
            for statement in MIGRATION_ROWS:
                conn.execute(sa.text(statement), {"now": datetime(2026, 11, 30)})
        upgrade()
        with database.engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT verdict_id, user_id FROM verdict_authors "
                                        "ORDER BY user_id")).all()
        database.engine.dispose()
    assert [tuple(r) for r in rows] == [(1, 1), (1, 2)]  # once each; not the send-back editor
