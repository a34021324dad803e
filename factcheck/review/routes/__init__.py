"""The review area's views: the queue, the claim page, verdict actions."""
from . import claims, queue, verdicts  # noqa: F401  (attach views to the blueprint)
