"""Figure rules: spans, values, units and qualifiers, on plain strings (no spaCy model)."""

import pytest

from factcheck.extraction.figures import find_figures

CASES = [
    (
        "fr",
        "Pyongyang a envoyé plus de 10 000 soldats en Russie.",
        "plus de 10 000 soldats",
        10000,
        "soldats",
        "more_than",
    ),
    (
        "fr",
        "Environ 600 soldats nord-coréens ont été tués.",
        "Environ 600 soldats",
        600,
        "soldats",
        "approximately",
    ),
    ("fr", "Un budget de 12\u00a0500 euros.", "12\u00a0500 euros", 12500, "EUR", None),
    ("fr", "Il compte 48\u202f500 habitants.", "48\u202f500 habitants", 48500, "habitants", None),
    ("fr", "L'inflation atteint 3,5 % en mars.", "3,5 %", 3.5, "%", None),
    ("fr", "Un plan de 1,2 milliard d'euros.", "1,2 milliard d'euros", 1.2e9, "EUR", None),
    ("fr", "Une aide de 2 millions de dollars.", "2 millions de dollars", 2e6, "USD", None),
    ("fr", "Il a payé €300 comptant.", "€300", 300, "EUR", None),
    ("fr", "Trois cents hommes sont arrivés.", "Trois cents hommes", 300, "hommes", None),
    (
        "fr",
        "Une dizaine de chars ont été vus.",
        "Une dizaine de chars",
        10,
        "chars",
        "approximately",
    ),
    (
        "fr",
        "Des milliers de personnes ont fui.",
        "Des milliers de personnes",
        1000,
        "personnes",
        "more_than",
    ),
    (
        "fr",
        "Il y avait entre 500 et 700 migrants.",
        "entre 500 et 700 migrants",
        500,
        "migrants",
        "range",
    ),
    ("fr", "Une hausse de 20 à 30 % est prévue.", "20 à 30 %", 20, "%", "range"),
    ("fr", "Au moins 37 personnes ont péri.", "Au moins 37 personnes", 37, "personnes", "at_least"),
    ("fr", "Les deux tiers des électeurs ont voté.", "deux tiers", 2 / 3, None, None),
    ("fr", "Il y a 12 députés présents.", "12 députés", 12, "députés", None),
    ("fr", "Il fait moins 5 degrés ce matin.", "moins 5 degrés", -5, "degrés", None),
    ("en", "Only 3 officers were there.", "3 officers", 3, "officers", None),
    ("en", "The deal is worth $4.5bn in total.", "$4.5bn", 4.5e9, "USD", None),
    (
        "en",
        "More than 2,000 troops were sent.",
        "More than 2,000 troops",
        2000,
        "troops",
        "more_than",
    ),
    ("en", "Inflation rose to 3.5% in March.", "3.5%", 3.5, "%", None),
    ("en", "A dozen eggs cost less.", "A dozen eggs", 12, "eggs", None),
    ("en", "Two-thirds of voters agreed.", "Two-thirds", 2 / 3, None, None),
    ("en", "It grew between 5 and 7 per cent.", "between 5 and 7 per cent", 5, "%", "range"),
    ("en", "Up to 300 people attended.", "Up to 300 people", 300, "people", "at_most"),
    ("en", "It cost £30m to build.", "£30m", 3e7, "GBP", None),
    (
        "en",
        "one hundred and sixty-one soldiers",
        "one hundred and sixty-one soldiers",
        161,
        "soldiers",
        None,
    ),
]


@pytest.mark.parametrize("lang, text, span, value, unit, qualifier", CASES)
def test_figure_span_value_unit_qualifier(lang, text, span, value, unit, qualifier):
    figs = find_figures(text, lang)
    assert len(figs) == 1, figs
    fig = figs[0]
    assert text[fig.start : fig.end] == fig.text
    assert fig.text.startswith(span) and fig.value == pytest.approx(value)
    assert fig.unit == unit and fig.qualifier == qualifier


def test_range_sets_low_and_high():
    fig = find_figures("Entre 500 et 700 soldats.", "fr")[0]
    assert (fig.value, fig.low, fig.high) == (500, 500, 700)


@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "Un soldat a été vu en 2024 près de la frontière."),
        ("fr", "Le sommet aura lieu le 15 août 2025 à 14h30."),
        ("fr", "Il a célébré le 80e anniversaire de la libération."),
        ("fr", "Appelez le 01 23 45 67 89 pour en savoir plus."),
        ("fr", "Le Covid-19 circule toujours."),
        ("en", "It happened in 1945, on Aug. 15 at 2 p.m."),
        ("en", "A 21st-century problem, said one of the suspects."),
        ("en", "For more information, call 020 7946 0018."),
    ],
)
def test_not_figures(lang, text):
    assert find_figures(text, lang) == []


def test_offsets_are_relative_to_the_whole_text():
    text = "Intro.\n\nIls étaient 40 000 manifestants."
    fig = find_figures(text, "fr", 8, len(text))[0]
    assert text[fig.start : fig.end] == "40 000 manifestants"


@pytest.mark.parametrize("lang, sentence, text, value, low, high, unit", [
    # magnitude suffixes in any case, the currency glued after them
    ("fr", "Le déficit atteint 3 Md€ cette année.", "3 Md€", 3e9, None, None, "EUR"),
    ("fr", "La rénovation coûte 2,5 Mds d'euros.", "2,5 Mds d'euros", 2.5e9, None, None, "EUR"),
    ("en", "The sector is worth $1.2T today.", "$1.2T", 1.2e12, None, None, "USD"),
    ("en", "The ferry carried 2.75m passengers.", "2.75m passengers", 2.75e6, None, None,
     "passengers"),
    # shares: a number, its counted noun, and how many it is out of
    ("fr", "Une famille sur quatre renonce aux soins.", "Une famille sur quatre", 0.25, None,
     None, "famille"),
    ("en", "One in three adults skips breakfast.", "One in three adults", 1 / 3, None, None,
     "adults"),
    ("en", "Four out of five dentists agree.", "Four out of five dentists", 0.8, None, None,
     "dentists"),
    ("es", "Uno de cada tres hogares no tiene coche.", "Uno de cada tres hogares", 1 / 3, None,
     None, "hogares"),
    # ranges across scale words and repeated currency signs
    ("en", "Repairs will cost between £600 million and £800 million.",
     "between £600 million and £800 million", 6e8, 6e8, 8e8, "GBP"),
    ("fr", "Il faudrait entre 3 et 5 millions d'euros.", "entre 3 et 5 millions d'euros", 3e6,
     3e6, 5e6, "EUR"),
    # mixed numbers, the half joined before the scale word
    ("en", "He spent two-and-a-half years abroad.", "two-and-a-half years", 2.5, None, None,
     "years"),
    ("en", "About two and a half million people voted.", "About two and a half million people",
     2.5e6, None, None, "people"),
    ("fr", "Deux millions et demi de personnes ont voté.",
     "Deux millions et demi de personnes", 2.5e6, None, None, "personnes"),
    # a counted noun phrase (English modifier nouns)
    ("en", "Some 40,000 rail workers walked out.", "Some 40,000 rail workers", 40000, None,
     None, "rail workers"),
    # changes by a factor
    ("fr", "Le nombre de plaintes a doublé en un an.", "doublé", 2, None, None, "×"),
    ("en", "Exports tripled over the decade.", "tripled", 3, None, None, "×"),
    ("fr", "Le prix a été multiplié par trois.", "multiplié par trois", 3, None, None, "×"),
    ("en", "Waiting lists were divided by 4.", "divided by 4", 0.25, None, None, "×"),
])
def test_issue_13_figure_forms(lang, sentence, text, value, low, high, unit):
    figures = find_figures(sentence, lang)
    assert figures, sentence
    first = figures[0]
    assert (first.text, first.unit) == (text, unit)
    assert first.value == pytest.approx(value)
    assert (first.low, first.high) == (pytest.approx(low) if low else None,
                                       pytest.approx(high) if high else None)


@pytest.mark.parametrize("lang, sentence, texts", [
    ("fr", "Le ticket passera de 2,15 € à 2,50 € en mai.", ["2,15 €", "2,50 €"]),  # a change
    ("en", "They built a 5m wall and 2 in 2023.", ["5m", "2"]),  # metres; no share of a year
    ("en", "Sales rose from $3bn to $5bn.", ["$3bn", "$5bn"]),
    ("en", "She won the mixed doubles.", []),
])
def test_forms_that_stay_apart(lang, sentence, texts):
    assert [f.text for f in find_figures(sentence, lang)] == texts


@pytest.mark.parametrize("sentence, qualifier", [
    ("The minimum wage will go up to €13.80 an hour.", None),  # a rise to, not a ceiling
    ("Bus fares went up to £2.50 in March.", None),
    ("Fines of up to £500 were handed out.", "at_most"),
    ("The storm could bring up to 30 cm of snow.", "at_most"),
])
def test_up_to_is_a_ceiling_unless_something_goes_up_to_the_figure(sentence, qualifier):
    [figure] = find_figures(sentence, "en")
    assert figure.qualifier == qualifier


@pytest.mark.parametrize("lang, sentence, values", [
    ("en", "European lawmakers passed the bill 412 to 198.", [412, 198]),
    ("fr", "Le texte a été adopté par 412 voix contre 198.", [412, 198]),
    ("en", "City won 3-1 at home.", [3, 1]),
])
def test_a_tally_or_a_score_is_two_figures_not_a_range(lang, sentence, values):
    found = find_figures(sentence, lang)
    assert [f.value for f in found] == values and all(f.low is None for f in found)
