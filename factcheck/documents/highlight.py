"""Cut a document's text into pieces so templates can mark claims, figures and speakers."""
from dataclasses import dataclass, field
from typing import Optional

from ..models import Claim


@dataclass
class Piece:
    """A run of text, with the marks that cover it ('figure', 'speaker', 'cue')."""

    text: str
    marks: tuple[str, ...] = ()


@dataclass
class Block:
    """Plain text between claims, or one claim's sentence cut into marked pieces."""

    claim: Optional[Claim]
    pieces: list[Piece] = field(default_factory=list)


def claim_marks(claim: Claim) -> list[tuple[int, int, str]]:
    """Document-absolute spans inside a claim that deserve a mark."""
    marks = [(f.start_char, f.end_char, "figure") for f in claim.figures
             if f.end_char > f.start_char]
    attribution = claim.attribution
    if attribution is not None:
        if attribution.speaker_start is not None and attribution.speaker_end is not None:
            marks.append((attribution.speaker_start, attribution.speaker_end, "speaker"))
        if attribution.cue_start is not None and attribution.cue_end is not None:
            marks.append((attribution.cue_start, attribution.cue_end, "cue"))
    return [(max(s, claim.start_char), min(e, claim.end_char), k) for s, e, k in marks
            if s < claim.end_char and e > claim.start_char]


def split_marked(text: str, offset: int, marks: list[tuple[int, int, str]]) -> list[Piece]:
    """Pieces of ``text`` (which starts at ``offset`` in the document) under ``marks``."""
    cuts = sorted({0, len(text)} | {max(0, min(len(text), p - offset))
                                    for s, e, _ in marks for p in (s, e)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        covering = tuple(sorted({k for s, e, k in marks if s - offset <= a and e - offset >= b}))
        pieces.append(Piece(text[a:b], covering))
    return pieces


def document_blocks(text: str, claims: list[Claim]) -> list[Block]:
    """The whole text as blocks; overlapping claims are shown once, the first one wins."""
    blocks, cursor = [], 0
    for claim in sorted(claims, key=lambda c: (c.start_char, -c.end_char)):
        if claim.start_char < cursor:
            continue
        if claim.start_char > cursor:
            blocks.append(Block(None, [Piece(text[cursor:claim.start_char])]))
        sentence = text[claim.start_char:claim.end_char]
        blocks.append(Block(claim, split_marked(sentence, claim.start_char, claim_marks(claim))))
        cursor = claim.end_char
    if cursor < len(text):
        blocks.append(Block(None, [Piece(text[cursor:])]))
    return blocks


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph (blank-line separated) holding ``start``..``end``."""
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after)
