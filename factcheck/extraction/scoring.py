"""Check-worthiness: a transparent weighted sum of sentence features, squashed into [0, 1]."""

from __future__ import annotations

import math
import re

from .models import ExtractedAttribution, ExtractedFigure

_FIRST_PERSON = frozenset("je j nous i we my our mon ma mes".split())
_HEDGE = frozenset(
    "pourrait semble probablement maybe perhaps might could seem seems probably think pense "
    "crois believe".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")
WEIGHTS = {
    "bias": -1.2,
    "figure": 1.6,
    "extra_figures": 0.3,
    "attribution": 0.9,
    "named_speaker": 0.4,
    "quote": -0.3,
    "names": 0.25,
    "question": -1.2,
    "first_person": -0.4,
    "hedge": -0.5,
    "short": -0.8,
}


def score_sentence(
    sentence: str,
    figures: list[ExtractedFigure],
    attribution: ExtractedAttribution | None,
    words: list[str] | None = None,
) -> tuple[float, dict[str, float]]:
    """Return (score in [0, 1], features used) for one sentence (words: its letter runs)."""
    words = _LETTERS.findall(sentence) if words is None else words
    lower = {w.lower() for w in words}
    feats = {
        "figure": float(bool(figures)),
        "extra_figures": float(min(max(len(figures) - 1, 0), 3)),
        "attribution": float(attribution is not None),
        "named_speaker": float(
            bool(attribution and attribution.speaker and attribution.speaker[:1].isupper())
        ),
        "quote": float(bool(attribution and attribution.cue is None)),
        "names": float(min(sum(w[0].isupper() for w in words[1:]), 3)),
        "question": float(sentence.rstrip().endswith("?")),
        "first_person": float(not _FIRST_PERSON.isdisjoint(lower)),
        "hedge": float(not _HEDGE.isdisjoint(lower) or "peut-être" in sentence.lower()),
        "short": float(len(words) < 6),
    }
    z = WEIGHTS["bias"] + sum(WEIGHTS[k] * v for k, v in feats.items())
    return round(1 / (1 + math.exp(-z)), 4), feats
