"""Why a claim has its check-worthiness: the features that raised or lowered the score.

The score is a weighted sum of sentence features (``extraction.scoring``); each claim keeps the
features it was scored on. A feature's share is its weight times its value; the reasons are
the non-zero shares, largest first, in the reviewer's words.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..extraction.scoring import WEIGHTS

FEATURE_LABELS = {
    "figure": _l("states a figure"),
    "extra_figures": _l("more figures"),
    "attribution": _l("attributed to a source"),
    "named_speaker": _l("the source is named"),
    "quote": _l("a quotation with no reporting verb"),
    "names": _l("names people, places or bodies"),
    "question": _l("a question"),
    "first_person": _l("in the first person"),
    "hedge": _l("hedged (might, pourrait…)"),
    "short": _l("a very short sentence"),
}


@dataclass(frozen=True)
class Reason:
    """One feature's part in the score: ``share`` > 0 raised it, < 0 lowered it."""

    key: str
    label: str
    share: float

    @property
    def raises(self) -> bool:
        return self.share > 0


def score_reasons(features: dict | None) -> list[Reason]:
    """The features that moved the score, the strongest first (unknown features left out)."""
    shares = [(key, WEIGHTS[key] * float(value)) for key, value in (features or {}).items()
              if key in WEIGHTS and key in FEATURE_LABELS and value]
    return [Reason(key, str(FEATURE_LABELS[key]), round(share, 2))
            for key, share in sorted(shares, key=lambda item: -abs(item[1]))]
