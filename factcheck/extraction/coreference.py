"""Speakers named earlier in the document: a short reference resolved to the name it stands for.

Rules over the claims already found, in document order (no model: coreferee's French and
English models are not on the package index this project installs from). A claim whose
speaker is a short reference ("le ministère", "the agency", "the minister": a determiner and
lower-case words) takes the nearest earlier speaker, within ``WINDOW`` characters, that has the
same head word and a name in it ("le ministère de l'Économie", "Health Minister Ana Ruiz"). The
attribution then says both: ``speaker`` the name (offsets of that earlier occurrence) and
``speaker_mention`` the words of the sentence (offsets inside it).

A person pronoun ("il", "she") takes the speaker of the claim in the sentence just before when
that speaker is a person's name of a compatible gender ("M. Lee", "Mrs Ruiz", "Anne Roux"; no
organisation word): "Paul Girard a déclaré … Il a ajouté …". Further back it is left as
written: the nearest earlier speaker was measured and lost more than it won on outside news
and fiction (see ``PRONOUN_GAP``).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from .lang import Lang, LanguageRules, rules_for
from .models import ExtractedAttribution, ExtractedClaim

WINDOW = 3000  # how far back (characters) a short reference looks for its name
# A pronoun takes the speaker of the claim in the sentence just before (at most this many
# characters between the two). Measured on ../shared/eval (PolNeAR speakers 0.801 without
# pronoun resolution): the sentence just before 0.789, within 300 characters 0.784, the nearest
# person speaker within 600 or 1,500 characters 0.771 and 0.745; fr-litbank 0.663, 0.658,
# 0.648, 0.622.
PRONOUN_GAP = 10
_PARTICLES = frozenset("de du des d' van von der da di le la bin ben al el y".split())
_SELF = frozenset("i we je nous yo nosotros".split())  # speakers that are no antecedent
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_ELIDED = re.compile(r"^[^\W\d_]{1,2}['’]")


def resolve_speakers(claims: list[ExtractedClaim], lang: Lang) -> list[ExtractedClaim]:
    """The claims, in order, with short-reference speakers resolved where an earlier claim of
    the document named them."""
    lang = rules_for(lang)
    named: list[ExtractedAttribution] = []  # earlier speakers that carry a name
    out: list[ExtractedClaim] = []
    for claim in claims:
        att = claim.attribution
        kind = speaker_kind(att.speaker, lang) if att and att.speaker else "none"
        if kind == "name" and att.speaker_start is not None:
            named.append(att)
        found = _antecedent(att, named, lang) if kind == "reference" else \
            _person_antecedent(claim, out[-1] if out else None, lang) \
            if kind == "pronoun" else None
        out.append(claim if found is None else dataclasses.replace(
            claim, attribution=dataclasses.replace(
                att, speaker=found.speaker, speaker_start=found.speaker_start,
                speaker_end=found.speaker_end, speaker_mention=att.speaker,
                mention_start=att.speaker_start, mention_end=att.speaker_end)))
    return out


def speaker_kind(speaker: str, lang: Lang) -> str:
    """'pronoun', 'reference' (a determiner and up to three lower-case words), 'name' (a
    capitalised word that is not only the sentence's first), or 'other'."""
    words = _WORD.findall(speaker)
    if not words:
        return "other"
    first = words[0].lower()
    if len(words) == 1 and first in _words(lang, "pronouns"):
        return "pronoun"
    elided = _ELIDED.match(first)
    determiner = first in _words(lang, "determiners") or \
        (elided is not None and first[:elided.end()] in _words(lang, "determiners"))
    bare = [_bare(w) for w in words]
    named = any(w[:1].isupper() for w in bare[1:]) or \
        (bare[0] != words[0] and bare[0][:1].isupper())
    if not determiner:
        return "name" if words[0][:1].isupper() or named else "other"
    if named:
        return "name"
    return "reference" if len(words) <= 4 else "other"


def _bare(word: str) -> str:
    """The word without an elided article ("l'Économie" -> "Économie")."""
    m = _ELIDED.match(word)
    return word[m.end():] if m else word


def _antecedent(att: ExtractedAttribution, named: list[ExtractedAttribution],
                lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """The nearest earlier named speaker with the reference's head word."""
    if att.speaker_start is None:
        return None
    head = _WORD.findall(att.speaker)[-1].lower()
    for earlier in reversed(named):
        if not 0 < att.speaker_start - earlier.speaker_start <= WINDOW:
            continue
        if head in (w.lower() for w in _WORD.findall(earlier.speaker)):
            return earlier
    return None


def _person_antecedent(claim: ExtractedClaim, previous: Optional[ExtractedClaim],
                       lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """'il', 'she': the speaker of the claim just before, when that claim ends at most
    ``PRONOUN_GAP`` characters earlier and its speaker is a person's name (no organisation
    word, capitalised words) of a compatible gender (a title says it: 'M.', 'Mrs')."""
    att = claim.attribution
    pronoun = att.speaker.lower()
    gender = "m" if pronoun in _words(lang, "masculine") else \
        "f" if pronoun in _words(lang, "feminine") else None
    earlier = previous.attribution if previous is not None else None
    if gender is None or att.speaker_start is None or earlier is None \
            or earlier.speaker is None or earlier.speaker_start is None \
            or not 0 <= claim.start - previous.end <= PRONOUN_GAP:
        return None
    found = _person_gender(earlier.speaker, lang)
    return earlier if found is not False and found in (gender, None) else None


def _person_gender(speaker: str, lang: LanguageRules):
    """'m' or 'f' for a person's name with a title, None for a name alone, False when the
    speaker is not a person (an organisation word, or no capitalised word)."""
    words = _WORD.findall(speaker)
    lower = [w.lower() for w in words]
    first = lower[0] if lower else ""
    name = []  # the capitalised words at the end ('la ministre Anne Roux': Anne Roux)
    for w in reversed(words):
        if not (w[:1].isupper() or (name and w in _PARTICLES)):
            break
        name.insert(0, w)
    while name and name[0] in _PARTICLES:
        name.pop(0)
    if not 1 <= len(name) <= 4 or len(words) - len(name) > 3 \
            or any(_bare(w) in _words(lang, "organisations") for w in lower) \
            or (len(name) == 1 and name[0].lower() in _words(lang, "pronouns") | _SELF):
        return False
    for gender, kind in (("m", "male_titles"), ("f", "female_titles")):
        if first in _words(lang, kind) or first.rstrip(".") in _words(lang, kind):
            return gender
    return None


def _words(lang: Lang, kind: str) -> frozenset[str]:
    return rules_for(lang).word_set("coreference", kind)
