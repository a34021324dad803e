"""Attribution rules without a parser (the English path and the French fallback)."""

import pytest

from factcheck.extraction.attribution import find_attribution


def _speakers(text, lang):
    """(speaker, speaker_mention) of each attributed claim of a whole text."""
    from factcheck.extraction import extract

    return [(c.attribution.speaker, c.attribution.speaker_mention)
            for c in extract(text, lang) if c.attribution]


def _att(text, lang):
    return find_attribution(text, 0, len(text), lang)


@pytest.mark.parametrize(
    "lang, text, speaker, cue",
    [
        ("fr", "Environ 600 soldats ont été tués, a déclaré Séoul.", "Séoul", "a déclaré"),
        ("fr", "« Cela a été démontré », a-t-il déclaré.", "il", "a-t-il déclaré"),
        (
            "fr",
            "Le bilan est lourd, a indiqué le ministère de la Défense.",
            "le ministère de la Défense",
            "a indiqué",
        ),
        ("fr", "Selon KCNA, Kim a remercié les soldats.", "KCNA", "Selon"),
        ("fr", "« C'est grave », a dit M. Lee à la presse.", "M. Lee", "a dit"),
        ("en", "\"We are ready,\" said J. Smith.", "J. Smith", "said"),
        ("fr", "Rien n'est décidé, a déclaré la porte-parole du parti, Claire Dumas.",
         "Claire Dumas", "a déclaré"),
        ("es", "«No habrá recortes», aseguró la portavoz del Gobierno, Ana Ruiz.", "Ana Ruiz",
         "aseguró"),
        ("fr", "D'après l'Insee, le chômage recule.", "l'Insee", "D'après"),
        (
            "fr",
            "La Banque de France estime que la croissance ralentit.",
            "La Banque de France",
            "estime",
        ),
        ("en", "Seoul will not stand idly by, said Mr Lee.", "Mr Lee", "said"),
        ("en", "The agency reported that 12 people died.", "The agency", "reported"),
        ("en", "According to the ministry, prices rose.", "the ministry", "According to"),
        ("en", "“This is a sham,” he said.", "he", "said"),
        (
            "en",
            "Mike Mayo, a banking analyst at CLSA, said the bank was in trouble.",
            "Mike Mayo",
            "said",
        ),
    ],
)
def test_speaker_and_cue(lang, text, speaker, cue):
    att = _att(text, lang)
    assert att is not None and att.speaker == speaker and att.cue == cue
    assert text[att.speaker_start : att.speaker_end] == speaker
    assert text[att.cue_start : att.cue_end] == cue
    assert att.start <= min(att.speaker_start, att.cue_start) and att.end >= max(
        att.speaker_end, att.cue_end
    )


@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "Ils ont dit adieu à leur village."),
        ("fr", "Un incendie s'est déclaré dans un entrepôt."),
        ("fr", "C'est-à-dire que rien ne change."),
        ("en", "He said goodbye to his teammates."),
        ("en", "The claims were rejected by the court."),
        ("en", "Losses can offset income reported in the previous years."),
    ],
)
def test_no_attribution(lang, text):
    assert _att(text, lang) is None


def test_quote_without_cue_is_reported_speech_with_unknown_speaker():
    att = _att("« Nous ne céderons jamais devant la menace. »", "fr")
    assert att is not None and att.speaker is None and att.cue is None


@pytest.mark.parametrize(
    "lang, text, speaker, cue",
    [  # reporting, estimating and finding expressions beyond "said" (issue 13)
        ("fr", "Le syndicat craint la suppression de 300 postes dans l'usine.", "Le syndicat",
         "craint"),
        ("fr", "La ministre nuance : la baisse ne touche que les grandes villes.", "La ministre",
         "nuance"),
        # a report speaks for the body that published it
        ("fr", "« Le retard se résorbe lentement », résume le rapport de la Cour des comptes.",
         "la Cour des comptes", "résume"),
        ("fr", "La fédération chiffre les dégâts à 40 millions d'euros.", "La fédération",
         "chiffre les"),
        ("fr", "L'association dénonce des conditions d'accueil indignes.", "L'association",
         "dénonce"),
        ("en", "The lawyer pleaded for leniency on behalf of her client.", "The lawyer",
         "pleaded"),
        ("en", "The union welcomed the offer but added that talks would go on.", "The union",
         "welcomed"),
        ("en", "Officials put the death toll at 42 on Sunday evening.", "Officials",
         "put the death toll at"),
    ],
)
def test_more_reporting_expressions(lang, text, speaker, cue):
    att = _att(text, lang)
    assert att is not None and (att.speaker, att.cue) == (speaker, cue)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le chiffre des ventes a baissé de 3 % en un an."),
    ("fr", "Il a fait un résumé de vingt pages pour le conseil."),
    ("en", "The hotel offered a warm welcome to the visitors."),
])
def test_the_nouns_and_plain_verbs_behind_those_cues_are_no_attribution(lang, text):
    assert _att(text, lang) is None


def test_a_short_reference_takes_the_name_given_earlier_and_keeps_its_own_words():
    from factcheck.extraction import extract

    text = ("Selon le ministère de l'Économie, 3,5 milliards d'euros seront mobilisés.\n\n"
            "Les syndicats ont salué l'annonce.\n\n"
            "Le ministère a précisé que 40 % des fonds iraient aux PME.\n\n"
            "« Nous serons vigilants sur 200 contrôles », a-t-il ajouté.")
    by_start = {c.sentence[:6]: c.attribution for c in extract(text, "fr")}
    first, second, third = by_start["Selon "], by_start["Le min"], by_start["« Nous"]
    assert by_start["Les sy"].speaker == "Les syndicats"  # another speaker in between
    assert first.speaker == "le ministère de l'Économie" and first.speaker_mention is None
    assert second.speaker == "le ministère de l'Économie"
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)
    assert second.speaker_mention == "Le ministère"
    assert text[second.mention_start:second.mention_end] == "Le ministère"
    assert second.mention_span() == (second.mention_start, second.mention_end)
    # a French 'il' may stand for an organisation whose determiner is masculine
    assert (third.speaker, third.speaker_mention) == ("le ministère de l'Économie", "il")


def test_a_generic_word_for_a_body_takes_the_organisation_named_last_but_no_other_head():
    """'L'institut' stands for l'Insee, which its name never says; 'le ministère' is not a
    word for any body: with no ministry named before, it stays as written."""
    text = ("Selon l'Insee, le chômage a baissé de 0,3 point.\n\n"
            "L'institut a précisé que 40 % des chômeurs avaient moins de 25 ans.\n\n"
            "Le ministère a indiqué que 300 conseillers seraient recrutés.")
    speakers = _speakers(text, "fr")
    assert speakers == [("l'Insee", None), ("l'Insee", "L'institut"), ("Le ministère", None)]


def test_a_generic_word_for_a_body_never_stands_for_a_person():
    text = ("Marsh Vale Water said bills would rise by 6% in April. "
            "Its chief executive, Dr Helen Mercer, said 40 leaks were fixed each day. "
            "The company added that 12 reservoirs were below half capacity.")
    speakers = _speakers(text, "en")
    assert speakers[-1] == ("Marsh Vale Water", "The company")


def test_a_pronoun_takes_the_named_speaker_it_can_stand_for():
    text = ("Le maire, Paul Girard, a déclaré que 300 logements seraient construits. Il a ajouté "
            "que les travaux coûteraient 12 millions d'euros.\n\n"
            "Selon la ministre Anne Roux, le budget suffit. Il faudra 40 % de plus, a-t-elle "
            "nuancé.\n\n"
            "La préfecture a compté 25 blessés. Elle a précisé que 3 restaient hospitalisés.\n\n"
            "M. Lee a parlé de 10 usines. Un an plus tard, 4 avaient fermé. Il a dit 5 de plus.")
    speakers = _speakers(text, "fr")
    assert speakers[:4] == [("Paul Girard", None), ("Paul Girard", "Il"),
                            ("Anne Roux", None), ("Anne Roux", "elle")]
    assert ("La préfecture", "Elle") in speakers  # a feminine organisation
    assert speakers[-1] == ("M. Lee", "Il")  # a sentence without a speaker in between


def test_a_pronoun_skips_names_of_the_other_gender_and_it_takes_an_organisation():
    text = ("Network Rail said 40 trains would run. Paul Grant, a driver, said 12 depots were "
            "shut.\n\nDr Helen Mercer said 300 staff were off. "
            '"We have 20 more to check," he said. It added that 5 lines would close.')
    speakers = _speakers(text, "en")
    assert ("Paul Grant", "he") in speakers  # Helen is no 'he'
    assert ("Network Rail", "It") in speakers  # nor is a person 'it'


def test_a_pronoun_takes_the_name_set_off_by_commas_after_a_sentences_subject():
    text = ("Le conseil départemental a voté son budget jeudi.\n\n"
            "La présidente, Odile Marchetti, a défendu « des choix difficiles ».\n\n"
            "Les routes recevront 25 millions d'euros, a-t-elle précisé.")
    assert _speakers(text, "fr")[-1] == ("Odile Marchetti", "elle")


def test_a_pronoun_takes_the_body_just_named_over_an_older_one_of_its_gender():
    """'Elle' right after Trans'Alpes spoke stands for it, although the name does not say
    its gender and 'la direction de la SNCF' spoke, feminine, a little before."""
    text = ("Aucun contrôleur ne sera sanctionné, a indiqué la direction de la SNCF.\n\n"
            "Près de 300 000 voyageurs prennent chaque jour ces trains, selon Trans'Alpes. "
            "Elle rappelle que les abonnés seront remboursés à 50 %.")
    assert _speakers(text, "fr")[-1] == ("Trans'Alpes", "Elle")


def test_an_adverbial_the_parse_took_for_the_subject_leaves_the_speaker_to_the_rules():
    """'Dans un communiqué, l’entreprise précise …' (a typographic apostrophe): the speaker is
    the company the paragraph named, not nobody."""
    text = ("La société nantaise Veloria, qui loue des vélos, a reconnu mardi une panne géante. "
            "Dans un communiqué, l’entreprise précise que 30 % des abonnés ont été touchés.")
    assert _speakers(text, "fr")[-1] == ("Veloria", "l’entreprise")


def test_a_title_followed_by_a_name_belongs_to_that_name_not_to_the_speaker_before_it():
    text = ("Selon le journal Le Quotidien du Port, le président Henri Vasseur quittera le club "
            "en juin. Le président a démenti mardi : « Je reste encore 3 ans. »")
    assert _speakers(text, "fr")[-1] == ("Henri Vasseur", "Le président")
