"""Claim extraction engine: sentences with figures and attributions, in French and English.

Pure Python and spaCy; no web framework imports here.
"""

from .decoding import decode_bytes
from .models import ExtractedAttribution, ExtractedClaim, ExtractedFigure, ExtractionError
from .pipeline import extract, extract_many

__all__ = [
    "extract",
    "extract_many",
    "ExtractedClaim",
    "ExtractedFigure",
    "ExtractedAttribution",
    "decode_bytes",
    "ExtractionError",
]
