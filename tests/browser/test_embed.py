"""The embed card fits the iframe oEmbed advertises, for the shortest and longest claims."""
import pytest

from tests.factories import make_document

pytestmark = [pytest.mark.browser, pytest.mark.model]

SHORTEST = "Faux, dit-il."
LONGEST = ("Le gouvernement a affirmé que les dépenses de santé publique avaient augmenté de "
           "12,5 % entre 2019 et 2024, tandis que le nombre de lits d'hôpital ouverts reculait "
           "de plus de 4 000 dans les régions les moins peuplées du pays, selon un rapport "
           "publié hier soir par la Cour des comptes.")
LONG_WORDS = " ".join(["Anticonstitutionnellement"] * 12) + "."


@pytest.mark.parametrize("text", [SHORTEST, LONGEST, LONG_WORDS])
def test_the_card_is_never_cut_off(open_browser, live_server, publish, client, text):
    claim = publish(key="half-true", document=make_document(text=text))
    page = open_browser()
    for width in (200, 320, 480, 640):
        answer = client.get("/oembed", query_string={
            "url": f"{live_server}/c/{claim.public_id}", "maxwidth": width}).get_json()
        assert answer["width"] == width and f'height="{answer["height"]}"' in answer["html"]
        page.set_viewport_size({"width": width, "height": answer["height"]})
        page.goto(f"/c/{claim.public_id}/embed")
        page.wait_for_load_state("load")
        needed = page.evaluate("() => [document.documentElement.scrollHeight,"
                               " document.documentElement.scrollWidth]")
        assert needed[0] <= answer["height"], (width, needed, answer["height"])
        assert needed[1] <= width, (width, needed)
        assert answer["height"] - needed[0] < 120  # and not a tall empty box either
