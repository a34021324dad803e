"""Speaker spans next to a reporting cue: from the dependency parse, else by word-order rules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from . import lexicon

Span = Optional[tuple[int, int]]
_WORD = re.compile(r"[^\W_][^\s,;:!?()«»“”\"\[\]—–]*(?<![.'’])")
_BOUNDARY = re.compile(
    r"[,;:«»“”\"()\[\]—–]|\b(?:that|que|qu['’]|but|mais|because|car|while|tandis|lorsque|"
    r"quand|when|if|si|as|comme|where|où|since|puisque|who|qui|dont|after|before)\b"
)
_STOP_AFTER = (
    "dans à au aux lors en pour sur avec devant après avant depuis pendant que qu qui dont où "
    "ce cette selon mais car alors ainsi qu'il qu'elle in on at during to after before while with "
    "that who which when as told adding saying last this earlier later recently but also "
    "because if whether since about par"
).split()
_LEADING = re.compile(r"^(?:and|et|but|mais|so|then|alors|puis|or|ou|now|still|yet)\s+", re.I)
_STOP_DEPS = {"acl", "acl:relcl", "relcl", "appos", "conj", "cc", "advcl", "punct", "parataxis"}
MAX_WORDS = 8
_CLAUSE_VERBS = frozenset(
    "was were is are has have had will would could should can may might must did does do "
    "est sont a ont était étaient sera seront va vont doit doivent peut peuvent pourrait "
    "serait avait avaient".split()
)
_PRONOUNS = frozenset("he she they it we i you il elle ils elles on je tu nous vous".split())


@lru_cache(maxsize=None)
def _stop_after(lang: str) -> frozenset[str]:
    days = [w.lower() for w in lexicon.words("weekdays", lang) + lexicon.words("months", lang)]
    return frozenset(_STOP_AFTER + days)


def np_after(text: str, pos: int, end: int, lang: str) -> Span:
    """The noun phrase right after a cue ('said Mr Lee', 'selon KCNA'), up to a stop."""
    words = []
    for m in _WORD.finditer(text, pos, end):
        if text[pos : m.start()].strip() or len(words) >= MAX_WORDS:
            break
        w = m.group().lower().replace("’", "'")
        if w in _CLAUSE_VERBS and words:
            return None
        if w in _stop_after(lang) or (words and w.split("'")[0] in ("qu",)):
            break
        words.append(m.span())
        pos = m.end()
    if not words:
        return None
    if len(words) > 1 and text[words[0][0] : words[0][1]].lower() in _PRONOUNS:
        return None
    return words[0][0], words[-1][1]


def appositive_subject(text: str, start: int, cue: int, lang: str) -> Span:
    """'Mike Mayo, a banking analyst at CLSA, said': the capitalised name before the appositive."""
    cuts = [start] + [start + m.end() for m in re.finditer(",", text[start:cue])]
    segs = list(zip(cuts, cuts[1:], strict=False))
    nearest = None
    for a, b in reversed(segs[-4:]):
        chunk = text[a : b - 1].strip()
        if not chunk or any(q in chunk for q in '«»“”"'):
            break
        span = np_before(text, a, b - 1, lang)
        nearest = nearest or span
        if span and chunk[:1].isupper() and len(chunk.split()) <= 6:
            return span
    return nearest


def np_before(text: str, start: int, cue: int, lang: str) -> Span:
    """The subject right before a cue: words back to the last punctuation or subordinator."""
    seg = text[start:cue]
    cut = 0
    for m in _BOUNDARY.finditer(seg):
        cut = m.end()
    rest = seg[cut:]
    lead = _LEADING.match(rest.lstrip())
    offset = start + cut + (len(rest) - len(rest.lstrip())) + (lead.end() if lead else 0)
    spans = [m.span() for m in _WORD.finditer(text, offset, cue)]
    while spans and text[spans[-1][0] : spans[-1][1]].endswith("ly") and len(spans) > 1:
        spans.pop()
    spans = spans[-MAX_WORDS:]
    return (spans[0][0], spans[-1][1]) if spans else None


def token_at(doc, char: int):
    """The token of doc that covers a character offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def parse_speaker(doc, cue_start: int, cue_end: int) -> Span:
    """Subject of the cue verb in the dependency parse, trimmed at clauses and punctuation."""
    verb = token_at(doc, cue_end - 1)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.is_punct:
        return None
    toks = list(subj.subtree)
    left = [t for t in toks if t.i <= subj.i]
    while left and any(x.is_punct for x in left):
        left = left[[x.is_punct for x in left].index(True) + 1 :]
    right = []
    for t in toks:
        if t.i > subj.i:
            if t.is_punct or t.dep_ in _STOP_DEPS or t.idx >= cue_start:
                break
            right.append(t)
    span = (left or [subj]) + right
    return span[0].idx, span[-1].idx + len(span[-1].text)
