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


def _detect(data: bytes) -> str:
    """Decode with charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ExtractionError("cannot detect the text encoding")
    return str(best)


def _looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are C0 control characters."""
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and ord(c) not in _CONTROL_OK)
    return bool(sample) and bad > max(2, len(sample) // 100)
