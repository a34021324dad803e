"""Deciding whether two claim signatures are the same claim, a conflict, or different.

The decision reads, in order: how much of the wording the two share (weighted by what kind
of term each is, word stems matched across languages by spelling), whether they speak of the
same period and with the same status (forecast or outcome), whether one denies the other, and
whether their figures for the same counted thing agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .signature import FigureSig, Signature

WEIGHTS = {"entity": 1.4, "thing": 1.5, "event": 1.1, "quality": 0.6, "word": 1.0}
RELATED = 0.30  # below this share of weighted terms, two sentences are about other things
SAME = 0.45  # from this share up (figures agreeing), the same claim
CONFLICT = 0.40  # a clash of figures or a denial counts from this share up
AGREE_BONUS = 0.15
TOLERANCE_HEDGED = 0.06
TOLERANCE_PRECISE = 0.02
CLASH = 0.10


@dataclass(frozen=True)
class MatchResult:
    """The relation of two claims ("same", "conflict", "different") and a score in [0, 1]."""

    relation: str
    score: float
    reasons: tuple[str, ...] = field(default=())


def compare(a: Signature, b: Signature) -> MatchResult:
    """Relation between two claim signatures (symmetric)."""
    overlap = term_overlap(a, b)
    figures = figure_agreement(a, b)
    reasons = [f"overlap={overlap:.2f}", f"figures={figures}"]
    score = overlap + (AGREE_BONUS if figures == "agree" else 0.0)
    score = min(1.0, score)
    if overlap < RELATED and not (figures == "agree" and overlap >= RELATED - 0.1):
        return MatchResult("different", round(score, 3), tuple(reasons))
    if _periods_differ(a, b):
        return MatchResult("different", round(score * 0.5, 3), (*reasons, "period"))
    if a.forecast != b.forecast:
        return MatchResult("different", round(score * 0.5, 3), (*reasons, "status"))
    if a.negated != b.negated and overlap >= CONFLICT:
        return MatchResult("conflict", round(score, 3), (*reasons, "denial"))
    if figures == "clash" and overlap >= CONFLICT:
        return MatchResult("conflict", round(score, 3), tuple(reasons))
    if score >= SAME and figures != "clash":
        return MatchResult("same", round(score, 3), tuple(reasons))
    return MatchResult("different", round(score, 3), tuple(reasons))


def term_overlap(a: Signature, b: Signature) -> float:
    """Weighted Dice share of the two sentences' content terms (cognates count across languages)."""
    if not a.content or not b.content:
        return 0.0
    matched_a, matched_b = _matches(a, b)
    wa = sum(WEIGHTS[k] for k in a.content.values())
    wb = sum(WEIGHTS[k] for k in b.content.values())
    shared = sum(WEIGHTS[a.content[k]] for k in matched_a) + \
        sum(WEIGHTS[b.content[k]] for k in matched_b)
    return shared / (wa + wb)


def _matches(a: Signature, b: Signature) -> tuple[set[str], set[str]]:
    common = set(a.content) & set(b.content)
    matched_a, matched_b = set(common), set(common)
    rest_a = [k for k in a.content if k not in common and k.startswith("w:")]
    rest_b = [k for k in b.content if k not in common and k.startswith("w:")]
    for ka in rest_a:
        for kb in rest_b:
            if kb not in matched_b and cognates(ka[2:], kb[2:]):
                matched_a.add(ka)
                matched_b.add(kb)
                break
    return matched_a, matched_b


@lru_cache(maxsize=100_000)
def cognates(x: str, y: str) -> bool:
    """Stems spelt nearly alike: "militair"/"militari", "deploi"/"deploy"."""
    if x == y:
        return True
    if min(len(x), len(y)) < 4:
        return False
    if x[:3] != y[:3]:
        return False
    return Levenshtein.normalized_similarity(x, y) >= 0.7


def figure_agreement(a: Signature, b: Signature) -> str:
    """'agree', 'clash', 'none' (nothing to compare): figures of the same thing, paired."""
    if not a.figures or not b.figures:
        return "none"
    agree = clash = False
    for fa in a.figures:
        for fb in b.figures:
            if not _same_quantity(fa, fb):
                continue
            state = _values(fa, fb)
            agree |= state == "agree"
            clash |= state == "clash"
    if agree:
        return "agree"
    return "clash" if clash else "none"


def _same_quantity(fa: FigureSig, fb: FigureSig) -> bool:
    if (fa.unit or fb.unit) and fa.unit != fb.unit:
        return False
    if fa.thing and fb.thing:
        return fa.thing == fb.thing or (fa.thing.startswith("w:") and fb.thing.startswith("w:")
                                        and cognates(fa.thing[2:], fb.thing[2:]))
    return True


def _values(fa: FigureSig, fb: FigureSig) -> str:
    lo_a, hi_a = fa.bounds()
    lo_b, hi_b = fb.bounds()
    if lo_a <= hi_b and lo_b <= hi_a:
        return "agree"
    gap = min(abs(lo_a - hi_b), abs(lo_b - hi_a))
    size = max(abs(lo_a), abs(hi_a), abs(lo_b), abs(hi_b))
    rel = gap / size if size else 0.0
    hedged = fa.approx or fb.approx
    if rel <= (TOLERANCE_HEDGED if hedged else TOLERANCE_PRECISE):
        return "agree"
    if rel > CLASH or not hedged:
        return "clash"
    return "unclear"


def _periods_differ(a: Signature, b: Signature) -> bool:
    if a.years and b.years and not set(a.years) & set(b.years):
        return True
    months_a = {p for p in a.periods if p in _MONTHS}
    months_b = {p for p in b.periods if p in _MONTHS}
    return bool(months_a and months_b and not months_a & months_b)


_MONTHS = {f"c:{m}" for m in ("january", "february", "march", "april", "may", "june", "july",
                              "august", "september", "october", "november", "december")}
