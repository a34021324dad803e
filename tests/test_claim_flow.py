"""Working through the queue from the claim page: previous and next claim, approve and next."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from factcheck.models import ClaimStatus, Role, VerdictStatus
from factcheck.review.services import draft_verdict
from tests.conftest import form_field, post_form
from tests.factories import make_claim, make_user, rating

pytestmark = pytest.mark.model


@pytest.fixture
def queue(db):
    """Claims by check-worthiness: two French and two English still to do, one dismissed."""
    made = {
        "fr_high": make_claim(checkworthiness=0.9),
        "en_high": make_claim(checkworthiness=0.8, language="en"),
        "dismissed": make_claim(checkworthiness=0.7, status=ClaimStatus.DISMISSED),
        "fr_low": make_claim(checkworthiness=0.6),
        "en_low": make_claim(checkworthiness=0.5, language="en"),
    }
    db.session.commit()
    return made


def _links(client, claim) -> dict:
    html = client.get(f"/claims/{claim.public_id}").get_data(as_text=True)
    start = html.index('class="claim-nav"')
    nav = html[start:html.index("</nav>", start)]
    found = dict(re.findall(r'<a rel="(prev|next)" href="/claims/([^"]+)"', nav))
    back = re.search(r'<a href="([^"]+)" data-key="u"', nav).group(1)
    return {**found, "back": back.replace("&amp;", "&")}


def test_previous_and_next_follow_the_queue_last_read(client, login_as, queue):
    login_as(Role.REVIEWER)
    client.get("/queue")  # "To do", most check-worthy first: the dismissed claim is not in it
    links = _links(client, queue["en_high"])
    assert links["prev"] == queue["fr_high"].public_id
    assert links["next"] == queue["fr_low"].public_id
    assert links["back"] == "/queue"
    assert "prev" not in _links(client, queue["fr_high"])  # the first has no previous
    assert "next" not in _links(client, queue["en_low"])

    client.get("/queue?language=en&sort=oldest")  # another queue: its own order and filters
    links = _links(client, queue["en_high"])
    assert "prev" not in links and links["next"] == queue["en_low"].public_id
    back = urlsplit(links["back"])
    assert back.path == "/queue" and parse_qs(back.query) == {"language": ["en"],
                                                               "sort": ["oldest"]}


def _drafted(claim, db, key="false"):
    """A colleague's draft on ``claim``: (the claim page, its approve action, the verdict)."""
    verdict = draft_verdict(claim, rating(key), "Faux selon l'Insee.", make_user(Role.REVIEWER))
    db.session.commit()
    page = f"/claims/{claim.public_id}"
    return page, f"{page}/verdicts/{verdict.id}/publish", verdict


def _approve(client, page, action, then):
    html = client.get(page).get_data(as_text=True)
    return post_form(client, action, {"version": form_field(html, action, "version"),
                                      "then": then}, page=page)


def _status(db, verdict):
    db.session.expire_all()
    return db.session.get(type(verdict), verdict.id).status


def test_approve_and_next_opens_the_next_claim_of_the_filtered_queue(client, login_as, queue,
                                                                    db):
    page, action, verdict = _drafted(queue["en_high"], db)
    login_as(Role.EDITOR)
    client.get("/queue?language=en")
    assert 'name="then" value="next"' in client.get(page).get_data(as_text=True)
    response = _approve(client, page, action, "next")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/claims/{queue['en_low'].public_id}"
    assert _status(db, verdict) is VerdictStatus.PUBLISHED


def test_approve_and_next_on_the_last_claim_goes_back_to_the_queue(client, login_as, queue, db):
    page, action, _ = _drafted(queue["en_low"], db, key="true")
    login_as(Role.EDITOR)
    client.get("/queue?language=en")
    response = _approve(client, page, action, "next")
    assert response.headers["Location"] == "/queue?language=en"
    assert "dernière affirmation de cette file" in client.get("/queue?language=en").get_data(
        as_text=True)


def test_a_bogus_then_is_refused(client, login_as, queue, db):
    page, action, verdict = _drafted(queue["fr_low"], db, key="true")
    login_as(Role.EDITOR)
    response = _approve(client, page, action, "https://evil.example")
    assert response.status_code == 400
    assert _status(db, verdict) is VerdictStatus.DRAFT


def test_the_help_lists_the_claim_page_shortcuts(client, login_as, queue):
    login_as(Role.EDITOR)
    html = client.get(f"/claims/{queue['fr_high'].public_id}").get_data(as_text=True)
    help_box = html[html.index('id="kbd-help"'):]
    for words in ("affirmation suivante / précédente de la file", "retour à la file",
                  "enregistrer le formulaire en cours"):
        assert words in help_box


def test_the_score_comes_with_its_reasons_in_words(client, login_as, db):
    claim = make_claim(checkworthiness=0.4, score_features={
        "figure": 1.0, "attribution": 1.0, "question": 1.0, "hedge": 0.0})
    db.session.commit()
    login_as(Role.VIEWER)
    html = client.get(f"/claims/{claim.public_id}").get_data(as_text=True)
    reasons = html[html.index('id="score-reasons"'):html.index("</p>", html.index(
        'id="score-reasons"'))]
    # strongest first: the figure (+1.6), the question (-1.2), the attribution (+0.9)
    assert [m for m in re.findall(r'class="reason (up|down)"', reasons)] == ["up", "down", "up"]
    for words in ("donne un chiffre", "une question", "attribuée à une source"):
        assert words in reasons
    assert "nuancée" not in reasons  # a feature that did not fire is no reason
    english = client.get(f"/claims/{claim.public_id}?lang=en").get_data(as_text=True)
    assert "states a figure" in english and "0.4" in english


def test_the_author_of_a_draft_is_told_why_there_is_no_approve_button(client, login_as, queue,
                                                                     db):
    editor = login_as(Role.EDITOR)
    draft_verdict(queue["fr_high"], rating("false"), "Faux.", editor)
    db.session.commit()
    html = client.get(f"/claims/{queue['fr_high'].public_id}").get_data(as_text=True)
    assert 'id="approve-not-yours"' in html and "un autre éditeur" in html
    assert 'value="next"' not in html
