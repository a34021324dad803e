"""Text on a rating's colour: black or white, whichever reads better (WCAG contrast)."""
import re

DARK, LIGHT = "#000000", "#ffffff"
_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb" (0 black, 1 white); an unreadable value is grey."""
    match = _HEX.fullmatch(colour.strip()) if colour else None
    if match is None:
        return 0.18
    channels = [int(match.group(1)[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(background: str) -> str:
    """The text colour for ``background``: white unless dark text contrasts more."""
    return DARK if contrast(background, DARK) > contrast(background, LIGHT) else LIGHT
