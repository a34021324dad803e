"""Claim groups from real ingests: repeats join a group, conflicts are flagged on both sides."""
import re

import pytest
import sqlalchemy as sa

from factcheck.models import Claim, ClaimGroup, Role
from factcheck.review.services import approve_and_publish, draft_verdict, send_back
from tests.factories import make_user, rating
from tests.tracking.conftest import JOBLESS, SOLDIERS, SOLDIERS_15, TEACHERS, claim_with

pytestmark = pytest.mark.model


def test_a_repeated_sentence_joins_the_group_and_the_group_page_shows_every_appearance(
        ingest, client, login_as, db):
    ingest(f"{TEACHERS} {JOBLESS}", title="Le premier", day=3)
    ingest(f"Rentrée scolaire. {TEACHERS}", title="La reprise", day=9, publisher="Le Soir")
    first, repeat = (claim_with(db, "Le gouvernement", t) for t in ("Le premier", "La reprise"))
    assert first.group_id == repeat.group_id
    assert claim_with(db, "Le chômage").group_id != first.group_id
    login_as(Role.VIEWER)
    page = client.get(f"/groups/{first.group.public_id}").get_data(as_text=True)
    items = re.findall(r'<li class="appearance([^"]*)"', page)
    assert items == [" first", ""]  # oldest first, and marked
    assert page.index("Le premier") < page.index("La reprise")
    assert "Le Soir" in page and "FR" in page and TEACHERS.replace("'", "&#39;") in page


def test_every_claim_has_a_group_after_ingest(ingest, db):
    ingest(f"{TEACHERS} {JOBLESS}")
    assert db.session.scalar(sa.select(sa.func.count()).where(Claim.group_id.is_(None))) == 0


def test_a_conflicting_figure_shows_on_both_claim_pages_with_both_values(ingest, client,
                                                                          login_as, db):
    ingest(SOLDIERS, title="Dix mille", day=2)
    ingest(SOLDIERS_15, title="Quinze mille", day=5)
    ten, fifteen = claim_with(db, "Plus de 10"), claim_with(db, "Environ 15")
    assert ten.group_id != fifteen.group_id
    login_as(Role.VIEWER)
    for claim, other in ((ten, fifteen), (fifteen, ten)):
        page = client.get(f"/claims/{claim.public_id}").get_data(as_text=True)
        assert 'class="alert figure-conflict"' in page
        assert "10 000 soldats" in page and "15 000 soldats" in page
        assert f'href="/claims/{other.public_id}"' in page
    document = client.get(f"/documents/{ten.document_id}").get_data(as_text=True)
    assert "figure-conflict" in document and f"/claims/{fifteen.public_id}" in document


def test_the_claim_page_lists_the_ten_strongest_conflicts_and_sends_to_the_group_for_all(
        ingest, client, login_as, db):
    ingest(SOLDIERS, title="Dix mille", day=1)
    for n in range(12):  # the same deployment restated with twelve other numbers
        ingest(SOLDIERS_15.replace("15 000", f"{20 + 5 * n} 000"), title=f"Autre {n}", day=2)
    ten = claim_with(db, "Plus de 10")
    login_as(Role.VIEWER)
    page = client.get(f"/claims/{ten.public_id}").get_data(as_text=True)
    assert page.count('class="conflict-row"') == 10
    assert "2 autres conflits sur la page du groupe" in page
    assert f'href="/groups/{ten.group.public_id}#conflicts"' in page
    group = client.get(f"/groups/{ten.group.public_id}").get_data(as_text=True)
    assert group.count('class="conflict-row"') == 12


def test_the_claim_page_shows_each_other_appearances_latest_verdict_and_the_repeats(
        ingest, client, login_as, db):
    ingest(TEACHERS, title="Un", day=1)
    ingest(f"Rentrée. {TEACHERS}", title="Deux", day=2)
    ingest(f"Budget. {TEACHERS}", title="Trois", day=3)
    first = claim_with(db, "Le gouvernement", "Un")
    second, third = claim_with(db, "Le gouvernement", "Deux"), claim_with(db, "Le gouvernement",
                                                                         "Trois")
    author, editor = make_user(Role.REVIEWER), make_user(Role.EDITOR)
    sent_back = draft_verdict(second, rating("false"), "Premier jet.", author)
    send_back(sent_back, "Sources ?", editor)
    draft_verdict(third, rating("true"), "Brouillon.", author)
    db.session.commit()
    login_as(Role.VIEWER)
    page = client.get(f"/claims/{first.public_id}").get_data(as_text=True)
    assert "3 apparitions" in page and 'class="alert already-checked"' not in page
    assert page.count('class="alert in-progress"') == 2  # sent back and drafted: both open
    assert "2 autres articles reprennent cette affirmation" in page
    approve_and_publish(third.verdicts[-1], editor)
    db.session.commit()
    page = client.get(f"/claims/{first.public_id}").get_data(as_text=True)
    assert page.count('class="alert already-checked"') == 1  # the third's, now published
    assert page.count('class="alert in-progress"') == 1 and f"/claims/{second.public_id}" in page
    draft_verdict(third, rating("misleading"), "Correction.", author, correction_note="Chiffre.")
    db.session.commit()  # a correction on its way: each appearance still shows once
    page = client.get(f"/claims/{first.public_id}").get_data(as_text=True)
    assert page.count('class="alert already-checked"') + page.count(
        'class="alert in-progress"') == 2


def test_rebuild_files_existing_claims_and_keeps_group_addresses(ingest, runner, db):
    ingest(f"{TEACHERS} {JOBLESS}", title="Un", day=1)
    ingest(f"Rentrée. {TEACHERS}", title="Deux", day=2)
    before = {c.id: c.group.public_id for c in db.session.scalars(sa.select(Claim))}
    result = runner.invoke(args=["tracking", "rebuild"])
    assert result.exit_code == 0 and "3 claims" in result.output
    db.session.expire_all()
    after = {c.id: c.group.public_id for c in db.session.scalars(sa.select(Claim))}
    assert after == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClaimGroup)) == 2
