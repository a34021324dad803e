"""Result types of the extraction engine: plain dataclasses with character offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


class ExtractionError(ValueError):
    """Input that cannot be turned into text or claims (binary data, unknown encoding)."""


@dataclass
class ExtractedFigure:
    """A number with its qualifier and unit; start/end index the original document text."""

    text: str
    start: int
    end: int
    value: Optional[float]
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@dataclass
class ExtractedAttribution:
    """Who said it (speaker) and how (cue); all offsets are document-absolute."""

    speaker: Optional[str]
    cue: Optional[str]
    start: int
    end: int
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None
    # When the sentence calls the speaker by a pronoun or a short reference ("elle", "the
    # agency") named earlier in the document: those words and their offsets; ``speaker`` is
    # then the name and ``speaker_start``/``speaker_end`` that earlier occurrence.
    speaker_mention: Optional[str] = None
    mention_start: Optional[int] = None
    mention_end: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "speaker": self.speaker,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "speaker_mention": self.speaker_mention,
            "mention_start": self.mention_start,
            "mention_end": self.mention_end,
        }

    def mention_span(self) -> tuple[Optional[int], Optional[int]]:
        """Where the sentence itself refers to the speaker."""
        if self.speaker_mention is not None:
            return self.mention_start, self.mention_end
        return self.speaker_start, self.speaker_end


@dataclass
class ExtractedClaim:
    """One check-worthy sentence with its figures, attribution and score."""

    sentence: str
    start: int
    end: int
    kinds: list[str]
    figures: list[ExtractedFigure] = field(default_factory=list)
    attribution: Optional[ExtractedAttribution] = None
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)
    lang: str = "fr"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (nested figures and attribution included)."""
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "kinds": list(self.kinds),
            "figures": [f.to_dict() for f in self.figures],
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "score": self.score,
            "features": dict(self.features),
            "lang": self.lang,
        }
