"""The matcher's rules that a desk relies on, one sentence pair each (our own sentences)."""
import pytest

from factcheck.tracking.matching import compare, signature


def _relation(a: str, b: str, la: str = "fr", lb: str = "fr") -> str:
    return compare(signature(a, la), signature(b, lb)).relation


@pytest.mark.parametrize("a, b, la, lb", [
    ("Un salarié sur quatre travaille le dimanche dans la région.",
     "Dans la région, 25 % des salariés travaillent le dimanche.", "fr", "fr"),
    ("La moitié des communes du département manquent de médecins.",
     "Half of the department's towns lack doctors.", "fr", "en"),
])
def test_a_ratio_in_words_is_the_percentage_it_says(a, b, la, lb):
    assert _relation(a, b, la, lb) == "same"


def test_the_same_change_in_the_other_direction_is_a_conflict():
    assert _relation("Les ventes de vélos ont progressé de 4 % en mai, selon la fédération.",
                     "Selon la fédération, les ventes de vélos ont reculé de 4 % en mai.") \
        == "conflict"


def test_round_numbers_seven_percent_apart_conflict_unless_hedged_in_words():
    base = "Le festival a accueilli {} visiteurs cette année."
    assert _relation(base.format("140 000"), base.format("130 000")) == "conflict"
    assert _relation(base.format("environ 140 000"), base.format("130 000")) != "conflict"


def test_a_denial_verb_turns_the_statement_over():
    assert _relation(
        "The ministry confirmed that its inspectors had visited the disputed site on Monday.",
        "The ministry denied that its inspectors had visited the disputed site on Monday.",
        "en", "en") == "conflict"


def test_a_forecast_against_an_outcome_differs_but_two_ways_of_announcing_agree():
    assert _relation("Le déficit devrait atteindre 5,1 % du PIB cette année.",
                     "Le déficit a atteint 5,1 % du PIB cette année.") == "different"
    assert _relation("Bercy prévoit un déficit de 5,1 % du PIB cette année.",
                     "Le ministère table sur un déficit de 5,1 % du PIB cette année.") == "same"


@pytest.mark.parametrize("a, b, relation", [
    ("Exports rose 4% in the second quarter.", "Exports rose 4% between April and June.",
     "same"),
    ("Exports rose 4% in the first quarter.", "Exports rose 4% in the first half.",
     "different"),
    ("Exports rose 4% in April.", "Exports rose 4% in the first four months of the year.",
     "different"),
])
def test_periods_compare_as_the_months_they_cover(a, b, relation):
    assert _relation(a, b, "en", "en") == relation


def test_a_thousands_group_of_zeros_is_thousands_in_english_too():
    assert _relation("Some 25.000 people have fled the fighting, the agency said.",
                     "The agency said 25,000 people had fled the fighting.", "en", "en") \
        == "same"


def test_a_figure_both_sides_share_does_not_hide_one_that_clashes():
    assert _relation("Le déraillement du train a fait 53 blessés, dont quatre graves.",
                     "Le déraillement du train a fait 35 blessés, dont quatre graves.") \
        == "conflict"


def test_units_are_measures_not_the_word_after_the_number():
    assert _relation("Les autorités ont confirmé 45 nouveaux cas de rougeole depuis janvier.",
                     "The authorities have confirmed 75 new cases of measles since January.",
                     "fr", "en") == "conflict"


@pytest.mark.parametrize("a, b, la, lb", [
    ("The party won 41% of the vote on Sunday.", "The party took 41% of the vote on Sunday.",
     "en", "en"),
    ("Environ 300 hectares ont brûlé avant que les pompiers ne maîtrisent le feu.",
     "Près de 300 hectares ont brûlé avant que le feu soit maîtrisé par les pompiers.",
     "fr", "fr"),
])
def test_words_that_only_look_negative_negate_nothing(a, b, la, lb):
    assert _relation(a, b, la, lb) == "same"


def test_a_conditional_in_reported_speech_is_not_an_outcome():
    french = ("Lors d'un déplacement à Rouen, la ministre du Travail a assuré que le chômage "
              "descendrait à 6 % l'an prochain.")
    assert signature(french, "fr").tentative
    assert _relation(french, "The labour minister said unemployment would fall to 6% next year.",
                     "fr", "en") == "same"


@pytest.mark.parametrize("a, b, la, lb", [
    ("L'entraîneur a convoqué 23 joueurs, dont quatre qui n'ont jamais joué en équipe "
     "nationale.", "L'entraîneur a convoqué 23 joueurs, dont quatre novices en sélection.",
     "fr", "fr"),
    ("The club signed 12 new players, three of whom have never played abroad.",
     "Le club a recruté 12 nouveaux joueurs, dont trois qui découvriront l'étranger.",
     "en", "fr"),
])
def test_a_negation_inside_a_relative_clause_denies_nothing(a, b, la, lb):
    assert _relation(a, b, la, lb) != "conflict"
    assert not signature(a, la).negated


@pytest.mark.parametrize("a, b, la, lb, relation", [
    ("La première semaine de mars, 840 cas de grippe ont été signalés en Alsace.",
     "La troisième semaine de mars, 840 cas de grippe ont été signalés en Alsace.",
     "fr", "fr", "different"),
    ("Au premier tour, la candidate écologiste a obtenu 31 % des voix à Grenoble.",
     "In the first round, the Green candidate won 31% of the vote in Grenoble.",
     "fr", "en", "same"),
    ("Au premier tour, la candidate écologiste a obtenu 31 % des voix à Grenoble.",
     "Au second tour, la candidate écologiste a obtenu 31 % des voix à Grenoble.",
     "fr", "fr", "different"),
])
def test_an_ordinal_week_round_or_day_is_its_own_period(a, b, la, lb, relation):
    assert _relation(a, b, la, lb) == relation


def test_a_name_that_opens_the_sentence_is_a_name_too():
    assert _relation("Decathlon a ouvert 14 magasins en Espagne l'an dernier.",
                     "Intersport a ouvert 14 magasins en Espagne l'an dernier.") == "different"
    assert _relation("Decathlon a ouvert 14 magasins en Espagne l'an dernier.",
                     "L'an dernier, Decathlon a ouvert 14 magasins en Espagne.") == "same"


def test_another_part_of_the_country_is_another_claim():
    assert _relation("De fortes pluies ont inondé 300 maisons dans le nord de l'Italie.",
                     "De fortes pluies ont inondé 300 maisons dans le sud de l'Italie.") \
        == "different"
    assert _relation("De fortes pluies ont inondé 300 maisons dans le nord de l'Italie.",
                     "Heavy rain flooded 300 homes in northern Italy.", "fr", "en") == "same"
    assert signature("Le déficit est de 5 % du PIB.", "fr").content.keys().isdisjoint(
        {"c:eastern"})


def test_a_cue_and_speaker_phrase_of_the_lexicon_is_skipped_whole():
    assert _relation("Selon les organisateurs, 8 000 personnes ont défilé à Rennes samedi.",
                     "D'après les organisateurs, 8 000 personnes ont manifesté samedi dans les "
                     "rues de Rennes.") == "same"


def test_brussels_stands_for_the_european_commission():
    assert _relation("La Commission européenne a ouvert une enquête sur 14 aides d'État.",
                     "Brussels has opened an investigation into 14 state aid schemes.",
                     "fr", "en") == "same"


@pytest.mark.parametrize("a, b, la, lb", [
    ("Selon la préfecture, 40 manifestants ont été interpellés samedi à Rennes.",
     "Selon la préfecture, 40 manifestants ont été blessés samedi à Rennes.", "fr", "fr"),
    ("The coastguard said 120 migrants were rescued off Lampedusa overnight.",
     "The coastguard said 120 migrants were missing off Lampedusa overnight.", "en", "en"),
    ("Les exportations de vin vers le Japon ont atteint 900 millions d'euros en 2025.",
     "Wine imports from Japan reached 900 million euros in 2025.", "fr", "en"),
])
def test_one_outcome_in_place_of_another_is_another_claim(a, b, la, lb):
    """Killed, injured, arrested, missing; exports and imports: the same number of the same
    people or goods, but something else happened to them."""
    assert _relation(a, b, la, lb) == "different"


def test_two_words_for_one_outcome_stay_the_same_claim():
    assert _relation("Le ministère a indiqué que 2 millions de personnes ont été vaccinées.",
                     "Selon le ministère, 2 millions de personnes ont reçu le vaccin.") == "same"


def test_a_count_of_people_may_be_a_count_of_residents_but_soldiers_are_not_civilians():
    assert _relation("Selon la mairie, 300 personnes ont été évacuées du quartier inondé.",
                     "Selon la mairie, 300 habitants ont été évacués du quartier inondé.") \
        == "same"
    assert _relation("Selon l'ONU, 300 soldats ont été tués dans la région depuis mars.",
                     "Selon l'ONU, 300 civils ont été tués dans la région depuis mars.") \
        == "different"


def test_two_precise_figures_alike_carry_a_translation_whose_words_barely_meet():
    vote = "Le Parlement européen a adopté le texte par 505 voix contre 117."
    assert _relation(vote, "European lawmakers passed the bill 505 to 117.", "fr", "en") \
        == "same"
    assert _relation(vote, "European farmers staged 505 protests and 117 blockades.", "fr",
                     "en") == "different"  # the numbers alone are not enough
