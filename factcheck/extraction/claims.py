"""Turn one processed Doc into claims: per sentence, figures + attribution + score."""

from __future__ import annotations

from .attribution import LETTERS, find_attribution
from .coreference import resolve_speakers
from .figures import figures_by_sentence, find_figures
from .lang import Lang, rules_for
from .mentions import speaker_kind, titled_names
from .models import ExtractedAttribution, ExtractedClaim, ExtractedFigure
from .quotes import carry_quote_speakers
from .scoring import score_sentence
from .speakers import clause_subject


def doc_claims(doc, text: str, sents, lang: Lang, parsed: bool = False) -> list[ExtractedClaim]:
    """Claims of a Doc of ``text`` whose sentences are ``sents`` ((start, end, furniture,
    heading), ``Sentence`` tuples); the parse is read when ``parsed``. A heading's claim is its
    figures alone."""
    lang = rules_for(lang)
    kept = [(s[0], s[1], len(s) > 3 and s[3]) for s in sents if not s[2]]
    spans = [(s, e) for s, e, _ in kept]
    figures = figures_by_sentence(text, lang, spans)
    out = []
    for (start, end, heading), figs in zip(kept, figures, strict=True):
        claim = sentence_claim(text, start, end, lang, doc if parsed else None, figs,
                               attribution=not heading)
        if claim is not None:
            out.append(claim)
    body = [(s, e) for s, e, heading in kept if not heading]
    said = {c.start for c in out if c.attribution is not None}
    wanted = _has_reference(out, lang)
    subjects = [span for s, e in body if s not in said
                for span in (clause_subject(text, s, e, lang),) if span is not None] \
        if wanted else []
    asides = [(a, b, s) for s, e in body for a, b in titled_names(text, s, e, lang)] \
        if wanted else []
    out = resolve_speakers(out, lang, text, subjects, asides)
    return carry_quote_speakers(text, body, out, lambda s, e, att: _quoted(
        text, s, e, lang, att))


def _has_reference(claims: list[ExtractedClaim], lang) -> bool:
    """Whether a claim's speaker is a pronoun or a short reference ('il', 'le ministre',
    "l'institut"): only then are sentence subjects looked for."""
    return any(c.attribution is not None and c.attribution.speaker is not None
               and speaker_kind(c.attribution.speaker, lang) in ("pronoun", "reference")
               for c in claims)


def _quoted(text: str, start: int, end: int, lang, att: ExtractedAttribution):
    """The claim of a sentence inside a quote that has no figure: its attribution alone."""
    sentence = text[start:end]
    words = LETTERS.findall(sentence)
    score, feats = score_sentence(sentence, [], att, words)
    return ExtractedClaim(sentence, start, end, ["attribution"], [], att, score, feats,
                          rules_for(lang).code)


def sentence_claim(
    text: str, start: int, end: int, lang: Lang, doc=None, figures=None, attribution=True
) -> ExtractedClaim | None:
    """The claim made by text[start:end], or None when it has no figure and no attribution
    (``attribution`` False: figures only)."""
    lang = rules_for(lang)
    if figures is None:
        figures = find_figures(text, lang, start, end)
    sentence = text[start:end]
    words = LETTERS.findall(sentence)
    attribution = find_attribution(text, start, end, lang, doc, [w.lower() for w in words]) \
        if attribution else None
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
