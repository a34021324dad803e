"""Short references ("le ministère", "l'élu", "the regulator") and the names they stand for.

A reference's head word ("ministère", "élu", "regulator") is looked for in an earlier named
speaker or in the title set next to it ("le maire, Bertrand Olivier"; "the energy regulator
Ofgem"), or among the names the document sets next to that word. A word for a kind of title
stands for the titles it covers ("l'élu" for "le maire", "l'officier" for "le colonel":
``hypernyms`` among the language's coreference words). An organisation word never stands for a
person whose title holds it ("the council" is not "Council leader Mr Patel").
"""
from __future__ import annotations

import re
from typing import Optional

from .genders import WORD, first_name_gender, listed, unelided
from .lang import LanguageRules
from .mentions import is_organisation, speaker_kind
from .models import ExtractedAttribution

WINDOW = 3000  # how far back (characters) a short reference looks for its name
_ARTICLES = frozenset("un une du au a an the".split())  # listed among the titles of a gender


def named_antecedent(att: ExtractedAttribution, named: list[ExtractedAttribution],
                     lang: LanguageRules,
                     text: Optional[str] = None) -> Optional[ExtractedAttribution]:
    """The name a short reference stands for, within ``WINDOW`` characters before it: the
    nearest earlier named speaker with the reference's head word in its name or heading the
    title next to it ('the energy regulator Ofgem' for 'the regulator'; 'Le maire de Pau' or
    'le maire, Denis Fournier' for "l'élu"), else a name the document gives that word earlier
    ('le maire, Bertrand Olivier'; 'an analysis by the charity Curtain Call' for 'The
    analysis')."""
    if att.speaker_start is None:
        return None
    head = reference_head(att.speaker, lang)
    if head is None:
        return None
    body = is_organisation(att.speaker, lang)
    for earlier in reversed(named):
        if not 0 < att.speaker_start - earlier.speaker_start <= WINDOW:
            continue
        if body and _titled_person(earlier.speaker, lang):
            continue  # 'the council' is never 'Council leader Mr Patel'
        # 'le ministère' for 'Le ministère de l'Intérieur', "l'édile" for 'Le maire de Pau'
        if head in (w.lower() for w in WORD.findall(earlier.speaker)) \
                or _title_head(earlier.speaker, lang) in _kinds_of(head, lang) - {head}:
            return earlier
        if text is not None and _beside(text, earlier, head, lang):
            return earlier
    return _named_in_text(text, att, head, lang) if text is not None else None


def _titled_person(speaker: str, lang: LanguageRules) -> bool:
    """A person's name with an honorific or a known first name ('Council leader Mr Patel',
    'la maire Anne Vidal'); a determiner is no honorific."""
    honorifics = (listed(lang, "male_titles") | listed(lang, "female_titles")) \
        - listed(lang, "determiners") - _ARTICLES
    return first_name_gender(speaker, lang) is not None or any(
        w.lower() in honorifics or w.lower().rstrip(".") in honorifics
        for w in WORD.findall(speaker) if w[:1].isupper())


def reference_head(speaker: str, lang: LanguageRules) -> Optional[str]:
    """The head noun of a short reference: its first word after the determiner in French and
    Spanish ('le gendarme des données'), its last before any complement in English ('the
    statistics body')."""
    words = [unelided(w).lower() for w in WORD.findall(speaker)]
    if not words:
        return None
    preps = frozenset(lang.setting("speakers", "prepositions", []))
    cut = next((i for i, w in enumerate(words) if i and w in preps), len(words))
    words = words[:cut]
    if words and words[0] in listed(lang, "determiners"):
        words = words[1:] or words
    if not lang.setting("speakers", "head_first", False):
        return words[-1] if words else None
    # 'la nouvelle directrice', "l'ancien ministre": the noun after the adjective
    while len(words) > 1 and words[0] in listed(lang, "prenominal_adjectives"):
        words = words[1:]
    return words[0] if words else None


def _beside(text: str, earlier: ExtractedAttribution, head: str, lang: LanguageRules) -> bool:
    """Whether the head word heads a title set next to a name in its own sentence ('the energy
    regulator Ofgem', 'Bertrand Olivier, le maire', 'Le ministre de la Santé, Paul Rivière');
    a word of the title that is not its head does not count ('Council leader Mr Whitcombe' is
    no council)."""
    lo = max(0, earlier.speaker_start - 60)
    hi = min(len(text), earlier.speaker_end + 60)
    before = re.split(r"[.!?\n]", text[lo:earlier.speaker_start])[-1].split(",")
    after = re.split(r"[.!?\n]", text[earlier.speaker_end:hi])[0][:45]
    # 'Mercato Sud, le président Marc Aubry': a title followed by a name is that name's
    after = re.sub(rf"(?i:\b{re.escape(head)})\s+[A-ZÀ-Þ]\w", " ", after)
    titles = [before[-1] if before[-1].strip() or len(before) < 2 else before[-2]]
    if after.lstrip().startswith(","):
        titles.append(after.lstrip()[1:].split(",")[0])
    return any(_title_head(t, lang) in _kinds_of(head, lang) for t in titles)


def _kinds_of(head: str, lang: LanguageRules) -> frozenset[str]:
    """The head word and the titles it may stand for ('l'élu' for 'le maire', 'l'officier' for
    'le colonel'; ``hypernyms`` in the language's coreference words)."""
    table = lang.memo("hypernyms", lambda: {
        word: frozenset(kinds) for row in lang.rows("text", "coreference")
        if row.get("kind") == "hypernyms" for word, kinds in row.get("map", {}).items()})
    return table.get(head, frozenset()) | {head}


def _title_head(phrase: str, lang: LanguageRules) -> Optional[str]:
    """The head of a title phrase, past the words before its determiner in French ('Jeudi, le
    maire' -> 'maire')."""
    words = WORD.findall(phrase)
    if lang.setting("speakers", "head_first", False):
        det = next((i for i, w in enumerate(words)
                    if unelided(w) != w or w.lower() in listed(lang, "determiners")), 0)
        words = words[det:]
    return reference_head(" ".join(words), lang) if words else None


_NAME = (r"(?P<name>(?:[A-ZÀ-Þ][\w’'&.-]*)"
         r"(?:\s+(?:(?:de|du|des|d['’]|of|the|la|le)\s+)?[A-ZÀ-Þ][\w’'&-]*){0,5})")


def _named_in_text(text: str, att: ExtractedAttribution, head: str,
                   lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """The latest name the document sets next to the head word before the reference:
    'le maire, Bertrand Olivier', 'Hélène Caron, la principale', 'an analysis by the charity
    Curtain Call'."""
    lo = max(0, att.speaker_start - WINDOW)
    region = text[lo:att.speaker_start]
    h = re.escape(head)
    lower = r"(?:\s+(?!(?:de|du|des|of|for|à|au|aux)\b)[a-zà-ÿ'’-]+){0,4}"
    cap = re.escape(head[:1].upper() + head[1:])
    patterns = [
        rf"(?i:\b{h}){lower}(?:\s+(?i:by|from|par))?"
        rf"(?:\s+(?i:the|l['’]|la|le|les))?{lower}\s*,?\s*{_NAME}",
        rf"{_NAME}\s*,\s*(?:[^\W\d_][\w'’-]*\s+){{0,5}}?(?i:{h})\b",
        # the word is the name's own: 'Irwell Valley NHS Trust' for 'the trust',
        # 'l'Institut Pasteur' for 'l'institut'
        (rf"(?P<name>\b{cap}(?:\s+(?:(?:de|du|des|d['’]|la|le)\s+)?[A-ZÀ-Þ][\w’'&-]*){{1,4}})"
         if lang.setting("speakers", "head_first", False) else
         rf"(?P<name>(?:[A-ZÀ-Þ][\w’'&.-]*\s+(?:(?:of|for|the)\s+)?){{1,5}}{cap})\b"),
    ]
    best, body = None, is_organisation(att.speaker, lang)
    for pattern in patterns:
        for m in re.finditer(pattern, region):
            name = m.group("name").rstrip(".")
            if len(name) < 2 or speaker_kind(name, lang) != "name" or (
                    body and _titled_person(name, lang)):
                continue
            s = lo + m.start("name")
            if best is None or s > best[0]:
                best = (s, s + len(name))
    if best is None:
        return None
    return ExtractedAttribution(text[best[0]:best[1]], None, best[0], best[1], best[0], best[1])
