"""What the matcher keeps of one claim sentence: its terms, figures, periods and status.

A signature is computed once per claim (at ingest, or for each side of a CLI pair) and stored
as JSON beside the claim, so comparing a new claim with its candidates reads no text again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Optional

from ...extraction.attribution import find_attribution
from ...extraction.figures import find_figures
from ...extraction.language import resolve_lang
from ...extraction.markup import mask
from ...extraction.numbers import words_value
from .text import Term, fold_word, terms, tokens

# 2: past tense, denial verb, "end of" period; 3: conditionals are not a past tense, negation
# in a relative clause, ordinal weeks, rounds and days, names opening the sentence, cue and
# speaker skipped as one span.
# ``flask tracking rebuild`` re-signs older rows.
FORMAT = 3
CONTENT_KINDS = {"entity", "thing", "event", "quality", "word"}
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d.,]\d)")
_EN_NEGATED = {"didn", "doesn", "don", "isn", "wasn", "weren", "hasn", "haven",
               "hadn", "couldn", "wouldn", "aren", "shouldn", "cannot"}
# Future and conditional endings. The conditional of "-re" and "-oir" verbs ("atteindrait",
# "pourrait", "aurait") ends like an imperfect, which would read it as a past tense.
_FR_FUTURE = re.compile(
    r"\b\w{2,}(?:era|eront|erait|eraient|ira|iront|endra|endront|aura|auront|sera|seront|"
    r"fera|feront|ra|ront|drait|draient|rrait|rraient)\b|\b(?:aurait|auraient)\b", re.I)
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
    hedged: bool = False  # hedged in words: the only kind of approximation that excuses
    # a 5-10 % gap between two values of the same thing

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
    forecast: bool = False  # a forecast, plan, target or promise, said in so many words
    negated: bool = False
    tentative: bool = False  # only a future or conditional tense ("would", "coûtera")
    speaker: tuple[str, ...] = ()  # places and bodies named in the attribution
    names: tuple[str, ...] = field(default=())  # word terms written with a capital (names)
    denies: bool = False  # a denial verb ("denied", "dément"), whatever else negates it
    past: bool = False  # a verb in a past tense outside the attribution: an outcome

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored with the claim."""
        data = dict(vars(self))  # what ``dataclasses.asdict`` gives, without its deep copies
        data["content"] = dict(self.content)
        data["figures"] = tuple(dict(vars(f)) for f in self.figures)
        data["format"] = FORMAT
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Signature":
        """Read back what ``to_dict`` wrote."""
        return cls(data["lang"], data["fingerprint"], dict(data["content"]),
                   tuple(FigureSig(**f) for f in data.get("figures", ())),
                   tuple(data.get("years", ())), tuple(data.get("periods", ())),
                   bool(data.get("forecast")), bool(data.get("negated")),
                   bool(data.get("tentative")), tuple(data.get("speaker", ())),
                   tuple(data.get("names", ())), bool(data.get("denies")),
                   bool(data.get("past")))


def fingerprint(text: str) -> str:
    """Identity of a sentence's wording: case, accents, spacing, punctuation and markup (a
    link's address) ignored."""
    return _fingerprint(mask(text))


def _fingerprint(masked: str) -> str:
    words = " ".join(fold_word(w) for w, _, _ in tokens(masked))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:32]


def signature(text: str, lang: str = "auto") -> Signature:
    """Signature of one sentence in ``lang`` ('fr', 'en' or 'auto')."""
    lang = resolve_lang(text, lang)
    text = mask(text, lang)  # no link addresses, no markup: what extraction reads
    all_terms = [t for t in terms(text, lang) if not _number_word(text[t.start:t.end], lang)]
    figures = find_figures(text, lang)
    attribution = find_attribution(text, 0, len(text), lang)
    skip = _spans_to_skip(attribution)
    quantities = [f for f in figures if not _bare_year(f)]
    content: dict[str, str] = {}
    speaker: list[str] = []
    # A capital opening the sentence counts too: the lexicon knows the common words, so an
    # unknown word there is mostly a name ("Renault a vendu...").
    capitalised = {t.key for t in all_terms if text[t.start].isupper()}
    for term in all_terms:
        if any(s <= term.start and term.end <= e for s, e in skip):
            if term.kind == "entity":
                speaker.append(term.key)
            continue
        if term.kind in CONTENT_KINDS:
            content.setdefault(term.key, term.kind)
    return Signature(
        lang=lang,
        fingerprint=_fingerprint(text),  # masked above
        content=content,
        figures=_figures(quantities, all_terms, text, lang),
        years=tuple(sorted({int(m.group(1)) for m in _YEAR.finditer(text)
                            if not any(f.start <= m.start() < f.end for f in quantities)})),
        periods=tuple(sorted({t.key for t in all_terms if t.kind == "time"}
                             | set(_ordinal_periods(text)))),
        forecast=any(t.kind == "forecast" and t.key not in _WEAK_FORECAST for t in all_terms),
        negated=_is_negated(text, all_terms, lang),
        tentative=_is_tentative(text, all_terms, lang),
        speaker=tuple(speaker),
        names=tuple(sorted({k for k, kind in content.items() if kind == "word"
                            and k in capitalised})),
        denies=any(t.key == "c:deny" for t in all_terms),
        past=_is_past(_blank(text, skip), lang),
    )


def _bare_year(f) -> bool:
    """"2021" alone (la vendange 2021): a date, not a quantity."""
    return bool(f.value and 1950 <= f.value <= 2049 and f.value == int(f.value)
                and not f.unit and not f.qualifier and f.text.strip().isdigit())


def _spans_to_skip(attribution) -> list[tuple[int, int]]:
    """The speaker and the reporting cue: naming them differently must not matter."""
    if attribution is None:
        return []
    spans = []
    if attribution.speaker_start is not None and attribution.speaker_end is not None:
        spans.append((attribution.speaker_start, attribution.speaker_end))
    if attribution.cue_start is not None and attribution.cue:
        # its first and last words: a frame's middle is content ('put the damage … at')
        words = [m.span() for m in re.finditer(r"\S+", attribution.cue)]
        spans += [(attribution.cue_start + s, attribution.cue_start + e)
                  for s, e in (words[0], words[-1])]
    # "Selon | les organisateurs": a cue and a speaker side by side are one span, so that a
    # phrase of the lexicon covering both is skipped as well.
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Measures written in lower case; other short words after a number ("new", "cas", "ans")
# are what is counted, not a unit.
_LOWER_UNITS = {"km", "m", "cm", "mm", "kg", "g", "mg", "t", "ha", "l", "kwh", "mwh", "gwh",
                "twh", "km2", "m2", "m3", "°c", "°f", "h", "min", "s", "pt", "pts", "bn", "m²",
                "km²", "mph", "kmh", "km/h"}


def _figure(f, all_terms: list[Term], text: str, lang: str) -> FigureSig:
    unit = f.unit if f.unit and (f.unit == "%" or f.unit.isupper()
                                 or f.unit.lower() in _LOWER_UNITS) else None
    thing = _counted_thing(f, all_terms)
    value = f.value if f.value is not None else f.low
    return FigureSig(value=value, low=f.low, high=f.high, unit=unit, thing=thing,
                     approx=bool(f.qualifier) or _round(value), hedged=bool(f.qualifier))


_SMALL_EN = "one|two|three|four|five|six|seven|eight|nine|ten|\\d{1,2}"
_SMALL_FR = "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\\d{1,2}"
_RATIO = {  # "one in five", "one out of every four"; "un adulte sur cinq", "trois TGV sur quatre"
    "en": re.compile(rf"\b({_SMALL_EN})\s+(?:in|out of)\s+(?:every\s+)?({_SMALL_EN})\b", re.I),
    "fr": re.compile(rf"\b({_SMALL_FR})\s+(?:[\w'’-]+\s+){{0,2}}?sur\s+({_SMALL_FR})\b", re.I),
}


def _figures(quantities, all_terms: list[Term], text: str, lang: str) -> tuple[FigureSig, ...]:
    """The sentence's figures; "one in five" / "un sur cinq" and "half" / "deux tiers" read
    as the percentages they are, so that they compare with "20 %" or "50%"."""
    out, ratio_spans = [], []
    for m in _RATIO["fr" if lang == "fr" else "en"].finditer(text):
        top, bottom = (_small_value(m.group(i), lang) for i in (1, 2))
        if top and bottom and top < bottom:
            ratio_spans.append((m.start(), m.end()))
            hedged = any(f.qualifier and f.start < m.end() and m.start() < f.end
                         for f in quantities)
            out.append((m.start(), FigureSig(value=round(100 * top / bottom, 2), low=None,
                                             high=None, unit="%", thing=None, approx=True,
                                             hedged=hedged)))
    for f in quantities:
        if f.value is None and f.low is None or any(f.start < e and s < f.end
                                                    for s, e in ratio_spans):
            continue
        sig = _figure(f, all_terms, text, lang)
        if sig.unit is None and sig.value is not None and 0 < sig.value < 1 \
                and not any(c.isdigit() for c in f.text):
            sig = FigureSig(value=round(100 * sig.value, 2), low=None, high=None, unit="%",
                            thing=sig.thing, approx=True, hedged=sig.hedged)
        out.append((f.start, sig))
    return tuple(sig for _, sig in sorted(out, key=lambda pair: pair[0]))


def _small_value(word: str, lang: str) -> Optional[float]:
    word = word.lower()
    if word.isdigit():
        return float(word)
    if word in ("a", "an", "un", "une", "one"):
        return 1.0
    return words_value(word, lang, strict=True) or words_value(
        word, "en" if lang == "fr" else "fr", strict=True)


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


_WEAK_FORECAST = {"c:would"}
_NOT_NEGATION = re.compile(r"\b(?:jamais[- ]vu|pas moins|pas plus|not only|no fewer|no less|"
                           r"no more than|not least)\b", re.I)


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "deuxieme": 2,
             "seconde": 2, "2e": 2, "2eme": 2, "troisieme": 3, "3e": 3, "3eme": 3,
             "quatrieme": 4, "4e": 4, "4eme": 4}
# Quarters and halves cover months (compared as such); weeks, rounds and days of something
# ("la deuxième semaine de décembre", "second round", "premier jour") only name one of them.
_ORDINAL_UNITS = {"quarter": "q", "trimestre": "q", "half": "h", "semestre": "h",
                  "week": "w", "semaine": "w", "round": "r", "tour": "r", "day": "d",
                  "jour": "d", "journee": "d"}
_ORDINAL_PERIOD = re.compile(
    r"\b(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")\s+("
    + "|".join(_ORDINAL_UNITS) + r")\b|\b([QTHS])([1-4])\b", re.I)


_SPAN_PERIOD = re.compile(
    r"\b(?:first|premiers?|(?:in|over|during|sur) the (?:first|last|past)|les)\s+"
    r"(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|deux|trois|quatre|cinq|six|"
    r"sept|huit|neuf|dix|onze)\s+(?:months|mois)\b", re.I)


_END_OF = re.compile(r"\b(?:fin|end of|at the end)\b", re.I)


def _ordinal_periods(text: str) -> list[str]:
    """"q3" for "third quarter" / "troisième trimestre" / "T3", "h1" for "first half", "m1-4"
    for "the first four months" / "les quatre premiers mois"."""
    out = [f"m1-{m.group(1).lower()}" for m in _SPAN_PERIOD.finditer(_fold_keep_case(text))]
    if _END_OF.search(text):
        out.append("end")
    for m in _ORDINAL_PERIOD.finditer(_fold_keep_case(text)):
        if m.group(1):
            n, unit = _ORDINALS[m.group(1).lower()], m.group(2).lower()
            out.append(_ORDINAL_UNITS[unit] + str(n))
        else:
            letter, n = m.group(3).upper(), int(m.group(4))
            if letter in "QT":
                out.append(f"q{n}")
            elif n <= 2:
                out.append(f"h{n}")
    return out


def _fold_keep_case(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).replace("ème", "eme")


def _number_word(word: str, lang: str) -> bool:
    """"trois", "hundred", "quatre-vingt": said by the figure, not by the wording."""
    return not word.isdigit() and words_value(word.lower(), lang, strict=True) is not None


_EN_PAST = re.compile(
    r"\b(?:was|were|had|did|been|rose|fell|grew|won|lost|took|made|hit|cut|saw|went|came|sold|"
    r"paid|spent|left|gave|got|kept|began|ran|brought|bought|built|held|found|met|led|"
    r"fought|struck|shot|stood|sank|shrank|swung|slid|\w{3,}ed)\b", re.I)
_EN_NOT_PAST = {"need", "speed", "seed", "feed", "indeed", "hundred", "proceed", "exceed",
                "succeed", "breed", "greed", "weed", "shed", "bed", "red", "fed",
                "bled", "sled", "shred", "embed", "steed", "creed", "tweed"}
_FR_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|est|sont|été|eu|ai|as|avons|avez)\s+(?:\w+\s+){0,2}?"
    r"\w{2,}(?:é|ée|és|ées|i|is|ie|ies|u|us|ue|ues|t|te|ts|tes)\b|\b\w{3,}(?:ait|aient)\b",
    re.I)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans (speaker, reporting cue) blanked out."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _is_past(text: str, lang: str) -> bool:
    """A past tense outside the reporting words: "a atteint", "rose", "had fallen"."""
    if lang == "en":
        return any(m.group().lower() not in _EN_NOT_PAST for m in _EN_PAST.finditer(text))
    return any(not _FR_FUTURE.fullmatch(m.group().split()[-1]) for m in _FR_PAST.finditer(text))


def _is_tentative(text: str, all_terms: list[Term], lang: str) -> bool:
    if any(t.key in _WEAK_FORECAST for t in all_terms):
        return True
    if lang == "fr":
        return any(m.group().lower() not in _FR_NOT_FUTURE for m in _FR_FUTURE.finditer(text))
    return False


_FR_NE = re.compile(r"\bn(?:e\b|['’])", re.I)
_FR_NE_PARTNER = re.compile(r"\b(?:pas|plus|jamais|rien|aucun|aucune|personne|guère|nullement|"
                            r"point|ni)\b", re.I)


def _expletive_ne(text: str, term: Term) -> bool:
    """A French "ne" with no "pas", "plus", "jamais", "aucun"... beside it ("avant que les
    pompiers ne parviennent"): it negates nothing."""
    if not _FR_NE.fullmatch(text[term.start:term.end].strip()):
        return False
    return not _FR_NE_PARTNER.search(text, max(0, term.start - 30), term.end + 40)


_RELATIVE = re.compile(r"\b(?:qui|dont|lesquels|lesquelles|who|whom|which|whose)\b", re.I)
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s")


def _relative_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of relative clauses ("cinq joueurs qui n'ont jamais été sélectionnés", "players
    who have never been capped"), from the pronoun to the clause's end: a negation there
    describes someone, it does not deny the claim. "que" and "that" also open completives
    ("a affirmé qu'il ne viendrait pas"), so they are not taken for relatives."""
    spans = []
    for match in _RELATIVE.finditer(text):
        end = _CLAUSE_END.search(text, match.end())
        spans.append((match.end(), end.start() if end else len(text)))
    return spans


def _is_negated(text: str, all_terms: list[Term], lang: str) -> bool:
    relative = _relative_clauses(text)
    if any(t.kind == "negation" and not _NOT_NEGATION.search(text, max(0, t.start - 12),
                                                             t.end + 12)
           and not (lang == "fr" and _expletive_ne(text, t))
           and not any(start <= t.start < end for start, end in relative)
           for t in all_terms):
        return True
    text = _blank(text, relative)
    words = [w for w, _, _ in tokens(_NOT_NEGATION.sub(" ", text))]
    if lang == "en":
        wont = any(a == "won" and b == "t" for a, b in zip(words, words[1:], strict=False))
        return wont or any(w in _EN_NEGATED for w in words) or "not" in words \
            or "never" in words
    return "pas" in words or "jamais" in words or "nie" in words
