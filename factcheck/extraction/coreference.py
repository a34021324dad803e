"""Speakers named earlier in the document: a pronoun or a short reference resolved to the name
it stands for.

Rules over the claims already found, in document order (no model: coreferee's French and
English models are not on the package index this project installs from). A claim whose
speaker is a short reference ("le ministère", "the agency", "l'élu": a determiner and
lower-case words) takes the earlier name it stands for (``references.named_antecedent``). The
attribution then says both: ``speaker`` the name (offsets of that earlier occurrence) and
``speaker_mention`` the words of the sentence (offsets inside it).

A generic word for a body ("the company", "l'institut") whose head the earlier names never
carry takes the organisation named last (``_latest_organisation``).

A pronoun ("il", "she", "it", "ce dernier") takes the most recently mentioned entity it can
stand for: a person of a compatible gender for "he"/"she" (titles and the words set off by
commas around the name say it: "M. Lee", "La ministre, Anne Roux"; a pronoun once resolved
teaches it), an organisation for "it" ("UKHSA", "Network Rail"), for a French "il"/"elle"
also an organisation whose determiner has that gender ("la préfecture"), and a group for
"ils"/"elles" ("les agriculteurs"). See ``PRONOUN_WINDOW``. Entities come from the speakers
of claims and from the subjects of the sentences that report nothing ("Le préfet du Var,
Didier Cros, a fait le point. Il indique …": ``mentions.subject_mention``).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional, Sequence

from .genders import (
    SELF,
    WORD,
    context_gender,
    first_name_gender,
    listed,
    organisation_gender,
    person_gender,
)
from .lang import Lang, LanguageRules, rules_for
from .mentions import (
    Mention,
    body_name,
    speaker_kind,
    subject_mention,
    title_facts,
)
from .models import ExtractedAttribution, ExtractedClaim
from .references import WINDOW, named_antecedent, reference_head

# How far back (characters) a pronoun looks for the speaker it stands for.
PRONOUN_WINDOW = 1500
# A French 'il'/'elle' stands for an organisation only when it was mentioned this close before.
ORGANISATION_GAP = 300
_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,}[\dA-Z&-]*$")


@dataclasses.dataclass
class _Entity:
    """A named speaker seen so far: the attribution that names it, whether it is a person or
    an organisation, its gender when something says it ('m', 'f', None), where it was
    last mentioned, and whether it is a group ('les agriculteurs': an 'ils' later)."""

    att: ExtractedAttribution
    person: Optional[bool]  # None: not known
    gender: Optional[str]
    last: int
    plural: bool = False


def resolve_speakers(claims: list[ExtractedClaim], lang: Lang, text: Optional[str] = None,
                     subjects: Sequence[tuple[int, int]] = (),
                     asides: Sequence[tuple[int, int, int]] = ()) -> list[ExtractedClaim]:
    """The claims, in order, with short-reference and pronoun speakers resolved where an
    earlier claim of the document named them (``text``: the document, for the words around a
    name that tell its gender: 'La ministre du Travail, Nadia Keller'; ``subjects``: the
    subjects of the other sentences, which pronouns may stand for too: 'La préfecture a
    compté 25 blessés. Elle a précisé …'; ``asides``: (start, end, sentence start) of names a
    title sets off by commas elsewhere in a sentence, 'a reçu la ministre du Logement, Sophie
    Lenoir', taken as mentioned at the sentence start, so its subject stays the likelier)."""
    lang = rules_for(lang)
    named: list[ExtractedAttribution] = []  # earlier speakers that carry a name
    entities: list[_Entity] = []
    out: list[ExtractedClaim] = []
    pending = sorted([(s, e, None) for s, e in subjects] + list(asides))
    for claim in claims:
        while pending and pending[0][1] <= claim.start:
            s, e, at = pending.pop(0)
            _remember_subject(entities, named, text, s, e, lang, at)
        att = claim.attribution
        found = _resolve(att, named, entities, text, lang) if att and att.speaker else None
        out.append(claim if found is None else dataclasses.replace(
            claim, attribution=dataclasses.replace(
                att, speaker=found.speaker, speaker_start=found.speaker_start,
                speaker_end=found.speaker_end, speaker_mention=att.speaker,
                mention_start=att.speaker_start, mention_end=att.speaker_end)))
    return out


def _resolve(att: ExtractedAttribution, named: list[ExtractedAttribution],
             entities: list[_Entity], text: Optional[str],
             lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """The earlier attribution a claim's speaker stands for, if any; what the speaker says of
    someone is remembered for the claims after it."""
    kind = speaker_kind(att.speaker, lang)
    if kind == "name" and att.speaker_start is not None:
        named.append(att)
        _remember(entities, att, text, lang)
    found = named_antecedent(att, named, lang, text) if kind == "reference" else \
        _pronoun_antecedent(att, entities, lang) if kind == "pronoun" else None
    if found is None and kind == "reference":
        found = _latest_organisation(att, entities, lang)
    if found is not None:
        _touch(entities, found, att.speaker_start)
    elif kind == "reference" and att.speaker_start is not None:
        # 'la préfecture', 'le ministre', 'les syndicats': an 'elle', 'il', 'ils' later
        facts = title_facts(att.speaker, (att.speaker_start, att.speaker_end), lang)
        if facts.person is not None or facts.plural:
            _remember(entities, att, text, lang, facts)
    return found


def _remember_subject(entities: list[_Entity], named: list[ExtractedAttribution],
                      text: Optional[str], s: int, e: int, lang: LanguageRules,
                      at: Optional[int] = None) -> None:
    """A sentence subject that mentions someone (``mentions.subject_mention``) becomes an
    entity, and a name among the names short references may stand for (``at``: where it
    counts as last mentioned, when not where it stands)."""
    mention = subject_mention(text, s, e, lang) if text is not None else None
    if mention is None:
        return
    att = ExtractedAttribution(text[mention.start:mention.end], None, mention.start,
                               mention.end, mention.start, mention.end)
    _remember(entities, att, text, lang, mention)
    if at is not None:
        for entity in entities:
            if entity.att.speaker_start == mention.start and entity.last == mention.start:
                entity.last = at
    if speaker_kind(att.speaker, lang) == "name":
        named.append(att)


def _remember(entities: list[_Entity], att: ExtractedAttribution, text: Optional[str],
              lang: LanguageRules, known: Optional[Mention] = None) -> None:
    """Add a named speaker, or move an entity already seen under the same name (or a person
    under the last word of their name: 'Trump' after 'Donald Trump') to the front. ``known``:
    what the words around the mention already say of it (a title, a determiner)."""
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
    if known is None and body_name(att.speaker, lang):  # 'La SNCF', 'Le Monde': no person
        known = Mention(att.speaker_start, att.speaker_end, False,
                        organisation_gender(att.speaker, lang))
    if known is not None and (known.person is not None or known.plural):
        person, gender = known.person, known.gender
        if person and gender is None:
            gender = first_name_gender(att.speaker, lang) or context_gender(text, att, lang)
        entities.append(_Entity(att, person, gender, att.speaker_start, known.plural))
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


def _touch(entities: list[_Entity], found: ExtractedAttribution, at: Optional[int]) -> None:
    """The entity a reference was resolved to is now last mentioned there."""
    for e in entities:
        if e.att.speaker_start == found.speaker_start and at is not None:
            e.last = max(e.last, at)


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
    rappelle'). The antecedent learns the pronoun's gender. 'ils'/'elles' take a group
    (``_group_antecedent``)."""
    if att.speaker_start is None:
        return None
    if att.speaker.lower() in listed(lang, "plural"):
        return _group_antecedent(att, entities, lang)
    return _single_antecedent(att, [e for e in entities if not e.plural], lang)


def _single_antecedent(att: ExtractedAttribution, entities: list[_Entity],
                       lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """The antecedent of a singular pronoun among entities that are no group."""
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


def _group_antecedent(att: ExtractedAttribution, entities: list[_Entity],
                      lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """'ils', 'elles': the group mentioned last, within ``PRONOUN_WINDOW`` characters ('Les
    agriculteurs bloquent l'A7. Ils dénoncent …'), unless its gender is the other one."""
    other = "m" if att.speaker.lower() in listed(lang, "feminine_plural") else "f"
    for e in sorted(entities, key=lambda e: -e.last):
        if e.plural and e.gender != other and 0 < att.speaker_start - e.last <= PRONOUN_WINDOW:
            e.last = att.speaker_start
            return e.att
    return None


def _take(e: _Entity, att: ExtractedAttribution, gender: Optional[str]) -> ExtractedAttribution:
    """The entity's attribution, now last mentioned at att; a name learns the gender (and so
    that it is a person's)."""
    if e.person is not False and e.gender is None and gender is not None:
        e.gender, e.person = gender, True
    e.last = att.speaker_start
    return e.att


def _latest_organisation(att: ExtractedAttribution, entities: list[_Entity],
                         lang: LanguageRules) -> Optional[ExtractedAttribution]:
    """'the company', 'l'institut', 'la caisse': a generic word for a body, whose own name
    never says it (Marsh Vale Water, l'Insee), stands for the organisation named last, within
    ``WINDOW`` characters, if nothing says that name is a person's. A possessive says the
    body belongs to someone ('son cabinet', 'sa direction'): no name stands for it."""
    if att.speaker_start is None or reference_head(att.speaker, lang) not in listed(
            lang, "generic_organisations"):
        return None
    first = WORD.match(att.speaker)
    if first is not None and first.group().lower() in listed(lang, "possessives"):
        return None
    for e in sorted(entities, key=lambda e: -e.last):
        if 0 < att.speaker_start - e.last <= WINDOW and e.person is not True \
                and speaker_kind(e.att.speaker, lang) == "name":
            e.last = att.speaker_start
            return e.att
    return None
