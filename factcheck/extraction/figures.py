"""Find figures (numbers with qualifier, range, unit or counted noun) in a span of text."""

from __future__ import annotations

import re
from typing import Optional

from .atoms import Atom, find_atoms
from .figure_rules import Rules, rules
from .lang import Lang, LanguageRules, rules_for
from .models import ExtractedFigure
from .numbers import magnitude, words_value

_MAG_CODE = re.compile(r"\s?([KMB])((?:EUR|USD|GBP|CHF|JPY|CAD|AUD)\b)")
FACTOR = "×"  # the unit of a change by a factor: 'a doublé' (2), 'divisé par trois' (1/3)
_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
_INCHES = re.compile(r"\s+(\d{1,2}(?:\.\d+)?)\s*(?:inches|inch|in)\b\.?")


def find_figures(
    text: str, lang: Lang, start: int = 0, end: Optional[int] = None
) -> list[ExtractedFigure]:
    """Figures in text[start:end]; offsets are offsets into text."""
    end = len(text) if end is None else end
    return figures_by_sentence(text, lang, [(start, end)], start, end)[0]


def figures_by_sentence(text: str, lang: Lang, spans, lo: int = 0, hi: Optional[int] = None):
    """Figures of each (start, end) span of text (each span scanned on its own)."""
    lang = rules_for(lang)
    r = rules(lang)
    hi = len(text) if hi is None else hi
    if not r.digit.search(text, lo, hi) and not r.word_trigger.search(text, lo, hi):
        return [[] for _ in spans]
    return [_span_figures(text, lang, r, s, e) for s, e in spans]


def _span_figures(
    text: str, lang: LanguageRules, r: Rules, start: int, end: int
) -> list[ExtractedFigure]:
    """Figures of one sentence: atoms, minus dates/times/phones, grown into figures."""
    if not r.digit.search(text, start, end) and not r.word_trigger.search(text, start, end):
        return []
    figures = _grow(text, find_atoms(text, start, end, r, lang), r, lang, start, end)
    changes = [ExtractedFigure(m.group(), m.start(), m.end(), r.change_values.get(
        " ".join(m.group().lower().split())), unit=FACTOR)
        for m in r.change.finditer(text, start, end)
        if not any(f.start < m.end() and m.start() < f.end for f in figures)]
    return sorted(figures + changes, key=lambda f: f.start) if changes else figures


def _grow(text: str, atoms: list[Atom], r: Rules, lang: LanguageRules, start: int, end: int):
    """Turn the atoms of one sentence into non-overlapping figures."""
    figures, taken = [], start
    for i, a in enumerate(atoms):
        if a.start < taken or a.value is None:
            continue
        fig = Figure(text, a, atoms[i + 1 :], r, lang, start, end).build()
        if fig is not None:
            figures.append(fig)
            taken = fig.end
    return figures


class Figure:
    """Grows one atom into a figure: currency, qualifier, magnitude, unit, noun, range."""

    def __init__(self, text, atom: Atom, rest, r: Rules, lang, lo, hi):
        self.text, self.atom, self.rest, self.r, self.lang, self.lo, self.hi = (
            text,
            atom,
            rest,
            r,
            lang,
            lo,
            hi,
        )
        self.start, self.end, self.value = atom.start, atom.end, atom.value
        self.low = self.high = self.unit = self.noun = self.opener = self.opener_start = None
        self.qualifier, self.mag, self.suffix, self.currency = atom.qualifier, False, False, False
        self.joined = False
        self.scale = 1.0  # the scale word's multiplier ('millions': 1e6)
        self.factor = None  # 'times' or 'divide' after 'multiplié par', 'divided by'

    def build(self) -> Optional[ExtractedFigure]:
        """Run every step; None when the number is an article or a bare year."""
        self._left()
        self._magnitude()
        self._compound()
        if self.factor and self.value:
            self.value = self.value if self.factor == "times" else 1 / self.value
            self.unit, ranged = FACTOR, False
        else:
            self._ratio()
            self._unit()
            ranged = self._range()
            if not ranged and not self._keep():
                return None
        t = self.text
        return ExtractedFigure(
            t[self.start : self.end],
            self.start,
            self.end,
            self.value,
            self.low,
            self.high,
            self.unit,
            self.qualifier,
        )

    def _next_atom(self, pos: int) -> Optional[Atom]:
        """The atom starting at pos, or the tail of a word run that pos falls inside."""
        for a in self.rest:
            if a.start == pos:
                return a
            if a.start < pos < a.end and a.kind == "words":
                v = words_value(self.text[pos : a.end], self.lang)
                return Atom(pos, a.end, v, "words") if v is not None else None
        return None

    def _left(self):
        """Currency symbol, then a qualifier or a range opener written before the number."""
        window = self.text[max(self.lo, self.start - 40) : self.start]
        m = self.r.cur_before.search(window)
        if m:
            self.start -= len(m.group())
            self.unit, self.currency = _currency_code(m.group(), self.lang), True
            window = window[: m.start()]
        m = self.r.change_by.search(window)
        if m:  # 'multiplié par trois': a factor
            self.start -= len(window) - m.start()
            self.factor = self.r.change_ops.get(" ".join(m.group().lower().split()))
            return
        m = self.r.qualifier.search(window)
        key = " ".join(m.group().lower().split()).replace("’", "'") if m else ""
        guard = self.r.qualifier_not_after.get(key)
        if m and not (guard and guard.search(window[: m.start()])):  # 'went up to 5 %'
            self.start -= len(window) - m.start()
            self.qualifier = self.r.qualifiers.get(key)
            return
        m = self.r.minus.search(window)
        if m and self.value is not None:
            self.start, self.value = self.start - (len(window) - m.start()), -self.value
            return
        m = self.r.opener.search(window)
        opener = m.group().split()[0].lower().replace("’", "'") if m else None
        self.opener = self.r.openers.get(opener)
        if self.opener == "between":
            self.opener_start = self.start - (len(window) - m.start())

    def _magnitude(self):
        """'million', 'milliard', 'bn', 'k' after the number ('of a million' after a fraction)."""
        m = self.r.magnitude.match(self.text, self.end, self.hi)
        if self.atom.kind in ("fraction", "vague") and self.value < 1 and not m:
            m = self.r.frac_magnitude.match(self.text, self.end, self.hi)
        if m and (_magnitude_ok(m.group("mag"), m.group(), self.currency)
                  or self._millions_of(m)):
            self.scale = _multiplier(m.group("mag"), self.lang)
            self.value *= self.scale
            self.end, self.mag = m.end(), True
        elif self.atom.kind == "digits":
            self._digits_then_words()
        elif self.atom.kind == "words" and _multiplier(
                self.text[self.start:self.end].split()[-1], self.lang) >= 1e6:
            self.mag = True  # 'deux millions (et demi) de personnes': the noun follows 'de'

    def _millions_of(self, m: re.Match) -> bool:
        """'2.75m passengers': a glued 'm' before a plural noun is millions ('a 5m wall': metres),
        in languages that mark plurals so (``plural_head_suffix``)."""
        return m.group() == "m" and self.r.plural_head is not None \
            and self.r.plural_head.match(self.text, m.end(), self.hi) is not None

    def _digits_then_words(self):
        """'3 hundred and one', '6 crore and two hundred': digits, then words led by a magnitude."""
        nxt = next((a for a in self.rest if a.start in (self.end, self.end + 1)), None)
        if not nxt or nxt.kind != "words" or self.text[self.end : nxt.start].strip():
            return
        words = self.text[nxt.start : nxt.end].split(None, 1)
        scale = _multiplier(words[0], self.lang)
        if scale < 100:
            return
        tail = re.sub(r"^(?:and|et)\s+", "", words[1] if len(words) > 1 else "", flags=re.I)
        extra = words_value(tail, self.lang) if tail else 0.0
        if extra is not None:
            self.value, self.end, self.mag = self.value * scale + extra, nxt.end, True

    def _compound(self):
        """'and a half', '3 hundred and 21', 'deux cent virgule cinq', '1 over 3' as one value."""
        m = self.r.compound.match(self.text, self.end, self.hi)
        if not m:
            return
        word, pos = self.r.compounds.get(m.group("w").lower()), m.end()
        if word == "add":
            self._and_part(pos, m)
        elif word == "decimal":
            nxt = self._next_atom(pos)
            if nxt and nxt.value is not None and nxt.kind in ("words", "digits") and nxt.value >= 0:
                digits = self.text[nxt.start : nxt.end]
                scale = (
                    10 ** len(str(int(nxt.value))) if not digits[0].isdigit() else 10 ** len(digits)
                )
                self.value, self.end = int(self.value) + nxt.value / scale, nxt.end
        elif not self.unit:
            nxt = self._next_atom(pos)
            if nxt and nxt.value and (word != "ratio" or (self.value <= 10 < nxt.value)):
                self.value, self.end, self.joined = self.value / nxt.value, nxt.end, True

    def _and_part(self, pos: int, m: re.Match):
        """The part after 'and'/'et': a half/quarter, a fraction atom, or a smaller whole number."""
        half = self.r.halves.match(self.text[pos : self.hi])
        scale = _multiplier(self.text[self.atom.start : self.end].split()[-1], self.lang)
        if half:
            part = self.r.half_values.get(half.group(1).lower(), 0.5)
            after = self.r.magnitude.match(self.text, pos + half.end(), self.hi)
            if after and len(after.group("mag")) > 3:
                mult = _multiplier(after.group("mag"), self.lang)
                if not self.mag and self.value < 1000:  # 'two and a half million'
                    self.value, self.end = (self.value + part) * mult, after.end()
                    self.mag = self.joined = True
                    return
                scale, pos = mult, after.end() - half.end()  # 'one billion and a half million'
            self.value += part * scale
            self.end, self.joined = pos + half.end(), True
            return
        nxt = self._next_atom(pos)
        if not nxt or nxt.value is None or self.r.magnitude.match(self.text, nxt.end, self.hi):
            return
        if nxt.kind in ("fraction", "vague") and nxt.value < 1:
            self.value, self.end, self.joined = self.value + nxt.value * scale, nxt.end, True
        elif self.mag and nxt.kind in ("words", "digits") and 0 < nxt.value < scale:
            self.value, self.end, self.joined = self.value + nxt.value, nxt.end, True

    def _ratio(self):
        """'une personne sur quatre', 'one in three (adults)', 'uno de cada tres': a share, the
        counted noun kept ('personne', then 'adults' when it comes after)."""
        if self.joined or self.mag or self.unit or self.value not in range(1, 11):
            return
        m = self.r.ratio.match(self.text, self.end, self.hi)
        noun = None
        if not m and self.r.ratio_after_noun is not None:
            m = self.r.ratio_after_noun.match(self.text, self.end, self.hi)
            noun = m.group("noun") if m and m.group("noun").lower() not in self.r.stop else None
            m = m if noun else None
        nxt = self._next_atom(m.end()) if m else None
        if not nxt or nxt.kind not in ("words", "digits") or not nxt.value \
                or not max(self.value, 1) < nxt.value <= 1000 or nxt.value != int(nxt.value):
            return
        self.value, self.end, self.joined = self.value / nxt.value, nxt.end, True
        if noun:
            self.noun = self.unit = noun

    def _unit(self):
        """A unit ('%', 'km²'), a currency (then 'million', then cents), or a counted noun."""
        if self.noun:  # a share's noun, read before its denominator ('une personne sur quatre')
            return
        r, t = self.r, self.text
        m = _MAG_CODE.match(t, self.end, self.hi)
        if m and not self.mag:
            self.value *= {"K": 1e3, "M": 1e6, "B": 1e9}[m.group(1)]
            self.end, self.mag = m.start(2), True
        m = r.unit.match(t, self.end, self.hi) or (
            None if self.currency else r.currency.match(t, self.end, self.hi)
        )
        if m and (
            m.re is r.unit or not re.match(r"\s?(?:de|d['’]|of)", m.group(), re.I) or self.mag
        ):
            self.unit = _unit_of(m.group(), self.lang) or self.unit
            self.end, self.suffix = m.end(), True
            self.currency = self.currency or m.re is r.currency
            if self.currency:
                self._after_currency()
            return
        if not self.currency:
            self._noun()

    def _after_currency(self):
        """'75 USD million', '3 dollars 50 cents', 'thirteen dollars and forty-five cents'."""
        m = self.r.magnitude.match(self.text, self.end, self.hi)
        if m and not self.mag and len(m.group("mag").strip()) > 2:
            self.value *= _multiplier(m.group("mag"), self.lang)
            self.end, self.mag = m.end(), True
            return
        m = self.r.cents.match(self.text, self.end, self.hi)
        nxt = self._next_atom(m.end("n") - len(m.group("n"))) if m else None
        if nxt and nxt.value and 0 < nxt.value < 100 and nxt.end == m.end("n"):
            self.value, self.end = self.value + nxt.value / 100, m.end()

    def _noun(self):
        """Counted noun or unit word ('soldats', 'miles'); 'de'/'of' only after a magnitude."""
        m = self.r.noun.match(self.text, self.end, self.hi)
        if not m or (m.group("of") and not self.mag and self.atom.kind != "vague"):
            return
        word = m.group("noun")
        if word.lower() in self.r.stop or word.lower() in self.r.qualifiers:
            return
        if word[0].isupper() and len(word) > 4 and not word.isupper():
            return
        self.noun, self.end = word, m.end()
        self._noun_phrase()
        self.unit = self.unit or self.noun
        m = (
            _INCHES.match(self.text, self.end, self.hi)
            if word.lower() in ("feet", "foot", "ft")
            else None
        )
        if m:
            self.value, self.end = self.value + float(m.group(1)) / 12, m.end()

    def _noun_phrase(self):
        """'40,000 rail workers': a singular noun before a plural one is its modifier, and the
        counted thing is both (languages that put the modifier first: ``plural_head_suffix``)."""
        head = self.r.plural_head
        if head is None or self.value in (None, 1) or len(self.noun) < 2 \
                or self.noun.endswith("s") or not self.noun.islower() \
                or _YEAR.fullmatch(self.text, self.atom.start, self.atom.end):
            return  # '2008 financial crisis': a year and its event, no count
        m = head.match(self.text, self.end, self.hi)
        if m and m.group("head").lower() not in self.r.stop:
            self.noun, self.end = f"{self.noun} {m.group('head')}", m.end()

    def _range(self) -> bool:
        """Join 'entre 500 et 700', '3 to 4 L', '10-15': the value becomes the low end."""
        m = self.r.join.match(self.text, self.end, self.hi)
        if not m or self.suffix and self.unit != "%" and self.opener != "between":
            return False  # 'passera de 2,15 € à 2,50 €' is a change, two figures
        word = m.group().strip(" -").lower()
        nxt = next((a for a in self.rest if a.start >= self.end), None)
        if nxt is None or nxt.value is None or nxt.start < m.end():
            return False
        gap = self.text[m.end() : nxt.start]  # the currency again: 'between £600m and £800m'
        if gap and not (self.currency and self.opener == "between"
                        and self.r.cur_before.fullmatch(gap)
                        and _currency_code(gap, self.lang) == self.unit):
            return False
        if self.r.joins.get(word) in ("and", "or") and self.opener != "between":
            return False
        second = Figure(self.text, nxt, self.rest[1:], self.r, self.lang, nxt.start, self.hi)
        second._magnitude()
        second._unit()
        if (self.suffix or self.noun) and second.unit != self.unit:
            return False
        if second.scale > 1 and not self.mag and self.value * second.scale <= second.value:
            self.value *= second.scale  # 'entre 3 et 5 millions': both ends in millions
        if second.value < self.value:
            return False  # '412 to 198', '3-1': a tally or a score, two figures
        self.low, self.high = self.value, second.value
        self.unit = second.unit or self.unit
        self.start = self.opener_start if self.opener_start is not None else self.start
        self.end, self.qualifier = second.end, self.qualifier or "range"
        return True

    def _keep(self) -> bool:
        """Drop lone articles ('un', 'one' unless a unit follows) and bare years ('en 2024')."""
        raw = self.text[self.atom.start : self.atom.end].lower()
        extra = self.qualifier or self.mag or self.suffix or self.currency or self.joined
        if self.atom.kind == "words" and raw in self.r.articles:
            return bool(extra) or (self.noun or "").lower() in self.r.unit_words
        if self.atom.kind == "digits" and _YEAR.fullmatch(raw) and not extra:
            return bool(self.noun) and self.noun[-1:] in ("s", "x") \
                and self.noun.lower() not in self.r.year_nouns
        return True


def _magnitude_ok(word: str, matched: str, currency: bool) -> bool:
    """Short magnitudes ('m', 'bn', 'k', 'B') count only next to money or glued to the digits."""
    w = word.strip()
    if len(w) > 2 or w.lower() in ("bn", "mn", "tn", "md") or w == "M":
        return True
    return currency or (w in ("k", "K") and not matched.startswith(" "))


def _multiplier(word: str, lang: LanguageRules) -> float:
    w = word.strip()
    return {"M": 1e6, "m": 1e6, "B": 1e9, "T": 1e12}.get(w) or magnitude(w, lang)


def _currency_code(s: str, lang: LanguageRules) -> Optional[str]:
    """ISO-like code of a currency symbol or word."""
    key = " ".join(s.strip().split())
    rows = lang.table("currency")
    row = rows.get(key.lower()) or rows.get(key.replace(" ", "").lower())
    return row["code"] if row else None


def _unit_of(s: str, lang: LanguageRules) -> Optional[str]:
    """Normalised unit for a unit/currency suffix ('%', 'EUR'); None if not one."""
    s = rules(lang).of_lead.sub("", s).strip()
    row = lang.table("unit").get(s.lower())
    return row["unit"] if row else _currency_code(s, lang)
