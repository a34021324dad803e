"""Find who is reported as saying a sentence: reporting verbs, 'selon'/'according to', quotes."""
from __future__ import annotations

import re
from typing import Optional

from .cue_rules import PRONOUN_WORDS, CueRules, cue_rules
from .models import ExtractedAttribution
from .speakers import np_after, np_before, parse_speaker

_QUOTE = re.compile(r"«[^»]{2,}»?|“[^”]{2,}”?|\"[^\"]{2,}\"|‘[^’]{6,}’")
_THAT = re.compile(r"\s*(?:que\b|qu['’]|that\b|:|,|«|“|\"|if\b|whether\b|si\b)", re.I)
_FINAL = re.compile(r"(?:\s+(?:on|last|this|in)?\s*\w+day|\s+(?:hier|yesterday|today|jeudi|lundi|mardi|mercredi|"
                    r"vendredi|samedi|dimanche|tonight|ce matin|this week))?\s*[.!?]?[\"”»’]?\s*$", re.I)
_INVERTED_BEFORE = re.compile(r"[,”»\"—–:]\s*$|^\s*$")
_EXCLUDE = re.compile(r"c['’]est[-‑]à[-‑]dire|\w+\s+(?:adieu|au revoir|bonjour|merci|goodbye|hello|thanks|thank you)\b|autrement dit|à vrai dire|pour ainsi dire|so[- ]called|"
                      r"as (?:i|we) said|that said|needless to say|proprement dit", re.I)


def find_attribution(text: str, start: int, end: int, lang: str, doc=None) -> Optional[ExtractedAttribution]:
    """Attribution of the sentence text[start:end] (document offsets), or None."""
    rules = cue_rules(lang)
    quotes = [m.span() for m in _QUOTE.finditer(text, start, end)]
    cands = _cues(text, start, end, rules, quotes)
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


def _cues(text, start, end, rules: CueRules, quotes) -> list[dict]:
    """Every acceptable cue in the sentence, as dicts with offsets and kind."""
    blocked = [m.span() for m in _EXCLUDE.finditer(text, start, end)]
    out = []
    for m in rules.inverted.finditer(text, start, end):
        pron = "ip1" if m.group("ip1") else "ip2"
        out.append(_cue(m, "inverted", quotes, pron=m.span(pron)))
    for m in rules.prep.finditer(text, start, end):
        out.append(_cue(m, "prep", quotes))
    for m in rules.verb.finditer(text, start, end):
        if not any(c["start"] <= m.start("v") < c["end"] for c in out) and _verb_ok(text, m, rules, start, end, quotes):
            out.append(_cue(m, "verb", quotes))
    return [c for c in out if not any(s <= c["start"] < e for s, e in blocked)]


def _cue(m: re.Match, kind: str, quotes, pron=None) -> dict:
    s = m.start()
    return {"start": s, "end": m.end(), "kind": kind, "pron": pron,
            "in_quote": any(a < s < b for a, b in quotes), "verb_start": m.start(m.lastgroup or 0)}


def _verb_ok(text, m: re.Match, rules: CueRules, start, end, quotes) -> bool:
    """Weak verbs need a reporting context: 'that'/'que'/colon/quote after, or inverted order."""
    v = m.group("v").lower()
    if v in rules.inverted_only:
        return False
    if v not in rules.weak:
        return True
    inverted = _INVERTED_BEFORE.search(text[start:m.start()]) is not None
    final = _FINAL.fullmatch(text, m.end(), end) is not None and "," in text[start:m.start()]
    return bool(_THAT.match(text, m.end()) or inverted or quotes or final)


def _resolve(text, start, end, cue: dict, lang, doc) -> Optional[ExtractedAttribution]:
    """Attach a speaker span to a cue (parse first, then rules)."""
    cs, ce = cue["start"], cue["end"]
    if cue["pron"]:
        sp = cue["pron"]
    elif cue["kind"] == "prep":
        sp = np_after(text, ce, end, lang)
    else:
        sp = parse_speaker(doc, cs, ce) if doc is not None else None
        sp = sp or _rule_speaker(text, start, end, cs, ce, lang)
    return _make(text, start, end, cs, ce, sp)


def _rule_speaker(text, start, end, cs, ce, lang):
    """Inverted order ('..., said X') takes the words after the cue; otherwise the subject before."""
    before = text[start:cs]
    if _INVERTED_BEFORE.search(before):
        return np_after(text, ce, end, lang) or None
    return np_before(text, start, cs, lang) or np_after(text, ce, end, lang)


def _make(text, start, end, cs, ce, sp) -> ExtractedAttribution:
    ss, se = sp if sp else (None, None)
    lo = min(cs, ss) if ss is not None else cs
    hi = max(ce, se) if se is not None else ce
    return ExtractedAttribution(text[ss:se] if sp else None, text[cs:ce], lo, hi, ss, se, cs, ce)


def _bare_quote(text, start, end, quotes) -> Optional[ExtractedAttribution]:
    """A sentence opening with a quotation of at least four words is reported speech, speaker unknown."""
    for qs, qe in quotes:
        if qs - start <= 2 and len(text[qs:qe].split()) >= 4:
            return ExtractedAttribution(None, None, qs, qe)
    return None
