"""Speakers named earlier in the document: a short reference resolved to the name it stands for.

Rules over the claims already found, in document order (no model: coreferee's French and
English models are not on the package index this project installs from). A claim whose
speaker is a short reference ("le ministère", "the agency", "the minister": a determiner and
lower-case words) takes the nearest earlier speaker, within ``WINDOW`` characters, that has the
same head word and a name in it ("le ministère de l'Économie", "Health Minister Ana Ruiz"). The
attribution then says both: ``speaker`` the name (offsets of that earlier occurrence) and
``speaker_mention`` the words of the sentence (offsets inside it).

A generic word for a body ("the company", "l'institut") whose head the earlier names never
carry takes the organisation named last (``_latest_organisation``).

A pronoun ("il", "she", "it") takes the most recently mentioned named speaker it can stand for:
a person of a compatible gender for "he"/"she" (titles and the words set off by commas around
the name say it: "M. Lee", "La ministre, Anne Roux"; a pronoun once resolved teaches it), an
organisation for "it" ("UKHSA", "Network Rail"), and for a French "il"/"elle" also an
organisation whose determiner has that gender ("la préfecture"). See ``PRONOUN_WINDOW``.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional, Sequence

from .genders import (
    ELIDED,
    SELF,
    WORD,
    context_gender,
    first_name_gender,
    listed,
    organisation_gender,
    person_gender,
    unelided,
)
from .lang import Lang, LanguageRules, rules_for
from .models import ExtractedAttribution, ExtractedClaim
from .speakers import PARTICLES, speaker_words

WINDOW = 3000  # how far back (characters) a short reference looks for its name
# How far back (characters) a pronoun looks for the speaker it stands for.
PRONOUN_WINDOW = 1500
# A French 'il'/'elle' stands for an organisation only when it was mentioned this close before.
ORGANISATION_GAP = 300
_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,}[\dA-Z&-]*$")
_APPOSED_NAME = re.compile(r"\s*,\s*(?P<name>[A-ZÀ-Þ][\w’'-]+(?:\s+(?:(?:de|du|d['’]|van|von)\s*)?"
                           r"[A-ZÀ-Þ][\w’'-]+){1,3})\s*,")


@dataclasses.dataclass
class _Entity:
    """A named speaker seen so far: the attribution that names it, whether it is a person or
    an organisation, its gender when something says it ('m', 'f', None), and where it was
    last mentioned."""

    att: ExtractedAttribution
    person: Optional[bool]  # None: not known
    gender: Optional[str]
    last: int


def resolve_speakers(claims: list[ExtractedClaim], lang: Lang, text: Optional[str] = None,
                     subjects: Sequence[tuple[int, int]] = ()) -> list[ExtractedClaim]:
    """The claims, in order, with short-reference and pronoun speakers resolved where an
    earlier claim of the document named them (``text``: the document, for the words around a
    name that tell its gender: 'La ministre du Travail, Nadia Keller'; ``subjects``: the
    subjects of the other sentences, which pronouns may stand for too: 'La préfecture a
    compté 25 blessés. Elle a précisé …')."""
    lang = rules_for(lang)
    named: list[ExtractedAttribution] = []  # earlier speakers that carry a name
    entities: list[_Entity] = []
    out: list[ExtractedClaim] = []
    pending = sorted(subjects)
    for claim in claims:
        while pending and pending[0][1] <= claim.start:
            s, e = pending.pop(0)
            _remember_subject(entities, text, s, e, lang)
        att = claim.attribution
        kind = speaker_kind(att.speaker, lang) if att and att.speaker else "none"
        if kind == "name" and att.speaker_start is not None:
            named.append(att)
            _remember(entities, att, text, lang)
        found = _antecedent(att, named, lang, text) if kind == "reference" else \
            _pronoun_antecedent(att, entities, lang) if kind == "pronoun" else None
        if found is None and kind == "reference":
            found = _latest_organisation(att, entities, lang)
        if found is None and kind == "reference" and _is_organisation(att.speaker, lang):
            _remember(entities, att, text, lang)  # 'la préfecture': an 'elle' later
        out.append(claim if found is None else dataclasses.replace(
            claim, attribution=dataclasses.replace(
                att, speaker=found.speaker, speaker_start=found.speaker_start,
                speaker_end=found.speaker_end, speaker_mention=att.speaker,
                mention_start=att.speaker_start, mention_end=att.speaker_end)))
    return out


def _remember_subject(entities: list[_Entity], text: Optional[str], s: int, e: int,
                      lang: LanguageRules) -> None:
    """A sentence subject becomes a mention when it surely names someone: an organisation
    ('La préfecture'), or a person's name of two capitalised words or more, or with a title or
    a known first name ('Paul Girard', 'M. Lee'). A lone capitalised word opening a sentence
    ('Comment', 'Certes') proves nothing."""
    if text is None:
        return
    words = text[s:e]
    kind = speaker_kind(words, lang)
    apposed = _APPOSED_NAME.match(text, e) if kind == "reference" else None
    if apposed:  # 'Le maire, Bertrand Olivier, a défendu …': the name set off by commas
        s, e = apposed.span("name")
        words, kind = text[s:e], "name"
    if kind in ("name", "reference") and _is_organisation(words, lang):
        pass
    elif kind != "name" or not _surely_a_name(words, lang):
        return
    _remember(entities, ExtractedAttribution(words, None, s, e, s, e), text, lang)


def _surely_a_name(words: str, lang: LanguageRules) -> bool:
    found = WORD.findall(words)
    if not found or found[0].lower() in speaker_words(lang).openers:
        return False
    capitals = [w for w in found if w[:1].isupper()]
    titled = person_gender(words, lang) not in (None, False)
    return titled or first_name_gender(words, lang) is not None or (
        len(capitals) >= 2 and len(capitals) == len([w for w in found
                                                       if w.lower() not in PARTICLES]))


def _is_organisation(speaker: str, lang: LanguageRules) -> bool:
    """'la préfecture', 'the council': a determiner and an organisation word."""
    return any(unelided(w).lower() in listed(lang, "organisations")
               for w in WORD.findall(speaker)[:3])


def _remember(entities: list[_Entity], att: ExtractedAttribution, text: Optional[str],
              lang: LanguageRules) -> None:
    """Add a named speaker, or move an entity already seen under the same name (or a person
    under the last word of their name: 'Trump' after 'Donald Trump') to the front."""
    key = att.speaker.lower()
    if key in SELF:  # 'On', 'Moi': no one to stand for
        return
    for e in entities:
        same = e.att.speaker.lower() == key or (e.person and _same_person(e.att.speaker,
                                                                         att.speaker))
        if same:
            e.last = att.speaker_start
            e.gender = e.gender or context_gender(text, att, lang)
            return
    gender = person_gender(att.speaker, lang)
    person: Optional[bool] = None  # not known to be a person or an organisation
    if gender is False or _ACRONYM.match(att.speaker):
        person, gender = False, organisation_gender(att.speaker, lang)
    else:
        gender = gender or first_name_gender(att.speaker, lang) or \
            context_gender(text, att, lang)
        person = True if gender else None
    entities.append(_Entity(att, person, gender, att.speaker_start))


def _same_person(a: str, b: str) -> bool:
    """'Donald Trump' and 'Trump', 'Mr. Trump': one name's last word is the other name."""
    wa, wb = WORD.findall(a), WORD.findall(b)
    if not wa or not wb or len(wa) == len(wb):
        return False
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return short[-1] == long_[-1] and (len(short) == 1 or short[0].rstrip(".").lower() in
                                       ("mr", "mrs", "ms", "m", "mme", "dr"))


def _pronoun_antecedent(att: ExtractedAttribution, entities: list[_Entity],
                        lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """'il', 'she', 'it': the most recently mentioned named speaker, within
    ``PRONOUN_WINDOW`` characters, that the pronoun can stand for (a person of a compatible
    gender for 'he'/'she'; an organisation for 'it'; a French 'il'/'elle' also an organisation
    whose determiner has its gender: 'la préfecture'). A name mentioned just before (within
    ``ORGANISATION_GAP``) whose gender nothing says is taken first ('… selon Trans'Alpes. Elle
    rappelle'). The antecedent learns the pronoun's gender."""
    if att.speaker_start is None:
        return None
    pronoun = att.speaker.lower()
    gender = "m" if pronoun in listed(lang, "masculine") else \
        "f" if pronoun in listed(lang, "feminine") else None
    neuter = pronoun in listed(lang, "neuter")
    if gender is None and not neuter:
        return None
    fallback = None  # a name of unknown gender: taken only when no gender matches
    first = True
    for e in sorted(entities, key=lambda e: -e.last):
        if not 0 < att.speaker_start - e.last <= PRONOUN_WINDOW:
            continue
        if first and e.gender is None and not (neuter and e.person) \
                and att.speaker_start - e.last <= ORGANISATION_GAP:
            return _take(e, att, gender)  # just named, nothing against it: the one meant
        first = False
        if neuter:
            ok = e.person is not True
        elif e.person is False:  # 'La préfecture a compté … Elle a précisé': just before
            ok = not listed(lang, "neuter") and e.gender == gender \
                and att.speaker_start - e.last <= ORGANISATION_GAP
        else:
            ok = e.gender == gender
            if e.gender is None and fallback is None:
                fallback = e
        if ok:
            return _take(e, att, gender)
    return _take(fallback, att, gender) if fallback is not None else None


def _take(e: _Entity, att: ExtractedAttribution, gender: Optional[str]) -> ExtractedAttribution:
    """The entity's attribution, now last mentioned at att; a name learns the gender (and so
    that it is a person's)."""
    if e.person is not False and e.gender is None and gender is not None:
        e.gender, e.person = gender, True
    e.last = att.speaker_start
    return e.att


def speaker_kind(speaker: str, lang: Lang) -> str:
    """'pronoun', 'reference' (a determiner and up to three lower-case words), 'name' (a
    capitalised word that is not only the sentence's first), or 'other'."""
    words = WORD.findall(speaker)
    if not words:
        return "other"
    first = words[0].lower()
    if len(words) == 1 and first in listed(lang, "pronouns"):
        return "pronoun"
    elided = ELIDED.match(first)
    determiner = first in listed(lang, "determiners") or (elided is not None and first[
        :elided.end()].replace("’", "'") in listed(lang, "determiners"))  # l'/l’entreprise
    bare = [unelided(w) for w in words]
    named = any(w[:1].isupper() for w in bare[1:]) or \
        (bare[0] != words[0] and bare[0][:1].isupper())
    if not determiner:
        return "name" if words[0][:1].isupper() or named else "other"
    if named:
        return "name"
    return "reference" if len(words) <= 4 else "other"


def _antecedent(att: ExtractedAttribution, named: list[ExtractedAttribution],
                lang: LanguageRules, text: Optional[str] = None) -> Optional[ExtractedAttribution]:
    """The name a short reference stands for, within ``WINDOW`` characters before it: the
    nearest earlier named speaker with the reference's head word in its name or in the words
    next to it ('the energy regulator Ofgem' for 'the regulator'), else a name the document
    gives that word earlier ('le maire, Bertrand Olivier'; 'an analysis by the charity Curtain
    Call' for 'The analysis')."""
    if att.speaker_start is None:
        return None
    head = _head(att.speaker, lang)
    if head is None:
        return None
    for earlier in reversed(named):
        if not 0 < att.speaker_start - earlier.speaker_start <= WINDOW:
            continue
        if head in (w.lower() for w in WORD.findall(earlier.speaker)):
            return earlier
        if text is not None and _beside(text, earlier, head):
            return earlier
    return _named_in_text(text, att, head, lang) if text is not None else None


def _latest_organisation(att: ExtractedAttribution, entities: list[_Entity],
                         lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """'the company', 'l'institut', 'la caisse': a generic word for a body, whose own name
    never says it (Marsh Vale Water, l'Insee), stands for the organisation named last, within
    ``WINDOW`` characters, if nothing says that name is a person's."""
    if att.speaker_start is None or _head(att.speaker, lang) not in listed(
            lang, "generic_organisations"):
        return None
    for e in sorted(entities, key=lambda e: -e.last):
        if 0 < att.speaker_start - e.last <= WINDOW and e.person is not True \
                and speaker_kind(e.att.speaker, lang) == "name":
            e.last = att.speaker_start
            return e.att
    return None


def _head(speaker: str, lang: LanguageRules) -> Optional[str]:
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
    if not words:
        return None
    return words[0] if lang.setting("speakers", "head_first", False) else words[-1]


def _beside(text: str, earlier: ExtractedAttribution, head: str) -> bool:
    """Whether the head word is among the words set next to a name in its own sentence
    ('the energy regulator Ofgem', 'Bertrand Olivier, le maire')."""
    lo = max(0, earlier.speaker_start - 60)
    hi = min(len(text), earlier.speaker_end + 60)
    before = re.split(r"[.!?\n]", text[lo:earlier.speaker_start])[-1]
    after = re.split(r"[.!?\n]", text[earlier.speaker_end:hi])[0][:45]
    # 'Mercato Sud, le président Marc Aubry': a title followed by a name is that name's
    after = re.sub(rf"(?i:\b{re.escape(head)})\s+[A-ZÀ-Þ]\w", " ", after)
    return head in (unelided(w).lower() for w in WORD.findall(before[-45:] + " " + after))


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
    best = None
    for pattern in patterns:
        for m in re.finditer(pattern, region):
            name = m.group("name").rstrip(".")
            if len(name) < 2 or speaker_kind(name, lang) != "name":
                continue
            s = lo + m.start("name")
            if best is None or s > best[0]:
                best = (s, s + len(name))
    if best is None:
        return None
    return ExtractedAttribution(text[best[0]:best[1]], None, best[0], best[1], best[0], best[1])
