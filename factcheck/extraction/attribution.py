"""Find who is reported as saying a sentence: reporting verbs, 'selon'/'according to', quotes."""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

from .cue_rules import CueRules, cue_rules
from .grammar import Grammar, grammar
from .lang import Lang, rules_for
from .mentions import subject_mention, title_facts
from .models import ExtractedAttribution
from .speakers import (
    PARTICLES,
    adverbial,
    appositive_name,
    appositive_subject,
    clause_subject,
    descriptor_name,
    document_source,
    np_after,
    np_before,
    parse_speaker,
    participle,
    speaker_words,
    trim_adverbs,
)

LETTERS = re.compile(r"[^\W\d_]+")
_QUOTE = re.compile(r"«[^»]{2,}»?|“[^”]{2,}”?|\"[^\"]{2,}\"|‘[^’]{6,}’|^[—–]\s*[A-ZÀ-Þ«].*", re.M)
_INVERTED_BEFORE = re.compile(r"[,”»\"'’—–:?!…]\s*$|^\s*$")
_UNOPENED = re.compile(r"[^“”«»\"\n]{6,}?(?:[,.!?…]\s*[\"”]|\s»)")
# a subject and its appositives before the cue: 'Me Paul-Henri Dacosta, avocat de la défense, ',
# 'Mr. Sloan, 56, ', 'La rectrice, Sylvie Marchal, '
_APPOSED = re.compile(
    r"^\W{0,2}(?:[A-ZÀ-Þ]|(?:l['’]|la |le |les |the |son |sa |ses |its |his |her )[a-zà-ÿ])"
    r"[^,«»“”\":;]{0,70}(?:,[^,«»“”\":;]{1,90}){1,3},\s*(?:\w+\s+){0,2}$")
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
_AFTER_QUOTE = re.compile(r"[”»\"’]\s*,?\s*$")
_QUOTE_BEFORE = re.compile(r"[”»\"'’—–:?!…]\s*,?\s*$|^\s*$")
_ASIDE = re.compile(r"\s\([^()\n]{1,40}\)(?=[\s,])")
_COLON_QUOTE = re.compile(r"\s:\s*[«“\"]")
_COLON = re.compile(
    r"[\"“]?(?P<sp>[A-ZÀ-Þ][\w.'’&-]*(?:[ ,]+[\w.'’&-]+){0,7}?)\s?:\s+(?P<q>[\"“‘«'])?"
)


def find_attribution(
    text: str, start: int, end: int, lang: Lang, doc=None, words=None
) -> Optional[ExtractedAttribution]:
    """Attribution of the sentence text[start:end] (document offsets), or None.

    words: the sentence's lower-cased letter runs, when the caller already has them.
    """
    lang = rules_for(lang)
    rules, g = cue_rules(lang), grammar(lang)
    words = LETTERS.findall(text.lower(), start, end) if words is None else words
    said = _without_asides(text, start, end)
    quotes = _quotes(said, start, end)
    cands = _cues(said, start, end, rules, g, quotes, not rules.triggers.isdisjoint(words))
    best = None
    for cue in cands:
        att = _resolve(said, start, end, cue, lang, doc)
        if att is not None and (best is None or _rank(att, cue, rules, said, start, end)
                                > _rank(*best, rules, said, start, end)):
            best = (att, cue)
    att = best[0] if best else _colon_quote(said, start, end, lang, quotes) \
        or _bare_quote(said, start, end, quotes)
    if att is None or said is text:
        return att
    return dataclasses.replace(  # the words as written, asides included
        att, speaker=text[att.speaker_start:att.speaker_end] if att.speaker is not None
        else None, cue=text[att.cue_start:att.cue_end] if att.cue is not None else None)


def _without_asides(text: str, start: int, end: int) -> str:
    """The text with the short asides in brackets of text[start:end] blanked ('Marie Lopez
    (PS) juge', 'Le député (LFI) de Seine-Saint-Denis, Éric Lamy,'): a party or an age
    between a name and its verb hides neither; same length, so every offset holds."""
    if "(" not in text[start:end]:
        return text
    inner = _ASIDE.sub(lambda m: " " * len(m.group()), text[start:end])
    return text[:start] + inner + text[end:]


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted spans of the sentence, a quote opened in an earlier sentence included (its
    closing mark comes first: 'Not sure I believe her," Podesta replied.')."""
    spans = []
    m = _UNOPENED.match(text, start, end)
    if m:
        spans.append((start, m.end()))
        start = m.end()
    return spans + [q.span() for q in _QUOTE.finditer(text, start, end)]


def _rank(att: ExtractedAttribution, cue: dict, rules: CueRules, text: str, start: int,
          end: int) -> tuple:
    """Prefer cues outside quotes, then a source closing the sentence after a comma ('…, The
    Athletic reported.', '…, selon le projet de loi présenté mercredi': the verbs before it
    are what it reports), then named speakers over pronouns, then earlier cues."""
    named = bool(att.speaker) and att.speaker.lower() not in rules.pronouns
    rest = text[att.end:end].strip(" \t\n.!?\"'”»’)")
    closing = bool(att.speaker) and text[start:att.start].rstrip().endswith(",") \
        and (not rest or (cue["kind"] == "prep" and _modifier_only(rest, rules)))
    return (not cue["in_quote"], closing, bool(att.speaker), named, -cue["start"])


def _modifier_only(rest: str, rules: CueRules) -> bool:
    """'présenté mercredi', 'publiée lundi': only a participle's modifier after a source
    ('…, selon le projet de loi de finances présenté mercredi.')."""
    first = LETTERS.match(rest)
    return first is not None and "," not in rest \
        and participle(first.group(), speaker_words(rules.lang))


def _cues(text, start, end, rules: CueRules, g: Grammar, quotes,
          triggered: bool = True) -> list[dict]:
    """Every acceptable cue in the sentence, as dicts with offsets and kind."""
    m = g.leading_prep.match(text, start, end) if g.leading_prep else None
    if m is None:
        m = g.leading_title.match(text, start, end)
        facts = title_facts(m.group("np"), m.span("np"), rules_for(rules.lang)) if m else None
        m = m if facts is not None and facts.person and not facts.plural else None
    out = [dict(_cue(m, "prep", quotes), end=m.end("cue"))] if m else []
    out.extend(_colon_cue(text, start, end, g))
    if not triggered:
        return out
    blocked = [m.span() for m in g.exclude.finditer(text, start, end)]
    for m in rules.inverted.finditer(text, start, end):
        pron = "ip1" if m.group("ip1") else "ip2"
        out.append(_cue(m, "inverted", quotes, pron=m.span(pron)))
    for m in rules.prep.finditer(text, start, end):
        out.append(_cue(m, "prep", quotes))
    for m in rules.verb.finditer(text, start, end):
        if not any(c["start"] <= m.start("v") < c["end"] for c in out) and _verb_ok(
            text, m, rules, g, start, end, quotes
        ):
            out.append(_cue(m, "verb", quotes))
    blocked += [(c["start"], c["end"]) for c in out if g.idiom_object.match(text, c["end"], end)]
    return [c for c in out if not any(s < c["end"] and c["start"] < e for s, e in blocked)]


def _colon_cue(text, start, end, g: Grammar) -> list[dict]:
    """'MS. CLINTON: You are...', 'Jane Doe, The Times: "..."': a name, a colon, then speech."""
    m = _COLON.match(text, start, end)
    if not m:
        return []
    name = m.group("sp").split(",")[0].strip()
    caps = sum(c.isupper() for c in name) > 0.6 * sum(c.isalpha() for c in name)
    words = name.lower().replace("’", "'").split()
    if not (m.group("q") or caps) or not words or set(w.split("'")[0] for w in words) & g.labels:
        return []
    if not caps and any(w[:1].islower() and w not in PARTICLES for w in name.split()[1:]):
        return []  # 'She added: "…"', 'Elle a répondu : « … »': a clause, its verb is the cue
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


def _verb_ok(text, m: re.Match, rules: CueRules, g: Grammar, start, end, quotes) -> bool:
    """Weak verbs need a reporting context: 'that'/'que'/colon/quote after, or inverted order."""
    v = m.group("v").lower()
    if not m.group("aux") and not text[start:m.start()].strip() \
            and participle(v, speaker_words(rules.lang)):
        return False  # 'Interrogé, le ministère n'a pas répondu': a participle opens a clause
    inverted = _INVERTED_BEFORE.search(text[start : m.start()]) is not None
    verb = m.start("v")  # the auxiliaries before it count: 'n'a pas réagi', 'did not say'
    if g.reflexive.search(text, max(start, m.start() - 12), m.start()) \
            or g.negation.search(text, max(start, m.start() - 24), verb):
        return False
    if v in rules.weak and g.passive.search(text, max(start, m.start() - 24), verb):
        return False  # 'Il est jugé devant le tribunal'
    if v in rules.inverted_only:
        return inverted and bool(quotes)
    if v in rules.quoted:  # 'a défendu « un budget »', not 'défend son titre'
        return bool(quotes) and not any(a < m.start() < b for a, b in quotes)
    if v not in rules.weak:
        return True
    if g.possessive.search(text, max(start, m.start() - 40), m.start()):
        return False
    if inverted and not g.subject_after.match(text, m.end()):
        inverted = False
    final = g.final.fullmatch(text, m.end(), end) is not None and "," in text[start : m.start()]
    outside = bool(quotes) and not any(a < m.start() < b for a, b in quotes)
    if v in rules.clause_only:
        return bool(g.that.match(text, m.end()) or inverted or outside)
    return bool(
        g.that.match(text, m.end()) or inverted or outside or final
        or _has_subject(text, start, m, rules, g)
    )


def _has_subject(text, start, m: re.Match, rules: CueRules, g: Grammar) -> bool:
    """A name, pronoun or 'the <noun>' before a cue ('The report noted', 'Clinton warns')."""
    before = text[start:m.start()]
    if (_apposed(before, rules.lang) or g.sentence_subject.match(before)) \
            and not g.infinitive_after.match(text, m.end()):
        return True  # 'La rectrice, Sylvie Marchal, conteste', 'La mairie conteste'
    prev = g.prev_word.search(text[start : m.start()])
    if not prev or prev.group(1).lower() in g.not_subject \
            or g.participle_after.match(text, m.end()):
        return False
    word, v = prev.group(1), m.group("v").lower()
    if word.lower() in rules.pronouns or m.group("aux"):
        return True
    if word[:1].isupper() and (prev.start(1) > 0 or g.clause_start.match(text, m.end())):
        return True
    finite = (
        v.endswith(g.finite_endings) and not v.endswith("ss")
        and not g.noun_next.match(text, m.end())
    ) if g.finite_endings else False
    return finite and bool(g.det_noun.search(text[start : m.start()]))


def _resolve(text, start, end, cue: dict, lang, doc) -> Optional[ExtractedAttribution]:
    """Attach a speaker span to a cue (parse first, then rules); adverbials are no speakers."""
    cs, ce = cue["start"], cue["end"]
    rules, sw, g = cue_rules(lang), speaker_words(lang), grammar(lang)
    form = text[cue["verb_start"]:ce].lower() if cue["kind"] == "verb" else ""
    before = text[start:cs]
    if cue["pron"]:
        sp = cue["pron"]
    elif cue["kind"] == "prep":
        sp = np_after(text, ce, end, lang)
    elif sw.gerunds and form.endswith(sw.gerunds) and before.rstrip().endswith(",") \
            and not _QUOTE_BEFORE.search(before.rstrip()[:-1]):
        # 'Donald Trump is slamming the deal, saying': the subject of the sentence
        sp = clause_subject(text, start, cs, lang)
    elif g.inverting.search(before):  # 'comme l'a souligné le président, Arnaud Mercier'
        sp = _np_after_cue(text, ce, end, lang)
    else:
        # 'told reporters', 'urged the council': the words after the verb are its listener
        listener = form in rules.listener and not _AFTER_QUOTE.search(before)
        parsed = _parsed_speaker(text, doc, start, cs, ce, lang)
        sp = parsed if g.parse_first else None
        sp = sp or (None if listener else _inverted_speaker(text, start, end, cs, ce, lang))
        sp = sp or parsed
        sp = sp or _rule_speaker(text, start, end, cs, ce, lang, after=not listener)
        if sp and sp[1] <= cs:  # 'Le maire, Paul Girard, a déclaré': the name, not the title
            sp = appositive_name(text, sp, cs, lang)
    sp = trim_adverbs(text, sp, lang)
    if adverbial(text, sp, lang):
        sp = None
    if sp is not None:  # 'Le fournisseur Volta Énergie estime': the name, not its descriptor
        limit = cs if sp[1] <= cs else end
        sp = descriptor_name(text, document_source(text, sp, limit, lang), limit, lang)
    return _make(text, start, end, cs, ce, sp)


def _parsed_speaker(text, doc, start, cs, ce, lang):
    """The cue verb's subject in the parse, unless what the parse took is an adverbial ('Dans
    un communiqué, l'entreprise précise': the rules then find the subject); the name before
    it when it is a title set off by commas ('Me Karim Haddad, l'avocat du prévenu, a
    plaidé')."""
    sp = parse_speaker(doc, cs, ce) if doc is not None else None
    if sp is None or adverbial(text, trim_adverbs(text, sp, lang), lang):
        return None
    return _name_before_title(text, start, sp, cs, lang) or sp


def _name_before_title(text, start, sp, cs, lang):
    """The capitalised name a title is set off by commas after, right before the cue."""
    words = text[sp[0]:sp[1]].split()
    if sp[1] > cs or not words or text[sp[1]:cs].strip(" ,") \
            or not text[start:sp[0]].rstrip().endswith(","):
        return None
    first = words[0].lower().replace("’", "'")
    if not (words[0][:1].islower() or first in speaker_words(lang).openers
            or first[:2] in ("l'", "d'")):
        return None
    name = appositive_subject(text, start, cs, lang)
    named = name is not None and name[1] <= sp[0] and not adverbial(text, name, lang) and all(
        w[:1].isupper() or w in PARTICLES for w in text[name[0]:name[1]].split()) \
        and text[name[0]:name[1]].lower() not in speaker_words(lang).stop_after
    return name if named else None  # not 'Mardi, le maire a promis'


def _inverted_speaker(text, start, end, cs, ce, lang):
    """'..., a déclaré Séoul.' / '"...," said Mr Lee': the noun phrase after a cue after a comma
    (not after a subject's appositive: 'Ofsted, the schools watchdog, welcomed the findings')."""
    before = text[start:cs]
    if _INVERTED_BEFORE.search(before) and before.strip() and not _apposed(before, lang):
        return _np_after_cue(text, ce, end, lang)
    return None


def _np_after_cue(text, ce, end, lang):
    """The subject after a post-posed cue, past a time or a listener if need be ('», a
    précisé à l'AFP le directeur du chantier')."""
    sp = np_after(text, ce, end, lang)
    skip = grammar(lang).after_cue.match(text, ce, end) if sp is None else None
    return np_after(text, skip.end(), end, lang) if skip and skip.end() > ce else sp


def _apposed(before: str, lang) -> bool:
    """Whether the words before a cue are a subject and its appositives: no verb in them ('La
    hausse, de 0,3 point, est la plus forte, relève' is a clause) and no adverbial first ('Sur
    la ligne 13, le trafic restera normal, a assuré')."""
    before = _DECIMAL.sub(".", before)
    if _APPOSED.match(before) is None:
        return False
    g = grammar(lang)
    first = LETTERS.search(before)
    return not g.clause.search(before) and not (
        first and first.group().lower() in speaker_words(lang).not_starts)


def _rule_speaker(text, start, end, cs, ce, lang, after: bool = True):
    """After a quote ('..., said X') the words after the cue; otherwise the subject before
    (``after``: the words after the cue may be the speaker)."""
    before = text[start:cs]
    later = _np_after_cue(text, ce, end, lang) if after else None
    if _QUOTE_BEFORE.search(before):
        return later or np_before(text, start, cs, lang)
    if before.rstrip().endswith(","):
        return appositive_subject(text, start, cs, lang) or later
    if later is not None and (text[later[0]].isdigit() or speaker_words(lang).trailing.search(
            before)):  # 'et réclamé 500 logements': the words after the verb are its object
        later = None
    return np_before(text, start, cs, lang) or later


def _make(text, start, end, cs, ce, sp) -> ExtractedAttribution:
    ss, se = sp if sp else (None, None)
    lo = min(cs, ss) if ss is not None else cs
    hi = max(ce, se) if se is not None else ce
    return ExtractedAttribution(text[ss:se] if sp else None, text[cs:ce], lo, hi, ss, se, cs, ce)


def _colon_quote(text, start, end, lang, quotes) -> Optional[ExtractedAttribution]:
    """'La directrice, Martine Leroy, est inquiète : « Nous avons 32 élèves par classe. »': a
    clause whose subject names someone, then a colon and a quote; the colon is the cue."""
    colon = _COLON_QUOTE.search(text, start, end)
    if colon is None or any(a < colon.start() < b for a, b in quotes):
        return None
    subject = clause_subject(text, start, colon.start(), lang)
    mention = subject_mention(text, *subject, rules_for(lang)) if subject else None
    if mention is None:
        return None
    return _make(text, start, end, colon.start(), colon.start() + 1,
                 (mention.start, mention.end))


def _bare_quote(text, start, end, quotes) -> Optional[ExtractedAttribution]:
    """A sentence opening with a quote of four words or more: reported speech, speaker unknown."""
    for qs, qe in quotes:
        if qs - start <= 2 and len(text[qs:qe].split()) >= 4:
            return ExtractedAttribution(None, None, qs, qe)
    return None
