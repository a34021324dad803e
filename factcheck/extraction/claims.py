"""Turn one processed Doc into claims: per sentence, figures + attribution + score."""

from __future__ import annotations

from .attribution import LETTERS, find_attribution
from .coreference import resolve_speakers
from .figures import figures_by_sentence, find_figures
from .lang import Lang, rules_for
from .models import ExtractedAttribution, ExtractedClaim, ExtractedFigure
from .scoring import score_sentence


def doc_claims(doc, text: str, sents, lang: Lang, parsed: bool = False) -> list[ExtractedClaim]:
    """Claims of a Doc of ``text`` whose sentences are ``sents`` ((start, end, furniture));
    the parse is read when ``parsed``."""
    lang = rules_for(lang)
    spans = [(s, e) for s, e, furniture in sents if not furniture]
    figures = figures_by_sentence(text, lang, spans)
    out = []
    for (start, end), figs in zip(spans, figures, strict=True):
        claim = sentence_claim(text, start, end, lang, doc if parsed else None, figs)
        if claim is not None:
            out.append(claim)
    return resolve_speakers(out, lang)


def sentence_claim(
    text: str, start: int, end: int, lang: Lang, doc=None, figures=None
) -> ExtractedClaim | None:
    """The claim made by text[start:end], or None when it has no figure and no attribution."""
    lang = rules_for(lang)
    if figures is None:
        figures = find_figures(text, lang, start, end)
    sentence = text[start:end]
    words = LETTERS.findall(sentence)
    attribution = find_attribution(text, start, end, lang, doc, [w.lower() for w in words])
    kinds = (["figure"] if figures else []) + (["attribution"] if attribution else [])
    if not kinds:
        return None
    score, feats = score_sentence(sentence, figures, attribution, words)
    return ExtractedClaim(sentence, start, end, kinds, figures, attribution, score, feats,
                          lang.code)


def claim_from_dict(d: dict) -> ExtractedClaim:
    """Rebuild an ExtractedClaim from its to_dict() form (docs back from worker processes)."""
    att = d.get("attribution")
    return ExtractedClaim(
        d["sentence"],
        d["start"],
        d["end"],
        list(d["kinds"]),
        [ExtractedFigure(**f) for f in d.get("figures", [])],
        ExtractedAttribution(**att) if att else None,
        d["score"],
        dict(d["features"]),
        d["lang"],
    )
