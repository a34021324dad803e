"""Quotes that run over several sentences: every sentence of the quote keeps its speaker.

« Nous ne lâcherons rien. La direction doit revoir sa copie », martèle Yannick Morel.

The sentence splitter cuts the quote in two; only the last sentence holds the cue. A quote's
speaker is the one its closing sentence names after the closing mark (a post-posed cue), else
the one its opening sentence names before the opening mark ("Elle a répondu : « … »"). The
quote's other sentences then carry that speaker, with no mention and no cue of their own
(``speaker_mention`` stays None); one without a figure becomes a claim of its own.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Callable, Optional

from .models import ExtractedAttribution, ExtractedClaim

_PAIRS = {"«": "»", "“": "”"}
_MARKS = re.compile(r"[«»“”\"\n]")
PARAGRAPH = re.compile(r"\n[ \t]*\n")
MAX_QUOTE = 3000  # characters: an opening mark never closed within this is no quote


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotes of text, the closing mark included; straight double
    quotes pair up within a paragraph."""
    out, opened, straight = [], None, None
    for m in _MARKS.finditer(text):
        ch, at = m.group(), m.start()
        if ch == "\n":
            if text.startswith("\n", at + 1) or text.startswith("\r\n", at + 1):
                straight = None  # a paragraph ends: an unpaired straight quote is dropped
            continue
        if ch == '"':
            if straight is None:
                straight = at
            else:
                out.append((straight, at + 1))
                straight = None
        elif ch in _PAIRS:
            opened = (ch, at)
        elif opened and _PAIRS[opened[0]] == ch:
            if at - opened[1] <= MAX_QUOTE:
                out.append((opened[1], at + 1))
            opened = None
    return sorted(out)


def carry_quote_speakers(
    text: str,
    spans: list[tuple[int, int]],
    claims: list[ExtractedClaim],
    make_claim: Callable[[int, int, ExtractedAttribution], Optional[ExtractedClaim]],
) -> list[ExtractedClaim]:
    """The claims with the sentences of multi-sentence quotes given the quote's speaker.

    spans: the document's sentences (start, end) in order; make_claim(start, end, attribution)
    builds the claim of a quoted sentence that has none (no figure)."""
    by_start = {c.start: c for c in claims}
    starts = [s for s, _ in spans]
    changed = False
    for qs, qe in quote_regions(text):
        first = bisect.bisect_right(starts, qs) - 1
        last = bisect.bisect_left(starts, qe) - 1
        if first < 0 or last < first:
            continue
        inside = spans[first : last + 1]
        source = _source(text, by_start.get(inside[-1][0]), by_start.get(inside[0][0]), qs,
                         qe) if last > first else None
        if source is None and text[spans[first][0]:qs].strip(" «“\"") == "":
            source = _previous(text, spans, first, by_start)  # '« … », a déclaré X. « … »'
        if source is None:
            continue
        for s, e in inside:
            claim = by_start.get(s)
            if claim is not None and claim.attribution is not None \
                    and claim.attribution.speaker is not None \
                    and not _quoted_cue(text, claim.attribution, qs, qe, source):
                continue
            att = ExtractedAttribution(
                source.speaker, None, max(s, qs), min(e, qe), source.speaker_start,
                source.speaker_end)
            new = dataclasses.replace(claim, attribution=att, kinds=_kinds(claim)) \
                if claim is not None else make_claim(s, e, att)
            if new is not None:
                by_start[s] = new
                changed = True
    if not changed:
        return claims
    return [by_start[s] for s in sorted(by_start)]


def _source(text: str, closing: Optional[ExtractedClaim], opening: Optional[ExtractedClaim],
            qs: int, qe: int) -> Optional[ExtractedAttribution]:
    """The quote's speaker: a cue after its closing mark, else one before its opening mark,
    else an incise in its first sentence ('« Nous avons perdu 30 %, explique Luc Berger. Les
    clients ne viennent plus. »')."""
    for claim, after in ((closing, True), (opening, False)):
        att = claim.attribution if claim is not None else None
        if att is None or att.speaker is None or att.cue_start is None:
            continue
        if (after and att.cue_start >= qe - 1) or (not after and att.cue_end <= qs):
            return att
    att = opening.attribution if opening is not None else None
    if att is not None and att.speaker is not None and _incise(text, att, qs, qe):
        return att
    return None


def _incise(text: str, att: ExtractedAttribution, qs: int, qe: int) -> bool:
    """Whether a cue inside a quote interrupts it to name who speaks: after a comma, with
    its speaker inside the quote's marks too ('« Nous avons perdu 30 %, explique Luc
    Berger. …')."""
    return att.cue_start is not None and qs < att.cue_start < qe \
        and text[qs:att.cue_start].rstrip().endswith(",") \
        and att.speaker_start is not None and att.speaker_start >= att.cue_start


def _quoted_cue(text: str, att: ExtractedAttribution, qs: int, qe: int,
                source: ExtractedAttribution) -> bool:
    """Whether a sentence's own cue lies inside the quote, so that the one quoted says it ('«
    On nous a promis 2 millions. Nous n'avons rien vu », dénonce l'élu': 'On' promised
    nothing; the elected official speaks). The quote's incise is not such a cue."""
    return att is not source and att.cue_start is not None and qs < att.cue_start < qe - 1 \
        and not _incise(text, att, qs, qe)


def _previous(text: str, spans: list[tuple[int, int]], first: int,
              by_start: dict) -> Optional[ExtractedAttribution]:
    """The speaker of the sentence just before a quote that opens a sentence, when that
    sentence is in the same paragraph and quotes someone too: the quote goes on."""
    if first == 0:
        return None
    ps, pe = spans[first - 1]
    claim = by_start.get(ps)
    att = claim.attribution if claim is not None else None
    if att is None or att.speaker is None or att.cue_start is None \
            or PARAGRAPH.search(text, pe, spans[first][0]) \
            or not any(mark in text[ps:pe] for mark in "«“\""):
        return None
    return att


def _kinds(claim: ExtractedClaim) -> list[str]:
    return claim.kinds if "attribution" in claim.kinds else claim.kinds + ["attribution"]
