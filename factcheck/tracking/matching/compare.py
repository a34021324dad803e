"""Deciding whether two claim signatures are the same claim, a conflict, or different.

The decision reads, in order: how much of the wording the two share (weighted by what kind
of term each is, word stems matched across languages by spelling), whether they speak of the
same period and with the same status (forecast or outcome), whether one denies the other, and
whether their figures for the same counted thing agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .signature import FigureSig, Signature
from .text import PATTERNS

WEIGHTS = {"entity": 1.4, "thing": 1.5, "event": 1.1, "quality": 0.6, "word": 1.0}
RELATED = 0.30  # below this share of weighted terms, two sentences are about other things
SAME = 0.45  # from this share up (figures agreeing), the same claim
CONFLICT = 0.35  # a clash of figures or a denial counts from this share up
CONTAINMENT = 0.3
SWAP_REST = 1
SWAPPABLE = "thing"  # one thing in place of another in an otherwise same text: another claim
PRECISE_RELATED = 0.1  # two precise figures alike ('412 voix contre 198'): related from here
EXCLUSIVE_REST = 2  # words besides the swapped concepts left unshared, at most
COGNATE_MIN = 4
COGNATE_SIM = 0.7
AGREE_BONUS = 0.15
UNPAIRED_SAME = 0.70  # both state figures, none of the same thing: same only if worded alike
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
    matched_a, matched_b = _matches(a, b)
    overlap = _overlap(a, b, matched_a, matched_b)
    figures = figure_agreement(a, b)
    reasons = [f"overlap={overlap:.2f}", f"figures={figures}"]
    swapped = substitution(a, b, matched_a, matched_b)
    if swapped and overlap >= RELATED:
        return MatchResult("different", round(overlap * 0.5, 3), (*reasons, swapped))
    precise = figures == "agree" and _precise_agreements(a, b) >= 2
    score = overlap + (AGREE_BONUS if figures == "agree" else 0.0) + (
        AGREE_BONUS if precise else 0.0)
    score = min(1.0, score)
    if overlap < RELATED and not (figures == "agree" and overlap >= RELATED - 0.1) \
            and not (precise and overlap >= PRECISE_RELATED):
        return MatchResult("different", round(score, 3), tuple(reasons))
    if _periods_differ(a, b):
        return MatchResult("different", round(score * 0.5, 3), (*reasons, "period"))
    if _status_differs(a, b):
        return MatchResult("different", round(score * 0.5, 3), (*reasons, "status"))
    if (a.negated != b.negated or a.denies != b.denies) and overlap >= CONFLICT:
        return MatchResult("conflict", round(score, 3), (*reasons, "denial"))
    if _opposite_directions(a, b) and overlap >= CONFLICT:
        return MatchResult("conflict", round(score, 3), (*reasons, "direction"))
    if figures == "clash" and overlap >= CONFLICT:
        return MatchResult("conflict", round(score, 3), tuple(reasons))
    if figures == "none" and a.figures and b.figures and overlap < UNPAIRED_SAME:
        return MatchResult("different", round(score, 3), (*reasons, "unpaired figures"))
    if score >= SAME and figures != "clash":
        return MatchResult("same", round(score, 3), tuple(reasons))
    return MatchResult("different", round(score, 3), tuple(reasons))


def substitution(a: Signature, b: Signature, matched_a: set[str], matched_b: set[str]) -> str:
    """What one sentence has in place of the other's: another place or body ('entity'),
    another name ('name'), another counted thing ('thing'); '' when nothing is swapped."""
    named_a = [k for k, v in a.content.items() if v == "entity" or k in a.names]
    named_b = [k for k, v in b.content.items() if v == "entity" or k in b.names]
    if [k for k in named_a if k not in matched_a] and [k for k in named_b if k not in matched_b]:
        return "name"
    if a.speaker and b.speaker and not set(a.speaker) & set(b.speaker) \
            and not set(a.speaker) & set(b.content) and not set(b.speaker) & set(a.content):
        return "speaker"
    for fa in a.figures:
        for fb in b.figures:
            if _other_thing(fa, fb, a, b) and _values(fa, fb) == "agree":
                return "thing"
    rest_a, rest_b = set(a.content) - matched_a, set(b.content) - matched_b
    if len(rest_a) <= SWAP_REST and len(rest_b) <= SWAP_REST:
        keys_a = [k for k in rest_a if a.content[k] == SWAPPABLE]
        keys_b = [k for k in rest_b if b.content[k] == SWAPPABLE]
        # Across languages only two known concepts count: unknown words may be the same.
        if keys_a and keys_b and (a.lang == b.lang or any(k.startswith("c:") for k in keys_a)
                                  and any(k.startswith("c:") for k in keys_b)):
            return SWAPPABLE
    if _exclusive_swap(rest_a, rest_b):
        return "exclusive"
    return ""


def _exclusive_swap(rest_a: set[str], rest_b: set[str]) -> bool:
    """One member of a family of exclusive concepts in place of another, nearly all else
    shared: people killed against people arrested, exports against imports."""
    families = exclusive_members()
    in_a = {families[k] for k in rest_a if k in families}
    in_b = {families[k] for k in rest_b if k in families}
    swapped = {(fa, ma) for fa, ma in in_a for fb, mb in in_b if fa == fb and ma != mb}
    if not swapped:
        return False
    others = len([k for k in rest_a if k not in families]) + len(
        [k for k in rest_b if k not in families])
    return others <= EXCLUSIVE_REST


@lru_cache(maxsize=None)
def _exclusive() -> dict:
    """``patterns/exclusive.json``: families of exclusive concepts, generic counted things."""
    return json.loads((PATTERNS / "exclusive.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def exclusive_members() -> dict[str, tuple[str, int]]:
    """Concept term -> (family, member) from ``patterns/exclusive.json``."""
    data = _exclusive()
    return {f"c:{concept}": (family, k)
            for family, members in data["families"].items()
            for k, member in enumerate(members) for concept in member}


def _other_thing(fa: FigureSig, fb: FigureSig, a: Signature, b: Signature) -> bool:
    """Two counts of named things that the other sentence never mentions (soldiers against
    civilians); stems of unknown words are compared only within one language."""
    if fa.unit or fb.unit or not fa.thing or not fb.thing or _same_thing(fa.thing, fb.thing):
        return False
    if fa.thing in b.content or fb.thing in a.content:
        return False
    both_concepts = fa.thing.startswith("c:") and fb.thing.startswith("c:")
    return both_concepts or a.lang == b.lang


def _overlap(a: Signature, b: Signature, matched_a: set[str], matched_b: set[str]) -> float:
    if not a.content or not b.content:
        return 0.0
    wa = sum(WEIGHTS[k] for k in a.content.values())
    wb = sum(WEIGHTS[k] for k in b.content.values())
    share_a = sum(WEIGHTS[a.content[k]] for k in matched_a) / wa
    share_b = sum(WEIGHTS[b.content[k]] for k in matched_b) / wb
    # Dice-like mean of both shares, leaning to the larger: a claim quoted inside a longer
    # sentence shares all of its words, the longer one only some.
    return CONTAINMENT * max(share_a, share_b) + (1 - CONTAINMENT) * (share_a + share_b) / 2


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
    generic = generic_pairs()  # "people" on one side, "residents" on the other
    for ka in set(a.content) - matched_a:
        kb = next((k for k in set(b.content) - matched_b if (ka, k) in generic), None)
        if kb is not None:
            matched_a.add(ka)
            matched_b.add(kb)
    return matched_a, matched_b


@lru_cache(maxsize=100_000)
def cognates(x: str, y: str) -> bool:
    """Stems spelt nearly alike: "militair"/"militari", "deploi"/"deploy"."""
    if x == y:
        return True
    if min(len(x), len(y)) < COGNATE_MIN:
        return False
    if x[:2] != y[:2]:
        return False
    sim = Levenshtein.normalized_similarity(x, y)
    return sim >= COGNATE_SIM or (x[:4] == y[:4] and sim >= COGNATE_SIM - 0.15)


def figure_agreement(a: Signature, b: Signature) -> str:
    """'agree', 'clash', 'none' (nothing to compare): figures of the same thing, paired.

    A figure that agrees with one on the other side is settled; two unsettled figures of the
    same quantity that clash make a clash even when other figures agree ("26 fighter jets"
    on both sides, 6 billion dollars against 4.5)."""
    if not a.figures or not b.figures:
        return "none"
    single = len(a.figures) == 1 and len(b.figures) == 1
    states = {}
    for i, fa in enumerate(a.figures):
        for j, fb in enumerate(b.figures):
            if _same_quantity(fa, fb, a, b, single):
                states[i, j] = _values(fa, fb)
    settled_a = {i for (i, _), state in states.items() if state == "agree"}
    settled_b = {j for (_, j), state in states.items() if state == "agree"}
    if any(state == "clash" and i not in settled_a and j not in settled_b
           for (i, j), state in states.items()):
        return "clash"
    return "agree" if settled_a else "none"


def _same_quantity(fa: FigureSig, fb: FigureSig, a: Signature, b: Signature,
                   single: bool) -> bool:
    """Figures that measure the same thing: the same unit (money, percent) or the same
    counted thing, named on both sides; one count on each side of the same statement."""
    if (fa.unit or fb.unit) and fa.unit != fb.unit:
        return False
    if fa.unit or single:
        return True
    if fa.thing and fb.thing:
        return _same_thing(fa.thing, fb.thing) or fa.thing in b.content \
            or fb.thing in a.content
    return True


def _same_thing(x: str, y: str) -> bool:
    return x == y or (x.startswith("w:") and y.startswith("w:") and cognates(x[2:], y[2:])) \
        or (x, y) in generic_pairs()


@lru_cache(maxsize=None)
def generic_pairs() -> frozenset[tuple[str, str]]:
    """(generic, specific) and (specific, generic) concept terms: "people" counts residents."""
    return frozenset(pair for generic, specifics in _exclusive()["generic"].items()
                     for specific in specifics
                     for pair in ((f"c:{generic}", f"c:{specific}"),
                                  (f"c:{specific}", f"c:{generic}")))


def _precise_agreements(a: Signature, b: Signature) -> int:
    """How many precise figures (not round, not hedged) of one side the other states alike."""
    return sum(1 for fa in a.figures if not fa.approx
               and any(not fb.approx and fb.value == fa.value and fa.unit == fb.unit
                       for fb in b.figures))


def _values(fa: FigureSig, fb: FigureSig) -> str:
    lo_a, hi_a = fa.bounds()
    lo_b, hi_b = fb.bounds()
    if lo_a <= hi_b and lo_b <= hi_a:
        return "agree"
    gap = min(abs(lo_a - hi_b), abs(lo_b - hi_a))
    size = max(abs(lo_a), abs(hi_a), abs(lo_b), abs(hi_b))
    rel = gap / size if size else 0.0
    if rel <= (TOLERANCE_HEDGED if fa.approx or fb.approx else TOLERANCE_PRECISE):
        return "agree"
    if rel > CLASH or not (fa.hedged or fb.hedged):
        return "clash"
    return "unclear"


DIRECTIONS = ("c:rise", "c:fall")


def _opposite_directions(a: Signature, b: Signature) -> bool:
    """One says the thing went up, the other that it went down ("a reculé" / "rose")."""
    da = {k for k in a.content if k in DIRECTIONS}
    db = {k for k in b.content if k in DIRECTIONS}
    return len(da) == 1 and len(db) == 1 and da != db


def _status_differs(a: Signature, b: Signature) -> bool:
    """A forecast, plan or promise against a plain statement of fact (a future or conditional
    tense alone, as in reported speech, is not taken for a forecast)."""
    if a.forecast == b.forecast:
        return False
    plain = b if a.forecast else a
    return not plain.tentative and plain.past


def _periods_differ(a: Signature, b: Signature) -> bool:
    """Another year, or another month, quarter, half, weekday, comparison base or relative
    period (each compared within its kind; months, quarters and halves as the months they
    cover, so "second quarter" and "between April and June" agree); or another part of the
    country (north, south, east, west)."""
    if set(a.years) - set(b.years) and set(b.years) - set(a.years):
        return True
    at_end = "end" in a.periods or "end" in b.periods
    if _month_spans_differ(_months(a.periods), _months(b.periods), at_end):
        return True
    for kind in _PERIOD_KINDS:
        pa = {p for p in a.periods if p in kind}
        pb = {p for p in b.periods if p in kind}
        if pa and pb and not pa & pb:
            return True
    da, db = set(a.content) & _DIRECTIONS, set(b.content) & _DIRECTIONS
    return bool(da and db and not da & db)


def _month_spans_differ(ma: set[int], mb: set[int], at_end: bool) -> bool:
    """Two spans of the year differ unless they are the same months, or, said of the end of
    a period, one is the last month of the other ("fin juin" is the end of the second
    quarter)."""
    if not ma or not mb or ma == mb:
        return False
    if at_end and (len(ma) == 1 or len(mb) == 1):
        single, span = (ma, mb) if len(ma) == 1 else (mb, ma)
        return next(iter(single)) != max(span)
    return True


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH_NUMBER = {f"c:{m}": n for n, m in enumerate(_MONTH_NAMES, 1)}


def _months(periods) -> set[int]:
    """The months of the year a sentence's periods cover: named months as the span from the
    first to the last ("between April and June"), quarters, halves, "the first N months"."""
    named = sorted(_MONTH_NUMBER[p] for p in periods if p in _MONTH_NUMBER)
    covered = set(range(named[0], named[-1] + 1)) if named else set()
    for p in periods:
        if p[0] == "q" and p[1:].isdigit():
            n = int(p[1:])
            covered |= set(range(3 * n - 2, 3 * n + 1))
        elif p[0] == "h" and p[1:].isdigit():
            n = int(p[1:])
            covered |= set(range(6 * n - 5, 6 * n + 1))
        elif p.startswith("m1-"):
            count = _small_number(p[3:])
            covered |= set(range(1, count + 1)) if count else set()
    return covered


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "deux": 2, "trois": 3, "quatre": 4,
                "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11}


def _small_number(text: str) -> int:
    return int(text) if text.isdigit() else _COUNT_WORDS.get(text, 0)


_PERIOD_KINDS = [
    {f"c:{d}" for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday")},
    {"c:year_on_year", "c:month_on_month"},
    {"c:last_year", "c:this_year", "c:next_year"},
    {"c:last_month", "c:this_month", "c:next_month", "c:last_week", "c:this_week",
     "c:next_week"},
    *({f"{unit}{n}" for n in range(1, 5)} for unit in "wrd"),  # first week, second round...
]
# The part of a country or a city: "l'est de la Turquie" is not "the south of Turkey".
_DIRECTIONS = {"c:northern", "c:southern", "c:eastern", "c:western"}
