"""The public entry points: extract one text, or many through nlp.pipe.

Each text is parsed with its markup and page furniture masked (``markup.mask``: same length,
so offsets still index the text as given); each claim's sentence is then the text's own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from .claims import claim_from_dict
from .language import resolve_lang
from .loader import get_nlp
from .markup import mask
from .models import ExtractedClaim


def extract(text: str, lang: str = "auto") -> list[ExtractedClaim]:
    """Claims of one document; lang is 'fr', 'en' or 'auto' (detected)."""
    lang = resolve_lang(text, lang)
    masked = mask(text, lang)
    return _claims(get_nlp(lang)(masked), text, masked is not text)


def extract_many(
    texts: Iterable[str], lang: str = "auto", n_process: int = 1, batch_size: int = 32
) -> Iterator[list[ExtractedClaim]]:
    """Claims of each text, in order, batched through nlp.pipe (n_process > 1 forks workers)."""
    if lang not in (None, "", "auto"):
        lang = resolve_lang("", lang)
        pairs = ((masked, (text, masked is not text))
                 for text in texts for masked in (mask(text, lang),))
        for doc, (text, changed) in get_nlp(lang).pipe(pairs, as_tuples=True,
                                                       n_process=n_process,
                                                       batch_size=batch_size):
            yield _claims(doc, text, changed)
        return
    yield from _extract_mixed(list(texts), n_process, batch_size)


def _extract_mixed(
    texts: list[str], n_process: int, batch_size: int
) -> Iterator[list[ExtractedClaim]]:
    """Detect each text's language, run one pipe per language, give results back in input order."""
    langs = [resolve_lang(t, "auto") for t in texts]
    results: list[list[ExtractedClaim] | None] = [None] * len(texts)
    for lang in sorted(set(langs)):
        idx = [i for i, lg in enumerate(langs) if lg == lang]
        masked = {i: mask(texts[i], lang) for i in idx}
        docs = get_nlp(lang).pipe(
            (masked[i] for i in idx), n_process=n_process, batch_size=batch_size
        )
        for i, doc in zip(idx, docs, strict=False):
            results[i] = _claims(doc, texts[i], masked[i] is not texts[i])
    yield from results


def _claims(doc, text: str, masked: bool) -> list[ExtractedClaim]:
    """The claims the pipeline left on ``doc``, parsed from ``text`` (``masked``: with parts
    blanked): sentences as ``text`` has them (figures, speakers and cues never lie in masked
    parts)."""
    claims = [claim_from_dict(d) for d in doc._.fc_claims or []]
    if not masked:
        return claims
    return [_as_written(c, text) for c in claims]


def _as_written(claim: ExtractedClaim, text: str) -> ExtractedClaim:
    """The claim with every text taken from ``text`` by its offsets ('1&nbsp;480 €', not the
    blanks the mask left)."""
    figures = [dataclasses.replace(f, text=text[f.start:f.end]) for f in claim.figures]
    att = claim.attribution
    if att is not None:
        def part(start, end, value):
            return text[start:end] if start is not None and end is not None else value
        att = dataclasses.replace(
            att, speaker=part(att.speaker_start, att.speaker_end, att.speaker),
            cue=part(att.cue_start, att.cue_end, att.cue),
            speaker_mention=part(att.mention_start, att.mention_end, att.speaker_mention))
    return dataclasses.replace(claim, sentence=text[claim.start:claim.end], figures=figures,
                               attribution=att)
