"""Tests needing the French model: the real sample article and the gold-set accuracy."""

import pytest

from factcheck.extraction import extract, extract_many
from tests.extraction.gold import load_gold, score

SAMPLE = "samples/000_4c8fd27ecf012742.txt"


@pytest.mark.model
def test_sample_article(shared_dir, french_model):
    text = (shared_dir / SAMPLE).read_text(encoding="utf-8")
    claims = extract(text, lang="auto")
    assert all(text[c.start : c.end] == c.sentence for c in claims)
    soldiers = next(c for c in claims if "plus de 10 000 soldats" in c.sentence)
    fig = next(f for f in soldiers.figures if "10 000" in f.text)
    assert text[fig.start : fig.end] == "plus de 10 000 soldats" and fig.value == 10000
    killed = next(
        c for c in claims if c.sentence.startswith("Environ 600 soldats nord-coréens ont été tués")
    )
    assert killed.figures[0].text == "Environ 600 soldats" and killed.attribution.speaker == "Séoul"
    speakers = {c.attribution.speaker for c in claims if c.attribution}
    assert {"Séoul", "Poutine", "KCNA"} <= speakers
    assert not any(
        c.sentence.startswith(("#", "Leave a Comment", "by wellnessfitpro")) for c in claims
    )


def _check_gold(lang):
    rows = load_gold(lang)
    if not rows:
        pytest.skip(f"tests/data/gold_{lang}.jsonl is missing")
    res = score(rows, list(extract_many([r["text"] for r in rows], lang=lang)))
    assert res["F1"] >= 0.92, res["misses"][:10]
    assert res["fig_recall"] >= 0.95, res["misses"][:10]
    assert res["speaker_acc"] >= 0.85, res["misses"][:10]


@pytest.mark.model
def test_gold_fr(french_model):
    _check_gold("fr")


def test_gold_en():
    _check_gold("en")


@pytest.mark.model
def test_figures_never_span_a_paragraph_break(french_model):
    text = "Il en reste trois\n\nquatre cents soldats sont arrivés."
    values = [f.value for c in extract(text, lang="fr") for f in c.figures]
    assert values == [3, 400]
