"""Review: the claim queue, the claim page, evidence and verdicts."""
