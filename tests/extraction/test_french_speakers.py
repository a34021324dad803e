"""French speakers as news copy gives them (issue 13): pronouns and short references resolved
to someone named in a sentence that reports nothing, participle openers, cues after a time or
a listener, reporting verbs of the press, 'Pour elle,', quotes with an incise or a colon.
Sentences written for these tests."""
import pytest

from factcheck.extraction import extract


def _speaker_of(text, prefix, lang="fr"):
    """The speaker of the claim whose sentence starts with prefix."""
    claims = [c for c in extract(text, lang) if c.sentence.startswith(prefix)]
    assert claims, (prefix, [c.sentence for c in extract(text, lang)])
    att = claims[0].attribution
    return att.speaker if att else None


@pytest.mark.parametrize("text, prefix, speaker", [
    # a title and its name set off by commas, in a sentence that reports nothing
    ("La ministre du Budget, Agnès Roussel, a été interrogée sur le déficit. "
     "Elle a répondu : « Nous tiendrons l'objectif de 3 %. »", "Elle", "Agnès Roussel"),
    ("Le préfet du Var, Didier Cros, a fait le point. Il indique que 3 000 hectares ont brûlé.",
     "Il", "Didier Cros"),
    ("Le Premier ministre, François Arnaud, s'est exprimé sur TF1. « Le déficit sera ramené à "
     "3 % en 2029 », a-t-il déclaré.", "« Le", "François Arnaud"),
    # a descriptor before the name
    ("La ministre Élisabeth Garnier a défendu sa réforme. Elle estime que 100 000 emplois "
     "seront créés.", "Elle", "Élisabeth Garnier"),
    ("Le syndicat Force Ouvrière appelle à la grève. Il réclame une hausse de 5 % des salaires.",
     "Il", "Force Ouvrière"),
    # a title alone, a body's name
    ("Le maire de Pau a pris la parole devant 300 habitants. Il a promis 5 millions d'euros.",
     "Il", "Le maire de Pau"),
    ("Le ministre a été interpellé à l'Assemblée. « Nous avons recruté 3 000 enseignants », "
     "a-t-il répondu.", "« Nous", "Le ministre"),
    ("La Banque de France a revu sa prévision. Elle table désormais sur 0,7 % de croissance.",
     "Elle", "La Banque de France"),
    # a participle opening the sentence is no subject
    ("Élue depuis 2020, la maire de Brest, Nathalie Kerbrat, défend son bilan. Selon elle, "
     "2 000 logements ont été livrés.", "Selon", "Nathalie Kerbrat"),
    # 'ce dernier', object clitics between the pronoun and its verb
    ("Paul Girard a rencontré la ministre jeudi. Ce dernier a affirmé que 30 emplois seraient "
     "sauvés.", "Ce dernier", "Paul Girard"),
    ("Michel Barrat a reçu les maires mardi. Il leur a promis une enveloppe de 2 milliards "
     "d'euros.", "Il", "Michel Barrat"),
])
def test_a_pronoun_stands_for_someone_a_sentence_named_without_reporting(text, prefix, speaker):
    assert _speaker_of(text, prefix) == speaker


def test_a_name_a_title_sets_off_after_the_verb_is_remembered_after_the_subject():
    text = ("Le maire de Nantes, Luc Aubert, a reçu la ministre du Logement, Sophie Lenoir. "
            "Elle a promis 20 millions d'euros. Il a salué « un geste fort » et réclamé 500 "
            "logements de plus.")
    assert _speaker_of(text, "Elle") == "Sophie Lenoir"
    assert _speaker_of(text, "Il") == "Luc Aubert"  # not '500 logements', after 'et réclamé'
    text = "Le maire, Luc Aubert, a reçu le préfet, Marc Roy. Il a promis 3 millions d'euros."
    assert _speaker_of(text, "Il") == "Luc Aubert"  # the subject before the object


def test_a_lone_name_before_its_verb_is_a_body_a_generic_word_stands_for():
    text = ("Selon la préfecture, 3 000 foyers sont privés d'électricité. Enedis a mobilisé 400 "
            "techniciens. L'entreprise prévoit un retour à la normale d'ici jeudi.")
    assert _speaker_of(text, "L'entreprise") == "Enedis"


def test_a_plural_pronoun_stands_for_a_group_not_for_a_person():
    text = ("Le préfet, Didier Cros, a reçu les agriculteurs. Les agriculteurs bloquent l'A7 "
            "depuis lundi. Ils dénoncent une baisse de 15 % de leurs revenus.")
    assert _speaker_of(text, "Ils") == "Les agriculteurs"
    assert _speaker_of("Didier Cros a reçu la délégation. Ils dénoncent une baisse de 15 %.",
                       "Ils") == "Ils"


@pytest.mark.parametrize("text, prefix, speaker", [
    ("L'Insee a publié jeudi sa note de conjoncture. L'institut anticipe une croissance de "
     "0,9 % en 2027.", "L'institut", "L'Insee"),
    ("Météo-France a placé 14 départements en vigilance orange. L'organisme prévoit jusqu'à "
     "80 mm de pluie.", "L'organisme", "Météo-France"),
    ("La SNCF prévoit 3 TGV sur 5 jeudi. L'entreprise précise que les TER seront plus touchés.",
     "L'entreprise", "La SNCF"),
    ("Le ministre de la Santé, Paul Rivière, a présenté son plan. Le ministre promet 4 000 "
     "soignants de plus.", "Le ministre", "Paul Rivière"),
    # a word for the kind of title: 'l'élu' for a mayor, 'l'officier' for a colonel
    ("Le maire, Denis Fournier, ne décolère pas. Pour l'élu, 2 millions d'euros manquent.",
     "Pour", "Denis Fournier"),
    ("Le colonel Marc Dubois commande le groupement. « Nos équipes ont effectué 1 200 "
     "interventions », souligne l'officier.", "« Nos", "Marc Dubois"),
    ("Le maire de Grenoble et son adjoint ont visité le chantier. L'édile a assuré que 80 % "
     "des travaux étaient achevés.", "L'édile", "Le maire de Grenoble"),
])
def test_a_short_reference_stands_for_the_name_before_it(text, prefix, speaker):
    assert _speaker_of(text, prefix) == speaker


def test_a_possessive_body_is_someones_own_not_the_body_named_last():
    text = ("La ministre du Logement, Sophie Lenoir, a reçu la fondation Abri. Son cabinet "
            "rappelle que 250 000 logements ont été agréés.")
    assert _speaker_of(text, "Son cabinet") == "Son cabinet"
    text = ("Le Haut Conseil des finances publiques juge ces prévisions « optimistes ». Dans son "
            "avis, l'institution estime que la croissance ne dépassera pas 0,9 %.")
    assert _speaker_of(text, "Dans son avis") == "Le Haut Conseil des finances publiques"


def test_an_organisation_word_inside_a_persons_title_is_not_that_organisation():
    text = ("Council leader Mr Patel said the budget was fair. In a statement, the council "
            "said 1,200 households would get help.")
    assert _speaker_of(text, "In a statement", "en") == "the council"


@pytest.mark.parametrize("text, speaker", [
    ("Interrogée par l'AFP, Sandrine Collet, porte-parole de la préfecture, confirme 12 "
     "interpellations.", "Sandrine Collet"),
    ("Contacté par téléphone, le directeur de l'usine, Luc Moreau, a confirmé 120 "
     "licenciements.", "Luc Moreau"),
    ("Le rapport de la Cour des comptes, publié mercredi, chiffre à 2,4 milliards d'euros le "
     "coût du dispositif.", "la Cour des comptes"),
    ("Un agriculteur de la Beauce, Pierre Hamon, confie avoir perdu 40 % de sa récolte.",
     "Pierre Hamon"),
    ("Marie Lopez (PS) juge que la hausse de 4 % est « injuste ».", "Marie Lopez"),
    ("Le député (LFI) de Seine-Saint-Denis, Éric Lamy, a dénoncé une baisse de 12 % des "
     "crédits.", "Éric Lamy"),
    # a noun that is also a form of a reporting verb ('le prévenu'), a hyphen inside a name
    ("Me Karim Haddad, l'avocat du prévenu, a plaidé la relaxe pour 2 des 3 faits.",
     "Me Karim Haddad"),
    ("Jean-Baptiste Leroy-Martin, président de la FNSEA locale, estime les pertes à 20 %.",
     "Jean-Baptiste Leroy-Martin"),
])
def test_participles_asides_and_appositives_are_not_the_speaker(text, speaker):
    assert _speaker_of(text, text[:8]) == speaker


@pytest.mark.parametrize("lang, text, speaker", [
    ("fr", "Mardi, le maire a promis 500 logements.", "le maire"),
    ("en", "The survey of 2,000 adults by YouGov found 40% backed the plan.", "YouGov"),
])
def test_a_date_or_a_number_before_the_subject_is_not_its_name(lang, text, speaker):
    assert _speaker_of(text, text[:8], lang) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("« La facture a augmenté de 40 % », a expliqué jeudi la présidente de l'association, "
     "Colette Marin.", "Colette Marin"),
    ("« Les travaux dureront 18 mois », a précisé à l'AFP le directeur du chantier, Yann "
     "Kerguelen.", "Yann Kerguelen"),
    ("Le bilan s'élève à 12 morts, a annoncé dimanche soir le ministère de l'Intérieur.",
     "le ministère de l'Intérieur"),
])
def test_a_post_posed_cue_finds_its_subject_past_a_time_or_a_listener(text, speaker):
    assert _speaker_of(text, text[:8]) == speaker


@pytest.mark.parametrize("cue", [
    "tranche la ministre", "tacle la ministre", "lâche la ministre", "renchérit la ministre",
    "s'insurge la ministre", "a-t-elle poursuivi", "s'est-elle inquiétée", "s'est-elle félicitée",
    "lâche-t-elle", "s'émeut la ministre",
])
def test_press_reporting_verbs_after_a_quote(cue):
    text = f"La ministre, Anne Roux, a présenté le budget. « Il manque 40 millions », {cue}."
    assert _speaker_of(text, "« Il") == "Anne Roux"  # 'la ministre' and 'elle' stand for her


@pytest.mark.parametrize("text, prefix, speaker", [
    ("L'urgentiste Malik Benali a témoigné devant la commission. Il plaide pour une "
     "régulation des appels par le 15.", "Il", "Malik Benali"),
    ("Le leader de l'opposition tacle un budget « insincère » de 2 milliards d'euros.", "Le",
     "Le leader de l'opposition"),
    ("Le maire, Bertrand Olivier, a défendu « un budget assumé ».", "Le", "Bertrand Olivier"),
    ("Le maire, Nicolas Sansu, parle d'une « décision inacceptable ».", "Le", "Nicolas Sansu"),
    ("Aux yeux de la Commission européenne, le déficit de 5 % est trop élevé.", "Aux",
     "la Commission européenne"),
    ("Anne Lefort, la ministre de la Santé, a annoncé 2 000 lits. Pour elle, c'est « un "
     "premier pas ».", "Pour", "Anne Lefort"),
    ("Pour le ministre de l'Économie, Lucas Bernard, la croissance atteindra 1 %.", "Pour",
     "Lucas Bernard"),
    ("La maire, Anne Vidal, l'a répété mardi : 300 places de crèche seront créées.", "La",
     "Anne Vidal"),
    ("Selon une note du Trésor consultée par Les Échos, la mesure rapporterait 800 millions "
     "d'euros.", "Selon", "Trésor"),
])
def test_french_reporting_frames(text, prefix, speaker):
    assert _speaker_of(text, prefix) == speaker


@pytest.mark.parametrize("text", [
    "Le tribunal a tranché en faveur des riverains.",
    "Le joueur a taclé son adversaire par derrière.",
    "Les élèves ont répété la pièce pendant des semaines.",
    "Le club défend son titre samedi face à Lyon.",
    "Le maire parle souvent aux habitants du quartier.",
    "Interrogé, le ministère n'a pas répondu.",
])
def test_verbs_that_report_only_what_they_introduce_report_nothing_alone(text):
    assert all(c.attribution is None for c in extract(text, "fr"))


def test_a_quote_interrupted_by_its_cue_keeps_the_speaker_in_its_next_sentence():
    text = ("« Nous avons perdu 30 % de notre chiffre d'affaires, explique Luc Berger, boulanger "
            "à Lille. Les clients ne viennent plus. »")
    assert _speaker_of(text, "Les clients") == "Luc Berger"


def test_a_cue_inside_a_quote_is_the_quoted_persons_not_a_new_speaker():
    text = ("Le maire, Denis Fournier, ne décolère pas. « On nous a promis 2 millions d'euros. "
            "Nous n'avons rien vu », dénonce Denis Fournier.")
    assert _speaker_of(text, "« On nous") == "Denis Fournier"


def test_a_colon_after_a_clause_naming_someone_introduces_their_quote():
    text = "La directrice de l'école, Martine Leroy, est inquiète : « Nous avons 32 élèves. »"
    assert _speaker_of(text, "La directrice") == "Martine Leroy"
    assert _speaker_of("Le constat est simple : « 32 élèves par classe. »", "Le constat") \
        is None
