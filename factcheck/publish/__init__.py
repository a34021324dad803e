"""Publishing: public fact-check pages, ClaimReview, badges, embeds and feeds."""
