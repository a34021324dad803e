"""Words that mention someone a later pronoun or short reference may stand for.

Coreference (``coreference.py``) looks back over more than the speakers of claims: the subject
of a sentence that reports nothing ("Le préfet du Var, Didier Cros, a fait le point. Il
indique …"), and speakers that are common nouns for people or groups ("Le ministre a été
interpellé. « … », a-t-il répondu"; "Les agriculteurs bloquent l'A7. Ils dénoncent …"). This
module says which words are such a mention (a name, an organisation, a person's title, a
plural group) and what they tell of it: a person or not, a gender, a number.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from .genders import (
    ELIDED,
    WORD,
    first_name_gender,
    listed,
    organisation_gender,
    person_gender,
    unelided,
)
from .lang import Lang, LanguageRules
from .speakers import PARTICLES, appositive_name, descriptor_name, speaker_words

# a determiner, a title of a few words, then a name of two capitalised words or more between
# commas (or before the sentence's end)
_TITLED = re.compile(
    r"(?<![\w'’])(?P<title>(?:[Ll]e|[Ll]a|[Ll]['’]|[Ss]on|[Ss]a)\s*[a-zà-ÿ][\w'’-]*"
    r"(?:\s+[\w'’-]+){0,5}?)\s*,\s*(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+(?:de\s+|d['’]|van\s+|"
    r"von\s+)?[A-ZÀ-Þ][\w'’-]+){1,3})(?=\s*[,.;!?]|\s*$)")
_SPACE = re.compile(r"\s*")
# how many words after the determiner may hold the noun for a person ('le Premier ministre')
_TITLE_WORDS = 3


@dataclasses.dataclass(frozen=True)
class Mention:
    """Offsets of the words that mention someone, and what they say of it (None: unknown)."""

    start: int
    end: int
    person: Optional[bool] = None
    gender: Optional[str] = None
    plural: bool = False


def subject_mention(text: str, s: int, e: int, lang: LanguageRules) -> Optional[Mention]:
    """The mention a sentence subject text[s:e] makes, when it surely names someone: the name
    a title sets off by commas or introduces ('Le préfet du Var, Didier Cros', 'La ministre
    Élisabeth Garnier'), an organisation ('La préfecture'), a person's name of two capitalised
    words or more, or with a title or a known first name ('Paul Girard', 'M. Lee'), a title
    for a person ('Le maire de Pau'), a plural group ('Les agriculteurs'). A lone capitalised
    word opening a sentence ('Comment', 'Certes') proves nothing."""
    s, e = _without_plural_verb(text, s, e, lang)
    e = _first_conjunct(text, s, e, lang)
    words = text[s:e]
    if starts_with_determiner(words, lang):
        span = appositive_name(text, (s, e), len(text), lang)
        if span == (s, e):
            span = descriptor_name(text, (s, e), e, lang)
        if span is not None and span != (s, e):
            return dataclasses.replace(title_facts(text[s:span[0]], span, lang), plural=False)
    kind = speaker_kind(words, lang)
    if kind in ("name", "reference") and is_organisation(words, lang):
        return Mention(s, e, False, organisation_gender(words, lang), plural(words, lang))
    if kind == "name" and _surely_a_name(words, lang):
        return Mention(s, e)
    facts = title_facts(words, (s, e), lang)
    if facts.person or facts.plural:
        return facts
    if kind == "name" and body_name(words, lang):
        # 'La SNCF', "L'Insee", 'Météo-France': a body's name (an 'elle', 'l'entreprise' later)
        return Mention(s, e, False, organisation_gender(words, lang))
    if kind == "name" and _lone_name_before_verb(text, s, e, lang):
        return Mention(s, e)  # 'Enedis a mobilisé 400 techniciens.'
    return None


def _lone_name_before_verb(text: str, s: int, e: int, lang: LanguageRules) -> bool:
    """One capitalised word, no sentence adverb or date, right before an auxiliary or a
    modal ('Enedis a mobilisé', not 'Certes, …' or 'Lundi a été'), in a language whose common
    nouns take a determiner (``determiner_before_nouns``)."""
    found = WORD.findall(text[s:e])
    if not lang.setting("speakers", "determiner_before_nouns") or len(found) != 1 \
            or not found[0][:1].isupper():
        return False  # English: 'Parents are worried' opens with a common noun
    word, sw = found[0].lower(), speaker_words(lang)
    if word in lang.word_set("stopwords") | sw.adverbs | sw.not_starts | sw.stop_after:
        return False
    verb = WORD.match(text, _SPACE.match(text, e).end())
    return verb is not None and verb.group().lower() in sw.clause_verbs


def body_name(words: str, lang: Lang) -> bool:
    """A determiner right before a capitalised word ('La SNCF', "L'Insee", 'Le Monde'), or
    one word that is an acronym or capitalised on both sides of a hyphen ('Météo-France'):
    a name, where a lone capitalised word opening a sentence proves nothing."""
    found = WORD.findall(words)
    if not found:
        return False
    if len(found) == 1:
        parts = found[0].split("-")
        return len(found[0]) > 1 and (found[0].isupper() or (
            len(parts) > 1 and all(p[:1].isupper() for p in parts)))
    bare = unelided(found[0])
    second = bare if bare != found[0] else found[1]
    return starts_with_determiner(words, lang) and second[:1].isupper()


def speaker_kind(speaker: str, lang: Lang) -> str:
    """'pronoun', 'reference' (a determiner and up to three lower-case words), 'name' (a
    capitalised word that is not only the sentence's first), or 'other'."""
    words = WORD.findall(speaker)
    if not words:
        return "other"
    first = words[0].lower()
    if " ".join(words).lower() in listed(lang, "pronouns"):  # 'il', 'ce dernier'
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


def _first_conjunct(text: str, s: int, e: int, lang: LanguageRules) -> int:
    """Where the first of coordinated subjects ends ('Le maire de Grenoble | et son adjoint'):
    a later 'il' or 'l'édile' stands for one of them, and the first is the likelier."""
    words = lang.setting("speakers", "coordinators", [])
    m = re.search(rf"\s+(?:{'|'.join(map(re.escape, words))})\s+", text[s:e]) if words else None
    return s + m.start() if m else e


def _without_plural_verb(text: str, s: int, e: int, lang: LanguageRules) -> tuple[int, int]:
    """A plural subject up to its verb ('Les agriculteurs | bloquent l'A7'): the rules that
    find subjects know few present-tense verbs, but a plural one has its own ending."""
    verb = lang.setting("speakers", "plural_verb_re")
    found = list(WORD.finditer(text, s, e))
    if not verb or len(found) < 3 or not plural(text[s:e], lang):
        return s, e
    for w in found[2:]:
        if re.fullmatch(verb, w.group()):
            return s, len(text[:w.start()].rstrip())
    return s, e


def titled_names(text: str, s: int, e: int, lang: LanguageRules) -> list[tuple[int, int]]:
    """The names a title for a person sets off by commas in text[s:e], wherever they stand
    ('Le maire a reçu la ministre du Logement, Sophie Lenoir.')."""
    out = []
    for m in _TITLED.finditer(text, s, e):
        if title_facts(m.group("title"), m.span("name"), lang).person:
            out.append(m.span("name"))
    return out


def title_facts(title: str, span: tuple[int, int], lang: LanguageRules) -> Mention:
    """What a title or a common-noun phrase says of the one it names (at ``span``): 'la
    ministre' a woman, 'le syndicat' an organisation of masculine gender, 'les élus' a plural
    group; nothing when it says nothing."""
    if is_organisation(title, lang):
        return Mention(*span, False, organisation_gender(title, lang), plural(title, lang))
    if not person_reference(title, lang):
        return Mention(*span, plural=plural(title, lang))
    return Mention(*span, True, noun_gender(title, lang), plural(title, lang))


def starts_with_determiner(words: str, lang: LanguageRules) -> bool:
    """'Le maire', "L'avocate", 'Les élus': a determiner first (elided or not)."""
    found = WORD.findall(words)
    if not found:
        return False
    first = found[0].lower().replace("’", "'")
    elided = ELIDED.match(first)
    return first in listed(lang, "determiners") or (
        elided is not None and first[:elided.end()] in listed(lang, "determiners"))


def person_reference(words: str, lang: LanguageRules) -> bool:
    """'le maire de Pau', 'la porte-parole', "l'ancien ministre", 'le Premier ministre', 'les
    agriculteurs': a determiner and, among the next words before any complement, a noun for a
    person (its plural too)."""
    nouns = _person_nouns(lang)
    return starts_with_determiner(words, lang) and any(
        w in nouns or w.rstrip("sx") in nouns for w in _title_words(words, lang))


def noun_gender(words: str, lang: LanguageRules) -> Optional[str]:
    """The gender a title's noun or determiner gives: 'la ministre' f, "l'avocate" f, 'le
    maire' m, "l'économiste" None."""
    for w in _title_words(words, lang):
        w = w.rstrip("s")
        if w in listed(lang, "male_nouns"):
            return "m"
        if w in listed(lang, "female_nouns"):
            return "f"
    return organisation_gender(words, lang)


def plural(words: str, lang: LanguageRules) -> bool:
    """'Les agriculteurs', 'des élus', 'ces syndicats': a plural determiner first."""
    found = WORD.findall(words)
    return bool(found) and found[0].lower() in listed(lang, "plural_determiners")


def is_organisation(speaker: str, lang: LanguageRules) -> bool:
    """'la préfecture', 'the council': a determiner and an organisation word."""
    return any(unelided(w).lower() in listed(lang, "organisations")
               for w in WORD.findall(speaker)[:3])


def _title_words(words: str, lang: LanguageRules) -> list[str]:
    """The words after the determiner, up to a preposition ('le ministre | de la Santé')."""
    found = [unelided(w).lower() for w in WORD.findall(words)]
    preps = speaker_words(lang).prepositions
    if found and found[0] in listed(lang, "determiners"):
        found = found[1:]
    out = []
    for w in found[:_TITLE_WORDS]:
        if w in preps:
            break
        out.append(w)
    return out


def _person_nouns(lang: LanguageRules) -> frozenset[str]:
    return lang.memo("person_nouns", lambda: listed(lang, "person_nouns")
                     | listed(lang, "male_nouns") | listed(lang, "female_nouns"))


def _surely_a_name(words: str, lang: LanguageRules) -> bool:
    found = WORD.findall(words)
    if not found or found[0].lower() in speaker_words(lang).openers:
        return False
    capitals = [w for w in found if w[:1].isupper()]
    titled = person_gender(words, lang) not in (None, False)
    return titled or first_name_gender(words, lang) is not None or (
        len(capitals) >= 2 and len(capitals) == len([w for w in found
                                                       if w.lower() not in PARTICLES]))
