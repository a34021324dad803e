"""Cutting a document into pieces spaCy can take, and putting claim offsets back."""
import dataclasses
import re
from collections import Counter
from itertools import groupby
from typing import Callable, Iterator, Optional, Sequence

from .language import detect_lang, paragraph_lang
from .models import ExtractedClaim
from .pipeline import extract_many

# Extraction runs pieces of about this size: progress is reported per piece, and every
# piece stays far below spaCy's nlp.max_length (1,000,000 characters by default), past
# which spaCy refuses a text outright.
CHUNK_CHARS = 20_000
# The end of a sentence: its punctuation, closing quotes or brackets, then white space.
SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*(?=\s)")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

ProgressCallback = Callable[[float], None]


def claims_by_chunk(text: str, lang: str, on_progress: Optional[ProgressCallback] = None,
                    batch_size: int = 1) -> Iterator[ExtractedClaim]:
    """Extract the pieces through nlp.pipe, shifting offsets back into ``text``.

    Claims come as their piece is done, and only ``batch_size`` pieces are parsed at a time,
    so a text of any length is extracted in bounded memory. One piece per batch by default:
    nlp.pipe would otherwise run several pieces before the first result, and progress would
    jump. With ``lang`` "auto" each paragraph is read in its own language (``language_runs``).
    """
    runs = language_runs(text) if lang in (None, "", "auto") else [(0, len(text), lang)]
    pieces = [(run_lang, start + offset, chunk) for start, end, run_lang in runs
              for offset, chunk in paragraph_chunks(text[start:end])]
    done = 0
    for run_lang, group in groupby(pieces, key=lambda piece: piece[0]):
        group = list(group)
        results = extract_many((chunk for _, _, chunk in group), lang=run_lang,
                               batch_size=batch_size)
        for (_, offset, _), claims in zip(group, results, strict=True):
            for claim in claims:
                yield shift(claim, offset)
            done += 1
            if on_progress is not None:
                on_progress(done / len(pieces))


def language_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) spans that join back into ``text``, each in one language: the
    text's language, detected on the whole, except for paragraphs (blank-line separated) that
    are clearly in the other one; neighbouring paragraphs of one language are joined."""
    text_lang = detect_lang(text)
    runs: list[tuple[int, int, str]] = []
    starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    for start, end in zip(starts, starts[1:] + [len(text)], strict=True):
        lang = paragraph_lang(text[start:end], text_lang)
        if runs and runs[-1][2] == lang:
            runs[-1] = (runs[-1][0], end, lang)
        else:
            runs.append((start, end, lang))
    return runs or [(0, len(text), text_lang)]


def paragraph_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``size`` characters that join back into ``text``.

    Pieces end at blank lines; a paragraph longer than ``size`` is cut at its last
    sentence end that fits, failing that at white space, failing that anywhere.
    """
    start = 0
    while start < len(text):
        limit = start + size
        end = len(text) if len(text) <= limit else text.rfind("\n\n", start, limit)
        if end <= start:
            end = _cut_inside_paragraph(text, start, limit)
        yield start, text[start:end]
        start = end


def _cut_inside_paragraph(text: str, start: int, limit: int) -> int:
    """Where to end a piece of one long paragraph: a sentence end, a space, or ``limit``."""
    last_sentence_end = None
    for match in SENTENCE_END.finditer(text, start, limit):
        last_sentence_end = match.end()
    if last_sentence_end is not None and last_sentence_end > start:
        return last_sentence_end
    space = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit),
                text.rfind("\t", start, limit))
    return space if space > start else limit


def shift(claim: ExtractedClaim, offset: int) -> ExtractedClaim:
    """The claim with every character offset moved by ``offset``."""
    if offset == 0:
        return claim
    figures = [dataclasses.replace(f, start=f.start + offset, end=f.end + offset)
               for f in claim.figures]
    attribution = claim.attribution
    if attribution is not None:
        attribution = dataclasses.replace(attribution, **{
            key: getattr(attribution, key) + offset
            for key in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end",
                        "mention_start", "mention_end")
            if getattr(attribution, key) is not None})
    return dataclasses.replace(claim, start=claim.start + offset, end=claim.end + offset,
                               figures=figures, attribution=attribution)


def claims_of_many(texts: Sequence[str], langs: Sequence[str],
                   batch_size: int = 32) -> Iterator[tuple[int, list[ExtractedClaim]]]:
    """(index, claims) of each text, through one nlp.pipe per language across all the texts.

    Texts are cut into pieces as ``claims_by_chunk`` cuts them, and every piece of every text of
    a language goes through the same pipe, in this process (``documents.batch`` spreads
    texts over processes). A text is given back as soon as its last piece is done, so results
    come in pipe order, not input order.
    """
    for lang in sorted(set(langs)):
        pieces = [(i, offset, chunk) for i, text in enumerate(texts) if langs[i] == lang
                  for offset, chunk in paragraph_chunks(text)]
        waiting = Counter(i for i, _, _ in pieces)
        yield from ((i, []) for i, text in enumerate(texts)
                    if langs[i] == lang and i not in waiting)
        found: dict[int, list[ExtractedClaim]] = {}
        results = extract_many((chunk for _, _, chunk in pieces), lang=lang,
                               batch_size=batch_size)
        for (i, offset, _), claims in zip(pieces, results, strict=True):
            found.setdefault(i, []).extend(shift(claim, offset) for claim in claims)
            waiting[i] -= 1
            if not waiting[i]:
                yield i, found.pop(i)
