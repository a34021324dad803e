"""Publishing: public fact-check pages, ClaimReview, badges, embeds and feeds."""
from flask import Blueprint

bp = Blueprint("publish", __name__)

from . import routes  # noqa: E402,F401  (attaches the views to bp)
from .embed import card_height  # noqa: E402

# The claim page's "embed this" code (review area) sizes the card as oEmbed does.
bp.add_app_template_global(card_height, "embed_card_height")
