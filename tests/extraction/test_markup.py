"""Markup and page furniture never become claims or figures; offsets still index the text."""
import pytest

from factcheck.extraction import extract
from factcheck.extraction.markup import mask

PAGE_FR = """---
url: https://www.exemple-info.fr/region/2026/11/28/coupures-8841.html
keywords: tempête, coupures, 2026
---

# Tempête : les coupures se prolongent {#coupures-2026}

Par Hélène Morand, 07 h 45 · 37 commentaires · 4 min de lecture

![Pylône tombé](https://cdn.exemple-info.fr/photos/2026/11/1600x900_7731.jpg)

Plus de 2 400 foyers restaient privés de courant vendredi, selon [la préfecture](https://www.prefecture.example/communique/5512).

Renseignements au 03 81 25 10 10 ou sur https://www.exemple-info.fr/direct/4471,
et ce soir à 20:30 sur France 3.
"""

PAGE_EN = """<article><h2>Flood warnings stay in place</h2>
<p>Updated 14:05 &middot; 5 min read &middot; 212 comments</p>
<p>About 1,800 homes were evacuated on Friday, the&nbsp;council said.</p>
<p>Call 0800 123 4567 for help, or watch Channel 4 at 9:30 pm.</p></article>
"""


def _figures(claims):
    return [(f.text, f.value) for c in claims for f in c.figures]


@pytest.mark.model
def test_markdown_furniture_gives_no_figure_and_the_real_one_is_kept(french_model):
    claims = extract(PAGE_FR, "fr")
    assert _figures(claims) == [("Plus de 2 400 foyers", 2400)]
    [claim] = claims
    assert claim.sentence == PAGE_FR[claim.start:claim.end]  # the text as written, link and all
    assert "](https://www.prefecture.example" in claim.sentence
    assert claim.attribution is not None and claim.attribution.speaker == "la préfecture"


def test_html_residue_gives_no_figure_and_the_real_one_is_kept():
    claims = extract(PAGE_EN, "en")
    assert _figures(claims) == [("About 1,800 homes", 1800)]
    assert claims[0].sentence == PAGE_EN[claims[0].start:claims[0].end]


@pytest.mark.parametrize("text", [
    "Publié à 18h40, mis à jour à 19 h 05.",
    "Appelez le +33 1 45 67 89 10 ou le 01 45 67 89 10.",
    "Ce soir sur TF1, M6 et France 2.",
    "Regardez la vidéo (2 min 30) et lisez l'article.",
    "Reuters · 3 comments",
])
def test_times_phones_channels_and_counters_are_masked(text):
    masked = mask(text)
    assert len(masked) == len(text)
    assert not any(ch.isdigit() for ch in masked), masked


@pytest.mark.parametrize("text", [
    "Le chantier a coûté 14 milliards d'euros, a indiqué la ministre à 18 h 40.",
    "Plus de 10 000 soldats ont été déployés, selon Séoul.",
    "The score was 3:1 and 2,500 fans stayed until 22:15.",
    "France 2 000 emplois",  # a number after a country name is not a channel
    "Plus de +1 200 000 visiteurs en un an.",  # a signed number is not a telephone
])
def test_figures_beside_furniture_survive(text):
    masked = mask(text)
    kept = {"Le chantier": "14 milliards", "Plus de 1": "10 000", "The score": "2,500",
            "France 2": "2 000", "Plus de +": "1 200 000"}
    expected = next(v for k, v in kept.items() if text.startswith(k))
    assert expected in masked and masked.index(expected) == text.index(expected)


def test_a_link_keeps_its_words_and_newlines_stay_where_they_were():
    text = "Selon [l'Insee](https://insee.example/x/2026/112), le chômage baisse.\nSuite."
    masked = mask(text)
    assert masked.startswith("Selon  l'Insee ") and masked.endswith(", le chômage baisse.\nSuite.")
    assert masked.index("\n") == text.index("\n") and len(masked) == len(text)
