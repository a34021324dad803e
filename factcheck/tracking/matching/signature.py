"""What the matcher keeps of one claim sentence: its terms, figures, periods and status.

A signature is computed once per claim (at ingest, or for each side of a CLI pair) and stored
as JSON beside the claim, so comparing a new claim with its candidates reads no text again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from ...extraction.attribution import find_attribution
from ...extraction.figures import find_figures
from ...extraction.language import resolve_lang
from .text import Term, fold, terms, tokens

FORMAT = 1
CONTENT_KINDS = {"entity", "thing", "event", "quality", "word"}
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d.,]\d)")
_EN_NEGATED = {"didn", "doesn", "don", "isn", "wasn", "weren", "won", "hasn", "haven",
               "hadn", "couldn", "wouldn", "aren", "shouldn", "cannot"}
_FR_FUTURE = re.compile(
    r"\b\w{2,}(?:era|eront|erait|eraient|ira|iront|endra|endront|aura|auront|sera|seront|"
    r"fera|feront|ra|ront)\b", re.I)
_FR_NOT_FUTURE = {"contra", "extra", "sahara", "opera", "camera", "cholera", "ultra",
                  "mantra", "tantra", "aura", "sera", "para", "hydra", "vera", "era"}


@dataclass(frozen=True)
class FigureSig:
    """One figure: value or range, what it counts (a term key) and how precise it is."""

    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    unit: Optional[str]  # "%", a currency code, a measure unit, or None
    thing: Optional[str]  # the counted thing's term key ("c:soldier", "w:tonn"), or None
    approx: bool  # hedged ("environ", "more than") or a round number

    def bounds(self) -> tuple[float, float]:
        """The interval the figure states."""
        lo = self.low if self.low is not None else self.value
        hi = self.high if self.high is not None else self.value
        return float(lo), float(hi)


@dataclass(frozen=True)
class Signature:
    """The comparable parts of one claim sentence."""

    lang: str
    fingerprint: str
    content: dict[str, str]  # term key → kind (entity, thing, event, quality, word)
    figures: tuple[FigureSig, ...] = ()
    years: tuple[int, ...] = ()
    periods: tuple[str, ...] = ()  # month, quarter and relative-period concepts
    forecast: bool = False
    negated: bool = False
    speaker: tuple[str, ...] = ()
    proper: tuple[str, ...] = field(default=())  # folded capitalised words (names)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored with the claim."""
        data = asdict(self)
        data["format"] = FORMAT
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Signature":
        """Read back what ``to_dict`` wrote."""
        return cls(data["lang"], data["fingerprint"], dict(data["content"]),
                   tuple(FigureSig(**f) for f in data.get("figures", ())),
                   tuple(data.get("years", ())), tuple(data.get("periods", ())),
                   bool(data.get("forecast")), bool(data.get("negated")),
                   tuple(data.get("speaker", ())), tuple(data.get("proper", ())))


def fingerprint(text: str) -> str:
    """Identity of a sentence's wording: case, accents, spacing and punctuation ignored."""
    words = " ".join(fold(w) for w, _, _ in tokens(text))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:32]


def signature(text: str, lang: str = "auto") -> Signature:
    """Signature of one sentence in ``lang`` ('fr', 'en' or 'auto')."""
    lang = resolve_lang(text, lang)
    all_terms = terms(text, lang)
    figures = find_figures(text, lang)
    attribution = find_attribution(text, 0, len(text), lang)
    skip = _spans_to_skip(attribution)
    fig_spans = [(f.start, f.end) for f in figures]
    content: dict[str, str] = {}
    speaker: list[str] = []
    for term in all_terms:
        if any(s <= term.start and term.end <= e for s, e in skip):
            if term.kind in CONTENT_KINDS:
                speaker.append(term.key)
            continue
        if term.kind in CONTENT_KINDS and not _inside(term, fig_spans, numeric_only=True):
            content.setdefault(term.key, term.kind)
    return Signature(
        lang=lang,
        fingerprint=fingerprint(text),
        content=content,
        figures=tuple(_figure(f, all_terms, text, lang) for f in figures if f.value is not None
                      or f.low is not None),
        years=tuple(sorted({int(m.group(1)) for m in _YEAR.finditer(text)
                            if not _in_any(m.start(), fig_spans)})),
        periods=tuple(sorted({t.key for t in all_terms if t.kind == "time"})),
        forecast=_is_forecast(text, all_terms, lang),
        negated=_is_negated(text, all_terms, lang),
        speaker=tuple(speaker),
        proper=tuple(sorted({fold(w) for w, s, _ in tokens(text)
                             if w[:1].isalpha() and text[s].isupper() and s > 0})),
    )


def _spans_to_skip(attribution) -> list[tuple[int, int]]:
    """The speaker and the reporting cue: naming them differently must not matter."""
    if attribution is None:
        return []
    spans = []
    if attribution.speaker_start is not None and attribution.speaker_end is not None:
        spans.append((attribution.speaker_start, attribution.speaker_end))
    if attribution.cue_start is not None and attribution.cue_end is not None:
        spans.append((attribution.cue_start, attribution.cue_end))
    return spans


def _inside(term: Term, spans, numeric_only: bool = False) -> bool:
    return any(s <= term.start and term.end <= e for s, e in spans) and numeric_only \
        and term.kind == "word" and term.key[2:].isdigit()


def _in_any(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _figure(f, all_terms: list[Term], text: str, lang: str) -> FigureSig:
    unit = f.unit if f.unit and (f.unit == "%" or f.unit.isupper() or len(f.unit) <= 3) \
        else None
    thing = _counted_thing(f, all_terms)
    value = f.value if f.value is not None else f.low
    return FigureSig(value=value, low=f.low, high=f.high, unit=unit, thing=thing,
                     approx=bool(f.qualifier) or _round(value))


def _counted_thing(f, all_terms: list[Term]) -> Optional[str]:
    """What the figure counts: the first thing or word named in or just after it."""
    after = [t for t in all_terms if t.start >= f.start and t.start <= f.end + 40]
    for t in after[:5]:
        if t.kind in ("thing", "word") and not t.key[2:].isdigit() \
                and t.key[2:] not in _HEDGE_STEMS:
            return t.key
    return None


# Stems of rounding words that open a figure ("plus de", "près de", "more than", "some").
_HEDGE_STEMS = {"plus", "moin", "pres", "environ", "quelqu", "quelque", "mor", "more", "less",
                "than", "about", "near", "almost", "around", "some", "over", "under", "up",
                "approxim", "rough", "fewer", "least", "moins", "pas", "mill", "million",
                "milliard", "billion", "thousand", "hundr", "cent"}


def _round(value: Optional[float]) -> bool:
    """10 000, 15 000, 2,5 millions: numbers a writer rounds to."""
    if value is None or value == 0:
        return False
    v = abs(value)
    if v < 100:
        return False
    digits = f"{v:.0f}".rstrip("0")
    return len(digits) <= 2


def _is_forecast(text: str, all_terms: list[Term], lang: str) -> bool:
    if any(t.kind == "forecast" for t in all_terms):
        return True
    if lang == "fr":
        return any(m.group().lower() not in _FR_NOT_FUTURE for m in _FR_FUTURE.finditer(text))
    return False


def _is_negated(text: str, all_terms: list[Term], lang: str) -> bool:
    if any(t.kind == "negation" for t in all_terms):
        return True
    words = [w for w, _, _ in tokens(text)]
    if lang == "en":
        return any(w in _EN_NEGATED for w in words) or "not" in words or "never" in words
    return "pas" in words or "jamais" in words or "nie" in words
