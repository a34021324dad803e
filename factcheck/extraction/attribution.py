"""Find who is reported as saying a sentence: reporting verbs, 'selon'/'according to', quotes."""

from __future__ import annotations

import re
from typing import Optional

from .cue_rules import PRONOUN_WORDS, CueRules, cue_rules
from .lexicon import alternation
from .models import ExtractedAttribution
from .speakers import appositive_subject, np_after, np_before, parse_speaker

LETTERS = re.compile(r"[^\W\d_]+")
_QUOTE = re.compile(r"«[^»]{2,}»?|“[^”]{2,}”?|\"[^\"]{2,}\"|‘[^’]{6,}’|^[—–]\s*[A-ZÀ-Þ«].*", re.M)
_THAT = re.compile(
    r"(?:\s+(?:on\s+)?\w+day|\s+(?:last|this)\s+\w+|\s+(?:yesterday|today|hier|aujourd'hui))?"
    r"\s*(?:que\b|qu['’]|that\b|:|,|«|“|\"|if\b|whether\b|si\b)",
    re.I,
)
_FINAL = re.compile(
    r"(?:\s+(?:on|last|this|in)?\s*\w+day|\s+(?:hier|yesterday|today|jeudi|lundi|mardi|mercredi|"
    r"vendredi|samedi|dimanche|tonight|ce matin|this week))?\s*[.!?]?[\"”»’]?\s*$",
    re.I,
)
_INVERTED_BEFORE = re.compile(r"[,”»\"'’—–:?!…]\s*$|^\s*$")
_QUOTE_BEFORE = re.compile(r"[”»\"'’—–:?!…]\s*,?\s*$|^\s*$")
_NOT_SUBJECT = frozenset(
    "the a an his her their its our my this that these those le la les un une des du de ses "
    "son sa leur leurs of for in on to with by at from and or as than".split()
)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:in|by|on|to|for|at|as|par|dans|sur|pour|en)\b", re.I)
_SUBJECT_AFTER = re.compile(
    r"\s+(?:[A-ZÀ-Þ]|(?:the|a|an|le|la|les|l['’]|un|une|son|sa|ses|his|her|their|its|"
    r"il|elle|he|she|they|on|cette|ce|this)\b)"
)
_POUR = re.compile(
    r"(?P<cue>Pour)\s+(?P<np>(?:l['’]|le |la |les )?(?:[a-zà-ÿ-]+\s+){0,3}[A-ZÀ-Þ][\w-]*"
    r"(?:\s+(?:[A-ZÀ-Þ][\w-]*|de|du|des|d['’]\w+))*)\s*,"
)
_POSSESSIVE = re.compile(
    r"(?:['’]s|(?<![\w-])(?:the|a|an|his|her|their|its|our|le|la|les|un|une))\s+$", re.I
)
_NOUN_NEXT = re.compile(
    r"\s+(?:were|was|are|is|have|has|had|will|would|of|from|by|about|against)\b"
)
_COLON = re.compile(
    r"[\"“]?(?P<sp>[A-ZÀ-Þ][\w.'’&-]*(?:[ ,]+[\w.'’&-]+){0,7}?)\s?:\s+(?P<q>[\"“‘«'])?"
)
_LABELS = frozenset(
    "note update photo photos source sources related read watch breaking video live exclusive "
    "opinion analysis editor correction lire voir vidéo direct exclusif alerte warning".split()
)
_REFLEXIVE = re.compile(r"(?:s['’](?:est|était|étaient)|se\s+(?:sont|seront|sera))\s+$", re.I)
_CLAUSE_START = re.compile(
    r"\s+(?:['‘\"“]|(?:the|that|a|he|she|it|they|there|this|we|his|her|their)\b)", re.I
)
_DET_NOUN = re.compile(
    r"\b(?:the|a|an|this|its|le|la|l['’]|les|ce|cette)\s+(?:[\w-]+\s+){0,2}[\w-]+\s+$", re.I
)
_EXCLUDE = re.compile(
    alternation(
        "c'est-à-dire|autrement dit|à vrai dire|pour ainsi dire|so-called|so called|as i say|"
        "as we say|as they say|as you say|as people say|as i said|as we said|that said|"
        "needless to say|proprement dit".split("|")
    ),
    re.I,
)
_IDIOM_OBJECT = re.compile(r"\s+(?:adieu|au revoir|bonjour|merci|goodbye|hello|thanks)\b", re.I)


def find_attribution(
    text: str, start: int, end: int, lang: str, doc=None, words=None
) -> Optional[ExtractedAttribution]:
    """Attribution of the sentence text[start:end] (document offsets), or None.

    words: the sentence's lower-cased letter runs, when the caller already has them.
    """
    rules = cue_rules(lang)
    quotes = [m.span() for m in _QUOTE.finditer(text, start, end)]
    words = LETTERS.findall(text.lower(), start, end) if words is None else words
    cands = _cues(text, start, end, rules, quotes, not rules.triggers.isdisjoint(words))
    best = None
    for cue in cands:
        att = _resolve(text, start, end, cue, lang, doc)
        if att is not None and (best is None or _rank(att, cue) > _rank(*best)):
            best = (att, cue)
    if best:
        return best[0]
    return _bare_quote(text, start, end, quotes)


def _rank(att: ExtractedAttribution, cue: dict) -> tuple:
    """Prefer cues outside quotes, then named speakers over pronouns, then earlier cues."""
    named = bool(att.speaker) and att.speaker.lower() not in PRONOUN_WORDS
    return (not cue["in_quote"], bool(att.speaker), named, -cue["start"])


def _cues(text, start, end, rules: CueRules, quotes, triggered: bool = True) -> list[dict]:
    """Every acceptable cue in the sentence, as dicts with offsets and kind."""
    m = _POUR.match(text, start, end) if rules.lang == "fr" else None
    out = [dict(_cue(m, "prep", quotes), end=m.end("cue"))] if m else []
    out.extend(_colon_cue(text, start, end))
    if not triggered:
        return out
    blocked = [m.span() for m in _EXCLUDE.finditer(text, start, end)]
    for m in rules.inverted.finditer(text, start, end):
        pron = "ip1" if m.group("ip1") else "ip2"
        out.append(_cue(m, "inverted", quotes, pron=m.span(pron)))
    for m in rules.prep.finditer(text, start, end):
        out.append(_cue(m, "prep", quotes))
    for m in rules.verb.finditer(text, start, end):
        if not any(c["start"] <= m.start("v") < c["end"] for c in out) and _verb_ok(
            text, m, rules, start, end, quotes
        ):
            out.append(_cue(m, "verb", quotes))
    blocked += [(c["start"], c["end"]) for c in out if _IDIOM_OBJECT.match(text, c["end"], end)]
    return [c for c in out if not any(s < c["end"] and c["start"] < e for s, e in blocked)]


def _colon_cue(text, start, end) -> list[dict]:
    """'MS. CLINTON: You are...', 'Jane Doe, The Times: "..."': a name, a colon, then speech."""
    m = _COLON.match(text, start, end)
    if not m:
        return []
    name = m.group("sp").split(",")[0].strip()
    caps = sum(c.isupper() for c in name) > 0.6 * sum(c.isalpha() for c in name)
    words = name.lower().replace("’", "'").split()
    if not (m.group("q") or caps) or not words or set(w.split("'")[0] for w in words) & _LABELS:
        return []
    colon = text.index(":", m.start("sp"))
    sp = (m.start("sp"), m.start("sp") + len(name))
    return [{"start": colon, "end": colon + 1, "kind": "colon", "pron": sp, "in_quote": False}]


def _cue(m: re.Match, kind: str, quotes, pron=None) -> dict:
    s = m.start()
    return {
        "start": s,
        "end": m.end(),
        "kind": kind,
        "pron": pron,
        "in_quote": any(a < s < b for a, b in quotes),
        "verb_start": m.start(m.lastgroup or 0),
    }


def _verb_ok(text, m: re.Match, rules: CueRules, start, end, quotes) -> bool:
    """Weak verbs need a reporting context: 'that'/'que'/colon/quote after, or inverted order."""
    v = m.group("v").lower()
    inverted = _INVERTED_BEFORE.search(text[start : m.start()]) is not None
    if _REFLEXIVE.search(text, max(start, m.start() - 12), m.start()):
        return False
    if v in rules.inverted_only:
        return inverted and bool(quotes)
    if v not in rules.weak:
        return True
    if _POSSESSIVE.search(text, max(start, m.start() - 40), m.start()):
        return False
    if inverted and not _SUBJECT_AFTER.match(text, m.end()):
        inverted = False
    final = _FINAL.fullmatch(text, m.end(), end) is not None and "," in text[start : m.start()]
    outside = bool(quotes) and not any(a < m.start() < b for a, b in quotes)
    return bool(
        _THAT.match(text, m.end()) or inverted or outside or final or _has_subject(text, start, m)
    )


def _has_subject(text, start, m: re.Match) -> bool:
    """A name, pronoun or 'the <noun>' before a cue ('The report noted', 'Clinton warns')."""
    prev = re.search(r"([\w’'.-]+)\s+(?:\w+ly\s+)?$", text[start : m.start()])
    if not prev or prev.group(1).lower() in _NOT_SUBJECT or _PARTICIPLE_AFTER.match(text, m.end()):
        return False
    word, v = prev.group(1), m.group("v").lower()
    if word.lower() in PRONOUN_WORDS or m.group("aux"):
        return True
    if word[:1].isupper() and (prev.start(1) > 0 or _CLAUSE_START.match(text, m.end())):
        return True
    finite = (
        v.endswith(("ed", "s")) and not v.endswith("ss") and not _NOUN_NEXT.match(text, m.end())
    )
    return finite and bool(_DET_NOUN.search(text[start : m.start()]))


def _resolve(text, start, end, cue: dict, lang, doc) -> Optional[ExtractedAttribution]:
    """Attach a speaker span to a cue (parse first, then rules)."""
    cs, ce = cue["start"], cue["end"]
    if cue["pron"]:
        sp = cue["pron"]
    elif cue["kind"] == "prep":
        sp = np_after(text, ce, end, lang)
    else:
        sp = _inverted_speaker(text, start, end, cs, ce, lang)
        sp = sp or (parse_speaker(doc, cs, ce) if doc is not None else None)
        sp = sp or _rule_speaker(text, start, end, cs, ce, lang)
    return _make(text, start, end, cs, ce, sp)


def _inverted_speaker(text, start, end, cs, ce, lang):
    """'..., a déclaré Séoul.' / '"...," said Mr Lee': the noun phrase after a cue after a comma."""
    if _INVERTED_BEFORE.search(text[start:cs]) and text[start:cs].strip():
        return np_after(text, ce, end, lang)
    return None


def _rule_speaker(text, start, end, cs, ce, lang):
    """After a quote ('..., said X') the words after the cue; otherwise the subject before."""
    before = text[start:cs]
    if _QUOTE_BEFORE.search(before):
        return np_after(text, ce, end, lang) or np_before(text, start, cs, lang)
    if before.rstrip().endswith(","):
        return appositive_subject(text, start, cs, lang) or np_after(text, ce, end, lang)
    return np_before(text, start, cs, lang) or np_after(text, ce, end, lang)


def _make(text, start, end, cs, ce, sp) -> ExtractedAttribution:
    ss, se = sp if sp else (None, None)
    lo = min(cs, ss) if ss is not None else cs
    hi = max(ce, se) if se is not None else ce
    return ExtractedAttribution(text[ss:se] if sp else None, text[cs:ce], lo, hi, ss, se, cs, ce)


def _bare_quote(text, start, end, quotes) -> Optional[ExtractedAttribution]:
    """A sentence opening with a quote of four words or more: reported speech, speaker unknown."""
    for qs, qe in quotes:
        if qs - start <= 2 and len(text[qs:qe].split()) >= 4:
            return ExtractedAttribution(None, None, qs, qe)
    return None
