"""The claim's history and the conflict box read in the reviewer's language, never as codes."""
import re
from html import unescape

import pytest

from factcheck.models import Role
from factcheck.review.services import draft_verdict, send_back
from tests.conftest import post_form
from tests.factories import make_claim, make_user, rating

pytestmark = pytest.mark.model

# What the page showed before: field names, enum values and Python dumps.
CODES = re.compile(r"assignee_id|rating_id|normalized_text|dismissal_reason|rationale_md|"
                   r"\bin_review\b|\bsent_back\b|more_than|\{'text'|'value':")


@pytest.fixture
def claim(db):
    made = make_claim()
    db.session.commit()
    return made


def _url(claim, action=""):
    return f"/claims/{claim.public_id}{'/' + action if action else ''}"


def _history(html: str) -> str:
    section = html[html.index('id="history"'):]
    text = unescape(re.sub(r"<[^>]+>", " ", section[:section.index("</section>")]))
    return re.sub(r"[ \t\r\n]+", " ", text)  # no-break spaces kept: they are the point


def _correct(client, claim, **changes):
    data = {"version": str(claim.version), "wording": claim.sentence,
            "speaker": "la porte-parole", "figures-0-text": "1 000 embauches",
            "figures-0-value": "1000", "figures-0-unit": "embauches",
            "figures-0-qualifier": "", **changes}
    return post_form(client, _url(claim, "edit"), data, page=_url(claim))


def test_the_history_says_what_changed_in_words_and_numbers(client, login_as, claim, db):
    me = login_as(Role.REVIEWER)
    post_form(client, _url(claim, "assign"), {"version": str(claim.version)}, page=_url(claim))
    db.session.refresh(claim)
    assert _correct(client, claim, **{"figures-0-value": "12500,5", "speaker": "Claire Dumas",
                                      "figures-0-qualifier": "more_than"}).status_code == 302
    verdict = draft_verdict(claim, rating("false"), "Les chiffres de l'Insee disent le contraire.",
                            me)
    send_back(verdict, "Ajoutez la source.", make_user(Role.EDITOR))
    db.session.commit()

    french = _history(client.get(_url(claim)).get_data(as_text=True))
    assert not CODES.search(french), french
    assert f"Attribuée à {me.name}" in french and "Statut nouvelle → en vérification" in french
    assert "Auteur des propos la porte-parole → Claire Dumas" in french
    # the figure's value in French digits, its qualifier in words
    assert re.search(r"1 000 embauches = 12[\u00a0\u202f]500,5 \(embauches, plus de\)",
                     french), french
    assert "Verdict Faux" in french and "Statut brouillon → renvoyé" in french
    assert "Commentaire de l'éditeur Ajoutez la source." in french

    english = _history(client.get(_url(claim) + "?lang=en").get_data(as_text=True))
    assert not CODES.search(english), english
    assert "Speaker la porte-parole → Claire Dumas" in english
    assert "= 12,500.5 (embauches, more than)" in english
    assert "Status draft → sent back" in english and "Rating False" in english


def test_the_conflict_box_names_the_fields_a_colleague_changed(client_for, claim, db):
    alice, _ = client_for(Role.REVIEWER)
    bob, _ = client_for(Role.REVIEWER)
    alice_edit = {"figures-0-value": "2000"}
    bob_edit = {"wording": "Version de Bob"}
    version = str(claim.version)  # both read the same version
    assert _correct(alice, claim, **alice_edit).status_code == 302
    response = _correct(bob, claim, version=version, **bob_edit)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    box = unescape(html[html.index('class="conflict"'):html.index("Your changes are below")
                        if "Your changes are below" in html else html.index("Vos modifications")])
    assert "Chiffres" in box and not CODES.search(box)
    assert re.search(r"1 000 embauches = 1[\u00a0\u202f]000 \(embauches\)</del> → "
                     r"<ins>1 000 embauches = 2[\u00a0\u202f]000", box), box


def test_the_figure_qualifier_menu_speaks_the_interface_language(client, login_as, claim):
    login_as(Role.REVIEWER)
    html = client.get(_url(claim)).get_data(as_text=True)
    assert '<option value="more_than">plus de</option>' in html
    assert '<option value="at_most">au plus</option>' in html
    english = client.get(_url(claim) + "?lang=en").get_data(as_text=True)
    assert '<option value="more_than">more than</option>' in english


# The figures editor reads and writes numbers the interface's way.

@pytest.mark.parametrize("lang, typed, value", [
    ("fr", "12 500,5", 12500.5), ("fr", "12\u202f500,5", 12500.5), ("fr", "3,5", 3.5),
    ("fr", "10.000,25", 10000.25), ("en", "10,000", 10000.0), ("en", "12,500.5", 12500.5),
    ("en", "1,234,567", 1234567.0), ("en", "3,5", 3.5), ("en", "0.75", 0.75),
])
def test_a_figure_value_is_read_as_typed_in_either_language(client, login_as, claim, db, lang,
                                                           typed, value):
    login_as(Role.REVIEWER)
    client.get(_url(claim) + f"?lang={lang}")
    assert _correct(client, claim, **{"figures-0-value": typed}).status_code == 302
    db.session.expire_all()
    assert claim.figures[0].value == value


def test_the_editor_shows_values_the_interface_way_and_reads_them_back_unchanged(
        client, login_as, claim, db):
    login_as(Role.REVIEWER)
    claim.figures[0].value = 1234567.25
    db.session.commit()
    for lang, shown in (("fr", "1\u202f234\u202f567,25"), ("en", "1,234,567.25")):
        html = client.get(_url(claim) + f"?lang={lang}").get_data(as_text=True)
        assert f'name="figures-0-value" type="text" value="{shown}"' in html
        db.session.refresh(claim)
        assert _correct(client, claim, **{"figures-0-value": shown}).status_code == 302
        db.session.expire_all()
        assert claim.figures[0].value == 1234567.25
    # saving the value as shown is no change of the figure
    assert "Chiffres" not in _history(client.get(_url(claim) + "?lang=fr").get_data(as_text=True))


def test_dates_follow_the_browsers_region_of_the_interface_language(client, login_as, db):
    from datetime import datetime

    login_as(Role.REVIEWER)
    claim = make_claim()
    claim.document.published_at = datetime(2026, 3, 9, 8, 30)
    db.session.commit()
    page = f"/claims/{claim.public_id}"
    british = client.get(page, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert "9 Mar 2026" in british.get_data(as_text=True)
    american = client.get(page, headers={"Accept-Language": "en-US,en;q=0.8"})
    assert "Mar 9, 2026" in american.get_data(as_text=True)
    french = client.get(page, headers={"Accept-Language": "fr-FR,fr;q=0.8"})
    assert "9 mars 2026" in french.get_data(as_text=True)
