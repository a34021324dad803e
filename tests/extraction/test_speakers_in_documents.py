"""Speakers as a reader of a whole article finds them: quotes over several sentences, participle
cues, listeners, adverbials, descriptors, published documents, negated cues; and page furniture
a scraper leaves. Sentences written for these tests."""
import pytest

from factcheck.extraction import extract


def _speakers(text, lang):
    return [(c.sentence[:18], c.attribution.speaker if c.attribution else None)
            for c in extract(text, lang)]


def _speaker(text, lang):
    claims = [c for c in extract(text, lang) if c.attribution]
    assert claims, text
    return claims[0].attribution.speaker


def test_every_sentence_of_a_quote_keeps_the_speaker_its_last_sentence_names():
    text = ("« Nous ne céderons pas. La direction doit revoir sa copie avant le 15 mars », "
            "martèle Yannick Morel, délégué syndical.")
    got = _speakers(text, "fr")
    assert [s for _, s in got] == ["Yannick Morel", "Yannick Morel"]
    first = extract(text, "fr")[0]
    assert first.attribution.speaker_mention is None and "attribution" in first.kinds


def test_a_quote_after_a_quoting_sentence_goes_on_with_its_speaker():
    text = ("« Notre présence est une garantie », a déclaré Hélène Castel lors de la conférence. "
            "« Aucun allié ne sera laissé seul. »\n\nLe sommet s'achève jeudi.")
    assert _speakers(text, "fr")[1] == ("« Aucun allié ne s", "Hélène Castel")


def test_a_verb_and_a_colon_before_a_quote_is_the_cue_not_a_name():
    text = ("Dr Priya Raman, a consultant, said 14 children were treated. "
            'She added: "Four needed intensive care. That should not happen."')
    got = _speakers(text, "en")
    assert got[1][1] == "Dr Priya Raman" and got[2][1] == "Dr Priya Raman"


@pytest.mark.parametrize("lang, text, speaker", [
    ("en", "Donald Grey is slamming the plan, saying it will cost 3,000 jobs.", "Donald Grey"),
    ("en", "On Thursday, Wall Street analysts were calmer, saying losses would stay under 5%.",
     "Wall Street analysts"),
    ("en", "Hong Min-ji, the unification minister, told a hearing that 2 tests were likely.",
     "Hong Min-ji"),
    ("en", '"That is 40% too much," Mr Doyle, 70, told the Daily Courier.', "Mr Doyle"),
    ("en", "In other remarks, the Beige Book said 12 districts grew.", "the Beige Book"),
    ("en", "Responding to questions, the campaign said 300 staff would stay.", "the campaign"),
    ("fr", "Le ministre délégué à l'Énergie, Arnaud Lefèvre, a salué une baisse de 15 %.",
     "Arnaud Lefèvre"),
    ("fr", "La taxe ne bougera pas, a martelé l'adjoint aux finances, Karim Belkadi.",
     "Karim Belkadi"),
    ("fr", "Le dossier compte 14 tomes, comme l'a souligné le président du tribunal, Marc Roy.",
     "Marc Roy"),
    ("fr", "Me Paul Dacosta, avocat de la défense, a plaidé la relaxe pour 3 des 5 faits.",
     "Me Paul Dacosta"),
    ("fr", "Le fournisseur Volta Énergie estime que 350 emplois sont menacés.", "Volta Énergie"),
    ("fr", "Une enquête de l'institut Opinia montre que 62 % des parents sont inquiets.",
     "Opinia"),
    ("fr", "Selon le ministère de la Défense, 1 200 soldats partiront.",
     "le ministère de la Défense"),
    ("fr", "D'après le chercheur en sécurité Rémi Castaing, 40 000 comptes ont fuité.",
     "Rémi Castaing"),
])
def test_the_speaker_is_the_name_not_an_adverbial_an_object_or_a_title(lang, text, speaker):
    assert _speaker(text, lang) == speaker


@pytest.mark.parametrize("lang, text", [
    ("fr", "La ministre du Logement, Agnès Pelletier, n'a pas réagi."),
    ("fr", "Il est jugé devant le tribunal correctionnel de Nîmes pour abus de confiance."),
    ("en", "The minister did not say when the review would end."),
    ("en", "Have your say: email the newsroom."),
    ("fr", "L'opposition dénonce une fuite en avant"),  # a heading reports nothing
])
def test_negated_passive_and_heading_cues_report_nothing(lang, text):
    assert all(c.attribution is None for c in extract(text, lang))


def test_a_heading_keeps_its_figures():
    claims = extract("Les prix ont doublé en 3 ans, selon l'Insee\n\nLe texte suit.", "fr")
    assert len(claims) == 1 and claims[0].attribution is None
    assert claims[0].figures


def test_numbers_read_across_a_masked_entity_and_are_given_as_written():
    text = "Le loyer passe de 1&nbsp;480 € à 20,5&nbsp;millions d'euros, selon la régie."
    figures = [f for c in extract(text, "fr") for f in c.figures]
    assert [(f.text, f.value) for f in figures] == [
        ("1&nbsp;480 €", 1480), ("20,5&nbsp;millions d'euros", 20_500_000)]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Lire aussi : [Hôpital : les 5 chantiers du plan](https://example.org/a/2026/01/5)"),
    ("fr", "Par Léa Marchetti · Publié aujourd'hui à 11h20 · 4 min ·"),
    ("fr", "L'info locale a un coût : soutenez-nous dès 5 € par mois."),
    ("fr", "En cas d'urgence vitale, composez le 15 ou le 112."),
    ("fr", "Hôtel de ville, 1 place de la République, 69890 Montreval"),
    ("fr", "**FC Littoral 2-1 Stade Lorrain** (mi-temps : 0-1)"),
    ("fr", "Dans le 93, les gares resteront fermées."),
    ("fr", "France Travail : 39 95 (service gratuit + prix d'un appel)"),
    ("en", 'Housing · By Laura Finch · 14 May 2026 · 6 min read · <a href="#c">1,042 comments</a>'),
    ("en", "Parents can book a jab through their GP or by calling NHS 111."),
    ("en", "Support local journalism from £3 a month."),
    ("en", "Wexbury Civic Centre, Market Street, WX3 7QP."),
    ("en", "Call the helpline free on 0808 157 0855, 8am to 8pm, seven days a week."),
    ("en", "Year 6 pupils sit their tests in May."),
])
def test_page_furniture_gives_no_claim(lang, text):
    assert extract(text, lang) == []


def test_furniture_rules_leave_real_figures_alone():
    claims = extract("Unions call for 5,000 more nurses. The text got 3,000 comments.", "en")
    assert [f.value for c in claims for f in c.figures] == [5000, 3000]
