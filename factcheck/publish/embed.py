"""The embed card's height: what its iframe needs so that no line of the claim is cut off.

The card (``publish/embed.html``) shows a kicker, the claim (at most 220 characters, in the
serif face at 1.1rem, 1.45 line height), the rating pill and a link. Its height is measured
in Chromium for one line of claim at each width and grows by a line height per extra line;
lines are counted with a narrower glyph than the face's average, so the estimate errs on the
tall side (tests/browser/test_embed.py checks the shortest and longest claims at 200 to 640 px).
"""
import math

SHOWN = 225  # the card truncates the claim at 220 characters (Jinja's truncate leeway is 5)
LINE = 26  # px per line of claim
SIDE_PADDING = 44  # px: the card's horizontal padding and border
GLYPH = 8.6  # px: a generous average width of a character of the claim's face
NARROW_GLYPH = 10.5  # px, below 320 px: short lines waste more of their width
SPARE = 12  # px below the last element


def card_height(wording: str, width: int) -> int:
    """Pixels the iframe needs to show the card for ``wording`` at ``width`` pixels."""
    glyph = GLYPH if width >= 320 else NARROW_GLYPH  # a narrow card breaks lines earlier
    per_line = max(10, math.floor((width - SIDE_PADDING) / glyph))
    lines = max(1, math.ceil(len(wording[:SHOWN]) / per_line))
    one_line = 192 if width >= 320 else 240  # below 320 px the kicker and link wrap too
    return one_line + (lines - 1) * LINE + SPARE
