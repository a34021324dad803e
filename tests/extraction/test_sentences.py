"""Sentence splitting and web furniture."""

import pytest

from factcheck.extraction.sentences import is_furniture, split_sentences


def _texts(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_never_joins_across_a_blank_line():
    assert _texts("Un titre sans point\n\nLe texte commence ici.") == [
        "Un titre sans point",
        "Le texte commence ici.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "M. Lee a rencontré Kim Jong-un à Pyongyang.",
        "Mr. Smith flew to the U.S. on Monday.",
        "Il a vu Vyacheslav-Volodin, Kim Jong-un, etc. et d'autres.",
        "« Nous resterons vigilants. », a déclaré le ministre.",
    ],
)
def test_does_not_split_inside_names_or_abbreviations(text):
    assert _texts(text) == [text]


def test_splits_plain_sentences_and_keeps_offsets():
    text = "  Première phrase. Deuxième phrase ! Troisième ?"
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [
        "Première phrase.",
        "Deuxième phrase !",
        "Troisième ?",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "#Poutine #salue #les #troupes",
        "Leave a Comment",
        "You may also like",
        "by wellnessfitpro",
        "Photo: KCNA / Reuters",
        "Home news Poutine salue les troupes | combat | Corée du Nord",
        "Partager sur Facebook",
        "Lire aussi",
    ],
)
def test_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line", ["Sources said a deal was close.", "Par ailleurs, 600 soldats ont été tués."]
)
def test_not_furniture(line):
    assert not is_furniture(line)
