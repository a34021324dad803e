"""Turn uploaded bytes into text: UTF-8 first, else charset detection."""

from __future__ import annotations

from .models import ExtractionError

_CONTROL_OK = {9, 10, 12, 13}


def decode_bytes(data: bytes) -> str:
    """Decode document bytes to str; raise ExtractionError for binary or undetectable input."""
    if b"\x00" in data:
        raise ExtractionError("binary input (NUL bytes); expected a text document")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data)
    if _looks_binary(text):
        raise ExtractionError("binary input (control characters); expected a text document")
    return text


# Our articles are French and English: among equally clean guesses, a Western code page wins
# (short Latin-1 texts otherwise come out as cp1250, "près" read as "prčs").
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "mac_roman")


def _detect(data: bytes) -> str:
    """Decode with charset-normalizer's guess, preferring Western encodings on a tie."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise ExtractionError("cannot detect the text encoding")
    for candidate in results:
        if candidate.encoding in _WESTERN and candidate.chaos <= best.chaos + 0.01:
            return str(candidate)
    return str(best)


def _looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are C0 control characters."""
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and ord(c) not in _CONTROL_OK)
    return bool(sample) and bad > max(2, len(sample) // 100)
