"""Speakers named earlier in the document: a short reference resolved to the name it stands for.

Rules over the claims already found, in document order (no model: coreferee's French and
English models are not on the package index this project installs from). A claim whose
speaker is a short reference ("le ministère", "the agency", "the minister": a determiner and
lower-case words) takes the nearest earlier speaker, within ``WINDOW`` characters, that has the
same head word and a name in it ("le ministère de l'Économie", "Health Minister Ana Ruiz"). The
attribution then says both: ``speaker`` the name (offsets of that earlier occurrence) and
``speaker_mention`` the words of the sentence (offsets inside it).

Pronouns ("il", "she") are left as written: taking the nearest earlier name or speaker was
measured and lost more than it won on outside news and fiction (``../shared/eval``: PolNeAR
speaker accuracy 0.801 to 0.711-0.727, fr-litbank 0.663 to 0.456-0.544).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from .lang import Lang, LanguageRules, rules_for
from .models import ExtractedAttribution, ExtractedClaim

WINDOW = 3000  # how far back (characters) a short reference looks for its name
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_ELIDED = re.compile(r"^[^\W\d_]{1,2}['’]")


def resolve_speakers(claims: list[ExtractedClaim], lang: Lang) -> list[ExtractedClaim]:
    """The claims, in order, with short-reference speakers resolved where an earlier claim of
    the document named them."""
    lang = rules_for(lang)
    named: list[ExtractedAttribution] = []  # earlier speakers that carry a name
    out = []
    for claim in claims:
        att = claim.attribution
        kind = speaker_kind(att.speaker, lang) if att and att.speaker else "none"
        if kind == "name" and att.speaker_start is not None:
            named.append(att)
        found = _antecedent(att, named, lang) if kind == "reference" else None
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


def _words(lang: Lang, kind: str) -> frozenset[str]:
    rules = rules_for(lang)
    return rules.memo(("coreference", kind), lambda: frozenset(
        w.lower() for row in rules.all_rows("text", "coreference")
        if row["kind"] == kind for w in row["words"]))
