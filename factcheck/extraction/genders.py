"""What says a name is a person's and of which gender, for coreference: titles, first names,
the words set off by commas around the name, an organisation's determiner ('la préfecture').
"""
from __future__ import annotations

import re
from typing import Optional

from .lang import Lang, LanguageRules, rules_for
from .models import ExtractedAttribution
from .speakers import PARTICLES

WORD = re.compile(r"[^\W\d_][\w’'-]*")
ELIDED = re.compile(r"^[^\W\d_]{1,2}['’]")
# speakers that are no antecedent
SELF = frozenset("i we je nous on moi toi yo nosotros one".split())


def first_name_gender(speaker: str, lang: LanguageRules) -> Optional[str]:
    """'m' or 'f' when the name starts, past any title, with a first name of one gender ('Anaïs
    Ferrier', 'Dr Helen Mercer')."""
    words = WORD.findall(speaker)
    for word in words[:-1][:3]:
        w = word.lower()
        if w in listed(lang, "male_first_names"):
            return "m"
        if w in listed(lang, "female_first_names"):
            return "f"
    return None


def context_gender(text: Optional[str], att: ExtractedAttribution,
                    lang: LanguageRules) -> Optional[str]:
    """The gender the words next to a name give it: a title set off by commas before or
    after it, by its determiner ('La ministre du Travail, Nadia Keller'; 'Paul Girard, le
    maire') or its noun ('the party's spokeswoman, Claire Dumas')."""
    if text is None or att.speaker_start is None:
        return None
    before = text[max(0, att.speaker_start - 80):att.speaker_start]
    after = text[att.speaker_end:att.speaker_end + 80]
    phrases = []
    m = re.search(r"(?:^|[.!?:;]\s+|,\s+|\n)([^,.;:!?\n]{2,70}),\s*$", before)
    if m:
        phrases.append(m.group(1))
    m = re.match(r"\s*,\s*([^,.;:!?\n]{2,70})", after)
    if m:
        phrases.append(m.group(1))
    for phrase in phrases:
        words = [w.lower() for w in WORD.findall(phrase)]
        if not words:
            continue
        for gender, titles, nouns in (("m", "male_titles", "male_nouns"),
                                      ("f", "female_titles", "female_nouns")):
            if words[0] in listed(lang, titles) or set(words) & listed(lang, nouns):
                return gender
    return None


def organisation_gender(speaker: str, lang: LanguageRules) -> Optional[str]:
    """'la préfecture' -> 'f', 'le ministère' -> 'm': the gender of an organisation's
    determiner, where the language has one."""
    words = [w.lower() for w in WORD.findall(speaker)]
    if not words:
        return None
    if words[0] in listed(lang, "male_titles") - {"m", "m.", "mr", "mr.", "sr", "sr."}:
        return "m"
    if words[0] in listed(lang, "female_titles") - {"mme", "mme.", "mrs", "mrs.", "sra", "sra."}:
        return "f"
    return None


def person_gender(speaker: str, lang: LanguageRules):
    """'m' or 'f' for a person's name with a title, None for a name alone, False when the
    speaker is not a person (an organisation word, or no capitalised word)."""
    words = WORD.findall(speaker)
    lower = [w.lower() for w in words]
    first = lower[0] if lower else ""
    name = []  # the capitalised words at the end ('la ministre Anne Roux': Anne Roux)
    for w in reversed(words):
        if not (w[:1].isupper() or (name and w in PARTICLES)):
            break
        name.insert(0, w)
    while name and name[0] in PARTICLES:
        name.pop(0)
    if not 1 <= len(name) <= 4 or len(words) - len(name) > 3 \
            or any(unelided(w) in listed(lang, "organisations") for w in lower) \
            or (len(name) == 1 and name[0].lower() in listed(lang, "pronouns") | SELF):
        return False
    for gender, kind in (("m", "male_titles"), ("f", "female_titles")):
        if first in listed(lang, kind) or first.rstrip(".") in listed(lang, kind):
            return gender
    return None


def listed(lang: Lang, kind: str) -> frozenset[str]:
    return rules_for(lang).word_set("coreference", kind)


def unelided(word: str) -> str:
    """The word without an elided article ("l'Économie" -> "Économie")."""
    m = ELIDED.match(word)
    return word[m.end():] if m else word
